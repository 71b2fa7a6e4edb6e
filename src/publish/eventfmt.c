/* eventfmt: one event or document as a table row, a CSV line or a search
 * hit. */
#include "eventfmt.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "publish/format.h"
#include "util/url.h"
#include "util/esc.h"
#include "util/str.h"
#include "util/utf8.h"

const char *event_org_name(const event_t *e)
{
    switch (e->type) {
    case EVENT_ACQUISITION: return e->acquirer;
    case EVENT_INFRASTRUCTURE: return e->organization;
    default: return e->company ? e->company : e->ticker;
    }
}

double event_usd(const event_t *e)
{
    return e->type == EVENT_ACQUISITION ? e->price_usd : e->amount_usd;
}

static void detail(buf_t *b, const event_t *e, int full)
{
    switch (e->type) {
    case EVENT_FUNDING:
        if (full) {
            /* "Series C, valued at $1.7 billion"; no "Unspecified" */
            int round = e->round && strcmp(e->round, "Unspecified") != 0;
            if (round)
                buf_puts(b, e->round);
            if (!isnan(e->valuation_usd)) {
                buf_puts(b, round ? ", valued at " : "valued at ");
                fmt_usd_long(b, e->valuation_usd);
            }
            break;
        }
        buf_puts(b, e->round ? e->round : "Unspecified");
        if (!isnan(e->valuation_usd)) {
            buf_puts(b, " @ ");
            fmt_usd_short(b, e->valuation_usd);
        }
        break;
    case EVENT_ACQUISITION:
        if (full) { /* words, not "->": "acquired Wiz", "agreed to acquire Wiz" */
            const char *st = e->status ? e->status : "";
            if (!e->target)
                break;
            buf_puts(b, strcmp(st, "completed") == 0 ? "acquired " : strcmp(st, "pending") == 0 ? "agreed to acquire "
                                                                                               : "acquiring ");
            buf_puts(b, e->target);
            break;
        }
        buf_puts(b, "-> ");
        buf_puts(b, e->target ? e->target : "?");
        break;
    case EVENT_STOCK_MOVE:
        if (!isnan(e->change_pct))
            buf_printf(b, "%+.2f%%", e->change_pct);
        if (!isnan(e->close_price) && full)
            buf_printf(b, "%sclosed at $%.2f", !isnan(e->change_pct) ? ", " : "", e->close_price);
        else if (!isnan(e->close_price))
            buf_printf(b, " close $%.2f", e->close_price);
        break;
    default:
        buf_puts(b, e->product ? e->product : e->what ? e->what : "");
        break;
    }
}

void event_detail(buf_t *b, const event_t *e) { detail(b, e, 0); }
void event_detail_full(buf_t *b, const event_t *e) { detail(b, e, 1); }

void event_money(buf_t *b, const event_t *e)
{
    fmt_money(b, e->amount_value, e->currency, event_usd(e));
}

void event_csv_header(buf_t *b)
{
    buf_puts(b, "id,date,type,organization,counterpart,amount_usd,amount_text,currency,"
                "round,valuation_usd,change_pct,country,investors,sources,sentence\r\n");
}

void event_csv_row(buf_t *b, const event_t *e, int64_t id, const char *first_seen, int64_t sources)
{
    buf_printf(b, "%lld,%.10s,%s,", (long long)id, first_seen ? first_seen : "",
               event_type_name(e->type));
    esc_csv(b, event_org_name(e));
    buf_putc(b, ',');
    esc_csv(b, e->type == EVENT_ACQUISITION ? e->target : e->ticker);
    buf_putc(b, ',');
    if (!isnan(event_usd(e)))
        buf_printf(b, "%.0f", event_usd(e));
    buf_putc(b, ',');
    esc_csv(b, e->amount_text);
    buf_putc(b, ',');
    esc_csv(b, e->currency);
    buf_putc(b, ',');
    esc_csv(b, e->round);
    buf_putc(b, ',');
    if (!isnan(e->valuation_usd))
        buf_printf(b, "%.0f", e->valuation_usd);
    buf_putc(b, ',');
    if (!isnan(e->change_pct))
        buf_printf(b, "%g", e->change_pct);
    buf_putc(b, ',');
    esc_csv(b, e->country);
    buf_putc(b, ',');
    buf_t inv;
    buf_init(&inv, 0);
    for (size_t i = 0; i < e->n_investors; i++)
        buf_printf(&inv, "%s%s", i ? "; " : "", e->investors[i] ? e->investors[i] : "");
    esc_csv(b, buf_str(&inv));
    buf_free(&inv);
    buf_printf(b, ",%lld,", (long long)sources);
    esc_csv(b, e->sentence);
    buf_puts(b, "\r\n");
}

void snippet_split(const char *snippet, snippet_cb cb, void *ctx)
{
    const char *p = snippet ? snippet : "";
    int hit = 0;
    while (*p) {
        const char *m = strstr(p, hit ? MARK_CLOSE : MARK_OPEN);
        const char *other = strstr(p, hit ? MARK_OPEN : MARK_CLOSE);
        /* a stray mark of the other kind is dropped, never shown */
        if (other && (!m || other < m)) {
            if (other > p)
                cb(p, (size_t)(other - p), hit, ctx);
            p = other + MARK_LEN;
            continue;
        }
        size_t n = m ? (size_t)(m - p) : strlen(p);
        if (n)
            cb(p, n, hit, ctx);
        if (!m)
            break;
        p = m + MARK_LEN;
        hit = !hit;
    }
}

