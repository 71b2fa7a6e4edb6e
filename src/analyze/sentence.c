/* sentence: splits article text into sentences, surviving abbreviations,
 * decimals and initials. */
#include "analyze/sentence.h"

#include <string.h>

#include "analyze/org.h"
#include "util/str.h"

/* Words that end with a period without ending the sentence (lower case,
 * inner periods kept). */
static const char *const abbrevs[] = {
    "a.m", "al", "approx", "apr", "aug", "ave", "blvd", "bros", "ca", "cf", "co", "col",
    "corp", "cos", "dec", "dept", "dr", "e.g", "e.u", "est", "etc", "feb", "fig", "gen",
    "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "mar", "mr", "mrs", "ms",
    "mt", "no", "nos", "nov", "oct", "p.m", "plc", "prof", "rep", "sen", "sep", "sept",
    "sr", "st", "u.k", "u.n", "u.s", "u.s.a", "univ", "vs", "llc", "s.a", "n.v", "b.v",
    "corp", "co", "pte", "bhd", "pty", "ag", "gmbh", "pvt", "intl", "mfg", "assn", "ltda", "cia",
};

/* Abbreviations that can still end a sentence when a usual sentence opener
 * follows ("... from Acme Inc. The round ..."). */
static const char *const soft_abbrevs[] = {
    "inc", "corp", "ltd", "co", "u.s", "u.k", "llc", "plc", "etc", "a.m", "p.m", "jr",
    "s.a", "n.v", "ag", "gmbh", "u.n", "e.u",
};

static const char *const openers[] = {
    "The", "It", "Its", "This", "That", "These", "Those", "He", "She", "They", "We",
    "In", "On", "At", "A", "An", "According", "But", "And", "However", "Meanwhile",
    "Shares", "Last", "Earlier", "Investors", "Founded", "Since", "With", "As", "Our", "I",
};

static int in_list(const char *w, size_t n, const char *const *list, size_t cnt)
{
    for (size_t i = 0; i < cnt; i++)
        if (strlen(list[i]) == n && str_ncasecmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

static int is_opener(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof openers / sizeof *openers; i++)
        if (strlen(openers[i]) == n && memcmp(openers[i], w, n) == 0)
            return 1;
    return 0;
}

/* Length of a closing quote or bracket at p (ASCII or a UTF-8 curly quote), or 0. */
static size_t closer_len(const char *p, size_t left)
{
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\'' || c == ')' || c == ']')
        return 1;
    if (left >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x9D || (unsigned char)p[2] == 0x99))
        return 3;
    return 0;
}

/* 1 when the period at s[i] after the word s[b..i) is an abbreviation's
 * inside a name ("Infra. Market" style) whose next word starts at s[j]: a
 * short capitalised word before it, a capitalised word that is no usual
 * opener after it, and no sentence after that: the rest of the line has no
 * stop (a headline's or a list's line), or the name is listed ("and X.
 * Y") and goes on with a bracketed description and a comma ("and Fab. Hub
 * (chip packaging), which ..."). */
static int name_goes_on(const char *s, size_t n, size_t b, size_t i, size_t j)
{
    size_t wl = i - b;
    if (wl < 2 || wl > 6 || !str_isupper((unsigned char)s[b]) || j >= n ||
        !str_isupper((unsigned char)s[j]))
        return 0;
    for (size_t q = b + 1; q < i; q++)
        if (!str_islower((unsigned char)s[q]))
            return 0;
    size_t e = j + 1;
    while (e < n && str_isalpha((unsigned char)s[e]))
        e++;
    if (e - j < 2 || is_opener(s + j, e - j) || (e < n && s[e] == '.'))
        return 0;
    /* the rest of the line: no stop before its end */
    size_t le = e;
    while (le < n && s[le] != '\n' && s[le] != '.' && s[le] != '!' && s[le] != '?')
        le++;
    if (le >= n || s[le] == '\n')
        return 1;
    /* a listed name: "and X." or ", X." before, "Y (lower case ...)," after */
    size_t p = b;
    while (p > 0 && s[p - 1] == ' ')
        p--;
    bool listed = (p > 0 && s[p - 1] == ',') ||
                  (p >= 4 && memcmp(s + p - 4, " and", 4) == 0);
    if (!listed || e + 2 >= n || s[e] != ' ' || s[e + 1] != '(' || !str_islower((unsigned char)s[e + 2]))
        return 0;
    size_t c = e + 2;
    while (c < n && c - e < 80 && s[c] != ')' && s[c] != '(' && s[c] != '\n')
        c++;
    return c + 1 < n && s[c] == ')' && s[c + 1] == ',';
}

