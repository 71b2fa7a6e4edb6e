/* money: reads amounts of money out of a sentence and converts them to USD. */
#ifndef MTRACK_MONEY_H
#define MTRACK_MONEY_H

#include <stddef.h>

/* Most mentions money_find reports for one sentence. */
#define MONEY_MAX 32

typedef struct money {
    double value;      /* in the currency's units; the low end of a range */
    double value_hi;   /* the high end of a range, else equal to value */
    char currency[4];  /* ISO 4217 */
    double usd;        /* the article's own conversion, else the rate table's; NAN when unknown */
    int article_usd;   /* 1 when usd is the article's own conversion */
    int approx;        /* "about", "nearly", "more than", "up to", "~" */
    size_t start, end; /* byte span in the sentence, conversion included */
    size_t num_end;    /* end of the figure itself, before any conversion */
    double mult;       /* the scale word's multiplier ("million": 1e6), 1 when none */
} money_t;

/* Finds the amounts of money in sentence s (n bytes, folded by fold_text):
 * "$2 billion", "US$30m", "€500M", "£1.2bn", "1 billion yuan (~$140 million)",
 * "RMB 300 million", "₹750 crore", "¥10 billion", "$1.03B", "30 million
 * dollars", ranges ("$20-30 million") and conversions given by the article.
 * cny_hint: nonzero when the article is about China (then ¥ is CNY, not
 * JPY). Stores up to max mentions in out, in order; returns their count.
 * Linear in n; never fails. */
size_t money_find(const char *s, size_t n, int cny_hint, money_t *out, size_t max);

/* USD for value units of currency at the shipped rate table, NAN when the
 * currency is unknown. */
double money_to_usd(double value, const char *currency);

/* The date of the shipped rate table ("YYYY-MM-DD"), for the report. */
const char *money_rates_date(void);

#endif
