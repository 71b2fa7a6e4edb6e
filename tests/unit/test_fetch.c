/* test_fetch: the robots.txt parser, the polling intervals and URL keys. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check.h"
#include "fetch/fetch.h"
#include "fetch/poll.h"
#include "fetch/robots.h"

static robots_t *rb(const char *text)
{
    return robots_parse(text, strlen(text), "mtrack");
}

static void robots_basics(void)
{
    robots_t *r = rb("");
    CHECK(robots_allowed(r, "/"));
    CHECK(robots_allowed(r, "/anything?x=1"));
    CHECK_NUM(robots_crawl_delay(r), 0);
    robots_free(r);
    CHECK(robots_allowed(NULL, "/x"));

    r = rb("User-agent: *\nDisallow: /private/\n");
    CHECK(!robots_allowed(r, "/private/feed.xml"));
    CHECK(!robots_allowed(r, "/private/"));
    CHECK(robots_allowed(r, "/private"));
    CHECK(robots_allowed(r, "/public/feed.xml"));
    CHECK(robots_allowed(r, "/robots.txt"));
    robots_free(r);

    /* "Disallow:" with nothing forbids nothing */
    r = rb("User-agent: *\nDisallow:\n");
    CHECK(robots_allowed(r, "/a"));
    robots_free(r);

    r = robots_deny_all();
    CHECK(!robots_allowed(r, "/"));
    CHECK(robots_allowed(r, "/robots.txt"));
    robots_free(r);
}

static void robots_groups(void)
{
    /* our own group replaces the '*' one */
    robots_t *r = rb("User-agent: *\nDisallow: /\n\nUser-agent: mtrack\nDisallow: /admin\n");
    CHECK(robots_allowed(r, "/news"));
    CHECK(!robots_allowed(r, "/admin/x"));
    robots_free(r);

    /* an empty group of ours allows everything */
    r = rb("User-agent: *\nDisallow: /\n\nUser-agent: mtrack\n");
    CHECK(robots_allowed(r, "/news"));
    robots_free(r);

    /* case and version ignored; several agents share one group */
    r = rb("User-agent: otherbot\nUser-agent: MTrack/2.0\nDisallow: /x\n");
    CHECK(!robots_allowed(r, "/x"));
    CHECK(robots_allowed(r, "/y"));
    robots_free(r);

    /* a group for someone else does not apply */
    r = rb("User-agent: mtrackerbot\nDisallow: /\n");
    CHECK(robots_allowed(r, "/a"));
    robots_free(r);

    /* consecutive agent lines share a group, blank lines or not (RFC 9309) */
    r = rb("User-agent: mtrack\n\nUser-agent: *\nDisallow: /\n");
    CHECK(!robots_allowed(r, "/news"));
    robots_free(r);

    /* two groups of ours are merged */
    r = rb("User-agent: mtrack\nDisallow: /a\n\nUser-agent: x\nDisallow: /c\n\n"
           "User-agent: mtrack\nDisallow: /b\n");
    CHECK(!robots_allowed(r, "/a"));
    CHECK(!robots_allowed(r, "/b"));
    CHECK(robots_allowed(r, "/c"));
    robots_free(r);

    /* a sitemap line does not end the group */
    r = rb("User-agent: *\nSitemap: http://x/s.xml\nDisallow: /s\n");
    CHECK(!robots_allowed(r, "/s"));
    robots_free(r);
}

static void robots_matching(void)
{
    /* the longest rule decides; allow wins a tie */
    robots_t *r = rb("User-agent: *\nDisallow: /folder\nAllow: /folder/page\n"
                     "Allow: /tie\nDisallow: /tie\n");
    CHECK(robots_allowed(r, "/folder/page.html"));
    CHECK(!robots_allowed(r, "/folder/other"));
    CHECK(robots_allowed(r, "/tie/x"));
    robots_free(r);

    r = rb("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*/secret\nAllow: /$\nDisallow: /\n");
    CHECK(!robots_allowed(r, "/a/b.pdf"));
    CHECK(!robots_allowed(r, "/a/b/secret/c"));
    CHECK(robots_allowed(r, "/"));
    CHECK(!robots_allowed(r, "/page"));
    robots_free(r);

    r = rb("User-agent: *\nDisallow: /*.pdf$\n");
    CHECK(robots_allowed(r, "/a/b.pdf?x=1"));
    CHECK(robots_allowed(r, "/a.pdfx"));
    CHECK(!robots_allowed(r, "/.pdf"));
    robots_free(r);

    r = rb("User-agent: *\nDisallow: /search?q=\nDisallow: /**k\n");
    CHECK(!robots_allowed(r, "/search?q=chips"));
    CHECK(robots_allowed(r, "/search"));
    CHECK(!robots_allowed(r, "/xyzk"));
    CHECK(robots_allowed(r, "/xyz"));
    robots_free(r);
}

