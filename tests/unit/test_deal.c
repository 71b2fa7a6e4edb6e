/* test_deal: acquisitions read from whole texts: the shapes outlets use,
 * and the purchases, talks and histories that are not deals. Every text
 * here is our own writing. */
#include <math.h>
#include <string.h>

#include "analyze/analyze.h"
#include "check.h"

typedef struct want {
    const char *acquirer, *target;
    double price_usd; /* NAN: none told in dollars */
} want;

static event_list run(const char *text, const char *date)
{
    event_list l = {0};
    analyze_text(text, strlen(text), date, &l);
    return l;
}

static int deals(const event_list *l)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->items[i].type == EVENT_ACQUISITION;
    return n;
}

static const event_t *deal(const event_list *l, int k)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == EVENT_ACQUISITION && k-- == 0)
            return &l->items[i];
    return NULL;
}

/* The text gives exactly the deals in w (n of them), in order. */
static void expect(const char *text, const char *date, const want *w, int n)
{
    event_list l = run(text, date);
    CHECK(deals(&l) == n);
    if (deals(&l) != n)
        printf("  text: %s\n", text);
    for (int i = 0; i < n && i < deals(&l); i++) {
        const event_t *e = deal(&l, i);
        CHECK_STR(e->acquirer, w[i].acquirer);
        CHECK_STR(e->target, w[i].target);
        if (isnan(w[i].price_usd))
            CHECK(isnan(e->price_usd));
        else
            CHECK_NUM(e->price_usd, w[i].price_usd);
    }
    event_list_free(&l);
}

#define ONE(text, a, t, p) expect(text, "2026-06-10", (want[]){{a, t, p}}, 1)
#define NONE(text) expect(text, "2026-06-10", NULL, 0)

static void verbs(void)
{
    ONE("Orbital Systems agreed to buy Finnish AI lab Kesko Neural for $120 million in cash.\n",
        "Orbital Systems", "Kesko Neural", 120e6);
    ONE("Halvard Group snaps up robotics maker Tindle & Sons for $45 million\n", "Halvard Group",
        "Tindle & Sons", 45e6);
    ONE("Brightline Corp said on Monday it would buy Quorra Labs for $2.1 billion.\n", "Brightline",
        "Quorra Labs", 2.1e9);
    ONE("Sigma Payments acquires Nordic fintech Bankly for an undisclosed sum\n", "Sigma Payments",
        "Bankly", NAN);
    ONE("Kestrel Aerospace said it will buy drone maker Skyloft for $220 million, its third deal "
        "this year.\n", "Kestrel Aerospace", "Skyloft", 220e6);
    /* an adverb inside the verb chain, a bracket after the name */
    ONE("Handset chip designer Tavori Inc (TVR) plans to fully acquire network chip supplier "
        "Linmark Corp for $80 million.\n", "Tavori", "Linmark", 80e6);
    /* "has reached a deal to buy", the owner of the acquirer */
    ONE("Spain's Cortada has reached a deal to buy Portuguese cable operator Ribeira Net in an "
        "effort to grow at home.\n", "Cortada", "Ribeira Net", NAN);
    ONE("Glenmore Partners agreed to take Pembrook Software private in a deal valued at $1.4 "
        "billion.\n", "Glenmore Partners", "Pembrook Software", 1.4e9);
    ONE("Tessaract Semiconductor completed its acquisition of Millbrook Devices on Friday.\n",
        "Tessaract Semiconductor", "Millbrook Devices", NAN);
    ONE("Pemberton Inc launched a tender offer for Sallow Therapeutics.\n", "Pemberton",
        "Sallow Therapeutics", NAN);
    /* a participle after the main clause */
    ONE("Corran has just placed a $60m bet on optical memory, buying Lumeris Photonics.\n", "Corran",
        "Lumeris Photonics", NAN);
}

