/* stock: share price moves: company, ticker, percent and closing price.
 *
 * A sentence is read from its percentages. Each percentage that a move verb
 * governs ("rose 3%", "shot up 6.7 percent", "surged by nearly 4%",
 * "rising $2.87, or 17%", "closed 2.1% higher", "closed at $X, reflecting a
 * 3.9% increase") is a candidate move. Its clause runs from the end of the
 * previous move to the next clause break; its subject is read from the words
 * before the verb ("Shares of X", "X's stock", "chipmaker X", "X, a ...,",
 * "A and B ... 5.5% and 3.7%, respectively", "its shares"), and a clause
 * without one ("..., finishing the day up 16.8%") belongs to the move before
 * it. What the clause says about time drops it: intraday and pre-market
 * quotes, moves over a period or in the past ("have risen 18% this year",
 * "already surged"), forecasts. Index moves and percentages of anything but
 * a share price (revenue, stakes, premiums) have no company subject.
 *
 * The article-level pass folds a rounded figure ("more than 14 percent", a
 * headline's "4%") into the precise one told for the same company, and
 * gives a short name the long form the article introduced it with
 * ("Advanced Micro Devices (AMD)"). */
#include "analyze/stock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/number.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

/* ---- words ---- */

/* Move verbs, matched as the words right before the percentage (after
 * fillers such as "by", "more than", "$2.87, or"). */
static const char *const ups[] = {
    "rose", "rises", "rise", "rising", "gained", "gains", "gain", "gaining", "jumped", "jumps",
    "jump", "jumping", "climbed", "climbs", "climb", "climbing", "surged", "surges", "surge",
    "surging", "soared", "soars", "soar", "soaring", "rallied", "rallies", "rally", "rallying",
    "advanced", "advances", "advancing", "added", "adds", "increased", "spiked", "spikes",
    "popped", "pops", "leapt", "leaped", "leaps", "ticked up", "edged up", "edged higher",
    "rebounded", "rebounds", "vaulted", "vaults", "rocketed", "rockets", "rocketing",
    "skyrocketed", "zoomed", "shot up", "shoots up", "went up", "moved up", "moves up",
    "up", "was up", "were up", "is up", "are up", "closed up", "ended up", "finished up",
    "settled up", "traded up", "trading up", "firmed", "picked up", "bounced", "recovered",
    "close up", "closes up", "end up", "ends up", "finish up", "closing up", "ending up",
};

static const char *const downs[] = {
    "fell", "falls", "fall", "falling", "dropped", "drops", "drop", "dropping", "slid",
    "slides", "slide", "sliding", "declined", "declines", "decline", "declining", "tumbled",
    "tumbles", "tumble", "tumbling", "plunged", "plunges", "plunge", "plunging", "sank",
    "sinks", "sink", "sinking", "slumped", "slumps", "slump", "slumping", "lost", "loses",
    "lose", "losing", "shed", "sheds", "shedding", "decreased", "dipped", "dips", "dip",
    "slipped", "slips", "slip", "eased", "eases", "retreated", "retreats", "retreating",
    "crashed", "plummeted", "plummets", "plummeting", "tanked", "tanks", "cratered",
    "skidded", "slumped", "shrank", "shrinks", "sagged", "weakened", "nosedived", "dived",
    "edged down", "edged lower", "ticked down", "down", "was down", "were down", "is down",
    "are down", "was off", "were off", "is off", "are off", "closed down", "ended down",
    "finished down", "settled down", "traded down", "trading down", "closed off", "went down",
    "moved down", "gave up", "gives up", "close down", "closes down", "end down", "ends down",
    "finish down", "closing down", "ending down", "off",
};

/* Words that may stand between the verb and its percentage. */
static const char *const fillers[] = {
    "by", "a", "an", "the", "further", "another", "additional", "daily", "limit", "of",
    "sharply", "significant", "whopping", "massive", "staggering", "steep", "record", "or",
    "points", "point", "cents", "cent", "pence", "won", "yen", "yuan", "euros", "rupees",
    "usd", "us$", "hk$", "nt$", "s$", "a$", "c$", "rs", "rs.", "inr", "krw", "jpy", "eur",
    "gbp", "cny", "rmb", "hkd", "twd", "as", "much", "nearly", "almost", "about", "around",
    "roughly", "approximately", "over", "more", "than", "close", "to", "some", "just",
    "upwards", "under", "below", "less", "+", "-", "~", "sen",
};

static const char *const approx_words[] = {"nearly", "almost", "about", "around", "roughly",
    "approximately", "over", "more", "close", "some", "upwards", "under", "below", "less",
    "~"};

/* Clause breaks after a move's percentage: what follows is another clause. */
static const char *const tail_breaks[] = {
    " while ", " whereas ", " but ", " after ", " as ", " following ", " amid ",
    " on the back of ", " despite ", " because ", " when ", " that ", " which ", "; ",
    " - ", " thanks to ", " due to ", " on hopes ", " on news ", " on reports ", " with ",
    " even as ", " before ", " giving ", " valuing ", " bringing ", " taking ", " making ",
    " extending ", " building on ", " adding to ", " marking ",
};

/* The clause separators before a subject. */
static const char *const subj_breaks[] = {
    ", as ", " as ", ", while ", " while ", " whereas ", ", but ", " but ", " that ", "; ",
    ", after ", " after ", " when ", " - ", ", and ", ", with ", " with ",
};

/* Intraday and pre-market quotes (stems, searched without word bounds). */
static const char *const intraday[] = {
    "premarket", "pre-market", "pre market", "early trad", "early deal", "early session",
    "morning trad", "morning session", "morning deal", "afternoon trad", "afternoon session",
    "recent trad", "late trad", "midday", "mid-day", "intraday", "intra-day", "after-hours",
    "after hours", "afterhours", "extended trad", "as much as", "at one point", " gmt",
    "opening trad", "opening deal", "in early", "so far today", "earlier in the day",
    "were trading", "was trading", "is trading", "are trading", "before the bell",
    "before the opening", "at the open", "at last check", "last traded", "after the bell",
    "at the time of writing", "pre-open", "ahead of the open", "day morning", "this morning",
    "the morning", "early morning", "in morning", "day afternoon", "this afternoon",
    "the afternoon", "by mid", "by late",
};

/* Intraday cues that hold for every move of their sentence ("A jumped 28%
 * in premarket trading, while B was down 1.2%"). */
static const char *const intraday_sentence[] = {
    "premarket", "pre-market", "pre market", "early trad", "early deal", "morning trad",
    "morning deal", "afternoon trad", "recent trad", "late trad", "midday", "mid-day",
    "intraday", "after-hours", "after hours", "extended trad", " gmt", "opening trad",
    "were trading", "was trading", "is trading", "are trading", "before the bell",
    "at the time of writing", "pre-open", "ahead of the open",
};

/* Words right after a percentage that say what it is of. */
static const char *const of_what[] = {"market share", "share of", "stake", "of the market",
    "of the company", "of its", "of their", "of the shares", "of shares", "ownership",
    "year-on-year", "year over year", "year-over-year", "yoy", "y/y", "on-year", "on the year",
    "q/q", "quarter-on-quarter", "from a year", "compared with", "in revenue", "in sales",
    "in profit", "in earnings", "of revenue", "of sales", "premium", "discount", "interest",
    "dividend", "margin", "growth", "stake in"};

/* Moves over a period, or told as background. */
static const char *const period[] = {
    "since ", "this year", "year to date", "year-to-date", "ytd", "so far", "over the past",
    "over the last", "in the past", "in the last", "past year", "last year", "this month",
    "last month", "this week", "last week", "over the week", "for the week", "for the year",
    "for the month", "from its peak", "from its high", "from its record", "from a peak",
    "from its low", "from a record", "from its ipo", "from the ipo", "from its listing",
    "this quarter", "last quarter", "months", "in a year", "over the year", "annual",
    "prior to", "previously", "a year ago", "a year earlier",
};

static const char *const modals[] = {"will", "would", "could", "may", "might", "should",
    "can", "must"};

/* "expected to fall", "set to rise" */
static const char *const modal_to[] = {"expected", "set", "poised", "likely", "forecast",
    "projected", "predicted", "tipped", "seen", "unlikely", "bound", "going"};

/* What a percentage can be of besides a share price: a subject with one of
 * these words is not a company's stock. */
static const char *const not_stock[] = {"revenue", "revenues", "sales", "profit", "profits",
    "earnings", "income", "exports", "imports", "orders", "shipments", "output", "production",
    "prices", "price", "margin", "margins", "volume", "volumes", "demand", "spending", "costs",
    "cost", "inflation", "growth", "ebitda", "turnover", "bookings", "deliveries", "gdp",
    "capex", "users", "subscribers", "traffic", "stake", "share", "valuation", "value",
    "capitalisation", "capitalization", "cap", "dividend", "eps", "forecast", "guidance",
    "outlook", "budget", "funding", "investment", "investments", "assets", "debt", "loans",
    "deposits", "premium", "unemployment", "rates", "rate", "yield", "production", "sector",
    "industry", "economy", "index", "market"};

/* Words a subject and its verb may have between them. */
static const char *const adverbs[] = {"also", "further", "sharply", "now", "still", "today",
    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "on", "initially", "just", "then", "briefly", "meanwhile", "again",
    "steadily", "reportedly", "slightly", "modestly", "instead", "respectively", "in",
    "recently", "that", "subsequently", "later", "eventually", "promptly",
    "tokyo", "seoul", "hong", "kong", "new", "york", "london", "taipei", "shanghai",
    "shenzhen", "mumbai", "paris", "frankfurt", "amsterdam", "trade", "trading", "early",
    "late", "session", "the"};

/* Verbs that end a subject ("X closed at $5, up 3%", "X saw its shares
 * surge"). */
static const char *const heads[] = {"closed", "ended", "finished", "settled", "traded",
    "saw", "sent", "was", "were", "is", "are", "has", "have", "had", "opened", "hit",
    "posted", "watched", "pushed", "drove", "lifted", "dragged", "soared", "jumped", "surged",
    "rose", "fell", "dropped", "tumbled", "plunged", "slid", "climbed", "gained", "rallied",
    "sank", "slumped", "declined", "advanced", "closes", "ends", "finishes", "sees", "sends"};

static const char *const stock_words[] = {
    "shares", "share", "stock", "stocks", "closing at", "closed at", "nasdaq", "nyse",
    "trading", "premarket", "pre-market", "after-hours", "market value", "ticker",
    "close at", "to close", "debut", "listed", "kospi", "kosdaq", "hang seng", "nikkei",
    "topix", "sensex", "nifty", "taiex", "exchange", "bourse",
};

/* Words that make any name holding them a market index. */
static const char *const index_words[] = {"index", "indices", "composite", "benchmark",
    "kospi", "kosdaq", "nikkei", "topix", "sensex", "nifty", "stoxx", "ftse", "dax", "taiex",
    "s&p", "msci", "futures", "etf", "etfs"};

/* Markets, currencies and commodities named by a word of their own: a whole
 * name ("The Nasdaq rose", "Gold fell"), or a lower-case head noun before the
 * verb ("the won weakened", "tech stocks fell"); inside a capitalised name
 * they are a company's ("Barrick Gold", "Dollar General"). */
