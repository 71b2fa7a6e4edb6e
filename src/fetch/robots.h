/* robots: a robots.txt parser (RFC 9309) for one user agent. */
#ifndef MTRACK_ROBOTS_H
#define MTRACK_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

/* Files longer than this are read only up to it (RFC 9309 asks for at
 * least 500 KiB). */
#define ROBOTS_MAX_BYTES ((size_t)512 << 10)

typedef struct robots robots_t;

/* Parses robots.txt text for the crawler whose product token is agent
 * ("mtrack"): the groups naming agent (case-insensitive, a version after
 * '/' ignored) are used, else the '*' groups, else nothing is forbidden.
 * Never fails but for out of memory (aborts); the caller frees the result
 * with robots_free(). Any bytes are accepted. */
robots_t *robots_parse(const char *text, size_t len, const char *agent);

/* A robots_t that forbids everything (a server error on robots.txt). */
robots_t *robots_deny_all(void);

/* True when path (the URL's path and query, starting with '/') may be
 * fetched: the longest matching allow/disallow rule decides, allow wins a
 * tie, no match allows. '*' matches any run of bytes, a final '$' anchors
 * the end. /robots.txt itself is always allowed. r NULL allows all. */
bool robots_allowed(const robots_t *r, const char *path);

/* The Crawl-delay of the chosen group in seconds (0 when none). */
double robots_crawl_delay(const robots_t *r);

void robots_free(robots_t *r);

#endif
