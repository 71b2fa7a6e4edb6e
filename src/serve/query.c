/* query: event filters from a request, run, sorted and paginated. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "publish/format.h"
#include "publish/scope.h"
#include "publish/theme.h"
#include "serve/metrics.h"
#include "serve/query.h"
#include "util/esc.h"
#include "util/input.h"
#include "util/str.h"


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

/* ---- the event index: every event of the store, its sort keys, filter
 * fields and theme for one tracker, made for one generation of the data
 * (store_generation) and shared by every request; a page is then a walk of
 * a sorted order (an offset into it when nothing filters) and a fetch of
 * its rows by key. At a later generation the index is patched, not made
 * again: only the events changed since its own (store_events_changed) are
 * read, and merged into copies of its orders. ---- */

typedef struct evx_row {
    int64_t id;
    char first_seen[32];      /* "" when unknown */
    int type;
    double usd;               /* event_usd, -1 when none (the sort key) */
    double floor_usd;         /* amount or price, 0 when none (min_usd) */
    int64_t mentions;
    int theme;
    int in;                   /* the tracker's event (publish/scope.h) */
    char country[8];
    const char *org;          /* organisation (the sort key), "" none */
    const char *hay;          /* lower-cased text the org filter searches */
    const char *inv;          /* lower-cased investors */
} evx_row;

/* The strings of an index's rows, in chunks that never move. */
typedef struct evx_chunk {
    struct evx_chunk *next;
    size_t used, cap;
    char data[];
} evx_chunk;
#define EVX_CHUNK ((size_t)1 << 20)

typedef struct evx {
    uint64_t key;             /* the tracker's name and themes */
    int64_t gen;              /* the generation of the data it holds */
    time_t built;
    evx_row *rows;            /* id order: every event of the store */
    size_t n;
    size_t n_in;              /* those that are the tracker's: the orders hold them */
    uint32_t *order[5];       /* row numbers ascending by each evq_sort */
    uint32_t *by_theme[5];    /* the same, grouped by theme (no theme first) */
    size_t *theme_at;         /* theme th's rows: by_theme[k][theme_at[th + 1]
                                 ... theme_at[th + 2] - 1] */
    size_t n_themes;
    evx_chunk *strs;
    int patched;              /* 1: made from the previous one by evx_patch */
    int refs;                 /* requests using it, and 1 while cached */
} evx;

#define EVX_SLOTS 4

static evx *evx_slots[EVX_SLOTS];
static pthread_mutex_t evx_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t evx_build_lock = PTHREAD_MUTEX_INITIALIZER;

static void evx_free(evx *x)
{
    free(x->rows);
    for (int k = 0; k < 5; k++) {
        free(x->order[k]);
        free(x->by_theme[k]);
    }
    free(x->theme_at);
    while (x->strs) {
        evx_chunk *c = x->strs;
        x->strs = c->next;
        free(c);
    }
    free(x);
}

static void evx_unref(evx *x)
{
    pthread_mutex_lock(&evx_lock);
    int gone = --x->refs == 0;
    pthread_mutex_unlock(&evx_lock);
    if (gone)
        evx_free(x);
}

/* s kept among x's strings ("" for none) */
static const char *evx_str(evx *x, const char *s)
{
    if (!s || !*s)
        return "";
    size_t len = strlen(s) + 1;
    evx_chunk *c = x->strs;
    if (!c || c->cap - c->used < len) {
        size_t cap = len > EVX_CHUNK ? len : EVX_CHUNK;
        c = xmalloc(sizeof *c + cap);
        c->next = x->strs;
        c->used = 0;
        c->cap = cap;
        x->strs = c;
    }
    char *d = c->data + c->used;
    memcpy(d, s, len);
    c->used += len;
    return d;
}

