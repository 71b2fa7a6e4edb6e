/* alert: a tracker's alert rules matched against stored events, each alert
 * delivered once (stdout, signed webhook or command). */
#ifndef MTRACK_ALERT_H
#define MTRACK_ALERT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analyze/event.h"
#include "sources/tracker.h"
#include "store/store.h"
#include "util/buf.h"

/* Caps: an alert's JSON body, a webhook's whole exchange, a command's run. */
#define ALERT_BODY_MAX ((size_t)1 << 20)
#define ALERT_WEBHOOK_TIMEOUT_S 15
#define ALERT_COMMAND_TIMEOUT_S 60

/* 1 when event e (in the theme called theme_name, NULL when it has none)
 * meets rule a: its type (when set), theme (when set), at least min_usd in
 * amount or price (when set; an event without a figure does not meet it),
 * and org (when set) a case-insensitive substring of one of its
 * organisations or investors. 0 otherwise. */
int alert_match(const alert_def *a, const event_t *e, const char *theme_name);


/* The HMAC-SHA256 of data under key, as 64 lower-case hex digits and a NUL
 * in hex. Returns 0, or -1 when libcrypto fails. */
int alert_hmac_sha256_hex(const void *key, size_t keylen, const void *data, size_t n,
                          char hex[65]);

/* Delivers one alert body (JSON, len bytes) the way deliver says:
 *   "stdout"          one line on out
 *   "webhook URL"     POST to URL (http/https), signed with secret when not
 *                     NULL in X-Mtrack-Signature: sha256=<hex>; 2xx is success
 *   "command CMD"     /bin/sh -c CMD with the body on its standard input
 *                     (its standard output goes to stderr); exit 0 is success
 * Returns 0 when delivered, -1 with the reason in why otherwise. */
int alert_deliver(const char *deliver, const char *body, size_t len, const char *secret,
                  FILE *out, char *why, size_t whylen);

typedef struct alert_stats {
    int64_t matched;   /* events meeting a rule */
    int64_t delivered; /* delivered in this run */
    int64_t already;   /* delivered by an earlier run */
    int64_t failed;    /* deliveries that failed (retried next run) */
    int64_t older;     /* events stored before their rule (see backfill) */
} alert_stats;

/* Evaluates every alert rule of tracker t against the stored events and
 * delivers each alert not delivered before, at least once: the delivery is
 * recorded only after it succeeded (a 2xx from a webhook, exit 0 from a
 * command), so a run killed during a delivery sends it again next run; the
 * body's event_id (with tracker and alert) lets a receiver drop a repeat.
 * A rule alerts on the events stored after it was first evaluated
 * (store_alert_rule_since); backfill makes it alert on every stored event.
 * Alerts on stdout go to out; one line of log per failure goes to log.
 * secret signs webhooks (may be NULL). Returns 0 (even when deliveries
 * failed: see st), -1 on a store error. */
int alert_run(store_t *s, const tracker_def *t, const char *secret, int backfill, FILE *out,
              FILE *log, alert_stats *st);

#endif
