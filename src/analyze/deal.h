/* deal: acquisitions: acquirer, target and price. */
#ifndef MTRACK_DEAL_H
#define MTRACK_DEAL_H

#include "analyze/scan.h"

/* Reads the acquisition the sentence reports as news, if any, into d->out
 * ("X acquires Y", "X to buy Y for $Z", "X's acquisition of Y", "Y was
 * acquired by X"). Returns the number of events added (0 or 1). */
int deal_read(scan_doc *d, const scan_sent *st);

/* After every sentence has been read: document-level resolution of the
 * acquisition events in d->out (sents: the article's sentences in order). */
void deal_finish(scan_doc *d, const scan_sent *sents, size_t n);

#endif
