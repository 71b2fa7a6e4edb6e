/* org: organisation names in text: their boundaries, suffixes, aliases and
 * a shipped table of well-known companies and investors. */
#include "analyze/org.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analyze/place.h"
#include "util/embed.h"
#include "util/str.h"

/* ---- the table ---- */

#define ORGS_MAX 1024
#define ALIASES_MAX 4096

typedef struct alias { const char *s; size_t n; int org; } alias;

static org_info orgs[ORGS_MAX];
static size_t n_orgs;
static alias aliases[ALIASES_MAX];
static size_t n_aliases;
static pthread_once_t orgs_once = PTHREAD_ONCE_INIT;

static void add_alias(const char *s, size_t n, int org)
{
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (n && n_aliases < ALIASES_MAX)
        aliases[n_aliases++] = (alias){s, n, org};
}

static void orgs_load(void)
{
    size_t len = 0;
    const char *d = embed_get("orgs.tsv", &len);
    if (!d)
        return;
    const char *p = d, *end = d + len;
    while (p < end && n_orgs < ORGS_MAX) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *f[4] = {p, NULL, NULL, NULL};
        int nf = 1;
        for (const char *q = p; q < le && nf < 4; q++)
            if (*q == '\t')
                f[nf++] = q + 1;
        if (*p != '#' && nf >= 3) {
            org_info *o = &orgs[n_orgs];
            o->name = f[0];
            o->name_len = (size_t)(f[1] - 1 - f[0]);
            o->kind = str_istarts(f[1], "investor") ? ORG_INVESTOR
                      : str_istarts(f[1], "both") ? ORG_BOTH : ORG_COMPANY;
            if (f[2][0] != '\t' && f[2] + 2 <= le) {
                o->country[0] = f[2][0];
                o->country[1] = f[2][1];
            }
            add_alias(o->name, o->name_len, (int)n_orgs);
            if (nf == 4) {
                const char *a = f[3];
                while (a < le) {
                    const char *c = memchr(a, ',', (size_t)(le - a));
                    const char *ae = c ? c : le;
                    add_alias(a, (size_t)(ae - a), (int)n_orgs);
                    a = ae + 1;
                }
            }
            n_orgs++;
        }
        p = le + 1;
    }
}

/* The aliases by their case-folded spelling (open addressing, built once):
 * a look-up per name of every sentence must not walk the whole table. */
#define ALIAS_SLOTS 8192
static int alias_slot[ALIAS_SLOTS]; /* alias index + 1, 0 when empty */
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static unsigned fold_hash(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)str_tolower((unsigned char)s[i])) * 16777619u;
    return h;
}

static void slots_build(void)
{
    pthread_once(&orgs_once, orgs_load);
    for (size_t i = 0; i < n_aliases && i < ALIAS_SLOTS / 2; i++)
        for (unsigned h = fold_hash(aliases[i].s, aliases[i].n) % ALIAS_SLOTS, k = 0; k < ALIAS_SLOTS;
             k++, h = (h + 1) % ALIAS_SLOTS)
            if (!alias_slot[h]) {
                alias_slot[h] = (int)i + 1;
                break;
            }
}

const org_info *org_lookup(const char *s, size_t n)
{
    pthread_once(&slots_once, slots_build);
    /* an exact spelling first, else the first alias in table order that
     * matches without case */
    int exact = -1, folded = -1;
    for (unsigned h = fold_hash(s, n) % ALIAS_SLOTS, k = 0; k < ALIAS_SLOTS && alias_slot[h];
         k++, h = (h + 1) % ALIAS_SLOTS) {
        int i = alias_slot[h] - 1;
        const alias *a = &aliases[i];
        if (a->n != n || str_ncasecmp(a->s, s, n) != 0)
            continue;
        if (memcmp(a->s, s, n) == 0 && (exact < 0 || i < exact))
            exact = i;
        if (folded < 0 || i < folded)
            folded = i;
    }
    int i = exact >= 0 ? exact : folded;
    return i >= 0 ? &orgs[aliases[i].org] : NULL;
}

/* ---- words ---- */

