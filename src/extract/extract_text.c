/* extract_text: an HTML page's main text, found by scoring its blocks.
 *
 * The passes: (1) drop what is never text (scripts, forms' controls,
 * navigation, hidden blocks) and note each element's tag and class hints;
 * (2) count text and link text bottom-up; (3) drop blocks whose class or
 * id says boilerplate (comments, share bars, related stories...) unless
 * they hold much of the page; (4) give each paragraph-like block points
 * (length, commas) and pass them up to its ancestors, fading; (5) take the
 * best container, climb to an ancestor when that one holds clearly more
 * paragraph text just as dense (an article cut into chunks), add the
 * siblings that look like more of the same, and write out its blocks,
 * leaving out link lists, bylines, captions and furniture lines.
 * MTRACK_EXTRACT_DEBUG=1 in the environment prints the chosen container. */
#include "extract_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_doc.h"
#include "util/buf.h"
#include "util/str.h"

#define MAX_DEPTH 400
#define MAX_OUT ((size_t)4 << 20)
#define MAX_PARAS 20000

enum {
    T_DROP = 1, T_BLOCK = 2, T_PARA = 4, T_CONT = 8, T_LIST = 16, T_HEAD = 32, T_PRE = 64,
    T_BR = 128, T_LINK = 256, T_FIG = 512, T_LI = 1024, T_HEADER = 2048, T_TABLE = 4096,
    T_CELL = 8192,
};

struct tag {
    const char *name;
    unsigned flags;
    int base; /* starting score of a candidate */
};

/* Sorted by name for bsearch. */
static const struct tag tags[] = {
    {"a", T_LINK, 0},
    {"address", T_BLOCK, 0},
    {"applet", T_DROP, 0},
    {"article", T_BLOCK | T_CONT, 10},
    {"aside", T_DROP, 0},
    {"audio", T_DROP, 0},
    {"blockquote", T_BLOCK | T_PARA, 3},
    {"body", T_BLOCK | T_CONT, 0},
    {"br", T_BR, 0},
    {"button", T_DROP, 0},
    {"canvas", T_DROP, 0},
    {"caption", T_BLOCK, 0},
    {"center", T_BLOCK | T_CONT, 0},
    {"dd", T_BLOCK | T_PARA, 0},
    {"details", T_BLOCK, 0},
    {"dialog", T_DROP, 0},
    {"div", T_BLOCK | T_CONT, 5},
    {"dl", T_BLOCK | T_LIST, -3},
    {"dt", T_BLOCK | T_PARA, 0},
    {"embed", T_DROP, 0},
    {"fieldset", T_BLOCK, 0},
    {"figcaption", T_DROP, 0},
    {"figure", T_BLOCK | T_FIG, 0},
    {"footer", T_DROP, 0},
    {"form", T_BLOCK | T_CONT, -3},
    {"frame", T_DROP, 0},
    {"frameset", T_DROP, 0},
    {"h1", T_BLOCK | T_HEAD, -5},
    {"h2", T_BLOCK | T_HEAD, -5},
    {"h3", T_BLOCK | T_HEAD, -5},
    {"h4", T_BLOCK | T_HEAD, -5},
    {"h5", T_BLOCK | T_HEAD, -5},
    {"h6", T_BLOCK | T_HEAD, -5},
    {"header", T_BLOCK | T_HEADER, -3},
    {"hr", T_BLOCK, 0},
    {"iframe", T_DROP, 0},
    {"input", T_DROP, 0},
    {"li", T_BLOCK | T_PARA | T_LI, 0},
    {"link", T_DROP, 0},
    {"main", T_BLOCK | T_CONT, 5},
    {"map", T_DROP, 0},
    {"menu", T_DROP, 0},
    {"meta", T_DROP, 0},
    {"nav", T_DROP, 0},
    {"noscript", T_DROP, 0},
    {"object", T_DROP, 0},
    {"ol", T_BLOCK | T_LIST, -3},
    {"option", T_DROP, 0},
    {"p", T_BLOCK | T_PARA, 0},
    {"picture", T_DROP, 0},
    {"pre", T_BLOCK | T_PARA | T_PRE, 3},
    {"script", T_DROP, 0},
    {"section", T_BLOCK | T_CONT, 3},
    {"select", T_DROP, 0},
    {"source", T_DROP, 0},
    {"style", T_DROP, 0},
    {"summary", T_BLOCK, 0},
    {"svg", T_DROP, 0},
    {"table", T_BLOCK | T_TABLE, -1},
    {"tbody", T_BLOCK, 0},
    {"td", T_CELL | T_CONT, 3},
    {"template", T_DROP, 0},
    {"textarea", T_DROP, 0},
    {"tfoot", T_BLOCK, 0},
    {"th", T_CELL, -5},
    {"thead", T_BLOCK, 0},
    {"title", T_DROP, 0},
    {"tr", T_BLOCK, 0},
    {"ul", T_BLOCK | T_LIST, -3},
    {"video", T_DROP, 0},
};

