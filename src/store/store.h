/* store: the one interface to mtrack's persistent record.
 *
 * Callers see only these functions and records; the SQLite back end
 * (store_sqlite.c) implements them, and a PostgreSQL back end can implement
 * the same set (chosen by store_open from the path's scheme) without
 * touching a caller. Every function returns 0 on success and -1 on failure
 * unless said otherwise; on failure store_error() says why. Strings in
 * records handed to callbacks are borrowed for the callback's duration. */
#ifndef MTRACK_STORE_H
#define MTRACK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/event.h"

typedef struct store store_t;

/* Opens (creating when missing) the store at path and brings its schema up
 * to date. On failure returns NULL and writes the reason to why. */
store_t *store_open(const char *path, char *why, size_t whylen);
/* path as it may be shown in a message: a postgresql:// URL without its
 * password (user:***@host, password=***), anything else as it is. Writes
 * to buf and returns it. */
const char *store_path_shown(const char *path, char *buf, size_t n);
void store_close(store_t *s);
/* The last error of this store, one line. */
const char *store_error(const store_t *s);

/* One transaction per ingested document: begin (immediate), then commit or
 * roll back. */
int store_begin(store_t *s);
int store_commit(store_t *s);
int store_rollback(store_t *s);

/* ---- sources ---- */
typedef struct source_rec {
    int64_t id;
    const char *url;
    const char *title;
    const char *kind;          /* "feed", "page", "file" */
    const char *added;         /* RFC 3339 */
    const char *last_success;  /* may be NULL */
    const char *last_error;
    const char *last_error_at;
    const char *next_try;
    const char *etag;          /* validators of the last 200 response */
    const char *last_modified;
    int64_t interval_s;        /* polling interval now in force */
    int64_t failures;          /* consecutive failures */
    int64_t documents;         /* documents carried */
} source_rec;

/* Adds a source, or finds it when its URL is known; *id gets its id.
 * title may be NULL (an existing title is kept then). */
int store_source_put(store_t *s, const char *url, const char *title, const char *kind, int64_t *id);
typedef int (*store_source_cb)(const source_rec *r, void *ctx);
/* Removes a source; returns 1 when removed, 0 when unknown, -1 on error. */
int store_source_remove(store_t *s, const char *url);
/* Source URLs are kept with their scheme and host in lower case
 * (url_norm_source): store_source_put, _remove and _get take a URL in any
 * case. */
/* The source of id (id > 0) or else of url to cb: 1 when found, 0 when
 * there is none, -1 on error. */
int store_source_get(store_t *s, int64_t id, const char *url, store_source_cb cb, void *ctx);
/* The source of url as adding it again finds it: its id, and (each owned,
 * for the pointers given) its stored URL and title (NULL when it has
 * none). 1 when found, 0 when there is none (outputs untouched), -1 on
 * error. */
int store_source_known(store_t *s, const char *url, int64_t *id, char **stored_url, char **title);
int store_sources_each(store_t *s, store_source_cb cb, void *ctx);
/* The http(s) sources whose next_try is unset or not after now (RFC 3339),
 * optionally only those of one tracker (NULL: all). */
int store_sources_due(store_t *s, const char *now, const char *tracker, store_source_cb cb, void *ctx);

/* The fetch state of a source after a fetch. NULL strings clear nothing:
 * they leave the stored value as it was; set clear_error to forget the
 * last error after a success. */
typedef struct source_state {
    const char *etag, *last_modified;
    const char *last_success;
    const char *last_error, *last_error_at;
    const char *next_try;
    int64_t interval_s;        /* 0: unchanged */
    int64_t failures;          /* -1: unchanged */
    int clear_error;
    int end_lease;             /* its lease (store_sources_lease) ended too, in the same statement */
    int64_t done_ms;           /* when this fetch was done, ms since 1970 (0: unchanged): what
                                * store_sources_lease_all compares with a run's start */
} source_state;
int store_source_update(store_t *s, int64_t id, const source_state *st);

/* ---- documents ---- */
typedef struct doc_rec {
    int64_t id;
    int64_t source_id;        /* 0 when none */
    const char *url;
    const char *canonical_url; /* NULL when unknown */
    const char *title;
    const char *author;
    const char *outlet;       /* the site or feed that published it */
    const char *published;    /* RFC 3339, may be NULL */
    const char *fetched;      /* RFC 3339 */
    const char *language;
    const char *text;
    const char *content_hash; /* hex digest of the normalised text */
    const char *origin;       /* the file or URL it was read from */
    const uint32_t *minhash;  /* DEDUP_MINHASH values, NULL when too short to tell */
    const struct store_near *near; /* the near-duplicate data (then minhash is not read), or NULL */
} doc_rec;

