/* feed: PLACEHOLDER until the feed module lands. */
#include "feed.h"
#include <stdlib.h>
struct feed { int dummy; };
bool feed_sniff(const char *data, size_t len) { (void)data; (void)len; return false; }
feed_t *feed_parse(const char *data, size_t len, const char *base_url, const char *ct)
{ (void)data; (void)len; (void)base_url; (void)ct; return calloc(1, sizeof(feed_t)); }
bool feed_bozo(const feed_t *f) { (void)f; return true; }
const char *feed_bozo_reason(const feed_t *f) { (void)f; return "not implemented"; }
const char *feed_version(const feed_t *f) { (void)f; return ""; }
const char *feed_title(const feed_t *f) { (void)f; return NULL; }
const char *feed_link(const feed_t *f) { (void)f; return NULL; }
size_t feed_count(const feed_t *f) { (void)f; return 0; }
void feed_item(const feed_t *f, size_t i, feed_item_view *out) { (void)f; (void)i; *out = (feed_item_view){0}; }
void feed_free(feed_t *f) { free(f); }
