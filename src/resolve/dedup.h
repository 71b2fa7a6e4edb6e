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

/* ---- near-duplicates that keep different stories apart ----
 *
 * A document's near-duplicate profile: the 32-bit hashes of its text's word
 * 3-shingles (the smallest DEDUP_SKETCH_MAX kept: a bottom-k sketch), and
 * the keys that tell two similar texts apart when they are different
 * stories from one template: the money amounts of its title and text, the
 * name words it uses, those of its lead (the text's first words), and the
 * words of its title. The store keeps the
 * sketch and the keys of every document (dedup_sketch_pack, dedup_keys_pack)
 * so that a candidate is confirmed without reading its text back, and
 * learns from the sketches of recent documents which shingles are template
 * (shingles common to many documents of an outlet or of the store), which
 * then do not count towards similarity. */
#define DEDUP_SKETCH_MAX 1024
#define DEDUP_LEAD_WORDS 60  /* the lead: the text's first words */
#define DEDUP_MAX_TITLE_WORDS 64
#define DEDUP_MAX_FIGURES 32
#define DEDUP_MAX_NAMES 256
/* A text of at least this many shingles can be a near-duplicate; of its
 * shingles that are not template at least DEDUP_NEAR_MIN_DISTINCT must be
 * left. A candidate is one whose stored signature estimates at least
 * DEDUP_NEAR_ESTIMATE; it is the same story when the exact Jaccard
 * similarity of the sketches without template is at least
 * DEDUP_NEAR_SIMILARITY and the keys do not conflict. */
#define DEDUP_NEAR_MIN_SHINGLES 50
#define DEDUP_NEAR_MIN_DISTINCT 8
#define DEDUP_NEAR_ESTIMATE 0.5
#define DEDUP_NEAR_SIMILARITY 0.8
#define DEDUP_NEAR_EDIT_SHINGLES 6
/* A shingle is template when it is in at least half (and at least
 * _OUTLET_MIN) of the last _OUTLET_WINDOW documents of the same outlet, or
 * in at least half (and at least _STORE_MIN) of the last _STORE_WINDOW
 * documents of the store: stored documents are distinct stories (copies
 * are merged), so what many of them share is boilerplate, not news. Once
 * found, a template shingle is remembered (the outlet's boilerplate is
 * known after its first few documents and stays known; a shingle of a few
 * documents in a hundred rarely passes half of a window, so what counts
 * changes little as the store grows, and a story signed long ago is still
 * found by its copy). */
#define DEDUP_TEMPLATE_OUTLET_WINDOW 16
#define DEDUP_TEMPLATE_OUTLET_MIN 2
#define DEDUP_TEMPLATE_STORE_WINDOW 32
#define DEDUP_TEMPLATE_STORE_MIN 3

typedef struct dedup_profile {
    uint32_t *sh;     /* sorted distinct shingle hashes, at most DEDUP_SKETCH_MAX */
    size_t nsh;
    size_t total;     /* distinct shingles of the whole text (> nsh when cut) */
    double *fig;      /* money amounts: USD where known, else the native value */
    size_t nfig;
    uint32_t *names;  /* sorted distinct hashes of the name words of the whole text */
    size_t nnames;
    uint32_t *lead;   /* ... of the name words of the lead */
    size_t nlead;
    uint32_t *tw;     /* sorted distinct hashes of the title's words (not "the", "for", ...) */
    size_t ntw;
} dedup_profile;

/* The profile of a document (title may be NULL). */
void dedup_profile_make(const char *title, const char *text, dedup_profile *p);
void dedup_profile_free(dedup_profile *p);
/* The stored forms: the sketch (sh, total) and the keys (fig, names,
 * lead, tw), as owned blobs of *len bytes; and back (0, or -1 when the blob is
 * not one; the unpacked parts are owned by p, free with dedup_profile_free). */
void *dedup_sketch_pack(const dedup_profile *p, size_t *len);
int dedup_sketch_unpack(const void *blob, size_t len, dedup_profile *p);
void *dedup_keys_pack(const dedup_profile *p, size_t *len);
int dedup_keys_unpack(const void *blob, size_t len, dedup_profile *p);
/* The MinHash signature of a set of shingle hashes. */
void dedup_minhash_set(const uint32_t *v, size_t n, uint32_t sig[DEDUP_MINHASH]);
/* The Jaccard similarity of two sorted hash sets, each a bottom-k sketch
 * (cut_a / cut_b: 1 when the set was cut at its largest value): compared
 * below the smaller of the cut points. 0..1. */
double dedup_jaccard32(const uint32_t *a, size_t na, int cut_a, const uint32_t *b, size_t nb, int cut_b);
/* 1 when two sets of distinctive shingles (as dedup_jaccard32) tell the
 * same text: a Jaccard similarity of DEDUP_NEAR_SIMILARITY, or at least
 * DEDUP_NEAR_MIN_DISTINCT shingles in common and no more than
 * DEDUP_NEAR_EDIT_SHINGLES apart (one word edited: 3 out, 3 in; what is left of a
 * short brief once its template is set aside). */
int dedup_near_same(const uint32_t *a, size_t na, int cut_a, const uint32_t *b, size_t nb, int cut_b);
/* 1 when the keys of two similar texts say they are different stories:
 * each gives a money amount the other does not (within 5%: "figures"),
 * their titles have no word in common ("titles"), or each names in its lead
 * someone the other never names ("names"). A copy that only adds (a
 * conversion, a dateline, a quote) or is retitled with a word of the old
 * title left is not told apart. *why (when not NULL) gets which. */
int dedup_keys_conflict(const dedup_profile *a, const dedup_profile *b, const char **why);
/* Index of v in the sorted array a, or -1. */
long dedup_find32(const uint32_t *a, size_t n, uint32_t v);

#endif