static const char *const stop_words[] = {
    "A", "About", "According", "Additional", "After", "Again", "All", "Also", "Although",
    "Among", "An", "Analysts", "And", "Another", "Any", "April", "As", "At", "August", "Backed",
    "Based", "Before", "Billion", "Both", "Breaking", "But", "By", "CEO", "CFO", "COO", "CTO",
    "Chairman", "Chief", "Co-founder", "Company", "Customers", "December", "Despite", "During",
    "Each", "Earlier", "Either", "Even", "Every", "Exclusive", "February", "Following", "For",
    "Founded", "Founder", "Friday", "From", "Funding", "He", "Her", "Here", "His", "How",
    "However", "If", "In", "Including", "Into", "Investors", "It", "Its", "January",
    "July", "June", "March", "May", "Key", "Last", "Later", "Led", "Meanwhile", "Million", "Monday", "More",
    "Most", "My", "Nearly", "Next", "No", "Not", "Notable", "November", "Now", "October", "Of",
    "On", "Once", "One", "Only", "Or", "Other", "Our", "Over", "Per", "Plus", "President",
    "Report", "Reports", "Reuters", "Round", "Saturday", "September", "Series", "Several",
    "She", "Shares", "Since", "So", "Some", "Sources", "Startup", "Start-up", "Stock", "Such",
    "Sunday", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "Through", "Thursday", "Thus", "To", "Today", "Tomorrow", "Tuesday", "Under", "Until",
    "Update", "UPDATE", "Updated", "We", "Wednesday", "What", "When", "Where", "Whether",
    "Which", "While", "Who", "Why", "With", "Within", "Without", "Yesterday", "Yet", "You",
    "Your", "Seed", "Pre-Seed", "Chipmaker", "Firm", "Bloomberg", "Sector",
    "Market", "Markets", "Shareholders", "Officials", "GPUs", "GPU", "CPUs", "TPUs",
    "ASICs", "NPUs", "LLMs", "AI-ready", "Welcome", "Elsewhere", "Separately", "Our",
    "Countries", "Companies", "Governments", "Corporations", "Firms", "Startups", "Hyperscalers",
    "Nations", "Regions", "Operators", "Banks", "Lenders", "Regulators", "Researchers",
    "Others", "Leader", "Leaders", "Maker", "Makers", "Deal", "Deals", "Target", "Business",
    "Total", "Details", "Amount", "Valuation", "Investor", "Lead", "Dr", "Mr", "Mrs", "Ms",
    "Prof", "Professor", "Sir", "Skip", "Menu", "Search", "Home", "Subscribe", "Sign", "Login",
    "Log", "Share", "Follow", "Advertisement", "Close", "Toggle", "Navigation", "Cookies", "Cookie",
    "Accept", "Privacy", "Newsletter", "Register", "Contact", "Trending", "Latest", "Popular",
    "Related", "Read", "Watch", "Listen", "Click", "Tags", "Topics",
};

/* Words that end many names and name nothing alone: "Quantum Systems". */
static const char *const generic_tails[] = {"Systems", "Technologies", "Technology", "Labs", "Lab",
    "Networks", "Group", "Holdings", "Partners", "Capital", "Ventures", "Solutions", "Industries",
    "Dynamics", "Devices", "Semiconductor", "Semiconductors", "Computing", "Robotics", "Energy",
    "Health", "Therapeutics", "Materials", "Motors", "Electronics", "Software", "Security", "Data",
    "Cloud", "AI", "Sciences", "Works", "Power", "Compute", "Machines", "Instruments", "Photonics",
    "Global"};

/* Common nouns that end names after a name word: "Signature Market". */
static const char *const tail_nouns[] = {"Market", "Markets", "Company", "Sector", "Firm", "Funding",
                                         "Capital", "Partners", "Ventures", "Health", "Energy"};

/* Words that describe a company without naming it. */
static const char *const descriptors[] = {
    "startup", "start-up", "company", "firm", "maker", "chipmaker", "chipmakers",
    "designer", "developer", "provider", "specialist", "unit", "subsidiary", "rival",
    "platform", "lab", "giant", "operator", "unicorn", "business", "outfit", "player",
    "vendor", "manufacturer", "supplier", "builder", "creator", "scale-up", "scaleup",
    "challenger", "pioneer", "group", "conglomerate", "carrier", "insurer", "lender",
    "bank", "fund", "investor", "incumbent", "newcomer", "spinout", "spin-off", "spinoff",
    "chip", "chips", "semiconductor", "software", "hardware", "cloud", "robotics", "AI",
    "cybersecurity", "security", "fintech", "biotech", "infrastructure", "tech", "technology",
    "energy", "data", "center", "centre", "datacenter", "inference", "model", "neocloud",
    "services", "maker's", "compute", "quantum", "photonics", "automation", "agent", "agentic",
    "owner", "parent", "laboratory", "research", "network", "networking", "storage", "memory",
    "computing", "GPU", "defense", "defence", "drone", "humanoid", "autonomous", "vehicle",
    "GenAI", "SaaS", "B2B", "B2C", "IoT", "LLM", "EV", "Web3", "DeFi", "edtech", "healthtech",
    "proptech", "legaltech", "insurtech", "agritech", "cleantech", "deeptech", "medtech",
};

