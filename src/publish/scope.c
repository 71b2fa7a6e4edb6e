/* scope: the one definition of a tracker's documents and events. */
#include "publish/scope.h"

#include <stdlib.h>
#include <string.h>

#include "publish/theme.h"
#include "util/str.h"

int scope_doc_in(const tracker_def *t, const char *title, const char *text, const char *outlet)
{
    return theme_doc_allowed(t, title, text, outlet);
}

static int doc_rules(const tracker_def *t)
{
    return t->include.n || t->exclude.n || t->exclude_outlets.n;
}

int scope_all(const tracker_def *t)
{
    return !doc_rules(t) && !t->exclude_orgs.n;
}

/* 1 when the tracker's filter excludes an organisation the event names. */
static int org_excluded(const tracker_def *t, const event_t *e)
{
    const char *names[] = {e->company, e->acquirer, e->target, e->organization};
    for (size_t i = 0; i < t->exclude_orgs.n; i++)
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (names[k] && str_icasestr(names[k], strlen(names[k]), t->exclude_orgs.v[i]))
                return 1;
    return 0;
}

typedef struct ids {
    int64_t *v;
    size_t n, cap;
} ids;

static int take_id(int64_t doc_id, const char *sentence, double confidence, void *ctx)
{
    ids *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = doc_id;
    return 0;
}

typedef struct judged {
    const tracker_def *t;
    const event_t *e;
    int want;       /* the theme is wanted */
    int in;
    int theme;
} judged;

static int judge_doc(const doc_rec *d, void *ctx)
{
    judged *j = ctx;
    if (!scope_doc_in(j->t, d->title, d->text, d->outlet))
        return 0;
    j->in = 1;
    if (j->want)
        j->theme = theme_of_event_in_doc(j->t, j->e, d->title, d->text);
    return 0;
}

int scope_event(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id,
                scope_doc_fn doc, void *ctx, int *theme)
{
    if (theme)
        *theme = -1;
    if (org_excluded(t, e))
        return 0;
    if (!doc && !doc_rules(t)) {
        /* every document is the tracker's: the theme by the first */
        if (theme)
            *theme = theme_of_stored_event(s, t, e, event_id);
        return 1;
    }
    ids l = {0};
    if (store_mentions_each(s, event_id, take_id, &l) < 0) {
        free(l.v);
        return -1;
    }
    int in = 0, rc = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (doc) {
            const char *title = NULL, *text = NULL;
            int r = doc(ctx, l.v[i], &title, &text);
            if (r < 0) {
                rc = -1;
                break;
            }
            if (r > 0 && !in) {
                in = 1;
                if (theme)
                    *theme = theme_of_event_in_doc(t, e, title, text);
            }
            continue; /* the caller's view sees every document */
        }
        judged j = {t, e, theme != NULL, 0, -1};
        if (store_doc_get(s, l.v[i], judge_doc, &j) < 0) {
            rc = -1;
            break;
        }
        if (j.in) {
            in = 1;
            if (theme)
                *theme = j.theme;
            break;
        }
    }
    free(l.v);
    if (rc < 0)
        return -1;
    if (!in && theme)
        *theme = -1;
    return in;
}
