/* extract_meta: an article page's metadata (JSON-LD, OpenGraph, <meta>,
 * <time>, bylines). */
#include "extract_meta.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

#include "extract_date.h"
#include "extract.h"
#include "extract_doc.h"
#include "util/str.h"

enum field { F_TITLE, F_AUTHOR, F_DATE, F_SITE, F_LANG, F_DESC, F_IMAGE, F_CANON, F_N };
#define PRI_N 12
#define MAX_LD 16
#define MAX_OWNED 64
#define MAX_LD_BYTES ((size_t)2 << 20)

/* What one walk over the page collected: per field, the first value seen
 * at each priority (lower is better). Pointers are into the tree, the
 * JSON-LD documents or owned[]. */
struct meta {
    const char *cand[F_N][PRI_N];
    json_t *ld[MAX_LD];
    int nld;
    char *owned[MAX_OWNED];
    int nowned;
    const char *ld_body;
    int saw_h1;
};

/* <meta> names and properties (lower case, sorted) to a field. */
static const struct mkey { const char *key; unsigned char field, pri; } meta_keys[] = {
    {"apple-mobile-web-app-title", F_SITE, 4},
    {"application-name", F_SITE, 3},
    {"article.published", F_DATE, 4},
    {"article:author", F_AUTHOR, 3},
    {"article:modified_time", F_DATE, 10},
    {"article:published_time", F_DATE, 2},
    {"author", F_AUTHOR, 2},
    {"byl", F_AUTHOR, 3},
    {"content-language", F_LANG, 2},
    {"date", F_DATE, 4},
    {"datecreated", F_DATE, 7},
    {"datemodified", F_DATE, 10},
    {"datepublished", F_DATE, 3},
    {"dc.creator", F_AUTHOR, 4},
    {"dc.date", F_DATE, 4},
    {"dc.date.issued", F_DATE, 4},
    {"dc.description", F_DESC, 4},
    {"dc.language", F_LANG, 3},
    {"dc.title", F_TITLE, 4},
    {"dcterms.created", F_DATE, 4},
    {"dcterms.date", F_DATE, 4},
    {"description", F_DESC, 2},
    {"displaydate", F_DATE, 4},
    {"headline", F_TITLE, 3},
    {"og:article:author", F_AUTHOR, 3},
    {"og:article:published_time", F_DATE, 2},
    {"og:description", F_DESC, 1},
    {"og:image", F_IMAGE, 1},
    {"og:image:secure_url", F_IMAGE, 2},
    {"og:image:url", F_IMAGE, 1},
    {"og:locale", F_LANG, 3},
    {"og:published_time", F_DATE, 2},
    {"og:site_name", F_SITE, 1},
    {"og:title", F_TITLE, 1},
    {"og:url", F_CANON, 2},
    {"parsely-author", F_AUTHOR, 4},
    {"parsely-pub-date", F_DATE, 4},
    {"pubdate", F_DATE, 4},
    {"publish-date", F_DATE, 4},
    {"publish_date", F_DATE, 4},
    {"publishdate", F_DATE, 4},
    {"published_time", F_DATE, 2},
    {"sailthru.author", F_AUTHOR, 4},
    {"sailthru.date", F_DATE, 4},
    {"twitter:description", F_DESC, 3},
    {"twitter:image", F_IMAGE, 3},
    {"twitter:image:src", F_IMAGE, 3},
    {"twitter:title", F_TITLE, 3},
};

static int mkey_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const struct mkey *)e)->key);
}

static void put(struct meta *m, int field, int pri, const char *v)
{
    if (!v || pri < 0 || pri >= PRI_N || m->cand[field][pri])
        return;
    while (str_isspace(*v))
        v++;
    if (*v)
        m->cand[field][pri] = v;
}

static const char *own(struct meta *m, char *s)
{
    if (m->nowned >= MAX_OWNED) {
        free(s);
        return NULL;
    }
    return m->owned[m->nowned++] = s;
}

static void on_meta(struct meta *m, const xmlNode *n)
{
    const char *content = extract_doc_attr(n, "content");
    const char *keys[3] = {extract_doc_attr(n, "property"), extract_doc_attr(n, "name"),
                           extract_doc_attr(n, "itemprop")};
    const char *equiv = extract_doc_attr(n, "http-equiv");
    if (!content)
        return;
    if (equiv && str_casecmp(equiv, "content-language") == 0)
        put(m, F_LANG, 2, content);
    for (int i = 0; i < 3; i++) {
        char key[48];
        if (!keys[i] || strlen(keys[i]) >= sizeof key)
            continue;
        snprintf(key, sizeof key, "%s", keys[i]);
        str_lower(str_trim(key));
        const struct mkey *k = bsearch(key, meta_keys, sizeof meta_keys / sizeof meta_keys[0],
                                       sizeof meta_keys[0], mkey_cmp);
        if (!k)
            continue;
        if (k->field == F_AUTHOR && (str_istarts(content, "http") || strchr(content, '/')))
            continue;
        put(m, k->field, k->pri, content);
    }
}

