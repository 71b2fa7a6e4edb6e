/* investor: the lead and other investors a sentence names for a round. */
#include "analyze/investor.h"

#include <stdlib.h>
#include <string.h>

#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/sentence.h"
#include "util/str.h"

#define INVESTORS_MAX 40

/* The index of the name in v that names the same investor, or -1. */
static int find_name(char **v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (org_same(v[i], name))
            return (int)i;
    return -1;
}

/* v[i] becomes name when name is the fuller form: "WestBridge" told after
 * "WestBridge Capital" keeps the latter, the other order takes it. */
static void keep_fuller(char **v, int i, const char *name)
{
    if (i >= 0 && strlen(name) > strlen(v[i])) {
        free(v[i]);
        v[i] = xstrdup(name);
    }
}

/* A round's letter left of a name: "C-1", "B2" (of "our Series C-1
 * funders"), no investor. */
static bool series_letter(const char *name)
{
    if (!(name[0] >= 'A' && name[0] <= 'J'))
        return false;
    size_t i = 1;
    if (name[i] == '-')
        i++;
    if (!str_isdigit((unsigned char)name[i]))
        return name[1] == 0;
    while (str_isdigit((unsigned char)name[i]))
        i++;
    return name[i] == 0;
}

void investor_add(event_t *e, const char *name, int lead)
{
    if (!name || !*name || (e->company && org_same(e->company, name)) || series_letter(name))
        return;
    int inv = find_name(e->investors, e->n_investors, name);
    keep_fuller(e->investors, inv, name);
    const char *full = inv >= 0 ? e->investors[inv] : name;
    if (lead) {
        int l = find_name(e->lead_investors, e->n_lead, full);
        keep_fuller(e->lead_investors, l, full);
        if (l < 0 && e->n_lead < INVESTORS_MAX) {
            e->lead_investors = xrealloc(e->lead_investors, (e->n_lead + 1) * sizeof(char *));
            e->lead_investors[e->n_lead++] = xstrdup(full);
        }
    } else {
        int l = find_name(e->lead_investors, e->n_lead, full);
        keep_fuller(e->lead_investors, l, full);
    }
    if (inv < 0 && e->n_investors < INVESTORS_MAX) {
        e->investors = xrealloc(e->investors, (e->n_investors + 1) * sizeof(char *));
        e->investors[e->n_investors++] = xstrdup(name);
    }
}

/* Where a list of names stops. */
static const char *const list_end[] = {
    ", with ", " with participation", "; ", " and participation", " alongside ",
    " as well as ", " at a ", " at an ", " valuing ", ", valuing", " bringing ", ", bringing",
    " which ", ", which", " who ", " that ", " according ", ", according", " to fund ",
    " to help ", " to expand ", " to build ", " to accelerate ", " to scale ", " to develop ",
    " to support ", " to further ", " in a ", " in an ", " in its ", " in the ", " for its ",
    " for the ", " the company", ", the company", " said ", ", said", " and brings ",
    ", and brings", " and takes ", ", taking ", " taking ", ", joined", " joined by",
    ", among others", " among others", " and others", ", and others", " and other ",
    ", and other ", " as part ", ", as ", " after ", " following ", ". ", " to date",
    " with ", " - ", " on ", " last ", " this ", ", per ", " per ", " bringing", " through ",
    " and included ", " and include ", " and includes ", ", including ", " included ",
    " and was joined", " and saw ", " and also ", " and was ", " and were ", " and has ",
    " and had ", " and is ", " and will ",
};

/* Words that may come before a name in a list item. */
static const char *const item_heads[] = {
    "and ", "including ", "such as ", "like ", "existing investors ", "existing investor ",
    "new investors ", "new investor ", "new backers ", "new backer ", "investors ", "investor ", "returning investors ",
    "existing backers ", "existing backer ", "backers ", "backer ", "firms ", "funds ",
    "the ", "its ", "also ", "plus ", "new and existing investors ", "venture firms ",
    "venture firm ", "venture capital firms ", "venture capital firm ", "funds managed by ",
    "affiliates of ", "entities affiliated with ", "participation from ", "strategic investors ",
    "strategic investor ", "investment firms ", "investment firm ", "global investors ",
    "previous investors ", "earlier investors ", "other investors ", "others including ",
    "existing shareholders ", "shareholders ", "include ", "included ", "both ", "from ",
    "the likes of ", "likes of ",
};

static void cues_find(const char *lc, size_t from, size_t to, const char *const *list, size_t cnt,
                      const char **at);

/* 1 when the word that ends at p (a period's place) is a company's form
 * written short: "Inc", "Corp", "Co", "Ltd". */
static bool form_before(const char *s, const char *p)
{
    static const char *const forms[] = {"Inc", "Corp", "Co", "Ltd", "Bhd", "Pte", "Pty", "Pvt", "Plc"};
    const char *b = p;
    while (b > s && str_isalpha((unsigned char)b[-1]))
        b--;
    if (b > s && b[-1] != ' ')
        return false;
    for (size_t k = 0; k < COUNT(forms); k++)
        if ((size_t)(p - b) == strlen(forms[k]) && memcmp(b, forms[k], (size_t)(p - b)) == 0)
            return true;
    return false;
}

/* Where a list that starts at s[from] stops: at a list end outside
 * parentheses ("Tesi (the state's fund), and Vito" is one list), at a ")"
 * that closes one opened before the list, or at to. */
