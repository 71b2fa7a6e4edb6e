/* store: the functions of store.h, each calling through the handle's back
 * end (store_backend.h). store_open picks the back end from the path: a
 * postgresql:// or postgres:// URL is a PostgreSQL database (store_pg.c),
 * anything else a SQLite file (store_sqlite.c). */
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store_backend.h"
#include "util/str.h"
#include "util/url.h"

#define OPS(s) (*(const struct store_ops *const *)(s))

bool store_path_is_pg(const char *path)
{
    return path && (strncasecmp(path, "postgresql://", 13) == 0 || strncasecmp(path, "postgres://", 11) == 0);
}

const char *store_path_shown(const char *path, char *buf, size_t n)
{
    if (!n)
        return buf;
    if (!store_path_is_pg(path)) {
        snprintf(buf, n, "%s", path ? path : "");
        return buf;
    }
    /* copied, but for the password of user:password@ in the authority and
     * the value of a password= parameter, each written *** */
    size_t k = 0;
#define PUT(c) (k + 1 < n ? (void)(buf[k++] = (c)) : (void)0)
    const char *auth = strstr(path, "://") + 3;
    const char *auth_end = auth + strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *p = auth; p < auth_end; p++)
        if (*p == '@')
            at = p;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    for (const char *p = path; *p;) {
        if (colon && p == colon + 1) {
            PUT('*'), PUT('*'), PUT('*');
            p = at;
            continue;
        }
        if (p > auth_end && (p[-1] == '?' || p[-1] == '&') && strncasecmp(p, "password=", 9) == 0) {
            for (int i = 0; i < 9; i++)
                PUT(p[i]);
            PUT('*'), PUT('*'), PUT('*');
            p += 9;
            p += strcspn(p, "&#");
            continue;
        }
        PUT(*p);
        p++;
    }
#undef PUT
    buf[k] = '\0';
    return buf;
}

store_t *store_open(const char *path, char *why, size_t whylen)
{
    if (store_path_is_pg(path))
        return store_pg_open(path, why, whylen);
    return store_sqlite_open(path, why, whylen);
}

void store_close(store_t *s)
{
    if (s)
        OPS(s)->close(s);
}

const char *store_error(const store_t *s)
{
    return OPS(s)->error(s);
}

int store_begin(store_t *s)
{
    return OPS(s)->begin(s);
}

int store_commit(store_t *s)
{
    return OPS(s)->commit(s);
}

int store_rollback(store_t *s)
{
    return OPS(s)->rollback(s);
}

static int found_source(const source_rec *r, void *ctx)
{
    (void)r;
    (void)ctx;
    return 1;
}

/* url as a source is stored: url_norm_source's form, or url itself when a
 * source of that exact spelling is stored already (from before sources
 * were kept so). Owned. */
static char *source_url(store_t *s, const char *url)
{
    char *norm = url_norm_source(url);
    if (url && strcmp(norm, url) != 0 && store_source_get(s, 0, norm, found_source, NULL) == 0 &&
        store_source_get(s, 0, url, found_source, NULL) == 1) {
        free(norm);
        return xstrdup(url);
    }
    return norm;
}

int store_source_put(store_t *s, const char *url, const char *title, const char *kind, int64_t *id)
{
    char *u = source_url(s, url);
    int rc = OPS(s)->source_put(s, u, title, kind, id);
    free(u);
    return rc;
}

int store_source_remove(store_t *s, const char *url)
{
    char *u = source_url(s, url);
    int rc = OPS(s)->source_remove(s, u);
    free(u);
    return rc;
}

typedef struct source_find {
    int64_t id;
    const char *url;
    store_source_cb cb;
    void *ctx;
    int found;
} source_find;

static int find_source(const source_rec *r, void *ctx)
{
    source_find *f = ctx;
    if (f->id > 0 ? r->id != f->id : !r->url || strcmp(r->url, f->url) != 0)
        return 0;
    f->found = 1;
    if (f->cb && f->cb(r, f->ctx) < 0)
        return -1;
    return 1; /* stop */
}

