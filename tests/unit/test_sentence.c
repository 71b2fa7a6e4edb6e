/* test_sentence: sentence splitting and Unicode folding. */
#include <string.h>

#include "analyze/fold.h"
#include "analyze/sentence.h"
#include "check.h"

/* The k-th sentence of s, copied (static), or NULL. */
static const char *nth(const char *s, int k)
{
    static char out[SENTENCE_MAX + 1];
    size_t pos = 0, b, l;
    int i = 0;
    while (sentence_next(s, strlen(s), &pos, &b, &l)) {
        if (i++ == k) {
            memcpy(out, s + b, l);
            out[l] = 0;
            return out;
        }
    }
    return NULL;
}

static int count(const char *s)
{
    size_t pos = 0, b, l;
    int i = 0;
    while (sentence_next(s, strlen(s), &pos, &b, &l))
        i++;
    return i;
}

static void abbreviations(void)
{
    CHECK_STR(nth("Acme Inc. raised $5 million. It will hire.", 0), "Acme Inc. raised $5 million.");
    CHECK_STR(nth("The U.S. company raised approx. $5 million. It will hire.", 0),
              "The U.S. company raised approx. $5 million.");
    CHECK_STR(nth("Led by J. P. Morgan Chase and Dr. Smith, the round closed. Next.", 0),
              "Led by J. P. Morgan Chase and Dr. Smith, the round closed.");
    /* a soft abbreviation before a usual opener ends the sentence */
    CHECK_STR(nth("The money came from Acme Inc. The round was led by Sequoia.", 1),
              "The round was led by Sequoia.");
    /* ... but not inside a Title Case line with no period: a headline */
    CHECK_STR(nth("Wynor Inc. Shares Continue To Slide\nThe stock fell.", 0), "Wynor Inc. Shares Continue To Slide");
    CHECK_STR(nth("Shares rose at Acme Inc. Shares Of Rivals Fell.", 1), "Shares Of Rivals Fell.");
    /* a name with a lower-case initial opens a sentence */
    CHECK_STR(nth("The startup is based in Oslo. eVora said it would hire.", 1), "eVora said it would hire.");
    CHECK_STR(nth("It grew in size. iPhone sales rose.", 1), "iPhone sales rose.");
    CHECK(count("The rate is e.g. high. e was low.") == 1);
}

static void decimals_and_quotes(void)
{
    CHECK_STR(nth("It raised $1.03 billion at a 2.5x markup. Then more.", 0),
              "It raised $1.03 billion at a 2.5x markup.");
    CHECK_STR(nth("\"We are thrilled.\" said the CEO. Next one.", 0), "\"We are thrilled.\" said the CEO.");
    CHECK_STR(nth("He said \xe2\x80\x9cyes.\xe2\x80\x9d The deal closed.", 1), "The deal closed.");
    CHECK_STR(nth("Visit x.ai today. Done.", 0), "Visit x.ai today.");
}

static void lines_and_bullets(void)
{
    CHECK_STR(nth("Headline without stop\nBody starts here.", 0), "Headline without stop");
    CHECK_STR(nth("  \xe2\x80\xa2 Nscale raised $2 billion.\n  \xe2\x80\xa2 Next", 0), "Nscale raised $2 billion.");
    CHECK(count("") == 0);
    CHECK(count("\n\n  \n") == 0);
    /* a long wrapped line followed by lower case goes on */
    CHECK(count("This is a long line of wire copy that was wrapped at seventy columns by\nthe sender, and it goes on.") == 1);
}

static void long_runs(void)
{
    static char big[3 * SENTENCE_MAX];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    int n = count(big);
    CHECK(n >= 3);
    CHECK(strlen(nth(big, 0)) <= SENTENCE_MAX);
}

