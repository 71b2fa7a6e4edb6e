/* robots: a robots.txt parser (RFC 9309) for one user agent. */
#include "robots.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"

/* Caps that keep a hostile file cheap. */
#define ROBOTS_MAX_RULES 4096
#define ROBOTS_MAX_PATTERN 2048
#define ROBOTS_MAX_DELAY 3600.0

typedef struct rule {
    char *pattern;
    size_t specificity; /* pattern length: the longest match decides */
    bool allow;
    bool anchored;      /* ended with '$' */
} rule;

struct robots {
    rule *rules;
    size_t n, cap;
    double delay;
    bool deny_all;
};

typedef struct group_set {
    rule *rules;
    size_t n, cap;
    double delay;
    bool matched;       /* some group named this set's agent */
} group_set;

static void set_add(group_set *g, const char *value, size_t len, bool allow)
{
    if (g->n >= ROBOTS_MAX_RULES || len > ROBOTS_MAX_PATTERN)
        return;
    if (len == 0)
        return; /* "Disallow:" with nothing forbids nothing */
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 16;
        g->rules = xrealloc(g->rules, g->cap * sizeof *g->rules);
    }
    rule *r = &g->rules[g->n++];
    r->anchored = value[len - 1] == '$';
    r->pattern = xstrndup(value, r->anchored ? len - 1 : len);
    r->specificity = len;
    r->allow = allow;
}

static void set_free(group_set *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->rules[i].pattern);
    free(g->rules);
}

/* True when the user-agent line's value names agent: its product token
 * (up to a '/', space or end) compared without case. */
static bool names_agent(const char *v, size_t len, const char *agent)
{
    size_t n = 0;
    while (n < len && v[n] != '/' && !str_isspace((unsigned char)v[n]))
        n++;
    return n == strlen(agent) && str_ncasecmp(v, agent, n) == 0;
}

robots_t *robots_parse(const char *text, size_t len, const char *agent)
{
    if (len > ROBOTS_MAX_BYTES)
        len = ROBOTS_MAX_BYTES;
    group_set mine = {0}, star = {0};
    /* The groups the current run of rules belongs to. */
    bool cur_mine = false, cur_star = false, in_agents = false;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        size_t end = i;
        while (end < len && text[end] != '\n' && text[end] != '\r')
            end++;
        const char *line = text + i;
        size_t n = end - i;
        i = end + 1;
        const char *hash = memchr(line, '#', n);
        if (hash)
            n = (size_t)(hash - line);
        const char *colon = memchr(line, ':', n);
        if (!colon)
            continue;
        const char *k = line, *v = colon + 1;
        size_t kn = (size_t)(colon - line), vn = n - kn - 1;
        while (kn && str_isspace((unsigned char)k[0])) k++, kn--;
        while (kn && str_isspace((unsigned char)k[kn - 1])) kn--;
        while (vn && str_isspace((unsigned char)v[0])) v++, vn--;
        while (vn && str_isspace((unsigned char)v[vn - 1])) vn--;
        if (kn == 10 && str_ncasecmp(k, "user-agent", 10) == 0) {
            if (!in_agents) {
                cur_mine = cur_star = false;
                in_agents = true;
            }
            if (vn == 1 && v[0] == '*') {
                cur_star = true;
                star.matched = true;
            } else if (names_agent(v, vn, agent)) {
                cur_mine = true;
                mine.matched = true;
            }
            continue;
        }
        bool allow = kn == 5 && str_ncasecmp(k, "allow", 5) == 0;
        bool disallow = kn == 8 && str_ncasecmp(k, "disallow", 8) == 0;
        bool delay = kn == 11 && str_ncasecmp(k, "crawl-delay", 11) == 0;
        if (!allow && !disallow && !delay)
            continue; /* sitemap and unknown lines do not end a group */
        in_agents = false;
        if (delay) {
            char num[32];
            size_t m = vn < sizeof num - 1 ? vn : sizeof num - 1;
            memcpy(num, v, m);
            num[m] = '\0';
            char *e;
            double d = strtod(num, &e);
            if (e == num || !(d >= 0))
                continue;
            if (d > ROBOTS_MAX_DELAY)
                d = ROBOTS_MAX_DELAY;
            if (cur_mine)
                mine.delay = d;
            if (cur_star)
                star.delay = d;
            continue;
        }
        if (cur_mine)
            set_add(&mine, v, vn, allow);
        if (cur_star)
            set_add(&star, v, vn, allow);
    }
    robots_t *r = xcalloc(1, sizeof *r);
    group_set *use = mine.matched ? &mine : &star;
    group_set *other = mine.matched ? &star : &mine;
    r->rules = use->rules;
    r->n = use->n;
    r->cap = use->cap;
    r->delay = use->delay;
    set_free(other);
    return r;
}

robots_t *robots_deny_all(void)
{
    robots_t *r = xcalloc(1, sizeof *r);
    r->deny_all = true;
    return r;
}

/* True when pattern p (with '*' wildcards) matches a prefix of s, or all
 * of s when anchored. Iterative, backtracking only to the last '*'. */
static bool glob_match(const char *p, const char *s, bool anchored)
{
    const char *star_p = NULL, *star_s = NULL;
    for (;;) {
        if (*p == '\0') {
            if (!anchored || *s == '\0')
                return true;
        } else if (*p == '*') {
            while (*p == '*')
                p++;
            if (*p == '\0' && !anchored)
                return true;
            star_p = p;
            star_s = s;
            continue;
        } else if (*s && *p == *s) {
            p++;
            s++;
            continue;
        }
        if (!star_p || !*star_s)
            return false;
        p = star_p;
        s = ++star_s;
    }
}

bool robots_allowed(const robots_t *r, const char *path)
{
    if (!r || !path)
        return true;
    if (strcmp(path, "/robots.txt") == 0)
        return true;
    if (r->deny_all)
        return false;
    size_t best = 0;
    bool allow = true, any = false;
    for (size_t i = 0; i < r->n; i++) {
        const rule *ru = &r->rules[i];
        if (any && ru->specificity < best)
            continue;
        if (!glob_match(ru->pattern, path, ru->anchored))
            continue;
        if (!any || ru->specificity > best || ru->allow) {
            if (!any || ru->specificity > best)
                allow = ru->allow;
            else
                allow = allow || ru->allow;
            best = ru->specificity;
            any = true;
        }
    }
    return allow;
}

double robots_crawl_delay(const robots_t *r)
{
    return r ? r->delay : 0;
}

void robots_free(robots_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->rules[i].pattern);
    free(r->rules);
    free(r);
}
