/* store_sqlite: the SQLite back end of the store (WAL, FTS5, migrations). */
#include "store/store.h"
#include "store/store_backend.h"
#include "store/store_common.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "resolve/dedup.h"
#include "sources/tracker.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* Statements prepared once per handle: prep() hands out a cached statement
 * for SQL text it has seen (compiling is most of the cost of a short
 * statement), and every sqlite3_finalize in this file goes through
 * stmt_done (the macro below), which resets and clears a cached statement
 * for the next use and finalizes any other. A statement in use when the
 * same text is asked for again (a callback that calls back into the
 * store) is prepared anew and finalized after. */
#define STMT_CACHE 128
typedef struct stmt_slot {
    char *sql;
    uint64_t hash, used;
    sqlite3_stmt *st;
    int busy;
} stmt_slot;

struct store;
static void stmt_done(struct store *s, sqlite3_stmt *st);
#define sqlite3_finalize(st) stmt_done(s, (st))

struct store {
    const struct store_ops *ops; /* first: store.c reads it (store_backend.h) */
    sqlite3 *db;
    char err[512];
    stmt_slot stmts[STMT_CACHE];
    size_t nstmts;
    uint64_t stmt_tick;
    store_tmpl tmpl;          /* the near-duplicate template (store_common.h) */
    int read_depth;           /* store_read_begin pairs open */
    int read_own;             /* the outermost one began a transaction */
    store_stop_fn stop;       /* store_set_stop */
    void *stop_arg;
    int themes_ok;            /* the theme tables exist (store_open_themes) */
    int theme_log_ok;         /* the themes' change log exists (store_open_theme_log) */
    /* store_batch_begin: transactions grouped into one, each a savepoint */
    int batch_on, batch_open, batch_lost;
    int batch_max, batch_ms, batch_n;
    struct timespec batch_t0;
    struct timespec busy_t0;  /* busy_wait: when this wait began */
    int near_sig_ok;          /* documents_near_sig exists (store_open_near_sig) */
    int plan_fd;              /* MTRACK_SQL_PLANS, -1 when unset (plan_log) */
};

/* Schema versions, applied in order; user_version is the count applied. */
static const char *const migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE sources ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  title TEXT,"
    "  kind TEXT NOT NULL DEFAULT 'feed',"
    "  added TEXT NOT NULL,"
    "  etag TEXT, last_modified TEXT,"
    "  last_success TEXT, last_error TEXT, last_error_at TEXT, next_try TEXT,"
    "  interval_s INTEGER NOT NULL DEFAULT 3600,"
    "  failures INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE trackers ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  category TEXT, description TEXT,"
    "  config TEXT NOT NULL,"
    "  last_edition TEXT);"
    "CREATE TABLE themes ("
    "  id INTEGER PRIMARY KEY,"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL, title TEXT NOT NULL, position INTEGER NOT NULL,"
    "  types TEXT, keywords TEXT, orgs TEXT,"
    "  UNIQUE (tracker_id, name));"
    "CREATE TABLE tracker_sources ("
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (tracker_id, source_id));"
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,"
    "  url TEXT, canonical_url TEXT, title TEXT, author TEXT, outlet TEXT,"
    "  published TEXT, fetched TEXT NOT NULL, language TEXT,"
    "  text TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  origin TEXT);"
    "CREATE UNIQUE INDEX documents_canonical ON documents(canonical_url)"
    "  WHERE canonical_url IS NOT NULL;"
    "CREATE INDEX documents_published ON documents(published);"
    "CREATE TABLE document_urls ("
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,"
    "  url TEXT NOT NULL, outlet TEXT,"
    "  PRIMARY KEY (document_id, url));"
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "  title, text, content='documents', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
    "  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "END;"
    "CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TABLE organizations ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  norm TEXT NOT NULL UNIQUE,"
    "  ticker TEXT, country TEXT);"
    "CREATE TABLE org_aliases ("
    "  norm TEXT PRIMARY KEY,"
    "  org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE);"
    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY,"
    "  key TEXT NOT NULL UNIQUE,"
    "  type TEXT NOT NULL,"
    "  org_id INTEGER REFERENCES organizations(id),"
    "  company TEXT, acquirer TEXT, target TEXT, organization TEXT,"
    "  ticker TEXT, product TEXT, what TEXT, country TEXT,"
    "  amount_text TEXT, amount_value REAL, currency TEXT, amount_usd REAL,"
    "  valuation_usd REAL, price_usd REAL, change_pct REAL, close_price REAL,"
    "  capacity_mw REAL, round TEXT,"
    "  lead_investors TEXT NOT NULL DEFAULT '', investors TEXT NOT NULL DEFAULT '',"
    "  confidence REAL NOT NULL DEFAULT 0,"
    "  first_seen TEXT, created TEXT NOT NULL);"
    "CREATE INDEX events_type ON events(type, first_seen);"
    "CREATE TABLE event_mentions ("
    "  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  sentence TEXT NOT NULL,"
    "  sentence_offset INTEGER NOT NULL DEFAULT 0,"
    "  confidence REAL NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (event_id, document_id, sentence_offset));"
    "CREATE INDEX event_mentions_doc ON event_mentions(document_id);",
    /* 2: MinHash signatures of documents and their LSH band keys, to find
     * near-duplicates (src/resolve/dedup.h). */
    "ALTER TABLE documents ADD COLUMN minhash BLOB;"
    "CREATE TABLE document_bands ("
    "  band INTEGER NOT NULL,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE);"
    "CREATE INDEX document_bands_band ON document_bands(band);"
    "CREATE INDEX document_bands_doc ON document_bands(document_id);",
    /* 3: published editions of each tracker's report, per format, with the
     * events each showed, for "What's new since the last edition". */
    "CREATE TABLE editions ("
    "  id INTEGER PRIMARY KEY,"
    "  tracker TEXT NOT NULL, format TEXT NOT NULL, created TEXT NOT NULL,"
    "  events TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX editions_tracker ON editions(tracker, format, id);",
    /* 4: alerts delivered, so each is delivered once even across restarts. */
    "CREATE TABLE alert_deliveries ("
    "  tracker TEXT NOT NULL, alert TEXT NOT NULL,"
    "  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  delivered TEXT NOT NULL,"
    "  PRIMARY KEY (tracker, alert, event_id));",
    /* 5: the figures each mention gave, so that an event reported by many
     * outlets shows the best-supported value and keeps the others. */
    "ALTER TABLE event_mentions ADD COLUMN name TEXT;"
    "ALTER TABLE event_mentions ADD COLUMN amount_text TEXT;"
    "ALTER TABLE event_mentions ADD COLUMN amount_value REAL;"
    "ALTER TABLE event_mentions ADD COLUMN currency TEXT;"
    "ALTER TABLE event_mentions ADD COLUMN amount_usd REAL;"
    "ALTER TABLE event_mentions ADD COLUMN round TEXT;"
    "ALTER TABLE event_mentions ADD COLUMN valuation_usd REAL;"
    "ALTER TABLE event_mentions ADD COLUMN country TEXT;",
    /* 6: the first and last word of an event's organisation, folded, so
     * that another outlet's report of it is found by index. */
    "ALTER TABLE events ADD COLUMN name_first TEXT;"
    "ALTER TABLE events ADD COLUMN name_last TEXT;"
    "UPDATE events SET"
    "  name_first = mtrack_name_word(CASE type WHEN 'acquisition' THEN acquirer"
    "    WHEN 'infrastructure' THEN organization ELSE company END, 0),"
    "  name_last = mtrack_name_word(CASE type WHEN 'acquisition' THEN acquirer"
    "    WHEN 'infrastructure' THEN organization ELSE company END, 1);"
    "CREATE INDEX events_name_first ON events(name_first);"
    "CREATE INDEX events_name_last ON events(name_last);"
    "CREATE INDEX events_ticker ON events(ticker);",
    /* 7: near-duplicates that keep different stories apart and stay cheap
     * as the store grows (src/resolve/dedup.h): each document's shingle
     * sketch and story keys, so a candidate is confirmed without reading
     * its text; the shingles found to be template; band keys in an index
     * that gives a band's newest documents first without a sort. Existing
     * documents get their sketch, keys, signature and bands here. */
    "ALTER TABLE documents ADD COLUMN near_sketch BLOB;"
    "ALTER TABLE documents ADD COLUMN near_keys BLOB;"
    "CREATE INDEX documents_outlet ON documents(outlet);"
    "CREATE TABLE near_template (shingle INTEGER PRIMARY KEY);"
    "DROP TABLE document_bands;"
    "CREATE TABLE document_bands ("
    "  band INTEGER NOT NULL,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (band, document_id)) WITHOUT ROWID;"
    "CREATE INDEX document_bands_doc ON document_bands(document_id);"
    "UPDATE documents SET near_sketch = mtrack_near_sketch(title, text),"
    "  near_keys = mtrack_near_keys(title, text);"
    "UPDATE documents SET minhash = mtrack_near_sig(near_sketch);"
    "INSERT OR IGNORE INTO document_bands(band, document_id)"
    "  SELECT mtrack_near_band(d.minhash, b.i), d.id FROM documents d,"
    "    (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
    "     UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7) b"
    "  WHERE d.minhash IS NOT NULL;",
    /* 8: local files are not sources (a document keeps its path as its
     * origin); documents and URLs found by source through an index; the
     * store's counts kept up to date by triggers, so that asking for them
     * costs the same at any size; sources that failed by a partial index;
     * the full-text row rewritten only when the title or the text changed
     * (not when a signature is); the changes updated documents made to
     * their events. */
    "CREATE INDEX documents_source ON documents(source_id);"
    "CREATE INDEX document_urls_source ON document_urls(source_id);"
    "DELETE FROM sources WHERE kind = 'file';"
    "CREATE INDEX sources_failing ON sources(id) WHERE last_error IS NOT NULL AND last_error <> '';"
    "DROP TRIGGER documents_au;"
    "CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN"
    "  INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    "    VALUES ('delete', old.id, old.title, old.text);"
    "  INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    "END;"
    "CREATE TABLE store_stats ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  sources INTEGER NOT NULL, documents INTEGER NOT NULL, events INTEGER NOT NULL,"
    "  mentions INTEGER NOT NULL, organizations INTEGER NOT NULL,"
    "  doc_updates INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO store_stats(id, sources, documents, events, mentions, organizations)"
    "  SELECT 1, (SELECT count(*) FROM sources), (SELECT count(*) FROM documents),"
    "    (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions),"
    "    (SELECT count(*) FROM organizations);"
    "CREATE TRIGGER stats_sources_ai AFTER INSERT ON sources BEGIN"
    "  UPDATE store_stats SET sources = sources + 1; END;"
    "CREATE TRIGGER stats_sources_ad AFTER DELETE ON sources BEGIN"
    "  UPDATE store_stats SET sources = sources - 1; END;"
    "CREATE TRIGGER stats_documents_ai AFTER INSERT ON documents BEGIN"
    "  UPDATE store_stats SET documents = documents + 1; END;"
    "CREATE TRIGGER stats_documents_ad AFTER DELETE ON documents BEGIN"
    "  UPDATE store_stats SET documents = documents - 1; END;"
    "CREATE TRIGGER stats_events_ai AFTER INSERT ON events BEGIN"
    "  UPDATE store_stats SET events = events + 1; END;"
    "CREATE TRIGGER stats_events_ad AFTER DELETE ON events BEGIN"
    "  UPDATE store_stats SET events = events - 1; END;"
    "CREATE TRIGGER stats_event_mentions_ai AFTER INSERT ON event_mentions BEGIN"
    "  UPDATE store_stats SET mentions = mentions + 1; END;"
    "CREATE TRIGGER stats_event_mentions_ad AFTER DELETE ON event_mentions BEGIN"
    "  UPDATE store_stats SET mentions = mentions - 1; END;"
    "CREATE TRIGGER stats_organizations_ai AFTER INSERT ON organizations BEGIN"
    "  UPDATE store_stats SET organizations = organizations + 1; END;"
    "CREATE TRIGGER stats_organizations_ad AFTER DELETE ON organizations BEGIN"
    "  UPDATE store_stats SET organizations = organizations - 1; END;"
    "CREATE TABLE event_changes ("
    "  id INTEGER PRIMARY KEY,"
    "  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,"
    "  changed TEXT NOT NULL, field TEXT NOT NULL, was TEXT, now TEXT);"
    "CREATE INDEX event_changes_event ON event_changes(event_id, id);",
    /* 9: who an event's company is and what its money is for, as the
     * sources say (src/analyze/describe.h). */
    "ALTER TABLE events ADD COLUMN descriptor TEXT;"
    "ALTER TABLE events ADD COLUMN purpose TEXT;",
    /* 10: each host's robots.txt kept until its expiry (RFC 9309 allows a
     * day), so that update after update does not ask for it again. */
    "CREATE TABLE robots_cache ("
    "  origin TEXT PRIMARY KEY,"
    "  status INTEGER NOT NULL,"
    "  body BLOB NOT NULL DEFAULT '',"
    "  fetched_at TEXT NOT NULL,"
    "  expires TEXT NOT NULL);",
    /* 11: where an acquisition stands (completed, pending, announced), the
     * furthest any of its sources tells */
    "ALTER TABLE events ADD COLUMN status TEXT;",
    /* 12: several update processes on one file (issue 13): due sources
     * leased a chunk at a time, and each host's next allowed request */
    "ALTER TABLE sources ADD COLUMN lease_until TEXT;"
    "CREATE TABLE host_slots (host TEXT PRIMARY KEY, next_at INTEGER NOT NULL);",
    /* 13: how many accelerators an infrastructure project holds ("24,000
     * GPUs"), the first source that tells it */
    "ALTER TABLE events ADD COLUMN gpus REAL;",
    /* 14: the data's generation (issue 15): a number every write to what
     * the server shows makes larger, committed with it, so that its cached
     * answers follow a change that moves no count (a figure re-analysed in
     * place, a source renamed); and the generation each event last changed
     * at (its row, its mentions, their documents; a removed one keeps its
     * place as a tombstone), so that an event index is patched with what
     * changed instead of read again whole (store_events_changed). */
    "ALTER TABLE store_stats ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE event_seq (event_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);"
    "CREATE INDEX event_seq_seq ON event_seq(seq);"
#define GEN_BUMP "UPDATE store_stats SET gen = gen + 1 WHERE id = 1;"
#define GEN_NOW "(SELECT gen FROM store_stats WHERE id = 1)"
/* delete and insert, not INSERT OR REPLACE: in a trigger the outer
 * statement's conflict policy (an INSERT OR IGNORE) would win */
#define GEN_SEQ(id) " DELETE FROM event_seq WHERE event_id = " id ";" \
    " INSERT INTO event_seq(event_id, seq) VALUES (" id ", " GEN_NOW ");"
#define GEN_EVENT(id) GEN_BUMP GEN_SEQ(id)
    "CREATE TRIGGER gen_events_ai AFTER INSERT ON events BEGIN " GEN_EVENT("new.id") " END;"
    "CREATE TRIGGER gen_events_au AFTER UPDATE ON events BEGIN " GEN_EVENT("new.id") " END;"
    "CREATE TRIGGER gen_events_ad AFTER DELETE ON events BEGIN " GEN_EVENT("old.id") " END;"
    "CREATE TRIGGER gen_mentions_ai AFTER INSERT ON event_mentions BEGIN " GEN_EVENT("new.event_id") " END;"
    "CREATE TRIGGER gen_mentions_au AFTER UPDATE ON event_mentions BEGIN " GEN_EVENT("old.event_id") GEN_SEQ("new.event_id") " END;"
    "CREATE TRIGGER gen_mentions_ad AFTER DELETE ON event_mentions BEGIN " GEN_EVENT("old.event_id") " END;"
    "CREATE TRIGGER gen_documents_ai AFTER INSERT ON documents BEGIN " GEN_BUMP " END;"
    "CREATE TRIGGER gen_documents_au AFTER UPDATE ON documents BEGIN " GEN_BUMP
    "  DELETE FROM event_seq WHERE event_id IN (SELECT event_id FROM event_mentions WHERE document_id = new.id);"
    "  INSERT INTO event_seq(event_id, seq)"
    "    SELECT DISTINCT event_id, " GEN_NOW " FROM event_mentions WHERE document_id = new.id; END;"
    "CREATE TRIGGER gen_documents_ad AFTER DELETE ON documents BEGIN " GEN_BUMP " END;"
#define GEN_TABLE(t, what) \
    "CREATE TRIGGER gen_" t "_ai AFTER INSERT ON " t " BEGIN " GEN_BUMP " END;" \
    "CREATE TRIGGER gen_" t "_au AFTER UPDATE " what " ON " t " BEGIN " GEN_BUMP " END;" \
    "CREATE TRIGGER gen_" t "_ad AFTER DELETE ON " t " BEGIN " GEN_BUMP " END;"
    /* a source's fetch state is not shown by what is cached: its name is */
    GEN_TABLE("sources", "OF url, title, kind")
    GEN_TABLE("document_urls", "")
    GEN_TABLE("organizations", "")
    GEN_TABLE("org_aliases", "")
    GEN_TABLE("trackers", "")
    GEN_TABLE("themes", "")
    GEN_TABLE("tracker_sources", "")
    GEN_TABLE("editions", "")
    GEN_TABLE("event_changes", ""),
#undef GEN_TABLE
#undef GEN_EVENT
#undef GEN_SEQ
#undef GEN_NOW
#undef GEN_BUMP
    /* 15: sources stored before their URLs were kept normalised (scheme
     * and host in lower case: mtrack_source_norm, url_norm_source) get
     * that form; sources whose URLs normalise to one are merged into the
     * oldest (SOURCE_MERGE_SQL) */
    "CREATE TEMP TABLE source_keep (id INTEGER PRIMARY KEY, norm TEXT NOT NULL, keep INTEGER);"
    "INSERT INTO temp.source_keep(id, norm) SELECT id, mtrack_source_norm(url) FROM sources;"
    "CREATE INDEX temp.source_keep_norm ON source_keep(norm, id);"
    "UPDATE temp.source_keep SET keep = (SELECT min(k.id) FROM temp.source_keep k WHERE k.norm = source_keep.norm);"
    SOURCE_MERGE_SQL("INSERT OR IGNORE INTO tracker_sources(tracker_id, source_id)", "")
    "DROP TABLE temp.source_keep;",
    /* 16: when each source's last fetch was done, in ms (the RFC 3339
     * times say seconds): a run of update --all takes the sources none
     * has done since it began (store_sources_lease_all) */
    "ALTER TABLE sources ADD COLUMN done_ms INTEGER;",
    /* 17: the connections to each host that update runs hold, each until
     * its transfer ends or its time runs out (store_host_take) */
    "CREATE TABLE host_conns (id INTEGER PRIMARY KEY, host TEXT NOT NULL, until_ms INTEGER NOT NULL);"
    "CREATE INDEX host_conns_host ON host_conns(host, until_ms);",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

