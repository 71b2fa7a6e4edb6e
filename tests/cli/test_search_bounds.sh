#!/bin/sh
# Search at any size (issue 15): a word in more documents than the ranked
# bound is ranked among its most recently stored matches only, best first,
# and a total past the counted bound is an estimate, said so by the CLI,
# the API, the page and MCP; a rarer word is ranked and counted whole. The
# bounds ($MTRACK_SEARCH_RANKED, $MTRACK_SEARCH_COUNTED; 10,000 and
# 100,000 by default) lowered to 2 and 3 on a store of six articles in our
# own words, all of them about a harbour.
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null 2>&1 || { skip search_bounds "curl is not installed"; exit 0; }
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip search_bounds "python3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_DB="$(store_db search_bounds)"
trap stop_started EXIT INT TERM

mkdir -p arts
art() { # art N TITLE BODY: an article dated in March 2026
    printf '%s\nSource: Quay Gazette | 2026-03-%02d | https://quay.example/%s\n\n%s\n' "$2" "$1" "$1" "$3" \
        >"arts/a$1.txt"
}
art 1 "Harbour, harbour, harbour" "The lithography crates waited at the harbour while the harbour master argued with the harbour pilots about tides."
art 2 "Crane repainted" "Volunteers painted the old crane green; the lithography supplier sent a card to the harbour office."
art 3 "Ferry timetable" "A ferry now leaves the harbour at dawn, carrying mail, bicycles and two crates of oranges to the island."
art 4 "Fog week" "Thick fog kept every boat inside the harbour for four days, and the fishmongers sold smoked mackerel instead."
art 5 "Council budget" "The council spent its whole evening on schools, road repairs and the library roof, and only at midnight on the harbour wall."
art 6 "Harbour lights" "New harbour lights, harbour buoys and a harbour radio were switched on by the mayor on a windy Saturday."
# one at a time, so that ids follow the articles' order
for i in 1 2 3 4 5 6; do $M ingest --quiet "arts/a$i.txt" >/dev/null 2>&1; done
n=$(sql "SELECT count(*) FROM documents")
[ "$n" = 6 ] || { fail search_bounds_store "$n documents, want 6"; exit 0; }
id() { sql "SELECT id FROM documents WHERE url = 'https://quay.example/$1'"; }
ID1=$(id 1) ID5=$(id 5) ID6=$(id 6)
# an estimate's base: the counted bound and one; PostgreSQL counts no more
# than the ranked bound and one (what it counts without reading every match)
base=4
case $MTRACK_DB in postgres*) base=3 ;; esac

# ---- the CLI ----
$M search --limit 3 harbour >plain.out 2>&1
if tail -1 plain.out | grep -qx '6 results; the best 3 shown'; then pass search_bounds_cli_exact; else
    fail search_bounds_cli_exact "$(tail -1 plain.out)"; fi
if head -1 plain.out | grep -qx '1. Harbour, harbour, harbour'; then pass search_bounds_cli_best_of_all; else
    fail search_bounds_cli_best_of_all "$(head -1 plain.out)"; fi
MTRACK_SEARCH_RANKED=2 MTRACK_SEARCH_COUNTED=3 $M search --limit 5 harbour >bound.out 2>&1
want="about 6 results, estimated from the newest $base that match; the best 2 of the newest 2 matches shown"
if tail -1 bound.out | grep -qxF "$want"; then pass search_bounds_cli_estimate; else
    fail search_bounds_cli_estimate "$(tail -1 bound.out)"; fi
# the newest two, best first: the word three times before the long text's once
if [ "$(grep -c '^[0-9]*\. ' bound.out)" = 2 ] && grep -q '^1\. Harbour lights$' bound.out &&
    grep -q '^2\. Council budget$' bound.out; then pass search_bounds_cli_newest_ranked; else
    fail search_bounds_cli_newest_ranked "$(grep '^[0-9]*\. ' bound.out | tr '\n' ' ')"; fi
MTRACK_SEARCH_RANKED=2 MTRACK_SEARCH_COUNTED=3 $M search lithography >rare.out 2>&1
if [ "$(grep -c '^[0-9]*\. ' rare.out)" = 2 ] && ! grep -q 'results' rare.out; then
    pass search_bounds_cli_rare_whole; else fail search_bounds_cli_rare_whole "$(cat rare.out | head -3)"; fi
MTRACK_SEARCH_RANKED=2 MTRACK_SEARCH_COUNTED=3 $M search --json harbour >bound.json 2>&1
if "$PY" -c 'import json, sys; a = json.load(open("bound.json")); assert [d["id"] for d in a] == [int(sys.argv[1]), int(sys.argv[2])], a' \
    "$ID6" "$ID5" 2>py.err; then pass search_bounds_cli_json; else fail search_bounds_cli_json "$(tail -1 py.err)"; fi

# ---- the API and the page ----
if ! start_server bounds MTRACK_SEARCH_RANKED=2 MTRACK_SEARCH_COUNTED=3; then
    fail search_bounds_serve "no port after 10 s: $(head -3 bounds.log)"; exit 0
fi
curl -s -o api.json "$BASE/api/v1/search?q=harbour&limit=5"
if "$PY" - "$ID6" "$ID5" <<'EOF' 2>py.err; then pass search_bounds_api_estimate; else fail search_bounds_api_estimate "$(tail -1 py.err)"; fi
import json, sys
j = json.load(open("api.json"))
assert [r["id"] for r in j["results"]] == [int(sys.argv[1]), int(sys.argv[2])], j["results"]
assert j["total"] == 6 and j["total_exact"] is False and j["ranked"] == 2, j
EOF
curl -s -o api2.json "$BASE/api/v1/search?q=lithography+crates"
if "$PY" - "$ID1" <<'EOF' 2>py.err; then pass search_bounds_api_rare_exact; else fail search_bounds_api_rare_exact "$(tail -1 py.err)"; fi
import json, sys
j = json.load(open("api2.json"))
assert [r["id"] for r in j["results"]] == [int(sys.argv[1])], j["results"]
assert j["total"] == 1 and j["total_exact"] is True and j["ranked"] == 1, j
EOF
curl -s -o page.html "$BASE/search?q=harbour"
contains search_bounds_page_estimate page.html \
    "<p class=\"mute count\">About 6 results, estimated from the newest $base that match; the best 2 of the newest 2 matches shown.</p>"
stop_started
PIDS=""
if start_server plain; then
    curl -s -o api3.json "$BASE/api/v1/search?q=harbour&limit=2"
    if "$PY" - "$ID1" <<'EOF' 2>py.err; then pass search_bounds_api_exact; else fail search_bounds_api_exact "$(tail -1 py.err)"; fi
import json, sys
j = json.load(open("api3.json"))
assert j["results"][0]["id"] == int(sys.argv[1]) and len(j["results"]) == 2, j["results"]
assert j["total"] == 6 and j["total_exact"] is True and j["ranked"] == 6, j
EOF
else
    fail search_bounds_serve_plain "no port after 10 s"
fi

# ---- MCP ----
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":{"query":"harbour","limit":5}}}' |
    MTRACK_SEARCH_RANKED=2 MTRACK_SEARCH_COUNTED=3 $M mcp >mcp.out 2>mcp.err
if "$PY" - <<'EOF' 2>py.err; then pass search_bounds_mcp_estimate; else fail search_bounds_mcp_estimate "$(tail -1 py.err)"; fi
import json
r = json.loads(open("mcp.out").readline())["result"]["structuredContent"]
assert r["count"] == 2 and r["total"] == 6 and r["total_exact"] is False and r["ranked"] == 2, r
EOF
