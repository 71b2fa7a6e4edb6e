/* file: reading whole files and standard input with a size cap. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read(const char *path, size_t max, buf_t *out, char *why, size_t whylen)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(why, whylen, "is a directory");
            goto fail;
        }
        if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
            snprintf(why, whylen, "file is larger than the %zu MiB limit", max >> 20);
            goto fail;
        }
    }
    buf_init(out, max);
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            snprintf(why, whylen, "%s", strerror(errno));
            buf_free(out);
            goto fail;
        }
        if (n == 0)
            break;
        if (buf_append(out, chunk, (size_t)n) < 0) {
            snprintf(why, whylen, "input is larger than the %zu MiB limit", max >> 20);
            buf_free(out);
            goto fail;
        }
    }
    if (!out->data)
        buf_append(out, "", 0);
    if (fd != 0)
        close(fd);
    return 0;
fail:
    if (fd != 0)
        close(fd);
    return -1;
}

int file_write(const char *path, const char *data, size_t len)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return -1;
        return 0;
    }
    /* A new file or a regular one is written beside itself and renamed
     * over, so that a reader never sees half of it. A device, FIFO or
     * socket (-o /dev/null, a pipe) is written to as it is: renamed over,
     * /dev/null would become a regular file. A symlink is followed, so the
     * file it names is replaced and the link kept. */
    struct stat st;
    char *real = NULL;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return -1;
        }
        int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0)
            return -1;
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                int e = errno;
                close(fd);
                errno = e;
                return -1;
            }
            off += (size_t)w;
        }
        return close(fd);
    }
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && (real = realpath(path, NULL)) != NULL)
        path = real;
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) {
        free(real);
        return -1;
    }
    snprintf(tmp, n + 16, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        free(tmp);
        free(real);
        return -1;
    }
    int ok = fwrite(data, 1, len, f) == len;
    ok &= fflush(f) == 0;
    ok &= fclose(f) == 0;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        free(real);
        errno = e;
        return -1;
    }
    free(tmp);
    free(real);
    return 0;
}

int file_mkdirs_for(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}
