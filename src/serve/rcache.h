/* rcache: the tracker reports the server shows, built with report_write
 * and kept until the data's generation moves (store_generation: any
 * write), or a minute passes ("Updated" and the editions move on too). */
#ifndef MTRACK_RCACHE_H
#define MTRACK_RCACHE_H

#include <stddef.h>

#include "publish/report.h"
#include "store/store.h"
#include "util/buf.h"

/* Appends tracker name's report (NULL: the first tracker) in format fmt to
 * out; for HTML, csp (cspsz bytes) gets the page's Content-Security-Policy
 * (its stylesheet's hash). Returns 0, 1 when there is no such tracker, -1
 * on a store or report error (a page past the output cap is one: it is
 * never cached or sent cut). top: items per section (report_opts.top).
 * Thread-safe. */
int rcache_get(store_t *s, const char *name, report_format fmt, int top, buf_t *out, char *csp, size_t cspsz);
/* Seconds between the editions of the HTML report the server records
 * (serve --publish-every); 0, the default: it records none. */
extern long rcache_publish_every;
/* Forgets every cached report. */
void rcache_free(void);

#endif
