/* sentence: splits article text into sentences, surviving abbreviations,
 * decimals and initials. */
#ifndef MTRACK_SENTENCE_H
#define MTRACK_SENTENCE_H

#include <stddef.h>

/* Longest sentence handed out; a longer run is cut at a space (or hard). */
#define SENTENCE_MAX 4000

/* Finds the next sentence of s (n bytes) at or after *pos. On success stores
 * its byte range in *start and *len (leading white space and list bullets
 * skipped, trailing white space trimmed), advances *pos past it and returns
 * 1; returns 0 at the end of the text. Linear in n over a whole walk. */
int sentence_next(const char *s, size_t n, size_t *pos, size_t *start, size_t *len);

#endif
