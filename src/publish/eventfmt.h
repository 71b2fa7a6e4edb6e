/* eventfmt: one event or document as a table row, a CSV line or a search
 * hit, the same in the CLI, the web UI, the API and the MCP server. */
#ifndef MTRACK_EVENTFMT_H
#define MTRACK_EVENTFMT_H

#include <stdint.h>

#include "analyze/event.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/json.h"

/* The organisation an event is about: the acquirer, the infrastructure's
 * organisation, else the company (or its ticker). May be NULL. */
const char *event_org_name(const event_t *e);
/* The event's dollar figure: the price of an acquisition, else the amount. */
double event_usd(const event_t *e);
/* A short detail: the round and valuation, "-> target", the move, the
 * product. */
void event_detail(buf_t *b, const event_t *e);
/* The same for a reader (web UI, Atom), in the page's one money style:
 * "Series C, valued at $1.7 billion", "agreed to acquire Sablewire",
 * "+0.75%, closed at $135.21" (event_detail, for the terminal's narrow
 * table: "Series C @ $1.7B", "-> Sablewire"). */
void event_detail_full(buf_t *b, const event_t *e);
/* The event's money in the page's one style: "$2 billion", "€85 million
 * (about $91.8 million)"; nothing when it states none. */
void event_money(buf_t *b, const event_t *e);
/* The CSV header line and one event as a CSV line (RFC 4180, CRLF). */
void event_csv_header(buf_t *b);
void event_csv_row(buf_t *b, const event_t *e, int64_t id, const char *first_seen, int64_t sources);
/* A search hit as a JSON object: id, score, title, outlet, published, url,
 * snippet (its text, no marks) and snippet_parts ([{"text", "hit"}], the
 * same text cut where hits begin and end). */
void doc_hit_json(jw_t *w, const doc_rec *d, const char *snippet, double score);
/* How many documents a search that gave shown hits of at most limit
 * matches (counted only when shown reached limit or the ranked bound):
 * total, exact or an
 * estimate (store_search_count), and ranked, how many of the newest
 * matches the hits are the best of (store_search_bounds: total when all
 * were). The same in the CLI, the web UI, the API and MCP. */
typedef struct search_total {
    int64_t total;
    bool exact;
    int64_t ranked;
    int64_t counted; /* an estimate: from how many of the newest matches */
} search_total;
int search_total_get(store_t *s, const char *query, int64_t shown, int64_t limit, search_total *t);
/* "total", "total_exact" and "ranked" as JSON keys. */
void search_total_json(jw_t *w, const search_total *t);
/* The sentence that says it, for shown hits: "12 results", "100000
 * results; the best 50 of the newest 10000 matches shown", "about
 * 130000 results, estimated from the newest 100001 that match; ...". */
void search_total_text(buf_t *b, const search_total *t, int64_t shown);
/* "changes": [...], what updated documents changed in event id, oldest
 * first: {when, DOC_KEY, field, was, now} each. The changes are read only
 * when rc (what the answer's earlier reads gave) is 0, else the list is
 * empty; returns rc, or the reading's result. */
int event_changes_json(jw_t *w, store_t *s, int64_t id, const char *doc_key, int rc);
/* The changes of n events read at once (one statement, not one per
 * event: store_event_changes_of), then each event's "changes" written from
 * them as event_changes_json writes it. */
typedef struct event_changes_set {
    store_event_change *v;    /* by event id, each event's oldest first */
    size_t n, cap;
} event_changes_set;
int event_changes_read(store_t *s, const int64_t *ids, size_t n, event_changes_set *cs);
void event_changes_json_of(jw_t *w, const event_changes_set *cs, int64_t id, const char *doc_key);
void event_changes_set_free(event_changes_set *cs);

/* Calls cb for each run of a store snippet (store_search), in order: n
 * bytes at s, hit 1 inside a hit's marks (MARK_OPEN, MARK_CLOSE), else 0;
 * runs are never empty and the marks are not in them. The one reading of
 * the marks for the CLI, the web UI, the API and MCP. */
typedef void (*snippet_cb)(const char *s, size_t n, int hit, void *ctx);
void snippet_split(const char *snippet, snippet_cb cb, void *ctx);

#endif
