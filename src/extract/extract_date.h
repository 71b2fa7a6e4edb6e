/* extract_date: the dates found in pages, normalised to RFC 3339. */
#ifndef MTRACK_EXTRACT_DATE_H
#define MTRACK_EXTRACT_DATE_H

/* Reads a date as pages write it (ISO 8601 with or without time, zone or
 * fraction; RFC 822/1123 "Tue, 19 Nov 2019 12:00:00 GMT"; "November 19,
 * 2019"; "19 November 2019") and returns it as RFC 3339
 * ("2019-11-19T12:00:00Z" or "...+02:00"; a date alone gets T00:00:00Z).
 * Returns an owned string, or NULL when s is not a date we read. */
char *extract_date_rfc3339(const char *s);

#endif