static bool in_list(const char *s, size_t n, const char *const *v, size_t cnt, bool fold)
{
    if (n == 0)
        return false;
    int c0 = fold ? str_tolower((unsigned char)s[0]) : (unsigned char)s[0];
    for (size_t i = 0; i < cnt; i++) {
        /* the first byte first: most entries differ there */
        int d0 = fold ? str_tolower((unsigned char)v[i][0]) : (unsigned char)v[i][0];
        if (d0 != c0)
            continue;
        if (strlen(v[i]) == n && (fold ? str_ncasecmp(v[i], s, n) == 0 : memcmp(v[i], s, n) == 0))
            return true;
    }
    return false;
}

/* The two hot word lists as open-addressing hash sets, built once: every
 * word of every sentence is looked up in them. */
#define WORDSET_CAP 1024
typedef struct wordset { const char *w[WORDSET_CAP]; unsigned char len[WORDSET_CAP]; } wordset;
static wordset stop_set, desc_set;
static pthread_once_t sets_once = PTHREAD_ONCE_INIT;

static unsigned word_hash(const char *s, size_t n, bool fold)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)(fold ? str_tolower((unsigned char)s[i]) : s[i])) * 16777619u;
    return h;
}

static void wordset_add(wordset *t, const char *w, bool fold)
{
    size_t n = strlen(w);
    for (unsigned i = word_hash(w, n, fold) % WORDSET_CAP, k = 0; k < WORDSET_CAP; k++, i = (i + 1) % WORDSET_CAP)
        if (!t->w[i]) {
            t->w[i] = w;
            t->len[i] = (unsigned char)n;
            return;
        }
}

static bool wordset_has(const wordset *t, const char *s, size_t n, bool fold)
{
    if (n == 0 || n > 255)
        return false;
    for (unsigned i = word_hash(s, n, fold) % WORDSET_CAP, k = 0; k < WORDSET_CAP && t->w[i]; k++, i = (i + 1) % WORDSET_CAP)
        if (t->len[i] == n && (fold ? str_ncasecmp(t->w[i], s, n) == 0 : memcmp(t->w[i], s, n) == 0))
            return true;
    return false;
}

static void sets_build(void)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++)
        wordset_add(&stop_set, stop_words[i], false);
    for (size_t i = 0; i < sizeof descriptors / sizeof *descriptors; i++)
        wordset_add(&desc_set, descriptors[i], true);
}

bool org_descriptor(const char *s, size_t n)
{
    pthread_once(&sets_once, sets_build);
    if (wordset_has(&desc_set, s, n, true))
        return true;
    /* plurals: "Centres", "chips", "Platforms" */
    return n > 3 && (s[n - 1] == 's' || s[n - 1] == 'S') && wordset_has(&desc_set, s, n - 1, true);
}

static bool stop_word(const char *s, size_t n)
{
    pthread_once(&sets_once, sets_build);
    return wordset_has(&stop_set, s, n, false);
}

bool org_name_word(const char *s, size_t n)
{
    /* drop a possessive and trailing punctuation before judging */
    while (n && (s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == ':' || s[n - 1] == ')' ||
                 s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == '.'))
        n--;
    if (n >= 2 && s[n - 2] == '\'' && s[n - 1] == 's')
        n -= 2;
    while (n && (s[0] == '"' || s[0] == '(' || s[0] == '\''))
        s++, n--;
    if (n == 0 || n > 40)
        return false;
    unsigned char c = (unsigned char)s[0];
    if (stop_word(s, n))
        return false;
    /* "UK-based", "Nvidia-backed", "Beijing-founded" describe, not name */
    static const char *const adj[] = {"-based", "-backed", "-founded", "-headquartered",
                                      "-owned", "-listed", "-born", "-led", "-funded",
                                      "-rival", "-linked", "-affiliated", "-controlled",
                                      "-focused", "-native", "-powered", "-driven", "-enabled",
                                      "-first", "-centric", "-oriented", "-specific", "-ready",
                                      "-grade", "-scale", "-style", "-like", "-made"};
    /* only words with a hyphen can end so */
    if (n > 4 && memchr(s, '-', n))
        for (size_t k = 0; k < sizeof adj / sizeof *adj; k++) {
            size_t m = strlen(adj[k]);
            if (n > m && str_ncasecmp(s + n - m, adj[k], m) == 0)
                return false;
        }
    if (str_isupper(c))
        return true;
    if (c >= 0x80)
        return n > 1 && (c & 0xE0) == 0xC0; /* a Latin letter with a mark: "Émile" */
    /* a company form written in lower case ends a name: "Arkwright plc" */
    static const char *const forms[] = {"plc", "ltd", "llc", "inc", "gmbh", "corp", "bhd", "pte"};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++)
        if (n == strlen(forms[k]) && memcmp(s, forms[k], n) == 0)
            return true;
    bool upper = false, alpha = false;
    for (size_t i = 0; i < n; i++) {
        if (str_isupper((unsigned char)s[i]))
            upper = true;
        if (str_isalpha((unsigned char)s[i]))
            alpha = true;
    }
    if (str_isdigit(c))
        return alpha && upper; /* "01.AI", "3M" */
    if (str_islower(c))
        return upper; /* "xAI", "eBay", "d-Matrix" */
    return false;
}

