/* store_common: the logic of the store that is no SQL dialect, shared by
 * the two back ends (store_sqlite.c, store_pg.c). Not for callers: they use
 * store.h.
 *
 * Pure functions (names folded for matching, event identity keys, the
 * near-duplicate template and its checks, fingerprints), and two
 * algorithms that run on statements a back end supplies through a small
 * table of its own functions: learning the near-duplicate template
 * (store_near_distinctive) and pairing a re-analysed document's old and new
 * events (store_redo_finish). */
#ifndef MTRACK_STORE_COMMON_H
#define MTRACK_STORE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "resolve/dedup.h"
#include "store/store.h"

/* ---- names and events ---- */

/* A name folded for matching: lower-case letters and digits, words joined
 * by single spaces, without company-form suffixes. Owned by the caller. */
char *store_org_norm(const char *name);
/* An index key of an organisation's folded name: its first word (last =
 * 0), or its last word that is not a generic one like "Semiconductor"
 * (last = 1; the last word when all are). Two spellings where one adds
 * words before or after the other share one of the keys. NULL for no name
 * or no word; owned by the caller. */
char *store_name_word(const char *name, int last);
/* 1 when two spellings name the same organisation: equal once folded, or
 * one is the other with words before or after it. */
int store_names_agree(const char *a, const char *b);
/* 1 when two figures agree within 5%, or either is unknown. */
int store_figures_agree(double a, double b);
/* The organisation an event is about. */
const char *store_event_org(const event_t *e);
/* The identity of an event across documents (events.key); owned by the
 * caller. */
char *store_event_idkey(const event_t *e, int64_t org, const char *published);
/* A stored event's fields as find_same_event reads them. */
typedef struct store_event_cand {
    const char *company, *acquirer, *target, *organization, *ticker, *product;
    double usd, value, price, change, capacity;
} store_event_cand;
/* 1 when e (of the same type) is another report of the stored event c:
 * the same organisation under any spelling, figures that agree. */
int store_event_same(const event_t *e, const store_event_cand *c);
/* Names stored as one column: joined by "; ", and split again (*v and its
 * strings owned by the caller). */
char *store_join_names(char *const *v, size_t n);
void store_split_names(const char *joined, char ***v, size_t *n);

/* ---- small helpers ---- */

/* Now, UTC, as 2026-01-31T12:00:00Z. */
void store_now_rfc3339(char out[32]);
/* n ids as text, joined by commas between open and close ("[1,2]" for
 * SQLite's json_each, "{1,2}" for a PostgreSQL array, "1,2" for
 * editions.events); owned by the caller. */
char *store_ids_text(const int64_t *v, size_t n, const char *open, const char *close);
/* The ids of such a list (editions.events) into *v (owned by the caller)
 * and *n; what is not a number ends it. */
void store_ids_parse(const char *text, int64_t **v, size_t *n);
/* qsort/bsearch order of int64_t ids. */
int store_id_cmp(const void *a, const void *b);
/* FNV-1a, 64 bits, over a column's text of n bytes (NULL told apart from
 * ""), for store_event_prints. Start from STORE_PRINT_SEED. */
#define STORE_PRINT_SEED 0xcbf29ce484222325ULL
uint64_t store_print_hash(uint64_t h, const unsigned char *p, int n);

/* ---- rows read into records ----
 * A row of a back end's result, read through its own functions: column i
 * as text (NULL for NULL, valid while the row is), as a number (NaN for
 * NULL) and as an integer (0 for NULL). The readers below fill a record
 * from the columns every back end selects in the same order. */
typedef struct store_row {
    void *st;
    const char *(*text)(void *st, int i);
    double (*num)(void *st, int i);
    int64_t (*i64)(void *st, int i);
} store_row;
/* id, source_id, url, canonical_url, title, author, outlet, published,
 * fetched, language, text, content_hash, origin (strings borrowed) */
void store_doc_row(const store_row *r, doc_rec *d);
/* id, url, title, kind, added, last_success, last_error, last_error_at,
 * next_try, etag, last_modified, interval_s, failures, documents */
void store_source_row(const store_row *r, source_rec *rec);
/* the events' columns (id, type, company, acquirer, target, organization,
 * ticker, product, what, country, amount_text, amount_value, currency,
 * amount_usd, valuation_usd, price_usd, change_pct, close_price,
 * capacity_mw, round, lead_investors, investors, confidence, first_seen,
 * mentions, best sentence, descriptor, purpose, status, gpus) into a new event of
 * l (strings copied) and m (first_seen borrowed) */
void store_event_row(const store_row *r, event_list *l, event_meta *m);
/* The same columns into *e (zeroed first), every string and list
 * allocated with alloc(arg, ...) (store_events_bare_each), m->first_seen
 * too. */
void store_event_row_alloc(const store_row *r, event_t *e, event_meta *m, store_alloc_fn alloc, void *arg);

/* store_events_by_ids: the rows as they come (store_event_set_add), then
 * handed to cb in the order of ids, each id found once
 * (store_event_set_each, which frees them; NULL cb only frees). */
