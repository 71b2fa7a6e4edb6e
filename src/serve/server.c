/* server: libmicrohttpd glue: routing, limits, headers, ETags, metrics. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <malloc.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "serve/api.h"
#include "serve/atom.h"
#include "serve/metrics.h"
#include "serve/pages.h"
#include "serve/server.h"
#include "util/json.h"
#include "util/str.h"

/* The policy of our own pages: our stylesheet and script only. */
static const char html_csp[] =
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

static const serve_opts *g_opts;

/* ---- stopping, and requests whose client went away ----
 *
 * Every connection has a thread of its own (one slow answer holds no
 * thread another client waits for); the store handles are shared out per
 * request from a pool. Each handle's long statements ask serve_cancelled()
 * now and then (store_set_stop): it is true once SIGTERM or SIGINT came,
 * or when the client of the request running on this thread has hung up,
 * so such a request ends within milliseconds instead of being computed to
 * its end for nobody. */

static volatile sig_atomic_t g_stopping;

typedef struct req_ctx {
    int fd;                   /* the client's socket, -1 unknown */
    int gone;                 /* 1: the client hung up */
    int64_t next_check_ms;
    int64_t hold_ms;          /* test hook: hold the first statement this long */
} req_ctx;

static __thread req_ctx *cur_req;

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int serve_cancelled(void)
{
    if (g_stopping)
        return 1;
    req_ctx *c = cur_req;
    if (!c || c->fd < 0)
        return 0;
    if (c->gone)
        return 1;
    int64_t now = mono_ms();
    if (now < c->next_check_ms)
        return 0;
    c->next_check_ms = now + 20;
    struct pollfd p = {.fd = c->fd, .events = POLLIN | POLLRDHUP};
    if (poll(&p, 1, 0) > 0) {
        if (p.revents & (POLLHUP | POLLERR | POLLNVAL | POLLRDHUP))
            c->gone = 1;
        else if (p.revents & POLLIN) {
            char b;
            if (recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
                c->gone = 1;
        }
    }
    return c->gone;
}

/* MTRACK_TEST_HOLD="MS PREFIX..." (tests only): the first long store
 * statement of each request whose path starts with one of the PREFIXes is
 * held MS milliseconds, as a heavy query would run, and stops like one
 * when the request is cancelled. Says "held" on stderr when it starts. */
static int64_t hold_ms;
static char hold_prefix[512];

static int hold_matches(const char *url)
{
    for (const char *p = hold_prefix; *p;) {
        size_t n = strcspn(p, " ");
        if (n && strncmp(url, p, n) == 0)
            return 1;
        p += n;
        p += strspn(p, " ");
    }
    return 0;
}

static int store_stop(void *arg)
{
    req_ctx *c = cur_req;
    if (c && c->hold_ms > 0) {
        int64_t until = mono_ms() + c->hold_ms;
        c->hold_ms = 0;
        fprintf(stderr, "mtrack serve: test hold: held\n");
        while (mono_ms() < until) {
            if (serve_cancelled())
                return 1;
            struct timespec ts = {0, 5 * 1000000};
            nanosleep(&ts, NULL);
        }
    }
    return serve_cancelled();
}

/* ---- the store handles, shared out per request ---- */

/* At most --threads requests (serve_opts.threads, SERVE_BUSY_MAX by
 * default) read the store at once (each handle's page cache and each
 * answer's memory: 32 heavy searches at once took 2.5 GB); the others wait
 * for a handle, and stop waiting when they are cancelled. /healthz takes
 * none. */
#define POOL_MAX SERVE_THREADS_MAX
static int busy_max = SERVE_BUSY_MAX;

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static store_t *pool[POOL_MAX];
static int pool_n, pool_busy;

/* A store handle for one request (pool_give it back), opened when none is
 * free; NULL when it cannot be opened or the request was cancelled while
 * waiting for one (why says why). */
static store_t *pool_take(char *why, size_t whylen)
{
    store_t *s = NULL;
    pthread_mutex_lock(&pool_lock);
    while (pool_busy >= busy_max) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += 20 * 1000000L;
        t.tv_sec += t.tv_nsec / 1000000000L;
        t.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&pool_cond, &pool_lock, &t);
        if (pool_busy >= busy_max && serve_cancelled()) {
            pthread_mutex_unlock(&pool_lock);
            snprintf(why, whylen, "cancelled while waiting for a store connection");
            return NULL;
        }
    }
    pool_busy++;
    if (pool_n > 0)
        s = pool[--pool_n];
    pthread_mutex_unlock(&pool_lock);
    if (!s && (s = store_open(g_opts->db_path, why, whylen)))
        store_set_stop(s, store_stop, NULL);
    if (!s) {
        pthread_mutex_lock(&pool_lock);
        pool_busy--;
        pthread_cond_signal(&pool_cond);
        pthread_mutex_unlock(&pool_lock);
    }
    return s;
}

