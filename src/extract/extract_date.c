/* extract_date: the dates found in pages, normalised to RFC 3339. */
#include "extract_date.h"

#include <stdio.h>
#include <string.h>

#include "util/str.h"

struct dt {
    int y, mo, d, h, mi, s;
    int has_zone, off; /* minutes east of UTC */
};

/* Reads exactly n digits at *p; advances. -1 when they are not there. */
static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!str_isdigit((*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

/* Reads 1 or 2 digits. */
static int digits12(const char **p)
{
    if (!str_isdigit(**p))
        return -1;
    int v = *(*p)++ - '0';
    if (str_isdigit(**p))
        v = v * 10 + (*(*p)++ - '0');
    return v;
}

static void skip_space(const char **p)
{
    while (str_isspace(**p))
        (*p)++;
}

/* Month from its English name or 3-letter abbreviation; advances. */
static int month_name(const char **p)
{
    static const char *names[] = {"january", "february", "march",     "april",
                                  "may",     "june",     "july",      "august",
                                  "september", "october", "november", "december"};
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]);
        if (str_ncasecmp(*p, names[m], full) == 0) {
            *p += full;
            return m + 1;
        }
        if (str_ncasecmp(*p, names[m], 3) == 0 && !str_isalpha((*p)[3])) {
            *p += 3;
            if (**p == '.')
                (*p)++;
            return m + 1;
        }
        if (m == 8 && str_ncasecmp(*p, "sept", 4) == 0 && !str_isalpha((*p)[4])) {
            *p += 4;
            if (**p == '.')
                (*p)++;
            return 9;
        }
    }
    return -1;
}

/* Optional time "HH:MM[:SS[.fff]]" then zone "Z", "+HH:MM", "+HHMM",
 * "+HH", "GMT", "UTC" or a few US names. */
static int time_zone(const char **p, struct dt *t)
{
    const char *q = *p;
    int h = digits12(&q);
    if (h < 0 || *q != ':')
        return 0;
    q++;
    int mi = digits(&q, 2), s = 0;
    if (mi < 0)
        return -1;
    if (*q == ':') {
        q++;
        if ((s = digits(&q, 2)) < 0)
            return -1;
        if (*q == '.' || *q == ',')
            for (q++; str_isdigit(*q); q++)
                ;
    }
    skip_space(&q);
    if (str_istarts(q, "pm") && h < 12)
        h += 12, q += 2;
    else if (str_istarts(q, "am")) {
        if (h == 12)
            h = 0;
        q += 2;
    }
    skip_space(&q);
    t->h = h, t->mi = mi, t->s = s;
    static const struct { const char *n; int off; } zones[] = {
        {"UTC", 0},       {"GMT", 0},       {"EST", -300},    {"EDT", -240},
        {"CST", -360},    {"CDT", -300},    {"PST", -480},    {"PDT", -420},
        {"MST", -420},    {"MDT", -360},    {"BST", 60},      {"CET", 60},
        {"CEST", 120},
    };
    if (*q == 'Z' || *q == 'z') {
        t->has_zone = 1, t->off = 0;
        q++;
    } else if (*q == '+' || *q == '-') {
        int sign = *q == '-' ? -1 : 1;
        q++;
        int zh = digits(&q, 2), zm = 0;
        if (zh < 0)
            return -1;
        if (*q == ':')
            q++;
        if (str_isdigit(*q) && (zm = digits(&q, 2)) < 0)
            return -1;
        t->has_zone = 1, t->off = sign * (zh * 60 + zm);
    } else {
        for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
            size_t n = strlen(zones[i].n);
            if (str_ncasecmp(q, zones[i].n, n) == 0 && !str_isalpha(q[n])) {
                t->has_zone = 1, t->off = zones[i].off;
                q += n;
                if (i < 2 && (*q == '+' || *q == '-')) { /* GMT+01:00 */
                    int sign = *q == '-' ? -1 : 1;
                    q++;
                    int zh = digits12(&q), zm = 0;
                    if (zh >= 0 && *q == ':' && (q++, (zm = digits(&q, 2)) < 0))
                        zm = 0;
                    if (zh >= 0)
                        t->off = sign * (zh * 60 + zm);
                }
                break;
            }
        }
    }
    *p = q;
    return 0;
}

