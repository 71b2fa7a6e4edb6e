/* store_pg: the PostgreSQL back end of the store (libpq). */
#include <stdio.h>

#include "store/store_backend.h"

store_t *store_pg_open(const char *conninfo, char *why, size_t whylen)
{
    snprintf(why, whylen, "PostgreSQL stores are not supported by this build yet");
    return NULL;
}
