/* test_stock: share-price moves read from whole articles: the shapes market
 * reports use, and the percentages that are not stock moves. The sentences
 * are written for these tests (names invented). */
#include <math.h>
#include <string.h>

#include "analyze/analyze.h"
#include "check.h"

static event_list run(const char *text)
{
    event_list l = {0};
    analyze_text(text, strlen(text), "2026-03-05", &l);
    return l;
}

static int moves(const event_list *l)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += l->items[i].type == EVENT_STOCK_MOVE;
    return n;
}

static const event_t *move_of(const event_list *l, const char *company)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->items[i].type == EVENT_STOCK_MOVE && l->items[i].company &&
            strcmp(l->items[i].company, company) == 0)
            return &l->items[i];
    return NULL;
}

/* company's move is pct (and close, NAN for none) */
#define CHECK_MOVE(l, company, pct, close)            \
    do {                                              \
        const event_t *m_ = move_of(&(l), company);   \
        CHECK(m_ != NULL);                            \
        if (m_) {                                     \
            CHECK_NUM(m_->change_pct, pct);           \
            CHECK_NUM(m_->close_price, close);        \
        }                                             \
    } while (0)

/* One sentence, several stocks: "X rose A to P, while Y lost B to Q", a new
 * subject after "and", descriptors and appositives before the names. */
static void market_report(void)
{
    event_list l = run("Seoul shares close higher\n"
                       "Seoul stocks rose on Thursday as chip shares rallied.\n"
                       "DK mobix, a key supplier of memory modules, jumped 4.21 percent to "
                       "98,300 won and Hanul Precision shot up 7.5 percent to 41,250 won.\n"
                       "Top shipbuilder Orhan Heavy rose 1.12 percent to 131,000 won and its "
                       "sister Orhan Marine gained 2.6 percent to 88,700 won.\n"
                       "But leading battery maker Semyo Chem shrank 2.9 percent to 402,000 won, "
                       "and major bio firm Kumdo Biologics retreated 0.41 percent to 770,000 won.\n"
                       "Ilsan Robotics, the country's No. 2 robot maker, climbed 0.25 percent to "
                       "55,100 won.\n");
    CHECK(moves(&l) == 7);
    CHECK_MOVE(l, "DK mobix", 4.21, 98300);
    CHECK_MOVE(l, "Hanul Precision", 7.5, 41250);
    CHECK_MOVE(l, "Orhan Heavy", 1.12, 131000);
    CHECK_MOVE(l, "Orhan Marine", 2.6, 88700);
    CHECK_MOVE(l, "Semyo Chem", -2.9, 402000);
    CHECK_MOVE(l, "Kumdo Biologics", -0.41, 770000);
    CHECK_MOVE(l, "Ilsan Robotics", 0.25, 55100);
    event_list_free(&l);
}

/* Closes in the currencies market reports use, "per cent" and "pc". */
static void currencies(void)
{
    event_list l = run("Asian chip stocks mixed\n"
                       "Gaming firm Lotus Interactive surged 3.2 per cent to HK$412.60, while "
                       "Pearl Harbour Holdings added 1.5 per cent to HK$61.05.\n"
                       "Taiwan's Minra Electronics fell by the daily limit of 10 percent to NT$48.5.\n"
                       "Shares in Kaido Devices tumbled 12 per cent to ¥2,340 in Tokyo.\n"
                       "Albury Semiconductor shed 2.5pc to 1,024p in London.\n"
                       "Zelco ended the session 3% higher at 18.44 euros.\n");
    CHECK(moves(&l) == 6);
    CHECK_MOVE(l, "Lotus Interactive", 3.2, 412.6);
    CHECK_MOVE(l, "Pearl Harbour Holdings", 1.5, 61.05);
    CHECK_MOVE(l, "Minra Electronics", -10, 48.5);
    CHECK_MOVE(l, "Kaido Devices", -12, 2340);
    CHECK_MOVE(l, "Albury Semiconductor", -2.5, 1024);
    CHECK_MOVE(l, "Zelco", 3, 18.44);
    event_list_free(&l);
}

