/* feed_html: HTML inside feed text: URI resolution, the looks-like-HTML guess, base64. */
#include "feed_int.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (!strcmp(*list, s))
            return true;
    return false;
}

static int name_cmp(const void *key, const void *member)
{
    return strcmp(key, *(const char *const *)member);
}

/* sorted: looked up by binary search for every tag of every HTML value */
static const char *const VOID_ELEMENTS[] = {
    "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img",
    "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"};

static bool is_void(const char *tag)
{
    return bsearch(tag, VOID_ELEMENTS, sizeof VOID_ELEMENTS / sizeof *VOID_ELEMENTS, sizeof *VOID_ELEMENTS,
                   name_cmp) != NULL;
}

/* element/attribute pairs whose value is a URI */
static bool uri_attr(const char *tag, const char *attr)
{
    /* most attributes are none of these: decide on the name first */
    switch (attr[0]) {
    case 'h': case 's': case 'c': case 'b': case 'a': case 'l': case 'p': case 'u': case 'd':
        break;
    default:
        return false;
    }
    static const char *const P[] = {
        "a", "href", "applet", "codebase", "area", "href", "audio", "src",
        "blockquote", "cite", "body", "background", "del", "cite", "form", "action",
        "frame", "longdesc", "frame", "src", "iframe", "longdesc", "iframe", "src",
        "head", "profile", "img", "longdesc", "img", "src", "img", "usemap",
        "input", "src", "input", "usemap", "ins", "cite", "link", "href",
        "object", "classid", "object", "codebase", "object", "data", "object", "usemap",
        "q", "cite", "script", "src", "source", "src", "video", "poster", "video", "src",
        NULL};
    for (int i = 0; P[i]; i += 2)
        if (!strcmp(P[i], tag) && !strcmp(P[i + 1], attr))
            return true;
    return false;
}

const char *feed_html_entity(const char *name, char out[8])
{
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (!e)
        return NULL;
    size_t n = utf8_encode((int)e->value, out);
    if (!n)
        return NULL;
    out[n] = '\0';
    return out;
}

/* Escapes <, >, " and bare ampersands of an attribute value. */
static void escape_attr(const char *s, buf_t *out)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        case '&': {
            const char *q = p + 1;
            bool ref = false;
            if (*q == '#') {
                q++;
                if (*q == 'x' || *q == 'X') {
                    q++;
                    const char *st = q;
                    while ((*q >= '0' && *q <= '9') || ((*q | 32) >= 'a' && (*q | 32) <= 'f'))
                        q++;
                    ref = q > st && *q == ';';
                } else {
                    const char *st = q;
                    while (str_isdigit(*q))
                        q++;
                    ref = q > st && *q == ';';
                }
            } else {
                const char *st = q;
                while (str_isalnum(*q) || *q == '_')
                    q++;
                ref = q > st && *q == ';';
            }
            buf_puts(out, ref ? "&" : "&amp;");
            break;
        }
        default: buf_putc(out, *p);
        }
    }
}

typedef struct attr { char *k, *v; } attr;

/* SVG attributes whose case matters (HTML parsing lower-cases them). */
static const char *const SVG_CASE[] = {
    "attributeName", "attributeType", "baseProfile", "calcMode", "clipPathUnits",
    "gradientTransform", "gradientUnits", "keyPoints", "keySplines", "keyTimes",
    "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
    "patternContentUnits", "patternTransform", "patternUnits", "preserveAspectRatio",
    "refX", "refY", "repeatCount", "repeatDur", "spreadMethod", "startOffset",
    "stdDeviation", "textLength", "viewBox", "zoomAndPan", NULL};

static int attr_cmp(const void *a, const void *b)
{
    return strcmp(((const attr *)a)->k, ((const attr *)b)->k);
}

/* Parses one start tag body (after the name) up to '>'; returns the index
 * just past the tag, or 0 when there is no '>'. */
