/* extract: an article's main text and metadata out of an HTML page. */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract_doc.h"
#include "extract_meta.h"
#include "extract_text.h"
#include "util/str.h"

/* Below this many bytes of text the strict pass is retried leniently. */
#define SHORT_TEXT 250

/* 1 when the bytes look like a binary file rather than markup: a NUL or
 * more than 5% control bytes in the first KiB, or no '<' at all. */
static int looks_binary(const char *s, size_t len)
{
    size_t n = len < 1024 ? len : 1024, ctl = 0;
    int lt = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '<')
            lt = 1;
        if (ch == 0)
            ctl += n; /* a NUL: binary (or BOM-less UTF-16) */
        else if (ch < 32 && !str_isspace(ch))
            ctl++;
    }
    if (len >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                     ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
        return 0; /* UTF-16 byte-order mark */
    return !lt || ctl * 20 > n;
}

static size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int extract_article(const char *html, size_t len, const char *url, const char *ct,
                    article_t *out)
{
    memset(out, 0, sizeof *out);
    if (!html || len == 0)
        return -1;
    if (len > EXTRACT_MAX_INPUT)
        len = EXTRACT_MAX_INPUT;
    if (looks_binary(html, len))
        return -1;
    htmlDocPtr doc = extract_doc_parse(html, len, ct);
    if (!doc)
        return -1;
    char *ld_body = NULL;
    extract_meta(doc, url, out, &ld_body);
    out->url = url && *url ? xstrdup(url) : NULL;
    out->text = extract_text_main(doc, out->title, 0);
    xmlFreeDoc(doc);
    if (strlen(out->text) < SHORT_TEXT && (doc = extract_doc_parse(html, len, ct))) {
        char *again = extract_text_main(doc, out->title, EXTRACT_TEXT_LENIENT);
        xmlFreeDoc(doc);
        if (strlen(again) > strlen(out->text)) {
            free(out->text);
            out->text = again;
        } else {
            free(again);
        }
    }
    /* A page whose markup hides the body (scripts fill it in) may still
     * carry it in its JSON-LD. */
    if (ld_body) {
        char *ld = strchr(ld_body, '<') ? html_to_text(ld_body, strlen(ld_body)) : str_trim(ld_body);
        if (text_chars(ld) > 2 * text_chars(out->text) + 200) {
            free(out->text);
            out->text = ld == ld_body ? xstrdup(ld) : ld;
        } else if (ld != ld_body) {
            free(ld);
        }
        free(ld_body);
    }
    return 0;
}

void article_free(article_t *a)
{
    if (!a)
        return;
    free(a->url);
    free(a->canonical_url);
    free(a->title);
    free(a->author);
    free(a->published);
    free(a->site_name);
    free(a->lang);
    free(a->description);
    free(a->image);
    free(a->text);
    memset(a, 0, sizeof *a);
}

char *html_to_text(const char *html, size_t len)
{
    if (!html || len == 0)
        return xstrdup("");
    htmlDocPtr doc = extract_doc_parse_fragment(html, len);
    if (!doc)
        return xstrdup("");
    char *t = extract_text_main(doc, NULL, EXTRACT_TEXT_ALL);
    xmlFreeDoc(doc);
    return t;
}

/* 1 when s holds something html_to_text would change: a tag or an entity. */
static int has_markup(const char *s)
{
    for (const char *p = s; (p = strpbrk(p, "<&")); p++) {
        if (*p == '<' && (str_isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!'))
            return 1;
        if (*p == '&' && (str_isalpha((unsigned char)p[1]) || p[1] == '#'))
            return 1;
    }
    return 0;
}

char *text_title(const char *s)
{
    if (!s)
        return NULL;
    char *t = xstrdup(s);
    for (int round = 0; round < 3 && has_markup(t); round++) {
        char *u = html_to_text(t, strlen(t));
        int same = strcmp(u, t) == 0;
        free(t);
        t = u;
        if (same)
            break;
    }
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    str_squeeze(t);
    return t;
}

int extract_parse_only(const char *html, size_t len, const char *ct)
{
    if (!html || len == 0 || looks_binary(html, len > EXTRACT_MAX_INPUT ? EXTRACT_MAX_INPUT : len))
        return -1;
    htmlDocPtr doc = extract_doc_parse(html, len, ct);
    if (!doc)
        return -1;
    xmlFreeDoc(doc);
    return 0;
}

/* The end of a paragraph-separated text with its last paragraph left out
 * when that one is a feed's credit line ("The post X appeared first on
 * Y.", "X first appeared on Y.", "This entry was posted in ..."). */
static size_t without_credit(const char *text, size_t n)
{
    const char *last = text;
    for (const char *p = text; p + 1 < text + n; p++)
        if (p[0] == '\n' && p[1] == '\n')
            last = p + 2;
    if (last == text)
        return n;
    size_t ln = (size_t)(text + n - last);
    char *para = xstrndup(last, ln);
    int credit = (str_istarts(para, "the post ") && strstr(para, " appeared first on ")) ||
                 strstr(para, " first appeared on ") || str_istarts(para, "this entry was posted in ");
    free(para);
    if (!credit)
        return n;
    size_t k = (size_t)(last - text);
    while (k && (text[k - 1] == '\n' || text[k - 1] == ' '))
        k--;
    return k;
}

static int ends_with_ci(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && str_ncasecmp(s + n - k, suffix, k) == 0;
}

int extract_is_teaser(const char *text)
{
    if (!text)
        return 1;
    size_t n = strlen(text);
    if (text_chars(text) < EXTRACT_TEASER_SHORT)
        return 1;
    n = without_credit(text, n);
    for (;;) { /* trailing space, '>' and '\xC2\xBB' ("Read more >>") */
        if (n && (str_isspace((unsigned char)text[n - 1]) || text[n - 1] == '>'))
            n--;
        else if (n >= 2 && (unsigned char)text[n - 2] == 0xC2 && (unsigned char)text[n - 1] == 0xBB)
            n -= 2;
        else
            break;
    }
    if (n > EXTRACT_TEASER_MAX)
        return 0;
    static const char *const ends[] = {
        "...", "\xE2\x80\xA6", "[...]", "[\xE2\x80\xA6]", "(more...)", "(more\xE2\x80\xA6)",
        "read more", "read more.", "continue reading", "continue reading.", "read the full story",
        "read the full article", "read full article", "read full story", "more \xE2\x86\x92",
        "continue reading \xE2\x86\x92", "read more \xE2\x86\x92",
    };
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        if (ends_with_ci(text, n, ends[i]))
            return 1;
    return 0;
}

/* 1 when the n bytes at p start with the lower-case tag t, in any case. */
static int tag_at(const char *p, size_t n, const char *t)
{
    size_t l = strlen(t);
    return n >= l && str_ncasecmp(p, t, l) == 0;
}

int extract_looks_html(const char *data, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    int head = 0, title = 0;
    /* only at each '<' (a text without one is read at memchr's speed) */
    for (const char *p = memchr(data, '<', n); p;) {
        size_t left = (size_t)(data + n - p);
        if (tag_at(p, left, "<html") || tag_at(p, left, "<!doctype html") || tag_at(p, left, "<body") ||
            tag_at(p, left, "<article"))
            return 1;
        head |= tag_at(p, left, "<head");
        title |= tag_at(p, left, "<title");
        p = left > 1 ? memchr(p + 1, '<', left - 1) : NULL;
    }
    return head && title;
}
