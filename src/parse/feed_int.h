/* feed_int: the feed module's internal value tree and helpers (not for other modules). */
#ifndef MTRACK_FEED_INT_H
#define MTRACK_FEED_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/json.h"

/* A value of feedparser's model: a string, an integer, an object (keyed
 * members in insertion order), an array, or null. Members own their
 * children; fv_free frees a whole tree. */
typedef enum { FV_NULL, FV_STR, FV_INT, FV_OBJ, FV_ARR } fv_type;

typedef struct fv {
    fv_type t;
    unsigned char own;    /* FV_OWN_KEY: key is ours to free; FV_OWN_S: s likewise */
    unsigned char cls;    /* size class of the node's memory (feed_model.c) */
    const char *key;      /* when a member of an object (often a shared constant) */
    char *s;              /* FV_STR (often stored right after the node) */
    long long i;          /* FV_INT */
    struct fv *head, *tail, *next;
    size_t n;             /* members; for FV_STR, the length of s */
} fv;

/* Caps that keep hostile documents bounded. */
#define FEED_MAX_MEMBERS 4096   /* members of one object or array */
#define FEED_MAX_TEXT (16u << 20) /* bytes of one element's text */

fv *fv_new(fv_type t);
/* Gives the nodes kept for reuse by this thread back to malloc. */
void fv_pool_trim(void);
fv *fv_str(const char *s);            /* copies s; NULL gives FV_NULL */
fv *fv_strn(const char *s, size_t n);
fv *fv_int(long long i);
void fv_free(fv *v);
fv *fv_dup(const fv *v);
/* Object access: NULL when missing. */
fv *fv_get(const fv *o, const char *key);
const char *fv_gets(const fv *o, const char *key); /* string member or NULL */
/* Sets key to v (taking v), replacing a member of that name. Returns v, or
 * NULL (v freed) when the object is full. */
fv *fv_set(fv *o, const char *key, fv *v);
void fv_sets(fv *o, const char *key, const char *s);
void fv_del(fv *o, const char *key);
/* The member key when it has type t, else a new empty one of type t. */
fv *fv_want(fv *o, const char *key, fv_type t);
/* Appends v to array a (taking it); NULL (v freed) when full. */
fv *fv_push(fv *a, fv *v);
fv *fv_last(const fv *a);
fv *fv_at(const fv *a, size_t i);
bool fv_equal(const fv *a, const fv *b);
/* Writes v as JSON. */
void fv_write(const fv *v, jw_t *w);

/* feed_html.c: the HTML helpers of feed text constructs. */
/* Rewrites HTML: tags normalised (lower-case names, quoted attributes),
 * URI attributes resolved against base; text kept. Returns a new string. */
char *feed_html_resolve(const char *html, size_t n, const char *base);
/* feedparser's guess that a text/plain value is really HTML. */
bool feed_html_lookslike(const char *s);
/* Decodes base64 in place; false when it is not valid base64 or not UTF-8. */
bool feed_base64_decode(char *s, size_t *n);
/* The UTF-8 text of a named HTML entity ("nbsp" -> U+00A0), or NULL. */
const char *feed_html_entity(const char *name, char out[8]);

/* feed_json.c: JSON Feed 1.0/1.1 into the model. Returns 0, or -1 with a
 * reason when data is not a JSON Feed. */
int feed_json_parse(const char *data, size_t len, const char *base_url, fv *feed,
                    void (*on_entry)(void *user, fv *entry), void *user,
                    const char **version, char *why, size_t whylen);

#endif
