/* deal: acquisitions: acquirer, target and price.
 *
 * A sentence is read trigger by trigger (the verbs, nouns and phrases that
 * tell of a purchase), each one judged in its own clause: "in talks",
 * "terminating", "which it bought in 2019" or "In September" near the
 * trigger make it not news, words elsewhere in the sentence do not. The
 * acquirer is the subject of the trigger's verb chain ("X said on Monday it
 * would buy", "X has reached a deal to buy"), a pronoun or a role ("the
 * company", "the Japanese chipmaker") resolves to the article's company; the
 * target is the name after the verb, past descriptors and appositives
 * ("Germany's third-largest operator, E-Plus,"). deal_finish then folds
 * the same deal told several times and takes its value from a later
 * sentence ("The deal is valued at $44 billion"). */
#include "analyze/deal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/funding.h"
#include "analyze/money.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

typedef enum trig_kind {
    T_ACTIVE,  /* X acquires Y */
    T_PASSIVE, /* Y was acquired by X, Y agreed to sell itself to X */
    T_NOUN,    /* X's acquisition of Y, the acquisition of Y by X */
    T_OFFER,   /* Y agreed to X's offer */
    T_SELL,    /* X sold Y to Z */
    T_PRIVATE, /* X takes Y private */
    T_COMPOUND,/* X completes Y acquisition */
} trig_kind;

typedef struct trig {
    const char *w;
    trig_kind k;
} trig;

static const trig trigs[] = {
    {"acquire", T_ACTIVE}, {"acquires", T_ACTIVE}, {"acquired", T_ACTIVE},
    {"acquiring", T_ACTIVE}, {"buy", T_ACTIVE}, {"buys", T_ACTIVE}, {"bought", T_ACTIVE},
    {"buying", T_ACTIVE}, {"purchase", T_ACTIVE}, {"purchases", T_ACTIVE},
    {"purchased", T_ACTIVE}, {"purchasing", T_ACTIVE}, {"snaps up", T_ACTIVE},
    {"snapped up", T_ACTIVE}, {"snap up", T_ACTIVE}, {"snapping up", T_ACTIVE},
    {"takes over", T_ACTIVE}, {"took over", T_ACTIVE}, {"take over", T_ACTIVE},
    {"taking over", T_ACTIVE}, {"scoops up", T_ACTIVE}, {"scooped up", T_ACTIVE},
    {"scoop up", T_ACTIVE}, {"buy out", T_ACTIVE}, {"buys out", T_ACTIVE},
    {"bought out", T_ACTIVE}, {"picks up", T_ACTIVE}, {"picked up", T_ACTIVE},
    {"pick up", T_ACTIVE}, {"gobbles up", T_ACTIVE}, {"gobbled up", T_ACTIVE},
    {"acquired by", T_PASSIVE}, {"bought by", T_PASSIVE}, {"purchased by", T_PASSIVE},
    {"taken over by", T_PASSIVE}, {"snapped up by", T_PASSIVE}, {"bought out by", T_PASSIVE},
    {"sell itself to", T_PASSIVE}, {"sold itself to", T_PASSIVE}, {"sells itself to", T_PASSIVE},
    {"be sold to", T_PASSIVE}, {"being sold to", T_PASSIVE}, {"was sold to", T_PASSIVE},
    {"were sold to", T_PASSIVE}, {"been sold to", T_PASSIVE},
    {"acquisition of", T_NOUN}, {"purchase of", T_NOUN}, {"takeover of", T_NOUN},
    {"buyout of", T_NOUN}, {"tender offer for", T_NOUN}, {"control of", T_NOUN},
    {"agreed to", T_OFFER}, {"agrees to", T_OFFER}, {"agree to", T_OFFER},
    {"accepted", T_OFFER}, {"accepts", T_OFFER}, {"accept", T_OFFER},
    {"sell", T_SELL}, {"sells", T_SELL}, {"sold", T_SELL}, {"selling", T_SELL},
    /* "takeover" and "buyout" in a compound may name either side ("the
     * Microsoft takeover"): only "acquisition" */
    {"acquisition", T_COMPOUND},
    {"take", T_PRIVATE}, {"takes", T_PRIVATE}, {"taking", T_PRIVATE}, {"took", T_PRIVATE},
};

static const char *trig_words[COUNT(trigs)];

/* Words in the trigger's clause that make it not news: talks, bids,
 * rumours, deals called off. */
static const char *const not_news_before[] = {
    "in talks", "talks to", "talks with", "in discussions", "discussions to", "negotiations",
    "negotiating", "considering", "consider", "exploring", "explore", "weighing", "weighs",
    "weigh", "mulls", "mulling", "rumored", "rumoured", "rumor", "rumour", "could", "might",
    "interested in", "approached", "bid for", "attempted",
    "rejected", "rejects", "reject", "blocked", "blocks", "block", "abandoned", "abandons",
    "scrapped", "called off", "terminated", "terminating", "terminates", "terminate",
    "walked away", "pulled out", "close to", "closer to", "nearing", "near a deal", "no longer",
    "failed", "fails", "hostile", "unsolicited", "would have", "whether", "seeking to",
    "seeks to", "looking to", "looks to", "aims to", "wants to", "hopes to", "tried", "try to",
    "potential", "possible", "speculation", "offered to", "offers to", "proposal to",
    "proposed to", "sought to", "plan to sell", "if", "unless",
    "opposed", "opposes", "fend off", "thwart", "bidding war", "suitor", "suitors",
    "lost out", "outbid", "backed out", "back out", "backs out", "pulls out", "nears", "acqui-hire",
    "acquihire", "licensing", "licence", "license",
};

/* right after the trigger: "takeover talks", "acquisition bid" */
static const char *const not_news_near[] = {"talks", "discussions", "negotiations", "bid",
    "attempt", "rumor", "rumour", "rumors", "rumours", "speculation"};

/* later in the trigger's clause: "the acquisition of Y was blocked" */
static const char *const not_news_after[] = {
    "blocked", "collapsed", "fell through", "was terminated", "were terminated",
    "was called off", "abandoned", "scrapped", "rejected", "was dropped", "fell apart",
    "is being explored", "was blocked", "acqui-hire", "acquihire", "acqui-hiring",
    "licensing", "licence", "license",
};

/* earlier in the sentence: a list of other deals */
static const char *const deal_list[] = {"latest in a", "series of", "string of", "spate of",
    "wave of", "flurry of", "recent deals", "other deals", "previous deals", "past deals",
    "earlier deals", "deals in recent"};

/* Words right before a trigger that make it history: "after acquiring",
 * "which it bought", "had acquired", "its earlier purchase of". */
static const char *const history_before[] = {
    "after", "since", "following", "had", "previously", "earlier", "prior", "once", "former",
    "past", "previous", "last", "recent", "historic", "already",
    "including", "like", "such as", "as with", "when",
};

