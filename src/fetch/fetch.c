/* fetch: polite, concurrent HTTP(S) fetching on libcurl's multi interface. */
#include "fetch.h"
#include "netguard.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <stdint.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch/robots.h"
#include "util/buf.h"
#include "util/str.h"

#define MAX_HOST_DELAY_MS 60000L /* a Crawl-delay is honoured up to a minute */

typedef struct host {
    char *origin;        /* "scheme://host:port" */
    int robots_state;    /* 0 unknown, 1 being fetched, 2 known */
    robots_t *robots;    /* NULL: everything allowed */
    char *robots_error;  /* why everything is forbidden (robots.txt unavailable) */
    int active;
    int64_t next_start_ms;
    long delay_ms;
    struct host *next;
} host;

typedef struct request {
    char *url;           /* as asked */
    char *cur;           /* the URL of this hop */
    char *path;          /* path and query of cur */
    host *h;             /* the host of cur */
    host *robots_for;    /* an internal robots.txt request for this host */
    char *etag, *last_modified;
    char *post;          /* a POST's body (fetch_add_post), else NULL */
    size_t post_len;
    char **post_headers; /* its extra header lines, NULL-terminated */
    void *req;
    int flags;
    int blocked;         /* a connection was refused by FETCH_PUBLIC_ONLY */
    int attempts, hops;
    char **visited;
    size_t n_visited;
    int64_t not_before_ms, started_ms;
    int64_t slot;        /* the connection slot it holds (fetch_opts.host_take), 0 none */
    CURL *easy;
    struct curl_slist *headers;
    buf_t body;
    int too_big;
    char *h_etag, *h_lm;
    char *h_cc;          /* Cache-Control of the last response */
    char errbuf[CURL_ERROR_SIZE];
    /* the outcome, once finished */
    fetch_status status;
    long code;
    char *error, *ctype;
    int64_t retry_at;
    double seconds;
    struct request *next;
} request;

struct fetch {
    fetch_opts o;
    fetch_done_fn done;
    void *user;
    CURLM *multi;
    host *hosts;
    request *pending, *pending_tail;
    request *finished, *finished_tail;
    request *running;    /* transfers in the multi handle */
    int active;
    int64_t more_at;     /* when opts.more may be called next */
    int slots_wanted;    /* a queued request waited only for a slot */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int curl_ready;

fetch_t *fetch_new(const fetch_opts *opts, fetch_done_fn done, void *user)
{
    if (!curl_ready) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return NULL;
        curl_ready = 1;
    }
    fetch_t *f = xcalloc(1, sizeof *f);
    if (opts)
        f->o = *opts;
    fetch_opts *o = &f->o;
    if (!o->user_agent) o->user_agent = FETCH_USER_AGENT;
    if (o->timeout_s <= 0) o->timeout_s = 20;
    if (o->connect_timeout_s <= 0) o->connect_timeout_s = 10;
    if (o->connect_timeout_s > o->timeout_s) o->connect_timeout_s = o->timeout_s;
    if (o->max_bytes == 0) o->max_bytes = (size_t)20 << 20;
    if (o->max_redirects <= 0) o->max_redirects = 5;
    if (o->max_active <= 0) o->max_active = 8;
    if (o->max_per_host <= 0) o->max_per_host = 2;
    if (o->host_delay_ms == 0) o->host_delay_ms = 1000;
    if (o->host_delay_ms < 0) o->host_delay_ms = 0;
    if (o->retries == 0) o->retries = 2;
    if (o->retries < 0) o->retries = 0;
    if (o->retry_base_ms <= 0) o->retry_base_ms = 1000;
    if (o->max_wait_s <= 0) o->max_wait_s = 30;
    f->done = done;
    f->user = user;
    f->multi = curl_multi_init();
    if (!f->multi) {
        free(f);
        return NULL;
    }
    return f;
}

/* ---- URLs and hosts ---- */

