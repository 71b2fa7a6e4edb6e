/* pq_lazy: libpq, loaded when the first PostgreSQL store is opened
 * (like src/fetch/lazylib.c's libraries): mtrack is not linked with it, so
 * every command starts without it and a machine without libpq loses only
 * postgresql:// stores. */
#ifndef MTRACK_PQ_LAZY_H
#define MTRACK_PQ_LAZY_H

#include <stddef.h>

/* Loads libpq once (thread-safe): 0, or -1 with the reason in why. The
 * libpq functions mtrack calls (libpq-fe.h's) work after it. */
int pq_load(char *why, size_t whylen);
/* 1 when the loaded libpq has pipeline mode (libpq 14 and later:
 * PQenterPipelineMode, PQexitPipelineMode, PQpipelineSync), else 0. */
int pq_has_pipeline(void);

#endif
