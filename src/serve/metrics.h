/* metrics: request counters and latency histograms by route, and the
 * Prometheus text exposition of them with the store's counts. */
#ifndef MTRACK_METRICS_H
#define MTRACK_METRICS_H

#include "store/store.h"
#include "util/buf.h"

/* Counts one request of route (a static name; unknown names count as
 * "other") answered with status after seconds. Thread-safe. */
void metrics_record(const char *route, int status, double seconds);
/* Writes every metric in Prometheus text format 0.0.4 into out. Returns 0,
 * -1 on a store error. */
int metrics_write(store_t *s, buf_t *out);

#endif
