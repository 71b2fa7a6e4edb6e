#!/bin/sh
# mtrack serve: the real server on a free loopback port against a store of
# samples/ plus a hostile article; pages, JSON API, filters, pagination,
# ETags, Atom, health, metrics, and attacks (markup injection, SSRF through
# sources, missing token, big bodies, dot-dot paths), checked with curl.
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null 2>&1 || { skip serve "curl is not installed"; exit 0; }
# The system's python starts in a tenth of the time a pyenv shim takes.
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip serve "python3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_DB="$(store_db serve)"
trap stop_started EXIT INT TERM

expect_status serve_help 0 "$M" serve --help
expect_status serve_bad_listen 2 "$M" serve --listen nowhere:x

$M init >/dev/null 2>&1 && $M ingest "$TOP/samples" >/dev/null 2>&1
mkdir -p hostile
cat >hostile/evil.txt <<'EOF'
Evil<script>alert(1)</script> Labs raises $50 million for AI chips
Source: Bad<img src=x onerror=alert(2)> Wire | 2026-03-20 | https://evil.example/a?x=<script>

Evil Labs raised $50 million in a Series A round led by Acme Ventures to build AI inference chips.
The company, based in London, said the funding would pay for its first tape-out of a data centre chip.
EOF
$M ingest hostile >/dev/null 2>&1

# start_server NAME [ENV...] (tests/cli/lib.sh): a server on a free port; sets BASE.
if ! start_server main MTRACK_TOKEN=s3cret-token; then
    fail serve_starts "no port after 10 s: $(head -3 main.log)"; exit 0
fi
pass serve_starts
MAIN_PID=$last_pid

# get PATH [CURL ARGS...]: body in b, headers in h; prints the status.
get() {
    p=$1; shift
    curl -s --path-as-is -o b -D h -w '%{http_code}' "$@" "$BASE$p"
}
# status NAME WANT PATH [CURL ARGS...]
status() {
    n=$1 want=$2; shift 2
    got=$(get "$@")
    if [ "$got" = "$want" ]; then pass "$n"; else fail "$n" "status $got, want $want for $1"; fi
}
# py NAME SCRIPT: runs python on file b (as text in variable s, JSON in j
# when it parses); PASS when the script exits 0.
py() {
    n=$1
    if "$PY" - "$2" <<'EOF' 2>"py.err"; then pass "$n"; else fail "$n" "$(tail -1 py.err)"; fi
import json, sys
s = open("b", encoding="utf-8", errors="replace").read()
try:
    j = json.loads(s)
except ValueError:
    j = None
h = open("h", encoding="latin-1").read().lower()
exec(sys.argv[1])
EOF
}

# ---- pages ----
status page_root 200 /
contains page_root_lists b 'href="/t/ai-infra"'
status page_report 200 /t/ai-infra
contains page_report_sources b 'Sources ('
contains page_report_nscale b 'Nscale'
py page_report_headers 'assert "content-security-policy: default-src" in h and "x-content-type-options: nosniff" in h and "referrer-policy:" in h and "unsafe-inline" not in h.split("content-security-policy:")[1].split("\n")[0]'
status page_events 200 /t/ai-infra/events
contains page_events_table b '<table class="events">'
status page_events_filtered 200 '/t/ai-infra/events?type=funding&min_usd=100M'
py page_events_filter_rows '
import re
rows = re.findall(r"<tr data-id=\"(\d+)\" data-type=\"(\w+)\" data-usd=\"(\d*)\"", s)
assert rows, "no rows"
assert all(t == "funding" and u and float(u) >= 1e8 for _, t, u in rows), rows'
status page_events_sorted 200 '/t/ai-infra/events?sort=usd&order=desc&limit=5'
py page_events_sort_order '
import re
us = [float(u or -1) for u in re.findall(r"data-usd=\"(\d*)\"", s)]
assert len(us) == 5 and us == sorted(us, reverse=True), us
assert "rel=\"next\"" in s'
status page_events_csv 200 '/t/ai-infra/events?type=funding&format=csv'
py page_events_csv_body 'assert "content-type: text/csv" in h and s.startswith("id,date,type,organization") and ",funding," in s'
status page_events_bad_filter 400 '/t/ai-infra/events?min_usd=lots'
status page_events_no_tracker 404 '/t/no-such-tracker/events'
status page_search 200 '/search?q=Nscale'
contains page_search_mark b '<mark>Nscale</mark>'
status page_event 200 /events/1
contains page_event_sources b 'Sources ('
status page_event_missing 404 /events/999999
status page_org 200 /org/Nscale
contains page_org_table b '<table class="events nosort">'
status static_css 200 /static/app.css
status static_missing 404 /static/nope.js

