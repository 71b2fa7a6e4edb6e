/* org: organisation names in text: their boundaries, suffixes, aliases and
 * a shipped table of well-known companies and investors. */
#ifndef MTRACK_ORG_H
#define MTRACK_ORG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum org_kind { ORG_COMPANY = 1, ORG_INVESTOR = 2, ORG_BOTH = 3 } org_kind;

typedef struct org_info {
    const char *name;    /* canonical name */
    size_t name_len;
    org_kind kind;
    char country[3];     /* ISO code, "" when unknown */
} org_info;

/* The table entry whose name or alias is the n bytes at s (exact, then ASCII
 * case-insensitive), or NULL. Static storage. */
const org_info *org_lookup(const char *s, size_t n);

/* 1 when the n bytes at s look like a word of a name: capitalised
 * ("Nscale"), mixed case ("xAI", "d-Matrix"), or a figure with letters
 * ("01.AI"); stop words ("The", "Monday", "Startup") are not. */
bool org_name_word(const char *s, size_t n);

/* 1 when the n bytes at s start with a name written with a lower-case
 * initial: one to three lower-case letters (a hyphen may follow), then a
 * capital ("xAI", "eBay", "iPhone", "d-Matrix"). Such a word opens a name,
 * and a sentence, as a capitalised one does. */
bool org_lower_initial(const char *s, size_t n);

/* 1 when the n bytes at s open a name: a capital, or a lower-case initial
 * as org_lower_initial reads it. */
bool org_capital(const char *s, size_t n);

/* The name that ends at s+end (spaces before end skipped), walking back no
 * further than s+lo: a run of name words joined by "&", "of", "de"; leading
 * descriptors ("Chip Startup", "UK") dropped. Stores the span and returns
 * its length, 0 when there is none. */
size_t org_name_before(const char *s, size_t lo, size_t end, size_t *start);

/* The first name at or after s+i (within a few words, before s+n), skipping
 * descriptors ("Israeli AI chip startup Hailo"). Stores the span and returns
 * its length, 0 when there is none. */
size_t org_name_after(const char *s, size_t n, size_t i, size_t *start);

/* A cleaned copy of a name: possessive "'s", quotes, brackets and trailing
 * punctuation removed, corporate suffixes ("Inc.", "Ltd", "Corp.", "LLC",
 * "GmbH"...) stripped. Returns NULL when nothing name-like is left. Caller
 * frees. */
char *org_clean(const char *s, size_t n);

/* 1 when a and b name the same organisation after folding case, punctuation
 * and suffixes, or when one folded name's words start the other's. */
bool org_same(const char *a, const char *b);

/* 1 for a word that describes a company without naming it ("startup",
 * "chipmaker", "firm"), compared case-insensitively. */
bool org_descriptor(const char *s, size_t n);

#endif
