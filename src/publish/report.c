/* report: the tracker page (Markdown, HTML, JSON) built from the store. */
#include "report.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze/money.h"
#include "publish/chart.h"
#include "publish/eventfmt.h"
#include "publish/format.h"
#include "publish/narrative.h"
#include "publish/scope.h"
#include "publish/theme.h"
#include "util/url.h"
#include "util/esc.h"
#include "util/json.h"
#include "util/str.h"

/* ---- the model: what the page says, independent of its format ---- */

/* The page's documents' and events' short strings, copied into chunks
 * freed at once (a 100,000-document page holds half a million of them:
 * one malloc and one free each cost a tenth of the report). */
typedef struct strpool {
    char **chunks;
    size_t n;
    char *cur;
    size_t left;
} strpool;

#define STRPOOL_CHUNK 65536

/* n bytes aligned for anything (the events' lists of names too) */
static void *pool_alloc(strpool *p, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    size_t pad = (size_t)(-(uintptr_t)p->cur & (align - 1));
    if (!p->cur || pad + n > p->left) {
        size_t size = n > STRPOOL_CHUNK ? n : STRPOOL_CHUNK;
        p->chunks = xrealloc(p->chunks, (p->n + 1) * sizeof *p->chunks);
        p->cur = p->chunks[p->n++] = xmalloc(size); /* malloc's alignment */
        p->left = size;
        pad = 0;
    }
    char *out = p->cur + pad;
    p->cur = out + n;
    p->left -= pad + n;
    return out;
}

static void *pool_alloc_fn(void *arg, size_t n)
{
    return pool_alloc(arg, n);
}

static char *pool_dup(strpool *p, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *out = p->cur && n <= p->left ? p->cur : NULL; /* strings need no alignment */
    if (out) {
        p->cur += n;
        p->left -= n;
    } else {
        out = pool_alloc(p, n);
    }
    memcpy(out, s, n);
    return out;
}

static void pool_free(strpool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->chunks[i]);
    free(p->chunks);
    memset(p, 0, sizeof *p);
}

/* Strings counted by content (open addressing, at most half full): the
 * page's outlets, each theme's investors. Keys are borrowed. */
typedef struct strcount {
    const char **key; /* NULL: an empty slot */
    uint64_t *hash;
    int *n;
    size_t cap, used;
} strcount;

static uint64_t str_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

static size_t strcount_slot(const strcount *t, const char *s, uint64_t h)
{
    size_t mask = t->cap - 1, i = (size_t)h & mask;
    while (t->key[i] && (t->hash[i] != h || strcmp(t->key[i], s) != 0))
        i = (i + 1) & mask;
    return i;
}

/* Counts s once more; returns its slot (t->key[slot] is s when new). */
static size_t strcount_add(strcount *t, const char *s)
{
    if (2 * (t->used + 1) > t->cap) {
        strcount g = {0};
        g.cap = t->cap ? 2 * t->cap : 64;
        g.key = xcalloc(g.cap, sizeof *g.key);
        g.hash = xcalloc(g.cap, sizeof *g.hash);
        g.n = xcalloc(g.cap, sizeof *g.n);
        for (size_t i = 0; i < t->cap; i++)
            if (t->key[i]) {
                size_t k = strcount_slot(&g, t->key[i], t->hash[i]);
                g.key[k] = t->key[i];
                g.hash[k] = t->hash[i];
                g.n[k] = t->n[i];
            }
        g.used = t->used;
        free(t->key);
        free(t->hash);
        free(t->n);
        *t = g;
    }
    uint64_t h = str_hash(s);
    size_t i = strcount_slot(t, s, h);
    if (!t->key[i]) {
        t->key[i] = s;
        t->hash[i] = h;
        t->n[i] = 0;
        t->used++;
    }
    t->n[i]++;
    return i;
}

static void strcount_free(strcount *t)
{
    free(t->key);
    free(t->hash);
    free(t->n);
    memset(t, 0, sizeof *t);
}

typedef struct rdoc {
    int64_t id;
    char *title, *outlet, *published, *url;
    int theme;     /* -1: none */
    int cite;      /* its number in Sources, 1-based */
    int has_event;
    int shown;     /* listed in its section (else only counted) */
} rdoc;

typedef struct revent {
    event_t rec;    /* the merged record, its strings in the model's pool */
    int64_t id;
    const char *first_seen;
    double best;    /* the confidence of the mention its sentence is from */
    int64_t best_doc; /* that mention's document, 0: none yet */
    int theme;
    int key;        /* a key milestone (else additional activity) */
    int *cites;     /* citation numbers, ascending */
    size_t ncites;
    int is_new;     /* not in the last edition */
    int shown;      /* listed in its section or in "What's new" */
} revent;

typedef struct model {
    const tracker_def *t;
    const report_opts *o;
    strpool strs;           /* the docs' and the events' strings */
    rdoc *docs;
    size_t ndocs;
    revent *ev;
    size_t nev;
    rdoc **by_cite; /* by_cite[n - 1] is source n */
    rdoc **by_id;   /* the documents in id order, for lookups (when not doc_at) */
    int32_t *doc_at; /* doc_at[id - doc_lo]: 1 + the document's index, 0: none */
    int64_t doc_lo;
    size_t doc_span;
    strcount outlets; /* the documents' outlets, each once (in the pool) */
    size_t ncited;
    char updated[32];
    char first_date[11], last_date[11];
    report_summary sum;
    double usd_recent, usd_before; /* funding in the last 30 days and the 30 before */
    int n_recent, n_before;
    size_t n_outlets;
    char *prev_edition;   /* when the last edition was made, NULL: first */
    narr_section **narr;  /* the narrative writer's sections (o->narrative) */
    size_t nnarr;
    size_t top;           /* items a section lists */
    /* the stored theme assignments (store_themes_get) and the ones worked
     * out here, to be stored after the reads (report_opts.keep_themes) */
    store_t *s;
    uint64_t rules;       /* theme_rules_hash of the tracker */
    store_theme_row *kept_docs, *kept_events;
    size_t nkept_docs, nkept_events;
    store_theme_row *new_docs, *new_events;
    size_t nnew_docs, nnew_events;
    revent **ev_by_id;    /* the events in id order, for the mentions (when not ev_at) */
    int32_t *ev_at;       /* as doc_at, while the mentions are read */
    int64_t ev_lo;
    size_t ev_span;
} model;

#define WHATS_NEW_TOP 12

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static const store_theme_row *kept_row(const store_theme_row *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo].id == id ? &v[lo] : NULL;
}

static void add_row(store_theme_row **v, size_t *n, int64_t id, uint64_t input, int value)
{
    if ((*n & (*n - 1)) == 0) /* 0, 1, 2, 4...: full */
        *v = xrealloc(*v, (*n ? 2 * *n : 1) * sizeof **v);
    (*v)[(*n)++] = (store_theme_row){id, input, value};
}

/* A document's text, read when its theme is not stored. */
typedef struct doc_text {
    char *title, *text, *outlet;
} doc_text;

static int read_text(const doc_rec *d, void *ctx)
{
    doc_text *x = ctx;
    x->title = dup_or_null(d->title);
    x->text = dup_or_null(d->text);
    x->outlet = dup_or_null(d->outlet);
    return 0;
}

static void doc_text_free(doc_text *x)
{
    free(x->title);
    free(x->text);
    free(x->outlet);
}

/* Stored as the value of a document's row: not the tracker's. */
#define THEME_FILTERED (-2)

/* A document's stored value: THEME_FILTERED, or its theme (-1: none). */
static int doc_value(const tracker_def *t, const char *title, const char *text, const char *outlet)
{
    return !scope_doc_in(t, title, text, outlet) ? THEME_FILTERED : theme_of_doc(t, title, text);
}

static int load_doc(int64_t id, const char *date, const char *outlet, void *ctx)
{
    model *m = ctx;
    /* the tracker's or not, and its theme: as stored for these rules, else
     * from its text */
    int value;
    const store_theme_row *k = kept_row(m->kept_docs, m->nkept_docs, id);
    if (k && k->input == m->rules) {
        value = k->value;
    } else {
        doc_text x = {0};
        if (store_doc_get(m->s, id, read_text, &x) < 0)
            return -1;
        value = doc_value(m->t, x.title, x.text ? x.text : "", x.outlet);
        doc_text_free(&x);
        add_row(&m->new_docs, &m->nnew_docs, id, m->rules, value);
    }
    if (value == THEME_FILTERED)
        return 0;
    if ((m->ndocs & (m->ndocs - 1)) == 0) /* 0, 1, 2, 4...: full */
        m->docs = xrealloc(m->docs, (m->ndocs ? 2 * m->ndocs : 1) * sizeof *m->docs);
    rdoc *r = &m->docs[m->ndocs];
    memset(r, 0, sizeof *r);
    r->id = id;
    if (outlet) { /* each outlet's name once */
        size_t k = strcount_add(&m->outlets, outlet);
        if (m->outlets.key[k] == outlet && m->outlets.n[k] == 1)
            m->outlets.key[k] = pool_dup(&m->strs, outlet);
        r->outlet = (char *)m->outlets.key[k];
    }
    r->published = pool_dup(&m->strs, date);
    r->theme = value;
    m->ndocs++;
    return 0;
}

static int id_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int by_doc_id(const void *a, const void *b)
{
    int64_t x = (*(rdoc *const *)a)->id, y = (*(rdoc *const *)b)->id;
    return x < y ? -1 : x > y;
}

static rdoc *find_doc(model *m, int64_t id)
{
    if (m->doc_at) {
        if (id < m->doc_lo || (uint64_t)(id - m->doc_lo) >= m->doc_span)
            return NULL;
        int32_t k = m->doc_at[id - m->doc_lo];
        return k ? &m->docs[k - 1] : NULL;
    }
    size_t lo = 0, hi = m->ndocs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->by_id[mid]->id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->ndocs && m->by_id[lo]->id == id ? m->by_id[lo] : NULL;
}

/* The earlier of two documents in the order of an event's mentions
 * (published, else fetched; then id). */
static int doc_before(const rdoc *a, const rdoc *b)
{
    int c = strcmp(a->published ? a->published : "", b->published ? b->published : "");
    return c < 0 || (c == 0 && a->id < b->id);
}

static int cite_order(const void *a, const void *b, void *ctx)
{
    const model *m = ctx;
    const rdoc *x = &m->docs[*(const int *)a], *y = &m->docs[*(const int *)b];
    return doc_before(x, y) ? -1 : doc_before(y, x) ? 1 : 0;
}

static int by_event_id(const void *a, const void *b)
{
    int64_t x = (*(revent *const *)a)->id, y = (*(revent *const *)b)->id;
    return x < y ? -1 : x > y;
}

/* One mention: its event's sentence when it is the best so far (highest
 * confidence, then lowest document id: store_mentions_all), and the
 * document cited by the event when the page has it (the tracker's, within
 * --since). */
static int load_mention(int64_t event_id, int64_t doc_id, double confidence, const char *sentence, void *ctx)
{
    model *m = ctx;
    revent *r;
    if (m->ev_at) {
        if (event_id < m->ev_lo || (uint64_t)(event_id - m->ev_lo) >= m->ev_span ||
            !m->ev_at[event_id - m->ev_lo])
            return 0;
        r = &m->ev[m->ev_at[event_id - m->ev_lo] - 1];
    } else {
        size_t lo = 0, hi = m->nev;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (m->ev_by_id[mid]->id < event_id)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == m->nev || m->ev_by_id[lo]->id != event_id)
            return 0;
        r = m->ev_by_id[lo];
    }
    if (!r->best_doc || confidence > r->best || (confidence == r->best && doc_id < r->best_doc)) {
        r->rec.sentence = pool_dup(&m->strs, sentence ? sentence : "");
        r->best = confidence;
        r->best_doc = doc_id;
    }
    rdoc *d = find_doc(m, doc_id);
    if (!d)
        return 0; /* not the tracker's or outside --since */
    if ((r->ncites & (r->ncites - 1)) == 0)
        r->cites = xrealloc(r->cites, (r->ncites ? 2 * r->ncites : 1) * sizeof *r->cites);
    r->cites[r->ncites++] = (int)(d - m->docs); /* a doc index until numbering */
    return 0;
}

/* A listed document's title and address (store_docs_listed). */
static int load_listed(const doc_rec *d, void *ctx)
{
    model *m = ctx;
    rdoc *r = find_doc(m, d->id);
    if (r) {
        r->title = pool_dup(&m->strs, d->title);
        r->url = pool_dup(&m->strs, url_doc_out(d->canonical_url, d->url));
    }
    return 0;
}

/* 1 when the tracker's filter excludes an organisation the event names
 * (publish/scope.c's rule). */
static int org_excluded(const tracker_def *t, const event_t *e)
{
    const char *names[] = {e->company, e->acquirer, e->target, e->organization};
    for (size_t i = 0; i < t->exclude_orgs.n; i++)
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (names[k] && str_icasestr(names[k], strlen(names[k]), t->exclude_orgs.v[i]))
                return 1;
    return 0;
}

/* What an event's theme is worked out from: the tracker's rules, its first
 * document on the page, its type, sentence and organisation. */
static uint64_t event_input(uint64_t rules, const event_t *e, int64_t first)
{
    char id[24], *p = id + sizeof id - 1; /* "%lld" without printf */
    uint64_t u = first < 0 ? -(uint64_t)first : (uint64_t)first;
    *p = '\0';
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (first < 0)
        *--p = '-';
    uint64_t h = theme_hash_str(rules, p);
    h = theme_hash_str(h, event_type_name(e->type));
    h = theme_hash_str(h, e->sentence);
    h = theme_hash_str(h, e->company);
    h = theme_hash_str(h, e->acquirer);
    return theme_hash_str(h, e->organization);
}

/* The event's theme (scope.h: read from its first document on the page),
 * as stored when worked out from the same, else worked out from that
 * document's text and kept for storing; -2 on a store error. */
static int event_theme(model *m, const revent *r, const rdoc *first)
{
    const event_t *e = &r->rec;
    uint64_t in = event_input(m->rules, e, first->id);
    const store_theme_row *k = kept_row(m->kept_events, m->nkept_events, r->id);
    if (k && k->input == in)
        return k->value;
    doc_text x = {0};
    if (store_doc_get(m->s, first->id, read_text, &x) < 0)
        return -2;
    int th = theme_of_event_in_doc(m->t, e, x.title, x.text);
    doc_text_free(&x);
    if (th < 0)
        th = 0;
    add_row(&m->new_events, &m->nnew_events, r->id, in, th);
    return th;
}

