/* url: RFC 3986 reference resolution (relative URLs made absolute). */
#include "url.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "str.h"

/* The five parts of a URI reference; each is a (pointer, length) slice of
 * the source string, with has_* telling an empty part from a missing one. */
typedef struct uparts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_n, auth_n, path_n, query_n, frag_n;
    bool has_scheme, has_auth, has_query, has_frag;
} uparts;

static size_t scheme_len(const char *s, size_t n)
{
    if (n == 0 || !str_isalpha(s[0]))
        return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (c == ':')
            return i;
        if (!(str_isalnum(c) || c == '+' || c == '-' || c == '.'))
            return 0;
    }
    return 0;
}

bool url_has_scheme(const char *s)
{
    return s && scheme_len(s, strlen(s)) > 0;
}

bool url_public(const char *url)
{
    if (!url)
        return false;
    const char *p;
    if (str_istarts(url, "http://"))
        p = url + 7;
    else if (str_istarts(url, "https://"))
        p = url + 8;
    else
        return false;
    /* a host: something before the path, query or fragment */
    if (!*p || *p == '/' || *p == '?' || *p == '#')
        return false;
    for (; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f)
            return false;
    return true;
}

const char *url_out(const char *url)
{
    return url_public(url) ? url : NULL;
}

const char *url_doc_out(const char *canonical_url, const char *url)
{
    return url_public(canonical_url) ? canonical_url : url_out(url);
}

static void split(const char *s, size_t n, uparts *u)
{
    memset(u, 0, sizeof *u);
    size_t i = 0, sl = scheme_len(s, n);
    if (sl) {
        u->has_scheme = true;
        u->scheme = s;
        u->scheme_n = sl;
        i = sl + 1;
    }
    if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        i += 2;
        size_t st = i;
        while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#')
            i++;
        u->has_auth = true;
        u->auth = s + st;
        u->auth_n = i - st;
    }
    size_t st = i;
    while (i < n && s[i] != '?' && s[i] != '#')
        i++;
    u->path = s + st;
    u->path_n = i - st;
    if (i < n && s[i] == '?') {
        st = ++i;
        while (i < n && s[i] != '#')
            i++;
        u->has_query = true;
        u->query = s + st;
        u->query_n = i - st;
    }
    if (i < n && s[i] == '#') {
        u->has_frag = true;
        u->frag = s + i + 1;
        u->frag_n = n - i - 1;
    }
}

/* RFC 3986 5.2.4: removes "." and ".." segments from in (n bytes) into out. */
static void remove_dots(const char *in, size_t n, buf_t *out)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < n) {
        const char *p = in + i;
        size_t left = n - i;
        if (left >= 3 && !memcmp(p, "../", 3)) { i += 3; continue; }
        if (left >= 2 && !memcmp(p, "./", 2)) { i += 2; continue; }
        if (left >= 3 && !memcmp(p, "/./", 3)) { i += 2; continue; }
        if (left == 2 && !memcmp(p, "/.", 2)) { buf_putc(out, '/'); break; }
        if ((left >= 4 && !memcmp(p, "/../", 4)) || (left == 3 && !memcmp(p, "/..", 3))) {
            /* drop the last segment written */
            while (out->len > start && out->data[out->len - 1] != '/')
                out->len--;
            if (out->len > start)
                out->len--;
            if (out->data)
                out->data[out->len] = '\0';
            if (left == 3) { buf_putc(out, '/'); break; }
            i += 3;
            continue;
        }
        if ((left == 1 && p[0] == '.') || (left == 2 && !memcmp(p, "..", 2)))
            break;
        /* move the first segment (with its leading slash) to out */
        size_t j = (p[0] == '/') ? 1 : 0;
        while (j < left && p[j] != '/')
            j++;
        buf_append(out, p, j);
        i += j;
    }
}

static char *trimmed(const char *s, size_t *n)
{
    while (*s && str_isspace(*s))
        s++;
    size_t l = strlen(s);
    while (l && str_isspace(s[l - 1]))
        l--;
    *n = l;
    return (char *)s;
}

char *url_resolve(const char *base, const char *ref)
{
    if (!ref)
        return NULL;
    size_t rn, bn = 0;
    const char *r = trimmed(ref, &rn);
    const char *b = base ? trimmed(base, &bn) : NULL;
    if (rn > URL_MAX || bn > URL_MAX)
        return NULL;
    uparts R, B;
    split(r, rn, &R);
    if (!R.has_scheme && (!b || bn == 0))
        return xstrndup(r, rn);
    if (b)
        split(b, bn, &B);
    else
        memset(&B, 0, sizeof B);
    buf_t o;
    buf_init(&o, URL_MAX * 3);
    const char *sc;
    size_t scn;
    const char *au = NULL;
    size_t aun = 0;
    bool hau;
    const char *q = NULL;
    size_t qn = 0;
    bool hq;
    buf_t path;
    buf_init(&path, URL_MAX * 3);
    if (R.has_scheme) {
        sc = R.scheme, scn = R.scheme_n;
        hau = R.has_auth, au = R.auth, aun = R.auth_n;
        remove_dots(R.path, R.path_n, &path);
        hq = R.has_query, q = R.query, qn = R.query_n;
    } else {
        sc = B.scheme, scn = B.scheme_n;
        if (R.has_auth) {
            hau = true, au = R.auth, aun = R.auth_n;
            remove_dots(R.path, R.path_n, &path);
            hq = R.has_query, q = R.query, qn = R.query_n;
        } else {
            hau = B.has_auth, au = B.auth, aun = B.auth_n;
            if (R.path_n == 0) {
                buf_append(&path, B.path, B.path_n);
                if (R.has_query)
                    hq = true, q = R.query, qn = R.query_n;
                else
                    hq = B.has_query, q = B.query, qn = B.query_n;
            } else {
                if (R.path[0] == '/') {
                    remove_dots(R.path, R.path_n, &path);
                } else {
                    buf_t m;
                    buf_init(&m, URL_MAX * 3);
                    if (B.has_auth && B.path_n == 0) {
                        buf_putc(&m, '/');
                    } else {
                        size_t k = B.path_n;
                        while (k && B.path[k - 1] != '/')
                            k--;
                        buf_append(&m, B.path, k);
                    }
                    buf_append(&m, R.path, R.path_n);
                    remove_dots(m.data ? m.data : "", m.len, &path);
                    buf_free(&m);
                }
                hq = R.has_query, q = R.query, qn = R.query_n;
            }
        }
    }
    if (scn) {
        buf_append(&o, sc, scn);
        buf_putc(&o, ':');
    }
    if (hau) {
        buf_puts(&o, "//");
        buf_append(&o, au, aun);
    }
    buf_append(&o, path.data ? path.data : "", path.len);
    if (hq) {
        buf_putc(&o, '?');
        buf_append(&o, q, qn);
    }
    if (R.has_frag) {
        buf_putc(&o, '#');
        buf_append(&o, R.frag, R.frag_n);
    }
    buf_free(&path);
    if (o.len > URL_MAX) {
        buf_free(&o);
        return NULL;
    }
    char *res = buf_detach(&o);
    return res;
}

char *url_norm_source(const char *url)
{
    char *u = xstrdup(url ? url : "");
    char *sep = strstr(u, "://");
    if (!sep)
        return u;
    for (char *p = u; p < sep; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p | 32);
    char *auth = sep + 3, *end = auth + strcspn(auth, "/?#");
    char *host = auth;
    for (char *p = auth; p < end; p++)
        if (*p == '@')
            host = p + 1; /* user:password@ keeps its case */
    for (char *p = host; p < end; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p | 32);
    return u;
}