int fetch_split_url(const char *url, char **origin, char **path)
{
    *origin = *path = NULL;
    if (!url || !(str_istarts(url, "http://") || str_istarts(url, "https://")))
        return -1;
    CURLU *u = curl_url();
    if (!u)
        return -1;
    char *scheme = NULL, *hostname = NULL, *port = NULL, *p = NULL, *q = NULL;
    int rc = -1;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
        goto out;
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &hostname, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK)
        goto out;
    if (str_casecmp(scheme, "http") != 0 && str_casecmp(scheme, "https") != 0)
        goto out;
    curl_url_get(u, CURLUPART_PATH, &p, 0);
    curl_url_get(u, CURLUPART_QUERY, &q, 0);
    buf_t b;
    buf_init(&b, 0);
    buf_printf(&b, "%s://%s:%s", scheme, hostname, port);
    *origin = str_lower(buf_detach(&b));
    buf_printf(&b, "%s%s%s", p && *p ? p : "/", q ? "?" : "", q ? q : "");
    *path = buf_detach(&b);
    rc = 0;
out:
    curl_free(scheme);
    curl_free(hostname);
    curl_free(port);
    curl_free(p);
    curl_free(q);
    curl_url_cleanup(u);
    return rc;
}

static host *host_get(fetch_t *f, const char *origin)
{
    for (host *h = f->hosts; h; h = h->next)
        if (strcmp(h->origin, origin) == 0)
            return h;
    host *h = xcalloc(1, sizeof *h);
    h->origin = xstrdup(origin);
    h->delay_ms = f->o.host_delay_ms;
    h->robots_state = f->o.ignore_robots ? 2 : 0;
    h->next = f->hosts;
    f->hosts = h;
    return h;
}

/* Points r at url (a first request or a redirect); -1 when it is not an
 * http(s) URL. */
static int request_target(fetch_t *f, request *r, const char *url)
{
    char *origin, *path;
    if (fetch_split_url(url, &origin, &path) < 0)
        return -1;
    free(r->cur);
    free(r->path);
    r->cur = xstrdup(url);
    r->path = path;
    r->h = host_get(f, origin);
    free(origin);
    return 0;
}

/* ---- queues ---- */

static void push(request **head, request **tail, request *r)
{
    r->next = NULL;
    if (*tail)
        (*tail)->next = r;
    else
        *head = r;
    *tail = r;
}

