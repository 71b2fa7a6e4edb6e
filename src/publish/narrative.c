/* narrative: optional prose from a chat-completions endpoint, checked
 * against the section's facts. */
#include "narrative.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/str.h"

#define NARRATIVE_MAX_ANSWER (256 * 1024)

void narrative_result_free(narrative_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->s[i].text);
        free(r->s[i].cites);
    }
    free(r->s);
    memset(r, 0, sizeof *r);
}

/* ---- the check ---- */

/* The claims a text makes that must come from the facts: each figure with
 * its unit ("4.1 billion", "86%", "8"), each capitalised word (names,
 * places, months). */
typedef struct claims {
    char **v;
    size_t n;
} claims;

static void claims_add(claims *c, const char *s, size_t n)
{
    c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
    c->v[c->n++] = xstrndup(s, n);
}

static void claims_free(claims *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
    memset(c, 0, sizeof *c);
}

static bool claims_has(const claims *c, const char *s)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i], s) == 0)
            return true;
    return false;
}

/* Words that may open a sentence (or stand capitalised) without naming
 * anything. */
static bool common_word(const char *w, size_t n)
{
    static const char *const v[] = {
        "The", "A", "An", "In", "On", "At", "Of", "For", "With", "By", "This", "That", "These",
        "Those", "Its", "It", "Their", "They", "Over", "Across", "Meanwhile", "Together", "Overall",
        "Among", "Of", "Also", "And", "But", "While", "With", "Both", "Most", "All", "Some",
        "There", "Here", "Funding", "Investors", "Investment", "Rounds", "Round", "Deals", "Such",
        "As", "Within", "During", "Since", "After", "Before", "Taken", "Altogether", "Notably",
        "Combined", "Leading", "Largest", "Total",
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strlen(v[i]) == n && memcmp(v[i], w, n) == 0)
            return true;
    return false;
}

static const char *const number_words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", "eleven", "twelve"};

/* Reads the claims of text into c; words[] gets the capitalised words
 * that are not common (for matching a sentence to its facts). */
static void claims_of(const char *t, claims *nums, claims *names, bool skip_first)
{
    size_t n = strlen(t);
    bool first = true;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)t[i];
        if (str_isdigit(ch)) {
            char num[64];
            size_t k = 0;
            while (i < n && (str_isdigit((unsigned char)t[i]) || t[i] == ',' || t[i] == '.') && k + 1 < sizeof num) {
                if (t[i] == '.' && !(i + 1 < n && str_isdigit((unsigned char)t[i + 1])))
                    break;
                if (t[i] != ',')
                    num[k++] = t[i];
                i++;
            }
            num[k] = '\0';
            /* its unit: "billion", "million", "%", "MW", "GW" */
            size_t j = i;
            while (j < n && t[j] == ' ')
                j++;
            static const char *const units[] = {"trillion", "billion", "million", "thousand", "%",
                                                 "MW", "GW", "bn"};
            const char *unit = "";
            for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
                if (strncmp(t + (t[i] == '%' ? i : j), units[u], strlen(units[u])) == 0) {
                    unit = units[u];
                    break;
                }
            char tok[96];
            snprintf(tok, sizeof tok, "%s%s%s", num, *unit ? " " : "", unit);
            claims_add(nums, tok, strlen(tok));
            first = false;
            continue;
        }
        if (str_isalpha(ch) || ch >= 0x80) {
            size_t b = i;
            while (i < n && (str_isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80 || t[i] == '-' ||
                             (t[i] == '\'' && i + 1 < n && str_isalpha((unsigned char)t[i + 1]) && t[i + 1] != 's')))
                i++;
            size_t wl = i - b;
            bool numword = false;
            for (size_t k = 0; k < sizeof number_words / sizeof number_words[0] && !numword; k++)
                if (strlen(number_words[k]) == wl && str_ncasecmp(number_words[k], t + b, wl) == 0) {
                    char tok[8];
                    snprintf(tok, sizeof tok, "%zu", k);
                    claims_add(nums, tok, strlen(tok));
                    numword = true;
                }
            if (!numword && str_isupper((unsigned char)t[b]) && !(first && skip_first && common_word(t + b, wl)) &&
                !common_word(t + b, wl))
                claims_add(names, t + b, wl);
            first = false;
            continue;
        }
        if (ch == '.' || ch == '!' || ch == '?')
            first = true;
        i++;
    }
}

