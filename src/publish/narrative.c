/* narrative: model-written prose for the report, checked against its facts. */
#include "narrative.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/number.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/sentence.h"
#include "fetch/fetch.h"
#include "fetch/netguard.h"
#include "publish/format.h"
#include "util/buf.h"
#include "util/str.h"

/* ---- the facts ---- */

narr_section *narr_section_new(const char *key, const char *title)
{
    narr_section *s = xcalloc(1, sizeof *s);
    s->key = xstrdup(key ? key : "");
    s->title = xstrdup(title ? title : "");
    return s;
}

void narr_section_free(narr_section *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nfacts; i++) {
        narr_fact *f = &s->facts[i];
        free(f->text);
        free(f->cites);
        for (size_t k = 0; k < f->norgs; k++)
            free(f->orgs[k]);
        free(f->orgs);
    }
    for (size_t i = 0; i < s->nout; i++) {
        free(s->out[i].text);
        free(s->out[i].cites);
    }
    free(s->out);
    free(s->key);
    free(s->title);
    free(s->error);
    free(s->first_drop);
    free(s);
}

void narr_section_tally(narr_section *s, const event_t *e)
{
    s->n++;
    if (e->type < EVENT_TYPE_COUNT)
        s->n_type[e->type]++;
    switch (e->type) {
    case EVENT_FUNDING:
        if (!isnan(e->amount_usd))
            s->fund_usd += e->amount_usd;
        break;
    case EVENT_ACQUISITION:
        if (!isnan(e->price_usd))
            s->acq_usd += e->price_usd;
        break;
    case EVENT_INFRASTRUCTURE:
        if (!isnan(e->amount_usd))
            s->infra_usd += e->amount_usd;
        if (!isnan(e->capacity_mw))
            s->infra_mw += e->capacity_mw;
        break;
    default: break;
    }
}

void narr_section_period(narr_section *s, const char *first, const char *last)
{
    snprintf(s->first, sizeof s->first, "%.10s", first ? first : "");
    snprintf(s->last, sizeof s->last, "%.10s", last ? last : "");
}

static void fact_num(narr_fact *f, double v, const char *cur)
{
    if (!isnan(v) && f->nnums < sizeof f->nums / sizeof f->nums[0]) {
        snprintf(f->curs[f->nnums], sizeof f->curs[0], "%s", cur ? cur : "");
        f->nums[f->nnums++] = v;
    }
}

static void fact_org(narr_fact *f, const char *name)
{
    if (!name || !*name)
        return;
    for (size_t i = 0; i < f->norgs; i++)
        if (strcmp(f->orgs[i], name) == 0)
            return;
    f->orgs = xrealloc(f->orgs, (f->norgs + 1) * sizeof *f->orgs);
    f->orgs[f->norgs++] = xstrdup(name);
}

static void put_field(buf_t *b, const char *label, const char *v)
{
    if (v && *v)
        buf_printf(b, "; %s: %s", label, v);
}

static void put_names_field(buf_t *b, const char *label, char *const *v, size_t n)
{
    if (!n)
        return;
    buf_printf(b, "; %s: ", label);
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? ", " : "", v[i]);
}

void narr_section_event(narr_section *s, const event_t *e, const char *date, const int *cites, size_t ncites)
{
    if (s->nfacts >= NARR_MAX_FACTS)
        return;
    narr_fact *f = &s->facts[s->nfacts++];
    memset(f, 0, sizeof *f);
    if (ncites) {
        f->cites = xcalloc(ncites, sizeof *f->cites);
        memcpy(f->cites, cites, ncites * sizeof *cites);
        f->ncites = ncites;
    }
    if (date && strlen(date) >= 10 && date[4] == '-' && date[7] == '-')
        memcpy(f->date, date, 10);
    buf_t b, t;
    buf_init(&b, 0);
    buf_init(&t, 0);
    buf_puts(&b, event_type_name(e->type));
    switch (e->type) {
    case EVENT_FUNDING:
        put_field(&b, "company", e->company);
        fact_org(f, e->company);
        break;
    case EVENT_ACQUISITION:
        put_field(&b, "acquirer", e->acquirer);
        put_field(&b, "target", e->target);
        fact_org(f, e->acquirer);
        fact_org(f, e->target);
        break;
    case EVENT_INFRASTRUCTURE:
        put_field(&b, "organisation", e->organization);
        fact_org(f, e->organization);
        break;
    default:
        put_field(&b, "company", e->company);
        put_field(&b, "ticker", e->ticker);
        put_field(&b, "product", e->product);
        fact_org(f, e->company);
        fact_org(f, e->product);
        fact_org(f, e->ticker);
        break;
    }
    f->nprincipal = f->norgs;
    put_field(&b, "who it is", e->descriptor);
    if (e->country && strlen(e->country) == 2) {
        put_field(&b, "country", e->country);
        memcpy(f->countries[f->ncountries++], e->country, 3);
    }
    put_field(&b, "what", e->what);
    double usd = e->type == EVENT_ACQUISITION ? e->price_usd : e->amount_usd;
    if (!isnan(e->amount_value) || !isnan(usd)) {
        fmt_money(&t, e->amount_value, e->currency, usd);
        put_field(&b, e->type == EVENT_ACQUISITION ? "price" : "amount", buf_str(&t));
        buf_reset(&t);
        fact_num(f, e->amount_value, e->currency[0] ? e->currency : "USD");
        fact_num(f, usd, "USD");
        if (!isnan(e->amount_usd) && e->type == EVENT_ACQUISITION)
            fact_num(f, e->amount_usd, "USD");
    }
    if (e->round && strcmp(e->round, "Unspecified") != 0)
        put_field(&b, "round", e->round);
    if (!isnan(e->valuation_usd)) {
        fmt_usd_long(&t, e->valuation_usd);
        put_field(&b, "valuation", buf_str(&t));
        buf_reset(&t);
        fact_num(f, e->valuation_usd, "USD");
    }
    put_names_field(&b, "led by", e->lead_investors, e->n_lead);
    put_names_field(&b, "investors", e->investors, e->n_investors);
    for (size_t i = 0; i < e->n_investors; i++)
        fact_org(f, e->investors[i]);
    for (size_t i = 0; i < e->n_lead; i++)
        fact_org(f, e->lead_investors[i]);
    if (!isnan(e->change_pct)) {
        buf_printf(&b, "; change: %+.2f%%", e->change_pct);
        fact_num(f, fabs(e->change_pct), "");
    }
    if (!isnan(e->close_price)) {
        buf_printf(&b, "; closing price: $%.2f", e->close_price);
        fact_num(f, e->close_price, "USD");
    }
    if (!isnan(e->capacity_mw)) {
        buf_printf(&b, "; capacity: %.0f MW", e->capacity_mw);
        fact_num(f, e->capacity_mw, "");
    }
    put_field(&b, "purpose", e->purpose);
    put_field(&b, "status", e->status);
    if (f->date[0])
        buf_printf(&b, "; date: %s", f->date);
    f->text = buf_detach(&b);
    buf_free(&t);
}

/* The facts as text; with_cites adds each fact's citation numbers (sent,
 * but not words the prose may use: a figure "2" is no citation's). */
