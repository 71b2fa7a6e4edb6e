/* chart: small inline SVG bar charts for the HTML report. */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/format.h"
#include "util/esc.h"

static void value_text(buf_t *b, double v, int money)
{
    if (money)
        fmt_usd_short(b, v);
    else
        buf_printf(b, "%.0f", v);
}

/* A label cut to at most max bytes (at a character boundary), with an
 * ellipsis when cut, escaped. */
static void label(buf_t *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        esc_html(b, s);
        return;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    char *cut = strndup(s, max);
    if (cut)
        esc_html(b, cut);
    free(cut);
    buf_puts(b, "\xE2\x80\xA6");
}

static double max_of(const chart_bar *bars, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        if (bars[i].value > m)
            m = bars[i].value;
    return m > 0 ? m : 1;
}

void chart_hbars(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money)
{
    if (!n)
        return;
    const int row = 22, label_w = 175, bar_w = 160, width = 400;
    int height = (int)n * row + 8;
    double max = max_of(bars, n);
    buf_printf(b, "<figure class=\"chart\"><figcaption>");
    esc_html(b, title);
    buf_printf(b, "</figcaption><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"", width, height);
    esc_html(b, title);
    buf_puts(b, "\">");
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * row + 4;
        double w = bars[i].value / max * bar_w;
        buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">", label_w - 6, y + 14);
        label(b, bars[i].label, 26);
        buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#3b7dd8\"/>",
                   label_w, y + 3, w < 1 ? 1 : w, row - 8);
        buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"#333\">", label_w + (w < 1 ? 1 : w) + 5, y + 14);
        value_text(b, bars[i].value, money);
        buf_puts(b, "</text>");
    }
    buf_puts(b, "</svg></figure>\n");
}

void chart_columns(buf_t *b, const char *title, const chart_bar *bars, size_t n, int money)
{
    if (!n)
        return;
    const int width = 400, height = 190, top = 20, base = 160;
    double max = max_of(bars, n);
    double slot = (double)(width - 20) / (double)n;
    double colw = slot * 0.7;
    buf_printf(b, "<figure class=\"chart\"><figcaption>");
    esc_html(b, title);
    buf_printf(b, "</figcaption><svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"", width, height);
    esc_html(b, title);
    buf_puts(b, "\">");
    buf_printf(b, "<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", base, width - 10, base);
    for (size_t i = 0; i < n; i++) {
        double h = bars[i].value / max * (base - top);
        double x = 10 + slot * (double)i + (slot - colw) / 2;
        buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b7dd8\"/>",
                   x, base - h, colw, h);
        buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">", x + colw / 2, base - h - 4);
        value_text(b, bars[i].value, money);
        buf_printf(b, "</text><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">", x + colw / 2, base + 16);
        esc_html(b, bars[i].label);
        buf_puts(b, "</text>");
    }
    buf_puts(b, "</svg></figure>\n");
}