/* The id of a stored document with this canonical URL (when not NULL) or
 * this content hash (when not NULL), or 0 when there is none; -1 on error. */
int64_t store_doc_find(store_t *s, const char *canonical_url, const char *content_hash);
/* Near-duplicates (src/resolve/dedup.h). store_doc_find_near learns which
 * of the profile's shingles are template (common to many recent documents
 * of the outlet or of the store, or found so before), signs the rest
 * (MinHash), and returns the id of a stored document that tells the same
 * story: a candidate from the signature's bands (the newest of each band,
 * bounded), confirmed from its stored sketch and keys (similar enough
 * without template, no figure or name that says otherwise); 0 when none,
 * -1 on error. It fills has_sig, sig and distinct, which store_doc_insert
 * (doc_rec.near) stores with the sketch and keys. */
struct dedup_profile;
typedef struct store_near {
    const struct dedup_profile *p;
    const char *outlet;       /* NULL when unknown */
    int has_sig;              /* out: enough distinctive shingles to be signed */
    uint32_t sig[32];         /* out: DEDUP_MINHASH values */
    size_t distinct;          /* out: shingles that are not template */
} store_near;
int64_t store_doc_find_near(store_t *s, store_near *nr);
/* Inserts d (d->id is ignored); *id gets the new id. */
int store_doc_insert(store_t *s, const doc_rec *d, int64_t *id);
/* Records that a document was also carried by another source/URL. */
int store_doc_add_url(store_t *s, int64_t doc_id, int64_t source_id, const char *url, const char *outlet);
/* A copy of the stored document doc_id published at published (RFC 3339,
 * may be NULL): when that is earlier than the stored date (or none is
 * stored), the document takes it, and each event it mentions whose
 * first_seen is later takes it too, so both keep the earliest date of any
 * copy whatever order the copies came in. Returns 1 when the date moved, 0
 * when not, -1 on error. */
int store_doc_seen_earlier(store_t *s, int64_t doc_id, const char *published);
/* Loads one document; cb is called once when found. Returns 0 (found or
 * not), -1 on error. */
typedef int (*store_doc_cb)(const doc_rec *d, void *ctx);
int store_doc_get(store_t *s, int64_t id, store_doc_cb cb, void *ctx);
/* Every document, newest first (published, else fetched), optionally only
 * those published on or after since (NULL for all). */
int store_docs_each(store_t *s, const char *since, store_doc_cb cb, void *ctx);

/* ---- events ---- */
typedef struct event_meta {
    int64_t id;
    const char *first_seen;   /* publication date of its earliest mention */
    int64_t mentions;         /* how many documents report it */
} event_meta;

/* Records that document doc_id reports event e (read from its sentence):
 * finds the stored event this one is (same type, organisation and figure)
 * or creates it, then adds the mention. published: the document's date.
 * *event_id (may be NULL) gets the event's id. */
int store_event_record(store_t *s, int64_t doc_id, const event_t *e, const char *published,
                       int64_t *event_id);

typedef struct event_filter {
    int type;                 /* -1 for any */
    const char *since, *until;/* YYYY-MM-DD, inclusive; NULL for open */
    double min_usd;           /* NAN for none */
    const char *country;      /* ISO code */
    const char *org;          /* any organisation field, case-insensitive substring */
    const char *investor;     /* case-insensitive substring of the investors */
    int64_t limit;            /* 0 for no limit */
    int64_t offset;           /* skip this many (pagination) */
    int64_t id;               /* only this event (0: any) */
} event_filter;

void event_filter_init(event_filter *f);
/* The events matching f, newest first; e is a complete event (its sentence
 * is the first mention's). */
typedef int (*store_event_cb)(const event_t *e, const event_meta *m, void *ctx);
int store_events_each(store_t *s, const event_filter *f, store_event_cb cb, void *ctx);
/* The events of ids, in that order (an id not stored is skipped), each
 * looked up by its key. */
int store_events_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_cb cb, void *ctx);
/* What an in-memory event index sorts and filters on, every event in id
 * order: org is the event's organisation (as event_org_name), haystack the
 * lower-cased text the org filter searches (as store_events_each's), the
 * strings valid during the call. */