bool org_lower_initial(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && str_islower((unsigned char)s[i]))
        i++;
    if (i == 0)
        return false;
    if (i < n && s[i] == '-')
        i++;
    return i < n && str_isupper((unsigned char)s[i]);
}

bool org_capital(const char *s, size_t n)
{
    return n && (str_isupper((unsigned char)s[0]) || org_lower_initial(s, n));
}

static bool connector(const char *s, size_t n)
{
    return (n == 1 && s[0] == '&') || (n == 2 && memcmp(s, "of", 2) == 0) ||
           (n == 2 && memcmp(s, "de", 2) == 0) || (n == 3 && memcmp(s, "von", 3) == 0) ||
           (n == 3 && memcmp(s, "van", 3) == 0) || (n == 3 && memcmp(s, "der", 3) == 0) ||
           (n == 3 && memcmp(s, "and", 3) == 0 && 0);
}

static const char *const suffixes[] = {
    "Inc.", "Inc", "Incorporated", "Ltd.", "Ltd", "Limited", "LLC", "L.L.C.", "Corp.", "Corp",
    "Corporation", "Co.", "Plc", "PLC", "plc", "GmbH", "AG", "S.A.", "SA", "SAS", "S.A.S.",
    "B.V.", "BV", "N.V.", "NV", "Pte", "Pte.", "Pvt", "Pvt.", "Private", "Co.,", "L.P.", "LP",
    "S.p.A.", "SpA", "AB", "ASA", "Oy", "A/S", "K.K.", "Bhd", "Sdn", "Pty", "Co",
};

static bool is_suffix(const char *s, size_t n)
{
    return in_list(s, n, suffixes, sizeof suffixes / sizeof *suffixes, false);
}

/* The word before position e (spaces skipped): returns its start, or lo. */
static size_t word_back(const char *s, size_t lo, size_t e, size_t *we)
{
    while (e > lo && s[e - 1] == ' ')
        e--;
    *we = e;
    size_t b = e;
    while (b > lo && s[b - 1] != ' ')
        b--;
    return b;
}

static bool demonym_like(const char *w, size_t n)
{
    static const char *const ends[] = {"ese", "ish", "ian", "can", "ean", "an", "i", "ch", "ss", "ic"};
    bool caps = n <= 3;
    for (size_t i = 0; i < n && caps; i++)
        if (!str_isupper((unsigned char)w[i]) && w[i] != '.')
            caps = false;
    if (caps)
        return true;
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        size_t m = strlen(ends[k]);
        if (n > m && memcmp(w + n - m, ends[k], m) == 0)
            return true;
    }
    return false;
}

