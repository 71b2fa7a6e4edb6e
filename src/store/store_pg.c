/* store_pg: the PostgreSQL back end of the store (libpq).
 *
 * The same record as store_sqlite.c, in PostgreSQL's dialect: identity
 * columns, bytea for the near-duplicate data, a tsvector column with a GIN
 * index for search (websearch_to_tsquery, ts_rank, ts_headline marked as
 * FTS5's snippets are), ON CONFLICT for the unique keys, and the same
 * foreign keys. The schema version is kept in mtrack_schema and brought up
 * to date on open (under an advisory lock, so two processes opening a new
 * database do not both create it). A transaction of store_begin takes a
 * transaction-level advisory lock: writers take turns as they do on
 * SQLite (BEGIN IMMEDIATE), so two workers ingesting the same story at
 * once merge it into one event instead of making two.
 *
 * libpq is loaded when the first postgresql:// store is opened
 * (store/pq_lazy.c): without it only these stores fail.
 *
 * Statements go through a small layer shaped like SQLite's (prepare, bind,
 * step, column) so that the logic of each function reads as its SQLite
 * twin's does; every value travels as text (bytea as binary), typed by the
 * bind (text, int8, float8, bytea). */
#include <libpq-fe.h>
#include <utf8proc.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "resolve/dedup.h"
#include "sources/tracker.h"
#include "store/pq_lazy.h"
#include "store/store.h"
#include "store/store_backend.h"
#include "store/store_common.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/str.h"
#include "util/utf8.h"

#define STR_(x) #x
#define STR(x) STR_(x)

#define PQ_PREPARED 256

struct store {
    const struct store_ops *ops; /* first: store.c reads it (store_backend.h) */
    PGconn *db;
    char err[512];
    int64_t changes;             /* rows changed by the last statement */
    store_tmpl tmpl;             /* the near-duplicate template (store_common.h) */
    int read_depth;              /* store_read_begin pairs open */
    int read_own;                /* the outermost one began a transaction */
    store_stop_fn stop;          /* store_set_stop (pq_wait) */
    void *stop_arg;
    int interrupted;             /* the last statement was stopped */
    /* statements prepared on the server once per connection, by text */
    struct pq_prepared {
        char *sql;
        uint64_t hash;
    } prepared[PQ_PREPARED];
    size_t nprepared;
    /* store copy's rows not sent yet (pg_copy_insert): a JSON array of
     * them, and the statement that inserts them */
    buf_t copy_rows;
    size_t copy_n;
    char copy_sql[2400];
    int copy_quiet;              /* the copy's transaction set the counting triggers off */
    /* statements sent without waiting for their results (step_later):
     * libpq's pipeline mode, inside a transaction; read at the next
     * statement whose result is wanted, which rides with them */
    int pipe;                    /* in pipeline mode */
    int pipe_failed;             /* s->err holds a sent statement's failure */
    size_t npipe;
    struct pipe_cmd {
        const char *what;        /* for its error message */
        int slot;                /* a prepare: its s->prepared index; else -1 */
    } pipe_q[64];
    /* the last search's count of its newest matches (pg_search), for the
     * count asked for right after it (pg_search_count): its words, its
     * bound, and what it counted */
    struct pg_search_seen {
        char *query;
        int64_t cap, n, from, docs, max_id;
    } seen;
};

/* ---- statements ---- */

#define PQ_ROW 100
#define PQ_DONE 101
#define PQ_ERROR 1
#define PQ_MAXP 40 /* the widest: a copied events row (33 columns) */

enum { OID_INT8 = 20, OID_TEXT = 25, OID_FLOAT8 = 701, OID_BYTEA = 17 };

typedef struct pq_stmt {
    store_t *s;
    const char *sql;
    int np;                      /* the highest $N in sql */
    char *val[PQ_MAXP];
    int len[PQ_MAXP], fmt[PQ_MAXP];
    Oid type[PQ_MAXP];
    PGresult *res;
    int row, rows, cols;
    unsigned char *blob;         /* the last column_blob, decoded */
    size_t blob_len;
    int custom;                  /* planned for its values each time, not prepared */
} pq_stmt;

/* One line of a libpq message: its lines joined by spaces. */
static void one_line(char *out, size_t n, const char *msg)
{
    size_t k = 0;
    int space = 0;
    for (const char *p = msg ? msg : ""; *p && k + 1 < n; p++) {
        if (*p == '\n' || *p == '\t' || *p == '\r') {
            space = 1;
            continue;
        }
        if (space && k) {
            out[k++] = ' ';
            if (k + 1 >= n)
                break;
        }
        space = 0;
        out[k++] = *p;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
}

/* The server's message, or libpq's when the connection is gone. */
static int fail_msg(store_t *s, const char *what, const char *msg)
{
    char line[400];
    if (s->pipe_failed)
        return -1; /* s->err names the statement that failed (pipe_sync) */
    if (s->interrupted) {
        snprintf(s->err, sizeof s->err, "%s: interrupted", what);
        return -1;
    }
    one_line(line, sizeof line, msg && *msg ? msg : PQerrorMessage(s->db));
    if (!*line)
        snprintf(line, sizeof line, "unknown error");
    if (PQstatus(s->db) == CONNECTION_BAD && !strstr(line, "connection"))
        snprintf(s->err, sizeof s->err, "%s: the connection to the database was lost: %s", what, line);
    else
        snprintf(s->err, sizeof s->err, "%s: %s", what, line);
    return -1;
}

static int fail(store_t *s, const char *what)
{
    return fail_msg(s, what, NULL);
}

static pq_stmt *prep(store_t *s, const char *sql)
{
    pq_stmt *st = xcalloc(1, sizeof *st);
    st->s = s;
    st->sql = sql;
    for (const char *p = sql; (p = strchr(p, '$')); p++) {
        int n = atoi(p + 1);
        if (n > st->np)
            st->np = n;
    }
    if (st->np > PQ_MAXP) {
        snprintf(s->err, sizeof s->err, "prepare: too many parameters");
        free(st);
        return NULL;
    }
    return st;
}

static void pq_clear_result(pq_stmt *st)
{
    PQclear(st->res);
    st->res = NULL;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = NULL;
}

static void pq_finalize(pq_stmt *st)
{
    if (!st)
        return;
    pq_clear_result(st);
    for (int i = 0; i < PQ_MAXP; i++)
        free(st->val[i]);
    free(st);
}

static void bind_raw(pq_stmt *st, int i, const void *v, size_t n, Oid type, int fmt)
{
    if (i < 1 || i > PQ_MAXP)
        return;
    free(st->val[i - 1]);
    st->val[i - 1] = NULL;
    if (v) {
        st->val[i - 1] = xmalloc(n + 1);
        memcpy(st->val[i - 1], v, n);
        st->val[i - 1][n] = '\0';
    }
    st->len[i - 1] = (int)n;
    st->fmt[i - 1] = fmt;
    st->type[i - 1] = type;
}

static void bind_text(pq_stmt *st, int i, const char *v)
{
    bind_raw(st, i, v, v ? strlen(v) : 0, OID_TEXT, 0);
}

static void pq_bind_int(pq_stmt *st, int i, int64_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    bind_raw(st, i, b, (size_t)n, OID_INT8, 0);
}

static void pq_bind_double(pq_stmt *st, int i, double v)
{
    char b[40];
    int n = snprintf(b, sizeof b, "%.17g", v);
    bind_raw(st, i, isnan(v) ? NULL : b, (size_t)n, OID_FLOAT8, 0);
}

static void bind_num(pq_stmt *st, int i, double v)
{
    pq_bind_double(st, i, v);
}

static void pq_bind_blob(pq_stmt *st, int i, const void *v, size_t n)
{
    bind_raw(st, i, v, n, OID_BYTEA, 1);
}

/* The result of the statement just sent, asking the stop function
 * (store_set_stop) before it and every few milliseconds while it runs.
 * When that says stop, the server is asked to cancel the statement (with
 * the connection's cancel key: PQcancel), whatever it still sends is read
 * and dropped, and NULL is returned with s->interrupted set. */
static PGresult *pq_wait(store_t *s)
{
    int stopped = s->stop(s->stop_arg);
    while (!stopped && PQisBusy(s->db)) {
        struct pollfd p = {.fd = PQsocket(s->db), .events = POLLIN};
        if (p.fd < 0)
            break;
        int n = poll(&p, 1, 10);
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0 && !PQconsumeInput(s->db))
            break; /* the connection is gone: PQgetResult says so */
        stopped = s->stop(s->stop_arg);
    }
    if (stopped) {
        PGcancel *c = PQgetCancel(s->db);
        char why[256];
        if (c) {
            PQcancel(c, why, sizeof why);
            PQfreeCancel(c);
        }
    }
    PGresult *last = NULL, *r;
    while ((r = PQgetResult(s->db))) {
        PQclear(last);
        last = r;
    }
    if (stopped) {
        PQclear(last);
        s->interrupted = 1;
        return NULL;
    }
    return last;
}

/* The name of sql's prepared statement on the server ("s<n>"), prepared
 * now when it was not (with the parameter types of this first use); NULL
 * when the cache is full or preparing failed (then it runs unprepared). */
static const char *prepared_name(pq_stmt *st, char name[24])
{
    store_t *s = st->s;
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)st->sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    for (size_t i = 0; i < s->nprepared; i++)
        if (s->prepared[i].hash == h && s->prepared[i].sql && strcmp(s->prepared[i].sql, st->sql) == 0) {
            snprintf(name, 24, "s%zu", i);
            return name;
        }
    if (s->nprepared == PQ_PREPARED)
        return NULL;
    snprintf(name, 24, "s%zu", s->nprepared);
    /* preparing waits for the locks of the tables named: stopped as a
     * statement is (pq_wait) */
    PGresult *r = !s->stop ? PQprepare(s->db, name, st->sql, st->np, st->type)
                  : PQsendPrepare(s->db, name, st->sql, st->np, st->type) ? pq_wait(s)
                                                                          : NULL;
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (s->interrupted) {
        /* the server may have made it before the cancel came: the name is
         * not used again */
        s->prepared[s->nprepared++] = (struct pq_prepared){NULL, 0};
        return NULL;
    }
    if (!ok)
        return NULL; /* PQexecParams will say why */
    s->prepared[s->nprepared++] = (struct pq_prepared){xstrdup(st->sql), h};
    return name;
}

static int step_done(store_t *s, pq_stmt *st, const char *what);
/* ---- statements sent without waiting (libpq's pipeline mode) ----
 *
 * A write inside a transaction whose result nobody reads (a document's
 * URL and bands, an event's mention, descriptor and name keys, ...) is
 * sent at once and its result read later (step_later): with the next
 * statement whose result is wanted, which is sent after it and read with
 * it in one round trip, or with the COMMIT. A document's twenty-odd
 * statements then cost a round trip for each result that is needed, not
 * one each. A sent statement that fails makes the statement (or the
 * commit) it is read with fail, with its own message ("document url:
 * ..."; s->pipe_failed keeps it from being overwritten); the transaction is
 * then rolled back as any failed one, so nothing of the document is
 * stored. Outside a transaction, with a stop function (a server's reads)
 * or with a libpq older than 14 every statement runs on its own. */

static uint64_t sql_hash(const char *sql)
{
    uint64_t h = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    return h;
}

static int pipe_can(store_t *s)
{
    if (s->stop || !pq_has_pipeline())
        return 0;
    return s->pipe || PQtransactionStatus(s->db) == PQTRANS_INTRANS;
}

/* s->err from a sent statement's failure, kept until the next statement */
static void pipe_fail(store_t *s, const char *what, const char *msg)
{
    s->pipe_failed = 0;
    fail_msg(s, what, msg);
    s->pipe_failed = 1;
}

/* Ends the pipeline: a sync sent, then every sent statement's result read
 * in order (a prepare that failed is forgotten). The first failure of a
 * statement sent by step_later goes to s->err (s->pipe_failed). *last
 * (when not NULL) gets the result of the last statement sent, the
 * caller's own, whose failure is the caller's to report. Leaves pipeline
 * mode. 0, or -1 when a sent statement failed (or the connection went). */
static int pipe_sync(store_t *s, PGresult **last)
{
    if (last)
        *last = NULL;
    if (!s->pipe)
        return 0;
    int bad = 0;
    if (!PQpipelineSync(s->db)) {
        pipe_fail(s, s->npipe ? s->pipe_q[0].what : "statement", NULL);
        bad = 1;
    }
    for (size_t i = 0; i < s->npipe; i++) {
        struct pipe_cmd *c = &s->pipe_q[i];
        PGresult *r = PQgetResult(s->db);
        if (!r) { /* the connection is gone */
            if (!bad)
                pipe_fail(s, c->what, NULL);
            bad = 1;
            break;
        }
        ExecStatusType rc = PQresultStatus(r);
        int ok = rc == PGRES_COMMAND_OK || rc == PGRES_TUPLES_OK;
        int mine = last && i + 1 == s->npipe && c->slot < 0;
        if (!ok && c->slot >= 0) {
            free(s->prepared[c->slot].sql); /* (the name is not used again) */
            s->prepared[c->slot] = (struct pq_prepared){NULL, 0};
        }
        if (!ok && !mine && !bad) {
            pipe_fail(s, c->what, rc == PGRES_PIPELINE_ABORTED ? "not run: an earlier statement failed"
                                                               : PQresultErrorMessage(r));
            bad = 1;
        }
        if (mine)
            *last = r;
        else
            PQclear(r);
        /* the NULL that ends each statement's results */
        while ((r = PQgetResult(s->db)) && PQresultStatus(r) != PGRES_PIPELINE_SYNC)
            PQclear(r);
        if (r) { /* (the sync came early: nothing more to read) */
            PQclear(r);
            s->npipe = 0;
            break;
        }
    }
    if (s->npipe) {
        /* the sync's own result */
        PGresult *r;
        while ((r = PQgetResult(s->db))) {
            int sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (sync)
                break;
        }
    }
    PQexitPipelineMode(s->db);
    s->pipe = 0;
    s->npipe = 0;
    return bad ? -1 : 0;
}

/* Sends st into the pipeline (entering it first), prepared when it is a
 * prepared statement already or can be made one (in the pipeline too).
 * 0, or -1 (s->err says why). */
/* Any statement run after a search ends what it counted for the count
 * asked for next (pg_search_count): a write may have changed it. */
static void search_seen_end(store_t *s)
{
    if (s->seen.query) {
        free(s->seen.query);
        s->seen.query = NULL;
    }
}

static int pipe_send(pq_stmt *st, const char *what)
{
    store_t *s = st->s;
    search_seen_end(s);
    if (s->npipe + 2 > sizeof s->pipe_q / sizeof *s->pipe_q && pipe_sync(s, NULL) < 0)
        return -1;
    char name[24];
    const char *prepared = NULL;
    if (!s->pipe) {
        prepared = prepared_name(st, name); /* (before the pipeline: at once) */
        if (!PQenterPipelineMode(s->db)) {
            fail_msg(s, what, "cannot enter pipeline mode");
            return -1;
        }
        s->pipe = 1;
    } else {
        uint64_t h = sql_hash(st->sql);
        for (size_t i = 0; i < s->nprepared && !prepared; i++)
            if (s->prepared[i].hash == h && s->prepared[i].sql && strcmp(s->prepared[i].sql, st->sql) == 0) {
                snprintf(name, sizeof name, "s%zu", i);
                prepared = name;
            }
        if (!prepared && s->nprepared < PQ_PREPARED) {
            snprintf(name, sizeof name, "s%zu", s->nprepared);
            if (!PQsendPrepare(s->db, name, st->sql, st->np, st->type)) {
                fail_msg(s, what, NULL);
                return -1;
            }
            s->pipe_q[s->npipe++] = (struct pipe_cmd){what, (int)s->nprepared};
            s->prepared[s->nprepared++] = (struct pq_prepared){xstrdup(st->sql), h};
            prepared = name;
        }
    }
    const char *vals[PQ_MAXP];
    for (int i = 0; i < st->np; i++)
        vals[i] = st->val[i];
    int ok = prepared ? PQsendQueryPrepared(s->db, prepared, st->np, vals, st->len, st->fmt, 0)
                      : PQsendQueryParams(s->db, st->sql, st->np, st->type, vals, st->len, st->fmt, 0);
    if (!ok) {
        fail_msg(s, what, NULL);
        return -1;
    }
    s->pipe_q[s->npipe++] = (struct pipe_cmd){what, -1};
    return 0;
}

/* step_done for a statement whose result is not read: sent now and read
 * with the next statement that is (see above); finalizes st. */
static int step_later(store_t *s, pq_stmt *st, const char *what)
{
    if (!pipe_can(s))
        return step_done(s, st, what);
    s->interrupted = 0;
    s->pipe_failed = 0;
    int r = pipe_send(st, what);
    pq_finalize(st);
    return r;
}

/* Runs the statement on its first step; then one row per step. */
static int pq_step(pq_stmt *st)
{
    store_t *s = st->s;
    if (!st->res) {
        search_seen_end(s);
        const char *vals[PQ_MAXP];
        for (int i = 0; i < st->np; i++)
            vals[i] = st->val[i];
        char name[24];
        s->interrupted = 0;
        s->pipe_failed = 0;
        /* outside a failed transaction (where preparing fails too) */
        const char *prepared = s->pipe || st->custom ? NULL
                               : PQtransactionStatus(s->db) != PQTRANS_INERROR ? prepared_name(st, name) : NULL;
        if (s->pipe) {
            /* after the statements sent before it, read with them */
            if (pipe_send(st, "statement") < 0 || pipe_sync(s, &st->res) < 0) {
                PQclear(st->res);
                st->res = NULL;
                return PQ_ERROR;
            }
        } else if (s->interrupted)
            st->res = NULL;
        else if (!s->stop)
            st->res = prepared ? PQexecPrepared(s->db, prepared, st->np, vals, st->len, st->fmt, 0)
                               : PQexecParams(s->db, st->sql, st->np, st->type, vals, st->len, st->fmt, 0);
        else if (prepared ? PQsendQueryPrepared(s->db, prepared, st->np, vals, st->len, st->fmt, 0)
                          : PQsendQueryParams(s->db, st->sql, st->np, st->type, vals, st->len, st->fmt, 0))
            st->res = pq_wait(s);
        ExecStatusType rc = PQresultStatus(st->res);
        if (rc != PGRES_TUPLES_OK && rc != PGRES_COMMAND_OK) {
            fail_msg(s, "statement", st->res ? PQresultErrorMessage(st->res) : NULL);
            PQclear(st->res);
            st->res = NULL;
            return PQ_ERROR;
        }
        st->rows = PQntuples(st->res);
        st->cols = PQnfields(st->res);
        st->row = -1;
        const char *n = PQcmdTuples(st->res);
        s->changes = n && *n ? strtoll(n, NULL, 10) : 0;
    }
    if (st->row < st->rows)
        st->row++;
    return st->row < st->rows ? PQ_ROW : PQ_DONE;
}

static const char *col_text(pq_stmt *st, int i)
{
    if (!st->res || st->row >= st->rows || i >= st->cols || PQgetisnull(st->res, st->row, i))
        return NULL;
    return PQgetvalue(st->res, st->row, i);
}

static int64_t pq_col_int(pq_stmt *st, int i)
{
    const char *v = col_text(st, i);
    return v ? strtoll(v, NULL, 10) : 0;
}

static double pq_col_double(pq_stmt *st, int i)
{
    const char *v = col_text(st, i);
    return v ? strtod(v, NULL) : 0;
}

static double col_num(pq_stmt *st, int i)
{
    const char *v = col_text(st, i);
    return v ? strtod(v, NULL) : NAN;
}

/* st's row for the readers of store_common.h (store_row) */
static const char *row_text(void *st, int i)
{
    return col_text(st, i);
}

static double row_num(void *st, int i)
{
    return col_num(st, i);
}

static int64_t row_i64(void *st, int i)
{
    return pq_col_int(st, i);
}

#define ROW(st) (&(store_row){(st), row_text, row_num, row_i64})

/* A bytea column, decoded (valid until the next column_blob or step);
 * NULL when the value is NULL. */
static const unsigned char *pq_col_blob(pq_stmt *st, int i, size_t *len)
{
    *len = 0;
    if (st->blob)
        PQfreemem(st->blob);
    st->blob = NULL;
    const char *v = col_text(st, i);
    if (!v)
        return NULL;
    st->blob = PQunescapeBytea((const unsigned char *)v, &st->blob_len);
    *len = st->blob ? st->blob_len : 0;
    return st->blob;
}

/* Steps a statement that returns no rows, then finalizes it. */
static int step_done(store_t *s, pq_stmt *st, const char *what)
{
    int rc = pq_step(st);
    int r = 0;
    if (rc != PQ_DONE && rc != PQ_ROW)
        r = fail(s, what);
    pq_finalize(st);
    return r;
}

/* Runs sql (no parameters, any number of statements). */
static int exec(store_t *s, const char *sql)
{
    search_seen_end(s);
    s->interrupted = 0;
    s->pipe_failed = 0;
    if (pipe_sync(s, NULL) < 0)
        return -1;
    PGresult *r = PQexec(s->db, sql);
    ExecStatusType rc = PQresultStatus(r);
    int ok = rc == PGRES_COMMAND_OK || rc == PGRES_TUPLES_OK;
    if (!ok)
        fail_msg(s, "database", r ? PQresultErrorMessage(r) : NULL);
    PQclear(r);
    return ok ? 0 : -1;
}

static const char *pg_error(const store_t *s)
{
    return s->err;
}

/* ---- schema ---- */

#define T "TEXT COLLATE \"C\""
#define R "DOUBLE PRECISION"
#define ID "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
/* the advisory lock of each host's connection slots (two keys: the
 * first this, the second the host's hash; migration 14) */
#define LOCK_HOSTS "72429513"

/* Schema versions, applied in order; mtrack_schema.version is the count
 * applied. Version 1 is SQLite's seventh, with what store_sqlite.c adds on
 * open (the URL indexes, alert_rules). */