static int tag_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const struct tag *)e)->name);
}

static const struct tag *tag_of(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->name)
        return NULL;
    return bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tag_cmp);
}

/* What the walks know about one element (xmlNode._private holds its
 * index + 1). */
struct ninfo {
    float score;
    int text;   /* bytes of collapsed text inside */
    int link;   /* of those, inside <a> */
    int inl;    /* text not inside a block child */
    int commas;
    int links;  /* <a> elements inside */
    int good;   /* text of the scored paragraphs inside */
    unsigned flags;
    short base;
    short weight; /* class and id hints */
    unsigned char neg; /* 0, HINT_WEAK, HINT_STRONG or HINT_ALWAYS */
    unsigned char pos; /* a hint says content too */
    unsigned char scored, keep;
};

enum { HINT_WEAK = 1, HINT_STRONG = 2, HINT_ALWAYS = 3 };

#define HINT_MEMO 256

/* A remembered class list and what it says. */
struct hint_memo {
    char key[160];
    unsigned char used, pos, neg;
};

struct ctx {
    struct hint_memo memo[HINT_MEMO];
    struct ninfo *v;
    size_t n, cap;
    int flags;
    buf_t para;    /* the paragraph being written */
    int para_head; /* heading level of it, 0 for text */
    int pre;
    struct para { char *s; int head; } *paras;
    size_t np, pcap;
    size_t out_bytes;
};

static struct ninfo *info(struct ctx *c, const xmlNode *n)
{
    uintptr_t i = (uintptr_t)n->_private;
    return i && i <= c->n ? &c->v[i - 1] : NULL;
}

/* --- class and id hints --- */

static const char *const strong_words[] = {
    "comment",     "disqus",     "related",      "share",         "sharing",
    "social",      "sidebar",    "newsletter",   "subscribe",     "cookie",
    "consent",     "gdpr",       "popup",        "modal",         "promo",
    "sponsor",     "advert",     "taboola",      "outbrain",      "recirc",
    "recommend",   "breadcrumb", "navbar",       "navigation",    "pagination",
    "pager",       "toolbar",    "footer",       "masthead",      "trending",
    "mostpopular", "most-popular", "mostread",   "most-read",     "caption",
    "screen-reader", "sr-only",  "visually-hidden", "visuallyhidden", "skip-link",
    "signup",      "sign-up",    "widget",       "banner",        "login",
    "more-stories", "morestories", "read-more",  "readmore",      "overlay",
    "nav-",        "-nav",       "menu",         "lightbox",      "carousel",
};
static const char *const strong_tokens[] = {"ad", "ads", "adsbygoogle", "dfp", "nav", "tags"};
static const char *const weak_words[] = {"header", "byline", "author", "dateline", "timestamp",
                                         "credit", "hidden", "subtitle", "rating", "kicker"};
static const char *const weak_tokens[] = {"meta", "extra", "aside", "bio", "date", "print", "tools"};
static const char *const pos_words[] = {"article", "content", "entry", "post", "story",
                                        "main", "body", "text", "blog", "prose", "hentry"};

