/* subject: who a sentence is about: the name before its main verb. */
#include "analyze/subject.h"

#include <stdlib.h>
#include <string.h>

#include "analyze/org.h"
#include "analyze/place.h"
#include "util/str.h"

/* Words between a subject and its verb ("X has recently raised"). */
static const char *const aux[] = {
    "has", "have", "had", "is", "was", "are", "were", "will", "would", "also", "recently",
    "reportedly", "today", "officially", "finally", "just", "now", "successfully", "quietly",
    "formally", "publicly", "which", "that", "who", "it", "has now", "already", "said", "says",
    "announced", "announces", "on", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "this", "week", "yesterday", "been", "be", "to", "set", "plans",
    "agreed", "expected", "reported", "confirmed", "not", "first", "initially",
};

static bool is_aux(const char *s, size_t n)
{
    for (size_t k = 0; k < COUNT(aux); k++)
        if (strlen(aux[k]) == n && str_ncasecmp(aux[k], s, n) == 0)
            return true;
    return false;
}

static const char *const pronoun_heads[] = {"it", "the company", "the startup", "the firm",
    "the start-up", "the business", "the group", "the chipmaker", "the developer", "the maker",
    "the lab", "the unicorn", "the platform", "the provider"};

const char *subject_country(const char *s, size_t from, size_t to)
{
    static const char *const sufx[] = {"-based", "-headquartered", "-founded", "-born"};
    size_t i = from;
    while (i < to) {
        while (i < to && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < to && s[i] != ' ')
            i++;
        size_t e = i;
        while (e > b && (s[e - 1] == ',' || s[e - 1] == '.' || s[e - 1] == ';' || s[e - 1] == ')'))
            e--;
        if (e == b)
            continue;
        for (size_t k = 0; k < COUNT(sufx); k++) {
            size_t m = strlen(sufx[k]);
            if (e - b > m && str_ncasecmp(s + e - m, sufx[k], m) == 0) {
                size_t ps;
                const char *c = place_ending_at(s, from, e - m, &ps);
                if (c)
                    return c;
            }
        }
        if ((e - b == 5 && str_ncasecmp(s + b, "based", 5) == 0) ||
            (e - b == 13 && str_ncasecmp(s + b, "headquartered", 13) == 0) ||
            (e - b == 5 && str_ncasecmp(s + b, "hails", 5) == 0)) {
            size_t j = e;
            if (j + 4 <= to && (memcmp(s + j, " in ", 4) == 0 || memcmp(s + j, " out", 4) == 0)) {
                j += 4;
                if (j + 4 <= to && memcmp(s + j, " of ", 4) == 0)
                    j += 4;
                else if (j < to && s[j] == ' ')
                    j++;
                size_t pe;
                const char *c = place_starting_at(s, to, j, &pe);
                if (c)
                    return c;
            }
        }
        /* "Osaka's Shiki Robotics" */
        if (e - b > 3 && s[e - 2] == '\'' && s[e - 1] == 's') {
            const char *c = place_lookup(s + b, e - b - 2);
            if (c)
                return c;
        }
        /* a demonym or country used as an adjective: "an Israeli startup" */
        if (str_isupper((unsigned char)s[b])) {
            size_t pe;
            const char *c = place_starting_at(s, to, b, &pe);
            if (c && pe <= to) {
                size_t k = pe;
                while (k < to && s[k] == ' ')
                    k++;
                static const char *const fn[] = {"and", "or", "to", "in", "on", "at", "is", "are",
                    "was", "were", "has", "have", "will", "with", "for", "of", "the", "a", "an",
                    "as", "by", "from", "said", "says", "plans", "wants"};
                size_t we = k;
                while (we < to && str_isalpha((unsigned char)s[we]))
                    we++;
                bool func = false;
                for (size_t f = 0; f < COUNT(fn); f++)
                    if (strlen(fn[f]) == we - k && memcmp(fn[f], s + k, we - k) == 0)
                        func = true;
                size_t ke = k;
                while (ke < to && s[ke] != ' ' && s[ke] != ',')
                    ke++;
                bool acro = ke > k && ke - k <= 4;
                for (size_t q = k; q < ke && acro; q++)
                    if (!str_isupper((unsigned char)s[q]))
                        acro = false;
                if (k < to && !func && (str_islower((unsigned char)s[k]) || acro))
                    return c;
                /* "Finnish IoT company X", "Swedish GenAI startup X": a
                 * descriptor within the next four words */
                if (k < to && !func) {
                    size_t q = k;
                    for (int w = 0; w < 4 && q < to; w++) {
                        size_t qe = q;
                        while (qe < to && s[qe] != ' ' && s[qe] != ',')
                            qe++;
                        if (qe > q && org_descriptor(s + q, qe - q) && str_islower((unsigned char)s[q]))
                            return c;
                        if (qe >= to || s[qe] == ',')
                            break;
                        q = qe + 1;
                    }
                }
            }
        }
    }
    return NULL;
}

