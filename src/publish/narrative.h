/* narrative: optional prose for the report's introduction and theme
 * paragraphs, written by a language model behind an OpenAI-compatible
 * chat-completions endpoint (llama.cpp's server, Ollama, vLLM, a hosted
 * API) and checked against the facts it was given.
 *
 *   narr_section *s = narr_section_new("chips", "AI chips");
 *   narr_section_tally(s, e);                   -- every event of the section
 *   narr_section_event(s, e, date, cites, n);   -- the cited facts sent
 *   narr_run(&opts, secs, n, why, len);         -- one request per section
 *   if (s->from_model) ... s->out[i].text, s->out[i].cites ...
 *
 * Only the facts are sent (the figures, names, places and dates of the
 * section's events, its totals, the section's title): never a document's
 * text, title or URL. Every number (amounts in any spelling: "$2 billion",
 * "2bn", "2,000 million"; percentages; counts; years; days), organisation,
 * place and date in the answer is checked against those facts; a sentence
 * with anything that is not in them is dropped, as is one tying together
 * organisations that no one fact names together ("A is buying B" when A
 * and B are of different events), and each kept sentence
 * carries the citations of the facts it uses. A section whose request
 * times out or fails, whose answer is not a chat completion, is empty, or
 * has every sentence dropped keeps the template's prose (from_model 0). */
#ifndef MTRACK_NARRATIVE_H
#define MTRACK_NARRATIVE_H

#include <stddef.h>

#include "analyze/event.h"

#define NARR_MAX_FACTS 24
#define NARR_INTRO "(intro)" /* the key of the introduction's section */
#define NARR_TIMEOUT_DEFAULT 20
#define NARR_TIMEOUT_MAX 600

typedef struct narr_opts {
    const char *endpoint; /* the API's base, "http://127.0.0.1:8080/v1" */
    const char *model;    /* NULL: none sent (the server's own) */
    const char *key;      /* Bearer token ($MTRACK_LLM_KEY); NULL: none */
    long timeout_s;       /* per request; 0: NARR_TIMEOUT_DEFAULT */
} narr_opts;

typedef struct narr_fact {
    char *text;        /* the line sent */
    int *cites;
    size_t ncites;
    double nums[16];   /* figures: amounts (USD and the currency's units), valuation, price, MW, percent, price */
    char curs[16][4];  /* each figure's currency (ISO 4217), "" when not money */
    size_t nnums;
    char **orgs;
    size_t norgs;
    size_t nprincipal; /* orgs[0..nprincipal-1] are the event's own (company,
                          acquirer, target, ...); the rest its investors */
    char countries[4][3];
    size_t ncountries;
    char date[11];     /* YYYY-MM-DD or "" */
} narr_fact;

typedef struct narr_sentence {
    char *text;        /* plain text, no markup */
    int *cites;
    size_t ncites;
} narr_sentence;

typedef struct narr_section {
    char *key;         /* "intro" or the theme's name */
    char *title;       /* what the section is about (sent) */
    narr_fact facts[NARR_MAX_FACTS];
    size_t nfacts;
    /* totals over every event tallied */
    int n, n_type[EVENT_TYPE_COUNT];
    double fund_usd, acq_usd, infra_usd, infra_mw;
    char first[11], last[11];
    /* the outcome */
    int from_model;
    char *error;       /* why the template stays, NULL when from_model */
    narr_sentence *out;
    size_t nout;
    size_t dropped;    /* sentences of the answer dropped */
    char *first_drop;  /* why the first was */
} narr_section;

narr_section *narr_section_new(const char *key, const char *title);
void narr_section_free(narr_section *s);
/* Counts e into the section's totals. */
void narr_section_tally(narr_section *s, const event_t *e);
/* Adds e as a fact (up to NARR_MAX_FACTS; the rest are left out) with its
 * date (YYYY-MM-DD..., may be NULL) and citation numbers. */
void narr_section_event(narr_section *s, const event_t *e, const char *date, const int *cites, size_t ncites);
/* The period the section covers (YYYY-MM-DD, may be NULL). */
void narr_section_period(narr_section *s, const char *first, const char *last);

/* The facts as sent to the model (owned). */
char *narr_facts_text(const narr_section *s);
/* Checks prose against s's facts: fills s->out with the sentences kept,
 * s->dropped and s->first_drop; returns the number kept. */
size_t narr_check(narr_section *s, const char *prose);

/* Checks the endpoint (an http(s) URL without user or password; a key is
 * sent only over https or to this machine). 0, or -1 with why. */
int narr_opts_check(const narr_opts *o, char *why, size_t whylen);
/* Asks for every section's prose at once and checks each answer; a
 * section's failure is told in its error and on stderr (one line each).
 * Returns 0, or -1 with why when nothing could be asked (libcurl). */
int narr_run(const narr_opts *o, narr_section **secs, size_t n, char *why, size_t whylen);

#endif
