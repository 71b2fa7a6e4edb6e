/* Unit tests of what the store keeps true whatever order its writers come
 * in (issue 16, "trust"), on both back ends (store_backends.h). */
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

int main(void)
{
    RUN_STORES(store_copy_earlier_dates_story);
    CHECK_DONE();
}
