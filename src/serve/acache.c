/* acache: whole answers, kept for the generation of the data they were
 * computed at (the key the server's other caches use: rcache, the event
 * index): an answer is good until a write moves it. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "serve/acache.h"
#include "serve/metrics.h"
#include "serve/query.h"

typedef struct entry {
    uint64_t hash;            /* of the key; 0 with body NULL: a free slot */
    char *key;
    size_t keylen;
    int64_t gen;              /* the data's generation it was computed at */
    uint64_t used;            /* tick of the last hit (the least used goes first) */
    char *body;
    size_t len;
} entry;

static entry slots[ACACHE_SLOTS];
static size_t bytes;          /* the bodies' sum */
static uint64_t tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void drop(entry *e)
{
    bytes -= e->len;
    free(e->key);
    free(e->body);
    memset(e, 0, sizeof *e);
}

void acache_key_part(buf_t *key, const char *part)
{
    /* no decoded URL argument holds a NUL (the server's unescape makes %00
     * a 0x01), so NUL ends a part; the first byte says whether one is there */
    buf_putc(key, part ? 'v' : '-');
    if (part)
        buf_puts(key, part);
    buf_append(key, "", 1);
}

int acache_get(const char *key, size_t keylen, int64_t gen, buf_t *out)
{
    uint64_t h = XXH3_64bits(key, keylen) | 1;
    int rc = 1;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ACACHE_SLOTS; i++) {
        entry *e = &slots[i];
        if (e->hash != h || e->keylen != keylen || memcmp(e->key, key, keylen) != 0)
            continue;
        if (e->gen != gen) {
            /* older: the data moved, nobody asks for this one again; newer:
             * a request reading from before a write asks, the entry stays */
            if (e->gen < gen)
                drop(e);
            break;
        }
        e->used = ++tick;
        rc = buf_append(out, e->body, e->len);
        break;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void acache_put(const char *key, size_t keylen, int64_t gen, const char *body, size_t len)
{
    if (len > ACACHE_ENTRY_MAX)
        return;
    uint64_t h = XXH3_64bits(key, keylen) | 1;
    char *k = malloc(keylen ? keylen : 1), *b = malloc(len ? len : 1);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(k, key, keylen);
    memcpy(b, body, len);
    pthread_mutex_lock(&lock);
    entry *slot = NULL;
    for (size_t i = 0; i < ACACHE_SLOTS; i++)
        if (slots[i].hash == h && slots[i].keylen == keylen && memcmp(slots[i].key, key, keylen) == 0) {
            if (slots[i].gen > gen) { /* one of newer data is kept */
                pthread_mutex_unlock(&lock);
                free(k);
                free(b);
                return;
            }
            drop(&slots[i]); /* another request computed it too: the newer one stays */
            slot = &slots[i];
            break;
        }
    /* room: a free slot, else the least used; and under the byte budget */
    for (;;) {
        entry *victim = NULL;
        for (size_t i = 0; !slot && i < ACACHE_SLOTS; i++) {
            if (!slots[i].body) {
                slot = &slots[i];
                break;
            }
            if (!victim || slots[i].used < victim->used)
                victim = &slots[i];
        }
        if (!slot) {
            drop(victim);
            slot = victim;
        }
        if (bytes + len <= ACACHE_BYTES)
            break;
        victim = NULL;
        for (size_t i = 0; i < ACACHE_SLOTS; i++)
            if (slots[i].body && (!victim || slots[i].used < victim->used))
                victim = &slots[i];
        if (!victim)
            break;
        drop(victim);
    }
    slot->hash = h;
    slot->key = k;
    slot->keylen = keylen;
    slot->gen = gen;
    slot->used = ++tick;
    slot->body = b;
    slot->len = len;
    bytes += len;
    pthread_mutex_unlock(&lock);
}

void acache_free(void)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ACACHE_SLOTS; i++)
        if (slots[i].body)
            drop(&slots[i]);
    pthread_mutex_unlock(&lock);
}

/* ---- the answers of requests ---- */

static void arg_part(const char *k, const char *v, void *ctx)
{
    acache_key_part(ctx, k);
    acache_key_part(ctx, v);
}

int acache_lookup(serve_req *r, serve_resp *o, const char *route, const char *name, const char *const *keys,
                  buf_t *key, int64_t *gen)
{
    evq_stale(1);
    buf_init(key, 0);
    acache_key_part(key, route);
    acache_key_part(key, name);
    if (keys)
        for (size_t i = 0; keys[i]; i++)
            acache_key_part(key, serve_arg(r, keys[i]));
    else
        serve_args_each(r, arg_part, key);
    if (evq_version(r->store, gen) < 0) {
        buf_reset(key);
        return 0;
    }
    int rc = acache_get(key->data, key->len, *gen, &o->body);
    metrics_cache(route, rc == 0);
    if (rc == 0) {
        o->etag = 1;
        buf_free(key);
        return 1;
    }
    if (rc < 0) /* past the output cap: the caller's answer says so */
        buf_reset(&o->body);
    return 0;
}

void acache_keep(const serve_resp *o, buf_t *key, int64_t gen)
{
    if (key->len && o->status == 200 && !o->body.full && o->body.data && !serve_cancelled() && !evq_stale(0))
        acache_put(key->data, key->len, gen, o->body.data, o->body.len);
    buf_free(key);
}
