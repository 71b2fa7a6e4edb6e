/* feed_json: JSON Feed 1.0 and 1.1 (jsonfeed.org) into feedparser's model. */
#include "feed_int.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "util/date.h"
#include "util/str.h"
#include "util/url.h"

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void set_url(fv *o, const char *key, const char *base, const char *u)
{
    if (!u)
        return;
    char *r = base && *base ? url_resolve(base, u) : NULL;
    fv_sets(o, key, r ? r : u);
    free(r);
}

static void text_detail(fv *o, const char *key, const char *value, const char *type, const char *lang, const char *base)
{
    if (!value)
        return;
    fv_sets(o, key, value);
    char k[64];
    snprintf(k, sizeof k, "%s_detail", key);
    fv *d = fv_set(o, k, fv_new(FV_OBJ));
    if (!d)
        return;
    fv_sets(d, "type", type);
    fv_sets(d, "language", lang);
    fv_sets(d, "base", base ? base : "");
    fv_sets(d, "value", value);
}

static void add_link(fv *o, const char *rel, const char *type, const char *href)
{
    if (!href)
        return;
    fv *l = fv_new(FV_OBJ);
    fv_sets(l, "rel", rel);
    fv_sets(l, "type", type);
    fv_sets(l, "href", href);
    fv_push(fv_want(o, "links", FV_ARR), l);
}

static void authors(fv *o, json_t *src, const char *base)
{
    json_t *list = json_object_get(src, "authors");
    json_t *one = json_object_get(src, "author");
    json_t *tmp = NULL;
    if (!json_is_array(list) && json_is_object(one)) {
        tmp = json_array();
        json_array_append(tmp, one);
        list = tmp;
    }
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a) {
        if (!json_is_object(a))
            continue;
        fv *p = fv_new(FV_OBJ);
        const char *name = jstr(a, "name");
        if (name)
            fv_sets(p, "name", name);
        set_url(p, "href", base, jstr(a, "url"));
        if (!fv_get(o, "author") && name) {
            fv_sets(o, "author", name);
            fv_set(o, "author_detail", fv_dup(p));
        }
        fv_push(fv_want(o, "authors", FV_ARR), p);
    }
    json_decref(tmp);
}

static void date_field(fv *o, const char *key, const char *v)
{
    if (!v)
        return;
    fv_sets(o, key, v);
    int64_t t;
    if (date_parse(v, &t) == 0) {
        char out[32], k[48];
        date_format_rfc3339(t, out);
        snprintf(k, sizeof k, "%s_parsed", key);
        fv_sets(o, k, out);
    }
}

