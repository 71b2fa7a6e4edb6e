/* poll: how often to poll a source, adapted to how often it publishes. */
#ifndef MTRACK_POLL_H
#define MTRACK_POLL_H

#include <stddef.h>
#include <stdint.h>

#define POLL_MIN_S (15 * 60)        /* never more often than every 15 min */
#define POLL_MAX_S (24 * 3600)      /* never less often than daily */
#define POLL_DEFAULT_S 3600         /* a new source's interval */
#define POLL_FAIL_BASE_S (5 * 60)   /* first retry after a failure */

/* The next polling interval in seconds after a successful poll. prev is
 * the interval in force (0 or less: POLL_DEFAULT_S); new_items how many new
 * documents the poll brought; gap_s the typical time between the source's
 * items (the median gap between their dates, 0 when unknown). New items
 * halve the interval (and it never stays above a known gap); no new items
 * grow it by 1.5x. The result lies in [POLL_MIN_S, POLL_MAX_S]. */
int64_t poll_next_interval(int64_t prev, int64_t new_items, int64_t gap_s);

/* The wait before retrying a source after its failures-th consecutive
 * failure (1, 2, ...): POLL_FAIL_BASE_S doubled each time, at most
 * POLL_MAX_S. */
int64_t poll_failure_delay(int64_t failures);

/* The median gap in seconds between n item dates (seconds since 1970, any
 * order; the array is sorted in place), ignoring equal dates; 0 when fewer
 * than two distinct dates. */
int64_t poll_median_gap(int64_t *dates, size_t n);

#endif
