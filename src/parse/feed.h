/* feed: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed into one model.
 *
 * CONTRACT used by ingest/update (owned by the feed module; extend freely,
 * keep these signatures): */
#ifndef MTRACK_FEED_H
#define MTRACK_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "util/json.h"

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
/* True when an XML feed ended inside an element (a file or body cut
 * short). Known from feed_stream_end on, before the unclosed entry, if any,
 * is handed to on_entry (which can ask, to tell it was cut short). */
bool feed_truncated(const feed_t *f);
/* True when the feed had a fault before its bytes ran out (bad markup, not
 * only a cut end): a feed both garbled and cut is a broken feed. */
bool feed_broken_before_end(const feed_t *f);
const char *feed_bozo_reason(const feed_t *f); /* NULL when not bozo */
const char *feed_version(const feed_t *f);     /* "rss20", "atom10", ... or "" */
const char *feed_title(const feed_t *f);
const char *feed_link(const feed_t *f);
size_t feed_count(const feed_t *f);
void feed_item(const feed_t *f, size_t i, feed_item_view *out);
void feed_free(feed_t *f);

/* ---- streaming: entries are handed over as they complete ---------------
 *
 *   feed_t *f = feed_stream_new(base, NULL, on_entry, user);
 *   while (read a chunk) feed_stream_push(f, chunk, n);
 *   feed_stream_end(f);            -- then feed_title(), feed_write_json()...
 *   feed_free(f);
 *
 * Memory stays bounded whatever the document's size: each entry is freed
 * after on_entry returns (feed_count() stays 0 in this mode). A JSON Feed is
 * buffered whole (up to 64 MiB) and parsed at feed_stream_end. */
typedef struct feed_entry feed_entry; /* one entry of feedparser's model */
typedef void (*feed_entry_fn)(void *user, const feed_entry *e);

/* on_entry NULL keeps the entries (as feed_parse does). Never NULL. */
feed_t *feed_stream_new(const char *base_url, const char *content_type, feed_entry_fn on_entry, void *user);
/* Before the first bytes: a document said or taken to be UTF-8 is read as
 * UTF-8 even when damaged, each damaged character one U+FFFD (unless its
 * bytes look single-byte, utf8_likely), where feedparser, and parse-feed,
 * read it all as windows-1252. ingest and update ask for it. */
void feed_stream_repair_utf8(feed_t *f);
/* Feeds the next bytes. Returns 0, or -1 when the document passed a limit
 * (the feed is then bozo). */
int feed_stream_push(feed_t *f, const char *data, size_t len);
/* Ends the document: flushes the last entry, settles bozo and version. */
void feed_stream_end(feed_t *f);

/* A borrowed view of one entry (valid while the entry is). */
void feed_entry_view(const feed_entry *e, feed_item_view *out);
/* Writes the entry as the JSON object of shared/eval/FEED_JSON.md. */
void feed_entry_write_json(const feed_entry *e, jw_t *w);
/* Writes the top-level members (bozo, bozo_exception, version, encoding,
 * feed, and entries when with_entries) into an object the caller opened. */
void feed_write_json(const feed_t *f, jw_t *w, bool with_entries);
/* The encoding the document was read in, lower case ("utf-8"). */
const char *feed_encoding(const feed_t *f);

#endif