/* 1 when the period at s[i] ends a sentence whose next word starts at s[j]. */
static int period_ends(const char *s, size_t n, size_t i, size_t j, size_t lo)
{
    /* the word before the period, back to a space */
    size_t b = i;
    while (b > lo && !str_isspace((unsigned char)s[b - 1]) && s[b - 1] != '(' && s[b - 1] != '"')
        b--;
    size_t wl = i - b;
    if (wl == 0)
        return 1;
    if (wl == 1 && str_isupper((unsigned char)s[b]))
        return 0; /* an initial: "J. Smith" */
    if (!in_list(s + b, wl, abbrevs, sizeof abbrevs / sizeof *abbrevs))
        return !name_goes_on(s, n, b, i, j);
    if (!in_list(s + b, wl, soft_abbrevs, sizeof soft_abbrevs / sizeof *soft_abbrevs))
        return 0;
    size_t e = j;
    while (e < n && str_isalpha((unsigned char)s[e]))
        e++;
    if (!is_opener(s + j, e - j))
        return 0;
    /* a Title Case rest of the line with no period, a headline's: "Acme
     * Inc. Shares Continue To Slide" is one line, one sentence */
    size_t le = j, words = 0, caps = 0;
    while (le < n && s[le] != '\n' && s[le] != '.' && s[le] != '!' && s[le] != '?')
        le++;
    if (le < n && s[le] != '\n')
        return 1;
    for (size_t q = j; q < le;) {
        while (q < le && s[q] == ' ')
            q++;
        if (q >= le)
            break;
        words++;
        caps += str_isupper((unsigned char)s[q]) || str_isdigit((unsigned char)s[q]);
        while (q < le && s[q] != ' ')
            q++;
    }
    return !(words >= 2 && caps == words);
}

static int is_bullet(const char *p, size_t left)
{
    unsigned char c = (unsigned char)*p;
    if (c == '*' || c == '-' || c == '>')
        return 1;
    if (left >= 3 && c == 0xE2 && ((unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0xA2))
        return 3; /* bullet */
    if (left >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x94 || (unsigned char)p[2] == 0x93))
        return 3; /* an em or en dash opening a line: a list item */
    if (left >= 3 && c == 0xE2 && (unsigned char)p[1] == 0x96 && ((unsigned char)p[2] == 0xAA || (unsigned char)p[2] == 0xA0))
        return 3;
    if (left >= 2 && c == 0xC2 && (unsigned char)p[1] == 0xB7)
        return 2;
    return 0;
}

/* The period at s[i] joins two paragraphs a page ran together with no
 * space: "... Wire reports.The deal ...": a plain lower-case word before
 * it (three letters at least, no dot or slash of an address), a
 * capitalised word of three letters or more after it ("The", "X-energy")
 * that is no domain's ending ("Example.Com"), then a space. */
static int joined_at(const char *s, size_t n, size_t lo, size_t i, size_t w)
{
    /* the cheap tests first: most periods inside words are decimals */
    if (w >= n || i < lo + 3 || !str_islower((unsigned char)s[i - 1]))
        return 0;
    bool lower_name = !str_isupper((unsigned char)s[w]) && org_lower_initial(s + w, n - w); /* ".eVora said" */
    if (!str_isupper((unsigned char)s[w]) && !lower_name)
        return 0;
    size_t b = i;
    while (b > lo && !str_isspace((unsigned char)s[b - 1]))
        b--;
    if (i - b < 3)
        return 0;
    for (size_t q = b; q < i; q++)
        if (s[q] == '.' || s[q] == '/' || s[q] == '@' || s[q] == ':')
            return 0;
    for (size_t q = i - 3; q < i; q++)
        if (!str_islower((unsigned char)s[q]))
            return 0;
    /* w: the next word, past a closing quote ("...board.\"The ...");
     * a name's figures are its letters ("Qubit9") */
    size_t e = w;
    e++;
    bool lower = false;
    while (e < n && (str_isalnum((unsigned char)s[e]) || s[e] == '-'))
        lower |= str_islower((unsigned char)s[e++]);
    if (!lower || e - w < 3 || e >= n || s[e] != ' ')
        return 0;
    static const char *const tld[] = {"Com", "Net", "Org", "Gov", "Edu", "Info", "Biz"};
    return !in_list(s + w, e - w, tld, sizeof tld / sizeof *tld);
}

