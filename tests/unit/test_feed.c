/* test_feed: the feed parser on the tricky parts of RSS, Atom, RDF and JSON Feed. */
#include <stdlib.h>

#include "check.h"
#include "parse/feed.h"
#include "util/buf.h"
#include "util/json.h"

static feed_t *P(const char *doc, const char *base)
{
    return feed_parse(doc, strlen(doc), base, NULL);
}

/* The whole JSON output of a parse (caller frees). */
static char *json_of(feed_t *f)
{
    buf_t b;
    buf_init(&b, 0);
    jw_t w;
    jw_init(&w, &b, false);
    jw_obj(&w);
    feed_write_json(f, &w, true);
    jw_obj_end(&w);
    return buf_detach(&b);
}

static void rss20(void)
{
    feed_t *f = P("<?xml version='1.0'?><rss version='2.0'><channel><title>Chips &amp; more</title>"
                  "<link>http://news.test/</link>"
                  "<item><title>Nvidia raises</title><link>http://news.test/1</link>"
                  "<guid isPermaLink='false'>abc</guid><pubDate>Mon, 16 Mar 2026 09:00:00 +0100</pubDate>"
                  "<author>ed@news.test (Ed Itor)</author>"
                  "<description><![CDATA[<p>Up <b>5%</b></p>]]></description>"
                  "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>&lt;p&gt;Full&lt;/p&gt;</content:encoded>"
                  "</item><item><title>Second</title><guid>http://news.test/2</guid></item></channel></rss>",
                  NULL);
    CHECK(!feed_bozo(f));
    CHECK_STR(feed_version(f), "rss20");
    CHECK_STR(feed_title(f), "Chips & more");
    CHECK_STR(feed_link(f), "http://news.test/");
    CHECK(feed_count(f) == 2);
    feed_item_view v;
    feed_item(f, 0, &v);
    CHECK_STR(v.title, "Nvidia raises");
    CHECK_STR(v.link, "http://news.test/1");
    CHECK_STR(v.id, "abc");
    CHECK_STR(v.published, "2026-03-16T08:00:00Z");
    CHECK_STR(v.author, "ed@news.test (Ed Itor)");
    CHECK_STR(v.summary, "<p>Up <b>5%</b></p>");
    CHECK_STR(v.content, "<p>Full</p>");
    feed_item(f, 1, &v);
    CHECK_STR(v.link, "http://news.test/2"); /* a permalink guid is the link */
    CHECK(v.published == NULL);
    char *js = json_of(f);
    CHECK(strstr(js, "\"author_detail\":{\"name\":\"Ed Itor\",\"email\":\"ed@news.test\"}") != NULL);
    free(js);
    feed_free(f);
}

static void atom10_xhtml_and_base(void)
{
    feed_t *f = P("<feed xmlns='http://www.w3.org/2005/Atom' xml:base='http://a.test/dir/' xml:lang='en'>"
                  "<title type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>A <b>&amp;</b> B</div></title>"
                  "<entry xml:base='sub/'><title>T</title><link href='post.html'/>"
                  "<link rel='enclosure' href='/a.mp3' length='42' type='audio/mpeg'/>"
                  "<id>tag:a.test,2026:1</id><updated>2026-01-02T03:04:05-05:00</updated>"
                  "<content type='html'>&lt;a href=\"x.html\"&gt;x&lt;/a&gt;</content>"
                  "<author><name>Ann</name><email>ann@a.test</email></author></entry></feed>",
                  "http://ignored.test/");
    CHECK(!feed_bozo(f));
    CHECK_STR(feed_version(f), "atom10");
    CHECK_STR(feed_title(f), "A <b>&amp;</b> B"); /* the wrapping div is dropped */
    feed_item_view v;
    feed_item(f, 0, &v);
    CHECK_STR(v.link, "http://a.test/dir/sub/post.html");
    CHECK_STR(v.id, "tag:a.test,2026:1");
    CHECK_STR(v.published, "2026-01-02T08:04:05Z");
    CHECK_STR(v.content, "<a href=\"http://a.test/dir/sub/x.html\">x</a>");
    CHECK_STR(v.author, "Ann (ann@a.test)");
    char *js = json_of(f);
    const char *enc = strstr(js, "\"enclosures\":[{");
    CHECK(enc && strstr(enc, "\"href\":\"http://a.test/a.mp3\"") && strstr(enc, "\"length\":\"42\"") &&
          !strstr(enc, "\"rel\""));
    CHECK(strstr(js, "\"language\":\"en\"") != NULL);
    free(js);
    feed_free(f);
}

