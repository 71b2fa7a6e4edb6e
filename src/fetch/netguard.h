/* netguard: refuses URLs aimed at this machine or private networks
 * (server-side request forgery through the API, MCP or links in feeds). */
#ifndef MTRACK_NETGUARD_H
#define MTRACK_NETGUARD_H

#include <stddef.h>

struct sockaddr;

/* 1 when the address is loopback, unspecified, private, link-local,
 * shared (CGNAT), benchmarking, multicast, reserved or broadcast (IPv4,
 * IPv6, and IPv4 inside IPv6), or NULL; else 0. */
int netguard_addr_private(const struct sockaddr *sa);
/* Checks an http(s) URL: its host is resolved and every address checked.
 * Returns 0 when allowed, -1 with the reason in why (not http(s), no host,
 * unresolvable, or a private address unless allow_private). */
int netguard_url_check(const char *url, int allow_private, char *why, size_t whylen);

#endif
