/* ingest: turns local files and fetched documents into stored, analysed
 * documents. */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analyze/analyze.h"
#include "publish/eventfmt.h"
#include "publish/format.h"
#include "extract/extract.h"
#include "parse/feed.h"
#include "resolve/dedup.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/file.h"
#include "util/str.h"
#include "util/utf8.h"

/* A document's date as RFC 3339 when it is one of the plain forms people
 * write by hand ("2026-03-12", "2026-03-12 09:30", full RFC 3339); feeds
 * and pages arrive normalised already. */
static char *norm_date(const char *s)
{
    if (!s)
        return NULL;
    while (str_isspace((unsigned char)*s))
        s++;
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return NULL;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return NULL;
    if (s[10] == 'T' || s[10] == ' ')
        sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &sec);
    if (strlen(s) > 19 && (s[10] == 'T') && (strchr(s + 19, 'Z') || strchr(s + 19, '+') || strchr(s + 19, '-')))
        return xstrdup(s); /* full RFC 3339 with a zone: keep as written */
    char out[32];
    snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h % 24, mi % 60, sec % 61);
    return xstrdup(out);
}

int ingest_record_events(store_t *s, int64_t doc_id, const char *title, const char *text,
                         const char *published, int64_t *n_events, char *why, size_t whylen)
{
    /* The headline is read with the text, as it is hashed. */
    buf_t all;
    buf_init(&all, 0);
    if (title)
        buf_puts(&all, title);
    buf_putc(&all, '\n');
    buf_puts(&all, text ? text : "");
    char date[11] = "";
    if (published && strlen(published) >= 10)
        memcpy(date, published, 10);
    event_list events = {0};
    int rc = 0;
    if (analyze_text(all.data, all.len, *date ? date : NULL, &events) < 0) {
        snprintf(why, whylen, "analysis ran out of memory");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < events.n; i++) {
        if (store_event_record(s, doc_id, &events.items[i], published, NULL) < 0) {
            snprintf(why, whylen, "store: %s", store_error(s));
            rc = -1;
        }
    }
    if (rc == 0 && n_events)
        *n_events = (int64_t)events.n;
    event_list_free(&events);
    buf_free(&all);
    return rc;
}

/* ---- updates: a story seen again at its URL with a changed text ---- */

/* The stored document an update replaces, copied out of the store. */
typedef struct old_doc {
    int found;
    char *title, *text, *published;
} old_doc;

static int old_doc_cb(const doc_rec *d, void *ctx)
{
    old_doc *o = ctx;
    o->found = 1;
    o->title = d->title ? xstrdup(d->title) : NULL;
    o->text = xstrdup(d->text ? d->text : "");
    o->published = d->published ? xstrdup(d->published) : NULL;
    return 0;
}

static void old_doc_free(old_doc *o)
{
    free(o->title);
    free(o->text);
    free(o->published);
}

/* The share of shingles two profiles have in common (Jaccard over their
 * sorted shingle sets). */
static double profile_overlap(const dedup_profile *a, const dedup_profile *b)
{
    size_t i = 0, j = 0, both = 0;
    while (i < a->nsh && j < b->nsh) {
        if (a->sh[i] == b->sh[j])
            both++, i++, j++;
        else if (a->sh[i] < b->sh[j])
            i++;
        else
            j++;
    }
    size_t any = a->nsh + b->nsh - both;
    return any ? (double)both / (double)any : 1.0;
}

/* A word of the headline (folded, four letters or more) that the other
 * headline has too. */
static int headlines_share_word(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    char *x = xstrdup(a), *y = xstrdup(b);
    str_lower(x);
    str_lower(y);
    int shared = 0;
    char *save = NULL;
    for (char *w = strtok_r(x, " \t\n,.:;!?'\"()[]-", &save); w && !shared;
         w = strtok_r(NULL, " \t\n,.:;!?'\"()[]-", &save)) {
        size_t n = strlen(w);
        if (n < 4)
            continue;
        for (const char *p = strstr(y, w); p && !shared; p = strstr(p + 1, w))
            shared = (p == y || !str_isalnum((unsigned char)p[-1])) && !str_isalnum((unsigned char)p[n]);
    }
    free(x);
    free(y);
    return shared;
}

enum { STORY_UPDATE, STORY_OTHER, STORY_PART };

/* What the new text is to the stored one at its URL: its update (the same
 * story changed: it shares a good part of its wording or a headline word),
 * a part of it (a feed's summary or teaser of the stored article: less
 * than half as long, or a teaser; the fuller text stays), or another story (a site that
 * gives every page the same canonical URL, its home page, does not make one
 * article replace another). */
