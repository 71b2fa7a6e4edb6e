/* stock: share price moves: company, ticker, percent and closing price. */
#ifndef MTRACK_STOCK_H
#define MTRACK_STOCK_H

#include "analyze/scan.h"

/* Reads the stock moves the sentence reports ("Nvidia shares rose 3%",
 * "Alibaba (BABA) gained 0.75%, closing at $135.21") into d->out. Returns
 * the number of events added. */
int stock_read(scan_doc *d, const scan_sent *st);

/* After every sentence has been read: document-level resolution of the
 * stock-move events in d->out (sents: the article's sentences in order). */
void stock_finish(scan_doc *d, const scan_sent *sents, size_t n);

#endif
