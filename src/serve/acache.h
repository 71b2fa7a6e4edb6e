/* acache: whole API answers (a page of events, a search), computed once
 * for the store's data they were read from and shared by every request
 * that asks the same thing until the data moves (issue 15). */
#ifndef MTRACK_ACACHE_H
#define MTRACK_ACACHE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"

#define ACACHE_SLOTS 256              /* answers kept */
#define ACACHE_BYTES (32u << 20)      /* their bodies together at most */
#define ACACHE_ENTRY_MAX (2u << 20)   /* a larger answer is not kept */
#define ACACHE_TTL 60                 /* seconds an answer is kept at most */

/* Appends to out the answer kept for key (keylen bytes, any bytes) at the
 * store's counts c: 0 when found, 1 when not, -1 when out is full.
 * Thread-safe. */
int acache_get(const char *key, size_t keylen, const store_counts *c, buf_t *out);
/* Keeps body (len bytes) as the answer for key at counts c. */
void acache_put(const char *key, size_t keylen, const store_counts *c, const char *body, size_t len);
/* Forgets every answer. */
void acache_free(void);

/* Building keys: the route, then each part as it is, each ended by a
 * byte that no URL argument holds after decoding. */
void acache_key_part(buf_t *key, const char *part);

#endif