typedef struct store_event_key {
    int64_t id;
    int type;                 /* event_type, -1 unknown */
    const char *first_seen, *country, *org, *haystack, *investors;
    double amount_usd, price_usd; /* NAN for none */
    int64_t mentions;
} store_event_key;
typedef int (*store_event_key_cb)(const store_event_key *k, void *ctx);
int store_event_keys(store_t *s, store_event_key_cb cb, void *ctx);
/* The statements of store_events_by_ids and store_event_keys (EXPLAIN
 * QUERY PLAN checks in the tests). */
extern const char store_events_by_id_sql[], store_event_keys_sql[];
/* A number that changes whenever the store's content may have (a commit by
 * this handle or any other); only comparable between calls on one handle. */
int store_data_version(store_t *s, int64_t *version);

/* ---- the data's generation (issue 15) ----
 * A number that every write to what the server shows (documents and their
 * URLs, events and mentions, sources' names, organisations, trackers,
 * editions) makes larger, committed with the write: the same for every
 * handle and process that sees the same data, so that answers cached at
 * one generation are good until it moves. One small read. */
int store_generation(store_t *s, int64_t *gen);
/* The events changed after generation gen (added, edited, given or losing
 * a mention, one of their documents edited, or removed): *ids (free) gets
 * them in ascending order. Returns 0; 1 when more than max changed (*ids
 * NULL: read them all again instead); -1 on error. */
int store_events_changed(store_t *s, int64_t gen, size_t max, int64_t **ids, size_t *n);
/* Forgets the tombstones of removed events but the newest keep (they
 * grow with every removal otherwise): a generation older than the newest
 * one forgotten gets 1 from store_events_changed from then on (the index
 * is read whole). 0 or -1. */
#define STORE_SEQ_KEEP 10000
int store_event_seq_prune(store_t *s, size_t keep);
/* store_event_keys for the events of ids only (any order; an id not
 * stored is skipped). */
int store_event_keys_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_key_cb cb, void *ctx);
/* Their statements (EXPLAIN QUERY PLAN checks in the tests). */
extern const char store_generation_sql[], store_events_changed_sql[], store_event_keys_by_id_sql[];

/* The documents that report an event, oldest first. */
typedef int (*store_mention_cb)(int64_t doc_id, const char *sentence, double confidence, void *ctx);
int store_mentions_each(store_t *s, int64_t event_id, store_mention_cb cb, void *ctx);

/* ---- search ---- */
/* Full-text search, best first. query is the user's words (any text: it is
 * quoted before reaching the index; a trailing * makes a word a prefix).
 * snippet marks each hit with MARK_OPEN and MARK_CLOSE (util/utf8.h:
 * U+E000 and U+E001, never in stored text); snippet_split cuts it up. */
typedef int (*store_hit_cb)(const doc_rec *d, const char *snippet, double score, void *ctx);
int store_search(store_t *s, const char *query, int64_t limit, store_hit_cb cb, void *ctx);
/* How many documents store_search would find for query without a limit
 * (issue 14: the search page says how many when it shows only the best):
 * exact (*exact true) up to the counted bound (store_search_bounds),
 * beyond it an estimate (*exact false) from the density of the matches
 * among the newest documents, rounded up to two significant digits. */
int store_search_count(store_t *s, const char *query, int64_t *n, bool *exact);
/* The same, and an estimate's base in *counted: how many of the newest
 * matches were counted (the counted bound and one; on PostgreSQL no more
 * than the ranked bound and one, what it counts cheaply). */
int store_search_count_from(store_t *s, const char *query, int64_t *n, bool *exact, int64_t *counted);
/* A word in nearly every document must not cost a ranking of every
 * document (issue 15): store_search ranks (BM25; PostgreSQL: cover
 * density) only the *ranked most recently stored matches (highest ids),
 * and store_search_count counts *counted of them exactly. A query with
 * fewer matches is ranked and counted whole. The defaults,
 * STORE_SEARCH_RANKED and STORE_SEARCH_COUNTED, can be changed with
 * $MTRACK_SEARCH_RANKED and $MTRACK_SEARCH_COUNTED (1 to 10^9: an exact
 * ranking of any size at its cost, or small bounds for tests). */
#define STORE_SEARCH_RANKED 10000
#define STORE_SEARCH_COUNTED 100000
void store_search_bounds(int64_t *ranked, int64_t *counted);
/* True when query has a word to search for; store_search refuses one of
 * only spaces and quotes, which callers answer as bad input (exit 2, 400). */
bool store_query_has_words(const char *query);