static int load_event(const event_t *e, const event_meta *meta, void *ctx)
{
    model *m = ctx;
    if ((m->nev & (m->nev - 1)) == 0) /* 0, 1, 2, 4...: full */
        m->ev = xrealloc(m->ev, (m->nev ? 2 * m->nev : 1) * sizeof *m->ev);
    revent *r = &m->ev[m->nev];
    memset(r, 0, sizeof *r);
    r->id = meta->id;
    r->first_seen = meta->first_seen; /* in the pool, as every string of e */
    r->rec = *e;
    m->nev++;
    return 0;
}

static int by_importance(const void *a, const void *b)
{
    const revent *x = a, *y = b;
    if (x->key != y->key)
        return y->key - x->key;
    double ax = x->rec.amount_usd, ay = y->rec.amount_usd;
    if (isnan(ax))
        ax = x->rec.price_usd;
    if (isnan(ay))
        ay = y->rec.price_usd;
    ax = isnan(ax) ? -1 : ax;
    ay = isnan(ay) ? -1 : ay;
    if (ax != ay)
        return ax < ay ? 1 : -1;
    const char *fx = x->first_seen ? x->first_seen : "", *fy = y->first_seen ? y->first_seen : "";
    return strcmp(fy, fx);
}

static int int_cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void cite_doc(model *m, rdoc *d)
{
    if (d->cite)
        return;
    m->by_cite[m->ncited++] = d;
    d->cite = (int)m->ncited;
}

static void days_before(const char *date, int days, char out[11])
{
    struct tm tm = {0};
    out[0] = '\0';
    if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
        return;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_mday -= days;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The ids of n records (each an int64_t at offset off, size bytes apart) as a
 * map of id - *lo to 1 + the record's index, when their range is not much
 * wider than their number (the store's ids, one after another); NULL
 * otherwise (the caller sorts and searches). */
static int32_t *dense_map(const void *v, size_t n, size_t size, size_t off, int64_t *lo, size_t *span)
{
    if (!n || n >= INT32_MAX)
        return NULL;
    int64_t min = INT64_MAX, max = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        int64_t id = *(const int64_t *)((const char *)v + i * size + off);
        min = id < min ? id : min;
        max = id > max ? id : max;
    }
    if ((uint64_t)(max - min) >= 4 * (uint64_t)n + 1024)
        return NULL;
    *lo = min;
    *span = (size_t)(max - min) + 1;
    int32_t *at = xcalloc(*span, sizeof *at);
    for (size_t i = 0; i < n; i++)
        at[*(const int64_t *)((const char *)v + i * size + off) - min] = (int32_t)(i + 1);
    return at;
}

static int model_build(store_t *s, model *m, char *why, size_t whylen)
{
    m->s = s;
    m->rules = theme_rules_hash(m->t);
    if (store_themes_get(s, m->t->name, STORE_THEME_DOC, &m->kept_docs, &m->nkept_docs) < 0 ||
        store_themes_get(s, m->t->name, STORE_THEME_EVENT, &m->kept_events, &m->nkept_events) < 0 ||
        store_docs_dates_each(s, m->o->since, load_doc, m) < 0 ||
        store_events_bare_each(s, m->o->since, pool_alloc_fn, &m->strs, load_event, m) < 0)
        goto fail;
    m->by_cite = xcalloc(m->ndocs + 1, sizeof *m->by_cite);
    m->doc_at = dense_map(m->docs, m->ndocs, sizeof *m->docs, offsetof(rdoc, id), &m->doc_lo, &m->doc_span);
    if (!m->doc_at) {
        m->by_id = xcalloc(m->ndocs + 1, sizeof *m->by_id);
        for (size_t i = 0; i < m->ndocs; i++)
            m->by_id[i] = &m->docs[i];
        if (m->ndocs)
            qsort(m->by_id, m->ndocs, sizeof *m->by_id, by_doc_id);
    }
    if (m->o->edition_format) {
        int64_t *ids = NULL;
        size_t n = 0;
        if (store_edition_last(s, m->t->name, m->o->edition_format, &m->prev_edition, &ids, &n) < 0)
            goto fail;
        if (n)
            qsort(ids, n, sizeof *ids, id_cmp);
        for (size_t i = 0; i < m->nev; i++)
            m->ev[i].is_new = !n || !bsearch(&m->ev[i].id, ids, n, sizeof *ids, id_cmp);
        free(ids);
    }

    /* every event's documents in one read: the tracker's events
     * (publish/scope.h) are those that name no excluded organisation and
     * that one of the page's documents reports; the others are dropped
     * below, before anything is counted */
    m->ev_at = dense_map(m->ev, m->nev, sizeof *m->ev, offsetof(revent, id), &m->ev_lo, &m->ev_span);
    if (!m->ev_at) {
        m->ev_by_id = xcalloc(m->nev + 1, sizeof *m->ev_by_id);
        for (size_t i = 0; i < m->nev; i++)
            m->ev_by_id[i] = &m->ev[i];
        if (m->nev)
            qsort(m->ev_by_id, m->nev, sizeof *m->ev_by_id, by_event_id);
    }
    int read = store_mentions_all(s, load_mention, m);
    free(m->ev_at); /* the events move from here */
    m->ev_at = NULL;
    if (read < 0)
        goto fail;
    for (size_t i = 0; i < m->nev; i++) {
        revent *r = &m->ev[i];
        event_t *e = &r->rec;
        if (!r->ncites || org_excluded(m->t, e)) {
            r->ncites = 0;
            r->theme = 0;
            continue;
        }
        /* in the order of the mentions (published, then id): the first is
         * the one the theme is read from, and sources are numbered so */
        if (r->ncites > 1) {
            qsort_r(r->cites, r->ncites, sizeof *r->cites, cite_order, m);
            size_t u = 1; /* a document's mentions of it counted once */
            for (size_t k = 1; k < r->ncites; k++)
                if (r->cites[k] != r->cites[u - 1])
                    r->cites[u++] = r->cites[k];
            r->ncites = u;
        }
        for (size_t k = 0; k < r->ncites; k++)
            m->docs[r->cites[k]].has_event = 1;
        if ((r->theme = event_theme(m, r, &m->docs[r->cites[0]])) < -1)
            goto fail;
        r->key = (e->type == EVENT_FUNDING || e->type == EVENT_ACQUISITION ||
                  e->type == EVENT_INFRASTRUCTURE) && e->confidence >= 0.5;
        if (e->type == EVENT_FUNDING) {
            m->sum.funding_rounds++;
            if (!isnan(e->amount_usd))
                m->sum.funding_usd += e->amount_usd;
        }
    }
    /* Drop the events that are not the tracker's. */
    size_t kept = 0;
    for (size_t i = 0; i < m->nev; i++) {
        if (m->ev[i].ncites) {
            m->ev[kept++] = m->ev[i];
        } else {
            free(m->ev[i].cites);
        }
    }
    m->nev = kept;
    m->sum.events = (int64_t)kept;
    if (m->nev)
        qsort(m->ev, m->nev, sizeof *m->ev, by_importance);

    /* What the page lists: each section's top items (most important events
     * first, documents in store order), the first new events; the rest is
     * counted and left to the events table, so the page's size is bounded
     * whatever the store's. */
    size_t nth = m->t->n_themes + 1;
    size_t *seen = xcalloc(2 * nth, sizeof *seen);
    size_t fresh = 0;
    for (size_t i = 0; i < m->nev; i++) {
        revent *r = &m->ev[i];
        size_t *c = &seen[2 * (size_t)r->theme + (r->key ? 0 : 1)];
        r->shown = (*c)++ < m->top;
        if (r->is_new && m->o->edition_format && m->prev_edition && fresh < WHATS_NEW_TOP) {
            r->shown = 1;
            fresh++;
        }
    }
    memset(seen, 0, 2 * nth * sizeof *seen);
    for (size_t i = 0; i < m->ndocs; i++) {
        rdoc *d = &m->docs[i];
        if (!d->has_event)
            d->shown = seen[d->theme < 0 ? nth - 1 : (size_t)d->theme]++ < m->top;
    }
    free(seen);
    /* Number the sources in the order the page cites them: theme by theme,
     * events first, then the theme's other documents, then the rest. */
    for (size_t th = 0; th <= m->t->n_themes; th++) {
        for (size_t i = 0; i < m->nev; i++) {
            revent *r = &m->ev[i];
            if ((size_t)r->theme != th || !r->shown)
                continue;
            for (size_t k = 0; k < r->ncites; k++)
                cite_doc(m, &m->docs[r->cites[k]]);
        }
        for (size_t i = 0; i < m->ndocs; i++)
            if (!m->docs[i].has_event && m->docs[i].shown &&
                (m->docs[i].theme == (int)th || (th == m->t->n_themes && m->docs[i].theme < 0)))
                cite_doc(m, &m->docs[i]);
    }
    for (size_t i = 0; i < m->nev; i++) {
        revent *r = &m->ev[i];
        if (!r->shown) {
            r->ncites = 0; /* not listed: nothing of it is cited */
            continue;
        }
        for (size_t k = 0; k < r->ncites; k++)
            r->cites[k] = m->docs[r->cites[k]].cite;
        if (r->ncites)
            qsort(r->cites, r->ncites, sizeof *r->cites, int_cmp);
        size_t u = 0;
        for (size_t k = 0; k < r->ncites; k++)
            if (!u || r->cites[u - 1] != r->cites[k])
                r->cites[u++] = r->cites[k];
        r->ncites = u;
    }

    /* The listed documents' titles and addresses: only theirs are read. */
    int64_t *listed = xcalloc(m->ncited + 1, sizeof *listed);
    for (size_t i = 0; i < m->ncited; i++)
        listed[i] = m->by_cite[i]->id;
    int got = store_docs_listed(s, listed, m->ncited, load_listed, m);
    free(listed);
    if (got < 0)
        goto fail;

    /* Period and trend. */
    for (size_t i = 0; i < m->ndocs; i++) {
        const char *p = m->docs[i].published;
        if (!p || strlen(p) < 10)
            continue;
        if (!m->first_date[0] || strncmp(p, m->first_date, 10) < 0)
            memcpy(m->first_date, p, 10);
        if (!m->last_date[0] || strncmp(p, m->last_date, 10) > 0)
            memcpy(m->last_date, p, 10);
    }
    char d30[11] = "", d60[11] = "";
    if (m->last_date[0]) {
        days_before(m->last_date, 30, d30);
        days_before(m->last_date, 60, d60);
    }
    for (size_t i = 0; i < m->nev; i++) {
        const event_t *e = &m->ev[i].rec;
        const char *f = m->ev[i].first_seen;
        if (e->type != EVENT_FUNDING || !f || !d30[0])
            continue;
        double usd = isnan(e->amount_usd) ? 0 : e->amount_usd;
        if (strncmp(f, d30, 10) > 0) {
            m->usd_recent += usd;
            m->n_recent++;
        } else if (strncmp(f, d60, 10) > 0) {
            m->usd_before += usd;
            m->n_before++;
        }
    }
    /* Outlets, counted by name (as the documents were read). */
    m->n_outlets = m->outlets.used;
    m->sum.documents = (int64_t)m->ndocs;
    m->sum.sources = (int64_t)m->ncited;
    return 0;
fail:
    snprintf(why, whylen, "%s", store_error(s));
    return -1;
}

static void model_free(model *m)
{
    free(m->prev_edition);
    for (size_t k = 0; k < m->nnarr; k++)
        narr_section_free(m->narr[k]);
    free(m->narr);
    free(m->docs);
    for (size_t i = 0; i < m->nev; i++)
        free(m->ev[i].cites);
    pool_free(&m->strs);
    free(m->ev);
    free(m->by_cite);
    free(m->by_id);
    free(m->doc_at);
    free(m->ev_by_id);
    free(m->ev_at);
    strcount_free(&m->outlets);
    free(m->kept_docs);
    free(m->kept_events);
    free(m->new_docs);
    free(m->new_events);
}

/* ---- rendering helpers shared by Markdown and HTML ---- */

/* REPORT_JSON here means plain text (the JSON report's prose: its writer
 * escapes it), citations as " [n]". */
static void put_text(buf_t *b, report_format f, const char *s)
{
    if (f == REPORT_HTML)
        esc_html(b, s);
    else if (f == REPORT_JSON)
        buf_puts(b, s ? s : "");
    else
        esc_md(b, s);
}

static void put_strong(buf_t *b, report_format f, const char *s)
{
    buf_puts(b, f == REPORT_HTML ? "<strong>" : f == REPORT_JSON ? "" : "**");
    put_text(b, f, s);
    buf_puts(b, f == REPORT_HTML ? "</strong>" : f == REPORT_JSON ? "" : "**");
}

static void put_cites(buf_t *b, report_format f, const int *cites, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (f == REPORT_HTML)
            buf_printf(b, " <a class=\"cite\" href=\"#s%d\">[%d]</a>", cites[i], cites[i]);
        else if (f == REPORT_JSON)
            buf_printf(b, " [%d]", cites[i]);
        else
            buf_printf(b, " [%d](#s%d)", cites[i], cites[i]);
    }
}

/* A name in bold; on the web UI (the report served, o->events_href set) a
 * link to its organisation page /org/NAME. */
static void put_org(buf_t *b, report_format f, int web, const char *name, int strong)
{
    if (f != REPORT_HTML || !web || !name || !*name) {
        if (strong)
            put_strong(b, f, name);
        else
            put_text(b, f, name);
        return;
    }
    buf_puts(b, strong ? "<strong><a class=\"org\" href=\"/org/" : "<a class=\"org\" href=\"/org/");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (str_isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
            buf_putc(b, *p);
        else
            buf_printf(b, "%%%02X", *p);
    buf_puts(b, "\">");
    esc_html(b, name);
    buf_puts(b, strong ? "</a></strong>" : "</a>");
}

#define WEB(m) ((m)->o->events_href != NULL)

static void put_names(buf_t *b, report_format f, int web, char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(b, i + 1 == n ? " and " : ", ");
        put_org(b, f, web, v[i], 0);
    }
}

/* The amount in the page's one money style ("$450 million", "€85 million
 * (about $91.8 million)"), whatever the source's spelling. */
static void put_amount(buf_t *b, report_format f, const event_t *e, double usd)
{
    buf_t t;
    buf_init(&t, 4096);
    fmt_money(&t, e->amount_value, e->currency, usd);
    put_strong(b, f, buf_str(&t));
    buf_free(&t);
}

