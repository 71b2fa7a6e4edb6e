/* funding: funding rounds: company, amount, round, valuation, investors,
 * country; history, totals and revenue told apart from news. */
#include "analyze/funding.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/investor.h"
#include "analyze/money.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/round.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const strong_verbs[] = {
    "raised", "raises", "raise", "raising", "raked in", "rakes in", "pulled in", "pulls in",
    "hauled in", "hauls in", "brought in", "brings in", "closes", "closed", "closing",
};

static const char *const weak_verbs[] = {
    "secured", "secures", "secure", "securing", "landed", "lands", "bagged", "bags",
    "netted", "nets", "attracted", "attracts", "received", "receives", "gets", "got", "snagged",
    "snags", "scored", "scores", "picked up", "picks up", "collected", "collects", "obtained",
    "drew", "draws", "grabbed", "grabs", "wins", "won", "completed", "completes", "announced",
    "announces", "fetched", "fetches", "nabbed", "nabs", "pocketed", "pockets", "sealed",
    "seals", "finalized", "finalised", "finalizes", "unveiled", "unveils", "lands", "taps",
    "priced", "prices", "emerges from stealth with", "emerged from stealth with",
    "exits stealth with", "came out of stealth with", "comes out of stealth with",
    "launches with", "launched with", "debuts with", "emerges with", "emerged with",
    "scoops", "scooped", "snares", "snared", "inks", "inked", "clinches", "clinched",
    "tapped", "gains", "gained", "banks", "banked", "books", "booked", "receive", "get",
    "confirmed", "confirms", "revealed", "reveals", "added", "adds", "expanded", "extends",
    "extended", "emerged", "securing", "landing", "bagging", "netting", "receiving", "getting",
    "collecting", "obtaining", "grabbing", "picking up", "snagging", "pocketing", "nabbing",
    "banking", "scoring", "attracting", "drawing", "adding", "procured", "procures", "procuring",
};

static const char *const invest_verbs[] = {
    "invested", "invests", "invest", "investing", "led", "backs", "backed", "injected",
    "injects", "poured", "pours", "pumped", "pumps", "committed", "commits", "commit",
    "joined", "join", "joins", "participated", "co-led", "leading", "co-leading", "leads",
    "co-leads", "spearheaded", "spearheads", "spearheading",
};

/* "led"/"leading" invest only when their object is a round: "led a $40
 * million round", "is leading the Series B", not "led the pack with a $500
 * million round" or "led this segment with ...". */
static bool lead_takes_round(const char *lc, size_t n, const char *verb, size_t after)
{
    if (!strstr(verb, "lead") && !strstr(verb, "led") && !strstr(verb, "spearhead"))
        return true;
    size_t hi = after + 60 < n ? after + 60 : n;
    static const char *const stop[] = {"with", "by", ",", "as", "in", "for"};
    size_t cut = scan_any(lc, hi, after, stop, COUNT(stop), NULL);
    if (cut != SCAN_NONE)
        hi = cut;
    const char *c = memchr(lc + after, ',', hi > after ? hi - after : 0);
    if (c)
        hi = (size_t)(c - lc);
    static const char *const rn[] = {"round", "series", "seed", "funding", "financing", "investment",
                                     "raise", "fundraise", "fundraising", "pre-seed", "tranche"};
    return scan_any(lc, hi, after, rn, COUNT(rn), NULL) != SCAN_NONE;
}

/* The verb-like word at lc[at] is a noun: after a determiner ("its
 * backs", "the leads") or in a prepositional phrase's noun compound ("for
 * heat pumps", "of industrial commits"). */