static uint64_t tracker_key(const tracker_def *t)
{
    XXH3_state_t *h = XXH3_createState();
    XXH3_64bits_reset(h);
#define HS(str) do { const char *s_ = (str) ? (str) : ""; XXH3_64bits_update(h, s_, strlen(s_) + 1); } while (0)
    HS(t->name);
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        HS(th->name);
        for (size_t k = 0; k < th->types.n; k++)
            HS(th->types.v[k]);
        HS("\x01");
        for (size_t k = 0; k < th->keywords.n; k++)
            HS(th->keywords.v[k]);
        HS("\x02");
        for (size_t k = 0; k < th->orgs.n; k++)
            HS(th->orgs.v[k]);
        HS("\x03");
    }
    /* the [filter]: which events are the tracker's */
    const str_list *lists[] = {&t->include, &t->exclude, &t->exclude_outlets, &t->exclude_orgs};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        for (size_t k = 0; k < lists[i]->n; k++)
            HS(lists[i]->v[k]);
        HS("\x04");
    }
#undef HS
    uint64_t v = XXH3_64bits_digest(h);
    XXH3_freeState(h);
    return v;
}

int evq_version(store_t *s, int64_t *gen)
{
    return store_generation(s, gen);
}

typedef struct build_ctx {
    evx *x;
    const evx *old;           /* the previous index of this tracker, or NULL */
    const int64_t *changed;   /* ascending: its rows that changed since (NULL: unknown) */
    size_t nchanged;
    size_t cap;
    int64_t *todo;            /* events whose theme is to be worked out */
    size_t ntodo, captodo;
} build_ctx;

