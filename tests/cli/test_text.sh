#!/bin/sh
# Issue 12, items 18-20: what comes out of untrusted text. Links from feeds
# are stored as given but only http(s) links are handed out (CLI, API, MCP,
# Atom, reports); search hits are marked so that brackets in an article are
# not hits; feed titles are text; deep pages, invalid UTF-8 and stray
# control bytes are read, not lost or misread.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip text "python3 is not installed"; exit 0; }
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do
        i=0
        while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
printf '[tracker]\nname = tx\ntitle = Text checks\n\n[theme all]\ntitle = Everything\ntypes = funding, acquisition\n' >tx.ini
mkstore() { rm -f "$1"; $M --db "$1" init --tracker tx.ini >/dev/null 2>&1; }
# nolink NAME FILE: PASS when FILE holds no javascript: or data: link
nolink() {
    if grep -qiE 'javascript:|data:text' "$2"; then fail "$1" "$(grep -oiE '.{0,40}(javascript:|data:text).{0,20}' "$2" | head -2)"
    else pass "$1"; fi
}
# pyjson NAME FILE PYTHON-EXPR: PASS when the expression holds for j = FILE's JSON
pyjson() {
    if $PY -c "import json,sys; j=json.load(open(sys.argv[1])); assert $3, j" "$2" >/dev/null 2>py.err; then pass "$1"
    else fail "$1" "$(tail -n 1 py.err | cut -c1-300)"; fi
}

# ---- 18. javascript: and data: links are stored, never handed out ----
mkdir -p links
cat >links/feed.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Link Wire</title><link>http://127.0.0.1:9/</link>
<item><title>Orvanta raises $5 million</title><link>javascript:alert(1)</link><guid isPermaLink="false">urn:l:1</guid>
<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>
<description>Orvanta raised $5 million in a seed round led by Kestrel Ventures, the company said on Tuesday.</description></item>
<item><title>Dravolt raises $7 million</title><link>data:text/html,hello</link><guid isPermaLink="false">urn:l:2</guid>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate>
<description>Dravolt raised $7 million in a Series A round led by Ashgrove Capital, the company said.</description></item>
<item><title>Pellura raises $9 million</title><link>http://127.0.0.1:9/pellura</link><guid isPermaLink="false">urn:l:3</guid>
<pubDate>Mon, 02 Mar 2026 11:00:00 GMT</pubDate>
<description>Pellura raised $9 million in a Series A round led by Ashgrove Capital, the company said.</description></item>
</channel></rss>
XML
mkstore links.db
$M --db links.db ingest links/feed.xml >/dev/null 2>&1
# brackets of its own, and the snippet marks' code points, in an article
printf 'Kelvora opens a plant\n\nKelvora said [its] figures [were] final and \356\200\200the\356\200\201 Kelvora plant opens.\n' >links/brackets.txt
$M --db links.db ingest links/brackets.txt >/dev/null 2>&1
# hits_ok FILE PATH: the search results at PATH (python) mark Kelvora only
hits_ok() {
    pyjson "$1" "$2" "[(p['text'], p['hit']) for p in $3[0]['snippet_parts'] if p['hit']] == [('Kelvora', True)] * 2 and '[its] figures [were]' in $3[0]['snippet'] and not any(c in json.dumps(j) for c in ('\\ue000', '\\ue001'))"
}
stored=$(sqlite3 links.db "SELECT count(*) FROM documents WHERE url LIKE 'javascript:%' OR url LIKE 'data:%'" 2>/dev/null)
if [ "$stored" = 2 ]; then pass links_stored_as_given; else fail links_stored_as_given "$stored documents keep their link"; fi
$M --db links.db search --json raised >ls.json 2>&1
nolink links_cli_search_json ls.json
pyjson links_cli_search_http_kept ls.json 'sorted(str(r["url"]) for r in j) == ["None", "None", "http://127.0.0.1:9/pellura"]'
$M --db links.db search raised >ls.txt 2>&1
nolink links_cli_search_text ls.txt

# ---- 18. search hits: marks that cannot occur in text, the same everywhere ----
$M --db links.db search --json Kelvora >ks.json 2>&1
hits_ok hits_cli_json ks.json 'j'
$M --db links.db search Kelvora >ks.txt 2>&1
contains hits_cli_text_marked ks.txt '[Kelvora] said \[its\] figures \[were\] final and the [Kelvora] plant'
for f in md html json; do
    $M --db links.db report --tracker tx --format $f -o rep.$f >/dev/null 2>&1
    nolink links_report_$f rep.$f
done
pyjson links_report_json_null rep.json 'all(s["url"] in (None, "http://127.0.0.1:9/pellura") for s in j["sources"]) and len(j["sources"]) >= 2'
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"query":"raised"}}}' \
    '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_event","arguments":{"id":1}}}' \
    '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"search","arguments":{"query":"Kelvora"}}}' \
    | $M --db links.db mcp >mcp.out 2>mcp.err
nolink links_mcp mcp.out
contains links_mcp_answered mcp.out '"id":2,"result"'
grep '"id":4,' mcp.out >mcp4.json
hits_ok hits_mcp mcp4.json 'json.loads(j["result"]["content"][0]["text"])["results"]'

if command -v curl >/dev/null 2>&1; then
    rm -f s.port
    $M --db links.db serve --listen 127.0.0.1:0 --threads 2 --port-file s.port >serve.log 2>&1 &
    PIDS="$PIDS $!"
    i=0
    while [ ! -s s.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    if [ -s s.port ]; then
        B="http://127.0.0.1:$(cat s.port)"
        curl -s "$B/api/v1/search?q=raised" >as.json
        nolink links_api_search as.json
        pyjson links_api_search_null as.json 'sorted(str(r["url"]) for r in j["results"]) == ["None", "None", "http://127.0.0.1:9/pellura"]'
        : >ae.json
        for id in 1 2 3; do curl -s "$B/api/v1/events/$id" >>ae.json; done
        nolink links_api_event_mentions ae.json
        curl -s "$B/api/v1/events?tracker=tx" >al.json
        nolink links_api_events al.json
        curl -s "$B/t/tx/atom.xml" >atom.xml
        nolink links_atom atom.xml
        curl -s "$B/search?q=raised" >search.html
        nolink links_web_search search.html
        curl -s "$B/api/v1/search?q=Kelvora" >ak.json
        hits_ok hits_api ak.json 'j["results"]'
        curl -s "$B/search?q=Kelvora" >ks.html
        contains hits_web ks.html '<mark>Kelvora</mark> said [its] figures [were] final and the <mark>Kelvora</mark> plant'
    else
        fail links_serve_starts "no port after 10 s: $(head -3 serve.log)"
    fi
else
    skip links_api "curl is not installed"
fi
exit 0