/* --- JSON-LD --- */

static int is_article_type(const char *t)
{
    if (!t)
        return 0;
    const char *c = strrchr(t, '/'); /* "http://schema.org/NewsArticle" */
    t = c ? c + 1 : t;
    return str_ends(t, "Article") || str_ends(t, "Posting") || strcmp(t, "Report") == 0;
}

static int ld_is_article(json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    if (json_is_string(t))
        return is_article_type(json_string_value(t));
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v) if (json_is_string(v) && is_article_type(json_string_value(v)))
            return 1;
    }
    return 0;
}

/* The first article-typed object in v (an object, an array or an @graph). */
static json_t *ld_find(json_t *v, int depth)
{
    if (depth > 8)
        return NULL;
    if (json_is_array(v)) {
        size_t i;
        json_t *e, *f;
        json_array_foreach(v, i, e) if ((f = ld_find(e, depth + 1)))
            return f;
        return NULL;
    }
    if (!json_is_object(v))
        return NULL;
    if (ld_is_article(v))
        return v;
    json_t *g = json_object_get(v, "@graph");
    if (g)
        return ld_find(g, depth + 1);
    json_t *me = json_object_get(v, "mainEntity");
    return me ? ld_find(me, depth + 1) : NULL;
}

static const char *ld_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A string, or an object's key, or the first array element's. */
static const char *ld_named(json_t *v, const char *key)
{
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_object(v)) {
        json_t *s = json_object_get(v, key);
        return json_is_string(s) ? json_string_value(s) : NULL;
    }
    return NULL;
}

static void ld_author(struct meta *m, json_t *a)
{
    if (!json_is_array(a)) {
        const char *s = ld_named(a, "name");
        if (s && !str_istarts(s, "http"))
            put(m, F_AUTHOR, 1, s);
        return;
    }
    char joined[512] = "";
    size_t i, used = 0;
    json_t *e;
    json_array_foreach(a, i, e) {
        const char *s = ld_named(e, "name");
        if (!s || !*s || str_istarts(s, "http") || i >= 8)
            continue;
        int w = snprintf(joined + used, sizeof joined - used, "%s%s", used ? ", " : "", s);
        if (w < 0 || (size_t)w >= sizeof joined - used)
            break;
        used += (size_t)w;
    }
    if (used)
        put(m, F_AUTHOR, 1, own(m, xstrdup(joined)));
}

static void ld_take(struct meta *m, json_t *o)
{
    put(m, F_TITLE, 2, ld_str(o, "headline"));
    ld_author(m, json_object_get(o, "author"));
    put(m, F_DATE, 1, ld_str(o, "datePublished"));
    put(m, F_DATE, 8, ld_str(o, "dateCreated"));
    put(m, F_DATE, 9, ld_str(o, "dateModified"));
    put(m, F_SITE, 2, ld_named(json_object_get(o, "publisher"), "name"));
    put(m, F_LANG, 4, ld_named(json_object_get(o, "inLanguage"), "name"));
    put(m, F_DESC, 4, ld_str(o, "description"));
    put(m, F_IMAGE, 4, ld_named(json_object_get(o, "image"), "url"));
    put(m, F_CANON, 3, ld_str(o, "url"));
    put(m, F_CANON, 4, ld_named(json_object_get(o, "mainEntityOfPage"), "@id"));
    const char *body = ld_str(o, "articleBody");
    if (body && !m->ld_body)
        m->ld_body = body;
}

