/* cmd_update: fetches the due sources over HTTP and ingests what is new. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "publish/report.h"
#include "cli/cli.h"
#include "extract/extract.h"
#include "fetch/fetch.h"
#include "fetch/poll.h"
#include "parse/feed.h"
#include "resolve/dedup.h"
#include "sources/ingest.h"
#include "store/store.h"
#include "util/date.h"
#include "util/str.h"

/* At most this many article pages are fetched per feed and run. */
#define MAX_PAGES_PER_FEED 200

enum { JOB_SOURCE = 1, JOB_PAGE = 2 };
enum { OUT_OK, OUT_UNCHANGED, OUT_FAILED };

typedef struct src_job {
    int kind;                   /* JOB_SOURCE */
    int64_t id;
    char *url, *etag, *last_modified;
    int64_t interval_s, failures;
    int untitled;
    int fetched, finalized, pages_left, pages_asked;
    int outcome;
    char *error;
    char *new_etag, *new_lm;
    int64_t retry_at;
    int64_t added, updated, events, entries;
    int64_t known;              /* teasers whose page is stored already */
    int64_t deferred;           /* teasers left for the next run (past the
                                 * page cap, or their page failed for now) */
    int64_t gap_s;
    double seconds;
} src_job;

typedef struct page_job {
    int kind;                   /* JOB_PAGE */
    src_job *src;
    char *link, *title, *author, *published, *teaser, *outlet, *feed_url;
} page_job;

typedef struct run {
    store_t *s;
    fetch_t *f;
    src_job **srcs;             /* each its own allocation: requests point at them */
    size_t n, cap;
    size_t finished;
    int tty;
    int64_t unchanged, failed, added, updated, events;
    int store_failed;
    /* the due sources are leased a chunk at a time (several update runs
     * on one store share them) */
    const char *tracker;
    char due[32];               /* next_try at most this: the run's start */
    int all;                    /* --all: every source not fetched since the run's start */
    int64_t start_ms;           /* the run's start, ms since 1970 (--all) */
    long lease_s;               /* each lease's length, renewed while the run works */
    int64_t chunk, cap_inflight;
    int64_t lease_again_ms;     /* after a short chunk, when to ask again */
    int64_t renewed_ms;
    int claim_failed;
} run;

static void now_text(char out[32], int64_t plus_s)
{
    date_format_rfc3339((int64_t)time(NULL) + plus_s, out);
}

/* How long a run holds the sources it took (store_sources_lease) if it
 * dies: the leases of those it is still at work on are renewed every third
 * of it. */
#define UPDATE_LEASE_S (5 * 60)

/* The wall clock in ms since 1970 (source_state.done_ms). */
static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int collect_source(const source_rec *r, void *ctx)
{
    run *u = ctx;
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 16;
        u->srcs = xrealloc(u->srcs, u->cap * sizeof *u->srcs);
    }
    src_job *j = xcalloc(1, sizeof *j);
    u->srcs[u->n++] = j;
    j->kind = JOB_SOURCE;
    j->id = r->id;
    j->url = xstrdup(r->url);
    j->etag = r->etag ? xstrdup(r->etag) : NULL;
    j->last_modified = r->last_modified ? xstrdup(r->last_modified) : NULL;
    j->interval_s = r->interval_s;
    j->failures = r->failures;
    j->untitled = !r->title || !*r->title;
    return 0;
}

/* Gives back the sources this run leased (store_sources_lease) and still
 * holds (those not finalized). */
static void release_sources(run *u)
{
    int64_t *ids = xmalloc((u->n ? u->n : 1) * sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++)
        if (!u->srcs[i]->finalized)
            ids[n++] = u->srcs[i]->id;
    if (store_sources_release(u->s, ids, n) < 0)
        cli_error("update", "%s", store_error(u->s));
    free(ids);
}