/* ---- trackers ---- */
/* Saves a tracker's configuration text (INI, see sources/tracker.h) under
 * its name, with its themes; replaces an earlier one of the same name. */
struct tracker_def;
int store_tracker_put(store_t *s, const struct tracker_def *t, const char *config_text);
/* The configuration text of the tracker called name (NULL: the first one),
 * owned by the caller; NULL when there is none (store_error says whether
 * that was an error). */
char *store_tracker_config(store_t *s, const char *name);
/* Every tracker's name and title. */
typedef int (*store_tracker_cb)(const char *name, const char *title, void *ctx);
int store_trackers_each(store_t *s, store_tracker_cb cb, void *ctx);
/* Reads and sets the date of a tracker's last published edition. */
char *store_tracker_last_edition(store_t *s, const char *name);
int store_tracker_set_last_edition(store_t *s, const char *name, const char *when);
/* The last published edition of a tracker's report in a format: when it
 * was made (*created, owned; NULL when there was none) and the ids of the
 * events it showed (*events, owned, *n of them). */
int store_edition_last(store_t *s, const char *tracker, const char *format, char **created,
                       int64_t **events, size_t *n);
/* Records a published edition and the events it showed. */
int store_edition_add(store_t *s, const char *tracker, const char *format, const char *created,
                      const int64_t *events, size_t n);

/* ---- alerts ---- */
/* Claims the delivery of alert (of tracker) for an event: 1 when it had not
 * been delivered (it is now marked), 0 when it had, -1 on error. Unclaim
 * undoes a claim whose delivery failed, so a later run tries again. */
int store_alert_claim(store_t *s, const char *tracker, const char *alert, int64_t event_id);
int store_alert_unclaim(store_t *s, const char *tracker, const char *alert, int64_t event_id);

/* ---- counts ---- */
/* Cheap at any store size (kept up to date as rows come and go, not
 * counted): /metrics and /healthz-like callers may ask often. fetch_errors:
 * sources whose last fetch failed; doc_updates: documents replaced by their
 * update (store_doc_replace) so far, which moves where the other counts may
 * not (caches keyed on the counts compare it too). */
typedef struct store_counts {
    int64_t sources, documents, events, mentions, organizations;
    int64_t fetch_errors, doc_updates;
} store_counts;
int store_count(store_t *s, store_counts *c);

/* The home page's freshness and source health (issue 14): newest gets the
 * newest document's date (published, else fetched) and success the newest
 * successful fetch of any source (each "" when none, len bytes each); cb
 * gets the sources whose last fetch failed, at most limit, in id order. */
int store_home_health(store_t *s, char *newest, char *success, size_t len, int64_t limit,
                      store_source_cb cb, void *ctx);
/* (cb NULL: only newest and success.) */

/* Each stored tracker's sources' health, for the home page (issue 14): a
 * tracker's sources are those its INI names and those no tracker names
 * (added with `sources add`, the API or MCP), which every `update` fetches.
 * cb gets, tracker by tracker (name order), a summary (failing NULL: h's
 * counts and newest success) and then the tracker's failing sources, at
 * most limit of each, in id order (h's counts are zero then; documents of
 * a failing source are not counted). Two grouped queries whatever the
 * number of trackers and sources. */
typedef struct tracker_health {
    const char *tracker;
    int64_t sources, failing;
    const char *last_success; /* NULL when none ever succeeded */
} tracker_health;
typedef int (*store_tracker_health_cb)(const tracker_health *h, const source_rec *failing, void *ctx);
int store_trackers_health(store_t *s, int64_t limit, store_tracker_health_cb cb, void *ctx);


/* ---- re-analysis (mtrack reanalyze) ---- */
/* The ids of the stored documents, oldest id first (the order they were
 * ingested in), optionally only those published (else stored) at or after
 * since (RFC 3339; NULL for all) and only those of tracker (NULL for all):
 * carried by a source it follows, or by no source any tracker follows
 * (local files). *ids is owned by the caller. */
int store_doc_ids(store_t *s, const char *since, const char *tracker, int64_t **ids, size_t *n);

/* One document analysed again, inside one transaction: store_redo_begin
 * forgets its mentions and sets aside the events only it reported (hidden
 * from matching), the new analysis is recorded with store_event_record as
 * at ingest, then store_redo_end settles the events: one set aside takes
 * over a new event of the same type and organisation that the analysis
 * made (keeping its id, first-seen date, creation time and delivered
 * alerts; taking the new figures and mentions) or is removed when there is
 * none; an event it was the first to report takes its investors from the
 * new analysis; every event touched gets its figures, confidence and first-seen
 * date (the earliest date of the documents reporting it) from its
 * mentions. An event found anew in a document stored before a tracker's
 * last edition counts as shown by that edition (it is not news). */