# ---- API ----
status api_trackers 200 /api/v1/trackers
py api_trackers_json 'assert j["trackers"][0]["name"] == "ai-infra" and "application/json" in h'
status api_report 200 /api/v1/trackers/ai-infra/report
py api_report_json 'assert isinstance(j, dict) and j'
status api_events_page1 200 '/api/v1/events?limit=2'
py api_events_next 'assert len(j["events"]) == 2 and j["next"] and "offset=2" in j["next"]; open("next", "w").write(j["next"]); open("ids1", "w").write(" ".join(str(e["id"]) for e in j["events"]))'
status api_events_page2 200 "$(cat next 2>/dev/null)"
py api_events_page2_distinct 'ids1 = open("ids1").read().split(); assert len(j["events"]) == 2 and not set(ids1) & {str(e["id"]) for e in j["events"]} and j["offset"] == 2'
status api_events_filtered 200 '/api/v1/events?type=funding&min_usd=100M&limit=500'
py api_events_filter_ok 'assert j["events"] and all(e["event"]["type"] == "funding" and e["event"]["amount_usd"] >= 1e8 for e in j["events"]) and j["next"] is None'
status api_events_org 200 '/api/v1/events?org=nscale'
py api_events_org_ok 'assert j["events"] and all("nscale" in json.dumps(e["event"]).lower() for e in j["events"])'
status api_events_bad 400 '/api/v1/events?type=party'
py api_error_shape 'assert j["error"]["status"] == 400 and j["error"]["message"]'
status api_event 200 /api/v1/events/1
py api_event_mentions 'assert j["id"] == 1 and j["mentions"] and j["mentions"][0]["sentence"]'
status api_event_missing 404 /api/v1/events/999999
py api_404_json 'assert j == {"error": {"status": 404, "message": j["error"]["message"]}}'
status api_unknown 404 /api/v1/nothing-here
status api_search 200 '/api/v1/search?q=Nscale&limit=3'
py api_search_json 'assert 0 < len(j["results"]) <= 3 and {"text": "Nscale", "hit": True} in j["results"][0]["snippet_parts"]'
status api_search_noq 400 /api/v1/search
status api_sources 200 /api/v1/sources
py api_sources_json 'assert isinstance(j["sources"], list) and j["sources"]'
status api_orgs 200 /api/v1/organizations
py api_orgs_json 'assert any(o["name"] == "Nscale" for o in j["organizations"])'
status api_method 405 /api/v1/events -X PUT

