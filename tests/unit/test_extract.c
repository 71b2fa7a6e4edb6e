/* test_extract: unit tests of the article extractor (dates, charsets,
 * text, metadata, hostile input). */
#include "check.h"

#include "extract/extract.h"
#include "extract/extract_date.h"
#include "extract/extract_doc.h"

static void dates(void)
{
    static const struct { const char *in, *want; } cases[] = {
        {"2026-03-16T09:00:00Z", "2026-03-16T09:00:00Z"},
        {"2026-03-16T09:00:00.123Z", "2026-03-16T09:00:00Z"},
        {"2026-03-16T09:00:00+01:00", "2026-03-16T09:00:00+01:00"},
        {"2026-03-16T09:00:00-0500", "2026-03-16T09:00:00-05:00"},
        {"2026-03-16T09:00:00+00:00", "2026-03-16T09:00:00Z"},
        {"2026-03-16 09:00", "2026-03-16T09:00:00Z"},
        {"2026-03-16", "2026-03-16T00:00:00Z"},
        {"2026/3/6", "2026-03-06T00:00:00Z"},
        {"20260316", "2026-03-16T00:00:00Z"},
        {"Mon, 16 Mar 2026 09:00:00 GMT", "2026-03-16T09:00:00Z"},
        {"Mon, 16 Mar 2026 09:00:00 +0200", "2026-03-16T09:00:00+02:00"},
        {"March 16, 2026", "2026-03-16T00:00:00Z"},
        {"Nov. 19, 2019 9:05 PM EST", "2019-11-19T21:05:00-05:00"},
        {"16 March 2026", "2026-03-16T00:00:00Z"},
        {"  2026-03-16T09:00:00Z  ", "2026-03-16T09:00:00Z"},
        {"2026-02-30", NULL},
        {"2026-13-01", NULL},
        {"yesterday", NULL},
        {"", NULL},
        {"2026-03-16T25:00:00Z", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = extract_date_rfc3339(cases[i].in);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
    CHECK(extract_date_rfc3339(NULL) == NULL);
}

static void charsets(void)
{
    char enc[40];
    extract_doc_charset("\xEF\xBB\xBF<p>x", 7, NULL, enc, sizeof enc);
    CHECK_STR(enc, "UTF-8");
    extract_doc_charset("<p>x", 4, "text/html; charset=ISO-8859-1", enc, sizeof enc);
    CHECK_STR(enc, "windows-1252");
    const char *meta = "<html><head><meta charset='Shift_JIS'></head>";
    extract_doc_charset(meta, strlen(meta), NULL, enc, sizeof enc);
    CHECK_STR(enc, "shift_jis");
    const char *equiv = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">";
    extract_doc_charset(equiv, strlen(equiv), NULL, enc, sizeof enc);
    CHECK_STR(enc, "koi8-r");
    extract_doc_charset("<p>caf\xe9", 8, NULL, enc, sizeof enc);
    CHECK_STR(enc, "windows-1252");
    extract_doc_charset("<p>caf\xc3\xa9", 9, NULL, enc, sizeof enc);
    CHECK_STR(enc, "UTF-8");
}

static void fragments(void)
{
    const char *h = "<p>One &amp; two</p><p>Three<br>four</p><script>x()</script>";
    char *t = html_to_text(h, strlen(h));
    CHECK_STR(t, "One & two\n\nThree\nfour");
    free(t);
    t = html_to_text("plain   text", 12);
    CHECK_STR(t, "plain text");
    free(t);
    t = html_to_text("", 0);
    CHECK_STR(t, "");
    free(t);
    t = html_to_text(NULL, 0);
    CHECK_STR(t, "");
    free(t);
}

static const char page[] =
    "<html lang=\"en\"><head><title>Big round - Site</title>"
    "<meta property=\"og:site_name\" content=\"Site\">"
    "<meta property=\"article:published_time\" content=\"2026-03-16T09:00:00Z\">"
    "<meta name=\"author\" content=\"By A. Writer\"></head><body>"
    "<ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/b\">Business</a></li></ul>"
    "<div class=\"story\"><h1>Big round</h1>"
    "<p>Acme raised $10 million in a round led by Example Capital, the company said, adding "
    "that it would hire more engineers.</p>"
    "<p>The money, its second round this year, will pay for a new factory in Dresden, "
    "according to the statement.</p></div>"
    "<div class=\"comments\"><p>First comment, which is long enough to count as a paragraph "
    "of text.</p></div></body></html>";

static void article(void)
{
    article_t a;
    CHECK(extract_article(page, strlen(page), "https://example.com/a", NULL, &a) == 0);
    CHECK_STR(a.title, "Big round");
    CHECK_STR(a.site_name, "Site");
    CHECK_STR(a.author, "A. Writer");
    CHECK_STR(a.published, "2026-03-16T09:00:00Z");
    CHECK_STR(a.lang, "en");
    CHECK_STR(a.url, "https://example.com/a");
    CHECK_STR(a.text, "Acme raised $10 million in a round led by Example Capital, the company "
                      "said, adding that it would hire more engineers.\n\nThe money, its second "
                      "round this year, will pay for a new factory in Dresden, according to the "
                      "statement.");
    article_free(&a);
    article_free(&a); /* twice is harmless */
    article_free(NULL);
}

static void hostile(void)
{
    article_t a;
    CHECK(extract_article(NULL, 0, NULL, NULL, &a) == -1);
    CHECK(a.text == NULL);
    CHECK(extract_article("", 0, NULL, NULL, &a) == -1);
    CHECK(extract_article("\x00\x01\x02\x03<", 5, NULL, NULL, &a) == -1);
    /* Broken markup still gives text. */
    const char *broken = "<div><p>Unclosed paragraph with enough words, commas, and length to "
                         "be taken as the article text here<div><b>bold<i>italic</b>";
    CHECK(extract_article(broken, strlen(broken), NULL, "text/html; charset=bogus-42", &a) == 0);
    CHECK(a.text && strstr(a.text, "Unclosed paragraph"));
    article_free(&a);
    /* Deep nesting is cut, not recursed into without end. */
    size_t n = 200000 * 5 + 100;
    char *deep = malloc(n);
    size_t k = 0;
    k += (size_t)snprintf(deep, n, "<html><body>");
    for (int i = 0; i < 200000; i++) {
        memcpy(deep + k, "<div>", 5);
        k += 5;
    }
    CHECK(extract_article(deep, k, NULL, NULL, &a) == 0);
    article_free(&a);
    free(deep);
    /* Script-only page: empty text. */
    const char *script = "<html><body><script>document.write('x')</script></body></html>";
    CHECK(extract_article(script, strlen(script), NULL, NULL, &a) == 0);
    CHECK_STR(a.text, "");
    article_free(&a);
    CHECK(extract_parse_only(page, strlen(page), NULL) == 0);
}

/* A paragraph that only points to another story ("Also read: <a>...</a>")
 * is left out whatever the length of the headline it links; paragraphs
 * that start with the same words as text are kept. */
static void pointers(void)
{
    static const char lede[] =
        "Harbour Silicon, a maker of optical interconnects for accelerator racks, has raised "
        "$48 million in a Series B round led by Tidewater Ventures, the company said on Tuesday, "
        "adding that the money would pay for a second production line near Porto and for hiring "
        "in its design office, where it expects to double the team of engineers by the end of "
        "next year as customers move from copper to light between their chips.";
    char html[4096];
    snprintf(html, sizeof html,
             "<html><head><title>Rack optics</title></head><body><div class=\"story-body\">"
             "<p>Quartzline Labs said on Monday it had raised $20 million from Alder Capital, "
             "which led the round, and from two of its earlier backers.</p>"
             "<p><strong>Also read:</strong> <a href=\"/b\">%s</a></p>"
             "<p class=\"inline-related\">READ MORE | <a href=\"/c\">Orbit Fab raises "
             "$9 million</a></p>"
             "<p>Related work by the same team, described in <a href=\"/d\">a paper</a> last "
             "year, showed that the chips could run cooler, the founders said.</p>"
             "<p>The company will use the money to hire engineers in Leeds, its chief executive "
             "said, and to open an office in Austin.</p></div></body></html>",
             lede);
    article_t a;
    CHECK(extract_article(html, strlen(html), NULL, NULL, &a) == 0);
    CHECK(a.text && strstr(a.text, "Quartzline Labs said"));
    CHECK(a.text && strstr(a.text, "office in Austin"));
    CHECK(a.text && strstr(a.text, "Related work by the same team"));
    CHECK(a.text && !strstr(a.text, "Harbour Silicon"));
    CHECK(a.text && !strstr(a.text, "Orbit Fab"));
    article_free(&a);
    /* a feed's full content: the same lines go, and the feed's credit line */
    const char *content =
        "<p>Quartzline Labs said on Monday it had raised $20 million.</p>"
        "<p>Also read: <a href=\"/b\">Orbit Fab raises $9 million for its tugs</a></p>"
        "<p>It will hire engineers in Leeds.</p>"
        "<p>The post <a href=\"/a\">Quartzline Labs raises $20 million</a> appeared first on "
        "<a href=\"/\">Circuit Ledger</a>.</p>";
    char *t = html_to_text(content, strlen(content));
    CHECK_STR(t, "Quartzline Labs said on Monday it had raised $20 million.\n\n"
                 "It will hire engineers in Leeds.");
    free(t);
}

/* Feed entries: teasers (short, or cut and pointing to the page) and
 * articles. */
static void teasers(void)
{
    char words[2400] = "";
    for (int i = 0; i < 40; i++) /* 2,040 bytes */
        strcat(words, "Kestrel Micro will build the plant near the river, ");
    char buf[3000];
    CHECK(extract_is_teaser(NULL));
    CHECK(extract_is_teaser("Kestrel Micro raised $75 million."));
    /* long enough, and it ends as a whole text does */
    snprintf(buf, sizeof buf, "%sthe company said.", words);
    CHECK(!extract_is_teaser(buf));
    /* WordPress set to excerpts: 55 words, an ellipsis, the SEO credit */
    snprintf(buf, sizeof buf, "%sand [\xE2\x80\xA6]\n\nThe post Kestrel Micro builds a plant "
             "appeared first on Circuit Ledger.", words);
    CHECK(extract_is_teaser(buf));
    snprintf(buf, sizeof buf, "%sand ...", words);
    CHECK(extract_is_teaser(buf));
    snprintf(buf, sizeof buf, "%sthe company said.\n\nContinue reading \xC2\xBB", words);
    CHECK(extract_is_teaser(buf));
    snprintf(buf, sizeof buf, "%sthe company said.\n\nRead more >>", words);
    CHECK(extract_is_teaser(buf));
    /* a whole article with the credit line is an article */
    snprintf(buf, sizeof buf, "%sthe company said.\n\nThe post Kestrel Micro builds a plant "
             "appeared first on Circuit Ledger.", words);
    CHECK(!extract_is_teaser(buf));
    /* past EXTRACT_TEASER_MAX it is the article, however it ends */
    char *big = malloc(EXTRACT_TEASER_MAX + 64);
    memset(big, 'a', EXTRACT_TEASER_MAX + 10);
    strcpy(big + EXTRACT_TEASER_MAX + 10, " ...");
    CHECK(!extract_is_teaser(big));
    free(big);
}

/* A page is known by its content: the tags in its first 4 KiB, in any
 * case; text that only mentions a tag's name is not a page. */
static void looks_html(void)
{
    static const char *const pages[] = {"<!DOCTYPE html><p>x</p>", "  <HTML lang=en>",
        "<div><Body>", "<article>story</article>", "<head><meta charset=utf-8><title>T</title>",
        "text < more text <html>"};
    static const char *const texts[] = {"Helix raises $5 million\nHelix raised <5% of it.\n",
        "the html and body of the page", "<head> alone", "", "a < b and c < d"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
        CHECK(extract_looks_html(pages[i], strlen(pages[i])));
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        CHECK(!extract_looks_html(texts[i], strlen(texts[i])));
    /* a tag past the first 4 KiB, or cut by it, does not count */
    char big[5000];
    memset(big, 'a', sizeof big);
    memcpy(big + 4093, "<html>", 6);
    CHECK(!extract_looks_html(big, sizeof big));
    memcpy(big + 4000, "<html>", 6);
    CHECK(extract_looks_html(big, sizeof big));
}

int main(void)
{
    RUN(looks_html);
    RUN(dates);
    RUN(charsets);
    RUN(fragments);
    RUN(article);
    RUN(hostile);
    RUN(pointers);
    RUN(teasers);
    CHECK_DONE();
}