static const char *const market_words[] = {"market", "markets", "stocks", "shares", "stock",
    "equities", "exchange", "exchanges", "bourse", "sector", "average", "gauge", "gold",
    "silver", "copper", "oil", "brent", "crude", "yield", "yields", "bond", "bonds", "won",
    "yen", "dollar", "euro", "yuan", "rupee", "ringgit", "currency", "bitcoin", "ether",
    "nasdaq", "nyse", "dow", "asx", "jse", "smi", "ibex", "mib", "aex", "cac", "russell",
    "ai", "ceo", "hang seng", "dow jones", "wall street",
    /* regions' markets: "European stocks", "Asian shares" */
    "european", "asian", "african", "arab", "gulf", "nordic", "scandinavian", "emerging",
    "global", "world", "regional", "pan-european", "euro zone", "eurozone", "latin american"};

/* ---- commodities, currencies, bonds and indices (not a company's shares) ---- */

/* Nouns that head the subject of a commodity's, a currency's, a bond's or
 * an index's move: "U.S. crude CLc1 fell", "spot gold added", "the euro
 * EUR= was up", "three-month aluminium on the London Metal Exchange". */
static const char *const instrument_nouns[] = {"crude", "oil", "brent", "gold", "silver",
    "platinum", "palladium", "copper", "aluminum", "aluminium", "nickel", "zinc", "iron",
    "ore", "wheat", "corn", "soybeans", "soybean", "coffee", "cocoa", "sugar", "cotton",
    "cattle", "hogs", "lumber", "rubber", "gas", "bitcoin", "ether", "euro", "dollar", "yen",
    "yuan", "renminbi", "sterling", "pound", "franc", "rupee", "won", "ringgit", "peso",
    "rand", "lira", "ruble", "rouble", "baht", "rupiah", "krona", "krone", "bund", "bunds",
    "treasuries", "gilts", "bonds", "yields", "yield", "futures", "index", "benchmark"};

/* Words that may stand between such a noun and the verb: "gold on the
 * London Bullion Market", "crude for December delivery". */
static const char *const instrument_links[] = {"on", "in", "at", "for", "of", "the", "a",
    "spot", "delivery", "contract", "contracts", "futures", "prices", "price", "per",
    "ounce", "barrel", "tonne", "ton"};

/* Units a commodity is priced in, after its price: "to $55.12 per barrel". */
static const char *const commodity_units[] = {"per barrel", "a barrel", "an ounce",
    "per ounce", "a troy ounce", "per troy ounce", "a tonne", "per tonne", "a ton",
    "per ton", "a metric ton", "per metric ton", "a bushel", "per bushel", "a pound",
    "per pound", "per mmbtu", "per million british thermal units", "a gallon", "per gallon"};

static bool word_in(const char *w, size_t n, const char *const *list, size_t cnt)
{
    for (size_t k = 0; k < cnt; k++)
        if (strlen(list[k]) == n && memcmp(list[k], w, n) == 0)
            return true;
    return false;
}

/* 1 when the lower-case text ends with phrase p at e, on a word boundary. */
static bool ends_with(const char *lc, size_t lo, size_t e, const char *p)
{
    size_t m = strlen(p);
    if (e < lo + m || memcmp(lc + e - m, p, m) != 0)
        return false;
    return e - m == lo || !str_isalnum((unsigned char)lc[e - m - 1]);
}

/* The longest phrase of list ending at e (on word bounds); its start, or SCAN_NONE. */
static size_t phrase_ending(const char *lc, size_t lo, size_t e, const char *const *list,
                            size_t cnt, size_t *which)
{
    size_t best = SCAN_NONE, bl = 0;
    for (size_t k = 0; k < cnt; k++) {
        size_t m = strlen(list[k]);
        if (m > bl && ends_with(lc, lo, e, list[k])) {
            best = e - m;
            bl = m;
            if (which)
                *which = k;
        }
    }
    return best;
}

/* The word before e (spaces and commas skipped): [*b, return). */
static size_t word_before(const char *lc, size_t lo, size_t e, size_t *b)
{
    while (e > lo && (lc[e - 1] == ' ' || lc[e - 1] == ','))
        e--;
    size_t i = e;
    while (i > lo && lc[i - 1] != ' ' && lc[i - 1] != ',')
        i--;
    *b = i;
    return e;
}

static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (str_isdigit((unsigned char)s[i]))
            return true;
    return false;
}

/* "in 2024", "for 2023", "since 2020": a year the move spans. */
static bool year_after(const char *lc, size_t from, size_t to)
{
    static const char *const pre[] = {"in ", "for ", "during ", "since ", "of ", "through "};
    for (size_t i = from; i + 4 <= to; i++) {
        if ((lc[i] != '1' && lc[i] != '2') || (i > 0 && str_isalnum((unsigned char)lc[i - 1])))
            continue;
        if (!str_isdigit((unsigned char)lc[i + 1]) || !str_isdigit((unsigned char)lc[i + 2]) ||
            !str_isdigit((unsigned char)lc[i + 3]) || (i + 4 < to && str_isalnum((unsigned char)lc[i + 4])))
            continue;
        for (size_t k = 0; k < COUNT(pre); k++) {
            size_t m = strlen(pre[k]);
            if (i >= from + m && memcmp(lc + i - m, pre[k], m) == 0)
                return true;
        }
    }
    return false;
}

/* A period cue in [from, to), unless it only dates a record the move
 * reached: "to its highest since March", "the most in four months". */
static bool period_in(const char *lc, size_t from, size_t to)
{
    static const char *const record[] = {"highest", "lowest", "best", "worst", "biggest",
        "largest", "steepest", "sharpest", "most", "high", "low", "record", "strongest",
        "weakest"};
    for (size_t k = 0; k < COUNT(period); k++) {
        size_t m = strlen(period[k]);
        for (size_t i = from; i + m <= to;) {
            const char *h = memmem(lc + i, to - i, period[k], m);
            if (!h || (size_t)(h - lc) + m > to)
                break;
            size_t at = (size_t)(h - lc);
            size_t lo = at > from + 30 ? at - 30 : from;
            if (scan_any(lc, at, lo, record, COUNT(record), NULL) == SCAN_NONE)
                return true;
            i = at + 1;
        }
    }
    return false;
}

/* "$30 per share, up 25%": the percentage is of a deal price. */
static bool per_share_before(const char *lc, size_t lo, size_t vb)
{
    size_t e = vb;
    while (e > lo && (lc[e - 1] == ' ' || lc[e - 1] == ','))
        e--;
    return ends_with(lc, lo, e, "per share") || ends_with(lc, lo, e, "a share") ||
           ends_with(lc, lo, e, "premium");
}

static bool stem_in(const char *lc, size_t from, size_t to, const char *const *list, size_t cnt)
{
    return to > from && scan_has_stem(lc + from, to - from, list, cnt);
}

/* A clock time in [from, to): "9:52", "0711 GMT", "a.m.". */
static bool clock_in(const char *lc, size_t from, size_t to)
{
    for (size_t i = from; i + 2 < to; i++) {
        if (str_isdigit((unsigned char)lc[i]) && lc[i + 1] == ':' && str_isdigit((unsigned char)lc[i + 2]))
            return true;
        if ((lc[i] == 'a' || lc[i] == 'p') && lc[i + 1] == '.' && lc[i + 2] == 'm' &&
            (i == 0 || lc[i - 1] == ' '))
            return true;
    }
    return false;
}

/* ---- per-article state (cleared by stock_finish) ---- */

#define APPROX_MAX 32

typedef struct stock_state {
    const scan_doc *doc;
    size_t last_offset;           /* of the sentence read last: offsets only grow in an article */
    char company[128];            /* whom "its shares", "the stock" mean */
    struct { char name[96]; double pct; } approx[APPROX_MAX]; /* rounded figures */
    size_t n_approx;
} stock_state;

static _Thread_local stock_state S;

/* The article's state. It lives here rather than in scan_doc (whose
 * layout all the readers share) and is cleared by stock_finish; a new
 * article (another scan_doc, or sentence offsets starting over) clears it
 * too, should an article ever end without the finishing pass. */
static stock_state *state_for(const scan_doc *d, const scan_sent *st)
{
    if (S.doc != d || (st && st->offset < S.last_offset)) {
        memset(&S, 0, sizeof S);
        S.doc = d;
    }
    if (st)
        S.last_offset = st->offset;
    return &S;
}

static void set_company(stock_state *ss, const char *name)
{
    size_t l = name ? strlen(name) : 0;
    if (l && l < sizeof ss->company)
        memcpy(ss->company, name, l + 1);
}

static const char *pronoun_company(const scan_doc *d, const stock_state *ss)
{
    return ss->company[0] ? ss->company : scan_pronoun(d);
}

/* ---- percentages ---- */

typedef struct pct_at {
    size_t b, e;
    double v;
} pct_at;

/* The percentage whose marker ('%', "percent", "per cent", "pct", "pc")
 * starts at m: its figure read backwards. 0 when there is none. */
static int percent_ending(const scan_sent *st, size_t m, pct_at *out)
{
    const char *s = st->s, *lc = st->lc;
    size_t fe = m;
    if (s[m] != '%') {
        if (m == 0)
            return 0;
        fe = s[m - 1] == ' ' ? m - 1 : m;
    }
    size_t fb = fe;
    while (fb > 0 && (str_isdigit((unsigned char)s[fb - 1]) || s[fb - 1] == '.' || s[fb - 1] == ','))
        fb--;
    while (fb < fe && !str_isdigit((unsigned char)s[fb]))
        fb++;
    double v;
    if (fb < fe) {
        /* "3-6%": a range is not one move */
        if (fb >= 2 && s[fb - 1] == '-' && str_isdigit((unsigned char)s[fb - 2]))
            return 0;
        if (fb > 0 && (str_isalpha((unsigned char)s[fb - 1]) || s[fb - 1] == '$'))
            return 0;
        size_t b = fb;
        if (b > 0 && (s[b - 1] == '+' || s[b - 1] == '-'))
            b--;
        const char *p = s + b;
        if (number_read_percent(&p, s + st->n, &v) != 0)
            return 0;
        out->b = b;
        out->e = (size_t)(p - s);
        out->v = v;
        return 1;
    }
    /* a number in words: "eight percent", "twenty-five per cent" */
    if (fe == 0 || !str_isalpha((unsigned char)lc[fe - 1]) || s[m] == '%')
        return 0;
    size_t wb = fe;
    while (wb > 0 && (str_isalpha((unsigned char)lc[wb - 1]) || lc[wb - 1] == '-'))
        wb--;
    const char *p = s + wb;
    if (number_read_words(&p, s + fe, &v) != 0 || p != s + fe || v < 1 || fe - wb < 3)
        return 0;
    const char *q = s + m;
    size_t ml = memcmp(lc + m, "per cent", 8) == 0 ? 8 : memcmp(lc + m, "percent", 7) == 0 ? 7 : 3;
    q += ml;
    out->b = wb;
    out->e = (size_t)(q - s);
    out->v = v;
    return 1;
}

