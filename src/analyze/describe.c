/* describe: who an event's company is and what its money is for, read
 * from the article's own words. */
#include "describe.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

/* ---- small text helpers ---- */

static bool word_char(unsigned char c)
{
    return str_isalnum(c) || c >= 0x80;
}

static bool in_set(const char *w, size_t n, const char *const *v, size_t cnt)
{
    for (size_t i = 0; i < cnt; i++)
        if (strlen(v[i]) == n && str_ncasecmp(v[i], w, n) == 0)
            return true;
    return false;
}

/* A copy of s[b, e) with spaces squeezed and trailing punctuation
 * dropped. */
static char *clip(const char *s, size_t b, size_t e)
{
    while (b < e && s[b] == ' ')
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '.' || s[e - 1] == ',' || s[e - 1] == ';' ||
                     s[e - 1] == ':'))
        e--;
    return e > b ? scan_copy(s + b, e - b) : NULL;
}

/* Where the clause that starts at b ends: a comma, semicolon, colon or
 * dash that closes it, or the end of the sentence. */
static size_t clause_stop(const char *s, size_t n, size_t b, bool commas)
{
    for (size_t i = b; i < n; i++) {
        if (s[i] == ';' || (s[i] == ':' && i + 1 < n && s[i + 1] == ' '))
            return i;
        if (s[i] == ' ' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == ' ')
            return i;
        if (commas && s[i] == ',' && i + 1 < n && s[i + 1] == ' ')
            return i;
        if (s[i] == '(') { /* "(GPU)" inside a phrase; a longer aside ends it */
            const char *close = memchr(s + i, ')', n - i);
            if (!close || close - (s + i) > 40)
                return i;
            i = (size_t)(close - s);
        }
    }
    return n;
}

/* Cuts a long phrase at its last comma before max bytes; NULL when what is
 * left is too short to say anything. */
static char *bounded(char *t, size_t max)
{
    if (!t)
        return NULL;
    size_t n = strlen(t);
    if (n > max) {
        size_t cut = 0;
        for (size_t i = 0; i + 1 < max; i++)
            if (t[i] == ',' && t[i + 1] == ' ')
                cut = i;
        if (cut < 12) {
            free(t);
            return NULL;
        }
        t[cut] = '\0';
        n = cut;
    }
    if (n < 6) {
        free(t);
        return NULL;
    }
    return t;
}

static const char *const money_marks[] = {"$", "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa5", "\xe2\x82\xb9"};

static bool has_money_mark(const char *t)
{
    for (size_t i = 0; i < COUNT(money_marks); i++)
        if (strstr(t, money_marks[i]))
            return true;
    return false;
}

/* Words that say the phrase reports speech or news rather than who the
 * company is. */
static bool reporting(const char *t)
{
    static const char *const v[] = {" said", " says", " told", " according", " announced",
                                    " reported", " declined", " confirmed", " added"};
    for (size_t i = 0; i < COUNT(v); i++)
        if (str_icasestr(t, strlen(t), v[i]))
            return true;
    return false;
}

/* ---- descriptors ---- */

/* Nouns that head a descriptor before a name: "chip start-up Hailo". */
static const char *const head_nouns[] = {
    "startup", "start-up", "company", "firm", "maker", "chipmaker", "designer", "developer",
    "provider", "specialist", "operator", "manufacturer", "supplier", "builder", "lab", "unicorn",
    "outfit", "platform", "vendor", "scale-up", "scaleup", "spinout", "spin-off", "neocloud",
    "giant", "pioneer", "creator", "group", "laboratory", "subsidiary", "unit", "business",
};

/* Words a descriptor before a name does not reach past. */
static const char *const stop_back[] = {
    "the", "a", "an", "by", "for", "of", "to", "in", "on", "at", "from", "with", "and", "or",
    "that", "as", "said", "says", "its", "their", "his", "her", "our", "this", "these", "deal",
    "buy", "buys", "acquire", "acquires", "acquired", "acquiring", "bought", "agrees", "agreed",
    "snaps", "up", "backs", "backed", "invests", "invested", "led", "about", "over", "after",
    "before", "than", "like", "such", "including", "while", "into", "is", "was", "are", "were",
    "has", "have", "had", "will", "would", "be", "been", "it", "which", "who", "when", "where",
    "raises", "raised", "secures", "secured", "lands", "landed", "closes", "closed", "picks",
    "completes", "completed", "takes", "took", "purchase", "acquisition", "merger", "between",
    "other", "others", "also", "both", "several", "many", "more", "most", "some", "include",
    "includes", "included", "like", "namely", "two", "three", "four", "five", "investments",
};