/* Moves on the leases of the sources this run still holds. */
static void renew_leases(run *u)
{
    u->renewed_ms = mono_ms();
    int64_t *ids = xmalloc((u->n ? u->n : 1) * sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++)
        if (!u->srcs[i]->finalized)
            ids[n++] = u->srcs[i]->id;
    char until[32];
    now_text(until, u->lease_s);
    if (store_sources_renew(u->s, ids, n, until) < 0)
        cli_error("update", "renewing the leases: %s", store_error(u->s));
    free(ids);
}

static void src_free(src_job *j)
{
    free(j->url);
    free(j->etag);
    free(j->last_modified);
    free(j->error);
    free(j->new_etag);
    free(j->new_lm);
}

static void page_free(page_job *p)
{
    free(p->link);
    free(p->title);
    free(p->author);
    free(p->published);
    free(p->teaser);
    free(p->outlet);
    free(p->feed_url);
    free(p);
}

static void set_error(src_job *j, const char *msg)
{
    if (j->error)
        return; /* the first error tells */
    j->error = xstrdup(msg);
    str_squeeze(j->error);
    if (strlen(j->error) > 300)
        strcpy(j->error + 297, "...");
    j->outcome = OUT_FAILED;
}

/* Stores one document; counts it on its source. */
static void store_doc(run *u, src_job *j, const ingest_doc *d)
{
    ingest_stats st = {0};
    char why[512];
    if (ingest_document(u->s, d, &st, why, sizeof why) < 0) {
        if (str_starts(why, "store:")) {
            u->store_failed = 1;
            set_error(j, why);
        }
        return;
    }
    j->added += st.added;
    j->updated += st.updated;
    j->events += st.events;
}

/* ---- progress ---- */

static void progress(run *u, const src_job *j)
{
    if (u->tty) {
        int width = 30;
        if (j && j->outcome == OUT_FAILED) /* failures stay above the bar */
            fprintf(stderr, "\r\033[Kfailed  %s: %s\n", j->url, j->error ? j->error : "?");
        int done = u->n ? (int)(u->finished * width / u->n) : width;
        fprintf(stderr, "\r\033[K[");
        for (int i = 0; i < width; i++)
            fputc(i < done ? '#' : '.', stderr);
        fprintf(stderr, "] %zu/%zu sources, %lld new documents, %lld failed", u->finished, u->n,
                (long long)u->added, (long long)u->failed);
        if (u->finished == u->n)
            fputc('\n', stderr);
        fflush(stderr);
        return;
    }
    char upd[64] = "";
    if (j->updated > 0)
        snprintf(upd, sizeof upd, ", %lld updated", (long long)j->updated);
    if (j->outcome == OUT_FAILED)
        fprintf(stderr, "failed     %s: %s\n", j->url, j->error ? j->error : "?");
    else if (j->outcome == OUT_UNCHANGED)
        fprintf(stderr, "unchanged  %s\n", j->url);
    else if (j->deferred > 0)
        fprintf(stderr, "fetched    %s: %lld new document%s of %lld%s, %lld entr%s left for the next run"
                " (pages past %d a run, or failed for now) (%.1f s)\n", j->url, (long long)j->added,
                j->added == 1 ? "" : "s", (long long)j->entries, upd, (long long)j->deferred,
                j->deferred == 1 ? "y" : "ies", MAX_PAGES_PER_FEED, j->seconds);
    else
        fprintf(stderr, "fetched    %s: %lld new document%s of %lld%s (%.1f s)\n", j->url,
                (long long)j->added, j->added == 1 ? "" : "s", (long long)j->entries, upd, j->seconds);
}