static const char *const migrations[] = {
    /* 1: the whole record */
    "CREATE TABLE sources ("
    "  id " ID ","
    "  url " T " NOT NULL UNIQUE,"
    "  title " T ","
    "  kind " T " NOT NULL DEFAULT 'feed',"
    "  added " T " NOT NULL,"
    "  etag " T ", last_modified " T ","
    "  last_success " T ", last_error " T ", last_error_at " T ", next_try " T ","
    "  interval_s BIGINT NOT NULL DEFAULT 3600,"
    "  failures BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE trackers ("
    "  id " ID ","
    "  name " T " NOT NULL UNIQUE,"
    "  title " T " NOT NULL,"
    "  category " T ", description " T ","
    "  config " T " NOT NULL,"
    "  last_edition " T ");"
    "CREATE TABLE themes ("
    "  id " ID ","
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,"
    "  name " T " NOT NULL, title " T " NOT NULL, position BIGINT NOT NULL,"
    "  types " T ", keywords " T ", orgs " T ","
    "  UNIQUE (tracker_id, name));"
    "CREATE TABLE tracker_sources ("
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id) ON DELETE CASCADE,"
    "  source_id BIGINT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (tracker_id, source_id));"
    "CREATE TABLE documents ("
    "  id " ID ","
    "  source_id BIGINT REFERENCES sources(id) ON DELETE SET NULL,"
    "  url " T ", canonical_url " T ", title " T ", author " T ", outlet " T ","
    "  published " T ", fetched " T " NOT NULL, language " T ","
    "  text " T " NOT NULL,"
    "  content_hash " T " NOT NULL UNIQUE,"
    "  origin " T ","
    "  minhash BYTEA, near_sketch BYTEA, near_keys BYTEA,"
    "  tsv tsvector GENERATED ALWAYS AS ("
    "    setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||"
    "    setweight(to_tsvector('simple', text), 'B')) STORED);"
    "CREATE UNIQUE INDEX documents_canonical ON documents(canonical_url)"
    "  WHERE canonical_url IS NOT NULL;"
    "CREATE INDEX documents_published ON documents(published);"
    "CREATE INDEX documents_outlet ON documents(outlet);"
    "CREATE INDEX documents_url_any ON documents(url);"
    "CREATE INDEX documents_tsv ON documents USING GIN (tsv);"
    "CREATE TABLE document_urls ("
    "  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  source_id BIGINT REFERENCES sources(id) ON DELETE SET NULL,"
    "  url " T " NOT NULL, outlet " T ","
    "  PRIMARY KEY (document_id, url));"
    "CREATE INDEX document_urls_url_any ON document_urls(url);"
    "CREATE TABLE document_bands ("
    "  band BIGINT NOT NULL,"
    "  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (band, document_id));"
    "CREATE INDEX document_bands_doc ON document_bands(document_id);"
    "CREATE TABLE near_template (shingle BIGINT PRIMARY KEY);"
    "CREATE TABLE organizations ("
    "  id " ID ","
    "  name " T " NOT NULL,"
    "  norm " T " NOT NULL UNIQUE,"
    "  ticker " T ", country " T ");"
    "CREATE TABLE org_aliases ("
    "  norm " T " PRIMARY KEY,"
    "  org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE);"
    "CREATE TABLE events ("
    "  id " ID ","
    "  key " T " NOT NULL UNIQUE,"
    "  type " T " NOT NULL,"
    "  org_id BIGINT REFERENCES organizations(id),"
    "  company " T ", acquirer " T ", target " T ", organization " T ","
    "  ticker " T ", product " T ", what " T ", country " T ","
    "  amount_text " T ", amount_value " R ", currency " T ", amount_usd " R ","
    "  valuation_usd " R ", price_usd " R ", change_pct " R ", close_price " R ","
    "  capacity_mw " R ", round " T ","
    "  lead_investors " T " NOT NULL DEFAULT '', investors " T " NOT NULL DEFAULT '',"
    "  confidence " R " NOT NULL DEFAULT 0,"
    "  first_seen " T ", created " T " NOT NULL,"
    "  name_first " T ", name_last " T ");"
    "CREATE INDEX events_type ON events(type, first_seen);"
    "CREATE INDEX events_name_first ON events(name_first);"
    "CREATE INDEX events_name_last ON events(name_last);"
    "CREATE INDEX events_ticker ON events(ticker);"
    "CREATE TABLE event_mentions ("
    "  seq BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE,"
    "  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    "  sentence " T " NOT NULL,"
    "  sentence_offset BIGINT NOT NULL DEFAULT 0,"
    "  confidence " R " NOT NULL DEFAULT 0,"
    "  name " T ", amount_text " T ", amount_value " R ", currency " T ","
    "  amount_usd " R ", round " T ", valuation_usd " R ", country " T ","
    "  PRIMARY KEY (event_id, document_id, sentence_offset));"
    "CREATE INDEX event_mentions_doc ON event_mentions(document_id);"
    "CREATE TABLE editions ("
    "  id " ID ","
    "  tracker " T " NOT NULL, format " T " NOT NULL, created " T " NOT NULL,"
    "  events " T " NOT NULL DEFAULT '');"
    "CREATE INDEX editions_tracker ON editions(tracker, format, id);"
    "CREATE TABLE alert_deliveries ("
    "  tracker " T " NOT NULL, alert " T " NOT NULL,"
    "  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  delivered " T " NOT NULL,"
    "  PRIMARY KEY (tracker, alert, event_id));"
    "CREATE TABLE alert_rules ("
    "  tracker " T " NOT NULL, alert " T " NOT NULL, added " T " NOT NULL,"
    "  since_event BIGINT NOT NULL,"
    "  PRIMARY KEY (tracker, alert));"
    /* SQLite's julianday() of a date or time: NULL for what is neither */
    "CREATE FUNCTION mtrack_time(t text) RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE AS"
    "  $f$ BEGIN RETURN t::timestamptz; EXCEPTION WHEN others THEN RETURN NULL; END $f$;"
    "CREATE FUNCTION mtrack_day(t text) RETURNS date LANGUAGE plpgsql IMMUTABLE AS"
    "  $f$ BEGIN RETURN substr(t, 1, 10)::date; EXCEPTION WHEN others THEN RETURN NULL; END $f$;",
    /* 2: SQLite's eighth: documents and URLs found by source through an
     * index; the store's counts kept up to date by triggers, so that asking
     * for them costs the same at any size; sources that failed by a partial
     * index; the changes updated documents made to their events. */
    "CREATE INDEX documents_source ON documents(source_id);"
    "CREATE INDEX document_urls_source ON document_urls(source_id);"
    "CREATE INDEX sources_failing ON sources(id) WHERE last_error IS NOT NULL AND last_error <> '';"
    "CREATE TABLE store_stats ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  sources BIGINT NOT NULL, documents BIGINT NOT NULL, events BIGINT NOT NULL,"
    "  mentions BIGINT NOT NULL, organizations BIGINT NOT NULL,"
    "  doc_updates BIGINT NOT NULL DEFAULT 0);"
    "INSERT INTO store_stats(id, sources, documents, events, mentions, organizations)"
    "  SELECT 1, (SELECT count(*) FROM sources), (SELECT count(*) FROM documents),"
    "    (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions),"
    "    (SELECT count(*) FROM organizations);"
    "CREATE FUNCTION mtrack_stats() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " DECLARE d BIGINT := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;"
    " BEGIN"
    "  IF TG_TABLE_NAME = 'sources' THEN UPDATE store_stats SET sources = sources + d;"
    "  ELSIF TG_TABLE_NAME = 'documents' THEN UPDATE store_stats SET documents = documents + d;"
    "  ELSIF TG_TABLE_NAME = 'events' THEN UPDATE store_stats SET events = events + d;"
    "  ELSIF TG_TABLE_NAME = 'event_mentions' THEN UPDATE store_stats SET mentions = mentions + d;"
    "  ELSE UPDATE store_stats SET organizations = organizations + d;"
    "  END IF;"
    "  RETURN NULL;"
    " END $f$;"
    "CREATE TRIGGER stats_sources AFTER INSERT OR DELETE ON sources"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_stats();"
    "CREATE TRIGGER stats_documents AFTER INSERT OR DELETE ON documents"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_stats();"
    "CREATE TRIGGER stats_events AFTER INSERT OR DELETE ON events"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_stats();"
    "CREATE TRIGGER stats_event_mentions AFTER INSERT OR DELETE ON event_mentions"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_stats();"
    "CREATE TRIGGER stats_organizations AFTER INSERT OR DELETE ON organizations"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_stats();"
    "CREATE TABLE event_changes ("
    "  id " ID ","
    "  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  document_id BIGINT REFERENCES documents(id) ON DELETE SET NULL,"
    "  changed " T " NOT NULL, field " T " NOT NULL, was " T ", now " T ");"
    "CREATE INDEX event_changes_event ON event_changes(event_id, id);",
    /* 3: SQLite's ninth: who an event's company is and what its money is
     * for, as the sources say (src/analyze/describe.h). */
    "ALTER TABLE events ADD COLUMN descriptor " T ";"
    "ALTER TABLE events ADD COLUMN purpose " T ";",
    /* 4: an outlet's newest documents read from the index in id order
     * (SQLite's index holds the rowid; here it is said) */
    "DROP INDEX documents_outlet;"
    "CREATE INDEX documents_outlet ON documents(outlet, id);",
    /* 5: due sources leased to one update worker at a time */
    "ALTER TABLE sources ADD COLUMN lease_until " T ";",
    /* 6: SQLite's tenth: each host's robots.txt kept until its expiry */
    "CREATE TABLE robots_cache ("
    "  origin " T " PRIMARY KEY,"
    "  status INTEGER NOT NULL,"
    "  body BYTEA NOT NULL DEFAULT '',"
    "  fetched_at " T " NOT NULL,"
    "  expires " T " NOT NULL);",
    /* 7: SQLite's eleventh: where an acquisition stands, the furthest any
     * of its sources tells */
    "ALTER TABLE events ADD COLUMN status " T ";",
    /* 8: SQLite's twelfth: each host's next allowed request, shared by
     * the update workers (milliseconds since 1970, the server's clock) */
    "CREATE TABLE host_slots (host " T " PRIMARY KEY, next_at BIGINT NOT NULL);",
    /* 9: SQLite's theme tables (made on open there, issue 15): the
     * report's theme assignments per tracker, dropped with what they were
     * worked out from, and the log of what changed since a tracker's mark */
    "CREATE TABLE doc_themes ("
    "  tracker " T " NOT NULL, document_id BIGINT NOT NULL,"
    "  input BIGINT NOT NULL, value INTEGER NOT NULL,"
    "  PRIMARY KEY (tracker, document_id));"
    "CREATE INDEX doc_themes_doc ON doc_themes(document_id);"
    "CREATE TABLE event_themes ("
    "  tracker " T " NOT NULL, event_id BIGINT NOT NULL,"
    "  input BIGINT NOT NULL, value INTEGER NOT NULL,"
    "  PRIMARY KEY (tracker, event_id));"
    "CREATE INDEX event_themes_event ON event_themes(event_id);"
    "CREATE TABLE theme_log ("
    "  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    "  kind INTEGER NOT NULL, id BIGINT NOT NULL);"
    "CREATE TABLE theme_marks (tracker " T " PRIMARY KEY, rules BIGINT NOT NULL, seq BIGINT NOT NULL);"
    "CREATE FUNCTION mtrack_theme_doc() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " BEGIN"
    "  IF TG_OP = 'INSERT' THEN"
    "   INSERT INTO theme_log(kind, id) VALUES (0, new.id);"
    "  ELSIF TG_OP = 'UPDATE' THEN"
    "   IF new.title IS DISTINCT FROM old.title OR new.text IS DISTINCT FROM old.text"
    "      OR new.outlet IS DISTINCT FROM old.outlet THEN"
    "    DELETE FROM doc_themes WHERE document_id = old.id;"
    "    DELETE FROM event_themes WHERE event_id IN"
    "      (SELECT event_id FROM event_mentions WHERE document_id = old.id);"
    "   END IF;"
    "   INSERT INTO theme_log(kind, id) VALUES (0, new.id);"
    "   INSERT INTO theme_log(kind, id) SELECT 1, event_id FROM event_mentions WHERE document_id = new.id;"
    "  ELSE"
    "   INSERT INTO theme_log(kind, id) SELECT 1, event_id FROM event_mentions WHERE document_id = old.id;"
    "   DELETE FROM doc_themes WHERE document_id = old.id;"
    "  END IF;"
    "  RETURN NULL;"
    " END $f$;"
    "CREATE TRIGGER documents_themes AFTER INSERT OR DELETE"
    "  OR UPDATE OF title, text, outlet, published, fetched ON documents"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_theme_doc();"
    "CREATE FUNCTION mtrack_theme_event() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " BEGIN"
    "  IF TG_OP = 'DELETE' THEN"
    "   DELETE FROM event_themes WHERE event_id = old.id;"
    "  ELSE"
    "   INSERT INTO theme_log(kind, id) VALUES (1, new.id);"
    "  END IF;"
    "  RETURN NULL;"
    " END $f$;"
    "CREATE TRIGGER events_themes AFTER INSERT OR UPDATE OR DELETE ON events"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_theme_event();"
    "CREATE FUNCTION mtrack_theme_mention() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " BEGIN"
    "  IF TG_OP <> 'INSERT' THEN INSERT INTO theme_log(kind, id) VALUES (1, old.event_id); END IF;"
    "  IF TG_OP <> 'DELETE' THEN INSERT INTO theme_log(kind, id) VALUES (1, new.event_id); END IF;"
    "  RETURN NULL;"
    " END $f$;"
    "CREATE TRIGGER event_mentions_themes AFTER INSERT OR UPDATE OR DELETE ON event_mentions"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_theme_mention();",
    /* 10: SQLite's thirteenth: how many accelerators an infrastructure
     * project holds */
    "ALTER TABLE events ADD COLUMN gpus " R ";",
    /* 11: SQLite's fourteenth: the data's generation, bumped by every
     * write to what the server shows, and the generation each event last
     * changed at (removed ones kept as tombstones). Row triggers where an
     * event's place is written (off during store copy, which writes them
     * all at its end: pg_copy_done); a statement's bump elsewhere (one per
     * statement, so a copy's batches do not update the row per row). */
    "ALTER TABLE store_stats ADD COLUMN gen BIGINT NOT NULL DEFAULT 0;"
    "CREATE TABLE event_seq (event_id BIGINT PRIMARY KEY, seq BIGINT NOT NULL);"
    "CREATE INDEX event_seq_seq ON event_seq(seq);"
    "CREATE FUNCTION mtrack_gen() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " BEGIN UPDATE store_stats SET gen = gen + 1 WHERE id = 1; RETURN NULL; END $f$;"
    "CREATE FUNCTION mtrack_gen_event() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " DECLARE g BIGINT;"
    " BEGIN"
    "  UPDATE store_stats SET gen = gen + 1 WHERE id = 1 RETURNING gen INTO g;"
    "  IF TG_TABLE_NAME = 'events' THEN"
    "   IF TG_OP = 'DELETE' THEN"
    "    INSERT INTO event_seq VALUES (old.id, g) ON CONFLICT (event_id) DO UPDATE SET seq = g;"
    "   ELSE"
    "    INSERT INTO event_seq VALUES (new.id, g) ON CONFLICT (event_id) DO UPDATE SET seq = g;"
    "   END IF;"
    "  ELSIF TG_TABLE_NAME = 'event_mentions' THEN"
    "   IF TG_OP <> 'INSERT' THEN"
    "    INSERT INTO event_seq VALUES (old.event_id, g) ON CONFLICT (event_id) DO UPDATE SET seq = g;"
    "   END IF;"
    "   IF TG_OP <> 'DELETE' THEN"
    "    INSERT INTO event_seq VALUES (new.event_id, g) ON CONFLICT (event_id) DO UPDATE SET seq = g;"
    "   END IF;"
    "  ELSE"
    "   INSERT INTO event_seq SELECT DISTINCT event_id, g FROM event_mentions WHERE document_id = new.id"
    "    ON CONFLICT (event_id) DO UPDATE SET seq = g;"
    "  END IF;"
    "  RETURN NULL;"
    " END $f$;"
    "CREATE TRIGGER gen_events AFTER INSERT OR UPDATE OR DELETE ON events"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_gen_event();"
    "CREATE TRIGGER gen_event_mentions AFTER INSERT OR UPDATE OR DELETE ON event_mentions"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_gen_event();"
    "CREATE TRIGGER gen_documents_update AFTER UPDATE ON documents"
    "  FOR EACH ROW EXECUTE FUNCTION mtrack_gen_event();"
    "CREATE TRIGGER gen_documents AFTER INSERT OR DELETE ON documents"
    "  FOR EACH STATEMENT EXECUTE FUNCTION mtrack_gen();"
    /* a source's fetch state is not shown by what is cached: its name is */
    "CREATE TRIGGER gen_sources AFTER INSERT OR DELETE OR UPDATE OF url, title, kind ON sources"
    "  FOR EACH STATEMENT EXECUTE FUNCTION mtrack_gen();"
#define GEN_TABLE(t) "CREATE TRIGGER gen_" t " AFTER INSERT OR UPDATE OR DELETE ON " t \
    "  FOR EACH STATEMENT EXECUTE FUNCTION mtrack_gen();"
    GEN_TABLE("document_urls") GEN_TABLE("organizations") GEN_TABLE("org_aliases")
    GEN_TABLE("trackers") GEN_TABLE("themes") GEN_TABLE("tracker_sources")
    GEN_TABLE("editions") GEN_TABLE("event_changes"),
#undef GEN_TABLE
    /* 12: SQLite's fifteenth: sources stored before their URLs were kept
     * normalised get url_norm_source's form (mtrack_source_norm), those
     * that normalise to one merged into the oldest (SOURCE_MERGE_SQL) */
    "CREATE OR REPLACE FUNCTION mtrack_source_norm(u text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$"
    " DECLARE sep int := strpos(u, '://'); auth text; who text; up text := 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';"
    "  low text := 'abcdefghijklmnopqrstuvwxyz';"
    " BEGIN"
    "  IF u IS NULL OR sep = 0 THEN RETURN u; END IF;"
    "  auth := substring(substr(u, sep + 3) from '^[^/?#]*');"
    "  who := coalesce(substring(auth from '^(.*@)'), '');"
    "  RETURN translate(substr(u, 1, sep - 1), up, low) || '://' || who"
    "   || translate(substr(auth, length(who) + 1), up, low) || substr(u, sep + 3 + length(auth));"
    " END $f$;"
    "CREATE TEMP TABLE source_keep (id BIGINT PRIMARY KEY, norm " T " NOT NULL, keep BIGINT) ON COMMIT DROP;"
    "INSERT INTO source_keep(id, norm) SELECT id, mtrack_source_norm(url) FROM sources;"
    "CREATE INDEX source_keep_norm ON source_keep(norm, id);"
    "UPDATE source_keep SET keep = (SELECT min(k.id) FROM source_keep k WHERE k.norm = source_keep.norm);"
    SOURCE_MERGE_SQL("INSERT INTO tracker_sources(tracker_id, source_id)", " ON CONFLICT DO NOTHING")
    "DROP TABLE source_keep;",
    /* 13: SQLite's sixteenth: when each source's last fetch was done, in
     * ms (store_sources_lease_all) */
    "ALTER TABLE sources ADD COLUMN done_ms BIGINT;",
    /* 14: SQLite's seventeenth: the connections to each host that update
     * runs hold (store_host_take), taken under the host's lock */
    "CREATE TABLE host_conns (id " ID ", host " T " NOT NULL, until_ms BIGINT NOT NULL);"
    "CREATE INDEX host_conns_host ON host_conns(host, until_ms);"
    "CREATE FUNCTION mtrack_host_take(p_host text, p_max int, p_hold bigint) RETURNS bigint"
    " LANGUAGE plpgsql AS $f$"
    " DECLARE t bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint; got bigint;"
    " BEGIN"
    "  PERFORM pg_advisory_xact_lock(" LOCK_HOSTS ", hashtext(p_host));"
    "  IF (SELECT count(*) FROM host_conns WHERE host = p_host AND until_ms > t) >= p_max THEN"
    "   RETURN 0;"
    "  END IF;"
    "  INSERT INTO host_conns(host, until_ms) VALUES (p_host, t + p_hold) RETURNING id INTO got;"
    "  RETURN got;"
    " END $f$;",
    /* 15: SQLite's documents_listed (issue 15): every document's date and
     * outlet, in the report's order, read from the index (an index-only
     * scan backwards) instead of a scan and a sort of the documents' rows */
    "CREATE INDEX documents_listed ON documents((coalesce(published, fetched)), id)"
    " INCLUDE (published, fetched, outlet);",
    /* 16 (issue 15): a statement's bump only when it changed rows (its
     * transition table holds some), so that one matching none (a delete
     * of what is not there, a merge with nothing to merge) keeps the
     * generation and the server's caches; a trigger with a transition
     * table has one event, hence three per table; written to be run again
     * over itself (a test sets the schema back past it) */
    "CREATE OR REPLACE FUNCTION mtrack_gen_rows() RETURNS trigger LANGUAGE plpgsql AS $f$"
    " BEGIN"
    "  IF TG_OP = 'DELETE' THEN"
    "   IF EXISTS (SELECT 1 FROM gen_old) THEN UPDATE store_stats SET gen = gen + 1 WHERE id = 1; END IF;"
    "  ELSIF EXISTS (SELECT 1 FROM gen_new) THEN UPDATE store_stats SET gen = gen + 1 WHERE id = 1;"
    "  END IF;"
    "  RETURN NULL;"
    " END $f$;"
#define GEN_ROWS(t, what) "DROP TRIGGER IF EXISTS gen_" t " ON " t ";" \
    "DROP TRIGGER IF EXISTS gen_" t "_i ON " t ";" "DROP TRIGGER IF EXISTS gen_" t "_d ON " t ";" \
    "DROP TRIGGER IF EXISTS gen_" t "_u ON " t ";" \
    "CREATE TRIGGER gen_" t "_i AFTER INSERT ON " t " REFERENCING NEW TABLE AS gen_new" \
    "  FOR EACH STATEMENT EXECUTE FUNCTION mtrack_gen_rows();" \
    "CREATE TRIGGER gen_" t "_d AFTER DELETE ON " t " REFERENCING OLD TABLE AS gen_old" \
    "  FOR EACH STATEMENT EXECUTE FUNCTION mtrack_gen_rows();" what
#define GEN_ROWS_U(t) GEN_ROWS(t, "CREATE TRIGGER gen_" t "_u AFTER UPDATE ON " t \
    " REFERENCING NEW TABLE AS gen_new FOR EACH STATEMENT EXECUTE FUNCTION mtrack_gen_rows();")
    GEN_ROWS("documents", "") /* (its updates: gen_documents_update, a row's) */
    /* a source's fetch state is not shown: a row's trigger on its name */
    GEN_ROWS("sources", "CREATE TRIGGER gen_sources_u AFTER UPDATE OF url, title, kind ON sources"
                        "  FOR EACH ROW EXECUTE FUNCTION mtrack_gen();")
    GEN_ROWS_U("document_urls") GEN_ROWS_U("organizations") GEN_ROWS_U("org_aliases")
    GEN_ROWS_U("trackers") GEN_ROWS_U("themes") GEN_ROWS_U("tracker_sources")
    GEN_ROWS_U("editions") GEN_ROWS_U("event_changes"),
#undef GEN_ROWS_U
#undef GEN_ROWS
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* The advisory lock keys: schema changes, and writers (store_begin). */
#define LOCK_SCHEMA "7242951301"
#define LOCK_WRITE "7242951302"

