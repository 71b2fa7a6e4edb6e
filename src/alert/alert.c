/* alert: alert rules matched against stored events and delivered once. */
#include "alert/alert.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "publish/scope.h"
#include "publish/theme.h"
#include "util/json.h"
#include "util/str.h"

static int has_ci(const char *hay, const char *needle)
{
    return hay && str_icasestr(hay, strlen(hay), needle) != NULL;
}

int alert_match(const alert_def *a, const event_t *e, const char *theme_name)
{
    if (!a || !e)
        return 0;
    if (a->type && *a->type && str_casecmp(a->type, "any") != 0) {
        int want = event_type_parse(a->type);
        if (want < 0 || (int)e->type != want)
            return 0;
    }
    if (a->theme && *a->theme && (!theme_name || str_casecmp(a->theme, theme_name) != 0))
        return 0;
    if (!isnan(a->min_usd)) {
        double usd = !isnan(e->amount_usd) ? e->amount_usd : e->price_usd;
        if (isnan(usd) || usd < a->min_usd)
            return 0;
    }
    if (a->org && *a->org) {
        const char *names[] = {e->company, e->acquirer, e->target, e->organization, e->ticker};
        int found = 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0] && !found; i++)
            found = has_ci(names[i], a->org);
        for (size_t i = 0; i < e->n_investors && !found; i++)
            found = has_ci(e->investors[i], a->org);
        if (!found)
            return 0;
    }
    return 1;
}

int alert_hmac_sha256_hex(const void *key, size_t keylen, const void *data, size_t n,
                          char hex[65])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int maclen = 0;
    static const unsigned char empty[1];
    if (keylen > (size_t)1 << 20)
        return -1;
    if (!HMAC(EVP_sha256(), keylen ? key : empty, (int)keylen, n ? data : empty, n, mac, &maclen) ||
        maclen != 32)
        return -1;
    for (unsigned i = 0; i < maclen; i++)
        snprintf(hex + 2 * i, 3, "%02x", mac[i]);
    hex[64] = '\0';
    return 0;
}

/* ---- delivery ---- */

static size_t discard_body(char *p, size_t size, size_t n, void *ctx)
{
    size_t *total = ctx;
    *total += size * n;
    return *total > ALERT_BODY_MAX ? 0 : size * n;
}

static int deliver_webhook(const char *url, const char *body, size_t len, const char *secret,
                           char *why, size_t whylen)
{
    if (!str_istarts(url, "http://") && !str_istarts(url, "https://")) {
        snprintf(why, whylen, "webhook %s: not an http(s) URL", url);
        return -1;
    }
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(why, whylen, "webhook: curl_easy_init failed");
        return -1;
    }
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, "User-Agent: mtrack-watch");
    if (secret && *secret) {
        char hex[65], line[128];
        if (alert_hmac_sha256_hex(secret, strlen(secret), body, len, hex) < 0) {
            snprintf(why, whylen, "webhook: HMAC failed");
            curl_slist_free_all(h);
            curl_easy_cleanup(c);
            return -1;
        }
        snprintf(line, sizeof line, "X-Mtrack-Signature: sha256=%s", hex);
        h = curl_slist_append(h, line);
    }
    size_t got = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)ALERT_WEBHOOK_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &got);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK && rc != CURLE_WRITE_ERROR) {
        snprintf(why, whylen, "webhook %s: %s", url, curl_easy_strerror(rc));
        return -1;
    }
    if (status < 200 || status > 299) {
        snprintf(why, whylen, "webhook %s: HTTP status %ld", url, status);
        return -1;
    }
    return 0;
}

static int deliver_command(const char *cmd, const char *body, size_t len, char *why,
                           size_t whylen)
{
    int fds[2];
    if (pipe(fds) < 0) {
        snprintf(why, whylen, "command: pipe: %s", strerror(errno));
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, whylen, "command: fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL); /* an ignored SIGPIPE would outlive exec */
        dup2(fds[0], 0);
        dup2(2, 1);
        close(fds[0]);
        close(fds[1]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    struct sigaction ign = {0}, old;
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old);
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fds[1], body + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break; /* the command need not read everything */
        off += (size_t)w;
    }
    close(fds[1]);
    sigaction(SIGPIPE, &old, NULL);
    int status = 0;
    time_t deadline = time(NULL) + ALERT_COMMAND_TIMEOUT_S;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR) {
            snprintf(why, whylen, "command: waitpid: %s", strerror(errno));
            return -1;
        }
        if (time(NULL) > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            snprintf(why, whylen, "command '%s': timed out after %d s", cmd,
                     ALERT_COMMAND_TIMEOUT_S);
            return -1;
        }
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status))
        snprintf(why, whylen, "command '%s': exit status %d", cmd, WEXITSTATUS(status));
    else
        snprintf(why, whylen, "command '%s': killed by signal %d", cmd,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return -1;
}

