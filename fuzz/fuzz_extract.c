/* fuzz_extract: libFuzzer target for the article extractor (whole pages,
 * feed fragments, the charset sniffing and the date reader). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "extract/extract.h"
#include "extract/extract_date.h"

/* The Makefile links every module, commands included, but not main.c:
 * these stand in for its two error printers. */
__attribute__((weak)) void cli_error(const char *what, const char *fmt, ...)
{
    (void)what, (void)fmt;
}
__attribute__((weak)) int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    (void)cmd, (void)fmt;
    return EXIT_USAGE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    article_t a;
    const char *html = (const char *)data;
    /* The first byte picks a Content-Type header, so header charsets are
     * exercised too. */
    static const char *const types[] = {NULL, "text/html; charset=utf-8",
                                        "text/html; charset=windows-1252",
                                        "text/html; charset=shift_jis", "text/html; charset=\"x\""};
    const char *ct = size ? types[data[0] % 5] : NULL;
    if (extract_article(html, size, "https://example.com/a/b.html", ct, &a) == 0)
        article_free(&a);
    char *t = html_to_text(html, size);
    free(t);
    if (size < 200) {
        char *s = malloc(size + 1);
        memcpy(s, data, size);
        s[size] = '\0';
        free(extract_date_rfc3339(s));
        free(s);
    }
    return 0;
}