typedef struct store_event_set {
    struct store_event_got *v;
    size_t n, cap;
} store_event_set;
void store_event_set_add(store_event_set *set, const store_row *r);
int store_event_set_each(store_event_set *set, const int64_t *ids, size_t n, store_event_cb cb, void *ctx);

/* store_event_prints: each event's row (its id, then cols columns
 * hashed) in id order, then each mention's (its event's id, then cols
 * columns) in event order. */
typedef struct store_prints {
    int64_t *ids;
    uint64_t *prints;
    size_t n, cap, k;
} store_prints;
void store_prints_event(store_prints *p, const store_row *r, int cols);
void store_prints_mention(store_prints *p, const store_row *r, int cols);

/* ---- near-duplicates (store_doc_find_near) ---- */

/* At most this many of the latest documents in each band are candidates:
 * copies arrive close together, and the work per document stays bounded
 * however large the store grows. */
#define STORE_NEAR_PER_BAND 32

/* The template shingles (near_template), sorted, read once per handle and
 * kept up to date with what the handle adds. */
typedef struct store_tmpl {
    uint32_t *v;
    size_t n, cap;
    int loaded;
} store_tmpl;
void store_tmpl_push(store_tmpl *t, uint32_t shingle);   /* while loading, in order */
void store_tmpl_merge(store_tmpl *t, const uint32_t *add, size_t n); /* n sorted, none known */
void store_tmpl_free(store_tmpl *t);

/* The recent documents read to learn the template: their ids and sketches. */
typedef struct store_near_window {
    int64_t id[DEDUP_TEMPLATE_OUTLET_WINDOW + DEDUP_TEMPLATE_STORE_WINDOW];
    dedup_profile p[DEDUP_TEMPLATE_OUTLET_WINDOW + DEDUP_TEMPLATE_STORE_WINDOW];
    size_t n;
} store_near_window;
/* One recent document (its stored sketch): adds 1 to cnt[i] for each
 * shingle p->sh[i] it holds, and keeps its sketch in w. */
void store_near_window_row(store_near_window *w, int64_t id, const void *sketch, size_t bytes,
                           const dedup_profile *p, uint8_t *cnt);

/* What store_near_distinctive asks of a back end. */
typedef struct store_near_io {
    /* the handle's template, loaded (NULL on error) */
    store_tmpl *(*tmpl)(store_t *s);
    /* the limit latest documents (of outlet, when not NULL), each through
     * store_near_window_row; *rows gets their number */
    int (*window)(store_t *s, const char *outlet, int limit, const dedup_profile *p, uint8_t *cnt,
                  store_near_window *w, int *rows);
    /* records n sorted shingles (none known) as template, in the store and
     * in the handle's store_tmpl (store_tmpl_merge) */
    int (*tmpl_add)(store_t *s, const uint32_t *add, size_t n);
    /* signs stored document id again (store_near_resign_sig) */
    int (*resign)(store_t *s, int64_t id, const dedup_profile *o);
} store_near_io;

/* The shingles of p that are not template, into out (room for p->nsh);
 * learns new template from the recent documents of the store and of the
 * outlet, and signs again those of them that hold some of it. Returns
 * their number, -1 on error. */
long store_near_distinctive(store_t *s, const store_near_io *io, const char *outlet, const dedup_profile *p,
                            uint32_t *out);
/* The signature of a stored document's sketch o without template: 1 with
 * sig filled, 0 when too little of it is left to be signed. */
int store_near_resign_sig(const store_tmpl *t, const dedup_profile *o, uint32_t sig[DEDUP_MINHASH]);
/* store_doc_find_near's first half: the distinctive shingles of nr->p into
 * *mine (owned by the caller, also on error), their number in *nm,
 * nr->distinct, and when there are enough of them nr->sig, nr->has_sig and
 * the band keys. Returns 1 when there are candidates to look for, 0 when
 * not, -1 on error. */
int store_near_begin(store_t *s, const store_near_io *io, store_near *nr, uint32_t **mine, long *nm,
                     int64_t keys[DEDUP_BANDS]);
/* A band's document id with its stored signature (minhash, bytes): added
 * to cand (*nc of them, room for DEDUP_BANDS * STORE_NEAR_PER_BAND) when
 * new and similar enough to sig. */
void store_near_candidate(int64_t *cand, size_t *nc, int64_t id, const void *minhash, size_t bytes,
                          const uint32_t *sig);
/* 1 when a candidate (its stored sketch and keys) tells the same story as
 * p, whose distinctive shingles are mine (nm): similar enough without
 * template, no figure or name that says otherwise. *theirs is scratch
 * space the caller frees (NULL at first). */
int store_near_same(const store_tmpl *t, const dedup_profile *p, const uint32_t *mine, size_t nm,
                    const void *sketch, size_t sketch_bytes, const void *keys, size_t keys_bytes,
                    uint32_t **theirs);

/* ---- re-analysis (store_redo_end) ---- */

/* An event of the re-analysed document: made by the new analysis, or set
 * aside from the old one (type and key as they were before). */
