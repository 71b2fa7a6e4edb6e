/* mcp: the Model Context Protocol server: JSON-RPC 2.0 over stdio. */
#include "mcp/mcp.h"

#include "fetch/netguard.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "alert/alert.h"
#include "cli/cli.h"
#include "publish/eventfmt.h"
#include "publish/report.h"
#include "publish/scope.h"
#include "publish/theme.h"
#include "sources/tracker.h"
#include "util/url.h"
#include "util/input.h"
#include "util/json.h"
#include "util/str.h"

/* JSON-RPC and MCP error codes. */
enum {
    RPC_PARSE = -32700,
    RPC_INVALID = -32600,
    RPC_NO_METHOD = -32601,
    RPC_BAD_PARAMS = -32602,
    RPC_INTERNAL = -32603,
    MCP_NO_RESOURCE = -32002,
};

#define MAX_LIMIT 200
#define MAX_MENTIONS 500

struct mcp_server {
    store_t *s;
    int allow_private;
    int initialized;
};

mcp_server *mcp_new(store_t *s, int allow_private)
{
    mcp_server *m = xcalloc(1, sizeof *m);
    m->s = s;
    m->allow_private = allow_private;
    return m;
}

void mcp_free(mcp_server *m)
{
    free(m);
}

/* ---- responses ---- */

static void put_id(buf_t *b, json_t *id)
{
    char *t = id ? json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    buf_puts(b, t ? t : "null");
    free(t);
}

static void put_jstr(buf_t *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    json_escape(b, s, n);
    buf_putc(b, '"');
}

static void resp_error(buf_t *b, json_t *id, int code, const char *msg)
{
    buf_reset(b);
    buf_puts(b, "{\"jsonrpc\":\"2.0\",\"id\":");
    put_id(b, id);
    buf_printf(b, ",\"error\":{\"code\":%d,\"message\":", code);
    put_jstr(b, msg, strlen(msg));
    buf_puts(b, "}}");
}

/* Starts a result: the caller appends the result's JSON and then '}'. */
static void resp_result_start(buf_t *b, json_t *id)
{
    buf_reset(b);
    buf_puts(b, "{\"jsonrpc\":\"2.0\",\"id\":");
    put_id(b, id);
    buf_puts(b, ",\"result\":");
}

/* ---- argument checks: each returns 0, or -1 with the complaint in why ---- */

static int arg_str(json_t *args, const char *key, int required, size_t maxlen, const char **out,
                   char *why, size_t whylen)
{
    json_t *v = args ? json_object_get(args, key) : NULL;
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required) {
            snprintf(why, whylen, "'%s' is required", key);
            return -1;
        }
        return 0;
    }
    if (!json_is_string(v)) {
        snprintf(why, whylen, "'%s' must be a string", key);
        return -1;
    }
    size_t n = json_string_length(v);
    if (n > maxlen || strlen(json_string_value(v)) != n) {
        snprintf(why, whylen, "'%s' must be a string of at most %zu bytes without NUL", key, maxlen);
        return -1;
    }
    if (required && n == 0) {
        snprintf(why, whylen, "'%s' must not be empty", key);
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

static int arg_int(json_t *args, const char *key, int64_t lo, int64_t hi, int64_t def,
                   int64_t *out, char *why, size_t whylen)
{
    json_t *v = args ? json_object_get(args, key) : NULL;
    *out = def;
    if (!v || json_is_null(v))
        return 0;
    double d;
    if (json_is_integer(v))
        d = (double)json_integer_value(v);
    else if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v)))
        d = json_real_value(v);
    else {
        snprintf(why, whylen, "'%s' must be an integer", key);
        return -1;
    }
    if (d < (double)lo || d > (double)hi) {
        snprintf(why, whylen, "'%s' must be from %lld to %lld", key, (long long)lo, (long long)hi);
        return -1;
    }
    *out = (int64_t)d;
    return 0;
}

static int arg_date(json_t *args, const char *key, const char **out, char *why, size_t whylen)
{
    if (arg_str(args, key, 0, 10, out, why, whylen) < 0)
        return -1;
    const char *s = *out;
    if (!s)
        return 0;
    if (!input_day(s)) { /* as the CLI and the API read dates */
        snprintf(why, whylen, "'%s' must be a date YYYY-MM-DD that exists", key);
        return -1;
    }
    return 0;
}

/* ---- trackers ---- */

static int render_report(mcp_server *m, const tracker_def *t, int json, int top, buf_t *out, char *why,
                         size_t whylen)
{
    report_opts o = {.format = json ? REPORT_JSON : REPORT_MD, .top = top};
    o.edition_format = json ? "json" : "md";
    o.now = getenv("MTRACK_NOW");
    return report_write(m->s, t, &o, out, NULL, why, whylen);
}

