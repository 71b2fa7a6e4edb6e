/* ingest: turns local files (feeds, HTML pages, text articles) and fetched
 * documents into stored, analysed documents. */
#ifndef MTRACK_INGEST_H
#define MTRACK_INGEST_H

#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

/* Documents committed together (store_batch_begin) by ingest and update:
 * at most this many, or this many milliseconds of work. */
#define INGEST_GROUP_DOCS 1000
#define INGEST_GROUP_MS 2000

typedef struct ingest_stats {
    int64_t added;     /* documents stored */
    int64_t skipped;   /* documents already stored */
    int64_t updated;   /* stored documents replaced by their update (the same
                        * URL or canonical URL, a changed text) */
    int64_t refused;   /* files or documents refused */
    int64_t events;    /* event mentions recorded */
    int64_t files;     /* files read */
} ingest_stats;

/* One document ready to store: text is plain text (paragraphs separated by
 * blank lines). Everything but text may be NULL. */
typedef struct ingest_doc {
    const char *url, *canonical_url, *title, *author, *outlet, *published;
    const char *language, *text, *origin;
    int64_t source_id;
    /* title, outlet and author are HTML, as feeds carry them: they are made
     * text (text_title) before they are stored; a text file's are text. */
    int html_names;
    /* a local article file without a URL: "file://" and its real path,
     * stored as its canonical key (a changed file read again is its
     * update); NULL otherwise */
    const char *file_key;
} ingest_doc;

/* Stores one document and its events in one transaction, unless it is a
 * copy of a stored one (the same text, or a near-copy): then only the new
 * URL is recorded and stats->skipped counts it. A document whose URL or
 * canonical URL is a stored one's, with another text that tells the same
 * story, is its update: the stored document is replaced (store_doc_replace),
 * its events derived again (its old mentions removed, events no document
 * reports any more removed) and each event it reports records what changed
 * (store_event_change_add); stats->updated counts it. Returns 0, or -1 with
 * why. */
int ingest_document(store_t *s, const ingest_doc *d, ingest_stats *stats, char *why, size_t whylen);

/* Analyses a stored document (its headline and text as stored) and records
 * its events and their mentions (store_event_record), inside the caller's
 * transaction: the one path from a document to its events, for ingest and
 * reanalyze. published: the document's stored date (may be NULL).
 * *n_events (may be NULL) gets the number of events recorded. Returns 0, or
 * -1 with why ("store: ..." when the store failed). */
int ingest_record_events(store_t *s, int64_t doc_id, const char *title, const char *text,
                         const char *published, int64_t *n_events, char *why, size_t whylen);

/* Ingests a file or, recursively, a folder. Each refused file gets one line
 * "mtrack: ingest: PATH: reason" on err. Returns 0 when nothing was
 * refused, 1 when something was, -1 when the store failed. */
int ingest_path(store_t *s, const char *path, ingest_stats *stats, FILE *err);

/* Reads raw bytes (a whole file or HTTP body) of unknown kind and ingests
 * them: feed, HTML page or text article. url/origin say where they came
 * from; content_type may be NULL. Returns 0, or -1 with why (the input is
 * refused). */
int ingest_bytes(store_t *s, const char *data, size_t len, const char *url, const char *origin,
                 const char *content_type, int64_t source_id, ingest_stats *stats, char *why,
                 size_t whylen);

#endif