/* Verbs that open a sentence that says what a company does: "Acme builds
 * ...". */
static const char *const does_verbs[] = {
    "builds", "makes", "develops", "designs", "operates", "provides", "sells", "offers", "runs",
    "rents", "trains", "creates", "produces", "supplies", "manufactures", "specialises",
    "specializes", "focuses", "helps", "delivers", "powers", "owns",
};

typedef struct best {
    int score;
    char *text;
} best;

static void offer(best *b, int score, char *text)
{
    if (!text)
        return;
    if (score > b->score) {
        free(b->text);
        b->text = text;
        b->score = score;
    } else {
        free(text);
    }
}

/* Whether the lower-case words of t include one that describes a company
 * ("maker", "startup", "operator"). */
static bool has_descriptor_noun(const char *t)
{
    size_t i = 0, n = strlen(t);
    while (i < n) {
        while (i < n && !word_char((unsigned char)t[i]))
            i++;
        size_t b = i;
        while (i < n && (word_char((unsigned char)t[i]) || t[i] == '-'))
            i++;
        if (i > b && str_islower((unsigned char)t[b]) &&
            (org_descriptor(t + b, i - b) || in_set(t + b, i - b, head_nouns, COUNT(head_nouns))))
            return true;
    }
    return false;
}

static size_t count_words(const char *t)
{
    size_t w = 0;
    for (const char *p = t; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        w++;
        while (*p && *p != ' ')
            p++;
    }
    return w;
}

/* "a" or "an" before a phrase. */
static const char *article_for(const char *w)
{
    size_t n = 0;
    while (w[n] && w[n] != ' ' && w[n] != '-')
        n++;
    bool caps = n >= 2;
    for (size_t i = 0; i < n && caps; i++)
        caps = str_isupper((unsigned char)w[i]) || str_isdigit((unsigned char)w[i]);
    if (caps) /* an acronym read letter by letter: "an FPGA maker", "a UK firm" */
        return strchr("AEFHILMNORSX", w[0]) ? "an" : "a";
    return strchr("aeioAEIO", w[0]) ? "an" : "a";
}

/* The appositive after the name: "Acme, a Dresden-based maker of ...,". */
static void after_name(best *b, const scan_sent *st, size_t p)
{
    const char *s = st->s;
    size_t n = st->n;
    if (p + 2 >= n || s[p] != ',' || s[p + 1] != ' ')
        return;
    size_t a = p + 2, e = clause_stop(s, n, a, true);
    char *t = clip(s, a, e);
    if (!t)
        return;
    if (strlen(t) > 220 || strlen(t) < 6 || has_money_mark(t) || reporting(t)) {
        free(t);
        return;
    }
    const char *lc = st->lc + a;
    int score = 0;
    if (str_starts(lc, "a ") || str_starts(lc, "an ") || str_starts(lc, "the ")) {
        if (count_words(t) >= 3 && has_descriptor_noun(t))
            score = 10;
    } else if (str_starts(lc, "one of ")) {
        score = 8;
    } else if (str_starts(lc, "which is based") || str_starts(lc, "which is headquartered")) {
        score = 2;
    } else if (str_starts(lc, "which ")) {
        size_t w = 6, we = w;
        while (a + we < n && str_isalpha((unsigned char)s[a + we]))
            we++;
        if (we > w + 2 && (lc[we - 1] == 's' || in_set(lc + w, we - w, (const char *const[]){"is", "has", "was"}, 3)) &&
            !in_set(lc + w, we - w, (const char *const[]){"its", "this", "thus"}, 3))
            score = 6;
    } else if (str_starts(lc, "specialising in ") || str_starts(lc, "specializing in ") ||
               str_starts(lc, "known for ") || str_starts(lc, "best known for ") ||
               str_starts(lc, "founded by ") || str_starts(lc, "founded in ") ||
               str_starts(lc, "whose ")) {
        score = 6;
    }
    if (score)
        offer(b, score - (st->title ? 1 : 0), t);
    else
        free(t);
}

/* "Acme is a maker of ..." and "Acme builds ...", the name opening the
 * sentence. */
