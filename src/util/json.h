/* json: a streaming JSON writer into a buf_t (reading JSON uses jansson). */
#ifndef MTRACK_JSON_H
#define MTRACK_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Writes JSON values in order; commas and nesting are tracked for the
 * caller. Strings are written as valid JSON whatever bytes they hold:
 * invalid UTF-8 becomes U+FFFD. Errors (buffer limit) are sticky in err. */
typedef struct jw {
    buf_t *out;
    int depth;
    bool pretty;
    bool err;
    bool after_key;
    unsigned char count[64]; /* values written at each depth, saturating */
} jw_t;

void jw_init(jw_t *w, buf_t *out, bool pretty);
void jw_obj(jw_t *w);       /* { */
void jw_obj_end(jw_t *w);   /* } */
void jw_arr(jw_t *w);       /* [ */
void jw_arr_end(jw_t *w);   /* ] */
void jw_key(jw_t *w, const char *key);
/* A key of n bytes the caller knows needs no escaping (plain ASCII, no
 * quote, backslash or control character). */
void jw_key_plain(jw_t *w, const char *key, size_t n);
void jw_str(jw_t *w, const char *s);          /* NULL writes null */
void jw_strn(jw_t *w, const char *s, size_t n);
void jw_int(jw_t *w, int64_t v);
void jw_num(jw_t *w, double v);               /* NaN/inf write null */
void jw_bool(jw_t *w, bool v);
void jw_null(jw_t *w);
/* Key and value in one call. */
void jw_kstr(jw_t *w, const char *key, const char *s);
void jw_kint(jw_t *w, const char *key, int64_t v);
void jw_knum(jw_t *w, const char *key, double v);
void jw_kbool(jw_t *w, const char *key, bool v);

/* Appends s (n bytes) to out as the body of a JSON string, without quotes. */
int json_escape(buf_t *out, const char *s, size_t n);

#endif
