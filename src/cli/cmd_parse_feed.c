/* cmd_parse_feed: mtrack parse-feed, a feed printed as feedparser-style JSON (streaming). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "cli/cli.h"
#include "parse/feed.h"
#include "util/buf.h"
#include "util/json.h"

#define CHUNK (256u << 10)

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mtrack parse-feed [--base URL] [--content-type CT] FILE|-\n"
            "\n"
            "Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document and prints\n"
            "one JSON object {bozo, bozo_exception, version, encoding, feed, entries}\n"
            "(shared/eval/FEED_JSON.md). Broken documents are parsed as far as they go\n"
            "and flagged bozo. Entries are printed as they are read, so memory stays\n"
            "small whatever the size of FILE. FILE '-' reads standard input.\n"
            "\n"
            "Options:\n"
            "  --base URL          the address FILE was fetched from (relative links)\n"
            "  --content-type CT   the HTTP Content-Type header (its charset wins)\n"
            "  --count             print only the number of entries (benchmarks)\n"
            "  --help              this help\n"
            "\n"
            "Exit status: 0 done (also for a bozo feed), 1 FILE could not be read,\n"
            "2 usage error.\n");
}

typedef struct out_ctx {
    jw_t w;
    buf_t b;
    bool count_only;
    size_t n;
    bool failed;
} out_ctx;

static void flush(out_ctx *o)
{
    if (o->b.len && fwrite(o->b.data, 1, o->b.len, stdout) != o->b.len)
        o->failed = true;
    buf_reset(&o->b);
}

/* libxml2 reports some encoding errors on its generic channel (stderr); the
 * feed's bozo_exception already says what went wrong. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void on_entry(void *user, const feed_entry *e)
{
    out_ctx *o = user;
    o->n++;
    if (o->count_only)
        return;
    feed_entry_write_json(e, &o->w);
    if (o->b.len >= CHUNK)
        flush(o);
}

int cmd_parse_feed(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    static const struct option opts[] = {
        {"base", required_argument, NULL, 'b'},
        {"content-type", required_argument, NULL, 'c'},
        {"count", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *base = NULL, *ctype = NULL;
    bool count_only = false;
    int c;
    while ((c = getopt_long(argc, argv, "b:c:nh", opts, NULL)) != -1) {
        switch (c) {
        case 'b': base = optarg; break;
        case 'c': ctype = optarg; break;
        case 'n': count_only = true; break;
        case 'h': usage(stdout); return EXIT_DONE;
        default: return cli_usage_error("parse-feed", "unknown option");
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error("parse-feed", "expected one FILE (or - for standard input)");
    const char *path = argv[optind];
    int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) {
        cli_error("parse-feed", "%s: %s", path, strerror(errno));
        return EXIT_FAIL;
    }
    out_ctx o = {.count_only = count_only};
    buf_init(&o.b, 0);
    jw_init(&o.w, &o.b, false);
    if (!count_only) {
        jw_obj(&o.w);
        jw_key(&o.w, "entries");
        jw_arr(&o.w);
    }
    xmlSetGenericErrorFunc(NULL, quiet);
    feed_t *f = feed_stream_new(base, ctype, on_entry, &o);
    static char chunk[CHUNK];
    int rc = EXIT_DONE;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            cli_error("parse-feed", "%s: %s", path, strerror(errno));
            rc = EXIT_FAIL;
            break;
        }
        if (n == 0)
            break;
        if (feed_stream_push(f, chunk, (size_t)n) < 0)
            break; /* a limit: the feed is bozo; print what we have */
    }
    if (fd != STDIN_FILENO)
        close(fd);
    feed_stream_end(f);
    if (rc == EXIT_DONE) {
        if (count_only) {
            printf("%zu\n", o.n);
        } else {
            jw_arr_end(&o.w);
            feed_write_json(f, &o.w, false);
            jw_obj_end(&o.w);
            buf_putc(&o.b, '\n');
            flush(&o);
        }
    }
    feed_free(f);
    buf_free(&o.b);
    if (fflush(stdout) != 0 || o.failed) {
        cli_error("parse-feed", "cannot write the output: %s", strerror(errno));
        return EXIT_FAIL;
    }
    return rc;
}