static const char *const months[] = {"january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};

static const char *const ago_words[] = {"last year", "a year ago", "years ago", "last month",
    "earlier this year", "in recent months", "earlier in the year", "months ago",
    "last decade", "in recent years", "over the years", "in the past", "at the time"};

static bool word_is(const char *lc, size_t n, size_t i, const char *w)
{
    size_t m = strlen(w);
    return i + m <= n && memcmp(lc + i, w, m) == 0 && (i + m == n || !str_isalnum((unsigned char)lc[i + m])) &&
           (i == 0 || !str_isalnum((unsigned char)lc[i - 1]));
}

/* The word that ends at or before e (spaces skipped): its span. Returns 0
 * when there is none after lo. */
static int word_before(const char *s, size_t lo, size_t e, size_t *wb, size_t *we)
{
    while (e > lo && s[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > lo && s[b - 1] != ' ')
        b--;
    *wb = b;
    *we = e;
    return b < e;
}

static size_t word_after(const char *s, size_t n, size_t i, size_t *we)
{
    while (i < n && s[i] == ' ')
        i++;
    size_t e = i;
    while (e < n && s[e] != ' ')
        e++;
    *we = e;
    return i;
}

static bool in_words(const char *lc, size_t b, size_t e, const char *const *list, size_t cnt)
{
    for (size_t k = 0; k < cnt; k++)
        if (strlen(list[k]) == e - b && memcmp(lc + b, list[k], e - b) == 0)
            return true;
    return false;
}

/* Where the sentence proper starts: after a " date 2024-04-26" stamp and a
 * "May 29" wire date. */
static size_t body_start(const scan_sent *st)
{
    const char *lc = st->lc;
    size_t n = st->n, i = 0;
    while (i < n && lc[i] == ' ')
        i++;
    if (i + 6 < n && memcmp(lc + i, "date ", 5) == 0 && str_isdigit((unsigned char)lc[i + 5])) {
        i += 5;
        while (i < n && (str_isdigit((unsigned char)lc[i]) || lc[i] == '-' || lc[i] == '/'))
            i++;
        while (i < n && lc[i] == ' ')
            i++;
    }
    /* "BERLIN: ", "NEW YORK - ": an all-caps dateline */
    {
        size_t j = i;
        while (j < n && (str_isupper((unsigned char)st->s[j]) || st->s[j] == ' ' || st->s[j] == '.'))
            j++;
        if (j >= i + 3 && j + 1 < n && (st->s[j] == ':' || (st->s[j] == '-' && st->s[j - 1] == ' ')) &&
            st->s[j + 1] == ' ')
            i = j + 2;
        while (i < n && lc[i] == ' ')
            i++;
    }
    /* "May 29 Intel Corp ..." */
    for (size_t k = 0; k < COUNT(months); k++) {
        size_t m = strlen(months[k]);
        if (i + m + 2 < n && memcmp(lc + i, months[k], m) == 0 && lc[i + m] == ' ' &&
            str_isdigit((unsigned char)lc[i + m + 1])) {
            size_t j = i + m + 1;
            while (j < n && str_isdigit((unsigned char)lc[j]))
                j++;
            if (j < n && lc[j] == ' ' && j + 1 < n && str_isupper((unsigned char)st->s[j + 1]))
                i = j + 1;
            break;
        }
    }
    return i;
}

/* Start of the trigger's clause: after the last ", " / ": " / " - " /
 * "(" before pos, no further back than lo. */
static size_t clause_start(const scan_sent *st, size_t lo, size_t pos)
{
    size_t i = pos;
    while (i > lo) {
        char c = st->s[i - 1];
        if ((c == ',' || c == ':' || c == ';' || c == '(') && i < st->n && st->s[i] == ' ')
            return i;
        if (c == '-' && i >= 2 && st->s[i - 2] == ' ' && i < st->n && st->s[i] == ' ')
            return i;
        i--;
    }
    return lo;
}

static size_t clause_end(const scan_sent *st, size_t pos)
{
    for (size_t i = pos; i < st->n; i++)
        if ((st->s[i] == ',' || st->s[i] == ';' || st->s[i] == '(') && i + 1 < st->n && st->s[i + 1] == ' ')
            return i;
    return st->n;
}

/* 1 when a month other than the article's is told near pos ("In
 * September, X agreed to buy", "agreed to buy Y in March"), or "last
 * year" and the like: an earlier deal. */
static bool old_when(const scan_doc *d, const scan_sent *st, size_t lo, size_t pos, size_t tail)
{
    const char *lc = st->lc;
    size_t cb = clause_start(st, lo, pos);
    size_t from = pos - cb > 90 ? pos - 90 : cb;
    size_t to = tail + 60 < st->n ? tail + 60 : st->n;
    size_t ce = clause_end(st, tail);
    size_t yto = ce < to ? ce : to;
    /* a year before the article's */
    int y = scan_year(st->s, from, yto);
    if (y && d->ref_year && y < d->ref_year)
        return true;
    if (scan_any(lc, yto, from, ago_words, COUNT(ago_words), NULL) != SCAN_NONE)
        return true;
    if (scan_any(lc, pos, lo, deal_list, COUNT(deal_list), NULL) != SCAN_NONE)
        return true;
    /* the clause that opens the sentence ("In September, ...") and the
     * trigger's own */
    for (size_t i = lo; i < to; i++) {
        if (i == lo + 20 && from > i)
            i = from;
        if (!str_isupper((unsigned char)st->s[i]) || (i > 0 && str_isalnum((unsigned char)lc[i - 1])))
            continue;
        for (size_t k = 0; k < COUNT(months); k++) {
            if (!word_is(lc, to, i, months[k]))
                continue;
            size_t wb, we;
            if (!word_before(lc, 0, i, &wb, &we))
                continue;
            bool in = in_words(lc, wb, we, (const char *const[]){"in", "since", "early", "late", "mid"}, 5);
            if (!in)
                continue;
            /* "expected to close in March" is the future */
            size_t b2 = wb > 30 ? wb - 30 : 0;
            static const char *const fut[] = {"close", "closing", "complete", "completed by",
                "expected", "until", "by the end", "later", "due"};
            if (scan_any(lc, wb, b2, fut, COUNT(fut), NULL) != SCAN_NONE)
                continue;
            if (d->ref_month && (int)k + 1 != d->ref_month)
                return true;
        }
    }
    return false;
}

/* 1 when the trigger at p is told as not news: talks, bids, deals called
 * off, in its own clause. */
static bool not_news(const scan_sent *st, size_t lo, size_t p, size_t tail)
{
    const char *lc = st->lc;
    size_t cb = clause_start(st, lo, p);
    size_t from = p > 90 && p - 90 > cb ? p - 90 : cb;
    size_t w = SCAN_NONE;
    size_t hit = scan_any(lc, p, from, not_news_before, COUNT(not_news_before), &w);
    while (hit != SCAN_NONE) {
        /* "may" is also a month; "if" in "if approved" is a condition on a deal */
        if (strcmp(not_news_before[w], "if") == 0 && scan_word(lc, p, hit, "if approved") == hit) {
            hit = scan_any(lc, p, hit + 1, not_news_before, COUNT(not_news_before), &w);
            continue;
        }
        return true;
    }
    if (scan_word(st->s, p, from, "may") != SCAN_NONE)
        return true;
    /* a denial close before: "said it would not buy", "has no plans to buy" */
    static const char *const denial[] = {"not", "won't", "wouldn't", "didn't", "doesn't",
        "don't", "isn't", "never", "no plans", "declined to",
        "denied", "denies", "refused", "ruled out"};
    size_t dfrom = p > 30 && p - 30 > from ? p - 30 : from;
    if (scan_any(lc, p, dfrom, denial, COUNT(denial), NULL) != SCAN_NONE)
        return true;
    size_t near = tail + 14 < st->n ? tail + 14 : st->n;
    if (scan_any(lc, near, tail, not_news_near, COUNT(not_news_near), NULL) != SCAN_NONE)
        return true;
    size_t ce = clause_end(st, tail);
    if (ce > tail + 60)
        ce = tail + 60 < st->n ? tail + 60 : st->n;
    if (scan_any(lc, ce, tail, not_news_after, COUNT(not_news_after), NULL) != SCAN_NONE)
        return true;
    return false;
}

/* 1 when the words right before the trigger tell of an earlier deal:
 * "after acquiring", "which it bought", "had acquired", "its 2019
 * acquisition of", "including X's purchase of". */
static bool history(const scan_sent *st, size_t lo, size_t p, trig_kind k)
{
    const char *lc = st->lc;
    size_t cb = clause_start(st, lo, p);
    size_t e = p;
    /* up to three words back: "after its acquisition", "which it bought",
     * "including Nvidia's acquisition" */
    for (int i = 0; i < 4; i++) {
        size_t wb, we;
        if (!word_before(lc, cb, e, &wb, &we))
            break;
        size_t m = we - wb;
        if (in_words(lc, wb, we, history_before, COUNT(history_before)))
            return true;
        if (m == 5 && memcmp(lc + wb, "which", 5) == 0) {
            /* "Y, which X agreed to acquire" is news; "which it bought" is not */
            bool agreed = scan_any(lc, p, wb, (const char *const[]){"agreed", "agrees", "will",
                "plans", "is set", "is to", "would", "is acquiring", "is buying", "is being",
                "are being"}, 11, NULL) != SCAN_NONE;
            return !agreed;
        }
        if ((m == 4 && memcmp(lc + wb, "that", 4) == 0) || (m == 3 && memcmp(lc + wb, "who", 3) == 0)) {
            /* "announced that it has acquired": "that" after a verb of saying */
            static const char *const say[] = {"said", "says", "announced", "announces", "confirmed",
                "confirms", "revealed", "reveals", "reported", "disclosed", "stated", "noted",
                "added", "explained"};
            size_t xb, xe;
            if (word_before(lc, lo, wb, &xb, &xe) && in_words(lc, xb, xe, say, COUNT(say)))
                return false;
            bool agreed = scan_any(lc, p, wb, (const char *const[]){"agreed", "agrees", "will",
                "plans", "is set", "is to", "would"}, 7, NULL) != SCAN_NONE;
            bool past = k == T_PASSIVE || (p + 2 < st->n && (memcmp(lc + p, "acquired", 8) == 0 ||
                                                        memcmp(lc + p, "bought", 6) == 0 ||
                                                        memcmp(lc + p, "purchased", 9) == 0));
            return past && !agreed;
        }
        /* a year as a modifier: "its 2019 acquisition of" */
        if (m == 4 && str_isdigit((unsigned char)lc[wb]) && str_isdigit((unsigned char)lc[wb + 3]))
            return true;
        /* only small words, an owner or a name stand between: "after its",
         * "since Marlowe bought", "including Nvidia's" */
        bool small = m <= 5 || (m > 2 && lc[we - 2] == '\'' && lc[we - 1] == 's') || lc[we - 1] == '\'' ||
                     (org_name_word(st->s + wb, m) && st->s[we - 1] != ',') ||
                     in_words(lc, wb, we, (const char *const[]){"respectively", "been"}, 2);
        if (!small)
            break;
        e = wb;
    }
    return false;
}

/* ---- names ---- */

static bool bad_name(const char *n)
{
    if (!n || !*n || place_lookup(n, strlen(n)))
        return true;
    static const char *const bad[] = {"AI", "IPO", "CEO", "US", "EU", "SEC", "Reuters",
        "Bloomberg", "The", "It", "Its", "Shares", "Board", "Investors"};
    for (size_t k = 0; k < COUNT(bad); k++)
        if (strcmp(n, bad[k]) == 0)
            return true;
    size_t l = strlen(n);
    /* a demonym alone: "Spanish", "Dutch" */
    return l >= 4 && strchr(n, ' ') == NULL && place_lookup(n, l) != NULL;
}

/* A role for a company ("the company", "the Japanese chipmaker", "the
 * Frankfurt-listed chip designer", "its rival") in s[b, e): the words are
 * a determiner, then adjectives, places or hyphenated words, then a
 * descriptor. */
static bool role_phrase(const char *s, size_t b, size_t e)
{
    size_t we, wb = word_after(s, e, b, &we);
    if (wb >= e)
        return false;
    static const char *const det[] = {"the", "The", "its", "Its", "their", "this", "This"};
    bool d = false;
    for (size_t k = 0; k < COUNT(det); k++)
        if (strlen(det[k]) == we - wb && memcmp(s + wb, det[k], we - wb) == 0)
            d = true;
    if (!d)
        return false;
    size_t last_b = 0, last_e = 0;
    int words = 0;
    for (size_t i = we; i < e && words < 6;) {
        size_t xe, xb = word_after(s, e, i, &xe);
        if (xb >= e)
            break;
        size_t xl = xe - xb;
        while (xl && (s[xb + xl - 1] == ',' || s[xb + xl - 1] == '.'))
            xl--;
        if (!xl)
            break;
        /* "the Santa Clara chipmaker": capitalised words before a
         * lower-case descriptor */
        if ((unsigned char)s[xb] >= 0x80 || str_isdigit((unsigned char)s[xb]))
            return false;
        last_b = xb;
        last_e = xb + xl;
        words++;
        i = xe;
    }
    return words > 0 && str_islower((unsigned char)s[last_b]) && org_descriptor(s + last_b, last_e - last_b);
}

/* The article's company for a pronoun or a role: the acquirer of the deal
 * already read, else the article's main company or the headline's name. */
static char *doc_company(const scan_doc *d)
{
    for (size_t i = d->out->n; i-- > 0;) {
        const event_t *e = &d->out->items[i];
        if (e->type == EVENT_ACQUISITION && e->acquirer)
            return xstrdup(e->acquirer);
    }
    const char *p = scan_pronoun(d);
    return p ? xstrdup(p) : NULL;
}

/* Walks back from a verb over what stands between it and its subject:
 * auxiliaries, adverbs, "said on Monday it", "has reached a deal to",
 * tickers in brackets. *pronoun is set when "it" or "they" was passed;
 * *partner gets Y of "an agreement with Y to buy". Returns where the
 * subject ends. */
static size_t prewalk(const scan_sent *st, size_t lo, size_t p, bool *pronoun, char **partner)
{
    static const char *const skip[] = {
        "to", "has", "have", "had", "is", "are", "was", "were", "will", "would", "also",
        "recently", "reportedly", "today", "officially", "finally", "just", "now", "already",
        "said", "says", "announced", "announces", "on", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "this", "week", "yesterday", "been", "be",
        "set", "plans", "plan", "planned", "agreed", "agrees", "agree", "expected", "confirmed",
        "confirms", "that", "first", "initially", "late", "early", "in", "a", "statement",
        "filing", "regulatory", "separately", "move", "moves", "moving", "moved", "being",
        "wednesday's", "will", "shall", "announcing", "revealed", "reveals", "disclosed",
        "decided", "decides", "intends", "intend", "sunday's", "monday's", "tuesday's",
        "thursday's", "friday's", "earlier", "last", "night", "morning", "evening", "afternoon",
        "both", "each", "jointly", "together", "definitive", "binding", "final", "merger",
        "deal", "agreement", "agreements", "pact", "an", "the", "reached", "struck", "signed",
        "inked", "sealed", "entered", "into", "clinched", "says,", "said,", "inks", "signs",
        "strikes", "reaches", "enters", "seals", "clinches", "agreeing", "signing",
    };
    size_t e = p;
    for (int guard = 0; guard < 24; guard++) {
        while (e > lo && st->s[e - 1] == ' ')
            e--;
        if (e <= lo)
            break;
        /* a bracket: "Telefonica S.A. (ADR) (NYSE:TEF)", "MediaTek Inc (聯發科)" */
        if (st->s[e - 1] == ')') {
            size_t b = e - 1;
            int depth = 0;
            while (b > lo) {
                if (st->s[b] == ')')
                    depth++;
                else if (st->s[b] == '(' && --depth == 0)
                    break;
                b--;
            }
            if (st->s[b] != '(' || e - b > 40)
                break;
            e = b;
            continue;
        }
        size_t wb, we;
        if (!word_before(st->lc, lo, e, &wb, &we))
            break;
        const char *w = st->lc + wb;
        size_t m = we - wb;
        if ((m == 2 && memcmp(w, "it", 2) == 0) || (m == 4 && memcmp(w, "they", 4) == 0)) {
            *pronoun = true;
            e = wb;
            continue;
        }
        /* adverbs: "plans to fully acquire", "has now formally agreed" */
        if (m > 4 && w[m - 2] == 'l' && w[m - 1] == 'y' && str_islower((unsigned char)st->s[wb])) {
            e = wb;
            continue;
        }
        /* "an agreement with NXP Semiconductors to purchase": a partner */
        if (m == 2 && memcmp(w, "to", 2) == 0 && partner && !*partner) {
            size_t nb, nl = org_name_before(st->s, lo, wb, &nb);
            size_t xb, xe;
            if (nl && word_before(st->lc, lo, nb, &xb, &xe) && xe - xb == 4 &&
                memcmp(st->lc + xb, "with", 4) == 0) {
                *partner = org_clean(st->s + nb, nl);
                e = xb;
                continue;
            }
        }
        if (in_words(st->lc, wb, we, skip, COUNT(skip))) {
            e = wb;
            continue;
        }
        /* day names are capitalised */
        static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                           "saturday", "sunday", "today", "yesterday"};
        if (in_words(st->lc, wb, we, days, COUNT(days))) {
            e = wb;
            continue;
        }
        break;
    }
    while (e > lo && (st->s[e - 1] == ' '))
        e--;
    return e;
}

/* A cleaned name from s[b, b+l): no ticker bracket ("Advanced Micro
 * Devices (AMD)" -> "Advanced Micro Devices"), nothing after a colon
 * ("Chips: Intel" -> "Chips"). Caller frees. */
static char *clean_name(const char *s, size_t b, size_t l)
{
    const char *c = memmem(s + b, l, ": ", 2);
    if (c)
        l = (size_t)(c - (s + b));
    for (size_t i = 1; i < l; i++)
        if (s[b + i] == '(' && s[b + i - 1] == ' ') {
            l = i - 1;
            break;
        }
    /* "Renesas Electronics Corp of Japan": the home is not the name */
    for (size_t i = l; i-- > 1;)
        if (i + 4 < l && memcmp(s + b + i, " of ", 4) == 0) {
            if (place_lookup(s + b + i + 4, l - i - 4))
                l = i;
            break;
        }
    return l ? org_clean(s + b, l) : NULL;
}

/* Who does the verb at p: the name before its verb chain, a pronoun or a
 * role resolved to the article's company, else subject_find's reading.
 * *role is set when the subject is a role ("the Japanese chipmaker");
 * *partner as prewalk's. Caller frees. */
static char *doer(const scan_doc *d, const scan_sent *st, size_t lo, size_t p, bool *role, char **partner)
{
    bool pron = false;
    *role = false;
    size_t e = prewalk(st, lo, p, &pron, partner);
    /* a role right before: "the Japanese chipmaker to buy", "The company
     * said it would" */
    for (size_t b = e, k = 0; b > lo && k < 6; k++) {
        size_t wb, we;
        if (!word_before(st->s, lo, b, &wb, &we))
            break;
        if (st->s[we - 1] == ',' && we != e)
            break;
        if (role_phrase(st->s, wb, e)) {
            /* an appositive between commas describes the name before it:
             * "Qualcomm Inc., the largest maker of phone chips, will
             * acquire", "Harlow, long the also-ran in the chip business,
             * plans to buy" (the role inside the appositive) */
            size_t q = wb;
            while (q > lo && st->s[q - 1] != ',')
                q--;
            if (q > lo + 1 && st->s[q - 1] == ',' && (q == wb || str_islower((unsigned char)st->s[q + (st->s[q] == ' ')]))) {
                /* past a ticker in brackets: "Advanced Micro Devices (AMD)," */
                size_t ne = q - 1;
                if (ne > lo && st->s[ne - 1] == ')') {
                    size_t ob = ne - 1;
                    while (ob > lo && st->s[ob] != '(')
                        ob--;
                    if (st->s[ob] == '(' && ne - ob <= 16)
                        for (ne = ob; ne > lo && st->s[ne - 1] == ' ';)
                            ne--;
                }
                size_t nb, nl = org_name_before(st->s, lo, ne, &nb);
                char *name = nl ? clean_name(st->s, nb, nl) : NULL;
                if (name && !bad_name(name) && !place_lookup(name, strlen(name)))
                    return name;
                free(name);
            }
            *role = true;
            return doc_company(d);
        }
        b = wb;
    }
    if (e > lo && st->s[e - 1] != ',') {
        size_t nb, nl = org_name_before(st->s, lo, e, &nb);
        if (nl) {
            char *name = clean_name(st->s, nb, nl);
            if (name && !bad_name(name))
                return name;
            free(name);
        }
    }
    if (pron)
        return doc_company(d);
    /* a common noun right before the verb chain is its subject: "another
     * chip company being sold to", "customers buy" */
    if (e > lo && str_islower((unsigned char)st->s[e - 1])) {
        size_t wb, we;
        static const char *const rel[] = {"which", "that", "who", "whom"};
        if (word_before(st->s, lo, e, &wb, &we) && str_islower((unsigned char)st->s[wb]) &&
            !in_words(st->lc, wb, we, rel, COUNT(rel)))
            return NULL;
    }
    subject sj;
    if (!subject_find(st, lo, p, &sj)) {
        free(sj.name);
        return NULL;
    }
    if (sj.pronoun) {
        free(sj.name);
        *role = true;
        return doc_company(d);
    }
    return sj.name;
}

/* The name that opens the sentence when a verb follows it: "Rambus has
 * just taken ..., buying Y", "AMD saw its shares rise after its
 * acquisition of Y". Caller frees. */
static char *lead_subject(const scan_sent *st, size_t lo)
{
    const char *s = st->s;
    size_t n = st->n, i = lo, rb = SCAN_NONE, re = 0;
    /* descriptors first: "Chipmaker Nvidia", "Handset chip designer MediaTek" */
    for (int k = 0; k < 6 && i < n; k++) {
        size_t we, wb = word_after(s, n, i, &we);
        if (wb >= n)
            return NULL;
        size_t wl = we - wb;
        if (org_name_word(s + wb, wl) && !(wl > 1 && s[we - 1] == ',')) {
            rb = wb;
            re = we;
            break;
        }
        if (s[we - 1] == ',' || !(str_islower((unsigned char)s[wb]) || org_descriptor(s + wb, wl) ||
                                  place_lookup(s + wb, wl)))
            return NULL;
        i = we;
    }
    if (rb == SCAN_NONE)
        return NULL;
    /* the run of name words */
    for (int k = 0; k < 7; k++) {
        if (re > rb && (s[re - 1] == ',' || s[re - 1] == ')'))
            break;
        size_t we, wb = word_after(s, n, re, &we);
        if (wb >= n)
            break;
        bool conn = (we - wb == 1 && s[wb] == '&') || (we - wb == 2 && memcmp(s + wb, "of", 2) == 0);
        if (!conn && !org_name_word(s + wb, we - wb))
            break;
        if (conn) {
            size_t w2e, w2b = word_after(s, n, we, &w2e);
            if (w2b >= n || !org_name_word(s + w2b, w2e - w2b))
                break;
        }
        re = we;
    }
    size_t q = re;
    while (q < n && s[q] == ' ')
        q++;
    if (q < n && s[q] == '(') {
        while (q < n && s[q] != ')')
            q++;
        q++;
        while (q < n && s[q] == ' ')
            q++;
    }
    bool comma = re > rb && s[re - 1] == ',';
    if (!comma && (q >= n || !str_islower((unsigned char)s[q])))
        return NULL;
    char *name = clean_name(s, rb, re - rb);
    if (name && bad_name(name)) {
        free(name);
        name = NULL;
    }
    return name;
}

/* A word with a dot inside between letters: "e.fundamentals", "monday.com". */
static bool dotted_brand(const char *s, size_t b, size_t e)
{
    while (e > b && (s[e - 1] == ',' || s[e - 1] == '.'))
        e--;
    for (size_t i = b + 1; i + 1 < e; i++)
        if (s[i] == '.' && str_isalpha((unsigned char)s[i - 1]) && str_isalpha((unsigned char)s[i + 1]))
            return e - b >= 4;
    return false;
}

/* The name the verb acts on, read from pos: past descriptors, places, an
 * owner ("Softbank's chip unit Arm") and an appositive ("Germany's
 * third-largest operator, E-Plus,"). *start_out and *end_out get its span;
 * *role is set when the object is a role ("the Dutch chipmaker"). Caller
 * frees. */
static char *object_at(const scan_sent *st, size_t pos, size_t *start_out, size_t *end_out, bool *role)
{
    const char *s = st->s;
    size_t n = st->n;
    *role = false;
    size_t lim = pos + 100 < n ? pos + 100 : n;
    size_t i = pos;
    for (int tries = 0; tries < 4 && i < lim; tries++) {
        size_t nb, nl = org_name_after(s, lim, i, &nb);
        if (nl) {
            size_t ne = nb + nl;
            /* an owner: look at what it owns */
            bool owner = (nl > 2 && s[ne - 2] == '\'' && (s[ne - 1] == 's' || s[ne - 1] == 'S')) ||
                         (nl > 2 && s[ne - 1] == '\'' && s[ne - 2] == 's');
            char *t = owner ? NULL : clean_name(s, nb, nl);
            if (t && !bad_name(t)) {
                *start_out = nb;
                *end_out = ne;
                /* the span ends at the name proper: "Chips: Intel" */
                const char *c = memmem(s + nb, nl, ": ", 2);
                if (c)
                    *end_out = (size_t)(c - s);
                while (*end_out > nb && (s[*end_out - 1] == ',' || s[*end_out - 1] == '.' ||
                                         s[*end_out - 1] == ';'))
                    (*end_out)--;
                return t;
            }
            free(t);
            /* a place or a demonym, or an owner: look past it */
            i = ne;
            continue;
        }
        /* "the UK-based provider e.fundamentals" */
        size_t q = i;
        for (int k = 0; k < 6 && q < lim; k++) {
            size_t we, wb = word_after(s, lim, q, &we);
            if (wb >= lim)
                break;
            if (dotted_brand(s, wb, we)) {
                size_t e2 = we;
                while (e2 > wb && (s[e2 - 1] == ',' || s[e2 - 1] == '.'))
                    e2--;
                *start_out = wb;
                *end_out = e2;
                return xstrndup(s + wb, e2 - wb);
            }
            if (s[we - 1] == ',' || s[we - 1] == '.')
                break;
            q = we;
        }
        /* "operator, E-Plus, from": a descriptor, then the name after a comma */
        size_t c = i;
        while (c < lim && s[c] != ',' && s[c] != '.')
            c++;
        if (c < lim && s[c] == ',' && c + 2 < n) {
            size_t wb, we;
            if (word_before(s, i, c, &wb, &we) && org_descriptor(s + wb, we - wb)) {
                size_t nb2, nl2 = org_name_after(s, lim, c + 1, &nb2);
                if (nl2 && nb2 <= c + 3) {
                    char *name = clean_name(s, nb2, nl2);
                    if (name && !bad_name(name)) {
                        *start_out = nb2;
                        *end_out = nb2 + nl2;
                        while (*end_out > nb2 && (s[*end_out - 1] == ',' || s[*end_out - 1] == '.'))
                            (*end_out)--;
                        return name;
                    }
                    free(name);
                }
            }
        }
        size_t ce = i;
        while (ce < lim && s[ce] != ',' && s[ce] != '.' && !(ce > i && s[ce] == ' ' &&
               (word_is(st->lc, n, ce + 1, "for") || word_is(st->lc, n, ce + 1, "in") ||
                word_is(st->lc, n, ce + 1, "from") || word_is(st->lc, n, ce + 1, "to"))))
            ce++;
        if (role_phrase(s, i, ce)) {
            *role = true;
            *start_out = i;
            *end_out = ce;
        }
        return NULL;
    }
    return NULL;
}

/* The names "X and Y" that start the sentence ("Renesas and Dialog said
 * they had agreed for the Japanese chipmaker to buy the chip designer"). */
static bool pair_subject(const scan_sent *st, size_t lo, char **a, char **b)
{
    size_t nb, nl = org_name_after(st->s, st->n, lo, &nb);
    if (!nl || nb > lo + 40)
        return false;
    size_t q = nb + nl;
    /* a suffix the run left out: "Renesas Electronics Corp and" */
    if (q + 5 >= st->n || memcmp(st->lc + q, " and ", 5) != 0)
        return false;
    size_t nb2, nl2 = org_name_after(st->s, st->n, q + 5, &nb2);
    if (!nl2 || nb2 != q + 5)
        return false;
    *a = org_clean(st->s + nb, nl);
    *b = org_clean(st->s + nb2, nl2);
    if (!*a || !*b) {
        free(*a);
        free(*b);
        return false;
    }
    return true;
}

/* ---- events ---- */

/* 1 when the money at m is a price per share or a fee, not the deal's value. */
static bool per_share(const scan_sent *st, const money_t *m)
{
    const char *lc = st->lc;
    size_t e = m->end;
    /* "$157 a share", "$157 U.S. a share", "€13 per share in cash" */
    size_t hi = e + 14 < st->n ? e + 14 : st->n;
    static const char *const unit[] = {"a share", "per share", "share", "each", "apiece",
        "a piece", "per unit"};
    size_t u = scan_any(lc, hi, e, unit, COUNT(unit), NULL);
    if (u != SCAN_NONE) {
        /* only small words between: "U.S.", "in cash" */
        int words = 0;
        for (size_t i = e; i < u; i++)
            words += lc[i] == ' ' && i + 1 < u;
        if (words <= 2)
            return true;
    }
    static const char *const fees[] = {"fee", "fees", "break-up", "breakup", "termination",
        "revenue", "sales", "market value", "market capitalization", "market cap", "valuation of",
        "loss", "profit"};
    size_t h2 = e + 20 < st->n ? e + 20 : st->n;
    size_t lo2 = m->start > 25 ? m->start - 25 : 0;
    if (scan_any(lc, h2, e, fees, 2, NULL) != SCAN_NONE)
        return true;
    static const char *const rev_after[] = {"in revenue", "in sales", "in annual", "of revenue",
        "in net", "in profit", "in losses", "in cash and equivalents", "a year", "per year",
        "annually", "in funding"};
    if (scan_any(lc, h2, e, rev_after, COUNT(rev_after), NULL) == e + 1)
        return true;
    if (scan_any(lc, m->start, lo2, fees, COUNT(fees), NULL) != SCAN_NONE)
        return true;
    return false;
}

static void set_price(const scan_doc *d, const scan_sent *st, event_t *e, size_t from, size_t to)
{
    for (size_t i = 0; i < st->n_money; i++) {
        const money_t *m = &st->money[i];
        if (m->start < from || m->start >= to)
            continue;
        money_role r = funding_money_role(d, st, i);
        /* funding's roles call a deal's money "revenue or other": only
         * history counts here, and what per_share() finds */
        if (r == ROLE_HISTORY || per_share(st, m))
            continue;
        if (m->value < 100000 && m->mult <= 1)
            continue;
        e->amount_value = m->value;
        memcpy(e->currency, m->currency, 4);
        e->amount_usd = m->usd;
        /* in dollars only when the article says so */
        e->price_usd = strcmp(m->currency, "USD") == 0 ? m->value : m->article_usd ? m->usd : NAN;
        free(e->amount_text);
        e->amount_text = scan_copy(st->s + m->start, m->end - m->start);
        break;
    }
}

/* Drops a home told after the name: "Renesas Electronics Corp of Japan". */
static char *drop_home(char *name)
{
    if (!name)
        return NULL;
    char *of = strstr(name, " of ");
    if (of && place_lookup(of + 4, strlen(of + 4))) {
        char *c = org_clean(name, (size_t)(of - name));
        if (c) {
            free(name);
            return c;
        }
    }
    return name;
}

int deal_status_rank(const char *status)
{
    if (!status)
        return 0;
    return strcmp(status, "completed") == 0 ? 3 : strcmp(status, "pending") == 0 ? 2 : 1;
}

/* Where the deal of acq buying tgt stands as the sentence tells it: the
 * verb chain between the two names ("agreed to acquire", "is acquiring",
 * "has acquired", "completes its purchase of"), then what the sentence says
 * of the deal ("expected to close", "subject to approval", "completed").
 * Read by tense and mood, not per verb: an infinitive, a future, a
 * progressive or an agreement is pending; a past or perfect is done. */
static const char *deal_status(const scan_sent *st, const char *acq, const char *tgt)
{
    const char *lc = st->lc, *s = st->s;
    size_t n = st->n;
    size_t tp = n, lo = 0;
    const char *t = tgt && *tgt ? memmem(s, n, tgt, strlen(tgt)) : NULL;
    if (t)
        tp = (size_t)(t - s);
    const char *a = acq && *acq ? memmem(s, n, acq, strlen(acq)) : NULL;
    if (a && (size_t)(a - s) < tp)
        lo = (size_t)(a - s) + strlen(acq);
    else if (t)
        lo = 0; /* "the Japanese chipmaker" for X: the chain from the sentence's start */
    if (t && (!a || (size_t)(a - s) > tp)) {
        /* the passive: the chain runs from after the target to the acquirer */
        lo = tp + strlen(tgt);
        tp = a ? (size_t)(a - s) : (lo + 60 < n ? lo + 60 : n);
    }
    if (lo > tp)
        lo = tp;
    static const char *const pending[] = {"agreed to", "agrees to", "agreeing to", "has agreed",
        "will acquire", "will buy", "will purchase", "will take over", "would acquire", "would buy",
        "to acquire", "to buy", "to purchase", "to take over", "to merge", "is acquiring",
        "is buying", "are acquiring", "are buying", "is set to", "plans to", "signed a definitive",
        "signed an agreement", "signs agreement", "signs definitive", "definitive agreement",
        "entered into an agreement", "entered into a definitive", "enters into", "has offered",
        "is in the process of", "deal to", "agreement to", "set to acquire", "poised to",
        "will be", "would be", "to be acquired", "to be bought", "to be purchased", "being acquired",
        "being bought", "reached an agreement", "reached agreement", "reaches agreement",
        "has reached a deal", "reached a deal", "struck a deal", "strikes deal", "is to"};
    static const char *const done[] = {"acquired", "bought", "purchased", "took over", "completed",
        "completes", "has closed", "closed its", "closed the", "closes its", "closes the",
        "finalized", "finalised", "finalizes", "finalises", "wrapped up", "has taken over",
        "took control", "has taken control", "now owns", "absorbed"};
    if (scan_any(lc, tp, lo, pending, COUNT(pending), NULL) != SCAN_NONE)
        return "pending";
    if (scan_any(lc, tp, lo, done, COUNT(done), NULL) != SCAN_NONE) {
        /* "had acquired ... before": the pluperfect is background, still done */
        return "completed";
    }
    static const char *const deal_pending[] = {"expected to close", "expected to complete",
        "expected to be completed", "expected to be finalized", "subject to", "pending regulatory",
        "pending approval", "pending shareholder", "pending customary", "yet to close",
        "awaiting approval", "awaits approval", "once the deal closes", "when the deal closes",
        "upon closing", "if approved"};
    static const char *const deal_done[] = {"completed the acquisition", "completed its acquisition",
        "completion of the acquisition", "closed the acquisition", "has closed", "have closed",
        "closing of the acquisition", "completed the purchase", "completed its purchase",
        "is now part of", "now a part of", "became part of", "closed on", "closed last", "closed earlier",
        "was completed", "has been completed", "were completed", "completed on", "completed last"};
    if (scan_any(lc, n, 0, deal_done, COUNT(deal_done), NULL) != SCAN_NONE)
        return "completed";
    if (scan_any(lc, n, 0, deal_pending, COUNT(deal_pending), NULL) != SCAN_NONE)
        return "pending";
    /* the chain was not between the names ("X and Y said they had agreed
     * for the Japanese chipmaker to buy the Frankfurt-listed firm"): the
     * sentence's own */
    if (scan_any(lc, n, 0, pending, COUNT(pending), NULL) != SCAN_NONE)
        return "pending";
    return "announced";
}

static int add(scan_doc *d, const scan_sent *st, char *acq, char *tgt, size_t price_from)
{
    acq = drop_home(acq);
    tgt = drop_home(tgt);
    if (bad_name(acq) || bad_name(tgt) || org_same(acq, tgt)) {
        scan_note(d, st, "deal: dropped, acquirer %s, target %s", acq ? acq : "(none)", tgt ? tgt : "(none)");
        free(acq);
        free(tgt);
        return 0;
    }
    event_t *e = event_list_add(d->out, EVENT_ACQUISITION);
    e->acquirer = acq;
    e->target = tgt;
    e->status = deal_status(st->whole ? st->whole : st, acq, tgt);
    set_price(d, st, e, price_from, st->n);
    const org_info *o = org_lookup(tgt, strlen(tgt));
    if (o && o->country[0])
        e->country = xstrdup(o->country);
    scan_provenance(st, e);
    e->confidence = 0.7 + (isnan(e->price_usd) ? 0 : 0.1);
    scan_note(d, st, "deal: %s acquires %s", acq, tgt);
    return 1;
}

/* A second target joined by "and": "to acquire iDeal and Payconiq". */
static void add_second(scan_doc *d, const scan_sent *st, const char *acq, size_t tend, size_t price_from)
{
    if (tend + 5 >= st->n || memcmp(st->lc + tend, " and ", 5) != 0)
        return;
    size_t b2, e2;
    bool role;
    size_t q = tend + 5;
    char *t2 = object_at(st, q, &b2, &e2, &role);
    if (!t2)
        return;
    /* the name itself must come within two words of "and" */
    int gap = 0;
    for (size_t i = q; i < b2 && i < st->n; i++)
        gap += st->s[i] == ' ';
    if (gap > 2) {
        free(t2);
        return;
    }
    add(d, st, xstrdup(acq), t2, price_from);
}

/* What the verb buys, when it is not a company: shares, assets, a unit, a
 * minority stake. A controlling stake is a company: "a 51 percent stake
 * in X", "a majority stake in X" (*obj moves past "stake in"). */
static void stake_check(const scan_sent *st, size_t after, size_t *obj, bool *stop)
{
    const char *lc = st->lc;
    size_t n = st->n;
    size_t lim = after + 40 < n ? after + 40 : n;
    size_t stake = scan_word(lc, lim, after, "stake");
    *stop = false;
    if (stake == SCAN_NONE) {
        static const char *const things[] = {"shares", "assets", "stakes", "unit", "division",
            "business", "businesses", "portfolio", "operations", "plant", "factory", "land",
            "building", "brand", "brands", "patents", "licence", "license", "rights", "fab",
            "site", "properties", "property", "back", "investors", "shareholders", "holders",
            "stakeholders", "minority", "partners", "backers", "team", "teams", "staff",
            "employees", "engineers", "talent", "customers", "users", "accounts", "loans",
            "debt", "bonds", "notes", "tickets", "products", "equipment", "hardware"};
        size_t lim2 = after + 28 < n ? after + 28 : n;
        if (scan_any(lc, lim2, after, things, COUNT(things), NULL) != SCAN_NONE)
            *stop = true;
        return;
    }
    double pct = 0;
    for (size_t i = after; i < stake; i++)
        if (str_isdigit((unsigned char)st->s[i]) && (i == 0 || !str_isdigit((unsigned char)st->s[i - 1]))) {
            pct = 0;
            while (i < stake && str_isdigit((unsigned char)st->s[i]))
                pct = pct * 10 + (st->s[i++] - '0');
        }
    bool major = scan_word(lc, stake, after, "majority") != SCAN_NONE ||
                 scan_word(lc, stake, after, "controlling") != SCAN_NONE;
    size_t in = scan_word(lc, n, stake, "stake in");
    if ((pct <= 50 && !major) || in != stake) {
        *stop = true;
        return;
    }
    *obj = stake + 8;
}

/* The owner before a noun trigger: "X's acquisition of", "X's $32 billion
 * acquisition of", "Analog Devices' purchase of". *its is set for "its
 * acquisition of"; *own_at gets where the owner ends. */
static char *noun_owner(const scan_sent *st, size_t lo, size_t p, bool *its, size_t *own_at)
{
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n, k = p;
    *its = false;
    *own_at = SCAN_NONE;
    for (int w = 0; w < 4; w++) {
        size_t wb, we;
        if (!word_before(s, lo, k, &wb, &we))
            break;
        size_t own = SCAN_NONE;
        if (we - wb > 2 && s[we - 2] == '\'' && (s[we - 1] == 's' || s[we - 1] == 'S'))
            own = we - 2;
        else if (we - wb > 2 && s[we - 1] == '\'' && s[we - 2] == 's')
            own = we - 1;
        if (own != SCAN_NONE) {
            size_t nb, nl = org_name_before(s, lo, own, &nb);
            char *acq = nl ? clean_name(s, nb, nl) : NULL;
            if (acq && bad_name(acq)) {
                free(acq);
                acq = NULL;
            }
            *own_at = we;
            return acq;
        }
        if (word_is(lc, n, wb, "its") || word_is(lc, n, wb, "their")) {
            *its = true;
            return NULL;
        }
        if (word_is(lc, n, wb, "the") || word_is(lc, n, wb, "a") || word_is(lc, n, wb, "an"))
            return NULL;
        /* money and adjectives between: "$32 billion", "planned", "proposed" */
        if (!str_islower((unsigned char)s[wb]) && s[wb] != '$' && !str_isdigit((unsigned char)s[wb]) &&
            (unsigned char)s[wb] < 0x80)
            return NULL;
        k = wb;
    }
    return NULL;
}

/* 1 when the name at the object is a maker of what is bought: "buy
 * Nvidia processors", "the purchase of Acme gear". */
static bool products_follow(const scan_sent *st, size_t tend, bool strict)
{
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n;
    if (tend < n && s[tend] == ' ' && tend + 1 < n && str_islower((unsigned char)s[tend + 1])) {
        size_t we, wb = word_after(s, n, tend, &we);
        static const char *const ok[] = {"for", "in", "from", "to", "at", "and", "or", "as",
            "with", "which", "that", "who", "after", "on", "by", "said", "says", "is", "was",
            "will", "would", "has", "had", "over", "under", "into", "earlier", "last", "this",
            "next", "valued", "worth", "outright", "via", "through", "including", "amid",
            "while", "since", "before", "but", "plus", "the", "a", "an", "it", "its", "their",
            "announced", "according", "people", "sources", "shareholders", "expected",
            "pending", "subject", "if", "when", "because", "despite", "than", "for,", "later",
            "this,", "entirely", "fully", "completely", "late", "early", "back", "also",
            "reportedly", "last,", "are", "were", "have", "did", "does", "do", "can", "could",
            "may", "might", "should", "shall", "must", "not", "only", "just", "now", "today",
            "yesterday", "recently", "plc", "inc", "ltd", "llc", "co"};
        /* after a noun ("the takeover of Y won approval") a verb may
         * follow: only what is bought from a maker */
        static const char *const goods[] = {"chips", "processors", "gpus", "servers", "stock",
            "shares", "gear", "equipment", "products", "hardware", "software", "devices",
            "components", "units", "systems", "machines", "licences", "licenses", "technology",
            "bonds", "debt", "assets", "cards", "phones", "vehicles", "cars", "trucks",
            "aircraft", "jets", "planes", "tokens", "coins", "data", "energy", "power",
            "electricity", "gas", "oil", "capacity", "services", "accelerators", "modules",
            "parts", "supplies", "drugs", "vaccines", "doses", "tickets"};
        size_t e2 = we;
        while (e2 > wb && (s[e2 - 1] == ',' || s[e2 - 1] == '.' || s[e2 - 1] == ';'))
            e2--;
        if (!strict)
            return e2 > wb && in_words(lc, wb, e2, goods, COUNT(goods));
        if (e2 > wb && !in_words(lc, wb, e2, ok, COUNT(ok)) &&
            !(e2 - wb > 3 && lc[e2 - 2] == 'l' && lc[e2 - 1] == 'y'))
            return true;
    }
    return false;
}

/* 1 when a preposition stands between the verb and the name it seems to
 * act on: "rushed to buy a ticket alongside Y", "acquired by a group
 * led by Y" */
static bool prep_between(const scan_sent *st, size_t from, size_t to)
{
    static const char *const preps[] = {"alongside", "with", "for", "from", "in", "at", "on",
        "into", "through", "against", "among", "than", "like", "via", "after", "before",
        "besides", "including", "plus", "and", "or", "of", "led", "by", "behind", "as", "to",
        "over", "under", "near", "across", "amid"};
    for (size_t i = from; i < to;) {
        size_t we, wb = word_after(st->lc, to, i, &we);
        if (wb >= to)
            break;
        size_t e = we;
        while (e > wb && (st->lc[e - 1] == ',' || st->lc[e - 1] == '.'))
            e--;
        if (str_islower((unsigned char)st->s[wb]) && in_words(st->lc, wb, e, preps, COUNT(preps)))
            return true;
        i = we;
    }
    return false;
}

/* One trigger: 1 when it gave an event. */
static int read_trigger(scan_doc *d, const scan_sent *st, size_t lo, size_t p, const trig *t)
{
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n;
    size_t after = p + strlen(t->w);
    /* "buy-now-pay-later", "take-over" as an adjective */
    if (after < n && (s[after] == '-' || s[after] == '\''))
        return 0;
    if (p > 0 && s[p - 1] == '-')
        return 0;
    size_t own_end = 0;
    if (t->k == T_OFFER) {
        /* only "agreed to X's offer": the owner's name right after */
        size_t nb, nl = org_name_after(s, n, after, &nb);
        size_t we = nb + nl;
        if (!nl || nb > after + 1 || nl < 3 || !((s[we - 2] == '\'' && (s[we - 1] == 's' || s[we - 1] == 'S')) ||
                                               (s[we - 1] == '\'' && s[we - 2] == 's')))
            return 0;
        own_end = we;
    }
    if (t->k == T_PRIVATE) {
        /* "X agreed to take Y private" */
        size_t b0, e0;
        bool r0;
        char *y = object_at(st, after, &b0, &e0, &r0);
        bool ok = y && b0 <= after + 1 && e0 + 8 <= n && memcmp(lc + e0, " private", 8) == 0;
        free(y);
        if (!ok)
            return 0;
    }
    if (not_news(st, lo, p, after)) {
        scan_note(d, st, "deal: '%s' not news (talks, bids, deals called off)", t->w);
        return 0;
    }
    if (history(st, lo, p, t->k) || old_when(d, st, lo, p, after)) {
        scan_note(d, st, "deal: '%s' is history", t->w);
        return 0;
    }
    bool role = false, trole = false;
    char *partner = NULL;
    size_t tb = 0, tend = 0;
    switch (t->k) {
    case T_PASSIVE: {
        /* "Y was acquired by X", "Y agreed to sell itself to X" */
        char *tgt = doer(d, st, lo, p, &role, NULL);
        char *acq = object_at(st, after, &tb, &tend, &trole);
        if (!acq || !tgt || tb > after + 40 || prep_between(st, after, tb) ||
            products_follow(st, tend, true)) {
            free(acq);
            free(tgt);
            return 0;
        }
        return add(d, st, acq, tgt, p);
    }
    case T_NOUN: {
        size_t obj = after;
        bool stop;
        stake_check(st, after, &obj, &stop);
        if (stop)
            return 0;
        char *tgt = object_at(st, obj, &tb, &tend, &trole);
        if (!tgt || tb > obj + 50 || products_follow(st, tend, false)) {
            free(tgt);
            return 0;
        }
        bool its;
        size_t own = SCAN_NONE;
        char *acq = NULL;
        if (strcmp(t->w, "control of") == 0) {
            /* "X took control of Y", "X will take full control of Y" */
            static const char *const take[] = {"take", "takes", "took", "taking", "taken", "gain",
                "gains", "gained", "assume", "assumes", "assumed", "seize", "seized", "seizes"};
            size_t vb, ve, e0 = p;
            if (word_before(lc, lo, e0, &vb, &ve) && in_words(lc, vb, ve, (const char *const[]){"full", "majority", "sole", "complete", "outright"}, 5))
                e0 = vb;
            if (!word_before(lc, lo, e0, &vb, &ve) || !in_words(lc, vb, ve, take, COUNT(take))) {
                free(tgt);
                return 0;
            }
            acq = doer(d, st, lo, vb, &role, &partner);
            free(partner);
            if (!acq) {
                free(tgt);
                return 0;
            }
            return add(d, st, acq, tgt, p);
        }
        acq = noun_owner(st, lo, p, &its, &own);
        if (!acq && tend + 4 < n && memcmp(lc + tend, " by ", 4) == 0)
            acq = subject_object(st, tend + 4, n, NULL);
        if (!acq && its)
            acq = lead_subject(st, lo);
        if (!acq) {
            /* "X completed its acquisition of Y", "X announced the
             * acquisition of Y" */
            static const char *const verbs[] = {"completed", "completes", "announced", "announces",
                "closed", "closes", "finalized", "finalised", "agreed", "confirmed", "made",
                "completing", "announcing", "finalizing", "launched", "launches", "launching",
                "unveiled", "sealed", "signed", "has completed", "has closed", "agrees", "agree",
                "approved", "approves", "wraps up", "wrapped up", "finalises", "finalizes",
                "seals", "inks", "signs", "strikes", "struck"};
            size_t v = SCAN_NONE, q = clause_start(st, lo, p);
            for (size_t x = scan_any(lc, p, q, verbs, COUNT(verbs), NULL); x != SCAN_NONE;
                 x = scan_any(lc, p, x + 1, verbs, COUNT(verbs), NULL))
                v = x;
            if (v != SCAN_NONE && p - v < 60)
                acq = doer(d, st, lo, v, &role, &partner);
            else if (its)
                acq = doc_company(d);
        }
        free(partner);
        if (!acq) {
            free(tgt);
            return 0;
        }
        return add(d, st, acq, tgt, own != SCAN_NONE ? own - 2 : p);
    }
    case T_OFFER: {
        /* "Y agreed to X's increased offer", "Y accepted X's takeover bid" */
        size_t wb = after + 1, we = own_end;
        size_t own = s[we - 1] == '\'' ? we - 1 : we - 2;
        static const char *const offer[] = {"offer", "bid", "proposal", "buyout", "takeover"};
        size_t o = scan_any(lc, own + 40 < n ? own + 40 : n, own, offer, COUNT(offer), NULL);
        if (o == SCAN_NONE)
            return 0;
        size_t nb, nl = org_name_before(s, wb, own, &nb);
        char *acq = nl ? clean_name(s, nb, nl) : NULL;
        if (!acq)
            return 0;
        char *tgt = doer(d, st, lo, p, &role, NULL);
        if (!tgt) {
            free(acq);
            return 0;
        }
        return add(d, st, acq, tgt, o);
    }
    case T_SELL: {
        /* "X agreed to sell Y to Z": Y's buyer is Z */
        size_t obj = after;
        bool stop;
        stake_check(st, after, &obj, &stop);
        if (stop)
            return 0;
        char *tgt = object_at(st, after, &tb, &tend, &trole);
        if (!tgt)
            return 0;
        int gap = 0;
        for (size_t i = after; i < tb; i++)
            gap += s[i] == ' ';
        if (prep_between(st, after, tb))
            gap = 99;
        size_t to = scan_word(lc, tend + 30 < n ? tend + 30 : n, tend, "to");
        if (gap > 3 || to == SCAN_NONE || products_follow(st, tend, true)) {
            free(tgt);
            return 0;
        }
        char *acq = subject_object(st, to + 2, n, NULL);
        if (!acq) {
            free(tgt);
            return 0;
        }
        return add(d, st, acq, tgt, p);
    }
    case T_PRIVATE: {
        char *tgt = object_at(st, after, &tb, &tend, &trole);
        char *acq = doer(d, st, lo, p, &role, NULL);
        if (!tgt || !acq) {
            free(tgt);
            free(acq);
            return 0;
        }
        return add(d, st, acq, tgt, p);
    }
    case T_COMPOUND: {
        /* "Acmetron completes Betalux acquisition", "X bolsters its cloud
         * with Y takeover": the name right before the noun is the target */
        size_t we0, wb0 = word_after(s, n, after, &we0);
        static const char *const next[] = {"for", "in", "to", "with", "worth", "valued", "after",
            "as", "is", "was", "will", "has", "deal", "amid", "on", "at", "and"};
        if (wb0 < n && str_isalnum((unsigned char)s[wb0]) && !in_words(lc, wb0, we0, next, COUNT(next)))
            return 0;
        if (p < 2 || s[p - 1] != ' ' || !str_isalnum((unsigned char)s[p - 2]))
            return 0;
        size_t nb, nl = org_name_before(s, lo, p, &nb);
        if (!nl || nb + nl + 1 != p)
            return 0;
        char *tgt = clean_name(s, nb, nl);
        if (!tgt || bad_name(tgt)) {
            free(tgt);
            return 0;
        }
        char *acq = NULL;
        size_t xb, xe;
        if (word_before(s, lo, nb, &xb, &xe) && xe - xb > 2 && s[xe - 2] == '\'' && s[xe - 1] == 's') {
            size_t ab, al = org_name_before(s, lo, xe - 2, &ab);
            acq = al ? clean_name(s, ab, al) : NULL;
        } else {
            acq = lead_subject(st, lo);
        }
        if (!acq || org_same(acq, tgt)) {
            free(acq);
            free(tgt);
            return 0;
        }
        return add(d, st, acq, tgt, lo);
    }
    case T_ACTIVE:
    default:
        break;
    }
    /* "X acquires Y", "X agreed to buy Y for $Z" */
    size_t obj = after;
    bool stop;
    stake_check(st, after, &obj, &stop);
    if (stop) {
        scan_note(d, st, "deal: '%s' buys shares, assets or a minority stake", t->w);
        return 0;
    }
    char *tgt = object_at(st, obj, &tb, &tend, &trole);
    char *acq = NULL;
    /* "Rambus took a punt on memory, buying Unity": the sentence's subject */
    if (p >= 2 && s[p - 2] == ',' && after >= 3 && memcmp(lc + after - 3, "ing", 3) == 0)
        acq = lead_subject(st, lo);
    if (!acq)
        acq = doer(d, st, lo, p, &role, &partner);
    if (!tgt && trole && partner) {
        tgt = partner;
        partner = NULL;
        tb = tend = after;
    }
    /* "X and Y said they had agreed for the Japanese chipmaker to buy the
     * chip designer": the pair in order */
    if ((role || !acq) && (trole || !tgt)) {
        char *a = NULL, *b = NULL;
        if (pair_subject(st, lo, &a, &b)) {
            free(acq);
            free(tgt);
            acq = a;
            tgt = b;
            tb = tend = after;
        }
    }
    /* "Shares of Y jumped after X agreed to buy the company", "... to buy
     * it": the sentence's other name */
    if (!tgt && acq && (trole || word_is(lc, n, obj + 1, "it") || word_is(lc, n, obj + 1, "them"))) {
        char *y = NULL;
        size_t sh = scan_word(lc, p, lo, "shares of");
        if (sh != SCAN_NONE && sh < lo + 40) {
            size_t nb, nl = org_name_after(s, p, sh + 9, &nb);
            if (nl && nb <= sh + 11)
                y = clean_name(s, nb, nl);
        }
        /* else the first other name: "Among the movers, Y soared on news
         * that X will acquire it" */
        for (size_t q = lo, k = 0; !y && k < 4 && q < p; k++) {
            size_t nb, nl = org_name_after(s, p, q, &nb);
            if (!nl) {
                /* past the clause mark that stopped the search */
                const char *c2 = memchr(s + q, ',', p - q);
                if (!c2)
                    break;
                q = (size_t)(c2 - s) + 1;
                continue;
            }
            char *c = clean_name(s, nb, nl);
            if (c && !org_same(c, acq) && !bad_name(c))
                y = c;
            else
                free(c);
            q = nb + nl;
        }
        if (y && !org_same(y, acq) && !bad_name(y)) {
            tgt = y;
            tb = tend = after;
        } else {
            free(y);
        }
    }
    /* "Y, which X agreed to acquire for $Z" */
    if (!tgt && acq && !trole) {
        size_t wb, we;
        bool pr = false;
        size_t nb0 = prewalk(st, lo, p, &pr, NULL);
        size_t nb, nl = org_name_before(s, lo, nb0, &nb);
        if (nl && word_before(lc, lo, nb, &wb, &we) && word_is(lc, n, wb, "which") && wb > lo + 2 &&
            s[wb - 2] == ',') {
            size_t xb, xl = org_name_before(s, lo, wb - 2, &xb);
            if (xl) {
                tgt = clean_name(s, xb, xl);
                tb = tend = after;
            }
        }
    }
    free(partner);
    if (!tgt || !acq) {
        free(tgt);
        free(acq);
        return 0;
    }
    if (products_follow(st, tend, true)) {
        scan_note(d, st, "deal: '%s' buys products, not a company", t->w);
        free(tgt);
        free(acq);
        return 0;
    }
    /* the target must come right after the verb (a few words at most) */
    int gap = 0;
    for (size_t i = obj; i < tb && i < n; i++)
        gap += s[i] == ' ';
    if (gap > 7 || (tb > obj && prep_between(st, obj, tb))) {
        free(tgt);
        free(acq);
        return 0;
    }
    char *acq2 = xstrdup(acq);
    int r = add(d, st, acq, tgt, p);
    if (r)
        add_second(d, st, acq2, tend, p);
    free(acq2);
    return r;
}

int deal_read(scan_doc *d, const scan_sent *st)
{
    static const char *const gate[] = {"acqui", "buy", "bought", "purchas", "takeover",
        "take over", "took over", "takes over", "taken over", "taking over", "snap", "scoop",
        "sell", "sold", "offer", "private", "pick", "control of", "gobble"};
    if (st->funding_got || !scan_has_stem(st->lc, st->n, gate, COUNT(gate)))
        return 0;
    if (!trig_words[0])
        for (size_t k = 0; k < COUNT(trigs); k++)
            trig_words[k] = trigs[k].w;
    size_t lo = body_start(st);
    size_t before = d->out->n;
    size_t which = 0;
    int tries = 0;
    for (size_t p = scan_any(st->lc, st->n, lo, trig_words, COUNT(trigs), &which);
         p != SCAN_NONE && tries < 8; p = scan_any(st->lc, st->n, p + 1, trig_words, COUNT(trigs), &which)) {
        tries++;
        if (read_trigger(d, st, lo, p, &trigs[which])) {
            /* another clause may tell another deal ("..., and on Monday it
             * said it would also buy Z"), or the story after a headline
             * ("Intel to buy Chips: Intel Corp. agreed to buy Chips &
             * Technologies"): read on from the next clause mark */
            size_t q = p + strlen(trigs[which].w);
            while (q + 1 < st->n && !((st->s[q] == ',' || st->s[q] == ':') && st->s[q + 1] == ' '))
                q++;
            if (q + 1 >= st->n)
                break;
            p = q;
        }
    }
    return (int)(d->out->n - before);
}

/* ---- the article ---- */

/* The sentence an event was read from. */
static const scan_sent *sent_of(const event_t *e, const scan_sent *sents, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (sents[i].offset == e->sentence_offset)
            return &sents[i];
    return NULL;
}

/* The deal's value told in a later sentence: "The deal is valued at $44
 * billion", "The chipmaker is paying $665 million in cash for Silo AI",
 * "The agreement values Jazztel at €3.4 billion". */
static void later_price(const scan_doc *d, event_t *e, const scan_sent *sents, size_t n, size_t from)
{
    static const char *const cues[] = {"valued at", "worth", "values", "valuing", "for a total",
        "paying", "pay", "paid", "spend", "spending", "spent", "priced at", "deal size",
        "deal value", "consideration", "total value", "enterprise value", "in a deal"};
    static const char *const subj[] = {"deal", "transaction", "acquisition", "agreement",
        "purchase", "takeover", "offer", "buyout", "to acquire", "to buy", "to take over",
        "its target"};
    for (size_t i = from; i < n && i < from + 12; i++) {
        const scan_sent *st = &sents[i];
        if (!st->n_money)
            continue;
        size_t w = 0, c = scan_any(st->lc, st->n, 0, cues, COUNT(cues), &w);
        if (c == SCAN_NONE)
            continue;
        bool about = scan_any(st->lc, st->n, 0, subj, COUNT(subj), NULL) != SCAN_NONE ||
                     (e->target && memmem(st->s, st->n, e->target, strlen(e->target)));
        if (!about || not_news(st, 0, c, c + strlen(cues[w])))
            continue;
        /* another deal told in the same story */
        if (st->deal_got)
            continue;
        event_t tmp;
        memset(&tmp, 0, sizeof tmp);
        tmp.price_usd = tmp.amount_value = tmp.amount_usd = NAN;
        size_t lo = c > 40 ? c - 40 : 0;
        set_price(d, st, &tmp, lo, c + strlen(cues[w]) + 60);
        if (isnan(tmp.amount_value)) {
            free(tmp.amount_text);
            continue;
        }
        e->amount_value = tmp.amount_value;
        e->amount_usd = tmp.amount_usd;
        e->price_usd = tmp.price_usd;
        memcpy(e->currency, tmp.currency, 4);
        free(e->amount_text);
        e->amount_text = tmp.amount_text;
        e->confidence = fmin(1.0, e->confidence + 0.05);
        return;
    }
}

/* A copy of a name with Latin accents dropped ("Telefónica" ->
 * "Telefonica") for comparing. */
static void plain(const char *in, char *out, size_t cap)
{
    static const char map[] = "aaaaaaaceeeeiiiidnooooo_ouuuuy_s";
    size_t o = 0;
    for (size_t i = 0; in && in[i] && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0xC3 && (unsigned char)in[i + 1] >= 0x80 && (unsigned char)in[i + 1] <= 0xBF) {
            char r = map[((unsigned char)in[i + 1] - 0x80) & 0x1F];
            out[o++] = r == '_' ? 'x' : r;
            i++;
            continue;
        }
        out[o++] = (char)c;
    }
    out[o] = 0;
}