typedef struct store_redo_ev {
    int64_t id, org;
    char *type, *key, *name;   /* owned */
    int64_t pair;              /* the event it pairs with, 0: none */
} store_redo_ev;
/* Appends one (the strings taken over). */
void store_redo_ev_add(store_redo_ev **v, size_t *n, int64_t id, char *type, char *key, int64_t org,
                       char *name);

/* What store_redo_finish asks of a back end (each 0, or -1 on error). */
typedef struct store_redo_io {
    /* the events made after max_event, id order; and those of ids (n, in
     * id order) that are set aside, id order */
    int (*made)(store_t *s, int64_t max_event, store_redo_ev **v, size_t *n);
    int (*aside)(store_t *s, const int64_t *ids, size_t n, store_redo_ev **v, size_t *nv);
    /* old (set aside) takes over new: its mentions and fields, new's key;
     * old keeps its id, creation time and alert deliveries; new is gone */
    int (*adopt)(store_t *s, const store_redo_ev *old, const store_redo_ev *nw);
    int (*drop)(store_t *s, int64_t id);
    /* event id counts as shown by each tracker's last edition made after
     * document doc_id was stored */
    int (*shown)(store_t *s, int64_t id, int64_t doc_id);
    /* the events that document doc_id reports, id order (owned by the caller) */
    int (*doc_events)(store_t *s, int64_t doc_id, int64_t **ids, size_t *n);
    /* an event's figures, confidence and first-seen date in line with its
     * mentions; nothing when it is gone */
    int (*settle)(store_t *s, int64_t id);
} store_redo_io;

/* store_redo_end on the back end's statements: pairs the set-aside events
 * with the new ones, most certain first (the same key, the same
 * organisation, a spelling of the same organisation; each in id order),
 * merges each pair into the old event, drops old events without a pair,
 * counts unpaired new events as shown by editions that already covered the
 * document, fills r->after and settles every event touched. */
int store_redo_finish(store_t *s, const store_redo_io *io, store_redo *r);

/* SQLite's migration 15 and PostgreSQL's 12, the same statements: sources
 * whose URLs normalise to one (temp table source_keep: each source's id, normalised URL and the id it
 * is merged into, the lowest of its URL) become that one: its trackers,
 * documents and URLs moved to it, its title kept (else the first of the
 * others'), the freshest success's validators and interval, the newest
 * error, the earliest added and next try; then every URL normalised. */
#define SOURCE_MERGE_SQL(insert_trackers, on_conflict)                                                       \
    "UPDATE sources SET"                                                                                     \
    " (etag, last_modified, last_success, interval_s) = (SELECT d.etag, d.last_modified, d.last_success,"   \
    "   d.interval_s FROM sources d JOIN source_keep k ON k.id = d.id WHERE k.keep = sources.id"            \
    "   ORDER BY d.last_success IS NULL, d.last_success DESC, d.id LIMIT 1),"                               \
    " (last_error, last_error_at, failures) = (SELECT d.last_error, d.last_error_at, d.failures"            \
    "   FROM sources d JOIN source_keep k ON k.id = d.id WHERE k.keep = sources.id"                         \
    "   ORDER BY d.last_error_at IS NULL, d.last_error_at DESC, d.id LIMIT 1),"                             \
    " title = coalesce(title, (SELECT d.title FROM sources d JOIN source_keep k ON k.id = d.id"             \
    "   WHERE k.keep = sources.id AND d.title IS NOT NULL ORDER BY d.id LIMIT 1)),"                         \
    " added = (SELECT min(d.added) FROM sources d JOIN source_keep k ON k.id = d.id"                        \
    "   WHERE k.keep = sources.id),"                                                                        \
    " next_try = (SELECT min(d.next_try) FROM sources d JOIN source_keep k ON k.id = d.id"                  \
    "   WHERE k.keep = sources.id)"                                                                         \
    " WHERE id IN (SELECT keep FROM source_keep WHERE keep <> id);"                                         \
    insert_trackers " SELECT t.tracker_id, k.keep FROM tracker_sources t"                                   \
    "  JOIN source_keep k ON k.id = t.source_id WHERE k.keep <> k.id" on_conflict ";"                       \
    "DELETE FROM tracker_sources WHERE source_id IN (SELECT id FROM source_keep WHERE keep <> id);"          \
    "UPDATE documents SET source_id = (SELECT keep FROM source_keep k WHERE k.id = documents.source_id)"    \
    " WHERE source_id IN (SELECT id FROM source_keep WHERE keep <> id);"                                    \
    "UPDATE document_urls SET source_id = (SELECT keep FROM source_keep k"                                  \
    "  WHERE k.id = document_urls.source_id)"                                                               \
    " WHERE source_id IN (SELECT id FROM source_keep WHERE keep <> id);"                                    \
    "DELETE FROM sources WHERE id IN (SELECT id FROM source_keep WHERE keep <> id);"                        \
    "UPDATE sources SET url = (SELECT norm FROM source_keep k WHERE k.id = sources.id)"                     \
    " WHERE url <> (SELECT norm FROM source_keep k WHERE k.id = sources.id);"

#endif