static bool noun_use(const char *lc, size_t at)
{
    size_t e = at;
    while (e > 0 && lc[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && str_isalpha((unsigned char)lc[b - 1]))
        b--;
    static const char *const det[] = {"the", "a", "an", "its", "their", "his", "her", "our", "for", "of",
                                      "with", "on", "these", "those", "such"};
    for (size_t k = 0; k < COUNT(det); k++)
        if (e - b == strlen(det[k]) && memcmp(lc + b, det[k], e - b) == 0)
            return strcmp(det[k], "for") != 0 && strcmp(det[k], "of") != 0 && strcmp(det[k], "with") != 0 &&
                   strcmp(det[k], "on") != 0;
    /* one word before: is the word before it a preposition? */
    size_t e2 = b;
    while (e2 > 0 && lc[e2 - 1] == ' ')
        e2--;
    size_t b2 = e2;
    while (b2 > 0 && str_isalpha((unsigned char)lc[b2 - 1]))
        b2--;
    static const char *const prep[] = {"for", "of", "with", "in", "on", "from", "to", "and"};
    if (b == e)
        return false;
    for (size_t k = 0; k < COUNT(prep); k++)
        if (e2 - b2 == strlen(prep[k]) && memcmp(lc + b2, prep[k], e2 - b2) == 0)
            return true;
    return false;
}

/* The word at lc[at] follows a number, a quantifier or a determiner: a
 * noun ("four banks", "the lands"), not a verb. */
static bool counted(const char *lc, size_t at)
{
    size_t e = at;
    while (e > 0 && lc[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && (str_isalnum((unsigned char)lc[b - 1]) || lc[b - 1] == ','))
        b--;
    if (b == e)
        return false;
    if (str_isdigit((unsigned char)lc[b]))
        return true;
    static const char *const q[] = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                                    "several", "many", "some", "all", "other", "both", "few", "multiple",
                                    "the", "its", "their", "these", "those"};
    for (size_t k = 0; k < COUNT(q); k++)
        if (e - b == strlen(q[k]) && memcmp(lc + b, q[k], e - b) == 0)
            return true;
    return false;
}

/* Weak verbs that need no funding noun when an amount follows at once. */
static const char *const direct_verbs[] = {
    "secured", "secures", "secure", "landed", "lands", "bagged", "bags", "netted", "nets",
    "snagged", "snags", "attracted", "attracts", "received", "receives", "gets", "got",
    "collected", "obtained", "grabbed", "grabs", "pocketed", "pockets", "nabbed", "nabs",
    "banked", "banks", "scored", "scores", "picked up", "picks up", "fetched", "wins", "won",
    "securing", "landing", "bagging", "netting", "receiving", "getting", "collecting", "obtaining",
    "grabbing", "picking up", "snagging", "pocketing", "nabbing", "banking", "scoring", "procured",
    "procures",
};

static const char *const in_into[] = {"in", "into"};

static bool in_words(const char *w, const char *const *list, size_t cnt)
{
    for (size_t k = 0; k < cnt; k++)
        if (strcmp(w, list[k]) == 0)
            return true;
    return false;
}

static const char *const funding_nouns[] = {
    "funding", "financing", "round", "series", "seed", "pre-seed", "investment", "capital",
    "backing", "venture", "raise", "fundraise", "fundraising", "equity", "led by", "investors",
    "financing round", "funding round", "grant", "debt", "ipo", "initial public offering",
    "valuation", "investment round", "cash injection", "war chest", "backers", "notes",
    "convertible", "loan", "credit facility", "award", "stealth", "investor", "subsidies",
    "subsidy", "state aid", "aid", "grants", "injection", "infusion", "allotment", "capital increase",
};

/* Words that make an amount a purchase price, not a round. */
static const char *const deal_words[] = {
    "acquisition", "acquire", "acquires", "acquired", "purchase", "buy", "buys", "bought",
    "takeover", "buyout", "merger", "deal to buy", "to sell", "sale of", "sells", "sold",
};
static const char *const round_nouns[] = {
    "round", "series", "seed", "funding", "financing", "pre-seed", "fundraise", "fundraising",
};

static const char *const not_done[] = {
    "plans to", "planning to", "seeks to", "seeking to", "looking to", "aims to", "aiming to",
    "hopes to", "hoping to", "in talks", "in discussions", "is targeting", "targeting",
    "would raise", "could raise", "may raise", "might raise", "considering", "weighs", "weighing",
    "exploring", "mulls", "mulling", "intends to", "is said to be", "rumored", "rumoured",
    "is set to raise", "in early talks", "in advanced talks", "will seek", "wants to",
    "is raising", "are raising", "is looking to", "is seeking", "denied", "denies", "deny",
    "if it", "would value", "would be valued", "potential", "possible", "proposed", "prospective",
    "set to receive", "is set to get", "expected to receive", "due to receive", "poised to raise",
};

static bool conversion(const scan_sent *st, size_t i);
static int series_rank(const char *r);
static bool bad_company(const char *name);
static size_t clause_end(const char *s, size_t n, size_t b);

/* Where the first candidate amount starts. */
static size_t cand_start(const scan_sent *st, const int *cand, size_t nc)
{
    return nc ? st->money[cand[0]].start : SCAN_NONE;
}

/* "Acme shot to fame in 2013 when it raised ...": the pronoun of a
 * subordinate clause before limit is the main clause's subject, a name at
 * the sentence's start. NULL when the sentence is not so. Caller frees. */
static char *subordinate_subject(const scan_doc *d, const scan_sent *st, size_t limit)
{
    static const char *const subord[] = {"when it", "after it", "as it", "because it", "since it",
                                         "while it", "before it", "once it", "until it"};
    if (limit == SCAN_NONE || limit > st->n || !str_isupper((unsigned char)st->s[0]) ||
        str_starts(st->lc, "it ") || str_starts(st->lc, "its "))
        return NULL;
    size_t sk = 0, sa = scan_any(st->lc, limit, 0, subord, COUNT(subord), &sk);
    if (sa == SCAN_NONE)
        return NULL;
    size_t nb, nl = org_name_after(st->s, sa, 0, &nb);
    char *name = nl && nb < 40 ? org_clean(st->s + nb, nl) : NULL;
    if (!name || bad_company(name) || place_lookup(name, strlen(name))) {
        free(name);
        return NULL;
    }
    scan_note(d, st, "funding: the pronoun of '%s' is the main clause's %s", subord[sk], name);
    return name;
}

static money_role role_compute(const scan_doc *d, const scan_sent *st, size_t i)
{
    const money_t *m = &st->money[i];
    const char *lc = st->lc;
    size_t n = st->n;
    static const char *const val_before[] = {
        "valuation of", "valued at", "valuation at", "valuation to", "valuing it at",
        "valuing the company at", "valuing the startup at", "valuing the firm at", "valuing",
        "valuation of about", "valuation of roughly", "valuation of more than", "valuation north of",
        "worth", "market cap of", "market capitalization of", "market value of", "pre-money",
        "post-money", "valuation", "values it at", "values the company at", "value of",
    };
    static const char *const total_before[] = {
        "total", "totals", "bringing", "brings", "brought", "cumulative", "altogether",
        "aggregate", "bring", "overall",
    };
    static const char *const total_after[] = {
        "to date", "in total", "so far", "since its", "since inception", "since launch",
        "since founding", "since it was founded", "overall", "in all", "total",
    };
    static const char *const total_far[] = {"to date", "so far", "since its founding", "since inception"};
    static const char *const rev_before[] = {
        "revenue", "revenues", "arr", "sales", "run-rate", "run rate", "annual recurring",
        "market", "profit", "profits", "income", "ebitda", "bookings", "spending", "spend",
        "capex", "budget", "cost", "costs", "salary", "price", "prices", "turnover", "forecast",
        "projected", "expected to reach", "expected to grow", "to reach", "grow to", "sized at",
        "fine", "fined", "penalty", "range of", "marketed range", "price range", "damages", "loss", "losses", "contract", "contracts", "deal with",
        "order", "orders", "backlog", "earnings", "tam", "compensation", "pay",
        "paid", "debt of", "lawsuit", "settlement", "tax", "buyback", "dividend",
    };
    static const char *const rev_after[] = {
        "in revenue", "in annual", "in sales", "of revenue", "in arr", "arr", "market",
        "in recurring", "annualized", "a year", "per year", "annually", "in orders", "in bookings",
        "in profit", "in net", "in contracts", "contract", "deal", "in losses", "in capex",
        "share buyback", "buyback", "order", "orders", "share repurchase", "repurchase", "dividend", "purchase",
        "acquisition", "takeover", "buyout", "merger", "in annualized",
    };
    static const char *const hist_before[] = {
        "previously", "previous", "prior", "earlier", "its last", "a previous",
        "last raised", "last round", "its first", "originally", "fresh off", "on the heels of",
        "after raising", "following its", "on the back of", "after its", "last year", "in the past", "two years ago", "a year ago",
    };
    /* valuation: "valued at $X", "$X valuation", "$X post-money" */
    size_t e = m->end;
    while (e < n && lc[e] == ' ')
        e++;
    if (e + 9 <= n && (memcmp(lc + e, "valuation", 9) == 0 || memcmp(lc + e, "post-money", 10) == 0 ||
                       memcmp(lc + e, "pre-money", 9) == 0))
        return ROLE_VALUATION;
    if (scan_before(lc, m->start, 28, val_before, COUNT(val_before))) {
        /* "a financing round worth more than $1 billion": the round's size */
        static const char *const rn[] = {"round", "financing", "funding", "raise", "tranche", "deal",
                                         "investment", "fundraise", "fundraising", "package"};
        static const char *const val[] = {"valuation", "valued", "valuing"};
        size_t k = m->start;
        while (k > 0 && (lc[k - 1] == ' ' || lc[k - 1] == '~'))
            k--;
        size_t wat = k >= 16 ? k - 16 : 0, wo = SCAN_NONE;
        for (size_t q = scan_word(lc, k, wat, "worth"); q != SCAN_NONE; q = scan_word(lc, k, q + 1, "worth"))
            wo = q;
        if (!(wo != SCAN_NONE && scan_before(lc, wo, 24, rn, COUNT(rn)) &&
              !scan_before(lc, m->start, 40, val, COUNT(val))))
            return ROLE_VALUATION;
    }
    {
        /* "pushed its value beyond the $1 billion mark", "lifted its value
         * past $500 million": the noun "value" and words of degree only
         * between it and the amount (not a deal's or a contract's value) */
        static const char *const degree[] = {"beyond", "past", "above", "to", "over", "at", "of", "the",
            "more", "than", "around", "about", "nearly", "roughly", "some", "almost", "well"};
        size_t k = m->start;
        for (int w = 0; w < 5 && k > 0; w++) {
            while (k > 0 && lc[k - 1] == ' ')
                k--;
            size_t b = k;
            while (b > 0 && str_isalpha((unsigned char)lc[b - 1]))
                b--;
            if (b == k)
                break;
            if (k - b == 5 && memcmp(lc + b, "value", 5) == 0 && w > 0) {
                static const char *const not_co[] = {"deal", "contract", "transaction", "order", "market",
                                                     "total", "trade", "asset", "portfolio", "fair", "face"};
                if (!scan_before(lc, b, 14, not_co, COUNT(not_co)))
                    return ROLE_VALUATION;
                break;
            }
            bool deg = false;
            for (size_t q = 0; q < COUNT(degree) && !deg; q++)
                deg = k - b == strlen(degree[q]) && memcmp(lc + b, degree[q], k - b) == 0;
            if (!deg)
                break;
            k = b;
        }
    }
    {
        /* "values the year-old company at about $1 billion", "valuing the
         * Palo Alto, California-based company at $3.1 billion" */
        static const char *const at_words[] = {"at", "at about", "at around", "at roughly",
                                               "at nearly", "at more than", "at over", "at some"};
        static const char *const val_verbs[] = {"values", "valuing", "valued", "value", "valuation"};
        size_t k = m->start;
        while (k > 0 && (lc[k - 1] == ' ' || lc[k - 1] == '~'))
            k--;
        if (scan_before(lc, k, 14, at_words, COUNT(at_words)) &&
            scan_before(lc, k, 80, val_verbs, COUNT(val_verbs)))
            return ROLE_VALUATION;
    }
    if (scan_before(lc, m->start, 45, total_before, COUNT(total_before)) ||
        scan_after(lc, n, m->end, 22, total_after, COUNT(total_after)) ||
        scan_after(lc, n, m->end, 70, total_far, COUNT(total_far)))
        return ROLE_TOTAL;
    /* "has closed a $400 million fund to back startups", "its $1 billion
     * second fund": the size of an investor's fund, not a round; a few
     * lower-case words may stand between */
    {
        size_t q = m->end;
        for (int w = 0; w < 4 && q < n; w++) {
            while (q < n && lc[q] == ' ')
                q++;
            size_t we = q;
            while (we < n && (str_isalpha((unsigned char)lc[we]) || lc[we] == '-'))
                we++;
            if (we == q || !str_islower((unsigned char)st->s[q]))
                break;
            if ((we - q == 4 && memcmp(lc + q, "fund", 4) == 0) || (we - q == 5 && memcmp(lc + q, "funds", 5) == 0)) {
                if (scan_any(lc, n, 0, round_nouns, COUNT(round_nouns), NULL) == SCAN_NONE ||
                    scan_word(lc, n, 0, "funding") == scan_any(lc, n, 0, round_nouns, COUNT(round_nouns), NULL))
                    return ROLE_FUND;
                break;
            }
            static const char *const part[] = {"funding", "financing", "round", "investment", "in", "of",
                                               "from", "for", "to", "led", "series", "seed", "raise"};
            bool stop = false;
            for (size_t k = 0; k < COUNT(part); k++)
                if (we - q == strlen(part[k]) && memcmp(lc + q, part[k], we - q) == 0)
                    stop = true;
            if (stop)
                break;
            q = we;
        }
    }
    /* per-share prices: "$24 each", "$18.00 per share" */
    static const char *const per_share[] = {"per share", "each", "a share", "per unit", "apiece"};
    if (scan_after(lc, n, m->end, 4, per_share, COUNT(per_share)))
        return ROLE_REVENUE;
    if (scan_before(lc, m->start, 30, rev_before, COUNT(rev_before)) ||
        scan_after(lc, n, m->end, 16, rev_after, COUNT(rev_after)))
        return ROLE_REVENUE;
    if (scan_before(lc, m->start, 30, hist_before, COUNT(hist_before)))
        return ROLE_HISTORY;
    /* the sentence opens by setting itself in the past: "Back in September,
     * it raised ...", "In 2021, ...", "Last year, ...", "Two years ago, ..."
     * (its clauses read on their own are set there too) */
    {
        const scan_sent *w = st->whole ? st->whole : st;
        const char *wl = w->lc;
        static const char *const opens[] = {"back in ", "back then", "last year,", "a year ago,", "years ago,",
                                            "in the past,", "previously,", "at the time,"};
        for (size_t k = 0; k < COUNT(opens); k++)
            if (str_starts(wl, opens[k]) && m->start > 0)
                return ROLE_HISTORY;
        if (str_starts(wl, "in ") && w->n > 8 && str_isdigit((unsigned char)wl[3]) && wl[7] == ',') {
            int y = scan_year(w->s, 3, 7);
            if (y && d->ref_year && y < d->ref_year)
                return ROLE_HISTORY;
        }
    }
    /* a yardstick: "following now defunct Acme Inc.'s $102-million raise",
     * "bigger than Beta's $50 million round": another's amount, possessed,
     * as the object of a preposition of comparison */
    {
        size_t k = m->start;
        while (k > 0 && lc[k - 1] == ' ')
            k--;
        bool poss = k >= 3 && ((lc[k - 1] == 's' && lc[k - 2] == '\'') || (lc[k - 1] == '\'' && lc[k - 2] == 's'));
        if (poss) {
            size_t q = lc[k - 1] == 's' ? k - 2 : k - 1;
            static const char *const cmp[] = {"following", "after", "than", "like", "unlike", "behind",
                                              "surpassing", "eclipsing", "topping", "beating", "since"};
            for (int w = 0; w < 8 && q > 0; w++) {
                while (q > 0 && lc[q - 1] == ' ')
                    q--;
                size_t b = q;
                while (b > 0 && lc[b - 1] != ' ')
                    b--;
                if (b == q || st->s[q - 1] == ',')
                    break;
                bool prep = false;
                for (size_t c = 0; c < COUNT(cmp) && !prep; c++)
                    prep = q - b == strlen(cmp[c]) && memcmp(lc + b, cmp[c], q - b) == 0;
                if (prep && w > 0)
                    return ROLE_HISTORY;
                q = b;
            }
        }
    }
    /* "the previously announced term loan": told before, not news now */
    static const char *const told[] = {"previously announced", "previously-announced", "previously disclosed",
                                       "previously reported", "already announced"};
    if (scan_any(lc, n, 0, told, COUNT(told), NULL) != SCAN_NONE)
        return ROLE_HISTORY;
    int y = scan_year(st->s, m->end, m->end + 45 < n ? m->end + 45 : n);
    if (y && d->ref_year && y < d->ref_year)
        return ROLE_HISTORY;
    size_t lo = m->start > 40 ? m->start - 40 : 0;
    y = scan_year(st->s, lo, m->start);
    static const char *const founded[] = {"founded", "established", "started", "launched", "set up",
                                          "incorporated", "spun out", "spun off", "since"};
    if (y && d->ref_year && y < d->ref_year && scan_word(lc, m->start, lo, "in") != SCAN_NONE &&
        scan_any(lc, m->start, lo, founded, COUNT(founded), NULL) == SCAN_NONE)
        return ROLE_HISTORY;
    /* "Acme shot to fame in 2013 when it raised $25 million": a year the
     * story looks back to, whatever the article's own */
    if (y && scan_word(lc, m->start, lo, "when") != SCAN_NONE &&
        scan_any(lc, m->start, lo, founded, COUNT(founded), NULL) == SCAN_NONE) {
        size_t w = scan_word(lc, m->start, lo, "when");
        char ys[8];
        snprintf(ys, sizeof ys, "%d", y);
        const char *yp = memmem(lc + lo, w - lo, ys, strlen(ys));
        if (yp)
            return ROLE_HISTORY;
    }
    static const char *const hist_after[] = {
        "last year", "years ago", "a year ago", "months ago", "in the past", "last month",
        "last fall", "last autumn", "last spring", "last summer", "last winter",
        "last quarter", "previously", "last january",
        "last february", "last march", "last april", "last may", "last june", "last july",
        "last august", "last september", "last october", "last november", "last december",
        "before the deal", "before the acquisition", "prior to the deal", "before being acquired",
    };
    if (scan_after(lc, n, m->end, 45, hist_after, COUNT(hist_after)))
        return ROLE_HISTORY;
    /* "in January" when the article is from a later month */
    if (d->ref_month) {
        static const char *const months[] = {"january", "february", "march", "april", "may",
            "june", "july", "august", "september", "october", "november", "december"};
        size_t hi = m->end + 45 < n ? m->end + 45 : n;
        for (int k = 0; k < 12; k++) {
            char w[16] = "in ";
            memcpy(w + 3, months[k], strlen(months[k]) + 1);
            size_t at = scan_word(lc, hi, m->end, w);
            /* a monthly digest tells last month's rounds as news */
            if (at != SCAN_NONE && k + 3 < d->ref_month) {
                int y2 = scan_year(st->s, at, at + 20 < n ? at + 20 : n);
                if (!y2 || y2 <= d->ref_year)
                    return ROLE_HISTORY;
            }
        }
    }
    return ROLE_OTHER;
}

money_role funding_money_role(const scan_doc *d, const scan_sent *st, size_t i)
{
    /* computed once per mention: the sentence keeps the answer */
    scan_sent *w = (scan_sent *)st;
    if (!(w->role_known & (1u << i))) {
        w->role[i] = (unsigned char)role_compute(d, st, i);
        w->role_known |= 1u << i;
    }
    return (money_role)st->role[i];
}

/* A round dated a little back: "last month", "earlier this year", "in
 * October" when the article is from November or December. History for a
 * company the article is not about; news in a digest of the month. */
static bool recent_past(const scan_doc *d, const scan_sent *st, const money_t *m)
{
    if (st->whole)
        st = st->whole; /* the time the sentence gives holds for each of its clauses */
    /* told as this week's news: "last week", "on Monday", "today" */
    static const char *const now[] = {"last week", "this week", "today", "on monday", "on tuesday",
        "on wednesday", "on thursday", "on friday", "on saturday", "on sunday", "yesterday",
        "this month", "just", "newly"};
    if (scan_any(st->lc, st->n, 0, now, COUNT(now), NULL) != SCAN_NONE)
        return false;
    static const char *const past[] = {"last month", "earlier this year",
        "earlier this month", "last quarter", "in the first quarter", "in the second quarter",
        "in the third quarter", "in the fourth quarter", "last spring",
        "last summer", "last fall", "last autumn", "last winter", "recent deal", "another recent"};
    if (scan_any(st->lc, st->n, 0, past, COUNT(past), NULL) != SCAN_NONE)
        return true;
    if (d->ref_month) {
        static const char *const months[] = {"in january", "in february", "in march", "in april",
            "in may", "in june", "in july", "in august", "in september", "in october",
            "in november", "in december", "this january", "this february", "this march",
            "this april", "this may", "this june", "this july", "this august", "this september",
            "this october", "this november", "this december"};
        size_t k = 0;
        size_t at = scan_any(st->lc, st->n, 0, months, COUNT(months), &k);
        if (at != SCAN_NONE && (int)(k % 12) + 1 < d->ref_month)
            return true;
    }
    (void)m;
    return false;
}

static bool near_funding_noun(const scan_sent *st, const money_t *m)
{
    static const char *const after[] = {
        "series", "seed", "round", "funding", "financing", "investment", "in funding",
        "in financing", "in new funding", "in fresh funding", "in venture", "in a series",
        "in series", "in seed", "pre-seed", "in an", "in a", "raise", "fundraise",
        "in new capital", "in capital", "in equity", "in growth", "in debt", "in strategic",
        "growth", "debt", "strategic", "venture", "from", "led by", "co-led by", "grant",
        "to fund", "to help", "to build", "to expand", "to accelerate", "to scale", "ipo",
        /* given by someone: "£1 million granted by the agency" */
        "granted by", "awarded by", "provided by", "given by", "lent by", "invested by", "contributed by",
        "committed by",
    };
    /* one word may come between: "$250 million direct investment", "$40
     * million fresh funding" */
    static const char *const heads[] = {"investment", "funding", "financing", "round", "grant",
                                        "loan", "injection", "infusion", "backing", "raise"};
    size_t e = m->end;
    if (scan_after(st->lc, st->n, e, 4, after, COUNT(after)))
        return true;
    /* "a round of $18 million", "funding of $16 million", "a Series C of $33 million" */
    static const char *const of[] = {"round of", "funding of", "financing of", "investment of", "raise of",
                                     "series a of", "series b of", "series c of", "series d of", "series e of",
                                     "seed round of", "tranche of", "injection of", "grant of", "loan of"};
    if (scan_before(st->lc, m->start, 22, of, COUNT(of)))
        return true;
    size_t w = e;
    while (w < st->n && st->lc[w] == ' ')
        w++;
    while (w < st->n && (str_isalpha((unsigned char)st->lc[w]) || st->lc[w] == '-'))
        w++;
    return w > e + 1 && w - e < 16 && scan_after(st->lc, st->n, w, 2, heads, COUNT(heads));
}

/* Who "it" is in a round's sentence: the headline's name only when the
 * headline is about a round ("the company" in a deal story is the target). */
static const char *funding_pronoun(const scan_doc *d)
{
    if (d->main_company[0])
        return d->main_company;
    if ((d->head_funding || d->ipo_ctx) && d->head_company[0])
        return d->head_company;
    /* the company a sentence just before opened with: "Ark Kapital is a
     * newcomer ... However, it has made waves. The company secured ..." */
    if (d->recent_subject[0] && d->cur_index - d->recent_index <= 3)
        return d->recent_subject;
    if (d->salient[0])
        return d->salient;
    /* named once, by the sentence just before: "Kelpie Robotics makes
     * robots. The company said ..." */
    if (d->prev_subject[0]) {
        const org_info *o = org_lookup(d->prev_subject, strlen(d->prev_subject));
        if (!(o && o->kind == ORG_INVESTOR))
            return d->prev_subject;
    }
    return NULL;
}

static const char *const pronoun_words[] = {"it", "its", "the company", "the startup"};

/* The company of a round when the subject is an investor: "Sequoia led a
 * $40 million round in Acme", "Nvidia invested $500 million in Y". */
static char *company_after_in(const scan_doc *d, const scan_sent *st, size_t from, bool to_ok)
{
    static const char *const preps[] = {" in ", " into ", " for ", " of ", " to "};
    size_t best = SCAN_NONE, bl = 0;
    for (size_t k = 0; k < COUNT(preps) - (to_ok ? 0 : 1); k++) {
        const char *hit = memmem(st->lc + from, st->n - from, preps[k], strlen(preps[k]));
        if (hit && (size_t)(hit - st->lc) < best) {
            best = (size_t)(hit - st->lc);
            bl = strlen(preps[k]);
        }
    }
    if (best == SCAN_NONE || best > from + 60)
        return NULL;
    /* "raised $5m in a Series C round led by X in Acme": a round is no
     * company; look at the next preposition */
    {
        size_t q = best + bl;
        static const char *const det[] = {"a ", "an ", "the ", "its ", "this ", "their "};
        bool np = false;
        for (size_t k = 0; k < COUNT(det); k++)
            if (str_starts(st->lc + q, det[k]))
                np = true;
        size_t hi = q + 40 < st->n ? q + 40 : st->n;
        if (np && scan_any(st->lc, hi, q, round_nouns, COUNT(round_nouns), NULL) != SCAN_NONE &&
            best + bl < st->n && from < best + 1)
            return company_after_in(d, st, best + 1, to_ok);
    }
    /* "leading the $60 million round for the company": the article's */
    static const char *const pron[] = {"the company", "the startup", "the firm", "the start-up",
                                       "the business", "it", "the group"};
    size_t pw = 0;
    if (scan_any(st->lc, st->n, best + bl, pron, COUNT(pron), &pw) == best + bl && funding_pronoun(d))
        return xstrdup(funding_pronoun(d));
    size_t end;
    char *name = subject_object(st, best + bl, st->n, &end);
    if (name && place_lookup(name, strlen(name))) {
        free(name);
        return NULL;
    }
    /* "for a minority stake in Acme": no name after the first preposition,
     * try the next one */
    static const char *const stake[] = {"stake", "share", "holding", "shareholding"};
    size_t sh = best + bl + 30 < st->n ? best + bl + 30 : st->n;
    if (!name && best + bl < st->n &&
        (str_starts(st->lc + best + bl, "a ") || str_starts(st->lc + best + bl, "an ")) &&
        scan_any(st->lc, sh, best + bl, stake, COUNT(stake), NULL) != SCAN_NONE)
        return company_after_in(d, st, best + 1, to_ok);
    return name;
}

/* Where the predicate of the sentence starts, before limit: the first
 * lower-case word after a capitalised one, outside appositives ("Acme, a
 * maker of X, led ..." gives "led"). SCAN_NONE when there is none. */
static size_t main_verb(const scan_sent *st, size_t limit)
{
    const char *s = st->s;
    bool after_name = false, in_appos = false;
    int depth = 0;
    for (size_t i = 0; i < limit;) {
        while (i < limit && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < limit && s[i] != ' ')
            i++;
        if (b == i)
            break;
        for (size_t k = b; k < i; k++)
            depth += s[k] == '(' ? 1 : s[k] == ')' && depth ? -1 : 0;
        bool comma = s[i - 1] == ',';
        unsigned char c = (unsigned char)s[b];
        bool lower_name = str_islower(c) && org_lower_initial(s + b, i - b); /* "eVora" */
        if (depth == 0 && !in_appos && after_name && str_islower(c) && !lower_name) {
            static const char *const fn[] = {"and", "of", "&", "de", "der", "for", "the", "a", "an",
                                             "in", "on", "at", "from", "by", "with", "to"};
            bool f = false;
            for (size_t k = 0; k < COUNT(fn); k++)
                if (strlen(fn[k]) == i - b && memcmp(st->lc + b, fn[k], i - b) == 0)
                    f = true;
            if (!f && !org_descriptor(s + b, i - b))
                return b;
        }
        if (str_isupper(c) || str_isdigit(c) || lower_name)
            after_name = true;
        if (comma && depth == 0 && in_appos) {
            in_appos = false;
        } else if (comma && depth == 0) {
            /* an appositive follows: ", a spinout of X," */
            size_t k = i;
            while (k < limit && s[k] == ' ')
                k++;
            in_appos = k < limit && (str_starts(st->lc + k, "a ") || str_starts(st->lc + k, "an ") ||
                                     str_starts(st->lc + k, "the ") || str_starts(st->lc + k, "which ") ||
                                     str_starts(st->lc + k, "who ") || str_starts(st->lc + k, "founded ") ||
                                     str_starts(st->lc + k, "based "));
        }
    }
    return SCAN_NONE;
}

/* The round named nearest the amount: "After closing a Series A round,
 * Acme closed a Series B of $14 million" is a Series B. */
static size_t clause_end(const char *s, size_t n, size_t b);

static const char *round_near(const scan_sent *st, const money_t *m, size_t *pos)
{
    const char *lc = st->lc;
    size_t n = st->n;
    const char *best = NULL;
    size_t bd = SCAN_NONE, from = 0, p;
    /* within the amount's own clause when another clause names a round of
     * its own: "X raised $700 million in equity, and closed a $1.5 billion
     * debt facility" */
    {
        size_t b = 0, e = clause_end(lc, n, 0);
        for (int guard = 0; guard < 64 && e < m->start && e < n; guard++) {
            b = e + 1;
            e = clause_end(lc, n, b);
        }
        if (e > n)
            e = n;
        const char *r = round_find(lc + b, e - b, &p);
        if (r) {
            *pos = b + p;
            return r;
        }
        /* none in its clause: a round named elsewhere in the sentence counts
         * unless another clause has an amount of its own */
        for (size_t i = 0; i < st->n_money; i++)
            if (st->money[i].start < b || st->money[i].start >= e)
                if (!conversion(st, i))
                    return NULL;
    }
    for (int guard = 0; guard < 8 && from < n; guard++) {
        const char *r = round_find(lc + from, n - from, &p);
        if (!r)
            break;
        size_t at = from + p;
        size_t dist = at >= m->end ? at - m->end : m->start > at ? m->start - at : 0;
        /* a round after the amount counts a little nearer: "$14m Series B" */
        if (at < m->start)
            dist += 8;
        if (dist < bd) {
            bd = dist;
            best = r;
            *pos = at;
        }
        from = at + 1;
    }
    return best;
}

/* The name whose possessive stands right before the amount, no further
 * back than lo: "Acme's $40 million Series B", "Drift Labs' $80 million
 * Series C". Caller frees; NULL when none. */
static char *owner_of(const scan_sent *st, const money_t *m, size_t lo)
{
    size_t k = m->start;
    while (k > lo && st->s[k - 1] == ' ')
        k--;
    size_t e = 0;
    if (k >= lo + 2 && st->s[k - 1] == 's' && st->s[k - 2] == '\'')
        e = k - 2;
    else if (k >= lo + 2 && st->s[k - 1] == '\'' && st->s[k - 2] == 's')
        e = k - 1;
    size_t nb, nl = e ? org_name_before(st->s, lo, e, &nb) : 0;
    return nl ? org_clean(st->s + nb, nl) : NULL;
}

static bool bad_company(const char *name)
{
    if (!name || !*name)
        return true;
    /* a figure is no name: "£2.5bn", "$40M" */
    unsigned char c0 = (unsigned char)name[0];
    if (c0 == '$' || c0 == 0xC2 || c0 == 0xE2 || str_isdigit(c0))
        return !strchr(name, ' ') || c0 == '$' || c0 == 0xC2 || c0 == 0xE2;
    if (place_lookup(name, strlen(name)))
        return true;
    static const char *const bad[] = {"AI", "Series", "Seed", "IPO", "CEO", "US", "U.S", "EU",
                                      "SEC", "Reuters", "Bloomberg", "TechCrunch", "PRNewswire",
                                      "Business Wire", "GLOBE NEWSWIRE", "Nasdaq", "NYSE"};
    for (size_t k = 0; k < COUNT(bad); k++)
        if (strcmp(name, bad[k]) == 0)
            return true;
    size_t n = strlen(name);
    return n > 80 || n < 2;
}

/* The name that ends a noun phrase of lower-case words from q to the
 * clause's end: "by Seattle-founded AI personal injury and mass tort
 * platform Acme." (hyphenated and lower-case words, acronyms, then the
 * name). Caller frees; NULL when the phrase is not so. */
static char *name_ending_phrase(const scan_sent *st, size_t q)
{
    const char *s = st->s;
    size_t e = q;
    while (e < st->n && s[e] != ',' && s[e] != ';' && s[e] != '(' && !(s[e] == '.' && (e + 1 >= st->n || s[e + 1] == ' ')))
        e++;
    while (e > q && s[e - 1] == ' ')
        e--;
    size_t nb, nl = org_name_before(s, q, e, &nb);
    if (!nl || nb + nl != e || nb == q)
        return NULL;
    for (size_t i = q; i < nb;) {
        while (i < nb && s[i] == ' ')
            i++;
        size_t we = i;
        while (we < nb && s[we] != ' ')
            we++;
        if (we == i)
            break;
        bool low = str_islower((unsigned char)s[i]), acro = we - i <= 5, hy = memchr(s + i, '-', we - i) != NULL;
        for (size_t k = i; k < we && acro; k++)
            acro = str_isupper((unsigned char)s[k]) || (k > i && str_islower((unsigned char)s[k]));
        if (!low && !hy && !(acro && str_isupper((unsigned char)s[i]) && we - i <= 5))
            return NULL;
        i = we;
    }
    char *name = org_clean(s + nb, nl);
    if (name && bad_company(name)) {
        free(name);
        name = NULL;
    }
    return name;
}

/* The company the article names as the founder's anywhere: "Dr. Vance's
 * Quillon Labs" for the founder Mira Vance (the surname, a possessive, a
 * name). Caller frees; NULL when none. */
static char *founders_company(const scan_doc *d, const char *founder)
{
    const char *sur = strrchr(founder, ' ');
    sur = sur ? sur + 1 : founder;
    size_t sl = strlen(sur);
    if (sl < 3 || !d->sents)
        return NULL;
    for (size_t k = 0; k < d->n_sents; k++) {
        const scan_sent *q = &d->sents[k];
        for (const char *h = memmem(q->s, q->n, sur, sl); h; h = memmem(h + 1, (size_t)(q->s + q->n - h - 1), sur, sl)) {
            size_t at = (size_t)(h - q->s) + sl;
            if (at + 3 >= q->n || q->s[at] != '\'' || q->s[at + 1] != 's' || q->s[at + 2] != ' ')
                continue;
            size_t nb, nl = org_name_after(q->s, q->n, at + 3, &nb);
            if (!nl || nb != at + 3)
                continue;
            char *name = org_clean(q->s + nb, nl);
            const org_info *o = name ? org_lookup(name, strlen(name)) : NULL;
            if (name && !bad_company(name) && !(o && o->kind == ORG_INVESTOR) && !strchr(name, '\''))
                return name;
            free(name);
        }
    }
    return NULL;
}

/* "Orland Bank said on Monday it is investing ...": the name that says
 * so is who "it" is in the reported clause before limit. Caller frees;
 * NULL when the sentence is not so. */
static char *reported_it(const scan_sent *st, size_t limit)
{
    static const char *const said[] = {"said", "says", "announced", "announces", "confirmed", "told"};
    size_t at = SCAN_NONE;
    for (size_t q = scan_any(st->lc, limit, 0, said, COUNT(said), NULL); q != SCAN_NONE;
         q = scan_any(st->lc, limit, q + 1, said, COUNT(said), NULL))
        at = q;
    if (at == SCAN_NONE || at == 0 || scan_word(st->lc, limit, at, "it") == SCAN_NONE)
        return NULL;
    subject sj;
    if (!subject_find(st, 0, at, &sj))
        return NULL;
    if (sj.pronoun) {
        free(sj.name);
        return NULL;
    }
    return sj.name;
}

/* Who tells of a round whose subject is its investor: the subject of a
 * reporting verb before the investor ("Orbisol said on Tuesday that
 * Harrow Capital was leading a $45 million round"; a pronoun there is the
 * article's company) or of one after the amount ("Harrow Capital is
 * leading the round, Orbisol said"). investor: the subject already read.
 * Caller frees; NULL when none. */
static char *reporter_of(const scan_doc *d, const scan_sent *st, size_t verb, const money_t *m,
                         const char *investor)
{
    static const char *const said[] = {"said", "says", "announced", "announces", "confirmed", "confirms",
                                       "told", "disclosed", "reported", "revealed"};
    const char *s = st->s;
    size_t il = investor ? strlen(investor) : 0;
    const char *ip = il ? memmem(s, verb, investor, il) : NULL;
    size_t lim = ip ? (size_t)(ip - s) : verb;
    char *name = NULL;
    size_t at = scan_any(st->lc, lim, 0, said, COUNT(said), NULL);
    subject sj;
    if (at != SCAN_NONE && at > 0 && subject_find(st, 0, at, &sj)) {
        if (sj.pronoun) {
            const char *p = funding_pronoun(d);
            name = p ? xstrdup(p) : NULL;
        } else {
            name = sj.name;
            sj.name = NULL;
        }
        free(sj.name);
    }
    if (!name) {
        /* ", Orbisol said": the clause after the last comma past the amount */
        for (size_t k = 0; k < COUNT(said) && !name; k++) {
            size_t w = SCAN_NONE;
            for (size_t q = scan_word(st->lc, st->n, m->end, said[k]); q != SCAN_NONE;
                 q = scan_word(st->lc, st->n, q + 1, said[k]))
                w = q;
            if (w == SCAN_NONE)
                continue;
            size_t c = w;
            while (c > m->end && s[c - 1] != ',')
                c--;
            if (c <= m->end)
                continue;
            size_t nb, nl = org_name_after(s, w, c, &nb);
            if (nl && nb + nl + 1 >= w)
                name = org_clean(s + nb, nl);
        }
    }
    const org_info *o = name ? org_lookup(name, strlen(name)) : NULL;
    if (name && (bad_company(name) || (o && o->kind == ORG_INVESTOR) || (investor && org_same(name, investor)))) {
        free(name);
        name = NULL;
    }
    if (name)
        scan_note(d, st, "funding: the investor is the subject, %s tells of its round", name);
    return name;
}

/* The amount is the size a round noun phrase is the subject of: "its
 * latest round of fundraising had generated $150 million", "Acme's Series
 * A totalled $12 million": a round noun, then one to three lower-case words
 * (a verb, its auxiliaries, a particle; no article, preposition or modal)
 * right before the amount. Returns where the noun phrase starts (its
 * determiner or possessor), SCAN_NONE when the amount is not so. */
static size_t round_subject_at(const scan_sent *st, const money_t *m)
{
    const char *s = st->s, *lc = st->lc;
    size_t k = m->start;
    static const char *const no[] = {"of", "in", "for", "with", "from", "by", "after", "before", "on",
        "and", "or", "the", "a", "an", "its", "their", "than", "would", "could", "may", "might", "will",
        "should", "can", "to be", "not", "if", "about", "over", "up"};
    static const char *const rnoun[] = {"round", "fundraising", "funding", "financing", "raise",
                                        "fundraise", "tranche", "seed"};
    int words = 0;
    for (;;) {
        while (k > 0 && lc[k - 1] == ' ')
            k--;
        size_t b = k;
        while (b > 0 && (str_isalpha((unsigned char)lc[b - 1]) || lc[b - 1] == '-'))
            b--;
        if (b == k || (b > 0 && lc[b - 1] != ' '))
            return SCAN_NONE;
        bool noun = false;
        for (size_t q = 0; q < COUNT(rnoun) && !noun; q++)
            noun = k - b == strlen(rnoun[q]) && memcmp(lc + b, rnoun[q], k - b) == 0;
        /* "Series A": a letter after "series" */
        if (!noun && k - b == 1 && b >= 7 && memcmp(lc + b - 7, "series ", 7) == 0 && str_isupper((unsigned char)s[b]))
            noun = true, b -= 7;
        if (noun && words > 0) {
            /* back to the phrase's determiner or possessor */
            size_t q = b;
            for (int w = 0; w < 6 && q > 0; w++) {
                size_t e = q;
                while (e > 0 && lc[e - 1] == ' ')
                    e--;
                size_t wb = e;
                while (wb > 0 && lc[wb - 1] != ' ')
                    wb--;
                if (e == wb)
                    return SCAN_NONE;
                if ((e - wb == 3 && memcmp(lc + wb, "its", 3) == 0) || (e - wb == 5 && memcmp(lc + wb, "their", 5) == 0) ||
                    (e - wb == 3 && memcmp(lc + wb, "the", 3) == 0) || (e - wb == 4 && memcmp(lc + wb, "this", 4) == 0) ||
                    (e - wb > 2 && lc[e - 2] == '\'' && lc[e - 1] == 's'))
                    return wb;
                if (!(str_islower((unsigned char)s[wb]) || (e - wb == 2 && memcmp(lc + wb, "of", 2) == 0)))
                    return SCAN_NONE;
                q = wb;
            }
            return SCAN_NONE;
        }
        if (str_isupper((unsigned char)s[b]) || words == 3)
            return SCAN_NONE;
        for (size_t q = 0; q < COUNT(no); q++)
            if (k - b == strlen(no[q]) && memcmp(lc + b, no[q], k - b) == 0)
                return SCAN_NONE;
        words++;
        k = b;
    }
}

/* The amount in parentheses after a funding noun, the noun the object of
 * a verb: "seeing the largest infusion ($16.3 million)", "took the biggest
 * cheque of the week (€9 million)". Returns where that verb starts,
 * SCAN_NONE when the amount is not so. */
static size_t paren_object_verb(const scan_sent *st, const money_t *m)
{
    const char *s = st->s, *lc = st->lc;
    size_t k = m->start;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    if (k == 0 || s[k - 1] != '(')
        return SCAN_NONE;
    k--;
    static const char *const nouns[] = {"investment", "funding", "round", "infusion", "injection", "raise",
                                        "financing", "cheque", "check", "ticket", "backing", "fundraise"};
    static const char *const dets[] = {"the", "a", "an", "its", "their"};
    bool noun = false, det = false;
    for (int w = 0; w < 8 && k > 0; w++) {
        while (k > 0 && s[k - 1] == ' ')
            k--;
        size_t b = k;
        while (b > 0 && s[b - 1] != ' ')
            b--;
        if (b == k || !str_islower((unsigned char)s[b]))
            return SCAN_NONE;
        bool is_noun = false, is_det = false;
        for (size_t q = 0; q < COUNT(nouns) && !is_noun; q++)
            is_noun = k - b == strlen(nouns[q]) && memcmp(lc + b, nouns[q], k - b) == 0;
        for (size_t q = 0; q < COUNT(dets) && !is_det; q++)
            is_det = k - b == strlen(dets[q]) && memcmp(lc + b, dets[q], k - b) == 0;
        if (!noun) {
            noun = is_noun;
            if (!noun && w >= 3)
                return SCAN_NONE; /* at most "of the week" after the noun */
        } else if (det) {
            return b; /* the word before the determiner: the verb */
        } else if (is_det) {
            det = true;
        } else if (w > 5) {
            return SCAN_NONE;
        }
        k = b;
    }
    return SCAN_NONE;
}

/* Who owns the round noun phrase at np: "Acme's Series A", "its round"
 * (the subject of the clause before it), "the round" (the article's
 * company). Caller frees; NULL when none. */
static char *round_owner(const scan_doc *d, const scan_sent *st, size_t np)
{
    const char *s = st->s;
    size_t e = np;
    while (e < st->n && s[e] != ' ')
        e++;
    if (e > np + 2 && s[e - 2] == '\'' && s[e - 1] == 's') {
        size_t nb, nl = org_name_before(s, 0, e - 2, &nb);
        return nl && nb + nl == e - 2 ? org_clean(s + nb, nl) : NULL;
    }
    if (str_starts(st->lc + np, "its ") || str_starts(st->lc + np, "their ")) {
        subject sj;
        char *name = NULL;
        if (np > 0 && subject_find(st, 0, np, &sj)) {
            if (!sj.pronoun) {
                name = sj.name;
                sj.name = NULL;
            }
            free(sj.name);
            if (name)
                return name;
        }
    }
    const char *p = funding_pronoun(d);
    return p ? xstrdup(p) : NULL;
}

/* The sentence's subject is only a description, with no name before the
 * amount: "A startup that turns waste into fuel has raised $5 million",
 * ", a maker of farm drones, locked up a $22 million Series B" (a page cut
 * mid-sentence). An indefinite "a/an" or a lower-case start, a company
 * noun among its first words, and no capitalised word before the amount
 * but acronyms ("AI"): it is the article's company. */
static bool headless(const scan_sent *st, size_t limit)
{
    const char *s = st->s, *lc = st->lc;
    size_t i = 0;
    while (i < limit && (s[i] == ' ' || s[i] == ',' || s[i] == '-' || s[i] == '.'))
        i++;
    if (str_starts(lc + i, "a "))
        i += 2;
    else if (str_starts(lc + i, "an "))
        i += 3;
    else if (i >= limit || !str_islower((unsigned char)s[i]))
        return false;
    bool desc = false;
    for (int w = 0; i < limit; w++) {
        while (i < limit && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < limit && s[i] != ' ')
            i++;
        size_t e = i;
        while (e > b && (s[e - 1] == ',' || s[e - 1] == ')'))
            e--;
        if (e == b)
            continue;
        if (str_isupper((unsigned char)s[b])) {
            if (e - b > 4)
                return false;
            for (size_t k = b; k < e; k++)
                if (!str_isupper((unsigned char)s[k]))
                    return false;
        }
        if (w < 5 && str_islower((unsigned char)s[b]) && org_descriptor(s + b, e - b))
            desc = true;
    }
    return desc;
}

static void set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? xstrdup(src) : NULL;
}

