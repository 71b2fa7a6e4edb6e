/* pages: server-rendered HTML: trackers, report, events, search, event, org. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/eventfmt.h"
#include "publish/format.h"
#include "serve/acache.h"
#include "serve/pages.h"
#include "serve/query.h"
#include "serve/rcache.h"
#include "util/url.h"
#include "util/input.h"
#include "util/esc.h"
#include "util/str.h"

/* ---- static assets, served from memory ---- */

/* The shared header's rules: in app.css, and in the report page's one
 * <style> block (pages_header_css). */
#define HEADER_CSS \
    "header.top{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;padding:.6rem 1rem;" \
    "border-bottom:1px solid #dde2ea;background:#f5f7fa;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}\n" \
    "header.top .brand{font-weight:700;text-decoration:none;color:#1d2330}\n" \
    "header.top nav.site{display:flex;flex-wrap:wrap;gap:0 .9rem}\n" \
    "header.top nav.site a{color:#1f5fbf}\n" \
    "header.top form{display:flex;gap:.3rem;flex:1;min-width:12rem;max-width:28rem;margin:0 0 0 auto}\n" \
    "header.top input{flex:1;min-width:0;font:inherit;padding:.3rem .45rem;border:1px solid #dde2ea;border-radius:4px;background:#fff}\n" \
    "header.top button{font:inherit;padding:.3rem .6rem;border:1px solid #1f5fbf;border-radius:4px;background:#1f5fbf;color:#fff;cursor:pointer}\n" \
    "@media (max-width:40rem){header.top form{flex-basis:100%;max-width:none;margin:0}}\n"

const char pages_header_css[] = HEADER_CSS;

static const char app_css[] =
    ":root{--fg:#1d2330;--mute:#5b6475;--line:#dde2ea;--acc:#1f5fbf;--bg:#fff;--soft:#f5f7fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);background:var(--bg)}\n"
    "a{color:var(--acc)}\n"
    HEADER_CSS
    "main{max-width:72rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.5rem;line-height:1.25;margin:.2rem 0 .6rem}\n"
    "h2{font-size:1.15rem;margin:1.4rem 0 .5rem}\n"
    ".mute{color:var(--mute)}\n"
    ".warn{padding:.5rem .8rem;border-left:4px solid #b7791f;background:#fdf6e7}\n"
    "input,select,button{font:inherit;padding:.3rem .45rem;border:1px solid var(--line);border-radius:4px;background:#fff}\n"
    "button{background:var(--acc);color:#fff;border-color:var(--acc);cursor:pointer}\n"
    "form.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.5rem .8rem;align-items:end;margin:0 0 1rem;padding:.8rem;background:var(--soft);border-radius:6px}\n"
    "form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--mute)}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:.92rem}\n"
    "th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}\n"
    "th a{text-decoration:none;color:var(--fg)}\n"
    "td.num{text-align:right;white-space:nowrap}\n"
    "td.date,ul.latest .mute{white-space:nowrap}\n"
    "td.amount .about{display:block;color:var(--mute);font-size:.85em}\n"
    "table.events .unit{display:none}\n"
    "form.filters input,form.filters select{height:2.2rem}\n"
    "nav.pager{display:flex;gap:1rem;margin:1rem 0}\n"
    "ul.plain{list-style:none;padding:0}\n"
    "ul.plain li{margin:0 0 1rem}\n"
    "mark{background:#ffe58a;padding:0 .1em}\n"
    "blockquote{margin:.3rem 0;padding:.3rem .8rem;border-left:3px solid var(--line);color:var(--fg)}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
    "dl.facts dt{color:var(--mute)}\n"
    "dl.facts dd{margin:0}\n"
    "section.tracker{margin:0 0 1.6rem}section.tracker h2{margin:.2rem 0}\n"
    "ul.latest{padding-left:1.1rem;margin:.4rem 0}ul.latest li{margin:.15rem 0}\n"
    "table.failing td{overflow-wrap:break-word}table.failing .url{overflow-wrap:anywhere}\n"
    "footer{max-width:72rem;margin:2rem auto;padding:0 1rem;color:var(--mute);font-size:.85rem}\n"
    /* on a phone each event is a card: its cells stacked, nothing scrolls sideways */
    "@media (max-width:40rem){table.events thead tr{display:flex;flex-wrap:wrap;gap:0 .2rem}"
    "table.events th.opt{display:none}table.events th{border:0;padding:.2rem .4rem .2rem 0}"
    "table.events tr{display:block;padding:.45rem 0;border-bottom:1px solid var(--line)}"
    "table.events td{display:inline-block;border:0;padding:.05rem .6rem .05rem 0}"
    "table.events td.num{text-align:left}table.events td:nth-child(3){display:block;font-weight:600}"
    "table.events td.amount .about{display:inline;font-size:inherit}"
    "table.events td:empty{display:none}table.events .unit{display:inline}"
    "table.events thead tr::before{content:'Sort by';color:var(--mute);padding:.2rem .4rem .2rem 0}"
    "table.events.nosort thead{display:none}"
    "dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin:0 0 .4rem}"
    /* a failing source is a card too, each fact on its line with its name */
    "table.failing thead{display:none}table.failing tr{display:block;padding:.45rem 0;border-bottom:1px solid var(--line)}"
    "table.failing td{display:block;border:0;padding:.05rem 0;text-align:left}"
    "table.failing td.when::before{content:'Failed ';color:var(--mute)}"
    "table.failing td.success::before{content:'Last success ';color:var(--mute)}"
    "table.failing td.fails::before{content:'Failures in a row: ';color:var(--mute)}}\n";

/* Progressive: filter selects apply at once; the table works without it. */
static const char app_js[] =
    "'use strict';\n"
    "document.addEventListener('DOMContentLoaded', function () {\n"
    "  document.querySelectorAll('form.filters select').forEach(function (s) {\n"
    "    s.addEventListener('change', function () { s.form.submit(); });\n"
    "  });\n"
    "});\n";

void pages_static(serve_req *r, serve_resp *o, const char *file)
{
    if (strcmp(file, "app.css") == 0) {
        o->ctype = "text/css; charset=utf-8";
        buf_append(&o->body, app_css, sizeof app_css - 1);
    } else if (strcmp(file, "app.js") == 0) {
        o->ctype = "text/javascript; charset=utf-8";
        buf_append(&o->body, app_js, sizeof app_js - 1);
    } else {
        pages_error(o, 404, "There is no such file.");
        return;
    }
    o->etag = 1;
}

/* esc_html of n bytes. */
static void esc_html_n(buf_t *b, const char *s, size_t n)
{
    char *c = xstrndup(s, n);
    esc_html(b, c);
    free(c);
}

/* ---- layout ---- */

void pages_header(buf_t *b, const char *q, const char *tracker, const char *tracker_title)
{
    buf_puts(b, "<header class=\"top\"><a class=\"brand\" href=\"/\">mtrack</a>"
                "<nav class=\"site\" aria-label=\"Site\"><a href=\"/\">Trackers</a>");
    if (tracker && *tracker) {
        buf_t u;
        buf_init(&u, 0);
        serve_urlenc(&u, tracker);
        buf_puts(b, "<a class=\"tracker\" href=\"/t/");
        esc_html(b, buf_str(&u));
        buf_puts(b, "\">");
        esc_html(b, tracker_title && *tracker_title ? tracker_title : tracker);
        buf_puts(b, "</a><a href=\"/t/");
        esc_html(b, buf_str(&u));
        buf_puts(b, "/events\">Events</a><a href=\"/t/");
        esc_html(b, buf_str(&u));
        buf_puts(b, "/atom.xml\">Atom feed</a>");
        buf_free(&u);
    }
    buf_puts(b, "</nav><form action=\"/search\" method=\"get\" role=\"search\">"
                "<input type=\"search\" name=\"q\" aria-label=\"Search the articles\" placeholder=\"Search the articles\" value=\"");
    esc_html(b, q ? q : "");
    buf_puts(b, "\"><button type=\"submit\">Search</button></form></header>\n");
}

