/* One money style on the page (fmt_money, src/publish/format.c): the
 * figure from its value and currency, never the source's spelling. */
#include <math.h>

#include "check.h"
#include "publish/format.h"

static const char *money(double value, const char *cur, double usd)
{
    static buf_t b;
    static int init;
    if (!init) {
        buf_init(&b, 0);
        init = 1;
    }
    buf_reset(&b);
    fmt_money(&b, value, cur, usd);
    return buf_str(&b);
}

static void dollars(void)
{
    CHECK_STR(money(2e9, "USD", 2e9), "$2 billion");
    CHECK_STR(money(4.5e8, "USD", 4.5e8), "$450 million");
    CHECK_STR(money(1.03e9, "USD", 1.03e9), "$1.03 billion");
    CHECK_STR(money(3e7, "", 3e7), "$30 million");
    CHECK_STR(money(NAN, NULL, 1.8e9), "$1.8 billion");
}

static void other_currencies(void)
{
    CHECK_STR(money(8.5e7, "EUR", 9.18e7), "\xe2\x82\xac" "85 million (about $91.8 million)");
    CHECK_STR(money(4e7, "GBP", 5e7), "\xc2\xa3" "40 million (about $50 million)");
    CHECK_STR(money(1e9, "CNY", 1.4e8), "RMB 1 billion (about $140 million)");
    CHECK_STR(money(1.8e11, "JPY", 1.2e9), "\xc2\xa5" "180 billion (about $1.2 billion)");
    CHECK_STR(money(2e8, "CHF", NAN), "CHF 200 million");
    CHECK_STR(money(NAN, "EUR", NAN), "");
}

/* counts on the page (a project's GPUs): "24,000", never "24000" */
static void counts(void)
{
    buf_t b;
    buf_init(&b, 0);
    fmt_count(&b, 24000);
    CHECK_STR(buf_str(&b), "24,000");
    buf_reset(&b);
    fmt_count(&b, 100);
    CHECK_STR(buf_str(&b), "100");
    buf_reset(&b);
    fmt_count(&b, 1250000);
    CHECK_STR(buf_str(&b), "1,250,000");
    buf_reset(&b);
    fmt_count(&b, NAN);
    CHECK_STR(buf_str(&b), "");
    buf_free(&b);
}

int main(void)
{
    RUN(dollars);
    RUN(counts);
    RUN(other_currencies);
    return check_failed_total ? 1 : 0;
}
