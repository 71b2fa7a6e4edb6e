/* cmd_store: the commands that work on the store: init, ingest, search,
 * events, sources, report. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "fetch/fetch.h"
#include "parse/opml.h"
#include "publish/eventfmt.h"
#include "publish/format.h"
#include "publish/narrative.h"
#include "publish/report.h"
#include "publish/scope.h"
#include "publish/theme.h"
#include "sources/ingest.h"
#include "sources/tracker.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/esc.h"
#include "util/file.h"
#include "util/input.h"
#include "util/json.h"
#include "util/str.h"
#include "util/url.h"

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

static int store_missing(const char *p)
{
    /* names a back end resolves itself (":memory:", "file:...", "pg://...") */
    if (strcmp(p, ":memory:") == 0 || strncmp(p, "file:", 5) == 0 || strstr(p, "://"))
        return 0;
    struct stat st;
    /* store_open says what else is wrong */
    return stat(p, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

int cli_store_exists(const cli_ctx *ctx)
{
    if (!store_missing(ctx->db_path))
        return 1;
    fprintf(stderr, "mtrack: store %s: no such store (create it with mtrack init)\n", ctx->db_path);
    return 0;
}

/* Opens the store for cmd. Only the commands that add to the record (init,
 * ingest, sources add and import) may create it: a reader given a mistyped --db would otherwise
 * answer from a new, empty store. */
enum { STORE_EXISTING = 0, STORE_MAY_CREATE = 1 };
static store_t *open_store(const cli_ctx *ctx, const char *cmd, int mode)
{
    int existed = mode == STORE_MAY_CREATE ? !store_missing(ctx->db_path) : cli_store_exists(ctx);
    if (!existed && mode != STORE_MAY_CREATE)
        return NULL;
    char why[512];
    store_t *s = store_open(ctx->db_path, why, sizeof why);
    char shown[512];
    store_path_shown(ctx->db_path, shown, sizeof shown);
    if (!s)
        cli_error(cmd, "%s: %s", shown, why);
    else if (!existed && strcmp(cmd, "init") != 0)
        fprintf(stderr, "mtrack: %s: created a new store %s\n", cmd, shown);
    return s;
}

/* Loads the tracker called name (NULL: the first); says why not on stderr. */
static int load_tracker(store_t *s, const char *cmd, const char *name, tracker_def *t)
{
    char why[512];
    int rc = tracker_load(s, name, t, why, sizeof why);
    if (rc != 0)
        cli_error(cmd, "%s", why);
    return rc == 0 ? 0 : -1;
}

/* ---- init ---- */

int cmd_init(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"tracker", required_argument, 0, 't'},
        {"write-config", required_argument, 0, 'w'},
        {"force", no_argument, 0, 'f'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *tracker_file = NULL, *write_to = NULL;
    int c, force = 0;
    while ((c = getopt_long(argc, argv, "t:w:fh", opts, NULL)) != -1) {
        switch (c) {
        case 't': tracker_file = optarg; break;
        case 'w': write_to = optarg; break;
        case 'f': force = 1; break;
        case 'h':
            printf("usage: mtrack [--db PATH] init [--tracker FILE] [--write-config FILE [--force]]\n\n"
                   "Creates the store (or brings its schema up to date) and loads a tracker:\n"
                   "the built-in default (AI infrastructure and chips) unless --tracker names\n"
                   "an INI file. Loading a tracker again replaces it (by its name).\n\n"
                   "  --tracker FILE        load this tracker definition\n"
                   "  --write-config FILE   write the default tracker's INI to FILE (- for\n"
                   "                        standard output) to edit it, and stop; a FILE\n"
                   "                        that exists is kept unless --force\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("init", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("init", "unexpected argument '%s'", argv[optind]);
    if (write_to) {
        struct stat st;
        if (!force && strcmp(write_to, "-") != 0 && stat(write_to, &st) == 0 && S_ISREG(st.st_mode)) {
            cli_error("init", "%s: exists; not overwritten (--force replaces it)", write_to);
            return EXIT_FAIL;
        }
        const char *def = tracker_default_config();
        if (file_write(write_to, def, strlen(def)) < 0) {
            cli_error("init", "%s: %s", write_to, strerror(errno));
            return EXIT_FAIL;
        }
        return EXIT_DONE;
    }
    char why[512];
    buf_t text;
    const char *cfg = tracker_default_config();
    buf_init(&text, 0);
    if (tracker_file) {
        if (file_read(tracker_file, 1 << 20, &text, why, sizeof why) < 0) {
            cli_error("init", "%s: %s", tracker_file, why);
            return EXIT_FAIL;
        }
        cfg = text.data;
    }
    tracker_def t;
    if (tracker_parse(cfg, &t, why, sizeof why) < 0) {
        cli_error("init", "%s: %s", tracker_file ? tracker_file : "default tracker", why);
        buf_free(&text);
        return EXIT_FAIL;
    }
    store_t *s = open_store(ctx, "init", STORE_MAY_CREATE);
    int rc = EXIT_FAIL;
    if (s) {
        if (store_begin(s) < 0 || store_tracker_put(s, &t, cfg) < 0 || store_commit(s) < 0) {
            cli_error("init", "%s", store_error(s));
            store_rollback(s);
        } else {
            char shown[512];
            printf("store %s ready; tracker '%s' (%s): %zu theme%s, %zu source%s\n",
                   store_path_shown(ctx->db_path, shown, sizeof shown),
                   t.name, t.title, t.n_themes, t.n_themes == 1 ? "" : "s", t.n_sources,
                   t.n_sources == 1 ? "" : "s");
            rc = EXIT_DONE;
        }
        store_close(s);
    }
    tracker_free(&t);
    buf_free(&text);
    return rc;
}

/* ---- ingest ---- */

int cmd_ingest(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int quiet = 0, c;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q': quiet = 1; break;
        case 'h':
            printf("usage: mtrack [--db PATH] ingest [--quiet] PATH...\n\n"
                   "Adds local files to the store: RSS/Atom/JSON feeds (each entry one\n"
                   "document), HTML pages (the article's text and metadata) and plain-text\n"
                   "or Markdown articles (first line the headline; optional header lines\n"
                   "'Source: Outlet | 2026-03-12 | https://...', 'Date:', 'URL:', 'Author:',\n"
                   "or YAML-style front matter). Folders are read recursively, each once\n"
                   "however many links lead to it; hidden files are skipped, and so are\n"
                   "FIFOs, sockets and devices found in a folder (one line each; named on\n"
                   "the command line they are read). Each document is analysed and stored\n"
                   "with its events in one transaction (committed in groups of up to\n"
                   "1,000 documents or 2 seconds: killed, a run loses at most the last\n"
                   "group, each of its documents untouched); copies of stored documents (the\n"
                   "same text, or a near-copy) are skipped. A document at a stored one's URL\n"
                   "or canonical URL with a changed text is its update: the stored document\n"
                   "is replaced, its events derived again, and each event it reports keeps\n"
                   "what changed (shown on its page and in the API). Files are not sources:\n"
                   "each document keeps its path. Files over 50 MiB, empty or binary files\n"
                   "(NUL bytes, or over 5%% control bytes) are refused with one line each; the\n"
                   "rest is still ingested. Text is read as its declared charset, else UTF-8\n"
                   "(a damaged character becomes U+FFFD) unless it looks single-byte\n"
                   "(Windows-1252); stray control characters are dropped. A missing\n"
                   "store is created (and said so on stderr).\n\n"
                   "Exit status: 0 when nothing was refused, 1 when something was.\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("ingest", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("ingest", "needs at least one file or folder");
    store_t *s = open_store(ctx, "ingest", STORE_MAY_CREATE);
    if (!s)
        return EXIT_FAIL;
    ingest_stats st = {0};
    int worst = 0;
    /* the documents' transactions committed in groups: each page written
     * once per group, not once per document (issue 15) */
    store_batch_begin(s, INGEST_GROUP_DOCS, INGEST_GROUP_MS);
    for (int i = optind; i < argc && worst >= 0; i++) {
        int rc = ingest_path(s, argv[i], &st, stderr);
        if (rc < 0 || rc > worst)
            worst = rc;
    }
    if (store_batch_end(s) < 0) {
        cli_error("ingest", "%s: run it again", store_error(s));
        worst = -1;
    }
    if (!quiet || worst) {
        printf("added %lld document%s (%lld event mention%s), ", (long long)st.added,
               st.added == 1 ? "" : "s", (long long)st.events, st.events == 1 ? "" : "s");
        if (st.updated)
            printf("updated %lld (a changed text at a stored URL), ", (long long)st.updated);
        printf("skipped %lld already stored, refused %lld\n", (long long)st.skipped, (long long)st.refused);
    }
    if (st.added > 0 || st.updated > 0)
        report_keep_themes_all(s); /* the reports' themes of what was added */
    store_close(s);
    return worst == 0 ? EXIT_DONE : EXIT_FAIL;
}

/* ---- search ---- */

typedef struct search_ctx {
    int json;
    int tty; /* hits in bold on a terminal, else in [ ] with \[ \] \\ escaped */
    int n;
    jw_t *w;
} search_ctx;

typedef struct text_snip {
    buf_t b;
    int tty;
} text_snip;

static void text_part(const char *s, size_t n, int hit, void *ctx)
{
    text_snip *t = ctx;
    if (hit)
        buf_puts(&t->b, t->tty ? "\033[1m" : "[");
    for (size_t i = 0; i < n; i++) {
        if (!t->tty && (s[i] == '[' || s[i] == ']' || s[i] == '\\'))
            buf_putc(&t->b, '\\');
        buf_putc(&t->b, s[i]);
    }
    if (hit)
        buf_puts(&t->b, t->tty ? "\033[22m" : "]");
}

static int print_hit(const doc_rec *d, const char *snippet, double score, void *vctx)
{
    search_ctx *sc = vctx;
    sc->n++;
    if (sc->json) {
        doc_hit_json(sc->w, d, snippet, score);
        return 0;
    }
    text_snip ts = {.tty = sc->tty};
    buf_init(&ts.b, 0);
    snippet_split(snippet, text_part, &ts);
    char *snip = buf_detach(&ts.b);
    str_squeeze(snip);
    printf("%d. %s\n", sc->n, d->title ? d->title : "(untitled)");
    printf("   %s%s%.10s\n", d->outlet ? d->outlet : "", d->outlet && d->published ? ", " : "",
           d->published ? d->published : "");
    printf("   %s\n", snip);
    const char *url = url_doc_out(d->canonical_url, d->url);
    if (url)
        printf("   %s\n", url);
    free(snip);
    return 0;
}

int cmd_search(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"limit", required_argument, 0, 'n'},
        {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    long limit = 10;
    int json = 0, c;
    while ((c = getopt_long(argc, argv, "n:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'n': {
            int64_t n;
            if (input_int(optarg, 1, 10000, &n) < 0)
                return cli_usage_error("search", "--limit wants a number from 1 to 10000");
            limit = (long)n;
            break;
        }
        case 'j': json = 1; break;
        case 'h':
            printf("usage: mtrack [--db PATH] search [--limit N] [--json] QUERY...\n\n"
                   "Full-text search over the stored documents' titles and text, best match\n"
                   "first (BM25, titles weigh more), with a snippet where hits are marked:\n"
                   "in bold on a terminal, else [like this] with the text's own [ ] \\\n"
                   "written \\[ \\] \\\\. --json gives the snippet as text and as snippet_parts,\n"
                   "[{\"text\", \"hit\"}]. All words must occur; a trailing * matches a prefix\n"
                   "(chip* finds chips, chipmaker). A word of several parts is a phrase\n"
                   "(seed-round and AI's find \"seed round\" and \"AI s\"); punctuation and\n"
                   "operators are no syntax. A word in more than 10,000 documents is\n"
                   "ranked among its 10,000 most recently stored matches only, and a total\n"
                   "above 100,000 is estimated (on PostgreSQL above 10,000); the last line\n"
                   "says so\n"
                   "($MTRACK_SEARCH_RANKED and $MTRACK_SEARCH_COUNTED change the bounds).\n\n"
                   "  --limit N   at most N results (default 10)\n"
                   "  --json      print a JSON array\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("search", "bad option");
        }
    }
    if (optind >= argc)
        return cli_usage_error("search", "needs a query");
    buf_t q;
    buf_init(&q, 1 << 16);
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            buf_putc(&q, ' ');
        buf_puts(&q, argv[i]);
    }
    if (!store_query_has_words(buf_str(&q))) {
        buf_free(&q);
        return cli_usage_error("search", "the query has no words (only quotes and spaces)");
    }
    store_t *s = open_store(ctx, "search", STORE_EXISTING);
    if (!s) {
        buf_free(&q);
        return EXIT_FAIL;
    }
    buf_t out;
    buf_init(&out, 0);
    jw_t w;
    jw_init(&w, &out, true);
    search_ctx sc = {.json = json, .tty = isatty(STDOUT_FILENO), .w = &w};
    if (json)
        jw_arr(&w);
    int rc = store_search(s, buf_str(&q), limit, print_hit, &sc);
    if (json) {
        jw_arr_end(&w);
        if (rc == 0)
            printf("%s\n", buf_str(&out));
    }
    search_total t;
    if (rc == 0 && !json && sc.n > 0) {
        /* more may match: say how many, and of which the hits are the best */
        if ((rc = search_total_get(s, buf_str(&q), sc.n, limit, &t)) == 0 && t.total > sc.n) {
            buf_t line;
            buf_init(&line, 0);
            search_total_text(&line, &t, sc.n);
            printf("%s\n", buf_str(&line));
            buf_free(&line);
        }
    }
    if (rc < 0)
        cli_error("search", "%s", store_error(s));
    else if (!json && sc.n == 0)
        printf("no documents match '%s'\n", buf_str(&q));
    buf_free(&out);
    buf_free(&q);
    store_close(s);
    return rc < 0 ? EXIT_FAIL : EXIT_DONE;
}

/* ---- events ---- */

/* The events are judged and written a chunk at a time: a few reads for a
 * chunk's scope, themes and changes (scope_events, event_changes_read),
 * not some per event (each a round trip on PostgreSQL). */
#define EVENTS_CHUNK 512

typedef struct events_ctx {
    int format; /* 0 table, 1 csv, 2 json */
    buf_t *out;
    jw_t *w;
    const tracker_def *t;
    int theme;  /* -1 for any */
    store_t *s;
    int64_t n;
    int64_t left; /* --limit, when the events are picked here; -1: none */
    /* the chunk not written yet */
    event_t ev[EVENTS_CHUNK];
    int64_t id[EVENTS_CHUNK], mentions[EVENTS_CHUNK];
    char *first_seen[EVENTS_CHUNK];
    size_t nev;
} events_ctx;

static void print_one(events_ctx *ec, const event_t *e, int64_t id, const char *first_seen,
                      int64_t mentions, int th, const event_changes_set *cs)
{
    buf_t *b = ec->out;
    buf_t amount, detail;
    buf_init(&amount, 0);
    buf_init(&detail, 0);
    fmt_usd_short(&amount, event_usd(e));
    event_detail(&detail, e);
    char date[11] = "";
    if (first_seen)
        snprintf(date, sizeof date, "%s", first_seen);
    if (ec->format == 2) {
        jw_obj(ec->w);
        jw_kint(ec->w, "id", id);
        jw_kstr(ec->w, "first_seen", first_seen);
        jw_kint(ec->w, "sources", mentions);
        jw_kstr(ec->w, "theme", th >= 0 ? ec->t->themes[th].name : NULL);
        jw_key(ec->w, "event");
        event_json(e, ec->w);
        /* what updated documents changed, oldest first */
        event_changes_json_of(ec->w, cs, id, "document");
        jw_obj_end(ec->w);
    } else if (ec->format == 1) {
        event_csv_row(b, e, id, first_seen, mentions);
    } else {
        char org[29];
        snprintf(org, sizeof org, "%s", event_org_name(e) ? event_org_name(e) : "?");
        buf_printf(b, "%-10s  %-14s  %-28s  %9s  %-22.22s  %-2s  %lld\n", date,
                   event_type_name(e->type), org, buf_str(&amount), buf_str(&detail),
                   e->country ? e->country : "", (long long)mentions);
    }
    buf_free(&amount);
    buf_free(&detail);
}

/* Judges and writes the chunk (up to --limit) unless !write, then empties
 * it. */
static int flush_events(events_ctx *ec, int write)
{
    size_t n = ec->nev;
    int rc = 0;
    if (n && write) {
        const event_t *ep[EVENTS_CHUNK];
        int in[EVENTS_CHUNK], th[EVENTS_CHUNK];
        for (size_t i = 0; i < n; i++)
            ep[i] = &ec->ev[i];
        /* the tracker's events (publish/scope.h), as its report, the API,
         * MCP and alerts have them */
        rc = scope_events(ec->s, ec->t, ep, ec->id, n, in,
                          ec->theme >= 0 || ec->format == 2 ? th : NULL);
        event_changes_set cs = {0};
        if (rc == 0 && ec->format == 2)
            rc = event_changes_read(ec->s, ec->id, n, &cs);
        for (size_t i = 0; rc == 0 && i < n && ec->left != 0; i++) {
            int t = ec->theme >= 0 || ec->format == 2 ? th[i] : -1;
            if (!in[i] || (ec->theme >= 0 && t != ec->theme))
                continue;
            if (ec->left > 0)
                ec->left--;
            ec->n++;
            print_one(ec, &ec->ev[i], ec->id[i], ec->first_seen[i], ec->mentions[i], t, &cs);
        }
        event_changes_set_free(&cs);
    }
    for (size_t i = 0; i < n; i++) {
        event_clear(&ec->ev[i]);
        free(ec->first_seen[i]);
    }
    ec->nev = 0;
    return rc;
}

static int print_event(const event_t *e, const event_meta *m, void *vctx)
{
    events_ctx *ec = vctx;
    if (ec->left == 0)
        return 1; /* enough */
    size_t i = ec->nev++;
    event_copy(&ec->ev[i], e);
    ec->id[i] = m->id;
    ec->mentions[i] = m->mentions;
    ec->first_seen[i] = m->first_seen ? xstrdup(m->first_seen) : NULL;
    if (ec->nev == EVENTS_CHUNK && flush_events(ec, 1) < 0)
        return -1;
    return 0;
}

int cmd_events(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"type", required_argument, 0, 'T'},
        {"theme", required_argument, 0, 'm'},
        {"since", required_argument, 0, 's'},
        {"until", required_argument, 0, 'u'},
        {"min-usd", required_argument, 0, 'M'},
        {"country", required_argument, 0, 'c'},
        {"org", required_argument, 0, 'o'},
        {"investor", required_argument, 0, 'i'},
        {"tracker", required_argument, 0, 't'},
        {"format", required_argument, 0, 'f'},
        {"limit", required_argument, 0, 'n'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    event_filter f;
    event_filter_init(&f);
    const char *theme = NULL, *tracker = NULL, *format = "table";
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'T':
            if ((f.type = event_type_parse(optarg)) < 0)
                return cli_usage_error("events", "unknown type '%s' (funding, acquisition, stock_move, infrastructure, product)", optarg);
            break;
        case 'm': theme = optarg; break;
        case 's':
        case 'u':
            if (!input_day(optarg))
                return cli_usage_error("events", "--%s: '%s' is not a date (YYYY-MM-DD)",
                                       c == 's' ? "since" : "until", optarg);
            *(c == 's' ? &f.since : &f.until) = optarg;
            break;
        case 'M':
            if (input_usd(optarg, &f.min_usd) < 0)
                return cli_usage_error("events", "--min-usd: '%s' is not an amount of dollars (100000000, 1e8, 100M, 2B)", optarg);
            break;
        case 'c': f.country = optarg; break;
        case 'o': f.org = optarg; break;
        case 'i': f.investor = optarg; break;
        case 't': tracker = optarg; break;
        case 'f': format = optarg; break;
        case 'n': {
            int64_t n;
            if (input_int(optarg, 1, 1000000, &n) < 0)
                return cli_usage_error("events", "--limit wants a number from 1 to 1000000");
            f.limit = n;
            break;
        }
        case 'h':
            printf("usage: mtrack [--db PATH] events [FILTERS] [--format table|csv|json]\n\n"
                   "Lists the stored business events, newest first; each merges every\n"
                   "document that reported it (the last column counts them).\n\n"
                   "Filters:\n"
                   "  --type T          funding, acquisition, stock_move, infrastructure, product\n"
                   "  --theme NAME      a theme of the tracker (see the report's sections)\n"
                   "  --tracker NAME    the tracker's events: those its [filter] lets in, its\n"
                   "                    themes (default: the first tracker)\n"
                   "  --since DATE      first reported on or after YYYY-MM-DD\n"
                   "  --until DATE      first reported on or before YYYY-MM-DD\n"
                   "  --min-usd N       amount (or price) at least N dollars; 100M and 2B work\n"
                   "  --country CC      ISO 3166 code, e.g. GB\n"
                   "  --org NAME        any organisation named in the event (substring)\n"
                   "  --investor NAME   an investor (substring)\n"
                   "  --limit N         at most N events\n"
                   "  --format F        table (default), csv or json\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("events", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("events", "unexpected argument '%s'", argv[optind]);
    int fmt = strcmp(format, "table") == 0 ? 0 : strcmp(format, "csv") == 0 ? 1
            : strcmp(format, "json") == 0 ? 2 : -1;
    if (fmt < 0)
        return cli_usage_error("events", "--format is table, csv or json");
    store_t *s = open_store(ctx, "events", STORE_EXISTING);
    if (!s)
        return EXIT_FAIL;
    tracker_def t;
    if (load_tracker(s, "events", tracker, &t) < 0) {
        store_close(s);
        return EXIT_FAIL;
    }
    int theme_idx = -1;
    if (theme && (theme_idx = tracker_theme_index(&t, theme)) < 0) {
        cli_error("events", "%s: no such theme in tracker '%s'", theme, t.name);
        tracker_free(&t);
        store_close(s);
        return EXIT_USAGE;
    }
    buf_t out;
    buf_init(&out, 0);
    jw_t w;
    jw_init(&w, &out, true);
    events_ctx *ec = xcalloc(1, sizeof *ec); /* (its chunk is large) */
    ec->format = fmt;
    ec->out = &out;
    ec->w = &w;
    ec->t = &t;
    ec->theme = theme_idx;
    ec->s = s;
    ec->left = -1;
    if (theme_idx >= 0 || !scope_all(&t)) {
        /* picked here: the store's limit would count the others too */
        ec->left = f.limit > 0 ? f.limit : -1;
        f.limit = 0;
    }
    if (fmt == 0)
        buf_printf(&out, "%-10s  %-14s  %-28s  %9s  %-22s  %-2s  %s\n", "date", "type",
                   "organisation", "usd", "detail", "cc", "sources");
    else if (fmt == 1)
        event_csv_header(&out);
    else
        jw_arr(&w);
    /* one state of the store for the whole list (issue 12 item 11) */
    int rc = store_read_begin(s);
    if (rc == 0) {
        rc = store_events_each(s, &f, print_event, ec);
        int frc = flush_events(ec, rc == 0); /* the last chunk */
        if (rc == 0)
            rc = frc;
        store_read_end(s);
    }
    if (fmt == 2) {
        jw_arr_end(&w);
        buf_putc(&out, '\n');
    }
    if (rc < 0)
        cli_error("events", "%s", store_error(s));
    else
        fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    free(ec);
    tracker_free(&t);
    store_close(s);
    return rc < 0 ? EXIT_FAIL : EXIT_DONE;
}

/* ---- sources ---- */

static int print_source(const source_rec *r, void *ctx)
{
    int *n = ctx;
    (*n)++;
    printf("%s\n  %s, %s; %lld document%s", r->url, r->kind, r->title ? r->title : "(untitled)",
           (long long)r->documents, r->documents == 1 ? "" : "s");
    if (r->last_success)
        printf("; last success %s", r->last_success);
    if (r->last_error)
        printf("; last error %s: %s", r->last_error_at ? r->last_error_at : "", r->last_error);
    if (r->next_try)
        printf("; next try %s", r->next_try);
    printf("\n");
    return 0;
}

/* 1 when url is an absolute http(s) URL that curl's parser accepts. */
static int source_url_ok(const char *url)
{
    char *origin = NULL, *path = NULL;
    int ok = strlen(url) <= 2048 && fetch_split_url(url, &origin, &path) == 0;
    free(origin);
    free(path);
    return ok;
}

typedef struct export_ctx {
    opml_outline *o;
    size_t n;
} export_ctx;

static int collect_source(const source_rec *r, void *vctx)
{
    export_ctx *ec = vctx;
    if (strcmp(r->kind, "file") == 0)
        return 0;
    ec->o = xrealloc(ec->o, (ec->n + 1) * sizeof *ec->o);
    opml_outline *o = &ec->o[ec->n++];
    memset(o, 0, sizeof *o);
    o->xml_url = xstrdup(r->url);
    o->title = r->title ? xstrdup(r->title) : NULL;
    return 0;
}

static int sources_import(store_t *s, const char *path)
{
    char why[512];
    buf_t b;
    if (file_read(path, OPML_MAX_BYTES, &b, why, sizeof why) < 0) {
        cli_error("sources", "%s: %s", path, why);
        return EXIT_FAIL;
    }
    opml_outline *o = NULL;
    size_t n = 0;
    int rc = EXIT_FAIL;
    if (opml_parse(b.data, b.len, &o, &n, why, sizeof why) < 0) {
        cli_error("sources", "%s: %s", path, why);
        goto out;
    }
    store_counts before, after;
    if (store_count(s, &before) < 0 || store_begin(s) < 0)
        goto store_fail;
    size_t refused = 0;
    for (size_t i = 0; i < n; i++) {
        const char *u = o[i].xml_url;
        if (!source_url_ok(u)) {
            fprintf(stderr, "mtrack: sources: %s: not an http(s) URL, skipped\n", u);
            refused++;
            continue;
        }
        if (store_source_put(s, u, o[i].title, "feed", NULL) < 0) {
            store_rollback(s);
            goto store_fail;
        }
    }
    if (store_commit(s) < 0 || store_count(s, &after) < 0)
        goto store_fail;
    printf("imported %lld new source%s from %s (%zu listed, %zu skipped)\n",
           (long long)(after.sources - before.sources), after.sources - before.sources == 1 ? "" : "s",
           path, n, refused);
    rc = refused ? EXIT_FAIL : EXIT_DONE;
    goto out;
store_fail:
    cli_error("sources", "%s", store_error(s));
out:
    opml_free(o, n);
    buf_free(&b);
    return rc;
}

static int sources_export(store_t *s, const char *path)
{
    export_ctx ec = {0};
    if (store_sources_each(s, collect_source, &ec) < 0) {
        cli_error("sources", "%s", store_error(s));
        opml_free(ec.o, ec.n);
        return EXIT_FAIL;
    }
    buf_t out;
    buf_init(&out, 0);
    int rc = EXIT_DONE;
    if (opml_write(ec.o, ec.n, "mtrack sources", &out) < 0 || file_write(path, out.data, out.len) < 0) {
        cli_error("sources", "%s: %s", path, strerror(errno));
        rc = EXIT_FAIL;
    }
    buf_free(&out);
    opml_free(ec.o, ec.n);
    return rc;
}

int cmd_sources(const cli_ctx *ctx, int argc, char **argv)
{
    if (argc < 2 || wants_help(2, argv)) {
        printf("usage: mtrack [--db PATH] sources COMMAND\n\n"
               "  list                 every source with its state (last success, last\n"
               "                       error, next try)\n"
               "  add [--update-title] URL [TITLE]\n"
               "                       add a feed (or page) to follow; a URL already\n"
               "                       followed keeps its title unless --update-title\n"
               "  remove URL           stop following a source\n"
               "  import FILE.opml     add every feed of an OPML list\n"
               "  export [FILE]        write the sources as OPML (default: standard output)\n\n"
               "A source's URL is kept with its scheme and host in lower case\n"
               "(HTTP://Feeds.Example.COM/a is http://feeds.example.com/a): add, remove and\n"
               "import take it in any such case.\n");
        return argc < 2 ? EXIT_USAGE : EXIT_DONE;
    }
    const char *sub = argv[1];
    store_t *s = NULL;
    int rc = EXIT_FAIL;
    if (strcmp(sub, "list") == 0) {
        if (!(s = open_store(ctx, "sources", STORE_EXISTING)))
            return EXIT_FAIL;
        int n = 0;
        if (store_sources_each(s, print_source, &n) < 0)
            cli_error("sources", "%s", store_error(s));
        else
            rc = EXIT_DONE;
        if (rc == EXIT_DONE && n == 0)
            printf("no sources yet: 'mtrack sources add URL' or 'mtrack init'\n");
    } else if (strcmp(sub, "add") == 0) {
        /* add [--update-title] URL [TITLE]: a known URL keeps its title
         * unless told, as the API's and MCP's add do */
        int retitle = 0;
        char *pos[3];
        int np = 0;
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--update-title") == 0)
                retitle = 1;
            else if (argv[i][0] == '-' && argv[i][1] == '-' && np == 0)
                return cli_usage_error("sources", "add: unknown option '%s'", argv[i]);
            else if (np < 3)
                pos[np++] = argv[i];
            else
                np++;
        }
        if (np < 1 || np > 2)
            return cli_usage_error("sources", "add wants [--update-title] URL [TITLE]");
        const char *url = pos[0], *title = np == 2 ? pos[1] : NULL;
        if (!source_url_ok(url))
            return cli_usage_error("sources", "%s: a source is an absolute http(s) URL", url);
        if (!(s = open_store(ctx, "sources", STORE_MAY_CREATE)))
            return EXIT_FAIL;
        int64_t id = 0;
        char *had = NULL; /* its title, NULL when none or empty */
        int known = store_source_known(s, url, &id, NULL, &had);
        if (had && !*had) {
            free(had);
            had = NULL;
        }
        if (known < 0) {
            cli_error("sources", "%s", store_error(s));
        } else if (known && title && had && strcmp(title, had) != 0 && !retitle) {
            cli_error("sources", "%s: already a source, titled '%s'; kept (--update-title replaces it)",
                      url, had);
        } else if ((!known || (title && (!had || strcmp(title, had) != 0))) &&
                   store_source_put(s, url, title, "feed", &id) < 0) {
            cli_error("sources", "%s", store_error(s));
        } else {
            printf("source %lld: %s%s\n", (long long)id, url, known ? " (already followed)" : "");
            rc = EXIT_DONE;
        }
        free(had);
    } else if (strcmp(sub, "remove") == 0) {
        if (argc != 3)
            return cli_usage_error("sources", "remove wants URL");
        if (!(s = open_store(ctx, "sources", STORE_EXISTING)))
            return EXIT_FAIL;
        int r = store_source_remove(s, argv[2]);
        if (r < 0)
            cli_error("sources", "%s", store_error(s));
        else if (r == 0)
            cli_error("sources", "%s: no such source", argv[2]);
        else {
            printf("removed %s\n", argv[2]);
            rc = EXIT_DONE;
        }
    } else if (strcmp(sub, "import") == 0) {
        if (argc != 3)
            return cli_usage_error("sources", "import wants FILE");
        if (!(s = open_store(ctx, "sources", STORE_MAY_CREATE)))
            return EXIT_FAIL;
        rc = sources_import(s, argv[2]);
    } else if (strcmp(sub, "export") == 0) {
        if (argc > 3)
            return cli_usage_error("sources", "export wants at most FILE");
        if (!(s = open_store(ctx, "sources", STORE_EXISTING)))
            return EXIT_FAIL;
        rc = sources_export(s, argc == 3 ? argv[2] : "-");
    } else {
        return cli_usage_error("sources", "unknown subcommand '%s'", sub);
    }
    store_close(s);
    return rc;
}

/* ---- report ---- */

int cmd_report(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},
        {"tracker", required_argument, 0, 't'},
        {"since", required_argument, 0, 's'},
        {"publish", no_argument, 0, 'P'},
        {"narrative", required_argument, 0, 'N'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    report_opts o = {.format = REPORT_MD};
    const char *out_path = "-", *tracker = NULL, *narr_url = NULL;
    int c, publish = 0;
    while ((c = getopt_long(argc, argv, "f:o:t:s:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "md") == 0 || strcmp(optarg, "markdown") == 0)
                o.format = REPORT_MD;
            else if (strcmp(optarg, "html") == 0)
                o.format = REPORT_HTML;
            else if (strcmp(optarg, "json") == 0)
                o.format = REPORT_JSON;
            else
                return cli_usage_error("report", "--format is md, html or json");
            break;
        case 'o': out_path = optarg; break;
        case 'P': publish = 1; break;
        case 'N':
            if (!str_istarts(optarg, "http://") && !str_istarts(optarg, "https://"))
                return cli_usage_error("report", "--narrative takes an http(s) URL, the API's base (http://HOST:PORT/v1)");
            narr_url = optarg;
            break;
        case 't': tracker = optarg; break;
        case 's':
            if (!input_day(optarg))
                return cli_usage_error("report", "--since: '%s' is not a date (YYYY-MM-DD)", optarg);
            o.since = optarg;
            break;
        case 'h':
            printf("usage: mtrack [--db PATH] report [--tracker NAME] [--format md|html|json]\n"
                   "                                [--since DATE] [-o FILE] [--publish]\n"
                   "                                [--narrative URL]\n\n"
                   "Writes the tracker page: title and category, 'Updated <the newest story's\n"
                   "date>' (and the day it was generated when that differs), a headline and\n"
                   "lead paragraph from the period's figures (\"the last 30 days\" end on the\n"
                   "newest story) and the period's biggest moves, 'What's new' since the last\n"
                   "published edition, a section per theme (a paragraph from its figures, its\n"
                   "key milestones, the events of other themes that fit it, other activity),\n"
                   "'What the figures show', and 'Sources (N)'. A bullet says who the company\n"
                   "is and what its money is for where the sources say so; every item has\n"
                   "numbered citations. HTML is one self-contained file; all source\n"
                   "text is escaped.\n\n"
                   "Editions: writing a report records nothing. --publish records this one\n"
                   "as an edition of its format (dated to the minute, with the events it\n"
                   "shows), so the next report's 'What's new' starts from it; 'mtrack serve\n"
                   "--publish-every D' records the web page's editions on a schedule.\n\n"
                   "  --tracker NAME  which tracker (default: the first in the store)\n"
                   "  --format F      md (default), html or json\n"
                   "  --since DATE    only documents published on or after YYYY-MM-DD\n"
                   "  -o FILE         write to FILE (default: standard output)\n"
                   "  --publish       record this report as the tracker's latest edition\n"
                   "  --narrative URL have a language model write the introduction and each\n"
                   "                  theme's paragraph (below); overrides the tracker's\n"
                   "                  [narrative] endpoint\n\n"
                   "The narrative writer (optional; Markdown and HTML): URL is the base of an\n"
                   "OpenAI-compatible chat-completions API (llama.cpp's server, Ollama, vLLM,\n"
                   "a hosted one), such as http://127.0.0.1:8080/v1; each section's request\n"
                   "goes to URL/chat/completions, all at once, with the key in $MTRACK_LLM_KEY\n"
                   "as a Bearer token (sent only over https or to this machine). The tracker\n"
                   "can set it instead: [narrative] endpoint = URL, model = NAME (else\n"
                   "$MTRACK_LLM_MODEL, else none sent), timeout = 20s (per request, 1s to\n"
                   "600s). Only the facts are sent: each section's listed events (names,\n"
                   "figures, places, dates, citation numbers) and totals, never an article.\n"
                   "Every number (\"$2 billion\", \"2bn\", \"2,000 million\", percentages,\n"
                   "counts, years), organisation, place and date of the answer is checked\n"
                   "against them: a sentence with anything else is dropped, each kept one\n"
                   "carries the citations of the facts it uses. A time-out, an HTTP error,\n"
                   "an answer that is not a chat completion, an empty one or one with every\n"
                   "sentence dropped keeps that section's template prose; stderr says what\n"
                   "came of each section, the page's footer which paragraphs are the\n"
                   "model's. A loopback or private address is allowed: the endpoint comes\n"
                   "only from you (this option or the tracker file), and redirects are not\n"
                   "followed; 'serve' and MCP never call it.\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("report", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    o.now = getenv("MTRACK_NOW"); /* fixed "Updated" time for reproducible output */
    o.keep_themes = 1; /* the next report reads the themes worked out here */
    store_t *s = open_store(ctx, "report", STORE_EXISTING);
    if (!s)
        return EXIT_FAIL;
    tracker_def t;
    if (load_tracker(s, "report", tracker, &t) < 0) {
        store_close(s);
        return EXIT_FAIL;
    }
    buf_t out;
    buf_init(&out, 0);
    char why[512];
    int rc = EXIT_DONE;
    report_summary sum = {0};
    const char *fmt_name = o.format == REPORT_HTML ? "html" : o.format == REPORT_JSON ? "json" : "md";
    /* Only --publish records an edition (the next one says what is new
     * since): a report written to look at moves no baseline. */
    o.edition_format = fmt_name;
    /* the narrative writer: --narrative, else the tracker's [narrative] */
    narr_opts no = {0};
    if (narr_url || t.narr_endpoint) {
        no.endpoint = narr_url ? narr_url : t.narr_endpoint;
        no.model = t.narr_model ? t.narr_model : getenv("MTRACK_LLM_MODEL");
        no.key = getenv("MTRACK_LLM_KEY");
        no.timeout_s = t.narr_timeout_s;
        if (narr_opts_check(&no, why, sizeof why) < 0) {
            cli_error("report", "narrative endpoint %s", why);
            tracker_free(&t);
            store_close(s);
            buf_free(&out);
            return EXIT_FAIL;
        }
        o.narrative = &no;
        if (narr_url && o.format == REPORT_JSON)
            fprintf(stderr, "report: narrative: not used for JSON (its prose is the template's)\n");
    }
    if (report_write(s, &t, &o, &out, &sum, why, sizeof why) < 0) {
        cli_error("report", "%s", why);
        rc = EXIT_FAIL;
    } else {
        if (strcmp(out_path, "-") != 0)
            file_mkdirs_for(out_path);
        if (file_write(out_path, out.data, out.len) < 0) {
            cli_error("report", "%s: %s", out_path, strerror(errno));
            rc = EXIT_FAIL;
        } else {
            char now[32];
            time_t tt = time(NULL);
            strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
            if (publish && store_edition_add(s, t.name, fmt_name, o.now ? o.now : now, sum.event_ids,
                                             sum.n_event_ids) < 0) {
                cli_error("report", "recording the edition: %s", store_error(s));
                rc = EXIT_FAIL;
            } else if (publish)
                fprintf(stderr, "published the %s edition of %s (%s)\n", fmt_name, t.name, o.now ? o.now : now);
        }
        if (rc == EXIT_DONE && strcmp(out_path, "-") != 0) {
            fprintf(stderr, "wrote %s: %lld source%s, %lld event%s (%lld new, %lld funding round%s)\n",
                    out_path, (long long)sum.sources, str_s(sum.sources), (long long)sum.events,
                    str_s(sum.events), (long long)sum.new_events, (long long)sum.funding_rounds,
                    str_s(sum.funding_rounds));
        }
    }
    report_summary_free(&sum);
    buf_free(&out);
    tracker_free(&t);
    store_close(s);
    return rc;
}