static bool same_org_plain(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    if (org_same(a, b))
        return true;
    char pa[128], pb[128];
    plain(a, pa, sizeof pa);
    plain(b, pb, sizeof pb);
    return org_same(pa, pb);
}

/* The fuller of two names for one company: "Chips" told later as "Chips &
 * Technologies". */
static void fuller(char **a, char **b)
{
    if (*a && *b && strlen(*b) > strlen(*a) && org_same(*a, *b) && strncmp(*a, *b, strlen(*a)) == 0) {
        char *t = *a;
        *a = *b;
        *b = t;
    }
}

/* 1 when sentence a runs on into the next one: a hard-wrapped line ("...
 * agreed on Thursday to buy\nBroadcom Corp for $37 billion"), no closing
 * mark and a single line break between. */
static bool runs_on(const scan_sent *a, const scan_sent *b)
{
    if (a->index == b->index || !a->orig_len || !b->orig || b->orig < a->orig + a->orig_len)
        return false;
    unsigned char last = (unsigned char)a->orig[a->orig_len - 1];
    if (!str_isalnum(last) && last != ',' && last != '&' && last != '-')
        return false;
    int breaks = 0;
    for (const char *q = a->orig + a->orig_len; q < b->orig; q++) {
        if (*q == '\n')
            breaks++;
        else if (*q != ' ' && *q != '\r' && *q != '\t')
            return false;
    }
    return breaks == 1 && a->n >= 20 && b->n >= 3;
}

