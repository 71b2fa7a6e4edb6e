/* Unit tests of near-duplicate profiles (src/resolve/dedup.c) and of the
 * store's near-duplicate search built on them. */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "store_backends.h"
#include "resolve/dedup.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/str.h"

static const char *boiler =
    " Every note in this series is written from a standard form and reviewed by a desk editor before it"
    " is sent to subscribers. The numbers are as the company gave them and were not checked against"
    " other sources. The service holds no stake in the firms it writes about and is paid by its readers"
    " alone. Corrections are welcome at the address on our contact page and are answered within a week.";

static char *note(const char *company, const char *amount, const char *extra)
{
    buf_t b;
    buf_init(&b, 0);
    buf_puts(&b, company);
    buf_puts(&b, ", a maker of test equipment for chip packaging, said it had raised ");
    buf_puts(&b, amount);
    buf_puts(&b, " from a group of regional investors to expand its plant.");
    buf_puts(&b, extra ? extra : "");
    buf_puts(&b, boiler);
    return buf_detach(&b);
}

static void profile_keys(void)
{
    char *t = note("Quarrel Instruments", "$18 million", NULL);
    dedup_profile p;
    dedup_profile_make("Quarrel Instruments raises $18 million", t, &p);
    CHECK(p.total >= 60 && p.nsh == p.total);
    for (size_t i = 1; i < p.nsh; i++)
        CHECK(p.sh[i - 1] < p.sh[i]);
    CHECK(p.nfig == 1);
    CHECK_NUM(p.fig[0], 18e6);
    CHECK(p.nlead >= 2 && p.nnames >= p.nlead);

    /* the stored forms give the same profile back */
    size_t len;
    void *blob = dedup_sketch_pack(&p, &len);
    dedup_profile q = {0};
    CHECK(dedup_sketch_unpack(blob, len, &q) == 0);
    CHECK(q.nsh == p.nsh && q.total == p.total && memcmp(q.sh, p.sh, p.nsh * 4) == 0);
    free(blob);
    blob = dedup_keys_pack(&p, &len);
    CHECK(dedup_keys_unpack(blob, len, &q) == 0);
    CHECK(q.nfig == 1 && q.fig[0] == p.fig[0]);
    CHECK(q.nnames == p.nnames && memcmp(q.names, p.names, p.nnames * 4) == 0);
    CHECK(q.nlead == p.nlead && memcmp(q.lead, p.lead, p.nlead * 4) == 0);
    CHECK(dedup_keys_unpack(blob, len - 1, &q) < 0);
    CHECK(dedup_sketch_unpack(blob, len, &q) < 0);
    free(blob);
    dedup_profile_free(&q);
    dedup_profile_free(&p);
    free(t);
}

static void keys_conflict(void)
{
    char *a = note("Quarrel Instruments", "$18 million", NULL);
    char *b = note("Tamsin Metrology", "$18 million", NULL);        /* another company */
    char *c = note("Quarrel Instruments", "$25 million", NULL);     /* another figure */
    char *d = note("Quarrel Instruments", "$18 million (about EUR 16.5 million)", NULL); /* adds one */
    char *e = note("Quarrel Instruments", "$18 million", " Its chief executive, Ines Varga, founded it in a garage.");
    dedup_profile pa, pb, pc, pd, pe;
    dedup_profile_make("Quarrel Instruments raises $18 million", a, &pa);
    dedup_profile_make("Tamsin Metrology raises $18 million", b, &pb);
    dedup_profile_make("Quarrel Instruments raises $25 million", c, &pc);
    dedup_profile_make("Packaging test maker Quarrel lands funding", d, &pd);
    dedup_profile_make("Quarrel Instruments raises $18 million", e, &pe);
    const char *why = NULL;
    CHECK(dedup_keys_conflict(&pa, &pb, &why) && why && strcmp(why, "names") == 0);
    CHECK(dedup_keys_conflict(&pa, &pc, &why) && why && strcmp(why, "figures") == 0);
    CHECK(!dedup_keys_conflict(&pa, &pd, NULL)); /* a conversion added, retitled */
    CHECK(!dedup_keys_conflict(&pd, &pa, NULL));
    CHECK(!dedup_keys_conflict(&pa, &pe, NULL)); /* a name added in one of them */
    CHECK(!dedup_keys_conflict(&pe, &pa, NULL));
    CHECK(!dedup_keys_conflict(&pa, &pa, NULL));
    /* the same text under headlines with no word in common */
    dedup_profile pf;
    dedup_profile_make("Chip packaging start-up lands funding", a, &pf);
    CHECK(dedup_keys_conflict(&pa, &pf, &why) && why && strcmp(why, "titles") == 0);
    dedup_profile_free(&pf);
    /* with all its boilerplate each pair is very similar */
    CHECK(dedup_jaccard32(pa.sh, pa.nsh, 0, pb.sh, pb.nsh, 0) > 0.7);
    dedup_profile_free(&pa);
    dedup_profile_free(&pb);
    dedup_profile_free(&pc);
    dedup_profile_free(&pd);
    dedup_profile_free(&pe);
    free(a), free(b), free(c), free(d), free(e);
}

