/* cmd_store: init, ingest, search, events, sources, report (spine, WIP). */
#include "cli/cli.h"
int cmd_init(const cli_ctx *c, int a, char **v) { (void)c; (void)a; (void)v; return EXIT_FAIL; }
int cmd_ingest(const cli_ctx *c, int a, char **v) { (void)c; (void)a; (void)v; return EXIT_FAIL; }
int cmd_search(const cli_ctx *c, int a, char **v) { (void)c; (void)a; (void)v; return EXIT_FAIL; }
int cmd_events(const cli_ctx *c, int a, char **v) { (void)c; (void)a; (void)v; return EXIT_FAIL; }
int cmd_sources(const cli_ctx *c, int a, char **v) { (void)c; (void)a; (void)v; return EXIT_FAIL; }
int cmd_report(const cli_ctx *c, int a, char **v) { (void)c; (void)a; (void)v; return EXIT_FAIL; }