static const evx_row *row_by_id(const evx *x, int64_t id)
{
    size_t lo = 0, hi = x ? x->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->rows[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return x && lo < x->n && x->rows[lo].id == id ? &x->rows[lo] : NULL;
}

static int id_in(const int64_t *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == id;
}

static int take_key(const store_event_key *k, void *vctx)
{
    build_ctx *c = vctx;
    evx *x = c->x;
    if (x->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        x->rows = xrealloc(x->rows, c->cap * sizeof *x->rows);
    }
    evx_row *r = &x->rows[x->n++];
    memset(r, 0, sizeof *r);
    r->id = k->id;
    snprintf(r->first_seen, sizeof r->first_seen, "%s", k->first_seen ? k->first_seen : "");
    r->type = k->type;
    double usd = k->type == EVENT_ACQUISITION ? k->price_usd : k->amount_usd;
    r->usd = isnan(usd) ? -1 : usd;
    r->floor_usd = !isnan(k->amount_usd) ? k->amount_usd : !isnan(k->price_usd) ? k->price_usd : 0;
    r->mentions = k->mentions;
    snprintf(r->country, sizeof r->country, "%s", k->country ? k->country : "");
    r->org = evx_str(x, k->org);
    r->hay = evx_str(x, k->haystack);
    r->inv = evx_str(x, k->investors);
    /* Whether it is the tracker's and its theme are read from its sentence
     * and mentions: kept from the last index when the event has not
     * changed since (and, when what changed is not known, while its
     * mentions stay the same). */
    const evx_row *o = row_by_id(c->old, k->id);
    if (o && o->mentions == r->mentions && strcmp(o->first_seen, r->first_seen) == 0 &&
        (!c->changed || !id_in(c->changed, c->nchanged, k->id))) {
        r->theme = o->theme;
        r->in = o->in;
    } else {
        r->theme = -1;
        if (c->ntodo == c->captodo) {
            c->captodo = c->captodo ? c->captodo * 2 : 256;
            c->todo = xrealloc(c->todo, c->captodo * sizeof *c->todo);
        }
        c->todo[c->ntodo++] = k->id;
    }
    return 0;
}

/* The events' scope and themes are judged a chunk at a time
 * (scope_events: a few reads for a chunk, not two per event, each a round
 * trip on PostgreSQL). */
#define THEME_CHUNK 256

typedef struct theme_ctx {
    store_t *s;
    const tracker_def *t;
    evx *x;
    event_t ev[THEME_CHUNK];
    int64_t id[THEME_CHUNK];
    size_t n;
} theme_ctx;

/* Judges the chunk (unless !judge: a read failed) into x's rows, then
 * empties it. */
static int themes_flush(theme_ctx *c, int judge)
{
    const event_t *ep[THEME_CHUNK];
    int in[THEME_CHUNK], th[THEME_CHUNK];
    for (size_t i = 0; i < c->n; i++)
        ep[i] = &c->ev[i];
    int rc = c->n && judge ? scope_events(c->s, c->t, ep, c->id, c->n, in, th) : 0;
    for (size_t i = 0; i < c->n; i++) {
        evx_row *r = rc == 0 && judge ? (evx_row *)row_by_id(c->x, c->id[i]) : NULL;
        if (r) {
            r->in = in[i];
            r->theme = th[i];
        }
        event_clear(&c->ev[i]);
    }
    c->n = 0;
    return rc;
}

static int take_theme(const event_t *e, const event_meta *m, void *vctx)
{
    theme_ctx *c = vctx;
    if (!row_by_id(c->x, m->id))
        return 0;
    event_copy(&c->ev[c->n], e);
    c->id[c->n++] = m->id;
    return c->n == THEME_CHUNK ? themes_flush(c, 1) : 0;
}

/* The scope and theme of each event of ids, into x's rows. */
static int themes_read(store_t *s, const tracker_def *t, evx *x, const int64_t *ids, size_t n)
{
    theme_ctx *c = xcalloc(1, sizeof *c); /* (its chunk is large) */
    c->s = s;
    c->t = t;
    c->x = x;
    int rc = store_events_by_ids(s, ids, n, take_theme, c);
    int frc = themes_flush(c, rc == 0);
    free(c);
    return rc < 0 ? rc : frc;
}

static const evx *sort_x;
static evq_sort sort_by;

static int cmp_rows(const evx_row *a, const evx_row *b)
{
    int c = 0;
    switch (sort_by) {
    case EVQ_DATE: c = strcmp(a->first_seen, b->first_seen); break;
    case EVQ_TYPE: c = a->type - b->type; break;
    case EVQ_ORG: c = str_casecmp(a->org, b->org); break;
    case EVQ_USD: c = a->usd < b->usd ? -1 : a->usd > b->usd; break;
    case EVQ_SOURCES: c = a->mentions < b->mentions ? -1 : a->mentions > b->mentions; break;
    }
    if (!c)
        c = a->id < b->id ? -1 : a->id > b->id; /* stable across pages */
    return c;
}

static int cmp_order(const void *va, const void *vb)
{
    return cmp_rows(&sort_x->rows[*(const uint32_t *)va], &sort_x->rows[*(const uint32_t *)vb]);
}

static int cmp_row_id(const void *va, const void *vb)
{
    const evx_row *a = va, *b = vb;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* The rows' themes checked, and each order split by theme, so that a
 * theme's page is an offset too. */
static void evx_split_themes(evx *x, const tracker_def *t)
{
    x->n_themes = t->n_themes;
    x->theme_at = xcalloc(t->n_themes + 3, sizeof *x->theme_at);
    for (size_t i = 0; i < x->n; i++) {
        int th = x->rows[i].theme;
        if (th < -1 || th >= (int)t->n_themes)
            th = x->rows[i].theme = -1;
        if (x->rows[i].in)
            x->theme_at[th + 2]++;
    }
    for (size_t b = 1; b <= t->n_themes + 2; b++)
        x->theme_at[b] += x->theme_at[b - 1];
    size_t *fill = xcalloc(t->n_themes + 2, sizeof *fill);
    for (int k = 0; k < 5; k++) {
        x->by_theme[k] = xcalloc(x->n_in + 1, sizeof *x->by_theme[k]);
        memcpy(fill, x->theme_at, (t->n_themes + 2) * sizeof *fill);
        for (size_t i = 0; i < x->n_in; i++) {
            uint32_t r = x->order[k][i];
            x->by_theme[k][fill[x->rows[r].theme + 1]++] = r;
        }
    }
    free(fill);
}

/* Every event read (their keys; themes kept from old for the events not in
 * changed, see take_key), then sorted each way. */
static evx *evx_build(store_t *s, const tracker_def *t, uint64_t key, int64_t gen, const evx *old,
                      const int64_t *changed, size_t nchanged)
{
    evx *x = xcalloc(1, sizeof *x);
    x->key = key;
    x->gen = gen;
    x->built = time(NULL);
    x->refs = 1;
    build_ctx c = {x, old, changed, nchanged, 0, NULL, 0, 0};
    int rc = store_event_keys(s, take_key, &c);
    if (rc == 0)
        rc = themes_read(s, t, x, c.todo, c.ntodo);
    free(c.todo);
    if (rc < 0) {
        evx_free(x);
        return NULL;
    }
    sort_x = x; /* under evx_build_lock */
    for (size_t i = 0; i < x->n; i++)
        x->n_in += x->rows[i].in != 0;
    for (int k = 0; k < 5; k++) {
        x->order[k] = xcalloc(x->n_in + 1, sizeof *x->order[k]);
        size_t j = 0;
        for (size_t i = 0; i < x->n; i++)
            if (x->rows[i].in)
                x->order[k][j++] = (uint32_t)i;
        sort_by = (evq_sort)k;
        if (x->n_in > 1)
            qsort(x->order[k], x->n_in, sizeof *x->order[k], cmp_order);
    }
    evx_split_themes(x, t);
    return x;
}

#define EVX_GONE UINT32_MAX

/* old brought to generation gen: the events of changed (ascending) read
 * again, with their themes; the other rows and their places in each order
 * kept. NULL on a store error. */
static evx *evx_patch(store_t *s, const tracker_def *t, const evx *old, int64_t gen, const int64_t *changed,
                      size_t nchanged)
{
    /* the changed events as they are now (those still stored), in an
     * index of their own, by id */
    evx *f = xcalloc(1, sizeof *f);
    build_ctx c = {f, NULL, NULL, 0, 0, NULL, 0, 0};
    int rc = store_event_keys_by_ids(s, changed, nchanged, take_key, &c);
    if (rc == 0 && f->n > 1)
        qsort(f->rows, f->n, sizeof *f->rows, cmp_row_id);
    if (rc == 0)
        rc = themes_read(s, t, f, c.todo, c.ntodo);
    free(c.todo);
    if (rc < 0) {
        evx_free(f);
        return NULL;
    }
    evx *x = xcalloc(1, sizeof *x);
    x->key = old->key;
    x->gen = gen;
    x->built = time(NULL);
    x->patched = 1;
    x->refs = 1;
    x->rows = xmalloc((old->n + f->n + 1) * sizeof *x->rows);
    uint32_t *map = xmalloc((old->n + 1) * sizeof *map);  /* old row -> new row */
    uint32_t *fresh = xmalloc((f->n + 1) * sizeof *fresh); /* f's rows -> new rows */
    size_t i = 0, j = 0, ci = 0;
    while (i < old->n || j < f->n) {
        const evx_row *r;
        /* both in id order: changed walked along with the old rows */
        while (i < old->n && ci < nchanged && changed[ci] < old->rows[i].id)
            ci++;
        if (i < old->n && ci < nchanged && changed[ci] == old->rows[i].id) {
            map[i++] = EVX_GONE; /* read again (in f when it is still stored) */
            continue;
        }
        if (j >= f->n || (i < old->n && old->rows[i].id < f->rows[j].id)) {
            map[i] = (uint32_t)x->n;
            r = &old->rows[i++];
        } else {
            fresh[j] = (uint32_t)x->n;
            r = &f->rows[j++];
        }
        evx_row *d = &x->rows[x->n++];
        *d = *r;
        d->org = evx_str(x, r->org);
        d->hay = evx_str(x, r->hay);
        d->inv = evx_str(x, r->inv);
    }
    /* each order: the kept rows in their old order (their keys did not
     * change), the changed ones sorted and each put in its place found by
     * a binary search (a few comparisons each, not one per row) */
    sort_x = x; /* under evx_build_lock */
    uint32_t *add = xmalloc((f->n + 1) * sizeof *add);
    size_t nadd = 0;
    for (size_t k = 0; k < f->n; k++)
        if (x->rows[fresh[k]].in)
            add[nadd++] = fresh[k];
    uint32_t *keep = xmalloc((old->n_in + 1) * sizeof *keep);
    for (int k = 0; k < 5; k++) {
        size_t nk = 0;
        for (size_t a = 0; a < old->n_in; a++)
            if (map[old->order[k][a]] != EVX_GONE)
                keep[nk++] = map[old->order[k][a]];
        x->n_in = nk + nadd;
        sort_by = (evq_sort)k;
        if (nadd > 1)
            qsort(add, nadd, sizeof *add, cmp_order);
        uint32_t *o = x->order[k] = xmalloc((x->n_in + 1) * sizeof *o);
        size_t pos = 0, n = 0;
        for (size_t b = 0; b < nadd; b++) {
            size_t lo = pos, hi = nk;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (cmp_rows(&x->rows[keep[mid]], &x->rows[add[b]]) < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            memcpy(o + n, keep + pos, (lo - pos) * sizeof *o);
            n += lo - pos;
            pos = lo;
            o[n++] = add[b];
        }
        memcpy(o + n, keep + pos, (nk - pos) * sizeof *o);
    }
    free(keep);
    free(add);
    free(map);
    free(fresh);
    evx_free(f);
    evx_split_themes(x, t);
    return x;
}

/* How many rows of an amount order (ascending) have no amount: they come
 * first in it (usd -1). */
static size_t no_amount_rows(const evx *x, const uint32_t *ord, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->rows[ord[mid]].usd < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The i-th place of a walk of an ascending order of n rows, none of them
 * (at its start) without an amount: descending from its end, or ascending
 * from the first row with an amount; either way the rows without one come
 * last. */
static size_t walk_at(size_t i, size_t n, size_t none, int asc)
{
    if (!asc)
        return n - 1 - i;
    return i < n - none ? none + i : i - (n - none);
}

/* A cached index of key at generation gen or later (a request whose read
 * began before another's may see the newer one: never older data), with a
 * reference taken; else NULL and *old the older one, referenced too. */
static evx *evx_find(uint64_t key, int64_t gen, evx **old)
{
    evx *hit = NULL;
    *old = NULL;
    pthread_mutex_lock(&evx_lock);
    for (int i = 0; i < EVX_SLOTS; i++) {
        evx *x = evx_slots[i];
        if (!x || x->key != key)
            continue;
        if (x->gen >= gen)
            hit = x;
        else
            *old = x;
        x->refs++;
        break;
    }
    pthread_mutex_unlock(&evx_lock);
    return hit;
}

static __thread int evq_stale_answer;

int evq_stale(int reset)
{
    int v = evq_stale_answer;
    if (reset)
        evq_stale_answer = 0;
    return v;
}

/* Deletions and changes past this share of an index's rows: it is read
 * again whole (a patch would read about as much, row by row). */
#define EVX_PATCH_SHARE 2
#define EVX_PATCH_ANY 256     /* so many are patched in, whatever the size */

/* The index of tracker t at the store's current data (a reference:
 * evx_unref), or NULL on a store error. */
static evx *evx_get(store_t *s, const tracker_def *t)
{
    int64_t gen;
    if (evq_version(s, &gen) < 0)
        return NULL;
    uint64_t key = tracker_key(t);
    evx *old, *x = evx_find(key, gen, &old);
    if (x)
        return x;
    /* One build at a time: a request that waited finds it made. While one
     * runs (a patch: tens of milliseconds at 100,000 documents, a whole
     * read: seconds), the others are answered from the index before it,
     * and their answers are not kept (evq_stale); with none, they wait. */
    if (pthread_mutex_trylock(&evx_build_lock) != 0) {
        if (old) {
            evq_stale_answer = 1;
            return old;
        }
        pthread_mutex_lock(&evx_build_lock);
    }
    if (old)
        evx_unref(old);
    x = evx_find(key, gen, &old);
    if (!x) {
        int64_t *changed = NULL;
        size_t nchanged = 0;
        int rc = old ? store_events_changed(s, old->gen, old->n * EVX_PATCH_SHARE + 1024, &changed, &nchanged) : 1;
        if (rc == 0 && (nchanged <= old->n / EVX_PATCH_SHARE || nchanged <= EVX_PATCH_ANY))
            x = evx_patch(s, t, old, gen, changed, nchanged);
        else if (rc >= 0)
            /* the themes of what did not change are kept (none when what
             * changed is not known) */
            x = evx_build(s, t, key, gen, rc == 0 ? old : NULL, changed, nchanged);
        free(changed);
        if (x)
            metrics_event_index(x->patched);
        if (x) {
            pthread_mutex_lock(&evx_lock);
            int slot = 0;
            for (int i = 0; i < EVX_SLOTS; i++) {
                if (evx_slots[i] && evx_slots[i]->key == key) {
                    slot = i;
                    break;
                }
                if (!evx_slots[i] || (evx_slots[slot] && evx_slots[i]->built < evx_slots[slot]->built))
                    slot = i;
            }
            evx *gone = evx_slots[slot];
            evx_slots[slot] = x;
            x->refs++; /* the caller's */
            pthread_mutex_unlock(&evx_lock);
            if (gone)
                evx_unref(gone);
        }
    }
    pthread_mutex_unlock(&evx_build_lock);
    if (old)
        evx_unref(old);
    return x;
}

void evq_forget(void)
{
    pthread_mutex_lock(&evx_lock);
    evx *v[EVX_SLOTS];
    for (int i = 0; i < EVX_SLOTS; i++) {
        v[i] = evx_slots[i];
        evx_slots[i] = NULL;
    }
    pthread_mutex_unlock(&evx_lock);
    for (int i = 0; i < EVX_SLOTS; i++)
        if (v[i])
            evx_unref(v[i]);
}

int evq_event_theme(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id)
{
    evx *x = evx_get(s, t);
    const evx_row *r = x ? row_by_id(x, event_id) : NULL;
    int th = -1;
    if (r)
        th = r->in ? r->theme : -1;
    else if (scope_event(s, t, e, event_id, NULL, NULL, &th) <= 0)
        th = -1;
    if (x)
        evx_unref(x);
    return th;
}

/* ASCII lower case, as SQLite's lower() */
static void lower_ascii(char *d, size_t dsz, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < dsz; i++)
        d[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 32) : s[i];
    d[i] = '\0';
}

static int row_matches(const evx_row *r, const ev_query *q, const char *country, const char *org,
                       const char *inv)
{
    const event_filter *f = &q->f;
    if (f->type >= 0 && r->type != f->type)
        return 0;
    if (q->theme >= 0 && r->theme != q->theme)
        return 0;
    if ((f->since || f->until) && !r->first_seen[0])
        return 0;
    if (f->since && strncmp(r->first_seen, f->since, 10) < 0)
        return 0;
    if (f->until && strncmp(r->first_seen, f->until, 10) > 0)
        return 0;
    if (!isnan(f->min_usd) && !(r->floor_usd >= f->min_usd))
        return 0;
    if (country && strcmp(r->country, country) != 0)
        return 0;
    if (org && !strstr(r->hay, org))
        return 0;
    if (inv && !strstr(r->inv, inv))
        return 0;
    return 1;
}

typedef struct fetch_ctx {
    ev_page *p;
    const evx *x;
} fetch_ctx;

static int take_row(const event_t *e, const event_meta *m, void *vctx)
{
    fetch_ctx *c = vctx;
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
    const evx_row *x = row_by_id(c->x, m->id);
    r->theme = x && x->in ? x->theme : -1;
    return 0;
}

int evq_run(store_t *s, const tracker_def *t, const ev_query *q, ev_page *p)
{
    memset(p, 0, sizeof *p);
    p->total = -1;
    evx *x = evx_get(s, t);
    if (!x)
        return -1;
    int rc;
    fetch_ctx fc = {p, x};
    if (q->f.id > 0) {
        /* one event by its key */
        rc = store_events_by_ids(s, &q->f.id, 1, take_row, &fc);
        if (rc == 0 && p->n) {
            int th = p->rows[0].theme;
            const evx_row *r = row_by_id(x, q->f.id);
            if (!r && scope_event(s, t, &p->rows[0].e, q->f.id, NULL, NULL, &th) < 0)
                th = -1; /* newer than the index */
            p->rows[0].theme = th;
            ev_query one = *q;
            one.f.id = 0;
            if (r && !row_matches(r, &one, NULL, NULL, NULL)) {
                ev_page_free(p);
                p->total = 0;
            } else
                p->total = (int64_t)p->n;
        }
        evx_unref(x);
        return rc;
    }
    char country[8] = "", org[256] = "", inv[256] = "";
    if (q->f.country) {
        snprintf(country, sizeof country, "%s", q->f.country);
        for (char *c = country; *c; c++)
            *c = *c >= 'a' && *c <= 'z' ? (char)(*c & ~32) : *c;
    }
    if (q->f.org)
        lower_ascii(org, sizeof org, q->f.org);
    if (q->f.investor)
        lower_ascii(inv, sizeof inv, q->f.investor);
    int filtered = q->f.type >= 0 || q->f.since || q->f.until || !isnan(q->f.min_usd) ||
                   q->f.country || q->f.org || q->f.investor;
    /* the sorted order, or the part of it of one theme */
    const uint32_t *ord = x->order[q->sort];
    size_t n = x->n_in, want = (size_t)q->limit;
    if (q->theme >= 0) {
        size_t th = (size_t)q->theme < x->n_themes ? (size_t)q->theme : x->n_themes;
        ord = x->by_theme[q->sort] + x->theme_at[th + 1];
        n = th < x->n_themes ? x->theme_at[th + 2] - x->theme_at[th + 1] : 0;
    }
    int64_t *ids = xcalloc(want + 1, sizeof *ids);
    size_t got = 0;
    size_t none = q->sort == EVQ_USD ? no_amount_rows(x, ord, n) : 0;
    if (!filtered) {
        /* an offset into the sorted order */
        size_t from = (uint64_t)q->offset < n ? (size_t)q->offset : n;
        for (size_t i = from; i < n && got < want; i++)
            ids[got++] = x->rows[ord[walk_at(i, n, none, q->asc)]].id;
        p->total = (int64_t)n;
    } else {
        int64_t total = 0;
        for (size_t i = 0; i < n; i++) {
            const evx_row *r = &x->rows[ord[walk_at(i, n, none, q->asc)]];
            if (!row_matches(r, q, q->f.country ? country : NULL, q->f.org ? org : NULL,
                             q->f.investor ? inv : NULL))
                continue;
            if (total >= q->offset && got < want)
                ids[got++] = r->id;
            total++;
        }
        p->total = total;
    }
    p->more = q->offset + (int64_t)want < p->total;
    rc = store_events_by_ids(s, ids, got, take_row, &fc);
    free(ids);
    evx_unref(x);
    if (rc < 0)
        ev_page_free(p);
    return rc;
}

void ev_page_free(ev_page *p)
{
    for (size_t i = 0; i < p->n; i++)
        event_clear(&p->rows[i].e);
    free(p->rows);
    memset(p, 0, sizeof *p);
}