/* ---- tools ---- */

static const char TOOLS_JSON[] =
    "{\"tools\":["
    "{\"name\":\"search\",\"title\":\"Search articles\","
    "\"description\":\"Full-text search (BM25) over the tracked articles' titles and text, best first. "
    "All words must occur; a trailing * matches a prefix. Returns id, title, outlet, published, url (null "
    "unless an http(s) link), snippet (the passage as plain text) and snippet_parts: the same passage as "
    "[{text, hit}] runs, hit true where a query word matched; with count (the results), total (documents "
    "matching; an estimate when total_exact is false) and ranked (how many of the newest matches the results "
    "are the best of).\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"query\":{\"type\":\"string\",\"description\":\"words to find\",\"minLength\":1,\"maxLength\":1000},"
    "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"default\":10}},"
    "\"required\":[\"query\"],\"additionalProperties\":false}},"

    "{\"name\":\"list_events\",\"title\":\"List business events\","
    "\"description\":\"The business events read from the articles (funding rounds, acquisitions, stock "
    "moves, infrastructure projects, product launches), newest first, each merged across every source "
    "that reported it. Filters combine; use offset to page: total says how many match.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"type\":{\"type\":\"string\",\"enum\":[\"funding\",\"acquisition\",\"stock_move\",\"infrastructure\",\"product\"]},"
    "\"theme\":{\"type\":\"string\",\"description\":\"a theme (report section) of the tracker\"},"
    "\"tracker\":{\"type\":\"string\",\"description\":\"the tracker whose themes 'theme' names (default: the first)\"},"
    "\"since\":{\"type\":\"string\",\"description\":\"first reported on or after YYYY-MM-DD\",\"pattern\":\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"},"
    "\"until\":{\"type\":\"string\",\"description\":\"first reported on or before YYYY-MM-DD\",\"pattern\":\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"},"
    "\"min_usd\":{\"type\":\"number\",\"minimum\":0,\"description\":\"amount (or price) at least this many US dollars\"},"
    "\"country\":{\"type\":\"string\",\"description\":\"ISO 3166 alpha-2 code, e.g. GB\"},"
    "\"org\":{\"type\":\"string\",\"description\":\"any organisation named in the event (substring)\"},"
    "\"investor\":{\"type\":\"string\",\"description\":\"an investor (substring)\"},"
    "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":200,\"default\":20},"
    "\"offset\":{\"type\":\"integer\",\"minimum\":0,\"default\":0}},"
    "\"additionalProperties\":false}},"

    "{\"name\":\"get_event\",\"title\":\"One event with its sources\","
    "\"description\":\"One event by id, with every document that reported it: the sentence read, "
    "confidence, title, outlet, date and URL.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"id\":{\"type\":\"integer\",\"minimum\":1}},"
    "\"required\":[\"id\"],\"additionalProperties\":false}},"

    "{\"name\":\"get_report\",\"title\":\"Tracker report\","
    "\"description\":\"The tracker page: headline, lead, a section per theme with its milestones and "
    "numbered citations, and the sources, as Markdown or JSON.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"tracker\":{\"type\":\"string\",\"description\":\"tracker name (default: the first)\"},"
    "\"format\":{\"type\":\"string\",\"enum\":[\"md\",\"json\"],\"default\":\"md\"},"
    "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000,\"default\":25,"
    "\"description\":\"items each section lists (key milestones, other activity, other stories); "
    "the rest are counted, for list_events to page through\"}},"
    "\"additionalProperties\":false}},"

    "{\"name\":\"add_source\",\"title\":\"Follow a new source\","
    "\"description\":\"Adds a feed or page URL (http or https, public address) for the next update to fetch.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"url\":{\"type\":\"string\",\"maxLength\":2048},"
    "\"title\":{\"type\":\"string\",\"maxLength\":300}},"
    "\"required\":[\"url\"],\"additionalProperties\":false}}"
    "]}";

/* A tool's outcome: text (JSON when structured) and whether it failed. */
typedef struct tool_out {
    buf_t text;
    jw_t w;         /* writes text; w.err when it passed the cap */
    int structured; /* text is a JSON object: also sent as structuredContent */
    int is_error;
    char *compact;  /* when set (owned): the structuredContent, text being pretty */
} tool_out;