static void name_opens(best *b, const scan_sent *st, size_t p)
{
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n;
    if (st->index == 0 || p + 1 >= n || s[p] != ' ')
        return;
    size_t a = p + 1;
    if (str_starts(lc + a, "is a ") || str_starts(lc + a, "is an ")) {
        size_t from = a + 3;
        char *t = clip(s, from, clause_stop(s, n, from, true));
        if (t && !has_money_mark(t) && !reporting(t) && count_words(t) >= 3 && has_descriptor_noun(t))
            offer(b, 8, bounded(t, 200));
        else
            free(t);
        return;
    }
    size_t we = a;
    while (we < n && str_isalpha((unsigned char)s[we]))
        we++;
    if (!in_set(s + a, we - a, does_verbs, COUNT(does_verbs)))
        return;
    char *t = clip(s, a, clause_stop(s, n, a, true));
    if (!t || has_money_mark(t) || reporting(t) || count_words(t) < 3) {
        free(t);
        return;
    }
    t = bounded(t, 200);
    if (!t)
        return;
    size_t tl = strlen(t);
    char *w = xmalloc(tl + 7);
    memcpy(w, "which ", 6);
    memcpy(w + 6, t, tl + 1);
    free(t);
    offer(b, 6, w);
}

/* The words before the name: "UK AI data centre firm Nscale",
 * "Paris-based AMI Labs". */
static void before_name(best *b, const scan_sent *st, size_t p)
{
    const char *s = st->s;
    if (p < 2 || s[p - 1] != ' ' || st->title)
        return;
    size_t wb[7], we[7], nw = 0, i = p - 1;
    bool owner = false; /* the phrase opens with its owner: "Adani Group's flagship firm" */
    while (nw < 7 && i > 0 && !owner) {
        size_t e = i;
        while (i > 0 && s[i - 1] != ' ')
            i--;
        size_t bb = i;
        if (e == bb)
            break;
        const char *w = s + bb;
        size_t wl = e - bb;
        bool ok = true;
        if (nw > 0 && wl > 3 && str_isupper((unsigned char)w[0]) && w[wl - 2] == '\'' && w[wl - 1] == 's') {
            /* an owner's possessive: it and the capitalised words of its
             * name before it open the phrase */
            owner = true;
            wb[nw] = bb;
            we[nw] = e;
            nw++;
            while (nw < 7 && i > 1) {
                size_t e2 = i - 1, b2 = e2;
                while (b2 > 0 && s[b2 - 1] != ' ')
                    b2--;
                if (e2 == b2 || !str_isupper((unsigned char)s[b2]) || !org_name_word(s + b2, e2 - b2))
                    break;
                wb[nw] = b2;
                we[nw] = e2;
                nw++;
                i = b2;
            }
            break;
        }
        for (size_t k = 0; k < wl && ok; k++)
            ok = str_isalnum((unsigned char)w[k]) || w[k] == '-' || (unsigned char)w[k] >= 0x80;
        if (!ok || in_set(w, wl, stop_back, COUNT(stop_back)))
            break;
        /* "... encompassed automotive company X": a verb before the
         * descriptor ends it (the first word of a sentence may be an
         * adjective: "Embodied AI start-up X") */
        if (bb > 0 && nw > 0 && wl > 3 && str_islower((unsigned char)w[0]) && w[wl - 2] == 'e' && w[wl - 1] == 'd' &&
            !memchr(w, '-', wl))
            break;
        wb[nw] = bb;
        we[nw] = e;
        nw++;
        if (i == 0)
            break;
        i--; /* the space */
    }
    if (!nw)
        return;
    /* "Hefei-based Hanxin": where it is based */
    const char *w0 = s + wb[0];
    size_t l0 = we[0] - wb[0];
    if (l0 > 6 && memcmp(w0 + l0 - 6, "-based", 6) == 0) {
        if (str_isupper((unsigned char)w0[0])) {
            char *t = xmalloc(l0 + 4);
            memcpy(t, "based in ", 9);
            memcpy(t + 9, w0, l0 - 6);
            t[9 + l0 - 6] = '\0';
            offer(b, 2, t);
        }
        return;
    }
    if (!in_set(w0, l0, head_nouns, COUNT(head_nouns)) || !str_islower((unsigned char)w0[0]))
        return;
    if (nw < 2)
        return; /* "startup Acme": nothing said */
    size_t from = wb[nw - 1];
    /* a descriptor that starts the sentence: its first word is capitalised
     * for the sentence, not as a name ("Embodied AI start-up Seeds") */
    char *phrase = scan_copy(s + from, p - 1 - from);
    if (owner) { /* no article before a possessive */
        offer(b, st->index == 0 ? 7 : 8, phrase);
        return;
    }
    if (from == 0 && str_isupper((unsigned char)phrase[0]) && phrase[1] && str_islower((unsigned char)phrase[1])) {
        size_t fl = 0;
        while (phrase[fl] && phrase[fl] != ' ')
            fl++;
        /* "Norwegian", "Dutch", "Israeli", "Chinese", "British" stay */
        static const char *const demonym[] = {"an", "sh", "se", "ch", "i"};
        bool keep = subject_country(phrase, 0, fl) != NULL || place_lookup(phrase, fl) != NULL;
        for (size_t k = 0; k < COUNT(demonym) && !keep; k++) {
            size_t dl = strlen(demonym[k]);
            keep = fl > dl && memcmp(phrase + fl - dl, demonym[k], dl) == 0;
        }
        if (!keep)
            phrase[0] = (char)str_tolower((unsigned char)phrase[0]);
    }
    const char *art = article_for(phrase);
    size_t pl = strlen(phrase), al = strlen(art);
    char *t = xmalloc(al + pl + 2);
    memcpy(t, art, al);
    t[al] = ' ';
    memcpy(t + al + 1, phrase, pl + 1);
    free(phrase);
    offer(b, st->index == 0 ? 7 : 8, t);
}

