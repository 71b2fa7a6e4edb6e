/* api: the JSON API under /api/v1/ (docs/API.md). */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "serve/api.h"
#include "fetch/netguard.h"
#include "serve/acache.h"
#include "serve/query.h"
#include "serve/rcache.h"
#include "util/url.h"
#include "util/input.h"
#include "publish/eventfmt.h"
#include "util/json.h"
#include "util/str.h"

extern char **environ;

#define UPDATE_OUT_MAX (64 * 1024)
#define UPDATE_TIME_MAX 600 /* seconds */

static void json_begin(serve_resp *o, jw_t *w)
{
    o->ctype = "application/json";
    o->etag = 1;
    jw_init(w, &o->body, true);
}

static void json_end(serve_resp *o, jw_t *w)
{
    buf_putc(&o->body, '\n');
    if (w->err)
        serve_json_error(o, 500, "the answer passes the size limit");
}

/* Writes a path with one URL-encoded segment as a JSON string value. */
static void kpath(jw_t *w, const char *key, const char *prefix, const char *seg, const char *suffix)
{
    buf_t p;
    buf_init(&p, 0);
    buf_puts(&p, prefix);
    serve_urlenc(&p, seg);
    buf_puts(&p, suffix);
    jw_kstr(w, key, buf_str(&p));
    buf_free(&p);
}

/* ---- authorisation ---- */

/* Compares in time that depends only on the secret's length. */
static int same_secret(const char *given, const char *secret)
{
    size_t gl = strlen(given), sl = strlen(secret);
    unsigned char d = (unsigned char)(gl != sl);
    for (size_t i = 0; i < sl; i++)
        d |= (unsigned char)((i < gl ? given[i] : 0) ^ secret[i]);
    return d == 0;
}

/* 1 when the request may write; else sets 403 (writes disabled) or 401. */
static int authorized(const serve_req *r, serve_resp *o)
{
    const char *token = r->opts->token;
    if (!token || !*token) {
        serve_json_error(o, 403, "writes are disabled: the server runs without MTRACK_TOKEN");
        return 0;
    }
    const char *h = serve_header(r, "Authorization");
    if (!h || str_ncasecmp(h, "Bearer ", 7) != 0 || !same_secret(h + 7, token)) {
        serve_json_error(o, 401, "a valid 'Authorization: Bearer TOKEN' header is needed");
        o->auth_challenge = 1;
        return 0;
    }
    return 1;
}

/* ---- trackers ---- */

typedef struct trackers_ctx {
    jw_t *w;
} trackers_ctx;

static void tracker_links(jw_t *w, const char *name)
{
    kpath(w, "report", "/api/v1/trackers/", name, "/report");
    kpath(w, "events", "/api/v1/events?tracker=", name, "");
    kpath(w, "html", "/t/", name, "");
    kpath(w, "atom", "/t/", name, "/atom.xml");
}

static int tracker_obj(const char *name, const char *title, void *vctx)
{
    jw_t *w = ((trackers_ctx *)vctx)->w;
    jw_obj(w);
    jw_kstr(w, "name", name);
    jw_kstr(w, "title", title);
    tracker_links(w, name);
    jw_obj_end(w);
    return 0;
}

