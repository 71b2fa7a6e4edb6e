/* Unit tests of read transactions (issue 12 item 11): a report or an
 * answer made of many reads sees one state of the store while another
 * handle writes. */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "store_backends.h"
#include "publish/report.h"
#include "sources/tracker.h"
#include "store/store.h"
#include "util/str.h"

/* a new store of the back end in turn (store_backends.h) */
static store_t *fresh(const char *name)
{
    return store_fresh(name);
}

/* another handle on the store fresh made last */
static store_t *reopen(const char *name)
{
    char why[256];
    store_t *s = store_open(store_on_pg ? store_fresh_path : name, why, sizeof why);
    if (!s)
        printf("store_open: %s\n", why);
    return s;
}

/* A document of our own words with one funding round in it. */
static int add_story(store_t *s, const char *key, const char *date, const char *company, double usd)
{
    char text[256], url[128], published[32];
    snprintf(text, sizeof text, "%s raised a round of %.1f million dollars (%s).", company,
             usd / 1e6, key);
    snprintf(url, sizeof url, "https://example.test/%s", key);
    snprintf(published, sizeof published, "%sT09:00:00Z", date);
    doc_rec d = {.url = url, .title = text, .text = text, .content_hash = key,
                 .outlet = "Example Wire", .published = published,
                 .fetched = "2026-03-20T00:00:00Z"};
    int64_t id = 0;
    if (store_begin(s) < 0)
        return -1;
    if (store_doc_insert(s, &d, &id) < 0) {
        store_rollback(s);
        return -1;
    }
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_FUNDING);
    e->company = xstrdup(company);
    e->amount_usd = e->amount_value = usd;
    memcpy(e->currency, "USD", 4);
    e->round = xstrdup("Series B");
    e->sentence = xstrdup(text);
    e->confidence = 0.9;
    int rc = store_event_record(s, id, e, date, NULL);
    event_list_free(&l);
    if (rc < 0 || store_commit(s) < 0) {
        store_rollback(s);
        return -1;
    }
    return 0;
}

static int64_t count_docs(store_t *s)
{
    store_counts c;
    return store_count(s, &c) < 0 ? -1 : c.documents;
}

static void read_txn_hides_other_commits(void)
{
    store_t *a = fresh("snap1.db"), *b = reopen("snap1.db");
    CHECK(a && b);
    if (!a || !b)
        return;
    CHECK(add_story(b, "k1", "2026-03-01", "Lumenor Photonics", 91.8e6) == 0);
    CHECK(store_read_begin(a) == 0);
    CHECK(count_docs(a) == 1);
    CHECK(add_story(b, "k2", "2026-03-02", "Corvane Networks", 40e6) == 0);
    CHECK(count_docs(b) == 2);
    CHECK(count_docs(a) == 1); /* the other handle's commit is not seen */
    /* an inner pair is part of the outer one */
    CHECK(store_read_begin(a) == 0);
    CHECK(count_docs(a) == 1);
    CHECK(store_read_end(a) == 0);
    CHECK(add_story(b, "k3", "2026-03-03", "Ashgrove Labs", 12e6) == 0);
    CHECK(count_docs(a) == 1);
    CHECK(store_read_end(a) == 0);
    CHECK(count_docs(a) == 3); /* after the pair: the store as it is */
    /* an unpaired end is harmless */
    CHECK(store_read_end(a) == 0);
    CHECK(count_docs(a) == 3);
    store_close(a);
    store_close(b);
}

static void read_txn_inside_write_txn(void)
{
    store_t *a = fresh("snap2.db");
    CHECK(a);
    if (!a)
        return;
    CHECK(store_begin(a) == 0);
    CHECK(store_read_begin(a) == 0);
    CHECK(count_docs(a) == 0);
    CHECK(store_read_end(a) == 0);
    /* the write transaction is still open and commits */
    int64_t id = 0;
    doc_rec d = {.url = "https://example.test/w", .title = "w", .text = "our words",
                 .content_hash = "w1", .published = "2026-03-01T00:00:00Z"};
    CHECK(store_doc_insert(a, &d, &id) == 0);
    CHECK(store_commit(a) == 0);
    CHECK(count_docs(a) == 1);
    store_close(a);
}

static int stop_at_first(const event_t *e, const event_meta *m, void *ctx)
{
    ++*(int *)ctx;
    return 1;
}

/* A listing stopped early inside the pair still lets the pair end: the
 * handle sees what others commit afterwards. */
