/* fold: Unicode folding of article text to the ASCII punctuation the analysis reads. */
#ifndef MTRACK_FOLD_H
#define MTRACK_FOLD_H

#include <stddef.h>

/* Folds n bytes of UTF-8 at s into out (room for at least n+1 bytes: folding never grows the text):
 * curly quotes to ' and ", dashes to '-', every space separator (NBSP,
 * thin space...) to ' ', fullwidth ASCII to ASCII, zero-width marks and soft
 * hyphens dropped, invalid bytes to ' '. Other characters (letters, currency
 * symbols) are kept as they are. Returns the length written (out is
 * NUL-terminated). Never fails. */
size_t fold_text(const char *s, size_t n, char *out);

#endif