static char *facts_text(const narr_section *s, int with_cites)
{
    buf_t b, t;
    buf_init(&b, 0);
    buf_init(&t, 0);
    buf_printf(&b, "Section: %s\n", s->title);
    if (s->first[0] && s->last[0])
        buf_printf(&b, "Period: %s to %s\n", s->first, s->last);
    buf_printf(&b, "Totals: %d events", s->n);
    static const char *const kinds[EVENT_TYPE_COUNT] = {
        [EVENT_FUNDING] = "funding rounds", [EVENT_ACQUISITION] = "acquisitions",
        [EVENT_STOCK_MOVE] = "stock moves", [EVENT_INFRASTRUCTURE] = "infrastructure projects",
        [EVENT_PRODUCT] = "launches"};
    for (int k = 0; k < EVENT_TYPE_COUNT; k++)
        if (s->n_type[k])
            buf_printf(&b, "; %d %s", s->n_type[k], kinds[k]);
    if (s->n_type[EVENT_FUNDING]) {
        fmt_usd_long(&t, s->fund_usd);
        buf_printf(&b, "; funding raised in all: %s", buf_str(&t));
        buf_reset(&t);
    }
    if (s->acq_usd > 0) {
        fmt_usd_long(&t, s->acq_usd);
        buf_printf(&b, "; stated acquisition prices in all: %s", buf_str(&t));
        buf_reset(&t);
    }
    if (s->infra_usd > 0) {
        fmt_usd_long(&t, s->infra_usd);
        buf_printf(&b, "; infrastructure committed in all: %s", buf_str(&t));
        buf_reset(&t);
    }
    if (s->infra_mw > 0)
        buf_printf(&b, "; infrastructure capacity in all: %.0f MW", s->infra_mw);
    buf_puts(&b, "\nFacts:\n");
    for (size_t i = 0; i < s->nfacts; i++) {
        buf_printf(&b, "%zu. %s", i + 1, s->facts[i].text);
        for (size_t k = 0; with_cites && k < s->facts[i].ncites; k++)
            buf_printf(&b, "%s%d", k ? ", " : "; sources: ", s->facts[i].cites[k]);
        buf_putc(&b, '\n');
    }
    buf_free(&t);
    return buf_detach(&b);
}

char *narr_facts_text(const narr_section *s)
{
    return facts_text(s, 1);
}

/* ---- the checker ---- */

static const char *const months[12] = {"January", "February", "March", "April", "May", "June",
                                       "July", "August", "September", "October", "November", "December"};

/* 1..12 for a month's name or its three-letter abbreviation (a '.' after it
 * is the caller's), 0 when not one. */
static int month_of(const char *w, size_t n)
{
    for (int i = 0; i < 12; i++) {
        size_t ml = strlen(months[i]);
        if ((n == ml && memcmp(w, months[i], n) == 0) || (n == 3 && memcmp(w, months[i], 3) == 0) ||
            (i == 8 && n == 4 && memcmp(w, "Sept", 4) == 0))
            return i + 1;
    }
    return 0;
}


/* Words that may open a sentence capitalised without naming anything. */
static int starter_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "The", "A", "An", "In", "On", "At", "By", "For", "From", "With", "Of", "As", "Over",
        "Across", "Among", "Also", "Meanwhile", "Elsewhere", "Separately", "Additionally",
        "Together", "Overall", "This", "These", "That", "Those", "Its", "Their", "It", "They",
        "Both", "All", "Most", "Other", "Another", "Investors", "Funding", "During", "After",
        "Before", "While", "Within", "Such", "Further", "Several", "Each", "Every", "Acquisitions",
        "Deals", "Rounds", "Money", "Activity", "Here", "There", "Led", "Backed", "Largest",
        "Biggest", "Leading", "Notable", "Notably", "Alongside", "Beyond", "Then", "Later",
        "Earlier", "Between", "Including", "Its", "One", "Two", "Three", "Four", "Five", "Six",
        "Seven", "Eight", "Nine", "Ten", "No", "None", "Only", "Just", "Still", "Yet", "But",
        "And", "Combined", "Taken", "Total", "Totals", "Altogether", "Which", "What", "Where",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