static int same_story(const old_doc *o, const char *title, const char *text, const dedup_profile *now)
{
    dedup_profile was;
    dedup_profile_make(o->title, o->text, &was);
    double j = profile_overlap(&was, now);
    dedup_profile_free(&was);
    if (j < 0.2 && !headlines_share_word(o->title, title))
        return STORY_OTHER;
    if (strlen(text) * 2 < strlen(o->text) || (extract_is_teaser(text) && strlen(text) < strlen(o->text)))
        return STORY_PART;
    return STORY_UPDATE;
}

static char *text_of(const char *title, const char *text)
{
    buf_t all;
    buf_init(&all, 0);
    if (title)
        buf_puts(&all, title);
    buf_putc(&all, '\n');
    buf_puts(&all, text ? text : "");
    return buf_detach(&all);
}

static int org_same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    /* letters and digits only, case folded */
    while (*a || *b) {
        while (*a && !str_isalnum((unsigned char)*a))
            a++;
        while (*b && !str_isalnum((unsigned char)*b))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (str_tolower((unsigned char)*a) != str_tolower((unsigned char)*b))
            return 0;
        a++, b++;
    }
    return 1;
}

/* The event of list l with e's type and organisation, or NULL. */
static const event_t *event_like(const event_list *l, const event_t *e)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == e->type && org_same(event_org_name(&l->items[i]), event_org_name(e)))
            return &l->items[i];
    return NULL;
}

/* A figure of a change note in the product's money style ("$1.8
 * billion", "€85 million (about $91.8 million)", as fmt_money writes it
 * everywhere a reader sees money), whatever the source's spelling ("$1.8
 * bln"); e's figure in its currency when known, else usd; the source's
 * words only for a figure with no value; NULL for none. */
static char *money_text(const event_t *e, double usd)
{
    buf_t b;
    buf_init(&b, 0);
    fmt_money(&b, e ? e->amount_value : NAN, e ? e->currency : NULL, usd);
    if (!b.len && e && e->amount_text && *e->amount_text)
        buf_puts(&b, e->amount_text);
    if (!b.len) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

static char *num_text(double v, const char *fmt)
{
    if (isnan(v))
        return NULL;
    char out[64];
    snprintf(out, sizeof out, fmt, v);
    return xstrdup(out);
}

static char *names_text(char *const *v, size_t n)
{
    if (!n)
        return NULL;
    buf_t b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, v[i]);
    }
    return buf_detach(&b);
}

static int figures_differ(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) != isnan(b);
    return fabs(a - b) > 1e-9 * (fabs(a) > fabs(b) ? fabs(a) : fabs(b)) + 1e-9;
}

typedef struct change_run {
    store_t *s;
    int64_t doc_id;
    const event_list *was, *now;
    char when[32];
    int failed;
} change_run;

static void change_note(change_run *c, int64_t event_id, const char *field, char *was, char *now)
{
    if (!c->failed && (was || now) && (!was || !now || strcmp(was, now) != 0)) {
        store_event_change ch = {.event_id = event_id, .doc_id = c->doc_id, .when = c->when,
                                 .field = field, .was = was, .now = now};
        if (store_event_change_add(c->s, &ch) < 0)
            c->failed = 1;
    }
    free(was);
    free(now);
}

/* One event the updated document reports now: what its old text said of
 * it and what the new one says, field by field. */
static int change_event(const event_t *e, const event_meta *m, void *ctx)
{
    change_run *c = ctx;
    const event_t *o = event_like(c->was, e), *n = event_like(c->now, e);
    if (!o || !n)
        return 0;
    int acq = n->type == EVENT_ACQUISITION;
    double ou = acq ? o->price_usd : o->amount_usd, nu = acq ? n->price_usd : n->amount_usd;
    if (figures_differ(ou, nu) || (isnan(nu) && (o->amount_text != NULL) != (n->amount_text != NULL)))
        change_note(c, m->id, acq ? "price" : "amount", money_text(o, ou), money_text(n, nu));
    const char *orr = o->round && strcmp(o->round, "Unspecified") ? o->round : NULL;
    const char *nr = n->round && strcmp(n->round, "Unspecified") ? n->round : NULL;
    change_note(c, m->id, "round", orr ? xstrdup(orr) : NULL, nr ? xstrdup(nr) : NULL);
    if (figures_differ(o->valuation_usd, n->valuation_usd))
        change_note(c, m->id, "valuation", money_text(NULL, o->valuation_usd), money_text(NULL, n->valuation_usd));
    if (acq)
        change_note(c, m->id, "target", o->target ? xstrdup(o->target) : NULL, n->target ? xstrdup(n->target) : NULL);
    if (figures_differ(o->change_pct, n->change_pct))
        change_note(c, m->id, "change", num_text(o->change_pct, "%+.2f%%"), num_text(n->change_pct, "%+.2f%%"));
    if (figures_differ(o->capacity_mw, n->capacity_mw))
        change_note(c, m->id, "capacity", num_text(o->capacity_mw, "%g MW"), num_text(n->capacity_mw, "%g MW"));
    change_note(c, m->id, "lead investors", names_text(o->lead_investors, o->n_lead),
                names_text(n->lead_investors, n->n_lead));
    return c->failed ? -1 : 0;
}