static int migrate(store_t *s)
{
    if (exec(s, "BEGIN") < 0 || exec(s, "SELECT pg_advisory_xact_lock(" LOCK_SCHEMA ")") < 0 ||
        exec(s, "CREATE TABLE IF NOT EXISTS mtrack_schema (version INTEGER NOT NULL)") < 0)
        goto bad;
    pq_stmt *st = prep(s, "SELECT max(version) FROM mtrack_schema");
    if (pq_step(st) != PQ_ROW) {
        pq_finalize(st);
        goto bad;
    }
    int version = (int)pq_col_int(st, 0);
    pq_finalize(st);
    if (version > N_MIGRATIONS) {
        exec(s, "ROLLBACK");
        snprintf(s->err, sizeof s->err,
                 "schema version %d is newer than this mtrack knows (%d)", version, N_MIGRATIONS);
        return -1;
    }
    for (int v = version; v < N_MIGRATIONS; v++) {
        char set[96];
        snprintf(set, sizeof set, "DELETE FROM mtrack_schema; INSERT INTO mtrack_schema VALUES (%d)", v + 1);
        if (exec(s, migrations[v]) < 0 || exec(s, set) < 0) {
            char keep[512];
            memcpy(keep, s->err, sizeof keep);
            exec(s, "ROLLBACK");
            snprintf(s->err, sizeof s->err, "migration %d: %s", v + 1, keep);
            return -1;
        }
    }
    if (exec(s, "COMMIT") < 0)
        goto bad;
    return 0;
bad:
    {
        char keep[512];
        memcpy(keep, s->err, sizeof keep);
        exec(s, "ROLLBACK");
        memcpy(s->err, keep, sizeof keep);
    }
    return -1;
}

static void pg_close(store_t *s);

static void quiet_notices(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

store_t *store_pg_open(const char *conninfo, char *why, size_t whylen)
{
    char lib[256];
    if (pq_load(lib, sizeof lib) < 0) {
        snprintf(why, whylen, "PostgreSQL stores need libpq: %s", lib);
        return NULL;
    }
    store_t *s = xcalloc(1, sizeof *s);
    buf_init(&s->copy_rows, 0);
    s->ops = &store_pg_ops;
    /* a host that does not answer fails in ten seconds unless the URL or
     * $PGCONNECT_TIMEOUT says otherwise (later keywords override) */
    const char *timeout = getenv("PGCONNECT_TIMEOUT");
    const char *keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *vals[] = {timeout && *timeout ? timeout : "10", "mtrack", conninfo, NULL};
    s->db = PQconnectdbParams(keys, vals, 1);
    if (!s->db || PQstatus(s->db) != CONNECTION_OK) {
        char line[400];
        one_line(line, sizeof line, s->db ? PQerrorMessage(s->db) : "out of memory");
        snprintf(why, whylen, "cannot connect: %s", line);
        pg_close(s);
        return NULL;
    }
    PQsetNoticeProcessor(s->db, quiet_notices, NULL);
    /* jit off: the server compiled the report's events query (its cost
     * estimate is high: two subqueries per event) for 2.2 of its 3.6 s on
     * 100,000 documents; no statement of mtrack's gains from it (servers
     * before 11 have no jit) */
    if (exec(s, "SET client_min_messages = warning; SET TimeZone = 'UTC';"
                " SELECT set_config('jit', 'off', false)"
                "   WHERE current_setting('server_version_num')::int >= 110000") < 0 || migrate(s) < 0) {
        snprintf(why, whylen, "%s", s->err);
        pg_close(s);
        return NULL;
    }
    return s;
}

static void pg_close(store_t *s)
{
    if (!s)
        return;
    if (s->db)
        PQfinish(s->db);
    for (size_t i = 0; i < s->nprepared; i++)
        free(s->prepared[i].sql);
    buf_free(&s->copy_rows);
    store_tmpl_free(&s->tmpl);
    free(s->seen.query);
    free(s);
}

static int pg_begin(store_t *s)
{
    /* one round trip for both */
    if (exec(s, "BEGIN; SELECT pg_advisory_xact_lock(" LOCK_WRITE ")") < 0) {
        if (PQtransactionStatus(s->db) == PQTRANS_IDLE)
            return -1;
        char keep[512];
        memcpy(keep, s->err, sizeof keep);
        exec(s, "ROLLBACK");
        memcpy(s->err, keep, sizeof keep);
        return -1;
    }
    return 0;
}

static int pg_commit(store_t *s)
{
    if (s->pipe) {
        /* the COMMIT goes with the statements sent before it */
        s->pipe_failed = 0;
        PGresult *r = NULL;
        int ok = 0;
        if (!PQsendQueryParams(s->db, "COMMIT", 0, NULL, NULL, NULL, NULL, 0))
            fail_msg(s, "commit", NULL);
        else
            s->pipe_q[s->npipe++] = (struct pipe_cmd){"commit", -1};
        if (pipe_sync(s, &r) == 0 && r) {
            ok = PQresultStatus(r) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(r), "COMMIT") == 0;
            if (!ok)
                fail_msg(s, "commit", PQresultStatus(r) != PGRES_COMMAND_OK ? PQresultErrorMessage(r)
                                                                          : "the transaction was rolled back");
        } else if (!s->pipe_failed) {
            fail_msg(s, "commit", NULL);
        }
        PQclear(r);
        if (!ok && PQtransactionStatus(s->db) != PQTRANS_IDLE) {
            char keep[512];
            memcpy(keep, s->err, sizeof keep);
            exec(s, "ROLLBACK");
            memcpy(s->err, keep, sizeof keep);
        }
        return ok ? 0 : -1;
    }
    if (PQtransactionStatus(s->db) == PQTRANS_INERROR) {
        snprintf(s->err, sizeof s->err, "commit: a statement of the transaction failed; it was rolled back");
        exec(s, "ROLLBACK");
        return -1;
    }
    PGresult *r = PQexec(s->db, "COMMIT");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(r), "COMMIT") == 0;
    if (!ok)
        fail_msg(s, "commit", r && PQresultStatus(r) != PGRES_COMMAND_OK ? PQresultErrorMessage(r) : "the transaction was rolled back");
    PQclear(r);
    return ok ? 0 : -1;
}

static int pg_rollback(store_t *s)
{
    if (s->pipe) {
        char keep[512]; /* (what failed was said already) */
        memcpy(keep, s->err, sizeof keep);
        pipe_sync(s, NULL);
        memcpy(s->err, keep, sizeof keep);
    }
    buf_reset(&s->copy_rows); /* a copy's rows not sent go with it */
    s->copy_n = 0;
    s->copy_quiet = 0;        /* and its triggers' state */
    return exec(s, "ROLLBACK");
}


/* ---- sources ---- */

static int pg_source_put(store_t *s, const char *url, const char *title, const char *kind, int64_t *id)
{
    char now[32];
    store_now_rfc3339(now);
    pq_stmt *st = prep(s,
        "WITH up AS (UPDATE sources SET title = coalesce($2, title) WHERE url = $1 RETURNING id),"
        " ins AS (INSERT INTO sources(url, title, kind, added) SELECT $1, $2, $3, $4"
        "  WHERE NOT EXISTS (SELECT 1 FROM up)"
        "  ON CONFLICT(url) DO UPDATE SET title = coalesce(excluded.title, sources.title) RETURNING id)"
        " SELECT id FROM up UNION ALL SELECT id FROM ins");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    bind_text(st, 2, title);
    bind_text(st, 3, kind ? kind : "feed");
    bind_text(st, 4, now);
    int rc = pq_step(st);
    if (rc != PQ_ROW) {
        pq_finalize(st);
        return fail(s, "source");
    }
    if (id)
        *id = pq_col_int(st, 0);
    pq_step(st);
    pq_finalize(st);
    return 0;
}

static int pg_source_remove(store_t *s, const char *url)
{
    pq_stmt *st = prep(s, "DELETE FROM sources WHERE url = $1");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    if (step_done(s, st, "remove source") < 0)
        return -1;
    return s->changes > 0 ? 1 : 0;
}

/* The documents of each source: one grouped count joined in, not a count
 * per source. */
#define SOURCE_COLUMNS \
    "s.id, s.url, s.title, s.kind, s.added, s.last_success, s.last_error, s.last_error_at," \
    " s.next_try, s.etag, s.last_modified, s.interval_s, s.failures, coalesce(dc.n, 0)"
#define SOURCE_DOCS \
    " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents WHERE source_id IS NOT NULL" \
    " GROUP BY source_id) dc ON dc.source_id = s.id"

static int sources_loop(store_t *s, pq_stmt *st, store_source_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        source_rec rec;
        store_source_row(ROW(st), &rec);
        if ((r = cb(&rec, ctx)) != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "sources");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_sources_each(store_t *s, store_source_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS " ORDER BY s.id");
    if (!st)
        return -1;
    return sources_loop(s, st, cb, ctx);
}

static int pg_sources_due(store_t *s, const char *now, const char *tracker, store_source_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS
        " WHERE s.kind IN ('feed', 'page') AND (s.next_try IS NULL OR s.next_try <= $1)"
        " AND ($2 IS NULL OR s.id IN (SELECT ts.source_id FROM tracker_sources ts"
        "   JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = $2))"
        " ORDER BY s.id");
    if (!st)
        return -1;
    bind_text(st, 1, now);
    bind_text(st, 2, tracker);
    return sources_loop(s, st, cb, ctx);
}

static int pg_source_update(store_t *s, int64_t id, const source_state *u)
{
    pq_stmt *st = prep(s,
        "UPDATE sources SET etag = coalesce($2, etag), last_modified = coalesce($3, last_modified),"
        " last_success = coalesce($4, last_success),"
        " last_error = CASE WHEN $9 <> 0 THEN NULL ELSE coalesce($5, last_error) END,"
        " last_error_at = CASE WHEN $9 <> 0 THEN NULL ELSE coalesce($6, last_error_at) END,"
        " next_try = coalesce($7, next_try),"
        " interval_s = CASE WHEN $8 > 0 THEN $8 ELSE interval_s END,"
        " failures = CASE WHEN $10 >= 0 THEN $10 ELSE failures END,"
        " lease_until = CASE WHEN $11 <> 0 THEN NULL ELSE lease_until END,"
        " done_ms = CASE WHEN $12::bigint > 0 THEN $12::bigint ELSE done_ms END"
        " WHERE id = $1");
    if (!st)
        return -1;
    pq_bind_int(st, 1, id);
    bind_text(st, 2, u->etag);
    bind_text(st, 3, u->last_modified);
    bind_text(st, 4, u->last_success);
    bind_text(st, 5, u->last_error);
    bind_text(st, 6, u->last_error_at);
    bind_text(st, 7, u->next_try);
    pq_bind_int(st, 8, u->interval_s);
    pq_bind_int(st, 9, u->clear_error);
    pq_bind_int(st, 10, u->failures);
    pq_bind_int(st, 11, u->end_lease);
    pq_bind_int(st, 12, u->done_ms);
    return step_done(s, st, "source state");
}

/* ---- documents ---- */

static int64_t pg_doc_find(store_t *s, const char *canonical_url, const char *content_hash)
{
    pq_stmt *st = prep(s,
        "SELECT id FROM documents WHERE ($1 IS NOT NULL AND canonical_url = $1)"
        " OR content_hash = $2 LIMIT 1");
    if (!st)
        return -1;
    bind_text(st, 1, canonical_url);
    bind_text(st, 2, content_hash);
    int rc = pq_step(st);
    int64_t id = rc == PQ_ROW ? pq_col_int(st, 0) : rc == PQ_DONE ? 0 : -1;
    if (id < 0)
        fail(s, "find document");
    pq_finalize(st);
    return id;
}

static char *dup_col(pq_stmt *st, int i);

/* ---- near-duplicates (the logic in store_common.c) ---- */

/* A bigint[] literal of n ids: {1,2,3}. Owned by the caller. */
static char *id_array(const int64_t *v, size_t n)
{
    return store_ids_text(v, n, "{", "}");
}

static store_tmpl *tmpl_get(store_t *s)
{
    if (s->tmpl.loaded)
        return &s->tmpl;
    pq_stmt *st = prep(s, "SELECT shingle FROM near_template ORDER BY shingle");
    if (!st)
        return NULL;
    int rc;
    while ((rc = pq_step(st)) == PQ_ROW)
        store_tmpl_push(&s->tmpl, (uint32_t)pq_col_int(st, 0));
    pq_finalize(st);
    if (rc != PQ_DONE) {
        fail(s, "near-duplicate template");
        return NULL;
    }
    s->tmpl.loaded = 1;
    return &s->tmpl;
}

static int tmpl_add(store_t *s, const uint32_t *add, size_t n)
{
    /* one statement for all of them: a round trip costs more than a row */
    int64_t *v = xmalloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (int64_t)add[i];
    char *list = id_array(v, n);
    free(v);
    pq_stmt *st = prep(s, "INSERT INTO near_template(shingle) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING");
    if (!st) {
        free(list);
        return -1;
    }
    bind_text(st, 1, list);
    free(list);
    if (step_done(s, st, "near-duplicate template") < 0)
        return -1;
    store_tmpl_merge(&s->tmpl, add, n);
    return 0;
}

/* The band keys of a document's signature. */
static int near_bands_put(store_t *s, int64_t doc, const uint32_t *sig)
{
    int64_t keys[DEDUP_BANDS];
    dedup_bands(sig, keys);
    /* one statement for the bands: a round trip costs more than a row */
    char *list = id_array(keys, DEDUP_BANDS);
    pq_stmt *st = prep(s, "INSERT INTO document_bands(band, document_id)"
                          " SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING");
    if (!st) {
        free(list);
        return -1;
    }
    bind_text(st, 1, list);
    free(list);
    pq_bind_int(st, 2, doc);
    return step_later(s, st, "document bands");
}

/* Signs a stored document again with what is now known to be template (it
 * was signed when less was known): its signature and bands replaced, or
 * dropped when too little of it is left. */
static int near_resign(store_t *s, int64_t id, const dedup_profile *o)
{
    uint32_t sig[DEDUP_MINHASH];
    int signed_ = store_near_resign_sig(&s->tmpl, o, sig);
    pq_stmt *st = prep(s, "DELETE FROM document_bands WHERE document_id = $1");
    if (!st)
        return -1;
    pq_bind_int(st, 1, id);
    if (step_done(s, st, "document bands") < 0)
        return -1;
    if (!(st = prep(s, "UPDATE documents SET minhash = $2 WHERE id = $1")))
        return -1;
    pq_bind_int(st, 1, id);
    if (signed_)
        pq_bind_blob(st, 2, sig, sizeof sig);
    if (step_done(s, st, "document signature") < 0)
        return -1;
    return signed_ ? near_bands_put(s, id, sig) : 0;
}

/* The limit latest documents (of the outlet when outlet is not NULL), each
 * through store_near_window_row. */
static int window_count(store_t *s, const char *outlet, int limit, const dedup_profile *p, uint8_t *cnt,
                        store_near_window *w, int *rows)
{
    pq_stmt *st = prep(s, outlet ? "SELECT id, near_sketch FROM documents WHERE outlet = $1 ORDER BY id DESC LIMIT $2"
                                 : "SELECT id, near_sketch FROM documents WHERE $1::text IS NULL ORDER BY id DESC LIMIT $2");
    if (!st)
        return -1;
    if (outlet)
        bind_text(st, 1, outlet);
    pq_bind_int(st, 2, limit);
    int rc;
    *rows = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        ++*rows;
        size_t nb;
        const unsigned char *blob = pq_col_blob(st, 1, &nb);
        store_near_window_row(w, pq_col_int(st, 0), blob, nb, p, cnt);
    }
    pq_finalize(st);
    return rc == PQ_DONE ? 0 : fail(s, "near-duplicate window");
}

static const store_near_io pg_near_io = {
    .tmpl = tmpl_get,
    .window = window_count,
    .tmpl_add = tmpl_add,
    .resign = near_resign,
};

static int64_t pg_doc_find_near(store_t *s, store_near *nr)
{
    uint32_t *mine;
    long nm;
    int64_t keys[DEDUP_BANDS];
    int b = store_near_begin(s, &pg_near_io, nr, &mine, &nm, keys);
    int64_t found = b;
    pq_stmt *st = NULL;
    if (b <= 0)
        goto out;
    /* candidates first (the statement must be done before the next one
     * runs), then the check of each against its stored sketch and keys */
    found = -1;
    /* every band's newest documents in one statement, band by band */
    char *list = id_array(keys, DEDUP_BANDS);
    if (!(st = prep(s, "SELECT x.document_id, x.minhash FROM unnest($1::bigint[]) WITH ORDINALITY k(band, i)"
                       " CROSS JOIN LATERAL (SELECT b.document_id, d.minhash FROM document_bands b"
                       "   JOIN documents d ON d.id = b.document_id WHERE b.band = k.band"
                       "   ORDER BY b.document_id DESC LIMIT " STR(STORE_NEAR_PER_BAND) ") x"
                       " ORDER BY k.i, x.document_id DESC"))) {
        free(list);
        goto out;
    }
    bind_text(st, 1, list);
    free(list);
    int64_t cand[DEDUP_BANDS * STORE_NEAR_PER_BAND];
    size_t nc = 0;
    int rc;
    while ((rc = pq_step(st)) == PQ_ROW) {
        size_t nb;
        const unsigned char *blob = pq_col_blob(st, 1, &nb);
        store_near_candidate(cand, &nc, pq_col_int(st, 0), blob, nb, nr->sig);
    }
    if (rc != PQ_DONE) {
        fail(s, "near duplicates");
        goto out;
    }
    pq_finalize(st);
    st = NULL;
    found = 0;
    if (!nc)
        goto out;
    /* every candidate's sketch and keys in one statement (a round trip
     * each was most of a document's statements where pages share their
     * boilerplate), checked in the candidates' order up to the first that
     * is the same story */
    list = id_array(cand, nc);
    if (!(st = prep(s, "SELECT d.near_sketch, d.near_keys, d.id FROM unnest($1::bigint[]) WITH ORDINALITY c(id, i)"
                       " JOIN documents d ON d.id = c.id ORDER BY c.i"))) {
        free(list);
        found = -1;
        goto out;
    }
    bind_text(st, 1, list);
    free(list);
    uint32_t *theirs = NULL;
    while (!found && (rc = pq_step(st)) == PQ_ROW) {
        /* a column's blob lasts until the next one is read */
        size_t nsk, nk;
        const unsigned char *blob = pq_col_blob(st, 0, &nsk);
        unsigned char *sketch = nsk ? xmalloc(nsk) : NULL;
        if (nsk)
            memcpy(sketch, blob, nsk);
        blob = pq_col_blob(st, 1, &nk);
        if (store_near_same(&s->tmpl, nr->p, mine, (size_t)nm, sketch, nsk, blob, nk, &theirs))
            found = pq_col_int(st, 2);
        free(sketch);
    }
    if (!found && rc != PQ_DONE) {
        fail(s, "near duplicates");
        found = -1;
    }
    free(theirs);
out:
    pq_finalize(st);
    free(mine);
    return found;
}

static int pg_doc_insert(store_t *s, const doc_rec *d, int64_t *id)
{
    pq_stmt *st = prep(s,
        "INSERT INTO documents(source_id, url, canonical_url, title, author, outlet, published,"
        " fetched, language, text, content_hash, origin, minhash, near_sketch, near_keys)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id");
    if (!st)
        return -1;
    if (d->source_id > 0)
        pq_bind_int(st, 1, d->source_id);
    bind_text(st, 2, d->url);
    bind_text(st, 3, d->canonical_url);
    bind_text(st, 4, d->title);
    bind_text(st, 5, d->author);
    bind_text(st, 6, d->outlet);
    bind_text(st, 7, d->published);
    char now[32];
    store_now_rfc3339(now);
    bind_text(st, 8, d->fetched ? d->fetched : now);
    bind_text(st, 9, d->language);
    bind_text(st, 10, d->text ? d->text : "");
    bind_text(st, 11, d->content_hash);
    bind_text(st, 12, d->origin);
    /* the near-duplicate data: the signature (with its bands) when there
     * is one, the sketch and keys of every document with a profile */
    const uint32_t *sig = d->near ? (d->near->has_sig ? d->near->sig : NULL) : d->minhash;
    if (sig)
        pq_bind_blob(st, 13, sig, DEDUP_MINHASH * sizeof *sig);
    if (d->near && d->near->p) {
        size_t len;
        void *blob = dedup_sketch_pack(d->near->p, &len);
        pq_bind_blob(st, 14, blob, len);
        free(blob);
        blob = dedup_keys_pack(d->near->p, &len);
        pq_bind_blob(st, 15, blob, len);
        free(blob);
    }
    if (pq_step(st) != PQ_ROW) {
        step_done(s, st, "insert document");
        return -1;
    }
    int64_t doc = pq_col_int(st, 0);
    pq_finalize(st);
    if (sig && near_bands_put(s, doc, sig) < 0)
        return -1;
    if (id)
        *id = doc;
    if (d->url)
        return store_doc_add_url(s, doc, d->source_id, d->url, d->outlet);
    return 0;
}

