/* infra: infrastructure projects: data centres, AI factories, national AI programmes. */
#include "analyze/infra.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/funding.h"
#include "analyze/number.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const things[] = {
    "ai data centers", "ai data center", "ai data centres", "ai data centre", "data centers",
    "data center", "data centres", "data centre", "datacenters", "datacenter", "ai factories",
    "ai factory", "ai supercomputer", "supercomputers", "supercomputer", "ai campus",
    "compute cluster", "gpu cluster", "ai cluster", "ai hub", "ai infrastructure",
    "computing center", "computing centre", "ai gigafactory", "gigafactory", "inference hub",
    "infrastructure hubs", "server farm", "ai cloud", "sovereign ai", "national ai",
    "compute capacity", "computing capacity", "hyperscale campus", "data center campus",
    "campus", "intelligent computing centre", "intelligent computing center", "computing centre",
    "ai growth zone", "cloud region", "compute facility", "data centre hub", "data center hub",
    "data centre network", "data center network", "data centre campus", "ai compute facility",
    "data centre sites", "data center sites", "ai campus plan",
};

static const char *const verbs[] = {
    "build", "builds", "building", "construct", "constructs", "constructing", "invest",
    "invests", "investing", "unveiled", "unveils", "launch", "launches", "launched",
    "launching", "open", "opens", "opened", "opening", "develop", "develops", "developing",
    "deploy", "deploys", "deploying", "host", "hosts", "hosting", "channeling", "channelling",
    "channel", "channels", "expand", "expands", "expanding", "broke ground", "breaks ground",
    "break ground", "commit", "commits", "committed", "pledged", "pledges", "set up",
    "sets up", "setting up", "establish", "establishes", "establishing", "plans",
    "announced", "announces", "will build", "create", "creates", "creating",
    "spend", "spends", "spending", "breaks ground on", "broke ground on", "putting", "puts",
    "adds", "added", "confirmed", "confirms", "commits", "committed", "unveil", "begin",
    "begins", "started", "starts", "start",
};

static const char *const not_news[] = {
    "could", "might", "may", "demand for", "market for", "such as", "customers", "analysts",
    "the money", "the funds", "proceeds", "the funding", "the new capital", "fresh capital",
    "will use", "plans to use", "capex", "capital expenditure", "this fiscal year", "rumor",
    "rumour", "in talks",
};

static double capacity_mw(const scan_sent *st)
{
    const char *s = st->s;
    for (size_t i = 0; i < st->n; i++) {
        if (!str_isdigit((unsigned char)s[i]) || (i && (str_isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.')))
            continue;
        const char *p = s + i;
        double v;
        if (number_read(&p, s + st->n, &v) != 0) {
            i = (size_t)(p - s);
            continue;
        }
        size_t j = (size_t)(p - s);
        while (j < st->n && (s[j] == ' ' || s[j] == '-'))
            j++;
        const char *lc = st->lc + j;
        size_t left = st->n - j;
        if ((left >= 2 && memcmp(s + j, "GW", 2) == 0) || (left >= 8 && memcmp(lc, "gigawatt", 8) == 0))
            return v * 1000;
        if ((left >= 2 && memcmp(s + j, "MW", 2) == 0) || (left >= 8 && memcmp(lc, "megawatt", 8) == 0))
            return v;
        i = (size_t)(p - s);
    }
    return NAN;
}

int infra_read(scan_doc *d, const scan_sent *st)
{
    static const char *const gate[] = {"data cent", "datacent", "factor", "supercomput",
        "campus", "cluster", "hub", "infrastructure", "sovereign ai", "national ai", "ai cloud",
        "capacity", "server farm", "computing cent"};
    /* a Title Case headline's nouns look like names: only the body is read */
    if (st->deal_got || st->title || !scan_has_stem(st->lc, st->n, gate, COUNT(gate)))
        return 0;
    int in_funding = st->funding_got;
    const char *lc = st->lc;
    size_t n = st->n, tw = 0, vw = 0;
    size_t t = scan_any(lc, n, 0, things, COUNT(things), &tw);
    if (t == SCAN_NONE)
        return 0;
    size_t v = scan_any(lc, t, 0, verbs, COUNT(verbs), &vw);
    if (v == SCAN_NONE || t - v > 90)
        return 0;
    if (scan_any(lc, n, 0, not_news, COUNT(not_news), NULL) != SCAN_NONE)
        return 0;
    /* in a round's sentence only a project told in its own right: "raises
     * $480 million, unveils Kansas City data center", not "to build" */
    if (in_funding && (v < 3 || memcmp(lc + v - 3, "to ", 3) == 0))
        return 0;
    int y = scan_year(st->s, v, n);
    if (y && d->ref_year && y < d->ref_year)
        return 0;
    subject sj;
    /* "Saudi Arabia's Nakheel Compute and AMD to build": the first partner
     * that is not a place */
    size_t sv = v;
    const char *and_ = memmem(lc, v, " and ", 5);
    if (and_) {
        size_t ap = (size_t)(and_ - lc);
        size_t nb, nl = org_name_before(st->s, 0, ap, &nb);
        if (nl && !place_lookup(st->s + nb, nl) && !memchr(st->s + ap, ',', v - ap))
            sv = ap;
    }
    if (!subject_find(st, 0, sv, &sj))
        return 0;
    char *org = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
    if (sj.pronoun)
        free(sj.name);
    if (!org)
        return 0;
    const char *country = sj.country[0] ? sj.country : NULL;
    if (place_lookup(org, strlen(org)) || str_isdigit((unsigned char)org[0])) {
        /* a place is where, not who */
        free(org);
        return 0;
    }
    /* the project's place: "in Texas", "in India" after the thing */
    for (size_t i = t; i + 4 < n; i++) {
        if (memcmp(lc + i, " in ", 4) != 0)
            continue;
        size_t pe;
        const char *c = place_starting_at(st->s, n, i + 4, &pe);
        if (c) {
            country = c;
            break;
        }
    }
    if (!country) {
        const org_info *o = org_lookup(org, strlen(org));
        if (o && o->country[0])
            country = o->country;
    }
    event_t *e = event_list_add(d->out, EVENT_INFRASTRUCTURE);
    e->organization = org;
    if (country)
        e->country = xstrdup(country);
    for (size_t i = 0; i < st->n_money; i++) {
        money_role r = funding_money_role(d, st, i);
        if (r != ROLE_OTHER)
            continue;
        const money_t *m = &st->money[i];
        e->amount_value = m->value;
        memcpy(e->currency, m->currency, 4);
        e->amount_usd = m->usd;
        e->amount_text = scan_copy(st->s + m->start, m->end - m->start);
        break;
    }
    e->capacity_mw = capacity_mw(st);
    /* what: the thing, with one adjective before it ("regional AI factories") */
    size_t wb = t;
    if (wb > 1) {
        size_t k = wb - 1;
        while (k > 0 && st->s[k - 1] != ' ')
            k--;
        static const char *const adj[] = {"regional", "sovereign", "new", "national", "hyperscale",
                                          "large-scale", "giant", "massive", "first", "own"};
        for (size_t a = 0; a < COUNT(adj); a++)
            if (strlen(adj[a]) == wb - 1 - k && memcmp(lc + k, adj[a], wb - 1 - k) == 0)
                wb = k;
    }
    e->what = scan_copy(st->s + wb, t + strlen(things[tw]) - wb);
    scan_provenance(st, e);
    e->confidence = 0.55 + (isnan(e->amount_usd) ? 0 : 0.15) + (country ? 0.05 : 0);
    return 1;
}

void infra_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    (void)d, (void)sents, (void)n;
}
