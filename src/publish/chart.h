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
 * value on the right; money formats values as "$2.1B", a money bar of no
 * amount as a dash). A long label wraps to two lines, cut with an ellipsis
 * past them; every bar has a <title> tooltip of its full label and value.
 * Fewer than two bars, or bars all of one value, make no chart but a line
 * saying what they are; nothing for n 0. */
void chart_hbars(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money);
/* Appends an <svg> column chart over time (labels under the columns, every
 * few columns when they are too many to fit; tooltips and the no-chart
 * cases as chart_hbars). */
void chart_columns(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money);

#endif
