/* date: the date formats found in feeds, parsed to UTC and written as RFC 3339. */
#include "date.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "str.h"

#define DATE_MAX_IN 256

int64_t date_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void date_format_rfc3339(int64_t t, char out[32])
{
    int64_t days = t / 86400, rem = t % 86400;
    if (rem < 0)
        rem += 86400, days--;
    /* civil from days (Howard Hinnant's algorithm) */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y >= 0 && y <= 9999) { /* the usual case, without printf: every entry has dates */
        int hh = (int)(rem / 3600), mi = (int)(rem / 60 % 60), ss = (int)(rem % 60);
        char *o = out;
        *o++ = (char)('0' + y / 1000);
        *o++ = (char)('0' + y / 100 % 10);
        *o++ = (char)('0' + y / 10 % 10);
        *o++ = (char)('0' + y % 10);
        *o++ = '-';
        *o++ = (char)('0' + m / 10);
        *o++ = (char)('0' + m % 10);
        *o++ = '-';
        *o++ = (char)('0' + d / 10);
        *o++ = (char)('0' + d % 10);
        *o++ = 'T';
        *o++ = (char)('0' + hh / 10);
        *o++ = (char)('0' + hh % 10);
        *o++ = ':';
        *o++ = (char)('0' + mi / 10);
        *o++ = (char)('0' + mi % 10);
        *o++ = ':';
        *o++ = (char)('0' + ss / 10);
        *o++ = (char)('0' + ss % 10);
        *o++ = 'Z';
        *o = '\0';
        return;
    }
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d,
             (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60));
    memcpy(out, tmp, 31);
    out[31] = '\0';
}

static bool leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(long y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* Checks the fields and builds the epoch; tz is the offset east of UTC in
 * seconds. Hour 24:00:00 is allowed (the next day); second 60 becomes 59. */
static int finish(long y, int mo, int d, int h, int mi, int s, long tz, int64_t *out)
{
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays(y, mo))
        return -1;
    if (h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60)
        return -1;
    if (s == 60)
        s = 59;
    int64_t t = date_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
    *out = t - tz;
    return 0;
}

/* Reads up to max digits; returns how many were read (value in *v). */
static int digits(const char *s, int max, long *v)
{
    int n = 0;
    long x = 0;
    while (n < max && str_isdigit(s[n])) {
        x = x * 10 + (s[n] - '0');
        n++;
    }
    *v = x;
    return n;
}

static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

/* English month from a word (at least its first three letters): 1..12 or 0. */
static int month_of(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (!str_ncasecmp(w, MONTHS[i], 3))
            return i + 1;
    return 0;
}

