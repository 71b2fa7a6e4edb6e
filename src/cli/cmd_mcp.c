/* cmd_mcp: 'mtrack mcp', the Model Context Protocol server on stdio. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "mcp/mcp.h"
#include "store/store.h"

int cmd_mcp(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"allow-private", no_argument, 0, 'p'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int allow_private = 0, c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'p': allow_private = 1; break;
        case 'h':
            printf("usage: mtrack [--db PATH] mcp [--allow-private]\n\n"
                   "A Model Context Protocol server (revision " MCP_PROTOCOL_VERSION ") on standard\n"
                   "input and output: JSON-RPC 2.0, one message per line, for AI agents.\n"
                   "Tools: search, list_events, get_event, get_report, add_source.\n"
                   "Resources: mtrack://trackers/NAME/report.md and .json for each tracker.\n"
                   "Log lines go to stderr. See docs/MCP.md for a client configuration.\n\n"
                   "  --allow-private   let add_source take loopback and private addresses\n");
            return EXIT_DONE;
        default:
            return cli_usage_error("mcp", "bad option");
        }
    }
    if (optind < argc)
        return cli_usage_error("mcp", "unexpected argument '%s'", argv[optind]);
    if (!cli_store_exists(ctx))
        return EXIT_FAIL;
    char why[512];
    char shown[512];
    store_t *s = store_open(ctx->db_path, why, sizeof why);
    if (!s) {
        cli_error("mcp", "%s: %s", store_path_shown(ctx->db_path, shown, sizeof shown), why);
        return EXIT_FAIL;
    }
    fprintf(stderr, "mtrack: mcp: serving %s on stdio\n", store_path_shown(ctx->db_path, shown, sizeof shown));
    mcp_server *m = mcp_new(s, allow_private);
    int rc = mcp_serve(m, stdin, stdout);
    mcp_free(m);
    store_close(s);
    return rc < 0 ? EXIT_FAIL : EXIT_DONE;
}
