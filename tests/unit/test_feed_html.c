/* test_feed_html: HTML inside feed text rewritten (tags normalised, URIs resolved). */
#include <stdlib.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "check.h"
#include "parse/feed_int.h"

#define B "http://a.test/dir/page.html"

static const struct {
    const char *in, *base, *want;
} CASES[] = {
    {"plain text, no markup at all", NULL,
     "plain text, no markup at all"},
    {"", NULL,
     ""},
    {"<a href=\"x.html\">x</a>", NULL,
     "<a href=\"x.html\">x</a>"},
    {"<a href=\"x.html\">x</a>", B,
     "<a href=\"http://a.test/dir/x.html\">x</a>"},
    {"<A HREF='../up.html' Title=\"T\">U</A>", NULL,
     "<a href=\"../up.html\" title=\"T\">U</a>"},
    {"<A HREF='../up.html' Title=\"T\">U</A>", B,
     "<a href=\"http://a.test/up.html\" title=\"T\">U</a>"},
    {"<img src=pic.png alt=A>", NULL,
     "<img alt=\"A\" src=\"pic.png\" />"},
    {"<img src=pic.png alt=A>", B,
     "<img alt=\"A\" src=\"http://a.test/dir/pic.png\" />"},
    {"<IMG SRC=\"/abs.png\" ALT='it''s'/>", NULL,
     "<img 's'=\"'s'\" alt=\"it\" src=\"/abs.png\" />"},
    {"<IMG SRC=\"/abs.png\" ALT='it''s'/>", B,
     "<img 's'=\"'s'\" alt=\"it\" src=\"http://a.test/abs.png\" />"},
    {"<p class=\"c\" id=p1>para</P>", NULL,
     "<p class=\"c\" id=\"p1\">para</p>"},
    {"<p class=\"c\" id=p1>para</P>", B,
     "<p class=\"c\" id=\"p1\">para</p>"},
    {"a &amp; b &lt; c &copy; &rsquo; &apos; &bogus; &nosemi x &#39; &#x27; &#150; &#x96; &#; & end", NULL,
     "a &amp; b &lt; c &copy; &rsquo; &apos; &amp;bogus &amp;nosemi x &#39; &#x27; &#x2013; &#x2013; &#; & end"},
    {"1 < 2 and 3 <4 but <a>ok</a> <", NULL,
     "1 < 2 and 3 <4 but <a>ok</a> <"},
    {"<br><BR/><hr /></br></img>", NULL,
     "<br /><br /><hr />"},
    {"<a href=x b c=d B=e rel=NoFollow type=Text/HTML>t</a>", NULL,
     "<a b=\"e\" c=\"d\" href=\"x\" rel=\"nofollow\" type=\"text/html\">t</a>"},
    {"<a href=x b c=d B=e rel=NoFollow type=Text/HTML>t</a>", B,
     "<a b=\"e\" c=\"d\" href=\"http://a.test/dir/x\" rel=\"nofollow\" type=\"text/html\">t</a>"},
    {"<a href=\"a&b&amp;c&#38;\" title='say \"hi\" <b>'>q</a>", NULL,
     "<a href=\"a&amp;b&amp;c&#38;\" title=\"say &quot;hi&quot; &lt;b&gt;\">q</a>"},
    {"<a href=\"a&b&amp;c&#38;\" title='say \"hi\" <b>'>q</a>", B,
     "<a href=\"http://a.test/dir/a&amp;b&amp;c&#38;\" title=\"say &quot;hi&quot; &lt;b&gt;\">q</a>"},
    {"<!-- <a href=x> --><!DOCTYPE html><?pi x?>", NULL,
     "<!-- <a href=x> --><!DOCTYPE html><?pi x?>"},
    {"<!-- <a href=x> --><!DOCTYPE html><?pi x?>", B,
     "<!-- <a href=x> --><!DOCTYPE html><?pi x?>"},
    {"<svg viewbox=\"0 0 1 1\"><use xlink:href=\"#i\"/></svg>", NULL,
     "<svg viewBox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\"><use xlink:href=\"#i\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"></svg>"},
    {"<svg viewbox=\"0 0 1 1\"><use xlink:href=\"#i\"/></svg>", B,
     "<svg viewBox=\"0 0 1 1\" xmlns=\"http://www.w3.org/2000/svg\"><use xlink:href=\"#i\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"></svg>"},
    {"<math><mi>x</mi></math>", NULL,
     "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>"},
    {"<blockquote cite=q.html>c</blockquote><q cite=\"r.html\">r</q>", NULL,
     "<blockquote cite=\"q.html\">c</blockquote><q cite=\"r.html\">r</q>"},
    {"<blockquote cite=q.html>c</blockquote><q cite=\"r.html\">r</q>", B,
     "<blockquote cite=\"http://a.test/dir/q.html\">c</blockquote><q cite=\"http://a.test/dir/r.html\">r</q>"},
    {"<a href=\"http://other.test/abs\">abs</a><a href=\"#frag\">f</a><a href='?q=1'>q</a>", NULL,
     "<a href=\"http://other.test/abs\">abs</a><a href=\"#frag\">f</a><a href=\"?q=1\">q</a>"},
    {"<a href=\"http://other.test/abs\">abs</a><a href=\"#frag\">f</a><a href='?q=1'>q</a>", B,
     "<a href=\"http://other.test/abs\">abs</a><a href=\"http://a.test/dir/page.html#frag\">f</a><a href=\"http://a.test/dir/page.html?q=1\">q</a>"},
    {"<a href=\"unterminated", NULL,
     "<a href=\"unterminated"},
    {"<a href=\"unterminated", B,
     "<a href=\"unterminated"},
    {"text <b>bold</b> tail &", NULL,
     "text <b>bold</b> tail &"},
    {"x</a", NULL,
     "x</a"},
    {"&amp", NULL,
     "&amp"},
};

static void table(void)
{
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char *got = feed_html_resolve(CASES[i].in, strlen(CASES[i].in), CASES[i].base);
        CHECK_STR(got, CASES[i].want);
        free(got);
    }
}

/* Long runs of text between the few '<' and '&' (found with memchr, each
 * kind on its own): the text comes out as it went in. */
static void long_text(void)
{
    static const char *marks[] = {"<b>", "&amp;", "</b>", "&lt;", "<i>", "</i>", "&"};
    size_t cap = 64 << 10, n = 0;
    char *s = malloc(cap + 1);
    for (size_t m = 0; n + 4000 < cap; m++) {
        size_t run = (m * 977) % 3000 + (m % 3 == 0 ? 0 : 1); /* some marks touch */
        memset(s + n, 'a' + (char)(m % 26), run);
        n += run;
        const char *k = marks[m % (sizeof marks / sizeof *marks)];
        memcpy(s + n, k, strlen(k));
        n += strlen(k);
    }
    s[n++] = 'z'; /* text at the very end */
    s[n] = '\0';
    char *got = feed_html_resolve(s, n, B);
    CHECK_STR(got, s);
    free(got);
    free(s);
}

/* The output stops at its limit (twice the text limit). Each piece goes in
 * whole or not at all, so an attribute value that grows past the limit
 * keeps the pieces that fit: near the limit a value is escaped a byte at a
 * time, as runs it would lose bytes that fit. */
static void at_the_limit(void)
{
    size_t max = FEED_MAX_TEXT * 2, fit = (max - 10) / 9, units = fit + 2;
    char *s = malloc(4 * units + 32);
    memcpy(s, "<a title='", 10);
    for (size_t i = 0; i < units; i++)
        memcpy(s + 10 + 4 * i, "abc\"", 4);
    memcpy(s + 10 + 4 * units, "'>tail", 7);
    char *got = feed_html_resolve(s, strlen(s), NULL);
    /* "<a title=\"" and 3728269 times "abc&quot;" leave one byte: for an
     * 'a', not for "abc" */
    CHECK(max - 10 - 9 * fit == 1);
    CHECK(strlen(got) == max);
    CHECK(!memcmp(got, "<a title=\"abc&quot;abc&quot;", 28));
    CHECK_STR(got + 10 + 9 * fit, "a");
    free(got);
    free(s);
}

/* Our hashed entity table against libxml2's: every name it knows, with
 * its character; names it does not know, not found. */
static void entities(void)
{
    int names = 0, bad = 0;
    for (unsigned v = 1; v < 0x10000; v++) {
        const htmlEntityDesc *e = htmlEntityValueLookup(v);
        if (!e)
            continue;
        names++;
        char u[8], want[8];
        const char *got = feed_html_entity(e->name, u);
        int n = xmlCopyCharMultiByte((xmlChar *)want, (int)e->value);
        want[n > 0 ? n : 0] = '\0';
        if (!got || strcmp(got, want))
            bad++;
    }
    CHECK(names > 250);
    CHECK_NUM(bad, 0);
    char u[8];
    CHECK(feed_html_entity("a", u) == NULL);
    CHECK(feed_html_entity("AMP", u) == NULL); /* HTML's names are case-sensitive */
    CHECK(feed_html_entity("", u) == NULL);
    CHECK_STR(feed_html_entity("eacute", u), "\xc3\xa9");
}

int main(void)
{
    RUN(table);
    RUN(entities);
    RUN(long_text);
    RUN(at_the_limit);
    CHECK_DONE();
}