static void pool_give(store_t *s)
{
    pthread_mutex_lock(&pool_lock);
    if (pool_n < POOL_MAX) {
        pool[pool_n++] = s;
        s = NULL;
    }
    pool_busy--;
    pthread_cond_signal(&pool_cond);
    pthread_mutex_unlock(&pool_lock);
    store_close(s);
}

static void pool_close(void)
{
    pthread_mutex_lock(&pool_lock);
    while (pool_n > 0)
        store_close(pool[--pool_n]);
    pthread_mutex_unlock(&pool_lock);
}

/* ---- helpers for the handlers ---- */

const char *serve_arg(const serve_req *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

typedef struct arg_check {
    const char *const *known;
    const char *bad;
} arg_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    arg_check *c = cls;
    for (size_t i = 0; c->known[i]; i++)
        if (strcmp(key, c->known[i]) == 0)
            return MHD_YES;
    c->bad = key;
    return MHD_NO;
}

typedef struct args_check {
    const char *const *known;
    const char **bad;
    size_t n, max;
} args_check;

static enum MHD_Result check_args(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    args_check *c = cls;
    for (size_t i = 0; c->known[i]; i++)
        if (strcmp(key, c->known[i]) == 0)
            return MHD_YES;
    if (c->n < c->max)
        c->bad[c->n++] = key;
    return MHD_YES;
}

typedef struct args_each {
    void (*cb)(const char *key, const char *value, void *ctx);
    void *ctx;
} args_each;

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    args_each *c = cls;
    c->cb(key, value, c->ctx);
    return MHD_YES;
}

void serve_args_each(const serve_req *r, void (*cb)(const char *key, const char *value, void *ctx), void *ctx)
{
    args_each c = {cb, ctx};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, each_arg, &c);
}

size_t serve_unknown_args(const serve_req *r, const char *const *known, const char **bad, size_t max)
{
    args_check c = {known, bad, 0, max};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_args, &c);
    return c.n;
}

const char *serve_unknown_arg(const serve_req *r, const char *const *known)
{
    arg_check c = {known, NULL};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &c);
    return c.bad;
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    size_t *n = cls;
    *n += strlen(key) + (value ? strlen(value) : 0) + 4; /* "K: V\r\n" */
    return MHD_YES;
}

const char *serve_header(const serve_req *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, key);
}

void serve_json_error(serve_resp *o, int status, const char *msg)
{
    buf_reset(&o->body);
    jw_t w;
    jw_init(&w, &o->body, false);
    jw_obj(&w);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_kint(&w, "status", status);
    jw_kstr(&w, "message", msg);
    jw_obj_end(&w);
    jw_obj_end(&w);
    buf_putc(&o->body, '\n');
    o->status = status;
    o->ctype = "application/json";
    o->etag = 0;
    o->html = 0;
}

void serve_html_error(serve_resp *o, int status, const char *msg)
{
    buf_reset(&o->body);
    pages_error(o, status, msg);
}