static void tool_fail(tool_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tool_fail(tool_out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_reset(&o->text);
    buf_vprintf(&o->text, fmt, ap);
    va_end(ap);
    o->structured = 0;
    o->is_error = 1;
}

typedef struct search_ctx {
    jw_t *w;
    int n;
} search_ctx;

static int search_hit(const doc_rec *d, const char *snippet, double score, void *vctx)
{
    search_ctx *sc = vctx;
    sc->n++;
    doc_hit_json(sc->w, d, snippet, score);
    return 0;
}

static int tool_search(mcp_server *m, json_t *args, tool_out *o, char *why, size_t whylen)
{
    const char *q;
    int64_t limit;
    if (arg_str(args, "query", 1, 1000, &q, why, whylen) < 0 ||
        arg_int(args, "limit", 1, 100, 10, &limit, why, whylen) < 0)
        return -1;
    if (!store_query_has_words(q)) {
        snprintf(why, whylen, "'query' has no words to search (only quotes and spaces)");
        return -1;
    }
    jw_t *w = &o->w;
    jw_obj(w);
    jw_kstr(w, "query", q);
    jw_key(w, "results");
    jw_arr(w);
    search_ctx sc = {w, 0};
    search_total t;
    if (store_search(m->s, q, limit, search_hit, &sc) < 0 || search_total_get(m->s, q, sc.n, limit, &t) < 0) {
        tool_fail(o, "search failed: %s", store_error(m->s));
        return 0;
    }
    jw_arr_end(w);
    jw_kint(w, "count", sc.n);
    search_total_json(w, &t);
    jw_obj_end(w);
    o->structured = 1;
    return 0;
}

/* The events are judged a chunk at a time (scope_events: a few reads for a
 * chunk instead of two per event, as the server's event index does). */
#define LIST_CHUNK 256

typedef struct events_ctx {
    mcp_server *m;
    const tracker_def *t;
    int theme;          /* -1: any */
    int64_t skip, left; /* pagination */
    int64_t n;          /* listed */
    int64_t total;      /* the tracker's events the filter lets through */
    jw_t *w;
    event_t ev[LIST_CHUNK]; /* the chunk waiting to be judged */
    event_meta meta[LIST_CHUNK];
    size_t nev;
} events_ctx;

static void write_event(jw_t *w, const event_t *e, const event_meta *meta, const char *theme)
{
    jw_kint(w, "id", meta->id);
    jw_kstr(w, "first_seen", meta->first_seen);
    jw_kint(w, "sources", meta->mentions);
    jw_kstr(w, "theme", theme);
    jw_key(w, "event");
    event_json(e, w);
}

/* Judges the chunk (unless !judge: a read failed) and lists its events
 * in order, then empties it. */
static int list_flush(events_ctx *ec, int judge)
{
    const event_t *ep[LIST_CHUNK];
    int64_t ids[LIST_CHUNK];
    int in[LIST_CHUNK], th[LIST_CHUNK];
    for (size_t i = 0; i < ec->nev; i++) {
        ep[i] = &ec->ev[i];
        ids[i] = ec->meta[i].id;
    }
    int rc = ec->nev && judge ? scope_events(ec->m->s, ec->t, ep, ids, ec->nev, in, th) : 0;
    for (size_t i = 0; i < ec->nev; i++) {
        /* the tracker's events (publish/scope.h), paged here and all
         * counted, so that the answer says how many there are */
        if (rc == 0 && judge && in[i] && (ec->theme < 0 || th[i] == ec->theme)) {
            ec->total++;
            if (ec->skip > 0) {
                ec->skip--;
            } else if (ec->left > 0) {
                ec->left--;
                ec->n++;
                jw_obj(ec->w);
                write_event(ec->w, &ec->ev[i], &ec->meta[i], th[i] >= 0 ? ec->t->themes[th[i]].name : NULL);
                jw_obj_end(ec->w);
            }
        }
        event_clear(&ec->ev[i]);
        free((char *)ec->meta[i].first_seen);
    }
    ec->nev = 0;
    return rc;
}

static int list_event(const event_t *e, const event_meta *meta, void *vctx)
{
    events_ctx *ec = vctx;
    event_copy(&ec->ev[ec->nev], e);
    ec->meta[ec->nev] = *meta;
    ec->meta[ec->nev].first_seen = meta->first_seen ? xstrdup(meta->first_seen) : NULL;
    ec->nev++;
    return ec->nev == LIST_CHUNK ? list_flush(ec, 1) : 0;
}

static int tool_list_events(mcp_server *m, json_t *args, tool_out *o, char *why, size_t whylen)
{
    event_filter f;
    event_filter_init(&f);
    const char *type, *theme, *tracker;
    int64_t limit, offset;
    if (arg_str(args, "type", 0, 32, &type, why, whylen) < 0 ||
        arg_str(args, "theme", 0, 200, &theme, why, whylen) < 0 ||
        arg_str(args, "tracker", 0, 200, &tracker, why, whylen) < 0 ||
        arg_date(args, "since", &f.since, why, whylen) < 0 ||
        arg_date(args, "until", &f.until, why, whylen) < 0 ||
        arg_str(args, "country", 0, 8, &f.country, why, whylen) < 0 ||
        arg_str(args, "org", 0, 300, &f.org, why, whylen) < 0 ||
        arg_str(args, "investor", 0, 300, &f.investor, why, whylen) < 0 ||
        arg_int(args, "limit", 1, MAX_LIMIT, 20, &limit, why, whylen) < 0 ||
        arg_int(args, "offset", 0, INT32_MAX, 0, &offset, why, whylen) < 0)
        return -1;
    if (type && (f.type = event_type_parse(type)) < 0) {
        snprintf(why, whylen, "'type' must be funding, acquisition, stock_move, infrastructure or product");
        return -1;
    }
    json_t *mu = args ? json_object_get(args, "min_usd") : NULL;
    if (mu && !json_is_null(mu)) {
        if (!json_is_number(mu) || json_number_value(mu) < 0 || !isfinite(json_number_value(mu))) {
            snprintf(why, whylen, "'min_usd' must be a number of dollars, at least 0");
            return -1;
        }
        f.min_usd = json_number_value(mu);
    }
    tracker_def t;
    int lr = tracker_load(m->s, tracker, &t, why, whylen);
    if (lr != 0) {
        tool_fail(o, "%s", why);
        return 0;
    }
    int th = -1;
    if (theme && (th = tracker_theme_index(&t, theme)) < 0) {
        buf_t names;
        buf_init(&names, 0);
        for (size_t i = 0; i < t.n_themes; i++)
            buf_printf(&names, "%s%s", i ? ", " : "", t.themes[i].name);
        tool_fail(o, "no theme '%s' in tracker '%s'; its themes: %s", theme, t.name,
                  buf_str(&names));
        buf_free(&names);
        tracker_free(&t);
        return 0;
    }
    jw_t *w = &o->w;
    jw_obj(w);
    jw_key(w, "events");
    jw_arr(w);
    events_ctx *ec = xcalloc(1, sizeof *ec); /* (its chunk is large) */
    *ec = (events_ctx){.m = m, .t = &t, .theme = th, .skip = offset, .left = limit, .w = w};
    int rc = store_events_each(m->s, &f, list_event, ec);
    int frc = list_flush(ec, rc == 0);
    rc = rc < 0 ? rc : frc;
    jw_arr_end(w);
    jw_kint(w, "count", ec->n);
    jw_kint(w, "total", ec->total);
    free(ec);
    jw_kint(w, "offset", offset);
    jw_kint(w, "limit", limit);
    jw_obj_end(w);
    tracker_free(&t);
    if (rc < 0)
        tool_fail(o, "listing events failed: %s", store_error(m->s));
    else
        o->structured = 1;
    return 0;
}

typedef struct mention {
    int64_t doc_id;
    char *sentence;
    double confidence;
} mention;

typedef struct mentions {
    mention *v;
    size_t n;
} mentions;

static int take_mention(int64_t doc_id, const char *sentence, double conf, void *ctx)
{
    mentions *l = ctx;
    if (l->n >= MAX_MENTIONS)
        return 0;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n].doc_id = doc_id;
    l->v[l->n].sentence = sentence ? xstrdup(sentence) : NULL;
    l->v[l->n].confidence = conf;
    l->n++;
    return 0;
}

