/* dedup: the keys that make one document of many copies. */
#include "dedup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "util/buf.h"
#include "util/str.h"

void dedup_content_hash(const char *text, size_t len, char out[33])
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    char chunk[4096];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80 && !str_isalnum(c))
            continue; /* white space and ASCII punctuation do not count */
        chunk[n++] = (char)str_tolower(c);
        if (n == sizeof chunk) {
            XXH3_128bits_update(st, chunk, n);
            n = 0;
        }
    }
    XXH3_128bits_update(st, chunk, n);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
}

static int tracking_param(const char *p, size_t n)
{
    static const char *const names[] = {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
        "_ga", "_hsenc", "_hsmi", "ref_src", "cmpid", "ncid", "ocid", "sr_share", "smid",
    };
    if (n >= 4 && strncmp(p, "utm_", 4) == 0)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && memcmp(p, names[i], n) == 0)
            return 1;
    return 0;
}

char *dedup_canonical_url(const char *url)
{
    const char *p = url;
    while (str_isspace((unsigned char)*p))
        p++;
    int https;
    if (str_istarts(p, "https://"))
        https = 1, p += 8;
    else if (str_istarts(p, "http://"))
        https = 0, p += 7;
    else
        return NULL;
    size_t hostlen = strcspn(p, "/?#");
    if (hostlen == 0 || hostlen > 255)
        return NULL;
    buf_t b;
    buf_init(&b, 1 << 16);
    buf_puts(&b, https ? "https://" : "http://");
    const char *host = p, *at = memchr(host, '@', hostlen);
    if (at) { /* credentials are never part of a canonical URL */
        hostlen -= (size_t)(at + 1 - host);
        host = at + 1;
    }
    size_t hl = hostlen;
    const char *colon = memchr(host, ':', hostlen);
    if (colon && ((https && strncmp(colon, ":443", hostlen - (size_t)(colon - host)) == 0 && hostlen - (size_t)(colon - host) == 4) ||
                  (!https && hostlen - (size_t)(colon - host) == 3 && strncmp(colon, ":80", 3) == 0)))
        hl = (size_t)(colon - host);
    for (size_t i = 0; i < hl; i++)
        buf_putc(&b, str_tolower((unsigned char)host[i]));
    if (hl && host[hl - 1] == '.')
        b.data[--b.len] = '\0';
    p = host + hostlen;
    size_t pathlen = strcspn(p, "?#");
    if (pathlen == 0)
        buf_putc(&b, '/');
    else
        buf_append(&b, p, pathlen);
    p += pathlen;
    if (*p == '?') {
        p++;
        size_t qlen = strcspn(p, "#");
        const char *q = p, *qend = p + qlen;
        int first = 1;
        while (q < qend) {
            const char *amp = memchr(q, '&', (size_t)(qend - q));
            size_t n = amp ? (size_t)(amp - q) : (size_t)(qend - q);
            size_t keylen = strcspn(q, "=&#");
            if (keylen > n)
                keylen = n;
            if (n && !tracking_param(q, keylen)) {
                buf_putc(&b, first ? '?' : '&');
                buf_append(&b, q, n);
                first = 0;
            }
            q += n + (amp ? 1 : 0);
        }
    }
    return buf_detach(&b);
}

/* Multipliers of the hash family h_i(x) = (a_i * x + b_i) >> 32: odd
 * constants drawn once (splitmix64 from a fixed seed). */
static void family(uint64_t a[DEDUP_MINHASH], uint64_t b[DEDUP_MINHASH])
{
    uint64_t z = 0x6d747261636b3031ULL; /* "mtrack01" */
    for (int i = 0; i < DEDUP_MINHASH; i++) {
        for (int k = 0; k < 2; k++) {
            uint64_t x = (z += 0x9E3779B97F4A7C15ULL);
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
            x ^= x >> 31;
            if (k == 0)
                a[i] = x | 1;
            else
                b[i] = x;
        }
    }
}

/* Calls fn with the hash of every word 3-shingle of text (words folded to
 * lower case); returns how many there were. */
static size_t each_shingle(const char *text, size_t len, void (*fn)(uint64_t h, void *ctx), void *ctx)
{
    uint64_t words[3] = {0};
    size_t have = 0, shingles = 0, i = 0;
    while (i < len) {
        while (i < len && !str_isalnum((unsigned char)text[i]) && !((unsigned char)text[i] & 0x80))
            i++;
        size_t w = i;
        char low[64];
        size_t k = 0;
        while (i < len && (str_isalnum((unsigned char)text[i]) || ((unsigned char)text[i] & 0x80))) {
            if (k < sizeof low)
                low[k++] = (char)str_tolower((unsigned char)text[i]);
            i++;
        }
        if (i == w)
            continue;
        words[0] = words[1];
        words[1] = words[2];
        words[2] = XXH3_64bits(low, k);
        if (++have < 3)
            continue;
        fn(XXH3_64bits(words, sizeof words), ctx);
        shingles++;
    }
    return shingles;
}

static uint64_t fam_a[DEDUP_MINHASH], fam_b[DEDUP_MINHASH];

static void minhash_one(uint64_t h, void *ctx)
{
    uint32_t *sig = ctx;
    for (int j = 0; j < DEDUP_MINHASH; j++) {
        uint32_t v = (uint32_t)((fam_a[j] * h + fam_b[j]) >> 32);
        if (v < sig[j])
            sig[j] = v;
    }
}

size_t dedup_minhash(const char *text, size_t len, uint32_t sig[DEDUP_MINHASH])
{
    static int ready;
    if (!ready) {
        family(fam_a, fam_b);
        ready = 1;
    }
    for (int i = 0; i < DEDUP_MINHASH; i++)
        sig[i] = UINT32_MAX;
    return each_shingle(text, len, minhash_one, sig);
}

typedef struct shingle_set {
    uint64_t *v;
    size_t n, cap;
} shingle_set;

static void collect(uint64_t h, void *ctx)
{
    shingle_set *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = h;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

size_t dedup_shingles(const char *text, size_t len, uint64_t **out)
{
    shingle_set s = {0};
    each_shingle(text, len, collect, &s);
    if (s.n)
        qsort(s.v, s.n, sizeof *s.v, u64_cmp);
    size_t u = 0;
    for (size_t i = 0; i < s.n; i++)
        if (!u || s.v[u - 1] != s.v[i])
            s.v[u++] = s.v[i];
    *out = s.v;
    return u;
}

double dedup_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            both++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    size_t all = na + nb - both;
    return all ? (double)both / (double)all : 0;
}

void dedup_bands(const uint32_t sig[DEDUP_MINHASH], int64_t keys[DEDUP_BANDS])
{
    const int rows = DEDUP_MINHASH / DEDUP_BANDS;
    for (int band = 0; band < DEDUP_BANDS; band++) {
        uint64_t h = XXH3_64bits(sig + band * rows, rows * sizeof *sig);
        /* the band number in the top byte keeps bands apart */
        keys[band] = (int64_t)(((uint64_t)band << 56) | (h & 0x00FFFFFFFFFFFFFFULL));
    }
}

double dedup_similarity(const uint32_t x[DEDUP_MINHASH], const uint32_t y[DEDUP_MINHASH])
{
    int same = 0;
    for (int i = 0; i < DEDUP_MINHASH; i++)
        same += x[i] == y[i];
    return (double)same / DEDUP_MINHASH;
}
