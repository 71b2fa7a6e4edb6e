/* str: small string helpers, ASCII-only so parsing never depends on locale. */
#include "str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("mtrack: memory: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int str_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = str_tolower((unsigned char)*a), cb = str_tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int str_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = str_tolower((unsigned char)a[i]), cb = str_tolower((unsigned char)b[i]);
        if (ca != cb || !ca)
            return ca - cb;
    }
    return 0;
}

bool str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_istarts(const char *s, const char *prefix)
{
    return str_ncasecmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

const char *str_icasestr(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m == 0)
        return hay;
    for (size_t i = 0; i + m <= n; i++)
        if (str_ncasecmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

char *str_trim(char *s)
{
    size_t n = strlen(s);
    while (n && str_isspace((unsigned char)s[n - 1]))
        n--;
    s[n] = '\0';
    size_t i = 0;
    while (str_isspace((unsigned char)s[i]))
        i++;
    if (i)
        memmove(s, s + i, n - i + 1);
    return s;
}

char *str_lower(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)str_tolower((unsigned char)*p);
    return s;
}

char *str_squeeze(char *s)
{
    char *w = s;
    bool space = true; /* drops leading space */
    for (const char *r = s; *r; r++) {
        if (str_isspace((unsigned char)*r)) {
            if (!space)
                *w++ = ' ';
            space = true;
        } else {
            *w++ = *r;
            space = false;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
    return s;
}