/* The percentages of the sentence, in order. */
static size_t find_percents(const scan_sent *st, pct_at *out, size_t max)
{
    const char *lc = st->lc;
    size_t n = st->n, k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        bool marker = lc[i] == '%';
        if (!marker && (lc[i] == 'p') && i > 0 && !str_isalpha((unsigned char)lc[i - 1])) {
            size_t e = i;
            if (i + 7 <= n && memcmp(lc + i, "percent", 7) == 0)
                e = i + 7;
            else if (i + 8 <= n && memcmp(lc + i, "per cent", 8) == 0)
                e = i + 8;
            else if (i + 3 <= n && memcmp(lc + i, "pct", 3) == 0)
                e = i + 3;
            else if (i + 2 <= n && memcmp(lc + i, "pc", 2) == 0 && str_isdigit((unsigned char)lc[i - 1]))
                e = i + 2;
            marker = e > i && (e >= n || !str_isalpha((unsigned char)lc[e]));
        }
        if (!marker)
            continue;
        pct_at p;
        if (percent_ending(st, i, &p) && (k == 0 || p.b >= out[k - 1].e)) {
            out[k++] = p;
            i = p.e - 1;
        }
    }
    return k;
}

/* 1 when [b, e) sits inside a short parenthesis: "(WULF +16.86%)". */
static bool in_parens(const char *s, size_t n, size_t b, size_t e)
{
    size_t i = b;
    while (i > 0 && b - i < 24 && s[i - 1] != '(' && s[i - 1] != ')')
        i--;
    if (i == 0 || s[i - 1] != '(')
        return false;
    for (size_t j = e; j < n && j - e < 12; j++) {
        if (s[j] == ')')
            return true;
        if (s[j] == '(')
            return false;
    }
    return false;
}

/* ---- one move ---- */

typedef struct move {
    size_t vb, ve;        /* the verb */
    size_t pb, pe;        /* the percentage */
    double pct;
    bool down, approx, state, as_much, noun_form;
    size_t end;           /* past the percentage and its price */
    double close;
    bool close_cue;       /* "close", "closed", "closing", "ended", "finished" */
    bool at_price;        /* the price is given with "at", not "to" */
    bool aggregate;       /* "rose 8% to $3.4 billion": not a share price */
    double extra[4];      /* "5.5% and 3.7%, respectively" */
    int n_extra;
} move;

static bool close_word(const char *w, size_t n)
{
    static const char *const cw[] = {"close", "closed", "closing", "closes", "end", "ended",
        "ending", "ends", "finish", "finished", "finishing", "settle", "settled", "settling",
        "close,", "session", "day"};
    return word_in(w, n, cw, COUNT(cw));
}

/* A bare price with a unit at p: "412p", "4,215 yen", "18.44 euros". */
static double unit_price(const scan_sent *st, size_t j, size_t to, size_t *end)
{
    const char *p = st->s + j;
    double v;
    if (!str_isdigit((unsigned char)st->s[j]) || number_read(&p, st->s + to, &v) != 0)
        return NAN;
    size_t k = (size_t)(p - st->s);
    if (k < to && (st->s[k] == 'p' || st->s[k] == 'c') &&
        (k + 1 >= to || !str_isalpha((unsigned char)st->s[k + 1]))) {
        *end = k + 1;
        return v;
    }
    static const char *const units[] = {"pence", "yen", "won", "rupees", "yuan", "euros",
        "euro", "cents", "hong kong dollars", "dollars", "us dollars", "taiwan dollars", "swiss francs",
        "nt dollars", "hk dollars", "francs", "kronor", "krona", "rupiah", "ringgit", "baht",
        "reais", "pesos", "rand"};
    size_t w = 0;
    if (k + 1 < to && st->s[k] == ' ' &&
        scan_any(st->lc, k + 20 < to ? k + 20 : to, k + 1, units, COUNT(units), &w) == k + 1) {
        *end = k + 1 + strlen(units[w]);
        return v;
    }
    return NAN;
}

/* The money mention starting at j that can be a share price (no scale). */
static const money_t *price_money(const scan_sent *st, size_t j)
{
    for (size_t i = 0; i < st->n_money; i++)
        if (st->money[i].start == j)
            return st->money[i].mult == 1 ? &st->money[i] : NULL;
    return NULL;
}

/* The price after the percentage: "to $118.11", "to a record 156,500 won",
 * "to close at 412p", "closing at $35.52", "at $6.16". Reads up to to. */
static void price_walk(const scan_sent *st, size_t from, size_t to, move *mv);

static void price_after(const scan_sent *st, size_t from, size_t to, move *mv)
{
    price_walk(st, from, to, mv);
    if (!isnan(mv->close))
        return;
    /* "jumped 14% in its Nasdaq debut, closing at $35.52" */
    static const char *const cues[] = {"closing at", "to close at", "closed at", "ending at",
        "to end at", "finishing at", "to finish at", "settling at", "to settle at"};
    size_t c = scan_any(st->lc, to, from, cues, COUNT(cues), NULL);
    if (c != SCAN_NONE)
        price_walk(st, c, to, mv);
}

static void price_walk(const scan_sent *st, size_t from, size_t to, move *mv)
{
    static const char *const lead[] = {"to", "at", "close", "closing", "closed", "end",
        "ending", "ended", "finish", "finishing", "finished", "settle", "settling", "settled",
        "a", "an", "the", "record", "new", "fresh", "all-time", "high", "low", "of", "for",
        "day's", "trade", "session", "on", "monday", "tuesday", "wednesday", "thursday",
        "friday", "yesterday", "today", "and", "its", "highest", "lowest", "level", "close,",
        "in", "tokyo", "seoul", "hong", "kong", "taipei", "london", "mumbai", "or", "by"};
    const char *lc = st->lc;
    size_t i = from;
    bool saw_to = false, saw_at = false;
    for (int tok = 0; tok < 12 && i < to; tok++) {
        while (i < to && (lc[i] == ' ' || lc[i] == ','))
            i++;
        if (i >= to)
            return;
        const money_t *m = price_money(st, i);
        for (size_t k = 0; k < st->n_money && !m; k++)
            if (st->money[k].start == i && saw_to) {
                mv->aggregate = true; /* "to $3.4 billion" */
                return;
            }
        size_t pe = 0;
        double v = m ? m->value : unit_price(st, i, to, &pe);
        if (m)
            pe = m->end;
        if (!isnan(v)) {
            if (!saw_to && !saw_at)
                return;
            /* "to $5 billion" or "to 280 billion yuan" is not a share price */
            size_t k = pe;
            while (k < to && lc[k] == ' ')
                k++;
            if (k < to && lc[k] == '%')
                return;
            mv->close = v;
            mv->at_price = saw_at && !saw_to;
            mv->end = pe;
            return;
        }
        size_t b = i;
        while (i < to && lc[i] != ' ' && lc[i] != ',')
            i++;
        if (i == b)
            return;
        /* "a three-month low of", "a 52-week high of" */
        bool span_word = i - b > 5 && memchr(lc + b, '-', i - b) &&
                         (ends_with(lc, b, i, "month") || ends_with(lc, b, i, "year") ||
                          ends_with(lc, b, i, "week") || ends_with(lc, b, i, "day"));
        if (!span_word && !word_in(lc + b, i - b, lead, COUNT(lead)))
            return;
        if (i - b == 2 && memcmp(lc + b, "to", 2) == 0)
            saw_to = true;
        if (i - b == 2 && memcmp(lc + b, "at", 2) == 0)
            saw_at = true;
        if (close_word(lc + b, i - b))
            mv->close_cue = true;
    }
}

/* A price right before the verb: "closed Thursday at $248.55, up 10.11%",
 * "closed at $183.96, reflecting a 3.9% increase". */
static double price_before(const scan_sent *st, size_t lo, size_t vb, bool *close_cue)
{
    const char *lc = st->lc;
    size_t e = vb;
    while (e > lo && (lc[e - 1] == ' ' || lc[e - 1] == ','))
        e--;
    /* "at $88.40 on Friday, down 2.3%" */
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
        "yesterday", "today", "on monday", "on tuesday", "on wednesday", "on thursday",
        "on friday"};
    size_t dp = phrase_ending(lc, lo, e, days, COUNT(days), NULL);
    if (dp != SCAN_NONE) {
        e = dp;
        while (e > lo && lc[e - 1] == ' ')
            e--;
    }
    for (size_t i = 0; i < st->n_money; i++) {
        const money_t *m = &st->money[i];
        if (m->end != e || m->start < lo || m->mult != 1)
            continue;
        size_t b = m->start;
        if (!ends_with(lc, lo, b > 0 ? b - 1 : 0, "at"))
            return NAN;
        size_t lo2 = b > 40 && b - 40 > lo ? b - 40 : lo;
        static const char *const cw[] = {"closed", "closing", "ended", "ending", "finished",
            "settled", "close"};
        if (scan_any(lc, b, lo2, cw, COUNT(cw), NULL) == SCAN_NONE)
            return NAN;
        *close_cue = true;
        return m->value;
    }
    return NAN;
}

/* The verb that governs the percentage at p, read backwards over fillers.
 * Fills mv; 0 when none. */
static int verb_before(const scan_sent *st, size_t lo, const pct_at *p, move *mv)
{
    const char *lc = st->lc;
    size_t e = p->b;
    for (int tok = 0; tok < 9 && e > lo; tok++) {
        while (e > lo && (lc[e - 1] == ' ' || lc[e - 1] == ','))
            e--;
        if (e == lo)
            return 0;
        size_t w = 0, b;
        size_t u = phrase_ending(lc, lo, e, ups, COUNT(ups), &w);
        size_t w2 = 0;
        size_t d = phrase_ending(lc, lo, e, downs, COUNT(downs), &w2);
        if (u != SCAN_NONE || d != SCAN_NONE) {
            bool down = d != SCAN_NONE && (u == SCAN_NONE || d < u);
            const char *v = down ? downs[w2] : ups[w];
            mv->vb = down ? d : u;
            mv->ve = e;
            mv->down = down;
            mv->state = str_starts(v, "was ") || str_starts(v, "were ") || str_starts(v, "is ") ||
                        str_starts(v, "are ") || str_starts(v, "trading");
            if (str_starts(v, "close") || str_starts(v, "end") || str_starts(v, "finish") ||
                str_starts(v, "settled"))
                mv->close_cue = true;
            return 1;
        }
        word_before(lc, lo, e, &b);
        size_t n = e - b;
        if (n == 0)
            return 0;
        if (word_in(lc + b, n, approx_words, COUNT(approx_words)))
            mv->approx = true;
        if (n == 4 && memcmp(lc + b, "much", 4) == 0)
            mv->as_much = true;
        /* "to" only in "close to" */
        if (n == 2 && memcmp(lc + b, "to", 2) == 0 && !ends_with(lc, lo, b > 0 ? b - 1 : 0, "close"))
            return 0;
        bool money = has_digit(lc + b, n) || (unsigned char)lc[b] >= 0x80 || lc[b] == '$';
        if (!money && !word_in(lc + b, n, fillers, COUNT(fillers)))
            return 0;
        e = b;
    }
    return 0;
}