/* "shares of X closed up 4% at $12.30", "X's stock jumped 17% to $19.43", "X
 * stock fell 6.7% to end at $118.11", "closed ... at $P, up N%". */
static void single_moves(void)
{
    event_list l = run("Chip stocks on the move\n"
                       "Shares of Orbix Corp (NYSE: ORBX) closed up 4% at $12.30 on Tuesday.\n"
                       "Velta's stock jumped 17% to $19.43 after the company beat estimates.\n"
                       "Kestrel stock fell 6.7% to end at $118.11.\n"
                       "Marlin Tech's shares closed at $88.40 on Friday, down 2.3%.\n"
                       "Pavlo Networks jumped 14% in its Nasdaq debut, closing at $35.52.\n");
    CHECK(moves(&l) == 5);
    CHECK_MOVE(l, "Orbix", 4, 12.3);
    const event_t *o = move_of(&l, "Orbix");
    CHECK(o && o->ticker && strcmp(o->ticker, "ORBX") == 0);
    CHECK_MOVE(l, "Velta", 17, 19.43);
    CHECK_MOVE(l, "Kestrel", -6.7, 118.11);
    CHECK_MOVE(l, "Marlin Tech", -2.3, 88.4);
    CHECK_MOVE(l, "Pavlo Networks", 14, 35.52);
    event_list_free(&l);
}

/* "A and B dropped 5.5% and 3.7%, respectively"; "A and B gained more than
 * five percent" (one figure for both); a relative clause after the name. */
static void coordinated(void)
{
    event_list l = run("Chipmakers slide\n"
                       "Chip shares fell sharply on Monday.\n"
                       "Chip designer Tarn dropped 5.1%, while semiconductor giants Oleander and "
                       "Brisk dropped 4.5% and 2.7%, respectively.\n"
                       "Velio added more than six percent, Kappa Soft and Zenit Labs gained more "
                       "than five percent, and Murano jumped 3.3 percent.\n"
                       "Dalton Systems , which sells servers to cloud providers, fell 8.2 percent, "
                       "and Corra , which competes in that market, was off 4.4%.\n");
    CHECK_MOVE(l, "Tarn", -5.1, NAN);
    CHECK_MOVE(l, "Oleander", -4.5, NAN);
    CHECK_MOVE(l, "Brisk", -2.7, NAN);
    CHECK_MOVE(l, "Velio", 6, NAN);
    CHECK_MOVE(l, "Kappa Soft", 5, NAN);
    CHECK_MOVE(l, "Zenit Labs", 5, NAN);
    CHECK_MOVE(l, "Murano", 3.3, NAN);
    CHECK_MOVE(l, "Dalton Systems", -8.2, NAN);
    CHECK_MOVE(l, "Corra", -4.4, NAN);
    CHECK(moves(&l) == 9);
    event_list_free(&l);
}

/* A clause without its own subject belongs to the move before it, and
 * "the stock", "its shares" to whom the article or the sentence is about. */
static void continuations_and_pronouns(void)
{
    event_list l = run("Quorra wins a chip order\n"
                       "Quorra Devices said on Monday it had won an order from a carmaker.\n"
                       "Shares of Quorra Devices (QRD +9.41%) soared on Monday, finishing the day "
                       "up 9.4%.\n"
                       "The stock rose as much as 15% before paring gains.\n"
                       "Helvar said revenue for the quarter rose 15%, and its shares jumped 2.2%.\n");
    CHECK_MOVE(l, "Quorra Devices", 9.4, NAN);
    CHECK_MOVE(l, "Helvar", 2.2, NAN);
    CHECK(moves(&l) == 2);
    event_list_free(&l);

    l = run("Tarvos slides after guidance cut\n"
            "Tarvos Semiconductor cut its forecast for the year on Thursday.\n"
            "Thursday's drop was the chipmaker's worst of the year, as the stock fell 8.8% to "
            "$61.20.\n");
    CHECK(moves(&l) == 1);
    CHECK_MOVE(l, "Tarvos", -8.8, 61.2); /* the headline's name */
    event_list_free(&l);
}

