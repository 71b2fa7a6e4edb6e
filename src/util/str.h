/* str: small string helpers, ASCII-only so parsing never depends on locale. */
#ifndef MTRACK_STR_H
#define MTRACK_STR_H

#include <stdbool.h>
#include <stddef.h>

/* The plural ending of a count: "1 source", "2 sources" (printf("%lld
 * source%s", n, str_s(n))). */
#define str_s(n) ((n) == 1 ? "" : "s")

/* Allocating copies; abort on out of memory (there is no sane recovery in
 * a CLI). xstrndup copies at most n bytes and NUL-terminates. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

#define str_isspace(c) ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r' || (c) == '\f' || (c) == '\v')
#define str_isdigit(c) ((unsigned)(c) - '0' < 10u)
#define str_isalpha(c) ((unsigned)((c) | 32) - 'a' < 26u)
#define str_isalnum(c) (str_isalpha(c) || str_isdigit(c))
#define str_isupper(c) ((unsigned)(c) - 'A' < 26u)
#define str_islower(c) ((unsigned)(c) - 'a' < 26u)
#define str_tolower(c) (str_isupper(c) ? (c) + 32 : (c))
#define str_toupper(c) (str_islower(c) ? (c) - 32 : (c))

/* ASCII case-insensitive comparisons. */
int str_casecmp(const char *a, const char *b);
int str_ncasecmp(const char *a, const char *b, size_t n);
bool str_starts(const char *s, const char *prefix);
bool str_istarts(const char *s, const char *prefix);
bool str_ends(const char *s, const char *suffix);
/* Case-insensitive substring search within the first n bytes of hay. */
const char *str_icasestr(const char *hay, size_t n, const char *needle);

/* Trims ASCII white space in place; returns s. */
char *str_trim(char *s);
/* Lower-cases ASCII letters in place; returns s. */
char *str_lower(char *s);
/* Collapses runs of white space to one space and trims, in place. */
char *str_squeeze(char *s);

#endif