/* Records a source's state once its fetch and its pages are done. */
static void finalize(run *u, src_job *j)
{
    if (j->finalized || !j->fetched || j->pages_left > 0)
        return;
    j->finalized = 1;
    u->finished++;
    char now[32], next[32];
    now_text(now, 0);
    /* recorded and given back in one statement: not due now, another run
     * does not take it (nor one of --all: it was fetched since its start) */
    source_state st = {.failures = -1, .end_lease = 1, .done_ms = wall_ms()};
    if (j->outcome == OUT_FAILED) {
        int64_t failures = j->failures + 1;
        int64_t wait = poll_failure_delay(failures);
        int64_t t = (int64_t)time(NULL);
        if (j->retry_at > t + wait)
            wait = j->retry_at - t;
        now_text(next, wait);
        st.last_error = j->error;
        st.last_error_at = now;
        st.next_try = next;
        st.failures = failures;
        u->failed++;
    } else {
        int64_t interval = poll_next_interval(j->interval_s, j->added, j->gap_s);
        if (j->deferred > 0) {
            /* entries wait: tried again soon, with the old validators (an
             * unchanged feed would answer 304 and they would wait for ever) */
            now_text(next, POLL_MIN_S);
        } else {
            st.etag = j->new_etag;
            st.last_modified = j->new_lm;
            now_text(next, interval);
        }
        st.last_success = now;
        st.next_try = next;
        st.interval_s = interval;
        st.failures = 0;
        st.clear_error = 1;
        if (j->outcome == OUT_UNCHANGED)
            u->unchanged++;
    }
    u->added += j->added;
    u->updated += j->updated;
    u->events += j->events;
    if (store_source_update(u->s, j->id, &st) < 0) {
        cli_error("update", "%s: recording its state: %s", j->url, store_error(u->s));
        u->store_failed = 1;
    }
    progress(u, j);
}

/* ---- feeds ---- */

static int is_http(const char *url)
{
    return url && (str_istarts(url, "http://") || str_istarts(url, "https://"));
}

/* True when both URLs are on the same scheme, host and port: a feed's
 * links elsewhere may not lead to loopback or private addresses (the user
 * chose the feed's host, not the hosts its content names). */
static int same_origin(const char *a, const char *b)
{
    char *oa, *pa, *ob, *pb;
    if (fetch_split_url(a, &oa, &pa) < 0)
        return 0;
    int same = 0;
    if (fetch_split_url(b, &ob, &pb) == 0) {
        same = strcmp(oa, ob) == 0;
        free(ob);
        free(pb);
    }
    free(oa);
    free(pa);
    return same;
}

/* The id of a stored document carried by this link: the link (or its
 * canonical form) is a stored document's URL, its canonical URL or one of
 * the URLs it was carried by (a page whose canonical URL differs from the
 * feed's link is known by the link too); 0 when none, -1 when the store
 * failed. */
static int64_t known_link(run *u, const char *link)
{
    int64_t k = store_doc_url_known(u->s, link);
    char *canon = k == 0 ? dedup_canonical_url(link) : NULL;
    if (canon && strcmp(canon, link) != 0)
        k = store_doc_url_known(u->s, canon);
    free(canon);
    return k;
}

typedef struct entry_check {
    int64_t source_id;
    const char *title;
    int changed;
} entry_check;

static int entry_check_cb(const doc_rec *d, void *ctx)
{
    entry_check *c = ctx;
    c->changed = d->source_id == c->source_id && d->title && strcmp(d->title, c->title) != 0;
    return 0;
}

/* True when the feed says that the stored page of its entry changed: the
 * document was stored from this feed under the entry's headline, and the
 * headline is another now ("raises $77 million" become "raises $97
 * million"). A feed that changes only its dates costs no page requests;
 * one whose copy of a story has a headline of its own (another feed's)
 * does not make the page be fetched at every run. */
static int entry_changed(run *u, const src_job *j, int64_t doc, const char *title)
{
    if (!title || !*title)
        return 0;
    entry_check c = {.source_id = j->id, .title = title};
    if (store_doc_get(u->s, doc, entry_check_cb, &c) < 0)
        return -1;
    return c.changed;
}

/* One feed read as a stream (as ingest reads feeds): each entry is handled
 * as soon as it is complete and then freed, so a feed of any number of
 * entries is read whole (the whole-document parse keeps at most 4,096). */
typedef struct feed_ctx {
    run *u;
    src_job *j;
    feed_t *feed;
    int64_t *dates;
    size_t nd, capd;
} feed_ctx;