/* 1 when a token of s (split on non-alphanumerics) equals word. */
static int has_token(const char *s, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = s; *p;) {
        while (*p && !str_isalnum(*p))
            p++;
        const char *q = p;
        while (*q && str_isalnum(*q))
            q++;
        if ((size_t)(q - p) == wl && memcmp(p, word, wl) == 0)
            return 1;
        p = q;
    }
    return 0;
}

/* The attributes the walks look at, read in one pass. */
struct attrs {
    const char *cls, *id, *role, *itemprop, *style;
    int hidden;
};

static const char *attr_value(const xmlAttr *a)
{
    return a->children && a->children->content ? (const char *)a->children->content : "";
}

static void read_attrs(const xmlNode *n, struct attrs *at)
{
    memset(at, 0, sizeof *at);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        if (!name)
            continue;
        if (strcmp(name, "class") == 0)
            at->cls = attr_value(a);
        else if (strcmp(name, "id") == 0)
            at->id = attr_value(a);
        else if (strcmp(name, "role") == 0)
            at->role = attr_value(a);
        else if (strcmp(name, "itemprop") == 0)
            at->itemprop = attr_value(a);
        else if (strcmp(name, "style") == 0)
            at->style = attr_value(a);
        else if (strcmp(name, "hidden") == 0)
            at->hidden = 1;
    }
}

/* Reads lower-case class and id words: *pos when they say content, *neg
 * the strength of what they say against it. */
static void classify(const char *s, int *pos_out, int *neg_out)
{
    int pos = 0, neg = 0;
    for (size_t i = 0; !pos && i < sizeof pos_words / sizeof pos_words[0]; i++)
        if (strstr(s, pos_words[i]))
            pos = 1;
    const char *c = strstr(s, "comment");
    if (c && !str_starts(c, "commentary"))
        neg = HINT_ALWAYS;
    /* An embedded post or quote inside the text is content. */
    int embed = strstr(s, "embed") || strstr(s, "tweet") || strstr(s, "quote");
    if (!neg && strstr(s, "caption"))
        neg = HINT_STRONG;
    for (size_t i = 1; !neg && !embed && i < sizeof strong_words / sizeof strong_words[0]; i++)
        if (strstr(s, strong_words[i]))
            neg = HINT_STRONG;
    for (size_t i = 0; !neg && i < sizeof strong_tokens / sizeof strong_tokens[0]; i++)
        if (has_token(s, strong_tokens[i]))
            neg = HINT_STRONG;
    for (size_t i = 0; !neg && i < sizeof weak_words / sizeof weak_words[0]; i++)
        if (strstr(s, weak_words[i]))
            neg = HINT_WEAK;
    for (size_t i = 0; !neg && i < sizeof weak_tokens / sizeof weak_tokens[0]; i++)
        if (has_token(s, weak_tokens[i]))
            neg = HINT_WEAK;
    *pos_out = pos;
    *neg_out = neg;
}