static void atom03_base64_and_rdf(void)
{
    feed_t *f = P("<feed version='0.3' xmlns='http://purl.org/atom/ns#'><entry>"
                  "<title mode='base64' type='text/html'>RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title></entry></feed>",
                  NULL);
    CHECK_STR(feed_version(f), "atom03");
    feed_item_view v;
    feed_item(f, 0, &v);
    CHECK_STR(v.title, "Example <b>Atom</b>");
    feed_free(f);
    f = P("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'"
          " xmlns:dc='http://purl.org/dc/elements/1.1/'><channel rdf:about='http://r.test/'><title>R</title></channel>"
          "<item rdf:about='http://r.test/1'><title>I</title><dc:date>2004-05-06T07:08:09+02:00</dc:date>"
          "<dc:creator>Bob</dc:creator></item></rdf:RDF>",
          NULL);
    CHECK_STR(feed_version(f), "rss10");
    feed_item(f, 0, &v);
    CHECK_STR(v.id, "http://r.test/1");
    CHECK_STR(v.published, "2004-05-06T05:08:09Z");
    CHECK_STR(v.author, "Bob");
    feed_free(f);
}

static void broken_documents(void)
{
    /* an HTML entity: bozo, but the character is kept */
    feed_t *f = P("<rss version='2.0'><channel><title>a&nbsp;b</title></channel></rss>", NULL);
    CHECK(feed_bozo(f));
    CHECK_STR(feed_title(f), "a\xc2\xa0" "b");
    feed_free(f);
    /* truncated: bozo, the first entry kept */
    f = P("<rss version='2.0'><channel><item><title>kept</title></item><item><title>cut", NULL);
    CHECK(feed_bozo(f) && feed_bozo_reason(f) != NULL);
    CHECK(feed_count(f) >= 1);
    feed_item_view v;
    feed_item(f, 0, &v);
    CHECK_STR(v.title, "kept");
    feed_free(f);
    /* external entities are never read */
    f = P("<!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><rss><channel><title>&x;</title></channel></rss>", NULL);
    CHECK(feed_bozo(f));
    CHECK(!feed_title(f) || !strstr(feed_title(f), "root:"));
    feed_free(f);
    /* entity expansion bomb */
    f = P("<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
          "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
          "<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'><!ENTITY g '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>"
          "<!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'><!ENTITY i '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;'>]>"
          "<rss><channel><title>&i;&i;&i;&i;&i;&i;&i;&i;</title></channel></rss>", NULL);
    CHECK(feed_bozo(f));
    feed_free(f);
    /* undeclared windows-1252 bytes: bozo, read as windows-1252 */
    f = P("<rss version='2.0'><channel><title>caf\xe9 \x93q\x94</title></channel></rss>", NULL);
    CHECK(feed_bozo(f));
    CHECK_STR(feed_title(f), "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d");
    CHECK_STR(feed_encoding(f), "windows-1252");
    feed_free(f);
    /* binary, empty */
    f = feed_parse("\x00\x01\xff\xfe\x80", 5, NULL, NULL);
    CHECK(feed_bozo(f) && feed_count(f) == 0);
    feed_free(f);
    f = feed_parse("", 0, NULL, NULL);
    CHECK(feed_bozo(f));
    feed_free(f);
}

static void json_feed(void)
{
    feed_t *f = P("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"JF\","
                  "\"home_page_url\":\"https://j.test/\",\"items\":[{\"id\":7,\"url\":\"/p/7\","
                  "\"title\":\"Seven\",\"content_html\":\"<p>hi</p>\",\"date_published\":\"2026-03-01T10:00:00+02:00\","
                  "\"authors\":[{\"name\":\"Jo\"}]}]}",
                  "https://j.test/feed.json");
    CHECK(!feed_bozo(f));
    CHECK_STR(feed_version(f), "json11");
    CHECK_STR(feed_title(f), "JF");
    feed_item_view v;
    feed_item(f, 0, &v);
    CHECK_STR(v.id, "7");
    CHECK_STR(v.link, "https://j.test/p/7");
    CHECK_STR(v.published, "2026-03-01T08:00:00Z");
    CHECK_STR(v.content, "<p>hi</p>");
    CHECK_STR(v.author, "Jo");
    feed_free(f);
    f = P("{\"title\":\"not a feed\"}", NULL);
    CHECK(feed_bozo(f));
    feed_free(f);
}