int store_source_get(store_t *s, int64_t id, const char *url, store_source_cb cb, void *ctx)
{
    if (id <= 0 && !url)
        return 0;
    char *norm = id > 0 ? NULL : url_norm_source(url);
    int rc;
    if (OPS(s)->source_get) {
        rc = OPS(s)->source_get(s, id, norm ? norm : url, cb, ctx);
        if (rc == 0 && norm && strcmp(norm, url) != 0) /* stored before sources were kept so */
            rc = OPS(s)->source_get(s, 0, url, cb, ctx);
    } else {
        source_find f = {id, norm, cb, ctx, 0};
        rc = OPS(s)->sources_each(s, find_source, &f);
        if (rc == 0 && !f.found && norm && strcmp(norm, url) != 0) {
            f.url = url;
            rc = OPS(s)->sources_each(s, find_source, &f);
        }
        rc = rc < 0 ? -1 : f.found;
    }
    free(norm);
    return rc;
}

typedef struct source_known {
    int64_t *id;
    char **url, **title;
} source_known;

static int keep_known(const source_rec *r, void *ctx)
{
    source_known *k = ctx;
    if (k->id)
        *k->id = r->id;
    if (k->url)
        *k->url = xstrdup(r->url ? r->url : "");
    if (k->title)
        *k->title = r->title ? xstrdup(r->title) : NULL;
    return 0;
}

int store_source_known(store_t *s, const char *url, int64_t *id, char **stored_url, char **title)
{
    source_known k = {id, stored_url, title};
    return store_source_get(s, 0, url, keep_known, &k);
}

int store_sources_each(store_t *s, store_source_cb cb, void *ctx)
{
    return OPS(s)->sources_each(s, cb, ctx);
}

int store_sources_due(store_t *s, const char *now, const char *tracker, store_source_cb cb, void *ctx)
{
    return OPS(s)->sources_due(s, now, tracker, cb, ctx);
}

int store_source_update(store_t *s, int64_t id, const source_state *st)
{
    return OPS(s)->source_update(s, id, st);
}

int64_t store_doc_find(store_t *s, const char *canonical_url, const char *content_hash)
{
    return OPS(s)->doc_find(s, canonical_url, content_hash);
}

int64_t store_doc_find_near(store_t *s, store_near *nr)
{
    return OPS(s)->doc_find_near(s, nr);
}

int store_doc_insert(store_t *s, const doc_rec *d, int64_t *id)
{
    return OPS(s)->doc_insert(s, d, id);
}

int store_doc_add_url(store_t *s, int64_t doc_id, int64_t source_id, const char *url, const char *outlet)
{
    return OPS(s)->doc_add_url(s, doc_id, source_id, url, outlet);
}

int store_doc_seen_earlier(store_t *s, int64_t doc_id, const char *published)
{
    if (!published || !*published)
        return 0;
    return OPS(s)->doc_seen_earlier(s, doc_id, published);
}

int store_doc_get(store_t *s, int64_t id, store_doc_cb cb, void *ctx)
{
    return OPS(s)->doc_get(s, id, cb, ctx);
}

int store_docs_each(store_t *s, const char *since, store_doc_cb cb, void *ctx)
{
    return OPS(s)->docs_each(s, since, cb, ctx);
}

int store_event_record(store_t *s, int64_t doc_id, const event_t *e, const char *published, int64_t *event_id)
{
    return OPS(s)->event_record(s, doc_id, e, published, event_id);
}

int store_events_each(store_t *s, const event_filter *f, store_event_cb cb, void *ctx)
{
    return OPS(s)->events_each(s, f, cb, ctx);
}

int store_events_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_cb cb, void *ctx)
{
    return OPS(s)->events_by_ids(s, ids, n, cb, ctx);
}

int store_event_keys(store_t *s, store_event_key_cb cb, void *ctx)
{
    return OPS(s)->event_keys(s, cb, ctx);
}

int store_data_version(store_t *s, int64_t *version)
{
    return OPS(s)->data_version(s, version);
}

int store_generation(store_t *s, int64_t *gen)
{
    return OPS(s)->generation(s, gen);
}