static void api_trackers(serve_req *r, serve_resp *o)
{
    jw_t w;
    json_begin(o, &w);
    jw_obj(&w);
    jw_key(&w, "trackers");
    jw_arr(&w);
    trackers_ctx tc = {&w};
    if (store_trackers_each(r->store, tracker_obj, &tc) < 0) {
        serve_json_error(o, 500, "the store could not be read");
        return;
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    json_end(o, &w);
}

static void api_tracker(serve_req *r, serve_resp *o, const char *name)
{
    tracker_def t;
    int rc = serve_tracker(r->store, name, &t);
    if (rc != 0) {
        serve_json_error(o, rc > 0 ? 404 : 500, rc > 0 ? "no such tracker" : "the store could not be read");
        return;
    }
    jw_t w;
    json_begin(o, &w);
    jw_obj(&w);
    jw_kstr(&w, "name", t.name);
    jw_kstr(&w, "title", t.title);
    jw_kstr(&w, "category", t.category);
    jw_kstr(&w, "description", t.description);
    jw_key(&w, "themes");
    jw_arr(&w);
    for (size_t i = 0; i < t.n_themes; i++) {
        jw_obj(&w);
        jw_kstr(&w, "name", t.themes[i].name);
        jw_kstr(&w, "title", t.themes[i].title);
        jw_key(&w, "types");
        jw_arr(&w);
        for (size_t k = 0; k < t.themes[i].types.n; k++)
            jw_str(&w, t.themes[i].types.v[k]);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    tracker_links(&w, t.name);
    jw_obj_end(&w);
    json_end(o, &w);
    tracker_free(&t);
}

static void api_report(serve_req *r, serve_resp *o, const char *name)
{
    /* limit: items per section (the rest counted), as the page lists them */
    const char *lim = serve_arg(r, "limit");
    int64_t top = 0;
    if (lim && *lim && input_int(lim, 1, REPORT_TOP_MAX, &top) < 0) {
        char why[96];
        snprintf(why, sizeof why, "limit wants a number from 1 to %d", REPORT_TOP_MAX);
        serve_json_error(o, 400, why);
        return;
    }
    int rc = rcache_get(r->store, name, REPORT_JSON, (int)top, &o->body, NULL, 0);
    if (rc != 0) {
        serve_json_error(o, rc > 0 ? 404 : 500, rc > 0 ? "no such tracker" : "the report could not be built");
        return;
    }
    o->ctype = "application/json";
    o->etag = 1;
}

/* ---- events ---- */

static void event_obj(jw_t *w, const tracker_def *t, const ev_row *row)
{
    jw_kint(w, "id", row->id);
    jw_kstr(w, "first_seen", row->first_seen);
    jw_kint(w, "sources", row->mentions);
    jw_kstr(w, "theme", row->theme >= 0 && (size_t)row->theme < t->n_themes ? t->themes[row->theme].name : NULL);
    char path[64];
    snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)row->id);
    jw_kstr(w, "url", path);
    jw_key(w, "event");
    event_json(&row->e, w);
}

/* The parameters of the events list: each is carried into its "next"
 * link; with offset they are all the list takes (a parameter not here is
 * a 400, see unknown_args). */
#define EVENT_PAGE_KEYS "tracker", EVQ_KEYS
static const char *const page_keys[] = {EVENT_PAGE_KEYS, NULL};
static const char *const events_keys[] = {EVENT_PAGE_KEYS, "offset", NULL};

/* ---- answers computed once per generation of the data (serve/acache.h) ----
 *
 * The key of an answer: its route and the value of each of its parameters
 * as the request gave it (absent and empty apart). A tracker loaded again
 * with other themes or another [filter] is a write like any other: a new
 * generation. */
static int answer_cached(serve_req *r, serve_resp *o, const char *route_name, const char *const *keys,
                         buf_t *key, int64_t *gen)
{
    if (!acache_lookup(r, o, route_name, NULL, keys, key, gen))
        return 0;
    o->ctype = "application/json";
    return 1;
}

static void api_events_answer(serve_req *r, serve_resp *o);

static void api_events(serve_req *r, serve_resp *o)
{
    buf_t key;
    int64_t gen;
    if (answer_cached(r, o, "api_events", events_keys, &key, &gen))
        return;
    api_events_answer(r, o);
    acache_keep(o, &key, gen);
}

