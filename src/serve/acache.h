/* acache: whole API answers (a page of events, a search), computed once
 * for the store's data they were read from and shared by every request
 * that asks the same thing until the data moves: the key is the data's
 * generation, which every write makes larger (issue 15). */
#ifndef MTRACK_ACACHE_H
#define MTRACK_ACACHE_H

#include <stddef.h>
#include <stdint.h>

#include "serve/server.h"
#include "store/store.h"
#include "util/buf.h"

#define ACACHE_SLOTS 256              /* answers kept */
#define ACACHE_BYTES (32u << 20)      /* their bodies together at most */
#define ACACHE_ENTRY_MAX (2u << 20)   /* a larger answer is not kept */

/* Appends to out the answer kept for key (keylen bytes, any bytes) at the
 * data's generation gen (store_generation): 0 when found, 1 when not, -1
 * when out is full. Thread-safe. */
int acache_get(const char *key, size_t keylen, int64_t gen, buf_t *out);
/* Keeps body (len bytes) as the answer for key at generation gen. */
void acache_put(const char *key, size_t keylen, int64_t gen, const char *body, size_t len);
/* Forgets every answer. */
void acache_free(void);

/* Building keys: the route, then each part as it is, each ended by a
 * byte that no URL argument holds after decoding. */
void acache_key_part(buf_t *key, const char *part);

/* ---- the answers of requests (the API's, the pages') ----
 * acache_lookup makes the key of request r's answer: route (its name in
 * the metrics, metrics_record's: hits and misses are counted), name (a part
 * of the address: a tracker's name; NULL for none), then the value of
 * each of keys (NULL-ended; absent and empty apart), or with keys NULL
 * each parameter of r as given (its name and value, in order: a page that
 * names what it ignores answers differently to any of them). Returns 1
 * when the answer at the data's generation was found and put in o->body
 * (o's type is the caller's); 0 when it is to be computed and then kept
 * (acache_keep: key and *gen hold what to keep it under), key empty when
 * it is not to be kept (a store error: the handler meets it again and
 * reports it). */
int acache_lookup(serve_req *r, serve_resp *o, const char *route, const char *name, const char *const *keys,
                  buf_t *key, int64_t *gen);
/* Keeps the answer just computed in o under key (a whole success, from
 * an event index of the request's data: not one answered from the index
 * before while another request patches it, evq_stale), and frees key. */
void acache_keep(const serve_resp *o, buf_t *key, int64_t gen);

#endif