/* Chunk kinds at the start of a comma-separated piece. */
static bool appositive_start(const char *s, size_t n)
{
    if (n == 0)
        return true;
    unsigned char c = (unsigned char)s[0];
    if (str_islower(c))
        return !org_lower_initial(s, n); /* "xAI, the startup, ..." is a name */
    static const char *const heads[] = {"A ", "An ", "One of", "Which", "Who", "Known ",
        "Founded ", "Based ", "Headquartered "};
    for (size_t k = 0; k < COUNT(heads); k++)
        if (str_starts(s, heads[k]))
            return true;
    return false;
}

static bool skip_start(const char *s, size_t n)
{
    static const char *const heads[] = {"On ", "In ", "At ", "Last ", "Earlier ", "This ",
        "Today", "According ", "As ", "After ", "Before ", "Meanwhile", "However", "Separately",
        "Elsewhere", "Also", "Additionally", "Now", "Since ", "With ", "Under ", "For ", "By ",
        "Following ", "Later", "Yesterday", "Previously", "From ", "Amid ", "During ", "Then",
        "Back ", "Last", "Over ", "Globally", "Overall", "Still", "Further", "Plus", "And ", "But "};
    for (size_t k = 0; k < COUNT(heads); k++) {
        size_t m = strlen(heads[k]);
        /* "Now" but not "NowNow", "Then" but not "Thenable" */
        if (str_starts(s, heads[k]) && (heads[k][m - 1] == ' ' || m >= n || !str_isalnum((unsigned char)s[m])))
            return true;
    }
    return false;
}

static bool pronoun_chunk(const char *s, const char *lc, size_t n)
{
    for (size_t k = 0; k < COUNT(pronoun_heads); k++) {
        size_t m = strlen(pronoun_heads[k]);
        if (n >= m && memcmp(lc, pronoun_heads[k], m) == 0 && (n == m || lc[m] == ' '))
            return n == m || k > 0;
    }
    /* "The Paris-based startup", "The UK AI company" */
    if (n > 4 && memcmp(lc, "the ", 4) == 0) {
        size_t e = n;
        size_t b = e;
        while (b > 0 && lc[b - 1] != ' ')
            b--;
        if (!org_descriptor(lc + b, e - b))
            return false;
        /* one company, in a short noun phrase: not "The majority of this
         * funding went to growth-stage companies" */
        int words = 1;
        for (size_t i = 0; i < n; i++)
            words += lc[i] == ' ';
        static const char *const plain[] = {"startup", "start-up", "company", "firm", "business", "group",
                                            "maker", "chipmaker", "developer", "provider", "lab", "unicorn",
                                            "platform", "operator", "designer", "manufacturer", "supplier"};
        bool singular = false;
        for (size_t k = 0; k < COUNT(plain); k++)
            if (strlen(plain[k]) == e - b && memcmp(lc + b, plain[k], e - b) == 0)
                singular = true;
        if (words > 6 || (!singular && lc[e - 1] == 's'))
            return false;
        /* "The Paris-based startup", not "The biggest news: Bluefin Networks" */
        for (size_t i = 4; i < n; i++) {
            if (!str_isupper((unsigned char)s[i]) || s[i - 1] != ' ')
                continue;
            size_t we = i;
            while (we < n && s[we] != ' ')
                we++;
            /* "The AI chipmaker", "The Paris-based startup", "The UK company" */
            if (org_descriptor(s + i, we - i) || place_lookup(s + i, we - i) ||
                memchr(s + i, '-', we - i) || (we > i && s[we - 1] == ','))
                continue;
            return false;
        }
        return !memchr(s, ':', n);
    }
    return false;
}

/* A lower-case piece that ends in a name after a descriptor, "called" or
 * "including", or after lower-case content words only: "startup Cognichip",
 * "a startup called Intezer", "doctor-on-demand service Heal", "with notable
 * investments including Porter". Fills out (name, span) and *country and
 * returns 1, else 0. */