static int pg_doc_add_url(store_t *s, int64_t doc_id, int64_t source_id, const char *url, const char *outlet)
{
    pq_stmt *st = prep(s,
        "INSERT INTO document_urls(document_id, source_id, url, outlet)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    pq_bind_int(st, 1, doc_id);
    if (source_id > 0)
        pq_bind_int(st, 2, source_id);
    bind_text(st, 3, url);
    bind_text(st, 4, outlet);
    return step_later(s, st, "document url");
}

#define DOC_COLUMNS \
    "d.id, coalesce(d.source_id, 0), d.url, d.canonical_url, d.title, d.author, d.outlet," \
    " d.published, d.fetched, d.language, d.text, d.content_hash, d.origin"

static int docs_loop(store_t *s, pq_stmt *st, store_doc_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        doc_rec d;
        store_doc_row(ROW(st), &d);
        if ((r = cb(&d, ctx)) != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "documents");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_doc_get(store_t *s, int64_t id, store_doc_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT " DOC_COLUMNS " FROM documents d WHERE d.id = $1");
    if (!st)
        return -1;
    pq_bind_int(st, 1, id);
    return docs_loop(s, st, cb, ctx);
}

static int pg_docs_each(store_t *s, const char *since, store_doc_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT " DOC_COLUMNS " FROM documents d"
        " WHERE $1 IS NULL OR coalesce(d.published, d.fetched) >= $1"
        " ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    return docs_loop(s, st, cb, ctx);
}

/* What the report lists of each document, without its text (a read of
 * every document's text was most of a report on a large store). */
#define DOC_META_COLUMNS \
    "d.id, 0, d.url, d.canonical_url, d.title, NULL, d.outlet," \
    " d.published, d.fetched, NULL, NULL, NULL, NULL"

static int pg_docs_meta_each(store_t *s, const char *since, store_doc_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT " DOC_META_COLUMNS " FROM documents d"
        " WHERE $1 IS NULL OR coalesce(d.published, d.fetched) >= $1"
        " ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    return docs_loop(s, st, cb, ctx);
}

/* ---- organisations and events ---- */

static int64_t org_id(store_t *s, const char *name, const char *country, const char *ticker)
{
    if (!name || !*name)
        return 0;
    char *norm = store_org_norm(name);
    int64_t id = -1;
    int made = 0;
    /* found under any spelling, else made: one round trip for both */
    pq_stmt *st = prep(s,
        "WITH f AS (SELECT org_id AS id FROM org_aliases WHERE norm = $1"
        "   UNION ALL SELECT id FROM organizations WHERE norm = $1"
        "   UNION ALL SELECT org_id FROM org_aliases WHERE $2 IS NOT NULL AND norm = lower($2) LIMIT 1),"
        " ins AS (INSERT INTO organizations(name, norm, country, ticker)"
        "   SELECT $3, $1, $4, $2 WHERE NOT EXISTS (SELECT 1 FROM f) RETURNING id)"
        " SELECT id, 0 FROM f UNION ALL SELECT id, 1 FROM ins");
    if (st) {
        bind_text(st, 1, norm);
        bind_text(st, 2, ticker);
        bind_text(st, 3, name);
        bind_text(st, 4, country);
        int rc = pq_step(st);
        id = rc == PQ_ROW ? pq_col_int(st, 0) : -1;
        made = rc == PQ_ROW && pq_col_int(st, 1) == 1;
        if (rc != PQ_ROW)
            fail(s, "organization");
        pq_finalize(st);
    }
    if (made) {
        /* (new: it has this country and ticker) */
    } else if (id > 0 && (country || ticker) &&
               (st = prep(s, "UPDATE organizations SET country = coalesce(country, $2),"
                             " ticker = coalesce(ticker, $3) WHERE id = $1"))) {
        pq_bind_int(st, 1, id);
        bind_text(st, 2, country);
        bind_text(st, 3, ticker);
        step_later(s, st, "organization");
    }
    if (id > 0 && ticker && (st = prep(s, "INSERT INTO org_aliases(norm, org_id)"
                                          " VALUES (lower($1), $2) ON CONFLICT DO NOTHING"))) {
        bind_text(st, 1, ticker);
        pq_bind_int(st, 2, id);
        step_later(s, st, "alias");
    }
    free(norm);
    return id;
}

/* The stored event that e (from a document published at published) is
 * another report of, 0 when none: same type, the same organisation under
 * any spelling, figures that agree, close in time. */
static int64_t find_same_event(store_t *s, const event_t *e, const char *published, char **key, int64_t *org)
{
    /* The candidates by index, each name word and the ticker a search of
     * its own, joined to their rows by id, as on SQLite: written as one
     * OR next to "type = $1", a store without statistics yet (the
     * autovacuum daemon had not analysed it: a new store, the first
     * minute of an update) had it planned as a read of every event of the
     * type for each event recorded, their dates parsed one by one, 0.8 ms
     * a document at 1,000 events and growing. The type compared as an
     * expression ("|| ''") so that no index of it can drive. */
    pq_stmt *st = prep(s,
        "SELECT e.id, e.company, e.acquirer, e.target, e.organization, e.ticker, e.product,"
        " e.amount_usd, e.amount_value, e.price_usd, e.change_pct, e.capacity_mw,"
        " e.key, coalesce(e.org_id, 0) FROM"
        " (SELECT id FROM events WHERE name_first = $4"
        "  UNION SELECT id FROM events WHERE name_last = $6"
        "  UNION SELECT id FROM events WHERE ticker = $5) c"
        " JOIN events e ON e.id = c.id"
        " WHERE (e.type || '') = $1"
        " AND ($2 IS NULL OR e.first_seen IS NULL"
        "   OR abs(mtrack_day(e.first_seen) - mtrack_day($2)) <= $3)"
        " ORDER BY e.id");
    if (!st)
        return -1;
    bind_text(st, 1, event_type_name(e->type));
    bind_text(st, 2, published);
    pq_bind_int(st, 3, e->type == EVENT_STOCK_MOVE ? 1 : 45);
    char *first = store_name_word(store_event_org(e), 0), *last = store_name_word(store_event_org(e), 1);
    bind_text(st, 4, first);
    bind_text(st, 5, e->type == EVENT_STOCK_MOVE ? e->ticker : NULL);
    bind_text(st, 6, last);
    free(first);
    free(last);
    int64_t found = 0;
    while (!found && pq_step(st) == PQ_ROW) {
        store_event_cand c = {
            .company = col_text(st, 1), .acquirer = col_text(st, 2), .target = col_text(st, 3),
            .organization = col_text(st, 4), .ticker = col_text(st, 5), .product = col_text(st, 6),
            .usd = col_num(st, 7), .value = col_num(st, 8), .price = col_num(st, 9),
            .change = col_num(st, 10), .capacity = col_num(st, 11),
        };
        if (store_event_same(e, &c)) {
            found = pq_col_int(st, 0);
            *key = dup_col(st, 12); /* (one round trip less for a merge) */
            *org = pq_col_int(st, 13);
        }
    }
    pq_finalize(st);
    return found;
}

/* Remembers that name is another spelling of the organisation org. */
static void org_alias(store_t *s, const char *name, int64_t org)
{
    if (!name || org <= 0)
        return;
    char *norm = store_org_norm(name);
    pq_stmt *st = prep(s, "INSERT INTO org_aliases(norm, org_id)"
                               " SELECT $1, $2 WHERE NOT EXISTS"
                               " (SELECT 1 FROM organizations WHERE norm = $1) ON CONFLICT DO NOTHING");
    if (st) {
        bind_text(st, 1, norm);
        pq_bind_int(st, 2, org);
        step_later(s, st, "alias");
    }
    free(norm);
}

/* Sets an event's figures to the best-supported values among its
 * mentions: the value most mentions give (ties: the most confident, then
 * the first document's, by id and place in it: not the mention stored
 * first, or analysing a document again, which stores its mentions anew,
 * would hand a tie to the other outlet at every run). The mentions keep
 * every value given. */
#define FIRST_MENTION "min(document_id), min(sentence_offset)"
static int resolve_figures(store_t *s, int64_t id, event_type type)
{
    const char *name_col = type == EVENT_ACQUISITION ? "acquirer"
                           : type == EVENT_INFRASTRUCTURE ? "organization" : "company";
    const char *usd_col = type == EVENT_ACQUISITION ? "price_usd" : "amount_usd";
    char sql[4096];
    snprintf(sql, sizeof sql,
        "UPDATE events SET"
        " %s = coalesce((SELECT name FROM event_mentions WHERE event_id = $1 AND name IS NOT NULL"
        "   GROUP BY name ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), %s),"
        " (amount_text, amount_value, currency, %s) = (SELECT"
        "   coalesce(m.amount_text, e2.amount_text), coalesce(m.amount_value, e2.amount_value),"
        "   coalesce(m.currency, e2.currency), coalesce(m.amount_usd, e2.%s)"
        "   FROM events e2 LEFT JOIN (SELECT x.amount_text, x.amount_value, x.currency, x.amount_usd"
        "     FROM event_mentions x WHERE x.event_id = $1 AND x.amount_usd IS NOT NULL"
        "     AND round(x.amount_usd::numeric, -3) = (SELECT round(amount_usd::numeric, -3)"
        "       FROM event_mentions WHERE event_id = $1 AND amount_usd IS NOT NULL"
        "       GROUP BY 1 ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1)"
        "     ORDER BY x.document_id, x.sentence_offset LIMIT 1) m ON true WHERE e2.id = $1),"
        " round = coalesce((SELECT round FROM event_mentions WHERE event_id = $1 AND round IS NOT NULL"
        "   GROUP BY round ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), round),"
        " valuation_usd = coalesce((SELECT min(valuation_usd)"
        "   FROM event_mentions WHERE event_id = $1"
        "   AND valuation_usd IS NOT NULL GROUP BY round(valuation_usd::numeric, -3)"
        "   ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), valuation_usd),"
        " country = coalesce((SELECT country FROM event_mentions WHERE event_id = $1"
        "   AND country IS NOT NULL GROUP BY country"
        "   ORDER BY count(*) DESC, max(confidence) DESC, " FIRST_MENTION " LIMIT 1), country)"
        " WHERE id = $1 RETURNING %s, name_first, name_last",
        name_col, name_col, usd_col, usd_col, name_col);
    pq_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    pq_bind_int(st, 1, id);
    /* the name may have changed (RETURNING gives it): keep its index keys
     * in step */
    int rc = pq_step(st);
    if (rc != PQ_ROW) {
        int r = rc == PQ_DONE ? 0 : fail(s, "resolve figures");
        pq_finalize(st);
        return r;
    }
    char *first = store_name_word(col_text(st, 0), 0), *last = store_name_word(col_text(st, 0), 1);
    const char *was_first = col_text(st, 1), *was_last = col_text(st, 2);
    int same = (first ? was_first && strcmp(first, was_first) == 0 : !was_first) &&
               (last ? was_last && strcmp(last, was_last) == 0 : !was_last);
    pq_finalize(st);
    if (same) { /* (most mentions: no write of the row, no statement) */
        free(first);
        free(last);
        return 0;
    }
    if (!(st = prep(s, "UPDATE events SET name_first = $2, name_last = $3 WHERE id = $1"))) {
        free(first);
        free(last);
        return -1;
    }
    pq_bind_int(st, 1, id);
    bind_text(st, 2, first);
    bind_text(st, 3, last);
    free(first);
    free(last);
    return step_later(s, st, "event name keys");
}

/* The rank of a descriptor (a noun phrase, a clause, "based in") and of a
 * deal's status, as the upsert of pg_event_record compares them. */
#define DESC_RANK(x) "(CASE WHEN " x " LIKE 'a %' OR " x " LIKE 'an %' OR " x " LIKE 'the %'" \
    " OR " x " LIKE 'one of %' THEN 3 WHEN " x " LIKE 'based in %' OR " x " LIKE 'which is based%'" \
    " THEN 1 ELSE 2 END)"
#define STATUS_RANK(x) "(CASE " x " WHEN 'completed' THEN 3 WHEN 'pending' THEN 2 WHEN 'announced' THEN 1 ELSE 0 END)"
static int pg_event_record(store_t *s, int64_t doc_id, const event_t *e, const char *published,
                       int64_t *event_id)
{
    /* Another outlet's report of a stored event merges into it, and the
     * organisation's spelling here becomes an alias of the stored one. */
    char *key = NULL;
    int64_t org = 0;
    int64_t same = find_same_event(s, e, published, &key, &org);
    if (same < 0) {
        free(key);
        return -1;
    }
    if (same > 0)
        org_alias(s, store_event_org(e), org);
    if (!key) {
        org = org_id(s, store_event_org(e), e->country, e->ticker);
        if (org < 0)
            return -1;
        key = store_event_idkey(e, org, published);
    }
    char now[32];
    store_now_rfc3339(now);
    char *leads = store_join_names(e->lead_investors, e->n_lead);
    char *invs = store_join_names(e->investors, e->n_investors);
    /* A new event takes this mention's figures; a known one keeps its own
     * and fills what it lacked. */
    pq_stmt *st = prep(s,
        /* the update first: an INSERT ... ON CONFLICT that updates would
         * use up an id, and ids would drift from SQLite's */
        "WITH up AS (UPDATE events SET"
        "  country = coalesce(country, $11),"
        "  valuation_usd = coalesce(valuation_usd, $16),"
        "  price_usd = coalesce(price_usd, $17),"
        "  close_price = coalesce(close_price, $19),"
        "  capacity_mw = coalesce(capacity_mw, $20),"
        "  round = CASE WHEN round IS NULL OR round = 'Unspecified' THEN $21 ELSE round END,"
        "  lead_investors = CASE WHEN lead_investors = '' THEN $22 ELSE lead_investors END,"
        "  investors = CASE WHEN length($23) > length(investors) THEN $23 ELSE investors END,"
        "  confidence = greatest(confidence, $24),"
        "  first_seen = CASE WHEN first_seen IS NULL OR $25 < first_seen THEN $25 ELSE first_seen END,"
        /* the descriptor and purpose from a mention that gives them: a
         * noun phrase ("a maker of ...") wins over a clause ("which builds
         * ..."), which wins over "based in X"; otherwise the first one
         * stays (event_describe's rule, in the same statement: one write
         * of the row, one round trip) */
        "  descriptor = CASE WHEN $29 IS NULL THEN descriptor WHEN descriptor IS NULL THEN $29"
        "   WHEN " DESC_RANK("$29") " > " DESC_RANK("descriptor") " THEN $29 ELSE descriptor END,"
        "  purpose = coalesce(purpose, $30),"
        "  status = CASE WHEN " STATUS_RANK("$31") " > " STATUS_RANK("status") " THEN $31 ELSE status END,"
        "  gpus = coalesce(gpus, $32)"
        "  WHERE key = $1 RETURNING id),"
        " ins AS (INSERT INTO events(key, type, org_id, company, acquirer, target, organization, ticker,"
        " product, what, country, amount_text, amount_value, currency, amount_usd,"
        " valuation_usd, price_usd, change_pct, close_price, capacity_mw, round,"
        " lead_investors, investors, confidence, first_seen, created, name_first, name_last,"
        " descriptor, purpose, status, gpus)"
        " SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
        " $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28,"
        " $29, $30, CASE WHEN " STATUS_RANK("$31") " > 0 THEN $31 END, $32"
        " WHERE NOT EXISTS (SELECT 1 FROM up)"
        " RETURNING id)"
        " SELECT id FROM up UNION ALL SELECT id FROM ins");
    int r = -1;
    if (st) {
        bind_text(st, 1, key);
        bind_text(st, 2, event_type_name(e->type));
        if (org > 0)
            pq_bind_int(st, 3, org);
        else
            bind_raw(st, 3, NULL, 0, OID_INT8, 0);
        bind_text(st, 4, e->company);
        bind_text(st, 5, e->acquirer);
        bind_text(st, 6, e->target);
        bind_text(st, 7, e->organization);
        bind_text(st, 8, e->ticker);
        bind_text(st, 9, e->product);
        bind_text(st, 10, e->what);
        bind_text(st, 11, e->country);
        bind_text(st, 12, e->amount_text);
        bind_num(st, 13, e->amount_value);
        bind_text(st, 14, e->currency[0] ? e->currency : NULL);
        bind_num(st, 15, e->amount_usd);
        bind_num(st, 16, e->valuation_usd);
        bind_num(st, 17, e->price_usd);
        bind_num(st, 18, e->change_pct);
        bind_num(st, 19, e->close_price);
        bind_num(st, 20, e->capacity_mw);
        bind_text(st, 21, e->type == EVENT_FUNDING ? (e->round ? e->round : "Unspecified") : NULL);
        bind_text(st, 22, leads);
        bind_text(st, 23, invs);
        pq_bind_double(st, 24, e->confidence);
        bind_text(st, 25, published);
        bind_text(st, 26, now);
        char *first = store_name_word(store_event_org(e), 0), *last = store_name_word(store_event_org(e), 1);
        bind_text(st, 27, first);
        bind_text(st, 28, last);
        free(first);
        free(last);
        bind_text(st, 29, e->descriptor);
        bind_text(st, 30, e->type == EVENT_FUNDING ? e->purpose : NULL);
        bind_text(st, 31, e->type == EVENT_ACQUISITION ? e->status : NULL);
        bind_num(st, 32, e->type == EVENT_INFRASTRUCTURE ? e->gpus : NAN);
        if (pq_step(st) == PQ_ROW) {
            int64_t id = pq_col_int(st, 0);
            pq_step(st);
            pq_finalize(st);
            if (event_id)
                *event_id = id;
            st = prep(s, "INSERT INTO event_mentions(event_id, document_id, sentence,"
                         " sentence_offset, confidence, name, amount_text, amount_value, currency,"
                         " amount_usd, round, valuation_usd, country)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
                         " ON CONFLICT DO NOTHING");
            if (st) {
                pq_bind_int(st, 1, id);
                pq_bind_int(st, 2, doc_id);
                bind_text(st, 3, e->sentence ? e->sentence : "");
                pq_bind_int(st, 4, (int64_t)e->sentence_offset);
                pq_bind_double(st, 5, e->confidence);
                bind_text(st, 6, store_event_org(e));
                bind_text(st, 7, e->amount_text);
                bind_num(st, 8, e->amount_value);
                bind_text(st, 9, e->currency[0] ? e->currency : NULL);
                bind_num(st, 10, e->type == EVENT_ACQUISITION ? e->price_usd : e->amount_usd);
                bind_text(st, 11, e->type == EVENT_FUNDING && e->round && strcmp(e->round, "Unspecified") ? e->round : NULL);
                bind_num(st, 12, e->valuation_usd);
                bind_text(st, 13, e->country);
                r = step_later(s, st, "event mention");
                if (r == 0)
                    r = resolve_figures(s, id, e->type);
            }
        } else {
            fail(s, "event");
            pq_finalize(st);
        }
    }
    free(key);
    free(leads);
    free(invs);
    return r;
}


static char *dup_col(pq_stmt *st, int i)
{
    const char *t = col_text(st, i);
    return t ? xstrdup(t) : NULL;
}

/* The columns of an event row (event_row reads them). */
#define EVENT_COLUMNS \
    "SELECT e.id, e.type, e.company, e.acquirer, e.target, e.organization, e.ticker," \
    " e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency," \
    " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price," \
    " e.capacity_mw, e.round, e.lead_investors, e.investors, e.confidence, e.first_seen," \
    " (SELECT count(DISTINCT document_id) FROM event_mentions m WHERE m.event_id = e.id)," \
    " (SELECT sentence FROM event_mentions m WHERE m.event_id = e.id" \
    "   ORDER BY m.confidence DESC, m.document_id, m.seq LIMIT 1)," \
    " e.descriptor, e.purpose, e.status, e.gpus" \
    " FROM events e"

/* EVENT_COLUMNS without two subqueries per event (issue 15): every
 * event's distinct documents and best sentence (highest confidence, then
 * lowest document id, then the first stored, as SQLite's index orders
 * them, and EVENT_COLUMNS's subquery) from one pass over the mentions, grouped by event. For a read of
 * all events; a page or one id is cheaper with the subqueries. */
#define EVENT_COLUMNS_ALL \
    "SELECT e.id, e.type, e.company, e.acquirer, e.target, e.organization, e.ticker," \
    " e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency," \
    " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price," \
    " e.capacity_mw, e.round, e.lead_investors, e.investors, e.confidence, e.first_seen," \
    " coalesce(mm.docs, 0), mm.best," \
    " e.descriptor, e.purpose, e.status, e.gpus" \
    " FROM events e LEFT JOIN (SELECT event_id, count(DISTINCT document_id) AS docs," \
    "   (array_agg(sentence ORDER BY confidence DESC, document_id, seq))[1] AS best" \
    "   FROM event_mentions GROUP BY event_id) mm ON mm.event_id = e.id"

#define EVENT_FILTER \
        " WHERE ($1 IS NULL OR e.type = $1)" \
        " AND ($2 IS NULL OR substr(e.first_seen, 1, 10) >= $2)" \
        " AND ($3 IS NULL OR substr(e.first_seen, 1, 10) <= $3)" \
        " AND ($4 IS NULL OR coalesce(e.amount_usd, e.price_usd, 0) >= $4)" \
        " AND ($5 IS NULL OR e.country = upper($5))" \
        " AND ($6 IS NULL OR strpos(lower(coalesce(e.company,'') || '|' || coalesce(e.acquirer,'')" \
        "   || '|' || coalesce(e.target,'') || '|' || coalesce(e.organization,'') || '|'" \
        "   || coalesce(e.ticker,'') || '|' || e.investors), lower($6)) > 0)" \
        " AND ($7 IS NULL OR strpos(lower(e.investors), lower($7)) > 0)" \
        " AND ($10 IS NULL OR e.id = $10)" \
        " ORDER BY e.first_seen DESC NULLS LAST, e.id DESC" \
        " LIMIT CASE WHEN $8 > 0 THEN $8 END OFFSET $9"

static int pg_events_each(store_t *s, const event_filter *f, store_event_cb cb, void *ctx)
{
    int bounded = f && (f->limit > 0 || f->id > 0);
    pq_stmt *st = prep(s, bounded ? EVENT_COLUMNS EVENT_FILTER : EVENT_COLUMNS_ALL EVENT_FILTER);
    if (!st)
        return -1;
    bind_text(st, 1, f && f->type >= 0 ? event_type_name((event_type)f->type) : NULL);
    bind_text(st, 2, f ? f->since : NULL);
    bind_text(st, 3, f ? f->until : NULL);
    bind_num(st, 4, f ? f->min_usd : NAN);
    bind_text(st, 5, f ? f->country : NULL);
    bind_text(st, 6, f ? f->org : NULL);
    bind_text(st, 7, f ? f->investor : NULL);
    pq_bind_int(st, 8, f ? f->limit : 0);
    pq_bind_int(st, 9, f && f->offset > 0 ? f->offset : 0);
    if (f && f->id > 0)
        pq_bind_int(st, 10, f->id);
    else
        bind_raw(st, 10, NULL, 0, OID_INT8, 0);
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        event_list l = {0};
        event_meta m;
        store_event_row(ROW(st), &l, &m);
        r = cb(&l.items[0], &m, ctx);
        event_list_free(&l);
        if (r != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "events");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* One statement and one read for the page, each id looked up by the
 * primary key: a page of events costs its rows, whatever the store's size. */
static const char pg_events_by_id_sql[] = EVENT_COLUMNS " WHERE e.id = ANY ($1::bigint[])";

static int pg_events_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_cb cb, void *ctx)
{
    if (!n)
        return 0;
    char *list = store_ids_text(ids, n, "{", "}");
    pq_stmt *st = prep(s, pg_events_by_id_sql);
    if (!st) {
        free(list);
        return -1;
    }
    bind_text(st, 1, list);
    free(list);
    store_event_set set = {0};
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW && set.n < n)
        store_event_set_add(&set, ROW(st));
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "events");
    pq_finalize(st);
    /* in the order asked */
    return store_event_set_each(&set, ids, n, r == 0 ? cb : NULL, ctx) < 0 ? -1 : r;
}

/* The rows an event index keeps (store_event_keys). */
#define EVENT_KEY_COLUMNS \
    "SELECT e.id, e.type, e.first_seen, e.amount_usd, e.price_usd, e.country," \
    " CASE e.type WHEN 'acquisition' THEN e.acquirer WHEN 'infrastructure' THEN e.organization" \
    "   ELSE coalesce(e.company, e.ticker) END," \
    " lower(coalesce(e.company,'') || '|' || coalesce(e.acquirer,'') || '|' || coalesce(e.target,'')" \
    "   || '|' || coalesce(e.organization,'') || '|' || coalesce(e.ticker,'') || '|' || e.investors)," \
    " lower(e.investors)," \
    " (SELECT count(DISTINCT document_id) FROM event_mentions m WHERE m.event_id = e.id)"
static const char pg_event_keys_sql[] = EVENT_KEY_COLUMNS " FROM events e ORDER BY e.id";
static const char pg_event_keys_by_id_sql[] = EVENT_KEY_COLUMNS " FROM events e WHERE e.id = ANY ($1::bigint[])";

static int event_keys_step(store_t *s, pq_stmt *st, store_event_key_cb cb, void *ctx);

static int pg_event_keys(store_t *s, store_event_key_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, pg_event_keys_sql);
    return st ? event_keys_step(s, st, cb, ctx) : -1;
}