/* "closed 2.1% higher", "closed at $183.96, reflecting a 3.9% increase". */
static int verb_after(const scan_sent *st, size_t lo, const pct_at *p, move *mv)
{
    const char *lc = st->lc;
    size_t i = p->e;
    while (i < st->n && lc[i] == ' ')
        i++;
    size_t b = i;
    while (i < st->n && str_isalpha((unsigned char)lc[i]))
        i++;
    if (i == b)
        return 0;
    static const char *const adv_up[] = {"higher", "up"}, *const adv_dn[] = {"lower", "down"};
    static const char *const noun_up[] = {"increase", "gain", "rise", "jump", "surge", "rally",
        "advance", "climb", "rebound", "spike"};
    static const char *const noun_dn[] = {"decrease", "decline", "drop", "fall", "loss", "slide",
        "plunge", "slump", "dip", "tumble", "retreat"};
    bool up_adv = word_in(lc + b, i - b, adv_up, COUNT(adv_up));
    bool dn_adv = word_in(lc + b, i - b, adv_dn, COUNT(adv_dn));
    if (up_adv || dn_adv) {
        /* "closed 2.1% higher", "ended Friday 3% lower", "were 2% higher" */
        size_t wb, we = word_before(lc, lo, p->b, &wb);
        static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
            "friday", "yesterday", "today"};
        if (word_in(lc + wb, we - wb, days, COUNT(days)))
            we = word_before(lc, lo, wb, &wb);
        static const char *const vs[] = {"closed", "ended", "finished", "settled", "close",
            "end", "finish", "closing", "ending", "finishing", "traded", "trading", "was",
            "were", "is", "are", "moved", "opened", "shares", "stock", "day", "session"};
        if (we == wb || !word_in(lc + wb, we - wb, vs, COUNT(vs)))
            return 0;
        mv->vb = wb;
        mv->ve = we;
        mv->down = dn_adv;
        mv->close_cue = close_word(lc + wb, we - wb);
        mv->state = word_in(lc + wb, we - wb, (const char *const[]){"was", "were", "is", "are", "traded", "trading"}, 6);
        mv->end = i;
        return 1;
    }
    size_t wl = i - b;
    if (wl > 1 && lc[i - 1] == 's')
        wl--;
    bool nu = word_in(lc + b, wl, noun_up, COUNT(noun_up)), nd = word_in(lc + b, wl, noun_dn, COUNT(noun_dn));
    if (!nu && !nd)
        return 0;
    /* the noun form only right after a closing price */
    size_t e = p->b;
    for (int tok = 0; tok < 5; tok++) {
        size_t wb, we = word_before(lc, lo, e, &wb);
        if (we == wb)
            return 0;
        if (word_in(lc + wb, we - wb, approx_words, COUNT(approx_words)) ||
            word_in(lc + wb, we - wb, (const char *const[]){"a", "an", "than", "to", "for", "with"}, 6) ||
            (we - wb > 4 && memcmp(lc + we - 3, "ing", 3) == 0)) {
            if (word_in(lc + wb, we - wb, approx_words, COUNT(approx_words)))
                mv->approx = true;
            e = wb;
            continue;
        }
        break;
    }
    bool cue = false;
    double c = price_before(st, lo, e, &cue);
    if (isnan(c))
        return 0;
    mv->vb = b;
    mv->ve = i;
    mv->down = nd;
    mv->noun_form = true;
    mv->close = c;
    mv->close_cue = true;
    mv->end = i;
    return 1;
}

/* Where the move's clause ends: the next clause break after the percentage. */
static size_t tail_end(const scan_sent *st, size_t from, size_t to)
{
    const char *lc = st->lc, *s = st->s;
    size_t best = to;
    for (size_t k = 0; k < COUNT(tail_breaks); k++) {
        const char *h = memmem(lc + from, best - from, tail_breaks[k], strlen(tail_breaks[k]));
        if (h)
            best = (size_t)(h - lc);
    }
    /* ", " starts another clause unless a price or participle follows */
    for (size_t i = from; i + 2 < best; i++) {
        if (s[i] == ',' && s[i + 1] == ' ') {
            static const char *const keep[] = {"to ", "or ", "at ", "closing", "ending",
                "finishing", "settling", "up ", "down ", "on ", "and closed", "and ended",
                "respectively", "trading at", "in "};
            bool k2 = false;
            for (size_t k = 0; k < COUNT(keep) && !k2; k++)
                k2 = i + 2 + strlen(keep[k]) <= st->n && memcmp(lc + i + 2, keep[k], strlen(keep[k])) == 0;
            if (!k2) {
                best = i;
                break;
            }
        }
        /* " and Hanmi Semiconductor ...", " and its sister Kia ...": a new
         * subject; " and closed at ..." goes on */
        if (s[i] == ' ' && i + 5 < best && memcmp(lc + i, " and ", 5) == 0) {
            static const char *const goes_on[] = {"closed", "ended", "finished", "settled",
                "then", "later", "to", "at", "closing", "ending"};
            size_t b = i + 5, x = b;
            while (x < best && str_isalpha((unsigned char)lc[x]))
                x++;
            if (!word_in(lc + b, x - b, goes_on, COUNT(goes_on))) {
                best = i;
                break;
            }
        }
    }
    return best;
}

/* A market data code of the wires' kind, not a company's ticker: a
 * continuous future ("CLc1", "LCOc1", "NKc1"), a currency or bond quote
 * ("EUR=", "XAU=", "US10YT=RR"), an index (".DXY", ".MIAPJ0000PUS"), a
 * metal's three-month contract ("CMCU3"). w is one token, n bytes. */
static bool instrument_code(const char *w, size_t n)
{
    if (n < 2 || n > 16)
        return false;
    if (memchr(w, '=', n))
        return true;
    if (w[0] == '.' && (str_isupper((unsigned char)w[1]) || str_isdigit((unsigned char)w[1])))
        return true;
    /* upper-case letters, 'c', one digit */
    if (n >= 3 && w[n - 2] == 'c' && str_isdigit((unsigned char)w[n - 1])) {
        size_t i = 0;
        while (i < n - 2 && str_isupper((unsigned char)w[i]))
            i++;
        if (i == n - 2)
            return true;
    }
    return n == 5 && w[0] == 'C' && w[1] == 'M' && str_isupper((unsigned char)w[2]) &&
           str_isupper((unsigned char)w[3]) && str_isdigit((unsigned char)w[4]);
}

/* The tokens of [b, e) (at most max): words split at spaces, commas and
 * semicolons, brackets and quotes stripped. Returns how many. */
typedef struct token { size_t b, e; } token;

static size_t tokens_of(const char *s, size_t b, size_t e, token *out, size_t max)
{
    size_t n = 0, i = b;
    while (i < e && n < max) {
        while (i < e && (s[i] == ' ' || s[i] == ',' || s[i] == ';'))
            i++;
        size_t tb = i;
        while (i < e && s[i] != ' ' && s[i] != ',' && s[i] != ';')
            i++;
        size_t te = i;
        while (tb < te && (s[tb] == '(' || s[tb] == '"' || s[tb] == '\''))
            tb++;
        while (te > tb && (s[te - 1] == ')' || s[te - 1] == '"' || s[te - 1] == '\'' ||
                           s[te - 1] == ':'))
            te--;
        if (te > tb)
            out[n++] = (token){tb, te};
    }
    return n;
}

/* 1 when the clause before a move's verb, [lo, vb), is about a commodity,
 * a currency, a bond or an index: a wire's code for one in it, or one of
 * their nouns heading it: lower case ("U.S. crude CLc1", "spot gold",
 * "three-month aluminium on the London Metal Exchange"), or opening the
 * clause with a code or the verb right after ("Copper CMCU3 rose"; "Gold
 * Fields rose", "gold miner Newmont" and "Dollar General" are companies). */
static bool instrument_clause(const scan_sent *st, size_t lo, size_t vb)
{
    const char *s = st->s, *lc = st->lc;
    token t[48];
    size_t n = tokens_of(s, lo, vb, t, 48);
    for (size_t i = 0; i < n; i++)
        if (instrument_code(s + t[i].b, t[i].e - t[i].b))
            return true;
    for (size_t i = 0; i < n; i++) {
        size_t l = t[i].e - t[i].b;
        if (!word_in(lc + t[i].b, l, instrument_nouns, COUNT(instrument_nouns)))
            continue;
        /* "oil's" or "gold-backed": a modifier, not the head */
        if (t[i].e < vb && s[t[i].e] != ' ' && s[t[i].e] != ',')
            continue;
        bool lower = str_islower((unsigned char)s[t[i].b]);
        if (!lower) {
            if (i != 0)
                continue;
            if (i + 1 == n || instrument_code(s + t[i + 1].b, t[i + 1].e - t[i + 1].b))
                return true;
            continue;
        }
        bool head = true, after_link = false;
        for (size_t j = i + 1; j < n && head; j++) {
            const char *w = s + t[j].b;
            size_t wl = t[j].e - t[j].b;
            if (instrument_code(w, wl) ||
                word_in(lc + t[j].b, wl, instrument_nouns, COUNT(instrument_nouns)))
                continue;
            if (word_in(lc + t[j].b, wl, instrument_links, COUNT(instrument_links))) {
                after_link = true;
                continue;
            }
            /* a market's name after "on the": "the London Metal Exchange" */
            if (after_link && str_isupper((unsigned char)w[0]))
                continue;
            head = false;
        }
        if (head)
            return true;
    }
    return false;
}

/* ---- subjects ---- */

#define NAMES_MAX 6

typedef struct who {
    char *names[NAMES_MAX];
    int n;
    char ticker[12];
    bool pronoun;
    bool market;     /* an index, a currency, the market as a whole */
} who;

static void who_free(who *w)
{
    for (int i = 0; i < w->n; i++)
        free(w->names[i]);
    memset(w, 0, sizeof *w);
}

static void who_add(who *w, char *name)
{
    if (!name)
        return;
    if (w->n < NAMES_MAX)
        w->names[w->n++] = name;
    else
        free(name);
}

/* 1 when a word of the subject before the verb says the percentage is of
 * something else: "Helix's revenue", "Exports", "gross margin". */
static bool other_quantity(const scan_sent *st, size_t b, size_t e)
{
    const char *lc = st->lc, *s = st->s;
    size_t i = b;
    while (i < e) {
        while (i < e && !str_isalpha((unsigned char)lc[i]))
            i++;
        size_t wb = i;
        while (i < e && (str_isalpha((unsigned char)lc[i]) || lc[i] == '-'))
            i++;
        if (i == wb || !word_in(lc + wb, i - wb, not_stock, COUNT(not_stock)))
            continue;
        /* a capitalised word is a name's ("Premium Brands"), unless it opens
         * the clause on its own ("Revenue rose", "Sales of X rose") */
        if (str_isupper((unsigned char)s[wb])) {
            size_t k = i;
            while (k < e && s[k] == ' ')
                k++;
            if (wb != b || (k < e && str_isupper((unsigned char)s[k])))
                continue;
        }
        return true;
    }
    return false;
}