size_t org_name_before(const char *s, size_t lo, size_t end, size_t *start)
{
    size_t b[8], e[8];
    int nw = 0;
    size_t pos = end;
    while (nw < 8 && pos > lo) {
        size_t we, wb = word_back(s, lo, pos, &we);
        if (we == wb)
            break;
        const char *w = s + wb;
        size_t wl = we - wb;
        /* a clause mark ends the name: "..., Nscale" */
        if (nw > 0 && (w[wl - 1] == ',' || w[wl - 1] == ';' || w[wl - 1] == ':' ||
                       w[wl - 1] == '"' || w[wl - 1] == ')'))
            break;
        if (nw == 0) {
            /* the last word may carry a closing mark ("Wiz,") */
            while (wl && (w[wl - 1] == ',' || w[wl - 1] == ';' || w[wl - 1] == ':'))
                wl--;
        }
        /* "China's Mooreline", "Google's Wiz": the owner is not the name */
        if (nw > 0 && wl > 2 && w[wl - 2] == '\'' && (w[wl - 1] == 's' || w[wl - 1] == 'S'))
            break;
        bool named = org_name_word(w, wl);
        if (!named && nw == 0 && wl > 1 && str_isupper((unsigned char)w[0])) {
            /* a capitalised common word is a name after a descriptor or
             * after a name word: "robotics maker Sunday", "Signature Market" */
            size_t we2, wb2 = word_back(s, lo, wb, &we2);
            if (we2 > wb2 && s[we2 - 1] != ',' &&
                ((str_islower((unsigned char)s[wb2]) && org_descriptor(s + wb2, we2 - wb2)) ||
                 (org_name_word(s + wb2, we2 - wb2) && !stop_word(s + wb2, we2 - wb2) &&
                  (in_list(w, wl, tail_nouns, sizeof tail_nouns / sizeof *tail_nouns, false)))))
                named = true;
        }
        /* a number inside a name: "Analytics 4 Life", "Area 120 Labs" */
        if (!named && nw > 0 && wl <= 3 && str_isdigit((unsigned char)w[0]) && str_isdigit((unsigned char)w[wl - 1])) {
            size_t we2, wb2 = word_back(s, lo, wb, &we2);
            if (we2 > wb2 && org_name_word(s + wb2, we2 - wb2) && s[we2 - 1] != ',')
                named = true;
        }
        if (named) {
            b[nw] = wb;
            e[nw] = wb + wl;
            nw++;
            pos = wb;
            if (w[0] == '(' || w[0] == '"')
                break;
            continue;
        }
        if (nw > 0 && connector(w, wl)) {
            /* keep "&"/"of" only when a name word comes before it */
            size_t we2, wb2 = word_back(s, lo, wb, &we2);
            if (we2 > wb2 && org_name_word(s + wb2, we2 - wb2) && s[we2 - 1] != ',') {
                b[nw] = wb;
                e[nw] = we;
                nw++;
                pos = wb;
                continue;
            }
        }
        break;
    }
    if (nw == 0)
        return 0;
    /* words are stored last first; cut after the last descriptor or place
     * before the final words ("Chinese AI Chip Designer Biren" -> "Biren",
     * "UK Nscale" -> "Nscale") but keep "Amber Semiconductor", "SoftBank
     * Group Corp" and names the table knows whole */
    int first = nw - 1;
    if (!org_lookup(s + b[nw - 1], e[0] - b[nw - 1])) {
        for (int k = 1; k < nw; k++) {
            size_t wl = e[k] - b[k];
            /* a demonym or a short code cuts ("French", "UK"); a country
             * noun starts many names ("China Mobile") */
            bool place = place_lookup(s + b[k], wl) != NULL && demonym_like(s + b[k], wl);
            bool desc = org_descriptor(s + b[k], wl) &&
                        !org_descriptor(s + b[k - 1], e[k - 1] - b[k - 1]) &&
                        !is_suffix(s + b[k - 1], e[k - 1] - b[k - 1]);
            /* the descriptor leads only when every word before it describes
             * too: "Chinese AI Chip Designer Biren", not "Kestrel
             * Infrastructure Partners" */
            for (int q = k + 1; q < nw && desc; q++) {
                size_t ql = e[q] - b[q];
                if (!org_descriptor(s + b[q], ql) && !place_lookup(s + b[q], ql))
                    desc = false;
            }
            /* ... and never when only generic words would be left:
             * "Quantum Systems", "Robotics Labs" */
            if (desc && !place) {
                bool generic = true;
                for (int q = 0; q < k && generic; q++)
                    generic = in_list(s + b[q], e[q] - b[q], generic_tails,
                                      sizeof generic_tails / sizeof *generic_tails, false) ||
                              org_descriptor(s + b[q], e[q] - b[q]) || is_suffix(s + b[q], e[q] - b[q]);
                if (generic)
                    desc = false;
            }
            if (place || desc) {
                first = k - 1;
                break;
            }
        }
    }
    /* "&"/"of" cannot start a name */
    while (first > 0 && connector(s + b[first], e[first] - b[first]))
        first--;
    /* a headline's verb: "Decoding Acme's round", "Inside Acme's raise" */
    if (first > 0 && b[first] == lo) {
        size_t wl = e[first] - b[first];
        if ((wl > 5 && memcmp(s + b[first] + wl - 3, "ing", 3) == 0) ||
            (wl == 6 && memcmp(s + b[first], "Inside", 6) == 0))
            first--;
    }
    *start = b[first];
    return e[0] - b[first];
}

