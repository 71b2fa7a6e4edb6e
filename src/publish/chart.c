/* chart: small inline SVG bar charts for the HTML report. */
#include "chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/format.h"
#include "util/esc.h"

static void esc_n(buf_t *b, const char *s, size_t n)
{
    char *c = strndup(s, n);
    if (c)
        esc_html(b, c);
    free(c);
}

/* A value as the chart writes it, in the page's one money style ("$4.1
 * billion", never "$4.1B"); a money bar of no amount (the events of that
 * bar state none) is a dash, never "$0". */
static void value_text(buf_t *b, double v, int money)
{
    if (money && !(v > 0))
        buf_puts(b, "\xE2\x80\x94");
    else if (money)
        fmt_usd_long(b, v);
    else
        buf_printf(b, "%.0f", v);
}

/* A column's value above it at x, its baseline at y: "$3.93" over
 * "billion" (two short lines fit a narrow column), one line when it has no
 * unit word. */
static void value_lines(buf_t *b, double v, int money, double x, double y)
{
    buf_t t;
    buf_init(&t, 0);
    value_text(&t, v, money);
    const char *s = buf_str(&t), *sp = strchr(s, ' ');
    if (sp) {
        buf_printf(b, "<tspan x=\"%.1f\" y=\"%.1f\">", x, y - 12);
        esc_n(b, s, (size_t)(sp - s));
        buf_printf(b, "</tspan><tspan x=\"%.1f\" y=\"%.1f\">", x, y);
        esc_html(b, sp + 1);
        buf_puts(b, "</tspan>");
    } else {
        esc_html(b, s);
    }
    buf_free(&t);
}

/* The tooltip of a bar: its full label and value ("no amount stated" for
 * a money bar without one). */
static void bar_title(buf_t *b, const chart_bar *bar, int money)
{
    buf_puts(b, "<title>");
    esc_html(b, bar->label);
    buf_puts(b, ": ");
    if (money && !(bar->value > 0))
        buf_puts(b, "no amount stated");
    else if (money)
        fmt_usd_long(b, bar->value);
    else
        buf_printf(b, "%.0f", bar->value);
    buf_puts(b, "</title>");
}

/* How many bytes of s start a cut of at most max bytes (at a character
 * boundary). */
static size_t cut_at(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}


/* Splits a label of more than max bytes into two lines at the space
 * nearest its middle that leaves each line within max: *first gets the
 * length of the first line, and the second starts at *second. 0 when the
 * label fits one line or has no such space. */
static int wrap2(const char *s, size_t max, size_t *first, size_t *second)
{
    size_t n = strlen(s), best = 0;
    if (n <= max)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i] != ' ' || i > max)
            continue;
        if (!best || (i > n / 2 ? i - n / 2 : n / 2 - i) < (best > n / 2 ? best - n / 2 : n / 2 - best))
            best = i;
    }
    if (!best)
        return 0;
    *first = best;
    *second = best + 1;
    return 1;
}

/* Writes a label's lines as <tspan>s at x, centred on y: one line, or two
 * (wrapped at a space), each cut to max bytes with an ellipsis. */
static void label_lines(buf_t *b, const char *s, size_t max, double x, double y)
{
    size_t first, second;
    if (wrap2(s, max, &first, &second)) {
        const char *rest = s + second;
        size_t rn = cut_at(rest, max);
        buf_printf(b, "<tspan x=\"%.1f\" y=\"%.1f\">", x, y - 2);
        esc_n(b, s, first);
        buf_printf(b, "</tspan><tspan x=\"%.1f\" y=\"%.1f\">", x, y + 10);
        esc_n(b, rest, rn);
        if (rest[rn])
            buf_puts(b, "\xE2\x80\xA6");
        buf_puts(b, "</tspan>");
        return;
    }
    size_t n = cut_at(s, max);
    buf_printf(b, "<tspan x=\"%.1f\" y=\"%.1f\">", x, y + 4);
    esc_n(b, s, n);
    if (s[n])
        buf_puts(b, "\xE2\x80\xA6");
    buf_puts(b, "</tspan>");
}

static double max_of(const chart_bar *bars, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (bars[i].value > m)
            m = bars[i].value;
    return m > 0 ? m : 1;
}

/* Whether bars make a chart: two bars or more, not all of one value. When
 * not, a line says what they are instead (a chart of one bar, or of equal
 * bars, shows nothing a sentence does not). */
