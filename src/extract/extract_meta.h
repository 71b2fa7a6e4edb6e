/* extract_meta: an article page's metadata (JSON-LD, OpenGraph, <meta>,
 * <time>, bylines). */
#ifndef MTRACK_EXTRACT_META_H
#define MTRACK_EXTRACT_META_H

#include <libxml/HTMLparser.h>

#include "extract.h"

/* Fills out's canonical_url, title, author, published, site_name, lang,
 * description and image from doc (fields it cannot find stay NULL); url
 * (may be NULL) resolves relative addresses. When the page's JSON-LD has an
 * articleBody, *ld_body gets it as an owned string (else NULL). */
void extract_meta(htmlDocPtr doc, const char *url, article_t *out, char **ld_body);

#endif