typedef struct store_redo {
    int64_t doc_id;
    int64_t max_event;   /* events above this id were made by this analysis */
    int64_t *before;     /* the events the document reported, id order */
    size_t n_before;
    int64_t *after;      /* after store_redo_end: the events it reports now */
    size_t n_after;
} store_redo;
int store_redo_begin(store_t *s, int64_t doc_id, store_redo *r);
int store_redo_end(store_t *s, store_redo *r);
void store_redo_free(store_redo *r);

/* A fingerprint of every stored event (its fields and its mentions), id
 * order, to tell what a run added, removed and changed. *ids and *prints
 * are owned by the caller. */
int store_event_prints(store_t *s, int64_t **ids, uint64_t **prints, size_t *n);
/* The same for the events document doc_id reports only (id order), each
 * print over its whole row and all its mentions (of any document, every
 * column): a re-analysis of the document that leaves them the same changed
 * nothing (cmd_reanalyze rolls it back, so that no trigger fires and the
 * generation does not move; issue 15). */
int store_doc_event_prints(store_t *s, int64_t doc_id, int64_t **ids, uint64_t **prints, size_t *n);

/* ---- issue 12 (items 6 and 12) ---- */
/* The id of a stored document that has url as its canonical URL or URL
 * (preferred), or as one of the URLs it was carried by (store_doc_add_url);
 * 0 when none has, -1 on error. */
int64_t store_doc_url_known(store_t *s, const char *url);
/* 1 when the alert (of tracker) for the event has been delivered (recorded
 * by store_alert_claim after its delivery), 0 when not, -1 on error. */
int store_alert_delivered(store_t *s, const char *tracker, const char *alert, int64_t event_id);
/* The first event id an alert rule does not alert on: the rule alerts only
 * on events above *since. A rule seen for the first time is recorded with
 * the newest stored event (it alerts on what is stored after it); backfill
 * sets it to 0 (every event), for good. Returns 0 or -1. */
int store_alert_rule_since(store_t *s, const char *tracker, const char *alert, int backfill,
                           int64_t *since);

/* ---- read transactions (issue 12 item 11) ---- */
/* Everything read between store_read_begin and store_read_end sees one
 * state of the store, the one at store_read_begin: what other handles or
 * processes commit meanwhile is not seen, so that a report or an answer
 * made of many reads never contradicts itself. Pairs nest (an inner pair is
 * part of the outer one); inside a transaction of store_begin they change
 * nothing. Nothing may be written between them (readers only: back ends may
 * refuse a write). store_read_end always ends the pair (also after a failed
 * read); it returns -1 only when the back end failed to end it. */
int store_read_begin(store_t *s);
int store_read_end(store_t *s);

/* ---- issue 12 (items 5 and 9) ---- */
/* The sources in id order, from offset on, at most limit of them (0: all),
 * each with its documents counted (one grouped count, not one per source);
 * *total (may be NULL) gets how many sources there are. */
int store_sources_page(store_t *s, int64_t offset, int64_t limit, int64_t *total, store_source_cb cb,
                       void *ctx);
/* Replaces stored document id by its update d (d->id, d->source_id and
 * d->url are ignored: the document keeps its id, source and URLs): title,
 * text and content hash, the near-duplicate data (d->near as for
 * store_doc_insert: sketch, keys, signature and bands), the full-text
 * index; author, canonical URL, outlet, published, language and origin
 * when given (NULL keeps the stored one); fetched is now. Its events are
 * the caller's to re-derive (store_redo_begin / store_redo_end). Counts in
 * store_counts.doc_updates. */
int store_doc_replace(store_t *s, int64_t id, const doc_rec *d);
/* One change of an event told by an updated document: field ("amount",
 * "round", ...) was 'was' and is now 'now' (as shown to readers; NULL for
 * none), when: RFC 3339. */
typedef struct store_event_change {
    int64_t event_id, doc_id;
    const char *when, *field, *was, *now;
} store_event_change;
int store_event_change_add(store_t *s, const store_event_change *c);
/* An event's changes, oldest first. */
typedef int (*store_event_change_cb)(const store_event_change *c, void *ctx);
int store_event_changes_each(store_t *s, int64_t event_id, store_event_change_cb cb, void *ctx);