/* press releases and wires */
static void releases(void)
{
    ONE("SAN JOSE, Calif., March 3, 2026 /PRNewswire/ -- Acmetron, Inc. (NASDAQ: ACMT) today "
        "announced that it has entered into a definitive agreement to acquire Betalux Corp., a "
        "leading provider of edge security software, for $500 million in cash.\n",
        "Acmetron", "Betalux", 500e6);
    ONE("Acmetron Corp. (NYSE: ACM) and Betalux Inc. (NASDAQ: BTL) today announced that they have "
        "entered into a definitive agreement under which Acmetron will acquire Betalux for $40.00 "
        "per share in cash, or approximately $1.2 billion.\n", "Acmetron", "Betalux", 1.2e9);
    ONE("Acmetron completes acquisition of Betalux\n", "Acmetron", "Betalux", NAN);
    ONE("Chipmaker Acmetron bolsters AI push with Betalux acquisition\n", "Acmetron", "Betalux", NAN);
    ONE("Acmetron inks deal to buy Betalux\n", "Acmetron", "Betalux", NAN);
    ONE("Renesto Electronics Corp of Japan has agreed to acquire Betalux PLC.\n",
        "Renesto Electronics", "Betalux", NAN);
    ONE("Shares of Betalux jumped 30% after Acmetron agreed to buy the company for $2 billion.\n",
        "Acmetron", "Betalux", 2e9);
    ONE("Acmetron's $2 billion takeover of Betalux won approval from regulators on Tuesday.\n",
        "Acmetron", "Betalux", 2e9);
    ONE("Gammaro, which is being acquired by Acmetron for $2 billion, reported a loss.\n",
        "Acmetron", "Gammaro", 2e9);
    ONE("Acmetron will take full control of Betalux, the companies said.\n", "Acmetron", "Betalux",
        NAN);
    ONE("Among the day's movers, Betalux soared 40% on news that Acmetron will acquire it.\n",
        "Acmetron", "Betalux", NAN);
    ONE("Acmetron is reportedly buying Betalux for $900 million, according to people familiar "
        "with the matter.\n", "Acmetron", "Betalux", 900e6);
}

static void passives_and_offers(void)
{
    ONE("Shares of Velmora jumped 20% after the company said it had agreed to be acquired by "
        "Castellan Partners for $3 billion.\n", "Castellan Partners", "Velmora", 3e9);
    ONE("Zentara Systems agreed to sell itself to Lumen Holdings for $300 million.\n",
        "Lumen Holdings", "Zentara Systems", 300e6);
    ONE("Norrland Telecom has been acquired by Baltic Fibre, the companies said on Tuesday.\n",
        "Baltic Fibre", "Norrland Telecom", NAN);
    ONE("Ravensworth agreed to Holloway Capital's improved takeover offer of $2.5 billion.\n",
        "Holloway Capital", "Ravensworth", 2.5e9);
    ONE("The deal for Corvid Networks, which Arlen Technologies agreed to acquire for $650 million, "
        "is expected to close next year.\n", "Arlen Technologies", "Corvid Networks", 650e6);
}

static void names(void)
{
    /* a ticker bracket on the acquirer, an appositive target */
    ONE("Advanced Micro Devices (AMD) agreed to acquire Zentara Systems for $4.9 billion.\n",
        "Advanced Micro Devices", "Zentara Systems", 4.9e9);
    ONE("Telvia S.A. (ADR) (NYSE:TLV) agreed on Tuesday to buy Italy's fourth-largest fixed-line "
        "operator, Fibrano, from its owner Grupo Sella, for 2 billion euros ($2.2 billion).\n",
        "Telvia", "Fibrano", 2.2e9);
    /* a lower-case brand */
    ONE("Halcyon Retail acquires UK-based shelf analytics provider q.metrics\n", "Halcyon Retail",
        "q.metrics", NAN);
    /* two targets */
    expect("Pavoni Group will acquire Italian payments firm Satispay Nord and German lender "
           "Kreditwerk.\n", "2026-06-10",
           (want[]){{"Pavoni Group", "Satispay Nord", NAN}, {"Pavoni Group", "Kreditwerk", NAN}}, 2);
    /* another clause, another deal */
    expect("Acmetron agreed to buy Betalux for $2 billion last week, and on Monday it said it would "
           "also buy Gammaro.\n", "2026-06-10",
           (want[]){{"Acmetron", "Betalux", 2e9}, {"Acmetron", "Gammaro", NAN}}, 2);
    /* a common noun is the subject, a demonym is no buyer */
    ONE("Halvorsen has agreed to acquire Brandt Semiconductor, marking another European chip "
        "company being sold to Asian investors.\n", "Halvorsen", "Brandt Semiconductor", NAN);
    /* a controlling stake */
    ONE("Varanasi Group to buy majority stake in FreshKart for Rs 900 crore\n", "Varanasi Group",
        "FreshKart", NAN);
}

