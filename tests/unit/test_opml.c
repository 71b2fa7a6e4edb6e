/* test_opml: reading nested OPML lists and writing them back. */
#include <stdlib.h>

#include "check.h"
#include "parse/opml.h"

static const char *DOC =
    "<?xml version='1.0'?><opml version='1.0'><head><title>subs</title></head><body>"
    "<outline text='Chips'>"
    "  <outline text='Semi News' type='rss' xmlUrl='https://semi.test/feed' htmlUrl='https://semi.test/'/>"
    "  <outline title='Fabs &amp; Foundries' xmlurl='https://fab.test/rss'/>"
    "</outline>"
    "<outline text='Loose' xmlUrl='https://loose.test/atom' category='/AI/infra'/>"
    "<outline text='folder without feeds'/>"
    "</body></opml>";

static void parse_nested(void)
{
    opml_outline *o;
    size_t n;
    char why[128];
    CHECK(opml_parse(DOC, strlen(DOC), &o, &n, why, sizeof why) == 0);
    CHECK(n == 3);
    if (n != 3)
        return;
    CHECK_STR(o[0].title, "Semi News");
    CHECK_STR(o[0].xml_url, "https://semi.test/feed");
    CHECK_STR(o[0].html_url, "https://semi.test/");
    CHECK_STR(o[0].category, "Chips");
    CHECK_STR(o[1].title, "Fabs & Foundries"); /* entities decoded, attribute case ignored */
    CHECK_STR(o[1].xml_url, "https://fab.test/rss");
    CHECK(o[1].html_url == NULL);
    CHECK_STR(o[2].category, "/AI/infra");
    opml_free(o, n);
}

static void write_roundtrip(void)
{
    opml_outline in[3] = {
        {"A \"quoted\" <feed>", "https://a.test/f?x=1&y=2", "https://a.test/", NULL},
        {"B", "https://b.test/f", NULL, "Chips"},
        {NULL, "https://c.test/f", NULL, "Chips"},
    };
    buf_t b;
    buf_init(&b, 0);
    CHECK(opml_write(in, 3, "My & list", &b) == 0);
    CHECK(strstr(b.data, "<title>My &amp; list</title>") != NULL);
    CHECK(strstr(b.data, "xmlUrl=\"https://a.test/f?x=1&amp;y=2\"") != NULL);
    opml_outline *o;
    size_t n;
    char why[128];
    CHECK(opml_parse(b.data, b.len, &o, &n, why, sizeof why) == 0);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(o[0].title, "A \"quoted\" <feed>");
        CHECK_STR(o[0].xml_url, "https://a.test/f?x=1&y=2");
        CHECK(o[0].category == NULL);
        CHECK_STR(o[1].category, "Chips");
        CHECK_STR(o[2].category, "Chips");
        CHECK_STR(o[2].title, "https://c.test/f"); /* a feed without a title is named by its URL */
    }
    opml_free(o, n);
    buf_free(&b);
}

static void rejects(void)
{
    opml_outline *o = (opml_outline *)1;
    size_t n = 9;
    char why[128] = "";
    CHECK(opml_parse("<rss/>", 6, &o, &n, why, sizeof why) == -1);
    CHECK(o == NULL && n == 0 && why[0]);
    CHECK(opml_parse("\x01\x02", 2, &o, &n, why, sizeof why) == -1);
    const char *xxe = "<!DOCTYPE opml [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                      "<opml><body><outline text='&x;' xmlUrl='https://x.test/'/></body></opml>";
    CHECK(opml_parse(xxe, strlen(xxe), &o, &n, why, sizeof why) == 0);
    CHECK(n == 1 && (!o[0].title || !strstr(o[0].title, "root:")));
    opml_free(o, n);
}

/* A list past a cap is refused with a reason, never cut silently. */
static void caps_refuse(void)
{
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, "<opml><body>");
    for (int i = 0; i <= OPML_MAX_OUTLINES; i++)
        buf_printf(&b, "<outline xmlUrl='https://f.test/%d'/>", i);
    buf_puts(&b, "</body></opml>");
    opml_outline *o = NULL;
    size_t n = 0;
    char why[128] = "";
    CHECK(opml_parse(b.data, b.len, &o, &n, why, sizeof why) == -1);
    CHECK(o == NULL && n == 0 && strstr(why, "more than"));
    buf_reset(&b);
    buf_puts(&b, "<opml><body>");
    for (int i = 0; i <= OPML_MAX_DEPTH + 1; i++)
        buf_puts(&b, "<outline text='folder'>");
    buf_puts(&b, "<outline xmlUrl='https://deep.test/f'/>");
    for (int i = 0; i <= OPML_MAX_DEPTH + 1; i++)
        buf_puts(&b, "</outline>");
    buf_puts(&b, "</body></opml>");
    CHECK(opml_parse(b.data, b.len, &o, &n, why, sizeof why) == -1);
    CHECK(o == NULL && n == 0 && strstr(why, "nested"));
    /* a long URL is kept whole */
    buf_reset(&b);
    buf_puts(&b, "<opml><body><outline xmlUrl='https://f.test/");
    for (int i = 0; i < 1990; i++)
        buf_putc(&b, 'a' + i % 26);
    buf_puts(&b, "'/></body></opml>");
    CHECK(opml_parse(b.data, b.len, &o, &n, why, sizeof why) == 0);
    CHECK(n == 1 && strlen(o[0].xml_url) == 15 + 1990);
    opml_free(o, n);
    buf_free(&b);
}

int main(void)
{
    RUN(caps_refuse);
    RUN(parse_nested);
    RUN(write_roundtrip);
    RUN(rejects);
    CHECK_DONE();
}