/* ---- several update workers on one store ---- */
/* store_sources_due (next_try compared with due: now, or the far future
 * for update --all), but each source handed out is leased until `until`
 * (RFC 3339): another worker asking before then, or before
 * store_sources_release, does not get it, so several `update` processes
 * on one store share the due sources and none fetches one twice
 * (PostgreSQL: FOR UPDATE SKIP LOCKED). A worker that dies leaves its
 * sources to the others when the lease ends (`now` is the real time).
 * At most limit sources (0: every one), in id order: a worker takes its
 * work a chunk at a time, so that workers started together share it. */
int store_sources_lease(store_t *s, const char *due, const char *now, const char *until, const char *tracker,
                        int64_t limit, store_source_cb cb, void *ctx);
/* store_sources_lease for update --all: every source, due or not, but
 * those whose last fetch was done (source_state.done_ms) at or after
 * since_ms, the run's start in ms since 1970, so that runs of --all at once
 * share the sources as due ones are shared, and none takes a source
 * another has done meanwhile. */
int store_sources_lease_all(store_t *s, int64_t since_ms, const char *now, const char *until,
                            const char *tracker, int64_t limit, store_source_cb cb, void *ctx);
/* Ends the leases of these sources (the worker is done with them). */
int store_sources_release(store_t *s, const int64_t *ids, size_t n);
/* Moves the leases of these sources on to until (a worker still at work
 * on them keeps them; a dead one's end soon). */
int store_sources_renew(store_t *s, const int64_t *ids, size_t n, const char *until);
/* How many sources are due (as store_sources_lease) but leased to another
 * worker at now: *n. */
int store_sources_leased(store_t *s, const char *due, const char *now, const char *tracker, int64_t *n);
/* Per-host politeness across workers: claims the next request to origin
 * (its "scheme://host:port"). Returns 0 when the caller may ask now (and
 * nobody may before delay_ms from now), the milliseconds to wait when
 * another worker asked less than its delay ago, -1 on failure. One
 * statement when the slot is free. The clock is the database's on
 * PostgreSQL (workers on several machines), the machine's on SQLite. */
int64_t store_host_claim(store_t *s, const char *origin, int64_t delay_ms);
/* Per-host connections across workers: takes one of origin's max slots,
 * held until store_host_give or for hold_ms (a worker that dies frees
 * its slots then). Returns the slot's id (> 0), 0 when max are held, -1 on
 * failure. One statement (PostgreSQL: a function that takes the host's
 * lock first, so that workers at once never hold more than max). */
int64_t store_host_take(store_t *s, const char *origin, int max, int64_t hold_ms);
/* Gives back a slot of store_host_take. (The slots of a worker that died
 * stay, not counted once their time ran out.) */
int store_host_give(store_t *s, int64_t slot);

/* ---- a whole store copied between back ends (mtrack store copy) ---- */
/* Copies every row of from into to (SQLite to PostgreSQL and back), ids
 * kept: sources with their fetch state, trackers and themes, documents
 * with their URLs and near-duplicate data, organisations and aliases,
 * events with every mention and change, editions, alert deliveries and
 * rules; then counts each table on both sides. A to that holds anything is
 * refused unless force (then emptied first). On failure returns -1 with
 * the reason in why (to is left as it was: one transaction). *copied gets
 * the rows copied (may be NULL). */
typedef struct store_copy_counts {
    int64_t tables, rows;
    store_counts counts;      /* to's counts at the end */
} store_copy_counts;
int store_copy(store_t *from, store_t *to, int force, store_copy_counts *copied, char *why, size_t whylen);
/* ---- issue 14 ---- */
/* An organisation as stored: its name, country and ticker, and the other
 * spellings the sources used for it (aliases, each once). */
typedef struct org_rec {
    int64_t id;
    const char *name, *country, *ticker;
    const char *const *aliases;
    size_t n_aliases;
} org_rec;
typedef int (*store_org_cb)(const org_rec *o, void *ctx);
/* Finds the organisation called name (any of its spellings or its ticker);
 * cb is called once when there is one. Returns 0 (found or not), -1 on
 * error (a back end without it: -1 and store_error says so). */
int store_org_get(store_t *s, const char *name, store_org_cb cb, void *ctx);
/* The events a document reports, in the order of their sentences: each
 * event's id and the sentence it was read from (a back end without it:
 * -1). */