/* A page's head and the shared header; tracker (may be NULL): the tracker
 * the page belongs to, linked from the header. */
static void page_begin_in(buf_t *b, const char *title, const char *q, const char *tracker,
                          const char *tracker_title)
{
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc_html(b, title);
    buf_puts(b, " - mtrack</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
                "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n");
    pages_header(b, q, tracker, tracker_title);
    buf_puts(b, "<main>\n");
}

static void page_begin(buf_t *b, const char *title, const char *q)
{
    page_begin_in(b, title, q, NULL, NULL);
}

static void page_end(buf_t *b)
{
    buf_puts(b, "</main>\n<footer>mtrack &middot; <a href=\"/api/v1/trackers\">JSON API</a>"
                " &middot; <a href=\"/healthz\">health</a></footer>\n</body>\n</html>\n");
}

static void html_page(serve_resp *o)
{
    o->ctype = "text/html; charset=utf-8";
    o->html = 1;
}

void pages_error(serve_resp *o, int status, const char *msg)
{
    char title[64];
    snprintf(title, sizeof title, "%d", status);
    page_begin(&o->body, title, NULL);
    buf_printf(&o->body, "<h1>%d</h1>\n<p>", status);
    esc_html(&o->body, msg);
    buf_puts(&o->body, "</p>\n<p><a href=\"/\">Back to the trackers</a></p>\n");
    page_end(&o->body);
    html_page(o);
    o->status = status;
    o->etag = 0;
}

void pages_cleanup(void)
{
    rcache_free();
    evq_forget();
    acache_free();
}

static void html_part(const char *s, size_t n, int hit, void *ctx)
{
    buf_t *b = ctx;
    char *t = xstrndup(s, n);
    if (hit)
        buf_puts(b, "<mark>");
    esc_html(b, t);
    if (hit)
        buf_puts(b, "</mark>");
    free(t);
}

void pages_snippet(buf_t *b, const char *snippet)
{
    snippet_split(snippet, html_part, b);
}

/* ---- / ---- */

/* How many latest events each tracker shows, and failing sources of each. */
#define HOME_EVENTS 5
#define HOME_FAILING 10

typedef struct list_ctx {
    char **names;
    size_t n, cap;
} list_ctx;

static int tracker_name(const char *name, const char *title, void *vctx)
{
    list_ctx *c = vctx;
    (void)title;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 8;
        c->names = xrealloc(c->names, c->cap * sizeof *c->names);
    }
    c->names[c->n++] = xstrdup(name);
    return 0;
}

/* "Mar 16, 2026" of an RFC 3339 time into b, or a dash and a note saying
 * why there is none (never a value-like placeholder). */
static void when_or_none(buf_t *b, const char *when, const char *none)
{
    buf_t d;
    buf_init(&d, 0);
    if (when && *when)
        fmt_datetime_human(&d, when);
    if (d.len)
        esc_html(b, buf_str(&d));
    else {
        buf_puts(b, "<span class=\"none\">&mdash;</span> <span class=\"mute\">(");
        esc_html(b, none);
        buf_puts(b, ")</span>");
    }
    buf_free(&d);
}

static int failing_row(const source_rec *r, void *vctx)
{
    buf_t *b = vctx;
    buf_puts(b, "<tr><td>");
    if (r->title && *r->title) {
        esc_html(b, r->title);
        buf_puts(b, "<br>");
    }
    buf_puts(b, "<span class=\"mute url\">");
    esc_html(b, r->url ? r->url : "");
    buf_puts(b, "</span></td><td class=\"error\">");
    esc_html(b, r->last_error ? r->last_error : "");
    buf_puts(b, "</td><td class=\"when\">");
    when_or_none(b, r->last_error_at, "not recorded");
    buf_puts(b, "</td><td class=\"success\">");
    when_or_none(b, r->last_success, "never");
    buf_printf(b, "</td><td class=\"num fails\">%lld</td></tr>\n", (long long)r->failures);
    return 0;
}

/* A tracker's sources' health, as the home page shows it. */
typedef struct src_health {
    char *tracker;          /* NULL: the store's (no tracker is stored) */
    int64_t sources, failing;
    char *last_success;
    buf_t rows;             /* the failing ones, as table rows */
    size_t nrows;
} src_health;

typedef struct health_list {
    src_health *v;
    size_t n, cap;
} health_list;

static src_health *health_add(health_list *l, const char *tracker)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    src_health *h = &l->v[l->n++];
    memset(h, 0, sizeof *h);
    h->tracker = tracker ? xstrdup(tracker) : NULL;
    buf_init(&h->rows, 0);
    return h;
}

static int health_row(const tracker_health *th, const source_rec *r, void *vctx)
{
    health_list *l = vctx;
    if (!r) {
        src_health *h = health_add(l, th->tracker ? th->tracker : "");
        h->sources = th->sources;
        h->failing = th->failing;
        h->last_success = th->last_success ? xstrdup(th->last_success) : NULL;
        return 0;
    }
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].tracker && th->tracker && strcmp(l->v[i].tracker, th->tracker) == 0) {
            failing_row(r, &l->v[i].rows);
            l->v[i].nrows++;
            break;
        }
    return 0;
}

static int store_failing_row(const source_rec *r, void *vctx)
{
    src_health *h = vctx;
    h->nrows++;
    return failing_row(r, &h->rows);
}

static void health_list_free(health_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].tracker);
        free(l->v[i].last_success);
        buf_free(&l->v[i].rows);
    }
    free(l->v);
}

static const src_health *health_of(const health_list *l, const char *tracker)
{
    for (size_t i = 0; i < l->n; i++)
        if (!l->v[i].tracker || strcmp(l->v[i].tracker, tracker) == 0)
            return &l->v[i];
    return NULL;
}

/* A tracker's sources: how many, how many fail, the newest success, and
 * the first failing ones with their last error and last success. */
static void tracker_sources_html(buf_t *b, const src_health *h)
{
    buf_puts(b, "<p class=\"sources\">");
    if (!h || !h->sources) {
        buf_puts(b, "No sources to fetch: its stories come from files given to <code>mtrack ingest</code>.</p>\n");
        return;
    }
    buf_printf(b, "%lld source%s, ", (long long)h->sources, str_s(h->sources));
    if (h->failing)
        buf_printf(b, "<strong>%lld failing</strong>", (long long)h->failing);
    else if (!h->last_success || !*h->last_success) {
        /* "none failing" of sources never fetched would be a claim */
        buf_printf(b, "%s fetched yet (<code>mtrack update</code> fetches them)</p>\n",
                   h->sources == 1 ? "not" : "none");
        return;
    } else
        buf_puts(b, "none failing");
    buf_puts(b, "; last success <span class=\"success\">");
    when_or_none(b, h->last_success, "never");
    buf_puts(b, "</span></p>\n");
    if (!h->nrows)
        return;
    buf_puts(b, "<div class=\"scroll\"><table class=\"failing\">\n"
                "<thead><tr><th>Failing source</th><th>Last error</th><th>When</th><th>Last success</th>"
                "<th>Failures in a row</th></tr></thead>\n<tbody>\n");
    buf_append(b, h->rows.data, h->rows.len);
    buf_puts(b, "</tbody>\n</table></div>\n");
    if (h->failing > (int64_t)h->nrows)
        buf_printf(b, "<p class=\"mute\">The first %zu of %lld failing sources; "
                      "<code>mtrack sources list</code> or <a href=\"/api/v1/sources\">the sources API</a> has them all.</p>\n",
                   h->nrows, (long long)h->failing);
}