/* Replaces document id (found by its URL, its text changed) and derives
 * its events again, inside the caller's transaction: the mentions its old
 * text made are removed (an event no document reports any more goes, one
 * that other documents report keeps them), the new text's are recorded,
 * and each event it reports records what changed (store_event_change_add).
 * Returns 0, 1 when the stored document is another story, 2 when the new
 * text is a part of it (neither replaced), -1 on error with why. */
static int update_document(store_t *s, int64_t id, const doc_rec *rec, const dedup_profile *prof,
                           int64_t *n_events, char *why, size_t whylen)
{
    old_doc o = {0};
    if (store_doc_get(s, id, old_doc_cb, &o) < 0 || !o.found) {
        snprintf(why, whylen, "store: %s", o.found ? store_error(s) : "the document to update is gone");
        old_doc_free(&o);
        return -1;
    }
    int story = same_story(&o, rec->title, rec->text, prof);
    if (story != STORY_UPDATE) {
        old_doc_free(&o);
        return story == STORY_PART ? 2 : 1;
    }
    const char *published = rec->published ? rec->published : o.published;
    char date[11] = "";
    if (o.published && strlen(o.published) >= 10)
        memcpy(date, o.published, 10);
    char *was_text = text_of(o.title, o.text);
    event_list was = {0}, now = {0};
    int rc = -1;
    store_redo r = {0};
    if (analyze_text(was_text, strlen(was_text), *date ? date : NULL, &was) < 0) {
        snprintf(why, whylen, "analysis ran out of memory");
        goto out;
    }
    if (store_doc_replace(s, id, rec) < 0 || store_redo_begin(s, id, &r) < 0)
        goto store_failed;
    if (ingest_record_events(s, id, rec->title, rec->text, published, n_events, why, whylen) < 0)
        goto out;
    if (store_redo_end(s, &r) < 0)
        goto store_failed;
    /* the new text's events again, to tell what changed */
    char *now_text = text_of(rec->title, rec->text);
    date[0] = '\0';
    if (published && strlen(published) >= 10)
        memcpy(date, published, 10);
    int arc = analyze_text(now_text, strlen(now_text), *date ? date : NULL, &now);
    free(now_text);
    if (arc < 0) {
        snprintf(why, whylen, "analysis ran out of memory");
        goto out;
    }
    change_run c = {.s = s, .doc_id = id, .was = &was, .now = &now};
    date_format_rfc3339((int64_t)time(NULL), c.when);
    if (r.n_after && store_events_by_ids(s, r.after, r.n_after, change_event, &c) < 0)
        goto store_failed;
    rc = 0;
    goto out;
store_failed:
    snprintf(why, whylen, "store: %s", store_error(s));
out:
    store_redo_free(&r);
    event_list_free(&was);
    event_list_free(&now);
    free(was_text);
    old_doc_free(&o);
    return rc;
}

