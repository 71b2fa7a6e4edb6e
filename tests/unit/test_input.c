/* test_input: the one reader of users' dates, amounts and counts. */
#include "check.h"

#include "util/input.h"

static void days(void)
{
    CHECK(input_day("2026-02-28"));
    CHECK(input_day("2024-02-29"));
    CHECK(input_day("2000-02-29"));
    CHECK(input_day("2026-12-31"));
    CHECK(!input_day("2026-02-29"));
    CHECK(!input_day("1900-02-29"));
    CHECK(!input_day("2026-02-30"));
    CHECK(!input_day("2026-13-01"));
    CHECK(!input_day("2026-99-99"));
    CHECK(!input_day("2026-04-31"));
    CHECK(!input_day("2026-00-10"));
    CHECK(!input_day("2026-01-00"));
    CHECK(!input_day("0000-01-01"));
    CHECK(!input_day("yesterday"));
    CHECK(!input_day("2026-3-1"));
    CHECK(!input_day("2026-03-01T00:00:00Z"));
    CHECK(!input_day("2026/03/01"));
    CHECK(!input_day(""));
    CHECK(!input_day(NULL));
}

static void amounts(void)
{
    double v = 0;
    CHECK(input_usd("100000000", &v) == 0 && v == 1e8);
    CHECK(input_usd("1e8", &v) == 0 && v == 1e8);
    CHECK(input_usd("100M", &v) == 0 && v == 1e8);
    CHECK(input_usd("2b", &v) == 0 && v == 2e9);
    CHECK(input_usd("30k", &v) == 0 && v == 3e4);
    CHECK(input_usd("2.5M", &v) == 0 && v == 2.5e6);
    CHECK(input_usd("0", &v) == 0 && v == 0);
    CHECK(input_usd("-5", &v) < 0);
    CHECK(input_usd("nan", &v) < 0);
    CHECK(input_usd("inf", &v) < 0);
    CHECK(input_usd("1e999", &v) < 0);
    CHECK(input_usd(" 5", &v) < 0);
    CHECK(input_usd("5x", &v) < 0);
    CHECK(input_usd("5MM", &v) < 0);
    CHECK(input_usd("0x10", &v) < 0);
    CHECK(input_usd("", &v) < 0);
}

static void counts(void)
{
    int64_t n = 0;
    CHECK(input_int("10", 1, 100, &n) == 0 && n == 10);
    CHECK(input_int("0", 1, 100, &n) < 0);
    CHECK(input_int("101", 1, 100, &n) < 0);
    CHECK(input_int("-1", 1, 100, &n) < 0);
    CHECK(input_int("+5", 1, 100, &n) < 0);
    CHECK(input_int(" 5", 1, 100, &n) < 0);
    CHECK(input_int("5 ", 1, 100, &n) < 0);
    CHECK(input_int("99999999999999999999", 1, INT64_MAX, &n) < 0);
    CHECK(input_int("-3", -5, 5, &n) == 0 && n == -3);
}

static void durations(void)
{
    CHECK(input_duration("90") == 90);
    CHECK(input_duration("90s") == 90);
    CHECK(input_duration("15m") == 900);
    CHECK(input_duration("2h") == 7200);
    CHECK(input_duration("1d") == 86400);
    CHECK(input_duration("366d") == 366L * 86400);
    CHECK(input_duration("367d") < 0);
    CHECK(input_duration("0") < 0);
    CHECK(input_duration("-5m") < 0);
    CHECK(input_duration(" 5m") < 0);
    CHECK(input_duration("5x") < 0);
    CHECK(input_duration("soon") < 0);
    CHECK(input_duration("") < 0);
}

int main(void)
{
    RUN(days);
    RUN(amounts);
    RUN(counts);
    RUN(durations);
    CHECK_DONE();
}