static void roles(void)
{
    /* the partner of "an agreement with Y to purchase the chipmaker" */
    ONE("Corvex announced Tuesday that it has reached an agreement with Lindqvist Semiconductors "
        "to purchase the Swedish chipmaker.\n", "Corvex", "Lindqvist Semiconductors", NAN);
    /* "X and Y said ... for the Japanese chipmaker to buy the chip designer" */
    ONE("Hoshino Electronics Corp and Brandt Semiconductor said on Monday they had agreed for the "
        "Japanese chipmaker to buy the Munich-listed chip designer for $4 billion in cash.\n",
        "Hoshino Electronics", "Brandt Semiconductor", 4e9);
    /* "its acquisition of": the sentence's subject */
    ONE("Quillon Systems saw its shares climb 5% on Wednesday after the announcement of its "
        "acquisition of Marten AI, a Danish research lab.\n", "Quillon Systems", "Marten AI", NAN);
    /* "it" after a verb of saying */
    ONE("Along with its quarterly results, security specialist Pallid (PLD) announced that it has "
        "acquired threat research firm Ombra Labs.\n", "Pallid", "Ombra Labs", NAN);
}

static void not_deals(void)
{
    NONE("Ferrow Energy is in talks to buy Daneshill Power for about $1 billion, people familiar "
         "with the matter said.\n");
    NONE("Intel Corp is close to a deal to buy Altara Corp for about $15 billion.\n");
    NONE("Calder Motors terminated its agreement to acquire Wexley Batteries.\n");
    NONE("Calder Motors and Wexley Batteries agreed to merge in an all-stock merger of equals.\n");
    NONE("Ostrava Labs signed a licensing deal with Pinecrest Bio to use its antibody platform.\n");
    NONE("Quanta Robotics acquired the team behind Lumo AI in an acqui-hire.\n");
    NONE("Marlow Cloud bought a 10 percent stake in Quillon Data for $30 million.\n");
    NONE("Marlow Cloud bought the assets of Quillon Data for $30 million.\n");
    NONE("Marlow Cloud bought a plot of land in Texas for $30 million.\n");
    NONE("Microsoft will buy Nvidia processors worth $10 billion over five years.\n");
    NONE("The board of Ravensworth recommended Holloway Capital's $2.3 billion offer.\n");
    NONE("Apart from Lindora, the region is home to Tessel and Varm, which have respectively been "
         "acquired by card network Parago and Finnish bank Rauta.\n");
    NONE("Not ready to buy yet? Download a free sample.\n");
    NONE("Our buy-now-pay-later guide compares Klarvo and Paylo.\n");
    NONE("Acmetron nears deal to buy Betalux\n");
    NONE("The vote gives Acmetron control of the board.\n");
    NONE("Acmetron said it would not buy Betalux at any price.\n");
    NONE("Acmetron buys back $1 billion of its own stock.\n");
    NONE("Acmetron bought Betalux's chip unit for $1 billion.\n");
    NONE("Acmetron's purchase of Nvidia GPUs will cost $2 billion.\n");
    NONE("Acmetron agreed to sell its cloud unit to Betalux for $400 million.\n");
    NONE("Regulators blocked Acmetron's takeover of Betalux.\n");
    NONE("Acmetron sold Windows licenses to Betalux for $4 million.\n");
    NONE("The city's elite, including billionaire Marc Duval, have rushed to buy a ticket "
         "alongside Harbor Venture Partners.\n");
    NONE("Ostra was acquired by a consortium led by Halden Capital.\n");
    NONE("Acmetron has abandoned its plan to buy Betalux.\n");
}

