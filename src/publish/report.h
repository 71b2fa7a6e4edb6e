/* report: the tracker page (Markdown, HTML, JSON) built from the store. */
#ifndef MTRACK_REPORT_H
#define MTRACK_REPORT_H

#include "sources/tracker.h"
#include "store/store.h"
#include "util/buf.h"

typedef enum report_format { REPORT_MD, REPORT_HTML, REPORT_JSON } report_format;

typedef struct report_opts {
    report_format format;
    const char *edition_format; /* the edition series compared against for
                                   "What's new" ("md", "html", ...); NULL: none */
    const char *since;   /* YYYY-MM-DD: only what was published since; NULL for all */
    const char *now;     /* RFC 3339 "updated" time; NULL for the current time */
    int top;             /* items a section lists (key milestones, other
                            activity, other documents), the rest counted:
                            0 for REPORT_TOP_DEFAULT, -1 for all */
    const char *events_href; /* the events table the "N more" lines link to
                                (its theme added as ?theme=); NULL: none.
                                Set, the HTML names its companies and events
                                as links to /org/NAME and /events/ID (the
                                web UI) */
    const struct narr_opts *narrative; /* the chat-completions API that writes
                                the introduction and each theme's paragraph
                                from their cited facts, checked
                                (publish/narrative.h); Markdown and HTML
                                only; NULL: the template's prose */
    int keep_themes;     /* store the theme assignments worked out here
                            (store_themes_put), so that the next report
                            reads them instead of the texts: the CLI's
                            report does; 0 leaves the store as it was */
} report_opts;

#define REPORT_TOP_DEFAULT 25
#define REPORT_TOP_MAX 1000

typedef struct report_summary {
    int64_t documents, sources, events, funding_rounds, new_events;
    double funding_usd;
    int64_t *event_ids;  /* the events shown (owned: report_summary_free) */
    size_t n_event_ids;
} report_summary;

void report_summary_free(report_summary *s);

/* Works out and stores the theme assignments of every stored tracker's
 * report for what is not stored yet (report_opts.keep_themes), so that
 * the next report, the server's too, reads them instead of the texts: run
 * after adding documents (ingest, update, reanalyze). Only what the store
 * logged as changed since the tracker's mark is read (store_theme_log_each);
 * a tracker without a mark, or edited since, is worked out over the whole
 * store. Best effort: returns 0, or -1 when a tracker's could not be
 * stored. */
int report_keep_themes_all(store_t *s);

/* Writes tracker t's page into out. Returns 0, or -1 with the store's error
 * in why. summary (may be NULL) gets the page's figures. */
int report_write(store_t *s, const tracker_def *t, const report_opts *o, buf_t *out,
                 report_summary *summary, char *why, size_t whylen);

#endif