static int streamed;
static void count_entry(void *user, const feed_entry *e)
{
    feed_item_view v;
    feed_entry_view(e, &v);
    if (v.title && !strcmp(v.title, (const char *)user))
        streamed++;
}

static void streaming_one_byte_at_a_time(void)
{
    const char *doc = "<?xml version='1.0' encoding='ISO-8859-1'?><rss version='2.0'><channel>"
                      "<item><title>caf\xe9</title></item><item><title>caf\xe9</title></item></channel></rss>";
    feed_t *f = feed_stream_new(NULL, NULL, count_entry, "caf\xc3\xa9");
    for (size_t i = 0; doc[i]; i++)
        CHECK(feed_stream_push(f, doc + i, 1) == 0);
    feed_stream_end(f);
    CHECK(streamed == 2);
    CHECK(!feed_bozo(f));
    CHECK_STR(feed_encoding(f), "iso-8859-1");
    CHECK(feed_count(f) == 0); /* entries were handed over, not kept */
    feed_free(f);
}

/* Repair mode (ingest, update): a UTF-8 feed with a damaged character is
 * read as UTF-8 with one U+FFFD, characters cut between pushes included,
 * where parse-feed (as feedparser) reads windows-1252. */
static int repaired_ok, repaired_bad;
static void repair_entry(void *user, const feed_entry *e)
{
    feed_item_view v;
    feed_entry_view(e, &v);
    if (v.title && !strcmp(v.title, "caf\xc3\xa9 \xe2\x82\xac"))
        repaired_ok++;
    if (v.title && !strcmp(v.title, "bad \xef\xbf\xbd x"))
        repaired_bad++;
}

static void streaming_utf8_repair(void)
{
    buf_t doc;
    buf_init(&doc, 0);
    buf_puts(&doc, "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><description>");
    for (int i = 0; i < 9000; i++)
        buf_putc(&doc, 'x');
    buf_puts(&doc, "</description>");
    for (int i = 0; i < 3; i++)
        buf_puts(&doc, "<item><title>caf\xc3\xa9 \xe2\x82\xac</title></item>");
    buf_puts(&doc, "<item><title>bad \xe2\x82 x</title></item></channel></rss>");
    feed_t *f = feed_stream_new(NULL, NULL, repair_entry, NULL);
    feed_stream_repair_utf8(f);
    for (size_t i = 0; i < doc.len; i++)
        CHECK(feed_stream_push(f, doc.data + i, 1) == 0);
    feed_stream_end(f);
    CHECK(repaired_ok == 3 && repaired_bad == 1);
    CHECK_STR(feed_encoding(f), "utf-8");
    feed_free(f);
    /* a damaged head: UTF-8 still, with the repair; windows-1252 without */
    const char *bad = "<?xml version='1.0'?><rss version='2.0'><channel><title>Bad \xe2\x82 Wire</title></channel></rss>";
    f = feed_stream_new(NULL, NULL, NULL, NULL);
    feed_stream_repair_utf8(f);
    feed_stream_push(f, bad, strlen(bad));
    feed_stream_end(f);
    CHECK_STR(feed_title(f), "Bad \xef\xbf\xbd Wire");
    feed_free(f);
    f = feed_parse(bad, strlen(bad), NULL, NULL);
    CHECK_STR(feed_encoding(f), "windows-1252");
    feed_free(f);
    buf_free(&doc);
}

/* The JSON of doc pushed k bytes at a time, entries kept by a callback. */
static buf_t streamed_json;
static void json_entry_cb(void *user, const feed_entry *e)
{
    jw_t *w = user;
    feed_entry_write_json(e, w);
}

