/* analyze: reads the business events out of an article's plain text. */
#include "analyze/analyze.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/deal.h"
#include "analyze/describe.h"
#include "analyze/fold.h"
#include "analyze/funding.h"
#include "analyze/infra.h"
#include "analyze/investor.h"
#include "analyze/money.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/product.h"
#include "analyze/round.h"
#include "analyze/scan.h"
#include "analyze/sentence.h"
#include "analyze/stock.h"
#include "util/buf.h"
#include "util/str.h"

/* Text past this many bytes is not read (an article is far shorter). */
#define ANALYZE_MAX_TEXT ((size_t)16 << 20)
/* Most sentences kept for the article-level passes, and most events. */
#define ANALYZE_MAX_SENTS 4000
#define ANALYZE_MAX_EVENTS 200

static const char *memmem_ci_any(const char *s, size_t n, const char *const *words, size_t cnt)
{
    for (size_t k = 0; k < cnt; k++) {
        const char *h = memmem(s, n, words[k], strlen(words[k]));
        if (h)
            return h;
    }
    return NULL;
}

static bool any_stem(const char *lc, size_t n, const char *const *stems, size_t cnt)
{
    return scan_has_stem(lc, n, stems, cnt);
}

/* 1 for a Title Case Headline (most longer words capitalised): its nouns
 * look like names, so only the body is read for projects and products. */
static bool title_case(const char *s, size_t n)
{
    int words = 0, caps = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t b = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i - b >= 4) {
            words++;
            caps += str_isupper((unsigned char)s[b]) != 0;
        }
    }
    return words >= 3 && caps * 10 >= words * 7;
}

/* 1 when the sentence is a line of its own with no closing stop. */
static bool whole_line(const char *text, size_t len, const scan_sent *st)
{
    size_t b = st->offset, e = st->offset + st->orig_len;
    if (e > len || st->orig_len == 0)
        return false;
    char last = text[e - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':' || last == ',')
        return false;
    while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
        b--;
    while (e < len && (text[e] == ' ' || text[e] == '\t' || text[e] == '\r'))
        e++;
    return (b == 0 || text[b - 1] == '\n') && (e == len || text[e] == '\n');
}

/* 1 when the sentence is a line of its own with no closing stop, a blank
 * line after it: a headline's shape, also below menu lines or a page's
 * chrome (not a hard-wrapped line of a paragraph: "Avago Technologies Ltd
 * agreed on Thursday to buy"). */
static bool own_line(const char *text, size_t len, const scan_sent *st)
{
    if (!whole_line(text, len, st))
        return false;
    size_t e = st->offset + st->orig_len;
    while (e < len && text[e] != '\n')
        e++;
    for (size_t k = e + 1; k < len && text[k] != '\n'; k++)
        if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r')
            return false;
    return true;
}

/* The latest plausible year the text names (when no date is given). */
static int latest_year(const char *s, size_t n)
{
    int best = 0;
    for (size_t i = 0; i + 4 <= n; i++) {
        if ((s[i] != '1' && s[i] != '2') || (i && str_isalnum((unsigned char)s[i - 1])))
            continue;
        if (!str_isdigit((unsigned char)s[i + 1]) || !str_isdigit((unsigned char)s[i + 2]) ||
            !str_isdigit((unsigned char)s[i + 3]) || (i + 4 < n && str_isalnum((unsigned char)s[i + 4])))
            continue;
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
        if (y >= 1990 && y <= 2099 && y > best)
            best = y;
        i += 3;
    }
    return best;
}

/* A date stamp that pages put before the text: "2026-03-03 ", "date
 * 2026-03-03 ", "Published 2026-03-03, ". Returns its length, 0 when none. */
static size_t date_stamp_end(const char *s, size_t n)
{
    size_t i = 0;
    static const char *const labels[] = {"date ", "Date ", "Date: ", "date: ", "Published ", "Published: ",
                                         "Updated ", "Updated: ", "Posted ", "Posted: "};
    for (size_t k = 0; k < COUNT(labels); k++)
        if (str_starts(s, labels[k])) {
            i = strlen(labels[k]);
            break;
        }
    if (i + 10 > n)
        return 0;
    for (size_t k = 0; k < 10; k++) {
        bool dash = k == 4 || k == 7;
        if (dash ? s[i + k] != '-' : !str_isdigit((unsigned char)s[i + k]))
            return 0;
    }
    i += 10;
    while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '|' || s[i] == '-'))
        i++;
    return i < n ? i : 0;
}

/* Removes a wire dateline: "SAN FRANCISCO, March 3, 2026 /PRNewswire/ -- ",
 * "LONDON (Reuters) - ". Returns where the sentence proper starts. */
