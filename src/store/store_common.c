/* store_common: the store's logic that is no SQL dialect, shared by
 * store_sqlite.c and store_pg.c (see store_common.h). */
#include "store/store_common.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/str.h"

/* ---- names and events ---- */

char *store_org_norm(const char *name)
{
    static const char *const suffixes[] = {
        "inc", "incorporated", "ltd", "limited", "llc", "corp", "corporation", "co",
        "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "group", "holdings", "the",
    };
    buf_t b;
    buf_init(&b, 1024);
    const char *p = name;
    while (*p) {
        while (*p && !str_isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
            p++;
        const char *w = p;
        while (*p && (str_isalnum((unsigned char)*p) || ((unsigned char)*p & 0x80)))
            p++;
        if (p == w)
            continue;
        size_t n = (size_t)(p - w);
        int is_suffix = 0;
        for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++)
            if (strlen(suffixes[k]) == n && str_ncasecmp(w, suffixes[k], n) == 0 && b.len)
                is_suffix = 1;
        if (is_suffix)
            continue;
        if (b.len)
            buf_putc(&b, ' ');
        for (size_t i = 0; i < n; i++)
            buf_putc(&b, str_tolower((unsigned char)w[i]));
    }
    return buf_detach(&b);
}

/* Words that end many company names and tell little apart. */
static int generic_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "ai", "analytics", "capital", "chips", "cloud", "communications", "company", "compute",
        "computing", "data", "devices", "digital", "dynamics", "electronics", "energy", "fund",
        "industries", "infrastructure", "intelligence", "labs", "lab", "micro", "microelectronics",
        "networks", "partners", "photonics", "platforms", "power", "robotics", "semi",
        "semiconductor", "semiconductors", "silicon", "software", "solutions", "systems", "tech",
        "technologies", "technology", "ventures",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

char *store_name_word(const char *name, int last)
{
    if (!name)
        return NULL;
    char *norm = store_org_norm(name);
    const char *w = norm;
    size_t n = strcspn(norm, " ");
    if (last) {
        /* walk the words from the end, skipping generic ones */
        size_t len = strlen(norm), end = len;
        const char *fallback = NULL;
        size_t fallback_n = 0;
        while (end > 0) {
            size_t start = end;
            while (start > 0 && norm[start - 1] != ' ')
                start--;
            if (!fallback) {
                fallback = norm + start;
                fallback_n = end - start;
            }
            if (!generic_word(norm + start, end - start)) {
                w = norm + start;
                n = end - start;
                break;
            }
            end = start ? start - 1 : 0;
            w = fallback;
            n = fallback_n;
        }
    }
    char *out = n ? xstrndup(w, n) : NULL;
    free(norm);
    return out;
}

int store_names_agree(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    char *x = store_org_norm(a), *y = store_org_norm(b);
    size_t nx = strlen(x), ny = strlen(y);
    if (nx > ny) {
        char *t = x; x = y; y = t;
        size_t n = nx; nx = ny; ny = n;
    }
    /* "Alibaba" and "Alibaba (NYSE: BABA)", "Caldera Compute" and
     * "Bristol's Caldera Compute" */
    int agree = nx >= 3 && (strcmp(x, y) == 0 ||
                            (strncmp(y, x, nx) == 0 && y[nx] == ' ') ||
                            (ny > nx && strcmp(y + ny - nx, x) == 0 && y[ny - nx - 1] == ' '));
    free(x);
    free(y);
    return agree;
}

int store_figures_agree(double a, double b)
{
    if (isnan(a) || isnan(b))
        return 1;
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return m == 0 || fabs(a - b) <= 0.05 * m;
}

const char *store_event_org(const event_t *e)
{
    switch (e->type) {
    case EVENT_ACQUISITION: return e->acquirer;
    case EVENT_INFRASTRUCTURE: return e->organization;
    default: return e->company;
    }
}