/* The same move told roughly and precisely is one event, with the precise
 * figure; a short name takes the long form the article gave it. */
static void rounded_and_short_names(void)
{
    event_list l = run("Ondine soars on earnings\n"
                       "Shares in online retailer Ondine soared more than 11 percent on Friday "
                       "after forecast-beating results.\n"
                       "The news sent its share price rocketing 11.7 percent in Hong Kong.\n"
                       "Its New York-listed shares climbed more than seven percent.\n");
    CHECK(moves(&l) == 2);
    CHECK_MOVE(l, "Ondine", 11.7, NAN);
    event_list_free(&l);

    l = run("Orbis Micro Systems buys a software firm\n"
            "Orbis Micro Systems (OMS) saw its shares surge by nearly 5% on Wednesday after it "
            "agreed to buy a software maker.\n"
            "OMS's stock closed at $72.15, reflecting a 4.8% increase.\n");
    CHECK(moves(&l) == 1);
    CHECK_MOVE(l, "Orbis Micro Systems", 4.8, 72.15);
    event_list_free(&l);
}

/* Percentages that are not the day's move of a company's stock. */
static void not_moves(void)
{
    static const char *const texts[] = {
        /* intraday and pre-market quotes */
        "Helix shares\nHelix shares were up 3% in early trading.\n",
        "Helix shares\nShares of Helix rose close to 4 per cent premarket.\n",
        "Helix shares\nHelix shares were up 22 percent at $6.16 on the Nasdaq on Monday.\n",
        "Helix shares\nHelix traded down 0.4 percent to 1,087p at 0711 GMT.\n",
        "Helix shares\nHelix's stock jumped on the news, rising $2.87, or 17%, to $19.43 in early "
        "trading.\n",
        "Helix shares\nHelix shares slipped as much as 6.1% in late trading.\n",
        "Helix shares\nHelix shares are up 5% today.\n",
        /* deal prices and premiums */
        "Helix deal\nThe offer represents a 38% premium to Helix's closing price.\n",
        "Helix deal\nHelix agreed to pay $30 per share, up 25% from Friday's close.\n",
        /* indices */
        "Markets\nThe Kospi fell 1.2% to 2,600.45 as shares slid.\n",
        "Markets\nThe Nasdaq Composite rose 0.8%, while the S&P 500 added 0.3%.\n",
        "Markets\nThe Hang Seng tech index surged more than six percent on Friday.\n",
        /* moves over a period, or in the past */
        "Helix shares\nHelix shares have risen 18% this year.\n",
        "Helix shares\nShares of Helix already surged by around +18% after the first reports.\n",
        "Helix shares\nSince May 2024, Helix's stock has plummeted almost 60%.\n",
        "Helix shares\nShares in Helix, which have jumped 21 percent since the bid, were flat.\n",
        "Helix shares\nHelix shares are still up almost 200% in 2025.\n",
        "Helix shares\nHelix is now down 13% from its peak.\n",
        /* what else a percentage is of */
        "Helix shares\nHelix's revenue rose 12% to $3.4 billion, its shares said nothing.\n",
        "Helix shares\nRevenue rose 12% to $3.4 billion, while gross margin fell 2 percent.\n",
        "Helix shares\nHelix's market share rose 3% to 27%.\n",
        "Helix shares\nHelix, which owns 51% of the venture, said sales grew 20%.\n",
        "Helix shares\nShares of these companies fell in the range of 3-6%.\n",
        /* forecasts */
        "Helix shares\nAnalysts expect Helix shares to rise 20%.\n",
        "Helix shares\nHelix shares could fall 30%, analysts warned.\n",
        "Helix deal\nThe news sent Helix shares soaring by almost 28%, to $75.79, on Tuesday "
        "morning.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        event_list l = run(texts[i]);
        if (moves(&l) != 0)
            printf("  unexpected move in: %s", strchr(texts[i], '\n') + 1);
        CHECK(moves(&l) == 0);
        event_list_free(&l);
    }
}