int store_events_changed(store_t *s, int64_t gen, size_t max, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    int rc = OPS(s)->events_changed(s, gen, max, ids, n);
    /* event 0 (none has it) marks where pruned tombstones end
     * (store_event_seq_prune): gen is older, what was removed since is
     * no longer all known */
    for (size_t i = 0; rc == 0 && i < *n; i++)
        if ((*ids)[i] == 0) {
            free(*ids);
            *ids = NULL;
            *n = 0;
            rc = 1;
        }
    return rc;
}

int store_event_seq_prune(store_t *s, size_t keep)
{
    return OPS(s)->event_seq_prune(s, keep);
}

int store_event_keys_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_key_cb cb, void *ctx)
{
    return n ? OPS(s)->event_keys_by_ids(s, ids, n, cb, ctx) : 0;
}

int store_mentions_each(store_t *s, int64_t event_id, store_mention_cb cb, void *ctx)
{
    return OPS(s)->mentions_each(s, event_id, cb, ctx);
}

int store_search(store_t *s, const char *query, int64_t limit, store_hit_cb cb, void *ctx)
{
    return OPS(s)->search(s, query, limit, cb, ctx);
}

int store_tracker_put(store_t *s, const struct tracker_def *t, const char *config_text)
{
    return OPS(s)->tracker_put(s, t, config_text);
}

char *store_tracker_config(store_t *s, const char *name)
{
    return OPS(s)->tracker_config(s, name);
}

int store_trackers_each(store_t *s, store_tracker_cb cb, void *ctx)
{
    return OPS(s)->trackers_each(s, cb, ctx);
}

char *store_tracker_last_edition(store_t *s, const char *name)
{
    return OPS(s)->tracker_last_edition(s, name);
}

int store_tracker_set_last_edition(store_t *s, const char *name, const char *when)
{
    return OPS(s)->tracker_set_last_edition(s, name, when);
}

int store_edition_last(store_t *s, const char *tracker, const char *format, char **created, int64_t **events, size_t *n)
{
    return OPS(s)->edition_last(s, tracker, format, created, events, n);
}

int store_edition_add(store_t *s, const char *tracker, const char *format, const char *created, const int64_t *events, size_t n)
{
    return OPS(s)->edition_add(s, tracker, format, created, events, n);
}

int store_alert_claim(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    return OPS(s)->alert_claim(s, tracker, alert, event_id);
}

int store_alert_unclaim(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    return OPS(s)->alert_unclaim(s, tracker, alert, event_id);
}

int store_count(store_t *s, store_counts *c)
{
    return OPS(s)->count(s, c);
}

int store_doc_ids(store_t *s, const char *since, const char *tracker, int64_t **ids, size_t *n)
{
    return OPS(s)->doc_ids(s, since, tracker, ids, n);
}

int store_redo_begin(store_t *s, int64_t doc_id, store_redo *r)
{
    return OPS(s)->redo_begin(s, doc_id, r);
}

int store_redo_end(store_t *s, store_redo *r)
{
    return OPS(s)->redo_end(s, r);
}

int store_event_prints(store_t *s, int64_t **ids, uint64_t **prints, size_t *n)
{
    return OPS(s)->event_prints(s, ids, prints, n);
}

int store_doc_event_prints(store_t *s, int64_t doc_id, int64_t **ids, uint64_t **prints, size_t *n)
{
    return OPS(s)->doc_event_prints(s, doc_id, ids, prints, n);
}

int64_t store_doc_url_known(store_t *s, const char *url)
{
    return OPS(s)->doc_url_known(s, url);
}

int store_alert_delivered(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    return OPS(s)->alert_delivered(s, tracker, alert, event_id);
}

int store_alert_rule_since(store_t *s, const char *tracker, const char *alert, int backfill, int64_t *since)
{
    return OPS(s)->alert_rule_since(s, tracker, alert, backfill, since);
}

int store_read_begin(store_t *s)
{
    return OPS(s)->read_begin(s);
}

int store_read_end(store_t *s)
{
    return OPS(s)->read_end(s);
}

/* ---- issue 12, items 5 and 9 ---- */

int store_sources_page(store_t *s, int64_t offset, int64_t limit, int64_t *total, store_source_cb cb,
                       void *ctx)
{
    return OPS(s)->sources_page(s, offset, limit, total, cb, ctx);
}

