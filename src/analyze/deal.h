/* deal: acquisitions: acquirer, target and price. */
#ifndef MTRACK_DEAL_H
#define MTRACK_DEAL_H

#include "analyze/scan.h"

/* Reads the acquisitions the sentence reports as news into d->out: "X
 * acquires Y", "X to buy Y for $Z", "X said it would buy Y", "X's
 * acquisition of Y", "Y was acquired by X", "Y agreed to X's offer", "X
 * agreed to sell Y to Z", "X takes Y private", "X took control of Y", a
 * controlling stake. Each trigger is judged in its own clause: talks, bids,
 * denials, deals called off, earlier deals (a past year or month,
 * "which it bought", "after acquiring") and purchases of shares, assets,
 * units or goods are not events. Pronouns and roles ("it", "the Japanese
 * chipmaker") resolve to the deal already read or the article's company.
 * Returns the number of events added (0, 1, or 2 for "X will acquire Y
 * and Z"). */
int deal_read(scan_doc *d, const scan_sent *st);

/* After every sentence has been read: reads hard-wrapped lines of one
 * sentence together, drops a Title Case line's deal whose names the story
 * does not tell and deals told in the bare past in a story about another,
 * folds the same deal told several times (fuller names, the article's own
 * dollar figure) and takes a missing value from a later sentence ("The
 * deal is valued at $44 billion"). sents: the article's sentences in order. */
void deal_finish(scan_doc *d, const scan_sent *sents, size_t n);

/* How far a deal's status (event_t.status) has gone: 0 none, 1
 * "announced", 2 "pending", 3 "completed". */
int deal_status_rank(const char *status);

#endif
