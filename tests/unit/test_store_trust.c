/* Unit tests of what the store keeps true whatever order its writers come
 * in (issue 16, "trust"), on both back ends (store_backends.h). */
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "store_backends.h"
#include "sources/ingest.h"
#include "store/store.h"
#include "util/str.h"

/* our own story, told twice with the same words */
static const char story[] =
    "Caldera Compute, a Leeds-based maker of inference chips, raised $50 million in a Series A "
    "round led by Northwind Ventures, the company said on Tuesday.\n\n"
    "The start-up will use the capital to hire engineers and build its first production run "
    "of accelerator cards for data centres in northern England.";

static int ingest(store_t *s, const char *url, const char *published)
{
    ingest_doc d = {.url = url, .title = "Caldera Compute raises $50 million", .outlet = "Test Wire",
                    .published = published, .text = story};
    ingest_stats st = {0};
    char why[256];
    int rc = ingest_document(s, &d, &st, why, sizeof why);
    if (rc < 0)
        printf("# ingest %s: %s\n", url, why);
    return rc;
}

typedef struct dates {
    char doc[40], event[40];
    int docs, events;
} dates;

static int doc_date(const doc_rec *d, void *ctx)
{
    dates *w = ctx;
    w->docs++;
    snprintf(w->doc, sizeof w->doc, "%s", d->published ? d->published : "");
    return 0;
}

static int event_date(const event_t *e, const event_meta *m, void *ctx)
{
    dates *w = ctx;
    w->events++;
    snprintf(w->event, sizeof w->event, "%s", m->first_seen ? m->first_seen : "");
    return 0;
}

static void read_dates(store_t *s, dates *w)
{
    memset(w, 0, sizeof *w);
    CHECK(store_docs_each(s, NULL, doc_date, w) == 0);
    event_filter f;
    event_filter_init(&f);
    CHECK(store_events_each(s, &f, event_date, w) == 0);
}

/* A re-published copy that arrives later but was published earlier dates
 * the document and its event; a later copy moves nothing. */
static void store_copy_earlier_dates_story(void)
{
    store_t *s = store_fresh("trust1.db");
    CHECK(s);
    if (!s)
        return;
    dates w;
    CHECK(ingest(s, "https://second.example/caldera", "2026-03-10T09:00:00Z") == 0);
    read_dates(s, &w);
    CHECK_NUM(w.docs, 1);
    CHECK_NUM(w.events, 1);
    CHECK_STR(w.doc, "2026-03-10T09:00:00Z");
    CHECK(ingest(s, "https://first.example/caldera", "2026-03-04T07:30:00Z") == 0);
    read_dates(s, &w);
    CHECK_NUM(w.docs, 1);
    CHECK_NUM(w.events, 1);
    CHECK_STR(w.doc, "2026-03-04T07:30:00Z");
    CHECK(strncmp(w.event, "2026-03-04", 10) == 0);
    if (strncmp(w.event, "2026-03-04", 10) != 0)
        printf("# event first_seen %s\n", w.event);
    CHECK(ingest(s, "https://third.example/caldera", "2026-03-20T12:00:00Z") == 0);
    CHECK(ingest(s, "https://fourth.example/caldera", NULL) == 0);
    read_dates(s, &w);
    CHECK_STR(w.doc, "2026-03-04T07:30:00Z");
    CHECK(strncmp(w.event, "2026-03-04", 10) == 0);
    store_close(s);
}

/* ---- raw SQL on the store of the test (store_fresh_path), either back end ---- */

/* Runs sql; the first column of its first row into out (may be NULL: "" when
 * none). Returns 0, or -1 (said). */
static int raw(const char *sql, char *out, size_t n)
{
    if (out)
        *out = '\0';
    int rc = 0;
    if (store_on_pg) {
        PGconn *c = PQconnectdb(store_fresh_path);
        PQsetNoticeProcessor(c, pg_quiet, NULL);
        PGresult *r = PQexec(c, sql);
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            printf("# %s: %s", sql, PQresultErrorMessage(r));
            rc = -1;
        } else if (out && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)) {
            snprintf(out, n, "%s", PQgetvalue(r, 0, 0));
        }
        PQclear(r);
        PQfinish(c);
        return rc;
    }
    sqlite3 *db;
    if (sqlite3_open(store_fresh_path, &db) != SQLITE_OK) {
        printf("# open %s: %s\n", store_fresh_path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 5000);
    const char *tail = sql;
    while (rc == 0 && tail && *tail) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
            printf("# %s: %s\n", sql, sqlite3_errmsg(db));
            rc = -1;
            break;
        }
        if (!st)
            break;
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW && out && !*out && sqlite3_column_text(st, 0))
            snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
        else if (step != SQLITE_ROW && step != SQLITE_DONE) {
            printf("# %s: %s\n", sql, sqlite3_errmsg(db));
            rc = -1;
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return rc;
}

static void raw_is(const char *sql, const char *want)
{
    char got[256];
    CHECK(raw(sql, got, sizeof got) == 0);
    CHECK_STR(got, want);
}

/* A store from before sources' URLs were kept normalised: upper-case
 * schemes and hosts, two spellings of one feed, each with its tracker,
 * documents and fetch state. Opened by this mtrack, each URL is
 * normalised, and the two spellings become one source that keeps the
 * older's id and title, the fresher fetch state, both trackers' links and
 * every document. (The schema is set back to the version before the
 * migration: SQLite 14, PostgreSQL 11; a migration added before this one
 * changes those numbers.) */
