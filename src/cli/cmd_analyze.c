/* cmd_analyze: mtrack analyze, the business events of one article. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/money.h"
#include "cli/cli.h"
#include "extract/extract.h"
#include "parse/feed.h"
#include "util/input.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/json.h"
#include "util/str.h"
#include "util/utf8.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mtrack analyze [--json] [--explain] [--date YYYY-MM-DD] FILE|-\n"
            "       mtrack analyze --batch FILE|-\n"
            "\n"
            "Reads one article and prints the business events it reports as news:\n"
            "funding rounds, acquisitions, stock moves, infrastructure projects and\n"
            "product launches. The article is plain text (first line the headline;\n"
            "UTF-8, else Windows-1252) or an HTML page, known by its content whatever\n"
            "the file's name: its article is extracted first, as update does, with\n"
            "its headline and its date (--date wins). Refused (exit 1, nothing on\n"
            "stdout): gzip data (decompress it first), feeds, and binary data (a NUL,\n"
            "over 5%% control bytes, over 10%% broken UTF-8: 'binary data, not an\n"
            "article'). Amounts in other currencies are converted to USD with the\n"
            "article's own figure, or else at a shipped rate table (rates of\n"
            "%s, approximate).\n"
            "\n"
            "Options:\n"
            "  --json              print {\"events\": [...]} (shared/eval/EVENTS_JSON.md);\n"
            "                      an acquisition also has \"status\": \"completed\" (X acquired\n"
            "                      Y), \"pending\" (X agreed to acquire Y, X is acquiring Y) or\n"
            "                      \"announced\" (X acquires Y)\n"
            "  --date YYYY-MM-DD   the article's publication date (tells news from history)\n"
            "  --explain           first print every candidate the analyser weighed\n"
            "                      (sentences, amounts and their roles, verbs, names) and\n"
            "                      why each was kept or dropped (to stderr with --json)\n"
            "  --batch             FILE is JSON Lines of {\"id\", \"text\", \"published\"}\n"
            "                      (the form of the labelled sets); prints one line\n"
            "                      {\"id\", \"events\"} for each (batch use, benchmarks);\n"
            "                      each text is read by the rules above: a refused one\n"
            "                      gets no line, a message on stderr, and exit 1\n"
            "  --help              this help\n"
            "\n"
            "Exit status: 0 done (an article without events prints none), 1 the file\n"
            "could not be read or was refused, 2 usage error.\n",
            money_rates_date());
}

static void print_money(FILE *out, double v)
{
    if (isnan(v))
        fputs("-", out);
    else if (fabs(v) >= 1e9)
        fprintf(out, "$%.2fB", v / 1e9);
    else if (fabs(v) >= 1e6)
        fprintf(out, "$%.1fM", v / 1e6);
    else
        fprintf(out, "$%.0f", v);
}

static void print_table(FILE *out, const event_list *l)
{
    if (l->n == 0) {
        fputs("no events\n", out);
        return;
    }
    fprintf(out, "%-14s  %-28s  %-12s  %-10s  %s\n", "type", "who", "amount (USD)", "round",
            "details");
    for (size_t i = 0; i < l->n; i++) {
        const event_t *e = &l->items[i];
        char who[256];
        const char *a = e->company ? e->company : e->acquirer ? e->acquirer : e->organization;
        if (e->type == EVENT_ACQUISITION)
            snprintf(who, sizeof who, "%s -> %s", a ? a : "?", e->target ? e->target : "?");
        else
            snprintf(who, sizeof who, "%s", a ? a : "?");
        fprintf(out, "%-14s  %-28.60s  ", event_type_name(e->type), who);
        double usd = e->type == EVENT_ACQUISITION ? e->price_usd : e->amount_usd;
        char amt[32];
        if (isnan(usd))
            snprintf(amt, sizeof amt, "-");
        else if (fabs(usd) >= 1e9)
            snprintf(amt, sizeof amt, "$%.2fB", usd / 1e9);
        else
            snprintf(amt, sizeof amt, "$%.1fM", usd / 1e6);
        fprintf(out, "%-12s  %-10s  ", amt, e->type == EVENT_FUNDING ? (e->round ? e->round : "Unspecified") : "");
        switch (e->type) {
        case EVENT_FUNDING:
            if (e->country)
                fprintf(out, "country %s ", e->country);
            if (!isnan(e->valuation_usd)) {
                fputs("valuation ", out);
                print_money(out, e->valuation_usd);
                fputc(' ', out);
            }
            if (e->n_lead) {
                fputs("led by ", out);
                for (size_t k = 0; k < e->n_lead; k++)
                    fprintf(out, "%s%s", k ? ", " : "", e->lead_investors[k]);
                fputc(' ', out);
            }
            if (e->n_investors > e->n_lead)
                fprintf(out, "(%zu investor%s)", e->n_investors, str_s(e->n_investors));
            break;
        case EVENT_STOCK_MOVE:
            fprintf(out, "%s%s%+.2f%%", e->ticker ? e->ticker : "", e->ticker ? " " : "", e->change_pct);
            if (!isnan(e->close_price))
                fprintf(out, " close %.2f", e->close_price);
            break;
        case EVENT_INFRASTRUCTURE:
            fprintf(out, "%s%s%s", e->what ? e->what : "", e->country ? " in " : "",
                    e->country ? e->country : "");
            if (!isnan(e->capacity_mw))
                fprintf(out, " %.0f MW", e->capacity_mw);
            break;
        case EVENT_PRODUCT:
            fprintf(out, "%s", e->product ? e->product : "");
            break;
        default:
            break;
        }
        fputc('\n', out);
    }
}

/* ---- what is read: an article's text, from whatever the input is ---- */