int store_doc_replace(store_t *s, int64_t id, const doc_rec *d)
{
    return OPS(s)->doc_replace(s, id, d);
}

int store_event_change_add(store_t *s, const store_event_change *c)
{
    return OPS(s)->event_change_add(s, c);
}

int store_event_changes_each(store_t *s, int64_t event_id, store_event_change_cb cb, void *ctx)
{
    return OPS(s)->event_changes_each(s, event_id, cb, ctx);
}

/* ---- a whole store copied between back ends ---- */

/* Every table of the record and its columns, parents before children:
 * the schema both back ends share (store_sqlite.c's migrations,
 * store_pg.c's). */
#define COLS(...) ((const char *const[]){__VA_ARGS__, NULL})
static const struct copy_table {
    const char *name;
    const char *const *cols;
} copy_tables[] = {
    {"sources", COLS("id", "url", "title", "kind", "added", "etag", "last_modified", "last_success",
                     "last_error", "last_error_at", "next_try", "interval_s", "failures")},
    {"trackers", COLS("id", "name", "title", "category", "description", "config", "last_edition")},
    {"themes", COLS("id", "tracker_id", "name", "title", "position", "types", "keywords", "orgs")},
    {"tracker_sources", COLS("tracker_id", "source_id")},
    {"documents", COLS("id", "source_id", "url", "canonical_url", "title", "author", "outlet", "published",
                       "fetched", "language", "text", "content_hash", "origin", "minhash", "near_sketch",
                       "near_keys")},
    {"document_urls", COLS("document_id", "source_id", "url", "outlet")},
    {"document_bands", COLS("band", "document_id")},
    {"near_template", COLS("shingle")},
    {"organizations", COLS("id", "name", "norm", "ticker", "country")},
    {"org_aliases", COLS("norm", "org_id")},
    {"events", COLS("id", "key", "type", "org_id", "company", "acquirer", "target", "organization", "ticker",
                    "product", "what", "country", "amount_text", "amount_value", "currency", "amount_usd",
                    "valuation_usd", "price_usd", "change_pct", "close_price", "capacity_mw", "round",
                    "lead_investors", "investors", "confidence", "first_seen", "created", "name_first",
                    "name_last", "descriptor", "purpose", "status", "gpus")},
    {"event_mentions", COLS("event_id", "document_id", "sentence", "sentence_offset", "confidence", "name",
                            "amount_text", "amount_value", "currency", "amount_usd", "round", "valuation_usd",
                            "country")},
    {"event_changes", COLS("id", "event_id", "document_id", "changed", "field", "was", "now")},
    {"editions", COLS("id", "tracker", "format", "created", "events")},
    {"alert_deliveries", COLS("tracker", "alert", "event_id", "delivered")},
    {"alert_rules", COLS("tracker", "alert", "added", "since_event")},
    /* the report's theme assignments, each valid by its own hash of the
     * rules it was worked out with: the first report after a copy reads
     * them instead of every document's text (no marks: the first update
     * after a copy works out each tracker once, from these rows) */
    {"doc_themes", COLS("tracker", "document_id", "input", "value")},
    {"event_themes", COLS("tracker", "event_id", "input", "value")},
};
#define N_COPY_TABLES (sizeof copy_tables / sizeof *copy_tables)

typedef struct copy_ctx {
    store_t *to;
    const struct copy_table *t;
    size_t ncols;
    int64_t rows;
    int target_failed;
} copy_ctx;

static int copy_row(const store_value *v, size_t n, void *arg)
{
    copy_ctx *c = arg;
    if (OPS(c->to)->copy_insert(c->to, c->t->name, c->t->cols, c->ncols, v) < 0) {
        c->target_failed = 1;
        return -1;
    }
    c->rows++;
    return 0;
}

