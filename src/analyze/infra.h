/* infra: infrastructure projects: data centres, AI factories, national AI
 * programmes (organisation, country, amount, capacity, what). */
#ifndef MTRACK_INFRA_H
#define MTRACK_INFRA_H

#include <stdbool.h>

#include "analyze/scan.h"

/* Reads the infrastructure project the sentence reports, if any, into
 * d->out; when the sentence also told a round (st->funding_got) only a
 * project announced in its own right counts. Returns the number of events added. */
int infra_read(scan_doc *d, const scan_sent *st);

/* After every sentence has been read: document-level resolution of the
 * infrastructure events in d->out (sents: the article's sentences in order). */
void infra_finish(scan_doc *d, const scan_sent *sents, size_t n);

/* 1 when two infrastructure events of one article are the same project:
 * the same organisation, and not two different stated amounts ("Rs 50,000
 * crore for the campus, and another Rs 5,000 crore for a 100 MW site"). */
bool infra_same(const event_t *a, const event_t *b);

/* 1 when a project's what says where it is ("AI factory in Chiba
 * Prefecture", "data centre near Narvik"). */
bool infra_what_sited(const char *what);

#endif
