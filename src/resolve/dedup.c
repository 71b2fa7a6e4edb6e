/* dedup: the keys that make one document of many copies. */
#include "dedup.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "analyze/fold.h"
#include "analyze/money.h"
#include "analyze/org.h"
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
static pthread_once_t fam_once = PTHREAD_ONCE_INIT;

static void fam_init(void)
{
    family(fam_a, fam_b);
}

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
    pthread_once(&fam_once, fam_init);
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

/* ---- near-duplicate profiles ---- */

static int u32_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v and drops repeats; returns the new count. */
static size_t sort_unique32(uint32_t *v, size_t n)
{
    if (n)
        qsort(v, n, sizeof *v, u32_cmp);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || v[u - 1] != v[i])
            v[u++] = v[i];
    return u;
}

long dedup_find32(const uint32_t *a, size_t n, uint32_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && a[lo] == v ? (long)lo : -1;
}

typedef struct set32 {
    uint32_t *v;
    size_t n, cap;
} set32;

static void set32_add(set32 *s, uint32_t x)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
}

static void collect32(uint64_t h, void *ctx)
{
    set32_add(ctx, (uint32_t)(h >> 32));
}

/* The name words (org_name_word: capitalised, mixed case; not stop words
 * like "The" or "Monday") of n bytes at s into all, and into lead while
 * *left words of the lead remain. */
static void name_words(const char *s, size_t n, set32 *all, set32 *lead, size_t *left)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !str_isalnum((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80))
            i++;
        size_t w = i;
        while (i < n && (str_isalnum((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80)))
            i++;
        if (i == w)
            continue;
        int in_lead = *left > 0;
        if (*left)
            (*left)--;
        if (i - w > 40 || !org_name_word(s + w, i - w))
            continue;
        char low[40];
        for (size_t k = w; k < i; k++)
            low[k - w] = (char)str_tolower((unsigned char)s[k]);
        uint32_t h = (uint32_t)(XXH3_64bits(low, i - w) >> 32);
        if (all->n < 4 * DEDUP_MAX_NAMES)
            set32_add(all, h);
        if (in_lead)
            set32_add(lead, h);
    }
}

/* Words that tie any two headlines together. */
static int function_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "about", "after", "all", "also", "amid", "and", "are", "before", "but", "can", "for",
        "from", "had", "has", "have", "her", "his", "how", "into", "its", "just", "more", "most",
        "new", "not", "now", "off", "onto", "our", "out", "over", "per", "said", "say", "says",
        "than", "that", "the", "their", "them", "then", "these", "they", "this", "under", "via",
        "was", "were", "what", "when", "where", "who", "why", "will", "with", "would", "you", "your",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

/* The title's words of three or more letters that are not function words,
 * folded, as hashes. */