static size_t dateline_end(const char *s, size_t n, char *country)
{
    size_t lim = n < 220 ? n : 220;
    size_t p = SCAN_NONE, dl = 0;
    for (size_t i = 0; i + 2 <= lim && p == SCAN_NONE; i++) {
        if (s[i] == '-' && s[i + 1] == '-') {
            p = i;
            dl = 2;
            while (p > 0 && s[p - 1] == ' ')
                p--;
            size_t k = i + 2;
            while (k < n && s[k] == ' ')
                k++;
            dl = k - p;
        } else if (s[i] == ' ' && s[i + 1] == '-' && i + 2 < n && s[i + 2] == ' ') {
            p = i;
            dl = 3;
        } else if (s[i] == ':' && i + 1 < n && s[i + 1] == ' ' && i >= 3) {
            /* "MUMBAI: ..." only after an all-caps word */
            bool caps = true;
            for (size_t k = 0; k < i; k++)
                if (!str_isupper((unsigned char)s[k]) && s[k] != ' ' && s[k] != '.')
                    caps = false;
            if (caps) {
                p = i;
                dl = 2;
            }
        }
    }
    if (p == SCAN_NONE || p == 0)
        return 0;
    char low[224];
    size_t pl = p < sizeof low - 1 ? p : sizeof low - 1;
    for (size_t i = 0; i < pl; i++)
        low[i] = (char)str_tolower((unsigned char)s[i]);
    low[pl] = 0;
    bool wire = strstr(low, "reuters") || strstr(low, "wire") || strstr(low, "(ap)") ||
                strstr(low, "(afp)") || strstr(low, "bloomberg") || strstr(low, "/cnw/") ||
                strstr(low, "kyodo") || strstr(low, "xinhua") || strstr(low, "yonhap") ||
                strstr(low, "(pti)") || strstr(low, "(ians)");
    /* an all-caps place first ("LONDON,", "JAPAN -", "NEW YORK, May 2 -") */
    size_t caps = 0;
    while (caps < p && (str_isupper((unsigned char)s[caps]) || s[caps] == ' ' || s[caps] == '.' ||
                        s[caps] == '\''))
        caps++;
    bool dateline = caps >= 3 && str_isupper((unsigned char)s[0]) && str_isupper((unsigned char)s[1]) &&
                    (caps == p || s[caps] == ',' || s[caps] == '(' || s[caps] == '-' ||
                     (caps > 0 && s[caps - 1] == ' '));
    if (!wire && !dateline)
        return 0;
    /* a press release's dateline names the issuer's home: "MISSION VIEJO,
     * Calif., Feb. 25 /PRNewswire/", "TEL AVIV, Israel -- (BUSINESS WIRE)" */
    bool release = strstr(low, "newswire") || strstr(low, "business wire") || strstr(low, "/cnw/") ||
                   strstr(low, "accesswire") || strstr(low, "globe newswire") || strstr(low, "/pr");
    if (release && country && !country[0]) {
        for (size_t b = 0, k = 0; k <= p && b < p; k++) {
            if (k < p && s[k] != ',' && s[k] != '(' && s[k] != '/')
                continue;
            size_t e = k;
            while (b < e && s[b] == ' ')
                b++;
            while (e > b && s[e - 1] == ' ')
                e--;
            const char *c = e > b ? place_lookup(s + b, e - b) : NULL;
            if (!c && e > b) {
                /* "MISSION VIEJO" written in capitals */
                char tc[64];
                size_t m = e - b < sizeof tc ? e - b : sizeof tc - 1;
                for (size_t q = 0; q < m; q++)
                    tc[q] = (char)(q == 0 || s[b + q - 1] == ' ' ? s[b + q] : str_tolower((unsigned char)s[b + q]));
                c = place_lookup(tc, m);
            }
            if (c) {
                memcpy(country, c, 3);
                break;
            }
            b = k + 1;
        }
    }
    return p + dl;
}

/* Whether ¥ means yuan in this sentence: its own words first, then the article's. */
static int sentence_cny(const char *s, size_t n, int doc)
{
    /* both yen signs end in the byte 0xA5 */
    if (!memchr(s, 0xA5, n) || (!memmem(s, n, "\xC2\xA5", 2) && !memmem(s, n, "\xEF\xBF\xA5", 3)))
        return doc;
    static const char *const jp[] = {"Japan", "Tokyo", "yen", "Osaka", "Nikkei", "JPY"};
    static const char *const cn[] = {"China", "Chinese", "yuan", "Beijing", "Shanghai", "Shenzhen",
                                     "Hangzhou", "RMB", "renminbi"};
    if (memmem_ci_any(s, n, cn, COUNT(cn)))
        return 1;
    if (memmem_ci_any(s, n, jp, COUNT(jp)))
        return 0;
    return doc;
}

/* Whole-word occurrences of name in text, at most cap. */
static int count_name(const char *text, size_t len, const char *name, int cap)
{
    size_t m = strlen(name);
    int c = 0;
    const char *p = text, *end = text + len;
    while (c < cap && m && p + m <= end) {
        const char *h = memmem(p, (size_t)(end - p), name, m);
        if (!h)
            break;
        bool lb = h == text || !str_isalnum((unsigned char)h[-1]);
        bool rb = h + m == end || !str_isalnum((unsigned char)h[m]);
        c += lb && rb;
        p = h + m;
    }
    return c;
}

/* "About Acme Robotics", "About Acme", "ABOUT ACME INC.": the heading of a
 * press release's company boilerplate (a short line of its own). */