static void hints(struct ctx *c, const struct attrs *at, struct ninfo *ni)
{
    char s[300];
    const char *cls = at->cls, *id = at->id, *role = at->role, *ip = at->itemprop;
    if (ip && str_icasestr(ip, strlen(ip), "articleBody")) {
        ni->weight = 50;
        return;
    }
    if (role && (str_casecmp(role, "navigation") == 0 || str_casecmp(role, "complementary") == 0 ||
                 str_casecmp(role, "contentinfo") == 0 || str_casecmp(role, "banner") == 0 ||
                 str_casecmp(role, "dialog") == 0 || str_casecmp(role, "alertdialog") == 0 ||
                 str_casecmp(role, "menu") == 0 || str_casecmp(role, "menubar") == 0 ||
                 str_casecmp(role, "search") == 0)) {
        ni->neg = HINT_STRONG;
        ni->weight = -25;
        return;
    }
    if (!cls && !id)
        return;
    snprintf(s, sizeof s, "%s %s", cls ? cls : "", id ? id : "");
    str_lower(s);
    size_t len = strlen(s);
    /* Pages repeat the same class lists over and over: remember them. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    struct hint_memo *m = &c->memo[h % HINT_MEMO];
    int pos, neg;
    if (len < sizeof m->key && m->used && strcmp(m->key, s) == 0) {
        pos = m->pos, neg = m->neg;
    } else {
        classify(s, &pos, &neg);
        if (len < sizeof m->key) {
            memcpy(m->key, s, len + 1);
            m->used = 1, m->pos = (unsigned char)pos, m->neg = (unsigned char)neg;
        }
    }
    ni->neg = (unsigned char)neg;
    ni->pos = (unsigned char)pos;
    ni->weight = (short)((pos ? 25 : 0) - (neg ? 25 : 0));
}

static int hidden(const struct attrs *at)
{
    if (at->hidden)
        return 1;
    if (!at->style)
        return 0;
    char s[64];
    size_t k = 0;
    for (const char *p = at->style; *p && k + 1 < sizeof s; p++)
        if (!str_isspace(*p))
            s[k++] = (char)str_tolower(*p);
    s[k] = '\0';
    return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

static void drop(xmlNode *n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Pass 1: drops never-text elements, records tags and hints. */
static void prep(struct ctx *c, xmlNode *n, int depth)
{
    xmlNode *next;
    for (; n; n = next) {
        next = n->next;
        if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) {
            drop(n);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const struct tag *t = tag_of(n);
        struct attrs at;
        if (depth > MAX_DEPTH || (t && (t->flags & T_DROP))) {
            drop(n);
            continue;
        }
        read_attrs(n, &at);
        if (depth > 0 && hidden(&at)) {
            drop(n);
            continue;
        }
        if (c->n == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 1024;
            c->v = xrealloc(c->v, c->cap * sizeof *c->v);
        }
        struct ninfo *ni = &c->v[c->n++];
        memset(ni, 0, sizeof *ni);
        n->_private = (void *)(uintptr_t)c->n;
        ni->flags = t ? t->flags : 0;
        ni->base = (short)(t ? t->base : 0);
        if (!(c->flags & EXTRACT_TEXT_ALL))
            hints(c, &at, ni);
        prep(c, n->children, depth + 1);
    }
}

/* Collapsed length of s, and its commas. */
static int text_len(const char *s, int *commas)
{
    int n = 0, sp = 1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (str_isspace(*p)) {
            if (!sp)
                n++;
            sp = 1;
            continue;
        }
        sp = 0;
        n++;
        if (*p == ',' || (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
            (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81))
            (*commas)++;
    }
    return n;
}

/* Pass 2: text and link lengths, bottom-up. */
static void measure(struct ctx *c, xmlNode *n, int in_link, int *text, int *link, int *inl,
                    int *commas, int *links)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            int k = n->content ? text_len((const char *)n->content, commas) : 0;
            *text += k;
            *inl += k;
            if (in_link)
                *link += k;
            continue;
        }
        struct ninfo *ni = n->type == XML_ELEMENT_NODE ? info(c, n) : NULL;
        if (!ni)
            continue;
        ni->text = ni->link = ni->inl = ni->commas = ni->links = 0;
        measure(c, n->children, in_link || (ni->flags & T_LINK), &ni->text, &ni->link,
                &ni->inl, &ni->commas, &ni->links);
        *links += ni->links + ((ni->flags & T_LINK) != 0);
        *text += ni->text;
        *link += ni->link;
        *commas += ni->commas;
        if (!(ni->flags & (T_BLOCK | T_BR)))
            *inl += ni->text;
    }
}

static void measure_all(struct ctx *c, xmlNode *body)
{
    struct ninfo *b = info(c, body);
    if (!b)
        return;
    b->text = b->link = b->inl = b->commas = b->links = 0;
    measure(c, body->children, 0, &b->text, &b->link, &b->inl, &b->commas, &b->links);
}

static double link_density(const struct ninfo *ni)
{
    return ni->text > 0 ? (double)ni->link / ni->text : 0;
}

