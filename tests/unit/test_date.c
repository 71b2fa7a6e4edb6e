/* test_date: date_parse across the formats feeds use, and RFC 3339 output. */
#include "check.h"
#include "util/date.h"

/* The RFC 3339 form of s, or "ERR" when it does not parse. */
static const char *p(const char *s)
{
    static char out[32];
    int64_t t;
    if (date_parse(s, &t) != 0)
        return "ERR";
    date_format_rfc3339(t, out);
    return out;
}

static void rfc822(void)
{
    CHECK_STR(p("Thu, 01 Jan 2004 19:48:21 GMT"), "2004-01-01T19:48:21Z");
    CHECK_STR(p("Thu, 01 Jan 04 19:48:21 GMT"), "2004-01-01T19:48:21Z");
    CHECK_STR(p("Thu, 01 Jan 2004 19:48:21 -0800"), "2004-01-02T03:48:21Z");
    CHECK_STR(p("Thu, 1 Jan 2004 19:48 EST"), "2004-01-02T00:48:00Z");
    CHECK_STR(p("Sat, 07 Sep 2002 00:00:01 GMT"), "2002-09-07T00:00:01Z");
    CHECK_STR(p("01 Jan 99 00:00 +0100"), "1998-12-31T23:00:00Z");
    CHECK_STR(p("Tuesday, 06-Sep-2005 10:11:12 PDT"), "2005-09-06T17:11:12Z");
    CHECK_STR(p("Thu, 01 January 2004 19:48:21 UT"), "2004-01-01T19:48:21Z");
    CHECK_STR(p("Thu, 01 Jan 2004 19:48:21 +05:30"), "2004-01-01T14:18:21Z");
    CHECK_STR(p("Thu, 01 Jan 2004 19:48:21 Z"), "2004-01-01T19:48:21Z");
    CHECK_STR(p("Wed, 31 Dec 2003 10:14:55 Etc/GMT"), "2003-12-31T10:14:55Z");
    CHECK_STR(p("Mon, 26 Jan 2004 3:04:05 pm EST"), "2004-01-26T20:04:05Z");
    /* zone names feedparser knows, and offsets written after GMT/UTC */
    CHECK_STR(p("Fri, 09 Jan 2026 09:00:00 MET"), "2026-01-09T08:00:00Z");
    CHECK_STR(p("Thu, 08 Jan 2026 09:00:00 MEST"), "2026-01-08T07:00:00Z");
    CHECK_STR(p("Wed, 07 Jan 2026 09:00:00 ET"), "2026-01-07T14:00:00Z");
    CHECK_STR(p("Tue, 06 Jan 2026 09:00:00 PT"), "2026-01-06T17:00:00Z");
    CHECK_STR(p("Tue, 06 Jan 2026 09:00:00 AT"), "2026-01-06T13:00:00Z");
    CHECK_STR(p("Tue, 30 Dec 2025 09:00:00 GMT-0500"), "2025-12-30T14:00:00Z");
    CHECK_STR(p("Mon, 05 Jan 2026 09:00:00 GMT-05:00"), "2026-01-05T14:00:00Z");
    CHECK_STR(p("Mon, 05 Jan 2026 09:00:00 UTC+05:30"), "2026-01-05T03:30:00Z");
    /* JavaScript's Date.toString(), with its comment in parentheses */
    CHECK_STR(p("Sun Jan 04 2026 09:00:00 GMT+0000 (Coordinated Universal Time)"), "2026-01-04T09:00:00Z");
    CHECK_STR(p("Mon, 05 Jan 2026 10:00:00 (EST)"), "2026-01-05T15:00:00Z");
    CHECK_STR(p("Mon, 05 Jan 2026 10:00:00 +0100 (EST)"), "2026-01-05T09:00:00Z");
    CHECK_STR(p("Mon, 05 Jan 2026 10:00:00 (unclosed"), "ERR");
    /* "at" between the date and the time is the word, not Atlantic time */
    CHECK_STR(p("January 5, 2026 at 10:00 AM"), "2026-01-05T10:00:00Z");
}

static void w3cdtf(void)
{
    CHECK_STR(p("2003-12-31T10:14:55Z"), "2003-12-31T10:14:55Z");
    CHECK_STR(p("2003-12-31T10:14:55-08:00"), "2003-12-31T18:14:55Z");
    CHECK_STR(p("2003-12-31T10:14:55.123+01:00"), "2003-12-31T09:14:55Z");
    CHECK_STR(p("2003-12-31T10:14Z"), "2003-12-31T10:14:00Z");
    CHECK_STR(p("2003-12-31 10:14:55"), "2003-12-31T10:14:55Z");
    CHECK_STR(p("2003-12-31"), "2003-12-31T00:00:00Z");
    CHECK_STR(p("2003-12"), "2003-12-01T00:00:00Z");
    CHECK_STR(p("2003"), "2003-01-01T00:00:00Z");
    CHECK_STR(p("20031231T101455Z"), "2003-12-31T10:14:55Z");
    CHECK_STR(p("20031231"), "2003-12-31T00:00:00Z");
    CHECK_STR(p("2003-335"), "2003-12-01T00:00:00Z"); /* ordinal day */
    CHECK_STR(p("2004-02-29T00:00:00+0000"), "2004-02-29T00:00:00Z");
    CHECK_STR(p("2004-12-31T24:00:00Z"), "2005-01-01T00:00:00Z");
    CHECK_STR(p("  2003-12-31T10:14:55Z \n"), "2003-12-31T10:14:55Z");
}

