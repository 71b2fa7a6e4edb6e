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

static void put(jw_t *w, const char *s, size_t n)
{
    if (buf_append(w->out, s, n) < 0)
        w->err = true;
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

int json_escape(buf_t *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
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
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
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

void jw_key(jw_t *w, const char *key)
{
    before_value(w);
    put(w, "\"", 1);
    if (json_escape(w->out, key, strlen(key)) < 0)
        w->err = true;
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
