#!/bin/sh
# Answers that are complete and pages of bounded size on a store larger than
# any in-memory cap (issue 15, issue 12 #10): a store of generated pages
# (bench/gen-pages.py) with more than 5,000 events, served on loopback.
# - the events API sees every event: theme, sort and order=asc agree with
#   the CLI and the store, and paging through `next` visits each once;
# - the report lists each section's top items and counts the rest (HTML
#   and JSON under 1 MB, limit for the API and MCP);
# - past the output cap the server answers an error, never a body cut
#   short or an empty page, and does not cache it.
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null 2>&1 || { skip scale "curl is not installed"; exit 0; }
command -v sqlite3 >/dev/null 2>&1 || { skip scale "sqlite3 is not installed"; exit 0; }
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip scale "python3 is not installed"; exit 0; }
M=$MTRACK
N=${SCALE_PAGES:-6500}
export MTRACK_DB="$TESTDIR/scale.db"
trap stop_started EXIT INT TERM

$PY "$TOP/bench/gen-pages.py" "$N" pages 7 0 >/dev/null 2>&1 || { fail scale_pages "gen-pages failed"; exit 0; }
$M init >/dev/null 2>&1 && $M ingest --quiet pages >/dev/null 2>&1
EVENTS=$(sqlite3 "$MTRACK_DB" 'SELECT count(*) FROM events')
if [ "$EVENTS" -gt 5000 ]; then pass scale_store; else fail scale_store "only $EVENTS events (want > 5000)"; exit 0; fi

get() {
    p=$1; shift
    curl -s --max-time 60 -o b -D h -w '%{http_code}' "$@" "$BASE$p"
}
# py NAME SCRIPT: the script sees the body as s and (when it parses) j.
py() {
    n=$1 script=$2
    if out=$($PY -c "
import json, sys
s = open('b', encoding='utf-8', errors='replace').read()
try:
    j = json.loads(s)
except Exception:
    j = None
$script
" 2>&1); then pass "$n"; else fail "$n" "$(echo "$out" | tail -2)"; fi
}
start_server main || { fail scale_serve "no port after 10 s: $(head -3 main.log)"; exit 0; }

# ---- complete event answers ----
CLI_THEME=$($M events --theme investment --format csv 2>/dev/null | tail -n +2 | wc -l)
get "/api/v1/events?theme=investment&limit=5" >/dev/null
py api_theme_total_complete "assert j['total'] == $CLI_THEME, (j['total'], $CLI_THEME)"
FIRST=$(sqlite3 "$MTRACK_DB" 'SELECT id FROM events ORDER BY first_seen, id LIMIT 1')
get "/api/v1/events?order=asc&limit=1" >/dev/null
py api_order_asc_oldest_first "assert j['events'][0]['id'] == $FIRST and j['total'] == $EVENTS, (j['events'][0]['id'], $FIRST, j.get('total'))"
BIG=$(sqlite3 "$MTRACK_DB" "SELECT id FROM events WHERE type='funding' ORDER BY amount_usd DESC, id DESC LIMIT 1")
get "/api/v1/events?sort=usd&limit=1" >/dev/null
py api_sort_usd_complete "assert j['events'][0]['id'] == $BIG and j['total'] == $EVENTS, (j['events'][0]['id'], $BIG)"
FUND=$(sqlite3 "$MTRACK_DB" "SELECT count(*) FROM events WHERE type='funding' AND substr(first_seen,1,10) >= '2026-03-10' AND coalesce(amount_usd, price_usd, 0) >= 50000000")
get "/api/v1/events?type=funding&since=2026-03-10&min_usd=50M&limit=1" >/dev/null
py api_filters_total "assert j['total'] == $FUND, (j['total'], $FUND)"
# paging through next visits every event of the theme once, in order
if out=$($PY - "$BASE" "$CLI_THEME" <<'EOF' 2>&1
import json, sys, urllib.request
base, want = sys.argv[1], int(sys.argv[2])
url, seen, last = "/api/v1/events?theme=investment&sort=sources&limit=500", [], None
while url:
    j = json.load(urllib.request.urlopen(base + url, timeout=60))
    for e in j["events"]:
        key = (e["sources"], e["id"])
        assert last is None or key <= last, (key, last)
        last = key
        seen.append(e["id"])
    url = j["next"]
assert len(seen) == want and len(set(seen)) == want, (len(seen), len(set(seen)), want)
EOF
); then pass api_paging_visits_each_once; else fail api_paging_visits_each_once "$(echo "$out" | tail -2)"; fi
get "/t/ai-infra/events?theme=investment&order=asc" >/dev/null
py page_events_table_total "assert 'of $CLI_THEME' in s, 'no total of $CLI_THEME'"
get "/api/v1/organizations?limit=5" >/dev/null
py api_organizations_complete "assert len(j['organizations']) == 5 and j['total'] > 5 and sum(o['events'] for o in j['organizations']) > 0, j.get('total')"

# ---- reports of bounded size ----
code=$(get "/t/ai-infra")
py report_page_bounded "assert '$code' == '200' and len(s.encode()) < 1000000 and s.count('<li') < 400, ('$code', len(s), s.count('<li'))"
py report_page_says_more "assert 'more events in <a href=\"/t/ai-infra/events?theme=investment\">the events table</a>' in s"
code=$(get "/api/v1/trackers/ai-infra/report")
py report_json_bounded "assert '$code' == '200' and len(s.encode()) < 1000000 and j['summary']['events'] == $EVENTS
inv = [t for t in j['themes'] if t['name'] == 'investment'][0]
assert inv['events_total'] == inv['events_more'] + len(inv['events']) and inv['events_more'] > 0, inv['events_total']
assert len(j['sources']) < 400, len(j['sources'])"
# a theme means the same events in the report and in the events table
cp b report.json
THEME_TOTALS=$($PY -c 'import json; print(" ".join("%s=%d" % (t["name"], t["events_total"]) for t in json.load(open("report.json"))["themes"]))')
bad=""
for pair in $THEME_TOTALS; do
    get "/api/v1/events?theme=${pair%%=*}&limit=1" >/dev/null
    n=$($PY -c 'import json; print(json.load(open("b"))["total"])')
    [ "$n" = "${pair#*=}" ] || bad="$bad ${pair%%=*}: report ${pair#*=}, API $n;"
done
if [ -z "$bad" ]; then pass report_themes_match_api; else fail report_themes_match_api "$bad"; fi
code=$(get "/api/v1/trackers/ai-infra/report?limit=3")
py report_json_limit "assert '$code' == '200'
for t in j['themes']:
    assert len(t['events']) <= 6 and len(t['documents']) <= 3, (t['name'], len(t['events']))
    assert t['events_total'] == t['events_more'] + len(t['events'])"
code=$(get "/api/v1/trackers/ai-infra/report?limit=0")
if [ "$code" = 400 ]; then pass report_json_bad_limit; else fail report_json_bad_limit "status $code"; fi
# MCP: the report fits the message cap by default and takes a limit
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_report","arguments":{"format":"json"}}}' \
    '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_report","arguments":{"format":"json","limit":2}}}' \
    | timeout 120 "$M" mcp >b 2>mcp.err