static int lower_piece_name(const scan_sent *st, size_t lb, size_t end, subject *out, const char **country)
{
    const char *s = st->s, *lc = st->lc;
    size_t la = lb;
    if (str_starts(lc + la, "a ") && la + 2 < end && str_islower((unsigned char)s[la + 2]))
        la += 2;
    else if (str_starts(lc + la, "an ") && la + 3 < end && str_islower((unsigned char)s[la + 3]))
        la += 3;
    else if (str_starts(lc + la, "the ") && la + 4 < end && str_islower((unsigned char)s[la + 4]))
        la += 4;
    size_t nb = 0, nl = la < end && str_islower((unsigned char)s[la]) ? org_name_before(s, la, end, &nb) : 0;
    if (!nl)
        return 0;
    size_t pe = nb, pb;
    while (pe > lb && s[pe - 1] == ' ')
        pe--;
    pb = pe;
    while (pb > lb && s[pb - 1] != ' ')
        pb--;
    /* "doctor-on-demand service Heal": only lower-case content words before
     * the name */
    bool np = nb - lb < 60;
    static const char *const fn[] = {"the", "a", "an", "of", "by", "for", "in", "on", "at",
        "to", "from", "with", "and", "or", "as", "is", "was", "are", "were", "has", "have",
        "had", "that", "which", "who", "led", "said", "says", "after", "before", "while",
        "than", "its", "their", "his", "her", "our", "this", "these", "those", "into", "also"};
    for (size_t q = la; q < nb && np;) {
        while (q < nb && s[q] == ' ')
            q++;
        size_t qe = q;
        while (qe < nb && s[qe] != ' ')
            qe++;
        if (qe == q)
            break;
        for (size_t k = q; k < qe && np; k++)
            if (!str_islower((unsigned char)s[k]) && s[k] != '-')
                np = false;
        for (size_t k = 0; k < COUNT(fn) && np; k++)
            if (strlen(fn[k]) == qe - q && memcmp(lc + q, fn[k], qe - q) == 0)
                np = false;
        q = qe;
    }
    static const char *const intro[] = {"called", "named", "dubbed", "including", "like"};
    bool named = pe > pb && (np || org_descriptor(s + pb, pe - pb));
    for (size_t k = 0; k < COUNT(intro) && !named && pe > pb; k++)
        named = strlen(intro[k]) == pe - pb && memcmp(lc + pb, intro[k], pe - pb) == 0;
    char *name = named ? org_clean(s + nb, nl) : NULL;
    if (name && !place_lookup(name, strlen(name))) {
        out->name = name;
        out->start = nb;
        out->end = nb + nl;
        *country = subject_country(s, lb, nb);
        return 1;
    }
    free(name);
    return 0;
}

