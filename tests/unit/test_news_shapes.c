/* test_news_shapes: the generalisation check. Sentences written for this
 * test (none copied from anywhere) in the shapes real outlets use: wire
 * copy, trade press, press releases with datelines, newsletters and digest
 * rows; funding rounds, acquisitions, stock moves, infrastructure projects
 * and texts with money but no event. Each case says what the analyser must
 * read (and, with count fields, that it reads nothing more of that type). */
#include <math.h>
#include <string.h>

#include "analyze/analyze.h"
#include "check.h"
#include "analyze_check.h"

typedef struct shape {
    const char *text;
    event_type type;
    const char *who;      /* company, acquirer or organisation; NULL: no event of the type */
    const char *target;   /* acquisitions */
    double amount;        /* native amount, NAN: not checked */
    const char *currency; /* with amount */
    const char *round;    /* NULL: not checked */
    const char *leads;    /* "A|B": each must be a lead; NULL: not checked */
    const char *investors;/* "A|B": each must be an investor (leads included) */
    const char *not_investors; /* "A|B": none may be an investor */
    double pct;           /* stock moves */
    const char *status;   /* acquisitions */
} shape;

#define F(text, who, amt, cur, round) {text, EVENT_FUNDING, who, NULL, amt, cur, round, NULL, NULL, NULL, NAN, NULL}
#define FI(text, who, amt, cur, round, leads, inv, notinv) \
    {text, EVENT_FUNDING, who, NULL, amt, cur, round, leads, inv, notinv, NAN, NULL}
#define A(text, acq, tgt, status) {text, EVENT_ACQUISITION, acq, tgt, NAN, NULL, NULL, NULL, NULL, NULL, NAN, status}
#define S(text, who, pct) {text, EVENT_STOCK_MOVE, who, NULL, NAN, NULL, NULL, NULL, NULL, NULL, pct, NULL}
#define I(text, who) {text, EVENT_INFRASTRUCTURE, who, NULL, NAN, NULL, NULL, NULL, NULL, NULL, NAN, NULL}
#define NONE(text, type) {text, type, NULL, NULL, NAN, NULL, NULL, NULL, NULL, NULL, NAN, NULL}