static void store_old_source_urls_normalised(void)
{
    store_t *s = store_fresh("trust2.db");
    CHECK(s);
    if (!s)
        return;
    CHECK(raw("INSERT INTO trackers(id, name, title, config) VALUES (7, 'old', 'Old', '');"
              "INSERT INTO trackers(id, name, title, config) VALUES (8, 'other', 'Other', '');"
              "INSERT INTO sources(id, url, title, kind, added, etag, last_success, interval_s)"
              " VALUES (31, 'HTTP://Feeds.Example.COM/Tech?Topic=AI', 'Tech feed', 'feed',"
              " '2026-01-01T00:00:00Z', '\"a\"', '2026-03-01T00:00:00Z', 900);"
              "INSERT INTO sources(id, url, title, kind, added, etag, last_success, interval_s)"
              " VALUES (32, 'http://feeds.example.com/Tech?Topic=AI', NULL, 'feed',"
              " '2026-02-01T00:00:00Z', '\"b\"', '2026-03-05T00:00:00Z', 1800);"
              "INSERT INTO sources(id, url, title, kind, added)"
              " VALUES (33, 'https://Ann:Secret@Wire.Example/Feed', 'Wire', 'feed', '2026-01-02T00:00:00Z');"
              "INSERT INTO tracker_sources(tracker_id, source_id) VALUES (7, 31);"
              "INSERT INTO tracker_sources(tracker_id, source_id) VALUES (7, 32);"
              "INSERT INTO tracker_sources(tracker_id, source_id) VALUES (8, 32);",
              NULL, 0) == 0);
    ingest_doc d = {.url = "http://feeds.example.com/caldera", .title = "Caldera Compute raises $50 million",
                    .outlet = "Test Wire", .published = "2026-03-04T07:30:00Z", .text = story, .source_id = 32};
    ingest_stats st = {0};
    char why[256];
    CHECK(ingest_document(s, &d, &st, why, sizeof why) == 0);
    store_close(s);
    /* (migrations 16 and 17, PostgreSQL's 13, 14 and 15, after it: undone) */
    CHECK(raw(store_on_pg ? "ALTER TABLE sources DROP COLUMN done_ms; DROP TABLE host_conns;"
                            " DROP FUNCTION mtrack_host_take; DROP INDEX documents_listed;"
                            " UPDATE mtrack_schema SET version = 11"
                          : "ALTER TABLE sources DROP COLUMN done_ms; DROP TABLE host_conns;"
                            " PRAGMA user_version = 14",
              NULL, 0) == 0);
    char whyo[512];
    s = store_open(store_fresh_path, whyo, sizeof whyo);
    CHECK(s);
    if (!s) {
        printf("# reopen: %s\n", whyo);
        return;
    }
    store_close(s);
    raw_is("SELECT count(*) FROM sources", "2");
    raw_is("SELECT url FROM sources WHERE id = 31", "http://feeds.example.com/Tech?Topic=AI");
    raw_is("SELECT url FROM sources WHERE id = 33", "https://Ann:Secret@wire.example/Feed");
    raw_is("SELECT title || ' ' || etag || ' ' || last_success || ' ' || interval_s || ' ' || added"
           " FROM sources WHERE id = 31",
           "Tech feed \"b\" 2026-03-05T00:00:00Z 1800 2026-01-01T00:00:00Z");
    raw_is("SELECT count(*) FROM tracker_sources", "2");
    raw_is("SELECT count(*) FROM tracker_sources WHERE source_id = 31", "2");
    raw_is("SELECT count(*) FROM documents WHERE source_id = 31", "1");
    raw_is("SELECT count(*) FROM document_urls WHERE source_id = 31", "1");
    raw_is("SELECT count(*) FROM documents WHERE source_id IS NULL OR source_id <> 31", "0");
    /* found by either spelling, as before */
    s = store_open(store_fresh_path, whyo, sizeof whyo);
    if (s) {
        CHECK_NUM(store_source_get(s, 0, "HTTP://FEEDS.example.com/Tech?Topic=AI", NULL, NULL), 1);
        store_close(s);
    }
}

/* A host's connection slots across workers: at most max held at once, a
 * slot given back is free again, a slot whose time ran out is not
 * counted (its worker died). */
static void store_host_connections_capped(void)
{
    store_t *s = store_fresh("trust3.db");
    CHECK(s);
    if (!s)
        return;
    store_t *t = store_open(store_fresh_path, (char[256]){0}, 256); /* another worker */
    CHECK(t);
    if (!t) {
        store_close(s);
        return;
    }
    const char *h = "http://h0.example:80";
    int64_t a = store_host_take(s, h, 2, 60000), b = store_host_take(t, h, 2, 60000);
    CHECK(a > 0 && b > 0 && a != b);
    CHECK_NUM(store_host_take(s, h, 2, 60000), 0);
    CHECK_NUM(store_host_take(t, h, 2, 60000), 0);
    CHECK(store_host_take(t, "http://h1.example:80", 2, 60000) > 0); /* another host */
    CHECK(store_host_give(s, a) == 0);
    int64_t c = store_host_take(t, h, 2, 60000);
    CHECK(c > 0);
    CHECK_NUM(store_host_take(s, h, 2, 60000), 0);
    CHECK(store_host_give(t, b) == 0 && store_host_give(t, c) == 0);
    /* held for 1 ms by a worker that died: free after it */
    CHECK(store_host_take(s, h, 2, 1) > 0 && store_host_take(s, h, 2, 1) > 0);
    usleep(30 * 1000);
    CHECK(store_host_take(t, h, 2, 60000) > 0);
    store_close(t);
    store_close(s);
}

int main(void)
{
    RUN_STORES(store_copy_earlier_dates_story);
    RUN_STORES(store_old_source_urls_normalised);
    RUN_STORES(store_host_connections_capped);
    CHECK_DONE();
}
