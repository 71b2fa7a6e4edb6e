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

# a tracker file's source is a link like any other: http(s) or refused
printf '[tracker]\nname = js\ntitle = J\n\n[theme a]\ntitle = A\ntypes = funding\n\n[source javascript:alert(1)]\n' >js.ini
rm -f js.db
$M --db js.db init --tracker js.ini >js.out 2>js.err; rc=$?
if [ $rc -eq 1 ] && grep -q "a source is an absolute http(s) URL" js.err; then pass links_tracker_source_refused
else fail links_tracker_source_refused "exit $rc: $(cat js.err)"; fi

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
# ---- 20. control bytes, invalid UTF-8 ----
mkdir -p enc
# a text article with a few stray ESC and BEL bytes and a terminal colour code
printf 'Tarvel opens a foundry\n\nTarvel opened a \033[1mfoundry\033[0m in Dresden on Monday.\033 The \007plant employs 300 people.\nIt cost the company $40 million, \033its chief executive said.\n' >enc/esc.txt
mkstore enc.db
$M --db enc.db ingest enc/esc.txt >esc.out 2>&1
contains txt_esc_not_binary esc.out "added 1 document"
t=$(sqlite3 enc.db "SELECT text FROM documents WHERE title LIKE 'Tarvel%'" 2>/dev/null)
case "$t" in
*"$(printf '\033')"*|*"$(printf '\007')"*|*"[1m"*) fail txt_esc_dropped "stored: $t" ;;
*"opened a foundry in Dresden"*) pass txt_esc_dropped ;;
*) fail txt_esc_dropped "stored: $t" ;;
esac
# real binary still refused: a tenth of its bytes control bytes
$PY -c 'import sys; sys.stdout.buffer.write(bytes((i * 7) % 32 if i % 10 == 0 else 97 for i in range(2000)))' >enc/bin.txt
expect_status txt_binary_refused 1 $M --db enc.db ingest enc/bin.txt
# invalid UTF-8 in a UTF-8 text: one U+FFFD, not the whole file read as Latin-1
printf 'Bad \342\202 Wire reports a round\nSource: Bad \342\202 Wire | 2026-03-02\n\nMervane raised $12 million in a Series A round led by Ashgrove Capital, the company said on Tuesday.\n' >enc/bad.txt
$M --db enc.db ingest enc/bad.txt >/dev/null 2>&1
got=$(sqlite3 enc.db "SELECT title || '|' || coalesce(outlet, '') FROM documents WHERE text LIKE 'Mervane%'" 2>/dev/null)
if [ "$got" = "Bad � Wire reports a round|Bad � Wire" ]; then pass txt_invalid_utf8_replaced
else fail txt_invalid_utf8_replaced "stored: $got"; fi
# a feed said to be UTF-8 with a damaged character: U+FFFD there, the rest
# UTF-8 (parse-feed keeps feedparser's reading: all of it windows-1252);
# an entry with no text stores an empty text
printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Bad \342\202 Wire</title><item><title>Caf\303\251 Nordl\303\266w raises $2 million</title><guid isPermaLink="false">urn:bad:1</guid><description>Caf\303\251 Nordl\303\266w raised $2 million in a seed round led by Kestrel Ventures.</description></item><item><title>Quiet note</title><guid isPermaLink="false">urn:bad:2</guid></item></channel></rss>\n' >enc/bad.xml
$M --db enc.db ingest enc/bad.xml >/dev/null 2>&1
got=$(sqlite3 enc.db "SELECT title || '|' || outlet FROM documents WHERE title LIKE 'Caf%raises%'" 2>/dev/null)
if [ "$got" = "Café Nordlöw raises \$2 million|Bad � Wire" ]; then pass feed_invalid_utf8_replaced
else fail feed_invalid_utf8_replaced "stored: $got"; fi
got=$(sqlite3 enc.db "SELECT length(text) FROM documents WHERE title = 'Quiet note'" 2>/dev/null)
if [ "$got" = 0 ]; then pass feed_entry_no_text_empty; else fail feed_entry_no_text_empty "text of $got bytes"; fi
# Latin-1 text is still read as Latin-1
printf 'Caf\351 Nordl\366w opens\n\nThe caf\351 opened in M\374nster on Monday, its owner said.\n' >enc/latin1.txt
$M --db enc.db ingest enc/latin1.txt >/dev/null 2>&1
got=$(sqlite3 enc.db "SELECT title FROM documents WHERE text LIKE '%owner said%'" 2>/dev/null)
if [ "$got" = "Café Nordlöw opens" ]; then pass txt_latin1_read; else fail txt_latin1_read "stored: $got"; fi
# an HTML page with no charset: UTF-8 with one damaged character
printf '<html><head><title>Bad \342\202 Wire \342\200\224 Ardent raises</title></head><body><article><p>Ardent Systems raised \342\202\25412 million in a seed round led by Kestrel Ventures, the company said on Tuesday, naming a caf\303\251 in Lyon as its first office.</p></article></body></html>\n' >enc/page.html
$M extract --json enc/page.html >page.json 2>&1
pyjson html_invalid_utf8_replaced page.json 'j["title"].startswith("Bad \ufffd Wire") and "\u20ac12 million" in j["text"] and "caf\u00e9" in j["text"]'
# a name of damaged bytes or symbols is not a company
printf 'Funding notes\n\n\300\257 raised $5 million in a seed round led by Kestrel Ventures, the company said.\n\303\200\302\257 raised $7 million in a seed round led by Kestrel Ventures, the company said.\n' >enc/org.txt
$M analyze --json enc/org.txt >org.json 2>&1
pyjson org_not_symbols org.json 'not [e for e in (j["events"] if isinstance(j, dict) else j) if (e.get("company") or "") in ("\u00c0\u00af", "\ufffd") or "\ufffd" in (e.get("company") or "")]'
# ---- 20. deep pages keep their article (libxml2 stopped at 256 levels) ----
for d in 200 255 3000; do
    $PY -c 'import sys
