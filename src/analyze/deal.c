/* deal: acquisitions: acquirer, target and price. */
#include "analyze/deal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/funding.h"
#include "analyze/org.h"
#include "analyze/place.h"
#include "analyze/subject.h"
#include "util/str.h"

static const char *const active[] = {
    "acquire", "acquires", "acquired", "acquiring", "buy", "buys", "bought", "buying",
    "purchase", "purchases", "purchased", "snaps up", "snapped up", "snap up", "takes over",
    "took over", "take over", "scoops up", "scooped up",
};

static const char *const passive[] = {
    "acquired by", "bought by", "purchased by", "taken over by", "snapped up by",
};

static const char *const nouns[] = {
    "acquisition of", "purchase of", "takeover of", "buyout of", "merger with",
};

static const char *const not_news[] = {
    "in talks", "in discussions", "considering", "exploring", "weighing", "weighs", "mulls",
    "rumored", "rumoured", "after acquiring", "since acquiring", "which acquired",
    "that acquired", "had acquired", "previously acquired", "formerly",
    "could acquire", "may acquire", "might acquire", "interested in", "approached",
    "bid for", "rejected", "blocked", "abandoned", "scrapped", "called off", "after buying",
    "after its acquisition", "following its acquisition", "since its acquisition",
    "since the acquisition", "following the acquisition",
};

/* "would acquire" is news when reported: "X said it would acquire Y". */
static const char *const conditional[] = {"would acquire", "would buy", "will acquire", "will buy"};

static bool bad_name(const char *n)
{
    if (!n || !*n || place_lookup(n, strlen(n)))
        return true;
    static const char *const bad[] = {"AI", "IPO", "CEO", "US", "EU", "SEC"};
    for (size_t k = 0; k < COUNT(bad); k++)
        if (strcmp(n, bad[k]) == 0)
            return true;
    return false;
}

static void add(scan_doc *d, const scan_sent *st, char *acq, char *tgt, size_t price_from)
{
    if (bad_name(acq) || bad_name(tgt) || org_same(acq, tgt)) {
        free(acq);
        free(tgt);
        return;
    }
    event_t *e = event_list_add(d->out, EVENT_ACQUISITION);
    e->acquirer = acq;
    e->target = tgt;
    for (size_t i = 0; i < st->n_money; i++) {
        const money_t *m = &st->money[i];
        if (m->start < price_from)
            continue;
        money_role r = funding_money_role(d, st, i);
        if (r == ROLE_REVENUE || r == ROLE_TOTAL || r == ROLE_HISTORY)
            continue;
        e->amount_value = m->value;
        memcpy(e->currency, m->currency, 4);
        e->amount_usd = m->usd;
        e->price_usd = m->usd;
        e->amount_text = scan_copy(st->s + m->start, m->end - m->start);
        break;
    }
    const org_info *o = org_lookup(tgt, strlen(tgt));
    if (o && o->country[0])
        e->country = xstrdup(o->country);
    scan_provenance(st, e);
    e->confidence = 0.7 + (isnan(e->price_usd) ? 0 : 0.1);
}

/* 1 when a year before the article's is told near pos: history. */
static bool old(const scan_doc *d, const scan_sent *st, size_t pos)
{
    size_t lo = pos > 30 ? pos - 30 : 0, hi = pos + 80 < st->n ? pos + 80 : st->n;
    int y = scan_year(st->s, lo, hi);
    return y && d->ref_year && y < d->ref_year;
}