/* Pass 3: drops blocks that class/id hints call boilerplate. */
static void unhint(struct ctx *c, xmlNode *n, int body_text)
{
    xmlNode *next;
    for (; n; n = next) {
        next = n->next;
        struct ninfo *ni = n->type == XML_ELEMENT_NODE ? info(c, n) : NULL;
        if (!ni)
            continue;
        /* A cluster of links tucked inside running text (pop-up cards). */
        if (!(ni->flags & (T_BLOCK | T_LINK)) && ni->links >= 3 && ni->text < 1500 &&
            ni->link * 10 > ni->text * 8) {
            drop(n);
            continue;
        }
        int protect = extract_doc_is(n, "main") || extract_doc_is(n, "body") || ni->weight >= 50;
        int big = ni->text >= body_text * 0.4;
        if (!protect && ((ni->neg == HINT_ALWAYS && !(ni->pos && big)) ||
                         (ni->neg == HINT_STRONG && !ni->pos && !big))) {
            drop(n);
            continue;
        }
        unhint(c, n->children, body_text);
    }
}

/* Pass 4: points for paragraph-like blocks, passed up to ancestors. */
static void score(struct ctx *c, xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        struct ninfo *ni = n->type == XML_ELEMENT_NODE ? info(c, n) : NULL;
        if (!ni)
            continue;
        int para = (ni->flags & T_PARA) || ((ni->flags & T_CONT) && ni->inl >= 25 &&
                                            ni->inl * 2 >= ni->text);
        if (para && ni->text >= 25 && link_density(ni) < 0.5) {
            double pts = 1 + ni->commas + (ni->text / 100 < 3 ? ni->text / 100 : 3);
            int level = ni->text >= 40 && link_density(ni) < 0.3 ? 0 : 64;
            for (xmlNode *a = n->parent; a && level < 64; a = a->parent, level++) {
                struct ninfo *ai = a->type == XML_ELEMENT_NODE ? info(c, a) : NULL;
                if (ai)
                    ai->good += ni->text;
            }
            double fade = 1;
            xmlNode *a = n->parent;
            for (int level = 0; a && level < 4; level++, a = a->parent) {
                struct ninfo *ai = a->type == XML_ELEMENT_NODE ? info(c, a) : NULL;
                if (!ai)
                    break;
                if (!ai->scored) {
                    ai->scored = 1;
                    ai->score = (float)(ai->base + ai->weight);
                }
                ai->score += (float)(pts * fade);
                fade = level == 0 ? 0.5 : fade * 0.5;
            }
        }
        if (depth < MAX_DEPTH)
            score(c, n->children, depth + 1);
    }
}

static void best(struct ctx *c, xmlNode *n, xmlNode **top, double *top_score)
{
    for (; n; n = n->next) {
        struct ninfo *ni = n->type == XML_ELEMENT_NODE ? info(c, n) : NULL;
        if (!ni)
            continue;
        if (ni->scored) {
            double s = ni->score * (1 - link_density(ni));
            ni->score = (float)s;
            ni->scored = 2;
            if (s > *top_score) {
                *top_score = s;
                *top = n;
            }
        }
        best(c, n->children, top, top_score);
    }
}

/* --- writing the text out --- */

static void flush(struct ctx *c)
{
    if (c->para.len == 0) {
        c->para_head = 0;
        return;
    }
    char *s = str_trim(buf_detach(&c->para));
    buf_init(&c->para, MAX_OUT);
    if (!*s || c->np >= MAX_PARAS || c->out_bytes > MAX_OUT) {
        free(s);
        c->para_head = 0;
        return;
    }
    if (c->np == c->pcap) {
        c->pcap = c->pcap ? c->pcap * 2 : 64;
        c->paras = xrealloc(c->paras, c->pcap * sizeof *c->paras);
    }
    c->out_bytes += strlen(s) + 2;
    c->paras[c->np].s = s;
    c->paras[c->np++].head = c->para_head;
    c->para_head = 0;
}

static void put_text(struct ctx *c, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int space = str_isspace(*p) || (p[0] == 0xC2 && p[1] == 0xA0);
        if (space && p[0] == 0xC2)
            p++;
        if (c->pre && (*p == '\n' || !space)) {
            buf_putc(&c->para, *p);
            continue;
        }
        if (space) {
            if (c->para.len && c->para.data[c->para.len - 1] != ' ' &&
                c->para.data[c->para.len - 1] != '\n' && c->para.data[c->para.len - 1] != '\t')
                buf_putc(&c->para, ' ');
            continue;
        }
        buf_putc(&c->para, *p);
    }
}

