/* extract: an article's main text and metadata out of an HTML page.
 *
 * CONTRACT used by ingest/update (owned by the extract module; extend
 * freely, keep these signatures): */
#ifndef MTRACK_EXTRACT_H
#define MTRACK_EXTRACT_H

#include <stddef.h>

/* Every field is an owned string or NULL. text holds paragraphs separated
 * by blank lines ("\n\n"). published is RFC 3339. */
typedef struct article {
    char *url, *canonical_url, *title, *author, *published, *site_name;
    char *lang, *description, *image, *text;
} article_t;

/* Pages longer than this are cut to it before parsing (bounded memory). */
#define EXTRACT_MAX_INPUT ((size_t)4 << 20)

/* Extracts from a whole HTML page. url is where it came from (may be NULL;
 * used for relative links); content_type is the HTTP header, may be NULL.
 * Returns 0 (out filled; text may be empty when the page has no article)
 * or -1 when the input cannot be read as HTML at all (out is then zeroed).
 * The caller frees out with article_free(). */
int extract_article(const char *html, size_t len, const char *url, const char *content_type,
                    article_t *out);
/* Frees every field and zeroes a; a may be NULL. */
void article_free(article_t *a);

/* An HTML fragment (a feed's summary or content) to plain text, paragraphs
 * separated by blank lines; entities decoded. Returns an owned string
 * (empty, never NULL). */
char *html_to_text(const char *html, size_t len);

/* A headline, outlet or author name as text (feeds and pages carry them as
 * HTML, often escaped twice: "&lt;b&gt;Chips&lt;/b&gt; &amp;amp; more"):
 * tags dropped (script and style with their content), entities decoded,
 * again while that leaves tags or entities (at most three rounds), white
 * space folded to single spaces on one line. The one rule for every title
 * that comes as HTML (feeds' titles, outlets and authors, a page's
 * <title>, og: and JSON-LD names); a text file's headline is text as it
 * is. Owned string; NULL for NULL. */
char *text_title(const char *s);

/* 1 when a feed entry's text (its content or summary as plain text, as
 * html_to_text gives it) is a teaser of an article rather than the article:
 * under 400 characters, or cut short and pointing to the page, the way
 * feeds set to excerpts end their entries: an ellipsis ("...", "[...]",
 * "\xE2\x80\xA6", "(more...)"), "Read more", "Continue reading", once a
 * credit line such as "The post X appeared first on Y." is set aside.
 * A text that long (EXTRACT_TEASER_MAX) is an article however it ends.
 * NULL is a teaser (there is nothing but the link). */
#define EXTRACT_TEASER_SHORT 400
#define EXTRACT_TEASER_MAX 4000
int extract_is_teaser(const char *text);

/* 1 when data reads as an HTML page by its content, whatever the file's
 * name: "<html", "<!doctype html", "<body" or "<article" in its first
 * 4 KiB, or "<head" with "<title". The test ingest and analyze share. */
int extract_looks_html(const char *data, size_t len);

/* Only parses the page into a tree and frees it (the benchmarks use it to
 * show the parser's share of the cost). Returns 0 or -1 as extract_article. */
int extract_parse_only(const char *html, size_t len, const char *content_type);

#endif