static void other_formats(void)
{
    CHECK_STR(p("Sun Jan  4 16:29:06 PST 2004"), "2004-01-05T00:29:06Z"); /* asctime */
    CHECK_STR(p("Sun Jan  4 16:29:06 2004"), "2004-01-04T16:29:06Z");
    CHECK_STR(p("Fri, 2006/09/15 08:19:53 EDT"), "2006-09-15T12:19:53Z"); /* Perforce */
    CHECK_STR(p("2004-05-25 \xec\x98\xa4\xed\x9b\x84 11:23:17"), "2004-05-25T14:23:17Z"); /* Nate, PM, KST */
    CHECK_STR(p("2004\xeb\x85\x84 05\xec\x9b\x94 28\xec\x9d\xbc  01:31:15"), "2004-05-27T16:31:15Z"); /* OnBlog */
    /* Greek: Κυρ, 11 Ιούλ 2004 12:00:00 EST */
    CHECK_STR(p("\xce\x9a\xcf\x85\xcf\x81, 11 \xce\x99\xce\xbf\xcf\x8d\xce\xbb 2004 12:00:00 EST"),
              "2004-07-11T17:00:00Z");
    /* Hungarian: 2004-július-13T9:15-05:00 */
    CHECK_STR(p("2004-j\xc3\xbalius-13T9:15-05:00"), "2004-07-13T14:15:00Z");
}

static void rejects(void)
{
    CHECK_STR(p(""), "ERR");
    CHECK_STR(p("garbage"), "ERR");
    CHECK_STR(p("2004-13-01"), "ERR");
    CHECK_STR(p("2003-02-29"), "ERR");
    CHECK_STR(p("Thu, 30 Feb 2004 10:00:00 GMT"), "ERR");
    CHECK_STR(p("Thu, 01 Foo 2004 10:00:00 GMT"), "ERR");
    CHECK_STR(p("2003-12-31T25:00:00Z"), "ERR");
    CHECK_STR(p("12345"), "ERR");
    CHECK(date_parse(NULL, &(int64_t){0}) == -1);
    char big[600];
    memset(big, '1', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CHECK_STR(p(big), "ERR");
}

static void format(void)
{
    char out[32];
    date_format_rfc3339(0, out);
    CHECK_STR(out, "1970-01-01T00:00:00Z");
    date_format_rfc3339(-1, out);
    CHECK_STR(out, "1969-12-31T23:59:59Z");
    date_format_rfc3339(951782400, out); /* a leap day */
    CHECK_STR(out, "2000-02-29T00:00:00Z");
    date_format_rfc3339(253402300799LL, out); /* the last second written without printf */
    CHECK_STR(out, "9999-12-31T23:59:59Z");
    date_format_rfc3339(253402300800LL, out);
    CHECK_STR(out, "10000-01-01T00:00:00Z");
    date_format_rfc3339(-62135596800LL, out); /* 0001-01-01 */
    CHECK_STR(out, "0001-01-01T00:00:00Z");
    date_format_rfc3339(-62167219201LL, out); /* before year 0 */
    CHECK_STR(out, "-001-12-31T23:59:59Z");
    CHECK_NUM((double)date_days_from_civil(2000, 3, 1), 11017);
}

/* The quick reader of the usual RSS form against the ISO reader, on
 * pseudo-random dates, zones and spellings. */
static void rfc822_vs_iso(void)
{
    static const char *const WD[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const MO[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    unsigned x = 12345;
    int bad = 0;
    for (int i = 0; i < 5000; i++) {
        x = x * 1103515245u + 12345u;
        int y = 1970 + (int)(x >> 8) % 120, m = 1 + (int)(x >> 4) % 12, d = 1 + (int)(x >> 12) % 28;
        int h = (int)(x >> 16) % 24, mi = (int)(x >> 20) % 60, se = (int)(x >> 24) % 60;
        int zh = (int)(x >> 3) % 14, zm = (x & 1) ? 30 : 0;
        char sign = (x & 4) ? '-' : '+';
        char a[64], b[64];
        if (i % 3 == 0)
            snprintf(a, sizeof a, "%d %s %d %02d:%02d:%02d GMT", d, MO[m - 1], y, h, mi, se);
        else
            snprintf(a, sizeof a, "%s, %02d %s %d %02d:%02d:%02d %c%02d%02d", WD[i % 7], d, MO[m - 1], y, h, mi,
                     se, sign, zh, zm);
        snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, h, mi, se,
                 i % 3 == 0 ? '+' : sign, i % 3 == 0 ? 0 : zh, i % 3 == 0 ? 0 : zm);
        int64_t ta = 0, tb = 1;
        if (date_parse(a, &ta) != 0 || date_parse(b, &tb) != 0 || ta != tb) {
            if (bad++ < 3)
                fprintf(stderr, "  %s -> %lld, %s -> %lld\n", a, (long long)ta, b, (long long)tb);
        }
    }
    CHECK_NUM(bad, 0);
    int64_t t;
    CHECK(date_parse("Mon, 05 Jan 0026 10:20:30 +0000", &t) == 0); /* a short year: the general reader */
    CHECK(date_parse("Mon, 05 Jan 2026 24:00:00 +0000", &t) == 0);
    CHECK(date_parse("Mon, 31 Feb 2026 10:20:30 +0000", &t) != 0);
}

int main(void)
{
    RUN(rfc822);
    RUN(rfc822_vs_iso);
    RUN(w3cdtf);
    RUN(other_formats);
    RUN(rejects);
    RUN(format);
    CHECK_DONE();
}
