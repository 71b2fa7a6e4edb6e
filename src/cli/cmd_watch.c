/* cmd_watch: on a schedule, runs 'update' and delivers the trackers' alerts. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alert/alert.h"
#include "cli/cli.h"
#include "sources/tracker.h"
#include "store/store.h"
#include "util/input.h"
#include "util/str.h"

static volatile sig_atomic_t stop_flag;

static void on_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_line(const char *fmt, ...)
{
    char when[32];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mtrack: watch: %s ", when);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Runs this program's 'update' as a child; returns its exit status, or -1
 * when it could not run or was killed. The store goes to it in $MTRACK_DB,
 * not on its command line, which anyone on the machine may read (ps): a
 * PostgreSQL URL may hold a password. */
static int run_update(const cli_ctx *ctx, const char *tracker)
{
    char *args[8];
    int n = 0;
    args[n++] = "mtrack";
    args[n++] = "update";
    if (tracker) {
        args[n++] = "--tracker";
        args[n++] = (char *)tracker;
    }
    args[n] = NULL;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL); /* an ignored SIGPIPE would outlive exec */
        if (setenv("MTRACK_DB", ctx->db_path, 1) < 0)
            _exit(127);
        dup2(2, 1); /* update's report goes to the log, stdout carries alerts */
        execv("/proc/self/exe", args);
        _exit(127);
    }
    int status = 0, forwarded = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, 0);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (stop_flag && !forwarded) {
            kill(pid, SIGTERM);
            forwarded = 1;
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

typedef struct names {
    char **v;
    size_t n;
} names;

static int take_name(const char *name, const char *title, void *ctx)
{
    names *l = ctx;
    if (l->n >= 1000)
        return 0;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = xstrdup(name);
    return 0;
}

/* One cycle's alerts for every tracker (or the one named). Returns 0, or -1
 * when the store failed. */
static int run_alerts(const cli_ctx *ctx, const char *tracker, const char *secret, int backfill,
                      alert_stats *st)
{
    char why[512];
    char shown[512];
    store_t *s = store_open(ctx->db_path, why, sizeof why);
    if (!s) {
        cli_error("watch", "%s: %s", store_path_shown(ctx->db_path, shown, sizeof shown), why);
        return -1;
    }
    names l = {0};
    int rc = 0;
    if (tracker)
        take_name(tracker, NULL, &l);
    else if (store_trackers_each(s, take_name, &l) < 0) {
        cli_error("watch", "%s", store_error(s));
        rc = -1;
    }
    if (rc == 0 && l.n == 0)
        log_line("no trackers in the store (see 'mtrack init')");
    for (size_t i = 0; i < l.n && rc == 0 && !stop_flag; i++) {
        char *cfg = store_tracker_config(s, l.v[i]);
        if (!cfg) {
            if (*store_error(s))
                cli_error("watch", "%s", store_error(s));
            else
                cli_error("watch", "%s: no such tracker (see 'mtrack init --tracker FILE')",
                          l.v[i]);
            rc = -1;
            break;
        }
        tracker_def t;
        if (tracker_parse(cfg, &t, why, sizeof why) < 0) {
            cli_error("watch", "tracker %s: %s", l.v[i], why);
            free(cfg);
            continue;
        }
        free(cfg);
        if (alert_run(s, &t, secret, backfill, stdout, stderr, st) < 0)
            rc = -1;
        tracker_free(&t);
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    store_close(s);
    return rc;
}

int cmd_watch(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"every", required_argument, 0, 'e'},
        {"once", no_argument, 0, 'o'},
        {"tracker", required_argument, 0, 't'},
        {"no-update", no_argument, 0, 'n'},
        {"backfill", no_argument, 0, 'b'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    long every = 15 * 60;
    int once = 0, no_update = 0, backfill = 0, c;
    const char *tracker = NULL;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            if ((every = input_duration(optarg)) < 0)
                return cli_usage_error("watch", "--every wants a duration like 90s, 15m, 2h or 1d");
            break;
        case 'o': once = 1; break;
        case 't': tracker = optarg; break;
        case 'n': no_update = 1; break;
        case 'b': backfill = 1; break;
        case 'h':
            printf("usage: mtrack [--db PATH] watch [--every 15m] [--once] [--tracker NAME]\n"
                   "                               [--no-update] [--backfill]\n\n"
                   "Every cycle runs 'mtrack update' (fetching the sources; the store is\n"
                   "handed to it in $MTRACK_DB, never on its command line, where ps would\n"
                   "show a PostgreSQL password) and then checks\n"
                   "each tracker's [alert NAME] rules (type, theme, min_usd, org) against the\n"
                   "stored events. A rule alerts on the events stored after watch first saw\n"
                   "it (a new rule does not send the events already stored; --backfill sends\n"
                   "them too). Each alert (rule and event) is delivered at least once, even\n"
                   "across restarts: it is recorded as delivered only after its delivery\n"
                   "succeeded, so one cut short by a crash or a kill is sent again, and a\n"
                   "receiver drops a repeat by its tracker, alert and event_id. A delivery\n"
                   "that fails is tried again next cycle. deliver is:\n"
                   "  stdout          one JSON line per alert on standard output\n"
                   "  webhook URL     a JSON POST, signed with $MTRACK_WEBHOOK_SECRET in\n"
                   "                  X-Mtrack-Signature: sha256=<hex HMAC-SHA256 of the body>;\n"
                   "                  delivered when it answers 2xx\n"
                   "  command CMD     /bin/sh -c CMD with the alert JSON on standard input;\n"
                   "                  delivered when it exits 0\n\n"
                   "  --every D       time between cycles: 90s, 15m (default), 2h, 1d\n"
                   "  --once          run one cycle and exit\n"
                   "  --tracker NAME  only this tracker (default: every tracker)\n"
                   "  --no-update     only the alerts, no fetching\n"
                   "  --backfill      the rules alert on every stored event, also those stored\n"
                   "                  before them (from now on)\n\n"
                   "Log lines go to stderr. SIGINT or SIGTERM stop it between cycles.\n"
                   "Exit status: 0, or 1 when the store failed or (with --once) a delivery failed.\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("watch", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("watch", "unexpected argument '%s'", argv[optind]);
    if (!cli_store_exists(ctx))
        return EXIT_FAIL;
    const char *secret = getenv("MTRACK_WEBHOOK_SECRET");
    if (secret && !*secret)
        secret = NULL;

    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* A reader of stdout that went away is a failed delivery, not a crash. */
    signal(SIGPIPE, SIG_IGN);

    int rc = EXIT_DONE;
    while (!stop_flag) {
        if (!no_update) {
            log_line("running update");
            int u = run_update(ctx, tracker);
            if (u != 0)
                log_line("update failed (status %d); going on to the alerts", u);
            else
                log_line("update done");
        }
        if (stop_flag)
            break;
        alert_stats st = {0};
        int r = run_alerts(ctx, tracker, secret, backfill, &st);
        log_line("alerts: %lld matched, %lld delivered, %lld delivered before, %lld failed",
                 (long long)st.matched, (long long)st.delivered, (long long)st.already,
                 (long long)st.failed);
        if (st.older)
            log_line("%lld event%s stored before their rule not sent (--backfill sends them)",
                     (long long)st.older, st.older == 1 ? "" : "s");
        if (once) {
            rc = r < 0 || st.failed ? EXIT_FAIL : EXIT_DONE;
            break;
        }
        if (r < 0)
            rc = EXIT_FAIL;
        /* Sleep in short steps so a signal stops it promptly. */
        for (long waited = 0; waited < every && !stop_flag; waited++)
            sleep(1);
    }
    if (stop_flag)
        log_line("stopped");
    return rc;
}