/* Names the way market reports write them: a descriptor word first, an
 * acronym with a lower-case brand, a ticker before "shares", "whose shares",
 * capitalised words inside a long name. */
static void name_shapes(void)
{
    event_list l = run("Market wrap\n"
                       "Chip shares were mixed on Wednesday.\n"
                       "Steelmaker Pasco Steel lost 1.2 percent, and its rival DK mobix gained 1.4 "
                       "percent.\n"
                       "Helix Inc. (NYSE: HLX) shares rose 3.1% to $22.40.\n"
                       "Voran, whose shares rose 5% on Friday, said it would buy a rival.\n"
                       "Sorin Semiconductor Manufacturing International fell 2.2% in Hong Kong.\n"
                       "Mirae Bio gained 1.1 percent, Hanul Steel declined 0.4 percent and Seorin "
                       "Auto was unchanged.\n");
    CHECK_MOVE(l, "Pasco Steel", -1.2, NAN);
    CHECK_MOVE(l, "DK mobix", 1.4, NAN);
    CHECK_MOVE(l, "Helix", 3.1, 22.4);
    const event_t *h = move_of(&l, "Helix");
    CHECK(h && h->ticker && strcmp(h->ticker, "HLX") == 0);
    CHECK_MOVE(l, "Voran", 5, NAN);
    CHECK_MOVE(l, "Sorin Semiconductor Manufacturing International", -2.2, NAN);
    CHECK_MOVE(l, "Mirae Bio", 1.1, NAN);
    CHECK_MOVE(l, "Hanul Steel", -0.4, NAN);
    CHECK(moves(&l) == 7);
    event_list_free(&l);
}

/* Prices written after the move in other ways, or before it. */
static void price_shapes(void)
{
    event_list l = run("Market wrap\n"
                       "Chip shares were mixed on Wednesday.\n"
                       "Tavor's shares tumbled 9% to a three-month low of $44.20.\n"
                       "Ismo added 50 cents, or 2.1%, to $24.30.\n"
                       "Shares of Pallas closed Friday at $41.20, up 6%.\n"
                       "Quell Systems was the biggest gainer, up 12% at $30.10.\n"
                       "Rhee Devices finished 1.2% down at 412p.\n"
                       "Nomad Labs' stock price jumped as much as 30% before closing up 21% at "
                       "$14.50.\n");
    CHECK_MOVE(l, "Tavor", -9, 44.2);
    CHECK_MOVE(l, "Ismo", 2.1, 24.3);
    CHECK_MOVE(l, "Pallas", 6, 41.2);
    CHECK_MOVE(l, "Quell Systems", 12, 30.1);
    CHECK_MOVE(l, "Rhee Devices", -1.2, 412);
    CHECK_MOVE(l, "Nomad Labs", 21, 14.5);
    CHECK(moves(&l) == 6);
    event_list_free(&l);
}

/* An intraday cue holds for the whole sentence; a figure "to $3.4 billion"
 * or followed by what it is of is not a share price. */
static void more_not_moves(void)
{
    static const char *const texts[] = {
        "Helix deal\nHelix shares jumped 28% to $40.10 in premarket trading, while Corvo shares "
        "were down 1.2%.\n",
        "Helix shares\nHelix rose 8% to $3.4 billion in the quarter, its shares said nothing.\n",
        "Helix shares\nHelix gained 5% market share in the quarter.\n",
        "Helix shares\nHelix revenue rose 30% year-on-year.\n",
        "Helix shares\nHelix's order backlog rose 20% to $8 billion.\n",
        "Helix shares\nSales of Helix chips rose 3% in May.\n",
        /* no share-price talk at all: growth figures of a startup */
        "Startup digest\nDownloads of the Helix app jumped 40% in March.\n",
        "Startup digest\nHelix, which saw bookings jump 80%, plans to hire.\n",
        "Startup digest\nHelix Energy said demand rose 12% in the quarter.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        event_list l = run(texts[i]);
        if (moves(&l) != 0)
            printf("  unexpected move in: %s", strchr(texts[i], '\n') + 1);
        CHECK(moves(&l) == 0);
        event_list_free(&l);
    }
}