size_t org_name_after(const char *s, size_t n, size_t i, size_t *start)
{
    static const char *const ends[] = {
        "for", "in", "to", "from", "at", "with", "which", "that", "who", "and", "by", "on", "as",
        "after", "said", "says", "in", "over", "under", "into", "is", "was", "will", "has",
    };
    size_t pos = i;
    for (int tries = 0; tries < 10 && pos < n; tries++) {
        while (pos < n && s[pos] == ' ')
            pos++;
        size_t wb = pos;
        while (pos < n && s[pos] != ' ')
            pos++;
        size_t wl = pos - wb;
        if (wl == 0)
            break;
        const char *w = s + wb;
        /* a number that starts a name: "1982 Ventures", "500 Global" */
        if (wl <= 4 && str_isdigit((unsigned char)w[0]) && str_isdigit((unsigned char)w[wl - 1])) {
            size_t q = pos;
            while (q < n && s[q] == ' ')
                q++;
            size_t qe = q;
            while (qe < n && s[qe] != ' ' && s[qe] != ',' && s[qe] != '.')
                qe++;
            if (qe > q && in_list(s + q, qe - q, generic_tails, sizeof generic_tails / sizeof *generic_tails, false)) {
                size_t e = qe;
                *start = wb;
                return e - wb;
            }
        }
        /* an acronym in parentheses inside a descriptor: "artificial
         * intelligence (AI) startup" */
        if (wl >= 3 && w[0] == '(' && w[wl - 1] == ')' && wl <= 8)
            continue;
        if (!org_name_word(w, wl)) {
            /* lowercase descriptors and determiners are skipped; a function
             * word or a clause mark ends the search, except a descriptor
             * before its apposition: "startup, Scale AI, that ..." */
            if (in_list(w, wl, ends, sizeof ends / sizeof *ends, false))
                return 0;
            if (w[wl - 1] == ',' && wl > 1 && org_descriptor(w, wl - 1) && str_islower((unsigned char)w[0]))
                continue;
            if (w[wl - 1] == ',' || w[wl - 1] == '.' || w[wl - 1] == ';')
                return 0;
            continue;
        }
        /* a run of name words */
        size_t rb = wb, re = wb + wl;
        bool closed = w[wl - 1] == ',' || w[wl - 1] == ';' || w[wl - 1] == ')' ||
                      (w[wl - 1] == '.' && wl > 2) || (wl > 2 && w[wl - 2] == '\'' && w[wl - 1] == 's');
        int words = 1;
        while (!closed && pos < n && words < 8) {
            size_t q = pos;
            while (q < n && s[q] == ' ')
                q++;
            size_t xb = q;
            while (q < n && s[q] != ' ')
                q++;
            size_t xl = q - xb;
            if (xl == 0)
                break;
            const char *x = s + xb;
            /* "Fidelity Management and Research Company": "and", one
             * capitalised word and a company's form go on with the name */
            if (xl == 3 && memcmp(x, "and", 3) == 0) {
                size_t r = q;
                while (r < n && s[r] == ' ')
                    r++;
                size_t yb = r;
                while (r < n && str_isalpha((unsigned char)s[r]))
                    r++;
                static const char *const forms[] = {"Company", "Co.", "Co", "Corporation", "Corp.", "Corp"};
                bool form = false;
                /* not after a form: "Orrin Inc and Marten Corp" are two */
                size_t pe = xb;
                while (pe > i && s[pe - 1] == ' ')
                    pe--;
                size_t pb = pe;
                while (pb > i && s[pb - 1] != ' ')
                    pb--;
                bool after_form = pe > pb && is_suffix(s + pb, pe - pb);
                if (!after_form && r > yb && str_isupper((unsigned char)s[yb]) && r < n && s[r] == ' ')
                    for (size_t k = 0; k < sizeof forms / sizeof *forms && !form; k++) {
                        size_t fl = strlen(forms[k]);
                        form = r + 1 + fl <= n && memcmp(s + r + 1, forms[k], fl) == 0 &&
                               (r + 1 + fl == n || !str_isalpha((unsigned char)s[r + 1 + fl]));
                    }
                if (form) {
                    pos = q;
                    re = q;
                    words++;
                    continue;
                }
            }
            if (connector(x, xl)) {
                size_t r = q;
                while (r < n && s[r] == ' ')
                    r++;
                size_t yb = r;
                while (r < n && s[r] != ' ')
                    r++;
                if (r > yb && org_name_word(s + yb, r - yb)) {
                    pos = q;
                    re = q;
                    words++;
                    continue;
                }
                break;
            }
            /* a place in parentheses inside a name, a name word follows:
             * "Bohai Sheng (Hubei) Industrial Fund" */
            if (xl >= 3 && x[0] == '(' && x[xl - 1] == ')' && str_isupper((unsigned char)x[1]) &&
                !memchr(x, ' ', xl)) {
                size_t r = q;
                while (r < n && s[r] == ' ')
                    r++;
                size_t yb = r;
                while (r < n && s[r] != ' ')
                    r++;
                if (r > yb && str_isupper((unsigned char)s[yb]) && org_name_word(s + yb, r - yb)) {
                    pos = q;
                    re = q;
                    words++;
                    continue;
                }
                break;
            }
            if (!org_name_word(x, xl) &&
                !(xl <= 3 && str_isdigit((unsigned char)x[0]) && (xl == 1 || str_isdigit((unsigned char)x[xl - 1]) || x[xl - 1] == ',')))
                break;
            pos = q;
            re = q;
            words++;
            if (x[xl - 1] == ',' || x[xl - 1] == ';' || x[xl - 1] == ')' || (x[xl - 1] == '.' && xl > 2) ||
                (xl > 2 && x[xl - 2] == '\'' && x[xl - 1] == 's')) {
                closed = true;
                break;
            }
        }
        /* a run followed by a descriptor ("Israeli startup Hailo", "AI chip
         * startup Rivos") is itself a descriptor: look further */
        size_t q = re;
        while (q < n && s[q] == ' ')
            q++;
        size_t nb = q;
        while (q < n && s[q] != ' ')
            q++;
        /* ... but a capitalised descriptor that ends the span is the name's
         * last word: "Harvard Management Company" */
        size_t q2 = q;
        while (q2 < n && s[q2] == ' ')
            q2++;
        bool desc_follows = q > nb && !closed && org_descriptor(s + nb, q - nb) &&
                            !org_name_word(s + nb, q - nb) &&
                            (str_islower((unsigned char)s[nb]) ||
                             (q2 < n && s[q2] != '(' && s[q - 1] != ',' && s[q - 1] != '.'));
        if (!desc_follows && !closed && q > nb && str_islower((unsigned char)s[nb]) &&
            !in_list(s + nb, q - nb, ends, sizeof ends / sizeof *ends, false)) {
            /* "French GaN power specialist PowerWave": lower-case words, then
             * a name before any function word */
            size_t r = q;
            for (int k = 0; k < 4 && r < n; k++) {
                while (r < n && s[r] == ' ')
                    r++;
                size_t xb = r;
                while (r < n && s[r] != ' ')
                    r++;
                if (r == xb)
                    break;
                if (org_name_word(s + xb, r - xb)) {
                    desc_follows = true;
                    break;
                }
                static const char *const det[] = {"the", "a", "an", "its", "their"};
                if (!str_islower((unsigned char)s[xb]) ||
                    in_list(s + xb, r - xb, ends, sizeof ends / sizeof *ends, false) ||
                    in_list(s + xb, r - xb, det, sizeof det / sizeof *det, false) ||
                    s[r - 1] == ',' || s[r - 1] == '.')
                    break;
            }
        }
        bool only_place = place_lookup(s + rb, re - rb) != NULL;
        /* "Japan's Mitsui": the owner is a place */
        if (re - rb > 2 && s[re - 2] == '\'' && s[re - 1] == 's' && place_lookup(s + rb, re - rb - 2))
            only_place = true, closed = false;
        /* "Hong Kong-listed group X": the run is part of an adjective */
        if (q > nb && memchr(s + nb, '-', q - nb) && !org_name_word(s + nb, q - nb) &&
            str_isupper((unsigned char)s[nb]))
            desc_follows = true;
        bool only_desc = org_descriptor(s + rb, re - rb);
        if (desc_follows || only_place || only_desc) {
            if (only_place && !desc_follows && !only_desc) {
                /* "acquire UK-based ..." rarely; a bare place is not a name */
            }
            pos = re;
            continue;
        }
        *start = rb;
        return re - rb;
    }
    return 0;
}