static int event_keys_step(store_t *s, pq_stmt *st, store_event_key_cb cb, void *ctx)
{
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        store_event_key k = {
            .id = pq_col_int(st, 0),
            .type = event_type_parse(col_text(st, 1)),
            .first_seen = col_text(st, 2),
            .amount_usd = col_num(st, 3),
            .price_usd = col_num(st, 4),
            .country = col_text(st, 5),
            .org = col_text(st, 6),
            .haystack = col_text(st, 7),
            .investors = col_text(st, 8),
            .mentions = pq_col_int(st, 9),
        };
        if ((r = cb(&k, ctx)) != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "events");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* ---- the data's generation (migration 11, issue 15) ---- */

static const char pg_generation_sql[] = "SELECT gen FROM store_stats WHERE id = 1";

static int pg_generation(store_t *s, int64_t *gen)
{
    pq_stmt *st = prep(s, pg_generation_sql);
    if (!st)
        return -1;
    int rc = pq_step(st);
    *gen = rc == PQ_ROW ? pq_col_int(st, 0) : 0;
    pq_finalize(st);
    return rc == PQ_ROW ? 0 : fail(s, "generation");
}

static int pg_events_changed(store_t *s, int64_t gen, size_t max, int64_t **ids, size_t *n)
{
    pq_stmt *st = prep(s, "SELECT event_id FROM event_seq WHERE seq > $1 ORDER BY event_id LIMIT $2");
    if (!st)
        return -1;
    pq_bind_int(st, 1, gen);
    pq_bind_int(st, 2, (int64_t)max + 1);
    size_t cap = 0;
    int rc;
    while ((rc = pq_step(st)) == PQ_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[(*n)++] = pq_col_int(st, 0);
    }
    pq_finalize(st);
    if (rc != PQ_DONE || *n > max) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return rc != PQ_DONE ? fail(s, "events changed") : 1;
    }
    return 0;
}

static int pg_event_keys_by_ids(store_t *s, const int64_t *ids, size_t n, store_event_key_cb cb, void *ctx)
{
    char *list = store_ids_text(ids, n, "{", "}");
    pq_stmt *st = prep(s, pg_event_keys_by_id_sql);
    if (st)
        bind_text(st, 1, list);
    free(list);
    return st ? event_keys_step(s, st, cb, ctx) : -1;
}

/* The server's WAL position: it moves with every commit, by this handle
 * or any other process (and with other databases' on the same server,
 * which only costs a cache a rebuild). */
static int pg_data_version(store_t *s, int64_t *version)
{
    pq_stmt *st = prep(s, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");
    int rc = pq_step(st);
    if (rc != PQ_ROW) {
        pq_finalize(st);
        return fail(s, "data version");
    }
    *version = pq_col_int(st, 0);
    pq_finalize(st);
    return 0;
}

static int pg_mentions_each(store_t *s, int64_t event_id, store_mention_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT m.document_id, m.sentence, m.confidence FROM event_mentions m"
        " JOIN documents d ON d.id = m.document_id WHERE m.event_id = $1"
        " ORDER BY coalesce(d.published, d.fetched), d.id");
    if (!st)
        return -1;
    pq_bind_int(st, 1, event_id);
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb(pq_col_int(st, 0), col_text(st, 1), pq_col_double(st, 2), ctx)))
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "mentions");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* Every event's documents in one statement (store.c's fallback asks for
 * each event's mentions: a round trip per event). */
static int pg_event_docs_each(store_t *s, store_event_doc_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT DISTINCT event_id, document_id FROM event_mentions"
                          " ORDER BY event_id, document_id");
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb(pq_col_int(st, 0), pq_col_int(st, 1), ctx)) != 0)
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "mentions");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* ---- the report's reads, each one pass (issue 15; store_sqlite.c's) ---- */

static int pg_events_bare_each(store_t *s, const char *since, store_alloc_fn alloc, void *arg,
                               store_event_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT e.id, e.type, e.company, e.acquirer, e.target, e.organization, e.ticker,"
        " e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency,"
        " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price,"
        " e.capacity_mw, e.round, e.lead_investors, e.investors, e.confidence, e.first_seen,"
        " 0, NULL, e.descriptor, e.purpose, e.status, e.gpus"
        " FROM events e WHERE $1::text IS NULL OR substr(e.first_seen, 1, 10) >= $1"
        " ORDER BY e.first_seen DESC NULLS LAST, e.id DESC");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        event_t e;
        event_meta m;
        store_event_row_alloc(ROW(st), &e, &m, alloc, arg);
        if ((r = cb(&e, &m, ctx)) != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "events");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* best first within each event, as EVENT_COLUMNS's subquery orders them
 * (of two equally sure in one document, the first stored, as SQLite) */
static int pg_mentions_all(store_t *s, store_mention_all_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT event_id, document_id, confidence, sentence FROM event_mentions"
                          " ORDER BY event_id, confidence DESC, document_id, seq");
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb(pq_col_int(st, 0), pq_col_int(st, 1), pq_col_double(st, 2), col_text(st, 3), ctx)) != 0)
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "mentions");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_docs_dates_each(store_t *s, const char *since, store_doc_date_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT d.id, coalesce(d.published, d.fetched), d.outlet FROM documents d"
        " WHERE $1::text IS NULL OR coalesce(d.published, d.fetched) >= $1"
        " ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb(pq_col_int(st, 0), col_text(st, 1), col_text(st, 2), ctx)) != 0)
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "documents");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_docs_listed(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx)
{
    char *list = store_ids_text(ids, n, "{", "}");
    pq_stmt *st = prep(s, "SELECT d.id, 0, d.url, d.canonical_url, d.title, NULL, NULL, NULL, NULL,"
                          " NULL, NULL, NULL, NULL FROM documents d WHERE d.id = ANY ($1::bigint[])");
    if (!st) {
        free(list);
        return -1;
    }
    bind_text(st, 1, list);
    free(list);
    return docs_loop(s, st, cb, ctx);
}

/* ---- search ---- */

/* The marks of a hit in a snippet and the cut where a snippet does not
 * reach the text's start or end: those of store_sqlite.c's FTS5 snippet(). */
#define SNIPPET_OPEN MARK_OPEN
#define SNIPPET_CLOSE MARK_CLOSE
#define SNIPPET_CUT " ... "
#define SNIPPET_WORDS 16
#define SNIPPET_MIN_WORDS 8

/* A code point that is part of a word as SQLite's unicode61 tokenizer
 * reads it (categories L*, N* and Co); any other is a separator. */
static int ts_word_char(int cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_CO:
        return 1;
    default:
        return 0;
    }
}

/* The user's words read as store_sqlite.c's FTS5 query reads them: split
 * at spaces (quotes dropped), each word a phrase of its parts (letters,
 * digits: "seed-round" is "seed round", "AI's" is "ai s", "U.S." is
 * "u s"), a trailing * a prefix of the last part, a word with no part
 * dropped, all of them ANDed; no input is query syntax ("or", "-", "!",
 * "<->", "&" are words or nothing). As two arrays (PostgreSQL literals) of
 * one element per word: *phrases, its parts as a to_tsquery phrase
 * ('seed' <-> 'round'), and *whole, the word as one to_tsquery operand
 * ('nvidia.com', '3.5'), or '' when it is a single part: PostgreSQL's
 * parser keeps some words whole in the documents' tsvector (host names,
 * decimals, e-mail addresses), so a word matches either (TS_QUERY_SQL
 * keeps the whole form when the parser makes one lexeme of it). */
static void ts_queries(const char *q, buf_t *phrases, buf_t *whole)
{
    const unsigned char *p = (const unsigned char *)q;
    buf_t a, r;
    buf_init(&a, 1 << 16);
    buf_init(&r, 1 << 16);
    buf_puts(phrases, "{");
    buf_puts(whole, "{");
    int nw = 0;
    while (*p) {
        while (*p && (str_isspace(*p) || *p == '"'))
            p++;
        const unsigned char *w = p;
        while (*p && !str_isspace(*p))
            p++;
        if (p == w)
            continue;
        size_t n = (size_t)(p - w);
        int pre = n > 1 && w[n - 1] == '*';
        if (pre)
            n--;
        a.len = 0;
        r.len = 0;
        int parts = 0, seps = 0, in = 0;
        for (size_t i = 0; i < n;) {
            int cp = -1;
            size_t k = utf8_decode(w + i, n - i, &cp);
            if (!k)
                k = 1, cp = -1;
            if (cp >= 0 && ts_word_char(cp)) {
                if (!in) {
                    if (parts++)
                        buf_puts(&a, "' <-> ");
                    buf_putc(&a, '\'');
                    in = 1;
                }
                buf_append(&a, (const char *)w + i, k);
            } else {
                in = 0;
                seps++;
            }
            i += k;
        }
        if (!parts)
            continue;
        buf_puts(&a, pre ? "':*" : "'");
        if (parts > 1 || seps) {
            buf_putc(&r, '\'');
            for (size_t i = 0; i < n; i++) {
                if (w[i] == '\'' || w[i] == '\\')
                    buf_putc(&r, w[i] == '\'' ? '\'' : '\\');
                buf_putc(&r, (char)w[i]);
            }
            buf_puts(&r, pre ? "':*" : "'");
        }
        buf_puts(phrases, nw ? ",\"" : "\"");
        buf_puts(whole, nw ? ",\"" : "\"");
        nw++;
        for (size_t i = 0; i < a.len; i++) {
            if (a.data[i] == '"' || a.data[i] == '\\')
                buf_putc(phrases, '\\');
            buf_putc(phrases, a.data[i]);
        }
        for (size_t i = 0; i < r.len; i++) {
            if (r.data[i] == '"' || r.data[i] == '\\')
                buf_putc(whole, '\\');
            buf_putc(whole, r.data[i]);
        }
        buf_putc(phrases, '"');
        buf_putc(whole, '"');
    }
    buf_putc(phrases, '}');
    buf_putc(whole, '}');
    buf_free(&a);
    buf_free(&r);
}

/* The headline with FTS5's cuts: SNIPPET_CUT before it when it does not
 * start the text, after it when it does not end it. */
static char *snippet_cut(const char *head, const char *text)
{
    buf_t plain;
    buf_init(&plain, 1 << 16);
    size_t lo = strlen(SNIPPET_OPEN), lc = strlen(SNIPPET_CLOSE);
    for (const char *p = head; *p;) {
        if (strncmp(p, SNIPPET_OPEN, lo) == 0)
            p += lo;
        else if (strncmp(p, SNIPPET_CLOSE, lc) == 0)
            p += lc;
        else
            buf_putc(&plain, *p++);
    }
    const char *h = buf_str(&plain), *t = text ? text : "";
    while (str_isspace((unsigned char)*h))
        h++;
    while (str_isspace((unsigned char)*t))
        t++;
    size_t hn = strlen(h), tn = strlen(t);
    while (hn && str_isspace((unsigned char)h[hn - 1]))
        hn--;
    while (tn && str_isspace((unsigned char)t[tn - 1]))
        tn--;
    int at_start = hn <= tn && strncmp(t, h, hn < 24 ? hn : 24) == 0;
    size_t tail = hn < 24 ? hn : 24;
    int at_end = hn <= tn && strncmp(t + tn - tail, h + hn - tail, tail) == 0;
    buf_t out;
    buf_init(&out, 1 << 16);
    if (!at_start)
        buf_puts(&out, SNIPPET_CUT);
    const char *b = head, *e = head + strlen(head);
    while (str_isspace((unsigned char)*b))
        b++;
    while (e > b && str_isspace((unsigned char)e[-1]))
        e--;
    buf_append(&out, b, (size_t)(e - b));
    if (!at_end)
        buf_puts(&out, SNIPPET_CUT);
    buf_free(&plain);
    return buf_detach(&out);
}

/* The query of ts_queries' two arrays ($1, $2) as tsquery text: each
 * word's phrase, or its whole form when PostgreSQL's parser makes one
 * lexeme of it, and the words ANDed; '' when no word has a lexeme. */
#define TS_QUERY_SQL \
    "SELECT coalesce(string_agg('(' || t.a::text || CASE WHEN numnode(t.r) = 1" \
    "  THEN ' | ' || t.r::text ELSE '' END || ')', ' & ' ORDER BY w.i), '')" \
    " FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(a, r, i)" \
    " CROSS JOIN LATERAL (SELECT to_tsquery('simple', w.a) AS a," \
    "  CASE WHEN w.r <> '' THEN to_tsquery('simple', w.r) END AS r) t" \
    " WHERE numnode(t.a) > 0"

/* query's words as tsquery text in *tq (caller frees; "" when it has a
 * word with no letter or digit only: it matches nothing, as in FTS5);
 * -1 (and why) when it has no words or the statement fails. */
static int ts_query(store_t *s, const char *query, char **tq)
{
    *tq = NULL;
    buf_t phrases, whole;
    buf_init(&phrases, 1 << 17);
    buf_init(&whole, 1 << 17);
    ts_queries(query ? query : "", &phrases, &whole);
    int r = -1;
    pq_stmt *st = NULL;
    if (!store_query_has_words(query))
        snprintf(s->err, sizeof s->err, "the query has no words");
    else if (strcmp(buf_str(&phrases), "{}") == 0) {
        *tq = xstrdup("");
        r = 0;
    } else if ((st = prep(s, TS_QUERY_SQL))) {
        bind_text(st, 1, buf_str(&phrases));
        bind_text(st, 2, buf_str(&whole));
        if (pq_step(st) == PQ_ROW) {
            *tq = xstrdup(col_text(st, 0) ? col_text(st, 0) : "");
            r = 0;
        } else
            fail(s, "search");
    }
    pq_finalize(st);
    buf_free(&phrases);
    buf_free(&whole);
    return r;
}

/* The newest *cap matches counted, the lowest id among them, and the
 * store's documents and highest id (store_search_count estimates beyond),
 * as store_sqlite.c's, but *cap no more than the ranked bound and one: the
 * count walks the id index from the newest document with the match as a
 * filter (each match's tsvector read, as the ranking reads it), a GIN
 * bitmap would read every match's row: for a word in each of 100,000
 * documents, all 20,000 pages of the table to count 100,001 (0.5 s), where
 * 10,001 from the index are 0.1 s. Planned for the query's words each
 * time (custom: a prepared plan guesses how many match and takes the
 * bitmap for every word), so that a rare word is read from the GIN index
 * instead. */
static int pg_search_count(store_t *s, const char *query, int64_t *cap, int64_t *n, int64_t *from,
                           int64_t *docs, int64_t *max_id)
{
    int64_t ranked, counted;
    store_search_bounds(&ranked, &counted);
    if (*cap > ranked + 1)
        *cap = ranked + 1;
    /* the search just made counted them: its walk is not made again */
    struct pg_search_seen *seen = &s->seen;
    int hit = seen->query && query && strcmp(seen->query, query) == 0 && seen->cap == *cap;
    free(seen->query);
    seen->query = NULL;
    if (hit) {
        *n = seen->n;
        *from = seen->from;
        *docs = seen->docs;
        *max_id = seen->max_id;
        return 0;
    }
    char *tq;
    if (ts_query(s, query, &tq) < 0)
        return -1;
    if (!*tq) {
        *n = *from = *docs = *max_id = 0;
        free(tq);
        return 0;
    }
    pq_stmt *st = prep(s,
        "SELECT count(*), coalesce(min(x.id), 0), (SELECT documents FROM store_stats),"
        " (SELECT coalesce(max(id), 0) FROM documents) FROM (SELECT d.id FROM documents d"
        " WHERE d.tsv @@ $1::tsquery ORDER BY d.id DESC LIMIT $2) x");
    if (!st) {
        free(tq);
        return -1;
    }
    st->custom = 1;
    bind_text(st, 1, tq);
    pq_bind_int(st, 2, *cap);
    int rc = pq_step(st);
    if (rc == PQ_ROW) {
        *n = pq_col_int(st, 0);
        *from = pq_col_int(st, 1);
        *docs = pq_col_int(st, 2);
        *max_id = pq_col_int(st, 3);
    } else
        fail(s, "search");
    pq_finalize(st);
    free(tq);
    return rc == PQ_ROW ? 0 : -1;
}

static int pg_search(store_t *s, const char *query, int64_t limit, store_hit_cb cb, void *ctx)
{
    free(s->seen.query);
    s->seen.query = NULL;
    char *tq;
    if (ts_query(s, query, &tq) < 0)
        return -1;
    if (!*tq) {
        free(tq);
        return 0;
    }
    /* the title weighs five times the text (A 1.0, B 0.2), as bm25(5, 1);
     * only the newest $5 matches ranked (store_search_bounds), as
     * store_sqlite.c's, in one walk: the query a constant when planned
     * (custom), so a word in many documents is read backwards along the id
     * index with the match as a filter, stopping at the bound (a GIN
     * bitmap and a sort would read every match: 0.68 s for a word in each
     * of 100,000 documents), and a rare one from the GIN index; the walk
     * goes one match further and counts them for pg_search_count (the
     * count a search's last line asks for next) */
    int64_t ranked, counted;
    store_search_bounds(&ranked, &counted);
    pq_stmt *st = prep(s,
        "WITH q AS (SELECT $1::tsquery AS q),"
        " newest AS (SELECT d.id, ts_rank_cd('{0, 0, 0.2, 1.0}', d.tsv, $1::tsquery, 1) AS rank,"
        "   row_number() OVER (ORDER BY d.id DESC) AS k"
        "   FROM documents d WHERE d.tsv @@ $1::tsquery ORDER BY d.id DESC LIMIT $5 + 1),"
        " seen AS (SELECT count(*) AS n, coalesce(min(id), 0) AS lo,"
        "   (SELECT documents FROM store_stats) AS docs,"
        "   (SELECT coalesce(max(id), 0) FROM documents) AS max_id FROM newest),"
        " hits AS (SELECT id, rank FROM newest WHERE k <= $5 ORDER BY rank DESC, id LIMIT $2)"
        /* the best fragment holding every word; when there is none (a word
         * only in the title), the words that are in the text, as FTS5
         * marks them (and a phrase's parts, which FTS5 leaves unmarked) */
        " SELECT " DOC_COLUMNS ", CASE WHEN strpos(f.h, $4) > 0 THEN f.h"
        "   ELSE ts_headline('simple', d.text,"
        "   replace(replace(q.q::text, '&', '|'), '<->', '|')::tsquery, $3) END, h.rank,"
        " c.n, c.lo, c.docs, c.max_id"
        " FROM hits h JOIN documents d ON d.id = h.id CROSS JOIN q CROSS JOIN seen c"
        " CROSS JOIN LATERAL (SELECT ts_headline('simple', d.text, q.q, $3) AS h) f"
        " ORDER BY h.rank DESC, d.id");
    if (!st) {
        free(tq);
        return -1;
    }
    bind_text(st, 1, tq);
    pq_bind_int(st, 2, limit > 0 ? limit : 20);
    bind_text(st, 3, "StartSel=\"" SNIPPET_OPEN "\", StopSel=\"" SNIPPET_CLOSE "\", MaxWords=" STR(SNIPPET_WORDS)
                     ", MinWords=" STR(SNIPPET_MIN_WORDS) ", ShortWord=0, MaxFragments=1, FragmentDelimiter=\"" SNIPPET_CUT "\"");
    bind_text(st, 4, SNIPPET_OPEN);
    pq_bind_int(st, 5, ranked);
    st->custom = 1;
    struct pg_search_seen seen = {NULL, counted >= ranked ? ranked + 1 : 0, 0, 0, 0, 0};
    int rc, r = 0, rows = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        if (!rows++) {
            seen.n = pq_col_int(st, 15);
            seen.from = pq_col_int(st, 16);
            seen.docs = pq_col_int(st, 17);
            seen.max_id = pq_col_int(st, 18);
        }
        doc_rec d;
        store_doc_row(ROW(st), &d);
        char *snip = snippet_cut(col_text(st, 13) ? col_text(st, 13) : "", d.text);
        r = cb(&d, snip, pq_col_double(st, 14), ctx);
        free(snip);
        if (r)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "search");
    else if (seen.cap && query) {
        /* no row: nothing matches */
        seen.query = xstrdup(query);
        s->seen = seen;
    }
    pq_finalize(st);
    free(tq);
    return r < 0 ? -1 : 0;
}

/* ---- trackers ---- */

static char *join_list(const str_list *l)
{
    return store_join_names(l->v, l->n);
}

static int pg_tracker_put(store_t *s, const tracker_def *t, const char *config_text)
{
    pq_stmt *st = prep(s,
        "INSERT INTO trackers(name, title, category, description, config)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT(name) DO UPDATE SET"
        " title = $2, category = $3, description = $4, config = $5 RETURNING id");
    if (!st)
        return -1;
    bind_text(st, 1, t->name);
    bind_text(st, 2, t->title);
    bind_text(st, 3, t->category);
    bind_text(st, 4, t->description);
    bind_text(st, 5, config_text);
    if (pq_step(st) != PQ_ROW) {
        pq_finalize(st);
        return fail(s, "tracker");
    }
    int64_t id = pq_col_int(st, 0);
    pq_step(st);
    pq_finalize(st);
    if (!(st = prep(s, "DELETE FROM themes WHERE tracker_id = $1")))
        return -1;
    pq_bind_int(st, 1, id);
    if (step_done(s, st, "themes") < 0)
        return -1;
    for (size_t i = 0; i < t->n_themes; i++) {
        const theme_def *th = &t->themes[i];
        if (!(st = prep(s, "INSERT INTO themes(tracker_id, name, title, position, types,"
                           " keywords, orgs) VALUES ($1, $2, $3, $4, $5, $6, $7)")))
            return -1;
        char *types = join_list(&th->types), *kw = join_list(&th->keywords), *orgs = join_list(&th->orgs);
        pq_bind_int(st, 1, id);
        bind_text(st, 2, th->name);
        bind_text(st, 3, th->title);
        pq_bind_int(st, 4, (int64_t)i);
        bind_text(st, 5, types);
        bind_text(st, 6, kw);
        bind_text(st, 7, orgs);
        free(types);
        free(kw);
        free(orgs);
        if (step_done(s, st, "theme") < 0)
            return -1;
    }
    for (size_t i = 0; i < t->n_sources; i++) {
        int64_t sid;
        if (store_source_put(s, t->sources[i].url, t->sources[i].title,
                             t->sources[i].kind ? t->sources[i].kind : "feed", &sid) < 0)
            return -1;
        if (!(st = prep(s, "INSERT INTO tracker_sources VALUES ($1, $2) ON CONFLICT DO NOTHING")))
            return -1;
        pq_bind_int(st, 1, id);
        pq_bind_int(st, 2, sid);
        if (step_done(s, st, "tracker source") < 0)
            return -1;
    }
    return 0;
}

static char *tracker_text(store_t *s, const char *sql, const char *name)
{
    s->err[0] = '\0';
    pq_stmt *st = prep(s, sql);
    if (!st)
        return NULL;
    bind_text(st, 1, name);
    char *out = NULL;
    int rc = pq_step(st);
    if (rc == PQ_ROW)
        out = dup_col(st, 0);
    else if (rc != PQ_DONE)
        fail(s, "tracker");
    pq_finalize(st);
    return out;
}

static char *pg_tracker_config(store_t *s, const char *name)
{
    return tracker_text(s, "SELECT config FROM trackers WHERE $1 IS NULL OR name = $1"
                           " ORDER BY id LIMIT 1", name);
}

static char *pg_tracker_last_edition(store_t *s, const char *name)
{
    return tracker_text(s, "SELECT last_edition FROM trackers WHERE name = $1", name);
}

static int pg_tracker_set_last_edition(store_t *s, const char *name, const char *when)
{
    pq_stmt *st = prep(s, "UPDATE trackers SET last_edition = $2 WHERE name = $1");
    if (!st)
        return -1;
    bind_text(st, 1, name);
    bind_text(st, 2, when);
    return step_done(s, st, "tracker");
}