static size_t find_end(const char *s, size_t from, size_t to)
{
    size_t best = to;
    const char *found[sizeof list_end / sizeof *list_end];
    char masked[SENTENCE_MAX + 512];
    const char *text = s;
    if (from < to && memchr(s + from, '(', to - from) && to <= sizeof masked) {
        /* the same text with what is inside parentheses blanked out */
        int depth = 0;
        memcpy(masked + from, s + from, to - from);
        for (size_t i = from; i < to; i++) {
            if (s[i] == '(')
                depth++;
            else if (s[i] == ')' && depth) {
                depth--;
                masked[i] = '\x01';
                continue;
            }
            if (depth)
                masked[i] = '\x01';
        }
        text = masked;
    }
    for (size_t i = from, depth = 0; i < to; i++) {
        if (text[i] == '(')
            depth++;
        else if (text[i] == ')' && !depth) {
            best = i;
            break;
        }
    }
    if (from < to)
        cues_find(text, from, best, list_end, COUNT(list_end), found);
    /* "from a consortium of investors, including X": a list that has named
     * no one yet goes on past "including" */
    for (size_t k = 0; k < COUNT(list_end); k++)
        if (found[k] && (strcmp(list_end[k], ", including ") == 0 || strcmp(list_end[k], " including ") == 0)) {
            bool named = false;
            for (const char *q = text + from; q < found[k]; q++)
                if (str_isupper((unsigned char)*q) || org_lower_initial(q, (size_t)(found[k] - q)))
                    named = true;
            if (!named)
                found[k] = NULL;
        }
    if (text != s)
        for (size_t k = 0; k < COUNT(list_end); k++)
            if (found[k])
                found[k] = s + (found[k] - text);
    for (size_t k = 0; k < COUNT(list_end); k++) {
        size_t m = strlen(list_end[k]);
        if (from >= to)
            break;
        const char *hit = found[k];
        /* "T. Rowe Price": an initial's period ends nothing; nor does a
         * company form's before a lower-case word ("Orrin Inc. and Pell
         * Inc."): the sentence goes on */
        while (hit && m == 2 && hit - s >= 2 &&
               ((str_isupper((unsigned char)hit[-1]) && (hit - s == 1 || hit[-2] == ' ')) ||
                (hit + 2 < s + to && str_islower((unsigned char)hit[2]) && form_before(s, hit))))
            hit = hit + 2 < s + best ? memmem(hit + 2, (size_t)(s + best - hit - 2), list_end[k], m) : NULL;
        if (hit && (size_t)(hit - s) < best)
            best = (size_t)(hit - s);
    }
    /* the sentence's final period */
    while (best > from && (s[best - 1] == '.' || s[best - 1] == ' '))
        best--;
    return best;
}

/* The item s[b, ie) with its parentheses read: "Tesi (the state's fund)"
 * is Tesi, "Bohai Sheng (Hubei) Industrial Fund" keeps its place, a name
 * word inside a name. Writes into out (cap bytes); returns the length. */
static size_t item_unparen(const char *s, size_t b, size_t ie, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = b; i < ie && o + 1 < cap;) {
        if (s[i] != '(') {
            out[o++] = s[i++];
            continue;
        }
        size_t c = i + 1;
        while (c < ie && s[c] != ')' && s[c] != '(')
            c++;
        bool inner = c < ie && s[c] == ')' && c > i + 1 && str_isupper((unsigned char)s[i + 1]) &&
                     !memchr(s + i + 1, ' ', c - i - 1) && c + 2 < ie && s[c + 1] == ' ' &&
                     str_isupper((unsigned char)s[c + 2]);
        if (inner) {
            while (i <= c && o + 1 < cap)
                out[o++] = s[i++];
            continue;
        }
        /* "the national innovation agency (Innovate UK)": a description
         * ending in a common noun, its name in the parentheses that end the
         * item */
        {
            size_t t = o;
            while (t && out[t - 1] == ' ')
                t--;
            size_t wb = t;
            while (wb && out[wb - 1] != ' ')
                wb--;
            bool common = t > wb;
            for (size_t q = wb; q < t && common; q++)
                common = str_islower((unsigned char)out[q]) || out[q] == '-';
            size_t r = c + 1;
            while (r < ie && (s[r] == ' ' || s[r] == '.'))
                r++;
            if (common && c < ie && s[c] == ')' && c > i + 1 && org_capital(s + i + 1, c - i - 1) && r >= ie &&
                c - i - 1 + 1 < cap) {
                memcpy(out, s + i + 1, c - i - 1);
                o = c - i - 1;
                i = c + 1;
                continue;
            }
        }
        while (o && out[o - 1] == ' ')
            o--;
        i = c < ie ? c + 1 : ie;
    }
    out[o] = '\0';
    return o;
}

/* Words that make an item a person's role; the names after it are where the
 * person works, not investors. rest: every later item of the list is, too
 * ("founders of A, B and C"). */
static const char *const roles[] = {"founder of ", "co-founder of ", "cofounder of ", "ceo of ",
    "chief executive of ", "president of ", "head of ", "chairman of ", "former ", "a former ",
    "the founder of ", "the former ", "partner at ", "a partner at ", "founders of ",
    "co-founders of ", "cofounders of ", "the founders of ", "executives of ", "executives from ",
    "employees of ", "alumni of ", "founders from ", "executives at "};

static size_t read_list_at(const char *s, size_t from, size_t to, event_t *e, int lead);

/* Reads the names of a list in s[from, to); returns how many were added.
 * A relative clause inside the list ("A, which is now part of B Co., C,
 * D and E") is read as a parenthesis when names go on after it. */
static size_t read_list(const char *s, size_t from, size_t to, event_t *e, int lead)
{
    static const char *const rel[] = {", which ", ", who "};
    for (size_t k = 0; k < COUNT(rel) && to < SENTENCE_MAX + 512; k++) {
        const char *r = memmem(s + from, to - from, rel[k], strlen(rel[k]));
        if (!r || r == s + from)
            continue;
        size_t rb = (size_t)(r - s);
        /* the clause ends at the next ", " before a capitalised word */
        size_t q = rb + strlen(rel[k]);
        while (q + 2 < to && !(s[q] == ',' && s[q + 1] == ' ' && org_capital(s + q + 2, to - q - 2)))
            q++;
        if (q + 2 >= to)
            continue;
        /* ... and the list goes on to "and <Name>" */
        const char *and = memmem(s + q, to - q, " and ", 5);
        if (!and || (size_t)(and - s) + 5 >= to || !org_capital(and + 5, (size_t)(s + to - and) - 5))
            continue;
        char *copy = xstrndup(s, to);
        memcpy(copy + rb, " (", 2); /* ", which" -> " (which" */
        copy[q] = ')';
        copy[q + 1] = ',';
        size_t got = read_list_at(copy, from, to, e, lead);
        free(copy);
        return got;
    }
    return read_list_at(s, from, to, e, lead);
}

/* "Fidelity Management and Research Company": after "and" one capitalised
 * word and a company's form, which names nothing alone; the "and" is inside
 * the name. i: the word after "and". */