static void feed_entry_cb(void *user, const feed_entry *e)
{
    feed_ctx *fc = user;
    run *u = fc->u;
    src_job *j = fc->j;
    if (feed_truncated(fc->feed))
        return; /* the entry the body broke off in: its text is cut short */
    j->entries++;
    if (u->store_failed)
        return;
    feed_item_view it;
    feed_entry_view(e, &it);
    /* titles, outlets and authors become text in ingest_document */
    int64_t t;
    if (it.published && date_parse(it.published, &t) == 0) {
        if (fc->nd == fc->capd) {
            fc->capd = fc->capd ? fc->capd * 2 : 64;
            fc->dates = xrealloc(fc->dates, fc->capd * sizeof *fc->dates);
        }
        fc->dates[fc->nd++] = t;
    }
    const char *outlet = feed_title(fc->feed);
    if (outlet && !*outlet)
        outlet = NULL;
    const char *html = it.content ? it.content : it.summary;
    char *text = html ? html_to_text(html, strlen(html)) : xstrdup("");
    const char *link = it.link ? it.link : it.id;
    if (extract_is_teaser(text) && is_http(link)) {
        /* A teaser: its page is fetched, unless a stored document was
         * carried by this link already (and the feed gives it the headline
         * it was stored under), or this run has asked for its
         * share of pages from this feed: then the entry waits for the next
         * run (stored as its teaser, it would never be fetched again). */
        int64_t k = known_link(u, link);
        if (k > 0) {
            int ch = entry_changed(u, j, k, it.title);
            if (ch != 0)
                k = ch < 0 ? -1 : 0; /* changed: its page is fetched again */
        }
        if (k < 0) {
            u->store_failed = 1;
            char msg[600];
            snprintf(msg, sizeof msg, "store: %s", store_error(u->s));
            set_error(j, msg);
        } else if (k > 0) {
            j->known++;
        } else if (j->pages_asked >= MAX_PAGES_PER_FEED) {
            j->deferred++;
        } else {
            page_job *p = xcalloc(1, sizeof *p);
            p->kind = JOB_PAGE;
            p->src = j;
            p->link = xstrdup(link);
            p->title = it.title ? xstrdup(it.title) : NULL;
            p->author = it.author ? xstrdup(it.author) : NULL;
            p->published = it.published ? xstrdup(it.published) : NULL;
            p->outlet = outlet ? xstrdup(outlet) : NULL;
            p->feed_url = xstrdup(j->url);
            p->teaser = text;
            text = NULL;
            j->pages_left++;
            j->pages_asked++;
            fetch_add_flags(u->f, link, NULL, NULL, same_origin(j->url, link) ? 0 : FETCH_PUBLIC_ONLY, p);
        }
        free(text);
        return;
    }
    ingest_doc d = {
        .url = link, .title = it.title, .author = it.author, .outlet = outlet,
        .published = it.published, .text = text, .origin = j->url, .source_id = j->id,
        .html_names = 1,
    };
    store_doc(u, j, &d);
    free(text);
}

static void ingest_feed_body(run *u, src_job *j, const fetch_result *r)
{
    feed_ctx fc = {.u = u, .j = j};
    feed_t *feed = feed_stream_new(r->final_url, r->content_type, feed_entry_cb, &fc);
    feed_stream_repair_utf8(feed); /* damaged characters as U+FFFD, not a Latin-1 feed */
    fc.feed = feed;
    feed_stream_push(feed, r->body, r->len);
    feed_stream_end(feed);
    if (j->entries == 0 && feed_bozo(feed) && (!feed_truncated(feed) || feed_broken_before_end(feed))) {
        char msg[400];
        snprintf(msg, sizeof msg, "broken feed: %s",
                 feed_bozo_reason(feed) ? feed_bozo_reason(feed) : "unreadable");
        set_error(j, msg);
    } else if (feed_truncated(feed)) {
        /* a body cut short: what came whole is taken, and it is said (the
         * old validators stay, so the next run asks for the feed again) */
        char msg[200];
        if (j->entries == 0)
            snprintf(msg, sizeof msg, "the feed breaks off before its end: no whole entry was read");
        else
            snprintf(msg, sizeof msg, "the feed breaks off before its end: its %lld whole entr%s read, "
                     "anything after %s was lost", (long long)j->entries,
                     j->entries == 1 ? "y was" : "ies were", j->entries == 1 ? "it" : "them");
        set_error(j, msg);
    }
    char *outlet = text_title(feed_title(feed)); /* the source's title is text too */
    if (j->untitled && outlet && *outlet && store_source_put(u->s, j->url, outlet, NULL, NULL) < 0)
        cli_error("update", "%s: recording its title: %s", j->url, store_error(u->s));
    free(outlet);
    j->gap_s = poll_median_gap(fc.dates, fc.nd);
    free(fc.dates);
    feed_free(feed);
}