static const shape shapes[] = {
    /* ---- funding: wire copy ---- */
    F("Quorra raises $52 million\nSAN FRANCISCO (Wire) - Quorra, which makes inspection drones for "
      "wind farms, said on Wednesday it had raised $52 million in a Series B round.\n",
      "Quorra", 52e6, "USD", "Series B"),
    FI("Battery recycler funding\nBattery recycler Ferrowind has closed a 40 million euro Series A round led by "
       "Halden Capital, the company said on Thursday.\n",
       "Ferrowind", 40e6, "EUR", "Series A", "Halden Capital", "Halden Capital", NULL),
    FI("Inference chips\nTensile Labs, a designer of inference chips, raised $210 million in a round co-led by "
       "Marlow Partners and Aldgate Growth, with participation from existing backers Sefton Ventures and "
       "Corran Capital.\n",
       "Tensile Labs", 210e6, "USD", NULL, "Marlow Partners|Aldgate Growth",
       "Marlow Partners|Aldgate Growth|Sefton Ventures|Corran Capital", NULL),
    FI("Robotics\nWarehouse robot maker Stackwell said it raised $33 million from investors including Brant "
       "Ventures, Oaken Fund and Veridian Capital.\n",
       "Stackwell", 33e6, "USD", NULL, NULL, "Brant Ventures|Oaken Fund|Veridian Capital", NULL),
    FI("Seed\nCopperleaf, a two-year-old maker of grid sensors, has raised a $6 million seed round, backed by "
       "Thistle Ventures and Brookmoor.\n",
       "Copperleaf", 6e6, "USD", "Seed", NULL, "Thistle Ventures|Brookmoor", NULL),
    F("Round\nThe funding, a $75 million Series C, was raised by Halyard Systems to expand into Asia.\n",
      "Halyard Systems", 75e6, "USD", "Series C"),
    /* ---- funding: trade press ---- */
    FI("Exclusive: Lattice Forge lands $18M\nLattice Forge, the chip-verification startup, has landed $18 "
       "million in Series A funding. Ravenna Ventures led the round, and Calder Partners also participated.\n",
       "Lattice Forge", 18e6, "USD", "Series A", "Ravenna Ventures", "Ravenna Ventures|Calder Partners", NULL),
    FI("Photonics\nOptical interconnect startup Beamline has raised $90 million. The Series B was led by Arden "
       "Capital alongside Nvidia and Samsung's venture arm.\n",
       "Beamline", 90e6, "USD", "Series B", "Arden Capital", "Arden Capital|Nvidia", NULL),
    FI("Funding\nKestrel Bio picked up $12 million in seed funding from Harbour Angels and Pemberton VC, "
       "months after it was spun out of a university lab.\n",
       "Kestrel Bio", 12e6, "USD", "Seed", NULL, "Harbour Angels|Pemberton VC", NULL),
    FI("Climate\nGreystone Carbon has secured £25m in a Series A round. The round was led by Fellside "
       "Partners. Its earlier seed round was backed by Kilnworth Ventures.\n",
       "Greystone Carbon", 25e6, "GBP", "Series A", "Fellside Partners", "Fellside Partners",
       "Kilnworth Ventures"),
    FI("AI agents\nTaskloom raised $40 million in a Series B round led by Wexford Partners. The startup was "
       "founded in 2021 by former engineers of Gridline, and previously raised money from Ashby Capital.\n",
       "Taskloom", 40e6, "USD", "Series B", "Wexford Partners", "Wexford Partners", "Ashby Capital|Gridline"),
    F("India\nBengaluru-based logistics startup Shipmitra has raised Rs 120 crore in a Series B round.\n",
      "Shipmitra", 1.2e9, "INR", "Series B"),
    F("China\nShanghai chip designer Xinhe Micro completed a financing round of 500 million yuan, it said on "
      "Monday.\n",
      "Xinhe Micro", 5e8, "CNY", NULL),
    FI("Europe\nParis-based Maelle AI has raised €30 million in a round led by Borealis Capital, with Fontaine "
       "Ventures and Lys Partners joining.\n",
       "Maelle AI", 30e6, "EUR", NULL, "Borealis Capital", "Borealis Capital", NULL),
    /* ---- funding: press releases ---- */
    FI("Vantor Secures $28 Million Series A\nAUSTIN, Texas, March 3, 2026 /Wire/ -- Vantor, a provider of "
       "fleet analytics, today announced it has secured $28 million in Series A financing led by Ironbridge "
       "Ventures, with participation from Larkspur Capital and existing investor Northway.\n",
       "Vantor", 28e6, "USD", "Series A", "Ironbridge Ventures", "Ironbridge Ventures|Larkspur Capital|Northway",
       NULL),
    FI("Helio Grid Closes $65M Growth Round\nDENVER -- Helio Grid today announced the close of a $65 million "
       "growth equity round. Pinewood Growth Partners led the investment.\n",
       "Helio Grid", 65e6, "USD", NULL, "Pinewood Growth Partners", "Pinewood Growth Partners", NULL),
    FI("Corvel Raises $9M Seed\nLONDON, 12 May 2026 -- Corvel, the compliance automation platform, has "
       "raised $9M in seed funding. The round was led by Tamsin Ventures (the fund of the founders of "
       "Ledgerly) and included Quarry VC.\n",
       "Corvel", 9e6, "USD", "Seed", "Tamsin Ventures", "Tamsin Ventures|Quarry VC", "Ledgerly"),
    FI("Nimbic Closes Debt Facility\nNimbic, an operator of GPU clouds, has closed a $500 million debt "
       "facility led by Harlow Credit Partners.\n",
       "Nimbic", 500e6, "USD", "Debt", "Harlow Credit Partners", "Harlow Credit Partners", NULL),
    /* ---- funding: newsletters and digests ---- */
    F("This week in robotics\n- Gantry Robotics: $14M Series A for welding arms\n- Pelican Drones: $7M seed\n",
      "Gantry Robotics", 14e6, "USD", "Series A"),
    F("This week in robotics\n- Gantry Robotics: $14M Series A for welding arms\n- Pelican Drones: $7M seed\n",
      "Pelican Drones", 7e6, "USD", "Seed"),
    F("Deals\n* Saltmarsh (Oslo) raised NOK 80 million for its fish-farm sensors.\n",
      "Saltmarsh", 80e6, "NOK", NULL),
    F("Funding roundup\nIn other deals, Brightwater raised $11 million, Tollgate raised $4 million and "
      "Marlin AI raised $20 million.\n",
      "Tollgate", 4e6, "USD", NULL),
    F("Funding roundup\nIn other deals, Brightwater raised $11 million, Tollgate raised $4 million and "
      "Marlin AI raised $20 million.\n",
      "Marlin AI", 20e6, "USD", NULL),
    FI("Table\nStartup\tRaised\tStage\tLed by\nFernhill\t$22M\tSeries A\tCastor Ventures\n",
       "Fernhill", 22e6, "USD", "Series A", "Castor Ventures", "Castor Ventures", NULL),
    /* ---- funding: not rounds ---- */
    NONE("Results\nPellam said revenue rose to $150 million in the quarter, beating forecasts.\n", EVENT_FUNDING),
    NONE("Profile\nPellam had generated $150 million in sales by the end of last year, its founder said.\n",
         EVENT_FUNDING),
    NONE("Talks\nCindral is in talks to raise $300 million at a $4 billion valuation, people familiar said.\n",
         EVENT_FUNDING),
    NONE("Fund\nVenture firm Harlow Ridge has closed a $400 million fund to back early-stage climate startups.\n",
         EVENT_FUNDING),
    NONE("Totals\nFounded in 2015, Merrow has raised $220 million to date from investors.\n", EVENT_FUNDING),
    NONE("Market\nThe global market for AI chips will reach $400 billion by 2030, analysts estimate.\n",
         EVENT_FUNDING),
    /* ---- acquisitions ---- */
    A("Deal\nNorvale Systems has agreed to acquire Pike Analytics for $410 million in cash, the companies said "
      "on Tuesday.\n", "Norvale Systems", "Pike Analytics", "pending"),
    A("Deal\nBrennan Group completed its acquisition of Tarrow Software on Friday.\n", "Brennan Group",
      "Tarrow Software", "completed"),
    A("Deal\nSensor maker Qira is acquiring Loxley Optics, a Danish lens supplier, for an undisclosed sum.\n",
      "Qira", "Loxley Optics", "pending"),
    A("Deal\nHelmsley bought rival Dunmore Chips on Monday, it said in a filing.\n", "Helmsley", "Dunmore Chips",
      "completed"),
    A("Orbis to buy Canto Labs for $1.2 billion\nOrbis will pay $1.2 billion for the startup.\n", "Orbis",
      "Canto Labs", "pending"),
    A("Deal\nTarrow Software was acquired by Brennan Group in a deal valued at $90 million.\n", "Brennan Group",
      "Tarrow Software", "completed"),
    A("PRESS RELEASE\nLEEDS, England -- Arkwright plc today announced that it has entered into a definitive "
      "agreement to acquire Solway Data Ltd.\n", "Arkwright", "Solway Data", "pending"),
    A("Deal\nCloud firm Vennor acquires Strata Labs to add database tools.\n", "Vennor", "Strata Labs",
      "announced"),
    NONE("Talks\nVennor is in talks to acquire Strata Labs, according to people familiar with the matter.\n",
         EVENT_ACQUISITION),
    NONE("Off\nVennor has walked away from its planned acquisition of Strata Labs.\n", EVENT_ACQUISITION),
    NONE("Licence\nVennor licensed Strata Labs' database engine for $20 million.\n", EVENT_ACQUISITION),
    /* ---- stock moves ---- */
    S("Markets\nShares of Kelderman rose 6.4% on Wednesday after it raised its outlook.\n", "Kelderman", 6.4),
    S("Markets\nKelderman stock slid 3.2% to $41.10 in New York.\n", "Kelderman", -3.2),
    S("Markets\nIn Tokyo, Hoshimura Electric gained 2.5%, while rival Tanabe Devices lost 1.1%.\n",
      "Tanabe Devices", -1.1),
    S("Markets\nIn Tokyo, Hoshimura Electric gained 2.5%, while rival Tanabe Devices lost 1.1%.\n",
      "Hoshimura Electric", 2.5),
    S("Markets\nShares of Kelderman's listed rival, Vossberg, fell 4% after the report.\n", "Vossberg", -4),
    S("Markets\nVossberg's shares tumbled 12 per cent on Monday.\n", "Vossberg", -12),
    NONE("Markets\nThe Nasdaq Composite rose 1.2% on Tuesday.\n", EVENT_STOCK_MOVE),
    NONE("Deal\nBrennan Group will pay $12 per share for Tarrow Software, a premium of 30%.\n", EVENT_STOCK_MOVE),
    /* ---- infrastructure ---- */
    I("Data centres\nCalloway Cloud will build a 200-megawatt data centre campus in Ohio, the company said.\n",
      "Calloway Cloud"),
    I("Investment\nMeridian Soft will invest $3 billion in India over five years to expand its cloud "
      "infrastructure.\n", "Meridian Soft"),
    I("Sovereign AI\nThe government of Kestria approved a $2 billion national AI compute programme, to be run by "
      "Kestria Telecom.\n", "Kestria government"),
    I("AI factory\nNordwatt and Arvid Systems will build an AI factory near Trondheim powered by hydropower.\n",
      "Nordwatt"),
    NONE("Plans\nCalloway Cloud is considering sites for a data centre but has made no decision.\n",
         EVENT_INFRASTRUCTURE),
    /* ---- other shapes ---- */
    F("Briefly\nBRIEF-Tollway Labs raises $15 mln in Series A funding\n", "Tollway Labs", 15e6, "USD",
      "Series A"),
    F("Funding\nHarrow Minerals has raised A$20 million through a placement to institutional investors.\n",
      "Harrow Minerals", 20e6, "AUD", NULL),
    F("Funding\nThe Wexley Foundation gave a $5 million grant to Orrin Health for its malaria work.\n",
      "Orrin Health", 5e6, "USD", "Grant"),
    F("Funding\nSeed-stage startup Pillow Works has bagged $3.5 million.\n", "Pillow Works", 3.5e6, "USD", NULL),
    F("Funding\nFenland Bio nabbed $60M in a Series B led by Oxley Partners.\n", "Fenland Bio", 60e6, "USD",
      "Series B"),
    FI("Harlan Systems Announces $35 Million Series B\nBOSTON, June 2, 2026 -- Harlan Systems, Inc. (\"Harlan\" or "
       "\"the Company\") today announced a $35 million Series B financing. Tillman Ventures led the financing, "
       "joined by Oakhurst Capital.\n",
       "Harlan Systems", 35e6, "USD", "Series B", "Tillman Ventures", "Tillman Ventures|Oakhurst Capital", NULL),
    F("Weekly digest\n— Norrow (Stockholm) — SEK 150m Series A for heat pumps\n", "Norrow", 150e6, "SEK",
      "Series A"),
    FI("Extension\nCaldera Robotics has added $15 million to its Series A, bringing the round to $45 million. The "
       "extension was led by Birchfield Capital.\n",
       "Caldera Robotics", 15e6, "USD", "Series A", "Birchfield Capital", "Birchfield Capital", NULL),
    S("Markets\nShares in Pemberton Energy closed down 7.5 per cent at 212p in London.\n", "Pemberton Energy", -7.5),
    A("Deal\nThe acquisition of Ferrous Labs by Tallis Group closed on Thursday, Tallis said.\n", "Tallis Group",
      "Ferrous Labs", "completed"),
    NONE("Opinion\nWhy a $2 billion round for any AI startup should worry investors.\n", EVENT_FUNDING),
    /* ---- funding: the investor is the subject, the company speaks ---- */
    FI("Reactors\nOrbisol said in a filing on Tuesday that Harrow Capital was leading a $45 million funding round.\n",
       "Orbisol", 45e6, "USD", NULL, "Harrow Capital", "Harrow Capital", "Orbisol"),
    FI("Reactors\nHarrow Capital is leading a $45 million Series B round, Orbisol said in a statement.\n",
       "Orbisol", 45e6, "USD", "Series B", "Harrow Capital", "Harrow Capital", "Orbisol"),
    FI("Farm robots\nKelpie Robotics makes robots that pick fruit. The company said Ardent Ventures had led a "
       "$20 million Series A, with Moss Capital joining.\n",
       "Kelpie Robotics", 20e6, "USD", "Series A", "Ardent Ventures", "Ardent Ventures", NULL),
    /* a corporation leading a funding round with others takes no stake; the
     * round's name told later by the company's own words */
    FI("Power\nGrid startup Voltaire said Ostrava Energy was leading a $90 million funding round. \"The support of "
       "Ostrava Energy, our Series B-2 investors and Pell Capital shows our progress,\" its chief said.\n",
       "Voltaire", 90e6, "USD", "Series B", "Ostrava Energy", "Ostrava Energy", "B-2|Series B-2"),
    /* ---- funding: a list inside an appositive is not the subject ---- */
    F("Utilities\nNorland Power (NPW), the region's biggest utility with plants in Kelso, Brora and Lairg, has "
      "secured $35 million financing for a solar farm.\n",
      "Norland Power", 35e6, "USD", NULL),
    F("Snacks\nHarwick Foods, a maker of oat bars sold by Tesco, Aldi and Lidl, has raised £8 million in a "
      "Series A round.\n",
      "Harwick Foods", 8e6, "GBP", "Series A"),
    F("Chips\nSeltra, whose chips power cameras from Canon, Nikon and Sony, raised $60 million in a Series C.\n",
      "Seltra", 60e6, "USD", "Series C"),
    /* ---- funding: a sentence whose subject is only a description (a page cut
     * mid-sentence, or the name told later) is about the article's company ---- */
    F(", a maker of farm drones, locked up a $22 million Series B led by Oxley Partners. Dronefield will "
      "hire forty engineers. Dronefield was founded in 2019 and sells to growers.\n",
      "Dronefield", 22e6, "USD", "Series B"),
    F("Fuel\nA startup that turns food waste into fuel has raised $5 million in a seed round. Vetch Energy says "
      "its first plant opens next year. Vetch Energy was spun out of a university.\n",
      "Vetch Energy", 5e6, "USD", "Seed"),
    /* a pluperfect in a relative clause is background, even when the
     * sentence reports speech before it */
    NONE("Backers\nPellam said its backers include Tasker Group, which had raised $200 million from pension "
         "funds, and Voss Partners.\n", EVENT_FUNDING),
    F("Backers\nPellam Foods said on Monday it had raised $30 million in a Series B led by Orrin Capital.\n",
      "Pellam Foods", 30e6, "USD", "Series B"),
    /* the round is the subject of its size ("its latest round had brought in",
     * "Acme's Series A totalled") */
    FI("Logistics\nParcel startup Quickroute Group on Friday said its newest round of fundraising had generated $45 "
       "million, which it said lifted its value past $500 million. Its chief said the firm would hire. He said "
       "it would open depots. In a filing, Quickroute said the latest rounds included Tamsin Capital and "
       "Orly Partners.\n",
       "Quickroute Group", 45e6, "USD", NULL, NULL, "Tamsin Capital|Orly Partners", NULL),
    F("Bakeries\nOvenly's Series A totalled $12 million, the bakery chain said.\n", "Ovenly", 12e6, "USD",
      "Series A"),
    NONE("Bakeries\nOvenly said the round could reach $12 million if demand holds.\n", EVENT_FUNDING),
    /* ---- investors named by a copula or a title after the round ---- */
    FI("Credit\nHarlow Air has closed a C$40 million revolving credit facility. Kestrel Bank is lead arranger "
       "of the new facility. Fenmore Bank is a lender.\n",
       "Harlow Air", 40e6, "CAD", "Debt", "Kestrel Bank", "Kestrel Bank|Fenmore Bank", NULL),
    FI("Biotech\nBrindle Bio raised $30 million in a Series B led by Corvo Capital. Other backers are Selby "
       "Ventures, Marten Fund and Ossian Partners.\n",
       "Brindle Bio", 30e6, "USD", "Series B", "Corvo Capital", "Corvo Capital|Selby Ventures|Marten Fund|Ossian Partners",
       NULL),
    FI("Biotech\nBrindle Bio raised $30 million in a Series B led by Corvo Capital. Other investors are Tarn "
       "Holdings founder and chairman Ada Voss, Marten Fund and the Ossian Trust.\n",
       "Brindle Bio", 30e6, "USD", "Series B", "Corvo Capital", "Corvo Capital|Ada Voss|Marten Fund",
       "Tarn Holdings"),
    FI("Fintech\nFintrack has secured $60 million in Series A funding. \"Payments are broken,\" notes lead "
       "investor Mara Quill of Dunmore Capital.\n",
       "Fintrack", 60e6, "USD", "Series A", "Dunmore Capital", "Dunmore Capital", "Mara Quill"),
    /* ---- an investor's ticket told first, the whole round later ---- */
    FI("Chips\nOrland Bank said on Monday it is investing 5 billion won in Sunmi Chips, a Korean chip startup. "
       "The lender said the 5 billion won investment was part of a larger 80 billion won raised in the round.\n",
       "Sunmi Chips", 80e9, "KRW", NULL, NULL, "Orland Bank", NULL),
    FI("Robots\nPell Ventures has invested $4 million in Corvid Robotics. Its $4 million ticket is part of the "
       "startup's $25 million Series A, Corvid said.\n",
       "Corvid Robotics", 25e6, "USD", "Series A", NULL, "Pell Ventures", NULL),
    /* "X said Monday it is investing": "it" is the sayer; an institution "of"
     * a country keeps the country in its name; a round named after the
     * sentence turns to the past is not this one's */
    FI("Robots\nHallam Bank of Norway said Tuesday it is investing NOK 50 million in Fjordline Robotics, a "
       "Bergen startup. The bank has backed Fjordline Robotics since its inception, including seed loans.\n",
       "Fjordline Robotics", 50e6, "NOK", NULL, NULL, "Hallam Bank of Norway", NULL),
    /* a founder raises for her startup, named later as hers */
    FI("Robots\nMira Vance, a robotics professor at a university in Leeds, has raised £12 million for her "
       "year-old warehouse robot startup.\nOrrin Capital is leading the funding of Dr. Vance's Quillon Labs, "
       "which is also backed by Fenn Ventures.\n",
       "Quillon Labs", 12e6, "GBP", NULL, "Orrin Capital", "Orrin Capital", "Mira Vance"),
    /* another's round as a yardstick */
    NONE("Robots\nIt is one of the largest first rounds for a robotics startup, following now defunct Tarrow "
         "Inc.'s $90-million venture raise when investors crowded in.\n", EVENT_FUNDING),
    NONE("Robots\nThe round is bigger than Pellam Labs' $50 million Series B, which set a record.\n",
         EVENT_FUNDING),
    /* the possessor of an investment invests */
    FI("Payments\nConglomerate Harrow Group's $80 million investment in payments startup Tillpoint makes it "
       "the largest shareholder.\n",
       "Tillpoint", 80e6, "USD", NULL, NULL, "Harrow Group", NULL),
    NONE("Payments\nConglomerate Harrow Group's $80 million investment in mobile payment f\n", EVENT_FUNDING),
    /* a sentence that opens in the past tells history */
    F("Loans\nCirrane has secured a $900 million loan backed by its servers. Cirrane has grown fast. Back in "
      "March, it raised $300 million from backers like Pell Capital, followed by a further $80 million.\n",
      "Cirrane", 900e6, "USD", "Debt"),
    NONE("Loans\nCirrane makes servers. Back in March, it raised $300 million from backers like Pell Capital.\n",
         EVENT_FUNDING),
    /* a second amount given by another, in the same sentence ("plus £1
     * million granted by the agency") */
    FI("Memory\nThe company Orvane has secured £6 million in a round led by Tallis Ventures, plus £2 million "
       "granted by the national innovation agency (Innovate Norland).\n",
       "Orvane", 2e6, "GBP", "Grant", NULL, "Innovate Norland", "Tallis Ventures"),
    FI("Memory\nOrvane has raised $10 million from Tallis Ventures, and $3 million awarded by the Norland "
       "Energy Agency.\n",
       "Orvane", 3e6, "USD", "Grant", NULL, "Norland Energy Agency", "Tallis Ventures"),
    /* a digest sentence of two rounds set off by dashes; the second a noun
     * phrase "the $X raise by <description> <Name>"; a plural series */
    F("Legal\nLegal startups raised $145m in May, led by the Series Bs of Swedish AI startup Lexfold - which "
      "raised $80m - and the $60m raise by Seattle-founded AI personal injury and mass tort platform Briefly.\n",
      "Briefly", 60e6, "USD", NULL),
    F("Legal\nLegal startups raised $145m in May, led by the Series Bs of Swedish AI startup Lexfold - which "
      "raised $80m - and the $60m raise by Seattle-founded AI personal injury and mass tort platform Briefly.\n",
      "Lexfold", 80e6, "USD", "Series B"),
    /* the amount in parentheses after its funding noun, the noun the object
     * of a participle whose subject follows "with" */
    FI("Weekly\nThe week was dominated by small deals, with Pune-based payroll platform, Saltbook, seeing the "
       "largest infusion ($12.5 million) and Orrin Capital entering as an investor.\n",
       "Saltbook", 12.5e6, "USD", NULL, NULL, "Orrin Capital", NULL),
    F("Weekly\nGridhaus took the biggest cheque of the week (€9 million) for its heat pumps.\n", "Gridhaus", 9e6,
      "EUR", NULL),
    /* debt in other words */
    F("Clouds\nOn the financing side, Cirrane closed $250 million in credit and lease financing to add "
      "capacity.\n", "Cirrane", 250e6, "USD", "Debt"),
    F("Clouds\nCirrane signed a $400 million term financing facility with four banks.\n", "Cirrane", 400e6,
      "USD", "Debt"),
    F("Digest\nPellam Foods raised $30 million in a Series B. Separately, payroll startup Saltbook on Monday "
      "announced that it has raised $3 million from Orrin Capital.\n", "Saltbook", 3e6, "USD", NULL),
    /* an "and" inside a firm's name */
    FI("Health\nClinicly closed a $14 million Series B led by Harwood Management and Research Company, the "
       "company said.\n", "Clinicly", 14e6, "USD", "Series B", "Harwood Management and Research",
       "Harwood Management and Research", NULL),
    FI("Health\nClinicly raised $14 million from Pell Capital and Orrin Partners.\n", "Clinicly", 14e6, "USD", NULL,
       NULL, "Pell Capital|Orrin Partners", NULL),
    /* investors named by a copula after a reporting verb, a ticker's colon */
    FI("Clouds\nCirrane raised $160 million in a funding round, a newspaper reported Thursday. The chief said "
       "Pellam and Orrin Holdings are among the investors.\n",
       "Cirrane", 160e6, "USD", NULL, NULL, "Pellam|Orrin Holdings", NULL),
    FI("Clouds\nCirrane raised $160 million in a funding round, a newspaper reported Thursday. The CEO revealed "
       "that Pellam (NASDAQ: PLM) and real estate firm Orrin Holdings are among the participating investors.\n",
       "Cirrane", 160e6, "USD", NULL, NULL, "Pellam|Orrin Holdings", NULL),
    /* the investors of "an investment fund of A and B"; the round as the
     * subject of "included" past a relative clause */
    FI("Chips\nIn its Series B round, Tessel Micro secured $90 million from an investment fund of Orrin Mobile and "
       "Pell Insurance.\n",
       "Tessel Micro", 90e6, "USD", "Series B", NULL, "Orrin Mobile|Pell Insurance", NULL),
    FI("Chips\nTessel Micro said its newest round of fundraising had generated $90 million. Its chief said the firm "
       "would hire. In a statement, Tessel said the latest rounds, which closed on Friday, included Orrin Mobile, "
       "Pell Insurance and Marten Fund.\n",
       "Tessel Micro", 90e6, "USD", NULL, NULL, "Orrin Mobile|Pell Insurance|Marten Fund", NULL),
    FI("Chips\nTessel Micro raised $90 million from investors including Harrow Bank's venture arm, HB Labs, and "
       "Marten Fund.\n",
       "Tessel Micro", 90e6, "USD", NULL, NULL, "HB Labs|Marten Fund", "Harrow Bank"),
    /* an opening participle describes the noun after its comma */
    FI("Chips\nThe state approved a $160 million direct investment in chip startup Norchip. Jointly led by the "
       "Finance Board and the Science Office, the \"K-chip\" project is the plan to grow a champion.\n",
       "Norchip", 160e6, "USD", NULL, NULL, NULL, "Finance Board|Science Office"),
    FI("Chips\nNorchip has raised $40 million. Led by Orrin Capital, the round also drew Pell Ventures.\n",
       "Norchip", 40e6, "USD", NULL, "Orrin Capital", "Orrin Capital", NULL),
    /* public money: the body signs with the company "to provide up to roughly" */
    FI("Chips\nOn May 2, the Administration announced that the Department of Industry and Kestrel Semiconductor "
       "have signed preliminary terms to provide up to roughly $2.1 billion in direct funding under the Chips Act "
       "to build a fab.\n",
       "Kestrel Semiconductor", 2.1e9, "USD", "Grant", NULL, "Department of Industry", NULL),
    /* names of other shapes (tests/events/perturb.py): a lower-case initial
     * opens a sentence and a name, in the subject and in investor lists */
    FI("Photonics\nThe startup is based in Oslo. eVora raised $12 million in a Series A round led by qOrrin, "
       "with participation from iLumen and xTarn.\n",
       "eVora", 12e6, "USD", "Series A", "qOrrin", "qOrrin|iLumen|xTarn", NULL),
    FI("Chips\nIn its Series B round, eTessel secured $90 million from an investment fund of qOrrin and iPell.\n",
       "eTessel", 90e6, "USD", "Series B", NULL, "qOrrin|iPell", NULL),
    F("Cardiac\nToronto-based qQuilix has recently finished a $25 million investment round to advance its "
      "imaging.\n", "qQuilix", 25e6, "USD", NULL),
    S("Stocks\nBut leading chemicals maker xCalund shrank 3.8 percent to 481,000 won.\n", "xCalund", -3.8),
    FI("Chips\nVolta has secured $14 million in a Series A investment led by the Digital East Fund of xSolev and "
       "eCorix, with participation from existing investors eLumund and qCorev.\n",
       "Volta", 14e6, "USD", "Series A", "xSolev|eCorix", "xSolev|eCorix|eLumund|qCorev", NULL),
    FI("Chips\nChip designer Volta recently raised $65.4 million, of which qTarisa, eCalath and xFyrium are important "
       "investors.\n", "Volta", 65.4e6, "USD", NULL, NULL, "qTarisa|eCalath|xFyrium", NULL),
    /* a relative clause inside a list after a one-word name */
    FI("Photonics\nLumora has raised $34 million. The round was co-led by Tessaly and Morrow and saw participation "
       "from Kestrel, which is now a part of Halvorsen Systems Co., Pinegate, Dunmore and Korrin.\n",
       "Lumora", 34e6, "USD", NULL, "Tessaly|Morrow", "Kestrel|Pinegate|Dunmore|Korrin", "Halvorsen Systems"),
    /* a company form's period inside a list ends nothing */
    FI("Chips\nTessel raised $90 million from Orrin Inc., Marten Inc. and Pell Inc. The company said it would hire.\n",
       "Tessel", 90e6, "USD", NULL, NULL, "Orrin|Marten|Pell", NULL),
    /* a company form's period ends no clause before a lead's verb; a form
     * before "and" ends a firm's name */
    FI("Chips\nTessel has raised $90 million in a Series B round. Orrin Inc. is leading the round, and Pell Labs "
       "is participating.\n", "Tessel", 90e6, "USD", "Series B", "Orrin", "Orrin|Pell Labs", NULL),
    FI("Chips\nTessel has raised $90 million in a Series B round. Orrin Inc and Marten Corp. also participated.\n",
       "Tessel", 90e6, "USD", "Series B", NULL, "Orrin|Marten", "Orrin Inc and Marten"),
    /* an appositive role between commas describes the name before it, not
     * the headline's company */
    A("Market pulse\n\nHarlow Micro Inc., the largest maker of phone chips, will acquire Orrin Semiconductors for "
      "$4 billion in an all-cash deal.\n", "Harlow Micro", "Orrin Semiconductors", NULL),
    A("Market pulse\n\nHarlow Micro Devices ( HMD), long the also-ran to Pellam in the processor business, plans to "
      "buy graphics chipmaker Orrin Graphics ( ORGX) in a move to shake up the industry.\n", "Harlow Micro Devices",
      "Orrin Graphics", NULL),
    /* a Title Case headline below menu lines is a headline: its capitalised
     * nouns are no names */
    NONE("Skip to content\nMenu\nSign in\n\nRobot Maker Raises $40 Million for Future Warehouse Development\n\n"
         "The company said it will hire engineers in the spring.\n", EVENT_FUNDING),
    /* links to other stories after the text, under a heading that names
     * an outlet of several words, or a short one: none is read, joined
     * lines neither */
    NONE("Chips\nThe chip market grew this year.\n\nMore from Deal Flow Weekly\nNeuroVolt closes $25 million seed "
         "round\nSilver Fern acquires Copper Ridge for $1.1 billion\nFollow us\n", EVENT_FUNDING),
    NONE("Chips\nThe chip market grew this year.\n\nMore from Deal Flow Weekly\nNeuroVolt closes $25 million seed "
         "round\nSilver Fern acquires Copper Ridge for $1.1 billion\nFollow us\n", EVENT_ACQUISITION),
    NONE("Chips\nThe chip market grew this year.\n\nRelated stories\nBrisk Harbor raises $12 million for robots\n"
         "Quillet to buy Amber Forge in $300 million deal\nShare this article\n", EVENT_ACQUISITION),
    NONE("Sensors\nNorthwind Labs makes sensors for ships. Northwind Labs is hiring. A record $4 billion was "
         "raised by sensor startups this quarter, and an estimated $900 million went to chip startups.\n",
         EVENT_FUNDING),
};