void serve_urlenc(buf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (str_isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~')
            buf_putc(b, *p);
        else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

int serve_tracker(store_t *s, const char *name, tracker_def *t)
{
    char why[256];
    if (name && !*name)
        name = NULL;
    char *cfg = store_tracker_config(s, name);
    if (!cfg) {
        if (*store_error(s))
            return -1;
        /* A store without trackers shows the built-in default one. */
        char *any = store_tracker_config(s, NULL);
        if (any) {
            free(any);
            return 1;
        }
        if (tracker_parse(tracker_default_config(), t, why, sizeof why) < 0)
            return -1;
        if (name && strcmp(name, t->name) != 0) {
            tracker_free(t);
            return 1;
        }
        return 0;
    }
    int rc = tracker_parse(cfg, t, why, sizeof why);
    free(cfg);
    return rc < 0 ? -1 : 0;
}

/* ---- routing ---- */

/* 1 when the path is safe to route: no dot segments (also when they came
 * percent-encoded: MHD hands us the decoded path), no backslash, no NUL
 * before its end, printable. */
static int path_ok(const char *path, size_t len)
{
    if (len == 0 || path[0] != '/' || len > 2048 || strlen(path) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)path[i];
        if (c < 0x20 || c == 0x7f || c == '\\')
            return 0;
        if (c == '.' && path[i - 1] == '/' && (i + 1 == len || path[i + 1] == '/' ||
            (path[i + 1] == '.' && (i + 2 == len || path[i + 2] == '/'))))
            return 0;
    }
    return 1;
}

/* A path segment after prefix, up to the next '/' or the end; copied into
 * seg. Returns the rest ("" or "/..."), or NULL when path does not start
 * with prefix or the segment is empty or too long. */
static const char *segment(const char *path, const char *prefix, char *seg, size_t segsz)
{
    size_t pl = strlen(prefix);
    if (strncmp(path, prefix, pl) != 0)
        return NULL;
    const char *p = path + pl;
    size_t n = strcspn(p, "/");
    if (n == 0 || n >= segsz)
        return NULL;
    memcpy(seg, p, n);
    seg[n] = 0;
    return p + n;
}

/* Answers r into o; returns the route's name for the metrics. */
static const char *route(serve_req *r, serve_resp *o)
{
    const char *p = r->path;
    char seg[256];
    const char *rest;
    int get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if (strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0)
        return api_handle(r, o);
    if (!get) {
        serve_html_error(o, 405, "This address only answers GET.");
        o->allow = "GET, HEAD";
        return "other";
    }
    if (strcmp(p, "/") == 0) {
        pages_trackers(r, o);
        return "trackers";
    }
    if (strcmp(p, "/healthz") == 0) {
        /* The server answers: no store query (its handle is open, or this
         * was a 503 already), so that a health check never waits for the
         * store behind slow requests. */
        o->ctype = "text/plain; charset=utf-8";
        buf_puts(&o->body, "ok\n");
        return "healthz";
    }
    if (strcmp(p, "/metrics") == 0) {
        o->ctype = "text/plain; version=0.0.4; charset=utf-8";
        if (metrics_write(r->store, &o->body) < 0) {
            buf_reset(&o->body);
            o->status = 503;
            buf_puts(&o->body, "store unavailable\n");
        }
        return "metrics";
    }
    if (strcmp(p, "/search") == 0) {
        pages_search(r, o);
        return "search_page";
    }
    if (strncmp(p, "/static/", 8) == 0) {
        pages_static(r, o, p + 8);
        return "static";
    }
    if ((rest = segment(p, "/t/", seg, sizeof seg))) {
        if (!*rest || strcmp(rest, "/") == 0) {
            pages_report(r, o, seg);
            return "report";
        }
        if (strcmp(rest, "/events") == 0) {
            pages_events(r, o, seg);
            return "events_page";
        }
        if (strcmp(rest, "/atom.xml") == 0) {
            atom_feed(r, o, seg);
            return "atom";
        }
    }
    if ((rest = segment(p, "/events/", seg, sizeof seg)) && !*rest) {
        pages_event(r, o, seg);
        return "event_page";
    }
    if ((rest = segment(p, "/docs/", seg, sizeof seg)) && !*rest) {
        pages_doc(r, o, seg);
        return "doc_page";
    }
    if (strncmp(p, "/org/", 5) == 0 && p[5]) {
        pages_org(r, o, p + 5); /* names may hold a '/' */
        return "org_page";
    }
    serve_html_error(o, 404, "There is no page at this address.");
    return "not_found";
}

/* route, a GET or HEAD inside one read transaction: every read of one
 * answer (report, API, Atom, page) sees one state of the store, also while
 * another process ingests (issue 12 item 11). Writes (POST, DELETE) are
 * answered as they are. */
static const char *route_read(serve_req *r, serve_resp *o)
{
    if ((strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) ||
        strcmp(r->path, "/healthz") == 0) /* reads nothing from the store */
        return route(r, o);
    if (store_read_begin(r->store) < 0) {
        fprintf(stderr, "mtrack: serve: %s: %s\n", r->path, store_error(r->store));
        if (strncmp(r->path, "/api/", 5) == 0)
            serve_json_error(o, 503, "the store cannot be read");
        else
            serve_html_error(o, 503, "The store cannot be read.");
        return "other";
    }
    const char *name = route(r, o);
    store_read_end(r->store);
    return name;
}

/* ---- libmicrohttpd callbacks ---- */

typedef struct conn_state {
    buf_t body;
    int too_big;
    int headers_too_big;      /* request line and headers past SERVE_HEADERS_MAX */
    int answered;             /* a response was queued already */
    uint64_t received;        /* body bytes seen */
    struct timespec start;
} conn_state;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void add_common_headers(struct MHD_Response *resp, const serve_resp *o)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if (o->html)
        MHD_add_response_header(resp, "Content-Security-Policy", o->csp ? o->csp : html_csp);
    else
        MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    if (o->ctype)
        MHD_add_response_header(resp, "Content-Type", o->ctype);
    if (o->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", o->disposition);
    if (o->location[0])
        MHD_add_response_header(resp, "Location", o->location);
    if (o->auth_challenge)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"mtrack\"");
    if (o->allow)
        MHD_add_response_header(resp, "Allow", o->allow);
}

