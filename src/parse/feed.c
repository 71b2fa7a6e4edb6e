/* feed: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed into feedparser's model, streaming. */
#include "feed.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/entities.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feed_int.h"
#include "util/date.h"
#include "util/str.h"
#include "util/url.h"
#include "util/utf8.h"

#define MAX_ELEMS 512     /* open text elements */
#define MAX_DEPTH 256     /* XML nesting that is looked at */
#define NS_CACHE 8        /* namespace URIs remembered by pointer */
#define MAX_NS 256        /* tracked namespace prefixes */
#define MAX_ATTRS 64      /* attributes looked at per element */
#define SNIFF_BYTES 65536 /* bytes buffered before choosing format and charset */
#define JSON_MAX ((size_t)64 << 20)
#define AMP_LOOK 64       /* bytes looked ahead to tell a reference from a bare & */

/* One open element of feedparser's element stack: its name, whether its
 * text is stored, and its text as pieces (tags vs text, for div stripping). */
typedef struct elem {
    char name[48];
    bool expecting;
    buf_t text;
    size_t hint; /* length of the last text handed over from this level */
    size_t *pos;
    unsigned char *tag;
    size_t np, cap;
} elem;

/* A shared, reference-counted string: the xml:base and xml:lang of every
 * open element are mostly the same string, so levels share it instead of
 * copying it at each start tag and end tag. */
typedef struct rstr {
    unsigned rc;
    char s[];
} rstr;

#define RS(r) ((r) ? (const char *)(r)->s : NULL)

static rstr *rs_new(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    rstr *r = xmalloc(sizeof *r + n + 1);
    r->rc = 1;
    memcpy(r->s, s, n + 1);
    return r;
}

static rstr *rs_ref(rstr *r)
{
    if (r)
        r->rc++;
    return r;
}

static void rs_drop(rstr *r)
{
    if (r && --r->rc == 0)
        free(r);
}

/* *dst = s (a new string; NULL clears) */
static void rs_set(rstr **dst, const char *s)
{
    rstr *n = rs_new(s);
    rs_drop(*dst);
    *dst = n;
}

/* *dst = r, shared */
static void rs_assign(rstr **dst, rstr *r)
{
    rs_ref(r);
    rs_drop(*dst);
    *dst = r;
}

typedef struct xlevel {
    rstr *base;
    rstr *lang;
} xlevel;

typedef struct nsmap {
    char *prefix; /* document prefix ("" for the default) */
    char *canon;  /* our prefix, "" for core feed namespaces */
    char *uri;
} nsmap;

typedef struct cparams {
    bool set;
    char *type, *src;
    rstr *lang, *base;
    bool base64;
} cparams;

typedef struct attrkv {
    char *k, *v;
} attrkv;

/* What feedparser derives from an element's name, worked out once per
 * distinct (local name, prefix, namespace) and remembered: libxml2 hands
 * the same interned pointers back for the same names. */
typedef struct ename {
    const xmlChar *local, *prefix, *uri; /* the key, compared by pointer, then by text */
    char tag[256];  /* "prefix:local", lower-cased, our prefix for known namespaces */
    char name[330]; /* "prefix_local": the handler's name */
    char suffix[256];
    bool prefixed;
    int h; /* handler id */
} ename;

#define ENAME_CACHE 128 /* power of two */
#define ENAME_WAYS 4     /* slots probed from a name's home slot */

/* A bump allocator for the attributes of the element being started. */
typedef struct scratch {
    char *block;
    size_t used, cap;
    char **big; /* requests larger than a block, freed at reset */
    size_t nbig, bigcap;
} scratch;

struct feed {
    /* results */
    fv *feed;
    fv *entries; /* kept when no callback */
    size_t nentries;
    char version[16];
    bool bozo;
    char *bozo_reason;
    bool truncated; /* the XML ended inside an element */
    bool bozo_early; /* a fault was found before the bytes ran out */
    char encoding[64];
    /* streaming */
    feed_entry_fn on_entry;
    void *user;
    xmlParserCtxtPtr ctxt;
    buf_t head; /* first bytes, before the format is known */
    bool started, json, ended;
    /* the bare-ampersand filter in front of libxml2 (push_xml) */
    bool amp_fix;
    int unknown_entities; /* names kept as text by sax_get_entity */
    int xstate;      /* X_TEXT, X_CDATA, X_COMMENT */
    char carry[AMP_LOOK];
    size_t ncarry;
    buf_t join, fixed;
    /* repair mode (feed_stream_repair_utf8): a UTF-8 document's damaged
     * characters become U+FFFD in front of libxml2 (push_in) */
    bool repair, fix_utf8;
    char ucarry[4];
    size_t nucarry;
    char *content_type;
    char force_enc[64];
    /* feedparser's state */
    char *base0;
    rstr *baseuri;
    rstr *lang;
    xlevel xs[MAX_ELEMS];
    int nx;
    elem es[MAX_ELEMS];
    int ne;
    nsmap ns[MAX_NS];
    int nns;
    int depth;
    int xdepth; /* XML nesting, including skipped levels */
    int open_at_end; /* xdepth when the input ended (before libxml2 closed what was open) */
    bool infeed, inentry, insource, inimage, intextinput, inauthor, incontributor,
        inpublisher, hascontent, guidislink;
    int incontent, svgok, title_depth;
    const char *summary_key;
    cparams cp;
    fv *entry;
    fv *sourcedata;
    struct { char key[32]; int depth; } pdm[64];
    int npdm;
    /* namespace URI -> our prefix, by pointer */
    struct { const xmlChar *uri; const char *prefix; } nsc[NS_CACHE];
    int nsc_next;
    ename *names; /* ENAME_CACHE entries, allocated on first use */
    scratch sc;
};

/* ---- small helpers ---------------------------------------------------- */

/* strcmp(a, b) == 0, with the first byte compared inline: most names
 * differ there, and this runs for every element. */
#define STREQ(a, b) ((a)[0] == (b)[0] && !strcmp((a), (b)))

static void set_bozo(feed_t *f, const char *why)
{
    if (!f->bozo_reason) {
        char *r = xstrdup(why ? why : "not well-formed");
        size_t n = strlen(r);
        while (n && (r[n - 1] == '\n' || r[n - 1] == ' '))
            r[--n] = '\0';
        for (char *p = r; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        f->bozo_reason = r;
    }
    f->bozo = true;
}

static void replace(char **dst, const char *s)
{
    char *n = s ? xstrdup(s) : NULL;
    free(*dst);
    *dst = n;
}

static const char *attr_get(const attrkv *a, int n, const char *k)
{
    for (int i = 0; i < n; i++)
        if (STREQ(a[i].k, k))
            return a[i].v;
    return NULL;
}

static fv *attrs_obj(const attrkv *a, int n)
{
    fv *o = fv_new(FV_OBJ);
    for (int i = 0; i < n; i++)
        fv_sets(o, a[i].k, a[i].v);
    return o;
}

/* out = a followed by b, cut to fit n bytes (what snprintf(out, n, "%s%s")
 * gives, for the names built on every element). */
static void cat2(char *out, size_t n, const char *a, const char *b)
{
    size_t la = strnlen(a, n - 1);
    memcpy(out, a, la);
    size_t lb = strnlen(b, n - 1 - la);
    memcpy(out + la, b, lb);
    out[la + lb] = '\0';
}

static const char *map_ctype(const char *t, char *out, size_t n)
{
    if (!t)
        return NULL;
    size_t l = strnlen(t, n - 1);
    for (size_t i = 0; i < l; i++)
        out[i] = (char)str_tolower(t[i]);
    out[l] = '\0';
    if (STREQ(out, "text") || STREQ(out, "plain"))
        cat2(out, n, "text/plain", "");
    else if (STREQ(out, "html"))
        cat2(out, n, "text/html", "");
    else if (STREQ(out, "xhtml"))
        cat2(out, n, "application/xhtml+xml", "");
    return out;
}

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static bool is_xhtml(const feed_t *f)
{
    return f->cp.set && f->cp.type && STREQ(f->cp.type, "application/xhtml+xml");
}

static char *resolve(const feed_t *f, const char *uri)
{
    if (!uri)
        return NULL;
    if (url_has_scheme(uri))
        return xstrdup(uri);
    char *r = url_resolve(f->baseuri ? f->baseuri->s : "", uri);
    return r ? r : xstrdup(uri);
}

/* "http:///x" -> "http://x": extra slashes after the scheme are dropped. */
static const char *fix_slashes(const char *u, char *out, size_t n)
{
    const char *c = strstr(u, "://");
    if (!c || c == u || c[3] != '/' || strlen(u) >= n)
        return u;
    for (const char *p = u; p < c; p++)
        if (!(str_isalnum(*p) || *p == '+' || *p == '-' || *p == '.'))
            return u;
    const char *r = c + 3;
    while (*r == '/')
        r++;
    snprintf(out, n, "%.*s%s", (int)(c + 3 - u), u, r);
    return out;
}

static bool safe_scheme(const char *uri)
{
    static const char *const OK[] = {"http", "https", "ftp", "file", "mailto", "news", "nntp",
                                     "gopher", "feed", "tag", "urn", "irc", "ircs", "sftp",
                                     "magnet", "git", "svn", "rsync", "rtsp", "ssh", NULL};
    const char *c = strchr(uri, ':');
    if (!c)
        return false;
    size_t n = (size_t)(c - uri);
    for (int i = 0; OK[i]; i++)
        if (strlen(OK[i]) == n && !str_ncasecmp(uri, OK[i], n))
            return true;
    return false;
}

/* ---- the context objects (feedparser's _get_context) -------------------- */

static fv *context(feed_t *f)
{
    if (f->insource)
        return f->sourcedata;
    if (f->inimage) {
        fv *im = fv_get(f->feed, "image");
        if (im && im->t == FV_OBJ)
            return im;
    }
    if (f->intextinput) {
        fv *t = fv_get(f->feed, "textinput");
        if (t && t->t == FV_OBJ)
            return t;
    }
    if (f->inentry && f->entry)
        return f->entry;
    return f->feed;
}

static void save(feed_t *f, const char *key, fv *v, bool overwrite)
{
    fv *c = context(f);
    if (!overwrite && fv_get(c, key)) {
        fv_free(v);
        return;
    }
    fv_set(c, key, v);
}

/* ---- element stack ------------------------------------------------------ */

static void push(feed_t *f, const char *name, bool expecting)
{
    if (f->ne >= MAX_ELEMS)
        return;
    elem *e = &f->es[f->ne++];
    size_t l = strnlen(name, sizeof e->name - 1);
    memcpy(e->name, name, l);
    e->name[l] = '\0';
    e->expecting = expecting;
    /* the level's buffers are kept from its last element: most elements
     * at a depth are alike, so they need no new memory */
    if (!e->text.max)
        buf_init(&e->text, FEED_MAX_TEXT);
    e->text.len = 0;
    if (!e->text.data && e->hint) /* sized like the last text at this depth */
        buf_reserve(&e->text, e->hint < (64u << 10) ? e->hint : (64u << 10));
    e->np = 0;
}

/* Gives a level's memory back. */
static void elem_free(elem *e)
{
    buf_free(&e->text);
    free(e->pos);
    free(e->tag);
    e->pos = NULL;
    e->tag = NULL;
    e->np = e->cap = 0;
}

/* Ends the use of a level; memory is kept unless it grew large. */
static void elem_done(elem *e)
{
    e->text.len = 0;
    e->np = 0;
    if (e->text.cap > (64u << 10) || e->cap > 4096)
        elem_free(e);
}

static void add_piece_slow(feed_t *f, elem *e, const char *s, size_t n, bool tag);

/* Appends a piece of text (or a tag, for XHTML) to the open element. Text
 * after text only grows the last piece: the common case, kept inline (it
 * runs for every run of characters and every entity libxml2 reports). */
static inline void add_piece(feed_t *f, const char *s, size_t n, bool tag)
{
    if (!f->ne || !n)
        return;
    elem *e = &f->es[f->ne - 1];
    if (!tag && e->np && !e->tag[e->np - 1] && e->text.len + n <= FEED_MAX_TEXT) {
        buf_append(&e->text, s, n);
        return;
    }
    add_piece_slow(f, e, s, n, tag);
}

static void add_piece_slow(feed_t *f, elem *e, const char *s, size_t n, bool tag)
{
    if (e->text.len + n > FEED_MAX_TEXT) {
        set_bozo(f, "a text node is larger than the 16 MiB limit; it was cut");
        return;
    }
    if (tag || !e->np || e->tag[e->np - 1]) {
        if (e->np == e->cap) {
            e->cap = e->cap ? e->cap * 2 : 8;
            e->pos = xrealloc(e->pos, e->cap * sizeof *e->pos);
            e->tag = xrealloc(e->tag, e->cap);
        }
        e->pos[e->np] = e->text.len;
        e->tag[e->np] = tag;
        e->np++;
    }
    buf_append(&e->text, s, n);
}

static void handle_data(feed_t *f, const char *s, size_t n, bool escape)
{
    if (!f->ne)
        return;
    if (escape && is_xhtml(f)) {
        size_t st = 0;
        for (size_t i = 0; i < n; i++) {
            const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : NULL;
            if (rep) {
                add_piece(f, s + st, i - st, false);
                add_piece(f, rep, strlen(rep), false);
                st = i + 1;
            }
        }
        add_piece(f, s + st, n - st, false);
        return;
    }
    add_piece(f, s, n, false);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!str_isspace(s[i]))
            return false;
    return true;
}