static bool market_name(const char *n)
{
    if (!n || !*n || place_lookup(n, strlen(n)))
        return true;
    /* any word of the name */
    for (const char *p = n; *p;) {
        while (*p == ' ')
            p++;
        const char *b = p;
        while (*p && *p != ' ')
            p++;
        char w[24];
        size_t l = (size_t)(p - b);
        if (l == 0 || l >= sizeof w)
            continue;
        for (size_t i = 0; i < l; i++)
            w[i] = (char)str_tolower((unsigned char)b[i]);
        w[l] = 0;
        while (l && (w[l - 1] == ',' || w[l - 1] == '.'))
            w[--l] = 0;
        if (word_in(w, l, index_words, COUNT(index_words)))
            return true;
        if (strstr(w, "index") || strstr(w, "s&p"))
            return true;
        /* "Dow Jones Industrial Average", "Nikkei Stock Average" */
        if (!*p && l == 7 && strcmp(w, "average") == 0)
            return true;
    }
    if (str_istarts(n, "dow jones"))
        return true;
    /* the whole name: "Nasdaq", "Gold", "Hang Seng" */
    char low[32];
    size_t l = strlen(n);
    if (l < sizeof low) {
        for (size_t i = 0; i <= l; i++)
            low[i] = (char)str_tolower((unsigned char)n[i]);
        if (word_in(low, l, market_words, COUNT(market_words)))
            return true;
    }
    return str_icasestr(n, l, "hang seng") != NULL;
}

/* A ticker in parentheses at s[i]: "(NASDAQ: NVDA)", "(WULF +16.86%)". */
static void ticker_at(const char *s, size_t n, size_t i, char *out, size_t cap)
{
    if (i >= n || s[i] != '(')
        return;
    size_t j = i + 1, e = j;
    while (e < n && e - j < 30 && s[e] != ')')
        e++;
    const char *colon = memchr(s + j, ':', e - j);
    if (colon)
        j = (size_t)(colon - s) + 1;
    while (j < e && s[j] == ' ')
        j++;
    size_t b = j;
    while (j < e && (str_isupper((unsigned char)s[j]) || s[j] == '.' ||
                     (j > b && str_isdigit((unsigned char)s[j]))))
        j++;
    if (j > b && j - b < cap && (j == e || s[j] == ' ' || s[j] == ',')) {
        memcpy(out, s + b, j - b);
        out[j - b] = 0;
    }
}

/* The name ending at e (no further back than lo), plus names joined to it
 * by "and" or commas: "Qualcomm and Broadcom". */
static int names_before(const scan_sent *st, size_t lo, size_t e, who *w)
{
    const char *s = st->s;
    size_t nb, nl = org_name_before(s, lo, e, &nb);
    if (!nl) {
        /* "SK hynix": a lower-case brand after an acronym */
        size_t b, we = word_before(st->lc, lo, e, &b);
        size_t b2, we2 = we > b ? word_before(st->lc, lo, b, &b2) : 0;
        if (we > b && we2 > b2 && we2 - b2 <= 4 && we2 - b2 >= 2 && str_islower((unsigned char)s[b]) &&
            s[we2] == ' ') {
            bool acro = true;
            for (size_t i = b2; i < we2 && acro; i++)
                acro = str_isupper((unsigned char)s[i]);
            if (acro) {
                nb = b2;
                nl = we - b2;
            }
        }
        if (!nl)
            return 0;
    }
    /* "Alibaba Group Holding": a last word that only ends names takes the
     * capitalised words before it */
    static const char *const generic[] = {"Holding", "Holdings", "Group", "Technologies",
        "Technology", "Electronics", "Systems", "International", "Industries", "Motor", "Motors"};
    /* "Helix Semiconductor Manufacturing International": outside a Title
     * Case headline a capitalised descriptor before the name is part of it */
    if (!st->title && nb > lo + 1 && s[nb - 1] == ' ') {
        size_t b = nb - 1;
        while (b > lo && s[b - 1] != ' ')
            b--;
        if (b < nb - 1 && str_isupper((unsigned char)s[b]) && org_descriptor(s + b, nb - 1 - b) &&
            org_name_word(s + b, nb - 1 - b)) {
            size_t b2 = b;
            while (b2 > lo + 1 && s[b2 - 1] == ' ') {
                size_t c = b2 - 1;
                while (c > lo && s[c - 1] != ' ')
                    c--;
                if (c == b2 - 1 || !org_name_word(s + c, b2 - 1 - c) || s[b2 - 2] == ',' ||
                    (b2 - 1 - c > 2 && s[b2 - 3] == '\'') ||
                    (place_lookup(s + c, b2 - 1 - c) && !org_descriptor(s + c, b2 - 1 - c)))
                    break;
                b2 = c;
            }
            if (b2 < b) {
                nl += nb - b2;
                nb = b2;
            }
        }
    }
    if (word_in(s + nb, nl, generic, COUNT(generic))) {
        while (nb > lo + 1 && s[nb - 1] == ' ') {
            size_t b = nb - 1;
            while (b > lo && s[b - 1] != ' ')
                b--;
            if (b == nb - 1 || !str_isupper((unsigned char)s[b]) || !org_name_word(s + b, nb - 1 - b) ||
                s[nb - 2] == ',')
                break;
            nl += nb - b;
            nb = b;
        }
    }
    /* "Steelmaker Posco Steel", "Automaker Hanul Motor": a descriptor first */
    {
        size_t fe = nb;
        while (fe < nb + nl && s[fe] != ' ')
            fe++;
        static const char *const sfx[] = {"maker", "builder", "giant", "retailer", "designer",
            "producer", "supplier", "operator", "provider", "developer", "manufacturer",
            "carrier", "lender", "insurer", "miner", "brewer", "conglomerate", "firm"};
        bool desc = false;
        for (size_t k = 0; k < COUNT(sfx) && !desc; k++)
            desc = fe - nb > strlen(sfx[k]) && str_ncasecmp(s + fe - strlen(sfx[k]), sfx[k], strlen(sfx[k])) == 0;
        if (desc && fe < nb + nl) {
            nl -= fe + 1 - nb;
            nb = fe + 1;
        }
    }
    char *name = org_clean(s + nb, nl);
    if (!name)
        return 0;
    char *list[NAMES_MAX];
    int k = 0;
    list[k++] = name;
    /* a ticker right after: "Alibaba (BABA)" */
    size_t q = nb + nl;
    while (q < e && s[q] == ' ')
        q++;
    if (!w->ticker[0])
        ticker_at(s, e, q, w->ticker, sizeof w->ticker);
    size_t b = nb;
    bool and_seen = false;
    while (k < NAMES_MAX) {
        size_t x = b;
        while (x > lo && s[x - 1] == ' ')
            x--;
        size_t y = x;
        if (x >= lo + 4 && memcmp(st->lc + x - 3, "and", 3) == 0 && s[x - 4] == ' ') {
            y = x - 4;
            and_seen = true;
        } else if (x > lo && s[x - 1] == ',' && and_seen) {
            y = x - 1; /* "A, B and C" */
        } else {
            break;
        }
        if (y >= lo + 1 && s[y - 1] == ',')
            y--;
        size_t b2, l2 = org_name_before(s, lo, y, &b2);
        if (!l2 || b2 + l2 != y)
            break;
        char *n2 = org_clean(s + b2, l2);
        if (!n2)
            break;
        list[k++] = n2;
        b = b2;
    }
    /* first named first */
    for (int i = k - 1; i >= 0; i--)
        who_add(w, list[i]);
    return 1;
}

/* A stock noun ending at e: "X's shares", "its New York-listed shares", "the
 * stock". Fills w; 0 when none. */
static int stock_noun(const scan_sent *st, size_t lo, size_t e, who *w)
{
    const char *lc = st->lc, *s = st->s;
    static const char *const nouns[] = {"shares", "stock", "share price", "share prices",
        "stock price", "adrs", "ads", "american depositary receipts", "units", "securities",
        "scrip", "counter"};
    size_t k = phrase_ending(lc, lo, e, nouns, COUNT(nouns), NULL);
    if (k == SCAN_NONE)
        return 0;
    /* adjectives: "New York-listed", "Class A", "common", "ordinary" */
    size_t x = k;
    for (int guard = 0; guard < 4; guard++) {
        size_t b, we = word_before(lc, lo, x, &b);
        if (we == b)
            break;
        static const char *const adj[] = {"common", "ordinary", "preferred", "class", "a", "b",
            "company", "group", "firm"};
        bool listed = we - b > 7 && (memcmp(lc + we - 7, "-listed", 7) == 0 ||
                                     memcmp(lc + we - 7, "-traded", 7) == 0);
        if (listed) {
            x = b;
            /* "New York-listed": the capitalised words before */
            size_t b2, we2 = word_before(lc, lo, x, &b2);
            if (we2 > b2 && str_isupper((unsigned char)s[b2]) && !(we2 > b2 + 2 && lc[we2 - 2] == '\''))
                x = b2;
            continue;
        }
        if (word_in(lc + b, we - b, adj, COUNT(adj))) {
            if (we - b <= 2 || memcmp(lc + b, "class", 5) == 0) {
                x = b;
                continue;
            }
        }
        break;
    }
    size_t b, we = word_before(lc, lo, x, &b);
    if (we == b) {
        w->pronoun = true; /* "Shares fell 3%" */
        return 1;
    }
    /* "Helix Inc. (NYSE: HLX) shares" */
    if (s[we - 1] == ')') {
        size_t o = we;
        while (o > lo && s[o - 1] != '(')
            o--;
        if (o > lo) {
            ticker_at(s, we, o - 1, w->ticker, sizeof w->ticker);
            return names_before(st, lo, o - 1, w) ? 1 : -1;
        }
    }
    /* "Helix, whose shares rose 5%" */
    if (we - b == 5 && memcmp(lc + b, "whose", 5) == 0) {
        size_t c = b;
        while (c > lo && (s[c - 1] == ' ' || s[c - 1] == ','))
            c--;
        if (c < b && names_before(st, lo, c, w))
            return 1;
        return -1;
    }
    static const char *const prons[] = {"its", "their", "the", "these", "those"};
    if (word_in(lc + b, we - b, prons, COUNT(prons))) {
        if (we - b == 5 || we - b == 6)
            if (memcmp(lc + b, "these", 5) == 0 || memcmp(lc + b, "those", 5) == 0)
                return -1; /* "shares of these companies" */
        w->pronoun = true;
        return 1;
    }
    /* "the company's shares", "the chipmaker's stock" */
    if (we - b > 2 && lc[we - 2] == '\'' && lc[we - 1] == 's' && str_islower((unsigned char)s[b])) {
        size_t b2, we2 = word_before(lc, lo, b, &b2);
        if (we2 - b2 == 3 && memcmp(lc + b2, "the", 3) == 0) {
            w->pronoun = true;
            return 1;
        }
        return -1;
    }
    if (names_before(st, lo, we, w))
        return 1;
    return -1;
}

/* The first comma piece when it is short and capitalised ("SK hynix, a key
 * supplier ..."), as a name. */
