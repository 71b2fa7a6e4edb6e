/* infra: infrastructure projects: data centres, AI factories, national AI programmes.
 *
 * A sentence tells a project when a build or investment verb governs a
 * project noun ("will build a 1 GW data centre campus", "its first 120MW
 * site"), a passive names its agent ("will be built by X"), or an amount
 * is an investment in a country ("an additional €10 billion investment in
 * Germany"). Who carries it out is the subject of the verb's clause: the
 * first name at the clause's start (intro phrases, datelines, owners and
 * descriptors skipped: "India's X", "data-center operator X", "a
 * consortium led by X"), or a pronoun ("it", "the company", "the JV")
 * resolved to the clause it hangs on ("X said it will build") or to the
 * article's last actor. A second amount in a segment of its own ("and
 * another Rs 5,000 crore in setting up ...") is a second project.
 *
 * The article level (infra_finish): amounts told in the next sentences
 * are attached ("The Rs 8,000 crore mission", "an investment of $X"), "a
 * second building ... cost of $Y" is a project of its own; dropped are a
 * round's use of proceeds and its company's vague plans, what a company
 * does ("builds and operates"), a supplier's contract, spending guidance,
 * another organisation's build told as context after the article's
 * project ("Similarly, X is building ..."; a headline or a list item
 * starts a new story), and a partner named with the main organisation
 * ("X and its arm Y will invest ...": Y's later sentences are X's
 * project). What infra_read knew about each event is kept in a small
 * per-thread table keyed by the event's organization string. */
#include "analyze/infra.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "analyze/funding.h"
#include "analyze/investor.h"
#include "analyze/number.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const things[] = {
    "ai data centers", "ai data center", "ai data centres", "ai data centre", "data centers",
    "data center", "data centres", "data centre", "datacenters", "datacenter", "ai factories",
    "ai factory", "ai supercomputer", "supercomputers", "supercomputer", "ai campus",
    "compute cluster", "gpu cluster", "gpu clusters", "ai cluster", "ai hub", "ai infrastructure",
    "computing center", "computing centre", "ai gigafactory", "gigafactory", "inference hub",
    "infrastructure hubs", "server farm", "ai cloud", "sovereign ai", "national ai",
    "compute capacity", "computing capacity", "hyperscale campus", "data center campus",
    "campus", "intelligent computing centre", "intelligent computing center", "computing centre",
    "ai growth zone", "cloud region", "compute facility", "data centre hub", "data center hub",
    "data centre network", "data center network", "data centre campus", "ai compute facility",
    "data centre sites", "data center sites", "ai campus plan", "artificial intelligence hub",
    "artificial intelligence data center", "artificial intelligence data centre",
    "ai mission", "ai programme", "ai program", "compute programme", "compute program",
    "ai hubs", "cloud regions", "edge data centers", "edge data centres",
};

/* words that make "infrastructure" a project noun: "cloud and AI infrastructure" */
static const char *const infra_qual[] = {"ai", "cloud", "data", "digital", "computing", "compute",
    "intelligence", "artificial-intelligence", "gpu", "hyperscale"};

static const char *const verbs[] = {
    "build", "builds", "building", "construct", "constructs", "constructing", "invest",
    "invests", "investing", "unveiled", "unveils", "launch", "launches", "launched",
    "launching", "open", "opens", "opened", "opening", "develop", "develops", "developing",
    "deploy", "deploys", "deploying", "host", "hosts", "hosting", "channeling", "channelling",
    "channel", "channels", "expand", "expands", "expanding", "broke ground", "breaks ground",
    "break ground", "commit", "commits", "committed", "pledged", "pledges", "set up",
    "sets up", "setting up", "establish", "establishes", "establishing", "plans",
    "announced", "announces", "will build", "create", "creates", "creating",
    "spend", "spends", "spending", "breaks ground on", "broke ground on", "putting", "puts",
    "adds", "added", "confirmed", "confirms", "unveil", "begin",
    "begins", "started", "starts", "start", "approved", "approves", "cleared", "sanctioned",
    "earmarks", "earmarked", "allocates", "allocated", "allocating", "put",
};

static const char *const not_news[] = {
    "could", "might", "demand for", "market for", "such as", "customers", "analysts",
    "the money", "the funds", "proceeds", "the funding", "the new capital", "fresh capital",
    "will use", "plans to use", "capex", "capital expenditure", "fiscal year", "rumor",
    "rumour", "in talks", "specializes", "specialises", "exploring", "considering", "denied",
    "denies", "scrapped", "scraps", "cancelled", "canceled", "cancels", "shelved", "shelves",
    "paused", "pauses", "halted", "abandoned", "pulled out", "pulls out", "called off",
    "expects to spend", "expected to spend", "expects to invest", "guidance", "forecast",
    "in fiscal", "fiscal 20",
};

/* a project noun followed by one of these is a kind of company or market */
static const char *const thing_heads[] = {"operator", "operators", "provider", "providers",
    "company", "companies", "firm", "firms", "developer", "developers", "builder", "builders",
    "business", "market", "markets", "industry", "sector", "demand", "stocks", "shares",
    "reit", "reits", "space", "tenant", "tenants", "unit", "arm", "player", "players",
    "specialist", "landlord", "owner", "investor", "investors", "stake", "portfolio", "count",
    "footprint", "fleet", "estate", "exposure", "boom", "bubble", "deal", "deals"};

/* a project noun after one of these is served, not built: "to power its data centres" */
static const char *const served[] = {"power", "powering", "supply", "supplying", "cool",
    "cooling", "for its", "for their", "in its", "at its", "to its", "into its", "chips for",
    "tenant at", "tenant in", "customer of"};

static const char *const invest_words[] = {"invest", "invests", "investing", "investment",
    "investments", "spend", "spends", "spending", "pledge", "pledged", "pledges", "allocating",
    "allocates", "allocated", "earmarks", "earmarked", "commit", "commits", "committed",
    "commitment", "injecting", "injects"};

static const char *const tech_stems[] = {"ai ", "ai-", " ai", "cloud", "data", "digital",
    "comput", "artificial intelligence", "infrastructure", "gpu", "semiconductor"};

static size_t skip_sp(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

static size_t word_end(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] != ' ')
        i++;
    return i;
}

static bool word_in(const char *lc, size_t n, const char *const *list, size_t cnt)
{
    for (size_t k = 0; k < cnt; k++)
        if (strlen(list[k]) == n && memcmp(lc, list[k], n) == 0)
            return true;
    return false;
}

/* ---- figures ---- */