static int write_doc(const doc_rec *d, void *ctx)
{
    jw_t *w = ctx;
    jw_kstr(w, "title", d->title);
    jw_kstr(w, "outlet", d->outlet);
    jw_kstr(w, "published", d->published);
    jw_kstr(w, "url", url_doc_out(d->canonical_url, d->url));
    return 0;
}

typedef struct one_event {
    mcp_server *m;
    const tracker_def *t;
    jw_t *w;
    int found;
} one_event;

static int get_one(const event_t *e, const event_meta *meta, void *vctx)
{
    one_event *oe = vctx;
    int th = -1; /* none when the event is not the tracker's */
    if (scope_event(oe->m->s, oe->t, e, meta->id, NULL, NULL, &th) < 0)
        return -1;
    oe->found = 1;
    write_event(oe->w, e, meta, th >= 0 ? oe->t->themes[th].name : NULL);
    return 1;
}

static int tool_get_event(mcp_server *m, json_t *args, tool_out *o, char *why, size_t whylen)
{
    int64_t id;
    if (arg_int(args, "id", 1, INT64_MAX / 2, 0, &id, why, whylen) < 0)
        return -1;
    if (id == 0) {
        snprintf(why, whylen, "'id' is required");
        return -1;
    }
    tracker_def t;
    if (tracker_load(m->s, NULL, &t, why, whylen) != 0) {
        tool_fail(o, "%s", why);
        return 0;
    }
    event_filter f;
    event_filter_init(&f);
    f.id = id;
    jw_t *w = &o->w;
    jw_obj(w);
    one_event oe = {m, &t, w, 0};
    int rc = store_events_each(m->s, &f, get_one, &oe);
    tracker_free(&t);
    if (rc < 0) {
        tool_fail(o, "reading event %lld failed: %s", (long long)id, store_error(m->s));
        return 0;
    }
    if (!oe.found) {
        tool_fail(o, "no event with id %lld (list_events gives the ids)", (long long)id);
        return 0;
    }
    mentions l = {0};
    rc = store_mentions_each(m->s, id, take_mention, &l);
    jw_key(w, "mentions");
    jw_arr(w);
    for (size_t i = 0; i < l.n; i++) {
        jw_obj(w);
        jw_kint(w, "document_id", l.v[i].doc_id);
        jw_kstr(w, "sentence", l.v[i].sentence);
        jw_knum(w, "confidence", l.v[i].confidence);
        if (rc == 0 && store_doc_get(m->s, l.v[i].doc_id, write_doc, w) < 0)
            rc = -1;
        jw_obj_end(w);
        free(l.v[i].sentence);
    }
    free(l.v);
    jw_arr_end(w);
    /* what updated documents changed, oldest first */
    if (event_changes_json(w, m->s, id, "document_id", rc) < 0)
        rc = -1;
    jw_obj_end(w);
    if (rc < 0)
        tool_fail(o, "reading the sources of event %lld failed: %s", (long long)id,
                  store_error(m->s));
    else
        o->structured = 1;
    return 0;
}

