/* infra: infrastructure projects: data centres, AI factories, national AI
 * programmes (organisation, country, amount, capacity, what). */
#ifndef MTRACK_INFRA_H
#define MTRACK_INFRA_H

#include "analyze/scan.h"

/* Reads the infrastructure project the sentence reports, if any, into
 * d->out; in_funding: the sentence also told a round (then only a project
 * announced in its own right counts). Returns the number of events added. */
int infra_read(scan_doc *d, const scan_sent *st, int in_funding);

#endif
