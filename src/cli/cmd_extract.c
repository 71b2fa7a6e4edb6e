/* cmd_extract: mtrack extract, an HTML page's article text and metadata. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "extract/extract.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/json.h"

enum { MODE_TEXT, MODE_JSON, MODE_JSONL, MODE_PARSE };

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mtrack extract [--json | --jsonl] [--url URL] [--content-type CT] FILE|-...\n"
            "\n"
            "Prints the article of an HTML page: its main text (paragraphs separated\n"
            "by blank lines), or with --json one object\n"
            "  {url, canonical_url, title, author, published, site_name, lang,\n"
            "   description, image, text}\n"
            "(published in RFC 3339). FILE '-' reads standard input.\n"
            "\n"
            "Options:\n"
            "  --json              one pretty JSON object for one FILE\n"
            "  --jsonl             one JSON object a line for each FILE (batch use;\n"
            "                      each also has \"file\", and \"error\" when it failed)\n"
            "  --url URL           where the page came from (relative links, url field)\n"
            "  --content-type CT   the HTTP Content-Type header (its charset is used)\n"
            "  --parse-only        only parse each FILE into a tree (benchmarks)\n"
            "  --help              this help\n"
            "\n"
            "Exit status: 0 done (a page without an article gives empty text),\n"
            "1 a file could not be read or is not HTML, 2 usage error.\n");
}

static void write_json(buf_t *out, const char *file, const article_t *a, const char *error,
                       int pretty)
{
    jw_t w;
    jw_init(&w, out, pretty);
    jw_obj(&w);
    if (file)
        jw_kstr(&w, "file", file);
    if (error) {
        jw_kstr(&w, "error", error);
    } else {
        jw_kstr(&w, "url", a->url);
        jw_kstr(&w, "canonical_url", a->canonical_url);
        jw_kstr(&w, "title", a->title);
        jw_kstr(&w, "author", a->author);
        jw_kstr(&w, "published", a->published);
        jw_kstr(&w, "site_name", a->site_name);
        jw_kstr(&w, "lang", a->lang);
        jw_kstr(&w, "description", a->description);
        jw_kstr(&w, "image", a->image);
        jw_kstr(&w, "text", a->text ? a->text : "");
    }
    jw_obj_end(&w);
    buf_putc(out, '\n');
}

/* Extracts one file and prints it; returns an exit status. */
static int one(const char *path, int mode, const char *url, const char *ct, buf_t *in,
               buf_t *out)
{
    char why[256];
    article_t a;
    int rc = EXIT_DONE;
    const char *error = NULL;
    buf_free(in); /* file_read starts a new buffer */
    buf_reset(out);
    if (file_read(path, FILE_MAX_DEFAULT, in, why, sizeof why) != 0) {
        cli_error("extract", "%s: %s", path, why);
        error = why;
        rc = EXIT_FAIL;
    } else if (mode == MODE_PARSE) {
        if (extract_parse_only(in->data, in->len, ct) != 0) {
            cli_error("extract", "%s: not an HTML page", path);
            return EXIT_FAIL;
        }
        return EXIT_DONE;
    } else if (extract_article(in->data, in->len, url, ct, &a) != 0) {
        cli_error("extract", "%s: not an HTML page (no markup could be parsed)", path);
        error = "not an HTML page";
        rc = EXIT_FAIL;
    }
    if (mode == MODE_JSONL)
        write_json(out, path, &a, error, 0);
    else if (!error && mode == MODE_JSON)
        write_json(out, NULL, &a, NULL, 1);
    else if (!error) {
        buf_puts(out, a.text);
        if (out->len)
            buf_putc(out, '\n');
    }
    if (!error)
        article_free(&a);
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
        rc = EXIT_FAIL;
    return rc;
}

int cmd_extract(const cli_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},         {"jsonl", no_argument, NULL, 'l'},
        {"url", required_argument, NULL, 'u'},    {"content-type", required_argument, NULL, 'c'},
        {"parse-only", no_argument, NULL, 'p'},   {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int mode = MODE_TEXT, c;
    const char *url = NULL, *ct = NULL;
    (void)ctx;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'j': mode = MODE_JSON; break;
        case 'l': mode = MODE_JSONL; break;
        case 'u': url = optarg; break;
        case 'c': ct = optarg; break;
        case 'p': mode = MODE_PARSE; break;
        case 'h': usage(stdout); return EXIT_DONE;
        default: return cli_usage_error("extract", "unknown option");
        }
    }
    int nfiles = argc - optind;
    if (nfiles < 1)
        return cli_usage_error("extract", "no FILE given");
    if (nfiles > 1 && mode != MODE_JSONL && mode != MODE_PARSE)
        return cli_usage_error("extract", "several files need --jsonl");
    if (nfiles > 1) {
        /* Batch: keep freed pages for the next document's tree instead of
         * handing them back to the kernel after every page. */
        mallopt(M_TRIM_THRESHOLD, 64 << 20);
        mallopt(M_TOP_PAD, 16 << 20);
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
    }
    buf_t in, out;
    buf_init(&in, FILE_MAX_DEFAULT);
    buf_init(&out, 0);
    int rc = EXIT_DONE;
    for (int i = optind; i < argc; i++)
        if (one(argv[i], mode, url, ct, &in, &out) != EXIT_DONE)
            rc = EXIT_FAIL;
    buf_free(&in);
    buf_free(&out);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("extract", "cannot write the output");
        rc = EXIT_FAIL;
    }
    return rc;
}
