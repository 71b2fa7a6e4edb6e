/* fetch: polite, concurrent HTTP(S) fetching on libcurl's multi interface.
 *
 *   fetch_t *f = fetch_new(&opts, on_done, user);
 *   fetch_add(f, url, etag, last_modified, req);   -- any number
 *   fetch_run(f);              -- returns when every request is done
 *   fetch_free(f);
 *
 * Each request ends in exactly one call of on_done, from inside fetch_run;
 * on_done may add more requests (they run in the same fetch_run). The
 * fetcher follows redirects itself (capped, loops detected, http/https
 * only), asks conditionally (If-None-Match / If-Modified-Since), accepts
 * compressed bodies, cuts bodies over the size cap, reads each host's
 * robots.txt once (for the product token "mtrack") before its first
 * request, spaces requests to one host and caps how many run at once per
 * host, honours Retry-After on 429/503 and retries transient failures with
 * exponential back-off. */
#ifndef MTRACK_FETCH_H
#define MTRACK_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FETCH_USER_AGENT "mtrack/0.1"
#define FETCH_ROBOTS_AGENT "mtrack"

typedef struct fetch_opts {
    const char *user_agent;  /* NULL: FETCH_USER_AGENT */
    long timeout_s;          /* whole transfer; 0: 20 */
    long connect_timeout_s;  /* 0: 10 (never more than timeout_s) */
    size_t max_bytes;        /* body cap; 0: 20 MiB */
    int max_redirects;       /* 0: 5 */
    int max_active;          /* transfers at once; 0: 8 */
    int max_per_host;        /* transfers at once to one host; 0: 2 */
    long host_delay_ms;      /* between two request starts to one host; <0: 0, 0: 1000 */
    int retries;             /* extra attempts on transient failures; <0: 0, 0: 2 */
    long retry_base_ms;      /* first back-off; 0: 1000, doubled each time */
    long max_wait_s;         /* longest Retry-After waited for in the run; 0: 30 */
    bool ignore_robots;      /* do not read robots.txt */
    /* robots.txt kept between runs (both NULL: read once per run). Before
     * asking a host for it, robots_get(robots_user, origin, ...) may hand
     * back a fresh copy: 1 with the HTTP status it came with (2xx: body,
     * len; 4xx: no file) and body owned (freed by the fetcher), 0 when it
     * has none. After a fetch, robots_put keeps what came (2xx or 4xx; a
     * server error or network trouble is not kept) for ttl_s seconds: the
     * response's Cache-Control max-age, at most FETCH_ROBOTS_TTL_MAX
     * (RFC 9309: a day), a day when it gives none, 0 (not kept) for
     * no-store, no-cache or max-age=0. */
    int (*robots_get)(void *robots_user, const char *origin, int *status, char **body, size_t *len);
    void (*robots_put)(void *robots_user, const char *origin, int status, const char *body, size_t len,
                       long ttl_s);
    void *robots_user;
    /* Per-host politeness shared with other fetchers (other processes on
     * one store): when this fetcher's own spacing lets a request to origin
     * start, host_claim(host_user, origin, delay_ms) is asked first: 0 lets
     * it start (nobody else may for delay_ms), > 0 is how many ms another
     * fetcher holds the host for (the request waits; requests to other
     * hosts go first), < 0 a failure (the request starts). Not asked when
     * the delay is 0. NULL: each fetcher spaces only its own requests. */
    int64_t (*host_claim)(void *host_user, const char *origin, long delay_ms);
    /* Per-host connections shared with other fetchers: when a transfer to
     * origin may start by this fetcher's own caps, host_take(host_user,
     * origin, max_per_host, hold_ms) is asked first: > 0 the id of a
     * connection slot, held until host_give(host_user, id) when the
     * transfer ends (or for hold_ms should this process die: the whole
     * transfer's time-out and a margin), 0 when others hold max_per_host
     * slots of origin (the request waits FETCH_HOST_POLL_MS, requests to
     * other hosts go first), < 0 a failure (the request starts). Both NULL:
     * each fetcher caps only its own transfers. */
    int64_t (*host_take)(void *host_user, const char *origin, int max, long hold_ms);
    void (*host_give)(void *host_user, int64_t slot);
    void *host_user;
    /* Work handed in while fetch_run runs: more(more_user, idle) is called
     * at most every 100 ms with how many transfer slots are idle though no
     * queued request may start now (0 when every slot is busy or a queued
     * request waits only for a slot), and whenever nothing is left queued
     * or running (idle = max_active), before fetch_run would return. It
     * may fetch_add; fetch_run returns when it adds nothing then. */
    void (*more)(void *more_user, int idle);
    void *more_user;
} fetch_opts;

