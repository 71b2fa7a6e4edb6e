/* cli: the command dispatch of mtrack and what every command shares. */
#ifndef MTRACK_CLI_H
#define MTRACK_CLI_H

#define MTRACK_VERSION "0.1.0"

/* Exit statuses: done, runtime failure, usage error. */
enum { EXIT_DONE = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct cli_ctx {
    const char *db_path; /* --db, $MTRACK_DB, or ./mtrack.db */
} cli_ctx;

/* Every command gets argv with argv[0] the command's name, so getopt_long
 * works as usual (reset optind = 0 is done by the dispatcher). Returns an
 * exit status. Each command handles --help itself. */
typedef int (*cli_cmd_fn)(const cli_ctx *ctx, int argc, char **argv);

int cmd_init(const cli_ctx *ctx, int argc, char **argv);
int cmd_ingest(const cli_ctx *ctx, int argc, char **argv);
int cmd_search(const cli_ctx *ctx, int argc, char **argv);
int cmd_report(const cli_ctx *ctx, int argc, char **argv);
int cmd_events(const cli_ctx *ctx, int argc, char **argv);
int cmd_sources(const cli_ctx *ctx, int argc, char **argv);
int cmd_parse_feed(const cli_ctx *ctx, int argc, char **argv);
int cmd_extract(const cli_ctx *ctx, int argc, char **argv);
int cmd_analyze(const cli_ctx *ctx, int argc, char **argv);
int cmd_reanalyze(const cli_ctx *ctx, int argc, char **argv);
int cmd_update(const cli_ctx *ctx, int argc, char **argv);
int cmd_serve(const cli_ctx *ctx, int argc, char **argv);
int cmd_watch(const cli_ctx *ctx, int argc, char **argv);
int cmd_mcp(const cli_ctx *ctx, int argc, char **argv);
int cmd_store(const cli_ctx *ctx, int argc, char **argv);

/* 1 when the store at ctx->db_path exists (or is not a plain file name);
 * else 0, after "mtrack: store PATH: no such store (create it with mtrack
 * init)" on stderr. Commands that only read or serve the record call it
 * before opening the store (store_open creates a missing one). */
int cli_store_exists(const cli_ctx *ctx);

/* Prints "mtrack: <what>: <why>" on stderr. */
void cli_error(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "mtrack CMD: unknown option ..."-style usage errors and a hint;
 * returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