int store_copy(store_t *from, store_t *to, int force, store_copy_counts *copied, char *why, size_t whylen)
{
    if (copied)
        memset(copied, 0, sizeof *copied);
    int64_t held = 0;
    for (size_t i = 0; i < N_COPY_TABLES; i++) {
        int64_t n = OPS(to)->copy_count(to, copy_tables[i].name);
        if (n < 0) {
            snprintf(why, whylen, "target: %s", store_error(to));
            return -1;
        }
        held += n;
    }
    if (held && !force) {
        snprintf(why, whylen, "the target store is not empty (%lld rows; --force empties it first)",
                 (long long)held);
        return -1;
    }
    store_counts fc;
    if (store_read_begin(from) < 0 || store_count(from, &fc) < 0) {
        snprintf(why, whylen, "source: %s", store_error(from));
        store_read_end(from);
        return -1;
    }
    int64_t rows = 0;
    int rc = store_begin(to);
    if (rc == 0 && held)
        rc = OPS(to)->copy_clear(to);
    const char *side = "target";
    for (size_t i = 0; rc == 0 && i < N_COPY_TABLES; i++) {
        copy_ctx c = {.to = to, .t = &copy_tables[i]};
        while (c.t->cols[c.ncols])
            c.ncols++;
        rc = OPS(from)->copy_rows(from, c.t->name, c.t->cols, c.ncols, copy_row, &c) < 0 ? -1 : 0;
        if (rc < 0 && !c.target_failed)
            side = "source";
        rows += c.rows;
    }
    if (rc == 0)
        rc = OPS(to)->copy_done(to, fc.doc_updates);
    if (rc < 0) {
        snprintf(why, whylen, "%s: %s", side, store_error(strcmp(side, "target") == 0 ? to : from));
        store_rollback(to);
        store_read_end(from);
        return -1;
    }
    if (store_commit(to) < 0) {
        snprintf(why, whylen, "target: %s", store_error(to));
        store_read_end(from);
        return -1;
    }
    /* every table holds as many rows on both sides */
    for (size_t i = 0; i < N_COPY_TABLES; i++) {
        int64_t a = OPS(from)->copy_count(from, copy_tables[i].name);
        int64_t b = OPS(to)->copy_count(to, copy_tables[i].name);
        if (a < 0 || b < 0 || a != b) {
            snprintf(why, whylen, "%s: %lld rows in the source, %lld in the target after the copy",
                     copy_tables[i].name, (long long)a, (long long)b);
            store_read_end(from);
            return -1;
        }
    }
    store_read_end(from);
    if (copied) {
        copied->tables = (int64_t)N_COPY_TABLES;
        copied->rows = rows;
        if (store_count(to, &copied->counts) < 0) {
            snprintf(why, whylen, "target: %s", store_error(to));
            return -1;
        }
    }
    return 0;
}

int store_org_get(store_t *s, const char *name, store_org_cb cb, void *ctx)
{
    if (!OPS(s)->org_get)
        return -1;
    return OPS(s)->org_get(s, name, cb, ctx);
}

int store_doc_mentions_each(store_t *s, int64_t doc_id, store_doc_mention_cb cb, void *ctx)
{
    if (!OPS(s)->doc_mentions_each)
        return -1;
    return OPS(s)->doc_mentions_each(s, doc_id, cb, ctx);
}

/* ---- issue 15 ---- */

void store_set_stop(store_t *s, store_stop_fn stop, void *arg)
{
    if (OPS(s)->set_stop)
        OPS(s)->set_stop(s, stop, arg);
}

void store_shrink(store_t *s)
{
    if (s && OPS(s)->shrink)
        OPS(s)->shrink(s);
}

int store_robots_get(store_t *s, const char *origin, const char *now, int *status, char **body, size_t *len)
{
    *status = 0;
    *body = NULL;
    *len = 0;
    return OPS(s)->robots_get ? OPS(s)->robots_get(s, origin, now, status, body, len) : 0;
}

int store_robots_put(store_t *s, const char *origin, int status, const char *body, size_t len,
                     const char *fetched_at, const char *expires)
{
    return OPS(s)->robots_put ? OPS(s)->robots_put(s, origin, status, body, len, fetched_at, expires) : 0;
}

/* ---- the report's theme assignments: optional in a back end ---- */

int store_themes_get(store_t *s, const char *tracker, int kind, store_theme_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    return OPS(s)->themes_get ? OPS(s)->themes_get(s, tracker, kind, rows, n) : 0;
}