static void set_amount(event_t *e, const scan_sent *st, const money_t *m)
{
    e->amount_value = m->value;
    memcpy(e->currency, m->currency, 4);
    e->amount_usd = m->usd;
    free(e->amount_text);
    e->amount_text = scan_copy(st->s + m->start, m->end - m->start);
}

static int read_one(scan_doc *d, const scan_sent *st)
{
    const char *lc = st->lc;
    size_t n = st->n;
    if (st->n_money == 0)
        return 0;
    /* candidate amounts */
    int cand[MONEY_MAX];
    size_t nc = 0;
    for (size_t i = 0; i < st->n_money; i++) {
        const money_t *m = &st->money[i];
        double usd = isnan(m->usd) ? m->value : m->usd;
        if (usd < 50000 || conversion(st, i))
            continue;
        if (funding_money_role(d, st, i) == ROLE_OTHER)
            cand[nc++] = (int)i;
    }
    if (nc == 0) {
        scan_note(d, st, "funding: no amount is a candidate (all are valuations, totals, revenue or history, or under $50,000)");
        return 0;
    }
    /* public money: "The Commission approved a €5 billion state aid measure
     * to support Acme's plant", "the Department of Commerce will provide up
     * to $6.1 billion in direct funding to Acme": a grant to the company the
     * aid is for, from the body that gives it */
    {
        static const char *const aid[] = {"state aid", "aid measure", "subsidy", "subsidies", "grant",
            "grants", "direct funding", "incentives", "incentive", "chips act", "award"};
        static const char *const body[] = {"commission", "department", "ministry", "government",
            "administration", "cabinet", "agency", "council", "authority", "foundation"};
        static const char *const gave[] = {"granted", "awarded", "grants", "awards", "gave", "gives"};
        size_t ab = scan_any(lc, n, 0, aid, COUNT(aid), NULL);
        size_t bb = scan_any(lc, n, 0, body, COUNT(body), NULL);
        /* "The Department of Energy granted Acme $75 million": the body's
         * giving verb is aid enough */
        bool gave_only = false;
        size_t partner_and = SCAN_NONE; /* "the Department and Acme have signed ...": where "and" is */
        if (ab == SCAN_NONE && bb != SCAN_NONE) {
            ab = scan_any(lc, cand_start(st, cand, nc), bb, gave, COUNT(gave), NULL);
            gave_only = ab != SCAN_NONE;
        }
        if (ab != SCAN_NONE && bb != SCAN_NONE && bb < cand_start(st, cand, nc)) {
            const money_t *m = &st->money[cand[0]];
            static const char *const to[] = {"to support", "for", "to", "support"};
            char *company = NULL;
            size_t w = 0;
            for (size_t at = gave_only ? SCAN_NONE : scan_any(lc, n, m->end, to, COUNT(to), &w);
                 at != SCAN_NONE && !company && at < m->end + 160;
                 at = scan_any(lc, n, at + 1, to, COUNT(to), &w)) {
                size_t q = at + strlen(to[w]);
                while (q < n && lc[q] == ' ')
                    q++;
                if (str_starts(lc + q, "the company") || str_starts(lc + q, "the startup") ||
                    str_starts(lc + q, "the firm")) {
                    if (funding_pronoun(d))
                        company = xstrdup(funding_pronoun(d));
                    break;
                }
                size_t end;
                char *c2 = subject_object(st, q, n, &end);
                /* the name must follow within a few words ("to support a
                 * new plant in Dresden for Acme" reads on to "for") */
                if (c2 && end - q < 60 && !place_lookup(c2, strlen(c2)) && !bad_company(c2) &&
                    !strstr(c2, "Department") && !strstr(c2, "Ministry") && !strstr(c2, "Commission") &&
                    !strstr(c2, "Government") && !strstr(c2, "Agency"))
                    company = c2;
                else
                    free(c2);
            }
            /* the recipient between a giving verb and the amount: "the
             * government will grant the company €400 million", "awarded
             * Acme $20 million" */
            if (!company) {
                static const char *const give[] = {"grant", "grants", "granted", "granting", "award",
                    "awards", "awarded", "awarding", "give", "gives", "gave", "giving", "provide",
                    "provides", "provided", "providing", "offer", "offers", "offered", "lend",
                    "lends", "lent", "allocate", "allocates", "allocated", "pay", "pays", "paid"};
                size_t gk = 0, gv = scan_any(lc, m->start, bb, give, COUNT(give), &gk);
                size_t q = gv != SCAN_NONE ? gv + strlen(give[gk]) : SCAN_NONE;
                while (q != SCAN_NONE && q < m->start && lc[q] == ' ')
                    q++;
                size_t qe = m->start;
                while (qe > 0 && (lc[qe - 1] == ' ' || lc[qe - 1] == ','))
                    qe--;
                if (qe >= q + 5 && memcmp(lc + qe - 5, " with", 5) == 0)
                    qe -= 5; /* "provide the company with $300 million" */
                static const char *const upto[] = {"up to", "about", "around", "nearly", "some", "almost",
                                                   "roughly", "more than", "over", "another", "an additional"};
                /* "up to roughly": every such word, whatever their order */
                for (bool cut = true; cut && q != SCAN_NONE;) {
                    cut = false;
                    for (size_t k = 0; k < COUNT(upto); k++) {
                        size_t ul = strlen(upto[k]);
                        if (qe >= q + ul && memcmp(lc + qe - ul, upto[k], ul) == 0 &&
                            (qe == q + ul || lc[qe - ul - 1] == ' ')) {
                            qe -= ul;
                            while (qe > q && lc[qe - 1] == ' ')
                                qe--;
                            cut = true;
                        }
                    }
                }
                if (q != SCAN_NONE && qe > q && qe - q < 60) {
                    static const char *const pron[] = {"the company", "the startup", "the firm", "the group",
                                                       "the chipmaker", "it", "them"};
                    bool pr = false;
                    for (size_t k = 0; k < COUNT(pron); k++)
                        if (qe - q == strlen(pron[k]) && memcmp(lc + q, pron[k], qe - q) == 0)
                            pr = true;
                    if (pr && funding_pronoun(d))
                        company = xstrdup(funding_pronoun(d));
                    else if (!pr && str_isupper((unsigned char)st->s[q])) {
                        size_t nb, nl = org_name_after(st->s, qe, q, &nb);
                        char *c2 = nl && nb == q ? org_clean(st->s + nb, nl) : NULL;
                        if (c2 && !place_lookup(c2, strlen(c2)) && !bad_company(c2))
                            company = c2;
                        else
                            free(c2);
                    }
                    if (company)
                        scan_note(d, st, "funding: '%s' gives the money to %s", give[gk], company);
                }
                /* "the Department of Commerce and Micron have signed terms to
                 * provide $6.1 billion": the body's partner in the subject */
                if (!company && gv != SCAN_NONE) {
                    size_t an = scan_word(lc, gv, bb, "and");
                    partner_and = an;
                    size_t nb, nl = an != SCAN_NONE ? org_name_after(st->s, gv, an + 4, &nb) : 0;
                    char *c2 = nl && nb == an + 4 ? org_clean(st->s + nb, nl) : NULL;
                    if (c2 && !place_lookup(c2, strlen(c2)) && !bad_company(c2) && !strstr(c2, "Department") &&
                        !strstr(c2, "Ministry") && !strstr(c2, "Commission") && !strstr(c2, "Government") &&
                        !strstr(c2, "Agency")) {
                        company = c2;
                        scan_note(d, st, "funding: %s signs with the body that gives the money", company);
                    } else {
                        free(c2);
                        partner_and = SCAN_NONE;
                    }
                }
            }
            if (company) {
                event_t *e = event_list_add(d->out, EVENT_FUNDING);
                e->company = company;
                set_amount(e, st, m);
                set_str(&e->round, "Grant");
                size_t gb, gl = 0;
                /* the body named just before "and" when it signs with the company */
                if (partner_and != SCAN_NONE) {
                    gl = org_name_before(st->s, 0, partner_and > 0 ? partner_and - 1 : 0, &gb);
                    if (gl && gb + gl + 1 != partner_and)
                        gl = 0;
                }
                if (!gl)
                    gl = org_name_after(st->s, n, bb > 30 ? bb - 30 : 0, &gb);
                char *giver = gl ? org_clean(st->s + gb, gl) : NULL;
                if (giver && !place_lookup(giver, strlen(giver)))
                    investor_add(e, giver, 0);
                free(giver);
                scan_provenance(st, e);
                e->confidence = 0.7;
                d->last_funding = (int)(d->out->n - 1);
                d->last_funding_sent = st->index;
                scan_note(d, st, "funding: public money for %s (a grant)", company);
                return 1;
            }
        }
    }
    if (scan_word(lc, n, 0, "initial public offering") != SCAN_NONE || scan_word(lc, n, 0, "ipo") != SCAN_NONE)
        d->ipo_ctx = 1;
    if (d->ipo_ctx && scan_word(lc, n, 0, "gross proceeds") != SCAN_NONE && funding_pronoun(d)) {
        /* "The gross proceeds ... are expected to be $360 million" */
        const money_t *m = &st->money[cand[nc - 1]];
        event_t *e = event_list_add(d->out, EVENT_FUNDING);
        e->company = xstrdup(funding_pronoun(d));
        set_amount(e, st, m);
        set_str(&e->round, "IPO");
        scan_provenance(st, e);
        e->confidence = 0.7;
        d->last_funding = (int)(d->out->n - 1);
        d->last_funding_sent = st->index;
        return 1;
    }
    size_t sw = 0, ww = 0, iw = 0;
    size_t vs = SCAN_NONE;
    for (size_t from = 0; from < n;) {
        vs = scan_any(lc, n, from, strong_verbs, COUNT(strong_verbs), &sw);
        if (vs == SCAN_NONE)
            break;
        size_t after = vs + strlen(strong_verbs[sw]);
        /* "after closing a Series A round, Acme closed ...": a gerund
         * after a preposition is a subordinate clause's, not the sentence's */
        {
            static const char *const sub[] = {"after", "before", "since", "following", "by", "while",
                                              "when", "from", "of", "for", "without"};
            bool ger = after >= 3 && memcmp(lc + after - 3, "ing", 3) == 0;
            if (ger && scan_before(lc, vs, 11, sub, COUNT(sub))) {
                from = after;
                vs = SCAN_NONE;
                continue;
            }
        }
        /* "closing at $47.10", "closed up 4%": a share price, not a round */
        static const char *const price_next[] = {"at", "up", "down", "higher", "lower", "flat"};
        if (sw < 12 || scan_any(lc, after + 8 < n ? after + 8 : n, after, price_next,
                                COUNT(price_next), NULL) != after + 1)
            break;
        from = after;
        vs = SCAN_NONE;
    }
    /* not a noun: "with four banks", "the lands" */
    size_t vw = scan_any(lc, n, 0, weak_verbs, COUNT(weak_verbs), &ww);
    while (vw != SCAN_NONE && counted(lc, vw))
        vw = scan_any(lc, n, vw + strlen(weak_verbs[ww]), weak_verbs, COUNT(weak_verbs), &ww);
    size_t vi = SCAN_NONE;
    for (size_t from = 0; from < n;) {
        vi = scan_any(lc, n, from, invest_verbs, COUNT(invest_verbs), &iw);
        if (vi == SCAN_NONE)
            break;
        size_t after = vi + strlen(invest_verbs[iw]);
        bool gerund = after >= 3 && memcmp(lc + after - 3, "ing", 3) == 0;
        if (!(after + 3 < n && memcmp(lc + after, " by", 3) == 0) &&
            !(vi >= 4 && memcmp(lc + vi - 4, "are ", 4) == 0 && !gerund) &&
            !(vi >= 3 && memcmp(lc + vi - 3, "is ", 3) == 0 && !gerund) &&
            /* "Microsoft-backed OpenAI" describes, it does not invest */
            !(vi > 0 && lc[vi - 1] == '-') && lead_takes_round(lc, n, invest_verbs[iw], after) &&
            !noun_use(lc, vi))
            break;
        from = after;
        vi = SCAN_NONE;
    }
    bool noun = st->in_list || scan_any(lc, n, 0, funding_nouns, COUNT(funding_nouns), NULL) != SCAN_NONE;
    /* "closes"/"closed" count only with a funding noun */
    if (vs != SCAN_NONE && sw >= 12 && !noun)
        vs = SCAN_NONE;
    size_t verb = SCAN_NONE;
    const char *verb_word = NULL;
    int investor_form = 0;
    if (vs != SCAN_NONE)
        verb = vs, verb_word = strong_verbs[sw];
    if (vw != SCAN_NONE && vw < verb) {
        /* "secured $X": a weak verb right before an amount needs no noun */
        size_t after = vw + strlen(weak_verbs[ww]);
        bool direct = false;
        for (size_t k = 0; k < nc; k++) {
            const money_t *m = &st->money[cand[k]];
            if (m->start >= after && m->start <= after + 14)
                direct = true;
        }
        if (noun || (direct && in_words(weak_verbs[ww], direct_verbs, COUNT(direct_verbs))))
            verb = vw, verb_word = weak_verbs[ww];
    }
    /* "Tata Digital said it would invest $75 million in CureFit", "Amazon is
     * investing an additional $4 billion in startup Anthropic": the
     * investor's verb with its amount and the company after "in" needs no
     * funding noun */
    bool direct_invest = false;
    if (vi != SCAN_NONE && vi < verb && !noun) {
        size_t after = vi + strlen(invest_verbs[iw]);
        for (size_t k = 0; k < nc; k++) {
            const money_t *m = &st->money[cand[k]];
            static const char *const stake[] = {"stake in", "stake into", "share in", "holding in"};
            if (m->start >= after && m->start <= after + 24 &&
                (scan_after(lc, n, m->end, 3, in_into, COUNT(in_into)) ||
                 scan_after(lc, n, m->end, 30, stake, COUNT(stake))))
                direct_invest = true;
        }
    }
    if ((noun || direct_invest) && vi != SCAN_NONE && vi < verb) {
        verb = vi, verb_word = invest_verbs[iw];
        investor_form = 1;
    }
    size_t dw = scan_any(lc, n, 0, deal_words, COUNT(deal_words), NULL);
    if (dw != SCAN_NONE && !(vs != SCAN_NONE && vs < dw && sw < 12) &&
        scan_any(lc, n, 0, round_nouns, COUNT(round_nouns), NULL) == SCAN_NONE) {
        scan_note(d, st, "funding: dropped, a purchase (deal words, no round noun)");
        return 0;
    }
    /* the amount: the first candidate after the verb, else one next to a
     * funding noun ("$40M Series B for Acme") */
    int pick = -1;
    for (size_t k = 0; k < nc; k++) {
        const money_t *m = &st->money[cand[k]];
        if (verb != SCAN_NONE && m->start > verb && m->start < verb + 160) {
            pick = cand[k];
            break;
        }
    }
    if (pick < 0)
        for (size_t k = 0; k < nc; k++)
            if (near_funding_noun(st, &st->money[cand[k]])) {
                pick = cand[k];
                break;
            }
    /* "its latest round had generated $150 million": the round's size */
    size_t round_np = SCAN_NONE;
    if (pick < 0 && verb == SCAN_NONE)
        for (size_t k = 0; k < nc && pick < 0; k++)
            if ((round_np = round_subject_at(st, &st->money[cand[k]])) != SCAN_NONE)
                pick = cand[k];
    /* "seeing the largest infusion ($16.3 million)": the object of a verb */
    size_t paren_verb = SCAN_NONE;
    if (pick < 0 && verb == SCAN_NONE)
        for (size_t k = 0; k < nc && pick < 0; k++)
            if ((paren_verb = paren_object_verb(st, &st->money[cand[k]])) != SCAN_NONE)
                pick = cand[k];
    if (pick < 0) {
        scan_note(d, st, "funding: dropped, no candidate amount after the verb or next to a funding noun");
        return 0;
    }
    const money_t *m = &st->money[pick];
    if (verb == SCAN_NONE && round_np == SCAN_NONE && paren_verb == SCAN_NONE && !near_funding_noun(st, m)) {
        scan_note(d, st, "funding: dropped, no funding verb and no funding noun next to the amount");
        return 0;
    }
    if (verb != SCAN_NONE && !noun && !direct_invest && !near_funding_noun(st, m) && vs == SCAN_NONE &&
        !(m->start > verb && m->start <= verb + strlen(verb_word) + 14)) {
        scan_note(d, st, "funding: dropped, verb '%s' without a funding noun and not right before the amount", verb_word);
        return 0;
    }
    /* "Acme picks up Quillwire for $50 million": a weak verb whose object is
     * a name buys a company, it raises nothing */
    if (verb != SCAN_NONE && vs == SCAN_NONE && !investor_form && verb_word) {
        size_t o = verb + strlen(verb_word);
        while (o < n && st->s[o] == ' ')
            o++;
        size_t oe = o;
        while (oe < n && st->s[oe] != ' ')
            oe++;
        bool name = oe > o && str_isupper((unsigned char)st->s[o]) && org_name_word(st->s + o, oe - o) &&
                    !(m->start >= o && m->start < oe);
        if (name && scan_word(lc, n, o, "for") != SCAN_NONE && scan_word(lc, n, o, "for") < m->start) {
            scan_note(d, st, "funding: dropped, '%s' takes a company as its object: a purchase", verb_word);
            return 0;
        }
    }
    /* news, not plans or history */
    size_t vpos = verb != SCAN_NONE ? verb : m->start;
    size_t lo = vpos > 60 ? vpos - 60 : 0;
    if (scan_any(lc, m->start, lo, not_done, COUNT(not_done), NULL) != SCAN_NONE) {
        scan_note(d, st, "funding: dropped, not done yet (plans, talks, rumours)");
        return 0;
    }
    /* a reporting verb backshifts the tense of its own clause only: "X
     * said it had raised" is news, "Y, which had raised" in a sentence
     * that reports speech before the relative pronoun is not */
    size_t rel_at = 0;
    if (verb != SCAN_NONE) {
        static const char *const rel[] = {"which", "who"};
        for (size_t q = scan_any(lc, vpos, 0, rel, COUNT(rel), NULL); q != SCAN_NONE;
             q = scan_any(lc, vpos, q + 1, rel, COUNT(rel), NULL))
            rel_at = q;
    }
    if (verb != SCAN_NONE && vpos >= 4 && memcmp(lc + vpos - 4, "had ", 4) == 0 &&
        scan_word(lc, vpos, rel_at, "said") == SCAN_NONE && scan_word(lc, vpos, rel_at, "says") == SCAN_NONE &&
        scan_word(lc, vpos, rel_at, "announced") == SCAN_NONE && scan_word(lc, vpos, rel_at, "disclosed") == SCAN_NONE &&
        scan_word(lc, vpos, rel_at, "confirmed") == SCAN_NONE && scan_word(lc, vpos, rel_at, "told") == SCAN_NONE &&
        scan_word(lc, n, 0, "ipo") == SCAN_NONE && scan_word(lc, n, 0, "initial public offering") == SCAN_NONE) {
        scan_note(d, st, "funding: dropped, pluperfect 'had' (background)");
        return 0;
    }
    /* "X has raised $65 million from investors including ..." in the
     * background paragraphs, with no round named: a total */
    /* "Founded in 2017, Acme has raised $850 million": a total */
    if (verb != SCAN_NONE && vpos >= 4 && memcmp(lc + vpos - 4, "has ", 4) == 0 &&
        (str_starts(lc, "founded") || str_starts(lc, "since ") || str_starts(lc, "established")) &&
        scan_any(lc, n, 0, round_nouns, COUNT(round_nouns), NULL) == SCAN_NONE) {
        scan_note(d, st, "funding: dropped, raised since its founding: a total");
        return 0;
    }
    /* "Acme has raised $65 million from investors including ..." later in an
     * article about Acme's round: a total (decided once the company is known) */
    bool perfect_total = st->index > 2 && verb != SCAN_NONE && vpos >= 4 && d->last_funding >= 0 &&
        (memcmp(lc + vpos - 4, "has ", 4) == 0 || (vpos >= 5 && memcmp(lc + vpos - 5, "have ", 5) == 0)) &&
        scan_any(lc, n, 0, round_nouns, COUNT(round_nouns), NULL) == SCAN_NONE;
    /* "Microsoft will invest $2.9 billion ... in Japan", "an additional €10
     * billion investment in Germany": a country investment plan
     * (infrastructure), not a round */
    if (vs == SCAN_NONE) {
        size_t hi = m->end + 90 < n ? m->end + 90 : n;
        for (size_t q = scan_word(lc, hi, m->end, "in"); q != SCAN_NONE; q = scan_word(lc, hi, q + 2, "in")) {
            size_t pe;
            if (place_starting_at(st->s, n, q + 3, &pe) &&
                (pe >= n || !str_isalpha((unsigned char)st->s[pe])) &&
                !(pe + 1 < n && str_isupper((unsigned char)st->s[pe + 1]))) {
                bool plan = (verb_word && (strstr(verb_word, "invest") || strstr(verb_word, "commit"))) ||
                            scan_after(lc, n, m->end, 4, in_into, 0) ||
                            scan_word(lc, hi, m->end, "investment") != SCAN_NONE ||
                            scan_word(lc, m->start, 0, "invest") != SCAN_NONE;
                if (plan) {
                    scan_note(d, st, "funding: dropped, an investment in a country (a plan, not a round)");
                    return 0;
                }
            }
        }
    }
    /* the company */
    subject sj;
    char *company = NULL;
    char country[3] = "";
    char *investor = NULL;
    if (verb != SCAN_NONE && subject_find(st, 0, verb, &sj)) {

        char *said_it = sj.pronoun && investor_form ? reported_it(st, verb) : NULL;
        if (said_it) {
            /* the investor says "it" invests: the company is after "in" */
            scan_note(d, st, "funding: 'it' is %s, who says it invests", said_it);
            free(sj.name);
            sj.name = said_it;
            sj.pronoun = false;
        }
        if (sj.pronoun) {
            const char *who = funding_pronoun(d);
            /* in an article of several companies' rounds, "It has raised"
             * right after a sentence about another company is that one */
            bool several = false, told = false;
            for (size_t k = 0; k < d->out->n; k++)
                if (d->out->items[k].type == EVENT_FUNDING && d->out->items[k].company) {
                    if (d->prev_subject[0] && org_same(d->out->items[k].company, d->prev_subject))
                        told = true;
                    else
                        several = true;
                }
            /* "It" is the previous sentence's subject; "the company" is the
             * article's own more often than not */
            bool opens = str_starts(lc, "it ") || str_starts(lc, "its ");
            if (d->prev_subject[0] && several && !told && opens && (!who || !org_same(who, d->prev_subject))) {
                scan_note(d, st, "funding: the pronoun is the previous sentence's %s", d->prev_subject);
                who = d->prev_subject;
            }
            company = subordinate_subject(d, st, verb);
            if (company)
                who = NULL;
            if (who && !company)
                company = xstrdup(who);
        } else {
            company = sj.name;
            sj.name = NULL;
        }
        memcpy(country, sj.country, 3);
        free(sj.name);
    }
    /* "Jane Doe has raised $80 million for her self-driving startup": the
     * subject is a founder, the company is the article's */
    static const char *const for_own[] = {"for her", "for his", "for their"};
    if (company && scan_after(lc, n, m->end, 14, for_own, COUNT(for_own))) {
        const char *p = funding_pronoun(d);
        if (p && org_same(p, company))
            p = NULL; /* the article is about the founder: the company is unnamed here */
        char *named = p ? NULL : founders_company(d, company);
        if (named)
            p = named;
        scan_note(d, st, "funding: '%s' raised for their own company: %s", company, p ? p : "unnamed");
        free(company);
        company = p ? xstrdup(p) : NULL;
        free(named);
        country[0] = 0;
    }
    const org_info *known = company ? org_lookup(company, strlen(company)) : NULL;
    if (investor_form || (known && known->kind == ORG_INVESTOR) ||
        (verb_word && strcmp(verb_word, "led") == 0)) {
        char *c2 = company_after_in(d, st, m->end, true);
        if (!c2 && verb != SCAN_NONE)
            c2 = company_after_in(d, st, verb, true);
        if (!c2) /* "Northzone led Klarix's $30 million round" */
            c2 = owner_of(st, m, verb != SCAN_NONE ? verb : 0);
        if (!c2 && investor_form && verb != SCAN_NONE && company)
            c2 = reporter_of(d, st, verb, m, company);
        if (c2) {
            investor = company;
            company = c2;
            country[0] = 0;
        } else if (investor_form) {
            /* "CVS Health invested $25 million in the round": an investor of
             * the round already told */
            static const char *const the_round[] = {"in the round", "in the financing", "in the funding",
                "in this round", "into the round", "in the raise", "in the series", "to the round"};
            if (company && d->last_funding >= 0 && d->last_funding < (int)d->out->n &&
                scan_after(lc, n, m->end, 3, the_round, COUNT(the_round))) {
                event_t *last = &d->out->items[d->last_funding];
                investor_add(last, company, 0);
                scan_note(d, st, "funding: %s invested in %s's round", company, last->company ? last->company : "?");
                free(company);
                return 0;
            }
            scan_note(d, st, "funding: dropped, investor form with no company after in/into/for");
            free(company);
            return 0;
        }
    }
    if (!company && verb == SCAN_NONE && vi == SCAN_NONE &&
        scan_after(lc, n, m->end, 24, round_nouns, COUNT(round_nouns))) {
        /* no funding verb: the sentence's own subject, when the amount sits
         * in its predicate ("Acme, a spinout of X, led the pack with a $500
         * million Series A", "Acme topped the list with a $218 million
         * seed round") */
        size_t v = main_verb(st, m->start);
        if (v != SCAN_NONE && subject_find(st, 0, v, &sj)) {
            if (!sj.pronoun) {
                company = sj.name;
                sj.name = NULL;
                memcpy(country, sj.country, 3);
            }
            free(sj.name);
        }
    }
    if (!company && paren_verb != SCAN_NONE) {
        /* its subject; after "with" in an absolute phrase ("..., with
         * platform Acme seeing the largest infusion ($X)") */
        size_t lo = 0;
        for (size_t q = scan_word(lc, paren_verb, 0, "with"); q != SCAN_NONE; q = scan_word(lc, paren_verb, q + 1, "with"))
            lo = q + 5;
        if (subject_find(st, lo, paren_verb, &sj)) {
            if (sj.pronoun) {
                if (funding_pronoun(d))
                    company = xstrdup(funding_pronoun(d));
            } else {
                company = sj.name;
                sj.name = NULL;
                memcpy(country, sj.country, 3);
            }
            free(sj.name);
        }
        if (company)
            scan_note(d, st, "funding: the amount of the object of a verb; its subject %s", company);
    }
    if (!company && round_np != SCAN_NONE) {
        company = round_owner(d, st, round_np);
        if (company)
            scan_note(d, st, "funding: the round is the subject of its size; %s's round", company);
    }
    if (!company) {
        /* a digest's row: "Acme Robotics: $40M Series B for warehouse
         * robots", "Acme - $1B+ Series B ($30B valuation)" */
        size_t k = m->start;
        while (k > 0 && st->s[k - 1] == ' ')
            k--;
        if (k >= 3 && (st->s[k - 1] == ':' || st->s[k - 1] == '-' || st->s[k - 1] == '|') &&
            (st->s[k - 1] == ':' || st->s[k - 2] == ' ') &&
            scan_after(lc, n, m->end, 24, round_nouns, COUNT(round_nouns))) {
            size_t e = k - 1;
            while (e > 0 && st->s[e - 1] == ' ')
                e--;
            /* "Loomly AI (San Francisco) - $45M Series B": the place in
             * parentheses tells the country */
            if (e > 2 && st->s[e - 1] == ')') {
                size_t ob = e - 1;
                while (ob > 0 && st->s[ob] != '(')
                    ob--;
                if (st->s[ob] == '(' && ob > 0) {
                    const char *pc = subject_country(st->s, ob + 1, e - 1);
                    if (!pc)
                        pc = place_lookup(st->s + ob + 1, e - 1 - ob - 1);
                    if (pc)
                        memcpy(country, pc, 3);
                    e = ob;
                    while (e > 0 && st->s[e - 1] == ' ')
                        e--;
                }
            }
            size_t nb, nl = org_name_before(st->s, 0, e, &nb);
            size_t q = 0;
            while (q < nb && (st->s[q] == ' ' || st->s[q] == '-' || st->s[q] == '*'))
                q++;
            if (nl && q == nb)
                company = org_clean(st->s + nb, nl);
        }
    }
    if (!company) {
        size_t k = m->start;
        while (k > 0 && st->s[k - 1] == ' ')
            k--;
        /* "startup Theo AI ($4.2m seed round)" */
        if (k >= 2 && st->s[k - 1] == '(' && scan_after(lc, n, m->end, 24, round_nouns, COUNT(round_nouns))) {
            size_t nb, nl = org_name_before(st->s, 0, k - 1, &nb);
            if (nl)
                company = org_clean(st->s + nb, nl);
        }
        /* "the $60m raise by Acme", "$20 billion raised by the startup Acme",
         * "a $250 million investment into chip startup Acme" */
        static const char *const by[] = {"raise by", "raised by", "round by", "funding by",
            "investment in", "investment into", "funding for", "injection into", "injection in",
            "raise for", "round for", "funding round for"};
        size_t which = 0, at = scan_any(lc, n, m->end, by, COUNT(by), &which);
        if (!company && at != SCAN_NONE && at < m->end + 30) {
            size_t end;
            char *c2 = subject_object(st, at + strlen(by[which]), n, &end);
            if (!c2)
                c2 = name_ending_phrase(st, at + strlen(by[which]));
            if (c2 && !place_lookup(c2, strlen(c2))) {
                company = c2;
                /* "the $60m raise by Seattle-founded platform Acme" */
                const char *hit = strstr(st->s + at, c2);
                const char *pc = hit ? subject_country(st->s, at, (size_t)(hit - st->s)) : NULL;
                if (pc && !country[0])
                    memcpy(country, pc, 3);
                /* "Harrow Group's $80 million investment in Tillpoint": the
                 * possessor invests */
                if (!investor && (strstr(by[which], "investment") || strstr(by[which], "injection")))
                    investor = owner_of(st, m, 0);
            } else
                free(c2);
        }
    }
    if (!company && scan_any(lc, m->start, m->start > 12 ? m->start - 12 : 0, pronoun_words,
                             COUNT(pronoun_words), NULL) != SCAN_NONE)
        company = subordinate_subject(d, st, m->start);
    if (!company) {
        /* "Acme's $40 million Series B", "$40 million for Acme" */
        company = owner_of(st, m, 0);
        /* "Sinar Mas's $200 million investment in Y": the possessor of an
         * investment is its investor; the company is after "in" (none: no
         * round told) */
        static const char *const inv_in[] = {"investment in", "investment into", "stake in", "bet on",
                                             "injection into", "injection in"};
        size_t ii = company ? scan_any(lc, n, m->end, inv_in, COUNT(inv_in), NULL) : SCAN_NONE;
        if (ii != SCAN_NONE && ii < m->end + 16) {
            char *c2 = company_after_in(d, st, m->end, false);
            scan_note(d, st, "funding: %s's investment: the company is %s", company, c2 ? c2 : "not named");
            free(investor);
            investor = company;
            company = c2;
            if (!company) {
                free(investor);
                return 0;
            }
            investor_form = 1;
        }
        /* not in a Title Case headline: "... Raises $250 Million for Future
         * GPU Development" */
        if (!company && !st->title && (m->start < 3 || scan_word(lc, m->start, 0, "for") == SCAN_NONE)) {
            char *c2 = company_after_in(d, st, m->end, false);
            if (c2 && scan_word(lc, n, m->end, "for") != SCAN_NONE)
                company = c2;
            else
                free(c2);
        }
        /* "The Series A round of $18 million was led by Founders Fund,
         * Zenith Bio said on Monday": the reporting clause names it */
        if (!company) {
            static const char *const said[] = {" said", " says", " announced", " confirmed", " told"};
            for (size_t k = 0; k < COUNT(said) && !company; k++) {
                const char *h = NULL;
                for (const char *q = lc; (q = memmem(q, (size_t)(lc + n - q), said[k], strlen(said[k]))) != NULL; q++)
                    h = q; /* the last one */
                if (!h || (size_t)(h - lc) < m->end)
                    continue;
                size_t at = (size_t)(h - lc);
                size_t c = at;
                while (c > 0 && st->s[c - 1] != ',')
                    c--;
                if (c == 0 || c <= m->end)
                    continue;
                size_t nb, nl = org_name_after(st->s, at, c, &nb);
                if (nl && nb + nl + 1 >= at) {
                    char *nm = org_clean(st->s + nb, nl);
                    const org_info *o = nm ? org_lookup(nm, strlen(nm)) : NULL;
                    if (nm && !(o && o->kind == ORG_INVESTOR) && !place_lookup(nm, strlen(nm)) &&
                        !memmem(st->s + m->end, nb - m->end, nm, strlen(nm)))
                        company = nm;
                    else
                        free(nm);
                }
            }
        }
        if (!company && scan_any(lc, m->start, m->start > 12 ? m->start - 12 : 0, pronoun_words,
                                 COUNT(pronoun_words), NULL) != SCAN_NONE && funding_pronoun(d)) {
            company = xstrdup(funding_pronoun(d));
        }
    }
    /* a clause read on its own with no subject but its amount ("..., plus
     * £1 million granted by the agency"): the sentence's company */
    if (!company && st->whole && d->last_funding >= 0 && d->last_funding < (int)d->out->n &&
        d->last_funding_sent == st->index && d->out->items[d->last_funding].company) {
        size_t q = 0;
        while (q < n && (st->s[q] == ' ' || st->s[q] == ','))
            q++;
        if (q == m->start)
            company = xstrdup(d->out->items[d->last_funding].company);
    }
    if (!company && headless(st, m->start) && funding_pronoun(d)) {
        company = xstrdup(funding_pronoun(d));
        scan_note(d, st, "funding: the subject is only a description; the article's company: %s", company);
    }
    if (company && (strstr(company, "Department") || strstr(company, "Ministry") ||
                    strstr(company, "Government") || strstr(company, "Agency") ||
                    strstr(company, "Commission"))) {
        /* "the Department of Commerce finalized an award to Sable" */
        char *c2 = company_after_in(d, st, m->end, true);
        free(investor);
        investor = company;
        company = c2;
    }
    bool told_before = false;
    for (size_t k = 0; perfect_total && company && k < d->out->n; k++)
        if (d->out->items[k].type == EVENT_FUNDING && org_same(company, d->out->items[k].company))
            told_before = true;
    if (told_before) {
        scan_note(d, st, "funding: dropped, '%s has raised' after its round was told, no round named: a total",
                  company);
        free(company);
        free(investor);
        return 0;
    }
    if (bad_company(company)) {
        scan_note(d, st, "funding: dropped, no company (subject '%s' rejected or not found)", company ? company : "");
        free(company);
        free(investor);
        return 0;
    }
    event_t *e = event_list_add(d->out, EVENT_FUNDING);
    e->company = company;
    set_amount(e, st, m);
    size_t rp;
    const char *round = round_near(st, m, &rp);
    /* "£1 million granted by ...", "$3 million awarded by ...": a grant */
    static const char *const granted[] = {"granted by", "awarded by", "granted to", "awarded to"};
    if (scan_after(lc, n, m->end, 3, granted, COUNT(granted)))
        round = "Grant";
    if (round)
        set_str(&e->round, round);
    /* a corporation taking a stake, no round named: "Amazon is investing $4
     * billion in Anthropic" */
    if (!round && investor_form && investor && scan_word(lc, n, 0, "round") == SCAN_NONE) {
        /* a corporation leading "a funding round" with others is no stake */
        const org_info *io = org_lookup(investor, strlen(investor));
        if ((io && (io->kind & ORG_COMPANY)) || scan_word(lc, n, 0, "stake") != SCAN_NONE ||
            scan_word(lc, n, 0, "minority stake") != SCAN_NONE)
            set_str(&e->round, "Strategic");
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < st->n_money; i++)
            if ((int)i != pick && (pass == 1 || (int)i > pick) &&
                funding_money_role(d, st, i) == ROLE_VALUATION && isnan(e->valuation_usd))
                e->valuation_usd = st->money[i].usd;
    if (country[0])
        set_str(&e->country, country);
    bool leads = investor_form && verb_word &&
                 (strstr(verb_word, "lead") || strstr(verb_word, "led") || strstr(verb_word, "spearhead"));
    /* the investors are the subject: "X and Y are leading the round" is read
     * from the sentence's start */
    /* the investors of this amount's clause: "Acme raised $40 million in
     * its Series C, and startup Beta, which secured $35 million led by X"
     * gives X to Beta alone */
    size_t inv_to = n;
    for (size_t j = (size_t)pick + 1; j < st->n_money && inv_to == n; j++) {
        if (conversion(st, j) || funding_money_role(d, st, j) != ROLE_OTHER ||
            fabs(st->money[j].value - m->value) <= 0.02 * m->value)
            continue;
        for (size_t b = 0; b < n;) {
            size_t ce = clause_end(st->s, n, b);
            if (st->money[j].start >= b && st->money[j].start < ce) {
                /* the clause must name its own company: a name or "which" */
                if (b > m->end)
                    inv_to = b;
                break;
            }
            b = ce + 1;
        }
    }
    if (st->index > 0 || !st->title)
        investor_read(st, verb != SCAN_NONE && !investor_form ? verb : 0, inv_to, e);
    if (investor)
        investor_add(e, investor, leads);
    free(investor);
    scan_provenance(st, e);
    e->confidence = 0.6 + (round ? 0.1 : 0) + (vs != SCAN_NONE ? 0.1 : 0) + (e->n_investors ? 0.1 : 0);
    d->last_funding = (int)(d->out->n - 1);
    d->last_funding_sent = st->index;
    if (d->out->n - 1 < sizeof d->past && recent_past(d, st, m)) {
        d->past[d->out->n - 1] = 1;
        scan_note(d, st, "funding: %s's round is dated weeks or months back", company);
    }
    if (!d->main_company[0]) {
        size_t l = strlen(company);
        if (l < sizeof d->main_company) {
            memcpy(d->main_company, company, l + 1);
        }
    }
    return 1;
}

