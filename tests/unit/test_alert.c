/* Unit tests of alert rules, the webhook signature, deliveries, and the MCP
 * server's message handling and address check. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "alert/alert.h"
#include "check.h"
#include "fetch/netguard.h"
#include "mcp/mcp.h"
#include "util/str.h"

static alert_def rule(const char *type, const char *theme, double min_usd, const char *org)
{
    alert_def a = {.name = "r", .type = (char *)type, .theme = (char *)theme,
                   .min_usd = min_usd, .org = (char *)org, .deliver = "stdout"};
    return a;
}

static void hmac_rfc4231(void)
{
    char hex[65];
    unsigned char key[20];
    memset(key, 0x0b, sizeof key);
    /* RFC 4231, test case 1 */
    CHECK(alert_hmac_sha256_hex(key, sizeof key, "Hi There", 8, hex) == 0);
    CHECK_STR(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    /* test case 2 */
    CHECK(alert_hmac_sha256_hex("Jefe", 4, "what do ya want for nothing?", 28, hex) == 0);
    CHECK_STR(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /* test case 6: a key longer than the block size */
    unsigned char big[131];
    memset(big, 0xaa, sizeof big);
    const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";
    CHECK(alert_hmac_sha256_hex(big, sizeof big, msg, strlen(msg), hex) == 0);
    CHECK_STR(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    /* empty key and body still sign */
    CHECK(alert_hmac_sha256_hex("", 0, "", 0, hex) == 0);
    CHECK_STR(hex, "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

static void match_funding_chips(void)
{
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_FUNDING);
    e->company = xstrdup("Acme Chips");
    e->amount_usd = 250e6;
    alert_def big = rule("funding", "chips", 100e6, NULL);
    CHECK(alert_match(&big, e, "chips") == 1);
    CHECK(alert_match(&big, e, "infrastructure") == 0);
    CHECK(alert_match(&big, e, NULL) == 0);
    e->amount_usd = 99e6;
    CHECK(alert_match(&big, e, "chips") == 0);
    e->amount_usd = NAN; /* no figure: does not meet a minimum */
    CHECK(alert_match(&big, e, "chips") == 0);
    alert_def any = rule(NULL, NULL, NAN, NULL);
    CHECK(alert_match(&any, e, NULL) == 1);
    alert_def acq = rule("acquisition", NULL, NAN, NULL);
    CHECK(alert_match(&acq, e, "chips") == 0);
    alert_def bogus = rule("nonsense", NULL, NAN, NULL);
    CHECK(alert_match(&bogus, e, NULL) == 0);
    event_list_free(&l);
}

static void match_acquisition_org(void)
{
    event_list l = {0};
    event_t *e = event_list_add(&l, EVENT_ACQUISITION);
    e->acquirer = xstrdup("NVIDIA Corp");
    e->target = xstrdup("Run:ai");
    alert_def nv = rule("acquisition", NULL, NAN, "nvidia");
    CHECK(alert_match(&nv, e, NULL) == 1);
    alert_def tgt = rule("acquisition", NULL, NAN, "Run:AI");
    CHECK(alert_match(&tgt, e, NULL) == 1);
    alert_def amd = rule("acquisition", NULL, NAN, "AMD");
    CHECK(alert_match(&amd, e, NULL) == 0);
    /* an acquisition's price counts for min_usd */
    alert_def pricey = rule("acquisition", NULL, 500e6, NULL);
    CHECK(alert_match(&pricey, e, NULL) == 0);
    e->price_usd = 700e6;
    CHECK(alert_match(&pricey, e, NULL) == 1);
    event_list_free(&l);

    event_t *f = event_list_add(&l, EVENT_FUNDING);
    f->company = xstrdup("Lumen Compute");
    f->investors = xcalloc(1, sizeof *f->investors);
    f->investors[0] = xstrdup("Nvidia (NVentures)");
    f->n_investors = 1;
    CHECK(alert_match(&nv, f, NULL) == 0); /* wrong type */
    alert_def anynv = rule(NULL, NULL, NAN, "nvidia");
    CHECK(alert_match(&anynv, f, NULL) == 1); /* named as an investor */
    event_list_free(&l);
}

static void deliver_kinds(void)
{
    char why[512];
    char path[] = "/tmp/mtrack-alert-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "command cat > %s", path);
    CHECK(alert_deliver(cmd, "{\"a\":1}", 7, NULL, stdout, why, sizeof why) == 0);
    FILE *f = fopen(path, "r");
    char got[32] = "";
    if (f) {
        if (!fgets(got, sizeof got, f))
            got[0] = '\0';
        fclose(f);
    }
    CHECK_STR(got, "{\"a\":1}");
    unlink(path);
    CHECK(alert_deliver("command exit 3", "{}", 2, NULL, stdout, why, sizeof why) == -1);
    CHECK(strstr(why, "exit status 3") != NULL);
    /* a command that reads nothing still succeeds */
    CHECK(alert_deliver("command true", "{}", 2, NULL, stdout, why, sizeof why) == 0);
    CHECK(alert_deliver("carrier-pigeon", "{}", 2, NULL, stdout, why, sizeof why) == -1);
    CHECK(alert_deliver("webhook ftp://x/", "{}", 2, NULL, stdout, why, sizeof why) == -1);
    /* nothing listens on port 1 */
    CHECK(alert_deliver("webhook http://127.0.0.1:1/", "{}", 2, "s", stdout, why, sizeof why) == -1);
}

static void url_check(void)
{
    char why[512];
    CHECK(netguard_url_check("http://127.0.0.1/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://127.0.0.1/", 1, why, sizeof why) == 0);
    CHECK(netguard_url_check("http://[::1]:80/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://[fe80::1]/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://[fd00::5]/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://[::ffff:10.0.0.1]/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://172.16.5.4/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://172.32.5.4/", 0, why, sizeof why) == 0);
    CHECK(netguard_url_check("http://100.64.0.1/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://0.0.0.0/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://224.0.0.1/", 0, why, sizeof why) == -1);
    CHECK(netguard_url_check("https://8.8.8.8/feed", 0, why, sizeof why) == 0);
    CHECK(netguard_url_check("https://[2606:4700::1111]/", 0, why, sizeof why) == 0);
    CHECK(netguard_url_check("ftp://8.8.8.8/", 1, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://8.8.8.8/a b", 1, why, sizeof why) == -1);
    CHECK(netguard_url_check("http://", 1, why, sizeof why) == -1);
    CHECK(netguard_url_check("https://:80/x", 1, why, sizeof why) == -1);
}

static int handle(mcp_server *m, const char *msg, buf_t *r)
{
    return mcp_handle(m, msg, strlen(msg), r);
}

static void mcp_messages(void)
{
    mcp_server *m = mcp_new(NULL, 0);
    buf_t r;
    buf_init(&r, 0);
    CHECK(handle(m, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}", &r) == 1);
    CHECK_STR(buf_str(&r), "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}");
    CHECK(handle(m, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", &r) == 0);
    CHECK(handle(m, "nonsense", &r) == 1);
    CHECK(strstr(buf_str(&r), "-32700") != NULL);
    CHECK(handle(m, "\"x\"", &r) == 1);
    CHECK(strstr(buf_str(&r), "-32600") != NULL);
    CHECK(handle(m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x/y\"}", &r) == 1);
    CHECK(strstr(buf_str(&r), "-32601") != NULL);
    const char init[] = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":"
                        "{\"protocolVersion\":\"2025-03-26\"}}";
    CHECK(mcp_handle(m, init, sizeof init - 1, &r) == 1);
    CHECK(strstr(buf_str(&r), "\"protocolVersion\":\"2025-03-26\"") != NULL);
    const char init2[] = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{}}";
    CHECK(mcp_handle(m, init2, sizeof init2 - 1, &r) == 1);
    CHECK(strstr(buf_str(&r), "-32602") != NULL);
    /* a response from the client is ignored */
    CHECK(handle(m, "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}", &r) == 0);
    /* bytes that are not text at all */
    CHECK(mcp_handle(m, "{\"\0\"}", 5, &r) == 1);
    buf_free(&r);
    mcp_free(m);
}

int main(void)
{
    RUN(hmac_rfc4231);
    RUN(match_funding_chips);
    RUN(match_acquisition_org);
    RUN(deliver_kinds);
    RUN(url_check);
    RUN(mcp_messages);
    CHECK_DONE();
}