static size_t parse_tag(const char *s, size_t n, size_t i, const char *tag, const char *base, buf_t *out)
{
    attr at[64];
    size_t na = 0;
    while (i < n) {
        while (i < n && (str_isspace(s[i]) || s[i] == '/'))
            i++;
        if (i >= n)
            break;
        if (s[i] == '>')
            break;
        size_t ks = i;
        while (i < n && !str_isspace(s[i]) && s[i] != '=' && s[i] != '>' && !(s[i] == '/' && i + 1 < n && s[i + 1] == '>'))
            i++;
        size_t ke = i;
        while (i < n && str_isspace(s[i]))
            i++;
        buf_t val;
        buf_init(&val, FEED_MAX_TEXT);
        bool has_val = false;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && str_isspace(s[i]))
                i++;
            size_t vs, ve;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                vs = i;
                while (i < n && s[i] != q)
                    i++;
                ve = i;
                if (i < n)
                    i++;
            } else {
                vs = i;
                while (i < n && !str_isspace(s[i]) && s[i] != '>')
                    i++;
                ve = i;
            }
            buf_append(&val, s + vs, ve - vs);
            has_val = true;
        }
        if (ke > ks && na < 64) {
            char *k = str_lower(xstrndup(s + ks, ke - ks));
            char *v = has_val ? buf_detach(&val) : xstrdup(k);
            if (!strcmp(k, "rel") || !strcmp(k, "type"))
                str_lower(v);
            size_t j;
            for (j = 0; j < na; j++)
                if (!strcmp(at[j].k, k))
                    break;
            if (j < na) {
                free(at[j].v);
                at[j].v = v;
                free(k);
            } else {
                at[na].k = k;
                at[na].v = v;
                na++;
            }
        }
        buf_free(&val);
    }
    if (i >= n) {
        for (size_t j = 0; j < na; j++)
            free(at[j].k), free(at[j].v);
        return 0;
    }
    bool xlink = false, xmlns_xlink = false;
    for (size_t j = 0; j < na; j++) {
        if (str_starts(at[j].k, "xlink:"))
            xlink = true;
        if (!strcmp(at[j].k, "xmlns:xlink"))
            xmlns_xlink = true;
        size_t kl = strlen(at[j].k);
        for (int m = 0; SVG_CASE[m] && kl >= 4; m++)
            if (strlen(SVG_CASE[m]) == kl && !str_casecmp(at[j].k, SVG_CASE[m])) {
                free(at[j].k);
                at[j].k = xstrdup(SVG_CASE[m]);
            }
    }
    const char *own_ns = !strcmp(tag, "svg") ? "http://www.w3.org/2000/svg"
                       : !strcmp(tag, "math") ? "http://www.w3.org/1998/Math/MathML" : NULL;
    bool has_xmlns = false;
    for (size_t j = 0; j < na; j++)
        if (!strcmp(at[j].k, "xmlns"))
            has_xmlns = true;
    if (own_ns && !has_xmlns && na < 64) {
        at[na].k = xstrdup("xmlns");
        at[na].v = xstrdup(own_ns);
        na++;
    }
    if (xlink && !xmlns_xlink && na < 64) {
        at[na].k = xstrdup("xmlns:xlink");
        at[na].v = xstrdup("http://www.w3.org/1999/xlink");
        na++;
    }
    qsort(at, na, sizeof at[0], attr_cmp);
    buf_putc(out, '<');
    buf_puts(out, tag);
    for (size_t j = 0; j < na; j++) {
        if (base && uri_attr(tag, at[j].k)) {
            char *r = url_resolve(base, at[j].v);
            if (r) {
                free(at[j].v);
                at[j].v = r;
            }
        }
        buf_putc(out, ' ');
        buf_puts(out, at[j].k);
        buf_puts(out, "=\"");
        escape_attr(at[j].v, out);
        buf_putc(out, '"');
        free(at[j].k);
        free(at[j].v);
    }
    buf_puts(out, is_void(tag) ? " />" : ">");
    return i + 1;
}

/* A reference in HTML text, as an SGML parser reports it: a known entity
 * or a character reference is kept (with its semicolon), an unknown name
 * gets its ampersand escaped, a lone '&' stays. Returns the next index. */
static size_t text_ref(const char *s, size_t n, size_t i, buf_t *out)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        size_t k = j + 1;
        bool hex = k < n && (s[k] == 'x' || s[k] == 'X');
        if (hex)
            k++;
        size_t st = k;
        while (k < n && (hex ? (str_isdigit(s[k]) || ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'f')) : str_isdigit(s[k])))
            k++;
        if (k > st && k < n && k - st < 10) {
            long v = strtol(s + st, NULL, hex ? 16 : 10);
            static const unsigned short CP[32] = {
                0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
                0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
                0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178};
            if (v >= 0x80 && v <= 0x9f && CP[v - 0x80])
                buf_printf(out, "&#x%x;", CP[v - 0x80]);
            else
                buf_printf(out, "&#%.*s;", (int)(k - j - 1), s + j + 1);
            return s[k] == ';' ? k + 1 : k;
        }
        buf_putc(out, '&');
        return i + 1;
    }
    size_t k = j;
    if (k < n && str_isalpha(s[k])) {
        while (k < n && (str_isalnum(s[k]) || s[k] == '-' || s[k] == '.'))
            k++;
        if (k < n && k - j < 32) { /* needs a terminating character */
            char name[40], u[8];
            memcpy(name, s + j, k - j);
            name[k - j] = '\0';
            if (feed_html_entity(name, u) || !strcmp(name, "apos"))
                buf_printf(out, "&%s;", name);
            else
                buf_printf(out, "&amp;%s", name);
            return s[k] == ';' ? k + 1 : k;
        }
    }
    buf_putc(out, '&');
    return i + 1;
}

