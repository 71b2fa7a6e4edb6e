/* feed_html: HTML inside feed text: URI resolution, the looks-like-HTML guess, base64. */
#include "feed_int.h"

#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

/* strcmp(a, lit) == 0, the first byte compared inline (runs per tag and attribute) */
#define EQ(a, lit) ((a)[0] == (lit)[0] && !strcmp((a), (lit)))

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (!strcmp(*list, s))
            return true;
    return false;
}

/* Element names without an end tag. Looked up for every tag of every HTML
 * value, so the first letter picks the few names to compare. */
static bool is_void(const char *tag)
{
    switch (tag[0]) {
    case 'a': return !strcmp(tag, "area");
    case 'b': return !strcmp(tag, "br") || !strcmp(tag, "base") || !strcmp(tag, "basefont");
    case 'c': return !strcmp(tag, "col") || !strcmp(tag, "command");
    case 'e': return !strcmp(tag, "embed");
    case 'f': return !strcmp(tag, "frame");
    case 'h': return !strcmp(tag, "hr");
    case 'i': return !strcmp(tag, "img") || !strcmp(tag, "input") || !strcmp(tag, "isindex");
    case 'k': return !strcmp(tag, "keygen");
    case 'l': return !strcmp(tag, "link");
    case 'm': return !strcmp(tag, "meta");
    case 'p': return !strcmp(tag, "param");
    case 's': return !strcmp(tag, "source");
    case 't': return !strcmp(tag, "track");
    case 'w': return !strcmp(tag, "wbr");
    default: return false;
    }
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
        if (P[i][0] == tag[0] && !strcmp(P[i], tag) && !strcmp(P[i + 1], attr))
            return true;
    return false;
}

/* HTML's entity names, hashed: libxml2's htmlEntityLookup compares a name
 * with all 253 of them in turn, which a value made of "&a &a &a ..." turns
 * into seconds. Built once from libxml2's own table (by code point). */
#define ENT_SLOTS 1024 /* power of two, over four times the names */
static const htmlEntityDesc *ent_tab[ENT_SLOTS];

static unsigned ent_hash(const char *s)
{
    unsigned h = 5381;
    for (; *s; s++)
        h = h * 33u ^ (unsigned char)*s;
    return h & (ENT_SLOTS - 1);
}

static void ent_fill(void)
{
    for (unsigned v = 1; v < 0x10000; v++) {
        const htmlEntityDesc *e = htmlEntityValueLookup(v);
        if (!e || !e->name)
            continue;
        unsigned h = ent_hash(e->name);
        while (ent_tab[h] && strcmp(ent_tab[h]->name, e->name))
            h = (h + 1) & (ENT_SLOTS - 1);
        ent_tab[h] = e;
    }
}

const char *feed_html_entity(const char *name, char out[8])
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, ent_fill);
    const htmlEntityDesc *e = NULL;
    for (unsigned h = ent_hash(name); ent_tab[h]; h = (h + 1) & (ENT_SLOTS - 1))
        if (!strcmp(ent_tab[h]->name, name)) {
            e = ent_tab[h];
            break;
        }
    if (!e)
        return NULL;
    size_t n = utf8_encode((int)e->value, out);
    if (!n)
        return NULL;
    out[n] = '\0';
    return out;
}

/* buf_append, without the call when there is room: the output is built of
 * many small pieces (a '<', a name, a quote). Each piece still goes in
 * whole or not at all, so a value that reaches the limit ends the same. */
static inline void put(buf_t *b, const char *s, size_t n)
{
    if (n < b->cap - b->len && n <= b->max - b->len) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        buf_append(b, s, n);
    }
}