static void finish(fetch_t *f, request *r, fetch_status st, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void finish(fetch_t *f, request *r, fetch_status st, const char *fmt, ...)
{
    r->status = st;
    if (fmt) {
        buf_t b;
        buf_init(&b, 0);
        va_list ap;
        va_start(ap, fmt);
        buf_vprintf(&b, fmt, ap);
        va_end(ap);
        r->error = buf_detach(&b);
    }
    if (r->started_ms)
        r->seconds = (double)(now_ms() - r->started_ms) / 1000.0;
    push(&f->finished, &f->finished_tail, r);
}

static request *request_new(const char *url, const char *etag, const char *lm, void *req)
{
    request *r = xcalloc(1, sizeof *r);
    r->url = xstrdup(url ? url : "");
    r->etag = etag && *etag ? xstrdup(etag) : NULL;
    r->last_modified = lm && *lm ? xstrdup(lm) : NULL;
    r->req = req;
    return r;
}

static void request_free(request *r)
{
    free(r->url);
    free(r->cur);
    free(r->path);
    free(r->etag);
    free(r->last_modified);
    free(r->post);
    for (char **h = r->post_headers; h && *h; h++)
        free(*h);
    free(r->post_headers);
    for (size_t i = 0; i < r->n_visited; i++)
        free(r->visited[i]);
    free(r->visited);
    if (r->easy)
        curl_easy_cleanup(r->easy);
    curl_slist_free_all(r->headers);
    buf_free(&r->body);
    free(r->h_etag);
    free(r->h_lm);
    free(r->h_cc);
    free(r->error);
    free(r->ctype);
    free(r);
}

int fetch_add(fetch_t *f, const char *url, const char *etag, const char *last_modified, void *req)
{
    return fetch_add_flags(f, url, etag, last_modified, 0, req);
}

int fetch_add_flags(fetch_t *f, const char *url, const char *etag, const char *last_modified,
                    int flags, void *req)
{
    request *r = request_new(url, etag, last_modified, req);
    r->flags = flags;
    if (request_target(f, r, r->url) < 0) {
        finish(f, r, FETCH_BAD_URL, "not a valid http(s) URL");
        return 0;
    }
    r->visited = xmalloc(sizeof *r->visited);
    r->visited[r->n_visited++] = xstrdup(r->url);
    push(&f->pending, &f->pending_tail, r);
    return 0;
}

int fetch_add_post(fetch_t *f, const char *url, const char *body, size_t len,
                   const char *const *headers, int flags, void *req)
{
    request *r = request_new(url, NULL, NULL, req);
    r->flags = flags;
    r->post = xmalloc(len + 1);
    memcpy(r->post, body, len);
    r->post[len] = '\0';
    r->post_len = len;
    size_t n = 0;
    while (headers && headers[n])
        n++;
    r->post_headers = xcalloc(n + 1, sizeof *r->post_headers);
    for (size_t i = 0; i < n; i++)
        r->post_headers[i] = xstrdup(headers[i]);
    if (request_target(f, r, r->url) < 0) {
        finish(f, r, FETCH_BAD_URL, "not a valid http(s) URL");
        return 0;
    }
    r->visited = xmalloc(sizeof *r->visited);
    r->visited[r->n_visited++] = xstrdup(r->url);
    push(&f->pending, &f->pending_tail, r);
    return 0;
}

/* ---- one transfer ---- */

bool fetch_addr_private(const struct sockaddr *sa)
{
    return netguard_addr_private(sa) != 0;
}

/* Opens the socket of each address curl tries, unless FETCH_PUBLIC_ONLY
 * forbids the address. */
static curl_socket_t open_socket(void *ctx, curlsocktype purpose, struct curl_sockaddr *a)
{
    request *r = ctx;
    if ((r->flags & FETCH_PUBLIC_ONLY) && fetch_addr_private(&a->addr)) {
        r->blocked = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    request *r = ctx;
    size_t len = size * n;
    if (buf_append(&r->body, data, len) < 0) {
        r->too_big = 1;
        return 0; /* aborts the transfer */
    }
    return len;
}

static char *header_value(const char *line, size_t len, const char *name)
{
    size_t nl = strlen(name);
    if (len <= nl || str_ncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return NULL;
    const char *v = line + nl + 1, *end = line + len;
    while (v < end && str_isspace((unsigned char)*v))
        v++;
    while (end > v && str_isspace((unsigned char)end[-1]))
        end--;
    if (end - v > 1024)
        return NULL;
    return xstrndup(v, (size_t)(end - v));
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
    request *r = ctx;
    size_t len = size * n;
    char *v;
    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) { /* a new response (100, then 200) */
        free(r->h_etag);
        free(r->h_lm);
        free(r->h_cc);
        r->h_etag = r->h_lm = r->h_cc = NULL;
    } else if ((v = header_value(data, len, "etag"))) {
        free(r->h_etag);
        r->h_etag = v;
    } else if ((v = header_value(data, len, "last-modified"))) {
        free(r->h_lm);
        r->h_lm = v;
    } else if ((v = header_value(data, len, "cache-control"))) {
        if (r->h_cc) { /* several lines make one list */
            char *both = xmalloc(strlen(r->h_cc) + strlen(v) + 3);
            sprintf(both, "%s, %s", r->h_cc, v);
            free(v);
            v = both;
        }
        free(r->h_cc);
        r->h_cc = v;
    }
    return len;
}

static int start(fetch_t *f, request *r, int64_t now)
{
    if (!r->easy && !(r->easy = curl_easy_init()))
        return -1;
    CURL *e = r->easy;
    curl_easy_reset(e);
    buf_free(&r->body);
    buf_init(&r->body, f->o.max_bytes);
    r->too_big = 0;
    free(r->h_etag);
    free(r->h_lm);
    r->h_etag = r->h_lm = NULL;
    r->errbuf[0] = '\0';
    curl_slist_free_all(r->headers);
    r->headers = NULL;
    if (!r->robots_for) {
        buf_t b;
        buf_init(&b, 0);
        if (r->etag) {
            buf_printf(&b, "If-None-Match: %s", r->etag);
            r->headers = curl_slist_append(r->headers, buf_str(&b));
            buf_reset(&b);
        }
        if (r->last_modified) {
            buf_printf(&b, "If-Modified-Since: %s", r->last_modified);
            r->headers = curl_slist_append(r->headers, buf_str(&b));
        }
        buf_free(&b);
        for (char **h = r->post_headers; h && *h; h++)
            r->headers = curl_slist_append(r->headers, *h);
    }
    curl_easy_setopt(e, CURLOPT_URL, r->cur);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    curl_easy_setopt(e, CURLOPT_USERAGENT, f->o.user_agent);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); /* followed here, to see loops */
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, f->o.timeout_s * 1000L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, f->o.connect_timeout_s * 1000L);
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->o.max_bytes);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, r);
    if (r->post && !r->robots_for) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->post_len);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->post);
    }
    r->blocked = 0;
    if (curl_multi_add_handle(f->multi, e) != CURLM_OK)
        return -1;
    if (!r->started_ms)
        r->started_ms = now;
    r->attempts++;
    r->h->active++;
    r->h->next_start_ms = now + r->h->delay_ms;
    f->active++;
    r->next = f->running;
    f->running = r;
    return 0;
}

