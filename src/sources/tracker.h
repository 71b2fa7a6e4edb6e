/* tracker: a tracker's definition, read from a human-readable INI file.
 *
 *   [tracker]          name, title, category, description
 *   [theme NAME]       title, types, keywords, orgs (one per report section)
 *   [source URL]       title, kind (feed|page)
 *   [filter]           include, exclude (words), exclude_outlets, exclude_orgs
 *   [alert NAME]       type, theme, min_usd, org, deliver
 *   [narrative]        endpoint, model, timeout (report's optional writer)
 *
 * Lists are comma-separated. See README.md for the full description. */
#ifndef MTRACK_TRACKER_H
#define MTRACK_TRACKER_H

#include <stddef.h>

typedef struct str_list {
    char **v;
    size_t n;
} str_list;

typedef struct theme_def {
    char *name;
    char *title;
    str_list types;    /* event type names */
    str_list keywords; /* lower case words or phrases */
    str_list orgs;     /* organisation names */
} theme_def;

typedef struct source_def {
    char *url;
    char *title;
    char *kind;
} source_def;

typedef struct alert_def {
    char *name;
    char *type;        /* event type or NULL for any */
    char *theme;       /* theme name or NULL */
    double min_usd;    /* NAN for none */
    char *org;         /* organisation substring or NULL */
    char *deliver;     /* "stdout", "webhook URL", "command CMD" */
} alert_def;

typedef struct tracker_def {
    char *name, *title, *category, *description;
    theme_def *themes;
    size_t n_themes;
    source_def *sources;
    size_t n_sources;
    alert_def *alerts;
    size_t n_alerts;
    str_list include, exclude, exclude_outlets, exclude_orgs;
    /* [narrative]: the chat-completions API that writes the report's
     * paragraphs (publish/narrative.h); NULL: none */
    char *narr_endpoint, *narr_model;
    long narr_timeout_s; /* 0: not set */
} tracker_def;

/* Parses INI text into t (zeroed first). Returns 0, or -1 with the line and
 * reason in why. A tracker needs a name, a title and at least one theme. */
int tracker_parse(const char *text, tracker_def *t, char *why, size_t whylen);
void tracker_free(tracker_def *t);
/* The built-in default tracker's INI text (data/default-tracker.ini). */
const char *tracker_default_config(void);
/* The index of the theme called name, or -1. */
int tracker_theme_index(const tracker_def *t, const char *name);

/* Loads the tracker called name (NULL: the first) from the store; when the
 * store has none and name is NULL, the built-in default is stored and
 * loaded. Returns 0, 1 when there is no tracker called name, -1 on error
 * (why says). */
struct store;
int tracker_load(struct store *s, const char *name, tracker_def *t, char *why, size_t whylen);

/* Splits a comma-separated list, trimming each item; appends to l. */
void str_list_split(str_list *l, const char *csv, int lower);
void str_list_free(str_list *l);

#endif
