/* mcp: a Model Context Protocol server (JSON-RPC 2.0 over stdio, newline-
 * delimited) giving AI agents the store's search, events, reports and
 * sources as tools and each tracker's report as a resource. */
#ifndef MTRACK_MCP_H
#define MTRACK_MCP_H

#include <stddef.h>
#include <stdio.h>

#include "store/store.h"
#include "util/buf.h"

/* The largest message read or written, newline excluded. */
#define MCP_MSG_MAX ((size_t)1 << 20)
/* The newest protocol revision spoken (older ones are accepted too). */
#define MCP_PROTOCOL_VERSION "2025-06-18"

typedef struct mcp_server mcp_server;

/* A server answering from store s (borrowed: the caller closes it after
 * mcp_free). allow_private lets add_source take loopback and private
 * addresses. Never NULL. */
mcp_server *mcp_new(store_t *s, int allow_private);
void mcp_free(mcp_server *m);

/* Handles one message (len bytes of JSON text, any bytes tolerated) and
 * puts the one-line response into resp (emptied first). Returns 1 when
 * there is a response to send, 0 when there is none (a notification). */
int mcp_handle(mcp_server *m, const char *msg, size_t len, buf_t *resp);

/* Reads messages from in, one per line, until end of input, and writes
 * each response as one line to out (flushed). Lines over MCP_MSG_MAX are
 * answered with an error and skipped. Returns 0 at end of input, -1 when
 * out could not be written. */
int mcp_serve(mcp_server *m, FILE *in, FILE *out);


#endif
