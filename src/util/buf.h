/* buf: a growable byte buffer with a hard size limit. */
#ifndef MTRACK_BUF_H
#define MTRACK_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* A buffer owns data; data is always NUL-terminated when non-NULL (the NUL is
 * not counted in len). max bounds len: an append that would pass it fails and
 * leaves the buffer as it was. max 0 means BUF_MAX_DEFAULT. */
typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
    int full;     /* 1 once an append was refused (the content misses a
                     piece): writers that ignore return values are caught
                     where the buffer is used; cleared by buf_reset */
} buf_t;

#define BUF_MAX_DEFAULT ((size_t)1 << 31)

void buf_init(buf_t *b, size_t max);
/* Makes room for extra more bytes (and the NUL) without changing the
 * content. Returns 0, or -1 past the limit or out of memory. */
int buf_reserve(buf_t *b, size_t extra);
/* Each append returns 0, or -1 when the limit would be passed or memory ran
 * out; on -1 the buffer is unchanged. */
int buf_append_slow(buf_t *b, const void *p, size_t n);
static inline int buf_append(buf_t *b, const void *p, size_t n)
{
    /* the common case inline: room already there (len + n + NUL <= cap) */
    if (b->data && n < b->cap - b->len && n <= b->max - b->len) {
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    return buf_append_slow(b, p, n);
}
int buf_puts(buf_t *b, const char *s);
int buf_putc(buf_t *b, int c);
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf_t *b, const char *fmt, va_list ap);
void buf_reset(buf_t *b);
/* Returns the data (caller frees; never NULL unless out of memory) and
 * leaves the buffer empty. */
char *buf_detach(buf_t *b);
void buf_free(buf_t *b);
/* "" when empty. */
const char *buf_str(const buf_t *b);

#endif
