/* analyze_check: what the analyser's unit tests share: an article in, its
 * events out, and counts of them by type. Include after check.h. */
#ifndef MTRACK_ANALYZE_CHECK_H
#define MTRACK_ANALYZE_CHECK_H

#include <string.h>

#include "analyze/analyze.h"

/* The events of one article (text: headline first), dated date or NULL. */
static inline event_list run(const char *text, const char *date)
{
    event_list l = {0};
    analyze_text(text, strlen(text), date, &l);
    return l;
}

/* How many events of type t the list holds. */
static inline int count(const event_list *l, event_type t)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->items[i].type == t;
    return n;
}

#endif