static void title_words(const char *s, size_t n, set32 *out)
{
    size_t i = 0;
    while (i < n && out->n < DEDUP_MAX_TITLE_WORDS) {
        while (i < n && !str_isalnum((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80))
            i++;
        size_t w = i;
        while (i < n && (str_isalnum((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80)))
            i++;
        if (i - w < 3 || i - w > 40)
            continue;
        char low[40];
        for (size_t k = w; k < i; k++)
            low[k - w] = (char)str_tolower((unsigned char)s[k]);
        if (!function_word(low, i - w))
            set32_add(out, (uint32_t)(XXH3_64bits(low, i - w) >> 32));
    }
}

static int same_figure(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= 0.05 * m;
}

/* The money amounts of n bytes at s, sentence by sentence. */
static void figures(const char *s, size_t n, double *fig, size_t *nfig)
{
    char *f = xmalloc(n + 1);
    size_t fl = fold_text(s, n, f);
    money_t m[MONEY_MAX];
    size_t start = 0;
    for (size_t i = 0; i <= fl && *nfig < DEDUP_MAX_FIGURES; i++) {
        /* a sentence ends at a line end, or at . ! ? before a space and a
         * capital or a quote */
        int end = i == fl || f[i] == '\n' ||
                  ((f[i] == '.' || f[i] == '!' || f[i] == '?') && i + 2 < fl && f[i + 1] == ' ' &&
                   (str_isupper((unsigned char)f[i + 2]) || f[i + 2] == '"'));
        if (!end)
            continue;
        size_t k = money_find(f + start, i - start, 0, m, MONEY_MAX);
        for (size_t j = 0; j < k && *nfig < DEDUP_MAX_FIGURES; j++) {
            double v = isnan(m[j].usd) ? m[j].value : m[j].usd;
            if (!(v > 0))
                continue;
            size_t q = 0;
            while (q < *nfig && !same_figure(fig[q], v))
                q++;
            if (q == *nfig)
                fig[(*nfig)++] = v;
        }
        start = i + 1;
    }
    free(f);
}

void dedup_profile_make(const char *title, const char *text, dedup_profile *p)
{
    memset(p, 0, sizeof *p);
    if (!title)
        title = "";
    if (!text)
        text = "";
    size_t tl = strlen(title), xl = strlen(text);
    set32 sh = {0};
    /* the text's shingles only: outlets retitle the stories they take, and
     * the title's figures and names are among the keys */
    each_shingle(text, xl, collect32, &sh);
    p->total = sort_unique32(sh.v, sh.n);
    p->nsh = p->total < DEDUP_SKETCH_MAX ? p->total : DEDUP_SKETCH_MAX;
    p->sh = sh.v;

    /* names of the title count as named, not as the lead: a title is
     * rewritten by whoever takes the story, often in Title Case */
    set32 all = {0}, lead = {0};
    size_t left = 0;
    name_words(title, tl, &all, &lead, &left);
    left = DEDUP_LEAD_WORDS;
    name_words(text, xl, &all, &lead, &left);
    p->nnames = sort_unique32(all.v, all.n);
    if (p->nnames > DEDUP_MAX_NAMES)
        p->nnames = DEDUP_MAX_NAMES;
    p->names = all.v;
    p->nlead = sort_unique32(lead.v, lead.n);
    if (p->nlead > DEDUP_MAX_NAMES)
        p->nlead = DEDUP_MAX_NAMES;
    p->lead = lead.v;

    set32 tw = {0};
    title_words(title, tl, &tw);
    p->ntw = sort_unique32(tw.v, tw.n);
    p->tw = tw.v;

    p->fig = xmalloc(DEDUP_MAX_FIGURES * sizeof *p->fig);
    figures(title, tl, p->fig, &p->nfig);
    figures(text, xl, p->fig, &p->nfig);
}

void dedup_profile_free(dedup_profile *p)
{
    free(p->sh);
    free(p->fig);
    free(p->names);
    free(p->lead);
    free(p->tw);
    memset(p, 0, sizeof *p);
}

/* Little-endian encoding, so that a store moves between machines. */
static void put32(unsigned char *o, uint32_t v)
{
    o[0] = (unsigned char)v, o[1] = (unsigned char)(v >> 8);
    o[2] = (unsigned char)(v >> 16), o[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *i)
{
    return (uint32_t)i[0] | (uint32_t)i[1] << 8 | (uint32_t)i[2] << 16 | (uint32_t)i[3] << 24;
}

/* sketch: "S1", then total, then nsh hashes, each 4 bytes */
void *dedup_sketch_pack(const dedup_profile *p, size_t *len)
{
    *len = 8 + 4 * p->nsh;
    unsigned char *o = xmalloc(*len);
    memcpy(o, "S1\0\0", 4);
    put32(o + 4, (uint32_t)(p->total > UINT32_MAX ? UINT32_MAX : p->total));
    for (size_t i = 0; i < p->nsh; i++)
        put32(o + 8 + 4 * i, p->sh[i]);
    return o;
}

int dedup_sketch_unpack(const void *blob, size_t len, dedup_profile *p)
{
    const unsigned char *b = blob;
    if (!b || len < 8 || (len - 8) % 4 || memcmp(b, "S1\0\0", 4) != 0)
        return -1;
    p->nsh = (len - 8) / 4;
    p->total = get32(b + 4);
    free(p->sh);
    p->sh = xmalloc((p->nsh ? p->nsh : 1) * sizeof *p->sh);
    for (size_t i = 0; i < p->nsh; i++)
        p->sh[i] = get32(b + 8 + 4 * i);
    return 0;
}

/* keys: "K2", the four counts (2 bytes each), then the figures (8 bytes
 * each, IEEE 754 bits), the names, the lead and the title's words (4 bytes
 * each). ("K1" had no title words.) */
void *dedup_keys_pack(const dedup_profile *p, size_t *len)
{
    *len = 10 + 8 * p->nfig + 4 * (p->nnames + p->nlead + p->ntw);
    unsigned char *o = xmalloc(*len);
    o[0] = 'K', o[1] = '2';
    size_t counts[4] = {p->nfig, p->nnames, p->nlead, p->ntw};
    for (int k = 0; k < 4; k++)
        o[2 + 2 * k] = (unsigned char)counts[k], o[3 + 2 * k] = (unsigned char)(counts[k] >> 8);
    unsigned char *q = o + 10;
    for (size_t i = 0; i < p->nfig; i++, q += 8) {
        uint64_t bits;
        memcpy(&bits, &p->fig[i], 8);
        put32(q, (uint32_t)bits);
        put32(q + 4, (uint32_t)(bits >> 32));
    }
    for (size_t i = 0; i < p->nnames; i++, q += 4)
        put32(q, p->names[i]);
    for (size_t i = 0; i < p->nlead; i++, q += 4)
        put32(q, p->lead[i]);
    for (size_t i = 0; i < p->ntw; i++, q += 4)
        put32(q, p->tw[i]);
    return o;
}

static uint32_t *get_all32(const unsigned char **q, size_t n)
{
    uint32_t *v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++, *q += 4)
        v[i] = get32(*q);
    return v;
}

int dedup_keys_unpack(const void *blob, size_t len, dedup_profile *p)
{
    const unsigned char *b = blob;
    if (!b || len < 8 || b[0] != 'K' || (b[1] != '1' && b[1] != '2') || (b[1] == '2' && len < 10))
        return -1;
    size_t head = b[1] == '2' ? 10 : 8;
    size_t nf = b[2] | (size_t)b[3] << 8, nn = b[4] | (size_t)b[5] << 8, nl = b[6] | (size_t)b[7] << 8;
    size_t nt = head == 10 ? (b[8] | (size_t)b[9] << 8) : 0;
    if (len != head + 8 * nf + 4 * (nn + nl + nt))
        return -1;
    free(p->fig);
    free(p->names);
    free(p->lead);
    free(p->tw);
    p->nfig = nf, p->nnames = nn, p->nlead = nl, p->ntw = nt;
    p->fig = xmalloc((nf ? nf : 1) * sizeof *p->fig);
    const unsigned char *q = b + head;
    for (size_t i = 0; i < nf; i++, q += 8) {
        uint64_t bits = (uint64_t)get32(q) | (uint64_t)get32(q + 4) << 32;
        memcpy(&p->fig[i], &bits, 8);
    }
    p->names = get_all32(&q, nn);
    p->lead = get_all32(&q, nl);
    p->tw = get_all32(&q, nt);
    return 0;
}

void dedup_minhash_set(const uint32_t *v, size_t n, uint32_t sig[DEDUP_MINHASH])
{
    pthread_once(&fam_once, fam_init);
    for (int i = 0; i < DEDUP_MINHASH; i++)
        sig[i] = UINT32_MAX;
    for (size_t k = 0; k < n; k++) {
        /* spread the 32-bit hash over 64 bits before the family applies */
        uint64_t h = (uint64_t)v[k] * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
        minhash_one(h, sig);
    }
}

static double overlap32(const uint32_t *a, size_t na, int cut_a, const uint32_t *b, size_t nb, int cut_b,
                        size_t *both_out, size_t *all_out);

double dedup_jaccard32(const uint32_t *a, size_t na, int cut_a, const uint32_t *b, size_t nb, int cut_b)
{
    size_t both, all;
    return overlap32(a, na, cut_a, b, nb, cut_b, &both, &all);
}

int dedup_near_same(const uint32_t *a, size_t na, int cut_a, const uint32_t *b, size_t nb, int cut_b)
{
    size_t both, all;
    double j = overlap32(a, na, cut_a, b, nb, cut_b, &both, &all);
    return j >= DEDUP_NEAR_SIMILARITY ||
           (both >= DEDUP_NEAR_MIN_DISTINCT && all - both <= DEDUP_NEAR_EDIT_SHINGLES);
}

static double overlap32(const uint32_t *a, size_t na, int cut_a, const uint32_t *b, size_t nb, int cut_b,
                        size_t *both_out, size_t *all_out)
{
    uint32_t limit = UINT32_MAX;
    if (cut_a && na && a[na - 1] < limit)
        limit = a[na - 1];
    if (cut_b && nb && b[nb - 1] < limit)
        limit = b[nb - 1];
    size_t i = 0, j = 0, both = 0, all = 0;
    while ((i < na && a[i] <= limit) || (j < nb && b[j] <= limit)) {
        int ha = i < na && a[i] <= limit, hb = j < nb && b[j] <= limit;
        if (ha && hb && a[i] == b[j])
            both++, i++, j++;
        else if (ha && (!hb || a[i] < b[j]))
            i++;
        else
            j++;
        all++;
    }
    *both_out = both;
    *all_out = all;
    return all ? (double)both / (double)all : 0;
}

/* 1 when some of the n values of a are not in b; b holds the smallest
 * DEDUP_MAX_NAMES when it is full, so larger values are not known absent. */
static int has_other32(const uint32_t *a, size_t n, const uint32_t *b, size_t nb)
{
    for (size_t i = 0; i < n; i++)
        if (dedup_find32(b, nb, a[i]) < 0 && !(nb >= DEDUP_MAX_NAMES && a[i] > b[nb - 1]))
            return 1;
    return 0;
}

static int has_other_figure(const double *a, size_t n, const double *b, size_t nb)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < nb && !same_figure(a[i], b[j]))
            j++;
        if (j == nb)
            return 1;
    }
    return 0;
}

int dedup_keys_conflict(const dedup_profile *a, const dedup_profile *b, const char **why)
{
    /* a figure changed: each gives one the other does not (one that only
     * adds a conversion or a detail is still the same story) */
    if (has_other_figure(a->fig, a->nfig, b->fig, b->nfig) &&
        has_other_figure(b->fig, b->nfig, a->fig, a->nfig)) {
        if (why)
            *why = "figures";
        return 1;
    }
    /* headlines with not a word in common */
    if (a->ntw && b->ntw) {
        size_t i = 0;
        while (i < a->ntw && dedup_find32(b->tw, b->ntw, a->tw[i]) < 0)
            i++;
        if (i == a->ntw) {
            if (why)
                *why = "titles";
            return 1;
        }
    }
    /* a name changed where the story says who it is about */
    if (has_other32(a->lead, a->nlead, b->names, b->nnames) &&
        has_other32(b->lead, b->nlead, a->names, a->nnames)) {
        if (why)
            *why = "names";
        return 1;
    }
    return 0;
}