static void sketch_similarity(void)
{
    uint32_t a[100], b[100];
    for (uint32_t i = 0; i < 100; i++)
        a[i] = i * 10, b[i] = i * 10 + (i >= 90 ? 5 : 0); /* 90 shared, 10 each apart */
    CHECK_NUM(dedup_jaccard32(a, 100, 0, b, 100, 0), 90.0 / 110.0);
    /* cut sketches are compared below the smaller cut point */
    CHECK_NUM(dedup_jaccard32(a, 50, 1, b, 100, 0), 1.0);
    CHECK_NUM(dedup_jaccard32(a, 0, 0, b, 0, 0), 0.0);
    CHECK(dedup_near_same(a, 100, 0, b, 100, 0));
    /* a short set: one word edited (3 shingles out, 3 in) is still the same */
    CHECK(dedup_near_same(a, 12, 0, b, 12, 0));
    uint32_t c[12];
    memcpy(c, a, sizeof c);
    c[9] = 1, c[10] = 2, c[11] = 3;
    CHECK(dedup_near_same(a, 12, 0, c, 12, 0));
    c[8] = 4;
    CHECK(!dedup_near_same(a, 12, 0, c, 12, 0));
    CHECK(dedup_find32(a, 100, 990) == 99 && dedup_find32(a, 100, 991) == -1);
    uint32_t s1[DEDUP_MINHASH], s2[DEDUP_MINHASH];
    dedup_minhash_set(a, 100, s1);
    dedup_minhash_set(b, 100, s2);
    CHECK(dedup_similarity(s1, s2) > 0.55);
    dedup_minhash_set(c, 12, s2);
    CHECK(dedup_similarity(s1, s2) < 0.5);
}

/* ingest's steps for one document: exact keys left out */
static int64_t put(store_t *s, const char *outlet, const char *title, const char *text, int64_t *found)
{
    dedup_profile p;
    dedup_profile_make(title, text, &p);
    store_near nr = {.p = &p, .outlet = outlet};
    CHECK(store_begin(s) == 0);
    *found = store_doc_find_near(s, &nr);
    int64_t id = 0;
    if (*found == 0) {
        static int k;
        char hash[33];
        snprintf(hash, sizeof hash, "h%d", ++k);
        doc_rec d = {.title = title, .text = text, .outlet = outlet, .content_hash = hash, .near = &nr};
        CHECK(store_doc_insert(s, &d, &id) == 0);
    }
    CHECK(store_commit(s) == 0);
    dedup_profile_free(&p);
    return id;
}

static void store_template(void)
{
    const char *path = "test_dedup.db";
    store_t *s = store_fresh(path); /* of the back end in turn (store_backends.h) */
    CHECK(s != NULL);
    if (!s)
        return;
    static const char *const names[] = {"Quarrel Instruments", "Tamsin Metrology", "Ulverston Probe",
                                        "Wexcombe Test", "Yarrow Fixtures", "Zennor Sockets"};
    static const char *const details[] = {
        " Its probe cards reach pads finer than a human hair and ship to three Asian assembly houses.",
        " The firm began as a university spin-out that measured heat in stacked memory dies.",
        " Most of its revenue comes from repairing handlers that other vendors no longer support.",
        " Two former executives of a large foundry joined its board last autumn.",
        " The new plant will sit beside a canal in an old textile mill converted for clean rooms.",
        " It expects sales to triple once a carmaker qualifies its burn-in sockets next year.",
    };
    int64_t ids[6], found;
    for (int i = 0; i < 6; i++) {
        char amount[32], title[96];
        snprintf(amount, sizeof amount, "$%d million", 10 + 3 * i);
        snprintf(title, sizeof title, "%s raises %s", names[i], amount);
        char *t = note(names[i], amount, details[i]);
        ids[i] = put(s, "Probe Notes", title, t, &found);
        CHECK(found == 0 && ids[i] > 0);
        free(t);
    }
    /* the first one, carried by another outlet with one word changed */
    char *t = note(names[0], "$10 million", details[0]);
    char *w = strstr(t, "regional");
    memcpy(w, "regionl ", 8); /* a typo fixed the other way round */
    put(s, "Other Outlet", "Test equipment maker raises money", t, &found);
    CHECK(found == ids[0]);
    free(t);
    /* a story that is not a copy stays apart */
    t = note("Quarrel Instruments", "$40 million", " It said the round was its second this year.");
    put(s, "Other Outlet", "Quarrel Instruments raises $40 million", t, &found);
    CHECK(found == 0);
    free(t);
    store_close(s);
    unlink(path);
    unlink("test_dedup.db-wal");
    unlink("test_dedup.db-shm");
}

int main(void)
{
    RUN(profile_keys);
    RUN(keys_conflict);
    RUN(sketch_similarity);
    RUN_STORES(store_template);
    CHECK_DONE();
}
