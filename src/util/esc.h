/* esc: escaping text for HTML, CSV and Markdown output. */
#ifndef MTRACK_ESC_H
#define MTRACK_ESC_H

#include "util/buf.h"

/* Appends s with & < > " ' escaped, for HTML text and attribute values. */
void esc_html(buf_t *b, const char *s);
/* Appends s as one CSV field (RFC 4180 quoting when needed; a leading
 * = + - @ is prefixed with ' so spreadsheets do not run it). */
void esc_csv(buf_t *b, const char *s);
/* Appends s with Markdown's active characters escaped and line breaks
 * folded to spaces, for inline text. */
void esc_md(buf_t *b, const char *s);
/* Appends a URL for an href: only a link url_public gives out (else "#"). */
void esc_url_attr(buf_t *b, const char *url);

#endif