int store_themes_put(store_t *s, const char *tracker, int kind, const store_theme_row *rows, size_t n)
{
    return OPS(s)->themes_put ? OPS(s)->themes_put(s, tracker, kind, rows, n) : 0;
}

int store_docs_meta_each(store_t *s, const char *since, store_doc_cb cb, void *ctx)
{
    return OPS(s)->docs_meta_each ? OPS(s)->docs_meta_each(s, since, cb, ctx)
                                  : OPS(s)->docs_each(s, since, cb, ctx);
}

/* Without the back end's own: the events' ids, then each one's mentions. */
typedef struct ev_ids {
    int64_t *v;
    size_t n;
} ev_ids;

static int ev_id_add(const store_event_key *k, void *ctx)
{
    ev_ids *e = ctx;
    e->v = xrealloc(e->v, (e->n + 1) * sizeof *e->v);
    e->v[e->n++] = k->id;
    return 0;
}

typedef struct ev_docs {
    int64_t event_id;
    int64_t *docs;
    size_t n;
} ev_docs;

static int ev_doc_add(int64_t doc_id, const char *sentence, double confidence, void *ctx)
{
    ev_docs *d = ctx;
    d->docs = xrealloc(d->docs, (d->n + 1) * sizeof *d->docs);
    d->docs[d->n++] = doc_id;
    return 0;
}

static int i64_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

int store_event_docs_each(store_t *s, store_event_doc_cb cb, void *ctx)
{
    if (OPS(s)->event_docs_each)
        return OPS(s)->event_docs_each(s, cb, ctx);
    ev_ids ids = {0};
    int r = OPS(s)->event_keys(s, ev_id_add, &ids);
    if (ids.n)
        qsort(ids.v, ids.n, sizeof *ids.v, i64_cmp);
    for (size_t i = 0; r == 0 && i < ids.n; i++) {
        ev_docs d = {ids.v[i], NULL, 0};
        r = OPS(s)->mentions_each(s, ids.v[i], ev_doc_add, &d) < 0 ? -1 : 0;
        if (d.n)
            qsort(d.docs, d.n, sizeof *d.docs, i64_cmp);
        for (size_t k = 0; r == 0 && k < d.n; k++)
            if (k == 0 || d.docs[k] != d.docs[k - 1])
                r = cb(ids.v[i], d.docs[k], ctx);
        free(d.docs);
    }
    free(ids.v);
    return r < 0 ? -1 : 0;
}

/* ---- several update workers ---- */

int store_sources_lease(store_t *s, const char *due, const char *now, const char *until, const char *tracker,
                        int64_t limit, store_source_cb cb, void *ctx)
{
    if (!OPS(s)->sources_lease)
        return OPS(s)->sources_due(s, due, tracker, cb, ctx);
    return OPS(s)->sources_lease(s, due, now, until, tracker, limit, cb, ctx);
}

int store_sources_lease_all(store_t *s, int64_t since_ms, const char *now, const char *until,
                            const char *tracker, int64_t limit, store_source_cb cb, void *ctx)
{
    if (!OPS(s)->sources_lease_all)
        return store_sources_lease(s, "9999-12-31T23:59:59Z", now, until, tracker, limit, cb, ctx);
    return OPS(s)->sources_lease_all(s, since_ms, now, until, tracker, limit, cb, ctx);
}

int64_t store_host_take(store_t *s, const char *origin, int max, int64_t hold_ms)
{
    if (!OPS(s)->host_take)
        return -1; /* none kept: the caller goes on without */
    return OPS(s)->host_take(s, origin, max, hold_ms);
}

int store_host_give(store_t *s, int64_t slot)
{
    if (!OPS(s)->host_give || slot <= 0)
        return 0;
    return OPS(s)->host_give(s, slot);
}

int store_home_health(store_t *s, char *newest, char *success, size_t len, int64_t limit,
                      store_source_cb cb, void *ctx)
{
    if (len) {
        newest[0] = 0;
        success[0] = 0;
    }
    if (!OPS(s)->home_health)
        return 0;
    return OPS(s)->home_health(s, newest, success, len, limit, cb, ctx);
}

/* $name as a bound from 1 to 10^9, else def */
static int64_t search_bound(const char *name, int64_t def)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return def;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    return !*end && !errno && n >= 1 && n <= 1000000000 ? (int64_t)n : def;
}

