/* test_money: the number and money readers, on the forms news writes. */
#include <math.h>
#include <string.h>

#include "analyze/fold.h"
#include "analyze/money.h"
#include "analyze/number.h"
#include "check.h"

/* The first amount in s (folded first), or a zeroed money with value NAN. */
static money_t first(const char *s, int cny)
{
    static char f[1024];
    size_t n = fold_text(s, strlen(s), f);
    money_t m[MONEY_MAX];
    size_t k = money_find(f, n, cny, m, MONEY_MAX);
    if (k == 0) {
        money_t none;
        memset(&none, 0, sizeof none);
        none.value = none.usd = NAN;
        return none;
    }
    return m[0];
}

static size_t count(const char *s)
{
    money_t m[MONEY_MAX];
    return money_find(s, strlen(s), 0, m, MONEY_MAX);
}

static void numbers(void)
{
    const char *s = "1,200,000 rest";
    const char *p = s;
    double v;
    CHECK(number_read(&p, s + strlen(s), &v) == 0);
    CHECK_NUM(v, 1200000);
    CHECK_STR(p, " rest");
    s = "1.03B";
    p = s;
    CHECK(number_read(&p, s + 5, &v) == 0);
    CHECK_NUM(v, 1.03);
    double m;
    CHECK(number_read_scale(&p, s + 5, &m) == 1);
    CHECK_NUM(m, 1e9);
    s = "12,34";
    p = s;
    CHECK(number_read(&p, s + 5, &v) == 0);
    CHECK_NUM(v, 12); /* not a thousands group */
    s = "half a billion";
    p = s;
    CHECK(number_read_words(&p, s + strlen(s), &v) == 0);
    CHECK_NUM(v, 0.5);
    s = "twenty-five";
    p = s;
    CHECK(number_read_words(&p, s + strlen(s), &v) == 0);
    CHECK_NUM(v, 25);
    s = "-3.5 per cent";
    p = s;
    CHECK(number_read_percent(&p, s + strlen(s), &v) == 0);
    CHECK_NUM(v, -3.5);
    /* "30 m" (spaced lower-case m) is no scale; "30 M" is */
    s = " m";
    p = s;
    CHECK(number_read_scale(&p, s + 2, &m) == 0);
    s = " M";
    p = s;
    CHECK(number_read_scale(&p, s + 2, &m) == 1);
}

static void too_many_digits(void)
{
    char big[200];
    memset(big, '7', sizeof big - 1);
    big[sizeof big - 1] = 0;
    const char *p = big;
    double v;
    CHECK(number_read(&p, big + strlen(big), &v) == -1);
    CHECK(p == big + strlen(big)); /* skipped whole: the walk stays linear */
}

static void dollars(void)
{
    money_t m = first("Nscale secured $2 billion in Series C funding", 0);
    CHECK_NUM(m.value, 2e9);
    CHECK_STR(m.currency, "USD");
    CHECK_NUM(m.usd, 2e9);
    CHECK_NUM(first("raised US$30m", 0).value, 30e6);
    CHECK_NUM(first("a $1.03B seed", 0).value, 1.03e9);
    CHECK_NUM(first("30 million dollars", 0).value, 30e6);
    CHECK_NUM(first("$12.5M", 0).value, 12.5e6);
    CHECK_NUM(first("about $75 million", 0).value, 75e6);
    CHECK(first("about $75 million", 0).approx);
    CHECK_NUM(first("two billion dollars", 0).value, 2e9);
    m = first("C$40 million", 0);
    CHECK_STR(m.currency, "CAD");
    m = first("S$20 million", 0);
    CHECK_STR(m.currency, "SGD");
    CHECK_NUM(m.value, 20e6);
    /* the Australian press writes the code after the sign */
    m = first("has raised $US150 million ($A230 million)", 0);
    CHECK_STR(m.currency, "USD");
    CHECK_NUM(m.value, 150e6);
    /* a decimal comma before a scale word; a thousands comma stays one */
    CHECK_NUM(first("investing $14,3-billion for a stake", 0).value, 14.3e9);
    CHECK_NUM(first("raised €2,5bn", 0).value, 2.5e9);
    CHECK_NUM(first("raised $1,200 million", 0).value, 1.2e9);
    m = first("a $A40 million grant", 0);
    CHECK_STR(m.currency, "AUD");
    CHECK_NUM(m.value, 40e6);
}