# ---- ETag ----
get /api/v1/events >/dev/null
etag=$(tr -d '\r' <h | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
if [ -n "$etag" ]; then pass etag_present; else fail etag_present "no ETag"; fi
status etag_304 304 /api/v1/events -H "If-None-Match: $etag"
status etag_other_200 200 /api/v1/events -H 'If-None-Match: "nope"'
get /t/ai-infra >/dev/null
etag=$(tr -d '\r' <h | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
status etag_report_304 304 /t/ai-infra -H "If-None-Match: $etag"

# ---- Atom, health, metrics ----
status atom 200 /t/ai-infra/atom.xml
if "$PY" -c '
import sys, xml.dom.minidom as m
d = m.parse("b")
f = d.documentElement
assert f.tagName == "feed" and f.getAttribute("xmlns") == "http://www.w3.org/2005/Atom"
es = d.getElementsByTagName("entry")
assert es and all(e.getElementsByTagName("id") and e.getElementsByTagName("updated") and e.getElementsByTagName("title") for e in es)
' 2>py.err; then pass atom_parses; else fail atom_parses "$(tail -1 py.err)"; fi
status healthz 200 /healthz
contains healthz_ok b ok
status metrics 200 /metrics
py metrics_text 'import re; assert int(re.search(r"^mtrack_documents (\d+)$", s, re.M).group(1)) > 0 and "mtrack_events " in s and "mtrack_fetch_errors " in s and "mtrack_http_requests_total{route=\"api_events\",code=\"2xx\"}" in s and "mtrack_http_request_duration_seconds_bucket{route=\"report\",le=\"+Inf\"}" in s'

# ---- attacks: markup from a source is escaped everywhere ----
get '/search?q=Evil' >/dev/null
py xss_search_page 'assert "&lt;script&gt;alert(1)&lt;/script&gt;" in s and "<script>alert" not in s and "<img src=x" not in s'
get '/t/ai-infra/events?org=Evil' >/dev/null
py xss_events_page 'assert "Evil&lt;script&gt;" in s and "<script>alert" not in s'
get '/t/ai-infra' >/dev/null
py xss_report_page 'assert "<script>alert" not in s and "<img src=x" not in s'
get '/t/ai-infra/atom.xml' >/dev/null
py xss_atom 'assert "<script>" not in s and "&lt;script&gt;" in s'
get '/api/v1/events?org=Evil' >/dev/null
py xss_api_json 'assert j["events"][0]["event"]["company"].startswith("Evil<script>") and "application/json" in h and "nosniff" in h'
evid=$("$PY" -c 'import json; print(json.load(open("b"))["events"][0]["id"])' 2>/dev/null)
get "/events/$evid" >/dev/null
py xss_event_page 'assert "<script>alert" not in s and "<img src=x" not in s and "&lt;img src=x" in s'
get "/search?q=%3Cscript%3Ealert(9)%3C/script%3E" >/dev/null
py xss_query_reflected 'assert "<script>alert(9)" not in s'

# ---- attacks: writes ----
AUTH="Authorization: Bearer s3cret-token"
status write_no_token 401 /api/v1/sources -X POST -d '{"url":"http://93.184.215.14/feed.xml"}'
status write_bad_token 401 /api/v1/sources -X POST -H "Authorization: Bearer wrong" -d '{"url":"http://93.184.215.14/feed.xml"}'
for u in http://127.0.0.1/feed http://localhost:8080/ 'http://[::1]/x' http://169.254.169.254/latest/meta-data/ \
         http://10.1.2.3/ http://192.168.0.1/ http://172.16.5.4/ http://0.0.0.0/ 'http://[::ffff:127.0.0.1]/' \
         'http://[fe80::1]/' 'http://[fd00::1]/' http://2130706433/ http://user@93.184.215.14/ file:///etc/passwd; do
    status "ssrf_refused $u" 400 /api/v1/sources -X POST -H "$AUTH" -H 'Content-Type: application/json' -d "{\"url\":\"$u\"}"
done
status write_bad_json 400 /api/v1/sources -X POST -H "$AUTH" -d '{"url":'
status write_add 201 /api/v1/sources -X POST -H "$AUTH" -H 'Content-Type: application/json' -d '{"url":"http://93.184.215.14/feed.xml","title":"<b>T</b>"}'
py write_add_json 'assert j["url"] == "http://93.184.215.14/feed.xml" and j["id"] > 0'
status write_listed 200 /api/v1/sources
py write_listed_json 'assert any(x["url"] == "http://93.184.215.14/feed.xml" for x in j["sources"])'
status write_delete_no_token 401 '/api/v1/sources?url=http%3A%2F%2F93.184.215.14%2Ffeed.xml' -X DELETE
status write_delete 200 '/api/v1/sources?url=http%3A%2F%2F93.184.215.14%2Ffeed.xml' -X DELETE -H "$AUTH"
status write_delete_again 404 '/api/v1/sources?url=http%3A%2F%2F93.184.215.14%2Ffeed.xml' -X DELETE -H "$AUTH"
status update_no_token 401 /api/v1/update -X POST
head -c 70000 /dev/zero | tr '\0' 'a' >big.json
status body_too_large 413 /api/v1/sources -X POST -H "$AUTH" --data-binary @big.json
status body_too_large_chunked 413 /api/v1/sources -X POST -H "$AUTH" -H 'Transfer-Encoding: chunked' --data-binary @big.json
head -c 70000 /dev/zero | tr '\0' 'a' >big.hdr
status headers_too_large 431 / -H "X-Big: $(cat big.hdr)"

# ---- attacks: paths ----
for p in /static/../../etc/passwd /static/%2e%2e/%2e%2e/etc/passwd /t/%2e%2e/%2e%2e/etc/passwd \
         /static/..%2f..%2fMakefile /../../../../etc/passwd /api/v1/../../etc/passwd '/static/app.css%00.txt'; do
    got=$(get "$p")
    if { [ "$got" = 400 ] || [ "$got" = 404 ]; } && ! grep -q 'root:' b && ! grep -q 'PKGS' b; then
        pass "path_refused $p"
    else
        fail "path_refused $p" "status $got"
    fi
done

# ---- writes refused without MTRACK_TOKEN ----
if start_server notoken MTRACK_TOKEN=; then
    status write_disabled 403 /api/v1/sources -X POST -d '{"url":"http://93.184.215.14/feed.xml"}'
    py write_disabled_json 'assert j["error"]["status"] == 403'
    status update_disabled 403 /api/v1/update -X POST
else
    fail write_disabled "second server did not start"
fi

# ---- POST /update runs `mtrack update` (a store without sources: no network) ----
# serve refuses a store that does not exist; an empty file (or database) is a new store
if on_sqlite; then empty_db="$TESTDIR/empty.db"; : >"$empty_db"; else empty_db=$(store_db empty); fi
if start_server empty MTRACK_TOKEN=s3cret-token MTRACK_DB="$empty_db"; then
    status update_runs 200 /api/v1/update -X POST -H "$AUTH"
    py update_json 'assert j["exit_status"] == 0 and j["ok"] is True and "nothing to fetch" in j["output"]'
else
    fail update_runs "third server did not start"
fi

# ---- complete answers, reports with limits (issue 15, issue 12 #10) ----
BASE="http://127.0.0.1:$(cat main.port)"
ALL=$(sql "SELECT count(*) FROM events")
status events_total_always 200 "/api/v1/events?limit=1"
py events_total_always_json "assert j['total'] == $ALL and ($ALL == 0 or j['count'] == 1), (j.get('total'), $ALL)"
status events_asc_total 200 "/api/v1/events?order=asc&sort=usd&limit=2"
py events_asc_total_json "assert j['total'] == $ALL and (j['next'] is not None) == ($ALL > 2)"
status report_limit 200 "/api/v1/trackers/ai-infra/report?limit=1"
py report_limit_json "assert j['summary']['top'] == 1
for t in j['themes']:
    assert len(t['events']) <= 2 and len(t['documents']) <= 1, t['name']
    assert t['events_total'] == t['events_more'] + len(t['events']) and t['documents_total'] == t['documents_more'] + len(t['documents'])
cited = set(n for t in j['themes'] for e in t['events'] for n in e['sources']) | set(n for t in j['themes'] for n in t['documents'])
assert cited == set(s['n'] for s in j['sources']), (sorted(cited), len(j['sources']))"
status report_limit_bad 400 "/api/v1/trackers/ai-infra/report?limit=x"
status report_limit_zero 400 "/api/v1/trackers/ai-infra/report?limit=0"
status organizations_limit 200 "/api/v1/organizations?limit=1"
py organizations_limit_json "assert len(j['organizations']) <= 1 and j['limit'] == 1 and j['total'] >= len(j['organizations'])"

# ---- one header on every page (issue 14): the brand, the trackers, the
# page's tracker when it has one, the search form; the report's too ----
for p in / /t/ai-infra /t/ai-infra/events /events/1 /org/Nscale /docs/1 '/search?q=chips' /no/such/page; do
    get "$p" >/dev/null
    py "shared_header $p" '
import re
hs = re.findall(r"<header class=\"top\">.*?</header>", s, re.S)
assert len(hs) == 1, len(hs)
h0 = hs[0]
assert h0.startswith("<header class=\"top\"><a class=\"brand\" href=\"/\">mtrack</a><nav class=\"site\" aria-label=\"Site\"><a href=\"/\">Trackers</a>"), h0[:160]
assert "<form action=\"/search\" method=\"get\" role=\"search\">" in h0, h0
assert "nav class=\"serve\"" not in s'
done
get /t/ai-infra >/dev/null
py shared_header_report_tracker '
assert "<a class=\"tracker\" href=\"/t/ai-infra\">" in s and "href=\"/t/ai-infra/events\">Events</a>" in s
css = s.split("<style>")[1].split("</style>")[0]
assert "header.top{" in css, "the header is unstyled on the report page"'
get /t/ai-infra/events >/dev/null
py shared_header_events_tracker 'assert "<a class=\"tracker\" href=\"/t/ai-infra\">" in s'
# the report's charts: every bar has a tooltip of its full label
get /t/ai-infra >/dev/null
py report_chart_tooltips '
import re
figs = re.findall(r"<figure class=\"chart\">.*?</figure>", s, re.S)
assert figs, "no chart"
for f in figs:
    assert f.count("<rect") == f.count("<title>"), f[:200]
assert "$0<" not in s'

# ---- what a reader sees (issue 14, looked at in screenshots): words, not
# identifiers; hints that do not look like values; counts that are counts ----
status page_events_words_200 200 /t/ai-infra/events
py page_events_words '
import re
types = re.findall(r"<td class=\"type\">([^<]*)</td>", s)
assert "stock move" in types and not any("_" in t for t in types), sorted(set(types))
opts = re.findall(r"<option value=\"stock_move\"[^>]*>([^<]*)<", s)
assert opts == ["stock move"], opts
assert "-&gt;" not in s and re.search(r"<td class=\"opt\">(acquired|agreed to acquire|acquiring) ", s), "acquisitions in words"
assert re.search(r"<td class=\"opt\">[+-][\d.]+%, closed at \$[\d.]+</td>", s)
ph = re.findall(r"placeholder=\"([^\"]*)\"", s)
assert all(p.startswith("e.g. ") for p in ph if p != "Search the articles"), ph
assert re.search(r"<a href=\"/events/\d+\">\d+<span class=\"unit\"> sources?</span></a>", s)'
# a misspelt filter is named on the page, not passed off as applied; a
# link's tracking tags are not
status page_events_misspelt_200 200 "/t/ai-infra/events?tpye=funding&utm_source=mail&theme=investment"
py page_events_misspelt_named '
import re
m = re.search(r"<p class=\"warn\" id=\"ignored\">(.*?)</p>", s)
assert m, "no notice of the ignored parameter"
assert "<code>tpye</code>" in m.group(1) and "utm_source" not in m.group(1), m.group(1)
assert "type, theme" in m.group(1), m.group(1)'
status page_events_known_200 200 "/t/ai-infra/events?type=funding&utm_campaign=x&fbclid=1"
py page_events_known_no_notice 'assert "id=\"ignored\"" not in s'
status page_search_misspelt_200 200 "/search?q=chips&limt=5"
py page_search_misspelt_named 'assert "<code>limt</code>" in s, "no notice"'
status page_event_words_200 200 "/events/$(sql "SELECT id FROM events WHERE company = 'Nscale' AND type = 'funding'")"
py page_event_words '
import re
assert "<h1>Nscale: funding</h1>" in s, re.search(r"<h1>.*?</h1>", s)
assert re.search(r"<dt>First reported</dt><dd>Mar 10, 2026</dd>", s), re.search(r"First reported.{0,40}", s)'
status page_root_never_fetched_200 200 /
py page_root_never_fetched '
import re
# the default tracker sources were never fetched (the store holds files): no "none failing"
sec = re.search(r"<section class=\"tracker\">.*?</section>", s, re.S).group(0)
assert re.search(r"<p class=\"sources\">\d+ sources, none fetched yet", sec), sec[-300:]
assert re.search(r"<dd class=\"sources\">\d+ sources, none fetched yet</dd>", s)'
status org_investor_once_200 200 /org/Shorooq
py org_investor_once '
import re
# a round the organisation only invested in is listed once, as its round
assert "<h2>Events (0)</h2>" in s and "None: it is named only as an investor." in s, re.search(r"<h2>Events.*?</p>", s, re.S)
assert "<h2>As an investor (1 round)</h2>" in s
assert len(re.findall(r"<tr data-id=", s)) == 1, len(re.findall(r"<tr data-id=", s))'
status search_counts_all_200 200 '/search?q=the'
py search_counts_all '
import re
m = re.search(r"<p class=\"mute count\">(\d+) results; the best 50 shown\.</p>", s)
assert m and int(m.group(1)) > 50, re.search(r"<p class=\"mute count\">.*?</p>", s)
assert len(re.findall(r"<li>", s.split("<ul class=\"plain results\">")[1].split("</ul>")[0])) == 50'

# ---- the home page (issue 14): each tracker's latest events, when the
# store was last updated, and its sources' health ----
home_db=$(store_db home)
closed=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# a feed that answers (the main server's Atom feed) and one that does not
MTRACK_DB="$home_db" "$M" sources add "$BASE/t/ai-infra/atom.xml" >/dev/null 2>&1
MTRACK_DB="$home_db" "$M" sources add "http://127.0.0.1:$closed/gone.xml" >/dev/null 2>&1
MTRACK_DB="$home_db" "$M" update >home_update.log 2>&1
if start_server home MTRACK_DB="$home_db"; then
    status home_page 200 /
    py home_latest_events '
import re
sec = re.findall(r"<section class=\"tracker\">.*?</section>", s, re.S)
assert len(sec) == 1, len(sec)
items = re.findall(r"<li><a href=\"/events/(\d+)\">([^<]*)</a>", sec[0])
assert 1 <= len(items) <= 5, items
assert any("$" in t for _, t in items), items
assert "Latest event first reported" in sec[0]'
    py home_updated '
import re
newest = re.search(r"<dd class=\"newest\">(.*?)</dd>", s).group(1)
fetched = re.search(r"<dd class=\"fetched\">(.*?)</dd>", s).group(1)
assert re.match(r"[A-Z][a-z]{2} \d+, 20\d\d", newest), newest
assert re.match(r"[A-Z][a-z]{2} \d+, 20\d\d, \d\d:\d\d UTC", fetched), fetched'
    py home_source_health "
import re
assert '<dd class=\"sources\">2 sources, <strong>1 failing</strong></dd>' in s, re.search(r'<dd class=\"sources\">.*?</dd>', s)
rows = re.findall(r'<tr><td>.*?</tr>', s.split('<table class=\"failing\">')[1], re.S)
assert len(rows) == 1, rows
assert ':$closed/gone.xml' in rows[0] and 'connect' in rows[0], rows[0]
assert '<td class=\"success\"><span class=\"none\">&mdash;</span> <span class=\"mute\">(never)</span>' in rows[0], rows[0]"
else
    fail home_page "the home store's server did not start"
fi
BASE="http://127.0.0.1:$(cat empty.port)"
status home_empty 200 /
py home_empty_placeholders '
import re
for cls in ("newest", "fetched"):
    d = re.search(r"<dd class=\"%s\">(.*?)</dd>" % cls, s).group(1)
    assert d.startswith("<span class=\"none\">&mdash;</span>"), d
assert "failing" not in s.split("<dd class=\"sources\">")[1].split("</dd>")[0]'
BASE="http://127.0.0.1:$(cat main.port)"

# each stored tracker shows its own sources' health: those its INI names
# and those no tracker names (every tracker reads them)
trk_db=$(store_db trackers)
printf '[tracker]\nname = alpha\ntitle = Alpha chips\n[theme a]\ntitle = A\n[source %s]\ntitle = Alpha ok\n[source http://127.0.0.1:%s/alpha-gone.xml]\ntitle = Alpha gone\n' \
    "$BASE/t/ai-infra/atom.xml" "$closed" >alpha.ini
printf '[tracker]\nname = beta\ntitle = Beta compute\n[theme b]\ntitle = B\n[source http://127.0.0.1:%s/beta-gone.xml]\ntitle = Beta gone\n' "$closed" >beta.ini
MTRACK_DB="$trk_db" "$M" init --tracker alpha.ini >/dev/null 2>&1
MTRACK_DB="$trk_db" "$M" init --tracker beta.ini >/dev/null 2>&1
MTRACK_DB="$trk_db" "$M" sources add "http://127.0.0.1:$closed/shared-gone.xml" "Shared gone" >/dev/null 2>&1
MTRACK_DB="$trk_db" "$M" update >trk_update.log 2>&1
if start_server trackers MTRACK_DB="$trk_db"; then
    status home_trackers 200 /
    py home_tracker_sources "
import re
secs = {re.search(r'href=\"/t/(\w+)\"', x).group(1): x for x in re.findall(r'<section class=\"tracker\">.*?</section>', s, re.S)}
assert sorted(secs) == ['alpha', 'beta'], sorted(secs)
a, b = secs['alpha'], secs['beta']
assert '<p class=\"sources\">3 sources, <strong>2 failing</strong>; last success <span class=\"success\">' in a, a
assert re.search(r'last success <span class=\"success\">[A-Z][a-z]{2} \d+, 20\d\d, \d\d:\d\d UTC</span>', a), a
assert '<p class=\"sources\">2 sources, <strong>2 failing</strong>; last success <span class=\"success\"><span class=\"none\">&mdash;</span> <span class=\"mute\">(never)</span></span>' in b, b
fa = re.findall(r'/([a-z]+)-gone\.xml', a)
fb = re.findall(r'/([a-z]+)-gone\.xml', b)
assert fa == ['alpha', 'shared'] and fb == ['beta', 'shared'], (fa, fb)
assert 'Alpha ok' not in a, 'a source that answers is not failing'
assert '<dd class=\"sources\">4 sources, <strong>3 failing</strong></dd>' in s"
else
    fail home_trackers "the trackers store's server did not start"
fi
BASE="http://127.0.0.1:$(cat main.port)"

# ---- answers kept per data version (issue 15): the same answer again,
# a new one once another process has ingested ----
status answer_cache_first 200 '/api/v1/events?limit=3&sort=usd'
cp b ac1.json
status answer_cache_again 200 '/api/v1/events?limit=3&sort=usd'
if cmp -s b ac1.json; then pass answer_cache_same_answer; else fail answer_cache_same_answer "the second answer differs"; fi
status answer_cache_search_none 200 '/api/v1/search?q=Quorvane'
py answer_cache_search_none_empty 'assert j["results"] == [], j'
mkdir -p later
cat >later/quorvane.txt <<'EOF'
Quorvane Systems raises $940 million to build AI data centres
Source: Test Wire | 2026-03-22 | https://testwire.example/quorvane

Quorvane Systems raised $940 million in a Series C round led by Northwind Capital to build AI data centres.
The company, based in Oslo, said the money would pay for two sites with 300 MW of capacity.
EOF
$M ingest later >/dev/null 2>&1
status answer_cache_after_ingest 200 '/api/v1/events?limit=3&sort=usd'
py answer_cache_after_ingest_new "
old = json.load(open('ac1.json'))
assert j['total'] == old['total'] + 1, (j['total'], old['total'])"
status answer_cache_new_event 200 '/api/v1/events?org=quorvane'
py answer_cache_new_event_found 'assert j["total"] == 1 and "Quorvane" in json.dumps(j["events"][0]["event"]), j'
status answer_cache_search_after_ingest 200 '/api/v1/search?q=Quorvane'
py answer_cache_search_found 'assert len(j["results"]) == 1 and "Quorvane" in j["results"][0]["title"], j'

# ---- a clean stop (and, under the sanitizers, no report) ----
kill "$MAIN_PID" 2>/dev/null
wait "$MAIN_PID" 2>/dev/null; rc=$?
if [ "$rc" -eq 0 ]; then pass serve_stops_cleanly; else fail serve_stops_cleanly "exit $rc: $(tail -3 main.log)"; fi
if grep -q 'Sanitizer' main.log; then fail serve_sanitizers "$(grep -m1 Sanitizer main.log)"; else pass serve_sanitizers; fi