static void api_events_answer(serve_req *r, serve_resp *o)
{
    tracker_def t;
    int rc = serve_tracker(r->store, serve_arg(r, "tracker"), &t);
    if (rc != 0) {
        serve_json_error(o, rc > 0 ? 404 : 500, rc > 0 ? "no such tracker" : "the store could not be read");
        return;
    }
    ev_query q;
    char why[256];
    if (evq_parse(r, &t, &q, why, sizeof why) < 0) {
        serve_json_error(o, 400, why);
        tracker_free(&t);
        return;
    }
    ev_page p;
    if (evq_run(r->store, &t, &q, &p) < 0) {
        serve_json_error(o, 500, "the store could not be read");
        tracker_free(&t);
        return;
    }
    jw_t w;
    json_begin(o, &w);
    jw_obj(&w);
    jw_key(&w, "events");
    jw_arr(&w);
    for (size_t i = 0; i < p.n; i++) {
        jw_obj(&w);
        event_obj(&w, &t, &p.rows[i]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kint(&w, "count", (int64_t)p.n);
    jw_kint(&w, "limit", q.limit);
    jw_kint(&w, "offset", q.offset);
    if (p.total >= 0)
        jw_kint(&w, "total", p.total);
    if (p.more) {
        buf_t next;
        buf_init(&next, 0);
        buf_puts(&next, "/api/v1/events?");
        for (size_t i = 0; page_keys[i]; i++) {
            const char *v = serve_arg(r, page_keys[i]);
            if (!v || !*v)
                continue;
            buf_printf(&next, "%s=", page_keys[i]);
            serve_urlenc(&next, v);
            buf_putc(&next, '&');
        }
        buf_printf(&next, "offset=%lld", (long long)(q.offset + q.limit));
        jw_kstr(&w, "next", buf_str(&next));
        buf_free(&next);
    } else {
        jw_key(&w, "next");
        jw_null(&w);
    }
    jw_obj_end(&w);
    json_end(o, &w);
    ev_page_free(&p);
    tracker_free(&t);
}

typedef struct mention_ctx {
    jw_t *w;
    store_t *s;
    const char *sentence;
    double confidence;
    int64_t doc_id;
} mention_ctx;

static int mention_doc(const doc_rec *d, void *vctx)
{
    mention_ctx *c = vctx;
    jw_kstr(c->w, "title", d->title);
    jw_kstr(c->w, "outlet", d->outlet);
    jw_kstr(c->w, "published", d->published);
    jw_kstr(c->w, "url", url_doc_out(d->canonical_url, d->url));
    return 0;
}

static int mention_obj(int64_t doc_id, const char *sentence, double confidence, void *vctx)
{
    mention_ctx *c = vctx;
    jw_obj(c->w);
    jw_kint(c->w, "document", doc_id);
    jw_kstr(c->w, "sentence", sentence);
    jw_knum(c->w, "confidence", round(confidence * 1000) / 1000);
    int rc = store_doc_get(c->s, doc_id, mention_doc, c);
    jw_obj_end(c->w);
    return rc;
}

static void api_event(serve_req *r, serve_resp *o, const char *id_text)
{
    int64_t id;
    if (input_int(id_text, 1, INT64_MAX, &id) < 0) {
        serve_json_error(o, 404, "no such event");
        return;
    }
    tracker_def t;
    if (serve_tracker(r->store, serve_arg(r, "tracker"), &t) != 0) {
        serve_json_error(o, 404, "no such tracker");
        return;
    }
    ev_query q;
    memset(&q, 0, sizeof q);
    event_filter_init(&q.f);
    q.f.id = id;
    q.theme = -1;
    q.limit = 1;
    ev_page p;
    if (evq_run(r->store, &t, &q, &p) < 0 || p.n == 0) {
        serve_json_error(o, p.n == 0 ? 404 : 500, p.n == 0 ? "no such event" : "the store could not be read");
        ev_page_free(&p);
        tracker_free(&t);
        return;
    }
    jw_t w;
    json_begin(o, &w);
    jw_obj(&w);
    event_obj(&w, &t, &p.rows[0]);
    jw_key(&w, "mentions");
    jw_arr(&w);
    mention_ctx mc = {&w, r->store, NULL, 0, 0};
    int rc = store_mentions_each(r->store, id, mention_obj, &mc);
    jw_arr_end(&w);
    /* what updated documents changed, oldest first */
    rc = event_changes_json(&w, r->store, id, "document", rc);
    jw_obj_end(&w);
    if (rc < 0)
        serve_json_error(o, 500, "the store could not be read");
    else
        json_end(o, &w);
    ev_page_free(&p);
    tracker_free(&t);
}

/* ---- search ---- */

typedef struct search_hits {
    jw_t *w;
    int64_t n;
} search_hits;

static int hit_obj(const doc_rec *d, const char *snippet, double score, void *vctx)
{
    search_hits *sh = vctx;
    sh->n++;
    doc_hit_json(sh->w, d, snippet, score);
    return 0;
}

static const char *const search_keys[] = {"q", "limit", NULL};

static void api_search_answer(serve_req *r, serve_resp *o);

static void api_search(serve_req *r, serve_resp *o)
{
    buf_t key;
    int64_t gen;
    if (answer_cached(r, o, "api_search", search_keys, &key, &gen))
        return;
    api_search_answer(r, o);
    acache_keep(o, &key, gen);
}

static void api_search_answer(serve_req *r, serve_resp *o)
{
    const char *q = serve_arg(r, "q"), *lim = serve_arg(r, "limit");
    if (!q || !*q || strlen(q) > 500) {
        serve_json_error(o, 400, "q wants the words to search (500 characters at most)");
        return;
    }
    if (!store_query_has_words(q)) {
        serve_json_error(o, 400, "q has no words to search (only quotes and spaces)");
        return;
    }
    int64_t limit = 20;
    if (lim) {
        if (input_int(lim, 1, 100, &limit) < 0) {
            serve_json_error(o, 400, "limit wants a number from 1 to 100");
            return;
        }
    }
    jw_t w;
    json_begin(o, &w);
    jw_obj(&w);
    jw_kstr(&w, "query", q);
    jw_key(&w, "results");
    jw_arr(&w);
    search_hits sh = {&w, 0};
    search_total t;
    if (store_search(r->store, q, limit, hit_obj, &sh) < 0 ||
        search_total_get(r->store, q, sh.n, limit, &t) < 0) {
        serve_json_error(o, 500, "the search failed");
        return;
    }
    jw_arr_end(&w);
    search_total_json(&w, &t);
    jw_obj_end(&w);
    json_end(o, &w);
}

/* ---- sources ---- */

static int source_obj(const source_rec *s, void *vctx)
{
    jw_t *w = vctx;
    jw_obj(w);
    jw_kint(w, "id", s->id);
    jw_kstr(w, "url", s->url);
    jw_kstr(w, "title", s->title);
    jw_kstr(w, "kind", s->kind);
    jw_kstr(w, "added", s->added);
    jw_kstr(w, "last_success", s->last_success);
    jw_kstr(w, "last_error", s->last_error);
    jw_kstr(w, "last_error_at", s->last_error_at);
    jw_kstr(w, "next_try", s->next_try);
    jw_kint(w, "interval_s", s->interval_s);
    jw_kint(w, "failures", s->failures);
    jw_kint(w, "documents", s->documents);
    jw_obj_end(w);
    return 0;
}

/* A page of the sources, id order: limit (1-1000, default 100) from
 * offset; total counts them all. */
static void api_sources_list(serve_req *r, serve_resp *o)
{
    const char *lim = serve_arg(r, "limit"), *off = serve_arg(r, "offset");
    int64_t limit = 100, offset = 0, total = 0;
    if (lim && *lim && input_int(lim, 1, 1000, &limit) < 0) {
        serve_json_error(o, 400, "limit wants a number from 1 to 1000");
        return;
    }
    if (off && *off && input_int(off, 0, INT64_MAX / 2, &offset) < 0) {
        serve_json_error(o, 400, "offset wants a number from 0 up");
        return;
    }
    jw_t w;
    json_begin(o, &w);
    jw_obj(&w);
    jw_key(&w, "sources");
    jw_arr(&w);
    if (store_sources_page(r->store, offset, limit, &total, source_obj, &w) < 0) {
        serve_json_error(o, 500, "the store could not be read");
        return;
    }
    jw_arr_end(&w);
    jw_kint(&w, "total", total);
    jw_kint(&w, "limit", limit);
    jw_kint(&w, "offset", offset);
    if (offset + limit < total) {
        char next[96];
        snprintf(next, sizeof next, "/api/v1/sources?limit=%lld&offset=%lld", (long long)limit,
                 (long long)(offset + limit));
        jw_kstr(&w, "next", next);
    }
    jw_obj_end(&w);
    json_end(o, &w);
}

/* The source of id as the list shows it, into w. 1 found, 0 none, -1 error. */
static int put_source(serve_req *r, jw_t *w, int64_t id)
{
    return store_source_get(r->store, id, NULL, source_obj, w);
}

/* GET /api/v1/sources/ID: one source as the list shows it. */
static void api_source(serve_req *r, serve_resp *o, const char *id_text)
{
    int64_t id;
    if (input_int(id_text, 1, INT64_MAX, &id) < 0) {
        serve_json_error(o, 404, "no such source");
        return;
    }
    jw_t w;
    json_begin(o, &w);
    int rc = put_source(r, &w, id);
    if (rc <= 0)
        serve_json_error(o, rc < 0 ? 500 : 404, rc < 0 ? "the store could not be read" : "no such source");
    else
        json_end(o, &w);
}

/* POST /api/v1/sources {"url", "title", "update_title"}: a new source is
 * 201 with its Location; a URL already followed (in any case of its scheme
 * and host) is 200 with the source as it is, its title kept, unless
 * "update_title": true; a different title without it is 409 with the
 * source. */
static void api_sources_add(serve_req *r, serve_resp *o)
{
    if (!authorized(r, o))
        return;
    if (!r->body || !r->body_len) {
        serve_json_error(o, 400, "the body wants a JSON object {\"url\": ..., \"title\": ...}");
        return;
    }
    json_error_t jerr;
    json_t *root = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root || !json_is_object(root)) {
        json_decref(root);
        serve_json_error(o, 400, "the body is not a JSON object");
        return;
    }
    json_t *ju = json_object_get(root, "url"), *jt = json_object_get(root, "title");
    json_t *jr = json_object_get(root, "update_title");
    const char *url = json_is_string(ju) ? json_string_value(ju) : NULL;
    const char *title = json_is_string(jt) ? json_string_value(jt) : NULL;
    const char *key;
    json_t *val;
    const char *unknown = NULL;
    json_object_foreach(root, key, val) {
        if (strcmp(key, "url") != 0 && strcmp(key, "title") != 0 && strcmp(key, "update_title") != 0)
            unknown = key;
    }
    char why[256];
    int64_t id = 0;
    char *had = NULL; /* the known source's title */
    int rc;
    if (unknown) {
        snprintf(why, sizeof why, "unknown field '%.100s' (the body takes url, title, update_title)", unknown);
        serve_json_error(o, 400, why);
    } else if (!url || strlen(url) > 2048 || strlen(url) != json_string_length(ju)) {
        serve_json_error(o, 400, "url wants an http(s) URL of 2048 bytes at most");
    } else if ((jt && !json_is_null(jt) && !title) ||
               (title && (strlen(title) > 500 || strlen(title) != json_string_length(jt)))) {
        serve_json_error(o, 400, "title wants a string of 500 bytes at most");
    } else if (jr && !json_is_boolean(jr)) {
        serve_json_error(o, 400, "update_title wants true or false");
    } else if (netguard_url_check(url, r->opts->allow_private, why, sizeof why) < 0) {
        serve_json_error(o, 400, why);
    } else if ((rc = store_source_known(r->store, url, &id, NULL, &had)) < 0) {
        serve_json_error(o, 500, "the store could not be read");
    } else {
        int known = rc == 1;
        int other_title = known && title && (!had || strcmp(title, had) != 0);
        int replace = json_is_true(jr);
        jw_t w;
        if (other_title && !replace) {
            /* the error, and the source as it stays */
            json_begin(o, &w);
            jw_obj(&w);
            jw_key(&w, "error");
            jw_obj(&w);
            jw_kint(&w, "status", 409);
            jw_kstr(&w, "message", "a source with this URL exists with another title; it is kept "
                                   "(send \"update_title\": true to replace it)");
            jw_obj_end(&w);
            jw_key(&w, "source");
            if (put_source(r, &w, id) <= 0)
                jw_null(&w);
            jw_obj_end(&w);
            json_end(o, &w);
            o->status = 409;
            o->etag = 0;
        } else if ((!known || other_title) &&
                   store_source_put(r->store, url, title, "feed", &id) < 0) {
            serve_json_error(o, 500, "the store could not be written");
        } else {
            json_begin(o, &w);
            if (put_source(r, &w, id) <= 0) {
                serve_json_error(o, 500, "the store could not be read");
            } else {
                json_end(o, &w);
                o->etag = 0;
                o->status = known ? 200 : 201;
                snprintf(o->location, sizeof o->location, "/api/v1/sources/%lld", (long long)id);
            }
        }
    }
    free(had);
    json_decref(root);
}

static void api_sources_remove(serve_req *r, serve_resp *o)
{
    if (!authorized(r, o))
        return;
    const char *url = serve_arg(r, "url");
    if (!url || !*url || strlen(url) > 2048) {
        serve_json_error(o, 400, "url wants the source's URL");
        return;
    }
    int rc = store_source_remove(r->store, url);
    if (rc < 0)
        serve_json_error(o, 500, "the store could not be written");
    else if (rc == 0)
        serve_json_error(o, 404, "no such source");
    else {
        jw_t w;
        json_begin(o, &w);
        o->etag = 0;
        jw_obj(&w);
        jw_kstr(&w, "removed", url);
        jw_obj_end(&w);
        json_end(o, &w);
    }
}

/* ---- organisations ---- */

typedef struct org_count {
    char *name;
    int64_t events;
} org_count;

typedef struct orgs_ctx {
    org_count *v;
    size_t n, cap;
    const char *q;
    size_t *slot;             /* hash of the folded names: index + 1, 0 free */
    size_t nslot;             /* a power of two, more than twice n */
} orgs_ctx;

static uint64_t fold_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)(*s >= 'A' && *s <= 'Z' ? *s | 32 : *s)) * 1099511628211ull;
    return h;
}

