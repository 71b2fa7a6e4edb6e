/* test_json: json_escape against a character-at-a-time model, and the writer at its limit. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/utf8.h"

/* What json_escape must do, written the plain way: one piece per run of
 * printable ASCII and one per other character, each appended whole or not
 * at all (so at a buffer limit exactly the pieces that do not fit are
 * missing, and the result is -1). Invalid UTF-8 is U+FFFD a byte at a time;
 * U+2028 and U+2029 are escaped for JavaScript. */
static int model_escape(buf_t *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    int rc = 0;
    while (p < end) {
        const unsigned char *q = p;
        while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
            q++;
        if (q > p) {
            rc |= buf_append(out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        char piece[8];
        size_t len, used = 1;
        int cp;
        if (*p == '"' || *p == '\\') {
            len = (size_t)snprintf(piece, sizeof piece, "\\%c", *p);
        } else if (*p == '\n' || *p == '\r' || *p == '\t') {
            len = (size_t)snprintf(piece, sizeof piece, "\\%c", *p == '\n' ? 'n' : *p == '\r' ? 'r' : 't');
        } else if (*p < 0x20) {
            len = (size_t)snprintf(piece, sizeof piece, "\\u%04x", *p);
        } else if ((used = utf8_decode(p, (size_t)(end - p), &cp)) == 0) {
            len = 3;
            memcpy(piece, "\xEF\xBF\xBD", 3);
            used = 1;
        } else if (cp == 0x2028 || cp == 0x2029) {
            len = (size_t)snprintf(piece, sizeof piece, "\\u%04x", (unsigned)cp);
        } else {
            len = used;
            memcpy(piece, p, used);
        }
        rc |= buf_append(out, piece, len);
        p += used;
    }
    return rc ? -1 : 0;
}

/* json_escape and the model on s, into buffers with limit max that already
 * hold pre bytes; 1 when result and bytes agree. */
static int same(const char *s, size_t n, size_t max, size_t pre)
{
    buf_t a, b;
    buf_init(&a, max);
    buf_init(&b, max);
    for (size_t i = 0; i < pre; i++) {
        buf_putc(&a, '.');
        buf_putc(&b, '.');
    }
    int ra = json_escape(&a, s, n), rb = model_escape(&b, s, n);
    int ok = ra == rb && a.len == b.len && !memcmp(buf_str(&a), buf_str(&b), a.len) &&
             (!a.data || a.data[a.len] == '\0');
    if (!ok) {
        printf("# differs: n %zu max %zu pre %zu: got %d \"%s\", want %d \"%s\"\n", n, max, pre, ra,
               buf_str(&a), rb, buf_str(&b));
    }
    buf_free(&a);
    buf_free(&b);
    return ok;
}

static char *esc(const char *s, size_t n)
{
    buf_t b;
    buf_init(&b, 0);
    CHECK(json_escape(&b, s, n) == 0);
    return buf_detach(&b);
}

#define ESC_IS(lit, want)                        \
    do {                                         \
        char *g = esc(lit, sizeof lit - 1);      \
        CHECK_STR(g, want);                      \
        free(g);                                 \
    } while (0)

static void escapes(void)
{
    ESC_IS("", "");
    ESC_IS("plain", "plain");
    ESC_IS("say \"hi\" \\o/", "say \\\"hi\\\" \\\\o/");
    ESC_IS("a\nb\rc\td", "a\\nb\\rc\\td");
    ESC_IS("\x01\x08\x0c\x1f\x7f", "\\u0001\\u0008\\u000c\\u001f\x7f");
    ESC_IS("nul\0in", "nul\\u0000in");
    ESC_IS("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
    ESC_IS("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xE2\x80\xAA", "a\\u2028b\\u2029c\xE2\x80\xAA");
}

static void invalid_utf8(void)
{
    /* a lone continuation byte, a lead byte never used */
    ESC_IS("\x80", "\xEF\xBF\xBD");
    ESC_IS("\xFF\xFE", "\xEF\xBF\xBD\xEF\xBF\xBD");
    /* overlong forms of '/' and of U+0800's neighbours */
    ESC_IS("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("\xC1\xBF", "\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("\xE0\x9F\xBF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("\xE0\xA0\x80", "\xE0\xA0\x80");
    ESC_IS("\xF0\x8F\xBF\xBF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* surrogates, and the last code point before them */
    ESC_IS("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("\xED\x9F\xBF", "\xED\x9F\xBF");
    /* past U+10FFFF, and U+10FFFF itself */
    ESC_IS("\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF");
    ESC_IS("\xF5\x80\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* a bad second byte: one U+FFFD, then the byte on its own */
    ESC_IS("\xC3(", "\xEF\xBF\xBD(");
    ESC_IS("\xE2\x82(", "\xEF\xBF\xBD\xEF\xBF\xBD(");
    /* cut short by the end of the input */
    ESC_IS("ab\xE2\x82", "ab\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("abcdefg\xF0\x9F\x98", "abcdefg\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    ESC_IS("\xC3", "\xEF\xBF\xBD");
}

/* Every one- and two-byte string, and every three- and four-byte sequence
 * that starts like UTF-8 (with a choice of later bytes), each placed at
 * every offset around the 8-byte words and at the very end. */
static void against_model(void)
{
    char s[40];
    for (int x = 0; x < 256; x++) {
        for (int y = 0; y < 256; y++) {
            s[0] = (char)x;
            s[1] = (char)y;
            CHECK(same(s, 1, 0, 0));
            CHECK(same(s, 2, 0, 0));
        }
    }
    static const unsigned char later[] = {0x00, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                          0xA0, 0xA8, 0xA9, 0xBF, 0xC0, 0xE2, 0xFF};
    static const unsigned char last[] = {0x41, 0x80, 0xBF};
    for (int x = 0xC0; x < 256; x++) {
        for (int y = 0; y < 256; y++) {
            for (size_t k = 0; k < sizeof later; k++) {
                for (size_t l = 0; l < sizeof last; l++) {
                    unsigned char seq[4] = {(unsigned char)x, (unsigned char)y, later[k], last[l]};
                    size_t at = (size_t)(x + y + k + l) % 18; /* each offset in turn */
                    memset(s, 'a', sizeof s);
                    memcpy(s + at, seq, 4);
                    /* cut after each byte of the sequence, and whole */
                    for (size_t n = at + 1; n <= at + 4; n++)
                        CHECK(same(s, n, 0, 0));
                    CHECK(same(s, 24, 0, 0));
                }
            }
        }
    }
}

static uint64_t rnd_state = 0x6d7472616b6a736fULL;

static unsigned rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (unsigned)(rnd_state >> 11);
}

/* Random text of a few kinds (mostly ASCII, mostly UTF-8, anything), long
 * enough to cross the chunks json_escape reserves room for, with and
 * without a limit the output may reach. */
static void random_text(void)
{
    static const unsigned char odd[] = {0x00, 0x01, 0x0A, 0x1F, '"', '\\', 0x7F, 0x80, 0xBF,
                                        0xC2, 0xE2, 0xED, 0xF0, 0xF4, 0xFF};
    static char s[12000];
    for (int it = 0; it < 20000; it++) {
        size_t n = rnd() % (it % 200 == 0 ? sizeof s : 80);
        unsigned kind = rnd() % 4;
        for (size_t i = 0; i < n; i++) {
            unsigned r = rnd();
            if (kind == 0)
                s[i] = (char)r;
            else if (kind == 1)
                s[i] = (char)(r % 16 ? 'a' + r % 26 : odd[(r >> 8) % sizeof odd]);
            else if (kind == 2)
                s[i] = (char)(r % 3 ? 0x80 + (r >> 4) % 64 : odd[(r >> 8) % sizeof odd]);
            else
                s[i] = (char)(r % 64 ? ' ' + r % 95 : odd[(r >> 8) % sizeof odd]);
        }
        size_t pre = rnd() % 16, max = 0;
        if (rnd() % 2)
            max = pre + rnd() % (3 * n + 16);
        CHECK(same(s, n, max, pre));
    }
}

static void at_the_limit(void)
{
    /* the 6-byte escape does not fit, the run after it does */
    buf_t b;
    buf_init(&b, 10);
    CHECK(json_escape(&b, "abcdefgh\x01ij", 11) == -1);
    CHECK_STR(buf_str(&b), "abcdefghij");
    buf_free(&b);
    /* a run longer than the room left is left out whole, even when the
     * first part of it was already escaped */
    static char s[30000];
    memset(s, 'a', sizeof s);
    buf_init(&b, 26000);
    CHECK(json_escape(&b, s, sizeof s) == -1);
    CHECK(b.len == 0);
    buf_free(&b);
    s[20000] = '\n';
    CHECK(same(s, sizeof s, 26000, 0));
    CHECK(same(s, sizeof s, 30005, 0));
    CHECK(same(s, sizeof s, 30000, 3));
    for (size_t max = 24570; max < 24600; max++)
        CHECK(same(s, 8200, max, 0));
}

static void writer(void)
{
    buf_t b;
    buf_init(&b, 0);
    jw_t w;
    jw_init(&w, &b, false);
    jw_obj(&w);
    jw_kstr(&w, "t\"x", "a\xE2\x80\xA8" "b");
    jw_key(&w, "n");
    jw_strn(&w, "x\0y", 3);
    jw_kint(&w, "i", -42);
    jw_obj_end(&w);
    CHECK(!w.err);
    CHECK_STR(buf_str(&b), "{\"t\\\"x\":\"a\\u2028b\",\"n\":\"x\\u0000y\",\"i\":-42}");
    buf_free(&b);
    /* the limit: the string fits, its closing quote and what follows do
     * not, and the error sticks */
    buf_init(&b, 12);
    jw_init(&w, &b, false);
    jw_arr(&w);
    jw_str(&w, "0123456789");
    jw_str(&w, "x");
    jw_arr_end(&w);
    CHECK(w.err);
    CHECK_STR(buf_str(&b), "[\"0123456789");
    buf_free(&b);
}

int main(void)
{
    RUN(escapes);
    RUN(invalid_utf8);
    RUN(against_model);
    RUN(random_text);
    RUN(at_the_limit);
    RUN(writer);
    CHECK_DONE();
}