/* Strips the enclosing <div> of Atom 1.0 XHTML content (feedparser's rule:
 * only when every other piece is nested inside it). Returns the trimmed text
 * (the caller frees it); may take e->text's buffer, so e is freed next. */
static char *join_pieces(feed_t *f, elem *e, size_t *outn)
{
    const char *t = e->text.data ? e->text.data : "";
    size_t lo = 0, hi = e->np; /* piece range [lo, hi) */
#define PS(i) (t + e->pos[i])
#define PL(i) ((i) + 1 < e->np ? e->pos[(i) + 1] - e->pos[i] : e->text.len - e->pos[i])
    if (STREQ(f->version, "atom10") && is_xhtml(f) && e->np) {
        while (hi - lo > 1 && blank(PS(hi - 1), PL(hi - 1)))
            hi--;
        while (hi - lo > 1 && blank(PS(lo), PL(lo)))
            lo++;
        bool first_div = (PL(lo) == 5 && !memcmp(PS(lo), "<div>", 5)) ||
                         (PL(lo) > 5 && !memcmp(PS(lo), "<div ", 5));
        bool last_div = PL(hi - 1) == 6 && !memcmp(PS(hi - 1), "</div>", 6);
        if (first_div && last_div && hi - lo >= 2) {
            int depth = 0;
            bool broke = false;
            for (size_t i = lo; i < hi - 1; i++) {
                const char *p = PS(i);
                size_t l = PL(i);
                if (l >= 2 && p[0] == '<' && p[1] == '/') {
                    if (--depth == 0) {
                        broke = true;
                        break;
                    }
                } else if (l && p[0] == '<' && !(l >= 2 && p[l - 2] == '/' && p[l - 1] == '>')) {
                    depth++;
                }
            }
            if (!broke) {
                lo++;
                hi--;
            }
        }
    }
    size_t a = lo < hi ? e->pos[lo] : 0;
    size_t b = lo < hi ? (hi < e->np ? e->pos[hi] : e->text.len) : 0;
#undef PS
#undef PL
    while (a < b && str_isspace(t[a]))
        a++;
    while (b > a && str_isspace(t[b - 1]))
        b--;
    *outn = b - a;
    if (a == 0 && e->text.data) { /* the usual case: hand over the buffer, no copy */
        e->text.data[b] = '\0';
        e->hint = e->text.len;
        return buf_detach(&e->text);
    }
    return xstrndup(t + a, b - a);
}

/* Maps C1 controls to the characters windows-1252 puts there (a character
 * reference such as &#146; from an old CMS). Returns s, or a new string
 * (s freed): the characters take three bytes where the controls took two. */
static char *fix_cp1252(char *s)
{
    static const unsigned short M[32] = {
        0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
        0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178};
    if (!strstr(s, "\xc2"))
        return s;
    buf_t o;
    buf_init(&o, 0);
    bool changed = false;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f && M[p[1] - 0x80] > 0x9f) {
            char u[8];
            size_t k = utf8_encode(M[p[1] - 0x80], u);
            buf_append(&o, u, k);
            p += 2;
            changed = true;
        } else {
            buf_putc(&o, *p++);
        }
    }
    if (changed && o.data) {
        free(s);
        return buf_detach(&o);
    }
    buf_free(&o);
    return s;
}

/* feedparser re-decodes text that was UTF-8 read as Latin-1. */
static char *fix_double_utf8(char *s)
{
    /* only text made of U+0080..U+00FF (lead bytes C2, C3) can qualify
     * (pop() calls this for text with such bytes only: has_high) */
    size_t n = strlen(s);
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xc4)
            return s;
        any |= c >= 0x80;
    }
    if (!any)
        return s;
    bool high = false;
    for (size_t i = 0; i < n;) {
        int cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k || cp > 0xff)
            return s;
        if (cp >= 0x80)
            high = true;
        i += k;
    }
    if (!high)
        return s;
    char *b = xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        int cp;
        size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        b[o++] = (char)cp;
        i += k;
    }
    b[o] = '\0';
    if (!utf8_valid(b, o)) {
        free(b);
        return s;
    }
    free(s);
    return b;
}

static fv *detail_obj(feed_t *f, const char *value)
{
    fv *d = fv_new(FV_OBJ);
    fv_sets(d, "type", f->cp.type);
    fv_sets(d, "language", RS(f->cp.lang));
    fv_sets(d, "base", f->cp.base ? f->cp.base->s : "");
    if (f->cp.src)
        fv_sets(d, "src", f->cp.src);
    fv_sets(d, "value", value);
    return d;
}

static int pdm_get(feed_t *f, const char *key)
{
    for (int i = 0; i < f->npdm; i++)
        if (f->pdm[i].key[0] == key[0] && !strncmp(f->pdm[i].key, key, sizeof f->pdm[0].key - 1))
            return f->pdm[i].depth;
    return -1;
}

static void pdm_set(feed_t *f, const char *key, int depth)
{
    for (int i = 0; i < f->npdm; i++)
        if (f->pdm[i].key[0] == key[0] && !strncmp(f->pdm[i].key, key, sizeof f->pdm[0].key - 1)) {
            f->pdm[i].depth = depth;
            return;
        }
    if (f->npdm < 64) {
        cat2(f->pdm[f->npdm].key, sizeof f->pdm[0].key, key, "");
        f->pdm[f->npdm++].depth = depth;
    }
}

/* Replaces "&name;" by "&name" (feedparser's fix for query strings that
 * were escaped twice). */
static void fix_link_refs(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (*p == '&') {
            char *q = p + 1;
            while (str_isalnum(*q) || *q == '_')
                q++;
            if (q > p + 1 && *q == ';') {
                memmove(o, p, (size_t)(q - p));
                o += q - p;
                p = q + 1;
                continue;
            }
        }
        *o++ = *p++;
    }
    *o = '\0';
}