static bool about_heading(const scan_sent *st)
{
    if (st->index == 0 || st->n > 70 || !(str_starts(st->s, "About ") || str_starts(st->s, "ABOUT ")))
        return false;
    if (st->orig_len != st->n && st->orig_len > st->n + 8)
        return false; /* part of a longer sentence */
    int words = 0;
    for (size_t i = 6; i < st->n; i++) {
        if (st->s[i] == ' ')
            continue;
        if (!str_isupper((unsigned char)st->s[i]) && !str_isdigit((unsigned char)st->s[i]))
            return false; /* "About a third of ..." */
        words++;
        while (i < st->n && st->s[i] != ' ')
            i++;
    }
    return words >= 1 && words <= 6 && st->s[st->n - 1] != '.';
}

/* "Related articles", "Read more:", "More from Wirefeed", "You may also
 * like": a short line that heads links to other stories. */
static bool links_heading(const char *text, size_t len, const scan_sent *st)
{
    if (st->index == 0 || st->n > 40)
        return false;
    static const char *const heads[] = {"related", "read more", "more from", "more news", "more stories",
        "you may also like", "you might also like", "recommended", "most read", "most popular",
        "trending", "see also", "also read", "latest news", "top stories", "popular stories",
        "further reading", "more on this", "in other news"};
    for (size_t k = 0; k < COUNT(heads); k++) {
        size_t m = strlen(heads[k]);
        if (str_starts(st->lc, heads[k]) && (st->n == m || !str_isalpha((unsigned char)st->lc[m]))) {
            /* the heading alone or with a word or two ("Related articles",
             * "More from Wirefeed"), no figures */
            int words = 0;
            for (size_t r = m; r < st->n; r++) {
                if (str_isdigit((unsigned char)st->lc[r]) || st->lc[r] == '$')
                    return false;
                words += st->lc[r] == ' ' && r + 1 < st->n && st->lc[r + 1] != ' ';
            }
            /* on a line of its own, a name of a few words: "More from
             * Deal Flow Weekly" */
            return words <= 2 || (words <= 4 && whole_line(text, len, st));
        }
    }
    return false;
}

/* The organisation a sentence opens with ("Woodoo, a Paris startup, makes
 * ...", "Berlin-based Skyloom builds ..."), into out ("" when it opens
 * otherwise: a pronoun, a person's title, a time). */
static void sentence_opener(const scan_sent *st, size_t b, size_t l, char *out, size_t cap)
{
    out[0] = 0;
    if (st->n < 8 || st->index == 0)
        return;
    if (!l || b > 50)
        return;
    /* the name must be followed by its verb or an appositive */
    size_t e = b + l;
    while (e < st->n && st->s[e] == ' ')
        e++;
    if (e >= st->n || !(st->s[e] == ',' || str_islower((unsigned char)st->s[e])))
        return;
    char *nm = org_clean(st->s + b, l);
    const org_info *o = nm ? org_lookup(nm, strlen(nm)) : NULL;
    if (nm && strlen(nm) < cap && !place_lookup(nm, strlen(nm)) && !(o && o->kind == ORG_INVESTOR))
        memcpy(out, nm, strlen(nm) + 1);
    free(nm);
}

/* The article's salient organisation: of the names that open its first
 * sentences (skipping descriptors: "Chip startup Acme raised ..."), the one
 * the whole text repeats most, at least twice; the headline's name counts
 * once more. "The company" and "it" resolve to it when no round has named a
 * company yet. */
static void find_salient(scan_doc *d, const scan_sent *sents, size_t ns, const char *text, size_t len,
                         const size_t *open_b, const size_t *open_l)
{
    char best[128] = "";
    int best_n = 1;
    size_t lim = ns < 16 ? ns : 16; /* the subject opens the article's first sentences */
    /* names are counted in the first 64 KiB: an article names its subject early */
    if (len > 65536)
        len = 65536;
    char *seen[40];
    size_t n_seen = 0;
    for (size_t i = 0; i < lim; i++) {
        const scan_sent *st = &sents[i];
        size_t b = open_b[i], l = open_l[i];
        if (!l || b > 60)
            continue;
        char *nm = org_clean(st->s + b, l);
        if (!nm || strlen(nm) >= sizeof best || strlen(nm) < 2 || place_lookup(nm, strlen(nm))) {
            free(nm);
            continue;
        }
        const org_info *o = org_lookup(nm, strlen(nm));
        bool again = false;
        for (size_t k = 0; k < n_seen && !again; k++)
            again = strcmp(seen[k], nm) == 0;
        if ((o && o->kind == ORG_INVESTOR) || again) {
            free(nm);
            continue;
        }
        seen[n_seen++] = xstrdup(nm);
        int c = count_name(text, len, nm, 50);
        c = c < 2 ? 0 : c + (d->head_company[0] && org_same(nm, d->head_company));
        if (c > best_n) {
            best_n = c;
            memcpy(best, nm, strlen(nm) + 1);
        }
        free(nm);
    }
    for (size_t k = 0; k < n_seen; k++)
        free(seen[k]);
    memcpy(d->salient, best, sizeof best);
    if (best[0])
        scan_note(d, NULL, "salient organisation: %s (%d mention%s)", best, best_n, str_s(best_n));
}

