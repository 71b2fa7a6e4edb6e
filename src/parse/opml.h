/* opml: reading and writing OPML subscription lists. */
#ifndef MTRACK_OPML_H
#define MTRACK_OPML_H

#include <stddef.h>

#include "util/buf.h"

/* One feed of a list. Any field may be NULL but xml_url, which is always set. */
typedef struct opml_outline {
    char *title;    /* title, else text */
    char *xml_url;  /* the feed's address */
    char *html_url; /* the site's address */
    char *category; /* the enclosing folder's title, else the category attribute */
} opml_outline;

/* Caps: a list holds at most this many feeds in folders nested at most
 * this deep; the document at most 16 MiB. A list past a cap is refused
 * whole (never cut silently). */
#define OPML_MAX_OUTLINES 100000
#define OPML_MAX_DEPTH 64
#define OPML_MAX_BYTES ((size_t)16 << 20)

/* Parses an OPML document. On success returns 0 and stores a new array of
 * *n outlines (caller frees with opml_free) in *out; outlines without an
 * xmlUrl (folders) are not listed. Relative addresses are kept as written.
 * Returns -1 with a one-line reason in why when the document is not OPML
 * or passes a cap (nothing is stored then). Never loads external entities or DTDs. */
int opml_parse(const char *data, size_t len, opml_outline **out, size_t *n, char *why, size_t whylen);

/* Frees an array from opml_parse (or one the caller built with malloc'd strings). */
void opml_free(opml_outline *o, size_t n);

/* Appends an OPML 2.0 document listing the n outlines to out, feeds grouped
 * in folders by category (in order of first appearance). title may be NULL.
 * Returns 0, or -1 when out's size cap was reached. */
int opml_write(const opml_outline *o, size_t n, const char *title, buf_t *out);

#endif
