/* number: reads numbers as news writes them: "1,200", "1.03", "2.5bn",
 * "30m", "750 crore", "two billion", "half a billion". */
#ifndef MTRACK_NUMBER_H
#define MTRACK_NUMBER_H

#include <stddef.h>

/* Longest digit run read as a number; longer runs are skipped whole. */
#define NUMBER_MAX_DIGITS 24

/* Reads the figure at *p (before end): digits with optional thousands
 * commas and one decimal point. On success stores it in *out, advances *p
 * and returns 0; returns -1 (and advances *p past the whole digit run, so a
 * caller's walk stays linear) when there is no figure or it is too long. */
int number_read(const char **p, const char *end, double *out);

/* Reads a number written in words at *p: "one" to "ninety-nine", "a",
 * "an", "half a", "a dozen"; returns 0 and advances, or -1 and leaves *p. */
int number_read_words(const char **p, const char *end, double *out);

/* Reads an optional scale after a figure (spaces allowed before a word):
 * "thousand"/"k", "million"/"mn"/"mln"/"m", "billion"/"bn"/"b", "trillion"/"tn",
 * "crore"/"cr", "lakh". Stores the multiplier (1 when none) in *mult,
 * advances *p past it and returns 1 when one was read, else 0. */
int number_read_scale(const char **p, const char *end, double *mult);

/* Reads a percentage at *p: a figure then "%", " percent" or " per cent"
 * (a leading '+' or '-' kept). Returns 0 and advances, or -1. */
int number_read_percent(const char **p, const char *end, double *out);

#endif
