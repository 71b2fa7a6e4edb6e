/* cmd_parse_feed: PLACEHOLDER until its module lands. */
#include "cli/cli.h"
int cmd_parse_feed(const cli_ctx *ctx, int argc, char **argv)
{ (void)ctx; (void)argc; (void)argv; cli_error("parse-feed", "not implemented yet"); return EXIT_FAIL; }