static int ingest_clean(store_t *s, const ingest_doc *d, ingest_stats *stats, char *why, size_t whylen)
{
    const char *text = d->text ? d->text : "";
    if (!*text && !(d->title && *d->title)) {
        snprintf(why, whylen, "no text");
        return -1;
    }
    /* The hash covers the headline too: two teasers with the same body but
     * different stories stay apart. */
    buf_t all;
    buf_init(&all, 0);
    if (d->title)
        buf_puts(&all, d->title);
    buf_putc(&all, '\n');
    buf_puts(&all, text);
    char hash[33];
    dedup_content_hash(all.data, all.len, hash);
    char *canon = d->canonical_url ? dedup_canonical_url(d->canonical_url) : NULL;
    if (!canon && d->url)
        canon = dedup_canonical_url(d->url);
    if (!canon && !d->url && d->file_key)
        canon = xstrdup(d->file_key);
    char *published = norm_date(d->published);
    if (!published && d->published)
        published = xstrdup(d->published);

    /* Near-duplicates (the same story re-published, with small edits):
     * the profile's shingles, figures and names (src/resolve/dedup.h). */
    dedup_profile prof;
    dedup_profile_make(d->title, text, &prof);
    store_near near = {.p = &prof, .outlet = d->outlet};

    int rc = -1;
    if (store_begin(s) < 0) {
        /* (a store that went away between documents: said, and the run ends) */
        snprintf(why, whylen, "store: %s", store_error(s));
        goto out;
    }
    /* The same text: a copy. The same URL with another text: an update of
     * the story. Else a near-copy of a stored story, or a new one. */
    int64_t id = store_doc_find(s, NULL, hash), by_url = 0;
    if (id == 0 && canon)
        id = by_url = store_doc_find(s, canon, NULL);
    int64_t near_id = id >= 0 && (id == 0 || by_url > 0) ? store_doc_find_near(s, &near) : 0;
    if (id == 0)
        id = near_id;
    if (id < 0 || near_id < 0)
        goto rollback;
    doc_rec rec = {
        .source_id = d->source_id, .url = d->url, .canonical_url = canon, .title = d->title,
        .author = d->author, .outlet = d->outlet, .published = published,
        .language = d->language, .text = text, .content_hash = hash, .origin = d->origin,
        .near = &near,
    };
    if (by_url > 0) {
        int64_t n_events = 0;
        int u = update_document(s, by_url, &rec, &prof, &n_events, why, whylen);
        if (u < 0)
            goto rollback_quiet;
        if (u == 0) {
            if (d->url && store_doc_add_url(s, by_url, d->source_id, d->url, d->outlet) < 0)
                goto rollback;
            if (store_commit(s) < 0)
                goto rollback;
            stats->updated++;
            stats->events += n_events;
            rc = 0;
            goto out;
        }
        if (u == 2) {
            id = by_url; /* a summary of the stored article: a copy */
        } else {
            /* another story under the same canonical URL: a document of
             * its own, known by its URL but without that canonical URL */
            rec.canonical_url = NULL;
            id = near_id;
        }
    }
    if (id > 0) {
        if (d->url && store_doc_add_url(s, id, d->source_id, d->url, d->outlet) < 0)
            goto rollback;
        /* a copy published earlier than the stored one dates the story */
        if (store_doc_seen_earlier(s, id, published) < 0)
            goto rollback;
        if (store_commit(s) < 0)
            goto rollback;
        stats->skipped++;
        rc = 0;
        goto out;
    }
    if (store_doc_insert(s, &rec, &id) < 0)
        goto rollback;
    int64_t n_events = 0;
    if (ingest_record_events(s, id, d->title, text, published, &n_events, why, whylen) < 0)
        goto rollback_quiet;
    if (store_commit(s) < 0)
        goto rollback;
    stats->added++;
    stats->events += n_events;
    rc = 0;
    goto out;
rollback:
    snprintf(why, whylen, "store: %s", store_error(s));
rollback_quiet:
    store_rollback(s);
out:
    dedup_profile_free(&prof);
    buf_free(&all);
    free(canon);
    free(published);
    return rc;
}

/* A one-line field (headline, outlet, author) as stored text: clean
 * (utf8_text_clean), on one line, and text rather than markup (text_title)
 * when it came as HTML. */
