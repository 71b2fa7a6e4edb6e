/* The narrative checker (src/publish/narrative.c): a sentence of a model's
 * prose is kept only when every figure, name, place and date in it is in
 * the section's facts, and it carries the citations of the facts it uses. */
#include "check.h"
#include "analyze/event.h"
#include "publish/narrative.h"
#include "util/buf.h"
#include "util/str.h"

/* Two funding rounds and an acquisition, as the report hands them over. */
static narr_section *section(void)
{
    narr_section *s = narr_section_new("compute", "AI compute");
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_FUNDING);
    e->company = xstrdup("Nscale");
    e->country = xstrdup("GB");
    e->descriptor = xstrdup("a UK-based AI data center startup");
    e->amount_value = 2e9;
    memcpy(e->currency, "USD", 4);
    e->amount_usd = 2e9;
    e->round = xstrdup("Series C");
    e->n_lead = 1;
    e->lead_investors = xcalloc(1, sizeof *e->lead_investors);
    e->lead_investors[0] = xstrdup("Aker");
    e->n_investors = 2;
    e->investors = xcalloc(2, sizeof *e->investors);
    e->investors[0] = xstrdup("Aker");
    e->investors[1] = xstrdup("Nokia");
    e = event_list_add(&l, EVENT_FUNDING);
    e->company = xstrdup("Mistral AI");
    e->country = xstrdup("FR");
    e->amount_value = 8.5e7;
    memcpy(e->currency, "EUR", 4);
    e->amount_usd = 9.18e7;
    e->round = xstrdup("Series A");
    e = event_list_add(&l, EVENT_ACQUISITION);
    e->acquirer = xstrdup("Helio Systems");
    e->target = xstrdup("Quarkpoint");
    e->price_usd = 4.5e8;
    const char *dates[] = {"2026-03-16T09:00:00Z", "2026-03-02", "2026-02-20"};
    int cites[][2] = {{1, 2}, {3, 0}, {4, 0}};
    size_t ncites[] = {2, 1, 1};
    for (size_t i = 0; i < l.n; i++) {
        narr_section_tally(s, &l.items[i]);
        narr_section_event(s, &l.items[i], dates[i], cites[i], ncites[i]);
    }
    narr_section_period(s, "2026-02-01", "2026-03-20");
    event_list_free(&l);
    return s;
}

static void keeps_facts_with_their_citations(void)
{
    narr_section *s = section();
    size_t n = narr_check(s, "Nscale raised $2 billion in a Series C round led by Aker. "
                             "Helio Systems is buying Quarkpoint for $450 million.");
    CHECK(n == 2);
    CHECK(s->dropped == 0);
    if (n == 2) {
        CHECK_STR(s->out[0].text, "Nscale raised $2 billion in a Series C round led by Aker.");
        CHECK(s->out[0].ncites == 2 && s->out[0].cites[0] == 1 && s->out[0].cites[1] == 2);
        CHECK(s->out[1].ncites == 1 && s->out[1].cites[0] == 4);
    }
    narr_section_free(s);
}

static void amounts_in_any_spelling(void)
{
    const char *ok[] = {
        "Nscale raised 2bn dollars.", "Nscale raised $2,000 million.", "Nscale raised US$2B.",
        "Nscale's round came to two billion dollars.", "Mistral AI raised \xe2\x82\xac" "85 million.",
        "Mistral AI raised about $92 million.", "Nscale raised $2\xc2\xa0" "billion.", "The rounds raised $2.09 billion in all.",
        "The theme counts 3 events, 2 of them funding rounds.", "Nscale raised $2.0 billion on March 16, 2026.",
        "On 16 March Nscale closed its round.", "In 2026 Nscale raised $2 billion.",
        "**Nscale** raised $2 billion [1].", "The UK-based Nscale raised $2 billion.",
        "Nscale\xe2\x80\x99s round \xe2\x80\x94 $2 billion \xe2\x80\x94 was led by Aker.",
        "\xe2\x80\x9cNscale\xe2\x80\x9d raised $2 billion.",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        narr_section *s = section();
        size_t n = narr_check(s, ok[i]);
        if (n != 1)
            printf("  dropped: %s (%s)\n", ok[i], s->first_drop ? s->first_drop : "");
        CHECK(n == 1);
        narr_section_free(s);
    }
}

