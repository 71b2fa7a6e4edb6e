/* theme: which of a tracker's themes an event or a document belongs to. */
#ifndef MTRACK_THEME_H
#define MTRACK_THEME_H

#include <stddef.h>
#include <stdint.h>

#include "analyze/event.h"
#include "sources/tracker.h"

/* The theme index for an event read from sentence, in an article whose
 * context is the text around it (may be NULL): among the themes that take
 * the event's type, the one whose keywords and organisations match best
 * (sentence counts most); the first such theme on a tie. -1 when no theme
 * takes the type. */
int theme_of_event(const tracker_def *t, const event_t *e, const char *context);

/* The theme index of a stored event, as the report assigns it: theme_of_event
 * with the text around its sentence in the first document that reports it,
 * else that document's theme, else the first theme (-1 only when the
 * tracker has no themes). */
struct store;
int theme_of_stored_event(struct store *s, const tracker_def *t, const event_t *e, int64_t event_id);

/* The same rule with the document given: its title and text (text NULL:
 * the sentence alone). */
int theme_of_event_in_doc(const tracker_def *t, const event_t *e, const char *title, const char *text);

/* The theme index for a document (title and text), or -1 when no theme's
 * keywords occur in it. */
int theme_of_doc(const tracker_def *t, const char *title, const char *text);

/* A hash of what the assignments above depend on in a tracker (its
 * themes' types, keywords and organisations, its include, exclude and
 * exclude_outlets rules): stored assignments made under another hash are
 * stale (store_themes_get). It starts from a version string ("themes v1"
 * in theme.c): change it when the rules of theme.c or scope.c change, so
 * that stored assignments are worked out again. theme_hash_str adds a
 * string to such a hash. */
uint64_t theme_rules_hash(const tracker_def *t);
uint64_t theme_hash_str(uint64_t h, const char *s);

/* 1 when the tracker's include/exclude filter rules let this document in. */
int theme_doc_allowed(const tracker_def *t, const char *title, const char *text, const char *outlet);

/* Each theme's score for the event (scores[i] for theme i, -1 when the
 * theme does not take its type), as theme_of_event scores them: 3 for each
 * keyword in the sentence, 1 in the context, 6 for a named organisation.
 * An event fits every theme its sentence names (a score of 3 or more);
 * the report shows it in full in its own theme and refers to it in the
 * others (issue 14). */
void theme_event_scores(const tracker_def *t, const event_t *e, const char *context, int *scores);

#endif
