/* theme: which of a tracker's themes an event or a document belongs to. */
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/str.h"

/* Occurrences of a keyword that starts a word (so "agent" matches
 * "agents" but "ai" does not match "said"), capped. hay is lower-cased
 * already, as the tracker's keywords are. */
static int hits(const char *hay, size_t n, const char *kw, int cap)
{
    int count = 0;
    size_t m = strlen(kw);
    const char *p = hay, *end = hay + n;
    while (count < cap && p < end) {
        const char *h = memmem(p, (size_t)(end - p), kw, m);
        if (!h)
            break;
        if (h == hay || !str_isalnum((unsigned char)h[-1]))
            count++;
        p = h + m;
    }
    return count;
}

/* Every keyword of every theme counted in one pass over hay, as hits()
 * counts each (the same leftmost, non-overlapping scan, the same cap): at
 * each position only the keywords that start with its byte are compared,
 * where hits() made a pass of memmem per keyword. counts[j] is keyword j in
 * theme order (kw_index). */
typedef struct kw_set {
    const char **kw;
    size_t *len;
    size_t n;
    int head[256];            /* first keyword starting with a byte, -1 */
    int *next;                /* the next one with the same first byte */
} kw_set;

static void kw_init(kw_set *k, const tracker_def *t)
{
    memset(k, 0, sizeof *k);
    for (size_t i = 0; i < t->n_themes; i++)
        k->n += t->themes[i].keywords.n;
    k->kw = xcalloc(k->n + 1, sizeof *k->kw);
    k->len = xcalloc(k->n + 1, sizeof *k->len);
    k->next = xcalloc(k->n + 1, sizeof *k->next);
    for (int b = 0; b < 256; b++)
        k->head[b] = -1;
    size_t j = 0;
    for (size_t i = 0; i < t->n_themes; i++)
        for (size_t q = 0; q < t->themes[i].keywords.n; q++, j++) {
            k->kw[j] = t->themes[i].keywords.v[q];
            k->len[j] = strlen(k->kw[j]);
            k->next[j] = -1;
        }
    /* chained in reverse so that each chain runs in keyword order */
    for (size_t q = k->n; q-- > 0;) {
        if (!k->len[q])
            continue;
        unsigned char b = (unsigned char)k->kw[q][0];
        k->next[q] = k->head[b];
        k->head[b] = (int)q;
    }
}

static void kw_free(kw_set *k)
{
    free(k->kw);
    free(k->len);
    free(k->next);
}

static void kw_count(const kw_set *k, const char *hay, size_t n, int cap, int *counts)
{
    size_t *from = xcalloc(k->n + 1, sizeof *from); /* where hits() would search next */
    memset(counts, 0, (k->n + 1) * sizeof *counts);
    for (size_t j = 0; j < k->n; j++)
        if (!k->len[j])
            counts[j] = hits(hay, n, k->kw[j], cap); /* as it was */
    for (size_t i = 0; i < n; i++) {
        for (int j = k->head[(unsigned char)hay[i]]; j >= 0; j = k->next[j]) {
            size_t m = k->len[j];
            const char *w = k->kw[j];
            if (i < from[j] || counts[j] >= cap || m > n - i ||
                (m > 1 && (hay[i + 1] != w[1] || hay[i + m - 1] != w[m - 1])) ||
                (m > 2 && memcmp(hay + i + 2, w + 2, m - 3) != 0))
                continue;
            if (i == 0 || !str_isalnum((unsigned char)hay[i - 1]))
                counts[j]++;
            from[j] = i + m;
        }
    }
    free(from);
}

/* An ASCII lower-case copy of the first n bytes of s (NULL for NULL). */
static char *lower_copy(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *c = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        c[i] = (char)str_tolower((unsigned char)s[i]);
    c[n] = '\0';
    return c;
}

static int takes_type(const theme_def *th, event_type type)
{
    if (th->types.n == 0)
        return 1;
    for (size_t i = 0; i < th->types.n; i++)
        if (strcmp(th->types.v[i], event_type_name(type)) == 0)
            return 1;
    return 0;
}