static bool is_weekday(const char *w, size_t n)
{
    static const char *const D[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    if (n < 3)
        return false;
    for (int i = 0; i < 7; i++)
        if (!str_ncasecmp(w, D[i], 3))
            return true;
    return false;
}

/* Named zones: offset in seconds east of UTC via *tz; false when unknown. */
static bool zone_of(const char *w, size_t n, long *tz)
{
    static const struct { const char *name; int hours; } Z[] = {
        {"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"est", -5}, {"edt", -4},
        {"cst", -6}, {"cdt", -5}, {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
        {"ast", -4}, {"adt", -3}, {"akst", -9}, {"akdt", -8}, {"hst", -10}, {"nzst", 12},
        {"nzdt", 13}, {"bst", 1}, {"ist", 1}, {"cet", 1}, {"cest", 2}, {"eet", 2},
        {"eest", 3}, {"wet", 0}, {"west", 1}, {"jst", 9}, {"kst", 9}, {"msk", 3},
        {"etc", 0},  {"at", -4},  {"et", -5},  {"ct", -6},  {"mt", -7},  {"pt", -8},
        {"met", 1},  {"mest", 2},
    };
    for (size_t i = 0; i < sizeof Z / sizeof Z[0]; i++)
        if (strlen(Z[i].name) == n && !str_ncasecmp(w, Z[i].name, n)) {
            *tz = Z[i].hours * 3600L;
            return true;
        }
    if (n == 1 && str_isalpha(w[0])) { /* military zones */
        char c = (char)str_toupper(w[0]);
        if (c == 'J')
            return false;
        if (c >= 'A' && c <= 'I')
            *tz = -(c - 'A' + 1) * 3600L;
        else if (c >= 'K' && c <= 'M')
            *tz = -(c - 'K' + 10) * 3600L;
        else if (c >= 'N' && c <= 'Y')
            *tz = (c - 'N' + 1) * 3600L;
        else
            *tz = 0;
        /* RFC 822 has the signs backwards; feeds follow RFC 1123's advice to
         * treat them as unreliable, so only Z is trusted. */
        *tz = c == 'Z' ? 0 : *tz;
        return true;
    }
    return false;
}

/* A numeric zone at s: "+hh:mm", "+hhmm", "+hh", "Z"; returns bytes used. */
static int numzone(const char *s, long *tz)
{
    if (*s == 'Z' || *s == 'z') {
        *tz = 0;
        return 1;
    }
    if (*s != '+' && *s != '-')
        return 0;
    int sign = *s == '-' ? -1 : 1;
    long h, m = 0;
    int n = digits(s + 1, 4, &h);
    int used = 1 + n;
    if (n == 4) {
        m = h % 100;
        h /= 100;
    } else if (n == 3) {
        m = h % 100;
        h /= 100;
    } else if (n == 2 || n == 1) {
        if (s[used] == ':' && str_isdigit(s[used + 1])) {
            int k = digits(s + used + 1, 2, &m);
            used += 1 + k;
        }
    } else {
        return 0;
    }
    if (h > 14 || m > 59)
        return 0;
    *tz = sign * (h * 3600 + m * 60);
    return used;
}

/* W3C-DTF / ISO 8601: 2003-12-31T10:14:55Z, 20031231T101455-0500, 2003-365,
 * 2003-12, 2003, "2003-12-31 10:14:55", fractions of a second. */
static int parse_iso(const char *s, int64_t *out)
{
    long y, mo = 1, d = 1, h = 0, mi = 0, se = 0, tz = 0;
    const char *p = s;
    int n = digits(p, 4, &y);
    if (n != 4)
        return -1;
    p += 4;
    bool dash = *p == '-';
    if (dash)
        p++;
    if (str_isdigit(*p)) {
        long v;
        int k = digits(p, 3, &v);
        if (k == 3 && !str_isdigit(p[3]) && (dash || true)) { /* ordinal YYYY-DDD */
            if (v < 1 || v > (leap(y) ? 366 : 365))
                return -1;
            mo = 1;
            while (v > mdays(y, (int)mo)) {
                v -= mdays(y, (int)mo);
                mo++;
            }
            d = v;
            p += 3;
        } else {
            k = digits(p, 2, &mo);
            if (k != 2)
                return -1;
            p += 2;
            if (*p == '-' && dash)
                p++;
            if (str_isdigit(*p)) {
                k = digits(p, 2, &d);
                if (k != 2)
                    return -1;
                p += 2;
            }
        }
    } else if (dash) {
        return -1;
    }
    if (*p == 'T' || *p == 't' || (*p == ' ' && str_isdigit(p[1]))) {
        p++;
        int k = digits(p, 2, &h);
        if (k < 1)
            return -1;
        p += k;
        bool colon = *p == ':';
        if (colon)
            p++;
        if (str_isdigit(*p)) {
            k = digits(p, 2, &mi);
            if (k != 2)
                return -1;
            p += 2;
            if (*p == ':' || (!colon && str_isdigit(*p))) {
                if (*p == ':')
                    p++;
                k = digits(p, 2, &se);
                if (k != 2)
                    return -1;
                p += 2;
                if (*p == '.' || *p == ',') {
                    p++;
                    while (str_isdigit(*p))
                        p++;
                }
            }
        }
        while (*p == ' ')
            p++;
        int z = numzone(p, &tz);
        if (z) {
            p += z;
        } else if (str_isalpha(*p)) {
            const char *w = p;
            while (str_isalpha(*p))
                p++;
            if (!zone_of(w, (size_t)(p - w), &tz))
                return -1;
        }
    } else {
        int z = numzone(p, &tz);
        p += z;
    }
    while (str_isspace(*p))
        p++;
    if (*p)
        return -1;
    return finish(y, (int)mo, (int)d, (int)h, (int)mi, (int)se, tz, out);
}

/* The token-based parser for RFC 822 and friends: "Thu, 01 Jan 2004
 * 19:48:21 GMT", "Sun Jan  4 16:29:06 PST 2004", "01 Jan 04 19:48 +0100",
 * "Fri, 2006/09/15 08:19:53 EDT". Words are month, weekday, zone, AM/PM. */
static int parse_loose(const char *s, int64_t *out)
{
    long y = -1, mo = 0, d = -1, h = 0, mi = 0, se = 0, tz = 0;
    long nums[4];
    int nnum = 0, ylen = 0;
    bool have_time = false, pm = false, am = false, have_zone = false;
    const char *p = s;
    while (*p) {
        if (str_isspace(*p) || *p == ',' || *p == '.') {
            p++;
            continue;
        }
        if (str_isdigit(*p)) {
            long v;
            int k = digits(p, 9, &v);
            if (p[k] == ':' && !have_time) { /* a time */
                h = v;
                p += k + 1;
                k = digits(p, 2, &mi);
                if (!k)
                    return -1;
                p += k;
                if (*p == ':') {
                    p++;
                    k = digits(p, 2, &se);
                    if (!k)
                        return -1;
                    p += k;
                    if (*p == '.' && str_isdigit(p[1])) {
                        p++;
                        while (str_isdigit(*p))
                            p++;
                    }
                }
                have_time = true;
                continue;
            }
            if (p[k] == '/' && y < 0 && k == 4) { /* Perforce 2006/09/15 */
                y = v;
                ylen = 4;
                p += k + 1;
                int k2 = digits(p, 2, &mo);
                if (!k2 || p[k2] != '/')
                    return -1;
                p += k2 + 1;
                k2 = digits(p, 2, &d);
                if (!k2)
                    return -1;
                p += k2;
                continue;
            }
            if (nnum >= 4)
                return -1;
            if (k >= 3 && y < 0) {
                y = v;
                ylen = k;
            } else {
                nums[nnum++] = v;
            }
            p += k;
            if (*p == '-' && str_isalpha(p[1]))
                p++; /* "01-Jan-2004" */
            continue;
        }
        if (*p == '-' && p > s && str_isalpha(p[-1]) && str_isdigit(p[1])) {
            p++; /* "06-Sep-2005": a separator, not a zone */
            continue;
        }
        if (*p == '+' || (*p == '-' && str_isdigit(p[1]))) {
            long z;
            int k = numzone(p, &z);
            if (!k)
                return -1;
            tz = z;
            have_zone = true;
            p += k;
            continue;
        }
        if (str_isalpha(*p)) {
            const char *w = p;
            while (str_isalpha(*p))
                p++;
            size_t n = (size_t)(p - w);
            int m = month_of(w, n);
            if (m && (n == 3 || n >= 3) && !mo && !(n == 3 && !str_ncasecmp(w, "mar", 3) && 0)) {
                /* a month only when the word is a month name or its prefix */
                static const char *const FULL[] = {"january", "february", "march", "april",
                                                   "may", "june", "july", "august",
                                                   "september", "october", "november",
                                                   "december"};
                if (n <= strlen(FULL[m - 1]) && !str_ncasecmp(w, FULL[m - 1], n)) {
                    mo = m;
                    continue;
                }
                if (n == 4 && !str_ncasecmp(w, "sept", 4)) {
                    mo = 9;
                    continue;
                }
            }
            if (is_weekday(w, n))
                continue;
            if (n == 2 && !str_ncasecmp(w, "am", 2)) {
                am = true;
                continue;
            }
            if (n == 2 && !str_ncasecmp(w, "pm", 2)) {
                pm = true;
                continue;
            }
            if (n == 2 && !str_ncasecmp(w, "at", 2)) {
                const char *q = p;
                while (str_isspace(*q))
                    q++;
                if (*q) /* "January 5, 2026 at 10:00": the word, not Atlantic time */
                    continue;
            }
            long z;
            if (zone_of(w, n, &z)) {
                if (!have_zone)
                    tz = z;
                have_zone = true;
                /* "GMT-0500", "UTC+05:30": an offset from UTC written after its name */
                if (z == 0 && (*p == '+' || *p == '-') && str_isdigit(p[1])) {
                    int k = numzone(p, &z);
                    if (!k)
                        return -1;
                    tz = z;
                    p += k;
                }
                if (*p == '/') { /* "Etc/GMT" */
                    p++;
                    while (str_isalpha(*p))
                        p++;
                }
                continue;
            }
            return -1;
        }
        if (*p == '(') {
            /* a comment, as JavaScript's Date writes "(Coordinated Universal
             * Time)": read when it is one zone name, else skipped */
            const char *e = strchr(p, ')');
            if (!e)
                return -1;
            const char *w = p + 1;
            size_t n = (size_t)(e - w);
            long z;
            bool word = n > 0;
            for (size_t i = 0; i < n; i++)
                word &= str_isalpha(w[i]) != 0;
            if (word && zone_of(w, n, &z) && !have_zone) {
                tz = z;
                have_zone = true;
            }
            p = e + 1;
            continue;
        }
        if (*p == '-' || *p == '/' || *p == ')')  {
            p++;
            continue;
        }
        return -1;
    }
    if (!mo)
        return -1;
    if (d < 0) {
        if (nnum < 1)
            return -1;
        d = nums[0];
        if (y < 0) {
            if (nnum < 2)
                return -1;
            y = nums[1];
            ylen = 2;
        }
    }
    if (ylen == 2 || (y >= 0 && y < 100)) /* two-digit years: 1969..2068 */
        y += y < 69 ? 2000 : 1900;
    if (y < 0)
        return -1;
    if (pm && h < 12)
        h += 12;
    if (am && h == 12)
        h = 0;
    return finish(y, (int)mo, (int)d, (int)h, (int)mi, (int)se, tz, out);
}

/* Regional words rewritten to what parse_loose/parse_iso read. */
static const struct { const char *from, *to; } WORDS[] = {
    /* Greek months and weekdays */
    {"\u0399\u03b1\u03bd", "Jan"}, {"\u03a6\u03b5\u03b2", "Feb"}, {"\u039c\u03ac\u03ce", "Mar"},
    {"\u039c\u03b1\u03ce", "Mar"}, {"\u0391\u03c0\u03c1", "Apr"}, {"\u039c\u03ac\u03b9", "May"},
    {"\u039c\u03b1\u03ca", "May"}, {"\u039c\u03b1\u03b9", "May"},
    {"\u0399\u03bf\u03cd\u03bd", "Jun"}, {"\u0399\u03bf\u03bd", "Jun"},
    {"\u0399\u03bf\u03cd\u03bb", "Jul"}, {"\u0399\u03bf\u03bb", "Jul"},
    {"\u0391\u03cd\u03b3", "Aug"}, {"\u0391\u03c5\u03b3", "Aug"}, {"\u03a3\u03b5\u03c0", "Sep"},
    {"\u039f\u03ba\u03c4", "Oct"}, {"\u039d\u03bf\u03ad", "Nov"}, {"\u039d\u03bf\u03b5", "Nov"},
    {"\u0394\u03b5\u03ba", "Dec"},
    {"\u039a\u03c5\u03c1", "Sun"}, {"\u0394\u03b5\u03c5", "Mon"}, {"\u03a4\u03c1\u03b9", "Tue"},
    {"\u03a4\u03b5\u03c4", "Wed"}, {"\u03a0\u03b5\u03bc", "Thu"}, {"\u03a0\u03b1\u03c1", "Fri"},
    {"\u03a3\u03b1\u03b2", "Sat"},
    /* Hungarian months (used as YYYY-month-DD) */
    {"janu\u00e1r", "01"}, {"febru\u00e1ri", "02"}, {"febru\u00e1r", "02"}, {"m\u00e1rcius", "03"},
    {"\u00e1prilis", "04"}, {"m\u00e1jus", "05"}, {"m\u00e1ujus", "05"}, {"j\u00fanius", "06"},
    {"j\u00falius", "07"}, {"augusztus", "08"}, {"szeptember", "09"}, {"okt\u00f3ber", "10"},
    {"november", "11"}, {"december", "12"},
};

/* Korean: 2004년 05월 28일 01:31:15 (OnBlog) and 2004-05-25 오후 11:23:17
 * (Nate); both in Korean standard time. */
static int parse_korean(const char *s, int64_t *out)
{
    static const char YEAR[] = "\ub144", MONTH[] = "\uc6d4", DAY[] = "\uc77c";
    static const char AM[] = "\uc624\uc804", PM[] = "\uc624\ud6c4";
    long y, mo, d, h, mi, se;
    const char *p = s;
    if (digits(p, 4, &y) != 4)
        return -1;
    p += 4;
    if (!strncmp(p, YEAR, 3)) {
        p += 3;
        while (*p == ' ') p++;
        if (digits(p, 2, &mo) != 2 || strncmp(p + 2, MONTH, 3)) return -1;
        p += 5;
        while (*p == ' ') p++;
        if (digits(p, 2, &d) != 2 || strncmp(p + 2, DAY, 3)) return -1;
        p += 5;
        while (*p == ' ') p++;
        if (sscanf(p, "%2ld:%2ld:%2ld", &h, &mi, &se) != 3) return -1;
        return finish(y, (int)mo, (int)d, (int)h, (int)mi, (int)se, 9 * 3600, out);
    }
    if (sscanf(p, "-%2ld-%2ld", &mo, &d) != 2)
        return -1;
    p += 6;
    while (*p == ' ') p++;
    bool pm = !strncmp(p, PM, 6);
    if (!pm && strncmp(p, AM, 6))
        return -1;
    p += 6;
    while (*p == ' ') p++;
    if (sscanf(p, "%2ld:%2ld:%2ld", &h, &mi, &se) != 3) return -1;
    if (pm && h < 12)
        h += 12;
    return finish(y, (int)mo, (int)d, (int)h, (int)mi, (int)se, 9 * 3600, out);
}

/* The form nearly every RSS feed writes, "Mon, 05 Jan 2026 10:20:30 +0000"
 * (weekday optional, zone numeric or GMT/UT/UTC/Z), read directly; any
 * other shape returns -1 and goes to the general readers, which give the
 * same instant for these strings. */
static int parse_rfc822_strict(const char *p, int64_t *out)
{
    if (str_isalpha(p[0])) {
        if (!is_weekday(p, 3) || str_isalpha(p[3]) || p[3] != ',' || p[4] != ' ')
            return -1;
        p += 5;
    }
    long d, y, h, mi, se;
    int k = digits(p, 2, &d);
    if (!k || p[k] != ' ')
        return -1;
    p += k + 1;
    int mo = month_of(p, 3);
    if (!mo || !str_isalpha(p[0]) || str_isalpha(p[3]) || p[3] != ' ')
        return -1;
    p += 4;
    if (digits(p, 4, &y) != 4 || p[4] != ' ' || digits(p + 5, 2, &h) != 2 || p[7] != ':' ||
        digits(p + 8, 2, &mi) != 2 || p[10] != ':' || digits(p + 11, 2, &se) != 2 || p[13] != ' ')
        return -1;
    p += 14;
    long tz;
    if (p[0] == '+' || p[0] == '-') {
        if (!str_isdigit(p[1]) || !str_isdigit(p[2]) || !str_isdigit(p[3]) || !str_isdigit(p[4]) || p[5])
            return -1;
        if (numzone(p, &tz) != 5)
            return -1;
    } else if (!strcmp(p, "GMT") || !strcmp(p, "UT") || !strcmp(p, "UTC") || !strcmp(p, "Z")) {
        tz = 0;
    } else {
        return -1;
    }
    if (h > 23 || se > 59 || y < 100) /* leap seconds, 24:00 and years 0026 go the long way */
        return -1;
    return finish(y, mo, (int)d, (int)h, (int)mi, (int)se, tz, out);
}

int date_parse(const char *s, int64_t *epoch_utc)
{
    if (!s)
        return -1;
    char in[DATE_MAX_IN + 1];
    while (str_isspace(*s))
        s++;
    size_t n = strnlen(s, DATE_MAX_IN + 1);
    if (n == 0 || n > DATE_MAX_IN)
        return -1;
    memcpy(in, s, n);
    in[n] = '\0';
    while (n && str_isspace(in[n - 1]))
        in[--n] = '\0';
    if (parse_rfc822_strict(in, epoch_utc) == 0)
        return 0;
    if (parse_iso(in, epoch_utc) == 0)
        return 0;
    if ((unsigned char)in[4] >= 0x80 || (in[4] == '-' && (unsigned char)in[11] >= 0x80))
        if (parse_korean(in, epoch_utc) == 0)
            return 0;
    bool high = false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)in[i] >= 0x80)
            high = true;
    if (high) { /* rewrite regional words, then try again */
        char tmp[DATE_MAX_IN * 2 + 1];
        size_t o = 0;
        for (size_t i = 0; i < n && o < sizeof tmp - 16;) {
            bool hit = false;
            for (size_t w = 0; w < sizeof WORDS / sizeof WORDS[0]; w++) {
                size_t l = strlen(WORDS[w].from);
                if (!strncmp(in + i, WORDS[w].from, l)) {
                    size_t tl = strlen(WORDS[w].to);
                    memcpy(tmp + o, WORDS[w].to, tl);
                    o += tl;
                    i += l;
                    hit = true;
                    break;
                }
            }
            if (!hit)
                tmp[o++] = in[i++];
        }
        tmp[o] = '\0';
        /* Hungarian "2004-07-13T9:15-05:00": pad a one-digit day or hour */
        char pad[DATE_MAX_IN * 2 + 8];
        size_t q = 0;
        for (size_t i = 0; tmp[i] && q < sizeof pad - 2; i++) {
            bool single = str_isdigit(tmp[i]) && !(i && str_isdigit(tmp[i - 1])) &&
                          !str_isdigit(tmp[i + 1]) && i && (tmp[i - 1] == '-' || tmp[i - 1] == 'T') &&
                          (tmp[i + 1] == 'T' || tmp[i + 1] == ':');
            if (single)
                pad[q++] = '0';
            pad[q++] = tmp[i];
        }
        pad[q] = '\0';
        if (parse_iso(pad, epoch_utc) == 0)
            return 0;
        return parse_loose(tmp, epoch_utc);
    }
    return parse_loose(in, epoch_utc);
}
