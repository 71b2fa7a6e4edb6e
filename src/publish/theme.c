/* theme: which of a tracker's themes an event or a document belongs to. */
#include "theme.h"

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
    int best = -1, best_score = -1;
    size_t sn = e->sentence ? strlen(e->sentence) : 0, cn = context ? strlen(context) : 0;
    char *sent = lower_copy(e->sentence ? e->sentence : "", sn);
    char *ctx = lower_copy(context, cn);
    const char *org = event_org_name(e);
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        if (!takes_type(th, e->type))
            continue;
        int score = 0;
        for (size_t k = 0; k < th->keywords.n; k++) {
            score += 3 * hits(sent, sn, th->keywords.v[k], 2);
            if (ctx)
                score += hits(ctx, cn, th->keywords.v[k], 2);
        }
        for (size_t k = 0; org && k < th->orgs.n; k++)
            if (str_casecmp(org, th->orgs.v[k]) == 0)
                score += 6;
        if (score > best_score) {
            best = (int)i;
            best_score = score;
        }
    }
    free(sent);
    free(ctx);
    return best;
}

int theme_of_doc(const tracker_def *t, const char *title, const char *text)
{
    int best = -1, best_score = 0;
    size_t tn = title ? strlen(title) : 0, xn = text ? strlen(text) : 0;
    if (xn > 20000)
        xn = 20000; /* the opening says what a story is about */
    char *lt = lower_copy(title, tn), *lx = lower_copy(text, xn);
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        int score = 0;
        for (size_t k = 0; k < th->keywords.n; k++) {
            if (lt)
                score += 3 * hits(lt, tn, th->keywords.v[k], 2);
            if (lx)
                score += hits(lx, xn, th->keywords.v[k], 5);
        }
        if (score > best_score) {
            best = (int)i;
            best_score = score;
        }
    }
    free(lt);
    free(lx);
    return best;
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

static int doc_text(const doc_rec *d, void *ctx)
{
    *(char **)ctx = xstrdup(d->text ? d->text : "");
    return 0;
}

int theme_of_stored_event(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id)
{
    int64_t doc = 0;
    char *text = NULL;
    store_mentions_each(s, event_id, first_doc, &doc);
    if (doc)
        store_doc_get(s, doc, doc_text, &text);
    int th = theme_of_event(t, e, text);
    free(text);
    return th;
}