static const char *event_org_name(const event_t *e)
{
    return e->company ? e->company : e->acquirer ? e->acquirer : e->organization;
}

int theme_of_event(const tracker_def *t, const event_t *e, const char *context)
{
    /* the best of theme_event_scores' (-1: a theme that takes no such event) */
    int *scores = xcalloc(t->n_themes + 1, sizeof *scores);
    theme_event_scores(t, e, context, scores);
    int best = -1, best_score = -1;
    for (size_t i = 0; i < t->n_themes; i++)
        if (scores[i] > best_score) {
            best = (int)i;
            best_score = scores[i];
        }
    free(scores);
    return best;
}

int theme_of_doc(const tracker_def *t, const char *title, const char *text)
{
    int best = -1, best_score = 0;
    size_t tn = title ? strlen(title) : 0, xn = text ? strlen(text) : 0;
    if (xn > 20000)
        xn = 20000; /* the opening says what a story is about */
    char *lt = lower_copy(title, tn), *lx = lower_copy(text, xn);
    kw_set ks;
    kw_init(&ks, t);
    int *in_title = xcalloc(ks.n + 1, sizeof *in_title), *in_text = xcalloc(ks.n + 1, sizeof *in_text);
    if (lt)
        kw_count(&ks, lt, tn, 2, in_title);
    if (lx)
        kw_count(&ks, lx, xn, 5, in_text);
    size_t j0 = 0;
    for (size_t i = 0; i < t->n_themes; j0 += t->themes[i].keywords.n, i++) {
        const theme_def *th = &t->themes[i];
        int score = 0;
        for (size_t k = 0; k < th->keywords.n; k++)
            score += 3 * in_title[j0 + k] + in_text[j0 + k];
        if (score > best_score) {
            best = (int)i;
            best_score = score;
        }
    }
    free(in_title);
    free(in_text);
    kw_free(&ks);
    free(lt);
    free(lx);
    return best;
}

uint64_t theme_hash_str(uint64_t h, const char *s)
{
    /* FNV-1a; NULL and "" differ, and each string ends with a separator */
    if (!s)
        return (h ^ 0xffu) * 1099511628211u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return (h ^ 0xfeu) * 1099511628211u;
}

static uint64_t hash_list(uint64_t h, const str_list *l)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", l->n);
    h = theme_hash_str(h, n);
    for (size_t i = 0; i < l->n; i++)
        h = theme_hash_str(h, l->v[i]);
    return h;
}

uint64_t theme_rules_hash(const tracker_def *t)
{
    /* the rules' version: a change of how themes or the filter are read
     * (here, scope.c) changes it, and stored assignments are redone */
    uint64_t h = theme_hash_str(1469598103934665603u, "themes v1");
    char n[32];
    snprintf(n, sizeof n, "%zu", t->n_themes);
    h = theme_hash_str(h, n);
    for (size_t i = 0; i < t->n_themes; i++) {
        h = hash_list(h, &t->themes[i].types);
        h = hash_list(h, &t->themes[i].keywords);
        h = hash_list(h, &t->themes[i].orgs);
    }
    h = hash_list(h, &t->include);
    h = hash_list(h, &t->exclude);
    return hash_list(h, &t->exclude_outlets);
}

int theme_doc_allowed(const tracker_def *t, const char *title, const char *text, const char *outlet)
{
    for (size_t i = 0; outlet && i < t->exclude_outlets.n; i++)
        if (str_icasestr(outlet, strlen(outlet), t->exclude_outlets.v[i]))
            return 0;
    if (t->exclude.n == 0 && t->include.n == 0)
        return 1;
    size_t tn = title ? strlen(title) : 0, xn = text ? strlen(text) : 0;
    char *lt = lower_copy(title, tn), *lx = lower_copy(text, xn);
    int allowed = t->include.n == 0;
    for (size_t i = 0; !allowed && i < t->include.n; i++)
        allowed = (lt && hits(lt, tn, t->include.v[i], 1)) || (lx && hits(lx, xn, t->include.v[i], 1));
    for (size_t i = 0; allowed && i < t->exclude.n; i++)
        if ((lt && hits(lt, tn, t->exclude.v[i], 1)) || (lx && hits(lx, xn, t->exclude.v[i], 1)))
            allowed = 0;
    free(lt);
    free(lx);
    return allowed;
}

