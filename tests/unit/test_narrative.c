/* narrative_check: a writer's sentences against the facts they must come
 * from (src/publish/narrative.c); no network. */
#include "check.h"
#include "publish/narrative.h"

static const int c1[] = {1, 2}, c2[] = {3}, c3[] = {4};
static const narrative_fact facts[] = {
    {"3 events in this theme: 3 funding rounds.", NULL, 0},
    {"The rounds raised $610 million in all.", NULL, 0},
    {"The largest is Orrin Fabric's $500 million Series B round.", c1, 2},
    {"Where a country is stated: Germany (2).", c2, 1},
    {"Repeat investors: Halcyon Capital backed 2 of the rounds.", c3, 1},
};
#define NF (sizeof facts / sizeof facts[0])

static void keeps_what_the_facts_say(void)
{
    narrative_result r;
    size_t n = narrative_check("Three funding rounds raised $610 million. Orrin Fabric led with a $500 million "
                               "Series B round, and Halcyon Capital backed 2 of them.",
                               facts, NF, &r);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(r.s[0].text, "Three funding rounds raised $610 million.");
        CHECK(r.s[0].ncites == 0);
        /* the second uses the facts of Orrin Fabric and Halcyon Capital: their citations */
        CHECK(r.s[1].ncites == 3);
    }
    narrative_result_free(&r);
}

static void drops_what_they_do_not(void)
{
    narrative_result r;
    size_t n = narrative_check("The rounds raised $610 million. A $700 million round came too. "
                               "Zorblax Dynamics raised the most. The rounds raised $610 billion. "
                               "France led the countries. In March the pace grew. Funding was strong.",
                               facts, NF, &r);
    CHECK(n == 1);
    CHECK(r.dropped == 6);
    narrative_result_free(&r);
}

int main(void)
{
    RUN(keeps_what_the_facts_say);
    RUN(drops_what_they_do_not);
    return check_failed_total ? 1 : 0;
}
