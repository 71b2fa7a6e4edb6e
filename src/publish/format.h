/* format: figures as people read them ("$2 billion", "$450M", "Mar 16, 2026"). */
#ifndef MTRACK_FORMAT_H
#define MTRACK_FORMAT_H

#include "util/buf.h"

/* "$2 billion", "$1.03 billion", "$450 million", "$30,000"; nothing for NAN. */
void fmt_usd_long(buf_t *b, double usd);
/* One money style for every amount the page states: "$2 billion", "$450
 * million", "€85 million (about $91.8 million)", "RMB 1 billion (about $140
 * million)"; value in currency's units (NAN: only usd is known); nothing
 * when neither is known. */
void fmt_money(buf_t *b, double value, const char *currency, double usd);
/* A count with thousands separators: "24,000"; nothing for NAN. */
void fmt_count(buf_t *b, double n);
/* "$2B", "$1.03B", "$450M", "$30K". */
void fmt_usd_short(buf_t *b, double usd);
/* "Mar 16, 2026" from an RFC 3339 date ("" when unreadable). */
void fmt_date_human(buf_t *b, const char *rfc3339);
/* "Dec 1, 2026, 14:05 UTC" from an RFC 3339 time (its date alone when it
 * has no time; nothing when unreadable). */
void fmt_datetime_human(buf_t *b, const char *rfc3339);

/* A country by name from its ISO 3166 code, as a sentence says it ("the
 * UK", "France"), and as a label or table cell does ("UK"); the code
 * itself when it is not one of the names known. Static strings. */
const char *fmt_country_name(const char *iso);
const char *fmt_country_label(const char *iso);

#endif