int feed_json_parse(const char *data, size_t len, const char *base_url, fv *feed,
                    void (*on_entry)(void *user, fv *entry), void *user,
                    const char **version, char *why, size_t whylen)
{
    json_error_t err;
    json_t *root = json_loadb(data, len, 0, &err);
    *version = "";
    if (!root) {
        snprintf(why, whylen, "JSON error at line %d: %s", err.line, err.text);
        return -1;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        snprintf(why, whylen, "JSON document is not an object");
        return -1;
    }
    const char *ver = jstr(root, "version");
    int rc = 0;
    if (ver && strstr(ver, "jsonfeed.org/version/1.1"))
        *version = "json11";
    else if (ver && strstr(ver, "jsonfeed.org/version/1"))
        *version = "json1";
    else {
        snprintf(why, whylen, "JSON document is not a JSON Feed (no jsonfeed.org version)");
        rc = -1;
    }
    const char *lang = jstr(root, "language");
    const char *base = base_url;
    text_detail(feed, "title", jstr(root, "title"), "text/plain", lang, base);
    const char *home = jstr(root, "home_page_url");
    if (home) {
        set_url(feed, "link", base, home);
        add_link(feed, "alternate", "text/html", fv_gets(feed, "link"));
    }
    const char *self = jstr(root, "feed_url");
    if (self) {
        char *r = base && *base ? url_resolve(base, self) : NULL;
        add_link(feed, "self", "application/feed+json", r ? r : self);
        free(r);
    }
    text_detail(feed, "subtitle", jstr(root, "description"), "text/plain", lang, base);
    if (jstr(root, "icon")) {
        fv *im = fv_set(feed, "image", fv_new(FV_OBJ));
        set_url(im, "href", base, jstr(root, "icon"));
    }
    set_url(feed, "icon", base, jstr(root, "favicon"));
    if (lang)
        fv_sets(feed, "language", lang);
    authors(feed, root, base);
    json_t *items = json_object_get(root, "items");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (!json_is_object(it))
            continue;
        fv *e = fv_new(FV_OBJ);
        const char *ilang = jstr(it, "language");
        ilang = ilang ? ilang : lang;
        json_t *id = json_object_get(it, "id");
        if (json_is_string(id))
            fv_sets(e, "id", json_string_value(id));
        else if (json_is_integer(id)) {
            char n[32];
            snprintf(n, sizeof n, "%lld", (long long)json_integer_value(id));
            fv_sets(e, "id", n);
        }
        const char *u = jstr(it, "url");
        if (u) {
            set_url(e, "link", base, u);
            add_link(e, "alternate", "text/html", fv_gets(e, "link"));
        }
        const char *ext = jstr(it, "external_url");
        if (ext) {
            char *r = base && *base ? url_resolve(base, ext) : NULL;
            add_link(e, "related", "text/html", r ? r : ext);
            free(r);
        }
        text_detail(e, "title", jstr(it, "title"), "text/plain", ilang, base);
        const char *html = jstr(it, "content_html"), *text = jstr(it, "content_text");
        if (html || text) {
            fv *arr = fv_set(e, "content", fv_new(FV_ARR));
            const char *vals[2] = {html, text};
            const char *types[2] = {"text/html", "text/plain"};
            for (int k = 0; k < 2; k++) {
                if (!vals[k])
                    continue;
                char *v = k == 0 ? feed_html_resolve(vals[k], strlen(vals[k]), base) : xstrdup(vals[k]);
                fv *d = fv_new(FV_OBJ);
                fv_sets(d, "type", types[k]);
                fv_sets(d, "language", ilang);
                fv_sets(d, "base", base ? base : "");
                fv_sets(d, "value", v);
                fv_push(arr, d);
                free(v);
            }
        }
        const char *sum = jstr(it, "summary");
        if (sum)
            text_detail(e, "summary", sum, "text/plain", ilang, base);
        else if (html)
            text_detail(e, "summary", fv_gets(fv_at(fv_get(e, "content"), 0), "value"), "text/html", ilang, base);
        else if (text)
            text_detail(e, "summary", text, "text/plain", ilang, base);
        date_field(e, "published", jstr(it, "date_published"));
        date_field(e, "updated", jstr(it, "date_modified"));
        authors(e, it, base);
        json_t *tags = json_object_get(it, "tags");
        size_t j;
        json_t *t;
        json_array_foreach(tags, j, t) {
            if (!json_is_string(t))
                continue;
            fv *tg = fv_new(FV_OBJ);
            fv_sets(tg, "term", json_string_value(t));
            fv_sets(tg, "scheme", NULL);
            fv_sets(tg, "label", NULL);
            fv_push(fv_want(e, "tags", FV_ARR), tg);
        }
        json_t *att = json_object_get(it, "attachments");
        json_array_foreach(att, j, t) {
            const char *href = jstr(t, "url");
            if (!href)
                continue;
            fv *l = fv_new(FV_OBJ);
            fv_sets(l, "rel", "enclosure");
            set_url(l, "href", base, href);
            if (jstr(t, "mime_type"))
                fv_sets(l, "type", jstr(t, "mime_type"));
            json_t *sz = json_object_get(t, "size_in_bytes");
            if (json_is_integer(sz)) {
                char n[32];
                snprintf(n, sizeof n, "%lld", (long long)json_integer_value(sz));
                fv_sets(l, "length", n);
            }
            if (jstr(t, "title"))
                fv_sets(l, "title", jstr(t, "title"));
            fv_push(fv_want(e, "links", FV_ARR), l);
        }
        const char *img = jstr(it, "image");
        if (img)
            set_url(e, "image", base, img);
        on_entry(user, e);
    }
    json_decref(root);
    return rc;
}
