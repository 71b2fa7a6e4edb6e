/* pq_lazy: the libpq functions mtrack calls, each calling through to the
 * library loaded by pq_load (see pq_lazy.h). The header is libpq-dev's, so
 * the types are the library's own. Before a successful pq_load they fail
 * the way libpq reports failure (NULL results, CONNECTION_BAD). */
#include "store/pq_lazy.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef PQ_SONAME
#define PQ_SONAME "libpq.so.5"
#endif

#define PQ_FUNCS(X)                                                                                \
    X(PQconnectdbParams) X(PQstatus) X(PQerrorMessage) X(PQfinish) X(PQexec) X(PQexecParams)     \
    X(PQresultStatus) X(PQresultErrorMessage) X(PQclear) X(PQntuples) X(PQnfields) X(PQgetvalue) \
    X(PQgetisnull) X(PQgetlength) X(PQcmdTuples) X(PQcmdStatus) X(PQunescapeBytea) X(PQfreemem)  \
    X(PQsetNoticeProcessor) X(PQtransactionStatus) X(PQconnectdb) X(PQftype) X(PQprepare) X(PQexecPrepared) \
    X(PQsendQueryParams) X(PQsendQueryPrepared) X(PQsendPrepare) X(PQconsumeInput) X(PQisBusy) X(PQgetResult) X(PQsocket)     \
    X(PQgetCancel) X(PQcancel) X(PQfreeCancel)

#define SLOT(f) __typeof__(f) *f;
static struct {
    PQ_FUNCS(SLOT)
} P;
#define NAME(f) #f,
static const char *const PQ_NAMES[] = {PQ_FUNCS(NAME)};

/* pipeline mode (libpq 14 and later): optional, looked up apart, so that
 * an older library still opens stores (pq_has_pipeline says 0) */
#ifdef LIBPQ_HAS_PIPELINING
#define PQ_PIPE_FUNCS(X) X(PQenterPipelineMode) X(PQexitPipelineMode) X(PQpipelineSync)
static struct {
    PQ_PIPE_FUNCS(SLOT)
} PP;
static const char *const PQ_PIPE_NAMES[] = {PQ_PIPE_FUNCS(NAME)};
#endif
static int pq_pipe_ok;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static int pq_ok;
static char pq_why[256];

static void pq_open(void)
{
    void *lib = dlopen(PQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(pq_why, sizeof pq_why, "cannot load %s: %s", PQ_SONAME, dlerror());
        return;
    }
    for (size_t i = 0; i < sizeof PQ_NAMES / sizeof *PQ_NAMES; i++) {
        void *f = dlsym(lib, PQ_NAMES[i]);
        if (!f) {
            snprintf(pq_why, sizeof pq_why, "%s: no symbol %s", PQ_SONAME, PQ_NAMES[i]);
            dlclose(lib);
            return;
        }
        memcpy((char *)&P + i * sizeof f, &f, sizeof f);
    }
    pq_ok = 1;
#ifdef LIBPQ_HAS_PIPELINING
    void *pf[sizeof PQ_PIPE_NAMES / sizeof *PQ_PIPE_NAMES];
    for (size_t i = 0; i < sizeof PQ_PIPE_NAMES / sizeof *PQ_PIPE_NAMES; i++)
        if (!(pf[i] = dlsym(lib, PQ_PIPE_NAMES[i])))
            return;
    memcpy(&PP, pf, sizeof PP);
    pq_pipe_ok = 1;
#endif
}

int pq_load(char *why, size_t whylen)
{
    pthread_once(&pq_once, pq_open);
    if (!pq_ok && why)
        snprintf(why, whylen, "%s", pq_why);
    return pq_ok ? 0 : -1;
}

static int have(void)
{
    return pq_load(NULL, 0) == 0;
}

int pq_has_pipeline(void)
{
    return have() && pq_pipe_ok;
}

#ifdef LIBPQ_HAS_PIPELINING
int PQenterPipelineMode(PGconn *conn)
{
    return pq_has_pipeline() ? PP.PQenterPipelineMode(conn) : 0;
}

int PQexitPipelineMode(PGconn *conn)
{
    return pq_has_pipeline() ? PP.PQexitPipelineMode(conn) : 0;
}

int PQpipelineSync(PGconn *conn)
{
    return pq_has_pipeline() ? PP.PQpipelineSync(conn) : 0;
}
#endif

PGconn *PQconnectdbParams(const char *const *keywords, const char *const *values, int expand_dbname)
{
    return have() ? P.PQconnectdbParams(keywords, values, expand_dbname) : NULL;
}

PGconn *PQconnectdb(const char *conninfo)
{
    return have() ? P.PQconnectdb(conninfo) : NULL;
}