/* The clause around lc[at] (between commas) says when the company began:
 * "the company, set up last year by ..., has raised": the time is the
 * company's, not the round's. */
static bool founding_clause(const char *lc, size_t n, size_t at)
{
    size_t b = at, e = at;
    while (b > 0 && lc[b - 1] != ',' && lc[b - 1] != ';')
        b--;
    while (e < n && lc[e] != ',' && lc[e] != ';')
        e++;
    static const char *const began[] = {"founded", "set up", "established", "launched", "started",
                                        "incorporated", "formed", "spun out", "spun off", "created"};
    return scan_any(lc, e, b, began, COUNT(began), NULL) != SCAN_NONE;
}

/* Where a later sentence tells another round than e's, or SCAN_NONE: one
 * dated back ("previously", "last year", "earlier", "in February" when e's
 * own sentence names no such month), or one of another stage ("seed and
 * Series A rounds from ..." beside a Series B). Its investors are that
 * round's. */
static size_t another_round_at(const scan_sent *st, const event_t *e)
{
    const char *lc = st->lc;
    size_t n = st->n, first = SCAN_NONE;
    static const char *const back[] = {"previously", "last year", "earlier", "prior", "previous",
                                       "years ago", "months ago", "in its first", "had raised",
                                       "had received", "had secured", "had closed", "since its inception",
                                       "since inception", "since its founding", "since its launch"};
    for (size_t from = 0; from < n;) {
        size_t k = 0, at = scan_any(lc, n, from, back, COUNT(back), &k);
        if (at == SCAN_NONE)
            break;
        bool now = strcmp(back[k], "earlier") == 0 &&
                   (str_starts(lc + at, "earlier this week") || str_starts(lc + at, "earlier today"));
        if (!now && !founding_clause(lc, n, at)) {
            first = at;
            break;
        }
        from = at + 1;
    }
    static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december"};
    static const char *const in_months[] = {"in january", "in february", "in march", "in april", "in may",
        "in june", "in july", "in august", "in september", "in october", "in november", "in december"};
    for (size_t from = 0, k = 0, at; (at = scan_any(lc, n, from, in_months, COUNT(in_months), &k)) != SCAN_NONE;
         from = at + 1) {
        if (founding_clause(lc, n, at))
            continue;
        bool own = false;
        if (e->sentence) {
            size_t ml = strlen(months[k]);
            for (const char *q = e->sentence; (q = strchr(q, months[k][0] - 32)) != NULL; q++)
                if (str_ncasecmp(q, months[k], ml) == 0)
                    own = true;
        }
        if (!own && at < first)
            first = at;
    }
    size_t rp;
    const char *r = round_find(lc, n, &rp);
    int re = series_rank(e->round), rr = series_rank(r);
    if (re >= 0 && rr >= 0 && re != rr && rp < first)
        first = rp;
    return first;
}