static void read_txn_ends_after_early_stop(void)
{
    store_t *a = fresh("snap5.db"), *b = reopen("snap5.db");
    CHECK(a && b);
    if (!a || !b)
        return;
    CHECK(add_story(b, "e1", "2026-03-01", "Lumenor Photonics", 91.8e6) == 0);
    CHECK(add_story(b, "e2", "2026-03-02", "Corvane Networks", 40e6) == 0);
    CHECK(store_read_begin(a) == 0);
    event_filter f;
    event_filter_init(&f);
    int n = 0;
    CHECK(store_events_each(a, &f, stop_at_first, &n) == 0 && n == 1);
    CHECK(store_read_end(a) == 0);
    CHECK(add_story(b, "e3", "2026-03-03", "Ashgrove Labs", 12e6) == 0);
    CHECK(count_docs(a) == 3);
    store_close(a);
    store_close(b);
}

/* ---- a report built while another handle writes ---- */

#define WRITES 24

static sqlite3 *traced;       /* the report's connection */
static int arm_next;          /* trace the next connection opened */
static int writing;           /* write before each statement of traced */
static int writes_done;
static store_t *writer;

/* Write k: one more story of Lumenor's round, published a day earlier than
 * the last, so that the merged event's first-seen date and sources move. */
static int apply_write(store_t *s, int k)
{
    char key[16], date[32];
    snprintf(key, sizeof key, "w%02d", k);
    snprintf(date, sizeof date, "2026-02-%02d", 28 - k);
    return add_story(s, key, date, "Lumenor Photonics", 91.8e6);
}

static int apply_base(store_t *s)
{
    return add_story(s, "b1", "2026-03-01", "Lumenor Photonics", 91.8e6) |
           add_story(s, "b2", "2026-03-02", "Corvane Networks", 40e6) |
           add_story(s, "b3", "2026-03-03", "Ashgrove Labs", 12e6);
}

static int on_stmt(unsigned type, void *ctx, void *p, void *x)
{
    if (writing && writes_done < WRITES) {
        writes_done++;
        if (apply_write(writer, writes_done) < 0)
            printf("write %d failed: %s\n", writes_done, store_error(writer));
    }
    return 0;
}

static int trace_entry(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
    if (arm_next) {
        arm_next = 0;
        traced = db;
        sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_stmt, NULL);
    }
    return SQLITE_OK;
}

static char *report_json(store_t *s, const tracker_def *t)
{
    report_opts o = {.format = REPORT_JSON, .now = "2026-03-20T12:00:00Z", .top = -1};
    buf_t out;
    buf_init(&out, 0);
    char why[256];
    if (report_write(s, t, &o, &out, NULL, why, sizeof why) < 0) {
        printf("report: %s\n", why);
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out);
}

static void report_is_one_state(void)
{
    tracker_def t;
    char why[256];
    CHECK(tracker_parse(tracker_default_config(), &t, why, sizeof why) == 0);
    /* the report of each state the writes go through: base, base + 1, ... */
    char *states[WRITES + 1] = {0};
    store_t *r = fresh("snap3.db");
    CHECK(r && apply_base(r) == 0);
    for (int k = 0; r && k <= WRITES; k++) {
        if (k)
            CHECK(apply_write(r, k) == 0);
        states[k] = report_json(r, &t);
        CHECK(states[k] != NULL);
    }
    store_close(r);

    /* the same writes, made by another handle between the report's reads */
    writer = fresh("snap4.db");
    CHECK(writer && apply_base(writer) == 0);
    sqlite3_auto_extension((void (*)(void))trace_entry);
    arm_next = 1;
    store_t *s = reopen("snap4.db");
    CHECK(s && traced);
    writing = 1;
    char *during = s ? report_json(s, &t) : NULL;
    writing = 0;
    CHECK(during != NULL);
    CHECK(writes_done >= 3); /* the writes did come between reads */
    int same = -1;
    for (int k = 0; during && k <= writes_done; k++)
        if (states[k] && strcmp(states[k], during) == 0)
            same = k;
    if (same < 0 && during)
        printf("# the report built during %d writes is none of the states:\n%s\n", writes_done,
               during);
    CHECK(same >= 0);
    /* afterwards, the last state */
    char *after = s ? report_json(s, &t) : NULL;
    CHECK(after && states[writes_done] && strcmp(after, states[writes_done]) == 0);
    free(after);
    free(during);
    for (int k = 0; k <= WRITES; k++)
        free(states[k]);
    sqlite3_reset_auto_extension();
    store_close(s);
    store_close(writer);
    tracker_free(&t);
}

int main(void)
{
    RUN_STORES(read_txn_hides_other_commits);
    RUN_STORES(read_txn_inside_write_txn);
    RUN_STORES(read_txn_ends_after_early_stop);
    RUN(report_is_one_state);
    return check_failed_total ? 1 : 0;
}