int store_event_same(const event_t *e, const store_event_cand *c)
{
    switch (e->type) {
    case EVENT_FUNDING:
        return store_names_agree(c->company, e->company) &&
               (isnan(c->usd) || isnan(e->amount_usd) ? store_figures_agree(c->value, e->amount_value)
                                                      : store_figures_agree(c->usd, e->amount_usd));
    case EVENT_ACQUISITION:
        return store_names_agree(c->acquirer, e->acquirer) && store_names_agree(c->target, e->target) &&
               store_figures_agree(c->price, e->price_usd);
    case EVENT_STOCK_MOVE:
        return (store_names_agree(c->company, e->company) ||
                (c->ticker && e->ticker && str_casecmp(c->ticker, e->ticker) == 0)) &&
               (isnan(c->change) || isnan(e->change_pct) || fabs(c->change - e->change_pct) < 0.05);
    case EVENT_INFRASTRUCTURE:
        return store_names_agree(c->organization, e->organization) &&
               store_figures_agree(c->usd, e->amount_usd) && store_figures_agree(c->capacity, e->capacity_mw);
    default:
        return store_names_agree(c->company, e->company) &&
               (!c->product || !e->product || store_names_agree(c->product, e->product));
    }
}

/* Two significant digits: "$2 billion" and "$2.0bn" land together. */
static double bucket(double v)
{
    if (isnan(v) || v <= 0)
        return 0;
    double mag = pow(10, floor(log10(v)) - 1);
    return round(v / mag) * mag;
}

char *store_event_idkey(const event_t *e, int64_t org, const char *published)
{
    buf_t b;
    buf_init(&b, 4096);
    buf_printf(&b, "%s|%lld|", event_type_name(e->type), (long long)org);
    char *n = NULL;
    switch (e->type) {
    case EVENT_FUNDING:
        buf_printf(&b, "%.0f", bucket(isnan(e->amount_usd) ? e->amount_value : e->amount_usd));
        break;
    case EVENT_ACQUISITION:
        buf_puts(&b, (n = store_org_norm(e->target ? e->target : "")));
        break;
    case EVENT_STOCK_MOVE:
        buf_printf(&b, "%.10s|%.2f", published ? published : "", e->change_pct);
        break;
    case EVENT_INFRASTRUCTURE:
        buf_printf(&b, "%.0f|%.0f", bucket(e->amount_usd), isnan(e->capacity_mw) ? 0 : e->capacity_mw);
        break;
    default:
        buf_puts(&b, (n = store_org_norm(e->product ? e->product : e->what ? e->what : "")));
        break;
    }
    free(n);
    return buf_detach(&b);
}

char *store_join_names(char *const *v, size_t n)
{
    buf_t b;
    buf_init(&b, 1 << 20);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, "; ");
        buf_puts(&b, v[i]);
    }
    return buf_detach(&b);
}

void store_split_names(const char *joined, char ***v, size_t *n)
{
    *v = NULL;
    *n = 0;
    if (!joined || !*joined)
        return;
    const char *p = joined;
    for (;;) {
        const char *sep = strstr(p, "; ");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        *v = xrealloc(*v, (*n + 1) * sizeof **v);
        (*v)[(*n)++] = xstrndup(p, len);
        if (!sep)
            break;
        p = sep + 2;
    }
}

/* ---- rows read into records ---- */

void store_doc_row(const store_row *r, doc_rec *d)
{
    d->id = r->i64(r->st, 0);
    d->source_id = r->i64(r->st, 1);
    d->url = r->text(r->st, 2);
    d->canonical_url = r->text(r->st, 3);
    d->title = r->text(r->st, 4);
    d->author = r->text(r->st, 5);
    d->outlet = r->text(r->st, 6);
    d->published = r->text(r->st, 7);
    d->fetched = r->text(r->st, 8);
    d->language = r->text(r->st, 9);
    d->text = r->text(r->st, 10);
    d->content_hash = r->text(r->st, 11);
    d->origin = r->text(r->st, 12);
}

void store_source_row(const store_row *r, source_rec *rec)
{
    *rec = (source_rec){
        .id = r->i64(r->st, 0), .url = r->text(r->st, 1), .title = r->text(r->st, 2),
        .kind = r->text(r->st, 3), .added = r->text(r->st, 4), .last_success = r->text(r->st, 5),
        .last_error = r->text(r->st, 6), .last_error_at = r->text(r->st, 7),
        .next_try = r->text(r->st, 8), .etag = r->text(r->st, 9),
        .last_modified = r->text(r->st, 10), .interval_s = r->i64(r->st, 11),
        .failures = r->i64(r->st, 12), .documents = r->i64(r->st, 13),
    };
}

