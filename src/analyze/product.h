/* product: launches, releases and deployments (company and product). */
#ifndef MTRACK_PRODUCT_H
#define MTRACK_PRODUCT_H

#include "analyze/scan.h"

/* Reads the product launch the sentence reports, if any, into d->out.
 * Returns the number of events added (0 or 1). */
int product_read(scan_doc *d, const scan_sent *st);

#endif