/* An article page fetched for a teaser: the page's text when it has more,
 * else the teaser. A page that failed for a passing reason (time-out,
 * network, 5xx, 429) is not stored as its teaser: stored, its link would
 * be known and the page never fetched; the entry waits for the next run
 * instead, as entries past the page cap do. */
static void page_done(run *u, page_job *p, const fetch_result *r)
{
    src_job *j = p->src;
    if (r->status == FETCH_TIMEOUT || r->status == FETCH_NETWORK ||
        (r->status == FETCH_HTTP_ERROR && (r->http_code >= 500 || r->http_code == 429))) {
        j->deferred++;
        j->pages_left--;
        page_free(p);
        finalize(u, j);
        return;
    }
    article_t a;
    memset(&a, 0, sizeof a);
    int html = !r->content_type || str_icasestr(r->content_type, strlen(r->content_type), "html") ||
               str_icasestr(r->content_type, strlen(r->content_type), "xml");
    int have = r->status == FETCH_OK && html &&
               extract_article(r->body, r->len, r->final_url, r->content_type, &a) == 0 &&
               a.text && strlen(a.text) > strlen(p->teaser);
    if (!u->store_failed) {
        ingest_doc d = {
            .url = p->link, .title = p->title, .author = p->author, .outlet = p->outlet,
            .published = p->published, .text = p->teaser, .origin = p->feed_url,
            .source_id = j->id, .html_names = 1, /* the feed's (the page's are text already) */
        };
        if (have) {
            d.canonical_url = a.canonical_url;
            d.text = a.text;
            d.origin = r->final_url;
            d.language = a.lang;
            if (!d.title) d.title = a.title;
            if (!d.author) d.author = a.author;
            if (!d.published) d.published = a.published;
        }
        store_doc(u, j, &d);
    }
    article_free(&a);
    j->pages_left--;
    page_free(p);
    finalize(u, j);
}

static void source_done(run *u, src_job *j, const fetch_result *r)
{
    j->fetched = 1;
    j->seconds = r->seconds;
    j->retry_at = r->retry_at;
    if (r->status == FETCH_NOT_MODIFIED) {
        j->outcome = OUT_UNCHANGED;
    } else if (r->status != FETCH_OK) {
        set_error(j, r->error ? r->error : "failed");
    } else {
        j->outcome = OUT_OK;
        if (r->etag)
            j->new_etag = xstrdup(r->etag);
        if (r->last_modified)
            j->new_lm = xstrdup(r->last_modified);
        if (r->len == 0) {
            set_error(j, "empty response");
        } else if (feed_sniff(r->body, r->len)) {
            ingest_feed_body(u, j, r);
        } else {
            ingest_stats st = {0};
            char why[512];
            if (ingest_bytes(u->s, r->body, r->len, r->final_url, j->url, r->content_type, j->id,
                             &st, why, sizeof why) < 0) {
                if (str_starts(why, "store:"))
                    u->store_failed = 1;
                set_error(j, why);
            }
            j->entries = st.added + st.updated + st.skipped;
            j->added += st.added;
            j->updated += st.updated;
            j->events += st.events;
        }
        if (j->outcome == OUT_FAILED || u->store_failed) {
            /* keep the old validators: what was not stored is asked again */
            free(j->new_etag);
            free(j->new_lm);
            j->new_etag = j->new_lm = NULL;
        }
    }
    finalize(u, j);
}