static char *first_chunk(const scan_sent *st, size_t t, size_t e)
{
    const char *s = st->s;
    while (t < e && s[t] == ' ')
        t++;
    size_t fw = t;
    while (fw < e && s[fw] != ' ' && s[fw] != ',')
        fw++;
    if (t >= e || !str_isupper((unsigned char)s[t]) || !org_name_word(s + t, fw - t))
        return NULL;
    size_t c = t;
    int words = 1;
    bool acro = fw - t <= 4;
    for (size_t i = t; i < fw && acro; i++)
        acro = str_isupper((unsigned char)s[i]);
    while (c < e && s[c] != ',') {
        if (s[c] == '\'' || s[c] == '(')
            return NULL;
        if (s[c] == ' ' && c + 1 < e && s[c + 1] != ',' && s[c + 1] != ' ') {
            words++;
            size_t b = c + 1, x = b;
            while (x < e && s[x] != ' ' && s[x] != ',')
                x++;
            /* "SK hynix": a lower-case brand after an acronym */
            if (!org_name_word(s + b, x - b) && !(acro && words == 2))
                return NULL;
        }
        c++;
    }
    if (words > 4)
        return NULL;
    size_t ce = c;
    while (ce > t && s[ce - 1] == ' ')
        ce--;
    return org_clean(s + t, ce - t);
}

static bool participle(const char *lc, size_t b, size_t e)
{
    size_t i = b;
    while (i < e && lc[i] == ' ')
        i++;
    size_t j = i;
    while (j < e && str_isalpha((unsigned char)lc[j]))
        j++;
    return j - i > 4 && memcmp(lc + j - 3, "ing", 3) == 0;
}

typedef enum subj_kind { SUBJ_NONE, SUBJ_FOUND, SUBJ_INHERIT } subj_kind;

typedef struct clause_info {
    bool perfect;   /* "has risen", "have jumped", "had gained" */
    bool already;
    bool modal;     /* "could rise", "is expected to fall" */
    bool progressive; /* "is dropping" */
    bool infinitive;  /* "expect shares to rise 20%" */
    bool relative;    /* "X, which jumped 14%" */
} clause_info;

/* Strips auxiliaries and adverbs before the verb at e, noting tense. */
static size_t trim_aux(const char *lc, size_t lo, size_t e, clause_info *ci)
{
    static const char *const perf[] = {"has", "have", "had", "having", "'ve"};
    static const char *const be[] = {"is", "are", "was", "were", "be", "been"};
    for (int guard = 0; guard < 8; guard++) {
        size_t b, we = word_before(lc, lo, e, &b);
        if (we == b)
            return we;
        size_t n = we - b;
        if (word_in(lc + b, n, perf, COUNT(perf))) {
            ci->perfect = true;
            e = b;
            continue;
        }
        if (n == 7 && memcmp(lc + b, "already", 7) == 0) {
            ci->already = true;
            e = b;
            continue;
        }
        if (word_in(lc + b, n, modals, COUNT(modals))) {
            ci->modal = true;
            e = b;
            continue;
        }
        if (n == 2 && memcmp(lc + b, "to", 2) == 0) {
            size_t b2, we2 = word_before(lc, lo, b, &b2);
            if (word_in(lc + b2, we2 - b2, modal_to, COUNT(modal_to)))
                ci->modal = true;
            ci->infinitive = true;
            e = b;
            continue;
        }
        if (word_in(lc + b, n, be, COUNT(be))) {
            e = b;
            continue;
        }
        if ((n == 5 && memcmp(lc + b, "which", 5) == 0) || (n == 3 && memcmp(lc + b, "who", 3) == 0)) {
            /* "Helix, which jumped 14%": the name before the comma */
            size_t c = b;
            while (c > lo && lc[c - 1] == ' ')
                c--;
            if (c > lo && lc[c - 1] == ',')
                ci->relative = true;
            e = b;
            continue;
        }
        if (word_in(lc + b, n, adverbs, COUNT(adverbs))) {
            e = b;
            continue;
        }
        return we;
    }
    return e;
}

/* A comma piece that describes rather than names: "a key supplier for
 * Nvidia", "which competes in that market", "closed Thursday at $248.55". */
static bool appositive_like(const char *s, size_t b, size_t e)
{
    while (b < e && s[b] == ' ')
        b++;
    return b >= e || str_islower((unsigned char)s[b]) || s[b] == '(' || s[b] == '$';
}

/* A participle clause with no name in it: "finishing the day", "rising
 * $2.87", "closing for the day's trade". */
static bool participle_chunk(const char *s, const char *lc, size_t b, size_t e)
{
    if (!participle(lc, b, e))
        return false;
    /* "Emerging market stocks", "Leading tech shares": a noun phrase */
    {
        size_t x = e;
        while (x > b && s[x - 1] == ' ')
            x--;
        size_t wb, we = word_before(lc, b, x, &wb);
        static const char *const nouns[] = {"stocks", "shares", "equities", "markets", "bonds",
            "currencies", "bourses"};
        if (we > wb && word_in(lc + wb, we - wb, nouns, COUNT(nouns)))
            return false;
    }
    for (size_t i = b + 1; i < e; i++)
        if (s[i - 1] == ' ' && org_capital(s + i, e - i)) /* "Xylo", "xVela" */
            return false;
    return true;
}

/* The subject within one comma piece [t, e) of the clause. */
static subj_kind subject_in(const scan_sent *st, size_t lo_list, size_t t, size_t e,
                            size_t e_full, bool appos, who *w)
{
    const char *s = st->s, *lc = st->lc;
    while (t < e && s[t] == ' ')
        t++;
    while (e > t && s[e - 1] == ' ')
        e--;
    if (t >= e)
        return SUBJ_NONE;
    size_t t2 = t;
    for (size_t k = 0; k < COUNT(subj_breaks); k++) {
        size_t m = strlen(subj_breaks[k]);
        const char *h = t2 < e ? memmem(lc + t2, e - t2, subj_breaks[k], m) : NULL;
        while (h) {
            t2 = (size_t)(h - lc) + m;
            h = t2 < e ? memmem(lc + t2, e - t2, subj_breaks[k], m) : NULL;
        }
    }
    if (t2 >= e)
        return SUBJ_NONE;
    /* the subject ends at the first head verb: "X closed at $5, up 3%" */
    /* (in lower case: "Advanced Micro Devices" is a name) */
    size_t e2 = scan_any(lc, e, t2, heads, COUNT(heads), NULL);
    while (e2 != SCAN_NONE && e2 < e && !str_islower((unsigned char)s[e2]) && !st->title)
        e2 = scan_any(lc, e, e2 + 1, heads, COUNT(heads), NULL);
    if (e2 == SCAN_NONE || e2 <= t2)
        e2 = e;
    else
        e2 = trim_aux(lc, t2, e2, &(clause_info){0});
    while (e2 > t2 && s[e2 - 1] == ' ')
        e2--;
    if (e2 <= t2)
        return SUBJ_NONE;
    /* the word before the verb names a market: "the Hang Seng tech index" */
    size_t ne = e2;
    {
        size_t b, we = word_before(lc, t2, e2, &b);
        if (we > b && s[we - 1] == ')') {
            size_t o = we;
            while (o > t2 && s[o - 1] != '(')
                o--;
            if (o > t2 && str_icasestr(s + o, we - o, "index"))
                w->market = true;
            else if (o > t2)
                ticker_at(s, we, o - 1, w->ticker, sizeof w->ticker);
            if (o > t2)
                ne = o - 1;
            we = word_before(lc, t2, ne, &b);
            while (ne > t2 && s[ne - 1] == ' ')
                ne--;
        }
        if (we > b && (word_in(lc + b, we - b, index_words, COUNT(index_words)) ||
                       (str_islower((unsigned char)s[b]) &&
                        word_in(lc + b, we - b, market_words, COUNT(market_words)))) &&
            !(we - b == 6 && memcmp(lc + b, "shares", 6) == 0) &&
            !(we - b == 5 && memcmp(lc + b, "stock", 5) == 0))
            w->market = true;
        if (w->market)
            return SUBJ_FOUND;
    }
    int sn = stock_noun(st, t2, ne, w);
    if (sn > 0)
        return SUBJ_FOUND;
    if (sn < 0) {
        who_free(w);
        return SUBJ_NONE;
    }
    if (other_quantity(st, t2, ne))
        return SUBJ_NONE;
    /* the names right before the verb, a list of them too ("Helix, Corvo and
     * Vanta rose 1%, 2% and 3%, respectively") */
    if (names_before(st, t2 == t ? lo_list : t2, ne, w))
        return SUBJ_FOUND;
    subject sj;
    if (subject_find(st, t2, e2, &sj)) {
        if (sj.pronoun)
            w->pronoun = true;
        else
            who_add(w, sj.name), sj.name = NULL;
        if (sj.ticker[0] && !w->ticker[0])
            memcpy(w->ticker, sj.ticker, sizeof w->ticker);
        free(sj.name);
        if (w->n || w->pronoun)
            return SUBJ_FOUND;
    }
    char *c = first_chunk(st, t2, ne);
    if (c) {
        who_add(w, c);
        return SUBJ_FOUND;
    }
    /* "The news sent its share prices rocketing", "... sent Sourcefire shares
     * soaring": the owner named later on */
    if (e2 < e_full && !appos) {
        size_t hv = e2;
        while (hv < e_full && s[hv] != ' ')
            hv++;
        if (stock_noun(st, hv, e_full, w) > 0)
            return SUBJ_FOUND;
        who_free(w);
    }
    /* "It rose 3%", "The company fell" */
    static const char *const prons[] = {"it", "the company", "the firm", "the group",
        "the stock", "the shares", "the chipmaker", "the startup", "shares", "the business"};
    for (size_t k = 0; k < COUNT(prons); k++)
        if (e2 - t2 == strlen(prons[k]) && memcmp(lc + t2, prons[k], e2 - t2) == 0) {
            w->pronoun = true;
            return SUBJ_FOUND;
        }
    return SUBJ_NONE;
}