static int robots_cached(fetch_t *f, host *h);

/* Asks for h's robots.txt before anything else goes to h. */
static void queue_robots(fetch_t *f, host *h, int flags)
{
    buf_t b;
    buf_init(&b, 0);
    buf_printf(&b, "%s/robots.txt", h->origin);
    request *r = request_new(buf_str(&b), NULL, NULL, NULL);
    buf_free(&b);
    r->robots_for = h;
    r->flags = flags; /* no robots.txt from where the request may not go */
    h->robots_state = 1;
    if (request_target(f, r, r->url) < 0) { /* cannot happen: origin is http(s) */
        h->robots_state = 2;
        request_free(r);
        return;
    }
    r->visited = xmalloc(sizeof *r->visited);
    r->visited[r->n_visited++] = xstrdup(r->url);
    r->next = f->pending; /* first in line */
    f->pending = r;
    if (!f->pending_tail)
        f->pending_tail = r;
}

static void give_slot(fetch_t *f, request *r);

/* Starts every pending request that may start now; *wake gets the time
 * the next one may. */
static void start_ready(fetch_t *f, int64_t now, int64_t *wake)
{
    request **pp = &f->pending, *prev = NULL;
    f->slots_wanted = 0;
    while (*pp) {
        request *r = *pp;
        host *h = r->h;
        int ready = 1;
        if (r->not_before_ms > now) {
            if (r->not_before_ms < *wake)
                *wake = r->not_before_ms;
            ready = 0;
        } else if (!r->robots_for && h->robots_state == 0 && !robots_cached(f, h)) {
            queue_robots(f, h, r->flags); /* goes in front of the list: starts next round */
            *wake = now;
            ready = 0;
        } else if (!r->robots_for && h->robots_state == 1) {
            ready = 0;
        } else if (!r->robots_for && !robots_allowed(h->robots, r->path)) {
            *pp = r->next;
            if (f->pending_tail == r)
                f->pending_tail = prev;
            finish(f, r, FETCH_ROBOTS, "%s", h->robots_error ? h->robots_error : "disallowed by robots.txt");
            continue;
        } else if (f->active >= f->o.max_active || h->active >= f->o.max_per_host) {
            if (f->active >= f->o.max_active)
                f->slots_wanted = 1;
            ready = 0;
        } else if (h->next_start_ms > now) {
            if (h->next_start_ms < *wake)
                *wake = h->next_start_ms;
            ready = 0;
        } else if (f->o.host_take &&
                   (r->slot = f->o.host_take(f->o.host_user, h->origin, f->o.max_per_host,
                                             f->o.timeout_s * 1000 + 10000)) == 0) {
            /* other fetchers hold the host's connections */
            h->next_start_ms = now + FETCH_HOST_POLL_MS;
            if (h->next_start_ms < *wake)
                *wake = h->next_start_ms;
            ready = 0;
        } else if (f->o.host_claim && h->delay_ms > 0) {
            /* another fetcher may have asked this host lately */
            int64_t w = f->o.host_claim(f->o.host_user, h->origin, h->delay_ms);
            if (w > 0) {
                give_slot(f, r);
                h->next_start_ms = now + w;
                if (h->next_start_ms < *wake)
                    *wake = h->next_start_ms;
                ready = 0;
            }
        }
        if (r->slot < 0)
            r->slot = 0; /* a failed take: the request goes on without */
        if (!ready) {
            prev = r;
            pp = &r->next;
            continue;
        }
        *pp = r->next;
        if (f->pending_tail == r)
            f->pending_tail = prev;
        if (start(f, r, now) < 0) {
            give_slot(f, r);
            finish(f, r, FETCH_NETWORK, "could not start the transfer");
        } else if (f->o.host_claim && h->delay_ms > 0) {
            /* a claimed slot: the request goes out now, not after the
             * claims (and connection slots) of the requests behind it,
             * which wait for the next round */
            int running;
            curl_multi_perform(f->multi, &running);
            *wake = now;
            break;
        }
    }
}

