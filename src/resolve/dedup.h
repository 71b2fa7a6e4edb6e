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

/* MinHash signature of a text's word 3-shingles: DEDUP_MINHASH values whose
 * agreement between two texts estimates the Jaccard similarity of their
 * shingle sets. Returns the number of shingles (0: too short to tell). */
#define DEDUP_MINHASH 32
#define DEDUP_BANDS 8 /* of DEDUP_MINHASH / DEDUP_BANDS rows each */
size_t dedup_minhash(const char *text, size_t len, uint32_t sig[DEDUP_MINHASH]);
/* The LSH band keys of a signature: two texts of Jaccard similarity 0.8
 * share at least one band 98% of the time, of 0.3 about 6%. */
void dedup_bands(const uint32_t sig[DEDUP_MINHASH], int64_t keys[DEDUP_BANDS]);
/* The sorted, distinct hashes of a text's word 3-shingles; *out is owned
 * by the caller (NULL when there are none). Returns their number. */
size_t dedup_shingles(const char *text, size_t len, uint64_t **out);
/* The exact Jaccard similarity of two sorted shingle sets, 0..1. */
double dedup_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);
/* The estimated Jaccard similarity of two signatures, 0..1. */
double dedup_similarity(const uint32_t a[DEDUP_MINHASH], const uint32_t b[DEDUP_MINHASH]);

#endif
