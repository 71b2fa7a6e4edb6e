/* utf8: decoding, encoding and validation of UTF-8 byte strings. */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

size_t utf8_decode(const unsigned char *p, size_t n, int *cp)
{
    if (n == 0)
        return 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = (int)c;
        return 1;
    }
    size_t len;
    unsigned v, min;
    if ((c & 0xE0) == 0xC0) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = (int)v;
    return len;
}

size_t utf8_encode(int cp, char *out)
{
    unsigned c = (unsigned)cp;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c >= 0xD800 && c <= 0xDFFF)
        return 0;
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    if (c <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
        return 4;
    }
    return 0;
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (!len)
            return 0;
        i += len;
    }
    return 1;
}

size_t utf8_bad_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t want = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    size_t k = 1;
    while (k < want && k < n && (p[k] & 0xC0) == 0x80)
        k++;
    return k;
}

char *utf8_repair(const char *s, size_t n, size_t *outlen)
{
    buf_t b;
    buf_init(&b, 0);
    buf_reserve(&b, n);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0; /* s[run..i) is valid and not yet copied */
    while (i < n) {
        if (u[i] != 0 && u[i] < 0x80) {
            i++;
            continue;
        }
        int cp;
        size_t k = u[i] ? utf8_decode(u + i, n - i, &cp) : 0;
        if (k > 0) {
            i += k;
            continue;
        }
        buf_append(&b, s + run, i - run);
        if (u[i] == 0)
            i++;
        else {
            buf_append(&b, "\xEF\xBF\xBD", 3);
            i += utf8_bad_len(u + i, n - i);
        }
        run = i;
    }
    buf_append(&b, s + run, i - run);
    if (outlen)
        *outlen = b.len;
    return buf_detach(&b);
}

/* windows-1252's 0x80-0x9F; the five holes become U+FFFD. */
static const unsigned short cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

char *utf8_from_cp1252(const char *s, size_t n, size_t *outlen)
{
    buf_t b;
    buf_init(&b, 0);
    buf_reserve(&b, n + n / 4);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char enc[4];
        if (ch == 0)
            continue;
        if (ch < 0x80) {
            buf_putc(&b, (char)ch);
            continue;
        }
        int cp = ch < 0xA0 ? cp1252_hi[ch - 0x80] : ch;
        buf_append(&b, enc, utf8_encode(cp, enc));
    }
    if (outlen)
        *outlen = b.len;
    return buf_detach(&b);
}

int utf8_likely(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t shaped = 0, single = 0; /* evidence for UTF-8, for a single-byte charset */
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (k > 0) {
            shaped += 2;
            i += k;
            continue;
        }
        k = utf8_bad_len(u + i, n - i);
        /* a lead byte with its continuation bytes, cut short or overlong:
         * UTF-8 damaged; a lone high byte: Latin-1 and its kin */
        if (k > 1)
            shaped++;
        else
            single++;
        i += k;
    }
    return shaped >= single && (shaped > 0 || single == 0);
}

char *utf8_text_clean(const char *s, size_t n, size_t *outlen)
{
    buf_t b;
    buf_init(&b, 0);
    buf_reserve(&b, n);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        if (c < 0x80) {
            if (c == '\r') {
                buf_putc(&b, '\n');
                i += i + 1 < n && u[i + 1] == '\n' ? 2 : 1;
                continue;
            }
            if (c == 0x1B && i + 1 < n && u[i + 1] == '[') {
                /* a terminal's control sequence: ESC [ parameters final */
                size_t k = i + 2;
                while (k < n && u[k] >= 0x20 && u[k] <= 0x3F)
                    k++;
                if (k < n && u[k] >= 0x40 && u[k] <= 0x7E) {
                    i = k + 1;
                    continue;
                }
            }
            if (c == '\f' || c == '\v')
                buf_putc(&b, '\n');
            else if (c >= 0x20 ? c != 0x7F : c == '\t' || c == '\n')
                buf_putc(&b, (char)c);
            i++;
            continue;
        }
        int cp;
        size_t k = utf8_decode(u + i, n - i, &cp);
        if (k == 0) {
            buf_append(&b, "\xEF\xBF\xBD", 3);
            i += utf8_bad_len(u + i, n - i);
            continue;
        }
        if (!(cp >= 0x80 && cp <= 0x9F) && cp != 0xE000 && cp != 0xE001)
            buf_append(&b, s + i, k);
        i += k;
    }
    if (outlen)
        *outlen = b.len;
    return buf_detach(&b);
}