/* Whether an If-None-Match header lists etag (or is "*"). */
static int etag_matches(const char *inm, const char *etag)
{
    if (!inm)
        return 0;
    size_t el = strlen(etag);
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '*')
            return 1;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        size_t n = strcspn(p, ",");
        while (n && p[n - 1] == ' ')
            n--;
        if (n == el && memcmp(p, etag, el) == 0)
            return 1;
        p += strcspn(p, ",");
    }
    return 0;
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, serve_resp *o, const char *route_name,
                            const struct timespec *t0, int head_only)
{
    char etag[24] = "";
    int status = o->status;
    if (o->etag && status == 200) {
        snprintf(etag, sizeof etag, "\"%016llx\"",
                 (unsigned long long)XXH3_64bits(o->body.data ? o->body.data : "", o->body.len));
        if (etag_matches(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-None-Match"), etag)) {
            status = 304;
            buf_reset(&o->body);
        }
    }
    size_t len = o->body.len;
    char *data = buf_detach(&o->body);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, data ? data : (char *)"", data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    add_common_headers(resp, o);
    if (etag[0]) {
        MHD_add_response_header(resp, "ETag", etag);
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
    }
    (void)head_only; /* libmicrohttpd leaves the body out of HEAD answers itself */
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    metrics_record(route_name, status, since(t0));
    return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    conn_state *cs = *con_cls;
    if (!cs) {
        cs = xcalloc(1, sizeof *cs);
        buf_init(&cs->body, SERVE_BODY_MAX);
        clock_gettime(CLOCK_MONOTONIC, &cs->start);
        *con_cls = cs;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > SERVE_BODY_MAX)
            cs->too_big = 1;
        size_t hdr = strlen(method) + strlen(url) + strlen(version) + 4;
        MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &hdr);
        if (hdr > SERVE_HEADERS_MAX)
            cs->headers_too_big = 1;
        if (!cs->too_big && !cs->headers_too_big)
            return MHD_YES; /* the body (if any) comes in the next calls */
    }
    if (cs->answered) {
        *upload_size = 0; /* the rest of a refused body */
        return MHD_YES;
    }
    if (*upload_size) {
        cs->received += *upload_size;
        if (!cs->too_big && buf_append(&cs->body, upload, *upload_size) < 0)
            cs->too_big = 1;
        *upload_size = 0;
        /* An oversized body is read to its end (so the client sees the
         * 413) up to SERVE_DRAIN_MAX; past that it is answered at once
         * and the connection closed. */
        if (!cs->too_big || cs->received <= SERVE_DRAIN_MAX)
            return MHD_YES;
    }
    serve_resp o;
    memset(&o, 0, sizeof o);
    o.status = 200;
    buf_init(&o.body, serve_out_max);
    const char *route_name = "other";
    int is_api = strncmp(url, "/api/", 5) == 0;
    if (cs->headers_too_big) {
        if (is_api)
            serve_json_error(&o, 431, "the request's headers pass the 64 KiB limit");
        else
            serve_html_error(&o, 431, "The request's headers are too large.");
    } else if (cs->too_big) {
        if (is_api)
            serve_json_error(&o, 413, "the request body passes the 64 KiB limit");
        else
            serve_html_error(&o, 413, "The request body is too large.");
    } else if (!path_ok(url, strlen(url))) {
        if (is_api)
            serve_json_error(&o, 400, "bad path");
        else
            serve_html_error(&o, 400, "This address is not one mtrack serves.");
    } else {
        char why[512];
        req_ctx rc = {.fd = -1};
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (ci)
            rc.fd = ci->connect_fd;
        if (hold_ms > 0 && hold_matches(url))
            rc.hold_ms = hold_ms;
        cur_req = &rc;
        int health = strcmp(url, "/healthz") == 0; /* reads nothing from the store */
        serve_req r = {conn, method, url, cs->body.len ? buf_str(&cs->body) : NULL, cs->body.len,
                       health ? NULL : pool_take(why, sizeof why), g_opts};
        if (health) {
            route_name = route_read(&r, &o);
        } else if (!r.store && serve_cancelled()) {
            o.status = 503; /* replaced below */
        } else if (!r.store) {
            char shown[512];
            fprintf(stderr, "mtrack: serve: %s: %s\n", store_path_shown(g_opts->db_path, shown, sizeof shown), why);
            if (is_api)
                serve_json_error(&o, 503, "the store cannot be opened");
            else
                serve_html_error(&o, 503, "The store cannot be opened.");
        } else {
            route_name = route_read(&r, &o);
            /* after a heavy request its handle gives back what it read */
            if (since(&cs->start) >= SERVE_TRIM_AFTER)
                store_shrink(r.store);
            pool_give(r.store);
        }
        cur_req = NULL;
        if (g_stopping || rc.gone) {
            /* what was computed is dropped: nobody waits for it */
            fprintf(stderr, "mtrack serve: %s %s: stopped: %s\n", method, url,
                    g_stopping ? "the server is stopping" : "the client went away");
            if (is_api)
                serve_json_error(&o, 503, "the server is stopping");
            else
                serve_html_error(&o, 503, "The server is stopping.");
            o.body.full = 0;
        }
    }
    /* An answer that lost a piece to the output cap (or to memory) is never
     * sent as it is: the client gets an error, not a body cut short. */
    if (o.body.full) {
        fprintf(stderr, "mtrack: serve: %s: the answer passes the %zu-byte cap\n", url, serve_out_max);
        if (is_api)
            serve_json_error(&o, 500, "the answer passes the server's size cap; ask for less (limit, filters)");
        else
            serve_html_error(&o, 500, "This page is too large to send.");
    }
    enum MHD_Result rc = send_resp(conn, &o, route_name, &cs->start, strcmp(method, "HEAD") == 0);
    cs->answered = 1;
    buf_free(&o.body);
    /* A heavy answer (a report built, an event index, a search of a common
     * word) leaves its memory free in this thread's malloc arena, where no
     * other thread takes it and glibc keeps it: given back to the system
     * after such a request, the server's heap returns to its baseline
     * (169 MB -> see bench/RESULTS.md). A quick answer costs no trim. */
    if (since(&cs->start) >= SERVE_TRIM_AFTER)
        malloc_trim(0);
    return rc;
}

