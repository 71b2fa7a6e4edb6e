/* rcache: cached tracker reports, rebuilt when the data's generation
 * moved (store_generation: every write moves it, also one that changes no
 * count), or after RCACHE_TTL. */
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve/metrics.h"
#include "serve/pages.h"
#include "serve/query.h"
#include "serve/rcache.h"
#include "serve/server.h"
#include "util/date.h"
#include "util/esc.h"

#define RCACHE_SLOTS 16
#define RCACHE_TTL 60        /* seconds: "Updated" and editions move on too */

typedef struct slot {
    char name[128];          /* "" when free */
    report_format fmt;
    int top;                 /* items per section (report_opts.top) */
    int64_t gen;             /* the data's generation it was built from */
    time_t built;
    char *body;
    size_t len;
    char csp[256];
} slot;

static slot slots[RCACHE_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The policy for the report page: its one <style> block by hash (the
 * shared header's rules in it), inline SVG images, nothing else. */
static void report_csp(const char *html, char *csp, size_t cspsz)
{
    const char *a = strstr(html, "<style>"), *z = a ? strstr(a, "</style>") : NULL;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1] = "";
    if (a && z && EVP_Digest(a + 7, (size_t)(z - (a + 7)), md, &mdlen, EVP_sha256(), NULL) == 1)
        EVP_EncodeBlock((unsigned char *)b64, md, (int)mdlen);
    snprintf(csp, cspsz,
             "default-src 'none'; style-src %s%s%s; img-src data:; form-action 'self'; "
             "base-uri 'none'; frame-ancestors 'none'",
             b64[0] ? "'sha256-" : "'none'", b64, b64[0] ? "'" : "");
}

/* Adds the server's shared header (pages_header, its rules put in the
 * report's one <style> block, which the page's policies allow by hash)
 * and the Atom link to the report's HTML. */
static void decorate(const char *html, const char *name, const char *title, buf_t *out)
{
    const char *head_end = strstr(html, "</head>");
    const char *body = head_end ? strstr(head_end, "<body>") : NULL;
    const char *style = strstr(html, "<style>\n");
    if (!head_end || !body) {
        buf_puts(out, html);
        return;
    }
    const char *from = html;
    if (style && style < head_end) {
        buf_append(out, html, (size_t)(style + 8 - html));
        buf_puts(out, pages_header_css);
        from = style + 8;
    }
    buf_append(out, from, (size_t)(head_end - from));
    buf_puts(out, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"New events\" href=\"/t/");
    esc_html(out, name);
    buf_puts(out, "/atom.xml\">\n");
    buf_append(out, head_end, (size_t)(body + 6 - head_end));
    buf_puts(out, "\n");
    pages_header(out, NULL, name, title);
    buf_puts(out, body + 6);
}

/* Copies a fresh cached page into out: one built at generation gen or
 * later (a request reading from before a write may get the newer page,
 * never an older one; gen < 0: any generation). 0 when found, 1 when not,
 * -1 when out is full. */
static int lookup(const char *key, report_format fmt, int top, int64_t gen, buf_t *out, char *csp, size_t cspsz)
{
    time_t now = time(NULL);
    int rc = 1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < RCACHE_SLOTS; i++) {
        slot *sl = &slots[i];
        if (!sl->body || sl->fmt != fmt || sl->top != top || strcmp(sl->name, key) != 0 ||
            now - sl->built >= RCACHE_TTL || (gen >= 0 && sl->gen < gen))
            continue;
        rc = buf_append(out, sl->body, sl->len);
        if (csp)
            snprintf(csp, cspsz, "%s", sl->csp);
        break;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

long rcache_publish_every;

/* The server's schedule of editions: the page just built is recorded as
 * the tracker's HTML edition when the last one is older than
 * rcache_publish_every (or there is none), so the next page's "What's new"
 * starts from it. Called under build_lock: one edition per period. */
static void publish_due(store_t *s, const char *tracker, const report_summary *sum, time_t now)
{
    char *created = NULL;
    int64_t *ids = NULL, t;
    size_t n = 0;
    if (store_edition_last(s, tracker, "html", &created, &ids, &n) < 0) {
        fprintf(stderr, "mtrack: serve: edition of %s: %s\n", tracker, store_error(s));
        return;
    }
    free(ids);
    int due = !created || date_parse(created, &t) < 0 || (int64_t)now - t >= rcache_publish_every;
    free(created);
    if (!due)
        return;
    char when[32];
    date_format_rfc3339((int64_t)now, when);
    if (store_edition_add(s, tracker, "html", when, sum->event_ids, sum->n_event_ids) < 0)
        fprintf(stderr, "mtrack: serve: recording the edition of %s: %s\n", tracker, store_error(s));
}

static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;
static int rebuild(store_t *s, const char *name, const char *key, report_format fmt, int top, int64_t gen,
                   buf_t *out, char *csp, size_t cspsz);

/* *hit: 1 found, 2 the page before (a build runs), 0 built */
static int rcache_find(store_t *s, const char *name, report_format fmt, int top, buf_t *out, char *csp, size_t cspsz,
                       int *hit);

int rcache_get(store_t *s, const char *name, report_format fmt, int top, buf_t *out, char *csp, size_t cspsz)
{
    int hit = 0, rc = rcache_find(s, name, fmt, top, out, csp, cspsz, &hit);
    if (rc == 0)
        metrics_cache(fmt == REPORT_HTML ? "report" : fmt == REPORT_JSON ? "api_report" : "other", hit);
    return rc;
}

static int rcache_find(store_t *s, const char *name, report_format fmt, int top, buf_t *out, char *csp, size_t cspsz,
                       int *hit)
{
    const char *key = name ? name : "";
    *hit = 1;
    /* the data's generation is read for every request (one row): a write
     * by any process is in the next page. A tracker loaded again with
     * another [filter] or other themes is a write too. */
    int64_t gen;
    if (evq_version(s, &gen) < 0)
        return -1;
    int found = lookup(key, fmt, top, gen, out, csp, cspsz);
    if (found <= 0)
        return found;
    /* One build at a time. While one runs, the other requests get the page
     * before it (a build takes about a second on a store of 100,000
     * documents: under a steady ingest, whose every commit is a new
     * generation, each request would otherwise wait for a build, and by
     * then the next one), or wait for it when there is none; a request
     * that comes while no build runs gets a page of every write committed
     * before it. */
    if (pthread_mutex_trylock(&build_lock) != 0) {
        if ((found = lookup(key, fmt, top, -1, out, csp, cspsz)) <= 0) {
            *hit = 2;
            return found;
        }
        pthread_mutex_lock(&build_lock);
    }
    found = lookup(key, fmt, top, gen, out, csp, cspsz);
    if (found > 0) {
        *hit = 0;
        found = rebuild(s, name, key, fmt, top, gen, out, csp, cspsz);
    }
    pthread_mutex_unlock(&build_lock);
    return found;
}

static int rebuild(store_t *s, const char *name, const char *key, report_format fmt, int top, int64_t gen,
                   buf_t *out, char *csp, size_t cspsz)
{
    time_t now = time(NULL);
    if (strlen(key) >= sizeof slots[0].name)
        return 1;
    tracker_def t;
    int rc = serve_tracker(s, name, &t);
    if (rc != 0)
        return rc;
    buf_t href;
    buf_init(&href, 0);
    buf_puts(&href, "/t/");
    serve_urlenc(&href, t.name);
    buf_puts(&href, "/events");
    report_opts o = {.format = fmt, .edition_format = fmt == REPORT_HTML ? "html" : fmt == REPORT_JSON ? "json" : "md",
                     .top = top, .events_href = buf_str(&href)};
    buf_t raw, page;
    buf_init(&raw, serve_out_max);
    buf_init(&page, serve_out_max);
    char why[512];
    report_summary sum = {0};
    rc = report_write(s, &t, &o, &raw, &sum, why, sizeof why);
    if (rc == 0 && fmt == REPORT_HTML && rcache_publish_every > 0 && !raw.full)
        publish_due(s, t.name, &sum, now);
    report_summary_free(&sum);
    char page_csp[256] = "";
    if (rc == 0) {
        if (fmt == REPORT_HTML) {
            decorate(buf_str(&raw), t.name, t.title, &page);
            report_csp(buf_str(&page), page_csp, sizeof page_csp);
        } else
            buf_append(&page, raw.data, raw.len);
    }
    tracker_free(&t);
    buf_free(&href);
    /* A page that lost a piece to the cap is an error, never cached: the
     * decorated page is the raw one plus the navigation, so a raw report
     * just under the cap used to leave a page of navigation alone. */
    if (rc == 0 && (raw.full || page.full)) {
        snprintf(why, sizeof why, "the report passes the %zu-byte cap", serve_out_max);
        rc = -1;
    }
    buf_free(&raw);
    if (rc < 0) {
        fprintf(stderr, "mtrack: serve: report: %s\n", why);
        buf_free(&page);
        return -1;
    }
    rc = buf_append(out, page.data, page.len);
    if (rc < 0) {
        buf_free(&page);
        return -1;
    }
    if (csp)
        snprintf(csp, cspsz, "%s", page_csp);
    pthread_mutex_lock(&lock);
    slot *victim = &slots[0];
    for (int i = 0; i < RCACHE_SLOTS; i++) {
        slot *sl = &slots[i];
        if (sl->body && sl->fmt == fmt && sl->top == top && strcmp(sl->name, key) == 0) {
            victim = sl;
            break;
        }
        if (!sl->body || sl->built < victim->built)
            victim = sl;
    }
    free(victim->body);
    snprintf(victim->name, sizeof victim->name, "%s", key);
    victim->fmt = fmt;
    victim->top = top;
    victim->gen = gen;
    victim->built = now;
    victim->len = page.len;
    victim->body = buf_detach(&page);
    snprintf(victim->csp, sizeof victim->csp, "%s", page_csp);
    pthread_mutex_unlock(&lock);
    buf_free(&page);
    return rc;
}

void rcache_free(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < RCACHE_SLOTS; i++) {
        free(slots[i].body);
        memset(&slots[i], 0, sizeof slots[i]);
    }
    pthread_mutex_unlock(&lock);
}
