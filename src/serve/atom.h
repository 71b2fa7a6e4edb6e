/* atom: a tracker's events as an Atom 1.0 feed (RFC 4287). */
#ifndef MTRACK_ATOM_H
#define MTRACK_ATOM_H

#include "serve/server.h"

#define ATOM_ENTRIES 50

/* Fills o with tracker name's newest events (ATOM_ENTRIES at most), one
 * entry each with its sources. */
void atom_feed(serve_req *r, serve_resp *o, const char *name);
/* Appends s escaped for XML text and attributes: markup characters as
 * references, characters XML cannot hold dropped, bad UTF-8 as U+FFFD. */
void atom_esc(buf_t *b, const char *s);

#endif