static int fail(store_t *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s: %s", what, sqlite3_errmsg(s->db));
    return -1;
}

static const char *sq_error(const store_t *s)
{
    return s->err;
}

static int exec(store_t *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* mtrack_name_word(name, last): store_name_word in SQL. */
static void sql_name_word(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    if (!name) {
        sqlite3_result_null(ctx);
        return;
    }
    char *w = store_name_word(name, sqlite3_value_int(argv[1]));
    if (w)
        sqlite3_result_text(ctx, w, -1, free);
    else
        sqlite3_result_null(ctx);
}

/* The SQL functions of migration 7, which gives existing documents their
 * near-duplicate data: mtrack_near_sketch(title, text) and
 * mtrack_near_keys(title, text), the stored forms of a profile;
 * mtrack_near_sig(sketch), the MinHash signature of a sketch long enough to
 * have one (else NULL); mtrack_near_band(sig, i), its band key i. */
static void sql_near_profile(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int keys = *(const int *)sqlite3_user_data(ctx);
    dedup_profile p;
    dedup_profile_make((const char *)sqlite3_value_text(argv[0]), (const char *)sqlite3_value_text(argv[1]), &p);
    size_t len;
    void *blob = keys ? dedup_keys_pack(&p, &len) : dedup_sketch_pack(&p, &len);
    sqlite3_result_blob(ctx, blob, (int)len, free);
    dedup_profile_free(&p);
}

static void sql_near_sig(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    dedup_profile p = {0};
    if (dedup_sketch_unpack(sqlite3_value_blob(argv[0]), (size_t)sqlite3_value_bytes(argv[0]), &p) < 0 ||
        p.total < DEDUP_NEAR_MIN_SHINGLES) {
        dedup_profile_free(&p);
        sqlite3_result_null(ctx);
        return;
    }
    uint32_t *sig = xmalloc(DEDUP_MINHASH * sizeof *sig);
    dedup_minhash_set(p.sh, p.nsh, sig);
    sqlite3_result_blob(ctx, sig, DEDUP_MINHASH * sizeof *sig, free);
    dedup_profile_free(&p);
}

static void sql_near_band(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    int i = sqlite3_value_int(argv[1]);
    if (sqlite3_value_bytes(argv[0]) != DEDUP_MINHASH * (int)sizeof(uint32_t) || i < 0 || i >= DEDUP_BANDS) {
        sqlite3_result_null(ctx);
        return;
    }
    uint32_t sig[DEDUP_MINHASH];
    memcpy(sig, sqlite3_value_blob(argv[0]), sizeof sig);
    int64_t keys[DEDUP_BANDS];
    dedup_bands(sig, keys);
    sqlite3_result_int64(ctx, keys[i]);
}

/* mtrack_source_norm(url): url_norm_source's form of url (migration 14). */
static void sql_source_norm(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *url = (const char *)sqlite3_value_text(argv[0]);
    if (!url) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_text(ctx, url_norm_source(url), -1, free);
}

static void near_functions(sqlite3 *db)
{
    sqlite3_create_function(db, "mtrack_source_norm", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            sql_source_norm, NULL, NULL);
    static const int sketch = 0, keys = 1;
    sqlite3_create_function(db, "mtrack_near_sketch", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)&sketch,
                            sql_near_profile, NULL, NULL);
    sqlite3_create_function(db, "mtrack_near_keys", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)&keys,
                            sql_near_profile, NULL, NULL);
    sqlite3_create_function(db, "mtrack_near_sig", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_near_sig,
                            NULL, NULL);
    sqlite3_create_function(db, "mtrack_near_band", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_near_band,
                            NULL, NULL);
}

static int migrate(store_t *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return fail(s, "schema");
    int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (version > N_MIGRATIONS) {
        snprintf(s->err, sizeof s->err,
                 "schema version %d is newer than this mtrack knows (%d)", version, N_MIGRATIONS);
        return -1;
    }
    for (int v = version; v < N_MIGRATIONS; v++) {
        if (exec(s, "BEGIN IMMEDIATE") < 0)
            return -1;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (exec(s, migrations[v]) < 0 || exec(s, pragma) < 0) {
            char keep[512];
            memcpy(keep, s->err, sizeof keep);
            exec(s, "ROLLBACK");
            snprintf(s->err, sizeof s->err, "migration %d: %s", v + 1, keep);
            return -1;
        }
        if (exec(s, "COMMIT") < 0)
            return -1;
    }
    return 0;
}

/* Indexes that lookups by any URL a document was carried by need
 * (store_doc_url_known). Made here, not in a migration, so that they come
 * with the function that uses them; best effort: a store opened read-only
 * works without them, only slower. */
static void store_open_indexes(store_t *s)
{
    sqlite3_exec(s->db,
                 "CREATE INDEX IF NOT EXISTS documents_url_any ON documents(url);"
                 "CREATE INDEX IF NOT EXISTS document_urls_url_any ON document_urls(url);",
                 NULL, NULL, NULL);
}

/* The documents' near-duplicate signatures by id (issue 15): each new
 * document reads the signatures of up to DEDUP_BANDS x STORE_NEAR_PER_BAND
 * candidates spread over the whole store; from this index that is a few
 * small pages (about 30 signatures a page) instead of each candidate's
 * row with its text, so that ingest does not page the whole store in as
 * it grows. Best effort like the indexes above: without it the rows are
 * read. */
static int sq_index_exists(store_t *s, const char *name);

static void store_open_near_sig(store_t *s)
{
    s->near_sig_ok = sqlite3_exec(s->db, "CREATE INDEX IF NOT EXISTS documents_near_sig ON documents(id, minhash)",
                                  NULL, NULL, NULL) == SQLITE_OK ||
                     sq_index_exists(s, "documents_near_sig") > 0;
}

/* The tables of the report's theme assignments (store_themes_get) and the
 * indexes that list documents and events newest first without a sort.
 * Made here like the indexes above (best effort: without them the report
 * computes every theme, as before). Triggers, not foreign keys (which a
 * connection may have off), drop a document's or event's rows with it; a
 * document's go too when its text, title or outlet change, and so do
 * those of the events it reports (it may be their first source). */
static void store_open_theme_log(store_t *s);

/* Another connection holds the lock: tried again every millisecond for up
 * to 10 seconds. SQLite's busy_timeout sleeps up to 100 ms between tries,
 * and a writer that commits in groups (store_batch_begin) leaves the lock
 * free only between two groups, while it parses its next document: a
 * waiter that slept through those moments would wait for the whole run. */
static int busy_wait(void *arg, int n)
{
    store_t *s = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (n == 0)
        s->busy_t0 = now;
    long ms = (long)(now.tv_sec - s->busy_t0.tv_sec) * 1000 + (now.tv_nsec - s->busy_t0.tv_nsec) / 1000000;
    if (ms >= 10000)
        return 0;
    struct timespec ms1 = {0, 1000000};
    nanosleep(&ms1, NULL);
    return 1;
}
static int sq_batch_end(store_t *s);

static void store_open_themes(store_t *s)
{
    s->themes_ok = sqlite3_exec(s->db,
        /* holds what the report lists of each document: read without the
         * table's rows, which hold the texts */
        "CREATE INDEX IF NOT EXISTS documents_listed ON documents(coalesce(published, fetched), id,"
        "  published, fetched, title, outlet, url, canonical_url);"
        "CREATE INDEX IF NOT EXISTS events_first_seen ON events(first_seen);"
        /* an event's best sentence (EVENT_COLUMNS) without a sort per event */
        "CREATE INDEX IF NOT EXISTS event_mentions_best ON event_mentions(event_id, confidence DESC, document_id);"
        /* an organisation's events (its page, store_org_get) */
        "CREATE INDEX IF NOT EXISTS events_org ON events(org_id);"
        /* a source's documents (sources list counts them) */
        "CREATE INDEX IF NOT EXISTS documents_source ON documents(source_id);"
        "CREATE TABLE IF NOT EXISTS doc_themes ("
        "  tracker TEXT NOT NULL,"
        "  document_id INTEGER NOT NULL,"
        "  input INTEGER NOT NULL, value INTEGER NOT NULL,"
        "  PRIMARY KEY (tracker, document_id)) WITHOUT ROWID;"
        "CREATE INDEX IF NOT EXISTS doc_themes_doc ON doc_themes(document_id);"
        "CREATE TABLE IF NOT EXISTS event_themes ("
        "  tracker TEXT NOT NULL,"
        "  event_id INTEGER NOT NULL,"
        "  input INTEGER NOT NULL, value INTEGER NOT NULL,"
        "  PRIMARY KEY (tracker, event_id)) WITHOUT ROWID;"
        "CREATE INDEX IF NOT EXISTS event_themes_event ON event_themes(event_id);"
        "CREATE TRIGGER IF NOT EXISTS documents_themes_au AFTER UPDATE OF title, text, outlet ON documents BEGIN"
        "  DELETE FROM doc_themes WHERE document_id = old.id;"
        "  DELETE FROM event_themes WHERE event_id IN"
        "    (SELECT event_id FROM event_mentions WHERE document_id = old.id);"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS documents_themes_ad AFTER DELETE ON documents BEGIN"
        "  DELETE FROM doc_themes WHERE document_id = old.id;"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS events_themes_ad AFTER DELETE ON events BEGIN"
        "  DELETE FROM event_themes WHERE event_id = old.id;"
        "END;",
        NULL, NULL, NULL) == SQLITE_OK;
}

store_t *store_sqlite_open(const char *path, char *why, size_t whylen)
{
    store_t *s = xcalloc(1, sizeof *s);
    s->ops = &store_sqlite_ops;
    s->plan_fd = -1;
    const char *plans = getenv("MTRACK_SQL_PLANS");
    if (plans && *plans)
        s->plan_fd = open(plans, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    /* NOMUTEX: a handle is used by one thread at a time (serve opens one
     * per thread), so SQLite's per-call locking is not needed */
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(why, whylen, "%s", s->db ? sqlite3_errmsg(s->db) : "cannot open");
        store_close(s);
        return NULL;
    }
    sqlite3_busy_handler(s->db, busy_wait, s);
    sqlite3_create_function(s->db, "mtrack_name_word", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            sql_name_word, NULL, NULL);
    near_functions(s->db);
    if (exec(s, "PRAGMA journal_mode = WAL") < 0 || exec(s, "PRAGMA foreign_keys = ON") < 0 ||
        exec(s, "PRAGMA synchronous = NORMAL") < 0 ||
        /* Checkpoints are where WAL mode syncs: one every 2,048 pages
         * (8 MiB) keeps a transaction per document cheap. The WAL file is
         * reused from its start after each complete checkpoint, but never
         * shrinks by itself: while another process holds the store (serve),
         * no close removes it, and one large transaction or a checkpoint a
         * reader held back would leave it at its largest for good (64 MiB
         * and more after a burst of ingests). journal_size_limit truncates
         * it back to 8 MiB each time it is reset. */
        exec(s, "PRAGMA wal_autocheckpoint = 2048") < 0 ||
        exec(s, "PRAGMA journal_size_limit = 8388608") < 0 ||
        /* A large store (hundreds of MB): pages read through a memory
         * map (no copy per read, the OS keeps them once for every process
         * and thread that reads the store), up to 1 GiB of it; 64 MiB of
         * page cache per handle for what is written and what the map
         * does not hold. */
        exec(s, "PRAGMA mmap_size = 1073741824") < 0 ||
        exec(s, "PRAGMA cache_size = -65536") < 0 || exec(s, "PRAGMA temp_store = MEMORY") < 0 ||
        migrate(s) < 0) {
        snprintf(why, whylen, "%s", s->err);
        store_close(s);
        return NULL;
    }
    store_open_indexes(s);
    store_open_themes(s);
    store_open_theme_log(s);
    store_open_near_sig(s);
    return s;
}

