/* json: a streaming JSON writer into a buf_t. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

void jw_init(jw_t *w, buf_t *out, bool pretty)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->pretty = pretty;
}

/* buf_reserve, without the call when the room is already there: most
 * pieces are a byte or two, most strings a few dozen. */
static inline int reserve(buf_t *b, size_t extra)
{
    if (extra < b->cap - b->len && extra <= b->max - b->len)
        return 0;
    return buf_reserve(b, extra);
}

/* buf_append, inlined. */
static inline void put(jw_t *w, const char *s, size_t n)
{
    buf_t *b = w->out;
    if (reserve(b, n) < 0) {
        w->err = true;
        return;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void indent(jw_t *w)
{
    if (!w->pretty)
        return;
    put(w, "\n", 1);
    for (int i = 0; i < w->depth; i++)
        put(w, "  ", 2);
}

/* Separator before a value at the current depth. */
static void before_value(jw_t *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    int d = w->depth < 64 ? w->depth : 63;
    if (w->depth > 0) {
        if (w->count[d])
            put(w, ",", 1);
        indent(w);
    }
    if (w->count[d] < 255)
        w->count[d]++;
}

static void open(jw_t *w, char c)
{
    before_value(w);
    put(w, &c, 1);
    w->depth++;
    if (w->depth < 64)
        w->count[w->depth] = 0;
}

static void close(jw_t *w, char c)
{
    int d = w->depth < 64 ? w->depth : 63;
    bool had = w->count[d] != 0;
    w->depth--;
    if (had)
        indent(w);
    put(w, &c, 1);
}

void jw_obj(jw_t *w) { open(w, '{'); }
void jw_obj_end(jw_t *w) { close(w, '}'); }
void jw_arr(jw_t *w) { open(w, '['); }
void jw_arr_end(jw_t *w) { close(w, ']'); }

/* Bytes copied as they are: printable ASCII but for '"' and '\\'. */
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char PLAIN[256] = {
    R16(0), R16(0),                                 /* controls */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* ' ' .. '/', no '"' */
    R16(1), R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 'P' .. '_', no '\\' */
    R16(1), R16(1),
    /* 0x80 and above stay 0: UTF-8, checked a sequence at a time */
};
#undef R16

static const char HEX[] = "0123456789abcdef";

/* The escaping one piece (a run of plain bytes, or one character) at a
 * time, each with its own buf_append: a piece that would pass the buffer's
 * limit is left out and the rest goes on. json_escape gives the same bytes
 * faster and hands over to this when the limit is near. */
static int escape_pieces(buf_t *out, const unsigned char *p, const unsigned char *end)
{
    int rc = 0;
    while (p < end) {
        const unsigned char *run = p;
        while (p < end && PLAIN[*p])
            p++;
        if (p > run)
            rc |= buf_append(out, run, (size_t)(p - run));
        if (p >= end)
            break;
        unsigned char c = *p;
        if (c < 0x80) {
            char esc[7];
            switch (c) {
            case '"': rc |= buf_append(out, "\\\"", 2); break;
            case '\\': rc |= buf_append(out, "\\\\", 2); break;
            case '\n': rc |= buf_append(out, "\\n", 2); break;
            case '\r': rc |= buf_append(out, "\\r", 2); break;
            case '\t': rc |= buf_append(out, "\\t", 2); break;
            default:
                memcpy(esc, "\\u00", 4);
                esc[4] = HEX[c >> 4];
                esc[5] = HEX[c & 15];
                rc |= buf_append(out, esc, 6);
            }
            p++;
            continue;
        }
        int cp;
        size_t len = utf8_decode(p, (size_t)(end - p), &cp);
        if (len == 0) {
            rc |= buf_append(out, "\xEF\xBF\xBD", 3);
            p++;
        } else if (cp == 0x2028 || cp == 0x2029) {
            rc |= buf_puts(out, cp == 0x2028 ? "\\u2028" : "\\u2029");
            p += len;
        } else {
            rc |= buf_append(out, p, len);
            p += len;
        }
    }
    return rc ? -1 : 0;
}

/* The length of the valid UTF-8 sequence that starts with the byte p[0]
 * (0x80 or more; n bytes available), or 0. The same verdict as utf8_decode
 * without decoding: the second byte's range rules out overlong forms
 * (E0, F0), surrogates (ED) and code points past U+10FFFF (F4); C0, C1 and
 * F5..FF never start one. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

#define ONES ((uint64_t)-1 / 255) /* 0x0101...01 */
#define HIGH (ONES * 0x80)

/* How many of the 8 bytes at p, in order, are plain (8 when all are). A
 * byte b sets its high bit in x - 0x20 when b < 0x20, in (x ^ '"') - 1 when
 * b == '"', likewise for '\\', and in x itself when b >= 0x80. A borrow can
 * only set bits above the first such byte, so the lowest bit is exact. */
static inline size_t plain8(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t q = x ^ (ONES * '"'), b = x ^ (ONES * '\\');
    uint64_t m = ((x - ONES * 0x20) | (q - ONES) | (b - ONES) | x) & HIGH;
    if (!m)
        return 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (size_t)__builtin_ctzll(m) / 8;
#else
    size_t i = 0;
    while (PLAIN[p[i]])
        i++;
    return i;
#endif
}

/* Input bytes escaped per reservation. No byte turns into more than
 * ESC_MAX (a control character as \u00XX; U+2028 is 6 for 3), so room for
 * ESC_MAX times a chunk lets the loop write without checking; chunks keep
 * a long string from reserving six times its size at once. */
#define ESC_MAX 6
#define ESC_CHUNK 4096

int json_escape(buf_t *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    /* where the current run of plain bytes began: escape_pieces would append
     * it as one piece */
    const unsigned char *run = p;
    while (p < end) {
        size_t chunk = (size_t)(end - p) < ESC_CHUNK ? (size_t)(end - p) : ESC_CHUNK;
        if (reserve(out, ESC_MAX * chunk) < 0) {
            /* Near the limit every piece has to be tried on its own. What
             * was written fits either way, but for the run in progress, which
             * escape_pieces may refuse whole: take it back and start there. */
            if (p > run) {
                out->len -= (size_t)(p - run);
                out->data[out->len] = '\0';
            }
            return escape_pieces(out, run, end);
        }
        char *o = out->data + out->len;
        const unsigned char *stop = p + chunk;
        while (p < stop) {
            while (stop - p >= 8) {
                /* the whole word is copied; bytes past the plain ones are
                 * written over next (there is room: ESC_MAX each) */
                size_t k = plain8(p);
                memcpy(o, p, 8);
                o += k;
                p += k;
                if (k < 8)
                    break;
            }
            while (p < stop && PLAIN[*p])
                *o++ = (char)*p++;
            if (p >= stop)
                break;
            unsigned char c = *p;
            if (c < 0x80) {
                *o++ = '\\';
                switch (c) {
                case '"': *o++ = '"'; break;
                case '\\': *o++ = '\\'; break;
                case '\n': *o++ = 'n'; break;
                case '\r': *o++ = 'r'; break;
                case '\t': *o++ = 't'; break;
                default:
                    memcpy(o, "u00", 3);
                    o[3] = HEX[c >> 4];
                    o[4] = HEX[c & 15];
                    o += 5;
                }
                p++;
            } else {
                size_t len = utf8_seq(p, (size_t)(end - p));
                if (len == 0) {
                    memcpy(o, "\xEF\xBF\xBD", 3);
                    o += 3;
                    p++;
                } else if (len == 3 && c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                    memcpy(o, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                    o += 6;
                    p += 3;
                } else {
                    memcpy(o, p, len);
                    o += len;
                    p += len;
                }
            }
            run = p;
        }
        out->len = (size_t)(o - out->data);
        out->data[out->len] = '\0';
    }
    return 0;
}

void jw_key(jw_t *w, const char *key)
{
    before_value(w);
    put(w, "\"", 1);
    if (json_escape(w->out, key, strlen(key)) < 0)
        w->err = true;
    put(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
    w->after_key = true;
}

void jw_key_plain(jw_t *w, const char *key, size_t n)
{
    before_value(w);
    put(w, "\"", 1);
    put(w, key, n);
    put(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
    w->after_key = true;
}

void jw_strn(jw_t *w, const char *s, size_t n)
{
    if (!s) {
        jw_null(w);
        return;
    }
    before_value(w);
    put(w, "\"", 1);
    if (json_escape(w->out, s, n) < 0)
        w->err = true;
    put(w, "\"", 1);
}

void jw_str(jw_t *w, const char *s)
{
    jw_strn(w, s, s ? strlen(s) : 0);
}

void jw_int(jw_t *w, int64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    before_value(w);
    put(w, tmp, (size_t)n);
}

void jw_num(jw_t *w, double v)
{
    if (!isfinite(v)) {
        jw_null(w);
        return;
    }
    char tmp[40];
    int n;
    if (v == floor(v) && fabs(v) < 9e15)
        n = snprintf(tmp, sizeof tmp, "%.0f", v);
    else
        n = snprintf(tmp, sizeof tmp, "%.15g", v);
    before_value(w);
    put(w, tmp, (size_t)n);
}

void jw_bool(jw_t *w, bool v)
{
    before_value(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(jw_t *w)
{
    before_value(w);
    put(w, "null", 4);
}

void jw_kstr(jw_t *w, const char *key, const char *s) { jw_key(w, key); jw_str(w, s); }
void jw_kint(jw_t *w, const char *key, int64_t v) { jw_key(w, key); jw_int(w, v); }
void jw_knum(jw_t *w, const char *key, double v) { jw_key(w, key); jw_num(w, v); }
void jw_kbool(jw_t *w, const char *key, bool v) { jw_key(w, key); jw_bool(w, v); }