static void on_ld_script(struct meta *m, const xmlNode *n)
{
    char *raw = NULL;
    size_t len = 0, cap = 0;
    if (m->nld >= MAX_LD)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (!c->content)
            continue;
        size_t k = strlen((const char *)c->content);
        if (len + k + 1 > MAX_LD_BYTES)
            break;
        if (len + k + 1 > cap) {
            cap = len + k + 1;
            raw = xrealloc(raw, cap);
        }
        memcpy(raw + len, c->content, k + 1);
        len += k;
    }
    if (!raw)
        return;
    /* Wrappers some sites put around the JSON. */
    char *s = raw, *e = raw + len;
    while (s < e && *s != '{' && *s != '[')
        s++;
    while (e > s && e[-1] != '}' && e[-1] != ']')
        e--;
    json_error_t err;
    json_t *root = e > s ? json_loadb(s, (size_t)(e - s), 0, &err) : NULL;
    free(raw);
    if (!root)
        return;
    m->ld[m->nld++] = root;
    json_t *a = ld_find(root, 0);
    if (a)
        ld_take(m, a);
}

/* --- the walk --- */

/* 1 when a class or id token of n names an author or byline. */
static int is_byline(const xmlNode *n)
{
    const char *rel = extract_doc_attr(n, "rel");
    const char *ip = extract_doc_attr(n, "itemprop");
    if ((rel && str_casecmp(rel, "author") == 0) || (ip && str_casecmp(ip, "author") == 0))
        return 1;
    const char *attrs[2] = {extract_doc_attr(n, "class"), extract_doc_attr(n, "id")};
    for (int i = 0; i < 2; i++) {
        char s[200];
        if (!attrs[i])
            continue;
        snprintf(s, sizeof s, "%s", attrs[i]);
        str_lower(s);
        if (strstr(s, "byline") || strstr(s, "author-name") || strstr(s, "authorname"))
            return 1;
    }
    return 0;
}

static void walk(struct meta *m, const xmlNode *n, int depth, int in_head)
{
    if (depth > 256)
        return;
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !n->name)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "meta") == 0) {
            on_meta(m, n);
        } else if (strcmp(name, "script") == 0) {
            const char *type = extract_doc_attr(n, "type");
            if (type && str_icasestr(type, strlen(type), "ld+json"))
                on_ld_script(m, n);
            continue;
        } else if (strcmp(name, "style") == 0) {
            continue;
        } else if (strcmp(name, "title") == 0 && (in_head || !m->cand[F_TITLE][6])) {
            if (!m->cand[F_TITLE][6])
                put(m, F_TITLE, 6, own(m, extract_doc_text_dup(n, 1000)));
            continue;
        } else if (strcmp(name, "link") == 0) {
            const char *rel = extract_doc_attr(n, "rel");
            if (rel && str_casecmp(rel, "canonical") == 0)
                put(m, F_CANON, 1, extract_doc_attr(n, "href"));
            else if (rel && str_casecmp(rel, "image_src") == 0)
                put(m, F_IMAGE, 5, extract_doc_attr(n, "href"));
        } else if (strcmp(name, "h1") == 0 && !m->saw_h1) {
            m->saw_h1 = 1;
            put(m, F_TITLE, 7, own(m, extract_doc_text_dup(n, 1000)));
        } else if (strcmp(name, "time") == 0) {
            const char *dt = extract_doc_attr(n, "datetime");
            const char *ip = extract_doc_attr(n, "itemprop");
            if (dt && ip && str_casecmp(ip, "datePublished") == 0)
                put(m, F_DATE, 3, dt);
            else if (dt && extract_doc_attr(n, "pubdate"))
                put(m, F_DATE, 5, dt);
            else if (dt)
                put(m, F_DATE, 6, dt);
        } else if (!in_head && !m->cand[F_AUTHOR][6] && is_byline(n)) {
            char *t = extract_doc_text_dup(n, 300);
            if (*t && strlen(t) < 120)
                put(m, F_AUTHOR, 6, own(m, t));
            else
                free(t);
        } else if (!m->cand[F_DATE][3]) {
            const char *ip = extract_doc_attr(n, "itemprop");
            if (ip && str_casecmp(ip, "datePublished") == 0)
                put(m, F_DATE, 3, extract_doc_attr(n, "content"));
        }
        walk(m, n->children, depth + 1, in_head || strcmp(name, "head") == 0);
    }
}

/* --- cleaning the values --- */

/* s cut to at most max bytes, at a character boundary; returns s. */
static char *cut(char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        s[n] = '\0';
    }
    return s;
}

static char *clean_author(const char *s)
{
    char *a = cut(text_title(s), 300);
    char *p = a;
    if (str_istarts(p, "by:"))
        p += 3;
    else if (str_istarts(p, "by "))
        p += 3;
    else if (str_istarts(p, "posted by "))
        p += 10;
    char *out = xstrdup(str_trim(p));
    free(a);
    for (char *c = out; *c; c++)
        if (*c == '|' || *c == '\n') {
            *c = '\0';
            str_trim(out);
            break;
        }
    if (!*out) {
        free(out);
        return NULL;
    }
    return out;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        if (str_isspace(s[i]))
            in = 0;
        else if (!in)
            in = 1, w++;
    }
    return w;
}

