/* describe: who a company is and what its money is for, read from the
 * article's words (src/analyze/describe.c). The articles are our own. */
#include "check.h"
#include "analyze_check.h"

/* The first event of type t. */
static const event_t *first(const event_list *l, event_type t)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == t)
            return &l->items[i];
    return NULL;
}

static const event_t *of(const event_list *l, const char *company)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].company && strcmp(l->items[i].company, company) == 0)
            return &l->items[i];
    return NULL;
}

static void appositive_and_use_of_funds(void)
{
    event_list l = run("Orrin Fabric raises $60 million\n\n"
                       "Orrin Fabric, a Munich-based maker of optical interconnects, said on Monday it had raised "
                       "$60 million in a Series B round led by Halcyon Capital.\n\n"
                       "The company will use the new capital to expand its factory in Dresden and hire "
                       "80 engineers.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_FUNDING);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->descriptor, "a Munich-based maker of optical interconnects");
        CHECK_STR(e->purpose, "to expand its factory in Dresden and hire 80 engineers");
    }
    event_list_free(&l);
}

static void words_before_the_name(void)
{
    event_list l = run("Quarry Labs funding\n\n"
                       "Swedish robotics start-up Quarry Labs has raised $12 million to build warehouse "
                       "robots that pick irregular parcels.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_FUNDING);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->descriptor, "a Swedish robotics start-up");
        CHECK_STR(e->purpose, "to build warehouse robots that pick irregular parcels");
    }
    event_list_free(&l);
}

static void what_it_does_and_share_of_money(void)
{
    event_list l = run("Tessel raises $80 million\n\n"
                       "Tessel Compute has closed an $80 million round, the company said on Tuesday.\n\n"
                       "Tessel Compute builds liquid-cooled racks for inference clusters.\n\n"
                       "Most of the money will go to a second factory: the first is sold out.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_FUNDING);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->descriptor, "which builds liquid-cooled racks for inference clusters");
        CHECK_STR(e->purpose, "mostly for a second factory");
    }
    event_list_free(&l);
}