static char *row_dup(const store_row *r, int i)
{
    const char *v = r->text(r->st, i);
    return v ? xstrdup(v) : NULL;
}

void store_event_row(const store_row *r, event_list *l, event_meta *m)
{
    int type = event_type_parse(r->text(r->st, 1));
    event_t *e = event_list_add(l, type < 0 ? EVENT_PRODUCT : (event_type)type);
    e->company = row_dup(r, 2);
    e->acquirer = row_dup(r, 3);
    e->target = row_dup(r, 4);
    e->organization = row_dup(r, 5);
    e->ticker = row_dup(r, 6);
    e->product = row_dup(r, 7);
    e->what = row_dup(r, 8);
    e->country = row_dup(r, 9);
    e->amount_text = row_dup(r, 10);
    e->amount_value = r->num(r->st, 11);
    const char *cur = r->text(r->st, 12);
    snprintf(e->currency, sizeof e->currency, "%s", cur ? cur : "");
    e->amount_usd = r->num(r->st, 13);
    e->valuation_usd = r->num(r->st, 14);
    e->price_usd = r->num(r->st, 15);
    e->change_pct = r->num(r->st, 16);
    e->close_price = r->num(r->st, 17);
    e->capacity_mw = r->num(r->st, 18);
    e->round = row_dup(r, 19);
    store_split_names(r->text(r->st, 20), &e->lead_investors, &e->n_lead);
    store_split_names(r->text(r->st, 21), &e->investors, &e->n_investors);
    double conf = r->num(r->st, 22);
    e->confidence = isnan(conf) ? 0 : conf;
    e->sentence = row_dup(r, 25);
    e->descriptor = row_dup(r, 26);
    e->purpose = row_dup(r, 27);
    e->status = event_status_parse(r->text(r->st, 28));
    e->gpus = r->num(r->st, 29);
    *m = (event_meta){r->i64(r->st, 0), r->text(r->st, 23), r->i64(r->st, 24)};
}

/* store_event_row's strings and lists from an allocator */
static char *alloc_dup(store_alloc_fn alloc, void *arg, const char *v, size_t n)
{
    char *out = alloc(arg, n + 1);
    memcpy(out, v, n);
    out[n] = '\0';
    return out;
}

static char *row_alloc_dup(const store_row *r, int i, store_alloc_fn alloc, void *arg)
{
    const char *v = r->text(r->st, i);
    return v ? alloc_dup(alloc, arg, v, strlen(v)) : NULL;
}

static void split_alloc(const char *joined, char ***v, size_t *n, store_alloc_fn alloc, void *arg)
{
    *v = NULL;
    *n = 0;
    if (!joined || !*joined)
        return;
    size_t k = 1;
    for (const char *p = strstr(joined, "; "); p; p = strstr(p + 2, "; "))
        k++;
    *v = alloc(arg, k * sizeof **v);
    const char *p = joined;
    for (;;) {
        const char *sep = strstr(p, "; ");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        (*v)[(*n)++] = alloc_dup(alloc, arg, p, len);
        if (!sep)
            break;
        p = sep + 2;
    }
}