/* The subject of the move whose verb starts at vb, read in [lo, vb). */
static subj_kind find_subject(const scan_sent *st, size_t lo, size_t vb, who *w, clause_info *ci)
{
    const char *s = st->s, *lc = st->lc;
    size_t e = trim_aux(lc, lo, vb, ci);
    size_t t = lo;
    /* connectors at the start */
    for (int guard = 0; guard < 4; guard++) {
        while (t < e && (s[t] == ' ' || s[t] == ',' || s[t] == ';'))
            t++;
        static const char *const conn[] = {"and ", "but ", "while ", "whereas ", "as ", "with ",
            "meanwhile ", "also ", "respectively ", "or ", "by contrast ", "in contrast "};
        bool cut = false;
        for (size_t k = 0; k < COUNT(conn) && !cut; k++)
            if (e - t > strlen(conn[k]) && memcmp(lc + t, conn[k], strlen(conn[k])) == 0) {
                t += strlen(conn[k]);
                cut = true;
            }
        if (!cut)
            break;
    }
    if (t >= e)
        return SUBJ_INHERIT;
    if (ci->relative) {
        size_t x = e;
        while (x > t && (s[x - 1] == ' ' || s[x - 1] == ','))
            x--;
        if (names_before(st, t, x, w))
            return SUBJ_FOUND;
    }
    /* "... 9% before paring gains to close up 4.5%": the move's own clause
     * goes on, with no new name */
    {
        static const char *const subord[] = {"before ", "after ", "then ", "paring ", "trimming ",
            "erasing ", "reversing ", "to "};
        bool sub = false;
        for (size_t k = 0; k < COUNT(subord) && !sub; k++)
            sub = e - t >= strlen(subord[k]) - 1 && memcmp(lc + t, subord[k], strlen(subord[k]) - 1) == 0 &&
                  (e - t == strlen(subord[k]) - 1 || lc[t + strlen(subord[k]) - 1] == ' ');
        bool named = false;
        for (size_t i = t + 1; i < e && !named; i++)
            named = s[i - 1] == ' ' && org_capital(s + i, e - i);
        if (sub && !named)
            return SUBJ_INHERIT;
    }
    /* "Shares of X", "shares in X", "stock of X" */
    static const char *const of[] = {"shares of ", "shares in ", "stock of ", "share price of ",
        "stock in "};
    for (size_t k = 0; k < COUNT(of); k++) {
        const char *h = memmem(lc + t, e - t, of[k], strlen(of[k]));
        if (!h)
            continue;
        size_t p = (size_t)(h - lc) + strlen(of[k]);
        size_t ne = 0;
        char *name = subject_object(st, p, e, &ne);
        if (!name)
            return SUBJ_NONE;
        char *br = strstr(name, " (");
        if (br) {
            *br = 0;
            char *c2 = org_clean(name, strlen(name));
            free(name);
            if (!c2)
                return SUBJ_NONE;
            name = c2;
        }
        /* "Shares of X's listed rival, Y, fell": the possessor names whose
         * relation moved; the shares are Y's */
        {
            size_t r = ne;
            while (r < e && s[r] == ' ')
                r++;
            size_t ap = 0;
            if (ne > 2 && s[ne - 1] == 's' && (s[ne - 2] == '\'' || (ne >= 4 && (unsigned char)s[ne - 4] == 0xE2)))
                ap = ne; /* the name's end took the possessive in */
            if (!ap && r + 2 < e && s[r] == '\'' && s[r + 1] == 's' && s[r + 2] == ' ')
                ap = r + 3;
            if (!ap && r + 4 < e && (unsigned char)s[r] == 0xE2 && (unsigned char)s[r + 1] == 0x80 &&
                (unsigned char)s[r + 2] == 0x99 && s[r + 3] == 's' && s[r + 4] == ' ')
                ap = r + 5;
            if (ap) {
                /* lower-case words (the relation), then ", Y" or " Y" */
                size_t q = ap;
                bool lower = false;
                while (q < e) {
                    while (q < e && s[q] == ' ')
                        q++;
                    if (q >= e || !(str_islower((unsigned char)s[q]) || s[q] == '-' ||
                                    (str_isupper((unsigned char)s[q]) && memmem(s + q, e - q, "-listed", 7) &&
                                     (size_t)((const char *)memmem(s + q, e - q, "-listed", 7) - s) < q + 20)))
                        break;
                    while (q < e && s[q] != ' ' && s[q] != ',')
                        q++;
                    lower = true;
                    if (q < e && s[q] == ',')
                        break;
                }
                if (lower && q < e && s[q] == ',')
                    q++;
                while (q < e && s[q] == ' ')
                    q++;
                size_t nb3, nl3 = lower ? org_name_after(s, e, q, &nb3) : 0;
                if (nl3 && nb3 == q) {
                    char *y = org_clean(s + nb3, nl3);
                    if (y) {
                        free(name);
                        name = y;
                        p = nb3;
                        ne = nb3 + nl3;
                    }
                }
            }
        }
        const char *br2 = memchr(s + p, '(', (ne + 2 < e ? ne + 2 : e) - p);
        size_t q = br2 ? (size_t)(br2 - s) : ne;
        while (q < e && s[q] == ' ')
            q++;
        ticker_at(s, e, q, w->ticker, sizeof w->ticker);
        who_add(w, name);
        /* "Shares in Helix and Corvo rose 4% and 2%, respectively" */
        while (w->n < NAMES_MAX) {
            size_t r = ne;
            while (r < e && (s[r] == ' ' || s[r] == ','))
                r++;
            if (r + 4 <= e && memcmp(lc + r, "and ", 4) == 0)
                r += 4;
            else if (r == ne || s[ne] != ',')
                break;
            size_t nb2, nl2 = org_name_after(s, e, r, &nb2);
            if (!nl2 || nb2 != r)
                break;
            char *n2 = org_clean(s + nb2, nl2);
            if (!n2)
                break;
            who_add(w, n2);
            ne = nb2 + nl2;
        }
        if (w->n > 1)
            w->ticker[0] = 0;
        return SUBJ_FOUND;
    }
    /* comma pieces (brackets kept whole) */
    size_t cuts[17];
    int nc = 0, depth = 0;
    cuts[nc++] = t;
    for (size_t i = t; i < e; i++) {
        if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && depth)
            depth--;
        else if (s[i] == ',' && depth == 0 && nc < 16)
            cuts[nc++] = i + 1;
    }
    size_t k2 = e;
    while (k2 < vb && s[k2] == ' ')
        k2++;
    bool appos = k2 < vb && s[k2] == ',';
    int k = nc - 1;
#define CHUNK_END(k) ((k) + 1 < nc ? cuts[(k) + 1] - 1 : e)
    if (appos) {
        /* "SK hynix, a key supplier for Nvidia, jumped": the piece before
         * the descriptions */
        while (k > 0 && appositive_like(s, cuts[k], CHUNK_END(k)))
            k--;
        if (k == nc - 1 && nc == 1)
            appos = false;
    } else {
        /* "X soared on Tuesday, finishing the day up 16.8%" */
        while (k >= 0 && participle_chunk(s, lc, cuts[k], CHUNK_END(k)))
            k--;
        if (k < 0)
            return SUBJ_INHERIT;
    }
    subj_kind r = subject_in(st, t, cuts[k], CHUNK_END(k), e, appos && k < nc - 1, w);
    if (r == SUBJ_NONE && !appos && k > 0 && appositive_like(s, cuts[k], CHUNK_END(k)) &&
        !other_quantity(st, cuts[k], CHUNK_END(k))) {
        /* "Brevant, which said it would appeal, saw its shares close down":
         * a verb phrase whose subject is an earlier piece */
        int j = k - 1;
        while (j > 0 && appositive_like(s, cuts[j], CHUNK_END(j)))
            j--;
        who_free(w);
        r = subject_in(st, t, cuts[j], CHUNK_END(j), e, true, w);
    }
#undef CHUNK_END
    if (r == SUBJ_NONE && k > 0 && k == nc - 1 && !appos) {
        /* "..., and is now down 13%": the piece before */
        size_t b = cuts[k];
        while (b < e && s[b] == ' ')
            b++;
        if (b >= e)
            return SUBJ_INHERIT;
    }
    return r;
}

/* ---- the reader ---- */

/* A line after the headline written as a headline: a present-tense move
 * ("X shares slide 5% after ...") and no closing full stop. Related-article
 * links and teasers look like this; a subheading that restates the story's
 * move loses nothing. */
static bool teaser(const scan_sent *st, const move *mv)
{
    size_t n = st->n;
    while (n > 0 && (st->s[n - 1] == ' ' || st->s[n - 1] == '"' || st->s[n - 1] == '\''))
        n--;
    if (n == 0 || st->s[n - 1] == '.' || st->s[n - 1] == '!' || st->s[n - 1] == '?')
        return false;
    const char *lc = st->lc;
    size_t b = mv->vb, e = b;
    while (e < mv->ve && str_isalpha((unsigned char)lc[e]))
        e++;
    size_t l = e - b;
    if (l < 3)
        return false;
    /* past tense and participles: "rose", "jumped", "rising"; the rest of
     * the verbs are present: "jumps", "slide" */
    static const char *const past[] = {"rose", "fell", "sank", "slid", "shed", "lost", "shot",
        "leapt", "gave", "went", "shrank", "dived", "dove", "was", "were", "is", "are", "has",
        "off", "down", "closed", "ended"};
    if (word_in(lc + b, l, past, COUNT(past)) || (l > 2 && memcmp(lc + e - 2, "ed", 2) == 0) ||
        (l > 3 && memcmp(lc + e - 3, "ing", 3) == 0))
        return false;
    /* "to rise", "could fall": not a headline's tense */
    size_t wb, we = word_before(lc, 0, b, &wb);
    return !(we - wb == 2 && memcmp(lc + wb, "to", 2) == 0) && !word_in(lc + wb, we - wb, modals, COUNT(modals));
}

/* 1 when [lo, pb) is only a connector and a name: ", Corvo" or " and
 * Corvo" before a percentage whose verb was said once already. */
static bool gapped_name(const scan_sent *st, size_t lo, size_t pb)
{
    const char *s = st->s;
    size_t t = lo;
    while (t < pb && (s[t] == ' ' || s[t] == ','))
        t++;
    if (t + 4 <= pb && memcmp(st->lc + t, "and ", 4) == 0)
        t += 4;
    if (t == lo || t >= pb)
        return false;
    size_t e = pb;
    while (e > t && s[e - 1] == ' ')
        e--;
    size_t nb, nl = org_name_before(s, t, e, &nb);
    return nl && nb == t && nb + nl == e;
}

/* The name a sentence opens with ("Helix said revenue rose 15%, and its
 * shares jumped 9%"): whom a later "its shares" in it means. Caller frees. */
static char *sentence_topic(const scan_sent *st)
{
    const char *s = st->s;
    size_t t = 0;
    if (str_starts(s, "But ") || str_starts(s, "And "))
        t = 4;
    size_t b, l = org_name_after(s, st->n, t, &b);
    if (!l || b != t)
        return NULL;
    char *name = org_clean(s + b, l);
    if (name && market_name(name)) {
        free(name);
        return NULL;
    }
    return name;
}

#define PCT_MAX 24

static void note_approx(stock_state *ss, const char *name, double pct)
{
    if (ss->n_approx >= APPROX_MAX || !name || strlen(name) >= sizeof ss->approx[0].name)
        return;
    strcpy(ss->approx[ss->n_approx].name, name);
    ss->approx[ss->n_approx].pct = pct;
    ss->n_approx++;
}

static void add_event(scan_doc *d, const scan_sent *st, const char *company, const char *ticker,
                      const move *mv, double pct)
{
    event_t *e = event_list_add(d->out, EVENT_STOCK_MOVE);
    e->company = xstrdup(company);
    if (ticker && ticker[0])
        e->ticker = xstrdup(ticker);
    e->change_pct = mv->down ? -fabs(pct) : fabs(pct);
    e->close_price = mv->close;
    scan_provenance(st, e);
    e->confidence = ticker && ticker[0] ? 0.8 : mv->approx ? 0.6 : 0.7;
    d->stock_ctx = 1;
}

/* Remembers whom the sentence's share-price talk is about, without a
 * percentage: "Nvidia Shares Continue To Slide", "X's stock jumped". */
static void track_company(const scan_sent *st, stock_state *ss)
{
    const char *lc = st->lc;
    static const char *const nouns[] = {" shares", "'s shares", " stock", "'s stock"};
    for (size_t k = 0; k < COUNT(nouns); k++) {
        const char *h = memmem(lc, st->n, nouns[k], strlen(nouns[k]));
        if (!h || h == lc)
            continue;
        size_t e = (size_t)(h - lc);
        size_t nb, nl = org_name_before(st->s, 0, e, &nb);
        if (!nl)
            continue;
        char *name = org_clean(st->s + nb, nl);
        /* "Chip shares rose": a descriptor, not a name */
        if (name && !market_name(name) && !org_descriptor(name, strlen(name)))
            set_company(ss, name);
        free(name);
        return;
    }
}

