/* test_analyze: whole articles to events: the cases that must not go wrong. */
#include <math.h>
#include <string.h>

#include "analyze/analyze.h"
#include "check.h"
#include "analyze_check.h"

static const event_t *find(const event_list *l, event_type t, int k)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == t && k-- == 0)
            return &l->items[i];
    return NULL;
}

static void press_release(void)
{
    event_list l = run("Fractile raises $40 million Series B\n"
                       "LONDON, March 3, 2026 /PRNewswire/ -- Fractile Ltd., a London-based developer of "
                       "AI inference chips, today announced it has closed a $40 million Series B financing "
                       "led by Kindred Capital, with participation from existing investors Oxford Science "
                       "Enterprises and Inovia Capital. The round brings the company's total funding to "
                       "$55 million.\nThe company previously raised a $15 million seed round in 2024.\n",
                       "2026-03-03");
    CHECK(count(&l, EVENT_FUNDING) == 1); /* headline and body told once; total and history not */
    const event_t *e = find(&l, EVENT_FUNDING, 0);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->company, "Fractile");
        CHECK_STR(e->country, "GB");
        CHECK_STR(e->round, "Series B");
        CHECK_NUM(e->amount_usd, 40e6);
        CHECK(e->n_lead == 1 && strcmp(e->lead_investors[0], "Kindred Capital") == 0);
        CHECK(e->n_investors == 3);
        CHECK(e->sentence != NULL && e->confidence > 0 && e->confidence <= 1);
    }
    event_list_free(&l);
}

static void investor_not_company(void)
{
    event_list l = run("Nvidia-backed Quiver raises $275 million\n"
                       "May 13 (Reuters) - Quiver, a robotics software startup backed by Nvidia, said on "
                       "Wednesday it had raised $275 million in a Series C round led by Nvidia and "
                       "Salesforce Ventures, valuing the company at $3.1 billion.\n",
                       "2026-05-13");
    const event_t *e = find(&l, EVENT_FUNDING, 0);
    CHECK(count(&l, EVENT_FUNDING) == 1);
    if (e) {
        CHECK_STR(e->company, "Quiver");
        CHECK_STR(e->round, "Series C");
        CHECK_NUM(e->valuation_usd, 3.1e9);
        CHECK(e->n_lead == 2);
    }
    event_list_free(&l);
}

static void not_events(void)
{
    event_list l = run("Ember in talks to raise funds\n"
                       "Ember is in talks with investors to raise about $500 million in a round that "
                       "would value it at roughly $5 billion, people familiar said. Ember raised $120 "
                       "million in a Series A last June. The market for AI chips could reach $400 "
                       "billion by 2030. Its annual recurring revenue passed $80 million.\n",
                       "2026-04-02");
    CHECK(count(&l, EVENT_FUNDING) == 0);
    event_list_free(&l);
}

static void deals_and_stocks(void)
{
    event_list l = run("Nvidia to buy Run:ai\n"
                       "Nvidia has agreed to acquire Israeli startup Run:ai for about $700 million. "
                       "Shares of Nvidia rose 2.3% to $875.20, while AMD fell 1.1%.\n",
                       "2026-04-24");
    const event_t *a = find(&l, EVENT_ACQUISITION, 0);
    CHECK(a != NULL);
    if (a) {
        CHECK_STR(a->acquirer, "Nvidia");
        CHECK_STR(a->target, "Run:ai");
        CHECK_NUM(a->price_usd, 700e6);
    }
    CHECK(count(&l, EVENT_STOCK_MOVE) == 2);
    const event_t *s = find(&l, EVENT_STOCK_MOVE, 1);
    if (s) {
        CHECK_STR(s->company, "AMD");
        CHECK_NUM(s->change_pct, -1.1);
    }
    event_list_free(&l);
}

static void ticker_in_name(void)
{
    event_list l = run("Markets close\nShares of Orvane Systems (NYSE: ORVN) rose 3.2% on Tuesday to close "
                       "at $41.10 after the chipmaker raised its forecast.\n", "2026-03-03");
    const event_t *e = find(&l, EVENT_STOCK_MOVE, 0);
    CHECK(e != NULL);
    if (e) {
        CHECK(e->company && strchr(e->company, '(') == NULL);
        CHECK_STR(e->ticker, "ORVN");
        CHECK_NUM(e->change_pct, 3.2);
    }
    event_list_free(&l);
}

static void foreign_money(void)
{
    event_list l = run("Seeds secures funding\n"
                       "Seeds, founded by a former NVIDIA scientist, secured 1 billion yuan (~$140 million) "
                       "to develop embodied AI datasets.\n",
                       "2026-03-16");
    const event_t *e = find(&l, EVENT_FUNDING, 0);
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->company, "Seeds");
        CHECK_STR(e->currency, "CNY");
        CHECK_NUM(e->amount_value, 1e9);
        CHECK_NUM(e->amount_usd, 140e6);
    }
    event_list_free(&l);
}

static void hostile(void)
{
    event_list l = run("", NULL);
    CHECK(l.n == 0);
    event_list_free(&l);
    static char junk[100000];
    for (size_t i = 0; i < sizeof junk - 1; i++)
        junk[i] = (char)(i * 131 % 251 + 1);
    l = run(junk, "2026-01-01");
    event_list_free(&l);
    memset(junk, '$', sizeof junk - 1);
    l = run(junk, NULL);
    CHECK(l.n == 0);
    event_list_free(&l);
}

int main(void)
{
    RUN(press_release);
    RUN(investor_not_company);
    RUN(not_events);
    RUN(deals_and_stocks);
    RUN(ticker_in_name);
    RUN(foreign_money);
    RUN(hostile);
    CHECK_DONE();
}