static void org_rehash(orgs_ctx *c)
{
    free(c->slot);
    c->nslot = c->nslot ? c->nslot * 2 : 1024;
    c->slot = xcalloc(c->nslot, sizeof *c->slot);
    for (size_t i = 0; i < c->n; i++) {
        size_t k = (size_t)fold_hash(c->v[i].name) & (c->nslot - 1);
        while (c->slot[k])
            k = (k + 1) & (c->nslot - 1);
        c->slot[k] = i + 1;
    }
}

/* Counts an event for name: every event of the store, a hash lookup each. */
static void org_add(orgs_ctx *c, const char *name)
{
    if (!name || !*name)
        return;
    if (c->q && !str_icasestr(name, strlen(name), c->q))
        return;
    if (2 * (c->n + 1) >= c->nslot)
        org_rehash(c);
    size_t k = (size_t)fold_hash(name) & (c->nslot - 1);
    for (; c->slot[k]; k = (k + 1) & (c->nslot - 1))
        if (str_casecmp(c->v[c->slot[k] - 1].name, name) == 0) {
            c->v[c->slot[k] - 1].events++;
            return;
        }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->slot[k] = c->n + 1;
    c->v[c->n].name = xstrdup(name);
    c->v[c->n++].events = 1;
}

static int org_event(const event_t *e, const event_meta *m, void *vctx)
{
    orgs_ctx *c = vctx;
    org_add(c, event_org_name(e));
    if (e->type == EVENT_ACQUISITION)
        org_add(c, e->target);
    for (size_t i = 0; i < e->n_investors; i++)
        org_add(c, e->investors[i]);
    return 0;
}