void store_event_row_alloc(const store_row *r, event_t *e, event_meta *m, store_alloc_fn alloc, void *arg)
{
    int type = event_type_parse(r->text(r->st, 1));
    memset(e, 0, sizeof *e);
    e->type = type < 0 ? EVENT_PRODUCT : (event_type)type;
    e->company = row_alloc_dup(r, 2, alloc, arg);
    e->acquirer = row_alloc_dup(r, 3, alloc, arg);
    e->target = row_alloc_dup(r, 4, alloc, arg);
    e->organization = row_alloc_dup(r, 5, alloc, arg);
    e->ticker = row_alloc_dup(r, 6, alloc, arg);
    e->product = row_alloc_dup(r, 7, alloc, arg);
    e->what = row_alloc_dup(r, 8, alloc, arg);
    e->country = row_alloc_dup(r, 9, alloc, arg);
    e->amount_text = row_alloc_dup(r, 10, alloc, arg);
    e->amount_value = r->num(r->st, 11);
    const char *cur = r->text(r->st, 12);
    for (size_t k = 0; cur && cur[k] && k + 1 < sizeof e->currency; k++)
        e->currency[k] = cur[k]; /* e is zeroed: ends with a NUL */
    e->amount_usd = r->num(r->st, 13);
    e->valuation_usd = r->num(r->st, 14);
    e->price_usd = r->num(r->st, 15);
    e->change_pct = r->num(r->st, 16);
    e->close_price = r->num(r->st, 17);
    e->capacity_mw = r->num(r->st, 18);
    e->round = row_alloc_dup(r, 19, alloc, arg);
    split_alloc(r->text(r->st, 20), &e->lead_investors, &e->n_lead, alloc, arg);
    split_alloc(r->text(r->st, 21), &e->investors, &e->n_investors, alloc, arg);
    double conf = r->num(r->st, 22);
    e->confidence = isnan(conf) ? 0 : conf;
    e->sentence = row_alloc_dup(r, 25, alloc, arg);
    e->descriptor = row_alloc_dup(r, 26, alloc, arg);
    e->purpose = row_alloc_dup(r, 27, alloc, arg);
    e->status = event_status_parse(r->text(r->st, 28));
    e->gpus = r->num(r->st, 29);
    *m = (event_meta){r->i64(r->st, 0), row_alloc_dup(r, 23, alloc, arg), r->i64(r->st, 24)};
}

struct store_event_got {
    int64_t id;
    event_list l;
    char *first_seen;
    int64_t mentions;
};

void store_event_set_add(store_event_set *set, const store_row *r)
{
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        set->v = xrealloc(set->v, set->cap * sizeof *set->v);
    }
    struct store_event_got *g = &set->v[set->n++];
    memset(g, 0, sizeof *g);
    event_meta m;
    store_event_row(r, &g->l, &m);
    g->id = m.id;
    g->first_seen = m.first_seen ? xstrdup(m.first_seen) : NULL;
    g->mentions = m.mentions;
}

static int got_cmp(const void *a, const void *b)
{
    return store_id_cmp(&((const struct store_event_got *)a)->id, &((const struct store_event_got *)b)->id);
}

int store_event_set_each(store_event_set *set, const int64_t *ids, size_t n, store_event_cb cb, void *ctx)
{
    int r = 0;
    if (set->n > 1)
        qsort(set->v, set->n, sizeof *set->v, got_cmp);
    for (size_t i = 0; cb && i < n && r == 0; i++) {
        struct store_event_got key = {.id = ids[i]};
        struct store_event_got *hit = set->n ? bsearch(&key, set->v, set->n, sizeof *set->v, got_cmp) : NULL;
        if (!hit)
            continue;
        event_meta m = {hit->id, hit->first_seen, hit->mentions};
        r = cb(&hit->l.items[0], &m, ctx);
    }
    for (size_t i = 0; i < set->n; i++) {
        event_list_free(&set->v[i].l);
        free(set->v[i].first_seen);
    }
    free(set->v);
    memset(set, 0, sizeof *set);
    return r < 0 ? -1 : 0;
}

static uint64_t print_cols(uint64_t h, const store_row *r, int cols)
{
    for (int c = 1; c <= cols; c++) {
        const char *v = r->text(r->st, c);
        h = store_print_hash(h, (const unsigned char *)v, v ? (int)strlen(v) : 0);
    }
    return h;
}

void store_prints_event(store_prints *p, const store_row *r, int cols)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->ids = xrealloc(p->ids, p->cap * sizeof *p->ids);
        p->prints = xrealloc(p->prints, p->cap * sizeof *p->prints);
    }
    p->ids[p->n] = r->i64(r->st, 0);
    p->prints[p->n++] = print_cols(STORE_PRINT_SEED, r, cols);
}

void store_prints_mention(store_prints *p, const store_row *r, int cols)
{
    int64_t id = r->i64(r->st, 0);
    while (p->k < p->n && p->ids[p->k] < id)
        p->k++;
    if (p->k < p->n && p->ids[p->k] == id)
        p->prints[p->k] = print_cols(p->prints[p->k], r, cols);
}

/* ---- small helpers ---- */