/* The sentence tells another round than e's before it names investors;
 * "The new cash injection, led by A and B, comes after the seed round" is
 * about e's round all the same. */
static bool another_round(const scan_sent *st, const event_t *e)
{
    size_t at = another_round_at(st, e);
    if (at == SCAN_NONE)
        return false;
    static const char *const ours[] = {"the new ", "the latest ", "this latest ", "the fresh ", "the round",
                                       "this round", "the funding", "the financing", "the investment",
                                       "the raise", "the deal", "the capital"};
    bool starts_ours = false;
    for (size_t k = 0; k < COUNT(ours); k++)
        if (str_starts(st->lc, ours[k]))
            starts_ours = true;
    static const char *const cues[] = {"led by", "backed by", "participation", "joined", "participated",
                                       "invested", "anchored by", "from"};
    size_t cue = scan_any(st->lc, st->n, 0, cues, COUNT(cues), NULL);
    return !(starts_ours && cue != SCAN_NONE && cue < at);
}

/* The sentence names the company, in full or by its first word ("Flash"
 * for "Flash Group", four letters at least, as a word). */
static bool names_company(const scan_sent *st, const char *company)
{
    if (!company)
        return false;
    if (strstr(st->s, company))
        return true;
    const char *sp = strchr(company, ' ');
    if (!sp || sp - company < 4)
        return false;
    size_t l = (size_t)(sp - company);
    for (const char *h = memmem(st->s, st->n, company, l); h; h = memmem(h + 1, (size_t)(st->s + st->n - h - 1), company, l)) {
        size_t i = (size_t)(h - st->s);
        if ((i == 0 || !str_isalnum((unsigned char)st->s[i - 1])) &&
            (i + l >= st->n || !str_isalnum((unsigned char)st->s[i + l])))
            return true;
    }
    return false;
}