/* Drops a site name joined to a headline by " | ", " - ", " – ", " — ". */
static char *clean_title(const char *s, const char *site, const char *h1)
{
    char *t = xstrndup(s, 1000);
    str_squeeze(t);
    if (h1 && *h1 && strlen(h1) < strlen(t) && str_istarts(t, h1)) {
        free(t);
        t = xstrdup(h1);
        str_squeeze(t);
        return t;
    }
    static const char *seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
                                 " \xC2\xBB ", " \xC2\xB7 "};
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
        char *last = NULL, *p = t;
        while ((p = strstr(p, seps[i])))
            last = p++;
        if (!last)
            continue;
        const char *tail = last + strlen(seps[i]);
        size_t head_words = count_words(t, (size_t)(last - t));
        if ((site && str_casecmp(tail, site) == 0) ||
            (count_words(tail, strlen(tail)) <= 4 && head_words >= 3)) {
            *last = '\0';
            break;
        }
        /* "Site | Headline" */
        char *first = strstr(t, seps[i]);
        if (site && (size_t)(first - t) == strlen(site) && str_ncasecmp(t, site, strlen(site)) == 0) {
            memmove(t, first + strlen(seps[i]), strlen(first + strlen(seps[i])) + 1);
            break;
        }
    }
    return t;
}

static char *resolve(const char *ref, const char *base)
{
    char *r = xstrndup(ref, 4096);
    str_trim(r);
    if (!*r) {
        free(r);
        return NULL;
    }
    if (base && *base) {
        xmlChar *u = xmlBuildURI((const xmlChar *)r, (const xmlChar *)base);
        if (u) {
            free(r);
            r = xstrdup((const char *)u);
            xmlFree(u);
        }
    }
    return r;
}

static const char *best(struct meta *m, int field)
{
    for (int p = 0; p < PRI_N; p++)
        if (m->cand[field][p])
            return m->cand[field][p];
    return NULL;
}

static char *plain(const char *s, size_t max)
{
    if (!s)
        return NULL;
    char *t = cut(text_title(s), max);
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

void extract_meta(htmlDocPtr doc, const char *url, article_t *out, char **ld_body)
{
    struct meta *m = xcalloc(1, sizeof *m);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    *ld_body = NULL;
    if (root) {
        const char *lang = extract_doc_attr(root, "lang");
        if (!lang)
            lang = extract_doc_attr(root, "xml:lang");
        put(m, F_LANG, 1, lang);
        walk(m, root, 0, 0);
    }
    out->site_name = plain(best(m, F_SITE), 300);
    if (out->site_name && out->site_name[0] == '@')
        memmove(out->site_name, out->site_name + 1, strlen(out->site_name));
    const char *t = best(m, F_TITLE);
    if (t) {
        /* titles are text: markup in a <title>, og:title or JSON-LD
         * headline ("&lt;b&gt;...") is dropped, not shown as tags */
        char *tt = text_title(t);
        char *h1 = text_title(m->cand[F_TITLE][7]);
        out->title = clean_title(tt, out->site_name, h1);
        free(tt);
        free(h1);
    }
    for (int p = 0; p < PRI_N && !out->author; p++)
        if (m->cand[F_AUTHOR][p])
            out->author = clean_author(m->cand[F_AUTHOR][p]);
    for (int p = 0; p < PRI_N && !out->published; p++)
        if (m->cand[F_DATE][p])
            out->published = extract_date_rfc3339(m->cand[F_DATE][p]);
    out->lang = plain(best(m, F_LANG), 40);
    if (out->lang) {
        for (char *c = out->lang; *c; c++)
            if (*c == '_')
                *c = '-';
            else if (*c == ' ' || *c == ',' || *c == ';')
                *c = '\0';
    }
    out->description = plain(best(m, F_DESC), 4000);
    const char *img = best(m, F_IMAGE);
    if (img)
        out->image = resolve(img, url);
    const char *canon = best(m, F_CANON);
    if (canon)
        out->canonical_url = resolve(canon, url);
    if (m->ld_body)
        *ld_body = xstrdup(m->ld_body);
    for (int i = 0; i < m->nld; i++)
        json_decref(m->ld[i]);
    for (int i = 0; i < m->nowned; i++)
        free(m->owned[i]);
    free(m);
}