static inline void put_str(buf_t *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Whether the '&' before q starts a character or entity reference
 * ("&amp;", "&#39;", "&#x27;"), which an attribute value keeps. */
static bool attr_ref(const char *q)
{
    const char *st;
    if (*q == '#') {
        q++;
        if (*q == 'x' || *q == 'X') {
            q++;
            st = q;
            while ((*q >= '0' && *q <= '9') || ((*q | 32) >= 'a' && (*q | 32) <= 'f'))
                q++;
        } else {
            st = q;
            while (str_isdigit(*q))
                q++;
        }
    } else {
        st = q;
        while (str_isalnum(*q) || *q == '_')
            q++;
    }
    return q > st && *q == ';';
}

/* Escapes <, >, " and bare ampersands of an attribute value. */
static void escape_attr(const char *s, buf_t *out)
{
    /* With room for the worst case (6 bytes for a '"'), runs of bytes that
     * need no escaping go in whole. Near the limit it is a byte at a time,
     * so that what fits is what fitted when each byte was its own piece. */
    bool room = strlen(s) <= (out->max - out->len) / 6;
    for (const char *p = s; *p; p++) {
        if (room) {
            size_t k = strcspn(p, "<>\"&");
            if (k)
                put(out, p, k);
            p += k;
            if (!*p)
                break;
        }
        switch (*p) {
        case '<': put(out, "&lt;", 4); break;
        case '>': put(out, "&gt;", 4); break;
        case '"': put(out, "&quot;", 6); break;
        case '&':
            if (attr_ref(p + 1))
                put(out, "&", 1);
            else
                put(out, "&amp;", 5);
            break;
        default: put(out, p, 1);
        }
    }
}

/* SVG attributes whose case matters (HTML parsing lower-cases them). */
static const char *const SVG_CASE[] = {
    "attributeName", "attributeType", "baseProfile", "calcMode", "clipPathUnits",
    "gradientTransform", "gradientUnits", "keyPoints", "keySplines", "keyTimes",
    "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
    "patternContentUnits", "patternTransform", "patternUnits", "preserveAspectRatio",
    "refX", "refY", "repeatCount", "repeatDur", "spreadMethod", "startOffset",
    "stdDeviation", "textLength", "viewBox", "zoomAndPan", NULL};

/* The SVG spelling of a lower-cased attribute name, or the name itself.
 * Every SVG name starts with a lower-case letter: the first byte rules
 * out most of them without a call. */
static const char *svg_case(const char *k)
{
    for (int m = 0; SVG_CASE[m]; m++)
        if (SVG_CASE[m][0] == k[0] && !str_casecmp(k, SVG_CASE[m]))
            return SVG_CASE[m];
    return k;
}

/* Keys and values of the tag being rewritten, each NUL-terminated: one
 * allocation kept for all the tags of a value instead of two per
 * attribute. */
struct scratch {
    char *p;
    size_t len, cap;
};

/* Copies n bytes of s and a NUL; returns where they start (an offset: the
 * memory moves as it grows). */
static size_t scratch_add(struct scratch *sc, const char *s, size_t n)
{
    if (sc->cap - sc->len <= n) {
        size_t cap = sc->cap ? sc->cap : 256;
        while (cap - sc->len <= n)
            cap *= 2;
        sc->p = xrealloc(sc->p, cap);
        sc->cap = cap;
    }
    size_t at = sc->len;
    memcpy(sc->p + at, s, n);
    sc->p[at + n] = '\0';
    sc->len += n + 1;
    return at;
}

typedef struct attr { const char *k, *v; } attr;

/* Parses one start tag body (after the name) up to '>'; returns the index
 * just past the tag, or 0 when there is no '>'. */
static size_t parse_tag(const char *s, size_t n, size_t i, const char *tag, const char *base, buf_t *out,
                        struct scratch *sc)
{
    size_t ko[64], vo[64], na = 0;
    sc->len = 0;
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
        bool has_val = false;
        size_t vs = 0, ve = 0;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && str_isspace(s[i]))
                i++;
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
            has_val = true;
        }
        if (ke > ks && na < 64) {
            size_t k = scratch_add(sc, s + ks, ke - ks);
            str_lower(sc->p + k);
            size_t v = k; /* a name alone is its own value */
            if (has_val) {
                /* a value past the text limit is kept empty */
                v = scratch_add(sc, s + vs, ve - vs <= FEED_MAX_TEXT ? ve - vs : 0);
                if (EQ(sc->p + k, "rel") || EQ(sc->p + k, "type"))
                    str_lower(sc->p + v);
            }
            size_t j;
            for (j = 0; j < na; j++)
                if (sc->p[ko[j]] == sc->p[k] && !strcmp(sc->p + ko[j], sc->p + k))
                    break;
            if (j < na) { /* the last of a repeated attribute wins */
                vo[j] = v;
            } else {
                ko[na] = k;
                vo[na] = v;
                na++;
            }
        }
    }
    if (i >= n)
        return 0;
    attr at[64];
    bool xlink = false, xmlns_xlink = false, has_xmlns = false;
    for (size_t j = 0; j < na; j++) {
        const char *k = sc->p + ko[j];
        if (str_starts(k, "xlink:"))
            xlink = true;
        if (EQ(k, "xmlns:xlink"))
            xmlns_xlink = true;
        if (EQ(k, "xmlns"))
            has_xmlns = true;
        at[j].k = svg_case(k);
        at[j].v = sc->p + vo[j];
    }
    const char *own_ns = EQ(tag, "svg") ? "http://www.w3.org/2000/svg"
                       : EQ(tag, "math") ? "http://www.w3.org/1998/Math/MathML" : NULL;
    if (own_ns && !has_xmlns && na < 64)
        at[na++] = (attr){"xmlns", own_ns};
    if (xlink && !xmlns_xlink && na < 64)
        at[na++] = (attr){"xmlns:xlink", "http://www.w3.org/1999/xlink"};
    /* by name; names are unique here, and there are a few at most */
    for (size_t j = 1; j < na; j++) {
        attr t = at[j];
        size_t m = j;
        for (; m > 0 && strcmp(at[m - 1].k, t.k) > 0; m--)
            at[m] = at[m - 1];
        at[m] = t;
    }
    put(out, "<", 1);
    put_str(out, tag);
    for (size_t j = 0; j < na; j++) {
        char *r = base && uri_attr(tag, at[j].k) ? url_resolve(base, at[j].v) : NULL;
        put(out, " ", 1);
        put_str(out, at[j].k);
        put(out, "=\"", 2);
        escape_attr(r ? r : at[j].v, out);
        put(out, "\"", 1);
        free(r);
    }
    if (is_void(tag))
        put(out, " />", 3);
    else
        put(out, ">", 1);
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
            if (v >= 0x80 && v <= 0x9f && CP[v - 0x80]) {
                buf_printf(out, "&#x%x;", CP[v - 0x80]);
            } else { /* "&#" the digits (and x) ";" */
                char ref[16];
                size_t l = k - j - 1;
                memcpy(ref, "&#", 2);
                memcpy(ref + 2, s + j + 1, l);
                ref[2 + l] = ';';
                put(out, ref, l + 3);
            }
            return s[k] == ';' ? k + 1 : k;
        }
        put(out, "&", 1);
        return i + 1;
    }
    size_t k = j;
    if (k < n && str_isalpha(s[k])) {
        while (k < n && (str_isalnum(s[k]) || s[k] == '-' || s[k] == '.'))
            k++;
        if (k < n && k - j < 32) { /* needs a terminating character */
            char name[40], u[8], ref[48];
            size_t l = k - j;
            memcpy(name, s + j, l);
            name[l] = '\0';
            /* "&name;" or "&amp;name", as one piece */
            if (feed_html_entity(name, u) || !strcmp(name, "apos")) {
                ref[0] = '&';
                memcpy(ref + 1, name, l);
                ref[l + 1] = ';';
                put(out, ref, l + 2);
            } else {
                memcpy(ref, "&amp;", 5);
                memcpy(ref + 5, name, l);
                put(out, ref, l + 5);
            }
            return s[k] == ';' ? k + 1 : k;
        }
    }
    put(out, "&", 1);
    return i + 1;
}