/* The end of the name at p (its corporate suffix and a ticker in
 * brackets skipped). */
static size_t name_end(const char *s, size_t n, size_t p)
{
    static const char *const sufx[] = {" Inc.", " Inc", " Ltd.", " Ltd", " Corp.", " Corp", " LLC",
                                       " plc", " PLC", " AG", " SA", " GmbH", " Co."};
    for (size_t i = 0; i < COUNT(sufx); i++) {
        size_t l = strlen(sufx[i]);
        if (p + l <= n && memcmp(s + p, sufx[i], l) == 0 && (p + l == n || !word_char((unsigned char)s[p + l]))) {
            p += l;
            break;
        }
    }
    if (p + 2 < n && s[p] == ' ' && s[p + 1] == '(') {
        const char *close = memchr(s + p, ')', n - p);
        if (close && close - (s + p) < 30)
            p = (size_t)(close - s) + 1;
    }
    return p;
}

static void look(best *b, const scan_sent *st, const char *name, size_t nl)
{
    const char *s = st->s;
    size_t n = st->n;
    for (size_t from = 0; from + nl <= n;) {
        const char *hit = memmem(s + from, n - from, name, nl);
        if (!hit)
            break;
        size_t p = (size_t)(hit - s);
        from = p + 1;
        if ((p > 0 && word_char((unsigned char)s[p - 1])) ||
            (p + nl < n && word_char((unsigned char)s[p + nl])))
            continue;
        size_t e = name_end(s, n, p + nl);
        after_name(b, st, e);
        if (p == 0 || (p >= 6 && str_starts(st->lc + p - 6, "about ") && p == 6))
            name_opens(b, st, e);
        before_name(b, st, p);
    }
}

char *describe_org(const scan_sent *sents, size_t n, const char *name)
{
    if (!name || !*name)
        return NULL;
    best b = {0, NULL};
    size_t nl = strlen(name);
    /* the name's first word alone, as later sentences shorten it
     * ("Hanxin" for "Hanxin Microelectronics") */
    size_t fw = 0;
    while (fw < nl && name[fw] != ' ')
        fw++;
    bool short_ok = fw < nl && fw >= 4 && str_isupper((unsigned char)name[0]);
    for (size_t i = 0; i < n; i++) {
        look(&b, &sents[i], name, nl);
        if (short_ok)
            look(&b, &sents[i], name, fw);
    }
    return b.text;
}

/* ---- purposes ---- */

/* Verbs a purpose opens with after "to": "to expand ...". */
static const char *const purpose_verbs[] = {
    "expand", "build", "scale", "develop", "accelerate", "grow", "fund", "hire", "support",
    "bring", "deploy", "launch", "boost", "increase", "extend", "strengthen", "enter", "train",
    "double", "triple", "broaden", "push", "speed", "commercialize", "commercialise", "advance",
    "create", "invest", "finance", "meet", "add", "open", "pursue", "help", "power", "ramp",
    "fuel", "move", "enhance", "further", "improve", "establish", "bolster", "deepen",
    "construct", "manufacture", "produce", "roll", "pay", "buy", "acquire", "develop",
    "design", "tape", "bring", "take", "put", "step", "serve", "make", "reach", "set",
    "research", "secure", "upgrade", "modernise", "modernize", "start", "begin", "fast-track",
};

