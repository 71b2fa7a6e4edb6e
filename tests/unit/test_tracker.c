/* test_tracker: the tracker INI reader (src/sources/tracker.c). */
#include "check.h"

#include "sources/tracker.h"
#include "util/buf.h"

/* A URL of n bytes: "https://example.com/" then letters, then tail. */
static char *long_url(size_t n, const char *tail)
{
    char *u = malloc(n + 1);
    size_t head = strlen("https://example.com/"), t = strlen(tail);
    memcpy(u, "https://example.com/", head);
    for (size_t i = head; i < n - t; i++)
        u[i] = "abcdefghij"[i % 10];
    memcpy(u + n - t, tail, t + 1);
    return u;
}

static void long_source_urls(void)
{
    /* Two 2,000-byte URLs that share all but their last characters: inih's
     * 50-byte section buffer made them one source of 42 characters. */
    char *a = long_url(2000, "/one.rss"), *b = long_url(2000, "/two.rss");
    buf_t ini;
    buf_init(&ini, 0);
    buf_printf(&ini, "[tracker]\nname = t\n[theme x]\ntypes = funding\n[source %s]\ntitle = One\n"
                     "[source %s]\ntitle = Two\n", a, b);
    tracker_def t;
    char why[256];
    CHECK(tracker_parse(ini.data, &t, why, sizeof why) == 0);
    CHECK(t.n_sources == 2);
    if (t.n_sources == 2) {
        CHECK_STR(t.sources[0].url, a);
        CHECK_STR(t.sources[1].url, b);
        CHECK_STR(t.sources[1].title, "Two");
    }
    tracker_free(&t);
    buf_free(&ini);
    free(a);
    free(b);
}

static void source_without_keys(void)
{
    tracker_def t;
    char why[256];
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x]\n[source https://a.example/feed]\n"
                        "[source https://b.example/feed]\n; no keys either\n",
                        &t, why, sizeof why) == 0);
    CHECK(t.n_sources == 2);
    if (t.n_sources == 2) {
        CHECK_STR(t.sources[0].url, "https://a.example/feed");
        CHECK(t.sources[0].title == NULL);
        CHECK_STR(t.sources[1].url, "https://b.example/feed");
    }
    tracker_free(&t);
    /* a theme and an alert without keys exist too */
    CHECK(tracker_parse("[tracker]\nname = t\n[theme only]\n[alert any]\n", &t, why, sizeof why) == 0);
    CHECK(t.n_themes == 1 && t.n_alerts == 1);
    tracker_free(&t);
}

static void long_values(void)
{
    /* a value over inih's 200-byte line: every keyword survives */
    buf_t ini;
    buf_init(&ini, 0);
    buf_puts(&ini, "[tracker]\nname = t\n[theme x]\nkeywords = ");
    for (int i = 0; i < 300; i++)
        buf_printf(&ini, "%sword%d", i ? ", " : "", i);
    buf_puts(&ini, "\ntitle = A title\n");
    tracker_def t;
    char why[256];
    CHECK(tracker_parse(ini.data, &t, why, sizeof why) == 0);
    CHECK(t.n_themes == 1);
    if (t.n_themes == 1) {
        CHECK(t.themes[0].keywords.n == 300);
        CHECK_STR(t.themes[0].keywords.v[299], "word299");
        CHECK_STR(t.themes[0].title, "A title");
    }
    tracker_free(&t);
    buf_free(&ini);
}

static void dialect(void)
{
    tracker_def t;
    char why[256];
    /* BOM, comments, inline comments, ':' separators, continuation lines,
     * CRLF, brackets inside the URL (IPv6) */
    CHECK(tracker_parse("\xEF\xBB\xBF; comment\r\n# another\r\n[tracker]\r\n"
                        "name = t   ; the id\r\ntitle: Long\r\n   title, continued\r\n"
                        "[theme x]\nkeywords = a, b,\n  c\n"
                        "[source http://[::1]:8080/feed?a=1;b=2]  ; a comment\n"
                        "[alert big]\ndeliver = command echo a;b\nmin_usd = 1e8\n",
                        &t, why, sizeof why) == 0);
    CHECK_STR(t.name, "t");
    CHECK_STR(t.title, "Long title, continued");
    if (t.n_themes == 1)
        CHECK(t.themes[0].keywords.n == 3);
    CHECK(t.n_sources == 1);
    if (t.n_sources == 1)
        CHECK_STR(t.sources[0].url, "http://[::1]:8080/feed?a=1;b=2");
    if (t.n_alerts == 1)
        CHECK_STR(t.alerts[0].deliver, "command echo a;b");
    tracker_free(&t);
}

static void errors(void)
{
    tracker_def t;
    char why[256];
    /* a source listed twice is one source (stored configs may hold that) */
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x]\n[source https://a.example/f]\n"
                        "[source https://b.example/f]\n[source https://a.example/f]\ntitle = A\n",
                        &t, why, sizeof why) == 0);
    CHECK(t.n_sources == 2);
    if (t.n_sources == 2)
        CHECK_STR(t.sources[0].title, "A");
    tracker_free(&t);
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x]\n[theme y]\n[theme x]\n", &t, why, sizeof why) < 0);
    CHECK(strstr(why, "line 5") && strstr(why, "twice"));
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x]\n[source]\n", &t, why, sizeof why) < 0);
    CHECK(strstr(why, "needs a URL") != NULL);
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x\n", &t, why, sizeof why) < 0);
    CHECK(strstr(why, "line 3") != NULL);
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x]\njust words\n", &t, why, sizeof why) < 0);
    CHECK(strstr(why, "line 4") != NULL);
    CHECK(tracker_parse("name = t\n[theme x]\n", &t, why, sizeof why) < 0);
    CHECK(strstr(why, "outside") != NULL);
    CHECK(tracker_parse("[tracker]\nname = t\n[theme x]\n[alert a]\n[alert a]\n", &t, why, sizeof why) < 0);
    CHECK(strstr(why, "twice") != NULL);
}

static void default_tracker(void)
{
    tracker_def t;
    char why[256];
    CHECK(tracker_parse(tracker_default_config(), &t, why, sizeof why) == 0);
    int found = 0;
    for (size_t i = 0; i < t.n_sources; i++)
        found |= strcmp(t.sources[i].url, "https://spectrum.ieee.org/feeds/topic/semiconductors.rss") == 0;
    CHECK(found);
    tracker_free(&t);
}

int main(void)
{
    RUN(long_source_urls);
    RUN(source_without_keys);
    RUN(long_values);
    RUN(dialect);
    RUN(errors);
    RUN(default_tracker);
    CHECK_DONE();
}