int sentence_next(const char *s, size_t n, size_t *pos, size_t *start, size_t *len)
{
    size_t i = *pos;
    for (;;) {
        while (i < n && (str_isspace((unsigned char)s[i]) || (unsigned char)s[i] < 0x20))
            i++;
        size_t k;
        if (i < n && (k = (size_t)is_bullet(s + i, n - i)) != 0 && i + k < n &&
            (s[i + k] == ' ' || (unsigned char)s[i] >= 0x80)) {
            i += k;
            continue;
        }
        /* a numbered list item at a line's start: "1. ", "12) " */
        if (i < n && str_isdigit((unsigned char)s[i]) && (i == 0 || s[i - 1] == '\n' || s[i - 1] == ' ')) {
            size_t j = i;
            while (j < n && j - i < 3 && str_isdigit((unsigned char)s[j]))
                j++;
            bool line = i == 0 || s[i - 1] == '\n';
            for (size_t q = i; q > 0 && !line && (s[q - 1] == ' ' || s[q - 1] == '\t'); q--)
                line = q - 1 == 0 || s[q - 2] == '\n';
            if (line && j < n && (s[j] == '.' || s[j] == ')') && j + 1 < n && s[j + 1] == ' ' &&
                j + 2 < n && !str_isdigit((unsigned char)s[j + 2])) {
                i = j + 1;
                continue;
            }
        }
        break;
    }
    if (i >= n) {
        *pos = n;
        return 0;
    }
    size_t b = i, end = n, next = n;
    size_t line_start = b;
    for (size_t j = i; j < n; j++) {
        unsigned char c = (unsigned char)s[j];
        if (j - b >= SENTENCE_MAX) {
            size_t cut = j;
            while (cut > b + SENTENCE_MAX / 2 && s[cut - 1] != ' ')
                cut--;
            if (cut == b + SENTENCE_MAX / 2)
                cut = j;
            while (cut > b && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--; /* never cut inside a UTF-8 sequence */
            if (cut == b)
                cut = j;
            end = next = cut;
            break;
        }
        if (c == '\n') {
            /* a blank line, a short line or a line ending in punctuation ends
             * the sentence; a long wrapped line followed by lower case goes on */
            size_t k = j + 1;
            while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
                k++;
            size_t ll = j - line_start;
            size_t t = j;
            while (t > line_start && str_isspace((unsigned char)s[t - 1]))
                t--;
            char last = t > line_start ? s[t - 1] : '.';
            if (k < n && s[k] != '\n' && ll >= 60 && str_islower((unsigned char)s[k]) &&
                last != '.' && last != ':' && last != '!' && last != '?') {
                line_start = j + 1;
                continue;
            }
            end = j;
            next = j + 1;
            break;
        }
        if (c != '.' && c != '!' && c != '?')
            continue;
        size_t k = j + 1;
        while (k < n && (s[k] == '.' || s[k] == '!' || s[k] == '?'))
            k++;
        size_t q;
        while (k < n && (q = closer_len(s + k, n - k)) != 0)
            k += q;
        /* reference marks after the period: "... $3 billion.[1][2] The ..." */
        for (;;) {
            size_t r = k;
            if (r < n && s[r] == '[') {
                r++;
                while (r < n && r - k <= 3 && str_isdigit((unsigned char)s[r]))
                    r++;
            }
            if (r > k + 1 && r < n && s[r] == ']' && str_isdigit((unsigned char)s[r - 1]))
                k = r + 1;
            else
                break;
        }
        if (k < n && !str_isspace((unsigned char)s[k]) && !(c == '.' && joined_at(s, n, b, j, k)))
            continue; /* "1.03", "U.S.", "x.ai" */
        size_t w = k;
        while (w < n && (s[w] == ' ' || s[w] == '\t'))
            w++;
        if (w < n && s[w] != '\n') {
            unsigned char d = (unsigned char)s[w];
            if (str_islower(d) && !org_lower_initial(s + w, n - w))
                continue;
            if (c == '.' && k == j + 1 && !period_ends(s, n, j, w, b))
                continue;
        }
        end = k;
        next = k;
        break;
    }
    while (end > b && str_isspace((unsigned char)s[end - 1]))
        end--;
    *start = b;
    *len = end - b;
    *pos = next > b ? next : b + 1;
    return 1;
}