static bool and_inside_name(const char *s, size_t i, size_t end)
{
    size_t we = i;
    if (i >= end || !str_isupper((unsigned char)s[i]))
        return false;
    /* a form before "and" ends a firm's name: "Orrin Inc and Marten Corp"
     * are two */
    const char *p = s + i - 5;
    if (p > s && p[-1] == '.')
        p--;
    if (form_before(s, p))
        return false;
    while (we < end && str_isalpha((unsigned char)s[we]))
        we++;
    if (we >= end || s[we] != ' ')
        return false;
    static const char *const forms[] = {"Company", "Co.", "Co", "Corporation", "Corp.", "Corp"};
    for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
        size_t fl = strlen(forms[k]);
        if (we + 1 + fl <= end && memcmp(s + we + 1, forms[k], fl) == 0 &&
            (we + 1 + fl == end || !str_isalpha((unsigned char)s[we + 1 + fl])))
            return true;
    }
    return false;
}

static size_t read_list_at(const char *s, size_t from, size_t to, event_t *e, int lead)
{
    size_t end = find_end(s, from, to);
    size_t added = 0;
    size_t i = from;
    int items = 0;
    bool rest_roles = false, skip_next = false;
    char buf[512];
    while (i < end && items < INVESTORS_MAX) {
        /* an item ends at ", " or " and " or " & "-less separators, outside
         * parentheses; an apposition ("the investment vehicle of A and B")
         * runs on to the next comma */
        size_t j = i, ie = end;
        size_t b0 = i;
        while (b0 < end && s[b0] == ' ')
            b0++;
        bool appos = items > 0 && ((b0 + 5 < end && str_ncasecmp(s + b0, "the ", 4) == 0 && str_islower((unsigned char)s[b0 + 4])) ||
                     (b0 + 3 < end && memcmp(s + b0, "a ", 2) == 0 && str_islower((unsigned char)s[b0 + 2])) ||
                     (b0 + 4 < end && memcmp(s + b0, "an ", 3) == 0 && str_islower((unsigned char)s[b0 + 3])));
        if (appos) {
            /* an apposition describes by "of": "the investment vehicle of A
             * and B"; "the venture firm Sequoia" is a descriptor and a name,
             * "the likes of A" and "a group including A" introduce names */
            size_t q = b0, stop = end;
            while (q < end && s[q] != ',' && s[q] != ';' && !org_capital(s + q, end - q))
                q++;
            stop = q;
            const char *of = memmem(s + b0, stop - b0, " of ", 4);
            if (!of || memmem(s + b0, stop - b0, "likes of", 8) || memmem(s + b0, stop - b0, " including ", 11) ||
                memmem(s + b0, stop - b0, " such as ", 9))
                appos = false;
        }
        int depth = 0;
        for (; j < end; j++) {
            if (s[j] == '(')
                depth++;
            else if (s[j] == ')' && depth)
                depth--;
            if (depth)
                continue;
            if (s[j] == ',' || s[j] == ';') {
                ie = j;
                break;
            }
            if (!appos && j + 5 <= end && memcmp(s + j, " and ", 5) == 0 && !and_inside_name(s, j + 5, end)) {
                ie = j;
                break;
            }
            if (!appos && j + 6 <= end && memcmp(s + j, " plus ", 6) == 0) {
                ie = j;
                break;
            }
        }
        if (j >= end)
            ie = end;
        size_t next_i = ie;
        /* the item, its parentheses read */
        const char *t = s;
        size_t b = i, tie = ie;
        if (memchr(s + i, '(', ie - i)) {
            tie = item_unparen(s, i, ie, buf, sizeof buf);
            t = buf;
            b = 0;
        }
        while (b < tie && t[b] == ' ')
            b++;
        for (int guard = 0; guard < 4; guard++) {
            /* the longest head that matches: "funds managed by " before "funds " */
            size_t best = 0;
            for (size_t k = 0; k < COUNT(item_heads); k++) {
                size_t m = strlen(item_heads[k]);
                /* a head that is the whole item: "Existing backers" */
                if (b + m == tie + 1 && str_ncasecmp(t + b, item_heads[k], m - 1) == 0)
                    m--;
                if (m > best && b + m <= tie && str_ncasecmp(t + b, item_heads[k], m) == 0) {
                    /* keep "The Ventures Fund"-like names only when capitalised twice */
                    /* capitalised only at a sentence's start: "Existing backers
                     * also took part" (a head of two words is no name) */
                    const char *sp = strchr(item_heads[k], ' ');
                    bool two = sp && sp[1] != '\0';
                    if (str_isupper((unsigned char)t[b]) && strcmp(item_heads[k], "the ") != 0 && !two)
                        continue;
                    best = m;
                }
            }
            if (!best)
                break;
            b += best;
        }
        /* "industry figures such as Jane Doe", "angels including X" */
        static const char *const intro[] = {" such as ", " including ", " like "};
        for (size_t k = 0; k < COUNT(intro); k++) {
            const char *h = memmem(t + b, tie - b, intro[k], strlen(intro[k]));
            if (h)
                b = (size_t)(h - t) + strlen(intro[k]);
        }
        /* "founder of King", "CEO of Acme": an apposition of the person
         * named before, not an investor of its own */
        bool role = rest_roles || skip_next;
        skip_next = false;
        for (size_t k = 0; k < COUNT(roles); k++)
            if (b + strlen(roles[k]) <= tie && str_ncasecmp(t + b, roles[k], strlen(roles[k])) == 0) {
                role = true;
                if (strstr(roles[k], "s of ") || strstr(roles[k], "s from ") || strstr(roles[k], "s at "))
                    rest_roles = true;
            }
        /* "Naresh Malhotra, former CEO, Acme": a title with no "of" is
         * followed by the employer */
        if (!role || !rest_roles) {
            static const char *const titles[] = {"ceo", "chief executive", "founder", "co-founder",
                "chairman", "chairwoman", "president", "partner", "director", "cto", "coo", "cfo"};
            size_t q = tie;
            while (q > b && t[q - 1] == ' ')
                q--;
            for (size_t k = 0; k < COUNT(titles); k++) {
                size_t tl = strlen(titles[k]);
                if (q >= b + tl && str_ncasecmp(t + q - tl, titles[k], tl) == 0 &&
                    (q == b + tl || t[q - tl - 1] == ' ') && next_i < end && s[next_i] == ',' &&
                    str_islower((unsigned char)t[b]))
                    role = skip_next = true;
                /* "Citadel founder and CEO Ken Griffin": a name and a title
                 * is the title of the person the next item names */
                else if (q > b + tl + 1 && str_ncasecmp(t + q - tl, titles[k], tl) == 0 && t[q - tl - 1] == ' ' &&
                         next_i < end && s[next_i] == ' ')
                    role = true;
            }
        }
        /* "Ingka Group, the largest operator of IKEA stores": an apposition
         * describing the name before ("the" and a lower-case word) */
        if (appos)
            role = true;
        /* "Siam Bank's venture arm, SCB 10X": the owner's arm, described in
         * lower case, is named by the next item; the owner invests nothing */
        if (!role && next_i < end && s[next_i] == ',') {
            const char *ps = memmem(t + b, tie - b, "'s ", 3);
            bool lower = ps != NULL;
            for (size_t c = ps ? (size_t)(ps - t) + 3 : tie; c < tie && lower; c++)
                lower = !str_isupper((unsigned char)t[c]);
            if (lower && ps && (size_t)(ps - t) + 3 < tie)
                role = true;
        }
        /* "Canada's Inovia Capital", "Alphabet's CapitalG": the owner is not
         * the investor */
        if (!role) {
            size_t q = b;
            while (q < tie && t[q] != ' ')
                q++;
            if (q > b + 2 && q < tie && t[q - 2] == '\'' && t[q - 1] == 's' && q + 1 < tie) {
                /* "Alphabet's independent growth fund CapitalG": the name
                 * after the owner's descriptors */
                size_t nb2, nl2 = org_name_after(t, tie, q + 1, &nb2);
                if (nl2)
                    b = q + 1;

            }
        }
        /* the name, past descriptors: "Dutch chip equipment maker ASML",
         * "existing backer Sequoia" */
        size_t nb = 0, nl = role ? 0 : org_name_after(t, tie, b, &nb);
        if (nl) {
            char *name = org_clean(t + nb, nl);
            size_t ln = name ? strlen(name) : 0;
            bool initials = ln <= 4 && name && strchr(name, '.'); /* "U.S", "U.K." */
            /* "Geographically, ..." is an adverb; "..., TechCrunch reports" an outlet */
            if (name && !strchr(name, ' ') && ln > 6 && strcmp(name + ln - 4, "ally") == 0)
                initials = true;
            /* "Lead investor: Undisclosed" names no one */
            static const char *const unnamed[] = {"undisclosed", "unnamed", "not disclosed", "n/a",
                                                  "none", "unknown", "tbd", "tba"};
            for (size_t k = 0; name && k < COUNT(unnamed); k++)
                if (str_ncasecmp(name, unnamed[k], strlen(unnamed[k])) == 0)
                    initials = true;
            static const char *const says[] = {" reports", " reported", " said", " says", " told",
                                               " wrote", " writes", " reports."};
            for (size_t k = 0; k < COUNT(says); k++)
                if (nb + nl + strlen(says[k]) <= tie + 1 &&
                    str_ncasecmp(t + nb + nl, says[k], strlen(says[k])) == 0)
                    initials = true;
            /* "the Digital East Fund of Earlybird Venture Capital": a fund
             * of a firm is told as the firm */
            if (name && !initials) {
                const char *of = strstr(name, " Fund of ");
                if (!of)
                    of = strstr(name, " Funds of ");
                if (of) {
                    const char *y = strstr(of + 1, " of ") + 4;
                    if (org_capital(y, strlen(y)) && strncmp(y, "Funds", 5) != 0) {
                        char *p2 = xstrdup(y);
                        free(name);
                        name = p2;
                        ln = strlen(name);
                    }
                }
            }
            if (name && !initials && !place_lookup(name, ln) && ln > 1) {
                size_t before = e->n_investors;
                investor_add(e, name, lead);
                added += e->n_investors - before;
            }
            free(name);
        }
        items++;
        i = next_i;
        if (i < end && (s[i] == ',' || s[i] == ';'))
            i++;
        else if (i + 5 <= end && memcmp(s + i, " and ", 5) == 0)
            i += 5;
        else if (i + 6 <= end && memcmp(s + i, " plus ", 6) == 0)
            i += 6;
        else if (i < end)
            i++;
    }
    return added;
}

