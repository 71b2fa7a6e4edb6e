/* round: the stage of a funding round as the sentence names it. */
#include "analyze/round.h"

#include <string.h>

#include "analyze/scan.h"
#include "util/str.h"

static const char *const series_names[] = {
    "Series A", "Series B", "Series C", "Series D", "Series E",
    "Series F", "Series G", "Series H", "Series I", "Series J",
};

static const struct { const char *w; const char *round; } words[] = {
    {"pre-seed", "Pre-Seed"}, {"pre seed", "Pre-Seed"}, {"preseed", "Pre-Seed"},
    {"seed", "Seed"}, {"seed-stage", "Seed"}, {"seed stage", "Seed"},
    {"angel round", "Seed"},
    {"growth round", "Growth"}, {"growth equity", "Growth"}, {"growth funding", "Growth"},
    {"growth financing", "Growth"}, {"growth investment", "Growth"},
    {"growth capital", "Growth"}, {"late-stage", "Growth"},
    {"debt financing", "Debt"}, {"debt funding", "Debt"}, {"venture debt", "Debt"},
    {"credit facility", "Debt"}, {"debt facility", "Debt"}, {"loan", "Debt"},
    {"debt round", "Debt"}, {"convertible note", "Debt"}, {"convertible notes", "Debt"},
    {"debt", "Debt"}, {"credit line", "Debt"}, {"project financing", "Debt"}, {"project finance", "Debt"},
    {"term loan", "Debt"}, {"revolving credit", "Debt"}, {"senior notes", "Debt"}, {"bonds", "Debt"},
    {"lease financing", "Debt"}, {"term financing", "Debt"}, {"financing facility", "Debt"},
    {"loan facility", "Debt"}, {"syndicated financing", "Debt"}, {"credit financing", "Debt"},
    {"strategic investment", "Strategic"}, {"strategic round", "Strategic"},
    {"strategic funding", "Strategic"}, {"strategic financing", "Strategic"},
    {"corporate round", "Strategic"},
    {"grant", "Grant"}, {"grants", "Grant"}, {"grant funding", "Grant"}, {"subsidies", "Grant"},
    {"subsidy", "Grant"}, {"state aid", "Grant"},
    {"an award", "Grant"}, {"award of", "Grant"}, {"chips award", "Grant"}, {"chips act", "Grant"},
    {"senior notes", "Debt"}, {"convertible senior notes", "Debt"}, {"notes due", "Debt"},
    {"initial public offering", "IPO"}, {"ipo", "IPO"}, {"public listing", "IPO"},
};

const char *round_find(const char *lc, size_t n, size_t *pos)
{
    /* "series b", "series b-1", "series a+" */
    size_t from = 0, i;
    while ((i = scan_word(lc, n, from, "series")) != SCAN_NONE) {
        size_t j = i + 6;
        /* a digest's plural, "the Series Bs of A and B" (not "series as") */
        bool plural = j + 2 < n && lc[j + 1] != 'a' && lc[j + 2] == 's' &&
                      (j + 3 >= n || !str_isalpha((unsigned char)lc[j + 3]));
        if (j + 1 < n && lc[j] == ' ' && lc[j + 1] >= 'a' && lc[j + 1] <= 'j' &&
            (j + 2 >= n || !str_isalpha((unsigned char)lc[j + 2]) || plural)) {
            if (pos)
                *pos = i;
            /* "pre-Series A" names no series of its own */
            if (i >= 4 && (memcmp(lc + i - 4, "pre-", 4) == 0 || memcmp(lc + i - 4, "pre ", 4) == 0))
                return "Unspecified";
            return series_names[lc[j + 1] - 'a'];
        }
        from = i + 6;
    }
    /* "completed a B round", "its C+ round", "an A-round" */
    static const char *const dets[] = {"a ", "an ", "its ", "the "};
    for (size_t k = 0; k < COUNT(dets); k++) {
        size_t dl = strlen(dets[k]);
        for (const char *p = lc; (p = memmem(p, (size_t)(lc + n - p), dets[k], dl)) != NULL; p++) {
            size_t j = (size_t)(p - lc);
            if (j > 0 && str_isalpha((unsigned char)lc[j - 1]))
                continue;
            size_t x = j + dl;
            if (x >= n || lc[x] < 'a' || lc[x] > 'j')
                continue;
            size_t y = x + 1;
            if (y < n && lc[y] == '+')
                y++;
            /* "an A+ financing round", "a B funding round" */
            static const char *const mid[] = {" financing", " funding", " investment", " equity"};
            for (size_t q = 0; q < COUNT(mid); q++)
                if (y + strlen(mid[q]) <= n && memcmp(lc + y, mid[q], strlen(mid[q])) == 0) {
                    y += strlen(mid[q]);
                    break;
                }
            if (y + 6 <= n && (memcmp(lc + y, " round", 6) == 0 || memcmp(lc + y, "-round", 6) == 0)) {
                if (pos)
                    *pos = x;
                return series_names[lc[x] - 'a'];
            }
        }
    }

    size_t best = SCAN_NONE;
    const char *r = NULL;
    for (size_t k = 0; k < COUNT(words); k++) {
        i = scan_word(lc, n, 0, words[k].w);
        if (i == SCAN_NONE)
            continue;
        if (i >= 4 && memcmp(lc + i - 4, "pre-", 4) == 0 && words[k].round[0] == 'I')
            continue; /* "pre-IPO" */
        if (k < 3 || best == SCAN_NONE || i < best) {
            /* pre-seed outranks seed at the same place */
            if (r && (r[0] == 'P') && words[k].round[0] == 'S' && words[k].round[1] == 'e')
                continue;
            best = i;
            r = words[k].round;
        }
    }
    if (r && pos)
        *pos = best;
    return r;
}