/* One tracker: its latest events with their figures, each linking to its
 * page, and the date of the newest (the events index of the events page,
 * built once per data version, so this is a page of it). */
static int tracker_section(store_t *s, buf_t *b, const tracker_def *t, const src_health *h)
{
    ev_query q;
    memset(&q, 0, sizeof q);
    event_filter_init(&q.f);
    q.theme = -1;
    q.limit = HOME_EVENTS;
    ev_page p;
    if (evq_run(s, t, &q, &p) < 0)
        return -1;
    buf_t u;
    buf_init(&u, 0);
    serve_urlenc(&u, t->name);
    buf_puts(b, "<section class=\"tracker\">\n<h2><a href=\"/t/");
    esc_html(b, buf_str(&u));
    buf_puts(b, "\">");
    esc_html(b, t->title && *t->title ? t->title : t->name);
    buf_puts(b, "</a></h2>\n<p class=\"mute\">");
    esc_html(b, t->name);
    buf_puts(b, " &middot; <a href=\"/t/");
    esc_html(b, buf_str(&u));
    buf_puts(b, "/events\">events</a> &middot; <a href=\"/t/");
    esc_html(b, buf_str(&u));
    buf_puts(b, "/atom.xml\">Atom feed</a></p>\n");
    if (p.n) {
        buf_printf(b, "<p class=\"updated\">Latest event first reported ");
        when_or_none(b, p.rows[0].first_seen, "no date");
        buf_puts(b, "</p>\n<ul class=\"latest\">\n");
    } else
        buf_puts(b, "<p class=\"mute\">No events yet.</p>\n");
    for (size_t i = 0; i < p.n; i++) {
        const ev_row *row = &p.rows[i];
        const event_t *e = &row->e;
        buf_t line;
        buf_init(&line, 0);
        buf_printf(&line, "%s: ", event_org_name(e) ? event_org_name(e) : "?");
        for (const char *k = event_type_name(e->type); *k; k++)
            buf_putc(&line, *k == '_' ? ' ' : *k);
        double usd = event_usd(e);
        if (!isnan(usd)) {
            buf_puts(&line, ", ");
            event_money(&line, e);
        }
        buf_t detail;
        buf_init(&detail, 0);
        event_detail_full(&detail, e);
        if (detail.len)
            buf_printf(&line, " (%s)", buf_str(&detail));
        buf_free(&detail);
        buf_printf(b, "<li><a href=\"/events/%lld\">", (long long)row->id);
        esc_html(b, buf_str(&line));
        buf_puts(b, "</a> <span class=\"mute\">");
        buf_reset(&line);
        fmt_date_human(&line, row->first_seen);
        esc_html(b, buf_str(&line));
        buf_puts(b, "</span></li>\n");
        buf_free(&line);
    }
    if (p.n) {
        buf_puts(b, "</ul>\n");
        if (p.total > (int64_t)p.n) {
            buf_puts(b, "<p class=\"mute\"><a href=\"/t/");
            esc_html(b, buf_str(&u));
            buf_printf(b, "/events\">All %lld events</a></p>\n", (long long)p.total);
        }
    }
    tracker_sources_html(b, h);
    buf_puts(b, "</section>\n");
    buf_free(&u);
    ev_page_free(&p);
    return 0;
}

/* The store's freshness: the newest story, the last successful fetch of
 * any source, how many sources and how many fail (each tracker's section
 * lists its failing ones). */
static int health_section(store_t *s, buf_t *b, const store_counts *c)
{
    char newest[64], success[64];
    if (store_home_health(s, newest, success, sizeof newest, 0, NULL, NULL) < 0)
        return -1;
    buf_puts(b, "<section class=\"health\">\n<h2>Updated</h2>\n<dl class=\"facts\">\n<dt>Newest story</dt><dd class=\"newest\">");
    when_or_none(b, newest, "no stories stored yet");
    buf_puts(b, "</dd>\n<dt>Last successful fetch</dt><dd class=\"fetched\">");
    when_or_none(b, success, "no source fetched yet");
    buf_printf(b, "</dd>\n<dt>Sources</dt><dd class=\"sources\">%lld source%s", (long long)c->sources, str_s(c->sources));
    if (c->fetch_errors)
        buf_printf(b, ", <strong>%lld failing</strong>", (long long)c->fetch_errors);
    else if (c->sources && !*success)
        buf_puts(b, c->sources == 1 ? ", not fetched yet" : ", none fetched yet");
    else if (c->sources)
        buf_puts(b, ", none failing");
    buf_printf(b, "</dd>\n<dt>Stored</dt><dd>%lld document%s, %lld event%s</dd>\n</dl>\n",
               (long long)c->documents, str_s(c->documents), (long long)c->events, str_s(c->events));
    buf_puts(b, "</section>\n");
    return 0;
}

void pages_trackers(serve_req *r, serve_resp *o)
{
    buf_t *b = &o->body;
    store_counts c = {0};
    list_ctx lc = {0};
    health_list hl = {0};
    int rc = store_trackers_each(r->store, tracker_name, &lc) < 0 || store_count(r->store, &c) < 0 ? -1 : 0;
    if (rc == 0 && lc.n)
        rc = store_trackers_health(r->store, HOME_FAILING, health_row, &hl);
    else if (rc == 0) {
        /* no tracker stored: the default one reads every source */
        src_health *h = health_add(&hl, NULL);
        char newest[64], success[64];
        rc = store_home_health(r->store, newest, success, sizeof newest, HOME_FAILING, store_failing_row, h);
        h->sources = c.sources;
        h->failing = c.fetch_errors;
        h->last_success = *success ? xstrdup(success) : NULL;
    }
    page_begin(b, "Trackers", NULL);
    buf_puts(b, "<h1>Trackers</h1>\n");
    for (size_t i = 0; rc == 0 && i < lc.n; i++) {
        tracker_def t;
        int got = serve_tracker(r->store, lc.names[i], &t);
        if (got < 0)
            rc = -1;
        else if (got == 0) {
            rc = tracker_section(r->store, b, &t, health_of(&hl, lc.names[i]));
            tracker_free(&t);
        }
    }
    if (rc == 0 && lc.n == 0) {
        tracker_def t;
        if (serve_tracker(r->store, NULL, &t) == 0) {
            rc = tracker_section(r->store, b, &t, hl.n ? &hl.v[0] : NULL);
            tracker_free(&t);
        } else
            buf_puts(b, "<p>No trackers yet: <code>mtrack init</code> makes the default one.</p>\n");
    }
    if (rc == 0)
        rc = health_section(r->store, b, &c);
    for (size_t i = 0; i < lc.n; i++)
        free(lc.names[i]);
    free(lc.names);
    health_list_free(&hl);
    if (rc < 0) {
        buf_reset(b);
        pages_error(o, 500, "The store could not be read.");
        return;
    }
    page_end(b);
    html_page(o);
    o->etag = 1;
}

/* ---- /t/NAME ---- */

void pages_report(serve_req *r, serve_resp *o, const char *name)
{
    static __thread char csp[256];
    int rc = rcache_get(r->store, name, REPORT_HTML, 0, &o->body, csp, sizeof csp);
    if (rc != 0) {
        buf_reset(&o->body);
        pages_error(o, rc > 0 ? 404 : 500, rc > 0 ? "There is no tracker of that name." : "The report could not be built.");
        return;
    }
    html_page(o);
    o->csp = csp;
    o->etag = 1;
}

/* ---- parameters a page does not take ---- */

/* A misspelt filter ("tpye=funding") must not pass for an applied one: a
 * page names what it ignored, and what it takes. Links' tracking tags
 * (utm_*, *clid) are ignored without a word; a page is not refused for
 * them, as the API's 400 would (a person followed a link). */
