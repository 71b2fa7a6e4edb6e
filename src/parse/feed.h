/* feed: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed into one model.
 *
 * CONTRACT used by ingest/update (owned by the feed module; extend freely,
 * keep these signatures): */
#ifndef MTRACK_FEED_H
#define MTRACK_FEED_H

#include <stdbool.h>
#include <stddef.h>

typedef struct feed feed_t;

/* A borrowed view of one entry; strings live as long as the feed_t. Any
 * field may be NULL. */
typedef struct feed_item_view {
    const char *title;     /* text, entities decoded */
    const char *link;      /* absolute URL */
    const char *id;        /* guid / atom id */
    const char *published; /* RFC 3339 UTC ("2026-03-16T09:00:00Z"): published, else updated */
    const char *author;    /* one-line form */
    const char *summary;   /* as in the feed (HTML or text) */
    const char *content;   /* the fullest content (HTML or text), else NULL */
} feed_item_view;

/* True when data looks like a feed (XML whose root is rss/feed/RDF/channel,
 * or a JSON Feed) without parsing it all. */
bool feed_sniff(const char *data, size_t len);

/* Parses a whole document. base_url resolves relative links (may be NULL);
 * content_type is the HTTP Content-Type when there was one (may be NULL).
 * Never returns NULL but for out of memory: a broken document gives a feed
 * with bozo set and whatever could be read. */
feed_t *feed_parse(const char *data, size_t len, const char *base_url, const char *content_type);

bool feed_bozo(const feed_t *f);
const char *feed_bozo_reason(const feed_t *f); /* NULL when not bozo */
const char *feed_version(const feed_t *f);     /* "rss20", "atom10", ... or "" */
const char *feed_title(const feed_t *f);
const char *feed_link(const feed_t *f);
size_t feed_count(const feed_t *f);
void feed_item(const feed_t *f, size_t i, feed_item_view *out);
void feed_free(feed_t *f);

#endif
