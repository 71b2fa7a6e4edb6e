/* acache: whole API answers, kept for the store's counts they were
 * computed at (the key the server's other caches use: rcache, the event
 * index), for ACACHE_TTL seconds at most. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "serve/acache.h"

typedef struct entry {
    uint64_t hash;            /* of the key; 0 with body NULL: a free slot */
    char *key;
    size_t keylen;
    store_counts counts;
    time_t made;
    uint64_t used;            /* tick of the last hit (the least used goes first) */
    char *body;
    size_t len;
} entry;

static entry slots[ACACHE_SLOTS];
static size_t bytes;          /* the bodies' sum */
static uint64_t tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The counts that change answers: a fetch error alone changes none. */
static int same_counts(const store_counts *a, const store_counts *b)
{
    return a->sources == b->sources && a->documents == b->documents && a->events == b->events &&
           a->mentions == b->mentions && a->organizations == b->organizations &&
           a->doc_updates == b->doc_updates;
}

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

int acache_get(const char *key, size_t keylen, const store_counts *c, buf_t *out)
{
    uint64_t h = XXH3_64bits(key, keylen) | 1;
    time_t now = time(NULL);
    int rc = 1;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ACACHE_SLOTS; i++) {
        entry *e = &slots[i];
        if (e->hash != h || e->keylen != keylen || memcmp(e->key, key, keylen) != 0)
            continue;
        if (!same_counts(&e->counts, c) || now - e->made >= ACACHE_TTL || now < e->made) {
            drop(e); /* the data moved: nobody asks for this one again */
            break;
        }
        e->used = ++tick;
        rc = buf_append(out, e->body, e->len);
        break;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void acache_put(const char *key, size_t keylen, const store_counts *c, const char *body, size_t len)
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
    slot->counts = *c;
    slot->made = time(NULL);
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
