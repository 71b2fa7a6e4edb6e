/* test_org: organisation names: boundaries, suffixes, descriptors, table. */
#include <stdlib.h>
#include <string.h>

#include "analyze/org.h"
#include "analyze/place.h"
#include "check.h"

/* The name that ends where "|" is written in s, cleaned (static). */
static const char *before(const char *s)
{
    static char out[256];
    const char *bar = strchr(s, '|');
    size_t b, l = org_name_before(s, 0, (size_t)(bar - s), &b);
    if (!l)
        return NULL;
    char *c = org_clean(s + b, l);
    if (!c)
        return NULL;
    snprintf(out, sizeof out, "%s", c);
    free(c);
    return out;
}

static const char *after(const char *s)
{
    static char out[256];
    size_t b, l = org_name_after(s, strlen(s), 0, &b);
    if (!l)
        return NULL;
    char *c = org_clean(s + b, l);
    if (!c)
        return NULL;
    snprintf(out, sizeof out, "%s", c);
    free(c);
    return out;
}

static void names_before_a_verb(void)
{
    CHECK_STR(before("London-based chip startup Fractile| raised"), "Fractile");
    CHECK_STR(before("Chinese AI Chip Designer Biren| Raises"), "Biren");
    CHECK_STR(before("Amber Semiconductor| raised"), "Amber Semiconductor");
    CHECK_STR(before("Kai Cyber Inc.| raised"), "Kai Cyber");
    CHECK_STR(before("UK-based Nscale| secured"), "Nscale");
    CHECK_STR(before("Nvidia-backed CoreWeave| rose"), "CoreWeave");
    CHECK_STR(before("Black Forest Labs| raised"), "Black Forest Labs");
    CHECK_STR(before("Mumbai-based Nilgiri Data Centres| has"), "Nilgiri Data Centres");
    CHECK_STR(before("SoftBank Group Corp| said"), "SoftBank Group");
    CHECK_STR(before("The| company"), NULL);
    CHECK_STR(before("in March| 2026"), NULL);
}

static void names_after_a_verb(void)
{
    CHECK_STR(after("Israeli startup Run:ai for $700 million"), "Run:ai");
    CHECK_STR(after("AI chip startup Rivos in a deal"), "Rivos");
    CHECK_STR(after("Wiz, a cloud security firm"), "Wiz");
    CHECK_STR(after("Dutch chip equipment maker ASML, valuing"), "ASML");
    CHECK_STR(after("xAI and others"), "xAI");
    CHECK_STR(after("for an undisclosed sum"), NULL);
}

static void cleaning(void)
{
    char *c = org_clean("Helix Fabric, Inc.", 18);
    CHECK_STR(c, "Helix Fabric");
    free(c);
    c = org_clean("\"Google's", 9);
    CHECK_STR(c, "Google");
    free(c);
    c = org_clean("Photonix Ltd", 12);
    CHECK_STR(c, "Photonix");
    free(c);
    CHECK(org_clean("...", 3) == NULL);
}

static void sameness(void)
{
    CHECK(org_same("Alibaba Group", "Alibaba"));
    CHECK(org_same("Rhoda AI", "Rhoda"));
    CHECK(org_same("Arm Holdings", "Arm"));
    CHECK(!org_same("Arm", "Amber"));
    CHECK(!org_same("", "x"));
}

static void tables(void)
{
    const org_info *o = org_lookup("Alibaba Group", 13);
    CHECK(o != NULL && strcmp(o->country, "CN") == 0);
    o = org_lookup("a16z", 4);
    CHECK(o != NULL && o->kind == ORG_INVESTOR);
    CHECK(org_lookup("Zzyzx Robotics", 14) == NULL);
    CHECK_STR(place_lookup("Paris", 5), "FR");
    CHECK_STR(place_lookup("Israeli", 7), "IL");
    CHECK_STR(place_lookup("UK", 2), "GB");
    CHECK(place_lookup("Pariss", 6) == NULL);
    size_t st;
    const char *s = "the San Francisco-based";
    CHECK_STR(place_ending_at(s, 0, 17, &st), "US");
    CHECK(st == 4);
}

int main(void)
{
    RUN(names_before_a_verb);
    RUN(names_after_a_verb);
    RUN(cleaning);
    RUN(sameness);
    RUN(tables);
    CHECK_DONE();
}