static int tracking_arg(const char *k)
{
    size_t n = strlen(k);
    return strncmp(k, "utm_", 4) == 0 || (n >= 4 && strcmp(k + n - 4, "clid") == 0);
}

static void ignored_args(buf_t *b, const serve_req *r, const char *const *known)
{
    const char *bad[8];
    size_t n = serve_unknown_args(r, known, bad, 8), shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (tracking_arg(bad[i]))
            continue;
        buf_puts(b, shown++ ? ", " : "<p class=\"warn\" id=\"ignored\">Not taken by this page, so ignored: ");
        buf_puts(b, "<code>");
        esc_html(b, bad[i]);
        buf_puts(b, "</code>");
    }
    if (!shown)
        return;
    buf_puts(b, " (it takes ");
    for (size_t i = 0; known[i]; i++) {
        buf_puts(b, i ? ", " : "");
        esc_html(b, known[i]);
    }
    buf_puts(b, ").</p>\n");
}

static const char *const events_page_keys[] = {EVQ_KEYS, "offset", "format", NULL};
static const char *const search_page_keys[] = {"q", NULL};

/* ---- events tables ---- */

static const char *const filter_keys[] = {"type", "theme", "since", "until", "min_usd", "country", "org", "investor"};
#define N_FILTER_KEYS (sizeof filter_keys / sizeof *filter_keys)

/* The request's filters as a query string (URL-encoded, not HTML-escaped),
 * without a leading '?'. */
static void filters_qs(const serve_req *r, buf_t *qs)
{
    for (size_t i = 0; i < N_FILTER_KEYS; i++) {
        const char *v = serve_arg(r, filter_keys[i]);
        if (!v || !*v)
            continue;
        if (qs->len)
            buf_putc(qs, '&');
        buf_printf(qs, "%s=", filter_keys[i]);
        serve_urlenc(qs, v);
    }
}

/* An event type as a reader reads it: "stock move", not "stock_move". */
static void type_label(buf_t *b, event_type t)
{
    for (const char *k = event_type_name(t); *k; k++)
        buf_putc(b, *k == '_' ? ' ' : *k);
}

static void org_link(buf_t *b, const char *org)
{
    if (!org || !*org) {
        buf_puts(b, "?");
        return;
    }
    buf_t u;
    buf_init(&u, 0);
    serve_urlenc(&u, org);
    buf_puts(b, "<a href=\"/org/");
    esc_html(b, buf_str(&u));
    buf_puts(b, "\">");
    esc_html(b, org);
    buf_puts(b, "</a>");
    buf_free(&u);
}

/* A sortable header cell: its link keeps the filters and flips the order
 * when the table is already sorted by it. */
static void sort_th(buf_t *b, const char *label, const char *key, int k, const ev_query *q,
                    const char *base, const char *qs, const char *cls)
{
    int current = q && (int)q->sort == k;
    const char *order = current && !q->asc ? "asc" : "desc";
    buf_printf(b, "<th%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    if (!base) {
        esc_html(b, label);
        buf_puts(b, "</th>");
        return;
    }
    buf_t href;
    buf_init(&href, 0);
    buf_printf(&href, "%s?%s%ssort=%s&order=%s", base, qs, *qs ? "&" : "", key, order);
    buf_puts(b, "<a href=\"");
    esc_html(b, buf_str(&href));
    buf_puts(b, "\">");
    esc_html(b, label);
    if (current)
        buf_puts(b, q->asc ? " &#9650;" : " &#9660;");
    buf_puts(b, "</a></th>");
    buf_free(&href);
}

/* The events of p as a table; base (may be NULL: no sorting links) is the
 * page's path and qs its filters. */
static void events_table(buf_t *b, const tracker_def *t, const ev_page *p, const ev_query *q,
                         const char *base, const char *qs)
{
    buf_puts(b, base ? "<div class=\"scroll\"><table class=\"events\">\n<thead><tr>"
                     : "<div class=\"scroll\"><table class=\"events nosort\">\n<thead><tr>");
    sort_th(b, "Date", "date", EVQ_DATE, q, base, qs, NULL);
    sort_th(b, "Type", "type", EVQ_TYPE, q, base, qs, NULL);
    sort_th(b, "Organisation", "org", EVQ_ORG, q, base, qs, NULL);
    sort_th(b, "Amount", "usd", EVQ_USD, q, base, qs, NULL);
    buf_puts(b, "<th class=\"opt\">Detail</th><th class=\"opt\">Country</th><th class=\"opt\">Theme</th>");
    sort_th(b, "Sources", "sources", EVQ_SOURCES, q, base, qs, NULL);
    buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < p->n; i++) {
        const ev_row *row = &p->rows[i];
        const event_t *e = &row->e;
        buf_printf(b, "<tr data-id=\"%lld\" data-type=\"%s\" data-usd=\"", (long long)row->id, event_type_name(e->type));
        if (!isnan(event_usd(e)))
            buf_printf(b, "%.0f", event_usd(e));
        buf_puts(b, "\"><td class=\"date\">");
        char date[11];
        snprintf(date, sizeof date, "%.10s", row->first_seen);
        esc_html(b, date);
        buf_puts(b, "</td><td class=\"type\">");
        type_label(b, e->type);
        buf_puts(b, "</td><td class=\"org\">");
        org_link(b, event_org_name(e));
        buf_puts(b, "</td><td class=\"num amount\">");
        buf_t tmp;
        buf_init(&tmp, 0);
        if (!isnan(event_usd(e)))
            event_money(&tmp, e);
        /* "RMB 2.5 billion (about $345 million)": the conversion on a line
         * of its own when the column is narrow, each part unbroken */
        const char *about = strstr(buf_str(&tmp), " (about ");
        if (about) {
            esc_html_n(b, buf_str(&tmp), (size_t)(about - buf_str(&tmp)));
            buf_puts(b, " <span class=\"about\">");
            esc_html(b, about + 1);
            buf_puts(b, "</span>");
        } else
            esc_html(b, buf_str(&tmp));
        buf_reset(&tmp);
        buf_puts(b, "</td><td class=\"opt\">");
        event_detail_full(&tmp, e);
        esc_html(b, buf_str(&tmp));
        buf_free(&tmp);
        buf_puts(b, "</td><td class=\"opt\">");
        esc_html(b, e->country ? fmt_country_label(e->country) : ""); /* "UK", as the report */
        buf_puts(b, "</td><td class=\"opt\">");
        if (row->theme >= 0 && (size_t)row->theme < t->n_themes)
            esc_html(b, t->themes[row->theme].title ? t->themes[row->theme].title : t->themes[row->theme].name);
        /* the count's unit shows on a phone, where the header does not */
        buf_printf(b, "</td><td class=\"num\"><a href=\"/events/%lld\">%lld<span class=\"unit\"> source%s</span></a></td></tr>\n",
                   (long long)row->id, (long long)row->mentions, str_s(row->mentions));
    }
    buf_puts(b, "</tbody>\n</table></div>\n");
}

static void text_input(buf_t *b, const serve_req *r, const char *key, const char *label,
                       const char *type, const char *hint)
{
    const char *v = serve_arg(r, key);
    buf_printf(b, "<label>%s<input type=\"%s\" name=\"%s\" value=\"", label, type, key);
    esc_html(b, v ? v : "");
    buf_printf(b, "\"%s%s%s></label>\n", hint ? " placeholder=\"" : "", hint ? hint : "", hint ? "\"" : "");
}

static void option(buf_t *b, const char *value, const char *label, const char *current)
{
    buf_puts(b, "<option value=\"");
    esc_html(b, value);
    buf_puts(b, "\"");
    if (current && strcmp(current, value) == 0)
        buf_puts(b, " selected");
    buf_puts(b, ">");
    esc_html(b, label);
    buf_puts(b, "</option>");
}