/* Capitalised words that name nothing to check. */
static int common_caps(const char *w, size_t n)
{
    static const char *const words[] = {"AI", "GPU", "GPUs", "CPU", "CEO", "CFO", "IPO", "US", "USD",
                                        "EUR", "GBP", "RMB", "CNY", "JPY", "INR", "MW", "GW", "I"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return month_of(w, n) != 0;
}

static int word_byte(unsigned char c) { return str_isalnum(c) || c >= 0x80; }

/* 1 when the n bytes at w occur in text as a whole word (case as written). */
static int in_text(const char *text, const char *w, size_t n)
{
    if (!n)
        return 0;
    for (const char *p = text; *p; p++) {
        if (*p != *w || strncmp(p, w, n) != 0)
            continue;
        if ((p == text || !word_byte((unsigned char)p[-1])) && !word_byte((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

typedef struct chk {
    narr_section *s;
    const char *facts;   /* the facts' text, for words and figures stated there */
    const char *text;    /* the whole (cleaned) answer the sentence is in */
    uint64_t named;      /* facts whose organisation the sentence names */
    uint64_t own;        /* facts whose own company (not investor) it names */
    uint64_t date_of[16]; /* for each event date named, the facts of that date */
    size_t ndate;
    uint64_t inv[16];    /* for each investor named, the facts it is in */
    size_t ninv;
    uint64_t dated;      /* facts whose date it names */
    uint64_t numbered[64]; /* for each figure, the facts that state it */
    size_t nnum;
    int totals;          /* uses a total, a count or the period */
    struct {             /* each organisation named, in the sentence's order */
        const char *at;
        size_t n;
        uint64_t m;      /* the facts naming it */
    } ment[24];
    size_t nment;
    int bad;
    buf_t why;
} chk;

static int reject(chk *c, const char *fmt, const char *what, size_t n)
{
    if (!c->bad)
        buf_printf(&c->why, fmt, (int)n, what);
    c->bad = 1;
    return -1;
}

static int close_to(double w, double unit, double f)
{
    double d = fabs(w - f);
    return d <= 0.5 * unit + 1e-9 * fabs(f) && d <= 0.05 * fabs(f) + 1e-9;
}

/* The facts stating a figure (money, percent, MW, a plain number). */
/* cur: the currency the prose gives the figure ("" none; "JPY" also
 * takes CNY: "¥" is both) */
static uint64_t facts_with(const narr_section *s, double w, double unit, const char *cur)
{
    uint64_t m = 0;
    for (size_t i = 0; i < s->nfacts; i++)
        for (size_t k = 0; k < s->facts[i].nnums; k++) {
            const char *fc = s->facts[i].curs[k];
            if (*cur && *fc && strcmp(cur, fc) != 0 && !(strcmp(cur, "JPY") == 0 && strcmp(fc, "CNY") == 0))
                continue;
            if (close_to(w, unit, s->facts[i].nums[k]))
                m |= (uint64_t)1 << i;
        }
    return m;
}

/* The currency written before a figure at start ("$", "US$", "€", "£",
 * "¥", "₹", "EUR ") or after it (" euros", " dollars", " USD"), "" when
 * none. */
static const char *currency_at(const char *text, const char *start, const char *after, const char *end)
{
    static const struct { const char *s, *iso; } before[] = {
        {"US$", "USD"}, {"$", "USD"}, {"\xe2\x82\xac", "EUR"}, {"\xc2\xa3", "GBP"}, {"\xc2\xa5", "JPY"},
        {"\xe2\x82\xb9", "INR"}, {"USD ", "USD"}, {"EUR ", "EUR"}, {"GBP ", "GBP"}, {"RMB ", "CNY"},
        {"CNY ", "CNY"}, {"JPY ", "JPY"}, {"INR ", "INR"}};
    for (size_t i = 0; i < sizeof before / sizeof *before; i++) {
        size_t n = strlen(before[i].s);
        if ((size_t)(start - text) >= n && memcmp(start - n, before[i].s, n) == 0)
            return before[i].iso;
    }
    static const struct { const char *s, *iso; } words[] = {
        {" dollars", "USD"}, {" dollar", "USD"}, {" euros", "EUR"}, {" euro", "EUR"}, {" pounds", "GBP"},
        {" yuan", "CNY"}, {" renminbi", "CNY"}, {" yen", "JPY"}, {" rupees", "INR"}, {" USD", "USD"},
        {" EUR", "EUR"}, {" GBP", "GBP"}, {" RMB", "CNY"}, {" CNY", "CNY"}, {" JPY", "JPY"}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i].s);
        if ((size_t)(end - after) >= n && str_ncasecmp(after, words[i].s, n) == 0 &&
            (after + n >= end || !word_byte((unsigned char)after[n])))
            return words[i].iso;
    }
    return "";
}

static int total_with(const narr_section *s, double w, double unit)
{
    double tot[] = {s->fund_usd, s->acq_usd, s->infra_usd, s->infra_mw};
    for (size_t i = 0; i < sizeof tot / sizeof *tot; i++)
        if (tot[i] > 0 && close_to(w, unit, tot[i]))
            return 1;
    return 0;
}

static int count_is(const narr_section *s, double w)
{
    if (w != floor(w))
        return 0;
    int n = (int)w;
    if (n == s->n || (size_t)n == s->nfacts)
        return 1;
    for (int k = 0; k < EVENT_TYPE_COUNT; k++)
        if (s->n_type[k] == n)
            return 1;
    return 0;
}

/* A date the prose names: year, month, day (0: not said). */
static int date_check(chk *c, int y, int mo, int d, const char *at, size_t n)
{
    const narr_section *s = c->s;
    int found = 0, period = 0;
    uint64_t m = 0;
    for (size_t i = 0; i < s->nfacts; i++) {
        int fy, fm, fd;
        if (!s->facts[i].date[0] || sscanf(s->facts[i].date, "%4d-%2d-%2d", &fy, &fm, &fd) != 3)
            continue;
        if ((!y || y == fy) && (!mo || mo == fm) && (!d || d == fd)) {
            m |= (uint64_t)1 << i;
            found = 1;
        }
    }
    const char *per[2] = {s->first, s->last};
    for (int i = 0; i < 2; i++) {
        int fy, fm, fd;
        if (sscanf(per[i], "%4d-%2d-%2d", &fy, &fm, &fd) == 3 && (!y || y == fy) &&
            (!mo || mo == fm) && (!d || d == fd)) {
            c->totals = 1;
            found = period = 1;
        }
    }
    if (!found)
        return reject(c, "the date '%.*s' is not in the facts", at, n);
    c->dated |= m;
    /* a month or a day (not a year, not the period's ends) belongs to
     * events: checked against the companies named, as figures are */
    if (mo && !period && c->ndate < sizeof c->date_of / sizeof *c->date_of)
        c->date_of[c->ndate++] = m;
    return 0;
}

/* Reads " 16", " 16,", " 2026" after a month's name at *p; the year only
 * when 4 digits. */
static void read_day_year(const char **p, const char *end, int *d, int *y)
{
    const char *q = *p;
    *d = *y = 0;
    if (q < end && *q == '.')
        q++;
    if (q + 1 < end && *q == ' ' && str_isdigit((unsigned char)q[1])) {
        const char *r = q + 1;
        int v = 0, nd = 0;
        while (r < end && str_isdigit((unsigned char)*r) && nd < 5)
            v = v * 10 + (*r++ - '0'), nd++;
        if (r < end && word_byte((unsigned char)*r) && !(r + 1 < end && (r[0] == 's' || r[0] == 't' || r[0] == 'n' || r[0] == 'r')))
            return;
        if (nd <= 2 && v >= 1 && v <= 31) {
            *d = v;
            while (r < end && str_isalpha((unsigned char)*r)) /* 16th */
                r++;
            q = r;
            if (q < end && *q == ',')
                q++;
            if (q + 4 < end + 0 && q[0] == ' ' && str_isdigit((unsigned char)q[1]) && str_isdigit((unsigned char)q[2]) &&
                str_isdigit((unsigned char)q[3]) && str_isdigit((unsigned char)q[4]) &&
                (q + 5 >= end || !word_byte((unsigned char)q[5]))) {
                *y = (q[1] - '0') * 1000 + (q[2] - '0') * 100 + (q[3] - '0') * 10 + (q[4] - '0');
                q += 5;
            }
            *p = q;
        } else if (nd == 4) {
            *y = v;
            *p = r;
        }
    }
}

static const struct { const char *w; int v; } num_words[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20}, {"dozen", 12}, {"single", 1}, {"twice", 2}, {"double", 2},
};

/* A figure at *p: checked, *p moved past it. */
static int check_number(chk *c, const char **p, const char *end, double words_value)
{
    const char *start = *p, *q = *p;
    double v, unit = 1;
    int digits = 0;
    if (!isnan(words_value)) {
        v = words_value;
        while (q < end && word_byte((unsigned char)*q))
            q++;
    } else {
        /* ISO date */
        if (end - q >= 10 && str_isdigit((unsigned char)q[0]) && str_isdigit((unsigned char)q[3]) &&
            q[4] == '-' && str_isdigit((unsigned char)q[5]) && q[7] == '-' && str_isdigit((unsigned char)q[8])) {
            int y = 0, mo = 0, d = 0;
            if (sscanf(q, "%4d-%2d-%2d", &y, &mo, &d) == 3) {
                *p = q + 10;
                return date_check(c, y, mo, d, start, 10);
            }
        }
        const char *r = q;
        if (number_read(&r, end, &v) != 0) {
            *p = r > q ? r : q + 1;
            return reject(c, "the figure '%.*s' cannot be read", start, (size_t)(r - start) + 1);
        }
        const char *dot = memchr(q, '.', (size_t)(r - q));
        if (dot)
            for (const char *x = dot + 1; x < r; x++)
                unit /= 10;
        digits = 1;
        q = r;
    }
    /* "16 March 2026" */
    if (digits && v >= 1 && v <= 31 && v == floor(v) && q + 1 < end && *q == ' ') {
        const char *w = q + 1, *we = w;
        while (we < end && str_isalpha((unsigned char)*we))
            we++;
        int mo = month_of(w, (size_t)(we - w));
        if (mo) {
            const char *after = we;
            int d2, y;
            read_day_year(&after, end, &d2, &y);
            if (d2) { /* "16 March 2" is no date; read the month alone */
                y = 0;
                after = we;
            }
            *p = after;
            return date_check(c, y, mo, (int)v, start, (size_t)(after - start));
        }
    }
    double mult = 1;
    const char *r = q;
    int scaled = number_read_scale(&r, end, &mult);
    if (scaled) {
        /* "2 mw" is not million: MW / GW read below */
        if ((mult == 1e6 && r < end && (*r == 'W' || *r == 'w')))
            scaled = 0, mult = 1;
        else
            q = r;
    }
    int pct = 0, mw = 0;
    if (q < end && *q == '%') {
        pct = 1;
        q++;
    } else if (end - q >= 8 && str_ncasecmp(q, " percent", 8) == 0) {
        pct = 1;
        q += 8;
    } else if (end - q >= 9 && str_ncasecmp(q, " per cent", 9) == 0) {
        pct = 1;
        q += 9;
    } else {
        const char *u = q;
        while (u < end && *u == ' ')
            u++;
        if (end - u >= 2 && (memcmp(u, "MW", 2) == 0 || memcmp(u, "GW", 2) == 0) &&
            (u + 2 >= end || !word_byte((unsigned char)u[2]))) {
            mw = u[0] == 'G' ? 1000 : 1;
            q = u + 2;
        } else if (end - u >= 9 && (str_ncasecmp(u, "megawatt", 8) == 0 || str_ncasecmp(u, "gigawatt", 8) == 0)) {
            mw = (u[0] | 32) == 'g' ? 1000 : 1;
            q = u + 8;
            while (q < end && str_isalpha((unsigned char)*q))
                q++;
        }
    }
    *p = q;
    size_t len = (size_t)(q - start);
    if (mw)
        mult = mw; /* "1.2 GW" is 1,200 MW, as the facts have it */
    double w = v * mult, u = unit * mult;
    /* a year ("$2026" is money) */
    if (digits && !scaled && !pct && !mw && v >= 1900 && v <= 2100 && v == floor(v) && unit == 1 &&
        !(start > c->text && start[-1] == '$'))
        return date_check(c, (int)v, 0, 0, start, len);
    const char *cur = pct || mw ? "" : currency_at(c->text, start, q, end);
    uint64_t m = facts_with(c->s, w, u, cur);
    int tot = (!*cur || strcmp(cur, "USD") == 0) && total_with(c->s, w, u); /* the totals are in dollars */
    if (!m && !tot && !pct && !mw && !scaled && !*cur && count_is(c->s, w))
        tot = 1;
    if (!m && !tot && digits && !scaled && !pct && !mw && !*cur && in_text(c->facts, start, (size_t)(q - start)))
        tot = 1; /* written as in the facts ("3 nm", "founded in 2019") */
    if (!m && !tot)
        return reject(c, "the figure '%.*s' is not in the facts", start, len);
    if (tot)
        c->totals = 1;
    if (m && c->nnum < 64)
        c->numbered[c->nnum++] = m;
    return 0;
}

/* The facts naming the organisation spelt by the n bytes at w. */
static uint64_t facts_naming(const narr_section *s, const char *w, size_t n, uint64_t *own)
{
    uint64_t m = 0;
    *own = 0;
    char *name = xstrndup(w, n);
    for (size_t i = 0; i < s->nfacts; i++)
        for (size_t k = 0; k < s->facts[i].norgs; k++)
            if (strcmp(name, s->facts[i].orgs[k]) == 0 || org_same(name, s->facts[i].orgs[k])) {
                m |= (uint64_t)1 << i;
                if (k < s->facts[i].nprincipal)
                    *own |= (uint64_t)1 << i;
            }
    free(name);
    return m;
}

/* A name matched: the facts it names; an investor only (named by no
 * fact as its own company) is remembered, to be checked against the
 * companies the sentence names. */
static void named(chk *c, uint64_t m, uint64_t own, const char *at, size_t n)
{
    if (c->nment < sizeof c->ment / sizeof *c->ment) {
        c->ment[c->nment].at = at;
        c->ment[c->nment].n = n;
        c->ment[c->nment++].m = m;
    } else /* more names than the checks of names together can hold */
        reject(c, "the sentence names %.*s organisations", "too many", 8);
    c->named |= m;
    c->own |= own;
    if (!own && c->ninv < sizeof c->inv / sizeof *c->inv)
        c->inv[c->ninv++] = m;
}

static uint64_t facts_in_country(const narr_section *s, const char *iso)
{
    uint64_t m = 0;
    for (size_t i = 0; i < s->nfacts; i++)
        for (size_t k = 0; k < s->facts[i].ncountries; k++)
            if (strcmp(s->facts[i].countries[k], iso) == 0)
                m |= (uint64_t)1 << i;
    return m;
}

/* One capitalised word (or hyphen part) of a run: a name of the facts, a
 * place of theirs, a word they use, or a word that names nothing. */
static int word_ok(chk *c, const char *w, size_t n)
{
    uint64_t own, m = facts_naming(c->s, w, n, &own);
    if (m) {
        named(c, m, own, w, n);
        return 1;
    }
    const char *iso = place_lookup(w, n);
    if (iso) {
        uint64_t pm = facts_in_country(c->s, iso);
        if (pm || in_text(c->facts, w, n))
            return 1;
        return 0;
    }
    if (in_text(c->facts, w, n) || common_caps(w, n))
        return 1;
    return 0;
}

/* A run of capitalised words at [a, b). */
static int check_run(chk *c, const char *a, const char *b, int first)
{
    /* the sentence's first word may be an ordinary one */
    if (first) {
        const char *e = a;
        while (e < b && *e != ' ')
            e++;
        if (starter_word(a, (size_t)(e - a))) {
            a = e;
            while (a < b && *a == ' ')
                a++;
            if (a >= b)
                return 0;
        }
    }
    size_t n = (size_t)(b - a);
    uint64_t own, m = facts_naming(c->s, a, n, &own);
    if (m) {
        named(c, m, own, a, n);
        return 0;
    }
    const char *iso = place_lookup(a, n);
    if (iso && (facts_in_country(c->s, iso) || in_text(c->facts, a, n)))
        return 0;
    if (in_text(c->facts, a, n))
        return 0;
    /* word by word, each hyphen part that starts with a capital */
    for (const char *p = a; p < b;) {
        while (p < b && *p == ' ')
            p++;
        const char *e = p;
        while (e < b && *e != ' ')
            e++;
        if (e > p && !word_ok(c, p, (size_t)(e - p))) {
            int ok = memchr(p, '-', (size_t)(e - p)) != NULL;
            for (const char *h = p; ok && h < e;) {
                const char *he = h;
                while (he < e && *he != '-')
                    he++;
                if (he > h && str_isupper((unsigned char)*h) && !word_ok(c, h, (size_t)(he - h)))
                    ok = 0;
                h = he + 1;
            }
            if (!ok)
                return reject(c, "the name '%.*s' is not in the facts", a, n);
        }
        p = e;
    }
    return 0;
}

static int connector(const char *w, size_t n)
{
    return (n == 1 && *w == '&') || (n == 2 && memcmp(w, "of", 2) == 0) ||
           (n == 2 && memcmp(w, "de", 2) == 0);
}

/* Markup and citation marks out: "**Nscale**" -> "Nscale", "<b>x</b>" -> "x",
 * "[1]" -> "". */
static char *clean_prose(const char *s)
{
    buf_t b;
    buf_init(&b, 0);
    for (const char *p = s; *p; p++) {
        /* a reasoning model's "<think>...</think>" is not the answer */
        if (*p == '<' && str_ncasecmp(p, "<think>", 7) == 0) {
            const char *close = str_icasestr(p, strlen(p), "</think>");
            if (!close)
                break;
            p = close + 7;
            continue;
        }
        if (*p == '*' || *p == '_' || *p == '`' || *p == '#')
            continue;
        if (*p == '<') { /* a tag: "<b>", "</p>" */
            const char *q = p + 1;
            while (*q && *q != '<' && *q != '>' && q - p < 64)
                q++;
            if (*q == '>' && (str_isalpha((unsigned char)p[1]) || p[1] == '/')) {
                p = q;
                continue;
            }
        }
        if (*p == '[') {
            const char *q = p + 1;
            while (*q && (str_isdigit((unsigned char)*q) || *q == ',' || *q == ' ' || *q == '-' || *q == 'F'))
                q++;
            if (*q == ']') {
                while (b.len && b.data[b.len - 1] == ' ')
                    b.len--;
                p = q;
                continue;
            }
        }
        if (*p == '\n' || *p == '\t' || *p == '\r') {
            buf_putc(&b, ' ');
            continue;
        }
        /* typographic dashes and quotes as ASCII ("Nscale’s" is "Nscale's") */
        if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) {
            buf_puts(&b, (unsigned char)p[2] == 0x93 ? "-" : " - ");
            p += 2;
            continue;
        }
        if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
            (unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9d) {
            buf_putc(&b, (unsigned char)p[2] <= 0x9b ? '\'' : '"');
            p += 2;
            continue;
        }
        /* Unicode spaces are spaces ("$3\u00a0billion" is $3 billion, not 3) */
        if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0) {
            buf_putc(&b, ' ');
            p++;
            continue;
        }
        if ((unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0xaf || ((unsigned char)p[2] >= 0x80 && (unsigned char)p[2] <= 0x8a))) {
            buf_putc(&b, ' ');
            p += 2;
            continue;
        }
        buf_putc(&b, *p);
    }
    buf_putc(&b, 0);
    b.len--;
    return buf_detach(&b);
}

static int int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The length of the currency sign at p (UTF-8 "€", "£", "¥", "₹"), else 0:
 * not a letter of a word, or the figure after it would go unread. */
static size_t currency_sign(const char *p, const char *end)
{
    static const char *const signs[] = {"\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "\xe2\x82\xb9"};
    for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
        size_t n = strlen(signs[i]);
        if ((size_t)(end - p) >= n && memcmp(p, signs[i], n) == 0)
            return n;
    }
    return 0;
}

/* ---- organisations named together ----
 *
 * A sentence may name the organisations of several facts, as a list ("Nscale
 * raised $2 billion and Mistral AI EUR85 million") but not as a relation the
 * facts do not state ("Nscale is buying Mistral AI", "Mistral AI was backed
 * by Nscale", "Nscale and Mistral AI agreed to merge"). When no one fact
 * names them all: two named one after the other with no fact in common are
 * kept apart by a list's joint (a comma, "and", "while", ...), and each word
 * of a relation (buying, backed, merge, owns, partner, ...) stands between
 * organisations of one fact (or has two of one fact on its one side). */

/* 1 when the lower-case word is a list's joint. */
static int joint_word(const char *w, size_t n)
{
    static const char *const j[] = {"and", "or", "nor", "while", "whereas", "than", "versus", "vs",
                                    "plus", "followed", "ahead", "behind", "compared", "whilst"};
    for (size_t i = 0; i < sizeof j / sizeof *j; i++)
        if (strlen(j[i]) == n && str_ncasecmp(w, j[i], n) == 0)
            return 1;
    return 0;
}

/* 1 when the word (at w, n bytes, next: the word after it or NULL) states
 * a relation between organisations. */
static int relation_word(const char *w, size_t n, const char *next, size_t nn)
{
    static const char *const stems[] = {"acquir", "purchas", "merg", "takeover", "partner", "collaborat",
                                        "subsidiar", "spin-off", "spinoff", "joint"};
    static const char *const words[] = {
        "buy", "buys", "buying", "bought", "bid", "bids", "owns", "owned", "owner", "owning", "sold", "sell",
        "sells", "selling", "backed", "backs", "backing", "backer", "backers", "funded", "financed",
        "financing", "invested", "invests", "investing", "investor", "led", "leads", "leading", "spun",
        "unit", "parent", "stake", "stakes", "together", "teamed", "allied", "alliance", "ally",
        "supplier", "supplies", "supplied", "supply", "supplying", "customer", "customers", "client",
        "clients", "rival", "rivals", "between"};
    static const char *const take[] = {"take", "takes", "took", "taking", "taken"};
    for (size_t i = 0; i < sizeof stems / sizeof *stems; i++) {
        size_t l = strlen(stems[i]);
        if (n >= l && str_ncasecmp(w, stems[i], l) == 0)
            return 1;
    }
    /* "take over" is one; "takes the lead" is none */
    for (size_t i = 0; i < sizeof take / sizeof *take; i++)
        if (strlen(take[i]) == n && str_ncasecmp(w, take[i], n) == 0)
            return next && nn == 4 && str_ncasecmp(next, "over", 4) == 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        if (strlen(words[i]) != n || str_ncasecmp(w, words[i], n) != 0)
            continue;
        /* "led the section", "leading with $2 billion": a ranking */
        if (*w == 'l' && next &&
            ((nn == 3 && str_ncasecmp(next, "the", 3) == 0) || (nn == 4 && str_ncasecmp(next, "with", 4) == 0) ||
             (nn == 3 && str_ncasecmp(next, "all", 3) == 0)))
            return 0;
        return 1;
    }
    return 0;
}