static void lower_copy(char *dst, const char *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = (char)str_tolower((unsigned char)src[i]);
    dst[n] = 0;
}

/* ---- merging the same event told twice ---- */

static bool close_to(double a, double b)
{
    if (isnan(a) || isnan(b))
        return false;
    return fabs(a - b) <= 0.02 * fmax(fabs(a), fabs(b));
}

/* "Membrane Semi" and "Membrane Semiconductor": the same first word. */
static bool first_word_same(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t i = 0;
    while (a[i] && b[i] && a[i] != ' ' && b[i] != ' ' && a[i] == b[i])
        i++;
    return i >= 3 && (a[i] == ' ' || !a[i]) && (b[i] == ' ' || !b[i]);
}

/* Same organisation, also through the table's aliases ("AMD", "Advanced
 * Micro Devices"). */
static bool same_org_known(const char *a, const char *b)
{
    if (org_same(a, b))
        return true;
    if (!a || !b)
        return false;
    const org_info *x = org_lookup(a, strlen(a)), *y = org_lookup(b, strlen(b));
    return x && x == y;
}

static bool same_event(const event_t *a, const event_t *b)
{
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case EVENT_FUNDING:
        return (org_same(a->company, b->company) || first_word_same(a->company, b->company)) &&
               ((close_to(a->amount_value, b->amount_value) && strcmp(a->currency, b->currency) == 0) ||
                close_to(a->amount_usd, b->amount_usd));
    case EVENT_ACQUISITION:
        return same_org_known(a->acquirer, b->acquirer) && same_org_known(a->target, b->target);
    case EVENT_STOCK_MOVE:
        return (org_same(a->company, b->company) || (a->ticker && b->ticker && strcmp(a->ticker, b->ticker) == 0)) &&
               (isnan(a->change_pct) || isnan(b->change_pct) || fabs(a->change_pct - b->change_pct) < 0.011);
    case EVENT_INFRASTRUCTURE:
        /* one project an organisation a story, unless both figures clearly
         * differ (two buildings, two countries' plans) */
        return infra_same(a, b);
    case EVENT_PRODUCT:
    default:
        return org_same(a->company, b->company) && org_same(a->product, b->product);
    }
}

static void take_str(char **dst, char **src)
{
    if (!*dst && *src) {
        *dst = *src;
        *src = NULL;
    }
}

static void take_num(double *dst, double src)
{
    if (isnan(*dst) && !isnan(src))
        *dst = src;
}

/* Folds b into a (a keeps its own values, takes what it lacks). */
static void merge_into(event_t *a, event_t *b)
{
    /* the fuller name wins: "Qingyun" told later as "Qingyun AI" */
    if (a->company && b->company && strlen(b->company) > strlen(a->company) &&
        (org_same(a->company, b->company) || first_word_same(a->company, b->company))) {
        char *t = a->company;
        a->company = b->company;
        b->company = t;
    }
    /* the furthest a deal has gone as any sentence tells it */
    if (deal_status_rank(b->status) > deal_status_rank(a->status))
        a->status = b->status;
    take_str(&a->country, &b->country);
    take_str(&a->round, &b->round);
    take_str(&a->ticker, &b->ticker);
    /* a project's what that says where ("AI factory in Chiba Prefecture")
     * beats one that does not */
    if (a->type == EVENT_INFRASTRUCTURE && a->what && b->what && !infra_what_sited(a->what) &&
        infra_what_sited(b->what)) {
        char *t = a->what;
        a->what = b->what;
        b->what = t;
    }
    take_str(&a->what, &b->what);
    take_str(&a->product, &b->product);
    take_num(&a->valuation_usd, b->valuation_usd);
    take_num(&a->price_usd, b->price_usd);
    take_num(&a->close_price, b->close_price);
    take_num(&a->capacity_mw, b->capacity_mw);
    take_num(&a->gpus, b->gpus);
    take_num(&a->change_pct, b->change_pct);
    /* the article's own conversion, told later, beats the rate table */
    if (b->amount_text && strchr(b->amount_text, '(') && !(a->amount_text && strchr(a->amount_text, '(')) &&
        strcmp(a->currency, b->currency) == 0 && !isnan(b->amount_usd)) {
        a->amount_usd = b->amount_usd;
        free(a->amount_text);
        a->amount_text = b->amount_text;
        b->amount_text = NULL;
    }
    if (isnan(a->amount_value) && !isnan(b->amount_value)) {
        a->amount_value = b->amount_value;
        a->amount_usd = b->amount_usd;
        memcpy(a->currency, b->currency, 4);
        free(a->amount_text);
        a->amount_text = b->amount_text;
        b->amount_text = NULL;
    }
    /* an article's own conversion beats the rate table */
    for (size_t i = 0; i < b->n_lead; i++)
        investor_add(a, b->lead_investors[i], 1);
    for (size_t i = 0; i < b->n_investors; i++)
        investor_add(a, b->investors[i], 0);
    if (b->confidence > a->confidence)
        a->confidence = b->confidence;
    a->confidence = fmin(1.0, a->confidence + 0.05);
}