/* 1 when a paragraph only points to another story: a label ("Also read:",
 * "READ MORE |", "Related:", "See also -") and then mostly a link, the way
 * outlets put their other headlines between the paragraphs (those headlines
 * tell other stories' figures, whatever their length), or the credit line
 * feeds end their entries with ("The post <a>X</a> appeared first on
 * <a>Y</a>."). */
static int pointer_para(const xmlNode *n, const struct ninfo *ni)
{
    static const char *const labels[] = {
        "also read", "read also", "read more", "read next", "related", "related article",
        "related articles", "related story", "related stories", "related news", "related reading",
        "related content", "see also", "also see", "more on this", "more on this story",
        "recommended", "recommended reading", "don't miss", "dont miss", "must read",
        "further reading", "editor's pick", "editor\xE2\x80\x99s pick", "don\xE2\x80\x99t miss",
        "suggested reading", "you may also like", "you might also like", "more from us", "previously",
    };
    if (!(ni->flags & T_PARA) || ni->text < 12 || ni->link * 2 < ni->text)
        return 0;
    char *t = extract_doc_text_dup(n, 400);
    /* a feed's credit line: "The post <a>Headline</a> appeared first on <a>Site</a>." */
    int hit = str_istarts(t, "the post ") && strstr(t, " appeared first on ");
    for (size_t i = 0; !hit && i < sizeof labels / sizeof labels[0]; i++) {
        size_t k = strlen(labels[i]);
        if (str_ncasecmp(t, labels[i], k) != 0)
            continue;
        const char *q = t + k;
        while (*q == ' ')
            q++;
        /* a separator: ':', '|', '-', '>', '\xC2\xBB', an en or em dash */
        hit = *q == ':' || *q == '|' || *q == '-' || *q == '>' || str_starts(q, "\xC2\xBB") ||
              str_starts(q, "\xE2\x80\x93") || str_starts(q, "\xE2\x80\x94");
    }
    free(t);
    return hit;
}

/* 1 when an element inside the chosen content is left out. */
static int skip_block(struct ctx *c, const xmlNode *n, const struct ninfo *ni)
{
    double ld = link_density(ni);
    if (pointer_para(n, ni))
        return 1; /* in a feed's content too */
    if (c->flags & EXTRACT_TEXT_ALL)
        return 0;
    if (ni->flags & T_FIG)
        return 1;
    if (ni->neg && (ld > 0.2 || ni->text < 250))
        return 1;
    if (ni->flags & T_HEADER)
        return ni->text < 400 || ld > 0.3;
    if ((ni->flags & (T_CONT | T_LIST | T_TABLE)) && ld > 0.5)
        return 1;
    if ((ni->flags & T_LIST) && ld > 0.35)
        return 1;
    if ((ni->flags & (T_PARA | T_HEAD)) && ld > 0.6 && ni->text < 400)
        return 1;
    return 0;
}

static void emit(struct ctx *c, const xmlNode *n, int depth)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text(c, (const char *)n->content);
            continue;
        }
        struct ninfo *ni = n->type == XML_ELEMENT_NODE ? info(c, n) : NULL;
        if (!ni || depth > MAX_DEPTH)
            continue;
        if (ni->flags & T_BR) {
            while (c->para.len && c->para.data[c->para.len - 1] == ' ')
                c->para.data[--c->para.len] = '\0';
            if (c->para.len && c->para.data[c->para.len - 1] == '\n')
                flush(c); /* <br><br>: a paragraph break */
            else if (c->para.len)
                buf_putc(&c->para, '\n');
            continue;
        }
        if ((ni->flags & T_BLOCK) && skip_block(c, n, ni))
            continue;
        if ((ni->flags & T_CELL) && c->para.len && c->para.data[c->para.len - 1] != '\n')
            buf_putc(&c->para, '\t'); /* cells of a row on one line */
        if (ni->flags & T_BLOCK)
            flush(c);
        int was_pre = c->pre;
        if (ni->flags & T_PRE)
            c->pre = 1;
        emit(c, n->children, depth + 1);
        c->pre = was_pre;
        if (ni->flags & T_HEAD)
            c->para_head = n->name[1] - '0';
        if (ni->flags & T_BLOCK)
            flush(c);
    }
}

