/* subject: who a sentence is about: the name before its main verb, with the
 * appositives ("X, a UK-based startup, ...") read for the country. */
#ifndef MTRACK_SUBJECT_H
#define MTRACK_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze/scan.h"

typedef struct subject {
    char *name;       /* cleaned name (owned), NULL when none */
    bool pronoun;     /* "It", "The company", "The Paris-based startup" */
    char country[3];  /* from "UK-based", "based in Paris", "Israeli" */
    char ticker[12];  /* from "Alibaba (BABA)" */
    size_t start, end;/* the name's span in the sentence */
} subject;

/* Reads the subject of the verb at st->s[verb], looking no further back
 * than lo. Fills *out (free out->name). Returns 1 when a name or a pronoun
 * was found, else 0. */
int subject_find(const scan_sent *st, size_t lo, size_t verb, subject *out);

/* The country that the words in st->s[from, to) give: "UK-based",
 * "Paris-based", "based in Tel Aviv", "headquartered in Munich", "Israeli".
 * Returns the ISO code (static) or NULL. */
const char *subject_country(const char *s, size_t from, size_t to);

/* A name read forward from pos (an object: "acquire Israeli startup Hailo"),
 * cleaned; NULL when none. *end_out gets where it ended. Caller frees. */
char *subject_object(const scan_sent *st, size_t pos, size_t limit, size_t *end_out);

#endif
