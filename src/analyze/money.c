/* money: reads amounts of money out of a sentence and converts them to USD. */
#include "analyze/money.h"

#include <math.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/number.h"
#include "util/embed.h"
#include "util/str.h"

/* ---- the rate table ---- */

#define RATES_MAX 96

static struct rate { char code[4]; double usd; } rates[RATES_MAX];
static size_t n_rates;
static char rates_date[64] = "unknown";
static pthread_once_t rates_once = PTHREAD_ONCE_INIT;

/* A decimal like "0.0000617" or "1.17" (the table is ours, but parse it
 * carefully anyway). */
static double parse_decimal(const char *p, const char *end)
{
    double v = 0, scale = 0;
    for (; p < end; p++) {
        if (str_isdigit((unsigned char)*p)) {
            if (scale) {
                v += (*p - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (*p - '0');
            }
        } else if (*p == '.' && !scale) {
            scale = 0.1;
        } else {
            break;
        }
    }
    return v;
}

static void rates_load(void)
{
    size_t len = 0;
    const char *d = embed_get("rates.tsv", &len);
    if (!d)
        return;
    const char *p = d, *end = d + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (*p == '#') {
            if (le - p > 8 && strncmp(p, "# date: ", 8) == 0) {
                size_t k = (size_t)(le - p - 8);
                if (k >= sizeof rates_date)
                    k = sizeof rates_date - 1;
                memcpy(rates_date, p + 8, k);
                rates_date[k] = 0;
            }
        } else if (le - p > 4 && p[3] == '\t' && n_rates < RATES_MAX) {
            struct rate *r = &rates[n_rates];
            memcpy(r->code, p, 3);
            r->code[3] = 0;
            r->usd = parse_decimal(p + 4, le);
            if (r->usd > 0)
                n_rates++;
        }
        p = le + 1;
    }
}

double money_to_usd(double value, const char *currency)
{
    pthread_once(&rates_once, rates_load);
    for (size_t i = 0; i < n_rates; i++)
        if (strcmp(rates[i].code, currency) == 0)
            return value * rates[i].usd;
    return NAN;
}

const char *money_rates_date(void)
{
    pthread_once(&rates_once, rates_load);
    return rates_date;
}

/* ---- currency markers ---- */

/* Written before the figure. "?" for ¥ (CNY or JPY by context). "space"
 * tells whether a space may separate it from the figure. */
static const struct { const char *mark; const char *code; int space; int word; } prefixes[] = {
    {"US$", "USD", 1, 0}, {"U.S.$", "USD", 1, 0}, {"$US", "USD", 0, 0}, {"$A", "AUD", 0, 0},
    {"$NZ", "NZD", 0, 0}, {"USD", "USD", 1, 1}, {"C$", "CAD", 0, 0},
    {"CA$", "CAD", 0, 0}, {"CAD", "CAD", 1, 1}, {"A$", "AUD", 0, 0}, {"AU$", "AUD", 0, 0},
    {"AUD", "AUD", 1, 1}, {"NZ$", "NZD", 0, 0}, {"S$", "SGD", 0, 0}, {"SG$", "SGD", 0, 0},
    {"SGD", "SGD", 1, 1}, {"HK$", "HKD", 0, 0}, {"HKD", "HKD", 1, 1}, {"R$", "BRL", 0, 0},
    {"NT$", "TWD", 0, 0}, {"TWD", "TWD", 1, 1}, {"$", "USD", 0, 0},
    {"\xE2\x82\xAC", "EUR", 1, 0}, {"EUR", "EUR", 1, 1}, {"\xC2\xA3", "GBP", 1, 0},
    {"GBP", "GBP", 1, 1}, {"\xC2\xA5", "?", 1, 0}, {"\xEF\xBF\xA5", "?", 1, 0},
    {"JPY", "JPY", 1, 1}, {"CNY", "CNY", 1, 1}, {"RMB", "CNY", 1, 1}, {"Rmb", "CNY", 1, 1},
    {"\xE2\x82\xB9", "INR", 1, 0}, {"Rs.", "INR", 1, 0}, {"Rs", "INR", 1, 1}, {"INR", "INR", 1, 1},
    {"\xE2\x82\xA9", "KRW", 1, 0}, {"KRW", "KRW", 1, 1}, {"\xE2\x82\xAA", "ILS", 1, 0},
    {"NIS", "ILS", 1, 1}, {"ILS", "ILS", 1, 1}, {"CHF", "CHF", 1, 1}, {"SEK", "SEK", 1, 1},
    {"NOK", "NOK", 1, 1}, {"DKK", "DKK", 1, 1}, {"AED", "AED", 1, 1}, {"SAR", "SAR", 1, 1},
    {"QAR", "QAR", 1, 1}, {"PLN", "PLN", 1, 1}, {"BRL", "BRL", 1, 1}, {"MXN", "MXN", 1, 1},
    {"ZAR", "ZAR", 1, 1}, {"IDR", "IDR", 1, 1}, {"Rp", "IDR", 1, 1}, {"MYR", "MYR", 1, 1},
    {"RM", "MYR", 0, 1}, {"NGN", "NGN", 1, 1}, {"\xE2\x82\xA6", "NGN", 1, 0},
    {"KSh", "KES", 1, 1}, {"TRY", "TRY", 1, 1}, {"\xE2\x82\xBA", "TRY", 1, 0},
    {"THB", "THB", 1, 1}, {"VND", "VND", 1, 1}, {"CZK", "CZK", 1, 1}, {"EGP", "EGP", 1, 1},
    {"Dh", "AED", 1, 0}, {"SR", "SAR", 1, 1}, {"QR", "QAR", 1, 1},
};