void funding_attach(scan_doc *d, const scan_sent *st)
{
    if (d->last_funding < 0)
        return;
    event_t *e = &d->out->items[d->last_funding];
    const char *lc = st->lc;
    size_t n = st->n;
    /* the next few sentences, or any later one that names the company or
     * "the round" ("Acme's funding was led by X", "The round was led by Y") */
    static const char *const the_round[] = {"the round", "the funding", "the financing", "the raise",
        "the investment", "this round", "the series", "the seed", "the deal", "its funding",
        "its round", "the new funding", "the latest round", "the fundraise", "the fundraising"};
    if (st->index - d->last_funding_sent > 4 &&
        !(st->index - d->last_funding_sent <= 30 &&
          (names_company(st, e->company) ||
           scan_any(lc, n, 0, the_round, COUNT(the_round), NULL) != SCAN_NONE)))
        return;
    /* only sentences about the round or the company */
    static const char *const about_words[] = {"round", "rounds", "funding", "financing", "investment", "valuation",
        "valued", "valuing", "values", "based", "headquartered", "raise", "investors", "participated",
        "participants", "backers", "lenders", "lender", "contributors", "facility", "loan", "arranger",
        "invested", "led", "co-led",
        "backer", "extension", "joined", "participation", "tranche", "investor"};
    bool about = scan_any(lc, n, 0, about_words, COUNT(about_words), NULL) != SCAN_NONE;
    /* "The Mountain View company says...", "It is based in Oslo" */
    if (!e->country) {
        static const char *const heads[] = {"the ", "it ", "it's ", "its "};
        bool head = false;
        for (size_t k = 0; k < COUNT(heads); k++)
            if (str_starts(lc, heads[k]))
                head = true;
        if (head) {
            size_t to = n < 70 ? n : 70;
            const char *c = subject_country(st->s, 0, to);
            if (c)
                set_str(&e->country, c);
        }
    }
    if (!about)
        return;
    /* a sentence that names another company's round is not ours */
    if (scan_any(lc, n, 0, not_done, COUNT(not_done), NULL) != SCAN_NONE)
        return;
    size_t had = e->n_investors, had_lead = e->n_lead;
    investor_read(st, 0, n, e);
    /* judged only when the sentence names investors (it costs a look at
     * every time word) */
    if ((e->n_investors > had || e->n_lead > had_lead) && another_round(st, e)) {
        scan_note(d, st, "funding: the sentence tells another of %s's rounds; its investors are not this one's",
                  e->company ? e->company : "?");
        while (e->n_investors > had)
            free(e->investors[--e->n_investors]);
        while (e->n_lead > had_lead)
            free(e->lead_investors[--e->n_lead]);
        return;
    }
    if (e->n_investors > had)
        scan_note(d, st, "funding: %zu investors more for %s's round", e->n_investors - had,
                  e->company ? e->company : "?");
    for (size_t i = 0; i < st->n_money; i++)
        if (isnan(e->valuation_usd) && funding_money_role(d, st, i) == ROLE_VALUATION)
            e->valuation_usd = st->money[i].usd;
    if (!e->round) {
        size_t rp;
        const char *r = round_find(lc, n, &rp);
        bool same_amount = false, other_amount = false;
        for (size_t i = 0; i < st->n_money; i++) {
            if (fabs(st->money[i].value - e->amount_value) <= 0.02 * e->amount_value)
                same_amount = true;
            else if (!conversion(st, i) && funding_money_role(d, st, i) != ROLE_VALUATION)
                other_amount = true;
        }
        /* a round named beside another amount is that amount's: "The raise
         * dwarfs its February Series D ($480M)" */
        static const char *const part[] = {"part of", "portion of", "tranche of", "share of"};
        if (other_amount && !same_amount && scan_any(lc, n, 0, part, COUNT(part), NULL) == SCAN_NONE)
            r = NULL; /* (the funding "is part of a $180 million Series F": the whole is ours) */
        /* past an opening quote: '"The investments from ...' */
        const char *q = lc;
        while (*q == '"' || *q == '\'' || *q == ' ')
            q++;
        bool ours = str_starts(q, "the ") || str_starts(q, "it ") || str_starts(q, "its ") ||
                    (e->company && strstr(st->s, e->company));
        /* not a round named after the sentence turns to the past ("has
         * provided since its inception, including seed loans") */
        if (r && (same_amount || ours) && rp < another_round_at(st, e))
            set_str(&e->round, r);
    }
    /* "The Mountain View company says...", "It is based in Oslo" */
    if (!e->country) {
        static const char *const heads[] = {"the ", "it ", "it's ", "its "};
        bool head = false;
        for (size_t k = 0; k < COUNT(heads); k++)
            if (str_starts(lc, heads[k]))
                head = true;
        if (head) {
            size_t to = n < 70 ? n : 70;
            const char *c = subject_country(st->s, 0, to);
            if (c)
                set_str(&e->country, c);
        }
    }
}