static const char *const money_nouns[] = {
    "capital", "funds", "funding", "money", "proceeds", "cash", "investment", "round",
    "financing", "raise", "injection",
};

/* The purpose phrase starting at s[a]: up to where the clause ends. */
static char *purpose_text(const scan_sent *st, size_t a, const char *lead, bool for_form)
{
    const char *s = st->s, *lc = st->lc;
    size_t n = st->n, e = n;
    static const char *const ends[] = {", as ", ", while ", ", which ", ", according", ", said",
                                       ", the company", ", because", " because ", ", but ",
                                       ", it said", ", he said", ", she said", ", a person",
                                       ", people ", ", sources ", ", reports ", ", reported ",
                                       ", report "};
    for (size_t i = 0; i < COUNT(ends); i++) {
        const char *x = strstr(lc + a, ends[i]);
        if (x && (size_t)(x - lc) < e)
            e = (size_t)(x - lc);
    }
    size_t c = clause_stop(s, n, a, false);
    if (c < e)
        e = c;
    char *t = clip(s, a, e);
    if (!t)
        return NULL;
    if (reporting(t)) {
        free(t);
        return NULL;
    }
    if (for_form) {
        /* "go to research and to securing capacity": "for research and securing capacity" */
        char *x;
        while ((x = strstr(t, " and to ")))
            memmove(x + 4, x + 7, strlen(x + 7) + 1);
    }
    t = bounded(t, 220);
    if (!t)
        return NULL;
    size_t ll = strlen(lead), tl = strlen(t);
    char *w = xmalloc(ll + tl + 1);
    memcpy(w, lead, ll);
    memcpy(w + ll, t, tl + 1);
    free(t);
    return w;
}

/* "mostly " when the sentence says most of the money goes there,
 * "partly " when some of it does, "" otherwise. */
static const char *share_of(const char *lc, size_t upto)
{
    static const char *const most[] = {"most of", "the bulk of", "majority of", "much of",
                                       "large share of", "large part of", "lion's share"};
    static const char *const part[] = {"part of", "some of", "portion of", "a share of"};
    for (size_t i = 0; i < COUNT(most); i++) {
        const char *x = strstr(lc, most[i]);
        if (x && (size_t)(x - lc) < upto)
            return "mostly ";
    }
    for (size_t i = 0; i < COUNT(part); i++) {
        const char *x = strstr(lc, part[i]);
        if (x && (size_t)(x - lc) < upto)
            return "partly ";
    }
    return "";
}

/* 1 when the word at lc[p] is one of the purpose verbs. */
static bool purpose_verb_at(const char *lc, size_t n, size_t p)
{
    size_t e = p;
    while (e < n && (str_isalpha((unsigned char)lc[e]) || lc[e] == '-'))
        e++;
    return e > p && in_set(lc + p, e - p, purpose_verbs, COUNT(purpose_verbs));
}

static bool money_noun_before(const char *lc, size_t upto)
{
    for (size_t i = 0; i < COUNT(money_nouns); i++) {
        size_t p = scan_word(lc, upto, 0, money_nouns[i]);
        if (p != SCAN_NONE)
            return true;
    }
    return false;
}

/* What the money is for, in one sentence: own is the event's own sentence
 * (where "to expand" after the amount is enough). */
