/* product: launches read from whole articles (src/analyze/product.c): an
 * organisation launches a product; people, groups of people and things
 * that are no product (a video, a map, a person) make no launch. The
 * articles are our own, the names invented. */
#include "check.h"
#include "analyze_check.h"

static const event_t *launch(const event_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == EVENT_PRODUCT)
            return &l->items[i];
    return NULL;
}

/* Groups of people open sentences in capitals: police, scientists. */
static void groups_launch_nothing(void)
{
    static const char *const texts[] = {
        "Girl found safe\n"
        "Police released video showing officers carrying a girl out of a flat near Marlow "
        "Station on Tuesday.\n"
        "A spokesman for the Marlow police said the girl was unhurt.\n",
        "New map of a moon\n"
        "Scientists on Monday unveiled the first complete map of Orsa, the largest moon of a "
        "distant gas giant.\n",
        "Survey results\n"
        "Researchers released a study of sleep patterns among night-shift nurses in Quebec.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        event_list l = run(texts[i], "2026-03-10");
        if (count(&l, EVENT_PRODUCT))
            printf("  unexpected launch by %s in: %s", launch(&l)->company, strchr(texts[i], '\n') + 1);
        CHECK(count(&l, EVENT_PRODUCT) == 0);
        event_list_free(&l);
    }
}

/* People introduce people: a surname the article gives with a first name
 * or a title is a person, as subject or as object. */
static void people_are_not_organisations(void)
{
    event_list l = run("Varga joins Orbis on stage\n"
                       "Orbis chief executive Tomas Halloran opened the conference in Lyon.\n"
                       "Halloran introduced Varga to the audience as the best operator he had met.\n"
                       "Ilse Varga runs the logistics group Meridian Freight.\n",
                       "2026-03-10");
    CHECK(count(&l, EVENT_PRODUCT) == 0);
    event_list_free(&l);
    l = run("Keynote\n"
            "Jonas Tallis unveiled the Orbit X1 headset at the show on Tuesday.\n"
            "Tallis said the headset would ship in May.\n",
            "2026-03-10");
    CHECK(count(&l, EVENT_PRODUCT) == 0);
    event_list_free(&l);
    l = run("Keynote\n"
            "Mr. Okafor spoke first.\n"
            "Okafor released a statement on the merger after the meeting.\n",
            "2026-03-10");
    CHECK(count(&l, EVENT_PRODUCT) == 0);
    event_list_free(&l);
}

/* An organisation's object that is no product: a video, a report, the
 * name in a relation after them, a person. */
static void objects_that_are_no_products(void)
{
    static const char *const texts[] = {
        "Robot demo\n"
        "Korvel Systems released a video showing its Tern robot sorting parcels.\n",
        "Port delays\n"
        "Meridian Freight released a report on delays at the Harbor Line terminals.\n",
        "Orbit images\n"
        "Skyward Imaging unveiled the first images of the Orsa Ridge taken from orbit.\n",
        "New chief\n"
        "Orbis introduced Ilse Varga to investors on Tuesday.\n"
        "Varga said she would visit every warehouse in her first month.\n",
        "Audit\n"
        "Korvel Systems revealed that Tern Robotics had supplied its sorting arms.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        event_list l = run(texts[i], "2026-03-10");
        if (count(&l, EVENT_PRODUCT))
            printf("  unexpected launch of %s in: %s", launch(&l)->product, strchr(texts[i], '\n') + 1);
        CHECK(count(&l, EVENT_PRODUCT) == 0);
        event_list_free(&l);
    }
}

/* The subject is the launching verb's own: a name inside an earlier
 * clause ("the Strata") is not the one rolling out the pickup. */
static void subject_of_its_own_clause(void)
{
    event_list l = run("Motor show\n"
                       "Orvane Motors is showing a hybrid version of the Strata \xE2\x80\x94 its best "
                       "seller \xE2\x80\x94 while Kelvar Auto is rolling out the Ridgeline E, an "
                       "electric pickup.\n",
                       "2026-03-10");
    const event_t *e = launch(&l);
    CHECK(count(&l, EVENT_PRODUCT) == 1);
    if (e) {
        CHECK_STR(e->company, "Kelvar Auto");
        CHECK_STR(e->product, "Ridgeline E");
    }
    event_list_free(&l);
}

/* "X said that it is rolling out": it is X, not the company the article
 * (a digest) is mostly about. */
static void it_of_a_reporting_verb(void)
{
    event_list l = run("Orbis raises $40 million\n"
                       "Orbis, a Lyon-based maker of freight software, raised $40 million in a Series B "
                       "round led by Tallow Ventures.\n"
                       "In a post on Tuesday, Chirpline said that it is rolling out its Android app "
                       "worldwide this week.\n",
                       "2026-03-10");
    const event_t *e = launch(&l);
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->company, "Chirpline");
    event_list_free(&l);
}

/* Organisations' launches stay, a product after "a new version of" too. */
static void launches_stay(void)
{
    event_list l = run("Brightline ships Halo\n"
                       "Brightline Devices unveiled the Halo NPU, a neural processing unit for "
                       "thin laptops.\n",
                       "2026-03-10");
    const event_t *e = launch(&l);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->company, "Brightline Devices");
        CHECK_STR(e->product, "Halo");
    }
    event_list_free(&l);
    l = run("Tern update\n"
            "Korvel Systems launched a new version of its Tern vision model on Tuesday.\n",
            "2026-03-10");
    e = launch(&l);
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->company, "Korvel Systems");
    event_list_free(&l);
    /* a passive launch first ("was released"), the organisation's after it */
    l = run("Laptops\n"
            "Months after the last Vela 14 was released, Quillon has unveiled its Vela 16 Pro.\n",
            "2026-03-10");
    e = launch(&l);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->company, "Quillon");
        CHECK_STR(e->product, "Vela 16 Pro");
    }
    event_list_free(&l);
}

int main(void)
{
    RUN(groups_launch_nothing);
    RUN(people_are_not_organisations);
    RUN(objects_that_are_no_products);
    RUN(subject_of_its_own_clause);
    RUN(it_of_a_reporting_verb);
    RUN(launches_stay);
    return check_failed_total ? 1 : 0;
}
