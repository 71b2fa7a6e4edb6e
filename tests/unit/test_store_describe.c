/* The store keeps an event's descriptor and purpose (migration 9): the
 * first mention's, a noun phrase winning over a "which ..." clause and over
 * "based in X" from a later mention. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "analyze/investor.h"

#include "check.h"
#include "store_backends.h"
#include "store/store.h"
#include "util/str.h"

static int64_t add_doc(store_t *s, const char *hash)
{
    doc_rec d = {.title = "t", .text = hash, .content_hash = hash, .published = "2026-03-10T00:00:00Z"};
    int64_t id = 0;
    store_doc_insert(s, &d, &id);
    return id;
}

static void record(store_t *s, int64_t doc, const char *descriptor, const char *purpose)
{
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_FUNDING);
    e->company = xstrdup("Orrin Fabric");
    e->amount_usd = e->amount_value = 6e7;
    memcpy(e->currency, "USD", 4);
    e->sentence = xstrdup("s");
    e->confidence = 0.9;
    e->descriptor = descriptor ? xstrdup(descriptor) : NULL;
    e->purpose = purpose ? xstrdup(purpose) : NULL;
    CHECK(store_event_record(s, doc, e, "2026-03-10", NULL) == 0);
    event_list_free(&l);
}

typedef struct got { char *descriptor, *purpose; int n; } got;

static int take(const event_t *e, const event_meta *m, void *ctx)
{
    got *g = ctx;
    g->n++;
    free(g->descriptor);
    free(g->purpose);
    g->descriptor = e->descriptor ? xstrdup(e->descriptor) : NULL;
    g->purpose = e->purpose ? xstrdup(e->purpose) : NULL;
    return 0;
}

static void best_descriptor_kept(void)
{
    store_t *s = store_fresh("ud1.db"); /* of the back end in turn (store_backends.h) */
    CHECK(s != NULL);
    if (!s)
        return;
    record(s, add_doc(s, "h1"), "based in Munich", NULL);
    record(s, add_doc(s, "h2"), "which makes optical interconnects", "to expand its factory");
    record(s, add_doc(s, "h3"), "a Munich-based maker of optical interconnects", "to hire engineers");
    record(s, add_doc(s, "h4"), "which builds chips", NULL);
    got g = {0};
    CHECK(store_events_each(s, NULL, take, &g) == 0);
    CHECK(g.n == 1);
    CHECK_STR(g.descriptor, "a Munich-based maker of optical interconnects");
    CHECK_STR(g.purpose, "to expand its factory");
    free(g.descriptor);
    free(g.purpose);
    store_close(s);
    unlink("ud1.db");
}

static const char *status_got;

static int take_status(const event_t *e, const event_meta *m, void *ctx)
{
    int *n = ctx;
    (*n)++;
    status_got = e->status;
    return 0;
}

static void deal(store_t *s, int64_t doc, const char *status)
{
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_ACQUISITION);
    e->acquirer = xstrdup("Harrow Systems");
    e->target = xstrdup("Quillon Optics");
    e->sentence = xstrdup("s");
    e->confidence = 0.9;
    e->status = status;
    CHECK(store_event_record(s, doc, e, "2026-03-10", NULL) == 0);
    event_list_free(&l);
}

/* An acquisition keeps how far its sources say it went (migration 11):
 * "completed" from a later report wins over "pending", and an earlier
 * wording does not take it back. */
static void deal_status_furthest(void)
{
    store_t *s = store_fresh("ud2.db");
    CHECK(s != NULL);
    if (!s)
        return;
    deal(s, add_doc(s, "d1"), "announced");
    int n = 0;
    CHECK(store_events_each(s, NULL, take_status, &n) == 0);
    CHECK_STR(status_got, "announced");
    deal(s, add_doc(s, "d2"), "pending");
    deal(s, add_doc(s, "d3"), "completed");
    deal(s, add_doc(s, "d4"), "pending");
    deal(s, add_doc(s, "d5"), NULL);
    n = 0;
    CHECK(store_events_each(s, NULL, take_status, &n) == 0);
    CHECK(n == 1);
    CHECK_STR(status_got, "completed");
    store_close(s);
    unlink("ud2.db");
}

static double gpus_got;
static char *backers_got;

static int take_infra(const event_t *e, const event_meta *m, void *ctx)
{
    int *n = ctx;
    (*n)++;
    gpus_got = e->gpus;
    free(backers_got);
    backers_got = e->n_investors == 1 ? xstrdup(e->investors[0]) : e->n_investors ? xstrdup("(more than one)") : NULL;
    return 0;
}

static void project(store_t *s, int64_t doc, double gpus, const char *backer)
{
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_INFRASTRUCTURE);
    e->organization = xstrdup("Tessaro Cloud");
    e->what = xstrdup("AI data centre in Leeds");
    e->capacity_mw = 200;
    e->gpus = gpus;
    if (backer)
        investor_add(e, backer, 0);
    e->sentence = xstrdup("s");
    e->confidence = 0.8;
    CHECK(store_event_record(s, doc, e, "2026-03-10", NULL) == 0);
    event_list_free(&l);
}

/* An infrastructure project keeps its GPU count (migration 12: the first
 * source that tells one) and who pays for it (its investors), whatever a
 * later source leaves out; a project no source gives GPUs has none. */
static void project_gpus_and_backers(void)
{
    store_t *s = store_fresh("ud3.db");
    CHECK(s != NULL);
    if (!s)
        return;
    project(s, add_doc(s, "p1"), NAN, NULL);
    int n = 0;
    CHECK(store_events_each(s, NULL, take_infra, &n) == 0);
    CHECK(n == 1 && isnan(gpus_got) && backers_got == NULL);
    project(s, add_doc(s, "p2"), 24000, "Harbour Infrastructure Bank");
    project(s, add_doc(s, "p3"), 30000, NULL);
    n = 0;
    CHECK(store_events_each(s, NULL, take_infra, &n) == 0);
    CHECK(n == 1);
    CHECK(gpus_got == 24000);
    CHECK_STR(backers_got, "Harbour Infrastructure Bank");
    free(backers_got);
    backers_got = NULL;
    store_close(s);
    unlink("ud3.db");
}

int main(void)
{
    RUN_STORES(best_descriptor_kept);
    RUN_STORES(deal_status_furthest);
    RUN_STORES(project_gpus_and_backers);
    return check_failed_total ? 1 : 0;
}