static void emit_node(struct ctx *c, const xmlNode *n)
{
    struct ninfo *ni = info(c, n);
    flush(c);
    int was_pre = c->pre;
    if (ni && (ni->flags & T_PRE))
        c->pre = 1;
    emit(c, n->children, 0);
    c->pre = was_pre;
    if (ni && (ni->flags & T_HEAD))
        c->para_head = n->name[1] - '0';
    flush(c);
}

/* Short lines that are page furniture, not text (compared without case
 * and trailing punctuation): ad labels in a few languages, teasers'
 * headings, and datelines or reading times standing alone. */
static int furniture(const char *s)
{
    static const char *const lines[] = {
        "ad", "advert", "advertisement", "advertising", "sponsored", "sponsored content",
        "anzeige", "werbung", "publicidad", "publicidade", "publicité", "pubblicità", "iklan",
        "reklama", "\xD1\x80\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0",
        "this slideshow requires javascript", "image", "photo", "video", "more",
        "skip advertisement", "story continues below advertisement", "continue reading",
        "continue reading below", "read more", "share", "share this", "share this article",
        "share this story", "related", "related articles", "related stories", "related content",
        "you may also like", "you might also like", "don't miss", "recommended",
        "comments", "loading", "click here", "subscribe", "sign up", "print", "email",
    };
    static const char *const stamps[] = {"updated", "last updated", "posted", "published",
                                         "reading time", "tempo de leitura"};
    size_t n = strlen(s);
    if (n > 80)
        return 0;
    for (size_t i = 0; i < sizeof stamps / sizeof stamps[0]; i++)
        if (str_istarts(s, stamps[i]) && strpbrk(s, "0123456789"))
            return 1;
    if (n > 6 && (str_ends(s, " min read") || str_ends(s, " minute read")))
        return 1;
    while (n && (s[n - 1] == '.' || s[n - 1] == ':' || s[n - 1] == ' '))
        n--;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (strlen(lines[i]) == n && str_ncasecmp(s, lines[i], n) == 0)
            return 1;
    return 0;
}

static int same_text(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    char *x = xstrdup(a), *y = xstrdup(b);
    int r = str_casecmp(str_squeeze(x), str_squeeze(y)) == 0;
    free(x);
    free(y);
    return r;
}

static char *join(struct ctx *c, const char *title)
{
    buf_t out;
    buf_init(&out, MAX_OUT + 1024);
    /* The headline: an h1 (or the title's text) before the first paragraph. */
    size_t start = 0;
    while (start < c->np && c->paras[start].head &&
           (c->paras[start].head == 1 || same_text(c->paras[start].s, title)))
        start++;
    size_t end = c->np; /* trailing headings have nothing under them */
    while (end > start && c->paras[end - 1].head)
        end--;
    const char *prev = NULL;
    for (size_t i = start; i < end; i++) {
        const struct para *p = &c->paras[i];
        if (furniture(p->s) || (prev && strcmp(prev, p->s) == 0))
            continue;
        if (p->head && i + 1 < end && c->paras[i + 1].head && c->paras[i + 1].head <= p->head)
            continue;
        if (out.len)
            buf_puts(&out, "\n\n");
        buf_puts(&out, p->s);
        prev = p->s;
    }
    return buf_detach(&out);
}

static void ctx_free(struct ctx *c)
{
    for (size_t i = 0; i < c->np; i++)
        free(c->paras[i].s);
    free(c->paras);
    free(c->v);
    buf_free(&c->para);
}

/* Prints the chosen container and its ancestors on stderr. */
static void debug_top(struct ctx *c, const xmlNode *top, double score)
{
    fprintf(stderr, "top score %.1f:", score);
    for (const xmlNode *n = top; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const char *cl = extract_doc_attr(n, "class"), *id = extract_doc_attr(n, "id");
        struct ninfo *ni = info(c, n);
        fprintf(stderr, " < %s#%.30s.%.40s(%d/%d s%.1f)", n->name, id ? id : "", cl ? cl : "",
                ni ? ni->text : -1, ni ? ni->link : -1, ni && ni->scored ? ni->score : 0.0);
    }
    fputc('\n', stderr);
}

