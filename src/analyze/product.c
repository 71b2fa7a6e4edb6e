/* product: launches, releases and deployments (company and product). */
#include "analyze/product.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const verbs[] = {
    "launched", "launches", "unveiled", "unveils", "released", "releases", "introduced",
    "introduces", "debuted", "debuts", "rolled out", "rolls out", "rolling out", "launching",
    "unveiling", "releasing", "shipped", "ships", "open-sourced", "open-sources", "revealed",
    "reveals",
};

/* Words right after a verb that make it no launch: "revealed that ...",
 * "unveiled plans to ...". */
static const char *const not_objects[] = {"that", "how", "what", "why", "when", "where",
    "whether", "plans", "details", "its plans", "new details", "a plan"};

static const char *const not_news[] = {
    "could", "would", "might", "may", "plans to", "expected to", "last year", "previously",
};

/* ---- who launches: an organisation, not people or a common noun ---- */

/* Groups of people a sentence may open with in capitals: "Police released
 * video", "Scientists unveiled a map". */
static const char *const groups[] = {
    "police", "scientists", "researchers", "officials", "authorities", "investigators",
    "prosecutors", "detectives", "officers", "deputies", "firefighters", "rescuers",
    "paramedics", "doctors", "nurses", "surgeons", "astronomers", "archaeologists",
    "biologists", "physicists", "chemists", "geologists", "historians", "economists",
    "analysts", "experts", "engineers", "students", "teachers", "parents", "lawmakers",
    "legislators", "senators", "protesters", "activists", "residents", "voters", "fans",
    "troops", "soldiers", "rebels", "militants", "hackers", "witnesses", "lawyers",
    "attorneys", "people", "survivors", "victims", "families", "workers", "scholars",
    "volunteers", "organizers", "organisers", "designers", "artists", "musicians",
};

/* Words before a surname that make it a person's: "Mr. Cook", "CEO Benioff". */
static const char *const titles[] = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr",
    "sir", "dame", "prof.", "professor", "president", "senator", "sen.", "rep.", "gov.",
    "governor", "mayor", "judge", "ceo", "chairman", "chairwoman", "founder", "co-founder"};

/* 1 when the word [b, e) of s is written as a first name or a surname
 * is: a capital, then lower-case letters only ("Marc", "Cook"). */
static bool name_shaped(const char *s, size_t b, size_t e)
{
    if (e - b < 2 || !str_isupper((unsigned char)s[b]))
        return false;
    for (size_t i = b + 1; i < e; i++)
        if (!str_islower((unsigned char)s[i]) && s[i] != '-' && s[i] != '\'')
            return false;
    return true;
}

/* 1 when the article writes word w (n bytes, capitalised) in lower case
 * somewhere, as a common noun is ("Police released ..." and "Fort Worth
 * police said"). */
static bool lower_elsewhere(const scan_doc *d, const char *w, size_t n)
{
    char low[64];
    if (n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)str_tolower((unsigned char)w[i]);
    low[n] = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        const scan_sent *t = &d->sents[k];
        for (size_t at = scan_word(t->lc, t->n, 0, low); at != SCAN_NONE;
             at = scan_word(t->lc, t->n, at + n, low))
            if (str_islower((unsigned char)t->s[at]))
                return true;
    }
    return false;
}

/* 1 when the one-word name w (n bytes) is a person's surname in this
 * article: given with a first name ("Marc Benioff" and then "Benioff") or
 * a title ("Mr. Cook", "CEO Benioff"). Companies of the shipped table are
 * never people. */
