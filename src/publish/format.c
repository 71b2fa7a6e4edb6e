/* format: figures as people read them. */
#include "format.h"
#include "util/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* v with up to two decimals, trailing zeros dropped: 2, 1.03, 1.5. */
static void trimmed(buf_t *b, double v)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.2f", v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *end = tmp + strlen(tmp) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    buf_puts(b, tmp);
}

static void scaled_in(buf_t *b, double usd, int longform, const char *sym);

static void scaled(buf_t *b, double usd, int longform)
{
    scaled_in(b, usd, longform, "$");
}

static void scaled_in(buf_t *b, double usd, int longform, const char *sym)
{
    if (isnan(usd))
        return;
    if (usd < 0) {
        buf_putc(b, '-');
        usd = -usd;
    }
    static const struct { double f; const char *lng, *sht; } units[] = {
        {1e12, " trillion", "T"}, {1e9, " billion", "B"}, {1e6, " million", "M"}, {1e3, NULL, "K"},
    };
    buf_puts(b, sym);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (usd >= units[i].f * 0.9995) {
            if (longform && !units[i].lng)
                break;
            trimmed(b, usd / units[i].f);
            buf_puts(b, longform ? units[i].lng : units[i].sht);
            return;
        }
    }
    /* Whole dollars with thousands separators. */
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.0f", usd);
    size_t n = strlen(tmp);
    for (size_t i = 0; i < n; i++) {
        buf_putc(b, tmp[i]);
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            buf_putc(b, ',');
    }
}

void fmt_count(buf_t *b, double n)
{
    if (isnan(n))
        return;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.0f", n);
    size_t len = strlen(tmp), lead = tmp[0] == '-';
    for (size_t i = 0; i < len; i++) {
        buf_putc(b, tmp[i]);
        if (i >= lead && (len - i - 1) % 3 == 0 && i + 1 < len)
            buf_putc(b, ',');
    }
}

void fmt_usd_long(buf_t *b, double usd) { scaled(b, usd, 1); }
void fmt_usd_short(buf_t *b, double usd) { scaled(b, usd, 0); }

void fmt_date_human(buf_t *b, const char *s)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
        return;
    buf_printf(b, "%s %d, %d", months[m - 1], d, y);
}

/* The sign a currency is written with before its figure: "€85 million",
 * "RMB 1 billion"; an ISO code and a space for the others. */
static const char *currency_sign(const char *cur, char tmp[8])
{
    static const struct { const char *iso, *sign; } signs[] = {
        {"USD", "$"}, {"EUR", "\xe2\x82\xac"}, {"GBP", "\xc2\xa3"}, {"JPY", "\xc2\xa5"},
        {"INR", "\xe2\x82\xb9"}, {"CNY", "RMB "}, {"KRW", "\xe2\x82\xa9"},
    };
    for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
        if (strcmp(cur, signs[i].iso) == 0)
            return signs[i].sign;
    snprintf(tmp, 8, "%.3s ", cur);
    return tmp;
}

void fmt_money(buf_t *b, double value, const char *currency, double usd)
{
    if (!currency || !*currency || strcmp(currency, "USD") == 0 || isnan(value)) {
        scaled(b, isnan(usd) ? value : usd, 1);
        return;
    }
    char tmp[8];
    scaled_in(b, value, 1, currency_sign(currency, tmp));
    if (!isnan(usd)) {
        buf_puts(b, " (about ");
        scaled(b, usd, 1);
        buf_putc(b, ')');
    }
}

void fmt_datetime_human(buf_t *b, const char *s)
{
    int64_t t;
    if (!s || strlen(s) < 16 || s[10] != 'T' || date_parse(s, &t) < 0) {
        fmt_date_human(b, s);
        return;
    }
    char utc[32];
    date_format_rfc3339(t, utc); /* the time in UTC, whatever its zone */
    fmt_date_human(b, utc);
    buf_printf(b, ", %.5s UTC", utc + 11);
}

const char *fmt_country_name(const char *iso)
{
    static const struct { const char *iso, *name; } names[] = {
        {"US", "the United States"}, {"GB", "the UK"}, {"FR", "France"}, {"DE", "Germany"},
        {"CN", "China"}, {"IN", "India"}, {"JP", "Japan"}, {"KR", "South Korea"},
        {"NL", "the Netherlands"}, {"AE", "the UAE"}, {"NO", "Norway"}, {"IL", "Israel"},
        {"CA", "Canada"}, {"SG", "Singapore"}, {"SE", "Sweden"}, {"CH", "Switzerland"},
        {"ES", "Spain"}, {"IT", "Italy"}, {"TW", "Taiwan"}, {"SA", "Saudi Arabia"},
        {"FI", "Finland"}, {"DK", "Denmark"}, {"IE", "Ireland"}, {"AU", "Australia"},
        {"BR", "Brazil"}, {"AT", "Austria"}, {"BE", "Belgium"}, {"PL", "Poland"},
        {"QA", "Qatar"}, {"MY", "Malaysia"}, {"ID", "Indonesia"}, {"VN", "Vietnam"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(iso, names[i].iso) == 0)
            return names[i].name;
    return iso;
}

const char *fmt_country_label(const char *iso)
{
    const char *n = fmt_country_name(iso);
    return strncmp(n, "the ", 4) == 0 ? n + 4 : n;
}