/* ", a UK-based maker of ...," after a name (the closing comma only when
 * the sentence goes on); nothing when the sources say nothing of who it
 * is. */
static void put_descriptor(buf_t *b, report_format f, const event_t *e, int more)
{
    if (!e->descriptor || !*e->descriptor)
        return;
    buf_puts(b, ", ");
    put_text(b, f, e->descriptor);
    if (more)
        buf_putc(b, ',');
}

/* The country in brackets, when no descriptor says who the company is. */
static void put_country(buf_t *b, report_format f, const event_t *e)
{
    if (!e->country || (e->descriptor && *e->descriptor))
        return;
    buf_puts(b, " (");
    put_text(b, f, e->country);
    buf_putc(b, ')');
}

/* "250 MW", "1.67 GW". */
static void put_capacity(buf_t *b, double mw)
{
    if (mw >= 1000)
        buf_printf(b, "%.3g GW", mw / 1000);
    else
        buf_printf(b, "%.0f MW", mw);
}

/* "24,000 GPUs", "1.2 million GPUs". */
static void put_gpus(buf_t *b, double n)
{
    if (n >= 1e6) {
        buf_t t;
        buf_init(&t, 0);
        fmt_usd_long(&t, n); /* "$1.2 million": the figure without its sign */
        buf_puts(b, buf_str(&t) + 1);
        buf_free(&t);
    } else {
        fmt_count(b, n);
    }
    buf_puts(b, " GPUs");
}

/* One event as a sentence. */
static void put_event(buf_t *b, report_format f, const revent *r, int web)
{
    const event_t *e = &r->rec;
    buf_t tmp;
    buf_init(&tmp, 4096);
    switch (e->type) {
    case EVENT_FUNDING:
        put_org(b, f, web, e->company ? e->company : "A company", 1);
        put_country(b, f, e);
        put_descriptor(b, f, e, 1);
        buf_puts(b, " raised ");
        if (!isnan(e->amount_value) || !isnan(e->amount_usd))
            put_amount(b, f, e, e->amount_usd);
        else
            buf_puts(b, "an undisclosed amount");
        if (e->round && strcmp(e->round, "Unspecified") != 0) {
            buf_puts(b, " in a ");
            put_text(b, f, e->round);
            buf_puts(b, " round");
        }
        if (!isnan(e->valuation_usd)) {
            buf_puts(b, " at a ");
            fmt_usd_long(&tmp, e->valuation_usd);
            put_text(b, f, buf_str(&tmp));
            buf_puts(b, " valuation");
        }
        if (e->n_lead) {
            buf_puts(b, ", led by ");
            put_names(b, f, web, e->lead_investors, e->n_lead);
        }
        if (e->n_investors > e->n_lead) {
            /* the others: investors minus leads */
            buf_puts(b, e->n_lead ? ", with " : ", backed by ");
            size_t shown = 0;
            for (size_t i = 0; i < e->n_investors; i++) {
                int lead = 0;
                for (size_t k = 0; k < e->n_lead; k++)
                    lead |= strcmp(e->investors[i], e->lead_investors[k]) == 0;
                if (lead)
                    continue;
                if (shown++)
                    buf_puts(b, ", ");
                put_org(b, f, web, e->investors[i], 0);
            }
        }
        if (e->purpose && *e->purpose) {
            /* "raised $X to expand ...", "raised $X, led by Y, to expand
             * ...", "raised $X, mostly for compute" */
            int comma = e->n_investors || str_starts(e->purpose, "mostly ") ||
                        str_starts(e->purpose, "partly ");
            buf_puts(b, comma ? ", " : " ");
            put_text(b, f, e->purpose);
        }
        buf_putc(b, '.');
        break;
    case EVENT_ACQUISITION:
        put_org(b, f, web, e->acquirer ? e->acquirer : "A buyer", 1);
        /* as far as the sources tell: "acquired" once a source says the
         * deal closed, "agreed to acquire" while it waits, else "is acquiring" */
        buf_puts(b, e->status && !strcmp(e->status, "completed") ? " acquired "
                    : e->status && !strcmp(e->status, "pending") ? " agreed to acquire " : " is acquiring ");
        put_org(b, f, web, e->target ? e->target : "a company", 1);
        put_descriptor(b, f, e, !isnan(e->price_usd) || !isnan(e->amount_value));
        if (!isnan(e->price_usd) || !isnan(e->amount_value)) {
            buf_puts(b, " for ");
            put_amount(b, f, e, e->price_usd);
        }
        buf_putc(b, '.');
        break;
    case EVENT_STOCK_MOVE:
        put_org(b, f, web, e->company ? e->company : e->ticker ? e->ticker : "A stock", 1);
        if (e->ticker && e->company) {
            buf_puts(b, " (");
            put_text(b, f, e->ticker);
            buf_putc(b, ')');
        }
        if (!isnan(e->change_pct))
            buf_printf(b, " %s %.2f%%", e->change_pct < 0 ? "fell" : "rose", fabs(e->change_pct));
        else
            buf_puts(b, " moved");
        if (!isnan(e->close_price))
            buf_printf(b, ", closing at $%.2f", e->close_price);
        buf_putc(b, '.');
        break;
    case EVENT_INFRASTRUCTURE:
        put_org(b, f, web, e->organization ? e->organization : "A project", 1);
        put_country(b, f, e);
        if (e->descriptor && *e->descriptor) {
            buf_puts(b, ", ");
            put_text(b, f, e->descriptor);
        }
        /* how big, what and where, as the sources say ("200 MW AI data
         * centre in Leeds with 24,000 GPUs"), the money, and who pays
         * ("backed by X and Y") when a source names them */
        buf_puts(b, ": ");
        if (!isnan(e->capacity_mw)) {
            put_capacity(b, e->capacity_mw);
            buf_putc(b, ' ');
        }
        put_text(b, f, e->what ? e->what : "AI infrastructure");
        if (!isnan(e->gpus)) {
            buf_puts(b, " with ");
            put_gpus(b, e->gpus);
        }
        if (!isnan(e->amount_usd) || !isnan(e->amount_value)) {
            buf_puts(b, ", ");
            put_amount(b, f, e, e->amount_usd);
        }
        if (e->n_investors) {
            buf_puts(b, ", backed by ");
            put_names(b, f, web, e->investors, e->n_investors);
        }
        buf_putc(b, '.');
        break;
    default:
        put_org(b, f, web, e->company ? e->company : "A company", 1);
        if (e->descriptor && *e->descriptor) {
            buf_puts(b, ", ");
            put_text(b, f, e->descriptor);
        }
        buf_puts(b, ": ");
        put_text(b, f, e->product ? e->product : e->what ? e->what : "a launch");
        if (e->product && e->what) {
            /* "Halo NPU, a neural processing unit for ..." (the sources'
             * appositive); a short label in brackets */
            int apposition = str_starts(e->what, "a ") || str_starts(e->what, "an ") ||
                             str_starts(e->what, "its ");
            buf_puts(b, apposition ? ", " : " (");
            put_text(b, f, e->what);
            if (!apposition)
                buf_putc(b, ')');
        }
        buf_putc(b, '.');
        break;
    }
    if (f == REPORT_HTML && web)
        buf_printf(b, " <a class=\"event\" href=\"/events/%lld\">event</a>", (long long)r->id);
    put_cites(b, f, r->cites, r->ncites);
    buf_free(&tmp);
}

/* The headline and lead paragraph, from the period's figures. */
static void lead_text(const model *m, buf_t *headline, buf_t *lead)
{
    const revent *largest = NULL;
    int n_acq = 0, n_stock = 0, n_infra = 0, n_prod = 0;
    for (size_t i = 0; i < m->nev; i++) {
        const event_t *e = &m->ev[i].rec;
        switch (e->type) {
        case EVENT_FUNDING:
            if (!isnan(e->amount_usd) &&
                (!largest || e->amount_usd > largest->rec.amount_usd))
                largest = &m->ev[i];
            break;
        case EVENT_ACQUISITION: n_acq++; break;
        case EVENT_STOCK_MOVE: n_stock++; break;
        case EVENT_INFRASTRUCTURE: n_infra++; break;
        default: n_prod++; break;
        }
    }
    if (m->sum.funding_rounds) {
        buf_printf(headline, "%lld funding round%s raised ", (long long)m->sum.funding_rounds,
                   m->sum.funding_rounds == 1 ? "" : "s");
        fmt_usd_long(headline, m->sum.funding_usd);
        if (largest) {
            buf_printf(headline, "; the largest, %s, took ", largest->rec.company ? largest->rec.company : "one company");
            fmt_usd_long(headline, largest->rec.amount_usd);
        }
    } else {
        buf_printf(headline, "%lld document%s, %lld event%s", (long long)m->sum.documents,
                   str_s(m->sum.documents), (long long)m->sum.events, str_s(m->sum.events));
    }
    if (m->first_date[0]) {
        buf_puts(lead, "From ");
        fmt_date_human(lead, m->first_date);
        buf_puts(lead, " to ");
        fmt_date_human(lead, m->last_date);
        buf_puts(lead, ", ");
    }
    if (!m->sum.documents) {
        buf_puts(lead, "No story on the tracker's topic has been stored yet.");
        return;
    }
    buf_printf(lead, "%zu outlet%s published %lld stor%s on the tracker's topic.",
               m->n_outlets, str_s(m->n_outlets), (long long)m->sum.documents,
               m->sum.documents == 1 ? "y" : "ies");
    /* the kinds of event the period has, none listed as "0 launches" */
    int nf = (int)m->sum.funding_rounds;
    const struct { int n; const char *one, *many; } kinds[] = {
        {nf, "funding round", "funding rounds"}, {n_acq, "acquisition", "acquisitions"},
        {n_infra, "infrastructure project", "infrastructure projects"},
        {n_stock, "stock move", "stock moves"}, {n_prod, "launch", "launches"},
    };
    size_t nk = 0, k = 0;
    for (size_t i = 0; i < 5; i++)
        nk += kinds[i].n > 0;
    for (size_t i = 0; i < 5; i++) {
        if (!kinds[i].n)
            continue;
        buf_puts(lead, k == 0 ? " They report " : k + 1 == nk ? " and " : ", ");
        buf_printf(lead, "%d %s", kinds[i].n, kinds[i].n == 1 ? kinds[i].one : kinds[i].many);
        if (i == 0 && m->sum.funding_usd > 0) {
            buf_puts(lead, " totalling ");
            fmt_usd_long(lead, m->sum.funding_usd);
        }
        k++;
    }
    buf_puts(lead, nk ? "." : " They report no events.");
}

/* ---- Markdown and HTML ---- */

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
    "<style>\n"
    "body{font:16px/1.55 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2330;background:#fafafa}\n"
    "main{max-width:46rem;margin:0 auto;padding:1rem 1.2rem 3rem;background:#fff}\n"
    "header p{margin:.2rem 0;color:#555}.category{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#8a5a00}\n"
    ".kicker{margin-top:.6rem}.tracker-name{font-weight:600;color:#1d2330}.intro{font-size:1.05rem}\n"
    "h1{font-size:1.6rem;line-height:1.25;margin:.4rem 0}@media (max-width:30rem){h1{font-size:1.3rem}}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #e3e3e3;padding-bottom:.2rem}\n"
    "h3{font-size:1rem;color:#444;margin-bottom:.3rem}.lead{font-size:1.05rem}\n"
    "li{margin:.35rem 0}a{color:#0b57a4}.cite{font-size:.8rem;text-decoration:none}\n"
    ".sources li{font-size:.9rem;word-break:break-word}.meta{color:#666;font-size:.85rem}.meta .date{white-space:nowrap}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.5rem 1.5rem}\n"
    "figure.chart{margin:0}figcaption{font-size:.85rem;color:#444;margin:.6rem 0 .2rem}\n"
    "</style>\n";

/* "and N more in the events table" under a section that lists its top
 * items only; events: whether the rest are events (else documents). */
static void render_more(buf_t *b, report_format f, const model *m, size_t th, size_t more, int events)
{
    if (!more)
        return;
    const char *theme = th < m->t->n_themes ? m->t->themes[th].name : NULL;
    const char *what = events ? (more == 1 ? "event" : "events") : (more == 1 ? "story" : "stories");
    if (f == REPORT_HTML) {
        buf_printf(b, "<p class=\"meta more\">and %zu more %s", more, what);
        if (events && m->o->events_href) {
            buf_puts(b, " in <a href=\"");
            esc_html(b, m->o->events_href);
            if (theme) {
                buf_puts(b, "?theme=");
                esc_html(b, theme);
            }
            buf_puts(b, "\">the events table</a>");
        } else if (events) {
            buf_puts(b, " (<code>mtrack events");
            if (m->t->name) {
                buf_puts(b, " --tracker ");
                esc_html(b, m->t->name);
            }
            if (theme) {
                buf_puts(b, " --theme ");
                esc_html(b, theme);
            }
            buf_puts(b, "</code>)");
        }
        buf_puts(b, ".</p>\n");
    } else {
        buf_printf(b, "And %zu more %s", more, what);
        if (events) {
            buf_puts(b, " (`mtrack events");
            if (m->t->name) {
                buf_puts(b, " --tracker ");
                buf_puts(b, m->t->name); /* inside a code span: as it is */
            }
            if (theme) {
                buf_puts(b, " --theme ");
                buf_puts(b, theme);
            }
            buf_puts(b, "`)");
        }
        buf_puts(b, ".\n\n");
    }
}

static void render_section_events(buf_t *b, report_format f, const model *m, size_t th, int key)
{
    int any = 0;
    size_t listed = 0, more = 0;
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        if ((size_t)r->theme != th || r->key != key)
            continue;
        if (listed >= m->top) {
            more++;
            continue;
        }
        listed++;
        if (!any) {
            const char *h = key ? "Key milestones" : "Additional notable activity";
            if (f == REPORT_HTML)
                buf_printf(b, "<h3>%s</h3>\n<ul>\n", h);
            else
                buf_printf(b, "### %s\n\n", h);
            any = 1;
        }
        buf_puts(b, f == REPORT_HTML ? "<li>" : "- ");
        put_event(b, f, r, WEB(m));
        buf_puts(b, f == REPORT_HTML ? "</li>\n" : "\n");
    }
    if (any)
        buf_puts(b, f == REPORT_HTML ? "</ul>\n" : "\n");
    render_more(b, f, m, th, more, 1);
}