/* Does the sibling s of the top candidate belong to the article? */
static int sibling_fits(struct ctx *c, const xmlNode *s, double top_score)
{
    struct ninfo *si = info(c, s);
    if (!si)
        return 0;
    double threshold = top_score * 0.2 > 10 ? top_score * 0.2 : 10;
    if (si->scored == 2 && si->score >= threshold)
        return 1;
    if (extract_doc_is(s, "p") || ((si->flags & T_CONT) && si->inl * 2 >= si->text)) {
        double ld = link_density(si);
        if (si->text > 80 && ld < 0.25)
            return 1;
        if (si->text > 0 && si->text <= 80 && ld == 0) {
            char *t = extract_doc_text_dup(s, 200);
            size_t k = strlen(t);
            int ok = k && (t[k - 1] == '.' || t[k - 1] == '?' || t[k - 1] == '!');
            free(t);
            return ok;
        }
    }
    return 0;
}

char *extract_text_main(htmlDocPtr doc, const char *title, int flags)
{
    struct ctx c = {0};
    xmlNode *body = extract_doc_body(doc);
    if (!body)
        return xstrdup("");
    c.flags = flags;
    buf_init(&c.para, MAX_OUT);
    /* The body itself gets an info slot too. */
    xmlNode *save = body->next;
    body->next = NULL;
    prep(&c, body, 0);
    body->next = save;
    if (!info(&c, body)) {
        ctx_free(&c);
        return xstrdup("");
    }
    measure_all(&c, body);
    if (flags & EXTRACT_TEXT_ALL) {
        emit_node(&c, body);
        char *r = join(&c, NULL);
        ctx_free(&c);
        return r;
    }
    if (!(flags & EXTRACT_TEXT_LENIENT)) {
        unhint(&c, body->children, info(&c, body)->text);
        measure_all(&c, body);
    }
    score(&c, body->children, 0);
    xmlNode *top = NULL;
    double top_score = 0;
    best(&c, body, &top, &top_score);
    if (!top)
        top = body;
    if (getenv("MTRACK_EXTRACT_DEBUG"))
        debug_top(&c, top, top_score);
    /* An article cut into chunks (ads, pull quotes between them) leaves
     * the best chunk on top: climb while the parent holds clearly more of
     * the page's paragraphs without turning into a link list. */
    for (int climbed = 0; top != body && climbed < 8; climbed++) {
        struct ninfo *ti = info(&c, top);
        xmlNode *up = NULL, *p = top->parent;
        for (int level = 0; p && p != body && level < 3; level++, p = p->parent) {
            struct ninfo *pi = info(&c, p);
            if (!ti || !pi || link_density(pi) > 0.2)
                break;
            double dt = ti->text ? (double)ti->good / ti->text : 0;
            double dp = pi->text ? (double)pi->good / pi->text : 0;
            if (pi->good >= ti->good * 1.2 && dp >= 0.7 && dp >= dt * 0.9) {
                up = p;
                break;
            }
        }
        if (!up)
            break;
        struct ninfo *ui = info(&c, up);
        if (ui->scored == 2 && ui->score > top_score)
            top_score = ui->score;
        top = up;
    }
    xmlNode *parent = top->parent;
    if (top == body || !parent || parent->type != XML_ELEMENT_NODE) {
        emit_node(&c, top);
    } else {
        for (xmlNode *s = parent->children; s; s = s->next) {
            if (s->type == XML_TEXT_NODE && s->content) {
                continue;
            }
            if (s == top || (s->type == XML_ELEMENT_NODE && sibling_fits(&c, s, top_score))) {
                struct ninfo *si = info(&c, s);
                if (s != top && si && (si->flags & T_BLOCK) && skip_block(&c, s, si))
                    continue;
                emit_node(&c, s);
            }
        }
    }
    char *r = join(&c, title);
    ctx_free(&c);
    return r;
}
