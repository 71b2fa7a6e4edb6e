/* number: reads numbers as news writes them: "1,200", "1.03", "2.5bn",
 * "30m", "750 crore", "two billion", "half a billion". */
#include "analyze/number.h"

#include <stdbool.h>
#include <string.h>

#include "util/str.h"

int number_read(const char **p, const char *end, double *out)
{
    const char *s = *p;
    if (s >= end || !str_isdigit((unsigned char)*s)) {
        return -1;
    }
    double v = 0, scale = 0;
    int digits = 0, seen_point = 0, group = -1;
    const char *q = s;
    while (q < end) {
        unsigned char c = (unsigned char)*q;
        if (str_isdigit(c)) {
            if (seen_point) {
                scale /= 10;
                v += (c - '0') * scale;
            } else {
                v = v * 10 + (c - '0');
            }
            digits++;
            if (group >= 0)
                group++;
            q++;
            continue;
        }
        if (c == ',' && !seen_point && (group >= 0 ? group == 3 : digits <= 3)) {
            /* a thousands separator needs exactly three digits after it */
            int k = 0;
            while (q + 1 + k < end && k < 4 && str_isdigit((unsigned char)q[1 + k]))
                k++;
            /* a decimal comma before a scale: "$14,3 billion", "€2,5bn" */
            if ((k == 1 || k == 2) && group < 0) {
                const char *r = q + 1 + k;
                if (r < end && (*r == ' ' || *r == '-'))
                    r++;
                static const char *const scales[] = {"billion", "million", "bn", "mn", "mln", "trillion", "b ", "m "};
                bool sc = false;
                for (size_t z = 0; z < sizeof scales / sizeof *scales && !sc; z++) {
                    size_t zl = strlen(scales[z]);
                    sc = r + zl <= end && str_ncasecmp(r, scales[z], zl) == 0;
                }
                if (sc) {
                    seen_point = 1;
                    scale = 1;
                    q++;
                    continue;
                }
            }
            if (k != 3)
                break;
            group = 0;
            q++;
            continue;
        }
        if (c == '.' && !seen_point && q + 1 < end && str_isdigit((unsigned char)q[1]) &&
            (group < 0 || group == 3)) {
            seen_point = 1;
            scale = 1;
            q++;
            continue;
        }
        break;
    }
    if (digits > NUMBER_MAX_DIGITS) {
        while (q < end && (str_isdigit((unsigned char)*q) || *q == ',' || *q == '.'))
            q++;
        *p = q;
        return -1;
    }
    *out = v;
    *p = q;
    return 0;
}

static const struct { const char *w; double v; } small_words[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
    {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
    {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
    {"ninety", 90}, {"dozen", 12}, {"a", 1}, {"an", 1},
};

/* Length of the word at p (ASCII letters), 0 when none. */
static size_t word_len(const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && str_isalpha((unsigned char)p[n]))
        n++;
    return n;
}

static int word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && str_ncasecmp(p, w, n) == 0;
}

int number_read_words(const char **p, const char *end, double *out)
{
    const char *s = *p;
    size_t n = word_len(s, end);
    if (n == 0)
        return -1;
    if (word_is(s, n, "half") && s + n + 3 <= end && str_ncasecmp(s + n, " a ", 3) == 0) {
        *out = 0.5;
        *p = s + n + 2;
        return 0;
    }
    int c0 = str_tolower((unsigned char)s[0]);
    for (size_t i = 0; i < sizeof small_words / sizeof *small_words; i++) {
        if (small_words[i].w[0] != c0 || !word_is(s, n, small_words[i].w))
            continue;
        double v = small_words[i].v;
        const char *q = s + n;
        if (v == 1 && n <= 2 && q + 6 < end && str_ncasecmp(q, " dozen", 6) == 0) {
            v = 12;
            q += 6;
        } else if (v >= 20 && v < 100 && q < end && *q == '-') {
            size_t m = word_len(q + 1, end);
            for (size_t j = 0; j < 9; j++)
                if (word_is(q + 1, m, small_words[j].w)) {
                    v += small_words[j].v;
                    q += 1 + m;
                    break;
                }
        }
        *out = v;
        *p = q;
        return 0;
    }
    return -1;
}

static const struct { const char *w; double mult; int spaced; } scales[] = {
    {"trillion", 1e12, 1}, {"tn", 1e12, 1}, {"trn", 1e12, 1},
    {"billion", 1e9, 1}, {"bn", 1e9, 1}, {"bln", 1e9, 1}, {"b", 1e9, 0}, {"B", 1e9, 1},
    {"million", 1e6, 1}, {"mn", 1e6, 1}, {"mln", 1e6, 1}, {"mil", 1e6, 0}, {"m", 1e6, 0},
    {"M", 1e6, 1}, {"MM", 1e6, 1},
    {"thousand", 1e3, 1}, {"k", 1e3, 0}, {"K", 1e3, 0},
    {"crore", 1e7, 1}, {"crores", 1e7, 1}, {"cr", 1e7, 1}, {"lakh", 1e5, 1}, {"lakhs", 1e5, 1},
    {"lac", 1e5, 1},
};

int number_read_scale(const char **p, const char *end, double *mult)
{
    const char *s = *p;
    const char *q = s;
    int spaced = 0;
    while (q < end && *q == ' ' && q - s < 2)
        q++;
    spaced = q > s;
    /* "$1.2-billion" */
    if (!spaced && q + 1 < end && *q == '-' && str_isalpha((unsigned char)q[1])) {
        q++;
        spaced = 1;
    }
    size_t n = word_len(q, end);
    *mult = 1;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++) {
        const char *w = scales[i].w;
        size_t wl = strlen(w);
        if (wl != n)
            continue;
        int exact = memcmp(q, w, n) == 0;
        int folded = wl >= 2 && str_ncasecmp(q, w, n) == 0;
        if (!exact && !folded)
            continue;
        if (spaced && !scales[i].spaced)
            continue;
        *mult = scales[i].mult;
        *p = q + n;
        return 1;
    }
    return 0;
}

int number_read_percent(const char **p, const char *end, double *out)
{
    const char *s = *p;
    double sign = 1;
    if (s < end && (*s == '+' || *s == '-')) {
        sign = *s == '-' ? -1 : 1;
        s++;
    }
    double v;
    const char *q = s;
    if (number_read(&q, end, &v) != 0)
        return -1;
    if (q < end && *q == '%') {
        q++;
    } else if (q + 8 <= end && str_ncasecmp(q, " percent", 8) == 0) {
        q += 8;
    } else if (q + 9 <= end && str_ncasecmp(q, " per cent", 9) == 0) {
        q += 9;
    } else if (q + 4 <= end && str_ncasecmp(q, " pct", 4) == 0) {
        q += 4;
    } else if (q + 2 <= end && q[0] == 'p' && q[1] == 'c' && (q + 2 == end || !str_isalpha((unsigned char)q[2]))) {
        q += 2; /* "7.4pc" */
    } else {
        return -1;
    }
    *out = sign * v;
    *p = q;
    return 0;
}