static int pg_edition_last(store_t *s, const char *tracker, const char *format, char **created,
                       int64_t **events, size_t *n)
{
    *created = NULL;
    *events = NULL;
    *n = 0;
    pq_stmt *st = prep(s, "SELECT created, events FROM editions WHERE tracker = $1"
                               " AND format = $2 ORDER BY id DESC LIMIT 1");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, format);
    int rc = pq_step(st);
    if (rc == PQ_ROW) {
        *created = dup_col(st, 0);
        store_ids_parse(col_text(st, 1), events, n);
    } else if (rc != PQ_DONE) {
        pq_finalize(st);
        return fail(s, "editions");
    }
    pq_finalize(st);
    return 0;
}

static int pg_edition_add(store_t *s, const char *tracker, const char *format, const char *created,
                      const int64_t *events, size_t n)
{
    char *ids = store_ids_text(events, n, "", "");
    pq_stmt *st = prep(s, "INSERT INTO editions(tracker, format, created, events)"
                               " VALUES ($1, $2, $3, $4)");
    int r = -1;
    if (st) {
        bind_text(st, 1, tracker);
        bind_text(st, 2, format);
        bind_text(st, 3, created);
        bind_text(st, 4, ids);
        r = step_done(s, st, "edition");
    }
    free(ids);
    return r;
}

static int pg_alert_claim(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    char now[32];
    store_now_rfc3339(now);
    pq_stmt *st = prep(s, "INSERT INTO alert_deliveries(tracker, alert, event_id,"
                               " delivered) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    pq_bind_int(st, 3, event_id);
    bind_text(st, 4, now);
    if (step_done(s, st, "alert") < 0)
        return -1;
    return s->changes > 0;
}

static int pg_alert_unclaim(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    pq_stmt *st = prep(s, "DELETE FROM alert_deliveries WHERE tracker = $1 AND alert = $2"
                               " AND event_id = $3");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    pq_bind_int(st, 3, event_id);
    return step_done(s, st, "alert");
}

static int pg_trackers_each(store_t *s, store_tracker_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT name, title FROM trackers ORDER BY id");
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb(col_text(st, 0), col_text(st, 1), ctx)))
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "trackers");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_count(store_t *s, store_counts *c)
{
    /* kept up to date by triggers (migration 2): one row, not five counts */
    pq_stmt *st = prep(s,
        "SELECT sources, documents, events, mentions, organizations, doc_updates,"
        " (SELECT count(*) FROM sources WHERE last_error IS NOT NULL AND last_error <> '')"
        " FROM store_stats WHERE id = 1");
    if (!st)
        return -1;
    if (pq_step(st) != PQ_ROW) {
        pq_finalize(st);
        return fail(s, "count");
    }
    c->sources = pq_col_int(st, 0);
    c->documents = pq_col_int(st, 1);
    c->events = pq_col_int(st, 2);
    c->mentions = pq_col_int(st, 3);
    c->organizations = pq_col_int(st, 4);
    c->doc_updates = pq_col_int(st, 5);
    c->fetch_errors = pq_col_int(st, 6);
    pq_finalize(st);
    return 0;
}

/* ---- re-analysis (mtrack reanalyze) ---- */

/* Runs sql (with ?1 = arg when arg is not 0) and appends its first column
 * to *ids. */
static int redo_ids(store_t *s, const char *sql, int64_t arg, int64_t **ids, size_t *n)
{
    pq_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    if (arg)
        pq_bind_int(st, 1, arg);
    int rc;
    while ((rc = pq_step(st)) == PQ_ROW) {
        *ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = pq_col_int(st, 0);
    }
    pq_finalize(st);
    return rc == PQ_DONE ? 0 : fail(s, "re-analysis");
}

static int pg_doc_ids(store_t *s, const char *since, const char *tracker, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    pq_stmt *st = prep(s,
        "SELECT d.id FROM documents d"
        " WHERE ($1 IS NULL OR coalesce(mtrack_time(d.published), mtrack_time(d.fetched)) >= mtrack_time($1))"
        " AND ($2 IS NULL"
        "  OR EXISTS (SELECT 1 FROM tracker_sources ts JOIN trackers t ON t.id = ts.tracker_id"
        "    WHERE t.name = $2 AND (ts.source_id = d.source_id OR ts.source_id IN"
        "      (SELECT u.source_id FROM document_urls u WHERE u.document_id = d.id)))"
        "  OR NOT EXISTS (SELECT 1 FROM tracker_sources ts WHERE ts.source_id = d.source_id"
        "    OR ts.source_id IN (SELECT u.source_id FROM document_urls u WHERE u.document_id = d.id)))"
        " ORDER BY d.id");
    if (!st)
        return -1;
    bind_text(st, 1, since);
    bind_text(st, 2, tracker);
    int rc;
    while ((rc = pq_step(st)) == PQ_ROW) {
        if ((*n & (*n - 1)) == 0) /* grow at powers of two */
            *ids = xrealloc(*ids, (*n ? *n * 2 : 1) * sizeof **ids);
        (*ids)[(*n)++] = pq_col_int(st, 0);
    }
    pq_finalize(st);
    if (rc != PQ_DONE) {
        free(*ids);
        *ids = NULL;
        *n = 0;
        return fail(s, "documents");
    }
    return 0;
}


/* Runs a statement with ?1 = a and ?2 = b (b when not 0). */
static int redo_exec(store_t *s, const char *sql, int64_t a, int64_t b)
{
    pq_stmt *st = prep(s, sql);
    if (!st)
        return -1;
    pq_bind_int(st, 1, a);
    if (b)
        pq_bind_int(st, 2, b);
    return step_done(s, st, "re-analysis");
}

static int pg_redo_begin(store_t *s, int64_t doc_id, store_redo *r)
{
    memset(r, 0, sizeof *r);
    r->doc_id = doc_id;
    if (redo_ids(s, "SELECT DISTINCT event_id FROM event_mentions WHERE document_id = $1"
                    " ORDER BY event_id", doc_id, &r->before, &r->n_before) < 0)
        return -1;
    /* The investors of an event come from the first document that reported
     * it (later ones fill what it lacked): when this is that document, its
     * new analysis gives them again, as at ingest. */
    if (redo_exec(s, "UPDATE events SET lead_investors = '', investors = ''"
                     " WHERE id IN (SELECT event_id FROM event_mentions WHERE document_id = $1)"
                     " AND (SELECT min(m.document_id) FROM event_mentions m"
                     "   WHERE m.event_id = events.id) = $1", doc_id, 0) < 0 ||
        redo_exec(s, "DELETE FROM event_mentions WHERE document_id = $1", doc_id, 0) < 0)
        return -1;
    pq_stmt *st = prep(s, "SELECT coalesce(max(id), 0) FROM events");
    if (!st)
        return -1;
    if (pq_step(st) != PQ_ROW) {
        pq_finalize(st);
        return fail(s, "re-analysis");
    }
    r->max_event = pq_col_int(st, 0);
    pq_finalize(st);
    /* Set aside: a type no report or match asks for, a key no new event has. */
    for (size_t i = 0; i < r->n_before; i++)
        if (redo_exec(s, "UPDATE events SET type = '~' || type, key = '~' || id || '|' || key"
                         " WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM event_mentions m"
                         " WHERE m.event_id = $1)", r->before[i], 0) < 0)
            return -1;
    return 0;
}

#define REDO_NAME_SQL(t) \
    "CASE " t " WHEN 'acquisition' THEN acquirer WHEN 'infrastructure' THEN organization" \
    " ELSE company END"

static int redo_load(store_t *s, pq_stmt *st, store_redo_ev **v, size_t *n)
{
    int rc;
    while ((rc = pq_step(st)) == PQ_ROW)
        store_redo_ev_add(v, n, pq_col_int(st, 0), dup_col(st, 1), dup_col(st, 2), pq_col_int(st, 3),
                          dup_col(st, 4));
    pq_finalize(st);
    return rc == PQ_DONE ? 0 : fail(s, "re-analysis");
}

static int redo_made(store_t *s, int64_t max_event, store_redo_ev **v, size_t *n)
{
    pq_stmt *st = prep(s, "SELECT id, type, key, coalesce(org_id, 0), " REDO_NAME_SQL("type")
                          " FROM events WHERE id > $1 ORDER BY id");
    if (!st)
        return -1;
    pq_bind_int(st, 1, max_event);
    return redo_load(s, st, v, n);
}

/* all of them in one statement */
static int redo_aside(store_t *s, const int64_t *ids, size_t n, store_redo_ev **v, size_t *nv)
{
    char *list = id_array(ids, n);
    pq_stmt *st = prep(s, "SELECT id, substr(type, 2), substr(key, strpos(key, '|') + 1),"
                          " coalesce(org_id, 0), " REDO_NAME_SQL("substr(type, 2)")
                          " FROM events WHERE id = ANY ($1::bigint[]) AND type LIKE '~%' ORDER BY id");
    if (!st) {
        free(list);
        return -1;
    }
    bind_text(st, 1, list);
    free(list);
    return redo_load(s, st, v, nv);
}

/* Event old (set aside) takes over event new: its mentions and fields;
 * old keeps its id, creation time and alert deliveries. */
static int redo_adopt(store_t *s, const store_redo_ev *old, const store_redo_ev *nw)
{
    if (redo_exec(s, "UPDATE event_mentions SET event_id = $1 WHERE event_id = $2", old->id, nw->id) < 0 ||
        redo_exec(s, "UPDATE events SET (type, org_id, company, acquirer, target, organization,"
                     " ticker, product, what, country, amount_text, amount_value, currency,"
                     " amount_usd, valuation_usd, price_usd, change_pct, close_price, capacity_mw,"
                     " round, lead_investors, investors, confidence, name_first, name_last,"
                     " descriptor, purpose, status, gpus) ="
                     " (SELECT type, org_id, company, acquirer, target, organization, ticker,"
                     " product, what, country, amount_text, amount_value, currency, amount_usd,"
                     " valuation_usd, price_usd, change_pct, close_price, capacity_mw, round,"
                     " lead_investors, investors, confidence, name_first, name_last,"
                     " descriptor, purpose, status, gpus"
                     " FROM events WHERE id = $2) WHERE id = $1", old->id, nw->id) < 0 ||
        redo_exec(s, "DELETE FROM events WHERE id = $1", nw->id, 0) < 0)
        return -1;
    pq_stmt *st = prep(s, "UPDATE events SET key = $2 WHERE id = $1");
    if (!st)
        return -1;
    pq_bind_int(st, 1, old->id);
    bind_text(st, 2, nw->key);
    return step_done(s, st, "re-analysis");
}

/* Brings an event's resolved figures, confidence and first-seen date in
 * line with its mentions; nothing when it is gone. */
static int redo_settle(store_t *s, int64_t id)
{
    pq_stmt *st = prep(s, "SELECT type FROM events WHERE id = $1");
    if (!st)
        return -1;
    pq_bind_int(st, 1, id);
    int rc = pq_step(st);
    int type = rc == PQ_ROW ? event_type_parse(col_text(st, 0)) : -1;
    pq_finalize(st);
    if (rc != PQ_ROW && rc != PQ_DONE)
        return fail(s, "re-analysis");
    if (rc == PQ_DONE || type < 0)
        return 0;
    if (resolve_figures(s, id, (event_type)type) < 0)
        return -1;
    return redo_exec(s,
        "UPDATE events SET"
        " confidence = coalesce((SELECT max(confidence) FROM event_mentions WHERE event_id = $1),"
        "   confidence),"
        " first_seen = coalesce((SELECT min(d.published) FROM event_mentions m"
        "   JOIN documents d ON d.id = m.document_id"
        "   WHERE m.event_id = $1 AND d.published IS NOT NULL), first_seen)"
        " WHERE id = $1", id, 0);
}

static int redo_drop(store_t *s, int64_t id)
{
    return redo_exec(s, "DELETE FROM events WHERE id = $1", id, 0);
}

static int redo_shown(store_t *s, int64_t event_id, int64_t doc_id)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)event_id);
    pq_stmt *st = prep(s, "UPDATE editions SET events = CASE WHEN events = '' THEN $1"
                          " ELSE events || ',' || $1 END"
                          " WHERE id IN (SELECT max(id) FROM editions GROUP BY tracker, format)"
                          " AND created >= (SELECT fetched FROM documents WHERE id = $2)");
    if (!st)
        return -1;
    bind_text(st, 1, id);
    pq_bind_int(st, 2, doc_id);
    return step_done(s, st, "editions");
}

static int redo_doc_events(store_t *s, int64_t doc_id, int64_t **ids, size_t *n)
{
    return redo_ids(s, "SELECT DISTINCT event_id FROM event_mentions WHERE document_id = $1"
                       " ORDER BY event_id", doc_id, ids, n);
}

static const store_redo_io pg_redo_io = {
    .made = redo_made,
    .aside = redo_aside,
    .adopt = redo_adopt,
    .drop = redo_drop,
    .shown = redo_shown,
    .doc_events = redo_doc_events,
    .settle = redo_settle,
};

static int pg_redo_end(store_t *s, store_redo *r)
{
    return store_redo_finish(s, &pg_redo_io, r);
}

static int pg_event_prints(store_t *s, int64_t **ids, uint64_t **prints, size_t *n)
{
    store_prints p = {0};
    pq_stmt *st = prep(s,
        "SELECT id, type, company, acquirer, target, organization, ticker, product, what, country,"
        " amount_text, amount_value, currency, amount_usd, valuation_usd, price_usd, change_pct,"
        " close_price, capacity_mw, round, lead_investors, investors, confidence, first_seen"
        " FROM events ORDER BY id");
    int rc = -1;
    if (st) {
        while ((rc = pq_step(st)) == PQ_ROW)
            store_prints_event(&p, ROW(st), 23);
        pq_finalize(st);
        rc = rc == PQ_DONE ? 0 : fail(s, "events");
    }
    if (rc == 0 && (st = prep(s, "SELECT event_id, document_id, sentence_offset, sentence FROM event_mentions"
                                 " ORDER BY event_id, document_id, sentence_offset"))) {
        while ((rc = pq_step(st)) == PQ_ROW)
            store_prints_mention(&p, ROW(st), 3);
        pq_finalize(st);
        rc = rc == PQ_DONE ? 0 : fail(s, "mentions");
    }
    *ids = p.ids;
    *prints = p.prints;
    *n = p.n;
    return rc;
}

/* ---- reanalyze writes only what changed (issue 15): the prints of one
 * document's events, every column of their rows and of all their mentions */
static int pg_doc_event_prints(store_t *s, int64_t doc_id, int64_t **ids, uint64_t **prints, size_t *n)
{
    store_prints p = {0};
    pq_stmt *st = prep(s,
        "SELECT e.id, e.key, e.type, e.org_id, e.company, e.acquirer, e.target, e.organization,"
        " e.ticker, e.product, e.what, e.country, e.amount_text, e.amount_value, e.currency,"
        " e.amount_usd, e.valuation_usd, e.price_usd, e.change_pct, e.close_price, e.capacity_mw,"
        " e.round, e.lead_investors, e.investors, e.confidence, e.first_seen, e.created,"
        " e.name_first, e.name_last, e.descriptor, e.purpose, e.status, e.gpus"
        " FROM events e WHERE e.id IN (SELECT event_id FROM event_mentions WHERE document_id = $1)"
        " ORDER BY e.id");
    int rc = -1;
    if (st) {
        pq_bind_int(st, 1, doc_id);
        while ((rc = pq_step(st)) == PQ_ROW)
            store_prints_event(&p, ROW(st), 32);
        pq_finalize(st);
        rc = rc == PQ_DONE ? 0 : fail(s, "events");
    }
    if (rc == 0 && p.n && (st = prep(s,
            "SELECT m.event_id, m.document_id, m.sentence_offset, m.sentence, m.confidence,"
            " m.name, m.amount_text, m.amount_value, m.currency, m.amount_usd, m.round,"
            " m.valuation_usd, m.country"
            " FROM event_mentions m WHERE m.event_id IN"
            " (SELECT event_id FROM event_mentions WHERE document_id = $1)"
            " ORDER BY m.event_id, m.document_id, m.sentence_offset"))) {
        pq_bind_int(st, 1, doc_id);
        while ((rc = pq_step(st)) == PQ_ROW)
            store_prints_mention(&p, ROW(st), 12);
        pq_finalize(st);
        rc = rc == PQ_DONE ? 0 : fail(s, "mentions");
    } else if (rc == 0 && p.n) {
        rc = -1;
    }
    *ids = p.ids;
    *prints = p.prints;
    *n = p.n;
    return rc;
}

/* ---- tombstones of removed events pruned (issue 15): the newest keep
 * stay; event 0's seq says up to where they are gone (store.c) ---- */
static int pg_event_seq_prune(store_t *s, size_t keep)
{
    pq_stmt *st = prep(s,
        "SELECT q.seq FROM event_seq q WHERE q.event_id <> 0"
        " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = q.event_id)"
        " ORDER BY q.seq DESC LIMIT 1 OFFSET $1");
    if (!st)
        return -1;
    pq_bind_int(st, 1, (int64_t)keep);
    int rc = pq_step(st);
    int64_t floor = rc == PQ_ROW ? pq_col_int(st, 0) : 0;
    pq_finalize(st);
    if (rc != PQ_ROW && rc != PQ_DONE)
        return fail(s, "event_seq");
    if (!floor)
        return 0;
    return redo_exec(s, "DELETE FROM event_seq WHERE seq <= $1 AND event_id <> 0"
                   " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = event_seq.event_id)", floor, 0) < 0 ||
                   redo_exec(s, "DELETE FROM event_seq WHERE event_id = 0 AND seq < $1", floor, 0) < 0 ||
                   redo_exec(s, "INSERT INTO event_seq(event_id, seq) SELECT 0, CAST($1 AS BIGINT)"
                   " WHERE NOT EXISTS (SELECT 1 FROM event_seq WHERE event_id = 0)", floor, 0) < 0
               ? -1
               : 0;
}

/* ---- issue 12 (items 6 and 12): links already carried, alerts after their
 * delivery, rules that start from the events stored after them ---- */

static int64_t pg_doc_url_known(store_t *s, const char *url)
{
    if (!url || !*url)
        return 0;
    /* the document whose own canonical URL or URL it is first, then one
     * that was carried by it (store.h) */
    pq_stmt *st = prep(s,
        "SELECT coalesce((SELECT id FROM documents WHERE canonical_url = $1),"
        " (SELECT id FROM documents WHERE url = $1 ORDER BY id LIMIT 1),"
        " (SELECT document_id FROM document_urls WHERE url = $1 ORDER BY document_id LIMIT 1), 0)");
    if (!st)
        return -1;
    bind_text(st, 1, url);
    int rc = pq_step(st);
    int64_t r = rc == PQ_ROW ? pq_col_int(st, 0) : fail(s, "find url");
    pq_finalize(st);
    return r;
}

static int pg_alert_delivered(store_t *s, const char *tracker, const char *alert, int64_t event_id)
{
    pq_stmt *st = prep(s, "SELECT 1 FROM alert_deliveries WHERE tracker = $1 AND alert = $2"
                               " AND event_id = $3");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    pq_bind_int(st, 3, event_id);
    int rc = pq_step(st);
    int r = rc == PQ_ROW ? 1 : rc == PQ_DONE ? 0 : fail(s, "alert");
    pq_finalize(st);
    return r;
}

static int pg_alert_rule_since(store_t *s, const char *tracker, const char *alert, int backfill,
                           int64_t *since)
{
    *since = 0;
    char now[32];
    store_now_rfc3339(now);
    /* A rule seen for the first time starts after the newest stored event;
     * --backfill (now or later) takes it back to the first. */
    pq_stmt *st = prep(s,
        backfill ? "INSERT INTO alert_rules(tracker, alert, added, since_event) VALUES ($1, $2, $3, 0)"
                   " ON CONFLICT(tracker, alert) DO UPDATE SET since_event = 0"
                 : "INSERT INTO alert_rules(tracker, alert, added, since_event)"
                   " VALUES ($1, $2, $3, (SELECT coalesce(max(id), 0) FROM events)) ON CONFLICT DO NOTHING");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    bind_text(st, 3, now);
    if (step_done(s, st, "alert rule") < 0)
        return -1;
    st = prep(s, "SELECT since_event FROM alert_rules WHERE tracker = $1 AND alert = $2");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    bind_text(st, 2, alert);
    int rc = pq_step(st);
    if (rc == PQ_ROW)
        *since = pq_col_int(st, 0);
    int r = rc == PQ_ROW || rc == PQ_DONE ? 0 : fail(s, "alert rule");
    pq_finalize(st);
    return r;
}

/* ---- read transactions ---- */

/* One snapshot for everything read until pg_read_end: a REPEATABLE READ
 * transaction, its snapshot taken by a first statement now. */
static int pg_read_begin(store_t *s)
{
    if (s->read_depth++ > 0)
        return 0;
    s->read_own = 0;
    if (PQtransactionStatus(s->db) != PQTRANS_IDLE)
        return 0; /* inside a transaction already: it has its snapshot */
    if (exec(s, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT 1") < 0) {
        if (PQtransactionStatus(s->db) != PQTRANS_IDLE)
            PQclear(PQexec(s->db, "ROLLBACK"));
        s->read_depth = 0;
        return -1;
    }
    s->read_own = 1;
    return 0;
}

static int pg_read_end(store_t *s)
{
    if (s->read_depth <= 0 || --s->read_depth > 0)
        return 0;
    if (!s->read_own)
        return 0;
    s->read_own = 0;
    if (PQtransactionStatus(s->db) == PQTRANS_IDLE)
        return 0;
    /* a failed read left the transaction aborted: end it all the same */
    return exec(s, PQtransactionStatus(s->db) == PQTRANS_INERROR ? "ROLLBACK" : "COMMIT");
}

/* ---- sources by page, documents replaced by their updates, the changes
 * they made to events ---- */

static int pg_sources_page(store_t *s, int64_t offset, int64_t limit, int64_t *total, store_source_cb cb,
                           void *ctx)
{
    if (total) {
        store_counts c;
        if (pg_count(s, &c) < 0)
            return -1;
        *total = c.sources;
    }
    pq_stmt *st = prep(s,
        "WITH page AS (SELECT * FROM sources ORDER BY id LIMIT $1 OFFSET $2)"
        " SELECT " SOURCE_COLUMNS " FROM page s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT id FROM page) GROUP BY source_id) dc ON dc.source_id = s.id"
        " ORDER BY s.id");
    if (limit > 0)
        pq_bind_int(st, 1, limit);
    else
        bind_raw(st, 1, NULL, 0, OID_INT8, 0);
    pq_bind_int(st, 2, offset > 0 ? offset : 0);
    return sources_loop(s, st, cb, ctx);
}

/* ---- issue 14: the home page's freshness and failing sources ---- */

static int pg_home_health(store_t *s, char *newest, char *success, size_t len, int64_t limit,
                          store_source_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT (SELECT max(coalesce(published, fetched)) FROM documents),"
        " (SELECT max(last_success) FROM sources)");
    if (!st)
        return -1;
    if (pq_step(st) != PQ_ROW) {
        pq_finalize(st);
        return fail(s, "home health");
    }
    snprintf(newest, len, "%s", col_text(st, 0) ? col_text(st, 0) : "");
    snprintf(success, len, "%s", col_text(st, 1) ? col_text(st, 1) : "");
    pq_finalize(st);
    if (!cb)
        return 0;
    st = prep(s,
        "WITH f AS (SELECT * FROM sources WHERE last_error IS NOT NULL AND last_error <> ''"
        "   ORDER BY id LIMIT $1)"
        " SELECT " SOURCE_COLUMNS " FROM f s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT id FROM f) GROUP BY source_id) dc ON dc.source_id = s.id"
        " ORDER BY s.id");
    if (limit > 0)
        pq_bind_int(st, 1, limit);
    else
        bind_raw(st, 1, NULL, 0, OID_INT8, 0);
    return sources_loop(s, st, cb, ctx);
}

