/* cmd_analyze: PLACEHOLDER until its module lands. */
#include "cli/cli.h"
int cmd_analyze(const cli_ctx *ctx, int argc, char **argv)
{ (void)ctx; (void)argc; (void)argv; cli_error("analyze", "not implemented yet"); return EXIT_FAIL; }
