/* narrative: optional prose for a report section from an OpenAI-compatible
 * chat-completions endpoint (llama.cpp's server, Ollama, vLLM, a hosted
 * API), checked against the section's facts before it reaches the page.
 *
 * The facts are the sentences the template wrote, each with its citation
 * numbers. The answer is split into sentences; a sentence that names a
 * number, an organisation, a place or a date that is in none of the facts
 * is dropped; each kept sentence carries the citations of the facts it
 * uses. Any failure (no answer within the time-out, an HTTP error, JSON
 * that is not a chat completion, nothing left after the check) leaves the
 * template's prose in place: the caller keeps it when narrative_write
 * returns -1. */
#ifndef MTRACK_NARRATIVE_H
#define MTRACK_NARRATIVE_H

#include <stddef.h>

#include "util/buf.h"

typedef struct narrative_fact {
    const char *text;   /* one sentence of the template, plain text */
    const int *cites;   /* its citation numbers */
    size_t ncites;
} narrative_fact;

/* One kept sentence of an answer and the citations it carries (owned by
 * the result). */
typedef struct narrative_sentence {
    char *text;
    int *cites;
    size_t ncites;
} narrative_sentence;

typedef struct narrative_result {
    narrative_sentence *s;
    size_t n;
    size_t dropped;     /* sentences refused by the check */
} narrative_result;

void narrative_result_free(narrative_result *r);

/* Checks an answer's text against the facts (no network): fills r with the
 * sentences that pass. Returns the number kept. */
size_t narrative_check(const char *answer, const narrative_fact *facts, size_t n, narrative_result *r);

/* Asks endpoint (the API's base, such as http://127.0.0.1:8080/v1; the
 * request goes to endpoint/chat/completions, with the key from
 * $MTRACK_LLM_KEY when set) to write the section titled title from the
 * facts, within timeout_ms; checks the answer. Returns the number of
 * sentences kept (> 0), or -1 with the reason in why (then r is empty). */
int narrative_write(const char *endpoint, const char *title, const narrative_fact *facts, size_t n,
                    long timeout_ms, narrative_result *r, char *why, size_t whylen);

#endif
