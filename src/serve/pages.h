/* pages: the server's HTML pages (they work without JavaScript), its
 * static assets (kept in memory), and HTML error pages. */
#ifndef MTRACK_PAGES_H
#define MTRACK_PAGES_H

#include "serve/server.h"

/* Each fills o from request r (o->body empty, o->status 200 on entry). */
void pages_trackers(serve_req *r, serve_resp *o);                  /* / */
void pages_report(serve_req *r, serve_resp *o, const char *name);  /* /t/NAME */
void pages_events(serve_req *r, serve_resp *o, const char *name);  /* /t/NAME/events */
void pages_search(serve_req *r, serve_resp *o);                    /* /search?q= */
void pages_event(serve_req *r, serve_resp *o, const char *id);     /* /events/ID */
void pages_org(serve_req *r, serve_resp *o, const char *name);     /* /org/NAME */
void pages_doc(serve_req *r, serve_resp *o, const char *id);       /* /docs/ID */
void pages_static(serve_req *r, serve_resp *o, const char *file);  /* /static/FILE */
/* An HTML error page with status and message (plain text, escaped here). */
void pages_error(serve_resp *o, int status, const char *msg);
/* Frees the cached reports (at shutdown). */
void pages_cleanup(void);

/* The header every page shows (the report's too): the brand, the trackers,
 * the links of tracker (may be NULL) and the search form holding q (may be
 * NULL). */
void pages_header(buf_t *b, const char *q, const char *tracker, const char *tracker_title);
/* Its CSS rules (the report page puts them in its <style> block). */
extern const char pages_header_css[];

/* Appends snippet HTML-escaped with the store's hit marks as <mark>. */
void pages_snippet(buf_t *b, const char *snippet);

#endif
