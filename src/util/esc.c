/* esc: escaping text for HTML, CSV and Markdown output. */
#include "esc.h"

#include <string.h>

#include "util/str.h"
#include "util/url.h"

void esc_html(buf_t *b, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_putc(b, *p);
        }
    }
}

void esc_csv(buf_t *b, const char *s)
{
    if (!s)
        return;
    int risky = *s == '=' || *s == '+' || *s == '-' || *s == '@';
    if (!risky && !strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    if (risky)
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

void esc_md(buf_t *b, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            buf_putc(b, ' ');
            continue;
        }
        if (strchr("\\`*_[]<>#|", *p))
            buf_putc(b, '\\');
        buf_putc(b, *p);
    }
}

void esc_url_attr(buf_t *b, const char *url)
{
    if (!url_public(url)) {
        buf_putc(b, '#');
        return;
    }
    esc_html(b, url);
}
