/* stock: share price moves: company, ticker, percent and closing price. */
#include "analyze/stock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/number.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const ups[] = {
    "rose", "rises", "rise", "gained", "gains", "gain", "jumped", "jumps", "climbed", "climbs",
    "surged", "surges", "soared", "soars", "rallied", "rallies", "advanced", "advances",
    "added", "adds", "was up", "were up", "are up", "is up", "closed up", "ended up",
    "traded up", "trading up", "increased", "spiked", "popped", "leapt", "leaped", "ticked up",
    "edged up", "edged higher", "rebounded", "climbing", "rising", "jumping", "surging",
    "up", "higher",
};

static const char *const downs[] = {
    "fell", "falls", "fall", "dropped", "drops", "slid", "slides", "declined", "declines",
    "tumbled", "tumbles", "plunged", "plunges", "sank", "sinks", "slumped", "slumps", "lost",
    "loses", "was down", "were down", "are down", "is down", "closed down", "ended down",
    "traded down", "trading down", "decreased", "dipped", "dips", "slipped", "slips", "shed",
    "sheds", "eased", "eases", "retreated", "crashed", "plummeted", "tanked", "edged down",
    "edged lower", "ticked down", "falling", "dropping", "sliding", "down", "lower",
};

static const char *const stock_words[] = {
    "shares", "share", "stock", "stocks", "closing at", "closed at", "nasdaq", "nyse",
    "trading", "premarket", "pre-market", "after-hours", "market value", "ticker",
    "close at", "to close", "debut", "listed",
};

static const char *const not_stock[] = {
    "stake", "of the company", "of its shares", "market share", "revenue", "sales", "profit",
    "margin", "growth", "year-on-year", "year over year", "of shares",
};

static bool bad_company(const char *n)
{
    if (!n || !*n || place_lookup(n, strlen(n)))
        return true;
    static const char *const bad[] = {"Nasdaq", "S&P", "S&P 500", "Dow", "Dow Jones", "Nikkei",
                                      "Hang Seng", "Stoxx", "FTSE", "Composite", "Nasdaq Composite",
                                      "Philadelphia Semiconductor Index", "Kospi", "KOSPI",
                                      "Sensex", "Nifty", "AI", "Bitcoin", "CEO"};
    for (size_t k = 0; k < COUNT(bad); k++)
        if (strcmp(n, bad[k]) == 0)
            return true;
    return strstr(n, "Index") != NULL;
}

/* The percent at or after i (before to, within lim bytes): its value and end. */
static double percent_at(const scan_sent *st, size_t i, size_t to, size_t lim, size_t *pb, size_t *pe)
{
    for (size_t k = i; k < to && k < i + lim; k++) {
        if (!str_isdigit((unsigned char)st->s[k]) ||
            (k > 0 && (str_isdigit((unsigned char)st->s[k - 1]) || st->s[k - 1] == '.' ||
                       st->s[k - 1] == '$' || st->s[k - 1] == ',')))
            continue;
        const char *p = st->s + k;
        double x;
        if (number_read_percent(&p, st->s + to, &x) == 0) {
            *pb = k;
            *pe = (size_t)(p - st->s);
            return x;
        }
        const char *q = st->s + k;
        double y;
        if (number_read(&q, st->s + to, &y) == 0)
            k = (size_t)(q - st->s);
    }
    return NAN;
}

/* The closing price after the percent: "to close at $88.75", "at 412p",
 * "closing at 4,215 yen". NAN when none. */
static double close_after(const scan_sent *st, size_t pe, size_t to)
{
    static const char *const cues[] = {"to close at", "closing at", "closed at", "to end at",
                                       "ending at", "at", "to"};
    size_t lim = pe + 70 < to ? pe + 70 : to;
    size_t w = 0;
    size_t c = scan_any(st->lc, lim, pe, cues, COUNT(cues), &w);
    if (c == SCAN_NONE)
        return NAN;
    size_t j = c + strlen(cues[w]);
    while (j < to && st->s[j] == ' ')
        j++;
    for (size_t i = 0; i < st->n_money; i++)
        if (st->money[i].start == j)
            return st->money[i].value;
    /* a bare figure with a unit: "412p", "4,215 yen", "18.44 euros" */
    const char *p = st->s + j;
    double v;
    if (number_read(&p, st->s + to, &v) != 0)
        return NAN;
    size_t k = (size_t)(p - st->s);
    if (k < to && (st->s[k] == 'p' || st->s[k] == 'c') && (k + 1 >= to || !str_isalpha((unsigned char)st->s[k + 1])))
        return v;
    static const char *const units[] = {"pence", "yen", "won", "rupees", "yuan", "euros",
                                        "cents", "hong kong dollars", "dollars"};
    if (scan_any(st->lc, k + 20 < to ? k + 20 : to, k, units, COUNT(units), NULL) == k + 1)
        return v;
    return NAN;
}

