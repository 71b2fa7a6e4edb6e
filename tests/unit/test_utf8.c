/* test_utf8: repairing, detecting and cleaning text (issue 12 #18, #20). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/buf.h"
#include "util/utf8.h"

static char got[256];

static const char *keep(char *s)
{
    snprintf(got, sizeof got, "%s", s);
    free(s);
    return got;
}
#define CLEAN(lit) keep(utf8_text_clean(lit, sizeof lit - 1, NULL))
#define REPAIR(lit) keep(utf8_repair(lit, sizeof lit - 1, NULL))
#define LIKELY(lit) utf8_likely(lit, sizeof lit - 1)

static void repair(void)
{
    /* one damaged character is one U+FFFD, the rest of the text as it was */
    CHECK_STR(REPAIR("Bad \xE2\x82 Wire"), "Bad \xEF\xBF\xBD Wire");
    CHECK_STR(REPAIR("\xC0\xAF"), "\xEF\xBF\xBD"); /* overlong: never a character */
    CHECK_STR(REPAIR("caf\xC3\xA9 \xFF!"), "caf\xC3\xA9 \xEF\xBF\xBD!");
    CHECK_STR(REPAIR("a\0b"), "ab");
}

static void detect(void)
{
    CHECK(LIKELY("plain ASCII"));
    CHECK(LIKELY("caf\xC3\xA9"));
    CHECK(LIKELY("Bad \xE2\x82 Wire"));           /* a cut-short character in UTF-8 */
    CHECK(LIKELY("caf\xC3\xA9 and \xE2\x82 x")); /* mostly UTF-8, one damaged */
    CHECK(!LIKELY("caf\xE9 cr\xE8me"));           /* Latin-1 letters between ASCII ones */
    CHECK(!LIKELY("\x93quoted\x94"));             /* Windows-1252 quotes */
}

static void clean(void)
{
    CHECK_STR(CLEAN("a\x1b" "b\x07" "c\x7f" "d"), "abcd");
    CHECK_STR(CLEAN("red \x1b[1;31mALERT\x1b[0m done"), "red ALERT done"); /* terminal colours */
    CHECK_STR(CLEAN("one\r\ntwo\rthree\ffour"), "one\ntwo\nthree\nfour");
    CHECK_STR(CLEAN("tab\there"), "tab\there");
    CHECK_STR(CLEAN("x\xC2\x85y"), "xy");                                   /* C1 control */
    CHECK_STR(CLEAN("no " MARK_OPEN "marks" MARK_CLOSE " here"), "no marks here"); /* search marks */
    CHECK_STR(CLEAN("bad \xE2\x82 byte"), "bad \xEF\xBF\xBD byte");
    CHECK_STR(CLEAN("\xE2\x80\x99 \xEE\x80\x82 kept"), "\xE2\x80\x99 \xEE\x80\x82 kept");
}

/* empty input gives "" (buf_reserve left a new buffer unterminated) */
static void empty(void)
{
    size_t n = 1;
    char *a = utf8_text_clean("", 0, &n), *b = utf8_repair("", 0, NULL), *c = utf8_from_cp1252("", 0, NULL);
    CHECK(n == 0 && a[0] == '\0' && b[0] == '\0' && c[0] == '\0');
    free(a);
    free(b);
    free(c);
    buf_t e;
    buf_init(&e, 0);
    buf_reserve(&e, 100);
    CHECK(e.data && e.data[0] == '\0');
    buf_free(&e);
}

int main(void)
{
    RUN(empty);
    RUN(repair);
    RUN(detect);
    RUN(clean);
    CHECK_DONE();
}
