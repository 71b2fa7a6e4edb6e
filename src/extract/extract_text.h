/* extract_text: an HTML page's main text, found by scoring its blocks. */
#ifndef MTRACK_EXTRACT_TEXT_H
#define MTRACK_EXTRACT_TEXT_H

#include <libxml/HTMLparser.h>

/* Ways to run the extraction: the default is strict; when it finds too
 * little the caller may retry on a fresh tree with EXTRACT_TEXT_LENIENT
 * (class and id hints no longer remove blocks). EXTRACT_TEXT_ALL keeps the
 * whole body (html_to_text). */
enum { EXTRACT_TEXT_LENIENT = 1, EXTRACT_TEXT_ALL = 2 };

/* The main text of doc: paragraphs, headings and list items in reading
 * order separated by "\n\n"; boilerplate left out. title (may be NULL)
 * helps drop the headline. Changes the tree (removes nodes). Returns an
 * owned string, empty when there is no article. */
char *extract_text_main(htmlDocPtr doc, const char *title, int flags);

#endif
