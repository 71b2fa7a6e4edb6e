/* cmd_extract: PLACEHOLDER until its module lands. */
#include "cli/cli.h"
int cmd_extract(const cli_ctx *ctx, int argc, char **argv)
{ (void)ctx; (void)argc; (void)argv; cli_error("extract", "not implemented yet"); return EXIT_FAIL; }
