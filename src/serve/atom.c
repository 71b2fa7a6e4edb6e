/* atom: the Atom 1.0 feed of a tracker's new events. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "publish/format.h"
#include "serve/atom.h"
#include "serve/query.h"
#include "util/url.h"
#include "util/date.h"
#include "util/str.h"
#include "util/utf8.h"

void atom_esc(buf_t *b, const char *s)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n) {
        int cp;
        size_t k = utf8_decode(p, n, &cp);
        if (!k) {
            buf_puts(b, "\xEF\xBF\xBD");
            p++, n--;
            continue;
        }
        switch (cp) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&apos;"); break;
        default:
            if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
                break; /* not an XML character */
            buf_append(b, p, k);
        }
        p += k, n -= k;
    }
}

/* An RFC 3339 date-time from a stored date ("2026-03-11" or a full
 * timestamp); the epoch when unreadable. */
static void atom_time(const char *when, char out[32])
{
    int64_t t = 0;
    if (!when || date_parse(when, &t) < 0)
        t = 0;
    date_format_rfc3339(t, out);
}

/* "http://HOST" from the request's Host header when it looks like one. */
static void base_url(const serve_req *r, buf_t *b)
{
    const char *host = serve_header(r, "Host");
    int ok = host && *host && strlen(host) < 256;
    for (const char *c = host; ok && *c; c++)
        if (!(str_isalnum(*c) || *c == '.' || *c == '-' || *c == ':' || *c == '[' || *c == ']'))
            ok = 0;
    buf_puts(b, "http://");
    buf_puts(b, ok ? host : "localhost");
}

typedef struct src_ctx {
    buf_t *b;
    store_t *s;
    buf_t *text;
    const char *sentence;
} src_ctx;

static int entry_doc(const doc_rec *d, void *vctx)
{
    src_ctx *c = vctx;
    const char *url = url_doc_out(d->canonical_url, d->url);
    if (url) {
        buf_puts(c->b, "    <link rel=\"related\" href=\"");
        atom_esc(c->b, url);
        buf_puts(c->b, "\" title=\"");
        atom_esc(c->b, d->title ? d->title : "");
        buf_puts(c->b, "\"/>\n");
    }
    buf_printf(c->text, "\n\n- %s%s%s", d->title ? d->title : "(untitled)", d->outlet ? " (" : "",
               d->outlet ? d->outlet : "");
    if (d->outlet)
        buf_putc(c->text, ')');
    if (url)
        buf_printf(c->text, " %s", url);
    if (c->sentence)
        buf_printf(c->text, "\n  \"%s\"", c->sentence);
    return 0;
}

static int entry_mention(int64_t doc_id, const char *sentence, double confidence, void *vctx)
{
    src_ctx *c = vctx;
    c->sentence = sentence;
    return store_doc_get(c->s, doc_id, entry_doc, c);
}

void atom_feed(serve_req *r, serve_resp *o, const char *name)
{
    tracker_def t;
    int rc = serve_tracker(r->store, name, &t);
    if (rc != 0) {
        serve_html_error(o, rc > 0 ? 404 : 500, rc > 0 ? "There is no tracker of that name." : "The store could not be read.");
        return;
    }
    ev_query q;
    memset(&q, 0, sizeof q);
    event_filter_init(&q.f);
    q.theme = -1;
    q.limit = ATOM_ENTRIES;
    ev_page p;
    if (evq_run(r->store, &t, &q, &p) < 0) {
        serve_html_error(o, 500, "The store could not be read.");
        tracker_free(&t);
        return;
    }
    buf_t *b = &o->body, base, tname;
    buf_init(&base, 0);
    buf_init(&tname, 0);
    base_url(r, &base);
    serve_urlenc(&tname, t.name);
    char updated[32];
    atom_time(p.n ? p.rows[0].first_seen : NULL, updated);
    buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>");
    atom_esc(b, t.title ? t.title : t.name);
    buf_puts(b, ": new events</title>\n  <subtitle>");
    atom_esc(b, t.description ? t.description : "");
    buf_puts(b, "</subtitle>\n  <id>");
    atom_esc(b, buf_str(&base));
    buf_printf(b, "/t/%s</id>\n  <updated>%s</updated>\n  <author><name>mtrack</name></author>\n"
                  "  <generator>mtrack</generator>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"",
               buf_str(&tname), updated);
    atom_esc(b, buf_str(&base));
    buf_printf(b, "/t/%s/atom.xml\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"", buf_str(&tname));
    atom_esc(b, buf_str(&base));
    buf_printf(b, "/t/%s\"/>\n", buf_str(&tname));
    for (size_t i = 0; i < p.n; i++) {
        const ev_row *row = &p.rows[i];
        const event_t *e = &row->e;
        buf_t title, text;
        buf_init(&title, 1 << 16);
        buf_init(&text, 1 << 20);
        buf_printf(&title, "%s: %s", event_type_name(e->type), event_org_name(e) ? event_org_name(e) : "?");
        if (!isnan(event_usd(e))) {
            buf_puts(&title, " ");
            event_money(&title, e);
        }
        buf_t detail;
        buf_init(&detail, 0);
        event_detail_full(&detail, e);
        if (detail.len)
            buf_printf(&title, ", %s", buf_str(&detail));
        buf_free(&detail);
        atom_time(row->first_seen, updated);
        buf_puts(b, "  <entry>\n    <title>");
        atom_esc(b, buf_str(&title));
        buf_puts(b, "</title>\n    <id>");
        atom_esc(b, buf_str(&base));
        buf_printf(b, "/events/%lld</id>\n    <updated>%s</updated>\n    <published>%s</published>\n"
                      "    <link rel=\"alternate\" type=\"text/html\" href=\"",
                   (long long)row->id, updated, updated);
        atom_esc(b, buf_str(&base));
        buf_printf(b, "/events/%lld\"/>\n", (long long)row->id);
        buf_printf(&text, "%s", e->sentence ? e->sentence : "");
        buf_printf(&text, "\n\nSources (%lld):", (long long)row->mentions);
        src_ctx sc = {b, r->store, &text, NULL};
        store_mentions_each(r->store, row->id, entry_mention, &sc);
        if (row->theme >= 0 && (size_t)row->theme < t.n_themes) {
            buf_puts(b, "    <category term=\"");
            atom_esc(b, t.themes[row->theme].name);
            buf_puts(b, "\"/>\n");
        }
        buf_puts(b, "    <summary type=\"text\">");
        atom_esc(b, e->sentence ? e->sentence : buf_str(&title));
        buf_puts(b, "</summary>\n    <content type=\"text\">");
        atom_esc(b, buf_str(&text));
        buf_puts(b, "</content>\n  </entry>\n");
        buf_free(&title);
        buf_free(&text);
    }
    buf_puts(b, "</feed>\n");
    o->ctype = "application/atom+xml; charset=utf-8";
    o->etag = 1;
    buf_free(&base);
    buf_free(&tname);
    ev_page_free(&p);
    tracker_free(&t);
}