static void drops_invented_figures(void)
{
    const char *bad[] = {
        "Nscale raised $2.5 billion.", "Nscale raised 3bn dollars.", "Nscale raised $200 million.",
        "Nscale's revenue grew 40%.", "The theme counts 7 events.", "Nscale raised $2 billion in 2024.",
        "Nscale raised $2 billion on March 18.", "Nscale raised $2 billion in April.",
        "Nscale raised $450 million.", /* Quarkpoint's price put on Nscale */
        "Nscale plans 500 MW of capacity.", "Nscale raised five rounds.",
        "Aker led Mistral AI's \xe2\x82\xac" "85 million round.", /* Aker backed Nscale */
        "Nokia backed Mistral AI.",
        "Nscale raised $2 billion on February 20.", /* Helio Systems' date */
        "Nscale raised $2 million.", "Mistral AI raised \xe2\x82\xac" "85 billion.", /* the right number, the wrong unit */
        "Mistral AI raised \xe2\x82\xac" "95 million.", "Mistral AI raised \xc2\xa3" "85 million.",
        "Nscale raised $3\xc2\xa0" "billion.", /* a no-break space: $3 billion, not a count of 3 */
        "Nscale raised $3\xe2\x80\xaf" "billion.", "Nscale raised \xe2\x80\x94" "3bn dollars.",
        "Nscale raised \xc3\xa9" "3bn dollars.", "Nscale raised $3.", /* a count is no amount */
        "The rounds raised \xe2\x82\xac" "2.09 billion in all.",
        "Nscale raised two hundred million dollars.", "The theme counts thirty events.",
        "The theme counts twenty-five events.", "Nscale raised half a billion dollars.",
        "Nscale raised a billion dollars.", "Nscale's valuation doubled.",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        narr_section *s = section();
        size_t n = narr_check(s, bad[i]);
        if (n != 0)
            printf("  kept: %s\n", bad[i]);
        CHECK(n == 0 && s->dropped == 1);
        narr_section_free(s);
    }
}

static void drops_invented_names_and_places(void)
{
    const char *bad[] = {
        "Nscale raised $2 billion, led by Sequoia Capital.", "Zentrix Labs also raised $2 billion.",
        "Nscale raised $2 billion in a round with Nokia and Orbital Ventures.",
        "Nscale, based in Germany, raised $2 billion.", "Nscale raised $2 billion in Tokyo.",
        "Analysts at Goldman Sachs expect more rounds.", "Nscale raised $2 billion with xAI.",
        "Nscale raised $2 billion with \xc3\x98rsted.", "Nscale raised $2 billion from eBay.",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        narr_section *s = section();
        size_t n = narr_check(s, bad[i]);
        if (n != 0)
            printf("  kept: %s\n", bad[i]);
        CHECK(n == 0);
        narr_section_free(s);
    }
}

/* Organisations of different facts named together: a list is kept, a
 * relation no fact states is dropped (issue 14). */
