/* store_backends: runs a store test on each back end.
 *
 * RUN_STORES(fn) runs fn once on SQLite (as "fn") and once on PostgreSQL
 * (as "fn_pg") when a server is there: $MTRACK_TEST_PG, which tests/run.sh
 * (through tests/pg.sh) sets to a throw-away server. Inside fn,
 * store_fresh(name) opens a new, empty store of the back end in turn: a
 * SQLite file in the test's folder, or a new database on the server. When
 * no server is given, the PostgreSQL runs are skipped with one line
 * (none when tests/run.sh already said why: $MTRACK_TEST_PG_SKIP). */
#ifndef MTRACK_STORE_BACKENDS_H
#define MTRACK_STORE_BACKENDS_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store/pq_lazy.h"
#include "store/store.h"

static int store_on_pg;
static void pg_quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}       /* the back end of this run: 0 SQLite, 1 PostgreSQL */
static char store_fresh_path[512];

/* The URL of a new, empty database called name on the test server; NULL
 * (with the reason printed) when it cannot be made. */
static const char *pg_fresh_db(const char *name)
{
    const char *base = getenv("MTRACK_TEST_PG");
    char why[256];
    if (!base || !*base || pq_load(why, sizeof why) < 0)
        return NULL;
    PGconn *c = PQconnectdb(base);
    if (PQstatus(c) != CONNECTION_OK) {
        printf("# cannot connect to %s: %s", base, PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    PQsetNoticeProcessor(c, pg_quiet, NULL);
    char db[128], sql[300];
    snprintf(db, sizeof db, "u_%s_%d", name, (int)getpid());
    for (char *p = db; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            *p = '_';
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", db);
    PQclear(PQexec(c, sql));
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        printf("# %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    if (!ok)
        return NULL;
    /* the server's URL with this database in place of its own */
    const char *slash = strrchr(base, '/');
    size_t keep = slash && slash > strstr(base, "://") + 2 ? (size_t)(slash - base) : strlen(base);
    snprintf(store_fresh_path, sizeof store_fresh_path, "%.*s/%s", (int)keep, base, db);
    return store_fresh_path;
}

/* A new, empty store of the back end in turn; NULL (and why) on failure. */
static store_t *store_fresh(const char *name)
{
    char why[512];
    const char *path = name;
    if (store_on_pg) {
        if (!(path = pg_fresh_db(name)))
            return NULL;
    } else {
        char f[300];
        unlink(name);
        snprintf(f, sizeof f, "%s-wal", name);
        unlink(f);
        snprintf(f, sizeof f, "%s-shm", name);
        unlink(f);
        snprintf(store_fresh_path, sizeof store_fresh_path, "%s", name);
    }
    store_t *s = store_open(path, why, sizeof why);
    if (!s)
        printf("# store_open %s: %s\n", path, why);
    return s;
}

static int pg_test_server(void)
{
    const char *base = getenv("MTRACK_TEST_PG");
    return base && *base;
}

#define RUN_NAMED(fn, name)                       \
    do {                                          \
        check_name = name;                        \
        check_failed_now = 0;                     \
        fn();                                     \
        if (!check_failed_now)                    \
            printf("PASS %s\n", name);            \
        else                                      \
            check_failed_total++;                 \
        fflush(stdout);                           \
    } while (0)

static int pg_skip_said;
#define RUN_STORES(fn)                                                                          \
    do {                                                                                        \
        store_on_pg = 0;                                                                        \
        RUN_NAMED(fn, #fn);                                                                     \
        if (pg_test_server()) {                                                                 \
            store_on_pg = 1;                                                                    \
            RUN_NAMED(fn, #fn "_pg");                                                           \
            store_on_pg = 0;                                                                    \
        } else if (!pg_skip_said++ && !getenv("MTRACK_TEST_PG_SKIP")) {                         \
            printf("SKIP %s_pg: no PostgreSQL server ($MTRACK_TEST_PG unset; tests/run.sh "     \
                   "starts one with tests/pg.sh)\n", #fn);                                      \
        }                                                                                       \
    } while (0)

#endif