/* ---- issue 14: each tracker's sources' health (the home page) ---- */

static int pg_trackers_health(store_t *s, int64_t limit, store_tracker_health_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        /* the sources no tracker names (read by every tracker), then each tracker's own */
        "WITH u AS (SELECT count(*) AS n, coalesce(sum(CASE WHEN s.last_error IS NOT NULL AND s.last_error <> '' THEN 1 ELSE 0 END), 0) AS f,"
        "   max(s.last_success) AS ls FROM sources s WHERE s.id NOT IN (SELECT source_id FROM tracker_sources)),"
        " o AS (SELECT x.tracker_id AS tid, count(*) AS n, sum(CASE WHEN s.last_error IS NOT NULL AND s.last_error <> '' THEN 1 ELSE 0 END) AS f, max(s.last_success) AS ls"
        "   FROM tracker_sources x JOIN sources s ON s.id = x.source_id GROUP BY x.tracker_id)"
        " SELECT t.name, coalesce(o.n, 0) + u.n, coalesce(o.f, 0) + u.f, greatest(o.ls, u.ls)"
        " FROM trackers t CROSS JOIN u LEFT JOIN o ON o.tid = t.id ORDER BY t.name");
    if (!st)
        return -1;
    /* the summaries first, kept: the failing rows come from a second query */
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        tracker_health h = {.tracker = col_text(st, 0), .sources = pq_col_int(st, 1),
                            .failing = pq_col_int(st, 2), .last_success = col_text(st, 3)};
        if ((r = cb(&h, NULL, ctx)) != 0)
            break;
    }
    if (r == 0 && rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "trackers' sources");
    pq_finalize(st);
    if (r != 0)
        return r < 0 ? -1 : 0;
    /* the failing ones, at most limit a tracker, from the partial index sources_failing */
    st = prep(s,
        "WITH f AS (SELECT id FROM sources WHERE last_error IS NOT NULL AND last_error <> ''),"
        " ts(tracker, sid) AS ("
        "  SELECT t.name, x.source_id FROM tracker_sources x JOIN trackers t ON t.id = x.tracker_id"
        "   WHERE x.source_id IN (SELECT id FROM f)"
        "  UNION ALL SELECT t.name, f.id FROM trackers t CROSS JOIN f"
        "   WHERE f.id NOT IN (SELECT source_id FROM tracker_sources)),"
        " r AS (SELECT tracker, sid, row_number() OVER (PARTITION BY tracker ORDER BY sid) AS rn FROM ts)"
        /* a source's columns as store_source_row reads them (no documents
         * counted), then the tracker */
        " SELECT s.id, s.url, s.title, s.kind, s.added, s.last_success, s.last_error, s.last_error_at,"
        " s.next_try, s.etag, s.last_modified, s.interval_s, s.failures, 0, r.tracker"
        " FROM r JOIN sources s ON s.id = r.sid WHERE r.rn <= $1 ORDER BY r.tracker, s.id");
    if (!st)
        return -1;
    pq_bind_int(st, 1, limit > 0 ? limit : 1000000000);
    while ((rc = pq_step(st)) == PQ_ROW) {
        tracker_health h = {.tracker = col_text(st, 14)};
        source_rec rec;
        store_source_row(ROW(st), &rec);
        if ((r = cb(&h, &rec, ctx)) != 0)
            break;
    }
    if (r == 0 && rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "trackers' failing sources");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_doc_replace(store_t *s, int64_t id, const doc_rec *d)
{
    pq_stmt *st = prep(s,
        "UPDATE documents SET title = $2, text = $3, content_hash = $4,"
        " author = coalesce($5, author), canonical_url = coalesce($6, canonical_url),"
        " outlet = coalesce($7, outlet), published = coalesce($8, published),"
        " language = coalesce($9, language), origin = coalesce($10, origin), fetched = $11,"
        " minhash = $12, near_sketch = $13, near_keys = $14"
        " WHERE id = $1");
    pq_bind_int(st, 1, id);
    bind_text(st, 2, d->title);
    bind_text(st, 3, d->text ? d->text : "");
    bind_text(st, 4, d->content_hash);
    bind_text(st, 5, d->author);
    bind_text(st, 6, d->canonical_url);
    bind_text(st, 7, d->outlet);
    bind_text(st, 8, d->published);
    bind_text(st, 9, d->language);
    bind_text(st, 10, d->origin);
    char now[32];
    store_now_rfc3339(now);
    bind_text(st, 11, d->fetched ? d->fetched : now);
    const uint32_t *sig = d->near ? (d->near->has_sig ? d->near->sig : NULL) : d->minhash;
    bind_raw(st, 12, NULL, 0, OID_BYTEA, 1);
    bind_raw(st, 13, NULL, 0, OID_BYTEA, 1);
    bind_raw(st, 14, NULL, 0, OID_BYTEA, 1);
    if (sig)
        pq_bind_blob(st, 12, sig, DEDUP_MINHASH * sizeof *sig);
    if (d->near && d->near->p) {
        size_t len;
        void *blob = dedup_sketch_pack(d->near->p, &len);
        pq_bind_blob(st, 13, blob, len);
        free(blob);
        blob = dedup_keys_pack(d->near->p, &len);
        pq_bind_blob(st, 14, blob, len);
        free(blob);
    }
    if (step_done(s, st, "replace document") < 0)
        return -1;
    if (s->changes == 0) {
        snprintf(s->err, sizeof s->err, "replace document: no document %lld", (long long)id);
        return -1;
    }
    if (redo_exec(s, "DELETE FROM document_bands WHERE document_id = $1", id, 0) < 0 ||
        (sig && near_bands_put(s, id, sig) < 0))
        return -1;
    return exec(s, "UPDATE store_stats SET doc_updates = doc_updates + 1 WHERE id = 1");
}

static int pg_event_change_add(store_t *s, const store_event_change *c)
{
    pq_stmt *st = prep(s,
        "INSERT INTO event_changes(event_id, document_id, changed, field, was, now)"
        " VALUES ($1, $2, $3, $4, $5, $6)");
    pq_bind_int(st, 1, c->event_id);
    if (c->doc_id > 0)
        pq_bind_int(st, 2, c->doc_id);
    else
        bind_raw(st, 2, NULL, 0, OID_INT8, 0);
    char now[32];
    store_now_rfc3339(now);
    bind_text(st, 3, c->when ? c->when : now);
    bind_text(st, 4, c->field ? c->field : "");
    bind_text(st, 5, c->was);
    bind_text(st, 6, c->now);
    return step_done(s, st, "event change");
}

static int pg_event_changes_each(store_t *s, int64_t event_id, store_event_change_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "SELECT event_id, coalesce(document_id, 0), changed, field, was, now FROM event_changes"
        " WHERE event_id = $1 ORDER BY id");
    pq_bind_int(st, 1, event_id);
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        store_event_change c = {
            .event_id = pq_col_int(st, 0), .doc_id = pq_col_int(st, 1),
            .when = col_text(st, 2), .field = col_text(st, 3), .was = col_text(st, 4),
            .now = col_text(st, 5),
        };
        if ((r = cb(&c, ctx)) != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "event changes");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* ---- one source by id or URL ---- */

typedef struct found_ctx {
    store_source_cb cb;
    void *ctx;
    int *found;
} found_ctx;

static int found_one(const source_rec *r, void *vctx)
{
    found_ctx *f = vctx;
    *f->found = 1;
    return f->cb ? f->cb(r, f->ctx) : 0;
}

static int pg_source_get(store_t *s, int64_t id, const char *url, store_source_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, id > 0 ? "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS " WHERE s.id = $1"
                                 : "SELECT " SOURCE_COLUMNS " FROM sources s" SOURCE_DOCS " WHERE s.url = $1");
    if (id > 0)
        pq_bind_int(st, 1, id);
    else
        bind_text(st, 1, url);
    int found = 0;
    found_ctx fc = {cb, ctx, &found};
    if (sources_loop(s, st, found_one, &fc) < 0)
        return -1;
    return found;
}

/* ---- several update workers ---- */

/* The due sources not leased to another worker, leased now: rows another
 * worker's statement holds are skipped, not waited for. */
static int pg_sources_lease(store_t *s, const char *due, const char *now, const char *until, const char *tracker,
                            int64_t limit, store_source_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "WITH picked AS (SELECT id FROM sources"
        "   WHERE kind IN ('feed', 'page') AND (next_try IS NULL OR next_try <= $1)"
        "   AND (lease_until IS NULL OR lease_until <= $2)"
        "   AND ($4::text IS NULL OR id IN (SELECT ts.source_id FROM tracker_sources ts"
        "     JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = $4))"
        "   ORDER BY id LIMIT nullif($5::bigint, 0) FOR UPDATE SKIP LOCKED),"
        " leased AS (UPDATE sources SET lease_until = $3 WHERE id IN (SELECT id FROM picked) RETURNING id)"
        " SELECT " SOURCE_COLUMNS " FROM sources s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT id FROM leased) GROUP BY source_id) dc ON dc.source_id = s.id"
        " WHERE s.id IN (SELECT id FROM leased) ORDER BY s.id");
    bind_text(st, 1, due);
    bind_text(st, 2, now);
    bind_text(st, 3, until);
    bind_text(st, 4, tracker);
    pq_bind_int(st, 5, limit > 0 ? limit : 0);
    return sources_loop(s, st, cb, ctx);
}

/* trust: update --all, every source not fetched since the run began
 * (store_sources_lease_all) */
static int pg_sources_lease_all(store_t *s, int64_t since_ms, const char *now, const char *until,
                                const char *tracker, int64_t limit, store_source_cb cb, void *ctx)
{
    pq_stmt *st = prep(s,
        "WITH picked AS (SELECT id FROM sources"
        "   WHERE kind IN ('feed', 'page')"
        "   AND coalesce(done_ms, 0) < $1::bigint"
        "   AND (lease_until IS NULL OR lease_until <= $2)"
        "   AND ($4::text IS NULL OR id IN (SELECT ts.source_id FROM tracker_sources ts"
        "     JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = $4))"
        "   ORDER BY id LIMIT nullif($5::bigint, 0) FOR UPDATE SKIP LOCKED),"
        " leased AS (UPDATE sources SET lease_until = $3 WHERE id IN (SELECT id FROM picked) RETURNING id)"
        " SELECT " SOURCE_COLUMNS " FROM sources s"
        " LEFT JOIN (SELECT source_id, count(*) AS n FROM documents"
        "   WHERE source_id IN (SELECT id FROM leased) GROUP BY source_id) dc ON dc.source_id = s.id"
        " WHERE s.id IN (SELECT id FROM leased) ORDER BY s.id");
    pq_bind_int(st, 1, since_ms);
    bind_text(st, 2, now);
    bind_text(st, 3, until);
    bind_text(st, 4, tracker);
    pq_bind_int(st, 5, limit > 0 ? limit : 0);
    return sources_loop(s, st, cb, ctx);
}

static int pg_sources_release(store_t *s, const int64_t *ids, size_t n)
{
    buf_t list;
    buf_init(&list, 1 << 24);
    buf_putc(&list, '{');
    for (size_t i = 0; i < n; i++)
        buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
    buf_putc(&list, '}');
    pq_stmt *st = prep(s, "UPDATE sources SET lease_until = NULL WHERE id = ANY ($1::bigint[])");
    bind_text(st, 1, buf_str(&list));
    buf_free(&list);
    return step_done(s, st, "release sources");
}

/* issue 13: leases renewed and counted, each host's next request */
static int pg_sources_renew(store_t *s, const int64_t *ids, size_t n, const char *until)
{
    buf_t list;
    buf_init(&list, 1 << 24);
    buf_putc(&list, '{');
    for (size_t i = 0; i < n; i++)
        buf_printf(&list, "%s%lld", i ? "," : "", (long long)ids[i]);
    buf_putc(&list, '}');
    pq_stmt *st = prep(s, "UPDATE sources SET lease_until = $2 WHERE id = ANY ($1::bigint[])");
    bind_text(st, 1, buf_str(&list));
    buf_free(&list);
    bind_text(st, 2, until);
    return step_done(s, st, "renew leases");
}

static int pg_sources_leased(store_t *s, const char *due, const char *now, const char *tracker, int64_t *n)
{
    pq_stmt *st = prep(s,
        "SELECT count(*) FROM sources WHERE kind IN ('feed', 'page')"
        " AND (next_try IS NULL OR next_try <= $1) AND lease_until > $2"
        " AND ($3::text IS NULL OR id IN (SELECT ts.source_id FROM tracker_sources ts"
        "   JOIN trackers t ON t.id = ts.tracker_id WHERE t.name = $3))");
    bind_text(st, 1, due);
    bind_text(st, 2, now);
    bind_text(st, 3, tracker);
    int rc = pq_step(st);
    if (rc == PQ_ROW)
        *n = pq_col_int(st, 0);
    pq_finalize(st);
    return rc == PQ_ROW ? 0 : fail(s, "leased sources");
}

/* One statement: the slot taken when its time has come (the insert or the
 * update), else the milliseconds left of it (read from the row as it was
 * when the statement began; a slot taken meanwhile reads as 1 ms). */
static int64_t pg_host_claim(store_t *s, const char *origin, int64_t delay_ms)
{
    pq_stmt *st = prep(s,
        "WITH c AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now),"
        " up AS (INSERT INTO host_slots AS h (host, next_at) SELECT $1, c.now + $2::bigint FROM c"
        "   ON CONFLICT (host) DO UPDATE SET next_at = excluded.next_at"
        "   WHERE h.next_at <= excluded.next_at - $2::bigint RETURNING 0::bigint AS wait)"
        " SELECT wait FROM up UNION ALL"
        " SELECT greatest(h.next_at - c.now, 1) FROM host_slots h, c"
        "   WHERE h.host = $1 AND NOT EXISTS (SELECT 1 FROM up)");
    bind_text(st, 1, origin);
    pq_bind_int(st, 2, delay_ms);
    int rc = pq_step(st);
    int64_t wait = rc == PQ_ROW ? pq_col_int(st, 0) : 1;
    pq_finalize(st);
    if (rc != PQ_ROW && rc != PQ_DONE)
        return fail(s, "host slot");
    return wait;
}

/* ---- organisation pages, a document's events, the robots.txt cache ---- */

static int pg_org_get(store_t *s, const char *name, store_org_cb cb, void *ctx)
{
    if (!name || !*name)
        return 0;
    char *norm = store_org_norm(name);
    pq_stmt *st = prep(s,
        "SELECT o.id, o.name, o.country, o.ticker FROM organizations o WHERE o.id ="
        " coalesce((SELECT id FROM organizations WHERE norm = $1),"
        "  (SELECT org_id FROM org_aliases WHERE norm = $1),"
        "  (SELECT org_id FROM org_aliases WHERE norm = lower($2)))");
    bind_text(st, 1, norm);
    bind_text(st, 2, name);
    free(norm);
    int rc = pq_step(st);
    if (rc != PQ_ROW) {
        int r = rc == PQ_DONE ? 0 : fail(s, "organisation");
        pq_finalize(st);
        return r;
    }
    int64_t id = pq_col_int(st, 0);
    char *oname = dup_col(st, 1), *country = dup_col(st, 2), *ticker = dup_col(st, 3);
    pq_finalize(st);
    /* the spellings its mentions used */
    char **al = NULL;
    size_t nal = 0;
    int r = 0;
    st = prep(s, "SELECT DISTINCT m.name FROM event_mentions m JOIN events e ON e.id = m.event_id"
                 " WHERE e.org_id = $1 AND m.name IS NOT NULL AND m.name <> $2 ORDER BY 1 LIMIT 50");
    pq_bind_int(st, 1, id);
    bind_text(st, 2, oname);
    while ((rc = pq_step(st)) == PQ_ROW) {
        al = xrealloc(al, (nal + 1) * sizeof *al);
        al[nal++] = dup_col(st, 0);
    }
    if (rc != PQ_DONE)
        r = fail(s, "organisation aliases");
    pq_finalize(st);
    if (r == 0) {
        org_rec o = {id, oname, country, ticker, (const char *const *)al, nal};
        r = cb(&o, ctx);
    }
    for (size_t i = 0; i < nal; i++)
        free(al[i]);
    free(al);
    free(oname);
    free(country);
    free(ticker);
    return r;
}

static int pg_doc_mentions_each(store_t *s, int64_t doc_id, store_doc_mention_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT event_id, sentence FROM event_mentions WHERE document_id = $1"
                          " ORDER BY sentence_offset, event_id");
    pq_bind_int(st, 1, doc_id);
    int rc = PQ_DONE, r = 0;
    while (r == 0 && (rc = pq_step(st)) == PQ_ROW)
        r = cb(pq_col_int(st, 0), col_text(st, 1), ctx);
    if (r == 0 && rc != PQ_DONE)
        r = fail(s, "document events");
    pq_finalize(st);
    return r;
}

static int pg_robots_get(store_t *s, const char *origin, const char *now, int *status, char **body, size_t *len)
{
    *body = NULL;
    *len = 0;
    *status = 0;
    pq_stmt *st = prep(s, "SELECT status, body FROM robots_cache WHERE origin = $1 AND expires > $2");
    bind_text(st, 1, origin);
    bind_text(st, 2, now);
    int rc = pq_step(st), r = 0;
    if (rc == PQ_ROW) {
        *status = (int)pq_col_int(st, 0);
        size_t n;
        const unsigned char *b = pq_col_blob(st, 1, &n);
        *body = xmalloc(n + 1);
        if (n)
            memcpy(*body, b, n);
        (*body)[n] = '\0';
        *len = n;
        r = 1;
    } else if (rc != PQ_DONE) {
        r = fail(s, "robots cache");
    }
    pq_finalize(st);
    return r;
}

static int pg_robots_put(store_t *s, const char *origin, int status, const char *body, size_t len,
                         const char *fetched_at, const char *expires)
{
    pq_stmt *st = prep(s, "INSERT INTO robots_cache(origin, status, body, fetched_at, expires)"
                          " VALUES ($1, $2, $3, $4, $5) ON CONFLICT(origin) DO UPDATE SET"
                          " status = excluded.status, body = excluded.body,"
                          " fetched_at = excluded.fetched_at, expires = excluded.expires");
    bind_text(st, 1, origin);
    pq_bind_int(st, 2, status);
    pq_bind_blob(st, 3, body ? body : "", len);
    bind_text(st, 4, fetched_at);
    bind_text(st, 5, expires);
    return step_done(s, st, "robots cache");
}

/* ---- the report's theme assignments and their change log (issue 15) ---- */

/* Without them every report, ingest and update worked out every
 * document's and event's theme from every text of the store. The tables,
 * triggers and statements are store_sqlite.c's; what differs: the log's
 * place comes from a sequence, which gives a place in the order writers
 * commit because every writer holds LOCK_WRITE (pg_begin) while it logs,
 * so a run's snapshot never sees a place after one it cannot see yet. */

static const char *const theme_get_sql[] = {
    "SELECT document_id, input, value FROM doc_themes WHERE tracker = $1 ORDER BY document_id",
    "SELECT event_id, input, value FROM event_themes WHERE tracker = $1 ORDER BY event_id",
};

static int pg_themes_get(store_t *s, const char *tracker, int kind, store_theme_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (kind < 0 || kind > 1)
        return 0;
    pq_stmt *st = prep(s, theme_get_sql[kind]);
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    int rc = pq_step(st);
    if (rc == PQ_ROW || rc == PQ_DONE) {
        *rows = xmalloc(((size_t)st->rows + 1) * sizeof **rows);
        for (; rc == PQ_ROW; rc = pq_step(st))
            (*rows)[(*n)++] = (store_theme_row){pq_col_int(st, 0), (uint64_t)pq_col_int(st, 1),
                                                (int)pq_col_int(st, 2)};
    }
    pq_finalize(st);
    if (rc != PQ_DONE) {
        free(*rows);
        *rows = NULL;
        *n = 0;
        return fail(s, "themes");
    }
    return 0;
}

/* Rows a statement at a time (arrays of ids, inputs and values), not a
 * round trip each: a first report of a large store puts every document's. */
#define THEME_PUT_CHUNK 5000

static int pg_themes_put(store_t *s, const char *tracker, int kind, const store_theme_row *rows, size_t n)
{
    static const char *const sql[] = {
        "INSERT INTO doc_themes AS t (tracker, document_id, input, value)"
        " SELECT DISTINCT ON (u.id) $1, u.id, u.input, u.value"
        " FROM unnest($2::bigint[], $3::bigint[], $4::int[]) WITH ORDINALITY AS u(id, input, value, k)"
        " WHERE EXISTS (SELECT 1 FROM documents WHERE id = u.id) ORDER BY u.id, u.k DESC"
        " ON CONFLICT (tracker, document_id) DO UPDATE SET input = excluded.input, value = excluded.value",
        "INSERT INTO event_themes AS t (tracker, event_id, input, value)"
        " SELECT DISTINCT ON (u.id) $1, u.id, u.input, u.value"
        " FROM unnest($2::bigint[], $3::bigint[], $4::int[]) WITH ORDINALITY AS u(id, input, value, k)"
        " WHERE EXISTS (SELECT 1 FROM events WHERE id = u.id) ORDER BY u.id, u.k DESC"
        " ON CONFLICT (tracker, event_id) DO UPDATE SET input = excluded.input, value = excluded.value",
    };
    if (kind < 0 || kind > 1 || n == 0 || s->read_depth > 0)
        return 0;
    int own = PQtransactionStatus(s->db) == PQTRANS_IDLE;
    if (own && exec(s, "BEGIN") < 0)
        return -1;
    int r = 0;
    for (size_t i = 0; r == 0 && i < n; i += THEME_PUT_CHUNK) {
        size_t end = i + THEME_PUT_CHUNK < n ? i + THEME_PUT_CHUNK : n;
        buf_t ids, inputs, values;
        buf_init(&ids, 1 << 26);
        buf_init(&inputs, 1 << 26);
        buf_init(&values, 1 << 26);
        for (size_t k = i; k < end; k++) {
            buf_printf(&ids, "%c%lld", k == i ? '{' : ',', (long long)rows[k].id);
            buf_printf(&inputs, "%c%lld", k == i ? '{' : ',', (long long)(int64_t)rows[k].input);
            buf_printf(&values, "%c%d", k == i ? '{' : ',', rows[k].value);
        }
        buf_putc(&ids, '}');
        buf_putc(&inputs, '}');
        buf_putc(&values, '}');
        pq_stmt *st = prep(s, sql[kind]);
        if (!st) {
            r = -1;
        } else {
            bind_text(st, 1, tracker);
            bind_text(st, 2, buf_str(&ids));
            bind_text(st, 3, buf_str(&inputs));
            bind_text(st, 4, buf_str(&values));
            r = step_done(s, st, "themes");
        }
        buf_free(&ids);
        buf_free(&inputs);
        buf_free(&values);
    }
    if (own) {
        if (r == 0 && exec(s, "COMMIT") < 0)
            r = -1;
        if (r < 0 && PQtransactionStatus(s->db) != PQTRANS_IDLE)
            PQclear(PQexec(s->db, "ROLLBACK"));
    }
    return r;
}