static void filter_form(buf_t *b, const serve_req *r, const tracker_def *t, const char *action)
{
    buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"");
    esc_html(b, action);
    buf_puts(b, "\">\n<label>Type<select name=\"type\">");
    const char *cur = serve_arg(r, "type");
    option(b, "", "any", cur);
    for (int i = 0; i < EVENT_TYPE_COUNT; i++) {
        buf_t l;
        buf_init(&l, 0);
        type_label(&l, (event_type)i);
        option(b, event_type_name((event_type)i), buf_str(&l), cur);
        buf_free(&l);
    }
    buf_puts(b, "</select></label>\n<label>Theme<select name=\"theme\">");
    cur = serve_arg(r, "theme");
    option(b, "", "any", cur);
    for (size_t i = 0; i < t->n_themes; i++)
        option(b, t->themes[i].name, t->themes[i].title ? t->themes[i].title : t->themes[i].name, cur);
    buf_puts(b, "</select></label>\n");
    text_input(b, r, "since", "Since", "date", NULL);
    text_input(b, r, "until", "Until", "date", NULL);
    /* hints that read as hints, not as a filter already set */
    text_input(b, r, "min_usd", "Min. USD", "text", "e.g. 100M");
    text_input(b, r, "country", "Country", "text", "e.g. GB");
    text_input(b, r, "org", "Organisation", "text", NULL);
    text_input(b, r, "investor", "Investor", "text", NULL);
    const char *sort = serve_arg(r, "sort"), *order = serve_arg(r, "order");
    if (sort && *sort) {
        buf_puts(b, "<input type=\"hidden\" name=\"sort\" value=\"");
        esc_html(b, sort);
        buf_puts(b, "\">");
    }
    if (order && *order) {
        buf_puts(b, "<input type=\"hidden\" name=\"order\" value=\"");
        esc_html(b, order);
        buf_puts(b, "\">");
    }
    buf_puts(b, "<button type=\"submit\">Filter</button>\n</form>\n");
}

static void pager(buf_t *b, const char *base, const char *qs, const ev_query *q, const ev_page *p)
{
    const char *sort = NULL, *order = q->asc ? "asc" : NULL;
    static const char *names[] = {"date", "type", "org", "usd", "sources"};
    if (q->sort != EVQ_DATE)
        sort = names[q->sort];
    buf_t more;
    buf_init(&more, 0);
    buf_puts(&more, qs);
    if (sort)
        buf_printf(&more, "%ssort=%s", more.len ? "&" : "", sort);
    if (order || sort)
        buf_printf(&more, "%sorder=%s", more.len ? "&" : "", q->asc ? "asc" : "desc");
    if (q->limit != EVQ_LIMIT_DEFAULT)
        buf_printf(&more, "%slimit=%lld", more.len ? "&" : "", (long long)q->limit);
    buf_puts(b, "<nav class=\"pager\">");
    buf_t href;
    buf_init(&href, 0);
    if (q->offset > 0) {
        int64_t prev = q->offset - q->limit > 0 ? q->offset - q->limit : 0;
        buf_printf(&href, "%s?%s%soffset=%lld", base, buf_str(&more), more.len ? "&" : "", (long long)prev);
        buf_puts(b, "<a rel=\"prev\" href=\"");
        esc_html(b, buf_str(&href));
        buf_puts(b, "\">&larr; Newer</a>");
    }
    if (p->more) {
        buf_reset(&href);
        buf_printf(&href, "%s?%s%soffset=%lld", base, buf_str(&more), more.len ? "&" : "",
                   (long long)(q->offset + q->limit));
        buf_puts(b, "<a rel=\"next\" href=\"");
        esc_html(b, buf_str(&href));
        buf_puts(b, "\">Older &rarr;</a>");
    }
    buf_puts(b, "</nav>\n");
    buf_free(&href);
    buf_free(&more);
}

static void events_page(serve_req *r, serve_resp *o, const char *name);

/* The events table and the search page are kept once computed, per
 * generation of the data, as the API's answers (serve/acache.h): keyed on
 * every parameter given, since the page names those it ignores. */
static void events_page_type(const serve_req *r, serve_resp *o)
{
    const char *format = serve_arg(r, "format");
    if (format && strcmp(format, "csv") == 0) {
        o->ctype = "text/csv; charset=utf-8";
        snprintf(o->disposition, sizeof o->disposition, "attachment; filename=\"events.csv\"");
    } else
        html_page(o);
}

void pages_events(serve_req *r, serve_resp *o, const char *name)
{
    buf_t key;
    int64_t gen;
    if (acache_lookup(r, o, "events_page", name, NULL, &key, &gen)) {
        events_page_type(r, o);
        return;
    }
    events_page(r, o, name);
    acache_keep(o, &key, gen);
}

static void events_page(serve_req *r, serve_resp *o, const char *name)
{
    tracker_def t;
    int rc = serve_tracker(r->store, name, &t);
    if (rc != 0) {
        pages_error(o, rc > 0 ? 404 : 500, rc > 0 ? "There is no tracker of that name." : "The store could not be read.");
        return;
    }
    ev_query q;
    char why[256];
    const char *format = serve_arg(r, "format");
    int csv = format && strcmp(format, "csv") == 0;
    if (evq_parse(r, &t, &q, why, sizeof why) < 0) {
        pages_error(o, 400, why);
        tracker_free(&t);
        return;
    }
    if (csv && !serve_arg(r, "limit"))
        q.limit = EVQ_LIMIT_MAX;
    ev_page p;
    if (evq_run(r->store, &t, &q, &p) < 0) {
        pages_error(o, 500, "The store could not be read.");
        tracker_free(&t);
        return;
    }
    buf_t *b = &o->body;
    buf_t qs, base;
    buf_init(&qs, 0);
    buf_init(&base, 0);
    filters_qs(r, &qs);
    buf_puts(&base, "/t/");
    serve_urlenc(&base, t.name);
    buf_puts(&base, "/events");
    if (csv) {
        events_page_type(r, o);
        event_csv_header(b);
        for (size_t i = 0; i < p.n; i++)
            event_csv_row(b, &p.rows[i].e, p.rows[i].id, p.rows[i].first_seen, p.rows[i].mentions);
    } else {
        buf_t title;
        buf_init(&title, 0);
        buf_printf(&title, "Events: %s", t.title ? t.title : t.name);
        page_begin_in(b, buf_str(&title), NULL, t.name, t.title);
        buf_free(&title);
        buf_t back;
        buf_init(&back, 0);
        buf_puts(&back, "/t/");
        serve_urlenc(&back, t.name);
        buf_puts(b, "<p class=\"mute\"><a href=\"");
        esc_html(b, buf_str(&back));
        buf_free(&back);
        buf_puts(b, "\">&larr; ");
        esc_html(b, t.title ? t.title : t.name);
        buf_puts(b, "</a></p>\n<h1>Events</h1>\n");
        ignored_args(b, r, events_page_keys);
        filter_form(b, r, &t, buf_str(&base));
        buf_printf(b, "<p class=\"mute\" id=\"count\">%zu event%s shown", p.n, p.n == 1 ? "" : "s");
        if (p.total >= 0)
            buf_printf(b, " of %lld", (long long)p.total);
        buf_puts(b, " &middot; <a href=\"");
        buf_t csvh;
        buf_init(&csvh, 0);
        buf_printf(&csvh, "%s?%s%sformat=csv", buf_str(&base), buf_str(&qs), qs.len ? "&" : "");
        esc_html(b, buf_str(&csvh));
        buf_free(&csvh);
        buf_puts(b, "\" download>Download CSV</a></p>\n");
        if (p.n == 0)
            buf_puts(b, "<p>No events match these filters.</p>\n");
        else
            events_table(b, &t, &p, &q, buf_str(&base), buf_str(&qs));
        pager(b, buf_str(&base), buf_str(&qs), &q, &p);
        page_end(b);
        events_page_type(r, o);
    }
    o->etag = 1;
    buf_free(&qs);
    buf_free(&base);
    ev_page_free(&p);
    tracker_free(&t);
}

