/* extract_doc: an HTML page's character set and its libxml2 tree. */
#include "extract_doc.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "extract.h"
#include "util/buf.h"
#include "util/str.h"
#include "util/utf8.h"

/* The page is always handed over in UTF-8, so its own charset hints are
 * ignored (libxml2 would otherwise switch encodings in mid-stream). */
/* HTML_PARSE_HUGE lifts libxml2's limit of 256 nested elements (past it
 * the parser stopped, and a page nested 255 <div>s deep lost its article);
 * the input is capped at EXTRACT_MAX_INPUT, so the tree stays bounded, and
 * flatten() bounds its depth for the walks that recurse. */
#ifdef HTML_PARSE_HUGE
#define PARSE_HUGE HTML_PARSE_HUGE
#else
#define PARSE_HUGE XML_PARSE_HUGE /* the same bit; libxml2 before 2.12 names it so */
#endif
#define PARSE_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                    HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOBLANKS | \
                    HTML_PARSE_IGNORE_ENC | PARSE_HUGE)
#define SNIFF_BYTES 8192

/* Copies the charset token at p (n bytes) into out, lower-cased. */
static int take_token(const char *p, size_t n, char *out, size_t outlen)
{
    size_t i = 0, k = 0;
    while (i < n && (str_isspace(p[i]) || p[i] == '"' || p[i] == '\''))
        i++;
    while (i < n && k + 1 < outlen &&
           (str_isalnum(p[i]) || p[i] == '-' || p[i] == '_' || p[i] == '.' || p[i] == ':')) {
        char ch = p[i++];
        out[k++] = (char)str_tolower(ch);
    }
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
    snprintf(out, outlen, "%s", utf8_likely(html, len) ? "UTF-8" : "windows-1252");
}

/* 1 when the n bytes at s are valid UTF-8 without NULs; runs of ASCII are
 * skipped eight bytes at a time. */
static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (!(w & 0x8080808080808080ull) && ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) == 0) {
                p += 8;
                continue;
            }
        }
        if (*p == 0)
            return 0;
        if (*p < 0x80) {
            p++;
            continue;
        }
        int cp;
        size_t k = utf8_decode(p, (size_t)(end - p), &cp);
        if (k == 0)
            return 0;
        p += k;
    }
    return 1;
}

/* 1 when p (n bytes left) starts "<name" or "</name" (ignoring case)
 * followed by the end of the name. */
static int at_tag(const char *p, size_t n, const char *name, int closing)
{
    size_t k = strlen(name), off = closing ? 2 : 1;
    if (n < off + k + 1 || (closing && p[1] != '/'))
        return 0;
    if (str_ncasecmp(p + off, name, k) != 0)
        return 0;
    char c = p[off + k];
    return c == '>' || c == '/' || str_isspace(c);
}

/* A copy of html without the bodies of <script> (JSON-LD kept) and
 * <style> elements, without inline <svg> and comments: more than half the bytes of a
 * typical news page, which the parser would otherwise walk one character
 * at a time only for the extractor to throw them away. */
