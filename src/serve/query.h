/* query: the event filters of a web request (same as the CLI's `events`),
 * run against the store, sorted and paginated; the shared event cells. */
#ifndef MTRACK_QUERY_H
#define MTRACK_QUERY_H

#include <stdint.h>

#include "analyze/event.h"
#include "serve/server.h"
#include "publish/eventfmt.h"
#include "store/store.h"
#include "util/buf.h"

#define EVQ_LIMIT_DEFAULT 50
#define EVQ_LIMIT_MAX 500

typedef enum evq_sort { EVQ_DATE, EVQ_TYPE, EVQ_ORG, EVQ_USD, EVQ_SOURCES } evq_sort;

/* The query parameters evq_parse reads (an events list's filters, sort
 * and limit), for the lists of what an address takes. */
#define EVQ_KEYS "type", "theme", "since", "until", "min_usd", "country", "org", "investor", "sort", "order", "limit"

typedef struct ev_query {
    event_filter f;           /* strings borrowed from the request */
    int theme;                /* theme index, -1 for any */
    evq_sort sort;
    int asc;                  /* 1: ascending */
    int64_t limit, offset;
} ev_query;

typedef struct ev_row {
    event_t e;                /* owned copy */
    int64_t id;
    char first_seen[32];
    int64_t mentions;
    int theme;                /* theme index or -1 */
} ev_row;

typedef struct ev_page {
    ev_row *rows;
    size_t n, cap;
    int more;                 /* 1: there are rows after these */
    int64_t total;            /* all matching rows (always counted) */
} ev_page;

/* Reads the filters, sort and page of request r for tracker t. Returns 0,
 * or -1 with a message for a 400 answer in why. */
int evq_parse(const serve_req *r, const tracker_def *t, ev_query *q, char *why, size_t whylen);
/* Runs q; p gets the page (ev_page_free). Returns 0, -1 on a store error. */
int evq_run(store_t *s, const tracker_def *t, const ev_query *q, ev_page *p);
void ev_page_free(ev_page *p);

/* The theme index of a stored event (from its first mention's text). */
int evq_event_theme(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id);
/* The generation of the data handle s reads (store_generation): the key
 * of every answer the server keeps. */
int evq_version(store_t *s, int64_t *gen);
/* 1 when an event index older than the request's data answered on this
 * thread since the last reset (another request was bringing it up to
 * date): such an answer is not kept. reset: set it back to 0. */
int evq_stale(int reset);
/* Drops the event indexes (every tracker's events, sort orders and themes,
 * made for one generation of the data and patched to the next: evq_run
 * pages through them). */
void evq_forget(void);

#endif