static void sq_close(store_t *s)
{
    if (!s)
        return;
    sq_batch_end(s); /* what a group holds is kept */
    /* A handle that wrote leaves the WAL empty: while another process
     * (serve) has the store open, closing this one does not checkpoint it,
     * and the WAL would keep what this one wrote. Waits at most a second
     * for readers; the next writer's checkpoints do it when this cannot. */
    if (s->db && sqlite3_total_changes(s->db) > 0 && !sqlite3_db_readonly(s->db, "main")) {
        sqlite3_busy_timeout(s->db, 1000);
        /* Statistics for the query planner (ANALYZE) of the tables this
         * handle used, when they have none or their tables have grown 25
         * times since: a store that grows is analysed again as it grows.
         * analysis_limit keeps it to a sample (milliseconds, also on a
         * large store). */
        sqlite3_exec(s->db, "PRAGMA analysis_limit = 1000; PRAGMA optimize", NULL, NULL, NULL);
        sqlite3_exec(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
    for (size_t i = 0; i < s->nstmts; i++) {
        (sqlite3_finalize)(s->stmts[i].st);
        free(s->stmts[i].sql);
    }
    sqlite3_close_v2(s->db);
    if (s->plan_fd >= 0)
        close(s->plan_fd);
    store_tmpl_free(&s->tmpl);
    free(s);
}

/* Grouped (store_batch_begin), a transaction is a savepoint inside the
 * group's: RELEASE keeps it, ROLLBACK TO undoes it alone; the group is
 * committed after batch_max of them or batch_ms milliseconds. */
static int batch_commit(store_t *s)
{
    if (!s->batch_open)
        return 0;
    s->batch_open = 0;
    if (sqlite3_get_autocommit(s->db)) {
        /* SQLite rolled it back itself (an I/O error, a full disk) */
        s->batch_lost = 1;
        snprintf(s->err, sizeof s->err, "the store undid the last documents after an error");
        return -1;
    }
    if (exec(s, "COMMIT") < 0) {
        char keep[512];
        memcpy(keep, s->err, sizeof keep);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->batch_lost = 1;
        memcpy(s->err, keep, sizeof keep);
        return -1;
    }
    /* the lock left free for 2 ms, twice what another writer's busy_wait
     * sleeps between tries: it gets in between two groups even when the
     * next document is quick to read (tiny notes: a few microseconds with
     * the lock free, which a waiter polling every millisecond could miss
     * for the whole run). At most a group every 2 s: 0.1% of the time */
    struct timespec ms2 = {0, 2000000};
    nanosleep(&ms2, NULL);
    return 0;
}

static int sq_begin(store_t *s)
{
    if (!s->batch_on)
        return exec(s, "BEGIN IMMEDIATE");
    if (!s->batch_open) {
        if (exec(s, "BEGIN IMMEDIATE") < 0)
            return -1;
        s->batch_open = 1;
        s->batch_n = 0;
        clock_gettime(CLOCK_MONOTONIC, &s->batch_t0);
    }
    return exec(s, "SAVEPOINT one");
}

static int sq_commit(store_t *s)
{
    if (!s->batch_open)
        return exec(s, "COMMIT");
    if (sqlite3_get_autocommit(s->db))
        return batch_commit(s); /* the group is gone: says so */
    if (exec(s, "RELEASE one") < 0) {
        char keep[512];
        memcpy(keep, s->err, sizeof keep);
        sqlite3_exec(s->db, "ROLLBACK TO one; RELEASE one", NULL, NULL, NULL);
        memcpy(s->err, keep, sizeof keep);
        return -1;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (long)(now.tv_sec - s->batch_t0.tv_sec) * 1000 + (now.tv_nsec - s->batch_t0.tv_nsec) / 1000000;
    if (++s->batch_n >= s->batch_max || ms >= s->batch_ms)
        return batch_commit(s);
    return 0;
}

static int sq_rollback(store_t *s)
{
    if (!s->batch_open)
        return exec(s, "ROLLBACK");
    if (sqlite3_get_autocommit(s->db))
        return batch_commit(s); /* the group is gone: says so */
    return exec(s, "ROLLBACK TO one; RELEASE one");
}

static int sq_batch_begin(store_t *s, int max_commits, int max_ms)
{
    if (s->batch_on)
        return 0;
    s->batch_on = 1;
    s->batch_lost = 0;
    s->batch_max = max_commits > 0 ? max_commits : 1;
    s->batch_ms = max_ms > 0 ? max_ms : 1;
    return 0;
}

static int sq_batch_end(store_t *s)
{
    if (!s->batch_on)
        return 0;
    int r = batch_commit(s);
    s->batch_on = 0;
    if (s->batch_lost && r == 0) {
        snprintf(s->err, sizeof s->err, "the store undid some documents after an error");
        r = -1;
    }
    s->batch_lost = 0;
    return r;
}

/* MTRACK_SQL_PLANS=FILE: each statement the handle prepares is appended
 * to FILE with its query plan, one line: the SQL, then a tab before each
 * step of the plan as DEPTH:DETAIL (tests/cli/test_query_plans.sh checks
 * them for full scans and sorts). */
static void plan_log(store_t *s, const char *sql)
{
    buf_t b;
    buf_init(&b, 1 << 20);
    for (const char *p = sql; *p; p++)
        buf_putc(&b, *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p);
    char *q = xmalloc(strlen(sql) + 32);
    sprintf(q, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) == SQLITE_OK) {
        int ids[64], depth[64], n = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            int id = sqlite3_column_int(st, 0), parent = sqlite3_column_int(st, 1), d = 0;
            for (int k = 0; k < n; k++)
                if (ids[k] == parent)
                    d = depth[k] + 1;
            if (n < 64) {
                ids[n] = id;
                depth[n++] = d;
            }
            const char *detail = (const char *)sqlite3_column_text(st, 3);
            buf_printf(&b, "\t%d:%s", d, detail ? detail : "");
        }
    }
    (sqlite3_finalize)(st);
    free(q);
    buf_putc(&b, '\n');
    if (write(s->plan_fd, b.data, b.len) < 0) {
        /* a diagnostic only */
    }
    buf_free(&b);
}

/* The statement for sql, from the handle's cache when it holds one not in
 * use, else prepared (and kept, evicting the least recently used idle
 * one when the cache is full); on failure records why. Give it back with
 * sqlite3_finalize (stmt_done). */
static sqlite3_stmt *prep(store_t *s, const char *sql)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    int nested = 0;
    stmt_slot *idle = NULL;
    for (size_t i = 0; i < s->nstmts; i++) {
        stmt_slot *c = &s->stmts[i];
        if (c->hash == h && strcmp(c->sql, sql) == 0) {
            if (!c->busy) {
                c->busy = 1;
                c->used = ++s->stmt_tick;
                return c->st;
            }
            nested = 1;
        } else if (!c->busy && (!idle || c->used < idle->used)) {
            idle = c;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, nested ? 0 : SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        fail(s, "prepare");
        return NULL;
    }
    if (s->plan_fd >= 0)
        plan_log(s, sql);
    if (nested || !st)
        return st;
    stmt_slot *c = s->nstmts < STMT_CACHE ? &s->stmts[s->nstmts++] : idle;
    if (!c)
        return st;
    if (c->st) {
        (sqlite3_finalize)(c->st);
        free(c->sql);
    }
    *c = (stmt_slot){.sql = xstrdup(sql), .hash = h, .used = ++s->stmt_tick, .st = st, .busy = 1};
    return st;
}

/* Gives a statement back: a cached one is reset for its next use, any
 * other finalized. */
static void stmt_done(store_t *s, sqlite3_stmt *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < s->nstmts; i++)
        if (s->stmts[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            s->stmts[i].busy = 0;
            return;
        }
    (sqlite3_finalize)(st);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_num(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static double col_num(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

/* st's row for the readers of store_common.h (store_row) */
static const char *row_text(void *st, int i)
{
    return col_text(st, i);
}

static double row_num(void *st, int i)
{
    return col_num(st, i);
}

static int64_t row_i64(void *st, int i)
{
    return sqlite3_column_int64((sqlite3_stmt *)st, i);
}

#define ROW(st) (&(store_row){(st), row_text, row_num, row_i64})

/* Steps a statement that returns no rows, then finalizes it. */
static int step_done(store_t *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    int r = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : fail(s, what);
    sqlite3_finalize(st);
    return r;
}

/* ---- sources ---- */

static int sq_source_put(store_t *s, const char *url, const char *title, const char *kind, int64_t *id)
{
    char now[32];
    store_now_rfc3339(now);
    sqlite3_stmt *st = prep(s,
        "INSERT INTO sources(url, title, kind, added) VALUES (?1, ?2, ?3, ?4)"
        " ON CONFLICT(url) DO UPDATE SET title = coalesce(?2, title)"
        " RETURNING id");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    bind_text(st, 2, title);
    bind_text(st, 3, kind ? kind : "feed");
    bind_text(st, 4, now);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(s, "source");
    }
    if (id)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_step(st);
    sqlite3_finalize(st);
    return 0;
}

static int sq_source_remove(store_t *s, const char *url)
{
    sqlite3_stmt *st = prep(s, "DELETE FROM sources WHERE url = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    if (step_done(s, st, "remove source") < 0)
        return -1;
    return sqlite3_changes(s->db) > 0 ? 1 : 0;
}

/* The documents of each source: one grouped count joined in (read from
 * the documents_source index), not a count per source. */
#define SOURCE_COLUMNS \
    "s.id, s.url, s.title, s.kind, s.added, s.last_success, s.last_error, s.last_error_at," \
    " s.next_try, s.etag, s.last_modified, s.interval_s, s.failures, coalesce(dc.n, 0)"
#define SOURCE_DOCS \
    " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents WHERE source_id IS NOT NULL" \
    " GROUP BY source_id) dc ON dc.source_id = s.id"

static int sources_loop(store_t *s, sqlite3_stmt *st, store_source_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        source_rec rec;
        store_source_row(ROW(st), &rec);
        if ((r = cb(&rec, ctx)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "sources");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

typedef struct found_ctx {
    store_source_cb cb;
    void *ctx;
    int *found;
} found_ctx;

static int found_one(const source_rec *r, void *vctx)
{
    found_ctx *f = vctx;
    *f->found = 1;
    return f->cb ? f->cb(r, f->ctx) : 0;
}

static int sq_sources_each(store_t *s, store_source_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS " ORDER BY s.id");
    if (!st)
        return -1;
    return sources_loop(s, st, cb, ctx);
}

static int sq_sources_due(store_t *s, const char *now, const char *tracker, store_source_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS
        " WHERE s.kind IN ('feed', 'page') AND (s.next_try IS NULL OR s.next_try <= ?1)"
        " AND (?2 IS NULL OR s.id IN (SELECT ts.source_id FROM tracker_sources ts"
        "   JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = ?2))"
        " ORDER BY s.id");
    if (!st)
        return -1;
    bind_text(st, 1, now);
    bind_text(st, 2, tracker);
    return sources_loop(s, st, cb, ctx);
}

static int sq_source_update(store_t *s, int64_t id, const source_state *u)
{
    sqlite3_stmt *st = prep(s,
        "UPDATE sources SET etag = coalesce(?2, etag), last_modified = coalesce(?3, last_modified),"
        " last_success = coalesce(?4, last_success),"
        " last_error = CASE WHEN ?9 THEN NULL ELSE coalesce(?5, last_error) END,"
        " last_error_at = CASE WHEN ?9 THEN NULL ELSE coalesce(?6, last_error_at) END,"
        " next_try = coalesce(?7, next_try),"
        " interval_s = CASE WHEN ?8 > 0 THEN ?8 ELSE interval_s END,"
        " failures = CASE WHEN ?10 >= 0 THEN ?10 ELSE failures END,"
        " lease_until = CASE WHEN ?11 THEN NULL ELSE lease_until END,"
        " done_ms = CASE WHEN ?12 > 0 THEN ?12 ELSE done_ms END"
        " WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, u->etag);
    bind_text(st, 3, u->last_modified);
    bind_text(st, 4, u->last_success);
    bind_text(st, 5, u->last_error);
    bind_text(st, 6, u->last_error_at);
    bind_text(st, 7, u->next_try);
    sqlite3_bind_int64(st, 8, u->interval_s);
    sqlite3_bind_int(st, 9, u->clear_error);
    sqlite3_bind_int64(st, 10, u->failures);
    sqlite3_bind_int(st, 11, u->end_lease);
    sqlite3_bind_int64(st, 12, u->done_ms);
    return step_done(s, st, "source state");
}

/* ---- documents ---- */

static int64_t sq_doc_find(store_t *s, const char *canonical_url, const char *content_hash)
{
    sqlite3_stmt *st = prep(s,
        "SELECT id FROM documents WHERE (?1 IS NOT NULL AND canonical_url = ?1)"
        " OR content_hash = ?2 LIMIT 1");
    if (!st)
        return -1;
    bind_text(st, 1, canonical_url);
    bind_text(st, 2, content_hash);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
    if (id < 0)
        fail(s, "find document");
    sqlite3_finalize(st);
    return id;
}

static char *dup_col(sqlite3_stmt *st, int i);

/* ---- near-duplicates (the logic in store_common.c) ---- */

/* The statement of the band candidates walks the primary key (band,
 * document_id) backwards: no sort, however full the band. */

static store_tmpl *tmpl_get(store_t *s)
{
    if (s->tmpl.loaded)
        return &s->tmpl;
    sqlite3_stmt *st = prep(s, "SELECT shingle FROM near_template ORDER BY shingle");
    if (!st)
        return NULL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        store_tmpl_push(&s->tmpl, (uint32_t)sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        fail(s, "near-duplicate template");
        return NULL;
    }
    s->tmpl.loaded = 1;
    return &s->tmpl;
}

static int tmpl_add(store_t *s, const uint32_t *add, size_t n)
{
    sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO near_template(shingle) VALUES (?1)");
    if (!st)
        return -1;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)add[i]);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return fail(s, "near-duplicate template");
        }
    }
    sqlite3_finalize(st);
    store_tmpl_merge(&s->tmpl, add, n);
    return 0;
}

/* The band keys of a document's signature. */
static int near_bands_put(store_t *s, int64_t doc, const uint32_t *sig)
{
    int64_t keys[DEDUP_BANDS];
    dedup_bands(sig, keys);
    sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO document_bands(band, document_id) VALUES (?1, ?2)");
    if (!st)
        return -1;
    for (int band = 0; band < DEDUP_BANDS; band++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, keys[band]);
        sqlite3_bind_int64(st, 2, doc);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return fail(s, "document bands");
        }
    }
    sqlite3_finalize(st);
    return 0;
}

/* Signs a stored document again with what is now known to be template (it
 * was signed when less was known): its signature and bands replaced, or
 * dropped when too little of it is left. */
static int near_resign(store_t *s, int64_t id, const dedup_profile *o)
{
    uint32_t sig[DEDUP_MINHASH];
    int signed_ = store_near_resign_sig(&s->tmpl, o, sig);
    sqlite3_stmt *st = prep(s, "DELETE FROM document_bands WHERE document_id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (step_done(s, st, "document bands") < 0)
        return -1;
    if (!(st = prep(s, "UPDATE documents SET minhash = ?2 WHERE id = ?1")))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (signed_)
        sqlite3_bind_blob(st, 2, sig, sizeof sig, SQLITE_TRANSIENT);
    if (step_done(s, st, "document signature") < 0)
        return -1;
    return signed_ ? near_bands_put(s, id, sig) : 0;
}

/* The limit latest documents (of the outlet when outlet is not NULL), each
 * through store_near_window_row. */
static int window_count(store_t *s, const char *outlet, int limit, const dedup_profile *p, uint8_t *cnt,
                        store_near_window *w, int *rows)
{
    sqlite3_stmt *st = prep(s, outlet ? "SELECT id, near_sketch FROM documents WHERE outlet = ?1 ORDER BY id DESC LIMIT ?2"
                                      : "SELECT id, near_sketch FROM documents ORDER BY id DESC LIMIT ?2");
    if (!st)
        return -1;
    if (outlet)
        sqlite3_bind_text(st, 1, outlet, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit);
    int rc;
    *rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ++*rows;
        store_near_window_row(w, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
                              (size_t)sqlite3_column_bytes(st, 1), p, cnt);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(s, "near-duplicate window");
}

static const store_near_io sq_near_io = {
    .tmpl = tmpl_get,
    .window = window_count,
    .tmpl_add = tmpl_add,
    .resign = near_resign,
};

static int64_t sq_doc_find_near(store_t *s, store_near *nr)
{
    uint32_t *mine;
    long nm;
    int64_t keys[DEDUP_BANDS];
    int b = store_near_begin(s, &sq_near_io, nr, &mine, &nm, keys);
    int64_t found = b;
    sqlite3_stmt *st = NULL;
    if (b <= 0)
        goto out;
    /* candidates first (the statement must be done before the next one
     * runs), then the check of each against its stored sketch and keys */
    found = -1;
    /* the candidates' signatures from documents_near_sig (store_open_near_sig):
     * small entries in id order, not every candidate's row */
    if (!(st = prep(s, s->near_sig_ok
                           ? "SELECT b.document_id, d.minhash FROM document_bands b"
                             " JOIN documents d INDEXED BY documents_near_sig ON d.id = b.document_id"
                             " WHERE b.band = ?1 ORDER BY b.document_id DESC LIMIT " STR(STORE_NEAR_PER_BAND)
                           : "SELECT b.document_id, d.minhash FROM document_bands b JOIN documents d ON d.id = b.document_id"
                             " WHERE b.band = ?1 ORDER BY b.document_id DESC LIMIT " STR(STORE_NEAR_PER_BAND))))
        goto out;
    int64_t cand[DEDUP_BANDS * STORE_NEAR_PER_BAND];
    size_t nc = 0;
    for (int band = 0; band < DEDUP_BANDS; band++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, keys[band]);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            store_near_candidate(cand, &nc, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
                                 (size_t)sqlite3_column_bytes(st, 1), nr->sig);
        if (rc != SQLITE_DONE) {
            fail(s, "near duplicates");
            goto out;
        }
    }
    sqlite3_finalize(st);
    if (!(st = prep(s, "SELECT near_sketch, near_keys FROM documents WHERE id = ?1")))
        goto out;
    uint32_t *theirs = NULL;
    found = 0;
    for (size_t i = 0; i < nc && !found; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, cand[i]);
        int rc = sqlite3_step(st);
        if (rc != SQLITE_ROW) {
            if (rc != SQLITE_DONE) {
                fail(s, "near duplicates");
                found = -1;
            }
            break;
        }
        if (store_near_same(&s->tmpl, nr->p, mine, (size_t)nm, sqlite3_column_blob(st, 0),
                            (size_t)sqlite3_column_bytes(st, 0), sqlite3_column_blob(st, 1),
                            (size_t)sqlite3_column_bytes(st, 1), &theirs))
            found = cand[i];
    }
    free(theirs);
out:
    sqlite3_finalize(st);
    free(mine);
    return found;
}