static int tool_get_report(mcp_server *m, json_t *args, tool_out *o, char *why, size_t whylen)
{
    const char *tracker, *format;
    int64_t top;
    if (arg_str(args, "tracker", 0, 200, &tracker, why, whylen) < 0 ||
        arg_str(args, "format", 0, 8, &format, why, whylen) < 0 ||
        arg_int(args, "limit", 1, REPORT_TOP_MAX, REPORT_TOP_DEFAULT, &top, why, whylen) < 0)
        return -1;
    int json = 0;
    if (format && strcmp(format, "json") == 0)
        json = 1;
    else if (format && strcmp(format, "md") != 0 && strcmp(format, "markdown") != 0) {
        snprintf(why, whylen, "'format' must be md or json");
        return -1;
    }
    tracker_def t;
    if (tracker_load(m->s, tracker, &t, why, whylen) != 0) {
        tool_fail(o, "%s", why);
        return 0;
    }
    if (render_report(m, &t, json, (int)top, &o->text, why, whylen) < 0)
        tool_fail(o, "the report failed: %s", why);
    else if (json) {
        /* The page is pretty-printed: compact it for structuredContent. */
        json_t *v = json_loadb(o->text.data, o->text.len, 0, NULL);
        if (json_is_object(v))
            o->compact = json_dumps(v, JSON_COMPACT);
        json_decref(v);
    }
    tracker_free(&t);
    return 0;
}

/* A URL already followed (in any case of its scheme and host) is the same
 * source: answered as it is, its title kept (as the API's 200). */
static int tool_add_source(mcp_server *m, json_t *args, tool_out *o, char *why, size_t whylen)
{
    const char *url, *title;
    if (arg_str(args, "url", 1, 2048, &url, why, whylen) < 0 ||
        arg_str(args, "title", 0, 300, &title, why, whylen) < 0)
        return -1;
    char reason[512];
    if (netguard_url_check(url, m->allow_private, reason, sizeof reason) < 0) {
        tool_fail(o, "refused %s: %s", url, reason);
        return 0;
    }
    int64_t id = 0;
    char *had_url = NULL, *had_title = NULL;
    int found = store_source_known(m->s, url, &id, &had_url, &had_title);
    if (found < 0) {
        tool_fail(o, "reading the sources failed: %s", store_error(m->s));
        return 0;
    }
    if (!found && store_source_put(m->s, url, title, "feed", &id) < 0) {
        tool_fail(o, "adding the source failed: %s", store_error(m->s));
        return 0;
    }
    char *stored = found ? NULL : url_norm_source(url);
    jw_t *w = &o->w;
    jw_obj(w);
    jw_kint(w, "id", id);
    jw_kstr(w, "url", found ? had_url : stored);
    jw_kstr(w, "title", found ? had_title : title);
    jw_kbool(w, "added", !found);
    jw_kstr(w, "note", found ? (title && (!had_title || strcmp(title, had_title) != 0)
                                    ? "already followed; its title is kept"
                                    : "already followed")
                             : "fetched by the next 'mtrack update'");
    jw_obj_end(w);
    o->structured = 1;
    free(stored);
    free(had_url);
    free(had_title);
    return 0;
}