static void history(void)
{
    NONE("Hestia Foods, which Grummond bought in 2019, opened a new plant.\n");
    NONE("Norrland Telecom was acquired by Baltic Fibre in 2018 and has grown since.\n");
    NONE("It is the latest in a string of deals, including Harlow's purchase of Denby Systems for "
         "$2 billion.\n");
    /* a month other than the article's */
    NONE("In September, Marchetti Corp agreed to buy Oldfield Group's chip unit Prism Ltd for "
         "US$40 billion.\n");
    NONE("When Vantor, the biggest carrier in the country, agreed to buy cable operator Wavo in "
         "March for $7 billion, its rivals were left behind.\n");
    NONE("Gammaro, which was acquired by Acmetron, reported a loss.\n");
    NONE("Norrland Telecom was acquired by Baltic Fibre in March and has grown since.\n");
    NONE("Acmetron's acquisition of Betalux, which closed in January, added $50 million in "
         "revenue.\n");
    NONE("Following the acquisition of Betalux, Acmetron cut 200 jobs.\n");
    NONE("Acmetron shares fell after the Betalux acquisition closed.\n");
    NONE("Marta led Ondina from 2004 to 2014, achieving a good exit for its investors by selling "
         "Ondina to Brevik Technologies in 2011.\n");
    NONE("Keller Data was terminating an all-stock deal to buy Omnilink for $2.2 billion.\n");
}

static void article(void)
{
    /* the headline and the story tell one deal; its value comes later;
     * the earlier deal in the background is not an event */
    event_list l = run("Norrvik to buy Dutch chipmaker\n\n"
                       "Norrvik announced Tuesday that it has reached an agreement with Ameland "
                       "Semiconductors to purchase the Dutch chipmaker.\n"
                       "One of its units will pay $127.50 per share for all outstanding shares of "
                       "Ameland.\n"
                       "The deal is valued at $44 billion, according to reports.\n"
                       "Norrvik had acquired Sealink in 2015.\n",
                       "2026-02-20");
    CHECK(deals(&l) == 1);
    const event_t *e = deal(&l, 0);
    if (e) {
        CHECK_STR(e->acquirer, "Norrvik");
        CHECK_STR(e->target, "Ameland Semiconductors");
        CHECK_NUM(e->price_usd, 44e9);
    }
    event_list_free(&l);

    /* the short name in the headline, the full one in the body */
    l = run("Omnia to buy Pixels: Omnia Corp. agreed to buy Pixels & Sound Inc. for about $420 "
            "million in cash, or $17.50 a share.\n",
            "1998-07-28");
    CHECK(deals(&l) == 1);
    e = deal(&l, 0);
    if (e) {
        CHECK_STR(e->acquirer, "Omnia");
        CHECK_STR(e->target, "Pixels & Sound");
        CHECK_NUM(e->price_usd, 420e6);
    }
    event_list_free(&l);

    /* a role for the acquirer resolves to the deal already read */
    l = run("Valtra Devices (VLT) agreed to acquire Kiru AI on Monday.\n"
            "The chipmaker is paying $665 million in cash for Kiru AI, its largest deal.\n",
            "2026-03-10");
    CHECK(deals(&l) == 1);
    e = deal(&l, 0);
    if (e) {
        CHECK_STR(e->acquirer, "Valtra Devices");
        CHECK_NUM(e->price_usd, 665e6);
    }
    event_list_free(&l);

    /* a hard-wrapped wire: one sentence over three lines */
    l = run("Feb 12 (Reuters) - Markets were quiet on Thursday.\n"
            "Corbin Technologies Ltd agreed on Thursday to buy\n"
            "Halden Corp for $37 billion in the largest deal of\n"
            "its kind.\n",
            "2026-02-12");
    CHECK(deals(&l) == 1);
    e = deal(&l, 0);
    if (e) {
        CHECK_STR(e->acquirer, "Corbin Technologies");
        CHECK_STR(e->target, "Halden");
        CHECK_NUM(e->price_usd, 37e9);
    }
    event_list_free(&l);

    /* a Title Case line makes every word look like a name: it stands only
     * when the story names both sides */
    l = run("Deals This Week\n\nLast Chance to Buy Moonlit Harbor or Ember Keep and Get $10 Store "
            "Credit\n\nThe offer ends on Sunday for both games.\n",
            "2026-03-10");
    CHECK(deals(&l) == 0);
    event_list_free(&l);
    l = run("Corvane Acquires Lindwell for $2.7B\n\nCorvane has agreed to buy security software "
            "maker Lindwell, the companies said on Tuesday.\n",
            "2026-03-10");
    CHECK(deals(&l) == 1);
    e = deal(&l, 0);
    if (e)
        CHECK_NUM(e->price_usd, 2.7e9);
    event_list_free(&l);

    /* other deals told in the bare past in a story about one deal are
     * background; a digest of bare-past deals is not */
    expect("Corvane agreed on Tuesday to buy Lindwell for $2 billion.\n"
           "The deal is the largest in the sector since Marlowe bought Tessin for $5 billion.\n"
           "Rivals have also been busy. Halden bought Ostra for $900 million.\n",
           "2026-06-10", (want[]){{"Corvane", "Lindwell", 2e9}}, 1);
    expect("Weekly deals roundup\n\nGammaro bought Deltix, a payroll startup, for $20 million.\n"
           "Halden bought Ostra for $900 million.\nPellio bought Quarro for $15 million.\n",
           "2026-06-10",
           (want[]){{"Gammaro", "Deltix", 20e6}, {"Halden", "Ostra", 900e6}, {"Pellio", "Quarro", 15e6}}, 3);

    /* a " date" stamp before the lede */
    l = run(" date 2026-04-26 Private equity firm Arbor Lane has agreed to buy Tessin, a British "
            "software firm, for around $5.3 billion.\n",
            "2026-04-26");
    CHECK(deals(&l) == 1);
    e = deal(&l, 0);
    if (e) {
        CHECK_STR(e->acquirer, "Arbor Lane");
        CHECK_STR(e->target, "Tessin");
    }
    event_list_free(&l);

    /* the target's accents told two ways: one deal */
    l = run("Belmonte agreed to buy Lumina from Oskar Group for 8 billion euros ($8.7 billion).\n"
            "Oskar Group will sell Lumina to Belmonté for 3 billion euros in cash.\n",
            "2026-05-01");
    CHECK(deals(&l) == 1);
    event_list_free(&l);
}