/* Hard-wrapped text: the lines of one sentence read together, when none
 * of them told a deal alone. */
static void read_wrapped(scan_doc *d, const scan_sent *sents, size_t n)
{
    static const char *const gate[] = {"acqui", "buy", "bought", "purchas", "takeover",
        "take over", "took over", "takes over", "snap", "scoop", "sell", "sold"};
    for (size_t i = 0; i + 1 < n; i++) {
        /* what the walk did not read (links to other stories) is not read
         * joined either */
        if (sents[i].unread || sents[i + 1].unread || !runs_on(&sents[i], &sents[i + 1]))
            continue;
        size_t j = i + 1, len = sents[i].n;
        bool got = sents[i].deal_got || sents[i].funding_got, stem = false;
        while (true) {
            len += 1 + sents[j].n;
            got |= sents[j].deal_got || sents[j].funding_got;
            if (j + 1 >= n || j - i >= 5 || len > 1200 || sents[j + 1].unread || !runs_on(&sents[j], &sents[j + 1]))
                break;
            j++;
        }
        for (size_t k = i; k <= j && !stem; k++)
            stem = scan_has_stem(sents[k].lc, sents[k].n, gate, COUNT(gate));
        if (got || !stem) {
            i = j;
            continue;
        }
        char *js = xmalloc(len + 1), *jl = xmalloc(len + 1);
        size_t o = 0;
        for (size_t k = i; k <= j; k++) {
            if (k > i) {
                js[o] = jl[o] = ' ';
                o++;
            }
            memcpy(js + o, sents[k].s, sents[k].n);
            memcpy(jl + o, sents[k].lc, sents[k].n);
            o += sents[k].n;
        }
        js[o] = jl[o] = 0;
        scan_sent *t = xmalloc(sizeof *t);
        memset(t, 0, sizeof *t);
        t->s = js;
        t->lc = jl;
        t->n = o;
        t->orig = sents[i].orig;
        t->orig_len = (size_t)(sents[j].orig + sents[j].orig_len - sents[i].orig);
        t->offset = sents[i].offset;
        t->index = sents[i].index;
        t->n_money = money_find(js, o, d->cny, t->money, MONEY_MAX);
        deal_read(d, t);
        free(js);
        free(jl);
        free(t);
        i = j;
    }
}