static int worth_a_chart(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money)
{
    if (!n)
        return 0;
    int equal = 1;
    for (size_t i = 1; i < n; i++)
        if (fabs(bars[i].value - bars[0].value) > 1e-9 * fabs(bars[0].value))
            equal = 0;
    if (n >= 2 && !equal)
        return 1;
    buf_puts(b, "<figure class=\"chart nochart\"><figcaption>");
    esc_html(b, title);
    buf_puts(b, "</figcaption><p class=\"meta\">");
    if (n == 1) {
        buf_puts(b, "Only ");
        esc_html(b, bars[0].label);
        buf_puts(b, ": ");
    } else
        buf_printf(b, "All %zu at ", n);
    if (money && !(bars[0].value > 0))
        buf_puts(b, "no amount stated");
    else if (money)
        fmt_usd_long(b, bars[0].value);
    else
        buf_printf(b, "%.0f", bars[0].value);
    if (n > 1) {
        buf_puts(b, " each, so no chart: ");
        for (size_t i = 0; i < n; i++) {
            buf_puts(b, i ? ", " : "");
            esc_html(b, bars[i].label);
        }
    }
    buf_puts(b, ".</p></figure>\n");
    return 0;
}

#define LABEL_MAX 26 /* bytes a line of an hbars label holds */

void chart_hbars(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money)
{
    if (!worth_a_chart(b, title, bars, n, money))
        return;
    const int label_w = 175, bar_w = 135, width = 400; /* room for "$10.6 billion" after the bar */
    int row = 22;
    for (size_t i = 0; i < n; i++) {
        size_t f, s;
        if (wrap2(bars[i].label, LABEL_MAX, &f, &s))
            row = 30; /* room for two lines */
    }
    int height = (int)n * row + 8;
    double max = max_of(bars, n);
    buf_printf(b, "<figure class=\"chart\"><figcaption>");
    esc_html(b, title);
    buf_printf(b, "</figcaption><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"", width, height);
    esc_html(b, title);
    buf_puts(b, "\">");
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * row + 4;
        double w = bars[i].value / max * bar_w, mid = y + row / 2.0;
        if (!(w >= 1))
            w = 1;
        buf_puts(b, "<g>");
        bar_title(b, &bars[i], money);
        buf_printf(b, "<text text-anchor=\"end\" font-size=\"11\">");
        label_lines(b, bars[i].label, LABEL_MAX, label_w - 6, mid);
        buf_printf(b, "</text><rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#3b7dd8\"/>",
                   label_w, mid - 7, w);
        buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#333\">", label_w + w + 5, mid + 4);
        value_text(b, bars[i].value, money);
        buf_puts(b, "</text></g>");
    }
    buf_puts(b, "</svg></figure>\n");
}

void chart_columns(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money)
{
    if (!worth_a_chart(b, title, bars, n, money))
        return;
    const int width = 400, height = 190, top = 30, base = 160; /* top: a value's two lines */
    double max = max_of(bars, n);
    double slot = (double)(width - 20) / (double)n;
    double colw = slot * 0.7;
    /* labels and values that would overlap are written every step-th
     * column only; each column's tooltip has them all */
    size_t step = slot >= 44 ? 1 : (size_t)ceil(44 / slot);
    buf_printf(b, "<figure class=\"chart\"><figcaption>");
    esc_html(b, title);
    buf_printf(b, "</figcaption><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"", width, height);
    esc_html(b, title);
    buf_puts(b, "\">");
    buf_printf(b, "<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", base, width - 10, base);
    for (size_t i = 0; i < n; i++) {
        double h = bars[i].value / max * (base - top);
        double x = 10 + slot * (double)i + (slot - colw) / 2;
        buf_puts(b, "<g>");
        bar_title(b, &bars[i], money);
        buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b7dd8\"/>",
                   x, base - h, colw, h);
        if ((n - 1 - i) % step == 0) { /* the newest column always */
            buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">", x + colw / 2,
                       base - h - 4);
            value_lines(b, bars[i].value, money, x + colw / 2, base - h - 4);
            buf_printf(b, "</text><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">", x + colw / 2,
                       base + 16);
            esc_html(b, bars[i].label);
            buf_puts(b, "</text>");
        }
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</svg></figure>\n");
}
