/* test_infra: infrastructure projects read out of whole articles: who
 * carries the project out, what is a project and what is context. The
 * sentences are written for these tests. */
#include <math.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/infra.h"
#include "check.h"
#include "analyze_check.h"

/* the infrastructure event of org, or NULL */
static const event_t *project(const event_list *l, const char *org)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == EVENT_INFRASTRUCTURE && l->items[i].organization &&
            strcmp(l->items[i].organization, org) == 0)
            return &l->items[i];
    return NULL;
}

/* "X said on Monday it will invest $N in <country> to expand its cloud
 * infrastructure": the pronoun is the clause's subject, the country the
 * project's */
static void country_plan(void)
{
    event_list l = run("Oracle lays out Malaysia plan\n"
                       "Oracle said on Monday it will invest $6.5 billion over five years in Malaysia to "
                       "expand its cloud infrastructure and AI services.\n",
                       "2026-03-02");
    const event_t *e = project(&l, "Oracle");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 1);
    CHECK(e != NULL);
    if (e) {
        CHECK_NUM(e->amount_usd, 6.5e9);
        CHECK_STR(e->country, "MY");
    }
    event_list_free(&l);
    /* an amount in a country with no project noun */
    l = run("Cloud giant's European push\n"
            "And on a larger scale, Northwind has announced an additional €4 billion investment in "
            "Spain, targeting cloud storage and logistics.\n",
            "2026-03-02");
    e = project(&l, "Northwind");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->country, "ES");
        CHECK_NUM(e->amount_value, 4e9);
    }
    event_list_free(&l);
}

/* "MoU", "JV", "Initially", a person's conglomerate: not who */
static void not_names(void)
{
    event_list l = run("Tessaro signs MoU to build 500MW campus in Gujarat, India\n"
                       "Tessaro, a joint venture of two Indian conglomerates, has signed an MoU with the "
                       "Gujarat government to develop a 500MW data center campus in Ahmedabad.\n"
                       "The JV already runs a 30MW facility in Pune and is building a 50MW data center in "
                       "Hyderabad.\n",
                       "2026-02-10");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 1);
    CHECK(project(&l, "Tessaro") != NULL);
    CHECK(project(&l, "MoU") == NULL && project(&l, "JV") == NULL);
    event_list_free(&l);

    l = run("Deals\n"
            "Tycoon Arvind Rao's conglomerate will invest Rs 20,000 crore in data centres across the "
            "country.\n"
            "Halvorsen Group's cloud unit will invest $1 billion in a data centre in Oslo, Norway.\n",
            "2026-02-10");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 1);
    const event_t *e = project(&l, "Halvorsen Group");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->country, "NO");
    event_list_free(&l);
}

/* a government programme: the body that approves it, the amount told in
 * the next sentence, crore */
static void government_programme(void)
{
    event_list l = run("Compute news\n"
                       "The Union cabinet on Wednesday cleared a national AI compute mission, along with "
                       "other measures.\n"
                       "The Rs 8,000 crore AI mission will fund 20,000 GPUs for startups.\n",
                       "2026-01-15");
    const event_t *e = project(&l, "Union cabinet");
    CHECK(e != NULL);
    if (e) {
        CHECK_NUM(e->amount_value, 8e10);
        CHECK_STR(e->currency, "INR");
    }
    event_list_free(&l);

    l = run("France backs national compute\n"
            "The French government approved a 1.2 billion euro national AI computing programme on "
            "Wednesday, officials said.\n",
            "2026-01-15");
    e = project(&l, "French government");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->country, "FR");
    event_list_free(&l);

    l = run("Korea to build national AI computing center\n"
            "The Ministry of Digital Affairs said Thursday it will build a national AI computing "
            "center in Daejeon, investing 1.1 trillion won with private partners.\n",
            "2026-01-15");
    CHECK(project(&l, "Ministry of Digital Affairs") != NULL);
    event_list_free(&l);
}

/* the subject of the verb's clause: intro phrases, datelines, owners and
 * descriptors skipped; a passive's agent */