/* The sentences of an answer, trimmed; the caller frees each. */
static size_t split_sentences(const char *a, char ***out)
{
    *out = NULL;
    size_t n = 0, len = strlen(a), b = 0;
    for (size_t i = 0; i <= len; i++) {
        bool end = i == len || ((a[i] == '.' || a[i] == '!' || a[i] == '?') &&
                                (i + 1 == len || a[i + 1] == ' ' || a[i + 1] == '\n') &&
                                !(i > 0 && str_isdigit((unsigned char)a[i - 1]) && i + 1 < len &&
                                  str_isdigit((unsigned char)a[i + 1])));
        if (!end)
            continue;
        size_t e = i < len ? i + 1 : i;
        while (b < e && (a[b] == ' ' || a[b] == '\n' || a[b] == '\t'))
            b++;
        if (e > b) {
            char *s = xstrndup(a + b, e - b);
            for (char *p = s; *p; p++)
                if (*p == '\n' || *p == '\t')
                    *p = ' ';
            *out = xrealloc(*out, (n + 1) * sizeof **out);
            (*out)[n++] = s;
        }
        b = e;
    }
    return n;
}

size_t narrative_check(const char *answer, const narrative_fact *facts, size_t nf, narrative_result *r)
{
    memset(r, 0, sizeof *r);
    if (!answer)
        return 0;
    claims fnum = {0}, fname = {0};
    claims *pnum = xcalloc(nf + 1, sizeof *pnum), *pname = xcalloc(nf + 1, sizeof *pname);
    for (size_t i = 0; i < nf; i++) {
        claims_of(facts[i].text, &pnum[i], &pname[i], true);
        claims_of(facts[i].text, &fnum, &fname, true);
    }
    char **sents;
    size_t ns = split_sentences(answer, &sents);
    for (size_t k = 0; k < ns; k++) {
        claims num = {0}, name = {0};
        claims_of(sents[k], &num, &name, true);
        bool ok = num.n + name.n > 0; /* a sentence that states nothing is filler */
        for (size_t i = 0; ok && i < num.n; i++)
            ok = claims_has(&fnum, num.v[i]);
        for (size_t i = 0; ok && i < name.n; i++)
            ok = claims_has(&fname, name.v[i]);
        if (ok && (strchr(sents[k], '<') || strchr(sents[k], '[')))
            ok = false; /* markup or citation marks of its own */
        if (!ok) {
            r->dropped++;
        } else {
            narrative_sentence *o;
            r->s = xrealloc(r->s, (r->n + 1) * sizeof *r->s);
            o = &r->s[r->n++];
            o->text = sents[k];
            sents[k] = NULL;
            o->cites = NULL;
            o->ncites = 0;
            /* the citations of every fact it uses (shares a figure or a name with) */
            for (size_t f = 0; f < nf; f++) {
                bool uses = false;
                for (size_t i = 0; !uses && i < num.n; i++)
                    uses = claims_has(&pnum[f], num.v[i]) && strchr(num.v[i], ' ');
                for (size_t i = 0; !uses && i < name.n; i++)
                    uses = claims_has(&pname[f], name.v[i]);
                for (size_t c = 0; uses && c < facts[f].ncites; c++) {
                    bool have = false;
                    for (size_t q = 0; q < o->ncites; q++)
                        have |= o->cites[q] == facts[f].cites[c];
                    if (!have) {
                        o->cites = xrealloc(o->cites, (o->ncites + 1) * sizeof *o->cites);
                        o->cites[o->ncites++] = facts[f].cites[c];
                    }
                }
            }
        }
        claims_free(&num);
        claims_free(&name);
        free(sents[k]);
    }
    free(sents);
    for (size_t i = 0; i < nf; i++) {
        claims_free(&pnum[i]);
        claims_free(&pname[i]);
    }
    free(pnum);
    free(pname);
    claims_free(&fnum);
    claims_free(&fname);
    return r->n;
}