/* 1 when name is written in a sentence other than the line self. */
static bool told_elsewhere(const char *name, const scan_sent *self, const scan_sent *sents, size_t n)
{
    size_t m = name ? strlen(name) : 0;
    if (!m)
        return false;
    for (size_t i = 0; i < n; i++)
        if (sents[i].index != self->index && memmem(sents[i].s, sents[i].n, name, m))
            return true;
    return false;
}

/* 1 for a Title Case line (most longer words capitalised), a headline or
 * a sub-heading. */
static bool title_line(const scan_sent *st)
{
    int words = 0, caps = 0;
    for (size_t i = 0; i < st->n;) {
        while (i < st->n && st->s[i] == ' ')
            i++;
        size_t b = i;
        while (i < st->n && st->s[i] != ' ')
            i++;
        if (i - b >= 4) {
            words++;
            caps += str_isupper((unsigned char)st->s[b]) != 0;
        }
    }
    /* every longer word: "Avago Technologies Ltd agreed on Thursday" is not */
    return st->title || (words >= 3 && caps == words);
}

/* 1 when the sentence tells its deal in the bare past, with nothing that
 * makes it this story's news: "Broadcom bought VMware for $69 billion." */
static bool bare_past(const scan_sent *st)
{
    static const char *const past[] = {"bought", "acquired", "purchased", "took over",
        "snapped up", "was acquired by", "was bought by", "was sold to"};
    static const char *const now[] = {"has", "have", "is", "are", "will", "today", "said",
        "says", "announced", "announces", "agreed", "agrees", "this week", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "confirmed",
        "completed", "closed", "reported", "according", "just", "now", "new", "latest"};
    size_t lo = body_start(st);
    if (scan_any(st->lc, st->n, lo, past, COUNT(past), NULL) == SCAN_NONE)
        return false;
    return scan_any(st->lc, st->n, lo, now, COUNT(now), NULL) == SCAN_NONE;
}

