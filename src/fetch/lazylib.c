/* lazylib: libcurl, libmicrohttpd and libcrypto, loaded the first time
 * they are used.
 *
 * Linked normally, these libraries and the thirty-odd libraries they pull
 * in (TLS, LDAP, Kerberos, SSH, HTTP/2, ...) are mapped, relocated and
 * initialised at the start of every command: some 25 ms, most of the run
 * of `parse-feed`,
 * `extract` or `analyze` on one file, which need none of them. So mtrack is
 * linked without them and this file defines the functions it calls; each
 * loads the library (once, thread-safe) and calls through to it. The
 * headers still come from the -dev packages through pkg-config, so the
 * types and constants are the library's own.
 *
 * When a library cannot be loaded, the functions fail the way the library
 * itself reports failure (NULL handles, error codes) and the reason is
 * printed once on stderr. */
#define CURL_DISABLE_TYPECHECK /* the setopt/getinfo type-check macros would hide the functions */
#include <curl/curl.h>
#include <dlfcn.h>
#include <microhttpd.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef CURL_SONAME
#define CURL_SONAME "libcurl.so.4"
#endif
#ifndef MHD_SONAME
#define MHD_SONAME "libmicrohttpd.so.12"
#endif
#ifndef CRYPTO_SONAME
#define CRYPTO_SONAME "libcrypto.so.3"
#endif

/* Opens a library and looks every name up into table (all function
 * pointers); false, with the reason on stderr, when either fails. */
static bool open_lib(const char *soname, const char *what, const char *const *names, size_t n, void *table)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "mtrack: cannot load %s: %s\n", what, dlerror());
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        void *f = dlsym(lib, names[i]);
        if (!f) {
            fprintf(stderr, "mtrack: %s: no symbol %s\n", soname, names[i]);
            dlclose(lib);
            return false;
        }
        memcpy((char *)table + i * sizeof f, &f, sizeof f);
    }
    return true;
}

/* Defines have_NAME(): loads the library once (thread-safe) and says
 * whether its functions are there. */
#define LAZY_LIB(name, soname, what, names, table)                                                  \
    static pthread_once_t name##_once = PTHREAD_ONCE_INIT;                                          \
    static bool name##_ok;                                                                          \
    static void name##_load(void)                                                                   \
    {                                                                                               \
        name##_ok = open_lib(soname, what, names, sizeof names / sizeof *names, &table);            \
    }                                                                                               \
    static bool have_##name(void)                                                                   \
    {                                                                                               \
        pthread_once(&name##_once, name##_load);                                                    \
        return name##_ok;                                                                           \
    }

/* ---- libcurl ------------------------------------------------------------- */

#define CURL_FUNCS(X)                                                                          \
    X(curl_global_init) X(curl_easy_init) X(curl_easy_cleanup) X(curl_easy_reset)               \
    X(curl_easy_setopt) X(curl_easy_getinfo) X(curl_easy_perform) X(curl_easy_strerror)         \
    X(curl_free) X(curl_slist_append) X(curl_slist_free_all) X(curl_multi_init)                 \
    X(curl_multi_cleanup) X(curl_multi_add_handle) X(curl_multi_remove_handle)                  \
    X(curl_multi_perform) X(curl_multi_poll) X(curl_multi_info_read) X(curl_url)                \
    X(curl_url_cleanup) X(curl_url_get) X(curl_url_set)

#define SLOT(f) __typeof__(f) *f;
static struct {
    CURL_FUNCS(SLOT)
} C;
#define NAME(f) #f,
static const char *const CURL_NAMES[] = {CURL_FUNCS(NAME)};

LAZY_LIB(curl, CURL_SONAME, "libcurl", CURL_NAMES, C)

CURLcode curl_global_init(long flags)
{
    return have_curl() ? C.curl_global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
    return have_curl() ? C.curl_easy_init() : NULL;
}

void curl_easy_cleanup(CURL *h)
{
    if (h && have_curl())
        C.curl_easy_cleanup(h);
}

void curl_easy_reset(CURL *h)
{
    if (h && have_curl())
        C.curl_easy_reset(h);
}

/* One argument follows the option; its type is given by the option's
 * number range (curl.h's CURLOPTTYPE_*), and it is passed on as that type. */
CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
    if (!have_curl())
        return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, opt);
    CURLcode rc;
    if (opt < CURLOPTTYPE_OBJECTPOINT)
        rc = C.curl_easy_setopt(h, opt, va_arg(ap, long));
    else if (opt < CURLOPTTYPE_OFF_T)
        rc = C.curl_easy_setopt(h, opt, va_arg(ap, void *)); /* object and function pointers */
    else if (opt < CURLOPTTYPE_BLOB)
        rc = C.curl_easy_setopt(h, opt, va_arg(ap, curl_off_t));
    else
        rc = C.curl_easy_setopt(h, opt, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
    if (!have_curl())
        return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, info);
    CURLcode rc = C.curl_easy_getinfo(h, info, va_arg(ap, void *)); /* always a pointer to the result */
    va_end(ap);
    return rc;
}

CURLcode curl_easy_perform(CURL *h)
{
    return have_curl() ? C.curl_easy_perform(h) : CURLE_FAILED_INIT;
}