static void plain_part(const char *s, size_t n, int hit, void *ctx)
{
    buf_append(ctx, s, n);
}

static void json_part(const char *s, size_t n, int hit, void *ctx)
{
    jw_t *w = ctx;
    jw_obj(w);
    jw_key(w, "text");
    jw_strn(w, s, n);
    jw_kbool(w, "hit", hit);
    jw_obj_end(w);
}

void doc_hit_json(jw_t *w, const doc_rec *d, const char *snippet, double score)
{
    jw_obj(w);
    jw_kint(w, "id", d->id);
    jw_knum(w, "score", round(score * 1000) / 1000);
    jw_kstr(w, "title", d->title);
    jw_kstr(w, "outlet", d->outlet);
    jw_kstr(w, "published", d->published);
    jw_kstr(w, "url", url_doc_out(d->canonical_url, d->url));
    buf_t plain;
    buf_init(&plain, 0);
    snippet_split(snippet, plain_part, &plain);
    jw_kstr(w, "snippet", buf_str(&plain));
    buf_free(&plain);
    jw_key(w, "snippet_parts");
    jw_arr(w);
    snippet_split(snippet, json_part, w);
    jw_arr_end(w);
    jw_obj_end(w);
}

int search_total_get(store_t *s, const char *query, int64_t shown, int64_t limit, search_total *t)
{
    int64_t ranked, counted;
    store_search_bounds(&ranked, &counted);
    t->total = shown;
    t->exact = true;
    /* fewer than limit shown is all there is, unless the ranking stopped
     * at its bound */
    t->counted = counted + 1;
    if ((shown >= limit || shown >= ranked) &&
        store_search_count_from(s, query, &t->total, &t->exact, &t->counted) < 0)
        return -1;
    if (t->total < shown) { /* a back end that cannot count */
        t->total = shown;
        t->exact = true;
    }
    t->ranked = t->total < ranked ? t->total : ranked;
    return 0;
}

void search_total_json(jw_t *w, const search_total *t)
{
    jw_kint(w, "total", t->total);
    jw_kbool(w, "total_exact", t->exact);
    jw_kint(w, "ranked", t->ranked);
}

void search_total_text(buf_t *b, const search_total *t, int64_t shown)
{
    buf_printf(b, "%s%lld result%s", t->exact ? "" : "about ", (long long)t->total, t->total == 1 ? "" : "s");
    if (!t->exact)
        buf_printf(b, ", estimated from the newest %lld that match", (long long)t->counted);
    if (t->ranked < t->total)
        buf_printf(b, "; the best %lld of the newest %lld matches shown", (long long)shown,
                   (long long)t->ranked);
    else if (t->total > shown)
        buf_printf(b, "; the best %lld shown", (long long)shown);
}

typedef struct change_ctx {
    jw_t *w;
    const char *doc_key;
} change_ctx;

static int change_obj(const store_event_change *c, void *vctx)
{
    change_ctx *cc = vctx;
    jw_obj(cc->w);
    jw_kstr(cc->w, "when", c->when);
    jw_kint(cc->w, cc->doc_key, c->doc_id);
    jw_kstr(cc->w, "field", c->field);
    jw_kstr(cc->w, "was", c->was);
    jw_kstr(cc->w, "now", c->now);
    jw_obj_end(cc->w);
    return 0;
}

int event_changes_json(jw_t *w, store_t *s, int64_t id, const char *doc_key, int rc)
{
    change_ctx cc = {w, doc_key};
    jw_key(w, "changes");
    jw_arr(w);
    if (rc == 0)
        rc = store_event_changes_each(s, id, change_obj, &cc);
    jw_arr_end(w);
    return rc;
}

/* ---- many events' changes read at once ---- */

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int change_take(const store_event_change *c, void *vctx)
{
    event_changes_set *cs = vctx;
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? 2 * cs->cap : 16;
        cs->v = xrealloc(cs->v, cs->cap * sizeof *cs->v);
    }
    cs->v[cs->n++] = (store_event_change){c->event_id, c->doc_id, dup_or_null(c->when),
                                          dup_or_null(c->field), dup_or_null(c->was),
                                          dup_or_null(c->now)};
    return 0;
}

int event_changes_read(store_t *s, const int64_t *ids, size_t n, event_changes_set *cs)
{
    *cs = (event_changes_set){0};
    return store_event_changes_of(s, ids, n, change_take, cs);
}

void event_changes_json_of(jw_t *w, const event_changes_set *cs, int64_t id, const char *doc_key)
{
    change_ctx cc = {w, doc_key};
    jw_key(w, "changes");
    jw_arr(w);
    /* the first of id's: they come by event id, each event's in order */
    size_t lo = 0, hi = cs->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cs->v[mid].event_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < cs->n && cs->v[i].event_id == id; i++)
        change_obj(&cs->v[i], &cc);
    jw_arr_end(w);
}

void event_changes_set_free(event_changes_set *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free((char *)cs->v[i].when);
        free((char *)cs->v[i].field);
        free((char *)cs->v[i].was);
        free((char *)cs->v[i].now);
    }
    free(cs->v);
    *cs = (event_changes_set){0};
}