/* The country the article gives around the name at s[p, p+cl). */
static const char *country_at(const scan_sent *st, size_t p, size_t cl)
{
    const char *s = st->s;
    /* the words right before the name, back to a function word or a comma:
     * "<Place>-based Acme", "Israeli startup Acme", "China's Acme" */
    size_t lo = p;
    for (int words = 0; words < 5 && lo > 0; words++) {
        size_t e = lo;
        while (e > 0 && s[e - 1] == ' ')
            e--;
        size_t b = e;
        while (b > 0 && s[b - 1] != ' ')
            b--;
        if (e == b || s[e - 1] == ',' || s[e - 1] == ';' || s[e - 1] == ':')
            break;
        static const char *const fn[] = {"the", "a", "an", "and", "or", "with", "from", "by", "of",
            "for", "in", "on", "at", "to", "that", "which", "who", "said", "says", "as", "is",
            "was", "its", "their", "his", "her", "uses", "use", "makes", "than"};
        bool stop = false;
        for (size_t k = 0; k < COUNT(fn); k++)
            if (strlen(fn[k]) == e - b && memcmp(st->lc + b, fn[k], e - b) == 0)
                stop = true;
        if (stop)
            break;
        lo = b;
    }
    const char *c = subject_country(s, lo, p);
    if (c)
        return c;
    size_t e = p + cl;
    /* an appositive set off by a dash ("Acme - which is based out of
     * Denver - ...") or by nothing at all ("the idea of Acme a Danish
     * startup"): read as after a comma */
    bool dash = false, bare = false;
    {
        size_t q = e;
        while (q < st->n && s[q] == ' ')
            q++;
        dash = q > e && q + 1 < st->n && s[q] == '-' && s[q + 1] == ' ';
        bare = !dash && q == e + 1 && (str_starts(st->lc + q, "a ") || str_starts(st->lc + q, "an "));
    }
    /* "Acme, a Paris-based ...", "Acme, based in Paris,", "Acme (Portland,
     * Ore.)", "Acme is based in Oslo", "Acme, which is based in ..." */
    if (e + 2 < st->n && (s[e] == ',' || (s[e] == ' ' && s[e + 1] == '(') || dash || bare ||
                          (e + 4 <= st->n && memcmp(s + e, " is ", 4) == 0))) {
        if (s[e] == ' ' && s[e + 1] == '(') {
            size_t pe;
            const char *pc = place_starting_at(s, st->n, e + 2, &pe);
            if (pc)
                return pc;
        }
        size_t to = e + 90 < st->n ? e + 90 : st->n;
        size_t k = e + 2;
        if (dash)
            while (k < to && (s[k] == ' ' || s[k] == '-'))
                k++;
        while (k < to && s[k] != ',' && s[k] != ')' && s[k] != ';' &&
               !(s[k] == '.' && (k + 1 >= to || s[k + 1] == ' ')) &&
               !(dash && s[k] == ' ' && k + 2 < to && s[k + 1] == '-' && s[k + 2] == ' '))
            k++;
        c = subject_country(s, e, k);
        if (c)
            return c;
        /* ", which is based in Santa Clara, California," */
        if (k < to && s[k] == ',' && k + 1 < to && memmem(s + e, k - e, "which", 5)) {
            size_t k2 = k + 1;
            while (k2 < to && s[k2] != ',' && s[k2] != ';')
                k2++;
            c = subject_country(s, e, k2);
            if (c)
                return c;
        }
    }
    return NULL;
}

/* The country the article gives for company in sentence st, or NULL. */
static const char *country_near(const scan_sent *st, const char *company, bool main)
{
    const char *s = st->s;
    size_t cl = strlen(company);
    const char *hit = cl ? memmem(s, st->n, company, cl) : NULL;
    if (!hit) {
        /* the short name: "Membrane" for "Membrane Semiconductor" */
        const char *sp = strchr(company, ' ');
        if (sp && sp - company >= 4) {
            cl = (size_t)(sp - company);
            hit = memmem(s, st->n, company, cl);
            if (hit && hit + cl < s + st->n && str_isalpha((unsigned char)hit[cl]))
                hit = NULL;
        }
    }
    if (hit) {
        /* the short name where the text writes the full one: "Intrinsic"
         * for "Intrinsic Semiconductor Technologies is a UK startup" */
        size_t fb, fl = org_name_after(s, st->n, (size_t)(hit - s), &fb);
        if (fl > cl && fb == (size_t)(hit - s) && fl < cl + 60)
            cl = fl;
        const char *c = country_at(st, (size_t)(hit - s), cl);
        if (c)
            return c;
        /* "Founded in 2019 and headquartered in Raleigh, North Carolina, Acme ..." */
        if ((str_starts(st->lc, "founded") || str_starts(st->lc, "headquartered") ||
             str_starts(st->lc, "based")) && hit - s < 140) {
            c = subject_country(s, 0, (size_t)(hit - s));
            if (c)
                return c;
        }
        /* "valuing the Palo Alto, California-based company at ..." */
        const char *b = memmem(st->lc, st->n, "-based ", 7);
        if (b) {
            size_t i = (size_t)(b - st->lc);
            size_t lo = i > 40 ? i - 40 : 0;
            if (memmem(st->lc + lo, i - lo, "the ", 4)) {
                size_t w = i + 7, we = w;
                while (we < st->n && str_isalpha((unsigned char)s[we]))
                    we++;
                if (org_descriptor(s + w, we - w)) {
                    size_t ps;
                    c = place_ending_at(s, lo, i, &ps);
                    if (c)
                        return c;
                }
            }
        }
    } else if (main) {
        /* "The Paris-based company ...", "The startup is based in Berlin" */
        static const char *const heads[] = {"the ", "it is based", "it's based", "headquartered in",
                                            "it's a ", "it is a ", "it's an ", "it is an "};
        for (size_t k = 0; k < COUNT(heads); k++)
            if (str_starts(st->lc, heads[k])) {
                size_t to = st->n < 70 ? st->n : 70;
                const char *c = subject_country(s, 0, to);
                if (c)
                    return c;
            }
        /* a definite description of the article's company anywhere: "the
         * Norwegian startup's approach", "praised the Israeli company" (a
         * place, then a descriptor within the next words) */
        for (size_t at = scan_word(st->lc, st->n, 0, "the"); at != SCAN_NONE;
             at = scan_word(st->lc, st->n, at + 3, "the")) {
            size_t q = at + 3, desc = SCAN_NONE;
            for (int w = 0; w < 4 && q < st->n; w++) {
                while (q < st->n && s[q] == ' ')
                    q++;
                size_t we = q;
                while (we < st->n && s[we] != ' ' && s[we] != ',' && s[we] != '.')
                    we++;
                size_t core = we;
                if (core > q + 2 && s[core - 2] == '\'' && s[core - 1] == 's')
                    core -= 2;
                if (w > 0 && core > q && str_islower((unsigned char)s[q]) && org_descriptor(s + q, core - q)) {
                    desc = we;
                    break;
                }
                if (we == q || we >= st->n || s[we] != ' ')
                    break;
                q = we;
            }
            if (desc != SCAN_NONE) {
                const char *c = subject_country(s, at + 4, desc);
                if (c)
                    return c;
            }
        }
    }
    return NULL;
}

static int series_rank(const char *r)
{
    if (!r)
        return -1;
    if (strcmp(r, "Pre-Seed") == 0)
        return 0;
    if (strcmp(r, "Seed") == 0)
        return 1;
    if (strncmp(r, "Series ", 7) == 0 && r[7] >= 'A' && r[7] <= 'J')
        return 2 + (r[7] - 'A');
    return -1;
}