static void robots_syntax(void)
{
    /* BOM, CRLF, comments, spaces, case of keys, junk lines */
    robots_t *r = rb("\xEF\xBB\xBF# hello\r\nUSER-AGENT : * # all\r\n  disallow:/a # no a\r\n"
                     "this is junk\r\nCrawl-delay: 2.5\r\nnoise: x\r\n");
    CHECK(!robots_allowed(r, "/a"));
    CHECK(robots_allowed(r, "/b"));
    CHECK_NUM(robots_crawl_delay(r), 2.5);
    robots_free(r);

    /* a crawl delay is kept sane */
    r = rb("User-agent: mtrack\nCrawl-delay: 99999999\n");
    CHECK_NUM(robots_crawl_delay(r), 3600);
    robots_free(r);
    r = rb("User-agent: mtrack\nCrawl-delay: -5\nCrawl-delay: soon\n");
    CHECK_NUM(robots_crawl_delay(r), 0);
    robots_free(r);

    /* the other agent's delay is not ours */
    r = rb("User-agent: x\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 1\n");
    CHECK_NUM(robots_crawl_delay(r), 1);
    robots_free(r);
}

static void robots_hostile(void)
{
    /* NUL bytes, binary junk, a huge file, a pathological pattern */
    char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (char)(i * 131 + 7);
    robots_t *r = robots_parse(bin, sizeof bin, "mtrack");
    CHECK(r != NULL);
    robots_allowed(r, "/x");
    robots_free(r);

    const char nul[] = "User-agent: *\nDisallow: /a\0b\nDisallow: /c\n";
    r = robots_parse(nul, sizeof nul - 1, "mtrack");
    CHECK(!robots_allowed(r, "/c"));
    robots_free(r);

    size_t big = (size_t)3 << 20;
    char *huge = malloc(big + 1);
    size_t n = 0;
    n += (size_t)sprintf(huge, "User-agent: *\n");
    while (n + 32 < big)
        n += (size_t)sprintf(huge + n, "Disallow: /x%zu\n", n);
    r = robots_parse(huge, n, "mtrack");
    CHECK(robots_allowed(r, "/y"));
    CHECK(!robots_allowed(r, "/x14"));
    robots_free(r);

    memset(huge, 'a', 5000);
    huge[0] = '/';
    huge[5000] = '\0';
    r = rb("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*b\n");
    CHECK(robots_allowed(r, huge));
    robots_free(r);
    free(huge);
}

static void poll_intervals(void)
{
    CHECK_NUM(poll_next_interval(0, 3, 0), 1800);       /* default 1 h, halved */
    CHECK_NUM(poll_next_interval(3600, 0, 0), 5400);    /* quiet: 1.5x */
    CHECK_NUM(poll_next_interval(900, 5, 0), POLL_MIN_S);
    CHECK_NUM(poll_next_interval(1000, 5, 0), POLL_MIN_S);
    CHECK_NUM(poll_next_interval(86400, 0, 0), POLL_MAX_S);
    CHECK_NUM(poll_next_interval(70000, 0, 0), POLL_MAX_S);
    CHECK_NUM(poll_next_interval(7200, 1, 1200), 1200); /* publishes every 20 min */
    CHECK_NUM(poll_next_interval(7200, 1, 60), POLL_MIN_S);
    CHECK_NUM(poll_next_interval(7200, 1, 100000), 3600); /* the gap does not slow us */
    CHECK_NUM(poll_next_interval(7200, 0, 60), 10800);  /* no news: the gap does not matter */
    CHECK_NUM(poll_next_interval(-5, 0, 0), 5400);
    CHECK_NUM(poll_next_interval(INT64_MAX, 0, 0), POLL_MAX_S);
    /* a quiet source settles at a day, a busy one at the floor */
    int64_t v = 3600;
    for (int i = 0; i < 30; i++)
        v = poll_next_interval(v, 0, 0);
    CHECK_NUM(v, POLL_MAX_S);
    for (int i = 0; i < 30; i++)
        v = poll_next_interval(v, 2, 0);
    CHECK_NUM(v, POLL_MIN_S);

    CHECK_NUM(poll_failure_delay(1), 300);
    CHECK_NUM(poll_failure_delay(2), 600);
    CHECK_NUM(poll_failure_delay(3), 1200);
    CHECK_NUM(poll_failure_delay(0), 300);
    CHECK_NUM(poll_failure_delay(40), POLL_MAX_S);
    CHECK_NUM(poll_failure_delay(INT64_MAX), POLL_MAX_S);
}

