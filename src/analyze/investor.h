/* investor: the lead and other investors a sentence names for a round. */
#ifndef MTRACK_INVESTOR_H
#define MTRACK_INVESTOR_H

#include <stddef.h>

#include "analyze/event.h"
#include "analyze/scan.h"

/* Reads "led by ...", "co-led by ...", "X led the round", "with
 * participation from ...", "backed by ...", "investors include ...",
 * "from ..." in st->s[from, to) and adds the names to e (leads to both
 * lists; no duplicates). Returns how many names were added. */
size_t investor_read(const scan_sent *st, size_t from, size_t to, event_t *e);

/* Adds name (copied) to e's investors, and to its leads when lead is 1;
 * skips duplicates and e's own company. */
void investor_add(event_t *e, const char *name, int lead);

#endif