static void replace_all(char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to);
    char *o = s;
    for (char *p = s; *p;) {
        if (!strncmp(p, from, fl)) {
            memcpy(o, to, tl);
            o += tl;
            p += fl;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
}

/* An id is made absolute only when it looks like a path ("/a/b", "../x");
 * ids such as "abc" or "1234" stay as written. */
static bool id_is_path(const char *s)
{
    for (const char *p = s; *p; p++)
        if (str_isspace(*p))
            return false;
    return s[0] == '/' || s[0] == '.' || strchr(s, '/') != NULL;
}

/* feedparser's pop(): closes the element on top of the stack when it is
 * name, processes its text and stores it; returns the text (caller frees)
 * or NULL. */
/* What pop() needs to know of an element's name. */
enum {
    K_CAN_BE_RELATIVE = 1,   /* its value is a URI */
    K_CONTAINS_RELATIVE = 2, /* its value may be HTML with URIs in it */
    K_KEPT = 4,              /* category, tags, itunes_keywords: the caller stores it */
    K_TITLE = 8,
    K_CONTENT = 16,
    K_LINK = 32,
    K_DESCRIPTION = 64,
    K_ID = 128,
};

static unsigned kind_of(const char *el)
{
#define IS(lit) (!strcmp(el, lit))
    switch (el[0]) {
    case 'c':
        return IS("comments") ? K_CAN_BE_RELATIVE : IS("content") ? K_CONTAINS_RELATIVE | K_CONTENT
               : IS("copyright") ? K_CONTAINS_RELATIVE : IS("category") ? K_KEPT : 0;
    case 'd':
        return IS("description") ? K_CONTAINS_RELATIVE | K_DESCRIPTION : IS("docs") ? K_CAN_BE_RELATIVE : 0;
    case 'h': return IS("href") ? K_CAN_BE_RELATIVE : 0;
    case 'i':
        return IS("id") ? K_CAN_BE_RELATIVE | K_ID : IS("icon") ? K_CAN_BE_RELATIVE : IS("info") ? K_CONTAINS_RELATIVE
               : IS("itunes_keywords") ? K_KEPT : 0;
    case 'l': return IS("link") ? K_CAN_BE_RELATIVE | K_LINK : IS("logo") ? K_CAN_BE_RELATIVE : 0;
    case 'r': return IS("rights") ? K_CONTAINS_RELATIVE : 0;
    case 's': return IS("subtitle") || IS("summary") ? K_CONTAINS_RELATIVE : 0;
    case 't':
        return IS("title") ? K_CONTAINS_RELATIVE | K_TITLE : IS("tagline") ? K_CONTAINS_RELATIVE : IS("tags") ? K_KEPT : 0;
    case 'u': return IS("url") ? K_CAN_BE_RELATIVE : 0;
    case 'w': return IS("wfw_comment") || IS("wfw_commentrss") ? K_CAN_BE_RELATIVE : 0;
    }
    return 0;
#undef IS
}

/* True when s has a byte of 0x80 or more (checked eight at a time). */
static bool has_high(const char *s)
{
    size_t n = strlen(s), i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            return true;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

static char *pop(feed_t *f, const char *name)
{
    if (!f->ne || f->es[f->ne - 1].name[0] != name[0] ||
        strncmp(f->es[f->ne - 1].name, name, sizeof f->es[0].name - 1))
        return NULL;
    elem *e = &f->es[f->ne - 1];
    size_t n;
    char *out = join_pieces(f, e, &n);
    char element[sizeof e->name];
    memcpy(element, e->name, sizeof element);
    bool expecting = e->expecting;
    elem_done(e);
    f->ne--;
    if (!expecting)
        return out;
    if (f->cp.set && f->cp.base64) {
        char *copy = xstrdup(out);
        size_t cn = n;
        if (feed_base64_decode(copy, &cn)) {
            free(out);
            out = copy;
        } else {
            free(copy);
        }
    }
    unsigned kind = kind_of(element);
    if ((kind & K_CAN_BE_RELATIVE) && *out && (!(kind & K_ID) || (f->guidislink && id_is_path(out)))) {
        char *r = resolve(f, out);
        free(out);
        out = r;
    }
    if ((f->version[0] != 'a' || strncmp(f->version, "atom", 4)) && f->cp.set && f->cp.type &&
        STREQ(f->cp.type, "text/plain") && feed_html_lookslike(out))
        replace(&f->cp.type, "text/html");
    /* cp.type was put through map_ctype when set (or set to one of its
     * results), so it is used as it is */
    const char *t = f->cp.set && f->cp.type ? f->cp.type : "text/html";
    bool htmlish = STREQ(t, "text/html") || STREQ(t, "application/xhtml+xml");
    if (htmlish && (kind & K_CONTAINS_RELATIVE)) {
        char *r = feed_html_resolve(out, strlen(out), RS(f->baseuri));
        free(out);
        out = r;
    }
    if (has_high(out)) { /* both repairs only touch bytes of 0x80 and more */
        if (STREQ(f->encoding, "utf-8"))
            out = fix_double_utf8(out);
        out = fix_cp1252(out);
    }
    if (kind & K_KEPT)
        return out;
    if ((kind & K_TITLE) && f->title_depth > -1 && f->title_depth <= f->depth)
        return out;
    if (f->inentry && !f->insource && f->entry) {
        fv *en = f->entry;
        if (kind & K_CONTENT) {
            fv *arr = fv_want(en, "content", FV_ARR);
            fv_push(arr, detail_obj(f, out));
        } else if (kind & K_LINK) {
            if (!f->inimage) {
                replace_all(out, "&amp;", "&");
                fix_link_refs(out);
                fv *links = fv_get(en, "links");
                fv *last = links && links->t == FV_ARR ? fv_last(links) : NULL;
                const char *rel = last ? fv_gets(last, "rel") : NULL;
                /* an alternate link wins over other rels written as text */
                if (!fv_gets(en, "link") || !rel || STREQ(rel, "alternate"))
                    fv_sets(en, "link", out);
                if (*out && last && last->t == FV_OBJ)
                    fv_sets(last, "href", out);
            }
        } else {
            const char *el = (kind & K_DESCRIPTION) ? "summary" : element;
            int old = pdm_get(f, el);
            if (old < 0 || f->depth <= old) {
                pdm_set(f, el, f->depth);
                fv_sets(en, el, out);
            }
            if (f->incontent) {
                char k[64];
                cat2(k, sizeof k, el, "_detail");
                fv_set(en, k, detail_obj(f, out));
            }
        }
    } else if (f->infeed || f->insource) {
        fv *c = context(f);
        const char *el = (kind & K_DESCRIPTION) ? "subtitle" : element;
        if (kind & K_LINK) {
            fix_link_refs(out);
            fv_sets(c, el, out);
            fv *links = fv_get(c, "links");
            fv *last = links && links->t == FV_ARR ? fv_last(links) : NULL;
            if (last && last->t == FV_OBJ)
                fv_sets(last, "href", out);
        } else {
            fv_sets(c, el, out);
            if (f->incontent) {
                char k[64];
                cat2(k, sizeof k, el, "_detail");
                fv_set(c, k, detail_obj(f, out));
            }
        }
    }
    return out;
}

static void cp_clear(feed_t *f)
{
    free(f->cp.type);
    rs_drop(f->cp.lang);
    rs_drop(f->cp.base);
    free(f->cp.src);
    memset(&f->cp, 0, sizeof f->cp);
}

static void push_content(feed_t *f, const char *tag, const attrkv *a, int na, const char *deftype, bool expecting)
{
    f->incontent++;
    if (f->lang && strchr(f->lang->s, '_')) { /* a copy: the levels share the old one */
        rstr *l = rs_new(f->lang->s);
        for (char *p = l->s; *p; p++)
            if (*p == '_')
                *p = '-';
        rs_drop(f->lang);
        f->lang = l;
    }
    cp_clear(f);
    f->cp.set = true;
    char tb[64];
    const char *ty = attr_get(a, na, "type");
    f->cp.type = xstrdup(map_ctype(ty ? ty : deftype, tb, sizeof tb));
    f->cp.lang = rs_ref(f->lang);
    f->cp.base = rs_ref(f->baseuri);
    const char *mode = attr_get(a, na, "mode");
    if (mode && STREQ(mode, "base64"))
        f->cp.base64 = true;
    else if (str_starts(f->cp.type, "text/") || ends_with(f->cp.type, "+xml") || ends_with(f->cp.type, "/xml"))
        f->cp.base64 = false;
    else
        f->cp.base64 = true;
    push(f, tag, expecting);
}

static char *pop_content(feed_t *f, const char *tag)
{
    char *v = pop(f, tag);
    f->incontent--;
    cp_clear(f);
    return v;
}

/* ---- authors -------------------------------------------------------------- */

/* Finds an e-mail address in s: start and length, or false. */
static bool find_email(const char *s, size_t *st, size_t *len)
{
    for (const char *at = strchr(s, '@'); at; at = strchr(at + 1, '@')) {
        const char *a = at;
        while (a > s && (str_isalnum(a[-1]) || strchr("_-.+", a[-1])))
            a--;
        if (a == at)
            continue;
        const char *b = at + 1;
        int dots = 0;
        while (str_isalnum(*b) || *b == '-' || *b == '.') {
            if (*b == '.')
                dots++;
            b++;
        }
        while (b > at + 1 && b[-1] == '.')
            b--, dots--;
        if (dots < 1)
            continue;
        if (!strncmp(b, "?subject=", 9))
            while (*b && !str_isspace(*b))
                b++;
        *st = (size_t)(a - s);
        *len = (size_t)(b - a);
        return true;
    }
    return false;
}

static void sync_author_detail(feed_t *f, const char *key)
{
    fv *c = context(f);
    char ks[40], kd[48];
    cat2(ks, sizeof ks, key, "s");
    cat2(kd, sizeof kd, key, "_detail");
    fv *list = fv_get(c, ks);
    fv *detail = list && list->t == FV_ARR ? fv_last(list) : NULL;
    if (detail && detail->t == FV_OBJ && detail->n) {
        const char *name = fv_gets(detail, "name"), *email = fv_gets(detail, "email");
        if (name && *name && email && *email) {
            buf_t b;
            buf_init(&b, 0);
            buf_puts(&b, name); /* "name (email)" */
            buf_puts(&b, " (");
            buf_puts(&b, email);
            buf_putc(&b, ')');
            fv_sets(c, key, buf_str(&b));
            buf_free(&b);
        } else if (name && *name) {
            fv_sets(c, key, name);
        } else if (email && *email) {
            fv_sets(c, key, email);
        }
        return;
    }
    const char *author0 = fv_gets(c, key);
    if (!author0 || !*author0)
        return;
    char *author = xstrdup(author0);
    char *email = NULL;
    size_t st, len;
    if (find_email(author, &st, &len)) {
        email = xstrndup(author + st, len);
        memmove(author + st, author + st + len, strlen(author + st + len) + 1);
        replace_all(author, "()", "");
        replace_all(author, "<>", "");
        replace_all(author, "&lt;&gt;", "");
        str_trim(author);
        if (author[0] == '(')
            memmove(author, author + 1, strlen(author));
        size_t n = strlen(author);
        if (n && author[n - 1] == ')')
            author[n - 1] = '\0';
        str_trim(author);
    }
    if (*author || email) {
        fv *d = detail && detail->t == FV_OBJ ? detail : NULL;
        fv *ad = fv_get(c, kd);
        bool fresh = !ad;
        if (*author && d)
            fv_sets(d, "name", author);
        if (email && d)
            fv_sets(d, "email", email);
        if (fresh) {
            fv *nd = d ? fv_dup(d) : fv_new(FV_OBJ);
            if (!d) {
                if (*author)
                    fv_sets(nd, "name", author);
                if (email)
                    fv_sets(nd, "email", email);
            }
            fv_set(c, kd, nd);
        }
    }
    free(author);
    free(email);
}

static void save_author(feed_t *f, const char *key, const char *value, const char *prefix)
{
    fv *c = context(f);
    char kd[48];
    cat2(kd, sizeof kd, prefix, "_detail");
    fv *d = fv_want(c, kd, FV_OBJ);
    if (d)
        fv_sets(d, key, value);
    sync_author_detail(f, "author");
    fv *list = fv_get(c, "authors");
    if (!list || list->t != FV_ARR) {
        list = fv_want(c, "authors", FV_ARR);
        fv_push(list, fv_new(FV_OBJ));
    }
    fv *last = fv_last(list);
    if (last && last->t == FV_OBJ)
        fv_sets(last, key, value);
}

static void save_contributor(feed_t *f, const char *key, const char *value)
{
    fv *c = context(f);
    fv *list = fv_get(c, "contributors");
    if (!list || list->t != FV_ARR) {
        list = fv_want(c, "contributors", FV_ARR);
        fv_push(list, fv_new(FV_OBJ));
    }
    fv *last = fv_last(list);
    if (last && last->t == FV_OBJ)
        fv_sets(last, key, value);
}

static void add_tag(feed_t *f, const char *term, const char *scheme, const char *label)
{
    fv *c = context(f);
    fv *tags = fv_want(c, "tags", FV_ARR);
    if ((!term || !*term) && (!scheme || !*scheme) && (!label || !*label))
        return;
    fv *t = fv_new(FV_OBJ);
    fv_sets(t, "term", term);
    fv_sets(t, "scheme", scheme);
    fv_sets(t, "label", label);
    for (fv *x = tags ? tags->head : NULL; x; x = x->next)
        if (fv_equal(x, t)) {
            fv_free(t);
            return;
        }
    fv_push(tags, t);
}

/* ---- dates ---------------------------------------------------------------- */

static void save_date(feed_t *f, const char *key, const char *value)
{
    int64_t t;
    if (value && date_parse(value, &t) == 0) {
        char out[32];
        date_format_rfc3339(t, out);
        save(f, key, fv_str(out), true);
    } else {
        fv_del(context(f), key);
    }
}

/* ---- element handlers ----------------------------------------------------- */

typedef struct hctx {
    feed_t *f;
    const attrkv *a;
    int na;
} hctx;

static void end_entry(feed_t *f);

static void start_author(feed_t *f)
{
    f->inauthor = true;
    push(f, "author", true);
    fv_push(fv_want(context(f), "authors", FV_ARR), fv_new(FV_OBJ));
}

static void end_author(feed_t *f)
{
    free(pop(f, "author"));
    f->inauthor = false;
    sync_author_detail(f, "author");
}

static void start_contributor(feed_t *f, bool dc)
{
    f->incontributor = true;
    fv_push(fv_want(context(f), "contributors", FV_ARR), fv_new(FV_OBJ));
    push(f, dc ? "name" : "contributor", false);
}

static void end_name(feed_t *f)
{
    char *v = pop(f, "name");
    if (!v)
        return;
    if (f->inpublisher)
        save_author(f, "name", v, "publisher");
    else if (f->inauthor)
        save_author(f, "name", v, "author");
    else if (f->incontributor)
        save_contributor(f, "name", v);
    else if (f->intextinput)
        fv_sets(context(f), "name", v);
    free(v);
}

static void start_link(feed_t *f, const attrkv *a, int na)
{
    fv *d = fv_new(FV_OBJ);
    const char *rel = attr_get(a, na, "rel");
    fv_sets(d, "rel", rel ? rel : "alternate");
    const char *type = attr_get(a, na, "type");
    fv_sets(d, "type", type ? type : (rel && STREQ(rel, "self")) ? "application/atom+xml" : "text/html");
    const char *href = attr_get(a, na, "url");
    if (!href || !*href)
        href = attr_get(a, na, "uri");
    if (!href || !*href)
        href = attr_get(a, na, "href");
    for (int i = 0; i < na; i++) {
        if (STREQ(a[i].k, "rel") || STREQ(a[i].k, "type"))
            continue;
        if (href && *href && (STREQ(a[i].k, "url") || STREQ(a[i].k, "uri") || STREQ(a[i].k, "href")))
            continue;
        fv_sets(d, a[i].k, a[i].v);
    }
    bool has_href = href && *href;
    if (!has_href && attr_get(a, na, "href"))
        has_href = true, href = attr_get(a, na, "href");
    if (has_href) {
        char *r = resolve(f, href);
        fv_sets(d, "href", r);
        free(r);
    }
    fv *c = context(f);
    bool expecting = f->infeed || f->inentry || f->insource;
    fv *links = fv_want(c, "links", FV_ARR);
    char tb[64];
    const char *h = fv_gets(d, "href");
    const char *r2 = fv_gets(d, "rel");
    const char *t2 = map_ctype(fv_gets(d, "type"), tb, sizeof tb);
    bool alt = h && r2 && STREQ(r2, "alternate") && t2 &&
               (STREQ(t2, "text/html") || STREQ(t2, "application/xhtml+xml"));
    if (alt)
        fv_sets(c, "link", h);
    if (!(f->inentry && f->inimage))
        fv_push(links, d);
    else
        fv_free(d);
    if (!h)
        push(f, "link", expecting);
}

static void start_generic(feed_t *f, const char *name, const attrkv *a, int na)
{
    if (na == 0)
        push(f, name, true);
    else
        fv_set(context(f), name, attrs_obj(a, na));
}

/* The elements that have handlers, looked up once per tag by hash. */
enum {
    H_NONE,
    H_ABSTRACT,
    H_AUTHOR,
    H_BODY,
    H_CATEGORY,
    H_CHANNEL,
    H_CLOUD,
    H_CONTENT,
    H_CONTENT_ENCODED,
    H_CONTRIBUTOR,
    H_COPYRIGHT,
    H_CREATED,
    H_DC_AUTHOR,
    H_DC_CONTRIBUTOR,
    H_DC_CREATOR,
    H_DC_DATE,
    H_DC_DESCRIPTION,
    H_DC_LANGUAGE,
    H_DC_PUBLISHER,
    H_DC_RIGHTS,
    H_DC_SUBJECT,
    H_DC_TITLE,
    H_DCTERMS_CREATED,
    H_DCTERMS_ISSUED,
    H_DCTERMS_MODIFIED,
    H_DESCRIPTION,
    H_EMAIL,
    H_ENCLOSURE,
    H_ENTRY,
    H_EXPIRATIONDATE,
    H_FEED,
    H_FULLITEM,
    H_GENERATOR,
    H_GUID,
    H_HEIGHT,
    H_HOMEPAGE,
    H_ID,
    H_IMAGE,
    H_INFO,
    H_ISSUED,
    H_ITEM,
    H_ITUNES_AUTHOR,
    H_ITUNES_SUBTITLE,
    H_ITUNES_SUMMARY,
    H_KEYWORDS,
    H_LANGUAGE,
    H_LASTBUILDDATE,
    H_LINK,
    H_MANAGINGEDITOR,
    H_MEDIA_TITLE,
    H_MODIFIED,
    H_NAME,
    H_PUBDATE,
    H_PUBLISHED,
    H_RIGHTS,
    H_RSS,
    H_SOURCE,
    H_SUBTITLE,
    H_SUMMARY,
    H_TAGLINE,
    H_TAGS,
    H_TEXTINPUT,
    H_TITLE,
    H_UPDATED,
    H_URI,
    H_URL,
    H_WEBMASTER,
    H_WIDTH,
    H_XHTML_BODY,
    H_COUNT
};

static const char *const HNAMES[H_COUNT] = {
    NULL,
    "abstract",
    "author",
    "body",
    "category",
    "channel",
    "cloud",
    "content",
    "content_encoded",
    "contributor",
    "copyright",
    "created",
    "dc_author",
    "dc_contributor",
    "dc_creator",
    "dc_date",
    "dc_description",
    "dc_language",
    "dc_publisher",
    "dc_rights",
    "dc_subject",
    "dc_title",
    "dcterms_created",
    "dcterms_issued",
    "dcterms_modified",
    "description",
    "email",
    "enclosure",
    "entry",
    "expirationdate",
    "feed",
    "fullitem",
    "generator",
    "guid",
    "height",
    "homepage",
    "id",
    "image",
    "info",
    "issued",
    "item",
    "itunes_author",
    "itunes_subtitle",
    "itunes_summary",
    "keywords",
    "language",
    "lastbuilddate",
    "link",
    "managingeditor",
    "media_title",
    "modified",
    "name",
    "pubdate",
    "published",
    "rights",
    "rss",
    "source",
    "subtitle",
    "summary",
    "tagline",
    "tags",
    "textinput",
    "title",
    "updated",
    "uri",
    "url",
    "webmaster",
    "width",
    "xhtml_body",
};

#define HT_SIZE 256 /* power of two, more than twice H_COUNT */
static unsigned char htab[HT_SIZE];

static uint32_t hname(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void htab_fill(void)
{
    for (int i = 1; i < H_COUNT; i++) {
        uint32_t k = hname(HNAMES[i]) & (HT_SIZE - 1);
        while (htab[k])
            k = (k + 1) & (HT_SIZE - 1);
        htab[k] = (unsigned char)i;
    }
}

/* The handler id of an element name, H_NONE when it has none. */
static int handler_id(const char *name)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT; /* feeds may be parsed on several threads */
    pthread_once(&once, htab_fill);
    for (uint32_t k = hname(name) & (HT_SIZE - 1); htab[k]; k = (k + 1) & (HT_SIZE - 1))
        if (!strcmp(HNAMES[htab[k]], name))
            return htab[k];
    return H_NONE;
}

/* Start-tag handlers; returns false when there is none for name. */
static bool start_handler(feed_t *f, int h, const char *name, const attrkv *a, int na)
{
    if (h == H_NONE)
        return false;
    if (h == H_RSS) {
        if (!f->version[0] || strncmp(f->version, "rss", 3)) {
            const char *v = attr_get(a, na, "version");
            v = v ? v : "";
            const char *ver = STREQ(v, "0.91") ? "rss091u" : STREQ(v, "0.92") ? "rss092"
                            : STREQ(v, "0.93") ? "rss093" : STREQ(v, "0.94") ? "rss094"
                            : str_starts(v, "2.") ? "rss20" : "rss";
            snprintf(f->version, sizeof f->version, "%s", ver);
        }
    } else if (h == H_CHANNEL) {
        f->infeed = true;
    } else if (h == H_FEED) {
        f->infeed = true;
        if (!f->version[0]) {
            const char *v = attr_get(a, na, "version");
            v = v ? v : "";
            snprintf(f->version, sizeof f->version, "%s",
                     STREQ(v, "0.1") ? "atom01" : STREQ(v, "0.2") ? "atom02" : STREQ(v, "0.3") ? "atom03" : "atom");
        }
    } else if (h == H_IMAGE) {
        if (!f->inentry)
            fv_want(context(f), "image", FV_OBJ);
        f->inimage = true;
        f->title_depth = -1;
        push(f, "image", false);
    } else if (h == H_TEXTINPUT) {
        fv_want(context(f), "textinput", FV_OBJ);
        f->intextinput = true;
        f->title_depth = -1;
        push(f, "textinput", false);
    } else if ((h == H_AUTHOR) || (h == H_MANAGINGEDITOR) || (h == H_DC_AUTHOR) || (h == H_DC_CREATOR) || (h == H_ITUNES_AUTHOR)) {
        start_author(f);
    } else if (h == H_CONTRIBUTOR) {
        start_contributor(f, false);
    } else if (h == H_DC_CONTRIBUTOR) {
        start_contributor(f, true);
    } else if ((h == H_NAME) || (h == H_EMAIL) || (h == H_WIDTH) || (h == H_HEIGHT)) {
        push(f, name, false);
    } else if ((h == H_URL) || (h == H_HOMEPAGE) || (h == H_URI)) {
        push(f, "href", true);
    } else if ((h == H_SUBTITLE) || (h == H_TAGLINE) || (h == H_ITUNES_SUBTITLE)) {
        push_content(f, "subtitle", a, na, "text/plain", true);
    } else if ((h == H_RIGHTS) || (h == H_COPYRIGHT) || (h == H_DC_RIGHTS)) {
        push_content(f, "rights", a, na, "text/plain", true);
    } else if ((h == H_ITEM) || (h == H_ENTRY)) {
        end_entry(f); /* an unclosed previous entry */
        f->entry = fv_new(FV_OBJ);
        f->npdm = 0;
        push(f, "item", false);
        f->inentry = true;
        f->guidislink = false;
        f->title_depth = -1;
        const char *id = attr_get(a, na, "rdf:about");
        if (id && *id)
            fv_sets(context(f), "id", id);
    } else if ((h == H_LANGUAGE) || (h == H_DC_LANGUAGE)) {
        push(f, "language", true);
    } else if ((h == H_WEBMASTER) || (h == H_DC_PUBLISHER)) {
        push(f, "publisher", true);
    } else if ((h == H_PUBLISHED) || (h == H_ISSUED) || (h == H_PUBDATE) || (h == H_DCTERMS_ISSUED)) {
        push(f, "published", true);
    } else if ((h == H_UPDATED) || (h == H_MODIFIED) || (h == H_LASTBUILDDATE) || (h == H_DC_DATE) || (h == H_DCTERMS_MODIFIED)) {
        push(f, "updated", true);
    } else if ((h == H_CREATED) || (h == H_DCTERMS_CREATED)) {
        push(f, "created", true);
    } else if (h == H_EXPIRATIONDATE) {
        push(f, "expired", true);
    } else if ((h == H_CATEGORY) || (h == H_KEYWORDS) || (h == H_DC_SUBJECT)) {
        const char *scheme = attr_get(a, na, "scheme");
        add_tag(f, attr_get(a, na, "term"), scheme ? scheme : attr_get(a, na, "domain"), attr_get(a, na, "label"));
        push(f, "category", true);
    } else if (h == H_TAGS) {
        push(f, "tags", true);
    } else if (h == H_LINK) {
        start_link(f, a, na);
    } else if ((h == H_GUID) || (h == H_ID)) {
        const char *p = attr_get(a, na, "ispermalink");
        f->guidislink = !p || STREQ(p, "true");
        push(f, "id", true);
    } else if ((h == H_TITLE) || (h == H_DC_TITLE) || (h == H_MEDIA_TITLE)) {
        push_content(f, "title", a, na, "text/plain", f->infeed || f->inentry || f->insource);
    } else if ((h == H_DESCRIPTION) || (h == H_DC_DESCRIPTION) || (h == H_SUMMARY) || (h == H_ITUNES_SUMMARY)) {
        bool summary = (h == H_SUMMARY) || (h == H_ITUNES_SUMMARY);
        if (fv_get(context(f), "summary") && !f->hascontent) {
            f->summary_key = "content";
            f->hascontent = true;
            push_content(f, "content", a, na, "text/plain", true);
            const char *src = attr_get(a, na, "src");
            if (src && *src)
                f->cp.src = xstrdup(src);
        } else if (summary) {
            f->summary_key = "summary";
            push_content(f, "summary", a, na, "text/plain", true);
        } else {
            f->summary_key = NULL;
            push_content(f, "description", a, na, "text/html", f->infeed || f->inentry || f->insource);
        }
    } else if (h == H_ABSTRACT) {
        push_content(f, "description", a, na, "text/plain", f->infeed || f->inentry || f->insource);
    } else if (h == H_INFO) {
        push_content(f, "info", a, na, "text/plain", true);
    } else if (h == H_GENERATOR) {
        fv *d = fv_new(FV_OBJ);
        const char *href = attr_get(a, na, "url");
        if (!href)
            href = attr_get(a, na, "uri");
        if (!href)
            href = attr_get(a, na, "href");
        for (int i = 0; i < na; i++)
            if (!STREQ(a[i].k, "url") && !STREQ(a[i].k, "uri") && !STREQ(a[i].k, "href"))
                fv_sets(d, a[i].k, a[i].v);
        if (href) {
            char *r = resolve(f, href);
            fv_sets(d, "href", r);
            free(r);
        }
        fv_set(context(f), "generator_detail", d);
        push(f, "generator", true);
    } else if (h == H_ENCLOSURE) {
        fv *d = fv_new(FV_OBJ);
        const char *href = attr_get(a, na, "url");
        if (!href)
            href = attr_get(a, na, "uri");
        if (!href)
            href = attr_get(a, na, "href");
        for (int i = 0; i < na; i++)
            if (!STREQ(a[i].k, "url") && !STREQ(a[i].k, "uri") && !STREQ(a[i].k, "href") && !STREQ(a[i].k, "rel"))
                fv_sets(d, a[i].k, a[i].v);
        if (href)
            fv_sets(d, "href", href);
        fv_sets(d, "rel", "enclosure");
        fv_push(fv_want(context(f), "links", FV_ARR), d);
    } else if (h == H_SOURCE) {
        const char *u = attr_get(a, na, "url");
        fv_free(f->sourcedata);
        f->sourcedata = fv_new(FV_OBJ);
        if (u)
            fv_sets(f->sourcedata, "href", u);
        push(f, "source", true);
        f->insource = true;
        f->title_depth = -1;
    } else if (h == H_CONTENT) {
        f->hascontent = true;
        push_content(f, "content", a, na, "text/plain", true);
        const char *src = attr_get(a, na, "src");
        if (src && *src)
            f->cp.src = xstrdup(src);
    } else if ((h == H_BODY) || (h == H_XHTML_BODY)) {
        push_content(f, "content", a, na, "application/xhtml+xml", true);
    } else if ((h == H_CONTENT_ENCODED) || (h == H_FULLITEM)) {
        f->hascontent = true;
        push_content(f, "content", a, na, "text/html", true);
    } else if (h == H_CLOUD) {
        fv_set(context(f), "cloud", attrs_obj(a, na));
    } else {
        return false;
    }
    return true;
}

static void end_content(feed_t *f)
{
    const char *t = f->cp.set && f->cp.type ? f->cp.type : ""; /* already mapped (see pop) */
    bool copy = STREQ(t, "text/plain") || STREQ(t, "text/html") || STREQ(t, "application/xhtml+xml");
    char *v = pop_content(f, "content");
    if (copy && v)
        save(f, "summary", fv_str(v), false);
    free(v);
}

static int to_int(const char *s)
{
    if (!s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end)
        return 0;
    return (int)v;
}

static bool end_handler(feed_t *f, int h, const char *name)
{
    if (h == H_NONE)
        return false;
    char *v = NULL;
    if ((h == H_CHANNEL) || (h == H_FEED)) {
        f->infeed = false;
    } else if (h == H_IMAGE) {
        free(pop(f, "image"));
        f->inimage = false;
    } else if (h == H_TEXTINPUT) {
        free(pop(f, "textinput"));
        f->intextinput = false;
    } else if ((h == H_AUTHOR) || (h == H_MANAGINGEDITOR) || (h == H_DC_AUTHOR) || (h == H_DC_CREATOR) || (h == H_ITUNES_AUTHOR)) {
        end_author(f);
    } else if (h == H_CONTRIBUTOR) {
        free(pop(f, "contributor"));
        f->incontributor = false;
    } else if (h == H_DC_CONTRIBUTOR) {
        end_name(f);
        f->incontributor = false;
    } else if (h == H_NAME) {
        end_name(f);
    } else if ((h == H_WIDTH) || (h == H_HEIGHT)) {
        v = pop(f, name);
        if (v && f->inimage)
            fv_set(context(f), name, fv_int(to_int(v)));
    } else if ((h == H_URL) || (h == H_HOMEPAGE) || (h == H_URI)) {
        v = pop(f, "href");
        if (v && f->inauthor)
            save_author(f, "href", v, "author");
        else if (v && f->incontributor)
            save_contributor(f, "href", v);
    } else if (h == H_EMAIL) {
        v = pop(f, "email");
        if (!v) {
        } else if (f->inpublisher)
            save_author(f, "email", v, "publisher");
        else if (f->inauthor)
            save_author(f, "email", v, "author");
        else if (f->incontributor)
            save_contributor(f, "email", v);
    } else if ((h == H_SUBTITLE) || (h == H_TAGLINE) || (h == H_ITUNES_SUBTITLE)) {
        v = pop_content(f, "subtitle");
    } else if ((h == H_RIGHTS) || (h == H_COPYRIGHT) || (h == H_DC_RIGHTS)) {
        v = pop_content(f, "rights");
    } else if ((h == H_ITEM) || (h == H_ENTRY)) {
        free(pop(f, "item"));
        end_entry(f);
    } else if ((h == H_LANGUAGE) || (h == H_DC_LANGUAGE)) {
        v = pop(f, "language");
        if (v)
            rs_set(&f->lang, v);
    } else if ((h == H_WEBMASTER) || (h == H_DC_PUBLISHER)) {
        v = pop(f, "publisher");
        sync_author_detail(f, "publisher");
    } else if ((h == H_PUBLISHED) || (h == H_ISSUED) || (h == H_PUBDATE) || (h == H_DCTERMS_ISSUED)) {
        v = pop(f, "published");
        save_date(f, "published_parsed", v);
    } else if ((h == H_UPDATED) || (h == H_MODIFIED) || (h == H_LASTBUILDDATE) || (h == H_DC_DATE) || (h == H_DCTERMS_MODIFIED)) {
        v = pop(f, "updated");
        save_date(f, "updated_parsed", v);
    } else if ((h == H_CREATED) || (h == H_DCTERMS_CREATED)) {
        v = pop(f, "created");
        save_date(f, "created_parsed", v);
    } else if (h == H_EXPIRATIONDATE) {
        v = pop(f, "expired");
        save_date(f, "expired_parsed", v);
    } else if ((h == H_CATEGORY) || (h == H_KEYWORDS) || (h == H_DC_SUBJECT)) {
        v = pop(f, "category");
        if (v && *v) {
            fv *tags = fv_want(context(f), "tags", FV_ARR);
            fv *last = fv_last(tags);
            fv *term = last ? fv_get(last, "term") : NULL;
            if (last && (!term || term->t != FV_STR || !*term->s))
                fv_sets(last, "term", v);
            else
                add_tag(f, v, NULL, NULL);
        }
    } else if (h == H_TAGS) {
        v = pop(f, "tags");
        if (v) {
            char *save_p = NULL;
            for (char *tok = strtok_r(v, ",", &save_p); tok; tok = strtok_r(NULL, ",", &save_p))
                add_tag(f, str_trim(tok), NULL, NULL);
        }
    } else if (h == H_LINK) {
        v = pop(f, "link");
    } else if ((h == H_GUID) || (h == H_ID)) {
        v = pop(f, "id");
        if (v && f->guidislink) { /* the link is a URL, so made absolute even when the id was kept as written */
            char *r = resolve(f, v);
            save(f, "link", fv_str(r), false);
            free(r);
        }
    } else if ((h == H_TITLE) || (h == H_DC_TITLE) || (h == H_MEDIA_TITLE)) {
        if (f->svgok)
            return false;
        v = pop_content(f, "title");
        /* a media:title stands in for a missing title but never keeps a
         * shallower one from being read (feedparser's rule) */
        if (v && *v && h != H_MEDIA_TITLE)
            f->title_depth = f->depth;
    } else if ((h == H_DESCRIPTION) || (h == H_DC_DESCRIPTION) || (h == H_SUMMARY) || (h == H_ITUNES_SUMMARY) || (h == H_ABSTRACT)) {
        bool summary = (h == H_SUMMARY) || (h == H_ITUNES_SUMMARY);
        if (f->summary_key && STREQ(f->summary_key, "content"))
            end_content(f);
        else
            v = pop_content(f, summary ? (f->summary_key ? f->summary_key : "summary") : "description");
        f->summary_key = NULL;
    } else if (h == H_INFO) {
        v = pop_content(f, "info");
    } else if (h == H_GENERATOR) {
        v = pop(f, "generator");
        fv *d = fv_get(context(f), "generator_detail");
        if (d && d->t == FV_OBJ && v)
            fv_sets(d, "name", v);
    } else if (h == H_SOURCE) {
        f->insource = false;
        v = pop(f, "source");
        if (!f->sourcedata)
            f->sourcedata = fv_new(FV_OBJ);
        if (v && *v)
            fv_sets(f->sourcedata, "title", v);
        fv_set(context(f), "source", f->sourcedata);
        f->sourcedata = fv_new(FV_OBJ);
    } else if ((h == H_CONTENT) || (h == H_BODY) || (h == H_XHTML_BODY) || (h == H_CONTENT_ENCODED) || (h == H_FULLITEM)) {
        end_content(f);
    } else {
        return false;
    }
    free(v);
    return true;
}

/* ---- entries -------------------------------------------------------------- */

/* Adds the derived "enclosures" list (links with rel enclosure, without rel). */
static void derive(fv *entry)
{
    fv *links = fv_get(entry, "links");
    if (!links || links->t != FV_ARR)
        return;
    fv *enc = NULL;
    for (fv *l = links->head; l; l = l->next) {
        const char *rel = fv_gets(l, "rel");
        if (!rel || !STREQ(rel, "enclosure"))
            continue;
        if (!enc)
            enc = fv_set(entry, "enclosures", fv_new(FV_ARR));
        fv *d = fv_dup(l);
        fv_del(d, "rel");
        fv_push(enc, d);
    }
}

static void end_entry(feed_t *f)
{
    f->inentry = false;
    f->hascontent = false;
    if (!f->entry)
        return;
    fv *e = f->entry;
    f->entry = NULL;
    derive(e);
    f->nentries++;
    if (f->on_entry) {
        f->on_entry(f->user, (const feed_entry *)e);
        fv_free(e);
    } else if (!fv_push(f->entries, e)) {
        set_bozo(f, "too many entries; the rest were dropped");
    }
}

/* ---- namespaces ------------------------------------------------------------ */

static const struct { const char *uri, *prefix; } KNOWN_NS[] = {
    {"http://backend.userland.com/rss", ""}, {"http://blogs.law.harvard.edu/tech/rss", ""},
    {"http://purl.org/rss/1.0/", ""}, {"http://my.netscape.com/rdf/simple/0.9/", ""},
    {"http://example.com/newformat#", ""}, {"http://example.com/necho", ""},
    {"http://purl.org/echo/", ""}, {"uri/of/echo/namespace#", ""}, {"http://purl.org/pie/", ""},
    {"http://purl.org/atom/ns#", ""}, {"http://www.w3.org/2005/atom", ""},
    {"http://purl.org/rss/1.0/modules/rss091#", ""},
    {"http://webns.net/mvcb/", "admin"}, {"http://purl.org/rss/1.0/modules/aggregation/", "ag"},
    {"http://purl.org/rss/1.0/modules/annotate/", "annotate"},
    {"http://purl.org/rss/1.0/modules/content/", "content"},
    {"http://purl.org/dc/elements/1.1/", "dc"}, {"http://purl.org/dc/terms/", "dcterms"},
    {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
    {"http://www.w3.org/2003/01/geo/wgs84_pos#", "geo"}, {"http://www.georss.org/georss", "georss"},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"},
    {"http://example.com/dtds/podcast-1.0.dtd", "itunes"},
    {"http://search.yahoo.com/mrss", "media"}, {"http://search.yahoo.com/mrss/", "media"},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
    {"http://www.w3.org/2000/01/rdf-schema#", "rdfs"},
    {"http://purl.org/rss/1.0/modules/syndication/", "sy"},
    {"http://purl.org/rss/1.0/modules/slash/", "slash"},
    {"http://purl.org/rss/1.0/modules/taxonomy/", "taxo"},
    {"http://purl.org/rss/1.0/modules/threading/", "thr"},
    {"http://wellformedweb.org/commentapi/", "wfw"},
    {"http://www.w3.org/1999/xhtml", "xhtml"}, {"http://www.w3.org/1999/xlink", "xlink"},
    {"http://www.w3.org/xml/1998/namespace", "xml"}, {"http://podlove.org/simple-chapters", "psc"},
    {"http://madskills.com/public/xml/rss/module/trackback/", "trackback"},
    {"http://creativecommons.org/ns#license", "cc"}, {"http://web.resource.org/cc/", "cc"},
    {"http://purl.org/rss/1.0/modules/image/", "image"},
};

/* Our prefix for a namespace URI (compared lower-case), or NULL. */
static const char *known_prefix(const char *uri)
{
    if (!uri)
        return NULL;
    char low[256];
    snprintf(low, sizeof low, "%s", uri);
    str_lower(low);
    if (strstr(low, "backend.userland.com/rss"))
        return "";
    for (size_t i = 0; i < sizeof KNOWN_NS / sizeof KNOWN_NS[0]; i++)
        if (!strcmp(low, KNOWN_NS[i].uri))
            return KNOWN_NS[i].prefix;
    return NULL;
}

static void track_namespace(feed_t *f, const char *prefix, const char *uri)
{
    if (!uri || !*uri)
        return;
    char low[256];
    snprintf(low, sizeof low, "%s", uri);
    str_lower(low);
    if (!f->version[0]) {
        if (!prefix && STREQ(low, "http://my.netscape.com/rdf/simple/0.9/"))
            snprintf(f->version, sizeof f->version, "rss090");
        else if (STREQ(low, "http://purl.org/rss/1.0/"))
            snprintf(f->version, sizeof f->version, "rss10");
        else if (STREQ(low, "http://www.w3.org/2005/atom"))
            snprintf(f->version, sizeof f->version, "atom10");
    }
    const char *canon = known_prefix(uri);
    const char *p = prefix ? prefix : "";
    for (int i = 0; i < f->nns; i++)
        if (!strcmp(f->ns[i].prefix, p)) {
            replace(&f->ns[i].canon, canon);
            replace(&f->ns[i].uri, uri);
            return;
        }
    if (f->nns < MAX_NS) {
        f->ns[f->nns].prefix = xstrdup(p);
        f->ns[f->nns].canon = canon ? xstrdup(canon) : NULL;
        f->ns[f->nns].uri = xstrdup(uri);
        f->nns++;
    }
}

static const char *ns_uri_of_prefix(feed_t *f, const char *prefix)
{
    for (int i = 0; i < f->nns; i++)
        if (!strcmp(f->ns[i].prefix, prefix))
            return f->ns[i].uri;
    return "";
}

/* ---- SAX callbacks ---------------------------------------------------------- */

static void strattrs(buf_t *b, const attrkv *a, int na)
{
    for (int i = 0; i < na; i++) {
        buf_putc(b, ' ');
        buf_puts(b, a[i].k);
        buf_puts(b, "=\"");
        for (const char *p = a[i].v; *p; p++) {
            switch (*p) {
            case '&': buf_puts(b, "&amp;"); break;
            case '<': buf_puts(b, "&lt;"); break;
            case '>': buf_puts(b, "&gt;"); break;
            case '"': buf_puts(b, "&quot;"); break;
            default: buf_putc(b, *p);
            }
        }
        buf_putc(b, '"');
    }
}

/* known_prefix, remembered by pointer: libxml2 interns namespace names in
 * the parser's dictionary, so the same URI comes back as the same pointer. */
static const char *known_prefix_cached(feed_t *f, const xmlChar *uri)
{
    if (!uri)
        return NULL;
    for (int i = 0; i < NS_CACHE; i++)
        if (f->nsc[i].uri == uri)
            return f->nsc[i].prefix;
    const char *p = known_prefix((const char *)uri);
    f->nsc[f->nsc_next].uri = uri;
    f->nsc[f->nsc_next].prefix = p;
    f->nsc_next = (f->nsc_next + 1) % NS_CACHE;
    return p;
}

/* Appends s lower-cased to out (capacity n, used *k); stops at the cap. */
static void cat_lower(char *out, size_t n, size_t *k, const char *s)
{
    while (*s && *k + 1 < n) {
        out[*k] = (char)str_tolower(*s);
        (*k)++;
        s++;
    }
    out[*k] = '\0';
}

/* Splits "pre:local" into its two parts (prefix "" when there is none). */
static void split_tag(const char *tag, char *prefix, size_t pn, char *suffix, size_t sn)
{
    const char *colon = strchr(tag, ':');
    size_t k = 0;
    prefix[0] = '\0';
    if (colon) {
        size_t l = (size_t)(colon - tag);
        if (l >= pn)
            l = pn - 1;
        memcpy(prefix, tag, l);
        prefix[l] = '\0';
        tag = colon + 1;
    }
    suffix[0] = '\0';
    cat_lower(suffix, sn, &k, tag);
}

/* The element name feedparser uses: "prefix:local" lower-cased. */
static void element_name(feed_t *f, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, char *out,
                         size_t n)
{
    const char *canon = known_prefix_cached(f, uri);
    const char *p = canon ? canon : (const char *)prefix;
    size_t k = 0;
    out[0] = '\0';
    if (p && *p) {
        cat_lower(out, n, &k, p);
        cat_lower(out, n, &k, ":");
    }
    cat_lower(out, n, &k, (const char *)local);
}

static int handler_id(const char *name);

#define SC_BLOCK 8192

static void sc_reset(scratch *sc)
{
    sc->used = 0;
    for (size_t i = 0; i < sc->nbig; i++)
        free(sc->big[i]);
    sc->nbig = 0;
}

static void sc_free(scratch *sc)
{
    sc_reset(sc);
    free(sc->big);
    free(sc->block);
    memset(sc, 0, sizeof *sc);
}

/* A NUL-terminated copy of s[0..n) that lives until the next sc_reset. */
static char *sc_dup(feed_t *f, const char *s, size_t n)
{
    scratch *sc = &f->sc;
    char *p;
    if (!sc->block) {
        sc->block = xmalloc(SC_BLOCK);
        sc->cap = SC_BLOCK;
    }
    if (n + 1 <= sc->cap - sc->used) {
        p = sc->block + sc->used;
        sc->used += n + 1;
    } else { /* a long value, or the block is full: its own allocation */
        if (sc->nbig == sc->bigcap) {
            sc->bigcap = sc->bigcap ? 2 * sc->bigcap : 8;
            sc->big = xrealloc(sc->big, sc->bigcap * sizeof *sc->big);
        }
        p = sc->big[sc->nbig++] = xmalloc(n + 1);
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void ename_fill(feed_t *f, ename *en, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    en->local = local;
    en->prefix = prefix;
    en->uri = uri;
    element_name(f, local, prefix, uri, en->tag, sizeof en->tag);
    char pre[64];
    split_tag(en->tag, pre, sizeof pre, en->suffix, sizeof en->suffix);
    en->prefixed = pre[0] != '\0';
    size_t nk = 0;
    en->name[0] = '\0';
    if (pre[0]) {
        cat_lower(en->name, sizeof en->name, &nk, pre);
        cat_lower(en->name, sizeof en->name, &nk, "_");
    }
    cat_lower(en->name, sizeof en->name, &nk, en->suffix);
    en->h = handler_id(en->name);
}

/* True when s is NULL or interned in the parser's dictionary, where it
 * stays, unique, until the parse ends. */
static bool interned(feed_t *f, const xmlChar *s)
{
    return !s || (f->ctxt && f->ctxt->dict && xmlDictOwns(f->ctxt->dict, s) == 1);
}

/* The names of an element, from the cache when it has been seen: names
 * are compared by pointer, which is sound for interned strings only, so
 * others are worked out each time. */
static const ename *ename_of(feed_t *f, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    if (!f->names)
        f->names = xcalloc(ENAME_CACHE + 1, sizeof *f->names); /* + 1: the one for names not interned */
    uint64_t k = ((uint64_t)(uintptr_t)local ^ ((uint64_t)(uintptr_t)uri << 7)) * 0x9e3779b97f4a7c15ull;
    size_t home = (size_t)(k >> 57); /* the top 7 bits */
    ename *free_slot = NULL;
    for (size_t i = 0; i < ENAME_WAYS; i++) {
        ename *en = &f->names[(home + i) & (ENAME_CACHE - 1)];
        if (!en->local) {
            free_slot = en;
            break;
        }
        if (en->local == local && en->prefix == prefix && en->uri == uri)
            return en;
    }
    ename *en = free_slot ? free_slot : &f->names[home];
    if (!interned(f, local) || !interned(f, prefix) || !interned(f, uri)) {
        en = &f->names[ENAME_CACHE];
        ename_fill(f, en, local, prefix, uri);
        en->local = NULL; /* never matched */
        return en;
    }
    ename_fill(f, en, local, prefix, uri);
    return en;
}

static void unknown_starttag(feed_t *f, const ename *en, attrkv *a, int *nap, int cap)
{
    const char *tag = en->tag;
    int na = *nap;
    f->depth++;
    /* xml:base */
    const char *b = attr_get(a, na, "xml:base");
    if (!b)
        b = attr_get(a, na, "base");
    char *nb = NULL;
    char fixed[URL_MAX];
    if (b && *b) {
        b = fix_slashes(b, fixed, sizeof fixed);
        if (f->baseuri && *f->baseuri->s) {
            char *r = url_resolve(f->baseuri->s, b);
            if (r && safe_scheme(r))
                nb = r;
            else
                free(r);
        } else {
            nb = xstrdup(b);
        }
    }
    if (nb) {
        rs_set(&f->baseuri, nb);
        free(nb);
    }
    /* xml:lang */
    const char *l = attr_get(a, na, "xml:lang");
    if (!l)
        l = attr_get(a, na, "lang");
    if (l && !*l) {
        rs_set(&f->lang, NULL);
    } else if (l) {
        rs_set(&f->lang, l);
    }
    if (f->lang && (STREQ(tag, "feed") || STREQ(tag, "rss"))) {
        char *x = xstrdup(f->lang->s);
        for (char *p = x; *p; p++)
            if (*p == '_')
                *p = '-';
        fv_sets(f->feed, "language", x);
        free(x);
    }
    if (f->nx < MAX_ELEMS) {
        f->xs[f->nx].base = rs_ref(f->baseuri);
        f->xs[f->nx].lang = rs_ref(f->lang);
        f->nx++;
    }
    /* inline content */
    if (f->incontent && f->cp.set && f->cp.type && !ends_with(f->cp.type, "xml")) {
        if (STREQ(tag, "xhtml:div") || STREQ(tag, "div"))
            return;
        replace(&f->cp.type, "application/xhtml+xml");
    }
    if (f->incontent && is_xhtml(f)) {
        const char *t = tag;
        const char *colon = strchr(tag, ':');
        if (colon) {
            char pre[64];
            snprintf(pre, sizeof pre, "%.*s", (int)(colon - tag), tag);
            t = colon + 1;
            const char *nsu = ns_uri_of_prefix(f, pre);
            if (((STREQ(t, "math") && STREQ(nsu, "http://www.w3.org/1998/Math/MathML")) ||
                 (STREQ(t, "svg") && STREQ(nsu, "http://www.w3.org/2000/svg"))) && na < cap) {
                a[na].k = sc_dup(f, "xmlns", 5);
                a[na].v = sc_dup(f, nsu, strlen(nsu));
                na++;
                *nap = na;
            }
        }
        if (STREQ(t, "svg"))
            f->svgok++;
        buf_t tb;
        buf_init(&tb, FEED_MAX_TEXT);
        buf_putc(&tb, '<');
        buf_puts(&tb, t);
        strattrs(&tb, a, na);
        buf_putc(&tb, '>');
        add_piece(f, tb.data, tb.len, true);
        buf_free(&tb);
        return;
    }
    if ((f->intextinput || f->inimage) && !en->prefixed) {
        if (!STREQ(tag, "title") && !STREQ(tag, "link") && !STREQ(tag, "description") && !STREQ(tag, "name"))
            f->intextinput = false;
        if (!STREQ(tag, "title") && !STREQ(tag, "link") && !STREQ(tag, "description") && !STREQ(tag, "url") &&
            !STREQ(tag, "href") && !STREQ(tag, "width") && !STREQ(tag, "height"))
            f->inimage = false;
    }
    if (!start_handler(f, en->h, en->name, a, na))
        start_generic(f, en->name, a, na);
}

static void unknown_endtag(feed_t *f, const ename *en)
{
    const char *tag = en->tag;
    if (f->svgok && STREQ(en->suffix, "svg"))
        f->svgok--;
    if (f->svgok || !end_handler(f, en->h, en->name))
        free(pop(f, en->name));
    bool inline_end = true;
    if (f->incontent && f->cp.set && f->cp.type && !ends_with(f->cp.type, "xml")) {
        if (STREQ(tag, "xhtml:div") || STREQ(tag, "div"))
            inline_end = false;
        else
            replace(&f->cp.type, "application/xhtml+xml");
    }
    if (inline_end && f->incontent && is_xhtml(f)) {
        const char *t = strrchr(tag, ':');
        t = t ? t + 1 : tag;
        buf_t tb;
        buf_init(&tb, 0);
        buf_printf(&tb, "</%s>", t);
        add_piece(f, tb.data, tb.len, true);
        buf_free(&tb);
    }
    if (f->nx > 0) {
        f->nx--;
        rs_drop(f->xs[f->nx].base);
        rs_drop(f->xs[f->nx].lang);
        if (f->nx > 0) {
            if (f->xs[f->nx - 1].base)
                rs_assign(&f->baseuri, f->xs[f->nx - 1].base);
            rs_assign(&f->lang, f->xs[f->nx - 1].lang);
        }
    }
    f->depth--;
}

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                      int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                      const xmlChar **attributes)
{
    feed_t *f = ((xmlParserCtxtPtr)ctx)->_private;
    ((xmlParserCtxtPtr)ctx)->wellFormed = 1; /* see sax_chars */
    if (++f->xdepth > MAX_DEPTH) { /* deeper elements are skipped whole */
        set_bozo(f, "elements are nested deeper than 256 levels; the deeper ones were skipped");
        return;
    }
    for (int i = 0; i < nb_namespaces; i++)
        track_namespace(f, (const char *)namespaces[2 * i], (const char *)namespaces[2 * i + 1]);
    const ename *en = ename_of(f, localname, prefix, URI);
    attrkv a[MAX_ATTRS + 2];
    int na = 0;
    sc_reset(&f->sc);
    if (URI && (localname[0] == 'm' || localname[0] == 's') &&
        ((!strcmp((const char *)localname, "math") && !strcmp((const char *)URI, "http://www.w3.org/1998/Math/MathML")) ||
         (!strcmp((const char *)localname, "svg") && !strcmp((const char *)URI, "http://www.w3.org/2000/svg")))) {
        a[na].k = sc_dup(f, "xmlns", 5);
        a[na].v = sc_dup(f, (const char *)URI, strlen((const char *)URI));
        na++;
    }
    for (int i = 0; i < nb_attributes && na < MAX_ATTRS; i++) {
        const xmlChar **at = attributes + 5 * i;
        char key[256];
        const char *canon = known_prefix_cached(f, at[2]);
        const char *kp = canon && *canon ? canon : (const char *)at[1];
        size_t kk = 0;
        key[0] = '\0';
        if (kp) {
            cat_lower(key, sizeof key, &kk, kp);
            cat_lower(key, sizeof key, &kk, ":");
        }
        cat_lower(key, sizeof key, &kk, (const char *)at[0]);
        size_t vl = (size_t)(at[4] - at[3]);
        char *v = sc_dup(f, (const char *)at[3], vl);
        if (STREQ(key, "rel") || STREQ(key, "type"))
            str_lower(v);
        int j;
        for (j = 0; j < na; j++)
            if (STREQ(a[j].k, key))
                break;
        if (j < na) {
            a[j].v = v;
        } else {
            a[na].k = sc_dup(f, key, kk);
            a[na].v = v;
            na++;
        }
    }
    unknown_starttag(f, en, a, &na, MAX_ATTRS + 2); /* may append xmlns */
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    feed_t *f = ((xmlParserCtxtPtr)ctx)->_private;
    ((xmlParserCtxtPtr)ctx)->wellFormed = 1; /* see sax_chars */
    if (f->xdepth-- > MAX_DEPTH)
        return;
    unknown_endtag(f, ename_of(f, localname, prefix, URI));
}

static void sax_chars(void *ctx, const xmlChar *ch, int len)
{
    feed_t *f = ((xmlParserCtxtPtr)ctx)->_private;
    /* After any error libxml2 drops every later entity reference (&amp;,
     * &lt;...) of a document it recovers. The feed is bozo already; its
     * text should still read as written, as feedparser's does. */
    ((xmlParserCtxtPtr)ctx)->wellFormed = 1;
    if (f->xdepth > MAX_DEPTH)
        return;
    handle_data(f, (const char *)ch, (size_t)len, true);
}

static void sax_error(void *user, xmlErrorPtr err)
{
    feed_t *f = user ? ((xmlParserCtxtPtr)user)->_private : NULL;
    if (!f)
        return;
    if (!err || err->level < XML_ERR_ERROR)
        return;
    /* a skipped external DTD module referenced in the internal subset */
    if (err->code == XML_WAR_UNDECLARED_ENTITY || (err->message && strstr(err->message, "PEReference")))
        return;
    char msg[300];
    snprintf(msg, sizeof msg, "line %d: %s", err->line, err->message ? err->message : "not well-formed");
    set_bozo(f, msg);
}

/* Entities: the document's own internal ones, then HTML's named entities
 * (which make the document bozo); external entities are never loaded. */
static xmlEntityPtr sax_get_entity(void *ctx, const xmlChar *name)
{
    xmlParserCtxtPtr c = ctx;
    feed_t *f = c->_private;
    xmlEntityPtr e = xmlSAX2GetEntity(ctx, name);
    if (e) {
        if (e->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY || e->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
            e->etype == XML_EXTERNAL_PARAMETER_ENTITY)
            return NULL;
        return e;
    }
    if (!c->myDoc)
        return NULL;
    char u[8];
    const char *text = feed_html_entity((const char *)name, u);
    char kept[128];
    if (!text) {
        /* an entity nobody defined stays in the text as written ("AT&T;"),
         * as feedparser keeps it; a bounded number of names, for a document
         * made of nothing else */
        if (f->unknown_entities >= 1000 || strlen((const char *)name) > 100)
            return NULL;
        f->unknown_entities++;
        snprintf(kept, sizeof kept, "&#38;%s;", (const char *)name);
        text = kept;
    }
    char msg[96];
    snprintf(msg, sizeof msg, "undefined entity &%.40s;", (const char *)name);
    set_bozo(f, msg);
    if (!c->myDoc->intSubset)
        xmlCreateIntSubset(c->myDoc, BAD_CAST "feed", NULL, NULL);
    return xmlAddDocEntity(c->myDoc, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL, BAD_CAST text);
}

/* Only internal entities are declared: an external one (SYSTEM or PUBLIC)
 * is never registered, so it can never be loaded; using it is an error. */
static void sax_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                            const xmlChar *systemId, xmlChar *content)
{
    xmlParserCtxtPtr c = ctx;
    if (type == XML_EXTERNAL_PARAMETER_ENTITY) /* DTD modules: skipped, as feedparser does */
        return;
    if (type != XML_INTERNAL_GENERAL_ENTITY && type != XML_INTERNAL_PARAMETER_ENTITY) {
        feed_t *f = c->_private;
        char msg[96];
        snprintf(msg, sizeof msg, "external entity %.40s ignored", (const char *)name);
        set_bozo(f, msg);
        return;
    }
    xmlSAX2EntityDecl(ctx, name, type, publicId, systemId, content);
}

/* ---- the stream --------------------------------------------------------------- */

static void sniff_encoding(feed_t *f, const char *d, size_t n, const char **force)
{
    const unsigned char *u = (const unsigned char *)d;
    *force = NULL;
    snprintf(f->encoding, sizeof f->encoding, "utf-8");
    if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
        return;
    /* a byte-order mark names the byte order too, as feedparser reports it */
    if (n >= 4 && ((u[0] == 0 && u[1] == 0 && u[2] == 0xfe && u[3] == 0xff) || (u[0] == 0xff && u[1] == 0xfe && u[2] == 0 && u[3] == 0))) {
        snprintf(f->encoding, sizeof f->encoding, u[0] ? "utf-32le" : "utf-32be");
        return;
    }
    if (n >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe))) {
        snprintf(f->encoding, sizeof f->encoding, u[0] == 0xff ? "utf-16le" : "utf-16be");
        return;
    }
    if (n >= 4 && u[0] == 0 && u[1] == '<') {
        snprintf(f->encoding, sizeof f->encoding, "utf-16be");
        return;
    }
    if (n >= 4 && u[0] == '<' && u[1] == 0) {
        snprintf(f->encoding, sizeof f->encoding, "utf-16le");
        return;
    }
    char decl[64] = "";
    if (n > 5 && !memcmp(d, "<?xml", 5)) {
        const char *end = memmem(d, n, "?>", 2);
        const char *e = end ? memmem(d, (size_t)(end - d), "encoding", 8) : NULL;
        if (e) {
            e += 8;
            while (e < end && (str_isspace(*e) || *e == '='))
                e++;
            if (e < end && (*e == '"' || *e == '\'')) {
                char q = *e++;
                const char *s = e;
                while (e < end && *e != q)
                    e++;
                snprintf(decl, sizeof decl, "%.*s", (int)(e - s), s);
            }
        }
    }
    char http[64] = "";
    if (f->content_type) {
        const char *cs = str_icasestr(f->content_type, strlen(f->content_type), "charset=");
        if (cs) {
            cs += 8;
            size_t k = 0;
            while (cs[k] && cs[k] != ';' && !str_isspace(cs[k]) && k < 60)
                k++;
            snprintf(http, sizeof http, "%.*s", (int)k, cs);
            if (http[0] == '"') {
                memmove(http, http + 1, strlen(http));
                char *q = strchr(http, '"');
                if (q)
                    *q = '\0';
            }
        }
    }
    const char *want = http[0] ? http : decl;
    if (!want[0] || !str_casecmp(want, "utf-8") || !str_casecmp(want, "utf8")) {
        /* said (or taken) to be UTF-8: when the first bytes are not, read
         * the document as windows-1252, the usual culprit */
        size_t k = n;
        while (k > 0 && n - k < 3 && (u[k - 1] & 0xc0) == 0x80)
            k--;
        if (k > 0 && u[k - 1] >= 0xc0)
            k--;
        if (f->repair) {
            /* mtrack's own reading: UTF-8 whatever its damage, unless the
             * bytes look single-byte (utf8_likely), each damaged character
             * one U+FFFD (libxml2 would switch to Latin-1 at the first) */
            if (utf8_valid(d, k) || utf8_likely(d, k)) {
                if (!utf8_valid(d, k))
                    set_bozo(f, "document is not valid UTF-8; damaged characters replaced");
                f->fix_utf8 = true;
                return;
            }
        }
        if (!utf8_valid(d, k)) {
            set_bozo(f, "document is not valid UTF-8; read as windows-1252");
            snprintf(f->encoding, sizeof f->encoding, "windows-1252");
            snprintf(f->force_enc, sizeof f->force_enc, "windows-1252");
            *force = f->force_enc;
        }
        return;
    }
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(want);
    if (!h) {
        char msg[128];
        snprintf(msg, sizeof msg, "unknown character encoding %.60s; read as utf-8", want);
        set_bozo(f, msg);
        *force = "UTF-8";
        return;
    }
    xmlCharEncCloseFunc(h);
    snprintf(f->encoding, sizeof f->encoding, "%s", want);
    str_lower(f->encoding);
    if (STREQ(f->encoding, "utf8"))
        snprintf(f->encoding, sizeof f->encoding, "utf-8");
    if (http[0]) {
        snprintf(f->force_enc, sizeof f->force_enc, "%s", http);
        *force = f->force_enc;
    }
}

static xmlSAXHandler sax;

static void sax_fill(void)
{
    xmlSAXVersion(&sax, 2);
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_chars;
    sax.cdataBlock = sax_chars;
    sax.ignorableWhitespace = sax_chars;
    sax.getEntity = sax_get_entity;
    sax.entityDecl = sax_entity_decl;
    sax.unparsedEntityDecl = NULL;
    sax.comment = NULL;
    sax.processingInstruction = NULL;
    sax.reference = NULL;
    sax.externalSubset = NULL;
    sax.resolveEntity = NULL;
    sax.serror = sax_error;
    sax.error = NULL;
    sax.warning = NULL;
    sax.fatalError = NULL;
}

static int start_xml(feed_t *f, const char *d, size_t n)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sax_fill);
    /* feedparser reads a Netscape DOCTYPE as RSS 0.91 (Netscape) */
    const char *dt = str_icasestr(d, n < 4096 ? n : 4096, "<!DOCTYPE");
    if (dt) {
        const char *e = memchr(dt, '>', n - (size_t)(dt - d));
        if (e && str_icasestr(dt, (size_t)(e - dt), "netscape"))
            snprintf(f->version, sizeof f->version, "rss091n");
    }
    const char *force = NULL;
    sniff_encoding(f, d, n, &force);
    /* the '&' filter reads bytes as ASCII: not for encodings where '&' and
     * '<' bytes can be parts of other characters */
    static const char *const WIDE[] = {"16", "32", "2022", "utf-7", "ucs", "ebcdic", "cp037", "cp500", NULL};
    f->amp_fix = true;
    for (int i = 0; WIDE[i]; i++)
        if (str_icasestr(f->encoding, strlen(f->encoding), WIDE[i]))
            f->amp_fix = false;
    f->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    if (!f->ctxt)
        return -1;
    f->ctxt->_private = f;
    f->ctxt->sax->serror = sax_error;
    xmlCtxtUseOptions(f->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOENT |
                                   (force ? XML_PARSE_IGNORE_ENC : 0));
    if (force) {
        xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(force);
        if (h)
            xmlSwitchToEncoding(f->ctxt, h);
    }
    return 0;
}

