/* cmd_serve: `mtrack serve`, the web UI, JSON API, Atom feeds and metrics. */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "serve/rcache.h"
#include "serve/server.h"
#include "util/input.h"

/* "HOST:PORT", "[V6]:PORT" or "PORT" into host (numeric) and port. */
static int parse_listen(const char *s, char *host, size_t hostsz, int *port)
{
    const char *colon;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':' || (size_t)(close - s - 1) >= hostsz)
            return -1;
        memcpy(host, s + 1, (size_t)(close - s - 1));
        host[close - s - 1] = 0;
        colon = close + 1;
    } else if ((colon = strrchr(s, ':'))) {
        if ((size_t)(colon - s) >= hostsz || colon == s)
            return -1;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = 0;
    } else {
        snprintf(host, hostsz, "127.0.0.1");
        colon = s - 1;
    }
    int64_t p;
    if (input_int(colon + 1, 0, 65535, &p) < 0)
        return -1;
    /* the host is an address, not a name to look up ("localhost" is
     * loopback); a name is a usage error, not a failure to start */
    if (strcmp(host, "localhost") == 0)
        snprintf(host, hostsz, "127.0.0.1");
    unsigned char addr[16];
    if (inet_pton(AF_INET, host, addr) != 1 && inet_pton(AF_INET6, host, addr) != 1)
        return -1;
    *port = (int)p;
    return 0;
}

int cmd_serve(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"listen", required_argument, 0, 'l'},
        {"threads", required_argument, 0, 'j'},
        {"allow-private", no_argument, 0, 'P'},
        {"port-file", required_argument, 0, 'p'},
        {"publish-every", required_argument, 0, 'E'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    serve_opts o = {.db_path = ctx->db_path, .threads = SERVE_BUSY_MAX};
    char host[128] = "127.0.0.1";
    o.port = 8080;
    int c;
    while ((c = getopt_long(argc, argv, "l:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (parse_listen(optarg, host, sizeof host, &o.port) < 0)
                return cli_usage_error("serve", "--listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080, [::1]:8080 or localhost:8080");
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > SERVE_THREADS_MAX)
                return cli_usage_error("serve", "--threads wants a number from 1 to 64");
            o.threads = (int)n;
            break;
        }
        case 'P': o.allow_private = 1; break;
        case 'p': o.port_file = optarg; break;
        case 'E':
            if (strcmp(optarg, "never") == 0)
                rcache_publish_every = 0;
            else if ((rcache_publish_every = input_duration(optarg)) < 0)
                return cli_usage_error("serve", "--publish-every wants a duration like 1d, 12h or 90m, or never");
            break;
        case 'h':
            printf("usage: mtrack [--db PATH] serve [--listen HOST:PORT] [--threads N]\n"
                   "                               [--allow-private] [--port-file FILE]\n"
                   "                               [--publish-every D]\n\n"
                   "Serves the store over HTTP until interrupted (SIGINT or SIGTERM: stops\n"
                   "within a second, requests still running are cut short):\n"
                   "  /                      the trackers\n"
                   "  /t/NAME                a tracker's living report\n"
                   "  /t/NAME/events         the events table: filters, sorting, CSV\n"
                   "  /t/NAME/atom.xml       an Atom feed of its new events\n"
                   "  /search?q=WORDS        full-text search\n"
                   "  /events/ID, /org/NAME  an event with its sources; an organisation\n"
                   "  /docs/ID               a stored document and the events read from it\n"
                   "  /api/v1/...            the JSON API (docs/API.md)\n"
                   "  /healthz, /metrics     health check; Prometheus metrics\n\n"
                   "Answers (the report, events, search) are computed once for the data's\n"
                   "generation and shared until a write moves it: any write, by any process\n"
                   "(ingest, update, reanalyze), is in the next answer.\n\n"
                   "Writes through the API (adding or removing sources, running an update)\n"
                   "need 'Authorization: Bearer $MTRACK_TOKEN'; without MTRACK_TOKEN in the\n"
                   "environment they are refused.\n\n"
                   "  --listen HOST:PORT  numeric address to listen on (default 127.0.0.1:8080;\n"
                   "                      port 0 takes a free one)\n"
                   "  --threads N         at most N requests read the store at once (default 8,\n"
                   "                      1-64); the others wait their turn. Each connection\n"
                   "                      has a thread of its own (at most 256 at once), and\n"
                   "                      /healthz never waits\n"
                   "  --allow-private     let API-added sources point at loopback or private\n"
                   "                      addresses (refused by default)\n"
                   "  --port-file FILE    write the port listened on to FILE\n"
                   "  --publish-every D   record the report page as a new edition when it is\n"
                   "                      built and the last edition is older than D (1d, 12h,\n"
                   "                      90m...), so 'What's new' starts from it; default\n"
                   "                      never: editions come only from 'report --publish'\n"
                   "                      (of --format html, the page's own series)\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("serve", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    if (!cli_store_exists(ctx))
        return EXIT_FAIL;
    o.host = host;
    o.token = getenv("MTRACK_TOKEN");
    if (o.token && !*o.token)
        o.token = NULL;
    char why[512];
    if (serve_run(&o, why, sizeof why) < 0) {
        cli_error("serve", "%s", why);
        return EXIT_FAIL;
    }
    return EXIT_DONE;
}