static void handle_tools_call(mcp_server *m, json_t *id, json_t *params, buf_t *resp)
{
    json_t *name = params ? json_object_get(params, "name") : NULL;
    json_t *args = params ? json_object_get(params, "arguments") : NULL;
    if (!json_is_string(name)) {
        resp_error(resp, id, RPC_BAD_PARAMS, "tools/call needs params.name (a string)");
        return;
    }
    if (args && !json_is_object(args) && !json_is_null(args)) {
        resp_error(resp, id, RPC_BAD_PARAMS, "params.arguments must be an object");
        return;
    }
    if (json_is_null(args))
        args = NULL;
    const char *n = json_string_value(name);
    int (*fn)(mcp_server *, json_t *, tool_out *, char *, size_t) =
        strcmp(n, "search") == 0        ? tool_search
        : strcmp(n, "list_events") == 0 ? tool_list_events
        : strcmp(n, "get_event") == 0   ? tool_get_event
        : strcmp(n, "get_report") == 0  ? tool_get_report
        : strcmp(n, "add_source") == 0  ? tool_add_source
                                        : NULL;
    if (!fn) {
        char msg[300];
        snprintf(msg, sizeof msg, "unknown tool '%.200s'", n);
        resp_error(resp, id, RPC_BAD_PARAMS, msg);
        return;
    }
    tool_out o = {0};
    buf_init(&o.text, MCP_MSG_MAX);
    jw_init(&o.w, &o.text, false);
    char why[512] = "";
    /* A tool that only reads answers inside one read transaction: one
     * state of the store, also while another process ingests (issue 12
     * item 11). The built-in tracker is stored first when the store has
     * none, so that nothing is written inside it. */
    int reads = fn != tool_add_source;
    if (reads) {
        tracker_def t0;
        char why0[512];
        if (tracker_load(m->s, NULL, &t0, why0, sizeof why0) == 0)
            tracker_free(&t0);
        if (store_read_begin(m->s) < 0) {
            resp_error(resp, id, RPC_INTERNAL, store_error(m->s));
            buf_free(&o.text);
            return;
        }
    }
    int frc = fn(m, args, &o, why, sizeof why);
    if (reads)
        store_read_end(m->s);
    if (frc < 0) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s: %s", n, why);
        resp_error(resp, id, RPC_BAD_PARAMS, msg);
        buf_free(&o.text);
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 || (o.w.err && !o.is_error))
            tool_fail(&o, "%s: the result passes the 1 MiB message cap; ask for less (limit, filters)", n);
        resp_result_start(resp, id);
        buf_puts(resp, "{\"content\":[{\"type\":\"text\",\"text\":");
        put_jstr(resp, buf_str(&o.text), o.text.len);
        buf_puts(resp, "}]");
        if (o.compact && !o.is_error) {
            buf_puts(resp, ",\"structuredContent\":");
            buf_puts(resp, o.compact);
        } else if (o.structured && !o.is_error) {
            buf_puts(resp, ",\"structuredContent\":");
            buf_append(resp, o.text.data, o.text.len);
        }
        buf_printf(resp, ",\"isError\":%s}}", o.is_error ? "true" : "false");
        if (resp->len <= MCP_MSG_MAX)
            break;
    }
    buf_free(&o.text);
    free(o.compact);
}

/* ---- resources ---- */

typedef struct res_ctx {
    jw_t *w;
} res_ctx;

static int list_resource(const char *name, const char *title, void *vctx)
{
    res_ctx *rc = vctx;
    static const char *const ext[2] = {"md", "json"};
    static const char *const mime[2] = {"text/markdown", "application/json"};
    for (int i = 0; i < 2; i++) {
        char uri[512], label[600];
        snprintf(uri, sizeof uri, "mtrack://trackers/%s/report.%s", name, ext[i]);
        snprintf(label, sizeof label, "%s (%s)", title ? title : name,
                 i ? "JSON" : "Markdown");
        jw_obj(rc->w);
        jw_kstr(rc->w, "uri", uri);
        jw_kstr(rc->w, "name", name);
        jw_kstr(rc->w, "title", label);
        jw_kstr(rc->w, "description", "The tracker's report, rebuilt from the store when read");
        jw_kstr(rc->w, "mimeType", mime[i]);
        jw_obj_end(rc->w);
    }
    return 0;
}