static char *purpose_in(const scan_sent *st, bool own)
{
    const char *lc = st->lc;
    size_t n = st->n;
    if (st->title)
        return NULL;
    /* "will use the new capital to expand", "will be used to expand",
     * "which it will use to move" */
    static const char *const use_cues[] = {" use ", " used ", " using "};
    for (size_t u = 0; u < COUNT(use_cues); u++) {
        for (const char *x = strstr(lc, use_cues[u]); x; x = strstr(x + 1, use_cues[u])) {
            size_t p = (size_t)(x - lc) + strlen(use_cues[u]);
            const char *to = strstr(lc + p, "to ");
            if (!to || (size_t)(to - lc) > p + 40 || (to > lc && word_char((unsigned char)to[-1])))
                continue;
            size_t v = (size_t)(to - lc) + 3;
            if (!purpose_verb_at(lc, n, v))
                continue;
            if (!own && !money_noun_before(lc, v) && !strstr(lc, "which it will use"))
                continue;
            return purpose_text(st, v, "to ", false);
        }
    }
    /* "the money will go to compute", "the round will fund more GPUs",
     * "the capital would pay for construction" */
    static const struct { const char *cue, *lead; bool for_form; } goes[] = {
        {" will go to ", "for ", true}, {" would go to ", "for ", true}, {" goes to ", "for ", true},
        {" go to ", "for ", true}, {" will go toward ", "for ", true}, {" will go towards ", "for ", true},
        {" would go towards ", "for ", true}, {" would go toward ", "for ", true},
        {" will be spent on ", "for ", true}, {" would be spent on ", "for ", true},
        {" will be put toward ", "for ", true}, {" will be put towards ", "for ", true},
        {" will be directed to ", "for ", true}, {" will be directed towards ", "for ", true},
        {" will fund ", "to fund ", false}, {" would fund ", "to fund ", false},
        {" will finance ", "to finance ", false}, {" would finance ", "to finance ", false},
        {" will pay for ", "to pay for ", false}, {" would pay for ", "to pay for ", false},
        {" will help fund ", "to fund ", false}, {" would help fund ", "to fund ", false},
    };
    for (size_t g = 0; g < COUNT(goes); g++) {
        const char *x = strstr(lc, goes[g].cue);
        if (!x)
            continue;
        size_t p = (size_t)(x - lc);
        if (!money_noun_before(lc, p))
            continue;
        size_t a = p + strlen(goes[g].cue);
        char lead[32];
        snprintf(lead, sizeof lead, "%s%s", share_of(lc, p), goes[g].lead);
        char *t = purpose_text(st, a, lead, goes[g].for_form);
        if (t)
            return t;
    }
    /* "aimed at ...", "in a bid to ..." */
    const char *x = strstr(lc, " aimed at ");
    if (x && (own || money_noun_before(lc, (size_t)(x - lc))))
        return purpose_text(st, (size_t)(x - lc) + 10, "aimed at ", false);
    if (!own)
        return NULL;
    /* the event's sentence: "raised $40 million to build inference chips" */
    size_t after = st->n_money ? st->money[0].end : 0;
    for (size_t p = scan_word(lc, n, after, "to"); p != SCAN_NONE; p = scan_word(lc, n, p + 2, "to")) {
        if (p + 3 >= n || !purpose_verb_at(lc, n, p + 3))
            continue;
        /* "agreed to buy", "expected to close": the news, not the money's use */
        static const char *const not_before[] = {"agreed", "agrees", "expected", "set", "due",
                                                 "likely", "able", "going", "about", "plans",
                                                 "planned", "plan", "wants", "want", "aims"};
        if (scan_before(lc, p, 12, not_before, COUNT(not_before)))
            continue;
        return purpose_text(st, p + 3, "to ", false);
    }
    return NULL;
}

static const char *org_of(const event_t *e)
{
    switch (e->type) {
    case EVENT_ACQUISITION: return e->target;
    case EVENT_INFRASTRUCTURE: return e->organization;
    case EVENT_STOCK_MOVE: return NULL;
    default: return e->company;
    }
}

static const char *subject_of(const event_t *e)
{
    switch (e->type) {
    case EVENT_ACQUISITION: return e->acquirer;
    case EVENT_INFRASTRUCTURE: return e->organization;
    default: return e->company;
    }
}

/* What a product is, from the appositive after its name: "Pico-3B, a
 * language model built for phones", "the Arcus X2, an accelerator card
 * built for ..."; NULL when no sentence says. */
static char *describe_product(const scan_sent *sents, size_t n, const char *name)
{
    size_t nl = name ? strlen(name) : 0;
    if (nl < 2)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const scan_sent *st = &sents[i];
        if (st->title)
            continue;
        const char *s = st->s;
        for (const char *hit = memmem(s, st->n, name, nl); hit;
             hit = memmem(hit + 1, st->n - (size_t)(hit + 1 - s), name, nl)) {
            size_t p = (size_t)(hit - s) + nl;
            if ((hit > s && word_char((unsigned char)hit[-1])) || p + 2 >= st->n || s[p] != ',' || s[p + 1] != ' ')
                continue;
            const char *lc = st->lc + p + 2;
            if (!str_starts(lc, "a ") && !str_starts(lc, "an ") && !str_starts(lc, "its "))
                continue;
            char *t = clip(s, p + 2, clause_stop(s, st->n, p + 2, true));
            if (t && count_words(t) >= 3 && !has_money_mark(t) && !reporting(t))
                return bounded(t, 160);
            free(t);
        }
    }
    return NULL;
}

