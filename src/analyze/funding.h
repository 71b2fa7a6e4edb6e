/* funding: funding rounds: company, amount, round, valuation, investors,
 * country; history, totals and revenue told apart from news. */
#ifndef MTRACK_FUNDING_H
#define MTRACK_FUNDING_H

#include "analyze/scan.h"

/* Reads the funding round that the sentence reports, if any, into
 * d->out. Returns the number of events added (0 or 1). */
int funding_read(scan_doc *d, const scan_sent *st);

/* Adds what a later sentence says about the article's last round ("The
 * round was led by X", "valuing the company at $Y"). */
void funding_attach(scan_doc *d, const scan_sent *st);

/* After every sentence: fills missing countries and valuations from the
 * whole article and sets confidences. */
void funding_finish(scan_doc *d, const scan_sent *sents, size_t n);

/* What an amount of money is in its sentence. */
typedef enum money_role {
    ROLE_OTHER, ROLE_VALUATION, ROLE_TOTAL, ROLE_REVENUE, ROLE_HISTORY,
    ROLE_FUND, /* an investment fund closed: "a $400 million fund to back startups" */
} money_role;

/* Tells what the i-th money mention of st is. */
money_role funding_money_role(const scan_doc *d, const scan_sent *st, size_t i);

#endif