py mcp_get_report_limit "
r = [json.loads(l) for l in s.splitlines() if l.strip()]
full = [x for x in r if x.get('id') == 2][0]['result']
two = [x for x in r if x.get('id') == 3][0]['result']
assert not full.get('isError') and not two.get('isError'), (full.get('content'), two.get('content'))
rep = json.loads(two['content'][0]['text'])
assert all(len(t['events']) <= 4 for t in rep['themes']) and rep['summary']['events'] == $EVENTS"

# ---- past the output cap: an error, never a cut body, never cached ----
start_server capped MTRACK_SERVE_OUT_MAX=20000 || { fail scale_serve_capped "no port"; exit 0; }
code=$(get "/api/v1/trackers/ai-infra/report")
py capped_json_is_error "assert '$code' == '500' and j and j['error']['status'] == 500, ('$code', s[:80])"
code=$(get "/t/ai-infra")
code2=$(get "/t/ai-infra")
py capped_page_is_error_not_cached "assert '$code' == '500' and '$code2' == '500' and '<h1>500</h1>' in s and 'class=\"tracker\"' not in s, ('$code', '$code2', s[:200])"
code=$(get "/api/v1/events?limit=500")
py capped_events_is_error "assert '$code' == '500' and j and 'passes the' in j['error']['message'], ('$code', s[-80:])"
code=$(get "/api/v1/trackers/ai-infra/report?limit=1")
py capped_small_answer_ok "assert '$code' == '200' and j['summary']['events'] == $EVENTS, '$code'"
code=$(get "/healthz")
if [ "$code" = 200 ]; then pass capped_healthz; else fail capped_healthz "status $code"; fi