static void drops_relations_no_fact_states(void)
{
    const char *bad[] = {
        "Nscale is buying Mistral AI.", "Nscale bought Quarkpoint.", "Mistral AI was backed by Nscale.",
        "Nscale and Mistral AI agreed to merge.", "Nscale, which owns Mistral AI, grew.",
        "Mistral AI partnered with Nscale.", "Helio Systems took over Nscale.",
        "Nscale's Mistral AI unit grew.", "Nscale with Mistral AI leads the section.",
        "Nscale and Helio Systems are rivals.", "Aker backed Nscale and Quarkpoint.",
        "Backed by Nscale, Mistral AI raised \xe2\x82\xac" "85 million.",
        "Nscale raised $2 billion from Helio Systems.",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        narr_section *s = section();
        size_t n = narr_check(s, bad[i]);
        if (n != 0)
            printf("  kept: %s\n", bad[i]);
        CHECK(n == 0 && s->dropped == 1);
        if (n == 0 && !(s->first_drop && strstr(s->first_drop, "the companies '")))
            printf("  dropped for another reason: %s (%s)\n", bad[i], s->first_drop ? s->first_drop : "");
        CHECK(n != 0 || (s->first_drop && strstr(s->first_drop, "the companies '")));
        narr_section_free(s);
    }
    /* more names than the checker holds: dropped, not half checked */
    buf_t many;
    buf_init(&many, 0);
    for (int i = 0; i < 30; i++)
        buf_puts(&many, "Nscale, ");
    buf_puts(&many, "Nscale bought Mistral AI.");
    narr_section *sm = section();
    CHECK(narr_check(sm, buf_str(&many)) == 0);
    narr_section_free(sm);
    buf_free(&many);
    const char *ok[] = {
        "Nscale raised $2 billion, while Mistral AI raised \xe2\x82\xac" "85 million.",
        "Nscale led the section with $2 billion, followed by Mistral AI.",
        "Helio Systems is buying Quarkpoint, and Nscale raised $2 billion.",
        "Nscale and Mistral AI raised $2.09 billion in all.",
        "Nscale's round was larger than Mistral AI's.",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        narr_section *s = section();
        size_t n = narr_check(s, ok[i]);
        if (n != 1)
            printf("  dropped: %s (%s)\n", ok[i], s->first_drop ? s->first_drop : "");
        CHECK(n == 1);
        narr_section_free(s);
    }
}

static void keeps_good_sentences_beside_bad(void)
{
    narr_section *s = section();
    size_t n = narr_check(s, "Nscale raised $2 billion. Nscale also raised $9 billion from Vortex Partners. "
                             "Mistral AI raised \xe2\x82\xac" "85 million in a Series A round.");
    CHECK(n == 2);
    CHECK(s->dropped == 1);
    CHECK(s->first_drop && strstr(s->first_drop, "'9 billion'"));
    if (n == 2)
        CHECK(s->out[1].ncites == 1 && s->out[1].cites[0] == 3);
    narr_section_free(s);
}

static void a_sentence_stating_nothing_is_dropped(void)
{
    narr_section *s = section();
    CHECK(narr_check(s, "Momentum looks set to continue.") == 0);
    narr_section_free(s);
}

/* Answers of any shape: nothing read past its end, nothing kept that the
 * facts do not hold (run under the sanitizers too). */
static void odd_answers(void)
{
    const char *odd[] = {
        "", " ", "[", "[1", "]", "$", "$$$", "%", "1e308", "123456789012345678901234567890 dollars.",
        "May.", "May", "16 March", "16 March 2", "March 16,", "2026-13-45", "2026-03-16",
        "\xe2\x80\x99s", "Nscale\xe2\x80\x99s", "'s", "&", "A & B of C de D", "US$", "US$.", "-2%", "2bn",
        "two", "twenty billion", "<", "<b", "<b>Nscale</b> raised $2 billion.", "1.", "1.5.", "...", "Mr. X.",
        "\xff\xfe\xfd", "Nscale raised $2 billion\n\nAker led it [1][2].",
    };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        narr_section *s = section();
        narr_check(s, odd[i]);
        for (size_t k = 0; k < s->nout; k++)
            CHECK(strstr(s->out[k].text, "<") == NULL);
        narr_section_free(s);
    }
    narr_section *s = section();
    CHECK(narr_check(s, "<b>Nscale</b> raised $2 billion.") == 1);
    if (s->nout)
        CHECK_STR(s->out[0].text, "Nscale raised $2 billion.");
    narr_section_free(s);
    /* a reasoning model's thoughts are not the answer */
    s = section();
    CHECK(narr_check(s, "<think>The user wants prose. Nscale raised $2 billion, so I say that.</think>\n\n"
                        "Nscale raised $2 billion.") == 1);
    if (s->nout)
        CHECK_STR(s->out[0].text, "Nscale raised $2 billion.");
    narr_section_free(s);
    s = section();
    CHECK(narr_check(s, "<think>Nscale raised $2 billion. Let me") == 0);
    narr_section_free(s);
    /* a long answer: at most 12 sentences kept */
    buf_t b;
    buf_init(&b, 0);
    for (int i = 0; i < 40; i++)
        buf_puts(&b, "Nscale raised $2 billion. ");
    s = section();
    CHECK(narr_check(s, buf_str(&b)) == 12);
    narr_section_free(s);
    buf_free(&b);
}

