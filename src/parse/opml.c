/* opml: reading and writing OPML subscription lists. */
#include "opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

typedef struct walk {
    opml_outline *o;
    size_t n, cap;
    int too_many, too_deep; /* a cap was passed: the list is refused, not cut */
} walk;

static char *prop(xmlNodePtr node, const char *name)
{
    /* attribute names are matched without regard to case (xmlURL, xmlurl...) */
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        if (str_casecmp((const char *)a->name, name))
            continue;
        xmlChar *v = xmlNodeListGetString(node->doc, a->children, 1);
        if (!v)
            return NULL;
        char *s = xstrdup((const char *)v);
        xmlFree(v);
        str_trim(s);
        if (!*s) {
            free(s);
            return NULL;
        }
        return s;
    }
    return NULL;
}

static void visit(walk *w, xmlNodePtr parent, const char *folder, int depth)
{
    if (depth > OPML_MAX_DEPTH) {
        w->too_deep = 1;
        return;
    }
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || str_casecmp((const char *)c->name, "outline"))
            continue;
        char *title = prop(c, "title");
        if (!title)
            title = prop(c, "text");
        char *xml = prop(c, "xmlUrl");
        if (xml && w->n >= OPML_MAX_OUTLINES)
            w->too_many = 1;
        if (xml && !w->too_many) {
            if (w->n == w->cap) {
                w->cap = w->cap ? w->cap * 2 : 16;
                w->o = xrealloc(w->o, w->cap * sizeof *w->o);
            }
            opml_outline *o = &w->o[w->n++];
            o->title = title;
            o->xml_url = xml;
            o->html_url = prop(c, "htmlUrl");
            o->category = folder ? xstrdup(folder) : prop(c, "category");
            title = NULL;
            xml = NULL;
        }
        visit(w, c, title ? title : folder, depth + 1);
        free(title);
        free(xml);
    }
}

int opml_parse(const char *data, size_t len, opml_outline **out, size_t *n, char *why, size_t whylen)
{
    *out = NULL;
    *n = 0;
    if (len > OPML_MAX_BYTES || len > (size_t)INT32_MAX) {
        snprintf(why, whylen, "document is larger than the 16 MiB limit");
        return -1;
    }
    xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL,
                                  XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        snprintf(why, whylen, "not XML");
        return -1;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || str_casecmp((const char *)root->name, "opml")) {
        xmlFreeDoc(doc);
        snprintf(why, whylen, "not OPML (the root element is not <opml>)");
        return -1;
    }
    walk w = {0};
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !str_casecmp((const char *)c->name, "body"))
            visit(&w, c, NULL, 0);
    xmlFreeDoc(doc);
    if (w.too_many || w.too_deep) {
        opml_free(w.o, w.n);
        if (w.too_many)
            snprintf(why, whylen, "the list holds more than %d feeds; nothing was read", OPML_MAX_OUTLINES);
        else
            snprintf(why, whylen, "folders are nested deeper than %d levels; nothing was read", OPML_MAX_DEPTH);
        return -1;
    }
    *out = w.o;
    *n = w.n;
    return 0;
}

void opml_free(opml_outline *o, size_t n)
{
    if (!o)
        return;
    for (size_t i = 0; i < n; i++) {
        free(o[i].title);
        free(o[i].xml_url);
        free(o[i].html_url);
        free(o[i].category);
    }
    free(o);
}

static int attr(buf_t *b, const char *name, const char *v)
{
    if (!v)
        return 0;
    int rc = buf_printf(b, " %s=\"", name);
    for (const char *p = v; *p && rc == 0; p++) {
        switch (*p) {
        case '&': rc = buf_puts(b, "&amp;"); break;
        case '<': rc = buf_puts(b, "&lt;"); break;
        case '>': rc = buf_puts(b, "&gt;"); break;
        case '"': rc = buf_puts(b, "&quot;"); break;
        case '\n': rc = buf_puts(b, "&#10;"); break;
        case '\t': rc = buf_puts(b, "&#9;"); break;
        case '\r': break;
        default:
            /* control characters are not allowed in XML 1.0 */
            rc = ((unsigned char)*p < 0x20) ? 0 : buf_putc(b, *p);
        }
    }
    return rc ? rc : buf_putc(b, '"');
}

static int feed_line(buf_t *b, const opml_outline *o, const char *indent)
{
    int rc = buf_printf(b, "%s<outline type=\"rss\"", indent);
    const char *t = o->title ? o->title : o->xml_url;
    rc |= attr(b, "text", t);
    rc |= attr(b, "title", t);
    rc |= attr(b, "xmlUrl", o->xml_url);
    rc |= attr(b, "htmlUrl", o->html_url);
    rc |= buf_puts(b, "/>\n");
    return rc ? -1 : 0;
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int opml_write(const opml_outline *o, size_t n, const char *title, buf_t *out)
{
    int rc = buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>");
    for (const char *p = title ? title : "mtrack sources"; *p && rc == 0; p++)
        rc = *p == '&' ? buf_puts(out, "&amp;") : *p == '<' ? buf_puts(out, "&lt;") : *p == '>' ? buf_puts(out, "&gt;")
           : ((unsigned char)*p < 0x20 ? 0 : buf_putc(out, *p));
    rc |= buf_puts(out, "</title>\n  </head>\n  <body>\n");
    /* feeds without a category first, then one folder per category */
    for (size_t i = 0; i < n && rc == 0; i++)
        if (o[i].xml_url && !o[i].category)
            rc = feed_line(out, &o[i], "    ");
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!o[i].xml_url || !o[i].category)
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = o[j].xml_url && same(o[j].category, o[i].category);
        if (seen)
            continue;
        rc |= buf_puts(out, "    <outline");
        rc |= attr(out, "text", o[i].category);
        rc |= attr(out, "title", o[i].category);
        rc |= buf_puts(out, ">\n");
        for (size_t j = i; j < n && rc == 0; j++)
            if (o[j].xml_url && same(o[j].category, o[i].category))
                rc = feed_line(out, &o[j], "      ");
        rc |= buf_puts(out, "    </outline>\n");
    }
    rc |= buf_puts(out, "  </body>\n</opml>\n");
    return rc ? -1 : 0;
}