static int sq_doc_insert(store_t *s, const doc_rec *d, int64_t *id)
{
    sqlite3_stmt *st = prep(s,
        "INSERT INTO documents(source_id, url, canonical_url, title, author, outlet, published,"
        " fetched, language, text, content_hash, origin, minhash, near_sketch, near_keys)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    if (!st)
        return -1;
    if (d->source_id > 0)
        sqlite3_bind_int64(st, 1, d->source_id);
    bind_text(st, 2, d->url);
    bind_text(st, 3, d->canonical_url);
    bind_text(st, 4, d->title);
    bind_text(st, 5, d->author);
    bind_text(st, 6, d->outlet);
    bind_text(st, 7, d->published);
    char now[32];
    store_now_rfc3339(now);
    bind_text(st, 8, d->fetched ? d->fetched : now);
    bind_text(st, 9, d->language);
    bind_text(st, 10, d->text ? d->text : "");
    bind_text(st, 11, d->content_hash);
    bind_text(st, 12, d->origin);
    /* the near-duplicate data: the signature (with its bands) when there
     * is one, the sketch and keys of every document with a profile */
    const uint32_t *sig = d->near ? (d->near->has_sig ? d->near->sig : NULL) : d->minhash;
    if (sig)
        sqlite3_bind_blob(st, 13, sig, DEDUP_MINHASH * sizeof *sig, SQLITE_TRANSIENT);
    if (d->near && d->near->p) {
        size_t len;
        void *blob = dedup_sketch_pack(d->near->p, &len);
        sqlite3_bind_blob(st, 14, blob, (int)len, free);
        blob = dedup_keys_pack(d->near->p, &len);
        sqlite3_bind_blob(st, 15, blob, (int)len, free);
    }
    if (step_done(s, st, "insert document") < 0)
        return -1;
    int64_t doc = sqlite3_last_insert_rowid(s->db);
    if (sig && near_bands_put(s, doc, sig) < 0)
        return -1;
    if (id)
        *id = doc;
    if (d->url)
        return store_doc_add_url(s, doc, d->source_id, d->url, d->outlet);
    return 0;
}

static int sq_doc_add_url(store_t *s, int64_t doc_id, int64_t source_id, const char *url, const char *outlet)
{
    sqlite3_stmt *st = prep(s,
        "INSERT OR IGNORE INTO document_urls(document_id, source_id, url, outlet)"
        " VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, doc_id);
    if (source_id > 0)
        sqlite3_bind_int64(st, 2, source_id);
    bind_text(st, 3, url);
    bind_text(st, 4, outlet);
    return step_done(s, st, "document url");
}

#define DOC_COLUMNS \
    "d.id, coalesce(d.source_id, 0), d.url, d.canonical_url, d.title, d.author, d.outlet," \
    " d.published, d.fetched, d.language, d.text, d.content_hash, d.origin"

static int docs_loop(store_t *s, sqlite3_stmt *st, store_doc_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        doc_rec d;
        store_doc_row(ROW(st), &d);
        if ((r = cb(&d, ctx)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "documents");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_doc_get(store_t *s, int64_t id, store_doc_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, "SELECT " DOC_COLUMNS " FROM documents d WHERE d.id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return docs_loop(s, st, cb, ctx);
}

static int sq_docs_each(store_t *s, const char *since, store_doc_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "SELECT " DOC_COLUMNS " FROM documents d"
        " WHERE ?1 IS NULL OR coalesce(d.published, d.fetched) >= ?1"
        " ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    return docs_loop(s, st, cb, ctx);
}

/* ---- organisations and events ---- */

static int64_t org_id(store_t *s, const char *name, const char *country, const char *ticker)
{
    if (!name || !*name)
        return 0;
    char *norm = store_org_norm(name);
    int64_t id = -1;
    sqlite3_stmt *st = prep(s,
        "SELECT org_id FROM org_aliases WHERE norm = ?1"
        " UNION ALL SELECT id FROM organizations WHERE norm = ?1"
        " UNION ALL SELECT org_id FROM org_aliases WHERE ?2 IS NOT NULL AND norm = lower(?2) LIMIT 1");
    if (st) {
        bind_text(st, 1, norm);
        bind_text(st, 2, ticker);
        int rc = sqlite3_step(st);
        id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? 0 : -1;
        sqlite3_finalize(st);
    }
    if (id == 0 && (st = prep(s, "INSERT INTO organizations(name, norm, country, ticker)"
                                 " VALUES (?1, ?2, ?3, ?4)"))) {
        bind_text(st, 1, name);
        bind_text(st, 2, norm);
        bind_text(st, 3, country);
        bind_text(st, 4, ticker);
        id = step_done(s, st, "organization") < 0 ? -1 : sqlite3_last_insert_rowid(s->db);
    } else if (id > 0 && (country || ticker) &&
               (st = prep(s, "UPDATE organizations SET country = coalesce(country, ?2),"
                             " ticker = coalesce(ticker, ?3) WHERE id = ?1"))) {
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, country);
        bind_text(st, 3, ticker);
        step_done(s, st, "organization");
    }
    if (id > 0 && ticker && (st = prep(s, "INSERT OR IGNORE INTO org_aliases(norm, org_id)"
                                          " VALUES (lower(?1), ?2)"))) {
        bind_text(st, 1, ticker);
        sqlite3_bind_int64(st, 2, id);
        step_done(s, st, "alias");
    }
    free(norm);
    return id;
}

/* The stored event that e (from a document published at published) is
 * another report of, 0 when none: same type, the same organisation under
 * any spelling, figures that agree, close in time. */
static int64_t find_same_event(store_t *s, const event_t *e, const char *published)
{
    /* The candidates by index, each name word and the ticker a search of
     * its own: written as one OR, a large store's statistics (most
     * tickers NULL, so "ticker = ?" looks unselective) had it planned as
     * a scan of every event for each event recorded (issue 15). The
     * candidates drive (CROSS JOIN keeps that order whatever the
     * statistics); sorting them is sorting a few rows. */
    sqlite3_stmt *st = prep(s,
        "SELECT e.id, e.company, e.acquirer, e.target, e.organization, e.ticker, e.product,"
        " e.amount_usd, e.amount_value, e.price_usd, e.change_pct, e.capacity_mw FROM"
        " (SELECT id FROM events WHERE name_first = mtrack_name_word(?4, 0)"
        "  UNION SELECT id FROM events WHERE name_last = mtrack_name_word(?4, 1)"
        "  UNION SELECT id FROM events WHERE ticker = ?5) c"
        " CROSS JOIN events e ON e.id = c.id"
        " WHERE +e.type = ?1"
        " AND (?2 IS NULL OR e.first_seen IS NULL"
        "   OR abs(julianday(substr(e.first_seen, 1, 10)) - julianday(substr(?2, 1, 10))) <= ?3)"
        " ORDER BY e.id");
    if (!st)
        return -1;
    bind_text(st, 1, event_type_name(e->type));
    bind_text(st, 2, published);
    sqlite3_bind_int(st, 3, e->type == EVENT_STOCK_MOVE ? 1 : 45);
    bind_text(st, 4, store_event_org(e));
    bind_text(st, 5, e->type == EVENT_STOCK_MOVE ? e->ticker : NULL);
    int64_t found = 0;
    while (!found && sqlite3_step(st) == SQLITE_ROW) {
        store_event_cand c = {
            .company = col_text(st, 1), .acquirer = col_text(st, 2), .target = col_text(st, 3),
            .organization = col_text(st, 4), .ticker = col_text(st, 5), .product = col_text(st, 6),
            .usd = col_num(st, 7), .value = col_num(st, 8), .price = col_num(st, 9),
            .change = col_num(st, 10), .capacity = col_num(st, 11),
        };
        if (store_event_same(e, &c))
            found = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return found;
}

/* Remembers that name is another spelling of the organisation org. */
static void org_alias(store_t *s, const char *name, int64_t org)
{
    if (!name || org <= 0)
        return;
    char *norm = store_org_norm(name);
    sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO org_aliases(norm, org_id)"
                               " SELECT ?1, ?2 WHERE NOT EXISTS"
                               " (SELECT 1 FROM organizations WHERE norm = ?1)");
    if (st) {
        bind_text(st, 1, norm);
        sqlite3_bind_int64(st, 2, org);
        step_done(s, st, "alias");
    }
    free(norm);
}

/* Sets an event's figures to the best-supported values among its
 * mentions: the value most mentions give (ties: the most confident, then
 * the first document's, by id and place in it: not the mention stored
 * first, or analysing a document again, which stores its mentions anew,
 * would hand a tie to the other outlet at every run). The mentions keep
 * every value given. */
#define FIRST_MENTION "min(document_id), min(sentence_offset)"
static int resolve_figures(store_t *s, int64_t id, event_type type)
{
    const char *name_col = type == EVENT_ACQUISITION ? "acquirer"
                           : type == EVENT_INFRASTRUCTURE ? "organization" : "company";
    const char *usd_col = type == EVENT_ACQUISITION ? "price_usd" : "amount_usd";
    char sql[4096];
    snprintf(sql, sizeof sql,
        "UPDATE events SET"
        " %s = coalesce((SELECT name FROM event_mentions WHERE event_id = ?1 AND name IS NOT NULL"
        "   GROUP BY name ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), %s),"
        " (amount_text, amount_value, currency, %s) = (SELECT"
        "   coalesce(m.amount_text, e2.amount_text), coalesce(m.amount_value, e2.amount_value),"
        "   coalesce(m.currency, e2.currency), coalesce(m.amount_usd, e2.%s)"
        "   FROM events e2 LEFT JOIN (SELECT x.amount_text, x.amount_value, x.currency, x.amount_usd"
        "     FROM event_mentions x WHERE x.event_id = ?1 AND x.amount_usd IS NOT NULL"
        "     AND round(x.amount_usd, -3) = (SELECT round(amount_usd, -3)"
        "       FROM event_mentions WHERE event_id = ?1 AND amount_usd IS NOT NULL"
        "       GROUP BY 1 ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1)"
        "     ORDER BY x.document_id, x.sentence_offset LIMIT 1) m WHERE e2.id = ?1),"
        " round = coalesce((SELECT round FROM event_mentions WHERE event_id = ?1 AND round IS NOT NULL"
        "   GROUP BY round ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), round),"
        " valuation_usd = coalesce((SELECT min(valuation_usd) FROM event_mentions WHERE event_id = ?1"
        "   AND valuation_usd IS NOT NULL GROUP BY round(valuation_usd, -3)"
        "   ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), valuation_usd),"
        " country = coalesce((SELECT country FROM event_mentions WHERE event_id = ?1"
        "   AND country IS NOT NULL GROUP BY country"
        "   ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), country)"
        " WHERE id = ?1;",
        name_col, name_col, usd_col, usd_col);
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (step_done(s, st, "resolve figures") < 0)
        return -1;
    /* the name may have changed: keep its index keys in step */
    snprintf(sql, sizeof sql,
             "UPDATE events SET name_first = mtrack_name_word(%s, 0),"
             " name_last = mtrack_name_word(%s, 1) WHERE id = ?1", name_col, name_col);
    if (!(st = prep(s, sql)))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return step_done(s, st, "resolve figures");
}

/* ---- issue 14: an event's descriptor and purpose ---- */
/* Fills the event's descriptor and purpose from a mention that gives them:
 * a noun phrase ("a maker of ...") wins over a clause ("which builds
 * ..."), which wins over "based in X"; otherwise the first one stays. */
#define DESC_RANK(x) "(CASE WHEN " x " LIKE 'a %' OR " x " LIKE 'an %' OR " x " LIKE 'the %'" \
    " OR " x " LIKE 'one of %' THEN 3 WHEN " x " LIKE 'based in %' OR " x " LIKE 'which is based%'" \
    " THEN 1 ELSE 2 END)"
#define STATUS_RANK(x) "(CASE " x " WHEN 'completed' THEN 3 WHEN 'pending' THEN 2 WHEN 'announced' THEN 1 ELSE 0 END)"
static int event_describe(store_t *s, int64_t id, const event_t *e)
{
    if (!e->descriptor && !e->purpose && !e->status && isnan(e->gpus))
        return 0;
    sqlite3_stmt *st = prep(s,
        "UPDATE events SET"
        " descriptor = CASE WHEN ?2 IS NULL THEN descriptor WHEN descriptor IS NULL THEN ?2"
        "   WHEN " DESC_RANK("?2") " > " DESC_RANK("descriptor") " THEN ?2 ELSE descriptor END,"
        " purpose = coalesce(purpose, ?3),"
        " status = CASE WHEN " STATUS_RANK("?4") " > " STATUS_RANK("status") " THEN ?4 ELSE status END,"
        " gpus = coalesce(gpus, ?5)"
        " WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, e->descriptor);
    bind_text(st, 3, e->type == EVENT_FUNDING ? e->purpose : NULL);
    bind_text(st, 4, e->type == EVENT_ACQUISITION ? e->status : NULL);
    bind_num(st, 5, e->type == EVENT_INFRASTRUCTURE ? e->gpus : NAN);
    return step_done(s, st, "event descriptor");
}

static int sq_event_record(store_t *s, int64_t doc_id, const event_t *e, const char *published,
                       int64_t *event_id)
{
    /* Another outlet's report of a stored event merges into it, and the
     * organisation's spelling here becomes an alias of the stored one. */
    int64_t same = find_same_event(s, e, published);
    if (same < 0)
        return -1;
    char *key = NULL;
    int64_t org = 0;
    if (same > 0) {
        sqlite3_stmt *st = prep(s, "SELECT key, coalesce(org_id, 0) FROM events WHERE id = ?1");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, same);
        if (sqlite3_step(st) == SQLITE_ROW) {
            key = dup_col(st, 0);
            org = sqlite3_column_int64(st, 1);
        }
        sqlite3_finalize(st);
        org_alias(s, store_event_org(e), org);
    }
    if (!key) {
        org = org_id(s, store_event_org(e), e->country, e->ticker);
        if (org < 0)
            return -1;
        key = store_event_idkey(e, org, published);
    }
    char now[32];
    store_now_rfc3339(now);
    char *leads = store_join_names(e->lead_investors, e->n_lead);
    char *invs = store_join_names(e->investors, e->n_investors);
    /* A new event takes this mention's figures; a known one keeps its own
     * and fills what it lacked. */
    sqlite3_stmt *st = prep(s,
        "INSERT INTO events(key, type, org_id, company, acquirer, target, organization, ticker,"
        " product, what, country, amount_text, amount_value, currency, amount_usd,"
        " valuation_usd, price_usd, change_pct, close_price, capacity_mw, round,"
        " lead_investors, investors, confidence, first_seen, created, name_first, name_last)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
        " ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, mtrack_name_word(?27, 0),"
        " mtrack_name_word(?27, 1))"
        " ON CONFLICT(key) DO UPDATE SET"
        "  country = coalesce(country, excluded.country),"
        "  valuation_usd = coalesce(valuation_usd, excluded.valuation_usd),"
        "  price_usd = coalesce(price_usd, excluded.price_usd),"
        "  close_price = coalesce(close_price, excluded.close_price),"
        "  capacity_mw = coalesce(capacity_mw, excluded.capacity_mw),"
        "  round = CASE WHEN round IS NULL OR round = 'Unspecified' THEN excluded.round ELSE round END,"
        "  lead_investors = CASE WHEN lead_investors = '' THEN excluded.lead_investors ELSE lead_investors END,"
        "  investors = CASE WHEN length(excluded.investors) > length(investors) THEN excluded.investors ELSE investors END,"
        "  confidence = max(confidence, excluded.confidence),"
        "  first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen"
        "    THEN excluded.first_seen ELSE first_seen END"
        " RETURNING id");
    int r = -1;
    if (st) {
        bind_text(st, 1, key);
        bind_text(st, 2, event_type_name(e->type));
        if (org > 0)
            sqlite3_bind_int64(st, 3, org);
        bind_text(st, 4, e->company);
        bind_text(st, 5, e->acquirer);
        bind_text(st, 6, e->target);
        bind_text(st, 7, e->organization);
        bind_text(st, 8, e->ticker);
        bind_text(st, 9, e->product);
        bind_text(st, 10, e->what);
        bind_text(st, 11, e->country);
        bind_text(st, 12, e->amount_text);
        bind_num(st, 13, e->amount_value);
        bind_text(st, 14, e->currency[0] ? e->currency : NULL);
        bind_num(st, 15, e->amount_usd);
        bind_num(st, 16, e->valuation_usd);
        bind_num(st, 17, e->price_usd);
        bind_num(st, 18, e->change_pct);
        bind_num(st, 19, e->close_price);
        bind_num(st, 20, e->capacity_mw);
        bind_text(st, 21, e->type == EVENT_FUNDING ? (e->round ? e->round : "Unspecified") : NULL);
        bind_text(st, 22, leads);
        bind_text(st, 23, invs);
        sqlite3_bind_double(st, 24, e->confidence);
        bind_text(st, 25, published);
        bind_text(st, 26, now);
        bind_text(st, 27, store_event_org(e));
        if (sqlite3_step(st) == SQLITE_ROW) {
            int64_t id = sqlite3_column_int64(st, 0);
            sqlite3_step(st);
            sqlite3_finalize(st);
            if (event_id)
                *event_id = id;
            if (event_describe(s, id, e) < 0) {
                free(key);
                free(leads);
                free(invs);
                return -1;
            }
            st = prep(s, "INSERT OR IGNORE INTO event_mentions(event_id, document_id, sentence,"
                         " sentence_offset, confidence, name, amount_text, amount_value, currency,"
                         " amount_usd, round, valuation_usd, country)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
            if (st) {
                sqlite3_bind_int64(st, 1, id);
                sqlite3_bind_int64(st, 2, doc_id);
                bind_text(st, 3, e->sentence ? e->sentence : "");
                sqlite3_bind_int64(st, 4, (int64_t)e->sentence_offset);
                sqlite3_bind_double(st, 5, e->confidence);
                bind_text(st, 6, store_event_org(e));
                bind_text(st, 7, e->amount_text);
                bind_num(st, 8, e->amount_value);
                bind_text(st, 9, e->currency[0] ? e->currency : NULL);
                bind_num(st, 10, e->type == EVENT_ACQUISITION ? e->price_usd : e->amount_usd);
                bind_text(st, 11, e->type == EVENT_FUNDING && e->round && strcmp(e->round, "Unspecified") ? e->round : NULL);
                bind_num(st, 12, e->valuation_usd);
                bind_text(st, 13, e->country);
                r = step_done(s, st, "event mention");
                if (r == 0)
                    r = resolve_figures(s, id, e->type);
            }
        } else {
            fail(s, "event");
            sqlite3_finalize(st);
        }
    }
    free(key);
    free(leads);
    free(invs);
    return r;
}

void event_filter_init(event_filter *f)
{
    memset(f, 0, sizeof *f);
    f->type = -1;
    f->min_usd = NAN;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const char *t = col_text(st, i);
    return t ? xstrdup(t) : NULL;
}

/* The columns of an event row (event_row reads them). */
#define EVENT_SELECT \
    "SELECT e.id, e.type, e.company, e.acquirer, e.target, e.organization, e.ticker," \
    " e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency," \
    " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price," \
    " e.capacity_mw, e.round, e.lead_investors, e.investors, e.confidence, e.first_seen," \
    " (SELECT count(*) FROM (SELECT DISTINCT document_id FROM event_mentions m WHERE m.event_id = e.id))," \
    " (SELECT sentence FROM event_mentions m WHERE m.event_id = e.id" \
    "   ORDER BY m.confidence DESC, m.document_id LIMIT 1)," \
    " e.descriptor, e.purpose, e.status, e.gpus"
#define EVENT_COLUMNS EVENT_SELECT " FROM events e"

static int sq_events_each(store_t *s, const event_filter *f, store_event_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        EVENT_COLUMNS
        " WHERE (?1 IS NULL OR e.type = ?1)"
        " AND (?2 IS NULL OR substr(e.first_seen, 1, 10) >= ?2)"
        " AND (?3 IS NULL OR substr(e.first_seen, 1, 10) <= ?3)"
        " AND (?4 IS NULL OR coalesce(e.amount_usd, e.price_usd, 0) >= ?4)"
        " AND (?5 IS NULL OR e.country = upper(?5))"
        " AND (?6 IS NULL OR instr(lower(coalesce(e.company,'') || '|' || coalesce(e.acquirer,'')"
        "   || '|' || coalesce(e.target,'') || '|' || coalesce(e.organization,'') || '|'"
        "   || coalesce(e.ticker,'') || '|' || e.investors), lower(?6)) > 0)"
        " AND (?7 IS NULL OR instr(lower(e.investors), lower(?7)) > 0)"
        " AND (?10 IS NULL OR e.id = ?10)"
        " ORDER BY e.first_seen DESC, e.id DESC"
        " LIMIT CASE WHEN ?8 > 0 THEN ?8 ELSE -1 END OFFSET ?9");
    if (!st)
        return -1;
    bind_text(st, 1, f && f->type >= 0 ? event_type_name((event_type)f->type) : NULL);
    bind_text(st, 2, f ? f->since : NULL);
    bind_text(st, 3, f ? f->until : NULL);
    bind_num(st, 4, f ? f->min_usd : NAN);
    bind_text(st, 5, f ? f->country : NULL);
    bind_text(st, 6, f ? f->org : NULL);
    bind_text(st, 7, f ? f->investor : NULL);
    sqlite3_bind_int64(st, 8, f ? f->limit : 0);
    sqlite3_bind_int64(st, 9, f && f->offset > 0 ? f->offset : 0);
    if (f && f->id > 0)
        sqlite3_bind_int64(st, 10, f->id);
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        event_list l = {0};
        event_meta m;
        store_event_row(ROW(st), &l, &m);
        r = cb(&l.items[0], &m, ctx);
        event_list_free(&l);
        if (r != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "events");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

/* One statement and one read for the page, each id looked up by the
 * primary key: a page of events costs its rows, whatever the store's size. */
const char store_events_by_id_sql[] =
    /* the list drives (CROSS JOIN keeps that order): with the statistics
     * of a large store, "e.id IN (list)" was planned as a scan of events */
    EVENT_SELECT " FROM (SELECT DISTINCT value FROM json_each(?1)) j CROSS JOIN events e ON e.id = j.value";

static int sq_events_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_cb cb, void *ctx)
{
    if (!n)
        return 0;
    char *list = store_ids_text(ids, n, "[", "]");
    sqlite3_stmt *st = prep(s, store_events_by_id_sql);
    if (!st) {
        free(list);
        return -1;
    }
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    free(list);
    store_event_set set = {0};
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && set.n < n)
        store_event_set_add(&set, ROW(st));
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "events");
    sqlite3_finalize(st);
    /* in the order asked */
    return store_event_set_each(&set, ids, n, r == 0 ? cb : NULL, ctx) < 0 ? -1 : r;
}

/* The rows an event index keeps (store_event_keys). */
#define EVENT_KEY_COLUMNS \
    "SELECT e.id, e.type, e.first_seen, e.amount_usd, e.price_usd, e.country," \
    " CASE e.type WHEN 'acquisition' THEN e.acquirer WHEN 'infrastructure' THEN e.organization" \
    "   ELSE coalesce(e.company, e.ticker) END," \
    " lower(coalesce(e.company,'') || '|' || coalesce(e.acquirer,'') || '|' || coalesce(e.target,'')" \
    "   || '|' || coalesce(e.organization,'') || '|' || coalesce(e.ticker,'') || '|' || e.investors)," \
    " lower(e.investors)," \
    " (SELECT count(*) FROM (SELECT DISTINCT document_id FROM event_mentions m WHERE m.event_id = e.id))"
const char store_event_keys_sql[] = EVENT_KEY_COLUMNS " FROM events e ORDER BY e.id";

static int event_keys_step(store_t *s, sqlite3_stmt *st, store_event_key_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_event_key k = {
            .id = sqlite3_column_int64(st, 0),
            .type = event_type_parse(col_text(st, 1)),
            .first_seen = col_text(st, 2),
            .amount_usd = col_num(st, 3),
            .price_usd = col_num(st, 4),
            .country = col_text(st, 5),
            .org = col_text(st, 6),
            .haystack = col_text(st, 7),
            .investors = col_text(st, 8),
            .mentions = sqlite3_column_int64(st, 9),
        };
        if ((r = cb(&k, ctx)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "events");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_event_keys(store_t *s, store_event_key_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, store_event_keys_sql);
    return st ? event_keys_step(s, st, cb, ctx) : -1;
}

/* ---- the data's generation (migration 14, issue 15) ---- */

const char store_generation_sql[] = "SELECT gen FROM store_stats WHERE id = 1";

static int sq_generation(store_t *s, int64_t *gen)
{
    sqlite3_stmt *st = prep(s, store_generation_sql);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    *gen = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail(s, "generation");
}

const char store_events_changed_sql[] = "SELECT event_id FROM event_seq WHERE seq > ?1 LIMIT ?2";

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int sq_events_changed(store_t *s, int64_t gen, size_t max, int64_t **ids, size_t *n)
{
    sqlite3_stmt *st = prep(s, store_events_changed_sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, gen);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max + 1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || *n > max) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return rc != SQLITE_DONE ? fail(s, "events changed") : 1;
    }
    if (*n > 1)
        qsort(*ids, *n, sizeof **ids, cmp_id);
    return 0;
}

/* the list drives, as store_events_by_id_sql */
const char store_event_keys_by_id_sql[] =
    EVENT_KEY_COLUMNS " FROM (SELECT DISTINCT value FROM json_each(?1)) j CROSS JOIN events e ON e.id = j.value";

