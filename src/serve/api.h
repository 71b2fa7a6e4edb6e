/* api: the JSON API under /api/v1/: trackers, reports, events, search,
 * sources (read and, with the bearer token, write), organisations, update. */
#ifndef MTRACK_API_H
#define MTRACK_API_H

#include "serve/server.h"

/* Answers an /api/ request into o (JSON, errors as {"error": {...}});
 * returns the route's name for the metrics. */
const char *api_handle(serve_req *r, serve_resp *o);

#endif