int alert_deliver(const char *deliver, const char *body, size_t len, const char *secret,
                  FILE *out, char *why, size_t whylen)
{
    const char *d = deliver ? deliver : "stdout";
    while (*d == ' ' || *d == '\t')
        d++;
    if (!*d || str_casecmp(d, "stdout") == 0) {
        fwrite(body, 1, len, out);
        fputc('\n', out);
        if (fflush(out) != 0 || ferror(out)) {
            snprintf(why, whylen, "stdout: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    if (str_ncasecmp(d, "webhook", 7) == 0 && (d[7] == ' ' || d[7] == '\t')) {
        char *url = xstrdup(d + 8);
        str_trim(url);
        int rc = deliver_webhook(url, body, len, secret, why, whylen);
        free(url);
        return rc;
    }
    if (str_ncasecmp(d, "command", 7) == 0 && (d[7] == ' ' || d[7] == '\t')) {
        const char *cmd = d + 8;
        while (*cmd == ' ' || *cmd == '\t')
            cmd++;
        if (!*cmd) {
            snprintf(why, whylen, "command: empty");
            return -1;
        }
        return deliver_command(cmd, body, len, why, whylen);
    }
    snprintf(why, whylen, "unknown delivery '%.100s' (stdout, webhook URL, command CMD)", d);
    return -1;
}

/* ---- evaluation ---- */

typedef struct pending {
    int64_t event_id;
    char *body;
    size_t len;
} pending;

#define ALERT_CHUNK 256

typedef struct run_ctx {
    store_t *s;
    const tracker_def *t;
    const alert_def *a;
    int64_t since;      /* events up to this id are older than the rule */
    int64_t older;
    pending *v;
    size_t n, cap;
    int oom;
    /* the events waiting to be judged, a chunk at a time (scope_events: a
     * few reads for a chunk instead of two per event) */
    event_t ev[ALERT_CHUNK];
    event_meta meta[ALERT_CHUNK];
    size_t nev;
} run_ctx;

/* One event the tracker's (publish/scope.h), of theme th (-1: none). */
static void collect_one(run_ctx *rc, const event_t *e, const event_meta *m, int th)
{
    const char *theme = NULL;
    if (th >= 0)
        theme = rc->t->themes[th].name;
    if (!alert_match(rc->a, e, theme))
        return;
    if (m->id <= rc->since) {
        rc->older++;
        return;
    }
    buf_t b;
    buf_init(&b, ALERT_BODY_MAX);
    jw_t w;
    jw_init(&w, &b, false);
    jw_obj(&w);
    jw_kstr(&w, "tracker", rc->t->name);
    jw_kstr(&w, "alert", rc->a->name);
    jw_kint(&w, "event_id", m->id);
    jw_kstr(&w, "first_seen", m->first_seen);
    jw_kint(&w, "sources", m->mentions);
    jw_kstr(&w, "theme", theme);
    jw_key(&w, "event");
    event_json(e, &w);
    jw_obj_end(&w);
    if (w.err || !b.data) {
        buf_free(&b);
        return; /* too big to send: skipped, not claimed */
    }
    if (rc->n == rc->cap) {
        rc->cap = rc->cap ? rc->cap * 2 : 16;
        rc->v = xrealloc(rc->v, rc->cap * sizeof *rc->v);
    }
    rc->v[rc->n].event_id = m->id;
    rc->v[rc->n].len = b.len;
    rc->v[rc->n].body = buf_detach(&b);
    rc->n++;
}

/* Judges the chunk (unless !judge: a read failed) and collects its
 * events in order, then empties it. */
static int collect_flush(run_ctx *rc, int judge)
{
    const event_t *ep[ALERT_CHUNK];
    int64_t ids[ALERT_CHUNK];
    int in[ALERT_CHUNK], th[ALERT_CHUNK];
    for (size_t i = 0; i < rc->nev; i++) {
        ep[i] = &rc->ev[i];
        ids[i] = rc->meta[i].id;
    }
    int r = rc->nev && judge ? scope_events(rc->s, rc->t, ep, ids, rc->nev, in, th) : 0;
    for (size_t i = 0; i < rc->nev; i++) {
        if (r == 0 && judge && in[i])
            collect_one(rc, &rc->ev[i], &rc->meta[i], th[i]);
        event_clear(&rc->ev[i]);
        free((char *)rc->meta[i].first_seen);
    }
    rc->nev = 0;
    return r;
}

static int collect(const event_t *e, const event_meta *m, void *vctx)
{
    run_ctx *rc = vctx;
    event_copy(&rc->ev[rc->nev], e);
    rc->meta[rc->nev] = *m;
    rc->meta[rc->nev].first_seen = m->first_seen ? xstrdup(m->first_seen) : NULL;
    rc->nev++;
    return rc->nev == ALERT_CHUNK ? collect_flush(rc, 1) : 0;
}

int alert_run(store_t *s, const tracker_def *t, const char *secret, int backfill, FILE *out,
              FILE *log, alert_stats *st)
{
    int result = 0;
    for (size_t i = 0; i < t->n_alerts; i++) {
        const alert_def *a = &t->alerts[i];
        event_filter f;
        event_filter_init(&f);
        if (a->type && *a->type && str_casecmp(a->type, "any") != 0) {
            f.type = event_type_parse(a->type);
            if (f.type < 0) {
                fprintf(log, "mtrack: watch: alert '%s': unknown event type '%s'\n", a->name,
                        a->type);
                continue;
            }
        }
        if (a->theme && *a->theme && tracker_theme_index(t, a->theme) < 0) {
            fprintf(log, "mtrack: watch: alert '%s': no theme '%s' in tracker '%s'\n", a->name,
                    a->theme, t->name);
            continue;
        }
        f.min_usd = a->min_usd;
        f.org = a->org && *a->org ? a->org : NULL;
        run_ctx *rc = xcalloc(1, sizeof *rc); /* (its chunk is large) */
        *rc = (run_ctx){.s = s, .t = t, .a = a};
        if (store_alert_rule_since(s, t->name, a->name, backfill, &rc->since) < 0) {
            fprintf(log, "mtrack: watch: alert '%s': %s\n", a->name, store_error(s));
            result = -1;
            free(rc);
            break;
        }
        /* the matches are read from one state of the store (issue 12
         * item 11); delivering and recording them come after */
        int got = store_read_begin(s);
        if (got == 0) {
            got = store_events_each(s, &f, collect, rc);
            int fl = collect_flush(rc, got == 0);
            got = got < 0 ? got : fl;
            store_read_end(s);
        }
        if (got < 0) {
            fprintf(log, "mtrack: watch: alert '%s': %s\n", a->name, store_error(s));
            result = -1;
        }
        st->older += rc->older;
        if (rc->n && (!secret || !*secret) && a->deliver && str_istarts(a->deliver, "webhook"))
            fprintf(log, "mtrack: watch: alert '%s': $MTRACK_WEBHOOK_SECRET is not set, the "
                    "webhook goes unsigned\n", a->name);
        /* The store lists newest first: deliver in the order things happened. */
        for (size_t k = rc->n; k-- > 0;) {
            pending *p = &rc->v[k];
            if (result < 0)
                break;
            st->matched++;
            int c = store_alert_delivered(s, t->name, a->name, p->event_id);
            if (c < 0) {
                fprintf(log, "mtrack: watch: alert '%s': %s\n", a->name, store_error(s));
                result = -1;
                break;
            }
            if (c > 0) {
                st->already++;
                continue;
            }
            /* Delivered first, recorded after: a kill in between sends it
             * again next run (at least once), never not at all. */
            char why[512];
            if (alert_deliver(a->deliver, p->body, p->len, secret, out, why, sizeof why) < 0) {
                st->failed++;
                fprintf(log, "mtrack: watch: alert '%s', event %lld: %s (will retry)\n", a->name,
                        (long long)p->event_id, why);
                continue;
            }
            st->delivered++;
            if (store_alert_claim(s, t->name, a->name, p->event_id) < 0) {
                fprintf(log, "mtrack: watch: alert '%s', event %lld: delivered, but recording it "
                        "failed (it may be sent again): %s\n", a->name, (long long)p->event_id,
                        store_error(s));
                result = -1;
                break;
            }
        }
        for (size_t k = 0; k < rc->n; k++)
            free(rc->v[k].body);
        free(rc->v);
        free(rc);
    }
    return result;
}
