/* cmd_analyze: mtrack analyze, the business events of one article. */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/money.h"
#include "cli/cli.h"
#include "util/input.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/json.h"
#include "util/str.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: mtrack analyze [--json] [--explain] [--date YYYY-MM-DD] FILE|-\n"
            "       mtrack analyze --batch FILE|-\n"
            "\n"
            "Reads one article as plain text (first line the headline) and prints\n"
            "the business events it reports as news: funding rounds, acquisitions,\n"
            "stock moves, infrastructure projects and product launches. Amounts in\n"
            "other currencies are converted to USD with the article's own figure, or\n"
            "else at a shipped rate table (rates of %s, approximate).\n"
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
            "                      {\"id\", \"events\"} for each (batch use, benchmarks)\n"
            "  --help              this help\n"
            "\n"
            "Exit status: 0 done (an article without events prints none), 1 the file\n"
            "could not be read, 2 usage error.\n",
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
            json_t *o = json_loadb(p, (size_t)(le - p), 0, &err);
            const char *text = o ? json_string_value(json_object_get(o, "text")) : NULL;
            if (!text) {
                cli_error("analyze", "line %zu: not an object with a \"text\" string", lineno);
                rc = EXIT_FAIL;
            } else {
                const char *date = json_string_value(json_object_get(o, "published"));
                event_list events = {0};
                analyze_text(text, json_string_length(json_object_get(o, "text")), date, &events);
                jw_t w;
                buf_reset(&out);
                jw_init(&w, &out, false);
                jw_obj(&w);
                json_t *id = json_object_get(o, "id");
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
    event_list events = {0};
    buf_t why_buf;
    buf_init(&why_buf, 0);
    if (analyze_text_explain(buf_str(&in), in.len, date, &events, explain ? &why_buf : NULL) != 0) {
        cli_error("analyze", "out of memory");
        buf_free(&why_buf);
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
    buf_free(&in);
    return rc;
}