static char *line_clean(const char *s, int html)
{
    if (!s)
        return NULL;
    char *c = utf8_text_clean(s, strlen(s), NULL);
    if (html) {
        char *t = text_title(c);
        free(c);
        return t;
    }
    for (char *p = c; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    return c;
}

/* Every document's text is cleaned here, whatever read it: invalid UTF-8
 * replaced, control characters and the search marks (MARK_OPEN,
 * MARK_CLOSE) dropped, so a snippet's marks are never the article's. */
int ingest_document(store_t *s, const ingest_doc *d, ingest_stats *stats, char *why, size_t whylen)
{
    ingest_doc c = *d;
    char *text = d->text ? utf8_text_clean(d->text, strlen(d->text), NULL) : NULL;
    char *title = line_clean(d->title, d->html_names), *outlet = line_clean(d->outlet, d->html_names);
    char *author = line_clean(d->author, d->html_names);
    c.text = text;
    c.title = title;
    c.outlet = outlet;
    c.author = author;
    int rc = ingest_clean(s, &c, stats, why, whylen);
    free(text);
    free(title);
    free(outlet);
    free(author);
    return rc;
}

/* ---- text articles ---- */

/* A date as RFC 3339 UTC, whatever form it is written in; NULL when it is
 * not a date. */
static char *any_date(const char *s)
{
    int64_t t;
    char out[32];
    char *nd = norm_date(s);
    if (nd)
        return nd;
    if (!s || date_parse(s, &t) < 0)
        return NULL;
    date_format_rfc3339(t, out);
    return xstrdup(out);
}

/* Sorts the parts of "Outlet | 12 March 2026 | https://..." into their
 * slots; 1 when the line was such a line (it has a URL or a date). */
static int meta_parts(char *line, char **outlet, char **date, char **url)
{
    if (!strchr(line, '|'))
        return 0;
    char *parts[8];
    int n = 0, known = 0;
    char *save = NULL;
    for (char *p = strtok_r(line, "|", &save); p && n < 8; p = strtok_r(NULL, "|", &save))
        parts[n++] = str_trim(p);
    char *d;
    for (int k = 0; k < n; k++) {
        if (str_istarts(parts[k], "http://") || str_istarts(parts[k], "https://")) {
            if (!*url)
                *url = xstrdup(parts[k]);
            known = 1;
        } else if ((d = any_date(parts[k]))) {
            if (!*date)
                *date = d;
            else
                free(d);
            known = 1;
        }
    }
    if (known && !*outlet && n && !str_istarts(parts[0], "http") && !str_isdigit((unsigned char)parts[0][0]))
        *outlet = xstrdup(parts[0]);
    return known;
}

/* Reads the header lines after the headline: "Key: value" lines (Source,
 * Outlet, Date, Published, URL, Link, Author, By) and the one-line form
 * "Outlet | 2026-03-12 | https://...", plain or in *emphasis*. Returns
 * where the body starts. Owned strings go into the out-parameters. */
static const char *text_header(const char *p, char **outlet, char **date, char **url, char **author)
{
    for (int lines = 0; lines < 6; lines++) {
        const char *q = p;
        while (*q == '\n' || *q == ' ' || *q == '\t')
            q++;
        const char *eol = strchr(q, '\n');
        size_t n = eol ? (size_t)(eol - q) : strlen(q);
        if (n == 0 || n > 400)
            return p;
        char *line = xstrndup(q, n);
        /* *emphasis* or _emphasis_ around the whole line */
        size_t ln = strlen(line);
        if (ln >= 2 && (line[0] == '*' || line[0] == '_') && line[ln - 1] == line[0]) {
            while (ln && (line[ln - 1] == '*' || line[ln - 1] == '_'))
                line[--ln] = '\0';
            char *t = line;
            while (*t == '*' || *t == '_')
                t++;
            memmove(line, t, strlen(t) + 1);
        }
        const char *colon = strchr(line, ':');
        size_t kl = colon ? (size_t)(colon - line) : 0;
        char **slot = NULL;
        if (colon && kl <= 12) {
            char key[16];
            memcpy(key, line, kl);
            key[kl] = '\0';
            if (!str_casecmp(key, "source") || !str_casecmp(key, "outlet"))
                slot = outlet;
            else if (!str_casecmp(key, "date") || !str_casecmp(key, "published"))
                slot = date;
            else if (!str_casecmp(key, "url") || !str_casecmp(key, "link"))
                slot = url;
            else if (!str_casecmp(key, "author") || !str_casecmp(key, "by"))
                slot = author;
        }
        int used = 0;
        if (slot) {
            char *val = str_trim(xstrdup(colon + 1));
            if (slot == outlet && meta_parts(val, outlet, date, url))
                used = 1;
            else if (slot == date) {
                char *d = any_date(val);
                if (d && !*date)
                    *date = d;
                else
                    free(d);
                used = 1;
            } else if (!*slot) {
                *slot = xstrdup(val);
                used = 1;
            }
            free(val);
        } else if (meta_parts(line, outlet, date, url)) {
            used = 1;
        } else if (str_istarts(line, "by ") && n < 80 && !*author) {
            *author = str_trim(xstrdup(line + 3));
            used = 1;
        }
        free(line);
        if (!used)
            return p;
        p = eol ? eol + 1 : q + n;
    }
    return p;
}

/* Markdown to plain text, in place: headings, quotes and emphasis markers
 * dropped, links reduced to their text, images removed. */
static void markdown_to_text(char *s)
{
    char *w = s;
    int line_start = 1;
    for (char *r = s; *r;) {
        if (line_start) {
            char *q = r;
            while (*q == '#' || *q == '>')
                q++;
            if (q > r && *q == ' ')
                q++;
            r = q;
            line_start = 0;
            continue;
        }
        if (*r == '\n') {
            *w++ = *r++;
            line_start = 1;
            continue;
        }
        if ((r[0] == '*' && r[1] == '*') || (r[0] == '_' && r[1] == '_')) {
            r += 2;
            continue;
        }
        if ((*r == '*' || *r == '_') &&
            ((r > s && str_isalnum((unsigned char)r[-1])) != (str_isalnum((unsigned char)r[1]) != 0)) &&
            !(r > s && str_isalnum((unsigned char)r[-1]) && str_isalnum((unsigned char)r[1]))) {
            r++; /* an emphasis marker next to a word, not inside one */
            continue;
        }
        if (*r == '!' && r[1] == '[') {
            char *close = strstr(r, "](");
            char *paren = close ? strchr(close, ')') : NULL;
            if (paren && !memchr(r, '\n', (size_t)(paren - r))) {
                r = paren + 1;
                continue;
            }
        }
        if (*r == '[') {
            char *close = strchr(r, ']');
            if (close && close[1] == '(' && !memchr(r, '\n', (size_t)(close - r))) {
                char *paren = strchr(close, ')');
                if (paren && !memchr(close, '\n', (size_t)(paren - close))) {
                    size_t n = (size_t)(close - r - 1);
                    memmove(w, r + 1, n);
                    w += n;
                    r = paren + 1;
                    continue;
                }
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

static int ingest_text(store_t *s, const char *data, const char *origin, const char *file_key,
                       int64_t source_id, ingest_stats *stats, char *why, size_t whylen)
{
    const char *p = data;
    char *outlet = NULL, *date = NULL, *url = NULL, *author = NULL, *title = NULL;
    /* Markdown front matter: --- key: value ... --- */
    if (str_starts(p, "---\n")) {
        const char *end = strstr(p + 4, "\n---");
        if (end) {
            const char *q = p + 4;
            while (q < end) {
                const char *eol = memchr(q, '\n', (size_t)(end - q) + 1);
                size_t n = eol ? (size_t)(eol - q) : (size_t)(end - q);
                char *line = xstrndup(q, n);
                char *c = strchr(line, ':');
                if (c) {
                    *c = '\0';
                    char *v = str_trim(c + 1);
                    size_t vl = strlen(v);
                    if (vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0]) {
                        v[vl - 1] = '\0';
                        v++;
                    }
                    char *k = str_trim(line);
                    char **slot = !str_casecmp(k, "title") ? &title
                                  : !str_casecmp(k, "date") ? &date
                                  : !str_casecmp(k, "url") ? &url
                                  : !str_casecmp(k, "author") ? &author
                                  : (!str_casecmp(k, "source") || !str_casecmp(k, "outlet")) ? &outlet
                                  : NULL;
                    if (slot && !*slot && *v)
                        *slot = xstrdup(v);
                }
                free(line);
                q += n + 1;
            }
            p = end + 4;
        }
    }
    while (str_isspace((unsigned char)*p))
        p++;
    if (!title) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        title = xstrndup(p, n);
        char *t = title;
        while (*t == '#')
            t++;
        memmove(title, t, strlen(t) + 1);
        str_trim(title);
        p = eol ? eol + 1 : p + n;
        p = text_header(p, &outlet, &date, &url, &author);
    }
    while (str_isspace((unsigned char)*p))
        p++;
    markdown_to_text((char *)p);
    ingest_doc d = {
        .url = url, .title = title, .author = author, .outlet = outlet, .published = date,
        .text = p, .origin = origin, .source_id = source_id, .file_key = url ? NULL : file_key,
    };
    int rc = ingest_document(s, &d, stats, why, whylen);
    free(outlet);
    free(date);
    free(url);
    free(author);
    free(title);
    return rc;
}

/* ---- feeds and pages ---- */

typedef struct feed_run {
    store_t *s;
    feed_t *feed;
    const char *origin;
    int64_t source_id;
    ingest_stats *stats;
    size_t entries;
    int failed;     /* the store failed: the rest of the entries are skipped */
    char why[256];
} feed_run;

static void ingest_entry(void *user, const feed_entry *e)
{
    feed_run *fr = user;
    if (feed_truncated(fr->feed))
        return; /* the entry the document broke off in: its text is cut short */
    fr->entries++;
    if (fr->failed)
        return;
    feed_item_view it;
    feed_entry_view(e, &it);
    const char *html = it.content ? it.content : it.summary;
    char *text = html ? html_to_text(html, strlen(html)) : xstrdup("");
    /* the title, outlet and author become text in ingest_document */
    ingest_doc d = {
        .url = it.link ? it.link : it.id, .title = it.title, .author = it.author,
        .outlet = feed_title(fr->feed), .published = it.published, .text = text, .origin = fr->origin,
        .source_id = fr->source_id, .html_names = 1,
    };
    char ewhy[256];
    if (ingest_document(fr->s, &d, fr->stats, ewhy, sizeof ewhy) < 0 && str_starts(ewhy, "store:")) {
        snprintf(fr->why, sizeof fr->why, "%s", ewhy);
        fr->failed = 1;
    }
    free(text);
}

/* A feed is read as a stream: each entry is stored as soon as it is
 * complete and then freed, so a feed of any number of entries is read
 * whole in bounded memory (the whole-document parse keeps at most 4,096). */
static int ingest_feed(store_t *s, const char *data, size_t len, const char *url, const char *origin,
                       const char *content_type, int64_t source_id, ingest_stats *stats, char *why,
                       size_t whylen)
{
    feed_run fr = {.s = s, .origin = origin, .source_id = source_id, .stats = stats};
    feed_t *f = feed_stream_new(url, content_type, ingest_entry, &fr);
    feed_stream_repair_utf8(f); /* damaged characters as U+FFFD, not a Latin-1 feed */
    fr.feed = f;
    feed_stream_push(f, data, len);
    feed_stream_end(f);
    int rc = 0;
    if (fr.failed) {
        snprintf(why, whylen, "%s", fr.why);
        rc = -1;
    } else if (fr.entries == 0 && feed_bozo(f) && feed_broken_before_end(f)) {
        /* garbled before its end (and perhaps cut too): the fault first met is said */
        snprintf(why, whylen, "broken feed: %s", feed_bozo_reason(f) ? feed_bozo_reason(f) : "unreadable");
        rc = -1;
    } else if (feed_truncated(f)) {
        /* a file cut short: what came whole is stored, and it is said */
        if (fr.entries == 0)
            snprintf(why, whylen, "the feed breaks off before its end (a cut file?): no whole entry was read");
        else
            snprintf(why, whylen, "the feed breaks off before its end (a cut file?): its %zu whole entr%s read, "
                     "anything after %s was lost", fr.entries, fr.entries == 1 ? "y was" : "ies were",
                     fr.entries == 1 ? "it" : "them");
        rc = -1;
    } else if (fr.entries == 0 && feed_bozo(f)) {
        snprintf(why, whylen, "broken feed: %s", feed_bozo_reason(f) ? feed_bozo_reason(f) : "unreadable");
        rc = -1;
    }
    feed_free(f);
    return rc;
}

static char *host_of(const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    if (!n)
        return NULL;
    char *h = xstrndup(p, n);
    str_lower(h);
    return str_starts(h, "www.") ? (memmove(h, h + 4, strlen(h + 4) + 1), h) : h;
}

static int ingest_page(store_t *s, const char *data, size_t len, const char *url, const char *origin,
                       const char *file_key, const char *content_type, int64_t source_id,
                       ingest_stats *stats, char *why, size_t whylen)
{
    article_t a;
    if (extract_article(data, len, url, content_type, &a) < 0) {
        snprintf(why, whylen, "not readable as HTML");
        return -1;
    }
    if (!a.text || !*a.text) {
        snprintf(why, whylen, "no article text found in the page");
        article_free(&a);
        return -1;
    }
    const char *link = a.canonical_url ? a.canonical_url : a.url ? a.url : url;
    char *host = a.site_name ? NULL : host_of(link);
    ingest_doc d = {
        .url = link, .canonical_url = a.canonical_url, .title = a.title, .author = a.author,
        .outlet = a.site_name ? a.site_name : host, .published = a.published,
        .language = a.lang, .text = a.text, .origin = origin, .source_id = source_id,
        .file_key = link ? NULL : file_key,
    };
    int rc = ingest_document(s, &d, stats, why, whylen);
    free(host);
    article_free(&a);
    return rc;
}

/* ---- kinds of input ---- */

static int ingest_any(store_t *s, const char *data, size_t len, const char *url, const char *origin,
                      const char *file_key, const char *content_type, int64_t source_id,
                      ingest_stats *stats, char *why, size_t whylen)
{
    size_t head = len < 65536 ? len : 65536;
    size_t i = 0;
    while (i < len && str_isspace((unsigned char)data[i]))
        i++;
    if (i == len) {
        snprintf(why, whylen, "empty file");
        return -1;
    }
    /* UTF-16 feeds and pages carry NULs legitimately; the parsers read them. */
    int utf16 = len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                             ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF));
    if (!utf16 && memchr(data, '\0', head)) {
        snprintf(why, whylen, "binary data, not a feed, HTML page or text article");
        return -1;
    }
    if (feed_sniff(data, len))
        return ingest_feed(s, data, len, url, origin, content_type, source_id, stats, why, whylen);
    if (extract_looks_html(data, len) || (content_type && str_icasestr(content_type, strlen(content_type), "html")))
        return ingest_page(s, data, len, url, origin, file_key, content_type, source_id, stats, why,
                           whylen);
    if (utf16) {
        snprintf(why, whylen, "UTF-16 text is only read in feeds and pages");
        return -1;
    }
    /* Plain text: UTF-8 (damaged characters become U+FFFD), else
     * Windows-1252. Binary by proportion: more than 5% control bytes (a few
     * stray ESC or BEL bytes in an article are dropped, not a reason to
     * refuse it), or non-UTF-8 with a quarter of its bytes over 0x7F. */
    size_t ctl = 0;
    for (size_t k = 0; k < head; k++) {
        unsigned char c = (unsigned char)data[k];
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c == 0x7F)
            ctl++;
    }
    if (ctl * 20 > head) {
        snprintf(why, whylen, "binary data, not a feed, HTML page or text article");
        return -1;
    }
    char *conv;
    if (utf8_likely(data, len))
        conv = utf8_repair(data, len, NULL);
    else {
        size_t bad = 0;
        for (size_t k = 0; k < head; k++)
            bad += (unsigned char)data[k] >= 0x80;
        if (bad > head / 4) {
            snprintf(why, whylen, "binary data, not a feed, HTML page or text article");
            return -1;
        }
        conv = utf8_from_cp1252(data, len, NULL);
    }
    /* line ends and control characters as stored text has them */
    char *text = utf8_text_clean(conv, strlen(conv), NULL);
    free(conv);
    int rc = ingest_text(s, text, origin, file_key, source_id, stats, why, whylen);
    free(text);
    return rc;
}