int subject_find(const scan_sent *st, size_t lo, size_t verb, subject *out)
{
    const char *s = st->s, *lc = st->lc;
    memset(out, 0, sizeof *out);
    size_t end = verb;
    bool relative = false; /* "..., which secured": the subject is the relative's antecedent */
    /* "It's announcing today that it has secured": the pronoun of a
     * reported clause, past its auxiliaries */
    {
        size_t q = verb;
        static const char *const small[] = {"has", "have", "had", "will", "would", "is", "was", "also", "now",
                                            "just", "recently", "successfully", "finally", "officially"};
        for (int guard = 0; guard < 4; guard++) {
            while (q > lo && s[q - 1] == ' ')
                q--;
            size_t b = q;
            while (b > lo && s[b - 1] != ' ')
                b--;
            bool sk = false;
            for (size_t k = 0; k < COUNT(small); k++)
                if (q - b == strlen(small[k]) && memcmp(lc + b, small[k], q - b) == 0)
                    sk = true;
            if (!sk)
                break;
            q = b;
        }
        while (q > lo && s[q - 1] == ' ')
            q--;
        if (q >= lo + 8 && memcmp(lc + q - 8, " that it", 8) == 0) {
            out->pronoun = true;
            return 1;
        }
    }
    /* drop auxiliaries and adverbs before the verb: "X has recently" */
    for (int guard = 0; guard < 8; guard++) {
        while (end > lo && (s[end - 1] == ' ' || s[end - 1] == ',' ||
                            (s[end - 1] == '-' && end - 1 > lo && s[end - 2] == ' ')))
            end--;
        size_t b = end;
        while (b > lo && s[b - 1] != ' ' && s[b - 1] != ',')
            b--;
        /* any adverb too: "X has newly raised", "X quietly closed" */
        bool adverb = end - b > 4 && lc[end - 2] == 'l' && lc[end - 1] == 'y' && str_islower((unsigned char)s[b]);
        bool aux_word = b < end && is_aux(s + b, end - b);
        /* a weekday is a time only after "on": "X on Monday raised", but
         * "robotics maker Sunday closed" */
        if (aux_word && end - b >= 6 && memcmp(lc + end - 3, "day", 3) == 0 && str_isupper((unsigned char)s[b])) {
            size_t pe = b;
            while (pe > lo && s[pe - 1] == ' ')
                pe--;
            aux_word = (pe >= 2 && memcmp(lc + pe - 2, "on", 2) == 0) || (pe > 0 && s[pe - 1] == ',') ||
                       (pe >= 4 && memcmp(lc + pe - 4, "last", 4) == 0) ||
                       (pe >= 4 && memcmp(lc + pe - 4, "this", 4) == 0);
        }
        if (b < end && (aux_word || adverb) && b > lo) {
            if ((end - b == 5 && memcmp(lc + b, "which", 5) == 0) || (end - b == 3 && memcmp(lc + b, "who", 3) == 0))
                relative = true;
            end = b;
            continue;
        }
        break;
    }
    while (end > lo && (s[end - 1] == ' ' || s[end - 1] == ','))
        end--;
    if (end <= lo)
        return 0;
    const char *country = NULL;
    int found = 0;
    /* the name right before the verb, when the last comma-separated piece is
     * not an appositive: "... under which Stellarion will acquire" */
    {
        size_t lb = end;
        int depth = 0;
        while (lb > lo && !(s[lb - 1] == ',' && depth == 0)) {
            if (s[lb - 1] == ')')
                depth++;
            else if (s[lb - 1] == '(' && depth)
                depth--;
            lb--;
        }
        while (lb < end && s[lb] == ' ')
            lb++;
        /* reported speech with no "that": "The company said Ardent Ventures
         * had led": the name after the reporting verb is the subject */
        {
            static const char *const rep[] = {" said ", " says ", " told ", " announced ", " confirmed "};
            size_t ra = SCAN_NONE, rl = 0;
            for (size_t k = 0; k < COUNT(rep); k++) {
                size_t m = strlen(rep[k]);
                for (const char *h = memmem(lc + lb, end - lb, rep[k], m); h;
                     h = memmem(h + 1, (size_t)(lc + end - h - 1), rep[k], m))
                    if ((size_t)(h - lc) > ra || ra == SCAN_NONE)
                        ra = (size_t)(h - lc), rl = m;
            }
            /* "X said Monday it is investing": a day, then the reported "it" */
            if (ra != SCAN_NONE) {
                static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                                   "saturday", "sunday", "today", "yesterday"};
                size_t w = ra + rl;
                for (size_t k = 0; k < COUNT(days); k++) {
                    size_t dl = strlen(days[k]);
                    if (w + dl <= end && memcmp(lc + w, days[k], dl) == 0 && w + dl == end &&
                        end + 4 <= verb && memcmp(lc + end, " it ", 4) == 0) {
                        out->pronoun = true;
                        return 1;
                    }
                }
            }
            if (ra != SCAN_NONE && str_isupper((unsigned char)s[ra + rl])) {
                size_t nb, nl = org_name_before(s, ra + rl, end, &nb);
                char *name = nl && nb == ra + rl && nb + nl == end ? org_clean(s + nb, nl) : NULL;
                if (name && !place_lookup(name, strlen(name))) {
                    out->name = name;
                    out->start = nb;
                    out->end = nb + nl;
                    return 1;
                }
                free(name);
            }
        }
        /* "..., after the AI chipmaker raised": a pronoun after a subordinator */
        static const char *const subs[] = {"after ", "before ", "as ", "while ", "when ", "since ",
                                           "because ", "and "};
        for (size_t k = 0; k < COUNT(subs); k++) {
            size_t m = strlen(subs[k]);
            if (end - lb > m && memcmp(lc + lb, subs[k], m) == 0 &&
                pronoun_chunk(s + lb + m, lc + lb + m, end - lb - m)) {
                out->pronoun = true;
                return 1;
            }
        }
        /* a lower-case piece that ends in a name after a descriptor or
         * "called": "..., startup Cognichip has secured", "That gig, a
         * startup called Intezer, has raised" */
        /* "A battery startup called Ionwell has raised": the article first */
        if (lower_piece_name(st, lb, end, out, &country)) {
            if (country)
                memcpy(out->country, country, 3);
            return 1;
        }
        /* a list item: "Acme Robotics: The Pittsburgh-based startup secured" */
        {
            size_t colon = SCAN_NONE;
            for (size_t k = lo; k < end; k++)
                if (s[k] == ':' && k + 1 < end && s[k + 1] == ' ')
                    colon = k;
            if (colon != SCAN_NONE && colon > lo) {
                size_t pb = colon + 2;
                while (pb < end && s[pb] == ' ')
                    pb++;
                if (pronoun_chunk(s + pb, lc + pb, end - pb)) {
                    size_t nb, nl = org_name_before(s, lo, colon, &nb);
                    size_t q = lo;
                    while (q < nb && s[q] == ' ')
                        q++;
                    char *name = nl && (q == nb || s[nb - 1] == ' ') ? org_clean(s + nb, nl) : NULL;
                    if (name && !place_lookup(name, strlen(name))) {
                        out->name = name;
                        out->start = nb;
                        out->end = nb + nl;
                        country = subject_country(s, pb, end);
                        if (country)
                            memcpy(out->country, country, 3);
                        return 1;
                    }
                    free(name);
                }
            }
        }
        /* "..., the Nevada-based startup founded by JB Doe, raised": a
         * participle phrase describes the subject, its agent is not it */
        static const char *const agents[] = {"founded by", "led by", "backed by", "owned by", "run by",
                                             "created by", "started by", "co-founded by", "headed by"};
        bool agent = false;
        for (size_t k = 0; k < COUNT(agents) && !agent; k++)
            if (memmem(lc + lb, end - lb, agents[k], strlen(agents[k])))
                agent = true;
        /* "Tenaga Power (TNP), a utility with plants in Kelso, Brora and
         * Lairg, has secured": a last piece "X and Y" after a comma ends a
         * list (of an appositive, or of a coordinated subject, whose first
         * name the chunks below read); its last name is no subject */
        bool list_tail = lb > lo && memmem(lc + lb, end - lb, " and ", 5) != NULL;
        if (lb > lo && lb < end && !agent && !list_tail && !appositive_start(s + lb, end - lb) &&
            !pronoun_chunk(s + lb, lc + lb, end - lb) && s[end - 1] != ')') {
            size_t nb, nl = org_name_before(s, lb, end, &nb);
            char *name = nl ? org_clean(s + nb, nl) : NULL;
            if (name && !place_lookup(name, strlen(name))) {
                out->name = name;
                out->start = nb;
                out->end = nb + nl;
                country = subject_country(s, lb, nb);
                if (country)
                    memcpy(out->country, country, 3);
                return 1;
            }
            free(name);
        }
    }
    /* comma-separated chunks, left to right */
    size_t cb = lo;
    while (cb < end && !found) {
        while (cb < end && s[cb] == ' ')
            cb++;
        size_t ce = cb;
        int depth = 0;
        while (ce < end && !(s[ce] == ',' && depth == 0) && !(s[ce] == ' ' && ce + 2 < end && s[ce + 1] == '-' && s[ce + 2] == ' ')) {
            if (s[ce] == '(')
                depth++;
            else if (s[ce] == ')' && depth)
                depth--;
            ce++;
        }
        static const char *const conj[] = {"And ", "But ", "Plus ", "Also ", "Meanwhile ", "Now ", "and ",
                                           "but ", "plus ", "while "};
        for (size_t k = 0; k < COUNT(conj); k++)
            if (ce - cb > strlen(conj[k]) && str_starts(s + cb, conj[k]))
                cb += strlen(conj[k]);
        size_t next = ce < end ? ce + 1 : end;
        if (ce < end && s[ce] == ' ')
            next = ce + 3;
        size_t n = ce - cb;
        /* "..., with notable investments including Porter, an on-demand
         * ..., which secured": the name ends a lower-case piece */
        if (relative && n > 0 && str_islower((unsigned char)s[cb]) && !str_starts(lc + cb, "a ") &&
            !str_starts(lc + cb, "an ") && !str_starts(lc + cb, "which ") && !str_starts(lc + cb, "who ") &&
            lower_piece_name(st, cb, ce, out, &country)) {
            found = 1;
            break;
        }
        if (n == 0 || appositive_start(s + cb, n)) {
            if (!country)
                country = subject_country(s, cb, ce);
            cb = next;
            continue;
        }
        if (pronoun_chunk(s + cb, lc + cb, n)) {
            if (!country)
                country = subject_country(s, cb, ce);
            /* "The startup, Quantix, said ...": the name in apposition */
            if (ce < end && s[ce] == ',') {
                size_t ab = ce + 1;
                while (ab < end && s[ab] == ' ')
                    ab++;
                size_t ae = ab;
                while (ae < end && s[ae] != ',')
                    ae++;
                size_t nb, nl = ae > ab ? org_name_after(s, ae, ab, &nb) : 0;
                if (nl && nb == ab && nb + nl >= ae - 1) {
                    char *name = org_clean(s + nb, nl);
                    if (name && !place_lookup(name, strlen(name))) {
                        out->name = name;
                        out->start = nb;
                        out->end = nb + nl;
                        found = 1;
                        break;
                    }
                    free(name);
                }
            }
            out->pronoun = true;
            found = 1;
            break;
        }
        if (skip_start(s + cb, n) && ce < end) {
            cb = next;
            continue;
        }
        /* a ticker at the end: "Alibaba (BABA)", "Nvidia (NASDAQ: NVDA)" */
        size_t ne = ce;
        while (ne > cb && s[ne - 1] == ' ')
            ne--;
        for (int tk = 0; tk < 3 && ne > cb && s[ne - 1] == ')'; tk++) {
            size_t ob = ne - 1;
            while (ob > cb && s[ob] != '(')
                ob--;
            if (s[ob] == '(') {
                size_t tb = ob + 1, te = ne - 1;
                const char *colon = memchr(s + tb, ':', te - tb);
                if (colon)
                    tb = (size_t)(colon - s) + 1;
                while (tb < te && s[tb] == ' ')
                    tb++;
                bool caps = te > tb && te - tb < sizeof out->ticker;
                for (size_t k = tb; k < te && caps; k++)
                    if (!str_isupper((unsigned char)s[k]) && s[k] != '.')
                        caps = false;
                if (caps) {
                    memcpy(out->ticker, s + tb, te - tb);
                    out->ticker[te - tb] = 0;
                }
                ne = ob;
                while (ne > cb && s[ne - 1] == ' ')
                    ne--;
            }
        }
        /* "AMI Labs in Paris", "Mistral AI of France" */
        size_t ps;
        const char *pc = place_ending_at(s, cb, ne, &ps);
        if (pc && ps > cb + 4) {
            size_t k = ps;
            while (k > cb && s[k - 1] == ' ')
                k--;
            /* "Industrial Bank of Korea", "University of Michigan": an
             * institution's noun before "of" makes the place its name's */
            static const char *const inst[] = {"Bank", "University", "Fund", "Institute", "Authority",
                "Ministry", "Council", "Corporation", "Government", "Republic", "Commonwealth", "State",
                "College", "Agency", "Board", "Bureau", "Exchange", "Office"};
            bool part = false;
            if (k >= cb + 3 && memcmp(s + k - 3, " of", 3) == 0) {
                size_t we = k - 3, wb = we;
                while (wb > cb && s[wb - 1] != ' ')
                    wb--;
                for (size_t q = 0; q < COUNT(inst) && !part; q++)
                    part = we - wb == strlen(inst[q]) && memcmp(s + wb, inst[q], we - wb) == 0;
            }
            if (part)
                ;
            else if ((k >= cb + 3 && memcmp(s + k - 3, " in", 3) == 0) ||
                (k >= cb + 5 && memcmp(s + k - 5, " from", 5) == 0) ||
                (k >= cb + 3 && memcmp(s + k - 3, " of", 3) == 0)) {
                country = pc;
                ne = k - (s[k - 2] == 'i' ? 3 : s[k - 2] == 'o' && s[k - 1] == 'f' ? 3 : 5);
            }
        }
        size_t nb;
        size_t nl = org_name_before(s, cb, ne, &nb);
        if (nl) {
            char *name = org_clean(s + nb, nl);
            if (name) {
                out->name = name;
                out->start = nb;
                out->end = nb + nl;
                if (!country)
                    country = subject_country(s, cb, nb);
                found = 1;
                /* appositives after the name still tell the country */
                if (!country && ce < end)
                    country = subject_country(s, ce, end);
                break;
            }
        }
        cb = next;
    }
    if (country)
        memcpy(out->country, country, 3);
    return found;
}

char *subject_object(const scan_sent *st, size_t pos, size_t limit, size_t *end_out)
{
    size_t b;
    if (limit > st->n)
        limit = st->n;
    size_t l = org_name_after(st->s, limit, pos, &b);
    if (!l)
        return NULL;
    if (end_out)
        *end_out = b + l;
    return org_clean(st->s + b, l);
}