char *feed_html_resolve(const char *s, size_t n, const char *base)
{
    buf_t out;
    buf_init(&out, FEED_MAX_TEXT * 2);
    size_t i = 0;
    while (i < n) {
        if (s[i] == '&') {
            i = text_ref(s, n, i, &out);
            continue;
        }
        if (s[i] != '<') {
            size_t j = i;
            while (j < n && s[j] != '<' && s[j] != '&')
                j++;
            buf_append(&out, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
            const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
            size_t j = e ? (size_t)(e - s) + 3 : n;
            buf_append(&out, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            const char *e = memchr(s + i, '>', n - i);
            size_t j = e ? (size_t)(e - s) + 1 : n;
            buf_append(&out, s + i, j - i);
            i = j;
            continue;
        }
        bool end = i + 1 < n && s[i + 1] == '/';
        size_t ns = i + 1 + end, ne = ns;
        while (ne < n && (str_isalnum(s[ne]) || s[ne] == ':' || s[ne] == '-' || s[ne] == '_'))
            ne++;
        if (ne == ns || ne - ns > 64 || !str_isalpha(s[ns])) { /* a bare '<' */
            buf_putc(&out, '<');
            i++;
            continue;
        }
        char tag[72];
        memcpy(tag, s + ns, ne - ns);
        tag[ne - ns] = '\0';
        str_lower(tag);
        if (end) {
            const char *e = memchr(s + ne, '>', n - ne);
            if (!e) {
                buf_append(&out, s + i, n - i);
                break;
            }
            if (!is_void(tag)) {
                buf_puts(&out, "</");
                buf_puts(&out, tag);
                buf_putc(&out, '>');
            }
            i = (size_t)(e - s) + 1;
            continue;
        }
        size_t j = parse_tag(s, n, ne, tag, base, &out);
        if (!j) { /* unterminated tag: keep the rest as text */
            buf_append(&out, s + i, n - i);
            break;
        }
        i = j;
    }
    return buf_detach(&out);
}

static const char *const ACCEPTABLE[] = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
    "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
    "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
    "footer", "font", "form", "header", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "input", "ins", "keygen", "kbd", "label", "legend", "li", "m", "map", "menu", "meter",
    "multicol", "nav", "nextid", "ol", "output", "optgroup", "option", "p", "pre",
    "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer",
    "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "time",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "video", "noscript", NULL};

bool feed_html_lookslike(const char *s)
{
    bool close_or_ref = false;
    for (const char *p = s; *p; p++) {
        if (p[0] == '<' && p[1] == '/') {
            const char *q = p + 2;
            while (str_isalnum(*q) || *q == '_')
                q++;
            if (q > p + 2 && *q == '>')
                close_or_ref = true;
        } else if (p[0] == '&') {
            const char *q = p + 1 + (p[1] == '#');
            const char *st = q;
            while (str_isalnum(*q) || *q == '_')
                q++;
            if (q > st && *q == ';')
                close_or_ref = true;
        }
    }
    if (!close_or_ref)
        return false;
    for (const char *p = s; *p; p++) {
        if (p[0] == '<') {
            const char *q = p + 1 + (p[1] == '/');
            const char *st = q;
            while (str_isalnum(*q) || *q == '_')
                q++;
            if (q > st) {
                char tag[32];
                size_t l = (size_t)(q - st);
                if (l >= sizeof tag)
                    return false;
                memcpy(tag, st, l);
                tag[l] = '\0';
                str_lower(tag);
                if (!in_list(ACCEPTABLE, tag))
                    return false;
            }
        } else if (p[0] == '&' && p[1] != '#') {
            const char *q = p + 1;
            while (str_isalnum(*q) || *q == '_')
                q++;
            if (q > p + 1 && *q == ';') {
                char name[40], u[8];
                size_t l = (size_t)(q - p - 1);
                if (l >= sizeof name)
                    return false;
                memcpy(name, p + 1, l);
                name[l] = '\0';
                if (!feed_html_entity(name, u) && strcmp(name, "apos"))
                    return false;
            }
        }
    }
    return true;
}

bool feed_base64_decode(char *s, size_t *n)
{
    static signed char T[256];
    static bool init;
    if (!init) {
        memset(T, -1, sizeof T);
        const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; a[i]; i++)
            T[(unsigned char)a[i]] = (signed char)i;
        init = true;
    }
    size_t o = 0;
    unsigned acc = 0;
    int bits = 0, pad = 0;
    for (size_t i = 0; i < *n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (str_isspace(c))
            continue;
        if (c == '=') {
            pad++;
            continue;
        }
        if (T[c] < 0 || pad)
            return false;
        acc = (acc << 6) | (unsigned)T[c];
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            s[o++] = (char)((acc >> bits) & 0xff);
        }
    }
    if (!utf8_valid(s, o))
        return false;
    s[o] = '\0';
    *n = o;
    return true;
}
