/* poll: how often to poll a source, adapted to how often it publishes. */
#include "poll.h"

#include <stdlib.h>

static int64_t clamp(int64_t v)
{
    return v < POLL_MIN_S ? POLL_MIN_S : v > POLL_MAX_S ? POLL_MAX_S : v;
}

int64_t poll_next_interval(int64_t prev, int64_t new_items, int64_t gap_s)
{
    if (prev <= 0)
        prev = POLL_DEFAULT_S;
    if (prev > POLL_MAX_S)
        prev = POLL_MAX_S;
    int64_t next;
    if (new_items > 0) {
        next = prev / 2;
        if (gap_s > 0 && gap_s < next)
            next = gap_s;
    } else {
        next = prev + prev / 2;
    }
    return clamp(next);
}

int64_t poll_failure_delay(int64_t failures)
{
    if (failures < 1)
        failures = 1;
    int64_t d = POLL_FAIL_BASE_S;
    for (int64_t i = 1; i < failures && d < POLL_MAX_S; i++)
        d *= 2;
    return d > POLL_MAX_S ? POLL_MAX_S : d;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int64_t poll_median_gap(int64_t *dates, size_t n)
{
    if (n < 2)
        return 0;
    qsort(dates, n, sizeof *dates, cmp_i64);
    /* The gaps overwrite the front of the array (gap i needs dates i, i+1). */
    size_t m = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        int64_t g = dates[i + 1] - dates[i];
        if (g > 0)
            dates[m++] = g;
    }
    if (m == 0)
        return 0;
    qsort(dates, m, sizeof *dates, cmp_i64);
    return dates[m / 2];
}
