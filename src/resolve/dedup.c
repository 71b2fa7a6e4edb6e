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

uint64_t dedup_simhash(const char *text, size_t len)
{
    int weights[64] = {0};
    uint64_t words[3] = {0};
    int have = 0;
    size_t i = 0;
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
        uint64_t h = XXH3_64bits(words, sizeof words);
        for (int bit = 0; bit < 64; bit++)
            weights[bit] += (h >> bit) & 1 ? 1 : -1;
    }
    uint64_t out = 0;
    for (int bit = 0; bit < 64; bit++)
        if (weights[bit] > 0)
            out |= (uint64_t)1 << bit;
    return out;
}
