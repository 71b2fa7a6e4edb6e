/* embed: the files of data/, compiled into the program. */
#include "embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/file.h"

#define EMBED_CACHE 32

const char *embed_get(const char *name, size_t *len)
{
    static struct { char *name; char *data; size_t len; } cache[EMBED_CACHE];
    const char *dir = getenv("MTRACK_DATA");
    if (dir && *dir) {
        for (int i = 0; i < EMBED_CACHE && cache[i].name; i++) {
            if (strcmp(cache[i].name, name) == 0) {
                if (len)
                    *len = cache[i].len;
                return cache[i].data;
            }
        }
        char path[4096], why[128];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        buf_t b;
        if (file_read(path, FILE_MAX_DEFAULT, &b, why, sizeof why) == 0) {
            for (int i = 0; i < EMBED_CACHE; i++) {
                if (!cache[i].name) {
                    cache[i].name = strdup(name);
                    cache[i].len = b.len;
                    cache[i].data = buf_detach(&b);
                    if (len)
                        *len = cache[i].len;
                    return cache[i].data;
                }
            }
            buf_free(&b);
        }
    }
    for (const embed_file *f = embed_files; f->name; f++) {
        if (strcmp(f->name, name) == 0) {
            if (len)
                *len = f->len;
            return f->data;
        }
    }
    return NULL;
}