int ingest_bytes(store_t *s, const char *data, size_t len, const char *url, const char *origin,
                 const char *content_type, int64_t source_id, ingest_stats *stats, char *why,
                 size_t whylen)
{
    return ingest_any(s, data, len, url, origin, NULL, content_type, source_id, stats, why, whylen);
}

static int ingest_file(store_t *s, const char *path, ingest_stats *stats, FILE *err)
{
    char why[512];
    buf_t b;
    stats->files++;
    if (file_read(path, FILE_MAX_DEFAULT, &b, why, sizeof why) < 0) {
        fprintf(err, "mtrack: ingest: %s: %s\n", path, why);
        stats->refused++;
        return 1;
    }
    /* A local file is not a source (sources are what update fetches): the
     * document keeps the path it was read from as its origin. An article
     * file that names no URL is known by its path (file://, its canonical
     * key, never handed out as a link): read again with a changed text, it
     * is an update of the same story. */
    char abs[PATH_MAX], key[PATH_MAX + 8];
    if (!realpath(path, abs))
        snprintf(abs, sizeof abs, "%s", path);
    snprintf(key, sizeof key, "file://%s", abs);
    int rc = ingest_any(s, b.data, b.len, NULL, path, key, NULL, 0, stats, why, sizeof why);
    buf_free(&b);
    if (rc < 0) {
        fprintf(err, "mtrack: ingest: %s: %s\n", path, why);
        if (str_starts(why, "store:"))
            return -1;
        stats->refused++;
        return 1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders one ingest_path has read, by device and inode: a folder is
 * read once however many links lead to it, so a link loop ends. */
typedef struct walk_seen {
    struct { dev_t dev; ino_t ino; } *v;
    size_t n;
} walk_seen;

static int walk_visit(walk_seen *w, const struct stat *st)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->v[i].dev == st->st_dev && w->v[i].ino == st->st_ino)
            return 0;
    w->v = xrealloc(w->v, (w->n + 1) * sizeof *w->v);
    w->v[w->n].dev = st->st_dev;
    w->v[w->n].ino = st->st_ino;
    w->n++;
    return 1;
}