/* What "led by"/"anchored by" at lc[at] describes is no round: "a $15
 * billion AI fund anchored by X", "a project led by Y", "the consortium
 * led by Z": the noun right before it (past "was", "is", "jointly"...). */
static bool led_thing_no_round(const char *lc, size_t from, size_t at)
{
    size_t q = at;
    static const char *const skip[] = {"was", "is", "been", "being", "were", "are", "jointly", "also", "and",
                                       "which", "that", "reportedly", "both"};
    for (int guard = 0; guard < 5; guard++) {
        while (q > from && (lc[q - 1] == ' ' || lc[q - 1] == ','))
            q--;
        size_t b = q;
        while (b > from && str_isalpha((unsigned char)lc[b - 1]))
            b--;
        if (b == q)
            return false;
        bool sk = false;
        for (size_t k = 0; k < COUNT(skip); k++)
            if (q - b == strlen(skip[k]) && memcmp(lc + b, skip[k], q - b) == 0)
                sk = true;
        if (!sk) {
            static const char *const things[] = {"fund", "funds", "vehicle", "project",
                "initiative", "programme", "program", "team", "effort", "mission", "coalition", "alliance",
                "delegation", "study", "spinout", "spin-off", "campaign", "bid", "offer", "takeover",
                "acquisition", "buyout", "government", "administration", "committee", "board"};
            for (size_t k = 0; k < COUNT(things); k++)
                if (q - b == strlen(things[k]) && memcmp(lc + b, things[k], q - b) == 0)
                    return true;
            return false;
        }
        q = b;
    }
    return false;
}

/* "Jointly led by A and B, the K-chip project is Seoul's plan": a
 * participle that opens its clause describes the noun phrase after its
 * comma; unless that phrase is a round, the leads lead something else.
 * cue: where "led by" starts, names: where its names start. */