/* ---- /search ---- */

typedef struct hits_ctx {
    buf_t *b;
    int n;
} hits_ctx;

static int search_hit(const doc_rec *d, const char *snippet, double score, void *vctx)
{
    hits_ctx *c = vctx;
    buf_t *b = c->b;
    c->n++;
    const char *url = url_doc_out(d->canonical_url, d->url);
    /* the stored document's page, then the original */
    buf_printf(b, "<li><a href=\"/docs/%lld\"><strong>", (long long)d->id);
    esc_html(b, d->title && *d->title ? d->title : "(untitled)");
    buf_puts(b, "</strong></a><br><span class=\"mute\">");
    if (url) {
        buf_puts(b, "<a href=\"");
        esc_url_attr(b, url);
        buf_puts(b, "\" rel=\"noopener noreferrer\">original</a> &middot; ");
    }
    esc_html(b, d->outlet ? d->outlet : "");
    if (d->published) {
        buf_t day;
        buf_init(&day, 0);
        fmt_date_human(&day, d->published);
        buf_puts(b, d->outlet ? " &middot; " : "");
        esc_html(b, buf_str(&day));
        buf_free(&day);
    }
    buf_puts(b, "</span><br>");
    pages_snippet(b, snippet);
    buf_puts(b, "</li>\n");
    return 0;
}

static void search_page(serve_req *r, serve_resp *o);

void pages_search(serve_req *r, serve_resp *o)
{
    buf_t key;
    int64_t gen;
    if (acache_lookup(r, o, "search_page", NULL, NULL, &key, &gen)) {
        html_page(o);
        return;
    }
    search_page(r, o);
    acache_keep(o, &key, gen);
}

static void search_page(serve_req *r, serve_resp *o)
{
    const char *q = serve_arg(r, "q");
    buf_t *b = &o->body;
    if (q && strlen(q) > 500) {
        pages_error(o, 400, "The query is too long (500 characters at most).");
        return;
    }
    page_begin(b, q && *q ? q : "Search", q);
    buf_puts(b, "<h1>Search</h1>\n");
    ignored_args(b, r, search_page_keys);
    if (q && *q && !store_query_has_words(q)) {
        buf_reset(b);
        pages_error(o, 400, "The query has no words to search (only quotes and spaces).");
        return;
    }
    if (q && *q) {
        buf_t list; /* the hits, after the line that counts them */
        buf_init(&list, 0);
        hits_ctx hc = {&list, 0};
        if (store_search(r->store, q, 50, search_hit, &hc) < 0) {
            buf_free(&list);
            buf_reset(b);
            pages_error(o, 500, "The search failed.");
            return;
        }
        search_total t;
        if (search_total_get(r->store, q, hc.n, 50, &t) < 0) {
            buf_free(&list);
            buf_reset(b);
            pages_error(o, 500, "The search failed.");
            return;
        }
        if (hc.n) {
            buf_t line;
            buf_init(&line, 0);
            search_total_text(&line, &t, hc.n);
            char *l = buf_detach(&line);
            if (*l >= 'a' && *l <= 'z')
                *l = (char)(*l - 'a' + 'A');
            buf_puts(b, "<p class=\"mute count\">");
            esc_html(b, l);
            buf_puts(b, ".</p>\n");
            free(l);
            buf_puts(b, "<ul class=\"plain results\">\n");
            buf_append(b, list.data, list.len);
            buf_puts(b, "</ul>\n");
        }
        buf_free(&list);
        if (!hc.n) {
            buf_puts(b, "<p>No documents match <strong>");
            esc_html(b, q);
            buf_puts(b, "</strong>.</p>\n");
        }
    } else
        buf_puts(b, "<p>Type words to find in the stored articles; a trailing * matches a prefix.</p>\n");
    page_end(b);
    html_page(o);
    o->etag = 1;
}

/* ---- /events/ID ---- */

/* Loads event id into p (one row); 1 when found, 0 not, -1 error. */
static int load_event(store_t *s, const tracker_def *t, int64_t id, ev_page *p)
{
    ev_query q;
    memset(&q, 0, sizeof q);
    event_filter_init(&q.f);
    q.f.id = id;
    q.theme = -1;
    q.limit = 1;
    if (evq_run(s, t, &q, p) < 0)
        return -1;
    return p->n > 0;
}

typedef struct mention_ctx {
    buf_t *b;
    store_t *s;
    const char *sentence;
} mention_ctx;

static int mention_doc(const doc_rec *d, void *vctx)
{
    mention_ctx *c = vctx;
    buf_t *b = c->b;
    const char *url = url_doc_out(d->canonical_url, d->url);
    buf_puts(b, "<li><a href=\"");
    esc_url_attr(b, url);
    buf_puts(b, "\" rel=\"noopener noreferrer\">");
    esc_html(b, d->title && *d->title ? d->title : "(untitled)");
    buf_puts(b, "</a><br><span class=\"mute\">");
    esc_html(b, d->outlet ? d->outlet : "");
    if (d->published) {
        buf_puts(b, d->outlet ? " &middot; " : "");
        buf_t day;
        buf_init(&day, 0);
        fmt_date_human(&day, d->published);
        esc_html(b, buf_str(&day));
        buf_free(&day);
    }
    buf_puts(b, "</span><blockquote class=\"context\">");
    const char *text = d->text ? d->text : "", *sent = c->sentence ? c->sentence : "";
    const char *at = *sent ? strstr(text, sent) : NULL;
    if (at) {
        /* the sentence marked in the text around it, cut at spaces */
        size_t start = (size_t)(at - text), len = strlen(sent), tl = strlen(text);
        size_t from = start > 280 ? start - 280 : 0, to = start + len + 280 < tl ? start + len + 280 : tl;
        while (from > 0 && from < start && text[from - 1] != ' ' && text[from - 1] != '\n')
            from++;
        while (to < tl && to > start + len && text[to] != ' ' && text[to] != '\n')
            to--;
        if (from)
            buf_puts(b, "&hellip; ");
        esc_html_n(b, text + from, start - from);
        buf_puts(b, "<mark>");
        esc_html_n(b, at, len);
        buf_puts(b, "</mark>");
        esc_html_n(b, at + len, to - (start + len));
        if (to < tl)
            buf_puts(b, " &hellip;");
    } else {
        buf_puts(b, "<mark>");
        esc_html(b, sent);
        buf_puts(b, "</mark>");
    }
    buf_printf(b, "</blockquote><a class=\"mute\" href=\"/docs/%lld\">The stored article</a></li>\n",
               (long long)d->id);
    return 0;
}

static int mention_item(int64_t doc_id, const char *sentence, double confidence, void *vctx)
{
    mention_ctx *c = vctx;
    c->sentence = sentence;
    return store_doc_get(c->s, doc_id, mention_doc, c);
}

static void fact(buf_t *b, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    buf_printf(b, "<dt>%s</dt><dd>", label);
    esc_html(b, value);
    buf_puts(b, "</dd>\n");
}

/* One change an updated document made: "Dec 1, 2026: amount updated: was
 * $77 million, now $97 million". */
static int change_item(const store_event_change *c, void *vctx)
{
    buf_t *b = vctx, day;
    buf_init(&day, 0);
    fmt_date_human(&day, c->when);
    buf_puts(b, "<li>");
    esc_html(b, buf_str(&day));
    buf_puts(b, ": ");
    esc_html(b, c->field ? c->field : "");
    buf_puts(b, " updated: was ");
    esc_html(b, c->was ? c->was : "none");
    buf_puts(b, ", now ");
    esc_html(b, c->now ? c->now : "none");
    buf_puts(b, "</li>\n");
    buf_free(&day);
    return 0;
}