/* The next word of [p, end) (letters, digits, '-'): its start, or NULL. */
static const char *next_word(const char *p, const char *end, size_t *n)
{
    while (p < end && !str_isalpha((unsigned char)*p))
        p++;
    if (p >= end)
        return NULL;
    const char *w = p;
    while (p < end && (str_isalnum((unsigned char)*p) || *p == '-'))
        p++;
    *n = (size_t)(p - w);
    return w;
}

/* 1 when [p, e), between two names, only lists them: " and ", ", ",
 * " or " (", and " may open a clause: not a list here). */
static int list_joint(const char *p, const char *e)
{
    size_t n = (size_t)(e - p);
    return (n == 5 && memcmp(p, " and ", 5) == 0) || (n == 2 && memcmp(p, ", ", 2) == 0) ||
           (n == 4 && memcmp(p, " or ", 4) == 0) || (n == 3 && memcmp(p, " & ", 3) == 0);
}

static int reject_pair(chk *c, const char *a, size_t an, const char *b, size_t bn, const char *how)
{
    if (!c->bad)
        buf_printf(&c->why, "the companies '%.*s' and '%.*s' %s", (int)an, a, (int)bn, b, how);
    c->bad = 1;
    return -1;
}

static int check_links(chk *c, const char *s, size_t n)
{
    if (c->nment < 2)
        return 0;
    uint64_t all = ~(uint64_t)0;
    for (size_t k = 0; k < c->nment; k++)
        all &= c->ment[k].m;
    if (all)
        return 0; /* one fact names them all: its relation */
    for (size_t k = 0; k + 1 < c->nment; k++) {
        if (c->ment[k].m & c->ment[k + 1].m)
            continue;
        const char *p = c->ment[k].at + c->ment[k].n, *e = c->ment[k + 1].at;
        int apart = 0;
        for (const char *q = p; q < e && !apart; q++)
            apart = *q == ',' || *q == ';';
        size_t wn;
        for (const char *w = next_word(p, e, &wn); w && !apart; w = next_word(w + wn, e, &wn))
            apart = joint_word(w, wn);
        if (!apart)
            return reject_pair(c, c->ment[k].at, c->ment[k].n, c->ment[k + 1].at, c->ment[k + 1].n,
                               "are tied together, but no fact names both");
    }
    const char *end = s + n;
    size_t wn, nn = 0;
    for (const char *w = next_word(s, end, &wn); w; w = next_word(w + wn, end, &wn)) {
        const char *nx = next_word(w + wn, end, &nn);
        if (!relation_word(w, wn, nx, nx ? nn : 0))
            continue;
        /* the organisations on either side of it, or the two nearest on its one side */
        size_t before = 0, after = c->nment;
        for (size_t k = 0; k < c->nment; k++) {
            if (c->ment[k].at + c->ment[k].n <= w)
                before = k + 1;
            if (c->ment[k].at >= w + wn && after == c->nment)
                after = k;
        }
        /* each side: the nearest and the list it is in ("Aker backed
         * Nscale and Quarkpoint": both) */
        size_t l0 = before, r1 = after;
        if (before) {
            l0 = before - 1;
            while (l0 >= 1 && list_joint(c->ment[l0 - 1].at + c->ment[l0 - 1].n, c->ment[l0].at))
                l0--;
        }
        if (after < c->nment)
            while (r1 + 1 < c->nment && list_joint(c->ment[r1].at + c->ment[r1].n, c->ment[r1 + 1].at))
                r1++;
        size_t x0, x1, y0, y1; /* the pairs [x0, x1] x [y0, y1], x < y */
        if (before && after < c->nment)
            x0 = l0, x1 = before - 1, y0 = after, y1 = r1;
        else if (before >= 2)
            x0 = l0 < before - 2 ? l0 : before - 2, x1 = before - 1, y0 = x0, y1 = before - 1;
        else if (after + 1 < c->nment)
            x0 = after, y1 = r1 > after + 1 ? r1 : after + 1, x1 = y1, y0 = after;
        else
            continue;
        for (size_t x = x0; x <= x1; x++)
            for (size_t y = y0 > x ? y0 : x + 1; y <= y1; y++) {
                if (c->ment[x].m & c->ment[y].m)
                    continue;
                char how[96];
                snprintf(how, sizeof how, "are tied by '%.*s', but no fact names both", (int)(wn < 40 ? wn : 40), w);
                return reject_pair(c, c->ment[x].at, c->ment[x].n, c->ment[y].at, c->ment[y].n, how);
            }
    }
    return 0;
}