static int pg_theme_row_get(store_t *s, const char *tracker, int kind, int64_t id, store_theme_row *row)
{
    static const char *const sql[] = {
        "SELECT input, value FROM doc_themes WHERE tracker = $1 AND document_id = $2",
        "SELECT input, value FROM event_themes WHERE tracker = $1 AND event_id = $2",
    };
    if (kind < 0 || kind > 1)
        return 0;
    pq_stmt *st = prep(s, sql[kind]);
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    pq_bind_int(st, 2, id);
    int rc = pq_step(st), found = rc == PQ_ROW;
    if (found)
        *row = (store_theme_row){id, (uint64_t)pq_col_int(st, 0), (int)pq_col_int(st, 1)};
    pq_finalize(st);
    return found ? 1 : rc == PQ_DONE ? 0 : fail(s, "themes");
}

static int pg_theme_log_last(store_t *s, int64_t *seq)
{
    *seq = 0;
    pq_stmt *st = prep(s, "SELECT coalesce(max(seq), 0) FROM theme_log");
    if (!st)
        return -1;
    int rc = pq_step(st);
    if (rc == PQ_ROW)
        *seq = pq_col_int(st, 0);
    pq_finalize(st);
    return rc == PQ_ROW ? 0 : fail(s, "theme log");
}

static int pg_theme_log_each(store_t *s, int64_t after, int64_t upto, store_theme_log_cb cb, void *ctx)
{
    pq_stmt *st = prep(s, "SELECT DISTINCT kind, id FROM theme_log WHERE seq > $1 AND seq <= $2"
                          " ORDER BY kind, id");
    if (!st)
        return -1;
    pq_bind_int(st, 1, after);
    pq_bind_int(st, 2, upto);
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb((int)pq_col_int(st, 0), pq_col_int(st, 1), ctx)) != 0)
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "theme log");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_theme_mark_get(store_t *s, const char *tracker, uint64_t *rules, int64_t *seq)
{
    *rules = 0;
    *seq = 0;
    pq_stmt *st = prep(s, "SELECT rules, seq FROM theme_marks WHERE tracker = $1");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    int rc = pq_step(st), found = rc == PQ_ROW;
    if (found) {
        *rules = (uint64_t)pq_col_int(st, 0);
        *seq = pq_col_int(st, 1);
    }
    pq_finalize(st);
    return found ? 1 : rc == PQ_DONE ? 0 : fail(s, "theme marks");
}

static int pg_theme_mark_put(store_t *s, const char *tracker, uint64_t rules, int64_t seq)
{
    if (s->read_depth > 0)
        return 0;
    pq_stmt *st = prep(s, "INSERT INTO theme_marks(tracker, rules, seq) VALUES ($1, $2, $3)"
                          " ON CONFLICT (tracker) DO UPDATE SET rules = excluded.rules, seq = excluded.seq");
    if (!st)
        return -1;
    bind_text(st, 1, tracker);
    pq_bind_int(st, 2, (int64_t)rules);
    pq_bind_int(st, 3, seq);
    return step_done(s, st, "theme marks");
}

static int pg_theme_log_prune(store_t *s)
{
    if (s->read_depth > 0)
        return 0;
    /* one statement each, in one transaction: what no tracker's next run
     * needs (before the oldest mark; a tracker without one works out all
     * it has, log or not) */
    int own = PQtransactionStatus(s->db) == PQTRANS_IDLE;
    int r = exec(s, own ? "BEGIN; DELETE FROM theme_marks WHERE tracker NOT IN (SELECT name FROM trackers);"
                          "DELETE FROM theme_log WHERE seq <= coalesce((SELECT min(seq) FROM theme_marks),"
                          "  (SELECT max(seq) FROM theme_log)); COMMIT"
                        : "DELETE FROM theme_marks WHERE tracker NOT IN (SELECT name FROM trackers);"
                          "DELETE FROM theme_log WHERE seq <= coalesce((SELECT min(seq) FROM theme_marks),"
                          "  (SELECT max(seq) FROM theme_log))");
    if (r < 0 && own && PQtransactionStatus(s->db) != PQTRANS_IDLE)
        PQclear(PQexec(s->db, "ROLLBACK"));
    return r;
}

/* ---- a whole store copied (store_copy in store.c) ---- */

/* The tables of the record, children first (emptied in this order), and
 * those with an identity column. */
static const char *const copy_clear_order[] = {
    "theme_marks", "theme_log", "doc_themes", "event_themes", "alert_rules", "alert_deliveries", "editions", "event_changes", "event_mentions", "events",
    "org_aliases", "organizations", "near_template", "document_bands", "document_urls", "documents",
    "tracker_sources", "themes", "trackers", "sources",
};
static const char *const copy_identity[][2] = {
    {"sources", "id"}, {"trackers", "id"}, {"themes", "id"}, {"documents", "id"}, {"organizations", "id"},
    {"events", "id"}, {"event_mentions", "seq"}, {"event_changes", "id"}, {"editions", "id"},
};

static int pg_table_exists(store_t *s, const char *table)
{
    pq_stmt *st = prep(s, "SELECT to_regclass($1) IS NOT NULL");
    bind_text(st, 1, table);
    int rc = pq_step(st);
    int r = rc == PQ_ROW ? strcmp(col_text(st, 0) ? col_text(st, 0) : "", "t") == 0 : fail(s, table);
    pq_finalize(st);
    return r;
}

static int pg_copy_rows(store_t *s, const char *table, const char *const *cols, size_t n, store_row_cb cb,
                        void *ctx)
{
    int there = pg_table_exists(s, table);
    if (there <= 0)
        return there;
    buf_t sql;
    buf_init(&sql, 1 << 16);
    buf_puts(&sql, "SELECT ");
    for (size_t i = 0; i < n; i++)
        buf_printf(&sql, "%s%s", i ? ", " : "", cols[i]);
    /* the order rows were made in: by id (event_mentions: seq), else by
     * every column */
    buf_printf(&sql, " FROM %s ORDER BY ", table);
    if (strcmp(table, "event_mentions") == 0)
        buf_puts(&sql, "seq");
    else if (strcmp(cols[0], "id") == 0)
        buf_puts(&sql, "id");
    else
        for (size_t i = 0; i < n; i++)
            buf_printf(&sql, "%s%zu", i ? ", " : "", i + 1);
    pq_stmt *st = prep(s, buf_str(&sql));
    int rc = pq_step(st);
    buf_free(&sql);
    store_value *v = xcalloc(n, sizeof *v);
    unsigned char **blobs = xcalloc(n, sizeof *blobs);
    int r = 0;
    for (; rc == PQ_ROW; rc = pq_step(st)) {
        for (size_t i = 0; i < n; i++) {
            int c = (int)i;
            const char *t = col_text(st, c);
            if (!t) {
                v[i] = (store_value){.kind = STORE_NULL};
            } else if (PQftype(st->res, c) == OID_BYTEA) {
                size_t len = 0;
                blobs[i] = PQunescapeBytea((const unsigned char *)t, &len);
                v[i] = (store_value){.kind = STORE_BLOB, .blob = blobs[i], .len = len};
            } else {
                v[i] = (store_value){.kind = STORE_TEXT, .text = t};
            }
        }
        r = cb(v, n, ctx);
        for (size_t i = 0; i < n; i++) {
            if (blobs[i])
                PQfreemem(blobs[i]);
            blobs[i] = NULL;
        }
        if (r != 0)
            break;
    }
    if (r == 0 && rc != PQ_DONE)
        r = fail(s, table);
    pq_finalize(st);
    free(v);
    free(blobs);
    return r < 0 ? -1 : 0;
}

/* store copy's rows go a few thousand a statement, as a JSON array the
 * server reads into the table's row type (json_populate_recordset: each
 * value read by its column's type, bytea as \x hex), not a round trip
 * each: a row at a time, 100,000 documents with their bands, URLs and
 * events were over a million round trips. */
#define COPY_BATCH_ROWS 2000
#define COPY_BATCH_BYTES ((size_t)8 << 20)

static int copy_flush(store_t *s)
{
    if (s->copy_n == 0)
        return 0;
    s->copy_n = 0;
    if (buf_putc(&s->copy_rows, ']') < 0 || s->copy_rows.full) {
        buf_reset(&s->copy_rows);
        snprintf(s->err, sizeof s->err, "copy: rows too large");
        return -1;
    }
    pq_stmt *st = prep(s, s->copy_sql);
    if (!st) {
        buf_reset(&s->copy_rows);
        return -1;
    }
    bind_text(st, 1, buf_str(&s->copy_rows));
    int r = step_done(s, st, "copy");
    buf_reset(&s->copy_rows);
    return r;
}

static int pg_copy_insert(store_t *s, const char *table, const char *const *cols, size_t n, const store_value *v)
{
    char sql[sizeof s->copy_sql];
    size_t k = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s(", table);
    for (size_t i = 0; i < n && k < sizeof sql; i++)
        k += (size_t)snprintf(sql + k, sizeof sql - k, "%s%s", i ? ", " : "", cols[i]);
    if (k < sizeof sql)
        k += (size_t)snprintf(sql + k, sizeof sql - k, ") SELECT ");
    for (size_t i = 0; i < n && k < sizeof sql; i++)
        k += (size_t)snprintf(sql + k, sizeof sql - k, "%s%s", i ? ", " : "", cols[i]);
    if (k < sizeof sql)
        k += (size_t)snprintf(sql + k, sizeof sql - k, " FROM json_populate_recordset(NULL::%s, $1::json)",
                              table);
    if (k >= sizeof sql) {
        snprintf(s->err, sizeof s->err, "%s: statement too long", table);
        return -1;
    }
    if (!s->copy_quiet) {
        /* the copy's own transaction (rolled back with it): no per-row
         * triggers (store_stats counted once by pg_copy_done; every row
         * one UPDATE of that one row made a copy quadratic), no theme log
         * (the copy brings no marks: the first run works out all) */
        if (exec(s, "ALTER TABLE sources DISABLE TRIGGER USER; ALTER TABLE documents DISABLE TRIGGER USER;"
                    " ALTER TABLE events DISABLE TRIGGER USER; ALTER TABLE event_mentions DISABLE TRIGGER USER;"
                    " ALTER TABLE organizations DISABLE TRIGGER USER") < 0)
            return -1;
        s->copy_quiet = 1;
    }
    if (s->copy_n && strcmp(sql, s->copy_sql) != 0 && copy_flush(s) < 0)
        return -1;
    if (!s->copy_n)
        memcpy(s->copy_sql, sql, k + 1);
    buf_t *b = &s->copy_rows;
    buf_putc(b, s->copy_n ? ',' : '[');
    buf_putc(b, '{');
    for (size_t i = 0; i < n; i++) {
        buf_printf(b, "%s\"%s\":", i ? "," : "", cols[i]);
        if (v[i].kind == STORE_TEXT) {
            buf_putc(b, '"');
            json_escape(b, v[i].text, strlen(v[i].text));
            buf_putc(b, '"');
        } else if (v[i].kind == STORE_BLOB) {
            static const char hex[] = "0123456789abcdef";
            const unsigned char *p = v[i].blob;
            buf_puts(b, "\"\\\\x");
            for (size_t j = 0; j < v[i].len; j++) {
                buf_putc(b, hex[p[j] >> 4]);
                buf_putc(b, hex[p[j] & 15]);
            }
            buf_putc(b, '"');
        } else {
            buf_puts(b, "null");
        }
    }
    buf_putc(b, '}');
    s->copy_n++;
    if (s->copy_n >= COPY_BATCH_ROWS || b->len >= COPY_BATCH_BYTES)
        return copy_flush(s);
    return 0;
}

static int pg_copy_clear(store_t *s)
{
    for (size_t i = 0; i < sizeof copy_clear_order / sizeof *copy_clear_order; i++) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM %s", copy_clear_order[i]);
        if (exec(s, sql) < 0)
            return -1;
    }
    return 0;
}

/* The identity columns go on after the ids copied; the counts recounted. */
static int pg_copy_done(store_t *s, int64_t doc_updates)
{
    if (copy_flush(s) < 0)
        return -1;
    if (s->copy_quiet) {
        s->copy_quiet = 0;
        if (exec(s, "ALTER TABLE sources ENABLE TRIGGER USER; ALTER TABLE documents ENABLE TRIGGER USER;"
                    " ALTER TABLE events ENABLE TRIGGER USER; ALTER TABLE event_mentions ENABLE TRIGGER USER;"
                    " ALTER TABLE organizations ENABLE TRIGGER USER") < 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof copy_identity / sizeof *copy_identity; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s",
                 copy_identity[i][0], copy_identity[i][1], copy_identity[i][1], copy_identity[i][0]);
        if (exec(s, sql) < 0)
            return -1;
    }
    pq_stmt *st = prep(s,
        "UPDATE store_stats SET sources = (SELECT count(*) FROM sources),"
        " documents = (SELECT count(*) FROM documents), events = (SELECT count(*) FROM events),"
        " mentions = (SELECT count(*) FROM event_mentions),"
        " organizations = (SELECT count(*) FROM organizations), doc_updates = $1 WHERE id = 1");
    pq_bind_int(st, 1, doc_updates);
    if (step_done(s, st, "store counts") < 0)
        return -1;
    /* the events' places, which their triggers (off for the copy) did not
     * write: a server's event index at an older generation reads them all */
    return exec(s, "UPDATE store_stats SET gen = gen + 1 WHERE id = 1;"
                   " INSERT INTO event_seq SELECT id, (SELECT gen FROM store_stats WHERE id = 1) FROM events"
                   " ON CONFLICT (event_id) DO UPDATE SET seq = excluded.seq");
}

static int64_t pg_copy_count(store_t *s, const char *table)
{
    int there = pg_table_exists(s, table);
    if (there <= 0)
        return there;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    pq_stmt *st = prep(s, sql);
    int64_t n = pq_step(st) == PQ_ROW ? pq_col_int(st, 0) : fail(s, table);
    pq_finalize(st);
    return n;
}

/* ---- stopping long statements (issue 15; pq_wait) ---- */

static void pg_set_stop(store_t *s, store_stop_fn stop, void *arg)
{
    s->stop = stop;
    s->stop_arg = arg;
}

/* ---- an answer's events read together (store.h: store_mentions_of ...) ---- */

/* a statement whose $1 is ids, as an int8[] (= ANY($1::int8[])) */
static pq_stmt *prep_ids(store_t *s, const char *sql, const int64_t *ids, size_t n)
{
    pq_stmt *st = prep(s, sql);
    if (!st)
        return NULL;
    char *a = id_array(ids, n);
    bind_text(st, 1, a);
    free(a);
    return st;
}

static int pg_mentions_of(store_t *s, const int64_t *ids, size_t n, store_mentions_of_cb cb, void *ctx)
{
    pq_stmt *st = prep_ids(s,
        "SELECT m.event_id, m.document_id, m.sentence, m.confidence FROM event_mentions m"
        " JOIN documents d ON d.id = m.document_id WHERE m.event_id = ANY($1::int8[])"
        " ORDER BY m.event_id, coalesce(d.published, d.fetched), d.id", ids, n);
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW)
        if ((r = cb(pq_col_int(st, 0), pq_col_int(st, 1), col_text(st, 2), pq_col_double(st, 3), ctx)))
            break;
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "mentions");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

static int pg_docs_text_of(store_t *s, const int64_t *ids, size_t n, store_doc_cb cb, void *ctx)
{
    pq_stmt *st = prep_ids(s,
        "SELECT d.id, 0, NULL, NULL, d.title, NULL, d.outlet, NULL, NULL, NULL, d.text, NULL, NULL"
        " FROM documents d WHERE d.id = ANY($1::int8[])", ids, n);
    if (!st)
        return -1;
    return docs_loop(s, st, cb, ctx);
}

static int pg_event_changes_of(store_t *s, const int64_t *ids, size_t n, store_event_change_cb cb, void *ctx)
{
    pq_stmt *st = prep_ids(s,
        "SELECT event_id, coalesce(document_id, 0), changed, field, was, now FROM event_changes"
        " WHERE event_id = ANY($1::int8[]) ORDER BY event_id, id", ids, n);
    if (!st)
        return -1;
    int rc, r = 0;
    while ((rc = pq_step(st)) == PQ_ROW) {
        store_event_change c = {
            .event_id = pq_col_int(st, 0), .doc_id = pq_col_int(st, 1),
            .when = col_text(st, 2), .field = col_text(st, 3), .was = col_text(st, 4),
            .now = col_text(st, 5),
        };
        if ((r = cb(&c, ctx)) != 0)
            break;
    }
    if (rc != PQ_ROW && rc != PQ_DONE)
        r = fail(s, "event changes");
    pq_finalize(st);
    return r < 0 ? -1 : 0;
}

/* ---- the back end (store_backend.h) ---- */
/* ---- trust: per-host connection slots across update runs ---- */

static int64_t pg_host_take(store_t *s, const char *origin, int max, int64_t hold_ms)
{
    pq_stmt *st = prep(s, "SELECT mtrack_host_take($1, $2::int, $3::bigint)");
    bind_text(st, 1, origin);
    pq_bind_int(st, 2, max);
    pq_bind_int(st, 3, hold_ms);
    int rc = pq_step(st);
    int64_t id = rc == PQ_ROW ? pq_col_int(st, 0) : 0;
    pq_finalize(st);
    if (rc != PQ_ROW)
        return fail(s, "host connection");
    return id;
}

static int pg_host_give(store_t *s, int64_t slot)
{
    pq_stmt *st = prep(s, "DELETE FROM host_conns WHERE id = $1");
    pq_bind_int(st, 1, slot);
    return step_done(s, st, "host connection");
}

/* ---- trust: a copy's earlier date ---- */

static int pg_doc_seen_earlier(store_t *s, int64_t doc_id, const char *published)
{
    pq_stmt *st = prep(s, "UPDATE documents SET published = $2"
                          " WHERE id = $1 AND (published IS NULL OR $2 < published)");
    if (!st)
        return -1;
    pq_bind_int(st, 1, doc_id);
    bind_text(st, 2, published);
    if (step_done(s, st, "document date") < 0)
        return -1;
    if (s->changes == 0)
        return 0;
    st = prep(s, "UPDATE events SET first_seen = $2"
                 " WHERE id IN (SELECT event_id FROM event_mentions WHERE document_id = $1)"
                 " AND (first_seen IS NULL OR $2 < first_seen)");
    if (!st)
        return -1;
    pq_bind_int(st, 1, doc_id);
    bind_text(st, 2, published);
    return step_done(s, st, "event date") < 0 ? -1 : 1;
}

const struct store_ops store_pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .error = pg_error,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .source_put = pg_source_put,
    .source_remove = pg_source_remove,
    .sources_each = pg_sources_each,
    .sources_due = pg_sources_due,
    .source_update = pg_source_update,
    .doc_find = pg_doc_find,
    .doc_find_near = pg_doc_find_near,
    .doc_insert = pg_doc_insert,
    .doc_add_url = pg_doc_add_url,
    .doc_get = pg_doc_get,
    .docs_each = pg_docs_each,
    .event_record = pg_event_record,
    .events_each = pg_events_each,
    .events_by_ids = pg_events_by_ids,
    .event_keys = pg_event_keys,
    .data_version = pg_data_version,
    .generation = pg_generation,
    .events_changed = pg_events_changed,
    .event_keys_by_ids = pg_event_keys_by_ids,
    .mentions_each = pg_mentions_each,
    .search = pg_search,
    .tracker_put = pg_tracker_put,
    .tracker_config = pg_tracker_config,
    .trackers_each = pg_trackers_each,
    .tracker_last_edition = pg_tracker_last_edition,
    .tracker_set_last_edition = pg_tracker_set_last_edition,
    .edition_last = pg_edition_last,
    .edition_add = pg_edition_add,
    .alert_claim = pg_alert_claim,
    .alert_unclaim = pg_alert_unclaim,
    .count = pg_count,
    .doc_ids = pg_doc_ids,
    .redo_begin = pg_redo_begin,
    .redo_end = pg_redo_end,
    .event_prints = pg_event_prints,
    .doc_url_known = pg_doc_url_known,
    .alert_delivered = pg_alert_delivered,
    .alert_rule_since = pg_alert_rule_since,
    .read_begin = pg_read_begin,
    .read_end = pg_read_end,
    .sources_page = pg_sources_page,
    .doc_replace = pg_doc_replace,
    .event_change_add = pg_event_change_add,
    .event_changes_each = pg_event_changes_each,
    .source_get = pg_source_get,
    .org_get = pg_org_get,
    .doc_mentions_each = pg_doc_mentions_each,
    .robots_get = pg_robots_get,
    .robots_put = pg_robots_put,
    .sources_lease = pg_sources_lease,
    .sources_release = pg_sources_release,
    .sources_renew = pg_sources_renew,
    .sources_leased = pg_sources_leased,
    .host_claim = pg_host_claim,
    .home_health = pg_home_health,
    .trackers_health = pg_trackers_health,
    .search_count = pg_search_count,
    .copy_rows = pg_copy_rows,
    .copy_insert = pg_copy_insert,
    .copy_clear = pg_copy_clear,
    .copy_done = pg_copy_done,
    .copy_count = pg_copy_count,
    .docs_meta_each = pg_docs_meta_each,
    .event_docs_each = pg_event_docs_each,
    .themes_get = pg_themes_get,
    .themes_put = pg_themes_put,
    .theme_row_get = pg_theme_row_get,
    .theme_log_last = pg_theme_log_last,
    .theme_log_each = pg_theme_log_each,
    .theme_mark_get = pg_theme_mark_get,
    .theme_mark_put = pg_theme_mark_put,
    .theme_log_prune = pg_theme_log_prune,
    .set_stop = pg_set_stop,
    .doc_seen_earlier = pg_doc_seen_earlier,
    .sources_lease_all = pg_sources_lease_all,
    .host_take = pg_host_take,
    .host_give = pg_host_give,
    .mentions_of = pg_mentions_of,
    .docs_text_of = pg_docs_text_of,
    .event_changes_of = pg_event_changes_of,
    .events_bare_each = pg_events_bare_each,
    .mentions_all = pg_mentions_all,
    .docs_dates_each = pg_docs_dates_each,
    .docs_listed = pg_docs_listed,
    .doc_event_prints = pg_doc_event_prints,
    .event_seq_prune = pg_event_seq_prune,
};
