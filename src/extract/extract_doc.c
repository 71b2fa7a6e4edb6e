/* extract_doc: an HTML page's character set and its libxml2 tree. */
#include "extract_doc.h"

#include <string.h>

#include "extract.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

#define PARSE_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                    HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS)
#define SNIFF_BYTES 8192

/* Copies the charset token at p (n bytes) into out, lower-cased. */
static int take_token(const char *p, size_t n, char *out, size_t outlen)
{
    size_t i = 0, k = 0;
    while (i < n && (str_isspace(p[i]) || p[i] == '"' || p[i] == '\''))
        i++;
    while (i < n && k + 1 < outlen &&
           (str_isalnum(p[i]) || p[i] == '-' || p[i] == '_' || p[i] == '.' || p[i] == ':'))
        out[k++] = (char)str_tolower(p[i++]);
    out[k] = '\0';
    return k > 0 ? 0 : -1;
}

/* Finds "charset" [spaces] "=" in p..p+n and takes the value after it. */
static int charset_param(const char *p, size_t n, char *out, size_t outlen)
{
    const char *c = str_icasestr(p, n, "charset");
    while (c) {
        size_t i = (size_t)(c - p) + 7;
        while (i < n && str_isspace(p[i]))
            i++;
        if (i < n && p[i] == '=')
            return take_token(p + i + 1, n - i - 1, out, outlen);
        c = str_icasestr(p + i, n - i, "charset");
    }
    return -1;
}

/* Looks for a charset in the <meta> tags of the first bytes of the page. */
static int meta_charset(const char *html, size_t len, char *out, size_t outlen)
{
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    const char *p = html, *end = html + n;
    while (p < end) {
        const char *m = str_icasestr(p, (size_t)(end - p), "<meta");
        if (!m)
            break;
        const char *gt = memchr(m, '>', (size_t)(end - m));
        const char *stop = gt ? gt : end;
        if (charset_param(m, (size_t)(stop - m), out, outlen) == 0)
            return 0;
        p = stop;
    }
    return -1;
}

/* Maps a declared name to what libxml2 should be told (HTML's own rules:
 * latin-1 and ASCII labels mean windows-1252; a UTF-16 label in a page we
 * could read as ASCII means UTF-8). */
static void normalise(const char *name, char *out, size_t outlen)
{
    static const struct { const char *label, *use; } map[] = {
        {"ascii", "windows-1252"},        {"cp1252", "windows-1252"},
        {"iso-8859-1", "windows-1252"},   {"iso8859-1", "windows-1252"},
        {"iso_8859-1", "windows-1252"},   {"latin1", "windows-1252"},
        {"latin-1", "windows-1252"},      {"us-ascii", "windows-1252"},
        {"utf-16", "UTF-8"},              {"utf-16be", "UTF-8"},
        {"utf-16le", "UTF-8"},            {"utf8", "UTF-8"},
        {"utf-8", "UTF-8"},               {"x-sjis", "SHIFT_JIS"},
        {"unicode-1-1-utf-8", "UTF-8"},   {"gb2312", "GBK"},
        {"x-user-defined", "windows-1252"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(name, map[i].label) == 0) {
            snprintf(out, outlen, "%s", map[i].use);
            return;
        }
    snprintf(out, outlen, "%s", name);
}

void extract_doc_charset(const char *html, size_t len, const char *ct, char *out, size_t outlen)
{
    const unsigned char *u = (const unsigned char *)html;
    char name[40];
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        snprintf(out, outlen, "UTF-8");
        return;
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        snprintf(out, outlen, "UTF-16LE");
        return;
    }
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        snprintf(out, outlen, "UTF-16BE");
        return;
    }
    if ((ct && charset_param(ct, strlen(ct), name, sizeof name) == 0) ||
        meta_charset(html, len, name, sizeof name) == 0) {
        normalise(name, out, outlen);
        return;
    }
    snprintf(out, outlen, "%s", utf8_valid(html, len) ? "UTF-8" : "windows-1252");
}

/* A copy of html with invalid UTF-8 replaced by U+FFFD and NULs dropped. */
static char *utf8_clean(const char *html, size_t len, size_t *outlen)
{
    buf_t b;
    buf_init(&b, 0);
    size_t i = 0;
    while (i < len) {
        int cp;
        size_t n = utf8_decode((const unsigned char *)html + i, len - i, &cp);
        if (n == 0) {
            buf_append(&b, "\xEF\xBF\xBD", 3);
            i++;
        } else {
            if (cp != 0)
                buf_append(&b, html + i, n);
            i += n;
        }
    }
    *outlen = b.len;
    return buf_detach(&b);
}

