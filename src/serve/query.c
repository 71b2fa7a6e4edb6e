/* query: event filters from a request, run, sorted and paginated. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "publish/format.h"
#include "publish/theme.h"
#include "serve/query.h"
#include "util/esc.h"
#include "util/input.h"
#include "util/str.h"

static int evq_event_theme_uncached(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id);

/* Dates, amounts and counts are read as the CLI and MCP read them. */
#define is_date input_day
#define parse_usd input_usd
#define parse_int input_int

/* An empty form field counts as absent. */
static const char *arg(const serve_req *r, const char *key)
{
    const char *v = serve_arg(r, key);
    return v && *v ? v : NULL;
}

int evq_parse(const serve_req *r, const tracker_def *t, ev_query *q, char *why, size_t whylen)
{
    memset(q, 0, sizeof *q);
    event_filter_init(&q->f);
    q->theme = -1;
    q->limit = EVQ_LIMIT_DEFAULT;
    const char *v;
    if ((v = arg(r, "type")) && (q->f.type = event_type_parse(v)) < 0) {
        snprintf(why, whylen, "unknown type (funding, acquisition, stock_move, infrastructure, product)");
        return -1;
    }
    if ((v = arg(r, "theme")) && (q->theme = tracker_theme_index(t, v)) < 0) {
        snprintf(why, whylen, "no such theme in tracker '%s'", t->name);
        return -1;
    }
    if ((v = arg(r, "since"))) {
        if (!is_date(v)) {
            snprintf(why, whylen, "since wants a date YYYY-MM-DD that exists");
            return -1;
        }
        q->f.since = v;
    }
    if ((v = arg(r, "until"))) {
        if (!is_date(v)) {
            snprintf(why, whylen, "until wants a date YYYY-MM-DD that exists");
            return -1;
        }
        q->f.until = v;
    }
    if ((v = arg(r, "min_usd")) && parse_usd(v, &q->f.min_usd) < 0) {
        snprintf(why, whylen, "min_usd wants a number like 100000000 or 100M");
        return -1;
    }
    const char *text_keys[] = {"country", "org", "investor"};
    const char **text_vals[] = {&q->f.country, &q->f.org, &q->f.investor};
    for (int i = 0; i < 3; i++) {
        if ((v = arg(r, text_keys[i]))) {
            if (strlen(v) > 200) {
                snprintf(why, whylen, "%s is too long", text_keys[i]);
                return -1;
            }
            *text_vals[i] = v;
        }
    }
    if ((v = arg(r, "limit")) && parse_int(v, 1, EVQ_LIMIT_MAX, &q->limit) < 0) {
        snprintf(why, whylen, "limit wants a number from 1 to %d", EVQ_LIMIT_MAX);
        return -1;
    }
    if ((v = arg(r, "offset")) && parse_int(v, 0, 1000000, &q->offset) < 0) {
        snprintf(why, whylen, "offset wants a number from 0 to 1000000");
        return -1;
    }
    if ((v = arg(r, "sort"))) {
        static const char *names[] = {"date", "type", "org", "usd", "sources"};
        int k = -1;
        for (int i = 0; i < 5; i++)
            if (strcmp(v, names[i]) == 0)
                k = i;
        if (k < 0) {
            snprintf(why, whylen, "sort is date, type, org, usd or sources");
            return -1;
        }
        q->sort = (evq_sort)k;
    }
    if ((v = arg(r, "order"))) {
        if (strcmp(v, "asc") != 0 && strcmp(v, "desc") != 0) {
            snprintf(why, whylen, "order is asc or desc");
            return -1;
        }
        q->asc = strcmp(v, "asc") == 0;
    }
    return 0;
}

typedef struct first_mention {
    int64_t doc;
} first_mention;

static int take_first(int64_t doc_id, const char *sentence, double conf, void *ctx)
{
    first_mention *f = ctx;
    if (!f->doc)
        f->doc = doc_id;
    return 0;
}

static int take_text(const doc_rec *d, void *ctx)
{
    *(char **)ctx = xstrdup(d->text ? d->text : "");
    return 0;
}

/* Themes take a scan of the first mention's text: they are cached per
 * (tracker, event) until the store's counts change or a minute passes. */
#define TC_SLOTS 8192
#define TC_TTL 60

typedef struct theme_slot {
    int64_t id;               /* 0: empty */
    uint64_t tracker;         /* hash of the tracker's name */
    int theme;
} theme_slot;

static theme_slot tc[TC_SLOTS];
static store_counts tc_counts;
static time_t tc_since;
static pthread_mutex_t tc_lock = PTHREAD_MUTEX_INITIALIZER;

/* Forgets the cached themes when the store changed. */
static void tc_sync(store_t *s)
{
    store_counts c;
    if (store_count(s, &c) < 0)
        return;
    time_t now = time(NULL);
    pthread_mutex_lock(&tc_lock);
    if (memcmp(&c, &tc_counts, sizeof c) != 0 || now - tc_since >= TC_TTL) {
        memset(tc, 0, sizeof tc);
        tc_counts = c;
        tc_since = now;
    }
    pthread_mutex_unlock(&tc_lock);
}

static size_t tc_index(uint64_t tracker, int64_t id)
{
    return (size_t)((tracker ^ (uint64_t)id * 0x9E3779B97F4A7C15ull) % TC_SLOTS);
}

