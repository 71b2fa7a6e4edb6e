/* embed: the files of data/, compiled into the program. */
#ifndef MTRACK_EMBED_H
#define MTRACK_EMBED_H

#include <stddef.h>

typedef struct embed_file {
    const char *name; /* base name, e.g. "rates.tsv" */
    const char *data; /* NUL-terminated */
    size_t len;
} embed_file;

/* Generated from the files of data/ by scripts/embed-data; ends with a NULL name. */
extern const embed_file embed_files[];

/* The contents of data/NAME. When $MTRACK_DATA is set, the file is read
 * from that folder instead (for editing tables without rebuilding; the
 * result is cached for the life of the process). NULL when unknown. */
const char *embed_get(const char *name, size_t *len);

#endif