/* ---- cleaning ---- */

static bool is_suffix(const char *s, size_t n);

/* True when a name is made of letters and digits more than of anything
 * else ("AT&T", "C3.ai", "X"), by Unicode category: a replacement
 * character (text that was not valid UTF-8) is never part of a name, and
 * symbols alone or a letter with a symbol ("À¯", "¯\\_") are not names. */
static bool name_chars(const char *s, size_t n)
{
    size_t alnum = 0, other = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0xFFFD)
            return false;
        i += (size_t)k;
        switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
            alnum++;
            break;
        case UTF8PROC_CATEGORY_ZS:
            break;
        default:
            other++;
        }
    }
    return alnum > 0 && alnum > other;
}

char *org_clean(const char *s, size_t n)
{
    if (n > 200)
        return NULL;
    char *c = xstrndup(s, n);
    size_t len = n;
    /* a span cut by a byte window ("the first 120 bytes") can end inside a
     * character: the incomplete sequence is dropped */
    {
        size_t k = len, cont = 0;
        while (k && cont < 3 && ((unsigned char)c[k - 1] & 0xC0) == 0x80)
            k--, cont++;
        unsigned char lead = k ? (unsigned char)c[k - 1] : 0;
        if (lead >= 0xC0 && cont < (size_t)(lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1))
            len = k - 1;
    }
    for (;;) {
        size_t before = len;
        while (len && (c[len - 1] == ' ' || c[len - 1] == ',' || c[len - 1] == ';' ||
                       c[len - 1] == ':' || c[len - 1] == '"' || c[len - 1] == ')' ||
                       c[len - 1] == '\'' || c[len - 1] == '-'))
            len--;
        if (len >= 2 && c[len - 2] == '\'' && (c[len - 1] == 's' || c[len - 1] == 'S'))
            len -= 2;
        c[len] = 0;
        /* a trailing corporate suffix, after a space or a comma */
        size_t w = len;
        while (w && c[w - 1] != ' ' && c[w - 1] != ',')
            w--;
        if (w > 0) {
            bool hit = false;
            for (size_t k = 0; k < sizeof suffixes / sizeof *suffixes; k++)
                if (strcmp(c + w, suffixes[k]) == 0) {
                    hit = true;
                    break;
                }
            if (hit) {
                len = w;
                continue;
            }
        }
        /* a trailing period that is not part of an abbreviation */
        if (len && c[len - 1] == '.' && !(len >= 3 && c[len - 3] == '.')) {
            len--;
            c[len] = 0;
        }
        if (len == before)
            break;
    }
    size_t b = 0;
    while (b < len && (c[b] == '"' || c[b] == '(' || c[b] == '\'' || c[b] == ' '))
        b++;
    /* a sentence run into the name by a lost space: "banks.Goldman Sachs" */
    for (size_t k = b + 1; k + 1 < len; k++)
        if (c[k] == '.' && str_islower((unsigned char)c[k - 1]) && str_isupper((unsigned char)c[k + 1])) {
            bool lower = true;
            for (size_t q = b; q < k && lower; q++)
                lower = !str_isupper((unsigned char)c[q]) && c[q] != ' ';
            if (lower)
                b = k + 1;
            break;
        }
    /* a descriptor glued to the name by a lost space: "startupPayleven" */
    {
        size_t k = b;
        while (k < len && (str_islower((unsigned char)c[k]) || c[k] == '-'))
            k++;
        if (k > b + 3 && k < len && str_isupper((unsigned char)c[k]) && org_descriptor(c + b, k - b))
            b = k;
    }
    if (b)
        memmove(c, c + b, len - b + 1), len -= b;
    c[len] = 0;
    if (!name_chars(c, len) || is_suffix(c, len)) {
        free(c);
        return NULL;
    }
    return c;
}

