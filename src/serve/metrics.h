/* metrics: request counters and latency histograms by route, and the
 * Prometheus text exposition of them with the store's counts. */
#ifndef MTRACK_METRICS_H
#define MTRACK_METRICS_H

#include "store/store.h"
#include "util/buf.h"

/* Counts one request of route (a static name; unknown names count as
 * "other") answered with status after seconds. Thread-safe. */
void metrics_record(const char *route, int status, double seconds);
/* Counts one answer of route (as metrics_record's) asked of the server's
 * caches (serve/acache.h, serve/rcache.h): hit 1 when taken from one, 2
 * when the report page before was taken while it is built again, 0 when
 * computed. Thread-safe. */
void metrics_cache(const char *route, int hit);
/* Counts one event index made (serve/query.c): patched with what changed
 * since the last one, or read whole. Thread-safe. */
void metrics_event_index(int patched);
/* Writes every metric in Prometheus text format 0.0.4 into out. Returns 0,
 * -1 on a store error. */
int metrics_write(store_t *s, buf_t *out);

#endif