#include <stdarg.h>
#include <stdio.h>

/* One case gone wrong: the first says FAIL on stdout, every one its reason
 * on stderr. */
static void check_fail(const char *name, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void check_fail(const char *name, const char *file, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    (void)name;
    if (!check_failed_now)
        printf("FAIL %s: %s:%d: %s\n", check_name, file, line, msg);
    fprintf(stderr, "  %s\n", msg);
    check_failed_now = 1;
}

static bool listed(char *const *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0)
            return true;
    return false;
}

/* Each name of "A|B" is (want) or is not (!want) in v. */
static bool names_ok(char *const *v, size_t n, const char *names, bool want)
{
    if (!names)
        return true;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", names);
    for (char *save = NULL, *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
        if (listed(v, n, t) != want)
            return false;
    return true;
}

static const event_t *find(const event_list *l, const shape *c)
{
    for (size_t i = 0; i < l->n; i++) {
        const event_t *e = &l->items[i];
        if (e->type != c->type)
            continue;
        const char *w = c->type == EVENT_ACQUISITION ? e->acquirer :
                        c->type == EVENT_INFRASTRUCTURE ? e->organization : e->company;
        /* of a company's several events, the one of the amount asked for */
        if (w && strcmp(w, c->who) == 0 &&
            (isnan(c->amount) || c->type != EVENT_FUNDING || fabs(e->amount_value - c->amount) <= 0.02 * c->amount))
            return e;
    }
    for (size_t i = 0; i < l->n; i++) {
        const event_t *e = &l->items[i];
        const char *w = c->type == EVENT_ACQUISITION ? e->acquirer :
                        c->type == EVENT_INFRASTRUCTURE ? e->organization : e->company;
        if (e->type == c->type && w && strcmp(w, c->who) == 0)
            return e;
    }
    return NULL;
}

static void check_shape(int k, const shape *c)
{
    event_list l = run(c->text, "2026-06-10");
    if (!c->who) {
        if (count(&l, c->type) != 0)
            check_fail("shapes", __FILE__, __LINE__, "case %d: an event where none is told", k);
        event_list_free(&l);
        return;
    }
    const event_t *e = find(&l, c);
    if (!e) {
        check_fail("shapes", __FILE__, __LINE__, "case %d: no %s event of %s", k, event_type_name(c->type), c->who);
        event_list_free(&l);
        return;
    }
    if (c->target && !(e->target && strcmp(e->target, c->target) == 0))
        check_fail("shapes", __FILE__, __LINE__, "case %d: target %s, want %s", k, e->target ? e->target : "-", c->target);
    if (c->status && !(e->status && strcmp(e->status, c->status) == 0))
        check_fail("shapes", __FILE__, __LINE__, "case %d: status %s, want %s", k, e->status ? e->status : "-", c->status);
    if (!isnan(c->amount) && !(fabs(e->amount_value - c->amount) <= 0.02 * c->amount && strcmp(e->currency, c->currency) == 0))
        check_fail("shapes", __FILE__, __LINE__, "case %d: amount %g %s, want %g %s", k, e->amount_value, e->currency,
                   c->amount, c->currency);
    if (c->round && !(e->round && strcmp(e->round, c->round) == 0))
        check_fail("shapes", __FILE__, __LINE__, "case %d: round %s, want %s", k, e->round ? e->round : "-", c->round);
    if (!names_ok(e->lead_investors, e->n_lead, c->leads, true))
        check_fail("shapes", __FILE__, __LINE__, "case %d: leads missing (want %s, got %zu)", k, c->leads, e->n_lead);
    if (!names_ok(e->investors, e->n_investors, c->investors, true))
        check_fail("shapes", __FILE__, __LINE__, "case %d: investors missing (want %s)", k, c->investors);
    if (!names_ok(e->investors, e->n_investors, c->not_investors, false))
        check_fail("shapes", __FILE__, __LINE__, "case %d: investors wrongly include one of %s", k, c->not_investors);
    if (!isnan(c->pct) && !(fabs(e->change_pct - c->pct) < 0.01))
        check_fail("shapes", __FILE__, __LINE__, "case %d: change %g, want %g", k, e->change_pct, c->pct);
    event_list_free(&l);
}

static void shapes_of_real_news(void)
{
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++)
        check_shape((int)k, &shapes[k]);
}

int main(void)
{
    RUN(shapes_of_real_news);
    return check_failed_total ? 1 : 0;
}
