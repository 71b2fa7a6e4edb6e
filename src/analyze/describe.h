/* describe: who an event's company is ("a UK-based maker of ...") and what
 * its money is for ("to expand ..."), read from the article's own words
 * after the events are found. It only adds descriptor and purpose to
 * events (it never adds, drops or changes an event). */
#ifndef MTRACK_DESCRIBE_H
#define MTRACK_DESCRIBE_H

#include "analyze/scan.h"

/* Fills e->descriptor (every type but stock moves: of the company, the
 * target of an acquisition, the infrastructure's organisation) and
 * e->purpose (funding) for each event of l that has none, from the n
 * sentences of its article. */
void describe_events(const scan_sent *sents, size_t n, event_list *l);

/* The descriptor of name in the sentences, or NULL (caller frees). */
char *describe_org(const scan_sent *sents, size_t n, const char *name);

#endif