/* ---- the request ---- */

static size_t on_answer(char *p, size_t size, size_t n, void *ctx)
{
    buf_t *b = ctx;
    size_t len = size * n;
    if (b->len + len > NARRATIVE_MAX_ANSWER)
        return 0; /* too long: the transfer stops, the template stays */
    buf_append(b, p, len);
    return len;
}

int narrative_write(const char *endpoint, const char *title, const narrative_fact *facts, size_t n,
                    long timeout_ms, narrative_result *r, char *why, size_t whylen)
{
    memset(r, 0, sizeof *r);
    if (!endpoint || (!str_istarts(endpoint, "http://") && !str_istarts(endpoint, "https://"))) {
        snprintf(why, whylen, "narrative endpoint %s: not an http(s) URL", endpoint ? endpoint : "(none)");
        return -1;
    }
    buf_t body, url, prompt, answer;
    buf_init(&body, 0);
    buf_init(&url, 0);
    buf_init(&prompt, 0);
    buf_init(&answer, 0);
    buf_puts(&url, endpoint);
    while (url.len && url.data[url.len - 1] == '/')
        url.data[--url.len] = '\0';
    buf_puts(&url, "/chat/completions");
    buf_printf(&prompt, "Section: %s\nFacts:\n", title ? title : "");
    for (size_t i = 0; i < n; i++)
        buf_printf(&prompt, "- %s\n", facts[i].text);
    jw_t w;
    jw_init(&w, &body, false);
    jw_obj(&w);
    jw_kstr(&w, "model", getenv("MTRACK_LLM_MODEL") ? getenv("MTRACK_LLM_MODEL") : "default");
    jw_knum(&w, "temperature", 0);
    jw_key(&w, "messages");
    jw_arr(&w);
    jw_obj(&w);
    jw_kstr(&w, "role", "system");
    jw_kstr(&w, "content",
            "You write one paragraph of a market tracker for analysts. Use only the facts given: "
            "no other number, company, place or date, and no opinion or forecast. Plain sentences, "
            "no lists, no markup.");
    jw_obj_end(&w);
    jw_obj(&w);
    jw_kstr(&w, "role", "user");
    jw_kstr(&w, "content", buf_str(&prompt));
    jw_obj_end(&w);
    jw_arr_end(&w);
    jw_obj_end(&w);

    int ret = -1;
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(why, whylen, "narrative: curl_easy_init failed");
        goto done;
    }
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    const char *key = getenv("MTRACK_LLM_KEY");
    char auth[1024];
    if (key && *key && strlen(key) < sizeof auth - 32) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", key);
        h = curl_slist_append(h, auth);
    }
    curl_easy_setopt(c, CURLOPT_URL, buf_str(&url));
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, buf_str(&body));
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body.len);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : 30000L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms > 0 && timeout_ms < 5000 ? timeout_ms : 5000L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_answer);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        snprintf(why, whylen, "narrative %s: %s", buf_str(&url), curl_easy_strerror(rc));
        goto done;
    }
    if (status < 200 || status > 299) {
        snprintf(why, whylen, "narrative %s: HTTP status %ld", buf_str(&url), status);
        goto done;
    }
    json_error_t err;
    json_t *j = json_loadb(answer.data ? answer.data : "", answer.len, 0, &err);
    json_t *content = j ? json_object_get(json_object_get(json_array_get(json_object_get(j, "choices"), 0),
                                                          "message"), "content") : NULL;
    if (!json_is_string(content)) {
        snprintf(why, whylen, "narrative %s: the answer is not a chat completion", buf_str(&url));
        json_decref(j);
        goto done;
    }
    size_t kept = narrative_check(json_string_value(content), facts, n, r);
    json_decref(j);
    if (!kept) {
        snprintf(why, whylen, "narrative %s: every sentence of the answer was refused (%zu)", buf_str(&url),
                 r->dropped);
        narrative_result_free(r);
        goto done;
    }
    ret = (int)kept;
done:
    buf_free(&body);
    buf_free(&url);
    buf_free(&prompt);
    buf_free(&answer);
    return ret;
}
