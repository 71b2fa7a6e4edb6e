/* netguard: private-address checks for URLs that reach the fetcher from
 * outside (the API, MCP, links found in feeds). */
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "fetch/netguard.h"
#include "util/str.h"

static int v4_private(uint32_t a)
{
    return (a >> 24) == 0            /* 0.0.0.0/8 */
        || (a >> 24) == 10           /* 10/8 */
        || (a >> 24) == 127          /* loopback */
        || (a >> 20) == 0xAC1        /* 172.16/12 */
        || (a >> 16) == 0xC0A8       /* 192.168/16 */
        || (a >> 16) == 0xA9FE       /* 169.254/16 link-local */
        || (a >> 22) == (100u << 2 | 1) /* 100.64/10 shared */
        || (a >> 8) == 0xC00000      /* 192.0.0/24 protocol assignments */
        || (a >> 17) == (198u << 7 | 9) /* 198.18/15 benchmarking */
        || (a >> 28) >= 0xE;         /* multicast, reserved, broadcast */
}

int netguard_addr_private(const struct sockaddr *sa)
{
    if (!sa)
        return 1;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        return v4_private(ntohl(in->sin_addr.s_addr));
    }
    if (sa->sa_family != AF_INET6)
        return 1;
    const uint8_t *b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
    static const uint8_t zero[16];
    if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1)) /* :: and ::1 */
        return 1;
    if ((b[0] & 0xfe) == 0xfc)                       /* fc00::/7 unique local */
        return 1;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) /* 2001:db8::/32 documentation */
        return 1;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)       /* fe80::/10 link-local */
        return 1;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)       /* fec0::/10 old site-local */
        return 1;
    if (b[0] == 0xff)                                /* multicast */
        return 1;
    /* IPv4 inside IPv6: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64
     * 64:ff9b::/96: judge the IPv4 address. */
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b};
    if (memcmp(b, mapped, 12) == 0 || memcmp(b, zero, 12) == 0 || memcmp(b, nat64, 12) == 0) {
        uint32_t a = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15];
        return v4_private(a);
    }
    return 0;
}

int netguard_url_check(const char *url, int allow_private, char *why, size_t whylen)
{
    const char *p;
    if (strlen(url) > 2048) {
        snprintf(why, whylen, "a URL of at most 2048 bytes is needed");
        return -1;
    }
    for (p = url; *p; p++) {
        if ((unsigned char)*p <= ' ' || *p == 0x7f) {
            snprintf(why, whylen, "the URL holds spaces or control characters");
            return -1;
        }
    }
    if (str_istarts(url, "http://"))
        p = url + 7;
    else if (str_istarts(url, "https://"))
        p = url + 8;
    else {
        snprintf(why, whylen, "a source is an http(s) URL");
        return -1;
    }
    size_t auth_len = strcspn(p, "/?#");
    char host[256];
    const char *at = memchr(p, '@', auth_len);
    if (at) {
        snprintf(why, whylen, "URLs with user names or passwords are not accepted");
        return -1;
    }
    if (auth_len == 0 || auth_len >= sizeof host) {
        snprintf(why, whylen, "the URL has no usable host");
        return -1;
    }
    memcpy(host, p, auth_len);
    host[auth_len] = 0;
    char *h = host;
    if (*h == '[') {
        char *close = strchr(h, ']');
        if (!close || (close[1] && close[1] != ':')) {
            snprintf(why, whylen, "the URL has a bad IPv6 host");
            return -1;
        }
        *close = 0;
        h++;
    } else {
        char *colon = strchr(h, ':');
        if (colon)
            *colon = 0;
    }
    if (!*h) {
        snprintf(why, whylen, "the URL has no host");
        return -1;
    }
    for (const char *c = h; *c; c++)
        if (!(str_isalnum(*c) || *c == '.' || *c == '-' || *c == ':' || *c == '_' || *c == '%')) {
            snprintf(why, whylen, "the URL's host has characters a host name cannot have");
            return -1;
        }
    if (allow_private)
        return 0;
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(h, NULL, &hints, &res);
    if (rc != 0 || !res) {
        snprintf(why, whylen, "cannot resolve the host: %s", gai_strerror(rc));
        return -1;
    }
    int bad = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next)
        if (netguard_addr_private(ai->ai_addr))
            bad = 1;
    freeaddrinfo(res);
    if (bad) {
        snprintf(why, whylen, "the host resolves to a loopback, private or link-local address");
        return -1;
    }
    return 0;
}