static void render_section_docs(buf_t *b, report_format f, const model *m, int th)
{
    int any = 0;
    size_t more = 0;
    for (size_t i = 0; i < m->ndocs; i++)
        more += !m->docs[i].has_event && !m->docs[i].shown && m->docs[i].theme == th;
    for (size_t i = 0; i < m->ncited; i++) {
        const rdoc *d = m->by_cite[i];
        if (d->has_event || d->theme != th)
            continue;
        if (!any) {
            if (f == REPORT_HTML)
                buf_puts(b, "<h3>Also in the news</h3>\n<ul>\n");
            else
                buf_puts(b, "### Also in the news\n\n");
            any = 1;
        }
        buf_puts(b, f == REPORT_HTML ? "<li>" : "- ");
        put_text(b, f, d->title ? d->title : "(untitled)");
        if (d->outlet) {
            buf_puts(b, f == REPORT_HTML ? " <span class=\"meta\">(" : " (");
            put_text(b, f, d->outlet);
            buf_puts(b, f == REPORT_HTML ? ")</span>" : ")");
        }
        put_cites(b, f, &d->cite, 1);
        buf_puts(b, f == REPORT_HTML ? "</li>\n" : "\n");
    }
    if (any)
        buf_puts(b, f == REPORT_HTML ? "</ul>\n" : "\n");
    render_more(b, f, m, th < 0 ? m->t->n_themes : (size_t)th, more, 0);
}

/* "Updated <the newest story's date>", and "· generated <today>" when the
 * page is made on another day (the figures "in the last 30 days" count
 * from the newest story too). */
static void updated_line(buf_t *b, const model *m, report_format f)
{
    int html = f == REPORT_HTML;
    const char *story = m->last_date[0] ? m->last_date : m->updated;
    buf_puts(b, "Updated ");
    if (html) {
        buf_puts(b, "<time datetime=\"");
        esc_html(b, story);
        buf_puts(b, "\">");
    }
    fmt_date_human(b, story);
    if (html)
        buf_puts(b, "</time>");
    if (strncmp(story, m->updated, 10) != 0) {
        buf_puts(b, " · generated ");
        if (html) {
            buf_puts(b, "<time datetime=\"");
            esc_html(b, m->updated);
            buf_puts(b, "\">");
        }
        fmt_date_human(b, m->updated);
        if (html)
            buf_puts(b, "</time>");
    }
}

/* "What's new since <last edition>": the events the last edition of this
 * format did not show, most important first. */
static void render_whats_new(buf_t *b, report_format f, const model *m)
{
    if (!m->o->edition_format)
        return;
    int html = f == REPORT_HTML;
    buf_t when;
    buf_init(&when, 0);
    fmt_datetime_human(&when, m->prev_edition);
    if (!m->prev_edition) {
        buf_puts(b, html ? "<section id=\"new\"><h2>What's new</h2>\n<p>This is the tracker's first edition.</p></section>\n"
                         : "## What's new\n\nThis is the tracker's first edition.\n\n");
        buf_free(&when);
        return;
    }
    if (html)
        buf_printf(b, "<section id=\"new\"><h2>What's new since %s</h2>\n", buf_str(&when));
    else
        buf_printf(b, "## What's new since %s\n\n", buf_str(&when));
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < m->nev; i++)
        total += m->ev[i].is_new;
    for (size_t i = 0; i < m->nev && shown < WHATS_NEW_TOP; i++) {
        if (!m->ev[i].is_new)
            continue;
        if (!shown)
            buf_puts(b, html ? "<ul>\n" : "");
        buf_puts(b, html ? "<li>" : "- ");
        put_event(b, f, &m->ev[i], WEB(m));
        buf_puts(b, html ? "</li>\n" : "\n");
        shown++;
    }
    if (shown)
        buf_puts(b, html ? "</ul>\n" : "\n");
    if (total > shown)
        buf_printf(b, html ? "<p class=\"meta\">and %zu more new event%s.</p>\n" : "And %zu more new event%s.\n\n",
                   total - shown, str_s(total - shown));
    if (!total)
        buf_puts(b, html ? "<p>No new events.</p>\n" : "No new events.\n\n");
    if (html)
        buf_puts(b, "</section>\n");
    buf_free(&when);
}

/* ---- the period in figures ---- */

typedef struct tally {
    chart_bar *bars;
    char **labels;
    size_t n;
} tally;

static void tally_add(tally *t, const char *label, double v)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->labels[i], label) == 0) {
            t->bars[i].value += v;
            return;
        }
    }
    t->labels = xrealloc(t->labels, (t->n + 1) * sizeof *t->labels);
    t->bars = xrealloc(t->bars, (t->n + 1) * sizeof *t->bars);
    t->labels[t->n] = xstrdup(label);
    t->bars[t->n].value = v;
    t->n++;
}

static int bar_desc(const void *a, const void *b)
{
    double x = ((const chart_bar *)a)->value, y = ((const chart_bar *)b)->value;
    return x < y ? 1 : x > y ? -1 : 0;
}

static int bar_label(const void *a, const void *b)
{
    return strcmp(((const chart_bar *)a)->label, ((const chart_bar *)b)->label);
}

static void tally_finish(tally *t, int by_value, size_t keep)
{
    for (size_t i = 0; i < t->n; i++)
        t->bars[i].label = t->labels[i];
    if (t->n)
        qsort(t->bars, t->n, sizeof *t->bars, by_value ? bar_desc : bar_label);
    if (t->n > keep)
        t->n = keep; /* labels stay owned through t->labels */
}

static void tally_free(tally *t, size_t all)
{
    for (size_t i = 0; i < all; i++)
        free(t->labels[i]);
    free(t->labels);
    free(t->bars);
}

static void render_table(buf_t *b, const char *title, const tally *t, int money)
{
    if (!t->n)
        return;
    buf_printf(b, "**%s:** ", title);
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            buf_puts(b, " · ");
        esc_md(b, t->bars[i].label);
        buf_putc(b, ' ');
        if (money && !(t->bars[i].value > 0))
            buf_puts(b, "no amount stated");
        else if (money)
            fmt_usd_long(b, t->bars[i].value);
        else
            buf_printf(b, "%.0f", t->bars[i].value);
    }
    buf_puts(b, "\n\n");
}


/* Funding by month, by theme and by country, and the most active
 * investors: inline SVG in HTML, one line each in Markdown. */
static void render_charts(buf_t *b, report_format f, const model *m)
{
    tally month = {0}, theme = {0}, country = {0}, inv = {0};
    for (size_t i = 0; i < m->nev; i++) {
        const event_t *e = &m->ev[i].rec;
        if (e->type != EVENT_FUNDING)
            continue;
        double usd = isnan(e->amount_usd) ? 0 : e->amount_usd;
        if (m->ev[i].first_seen && strlen(m->ev[i].first_seen) >= 7) {
            char ym[8];
            memcpy(ym, m->ev[i].first_seen, 7);
            ym[7] = '\0';
            tally_add(&month, ym, usd);
        }
        if (m->ev[i].theme >= 0 && (size_t)m->ev[i].theme < m->t->n_themes)
            tally_add(&theme, m->t->themes[m->ev[i].theme].title, usd);
        /* "UK", "France": the name, not the code */
        const char *cn = e->country ? fmt_country_name(e->country) : "country not stated";
        tally_add(&country, str_starts(cn, "the ") ? cn + 4 : cn, usd);
        for (size_t k = 0; k < e->n_investors; k++)
            tally_add(&inv, e->investors[k], 1);
    }
    size_t all_month = month.n, all_theme = theme.n, all_country = country.n, all_inv = inv.n;
    tally_finish(&month, 0, 24);
    /* months as people write them ("Jan 2026"), once in order */
    for (size_t i = 0; i < month.n; i++) {
        static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        int y, mo;
        if (sscanf(month.bars[i].label, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12)
            continue;
        for (size_t k = 0; k < all_month; k++)
            if (month.labels[k] == month.bars[i].label) {
                char tmp[16];
                snprintf(tmp, sizeof tmp, "%s %d", mon[mo - 1], y);
                free(month.labels[k]);
                month.labels[k] = xstrdup(tmp);
                month.bars[i].label = month.labels[k];
                break;
            }
    }
    tally_finish(&theme, 1, 12);
    tally_finish(&country, 1, 10);
    tally_finish(&inv, 1, 8);
    /* "most active" means more than one round: an investor of one round is
     * no trend, and a list of them is no ranking */
    while (inv.n && inv.bars[inv.n - 1].value < 2)
        inv.n--;
    if (month.n || inv.n) {
        if (f == REPORT_HTML) {
            buf_puts(b, "<section id=\"figures\"><h2>The period in figures</h2>\n<div class=\"charts\">\n");
            chart_columns(b, "Funding by month (USD)", month.bars, month.n, 1);
            chart_hbars(b, "Funding by theme (USD)", theme.bars, theme.n, 1);
            chart_hbars(b, "Funding by country (USD)", country.bars, country.n, 1);
            chart_hbars(b, "Most active investors (rounds)", inv.bars, inv.n, 0);
            buf_puts(b, "</div></section>\n");
        } else if (f == REPORT_MD) {
            buf_puts(b, "## The period in figures\n\n");
            render_table(b, "Funding by month", &month, 1);
            render_table(b, "By theme", &theme, 1);
            render_table(b, "By country", &country, 1);
            render_table(b, "Most active investors (rounds)", &inv, 0);
        }
    }
    tally_free(&month, all_month);
    tally_free(&theme, all_theme);
    tally_free(&country, all_country);
    tally_free(&inv, all_inv);
}

/* ---- issue 14: the period's story, a paragraph per theme, the trends ----
 * Every figure here is computed from the same events as the tables, and
 * every event named carries its citations. */


/* What a theme's events add up to (all of them, listed or not). */
typedef struct theme_sum {
    int n, n_fund, n_acq, n_acq_priced, n_infra, n_stock, n_prod;
    double fund_usd, acq_usd, infra_usd, infra_mw;
    int fund_recent, fund_before;
    double usd_recent, usd_before;
    const revent *largest; /* by dollar figure: round, price or project */
} theme_sum;

static void theme_sum_of(const model *m, int th, theme_sum *s)
{
    memset(s, 0, sizeof *s);
    char d30[11] = "", d60[11] = "";
    if (m->last_date[0]) {
        days_before(m->last_date, 30, d30);
        days_before(m->last_date, 60, d60);
    }
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        if (th >= 0 && r->theme != th)
            continue;
        const event_t *e = &r->rec;
        s->n++;
        double usd = e->type == EVENT_ACQUISITION ? e->price_usd : e->amount_usd;
        switch (e->type) {
        case EVENT_FUNDING:
            s->n_fund++;
            if (!isnan(usd))
                s->fund_usd += usd;
            if (r->first_seen && d30[0]) {
                if (strncmp(r->first_seen, d30, 10) > 0) {
                    s->fund_recent++;
                    s->usd_recent += isnan(usd) ? 0 : usd;
                } else if (strncmp(r->first_seen, d60, 10) > 0) {
                    s->fund_before++;
                    s->usd_before += isnan(usd) ? 0 : usd;
                }
            }
            break;
        case EVENT_ACQUISITION:
            s->n_acq++;
            if (!isnan(usd)) {
                s->n_acq_priced++;
                s->acq_usd += usd;
            }
            break;
        case EVENT_INFRASTRUCTURE:
            s->n_infra++;
            if (!isnan(usd))
                s->infra_usd += usd;
            if (!isnan(e->capacity_mw))
                s->infra_mw += e->capacity_mw;
            break;
        case EVENT_STOCK_MOVE: s->n_stock++; usd = NAN; break;
        default: s->n_prod++; usd = NAN; break;
        }
        if (!isnan(usd) && r->shown &&
            (!s->largest || usd > event_usd(&s->largest->rec)))
            s->largest = r;
    }
}


/* Joins count phrases: "a, b and c". */
static void put_list_sep(buf_t *b, size_t i, size_t n)
{
    if (i)
        buf_puts(b, i + 1 == n ? " and " : ", ");
}

static void put_count(buf_t *b, int n, const char *one, const char *many)
{
    buf_printf(b, "%d %s", n, n == 1 ? one : many);
}

/* "**Nscale**'s $2 billion Series C round [1] [2]" */
static void put_event_short(buf_t *b, report_format f, const model *m, const revent *r, int cites)
{
    const event_t *e = &r->rec;
    buf_t t;
    buf_init(&t, 0);
    const char *org = e->type == EVENT_ACQUISITION ? e->acquirer
                      : e->type == EVENT_INFRASTRUCTURE ? e->organization : e->company;
    put_org(b, f, WEB(m), org ? org : "one company", 1);
    buf_puts(b, org && org[0] && org[strlen(org) - 1] == 's' ? "' " : "'s ");
    fmt_money(&t, e->amount_value, e->currency, event_usd(e));
    if (t.len)
        buf_puts(&t, " ");
    switch (e->type) {
    case EVENT_FUNDING:
        if (e->round && strcmp(e->round, "Unspecified") != 0) {
            buf_puts(&t, e->round);
            buf_puts(&t, " round");
        } else {
            buf_puts(&t, "round");
        }
        break;
    case EVENT_ACQUISITION:
        buf_puts(&t, "purchase of ");
        buf_puts(&t, e->target ? e->target : "a company");
        break;
    case EVENT_INFRASTRUCTURE:
        buf_puts(&t, e->what ? e->what : "project");
        break;
    default: break;
    }
    if (f == REPORT_HTML && WEB(m)) {
        buf_printf(b, "<a class=\"event\" href=\"/events/%lld\">", (long long)r->id);
        esc_html(b, buf_str(&t));
        buf_puts(b, "</a>");
    } else {
        put_text(b, f, buf_str(&t));
    }
    buf_free(&t);
    if (cites)
        put_cites(b, f, r->cites, r->ncites);
}

/* The paragraph that opens a theme: how many events, how much money, the
 * largest, the change against the 30 days before, where, who. */
