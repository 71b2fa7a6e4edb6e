/* The plans of the queries the server runs per request (issue 15): an
 * event page is looked up by key, never by a scan of events or documents;
 * the index the server builds once per data version reads events in key
 * order without a sort. */
#include <sqlite3.h>
#include <unistd.h>

#include "check.h"
#include "store/store.h"

static char db_path[256];

/* The plan of sql as one line ("SCAN e; SEARCH m USING ..."). */
static void plan_of(const char *sql, char *out, size_t outsz)
{
    sqlite3 *db = NULL;
    out[0] = '\0';
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return;
    char q[4096];
    snprintf(q, sizeof q, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK) {
        size_t len = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *d = (const char *)sqlite3_column_text(st, 3);
            int n = snprintf(out + len, outsz - len, "%s%s", len ? "; " : "", d ? d : "");
            if (n < 0 || (size_t)n >= outsz - len)
                break;
            len += (size_t)n;
        }
    } else
        snprintf(out, outsz, "prepare failed: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* A full scan of a table: "SCAN e" or "SCAN events", not "SCAN ... USING
 * COVERING INDEX" of a small table nor a "SEARCH". */
static int scans(const char *plan, const char *alias)
{
    char pat[64];
    snprintf(pat, sizeof pat, "SCAN %s", alias);
    for (const char *p = strstr(plan, pat); p; p = strstr(p + 1, pat)) {
        char next = p[strlen(pat)];
        if (next == '\0' || next == ';' || next == ' ')
            return 1;
    }
    return 0;
}

static void test_event_page_by_key(void)
{
    char plan[2048];
    plan_of(store_events_by_id_sql, plan, sizeof plan);
    printf("# events by id: %s\n", plan);
    CHECK(strstr(plan, "SEARCH e USING INTEGER PRIMARY KEY") != NULL);
    CHECK(!scans(plan, "e"));
    CHECK(!scans(plan, "m"));
    CHECK(!scans(plan, "events"));
    CHECK(!scans(plan, "documents"));
    CHECK(!scans(plan, "event_mentions"));
}

static void test_event_index_build(void)
{
    char plan[2048];
    plan_of(store_event_keys_sql, plan, sizeof plan);
    printf("# event index: %s\n", plan);
    /* every event once, in key order (no sort), each one's mentions by key */
    CHECK(strstr(plan, "TEMP B-TREE") == NULL);
    CHECK(!scans(plan, "m"));
    CHECK(!scans(plan, "documents"));
    CHECK(strstr(plan, "SEARCH m USING") != NULL);
}

/* issue 15: the server's check of the data's generation is one row; the
 * events changed since an index was made come from event_seq's index on
 * seq, and their keys by id, as a page's rows */
static void test_event_index_patch(void)
{
    char plan[2048];
    plan_of(store_generation_sql, plan, sizeof plan);
    printf("# generation: %s\n", plan);
    CHECK(strstr(plan, "SEARCH store_stats USING INTEGER PRIMARY KEY") != NULL);
    plan_of(store_events_changed_sql, plan, sizeof plan);
    printf("# events changed: %s\n", plan);
    CHECK(strstr(plan, "SEARCH event_seq USING") != NULL && strstr(plan, "event_seq_seq") != NULL);
    CHECK(!scans(plan, "event_seq"));
    plan_of(store_event_keys_by_id_sql, plan, sizeof plan);
    printf("# event keys by id: %s\n", plan);
    CHECK(strstr(plan, "SEARCH e USING INTEGER PRIMARY KEY") != NULL);
    CHECK(!scans(plan, "e"));
    CHECK(!scans(plan, "m"));
    CHECK(!scans(plan, "events"));
    CHECK(!scans(plan, "event_mentions"));
}

/* The report's reads (issue 15: report under 1 s): each one pass over an
 * index or a table in the order it keeps, no subquery per event, no sort
 * of a whole table, the listed documents by key. */
static void test_report_reads(void)
{
    char plan[2048];
    plan_of(store_events_bare_sql, plan, sizeof plan);
    printf("# report events: %s\n", plan);
    CHECK(strstr(plan, "SCAN e USING INDEX events_first_seen") != NULL);
    CHECK(strstr(plan, "TEMP B-TREE") == NULL);
    CHECK(strstr(plan, "SUBQUERY") == NULL);
    CHECK(strstr(plan, "event_mentions") == NULL);
    plan_of(store_mentions_all_sql, plan, sizeof plan);
    printf("# report mentions: %s\n", plan);
    CHECK(strstr(plan, "TEMP B-TREE") == NULL);
    CHECK(!scans(plan, "events") && !scans(plan, "documents"));
    plan_of(store_docs_dates_sql, plan, sizeof plan);
    printf("# report documents: %s\n", plan);
    CHECK(strstr(plan, "SCAN d USING COVERING INDEX documents_listed") != NULL);
    CHECK(strstr(plan, "TEMP B-TREE") == NULL);
    plan_of(store_docs_listed_sql, plan, sizeof plan);
    printf("# report listed documents: %s\n", plan);
    CHECK(strstr(plan, "SEARCH d USING INTEGER PRIMARY KEY") != NULL);
    CHECK(!scans(plan, "d") && !scans(plan, "documents"));
}

int main(void)
{
    snprintf(db_path, sizeof db_path, "/tmp/mtrack-test-plan-%d.db", (int)getpid());
    char why[512];
    store_t *s = store_open(db_path, why, sizeof why);
    if (!s) {
        printf("store_open: %s\n", why);
        return 1;
    }
    store_close(s);
    RUN(test_event_page_by_key);
    RUN(test_event_index_build);
    RUN(test_event_index_patch);
    RUN(test_report_reads);
    char p[300];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
    return check_failed_total != 0;
}