static int sq_event_keys_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_key_cb cb, void *ctx)
{
    char *list = store_ids_text(ids, n, "[", "]");
    sqlite3_stmt *st = prep(s, store_event_keys_by_id_sql);
    if (st)
        sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    free(list);
    return st ? event_keys_step(s, st, cb, ctx) : -1;
}

static int sq_data_version(store_t *s, int64_t *version)
{
    sqlite3_stmt *st = prep(s, "PRAGMA data_version");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return fail(s, "data version");
    /* data_version moves with other connections' commits, total_changes
     * with this one's */
    *version = (v << 32) ^ (int64_t)sqlite3_total_changes64(s->db);
    return 0;
}

static int sq_mentions_each(store_t *s, int64_t event_id, store_mention_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "SELECT m.document_id, m.sentence, m.confidence FROM event_mentions m"
        " JOIN documents d ON d.id = m.document_id WHERE m.event_id = ?1"
        " ORDER BY coalesce(d.published, d.fetched), d.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, event_id);
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(sqlite3_column_int64(st, 0), col_text(st, 1), sqlite3_column_double(st, 2), ctx)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "mentions");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

/* ---- search ---- */

/* The user's words as an FTS5 query: each word quoted (so no input is FTS
 * syntax), a trailing * kept as a prefix match, words ANDed. */
static char *fts_query(const char *q)
{
    buf_t b;
    buf_init(&b, 1 << 16);
    const unsigned char *p = (const unsigned char *)q;
    while (*p) {
        while (*p && (str_isspace(*p) || *p == '"'))
            p++;
        const unsigned char *w = p;
        while (*p && !str_isspace(*p))
            p++;
        if (p == w)
            continue;
        size_t n = (size_t)(p - w);
        int prefix = n > 1 && w[n - 1] == '*';
        if (prefix)
            n--;
        if (b.len)
            buf_putc(&b, ' ');
        buf_putc(&b, '"');
        for (size_t i = 0; i < n; i++) {
            if (w[i] == '"')
                buf_putc(&b, '"');
            buf_putc(&b, w[i]);
        }
        buf_putc(&b, '"');
        if (prefix)
            buf_putc(&b, '*');
    }
    return buf_detach(&b);
}

bool store_query_has_words(const char *query)
{
    char *q = fts_query(query ? query : "");
    bool words = *q != '\0';
    free(q);
    return words;
}

/* Best first in three steps, so that a word in every document costs a
 * bounded walk of its index entries, not a ranking of every document: the
 * id from which the newest `ranked` matches start (store_search_bounds;
 * FTS5 walks a word's entries backwards without ranking them: 2 ms for
 * 10,000, where bm25 costs 17 ms, a lookup of each document's length),
 * the page's rows among those ranked from the full-text index alone (bm25
 * reads no text, and its IDF is the whole store's, so scores compare with
 * an unbounded search's; the sort keeps LIMIT rows of two numbers), then
 * each of them read with its snippet. A rank tie is broken by rowid, as
 * the one-query form broke it (rows enter the sort in rowid order). */
static int sq_search(store_t *s, const char *query, int64_t limit, store_hit_cb cb, void *ctx)
{
    char *q = fts_query(query);
    if (!*q) {
        free(q);
        snprintf(s->err, sizeof s->err, "the query has no words");
        return -1;
    }
    if (limit <= 0)
        limit = 20;
    int64_t ranked, counted, from = 0;
    store_search_bounds(&ranked, &counted);
    sqlite3_stmt *st = prep(s,
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1"
        " ORDER BY rowid DESC LIMIT 1 OFFSET ?2");
    if (!st) {
        free(q);
        return -1;
    }
    bind_text(st, 1, q);
    sqlite3_bind_int64(st, 2, ranked - 1);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        from = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        free(q);
        return fail(s, "search");
    }
    st = prep(s,
        "SELECT rowid, bm25(documents_fts, 5.0, 1.0) FROM documents_fts"
        " WHERE documents_fts MATCH ?1 AND rowid >= ?3 ORDER BY 2, 1 LIMIT ?2");
    if (!st) {
        free(q);
        return -1;
    }
    bind_text(st, 1, q);
    sqlite3_bind_int64(st, 2, limit);
    sqlite3_bind_int64(st, 3, from);
    int64_t *ids = NULL;
    double *scores = NULL;
    size_t n = 0, cap = 0;
    int r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            ids = xrealloc(ids, cap * sizeof *ids);
            scores = xrealloc(scores, cap * sizeof *scores);
        }
        ids[n] = sqlite3_column_int64(st, 0);
        scores[n++] = sqlite3_column_double(st, 1);
    }
    if (rc != SQLITE_DONE)
        r = fail(s, "search");
    sqlite3_finalize(st);
    for (size_t i = 0; r == 0 && i < n; i++) {
        st = prep(s,
            "SELECT " DOC_COLUMNS ", snippet(documents_fts, 1, '" MARK_OPEN "', '" MARK_CLOSE "', ' ... ', 16)"
            " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
            " WHERE documents_fts MATCH ?1 AND documents_fts.rowid = ?2");
        if (!st) {
            r = -1;
            break;
        }
        bind_text(st, 1, q);
        sqlite3_bind_int64(st, 2, ids[i]);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            doc_rec d;
            store_doc_row(ROW(st), &d);
            r = cb(&d, col_text(st, 13), -scores[i], ctx);
        } else if (rc != SQLITE_DONE)
            r = fail(s, "search");
        sqlite3_finalize(st);
    }
    free(ids);
    free(scores);
    free(q);
    return r < 0 ? -1 : 0;
}

/* The newest cap matches counted (a walk of the index entries, newest
 * first, without ranking: 15 ms for 100,000), the lowest id among them,
 * and the store's documents and highest id for an estimate beyond. */
static int sq_search_count(store_t *s, const char *query, int64_t *cap, int64_t *n, int64_t *from,
                           int64_t *docs, int64_t *max_id)
{
    char *q = fts_query(query);
    if (!*q) {
        free(q);
        snprintf(s->err, sizeof s->err, "the query has no words");
        return -1;
    }
    sqlite3_stmt *st = prep(s,
        "SELECT count(*), min(rowid), (SELECT documents FROM store_stats),"
        " (SELECT max(id) FROM documents) FROM (SELECT rowid FROM documents_fts"
        " WHERE documents_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)");
    if (!st) {
        free(q);
        return -1;
    }
    bind_text(st, 1, q);
    sqlite3_bind_int64(st, 2, *cap);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *n = sqlite3_column_int64(st, 0);
        *from = sqlite3_column_int64(st, 1);
        *docs = sqlite3_column_int64(st, 2);
        *max_id = sqlite3_column_int64(st, 3);
    } else
        fail(s, "search");
    sqlite3_finalize(st);
    free(q);
    return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- trackers ---- */

static char *join_list(const str_list *l)
{
    return store_join_names(l->v, l->n);
}

static int sq_tracker_put(store_t *s, const tracker_def *t, const char *config_text)
{
    sqlite3_stmt *st = prep(s,
        "INSERT INTO trackers(name, title, category, description, config)"
        " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(name) DO UPDATE SET"
        " title = ?2, category = ?3, description = ?4, config = ?5 RETURNING id");
    if (!st)
        return -1;
    bind_text(st, 1, t->name);
    bind_text(st, 2, t->title);
    bind_text(st, 3, t->category);
    bind_text(st, 4, t->description);
    bind_text(st, 5, config_text);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(s, "tracker");
    }
    int64_t id = sqlite3_column_int64(st, 0);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!(st = prep(s, "DELETE FROM themes WHERE tracker_id = ?1")))
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (step_done(s, st, "themes") < 0)
        return -1;
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        if (!(st = prep(s, "INSERT INTO themes(tracker_id, name, title, position, types,"
                           " keywords, orgs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
            return -1;
        char *types = join_list(&th->types), *kw = join_list(&th->keywords), *orgs = join_list(&th->orgs);
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, th->name);
        bind_text(st, 3, th->title);
        sqlite3_bind_int64(st, 4, (int64_t)i);
        bind_text(st, 5, types);
        bind_text(st, 6, kw);
        bind_text(st, 7, orgs);
        free(types);
        free(kw);
        free(orgs);
        if (step_done(s, st, "theme") < 0)
            return -1;
    }
    for (size_t i = 0; i < t->n_sources; i++) {
        int64_t sid;
        if (store_source_put(s, t->sources[i].url, t->sources[i].title,
                             t->sources[i].kind ? t->sources[i].kind : "feed", &sid) < 0)
            return -1;
        if (!(st = prep(s, "INSERT OR IGNORE INTO tracker_sources VALUES (?1, ?2)")))
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, sid);
        if (step_done(s, st, "tracker source") < 0)
            return -1;
    }
    return 0;
}

static char *tracker_text(store_t *s, const char *sql, const char *name)
{
    s->err[0] = '\0';
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return NULL;
    bind_text(st, 1, name);
    char *out = NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        out = dup_col(st, 0);
    else if (rc != SQLITE_DONE)
        fail(s, "tracker");
    sqlite3_finalize(st);
    return out;
}

static char *sq_tracker_config(store_t *s, const char *name)
{
    return tracker_text(s, "SELECT config FROM trackers WHERE ?1 IS NULL OR name = ?1"
                           " ORDER BY id LIMIT 1", name);
}

static char *sq_tracker_last_edition(store_t *s, const char *name)
{
    return tracker_text(s, "SELECT last_edition FROM trackers WHERE name = ?1", name);
}

static int sq_tracker_set_last_edition(store_t *s, const char *name, const char *when)
{
    sqlite3_stmt *st = prep(s, "UPDATE trackers SET last_edition = ?2 WHERE name = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, name);
    bind_text(st, 2, when);
    return step_done(s, st, "tracker");
}

static int sq_edition_last(store_t *s, const char *tracker, const char *format, char **created,
                       int64_t **events, size_t *n)
{
    *created = NULL;
    *events = NULL;
    *n = 0;
    sqlite3_stmt *st = prep(s, "SELECT created, events FROM editions WHERE tracker = ?1"
                               " AND format = ?2 ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, format);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *created = dup_col(st, 0);
        store_ids_parse(col_text(st, 1), events, n);
    } else if (rc != SQLITE_DONE) {
        sqlite3_finalize(st);
        return fail(s, "editions");
    }
    sqlite3_finalize(st);
    return 0;
}

static int sq_edition_add(store_t *s, const char *tracker, const char *format, const char *created,
                      const int64_t *events, size_t n)
{
    char *ids = store_ids_text(events, n, "", "");
    sqlite3_stmt *st = prep(s, "INSERT INTO editions(tracker, format, created, events)"
                               " VALUES (?1, ?2, ?3, ?4)");
    int r = -1;
    if (st) {
        bind_text(st, 1, tracker);
        bind_text(st, 2, format);
        bind_text(st, 3, created);
        bind_text(st, 4, ids);
        r = step_done(s, st, "edition");
    }
    free(ids);
    return r;
}

static int sq_alert_claim(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    char now[32];
    store_now_rfc3339(now);
    sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO alert_deliveries(tracker, alert, event_id,"
                               " delivered) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    sqlite3_bind_int64(st, 3, event_id);
    bind_text(st, 4, now);
    if (step_done(s, st, "alert") < 0)
        return -1;
    return sqlite3_changes(s->db) > 0;
}

static int sq_alert_unclaim(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    sqlite3_stmt *st = prep(s, "DELETE FROM alert_deliveries WHERE tracker = ?1 AND alert = ?2"
                               " AND event_id = ?3");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    sqlite3_bind_int64(st, 3, event_id);
    return step_done(s, st, "alert");
}

static int sq_trackers_each(store_t *s, store_tracker_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, "SELECT name, title FROM trackers ORDER BY id");
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(col_text(st, 0), col_text(st, 1), ctx)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "trackers");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_count(store_t *s, store_counts *c)
{
    /* kept up to date by triggers (migration 8): one row, not five counts */
    sqlite3_stmt *st = prep(s,
        "SELECT sources, documents, events, mentions, organizations, doc_updates,"
        " (SELECT count(*) FROM sources WHERE last_error IS NOT NULL AND last_error <> '')"
        " FROM store_stats WHERE id = 1");
    if (!st)
        return -1;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(s, "count");
    }
    c->sources = sqlite3_column_int64(st, 0);
    c->documents = sqlite3_column_int64(st, 1);
    c->events = sqlite3_column_int64(st, 2);
    c->mentions = sqlite3_column_int64(st, 3);
    c->organizations = sqlite3_column_int64(st, 4);
    c->doc_updates = sqlite3_column_int64(st, 5);
    c->fetch_errors = sqlite3_column_int64(st, 6);
    sqlite3_finalize(st);
    return 0;
}

/* ---- re-analysis (mtrack reanalyze) ---- */

/* Runs sql (with ?1 = arg when arg is not 0) and appends its first column
 * to *ids. */
static int redo_ids(store_t *s, const char *sql, int64_t arg, int64_t **ids, size_t *n)
{
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    if (arg)
        sqlite3_bind_int64(st, 1, arg);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(s, "re-analysis");
}

static int sq_doc_ids(store_t *s, const char *since, const char *tracker, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = prep(s,
        "SELECT d.id FROM documents d"
        " WHERE (?1 IS NULL OR coalesce(julianday(d.published), julianday(d.fetched)) >= julianday(?1))"
        " AND (?2 IS NULL"
        "  OR EXISTS (SELECT 1 FROM tracker_sources ts JOIN trackers t ON t.id = ts.tracker_id"
        "    WHERE t.name = ?2 AND (ts.source_id = d.source_id OR ts.source_id IN"
        "      (SELECT u.source_id FROM document_urls u WHERE u.document_id = d.id)))"
        "  OR NOT EXISTS (SELECT 1 FROM tracker_sources ts WHERE ts.source_id = d.source_id"
        "    OR ts.source_id IN (SELECT u.source_id FROM document_urls u WHERE u.document_id = d.id)))"
        " ORDER BY d.id");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    bind_text(st, 2, tracker);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((*n & (*n - 1)) == 0) /* grow at powers of two */
            *ids = xrealloc(*ids, (*n ? *n * 2 : 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return fail(s, "documents");
    }
    return 0;
}

void store_redo_free(store_redo *r)
{
    free(r->before);
    free(r->after);
    memset(r, 0, sizeof *r);
}

/* Runs a statement with ?1 = a and ?2 = b (b when not 0). */
static int redo_exec(store_t *s, const char *sql, int64_t a, int64_t b)
{
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, a);
    if (b)
        sqlite3_bind_int64(st, 2, b);
    return step_done(s, st, "re-analysis");
}

static int sq_redo_begin(store_t *s, int64_t doc_id, store_redo *r)
{
    memset(r, 0, sizeof *r);
    r->doc_id = doc_id;
    if (redo_ids(s, "SELECT DISTINCT event_id FROM event_mentions WHERE document_id = ?1"
                    " ORDER BY event_id", doc_id, &r->before, &r->n_before) < 0)
        return -1;
    /* The investors of an event come from the first document that reported
     * it (later ones fill what it lacked): when this is that document, its
     * new analysis gives them again, as at ingest. */
    if (redo_exec(s, "UPDATE events SET lead_investors = '', investors = ''"
                     " WHERE id IN (SELECT event_id FROM event_mentions WHERE document_id = ?1)"
                     " AND (SELECT min(m.document_id) FROM event_mentions m"
                     "   WHERE m.event_id = events.id) = ?1", doc_id, 0) < 0 ||
        redo_exec(s, "DELETE FROM event_mentions WHERE document_id = ?1", doc_id, 0) < 0)
        return -1;
    sqlite3_stmt *st = prep(s, "SELECT coalesce(max(id), 0) FROM events");
    if (!st)
        return -1;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(s, "re-analysis");
    }
    r->max_event = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    /* Set aside: a type no report or match asks for, a key no new event has. */
    for (size_t i = 0; i < r->n_before; i++)
        if (redo_exec(s, "UPDATE events SET type = '~' || type, key = '~' || id || '|' || key"
                         " WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM event_mentions m"
                         " WHERE m.event_id = ?1)", r->before[i], 0) < 0)
            return -1;
    return 0;
}

#define REDO_NAME_SQL(t) \
    "CASE " t " WHEN 'acquisition' THEN acquirer WHEN 'infrastructure' THEN organization" \
    " ELSE company END"

static int redo_load(store_t *s, sqlite3_stmt *st, store_redo_ev **v, size_t *n)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        store_redo_ev_add(v, n, sqlite3_column_int64(st, 0), dup_col(st, 1), dup_col(st, 2),
                          sqlite3_column_int64(st, 3), dup_col(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : fail(s, "re-analysis");
}

static int redo_made(store_t *s, int64_t max_event, store_redo_ev **v, size_t *n)
{
    sqlite3_stmt *st = prep(s, "SELECT id, type, key, coalesce(org_id, 0), " REDO_NAME_SQL("type")
                               " FROM events WHERE id > ?1 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, max_event);
    return redo_load(s, st, v, n);
}

static int redo_aside(store_t *s, const int64_t *ids, size_t n, store_redo_ev **v, size_t *nv)
{
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = prep(s, "SELECT id, substr(type, 2), substr(key, instr(key, '|') + 1),"
                                   " coalesce(org_id, 0), " REDO_NAME_SQL("substr(type, 2)")
                                   " FROM events WHERE id = ?1 AND type LIKE '~%'");
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, ids[i]);
        if (redo_load(s, st, v, nv) < 0)
            return -1;
    }
    return 0;
}

/* Event old (set aside) takes over event new: its mentions and fields;
 * old keeps its id, creation time and alert deliveries. */
