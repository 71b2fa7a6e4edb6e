/* extract_doc: an HTML page's character set and its libxml2 tree. */
#ifndef MTRACK_EXTRACT_DOC_H
#define MTRACK_EXTRACT_DOC_H

#include <stddef.h>
#include <libxml/HTMLparser.h>

/* Finds the page's character set: byte-order mark, then the charset of
 * content_type (may be NULL), then a <meta> charset in the first bytes,
 * then a guess (UTF-8 when the bytes are valid UTF-8, else windows-1252).
 * Writes a name libxml2 knows into out (at least 40 bytes). */
void extract_doc_charset(const char *html, size_t len, const char *content_type, char *out,
                         size_t outlen);

/* The depth of a parsed tree: chains of wrapper elements past
 * EXTRACT_DOC_WRAP levels are collapsed, and elements past EXTRACT_DOC_DEPTH
 * dissolved into their text, so a page nested thousands of levels deep
 * keeps its article and the walks that recurse stay bounded. */
#define EXTRACT_DOC_WRAP 64
#define EXTRACT_DOC_DEPTH 200

/* Parses html (at most EXTRACT_MAX_INPUT bytes of it are read) into a tree
 * in UTF-8. Returns the document (caller frees with xmlFreeDoc) or NULL when
 * nothing could be parsed. */
htmlDocPtr extract_doc_parse(const char *html, size_t len, const char *content_type);

/* Parses an HTML fragment known to be UTF-8 (feed content). NULL on failure. */
htmlDocPtr extract_doc_parse_fragment(const char *html, size_t len);

/* The <body> of doc, else its root element, else NULL. */
xmlNode *extract_doc_body(htmlDocPtr doc);

/* The value of attribute name on node, or NULL; the pointer is into the
 * tree (valid while doc lives). Only plain text children are looked at. */
const char *extract_doc_attr(const xmlNode *node, const char *name);

/* 1 when node is an element named name (lower case). */
int extract_doc_is(const xmlNode *node, const char *name);

/* Appends the text inside node to out with white space collapsed to single
 * spaces (no leading space when out is empty); stops at depth 256 and when
 * out reaches max bytes. Skips script and style. */
void extract_doc_text(const xmlNode *node, char **out, size_t *len, size_t *cap, size_t max);

/* The text inside node, white space collapsed and trimmed, at most max
 * bytes; owned string (never NULL). */
char *extract_doc_text_dup(const xmlNode *node, size_t max);

#endif
