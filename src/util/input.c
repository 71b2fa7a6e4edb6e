/* input: dates, amounts and counts given by users (see input.h). */
#include "input.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool input_day(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

int input_usd(const char *s, double *out)
{
    if (!s || !((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')))
        return -1; /* no sign, space, "nan", "inf" */
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno == ERANGE)
        return -1;
    if (*end == 'k' || *end == 'K')
        v *= 1e3, end++;
    else if (*end == 'm' || *end == 'M')
        v *= 1e6, end++;
    else if (*end == 'b' || *end == 'B')
        v *= 1e9, end++;
    if (*end || !isfinite(v) || v < 0)
        return -1;
    *out = v;
    return 0;
}

int input_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    if (!s)
        return -1;
    const char *p = s;
    if (*p == '-' && lo < 0)
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (*end || errno == ERANGE || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

long input_duration(const char *s)
{
    if (!s || !((unsigned)*s - '0' < 10u))
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || v <= 0 || errno)
        return -1;
    long mul = 1;
    if (*end == 's') mul = 1, end++;
    else if (*end == 'm') mul = 60, end++;
    else if (*end == 'h') mul = 3600, end++;
    else if (*end == 'd') mul = 86400, end++;
    if (*end || v > 366L * 86400 / mul)
        return -1;
    return v * mul;
}
