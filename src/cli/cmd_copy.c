/* cmd_copy: mtrack store copy FROM TO, a whole store from one back end to
 * another (store_copy). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "store/store.h"

static int copy_usage(FILE *out)
{
    fprintf(out,
            "usage: mtrack store copy [--force] FROM TO\n\n"
            "Copies the whole store FROM into TO, each a SQLite file or a PostgreSQL\n"
            "URL (postgresql://user:password@host:port/database): sources with their\n"
            "fetch state, trackers, documents with their URLs, events with every\n"
            "mention, organisations and aliases, editions, alert deliveries. Ids are\n"
            "kept; every table is counted on both sides at the end. TO is created\n"
            "when it is a missing file (a PostgreSQL database must exist); a TO that\n"
            "holds anything is refused unless --force, which empties it first. One\n"
            "transaction: a failed copy leaves TO as it was.\n\n"
            "  --force   empty a TO that is not empty, then copy\n");
    return out == stdout ? EXIT_DONE : EXIT_USAGE;
}

static int copy_missing(const char *p)
{
    if (strstr(p, "://"))
        return 0; /* store_open says */
    struct stat st;
    return stat(p, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
}

static int cmd_store_copy(int argc, char **argv)
{
    static const struct option opts[] = {
        {"force", no_argument, 0, 'f'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int c, force = 0;
    while ((c = getopt_long(argc, argv, "fh", opts, NULL)) != -1) {
        switch (c) {
        case 'f': force = 1; break;
        case 'h': return copy_usage(stdout);
        default: return cli_usage_error("store copy", "bad option");
        }
    }
    if (argc - optind != 2)
        return cli_usage_error("store copy", argc - optind < 2 ? "FROM and TO are needed" : "unexpected argument '%s'",
                               argv[optind + 2 < argc ? optind + 2 : optind]);
    const char *from_path = argv[optind], *to_path = argv[optind + 1];
    char from_shown[512], to_shown[512], why[512];
    store_path_shown(from_path, from_shown, sizeof from_shown);
    store_path_shown(to_path, to_shown, sizeof to_shown);
    if (strcmp(from_path, to_path) == 0) {
        cli_error("store copy", "%s: FROM and TO are the same store", from_shown);
        return EXIT_FAIL;
    }
    if (copy_missing(from_path)) {
        cli_error("store copy", "store %s: no such store", from_shown);
        return EXIT_FAIL;
    }
    store_t *from = store_open(from_path, why, sizeof why);
    if (!from) {
        cli_error("store copy", "%s: %s", from_shown, why);
        return EXIT_FAIL;
    }
    store_t *to = store_open(to_path, why, sizeof why);
    if (!to) {
        cli_error("store copy", "%s: %s", to_shown, why);
        store_close(from);
        return EXIT_FAIL;
    }
    store_copy_counts n;
    int rc = store_copy(from, to, force, &n, why, sizeof why);
    if (rc < 0)
        cli_error("store copy", "%s to %s: %s", from_shown, to_shown, why);
    else
        printf("copied %s to %s: %lld rows; %lld sources, %lld documents, %lld events, %lld mentions,"
               " %lld organisations (every table counted on both sides)\n",
               from_shown, to_shown, (long long)n.rows, (long long)n.counts.sources, (long long)n.counts.documents,
               (long long)n.counts.events, (long long)n.counts.mentions, (long long)n.counts.organizations);
    store_close(to);
    store_close(from);
    return rc < 0 ? EXIT_FAIL : EXIT_DONE;
}

int cmd_store(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        if (argc < 2)
            return copy_usage(stderr);
        return copy_usage(stdout);
    }
    if (strcmp(argv[1], "copy") == 0)
        return cmd_store_copy(argc - 1, argv + 1);
    return cli_usage_error("store", "unknown subcommand '%s' (copy)", argv[1]);
}