static void handle_resources_list(mcp_server *m, json_t *id, buf_t *resp)
{
    buf_t out;
    buf_init(&out, MCP_MSG_MAX);
    jw_t w;
    jw_init(&w, &out, false);
    jw_obj(&w);
    jw_key(&w, "resources");
    jw_arr(&w);
    res_ctx rc = {&w};
    if (store_trackers_each(m->s, list_resource, &rc) < 0) {
        resp_error(resp, id, RPC_INTERNAL, store_error(m->s));
        buf_free(&out);
        return;
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    resp_result_start(resp, id);
    buf_append(resp, out.data, out.len);
    buf_putc(resp, '}');
    buf_free(&out);
}

static void handle_resources_read(mcp_server *m, json_t *id, json_t *params, buf_t *resp)
{
    json_t *u = params ? json_object_get(params, "uri") : NULL;
    if (!json_is_string(u) || json_string_length(u) > 1024) {
        resp_error(resp, id, RPC_BAD_PARAMS, "resources/read needs params.uri (a string)");
        return;
    }
    const char *uri = json_string_value(u);
    static const char prefix[] = "mtrack://trackers/";
    const char *name = uri + sizeof prefix - 1;
    const char *slash = str_starts(uri, prefix) ? strchr(name, '/') : NULL;
    int json = -1;
    if (slash && strcmp(slash, "/report.md") == 0)
        json = 0;
    else if (slash && strcmp(slash, "/report.json") == 0)
        json = 1;
    if (json < 0 || slash == name) {
        resp_error(resp, id, MCP_NO_RESOURCE, "resource not found (resources/list gives the URIs)");
        return;
    }
    char *tname = xstrndup(name, (size_t)(slash - name));
    tracker_def t;
    char why[512];
    int lr = tracker_load(m->s, tname, &t, why, sizeof why);
    free(tname);
    if (lr != 0) {
        resp_error(resp, id, lr > 0 ? MCP_NO_RESOURCE : RPC_INTERNAL,
                   lr > 0 ? "resource not found: no such tracker" : why);
        return;
    }
    buf_t out;
    buf_init(&out, MCP_MSG_MAX);
    int rc = render_report(m, &t, json, 0, &out, why, sizeof why);
    tracker_free(&t);
    if (rc < 0) {
        resp_error(resp, id, RPC_INTERNAL, why);
        buf_free(&out);
        return;
    }
    resp_result_start(resp, id);
    buf_puts(resp, "{\"contents\":[{\"uri\":");
    put_jstr(resp, uri, strlen(uri));
    buf_printf(resp, ",\"mimeType\":\"%s\",\"text\":", json ? "application/json" : "text/markdown");
    put_jstr(resp, buf_str(&out), out.len);
    buf_puts(resp, "}]}}");
    buf_free(&out);
}

/* ---- dispatch ---- */

static void handle_initialize(mcp_server *m, json_t *id, json_t *params, buf_t *resp)
{
    static const char *const known[] = {MCP_PROTOCOL_VERSION, "2025-03-26", "2024-11-05"};
    json_t *pv = params ? json_object_get(params, "protocolVersion") : NULL;
    if (!json_is_string(pv)) {
        resp_error(resp, id, RPC_BAD_PARAMS, "initialize needs params.protocolVersion (a string)");
        return;
    }
    const char *version = MCP_PROTOCOL_VERSION;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(json_string_value(pv), known[i]) == 0)
            version = known[i];
    m->initialized = 1;
    resp_result_start(resp, id);
    buf_printf(resp,
               "{\"protocolVersion\":\"%s\","
               "\"capabilities\":{\"tools\":{},\"resources\":{}},"
               "\"serverInfo\":{\"name\":\"mtrack\",\"title\":\"mtrack market tracker\","
               "\"version\":\"%s\"},"
               "\"instructions\":\"mtrack tracks a market (AI infrastructure and chips) across news "
               "sources. Use search for articles, list_events and get_event for the business events "
               "(funding, acquisitions, stock moves, infrastructure, products) with their sources, "
               "get_report for the tracker page.\"}}",
               version, MTRACK_VERSION);
}