static int transient_curl(CURLcode c)
{
    return c == CURLE_COULDNT_CONNECT || c == CURLE_RECV_ERROR || c == CURLE_SEND_ERROR ||
           c == CURLE_GOT_NOTHING || c == CURLE_PARTIAL_FILE || c == CURLE_HTTP2 ||
           c == CURLE_HTTP2_STREAM;
}

/* Puts r back in line to try again after delay_ms; 0, or -1 when it has
 * used its attempts. */
static int retry(fetch_t *f, request *r, int64_t delay_ms)
{
    if (r->robots_for || r->attempts > f->o.retries)
        return -1;
    r->not_before_ms = now_ms() + delay_ms;
    push(&f->pending, &f->pending_tail, r);
    return 0;
}

static int64_t backoff_ms(const fetch_t *f, const request *r)
{
    int64_t d = f->o.retry_base_ms;
    for (int i = 1; i < r->attempts && d < 3600000; i++)
        d *= 2;
    return d + rand() % 250;
}

long fetch_cache_ttl(const char *cc, long cap)
{
    long ttl = cap;
    for (const char *p = cc; p && *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        if ((n >= 8 && str_ncasecmp(p, "no-store", 8) == 0) || (n >= 8 && str_ncasecmp(p, "no-cache", 8) == 0))
            return 0;
        if (n > 8 && str_ncasecmp(p, "max-age", 7) == 0) {
            const char *q = p + 7;
            while (*q == ' ')
                q++;
            if (*q == '=') {
                q++;
                while (*q == ' ' || *q == '"')
                    q++;
                if (str_isdigit((unsigned char)*q)) {
                    long v = 0;
                    while (str_isdigit((unsigned char)*q) && v <= cap)
                        v = v * 10 + (*q++ - '0');
                    ttl = v < cap ? v : cap;
                }
            }
        }
        p += n;
    }
    return ttl;
}

/* h's robots.txt from what the file said (status 2xx: body) or that it has
 * none (4xx). */
static void robots_take(fetch_t *f, host *h, int status, const char *body, size_t len)
{
    if (status >= 200 && status < 300) {
        h->robots = robots_parse(body ? body : "", len, FETCH_ROBOTS_AGENT);
        long d = (long)(robots_crawl_delay(h->robots) * 1000);
        if (d > MAX_HOST_DELAY_MS)
            d = MAX_HOST_DELAY_MS;
        if (d > h->delay_ms)
            h->delay_ms = d;
    }
}

/* A copy of h's robots.txt kept from an earlier run: 1 when there was one
 * (h is then known), 0 when it is to be fetched. */
static int robots_cached(fetch_t *f, host *h)
{
    if (!f->o.robots_get)
        return 0;
    int status = 0;
    char *body = NULL;
    size_t len = 0;
    if (f->o.robots_get(f->o.robots_user, h->origin, &status, &body, &len) != 1) {
        free(body);
        return 0;
    }
    robots_take(f, h, status, body, len);
    free(body);
    h->robots_state = 2;
    return 1;
}

static void robots_done(fetch_t *f, request *r)
{
    host *h = r->robots_for;
    h->robots_state = 2;
    if (f->o.robots_put && (r->status == FETCH_OK || (r->status == FETCH_HTTP_ERROR && r->code >= 400 &&
                                                      r->code < 500 && r->code != 429))) {
        long ttl = fetch_cache_ttl(r->h_cc, FETCH_ROBOTS_TTL_MAX);
        if (ttl > 0)
            f->o.robots_put(f->o.robots_user, h->origin, (int)r->code, r->status == FETCH_OK ? r->body.data : "",
                            r->status == FETCH_OK ? r->body.len : 0, ttl);
    }
    if (r->status == FETCH_OK) {
        robots_take(f, h, 200, r->body.data, r->body.len);
    } else if (r->status == FETCH_HTTP_ERROR && r->code >= 500) {
        h->robots = robots_deny_all(); /* RFC 9309: unreachable means forbidden */
        buf_t b;
        buf_init(&b, 0);
        buf_printf(&b, "robots.txt unavailable (HTTP %ld): the host is not fetched", r->code);
        h->robots_error = buf_detach(&b);
    } /* else (4xx, network trouble): nothing is forbidden */
    request_free(r);
}

static void size_text(buf_t *b, size_t n)
{
    if (n % ((size_t)1 << 20) == 0)
        buf_printf(b, "%zu MiB", n >> 20);
    else
        buf_printf(b, "%zu bytes", n);
}