static int hexval(int c)
{
    return str_isdigit(c) ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

/* Percent-decodes the path and query values in place, like libmicrohttpd
 * does, except that an encoded NUL becomes 0x01 so the path check refuses
 * it instead of the path being cut short there. */
static size_t on_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        int hi, lo;
        if (*r == '%' && (hi = hexval((unsigned char)r[1])) >= 0 && (lo = hexval((unsigned char)r[2])) >= 0) {
            int c = hi << 4 | lo;
            *w++ = (char)(c ? c : 1);
            r += 2;
        } else
            *w++ = *r;
    }
    *w = 0;
    return (size_t)(w - s);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    conn_state *cs = *con_cls;
    if (cs) {
        buf_free(&cs->body);
        free(cs);
        *con_cls = NULL;
    }
}

size_t serve_out_max = SERVE_OUT_MAX;

static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stop_cond = PTHREAD_COND_INITIALIZER;
static int stopped;

static void *stop_watchdog(void *arg)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)(SERVE_STOP_MS % 1000) * 1000000L;
    until.tv_sec += SERVE_STOP_MS / 1000 + until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&stop_lock);
    while (!stopped)
        if (pthread_cond_timedwait(&stop_cond, &stop_lock, &until) != 0)
            break;
    int done = stopped;
    pthread_mutex_unlock(&stop_lock);
    if (!done) {
        fprintf(stderr, "mtrack serve: stopped with requests still running\n");
        _exit(0);
    }
    return NULL;
}

