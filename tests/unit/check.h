/* check: the tiny test harness of the unit tests.
 *
 * A test file defines static void functions and lists them in main() with
 * RUN(fn). Each prints "PASS name" or "FAIL name: file:line: what" (the
 * protocol tests/run.sh counts); the exit status is 1 when any failed. */
#ifndef MTRACK_CHECK_H
#define MTRACK_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failed_total;
static int check_failed_now;
static const char *check_name;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            if (!check_failed_now)                                                   \
                printf("FAIL %s: %s:%d: %s\n", check_name, __FILE__, __LINE__, #cond); \
            check_failed_now = 1;                                                    \
        }                                                                            \
    } while (0)

#define CHECK_STR(got, want)                                                           \
    do {                                                                               \
        const char *g_ = (got), *w_ = (want);                                          \
        if (!((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0))) {     \
            if (!check_failed_now)                                                     \
                printf("FAIL %s: %s:%d: got \"%s\", want \"%s\"\n", check_name, __FILE__, \
                       __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");              \
            check_failed_now = 1;                                                      \
        }                                                                              \
    } while (0)

#define CHECK_NUM(got, want)                                                             \
    do {                                                                                 \
        double g_ = (got), w_ = (want);                                                  \
        if (!((isnan(g_) && isnan(w_)) || fabs(g_ - w_) <= 1e-9 * (fabs(w_) + 1))) {     \
            if (!check_failed_now)                                                       \
                printf("FAIL %s: %s:%d: got %.17g, want %.17g\n", check_name, __FILE__,   \
                       __LINE__, g_, w_);                                                \
            check_failed_now = 1;                                                        \
        }                                                                                \
    } while (0)

#define RUN(fn)                                   \
    do {                                          \
        check_name = #fn;                         \
        check_failed_now = 0;                     \
        fn();                                     \
        if (!check_failed_now)                    \
            printf("PASS %s\n", #fn);             \
        else                                      \
            check_failed_total++;                 \
        fflush(stdout);                           \
    } while (0)

#define CHECK_DONE() return check_failed_total ? 1 : 0

#endif