/* named: the path was named by the user (not found in a folder): then it is
 * read whatever kind of file it is (ingest /dev/stdin works); in a folder,
 * FIFOs, sockets and devices are skipped with one line each (reading a FIFO
 * would wait for a writer for ever). */
static int walk(store_t *s, const char *path, int named, walk_seen *seen, ingest_stats *stats, FILE *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(err, "mtrack: ingest: %s: %s\n", path, strerror(errno));
        stats->refused++;
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (!named && !S_ISREG(st.st_mode)) {
            fprintf(err, "mtrack: ingest: %s: not a regular file (%s), skipped\n", path,
                    S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "a device");
            stats->refused++;
            return 1;
        }
        return ingest_file(s, path, stats, err);
    }
    if (!walk_visit(seen, &st)) {
        fprintf(err, "mtrack: ingest: %s: a folder already read (a link loops back), skipped\n", path);
        return 0;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(err, "mtrack: ingest: %s: %s\n", path, strerror(errno));
        stats->refused++;
        return 1;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.')
            continue; /* hidden files, . and .. */
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xstrdup(de->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    int worst = 0;
    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(path) + strlen(names[i]) + 2;
        char *child = xmalloc(plen);
        snprintf(child, plen, "%s%s%s", path, str_ends(path, "/") ? "" : "/", names[i]);
        int rc = worst < 0 ? 0 : walk(s, child, 0, seen, stats, err);
        if (rc < 0 || (rc > worst && worst >= 0))
            worst = rc;
        free(child);
        free(names[i]);
    }
    free(names);
    return worst;
}

int ingest_path(store_t *s, const char *path, ingest_stats *stats, FILE *err)
{
    walk_seen seen = {0};
    int rc = walk(s, path, 1, &seen, stats, err);
    free(seen.v);
    return rc;
}