/* Written after the figure (and its scale), longest first within a family. */
static const struct { const char *word; const char *code; } suffixes[] = {
    {"US dollars", "USD"}, {"U.S. dollars", "USD"}, {"Hong Kong dollars", "HKD"},
    {"Singapore dollars", "SGD"}, {"Canadian dollars", "CAD"}, {"Australian dollars", "AUD"},
    {"New Taiwan dollars", "TWD"}, {"Taiwan dollars", "TWD"}, {"New Zealand dollars", "NZD"},
    {"dollars", "USD"}, {"dollar", "USD"}, {"USD", "USD"},
    {"yuan", "CNY"}, {"renminbi", "CNY"}, {"RMB", "CNY"}, {"CNY", "CNY"},
    {"euros", "EUR"}, {"euro", "EUR"}, {"EUR", "EUR"},
    {"pounds sterling", "GBP"}, {"pounds", "GBP"}, {"GBP", "GBP"}, {"sterling", "GBP"},
    {"yen", "JPY"}, {"JPY", "JPY"}, {"rupees", "INR"}, {"rupee", "INR"}, {"INR", "INR"},
    {"won", "KRW"}, {"KRW", "KRW"}, {"Swiss francs", "CHF"}, {"francs", "CHF"}, {"CHF", "CHF"},
    {"shekels", "ILS"}, {"dirhams", "AED"}, {"riyals", "SAR"}, {"Saudi riyals", "SAR"},
    {"kronor", "SEK"}, {"Swedish kronor", "SEK"}, {"crowns", "SEK"}, {"kroner", "NOK"},
    {"reais", "BRL"}, {"pesos", "MXN"}, {"rand", "ZAR"}, {"rupiah", "IDR"},
    {"ringgit", "MYR"}, {"naira", "NGN"}, {"lira", "TRY"}, {"baht", "THB"}, {"dong", "VND"},
    {"zlotys", "PLN"}, {"zloty", "PLN"}, {"SEK", "SEK"}, {"AED", "AED"}, {"SAR", "SAR"},
};

static const char *const approx_words[] = {
    "about", "approximately", "approx.", "around", "nearly", "almost", "roughly", "some",
    "more than", "over", "up to", "at least", "close to", "an estimated", "estimated",
    "just over", "just under", "upwards of", "as much as", "less than", "under",
};

static int alnum_at(const char *s, size_t n, size_t i)
{
    return i < n && (str_isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80);
}

static unsigned char prefix_first[256];
static pthread_once_t prefix_once = PTHREAD_ONCE_INIT;

static unsigned char prefix_len[sizeof prefixes / sizeof *prefixes];
static unsigned char suffix_len[sizeof suffixes / sizeof *suffixes];

/* The markers by first byte: prefix_next chains them in table order. */
static signed char prefix_head[256], prefix_next[sizeof prefixes / sizeof *prefixes];

