/* The report's charts (src/publish/chart.c, issue 14): full labels (two
 * lines, then an ellipsis, and a tooltip of the whole), no chart of one
 * bar or of equal bars, no "$0" for a bar without an amount; values in
 * the page's one money style ("$3.93 billion", never "$3.93B"). */
#include "check.h"
#include "publish/chart.h"

static buf_t out;

static const char *hbars(const chart_bar *bars, size_t n, int money)
{
    buf_reset(&out);
    chart_hbars(&out, "Funding by theme (USD)", bars, n, money);
    return buf_str(&out);
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

static void long_labels_whole(void)
{
    chart_bar bars[] = {{"Semiconductors and advanced packaging", 3e9}, {"Data centres", 1e9}};
    const char *s = hbars(bars, 2, 1);
    /* wrapped at a space into two lines, nothing cut */
    CHECK(strstr(s, ">Semiconductors and</tspan>") != NULL);
    CHECK(strstr(s, ">advanced packaging</tspan>") != NULL);
    CHECK(strstr(s, "\xE2\x80\xA6") == NULL);
    /* each bar's tooltip: its full label and value */
    CHECK(strstr(s, "<title>Semiconductors and advanced packaging: $3 billion</title>") != NULL);
    CHECK(strstr(s, "<title>Data centres: $1 billion</title>") != NULL);
    CHECK(count(s, "<rect") == 2);
}

static void longer_still_cut_with_tooltip(void)
{
    chart_bar bars[] = {{"Sovereign compute programmes of national governments & regional blocs", 2}, {"B", 1}};
    const char *s = hbars(bars, 2, 0);
    CHECK(strstr(s, "\xE2\x80\xA6</tspan>") != NULL);
    CHECK(strstr(s, "<title>Sovereign compute programmes of national governments &amp; regional blocs: 2</title>") != NULL);
    /* one word longer than a line: cut, with the tooltip */
    chart_bar one[] = {{"Supercalifragilisticexpialidocious-Holdings", 2}, {"B", 1}};
    s = hbars(one, 2, 0);
    CHECK(strstr(s, "Supercalifragilisticexpial\xE2\x80\xA6</tspan>") != NULL);
    CHECK(strstr(s, "<title>Supercalifragilisticexpialidocious-Holdings: 2</title>") != NULL);
}

static void no_chart_of_equal_bars(void)
{
    chart_bar bars[] = {{"Acme Ventures", 1}, {"Bolt Capital", 1}, {"Cedar Partners", 1}};
    const char *s = hbars(bars, 3, 0);
    CHECK(strstr(s, "<svg") == NULL);
    CHECK(strstr(s, "All 3 at 1 each, so no chart: Acme Ventures, Bolt Capital, Cedar Partners.") != NULL);
    buf_reset(&out);
    chart_columns(&out, "Funding by month (USD)", bars, 3, 1);
    CHECK(strstr(buf_str(&out), "<svg") == NULL);
}

static void no_chart_of_one_bar(void)
{
    chart_bar bars[] = {{"2026-03", 2e9}};
    buf_reset(&out);
    chart_columns(&out, "Funding by month (USD)", bars, 1, 1);
    CHECK(strstr(buf_str(&out), "<svg") == NULL);
    CHECK(strstr(buf_str(&out), "Only 2026-03: $2 billion.") != NULL);
    CHECK(strcmp(hbars(bars, 0, 1), "") == 0);
}

static void no_amount_is_no_zero(void)
{
    chart_bar bars[] = {{"GB", 2e9}, {"unstated", 0}};
    const char *s = hbars(bars, 2, 1);
    CHECK(strstr(s, "$0") == NULL);
    CHECK(strstr(s, ">\xE2\x80\x94</text>") != NULL);
    CHECK(strstr(s, "<title>unstated: no amount stated</title>") != NULL);
    chart_bar none[] = {{"unstated", 0}};
    s = hbars(none, 1, 1);
    CHECK(strstr(s, "$0") == NULL && strstr(s, "no amount stated") != NULL);
}

static void many_columns_labelled_apart(void)
{
    chart_bar bars[24];
    char names[24][8];
    for (int i = 0; i < 24; i++) {
        snprintf(names[i], sizeof names[i], "20%02d-%02d", 24 + i / 12, 1 + i % 12);
        bars[i].label = names[i];
        bars[i].value = 1e6 * (i + 1);
    }
    buf_reset(&out);
    chart_columns(&out, "Funding by month (USD)", bars, 24, 1);
    const char *s = buf_str(&out);
    CHECK(count(s, "<rect") == 24);
    CHECK(count(s, "<title>") == 24);
    /* 380 px hold about 8 labels: the newest month is one of them */
    CHECK(count(s, "text-anchor=\"middle\"") <= 2 * 9);
    CHECK(strstr(s, ">2025-12</text>") != NULL);
}

static void values_in_one_money_style(void)
{
    chart_bar bars[] = {{"Jan 2026", 486.8e6}, {"Mar 2026", 3.93e9}, {"Apr 2026", 30000}};
    const char *s = hbars(bars, 3, 1);
    CHECK(strstr(s, ">$3.93 billion</text>") != NULL);
    CHECK(strstr(s, ">$486.8 million</text>") != NULL);
    CHECK(strstr(s, "$3.93B") == NULL && strstr(s, "$486.8M") == NULL);
    /* above a column: the figure over its unit, whole */
    buf_reset(&out);
    chart_columns(&out, "Funding by month (USD)", bars, 3, 1);
    s = buf_str(&out);
    CHECK(strstr(s, ">$3.93</tspan><tspan x=") != NULL);
    CHECK(count(s, ">billion</tspan>") == 1 && count(s, ">million</tspan>") == 1);
    CHECK(strstr(s, ">$30,000</text>") != NULL);
    CHECK(strstr(s, "<title>Mar 2026: $3.93 billion</title>") != NULL);
}

int main(void)
{
    buf_init(&out, 0);
    RUN(long_labels_whole);
    RUN(longer_still_cut_with_tooltip);
    RUN(no_chart_of_equal_bars);
    RUN(no_chart_of_one_bar);
    RUN(no_amount_is_no_zero);
    RUN(many_columns_labelled_apart);
    RUN(values_in_one_money_style);
    buf_free(&out);
    CHECK_DONE();
}