/* Checks one sentence; 0 when kept (its cites in *cites), -1 when dropped. */
static int check_sentence(chk *c, const char *s, size_t n)
{
    const char *end = s + n;
    int first = 1;
    for (const char *p = s; p < end && !c->bad;) {
        unsigned char ch = (unsigned char)*p;
        size_t cur = currency_sign(p, end);
        if (cur) { /* "€85 million": the figure after it is read as any other */
            p += cur;
            continue;
        }
        if (str_isdigit(ch)) {
            if (p > s && str_isalnum((unsigned char)p[-1])) { /* "A100", "Q1": the word's */
                while (p < end && word_byte((unsigned char)*p))
                    p++;
                continue;
            }
            check_number(c, &p, end, NAN);
            first = 0;
            continue;
        }
        if (!word_byte(ch)) {
            p++;
            continue;
        }
        const char *w = p;
        while (p < end && (word_byte((unsigned char)*p) || ((*p == '-' || *p == '.' || *p == '\'' || *p == '&') &&
                                                          p + 1 < end && word_byte((unsigned char)p[1]))))
            p++;
        size_t wl = (size_t)(p - w);
        if (!str_isalpha((unsigned char)*w)) { /* a figure inside a word that opens with another sign */
            for (const char *q = w; q < p; q++)
                if (str_isdigit((unsigned char)*q)) {
                    reject(c, "the figure in '%.*s' cannot be read", w, wl);
                    break;
                }
        }
        int possessive = 0; /* "Nscale's": the name ends there */
        if (wl >= 2 && w[wl - 2] == '\'' && w[wl - 1] == 's')
            wl -= 2, possessive = 1;
        if (wl >= 4 && memcmp(w + wl - 4, "\xe2\x80\x99s", 4) == 0)
            wl -= 4, possessive = 1;
        /* numbers in words */
        int numw = 0;
        for (size_t i = 0; i < sizeof num_words / sizeof *num_words; i++)
            if (strlen(num_words[i].w) == wl && str_ncasecmp(w, num_words[i].w, wl) == 0) {
                const char *q = w;
                double dummy;
                const char *r = w + wl;
                int scaled = number_read_scale(&r, end, &dummy);
                if (num_words[i].v == 1 && !scaled)
                    break; /* "one of", "a single": no count */
                check_number(c, &q, end, num_words[i].v);
                p = q;
                numw = 1;
                break;
            }
        if (numw) {
            first = 0;
            continue;
        }
        /* numbers in words this reader does not add up ("thirty",
         * "twenty-five", "a billion", "two hundred"): unchecked, so the
         * sentence goes */
        {
            static const char *const unread[] = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                                 "ninety", "hundred", "hundreds", "thousand", "million",
                                                 "billion", "trillion", "half", "quarter", "triple", "tripled",
                                                 "doubled", "thrice"};
            size_t hl = wl;
            const char *hy = memchr(w, '-', wl);
            for (int pass = 0; pass < 2; pass++) {
                size_t l = pass ? (hy ? (size_t)(hy - w) : 0) : hl;
                if (!l)
                    continue;
                for (size_t i = 0; i < sizeof unread / sizeof *unread; i++)
                    if (strlen(unread[i]) == l && str_ncasecmp(w, unread[i], l) == 0)
                        reject(c, "the number in words '%.*s' is not checked", w, wl);
                for (size_t i = 0; pass && i < sizeof num_words / sizeof *num_words; i++)
                    if (strlen(num_words[i].w) == l && str_ncasecmp(w, num_words[i].w, l) == 0)
                        reject(c, "the number in words '%.*s' is not checked", w, wl);
            }
        }
        int mo = month_of(w, wl);
        if (mo && str_isupper((unsigned char)*w) && !(wl == 3 && memcmp(w, "May", 3) == 0 && first)) {
            int d, y;
            const char *q = w + wl;
            read_day_year(&q, end, &d, &y);
            date_check(c, y, mo, d, w, (size_t)(q - w));
            p = q;
            first = 0;
            continue;
        }
        if (wl == 2 && memcmp(w, "US", 2) == 0 && p < end && *p == '$') { /* US$ */
            first = 0;
            continue;
        }
        if (!str_isupper((unsigned char)*w) && !str_isdigit((unsigned char)*w)) {
            /* a name need not open with an ASCII capital: "xAI", "eBay",
             * "Ørsted" are checked as names too */
            int name = (unsigned char)*w >= 0x80;
            for (size_t i = 1; i < wl && !name; i++)
                name = str_isupper((unsigned char)w[i]);
            if (name)
                check_run(c, w, w + wl, 0);
            first = 0;
            continue;
        }
        /* a run of capitalised words */
        const char *run_end = w + wl;
        while (!possessive) {
            const char *q = p;
            if (q < end && *q == ' ')
                q++;
            else
                break;
            const char *we = q;
            while (we < end && (word_byte((unsigned char)*we) || ((*we == '-' || *we == '.' || *we == '\'' || *we == '&') &&
                                                                 we + 1 < end && word_byte((unsigned char)we[1]))))
                we++;
            if (we == q && q < end && *q == '&')
                we = q + 1;
            size_t ql = (size_t)(we - q);
            if (ql && connector(q, ql)) {
                /* only when a capital follows */
                const char *z = we;
                if (z < end && *z == ' ' && z + 1 < end && str_isupper((unsigned char)z[1])) {
                    p = we;
                    continue;
                }
                break;
            }
            if (!ql || !str_isupper((unsigned char)*q) || month_of(q, ql))
                break;
            p = we;
            run_end = we;
            if (ql >= 2 && we[-2] == '\'' && we[-1] == 's') {
                run_end = we - 2;
                break;
            }
        }
        check_run(c, w, run_end, first);
        first = 0;
    }
    if (!c->bad)
        check_links(c, s, n);
    return c->bad ? -1 : 0;
}