static bool opening_participle_of_other(const char *s, const char *lc, size_t from, size_t cue, size_t names,
                                        size_t to)
{
    /* only an adverb or a label ("The Goal: ") before the cue */
    size_t b = cue;
    while (b > from && lc[b - 1] == ' ')
        b--;
    size_t wb = b;
    while (wb > from && str_isalpha((unsigned char)lc[wb - 1]))
        wb--;
    bool adverb = b > wb + 2 && lc[b - 1] == 'y' && lc[b - 2] == 'l';
    size_t start = adverb ? wb : b;
    while (start > from && lc[start - 1] == ' ')
        start--;
    if (!(start == from || s[start - 1] == ':' || s[start - 1] == '.'))
        return false;
    /* the comma that ends the names, then the noun phrase's first words */
    const char *c = memchr(s + names, ',', to - names);
    if (!c)
        return false;
    size_t q = (size_t)(c - s) + 1;
    static const char *const rn[] = {"round", "funding", "financing", "raise", "investment", "series", "seed",
                                     "tranche", "deal", "fundraise", "fundraising"};
    static const char *const verbs[] = {"is", "was", "are", "were", "has", "have", "will", "aims", "seeks"};
    for (int w = 0; w < 8 && q < to; w++) {
        while (q < to && (s[q] == ' ' || s[q] == '"'))
            q++;
        size_t we = q;
        while (we < to && (str_isalnum((unsigned char)s[we]) || s[we] == '-' || s[we] == '\''))
            we++;
        if (we == q)
            return false;
        for (size_t k = 0; k < COUNT(rn); k++)
            if (we - q == strlen(rn[k]) && memcmp(lc + q, rn[k], we - q) == 0)
                return false;
        for (size_t k = 0; k < COUNT(verbs); k++)
            if (we - q == strlen(verbs[k]) && memcmp(lc + q, verbs[k], we - q) == 0)
                return w > 0; /* "the project is": another thing led */
        q = we;
    }
    return false;
}

static const char *const lead_cues[] = {
    "co-led by ", "co-lead by ", "led by ", "headed by ", "spearheaded by ", "anchored by ",
    "led jointly by ", "jointly led by ", "lead: ", "leads: ", "lead investor: ",
};

static const char *const other_cues[] = {
    "with participation from ", "with participation by ", "with participation of ",
    "participation from ", "participation by ", "participation of ", "alongside ",
    "joined by ", "backed by ", "investors include ", "investors included ",
    "investors including ", "investors such as ", "investors like ", "backers include ",
    "backers including ", "backers such as ", "support from ", "backing from ",
    "funding from ", "investment from ", "investments from ", "as well as from ", "as well as ",
    "also participated", "from investors including ", "from investors such as ",
    "other investors ", "participants include ", "participants included ",
    "with existing investors ", "including existing investors ", "and included ",
    "and includes ", "included new investor ", "included new investors ", "provided by ",
    "arranged by ", "extended by ", "lenders include ", "lenders including ", "others: ",
    "investors: ", "participants: ", "from lenders including ", "underwritten by ",
    "they include ", "which include ", "which included ", "facility with ", "facility from ",
    "loan from ", "loans from ", "financing from ", "commitment from ", "funds from ",
    "capital from ", "money from ", "along with ", "together with ", "participated in by ",
    /* the round as the subject of "include": "the latest rounds included X" */
    "round included ", "rounds included ", "round includes ", "rounds include ", "round include ",
    "financing included ", "funding included ",
    "granted by ", "awarded by ", "given by ", "contributed by ",
};

#define CUES_MAX 160

/* The first place of each cue of list in lc[from, to), or NULL, found in one
 * walk over the text (cues bucketed by first byte) instead of a search per
 * cue: the investor reader runs on every sentence about a round. */
static void cues_find(const char *lc, size_t from, size_t to, const char *const *list, size_t cnt,
                      const char **at)
{
    /* bucketed by the first byte, or by the second after a leading space
     * (" led the ", " joined by ": most cues start with one) */
    short head[512], next[CUES_MAX];
    unsigned char len[CUES_MAX];
    memset(head, -1, sizeof head);
    if (cnt > CUES_MAX)
        cnt = CUES_MAX;
    for (size_t k = cnt; k-- > 0;) {
        unsigned char c = (unsigned char)list[k][0];
        unsigned key = c == ' ' && list[k][1] ? 256u + (unsigned char)list[k][1] : c;
        next[k] = head[key];
        head[key] = (short)k;
        len[k] = (unsigned char)strlen(list[k]);
        at[k] = NULL;
    }
    size_t left = cnt;
    for (size_t p = from; p < to && left; p++) {
        unsigned char c = (unsigned char)lc[p];
        unsigned key = c == ' ' && p + 1 < to ? 256u + (unsigned char)lc[p + 1] : c;
        for (short k = head[key]; k >= 0; k = next[k])
            if (!at[k] && p + len[k] <= to && memcmp(lc + p, list[k], len[k]) == 0) {
                at[k] = lc + p;
                left--;
            }
        /* a lone space may also begin a cue keyed by its own byte */
        if (c == ' ' && key != ' ')
            for (short k = head[' ']; k >= 0; k = next[k])
                if (!at[k] && p + len[k] <= to && memcmp(lc + p, list[k], len[k]) == 0) {
                    at[k] = lc + p;
                    left--;
                }
    }
}