static void on_done(void *user, const fetch_result *r, void *req)
{
    run *u = user;
    if (*(int *)req == JOB_PAGE)
        page_done(u, req, r);
    else
        source_done(u, req, r);
}

/* ---- the command ---- */

static int parse_num(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* robots.txt kept in the store between runs (fetch_opts.robots_get/put) */
static int robots_get(void *user, const char *origin, int *status, char **body, size_t *len)
{
    run *u = user;
    char now[32];
    now_text(now, 0);
    return store_robots_get(u->s, origin, now, status, body, len);
}

static void robots_put(void *user, const char *origin, int status, const char *body, size_t len, long ttl_s)
{
    run *u = user;
    char now[32], until[32];
    now_text(now, 0);
    now_text(until, ttl_s);
    if (store_robots_put(u->s, origin, status, body, len, now, until) < 0)
        cli_error("update", "%s", store_error(u->s)); /* asked again next run: not a failure */
}

/* Per-host politeness across update runs: the host's next request slot
 * claimed in the store (fetch_opts.host_claim). */
static int64_t host_claim(void *user, const char *origin, long delay_ms)
{
    run *u = user;
    int64_t w = store_host_claim(u->s, origin, delay_ms);
    if (w < 0 && !u->claim_failed) {
        u->claim_failed = 1; /* said once; the requests go on with this run's own spacing */
        cli_error("update", "claiming a request to %s: %s", origin, store_error(u->s));
    }
    return w;
}

/* Per-host connections across update runs (fetch_opts.host_take): a
 * slot of the host taken in the store. A failure is said once; the
 * requests go on with this run's own cap. */
static int64_t host_take(void *user, const char *origin, int max, long hold_ms)
{
    run *u = user;
    int64_t id = store_host_take(u->s, origin, max, hold_ms);
    if (id < 0 && *store_error(u->s) && !u->claim_failed) {
        u->claim_failed = 1;
        cli_error("update", "taking a connection to %s: %s", origin, store_error(u->s));
    }
    return id;
}

static void host_give(void *user, int64_t slot)
{
    run *u = user;
    if (store_host_give(u->s, slot) < 0 && !u->claim_failed) {
        u->claim_failed = 1;
        cli_error("update", "giving back a connection: %s", store_error(u->s));
    }
}

/* Leases up to want more due sources and queues them; how many came, -1
 * on a store failure. */
static int64_t lease_more(run *u, int64_t want)
{
    char now[32], until[32];
    now_text(now, 0);
    now_text(until, u->lease_s);
    size_t before = u->n;
    if ((u->all ? store_sources_lease_all(u->s, u->start_ms, now, until, u->tracker, want, collect_source, u)
                : store_sources_lease(u->s, u->due, now, until, u->tracker, want, collect_source, u)) < 0) {
        cli_error("update", "%s", store_error(u->s));
        u->store_failed = 1;
        return -1;
    }
    for (size_t i = before; u->f && i < u->n; i++)
        fetch_add(u->f, u->srcs[i]->url, u->srcs[i]->etag, u->srcs[i]->last_modified, u->srcs[i]);
    return (int64_t)(u->n - before);
}

/* The fetcher has idle slots (fetch_opts.more): the next chunk of due
 * sources, while this run holds fewer than its cap; the leases renewed. */
static void more_work(void *user, int idle)
{
    run *u = user;
    int64_t t = mono_ms();
    if (t - u->renewed_ms >= u->lease_s * 1000 / 3)
        renew_leases(u);
    if (u->store_failed || idle <= 0)
        return;
    int64_t inflight = (int64_t)(u->n - u->finished);
    if (inflight >= u->cap_inflight || (inflight > 0 && t < u->lease_again_ms))
        return;
    int64_t want = u->cap_inflight - inflight < u->chunk ? u->cap_inflight - inflight : u->chunk;
    int64_t got = lease_more(u, want);
    if (got >= 0 && got < want)
        u->lease_again_ms = t + 2000; /* none left, or others hold them */
}

int cmd_update(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"tracker", required_argument, 0, 't'},
        {"all", no_argument, 0, 'a'},
        {"jobs", required_argument, 0, 'j'},
        {"timeout", required_argument, 0, 'T'},
        {"delay", required_argument, 0, 'd'},
        {"lease", required_argument, 0, 'L'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *tracker = NULL;
    int all = 0, c;
    long jobs = 8, timeout = 20, delay = 1000, lease = UPDATE_LEASE_S;
    while ((c = getopt_long(argc, argv, "t:aj:T:d:L:h", opts, NULL)) != -1) {
        switch (c) {
        case 't': tracker = optarg; break;
        case 'a': all = 1; break;
        case 'j':
            if (parse_num(optarg, 1, 64, &jobs) < 0)
                return cli_usage_error("update", "--jobs wants a number from 1 to 64");
            break;
        case 'T':
            if (parse_num(optarg, 1, 3600, &timeout) < 0)
                return cli_usage_error("update", "--timeout wants seconds from 1 to 3600");
            break;
        case 'd':
            if (parse_num(optarg, 0, 60000, &delay) < 0)
                return cli_usage_error("update", "--delay wants milliseconds from 0 to 60000");
            break;
        case 'L':
            if (parse_num(optarg, 1, 86400, &lease) < 0)
                return cli_usage_error("update", "--lease wants seconds from 1 to 86400");
            break;
        case 'h':
            printf("usage: mtrack [--db PATH] update [--tracker NAME] [--all] [--jobs N]\n"
                   "                                [--timeout S] [--delay MS] [--lease S]\n\n"
                   "Fetches every source that is due (its next try has come) over HTTP(S),\n"
                   "several at once, and ingests what is new: feeds entry by entry, read as a\n"
                   "stream (any number of entries), pages as articles. An entry that carries\n"
                   "only a teaser gets its article page fetched and extracted, unless a\n"
                   "stored document was carried by its link already (as its URL, canonical\n"
                   "URL or any URL it was seen at) and the feed still gives it the headline\n"
                   "it was stored under (a new headline fetches the page again); at most 200\n"
                   "pages per feed and run, the entries past that wait for the next run. Each\n"
                   "document is stored with its events in one transaction; copies of stored\n"
                   "documents are skipped; a changed text at a stored document's URL is its\n"
                   "update (the document replaced, its events derived again, each change kept\n"
                   "in the event's history).\n\n"
                   "Fetching is polite: conditional requests (ETag, Last-Modified), robots.txt\n"
                   "honoured for 'mtrack' (kept in the store for its Cache-Control max-age, at\n"
                   "most and by default a day: runs in between do not ask again), at most 2\n"
                   "requests at once per host and one start per --delay (across every update\n"
                   "run on the store: each host's connections and next request time are kept\n"
                   "in it), Retry-After\n"
                   "honoured,\n"
                   "transient failures retried with back-off,\n"
                   "a body over 20 MiB is a failure of its source (nothing of it is stored).\n"
                   "Each source's polling interval follows how often it\n"
                   "publishes (15 min to 24 h); failures are retried later with back-off.\n"
                   "'mtrack sources list' shows each source's state.\n\n"
                   "Several update runs on one store (processes on one machine, or machines\n"
                   "on one PostgreSQL database) share the work: each leases the due sources a\n"
                   "few at a time (twice --jobs, as its transfers free up) until none is left,\n"
                   "and gives each back as it is done; no source is fetched twice in its\n"
                   "interval. A run that dies leaves the sources it held to later runs once\n"
                   "their lease ends (--lease, renewed while the run works).\n\n"
                   "  --tracker NAME  only the sources of this tracker\n"
                   "  --all           every source, due or not, but those another run fetched\n"
                   "                  since this one began: runs of --all at once share the\n"
                   "                  sources as the due ones are shared\n"
                   "  --jobs N        transfers at once (default 8)\n"
                   "  --timeout S     time allowed for one transfer (default 20)\n"
                   "  --delay MS      time between two requests to one host (default 1000)\n"
                   "  --lease S       how long a run holds the sources it took should it die\n"
                   "                  (default 300, renewed every third of it)\n\n"
                   "Exit status: 0 when every source was fetched or unchanged, 1 when any\n"
                   "failed.\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("update", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("update", "unexpected argument '%s'", argv[optind]);
    char why[512];
    char shown[512];
    store_t *s = store_open(ctx->db_path, why, sizeof why);
    if (!s) {
        cli_error("update", "%s: %s", store_path_shown(ctx->db_path, shown, sizeof shown), why);
        return EXIT_FAIL;
    }
    if (tracker) {
        char *cfg = store_tracker_config(s, tracker);
        if (!cfg) {
            if (*store_error(s))
                cli_error("update", "%s", store_error(s));
            else
                cli_error("update", "%s: no such tracker", tracker);
            store_close(s);
            return EXIT_FAIL;
        }
        free(cfg);
    }
    signal(SIGPIPE, SIG_IGN); /* a server that hangs up is an error, not a reason to die */
    run u = {.s = s, .tty = isatty(fileno(stderr)), .tracker = tracker, .all = all, .lease_s = lease,
             .chunk = 2 * jobs, .cap_inflight = 8 * jobs};
    /* the sources due when the run starts (those it records come due
     * later: none is taken twice), leased to this run a chunk at a time
     * (other update runs on the store skip them) until each is done, or for
     * the lease when it dies */
    now_text(u.due, 0);
    u.start_ms = wall_ms();
    u.renewed_ms = mono_ms();
    if (lease_more(&u, u.chunk) < 0) {
        store_close(s);
        return EXIT_FAIL;
    }
    if (u.n == 0) {
        char now[32];
        now_text(now, 0);
        int64_t held = 0;
        if (store_sources_leased(s, all ? "9999-12-31T23:59:59Z" : u.due, now, tracker, &held) < 0) {
            cli_error("update", "%s", store_error(s));
            store_close(s);
            return EXIT_FAIL;
        }
        if (held > 0)
            printf("nothing to fetch: %lld due source%s being fetched by other update runs\n", (long long)held,
                   held == 1 ? " is" : "s are");
        else
            printf("nothing to fetch: no source is due%s\n", all ? "" : " (--all fetches them anyway)");
        store_close(s);
        return EXIT_DONE;
    }
    fetch_opts fo = {
        .timeout_s = timeout, .max_active = (int)jobs,
        .host_delay_ms = delay == 0 ? -1 : delay,
        .robots_get = robots_get, .robots_put = robots_put, .robots_user = &u,
        .host_claim = host_claim, .host_take = host_take, .host_give = host_give, .host_user = &u,
        .more = more_work, .more_user = &u,
    };
    u.f = fetch_new(&fo, on_done, &u);
    if (!u.f) {
        cli_error("update", "cannot start libcurl");
        release_sources(&u);
        store_close(s);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < u.n; i++)
        fetch_add(u.f, u.srcs[i]->url, u.srcs[i]->etag, u.srcs[i]->last_modified, u.srcs[i]);
    if (u.tty)
        progress(&u, NULL);
    int frc = fetch_run(u.f);
    fetch_free(u.f);
    if (frc < 0)
        cli_error("update", "the transfer engine failed");
    printf("fetched %zu source%s (%lld unchanged, %lld failed): %lld new document%s, ",
           u.n, u.n == 1 ? "" : "s", (long long)u.unchanged, (long long)u.failed,
           (long long)u.added, u.added == 1 ? "" : "s");
    if (u.updated)
        printf("%lld updated, ", (long long)u.updated);
    printf("%lld event%s\n", (long long)u.events, u.events == 1 ? "" : "s");
    release_sources(&u);
    for (size_t i = 0; i < u.n; i++) {
        src_free(u.srcs[i]);
        free(u.srcs[i]);
    }
    free(u.srcs);
    if (u.added > 0 || u.updated > 0)
        report_keep_themes_all(s); /* the reports' themes of what changed */
    store_close(s);
    return u.failed || u.store_failed || frc < 0 ? EXIT_FAIL : EXIT_DONE;
}