size_t narr_check(narr_section *s, const char *prose)
{
    for (size_t i = 0; i < s->nout; i++) {
        free(s->out[i].text);
        free(s->out[i].cites);
    }
    free(s->out);
    s->out = NULL;
    s->nout = 0;
    s->dropped = 0;
    free(s->first_drop);
    s->first_drop = NULL;
    char *facts = facts_text(s, 0);
    char *text = clean_prose(prose ? prose : "");
    size_t n = strlen(text), pos = 0, st, len;
    while (sentence_next(text, n, &pos, &st, &len)) {
        if (s->nout >= 12)
            break;
        chk c = {.s = s, .facts = facts, .text = text};
        buf_init(&c.why, 0);
        const char *sent = text + st;
        if (len > 800)
            reject(&c, "a sentence of %.*s bytes is too long", "over 800", 8);
        else
            check_sentence(&c, sent, len);
        /* the facts it uses: those it names; a figure of another fact
         * than the ones named is a figure put on the wrong company */
        uint64_t used = c.named ? c.named : c.dated;
        for (size_t k = 0; !c.bad && c.named && k < c.ndate; k++)
            if (!(c.date_of[k] & c.named))
                reject(&c, "a date is not %.*s of the companies named", "one", 3);
        for (size_t k = 0; !c.bad && k < c.nnum; k++) {
            if (c.named && !(c.numbered[k] & c.named))
                reject(&c, "a figure is not %.*s of the companies named", "one", 3);
            used |= c.named ? c.numbered[k] & c.named : c.numbered[k];
        }
        /* an investor named beside companies it did not back: "Aker led
         * Mistral AI's round" when Aker backed Nscale */
        for (size_t k = 0; !c.bad && c.own && k < c.ninv; k++)
            if (!(c.inv[k] & c.own))
                reject(&c, "an investor is named beside %.*s companies it did not back", "the", 3);
        if (!c.bad && !used && !c.totals)
            reject(&c, "the sentence states %.*s of the facts", "none", 4);
        if (c.bad) {
            s->dropped++;
            if (!s->first_drop) {
                buf_t b;
                buf_init(&b, 0);
                buf_printf(&b, "%s", buf_str(&c.why));
                s->first_drop = buf_detach(&b);
            }
            buf_free(&c.why);
            continue;
        }
        buf_free(&c.why);
        narr_sentence *o;
        s->out = xrealloc(s->out, (s->nout + 1) * sizeof *s->out);
        o = &s->out[s->nout++];
        buf_t b;
        buf_init(&b, 0);
        buf_append(&b, sent, len);
        if (len && !strchr(".!?", sent[len - 1]))
            buf_putc(&b, '.');
        o->text = buf_detach(&b);
        o->cites = NULL;
        o->ncites = 0;
        size_t cap = 0;
        for (size_t i = 0; i < s->nfacts; i++) {
            if (!(used >> i & 1))
                continue;
            cap += s->facts[i].ncites;
        }
        if (cap) {
            o->cites = xcalloc(cap, sizeof *o->cites);
            for (size_t i = 0; i < s->nfacts; i++)
                if (used >> i & 1)
                    for (size_t k = 0; k < s->facts[i].ncites; k++)
                        o->cites[o->ncites++] = s->facts[i].cites[k];
            qsort(o->cites, o->ncites, sizeof *o->cites, int_cmp);
            size_t u = 0;
            for (size_t k = 0; k < o->ncites; k++)
                if (!u || o->cites[u - 1] != o->cites[k])
                    o->cites[u++] = o->cites[k];
            o->ncites = u;
        }
    }
    free(text);
    free(facts);
    return s->nout;
}