static int redo_adopt(store_t *s, const store_redo_ev *old, const store_redo_ev *nw)
{
    if (redo_exec(s, "UPDATE event_mentions SET event_id = ?1 WHERE event_id = ?2", old->id, nw->id) < 0 ||
        redo_exec(s, "UPDATE events SET (type, org_id, company, acquirer, target, organization,"
                     " ticker, product, what, country, amount_text, amount_value, currency,"
                     " amount_usd, valuation_usd, price_usd, change_pct, close_price, capacity_mw,"
                     " round, lead_investors, investors, confidence, name_first, name_last,"
                     " descriptor, purpose, status, gpus) ="
                     " (SELECT type, org_id, company, acquirer, target, organization, ticker,"
                     " product, what, country, amount_text, amount_value, currency, amount_usd,"
                     " valuation_usd, price_usd, change_pct, close_price, capacity_mw, round,"
                     " lead_investors, investors, confidence, name_first, name_last,"
                     " descriptor, purpose, status, gpus"
                     " FROM events WHERE id = ?2) WHERE id = ?1", old->id, nw->id) < 0 ||
        redo_exec(s, "DELETE FROM events WHERE id = ?1", nw->id, 0) < 0)
        return -1;
    sqlite3_stmt *st = prep(s, "UPDATE events SET key = ?2 WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, old->id);
    bind_text(st, 2, nw->key);
    return step_done(s, st, "re-analysis");
}

/* Brings an event's resolved figures, confidence and first-seen date in
 * line with its mentions; nothing when it is gone. */
static int redo_settle(store_t *s, int64_t id)
{
    sqlite3_stmt *st = prep(s, "SELECT type FROM events WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int type = rc == SQLITE_ROW ? event_type_parse(col_text(st, 0)) : -1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, "re-analysis");
    if (rc == SQLITE_DONE || type < 0)
        return 0;
    if (resolve_figures(s, id, (event_type)type) < 0)
        return -1;
    return redo_exec(s,
        "UPDATE events SET"
        " confidence = coalesce((SELECT max(confidence) FROM event_mentions WHERE event_id = ?1),"
        "   confidence),"
        " first_seen = coalesce((SELECT min(d.published) FROM event_mentions m"
        "   JOIN documents d ON d.id = m.document_id"
        "   WHERE m.event_id = ?1 AND d.published IS NOT NULL), first_seen)"
        " WHERE id = ?1", id, 0);
}

static int redo_drop(store_t *s, int64_t id)
{
    return redo_exec(s, "DELETE FROM events WHERE id = ?1", id, 0);
}

static int redo_shown(store_t *s, int64_t event_id, int64_t doc_id)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)event_id);
    sqlite3_stmt *st = prep(s, "UPDATE editions SET events = CASE WHEN events = '' THEN ?1"
                               " ELSE events || ',' || ?1 END"
                               " WHERE id IN (SELECT max(id) FROM editions GROUP BY tracker, format)"
                               " AND created >= (SELECT fetched FROM documents WHERE id = ?2)");
    if (!st)
        return -1;
    bind_text(st, 1, id);
    sqlite3_bind_int64(st, 2, doc_id);
    return step_done(s, st, "editions");
}

static int redo_doc_events(store_t *s, int64_t doc_id, int64_t **ids, size_t *n)
{
    return redo_ids(s, "SELECT DISTINCT event_id FROM event_mentions WHERE document_id = ?1"
                       " ORDER BY event_id", doc_id, ids, n);
}

static const store_redo_io sq_redo_io = {
    .made = redo_made,
    .aside = redo_aside,
    .adopt = redo_adopt,
    .drop = redo_drop,
    .shown = redo_shown,
    .doc_events = redo_doc_events,
    .settle = redo_settle,
};

static int sq_redo_end(store_t *s, store_redo *r)
{
    return store_redo_finish(s, &sq_redo_io, r);
}

static int sq_event_prints(store_t *s, int64_t **ids, uint64_t **prints, size_t *n)
{
    store_prints p = {0};
    sqlite3_stmt *st = prep(s,
        "SELECT id, type, company, acquirer, target, organization, ticker, product, what, country,"
        " amount_text, amount_value, currency, amount_usd, valuation_usd, price_usd, change_pct,"
        " close_price, capacity_mw, round, lead_investors, investors, confidence, first_seen"
        " FROM events ORDER BY id");
    int rc = -1;
    if (st) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            store_prints_event(&p, ROW(st), 23);
        sqlite3_finalize(st);
        rc = rc == SQLITE_DONE ? 0 : fail(s, "events");
    }
    if (rc == 0 && (st = prep(s, "SELECT event_id, document_id, sentence_offset, sentence FROM event_mentions"
                                 " ORDER BY event_id, document_id, sentence_offset"))) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            store_prints_mention(&p, ROW(st), 3);
        sqlite3_finalize(st);
        rc = rc == SQLITE_DONE ? 0 : fail(s, "mentions");
    }
    *ids = p.ids;
    *prints = p.prints;
    *n = p.n;
    return rc;
}

/* ---- reanalyze writes only what changed (issue 15): the prints of one
 * document's events, every column of their rows and of all their mentions */
static int sq_doc_event_prints(store_t *s, int64_t doc_id, int64_t **ids, uint64_t **prints, size_t *n)
{
    store_prints p = {0};
    sqlite3_stmt *st = prep(s,
        "SELECT e.id, e.key, e.type, e.org_id, e.company, e.acquirer, e.target, e.organization,"
        " e.ticker, e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency,"
        " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price, e.capacity_mw,"
        " e.round, e.lead_investors, e.investors, e.confidence, e.first_seen, e.created,"
        " e.name_first, e.name_last, e.descriptor, e.purpose, e.status, e.gpus"
        /* the document's events drive the loop (CROSS JOIN keeps that
         * order of the loops): with ORDER BY e.id alone the planner may
         * walk every event in id order, testing each against the list */
        " FROM (SELECT DISTINCT event_id FROM event_mentions WHERE document_id = ?1) d"
        " CROSS JOIN events e ON e.id = d.event_id"
        " ORDER BY e.id");
    int rc = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, doc_id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            store_prints_event(&p, ROW(st), 32);
        sqlite3_finalize(st);
        rc = rc == SQLITE_DONE ? 0 : fail(s, "events");
    }
    if (rc == 0 && p.n && (st = prep(s,
            "SELECT m.event_id, m.document_id, m.sentence_offset, m.sentence, m.confidence,"
            " m.name, m.amount_text, m.amount_value, m.currency, m.amount_usd, m.round,"
            " m.valuation_usd, m.country"
            " FROM event_mentions m WHERE m.event_id IN"
            " (SELECT event_id FROM event_mentions WHERE document_id = ?1)"
            " ORDER BY m.event_id, m.document_id, m.sentence_offset"))) {
        sqlite3_bind_int64(st, 1, doc_id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            store_prints_mention(&p, ROW(st), 12);
        sqlite3_finalize(st);
        rc = rc == SQLITE_DONE ? 0 : fail(s, "mentions");
    } else if (rc == 0 && p.n) {
        rc = -1;
    }
    *ids = p.ids;
    *prints = p.prints;
    *n = p.n;
    return rc;
}

/* ---- tombstones of removed events pruned (issue 15): the newest keep
 * stay; event 0's seq says up to where they are gone (store.c) ---- */
static int sq_event_seq_prune(store_t *s, size_t keep)
{
    sqlite3_stmt *st = prep(s,
        "SELECT q.seq FROM event_seq q WHERE q.event_id <> 0"
        " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = q.event_id)"
        " ORDER BY q.seq DESC LIMIT 1 OFFSET ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)keep);
    int rc = sqlite3_step(st);
    int64_t floor = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, "event_seq");
    if (!floor)
        return 0;
    return redo_exec(s, "DELETE FROM event_seq WHERE seq <= ?1 AND event_id <> 0"
                   " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = event_seq.event_id)", floor, 0) < 0 ||
                   redo_exec(s, "DELETE FROM event_seq WHERE event_id = 0 AND seq < ?1", floor, 0) < 0 ||
                   redo_exec(s, "INSERT INTO event_seq(event_id, seq) SELECT 0, CAST(?1 AS BIGINT)"
                   " WHERE NOT EXISTS (SELECT 1 FROM event_seq WHERE event_id = 0)", floor, 0) < 0
               ? -1
               : 0;
}

/* ---- issue 12 (items 6 and 12): links already carried, alerts after their
 * delivery, rules that start from the events stored after them ---- */

static int64_t sq_doc_url_known(store_t *s, const char *url)
{
    if (!url || !*url)
        return 0;
    /* the document whose own canonical URL or URL it is first, then one
     * that was carried by it */
    sqlite3_stmt *st = prep(s,
        "SELECT coalesce((SELECT id FROM documents WHERE canonical_url = ?1),"
        " (SELECT id FROM documents WHERE url = ?1 ORDER BY id LIMIT 1),"
        " (SELECT document_id FROM document_urls WHERE url = ?1 ORDER BY document_id LIMIT 1), 0)");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    int rc = sqlite3_step(st);
    int64_t r = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : fail(s, "find url");
    sqlite3_finalize(st);
    return r;
}

static int sq_alert_delivered(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    sqlite3_stmt *st = prep(s, "SELECT 1 FROM alert_deliveries WHERE tracker = ?1 AND alert = ?2"
                               " AND event_id = ?3");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    sqlite3_bind_int64(st, 3, event_id);
    int rc = sqlite3_step(st);
    int r = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : fail(s, "alert");
    sqlite3_finalize(st);
    return r;
}

static int sq_alert_rule_since(store_t *s, const char *tracker, const char *alert, int backfill,
                           int64_t *since)
{
    *since = 0;
    if (exec(s, "CREATE TABLE IF NOT EXISTS alert_rules ("
                "  tracker TEXT NOT NULL, alert TEXT NOT NULL, added TEXT NOT NULL,"
                "  since_event INTEGER NOT NULL,"
                "  PRIMARY KEY (tracker, alert))") < 0)
        return -1;
    char now[32];
    store_now_rfc3339(now);
    /* A rule seen for the first time starts after the newest stored event;
     * --backfill (now or later) takes it back to the first. */
    sqlite3_stmt *st = prep(s,
        backfill ? "INSERT INTO alert_rules(tracker, alert, added, since_event) VALUES (?1, ?2, ?3, 0)"
                   " ON CONFLICT(tracker, alert) DO UPDATE SET since_event = 0"
                 : "INSERT OR IGNORE INTO alert_rules(tracker, alert, added, since_event)"
                   " VALUES (?1, ?2, ?3, (SELECT coalesce(max(id), 0) FROM events))");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    bind_text(st, 3, now);
    if (step_done(s, st, "alert rule") < 0)
        return -1;
    st = prep(s, "SELECT since_event FROM alert_rules WHERE tracker = ?1 AND alert = ?2");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *since = sqlite3_column_int64(st, 0);
    int r = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(s, "alert rule");
    sqlite3_finalize(st);
    return r;
}

/* ---- read transactions ---- */