static const char *event_who(const event_t *e)
{
    return e->company ? e->company : e->acquirer ? e->acquirer : e->organization ? e->organization : "?";
}

/* The full name a short one stands for in this article: "Corvane" for
 * "Corvane Networks" when another event (or the salient name) has the
 * longer name starting with the short one's words. */
static void expand_name(char **name, const event_list *l, const char *salient)
{
    if (!*name)
        return;
    size_t n = strlen(*name);
    const char *best = NULL;
    const char *cands[4];
    for (size_t i = 0; i < l->n; i++) {
        const event_t *o = &l->items[i];
        cands[0] = o->company, cands[1] = o->acquirer, cands[2] = o->target, cands[3] = o->organization;
        for (int k = 0; k < 4; k++) {
            const char *c = cands[k];
            if (c && strlen(c) > n + 1 && strncmp(c, *name, n) == 0 && c[n] == ' ' &&
                str_isupper((unsigned char)c[n + 1]) && (!best || strlen(c) < strlen(best)))
                best = c;
        }
    }
    if (!best && salient && salient[0] && strlen(salient) > n + 1 && strncmp(salient, *name, n) == 0 &&
        salient[n] == ' ')
        best = salient;
    if (best) {
        char *c = xstrdup(best);
        free(*name);
        *name = c;
    }
}

static void expand_names(scan_doc *d, event_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        expand_name(&e->company, l, d->salient);
        expand_name(&e->acquirer, l, d->salient);
        expand_name(&e->target, l, d->salient);
        expand_name(&e->organization, l, d->salient);
    }
}

static void dedup(scan_doc *d, event_list *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        event_t *e = &l->items[i];
        bool merged = false;
        for (size_t j = 0; j < w; j++)
            if (same_event(&l->items[j], e)) {
                scan_note(d, NULL, "merged: %s %s (sentence at byte %zu) into the same event told earlier",
                          event_type_name(e->type), event_who(e), e->sentence_offset);
                merge_into(&l->items[j], e);
                merged = true;
                break;
            }
        if (merged) {
            event_clear(e);
            continue;
        }
        if (w != i)
            l->items[w] = *e;
        w++;
    }
    l->n = w;
}

/* ---- the walk ---- */

/* A name that ends in a parenthesis, closed or cut off: "Alibaba (BABA)",
 * "Alibaba (NYSE: BABA" keep "Alibaba"; an upper-case symbol inside becomes
 * the ticker when there is none. */
static void tidy_name(char *name, char **ticker)
{
    if (!name)
        return;
    char *open = strrchr(name, '(');
    if (!open || open == name || open[-1] != ' ')
        return;
    char *close = strchr(open, ')');
    if (close && close[1] != '\0')
        return; /* the parenthesis is inside the name, not at its end */
    const char *sym = open + 1, *colon = strchr(open, ':');
    if (colon && (!close || colon < close))
        sym = colon + 1;
    while (*sym == ' ')
        sym++;
    size_t n = 0;
    while (sym[n] && (str_isupper((unsigned char)sym[n]) || sym[n] == '.'))
        n++;
    if (ticker && !*ticker && n >= 1 && n <= 6 && (sym[n] == ')' || sym[n] == '\0'))
        *ticker = xstrndup(sym, n);
    open[-1] = '\0';
}

static void tidy_names(event_t *e)
{
    tidy_name(e->company, e->type == EVENT_STOCK_MOVE ? &e->ticker : NULL);
    tidy_name(e->acquirer, NULL);
    tidy_name(e->target, NULL);
    tidy_name(e->organization, NULL);
}

static const char *role_name(money_role r)
{
    switch (r) {
    case ROLE_VALUATION: return "valuation";
    case ROLE_TOTAL: return "total to date";
    case ROLE_FUND: return "an investment fund's size";
    case ROLE_REVENUE: return "revenue, price or other";
    case ROLE_HISTORY: return "history";
    default: return "candidate";
    }
}

static void explain_sentence(scan_doc *d, const scan_sent *st)
{
    if (!d->explain)
        return;
    scan_note(d, st, "sentence: %.*s%s", scan_cut(st->s, st->n, 160), st->s, st->n > 160 ? "..." : "");
    for (size_t i = 0; i < st->n_money; i++) {
        const money_t *m = &st->money[i];
        scan_note(d, st, "  money '%.*s' = %.0f %s (USD %.0f): %s", (int)(m->end - m->start), st->s + m->start,
                  m->value, m->currency, m->usd, role_name(funding_money_role(d, st, i)));
    }
}

/* ---- tables: rows of tab-separated cells ---- */

enum { COL_NONE, COL_COMPANY, COL_AMOUNT, COL_ROUND, COL_LEAD, COL_INVESTORS, COL_OTHER };
#define TABLE_COLS 12

/* The cells of a line split at tabs (a run of tabs is one cut); 0 when the
 * line has fewer than three. */