static void folding(void)
{
    char out[128];
    const char *s = "Alibaba\xe2\x80\x99s \xe2\x80\x9cmoonshot\xe2\x80\x9d\xc2\xa0plan \xe2\x80\x93 2024\xe2\x80\x94" "2026";
    size_t n = fold_text(s, strlen(s), out);
    CHECK_STR(out, "Alibaba's \"moonshot\" plan - 2024 - 2026");
    CHECK(n == strlen(out));
    /* invalid bytes become spaces, currency symbols stay */
    s = "\xff\xfe \xe2\x82\xac" "5";
    fold_text(s, strlen(s), out);
    CHECK_STR(out, "   \xe2\x82\xac" "5");
    /* fullwidth digits and dollar */
    s = "\xef\xbc\x84" "5";
    fold_text(s, strlen(s), out);
    CHECK_STR(out, "$5");
}

/* reference marks after a period: "... billion.[1][2] The round ..." */
static void reference_marks(void)
{
    const char *t = "Acme raised $3 billion.[1][2] The round was led by Zed Capital.[3] Next, more[a]. Done.";
    CHECK_STR(nth(t, 0), "Acme raised $3 billion.[1][2]");
    CHECK_STR(nth(t, 1), "The round was led by Zed Capital.[3]");
    CHECK(count(t) == 4);
}

/* Paragraphs a page joined without a space: "... its farms.The deal ...".
 * A period between a lower-case word and a capitalised one ends the
 * sentence; domain names, decimals and initials stay whole. */
static void joined_paragraphs(void)
{
    CHECK_STR(nth("Acme will power its farms, Wire reports.The deal follows a similar one.", 0),
              "Acme will power its farms, Wire reports.");
    CHECK_STR(nth("Acme will power its farms, Wire reports.The deal follows a similar one.", 1),
              "The deal follows a similar one.");
    CHECK_STR(nth("Its backers include a state pension fund.Brightwell and Acme aim to build ten plants.", 1),
              "Brightwell and Acme aim to build ten plants.");
    CHECK(count("Shop at Example.Com today or visit booking.com now. See Acme.Net for more.") == 2);
    CHECK(count("The chip runs at 1.5GHz and costs $2.5 bn. Next one.") == 2);
    CHECK(count("It grew fast in the U.K.Then it went to Spain.") == 1);
    /* the next paragraph opens with a name with figures or a lower-case
     * initial */
    CHECK_STR(nth("Its backers include a state pension fund.Qubit9 said it will build ten plants.", 1),
              "Qubit9 said it will build ten plants.");
    CHECK_STR(nth("Its backers include a state pension fund.eVora said it will build ten plants.", 1),
              "eVora said it will build ten plants.");
    CHECK(count("Visit the site at acme.x.ai today. Next.") == 2);
}

/* A name with an abbreviation inside ("Geo. Works", "Fab. Hub"): the
 * capitalised word after the period goes on the name when what follows is
 * no sentence: the rest of a line with no stop, or a listed name's
 * bracketed description. A real end before a capitalised word stays one. */
static void period_inside_a_name(void)
{
    CHECK(count("Quell, Geo. Works top the month\nMost money went to robotics.") == 2);
    CHECK_STR(nth("Quell, Geo. Works top the month\nMost money went to robotics.", 0),
              "Quell, Geo. Works top the month");
    const char *s = "Winners were Quell (robotics), which raised $9 million, and Fab. Hub "
                    "(chip packaging), which raised $20 million. Next came others.";
    CHECK(count(s) == 2);
    CHECK_STR(nth(s, 1), "Next came others.");
    /* a capitalised word ending a sentence before a name that opens the next */
    CHECK(count("The plant is near Lyon. Morvane said it will hire.") == 2);
    CHECK(count("It sells to Apple and Intel. Morvane shares rose.") == 2);
    CHECK(count("It sells to Apple and Intel. Morvane (MRV) rose 4%.") == 2);
}

int main(void)
{
    RUN(abbreviations);
    RUN(decimals_and_quotes);
    RUN(lines_and_bullets);
    RUN(long_runs);
    RUN(folding);
    RUN(reference_marks);
    RUN(joined_paragraphs);
    RUN(period_inside_a_name);
    CHECK_DONE();
}
