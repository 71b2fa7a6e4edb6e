/* store_backend: what a store back end provides (store_sqlite.c,
 * store_pg.c). Not for callers: they use store.h, whose functions
 * (store.c) call through the handle's table.
 *
 * A back end's struct store begins with `const struct store_ops *ops`;
 * store.c reads it there and knows nothing else of the handle. */
#ifndef MTRACK_STORE_BACKEND_H
#define MTRACK_STORE_BACKEND_H

#include "store/store.h"

/* A value of a row copied between back ends (store_copy): NULL, text (any
 * number in its text form) or a blob. */
typedef struct store_value {
    enum { STORE_NULL, STORE_TEXT, STORE_BLOB } kind;
    const char *text;          /* STORE_TEXT */
    const void *blob;          /* STORE_BLOB, len bytes */
    size_t len;
} store_value;
typedef int (*store_row_cb)(const store_value *v, size_t n, void *ctx);

struct store_ops {
    const char *name;          /* "sqlite", "postgresql" */
    void (*close)(store_t *s);
    const char *(*error)(const store_t *s);
    int (*begin)(store_t *s);
    int (*commit)(store_t *s);
    int (*rollback)(store_t *s);
    int (*source_put)(store_t *s, const char *url, const char *title, const char *kind, int64_t *id);
    int (*source_remove)(store_t *s, const char *url);
    int (*sources_each)(store_t *s, store_source_cb cb, void *ctx);
    int (*sources_due)(store_t *s, const char *now, const char *tracker, store_source_cb cb, void *ctx);
    int (*source_update)(store_t *s, int64_t id, const source_state *st);
    int64_t (*doc_find)(store_t *s, const char *canonical_url, const char *content_hash);
    int64_t (*doc_find_near)(store_t *s, store_near *nr);
    int (*doc_insert)(store_t *s, const doc_rec *d, int64_t *id);
    int (*doc_add_url)(store_t *s, int64_t doc_id, int64_t source_id, const char *url, const char *outlet);
    int (*doc_get)(store_t *s, int64_t id, store_doc_cb cb, void *ctx);
    int (*docs_each)(store_t *s, const char *since, store_doc_cb cb, void *ctx);
    int (*event_record)(store_t *s, int64_t doc_id, const event_t *e, const char *published, int64_t *event_id);
    int (*events_each)(store_t *s, const event_filter *f, store_event_cb cb, void *ctx);
    int (*events_by_ids)(store_t *s, const int64_t *ids, size_t n, store_event_cb cb, void *ctx);
    int (*event_keys)(store_t *s, store_event_key_cb cb, void *ctx);
    int (*data_version)(store_t *s, int64_t *version);
    int (*mentions_each)(store_t *s, int64_t event_id, store_mention_cb cb, void *ctx);
    int (*search)(store_t *s, const char *query, int64_t limit, store_hit_cb cb, void *ctx);
    int (*tracker_put)(store_t *s, const struct tracker_def *t, const char *config_text);
    char *(*tracker_config)(store_t *s, const char *name);
    int (*trackers_each)(store_t *s, store_tracker_cb cb, void *ctx);
    char *(*tracker_last_edition)(store_t *s, const char *name);
    int (*tracker_set_last_edition)(store_t *s, const char *name, const char *when);
    int (*edition_last)(store_t *s, const char *tracker, const char *format, char **created, int64_t **events, size_t *n);
    int (*edition_add)(store_t *s, const char *tracker, const char *format, const char *created, const int64_t *events, size_t n);
    int (*alert_claim)(store_t *s, const char *tracker, const char *alert, int64_t event_id);
    int (*alert_unclaim)(store_t *s, const char *tracker, const char *alert, int64_t event_id);
    int (*count)(store_t *s, store_counts *c);
    int (*doc_ids)(store_t *s, const char *since, const char *tracker, int64_t **ids, size_t *n);
    int (*redo_begin)(store_t *s, int64_t doc_id, store_redo *r);
    int (*redo_end)(store_t *s, store_redo *r);
    int (*event_prints)(store_t *s, int64_t **ids, uint64_t **prints, size_t *n);
    int64_t (*doc_url_known)(store_t *s, const char *url);
    int (*alert_delivered)(store_t *s, const char *tracker, const char *alert, int64_t event_id);
    int (*alert_rule_since)(store_t *s, const char *tracker, const char *alert, int backfill, int64_t *since);
    /* read transactions (store_read_begin, store_read_end) */
    int (*read_begin)(store_t *s);
    int (*read_end)(store_t *s);
    /* issue 12, items 5 and 9 */
    int (*sources_page)(store_t *s, int64_t offset, int64_t limit, int64_t *total, store_source_cb cb, void *ctx);
    int (*doc_replace)(store_t *s, int64_t id, const doc_rec *d);
    int (*event_change_add)(store_t *s, const store_event_change *c);
    int (*event_changes_each)(store_t *s, int64_t event_id, store_event_change_cb cb, void *ctx);
    /* the source of id (> 0) or else of url: 1 found, 0 none, -1 error
     * (NULL: store.c looks through sources_each) */
    int (*source_get)(store_t *s, int64_t id, const char *url, store_source_cb cb, void *ctx);
    /* several update workers: leased due sources (NULL: store.c hands out
     * store_sources_due's, and release does nothing) */
    int (*sources_lease)(store_t *s, const char *due, const char *now, const char *until, const char *tracker,
                         int64_t limit, store_source_cb cb, void *ctx);
    int (*sources_release)(store_t *s, const int64_t *ids, size_t n);
    /* issue 13: leases renewed and counted, per-host request slots (NULL:
     * nothing renewed, none counted, every slot free) */
    int (*sources_renew)(store_t *s, const int64_t *ids, size_t n, const char *until);
    int (*sources_leased)(store_t *s, const char *due, const char *now, const char *tracker, int64_t *n);
    int64_t (*host_claim)(store_t *s, const char *origin, int64_t delay_ms);
    /* issue 14: the home page's freshness and failing sources */
    int (*home_health)(store_t *s, char *newest, char *success, size_t len, int64_t limit,
                       store_source_cb cb, void *ctx);
    /* issue 14: the number of search hits */
    /* at most *cap of the newest matches: *n of them, the lowest id among
     * them *from, and the store's documents and highest id; a back end
     * may lower *cap to what it counts cheaply (*n == *cap: estimated) */
    int (*search_count)(store_t *s, const char *query, int64_t *cap, int64_t *n, int64_t *from,
                        int64_t *docs, int64_t *max_id);
    /* issue 14: each tracker's sources' health */
    int (*trackers_health)(store_t *s, int64_t limit, store_tracker_health_cb cb, void *ctx);
    /* store_copy: every row of a table (the columns named, in the order
     * rows were made; a table that does not exist has none), a row added
     * as it is (ids too), every table emptied, what a back end does after
     * the rows (id sequences, counts; doc_updates from the source), and a
     * table's rows counted (-1 on error) */
    int (*copy_rows)(store_t *s, const char *table, const char *const *cols, size_t n, store_row_cb cb, void *ctx);
    int (*copy_insert)(store_t *s, const char *table, const char *const *cols, size_t n, const store_value *v);
    int (*copy_clear)(store_t *s);
    int (*copy_done)(store_t *s, int64_t doc_updates);
    int64_t (*copy_count)(store_t *s, const char *table);
    /* issue 14; NULL in a back end without it */
    int (*org_get)(store_t *s, const char *name, store_org_cb cb, void *ctx);
    int (*doc_mentions_each)(store_t *s, int64_t doc_id, store_doc_mention_cb cb, void *ctx);
    /* issue 15 (NULL: store.c does without: no stopping, no robots cache) */
    void (*set_stop)(store_t *s, store_stop_fn stop, void *arg);
    void (*shrink)(store_t *s);   /* store_shrink; NULL: nothing to give back */
    int (*robots_get)(store_t *s, const char *origin, const char *now, int *status, char **body, size_t *len);
    int (*robots_put)(store_t *s, const char *origin, int status, const char *body, size_t len,
                      const char *fetched_at, const char *expires);
    /* the report's theme assignments (optional: NULL keeps none; store.c
     * then answers without them) */
    int (*themes_get)(store_t *s, const char *tracker, int kind, store_theme_row **rows, size_t *n);
    int (*themes_put)(store_t *s, const char *tracker, int kind, const store_theme_row *rows, size_t n);
    int (*docs_meta_each)(store_t *s, const char *since, store_doc_cb cb, void *ctx);
    int (*event_docs_each)(store_t *s, store_event_doc_cb cb, void *ctx);
    /* the themes' change log and marks (optional: NULL, no mark is found
     * and the report's themes are worked out in full) */
    int (*theme_log_last)(store_t *s, int64_t *seq);
    int (*theme_log_each)(store_t *s, int64_t after, int64_t upto, store_theme_log_cb cb, void *ctx);
    int (*theme_mark_get)(store_t *s, const char *tracker, uint64_t *rules, int64_t *seq);
    int (*theme_mark_put)(store_t *s, const char *tracker, uint64_t rules, int64_t seq);
    int (*theme_log_prune)(store_t *s);
    int (*theme_row_get)(store_t *s, const char *tracker, int kind, int64_t id, store_theme_row *row);
    /* transactions grouped (optional: NULL, each stays its own) */
    int (*batch_begin)(store_t *s, int max_commits, int max_ms);
    int (*batch_end)(store_t *s);
    /* trust: a copy's earlier date (store_doc_seen_earlier) */
    int (*doc_seen_earlier)(store_t *s, int64_t doc_id, const char *published);
    /* trust: update --all's leases (store_sources_lease_all; NULL: store.c
     * leases every source as due) */
    int (*sources_lease_all)(store_t *s, int64_t since_ms, const char *now, const char *until,
                             const char *tracker, int64_t limit, store_source_cb cb, void *ctx);
    /* trust: per-host connection slots across workers (NULL: every slot
     * free) */
    int64_t (*host_take)(store_t *s, const char *origin, int max, int64_t hold_ms);
    int (*host_give)(store_t *s, int64_t slot);
    /* issue 15: the data's generation, the events changed since one */
    int (*generation)(store_t *s, int64_t *gen);
    int (*events_changed)(store_t *s, int64_t gen, size_t max, int64_t **ids, size_t *n);
    int (*event_keys_by_ids)(store_t *s, const int64_t *ids, size_t n, store_event_key_cb cb, void *ctx);
    /* an answer's events read together (optional: NULL, store.c reads
     * them one event at a time) */
    int (*mentions_of)(store_t *s, const int64_t *ids, size_t n, store_mentions_of_cb cb, void *ctx);
    int (*docs_text_of)(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx);
    int (*event_changes_of)(store_t *s, const int64_t *ids, size_t n, store_event_change_cb cb, void *ctx);
    /* the report's reads, each one pass (issue 15) */
    int (*events_bare_each)(store_t *s, const char *since, store_alloc_fn alloc, void *arg,
                            store_event_cb cb, void *ctx);
    int (*mentions_all)(store_t *s, store_mention_all_cb cb, void *ctx);
    int (*docs_dates_each)(store_t *s, const char *since, store_doc_date_cb cb, void *ctx);
    int (*docs_listed)(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx);
    /* reanalyze: the prints of one document's events */
    int (*doc_event_prints)(store_t *s, int64_t doc_id, int64_t **ids, uint64_t **prints, size_t *n);
    /* the tombstones of event_seq pruned (store_event_seq_prune) */
    int (*event_seq_prune)(store_t *s, size_t keep);
};


/* The back ends' open functions: NULL with the reason in why on failure. */
store_t *store_sqlite_open(const char *path, char *why, size_t whylen);
store_t *store_pg_open(const char *conninfo, char *why, size_t whylen);
extern const struct store_ops store_sqlite_ops, store_pg_ops;

/* True when path names a PostgreSQL database (postgresql:// or
 * postgres://) rather than a SQLite file. */
bool store_path_is_pg(const char *path);

#endif