d = int(sys.argv[1])
p = "<p>Ardent Systems raised $12 million in a seed round led by Kestrel Ventures, the company said on Tuesday, to build its first inference chip in Lyon.</p>"
q = "<p>The chip is due next year, and the company plans to hire forty engineers for the work on it.</p>"
print("<html><head><title>Ardent raises</title></head><body>" + "<div>" * d + p + q + "</div>" * d + "</body></html>")' $d >deep$d.html
    $M extract --json deep$d.html >deep$d.json 2>&1
    pyjson html_deep_$d deep$d.json '"raised $12 million" in (j["text"] or "") and "forty engineers" in j["text"]'
done
# ---- 19. titles, outlets and authors are text (markup dropped, entities decoded) ----
mkdir -p titles
cat >titles/atom.xml <<'XML'
<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Quill &lt;i&gt;Wire&lt;/i&gt;</title><id>urn:q</id>
<entry><title type="html">&lt;script&gt;alert(1)&lt;/script&gt;Ardent &lt;b&gt;raises&lt;/b&gt; $12 million</title><id>urn:q:1</id>
<author><name>&lt;b&gt;Jo&lt;/b&gt; Smith</name></author><updated>2026-03-02T00:00:00Z</updated>
<summary>Ardent raised $12 million in a seed round led by Kestrel Ventures, the company said.</summary></entry>
</feed>
XML
cat >titles/rss.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Rook &amp;lt;b&amp;gt;Daily&amp;lt;/b&amp;gt;</title>
<item><title>Bexo &amp;lt;em&amp;gt;raises&amp;lt;/em&amp;gt; $4 million &amp;amp;amp; hires</title><guid isPermaLink="false">urn:r:1</guid>
<description>Bexo raised $4 million in a seed round led by Ashgrove Capital, the company said.</description></item>
</channel></rss>
XML
printf '%s\n' '{"version":"https://jsonfeed.org/version/1.1","title":"Jay <b>Feed</b>","items":[{"id":"j1","title":"Corvel &lt;b&gt;raises&lt;/b&gt; $3 million","content_html":"<p>Corvel raised $3 million in a seed round led by Kestrel Ventures.</p>","authors":[{"name":"<i>Al</i> Ray"}]}]}' >titles/feed.json
mkstore titles.db
$M --db titles.db ingest titles >/dev/null 2>&1
sqlite3 -separator '|' titles.db "SELECT title, outlet, coalesce(author, '') FROM documents ORDER BY title" >titles.out 2>&1
printf '%s\n' 'Ardent raises $12 million|Quill Wire|Jo Smith' 'Bexo raises $4 million & hires|Rook Daily|' 'Corvel raises $3 million|Jay Feed|Al Ray' >titles.want
if cmp -s titles.out titles.want; then pass feed_titles_text; else fail feed_titles_text "stored: $(tr '\n' ';' <titles.out)"; fi
cat >titles/page.html <<'HTML'
<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;Ardent &lt;b&gt;raises&lt;/b&gt; $12 million</title>
<meta property="og:site_name" content="Quill &lt;i&gt;Wire&lt;/i&gt;">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ardent <b>raises</b> $12 million","author":{"name":"<b>Jo</b> Smith"}}</script>
</head><body><article><p>Ardent Systems raised $12 million in a seed round led by Kestrel Ventures, the company said on Tuesday, to build its first inference chip in Lyon.</p></article></body></html>
HTML
$M extract --json titles/page.html >tpage.json 2>&1
pyjson page_title_text tpage.json 'j["title"] == "Ardent raises $12 million" and j["author"] == "Jo Smith" and j["site_name"] == "Quill Wire"'
exit 0