void store_now_rfc3339(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *store_ids_text(const int64_t *v, size_t n, const char *open, const char *close)
{
    size_t lo = strlen(open), lc = strlen(close);
    char *list = xmalloc(n * 21 + lo + lc + 1), *p = list;
    memcpy(p, open, lo);
    p += lo;
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s%lld", i ? "," : "", (long long)v[i]);
    memcpy(p, close, lc + 1);
    return list;
}

void store_ids_parse(const char *text, int64_t **v, size_t *n)
{
    *v = NULL;
    *n = 0;
    const char *p = text;
    while (p && *p) {
        char *end;
        long long id = strtoll(p, &end, 10);
        if (end == p)
            break;
        *v = xrealloc(*v, (*n + 1) * sizeof **v);
        (*v)[(*n)++] = id;
        p = *end == ',' ? end + 1 : end;
    }
}

int store_id_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

uint64_t store_print_hash(uint64_t h, const unsigned char *p, int n)
{
    if (!p) {
        h ^= 0xff;
        return h * 0x100000001b3ULL;
    }
    for (int i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    h ^= 0xfe; /* column separator */
    return h * 0x100000001b3ULL;
}

/* ---- near-duplicates ---- */

_Static_assert(DEDUP_MINHASH == 32, "store_near.sig holds DEDUP_MINHASH values");

void store_tmpl_push(store_tmpl *t, uint32_t shingle)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1024;
        t->v = xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = shingle;
}

void store_tmpl_merge(store_tmpl *t, const uint32_t *add, size_t n)
{
    if (n == 0)
        return;
    uint32_t *m = xmalloc((t->n + n) * sizeof *m);
    size_t i = 0, j = 0, k = 0;
    while (i < t->n || j < n)
        m[k++] = j == n || (i < t->n && t->v[i] < add[j]) ? t->v[i++] : add[j++];
    free(t->v);
    t->v = m;
    t->n = t->cap = k;
}

void store_tmpl_free(store_tmpl *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* The shingles sh (n) that are not template, into out; their number. */
static size_t tmpl_strip(const store_tmpl *t, const uint32_t *sh, size_t n, uint32_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (dedup_find32(t->v, t->n, sh[i]) < 0)
            out[k++] = sh[i];
    return k;
}

/* Adds 1 to cnt[i] for each shingle sh[i] the stored sketch blob holds. */
static void sketch_count(const unsigned char *blob, size_t bytes, const uint32_t *sh, size_t n, uint8_t *cnt)
{
    if (!blob || bytes < 8 || (bytes - 8) % 4 || memcmp(blob, "S1\0\0", 4) != 0)
        return;
    size_t m = (bytes - 8) / 4, i = 0, j = 0;
    const unsigned char *b = blob + 8;
    while (i < n && j < m) {
        uint32_t v = (uint32_t)b[4 * j] | (uint32_t)b[4 * j + 1] << 8 | (uint32_t)b[4 * j + 2] << 16 |
                     (uint32_t)b[4 * j + 3] << 24;
        if (sh[i] == v) {
            if (cnt[i] < 255)
                cnt[i]++;
            i++, j++;
        } else if (sh[i] < v) {
            i++;
        } else {
            j++;
        }
    }
}

void store_near_window_row(store_near_window *w, int64_t id, const void *sketch, size_t bytes,
                           const dedup_profile *p, uint8_t *cnt)
{
    sketch_count(sketch, bytes, p->sh, p->nsh, cnt);
    size_t k = 0;
    while (k < w->n && w->id[k] != id)
        k++;
    if (k == w->n && w->n < sizeof w->id / sizeof *w->id) {
        memset(&w->p[w->n], 0, sizeof w->p[w->n]);
        if (dedup_sketch_unpack(sketch, bytes, &w->p[w->n]) == 0)
            w->id[w->n++] = id;
        else
            dedup_profile_free(&w->p[w->n]);
    }
}

long store_near_distinctive(store_t *s, const store_near_io *io, const char *outlet, const dedup_profile *p,
                            uint32_t *out)
{
    store_tmpl *t = io->tmpl(s);
    if (!t)
        return -1;
    uint8_t *co = xcalloc(p->nsh ? p->nsh : 1, 2);
    uint8_t *cs = co + p->nsh;
    long n = -1;
    store_near_window *w = xcalloc(1, sizeof *w);
    int ro = 0, rs = 0;
    if ((outlet && io->window(s, outlet, DEDUP_TEMPLATE_OUTLET_WINDOW, p, co, w, &ro) < 0) ||
        io->window(s, NULL, DEDUP_TEMPLATE_STORE_WINDOW, p, cs, w, &rs) < 0)
        goto out;
    /* in at least half of the window, and in at least _MIN documents */
    int min_o = (ro + 1) / 2 > DEDUP_TEMPLATE_OUTLET_MIN ? (ro + 1) / 2 : DEDUP_TEMPLATE_OUTLET_MIN;
    int min_s = (rs + 1) / 2 > DEDUP_TEMPLATE_STORE_MIN ? (rs + 1) / 2 : DEDUP_TEMPLATE_STORE_MIN;
    uint32_t *add = xmalloc((p->nsh ? p->nsh : 1) * sizeof *add);
    size_t nadd = 0;
    n = 0;
    for (size_t i = 0; i < p->nsh; i++) {
        if (dedup_find32(t->v, t->n, p->sh[i]) >= 0)
            continue;
        if (co[i] >= min_o || cs[i] >= min_s)
            add[nadd++] = p->sh[i];
        else
            out[n++] = p->sh[i];
    }
    if (nadd && io->tmpl_add(s, add, nadd) < 0)
        n = -1;
    /* the recent documents that hold some of the new template */
    for (size_t k = 0; n >= 0 && nadd && k < w->n; k++) {
        size_t i = 0, j = 0;
        const dedup_profile *o = &w->p[k];
        while (i < nadd && j < o->nsh && add[i] != o->sh[j])
            add[i] < o->sh[j] ? i++ : j++;
        if (i < nadd && j < o->nsh && io->resign(s, w->id[k], o) < 0)
            n = -1;
    }
    free(add);
out:
    for (size_t k = 0; k < w->n; k++)
        dedup_profile_free(&w->p[k]);
    free(w);
    free(co);
    return n;
}

int store_near_resign_sig(const store_tmpl *t, const dedup_profile *o, uint32_t sig[DEDUP_MINHASH])
{
    uint32_t *mine = xmalloc((o->nsh ? o->nsh : 1) * sizeof *mine);
    size_t n = tmpl_strip(t, o->sh, o->nsh, mine);
    int signed_ = o->total >= DEDUP_NEAR_MIN_SHINGLES && n >= DEDUP_NEAR_MIN_DISTINCT;
    if (signed_)
        dedup_minhash_set(mine, n, sig);
    free(mine);
    return signed_;
}

int store_near_begin(store_t *s, const store_near_io *io, store_near *nr, uint32_t **mine, long *nm,
                     int64_t keys[DEDUP_BANDS])
{
    const dedup_profile *p = nr->p;
    nr->has_sig = 0;
    nr->distinct = 0;
    *mine = NULL;
    *nm = 0;
    if (!p || p->total < DEDUP_NEAR_MIN_SHINGLES)
        return 0;
    const char *outlet = nr->outlet && *nr->outlet ? nr->outlet : NULL;
    *mine = xmalloc(p->nsh * sizeof **mine);
    *nm = store_near_distinctive(s, io, outlet, p, *mine);
    if (*nm < 0)
        return -1;
    nr->distinct = (size_t)*nm;
    if (*nm < DEDUP_NEAR_MIN_DISTINCT)
        return 0;
    dedup_minhash_set(*mine, (size_t)*nm, nr->sig);
    nr->has_sig = 1;
    dedup_bands(nr->sig, keys);
    return 1;
}

void store_near_candidate(int64_t *cand, size_t *nc, int64_t id, const void *minhash, size_t bytes,
                          const uint32_t *sig)
{
    size_t k = 0;
    while (k < *nc && cand[k] != id)
        k++;
    uint32_t other[DEDUP_MINHASH];
    if (k < *nc || !minhash || bytes != sizeof other || *nc >= DEDUP_BANDS * STORE_NEAR_PER_BAND)
        return;
    memcpy(other, minhash, sizeof other);
    if (dedup_similarity(sig, other) >= DEDUP_NEAR_ESTIMATE)
        cand[(*nc)++] = id;
}

int store_near_same(const store_tmpl *t, const dedup_profile *p, const uint32_t *mine, size_t nm,
                    const void *sketch, size_t sketch_bytes, const void *keys, size_t keys_bytes,
                    uint32_t **theirs)
{
    dedup_profile o = {0};
    int same = 0;
    if (dedup_sketch_unpack(sketch, sketch_bytes, &o) == 0 && dedup_keys_unpack(keys, keys_bytes, &o) == 0) {
        /* their shingles without what is now known to be template */
        *theirs = xrealloc(*theirs, (o.nsh ? o.nsh : 1) * sizeof **theirs);
        size_t nt = tmpl_strip(t, o.sh, o.nsh, *theirs);
        same = dedup_near_same(mine, nm, p->total > p->nsh, *theirs, nt, o.total > o.nsh) &&
               !dedup_keys_conflict(p, &o, NULL);
    }
    dedup_profile_free(&o);
    return same;
}

/* ---- re-analysis ---- */

void store_redo_ev_add(store_redo_ev **v, size_t *n, int64_t id, char *type, char *key, int64_t org,
                       char *name)
{
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    store_redo_ev *e = &(*v)[(*n)++];
    e->id = id;
    e->type = type;
    e->key = key;
    e->org = org;
    e->name = name;
    e->pair = 0;
}

static void redo_evs_free(store_redo_ev *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].type);
        free(v[i].key);
        free(v[i].name);
    }
    free(v);
}