static void who_builds(void)
{
    event_list l = run("Regional news\n"
                       "According to a filing, Cipher Peak plans to build a 300 MW data center in "
                       "Texas.\n",
                       "2026-02-01");
    CHECK(project(&l, "Cipher Peak") != NULL);
    event_list_free(&l);

    l = run("Veridian Infra expands\n"
            "MUMBAI: Veridian Infra will invest Rs 4,500 crore to set up a 60 MW data centre in "
            "Chennai over the next three years.\n",
            "2026-02-01");
    const event_t *e = project(&l, "Veridian Infra");
    CHECK(e != NULL);
    if (e) {
        CHECK_NUM(e->amount_value, 4.5e10);
        CHECK_NUM(e->capacity_mw, 60);
        CHECK_STR(e->country, "IN");
    }
    event_list_free(&l);

    l = run("New campus for Arizona\n"
            "The 400 MW campus near Phoenix, Arizona, will be built by Helix Energy and is expected "
            "to cost $3 billion.\n",
            "2026-02-01");
    e = project(&l, "Helix Energy");
    CHECK(e != NULL);
    if (e)
        CHECK_NUM(e->amount_usd, 3e9);
    event_list_free(&l);

    /* a consortium's leader; a supplier is not the builder */
    l = run("Big build\n"
            "A consortium led by Brookvale Partners will build a $6 billion AI campus in Alberta, "
            "Canada.\n"
            "Schneider Electric will provide power systems for the data center being built by Tessaro "
            "in Pune.\n",
            "2026-02-01");
    CHECK(project(&l, "Brookvale Partners") != NULL);
    CHECK(project(&l, "Tessaro") != NULL);
    CHECK(project(&l, "Schneider Electric") == NULL);
    event_list_free(&l);

    /* "X's Y": the owned name; "X and Y": the first partner */
    l = run("Norland moves into AI\n"
            "Norway's Norland Power and its cloud arm Fjordcompute will build a 200 MW data centre in "
            "Norway, the utility said on Tuesday.\n"
            "Fjordcompute is building the first hall in Narvik, the company said.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 1);
    CHECK(project(&l, "Norland Power") != NULL);
    event_list_free(&l);
}

/* a round's use of proceeds, a company's plans with no figure, what a
 * company does: not projects */
static void round_not_project(void)
{
    event_list l = run("Quillon raises $60 million\n"
                       "Quillon, a Dutch cloud startup, raised $60 million in a Series B round led by "
                       "Atomico to build data centres across Europe.\n"
                       "The company plans to open more data centres next year. Initially, Quillon aimed "
                       "to build eight data centers by 2030.\n"
                       "Quillon builds and operates GPU clusters for research labs.\n",
                       "2026-02-01");
    CHECK(count(&l, EVENT_FUNDING) == 1);
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);

    /* a stake in a company that powers data centres */
    l = run("Amazon backs fusion\n"
            "Amazon is investing in fusion startup Heliox to power its data centres with clean "
            "energy.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);

    /* a fund's size is not a project's amount */
    l = run("Gulf fund joins AI partnership\n"
            "The Qatar Investment Authority is joining a $25 billion fund to develop AI data centers "
            "worldwide.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);

    /* denied, called off */
    l = run("Regional news\n"
            "Google denied reports that it would build a data centre in Vietnam.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);
}

/* the article's project, and other organisations' builds told as context */
static void context_builds(void)
{
    event_list l = run("Arkwell to build $4 billion AI campus in Texas\n"
                       "Arkwell said on Thursday it will build a $4 billion AI campus in Abilene, Texas, "
                       "with 1 GW of capacity.\n"
                       "Rivals are moving too. Similarly, Brightline Compute is building a $2 billion data "
                       "centre in Ohio.\n"
                       "Corvane Cloud is investing $900 million in Georgia to expand data center "
                       "capacity.\n",
                       "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 1);
    const event_t *e = project(&l, "Arkwell");
    CHECK(e != NULL);
    if (e) {
        CHECK_NUM(e->amount_usd, 4e9);
        CHECK_NUM(e->capacity_mw, 1000);
    }
    event_list_free(&l);

    /* in a digest, a headline starts another story */
    l = run("Weekly digest\n"
            "Arkwell to build AI campus in Texas\n"
            "Arkwell said on Thursday it will build a $4 billion AI campus in Abilene, Texas.\n"
            "Brightline expands in Ohio\n"
            "Brightline Compute is building a $2 billion data centre in Columbus, Ohio.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 2);
    event_list_free(&l);

    /* in a list, each item is its own story */
    l = run("Roundup\n\n"
            "  \xE2\x80\xA2 Arkwell said it will build a $4 billion AI campus in Abilene, Texas.\n"
            "  \xE2\x80\xA2 Brightline Compute is building a $2 billion data centre in Ohio.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 2);
    event_list_free(&l);
}

/* two amounts for two projects of one organisation */
static void two_projects(void)
{
    event_list l = run("Vantara Cloud expands in Mexico\n"
                       "Vantara Cloud will spend $800 million on a 150 MW campus in Queretaro, Mexico, and "
                       "another $300 million on an edge data centre in Monterrey, the company said.\n",
                       "2026-02-01");
    const event_t *e = project(&l, "Vantara Cloud");
    CHECK(e != NULL);
    if (e) {
        CHECK_NUM(e->amount_usd, 8e8);
        CHECK_NUM(e->capacity_mw, 150);
    }
    event_list_free(&l);
    /* the merge keeps them apart: the same organisation, two stated amounts */
    event_t a = {0}, b = {0};
    a.organization = "Vantara Cloud";
    b.organization = "Vantara Cloud";
    a.amount_value = 8e8, b.amount_value = 3e8;
    a.amount_usd = 8e8, b.amount_usd = 3e8;
    memcpy(a.currency, "USD", 4);
    memcpy(b.currency, "USD", 4);
    CHECK(!infra_same(&a, &b));
    b.amount_value = NAN, b.amount_usd = NAN;
    CHECK(infra_same(&a, &b)); /* a detail told without the figure */
    b.organization = "Corvane";
    CHECK(!infra_same(&a, &b));
}

/* spending guidance and builds told in passing are not projects; an
 * amount told with the facility in the next sentence is the project's */
static void guidance_and_passing(void)
{
    event_list l = run("Hyperscalers keep spending\n"
                       "Corvane expects to spend between $40 billion and $45 billion this year, much of it "
                       "on data centers.\n"
                       "Brightline said it would spend $30 billion on AI data centers in fiscal 2027.\n"
                       "Shares of Vertiv rose after Tarrow said it will invest $60 billion in AI data "
                       "centers this year.\n",
                       "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);

    l = run("Orbis shares jump on supply deal\n"
            "Shares of Orbis Cloud jumped 12% on Tuesday after the company signed a $9 billion deal to "
            "supply GPU capacity to a hyperscaler.\n"
            "Orbis Cloud is also building data centers in Finland and Iceland.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);

    l = run("New campus opens\n"
            "Sarvam Compute on Monday opened its 50 MW data centre in Greater Noida, India, the company "
            "said in a statement.\n"
            "The Rs 2,500 crore facility will host 8,000 GPUs.\n",
            "2026-02-01");
    const event_t *e = project(&l, "Sarvam Compute");
    CHECK(e != NULL);
    if (e) {
        CHECK_NUM(e->amount_value, 2.5e10);
        CHECK_NUM(e->capacity_mw, 50);
    }
    event_list_free(&l);
}

/* a country as the actor of a national programme, only with an amount; a
 * supplier's contract is not a project; the owner of the project noun */
static void countries_and_contracts(void)
{
    event_list l = run("Compute plan\n"
                       "Japan will spend 1 trillion yen to build a national AI supercomputer in Kashiwa, "
                       "the trade ministry said.\n"
                       "Vietnam is launching a large-scale data centre build-out to become a hub for AI.\n",
                       "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 1);
    const event_t *e = project(&l, "Japan");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->country, "JP");
    event_list_free(&l);

    l = run("Lumen signs deal with Corvane\n"
            "Lumen Grid has signed a multibillion-dollar agreement with Corvane to deploy AI "
            "infrastructure powered by Nvidia GPUs, Lumen Grid said.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);

    l = run("Finland build\n"
            "Construction has started on Kestrel Compute's $2 billion data centre near Kajaani, "
            "Finland.\n",
            "2026-02-01");
    CHECK(project(&l, "Kestrel Compute") != NULL);
    event_list_free(&l);
}

/* an amount in a state with the data centres told next; a round's
 * investor is not the builder */
static void plans_and_investors(void)
{
    event_list l = run("Corvane in Texas\n"
                       "Corvane will invest $40 billion in Texas through 2028, the company said on Friday.\n"
                       "The money will go to three new data center campuses in Armstrong County.\n",
                       "2026-02-01");
    const event_t *e = project(&l, "Corvane");
    CHECK(e != NULL);
    if (e)
        CHECK_NUM(e->amount_usd, 4e10);
    event_list_free(&l);

    l = run("Retail push\n"
            "Corvane will invest $4 billion in Texas through 2028 to open new stores, the retailer "
            "said.\n",
            "2026-02-01");
    CHECK(count(&l, EVENT_INFRASTRUCTURE) == 0);
    event_list_free(&l);
}

/* issue 14: a project says where (the site after its noun, in the
 * sentence's words), how big (MW and GPUs) and who pays (the names after
 * "financed by", "backed by", "with financing from") */
static void where_how_big_who_pays(void)
{
    event_list l = run("Tessaro Cloud plans Leeds AI data centre\n"
                       "Tessaro Cloud will build a 200 MW AI data centre in Leeds that will house 24,000 "
                       "Nvidia Blackwell GPUs at a cost of $1.5 billion, financed by Harbour Infrastructure "
                       "Bank and Ostrava Capital, the company said on Tuesday.\n",
                       "2026-03-10");
    const event_t *e = project(&l, "Tessaro Cloud");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->what, "AI data centre in Leeds");
        CHECK_NUM(e->capacity_mw, 200);
        CHECK_NUM(e->gpus, 24000);
        CHECK(e->n_investors == 2);
        if (e->n_investors == 2) {
            CHECK_STR(e->investors[0], "Harbour Infrastructure Bank");
            CHECK_STR(e->investors[1], "Ostrava Capital");
        }
    }
    event_list_free(&l);
    /* "near the Arctic port of X" is a site; "in Arctic north" is not; a
     * backer told as "a consortium of ..." is no name; no GPUs told: none */
    l = run("Veld Compute to build AI factory\n"
            "Veld Compute plans to build a 90 MW AI factory near the Arctic port of Kirkenes, at a cost "
            "of about $700 million, backed by a consortium of regional utilities.\n",
            "2026-03-10");
    e = project(&l, "Veld Compute");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->what, "AI factory near the Arctic port of Kirkenes");
        CHECK(isnan(e->gpus));
        CHECK(e->n_investors == 0);
    }
    event_list_free(&l);
    l = run("Veld Compute plans $700 million, 90MW AI data centre in Arctic north\n\n"
            "The site will hold up to 100k accelerators and 8 GPUs per server rack.\n",
            "2026-03-10");
    e = project(&l, "Veld Compute");
    CHECK(e != NULL);
    if (e)
        CHECK(e->what && !strstr(e->what, "Arctic"));
    event_list_free(&l);
    /* a count of GPUs per server, or of clusters, is not the site's */
    l = run("Orsa Grid plans AI campus\n"
            "Orsa Grid will build a 150 MW AI campus in Tromso with 16 GPU clusters of 8 GPUs per server, "
            "the company said.\n",
            "2026-03-10");
    e = project(&l, "Orsa Grid");
    CHECK(e != NULL);
    if (e) {
        CHECK(isnan(e->gpus));
        CHECK_STR(e->what, "AI campus in Tromso");
    }
    event_list_free(&l);
}

int main(void)
{
    RUN(country_plan);
    RUN(not_names);
    RUN(government_programme);
    RUN(who_builds);
    RUN(round_not_project);
    RUN(context_builds);
    RUN(two_projects);
    RUN(guidance_and_passing);
    RUN(countries_and_contracts);
    RUN(plans_and_investors);
    RUN(where_how_big_who_pays);
    CHECK_DONE();
}