size_t investor_read(const scan_sent *st, size_t from, size_t to, event_t *e)
{
    const char *s = st->s, *lc = st->lc;
    size_t added = 0;
    if (to > st->n)
        to = st->n;
    if (from >= to)
        return 0; /* a verb past the clause's end: nothing to read */
    for (size_t k = 0; k < COUNT(lead_cues); k++) {
        size_t m = strlen(lead_cues[k]);
        const char *p = lc + from;
        while (p < lc + to) {
            const char *hit = memmem(p, (size_t)(lc + to - p), lead_cues[k], m);
            if (!hit)
                break;
            size_t i = (size_t)(hit - lc);
            if (k == 2 && i >= 3 && memcmp(lc + i - 3, "co-", 3) == 0) {
                p = hit + m;
                continue;
            }
            /* "a spinout led by founder Jane Doe": a person leading the
             * company, not the round */
            static const char *const person[] = {"founder", "co-founder", "cofounder", "ceo",
                "chief", "former", "his ", "her ", "its ", "their ", "president", "chairman",
                "professor", "researchers", "scientists", "engineers", "a team", "veterans"};
            bool who = false;
            for (size_t q = 0; q < COUNT(person); q++) {
                size_t pl = strlen(person[q]);
                /* whole words: "founder Jane Doe", not "Founders Fund" */
                if (str_starts(lc + i + m, person[q]) &&
                    (person[q][pl - 1] == ' ' || !str_isalpha((unsigned char)lc[i + m + pl])))
                    who = true;
            }
            if (!who && (i == 0 || !str_isalpha((unsigned char)lc[i - 1])) && !led_thing_no_round(lc, from, i) &&
                !opening_participle_of_other(s, lc, from, i, i + m, to))
                added += read_list(s, i + m, to, e, 1);
            p = hit + m;
        }
    }
    /* a person titled by the firm's role: "notes lead investor Mara Quill
     * of Dunmore Capital", "said investor Jo Ang at Pell Ventures": the
     * firm after "of"/"at"/"from" invests, not the person */
    {
        static const char *const titles[] = {"lead investor ", "investor "};
        for (size_t k = 0; k < COUNT(titles); k++) {
            size_t m = strlen(titles[k]);
            for (const char *hit = memmem(lc + from, to - from, titles[k], m); hit;
                 hit = memmem(hit + 1, (size_t)(lc + to - hit - 1), titles[k], m)) {
                size_t i = (size_t)(hit - lc);
                if (i > from && str_isalpha((unsigned char)lc[i - 1]))
                    continue;
                if (k == 1 && i >= 5 && memcmp(lc + i - 5, "lead ", 5) == 0)
                    continue;
                size_t pb, pl = org_name_after(s, to, i + m, &pb);
                if (!pl || pb != i + m)
                    continue;
                static const char *const preps[] = {" of ", " at ", " from "};
                size_t after = 0, q = pb + pl;
                for (size_t o = 0; o < COUNT(preps) && !after; o++) {
                    /* "Mara Quill of Dunmore Capital" read as one name, or the
                     * preposition right after the person */
                    const char *in = memmem(lc + pb, pl, preps[o], strlen(preps[o]));
                    if (in) {
                        q = (size_t)(in - lc);
                        after = q + strlen(preps[o]);
                    } else if (q + strlen(preps[o]) < to && memcmp(lc + q, preps[o], strlen(preps[o])) == 0)
                        after = q + strlen(preps[o]);
                }
                pl = q - pb;
                /* the person: two or three capitalised words */
                int words = 1;
                for (size_t c = pb; c < pb + pl; c++)
                    words += s[c] == ' ';
                size_t fb, fl = after && words >= 2 && words <= 3 ? org_name_after(s, to, after, &fb) : 0;
                if (!fl || fb != after)
                    continue;
                char *firm = org_clean(s + fb, fl);
                if (firm && !place_lookup(firm, strlen(firm))) {
                    size_t before = e->n_investors;
                    investor_add(e, firm, k == 0);
                    added += e->n_investors - before;
                }
                free(firm);
            }
        }
    }
    /* "Sequoia led the round", "X and Y co-led the financing" */
    static const char *const led_verbs[] = {" led the ", " co-led the ", " led a ", " co-led a ",
                                            " led its ", " is leading ", " led this ", " led, ",
                                            " led. ", " co-led, ", " co-led. ", " are leading ",
                                            " spearheaded the ", " spearheaded a ", " headed the ",
                                            " anchored the ", " is co-leading ", " are co-leading ",
                                            " led an ", " spearheads the ", " leads the ",
                                            " co-leads the ", " was the lead investor",
                                            " is the lead investor", " as lead investor",
                                            " is lead arranger", " is the lead arranger",
                                            " was lead arranger", " acted as lead arranger",
                                            " as lead arranger"};
    const char *found[CUES_MAX];
    cues_find(lc, from, to, led_verbs, COUNT(led_verbs), found);
    for (size_t k = 0; k < COUNT(led_verbs); k++) {
        const char *hit = found[k];
        if (!hit)
            continue;
        size_t v = (size_t)(hit - lc);
        /* the names before the verb, back to a clause mark (a company
         * form's period is none: "Orrin Inc. is leading the round") */
        size_t b = v;
        while (b > from && s[b - 1] != ',' && s[b - 1] != ';' &&
               (s[b - 1] != '.' || form_before(s + from, s + b - 1)))
            b--;
        /* "X, the family's vehicle, led the round": the piece before the
         * verb is an appositive, the names are before it */
        if (v == b && b > from + 1 && s[b - 1] == ',') {
            size_t e2 = b - 1, b2 = e2;
            while (b2 > from && s[b2 - 1] != ',' && s[b2 - 1] != ';' && s[b2 - 1] != '.' && s[b2 - 1] != ':')
                b2--;
            if (e2 > b2 && str_islower((unsigned char)s[b2 + (s[b2] == ' ')]) == 0) {
                /* the appositive starts after b2; the names before it */
                size_t e3 = b2 > from ? b2 - 1 : from, b3 = e3;
                while (b3 > from && s[b3 - 1] != ',' && s[b3 - 1] != ';' && s[b3 - 1] != '.' && s[b3 - 1] != ':')
                    b3--;
                size_t got = e3 > b3 && s[e3] == ',' ? read_list(s, b3, e3, e, 1) : 0;
                if (!got)
                    got = read_list(s, b2, e2, e, 1);
                added += got;
            }
            continue;
        }
        if (v > b) {
            /* "Sequoia Capital and a16z co-led the round" */
            size_t got = read_list(s, b, v, e, 1);
            /* "Northwind, the family's investment vehicle, led the round":
             * the name is before the appositive */
            if (!got && b > from + 1 && s[b - 1] == ',') {
                size_t b2 = b - 1;
                while (b2 > from && s[b2 - 1] != ',' && s[b2 - 1] != ';' && s[b2 - 1] != '.' &&
                       s[b2 - 1] != ':')
                    b2--;
                got = read_list(s, b2, b - 1, e, 1);
            }
            added += got;
        }
    }
    cues_find(lc, from, to, other_cues, COUNT(other_cues), found);
    for (size_t k = 0; k < COUNT(other_cues); k++) {
        size_t m = strlen(other_cues[k]);
        const char *hit = found[k];
        if (!hit)
            continue;
        size_t i = (size_t)(hit - lc);
        if (strcmp(other_cues[k], "underwritten by ") == 0)
            continue; /* underwriters are not investors */
        if (strcmp(other_cues[k], "also participated") == 0) {
            size_t b = i;
            while (b > from && s[b - 1] != ',' && s[b - 1] != ';' &&
                   (s[b - 1] != '.' || form_before(s + from, s + b - 1)))
                b--;
            added += read_list(s, b, i, e, 0);
            continue;
        }
        added += read_list(s, i + m, to, e, 0);
    }
    /* "an ASML-led round", "a Sequoia-led Series B" */
    const char *p = s + from;
    while ((p = memmem(p, (size_t)(s + to - p), "-led ", 5)) != NULL) {
        size_t i = (size_t)(p - s);
        static const char *const what[] = {"round", "funding", "financing", "investment", "series",
                                           "seed", "raise", "deal", "capital"};
        bool ok = false;
        for (size_t k = 0; k < COUNT(what); k++)
            if (scan_word(lc, to, i + 5, what[k]) != SCAN_NONE &&
                scan_word(lc, to, i + 5, what[k]) < i + 30)
                ok = true;
        size_t nb, nl = ok ? org_name_before(s, from, i, &nb) : 0;
        if (nl) {
            /* the hyphenated word itself: "ASML-led" */
            char *name = org_clean(s + nb, nl);
            if (name) {
                size_t before = e->n_investors;
                investor_add(e, name, 1);
                added += e->n_investors - before;
            }
            free(name);
        }
        p += 5;
    }
    /* "KT, Korea Development Bank and Mirae Asset joined the round", "Nvidia,
     * Magnetar and Blue Owl Capital also invested", "with ING participating" */
    static const char *const after_cues[] = {" joined the round", " joined the financing",
        " also invested", " also joined", " joined as ", " joining as ", " participating",
        " also took part", " took part", " participated in the round", " also backed",
        " invested in the round", " joined the raise", " entering as ", " coming in as ", " came in as "};
    cues_find(lc, from, to, after_cues, COUNT(after_cues), found);
    for (size_t k = 0; k < COUNT(after_cues); k++) {
        const char *hit = found[k];
        if (!hit)
            continue;
        size_t v = (size_t)(hit - lc);
        /* "the participating investors": an adjective before its noun */
        if (strcmp(after_cues[k], " participating") == 0) {
            size_t q = v + strlen(after_cues[k]);
            while (q < to && lc[q] == ' ')
                q++;
            static const char *const nouns[] = {"investors", "investor", "lenders", "banks", "funds", "firms",
                                                "backers", "parties", "institutions", "companies"};
            bool adj = false;
            for (size_t o = 0; o < COUNT(nouns); o++)
                if (str_starts(lc + q, nouns[o]))
                    adj = true;
            if (adj)
                continue;
        }
        size_t b = v;
        while (b > from && s[b - 1] != ';' && s[b - 1] != '.' &&
               !(s[b - 1] == ',' && b >= from + 6 && 0))
            b--;
        /* "..., with ING participating": start after "with" */
        const char *w = NULL;
        for (const char *q = s + b; q + 6 <= s + v; q++)
            if (memcmp(q, " with ", 6) == 0 || memcmp(q, ", and ", 6) == 0 || memcmp(q, ") and ", 6) == 0)
                w = q + 6; /* ") and ": a conjunct closed by its parenthesis */
        if (w)
            b = (size_t)(w - s);
        else {
            /* back to the clause start: the last comma before a lower-case word */
            size_t c = v;
            while (c > b && !(s[c - 1] == ',' && c < v && s[c] == ' ' && c + 1 < v &&
                              str_islower((unsigned char)s[c + 1])))
                c--;
            if (c > b)
                b = c;
        }
        added += read_list(s, b, v, e, 0);
    }
    /* "of which A, B and C are important investors", "A and B are among
     * the participating investors": names before a copula whose
     * complement is investors */
    /* the same with one name ("Fenmore Bank is a lender", "X is also an
     * investor"); lenders only of a debt round. And the other way round:
     * the role before the copula, the names after it ("Other backers are
     * A, B and C") */
    static const char *const copula[] = {" are ", " were ", " is ", " was "};
    static const char *const role_nouns[] = {"investors", "investor", "backers", "backer", "participants",
        "participant", "contributors", "contributor", "co-investors", "co-investor", "lenders", "lender"};
    bool debt = e->round && strcmp(e->round, "Debt") == 0;
    for (size_t k = 0; k < COUNT(copula); k++) {
        const char *hit = memmem(lc + from, to - from, copula[k], strlen(copula[k]));
        if (!hit)
            continue;
        size_t v = (size_t)(hit - lc), q = v + strlen(copula[k]);
        {
            /* "Other backers are ...": the clause opens with the role noun */
            size_t rb = v;
            while (rb > from && str_isalpha((unsigned char)lc[rb - 1]))
                rb--;
            bool role = false;
            for (size_t o = 0; o + 2 < COUNT(role_nouns) && !role; o += 2)
                role = v - rb == strlen(role_nouns[o]) && memcmp(lc + rb, role_nouns[o], v - rb) == 0;
            size_t ob = rb;
            while (ob > from && lc[ob - 1] == ' ')
                ob--;
            size_t ow = ob;
            while (ow > from && str_isalpha((unsigned char)lc[ow - 1]))
                ow--;
            static const char *const opener[] = {"other", "additional", "new", "existing", "the", "its", "their"};
            bool op = false;
            for (size_t o = 0; o < COUNT(opener) && !op; o++)
                op = ob - ow == strlen(opener[o]) && memcmp(lc + ow, opener[o], ob - ow) == 0;
            size_t start = op ? ow : rb;
            while (start > from && lc[start - 1] == ' ')
                start--;
            bool opens = start == from || s[start - 1] == '.' || s[start - 1] == ';' || s[start - 1] == ':' ||
                         s[start - 1] == '"';
            if (role && opens && (k < 2) && q < to && org_capital(s + q, to - q)) {
                added += read_list(s, q, to, e, 0);
                continue;
            }
        }
        bool inv = false, lead = false;
        for (int w = 0; w < 5 && q < to; w++) {
            size_t we = q;
            while (we < to && (str_isalpha((unsigned char)lc[we]) || lc[we] == '-'))
                we++;
            if (we == q || !str_islower((unsigned char)s[q]))
                break;
            bool role = false;
            for (size_t o = 0; o < COUNT(role_nouns) && !role; o++)
                role = we - q == strlen(role_nouns[o]) && memcmp(lc + q, role_nouns[o], we - q) == 0 &&
                       (o < 10 || debt) && (k < 2 || (o & 1));
            if (role) {
                inv = true;
                break;
            }
            if (we - q == 4 && memcmp(lc + q, "lead", 4) == 0)
                lead = true;
            static const char *const ok[] = {"among", "the", "important", "key", "major", "new", "participating",
                                             "strategic", "lead", "existing", "other", "also", "its", "main", "notable",
                                             "a", "an", "one", "of"};
            bool fine = false;
            for (size_t o = 0; o < COUNT(ok); o++)
                if (we - q == strlen(ok[o]) && memcmp(lc + q, ok[o], we - q) == 0)
                    fine = true;
            if (!fine)
                break;
            q = we + 1;
        }
        if (!inv)
            continue;
        /* back to the clause's start: "of which", "that", a comma */
        /* list commas ("A, B and C") are passed; a comma before a lower-case
         * word other than "and" ends the clause */
        /* a colon inside parentheses ("Nvidia (NASDAQ: NVDA)") ends nothing;
         * a reporting verb does ("the CEO said A and B are ...") */
        size_t b = v;
        int pd = 0;
        static const char *const says[] = {" said ", " says ", " revealed ", " told ", " noted ", " added "};
        while (b > from && s[b - 1] != ';' && !(s[b - 1] == ':' && pd == 0) &&
               !(b >= from + 6 && memcmp(lc + b - 6, " that ", 6) == 0)) {
            if (s[b - 1] == ')')
                pd++;
            else if (s[b - 1] == '(' && pd)
                pd--;
            if (s[b - 1] == ',' && b + 1 < v && s[b] == ' ' && str_islower((unsigned char)s[b + 1]) &&
                !str_starts(lc + b + 1, "and ") && !org_lower_initial(s + b + 1, v - b - 1))
                break;
            bool said = false;
            for (size_t q = 0; q < COUNT(says) && !said; q++) {
                size_t ql = strlen(says[q]);
                said = b >= from + ql && memcmp(lc + b - ql, says[q], ql) == 0 && org_capital(s + b, to - b);
            }
            if (said)
                break;
            b--;
        }
        static const char *const heads[] = {" of which ", "of which "};
        for (size_t h = 0; h < COUNT(heads); h++)
            if (b + strlen(heads[h]) < v && memcmp(lc + b, heads[h], strlen(heads[h])) == 0)
                b += strlen(heads[h]);
        added += read_list(s, b, v, e, lead);
    }
    /* "raised $X from A, B and C" */
    size_t f = from;
    while ((f = scan_word(lc, to, f, "from")) != SCAN_NONE) {
        size_t j = f + 5;
        static const char *const from_heads[] = {"investors ", "existing ", "global ",
            "investment ", "venture ", "private ", "new ", "growth ", "sovereign ", "state-owned ",
            "government ", "the u.s. ", "the european ", "the national ", "lenders ", "backers ",
            "its existing ", "japan's ", "us ", "u.s. "};
        bool ok = j < to && org_capital(s + j, to - j);
        /* "from the Department of Energy", "from startup builder Talino" */
        if (!ok && j + 4 < to && memcmp(lc + j, "the ", 4) == 0 && org_capital(s + j + 4, to - j - 4))
            ok = true;
        if (!ok && j < to) {
            size_t we = j;
            while (we < to && s[we] != ' ')
                we++;
            ok = org_descriptor(s + j, we - j) && str_islower((unsigned char)s[j]);
        }
        for (size_t k = 0; !ok && k < COUNT(from_heads); k++)
            if (j + strlen(from_heads[k]) < to && memcmp(lc + j, from_heads[k], strlen(from_heads[k])) == 0)
                ok = true;
        /* "from an investment fund of China Mobile and Hexe": an indefinite
         * description of lower-case words, its owners after "of" */
        if (!ok && j + 3 < to && (str_starts(lc + j, "a ") || str_starts(lc + j, "an "))) {
            size_t q = j + (lc[j + 1] == ' ' ? 2 : 3);
            for (int w = 0; w < 4 && q < to; w++) {
                size_t we = q;
                while (we < to && (str_islower((unsigned char)s[we]) || s[we] == '-'))
                    we++;
                if (we == q || we >= to || s[we] != ' ')
                    break;
                if (w > 0 && we - q == 2 && memcmp(lc + q, "of", 2) == 0) {
                    if (we + 1 < to && org_capital(s + we + 1, to - we - 1)) {
                        ok = true;
                        j = we + 1;
                    }
                    break;
                }
                q = we + 1;
            }
        }
        if (ok)
            added += read_list(s, j, to, e, 0);
        f = j;
    }
    /* "the latest rounds, which closed on Tuesday, included A, B and C": the
     * round as the subject of "include" past a relative clause */
    static const char *const incl[] = {", included ", ", include ", ", includes "};
    for (size_t k = 0; k < COUNT(incl); k++) {
        const char *hit = memmem(lc + from, to - from, incl[k], strlen(incl[k]));
        if (!hit)
            continue;
        size_t v = (size_t)(hit - lc);
        const char *w = NULL;
        for (const char *q = lc + from; q + 8 <= hit; q++)
            if (memcmp(q, ", which ", 8) == 0)
                w = q;
        if (!w)
            continue;
        size_t e2 = (size_t)(w - lc), b2 = e2;
        while (b2 > from && str_isalpha((unsigned char)lc[b2 - 1]))
            b2--;
        static const char *const rn[] = {"round", "rounds", "funding", "financing", "raise", "investment"};
        bool round = false;
        for (size_t q = 0; q < COUNT(rn) && !round; q++)
            round = e2 - b2 == strlen(rn[q]) && memcmp(lc + b2, rn[q], e2 - b2) == 0;
        if (round)
            added += read_list(s, v + strlen(incl[k]), to, e, 0);
    }
    return added;
}