typedef int (*store_doc_mention_cb)(int64_t event_id, const char *sentence, void *ctx);
int store_doc_mentions_each(store_t *s, int64_t doc_id, store_doc_mention_cb cb, void *ctx);
/* ---- the report's theme assignments, kept (issue 15) ---- */
/* What a tracker's report worked out for each document (kind
 * STORE_THEME_DOC: whether its filter lets the document in, and its theme)
 * and each event (STORE_THEME_EVENT: its theme), so that it is worked out
 * once, not from every document's text on every report. input is a hash
 * of what the value was computed from (the caller's: the tracker's theme
 * definitions, for an event also its sentence, organisation and first
 * document); a row whose input differs from the caller's is stale. A
 * document's rows go when its title, text or outlet change or it is
 * removed, an event's when it is removed. A back end that keeps none
 * returns no rows and ignores puts (the report then computes all). */
enum { STORE_THEME_DOC = 0, STORE_THEME_EVENT = 1 };
typedef struct store_theme_row {
    int64_t id;               /* the document's or event's id */
    uint64_t input;
    int value;
} store_theme_row;
/* All rows of a tracker and kind, by id ascending, into *rows (the
 * caller frees it) and *n. */
int store_themes_get(store_t *s, const char *tracker, int kind, store_theme_row **rows, size_t *n);
/* Adds or replaces rows, in one transaction of its own. Does nothing
 * inside a read pair (store_read_begin), where nothing may be written. */
int store_themes_put(store_t *s, const char *tracker, int kind, const store_theme_row *rows, size_t n);
/* store_docs_each with what the report lists of each document only: id,
 * url, canonical_url, title, outlet, published and fetched (the rest, and
 * the text, NULL or 0; a back end may give more). */
int store_docs_meta_each(store_t *s, const char *since, store_doc_cb cb, void *ctx);
/* Every (event, document) pair of the stored mentions, once each, by event
 * id then document id: one read for all events' sources. */
typedef int (*store_event_doc_cb)(int64_t event_id, int64_t doc_id, void *ctx);
int store_event_docs_each(store_t *s, store_event_doc_cb cb, void *ctx);

/* ---- issue 15: stopping long statements, the robots.txt cache ---- */
/* Makes this handle's statements call stop(arg) every so often while they
 * run (well under a millisecond apart); when it returns nonzero the
 * statement stops and its function fails ("interrupted"). For a server
 * that stops on a signal or drops a request whose client went away. NULL
 * removes it. */
typedef int (*store_stop_fn)(void *arg);
void store_set_stop(store_t *s, store_stop_fn stop, void *arg);
/* Gives back the memory this handle keeps to read faster (its page cache
 * and the pages of its memory map; read again from the OS's cache when
 * needed), outside a read pair. For a server after a heavy request. */
void store_shrink(store_t *s);
/* A host's robots.txt as last fetched, while fresh: origin is
 * "scheme://host:port", now and the times RFC 3339 UTC. status is the
 * HTTP status it came with (2xx: body holds the file; 4xx: there is none,
 * everything allowed). Returns 1 and *status, *body (owned, NUL-ended)
 * and *len when a copy expires after now, 0 when there is none, -1 on
 * error. */
int store_robots_get(store_t *s, const char *origin, const char *now, int *status, char **body,
                     size_t *len);
/* Keeps (replaces) origin's robots.txt until expires. */
int store_robots_put(store_t *s, const char *origin, int status, const char *body, size_t len,
                     const char *fetched_at, const char *expires);

/* ---- the report's themes kept up to date run by run (issue 15) ---- */
/* The store logs, in sequence, what a stored theme assignment depends on
 * as it changes: a document added, or its title, text, outlet or dates
 * changed (kind STORE_THEME_DOC, and its events as STORE_THEME_EVENT); an
 * event added or changed, a mention of it added, moved or removed
 * (STORE_THEME_EVENT). A tracker's mark holds the rules hash its rows were
 * worked out with and the place in that log up to which they are
 * complete, so that the next run works out only what was logged after it,
 * not the whole store. A back end without the log finds no mark (the
 * caller then works out everything) and ignores the rest. */
/* The last place in the log (0 when empty) into *seq. */
int store_theme_log_last(store_t *s, int64_t *seq);
/* Each document or event logged after `after` up to `upto`, once, by kind
 * then id ascending. */
typedef int (*store_theme_log_cb)(int kind, int64_t id, void *ctx);
int store_theme_log_each(store_t *s, int64_t after, int64_t upto, store_theme_log_cb cb, void *ctx);
/* Returns 1 with tracker's mark in *rules and *seq, 0 when it has none,
 * -1 on error. */