static void xml_chunks(feed_t *f, const char *d, size_t n, bool last)
{
    while (n > 0) {
        /* libxml2's push parser is quickest fed 16-64 KiB at a time
         * (it re-scans its input buffer for the end of each construct) */
        size_t k = n > (64u << 10) ? (64u << 10) : n;
        xmlParseChunk(f->ctxt, d, (int)k, 0);
        d += k;
        n -= k;
    }
    if (last) {
        /* the elements still open when the bytes ran out: at the end
         * libxml2 (recovering) closes them itself, so a feed cut after an
         * end tag would look whole */
        f->open_at_end = f->xdepth;
        f->bozo_early = f->bozo;
        f->truncated = f->xdepth > 0; /* so the entries it closes are known cut */
        xmlParseChunk(f->ctxt, NULL, 0, 1);
    }
}

enum { X_TEXT, X_CDATA, X_COMMENT };

/* Whether the '&' at p (avail bytes from it) starts a character or entity
 * reference ("&#38;", "&#x26;", "&name;"): 1 yes, 0 no, -1 when the bytes
 * end before it can tell (more is to come unless last). */
static int is_reference(const char *p, size_t avail, bool last)
{
    size_t max = avail < AMP_LOOK ? avail : AMP_LOOK;
    int undecided = !last && avail < AMP_LOOK ? -1 : 0;
    size_t i = 1;
    if (i >= max)
        return undecided;
    if (p[i] == '#') {
        i++;
        bool hex = i < max && (p[i] == 'x' || p[i] == 'X');
        if (hex)
            i++;
        size_t d0 = i;
        while (i < max && (str_isdigit(p[i]) || (hex && str_isalpha(p[i]) && str_tolower(p[i]) <= 'f')))
            i++;
        if (i >= max)
            return undecided;
        return i > d0 && p[i] == ';';
    }
    unsigned char c = (unsigned char)p[i];
    if (!(str_isalpha(c) || c == '_' || c == ':' || c >= 0x80))
        return 0;
    for (i++; i < max; i++) {
        c = (unsigned char)p[i];
        if (c == ';')
            return 1;
        if (!(str_isalnum(c) || c == '_' || c == ':' || c == '.' || c == '-' || c >= 0x80))
            return 0;
    }
    return undecided;
}