static void prefix_init(void)
{
    memset(prefix_head, -1, sizeof prefix_head);
    for (size_t k = sizeof prefixes / sizeof *prefixes; k-- > 0;) {
        unsigned char b = (unsigned char)prefixes[k].mark[0];
        prefix_first[b] = 1;
        prefix_len[k] = (unsigned char)strlen(prefixes[k].mark);
        prefix_next[k] = prefix_head[b];
        prefix_head[b] = (signed char)k;
    }
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++)
        suffix_len[k] = (unsigned char)strlen(suffixes[k].word);
}

/* Matches a prefix marker at s[i]; returns its length and sets *code. */
static size_t match_prefix(const char *s, size_t n, size_t i, const char **code, int *space)
{
    if (i > 0 && (str_isalnum((unsigned char)s[i - 1])))
        return 0;
    pthread_once(&prefix_once, prefix_init);
    if (i >= n || !prefix_first[(unsigned char)s[i]])
        return 0;
    for (int kk = prefix_head[(unsigned char)s[i]]; kk >= 0; kk = prefix_next[kk]) {
        size_t k = (size_t)kk;
        size_t m = prefix_len[k];
        if (i + m > n || memcmp(s + i, prefixes[k].mark, m) != 0)
            continue;
        size_t j = i + m;
        if (prefixes[k].word) {
            /* a code must be a whole word followed by a space or the figure */
            if (j < n && str_isalpha((unsigned char)s[j]))
                continue;
        }
        *code = prefixes[k].code;
        *space = prefixes[k].space;
        return m;
    }
    return 0;
}

/* Matches a currency word after a figure at s[i] (after one space); returns
 * the end or 0. */
static size_t match_suffix(const char *s, size_t n, size_t i, const char **code)
{
    size_t j = i;
    if (j < n && s[j] == ' ')
        j++;
    pthread_once(&prefix_once, prefix_init);
    if (j >= n || !str_isalpha((unsigned char)s[j]))
        return 0;
    for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++) {
        size_t m = suffix_len[k];
        if (suffixes[k].word[0] != s[j] || j + m > n || memcmp(s + j, suffixes[k].word, m) != 0)
            continue;
        if (alnum_at(s, n, j + m))
            continue;
        *code = suffixes[k].code;
        return j + m;
    }
    return 0;
}

/* Reads figure+scale at s[i]; returns the end or 0. */
static size_t read_figure(const char *s, size_t n, size_t i, double *v, double *mult,
                          int words_ok, size_t *skip_to)
{
    const char *p = s + i, *end = s + n;
    double x;
    if (number_read(&p, end, &x) != 0) {
        if (skip_to)
            *skip_to = (size_t)(p - s);
        if (!words_ok || number_read_words(&p, end, &x) != 0)
            return 0;
        /* a word number needs a scale: "two billion", "half a billion" */
        double m;
        const char *q = p;
        if (!number_read_scale(&q, end, &m) || m < 1e6)
            return 0;
        *v = x * m;
        *mult = m;
        return (size_t)(q - s);
    }
    double m;
    number_read_scale(&p, end, &m);
    *v = x * m;
    *mult = m;
    return (size_t)(p - s);
}

static int word_before(const char *s, size_t i, const char *w)
{
    size_t m = strlen(w);
    size_t j = i;
    while (j > 0 && s[j - 1] == ' ')
        j--;
    if (j < m || str_ncasecmp(s + j - m, w, m) != 0)
        return 0;
    return j == m || !str_isalpha((unsigned char)s[j - m - 1]);
}

static int is_approx_before(const char *s, size_t i)
{
    if (i > 0 && s[i - 1] == '~')
        return 1;
    for (size_t k = 0; k < sizeof approx_words / sizeof *approx_words; k++)
        if (word_before(s, i, approx_words[k]))
            return 1;
    return 0;
}