static char *stream_json(const char *doc, size_t k)
{
    buf_init(&streamed_json, 0);
    jw_t w;
    jw_init(&w, &streamed_json, false);
    jw_arr(&w);
    feed_t *f = feed_stream_new("http://news.test/", NULL, json_entry_cb, &w);
    size_t n = strlen(doc);
    for (size_t i = 0; i < n; i += k)
        feed_stream_push(f, doc + i, n - i < k ? n - i : k);
    feed_stream_end(f);
    jw_arr_end(&w);
    buf_printf(&streamed_json, " bozo=%d", feed_bozo(f));
    feed_free(f);
    return buf_detach(&streamed_json);
}

/* A bare '&' is text (and the feed bozo); in CDATA and comments nothing
 * changes; references stay references; entity references after an error
 * still count; an entity nobody defined stays as written. The same however
 * the bytes arrive, including a '&' split from its name. */
static void bare_ampersands(void)
{
    buf_t d;
    buf_init(&d, 0);
    buf_puts(&d, "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><!-- ");
    for (int i = 0; i < 7000; i++) /* past the first block read to sniff the format */
        buf_puts(&d, "padding & ");
    buf_puts(&d, "--><item><title>Q&A: AT&T; R&D &amp; &#38; &#x26; &lt;b&gt;</title>"
                 "<link>http://x.test/?a=1&b=2</link>"
                 "<description><![CDATA[a & b <p>c &amp; d</p>]]></description></item>"
                 "<item><title>&nbsp;after &foo; &amp; &lt;</title></item></channel></rss>");
    feed_t *f = P(d.data, NULL);
    char *js = json_of(f);
    CHECK(feed_bozo(f));
    CHECK(strstr(js, "\"title\":\"Q&A: AT&T; R&D & & & <b>\"") != NULL);
    CHECK(strstr(js, "\"link\":\"http://x.test/?a=1&b=2\"") != NULL);
    CHECK(strstr(js, "\"summary\":\"a & b <p>c &amp; d</p>\"") != NULL);
    CHECK(strstr(js, "\"title\":\"\xc2\xa0" "after &foo; & <\"") != NULL); /* &nbsp; is HTML's */
    free(js);
    feed_free(f);
    char *whole = stream_json(d.data, d.len);
    static const size_t K[] = {1, 7, 63, 64, 65, 4096};
    for (size_t i = 0; i < sizeof K / sizeof K[0]; i++) {
        char *part = stream_json(d.data, K[i]);
        CHECK_STR(part, whole);
        free(part);
    }
    CHECK(strstr(whole, "Q&A: AT&T; R&D & & & <b>") != NULL);
    free(whole);
    buf_free(&d);
    /* UTF-16 bytes are never looked at as ASCII */
    static const char u16[] = "\xff\xfe<\0r\0s\0s\0>\0<\0c\0h\0a\0n\0n\0e\0l\0>\0<\0t\0i\0t\0l\0e\0>\0&\0a\0m\0p\0;\0<\0/\0t\0i\0t\0l\0e\0>\0"
                                "<\0/\0c\0h\0a\0n\0n\0e\0l\0>\0<\0/\0r\0s\0s\0>\0";
    f = feed_parse(u16, sizeof u16 - 1, NULL, NULL);
    CHECK_STR(feed_title(f) ? feed_title(f) : "(none)", "&");
    CHECK_STR(feed_encoding(f), "utf-16le");
    feed_free(f);
}

static void sniff(void)
{
    CHECK(feed_sniff("<?xml version='1.0'?><!-- x --><rss version='2.0'>", 48));
    CHECK(feed_sniff("\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", 46));
    CHECK(feed_sniff("<rdf:RDF xmlns:rdf='x'>", 23));
    CHECK(feed_sniff("{\"version\":\"https://jsonfeed.org/version/1\"}", 44));
    CHECK(!feed_sniff("<!DOCTYPE html><html><body>", 27));
    CHECK(!feed_sniff("{\"a\":1}", 7));
    CHECK(!feed_sniff("", 0));
}

int main(void)
{
    RUN(rss20);
    RUN(atom10_xhtml_and_base);
    RUN(atom03_base64_and_rdf);
    RUN(broken_documents);
    RUN(streaming_utf8_repair);
    RUN(json_feed);
    RUN(streaming_one_byte_at_a_time);
    RUN(bare_ampersands);
    RUN(sniff);
    CHECK_DONE();
}
