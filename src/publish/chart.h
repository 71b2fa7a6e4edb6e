/* chart: small inline SVG bar charts for the HTML report. */
#ifndef MTRACK_CHART_H
#define MTRACK_CHART_H

#include <stddef.h>

#include "util/buf.h"

typedef struct chart_bar {
    const char *label; /* escaped when written */
    double value;
} chart_bar;

/* Appends an <svg> horizontal bar chart (one bar a row, label on the left,
 * value on the right; money formats values as "$2.1B"). Nothing for n 0. */
void chart_hbars(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money);
/* Appends an <svg> column chart over time (labels under the columns). */
void chart_columns(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money);

#endif
