/* cmd_update: PLACEHOLDER until the fetch module lands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int cmd_update(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: mtrack update\n\nNot available in this version yet.\n");
        return EXIT_DONE;
    }
    cli_error("update", "not available in this version yet");
    return EXIT_FAIL;
}
