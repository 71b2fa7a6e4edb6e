/* test_url: RFC 3986 reference resolution (the examples of its section 5.4). */
#include <stdlib.h>

#include "check.h"
#include "util/url.h"

static char got[URL_MAX + 1];

static const char *r(const char *base, const char *ref)
{
    char *s = url_resolve(base, ref);
    if (!s)
        return NULL;
    snprintf(got, sizeof got, "%s", s);
    free(s);
    return got;
}

#define B "http://a/b/c/d;p?q"

static void normal_examples(void)
{
    CHECK_STR(r(B, "g:h"), "g:h");
    CHECK_STR(r(B, "g"), "http://a/b/c/g");
    CHECK_STR(r(B, "./g"), "http://a/b/c/g");
    CHECK_STR(r(B, "g/"), "http://a/b/c/g/");
    CHECK_STR(r(B, "/g"), "http://a/g");
    CHECK_STR(r(B, "//g"), "http://g");
    CHECK_STR(r(B, "?y"), "http://a/b/c/d;p?y");
    CHECK_STR(r(B, "g?y"), "http://a/b/c/g?y");
    CHECK_STR(r(B, "#s"), "http://a/b/c/d;p?q#s");
    CHECK_STR(r(B, "g#s"), "http://a/b/c/g#s");
    CHECK_STR(r(B, ";x"), "http://a/b/c/;x");
    CHECK_STR(r(B, ""), "http://a/b/c/d;p?q");
    CHECK_STR(r(B, "."), "http://a/b/c/");
    CHECK_STR(r(B, "./"), "http://a/b/c/");
    CHECK_STR(r(B, ".."), "http://a/b/");
    CHECK_STR(r(B, "../g"), "http://a/b/g");
    CHECK_STR(r(B, "../.."), "http://a/");
    CHECK_STR(r(B, "../../g"), "http://a/g");
}

static void abnormal_examples(void)
{
    CHECK_STR(r(B, "../../../g"), "http://a/g");
    CHECK_STR(r(B, "../../../../g"), "http://a/g");
    CHECK_STR(r(B, "/./g"), "http://a/g");
    CHECK_STR(r(B, "/../g"), "http://a/g");
    CHECK_STR(r(B, "g."), "http://a/b/c/g.");
    CHECK_STR(r(B, ".g"), "http://a/b/c/.g");
    CHECK_STR(r(B, "g.."), "http://a/b/c/g..");
    CHECK_STR(r(B, "./../g"), "http://a/b/g");
    CHECK_STR(r(B, "./g/."), "http://a/b/c/g/");
    CHECK_STR(r(B, "g/./h"), "http://a/b/c/g/h");
    CHECK_STR(r(B, "g/../h"), "http://a/b/c/h");
    CHECK_STR(r(B, "g;x=1/./y"), "http://a/b/c/g;x=1/y");
    CHECK_STR(r(B, "g?y/./x"), "http://a/b/c/g?y/./x");
    CHECK_STR(r(B, "g#s/../x"), "http://a/b/c/g#s/../x");
}

static void edges(void)
{
    CHECK_STR(r(NULL, "rel/x"), "rel/x");                 /* nothing to resolve against */
    CHECK_STR(r("", " /x "), "/x");                        /* white space trimmed */
    CHECK_STR(r("http://h.test", "x"), "http://h.test/x"); /* empty base path */
    CHECK_STR(r("http://h.test/a/", "\xc3\x80"), "http://h.test/a/\xc3\x80"); /* IRIs pass through */
    CHECK(r(B, NULL) == NULL);
    CHECK(url_has_scheme("https://x") && url_has_scheme("tag:x,2004:1") && !url_has_scheme("/x:y") &&
          !url_has_scheme("1a:b") && !url_has_scheme(NULL));
    char *big = malloc(URL_MAX + 10);
    memset(big, 'a', URL_MAX + 9);
    big[URL_MAX + 9] = '\0';
    CHECK(url_resolve(B, big) == NULL); /* too long */
    free(big);
}

/* the one rule for a link given out (issue 12 #18) */
static void public_links(void)
{
    CHECK(url_public("http://a.test/x") && url_public("HTTPS://a.test") && url_public("https://a.test?q"));
    CHECK(!url_public("javascript:alert(1)") && !url_public("JavaScript:x") && !url_public("data:text/html,hi"));
    CHECK(!url_public("file:///etc/passwd") && !url_public("mailto:a@b.test") && !url_public("//a.test/x"));
    CHECK(!url_public("http://") && !url_public("https:///x") && !url_public("/relative") && !url_public(NULL));
    CHECK(!url_public("http://a.test/x y") && !url_public("http://a.test/\nx") && !url_public(""));
    CHECK(url_out("data:x") == NULL);
    CHECK_STR(url_doc_out("javascript:x", "https://a.test/1"), "https://a.test/1");
    CHECK_STR(url_doc_out("https://a.test/c", "https://a.test/1"), "https://a.test/c");
    CHECK(url_doc_out("data:x", "javascript:y") == NULL && url_doc_out(NULL, NULL) == NULL);
}

int main(void)
{
    RUN(public_links);
    RUN(normal_examples);
    RUN(abnormal_examples);
    RUN(edges);
    CHECK_DONE();
}
