/* product: launches, releases and deployments (company and product). */
#include "analyze/product.h"

#include <stdlib.h>
#include <string.h>

#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const verbs[] = {
    "launched", "launches", "unveiled", "unveils", "released", "releases", "introduced",
    "introduces", "debuted", "debuts", "rolled out", "rolls out", "rolling out", "launching",
    "unveiling", "releasing", "shipped", "ships", "open-sourced", "open-sources",
};

static const char *const not_news[] = {
    "could", "would", "might", "may", "plans to", "expected to", "last year", "previously",
};

int product_read(scan_doc *d, const scan_sent *st)
{
    const char *lc = st->lc;
    size_t n = st->n, w = 0;
    size_t v = scan_any(lc, n, 0, verbs, COUNT(verbs), &w);
    if (v == SCAN_NONE)
        return 0;
    if (scan_any(lc, n, 0, not_news, COUNT(not_news), NULL) != SCAN_NONE)
        return 0;
    int y = scan_year(st->s, v, n);
    if (y && d->ref_year && y < d->ref_year)
        return 0;
    size_t after = v + strlen(verbs[w]);
    size_t pend;
    char *prod = subject_object(st, after, after + 60 < n ? after + 60 : n, &pend);
    if (!prod)
        return 0;
    subject sj;
    char *company = NULL;
    if (subject_find(st, 0, v, &sj)) {
        company = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
        if (sj.pronoun)
            free(sj.name);
    }
    if (!company || org_same(company, prod) || place_lookup(company, strlen(company)) ||
        place_lookup(prod, strlen(prod))) {
        free(company);
        free(prod);
        return 0;
    }
    event_t *e = event_list_add(d->out, EVENT_PRODUCT);
    e->company = company;
    e->product = prod;
    /* what: the descriptor right after the name ("chip", "model") */
    size_t k = pend;
    while (k < n && st->s[k] == ' ')
        k++;
    size_t b = k;
    while (k < n && str_islower((unsigned char)st->s[k]))
        k++;
    if (k > b && org_descriptor(st->s + b, k - b))
        e->what = xstrndup(st->s + b, k - b);
    scan_provenance(st, e);
    e->confidence = 0.5;
    return 1;
}