static void poll_gaps(void)
{
    int64_t d1[] = {7800, 0, 3600, 7200};
    CHECK_NUM(poll_median_gap(d1, 4), 3600); /* gaps 3600 3600 600 */
    int64_t d2[] = {100};
    CHECK_NUM(poll_median_gap(d2, 1), 0);
    CHECK_NUM(poll_median_gap(NULL, 0), 0);
    int64_t d3[] = {5, 5, 5};
    CHECK_NUM(poll_median_gap(d3, 3), 0);
    int64_t d4[] = {0, 86400, 86400, 172800};
    CHECK_NUM(poll_median_gap(d4, 4), 86400);
}

static void url_keys(void)
{
    char *o, *p;
    CHECK(fetch_split_url("http://Example.COM/a/b?x=1#frag", &o, &p) == 0);
    CHECK_STR(o, "http://example.com:80");
    CHECK_STR(p, "/a/b?x=1");
    free(o);
    free(p);
    CHECK(fetch_split_url("https://x.org", &o, &p) == 0);
    CHECK_STR(o, "https://x.org:443");
    CHECK_STR(p, "/");
    free(o);
    free(p);
    CHECK(fetch_split_url("HTTP://127.0.0.1:8080/feed", &o, &p) == 0);
    CHECK_STR(o, "http://127.0.0.1:8080");
    free(o);
    free(p);
    CHECK(fetch_split_url("ftp://x.org/a", &o, &p) < 0);
    CHECK(o == NULL && p == NULL);
    CHECK(fetch_split_url("file:///etc/passwd", &o, &p) < 0);
    CHECK(fetch_split_url("http://", &o, &p) < 0);
    CHECK(fetch_split_url("/relative", &o, &p) < 0);
    CHECK(fetch_split_url(NULL, &o, &p) < 0);
}

static int priv(const char *ip)
{
    struct sockaddr_in v4 = {0};
    struct sockaddr_in6 v6 = {0};
    if (inet_pton(AF_INET, ip, &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        return fetch_addr_private((struct sockaddr *)&v4);
    }
    if (inet_pton(AF_INET6, ip, &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        return fetch_addr_private((struct sockaddr *)&v6);
    }
    return -1;
}

static void private_addresses(void)
{
    const char *no[] = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                        "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                        "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::5",
                        "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1"};
    const char *yes[] = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1",
                         "2606:4700::1111", "::ffff:1.1.1.1", "11.0.0.1", "192.169.0.1"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (priv(no[i]) != 1) {
            printf("# %s\n", no[i]);
            CHECK(!"a private address passed");
        }
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (priv(yes[i]) != 0) {
            printf("# %s\n", yes[i]);
            CHECK(!"a public address was refused");
        }
    CHECK(fetch_addr_private(NULL));
}

/* How long a robots.txt is kept by its Cache-Control (RFC 9309: a day at
 * most). */
static void cache_ttl(void)
{
    long day = FETCH_ROBOTS_TTL_MAX;
    CHECK(fetch_cache_ttl(NULL, day) == day);
    CHECK(fetch_cache_ttl("", day) == day);
    CHECK(fetch_cache_ttl("max-age=600", day) == 600);
    CHECK(fetch_cache_ttl("public, Max-Age = 120", day) == 120);
    CHECK(fetch_cache_ttl("max-age=\"90\"", day) == 90);
    CHECK(fetch_cache_ttl("max-age=999999999999999999999999", day) == day);
    CHECK(fetch_cache_ttl("max-age=86401", day) == day);
    CHECK(fetch_cache_ttl("max-age=0", day) == 0);
    CHECK(fetch_cache_ttl("no-store", day) == 0);
    CHECK(fetch_cache_ttl("public, no-cache", day) == 0);
    CHECK(fetch_cache_ttl("max-age=abc", day) == day);
    CHECK(fetch_cache_ttl("s-maxage=10", day) == day);
}

int main(void)
{
    RUN(cache_ttl);
    RUN(robots_basics);
    RUN(robots_groups);
    RUN(robots_matching);
    RUN(robots_syntax);
    RUN(robots_hostile);
    RUN(poll_intervals);
    RUN(poll_gaps);
    RUN(url_keys);
    RUN(private_addresses);
    CHECK_DONE();
}