int stock_read(scan_doc *d, const scan_sent *st)
{
    stock_state *ss = state_for(d, st);
    bool pc = memchr(st->s, '%', st->n) || memmem(st->lc, st->n, "percent", 7) ||
              memmem(st->lc, st->n, "per cent", 8) || memmem(st->lc, st->n, "pc", 2) ||
              memmem(st->lc, st->n, "pct", 3);
    bool stocky = scan_any(st->lc, st->n, 0, stock_words, COUNT(stock_words), NULL) != SCAN_NONE;
    if (stocky) {
        d->stock_ctx = 1;
        track_company(st, ss);
    }
    if (!pc)
        return 0;
    pct_at pcts[PCT_MAX];
    size_t np = find_percents(st, pcts, PCT_MAX);
    if (!np)
        return 0;
    const char *s = st->s, *lc = st->lc;
    int added = 0;
    bool live = scan_has_stem(lc, st->n, intraday_sentence, COUNT(intraday_sentence));
    size_t lo = 0;          /* where the current move's subject may start */
    who prev = {0};         /* the subject of the move before, in this sentence */
    bool last_down = false; /* and its direction */
    bool have_prev = false;
    for (size_t i = 0; i < np; i++) {
        const pct_at *p = &pcts[i];
        if (in_parens(s, st->n, p->b, p->e))
            continue;
        move mv;
        memset(&mv, 0, sizeof mv);
        mv.close = NAN;
        mv.pct = p->v;
        mv.pb = p->b;
        mv.pe = p->e;
        mv.end = p->e;
        if (!verb_before(st, lo, p, &mv) && !verb_after(st, lo, p, &mv)) {
            /* "Helix jumped 12% and Corvo 8%": the verb said once */
            if (!have_prev || !gapped_name(st, lo, p->b))
                continue;
            mv.vb = mv.ve = p->b;
            mv.down = last_down;
        }
        last_down = mv.down;
        /* "5.5% and 3.7%, respectively" */
        size_t q = p->e;
        while (i + 1 < np && mv.n_extra < 4) {
            size_t r = q;
            while (r < st->n && (s[r] == ' ' || s[r] == ','))
                r++;
            if (r + 4 <= st->n && memcmp(lc + r, "and ", 4) == 0)
                r += 4;
            while (r < st->n && s[r] == ' ')
                r++;
            if (r != pcts[i + 1].b || r == q)
                break;
            mv.extra[mv.n_extra++] = pcts[i + 1].v;
            q = pcts[i + 1].e;
            i++;
        }
        if (mv.end < q)
            mv.end = q;
        size_t next_b = i + 1 < np ? pcts[i + 1].b : st->n;
        size_t tend = tail_end(st, mv.end, next_b);
        if (isnan(mv.close))
            price_after(st, mv.end, tend, &mv);
        if (isnan(mv.close)) {
            bool cue = false;
            mv.close = price_before(st, lo, mv.vb, &cue);
            mv.close_cue |= cue;
        }
        /* the subject */
        who w = {0};
        clause_info ci = {0};
        subj_kind sk = find_subject(st, lo, mv.vb, &w, &ci);
        if (sk == SUBJ_INHERIT && have_prev) {
            w = prev;
            for (int k = 0; k < w.n; k++)
                w.names[k] = xstrdup(prev.names[k]);
        } else if (sk == SUBJ_INHERIT) {
            w.pronoun = true;
        }
        size_t next_lo = tend > mv.end ? tend : mv.end;
        /* a commodity's, a currency's or an index's move: its wire code or
         * head noun before the verb, or its price in a unit ("per barrel") */
        if (!w.market && (instrument_clause(st, lo, mv.vb) ||
                          scan_after(lc, st->n, mv.pe, tend > mv.pe ? (tend - mv.pe < 40 ? tend - mv.pe : 40) : 0,
                                     commodity_units, COUNT(commodity_units))))
            w.market = true;
        /* what the clause says about time */
        const char *why = NULL;
        size_t pre = lo;
        /* the clause's opening words: "In early trading, ...", "Since May, ..." */
        size_t pre_end = lo;
        while (pre_end < mv.vb && s[pre_end] != ',')
            pre_end++;
        if (mv.as_much || stem_in(lc, pre, pre_end, intraday, COUNT(intraday)) ||
            stem_in(lc, mv.pe, tend, intraday, COUNT(intraday)) ||
            (!mv.close_cue && clock_in(lc, mv.pe, tend)))
            why = "intraday";
        else if (live && !mv.close_cue)
            why = "intraday (the sentence's quotes)";
        else if (mv.state && (mv.at_price || str_starts(lc + mv.vb, "is ") || str_starts(lc + mv.vb, "are ")) && !mv.close_cue)
            why = "a quote while trading";
        else if (ci.perfect || ci.already || period_in(lc, mv.pe, tend) ||
                 stem_in(lc, pre, pre_end, period, COUNT(period)) || year_after(lc, mv.pe, tend))
            why = "a move over a period or in the past";
        else if (ci.modal || (ci.infinitive && !mv.close_cue))
            why = "a forecast";
        else if (mv.aggregate || (!mv.noun_form && scan_after(lc, st->n, mv.pe, 3, of_what, COUNT(of_what))))
            why = "a percentage of something else";
        else if (stem_in(lc, mv.pe, tend, (const char *const[]){"premium", "discount"}, 2) ||
                 (!mv.close_cue && per_share_before(lc, lo, mv.vb)))
            why = "a deal price";
        else if (w.market)
            why = "a market or index";
        else if (!w.n && !w.pronoun)
            why = "no company";
        else if (!(stocky || d->stock_ctx || w.ticker[0] || !isnan(mv.close) || (w.n && !mv.noun_form)))
            why = "no share-price context"; /* "It rose 3%" in an article about anything */
        const char *names[NAMES_MAX];
        int nn = 0;
        if (w.pronoun && !w.n && st->index == 0 && !why)
            why = "a headline's move without a name";
        if (!why && st->index > 0 && teaser(st, &mv))
            why = "a headline further down the page (a link or teaser)";
        char *topic = NULL;
        if (w.pronoun && !w.n && lo > 0)
            topic = sentence_topic(st);
        if (w.pronoun && !w.n) {
            const char *pc2 = topic ? topic : pronoun_company(d, ss);
            if (pc2)
                names[nn++] = pc2;
            else if (!why)
                why = "no company";
        }
        for (int k = 0; k < w.n; k++)
            if (!market_name(w.names[k]))
                names[nn++] = w.names[k];
            else if (!why)
                why = "a market or index";
        if (nn && !w.market && why != NULL && strcmp(why, "no company") != 0)
            set_company(ss, names[nn - 1]);
        if (why) {
            scan_note(d, st, "stock: %.*s: %s", (int)(mv.pe - mv.vb), s + mv.vb, why);
        } else {
            for (int k = 0; k < nn; k++) {
                double pct = mv.pct;
                if (nn > 1 && mv.n_extra == nn - 1 && k > 0)
                    pct = mv.extra[k - 1];
                move one = mv;
                if (nn > 1)
                    one.close = NAN;
                add_event(d, st, names[k], nn == 1 ? w.ticker : NULL, &one, pct);
                if (mv.approx || st->index == 0)
                    note_approx(ss, names[k], d->out->items[d->out->n - 1].change_pct);
                added++;
            }
            if (nn)
                set_company(ss, names[nn - 1]);
        }
        free(topic);
        if (have_prev)
            who_free(&prev);
        prev = w;
        have_prev = true;
        lo = next_lo;
    }
    if (have_prev)
        who_free(&prev);
    return added;
}

/* ---- the article ---- */

/* The long name the article gives a short one: "Advanced Micro Devices
 * (AMD)" for "AMD". Caller frees; NULL when none. */
static char *long_form(const char *abbr, const scan_sent *sents, size_t n)
{
    size_t l = strlen(abbr);
    if (l < 2 || l > 6)
        return NULL;
    for (size_t i = 0; i < l; i++)
        if (!str_isupper((unsigned char)abbr[i]))
            return NULL;
    char pat[12];
    pat[0] = '(';
    memcpy(pat + 1, abbr, l);
    pat[l + 1] = ')';
    pat[l + 2] = 0;
    for (size_t i = 0; i < n; i++) {
        const char *h = memmem(sents[i].s, sents[i].n, pat, l + 2);
        if (!h || h == sents[i].s)
            continue;
        size_t e = (size_t)(h - sents[i].s);
        size_t nb, nl = org_name_before(sents[i].s, 0, e, &nb);
        if (!nl)
            continue;
        char *name = org_clean(sents[i].s + nb, nl);
        if (name && strlen(name) > l && !market_name(name))
            return name;
        free(name);
    }
    return NULL;
}

/* "Kestrel Litho" and "Kestrel Lithography": the same first word. */
static bool first_word_same(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t i = 0;
    while (a[i] && b[i] && a[i] != ' ' && b[i] != ' ' && a[i] == b[i])
        i++;
    return i >= 4 && (a[i] == ' ' || !a[i] || b[i] == ' ' || !b[i]);
}

static bool was_approx(const stock_state *ss, const event_t *e)
{
    for (size_t i = 0; i < ss->n_approx; i++)
        if (e->company && strcmp(ss->approx[i].name, e->company) == 0 &&
            fabs(ss->approx[i].pct - e->change_pct) < 1e-9)
            return true;
    return false;
}

void stock_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    stock_state *ss = state_for(d, NULL);
    event_list *l = d->out;
    /* short names get the article's long form */
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        if (e->type != EVENT_STOCK_MOVE || !e->company)
            continue;
        char *lf = long_form(e->company, sents, n);
        if (lf) {
            bool ap = was_approx(ss, e);
            if (!e->ticker)
                e->ticker = xstrdup(e->company);
            free(e->company);
            e->company = lf;
            if (ap)
                note_approx(ss, lf, e->change_pct);
        }
    }
    /* a rounded figure told again precisely is one move */
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        bool drop = false;
        if (e->type == EVENT_STOCK_MOVE && was_approx(ss, e)) {
            for (size_t j = 0; j < l->n && !drop; j++) {
                const event_t *f = &l->items[j];
                if (j == i || f->type != EVENT_STOCK_MOVE || was_approx(ss, f))
                    continue;
                if (!org_same(e->company, f->company) && !first_word_same(e->company, f->company) &&
                    !(e->ticker && f->ticker && strcmp(e->ticker, f->ticker) == 0))
                    continue;
                if ((e->change_pct < 0) == (f->change_pct < 0) &&
                    fabs(e->change_pct - f->change_pct) < 1.0)
                    drop = true;
            }
        }
        if (drop) {
            event_clear(e);
            continue;
        }
        if (w != i)
            l->items[w] = *e;
        w++;
    }
    l->n = w;
    memset(ss, 0, sizeof *ss);
}