int deal_read(scan_doc *d, const scan_sent *st)
{
    static const char *const gate[] = {"acqui", "buy", "bought", "purchas", "takeover",
        "take over", "took over", "takes over", "snap", "scoop", "merger", "sell", "sold"};
    if (st->funding_got || !scan_has_stem(st->lc, st->n, gate, COUNT(gate)))
        return 0;
    const char *lc = st->lc;
    size_t n = st->n, which = 0;
    if (scan_any(lc, n, 0, not_news, COUNT(not_news), NULL) != SCAN_NONE)
        return 0;
    (void)conditional;
    size_t before = d->out->n;
    /* "Y agreed to sell itself to X for $Z" */
    static const char *const sell[] = {"sell itself to", "sold itself to", "be sold to",
                                       "agreed to be acquired by"};
    size_t wsell = 0;
    size_t ps = scan_any(lc, n, 0, sell, COUNT(sell), &wsell);
    if (ps != SCAN_NONE && !old(d, st, ps)) {
        subject sj;
        char *tgt = NULL;
        if (subject_find(st, 0, ps, &sj))
            tgt = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
        if (sj.pronoun)
            free(sj.name);
        char *acq = subject_object(st, ps + strlen(sell[wsell]), n, NULL);
        add(d, st, acq, tgt, ps);
        return (int)(d->out->n - before);
    }
    /* "Y was acquired by X" */
    size_t p = scan_any(lc, n, 0, passive, COUNT(passive), &which);
    if (p != SCAN_NONE) {
        if (old(d, st, p))
            return 0;
        subject sj;
        char *tgt = NULL;
        if (subject_find(st, 0, p, &sj))
            tgt = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
        else
            free(sj.name);
        char *acq = subject_object(st, p + strlen(passive[which]), n, NULL);
        add(d, st, acq, tgt, p);
        return (int)(d->out->n - before);
    }
    /* "X's acquisition of Y", "the acquisition of Y by X" */
    p = scan_any(lc, n, 0, nouns, COUNT(nouns), &which);
    if (p != SCAN_NONE && which < 4) {
        if (old(d, st, p))
            return 0;
        size_t tend = 0;
        char *tgt = subject_object(st, p + strlen(nouns[which]), n, &tend);
        char *acq = NULL;
        size_t k = p;
        while (k > 0 && st->s[k - 1] == ' ')
            k--;
        /* skip a price between: "Google's $32 billion acquisition of Wiz" */
        size_t k2 = k;
        for (size_t i = 0; i < st->n_money; i++)
            if (st->money[i].end <= k && st->money[i].end + 2 >= k)
                k2 = st->money[i].start;
        while (k2 > 0 && st->s[k2 - 1] == ' ')
            k2--;
        if (k2 >= 2 && st->s[k2 - 1] == 's' && st->s[k2 - 2] == '\'') {
            size_t nb, nl = org_name_before(st->s, 0, k2 - 2, &nb);
            if (nl)
                acq = org_clean(st->s + nb, nl);
        }
        if (!acq && tend && tend + 4 < n && memcmp(lc + tend, " by ", 4) == 0)
            acq = subject_object(st, tend + 4, n, NULL);
        if (!acq) {
            /* "X completed its acquisition of Y", "X announced the acquisition of Y" */
            static const char *const verbs[] = {"completed", "completes", "announced", "announces",
                                                "closed", "closes", "finalized", "finalised",
                                                "agreed", "confirmed", "made"};
            size_t w = 0;
            size_t v = scan_any(lc, p, 0, verbs, COUNT(verbs), &w);
            subject sj;
            if (v != SCAN_NONE && subject_find(st, 0, v, &sj)) {
                acq = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
                if (sj.pronoun)
                    free(sj.name);
            }
        }
        if (acq && tgt) {
            add(d, st, acq, tgt, p);
            return (int)(d->out->n - before);
        }
        free(acq);
        free(tgt);
    }
    /* "X acquires Y", "X agreed to buy Y for $Z" */
    p = scan_any(lc, n, 0, active, COUNT(active), &which);
    if (p == SCAN_NONE || old(d, st, p))
        return 0;
    size_t after = p + strlen(active[which]);
    /* a stake is not an acquisition; "buy chips" has no name after */
    size_t stake = scan_word(lc, after + 40 < n ? after + 40 : n, after, "stake");
    size_t obj = after;
    if (stake != SCAN_NONE) {
        /* a controlling stake is an acquisition: "a 51 percent stake in X" */
        double pct = 0;
        for (size_t i = after; i < stake; i++)
            if (str_isdigit((unsigned char)st->s[i]) && (i == 0 || !str_isdigit((unsigned char)st->s[i - 1]))) {
                pct = 0;
                while (i < stake && str_isdigit((unsigned char)st->s[i]))
                    pct = pct * 10 + (st->s[i++] - '0');
            }
        size_t in = scan_word(lc, n, stake, "stake in");
        if (pct <= 50 || in != stake)
            return 0;
        obj = stake + 8;
    }
    if (scan_word(lc, after + 40 < n ? after + 40 : n, after, "shares") != SCAN_NONE)
        return 0;
    size_t tend;
    char *tgt = subject_object(st, obj, obj + 80 < n ? obj + 80 : n, &tend);
    if (!tgt)
        return 0;
    /* the target must come right after the verb (a few words at most) */
    size_t gap = 0;
    for (size_t i = obj; i < tend && i < n; i++)
        if (st->s[i] == ' ')
            gap++;
    subject sj;
    char *acq = NULL;
    if (gap <= 7 && subject_find(st, 0, p, &sj)) {
        acq = sj.pronoun ? (scan_pronoun(d) ? xstrdup(scan_pronoun(d)) : NULL) : sj.name;
        if (sj.pronoun)
            free(sj.name);
    }
    if (!acq) {
        free(tgt);
        return 0;
    }
    add(d, st, acq, tgt, p);
    return (int)(d->out->n - before);
}

void deal_finish(scan_doc *d, const scan_sent *sents, size_t n)
{
    (void)d, (void)sents, (void)n;
}
