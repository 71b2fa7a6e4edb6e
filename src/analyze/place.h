/* place: cities, regions, countries and demonyms to ISO 3166-1 alpha-2 codes. */
#ifndef MTRACK_PLACE_H
#define MTRACK_PLACE_H

#include <stddef.h>

/* The ISO code of the place or demonym spelt exactly by the n bytes at s
 * ("Paris", "UK", "Israeli", "Tel Aviv"), or NULL. The string is static. */
const char *place_lookup(const char *s, size_t n);

/* The longest place name that ends exactly at s+end and starts at a word
 * boundary no earlier than s+lo ("San Francisco" before "-based"). Stores
 * its start in *start and returns its code, or NULL. */
const char *place_ending_at(const char *s, size_t lo, size_t end, size_t *start);

/* The longest place name that starts exactly at s+i (before s+n); stores its
 * end in *end and returns its code, or NULL. */
const char *place_starting_at(const char *s, size_t n, size_t i, size_t *end);

#endif
