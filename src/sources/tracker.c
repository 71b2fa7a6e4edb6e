/* tracker: a tracker's definition, read from a human-readable INI file. */
#include "tracker.h"

#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"
#include "util/str.h"

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
} parse_state;

static void set(char **field, const char *value)
{
    free(*field);
    *field = xstrdup(value);
}

static int fail_at(parse_state *ps, const char *fmt, const char *arg)
{
    snprintf(ps->why, ps->whylen, fmt, arg);
    ps->failed = 1;
    return 0;
}

/* The section's argument: "theme chips" -> "chips"; NULL when the section is
 * not of that kind. */
static const char *section_arg(const char *section, const char *kind)
{
    size_t n = strlen(kind);
    if (strncmp(section, kind, n) != 0 || section[n] != ' ')
        return NULL;
    const char *a = section + n;
    while (*a == ' ')
        a++;
    return *a ? a : NULL;
}

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
    parse_state *ps = user;
    tracker_def *t = ps->t;
    if (ps->failed)
        return 0;
    const char *arg;
    if (strcmp(section, "tracker") == 0) {
        if (strcmp(key, "name") == 0)
            set(&t->name, value);
        else if (strcmp(key, "title") == 0)
            set(&t->title, value);
        else if (strcmp(key, "category") == 0)
            set(&t->category, value);
        else if (strcmp(key, "description") == 0)
            set(&t->description, value);
        else
            return fail_at(ps, "unknown key '%s' in [tracker]", key);
    } else if ((arg = section_arg(section, "theme"))) {
        theme_def *th = t->n_themes ? &t->themes[t->n_themes - 1] : NULL;
        if (!th || strcmp(th->name, arg) != 0) {
            if (tracker_theme_index(t, arg) >= 0)
                return fail_at(ps, "theme '%s' defined twice", arg);
            t->themes = xrealloc(t->themes, (t->n_themes + 1) * sizeof *t->themes);
            th = &t->themes[t->n_themes++];
            memset(th, 0, sizeof *th);
            th->name = xstrdup(arg);
        }
        if (strcmp(key, "title") == 0)
            set(&th->title, value);
        else if (strcmp(key, "types") == 0)
            str_list_split(&th->types, value, 1);
        else if (strcmp(key, "keywords") == 0)
            str_list_split(&th->keywords, value, 1);
        else if (strcmp(key, "orgs") == 0)
            str_list_split(&th->orgs, value, 0);
        else
            return fail_at(ps, "unknown key '%s' in a theme", key);
    } else if ((arg = section_arg(section, "source"))) {
        source_def *so = t->n_sources ? &t->sources[t->n_sources - 1] : NULL;
        if (!so || strcmp(so->url, arg) != 0) {
            t->sources = xrealloc(t->sources, (t->n_sources + 1) * sizeof *t->sources);
            so = &t->sources[t->n_sources++];
            memset(so, 0, sizeof *so);
            so->url = xstrdup(arg);
        }
        if (strcmp(key, "title") == 0)
            set(&so->title, value);
        else if (strcmp(key, "kind") == 0)
            set(&so->kind, value);
        else
            return fail_at(ps, "unknown key '%s' in a source", key);
    } else if ((arg = section_arg(section, "alert"))) {
        alert_def *al = t->n_alerts ? &t->alerts[t->n_alerts - 1] : NULL;
        if (!al || strcmp(al->name, arg) != 0) {
            t->alerts = xrealloc(t->alerts, (t->n_alerts + 1) * sizeof *t->alerts);
            al = &t->alerts[t->n_alerts++];
            memset(al, 0, sizeof *al);
            al->name = xstrdup(arg);
            al->min_usd = NAN;
        }
        if (strcmp(key, "type") == 0)
            set(&al->type, value);
        else if (strcmp(key, "theme") == 0)
            set(&al->theme, value);
        else if (strcmp(key, "org") == 0)
            set(&al->org, value);
        else if (strcmp(key, "deliver") == 0)
            set(&al->deliver, value);
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
    } else {
        return fail_at(ps, "unknown section [%s]", section);
    }
    return 1;
}

int tracker_parse(const char *text, tracker_def *t, char *why, size_t whylen)
{
    memset(t, 0, sizeof *t);
    parse_state ps = {t, why, whylen, 0};
    int rc = ini_parse_string(text, on_entry, &ps);
    if (rc != 0 && !ps.failed) {
        snprintf(why, whylen, "line %d: not a valid INI line", rc);
        ps.failed = 1;
    }
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