/* ---- asking the model ---- */

/* 1 when url's host is this machine spelt as a literal or "localhost". */
static int loopback_url(const char *url)
{
    const char *h = strstr(url, "://");
    if (!h)
        return 0;
    h += 3;
    size_t n = strcspn(h, "/?#");
    char host[256];
    if (n >= sizeof host)
        return 0;
    memcpy(host, h, n);
    host[n] = 0;
    char *e = host[0] == '[' ? strchr(host, ']') : strrchr(host, ':');
    if (host[0] == '[') {
        if (!e)
            return 0;
        *e = 0;
        return strcmp(host + 1, "::1") == 0;
    }
    if (e)
        *e = 0;
    if (str_casecmp(host, "localhost") == 0)
        return 1;
    unsigned a, b, c, d;
    char rest;
    return sscanf(host, "%u.%u.%u.%u%c", &a, &b, &c, &d, &rest) == 4 && a == 127 && b < 256 && c < 256 && d < 256;
}

int narr_opts_check(const narr_opts *o, char *why, size_t whylen)
{
    char reason[256];
    if (!o->endpoint || !*o->endpoint) {
        snprintf(why, whylen, "no endpoint");
        return -1;
    }
    /* allow_private: the endpoint comes from the user (the command line or
     * the tracker file they added), never from the API, MCP or a fetched
     * page, and a model on this machine or the local network is the usual
     * case; the syntax checks (http(s), no user or password) still apply */
    if (netguard_url_check(o->endpoint, 1, reason, sizeof reason) < 0) {
        snprintf(why, whylen, "'%s': %s", o->endpoint, strcmp(reason, "a source is an http(s) URL") == 0 ? "the endpoint is an http(s) URL" : reason);
        return -1;
    }
    if (o->key && *o->key && !str_istarts(o->endpoint, "https://") && !loopback_url(o->endpoint)) {
        snprintf(why, whylen, "'%s': the key in $MTRACK_LLM_KEY is sent only over https or to this machine", o->endpoint);
        return -1;
    }
    if (o->timeout_s < 0 || o->timeout_s > NARR_TIMEOUT_MAX) {
        snprintf(why, whylen, "a timeout from 1 to %d seconds is needed", NARR_TIMEOUT_MAX);
        return -1;
    }
    return 0;
}