/* ---- comparison ---- */

static const char *const fold_skip[] = {
    "inc", "incorporated", "ltd", "limited", "llc", "corp", "corporation", "co", "company",
    "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "group", "holdings", "the", "ai", "labs",
    "lab", "technologies", "technology", "tech",
};

#define FOLD_WORDS 12

/* Splits a name into lower-case alphanumeric words, suffix words dropped
 * (kept when nothing else is left). Returns the count. */
static int fold_words(const char *s, char w[FOLD_WORDS][32])
{
    int n = 0, kept = 0;
    char all[FOLD_WORDS][32];
    int na = 0;
    for (const char *p = s; *p && na < FOLD_WORDS;) {
        while (*p && !str_isalnum((unsigned char)*p) && *p != '&')
            p++;
        if (!*p)
            break;
        size_t k = 0;
        if (*p == '&') {
            memcpy(all[na++], "and", 4);
            p++;
            continue;
        }
        while (*p && str_isalnum((unsigned char)*p)) {
            if (k < 31)
                all[na][k++] = (char)str_tolower((unsigned char)*p);
            p++;
        }
        all[na][k] = 0;
        na++;
    }
    for (int i = 0; i < na; i++) {
        if (in_list(all[i], strlen(all[i]), fold_skip, sizeof fold_skip / sizeof *fold_skip, false))
            continue;
        memcpy(w[n++], all[i], 32);
        kept++;
    }
    if (!kept) {
        for (int i = 0; i < na; i++)
            memcpy(w[i], all[i], 32);
        n = na;
    }
    return n;
}

bool org_same(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    char wa[FOLD_WORDS][32], wb[FOLD_WORDS][32];
    int na = fold_words(a, wa), nb = fold_words(b, wb);
    if (na == 0 || nb == 0)
        return false;
    int m = na < nb ? na : nb;
    for (int i = 0; i < m; i++)
        if (strcmp(wa[i], wb[i]) != 0)
            return false;
    return true;
}