static bool surname_in_article(const scan_doc *d, const char *w, size_t n)
{
    char low[64];
    if (n >= sizeof low || n < 2)
        return false;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)str_tolower((unsigned char)w[i]);
    low[n] = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        const scan_sent *t = &d->sents[k];
        const char *s = t->s;
        for (size_t at = scan_word(t->lc, t->n, 0, low); at != SCAN_NONE;
             at = scan_word(t->lc, t->n, at + n, low)) {
            if (memcmp(s + at, w, n) != 0 || at < 2 || s[at - 1] != ' ')
                continue;
            /* the word before: a title, or a first name that starts the name */
            size_t e = at - 1, b = e;
            while (b > 0 && s[b - 1] != ' ')
                b--;
            bool title = false;
            for (size_t j = 0; j < COUNT(titles) && !title; j++)
                title = strlen(titles[j]) == e - b && memcmp(t->lc + b, titles[j], e - b) == 0;
            if (title)
                return true;
            /* "Marc Benioff said": a first name shaped so, with no name word
             * before it and no name word after the surname */
            if (!name_shaped(s, b, e) || org_descriptor(s + b, e - b) || !org_name_word(s + b, e - b) ||
                place_lookup(s + b, e - b) || org_lookup(s + b, e - b))
                continue;
            size_t pb = b;
            while (pb > 0 && s[pb - 1] == ' ')
                pb--;
            size_t pw = pb;
            while (pw > 0 && s[pw - 1] != ' ')
                pw--;
            if (pw < pb && pb < b && str_isupper((unsigned char)s[pw]) && org_name_word(s + pw, pb - pw))
                continue; /* "Fort Worth Police": a longer name */
            size_t q = at + n;
            while (q < t->n && s[q] == ' ')
                q++;
            if (q < t->n && str_isupper((unsigned char)s[q]))
                continue; /* "Marc Benioff Foundation" */
            return true;
        }
    }
    return false;
}

/* 1 when name (a subject or an object) names people rather than an
 * organisation: a group ("Police", "Scientists"), a capitalised word the
 * article also writes in lower case, a person's surname, or a first name
 * and a surname the article then uses alone ("Marc Benioff", "Benioff
 * said"). */
static bool people(const scan_doc *d, const char *name)
{
    size_t n = strlen(name);
    if (org_lookup(name, n))
        return false;
    const char *sp = strchr(name, ' ');
    if (!sp) {
        char low[64];
        if (n < sizeof low) {
            for (size_t i = 0; i <= n; i++)
                low[i] = (char)str_tolower((unsigned char)name[i]);
            for (size_t k = 0; k < COUNT(groups); k++)
                if (strcmp(low, groups[k]) == 0)
                    return true;
        }
        return lower_elsewhere(d, name, n) || surname_in_article(d, name, n);
    }
    /* "Marc Benioff": two name-shaped words, the second then used alone */
    if (strchr(sp + 1, ' ') || !name_shaped(name, 0, (size_t)(sp - name)) ||
        !name_shaped(name, (size_t)(sp - name) + 1, n))
        return false;
    const char *last = sp + 1;
    size_t ln = strlen(last);
    char low[64];
    if (ln >= sizeof low - 8)
        return false;
    for (size_t i = 0; i <= ln; i++)
        low[i] = (char)str_tolower((unsigned char)last[i]);
    static const char *const says[] = {" said", " says", " told", " added"};
    for (size_t k = 0; k < d->n_sents; k++) {
        const scan_sent *t = &d->sents[k];
        for (size_t j = 0; j < COUNT(says); j++) {
            char pat[80];
            snprintf(pat, sizeof pat, "%s%s", low, says[j]);
            size_t at = scan_word(t->lc, t->n, 0, pat);
            if (at != SCAN_NONE && (at == 0 || t->s[at - 1] == ' ') &&
                !(at >= (size_t)(sp - name) + 1 &&
                  memcmp(t->s + at - (size_t)(sp - name) - 1, name, (size_t)(sp - name)) == 0))
                return true;
        }
    }
    return false;
}

/* ---- what is launched: a product, not a video, a map or a study ---- */

/* Heads of objects that are not products. */
static const char *const not_products[] = {
    "video", "videos", "footage", "map", "maps", "report", "reports", "study", "studies",
    "survey", "findings", "results", "images", "image", "photos", "photo", "photographs",
    "pictures", "picture", "statement", "statements", "details", "documents", "document",
    "records", "recording", "recordings", "transcript", "letter", "list", "names", "data",
    "figures", "statistics", "estimates", "forecast", "guidelines", "guidance", "rules",
    "plan", "plans", "proposal", "budget", "schedule", "timeline", "audio", "evidence",
    "sketch", "sketches", "analysis", "paper", "papers", "account", "version of events",
    "prisoners", "hostages", "detainees", "suspect", "suspects", "inmates", "captives",
    "balloons", "doves", "fish", "animals", "turtles", "birds",
};

