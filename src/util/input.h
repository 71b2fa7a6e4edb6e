/* input: the one reader of the dates, amounts and counts users hand to
 * mtrack (command-line options, API parameters, MCP arguments), so that all
 * of them accept and refuse the same things: the CLI answers a refusal with
 * exit 2, the API with 400, MCP with a JSON-RPC error. */
#ifndef MTRACK_INPUT_H
#define MTRACK_INPUT_H

#include <stdbool.h>
#include <stdint.h>

/* True when s is a calendar day that exists, written YYYY-MM-DD (years
 * 0001-9999): "2026-02-28" is one, "2026-02-30", "2026-13-01", "yesterday"
 * and "2026-3-1" are not. */
bool input_day(const char *s);

/* A non-negative, finite amount of dollars: "100000000", "1e8", "2.5e6",
 * or with a suffix k, M, B (either case): "30k", "100M", "2B". Returns 0
 * and sets *out, or -1 ("-5", "nan", "inf", " 5", "5x", "0x10" are refused). */
int input_usd(const char *s, double *out);

/* A whole number in lo..hi written in decimal digits (a leading '-' only
 * when lo < 0). Returns 0 and sets *out, or -1. */
int input_int(const char *s, int64_t lo, int64_t hi, int64_t *out);

/* A duration of at most a year: "90" or "90s", "15m", "2h", "1d". Returns
 * it in seconds (at least 1), or -1. */
long input_duration(const char *s);

#endif
