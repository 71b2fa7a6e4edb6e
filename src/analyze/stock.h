/* stock: share price moves: company, ticker, percent and closing price. */
#ifndef MTRACK_STOCK_H
#define MTRACK_STOCK_H

#include "analyze/scan.h"

/* Reads the stock moves the sentence reports ("Nvidia shares rose 3%",
 * "Alibaba (BABA) gained 0.75%, closing at $135.21", "X rose 5% to 156,500
 * won, while Y lost 3.8%") into d->out; intraday and pre-market quotes,
 * moves over a period, index moves, deal premiums and percentages of other
 * quantities are left out. Returns the number of events added. Keeps a
 * little per-article state of its own (whom "the stock" means, which
 * figures were rounded), cleared by stock_finish. */
int stock_read(scan_doc *d, const scan_sent *st);

/* After every sentence has been read: document-level resolution of the
 * stock-move events in d->out (sents: the article's sentences in order): a
 * rounded figure told again precisely is dropped, a short name takes the
 * long form the article gave it ("Advanced Micro Devices (AMD)"). */
void stock_finish(scan_doc *d, const scan_sent *sents, size_t n);

#endif
