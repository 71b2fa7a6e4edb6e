/* date: the date formats found in feeds, parsed to UTC and written as RFC 3339. */
#ifndef MTRACK_DATE_H
#define MTRACK_DATE_H

#include <stdint.h>

/* Parses s in any format feeds use: RFC 822/1123/2822 (with two-digit years,
 * named and military zones), W3C-DTF / ISO 8601 (calendar, ordinal and
 * compact forms), asctime, Perforce ("2006/09/15 08:19:53"), and the
 * regional forms of feedparser's tests (Korean, Greek, Hungarian month and
 * day names). A missing zone means UTC. Returns 0 and stores the seconds
 * since 1970 in *epoch_utc, or -1 when s is not a date (or out of the
 * years 1..9999). Never reads more than 256 bytes of s. */
int date_parse(const char *s, int64_t *epoch_utc);

/* Writes t as "2004-01-01T19:48:21Z" into out (always NUL-terminated). */
void date_format_rfc3339(int64_t t, char out[32]);

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12). */
int64_t date_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
