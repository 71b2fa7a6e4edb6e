/* fuzz_analyze: libFuzzer target for the whole event analysis
 * (analyze_text and analyze_text_explain, src/analyze/analyze.c).
 *
 * The first byte chooses the date the second reading gets; the rest is the
 * article. Each input is read twice: without a date and without --explain,
 * then with a date and the explanation. Besides the sanitizers' verdicts it
 * checks what the analysis promises its callers: the explanation and every
 * name it reads out of the (folded) text are valid UTF-8, an event's
 * sentence lies inside the text. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "cli/cli.h"
#include "util/buf.h"
#include "util/utf8.h"

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

static void check_str(const char *s)
{
    if (s && !utf8_valid(s, strlen(s)))
        abort();
}

static void check_events(const event_list *l, size_t n)
{
    for (size_t i = 0; i < l->n; i++) {
        const event_t *e = &l->items[i];
        if ((unsigned)e->type >= EVENT_TYPE_COUNT || e->sentence_offset > n)
            abort();
        /* names come from the folded text: always valid UTF-8 (the
         * provenance sentence is the article's own bytes, as written) */
        check_str(e->company);
        check_str(e->acquirer);
        check_str(e->target);
        check_str(e->organization);
        check_str(e->ticker);
        check_str(e->product);
        check_str(e->what);
        check_str(e->round);
        check_str(e->amount_text);
        for (size_t k = 0; k < e->n_lead; k++)
            check_str(e->lead_investors[k]);
        for (size_t k = 0; k < e->n_investors; k++)
            check_str(e->investors[k]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const dates[] = {"2026-03-16", "2025-12-31", "1990-01-01", "2099-12-31"};
    const char *date = dates[data[0] & 3];
    size_t n = size - 1;
    /* the analysis gets a copy without a terminating NUL, so reads past the
     * end are caught */
    char *copy = malloc(n ? n : 1);
    memcpy(copy, data + 1, n);

    event_list l = {0};
    if (analyze_text(copy, n, NULL, &l) != 0)
        abort();
    check_events(&l, n);
    event_list_free(&l);

    event_list l2 = {0};
    buf_t why;
    buf_init(&why, 0);
    if (analyze_text_explain(copy, n, date, &l2, &why) != 0)
        abort();
    check_events(&l2, n);
    /* --explain prints excerpts of the folded text: cut at characters */
    if (why.len && !utf8_valid(buf_str(&why), why.len))
        abort();
    buf_free(&why);
    event_list_free(&l2);
    free(copy);
    return 0;
}
