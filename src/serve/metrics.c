/* metrics: per-route request counts and latency histograms (Prometheus). */
#include <stdint.h>
#include <string.h>

#include "serve/metrics.h"

static const char *const routes[] = {
    "trackers", "report", "events_page", "search_page", "event_page", "org_page", "atom",
    "static", "healthz", "metrics", "api_trackers", "api_report", "api_events", "api_event",
    "api_search", "api_sources", "api_organizations", "api_update", "not_found", "other",
};
#define N_ROUTES (sizeof routes / sizeof *routes)

static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
#define N_BOUNDS (sizeof bounds / sizeof *bounds)

typedef struct route_stats {
    uint64_t by_class[6];           /* status / 100: 1xx..5xx */
    uint64_t buckets[N_BOUNDS + 1]; /* non-cumulative; the last is +Inf */
    uint64_t sum_us;
} route_stats;

static route_stats stats[N_ROUTES];
static uint64_t cache_counts[N_ROUTES][3]; /* [route][miss, hit, stale] */
static uint64_t index_counts[2];           /* [patched] */

static size_t route_index(const char *route)
{
    for (size_t i = 0; i < N_ROUTES; i++)
        if (route && strcmp(route, routes[i]) == 0)
            return i;
    return N_ROUTES - 1;
}

void metrics_record(const char *route, int status, double seconds)
{
    route_stats *st = &stats[route_index(route)];
    int cls = status / 100;
    if (cls < 1 || cls > 5)
        cls = 5;
    size_t b = 0;
    while (b < N_BOUNDS && seconds > bounds[b])
        b++;
    __atomic_fetch_add(&st->by_class[cls], 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&st->buckets[b], 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&st->sum_us, (uint64_t)(seconds * 1e6), __ATOMIC_RELAXED);
}

void metrics_cache(const char *route, int hit)
{
    __atomic_fetch_add(&cache_counts[route_index(route)][hit >= 0 && hit <= 2 ? hit : 0], 1, __ATOMIC_RELAXED);
}

void metrics_event_index(int patched)
{
    __atomic_fetch_add(&index_counts[patched != 0], 1, __ATOMIC_RELAXED);
}

int metrics_write(store_t *s, buf_t *out)
{
    /* the store keeps its counts up to date (one row read, whatever its
     * size): no table is counted or walked here */
    store_counts c;
    if (store_count(s, &c) < 0)
        return -1;
    int64_t errors = c.fetch_errors;
    buf_printf(out,
               "# HELP mtrack_documents Documents in the store.\n# TYPE mtrack_documents gauge\n"
               "mtrack_documents %lld\n"
               "# HELP mtrack_events Business events in the store.\n# TYPE mtrack_events gauge\n"
               "mtrack_events %lld\n"
               "# HELP mtrack_mentions Documents reporting events, counted per event.\n"
               "# TYPE mtrack_mentions gauge\nmtrack_mentions %lld\n"
               "# HELP mtrack_sources Sources followed.\n# TYPE mtrack_sources gauge\n"
               "mtrack_sources %lld\n"
               "# HELP mtrack_organizations Organisations known.\n# TYPE mtrack_organizations gauge\n"
               "mtrack_organizations %lld\n"
               "# HELP mtrack_fetch_errors Sources whose last fetch failed.\n"
               "# TYPE mtrack_fetch_errors gauge\nmtrack_fetch_errors %lld\n",
               (long long)c.documents, (long long)c.events, (long long)c.mentions,
               (long long)c.sources, (long long)c.organizations, (long long)errors);
    buf_puts(out, "# HELP mtrack_http_requests_total HTTP requests by route and status class.\n"
                  "# TYPE mtrack_http_requests_total counter\n");
    for (size_t i = 0; i < N_ROUTES; i++)
        for (int k = 1; k <= 5; k++) {
            uint64_t n = __atomic_load_n(&stats[i].by_class[k], __ATOMIC_RELAXED);
            if (n)
                buf_printf(out, "mtrack_http_requests_total{route=\"%s\",code=\"%dxx\"} %llu\n",
                           routes[i], k, (unsigned long long)n);
        }
    buf_puts(out, "# HELP mtrack_http_request_duration_seconds Time to answer, by route.\n"
                  "# TYPE mtrack_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < N_ROUTES; i++) {
        uint64_t cum = 0;
        for (size_t b = 0; b <= N_BOUNDS; b++)
            cum += __atomic_load_n(&stats[i].buckets[b], __ATOMIC_RELAXED);
        if (!cum)
            continue;
        uint64_t run = 0;
        for (size_t b = 0; b <= N_BOUNDS; b++) {
            run += __atomic_load_n(&stats[i].buckets[b], __ATOMIC_RELAXED);
            if (b < N_BOUNDS)
                buf_printf(out, "mtrack_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                           routes[i], bounds[b], (unsigned long long)run);
            else
                buf_printf(out, "mtrack_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                           routes[i], (unsigned long long)run);
        }
        buf_printf(out, "mtrack_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", routes[i],
                   (double)__atomic_load_n(&stats[i].sum_us, __ATOMIC_RELAXED) / 1e6);
        buf_printf(out, "mtrack_http_request_duration_seconds_count{route=\"%s\"} %llu\n", routes[i],
                   (unsigned long long)run);
    }
    buf_puts(out, "# HELP mtrack_cache_answers_total Answers asked of the server's caches, by route:"
                  " kept for the data's generation (hit), computed (miss), or the report page before"
                  " while it is built again (stale).\n"
                  "# TYPE mtrack_cache_answers_total counter\n");
    static const char *const outcome[] = {"miss", "hit", "stale"};
    for (size_t i = 0; i < N_ROUTES; i++)
        for (int k = 0; k < 3; k++) {
            uint64_t n = __atomic_load_n(&cache_counts[i][k], __ATOMIC_RELAXED);
            if (n)
                buf_printf(out, "mtrack_cache_answers_total{route=\"%s\",outcome=\"%s\"} %llu\n", routes[i],
                           outcome[k], (unsigned long long)n);
        }
    buf_printf(out,
               "# HELP mtrack_event_index_total Event indexes made: read whole (full) or patched with the"
               " events changed since the last (patch).\n"
               "# TYPE mtrack_event_index_total counter\n"
               "mtrack_event_index_total{how=\"full\"} %llu\nmtrack_event_index_total{how=\"patch\"} %llu\n",
               (unsigned long long)__atomic_load_n(&index_counts[0], __ATOMIC_RELAXED),
               (unsigned long long)__atomic_load_n(&index_counts[1], __ATOMIC_RELAXED));
    return 0;
}
