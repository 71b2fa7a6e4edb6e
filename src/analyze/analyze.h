/* analyze: reads the business events out of an article's plain text.
 *
 * CONTRACT used by ingest/update and the analyze command (owned by the
 * analyze module; extend freely, keep these signatures). */
#ifndef MTRACK_ANALYZE_H
#define MTRACK_ANALYZE_H

#include <stddef.h>

#include "analyze/event.h"

/* text: the article, first line the headline. date: its publication date
 * "YYYY-MM-DD" (or NULL), to tell news from history. Appends the events the
 * article reports as news to out. Returns 0, or -1 on out of memory. */
int analyze_text(const char *text, size_t len, const char *date, event_list *out);

struct buf;
/* The same, and when explain is not NULL appends to it, line by line, every
 * candidate the readers weighed (sentences, amounts and their roles, verbs,
 * names) and why each was kept or dropped (analyze --explain). */
int analyze_text_explain(const char *text, size_t len, const char *date, event_list *out,
                         struct buf *explain);

#endif
