/* fuzz_money: libFuzzer target for the money, number and date readers of
 * the analysis (and, on short inputs, the whole analysis of a sentence). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/fold.h"
#include "analyze/money.h"
#include "analyze/number.h"
#include "analyze/scan.h"
#include "analyze/sentence.h"
#include "cli/cli.h"

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
    if (size == 0)
        return 0;
    int mode = data[0] & 3;
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    /* the readers walk a copy without a terminating NUL, so reads past the
     * end are caught */
    char *copy = malloc(n ? n : 1);
    memcpy(copy, s, n);
    const char *p = copy, *end = copy + n;
    double v;
    while (p < end) {
        const char *q = p;
        if (number_read(&q, end, &v) == 0 || q > p) {
            double m;
            number_read_scale(&q, end, &m);
        } else if (number_read_words(&q, end, &v) == 0 && q > p) {
            /* read */
        } else if (number_read_percent(&q, end, &v) == 0 && q > p) {
            /* read */
        } else {
            q = p + 1;
        }
        p = q;
    }
    char *f = malloc(n + 1);
    size_t fl = fold_text(copy, n, f);
    money_t m[MONEY_MAX];
    size_t cnt = money_find(f, fl, mode & 1, m, MONEY_MAX);
    for (size_t i = 0; i < cnt; i++)
        if (m[i].start > m[i].end || m[i].end > fl)
            abort();
    (void)scan_year(f, 0, fl);
    size_t pos = 0, sb, sl;
    while (sentence_next(copy, n, &pos, &sb, &sl))
        if (sb + sl > n)
            abort();
    if (mode == 2 && n < 4096) {
        event_list l = {0};
        analyze_text(copy, n, (data[0] & 4) ? "2026-03-16" : NULL, &l);
        event_list_free(&l);
    }
    free(f);
    free(copy);
    return 0;
}