#define NOT_ARTICLE "binary data, not an article"

/* The article analyze reads from one input's bytes. */
typedef struct article_in {
    char *owned;        /* the text when it is not the input itself */
    const char *text;
    size_t len;
    char date[11];      /* a page's own publication day, or "" */
} article_in;

static void article_in_free(article_in *a)
{
    free(a->owned);
    memset(a, 0, sizeof *a);
}

/* Reads data as analyze takes it: an HTML page (known by its content, not
 * its name) is extracted as ingest and update extract it, its headline
 * first and its publication day kept; text is taken as UTF-8 (a damaged
 * character becomes U+FFFD), else as Windows-1252, as ingest reads text
 * files. Refused: compressed data, feeds, and binary data (a NUL, more
 * than 5% control bytes, or more than 10% of the bytes not UTF-8 where a
 * single-byte charset would not explain them). Returns NULL, or why the
 * input is refused. */
static const char *article_read(const char *data, size_t len, article_in *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && u[0] == 0x1F && u[1] == 0x8B)
        return "gzip-compressed data, not an article (decompress it first: zcat FILE > page.html)";
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return "UTF-16 text (convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8)";
    if (memchr(data, '\0', len))
        return NOT_ARTICLE;
    size_t ctl = 0, bad = 0, high = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') || c == 0x7F)
                ctl++;
            i++;
            continue;
        }
        int cp;
        size_t k = utf8_decode(u + i, len - i, &cp);
        if (k == 0) {
            k = utf8_bad_len(u + i, len - i);
            bad += k;
        }
        high += k;
        i += k;
    }
    if (ctl * 20 > len)
        return NOT_ARTICLE;
    if (feed_sniff(data, len))
        return "a feed, not an article (mtrack ingest analyses each of its entries)";
    if (extract_looks_html(data, len)) {
        article_t a;
        if (extract_article(data, len, NULL, NULL, &a) != 0)
            return "an HTML page that could not be parsed";
        if (!a.text || !*a.text) {
            article_free(&a);
            return "no article text found in the page";
        }
        /* the headline, then the text, as ingest hands a page's article on */
        buf_t b;
        buf_init(&b, 0);
        if (a.title)
            buf_puts(&b, a.title);
        buf_putc(&b, '\n');
        buf_puts(&b, a.text);
        if (a.published && strlen(a.published) >= 10) {
            char day[11];
            memcpy(day, a.published, 10);
            day[10] = 0;
            if (input_day(day))
                memcpy(out->date, day, sizeof out->date);
        }
        article_free(&a);
        out->len = b.len;
        out->text = out->owned = buf_detach(&b);
        return NULL;
    }
    if (bad * 10 > len)
        return NOT_ARTICLE;
    if (bad) {
        if (utf8_likely(data, len))
            out->owned = utf8_repair(data, len, &out->len);
        else if (high * 4 > len)
            return NOT_ARTICLE;
        else
            out->owned = utf8_from_cp1252(data, len, &out->len);
        out->text = out->owned;
        return NULL;
    }
    out->text = data;
    out->len = len;
    return NULL;
}

static void events_json(jw_t *w, const event_list *l)
{
    jw_key(w, "events");
    jw_arr(w);
    for (size_t i = 0; i < l->n; i++)
        event_json(&l->items[i], w);
    jw_arr_end(w);
}