static int org_cmp(const void *va, const void *vb)
{
    const org_count *a = va, *b = vb;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return str_casecmp(a->name, b->name);
}

static void api_organizations(serve_req *r, serve_resp *o)
{
    orgs_ctx c = {0};
    c.q = serve_arg(r, "q");
    if (c.q && (!*c.q || strlen(c.q) > 200))
        c.q = NULL;
    /* limit: the most active first; total says how many there are */
    const char *lim = serve_arg(r, "limit");
    int64_t limit = 100;
    if (lim && *lim && input_int(lim, 1, 1000, &limit) < 0) {
        serve_json_error(o, 400, "limit wants a number from 1 to 1000");
        return;
    }
    event_filter f;
    event_filter_init(&f);
    int rc = store_events_each(r->store, &f, org_event, &c);
    if (rc == 0) {
        if (c.n > 1) /* qsort's array may not be NULL, even for no members */
            qsort(c.v, c.n, sizeof *c.v, org_cmp);
        jw_t w;
        json_begin(o, &w);
        jw_obj(&w);
        jw_key(&w, "organizations");
        jw_arr(&w);
        for (size_t i = 0; i < c.n && i < (size_t)limit; i++) {
            jw_obj(&w);
            jw_kstr(&w, "name", c.v[i].name);
            jw_kint(&w, "events", c.v[i].events);
            kpath(&w, "events_url", "/api/v1/events?org=", c.v[i].name, "");
            kpath(&w, "html", "/org/", c.v[i].name, "");
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_kint(&w, "total", (int64_t)c.n);
        jw_kint(&w, "limit", limit);
        jw_obj_end(&w);
        json_end(o, &w);
    } else
        serve_json_error(o, 500, "the store could not be read");
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].name);
    free(c.v);
    free(c.slot);
}

