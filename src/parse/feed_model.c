/* feed_model: the value tree that holds a parsed feed, and its JSON form. */
#include "feed_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"

fv *fv_new(fv_type t)
{
    fv *v = xcalloc(1, sizeof *v);
    v->t = t;
    return v;
}

fv *fv_str(const char *s)
{
    if (!s)
        return fv_new(FV_NULL);
    fv *v = fv_new(FV_STR);
    v->s = xstrdup(s);
    return v;
}

fv *fv_strn(const char *s, size_t n)
{
    fv *v = fv_new(FV_STR);
    v->s = xstrndup(s, n);
    return v;
}

fv *fv_int(long long i)
{
    fv *v = fv_new(FV_INT);
    v->i = i;
    return v;
}

void fv_free(fv *v)
{
    while (v) {
        fv *c = v->head;
        while (c) {
            fv *nx = c->next;
            c->next = NULL;
            fv_free(c);
            c = nx;
        }
        free(v->key);
        free(v->s);
        free(v);
        v = NULL;
    }
}

fv *fv_dup(const fv *v)
{
    if (!v)
        return NULL;
    fv *d = fv_new(v->t);
    d->i = v->i;
    if (v->s)
        d->s = xstrdup(v->s);
    for (const fv *c = v->head; c; c = c->next) {
        fv *cc = fv_dup(c);
        if (c->key)
            cc->key = xstrdup(c->key);
        if (d->tail)
            d->tail->next = cc;
        else
            d->head = cc;
        d->tail = cc;
        d->n++;
    }
    return d;
}

fv *fv_get(const fv *o, const char *key)
{
    if (!o || o->t != FV_OBJ)
        return NULL;
    for (fv *c = o->head; c; c = c->next)
        if (!strcmp(c->key, key))
            return c;
    return NULL;
}

const char *fv_gets(const fv *o, const char *key)
{
    fv *v = fv_get(o, key);
    return v && v->t == FV_STR ? v->s : NULL;
}

fv *fv_set(fv *o, const char *key, fv *v)
{
    if (!o || o->t != FV_OBJ) {
        fv_free(v);
        return NULL;
    }
    fv *prev = NULL;
    for (fv *c = o->head; c; prev = c, c = c->next) {
        if (!strcmp(c->key, key)) { /* replace in place */
            v->key = c->key;
            c->key = NULL;
            v->next = c->next;
            if (prev)
                prev->next = v;
            else
                o->head = v;
            if (o->tail == c)
                o->tail = v;
            c->next = NULL;
            fv_free(c);
            return v;
        }
    }
    if (o->n >= FEED_MAX_MEMBERS) {
        fv_free(v);
        return NULL;
    }
    v->key = xstrdup(key);
    if (o->tail)
        o->tail->next = v;
    else
        o->head = v;
    o->tail = v;
    o->n++;
    return v;
}

void fv_sets(fv *o, const char *key, const char *s)
{
    fv_set(o, key, fv_str(s));
}

void fv_del(fv *o, const char *key)
{
    if (!o || o->t != FV_OBJ)
        return;
    fv *prev = NULL;
    for (fv *c = o->head; c; prev = c, c = c->next) {
        if (!strcmp(c->key, key)) {
            if (prev)
                prev->next = c->next;
            else
                o->head = c->next;
            if (o->tail == c)
                o->tail = prev;
            c->next = NULL;
            o->n--;
            fv_free(c);
            return;
        }
    }
}

fv *fv_want(fv *o, const char *key, fv_type t)
{
    fv *v = fv_get(o, key);
    if (v && v->t == t)
        return v;
    return fv_set(o, key, fv_new(t));
}

fv *fv_push(fv *a, fv *v)
{
    if (!a || a->t != FV_ARR || a->n >= FEED_MAX_MEMBERS) {
        fv_free(v);
        return NULL;
    }
    if (a->tail)
        a->tail->next = v;
    else
        a->head = v;
    a->tail = v;
    a->n++;
    return v;
}

fv *fv_last(const fv *a)
{
    return a ? a->tail : NULL;
}

fv *fv_at(const fv *a, size_t i)
{
    if (!a)
        return NULL;
    fv *c = a->head;
    while (c && i--)
        c = c->next;
    return c;
}

bool fv_equal(const fv *a, const fv *b)
{
    if (!a || !b)
        return a == b;
    if (a->t != b->t || a->n != b->n)
        return false;
    switch (a->t) {
    case FV_NULL: return true;
    case FV_STR: return !strcmp(a->s, b->s);
    case FV_INT: return a->i == b->i;
    case FV_ARR:
        for (const fv *x = a->head, *y = b->head; x; x = x->next, y = y->next)
            if (!fv_equal(x, y))
                return false;
        return true;
    case FV_OBJ:
        for (const fv *x = a->head; x; x = x->next)
            if (!fv_equal(x, fv_get(b, x->key)))
                return false;
        return true;
    }
    return false;
}

void fv_write(const fv *v, jw_t *w)
{
    if (!v) {
        jw_null(w);
        return;
    }
    switch (v->t) {
    case FV_NULL: jw_null(w); break;
    case FV_STR: jw_str(w, v->s); break;
    case FV_INT: jw_int(w, v->i); break;
    case FV_ARR:
        jw_arr(w);
        for (const fv *c = v->head; c; c = c->next)
            fv_write(c, w);
        jw_arr_end(w);
        break;
    case FV_OBJ:
        jw_obj(w);
        for (const fv *c = v->head; c; c = c->next) {
            if (c->key[0] == '.') /* internal members start with a dot */
                continue;
            jw_key(w, c->key);
            fv_write(c, w);
        }
        jw_obj_end(w);
        break;
    }
}