/* Prose as a model writes it, every claim in the facts: kept. */
static void natural_prose(void)
{
    const char *ok[] = {
        "Funding dominated AI compute, led by Nscale's $2 billion Series C round.",
        "UK-based Nscale, a UK-based AI data center startup, closed a $2 billion Series C led by Aker, with Nokia also investing.",
        "In France, Mistral AI raised \xe2\x82\xac" "85 million (about $91.8 million) in a Series A round.",
        "The three events of the section include two funding rounds totalling $2.09 billion.",
        "Helio Systems agreed to buy Quarkpoint for $450 million in February 2026.",
        "Across the period from February 1 to March 20, 2026, the section counts 3 events.",
        "Nscale's round, announced on March 16, was the largest.",
        "Aker led the largest round of the section.", "On February 20, Helio Systems agreed to buy Quarkpoint.",
        "In March, Nscale raised $2 billion and Mistral AI \xe2\x82\xac" "85 million.",
        "Aker and Nokia backed Nscale, while Mistral AI raised \xe2\x82\xac" "85 million.",
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        narr_section *s = section();
        size_t n = narr_check(s, ok[i]);
        if (n != 1)
            printf("  dropped: %s (%s)\n", ok[i], s->first_drop ? s->first_drop : "");
        CHECK(n == 1);
        narr_section_free(s);
    }
}

static void facts_sent(void)
{
    narr_section *s = section();
    char *t = narr_facts_text(s);
    CHECK(strstr(t, "Section: AI compute\n") != NULL);
    CHECK(strstr(t, "1. funding; company: Nscale; who it is: a UK-based AI data center startup; country: GB; "
                    "amount: $2 billion; round: Series C; led by: Aker; investors: Aker, Nokia; date: 2026-03-16; sources: 1, 2\n") != NULL);
    CHECK(strstr(t, "Totals: 3 events; 2 funding rounds; 1 acquisitions; funding raised in all: $2.09 billion") != NULL);
    free(t);
    narr_section_free(s);
}

static void endpoint_rules(void)
{
    char why[256];
    narr_opts o = {.endpoint = "http://127.0.0.1:8080/v1"};
    CHECK(narr_opts_check(&o, why, sizeof why) == 0);
    o.key = "sk-test";
    CHECK(narr_opts_check(&o, why, sizeof why) == 0); /* loopback: the key may go */
    o.endpoint = "http://llm.example.com/v1";
    CHECK(narr_opts_check(&o, why, sizeof why) < 0 && strstr(why, "https"));
    o.endpoint = "https://llm.example.com/v1";
    CHECK(narr_opts_check(&o, why, sizeof why) == 0);
    o.endpoint = "https://user:pw@llm.example.com/v1";
    CHECK(narr_opts_check(&o, why, sizeof why) < 0);
    o.endpoint = "ftp://127.0.0.1/v1";
    CHECK(narr_opts_check(&o, why, sizeof why) < 0);
}

int main(void)
{
    RUN(keeps_facts_with_their_citations);
    RUN(amounts_in_any_spelling);
    RUN(drops_invented_figures);
    RUN(drops_invented_names_and_places);
    RUN(drops_relations_no_fact_states);
    RUN(keeps_good_sentences_beside_bad);
    RUN(a_sentence_stating_nothing_is_dropped);
    RUN(odd_answers);
    RUN(natural_prose);
    RUN(facts_sent);
    RUN(endpoint_rules);
    CHECK_DONE();
}
