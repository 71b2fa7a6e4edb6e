/* round: the stage of a funding round ("Series B", "Seed", "Debt"...) as
 * the sentence names it. */
#ifndef MTRACK_ROUND_H
#define MTRACK_ROUND_H

#include <stddef.h>

/* The round named in the lower-case sentence lc (n bytes): "Pre-Seed",
 * "Seed", "Series A".."Series J", "Growth", "Debt", "Strategic", "Grant",
 * "IPO"; NULL when it names none. Static string. *pos gets where. */
const char *round_find(const char *lc, size_t n, size_t *pos);

#endif
