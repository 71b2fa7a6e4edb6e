/* scope: what a tracker holds. The one definition of "the tracker's
 * documents and events", used by every view of a tracker: the report
 * (body and headline), the events table and /api/v1/events, the Atom feed,
 * MCP's list_events and get_report, `watch` alerts and `mtrack events`.
 *
 * A document is the tracker's when its [filter] lets it in: it mentions
 * one of `include` (when there are any), none of `exclude`, and its outlet
 * is none of `exclude_outlets`. An event is the tracker's when it names no
 * organisation of `exclude_orgs` and at least one of the documents that
 * report it is the tracker's; its theme is read (theme_of_event_in_doc)
 * from the first of those documents. */
#ifndef MTRACK_SCOPE_H
#define MTRACK_SCOPE_H

#include <stdint.h>

#include "analyze/event.h"
#include "sources/tracker.h"
#include "store/store.h"

/* 1 when the document is the tracker's. */
int scope_doc_in(const tracker_def *t, const char *title, const char *text, const char *outlet);
/* 1 when the tracker's [filter] lets every document and event in (none of
 * its rules is set): then every event of the store is the tracker's. */
int scope_all(const tracker_def *t);

/* A caller's own view of the documents (the report's: those it loaded,
 * which scope_doc_in let in and --since allowed): 1 with the document's
 * title and text (borrowed until the next call) when doc_id is in the view,
 * 0 when it is not, -1 on error. */
typedef int (*scope_doc_fn)(void *ctx, int64_t doc_id, const char **title, const char **text);

/* 1 when the stored event (e, event_id) is the tracker's, 0 when not, -1
 * on a store error. *theme (theme may be NULL when not wanted; -1 when the
 * event is not the tracker's) gets its theme index. doc NULL: the
 * documents are read from the store and judged by scope_doc_in, up to the
 * first that is the tracker's; else doc is asked about every document that
 * reports the event, oldest first. */
int scope_event(store_t *s, const tracker_def *t, const event_t *e, int64_t event_id,
                scope_doc_fn doc, void *ctx, int *theme);

/* scope_event (doc NULL) for the n stored events e[i] (ids event_ids[i])
 * at once, in a few reads for all of them (their mentions, then their
 * documents a round at a time) instead of some per event: in[i] gets
 * scope_event's answer and theme[i] (theme may be NULL) its theme. 0, or
 * -1 on a store error. */
int scope_events(store_t *s, const tracker_def *t, const event_t *const *e, const int64_t *event_ids,
                 size_t n, int *in, int *theme);

#endif