/* Gives back the connection slot r holds (fetch_opts.host_take). */
static void give_slot(fetch_t *f, request *r)
{
    if (r->slot > 0 && f->o.host_give)
        f->o.host_give(f->o.host_user, r->slot);
    r->slot = 0;
}

static void transfer_done(fetch_t *f, CURL *e, CURLcode rc)
{
    request *r = NULL;
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&r);
    curl_multi_remove_handle(f->multi, e);
    for (request **pp = &f->running; *pp; pp = &(*pp)->next)
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    f->active--;
    r->h->active--;
    give_slot(f, r);
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    r->code = code;
    char *ct = NULL;
    curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
    free(r->ctype);
    r->ctype = ct ? xstrdup(ct) : NULL;

    if (r->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        buf_t b;
        buf_init(&b, 0);
        size_text(&b, f->o.max_bytes);
        finish(f, r, FETCH_TOO_BIG, "response over the %s limit", buf_str(&b));
        buf_free(&b);
        return;
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        /* pretransfer time is set once connected, also on a reused connection */
        curl_off_t ready_us = 0;
        curl_easy_getinfo(e, CURLINFO_PRETRANSFER_TIME_T, &ready_us);
        if (ready_us == 0)
            finish(f, r, FETCH_TIMEOUT, "could not connect within %ld s", f->o.connect_timeout_s);
        else
            finish(f, r, FETCH_TIMEOUT, "timed out after %ld s", f->o.timeout_s);
        return;
    }
    if (rc != CURLE_OK && r->blocked) {
        finish(f, r, FETCH_BLOCKED, "refused: the host has a loopback or private address");
        return;
    }
    if (rc != CURLE_OK) {
        if (transient_curl(rc) && retry(f, r, backoff_ms(f, r)) == 0)
            return;
        char *msg = xstrdup(r->errbuf[0] ? r->errbuf : curl_easy_strerror(rc));
        str_squeeze(msg);
        finish(f, r, FETCH_NETWORK, "%s", msg);
        free(msg);
        return;
    }
    if (code >= 300 && code < 400 && code != 304 && (r->flags & FETCH_NO_REDIRECT)) {
        finish(f, r, FETCH_HTTP_ERROR, "HTTP %ld: a redirect, not followed", code);
        return;
    }
    if (code >= 300 && code < 400 && code != 304) {
        char *loc = NULL;
        curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &loc);
        if (!loc) {
            finish(f, r, FETCH_HTTP_ERROR, "HTTP %ld without a Location", code);
            return;
        }
        for (size_t i = 0; i < r->n_visited; i++)
            if (strcmp(r->visited[i], loc) == 0) {
                finish(f, r, FETCH_REDIRECT_LOOP, "redirect loop");
                return;
            }
        if (++r->hops > f->o.max_redirects) {
            finish(f, r, FETCH_TOO_MANY_REDIRECTS, "more than %d redirects", f->o.max_redirects);
            return;
        }
        char *next = xstrdup(loc); /* loc belongs to the handle */
        if (request_target(f, r, next) < 0) {
            finish(f, r, FETCH_BAD_URL, "redirect to a URL that is not http(s)");
            free(next);
            return;
        }
        r->visited = xrealloc(r->visited, (r->n_visited + 1) * sizeof *r->visited);
        r->visited[r->n_visited++] = next;
        r->attempts = 0;
        r->not_before_ms = 0;
        push(&f->pending, &f->pending_tail, r);
        return;
    }
    if (code == 304) {
        finish(f, r, FETCH_NOT_MODIFIED, NULL);
        return;
    }
    if (code >= 200 && code < 300) {
        if (!r->body.data)
            buf_append(&r->body, "", 0);
        finish(f, r, FETCH_OK, NULL);
        return;
    }
    curl_off_t after = -1;
    if (code == 429 || code == 503)
        curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &after);
    if (after > 0)
        r->retry_at = (int64_t)time(NULL) + after;
    if (after > 0 && after <= f->o.max_wait_s) {
        if (retry(f, r, (int64_t)after * 1000) == 0)
            return;
    } else if (after <= 0 && (code == 502 || code == 503 || code == 504 || code == 429)) {
        if (retry(f, r, backoff_ms(f, r)) == 0)
            return;
    }
    if (after > 0)
        finish(f, r, FETCH_HTTP_ERROR, "HTTP %ld (retry after %lld s)", code, (long long)after);
    else
        finish(f, r, FETCH_HTTP_ERROR, "HTTP %ld", code);
}

