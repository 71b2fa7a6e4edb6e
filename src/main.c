/* mtrack: follow a market across news sources; the command dispatch. */
#include <getopt.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct command {
    const char *name;
    cli_cmd_fn fn;
    const char *summary;
} commands[] = {
    {"init", cmd_init, "create the store and the default tracker"},
    {"ingest", cmd_ingest, "add local feeds, HTML pages and text articles"},
    {"update", cmd_update, "fetch every due source over HTTP"},
    {"sources", cmd_sources, "add, list, remove, import and export sources"},
    {"search", cmd_search, "full-text search over the documents"},
    {"events", cmd_events, "list the business events, with filters"},
    {"report", cmd_report, "write the tracker page (Markdown, HTML, JSON)"},
    {"parse-feed", cmd_parse_feed, "print a feed as JSON"},
    {"extract", cmd_extract, "print the article text and metadata of an HTML page"},
    {"analyze", cmd_analyze, "print the business events of an article"},
    {"reanalyze", cmd_reanalyze, "re-run the event analysis over the stored documents"},
    {"serve", cmd_serve, "serve the web UI and the JSON API"},
    {"watch", cmd_watch, "run update on a schedule and deliver alerts"},
    {"mcp", cmd_mcp, "a Model Context Protocol server over stdio"},
    {"store", cmd_store, "store copy FROM TO: a whole store between SQLite and PostgreSQL"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mtrack [--db PATH] COMMAND [ARGS]\n"
            "\n"
            "Follows a market topic across news sources and keeps a sourced\n"
            "record of its business events and a living tracker report.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Options:\n"
            "  --db PATH   the store (default $MTRACK_DB, else ./mtrack.db): a SQLite\n"
            "              file, or a PostgreSQL database given as a postgresql://\n"
            "              or postgres:// URL (README: PostgreSQL); the commands\n"
            "              that add (init, ingest, update, sources add and import)\n"
            "              create it when it is missing, the others refuse a store\n"
            "              that does not exist\n"
            "  --help      this help; 'mtrack COMMAND --help' (or 'mtrack help\n"
            "              COMMAND') for a command\n"
            "  --version   print the version\n"
            "\n"
            "Exit status: 0 done, 1 runtime failure, 2 usage error.\n");
}

void cli_error(const char *what, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mtrack: %s: ", what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* The running command's arguments, to name a bad option (getopt's own
 * messages are off: they lack the "mtrack: COMMAND:" form). */
static char **cmd_argv;
static int cmd_argc;

/* "bad option" from a command's getopt loop: says which one. */
static void name_bad_option(void)
{
    const char *el = optind > 0 && optind <= cmd_argc ? cmd_argv[optind - 1] : NULL;
    if (el && strncmp(el, "--", 2) == 0 && el[2]) {
        int n = (int)strcspn(el, "=");
        if (optopt)
            fprintf(stderr, "option '%.*s' wants a value", n, el);
        else
            fprintf(stderr, "unknown option '%.*s' (put -- before words that start with '-')", n, el);
    } else if (optopt > ' ' && optopt < 127) {
        fprintf(stderr, "unknown option '-%c', or one that wants a value (put -- before words that "
                        "start with '-')", optopt);
    } else {
        fprintf(stderr, "bad option");
    }
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mtrack: %s: ", cmd);
    if (cmd_argv && (strcmp(fmt, "bad option") == 0 || strcmp(fmt, "unknown option") == 0)) {
        name_bad_option();
    } else {
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fprintf(stderr, "\nTry 'mtrack %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    /* Parsing allocates and frees large trees per document: keep freed
     * memory instead of returning it to the kernel each time. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    cli_ctx ctx = {0};
    const char *env = getenv("MTRACK_DB");
    ctx.db_path = env && *env ? env : "mtrack.db";

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EXIT_DONE;
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("mtrack %s\n", MTRACK_VERSION);
            return EXIT_DONE;
        } else if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "mtrack: --db: needs a path\n");
                return EXIT_USAGE;
            }
            ctx.db_path = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            ctx.db_path = a + 5;
        } else {
            fprintf(stderr, "mtrack: %s: unknown option\nTry 'mtrack --help'.\n", a);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    /* mtrack help [COMMAND]: this help, or the command's own */
    static char help_flag[] = "--help";
    char *help_argv[3];
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            usage(stdout);
            return EXIT_DONE;
        }
        if (i + 2 < argc) {
            fprintf(stderr, "mtrack: help: wants at most one COMMAND\nTry 'mtrack --help'.\n");
            return EXIT_USAGE;
        }
        help_argv[0] = argv[i + 1];
        help_argv[1] = help_flag;
        help_argv[2] = NULL;
        argv = help_argv;
        argc = 2;
        i = 0;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            optind = 0; /* full getopt reset for the command's own options */
            opterr = 0; /* cli_usage_error names a bad option itself */
            cmd_argv = argv + i;
            cmd_argc = argc - i;
            return commands[k].fn(&ctx, argc - i, argv + i);
        }
    }
    fprintf(stderr, "mtrack: %s: unknown command\nTry 'mtrack --help'.\n", argv[i]);
    return EXIT_USAGE;
}