/* The first e (el bytes) in p[0..n): memchr on its first byte, which is
 * rare in the text of a section, is quicker than memmem here. */
static const char *find_end(const char *p, size_t n, const char *e, size_t el)
{
    const char *end = p + n;
    while ((size_t)(end - p) >= el) {
        const char *q = memchr(p, e[0], (size_t)(end - p) - (el - 1));
        if (!q)
            return NULL;
        if (!memcmp(q, e, el))
            return q;
        p = q + 1;
    }
    return NULL;
}

/* Feeds the document to libxml2. Feeds in the wild write '&' bare ("Q&A",
 * "?a=1&b=2"); libxml2, recovering, drops it and the name after it, where
 * feedparser keeps the text. So in text and attribute values (not in CDATA
 * sections or comments) a '&' that starts no
 * reference is passed on as "&amp;" and the feed is flagged bozo. A '&' or
 * '<' too near the end of a chunk to be told apart waits, with what follows
 * it, for the next chunk (a few bytes, now and then). */
static void push_xml(feed_t *f, const char *d, size_t n, bool last)
{
    if (!f->ctxt)
        return;
    if (!f->amp_fix) {
        xml_chunks(f, d, n, last);
        return;
    }
    const char *s = d ? d : "";
    size_t len = n;
    if (f->ncarry) { /* the held-back bytes go first */
        buf_t *b = &f->join;
        b->len = 0;
        if (buf_append(b, f->carry, f->ncarry) < 0 || buf_append(b, s, n) < 0) {
            set_bozo(f, "out of memory");
            return;
        }
        s = b->data;
        len = b->len;
        f->ncarry = 0;
    }
    static const char *const END[] = {NULL, "]]>", "-->"};
    const char *amp = NULL; /* the next '&' at or after i, once looked for */
    bool amp_known = false;
    buf_t *fixed = NULL; /* the chunk with its bare '&'s escaped, when it has any */
    size_t i = 0, from = 0, keep = len;
    while (i < len) {
        if (f->xstate != X_TEXT) {
            const char *e = END[f->xstate];
            size_t el = strlen(e);
            const char *hit = find_end(s + i, len - i, e, el);
            if (!hit) { /* the end marker may straddle the chunks */
                if (!last && len - i >= el)
                    keep = len - (el - 1);
                else if (!last)
                    keep = i;
                break;
            }
            i = (size_t)(hit - s) + el;
            f->xstate = X_TEXT;
            amp_known = false; /* a '&' found before was inside the section */
            continue;
        }
        if (!amp_known || (amp && (size_t)(amp - s) < i)) {
            amp = memchr(s + i, '&', len - i);
            amp_known = true;
        }
        size_t end = amp ? (size_t)(amp - s) : len;
        /* sections open with "<!": looked for by the '!', which is rare in
         * text where '<' starts every tag */
        const char *bang = memchr(s + i, '!', end - i);
        if (bang) {
            size_t k = (size_t)(bang - s);
            if (k == 0 || s[k - 1] != '<') {
                i = k + 1;
                continue;
            }
            const char *lt = s + k - 1;
            size_t left = len - (k - 1);
            if (!last && ((left < 9 && !memcmp(lt, "<![CDATA[", left)) || (left < 4 && !memcmp(lt, "<!--", left)))) {
                keep = k - 1;
                break;
            }
            if (left >= 9 && !memcmp(lt, "<![CDATA[", 9))
                f->xstate = X_CDATA, i = k + 8;
            else if (left >= 4 && !memcmp(lt, "<!--", 4))
                f->xstate = X_COMMENT, i = k + 3;
            else
                i = k + 1;
            continue;
        }
        if (!amp)
            break;
        size_t k = (size_t)(amp - s);
        int ref = is_reference(amp, len - k, last);
        if (ref < 0) {
            keep = k;
            break;
        }
        if (!ref) { /* the text so far and "&amp;" are gathered, then handed over once */
            if (!fixed) {
                fixed = &f->fixed;
                fixed->len = 0;
            }
            if (buf_append(fixed, s + from, k - from) < 0 || buf_append(fixed, "&amp;", 5) < 0) {
                set_bozo(f, "out of memory");
                return;
            }
            from = k + 1;
            set_bozo(f, "a & that starts no entity or character reference was read as text");
        }
        i = k + 1;
    }
    if (!last && keep == len && len && s[len - 1] == '<')
        keep = len - 1; /* it may open a section: it waits for its '!' */
    if (fixed) {
        if (buf_append(fixed, s + from, keep - from) < 0) {
            set_bozo(f, "out of memory");
            return;
        }
        xml_chunks(f, fixed->data, fixed->len, last);
    } else {
        xml_chunks(f, s + from, keep - from, last);
    }
    f->ncarry = len - keep; /* at most AMP_LOOK - 1 */
    memcpy(f->carry, s + keep, f->ncarry);
}

