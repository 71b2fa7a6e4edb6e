/* scan: the per-sentence view the event readers share and word searches over it. */
#include "analyze/scan.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include "util/buf.h"

#include "util/str.h"

static bool boundary(const char *lc, size_t n, size_t i)
{
    return i >= n || !(str_isalnum((unsigned char)lc[i]));
}

size_t scan_word(const char *lc, size_t n, size_t from, const char *w)
{
    size_t m = strlen(w);
    if (m == 0 || from >= n)
        return SCAN_NONE;
    const char *p = lc + from, *end = lc + n;
    while (p + m <= end) {
        const char *hit = memmem(p, (size_t)(end - p), w, m);
        if (!hit)
            return SCAN_NONE;
        size_t i = (size_t)(hit - lc);
        if ((i == 0 || !str_isalnum((unsigned char)lc[i - 1])) && boundary(lc, n, i + m))
            return i;
        p = hit + 1;
    }
    return SCAN_NONE;
}

/* An index of a word list by first byte, built once per list. */
#define INDEX_MAX 512
#define LIST_MAX 256

typedef struct list_index {
    const char *const *list;
    size_t cnt;
    unsigned short start[257]; /* entries of first byte b: order[start[b]..start[b+1]) */
    unsigned short order[LIST_MAX];
    unsigned char len[LIST_MAX];
    uint64_t pair[1024]; /* bit (b0 << 8 | b1): some entry starts with these two bytes */
} list_index;

/* 1 when an entry of x may start at lc[i] (its first two bytes). */
static inline bool pair_may(const list_index *x, const char *lc, size_t n, size_t i)
{
    unsigned p = (unsigned)(unsigned char)lc[i] << 8 | (i + 1 < n ? (unsigned char)lc[i + 1] : 0);
    return (x->pair[p >> 6] >> (p & 63)) & 1;
}

static list_index indexes[INDEX_MAX];
static size_t n_indexes;
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;

/* The lists a thread looked up last, by address: most calls find their
 * index here without the lock (indexes never change once built). */
#define INDEX_CACHE 1024
static _Thread_local struct { const char *const *list; size_t cnt; const list_index *x; } index_cache[INDEX_CACHE];

static const list_index *index_build(const char *const *list, size_t cnt);

static const list_index *index_of(const char *const *list, size_t cnt)
{
    if (cnt > LIST_MAX)
        return NULL;
    uintptr_t a = (uintptr_t)list;
    size_t slot = (size_t)((a >> 3) ^ (a >> 13)) % INDEX_CACHE;
    if (index_cache[slot].list == list && index_cache[slot].cnt == cnt)
        return index_cache[slot].x;
    const list_index *x = index_build(list, cnt);
    if (x) {
        index_cache[slot].list = list;
        index_cache[slot].cnt = cnt;
        index_cache[slot].x = x;
    }
    return x;
}

static const list_index *index_build(const char *const *list, size_t cnt)
{
    pthread_mutex_lock(&index_lock);
    const list_index *found = NULL;
    for (size_t i = 0; i < n_indexes; i++)
        if (indexes[i].list == list && indexes[i].cnt == cnt) {
            found = &indexes[i];
            break;
        }
    if (!found && n_indexes < INDEX_MAX) {
        list_index *x = &indexes[n_indexes];
        x->list = list;
        x->cnt = cnt;
        size_t k = 0;
        for (int b = 0; b < 256; b++) {
            x->start[b] = (unsigned short)k;
            for (size_t j = 0; j < cnt; j++)
                if ((unsigned char)list[j][0] == b) {
                    size_t l = strlen(list[j]);
                    x->len[j] = (unsigned char)(l < 255 ? l : 255);
                    x->order[k++] = (unsigned short)j;
                    for (unsigned c = 0; c < 256; c++)
                        if (l < 2 || (unsigned char)list[j][1] == c) {
                            unsigned p = (unsigned)b << 8 | c;
                            x->pair[p >> 6] |= (uint64_t)1 << (p & 63);
                        }
                }
        }
        x->start[256] = (unsigned short)k;
        n_indexes++;
        found = x;
    }
    pthread_mutex_unlock(&index_lock);
    return found;
}

