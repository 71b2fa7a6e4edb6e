/* cmd_reanalyze: runs the analysis again over the stored documents, without
 * fetching them, so that the store gets better with the analyser.
 *
 * Each document is one transaction: its mentions are forgotten, its stored
 * headline and text go through the same path as at ingest
 * (ingest_record_events: analyse, then merge each event with
 * store_event_record), and the store settles what changed
 * (store_redo_begin/end: an event only this document reported keeps its id
 * and first-seen date when the new analysis still finds it, even with other
 * figures; one it no longer finds is removed). A kill leaves every document
 * either done or untouched, and running again finishes the job. A document
 * whose events come out the same (store_doc_event_prints before and after:
 * every column of their rows and of all their mentions) is rolled back
 * instead of committed: nothing is written, no trigger fires, the data's
 * generation stays and a server keeps its caches (issue 15). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "publish/report.h"
#include "cli/cli.h"
#include "publish/scope.h"
#include "sources/ingest.h"
#include "sources/tracker.h"
#include "store/store.h"
#include "util/date.h"
#include "util/str.h"

typedef struct run {
    store_t *s;
    const tracker_def *t; /* NULL: no tracker filter */
    int64_t *seen;        /* events the documents report now */
    size_t n_seen, cap_seen;
    int64_t done, total;  /* documents */
    int skipped;          /* the last document was not the tracker's */
    int same;             /* its analysis changed none of its events */
    int64_t same_docs;    /* documents whose events stayed the same */
    char why[512];
    int tty;
    int bar_open;         /* the bar is on the terminal's last line */
    double last_draw;
} run;

/* SIGINT or SIGTERM: stop after the document in hand. */
static volatile sig_atomic_t stop_asked;

static void on_stop(int sig)
{
    (void)sig;
    stop_asked = 1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void draw(run *u, int last)
{
    double t = now_s();
    if (!last && t - u->last_draw < 0.1)
        return;
    u->last_draw = t;
    int width = 30;
    int filled = u->total ? (int)(u->done * width / u->total) : width;
    fprintf(stderr, "\r\033[K[");
    for (int i = 0; i < width; i++)
        fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %lld/%lld documents, %zu events", (long long)u->done, (long long)u->total,
            u->n_seen);
    if (last)
        fputc('\n', stderr);
    u->bar_open = !last;
    fflush(stderr);
}

/* Ends the bar's line so that a message can follow. */
static void bar_close(run *u)
{
    if (u->bar_open)
        fputc('\n', stderr);
    u->bar_open = 0;
}

static int redo_doc(const doc_rec *d, void *ctx)
{
    run *u = ctx;
    /* the tracker's documents (publish/scope.h) */
    if (u->t && !scope_doc_in(u->t, d->title, d->text, d->outlet)) {
        u->skipped = 1;
        return 0;
    }
    store_redo r = {0};
    int rc = -1;
    int64_t *was_ids = NULL, *now_ids = NULL;
    uint64_t *was_p = NULL, *now_p = NULL;
    size_t n_was = 0, n_now = 0;
    if (store_doc_event_prints(u->s, d->id, &was_ids, &was_p, &n_was) < 0) {
        snprintf(u->why, sizeof u->why, "store: %s", store_error(u->s));
    } else if (store_redo_begin(u->s, d->id, &r) < 0) {
        snprintf(u->why, sizeof u->why, "store: %s", store_error(u->s));
    } else if (ingest_record_events(u->s, d->id, d->title, d->text, d->published, NULL, u->why,
                                    sizeof u->why) == 0) {
        if (store_redo_end(u->s, &r) < 0 ||
            store_doc_event_prints(u->s, d->id, &now_ids, &now_p, &n_now) < 0) {
            snprintf(u->why, sizeof u->why, "store: %s", store_error(u->s));
        } else {
            /* the same events with the same rows and mentions: nothing the
             * server shows changed, and the caller rolls the document's
             * transaction back, so that no write reaches the store (its
             * generation and the served caches stay) */
            u->same = n_was == n_now &&
                      (!n_was || (memcmp(was_ids, now_ids, n_was * sizeof *was_ids) == 0 &&
                                  memcmp(was_p, now_p, n_was * sizeof *was_p) == 0));
            for (size_t i = 0; i < r.n_after; i++) {
                if (u->n_seen == u->cap_seen) {
                    u->cap_seen = u->cap_seen ? u->cap_seen * 2 : 256;
                    u->seen = xrealloc(u->seen, u->cap_seen * sizeof *u->seen);
                }
                u->seen[u->n_seen++] = r.after[i];
            }
            rc = 0;
        }
    }
    store_redo_free(&r);
    free(was_ids);
    free(was_p);
    free(now_ids);
    free(now_p);
    return rc;
}

static int id_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts and drops repeats; returns the new count. */
static size_t uniq(int64_t *v, size_t n)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, id_cmp);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