/* Background beside the article's own round: another company's round dated
 * weeks or months back ("Last month, X emerged from stealth with ..."), or
 * the same company's earlier stage told after its current one ("... Series
 * B. Acme raised $10 million in a Series A a year after its launch"). */
static void drop_background(scan_doc *d)
{
    event_list *l = d->out;
    /* the article's own round is the first it tells; when that one is
     * dated back too, the article looks back (a digest): nothing dropped */
    int own = -1;
    for (size_t i = 0; i < l->n && i < sizeof d->past; i++)
        if (l->items[i].type == EVENT_FUNDING) {
            own = d->past[i] ? -1 : (int)i;
            break;
        }
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        bool drop = false;
        if (e->type == EVENT_FUNDING && own >= 0 && (int)i != own && i < sizeof d->past) {
            const event_t *o = &l->items[own];
            if (d->past[i] && !org_same(e->company, o->company))
                drop = true;
            int ro = series_rank(o->round), re = series_rank(e->round);
            if (org_same(e->company, o->company) && ro >= 0 && re >= 0 && re < ro && (int)i > own)
                drop = true;
        }
        if (drop) {
            scan_note(d, NULL, "funding: %s's %s round is background beside the article's own", e->company,
                      e->round ? e->round : "earlier");
            event_clear(e);
            continue;
        }
        if (w != i) {
            l->items[w] = *e;
            if (i < sizeof d->past && w < sizeof d->past)
                d->past[w] = d->past[i];
        }
        w++;
    }
    l->n = w;
    if (d->last_funding >= (int)w)
        d->last_funding = -1;
}

/* The country an article frames itself in: "<Demonym> startups raised",
 * "startups in <Country>", "<City> VC", one country only; NULL when none or
 * several. Digests of one country's rounds say it once, not per round. */
static const char *doc_country(const scan_sent *sents, size_t n)
{
    static const char *const groups[] = {"startups", "start-ups", "companies", "firms", "founders",
                                         "tech", "vc", "venture", "fintechs", "scaleups", "scale-ups",
                                         "unicorns", "ecosystem"};
    const char *found = NULL;
    size_t lim = n < 60 ? n : 60;
    for (size_t k = 0; k < lim; k++) {
        const scan_sent *st = &sents[k];
        for (size_t g = 0; g < COUNT(groups); g++) {
            for (size_t at = scan_word(st->lc, st->n, 0, groups[g]); at != SCAN_NONE;
                 at = scan_word(st->lc, st->n, at + 1, groups[g])) {
                size_t e = at;
                while (e > 0 && st->s[e - 1] == ' ')
                    e--;
                size_t ps;
                const char *c = place_ending_at(st->s, e > 40 ? e - 40 : 0, e, &ps);
                /* "<Country>'s startups" */
                if (!c && e > 2 && st->s[e - 1] == 's' && st->s[e - 2] == '\'')
                    c = place_ending_at(st->s, e > 42 ? e - 42 : 0, e - 2, &ps);
                if (!c)
                    continue;
                if (found && strcmp(found, c) != 0)
                    return NULL;
                found = c;
            }
        }
    }
    return found;
}

void funding_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    int rounds = 0;
    for (size_t i = 0; i < d->out->n; i++)
        rounds += d->out->items[i].type == EVENT_FUNDING;
    const char *framed = rounds >= 2 ? doc_country(sents, n) : NULL;
    if (framed)
        scan_note(d, NULL, "the article is about %s companies", framed);
    drop_background(d);
    for (size_t i = 0; i < d->out->n; i++) {
        event_t *e = &d->out->items[i];
        if (e->type != EVENT_FUNDING || !e->company)
            continue;
        bool main = d->main_company[0] && org_same(e->company, d->main_company);
        if (!e->country) {
            for (size_t k = 0; k < n && !e->country; k++) {
                const char *c = country_near(&sents[k], e->company, main);
                if (c)
                    set_str(&e->country, c);
            }
        }
        if (!e->country) {
            const org_info *o = org_lookup(e->company, strlen(e->company));
            if (o && o->country[0])
                set_str(&e->country, o->country);
        }
        /* the round's own sentence describing its company indefinitely,
         * the name elsewhere: "... for her startup, one of the largest
         * financings of a woman-led Canadian startup" */
        for (size_t k = 0; k < n && !e->country; k++) {
            const scan_sent *q = &sents[k];
            if (q->offset != e->sentence_offset || q->whole || memmem(q->s, q->n, e->company, strlen(e->company)))
                continue;
            static const char *const ind[] = {"a", "an"};
            for (size_t w = 0; w < COUNT(ind) && !e->country; w++)
                for (size_t at = scan_word(q->lc, q->n, 0, ind[w]); at != SCAN_NONE && !e->country;
                     at = scan_word(q->lc, q->n, at + 1, ind[w])) {
                    size_t hi = at + 50 < q->n ? at + 50 : q->n, d2 = SCAN_NONE;
                    static const char *const nouns[] = {"startup", "start-up", "company", "firm"};
                    for (size_t c = 0; c < COUNT(nouns) && d2 == SCAN_NONE; c++)
                        d2 = scan_word(q->lc, hi, at, nouns[c]);
                    const char *cc = d2 != SCAN_NONE ? subject_country(q->s, at, d2 + 1) : NULL;
                    if (cc)
                        set_str(&e->country, cc);
                }
        }
        if (!e->country && framed)
            set_str(&e->country, framed);
        if (!e->country && main && d->dateline_country[0])
            set_str(&e->country, d->dateline_country);
        if (e->confidence > 1)
            e->confidence = 1;
    }
}

/* ---- several rounds in one sentence ---- */

/* Where the clause that starts at b ends: ", and ", "; ", ", while ", " and "
 * before a name, ", " before a name, outside parentheses. Digests list
 * rounds this way: "with Acme securing $75 million, Lumio raising $30
 * million and Quanta landing $18 million". */
static size_t clause_end(const char *s, size_t n, size_t b)
{
    int depth = 0;
    for (size_t i = b; i < n; i++) {
        char c = s[i];
        if (c == '(' || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && depth)
            depth--;
        if (depth || i == b)
            continue;
        if (c == ';')
            return i;
        if (c == ',' && i + 1 < n && s[i + 1] == ' ')
            return i;
        if (c == ' ' && i + 5 < n && memcmp(s + i, " and ", 5) == 0 &&
            str_isupper((unsigned char)s[i + 5]))
            return i;
        if (c == ' ' && i + 7 < n && memcmp(s + i, " while ", 7) == 0)
            return i;
        if (c == ' ' && i + 3 < n && s[i + 1] == '-' && s[i + 2] == ' ')
            return i;
    }
    return n;
}

/* "$500m (€385m)": the second figure converts the first, it is no amount
 * of its own. */
static bool conversion(const scan_sent *st, size_t i)
{
    if (i == 0)
        return false;
    size_t a = st->money[i - 1].end, b = st->money[i].start;
    while (a < b && (st->s[a] == ' ' || st->s[a] == '(' || st->s[a] == '~' || st->s[a] == '/'))
        a++;
    if (a < b && b - a <= 16) {
        /* "(about €385m)", "(or roughly €385m)" */
        static const char *const w[] = {"about ", "around ", "roughly ", "approximately ", "or ",
                                        "nearly ", "some ", "approx. ", "c. ", "or about "};
        for (size_t k = 0; k < COUNT(w); k++)
            if (str_starts(st->lc + a, w[k]) && a + strlen(w[k]) == b)
                return true;
    }
    return a == b && b > st->money[i - 1].end && memchr(st->s + st->money[i - 1].end, '(', b - st->money[i - 1].end);
}

static bool amount_told(const event_list *out, size_t from, const money_t *m)
{
    for (size_t k = from; k < out->n; k++) {
        const event_t *e = &out->items[k];
        if (e->type == EVENT_FUNDING && !isnan(e->amount_value) && strcmp(e->currency, m->currency) == 0 &&
            fabs(e->amount_value - m->value) <= 0.02 * fmax(e->amount_value, m->value))
            return true;
    }
    return false;
}

/* "the 10 billion won injection was part of a broader 150 billion won
 * raised in the round": an amount the last round was told with is part of
 * a larger one; the round is the larger (its investors kept). Returns 1
 * when the sentence said so. */
static int part_of_larger(scan_doc *d, const scan_sent *st)
{
    if (d->last_funding < 0 || d->last_funding >= (int)d->out->n || st->n_money < 2)
        return 0;
    event_t *e = &d->out->items[d->last_funding];
    if (e->type != EVENT_FUNDING || isnan(e->amount_value))
        return 0;
    for (size_t i = 0; i + 1 < st->n_money; i++) {
        const money_t *a = &st->money[i], *b = &st->money[i + 1];
        if (strcmp(a->currency, e->currency) != 0 || fabs(a->value - e->amount_value) > 0.02 * e->amount_value ||
            b->value <= a->value * 1.05 || conversion(st, i + 1))
            continue;
        size_t at = scan_word(st->lc, b->start, a->end, "part of");
        if (at == SCAN_NONE || b->start - at > 60)
            continue;
        /* only the larger amount's determiners and adjectives between */
        bool plain = true;
        for (size_t q = at + 7; q < b->start && plain; q++)
            if (st->s[q] == ',' || st->s[q] == ';' || st->s[q] == '(' || str_isdigit((unsigned char)st->s[q]))
                plain = false;
        if (!plain)
            continue;
        scan_note(d, st, "funding: %s's %.*s is part of a larger %.*s: the round", e->company ? e->company : "?",
                  scan_cut(st->s + a->start, a->end - a->start, 40), st->s + a->start,
                  scan_cut(st->s + b->start, b->end - b->start, 40), st->s + b->start);
        set_amount(e, st, b);
        if (!e->round || strcmp(e->round, "Strategic") == 0) {
            size_t rp;
            const char *r = round_near(st, b, &rp);
            free(e->round);
            e->round = r ? xstrdup(r) : NULL;
        }
        return 1;
    }
    return 0;
}

int funding_read(scan_doc *d, const scan_sent *st)
{
    if (part_of_larger(d, st))
        return 0;
    size_t before = d->out->n;
    int got = read_one(d, st);
    if (st->n_money < 2)
        return got;
    /* the other amounts, each read in its own clause with its own subject */
    size_t b = 0, prev_b = 0;
    while (b < st->n && d->out->n - before < 12) {
        size_t e = clause_end(st->s, st->n, b);
        size_t own_b = b;
        bool fresh = false;
        for (size_t i = 0; i < st->n_money; i++)
            if (st->money[i].start >= b && st->money[i].end <= e && !amount_told(d->out, before, &st->money[i]) &&
                !conversion(st, i))
                fresh = true;
        /* the clause runs on to the next amount's clause: "Acme, a maker of
         * robots, raised $5 million" is one clause */
        size_t ce = e;
        if (fresh) {
            size_t from = b;
            while (from < st->n && (st->s[from] == ' ' || st->s[from] == ',' || st->s[from] == ';' ||
                                    st->s[from] == '-'))
                from++;
            static const char *const lead[] = {"and ", "while ", "with ", "plus "};
            bool coord = false;
            for (size_t k = 0; k < COUNT(lead); k++)
                if (str_starts(st->lc + from, lead[k])) {
                    from += strlen(lead[k]);
                    coord = true;
                }
            /* a relative clause or an appositive reads with the name
             * before it: "..., and startup Flipspaces, which secured $35
             * million"; after "and" a noun phrase is a conjunct of its own
             * ("... - and the $60m raise by Acme") */
            static const char *const rel[] = {"which ", "who ", "that ", "a ", "an ", "the "};
            for (size_t k = 0; k < COUNT(rel); k++)
                if (str_starts(st->lc + from, rel[k]) && prev_b < own_b && !(coord && k >= 3)) {
                    from = prev_b;
                    while (from < st->n && (st->s[from] == ' ' || st->s[from] == ',' || st->s[from] == ';'))
                        from++;
                    for (size_t q = 0; q < COUNT(lead); q++)
                        if (str_starts(st->lc + from, lead[q]))
                            from += strlen(lead[q]);
                    break;
                }
            if (ce > from + 4) {
                scan_sent sub;
                memset(&sub, 0, sizeof sub);
                /* a clause with no subject of its own ("X raised $700
                 * million, and separately closed a $1.5 billion facility")
                 * has the sentence's */
                const char *lead_name = NULL;
                static const char *const not_pred[] = {"led", "by", "with", "the", "a", "an", "in", "of", "for",
                    "from", "to", "including", "which", "who", "that", "as", "at", "on", "its", "their",
                    "valuing", "bringing", "taking", "while", "plus", "and"};
                if (str_islower((unsigned char)st->s[from]) && d->out->n > before &&
                    d->out->items[before].company &&
                    scan_any(st->lc, ce, from, not_pred, COUNT(not_pred), NULL) != from)
                    lead_name = d->out->items[before].company;
                size_t pre = lead_name ? strlen(lead_name) + 1 : 0;
                char *cs = xmalloc(pre + ce - from + 1);
                char *cl = xmalloc(pre + ce - from + 1);
                if (lead_name) {
                    memcpy(cs, lead_name, pre - 1);
                    cs[pre - 1] = ' ';
                    for (size_t q = 0; q < pre; q++)
                        cl[q] = (char)str_tolower((unsigned char)cs[q]);
                }
                memcpy(cs + pre, st->s + from, ce - from);
                memcpy(cl + pre, st->lc + from, ce - from);
                cs[pre + ce - from] = cl[pre + ce - from] = '\0';
                sub.s = cs;
                sub.lc = cl;
                sub.n = pre + ce - from;
                sub.orig = st->orig;
                sub.orig_len = st->orig_len;
                sub.offset = st->offset;
                sub.index = st->index;
                sub.whole = st;
                sub.in_list = scan_any(st->lc, st->n, 0, round_nouns, COUNT(round_nouns), NULL) != SCAN_NONE;
                sub.n_money = money_find(cs, sub.n, d->cny, sub.money, MONEY_MAX);
                size_t k0 = d->out->n;
                /* amounts already told (in the clause pulled back for its
                 * name) are not this clause's */
                size_t keep = 0, own_at = pre + (own_b > from ? own_b - from : 0);
                bool dup = false;
                for (size_t i = 0; i < sub.n_money; i++) {
                    bool told = amount_told(d->out, before, &sub.money[i]);
                    if (told && sub.money[i].start >= own_at)
                        dup = true; /* this clause was read with the sentence */
                    if (!told)
                        sub.money[keep++] = sub.money[i];
                }
                sub.n_money = keep;
                if (!dup && sub.n_money) {
                    scan_note(d, st, "funding: reading the clause '%.*s' on its own", scan_cut(cs, sub.n, 100), cs);
                    got += read_one(d, &sub);
                    for (size_t k = k0; k < d->out->n; k++)
                        scan_provenance(st, &d->out->items[k]);
                }
                free(cs);
                free(cl);
            }
        }
        prev_b = own_b;
        b = e + 1;
    }
    return got;
}