/* Tries to read one amount starting exactly at s[i]. */
static size_t read_amount(const char *s, size_t n, size_t i, int cny, money_t *m, size_t *skip_to)
{
    const char *code = NULL;
    int space = 0;
    size_t pl = match_prefix(s, n, i, &code, &space);
    double v, mult = 1;
    size_t e;
    if (pl) {
        size_t j = i + pl;
        if (space && j < n && s[j] == ' ')
            j++;
        e = read_figure(s, n, j, &v, &mult, 0, skip_to);
        if (!e)
            return 0;
        const char *c2;
        size_t se = match_suffix(s, n, e, &c2); /* "$5 million USD" */
        if (se && (strcmp(c2, code) == 0 || strcmp(code, "?") == 0)) {
            code = c2;
            e = se;
        }
    } else {
        if (i > 0 && (str_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
                      s[i - 1] == ',' || s[i - 1] == '$' || s[i - 1] == '-'))
            return 0;
        if (!str_isdigit((unsigned char)s[i]) && !str_isalpha((unsigned char)s[i]))
            return 0;
        e = read_figure(s, n, i, &v, &mult, 1, skip_to);
        if (!e)
            return 0;
        size_t se = match_suffix(s, n, e, &code);
        /* a compound adjective: "a 40-million-dollar round", "a
         * 292.5-million-euro measure" (a scale word before the hyphen) */
        if (!se && mult > 1 && e + 1 < n && s[e] == '-' && str_isalpha((unsigned char)s[e + 1]))
            se = match_suffix(s, n, e + 1, &code);
        if (!se)
            return 0;
        e = se;
    }
    if (strcmp(code, "?") == 0)
        code = cny ? "CNY" : "JPY";
    memset(m, 0, sizeof *m);
    m->value = m->value_hi = v;
    memcpy(m->currency, code, 4);
    m->start = i;
    m->end = m->num_end = e;
    m->usd = NAN;
    m->approx = is_approx_before(s, i);
    m->mult = mult;
    return e;
}

/* "$20-30 million", "$20 million to $30 million", "between $1bn and $2bn":
 * reads the high end after m and fixes a missing scale on the low end. */
static void read_range(const char *s, size_t n, money_t *m)
{
    size_t j = m->end;
    int between = word_before(s, m->start, "between");
    if (j < n && s[j] == '-')
        j++;
    else if (j + 4 <= n && memcmp(s + j, " to ", 4) == 0)
        j += 4;
    else if (between && j + 5 <= n && memcmp(s + j, " and ", 5) == 0)
        j += 5;
    else
        return;
    const char *code;
    int space;
    size_t pl = match_prefix(s, n, j, &code, &space);
    if (pl) {
        j += pl;
        if (space && j < n && s[j] == ' ')
            j++;
    }
    double hi, mult = 1;
    size_t e = read_figure(s, n, j, &hi, &mult, 0, NULL);
    if (!e)
        return;
    const char *c2;
    size_t se = match_suffix(s, n, e, &c2);
    if (se)
        e = se;
    if (m->mult == 1 && mult > 1)
        m->value *= mult; /* "$20-30 million": the scale is written once */
    if (hi < m->value)
        return;
    m->value_hi = hi;
    m->end = m->num_end = e;
}

/* After a non-USD amount, the article's own USD conversion: " (~$140
 * million)", " (about US$140m)", ", or about $140 million,", " ($140M)". */
static void read_conversion(const char *s, size_t n, money_t *m, int cny)
{
    size_t j = m->end;
    int paren = 0;
    if (j + 1 < n && s[j] == ' ' && s[j + 1] == '(') {
        j += 2;
        paren = 1;
    } else if (j + 5 < n && memcmp(s + j, ", or ", 5) == 0) {
        j += 5;
    } else if (j + 4 < n && memcmp(s + j, " or ", 4) == 0) {
        j += 4;
    } else if (j + 3 < n && memcmp(s + j, " - ", 3) == 0) {
        j += 3;
    } else {
        return;
    }
    for (int guard = 0; guard < 4; guard++) {
        while (j < n && (s[j] == ' ' || s[j] == '~' || s[j] == '='))
            j++;
        int hit = 0;
        static const char *const lead[] = {
            "about ", "approximately ", "approx. ", "around ", "roughly ", "some ", "nearly ",
            "almost ", "or ", "equivalent to ", "equal to ", "worth ", "circa ", "c. ",
            "more than ", "over ", "just over ", "USD ",
        };
        for (size_t k = 0; k < sizeof lead / sizeof *lead; k++) {
            size_t L = strlen(lead[k]);
            if (j + L <= n && str_ncasecmp(s + j, lead[k], L) == 0) {
                if (strcmp(lead[k], "USD ") == 0)
                    break; /* a prefix, read below */
                j += L;
                hit = 1;
                break;
            }
        }
        if (!hit)
            break;
    }
    money_t c;
    size_t e = read_amount(s, n, j, cny, &c, NULL);
    if (!e || strcmp(c.currency, "USD") != 0)
        return;
    if (paren) {
        while (e < n && s[e] != ')' && e - j < 40)
            e++;
        if (e >= n || s[e] != ')')
            return;
        e++;
    }
    if (strcmp(m->currency, "USD") == 0)
        return; /* "$140 million ($140M)": nothing to convert */
    m->usd = c.value;
    m->article_usd = 1;
    m->end = e;
}