htmlDocPtr extract_doc_parse(const char *html, size_t len, const char *ct)
{
    char enc[40];
    if (!html)
        return NULL;
    if (len > EXTRACT_MAX_INPUT)
        len = EXTRACT_MAX_INPUT;
    extract_doc_charset(html, len, ct, enc, sizeof enc);
    if (strcmp(enc, "UTF-8") == 0 && len >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0) {
        html += 3;
        len -= 3;
    }
    htmlDocPtr doc = NULL;
    if (strcmp(enc, "UTF-8") == 0 && (!utf8_valid(html, len) || memchr(html, 0, len))) {
        size_t n;
        char *clean = utf8_clean(html, len, &n);
        doc = htmlReadMemory(clean, (int)n, NULL, "UTF-8", PARSE_OPTS);
        free(clean);
        return doc;
    }
    /* An encoding libxml2 does not know: read the bytes as windows-1252. */
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
    if (!h)
        snprintf(enc, sizeof enc, "windows-1252");
    else
        xmlCharEncCloseFunc(h);
    doc = htmlReadMemory(html, (int)len, NULL, enc, PARSE_OPTS);
    return doc;
}

htmlDocPtr extract_doc_parse_fragment(const char *html, size_t len)
{
    if (!html)
        return NULL;
    if (len > EXTRACT_MAX_INPUT)
        len = EXTRACT_MAX_INPUT;
    size_t n;
    char *clean = utf8_clean(html, len, &n);
    htmlDocPtr doc = htmlReadMemory(clean, (int)n, NULL, "UTF-8", PARSE_OPTS);
    free(clean);
    return doc;
}

xmlNode *extract_doc_body(htmlDocPtr doc)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root)
        return NULL;
    for (xmlNode *c = root->children; c; c = c->next)
        if (extract_doc_is(c, "body"))
            return c;
    return root;
}

const char *extract_doc_attr(const xmlNode *node, const char *name)
{
    if (!node || node->type != XML_ELEMENT_NODE)
        return NULL;
    for (xmlAttr *a = node->properties; a; a = a->next)
        if (a->name && str_casecmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
                return (const char *)a->children->content;
            return a->children ? (const char *)a->children->content : "";
        }
    return NULL;
}

int extract_doc_is(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcmp((const char *)node->name, name) == 0;
}

/* Appends s with white space collapsed; *sp tells whether the last byte
 * written was a space (or nothing was written yet). */
static void put_text(const char *s, char **out, size_t *len, size_t *cap, size_t max, int *sp)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int space = str_isspace(*p) || (p[0] == 0xC2 && p[1] == 0xA0);
        if (space && p[0] == 0xC2)
            p++;
        if (space && *sp)
            continue;
        if (*len + 2 > max)
            return;
        if (*len + 2 > *cap) {
            *cap = *cap ? *cap * 2 : 128;
            *out = xrealloc(*out, *cap);
        }
        (*out)[(*len)++] = space ? ' ' : (char)*p;
        (*out)[*len] = '\0';
        *sp = space;
    }
}

static void text_walk(const xmlNode *n, int depth, char **out, size_t *len, size_t *cap,
                      size_t max, int *sp)
{
    if (depth > 256)
        return;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text((const char *)n->content, out, len, cap, max, sp);
        } else if (n->type == XML_ELEMENT_NODE && !extract_doc_is(n, "script") &&
                   !extract_doc_is(n, "style")) {
            if (extract_doc_is(n, "br") && !*sp)
                put_text(" ", out, len, cap, max, sp);
            text_walk(n->children, depth + 1, out, len, cap, max, sp);
        }
    }
}

void extract_doc_text(const xmlNode *node, char **out, size_t *len, size_t *cap, size_t max)
{
    int sp = *len == 0 || (*out)[*len - 1] == ' ';
    if (!node)
        return;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content)
            put_text((const char *)node->content, out, len, cap, max, &sp);
        return;
    }
    text_walk(node->children, 0, out, len, cap, max, &sp);
}

char *extract_doc_text_dup(const xmlNode *node, size_t max)
{
    char *out = NULL;
    size_t len = 0, cap = 0;
    extract_doc_text(node, &out, &len, &cap, max);
    if (!out)
        return xstrdup("");
    return str_trim(out);
}