static double capacity_mw(const scan_sent *st, size_t from, size_t to)
{
    const char *s = st->s;
    if (to > st->n)
        to = st->n;
    for (size_t i = from; i < to; i++) {
        if (!str_isdigit((unsigned char)s[i]) || (i && (str_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.')))
            continue;
        const char *p = s + i;
        double v;
        if (number_read(&p, s + st->n, &v) != 0) {
            i = (size_t)(p - s);
            continue;
        }
        size_t j = (size_t)(p - s);
        while (j < st->n && (s[j] == ' ' || s[j] == '-'))
            j++;
        const char *lc = st->lc + j;
        size_t left = st->n - j;
        if ((left >= 2 && memcmp(s + j, "GW", 2) == 0) || (left >= 8 && memcmp(lc, "gigawatt", 8) == 0))
            return v * 1000;
        if ((left >= 2 && (memcmp(s + j, "MW", 2) == 0 || memcmp(s + j, "Mw", 2) == 0)) ||
            (left >= 8 && memcmp(lc, "megawatt", 8) == 0))
            return v;
        i = (size_t)(p - s);
    }
    return NAN;
}

/* "16,000 GPUs", "20,000 Nvidia Blackwell GPUs", "100k accelerators",
 * "50,000 H100 chips": the accelerators the project will hold, read in
 * s[from, to); NAN when none is told. A count below 100 is a rack's, not a
 * site's. */
static double gpu_count(const scan_sent *st, size_t from, size_t to)
{
    const char *s = st->s, *lc = st->lc;
    if (to > st->n)
        to = st->n;
    for (size_t i = from; i < to; i++) {
        if (!str_isdigit((unsigned char)s[i]) ||
            (i && (str_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '$' ||
                   (unsigned char)s[i - 1] >= 0x80)))
            continue;
        const char *p = s + i;
        double v;
        if (number_read(&p, s + to, &v) != 0) {
            i = (size_t)(p - s);
            continue;
        }
        size_t j = (size_t)(p - s);
        i = j;
        if (j < to && (s[j] == 'k' || s[j] == 'K') && (j + 1 >= to || s[j + 1] == ' ')) {
            v *= 1e3;
            j++;
        }
        j = skip_sp(s, j, to);
        if (j + 8 <= to && memcmp(lc + j, "thousand", 8) == 0) {
            v *= 1e3;
            j = skip_sp(s, j + 8, to);
        } else if (j + 7 <= to && memcmp(lc + j, "million", 7) == 0) {
            v *= 1e6;
            j = skip_sp(s, j + 7, to);
        }
        /* up to three names of the maker or model ("Nvidia", "Blackwell",
         * "H100", "MI300X", "Nvidia's") before the noun */
        int named = 0;
        for (int w = 0; w < 4 && j < to; w++) {
            static const char *const nouns[] = {"gpus", "gpu", "graphics processing units",
                "graphics processors", "accelerators", "ai accelerators", "ai chips", "chips"};
            size_t k;
            for (k = 0; k < COUNT(nouns); k++) {
                size_t m = strlen(nouns[k]);
                if (j + m <= to && memcmp(lc + j, nouns[k], m) == 0 &&
                    (j + m == to || !str_isalnum((unsigned char)s[j + m])))
                    break;
            }
            if (k < COUNT(nouns)) {
                size_t e = j + strlen(nouns[k]);
                /* "16 GPU clusters", "8 GPUs per server", bare "chips" */
                static const char *const unit_of[] = {"cluster", "server", "rack", "node", "hour",
                    "per ", "each", "a server", "in each"};
                size_t a = skip_sp(s, e, to);
                bool of_unit = false;
                for (size_t u = 0; u < COUNT(unit_of); u++)
                    if (a + strlen(unit_of[u]) <= to && memcmp(lc + a, unit_of[u], strlen(unit_of[u])) == 0)
                        of_unit = true;
                if (of_unit || v < 100 || (!strcmp(nouns[k], "chips") && !named))
                    break;
                return v;
            }
            size_t we = word_end(s, j, to);
            if (we == j || !(str_isupper((unsigned char)s[j]) || str_isdigit((unsigned char)s[j])))
                break;
            if (s[we - 1] == ',' || s[we - 1] == '.')
                break;
            named = 1;
            j = skip_sp(s, we, to);
        }
    }
    return NAN;
}

/* Who pays for a project, by name: "financed by X", "funded by X and Y",
 * "backed by X", "with financing from X" in s[from, to), each name right
 * after the cue (not "backed by a consortium of ..."), added to e's
 * investors. */
static void payers_read(const scan_sent *st, size_t from, size_t to, event_t *e)
{
    static const char *const cues[] = {"financed by", "funded by", "backed by", "paid for by",
        "bankrolled by", "with financing from", "with funding from", "with investment from",
        "with backing from", "financing from", "funding from"};
    const char *s = st->s, *lc = st->lc;
    if (to > st->n)
        to = st->n;
    size_t at = from;
    while (at < to) {
        size_t w;
        size_t c = scan_any(lc, to, at, cues, COUNT(cues), &w);
        if (c == SCAN_NONE)
            return;
        size_t j = skip_sp(s, c + strlen(cues[w]), to);
        at = j;
        for (int k = 0; k < 4 && j < to; k++) {
            if (!str_isupper((unsigned char)s[j]))
                break;
            size_t start, len = org_name_after(s, to, j, &start);
            if (!len || start != j)
                break;
            char *name = org_clean(s + start, len);
            if (name && !(e->organization && org_same(e->organization, name)))
                investor_add(e, name, 0);
            free(name);
            /* the next: ", Y", " and Y", ", and Y" */
            j = skip_sp(s, start + len, to);
            bool comma = (j < to && s[j] == ',') || s[start + len - 1] == ',';
            if (j < to && s[j] == ',')
                j++;
            j = skip_sp(s, j, to);
            if (j + 4 <= to && memcmp(lc + j, "and ", 4) == 0)
                j = skip_sp(s, j + 4, to);
            else if (!comma)
                break;
        }
    }
}

/* The project's site after its noun, in the sentence's words: "AI factory"
 * + " in Chiba Prefecture", " near the Arctic port of Narvik", " outside
 * Abu Dhabi": a run of capitalised words (with "the", "of", "port", ...
 * between) that ends on one; NULL when none follows at. */
static bool place_ends(const scan_sent *st, size_t pe);

static char *site_after(const scan_sent *st, size_t at)
{
    static const char *const preps[] = {" in ", " near ", " outside ", " on the outskirts of "};
    static const char *const joins[] = {"the", "of", "port", "city", "town", "village", "region",
        "province", "county", "state", "island", "de", "del", "la", "le", "al", "el", "upon", "on"};
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n, pl = 0;
    for (size_t k = 0; k < COUNT(preps); k++)
        if (at + strlen(preps[k]) <= n && memcmp(lc + at, preps[k], strlen(preps[k])) == 0)
            pl = strlen(preps[k]);
    if (!pl)
        return NULL;
    size_t j = at + pl, end = 0;
    for (int w = 0; w < 7 && j < n; w++) {
        size_t we = word_end(s, j, n);
        size_t core = we;
        while (core > j && (s[core - 1] == ',' || s[core - 1] == '.' || s[core - 1] == ';' ||
                            s[core - 1] == ')' || s[core - 1] == ':'))
            core--;
        if (core == j)
            break;
        bool cap = str_isupper((unsigned char)s[j]);
        if (!cap && !word_in(lc + j, core - j, joins, COUNT(joins)))
            break;
        /* a year, a figure or an acronym of a unit is no place */
        if (cap && core - j >= 2 && (memcmp(s + j, "MW", 2) == 0 || memcmp(s + j, "GW", 2) == 0))
            break;
        if (cap)
            end = core;
        if (core < we)
            break; /* the place ends at its punctuation */
        j = skip_sp(s, we, n);
    }
    /* "in Arctic north", "in Indian languages": no site */
    if (!end || !place_ends(st, end))
        return NULL;
    return scan_copy(s + at + 1, end - at - 1);
}

/* Whether money i can be a project's amount: not a valuation, revenue or
 * history, not a total ("$23 billion overall"), not a market cap. */
static bool money_ok(const scan_doc *d, const scan_sent *st, size_t i)
{
    money_role r = funding_money_role(d, st, i);
    if (r == ROLE_VALUATION || r == ROLE_HISTORY)
        return false;
    const money_t *m = &st->money[i];
    const char *lc = st->lc;
    size_t e = m->end;
    /* the rounds' reader counts spending, costs and budgets with revenue;
     * for a project they are its amount */
    if (r == ROLE_REVENUE) {
        static const char *const rev_before[] = {"revenue", "revenues", "arr", "sales",
            "run-rate", "profit", "profits", "income", "ebitda", "bookings", "salary", "price",
            "prices", "turnover", "forecast", "expected to reach", "to reach", "grow to",
            "sized at", "fine", "fined", "penalty", "damages", "loss", "losses", "contract",
            "contracts", "deal with", "order", "orders", "backlog", "earnings", "compensation",
            "paid", "lawsuit", "settlement", "tax", "buyback", "dividend", "market"};
        static const char *const rev_after[] = {"in revenue", "in annual", "in sales",
            "of revenue", "in arr", "arr", "market", "a year", "per year", "annually", "in orders",
            "in bookings", "in profit", "in contracts", "contract", "deal", "in losses",
            "buyback", "order", "orders", "dividend", "purchase", "acquisition", "takeover",
            "buyout", "merger", "each", "per share", "a share", "apiece"};
        if (scan_before(lc, m->start, 30, rev_before, COUNT(rev_before)) ||
            scan_after(lc, st->n, e, 16, rev_after, COUNT(rev_after)))
            return false;
    }
    static const char *const after[] = {"overall", "in total", "in all", "market cap",
        "market value", "in revenue", "in sales", "a year", "per year", "annually"};
    static const char *const before[] = {"total of", "a total", "earlier", "previous", "prior",
        "revenue of", "market cap of", "valuation of", "valued at", "worth of"};
    if (scan_after(lc, st->n, e, 14, after, COUNT(after)) &&
        scan_any(lc, st->n, e, after, COUNT(after), NULL) <= e + 2)
        return false;
    if (scan_before(lc, m->start, 18, before, COUNT(before)))
        return false;
    return true;
}

/* ---- project nouns ---- */

/* 1 when "infrastructure" at i is qualified by a tech word within the three
 * words before it */
static bool qualified_infra(const char *lc, size_t i, size_t *qstart)
{
    size_t lo = i > 40 ? i - 40 : 0;
    size_t p = i;
    for (int w = 0; w < 3 && p > lo; w++) {
        while (p > lo && lc[p - 1] == ' ')
            p--;
        size_t e = p;
        while (p > lo && lc[p - 1] != ' ')
            p--;
        size_t b = p;
        /* "artificial-intelligence" and "AI-ready" are one word here */
        for (size_t k = b; k <= e; k++) {
            if (k == e || lc[k] == '-') {
                if (word_in(lc + b, k - b, infra_qual, COUNT(infra_qual))) {
                    *qstart = p;
                    return true;
                }
                b = k + 1;
            }
        }
    }
    return false;
}

/* "its first 120MW site", "a 2 GW project": a capacity makes a facility
 * noun a project noun. The noun's position, its length in *len. */
static size_t sized_facility(const char *lc, size_t n, size_t from, size_t to, size_t *len)
{
    static const char *const units[] = {"mw", "gw", "megawatt", "gigawatt"};
    static const char *const nouns[] = {"site", "sites", "facility", "facilities", "project",
        "projects", "plant", "campus", "build", "expansion"};
    for (size_t i = from; i < to; i++) {
        /* a figure, then its unit: "120mw", "2 gw", "100-megawatt" */
        if (!str_isdigit((unsigned char)lc[i]) || (i > 0 && (str_isalnum((unsigned char)lc[i - 1]) || lc[i - 1] == '.')))
            continue;
        size_t j = i;
        while (j < n && (str_isdigit((unsigned char)lc[j]) || lc[j] == '.' || lc[j] == ','))
            j++;
        i = j;
        while (j < n && (lc[j] == ' ' || lc[j] == '-'))
            j++;
        size_t ul = 0;
        for (size_t k = 0; k < COUNT(units) && !ul; k++) {
            size_t m = strlen(units[k]);
            if (j + m <= n && memcmp(lc + j, units[k], m) == 0)
                ul = m;
        }
        if (!ul)
            continue;
        size_t e = word_end(lc, j, n);
        for (int k = 0; k < 3 && e < n; k++) {
            size_t b = skip_sp(lc, e, n), we = word_end(lc, b, n);
            size_t wl = we;
            while (wl > b && (lc[wl - 1] == ',' || lc[wl - 1] == '.'))
                wl--;
            if (word_in(lc + b, wl - b, nouns, COUNT(nouns))) {
                *len = wl - b;
                return b;
            }
            e = we;
        }
    }
    return SCAN_NONE;
}

/* The next project noun at or after from: its position, length in *len. */
static size_t thing_next(const char *lc, size_t n, size_t from, size_t *len)
{
    size_t tw = 0;
    size_t t = scan_any(lc, n, from, things, COUNT(things), &tw);
    size_t sl = 0, sf = sized_facility(lc, n, from, t == SCAN_NONE ? n : t, &sl);
    if (sf != SCAN_NONE && (t == SCAN_NONE || sf < t)) {
        t = sf;
        *len = sl;
        return t;
    }
    size_t q = from;
    size_t qn = t == SCAN_NONE ? n : t + 14 < n ? t + 14 : n;
    while ((q = scan_word(lc, qn, q, "infrastructure")) != SCAN_NONE && (t == SCAN_NONE || q < t)) {
        size_t qs;
        if (qualified_infra(lc, q, &qs)) {
            /* the thing from its first qualifier: "cloud and AI infrastructure" */
            while (qs < q) {
                size_t we = word_end(lc, qs, q);
                size_t wl = we;
                size_t b2 = qs;
                bool qual = false;
                for (size_t k = b2; k <= wl; k++)
                    if (k == wl || lc[k] == '-') {
                        qual |= word_in(lc + b2, k - b2, infra_qual, COUNT(infra_qual));
                        b2 = k + 1;
                    }
                if (qual)
                    break;
                qs = skip_sp(lc, we, q);
            }
            if (qs < from)
                qs = q;
            *len = q + 14 - qs;
            return qs;
        }
        q += 14;
    }
    if (t != SCAN_NONE)
        *len = strlen(things[tw]);
    return t;
}

/* A project noun that names a project rather than a kind of company or a
 * place where something else is used. */
static bool thing_is_project(const char *lc, size_t n, size_t t, size_t tl)
{
    size_t e = t + tl;
    while (e < n && lc[e] == ' ')
        e++;
    size_t we = e;
    while (we < n && str_isalpha((unsigned char)lc[we]))
        we++;
    if (we > e && word_in(lc + e, we - e, thing_heads, COUNT(thing_heads)))
        return false;
    if (t > 0 && lc[t - 1] == '-')
        return false;
    /* "to power its data centres": the word before, possibly with a determiner */
    size_t b = t;
    for (int w = 0; w < 3 && b > 0; w++) {
        while (b > 0 && lc[b - 1] == ' ')
            b--;
        size_t x = b;
        while (x > 0 && lc[x - 1] != ' ')
            x--;
        for (size_t k = 0; k < COUNT(served); k++) {
            size_t m = strlen(served[k]);
            if (t >= m + 1 && x + m <= t && memcmp(lc + x, served[k], m) == 0 &&
                (x + m == t - 1 || lc[x + m] == ' '))
                return false;
        }
        b = x;
    }
    return true;
}

/* The nearest build verb before t, no further back than 90 bytes; a verb
 * inside a hyphenated word ("nation-building") is none. */
static size_t verb_before(const char *lc, size_t t, size_t lo, size_t *vlen)
{
    size_t from = t > 90 ? t - 90 : 0;
    if (from < lo)
        from = lo;
    while (from > 0 && from < t && str_isalnum((unsigned char)lc[from - 1]))
        from++;
    size_t best = SCAN_NONE, w = 0;
    for (size_t p = from; p < t;) {
        size_t v = scan_any(lc, t, p, verbs, COUNT(verbs), &w);
        if (v == SCAN_NONE)
            break;
        size_t m = strlen(verbs[w]);
        if (!(v > 0 && lc[v - 1] == '-') && !(v + m < t && lc[v + m] == '-')) {
            best = v;
            *vlen = m;
        }
        p = v + 1;
    }
    return best;
}

/* "will be built by", "is being developed by": the participle after the
 * project noun (within 100 bytes of from), its length in *vl, where the
 * agent starts in *by. */
static size_t passive_after(const char *lc, size_t from, size_t to, size_t *vl, size_t *by)
{
    static const char *const part[] = {"built by", "developed by", "constructed by",
        "financed by", "funded by", "set up by", "delivered by", "backed by"};
    static const char *const be[] = {"be", "been", "being", "is", "are", "was", "were"};
    size_t hi = from + 100 < to ? from + 100 : to;
    size_t w;
    size_t x = scan_any(lc, hi, from, part, COUNT(part), &w);
    if (x == SCAN_NONE)
        return SCAN_NONE;
    size_t e = x;
    while (e > from && lc[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > from && lc[b - 1] != ' ')
        b--;
    if (!word_in(lc + b, e - b, be, COUNT(be)))
        return SCAN_NONE;
    *vl = strlen(part[w]) - 3;
    *by = x + strlen(part[w]);
    return x;
}

/* ---- who ---- */



static bool possessive(const char *s, size_t b, size_t e)
{
    while (e > b && (s[e - 1] == ',' || s[e - 1] == ')'))
        e--;
    return e - b > 2 && s[e - 2] == '\'' && (s[e - 1] == 's' || s[e - 1] == 'S');
}

static bool desc_word(const char *s, size_t n)
{
    static const char *const extra[] = {"jv", "venture", "conglomerate", "giant", "hyperscaler",
        "consortium", "partnership", "arm", "telco"};
    while (n && (s[n - 1] == ',' || s[n - 1] == '.'))
        n--;
    if (n == 0)
        return false;
    if (org_descriptor(s, n))
        return true;
    char low[16];
    if (n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)str_tolower((unsigned char)s[i]);
    return word_in(low, n, extra, COUNT(extra));
}

/* "the Union cabinet", "the Maharashtra government": the body is the name's last word */
static bool gov_word(const char *lc, size_t n)
{
    static const char *const w[] = {"cabinet", "government", "ministry"};
    while (n && (lc[n - 1] == ',' || lc[n - 1] == '.'))
        n--;
    return word_in(lc, n, w, COUNT(w));
}

/* Words that end a search for the clause's first name. */
static bool stop_here(const char *lc, size_t n, bool before_name)
{
    static const char *const w[] = {"for", "in", "to", "from", "at", "with", "by", "on", "as",
        "into", "has", "have", "had", "is", "was", "are", "were", "will", "would", "can", "said",
        "says", "plans", "plan", "and", "or", "of", "between", "after", "under", "over", "says",
        "signed", "aims", "intends", "expects", "hopes", "wants"};
    while (n && (lc[n - 1] == ',' || lc[n - 1] == '.'))
        n--;
    /* "Malaysian utility and property group YTL": "and" among the
     * descriptors before a name */
    if (before_name && ((n == 3 && memcmp(lc, "and", 3) == 0) || (n == 2 && memcmp(lc, "or", 2) == 0)))
        return false;
    return word_in(lc, n, w, COUNT(w));
}

/* "It", "The company", "The telecommunications company", "The JV": an
 * anaphor at i (not "The company's CEO", not "The Union cabinet"). */
static bool pronoun_at(const char *s, const char *lc, size_t i, size_t n)
{
    size_t e = word_end(s, i, n);
    if (e - i == 2 && memcmp(lc + i, "it", 2) == 0)
        return true;
    if (!((e - i == 3 && memcmp(lc + i, "the", 3) == 0) || (e - i == 4 && memcmp(lc + i, "this", 4) == 0)))
        return false;
    bool cand = false;
    size_t p = e;
    for (int k = 0; k < 5 && p < n; k++) {
        size_t b = skip_sp(s, p, n);
        size_t we = word_end(s, b, n);
        if (we == b)
            break;
        if (possessive(s, b, we))
            return false;
        if (desc_word(s + b, we - b)) {
            /* "The Ministry of Science", "The Bank of Japan": a name */
            size_t nx = skip_sp(s, we, n);
            if (str_isupper((unsigned char)s[b]) && strncmp(lc + nx, "of ", 3) == 0)
                return false;
            cand = true;
            if (s[we - 1] == ',')
                break;
            p = we;
            continue;
        }
        if (cand)
            break;
        if (str_isupper((unsigned char)s[b]) && !memchr(s + b, '-', we - b) && !place_lookup(s + b, we - b))
            return false;
        p = we;
    }
    return cand;
}

static bool person_title(const char *s, size_t n)
{
    static const char *const t[] = {"billionaire", "tycoon", "chairman", "chairwoman", "ceo",
        "founder", "minister", "president", "mr", "mr.", "ms", "ms.", "mrs", "dr", "dr.", "prime",
        "chief", "executive", "premier", "governor", "mayor", "secretary"};
    char low[16];
    if (n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)str_tolower((unsigned char)s[i]);
    return word_in(low, n, t, COUNT(t));
}

/* Abbreviations that name an agreement or a kind of entity, never who. */
static bool not_a_name(const char *name)
{
    /* agreements, units, adverbs, and the nouns that start sentences about
     * a project ("Construction has started on ...") */
    static const char *const w[] = {"MoU", "MoUs", "MOU", "JV", "JVs", "LOI", "SPV", "PPP", "EPC",
        "GW", "MW", "AI", "GPU", "GPUs", "Initially", "Separately", "Similarly", "Currently",
        "Construction", "Work", "Plans", "Investment", "Investments", "Spending", "Development",
        "Demand", "Expansion", "Phase", "Building", "Operations", "Capacity", "Funding"};
    for (size_t k = 0; k < COUNT(w); k++)
        if (strcmp(name, w[k]) == 0)
            return true;
    size_t n = strlen(name);
    if (!strchr(name, ' ') && n > 4 && name[n - 2] == 'l' && name[n - 1] == 'y')
        return true; /* an adverb: "Initially" */
    return false;
}

/* The first organisation name in s[lo, hi): descriptors, determiners and
 * owners skipped ("India's Reliance Industries", "data-center operator
 * TeraWulf", "Asia AI data center provider, Firmus"). *owner is set when
 * the name is an owner standing for its unnamed unit ("Amazon's cloud
 * unit"). Returns the span's length, 0 for none. */
static size_t first_name(const scan_sent *st, size_t lo, size_t hi, size_t *start, bool *owner)
{
    const char *s = st->s, *lc = st->lc;
    size_t p = lo;
    *owner = false;
    for (int tries = 0; tries < 12 && p < hi; tries++) {
        size_t b = skip_sp(s, p, hi);
        size_t e = word_end(s, b, hi);
        if (e == b)
            break;
        if (!org_name_word(s + b, e - b)) {
            /* "A consortium led by X will build": the leader */
            if (e - b == 3 && memcmp(lc + b, "led", 3) == 0 && strncmp(lc + e, " by ", 4) == 0) {
                p = e + 3;
                continue;
            }
            if (stop_here(lc + b, e - b, true))
                return 0;
            p = e;
            continue;
        }
        /* a run of name words */
        size_t rb = b, re = e;
        bool closed = s[e - 1] == ',' || s[e - 1] == ';' || s[e - 1] == ')' || s[e - 1] == ':' ||
                      possessive(s, b, e);
        p = e;
        while (!closed && p < hi) {
            size_t xb = skip_sp(s, p, hi), xe = word_end(s, xb, hi);
            if (xe == xb)
                break;
            bool conn = (xe - xb == 1 && s[xb] == '&') || (xe - xb == 2 && memcmp(s + xb, "of", 2) == 0);
            if (conn) {
                size_t yb = skip_sp(s, xe, hi), ye = word_end(s, yb, hi);
                if (ye > yb && org_name_word(s + yb, ye - yb)) {
                    p = xe;
                    continue;
                }
                break;
            }
            bool gov = gov_word(lc + xb, xe - xb);
            if (!org_name_word(s + xb, xe - xb) && !gov)
                break;
            re = xe;
            p = xe;
            if (s[xe - 1] == ',' || s[xe - 1] == ';' || s[xe - 1] == ')' || possessive(s, xb, xe) || gov)
                closed = true;
        }
        bool poss = possessive(s, rb, re);
        /* what follows: an owned name ("Alphabet's Google"), or descriptors
         * then a name ("Asia AI data center provider, Firmus") */
        bool name_follows = false, desc_seen = false;
        size_t q = re;
        for (int k = 0; k < 5 && q < hi; k++) {
            size_t xb = skip_sp(s, q, hi), xe = word_end(s, xb, hi);
            if (xe == xb)
                break;
            if (desc_word(s + xb, xe - xb)) {
                desc_seen = true;
            } else if (org_name_word(s + xb, xe - xb)) {
                name_follows = desc_seen || (poss && k == 0);
                break;
            } else if (stop_here(lc + xb, xe - xb, false) || !str_islower((unsigned char)s[xb])) {
                break;
            }
            q = xe;
        }
        if (closed && !poss && s[re - 1] != ',')
            name_follows = false;
        size_t nl = re - rb;
        while (nl && (s[rb + nl - 1] == ',' || s[rb + nl - 1] == ';' || s[rb + nl - 1] == ':'))
            nl--;
        if (poss)
            nl -= 2;
        bool only_place = place_lookup(s + rb, nl) != NULL;
        bool only_desc = desc_word(s + rb, nl) && !memchr(s + rb, ' ', nl);
        /* "Japan will spend ...", "Saudi Arabia has pledged ...": a country
         * right before its verb is the actor of a national programme */
        if (only_place && !poss && !closed) {
            static const char *const aux[] = {"will", "plans", "has", "have", "is", "pledged",
                "announced", "approved", "unveiled", "aims", "intends", "wants", "committed"};
            size_t xb = skip_sp(s, re, hi), xe = word_end(s, xb, hi);
            if (xe > xb && word_in(lc + xb, xe - xb, aux, COUNT(aux))) {
                *start = rb;
                return nl;
            }
        }
        if (name_follows || only_place || only_desc) {
            p = re;
            continue;
        }
        /* "Server operators are expanding": one capitalised word before a
         * common noun is the noun's modifier, not a name */
        if (!poss && !closed && !memchr(s + rb, ' ', nl) && !org_lookup(s + rb, nl)) {
            size_t xb = skip_sp(s, re, hi), xe = word_end(s, xb, hi);
            size_t yb = skip_sp(s, xe, hi), ye = word_end(s, yb, hi);
            if (xe > xb && str_islower((unsigned char)s[xb]) && desc_word(s + xb, xe - xb) &&
                (ye == yb || stop_here(lc + yb, ye - yb, false)))
                return 0;
        }
        if (person_title(s + rb, word_end(s, rb, rb + nl) - rb))
            return 0;
        *owner = poss;
        *start = rb;
        return nl;
    }
    return 0;
}

/* Intro phrases before a clause's subject: "Separately,", "On Tuesday,",
 * "Speaking at the summit,", "Initially,". */
static size_t skip_intro(const scan_sent *st, size_t p, size_t hi, bool *background)
{
    static const char *const intro[] = {"separately", "meanwhile", "however", "also", "on", "in",
        "at", "last", "earlier", "this", "today", "according", "as", "after", "before",
        "following", "with", "under", "for", "by", "and", "but", "plus", "similarly", "likewise",
        "previously", "currently", "initially", "additionally", "further", "furthermore",
        "moreover", "simultaneously", "elsewhere", "back", "since", "during", "from", "over",
        "then", "now", "yesterday", "amid", "overall", "still", "besides", "notably"};
    static const char *const bg[] = {"similarly", "likewise", "earlier", "previously", "currently",
        "initially", "back", "since", "at present", "last", "already", "historically"};
    /* "On Tuesday Microsoft said": a preposition and one word, no comma */
    static const char *const short_intro[] = {"on", "in", "at", "last", "this", "earlier", "and",
        "but", "also", "plus", "then", "now", "today", "yesterday"};
    const char *s = st->s, *lc = st->lc;
    for (int k = 0; k < 5; k++) {
        p = skip_sp(s, p, hi);
        if (p >= hi)
            break;
        /* an all-caps dateline: "NEW DELHI :", "BENGALURU:" */
        size_t q = p;
        while (q < hi && (str_isupper((unsigned char)s[q]) || s[q] == ' ' || s[q] == '.'))
            q++;
        if (q > p + 3 && q < hi && (s[q] == ':' || (s[q - 1] == ' ' && s[q] == '-'))) {
            p = q + 1;
            continue;
        }
        size_t e = word_end(s, p, hi);
        /* "date 2024-03-07" stamps and bare numbers */
        if (str_isdigit((unsigned char)s[p])) {
            p = e;
            continue;
        }
        size_t n2 = skip_sp(s, e, hi);
        if (str_islower((unsigned char)s[p]) && e - p <= 8 && n2 < hi && str_isdigit((unsigned char)s[n2]) &&
            memchr(s + n2, '-', word_end(s, n2, hi) - n2)) {
            p = word_end(s, n2, hi);
            continue;
        }
        size_t we = e;
        while (we > p && (s[we - 1] == ',' || s[we - 1] == ':'))
            we--;
        if (we == p)
            break;
        bool is_intro = word_in(lc + p, we - p, intro, COUNT(intro));
        bool adverb = we - p > 4 && lc[we - 2] == 'l' && lc[we - 1] == 'y' && e > we && s[we] == ',';
        bool part = we - p > 5 && memcmp(lc + we - 3, "ing", 3) == 0 && str_isupper((unsigned char)s[p]) &&
                    !place_lookup(s + p, we - p) && !org_lookup(s + p, we - p);
        /* "Instead of building ...,", "Rather than renting ...,": a
         * capitalised word, a preposition, a lower-case word */
        if (!is_intro && !part && e == we && str_isupper((unsigned char)s[p]) && !org_lookup(s + p, we - p)) {
            static const char *const preps[] = {"of", "than", "to", "from", "with", "for", "after",
                "before", "about"};
            size_t b2 = skip_sp(s, e, hi), e2 = word_end(s, b2, hi);
            size_t b3 = skip_sp(s, e2, hi);
            if (e2 > b2 && word_in(lc + b2, e2 - b2, preps, COUNT(preps)) && b3 < hi &&
                str_islower((unsigned char)s[b3]))
                part = true;
        }
        if (!is_intro && !adverb && !part)
            break;
        for (size_t b = 0; b < COUNT(bg); b++) {
            size_t m = strlen(bg[b]);
            if (p + m <= hi && memcmp(lc + p, bg[b], m) == 0 && (p + m == hi || !str_isalpha((unsigned char)lc[p + m])))
                *background = true;
        }
        const char *comma = memchr(s + p, ',', hi - p);
        if (comma && (size_t)(comma - s) - p < 90) {
            p = (size_t)(comma - s) + 1;
            continue;
        }
        if (word_in(lc + p, we - p, short_intro, COUNT(short_intro))) {
            /* the word, and for a preposition the word after it */
            static const char *const preps[] = {"on", "in", "at", "last", "this", "earlier"};
            bool prep = word_in(lc + p, we - p, preps, COUNT(preps));
            p = e;
            if (prep)
                p = word_end(s, skip_sp(s, p, hi), hi);
            continue;
        }
        break;
    }
    return p;
}

/* Where the clause of the verb at v starts: after the last subordinator
 * or clause mark before it; *kind 1 when it hangs on the clause before. */
static size_t clause_start(const scan_sent *st, size_t lo, size_t v, int *kind, size_t *bstart)
{
    static const char *const subs[] = {" while ", " whereas ", " where ", " which ", " who ",
        " that ", ", as ", " after ", " when ", ", but ", " said ", " says ", " although ",
        " though ", "; "};
    const char *lc = st->lc;
    size_t best = SCAN_NONE, bl = 0;
    for (size_t k = 0; k < COUNT(subs); k++) {
        size_t m = strlen(subs[k]);
        const char *p = lc + lo, *end = lc + v;
        while (p + m <= end) {
            const char *h = memmem(p, (size_t)(end - p), subs[k], m);
            if (!h)
                break;
            size_t at = (size_t)(h - lc);
            /* ", which operates two sites, will build": a relative clause
             * closed by a comma before the verb is not the verb's clause */
            bool rel = k >= 2 && k <= 5;
            if (!(rel && memchr(lc + at + m, ',', v - at - m)) && (best == SCAN_NONE || at > best)) {
                best = at;
                bl = m;
            }
            p = h + 1;
        }
    }
    *kind = best != SCAN_NONE;
    *bstart = best == SCAN_NONE ? lo : best;
    return best == SCAN_NONE ? lo : best + bl;
}

/* ---- the side table: what infra_read knew about each event ---- */

enum {
    F_LOCATED = 1,     /* a site: "in Texas", "in the country" */
    F_PROGRESSIVE = 2, /* "is building" */
    F_REPORTED = 4,    /* said, announced, will, plans */
    F_BACKGROUND = 8,  /* "Similarly,", "Earlier,", "already" */
    F_PERFECT = 16,    /* "has committed to investing": an earlier pledge */
    F_ITEM = 32,       /* a list item: a story of its own */
    F_HABIT = 64,      /* "builds and operates": what a company does */
    F_ONGOING = 128,   /* "is also building": a build under way, told in passing */
    F_CONTRACT = 256,  /* "signed a deal with X to deploy": a commercial contract */
    F_WEAK_WHO = 512,  /* a country or the project noun's owner stands for who */
    F_NEED_TECH = 1024,/* an amount in a country: tech words must be near */
    F_ANNUAL = 2048,   /* "$80 billion on data centers this year": a year's spending */
};

typedef struct infra_meta {
    const char *org;     /* the event's organization string: the key */
    const scan_sent *st;
    size_t subj_lo, verb;/* the clause's subject region */
    unsigned flags;
} infra_meta;

#define META_MAX 64
static _Thread_local infra_meta meta[META_MAX];
static _Thread_local size_t n_meta;
static _Thread_local const scan_doc *meta_doc;

static infra_meta *meta_of(const event_t *e)
{
    for (size_t i = 0; i < n_meta; i++)
        if (meta[i].org == e->organization)
            return &meta[i];
    return NULL;
}

/* Who "it" and "the company" are: the last actor this reader saw, else
 * the last event's organisation, else the article's company. */
static const char *doc_actor(const scan_doc *d)
{
    if (meta_doc == d && n_meta)
        return meta[n_meta - 1].org;
    for (size_t i = d->out->n; i-- > 0;) {
        const event_t *e = &d->out->items[i];
        const char *w = e->type == EVENT_INFRASTRUCTURE ? e->organization
                        : e->type == EVENT_ACQUISITION ? e->acquirer : e->company;
        if (w)
            return w;
    }
    return scan_pronoun(d);
}

/* The organisation doing what the verb at v says: a new string, or NULL.
 * *region gets the clause's start. */
static char *actor(const scan_doc *d, const scan_sent *st, size_t v, size_t *region, bool *bg, int depth)
{
    int kind;
    size_t bstart;
    size_t cs = clause_start(st, 0, v, &kind, &bstart);
    size_t p = skip_intro(st, cs, v, bg);
    *region = p;
    const char *s = st->s, *lc = st->lc;
    /* "it", "the company", possibly after "on Tuesday" or "that" */
    size_t q = p;
    bool pron = false;
    for (int k = 0; k < 4 && q < v; k++) {
        q = skip_sp(s, q, v);
        if (pronoun_at(s, lc, q, v)) {
            pron = true;
            break;
        }
        size_t e = word_end(s, q, v);
        static const char *const skip[] = {"on", "this", "that", "also", "today", "now", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week"};
        size_t we = e;
        while (we > q && s[we - 1] == ',')
            we--;
        if (!word_in(lc + q, we - q, skip, COUNT(skip)))
            break;
        q = e;
    }
    char *name = NULL;
    /* "The government of Kestria announced ...": that country's government */
    {
        size_t g = skip_sp(s, p, v);
        static const char *const gov[] = {"the government of ", "government of "};
        for (size_t k = 0; k < COUNT(gov) && !pron; k++) {
            size_t gl = strlen(gov[k]);
            if (g + gl < v && memcmp(lc + g, gov[k], gl) == 0 && str_isupper((unsigned char)s[g + gl])) {
                size_t ne = g + gl;
                while (ne < v && s[ne] != ' ' && s[ne] != ',')
                    ne++;
                /* one or two capitalised words: "South Korea" */
                if (ne + 1 < v && s[ne] == ' ' && str_isupper((unsigned char)s[ne + 1])) {
                    size_t n2 = ne + 1;
                    while (n2 < v && s[n2] != ' ' && s[n2] != ',')
                        n2++;
                    ne = n2;
                }
                char buf[128];
                int bl = snprintf(buf, sizeof buf, "%.*s government", (int)(ne - g - gl), s + g + gl);
                if (bl > 0 && (size_t)bl < sizeof buf)
                    return xstrdup(buf);
            }
        }
    }
    if (!pron) {
        size_t nb;
        bool owner;
        size_t nl = first_name(st, p, v, &nb, &owner);
        name = nl ? org_clean(s + nb, nl) : NULL;
        if (name && (not_a_name(name) || str_isdigit((unsigned char)name[0]))) {
            free(name);
            return NULL;
        }
        if (name)
            return name;
    }
    /* the clause this one hangs on: "X said it will build", "X, where it
     * will build", "a project that will build" */
    if (kind && depth < 2 && bstart > 0) {
        size_t r2;
        bool b2 = false;
        char *up = actor(d, st, bstart, &r2, &b2, depth + 1);
        if (up) {
            *region = r2;
            *bg |= b2;
            return up;
        }
    }
    if (!pron)
        return NULL;
    const char *w = doc_actor(d);
    return w ? xstrdup(w) : NULL;
}

/* A place that ends at pe names a site ("in Texas,", "in Johor state",
 * "in India through 2030"), not an adjective ("in Indian languages"). */
static bool place_ends(const scan_sent *st, size_t pe)
{
    static const char *const fw[] = {"through", "over", "by", "to", "and", "as", "with", "for",
        "this", "in", "within", "during", "until", "from", "across", "targeting", "aimed", "on",
        "starting", "the", "a", "an", "while", "after", "which", "that", "state", "province",
        "region", "county", "city", "area", "district", "near", "at", "or", "is", "will", "was",
        "next", "later", "early", "by", "before", "where", "its", "their", "said", "says", "it"};
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n;
    if (pe >= n || s[pe] == ',' || s[pe] == '.' || s[pe] == ';' || s[pe] == ')' || s[pe] == ':' || s[pe] == '\'')
        return true;
    size_t f = skip_sp(s, pe, n);
    if (f >= n || !str_islower((unsigned char)s[f]))
        return true;
    size_t fe = word_end(lc, f, n);
    while (fe > f && (lc[fe - 1] == ',' || lc[fe - 1] == '.'))
        fe--;
    return word_in(lc + f, fe - f, fw, COUNT(fw));
}

/* "in Texas", "in Western New York", "near Paris", "in Malaysia's Johor",
 * "in the country": the first site told in s[from, to). */
static const char *site(const scan_sent *st, size_t from, size_t to, bool *located)
{
    static const char *const preps[] = {" in ", " at ", " near ", " outside ", " across ", " into "};
    const char *lc = st->lc;
    if (to > st->n)
        to = st->n;
    for (size_t i = from; i + 4 < to; i++) {
        if (lc[i] != ' ')
            continue;
        size_t pl = 0;
        for (size_t k = 0; k < COUNT(preps); k++) {
            size_t m = strlen(preps[k]);
            if (i + m <= to && memcmp(lc + i, preps[k], m) == 0) {
                pl = m;
                break;
            }
        }
        if (!pl)
            continue;
        size_t j = i + pl;
        if (strncmp(lc + j, "the country", 11) == 0 || strncmp(lc + j, "the state", 9) == 0 ||
            strncmp(lc + j, "the region", 10) == 0) {
            *located = true;
            return NULL;
        }
        /* a place, after "just", "either", a direction word or a city */
        for (int w = 0; w < 3 && j < to; w++) {
            size_t pe;
            const char *c = place_starting_at(st->s, to, j, &pe);
            if (c && place_ends(st, pe)) {
                *located = true;
                return c;
            }
            static const char *const filler[] = {"just", "either", "the"};
            if (!(str_isupper((unsigned char)st->s[j]) || word_in(lc + j, word_end(lc, j, to) - j, filler, COUNT(filler))))
                break;
            j = skip_sp(lc, word_end(lc, j, to), to);
        }
    }
    return NULL;
}

/* Told as news: a reporting verb anywhere, or a future or a decision
 * between the subject and the verb. */
static bool reported(const scan_sent *st, size_t region, size_t v)
{
    static const char *const say[] = {"said", "says", "announced", "announces", "announcing",
        "told", "unveiled", "unveils", "revealed", "confirmed", "stated"};
    static const char *const will[] = {"will", "plans", "plan", "aims", "intends", "signed",
        "signs", "agreed", "filed", "files", "to"};
    if (scan_any(st->lc, st->n, 0, say, COUNT(say), NULL) != SCAN_NONE)
        return true;
    return region < v && scan_any(st->lc, v, region, will, COUNT(will), NULL) != SCAN_NONE;
}

/* "has committed to investing", "has pledged to build": has/have and a
 * participle within the three words before the verb. */
static bool perfect(const scan_sent *st, size_t region, size_t v)
{
    const char *lc = st->lc;
    for (size_t p = region; p < v;) {
        size_t b = skip_sp(lc, p, v), e = word_end(lc, b, v);
        if (e == b)
            break;
        if ((e - b == 3 && memcmp(lc + b, "has", 3) == 0) || (e - b == 4 && memcmp(lc + b, "have", 4) == 0)) {
            size_t x = skip_sp(lc, e, st->n), xe = word_end(lc, x, st->n);
            if (xe - x > 3 && lc[xe - 2] == 'e' && lc[xe - 1] == 'd')
                return true;
        }
        p = e;
    }
    return false;
}

static bool progressive(const scan_sent *st, size_t v, size_t vl)
{
    const char *lc = st->lc;
    if (vl < 4 || memcmp(lc + v + vl - 3, "ing", 3) != 0)
        return false;
    size_t p = v;
    for (int k = 0; k < 3 && p > 0; k++) {
        while (p > 0 && lc[p - 1] == ' ')
            p--;
        size_t b = p;
        while (b > 0 && lc[b - 1] != ' ')
            b--;
        if ((p - b == 2 && memcmp(lc + b, "is", 2) == 0) || (p - b == 3 && memcmp(lc + b, "are", 3) == 0))
            return true;
        static const char *const adv[] = {"also", "currently", "now", "already", "still", "quietly"};
        if (!word_in(lc + b, p - b, adv, COUNT(adv)))
            return false;
        p = b;
    }
    return false;
}

/* ---- one event ---- */

static void set_amount(event_t *e, const money_t *m, const char *s)
{
    e->amount_value = m->value;
    memcpy(e->currency, m->currency, 4);
    e->amount_usd = m->usd;
    free(e->amount_text);
    e->amount_text = scan_copy(s + m->start, m->end - m->start);
}

/* what: the thing, with one adjective before it ("regional AI factories") */
static char *what_of(const scan_sent *st, size_t t, size_t tl)
{
    size_t wb = t;
    if (wb > 1) {
        size_t k = wb - 1;
        while (k > 0 && st->s[k - 1] != ' ')
            k--;
        static const char *const adj[] = {"regional", "sovereign", "new", "national", "hyperscale",
                                          "large-scale", "giant", "massive", "first", "own"};
        for (size_t a = 0; a < COUNT(adj); a++)
            if (strlen(adj[a]) == wb - 1 - k && memcmp(st->lc + k, adj[a], wb - 1 - k) == 0)
                wb = k;
    }
    return scan_copy(st->s + wb, t + tl - wb);
}

static event_t *emit(scan_doc *d, const scan_sent *st, char *org, const char *country,
                     const char *sjc, int money, double cap, char *what, size_t region, size_t v,
                     unsigned flags)
{
    if (!country && sjc && sjc[0])
        country = sjc;
    /* "the French government", "Kenya's ICT ministry" */
    if (!country) {
        size_t fw = strcspn(org, " ");
        const char *c = place_lookup(org, strlen(org));
        if (!c && fw < strlen(org))
            c = place_lookup(org, fw);
        if (c)
            country = c;
    }
    if (!country) {
        const org_info *o = org_lookup(org, strlen(org));
        if (o && o->country[0])
            country = o->country;
    }
    event_t *e = event_list_add(d->out, EVENT_INFRASTRUCTURE);
    e->organization = org;
    if (country)
        e->country = xstrdup(country);
    if (money >= 0)
        set_amount(e, &st->money[money], st->s);
    e->capacity_mw = cap;
    e->what = what;
    scan_provenance(st, e);
    e->confidence = 0.55 + (isnan(e->amount_usd) ? 0 : 0.15) + (country ? 0.05 : 0);
    if (meta_doc != d) {
        meta_doc = d;
        n_meta = 0;
    }
    if (n_meta < META_MAX)
        meta[n_meta++] = (infra_meta){org, st, region, v, flags};
    return e;
}

/* An amount in a country: "$17.5 billion aimed at India", "an additional
 * €10 billion investment in Germany", "in Canada with over $7.5 billion in
 * investments". Returns the money index, the place in *code and *at. */
static int country_plan(const scan_doc *d, const scan_sent *st, size_t from, size_t to,
                        const char **code, size_t *at)
{
    const char *lc = st->lc, *s = st->s;
    for (size_t i = 0; i < st->n_money; i++) {
        const money_t *m = &st->money[i];
        if (m->start < from || m->start >= to || !money_ok(d, st, i))
            continue;
        size_t lo = m->start > 45 ? m->start - 45 : 0;
        size_t hi = m->end + 30 < st->n ? m->end + 30 : st->n;
        if (scan_any(lc, hi, lo, invest_words, COUNT(invest_words), NULL) == SCAN_NONE)
            continue;
        /* the place after the amount, or before it ("in Canada with") */
        size_t w0 = m->end, w1 = m->end + 45 < st->n ? m->end + 45 : st->n;
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                w0 = lo;
                w1 = m->start;
            }
            static const char *const preps[] = {" in ", " aimed at ", " into ", " for ", " across ", " targeting "};
            for (size_t k = 0; k < COUNT(preps); k++) {
                size_t ml = strlen(preps[k]);
                const char *h = memmem(lc + w0, w1 - w0, preps[k], ml);
                if (!h)
                    continue;
                size_t j = (size_t)(h - lc) + ml, pe;
                const char *c = place_starting_at(s, st->n, j, &pe);
                if (!c)
                    continue;
                /* "in Germany," yes; "in Indian startup X" no */
                size_t f = skip_sp(s, pe, st->n);
                size_t fe = word_end(lc, f, st->n);
                static const char *const fw[] = {"through", "over", "by", "to", "and", "as", "with",
                    "for", "this", "in", "within", "during", "until", "from", "across", "targeting",
                    "aimed", "on", "starting", "the", "a", "an", "over", "while", "after", "which"};
                bool ok = pe >= st->n || s[pe] == ',' || s[pe] == '.' || s[pe] == ';' || s[pe] == ')' ||
                          f >= st->n || word_in(lc + f, fe - f, fw, COUNT(fw));
                if (pass == 1 && f < st->n && strncmp(lc + f, "with", 4) != 0)
                    ok = false;
                if (!ok)
                    continue;
                *code = c;
                *at = j;
                return (int)i;
            }
        }
    }
    return -1;
}

static bool funding_words(const scan_sent *st)
{
    static const char *const w[] = {"rais", "round", "funding", "series ", "investors", "financing",
        "seed", "led by", "backed by", "venture"};
    return scan_has_stem(st->lc, st->n, w, COUNT(w));
}

/* Reads one project from s[from, to) (a sentence or its later segment). */
static event_t *read_segment(scan_doc *d, const scan_sent *st, size_t from, size_t to, int in_funding)
{
    const char *lc = st->lc;
    size_t t = SCAN_NONE, tl = 0, v = SCAN_NONE, vl = 0, by = SCAN_NONE;
    for (size_t p = from; p < to;) {
        size_t x = thing_next(lc, to, p, &tl);
        if (x == SCAN_NONE)
            break;
        if (thing_is_project(lc, st->n, x, tl)) {
            size_t y = verb_before(lc, x, from, &vl);
            if (y != SCAN_NONE) {
                t = x;
                v = y;
                break;
            }
            /* "the campus will be built by X": the passive's agent */
            y = passive_after(lc, x + tl, to, &vl, &by);
            if (y != SCAN_NONE) {
                t = x;
                v = y;
                break;
            }
        }
        p = x + tl;
    }
    const char *plan_code = NULL;
    size_t plan_at = 0;
    int plan_money = -1;
    if (t == SCAN_NONE) {
        plan_money = country_plan(d, st, from, to, &plan_code, &plan_at);
        if (plan_money < 0) {
            scan_note(d, st, "infrastructure: no project noun after a build verb, no amount invested in a country");
            return NULL;
        }
        v = st->money[plan_money].start;
        /* the verb is the investment word before the amount, if any */
        size_t lo = v > 45 ? v - 45 : 0, w;
        size_t iv = scan_any(lc, v, lo, invest_words, COUNT(invest_words), &w);
        vl = 0;
        if (iv != SCAN_NONE) {
            v = iv;
            vl = strlen(invest_words[w]);
        }
    }
    /* in a round's sentence only a project told in its own right:
     * "raises $480 million, unveils Kansas City data center", not "to build" */
    if (in_funding && funding_words(st) && (plan_money >= 0 || v < 3 || memcmp(lc + v - 3, "to ", 3) == 0)) {
        scan_note(d, st, "infrastructure: dropped, the round's use of proceeds");
        return NULL;
    }
    /* "is investing in US firm X-energy": a stake in a company */
    if (vl >= 6 && memcmp(lc + v, "invest", 6) == 0) {
        size_t a = skip_sp(lc, v + vl, st->n);
        if (a + 3 < st->n && (strncmp(lc + a, "in ", 3) == 0 || strncmp(lc + a, "into ", 5) == 0)) {
            size_t nb, nl = org_name_after(st->s, t < st->n ? t : st->n, a + 3, &nb);
            if (nl && !place_lookup(st->s + nb, nl)) {
                scan_note(d, st, "infrastructure: dropped, an investment in a company");
                return NULL;
            }
        }
    }
    int y = scan_year(st->s, v, st->n);
    if (y && d->ref_year && y < d->ref_year) {
        scan_note(d, st, "infrastructure: dropped, a year before the article's");
        return NULL;
    }
    size_t region;
    bool bg = false;
    char *org = NULL;
    if (by != SCAN_NONE) {
        size_t nb;
        bool owner;
        size_t nl = first_name(st, by, to, &nb, &owner);
        org = nl ? org_clean(st->s + nb, nl) : NULL;
        if (org && (not_a_name(org) || place_lookup(org, strlen(org)))) {
            free(org);
            org = NULL;
        }
        region = by;
    } else {
        org = actor(d, st, v, &region, &bg, 0);
    }
    /* "Work has started on Kestrel's $2 billion data centre": the owner of
     * the project noun */
    bool weak_who = false;
    if (!org && t != SCAN_NONE) {
        weak_who = true;
        size_t b = t;
        for (int k = 0; k < 5 && b > v; k++) {
            while (b > v && st->s[b - 1] == ' ')
                b--;
            size_t x = b;
            while (x > v && st->s[x - 1] != ' ')
                x--;
            if (possessive(st->s, x, b)) {
                size_t nb, nl = org_name_before(st->s, v, b - 2, &nb);
                org = nl ? org_clean(st->s + nb, nl) : NULL;
                if (org && (not_a_name(org) || place_lookup(org, strlen(org)))) {
                    free(org);
                    org = NULL;
                }
                region = nb;
                break;
            }
            b = x;
        }
    }
    if (!org) {
        scan_note(d, st, "infrastructure: dropped, no organisation before the verb");
        return NULL;
    }
    unsigned flags = 0;
    /* an amount in a country is a project for a tech company: the sentence
     * says so, or the organisation already has one here, or the sentences
     * around do (infra_finish) */
    if (plan_money >= 0 && !scan_has_stem(lc, st->n, tech_stems, COUNT(tech_stems))) {
        bool tech = false;
        if (meta_doc == d)
            for (size_t i = 0; i < n_meta && !tech; i++)
                tech = org_same(meta[i].org, org);
        if (!tech)
            flags |= F_NEED_TECH;
    }
    /* in a round's sentence, a project by someone else than the company
     * raising: the investor's ("X will invest $N in Y as Y builds ...") */
    if (in_funding) {
        const event_t *f = NULL;
        for (size_t i = d->out->n; i-- > 0;)
            if (d->out->items[i].type == EVENT_FUNDING) {
                f = &d->out->items[i];
                break;
            }
        if (f && f->sentence_offset == st->offset && f->company && !org_same(f->company, org)) {
            scan_note(d, st, "infrastructure: dropped, the round's investor, not its company");
            free(org);
            return NULL;
        }
    }
    if (by == SCAN_NONE && (place_lookup(org, strlen(org)) || weak_who))
        flags |= F_WEAK_WHO;
    static const char *const now_words[] = {"already", "currently"};
    if (bg || scan_before(lc, v, 12, now_words, COUNT(now_words)))
        flags |= F_BACKGROUND;
    if (progressive(st, v, vl)) {
        static const char *const passing[] = {"also", "still", "already", "currently"};
        flags |= F_PROGRESSIVE;
        if (scan_before(lc, v, 22, passing, COUNT(passing)))
            flags |= F_ONGOING;
    }
    if (reported(st, region, v))
        flags |= F_REPORTED;
    if (perfect(st, region, v))
        flags |= F_PERFECT;
    {
        static const char *const deal[] = {"deal with", "agreement with", "contract with",
            "contract to", "deal to", "agreement to supply", "order from", "lease with"};
        if (region < v && scan_any(lc, v, region, deal, COUNT(deal), NULL) != SCAN_NONE)
            flags |= F_CONTRACT;
    }
    /* a list item: the bullet is before the sentence, in the article */
    {
        const unsigned char *u = (const unsigned char *)st->orig;
        size_t k = 0;
        while (k < st->offset && k < 8 && (u[-(long)k - 1] == ' ' || u[-(long)k - 1] == '\t'))
            k++;
        if (k + 3 <= st->offset && u[-(long)k - 3] == 0xE2 && u[-(long)k - 2] == 0x80 &&
            (u[-(long)k - 1] == 0xA2 || u[-(long)k - 1] == 0xA3))
            flags |= F_ITEM;
        else if (k + 2 <= st->offset && u[-(long)k - 2] == 0xC2 && u[-(long)k - 1] == 0xB7)
            flags |= F_ITEM;
        else if (k + 1 <= st->offset && (u[-(long)k - 1] == '*' || u[-(long)k - 1] == '-') &&
                 (k + 1 == st->offset || u[-(long)k - 2] == '\n' || u[-(long)k - 2] == ' '))
            flags |= F_ITEM;
        else if (st->orig_len >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xA2)
            flags |= F_ITEM;
    }
    /* "X builds and operates GPU clusters": the simple present of a build
     * verb, no future, no report */
    if (vl > 3 && lc[v + vl - 1] == 's' && !(flags & (F_REPORTED | F_PROGRESSIVE | F_PERFECT)))
        flags |= F_HABIT;
    bool located = plan_money >= 0;
    const char *country = plan_code;
    if (!country)
        country = site(st, t, to, &located);
    /* "invest $6.5 billion in Malaysia to expand its cloud infrastructure" */
    if (!country && region < t && t != SCAN_NONE)
        country = site(st, region, t, &located);
    /* "in Malaysia's Johor state" */
    if (!country && t != SCAN_NONE) {
        const char *c = subject_country(st->s, t, to);
        if (c) {
            country = c;
            located = true;
        }
    }
    if (located)
        flags |= F_LOCATED;
    int money = plan_money;
    static const char *const cost_cues[] = {"investment of", "cost of", "costing", "worth",
        "budget of", "outlay of", "cost", "investment worth", "price tag of"};
    if (money < 0 && !in_funding)
        for (size_t i = 0; i < st->n_money; i++) {
            const money_t *mm = &st->money[i];
            if (mm->start < (region > from ? region : from) || mm->start >= to || !money_ok(d, st, i))
                continue;
            /* after the project noun only in its own clause, or told as its
             * cost: not "..., lands $1.1bn construction loan" */
            if (mm->start > t + tl && memchr(lc + t + tl, ',', mm->start - t - tl) &&
                !scan_before(lc, mm->start, 22, cost_cues, COUNT(cost_cues)) &&
                !scan_before(lc, mm->start, 16, invest_words, COUNT(invest_words)))
                continue;
            money = (int)i;
            break;
        }
    if (money >= 0) {
        static const char *const year[] = {"this year", "next year", "a year", "per year",
            "annually", "each year", "every year", "this quarter", "in capital"};
        size_t e = st->money[money].end;
        size_t x = scan_any(lc, e + 60 < st->n ? e + 60 : st->n, e, year, COUNT(year), NULL);
        if (x != SCAN_NONE)
            flags |= F_ANNUAL;
    }
    char *what;
    if (t != SCAN_NONE) {
        what = what_of(st, t, tl);
        /* where, in the sentence's words: "AI factory in Chiba Prefecture" */
        char *at = strstr(what, " in ") || strstr(what, " near ") ? NULL : site_after(st, t + tl);
        if (at) {
            size_t wl = strlen(what), al = strlen(at);
            what = xrealloc(what, wl + al + 2);
            what[wl] = ' ';
            memcpy(what + wl + 1, at, al + 1);
            free(at);
        }
    } else {
        size_t pe = word_end(st->s, plan_at, st->n);
        place_starting_at(st->s, st->n, plan_at, &pe);
        size_t wl = 14 + (pe - plan_at);
        what = xmalloc(wl + 1);
        memcpy(what, "investment in ", 14);
        memcpy(what + 14, st->s + plan_at, pe - plan_at);
        what[wl] = 0;
    }
    /* the organisation's home from its clause: "Norway's X", "Norwegian developer X" */
    char sjc[3] = "";
    if (!country && region < v) {
        const char *c = subject_country(st->s, region, v);
        if (c)
            memcpy(sjc, c, 3);
    }
    event_t *e = emit(d, st, org, country, sjc, money, capacity_mw(st, from, to), what, region, v, flags);
    if (e) {
        e->gpus = gpu_count(st, from, to);
        payers_read(st, from, st->n, e); /* "..., financed by X": a clause after the segment */
    }
    return e;
}

static bool amounts_differ(const event_t *a, const event_t *b)
{
    if (isnan(a->amount_value) || isnan(b->amount_value))
        return false;
    if (strcmp(a->currency, b->currency) == 0)
        return fabs(a->amount_value - b->amount_value) > 0.05 * fmax(a->amount_value, b->amount_value);
    if (isnan(a->amount_usd) || isnan(b->amount_usd))
        return false;
    return fabs(a->amount_usd - b->amount_usd) > 0.3 * fmax(a->amount_usd, b->amount_usd);
}

/* "a $30 billion fund for developing data centres": an investment
 * vehicle, not a project */
static bool money_fund(const scan_sent *st)
{
    static const char *const w[] = {"fund", "funds", "investment fund", "vehicle", "fund-raise",
        "fundraise", "fundraising"};
    for (size_t i = 0; i < st->n_money; i++) {
        size_t e = st->money[i].end;
        size_t x = scan_any(st->lc, e + 20 < st->n ? e + 20 : st->n, e, w, COUNT(w), NULL);
        /* "$1 billion to fund the build-out" is the verb */
        if (x != SCAN_NONE && x <= e + 12 && !(x >= 3 && memcmp(st->lc + x - 3, "to ", 3) == 0))
            return true;
    }
    return false;
}

int infra_read(scan_doc *d, const scan_sent *st)
{
    static const char *const gate[] = {"data cent", "datacent", "factor", "supercomput",
        "campus", "cluster", "hub", "infrastructure", "sovereign ai", "national ai", "ai cloud",
        "capacity", "server farm", "computing cent", "invest", "mission", "programme", "program",
        "cloud region", "spend", "pledg", "allocat", "earmark", "mw", "gw", "megawatt", "gigawatt"};
    /* a Title Case headline's nouns look like names: only the body is read */
    if (st->deal_got || st->title || !scan_has_stem(st->lc, st->n, gate, COUNT(gate)))
        return 0;
    if (meta_doc != d) {
        meta_doc = d;
        n_meta = 0;
    }
    const char *lc = st->lc;
    size_t n = st->n;
    size_t nw;
    if (scan_any(lc, n, 0, not_news, COUNT(not_news), &nw) != SCAN_NONE) {
        scan_note(d, st, "infrastructure: not news ('%s')", not_news[nw]);
        return 0;
    }
    if (money_fund(st)) {
        scan_note(d, st, "infrastructure: an amount of a fund, not of a project");
        return 0;
    }
    /* "may" the modal, not the month */
    for (size_t p = 0; (p = scan_word(lc, n, p, "may")) != SCAN_NONE; p += 3)
        if (st->s[p] == 'm') {
            scan_note(d, st, "infrastructure: not news ('may')");
            return 0;
        }
    /* a second project in a segment of its own: "..., and another Rs
     * 5,000 crore in setting up ...", "..., as the company earmarks RM10
     * billion to set up ...", "..., while Y said it would spend ..." */
    size_t cut = n;
    static const char *const seg[] = {", and another", " and another", ", and a further",
        ", as the company", ", as it", ", while ", "; "};
    for (size_t k = 0; k < COUNT(seg); k++) {
        const char *h = memmem(lc, n, seg[k], strlen(seg[k]));
        if (h && (size_t)(h - lc) < cut && (size_t)(h - lc) > 20)
            cut = (size_t)(h - lc);
    }
    size_t before = d->out->n;
    event_t *e = read_segment(d, st, 0, cut, st->funding_got);
    int got = e != NULL;
    if (cut < n) {
        size_t k2 = d->out->n;
        event_t *e2 = read_segment(d, st, cut, n, st->funding_got);
        if (e2 && got) {
            e = &d->out->items[before];
            /* the same organisation with no new amount: the same project */
            if (org_same(e->organization, e2->organization) &&
                (isnan(e2->amount_value) || !amounts_differ(e, e2))) {
                if (n_meta && meta[n_meta - 1].org == e2->organization)
                    n_meta--;
                event_clear(e2);
                d->out->n = k2;
            } else {
                if (!e2->country && e->country && org_same(e->organization, e2->organization))
                    e2->country = xstrdup(e->country);
                got++;
            }
        } else if (e2) {
            got++;
        }
    }
    return got;
}

/* ---- the article ---- */


bool infra_what_sited(const char *what)
{
    return what && (strstr(what, " in ") || strstr(what, " near ") || strstr(what, " outside ") ||
                    strstr(what, " on the outskirts of "));
}

bool infra_same(const event_t *a, const event_t *b)
{
    return org_same(a->organization, b->organization) && !amounts_differ(a, b);
}

/* An amount told after the project: "... with an investment of $542.8
 * million", "The ₹10,372 crore India AI Mission will ...". */
/* A name other than org in the words just before pos (the sentence's
 * first word, places and descriptors aside). */
static bool other_name_before(const scan_sent *st, size_t pos, const char *org)
{
    const char *s = st->s;
    size_t lo = pos > 40 ? pos - 40 : 0;
    while (lo > 0 && lo < pos && s[lo - 1] != ' ')
        lo++;
    size_t first = skip_sp(s, 0, st->n);
    for (size_t p = lo; p < pos;) {
        size_t b = skip_sp(s, p, pos), e = word_end(s, b, pos);
        if (e == b)
            break;
        p = e;
        if (b == first || !org_name_word(s + b, e - b) || place_lookup(s + b, e - b) ||
            desc_word(s + b, e - b))
            continue;
        size_t wl = e - b;
        while (wl && (s[b + wl - 1] == ',' || s[b + wl - 1] == '.'))
            wl--;
        if (wl >= 2 && s[b + wl - 2] == '\'' && s[b + wl - 1] == 's')
            wl -= 2;
        if (org && wl < 64) {
            char w[64];
            memcpy(w, s + b, wl);
            w[wl] = 0;
            if (strstr(org, w))
                continue;
        }
        return true;
    }
    return false;
}

static const char *const facility[] = {"building", "facility", "site", "campus", "hall",
    "data center", "data centre", "tower", "plant", "project"};

static void attach_amounts(scan_doc *d, const scan_sent *sents, size_t n)
{
    static const char *const cues[] = {"investment of", "cost of", "costing", "worth", "budget of",
        "outlay of", "investment worth", "price tag of", "cost"};
    static const char *const ordinal[] = {"a second", "another", "a third", "a fourth"};
    size_t nm = n_meta;
    for (size_t k = 0; k < nm; k++) {
        size_t ei = SCAN_NONE;
        for (size_t i = 0; i < d->out->n; i++)
            if (d->out->items[i].type == EVENT_INFRASTRUCTURE && d->out->items[i].organization == meta[k].org)
                ei = i;
        size_t si = (size_t)(meta[k].st - sents);
        if (ei == SCAN_NONE || si >= n)
            continue;
        for (size_t j = si + 1; j < n && j <= si + 3; j++) {
            const scan_sent *st = &sents[j];
            bool own = false;
            for (size_t q = 0; q < n_meta; q++)
                own |= meta[q].st == st;
            if (own || st->funding_got || st->deal_got)
                break;
            int pick = -1;
            for (size_t i = 0; i < st->n_money && pick < 0; i++) {
                const money_t *m = &st->money[i];
                if (!money_ok(d, st, i))
                    continue;
                size_t tl;
                size_t t = thing_next(st->lc, st->n, m->end, &tl);
                /* "The Rs 2,500 crore facility will host ..." */
                size_t fw, f = scan_any(st->lc, m->end + 24 < st->n ? m->end + 24 : st->n, m->end,
                                        facility, COUNT(facility), &fw);
                if (scan_before(st->lc, m->start, 22, cues, COUNT(cues)) ||
                    (t != SCAN_NONE && t - m->end < 40) || f != SCAN_NONE)
                    pick = (int)i;
            }
            if (pick < 0)
                continue;
            event_t *e = &d->out->items[ei];
            /* "with Google planning a $15bn project": someone else's amount */
            if (other_name_before(st, st->money[pick].start, e->organization))
                continue;
            if (isnan(e->amount_value)) {
                set_amount(e, &st->money[pick], st->s);
                e->confidence += 0.1;
                continue;
            }
            /* "A second building ... with a projected cost of $Y": a
             * project of its own, by the same organisation */
            size_t mo = st->money[pick].start, ow, fw;
            size_t o = scan_any(st->lc, mo, 0, ordinal, COUNT(ordinal), &ow);
            if (o == SCAN_NONE)
                continue;
            size_t f = scan_any(st->lc, mo, o, facility, COUNT(facility), &fw);
            if (f == SCAN_NONE || f - o > 40)
                continue;
            char *org = xstrdup(e->organization);
            char *country = e->country ? xstrdup(e->country) : NULL;
            double conf = e->confidence;
            event_t *e2 = event_list_add(d->out, EVENT_INFRASTRUCTURE);
            e2->organization = org;
            e2->country = country;
            set_amount(e2, &st->money[pick], st->s);
            e2->what = scan_copy(st->s + o, f + strlen(facility[fw]) - o);
            scan_provenance(st, e2);
            e2->confidence = conf;
            break;
        }
    }
}

/* A line of its own with no closing stop: a headline inside the article
 * (the gap to the next sentence, which is inside the text, has the line break) */
static bool headline_like(const scan_sent *sents, size_t j, size_t n)
{
    const scan_sent *st = &sents[j];
    if (j + 1 >= n)
        return false;
    size_t e = st->orig_len;
    while (e > 0 && (st->orig[e - 1] == ' ' || st->orig[e - 1] == '\n' || st->orig[e - 1] == '\r'))
        e--;
    if (e == 0 || e > 160)
        return false;
    char c = st->orig[e - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == ';' || c == ',')
        return false;
    const char *next = sents[j + 1].orig;
    if (next <= st->orig + e)
        return false;
    return memchr(st->orig + e, '\n', (size_t)(next - (st->orig + e))) != NULL;
}

void infra_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    if (meta_doc != d) {
        n_meta = 0;
        meta_doc = NULL;
        return;
    }
    attach_amounts(d, sents, n);
    event_list *l = d->out;
    /* the rounds' amounts: a project told with one is the round's */
    const char *primary = NULL;
    size_t primary_si = 0;
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        if (e->type != EVENT_INFRASTRUCTURE)
            continue;
        infra_meta *m = meta_of(e);
        if (!m)
            continue;
        /* a digest: a headline between the article's project and this one
         * starts another story */
        size_t si = (size_t)(m->st - sents);
        if (primary && si < n)
            for (size_t j = primary_si + 1; j < si && primary; j++)
                if (headline_like(sents, j, n))
                    primary = NULL;
        bool drop = false;
        bool vague = isnan(e->amount_value) && isnan(e->capacity_mw) && !(m->flags & F_LOCATED);
        /* no figure and no site: what the company does ("builds and
         * operates GPU clusters") */
        if (vague && (m->flags & (F_HABIT | F_CONTRACT)))
            drop = true;
        /* a year's spending on data centres in general: guidance */
        if ((m->flags & F_ANNUAL) && !(m->flags & F_LOCATED))
            drop = true;
        /* an amount in a country, and no tech words near: not ours */
        if (m->flags & F_NEED_TECH) {
            size_t si = (size_t)(m->st - sents);
            bool tech = false;
            for (size_t j = si > 3 ? si - 3 : 0; j < n && j <= si + 3 && !tech; j++)
                tech = scan_has_stem(sents[j].lc, sents[j].n, tech_stems, COUNT(tech_stems));
            if (!tech)
                drop = true;
        }
        /* a country or an owner standing for who: only with an amount
         * ("Japan will spend 1 trillion yen", not "India is launching a
         * build-out") */
        if ((m->flags & F_WEAK_WHO) && isnan(e->amount_value))
            drop = true;
        /* "X is also building data centres in A and B": under way, no figure */
        if ((m->flags & F_ONGOING) && isnan(e->amount_value) && isnan(e->capacity_mw))
            drop = true;
        /* the company of the article's round: its plans with no figure and
         * no site are the round's use ("plans to construct more data
         * centres"); so is an earlier pledge told after the lead ("The
         * firm has committed to investing £2.5bn in the UK") */
        for (size_t j = 0; j < l->n && !drop && (vague || ((m->flags & F_PERFECT) && m->st->index > 1)); j++)
            if (l->items[j].type == EVENT_FUNDING && org_same(l->items[j].company, e->organization))
                drop = true;
        /* so is a buyer's vague intent ("would invest significantly in
         * the campus") in the story of its purchase */
        for (size_t j = 0; j < l->n && !drop && vague; j++)
            if (l->items[j].type == EVENT_ACQUISITION && org_same(l->items[j].acquirer, e->organization))
                drop = true;
        /* a vague project by a name the article never repeats is a
         * capitalised common word ("Enterprise cloud infrastructure had ...") */
        if (!drop && vague && !(m->flags & F_ITEM)) {
            size_t len = strlen(e->organization), seen = 0;
            size_t si = (size_t)(m->st - sents);
            size_t j0 = si > 40 ? si - 40 : 0, j1 = si + 40 < n ? si + 40 : n;
            for (size_t j = j0; j < j1 && seen < 2; j++)
                if (memmem(sents[j].s, sents[j].n, e->organization, len))
                    seen++;
            if (seen < 2)
                drop = true;
        }
        for (size_t j = 0; j < l->n && !drop; j++) {
            const event_t *f = &l->items[j];
            if (f->type == EVENT_FUNDING && !isnan(e->amount_value) &&
                ((!isnan(f->amount_usd) && !isnan(e->amount_usd) &&
                  fabs(f->amount_usd - e->amount_usd) <= 0.02 * f->amount_usd) ||
                 (strcmp(f->currency, e->currency) == 0 && fabs(f->amount_value - e->amount_value) <= 0.02 * f->amount_value)))
                drop = true;
        }
        /* past, told after the lead: "Last month, X launched ..." */
        if (!drop && (m->flags & F_BACKGROUND) && m->st->index > 1)
            drop = true;
        if (!drop && primary && !org_same(primary, e->organization) && !(m->flags & F_ITEM)) {
            /* another organisation's build told as context: "Similarly,
             * Google is constructing ...", "At present, X is building ..." */
            if ((m->flags & F_BACKGROUND) || ((m->flags & F_PROGRESSIVE) && !(m->flags & F_REPORTED)))
                drop = true;
            /* a partner named with the organisation of an earlier project:
             * "Reliance Industries and telecoms arm Jio will invest ..." */
            for (size_t q = 0; q < n_meta && !drop; q++) {
                const infra_meta *o = &meta[q];
                if (o == m || o->st->offset > m->st->offset || org_same(o->org, e->organization))
                    continue;
                bool alive = false;
                for (size_t j = 0; j < i; j++)
                    alive |= l->items[j].type == EVENT_INFRASTRUCTURE && l->items[j].organization == o->org;
                size_t len = strlen(e->organization);
                if (alive && o->verb > o->subj_lo && memmem(o->st->s + o->subj_lo, o->verb - o->subj_lo, e->organization, len))
                    drop = true;
            }
        }
        if (drop) {
            scan_note(d, m->st, "infrastructure: dropped at the article level: %s (%s%s%s%s%s)", e->organization,
                      vague ? "no figure, no site" : "", (m->flags & F_BACKGROUND) ? " background" : "",
                      (m->flags & F_PROGRESSIVE) ? " ongoing" : "", (m->flags & F_PERFECT) ? " perfect" : "",
                      primary && !org_same(primary, e->organization) ? " not the article's organisation" : "");
            m->org = NULL;
            e->type = EVENT_TYPE_COUNT; /* marked; removed below */
            continue;
        }
        if (!primary) {
            primary = e->organization;
            primary_si = si;
        }
    }
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].type == EVENT_TYPE_COUNT) {
            l->items[i].type = EVENT_INFRASTRUCTURE;
            event_clear(&l->items[i]);
            continue;
        }
        if (w != i)
            l->items[w] = l->items[i];
        w++;
    }
    /* indices past the removed ones moved: the last round's index with them */
    if (w != l->n && d->last_funding >= 0) {
        d->last_funding = -1;
        for (size_t i = 0; i < w; i++)
            if (l->items[i].type == EVENT_FUNDING)
                d->last_funding = (int)i;
    }
    l->n = w;
    n_meta = 0;
    meta_doc = NULL;
}