/* Hands each finished request to the caller (or to the robots logic). */
static void deliver(fetch_t *f)
{
    while (f->finished) {
        request *r = f->finished;
        f->finished = r->next;
        if (!f->finished)
            f->finished_tail = NULL;
        if (r->easy) {
            curl_easy_cleanup(r->easy);
            r->easy = NULL;
        }
        if (r->robots_for) {
            robots_done(f, r);
            continue;
        }
        fetch_result res = {
            .status = r->status, .http_code = r->code, .url = r->url,
            .final_url = r->cur ? r->cur : r->url, .content_type = r->ctype,
            .error = r->error, .retry_at = r->retry_at, .attempts = r->attempts,
            .seconds = r->seconds,
        };
        if (r->status == FETCH_OK) {
            res.body = buf_str(&r->body);
            res.len = r->body.len;
            res.etag = r->h_etag;
            res.last_modified = r->h_lm;
        }
        if (f->done)
            f->done(f->user, &res, r->req);
        request_free(r);
    }
}

/* Asks the caller for more work (opts.more): when idle slots have none
 * queued that may start, at most every 100 ms; always when nothing is left. */
static void ask_more(fetch_t *f, int64_t now)
{
    if (!f->o.more)
        return;
    int idle = f->pending || f->active ? (f->slots_wanted ? 0 : f->o.max_active - f->active) : f->o.max_active;
    if ((f->pending || f->active) && now < f->more_at)
        return;
    f->more_at = now + 100;
    f->o.more(f->o.more_user, idle);
    deliver(f); /* a bad URL added is finished at once */
}

int fetch_run(fetch_t *f)
{
    int rc = 0;
    deliver(f);
    if (!f->pending && !f->active)
        ask_more(f, now_ms());
    while (f->pending || f->active) {
        int64_t now = now_ms();
        int64_t wake = now + 1000;
        start_ready(f, now, &wake);
        if (f->o.more && wake > now + 100)
            wake = now + 100;
        int running = 0;
        if (curl_multi_perform(f->multi, &running) != CURLM_OK) {
            rc = -1;
            break;
        }
        ask_more(f, now); /* after the requests just started went out */
        CURLMsg *m;
        int left, ended = 0;
        while ((m = curl_multi_info_read(f->multi, &left)))
            if (m->msg == CURLMSG_DONE) {
                transfer_done(f, m->easy_handle, m->data.result);
                ended = 1;
            }
        deliver(f);
        if (!f->pending && !f->active)
            ask_more(f, now_ms());
        if (!f->pending && !f->active)
            break;
        if (ended)
            continue; /* a slot, a robots.txt or a redirect may let others start now */
        now = now_ms();
        long wait = wake > now ? (long)(wake - now) : 0;
        if (wait > 1000)
            wait = 1000;
        if (f->active == 0 && wait == 0)
            continue;
        if (curl_multi_poll(f->multi, NULL, 0, (int)wait, NULL) != CURLM_OK) {
            rc = -1;
            break;
        }
    }
    if (rc < 0) { /* report what is left */
        while (f->pending) {
            request *r = f->pending;
            f->pending = r->next;
            finish(f, r, FETCH_NETWORK, "the transfer engine failed");
        }
        f->pending_tail = NULL;
        while (f->running) {
            request *r = f->running;
            f->running = r->next;
            curl_multi_remove_handle(f->multi, r->easy);
            f->active--;
            r->h->active--;
            give_slot(f, r);
            finish(f, r, FETCH_NETWORK, "the transfer engine failed");
        }
        deliver(f);
    }
    return rc;
}

void fetch_free(fetch_t *f)
{
    if (!f)
        return;
    while (f->pending) {
        request *r = f->pending;
        f->pending = r->next;
        request_free(r);
    }
    while (f->finished) {
        request *r = f->finished;
        f->finished = r->next;
        request_free(r);
    }
    while (f->running) {
        request *r = f->running;
        f->running = r->next;
        curl_multi_remove_handle(f->multi, r->easy);
        request_free(r);
    }
    while (f->hosts) {
        host *h = f->hosts;
        f->hosts = h->next;
        free(h->origin);
        free(h->robots_error);
        robots_free(h->robots);
        free(h);
    }
    curl_multi_cleanup(f->multi);
    free(f);
}
