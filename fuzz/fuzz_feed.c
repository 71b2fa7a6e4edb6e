/* fuzz_feed: libFuzzer target for the feed parser (whole-document and streaming paths). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parse/feed.h"
#include "util/buf.h"
#include "util/json.h"

static void on_entry(void *user, const feed_entry *e)
{
    buf_t *b = user;
    jw_t w;
    jw_init(&w, b, false);
    feed_entry_write_json(e, &w);
    feed_item_view v;
    feed_entry_view(e, &v);
    buf_reset(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* whole document, with a base URL */
    feed_t *f = feed_parse((const char *)data, size, "http://fuzz.test/a/b", NULL);
    for (size_t i = 0; i < feed_count(f); i++) {
        feed_item_view v;
        feed_item(f, i, &v);
    }
    buf_t b;
    buf_init(&b, 0);
    jw_t w;
    jw_init(&w, &b, false);
    jw_obj(&w);
    feed_write_json(f, &w, true);
    jw_obj_end(&w);
    (void)feed_sniff((const char *)data, size);
    feed_free(f);
    /* streaming in small uneven chunks, with a charset from "HTTP" */
    buf_reset(&b);
    f = feed_stream_new(NULL, "application/xml; charset=iso-8859-1", on_entry, &b);
    size_t step = 1 + (size ? data[0] % 97 : 0);
    for (size_t i = 0; i < size; i += step)
        feed_stream_push(f, (const char *)data + i, size - i < step ? size - i : step);
    feed_stream_end(f);
    feed_free(f);
    /* past the first block (read whole to choose the format), so that the
     * chunks reach the '&' filter in front of libxml2 one by one */
    static char pad[65600];
    if (!pad[0]) {
        memcpy(pad, "<rss><!--", 9);
        memset(pad + 9, ' ', sizeof pad - 12);
        memcpy(pad + sizeof pad - 3, "-->", 3);
    }
    buf_reset(&b);
    f = feed_stream_new("http://fuzz.test/", NULL, on_entry, &b);
    feed_stream_push(f, pad, sizeof pad);
    for (size_t i = 0; i < size; i += step)
        feed_stream_push(f, (const char *)data + i, size - i < step ? size - i : step);
    feed_stream_end(f);
    feed_free(f);
    buf_free(&b);
    return 0;
}