static void render_theme_intro(buf_t *b, report_format f, const model *m, int th)
{
    theme_sum s;
    theme_sum_of(m, th, &s);
    if (!s.n)
        return;
    buf_puts(b, f == REPORT_HTML ? "<p class=\"theme-intro\">" : "");
    buf_t p;
    buf_init(&p, 0);
    /* the counts */
    typedef struct part { int n; const char *one, *many; } part;
    part parts[5];
    size_t np = 0;
    if (s.n_fund) parts[np++] = (part){s.n_fund, "funding round", "funding rounds"};
    if (s.n_acq) parts[np++] = (part){s.n_acq, "acquisition", "acquisitions"};
    if (s.n_infra) parts[np++] = (part){s.n_infra, "infrastructure project", "infrastructure projects"};
    if (s.n_stock) parts[np++] = (part){s.n_stock, "stock move", "stock moves"};
    if (s.n_prod) parts[np++] = (part){s.n_prod, "launch", "launches"};
    buf_printf(&p, "%d event%s in this theme: ", s.n, s.n == 1 ? "" : "s");
    for (size_t i = 0; i < np; i++) {
        put_list_sep(&p, i, np);
        put_count(&p, parts[i].n, parts[i].one, parts[i].many);
    }
    buf_puts(&p, ".");
    put_text(b, f, buf_str(&p));
    buf_reset(&p);
    if (s.n_fund) {
        buf_printf(&p, " The %s raised ", s.n_fund == 1 ? "round" : "rounds");
        fmt_usd_long(&p, s.fund_usd);
        buf_puts(&p, " in all.");
    }
    if (s.n_acq_priced) {
        buf_printf(&p, " %s with a stated price come to ", s.n_acq_priced == 1 ? "The acquisition" : "The acquisitions");
        fmt_usd_long(&p, s.acq_usd);
        buf_puts(&p, ".");
    }
    if (s.n_infra && (s.infra_usd > 0 || s.infra_mw > 0)) {
        buf_printf(&p, " The %s", s.n_infra == 1 ? "project commits" : "projects commit");
        if (s.infra_usd > 0) {
            buf_puts(&p, " ");
            fmt_usd_long(&p, s.infra_usd);
        }
        if (s.infra_mw > 0) {
            buf_puts(&p, s.infra_usd > 0 ? " and " : " ");
            put_capacity(&p, s.infra_mw);
        }
        buf_puts(&p, " where stated.");
    }
    put_text(b, f, buf_str(&p));
    buf_reset(&p);
    if (s.largest) {
        buf_puts(b, " The largest is ");
        put_event_short(b, f, m, s.largest, 1);
        buf_puts(b, ".");
    }
    /* the change against the 30 days before (funding) */
    if (s.n_fund && (s.fund_recent || s.fund_before)) {
        if (!s.fund_recent) {
            buf_printf(&p, " No round came in the last 30 days; %d raised ", s.fund_before);
            fmt_usd_long(&p, s.usd_before);
            buf_puts(&p, " in the 30 days before.");
        } else {
            buf_printf(&p, " In the last 30 days %d round%s raised ", s.fund_recent, s.fund_recent == 1 ? "" : "s");
            fmt_usd_long(&p, s.usd_recent);
        }
        if (!s.fund_recent) {
        } else if (s.fund_before) {
            buf_printf(&p, ", against %d raising ", s.fund_before);
            fmt_usd_long(&p, s.usd_before);
            buf_puts(&p, " in the 30 days before.");
        } else {
            buf_puts(&p, ", against none in the 30 days before.");
        }
        put_text(b, f, buf_str(&p));
        buf_reset(&p);
    }
    /* where: the countries the events state, most first */
    const char *cc[64];
    int cn[64];
    size_t ncc = 0;
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        const char *c = r->rec.country;
        if (r->theme != th || !c || !*c)
            continue;
        size_t k = 0;
        while (k < ncc && strcmp(cc[k], c) != 0)
            k++;
        if (k == ncc) {
            if (ncc == 64)
                continue;
            cc[ncc] = c;
            cn[ncc++] = 0;
        }
        cn[k]++;
    }
    for (size_t i = 1; i < ncc; i++) /* by count, first seen first on a tie */
        for (size_t k = i; k > 0 && cn[k] > cn[k - 1]; k--) {
            const char *tc = cc[k]; cc[k] = cc[k - 1]; cc[k - 1] = tc;
            int tn = cn[k]; cn[k] = cn[k - 1]; cn[k - 1] = tn;
        }
    if (ncc) {
        size_t show = ncc < 5 ? ncc : 5;
        buf_puts(&p, " Where a country is stated: ");
        for (size_t i = 0; i < show; i++) {
            put_list_sep(&p, i, show + (ncc > show));
            buf_printf(&p, "%s (%d)", fmt_country_name(cc[i]), cn[i]);
        }
        if (ncc > show)
            buf_printf(&p, " and %zu more", ncc - show);
        buf_puts(&p, ".");
        put_text(b, f, buf_str(&p));
        buf_reset(&p);
    }
    /* who: investors in more than one of the theme's rounds (counted by
     * name, so that any number of rounds costs n), the most first, then in
     * name order */
    strcount names = {0};
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        const event_t *e = &r->rec;
        if (r->theme != th || e->type != EVENT_FUNDING)
            continue;
        for (size_t k = 0; k < e->n_investors; k++)
            strcount_add(&names, e->investors[k]);
    }
    typedef struct who { const char *name; int n; } who;
    who top[3] = {{0}};
    for (size_t i = 0; i < names.cap; i++) {
        int c = names.n[i];
        if (!names.key[i] || c < 2)
            continue;
        for (size_t k = 0; k < 3; k++)
            if (!top[k].name || c > top[k].n || (c == top[k].n && strcmp(names.key[i], top[k].name) < 0)) {
                for (size_t q = 2; q > k; q--)
                    top[q] = top[q - 1];
                top[k] = (who){names.key[i], c};
                break;
            }
    }
    for (size_t q = 0; q < 3 && top[q].name; q++) {
        buf_puts(b, q ? " " : " Repeat investors: ");
        put_org(b, f, WEB(m), top[q].name, 0);
        buf_printf(b, " backed %d of the rounds", top[q].n);
        for (size_t i = 0; i < m->nev; i++) {
            const revent *r = &m->ev[i];
            const event_t *e = &r->rec;
            if (r->theme != th || e->type != EVENT_FUNDING)
                continue;
            for (size_t k = 0; k < e->n_investors; k++)
                if (strcmp(e->investors[k], top[q].name) == 0)
                    put_cites(b, f, r->cites, r->ncites > 1 ? 1 : r->ncites);
        }
        buf_puts(b, ".");
    }
    strcount_free(&names);
    buf_free(&p);
    buf_puts(b, f == REPORT_HTML ? "</p>\n" : "\n\n");
}

/* The close of a theme with two rounds or more: the trends its figures
 * show that its paragraph does not state (its share of the period's
 * funding, the country whose companies raised the most of it, its busiest
 * month), nothing guessed. */
static void render_theme_close(buf_t *b, report_format f, const model *m, int th)
{
    theme_sum s, all;
    theme_sum_of(m, th, &s);
    if (s.n_fund < 2 || s.fund_usd <= 0)
        return;
    theme_sum_of(m, -1, &all);
    const char *cc[64], *mo[64];
    double cu[64], mu[64];
    size_t nc = 0, nm = 0;
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        const event_t *e = &r->rec;
        if (r->theme != th || e->type != EVENT_FUNDING || isnan(e->amount_usd))
            continue;
        if (e->country) {
            size_t k = 0;
            while (k < nc && strcmp(cc[k], e->country) != 0)
                k++;
            if (k == nc && nc < 64) {
                cc[nc] = e->country;
                cu[nc++] = 0;
            }
            if (k < nc)
                cu[k] += e->amount_usd;
        }
        if (r->first_seen && strlen(r->first_seen) >= 7) {
            size_t k = 0;
            while (k < nm && strncmp(mo[k], r->first_seen, 7) != 0)
                k++;
            if (k == nm && nm < 64) {
                mo[nm] = r->first_seen;
                mu[nm++] = 0;
            }
            if (k < nm)
                mu[k] += e->amount_usd;
        }
    }
    size_t bc = 0, bm = 0;
    for (size_t k = 1; k < nc; k++)
        if (cu[k] > cu[bc])
            bc = k;
    for (size_t k = 1; k < nm; k++)
        if (mu[k] > mu[bm])
            bm = k;
    buf_t p;
    buf_init(&p, 0);
    if (all.fund_usd > s.fund_usd) {
        buf_printf(&p, "the theme took %.0f%% of the period's funding", 100.0 * s.fund_usd / all.fund_usd);
    }
    if (nc >= 2) {
        buf_printf(&p, "%scompanies in %s raised the most of it, ", p.len ? "; " : "", fmt_country_name(cc[bc]));
        fmt_usd_long(&p, cu[bc]);
    }
    if (nm >= 2) {
        static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                             "August", "September", "October", "November", "December"};
        int y = 0, mn = 0;
        if (sscanf(mo[bm], "%4d-%2d", &y, &mn) == 2 && mn >= 1 && mn <= 12) {
            buf_printf(&p, "%s%s %d brought the most, ", p.len ? "; " : "", months[mn - 1], y);
            fmt_usd_long(&p, mu[bm]);
        }
    }
    if (p.len) {
        buf_puts(b, f == REPORT_HTML ? "<p class=\"theme-close\">" : "");
        put_text(b, f, "In figures: ");
        put_text(b, f, buf_str(&p));
        put_text(b, f, ".");
        buf_puts(b, f == REPORT_HTML ? "</p>\n" : "\n\n");
    }
    buf_free(&p);
}

/* ---- the optional narrative writer (publish/narrative.h) ----
 * The introduction and each theme's paragraph get a section of cited
 * facts: the events the page lists for it (most important first), their
 * citations, and the totals of all its events. The model's checked
 * sentences replace the template's paragraph; any failure keeps it. */

static void narr_prepare(model *m)
{
    size_t n = m->t->n_themes + 1;
    m->narr = xcalloc(n, sizeof *m->narr);
    m->narr[0] = narr_section_new(NARR_INTRO, m->t->title);
    for (size_t th = 0; th < m->t->n_themes; th++)
        m->narr[th + 1] = narr_section_new(m->t->themes[th].name, m->t->themes[th].title);
    for (size_t k = 0; k < n; k++)
        narr_section_period(m->narr[k], m->first_date, m->last_date);
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        const event_t *e = &r->rec;
        narr_section *th = r->theme >= 0 && (size_t)r->theme < m->t->n_themes ? m->narr[r->theme + 1] : NULL;
        narr_section_tally(m->narr[0], e);
        if (th)
            narr_section_tally(th, e);
        if (!r->shown || !r->ncites)
            continue;
        if (r->key && e->type != EVENT_STOCK_MOVE)
            narr_section_event(m->narr[0], e, r->first_seen, r->cites, r->ncites);
        if (th)
            narr_section_event(th, e, r->first_seen, r->cites, r->ncites);
    }
    /* a theme with nothing to tell is not asked about */
    size_t ask = 0;
    for (size_t k = 0; k < n; k++)
        if (m->narr[k]->nfacts)
            m->narr[ask++] = m->narr[k];
        else
            narr_section_free(m->narr[k]);
    m->nnarr = ask;
    char why[256];
    if (ask && narr_run(m->o->narrative, m->narr, ask, why, sizeof why) < 0)
        fprintf(stderr, "mtrack: report: narrative: %s (the template's prose stays)\n", why);
}

static const narr_section *narr_of(const model *m, const char *key)
{
    for (size_t k = 0; k < m->nnarr; k++)
        if (m->narr[k]->from_model && strcmp(m->narr[k]->key, key) == 0)
            return m->narr[k];
    return NULL;
}

/* The model's paragraph for key ("intro" or a theme's name); 0 when it has
 * none (the template's is written instead). */
static int put_narrative(buf_t *b, report_format f, const model *m, const char *key, const char *cls)
{
    const narr_section *s = narr_of(m, key);
    if (!s)
        return 0;
    if (f == REPORT_HTML)
        buf_printf(b, "<p class=\"%s narrative\">", cls);
    for (size_t i = 0; i < s->nout; i++) {
        const char *t = s->out[i].text;
        size_t len = strlen(t);
        char *body = xstrndup(t, len && t[len - 1] == '.' ? len - 1 : len);
        if (i)
            buf_putc(b, ' ');
        put_text(b, f, body); /* the marks go before the full stop */
        put_cites(b, f, s->out[i].cites, s->out[i].ncites);
        buf_puts(b, len && t[len - 1] != '.' ? "" : ".");
        free(body);
    }
    buf_puts(b, f == REPORT_HTML ? "</p>\n" : "\n\n");
    return 1;
}

/* The footer's line on whose prose the page holds. */
static void put_narrative_note(buf_t *b, report_format f, const model *m)
{
    if (!m->o->narrative)
        return;
    buf_t t;
    buf_init(&t, 0);
    size_t n = 0;
    for (size_t k = 0; k < m->nnarr; k++)
        n += m->narr[k]->from_model;
    if (!n) {
        buf_puts(&t, "No paragraph is the language model's (every answer failed or was refused); all prose is the template's.");
    } else {
        buf_puts(&t, "Written by a language model from the cited facts, and checked against them: ");
        size_t i = 0;
        for (size_t k = 0; k < m->nnarr; k++) {
            const narr_section *s = m->narr[k];
            if (!s->from_model)
                continue;
            if (i)
                buf_puts(&t, i + 1 == n ? " and " : ", ");
            if (strcmp(s->key, NARR_INTRO) == 0)
                buf_puts(&t, "the introduction");
            else
                buf_printf(&t, "the paragraph of %s", s->title);
            i++;
        }
        buf_puts(&t, ". All other prose is the template's.");
    }
    if (f == REPORT_HTML) {
        buf_puts(b, "<p class=\"narrative-note\">");
        esc_html(b, buf_str(&t));
        buf_puts(b, "</p>");
    } else {
        esc_md(b, buf_str(&t));
        buf_puts(b, "\n\n");
    }
    buf_free(&t);
}

/* The period's story, after the lead: its biggest moves across themes. */
static void render_story(buf_t *b, report_format f, const model *m)
{
    const revent *top[3] = {0};
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        double usd = event_usd(&r->rec);
        if (isnan(usd) || !r->shown || r->rec.type == EVENT_STOCK_MOVE)
            continue;
        for (size_t k = 0; k < 3; k++)
            if (!top[k] || usd > event_usd(&top[k]->rec)) {
                for (size_t q = 2; q > k; q--)
                    top[q] = top[q - 1];
                top[k] = r;
                break;
            }
    }
    if (!top[0])
        return;
    size_t n = top[2] ? 3 : top[1] ? 2 : 1;
    buf_puts(b, f == REPORT_HTML ? "<p class=\"story\">" : "");
    buf_puts(b, n == 1 ? "The period's biggest move: " : "The period's biggest moves: ");
    for (size_t k = 0; k < n; k++) {
        put_list_sep(b, k, n);
        put_event_short(b, f, m, top[k], 0);
        if (top[k]->theme >= 0 && (size_t)top[k]->theme < m->t->n_themes) {
            buf_puts(b, " (");
            put_text(b, f, m->t->themes[top[k]->theme].title);
            buf_puts(b, ")");
        }
        put_cites(b, f, top[k]->cites, top[k]->ncites);
    }
    buf_puts(b, ".");
    buf_puts(b, f == REPORT_HTML ? "</p>\n" : "\n\n");
}