ConnStatusType PQstatus(const PGconn *conn)
{
    return have() && conn ? P.PQstatus(conn) : CONNECTION_BAD;
}

char *PQerrorMessage(const PGconn *conn)
{
    return have() && conn ? P.PQerrorMessage(conn) : (char *)"libpq could not be loaded";
}

void PQfinish(PGconn *conn)
{
    if (have() && conn)
        P.PQfinish(conn);
}

PGresult *PQexec(PGconn *conn, const char *query)
{
    return have() ? P.PQexec(conn, query) : NULL;
}

PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat)
{
    return have() ? P.PQexecParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,
                                   resultFormat)
                  : NULL;
}

ExecStatusType PQresultStatus(const PGresult *res)
{
    return have() ? P.PQresultStatus(res) : PGRES_FATAL_ERROR;
}

char *PQresultErrorMessage(const PGresult *res)
{
    return have() ? P.PQresultErrorMessage(res) : (char *)"libpq could not be loaded";
}

void PQclear(PGresult *res)
{
    if (have() && res)
        P.PQclear(res);
}

int PQntuples(const PGresult *res)
{
    return have() ? P.PQntuples(res) : 0;
}

int PQnfields(const PGresult *res)
{
    return have() ? P.PQnfields(res) : 0;
}

char *PQgetvalue(const PGresult *res, int tup_num, int field_num)
{
    return have() ? P.PQgetvalue(res, tup_num, field_num) : NULL;
}

int PQgetisnull(const PGresult *res, int tup_num, int field_num)
{
    return have() ? P.PQgetisnull(res, tup_num, field_num) : 1;
}

int PQgetlength(const PGresult *res, int tup_num, int field_num)
{
    return have() ? P.PQgetlength(res, tup_num, field_num) : 0;
}

char *PQcmdTuples(PGresult *res)
{
    return have() ? P.PQcmdTuples(res) : (char *)"";
}

char *PQcmdStatus(PGresult *res)
{
    return have() ? P.PQcmdStatus(res) : (char *)"";
}

unsigned char *PQunescapeBytea(const unsigned char *strtext, size_t *retbuflen)
{
    return have() ? P.PQunescapeBytea(strtext, retbuflen) : NULL;
}

void PQfreemem(void *ptr)
{
    if (have() && ptr)
        P.PQfreemem(ptr);
}

PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg)
{
    return have() ? P.PQsetNoticeProcessor(conn, proc, arg) : NULL;
}

PGTransactionStatusType PQtransactionStatus(const PGconn *conn)
{
    return have() && conn ? P.PQtransactionStatus(conn) : PQTRANS_UNKNOWN;
}

Oid PQftype(const PGresult *res, int field_num)
{
    return have() ? P.PQftype(res, field_num) : 0;
}

PGresult *PQprepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes)
{
    return have() ? P.PQprepare(conn, stmtName, query, nParams, paramTypes) : NULL;
}

PGresult *PQexecPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,
                         const int *paramLengths, const int *paramFormats, int resultFormat)
{
    return have() ? P.PQexecPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat)
                  : NULL;
}

/* statements sent without waiting, and cancelled (store_set_stop) */
int PQsendQueryParams(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                      const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                      int resultFormat)
{
    return have() ? P.PQsendQueryParams(conn, command, nParams, paramTypes, paramValues, paramLengths,
                                        paramFormats, resultFormat)
                  : 0;
}

int PQsendQueryPrepared(PGconn *conn, const char *stmtName, int nParams, const char *const *paramValues,
                        const int *paramLengths, const int *paramFormats, int resultFormat)
{
    return have() ? P.PQsendQueryPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats,
                                          resultFormat)
                  : 0;
}

int PQsendPrepare(PGconn *conn, const char *stmtName, const char *query, int nParams, const Oid *paramTypes)
{
    return have() ? P.PQsendPrepare(conn, stmtName, query, nParams, paramTypes) : 0;
}

int PQconsumeInput(PGconn *conn)
{
    return have() ? P.PQconsumeInput(conn) : 0;
}

int PQisBusy(PGconn *conn)
{
    return have() ? P.PQisBusy(conn) : 0;
}

PGresult *PQgetResult(PGconn *conn)
{
    return have() ? P.PQgetResult(conn) : NULL;
}

int PQsocket(const PGconn *conn)
{
    return have() ? P.PQsocket(conn) : -1;
}

PGcancel *PQgetCancel(PGconn *conn)
{
    return have() ? P.PQgetCancel(conn) : NULL;
}

int PQcancel(PGcancel *cancel, char *errbuf, int errbufsize)
{
    return have() ? P.PQcancel(cancel, errbuf, errbufsize) : 0;
}

void PQfreeCancel(PGcancel *cancel)
{
    if (have())
        P.PQfreeCancel(cancel);
}
