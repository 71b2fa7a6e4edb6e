/* place: cities, regions, countries and demonyms to ISO 3166-1 alpha-2 codes. */
#include "analyze/place.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"
#include "util/str.h"

#define PLACES_MAX 2048

typedef struct place { const char *name; size_t len; char code[3]; } place;

static place places[PLACES_MAX];
static size_t n_places;
static pthread_once_t places_once = PTHREAD_ONCE_INIT;

static int place_cmp(const void *a, const void *b)
{
    const place *x = a, *y = b;
    size_t m = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, m);
    if (c)
        return c;
    return (x->len > y->len) - (x->len < y->len);
}

static void places_load(void)
{
    size_t len = 0;
    const char *d = embed_get("places.tsv", &len);
    if (!d)
        return;
    const char *p = d, *end = d + len;
    while (p < end && n_places < PLACES_MAX) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *tab = memchr(p, '\t', (size_t)(le - p));
        if (*p != '#' && tab && le - tab == 3) {
            place *x = &places[n_places++];
            x->name = p;
            x->len = (size_t)(tab - p);
            x->code[0] = tab[1];
            x->code[1] = tab[2];
            x->code[2] = 0;
        }
        p = le + 1;
    }
    qsort(places, n_places, sizeof *places, place_cmp);
}

const char *place_lookup(const char *s, size_t n)
{
    pthread_once(&places_once, places_load);
    if (n == 0 || n > 64)
        return NULL;
    place key = {s, n, {0}};
    place *hit = bsearch(&key, places, n_places, sizeof *places, place_cmp);
    return hit ? hit->code : NULL;
}

const char *place_ending_at(const char *s, size_t lo, size_t end, size_t *start)
{
    const char *best = NULL;
    size_t b = end;
    /* try the last one to four words */
    for (int words = 0; words < 4 && b > lo; words++) {
        while (b > lo && s[b - 1] == ' ')
            b--;
        while (b > lo && s[b - 1] != ' ' && s[b - 1] != '(' && s[b - 1] != '"' && s[b - 1] != ',')
            b--;
        const char *c = place_lookup(s + b, end - b);
        if (c) {
            best = c;
            *start = b;
        }
        if (b > lo && s[b - 1] != ' ')
            break;
    }
    return best;
}

const char *place_starting_at(const char *s, size_t n, size_t i, size_t *end)
{
    const char *best = NULL;
    size_t e = i;
    for (int words = 0; words < 4 && e < n; words++) {
        while (e < n && s[e] == ' ' && e > i)
            e++;
        size_t w = e;
        while (e < n && (str_isalnum((unsigned char)s[e]) || s[e] == '-' || s[e] == '\'' ||
                         s[e] == '.' || (unsigned char)s[e] >= 0x80))
            e++;
        if (e == w)
            break;
        size_t t = e;
        while (t > i && s[t - 1] == '.')
            t--; /* "Paris." */
        const char *c = place_lookup(s + i, e - i);
        if (!c && t != e)
            c = place_lookup(s + i, t - i), e = c ? t : e;
        if (c) {
            best = c;
            *end = e;
        }
    }
    return best;
}
