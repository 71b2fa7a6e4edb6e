/* cmd_watch: PLACEHOLDER until its module lands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cmd_watch(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: mtrack watch\n\nNot available in this version yet.\n");
        return EXIT_DONE;
    }
    cli_error("watch", "not available in this version yet");
    return EXIT_FAIL;
}