void pages_event(serve_req *r, serve_resp *o, const char *id_text)
{
    int64_t id;
    if (input_int(id_text, 1, INT64_MAX, &id) < 0) {
        pages_error(o, 404, "There is no event with that number.");
        return;
    }
    tracker_def t;
    if (serve_tracker(r->store, NULL, &t) != 0) {
        pages_error(o, 500, "The store could not be read.");
        return;
    }
    ev_page p;
    int found = load_event(r->store, &t, id, &p);
    if (found <= 0) {
        pages_error(o, found < 0 ? 500 : 404, found < 0 ? "The store could not be read." : "There is no event with that number.");
        tracker_free(&t);
        return;
    }
    const ev_row *row = &p.rows[0];
    const event_t *e = &row->e;
    buf_t *b = &o->body, tmp;
    buf_init(&tmp, 0);
    buf_printf(&tmp, "%s: ", event_org_name(e) ? event_org_name(e) : "?");
    type_label(&tmp, e->type); /* "Nscale: funding", "Alibaba: stock move" */
    page_begin_in(b, buf_str(&tmp), NULL, t.name, t.title);
    buf_puts(b, "<h1>");
    esc_html(b, buf_str(&tmp));
    buf_puts(b, "</h1>\n");
    if (t.name) { /* back to the tracker it belongs to */
        buf_t u;
        buf_init(&u, 0);
        serve_urlenc(&u, t.name);
        buf_puts(b, "<p class=\"mute\">In the tracker <a class=\"tracker\" href=\"/t/");
        esc_html(b, buf_str(&u));
        buf_puts(b, "\">");
        esc_html(b, t.title ? t.title : t.name);
        buf_puts(b, "</a></p>\n");
        buf_free(&u);
    }
    buf_puts(b, "<dl class=\"facts\">\n");
    buf_reset(&tmp);
    fmt_date_human(&tmp, row->first_seen); /* "Mar 10, 2026", as everywhere else on the page */
    fact(b, "First reported", buf_str(&tmp));
    buf_puts(b, "<dt>Organisation</dt><dd>");
    org_link(b, event_org_name(e));
    buf_puts(b, "</dd>\n");
    if (e->type == EVENT_ACQUISITION) {
        buf_puts(b, "<dt>Target</dt><dd>");
        org_link(b, e->target);
        buf_puts(b, "</dd>\n");
    }
    buf_reset(&tmp);
    fmt_usd_long(&tmp, event_usd(e));
    fact(b, "Amount (USD)", buf_str(&tmp));
    fact(b, "As written", e->amount_text);
    fact(b, "Round", e->round);
    fact(b, e->type == EVENT_ACQUISITION ? "The target" : "Who", e->descriptor);
    fact(b, "The money is", e->purpose);
    buf_reset(&tmp);
    fmt_usd_long(&tmp, e->valuation_usd);
    fact(b, "Valuation", buf_str(&tmp));
    buf_reset(&tmp);
    if (!isnan(e->change_pct))
        buf_printf(&tmp, "%+.2f%%", e->change_pct);
    fact(b, "Change", buf_str(&tmp));
    fact(b, "Ticker", e->ticker);
    fact(b, "Product", e->product);
    fact(b, "What", e->what);
    /* an infrastructure project: how big, and who pays */
    buf_reset(&tmp);
    if (!isnan(e->capacity_mw))
        buf_printf(&tmp, "%g MW", e->capacity_mw);
    fact(b, "Capacity", buf_str(&tmp));
    buf_reset(&tmp);
    fmt_count(&tmp, e->gpus);
    fact(b, "GPUs", buf_str(&tmp));
    fact(b, "Country", e->country ? fmt_country_label(e->country) : NULL); /* "UK", not "GB" */
    buf_reset(&tmp);
    for (size_t i = 0; i < e->n_investors; i++)
        buf_printf(&tmp, "%s%s", i ? ", " : "", e->investors[i] ? e->investors[i] : "");
    fact(b, e->type == EVENT_INFRASTRUCTURE ? "Backed by" : "Investors", buf_str(&tmp));
    if (row->theme >= 0 && (size_t)row->theme < t.n_themes)
        fact(b, "Theme", t.themes[row->theme].title ? t.themes[row->theme].title : t.themes[row->theme].name);
    buf_free(&tmp);
    buf_printf(b, "</dl>\n<h2>Sources (%lld)</h2>\n<ul class=\"plain sources\">\n", (long long)row->mentions);
    mention_ctx mc = {b, r->store, NULL};
    buf_t changes;
    buf_init(&changes, 0);
    if (store_mentions_each(r->store, row->id, mention_item, &mc) < 0 ||
        store_event_changes_each(r->store, row->id, change_item, &changes) < 0) {
        buf_reset(b);
        pages_error(o, 500, "The store could not be read.");
    } else {
        buf_puts(b, "</ul>\n");
        if (changes.len) { /* what updated sources changed, oldest first */
            buf_puts(b, "<h2>Updates</h2>\n<ul class=\"plain updates\">\n");
            buf_append(b, changes.data, changes.len);
            buf_puts(b, "</ul>\n");
        }
        buf_printf(b, "<p class=\"mute\"><a href=\"/api/v1/events/%lld\">As JSON</a></p>\n", (long long)row->id);
        page_end(b);
        html_page(o);
        o->etag = 1;
    }
    buf_free(&changes);
    ev_page_free(&p);
    tracker_free(&t);
}

/* ---- /org/NAME ---- */

typedef struct org_ctx {
    int found;
    char *name, *country, *ticker;
    char **aliases;
    size_t n_aliases;
} org_ctx;

static int org_found(const org_rec *o, void *vctx)
{
    org_ctx *c = vctx;
    c->found = 1;
    c->name = o->name ? xstrdup(o->name) : NULL;
    c->country = o->country ? xstrdup(o->country) : NULL;
    c->ticker = o->ticker ? xstrdup(o->ticker) : NULL;
    c->aliases = o->n_aliases ? xcalloc(o->n_aliases, sizeof *c->aliases) : NULL;
    for (size_t i = 0; i < o->n_aliases; i++)
        c->aliases[i] = xstrdup(o->aliases[i]);
    c->n_aliases = o->n_aliases;
    return 0;
}

static void org_ctx_free(org_ctx *c)
{
    free(c->name);
    free(c->country);
    free(c->ticker);
    for (size_t i = 0; i < c->n_aliases; i++)
        free(c->aliases[i]);
    free(c->aliases);
}

/* The organisation an event is about is name: the subject, or the target
 * of an acquisition (whose descriptor the event holds). */
static int org_is(const event_t *e, const char *name, int *as_target)
{
    *as_target = e->type == EVENT_ACQUISITION && e->target && str_casecmp(e->target, name) == 0;
    const char *o = event_org_name(e);
    return *as_target || (o && str_casecmp(o, name) == 0);
}

/* An organisation's page: who it is (its stored name, aliases, country,
 * ticker and the sources' descriptor), every event naming it, and the
 * rounds it invested in; 404 for a name the store does not know. */