/* ---- update ---- */

static pthread_mutex_t update_lock = PTHREAD_MUTEX_INITIALIZER;

/* Runs `mtrack --db DB update` as a child of this program; out gets its
 * output (capped). Returns its exit status, or -1 when it could not run. */
static int run_update(const char *db, buf_t *out)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    char *argv[] = {"mtrack", "--db", (char *)db, "update", NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return -1;
    }
    time_t start = time(NULL);
    char chunk[4096];
    for (;;) {
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int left = UPDATE_TIME_MAX - (int)(time(NULL) - start);
        if (left <= 0 || poll(&pfd, 1, left * 1000) == 0) {
            kill(pid, SIGTERM);
            buf_puts(out, "\n(mtrack serve: update stopped after the time limit)\n");
            break;
        }
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->len < UPDATE_OUT_MAX)
            buf_append(out, chunk, (size_t)n < UPDATE_OUT_MAX - out->len ? (size_t)n : UPDATE_OUT_MAX - out->len);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static void api_update(serve_req *r, serve_resp *o)
{
    if (!authorized(r, o))
        return;
    if (pthread_mutex_trylock(&update_lock) != 0) {
        serve_json_error(o, 409, "an update is already running");
        return;
    }
    buf_t out;
    buf_init(&out, UPDATE_OUT_MAX + 256);
    int status = run_update(r->opts->db_path, &out);
    pthread_mutex_unlock(&update_lock);
    if (status < 0) {
        serve_json_error(o, 500, "the update could not be started");
    } else {
        jw_t w;
        json_begin(o, &w);
        o->etag = 0;
        jw_obj(&w);
        jw_kint(&w, "exit_status", status);
        jw_kbool(&w, "ok", status == 0);
        jw_kstr(&w, "output", buf_str(&out));
        jw_obj_end(&w);
        json_end(o, &w);
    }
    buf_free(&out);
}

