/* file: reading whole files and standard input with a size cap. */
#ifndef MTRACK_FILE_H
#define MTRACK_FILE_H

#include <stddef.h>

#include "buf.h"

/* The default cap on one input document: 50 MiB. */
#define FILE_MAX_DEFAULT ((size_t)50 << 20)

/* Reads path ("-" is standard input) into out, at most max bytes; out is
 * initialised here (a buffer passed in is not freed first). Returns 0,
 * or -1 with a one-line reason in why ("No such file or directory", "file is
 * larger than the 50 MiB limit", "is a directory"). */
int file_read(const char *path, size_t max, buf_t *out, char *why, size_t whylen);
/* Writes data to path atomically (a temporary file renamed over it); "-"
 * writes to standard output. Returns 0 or -1 with errno set. */
int file_write(const char *path, const char *data, size_t len);
/* Creates the directory of path (and its parents) when missing. */
int file_mkdirs_for(const char *path);

#endif
