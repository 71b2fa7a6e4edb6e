/* url: RFC 3986 reference resolution (relative URLs made absolute). */
#ifndef MTRACK_URL_H
#define MTRACK_URL_H

#include <stdbool.h>
#include <stddef.h>

/* The largest URL url_resolve builds; longer results are refused. */
#define URL_MAX 8192

/* Resolves ref against base (RFC 3986 section 5.2, with dot segments
 * removed). base may be NULL or relative: then ref is returned as is when it
 * cannot be made absolute. Returns a new string (caller frees), or NULL when
 * ref is NULL or the result would pass URL_MAX. Leading and trailing white
 * space of both is ignored. */
char *url_resolve(const char *base, const char *ref);

/* A source's URL as it is stored and compared: its scheme and host in
 * lower case ("HTTP://Example.COM/Feed" is "http://example.com/Feed"); the
 * rest (user, path, query) as given. Returns a new string. */
char *url_norm_source(const char *url);

/* True when s starts with a scheme ("http:", "mailto:", ...). */
bool url_has_scheme(const char *s);

/* The one rule for a link mtrack gives out (API, MCP, Atom, CSV and JSON
 * exports, reports, web pages, the CLI): an absolute http:// or https://
 * URL with a host and no white space or control characters. Links are
 * stored as sources gave them; javascript:, data:, file: and the like are
 * never handed out as URLs (null, omitted or "#" instead). */
bool url_public(const char *url);
/* url when url_public(url), else NULL. */
const char *url_out(const char *url);
/* A document's link to give out: its canonical URL when that is public,
 * else its URL when that is, else NULL. */
const char *url_doc_out(const char *canonical_url, const char *url);

#endif