/* Pairs, most certain first: the same key, the same organisation, a
 * spelling of the same organisation; each in id order. */
static void redo_pair(store_redo_ev *aside, size_t n_aside, store_redo_ev *made, size_t n_made)
{
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < n_aside; i++) {
            store_redo_ev *o = &aside[i];
            for (size_t k = 0; !o->pair && k < n_made; k++) {
                store_redo_ev *m = &made[k];
                if (m->pair || !o->type || !m->type || strcmp(o->type, m->type) != 0)
                    continue;
                int same = pass == 0   ? o->key && m->key && strcmp(o->key, m->key) == 0
                           : pass == 1 ? o->org > 0 && o->org == m->org
                                       : store_names_agree(o->name, m->name);
                if (same) {
                    o->pair = m->id;
                    m->pair = o->id;
                }
            }
        }
    }
}

int store_redo_finish(store_t *s, const store_redo_io *io, store_redo *r)
{
    store_redo_ev *made = NULL, *aside = NULL;
    size_t n_made = 0, n_aside = 0;
    int rc = -1;
    if (io->made(s, r->max_event, &made, &n_made) < 0)
        goto out;
    if (r->n_before && io->aside(s, r->before, r->n_before, &aside, &n_aside) < 0)
        goto out;
    redo_pair(aside, n_aside, made, n_made);
    for (size_t i = 0; i < n_aside; i++) {
        const store_redo_ev *o = &aside[i];
        if (o->pair) {
            const store_redo_ev *m = NULL;
            for (size_t k = 0; k < n_made && !m; k++)
                if (made[k].id == o->pair)
                    m = &made[k];
            if (io->adopt(s, o, m) < 0)
                goto out;
        } else if (io->drop(s, o->id) < 0) {
            goto out;
        }
    }
    /* An event found anew in a document that a tracker's last edition
     * already covered (stored before it was made) is not news: it counts as
     * shown by that edition, so "What's new" is not flooded with old events. */
    for (size_t k = 0; k < n_made; k++)
        if (!made[k].pair && io->shown(s, made[k].id, r->doc_id) < 0)
            goto out;
    free(r->after);
    r->after = NULL;
    r->n_after = 0;
    if (io->doc_events(s, r->doc_id, &r->after, &r->n_after) < 0)
        goto out;
    for (size_t i = 0; i < r->n_before; i++)
        if (io->settle(s, r->before[i]) < 0)
            goto out;
    for (size_t i = 0; i < r->n_after; i++)
        if ((!r->n_before ||
             !bsearch(&r->after[i], r->before, r->n_before, sizeof *r->before, store_id_cmp)) &&
            io->settle(s, r->after[i]) < 0)
            goto out;
    rc = 0;
out:
    redo_evs_free(made, n_made);
    redo_evs_free(aside, n_aside);
    return rc;
}