/* "2019-11-19[T ]12:00[:00[.000]][zone]", also "2019/11/19" and the basic
 * form "20191119". */
static int parse_iso(const char *p, struct dt *t)
{
    t->y = digits(&p, 4);
    if (t->y < 0)
        return -1;
    char sep = *p;
    if (sep == '-' || sep == '/' || sep == '.') {
        p++;
        if ((t->mo = digits12(&p)) < 0 || *p != sep)
            return -1;
        p++;
        if ((t->d = digits12(&p)) < 0)
            return -1;
    } else if ((t->mo = digits(&p, 2)) < 0 || (t->d = digits(&p, 2)) < 0) {
        return -1;
    }
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        skip_space(&p);
        if (str_isdigit(p[0]) && str_isdigit(p[1]) && str_isdigit(p[2]) && str_isdigit(p[3]) &&
            !str_isdigit(p[4]) && p[4] != ':') { /* "T1200" basic time */
            t->h = digits(&p, 2), t->mi = digits(&p, 2);
            return 0;
        }
        if (time_zone(&p, t) < 0)
            t->h = t->mi = t->s = t->has_zone = t->off = 0;
    }
    return 0;
}

/* "Tue, 19 Nov 2019 12:00:00 GMT", "19 November 2019", "November 19, 2019
 * 9:00 AM EST", "Nov. 19 2019". */
static int parse_words(const char *p, struct dt *t)
{
    skip_space(&p);
    while (str_isalpha(*p)) { /* a day name, maybe */
        const char *q = p;
        if (month_name(&q) > 0)
            break;
        while (str_isalpha(*p))
            p++;
        while (*p == ',' || *p == '.' || str_isspace(*p))
            p++;
    }
    if (str_isdigit(*p)) {
        if ((t->d = digits12(&p)) < 0)
            return -1;
        if (str_istarts(p, "st") || str_istarts(p, "nd") || str_istarts(p, "rd") ||
            str_istarts(p, "th"))
            p += 2;
        while (*p == ' ' || *p == '-' || *p == '.')
            p++;
        if ((t->mo = month_name(&p)) < 0)
            return -1;
    } else {
        if ((t->mo = month_name(&p)) < 0)
            return -1;
        while (*p == ' ' || *p == '.')
            p++;
        if ((t->d = digits12(&p)) < 0)
            return -1;
        if (str_istarts(p, "st") || str_istarts(p, "nd") || str_istarts(p, "rd") ||
            str_istarts(p, "th"))
            p += 2;
    }
    while (*p == ' ' || *p == ',' || *p == '-' || *p == '.')
        p++;
    if ((t->y = digits(&p, 4)) < 0)
        return -1;
    while (*p == ' ' || *p == ',' || *p == '-' || *p == '|')
        p++;
    if (str_istarts(p, "at "))
        p += 3;
    if (time_zone(&p, t) < 0)
        t->h = t->mi = t->s = t->has_zone = t->off = 0;
    return 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

char *extract_date_rfc3339(const char *s)
{
    struct dt t = {0};
    if (!s)
        return NULL;
    while (str_isspace(*s))
        s++;
    if (parse_iso(s, &t) != 0) {
        memset(&t, 0, sizeof t);
        if (parse_words(s, &t) != 0)
            return NULL;
    }
    if (t.y < 1900 || t.y > 2200 || t.mo < 1 || t.mo > 12 || t.d < 1 ||
        t.d > days_in(t.y, t.mo) || t.h > 23 || t.mi > 59 || t.s > 60 || t.off < -14 * 60 ||
        t.off > 14 * 60)
        return NULL;
    char out[96];
    if (!t.has_zone || t.off == 0)
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.y, t.mo, t.d, t.h, t.mi,
                 t.s);
    else
        snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.y, t.mo, t.d,
                 t.h, t.mi, t.s, t.off < 0 ? '-' : '+', (t.off < 0 ? -t.off : t.off) / 60,
                 (t.off < 0 ? -t.off : t.off) % 60);
    return xstrdup(out);
}