/* scan_any over the word starts in [from, to) (a word may end past to). */
static size_t any_upto(const char *lc, size_t n, size_t from, size_t to, const char *const *list,
                       size_t cnt, size_t *which)
{
    const list_index *x = index_of(list, cnt);
    if (!x) {
        size_t best = SCAN_NONE, w = 0;
        for (size_t k = 0; k < cnt; k++) {
            size_t i = scan_word(lc, n, from, list[k]);
            if (i < best || (i == best && i != SCAN_NONE && strlen(list[k]) > strlen(list[w]))) {
                best = i;
                w = k;
            }
        }
        if (which)
            *which = w;
        return best;
    }
    /* one walk over the word starts; at each, the entries with that first
     * byte, longest match first */
    for (size_t i = from; i < to; i++) {
        if (i > 0 && str_isalnum((unsigned char)lc[i - 1]))
            continue;
        if (!pair_may(x, lc, n, i))
            continue;
        unsigned char b = (unsigned char)lc[i];
        size_t best_len = 0, best_k = 0;
        for (size_t o = x->start[b]; o < x->start[b + 1]; o++) {
            size_t k = x->order[o];
            size_t m = x->len[k];
            if (m <= best_len || i + m > n || (m > 1 && lc[i + 1] != list[k][1]) || memcmp(lc + i, list[k], m) != 0)
                continue;
            if (!boundary(lc, n, i + m))
                continue;
            best_len = m;
            best_k = k;
        }
        if (best_len) {
            if (which)
                *which = best_k;
            return i;
        }
    }
    if (which)
        *which = 0;
    return SCAN_NONE;
}

size_t scan_any(const char *lc, size_t n, size_t from, const char *const *list, size_t cnt,
                size_t *which)
{
    return any_upto(lc, n, from, n, list, cnt, which);
}

bool scan_before(const char *lc, size_t pos, size_t window, const char *const *list, size_t cnt)
{
    size_t lo = pos > window ? pos - window : 0;
    /* a word cut by the window's start is not a word */
    while (lo > 0 && lo < pos && str_isalnum((unsigned char)lc[lo - 1]) && str_isalnum((unsigned char)lc[lo]))
        lo++;
    return scan_any(lc, pos, lo, list, cnt, NULL) != SCAN_NONE;
}

bool scan_after(const char *lc, size_t n, size_t pos, size_t window, const char *const *list,
                size_t cnt)
{
    size_t hi = pos + window < n ? pos + window : n;
    /* only the starts inside the window are walked: a sentence's amounts
     * each look a few bytes ahead, not to the sentence's end */
    size_t i = any_upto(lc, n, pos, hi, list, cnt, NULL);
    return i != SCAN_NONE && i < hi;
}

int scan_year(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i + 4 <= to; i++) {
        if ((i > 0 && (str_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '$' || s[i - 1] == '.')) ||
            !str_isdigit((unsigned char)s[i]))
            continue;
        if (i + 4 < to + 0 && (str_isalnum((unsigned char)s[i + 4]) || s[i + 4] == '%'))
            continue;
        if (i + 5 < to && (s[i + 4] == ',' || s[i + 4] == '.') && str_isdigit((unsigned char)s[i + 5]))
            continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y >= 1990 && y <= 2099)
            return y;
    }
    return 0;
}

char *scan_copy(const char *s, size_t n)
{
    char *c = xstrndup(s, n);
    return str_squeeze(c);
}

void scan_provenance(const scan_sent *st, event_t *e)
{
    free(e->sentence);
    e->sentence = scan_copy(st->orig, st->orig_len);
    e->sentence_offset = st->offset;
}

const char *scan_pronoun(const scan_doc *d)
{
    if (d->main_company[0])
        return d->main_company;
    if (d->head_company[0])
        return d->head_company;
    return NULL;
}

bool scan_has_stem(const char *lc, size_t n, const char *const *list, size_t cnt)
{
    const list_index *x = index_of(list, cnt);
    if (!x) {
        for (size_t k = 0; k < cnt; k++)
            if (memmem(lc, n, list[k], strlen(list[k])))
                return true;
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!pair_may(x, lc, n, i))
            continue;
        unsigned char b = (unsigned char)lc[i];
        for (size_t o = x->start[b]; o < x->start[b + 1]; o++) {
            size_t k = x->order[o];
            size_t m = x->len[k];
            if (i + m <= n && (m < 2 || lc[i + 1] == list[k][1]) && memcmp(lc + i, list[k], m) == 0)
                return true;
        }
    }
    return false;
}

void scan_note(const scan_doc *d, const scan_sent *st, const char *fmt, ...)
{
    if (!d || !d->explain)
        return;
    if (st)
        buf_printf(d->explain, "  [%d] ", st->index);
    else
        buf_puts(d->explain, "  ");
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(d->explain, fmt, ap);
    va_end(ap);
    buf_putc(d->explain, '\n');
}

int scan_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return (int)n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}