/* 1 when the word at s could be a number word ("one", "a", "half"...). */
static int maybe_number_word(const char *s, size_t n, size_t i)
{
    size_t e = i;
    while (e < n && str_isalpha((unsigned char)s[e]))
        e++;
    size_t l = e - i;
    if (l == 0 || l > 9)
        return 0;
    char c = (char)str_tolower((unsigned char)s[i]);
    if (!strchr("aotfsenhd", c))
        return 0;
    /* "a"/"an" only before a scale word: "a billion dollars", "an
     * additional" is no number */
    if (l <= 2 && c == 'a') {
        size_t j = e;
        while (j < n && s[j] == ' ')
            j++;
        char d = j < n ? (char)str_tolower((unsigned char)s[j]) : 0;
        return d == 'm' || d == 'b' || d == 't' || d == 'h' || d == 'd' || d == 'q';
    }
    /* the number words all end in a few letters: one, two, three, ten,
     * twelve, twenty, dozen, half, eleven, ... */
#define W(x) {x, sizeof x - 1}
    static const struct { const char *w; unsigned char n; } words[] = {W("one"), W("two"), W("three"),
        W("four"), W("five"), W("six"), W("seven"), W("eight"), W("nine"), W("ten"), W("eleven"),
        W("twelve"), W("thirteen"), W("fourteen"), W("fifteen"), W("sixteen"), W("seventeen"),
        W("eighteen"), W("nineteen"), W("twenty"), W("thirty"), W("forty"), W("fifty"), W("sixty"),
        W("seventy"), W("eighty"), W("ninety"), W("dozen"), W("half"), W("dozens"), W("hundred"),
        W("hundreds")};
#undef W
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (words[k].n == l && words[k].w[0] == c && str_ncasecmp(s + i, words[k].w, l) == 0)
            return 1;
    /* "twenty-five" */
    return 0;
}

size_t money_find(const char *s, size_t n, int cny_hint, money_t *out, size_t max)
{
    pthread_once(&prefix_once, prefix_init);
    size_t cnt = 0;
    size_t i = 0;
    while (i < n && cnt < max) {
        unsigned char c = (unsigned char)s[i];
        /* inside a word nothing starts (the cheap test first) */
        if (i > 0 && !str_isdigit(c) && str_isalnum((unsigned char)s[i - 1])) {
            i++;
            continue;
        }
        /* amounts start with a digit, a marker or a number word */
        bool lead = str_isdigit(c) || (prefix_first[c] && !str_isalpha(c)) ||
                    (str_isalpha(c) && maybe_number_word(s, n, i));
        if (!lead && prefix_first[c] && str_isalpha(c) && !(i > 0 && str_isalnum((unsigned char)s[i - 1]))) {
            /* a capitalised word leads only when it is a currency code
             * ("USD 40 million", "Rs 37 crore"): most are names */
            const char *code;
            int space;
            lead = match_prefix(s, n, i, &code, &space) > 0;
        }
        if (!lead || (i > 0 && str_isalnum((unsigned char)s[i - 1]) && !str_isdigit(c))) {
            i++;
            continue;
        }
        size_t skip = i;
        money_t m;
        size_t e = read_amount(s, n, i, cny_hint, &m, &skip);
        if (!e) {
            /* skip the rest of a word or digit run so the walk stays linear */
            size_t j = i + 1;
            if (skip > j)
                j = skip;
            while (j < n && (str_isalnum((unsigned char)s[j]) || ((unsigned char)s[j] >= 0x80 && ((unsigned char)s[j] & 0xC0) == 0x80)))
                j++;
            i = j;
            continue;
        }
        read_range(s, n, &m);
        read_conversion(s, n, &m, cny_hint);
        if (!m.article_usd)
            m.usd = strcmp(m.currency, "USD") == 0 ? m.value : money_to_usd(m.value, m.currency);
        out[cnt++] = m;
        i = m.end > i ? m.end : i + 1;
    }
    return cnt;
}
