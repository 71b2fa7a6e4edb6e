/* event: the business events that analysis reads out of an article. */
#include "event.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

static const char *const type_names[EVENT_TYPE_COUNT] = {
    "funding", "acquisition", "stock_move", "infrastructure", "product",
};

const char *event_type_name(event_type t)
{
    return (unsigned)t < EVENT_TYPE_COUNT ? type_names[t] : "unknown";
}

const char *event_status_parse(const char *name)
{
    static const char *const known[] = {"completed", "pending", "announced"};
    for (size_t i = 0; name && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i]) == 0)
            return known[i];
    return NULL;
}

int event_type_parse(const char *name)
{
    for (int i = 0; i < EVENT_TYPE_COUNT; i++)
        if (strcmp(name, type_names[i]) == 0)
            return i;
    return -1;
}

event_t *event_list_add(event_list *l, event_type t)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    event_t *e = &l->items[l->n++];
    memset(e, 0, sizeof *e);
    e->type = t;
    e->amount_value = e->amount_usd = e->valuation_usd = e->price_usd = NAN;
    e->change_pct = e->close_price = e->capacity_mw = e->gpus = NAN;
    return e;
}

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void event_clear(event_t *e)
{
    if (!e)
        return;
    {
        free(e->company);
        free(e->acquirer);
        free(e->target);
        free(e->organization);
        free(e->ticker);
        free(e->product);
        free(e->what);
        free(e->country);
        free(e->amount_text);
        free(e->round);
        free_names(e->lead_investors, e->n_lead);
        free_names(e->investors, e->n_investors);
        free(e->sentence);
        free(e->descriptor);
        free(e->purpose);
    }
    memset(e, 0, sizeof *e);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static char **dup_names(char *const *v, size_t n)
{
    if (!v || !n)
        return NULL;
    char **out = xcalloc(n, sizeof *out);
    for (size_t i = 0; i < n; i++)
        out[i] = dup_or_null(v[i]);
    return out;
}

void event_copy(event_t *d, const event_t *s)
{
    *d = *s;
    d->company = dup_or_null(s->company);
    d->acquirer = dup_or_null(s->acquirer);
    d->target = dup_or_null(s->target);
    d->organization = dup_or_null(s->organization);
    d->ticker = dup_or_null(s->ticker);
    d->product = dup_or_null(s->product);
    d->what = dup_or_null(s->what);
    d->country = dup_or_null(s->country);
    d->amount_text = dup_or_null(s->amount_text);
    d->round = dup_or_null(s->round);
    d->sentence = dup_or_null(s->sentence);
    d->descriptor = dup_or_null(s->descriptor);
    d->purpose = dup_or_null(s->purpose);
    d->lead_investors = dup_names(s->lead_investors, s->n_lead);
    d->n_lead = d->lead_investors ? s->n_lead : 0;
    d->investors = dup_names(s->investors, s->n_investors);
    d->n_investors = d->investors ? s->n_investors : 0;
}

void event_list_free(event_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        event_clear(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static void names_json(jw_t *w, const char *key, char *const *v, size_t n)
{
    jw_key(w, key);
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        jw_str(w, v[i]);
    jw_arr_end(w);
}

static void amount_json(jw_t *w, const event_t *e)
{
    jw_key(w, "amount");
    if (isnan(e->amount_value)) {
        jw_null(w);
        return;
    }
    jw_obj(w);
    jw_knum(w, "value", e->amount_value);
    jw_kstr(w, "currency", e->currency[0] ? e->currency : NULL);
    jw_kstr(w, "text", e->amount_text);
    jw_obj_end(w);
}

void event_json(const event_t *e, jw_t *w)
{
    jw_obj(w);
    jw_kstr(w, "type", event_type_name(e->type));
    switch (e->type) {
    case EVENT_FUNDING:
        jw_kstr(w, "company", e->company);
        jw_kstr(w, "country", e->country);
        amount_json(w, e);
        jw_knum(w, "amount_usd", e->amount_usd);
        jw_kstr(w, "round", e->round ? e->round : "Unspecified");
        jw_knum(w, "valuation_usd", e->valuation_usd);
        names_json(w, "lead_investors", e->lead_investors, e->n_lead);
        names_json(w, "investors", e->investors, e->n_investors);
        break;
    case EVENT_ACQUISITION:
        jw_kstr(w, "acquirer", e->acquirer);
        jw_kstr(w, "target", e->target);
        jw_kstr(w, "country", e->country);
        amount_json(w, e);
        jw_knum(w, "price_usd", e->price_usd);
        jw_kstr(w, "status", e->status);
        break;
    case EVENT_STOCK_MOVE:
        jw_kstr(w, "company", e->company);
        jw_kstr(w, "ticker", e->ticker);
        jw_knum(w, "change_pct", e->change_pct);
        jw_knum(w, "close_price", e->close_price);
        break;
    case EVENT_INFRASTRUCTURE:
        jw_kstr(w, "organization", e->organization);
        jw_kstr(w, "country", e->country);
        amount_json(w, e);
        jw_knum(w, "amount_usd", e->amount_usd);
        jw_knum(w, "capacity_mw", e->capacity_mw);
        jw_knum(w, "gpus", e->gpus);
        jw_kstr(w, "what", e->what);
        names_json(w, "investors", e->investors, e->n_investors);
        break;
    case EVENT_PRODUCT:
    default:
        jw_kstr(w, "company", e->company);
        jw_kstr(w, "product", e->product);
        jw_kstr(w, "what", e->what);
        break;
    }
    jw_kstr(w, "sentence", e->sentence);
    jw_knum(w, "confidence", e->confidence);
    jw_kstr(w, "descriptor", e->descriptor);
    if (e->type == EVENT_FUNDING)
        jw_kstr(w, "purpose", e->purpose);
    jw_obj_end(w);
}