#define FETCH_ROBOTS_TTL_MAX 86400L
/* How long a request waits to ask again for a host whose connection
 * slots other fetchers hold (fetch_opts.host_take). */
#define FETCH_HOST_POLL_MS 50

/* The seconds a response may be kept by its Cache-Control value (NULL:
 * none given): its max-age (s-maxage ignored) capped at cap; cap when it
 * gives none; 0 for no-store or no-cache. */
long fetch_cache_ttl(const char *cache_control, long cap);

typedef enum fetch_status {
    FETCH_OK,             /* 2xx with a body */
    FETCH_NOT_MODIFIED,   /* 304 */
    FETCH_HTTP_ERROR,     /* other final status (4xx, 5xx, 3xx without Location) */
    FETCH_TIMEOUT,
    FETCH_TOO_BIG,
    FETCH_REDIRECT_LOOP,
    FETCH_TOO_MANY_REDIRECTS,
    FETCH_ROBOTS,         /* robots.txt forbids it */
    FETCH_NETWORK,        /* DNS, connection, TLS, protocol */
    FETCH_BAD_URL,        /* not an http(s) URL */
    FETCH_BLOCKED,        /* FETCH_PUBLIC_ONLY and the host is loopback or private */
} fetch_status;

/* Flags of fetch_add_flags(). */
enum {
    /* refuse to connect to loopback, private, link-local and other
     * non-public addresses (checked on every address tried, every hop):
     * for URLs that come from fetched content rather than from the user */
    FETCH_PUBLIC_ONLY = 1,
    /* a 3xx answer ends the request as FETCH_HTTP_ERROR instead of being
     * followed (a POST whose body must reach only the URL asked) */
    FETCH_NO_REDIRECT = 2,
};

/* What a request came to; every pointer is borrowed for on_done's duration. */
typedef struct fetch_result {
    fetch_status status;
    long http_code;           /* of the last response, 0 when none */
    const char *url;          /* as requested */
    const char *final_url;    /* after redirects */
    const char *content_type; /* NULL when none */
    const char *etag, *last_modified; /* validators of a 200, else NULL */
    const char *body;         /* NUL-terminated; NULL unless FETCH_OK */
    size_t len;
    const char *error;        /* one line ("HTTP 500", "timed out after 20 s"); NULL when OK/304 */
    int64_t retry_at;         /* when the server asked us to come back (epoch s), 0: not said */
    int attempts;
    double seconds;           /* from the first start to the end */
} fetch_result;

typedef void (*fetch_done_fn)(void *user, const fetch_result *r, void *req);
typedef struct fetch fetch_t;

/* A fetcher; opts is copied (NULL: defaults). Returns NULL when libcurl
 * cannot start. */
fetch_t *fetch_new(const fetch_opts *opts, fetch_done_fn done, void *user);
/* Queues url; etag / last_modified (may be NULL) make it conditional; req
 * is handed back to on_done. Returns 0 (a bad URL is still queued and
 * reported through on_done) or -1 out of memory. */
int fetch_add(fetch_t *f, const char *url, const char *etag, const char *last_modified, void *req);
/* fetch_add with flags (FETCH_PUBLIC_ONLY). */
int fetch_add_flags(fetch_t *f, const char *url, const char *etag, const char *last_modified,
                    int flags, void *req);
/* Queues a POST of body (len bytes, copied) to url with the extra header
 * lines in headers (NULL-terminated, copied; may be NULL), for example
 * "Content-Type: application/json"; flags as fetch_add_flags. Not
 * conditional, never retried on its own unless opts.retries says so. */
int fetch_add_post(fetch_t *f, const char *url, const char *body, size_t len,
                   const char *const *headers, int flags, void *req);
/* Runs until every queued request (and each one added meanwhile) is done.
 * Returns 0, or -1 when libcurl itself failed (requests still pending are
 * then reported as FETCH_NETWORK). */
int fetch_run(fetch_t *f);
/* Frees the fetcher (NULL allowed). Must not be called from on_done. */
void fetch_free(fetch_t *f);

/* True when the socket address is not a public unicast one: loopback,
 * unspecified, private, shared (CGNAT), link-local, multicast, reserved or
 * broadcast; IPv4, IPv6 and IPv4-mapped IPv6. */
struct sockaddr;
bool fetch_addr_private(const struct sockaddr *sa);

/* The path and query of an http(s) URL ("/" when empty) as an owned string,
 * and its "scheme://host:port" key in *origin (owned); -1 when url is not an
 * absolute http(s) URL. */
int fetch_split_url(const char *url, char **origin, char **path);

#endif