void pages_org(serve_req *r, serve_resp *o, const char *name)
{
    if (strlen(name) > 200) {
        pages_error(o, 404, "There is no such organisation.");
        return;
    }
    tracker_def t;
    if (serve_tracker(r->store, NULL, &t) != 0) {
        pages_error(o, 500, "The store could not be read.");
        return;
    }
    org_ctx oc = {0};
    store_org_get(r->store, name, org_found, &oc); /* -1: a back end without it */
    const char *shown = oc.name ? oc.name : name;
    ev_query q;
    memset(&q, 0, sizeof q);
    event_filter_init(&q.f);
    q.f.org = shown;
    q.theme = -1;
    q.limit = EVQ_LIMIT_MAX;
    ev_page p, inv;
    memset(&inv, 0, sizeof inv);
    if (evq_run(r->store, &t, &q, &p) < 0) {
        pages_error(o, 500, "The store could not be read.");
        org_ctx_free(&oc);
        tracker_free(&t);
        return;
    }
    ev_query qi = q;
    event_filter_init(&qi.f);
    qi.f.investor = shown;
    if (evq_run(r->store, &t, &qi, &inv) < 0) {
        pages_error(o, 500, "The store could not be read.");
        ev_page_free(&p);
        org_ctx_free(&oc);
        tracker_free(&t);
        return;
    }
    /* named by some event: as its organisation, target or investor */
    int named = 0;
    const char *descriptor = NULL, *country = oc.country;
    for (size_t i = 0; i < p.n; i++) {
        const event_t *e = &p.rows[i].e;
        int tgt;
        if (org_is(e, shown, &tgt)) {
            named = 1;
            if (!descriptor && e->descriptor)
                descriptor = e->descriptor;
            if (!country && !tgt && e->country)
                country = e->country;
        }
    }
    if (!oc.found && !named && !inv.n) {
        pages_error(o, 404, "There is no such organisation.");
        ev_page_free(&p);
        ev_page_free(&inv);
        org_ctx_free(&oc);
        tracker_free(&t);
        return;
    }
    buf_t *b = &o->body;
    page_begin(b, shown, NULL);
    buf_puts(b, "<h1>");
    esc_html(b, shown);
    buf_puts(b, "</h1>\n");
    if (descriptor) {
        buf_puts(b, "<p class=\"descriptor\">");
        esc_html(b, shown);
        buf_puts(b, ", ");
        esc_html(b, descriptor);
        buf_puts(b, " (as its sources describe it).</p>\n");
    }
    buf_t facts; /* none: no empty list */
    buf_init(&facts, 0);
    fact(&facts, "Country", country ? fmt_country_label(country) : NULL);
    fact(&facts, "Ticker", oc.ticker);
    if (oc.n_aliases) {
        buf_puts(&facts, "<dt>Also written</dt><dd>");
        for (size_t i = 0; i < oc.n_aliases; i++) {
            buf_puts(&facts, i ? ", " : "");
            esc_html(&facts, oc.aliases[i]);
        }
        buf_puts(&facts, "</dd>\n");
    }
    if (facts.len) {
        buf_puts(b, "<dl class=\"facts\">\n");
        buf_append(b, facts.data, facts.len);
        buf_puts(b, "</dl>\n");
    }
    buf_free(&facts);
    /* its own events; the rounds it only invested in are listed once, below */
    ev_page own = p;
    own.rows = xcalloc(p.n ? p.n : 1, sizeof *own.rows);
    own.n = 0;
    for (size_t i = 0; i < p.n; i++) {
        int tgt, backed = 0;
        for (size_t k = 0; k < inv.n && !backed; k++)
            backed = inv.rows[k].id == p.rows[i].id;
        if (!backed || org_is(&p.rows[i].e, shown, &tgt))
            own.rows[own.n++] = p.rows[i]; /* borrowed: freed with p */
    }
    buf_printf(b, "<h2>Events (%zu)</h2>\n<p class=\"mute\">Every event naming this organisation%s, newest first.",
               own.n, inv.n ? " but as an investor" : "");
    buf_puts(b, " <a href=\"/search?q=");
    buf_t u;
    buf_init(&u, 0);
    serve_urlenc(&u, shown);
    esc_html(b, buf_str(&u));
    buf_free(&u);
    buf_puts(b, "\">Articles mentioning it</a></p>\n");
    if (own.n)
        events_table(b, &t, &own, NULL, NULL, NULL);
    else
        buf_puts(b, inv.n ? "<p>None: it is named only as an investor.</p>\n" : "<p>No events name this organisation.</p>\n");
    free(own.rows);
    if (inv.n) {
        buf_printf(b, "<h2>As an investor (%zu round%s)</h2>\n", inv.n, inv.n == 1 ? "" : "s");
        events_table(b, &t, &inv, NULL, NULL, NULL);
    }
    page_end(b);
    html_page(o);
    o->etag = 1;
    ev_page_free(&p);
    ev_page_free(&inv);
    org_ctx_free(&oc);
    tracker_free(&t);
}

/* ---- /docs/ID: a stored document ---- */

typedef struct docpage_ctx {
    buf_t *b;
    store_t *s;
    int found, events;
} docpage_ctx;

static int doc_event_item(const event_t *e, const event_meta *m, void *vctx)
{
    docpage_ctx *c = vctx;
    buf_printf(c->b, "<li><a href=\"/events/%lld\">", (long long)m->id);
    buf_t t;
    buf_init(&t, 0);
    type_label(&t, e->type);
    buf_printf(&t, ": %s", event_org_name(e) ? event_org_name(e) : "?");
    double usd = event_usd(e);
    if (!isnan(usd)) {
        buf_puts(&t, ", ");
        event_money(&t, e);
    }
    esc_html(c->b, buf_str(&t));
    buf_free(&t);
    buf_puts(c->b, "</a></li>\n");
    c->events++;
    return 0;
}

static int doc_mention(int64_t event_id, const char *sentence, void *vctx)
{
    docpage_ctx *c = vctx;
    return store_events_by_ids(c->s, &event_id, 1, doc_event_item, c);
}

static int doc_show(const doc_rec *d, void *vctx)
{
    docpage_ctx *c = vctx;
    buf_t *b = c->b;
    c->found = 1;
    const char *title = d->title && *d->title ? d->title : "(untitled)";
    page_begin(b, title, NULL);
    buf_puts(b, "<h1>");
    esc_html(b, title);
    buf_puts(b, "</h1>\n<p class=\"mute\">");
    esc_html(b, d->outlet ? d->outlet : "");
    if (d->published) {
        buf_t day;
        buf_init(&day, 0);
        fmt_date_human(&day, d->published);
        buf_puts(b, d->outlet ? " &middot; " : "");
        esc_html(b, buf_str(&day));
        buf_free(&day);
    }
    const char *url = url_doc_out(d->canonical_url, d->url);
    if (url) {
        buf_puts(b, " &middot; <a href=\"");
        esc_url_attr(b, url);
        buf_puts(b, "\" rel=\"noopener noreferrer\">the original</a>");
    }
    buf_puts(b, "</p>\n<h2>Events read from it</h2>\n<ul class=\"doc-events\">\n");
    if (store_doc_mentions_each(c->s, d->id, doc_mention, c) < 0)
        return -1;
    buf_puts(b, "</ul>\n");
    if (!c->events)
        buf_puts(b, "<p class=\"mute\">No event was read from this article.</p>\n");
    buf_puts(b, "<h2>Text</h2>\n<div class=\"doc-text\">\n");
    /* paragraphs as stored: blank lines between them */
    const char *p = d->text ? d->text : "";
    while (*p) {
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            buf_puts(b, "<p>");
            esc_html_n(b, p, n);
            buf_puts(b, "</p>\n");
        }
        if (!e)
            break;
        p = e + 2;
    }
    buf_puts(b, "</div>\n");
    page_end(b);
    return 0;
}

void pages_doc(serve_req *r, serve_resp *o, const char *id_text)
{
    int64_t id;
    if (input_int(id_text, 1, INT64_MAX, &id) < 0) {
        pages_error(o, 404, "There is no stored document with that number.");
        return;
    }
    docpage_ctx c = {&o->body, r->store, 0, 0};
    if (store_doc_get(r->store, id, doc_show, &c) < 0) {
        buf_reset(&o->body);
        pages_error(o, 500, "The store could not be read.");
        return;
    }
    if (!c.found) {
        pages_error(o, 404, "There is no stored document with that number.");
        return;
    }
    html_page(o);
    o->etag = 1;
}