/* The close: trends the figures show, nothing more. */
static void render_trends(buf_t *b, report_format f, const model *m)
{
    theme_sum all;
    theme_sum_of(m, -1, &all);
    if (!all.n_fund || all.fund_usd <= 0)
        return;
    int best = -1;
    double best_usd = 0;
    for (size_t th = 0; th < m->t->n_themes; th++) {
        theme_sum s;
        theme_sum_of(m, (int)th, &s);
        if (s.fund_usd > best_usd) {
            best_usd = s.fund_usd;
            best = (int)th;
        }
    }
    buf_t p;
    buf_init(&p, 0);
    if (f == REPORT_HTML)
        buf_puts(b, "<section id=\"trends\">\n<h2>What the figures show</h2>\n<p>");
    else
        buf_puts(b, "## What the figures show\n\n");
    if (best >= 0) {
        buf_printf(&p, "%s took %.0f%% of the period's funding (", m->t->themes[best].title,
                   100.0 * best_usd / all.fund_usd);
        fmt_usd_long(&p, best_usd);
        buf_puts(&p, " of ");
        fmt_usd_long(&p, all.fund_usd);
        buf_puts(&p, ").");
    }
    if (all.fund_recent || all.fund_before) {
        if (all.usd_recent > all.usd_before)
            buf_puts(&p, " Funding grew in the last 30 days: ");
        else if (all.usd_recent < all.usd_before)
            buf_puts(&p, " Funding slowed in the last 30 days: ");
        else
            buf_puts(&p, " Funding held steady in the last 30 days: ");
        fmt_usd_long(&p, all.usd_recent);
        buf_printf(&p, " in %d round%s against ", all.fund_recent, all.fund_recent == 1 ? "" : "s");
        if (!all.fund_before) {
            buf_puts(&p, "none in the 30 days before.");
        } else if (all.usd_before > 0) {
            fmt_usd_long(&p, all.usd_before);
            buf_printf(&p, " in %d in the 30 days before.", all.fund_before);
        } else {
            buf_printf(&p, "%d with no amount stated in the 30 days before.", all.fund_before);
        }
    }
    /* the country whose companies raised the most */
    const char *ccs[256];
    double cusd[256];
    size_t nc = 0;
    for (size_t i = 0; i < m->nev; i++) {
        const event_t *e = &m->ev[i].rec;
        if (e->type != EVENT_FUNDING || !e->country || isnan(e->amount_usd))
            continue;
        size_t k = 0;
        while (k < nc && strcmp(ccs[k], e->country) != 0)
            k++;
        if (k == nc) {
            if (nc == 256)
                continue;
            ccs[nc] = e->country;
            cusd[nc++] = 0;
        }
        cusd[k] += e->amount_usd;
    }
    const char *top_c = NULL;
    double top_usd = 0;
    for (size_t k = 0; k < nc; k++)
        if (cusd[k] > top_usd) {
            top_usd = cusd[k];
            top_c = ccs[k];
        }
    if (top_c) {
        buf_printf(&p, " Companies in %s raised the most: ", fmt_country_name(top_c));
        fmt_usd_long(&p, top_usd);
        buf_puts(&p, ".");
    }
    if (all.n_infra && all.infra_mw > 0) {
        buf_puts(&p, " Infrastructure projects with a stated size add up to ");
        put_capacity(&p, all.infra_mw);
        if (all.infra_usd > 0) {
            buf_puts(&p, " and ");
            fmt_usd_long(&p, all.infra_usd);
        }
        buf_puts(&p, ".");
    }
    put_text(b, f, buf_str(&p));
    buf_puts(b, f == REPORT_HTML ? "</p>\n</section>\n" : "\n\n");
    buf_free(&p);
}

/* ---- the page's title and introduction: the period's story from its
 * figures (issue 14). The title states the 30-day change of funding and
 * the largest move; the introduction the same change with the theme that
 * drew the most money and the theme of the largest commitments. Every
 * figure is one the page's tables, theme paragraphs and bullets state
 * (each event there with its citations). */

/* The largest event by dollar figure the page lists (no stock moves). */
static const revent *largest_move(const model *m)
{
    const revent *best = NULL;
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        double usd = event_usd(&r->rec);
        if (isnan(usd) || !r->shown || r->rec.type == EVENT_STOCK_MOVE)
            continue;
        if (!best || usd > event_usd(&best->rec))
            best = r;
    }
    return best;
}

/* The period's funding in the last 30 days against the 30 before: for the
 * title in the present, short ("Funding climbs to $4.08 billion in the
 * last 30 days, from $333.8 million"), for the introduction in the past
 * with the counts ("Funding climbed to $4.08 billion in 7 rounds in the
 * last 30 days, from $333.8 million in 4 in the 30 days before"); 0 when
 * no round fell in either. */
/* In the introduction's text, where the citations of the rounds of the
 * last 30 days (CITE_RECENT) and of the 30 before (CITE_BEFORE) go. */
#define CITE_RECENT "\001R"
#define CITE_BEFORE "\001B" /* octal: "\\x01B" would be one byte */
#define CITE_TOP 12

/* The citations of the rounds first seen in the last 30 days (recent) or
 * the 30 before: each round's first source, the largest rounds first when
 * there are more than CITE_TOP, in page order. */
static void put_window_cites(buf_t *b, report_format f, const model *m, int recent)
{
    char d30[11] = "", d60[11] = "";
    if (!m->last_date[0])
        return;
    days_before(m->last_date, 30, d30);
    days_before(m->last_date, 60, d60);
    int cites[CITE_TOP];
    size_t n = 0;
    /* m->ev is in order of importance (amount first): the first CITE_TOP
     * rounds met are the largest */
    for (size_t i = 0; i < m->nev && n < CITE_TOP; i++) {
        const revent *r = &m->ev[i];
        if (r->rec.type != EVENT_FUNDING || !r->first_seen || !r->ncites)
            continue;
        int in = recent ? strncmp(r->first_seen, d30, 10) > 0
                        : strncmp(r->first_seen, d30, 10) <= 0 && strncmp(r->first_seen, d60, 10) > 0;
        if (!in)
            continue;
        size_t k = 0;
        while (k < n && cites[k] != r->cites[0])
            k++;
        if (k == n)
            cites[n++] = r->cites[0];
    }
    if (n)
        qsort(cites, n, sizeof *cites, int_cmp);
    put_cites(b, f, cites, n);
}

/* Text with the markers above: each piece as text, each marker as its
 * citations. */
static void put_text_cited(buf_t *b, report_format f, const model *m, const char *s)
{
    while (*s) {
        const char *mk = strchr(s, '\x01');
        size_t len = mk ? (size_t)(mk - s) : strlen(s);
        char *piece = xstrndup(s, len);
        put_text(b, f, piece);
        free(piece);
        if (!mk)
            break;
        if (mk[1] == 'R' || mk[1] == 'B')
            put_window_cites(b, f, m, mk[1] == 'R');
        s = mk[1] ? mk + 2 : mk + 1;
    }
}

static int put_funding_change(buf_t *p, const model *m, int title)
{
    if (!m->n_recent && !m->n_before)
        return 0;
    if (!m->n_recent) {
        buf_puts(p, title ? "No funding round in 30 days, after " : "No funding round came in the last 30 days, after ");
        if (m->usd_before > 0) {
            fmt_usd_long(p, m->usd_before);
            buf_printf(p, " in %d in the 30 days before", m->n_before);
        } else {
            buf_printf(p, "%d with no amount stated in the 30 days before", m->n_before);
        }
        if (!title)
            buf_puts(p, CITE_BEFORE);
        return 1;
    }
    if (m->n_before && m->usd_before > 0 && m->usd_recent > 0) {
        int up = m->usd_recent > m->usd_before, down = m->usd_recent < m->usd_before;
        if (title)
            buf_puts(p, up ? "Funding climbs to " : down ? "Funding slows to " : "Funding holds at ");
        else
            buf_puts(p, up ? "Funding climbed to " : down ? "Funding slowed to " : "Funding held at ");
        fmt_usd_long(p, m->usd_recent);
        if (!title)
            buf_printf(p, " in %d round%s", m->n_recent, str_s(m->n_recent));
        buf_puts(p, title ? " in 30 days, from " : " in the last 30 days" CITE_RECENT ", from ");
        fmt_usd_long(p, m->usd_before);
        if (!title)
            buf_printf(p, " in %d in the 30 days before" CITE_BEFORE, m->n_before);
        return 1;
    }
    buf_printf(p, "%d funding round%s %s ", m->n_recent, str_s(m->n_recent),
               title ? (m->n_recent == 1 ? "raises" : "raise") : "raised");
    if (m->usd_recent > 0)
        fmt_usd_long(p, m->usd_recent);
    else
        buf_puts(p, "no stated amount");
    buf_puts(p, title ? " in 30 days" : " in the last 30 days");
    if (!title) {
        buf_puts(p, CITE_RECENT);
        if (!m->n_before)
            buf_puts(p, ", against none in the 30 days before");
        else
            buf_printf(p, ", against %d with no amount stated in the 30 days before" CITE_BEFORE, m->n_before);
    }
    return 1;
}

/* The page's title, plain text: "Funding rounds climb to $4.08 billion in
 * 30 days, from $333.8 million; Hadeer Digital's $5 billion AI campus in
 * Abu Dhabi is the largest move". The
 * tracker's own title when the period has nothing to tell. */
static void title_text(const model *m, buf_t *t)
{
    int any = 0;
    if (m->sum.funding_rounds)
        any = put_funding_change(t, m, 1);
    if (!any && m->sum.funding_rounds && m->sum.funding_usd > 0) {
        buf_printf(t, "%lld funding round%s %s ", (long long)m->sum.funding_rounds,
                   str_s(m->sum.funding_rounds), m->sum.funding_rounds == 1 ? "raises" : "raise");
        fmt_usd_long(t, m->sum.funding_usd);
        any = 1;
    }
    const revent *big = largest_move(m);
    if (big) {
        buf_puts(t, any ? "; " : "");
        size_t at = t->len;
        put_event_short(t, REPORT_JSON, m, big, 0);
        if (!any && t->len > at && t->data[at] >= 'a' && t->data[at] <= 'z')
            t->data[at] = (char)(t->data[at] - 'a' + 'A');
        buf_puts(t, " is the largest move");
        any = 1;
    }
    if (!any)
        buf_puts(t, m->t->title ? m->t->title : m->t->name);
}

/* A theme's name; in HTML a link to its section. */
static void put_theme_ref(buf_t *b, report_format f, const model *m, int th)
{
    const theme_def *d = &m->t->themes[th];
    if (f == REPORT_HTML) {
        buf_puts(b, "<a class=\"theme\" href=\"#");
        esc_html(b, d->name);
        buf_puts(b, "\">");
        esc_html(b, d->title);
        buf_puts(b, "</a>");
    } else {
        put_text(b, f, d->title);
    }
}

/* The introduction: the 30-day change of funding, the theme that drew the
 * most (its share, its own change) and the theme of the largest
 * commitments (infrastructure). Nothing when the period has no money. */
static void render_intro(buf_t *b, report_format f, const model *m)
{
    buf_t p;
    buf_init(&p, 0);
    int any = 0;
    if (put_funding_change(&p, m, 0)) {
        buf_puts(&p, ".");
        any = 1;
    }
    theme_sum all;
    theme_sum_of(m, -1, &all);
    int best = -1, infra = -1;
    theme_sum sb = {0}, si = {0};
    for (size_t th = 0; th < m->t->n_themes; th++) {
        theme_sum s;
        theme_sum_of(m, (int)th, &s);
        if (s.fund_usd > 0 && (best < 0 || s.fund_usd > sb.fund_usd)) {
            best = (int)th;
            sb = s;
        }
        if (s.infra_usd > 0 && (infra < 0 || s.infra_usd > si.infra_usd)) {
            infra = (int)th;
            si = s;
        }
    }
    if (!any && best < 0 && infra < 0) {
        buf_free(&p);
        return;
    }
    buf_puts(b, f == REPORT_HTML ? "<p class=\"intro\">" : "");
    put_text_cited(b, f, m, buf_str(&p));
    buf_reset(&p);
    if (best >= 0) {
        buf_puts(b, any ? " " : "");
        put_theme_ref(b, f, m, best);
        buf_printf(&p, " drew the most funding: %d round%s raised ", sb.n_fund, str_s(sb.n_fund));
        fmt_usd_long(&p, sb.fund_usd);
        if (all.fund_usd > sb.fund_usd) {
            buf_printf(&p, ", %.0f%% of the period's ", 100.0 * sb.fund_usd / all.fund_usd);
            fmt_usd_long(&p, all.fund_usd);
        }
        if (sb.fund_recent && sb.fund_before && sb.usd_before > 0) {
            buf_printf(&p, "; %d of them raised ", sb.fund_recent);
            fmt_usd_long(&p, sb.usd_recent);
            buf_printf(&p, " in the last 30 days, against %d raising ", sb.fund_before);
            fmt_usd_long(&p, sb.usd_before);
            buf_puts(&p, " in the 30 days before");
        } else if (sb.fund_recent && !sb.fund_before && sb.usd_recent > 0 && sb.fund_recent < sb.n_fund) {
            buf_printf(&p, "; %d of them raised ", sb.fund_recent);
            fmt_usd_long(&p, sb.usd_recent);
            buf_puts(&p, " in the last 30 days, against none in the 30 days before");
        }
        if (sb.n_acq_priced) {
            buf_printf(&p, ", and its %s with a stated price come to ",
                       sb.n_acq_priced == 1 ? "acquisition" : "acquisitions");
            fmt_usd_long(&p, sb.acq_usd);
        }
        buf_puts(&p, ".");
        put_text(b, f, buf_str(&p));
        buf_reset(&p);
        any = 1;
    }
    if (infra >= 0) {
        buf_puts(b, any ? " " : "");
        if (infra == best) {
            buf_puts(b, "Its ");
        } else {
            put_theme_ref(b, f, m, infra);
            buf_puts(b, " holds the largest commitments: its ");
        }
        buf_printf(&p, "%d infrastructure project%s commit ", si.n_infra, str_s(si.n_infra));
        fmt_usd_long(&p, si.infra_usd);
        if (si.infra_mw > 0) {
            buf_puts(&p, " and ");
            put_capacity(&p, si.infra_mw);
        }
        buf_puts(&p, " where stated.");
        put_text(b, f, buf_str(&p));
        buf_reset(&p);
    }
    buf_puts(b, f == REPORT_HTML ? "</p>\n" : "\n\n");
    buf_free(&p);
}