void store_search_bounds(int64_t *ranked, int64_t *counted)
{
    *ranked = search_bound("MTRACK_SEARCH_RANKED", STORE_SEARCH_RANKED);
    *counted = search_bound("MTRACK_SEARCH_COUNTED", STORE_SEARCH_COUNTED);
}

/* n rounded up to two significant digits (123,456 -> 130,000) */
static int64_t round_up_2(int64_t n)
{
    int64_t unit = 1;
    while (n / unit >= 100)
        unit *= 10;
    return (n + unit - 1) / unit * unit;
}

int store_search_count(store_t *s, const char *query, int64_t *n, bool *exact)
{
    int64_t counted;
    return store_search_count_from(s, query, n, exact, &counted);
}

int store_search_count_from(store_t *s, const char *query, int64_t *n, bool *exact, int64_t *counted_from)
{
    *n = -1;
    *exact = false;
    if (!OPS(s)->search_count)
        return 0;
    int64_t ranked, counted, got = 0, from = 0, docs = 0, max_id = 0;
    store_search_bounds(&ranked, &counted);
    int64_t cap = counted + 1; /* PostgreSQL counts fewer (store_pg.c) */
    *counted_from = cap;
    if (OPS(s)->search_count(s, query, &cap, &got, &from, &docs, &max_id) < 0)
        return -1;
    *counted_from = cap;
    if (got < cap) {
        *n = got;
        *exact = true;
        return 0;
    }
    /* cap matches among the ids from..max_id: as dense in the older
     * documents */
    double span = max_id >= from ? (double)(max_id - from + 1) : 1;
    double est = (double)got * (double)docs / span;
    int64_t e = est < (double)got ? got : est > (double)docs ? docs : (int64_t)est;
    e = round_up_2(e);
    if (e > docs && docs >= got)
        e = docs;
    *n = e;
    return 0;
}

int store_trackers_health(store_t *s, int64_t limit, store_tracker_health_cb cb, void *ctx)
{
    if (!OPS(s)->trackers_health)
        return 0;
    return OPS(s)->trackers_health(s, limit, cb, ctx);
}

int store_sources_release(store_t *s, const int64_t *ids, size_t n)
{
    if (!OPS(s)->sources_release || !n)
        return 0;
    return OPS(s)->sources_release(s, ids, n);
}

/* ---- the themes' change log and marks: optional in a back end ---- */

int store_theme_log_last(store_t *s, int64_t *seq)
{
    *seq = 0;
    return OPS(s)->theme_log_last ? OPS(s)->theme_log_last(s, seq) : 0;
}

int store_theme_log_each(store_t *s, int64_t after, int64_t upto, store_theme_log_cb cb, void *ctx)
{
    return OPS(s)->theme_log_each ? OPS(s)->theme_log_each(s, after, upto, cb, ctx) : 0;
}

int store_theme_mark_get(store_t *s, const char *tracker, uint64_t *rules, int64_t *seq)
{
    *rules = 0;
    *seq = 0;
    return OPS(s)->theme_mark_get ? OPS(s)->theme_mark_get(s, tracker, rules, seq) : 0;
}

int store_theme_mark_put(store_t *s, const char *tracker, uint64_t rules, int64_t seq)
{
    return OPS(s)->theme_mark_put ? OPS(s)->theme_mark_put(s, tracker, rules, seq) : 0;
}

int store_theme_log_prune(store_t *s)
{
    return OPS(s)->theme_log_prune ? OPS(s)->theme_log_prune(s) : 0;
}

int store_theme_row_get(store_t *s, const char *tracker, int kind, int64_t id, store_theme_row *row)
{
    return OPS(s)->theme_row_get ? OPS(s)->theme_row_get(s, tracker, kind, id, row) : 0;
}

int store_sources_renew(store_t *s, const int64_t *ids, size_t n, const char *until)
{
    if (!OPS(s)->sources_renew || !n)
        return 0;
    return OPS(s)->sources_renew(s, ids, n, until);
}