feed_t *feed_stream_new(const char *base_url, const char *content_type, feed_entry_fn on_entry, void *user)
{
    feed_t *f = xcalloc(1, sizeof *f);
    f->feed = fv_new(FV_OBJ);
    f->entries = fv_new(FV_ARR);
    f->sourcedata = fv_new(FV_OBJ);
    f->on_entry = on_entry;
    f->user = user;
    f->title_depth = -1;
    f->base0 = base_url ? xstrdup(base_url) : NULL;
    f->baseuri = rs_new(base_url);
    f->content_type = content_type ? xstrdup(content_type) : NULL;
    snprintf(f->encoding, sizeof f->encoding, "utf-8");
    buf_init(&f->head, JSON_MAX);
    buf_init(&f->join, 0);
    buf_init(&f->fixed, 0);
    return f;
}

/* push_xml, through the UTF-8 repair in repair mode: bytes valid UTF-8
 * (utf8_repair), a character cut by the chunk's end held back for the
 * next chunk. */
static void push_in(feed_t *f, const char *d, size_t n, bool last)
{
    if (!f->fix_utf8 || (!f->nucarry && (!d || utf8_valid(d, n)))) {
        push_xml(f, d, n, last);
        return;
    }
    buf_t b;
    buf_init(&b, 0);
    buf_append(&b, f->ucarry, f->nucarry);
    buf_append(&b, d ? d : "", d ? n : 0);
    f->nucarry = 0;
    size_t len = b.len, keep = 0;
    if (!last) {
        const unsigned char *u = (const unsigned char *)b.data;
        size_t k = len, cont = 0;
        while (k > 0 && cont < 3 && (u[k - 1] & 0xC0) == 0x80)
            k--, cont++;
        if (k > 0 && u[k - 1] >= 0xC0) {
            size_t want = u[k - 1] >= 0xF0 ? 4 : u[k - 1] >= 0xE0 ? 3 : 2;
            if (cont + 1 < want)
                keep = len - (k - 1);
        }
    }
    memcpy(f->ucarry, b.data + len - keep, keep);
    f->nucarry = keep;
    size_t rn;
    char *r = utf8_repair(b.data ? b.data : "", len - keep, &rn);
    buf_free(&b);
    push_xml(f, r, rn, last);
    free(r);
}