/* The themes each listed event fits besides its own (bit th), from the
 * words of its sentence: it is referred to there. */
static unsigned *cross_themes(const model *m)
{
    unsigned *fits = xcalloc(m->nev + 1, sizeof *fits);
    size_t nt = m->t->n_themes;
    if (nt > 8 * sizeof(unsigned))
        nt = 8 * sizeof(unsigned);
    int *scores = xcalloc(m->t->n_themes + 1, sizeof *scores);
    for (size_t i = 0; i < m->nev; i++) {
        const revent *r = &m->ev[i];
        if (!r->shown || !r->key)
            continue;
        theme_event_scores(m->t, &r->rec, NULL, scores);
        for (size_t th = 0; th < nt; th++)
            if ((int)th != r->theme && scores[th] >= 3)
                fits[i] |= 1u << th;
    }
    free(scores);
    return fits;
}

/* "Also in this theme": the events of other themes that fit this one, the
 * most important first. */
#define CROSS_TOP 5
static void render_cross(buf_t *b, report_format f, const model *m, const unsigned *fits, size_t th)
{
    if (th >= 8 * sizeof(unsigned))
        return;
    int any = 0;
    for (size_t i = 0, listed = 0; i < m->nev && listed < CROSS_TOP; i++) {
        const revent *r = &m->ev[i];
        if (!(fits[i] & (1u << th)) || r->theme < 0 || (size_t)r->theme >= m->t->n_themes)
            continue;
        listed++;
        if (!any) {
            if (f == REPORT_HTML)
                buf_puts(b, "<h3>Also in this theme</h3>\n<ul class=\"cross\">\n");
            else
                buf_puts(b, "### Also in this theme\n\n");
            any = 1;
        }
        const theme_def *own = &m->t->themes[r->theme];
        buf_puts(b, f == REPORT_HTML ? "<li>" : "- ");
        put_event_short(b, f, m, r, 1);
        buf_puts(b, ", in full under ");
        if (f == REPORT_HTML) {
            buf_printf(b, "<a href=\"#%s\">", own->name);
            esc_html(b, own->title);
            buf_puts(b, "</a>.</li>\n");
        } else {
            buf_puts(b, "*");
            esc_md(b, own->title);
            buf_puts(b, "*.\n");
        }
    }
    if (any)
        buf_puts(b, f == REPORT_HTML ? "</ul>\n" : "\n");
}

static void render_text(buf_t *b, report_format f, const model *m)
{
    const tracker_def *t = m->t;
    buf_t headline, lead, upd, title;
    buf_init(&headline, 0);
    buf_init(&lead, 0);
    buf_init(&upd, 0);
    buf_init(&title, 0);
    lead_text(m, &headline, &lead);
    title_text(m, &title);
    updated_line(&upd, m, f);
    int html = f == REPORT_HTML;
    if (html) {
        buf_puts(b, html_head);
        buf_puts(b, "<title>");
        esc_html(b, t->title);
        if (t->category) {
            buf_puts(b, " - ");
            esc_html(b, t->category);
        }
        buf_puts(b, "</title>\n</head>\n<body>\n<main>\n<header>\n");
        /* the tracker's name above the period's title */
        buf_puts(b, "<p class=\"kicker\">");
        if (t->category) {
            buf_puts(b, "<span class=\"category\">");
            esc_html(b, t->category);
            buf_puts(b, "</span> · ");
        }
        buf_puts(b, "<span class=\"tracker-name\">");
        esc_html(b, t->title);
        buf_puts(b, "</span></p>\n<h1>");
        esc_html(b, buf_str(&title));
        buf_puts(b, "</h1>\n");
        if (t->description) {
            buf_puts(b, "<p>");
            esc_html(b, t->description);
            buf_puts(b, "</p>\n");
        }
        buf_printf(b, "<p class=\"meta\">%s</p>\n</header>\n", buf_str(&upd));
        render_intro(b, f, m);
        if (!put_narrative(b, f, m, NARR_INTRO, "lead")) {
            buf_puts(b, "<p class=\"lead\">");
            esc_html(b, buf_str(&lead));
            buf_puts(b, "</p>\n");
            render_story(b, f, m);
        }
    } else {
        buf_puts(b, "# ");
        esc_md(b, buf_str(&title));
        buf_puts(b, "\n\n**");
        esc_md(b, t->title);
        buf_puts(b, "**");
        if (t->category) {
            buf_puts(b, " · *");
            esc_md(b, t->category);
            buf_puts(b, "*");
        }
        if (t->description) {
            buf_puts(b, " — ");
            esc_md(b, t->description);
        }
        buf_printf(b, "\n\n%s\n\n", buf_str(&upd));
        render_intro(b, f, m);
        if (!put_narrative(b, f, m, NARR_INTRO, "lead")) {
            esc_md(b, buf_str(&lead));
            buf_puts(b, "\n\n");
            render_story(b, f, m);
        }
    }
    unsigned *fits = cross_themes(m);
    render_whats_new(b, f, m);
    render_charts(b, f, m);
    for (size_t th = 0; th <= t->n_themes; th++) {
        int has = 0;
        for (size_t i = 0; i < m->nev && !has; i++)
            has = (size_t)m->ev[i].theme == th;
        int want = th == t->n_themes ? -1 : (int)th;
        for (size_t i = 0; i < m->ndocs && !has; i++)
            has = !m->docs[i].has_event && m->docs[i].theme == want;
        if (!has && th == t->n_themes)
            continue;
        const char *title = th == t->n_themes ? "Other coverage" : t->themes[th].title;
        if (html) {
            buf_printf(b, "<section id=\"%s\">\n<h2>", th == t->n_themes ? "other" : t->themes[th].name);
            esc_html(b, title);
            buf_puts(b, "</h2>\n");
        } else {
            buf_puts(b, "## ");
            esc_md(b, title);
            buf_puts(b, "\n\n");
        }
        if (!has)
            buf_puts(b, html ? "<p class=\"meta\">Nothing reported in this period.</p>\n"
                             : "Nothing reported in this period.\n\n");
        if (th < t->n_themes)
            if (!put_narrative(b, f, m, t->themes[th].name, "theme-intro"))
                render_theme_intro(b, f, m, (int)th);
        render_section_events(b, f, m, th, 1);
        if (th < t->n_themes)
            render_cross(b, f, m, fits, th);
        render_section_events(b, f, m, th, 0);
        if (th < t->n_themes)
            render_theme_close(b, f, m, (int)th);
        render_section_docs(b, f, m, want);
        if (html)
            buf_puts(b, "</section>\n");
    }
    free(fits);
    render_trends(b, f, m);
    if (html)
        buf_printf(b, "<section class=\"sources\">\n<h2>Sources (%zu)</h2>\n<ol>\n", m->ncited);
    else
        buf_printf(b, "## Sources (%zu)\n\n", m->ncited);
    for (size_t i = 0; i < m->ncited; i++) {
        const rdoc *d = m->by_cite[i];
        buf_t date;
        buf_init(&date, 0);
        fmt_date_human(&date, d->published);
        if (html) {
            buf_printf(b, "<li id=\"s%zu\">", i + 1);
            if (d->url) {
                buf_puts(b, "<a href=\"");
                esc_url_attr(b, d->url);
                buf_puts(b, "\" rel=\"noopener noreferrer\">");
            }
            esc_html(b, d->title ? d->title : "(untitled)");
            if (d->url)
                buf_puts(b, "</a>");
            buf_puts(b, " <span class=\"meta\">");
            if (d->outlet) {
                esc_html(b, d->outlet);
                buf_puts(b, ", ");
            }
            buf_puts(b, "<span class=\"date\">"); /* "Mar 6, 2026" on one line */
            esc_html(b, buf_str(&date));
            buf_puts(b, "</span></span></li>\n");
        } else {
            buf_printf(b, "%zu. <a id=\"s%zu\"></a>", i + 1, i + 1);
            esc_md(b, d->title ? d->title : "(untitled)");
            buf_puts(b, " — ");
            if (d->outlet) {
                esc_md(b, d->outlet);
                buf_puts(b, ", ");
            }
            buf_puts(b, buf_str(&date));
            if (d->url) {
                buf_puts(b, ". <");
                /* < > and spaces cannot be in an autolink */
                for (const char *p = d->url; *p; p++)
                    if (*p == '<' || *p == '>' || *p == ' ')
                        buf_printf(b, "%%%02X", (unsigned char)*p);
                    else
                        buf_putc(b, *p);
                buf_puts(b, ">");
            }
            buf_puts(b, "\n");
        }
        buf_free(&date);
    }
    const char *rates = money_rates_date();
    if (html) {
        buf_printf(b, "</ol>\n</section>\n<footer class=\"meta\"><p>Amounts in other currencies are the article's own conversion to US dollars when it gives one, otherwise at the rates of ");
        esc_html(b, rates ? rates : "a shipped table");
        buf_puts(b, ".</p>");
        put_narrative_note(b, f, m);
        buf_printf(b, "<p>%s · by mtrack</p></footer>\n</main>\n</body>\n</html>\n",
                   buf_str(&upd));
    } else {
        buf_puts(b, "\nAmounts in other currencies are the article's own conversion to US dollars when it gives one, otherwise at the rates of ");
        esc_md(b, rates ? rates : "a shipped table");
        buf_puts(b, ".\n\n");
        put_narrative_note(b, f, m);
        buf_printf(b, "%s\n", buf_str(&upd));
    }
    buf_free(&headline);
    buf_free(&lead);
    buf_free(&upd);
    buf_free(&title);
}

/* key: the prose in p, trimmed (null when empty); p is emptied. */
static void json_prose(jw_t *w, const char *key, buf_t *p)
{
    const char *t = buf_str(p);
    size_t n = p->len;
    if (n >= 24 && strncmp(t, "## What the figures show", 24) == 0) { /* the close's heading */
        t += 24;
        n -= 24;
    }
    while (n && (*t == ' ' || *t == '\n'))
        t++, n--;
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
        n--;
    jw_key(w, key);
    if (n)
        jw_strn(w, t, n);
    else
        jw_null(w);
    buf_reset(p);
}