/* Lists of names with lists of figures, "shares in A and B", and the name
 * before a relative clause. */
static void lists_and_relatives(void)
{
    event_list l = run("Market wrap\n"
                       "Chip shares were mixed on Wednesday.\n"
                       "Arlo, Brenn and Cato rose 1.5%, 2.5% and 3.5%, respectively.\n"
                       "Shares in Dorsey and Elmo fell 4% and 2%, respectively.\n"
                       "The biggest gainer was Farrow, which jumped 14%.\n"
                       "In Tokyo, Gantz Electric fell 3.2% to 1,203 yen.\n");
    CHECK_MOVE(l, "Arlo", 1.5, NAN);
    CHECK_MOVE(l, "Brenn", 2.5, NAN);
    CHECK_MOVE(l, "Cato", 3.5, NAN);
    CHECK_MOVE(l, "Dorsey", -4, NAN);
    CHECK_MOVE(l, "Elmo", -2, NAN);
    CHECK_MOVE(l, "Farrow", 14, NAN);
    CHECK(move_of(&l, "Chip") == NULL);
    CHECK_MOVE(l, "Gantz Electric", -3.2, 1203);
    CHECK(moves(&l) == 7);
    event_list_free(&l);

    /* a name that starts with a move verb's spelling; "sent X shares soaring" */
    l = run("Market wrap\nChip shares rose.\n"
            "Advanced Quantum Devices saw its shares surge by 4% on Monday.\n"
            "The news sent Juno shares soaring 11%, to $75.79, on Tuesday.\n");
    CHECK_MOVE(l, "Advanced Quantum Devices", 4, NAN);
    CHECK_MOVE(l, "Juno", 11, 75.79);
    CHECK(moves(&l) == 2);
    event_list_free(&l);

    /* the verb said once for several names */
    l = run("Market wrap\nChip shares rose.\n"
            "Kellan jumped 12% and Lorne Micro 8%.\n"
            "Mosen fell 2.5%, Nardo 1.8% and Oyster Labs 0.9%.\n");
    CHECK_MOVE(l, "Kellan", 12, NAN);
    CHECK_MOVE(l, "Lorne Micro", 8, NAN);
    CHECK_MOVE(l, "Mosen", -2.5, NAN);
    CHECK_MOVE(l, "Nardo", -1.8, NAN);
    CHECK_MOVE(l, "Oyster Labs", -0.9, NAN);
    CHECK(moves(&l) == 5);
    event_list_free(&l);

    /* a market word inside a capitalised name is a company's; alone, a market's */
    l = run("Market wrap\nChip shares rose.\n"
            "Pinecrest Gold fell 2% to $18.10, while Bargain Dollar Stores rose 5%.\n"
            "Gold fell 1%, the won weakened 0.3% and the Dow Jones Industrial Average rose "
            "0.4%.\n");
    CHECK_MOVE(l, "Pinecrest Gold", -2, 18.1);
    CHECK_MOVE(l, "Bargain Dollar Stores", 5, NAN);
    CHECK(moves(&l) == 2);
    event_list_free(&l);

    /* headlines further down the page (related links) are not the story's */
    l = run("Juno buys Kappa\n"
            "Juno said on Monday it would buy Kappa for $2 billion.\n"
            "Kappa shares jumped 20.4% to $31.20.\n"
            "Related\n"
            "Larch shares slide 5% after profit warning\n"
            "Mento stock jumps 12% on AI deal\n");
    CHECK_MOVE(l, "Kappa", 20.4, 31.2);
    CHECK(moves(&l) == 1);
    event_list_free(&l);

    /* a record's date is not a period the move spans */
    l = run("Market wrap\nChip shares rose.\n"
            "Ivers climbed 3% to its highest since February.\n");
    CHECK_MOVE(l, "Ivers", 3, NAN);
    event_list_free(&l);
}

/* "Shares of X's listed rival, Y, fell": Y's shares moved, X is only
 * the one it is related to */
