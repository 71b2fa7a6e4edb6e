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

/* The marks around a search hit in a snippet: private-use code points
 * U+E000 and U+E001, which utf8_text_clean removes from every stored text,
 * so they never occur in an article (issue 12 #18). */
#define MARK_OPEN "\xEE\x80\x80"
#define MARK_CLOSE "\xEE\x80\x81"
#define MARK_LEN 3

/* Length of the invalid sequence at p (n > 0 bytes, utf8_decode gave 0):
 * the lead byte and the continuation bytes a cut-short character kept, so
 * that one damaged character becomes one U+FFFD. */
size_t utf8_bad_len(const unsigned char *p, size_t n);
/* A copy of s (n bytes) with each invalid sequence replaced by U+FFFD and
 * NULs dropped; *outlen gets its length. */
char *utf8_repair(const char *s, size_t n, size_t *outlen);
/* Windows-1252 (Latin-1 as browsers read it) to UTF-8; NULs dropped, its
 * five undefined bytes become U+FFFD. */
char *utf8_from_cp1252(const char *s, size_t n, size_t *outlen);
/* 1 when bytes with no declared charset are best read as UTF-8: valid, or
 * their bytes over 0x7F mostly shaped as UTF-8 (a damaged character in a
 * UTF-8 page is one U+FFFD, not a page read as Latin-1); 0 when they look
 * like a single-byte charset (a high byte between ASCII letters). */
int utf8_likely(const char *s, size_t n);
/* A copy of s (n bytes of UTF-8 or not) fit to store as text: invalid
 * sequences become U+FFFD; CR LF and CR become LF, form feed and vertical
 * tab LF; other control characters (C0 but tab and LF, DEL, C1) and the
 * search marks are dropped. *outlen (may be NULL) gets its length. */
char *utf8_text_clean(const char *s, size_t n, size_t *outlen);

#endif