int cmd_reanalyze(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"tracker", required_argument, 0, 't'},
        {"since", required_argument, 0, 's'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *tracker = NULL;
    char since[32] = "";
    int c;
    while ((c = getopt_long(argc, argv, "t:s:h", opts, NULL)) != -1) {
        int64_t t;
        switch (c) {
        case 't': tracker = optarg; break;
        case 's':
            if (date_parse(optarg, &t) < 0)
                return cli_usage_error("reanalyze", "--since: '%s' is not a date (YYYY-MM-DD)", optarg);
            date_format_rfc3339(t, since);
            break;
        case 'h':
            printf("usage: mtrack [--db PATH] reanalyze [--tracker NAME] [--since DATE]\n\n"
                   "Runs the event analysis again over the stored documents, without fetching\n"
                   "them, after the analyser improved. Events are derived from each document's\n"
                   "stored headline and text and merged as at ingest; each mention keeps its\n"
                   "document and sentence. An event that no document reports any more is\n"
                   "removed; one that is still found keeps its id and first-seen date (the\n"
                   "date of its earliest document, never the day of the run), so the report's\n"
                   "'What's new' and the alerts already delivered stay as they were.\n\n"
                   "One transaction per document: killed at any moment, every document is\n"
                   "either done or untouched; running it again finishes the job. Only what\n"
                   "changed is written: a document whose events come out the same (fields and\n"
                   "mentions) is not, so a running server keeps its cached answers.\n\n"
                   "  --tracker NAME  only the documents of this tracker: those its filter lets\n"
                   "                  in, carried by its sources or by sources no tracker\n"
                   "                  follows (local files)\n"
                   "  --since DATE    only documents published (else stored) on or after DATE\n\n"
                   "A progress bar on standard error when it is a terminal; then one line:\n"
                   "reanalyzed N documents: E events (+A new, -R removed, C changed).\n"
                   "SIGINT or SIGTERM stops it after the document in hand (exit 1).\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("reanalyze", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("reanalyze", "unexpected argument '%s'", argv[optind]);
    if (!cli_store_exists(ctx))
        return EXIT_FAIL;

    char why[512];
    char shown[512];
    store_t *s = store_open(ctx->db_path, why, sizeof why);
    if (!s) {
        cli_error("reanalyze", "%s: %s", store_path_shown(ctx->db_path, shown, sizeof shown), why);
        return EXIT_FAIL;
    }
    tracker_def t;
    int have_t = 0;
    if (tracker) {
        if (tracker_load(s, tracker, &t, why, sizeof why) != 0) {
            cli_error("reanalyze", "%s", why);
            store_close(s);
            return EXIT_FAIL;
        }
        have_t = 1;
    }
    run u = {.s = s, .t = have_t ? &t : NULL, .tty = isatty(fileno(stderr))};
    int64_t *ids = NULL, *before_ids = NULL, *after_ids = NULL;
    uint64_t *before_p = NULL, *after_p = NULL;
    size_t n_ids = 0, n_before = 0, n_after = 0;
    int rc = EXIT_FAIL;
    if (store_event_prints(s, &before_ids, &before_p, &n_before) < 0 ||
        store_doc_ids(s, *since ? since : NULL, tracker, &ids, &n_ids) < 0) {
        cli_error("reanalyze", "store: %s", store_error(s));
        goto out;
    }
    u.total = (int64_t)n_ids;
    int64_t reanalyzed = 0;
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    if (u.tty)
        draw(&u, n_ids == 0);
    for (size_t i = 0; i < n_ids && !stop_asked; i++) {
        u.skipped = 0;
        u.same = 0;
        u.why[0] = '\0';
        if (store_begin(s) < 0) {
            bar_close(&u);
            cli_error("reanalyze", "store: %s", store_error(s));
            goto out;
        }
        if (store_doc_get(s, ids[i], redo_doc, &u) < 0 ||
            (!u.skipped && !u.same && store_commit(s) < 0)) {
            bar_close(&u);
            cli_error("reanalyze", "document %lld: %s", (long long)ids[i],
                      u.why[0] ? u.why : store_error(s));
            store_rollback(s);
            goto out;
        }
        if (u.skipped || u.same)
            store_rollback(s);
        if (!u.skipped)
            reanalyzed++;
        u.same_docs += u.same;
        u.done++;
        if (u.n_seen > (1u << 16))
            u.n_seen = uniq(u.seen, u.n_seen);
        if (u.tty)
            draw(&u, u.done == u.total);
    }
    u.n_seen = uniq(u.seen, u.n_seen);
    bar_close(&u);
    if (store_event_prints(s, &after_ids, &after_p, &n_after) < 0) {
        cli_error("reanalyze", "store: %s", store_error(s));
        goto out;
    }
    /* What the run did, from the events before and after (both in id order). */
    int64_t added = 0, removed = 0, changed = 0;
    size_t a = 0, b = 0;
    while (a < n_before || b < n_after) {
        if (b == n_after || (a < n_before && before_ids[a] < after_ids[b])) {
            removed++;
            a++;
        } else if (a == n_before || after_ids[b] < before_ids[a]) {
            added++;
            b++;
        } else {
            changed += before_p[a] != after_p[b];
            a++;
            b++;
        }
    }
    printf("reanalyzed %lld document%s: %zu event%s (+%lld new, -%lld removed, %lld changed)\n",
           (long long)reanalyzed, reanalyzed == 1 ? "" : "s", u.n_seen, u.n_seen == 1 ? "" : "s",
           (long long)added, (long long)removed, (long long)changed);
    if (u.done < u.total) {
        fflush(stdout);
        cli_error("reanalyze", "interrupted after %lld of %lld documents; run it again to finish",
                  (long long)u.done, (long long)u.total);
        goto out;
    }
    /* the removed events' tombstones but the newest (store.h) */
    if (store_begin(s) < 0 || store_event_seq_prune(s, STORE_SEQ_KEEP) < 0 || store_commit(s) < 0) {
        cli_error("reanalyze", "store: %s", store_error(s));
        store_rollback(s);
        goto out;
    }
    rc = EXIT_DONE;
    report_keep_themes_all(s); /* the reports' themes of the events as they are now */
out:
    free(ids);
    free(before_ids);
    free(before_p);
    free(after_ids);
    free(after_p);
    free(u.seen);
    if (have_t)
        tracker_free(&t);
    store_close(s);
    return rc;
}