/* The first c in [p, end), or end. */
static const char *find(const char *p, const char *end, int c)
{
    const char *q = memchr(p, c, (size_t)(end - p));
    return q ? q : end;
}

char *feed_html_resolve(const char *s, size_t n, const char *base)
{
    buf_t out;
    buf_init(&out, FEED_MAX_TEXT * 2);
    /* Most values come out about as long as they went in (a little longer
     * for each link resolved): one allocation instead of a doubling per
     * power of two. Only a hint: when it fails, the appends grow the buffer
     * (or stop at the limit) by themselves. */
    if (buf_reserve(&out, n + 64) == 0)
        out.data[0] = '\0'; /* an empty result is still a string */
    struct scratch sc = {0};
    const char *end = s + n;
    /* the next '<' and the next '&' at or after i: each byte of the text
     * is searched once for each (memchr), however the two interleave */
    const char *lt = find(s, end, '<'), *amp = find(s, end, '&');
    size_t i = 0;
    while (i < n) {
        if (s[i] == '&') {
            i = text_ref(s, n, i, &out);
            continue;
        }
        if (s[i] != '<') {
            if (lt < s + i)
                lt = find(s + i, end, '<');
            if (amp < s + i)
                amp = find(s + i, end, '&');
            size_t j = (size_t)((lt < amp ? lt : amp) - s);
            put(&out, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 3 < n && !memcmp(s + i, "<!--", 4)) {
            const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
            size_t j = e ? (size_t)(e - s) + 3 : n;
            put(&out, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            const char *e = memchr(s + i, '>', n - i);
            size_t j = e ? (size_t)(e - s) + 1 : n;
            put(&out, s + i, j - i);
            i = j;
            continue;
        }
        bool closing = i + 1 < n && s[i + 1] == '/';
        size_t ns = i + 1 + closing, ne = ns;
        while (ne < n && (str_isalnum(s[ne]) || s[ne] == ':' || s[ne] == '-' || s[ne] == '_'))
            ne++;
        if (ne == ns || ne - ns > 64 || !str_isalpha(s[ns])) { /* a bare '<' */
            put(&out, "<", 1);
            i++;
            continue;
        }
        char tag[72];
        for (size_t k = ns; k < ne; k++)
            tag[k - ns] = (char)str_tolower(s[k]);
        tag[ne - ns] = '\0';
        if (closing) {
            const char *e = memchr(s + ne, '>', n - ne);
            if (!e) {
                put(&out, s + i, n - i);
                break;
            }
            if (!is_void(tag)) {
                put(&out, "</", 2);
                put_str(&out, tag);
                put(&out, ">", 1);
            }
            i = (size_t)(e - s) + 1;
            continue;
        }
        size_t j = parse_tag(s, n, ne, tag, base, &out, &sc);
        if (!j) { /* unterminated tag: keep the rest as text */
            put(&out, s + i, n - i);
            break;
        }
        i = j;
    }
    free(sc.p);
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

static signed char B64[256];

static void b64_fill(void)
{
    memset(B64, -1, sizeof B64);
    const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; a[i]; i++)
        B64[(unsigned char)a[i]] = (signed char)i;
}

bool feed_base64_decode(char *s, size_t *n)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT; /* feeds may be parsed on several threads */
    pthread_once(&once, b64_fill);
    const signed char *T = B64;
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
