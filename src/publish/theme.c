/* theme: which of a tracker's themes an event or a document belongs to. */
#include "theme.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/str.h"

/* Occurrences of a keyword that starts a word (so "agent" matches
 * "agents" but "ai" does not match "said"), capped. */
static int hits(const char *hay, size_t n, const char *kw, int cap)
{
    int count = 0;
    size_t m = strlen(kw);
    const char *p = hay, *end = hay + n;
    while (count < cap && p < end) {
        const char *h = str_icasestr(p, (size_t)(end - p), kw);
        if (!h)
            break;
        if (h == hay || !str_isalnum((unsigned char)h[-1]))
            count++;
        p = h + m;
    }
    return count;
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
    const char *sent = e->sentence ? e->sentence : "";
    size_t sn = strlen(sent), cn = context ? strlen(context) : 0;
    const char *org = event_org_name(e);
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        if (!takes_type(th, e->type))
            continue;
        int score = 0;
        for (size_t k = 0; k < th->keywords.n; k++) {
            score += 3 * hits(sent, sn, th->keywords.v[k], 2);
            if (context)
                score += hits(context, cn, th->keywords.v[k], 2);
        }
        for (size_t k = 0; org && k < th->orgs.n; k++)
            if (str_casecmp(org, th->orgs.v[k]) == 0)
                score += 6;
        if (score > best_score) {
            best = (int)i;
            best_score = score;
        }
    }
    return best;
}

int theme_of_doc(const tracker_def *t, const char *title, const char *text)
{
    int best = -1, best_score = 0;
    size_t tn = title ? strlen(title) : 0, xn = text ? strlen(text) : 0;
    if (xn > 20000)
        xn = 20000; /* the opening says what a story is about */
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        int score = 0;
        for (size_t k = 0; k < th->keywords.n; k++) {
            if (title)
                score += 3 * hits(title, tn, th->keywords.v[k], 2);
            if (text)
                score += hits(text, xn, th->keywords.v[k], 5);
        }
        if (score > best_score) {
            best = (int)i;
            best_score = score;
        }
    }
    return best;
}

int theme_doc_allowed(const tracker_def *t, const char *title, const char *text, const char *outlet)
{
    size_t tn = title ? strlen(title) : 0, xn = text ? strlen(text) : 0;
    for (size_t i = 0; outlet && i < t->exclude_outlets.n; i++)
        if (str_icasestr(outlet, strlen(outlet), t->exclude_outlets.v[i]))
            return 0;
    for (size_t i = 0; i < t->exclude.n; i++)
        if ((title && hits(title, tn, t->exclude.v[i], 1)) || (text && hits(text, xn, t->exclude.v[i], 1)))
            return 0;
    if (t->include.n == 0)
        return 1;
    for (size_t i = 0; i < t->include.n; i++)
        if ((title && hits(title, tn, t->include.v[i], 1)) || (text && hits(text, xn, t->include.v[i], 1)))
            return 1;
    return 0;
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