static int tab_cells(const char *s, size_t n, size_t *cb, size_t *ce)
{
    if (memchr(s, '\n', n))
        return 0;
    int k = 0;
    size_t i = 0;
    while (i < n && k < TABLE_COLS) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t b = i;
        while (i < n && s[i] != '\t')
            i++;
        size_t e = i;
        while (e > b && s[e - 1] == ' ')
            e--;
        if (e > b) {
            cb[k] = b;
            ce[k] = e;
            k++;
        }
    }
    return k >= 3 ? k : 0;
}

/* The role a header cell names: "Company", "Amount raised", "Round",
 * "Lead investor", "Other investors". */
static int col_role(const char *c, size_t n)
{
    char lc[64];
    size_t m = n < sizeof lc - 1 ? n : sizeof lc - 1;
    lower_copy(lc, c, m);
    lc[m] = 0;
    if (strstr(lc, "lead") || strstr(lc, "led by"))
        return COL_LEAD;
    if (strstr(lc, "investor") || strstr(lc, "backer") || strstr(lc, "participant"))
        return COL_INVESTORS;
    if (strstr(lc, "round") || strstr(lc, "stage") || strstr(lc, "series") || strstr(lc, "type"))
        return strstr(lc, "size") ? COL_AMOUNT : COL_ROUND;
    if (strstr(lc, "amount") || strstr(lc, "raised") || strstr(lc, "size") || strstr(lc, "funding") ||
        strstr(lc, "total") || strstr(lc, "$"))
        return COL_AMOUNT;
    if (strstr(lc, "company") || strstr(lc, "startup") || strstr(lc, "name") || strstr(lc, "firm") ||
        strstr(lc, "organisation") || strstr(lc, "organization"))
        return COL_COMPANY;
    return COL_OTHER;
}

/* A table row read as the sentence it stands for: a header row
 * ("Company<TAB>Amount<TAB>Round<TAB>Lead investor") gives cols the role of
 * each column; a data row becomes "Acme raised $40M in a Series B round led
 * by X, with participation from Y." (its own cells guess the roles when no
 * header came). Returns the new text (caller frees) or NULL when the line
 * is no table row. */
static char *table_row(const char *s, size_t n, int *cols, int *ncols)
{
    size_t cb[TABLE_COLS], ce[TABLE_COLS];
    int k = tab_cells(s, n, cb, ce);
    if (!k)
        return NULL;
    money_t mm[4];
    bool any_money = false;
    for (int i = 0; i < k; i++)
        if (money_find(s + cb[i], ce[i] - cb[i], false, mm, 4) > 0)
            any_money = true;
    if (!any_money) {
        /* a header: no figures, short cells */
        bool named = false;
        for (int i = 0; i < k; i++) {
            cols[i] = col_role(s + cb[i], ce[i] - cb[i]);
            named = named || cols[i] == COL_AMOUNT || cols[i] == COL_COMPANY;
        }
        *ncols = named ? k : 0;
        return NULL;
    }
    int role[TABLE_COLS];
    for (int i = 0; i < k; i++) {
        role[i] = *ncols == k ? cols[i] : COL_NONE;
        if (role[i] == COL_NONE || role[i] == COL_OTHER) {
            /* no header: the first cell names, a figure is the amount, a
             * stage is the round, names after the amount invest */
            char lc[256];
            size_t m = ce[i] - cb[i] < sizeof lc - 1 ? ce[i] - cb[i] : sizeof lc - 1;
            lower_copy(lc, s + cb[i], m);
            size_t rp;
            if (i == 0 && *ncols != k)
                role[i] = COL_COMPANY;
            else if (money_find(s + cb[i], ce[i] - cb[i], false, mm, 4) > 0)
                role[i] = COL_AMOUNT;
            else if (round_find(lc, m, &rp) && m < 24)
                role[i] = COL_ROUND;
            else if (*ncols != k && i > 1 && str_isupper((unsigned char)s[cb[i]]))
                role[i] = COL_INVESTORS;
            else
                role[i] = COL_OTHER;
        }
    }
    int who = -1, amt = -1, rnd = -1, lead = -1, inv = -1;
    for (int i = 0; i < k; i++) {
        int *slot = role[i] == COL_COMPANY ? &who : role[i] == COL_AMOUNT ? &amt : role[i] == COL_ROUND ? &rnd :
                    role[i] == COL_LEAD ? &lead : role[i] == COL_INVESTORS ? &inv : NULL;
        if (slot && *slot < 0)
            *slot = i;
    }
    if (who < 0 || amt < 0)
        return NULL;
    buf_t b;
    buf_init(&b, 4096);
#define CELL(i) (int)(ce[i] - cb[i]), s + cb[i]
    buf_printf(&b, "%.*s raised %.*s", CELL(who), CELL(amt));
    if (rnd >= 0) {
        bool has_round = memmem(s + cb[rnd], ce[rnd] - cb[rnd], "ound", 4) != NULL;
        buf_printf(&b, " in a %.*s%s", CELL(rnd), has_round ? "" : " round");
    }
    if (lead >= 0 && ce[lead] - cb[lead] > 1 && s[cb[lead]] != '-')
        buf_printf(&b, " led by %.*s", CELL(lead));
    if (inv >= 0 && ce[inv] - cb[inv] > 1 && s[cb[inv]] != '-')
        buf_printf(&b, "%s %.*s", lead >= 0 ? ", with participation from" : " from", CELL(inv));
#undef CELL
    buf_puts(&b, ".");
    return buf_detach(&b);
}

