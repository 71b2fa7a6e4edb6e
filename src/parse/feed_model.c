/* feed_model: the value tree that holds a parsed feed, and its JSON form. */
#include "feed_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

#define FV_OWN_KEY 1
#define FV_OWN_S 2

/* The member names of feedparser's model, shared instead of copied into
 * every object; other names (unknown elements, attributes) are copied. */
static const char *const KEYS[] = {
    "author", "author_detail", "authors", "base", "comments", "content", "contributors", "created",
    "created_parsed", "email", "enclosures", "expired", "expired_parsed", "generator", "generator_detail",
    "guidislink", "height", "href", "id", "image", "info", "label", "language", "length", "license",
    "link", "links", "name", "published", "published_parsed", "publisher", "publisher_detail", "rel",
    "rights", "rights_detail", "scheme", "source", "src", "subtitle", "subtitle_detail", "summary",
    "summary_detail", "tags", "term", "textinput", "title", "title_detail", "type", "updated",
    "updated_parsed", "url", "value", "width", NULL};

#define KEY_SLOTS 256 /* power of two, well over twice the keys */
static const char *key_tab[KEY_SLOTS];

static unsigned key_hash(const char *k, size_t n)
{
    return ((unsigned)n * 31u + (unsigned char)k[0] * 7u + (unsigned char)k[n - 1] * 131u +
            (n > 4 ? (unsigned char)k[4] : 0u)) & (KEY_SLOTS - 1);
}

static void key_tab_fill(void)
{
    for (int i = 0; KEYS[i]; i++) {
        unsigned h = key_hash(KEYS[i], strlen(KEYS[i]));
        while (key_tab[h])
            h = (h + 1) & (KEY_SLOTS - 1);
        key_tab[h] = KEYS[i];
    }
}

/* The shared copy of key, or NULL when it is not one of KEYS. */
static const char *key_shared(const char *key)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT; /* feeds may be parsed on several threads */
    pthread_once(&once, key_tab_fill);
    size_t n = strlen(key);
    if (!n)
        return NULL;
    for (unsigned h = key_hash(key, n); key_tab[h]; h = (h + 1) & (KEY_SLOTS - 1))
        if (key_tab[h] == key || (key_tab[h][0] == key[0] && !strcmp(key_tab[h], key)))
            return key_tab[h];
    return NULL;
}

static bool key_eq(const char *a, const char *b)
{
    return a == b || (a[0] == b[0] && !strcmp(a, b));
}

/* Node memory. An entry makes and frees some sixty nodes; malloc's
 * per-thread cache holds only a few blocks of a size, so freed nodes are
 * kept on lists of their own, by size class (the node plus its string),
 * up to a bound, and reused. */
#define NCLASS 6
#define CLASS_KEEP 512 /* blocks kept per class */
#define CLASS_NONE 0xff
static const size_t CLASS_SIZE[NCLASS] = {sizeof(fv), 128, 256, 512, 1024, 2048};

typedef struct freeblock {
    struct freeblock *next;
} freeblock;

static _Thread_local struct {
    freeblock *head;
    unsigned n;
} pool[NCLASS];

static fv *node_alloc(size_t size)
{
    int c = 0;
    while (c < NCLASS && CLASS_SIZE[c] < size)
        c++;
    fv *v;
    if (c == NCLASS) {
        v = xmalloc(size);
        c = CLASS_NONE;
    } else if (pool[c].head) {
        v = (fv *)pool[c].head;
        pool[c].head = pool[c].head->next;
        pool[c].n--;
    } else {
        v = xmalloc(CLASS_SIZE[c]);
    }
    memset(v, 0, sizeof *v);
    v->cls = (unsigned char)c;
    return v;
}

static void node_free(fv *v)
{
    unsigned c = v->cls;
    if (c >= NCLASS || pool[c].n >= CLASS_KEEP) {
        free(v);
        return;
    }
    freeblock *b = (freeblock *)v;
    b->next = pool[c].head;
    pool[c].head = b;
    pool[c].n++;
}

void fv_pool_trim(void)
{
    for (int c = 0; c < NCLASS; c++) {
        while (pool[c].head) {
            freeblock *b = pool[c].head;
            pool[c].head = b->next;
            free(b);
        }
        pool[c].n = 0;
    }
}

fv *fv_new(fv_type t)
{
    fv *v = node_alloc(sizeof *v);
    v->t = t;
    return v;
}

fv *fv_strn(const char *s, size_t n)
{
    /* one allocation: the node, then the string */
    fv *v = node_alloc(sizeof *v + n + 1);
    v->t = FV_STR;
    v->s = (char *)(v + 1);
    memcpy(v->s, s, n);
    v->s[n] = '\0';
    v->n = n; /* a string's n is its length */
    return v;
}

fv *fv_str(const char *s)
{
    if (!s)
        return fv_new(FV_NULL);
    return fv_strn(s, strlen(s));
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
        if (v->own & FV_OWN_KEY)
            free((char *)v->key);
        if (v->own & FV_OWN_S)
            free(v->s);
        node_free(v);
        v = NULL;
    }
}

fv *fv_dup(const fv *v)
{
    if (!v)
        return NULL;
    fv *d = v->t == FV_STR && v->s ? fv_str(v->s) : fv_new(v->t);
    d->i = v->i;
    for (const fv *c = v->head; c; c = c->next) {
        fv *cc = fv_dup(c);
        if (c->key) {
            if (c->own & FV_OWN_KEY) {
                cc->key = xstrdup(c->key);
                cc->own |= FV_OWN_KEY;
            } else {
                cc->key = c->key;
            }
        }
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
        if (key_eq(c->key, key))
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
        if (key_eq(c->key, key)) { /* replace in place */
            v->key = c->key;
            v->own |= c->own & FV_OWN_KEY;
            c->key = NULL;
            c->own &= (unsigned char)~FV_OWN_KEY;
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
    const char *k = key_shared(key);
    if (k) {
        v->key = k;
    } else {
        v->key = xstrdup(key);
        v->own |= FV_OWN_KEY;
    }
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
        if (key_eq(c->key, key)) {
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
    case FV_STR: jw_strn(w, v->s, v->n); break;
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
            if (c->own & FV_OWN_KEY)
                jw_key(w, c->key);
            else /* one of KEYS: nothing to escape */
                jw_key_plain(w, c->key, strlen(c->key));
            fv_write(c, w);
        }
        jw_obj_end(w);
        break;
    }
}