/* Words before "of" that keep the product after it: "a new version of its
 * Halo NPU", "the second generation of X". */
static const char *const of_product[] = {"version", "versions", "generation", "line",
    "range", "family", "series", "edition", "model", "models", "lineup", "update",
    "upgrade", "preview", "beta", "successor", "variant", "variants", "release"};

/* 1 when the words between the verb and the product, [b, e) of the
 * sentence, say that the name read is not what was launched: a head that
 * is no product ("released dramatic video showing ... Fort Worth"), a
 * relation ("unveiled the first map of Saturn's moon"), a clause
 * ("introduced Cook to the audience" is caught as a person). */
static bool not_the_object(const scan_sent *st, size_t b, size_t e)
{
    const char *lc = st->lc;
    static const char *const links[] = {"showing", "depicting", "about", "that", "which",
        "who", "from", "to", "with", "against", "into", "for", "by"};
    size_t i = b, prev_b = 0, prev_e = 0;
    while (i < e) {
        while (i < e && !str_isalnum((unsigned char)lc[i]))
            i++;
        size_t wb = i;
        while (i < e && (str_isalnum((unsigned char)lc[i]) || lc[i] == '-'))
            i++;
        if (i == wb)
            break;
        size_t l = i - wb;
        for (size_t k = 0; k < COUNT(not_products); k++)
            if (strlen(not_products[k]) == l && memcmp(lc + wb, not_products[k], l) == 0)
                return true;
        for (size_t k = 0; k < COUNT(links); k++)
            if (strlen(links[k]) == l && memcmp(lc + wb, links[k], l) == 0)
                return true;
        if (l == 2 && memcmp(lc + wb, "of", 2) == 0) {
            bool keep = false;
            for (size_t k = 0; k < COUNT(of_product) && !keep; k++)
                keep = strlen(of_product[k]) == prev_e - prev_b &&
                       memcmp(lc + prev_b, of_product[k], prev_e - prev_b) == 0;
            if (!keep)
                return true;
        }
        prev_b = wb;
        prev_e = i;
    }
    return false;
}

/* Where the verb's own clause starts: after the last "while", "whereas",
 * "but", ";" or dash before it ("Toyota is showing the RAV4 - ... - while
 * Ford is rolling out an SUV": Ford's clause). */
static size_t clause_start(const scan_sent *st, size_t v)
{
    static const char *const breaks[] = {" while ", " whereas ", " but ", "; ",
        " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "};
    size_t lo = 0;
    for (size_t k = 0; k < COUNT(breaks); k++) {
        size_t m = strlen(breaks[k]);
        for (const char *h = memmem(st->lc, v, breaks[k], m); h && (size_t)(h - st->lc) + m <= v;
             h = memmem(h + 1, v - (size_t)(h + 1 - st->lc), breaks[k], m)) {
            size_t at = (size_t)(h - st->lc) + m;
            if (at > lo)
                lo = at;
        }
    }
    return lo;
}

/* 1 when the verb at v is a passive participle ("the MacBook Pro was
 * released"): its subject is what was launched, not who launched it. */