static void begin(feed_t *f, bool last)
{
    const char *d = f->head.data ? f->head.data : "";
    size_t n = f->head.len, i = 0;
    if (n >= 3 && !memcmp(d, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < n && str_isspace(d[i]))
        i++;
    f->started = true;
    if (i < n && (d[i] == '{' || d[i] == '[')) {
        f->json = true;
        return;
    }
    if (start_xml(f, d, n) < 0) {
        set_bozo(f, "out of memory");
        return;
    }
    push_in(f, d, n, last);
    buf_free(&f->head);
}

int feed_stream_push(feed_t *f, const char *data, size_t len)
{
    if (f->ended)
        return -1;
    if (!f->started || f->json) {
        if (buf_append(&f->head, data, len) < 0) {
            set_bozo(f, "document is larger than the 64 MiB limit for JSON feeds");
            return -1;
        }
        if (!f->started && f->head.len >= SNIFF_BYTES)
            begin(f, false);
        return 0;
    }
    push_in(f, data, len, false);
    return 0;
}

static void json_entry(void *user, fv *entry)
{
    feed_t *f = user;
    f->entry = entry;
    f->inentry = true;
    end_entry(f);
}

void feed_stream_end(feed_t *f)
{
    if (f->ended)
        return;
    if (!f->started)
        begin(f, true);
    else if (!f->json)
        push_in(f, NULL, 0, true);
    if (f->json) {
        const char *ver = "";
        char why[200];
        if (f->repair && f->head.data && !utf8_valid(f->head.data, f->head.len)) {
            /* JSON is UTF-8: damaged characters replaced, not the feed refused */
            size_t rn;
            char *r = utf8_repair(f->head.data, f->head.len, &rn);
            f->head.len = 0;
            buf_append(&f->head, r, rn);
            free(r);
        }
        if (feed_json_parse(f->head.data ? f->head.data : "", f->head.len, f->base0, f->feed, json_entry, f, &ver,
                            why, sizeof why) < 0)
            set_bozo(f, why);
        snprintf(f->version, sizeof f->version, "%s", ver);
        buf_free(&f->head);
    } else {
        /* set before the unclosed entry is handed over, so that its
         * receiver can tell it was cut short */
        f->truncated = f->xdepth > 0 || f->open_at_end > 0;
        if (f->entry) /* an entry that never closed */
            end_entry(f);
        if (f->ctxt && f->ctxt->encoding && STREQ(f->encoding, "utf-8")) {
            snprintf(f->encoding, sizeof f->encoding, "%s", (const char *)f->ctxt->encoding);
            str_lower(f->encoding);
        }
        if (!f->version[0] && !f->bozo && f->nentries == 0 && !f->feed->n)
            set_bozo(f, "document is not a feed");
        if (f->ctxt) {
            if (f->ctxt->myDoc)
                xmlFreeDoc(f->ctxt->myDoc);
            f->ctxt->myDoc = NULL;
            xmlFreeParserCtxt(f->ctxt);
            f->ctxt = NULL;
        }
    }
    f->ended = true;
}

/* ---- public API --------------------------------------------------------------- */

bool feed_sniff(const char *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096, i = 0;
    if (n >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < n && str_isspace(data[i]))
        i++;
    if (i < n && data[i] == '{')
        return str_icasestr(data + i, n - i, "jsonfeed.org") != NULL;
    /* the first element that is not a PI, comment or DOCTYPE */
    while (i < n) {
        const char *lt = memchr(data + i, '<', n - i);
        if (!lt)
            return false;
        i = (size_t)(lt - data) + 1;
        if (i < n && (data[i] == '?' || data[i] == '!'))
            continue;
        const char *p = data + i;
        size_t left = n - i;
        const char *colon = NULL;
        size_t k = 0;
        while (k < left && (str_isalnum(p[k]) || p[k] == ':' || p[k] == '-' || p[k] == '_')) {
            if (p[k] == ':')
                colon = p + k;
            k++;
        }
        const char *local = colon ? colon + 1 : p;
        size_t ll = (size_t)(p + k - local);
        return (ll == 3 && !str_ncasecmp(local, "rss", 3)) || (ll == 4 && !str_ncasecmp(local, "feed", 4)) ||
               (ll == 3 && !str_ncasecmp(local, "RDF", 3)) || (ll == 7 && !str_ncasecmp(local, "channel", 7));
    }
    return false;
}

void feed_stream_repair_utf8(feed_t *f)
{
    f->repair = true;
}

feed_t *feed_parse(const char *data, size_t len, const char *base_url, const char *content_type)
{
    feed_t *f = feed_stream_new(base_url, content_type, NULL, NULL);
    feed_stream_push(f, data, len);
    feed_stream_end(f);
    return f;
}

bool feed_bozo(const feed_t *f) { return f->bozo; }
bool feed_truncated(const feed_t *f) { return f->truncated; }
bool feed_broken_before_end(const feed_t *f) { return f->bozo_early; }
const char *feed_bozo_reason(const feed_t *f) { return f->bozo ? (f->bozo_reason ? f->bozo_reason : "not well-formed") : NULL; }
const char *feed_version(const feed_t *f) { return f->version; }
const char *feed_encoding(const feed_t *f) { return f->encoding; }
const char *feed_title(const feed_t *f) { return fv_gets(f->feed, "title"); }
const char *feed_link(const feed_t *f) { return fv_gets(f->feed, "link"); }
size_t feed_count(const feed_t *f) { return f->entries ? f->entries->n : 0; }

void feed_entry_view(const feed_entry *en, feed_item_view *out)
{
    const fv *e = (const fv *)en;
    memset(out, 0, sizeof *out);
    if (!e)
        return;
    out->title = fv_gets(e, "title");
    out->link = fv_gets(e, "link");
    out->id = fv_gets(e, "id");
    out->published = fv_gets(e, "published_parsed");
    if (!out->published)
        out->published = fv_gets(e, "updated_parsed");
    out->author = fv_gets(e, "author");
    out->summary = fv_gets(e, "summary");
    fv *c = fv_get(e, "content");
    if (c && c->t == FV_ARR && c->head)
        out->content = fv_gets(c->head, "value");
}

void feed_item(const feed_t *f, size_t i, feed_item_view *out)
{
    feed_entry_view((const feed_entry *)fv_at(f->entries, i), out);
}

void feed_entry_write_json(const feed_entry *e, jw_t *w)
{
    fv_write((const fv *)e, w);
}

void feed_write_json(const feed_t *f, jw_t *w, bool with_entries)
{
    jw_kbool(w, "bozo", f->bozo);
    if (f->bozo)
        jw_kstr(w, "bozo_exception", feed_bozo_reason(f));
    jw_kstr(w, "version", f->version);
    jw_kstr(w, "encoding", f->encoding);
    jw_key(w, "feed");
    fv_write(f->feed, w);
    if (with_entries) {
        jw_key(w, "entries");
        fv_write(f->entries, w);
    }
}

void feed_free(feed_t *f)
{
    if (!f)
        return;
    if (f->ctxt) {
        if (f->ctxt->myDoc)
            xmlFreeDoc(f->ctxt->myDoc);
        xmlFreeParserCtxt(f->ctxt);
    }
    fv_free(f->feed);
    fv_free(f->entries);
    fv_free(f->entry);
    fv_free(f->sourcedata);
    for (int i = 0; i < MAX_ELEMS; i++)
        elem_free(&f->es[i]);
    for (int i = 0; i < f->nx; i++) {
        rs_drop(f->xs[i].base);
        rs_drop(f->xs[i].lang);
    }
    for (int i = 0; i < f->nns; i++) {
        free(f->ns[i].prefix);
        free(f->ns[i].canon);
        free(f->ns[i].uri);
    }
    cp_clear(f);
    buf_free(&f->join);
    buf_free(&f->fixed);
    sc_free(&f->sc);
    free(f->names);
    fv_pool_trim();
    buf_free(&f->head);
    free(f->bozo_reason);
    free(f->base0);
    rs_drop(f->baseuri);
    rs_drop(f->lang);
    free(f->content_type);
    free(f);
}