int mcp_handle(mcp_server *m, const char *msg, size_t len, buf_t *resp)
{
    buf_reset(resp);
    json_error_t err;
    json_t *root = json_loadb(msg, len, JSON_DECODE_ANY, &err);
    if (!root) {
        char why[300];
        snprintf(why, sizeof why, "parse error: %s", err.text);
        resp_error(resp, NULL, RPC_PARSE, why);
        return 1;
    }
    if (!json_is_object(root)) {
        resp_error(resp, NULL, RPC_INVALID,
                   json_is_array(root) ? "batches are not supported" : "a message is a JSON object");
        json_decref(root);
        return 1;
    }
    json_t *id = json_object_get(root, "id");
    json_t *method = json_object_get(root, "method");
    json_t *params = json_object_get(root, "params");
    json_t *ver = json_object_get(root, "jsonrpc");
    int has_id = id != NULL;
    if (!method && (json_object_get(root, "result") || json_object_get(root, "error"))) {
        json_decref(root); /* a response to a request we never send: ignored */
        return 0;
    }
    if (!json_is_string(ver) || strcmp(json_string_value(ver), "2.0") != 0 ||
        !json_is_string(method) || (params && !json_is_object(params) && !json_is_array(params))) {
        resp_error(resp, id, RPC_INVALID,
                   "invalid request: needs jsonrpc \"2.0\", a method string and object params");
        json_decref(root);
        return 1;
    }
    if (id && !json_is_string(id) && !json_is_integer(id)) {
        resp_error(resp, NULL, RPC_INVALID, "invalid request: id must be a string or an integer");
        json_decref(root);
        return 1;
    }
    const char *meth = json_string_value(method);
    if (!has_id) { /* a notification: never answered */
        if (strcmp(meth, "notifications/initialized") == 0)
            m->initialized = 1;
        json_decref(root);
        return 0;
    }
    if (params && !json_is_object(params)) {
        resp_error(resp, id, RPC_BAD_PARAMS, "params must be an object");
    } else if (strcmp(meth, "initialize") == 0) {
        handle_initialize(m, id, params, resp);
    } else if (strcmp(meth, "ping") == 0) {
        resp_result_start(resp, id);
        buf_puts(resp, "{}}");
    } else if (strcmp(meth, "tools/list") == 0) {
        resp_result_start(resp, id);
        buf_puts(resp, TOOLS_JSON);
        buf_putc(resp, '}');
    } else if (strcmp(meth, "tools/call") == 0) {
        handle_tools_call(m, id, params, resp);
    } else if (strcmp(meth, "resources/list") == 0) {
        handle_resources_list(m, id, resp);
    } else if (strcmp(meth, "resources/templates/list") == 0) {
        resp_result_start(resp, id);
        buf_puts(resp, "{\"resourceTemplates\":[]}}");
    } else if (strcmp(meth, "resources/read") == 0) {
        handle_resources_read(m, id, params, resp);
    } else {
        char why[300];
        snprintf(why, sizeof why, "method not found: %.200s", meth);
        resp_error(resp, id, RPC_NO_METHOD, why);
    }
    if (resp->len > MCP_MSG_MAX || !resp->data)
        resp_error(resp, id, RPC_INTERNAL, "the response would pass the 1 MiB message cap; ask for less");
    json_decref(root);
    return 1;
}

int mcp_serve(mcp_server *m, FILE *in, FILE *out)
{
    struct sigaction ign = {0};
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, NULL);
    buf_t line, resp;
    buf_init(&line, MCP_MSG_MAX);
    buf_init(&resp, 0);
    int rc = 0, too_long = 0, c;
    for (;;) {
        c = getc(in);
        if (c != EOF && c != '\n') {
            if (!too_long && buf_putc(&line, c) < 0)
                too_long = 1;
            continue;
        }
        int have = 1;
        if (too_long) {
            resp_error(&resp, NULL, RPC_INVALID, "message too large (over 1 MiB)");
            fprintf(stderr, "mtrack: mcp: a message over 1 MiB was skipped\n");
        } else {
            size_t n = line.len;
            while (n && (line.data[n - 1] == '\r' || line.data[n - 1] == ' ' || line.data[n - 1] == '\t'))
                n--;
            have = n > 0 && mcp_handle(m, line.data, n, &resp);
        }
        if (have) {
            if (fwrite(resp.data, 1, resp.len, out) != resp.len || fputc('\n', out) == EOF ||
                fflush(out) != 0) {
                fprintf(stderr, "mtrack: mcp: writing a response: %s\n", strerror(errno));
                rc = -1;
                break;
            }
        }
        buf_reset(&line);
        too_long = 0;
        if (c == EOF)
            break;
    }
    buf_free(&line);
    buf_free(&resp);
    return rc;
}

/* ---- add_source's address check ---- */