void deal_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    read_wrapped(d, sents, n);
    event_list *l = d->out;
    /* the story's own deal, the first told as news (not in the bare
     * past), and how many are so told: read once */
    int news_deals = 0;
    size_t first_i = SCAN_NONE;
    int first_index = 0;
    for (size_t j = 0; j < l->n; j++) {
        if (l->items[j].type != EVENT_ACQUISITION)
            continue;
        const scan_sent *sj = sent_of(&l->items[j], sents, n);
        if (sj && !bare_past(sj)) {
            news_deals++;
            if (first_i == SCAN_NONE) {
                first_i = j;
                first_index = sj->index;
            }
        }
    }
    char *first_acq = first_i != SCAN_NONE && l->items[first_i].acquirer ? xstrdup(l->items[first_i].acquirer) : NULL;
    char *first_tgt = first_i != SCAN_NONE && l->items[first_i].target ? xstrdup(l->items[first_i].target) : NULL;
    for (size_t i = 0; i < l->n;) {
        event_t *e = &l->items[i];
        const scan_sent *st = e->type == EVENT_ACQUISITION ? sent_of(e, sents, n) : NULL;
        /* a later deal told in the bare past, in a story about another
         * deal (not a digest of several): background */
        if (st && first_acq && news_deals < 3 && st->index > first_index && bare_past(st) &&
            !same_org_plain(first_acq, e->acquirer) && !same_org_plain(first_tgt, e->target)) {
            scan_note(d, st, "deal: dropped, told in the bare past in a story about another deal");
            event_clear(e);
            memmove(e, e + 1, (l->n - i - 1) * sizeof *e);
            l->n--;
            continue;
        }
        /* a Title Case Headline makes every word look like a name ("Last
         * Chance to Buy Pokemon Sword"): its deal stands when the story
         * names both sides too */
        if (st && n > 1 && title_line(st) &&
            !(told_elsewhere(e->acquirer, st, sents, n) && told_elsewhere(e->target, st, sents, n))) {
            scan_note(d, st, "deal: dropped, a Title Case headline whose names the story does not tell");
            event_clear(e);
            memmove(e, e + 1, (l->n - i - 1) * sizeof *e);
            l->n--;
            continue;
        }
        i++;
    }
    free(first_acq);
    free(first_tgt);
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        if (e->type != EVENT_ACQUISITION)
            continue;
        /* the same deal told again: one event with the fuller names and
         * the first price told */
        for (size_t j = i + 1; j < l->n;) {
            event_t *f = &l->items[j];
            if (f->type != EVENT_ACQUISITION || !same_org_plain(e->acquirer, f->acquirer) ||
                !same_org_plain(e->target, f->target)) {
                j++;
                continue;
            }
            fuller(&e->acquirer, &f->acquirer);
            fuller(&e->target, &f->target);
            if ((isnan(e->amount_value) && !isnan(f->amount_value)) ||
                (isnan(e->price_usd) && !isnan(f->price_usd))) {
                e->amount_value = f->amount_value;
                e->amount_usd = f->amount_usd;
                e->price_usd = f->price_usd;
                memcpy(e->currency, f->currency, 4);
                free(e->amount_text);
                e->amount_text = f->amount_text;
                f->amount_text = NULL;
            }
            if (!e->country && f->country) {
                e->country = f->country;
                f->country = NULL;
            }
            if (deal_status_rank(f->status) > deal_status_rank(e->status))
                e->status = f->status;
            e->confidence = fmin(1.0, fmax(e->confidence, f->confidence) + 0.05);
            event_clear(f);
            memmove(f, f + 1, (l->n - j - 1) * sizeof *f);
            l->n--;
        }
        if (isnan(e->amount_value)) {
            const scan_sent *st = sent_of(e, sents, n);
            if (st)
                later_price(d, e, sents, n, (size_t)(st - sents));
        }
    }
}
