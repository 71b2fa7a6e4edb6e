/* event: the business events that analysis reads out of an article.
 *
 * CONTRACT shared by analyze, store and publish. */
#ifndef MTRACK_EVENT_H
#define MTRACK_EVENT_H

#include <stddef.h>

#include "util/json.h"

typedef enum event_type {
    EVENT_FUNDING,
    EVENT_ACQUISITION,
    EVENT_STOCK_MOVE,
    EVENT_INFRASTRUCTURE,
    EVENT_PRODUCT,
    EVENT_TYPE_COUNT
} event_type;

/* Every string is owned (freed by event_list_free) or NULL; every double is
 * NAN when the article does not state it. */
typedef struct event {
    event_type type;
    char *company;      /* funding, stock_move, product */
    char *acquirer;     /* acquisition */
    char *target;       /* acquisition */
    char *organization; /* infrastructure */
    char *ticker;       /* stock_move */
    char *product;      /* product: its name */
    char *what;         /* infrastructure, product: what it is, short */
    char *country;      /* ISO 3166-1 alpha-2 */
    char *amount_text;  /* the figure as written: "1 billion yuan (~$140 million)" */
    double amount_value;/* in currency's units */
    char currency[4];   /* ISO 4217, "" when none */
    double amount_usd;
    double valuation_usd;
    double price_usd;   /* acquisition */
    double change_pct;  /* stock_move */
    double close_price; /* stock_move */
    double capacity_mw; /* infrastructure */
    double gpus;        /* infrastructure: the accelerators it will hold ("16,000 GPUs") */
    char *round;        /* "Series C", "Seed", ..., "Unspecified" */
    char **lead_investors;
    size_t n_lead;
    char **investors;   /* includes the leads; for infrastructure, who pays
                           for it ("financed by X", "backed by X") */
    size_t n_investors;
    char *sentence;     /* provenance */
    size_t sentence_offset; /* byte offset of the sentence in the text */
    double confidence;  /* 0..1 */
    /* Who the company is and what the money is for, as the article says
     * (describe.c); NULL when it does not. descriptor reads after "Name, "
     * ("a UK-based maker of ...", "which builds ..."; for an acquisition it
     * describes the target); purpose reads after the amount ("to expand
     * ...", "for the construction of ...", "mostly for compute"). */
    char *descriptor;
    char *purpose;
    /* acquisition: where the deal stands as the article tells it:
     * "completed" ("X acquired Y", "X completed its purchase of Y"),
     * "pending" ("X agreed to acquire Y", "X is acquiring Y", "X to buy Y",
     * "expected to close"), "announced" (told in the present: "X acquires
     * Y", "X announced a deal for Y"); NULL for other types. Static string. */
    const char *status;
} event_t;

typedef struct event_list {
    event_t *items;
    size_t n, cap;
} event_list;

/* "funding", "acquisition", "stock_move", "infrastructure", "product". */
const char *event_type_name(event_type t);
/* The type for a name, or -1. */
int event_type_parse(const char *name);
/* "completed", "pending" or "announced" as event_t.status's static
 * string; NULL for anything else. */
const char *event_status_parse(const char *name);
/* A new zeroed event at the end of the list (doubles NAN). */
event_t *event_list_add(event_list *l, event_type t);
void event_list_free(event_list *l);
/* Frees what one event owns and zeroes it (the event itself is not freed). */
void event_clear(event_t *e);
/* Makes dst a deep copy of src (its strings and lists are dst's own; free
 * them with event_clear). */
void event_copy(event_t *dst, const event_t *src);
/* Writes one event as a JSON object in the form of shared/eval/EVENTS_JSON.md. */
void event_json(const event_t *e, jw_t *w);

#endif
