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

/* ---- scope_events: many events judged in a few reads ---- */

typedef struct ev_slot {
    int64_t id;
    size_t at;                /* its place in the caller's arrays */
    size_t first, n;          /* its documents: docs.v[first .. first+n) */
    int open;                 /* not decided yet */
} ev_slot;

typedef struct doc_text {
    int64_t id;
    char *title, *text, *outlet;
} doc_text;

typedef struct batch {
    ev_slot *ev;              /* by id */
    size_t nev;
    ids docs;                 /* every event's documents, oldest first */
    ev_slot *cur;             /* the event store_mentions_of is giving */
    doc_text *got;            /* this round's documents, by id */
    size_t ngot, capgot;
} batch;

static int slot_cmp(const void *a, const void *b)
{
    int64_t x = ((const ev_slot *)a)->id, y = ((const ev_slot *)b)->id;
    return x < y ? -1 : x > y;
}

static int i64_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static ev_slot *slot_of(batch *b, int64_t id)
{
    ev_slot key = {.id = id};
    return bsearch(&key, b->ev, b->nev, sizeof *b->ev, slot_cmp);
}

static int take_mention(int64_t event_id, int64_t doc_id, const char *sentence, double confidence,
                        void *ctx)
{
    batch *b = ctx;
    if (!b->cur || b->cur->id != event_id)
        b->cur = slot_of(b, event_id);
    if (!b->cur)
        return 0;
    if (!b->cur->n)
        b->cur->first = b->docs.n;
    if (b->cur->first + b->cur->n != b->docs.n)
        return 0; /* (rows come grouped by event) */
    b->cur->n++;
    return take_id(doc_id, sentence, confidence, &b->docs);
}

static int take_doc(const doc_rec *d, void *ctx)
{
    batch *b = ctx;
    if (b->ngot == b->capgot) {
        b->capgot = b->capgot ? 2 * b->capgot : 64;
        b->got = xrealloc(b->got, b->capgot * sizeof *b->got);
    }
    b->got[b->ngot++] = (doc_text){d->id, d->title ? xstrdup(d->title) : NULL,
                                   d->text ? xstrdup(d->text) : NULL,
                                   d->outlet ? xstrdup(d->outlet) : NULL};
    return 0;
}

static void got_clear(batch *b)
{
    for (size_t i = 0; i < b->ngot; i++) {
        free(b->got[i].title);
        free(b->got[i].text);
        free(b->got[i].outlet);
    }
    b->ngot = 0;
}

static const doc_text *got_find(const batch *b, int64_t id)
{
    size_t lo = 0, hi = b->ngot;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->got[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->ngot && b->got[lo].id == id ? &b->got[lo] : NULL;
}

static int doc_id_cmp(const void *a, const void *b)
{
    int64_t x = ((const doc_text *)a)->id, y = ((const doc_text *)b)->id;
    return x < y ? -1 : x > y;
}

int scope_events(store_t *s, const tracker_def *t, const event_t *const *e, const int64_t *event_ids,
                 size_t n, int *in, int *theme)
{
    batch b = {0};
    b.ev = xcalloc(n ? n : 1, sizeof *b.ev);
    int rules = doc_rules(t);
    /* what needs no read: excluded organisations; with no document rules,
     * every event is in and only its theme wants its first document */
    for (size_t i = 0; i < n; i++) {
        in[i] = 0;
        if (theme)
            theme[i] = -1;
        if (org_excluded(t, e[i]))
            continue;
        if (!rules) {
            in[i] = 1;
            if (!theme || !t->n_themes)
                continue;
        }
        b.ev[b.nev++] = (ev_slot){.id = event_ids[i], .at = i, .open = 1};
    }
    int rc = 0;
    if (b.nev) {
        qsort(b.ev, b.nev, sizeof *b.ev, slot_cmp);
        int64_t *want = xmalloc(b.nev * sizeof *want);
        for (size_t i = 0; i < b.nev; i++)
            want[i] = b.ev[i].id;
        rc = store_mentions_of(s, want, b.nev, take_mention, &b);
        free(want);
    }
    /* round k reads the k-th document of each event not decided yet: with
     * no rules only the first; with rules up to the first the tracker's */
    for (size_t k = 0; rc == 0; k++) {
        ids round = {0};
        for (size_t i = 0; i < b.nev; i++)
            if (b.ev[i].open && k < b.ev[i].n)
                take_id(b.docs.v[b.ev[i].first + k], NULL, 0, &round);
        if (round.n) {
            qsort(round.v, round.n, sizeof *round.v, i64_cmp);
            rc = store_docs_text_of(s, round.v, round.n, take_doc, &b);
            if (b.ngot)
                qsort(b.got, b.ngot, sizeof *b.got, doc_id_cmp);
        }
        free(round.v);
        if (rc < 0)
            break;
        int open = 0;
        for (size_t i = 0; i < b.nev; i++) {
            ev_slot *v = &b.ev[i];
            if (!v->open)
                continue;
            const event_t *ev = e[v->at];
            const doc_text *d = k < v->n ? got_find(&b, b.docs.v[v->first + k]) : NULL;
            if (!rules) {
                /* theme_of_stored_event's rule: the first document's text,
                 * else the sentence alone */
                int th = d ? theme_of_event_in_doc(t, ev, d->title, d->text ? d->text : "")
                           : theme_of_event(t, ev, NULL);
                theme[v->at] = th < 0 ? 0 : th;
                v->open = 0;
                continue;
            }
            if (d && scope_doc_in(t, d->title, d->text, d->outlet)) {
                in[v->at] = 1;
                if (theme)
                    theme[v->at] = theme_of_event_in_doc(t, ev, d->title, d->text);
                v->open = 0;
            } else if (k + 1 >= v->n) {
                v->open = 0; /* none of its documents is the tracker's */
            } else {
                open = 1;
            }
        }
        got_clear(&b);
        if (!open)
            break;
    }
    got_clear(&b);
    free(b.got);
    free(b.docs.v);
    free(b.ev);
    return rc < 0 ? -1 : 0;
}