int store_theme_mark_get(store_t *s, const char *tracker, uint64_t *rules, int64_t *seq);
/* Sets tracker's mark (not inside a read pair, as store_themes_put). */
int store_theme_mark_put(store_t *s, const char *tracker, uint64_t rules, int64_t seq);
/* Drops what every tracker's mark has passed, and the marks of trackers
 * that are gone. */
int store_theme_log_prune(store_t *s);
/* One stored row: 1 with it in *row, 0 when there is none, -1 on error. */
int store_theme_row_get(store_t *s, const char *tracker, int kind, int64_t id, store_theme_row *row);

/* ---- transactions grouped (issue 15) ---- */
/* From here, each store_begin ... store_commit (or store_rollback) is a
 * savepoint inside a larger transaction, committed after max_commits of
 * them or max_ms milliseconds: a run of small transactions (ingest: one
 * per document) writes each page it touches once per group instead of
 * once per transaction. A rollback still undoes its own transaction
 * alone; killed, a run loses at most the group not yet committed, each
 * document of it untouched. store_batch_end commits the group and ends
 * the grouping (store_close does too); -1 when the store had to undo a
 * group after an error (what was counted as stored may not be). A back end
 * without keeps each transaction its own. */
int store_batch_begin(store_t *s, int max_commits, int max_ms);
int store_batch_end(store_t *s);

/* ---- an answer's events read together (issue 13's left: events json) ---- */
/* What the readers above give one event at a time, for the n events of
 * ids at once (a few statements for a whole answer instead of some per
 * event: a round trip each on PostgreSQL). store_mentions_each's mentions
 * of each event, by event id, each event's oldest first: */
typedef int (*store_mentions_of_cb)(int64_t event_id, int64_t doc_id, const char *sentence,
                                    double confidence, void *ctx);
int store_mentions_of(store_t *s, const int64_t *ids, size_t n, store_mentions_of_cb cb, void *ctx);
/* The documents of ids (an id not stored is skipped), in no particular
 * order, with only what a tracker's scope and themes read: id, title, text
 * and outlet (the rest NULL or 0). */
int store_docs_text_of(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx);
/* store_event_changes_each's changes of each event, by event id. */
int store_event_changes_of(store_t *s, const int64_t *ids, size_t n, store_event_change_cb cb, void *ctx);

/* ---- the report's reads, each one pass (issue 15: report under 1 s) ---- */
/* An allocator that is never freed piece by piece (the caller's pool):
 * size bytes, aligned for a pointer or a double. */
typedef void *(*store_alloc_fn)(void *arg, size_t size);
/* The events of store_events_each with only since set (first seen on or
 * after since, NULL for all), newest first, without what their mentions
 * tell: each one's sentence is NULL and meta->mentions 0 (the report reads
 * them with store_mentions_all). Every string and list of an event is
 * allocated with alloc(arg, ...) and left to the caller: the event is cb's
 * to keep (a shallow copy), meta->first_seen too. */
int store_events_bare_each(store_t *s, const char *since, store_alloc_fn alloc, void *arg,
                           store_event_cb cb, void *ctx);
/* Every stored mention once: its event, document, confidence and sentence
 * (valid during the call), each event's in no set order except that, of
 * two of the same confidence and document, the one whose sentence
 * store_events_each takes comes first: the first of those of highest
 * confidence, then lowest document id, is that sentence. */
typedef int (*store_mention_all_cb)(int64_t event_id, int64_t doc_id, double confidence,
                                    const char *sentence, void *ctx);
int store_mentions_all(store_t *s, store_mention_all_cb cb, void *ctx);
/* The documents of since (as store_docs_meta_each: newest first, by
 * published, else fetched, then id), each with its date (published, else
 * fetched) and outlet (NULL when none), valid during the call: what the
 * report counts of every document; store_docs_listed gives the rest of
 * those it lists. */
typedef int (*store_doc_date_cb)(int64_t id, const char *date, const char *outlet, void *ctx);
int store_docs_dates_each(store_t *s, const char *since, store_doc_date_cb cb, void *ctx);
/* The documents of ids (each once, in no set order; an id not stored is
 * skipped), with id, url, canonical_url and title only (the rest NULL or
 * 0). */
int store_docs_listed(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx);
/* Their SQLite statements (EXPLAIN QUERY PLAN checks in the tests). */
extern const char store_events_bare_sql[], store_mentions_all_sql[], store_docs_dates_sql[],
    store_docs_listed_sql[];

#endif