int analyze_text(const char *text, size_t len, const char *date, event_list *out)
{
    return analyze_text_explain(text, len, date, out, NULL);
}

int analyze_text_explain(const char *text, size_t len, const char *date, event_list *out, buf_t *explain)
{
    if (!text || !out)
        return 0;
    if (len > ANALYZE_MAX_TEXT)
        len = ANALYZE_MAX_TEXT;
    event_list found = {0};
    scan_doc d = {0};
    d.out = &found;
    d.explain = explain;
    d.last_funding = -1;
    if (date && strlen(date) >= 4 && str_isdigit((unsigned char)date[0]))
        d.ref_year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
    if (d.ref_year && strlen(date) >= 7 && str_isdigit((unsigned char)date[5]) &&
        str_isdigit((unsigned char)date[6]))
        d.ref_month = (date[5] - '0') * 10 + (date[6] - '0');
    if (d.ref_month > 12)
        d.ref_month = 0;
    if (!d.ref_year)
        d.ref_year = latest_year(text, len);
    static const char *const china[] = {"yuan", "RMB", "China", "Chinese", "Beijing", "Shanghai",
                                        "Shenzhen", "Hangzhou", "renminbi", "Rmb"};
    d.cny = memmem_ci_any(text, len, china, COUNT(china)) != NULL;

    scan_sent *sents = NULL;
    size_t ns = 0, cap = 0;
    size_t pos = 0, sb, sl;
    int index = 0;
    int table_cols[TABLE_COLS], table_n = 0;
    while (sentence_next(text, len, &pos, &sb, &sl)) {
        char *row = memchr(text + sb, '\t', sl) ? table_row(text + sb, sl, table_cols, &table_n) : NULL;
        size_t rl = row ? strlen(row) : sl;
        char *f = xmalloc(rl + 1);
        size_t fl = fold_text(row ? row : text + sb, rl, f);
        if (row)
            scan_note(&d, NULL, "a table row read as '%s'", f); /* folded: valid UTF-8 */
        free(row);
        size_t cut = date_stamp_end(f, fl);
        for (int k = 0; k < 3; k++) {
            /* "NEW YORK--(BUSINESS WIRE)--Acme ...": one cut at a time */
            size_t c2 = dateline_end(f + cut, fl - cut, index < 3 ? d.dateline_country : NULL);
            if (!c2)
                break;
            cut += c2;
        }
        /* a wire's slug joined to the headline: "BRIEF-Acme raises ...",
         * "UPDATE 2-Acme ..." (the wires' own set of slugs) */
        {
            static const char *const slugs[] = {"BRIEF", "UPDATE", "EXCLUSIVE", "CORRECTED", "REFILE",
                                                "RPT", "WRAPUP", "FOCUS", "ANALYSIS", "INTERVIEW", "BREAKINGVIEWS"};
            for (size_t k = 0; k < COUNT(slugs); k++) {
                size_t m = strlen(slugs[k]), q = cut + m;
                if (fl <= q + 2 || memcmp(f + cut, slugs[k], m) != 0)
                    continue;
                if (f[q] == ' ' && q + 1 < fl && str_isdigit((unsigned char)f[q + 1]))
                    for (q++; q < fl && str_isdigit((unsigned char)f[q]);)
                        q++;
                if (q + 1 < fl && f[q] == '-' && str_isupper((unsigned char)f[q + 1]))
                    cut = q + 1;
                break;
            }
        }
        /* clauses: "; " separates events in summaries */
        size_t cb = cut;
        while (cb < fl) {
            size_t ce = cb;
            while (ce < fl && !(f[ce] == ';' && ce + 1 < fl && f[ce + 1] == ' '))
                ce++;
            if (ns == ANALYZE_MAX_SENTS) {
                scan_note(&d, NULL, "only the first %d sentences are read", ANALYZE_MAX_SENTS);
                break;
            }
            if (ns == cap) {
                cap = cap ? cap * 2 : 32;
                sents = xrealloc(sents, cap * sizeof *sents);
            }
            scan_sent *st = &sents[ns];
            memset(st, 0, offsetof(scan_sent, money));
            st->whole = NULL;
            char *c = xstrndup(f + cb, ce - cb);
            char *lc = xmalloc(ce - cb + 1);
            lower_copy(lc, c, ce - cb);
            st->s = c;
            st->lc = lc;
            st->n = ce - cb;
            st->orig = text + sb;
            st->orig_len = sl;
            st->offset = sb;
            st->index = index;
            st->n_money = money_find(c, st->n, sentence_cny(c, st->n, d.cny), st->money, MONEY_MAX);
            ns++;
            cb = ce + 1;
            while (cb < fl && f[cb] == ' ')
                cb++;
        }
        free(f);
        index++;
        if (ns == ANALYZE_MAX_SENTS)
            break;
    }
    static const char *const product_stems[] = {"launch", "unveil", "releas", "introduc", "debut",
        "roll", "ship", "open-sourc"};
    /* the headline's first name: who "the company" is before any event says */
    static const char *const head_cues[] = {"raise", "raises", "raised", "funding", "round",
        "series", "seed", "financing", "investment", "backing", "lands", "secures", "bags"};
    if (ns > 0 && sents[0].index == 0) {
        d.head_funding = scan_any(sents[0].lc, sents[0].n, 0, head_cues, COUNT(head_cues), NULL) != SCAN_NONE;
        size_t b, l = org_name_after(sents[0].s, sents[0].n, 0, &b);
        char *h = l ? org_clean(sents[0].s + b, l) : NULL;
        if (h && strlen(h) < sizeof d.head_company)
            memcpy(d.head_company, h, strlen(h) + 1);
        free(h);
    }
    /* the first name of each sentence, once: the salient name and each
     * sentence's opener are read from it */
    size_t *open_b = xmalloc((ns ? ns : 1) * 2 * sizeof *open_b), *open_l = open_b + (ns ? ns : 1);
    for (size_t i = 0; i < ns; i++) {
        /* the first 120 bytes, backed up to a space: a window must not cut a word */
        size_t w = sents[i].n < 120 ? sents[i].n : 120;
        while (w < sents[i].n && w > 0 && sents[i].s[w] != ' ')
            w--;
        open_l[i] = org_name_after(sents[i].s, w, 0, &open_b[i]);
    }
    find_salient(&d, sents, ns, text, len, open_b, open_l);
    d.sents = sents;
    d.n_sents = ns;
    char opener[128] = "";
    bool boiler = false, related = false;
    for (size_t i = 0; i < ns && found.n < ANALYZE_MAX_EVENTS; i++) {
        scan_sent *st = &sents[i];
        explain_sentence(&d, st);
        /* who the previous sentence was about: "It" in a digest's next
         * sentence is that company */
        memcpy(d.prev_subject, opener, sizeof opener);
        if (opener[0] && count_name(text, len < 65536 ? len : 65536, opener, 2) >= 2) {
            memcpy(d.recent_subject, opener, sizeof opener);
            d.recent_index = st->index - 1;
        }
        d.cur_index = st->index;
        sentence_opener(st, open_b[i], open_l[i], opener, sizeof opener);
        /* a press release's "About Acme" boilerplate describes the
         * companies; it reports no event (its sentences still give homes
         * and descriptors to the finishing passes) */
        if (about_heading(st))
            boiler = true;
        else if (boiler && st->n < 40 && (str_starts(st->lc, "media contact") || str_starts(st->lc, "contact") ||
                                          str_starts(st->lc, "forward-looking") || str_starts(st->lc, "source:")))
            boiler = false;
        /* a page's list of other stories ("Related articles", "Read more",
         * "More from ...") links headlines that are not this article's news;
         * a long sentence ends the list */
        if (links_heading(text, len, st))
            related = true;
        else if (related && st->n > 200)
            related = false;
        st->unread = boiler || related;
        if (boiler || related) {
            scan_note(&d, st, "%s: not read for events", boiler ? "boilerplate" : "links to other stories");
            continue;
        }
        size_t before = found.n;
        st->title = (st->index == 0 || own_line(text, len, st)) && title_case(st->s, st->n);
        st->funding_got = st->n_money ? funding_read(&d, st) : 0;
        if (!st->funding_got && d.last_funding >= 0)
            funding_attach(&d, st);
        st->deal_got = deal_read(&d, st);
        stock_read(&d, st);
        infra_read(&d, st);
        if (!st->title && any_stem(st->lc, st->n, product_stems, COUNT(product_stems)))
            product_read(&d, st);
        for (size_t k = before; k < found.n; k++)
            scan_note(&d, st, "  => %s: %s", event_type_name(found.items[k].type), event_who(&found.items[k]));
    }
    free(open_b);
    if (found.n >= ANALYZE_MAX_EVENTS)
        scan_note(&d, NULL, "stopped at %d events: the rest of the text is not read", ANALYZE_MAX_EVENTS);
    funding_finish(&d, sents, ns);
    deal_finish(&d, sents, ns);
    stock_finish(&d, sents, ns);
    infra_finish(&d, sents, ns);
    for (size_t i = 0; i < found.n; i++)
        tidy_names(&found.items[i]);
    expand_names(&d, &found);
    dedup(&d, &found);
    describe_events(sents, ns, &found);
    for (size_t i = 0; i < found.n; i++) {
        event_t *e = event_list_add(out, found.items[i].type);
        *e = found.items[i];
    }
    free(found.items);
    for (size_t i = 0; i < ns; i++) {
        free((char *)sents[i].s);
        free((char *)sents[i].lc);
    }
    free(sents);
    return 0;
}