static bool passive(const scan_sent *st, size_t v, const char *verb)
{
    size_t l = 0;
    while (verb[l] && verb[l] != ' ')
        l++;
    if (l < 3 || verb[l - 2] != 'e' || verb[l - 1] != 'd')
        return false; /* "is rolling out", "ships": no participle */
    static const char *const be[] = {"was", "were", "been", "be", "is", "are", "being"};
    size_t e = v;
    while (e > 0 && st->s[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > 0 && st->s[b - 1] != ' ')
        b--;
    for (size_t k = 0; k < COUNT(be); k++)
        if (strlen(be[k]) == e - b && memcmp(st->lc + b, be[k], e - b) == 0)
            return true;
    return false;
}

static int launch_at(scan_doc *d, const scan_sent *st, size_t v, size_t w);

/* The name before a reporting verb whose "it" is the launch's subject, in
 * [lo, v): "Clubhouse said that it is rolling out", "Helix says it has
 * launched". Caller frees; NULL when none. */
static char *reported_by(const scan_sent *st, size_t lo, size_t v)
{
    static const char *const tells[] = {" said that it ", " said it ", " says that it ",
        " says it ", " announced that it ", " announced it "};
    for (size_t k = 0; k < COUNT(tells); k++) {
        size_t m = strlen(tells[k]);
        const char *h = v > lo ? memmem(st->lc + lo, v - lo, tells[k], m) : NULL;
        if (!h)
            continue;
        size_t at = (size_t)(h - st->lc), nb;
        size_t nl = org_name_before(st->s, lo, at, &nb);
        if (nl && nb + nl == at)
            return org_clean(st->s + nb, nl);
    }
    return NULL;
}

int product_read(scan_doc *d, const scan_sent *st)
{
    const char *lc = st->lc;
    size_t n = st->n, w = 0;
    size_t v = scan_any(lc, n, 0, verbs, COUNT(verbs), &w);
    if (v == SCAN_NONE)
        return 0;
    if (scan_any(lc, n, 0, not_news, COUNT(not_news), NULL) != SCAN_NONE)
        return 0;
    /* each launching verb in turn: "After the last model was released,
     * Helix has unveiled its X" */
    for (int guard = 0; v != SCAN_NONE && guard < 8; guard++) {
        if (launch_at(d, st, v, w))
            return 1;
        v = scan_any(lc, n, v + strlen(verbs[w]), verbs, COUNT(verbs), &w);
    }
    return 0;
}

/* The launch whose verb verbs[w] is at v, if it is one. */
static int launch_at(scan_doc *d, const scan_sent *st, size_t v, size_t w)
{
    size_t n = st->n;
    if (passive(st, v, verbs[w]))
        return 0;
    int y = scan_year(st->s, v, n);
    if (y && d->ref_year && y < d->ref_year)
        return 0;
    size_t after = v + strlen(verbs[w]);
    if (scan_after(st->lc, n, after, 2, not_objects, COUNT(not_objects)))
        return 0;
    size_t pend;
    char *prod = subject_object(st, after, after + 60 < n ? after + 60 : n, &pend);
    if (!prod)
        return 0;
    subject sj;
    char *company = NULL;
    size_t lo = clause_start(st, v);
    if (subject_find(st, lo, v, &sj)) {
        company = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
        if (sj.pronoun) {
            free(sj.name);
            /* "Clubhouse said that it is rolling out": the one who said it,
             * not the article's main company (a digest's other item) */
            char *teller = reported_by(st, lo, v);
            if (teller) {
                free(company);
                company = teller;
                sj.pronoun = false;
            }
        }
    }
    if (!company || org_same(company, prod) || place_lookup(company, strlen(company)) ||
        place_lookup(prod, strlen(prod))) {
        free(company);
        free(prod);
        return 0;
    }
    /* an organisation launches a product: not people, not a video or a map */
    const char *why = NULL;
    size_t pstart = pend > strlen(prod) ? pend - strlen(prod) : after;
    {
        /* the product's first byte: its name as the sentence writes it */
        const char *h = memmem(st->s + after, pend > after ? pend - after : 0, prod, strlen(prod));
        if (h)
            pstart = (size_t)(h - st->s);
        else {
            size_t fl = 0;
            while (prod[fl] && prod[fl] != ' ')
                fl++;
            h = memmem(st->s + after, pend > after ? pend - after : 0, prod, fl);
            if (h)
                pstart = (size_t)(h - st->s);
        }
    }
    if (!sj.pronoun && people(d, company))
        why = "its subject names people, not an organisation";
    else if (not_the_object(st, after, pstart < after ? after : pstart))
        why = "what it names is not the thing launched (a video, a map, a relation)";
    else if (people(d, prod))
        why = "its object is a person";
    if (why) {
        scan_note(d, st, "product: %s / %s: %s", company, prod, why);
        free(company);
        free(prod);
        return 0;
    }
    event_t *e = event_list_add(d->out, EVENT_PRODUCT);
    e->company = company;
    e->product = prod;
    /* what: the descriptor right after the name ("chip", "model") */
    size_t k = pend;
    while (k < n && st->s[k] == ' ')
        k++;
    size_t b = k;
    while (k < n && str_islower((unsigned char)st->s[k]))
        k++;
    if (k > b && org_descriptor(st->s + b, k - b))
        e->what = xstrndup(st->s + b, k - b);
    scan_provenance(st, e);
    e->confidence = 0.5;
    return 1;
}
