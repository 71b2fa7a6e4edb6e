/* cmd_later: commands whose issues have not landed yet. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int later(const char *name, const char *what, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: mtrack %s\n\n%s\n\nNot available in this version yet.\n", name, what);
        return EXIT_DONE;
    }
    cli_error(name, "not available in this version yet");
    return EXIT_FAIL;
}

int cmd_serve(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    return later("serve", "Serves the web UI, the JSON API and the Atom feeds.", argc, argv);
}

int cmd_watch(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    return later("watch", "Runs update on a schedule and delivers alerts.", argc, argv);
}

int cmd_mcp(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    return later("mcp", "A Model Context Protocol server over stdio.", argc, argv);
}