/* Where a project is, from its sentence: "near Marseille", "in Abu
 * Dhabi" (a place the shipped table knows); NULL when it does not say or
 * what already names it. */
static char *project_place(const scan_sent *sents, size_t n, const event_t *e)
{
    if (!e->what)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const scan_sent *st = &sents[i];
        if (st->offset != e->sentence_offset)
            continue;
        static const char *const preps[] = {"near", "in", "outside", "at"};
        for (size_t k = 0; k < COUNT(preps); k++)
            for (size_t p = scan_word(st->lc, st->n, 0, preps[k]); p != SCAN_NONE;
                 p = scan_word(st->lc, st->n, p + 1, preps[k])) {
                size_t at = p + strlen(preps[k]) + 1, end;
                if (at >= st->n || !str_isupper((unsigned char)st->s[at]))
                    continue;
                if (!place_starting_at(st->s, st->n, at, &end))
                    continue;
                if (end < st->n && word_char((unsigned char)st->s[end]))
                    continue; /* "Paris-based", a longer name */
                char *place = scan_copy(st->s + at, end - at);
                if (strstr(e->what, place)) {
                    free(place);
                    return NULL;
                }
                size_t wl = strlen(preps[k]), pl = strlen(place);
                char *t = xmalloc(wl + pl + 2);
                memcpy(t, preps[k], wl);
                t[wl] = ' ';
                memcpy(t + wl + 1, place, pl + 1);
                free(place);
                return t;
            }
    }
    return NULL;
}

void describe_events(const scan_sent *sents, size_t n, event_list *l)
{
    for (size_t k = 0; k < l->n; k++) {
        event_t *e = &l->items[k];
        if (!e->descriptor)
            e->descriptor = describe_org(sents, n, org_of(e));
        if (e->type == EVENT_PRODUCT && e->product && !e->what)
            e->what = describe_product(sents, n, e->product);
        if (e->type == EVENT_PRODUCT && e->product && !e->what) {
            /* "Halo NPU" in the headline, "the Halo, a neural processing
             * unit for ..." in the story: the name without its kind */
            const char *sp = strrchr(e->product, ' ');
            if (sp && sp > e->product) {
                static const char *const kinds[] = {"NPU", "GPU", "CPU", "TPU", "chip", "model",
                    "accelerator", "processor", "platform", "module", "card"};
                for (size_t q = 0; q < COUNT(kinds); q++)
                    if (strcmp(sp + 1, kinds[q]) == 0) {
                        char *shortname = xstrndup(e->product, (size_t)(sp - e->product));
                        e->what = describe_product(sents, n, shortname);
                        free(shortname);
                        break;
                    }
            }
        }
        if (e->type == EVENT_INFRASTRUCTURE) {
            char *where = project_place(sents, n, e);
            if (where) {
                size_t a = strlen(e->what), b = strlen(where);
                e->what = xrealloc(e->what, a + b + 2);
                e->what[a] = ' ';
                memcpy(e->what + a + 1, where, b + 1);
                free(where);
            }
        }
        if (e->type != EVENT_FUNDING || e->purpose)
            continue;
        /* the event's sentence, then the ones after it, up to a sentence
         * that another event of another organisation was read from */
        size_t i = 0;
        while (i < n && sents[i].offset != e->sentence_offset)
            i++;
        for (size_t j = i, seen = 0; j < n && seen < 16 && !e->purpose; j++, seen++) {
            bool own = sents[j].offset == e->sentence_offset;
            if (!own) {
                bool other = false;
                for (size_t q = 0; q < l->n && !other; q++) {
                    const event_t *o = &l->items[q];
                    other = q != k && o->sentence_offset == sents[j].offset && subject_of(o) &&
                            subject_of(e) && !org_same(subject_of(o), subject_of(e));
                }
                if (other)
                    break;
            }
            e->purpose = purpose_in(&sents[j], own);
        }
    }
}