static void other_currencies(void)
{
    money_t m = first("\xe2\x82\xac" "500M", 0);
    CHECK_STR(m.currency, "EUR");
    CHECK_NUM(m.value, 500e6);
    CHECK(!isnan(m.usd) && m.usd > 500e6);
    m = first("\xc2\xa3" "1.2bn", 0);
    CHECK_STR(m.currency, "GBP");
    CHECK_NUM(m.value, 1.2e9);
    m = first("RMB 300 million", 0);
    CHECK_STR(m.currency, "CNY");
    CHECK_NUM(m.value, 300e6);
    m = first("\xe2\x82\xb9" "750 crore", 0);
    CHECK_STR(m.currency, "INR");
    CHECK_NUM(m.value, 7.5e9);
    m = first("Rs 1,200 crore", 0);
    CHECK_STR(m.currency, "INR");
    CHECK_NUM(m.value, 12e9);
    m = first("\xc2\xa5" "10 billion", 0);
    CHECK_STR(m.currency, "JPY");
    m = first("\xc2\xa5" "10 billion", 1);
    CHECK_STR(m.currency, "CNY");
    m = first("100 billion won", 0);
    CHECK_STR(m.currency, "KRW");
    CHECK_NUM(m.value, 100e9);
    m = first("EUR 8m", 0);
    CHECK_STR(m.currency, "EUR");
    CHECK_NUM(m.value, 8e6);
}

static void conversions(void)
{
    money_t m = first("secured 1 billion yuan (~$140 million) to develop", 0);
    CHECK_STR(m.currency, "CNY");
    CHECK_NUM(m.value, 1e9);
    CHECK_NUM(m.usd, 140e6);
    CHECK(m.article_usd);
    m = first("Rs 1,200 crore (about $144 million) from KKR", 0);
    CHECK_NUM(m.usd, 144e6);
    m = first("\xe2\x82\xac" "1.7 billion, or about $1.8 billion, in", 0);
    CHECK_NUM(m.usd, 1.8e9);
    /* the conversion is not a second amount */
    CHECK(count("1 billion yuan (~$140 million)") == 1);
}

static void ranges(void)
{
    money_t m = first("$20-30 million", 0);
    CHECK_NUM(m.value, 20e6);
    CHECK_NUM(m.value_hi, 30e6);
    m = first("between $1bn and $2bn", 0);
    CHECK_NUM(m.value, 1e9);
    CHECK_NUM(m.value_hi, 2e9);
    m = first("$20 million to $30 million", 0);
    CHECK_NUM(m.value_hi, 30e6);
}

static void not_money(void)
{
    CHECK(count("In 2024, 300 engineers joined; 45% growth") == 0);
    CHECK(count("the US market and EUROPE") == 0);
    CHECK(count("$") == 0);
    CHECK(count("$$$ 1,2,3") == 0);
}

static void rates(void)
{
    CHECK(money_rates_date() != NULL && strcmp(money_rates_date(), "unknown") != 0);
    CHECK_NUM(money_to_usd(100, "USD"), 100);
    CHECK(isnan(money_to_usd(100, "XXX")));
}

/* A compound adjective: the figure, its scale and the currency joined by
 * hyphens ("a 40-million-dollar round"); the article's conversion after it
 * is still read. A hyphenated figure with no scale word is left alone. */
static void hyphenated_compounds(void)
{
    money_t m = first("it backed a 40-million-dollar round for the firm", 0);
    CHECK_NUM(m.value, 40e6);
    CHECK_STR(m.currency, "USD");
    m = first("the regulator cleared a 310.5-million-euro ($305.2-million) grant", 0);
    CHECK_NUM(m.value, 310.5e6);
    CHECK_STR(m.currency, "EUR");
    CHECK_NUM(m.usd, 305.2e6);
    CHECK(m.article_usd);
    m = first("a 2-billion-yen loan", 0);
    CHECK_NUM(m.value, 2e9);
    CHECK_STR(m.currency, "JPY");
    m = first("a 12-billion-rupee plant", 0);
    CHECK_STR(m.currency, "INR");
    CHECK(isnan(first("a 40-dollar ticket and a 3-euro coffee", 0).value));
}

int main(void)
{
    RUN(numbers);
    RUN(too_many_digits);
    RUN(dollars);
    RUN(other_currencies);
    RUN(conversions);
    RUN(ranges);
    RUN(not_money);
    RUN(rates);
    RUN(hyphenated_compounds);
    CHECK_DONE();
}