static void nothing_invented(void)
{
    /* no descriptor and no use of the money: both stay NULL; "the company
     * said" is not a descriptor; "expected to close" is not a purpose */
    event_list l = run("Brindle raises $9 million\n\n"
                       "Brindle Systems, the company said, has raised $9 million in a seed round that is "
                       "expected to close next week.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_FUNDING);
    CHECK(e != NULL);
    if (e) {
        CHECK(e->descriptor == NULL);
        CHECK(e->purpose == NULL);
    }
    event_list_free(&l);
}

static void digest_keeps_companies_apart(void)
{
    /* the second company's use of funds is not the first's */
    event_list l = run("Funding roundup\n\n"
                       "Pellam AI, a London-based developer of legal agents, raised $20 million in a Series A round.\n\n"
                       "Vosk Robotics, a Polish maker of drones, raised $15 million in a Series A round.\n\n"
                       "Vosk Robotics will use the funds to open a plant in Gdansk.\n",
                       "2026-03-02");
    const event_t *p = of(&l, "Pellam AI"), *v = of(&l, "Vosk Robotics");
    CHECK(p != NULL && v != NULL);
    if (p && v) {
        CHECK_STR(p->descriptor, "a London-based developer of legal agents");
        CHECK(p->purpose == NULL);
        CHECK_STR(v->descriptor, "a Polish maker of drones");
        CHECK_STR(v->purpose, "to open a plant in Gdansk");
    }
    event_list_free(&l);
}

static void acquisition_target(void)
{
    event_list l = run("Marlow buys Fenwick\n\n"
                       "Marlow Systems has agreed to acquire compiler start-up Fenwick for $300 million.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_ACQUISITION);
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->descriptor, "a compiler start-up");
    event_list_free(&l);
}

static void based_in(void)
{
    event_list l = run("Lyra funding\n\n"
                       "Graz-based Lyra Silicon raised $7 million in a seed round.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_FUNDING);
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->descriptor, "based in Graz");
    event_list_free(&l);
}

static void what_a_product_is(void)
{
    event_list l = run("Korvel ships Tern-2\n\n"
                       "Korvel Systems has launched Tern-2, a vision model small enough to run on a doorbell camera.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_PRODUCT);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->product, "Tern-2");
        CHECK_STR(e->what, "a vision model small enough to run on a doorbell camera");
    }
    event_list_free(&l);
}

static void descriptor_edges(void)
{
    /* a verb before the descriptor ends it; an acronym in brackets stays
     * inside; a place that opens the sentence keeps its capital */
    event_list l = run("Funding news\n\n"
                       "Backers of the week included Lisbon robotics start-up Marel, which raised $8 million in a seed round.\n\n"
                       "Quorra Chips, a Czech graphics processing unit (GPU) designer, raised $30 million in a Series A round.\n\n"
                       "Singapore fintech start-up Pelikan raised $5 million in a seed round.\n",
                       "2026-03-02");
    const event_t *m = of(&l, "Marel"), *q = of(&l, "Quorra Chips"), *p = of(&l, "Pelikan");
    CHECK(m && q && p);
    if (m)
        CHECK_STR(m->descriptor, "a Lisbon robotics start-up");
    if (q)
        CHECK_STR(q->descriptor, "a Czech graphics processing unit (GPU) designer");
    if (p)
        CHECK_STR(p->descriptor, "a Singapore fintech start-up");
    event_list_free(&l);
    /* an owner's possessive opens the phrase, without an article */
    l = run("Tern news\n\nHalden Group's chip unit Tern Silicon raised $20 million in a Series A round.\n", "2026-03-02");
    const event_t *t = of(&l, "Tern Silicon");
    CHECK(t != NULL);
    if (t)
        CHECK_STR(t->descriptor, "Halden Group's chip unit");
    event_list_free(&l);
}

static void where_a_project_is(void)
{
    event_list l = run("Veda Power plans data centre\n\n"
                       "Veda Power said on Monday it will build a 200 MW AI data centre near Marseille at a cost of "
                       "$900 million.\n",
                       "2026-03-02");
    const event_t *e = first(&l, EVENT_INFRASTRUCTURE);
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->what, "AI data centre near Marseille");
    event_list_free(&l);
}

/* The headline names "Vesper NPU", the story "the Vesper, a neural
 * processing unit for ...": what it is, read under the name without its
 * kind; a name whose last word is no kind is not cut. */
static void product_named_without_its_kind(void)
{
    event_list l = run("Corlin Devices launches Vesper NPU for tablets\n\n"
                       "Corlin Devices announced the Vesper, a neural processing unit for budget tablets, at a "
                       "trade show in Taipei on Wednesday.\n",
                       "2026-03-04");
    const event_t *e = first(&l, EVENT_PRODUCT);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->product, "Vesper NPU");
        CHECK_STR(e->what, "a neural processing unit for budget tablets");
    }
    event_list_free(&l);
    l = run("Corlin Devices launches Vesper Pro for tablets\n\n"
            "Corlin Devices announced the Vesper, a neural processing unit for budget tablets, at a "
            "trade show in Taipei on Wednesday.\n",
            "2026-03-04");
    e = first(&l, EVENT_PRODUCT);
    if (e)
        CHECK(e->what == NULL || strcmp(e->what, "a neural processing unit for budget tablets") != 0);
    event_list_free(&l);
}

int main(void)
{
    RUN(appositive_and_use_of_funds);
    RUN(words_before_the_name);
    RUN(what_it_does_and_share_of_money);
    RUN(nothing_invented);
    RUN(digest_keeps_companies_apart);
    RUN(acquisition_target);
    RUN(based_in);
    RUN(what_a_product_is);
    RUN(descriptor_edges);
    RUN(where_a_project_is);
    RUN(product_named_without_its_kind);
    return check_failed_total ? 1 : 0;
}