int store_sources_leased(store_t *s, const char *due, const char *now, const char *tracker, int64_t *n)
{
    *n = 0;
    if (!OPS(s)->sources_leased)
        return 0;
    return OPS(s)->sources_leased(s, due, now, tracker, n);
}

int64_t store_host_claim(store_t *s, const char *origin, int64_t delay_ms)
{
    if (!OPS(s)->host_claim || delay_ms <= 0)
        return 0;
    return OPS(s)->host_claim(s, origin, delay_ms);
}

/* ---- transactions grouped: optional in a back end ---- */

int store_batch_begin(store_t *s, int max_commits, int max_ms)
{
    return OPS(s)->batch_begin ? OPS(s)->batch_begin(s, max_commits, max_ms) : 0;
}

int store_batch_end(store_t *s)
{
    return OPS(s)->batch_end ? OPS(s)->batch_end(s) : 0;
}

/* ---- an answer's events read together: optional in a back end ---- */

typedef struct mention_of {
    store_mentions_of_cb cb;
    void *ctx;
    int64_t event_id;
} mention_of;

static int mention_of_one(int64_t doc_id, const char *sentence, double confidence, void *ctx)
{
    mention_of *m = ctx;
    return m->cb(m->event_id, doc_id, sentence, confidence, m->ctx);
}

/* ids sorted, each once (owned) */
static int64_t *ids_sorted(const int64_t *ids, size_t n, size_t *k)
{
    int64_t *v = xmalloc((n ? n : 1) * sizeof *v);
    if (n)
        memcpy(v, ids, n * sizeof *v);
    if (n)
        qsort(v, n, sizeof *v, i64_cmp);
    size_t j = 0;
    for (size_t i = 0; i < n; i++)
        if (j == 0 || v[i] != v[j - 1])
            v[j++] = v[i];
    *k = j;
    return v;
}

int store_mentions_of(store_t *s, const int64_t *ids, size_t n, store_mentions_of_cb cb, void *ctx)
{
    if (!n)
        return 0;
    if (OPS(s)->mentions_of)
        return OPS(s)->mentions_of(s, ids, n, cb, ctx);
    size_t k;
    int64_t *v = ids_sorted(ids, n, &k);
    int r = 0;
    for (size_t i = 0; r == 0 && i < k; i++) {
        mention_of m = {cb, ctx, v[i]};
        r = OPS(s)->mentions_each(s, v[i], mention_of_one, &m);
    }
    free(v);
    return r;
}

int store_docs_text_of(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx)
{
    if (!n)
        return 0;
    if (OPS(s)->docs_text_of)
        return OPS(s)->docs_text_of(s, ids, n, cb, ctx);
    size_t k;
    int64_t *v = ids_sorted(ids, n, &k);
    int r = 0;
    for (size_t i = 0; r == 0 && i < k; i++)
        r = OPS(s)->doc_get(s, v[i], cb, ctx);
    free(v);
    return r;
}

int store_event_changes_of(store_t *s, const int64_t *ids, size_t n, store_event_change_cb cb, void *ctx)
{
    if (!n)
        return 0;
    if (OPS(s)->event_changes_of)
        return OPS(s)->event_changes_of(s, ids, n, cb, ctx);
    size_t k;
    int64_t *v = ids_sorted(ids, n, &k);
    int r = 0;
    for (size_t i = 0; r == 0 && i < k; i++)
        r = OPS(s)->event_changes_each(s, v[i], cb, ctx);
    free(v);
    return r;
}

/* ---- the report's reads, each one pass (issue 15) ---- */

int store_events_bare_each(store_t *s, const char *since, store_alloc_fn alloc, void *arg,
                           store_event_cb cb, void *ctx)
{
    return OPS(s)->events_bare_each(s, since, alloc, arg, cb, ctx);
}

int store_mentions_all(store_t *s, store_mention_all_cb cb, void *ctx)
{
    return OPS(s)->mentions_all(s, cb, ctx);
}

int store_docs_dates_each(store_t *s, const char *since, store_doc_date_cb cb, void *ctx)
{
    return OPS(s)->docs_dates_each(s, since, cb, ctx);
}

int store_docs_listed(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx)
{
    return n ? OPS(s)->docs_listed(s, ids, n, cb, ctx) : 0;
}