static int sq_read_begin(store_t *s)
{
    if (s->read_depth++ > 0)
        return 0;
    s->read_own = 0;
    if (!sqlite3_get_autocommit(s->db))
        return 0; /* inside a transaction already: it has its snapshot */
    /* A deferred transaction takes its snapshot at its first read: read
     * now, so that the state is the one at this call. */
    if (exec(s, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema") < 0) {
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->read_depth = 0;
        return -1;
    }
    s->read_own = 1;
    return 0;
}

static int sq_read_end(store_t *s)
{
    if (s->read_depth <= 0 || --s->read_depth > 0)
        return 0;
    if (!s->read_own)
        return 0;
    s->read_own = 0;
    if (sqlite3_get_autocommit(s->db))
        return 0; /* ended already (a failed statement rolled it back) */
    if (exec(s, "COMMIT") == 0)
        return 0;
    /* A statement left stepping holds the transaction open: reset them
     * all and end it, so that this handle never stays on an old state. */
    for (sqlite3_stmt *st = sqlite3_next_stmt(s->db, NULL); st; st = sqlite3_next_stmt(s->db, st))
        sqlite3_reset(st);
    if (exec(s, "COMMIT") == 0)
        return 0;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* ---- issue 12 (items 5 and 9): sources by page, documents replaced by
 * their updates, the changes they made to events ---- */

static int sq_sources_page(store_t *s, int64_t offset, int64_t limit, int64_t *total, store_source_cb cb,
                       void *ctx)
{
    if (total) {
        store_counts c;
        if (sq_count(s, &c) < 0)
            return -1;
        *total = c.sources;
    }
    /* the page first, then one grouped count over its sources only */
    sqlite3_stmt *st = prep(s,
        "WITH page AS (SELECT * FROM sources ORDER BY id LIMIT ?1 OFFSET ?2)"
        " SELECT " SOURCE_COLUMNS " FROM page s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT id FROM page) GROUP BY source_id) dc ON dc.source_id = s.id"
        " ORDER BY s.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
    sqlite3_bind_int64(st, 2, offset > 0 ? offset : 0);
    return sources_loop(s, st, cb, ctx);
}

/* ---- issue 12 #23: one source by id or URL ---- */

/* ---- issue 14: the home page's freshness and failing sources ---- */

static int sq_home_health(store_t *s, char *newest, char *success, size_t len, int64_t limit,
                          store_source_cb cb, void *ctx)
{
    /* the newest document from documents_listed; the sources are few */
    sqlite3_stmt *st = prep(s,
        "SELECT (SELECT max(coalesce(published, fetched)) FROM documents),"
        " (SELECT max(last_success) FROM sources)");
    if (!st)
        return -1;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(s, "home health");
    }
    snprintf(newest, len, "%s", col_text(st, 0) ? col_text(st, 0) : "");
    snprintf(success, len, "%s", col_text(st, 1) ? col_text(st, 1) : "");
    sqlite3_finalize(st);
    if (!cb)
        return 0;
    /* the failing ones from the partial index sources_failing */
    st = prep(s,
        "WITH f AS (SELECT * FROM sources WHERE last_error IS NOT NULL AND last_error <> ''"
        "   ORDER BY id LIMIT ?1)"
        " SELECT " SOURCE_COLUMNS " FROM f s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT id FROM f) GROUP BY source_id) dc ON dc.source_id = s.id"
        " ORDER BY s.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
    return sources_loop(s, st, cb, ctx);
}

/* ---- issue 14: each tracker's sources' health (the home page) ---- */

static int sq_trackers_health(store_t *s, int64_t limit, store_tracker_health_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        /* the sources no tracker names (read by every tracker), then each tracker's own */
        "WITH u AS (SELECT count(*) AS n, coalesce(sum(CASE WHEN s.last_error IS NOT NULL AND s.last_error <> '' THEN 1 ELSE 0 END), 0) AS f,"
        "   max(s.last_success) AS ls FROM sources s WHERE s.id NOT IN (SELECT source_id FROM tracker_sources)),"
        " o AS (SELECT x.tracker_id AS tid, count(*) AS n, sum(CASE WHEN s.last_error IS NOT NULL AND s.last_error <> '' THEN 1 ELSE 0 END) AS f, max(s.last_success) AS ls"
        "   FROM tracker_sources x JOIN sources s ON s.id = x.source_id GROUP BY x.tracker_id)"
        " SELECT t.name, coalesce(o.n, 0) + u.n, coalesce(o.f, 0) + u.f, nullif(max(coalesce(o.ls, ''), coalesce(u.ls, '')), '')"
        " FROM trackers t CROSS JOIN u LEFT JOIN o ON o.tid = t.id ORDER BY t.name");
    if (!st)
        return -1;
    /* the summaries first, kept: the failing rows come from a second query */
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        tracker_health h = {.tracker = col_text(st, 0), .sources = sqlite3_column_int64(st, 1),
                            .failing = sqlite3_column_int64(st, 2), .last_success = col_text(st, 3)};
        if ((r = cb(&h, NULL, ctx)) != 0)
            break;
    }
    if (r == 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "trackers' sources");
    sqlite3_finalize(st);
    if (r != 0)
        return r < 0 ? -1 : 0;
    /* the failing ones, at most limit a tracker, from the partial index sources_failing */
    st = prep(s,
        "WITH f AS (SELECT id FROM sources WHERE last_error IS NOT NULL AND last_error <> ''),"
        " ts(tracker, sid) AS ("
        "  SELECT t.name, x.source_id FROM tracker_sources x JOIN trackers t ON t.id = x.tracker_id"
        "   WHERE x.source_id IN (SELECT id FROM f)"
        "  UNION ALL SELECT t.name, f.id FROM trackers t CROSS JOIN f"
        "   WHERE f.id NOT IN (SELECT source_id FROM tracker_sources)),"
        " r AS (SELECT tracker, sid, row_number() OVER (PARTITION BY tracker ORDER BY sid) AS rn FROM ts)"
        /* a source's columns as store_source_row reads them (no documents
         * counted), then the tracker */
        " SELECT s.id, s.url, s.title, s.kind, s.added, s.last_success, s.last_error, s.last_error_at,"
        " s.next_try, s.etag, s.last_modified, s.interval_s, s.failures, 0, r.tracker"
        " FROM r JOIN sources s ON s.id = r.sid WHERE r.rn <= ?1 ORDER BY r.tracker, s.id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, limit > 0 ? limit : 1000000000);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        tracker_health h = {.tracker = col_text(st, 14)};
        source_rec rec;
        store_source_row(ROW(st), &rec);
        if ((r = cb(&h, &rec, ctx)) != 0)
            break;
    }
    if (r == 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "trackers' failing sources");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_source_get(store_t *s, int64_t id, const char *url, store_source_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, id > 0 ? "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS " WHERE s.id = ?1"
                                      : "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS " WHERE s.url = ?2");
    if (!st)
        return -1;
    if (id > 0)
        sqlite3_bind_int64(st, 1, id);
    else
        bind_text(st, 2, url);
    int found = 0;
    found_ctx fc = {cb, ctx, &found};
    if (sources_loop(s, st, found_one, &fc) < 0)
        return -1;
    return found;
}

static int sq_doc_replace(store_t *s, int64_t id, const doc_rec *d)
{
    sqlite3_stmt *st = prep(s,
        "UPDATE documents SET title = ?2, text = ?3, content_hash = ?4,"
        " author = coalesce(?5, author), canonical_url = coalesce(?6, canonical_url),"
        " outlet = coalesce(?7, outlet), published = coalesce(?8, published),"
        " language = coalesce(?9, language), origin = coalesce(?10, origin), fetched = ?11,"
        " minhash = ?12, near_sketch = ?13, near_keys = ?14"
        " WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, d->title);
    bind_text(st, 3, d->text ? d->text : "");
    bind_text(st, 4, d->content_hash);
    bind_text(st, 5, d->author);
    bind_text(st, 6, d->canonical_url);
    bind_text(st, 7, d->outlet);
    bind_text(st, 8, d->published);
    bind_text(st, 9, d->language);
    bind_text(st, 10, d->origin);
    char now[32];
    store_now_rfc3339(now);
    bind_text(st, 11, d->fetched ? d->fetched : now);
    const uint32_t *sig = d->near ? (d->near->has_sig ? d->near->sig : NULL) : d->minhash;
    if (sig)
        sqlite3_bind_blob(st, 12, sig, DEDUP_MINHASH * sizeof *sig, SQLITE_TRANSIENT);
    if (d->near && d->near->p) {
        size_t len;
        void *blob = dedup_sketch_pack(d->near->p, &len);
        sqlite3_bind_blob(st, 13, blob, (int)len, free);
        blob = dedup_keys_pack(d->near->p, &len);
        sqlite3_bind_blob(st, 14, blob, (int)len, free);
    }
    if (step_done(s, st, "replace document") < 0)
        return -1;
    if (sqlite3_changes(s->db) == 0) {
        snprintf(s->err, sizeof s->err, "replace document: no document %lld", (long long)id);
        return -1;
    }
    if (redo_exec(s, "DELETE FROM document_bands WHERE document_id = ?1", id, 0) < 0 ||
        (sig && near_bands_put(s, id, sig) < 0))
        return -1;
    return exec(s, "UPDATE store_stats SET doc_updates = doc_updates + 1 WHERE id = 1");
}

static int sq_event_change_add(store_t *s, const store_event_change *c)
{
    sqlite3_stmt *st = prep(s,
        "INSERT INTO event_changes(event_id, document_id, changed, field, was, now)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->event_id);
    if (c->doc_id > 0)
        sqlite3_bind_int64(st, 2, c->doc_id);
    char now[32];
    store_now_rfc3339(now);
    bind_text(st, 3, c->when ? c->when : now);
    bind_text(st, 4, c->field ? c->field : "");
    bind_text(st, 5, c->was);
    bind_text(st, 6, c->now);
    return step_done(s, st, "event change");
}

/* ---- issue 14: organisation pages ---- */
static int sq_org_get(store_t *s, const char *name, store_org_cb cb, void *ctx)
{
    if (!name || !*name)
        return 0;
    char *norm = store_org_norm(name);
    sqlite3_stmt *st = prep(s,
        "SELECT o.id, o.name, o.country, o.ticker FROM organizations o WHERE o.id ="
        " coalesce((SELECT id FROM organizations WHERE norm = ?1),"
        "  (SELECT org_id FROM org_aliases WHERE norm = ?1),"
        "  (SELECT org_id FROM org_aliases WHERE norm = lower(?2)))");
    if (!st) {
        free(norm);
        return -1;
    }
    bind_text(st, 1, norm);
    bind_text(st, 2, name);
    free(norm);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        int r = rc == SQLITE_DONE ? 0 : fail(s, "organisation");
        sqlite3_finalize(st);
        return r;
    }
    int64_t id = sqlite3_column_int64(st, 0);
    char *oname = dup_col(st, 1), *country = dup_col(st, 2), *ticker = dup_col(st, 3);
    sqlite3_finalize(st);
    /* the spellings its mentions used */
    char **al = NULL;
    size_t nal = 0;
    int r = 0;
    st = prep(s, "SELECT DISTINCT m.name FROM event_mentions m JOIN events e ON e.id = m.event_id"
                 " WHERE e.org_id = ?1 AND m.name IS NOT NULL AND m.name <> ?2 ORDER BY 1 LIMIT 50");
    if (!st) {
        r = -1;
    } else {
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, oname);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            al = xrealloc(al, (nal + 1) * sizeof *al);
            al[nal++] = dup_col(st, 0);
        }
        if (rc != SQLITE_DONE)
            r = fail(s, "organisation aliases");
        sqlite3_finalize(st);
    }
    if (r == 0) {
        org_rec o = {id, oname, country, ticker, (const char *const *)al, nal};
        r = cb(&o, ctx);
    }
    for (size_t i = 0; i < nal; i++)
        free(al[i]);
    free(al);
    free(oname);
    free(country);
    free(ticker);
    return r;
}

static int sq_doc_mentions_each(store_t *s, int64_t doc_id, store_doc_mention_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, "SELECT event_id, sentence FROM event_mentions WHERE document_id = ?1"
                               " ORDER BY sentence_offset, event_id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, doc_id);
    int rc, r = 0;
    while (r == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        r = cb(sqlite3_column_int64(st, 0), col_text(st, 1), ctx);
    if (r == 0 && rc != SQLITE_DONE)
        r = fail(s, "document events");
    sqlite3_finalize(st);
    return r;
}

/* The rows of an event_changes statement (event, document, when, field,
 * was, now) given to cb; finalizes st. */
static int changes_loop(store_t *s, sqlite3_stmt *st, store_event_change_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_event_change c = {
            .event_id = sqlite3_column_int64(st, 0), .doc_id = sqlite3_column_int64(st, 1),
            .when = col_text(st, 2), .field = col_text(st, 3), .was = col_text(st, 4),
            .now = col_text(st, 5),
        };
        if ((r = cb(&c, ctx)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "event changes");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_event_changes_each(store_t *s, int64_t event_id, store_event_change_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "SELECT event_id, coalesce(document_id, 0), changed, field, was, now FROM event_changes"
        " WHERE event_id = ?1 ORDER BY id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, event_id);
    return changes_loop(s, st, cb, ctx);
}

/* ---- a whole store copied (store_copy in store.c) ---- */

/* The tables of the record, children first (emptied in this order). */
static const char *const copy_clear_order[] = {
    "theme_marks", "theme_log", "doc_themes", "event_themes", "alert_rules", "alert_deliveries", "editions", "event_changes", "event_mentions", "events",
    "org_aliases", "organizations", "near_template", "document_bands", "document_urls", "documents",
    "tracker_sources", "themes", "trackers", "sources",
};

static int sq_table_exists(store_t *s, const char *table)
{
    sqlite3_stmt *st = prep(s, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, table);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : fail(s, table);
}

static int sq_copy_rows(store_t *s, const char *table, const char *const *cols, size_t n, store_row_cb cb,
                        void *ctx)
{
    int there = sq_table_exists(s, table);
    if (there <= 0)
        return there;
    buf_t sql;
    buf_init(&sql, 1 << 16);
    buf_puts(&sql, "SELECT ");
    for (size_t i = 0; i < n; i++)
        buf_printf(&sql, "%s%s", i ? ", " : "", cols[i]);
    /* the order rows were made in (document_bands has no rowid, nor the
     * theme rows: by their key) */
    int keyed = strcmp(table, "document_bands") == 0 || strcmp(table, "doc_themes") == 0 ||
                strcmp(table, "event_themes") == 0;
    buf_printf(&sql, " FROM %s ORDER BY %s", table, keyed ? "1, 2" : "rowid");
    sqlite3_stmt *st = prep(s, buf_str(&sql));
    buf_free(&sql);
    if (!st)
        return -1;
    store_value *v = xcalloc(n, sizeof *v);
    char(*num)[32] = xcalloc(n, sizeof *num);
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < n; i++) {
            int c = (int)i;
            switch (sqlite3_column_type(st, c)) {
            case SQLITE_NULL: v[i] = (store_value){.kind = STORE_NULL}; break;
            case SQLITE_BLOB:
                v[i] = (store_value){.kind = STORE_BLOB, .blob = sqlite3_column_blob(st, c),
                                     .len = (size_t)sqlite3_column_bytes(st, c)};
                break;
            case SQLITE_FLOAT: /* every digit: sqlite3_column_text keeps 15 */
                snprintf(num[i], sizeof num[i], "%.17g", sqlite3_column_double(st, c));
                v[i] = (store_value){.kind = STORE_TEXT, .text = num[i]};
                break;
            default: v[i] = (store_value){.kind = STORE_TEXT, .text = col_text(st, c)}; break;
            }
        }
        if ((r = cb(v, n, ctx)) != 0)
            break;
    }
    if (r == 0 && rc != SQLITE_DONE)
        r = fail(s, table);
    sqlite3_finalize(st);
    free(v);
    free(num);
    return r < 0 ? -1 : 0;
}

static int sq_copy_insert(store_t *s, const char *table, const char *const *cols, size_t n, const store_value *v)
{
    /* made on first use by sq_alert_rule_since; the same table here */
    if (strcmp(table, "alert_rules") == 0 &&
        exec(s, "CREATE TABLE IF NOT EXISTS alert_rules ("
                "  tracker TEXT NOT NULL, alert TEXT NOT NULL, added TEXT NOT NULL,"
                "  since_event INTEGER NOT NULL,"
                "  PRIMARY KEY (tracker, alert))") < 0)
        return -1;
    buf_t sql;
    buf_init(&sql, 1 << 16);
    buf_printf(&sql, "INSERT INTO %s(", table);
    for (size_t i = 0; i < n; i++)
        buf_printf(&sql, "%s%s", i ? ", " : "", cols[i]);
    buf_puts(&sql, ") VALUES (");
    for (size_t i = 0; i < n; i++)
        buf_printf(&sql, "%s?%zu", i ? ", " : "", i + 1);
    buf_puts(&sql, ")");
    sqlite3_stmt *st = prep(s, buf_str(&sql));
    buf_free(&sql);
    if (!st)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int c = (int)i + 1;
        if (v[i].kind == STORE_TEXT)
            sqlite3_bind_text(st, c, v[i].text, -1, SQLITE_TRANSIENT);
        else if (v[i].kind == STORE_BLOB)
            sqlite3_bind_blob(st, c, v[i].blob, (int)v[i].len, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, c);
    }
    return step_done(s, st, table);
}

static int sq_copy_clear(store_t *s)
{
    for (size_t i = 0; i < sizeof copy_clear_order / sizeof *copy_clear_order; i++) {
        int there = sq_table_exists(s, copy_clear_order[i]);
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM %s", copy_clear_order[i]);
        if (there < 0 || (there && exec(s, sql) < 0))
            return -1;
    }
    return 0;
}

static int sq_copy_done(store_t *s, int64_t doc_updates)
{
    sqlite3_stmt *st = prep(s,
        "UPDATE store_stats SET sources = (SELECT count(*) FROM sources),"
        " documents = (SELECT count(*) FROM documents), events = (SELECT count(*) FROM events),"
        " mentions = (SELECT count(*) FROM event_mentions),"
        " organizations = (SELECT count(*) FROM organizations), doc_updates = ?1 WHERE id = 1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, doc_updates);
    return step_done(s, st, "store counts");
}

static int64_t sq_copy_count(store_t *s, const char *table)
{
    int there = sq_table_exists(s, table);
    if (there <= 0)
        return there;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : fail(s, table);
    sqlite3_finalize(st);
    return n;
}

/* ---- the report's theme assignments (issue 15) ---- */

static const char *const theme_get_sql[] = {
    "SELECT document_id, input, value FROM doc_themes WHERE tracker = ?1 ORDER BY document_id",
    "SELECT event_id, input, value FROM event_themes WHERE tracker = ?1 ORDER BY event_id",
};
static const char *const theme_put_sql[] = {
    "INSERT OR REPLACE INTO doc_themes(tracker, document_id, input, value)"
    " SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?2)",
    "INSERT OR REPLACE INTO event_themes(tracker, event_id, input, value)"
    " SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM events WHERE id = ?2)",
};

static int sq_themes_get(store_t *s, const char *tracker, int kind, store_theme_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (!s->themes_ok || kind < 0 || kind > 1)
        return 0;
    sqlite3_stmt *st = prep(s, theme_get_sql[kind]);
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            *rows = xrealloc(*rows, cap * sizeof **rows);
        }
        (*rows)[(*n)++] = (store_theme_row){sqlite3_column_int64(st, 0),
                                            (uint64_t)sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2)};
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*rows);
        *rows = NULL;
        *n = 0;
        return fail(s, "themes");
    }
    return 0;
}

static int sq_themes_put(store_t *s, const char *tracker, int kind, const store_theme_row *rows, size_t n)
{
    if (!s->themes_ok || kind < 0 || kind > 1 || n == 0 || s->read_depth > 0 ||
        sqlite3_db_readonly(s->db, "main") == 1)
        return 0;
    int own = sqlite3_get_autocommit(s->db);
    if (own && exec(s, "BEGIN IMMEDIATE") < 0)
        return -1;
    sqlite3_stmt *st = prep(s, theme_put_sql[kind]);
    int r = st ? 0 : -1;
    for (size_t i = 0; r == 0 && i < n; i++) {
        sqlite3_reset(st);
        bind_text(st, 1, tracker);
        sqlite3_bind_int64(st, 2, rows[i].id);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)rows[i].input);
        sqlite3_bind_int(st, 4, rows[i].value);
        if (sqlite3_step(st) != SQLITE_DONE)
            r = fail(s, "themes");
    }
    sqlite3_finalize(st);
    if (own) {
        if (r == 0 && exec(s, "COMMIT") < 0)
            r = -1;
        if (r < 0 && !sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return r;
}

/* DOC_COLUMNS with what the report lists (all in documents_listed) */
#define DOC_META_COLUMNS \
    "d.id, 0, d.url, d.canonical_url, d.title, NULL, d.outlet," \
    " d.published, d.fetched, NULL, NULL, NULL, NULL"

static int sq_docs_meta_each(store_t *s, const char *since, store_doc_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "SELECT " DOC_META_COLUMNS " FROM documents d"
        " WHERE ?1 IS NULL OR coalesce(d.published, d.fetched) >= ?1"
        " ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    return docs_loop(s, st, cb, ctx);
}

static int sq_event_docs_each(store_t *s, store_event_doc_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, "SELECT DISTINCT event_id, document_id FROM event_mentions"
                               " ORDER BY event_id, document_id");
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), ctx)) != 0)
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "mentions");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

/* ---- the report's reads, each one pass (issue 15) ---- */

/* EVENT_SELECT without the two subqueries per event (the distinct
 * documents and the best sentence: half the report on a large store). */
const char store_events_bare_sql[] =
    "SELECT e.id, e.type, e.company, e.acquirer, e.target, e.organization, e.ticker,"
    " e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency,"
    " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price,"
    " e.capacity_mw, e.round, e.lead_investors, e.investors, e.confidence, e.first_seen,"
    " 0, NULL, e.descriptor, e.purpose, e.status, e.gpus"
    " FROM events e WHERE ?1 IS NULL OR substr(e.first_seen, 1, 10) >= ?1"
    " ORDER BY e.first_seen DESC, e.id DESC";

static int sq_events_bare_each(store_t *s, const char *since, store_alloc_fn alloc, void *arg,
                               store_event_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, store_events_bare_sql);
    if (!st)
        return -1;
    bind_text(st, 1, since);
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        event_t e;
        event_meta m;
        store_event_row_alloc(ROW(st), &e, &m, alloc, arg);
        if ((r = cb(&e, &m, ctx)) != 0)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "events");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

/* In rowid order: of mentions equal in event, confidence and document,
 * the lowest rowid comes first, the one EVENT_SELECT's best-sentence
 * subquery takes (event_mentions_best keeps them in rowid order). */
const char store_mentions_all_sql[] =
    "SELECT event_id, document_id, confidence, sentence FROM event_mentions ORDER BY rowid";

static int sq_mentions_all(store_t *s, store_mention_all_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, store_mentions_all_sql);
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2),
                    col_text(st, 3), ctx)) != 0)
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "mentions");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

/* from documents_listed alone (a covering index) */
const char store_docs_dates_sql[] =
    "SELECT d.id, coalesce(d.published, d.fetched), d.outlet FROM documents d"
    " WHERE ?1 IS NULL OR coalesce(d.published, d.fetched) >= ?1"
    " ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC";

static int sq_docs_dates_each(store_t *s, const char *since, store_doc_date_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s, store_docs_dates_sql);
    if (!st)
        return -1;
    bind_text(st, 1, since);
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(sqlite3_column_int64(st, 0), col_text(st, 1), col_text(st, 2), ctx)) != 0)
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "documents");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

/* the list drives, each id looked up by the primary key (as
 * store_events_by_id_sql) */
const char store_docs_listed_sql[] =
    "SELECT d.id, 0, d.url, d.canonical_url, d.title, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM (SELECT DISTINCT value FROM json_each(?1)) j CROSS JOIN documents d ON d.id = j.value";

static int sq_docs_listed(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx)
{
    char *list = store_ids_text(ids, n, "[", "]");
    sqlite3_stmt *st = prep(s, store_docs_listed_sql);
    if (!st) {
        free(list);
        return -1;
    }
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    free(list);
    return docs_loop(s, st, cb, ctx);
}

/* 1 when the index exists, 0 when not, -1 on error. */
static int sq_index_exists(store_t *s, const char *name)
{
    sqlite3_stmt *st = prep(s, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, name);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the themes' change log and marks (issue 15) ---- */

/* The log (store_theme_log_each) and the trackers' marks, filled by
 * triggers on what a theme assignment is worked out from (report.c: a
 * document's title, text and outlet; an event's fields and its mentions'
 * documents, the first of them by date). Made at open like the theme
 * tables (best effort: without them no mark is found and every run works
 * out the themes of the whole store, as before). AUTOINCREMENT: a place
 * in the log is never given twice, also after the log was emptied. */
static void store_open_theme_log(store_t *s)
{
    s->theme_log_ok = s->themes_ok && sqlite3_exec(s->db,
        "CREATE TABLE IF NOT EXISTS theme_log ("
        "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        "  kind INTEGER NOT NULL, id INTEGER NOT NULL);"
        "CREATE TABLE IF NOT EXISTS theme_marks ("
        "  tracker TEXT PRIMARY KEY, rules INTEGER NOT NULL, seq INTEGER NOT NULL);"
        "CREATE TRIGGER IF NOT EXISTS theme_log_doc_ai AFTER INSERT ON documents BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (0, new.id);"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_doc_au"
        "  AFTER UPDATE OF title, text, outlet, published, fetched ON documents BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (0, new.id);"
        "  INSERT INTO theme_log(kind, id) SELECT 1, event_id FROM event_mentions WHERE document_id = new.id;"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_doc_bd BEFORE DELETE ON documents BEGIN"
        "  INSERT INTO theme_log(kind, id) SELECT 1, event_id FROM event_mentions WHERE document_id = old.id;"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_event_ai AFTER INSERT ON events BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (1, new.id);"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_event_au AFTER UPDATE ON events BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (1, new.id);"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_mention_ai AFTER INSERT ON event_mentions BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (1, new.event_id);"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_mention_au AFTER UPDATE ON event_mentions BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (1, old.event_id), (1, new.event_id);"
        "END;"
        "CREATE TRIGGER IF NOT EXISTS theme_log_mention_ad AFTER DELETE ON event_mentions BEGIN"
        "  INSERT INTO theme_log(kind, id) VALUES (1, old.event_id);"
        "END;",
        NULL, NULL, NULL) == SQLITE_OK;
    if (!s->theme_log_ok && s->themes_ok)
        /* read only: the tables may be there all the same */
        s->theme_log_ok = sq_table_exists(s, "theme_log") > 0 && sq_table_exists(s, "theme_marks") > 0;
}

static int sq_theme_log_last(store_t *s, int64_t *seq)
{
    *seq = 0;
    if (!s->theme_log_ok)
        return 0;
    sqlite3_stmt *st = prep(s, "SELECT max(seq) FROM theme_log");
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail(s, "theme log");
}

