/* dedup: the keys that make one document of many copies (canonical URLs,
 * content hashes). */
#ifndef MTRACK_DEDUP_H
#define MTRACK_DEDUP_H

#include <stddef.h>
#include <stdint.h>

/* A hex digest (32 characters + NUL) of text folded for comparison: case,
 * white space and punctuation do not change it. */
void dedup_content_hash(const char *text, size_t len, char out[33]);

/* The canonical form of an http(s) URL: scheme and host lower-cased, the
 * default port, the fragment and tracking parameters (utm_*, fbclid, gclid,
 * mc_cid, ...) dropped, remaining parameters kept in order. Returns an
 * owned string, or NULL when url is not an absolute http(s) URL. */
char *dedup_canonical_url(const char *url);

/* A 64-bit SimHash of the text's word 3-shingles, for near-duplicates. */
uint64_t dedup_simhash(const char *text, size_t len);

#endif