int serve_run(const serve_opts *o, char *why, size_t whylen)
{
    const char *cap = getenv("MTRACK_SERVE_OUT_MAX");
    if (cap && *cap) {
        char *end;
        unsigned long long v = strtoull(cap, &end, 10);
        if (!*end && v >= 1024 && v <= SERVE_OUT_MAX)
            serve_out_max = (size_t)v;
    }
    g_opts = o;
    busy_max = o->threads >= 1 && o->threads <= SERVE_THREADS_MAX ? o->threads : SERVE_BUSY_MAX;
    char probe[512];
    store_t *s = store_open(o->db_path, probe, sizeof probe);
    if (!s) {
        char shown[512];
        snprintf(why, whylen, "%s: %s", store_path_shown(o->db_path, shown, sizeof shown), probe);
        return -1;
    }
    store_close(s);
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    char port[16];
    snprintf(port, sizeof port, "%d", o->port);
    if (getaddrinfo(o->host, port, &hints, &res) != 0 || !res) {
        snprintf(why, whylen, "%s: not a numeric IPv4 or IPv6 address", o->host);
        return -1;
    }
    memcpy(&ss, res->ai_addr, res->ai_addrlen);
    int v6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    const char *hold = getenv("MTRACK_TEST_HOLD");
    int used = 0;
    if (hold && *hold && sscanf(hold, "%" SCNd64 " %n", &hold_ms, &used) == 1 && used > 0)
        snprintf(hold_prefix, sizeof hold_prefix, "%s", hold + used);
    else
        hold_ms = 0;
    /* The signals are taken by sigwait below; the workers inherit the mask. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* A thread per connection: libmicrohttpd's pool would keep each
     * keep-alive connection on one of its threads, and one slow answer
     * would stall every other connection of that thread. */
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                     MHD_USE_AUTO;
    if (v6)
        flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, on_request, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_POOL_MAX,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_CONNECTIONS_MAX,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, on_unescape, NULL,
        MHD_OPTION_END);
    if (!d) {
        snprintf(why, whylen, "cannot listen on %s port %d (in use, or not allowed)", o->host, o->port);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    int bound = info ? info->port : o->port;
    printf("mtrack serve: listening on http://%s%s%s:%d/ (a thread per connection, at most %d;"
           " %d request%s computing at once)\n",
           v6 ? "[" : "", o->host, v6 ? "]" : "", bound, SERVE_CONNECTIONS_MAX, busy_max,
           busy_max == 1 ? "" : "s");
    fflush(stdout);
    if (o->port_file) {
        FILE *f = fopen(o->port_file, "w");
        if (f) {
            fprintf(f, "%d\n", bound);
            fclose(f);
        }
    }
    int sig = 0;
    sigwait(&set, &sig);
    /* Requests still running see serve_cancelled() and end within
     * milliseconds; one that would not (a long stretch of work without a
     * store statement) is not waited for past SERVE_STOP_MS: the store is
     * consistent at any moment (transactions), so the process may end. */
    g_stopping = 1;
    fprintf(stderr, "mtrack serve: stopping (signal %d)\n", sig);
    pthread_t dog;
    int have_dog = pthread_create(&dog, NULL, stop_watchdog, NULL) == 0;
    MHD_stop_daemon(d);
    pthread_mutex_lock(&stop_lock);
    stopped = 1;
    pthread_cond_signal(&stop_cond);
    pthread_mutex_unlock(&stop_lock);
    if (have_dog)
        pthread_join(dog, NULL);
    pool_close();
    pages_cleanup();
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    return 0;
}