static int first_doc(int64_t doc_id, const char *sentence, double conf, void *ctx)
{
    int64_t *id = ctx;
    if (!*id)
        *id = doc_id;
    return 0;
}

typedef struct doc_read {
    char *title, *text;
} doc_read;

static int doc_text(const doc_rec *d, void *ctx)
{
    doc_read *r = ctx;
    r->title = d->title ? xstrdup(d->title) : NULL;
    r->text = xstrdup(d->text ? d->text : "");
    return 0;
}

/* The text around a sentence in its document (400 bytes either side), as
 * the report scores an event's theme. */
static char *context_around(const char *text, const char *sentence)
{
    if (!text)
        return NULL;
    const char *at = sentence && *sentence ? strstr(text, sentence) : NULL;
    size_t len = strlen(text);
    size_t start = at ? (size_t)(at - text) : 0;
    size_t from = start > 400 ? start - 400 : 0;
    size_t to = start + (sentence ? strlen(sentence) : 0) + 400;
    if (to > len)
        to = len;
    return xstrndup(text + from, to - from);
}

/* The report's rule, so that a theme means the same events in the report,
 * the events table, the API, MCP and alerts: the event's sentence and the
 * text around it in its first report; failing that the theme of that
 * document; failing that the first theme. */
int theme_of_stored_event(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id)
{
    if (!t->n_themes)
        return -1;
    int64_t doc = 0;
    doc_read d = {0};
    store_mentions_each(s, event_id, first_doc, &doc);
    if (doc)
        store_doc_get(s, doc, doc_text, &d);
    int th = d.text ? theme_of_event_in_doc(t, e, d.title, d.text) : theme_of_event(t, e, NULL);
    free(d.title);
    free(d.text);
    return th < 0 ? 0 : th;
}

int theme_of_event_in_doc(const tracker_def *t, const event_t *e, const char *title, const char *text)
{
    if (!t->n_themes)
        return -1;
    char *ctx = context_around(text, e->sentence);
    int th = theme_of_event(t, e, ctx);
    free(ctx);
    if (th < 0 && text)
        th = theme_of_doc(t, title, text);
    return th < 0 ? 0 : th;
}

/* ---- issue 14: every theme an event fits ---- */
void theme_event_scores(const tracker_def *t, const event_t *e, const char *context, int *scores)
{
    size_t sn = e->sentence ? strlen(e->sentence) : 0, cn = context ? strlen(context) : 0;
    char *sent = lower_copy(e->sentence ? e->sentence : "", sn);
    char *ctx = lower_copy(context, cn);
    const char *org = event_org_name(e);
    kw_set ks;
    kw_init(&ks, t);
    int *in_sent = xcalloc(ks.n + 1, sizeof *in_sent), *in_ctx = xcalloc(ks.n + 1, sizeof *in_ctx);
    kw_count(&ks, sent, sn, 2, in_sent);
    if (ctx)
        kw_count(&ks, ctx, cn, 2, in_ctx);
    size_t j0 = 0;
    for (size_t i = 0; i < t->n_themes; j0 += t->themes[i].keywords.n, i++) {
        const theme_def *th = &t->themes[i];
        if (!takes_type(th, e->type)) {
            scores[i] = -1;
            continue;
        }
        int score = 0;
        for (size_t k = 0; k < th->keywords.n; k++)
            score += 3 * in_sent[j0 + k] + in_ctx[j0 + k];
        for (size_t k = 0; org && k < th->orgs.n; k++)
            if (str_casecmp(org, th->orgs.v[k]) == 0)
                score += 6;
        scores[i] = score;
    }
    free(in_sent);
    free(in_ctx);
    kw_free(&ks);
    free(sent);
    free(ctx);
}