static const char system_prompt[] =
    "You write one paragraph of a market-tracker page from the numbered facts you are given. "
    "Use only those facts: every company, investor, product, figure, place and date you write must be "
    "in them, spelt as they are. Add no reasons, forecasts, opinions or background. Write two to four "
    "plain sentences: no lists, no headings, no markup, no citation marks.";

static char *request_body(const narr_opts *o, const narr_section *s)
{
    char *facts = narr_facts_text(s);
    buf_t u;
    buf_init(&u, 0);
    buf_printf(&u, "%s\n%s", strcmp(s->key, NARR_INTRO) == 0
                                 ? "Write the page's introduction: the period's biggest movements across its themes."
                                 : "Write the paragraph that opens this theme: how many events, how much money, the largest, where and who.",
               facts);
    free(facts);
    json_t *req = json_object();
    if (o->model && *o->model)
        json_object_set_new(req, "model", json_string(o->model));
    json_t *msgs = json_array();
    json_t *m1 = json_object();
    json_object_set_new(m1, "role", json_string("system"));
    json_object_set_new(m1, "content", json_string(system_prompt));
    json_array_append_new(msgs, m1);
    json_t *m2 = json_object();
    json_object_set_new(m2, "role", json_string("user"));
    json_object_set_new(m2, "content", json_stringn(u.data ? u.data : "", u.len));
    json_array_append_new(msgs, m2);
    json_object_set_new(req, "messages", msgs);
    json_object_set_new(req, "temperature", json_real(0.2));
    json_object_set_new(req, "stream", json_false());
    buf_free(&u);
    char *body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    return body;
}

static void set_error(narr_section *s, const char *fmt, const char *what)
{
    free(s->error);
    buf_t b;
    buf_init(&b, 0);
    buf_printf(&b, fmt, what);
    s->error = buf_detach(&b);
}

static void on_answer(void *user, const fetch_result *r, void *req)
{
    (void)user;
    narr_section *s = req;
    if (r->status != FETCH_OK) {
        set_error(s, "%s", r->error ? r->error : "the request failed");
        return;
    }
    json_error_t err;
    json_t *root = json_loadb(r->body, r->len, 0, &err);
    const char *content = NULL;
    json_t *choices = root ? json_object_get(root, "choices") : NULL;
    json_t *c0 = json_is_array(choices) ? json_array_get(choices, 0) : NULL;
    json_t *msg = c0 ? json_object_get(c0, "message") : NULL;
    json_t *ct = msg ? json_object_get(msg, "content") : NULL;
    if (json_is_string(ct))
        content = json_string_value(ct);
    if (!root) {
        set_error(s, "the answer is not JSON (%s)", err.text);
    } else if (!content) {
        set_error(s, "%s", "the answer is not a chat completion (no choices[0].message.content)");
    } else {
        int blank = 1;
        for (const char *p = content; *p && blank; p++)
            blank = str_isspace((unsigned char)*p);
        if (blank) {
            set_error(s, "%s", "the answer is empty");
        } else if (narr_check(s, content) == 0) {
            buf_t b;
            buf_init(&b, 0);
            buf_printf(&b, "every sentence was dropped (%zu; the first: %s)", s->dropped,
                       s->first_drop ? s->first_drop : "?");
            free(s->error);
            s->error = buf_detach(&b);
        } else {
            s->from_model = 1;
            free(s->error);
            s->error = NULL;
        }
    }
    json_decref(root);
}

int narr_run(const narr_opts *o, narr_section **secs, size_t n, char *why, size_t whylen)
{
    if (narr_opts_check(o, why, whylen) < 0)
        return -1;
    fetch_opts fo = {0};
    fo.timeout_s = o->timeout_s > 0 ? o->timeout_s : NARR_TIMEOUT_DEFAULT;
    fo.connect_timeout_s = fo.timeout_s < 10 ? fo.timeout_s : 10;
    fo.max_bytes = (size_t)1 << 20;
    fo.max_active = 4;
    fo.max_per_host = 2;
    fo.host_delay_ms = -1;
    fo.retries = -1;
    fo.ignore_robots = true;
    fetch_t *f = fetch_new(&fo, on_answer, NULL);
    if (!f) {
        snprintf(why, whylen, "libcurl cannot start");
        return -1;
    }
    buf_t url, auth;
    buf_init(&url, 0);
    buf_init(&auth, 0);
    buf_puts(&url, o->endpoint);
    while (url.len && url.data[url.len - 1] == '/')
        url.len--;
    buf_puts(&url, "/chat/completions");
    if (o->key && *o->key)
        buf_printf(&auth, "Authorization: Bearer %s", o->key);
    const char *headers[] = {"Content-Type: application/json", "Accept: application/json", "Expect:",
                             auth.len ? buf_str(&auth) : NULL, NULL};
    for (size_t i = 0; i < n; i++) {
        char *body = request_body(o, secs[i]);
        set_error(secs[i], "%s", "no answer");
        fetch_add_post(f, buf_str(&url), body, strlen(body), headers, FETCH_NO_REDIRECT, secs[i]);
        free(body);
    }
    int rc = fetch_run(f);
    fetch_free(f);
    buf_free(&url);
    buf_free(&auth);
    for (size_t i = 0; i < n; i++) {
        narr_section *s = secs[i];
        const char *what = strcmp(s->key, NARR_INTRO) == 0 ? "the introduction" : s->key;
        if (s->from_model)
            fprintf(stderr, "report: narrative: %s: the model's (%zu sentence%s kept, %zu dropped%s%s)\n", what,
                    s->nout, s->nout == 1 ? "" : "s", s->dropped, s->first_drop ? ": " : "",
                    s->first_drop ? s->first_drop : "");
        else
            fprintf(stderr, "report: narrative: %s: the template's (%s)\n", what, s->error ? s->error : "?");
    }
    if (rc < 0) {
        snprintf(why, whylen, "the transfer engine failed");
        return -1;
    }
    return 0;
}