int evq_event_theme(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id)
{
    uint64_t th = XXH3_64bits(t->name ? t->name : "", t->name ? strlen(t->name) : 0);
    size_t k = tc_index(th, event_id);
    pthread_mutex_lock(&tc_lock);
    int hit = tc[k].id == event_id && tc[k].tracker == th, theme = tc[k].theme;
    pthread_mutex_unlock(&tc_lock);
    if (hit)
        return theme;
    theme = evq_event_theme_uncached(s, t, e, event_id);
    pthread_mutex_lock(&tc_lock);
    tc[k] = (theme_slot){event_id, th, theme};
    pthread_mutex_unlock(&tc_lock);
    return theme;
}

static int evq_event_theme_uncached(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id)
{
    first_mention f = {0};
    char *text = NULL;
    store_mentions_each(s, event_id, take_first, &f);
    if (f.doc)
        store_doc_get(s, f.doc, take_text, &text);
    int th = theme_of_event(t, e, text);
    free(text);
    return th;
}

typedef struct collect_ctx {
    ev_page *p;
    store_t *s;
    const tracker_def *t;
    int theme;                /* keep only this theme (-1: all) */
    int64_t matched;
} collect_ctx;

static int collect(const event_t *e, const event_meta *m, void *vctx)
{
    collect_ctx *c = vctx;
    int th = -1;
    if (c->theme >= 0) {
        th = evq_event_theme(c->s, c->t, e, m->id);
        if (th != c->theme)
            return 0;
    }
    c->matched++;
    ev_page *p = c->p;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->rows = xrealloc(p->rows, p->cap * sizeof *p->rows);
    }
    ev_row *r = &p->rows[p->n++];
    memset(r, 0, sizeof *r);
    event_copy(&r->e, e);
    r->id = m->id;
    snprintf(r->first_seen, sizeof r->first_seen, "%s", m->first_seen ? m->first_seen : "");
    r->mentions = m->mentions;
    r->theme = c->theme >= 0 ? th : -2; /* -2: not computed yet */
    return 0;
}

static const evq_sort *sort_key;
static int sort_asc;

static int cmp_str(const char *a, const char *b)
{
    return str_casecmp(a ? a : "", b ? b : "");
}

static int cmp_rows(const void *va, const void *vb)
{
    const ev_row *a = va, *b = vb;
    int c = 0;
    switch (*sort_key) {
    case EVQ_DATE: c = strcmp(a->first_seen, b->first_seen); break;
    case EVQ_TYPE: c = (int)a->e.type - (int)b->e.type; break;
    case EVQ_ORG: c = cmp_str(event_org_name(&a->e), event_org_name(&b->e)); break;
    case EVQ_USD: {
        double x = event_usd(&a->e), y = event_usd(&b->e);
        x = isnan(x) ? -1 : x, y = isnan(y) ? -1 : y;
        c = x < y ? -1 : x > y;
        break;
    }
    case EVQ_SOURCES: c = a->mentions < b->mentions ? -1 : a->mentions > b->mentions; break;
    }
    if (!c)
        c = a->id < b->id ? -1 : a->id > b->id; /* stable across pages */
    return sort_asc ? c : -c;
}

static void drop_rows(ev_page *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        event_clear(&p->rows[i].e);
}

int evq_run(store_t *s, const tracker_def *t, const ev_query *q, ev_page *p)
{
    memset(p, 0, sizeof *p);
    p->total = -1;
    event_filter f = q->f;
    collect_ctx c = {p, s, t, q->theme, 0};
    tc_sync(s);
    int direct = q->theme < 0 && q->sort == EVQ_DATE && !q->asc;
    if (direct) {
        /* The store's own order: let it paginate, one row more to know
         * whether a next page exists. */
        f.limit = q->limit + 1;
        f.offset = q->offset;
    } else {
        f.limit = EVQ_SCAN_MAX;
        f.offset = 0;
    }
    if (store_events_each(s, &f, collect, &c) < 0) {
        ev_page_free(p);
        return -1;
    }
    if (direct) {
        if ((int64_t)p->n > q->limit) {
            p->more = 1;
            drop_rows(p, (size_t)q->limit, p->n);
            p->n = (size_t)q->limit;
        }
    } else {
        /* One sort at a time: qsort has no context argument in C17. */
        static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
        pthread_mutex_lock(&lock);
        sort_key = &q->sort;
        sort_asc = q->asc;
        if (p->n > 1) /* qsort's array may not be NULL, even for no rows */
            qsort(p->rows, p->n, sizeof *p->rows, cmp_rows);
        pthread_mutex_unlock(&lock);
        p->total = (int64_t)p->n;
        size_t from = q->offset < (int64_t)p->n ? (size_t)q->offset : p->n;
        size_t to = from + (size_t)q->limit < p->n ? from + (size_t)q->limit : p->n;
        p->more = to < p->n;
        drop_rows(p, 0, from);
        drop_rows(p, to, p->n);
        if (to > from) /* memmove's pointers may not be NULL either */
            memmove(p->rows, p->rows + from, (to - from) * sizeof *p->rows);
        p->n = to - from;
    }
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i].theme == -2)
            p->rows[i].theme = evq_event_theme(s, t, &p->rows[i].e, p->rows[i].id);
    return 0;
}

void ev_page_free(ev_page *p)
{
    drop_rows(p, 0, p->n);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

