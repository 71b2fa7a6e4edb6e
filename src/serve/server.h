/* server: mtrack's web server (libmicrohttpd): routing, limits, security
 * headers, the per-thread store, and what the page/API modules share. */
#ifndef MTRACK_SERVER_H
#define MTRACK_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "sources/tracker.h"
#include "store/store.h"
#include "util/buf.h"

#define SERVE_BODY_MAX   (64 * 1024)   /* request body cap (413 beyond) */
#define SERVE_DRAIN_MAX  (1024 * 1024) /* refused body bytes read before cutting off */
#define SERVE_OUT_MAX    (32u << 20)   /* response body cap */
/* The response body cap in force: SERVE_OUT_MAX, or MTRACK_SERVE_OUT_MAX
 * bytes from the environment when set (for tests of answers past it). */
extern size_t serve_out_max;
#define SERVE_HEADERS_MAX (64 * 1024)  /* request line and headers (431 beyond) */
/* libmicrohttpd's memory per connection: room to read headers past
 * SERVE_HEADERS_MAX and answer them with our own 431 (past this it sends
 * its own page). It clears half of it before every request: at 1 MiB that
 * memset was the largest cost of an events API answer (1,480 -> 2,000
 * req/s at 160 KiB, bench/RESULTS.md). */
#define SERVE_POOL_MAX (160 * 1024)

#define SERVE_CONNECTIONS_MAX 256   /* connections at once, each with its thread */
#define SERVE_BUSY_MAX 8              /* requests reading the store at once by default (others wait) */
#define SERVE_THREADS_MAX 64          /* the most --threads takes */
#define SERVE_TRIM_AFTER 0.05         /* seconds: a request this long gives its free heap back */
#define SERVE_STOP_MS 800             /* longest wait for running requests on SIGTERM */

typedef struct serve_opts {
    const char *db_path;
    const char *host;         /* numeric address to listen on */
    int port;                 /* 0: any free port (printed at start) */
    int threads;              /* --threads: requests reading the store at once (0: SERVE_BUSY_MAX) */
    int allow_private;        /* sources may point at private addresses */
    const char *token;        /* bearer token for writes; NULL: writes refused */
    const char *port_file;    /* when set, the bound port is written there */
} serve_opts;

/* Runs the server until SIGINT or SIGTERM. Returns 0, or -1 with the
 * reason in why. */
int serve_run(const serve_opts *o, char *why, size_t whylen);

/* ---- what route handlers see ---- */

typedef struct serve_req {
    void *conn;               /* struct MHD_Connection * */
    const char *method;
    const char *path;         /* decoded path, checked: no "..", no NUL */
    const char *body;         /* NUL-terminated; NULL when none */
    size_t body_len;
    store_t *store;           /* this worker thread's store */
    const serve_opts *opts;
} serve_req;

typedef struct serve_resp {
    int status;
    const char *ctype;        /* static string */
    buf_t body;
    int etag;                 /* 1: send an ETag, honour If-None-Match */
    int html;                 /* 1: HTML page: the HTML security policy */
    const char *csp;          /* overrides the default HTML policy when set */
    char disposition[160];    /* Content-Disposition, "" for none */
    char location[256];       /* Location, "" for none */
    int auth_challenge;       /* 1: WWW-Authenticate: Bearer */
    const char *allow;        /* Allow (the methods a 405's address takes), NULL for none */
} serve_resp;

/* True when the request running on this thread should stop: the server
 * is stopping (SIGTERM, SIGINT) or its client hung up. Long loops ask it;
 * the store's statements ask it by themselves (store_set_stop). Cheap:
 * the socket is looked at every 20 ms at most. */
int serve_cancelled(void);

/* A query-string value of the request, or NULL. Borrowed. */
const char *serve_arg(const serve_req *r, const char *key);
/* The first query parameter of the request not in known (NULL-terminated),
 * or NULL when all are known. Borrowed. */
const char *serve_unknown_arg(const serve_req *r, const char *const *known);
/* The request's parameters not in known (NULL-ended), at most max of them
 * into bad, in the order given; returns how many were put. */
size_t serve_unknown_args(const serve_req *r, const char *const *known, const char **bad, size_t max);
/* Calls cb with each query parameter of the request (name and value, the
 * value NULL when it has none), in the order given. */
void serve_args_each(const serve_req *r, void (*cb)(const char *key, const char *value, void *ctx), void *ctx);
/* A request header, or NULL. Borrowed. */
const char *serve_header(const serve_req *r, const char *key);

/* Sets a JSON error response {"error": {"status": N, "message": M}}. */
void serve_json_error(serve_resp *o, int status, const char *msg);
/* Sets a small HTML error page. */
void serve_html_error(serve_resp *o, int status, const char *msg);

/* Loads tracker name (NULL or "": the first; the default is loaded when the
 * store has none) into t. Returns 0, 1 when there is no such tracker, -1 on
 * a store error. */
int serve_tracker(store_t *s, const char *name, tracker_def *t);

/* Appends s to b URL-encoded (for query strings). */
void serve_urlenc(buf_t *b, const char *s);

#endif