const char *curl_easy_strerror(CURLcode code)
{
    return have_curl() ? C.curl_easy_strerror(code) : "libcurl could not be loaded";
}

void curl_free(void *p)
{
    if (p && have_curl())
        C.curl_free(p);
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s)
{
    return have_curl() ? C.curl_slist_append(list, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *list)
{
    if (list && have_curl())
        C.curl_slist_free_all(list);
}

CURLM *curl_multi_init(void)
{
    return have_curl() ? C.curl_multi_init() : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *m)
{
    return have_curl() ? C.curl_multi_cleanup(m) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_add_handle(CURLM *m, CURL *h)
{
    return have_curl() ? C.curl_multi_add_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM *m, CURL *h)
{
    return have_curl() ? C.curl_multi_remove_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM *m, int *running)
{
    return have_curl() ? C.curl_multi_perform(m, running) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned n, int timeout_ms, int *ret)
{
    return have_curl() ? C.curl_multi_poll(m, extra, n, timeout_ms, ret) : CURLM_INTERNAL_ERROR;
}

CURLMsg *curl_multi_info_read(CURLM *m, int *left)
{
    return have_curl() ? C.curl_multi_info_read(m, left) : NULL;
}

CURLU *curl_url(void)
{
    return have_curl() ? C.curl_url() : NULL;
}

void curl_url_cleanup(CURLU *u)
{
    if (u && have_curl())
        C.curl_url_cleanup(u);
}

CURLUcode curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
    return have_curl() ? C.curl_url_get(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
    return have_curl() ? C.curl_url_set(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}

/* ---- libmicrohttpd ----------------------------------------------------------- */

#define MHD_FUNCS(X)                                                                            \
    X(MHD_start_daemon_va) X(MHD_stop_daemon) X(MHD_get_daemon_info) X(MHD_create_response_from_buffer) \
    X(MHD_add_response_header) X(MHD_destroy_response) X(MHD_queue_response)                    \
    X(MHD_lookup_connection_value) X(MHD_get_connection_values) X(MHD_get_connection_info)

static struct {
    MHD_FUNCS(SLOT)
} M;
static const char *const MHD_NAMES[] = {MHD_FUNCS(NAME)};

LAZY_LIB(mhd, MHD_SONAME, "libmicrohttpd", MHD_NAMES, M)

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc, void *apc_cls,
                                    MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    if (!have_mhd())
        return NULL;
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = M.MHD_start_daemon_va(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

void MHD_stop_daemon(struct MHD_Daemon *d)
{
    if (d && have_mhd())
        M.MHD_stop_daemon(d);
}

/* The info types mtrack asks for take no further argument. */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType type, ...)
{
    return have_mhd() ? M.MHD_get_daemon_info(d, type) : NULL;
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode)
{
    return have_mhd() ? M.MHD_create_response_from_buffer(size, buffer, mode) : NULL;
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header, const char *content)
{
    return have_mhd() ? M.MHD_add_response_header(r, header, content) : MHD_NO;
}

void MHD_destroy_response(struct MHD_Response *r)
{
    if (r && have_mhd())
        M.MHD_destroy_response(r);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r)
{
    return have_mhd() ? M.MHD_queue_response(c, status, r) : MHD_NO;
}

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key)
{
    return have_mhd() ? M.MHD_lookup_connection_value(c, kind, key) : NULL;
}

const union MHD_ConnectionInfo *MHD_get_connection_info(struct MHD_Connection *c, enum MHD_ConnectionInfoType type, ...)
{
    /* only the kinds that take no further argument are asked for */
    return have_mhd() ? M.MHD_get_connection_info(c, type) : NULL;
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind, MHD_KeyValueIterator it,
                              void *it_cls)
{
    return have_mhd() ? M.MHD_get_connection_values(c, kind, it, it_cls) : -1;
}

/* ---- libcrypto (SHA-256 for ETags, HMAC for signed webhooks) ------------------ */

#define CRYPTO_FUNCS(X) X(EVP_Digest) X(EVP_EncodeBlock) X(EVP_sha256) X(HMAC)

static struct {
    CRYPTO_FUNCS(SLOT)
} K;
static const char *const CRYPTO_NAMES[] = {CRYPTO_FUNCS(NAME)};

LAZY_LIB(crypto, CRYPTO_SONAME, "libcrypto", CRYPTO_NAMES, K)

int EVP_Digest(const void *data, size_t count, unsigned char *md, unsigned int *size, const EVP_MD *type, ENGINE *impl)
{
    return have_crypto() ? K.EVP_Digest(data, count, md, size, type, impl) : 0;
}

int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n)
{
    return have_crypto() ? K.EVP_EncodeBlock(t, f, n) : 0;
}

const EVP_MD *EVP_sha256(void)
{
    return have_crypto() ? K.EVP_sha256() : NULL;
}

unsigned char *HMAC(const EVP_MD *md, const void *key, int key_len, const unsigned char *data, size_t data_len,
                    unsigned char *out, unsigned int *out_len)
{
    return have_crypto() && md ? K.HMAC(md, key, key_len, data, data_len, out, out_len) : NULL;
}