/* where a deal stands, by the tense and mood of its verb chain */
static void status(void)
{
    static const struct {
        const char *text, *status;
    } cases[] = {
        {"Norvik acquires Salt Labs\nNorvik has acquired data startup Salt Labs for $120 million.\n", "completed"},
        {"Deal news\nNorvik acquired data startup Salt Labs last week for $120 million.\n", "completed"},
        {"Deal news\nNorvik is acquiring data startup Salt Labs for $120 million, it said on Monday.\n", "pending"},
        {"Deal news\nNorvik has agreed to acquire data startup Salt Labs for $120 million.\n", "pending"},
        {"Norvik to buy Salt Labs for $120 million\nThe deal was announced on Monday.\n", "pending"},
        {"Deal news\nSalt Labs will be acquired by Norvik for $120 million.\n", "pending"},
        {"Deal news\nNorvik completed its purchase of Salt Labs on Friday, the company said.\n", "completed"},
        {"Deal news\nNorvik acquires Salt Labs in a deal expected to close in the third quarter.\n", "pending"},
        {"Deal news\nNorvik buys Salt Labs, a maker of data tools, for $120 million.\n", "announced"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        event_list l = run(cases[i].text, "2026-05-01");
        const event_t *e = deal(&l, 0);
        CHECK(e != NULL);
        if (e) {
            CHECK_STR(e->target, "Salt Labs");
            CHECK_STR(e->status, cases[i].status);
        }
        event_list_free(&l);
    }
    /* the furthest any sentence tells: agreed, then closed */
    event_list l = run("Norvik agrees to buy Salt Labs\n"
                       "Norvik agreed in March to acquire data startup Salt Labs for $120 million.\n"
                       "On Friday Norvik said it had completed the acquisition of Salt Labs.\n",
                       "2026-05-01");
    CHECK(deals(&l) == 1);
    if (deal(&l, 0))
        CHECK_STR(deal(&l, 0)->status, "completed");
    event_list_free(&l);
}

int main(void)
{
    RUN(status);
    RUN(verbs);
    RUN(releases);
    RUN(passives_and_offers);
    RUN(names);
    RUN(roles);
    RUN(not_deals);
    RUN(history);
    RUN(article);
    return check_failed_total != 0;
}