/* ---- dispatch ---- */

static int method_is(const serve_req *r, const char *m)
{
    if (strcmp(m, "GET") == 0 && strcmp(r->method, "HEAD") == 0)
        return 1;
    return strcmp(r->method, m) == 0;
}

/* 405, with the methods the address takes (allow: "GET, HEAD", ...). */
static void not_allowed(serve_resp *o, const char *allow)
{
    char msg[96];
    snprintf(msg, sizeof msg, "this method is not allowed here (it takes %s)", allow);
    serve_json_error(o, 405, msg);
    o->allow = allow;
}

/* The query parameters each address takes: any other is a 400 naming it
 * (a misspelt filter is not silently ignored). */
static const char *const no_keys[] = {NULL};
static const char *const report_keys[] = {"limit", NULL};
static const char *const event_keys[] = {"tracker", NULL};
static const char *const sources_keys[] = {"limit", "offset", NULL};
static const char *const remove_keys[] = {"url", NULL};
static const char *const orgs_keys[] = {"q", "limit", NULL};

/* 1 (and a 400 naming it) when the request has a parameter not in known. */
static int unknown_args(const serve_req *r, serve_resp *o, const char *const *known)
{
    const char *bad = serve_unknown_arg(r, known);
    if (!bad)
        return 0;
    buf_t msg;
    buf_init(&msg, 0);
    buf_printf(&msg, "unknown parameter '%.100s'", bad);
    if (!known[0])
        buf_puts(&msg, " (this address takes none)");
    else {
        buf_puts(&msg, " (this address takes ");
        for (size_t i = 0; known[i]; i++)
            buf_printf(&msg, "%s%s", i ? ", " : "", known[i]);
        buf_putc(&msg, ')');
    }
    serve_json_error(o, 400, buf_str(&msg));
    buf_free(&msg);
    return 1;
}