static void shares_of_a_relation(void)
{
    event_list l = run("Chip stocks\nShares of Varda Semiconductor's listed rival, Korrin Micro, fell 3.1% on "
                       "Tuesday.\n");
    CHECK_MOVE(l, "Korrin Micro", -3.1, NAN);
    CHECK(move_of(&l, "Varda Semiconductor") == NULL);
    event_list_free(&l);
    l = run("Chip stocks\nShares of Varda Semiconductor's Seoul-listed parent Helm Holdings rose 2% after "
            "the results.\n");
    CHECK_MOVE(l, "Helm Holdings", 2, NAN);
    CHECK(moves(&l) == 1);
    event_list_free(&l);
    l = run("Chip stocks\nShares of Varda Semiconductor rose 2% on Friday.\n");
    CHECK_MOVE(l, "Varda Semiconductor", 2, NAN);
    event_list_free(&l);
}

/* A market report's commodities, currencies, bond yields and indices:
 * wire codes, their nouns heading the subject, their prices in units, and
 * a region's stocks. None is a company's shares; the company beside them
 * is. */
static void instruments(void)
{
    static const char *const texts[] = {
        "Oil slides\nU.S. crude CLc1 fell 2.9% to $61.40 per barrel and Brent LCOc1 was last at "
        "$65.10, down 2.1% on the day.\n",
        "Metals\nSpot gold XAU= added 0.3% to $2,031.60 an ounce.\n",
        "Metals\nCopper CMCU3 rose 1.1% to $8,410.00 a tonne.\n",
        "Metals\nThree-month nickel on the London Metal Exchange CMNI3 lost 0.4% to $16,900 a "
        "tonne.\n",
        "Currencies\nThe dollar index .DXY rose 0.1%, with the euro EUR= down 0.2% to $1.0850.\n",
        "Asia\nJapan's Nikkei futures NKc1 slipped 0.7%.\n",
        "Bonds\nThe benchmark 10-year yield US10YT=RR rose 0.5% on Tuesday.\n",
        "Grains\nChicago wheat rose 1.4% to $5.92 a bushel.\n",
        "Markets\nEuropean stocks hit a record on Monday.\nEmerging market stocks rose 0.6%.\n",
        "Markets\nAsian shares fell 1.1% on Friday.\n",
        "Markets\nLeading tech shares rose 2% on Thursday.\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        event_list l = run(texts[i]);
        if (moves(&l) != 0)
            printf("  unexpected move in: %s", strchr(texts[i], '\n') + 1);
        CHECK(moves(&l) == 0);
        event_list_free(&l);
    }
    /* companies named with those words, and a company after a region's stocks */
    event_list l = run("Market wrap\nEuropean stocks fell on Tuesday.\n"
                       "Gold miner Tarnwick Resources rose 3.2% to $41.10.\n"
                       "Copperline Systems fell 1.5%, while Oil Harbour Logistics gained 2%.\n"
                       "Shares of Corvana Systems closed in London at $85.20, up 0.45%.\n"
                       "Silver Quarry Holdings rose 3.1% to $14.20, and Dollar Lane fell 2%.\n");
    CHECK_MOVE(l, "Tarnwick Resources", 3.2, 41.1);
    CHECK_MOVE(l, "Copperline Systems", -1.5, NAN);
    CHECK_MOVE(l, "Oil Harbour Logistics", 2, NAN);
    CHECK_MOVE(l, "Corvana Systems", 0.45, 85.2);
    CHECK_MOVE(l, "Silver Quarry Holdings", 3.1, 14.2);
    CHECK_MOVE(l, "Dollar Lane", -2, NAN);
    CHECK(moves(&l) == 6);
    event_list_free(&l);
}

int main(void)
{
    RUN(instruments);
    RUN(shares_of_a_relation);
    RUN(market_report);
    RUN(currencies);
    RUN(single_moves);
    RUN(coordinated);
    RUN(continuations_and_pronouns);
    RUN(rounded_and_short_names);
    RUN(not_moves);
    RUN(name_shapes);
    RUN(price_shapes);
    RUN(more_not_moves);
    RUN(lists_and_relatives);
    CHECK_DONE();
}
