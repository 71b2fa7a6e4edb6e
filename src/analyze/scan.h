/* scan: the per-sentence view the event readers share (folded text, a
 * lower-case copy, money mentions) and word searches over it. */
#ifndef MTRACK_SCAN_H
#define MTRACK_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze/event.h"
#include "analyze/money.h"

#define SCAN_NONE ((size_t)-1)

typedef struct scan_sent {
    const char *s;      /* folded text (dateline removed), NUL-terminated */
    const char *lc;     /* the same, ASCII lower case */
    size_t n;
    const char *orig;   /* the sentence as the article writes it */
    size_t orig_len;
    size_t offset;      /* byte offset of orig in the article */
    int index;          /* sentence number in the article, 0 = headline */
    /* set by the walk before the readers run (analyze.c) */
    int funding_got;    /* funding_read added an event from this sentence */
    int deal_got;       /* deal_read added an event from this sentence */
    int title;          /* the headline, written in Title Case */
    int unread;         /* not read for events (boilerplate, links to other stories) */
    int in_list;        /* a clause read on its own from a sentence that names a round */
    size_t n_money;
    unsigned role_known;            /* bit i: role[i] is computed */
    unsigned char role[MONEY_MAX];  /* money_role of money[i] (funding.h) */
    money_t money[MONEY_MAX];
    const struct scan_sent *whole; /* a clause read on its own: the sentence it is part of; NULL */
} scan_sent;

/* What the readers know about the whole article. */
typedef struct scan_doc {
    int ref_year;           /* the article's year, or the latest year it names */
    int ref_month;          /* the article's month 1..12, 0 when unknown */
    int cny;                /* the article is about China: ¥ is CNY */
    char main_company[128]; /* the company the article is about, "" when unknown */
    char head_company[128]; /* the headline's first name, "" when none */
    char salient[128];      /* the name the article opens its sentences with most
                               often (at least twice), "" when none */
    int head_funding;       /* the headline tells of a round */
    int last_funding;       /* index in out of the last funding event, -1 */
    int last_funding_sent;  /* its sentence number */
    int stock_ctx;          /* the article talks about share prices */
    int ipo_ctx;            /* the article talks about an IPO's pricing */
    event_list *out;
    struct buf *explain;    /* analyze --explain: why candidates were kept or dropped; NULL */
    char dateline_country[3]; /* a press release's dateline ("MISSION VIEJO, Calif., Feb. 25
                                 /PRNewswire/"): the issuer's home, "" when none */
    char prev_subject[128];   /* the organisation the previous sentence opened with, "" */
    char recent_subject[128]; /* the last organisation a sentence opened with (named at
                                 least twice in the text), "" */
    int recent_index;         /* that sentence's number */
    int cur_index;            /* the sentence being read */
    const struct scan_sent *sents; /* every sentence of the article (document-level look-ups) */
    size_t n_sents;
    unsigned char past[256];  /* past[i]: out->items[i] is dated weeks or months back ("last
                                 month", "in October"): news in a digest, background beside
                                 the article's own event */
} scan_doc;

/* Position of word w (lower case; spaces allowed) as a whole word in the
 * lower-case text lc at or after from, or SCAN_NONE. */
size_t scan_word(const char *lc, size_t n, size_t from, const char *w);

/* The earliest of the words in list at or after from; its index in *which. */
size_t scan_any(const char *lc, size_t n, size_t from, const char *const *list, size_t cnt,
                size_t *which);

/* 1 when one of the stems in list occurs anywhere in lc (no word
 * boundaries): a cheap gate before a reader's word searches. */
bool scan_has_stem(const char *lc, size_t n, const char *const *list, size_t cnt);

/* 1 when one of the words in list ends within window bytes before pos. */
bool scan_before(const char *lc, size_t pos, size_t window, const char *const *list, size_t cnt);

/* 1 when one of the words in list starts within window bytes after pos. */
bool scan_after(const char *lc, size_t n, size_t pos, size_t window, const char *const *list,
                size_t cnt);

/* The first year (1990..2099) written within [from, to), or 0. */
int scan_year(const char *s, size_t from, size_t to);

/* Who "it" and "the company" are: the article's main company, else the
 * headline's first name, else NULL. */
const char *scan_pronoun(const scan_doc *d);

/* Copies a span of the sentence into a new string with white space
 * squeezed. Caller frees. */
char *scan_copy(const char *s, size_t n);

/* analyze --explain: appends one line about sentence st (NULL: the whole
 * article) to d->explain, when it is set. Cheap when it is not. */
void scan_note(const scan_doc *d, const scan_sent *st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The length of s[0, n) cut to at most max bytes at a UTF-8 character
 * boundary (for --explain's excerpts). */
int scan_cut(const char *s, size_t n, size_t max);

/* Fills the event's provenance (sentence, offset) from the sentence. */
void scan_provenance(const scan_sent *st, event_t *e);

#define COUNT(a) (sizeof(a) / sizeof *(a))

#endif