#define GET_ONLY "GET, HEAD"

const char *api_handle(serve_req *r, serve_resp *o)
{
    const char *p = r->path;
    if (strncmp(p, "/api/v1/", 8) != 0) {
        serve_json_error(o, 404, "no such API resource (the API lives under /api/v1/)");
        return "not_found";
    }
    p += 8;
    if (strcmp(p, "trackers") == 0) {
        if (!method_is(r, "GET"))
            not_allowed(o, GET_ONLY);
        else if (!unknown_args(r, o, no_keys))
            api_trackers(r, o);
        return "api_trackers";
    }
    if (strncmp(p, "trackers/", 9) == 0) {
        char name[128];
        const char *s = p + 9;
        size_t n = strcspn(s, "/");
        if (n == 0 || n >= sizeof name) {
            serve_json_error(o, 404, "no such tracker");
            return "api_trackers";
        }
        memcpy(name, s, n);
        name[n] = 0;
        if (!s[n] || strcmp(s + n, "/report") == 0) {
            if (!method_is(r, "GET"))
                not_allowed(o, GET_ONLY);
            else if (!s[n]) {
                if (!unknown_args(r, o, no_keys))
                    api_tracker(r, o, name);
            } else if (!unknown_args(r, o, report_keys))
                api_report(r, o, name);
            return s[n] ? "api_report" : "api_trackers";
        }
    } else if (strcmp(p, "events") == 0) {
        if (!method_is(r, "GET"))
            not_allowed(o, GET_ONLY);
        else if (!unknown_args(r, o, events_keys))
            api_events(r, o);
        return "api_events";
    } else if (strncmp(p, "events/", 7) == 0 && !strchr(p + 7, '/')) {
        if (!method_is(r, "GET"))
            not_allowed(o, GET_ONLY);
        else if (!unknown_args(r, o, event_keys))
            api_event(r, o, p + 7);
        return "api_event";
    } else if (strcmp(p, "search") == 0) {
        if (!method_is(r, "GET"))
            not_allowed(o, GET_ONLY);
        else if (!unknown_args(r, o, search_keys))
            api_search(r, o);
        return "api_search";
    } else if (strcmp(p, "sources") == 0) {
        if (method_is(r, "GET")) {
            if (!unknown_args(r, o, sources_keys))
                api_sources_list(r, o);
        } else if (method_is(r, "POST")) {
            if (!unknown_args(r, o, no_keys))
                api_sources_add(r, o);
        } else if (method_is(r, "DELETE")) {
            if (!unknown_args(r, o, remove_keys))
                api_sources_remove(r, o);
        } else
            not_allowed(o, "GET, HEAD, POST, DELETE");
        return "api_sources";
    } else if (strncmp(p, "sources/", 8) == 0 && !strchr(p + 8, '/')) {
        if (!method_is(r, "GET"))
            not_allowed(o, GET_ONLY);
        else if (!unknown_args(r, o, no_keys))
            api_source(r, o, p + 8);
        return "api_sources";
    } else if (strcmp(p, "organizations") == 0 || strcmp(p, "organisations") == 0) {
        if (!method_is(r, "GET"))
            not_allowed(o, GET_ONLY);
        else if (!unknown_args(r, o, orgs_keys))
            api_organizations(r, o);
        return "api_organizations";
    } else if (strcmp(p, "update") == 0) {
        if (!method_is(r, "POST"))
            not_allowed(o, "POST");
        else if (!unknown_args(r, o, no_keys))
            api_update(r, o);
        return "api_update";
    }
    serve_json_error(o, 404, "no such API resource");
    return "not_found";
}