static int sq_theme_log_each(store_t *s, int64_t after, int64_t upto, store_theme_log_cb cb, void *ctx)
{
    if (!s->theme_log_ok)
        return 0;
    sqlite3_stmt *st = prep(s, "SELECT DISTINCT kind, id FROM theme_log WHERE seq > ?1 AND seq <= ?2"
                               " ORDER BY kind, id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int64(st, 2, upto);
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1), ctx)) != 0)
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "theme log");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_theme_mark_get(store_t *s, const char *tracker, uint64_t *rules, int64_t *seq)
{
    *rules = 0;
    *seq = 0;
    if (!s->theme_log_ok)
        return 0;
    sqlite3_stmt *st = prep(s, "SELECT rules, seq FROM theme_marks WHERE tracker = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    if (found) {
        *rules = (uint64_t)sqlite3_column_int64(st, 0);
        *seq = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return found ? 1 : rc == SQLITE_DONE ? 0 : fail(s, "theme marks");
}

static int sq_theme_mark_put(store_t *s, const char *tracker, uint64_t rules, int64_t seq)
{
    if (!s->theme_log_ok || s->read_depth > 0 || sqlite3_db_readonly(s->db, "main") == 1)
        return 0;
    sqlite3_stmt *st = prep(s, "INSERT OR REPLACE INTO theme_marks(tracker, rules, seq) VALUES (?1, ?2, ?3)");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)rules);
    sqlite3_bind_int64(st, 3, seq);
    int r = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(s, "theme marks");
    sqlite3_finalize(st);
    return r;
}

static int sq_theme_log_prune(store_t *s)
{
    if (!s->theme_log_ok || s->read_depth > 0 || sqlite3_db_readonly(s->db, "main") == 1)
        return 0;
    /* what no tracker's next run needs: before the oldest mark (a tracker
     * without one works out all it has, log or not) */
    int own = sqlite3_get_autocommit(s->db);
    if (own && exec(s, "BEGIN IMMEDIATE") < 0)
        return -1;
    int r = exec(s, "DELETE FROM theme_marks WHERE tracker NOT IN (SELECT name FROM trackers);"
                    "DELETE FROM theme_log WHERE seq <= coalesce((SELECT min(seq) FROM theme_marks),"
                    "  (SELECT max(seq) FROM theme_log))");
    if (own) {
        if (r == 0 && exec(s, "COMMIT") < 0)
            r = -1;
        if (r < 0 && !sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return r;
}

static int sq_theme_row_get(store_t *s, const char *tracker, int kind, int64_t id, store_theme_row *row)
{
    static const char *const sql[] = {
        "SELECT input, value FROM doc_themes WHERE tracker = ?1 AND document_id = ?2",
        "SELECT input, value FROM event_themes WHERE tracker = ?1 AND event_id = ?2",
    };
    if (!s->themes_ok || kind < 0 || kind > 1)
        return 0;
    sqlite3_stmt *st = prep(s, sql[kind]);
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    sqlite3_bind_int64(st, 2, id);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    if (found)
        *row = (store_theme_row){id, (uint64_t)sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1)};
    sqlite3_finalize(st);
    return found ? 1 : rc == SQLITE_DONE ? 0 : fail(s, "themes");
}

/* ---- the back end (store_backend.h) ---- */
/* ---- issue 15: stopping long statements, the robots.txt cache ---- */

static int progress_stop(void *arg)
{
    store_t *s = arg;
    return s->stop && s->stop(s->stop_arg) ? 1 : 0;
}

static void sq_set_stop(store_t *s, store_stop_fn stop, void *arg)
{
    s->stop = stop;
    s->stop_arg = arg;
    /* every ~1,000 virtual machine steps: well under a millisecond */
    sqlite3_progress_handler(s->db, stop ? 1000 : 0, stop ? progress_stop : NULL, s);
}

/* store_shrink: the page cache freed, and the memory map dropped (a
 * smaller mmap_size unmaps it) and allowed again: it is made anew at the
 * next read, of the pages that read touches. Every handle maps the file
 * on its own, so each heavy read left its pages resident in each handle
 * that ran one (a server's resident size counted the store several times). */
static void sq_shrink(store_t *s)
{
    if (s->read_depth > 0 || !sqlite3_get_autocommit(s->db))
        return;
    sqlite3_db_release_memory(s->db);
    sqlite3_exec(s->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
    sqlite3_exec(s->db, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL);
}

static int sq_robots_get(store_t *s, const char *origin, const char *now, int *status, char **body,
                     size_t *len)
{
    *body = NULL;
    *len = 0;
    *status = 0;
    sqlite3_stmt *st = prep(s, "SELECT status, body FROM robots_cache WHERE origin = ?1 AND expires > ?2");
    if (!st)
        return -1;
    bind_text(st, 1, origin);
    bind_text(st, 2, now);
    int rc = sqlite3_step(st), r = 0;
    if (rc == SQLITE_ROW) {
        *status = sqlite3_column_int(st, 0);
        const void *b = sqlite3_column_blob(st, 1);
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        *body = xmalloc(n + 1);
        if (n)
            memcpy(*body, b, n);
        (*body)[n] = '\0';
        *len = n;
        r = 1;
    } else if (rc != SQLITE_DONE)
        r = fail(s, "robots cache");
    sqlite3_finalize(st);
    return r;
}

static int sq_robots_put(store_t *s, const char *origin, int status, const char *body, size_t len,
                     const char *fetched_at, const char *expires)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO robots_cache(origin, status, body, fetched_at, expires)"
                               " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(origin) DO UPDATE SET"
                               " status = excluded.status, body = excluded.body,"
                               " fetched_at = excluded.fetched_at, expires = excluded.expires");
    if (!st)
        return -1;
    bind_text(st, 1, origin);
    sqlite3_bind_int(st, 2, status);
    sqlite3_bind_blob(st, 3, body ? body : "", (int)len, SQLITE_TRANSIENT);
    bind_text(st, 4, fetched_at);
    bind_text(st, 5, expires);
    return step_done(s, st, "robots cache");
}

/* ---- several update workers on one file (issue 13) ---- */

/* ids as a JSON array, for json_each */
static char *ids_json(const int64_t *ids, size_t n)
{
    buf_t b;
    buf_init(&b, 0);
    buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%lld", i ? "," : "", (long long)ids[i]);
    buf_putc(&b, ']');
    return buf_detach(&b);
}

/* The due sources no other process holds, at most limit of them, leased
 * until `until` in one UPDATE (SQLite runs one writer at a time, so two
 * processes never take the same source); then read. */
static int lease_run(store_t *s, sqlite3_stmt *st, store_source_cb cb, void *ctx);

static int sq_sources_lease(store_t *s, const char *due, const char *now, const char *until, const char *tracker,
                            int64_t limit, store_source_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "UPDATE sources SET lease_until = ?3 WHERE id IN (SELECT id FROM sources"
        " WHERE kind IN ('feed', 'page') AND (next_try IS NULL OR next_try <= ?1)"
        " AND (lease_until IS NULL OR lease_until <= ?2)"
        " AND (?4 IS NULL OR id IN (SELECT ts.source_id FROM tracker_sources ts"
        "   JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = ?4))"
        " ORDER BY id LIMIT ?5) RETURNING id");
    if (!st)
        return -1;
    bind_text(st, 1, due);
    bind_text(st, 2, now);
    bind_text(st, 3, until);
    bind_text(st, 4, tracker);
    sqlite3_bind_int64(st, 5, limit > 0 ? limit : -1);
    return lease_run(s, st, cb, ctx);
}

/* Steps st (an UPDATE of the sources it leases, RETURNING their ids),
 * then hands each leased source to cb. */
static int lease_run(store_t *s, sqlite3_stmt *st, store_source_cb cb, void *ctx)
{
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        return fail(s, "lease sources");
    }
    if (!n)
        return 0;
    char *list = ids_json(ids, n);
    free(ids);
    st = prep(s,
        "SELECT " SOURCE_COLUMNS " FROM sources s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT value FROM json_each(?1)) GROUP BY source_id) dc"
        "   ON dc.source_id = s.id"
        " WHERE s.id IN (SELECT value FROM json_each(?1)) ORDER BY s.id");
    if (!st) {
        free(list);
        return -1;
    }
    bind_text(st, 1, list);
    free(list);
    return sources_loop(s, st, cb, ctx);
}

/* trust: update --all, every source not fetched since the run began
 * (store_sources_lease_all) */
static int sq_sources_lease_all(store_t *s, int64_t since_ms, const char *now, const char *until,
                                const char *tracker, int64_t limit, store_source_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep(s,
        "UPDATE sources SET lease_until = ?3 WHERE id IN (SELECT id FROM sources"
        " WHERE kind IN ('feed', 'page')"
        " AND coalesce(done_ms, 0) < ?1"
        " AND (lease_until IS NULL OR lease_until <= ?2)"
        " AND (?4 IS NULL OR id IN (SELECT ts.source_id FROM tracker_sources ts"
        "   JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = ?4))"
        " ORDER BY id LIMIT ?5) RETURNING id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, since_ms);
    bind_text(st, 2, now);
    bind_text(st, 3, until);
    bind_text(st, 4, tracker);
    sqlite3_bind_int64(st, 5, limit > 0 ? limit : -1);
    return lease_run(s, st, cb, ctx);
}

static int sq_lease_set(store_t *s, const int64_t *ids, size_t n, const char *until)
{
    sqlite3_stmt *st = prep(s, "UPDATE sources SET lease_until = ?2 WHERE id IN (SELECT value FROM json_each(?1))");
    if (!st)
        return -1;
    char *list = ids_json(ids, n);
    bind_text(st, 1, list);
    free(list);
    bind_text(st, 2, until);
    return step_done(s, st, until ? "renew leases" : "release sources");
}

static int sq_sources_release(store_t *s, const int64_t *ids, size_t n)
{
    return sq_lease_set(s, ids, n, NULL);
}

static int sq_sources_renew(store_t *s, const int64_t *ids, size_t n, const char *until)
{
    return sq_lease_set(s, ids, n, until);
}

static int sq_sources_leased(store_t *s, const char *due, const char *now, const char *tracker, int64_t *n)
{
    sqlite3_stmt *st = prep(s,
        "SELECT count(*) FROM sources WHERE kind IN ('feed', 'page')"
        " AND (next_try IS NULL OR next_try <= ?1) AND lease_until > ?2"
        " AND (?3 IS NULL OR id IN (SELECT ts.source_id FROM tracker_sources ts"
        "   JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = ?3))");
    if (!st)
        return -1;
    bind_text(st, 1, due);
    bind_text(st, 2, now);
    bind_text(st, 3, tracker);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : fail(s, "leased sources");
}

/* The host's slot taken when its time has come (one statement); else the
 * milliseconds until it comes. The time is read inside the statement, once
 * it holds the write lock: a claim that waited for another process's
 * transaction does not start its delay in the past. */
#define SQ_NOW_MS "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
static int64_t sq_host_claim(store_t *s, const char *origin, int64_t delay_ms)
{
    sqlite3_stmt *st = prep(s,
        "INSERT INTO host_slots(host, next_at) VALUES (?1, " SQ_NOW_MS " + ?2)"
        " ON CONFLICT(host) DO UPDATE SET next_at = excluded.next_at WHERE next_at <= excluded.next_at - ?2");
    if (!st)
        return -1;
    bind_text(st, 1, origin);
    sqlite3_bind_int64(st, 2, delay_ms);
    if (step_done(s, st, "host slot") < 0)
        return -1;
    if (sqlite3_changes(s->db) > 0)
        return 0;
    st = prep(s, "SELECT next_at - " SQ_NOW_MS " FROM host_slots WHERE host = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, origin);
    int64_t wait = 1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
        wait = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, "host slot");
    return wait;
}

/* ---- trust: per-host connection slots across update runs ---- */

static int64_t sq_host_take(store_t *s, const char *origin, int max, int64_t hold_ms)
{
    sqlite3_stmt *st = prep(s,
        "INSERT INTO host_conns(host, until_ms) SELECT ?1, " SQ_NOW_MS " + ?3"
        " WHERE (SELECT count(*) FROM host_conns WHERE host = ?1 AND until_ms > " SQ_NOW_MS ") < ?2"
        " RETURNING id");
    if (!st)
        return -1;
    bind_text(st, 1, origin);
    sqlite3_bind_int(st, 2, max);
    sqlite3_bind_int64(st, 3, hold_ms);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(s, "host connection");
    return id;
}

static int sq_host_give(store_t *s, int64_t slot)
{
    sqlite3_stmt *st = prep(s, "DELETE FROM host_conns WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, slot);
    return step_done(s, st, "host connection");
}

/* ---- trust: a copy's earlier date ---- */

static int sq_doc_seen_earlier(store_t *s, int64_t doc_id, const char *published)
{
    sqlite3_stmt *st = prep(s, "UPDATE documents SET published = ?2"
                               " WHERE id = ?1 AND (published IS NULL OR ?2 < published)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, doc_id);
    bind_text(st, 2, published);
    if (step_done(s, st, "document date") < 0)
        return -1;
    if (sqlite3_changes(s->db) == 0)
        return 0;
    st = prep(s, "UPDATE events SET first_seen = ?2"
                 " WHERE id IN (SELECT event_id FROM event_mentions WHERE document_id = ?1)"
                 " AND (first_seen IS NULL OR ?2 < first_seen)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, doc_id);
    bind_text(st, 2, published);
    return step_done(s, st, "event date") < 0 ? -1 : 1;
}

/* ---- an answer's events read together (store.h: store_mentions_of ...) ---- */

/* a statement whose ?1 is ids, as a JSON array: the list drives, as in
 * store_events_by_id_sql (CROSS JOIN keeps that order; "IN (list)" was
 * planned as a scan of the table with a large store's statistics) */
static sqlite3_stmt *prep_ids(store_t *s, const char *sql, const int64_t *ids, size_t n)
{
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return NULL;
    char *list = store_ids_text(ids, n, "[", "]");
    sqlite3_bind_text(st, 1, list, -1, free);
    return st;
}

static int sq_mentions_of(store_t *s, const int64_t *ids, size_t n, store_mentions_of_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep_ids(s,
        "SELECT m.event_id, m.document_id, m.sentence, m.confidence"
        " FROM (SELECT DISTINCT value FROM json_each(?1)) j CROSS JOIN event_mentions m ON m.event_id = j.value"
        " JOIN documents d ON d.id = m.document_id"
        " ORDER BY m.event_id, coalesce(d.published, d.fetched), d.id", ids, n);
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((r = cb(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col_text(st, 2),
                    sqlite3_column_double(st, 3), ctx)))
            break;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = fail(s, "mentions");
    sqlite3_finalize(st);
    return r < 0 ? -1 : 0;
}

static int sq_docs_text_of(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep_ids(s,
        "SELECT d.id, 0, NULL, NULL, d.title, NULL, d.outlet, NULL, NULL, NULL, d.text, NULL, NULL"
        " FROM (SELECT DISTINCT value FROM json_each(?1)) j CROSS JOIN documents d ON d.id = j.value", ids, n);
    if (!st)
        return -1;
    return docs_loop(s, st, cb, ctx);
}

static int sq_event_changes_of(store_t *s, const int64_t *ids, size_t n, store_event_change_cb cb, void *ctx)
{
    sqlite3_stmt *st = prep_ids(s,
        "SELECT c.event_id, coalesce(c.document_id, 0), c.changed, c.field, c.was, c.now"
        " FROM (SELECT DISTINCT value FROM json_each(?1)) j CROSS JOIN event_changes c ON c.event_id = j.value"
        " ORDER BY c.event_id, c.id", ids, n);
    if (!st)
        return -1;
    return changes_loop(s, st, cb, ctx);
}

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .error = sq_error,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .source_put = sq_source_put,
    .source_remove = sq_source_remove,
    .sources_each = sq_sources_each,
    .sources_due = sq_sources_due,
    .source_update = sq_source_update,
    .doc_find = sq_doc_find,
    .doc_find_near = sq_doc_find_near,
    .doc_insert = sq_doc_insert,
    .doc_add_url = sq_doc_add_url,
    .doc_get = sq_doc_get,
    .docs_each = sq_docs_each,
    .event_record = sq_event_record,
    .events_each = sq_events_each,
    .events_by_ids = sq_events_by_ids,
    .event_keys = sq_event_keys,
    .data_version = sq_data_version,
    .generation = sq_generation,
    .events_changed = sq_events_changed,
    .event_keys_by_ids = sq_event_keys_by_ids,
    .mentions_each = sq_mentions_each,
    .search = sq_search,
    .tracker_put = sq_tracker_put,
    .tracker_config = sq_tracker_config,
    .trackers_each = sq_trackers_each,
    .tracker_last_edition = sq_tracker_last_edition,
    .tracker_set_last_edition = sq_tracker_set_last_edition,
    .edition_last = sq_edition_last,
    .edition_add = sq_edition_add,
    .alert_claim = sq_alert_claim,
    .alert_unclaim = sq_alert_unclaim,
    .count = sq_count,
    .doc_ids = sq_doc_ids,
    .redo_begin = sq_redo_begin,
    .redo_end = sq_redo_end,
    .event_prints = sq_event_prints,
    .doc_url_known = sq_doc_url_known,
    .alert_delivered = sq_alert_delivered,
    .alert_rule_since = sq_alert_rule_since,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
    .sources_page = sq_sources_page,
    .doc_replace = sq_doc_replace,
    .event_change_add = sq_event_change_add,
    .event_changes_each = sq_event_changes_each,
    .source_get = sq_source_get,
    .copy_rows = sq_copy_rows,
    .copy_insert = sq_copy_insert,
    .copy_clear = sq_copy_clear,
    .copy_done = sq_copy_done,
    .copy_count = sq_copy_count,
    .org_get = sq_org_get,
    .doc_mentions_each = sq_doc_mentions_each,
    .set_stop = sq_set_stop,
    .shrink = sq_shrink,
    .robots_get = sq_robots_get,
    .robots_put = sq_robots_put,
    .sources_lease = sq_sources_lease,
    .sources_release = sq_sources_release,
    .sources_renew = sq_sources_renew,
    .sources_leased = sq_sources_leased,
    .host_claim = sq_host_claim,
    .themes_get = sq_themes_get,
    .themes_put = sq_themes_put,
    .docs_meta_each = sq_docs_meta_each,
    .event_docs_each = sq_event_docs_each,
    .theme_log_last = sq_theme_log_last,
    .theme_log_each = sq_theme_log_each,
    .theme_mark_get = sq_theme_mark_get,
    .theme_mark_put = sq_theme_mark_put,
    .theme_log_prune = sq_theme_log_prune,
    .theme_row_get = sq_theme_row_get,
    .batch_begin = sq_batch_begin,
    .batch_end = sq_batch_end,
    .home_health = sq_home_health,
    .trackers_health = sq_trackers_health,
    .search_count = sq_search_count,
    .doc_seen_earlier = sq_doc_seen_earlier,
    .sources_lease_all = sq_sources_lease_all,
    .host_take = sq_host_take,
    .host_give = sq_host_give,
    .mentions_of = sq_mentions_of,
    .docs_text_of = sq_docs_text_of,
    .event_changes_of = sq_event_changes_of,
    .events_bare_each = sq_events_bare_each,
    .mentions_all = sq_mentions_all,
    .docs_dates_each = sq_docs_dates_each,
    .docs_listed = sq_docs_listed,
    .doc_event_prints = sq_doc_event_prints,
    .event_seq_prune = sq_event_seq_prune,
};
