/* utf8: decoding, encoding and validation of UTF-8 byte strings. */
#ifndef MTRACK_UTF8_H
#define MTRACK_UTF8_H

#include <stddef.h>

/* Decodes one code point at p (n bytes available). Returns its length in
 * bytes (1..4) and stores it in *cp, or 0 when the bytes are not valid
 * UTF-8 (overlong forms, surrogates and values past U+10FFFF included). */
size_t utf8_decode(const unsigned char *p, size_t n, int *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the length, 0 for an
 * invalid code point. */
size_t utf8_encode(int cp, char *out);
/* 1 when all n bytes are valid UTF-8. */
int utf8_valid(const char *s, size_t n);

#endif