/* One clause: s[from, to). */
static int read_clause(scan_doc *d, const scan_sent *st, size_t from, size_t to, bool stock_sent)
{
    const char *lc = st->lc;
    size_t w1 = 0, w2 = 0;
    size_t u = scan_any(lc, to, from, ups, COUNT(ups), &w1);
    size_t dn = scan_any(lc, to, from, downs, COUNT(downs), &w2);
    if (u == SCAN_NONE && dn == SCAN_NONE)
        return 0;
    bool down = dn < u;
    size_t v = down ? dn : u;
    size_t vl = strlen(down ? downs[w2] : ups[w1]);
    /* the percent after the verb ("rose 3%"), or just before a trailing
     * direction ("closed 2.1% higher") */
    size_t pb = 0, pe = 0;
    double pct = percent_at(st, v + vl, to, 50, &pb, &pe);
    size_t subj_end = v;
    if (isnan(pct)) {
        size_t lo = v > 14 ? v - 14 : from;
        if (lo < from)
            lo = from;
        pct = percent_at(st, lo, v, 14, &pb, &pe);
        if (isnan(pct))
            return 0;
        subj_end = pb;
        pe = v + vl;
    }
    if (scan_after(lc, to, pe, 20, not_stock, COUNT(not_stock)) ||
        scan_before(lc, subj_end, 40, not_stock, COUNT(not_stock)))
        return 0;
    /* the company: "shares of X", "X shares", "X (TICK)" */
    char *company = NULL;
    char ticker[12] = "";
    size_t so = scan_word(lc, subj_end, from, "shares of");
    if (so == SCAN_NONE)
        so = scan_word(lc, subj_end, from, "shares in");
    if (so == SCAN_NONE)
        so = scan_word(lc, subj_end, from, "stock of");
    if (so != SCAN_NONE) {
        size_t k = so + (lc[so + 1] == 'h' ? 9 : 8);
        company = subject_object(st, k, subj_end, NULL);
    }
    size_t end = subj_end;
    static const char *const tails[] = {"'s shares", "'s stock", " shares", " stock", " stocks",
                                        "'s share price", " share price", " closed", " ended",
                                        " finished", " traded", " were", " was", " have", " has",
                                        " is", " are", " had"};
    for (int guard = 0; guard < 4; guard++) {
        while (end > from && st->s[end - 1] == ' ')
            end--;
        bool cut = false;
        for (size_t k = 0; k < COUNT(tails); k++) {
            size_t m = strlen(tails[k]);
            if (end >= from + m && memcmp(lc + end - m, tails[k], m) == 0) {
                end -= m;
                cut = true;
                break;
            }
        }
        if (!cut)
            break;
    }
    subject sj;
    memset(&sj, 0, sizeof sj);
    if (!company && end > from && subject_find(st, from, end, &sj)) {
        if (sj.pronoun)
            company = scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL;
        else
            company = sj.name, sj.name = NULL;
    }
    free(sj.name);
    memcpy(ticker, sj.ticker, sizeof ticker);
    if (!ticker[0]) {
        /* "(NASDAQ: NVDA)" in the clause */
        const char *c = memmem(st->s + from, to - from, ":", 1);
        while (c && !ticker[0]) {
            size_t i = (size_t)(c - st->s) + 1;
            while (i < to && st->s[i] == ' ')
                i++;
            size_t b = i;
            while (i < to && (str_isupper((unsigned char)st->s[i]) || st->s[i] == '.'))
                i++;
            if (i > b && i - b < sizeof ticker && i < to && st->s[i] == ')') {
                memcpy(ticker, st->s + b, i - b);
                ticker[i - b] = 0;
            }
            c = i < to ? memmem(st->s + i, to - i, ":", 1) : NULL;
        }
    }
    bool stocky = ticker[0] || stock_sent || d->stock_ctx;
    if (!stocky || bad_company(company)) {
        free(company);
        return 0;
    }
    event_t *e = event_list_add(d->out, EVENT_STOCK_MOVE);
    e->company = company;
    if (ticker[0])
        e->ticker = xstrdup(ticker);
    e->change_pct = down ? -fabs(pct) : pct;
    e->close_price = close_after(st, pe, to);
    scan_provenance(st, e);
    e->confidence = ticker[0] ? 0.8 : 0.65;
    d->stock_ctx = 1;
    return 1;
}

int stock_read(scan_doc *d, const scan_sent *st)
{
    if (!memchr(st->s, '%', st->n) && !memmem(st->lc, st->n, "percent", 7) &&
        !memmem(st->lc, st->n, "per cent", 8) && !memmem(st->lc, st->n, "pc ", 3))
        return 0;
    /* clauses: "Nvidia rose 3% while AMD fell 2%" */
    static const char *const seps[] = {" while ", " whereas ", ", and ", ", but ", ", as "};
    int added = 0;
    size_t from = 0;
    bool stocky = scan_any(st->lc, st->n, 0, stock_words, COUNT(stock_words), NULL) != SCAN_NONE;
    if (stocky)
        d->stock_ctx = 1;
    while (from < st->n) {
        size_t to = st->n, sl = 1;
        for (size_t k = 0; k < COUNT(seps); k++) {
            const char *h = memmem(st->lc + from, st->n - from, seps[k], strlen(seps[k]));
            if (h && (size_t)(h - st->lc) < to && (size_t)(h - st->lc) > from) {
                to = (size_t)(h - st->lc);
                sl = strlen(seps[k]);
            }
        }
        added += read_clause(d, st, from, to, stocky);
        from = to + sl;
    }
    return added;
}

void stock_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    (void)d, (void)sents, (void)n;
}