static char *strip_raw(const char *html, size_t len, size_t *outlen)
{
    char *out = xmalloc(len + 1);
    size_t o = 0, i = 0;
    while (i < len) {
        const char *lt = memchr(html + i, '<', len - i);
        size_t at = lt ? (size_t)(lt - html) : len;
        memcpy(out + o, html + i, at - i);
        o += at - i;
        i = at;
        if (i >= len)
            break;
        const char *p = html + i;
        size_t left = len - i;
        const char *name = at_tag(p, left, "script", 0) ? "script"
                           : at_tag(p, left, "style", 0) ? "style" : NULL;
        if (at_tag(p, left, "svg", 0)) {
            /* Inline drawings: many nodes, no text. Skipped whole when
             * their end is there (nested drawings counted). */
            size_t j = i + 4, depth = 1;
            while (depth && j < len) {
                const char *c = memchr(html + j, '<', len - j);
                if (!c)
                    break;
                j = (size_t)(c - html);
                if (at_tag(c, len - j, "svg", 0))
                    depth++;
                else if (at_tag(c, len - j, "svg", 1))
                    depth--;
                j++;
            }
            const char *gt = depth == 0 ? memchr(html + j, '>', len - j) : NULL;
            if (gt) {
                i = (size_t)(gt - html) + 1;
                continue;
            }
        } else if (left >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *end = memmem(p + 4, left - 4, "-->", 3);
            if (end) {
                i = (size_t)(end - html) + 3;
                continue;
            }
        } else if (name) {
            const char *gt = memchr(p, '>', left);
            if (!gt)
                break;
            size_t tag_len = (size_t)(gt - p) + 1;
            memcpy(out + o, p, tag_len);
            o += tag_len;
            i += tag_len;
            if (strcmp(name, "script") == 0 && str_icasestr(p, tag_len, "ld+json"))
                continue;
            /* Skip to the closing tag (or the end, as the parser would). */
            while (i < len) {
                const char *c = memchr(html + i, '<', len - i);
                if (!c) {
                    i = len;
                    break;
                }
                i = (size_t)(c - html);
                if (at_tag(c, len - i, name, 1))
                    break;
                i++;
            }
            continue;
        }
        out[o++] = html[i++];
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

/* Converts with iconv; bytes it cannot convert become U+FFFD. NULL when
 * iconv does not know the encoding. */
static char *from_iconv(const char *enc, const char *html, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return NULL;
    buf_t b;
    buf_init(&b, 0);
    char tmp[8192];
    char *in = (char *)html;
    size_t left = len;
    while (left > 0) {
        char *o = tmp;
        size_t room = sizeof tmp;
        size_t r = iconv(cd, &in, &left, &o, &room);
        buf_append(&b, tmp, (size_t)(o - tmp));
        if (r == (size_t)-1 && errno != E2BIG) {
            if (errno == EINVAL) /* cut short at the end */
                break;
            buf_append(&b, "\xEF\xBF\xBD", 3);
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    size_t n;
    char *clean = utf8_repair(b.data ? b.data : "", b.len, &n);
    buf_free(&b);
    *outlen = n;
    return clean;
}

/* 1 when element n holds exactly one element and no text of its own: a
 * wrapper (div > div > div ...). */
static int wrapper(const xmlNode *n)
{
    int elems = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            elems++;
        else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const xmlChar *p = c->content; p && *p; p++)
                if (!str_isspace(*p))
                    return 0;
        }
    }
    return elems == 1;
}

/* Moves n's children into its place and frees n; returns its first child,
 * or the node that followed n when it had none. */
static xmlNode *unwrap(xmlNode *n)
{
    xmlNode *first = n->children, *after = n->next;
    for (xmlNode *c = first, *next; c; c = next) {
        next = c->next;
        xmlUnlinkNode(c);
        xmlAddPrevSibling(n, c);
    }
    xmlUnlinkNode(n);
    xmlFreeNode(n);
    return first ? first : after;
}

/* Bounds the tree's depth without recursion, keeping every text: below
 * EXTRACT_DOC_WRAP levels wrappers are dissolved (their one child takes
 * their place), below EXTRACT_DOC_DEPTH every element is. The extractor's
 * walks recurse and stop at their own depth limits, which are deeper. */
static void flatten(htmlDocPtr doc)
{
    xmlNode *root = (xmlNode *)doc;
    xmlNode *n = root->children;
    int d = 1;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && d > EXTRACT_DOC_WRAP && (d > EXTRACT_DOC_DEPTH || wrapper(n))) {
            xmlNode *parent = n->parent;
            n = unwrap(n);
            if (n)
                continue;
            /* n was the last child and had none: go on after its parent */
            n = parent;
            d--;
        } else if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            d++;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            d--;
        }
        n = n && n != root ? n->next : NULL;
    }
}

htmlDocPtr extract_doc_parse(const char *html, size_t len, const char *ct)
{
    char enc[40];
    if (!html)
        return NULL;
    if (len > EXTRACT_MAX_INPUT)
        len = EXTRACT_MAX_INPUT;
    extract_doc_charset(html, len, ct, enc, sizeof enc);
    /* Bytes that are valid UTF-8 are read as UTF-8 whatever the page
     * claims: pages re-encoded by a proxy or a CMS often keep a stale label,
     * and legacy text is almost never valid UTF-8 by chance. */
    int valid = valid_utf8(html, len);
    if (strncmp(enc, "UTF-16", 6) != 0 && valid)
        snprintf(enc, sizeof enc, "UTF-8");
    if (strcmp(enc, "UTF-8") == 0 && len >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0) {
        html += 3;
        len -= 3;
    }
    char *conv = NULL;
    size_t n = 0;
    if (strcmp(enc, "UTF-8") == 0 && valid)
        conv = strip_raw(html, len, &n);
    else {
        char *tmp;
        size_t k;
        if (strcmp(enc, "UTF-8") == 0)
            tmp = utf8_repair(html, len, &k);
        else if (strcmp(enc, "windows-1252") == 0)
            tmp = utf8_from_cp1252(html, len, &k);
        else if (!(tmp = from_iconv(enc, html, len, &k)))
            tmp = utf8_from_cp1252(html, len, &k);
        conv = strip_raw(tmp, k, &n);
        free(tmp);
    }
    htmlDocPtr doc = n <= INT_MAX ? htmlReadMemory(conv, (int)n, NULL, "UTF-8", PARSE_OPTS) : NULL;
    free(conv);
    if (doc)
        flatten(doc);
    return doc;
}

htmlDocPtr extract_doc_parse_fragment(const char *html, size_t len)
{
    if (!html)
        return NULL;
    if (len > EXTRACT_MAX_INPUT)
        len = EXTRACT_MAX_INPUT;
    size_t k, n;
    char *clean = utf8_repair(html, len, &k);
    char *stripped = strip_raw(clean, k, &n);
    free(clean);
    htmlDocPtr doc = htmlReadMemory(stripped, (int)n, NULL, "UTF-8", PARSE_OPTS);
    free(stripped);
    if (doc)
        flatten(doc);
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