/* --batch: one article a line in, one result a line out. */
static int run_batch(const char *data, size_t len)
{
    const char *p = data, *end = data + len;
    size_t lineno = 0;
    int rc = EXIT_DONE;
    buf_t out;
    buf_init(&out, 0);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        if (le > p) {
            json_error_t err;
            json_t *o = json_loadb(p, (size_t)(le - p), JSON_ALLOW_NUL, &err);
            const char *text = o ? json_string_value(json_object_get(o, "text")) : NULL;
            json_t *id = o ? json_object_get(o, "id") : NULL;
            article_in art;
            const char *refused = NULL;
            if (text)
                refused = article_read(text, json_string_length(json_object_get(o, "text")), &art);
            if (!text) {
                cli_error("analyze", "line %zu: not an object with a \"text\" string", lineno);
                rc = EXIT_FAIL;
            } else if (refused) {
                /* no events from garbage: the line is left out, as a bad line is */
                if (json_is_string(id))
                    cli_error("analyze", "line %zu (id %s): %s", lineno, json_string_value(id), refused);
                else
                    cli_error("analyze", "line %zu: %s", lineno, refused);
                rc = EXIT_FAIL;
            } else {
                const char *date = json_string_value(json_object_get(o, "published"));
                if (!date && art.date[0])
                    date = art.date;
                event_list events = {0};
                analyze_text(art.text, art.len, date, &events);
                jw_t w;
                buf_reset(&out);
                jw_init(&w, &out, false);
                jw_obj(&w);
                if (json_is_string(id))
                    jw_kstr(&w, "id", json_string_value(id));
                else
                    jw_kint(&w, "line", (int64_t)lineno);
                events_json(&w, &events);
                jw_obj_end(&w);
                buf_putc(&out, '\n');
                if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len)
                    rc = EXIT_FAIL;
                event_list_free(&events);
                article_in_free(&art);
            }
            json_decref(o);
        }
        p = le + 1;
    }
    buf_free(&out);
    return rc;
}

int cmd_analyze(const cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'},
        {"date", required_argument, 0, 'd'},
        {"batch", no_argument, 0, 'b'},
        {"explain", no_argument, 0, 'x'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, batch = 0, explain = 0, c;
    const char *date = NULL;
    while ((c = getopt_long(argc, argv, "jd:bh", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'd':
            if (!input_day(optarg))
                return cli_usage_error("analyze", "--date wants YYYY-MM-DD, not '%s'", optarg);
            date = optarg;
            break;
        case 'b':
            batch = 1;
            break;
        case 'x':
            explain = 1;
            break;
        case 'h':
            usage(stdout);
            return EXIT_DONE;
        default:
            return cli_usage_error("analyze", "unknown option");
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("analyze", "wants one FILE (or - for standard input)");
    const char *path = argv[optind];
    buf_t in;
    buf_init(&in, FILE_MAX_DEFAULT);
    char why[256];
    if (file_read(path, FILE_MAX_DEFAULT, &in, why, sizeof why) != 0) {
        cli_error("analyze", "%s: %s", path, why);
        buf_free(&in);
        return EXIT_FAIL;
    }
    if (batch) {
        int brc = run_batch(buf_str(&in), in.len);
        buf_free(&in);
        return brc;
    }
    article_in art;
    const char *refused = article_read(buf_str(&in), in.len, &art);
    if (refused) {
        cli_error("analyze", "%s: %s", path, refused);
        buf_free(&in);
        return EXIT_FAIL;
    }
    if (!date && art.date[0])
        date = art.date;
    event_list events = {0};
    buf_t why_buf;
    buf_init(&why_buf, 0);
    int arc = analyze_text_explain(art.text, art.len, date, &events, explain ? &why_buf : NULL);
    if (arc != 0) {
        cli_error("analyze", "out of memory");
        buf_free(&why_buf);
        article_in_free(&art);
        buf_free(&in);
        event_list_free(&events);
        return EXIT_FAIL;
    }
    int rc = EXIT_DONE;
    if (explain) {
        FILE *eo = json ? stderr : stdout;
        fprintf(eo, "explain: %s\n%s\n", path, buf_str(&why_buf));
    }
    buf_free(&why_buf);
    if (json) {
        buf_t out;
        buf_init(&out, 0);
        jw_t w;
        jw_init(&w, &out, true);
        jw_obj(&w);
        events_json(&w, &events);
        jw_obj_end(&w);
        buf_putc(&out, '\n');
        if (w.err || fwrite(buf_str(&out), 1, out.len, stdout) != out.len) {
            cli_error("analyze", "could not write the output");
            rc = EXIT_FAIL;
        }
        buf_free(&out);
    } else {
        print_table(stdout, &events);
    }
    event_list_free(&events);
    article_in_free(&art);
    buf_free(&in);
    return rc;
}
