/* tracker: a tracker's definition, read from a human-readable INI file. */
#include "tracker.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"
#include "util/str.h"
#include "util/url.h"

void str_list_split(str_list *l, const char *csv, int lower)
{
    const char *p = csv;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char *item = str_trim(xstrndup(p, n));
        if (*item) {
            if (lower)
                str_lower(item);
            l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
            l->v[l->n++] = item;
        } else {
            free(item);
        }
        p += n;
        if (*p == ',')
            p++;
    }
}

void str_list_free(str_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

typedef struct parse_state {
    tracker_def *t;
    char *why;
    size_t whylen;
    int failed;
    int line;       /* the line being read, for messages */
    int cont;       /* 1 while a continuation line of the last key is applied */
    char *section;  /* the current section's name, "" before the first */
    long source;    /* in a [source URL] section: its index in t->sources */
} parse_state;

/* A scalar field; a continuation line appends to it with a space. */
static void set(parse_state *ps, char **field, const char *value)
{
    if (ps->cont && *field) {
        size_t a = strlen(*field), b = strlen(value);
        *field = xrealloc(*field, a + b + 2);
        (*field)[a] = ' ';
        memcpy(*field + a + 1, value, b + 1);
        return;
    }
    free(*field);
    *field = xstrdup(value);
}

static int fail_at(parse_state *ps, const char *fmt, const char *arg)
{
    char msg[400];
    snprintf(msg, sizeof msg, fmt, arg);
    snprintf(ps->why, ps->whylen, "line %d: %s", ps->line, msg);
    ps->failed = 1;
    return 0;
}

/* The section's argument: "theme chips" -> "chips"; NULL when the section is
 * not of that kind, "" when it is but names nothing. */
static const char *section_arg(const char *section, const char *kind)
{
    size_t n = strlen(kind);
    if (strncmp(section, kind, n) != 0 || (section[n] != ' ' && section[n] != '\t' && section[n]))
        return NULL;
    const char *a = section + n;
    while (*a == ' ' || *a == '\t')
        a++;
    return a;
}

/* A new section starts: themes, sources and alerts exist from their header
 * on, so a [source URL] without keys is a source. */
static int on_section(parse_state *ps, const char *section)
{
    tracker_def *t = ps->t;
    const char *arg;
    if (strcmp(section, "tracker") == 0 || strcmp(section, "filter") == 0 ||
        strcmp(section, "narrative") == 0)
        return 1;
    if ((arg = section_arg(section, "theme"))) {
        if (!*arg)
            return fail_at(ps, "[%s] needs a name: [theme NAME]", section);
        if (tracker_theme_index(t, arg) >= 0)
            return fail_at(ps, "theme '%s' defined twice", arg);
        t->themes = xrealloc(t->themes, (t->n_themes + 1) * sizeof *t->themes);
        theme_def *th = &t->themes[t->n_themes++];
        memset(th, 0, sizeof *th);
        th->name = xstrdup(arg);
    } else if ((arg = section_arg(section, "source"))) {
        if (!*arg)
            return fail_at(ps, "[%s] needs a URL: [source URL]", section);
        /* what a source is fetched from and handed out as: the rule of
         * every link mtrack gives out (url_public) */
        if (!url_public(arg))
            return fail_at(ps, "[%s]: a source is an absolute http(s) URL", section);
        /* the same source again is the same source: its keys apply to it
         * (and it stays where it was first listed) */
        ps->source = -1;
        for (size_t i = 0; i < t->n_sources; i++)
            if (strcmp(t->sources[i].url, arg) == 0)
                ps->source = (long)i;
        if (ps->source >= 0)
            return 1;
        t->sources = xrealloc(t->sources, (t->n_sources + 1) * sizeof *t->sources);
        ps->source = (long)t->n_sources;
        source_def *so = &t->sources[t->n_sources++];
        memset(so, 0, sizeof *so);
        so->url = xstrdup(arg);
    } else if ((arg = section_arg(section, "alert"))) {
        if (!*arg)
            return fail_at(ps, "[%s] needs a name: [alert NAME]", section);
        for (size_t i = 0; i < t->n_alerts; i++)
            if (strcmp(t->alerts[i].name, arg) == 0)
                return fail_at(ps, "alert '%s' defined twice", arg);
        t->alerts = xrealloc(t->alerts, (t->n_alerts + 1) * sizeof *t->alerts);
        alert_def *al = &t->alerts[t->n_alerts++];
        memset(al, 0, sizeof *al);
        al->name = xstrdup(arg);
        al->min_usd = NAN;
    } else {
        return fail_at(ps, "unknown section [%s]", section);
    }
    return 1;
}

static int on_entry(parse_state *ps, const char *key, const char *value)
{
    tracker_def *t = ps->t;
    const char *section = ps->section;
    if (strcmp(section, "tracker") == 0) {
        if (strcmp(key, "name") == 0)
            set(ps, &t->name, value);
        else if (strcmp(key, "title") == 0)
            set(ps, &t->title, value);
        else if (strcmp(key, "category") == 0)
            set(ps, &t->category, value);
        else if (strcmp(key, "description") == 0)
            set(ps, &t->description, value);
        else
            return fail_at(ps, "unknown key '%s' in [tracker]", key);
    } else if (section_arg(section, "theme")) {
        theme_def *th = &t->themes[t->n_themes - 1];
        if (strcmp(key, "title") == 0)
            set(ps, &th->title, value);
        else if (strcmp(key, "types") == 0)
            str_list_split(&th->types, value, 1);
        else if (strcmp(key, "keywords") == 0)
            str_list_split(&th->keywords, value, 1);
        else if (strcmp(key, "orgs") == 0)
            str_list_split(&th->orgs, value, 0);
        else
            return fail_at(ps, "unknown key '%s' in a theme", key);
    } else if (section_arg(section, "source")) {
        source_def *so = &t->sources[ps->source];
        if (strcmp(key, "title") == 0)
            set(ps, &so->title, value);
        else if (strcmp(key, "kind") == 0)
            set(ps, &so->kind, value);
        else
            return fail_at(ps, "unknown key '%s' in a source", key);
    } else if (section_arg(section, "alert")) {
        alert_def *al = &t->alerts[t->n_alerts - 1];
        if (strcmp(key, "type") == 0)
            set(ps, &al->type, value);
        else if (strcmp(key, "theme") == 0)
            set(ps, &al->theme, value);
        else if (strcmp(key, "org") == 0)
            set(ps, &al->org, value);
        else if (strcmp(key, "deliver") == 0)
            set(ps, &al->deliver, value);
        else if (strcmp(key, "min_usd") == 0) {
            char *end;
            al->min_usd = strtod(value, &end);
            if (end == value || *end)
                return fail_at(ps, "min_usd '%s' is not a number", value);
        } else
            return fail_at(ps, "unknown key '%s' in an alert", key);
    } else if (strcmp(section, "filter") == 0) {
        if (strcmp(key, "include") == 0)
            str_list_split(&t->include, value, 1);
        else if (strcmp(key, "exclude") == 0)
            str_list_split(&t->exclude, value, 1);
        else if (strcmp(key, "exclude_outlets") == 0)
            str_list_split(&t->exclude_outlets, value, 1);
        else if (strcmp(key, "exclude_orgs") == 0)
            str_list_split(&t->exclude_orgs, value, 0);
        else
            return fail_at(ps, "unknown key '%s' in [filter]", key);
    } else if (strcmp(section, "narrative") == 0) {
        if (strcmp(key, "endpoint") == 0) {
            if (!str_istarts(value, "http://") && !str_istarts(value, "https://"))
                return fail_at(ps, "[narrative] endpoint '%s' is not an http(s) URL (the API's base, http://HOST:PORT/v1)", value);
            set(ps, &t->narr_endpoint, value);
        } else if (strcmp(key, "model") == 0) {
            set(ps, &t->narr_model, value);
        } else if (strcmp(key, "timeout") == 0) {
            char *end;
            long v = strtol(value, &end, 10);
            if (end == value || (*end && strcmp(end, "s") != 0) || v < 1 || v > 600)
                return fail_at(ps, "[narrative] timeout '%s' is not 1s to 600s", value);
            t->narr_timeout_s = v;
        } else
            return fail_at(ps, "unknown key '%s' in [narrative]", key);
    } else {
        return fail_at(ps, "key '%s' outside a section", key);
    }
    return 1;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Cuts an inline comment (';' after white space, as inih and Python's
 * configparser do) and trailing white space; returns the new end. */
static char *cut_comment(char *s)
{
    char *end = s + strlen(s);
    for (char *p = s; *p; p++)
        if (*p == ';' && p > s && is_blank(p[-1])) {
            end = p;
            break;
        }
    while (end > s && is_blank(end[-1]))
        end--;
    *end = '\0';
    return end;
}

/* The INI dialect of inih (which mtrack used before) without its fixed
 * buffers: no limit on the length of a line, a section name or a value.
 * Lines starting with ';' or '#' are comments, ';' after white space starts
 * an inline comment, "key = value" or "key: value", and an indented line
 * right after a key continues that key's value. */
static void parse_ini(parse_state *ps, const char *text)
{
    if ((unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
        text += 3;
    char *prev_key = NULL;
    const char *p = text;
    for (ps->line = 1; *p && !ps->failed; ps->line++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xstrndup(p, n);
        p += n + (nl ? 1 : 0);
        char *start = line;
        while (is_blank(*start))
            start++;
        if (*start == ';' || *start == '#') {
            /* a comment */
        } else if (prev_key && *start && start > line) {
            cut_comment(start);
            if (*start) {
                ps->cont = 1;
                on_entry(ps, prev_key, start);
                ps->cont = 0;
            }
        } else if (*start == '[') {
            char *end = cut_comment(start + 1);
            while (end > start + 1 && end[-1] != ']')
                end--;
            if (end == start + 1) {
                fail_at(ps, "%s", "a section header wants a closing ']'");
            } else {
                end[-1] = '\0';
                char *name = str_trim(start + 1);
                free(ps->section);
                ps->section = xstrdup(name);
                free(prev_key);
                prev_key = NULL;
                on_section(ps, ps->section);
            }
        } else if (*start) {
            char *eq = start + strcspn(start, "=:");
            if (!*eq) {
                fail_at(ps, "%s", "not a valid INI line (want 'key = value')");
            } else {
                *eq = '\0';
                char *key = str_trim(start);
                char *value = eq + 1;
                cut_comment(value);
                while (is_blank(*value))
                    value++;
                free(prev_key);
                prev_key = xstrdup(key);
                if (!*key)
                    fail_at(ps, "%s", "a key wants a name");
                else
                    on_entry(ps, key, value);
            }
        } else {
            /* a blank line ends a key's continuation lines */
            free(prev_key);
            prev_key = NULL;
        }
        free(line);
    }
    free(prev_key);
}

int tracker_parse(const char *text, tracker_def *t, char *why, size_t whylen)
{
    memset(t, 0, sizeof *t);
    parse_state ps = {t, why, whylen, 0, 0, 0, xstrdup(""), -1};
    parse_ini(&ps, text);
    free(ps.section);
    if (!ps.failed && (!t->name || !*t->name)) {
        snprintf(why, whylen, "[tracker] needs a name");
        ps.failed = 1;
    }
    if (!ps.failed && !t->title)
        t->title = xstrdup(t->name);
    if (!ps.failed && t->n_themes == 0) {
        snprintf(why, whylen, "a tracker needs at least one [theme NAME] section");
        ps.failed = 1;
    }
    for (size_t i = 0; !ps.failed && i < t->n_themes; i++)
        if (!t->themes[i].title)
            t->themes[i].title = xstrdup(t->themes[i].name);
    if (ps.failed) {
        tracker_free(t);
        return -1;
    }
    return 0;
}

void tracker_free(tracker_def *t)
{
    free(t->narr_endpoint);
    free(t->narr_model);
    free(t->name);
    free(t->title);
    free(t->category);
    free(t->description);
    for (size_t i = 0; i < t->n_themes; i++) {
        free(t->themes[i].name);
        free(t->themes[i].title);
        str_list_free(&t->themes[i].types);
        str_list_free(&t->themes[i].keywords);
        str_list_free(&t->themes[i].orgs);
    }
    free(t->themes);
    for (size_t i = 0; i < t->n_sources; i++) {
        free(t->sources[i].url);
        free(t->sources[i].title);
        free(t->sources[i].kind);
    }
    free(t->sources);
    for (size_t i = 0; i < t->n_alerts; i++) {
        free(t->alerts[i].name);
        free(t->alerts[i].type);
        free(t->alerts[i].theme);
        free(t->alerts[i].org);
        free(t->alerts[i].deliver);
    }
    free(t->alerts);
    str_list_free(&t->include);
    str_list_free(&t->exclude);
    str_list_free(&t->exclude_outlets);
    str_list_free(&t->exclude_orgs);
    memset(t, 0, sizeof *t);
}

const char *tracker_default_config(void)
{
    const char *s = embed_get("default-tracker.ini", NULL);
    return s ? s : "";
}

int tracker_theme_index(const tracker_def *t, const char *name)
{
    for (size_t i = 0; i < t->n_themes; i++)
        if (strcmp(t->themes[i].name, name) == 0)
            return (int)i;
    return -1;
}