static void render_json(buf_t *b, const model *m)
{
    const tracker_def *t = m->t;
    jw_t w;
    jw_init(&w, b, true);
    buf_t headline, lead;
    buf_init(&headline, 0);
    buf_init(&lead, 0);
    lead_text(m, &headline, &lead);
    jw_obj(&w);
    jw_key(&w, "tracker");
    jw_obj(&w);
    jw_kstr(&w, "name", t->name);
    jw_kstr(&w, "title", t->title);
    jw_kstr(&w, "category", t->category);
    jw_kstr(&w, "description", t->description);
    jw_obj_end(&w);
    jw_kstr(&w, "updated", m->updated);
    jw_kstr(&w, "rates_date", money_rates_date());
    {
        buf_t pr; /* the title, the introduction, the period's story and the close, as plain text */
        buf_init(&pr, 0);
        title_text(m, &pr);
        json_prose(&w, "title", &pr);
        render_intro(&pr, REPORT_JSON, m);
        json_prose(&w, "intro", &pr);
        jw_kstr(&w, "headline", buf_str(&headline));
        jw_kstr(&w, "lead", buf_str(&lead));
        render_story(&pr, REPORT_JSON, m);
        json_prose(&w, "story", &pr);
        render_trends(&pr, REPORT_JSON, m);
        json_prose(&w, "trends", &pr);
        buf_free(&pr);
    }
    jw_key(&w, "summary");
    jw_obj(&w);
    jw_kint(&w, "documents", m->sum.documents);
    jw_kint(&w, "events", m->sum.events);
    jw_kint(&w, "top", (int64_t)m->top);
    jw_kint(&w, "funding_rounds", m->sum.funding_rounds);
    jw_knum(&w, "funding_usd", m->sum.funding_usd);
    jw_kstr(&w, "first_date", m->first_date[0] ? m->first_date : NULL);
    jw_kstr(&w, "last_date", m->last_date[0] ? m->last_date : NULL);
    jw_obj_end(&w);
    jw_key(&w, "themes");
    jw_arr(&w);
    for (size_t th = 0; th < t->n_themes; th++) {
        jw_obj(&w);
        jw_kstr(&w, "name", t->themes[th].name);
        jw_kstr(&w, "title", t->themes[th].title);
        /* The top items of each kind, as the page lists them; the counts
         * of all. */
        size_t listed[2] = {0, 0}, total[2] = {0, 0}, docs_total = 0, docs_listed = 0;
        for (size_t i = 0; i < m->nev; i++)
            if ((size_t)m->ev[i].theme == th)
                total[m->ev[i].key ? 0 : 1]++;
        for (size_t i = 0; i < m->ndocs; i++)
            if (!m->docs[i].has_event && m->docs[i].theme == (int)th) {
                docs_total++;
                docs_listed += m->docs[i].shown;
            }
        jw_kint(&w, "events_total", (int64_t)(total[0] + total[1]));
        jw_kint(&w, "events_more", (int64_t)(total[0] + total[1] - (total[0] < m->top ? total[0] : m->top) -
                                             (total[1] < m->top ? total[1] : m->top)));
        jw_kint(&w, "documents_total", (int64_t)docs_total);
        jw_kint(&w, "documents_more", (int64_t)(docs_total - docs_listed));
        {
            buf_t pr;
            buf_init(&pr, 0);
            render_theme_intro(&pr, REPORT_JSON, m, (int)th);
            json_prose(&w, "intro", &pr);
            render_theme_close(&pr, REPORT_JSON, m, (int)th);
            json_prose(&w, "close", &pr);
            buf_free(&pr);
        }
        jw_key(&w, "events");
        jw_arr(&w);
        for (size_t i = 0; i < m->nev; i++) {
            const revent *r = &m->ev[i];
            if ((size_t)r->theme != th || listed[r->key ? 0 : 1]++ >= m->top)
                continue;
            jw_obj(&w);
            jw_kint(&w, "id", r->id);
            jw_kbool(&w, "key_milestone", r->key);
            jw_kstr(&w, "first_seen", r->first_seen);
            jw_key(&w, "event");
            event_json(&r->rec, &w);
            jw_key(&w, "sources");
            jw_arr(&w);
            for (size_t k = 0; k < r->ncites; k++)
                jw_int(&w, r->cites[k]);
            jw_arr_end(&w);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_key(&w, "documents");
        jw_arr(&w);
        for (size_t i = 0; i < m->ncited; i++)
            if (!m->by_cite[i]->has_event && m->by_cite[i]->theme == (int)th)
                jw_int(&w, m->by_cite[i]->cite);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "sources");
    jw_arr(&w);
    for (size_t i = 0; i < m->ncited; i++) {
        const rdoc *d = m->by_cite[i];
        jw_obj(&w);
        jw_kint(&w, "n", d->cite);
        jw_kstr(&w, "title", d->title);
        jw_kstr(&w, "outlet", d->outlet);
        jw_kstr(&w, "published", d->published);
        jw_kstr(&w, "url", d->url);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_putc(b, '\n');
    buf_free(&headline);
    buf_free(&lead);
}

int report_write(store_t *s, const tracker_def *t, const report_opts *o, buf_t *out,
                 report_summary *summary, char *why, size_t whylen)
{
    model m = {0};
    m.t = t;
    m.o = o;
    m.top = o->top < 0 ? (size_t)-1 : o->top == 0 ? REPORT_TOP_DEFAULT : (size_t)o->top;
    if (o->now) {
        snprintf(m.updated, sizeof m.updated, "%s", o->now);
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(m.updated, sizeof m.updated, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    /* One read transaction: the page tells one state of the store, also
     * while another process ingests (issue 12 item 11). */
    if (store_read_begin(s) < 0) {
        snprintf(why, whylen, "%s", store_error(s));
        return -1;
    }
    int built = model_build(s, &m, why, whylen);
    store_read_end(s);
    /* what was worked out here is stored for the next report when asked
     * (not inside a caller's read pair, such as the server's: that is
     * read only); best effort, the page does not depend on it */
    if (built == 0 && o->keep_themes) {
        store_themes_put(s, t->name, STORE_THEME_DOC, m.new_docs, m.nnew_docs);
        store_themes_put(s, t->name, STORE_THEME_EVENT, m.new_events, m.nnew_events);
    }
    if (built < 0) {
        model_free(&m);
        return -1;
    }
    if (o->narrative && o->format != REPORT_JSON)
        narr_prepare(&m);
    if (o->format == REPORT_JSON)
        render_json(out, &m);
    else
        render_text(out, o->format, &m);
    if (out->full) {
        /* a page missing a piece is not a page */
        snprintf(why, whylen, "the report passes its output's size limit; list fewer items per section");
        model_free(&m);
        return -1;
    }
    if (summary) {
        *summary = m.sum;
        summary->event_ids = m.nev ? xcalloc(m.nev, sizeof *summary->event_ids) : NULL;
        summary->n_event_ids = m.nev;
        for (size_t i = 0; i < m.nev; i++) {
            summary->event_ids[i] = m.ev[i].id;
            summary->new_events += m.ev[i].is_new;
        }
    }
    model_free(&m);
    return 0;
}

void report_summary_free(report_summary *s)
{
    free(s->event_ids);
    s->event_ids = NULL;
    s->n_event_ids = 0;
}
typedef struct name_list {
    char **v;
    size_t n;
} name_list;

static int add_name(const char *name, const char *title, void *ctx)
{
    name_list *l = ctx;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = xstrdup(name);
    return 0;
}

/* What a tracker's mark (store_theme_mark_get) was worked out with: the
 * rules of the stored values and the filter's excluded organisations
 * (which decide the events that get a row, not their values). */
static uint64_t mark_rules(const tracker_def *t)
{
    uint64_t h = theme_hash_str(theme_rules_hash(t), "exclude_orgs");
    for (size_t i = 0; i < t->exclude_orgs.n; i++)
        h = theme_hash_str(h, t->exclude_orgs.v[i]);
    return h;
}

/* Every theme of tracker t worked out as a report does (its model, without
 * a page) and stored; *seq gets the log's last place in the state read. */
static int keep_all(store_t *s, const tracker_def *t, int64_t *seq)
{
    report_opts o = {.format = REPORT_JSON, .top = 1, .keep_themes = 1, .now = "1970-01-01T00:00:00Z"};
    model m = {0};
    m.t = t;
    m.o = &o;
    m.top = 1;
    snprintf(m.updated, sizeof m.updated, "%s", o.now);
    char why[512];
    if (store_read_begin(s) < 0)
        return -1;
    int r = store_theme_log_last(s, seq) < 0 ? -1 : model_build(s, &m, why, sizeof why);
    store_read_end(s);
    if (r == 0 && (store_themes_put(s, t->name, STORE_THEME_DOC, m.new_docs, m.nnew_docs) < 0 ||
                   store_themes_put(s, t->name, STORE_THEME_EVENT, m.new_events, m.nnew_events) < 0))
        r = -1;
    model_free(&m);
    return r;
}

/* The themes of what changed since a tracker's mark: the documents and
 * events the store logged after it, worked out by the same rules as the
 * report's model (load_doc, event_theme), nothing else read. They are read
 * KEEP_CHUNK at a time, a few statements a chunk (a round trip each on
 * PostgreSQL) instead of some per document and event; a logged document or
 * event is worked out again even when its stored row is still current (the
 * same value from the same input: the rows stored are the same). */
#define KEEP_CHUNK 512

typedef struct keep_doc {
    int64_t id;
    doc_text x;
} keep_doc;

typedef struct keep_run {
    store_t *s;
    const tracker_def *t;
    uint64_t rules;
    int64_t *docs, *events; /* logged, then ascending, each once */
    size_t ndocs, nevents;
    store_theme_row *new_docs, *new_events;
    size_t nnew_docs, nnew_events;
    keep_doc *read; /* a chunk's documents, by id once sorted */
    size_t nread, capread;
    int64_t *m_event, *m_doc; /* a chunk's mentions: by event, each event's first first */
    size_t nm, capm;
} keep_run;

static void add_id(int64_t **v, size_t *n, int64_t id)
{
    if ((*n & (*n - 1)) == 0) /* 0, 1, 2, 4...: full */
        *v = xrealloc(*v, (*n ? 2 * *n : 1) * sizeof **v);
    (*v)[(*n)++] = id;
}

static int take_logged(int kind, int64_t id, void *ctx)
{
    keep_run *k = ctx;
    if (kind == STORE_THEME_DOC)
        add_id(&k->docs, &k->ndocs, id);
    else if (kind == STORE_THEME_EVENT)
        add_id(&k->events, &k->nevents, id);
    return 0;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_row(const void *a, const void *b)
{
    return cmp_id(&((const store_theme_row *)a)->id, &((const store_theme_row *)b)->id);
}

static int cmp_read(const void *a, const void *b)
{
    return cmp_id(&((const keep_doc *)a)->id, &((const keep_doc *)b)->id);
}

/* Sorts ids and drops the repeated ones; returns how many are left. */
static size_t ids_unique(int64_t *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_id);
    size_t m = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[m - 1])
            v[m++] = v[i];
    return m;
}

static int take_read(const doc_rec *d, void *ctx)
{
    keep_run *k = ctx;
    if (k->nread == k->capread) {
        k->capread = k->capread ? 2 * k->capread : 64;
        k->read = xrealloc(k->read, k->capread * sizeof *k->read);
    }
    keep_doc *r = &k->read[k->nread];
    r->id = d->id;
    memset(&r->x, 0, sizeof r->x);
    int rc = read_text(d, &r->x);
    k->nread++;
    return rc;
}

static void read_free(keep_run *k)
{
    for (size_t i = 0; i < k->nread; i++)
        doc_text_free(&k->read[i].x);
    k->nread = 0;
}

/* Reads the documents of ids (n of them) into k->read, sorted by id, and
 * gives each that has no value yet in k->new_docs its value (kept sorted). */
static int read_docs(keep_run *k, const int64_t *ids, size_t n)
{
    read_free(k);
    if (n && store_docs_text_of(k->s, ids, n, take_read, k) < 0)
        return -1;
    qsort(k->read, k->nread, sizeof *k->read, cmp_read);
    size_t had = k->nnew_docs;
    for (size_t i = 0; i < k->nread; i++) {
        const keep_doc *d = &k->read[i];
        if (i && d->id == k->read[i - 1].id)
            continue;
        if (kept_row(k->new_docs, had, d->id))
            continue;
        add_row(&k->new_docs, &k->nnew_docs, d->id, k->rules,
                doc_value(k->t, d->x.title, d->x.text ? d->x.text : "", d->x.outlet));
    }
    if (k->nnew_docs != had)
        qsort(k->new_docs, k->nnew_docs, sizeof *k->new_docs, cmp_row);
    return 0;
}

static const keep_doc *read_doc_of(const keep_run *k, int64_t id)
{
    keep_doc key = {.id = id};
    return bsearch(&key, k->read, k->nread, sizeof *k->read, cmp_read);
}

static int take_mention_of(int64_t event_id, int64_t doc_id, const char *sentence, double confidence,
                           void *ctx)
{
    keep_run *k = ctx;
    (void)sentence;
    (void)confidence;
    if (k->nm == k->capm) {
        k->capm = k->capm ? 2 * k->capm : 64;
        k->m_event = xrealloc(k->m_event, k->capm * sizeof *k->m_event);
        k->m_doc = xrealloc(k->m_doc, k->capm * sizeof *k->m_doc);
    }
    k->m_event[k->nm] = event_id;
    k->m_doc[k->nm++] = doc_id;
    return 0;
}

static int keep_event(const event_t *e, const event_meta *meta, void *ctx)
{
    keep_run *k = ctx;
    if (org_excluded(k->t, e))
        return 0; /* not the tracker's: no row (model_build) */
    /* its first document on the page: the first of its mentions (by date,
     * then id: model_build's cite_order) that the tracker's filter lets in */
    size_t lo = 0, hi = k->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k->m_event[mid] < meta->id)
            lo = mid + 1;
        else
            hi = mid;
    }
    int64_t first = 0;
    for (size_t i = lo; i < k->nm && k->m_event[i] == meta->id && !first; i++) {
        const store_theme_row *v = kept_row(k->new_docs, k->nnew_docs, k->m_doc[i]);
        if (v && v->value != THEME_FILTERED)
            first = k->m_doc[i];
    }
    const keep_doc *d = first ? read_doc_of(k, first) : NULL;
    if (!d)
        return 0; /* none of its documents is the tracker's */
    uint64_t in = event_input(k->rules, e, first);
    int th = theme_of_event_in_doc(k->t, e, d->x.title, d->x.text);
    add_row(&k->new_events, &k->nnew_events, meta->id, in, th < 0 ? 0 : th);
    return 0;
}

/* A chunk of logged events: their mentions, their documents, the events. */
static int keep_events_chunk(keep_run *k, const int64_t *ids, size_t n)
{
    k->nm = 0;
    if (store_mentions_of(k->s, ids, n, take_mention_of, k) < 0)
        return -1;
    int64_t *docs = xmalloc((k->nm ? k->nm : 1) * sizeof *docs);
    memcpy(docs, k->m_doc, k->nm * sizeof *docs);
    size_t nd = ids_unique(docs, k->nm);
    int r = read_docs(k, docs, nd);
    free(docs);
    if (r == 0 && store_events_by_ids(k->s, ids, n, keep_event, k) < 0)
        r = -1;
    read_free(k);
    return r;
}

static int keep_since(store_t *s, const tracker_def *t, int64_t after, int64_t *seq)
{
    keep_run k = {.s = s, .t = t, .rules = theme_rules_hash(t)};
    if (store_read_begin(s) < 0)
        return -1;
    int r = store_theme_log_last(s, seq) < 0 ? -1 : 0;
    if (r == 0 && *seq > after)
        r = store_theme_log_each(s, after, *seq, take_logged, &k);
    k.ndocs = ids_unique(k.docs, k.ndocs);
    k.nevents = ids_unique(k.events, k.nevents);
    for (size_t i = 0; r == 0 && i < k.ndocs; i += KEEP_CHUNK) {
        size_t n = k.ndocs - i < KEEP_CHUNK ? k.ndocs - i : KEEP_CHUNK;
        r = read_docs(&k, k.docs + i, n);
        read_free(&k);
    }
    for (size_t i = 0; r == 0 && i < k.nevents; i += KEEP_CHUNK) {
        size_t n = k.nevents - i < KEEP_CHUNK ? k.nevents - i : KEEP_CHUNK;
        r = keep_events_chunk(&k, k.events + i, n);
    }
    store_read_end(s);
    if (k.nnew_events > 1)
        qsort(k.new_events, k.nnew_events, sizeof *k.new_events, cmp_row);
    if (r == 0 && (store_themes_put(s, t->name, STORE_THEME_DOC, k.new_docs, k.nnew_docs) < 0 ||
                   store_themes_put(s, t->name, STORE_THEME_EVENT, k.new_events, k.nnew_events) < 0))
        r = -1;
    read_free(&k);
    free(k.read);
    free(k.m_event);
    free(k.m_doc);
    free(k.docs);
    free(k.events);
    free(k.new_docs);
    free(k.new_events);
    return r;
}

int report_keep_themes_all(store_t *s)
{
    name_list l = {0};
    int r = store_trackers_each(s, add_name, &l) < 0 ? -1 : 0;
    for (size_t i = 0; i < l.n; i++) {
        tracker_def t;
        char why[512];
        if (tracker_load(s, l.v[i], &t, why, sizeof why) == 0) {
            /* from the tracker's mark when its rules are the ones it was
             * set with, else the whole store (a tracker new or edited) */
            uint64_t rules = mark_rules(&t), was = 0;
            int64_t after = 0, seq = 0;
            int marked = store_theme_mark_get(s, t.name, &was, &after);
            int kept = marked == 1 && was == rules ? keep_since(s, &t, after, &seq) : keep_all(s, &t, &seq);
            if (kept < 0 || marked < 0)
                r = -1;
            else if ((marked != 1 || seq != after || was != rules) &&
                     store_theme_mark_put(s, t.name, rules, seq) < 0)
                r = -1;
            tracker_free(&t);
        }
        free(l.v[i]);
    }
    free(l.v);
    if (store_theme_log_prune(s) < 0)
        r = -1;
    return r;
}
