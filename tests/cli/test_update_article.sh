#!/bin/sh
# Issue 12, item 5: an updated article is taken in. A story seen again at
# its URL or canonical URL with a changed text replaces the stored document
# (text, headline, hash, full-text row, near-duplicate data), its events are
# derived again (the old text's mentions removed, an event left with none
# removed, an event other outlets report keeping theirs) and each event
# keeps what changed ("amount: was $77 million, now $97 million"), shown by
# `events --format json`, the API, MCP and the event page. An unchanged text
# is still "skipped ... already stored". The same through `update`, from a
# loopback server whose page changes between runs: a page followed as a
# source, and a feed's teaser entry whose headline changed with its page.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip update_article "python3 is not installed"; exit 0; }
on_sqlite && ! command -v sqlite3 >/dev/null 2>&1 && { skip update_article "sqlite3 is not installed"; exit 0; }
# the stores (SQLite files or PostgreSQL databases: lib.sh's store_db)
SA=$(store_db a) SP=$(store_db p) SB=$(store_db b) SF=$(store_db f)
# dbsql STORE QUERY (group_concat as each back end spells it)
dbsql() {
    q=$2
    on_sqlite || q=$(printf '%s' "$q" | sed -E 's/group_concat\(([^)]*)\)/string_agg((\1)::text, \x27,\x27)/g')
    MTRACK_DB=$1 sql "$q"
}
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
printf '[tracker]\nname = u5\ntitle = Updates\n\n[theme all]\ntitle = Everything\ntypes = funding, acquisition\n' >u5.ini
mkstore() { $M --db "$1" init --tracker u5.ini >/dev/null 2>&1; }
# jq-like checks: py NAME FILE EXPR (j is the JSON of FILE)
py() {
    if $PY -c 'import json, sys; j = json.load(open(sys.argv[1])); exec("assert " + sys.argv[2])' "$2" "$3" 2>py.err; then
        pass "$1"
    else fail "$1" "$(tail -n 1 py.err)"; fi
}

# ---- ingest of a changed file ----
cat >v1.txt <<'EOF'
Lumenor Photonics raises $77 million in Series B round
Source: Example Wire | 2026-03-10 | https://news.example.com/lumenor-round

Lumenor Photonics, a maker of optical links for AI data centres, said on Tuesday it raised $77 million in a Series B round led by Ashgrove Capital. The company, based in Exampleton, will spend the money on a second factory. Quillfeather Labs also took part.

The factory will make the glass parts that carry light between racks of servers, work the company now buys from two suppliers abroad. Its founders, who met while working on telescope mirrors, started the business six years ago in a rented barn.

Separately, Lumenor Photonics agreed to acquire Brightwave Optics for $12 million, the company said.
EOF
# the update: new figures, the investor line and the acquisition gone
sed -e 's/\$77 million/$97 million/g; s/Series B/Series C/g; s/ Quillfeather Labs also took part.//' -e '/Separately/d' v1.txt >v2.txt
mkstore "$SA"
$M --db "$SA" ingest v1.txt >i1.out 2>&1
$M --db "$SA" events --format json >e1.json 2>&1
bands1=$(dbsql "$SA" "SELECT group_concat(band) FROM (SELECT band FROM document_bands ORDER BY band) x")
$M --db "$SA" ingest v2.txt >i2.out 2>&1
$M --db "$SA" events --format json >e2.json 2>&1
bands2=$(dbsql "$SA" "SELECT group_concat(band) FROM (SELECT band FROM document_bands ORDER BY band) x")
contains ingest_changed_text_is_an_update i2.out "updated 1"
if grep -q "skipped 1" i2.out; then fail ingest_changed_text_not_skipped "$(cat i2.out)"; else pass ingest_changed_text_not_skipped; fi
py update_new_figures e2.json '[(x["event"]["amount_usd"], x["event"]["round"]) for x in j if x["event"]["type"] == "funding"] == [(97e6, "Series C")]'
id1=$($PY -c 'import json; print([x["id"] for x in json.load(open("e1.json")) if x["event"]["type"] == "funding"][0])' 2>/dev/null)
py update_keeps_event_id e2.json "[x['id'] for x in j if x['event']['type'] == 'funding'] == [$id1]"
py update_event_without_mention_removed e2.json 'not [x for x in j if x["event"]["type"] == "acquisition"]'
py update_investors_from_new_text e2.json '[x["event"]["investors"] for x in j if x["event"]["type"] == "funding"] == [["Ashgrove Capital"]]'
py update_history_in_events_json e2.json '[(c["field"], c["was"], c["now"]) for x in j for c in x["changes"]] == [("amount", "$77 million", "$97 million"), ("round", "Series B", "Series C")]'
n_docs=$(dbsql "$SA" "SELECT count(*) || ' ' || min(title) FROM documents")
if [ "$n_docs" = "1 Lumenor Photonics raises \$97 million in Series C round" ]; then pass update_replaces_the_document
else fail update_replaces_the_document "$n_docs"; fi
hash=$(dbsql "$SA" "SELECT content_hash FROM documents")
$M --db "$SA" search Quillfeather >s1.out 2>&1
$M --db "$SA" search "Series C" >s2.out 2>&1
if grep -q "no documents match" s1.out && grep -q "Series C round" s2.out; then pass update_refreshes_full_text
else fail update_refreshes_full_text "$(cat s1.out s2.out)"; fi
if [ -n "$bands1" ] && [ -n "$bands2" ] && [ "$bands1" != "$bands2" ]; then pass update_refreshes_near_duplicate_bands
else fail update_refreshes_near_duplicate_bands "bands before '$bands1', after '$bands2'"; fi
$M --db "$SA" ingest v2.txt >i3.out 2>&1
contains ingest_unchanged_text_skipped i3.out "skipped 1 already stored"
if [ "$(dbsql "$SA" "SELECT content_hash FROM documents")" = "$hash" ] && [ "$(dbsql "$SA" "SELECT count(*) FROM event_changes")" = 2 ]; then
    pass unchanged_text_changes_nothing
else fail unchanged_text_changes_nothing "$(dbsql "$SA" "SELECT count(*) FROM event_changes") changes"; fi

# ---- a file that names no URL is known by its path ----
mkdir -p notes
sed -e '2d' v1.txt >notes/lumenor.txt
mkstore "$SP"
$M --db "$SP" ingest notes >p1.out 2>&1
sed -e '2d' v2.txt >notes/lumenor.txt
$M --db "$SP" ingest notes >p2.out 2>&1
$M --db "$SP" events --format json >p2.json 2>&1
contains file_without_url_changed_is_an_update p2.out "updated 1"
py file_without_url_new_figures p2.json '[(x["event"]["amount_usd"], x["event"]["round"], x["sources"]) for x in j if x["event"]["type"] == "funding"] == [(97e6, "Series C", 1)]'
cp notes/lumenor.txt copy.txt
$M --db "$SP" ingest copy.txt >p3.out 2>&1
contains file_copy_elsewhere_skipped p3.out "skipped 1 already stored"

# ---- an event other outlets report keeps their mentions ----
cat >other.txt <<'EOF'
Optical start-up Lumenor Photonics lands $77 million
Source: Other Post | 2026-03-11 | https://other.example.net/2026/lumenor

Investors led by Ashgrove Capital put $77 million into Lumenor Photonics in a Series B round, the optical link maker told Other Post on Wednesday. Its chief executive said demand from data centre builders had doubled this year.
EOF
mkstore "$SB"
$M --db "$SB" ingest v1.txt other.txt >b1.out 2>&1
$M --db "$SB" events --format json >b1.json 2>&1
py merged_before_update b1.json '[x["sources"] for x in j if x["event"]["type"] == "funding"] == [2]'
$M --db "$SB" ingest v2.txt >b2.out 2>&1
$M --db "$SB" events --format json >b2.json 2>&1
other_doc=$(dbsql "$SB" "SELECT id FROM documents WHERE outlet = 'Other Post'")
py merged_event_keeps_other_mention b2.json "sorted((x['event']['amount_usd'], x['sources']) for x in j if x['event']['type'] == 'funding') == [(77e6, 1), (97e6, 1)]"
left=$(dbsql "$SB" "SELECT group_concat(m.document_id) FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE e.type = 'funding' AND e.amount_usd = 77000000")
if [ "$left" = "$other_doc" ]; then pass merged_event_mention_is_the_other_outlets
else fail merged_event_mention_is_the_other_outlets "mentions of the \$77M event: $left (the other outlet's document is $other_doc)"; fi

# ---- a feed's summary of a stored article, or another story under the
# same canonical URL, replaces nothing ----
cat >summary.xml <<'EOF'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Lumenor Photonics raises $97 million in Series C round</title><link>https://news.example.com/lumenor-round</link>
<description>Lumenor Photonics raised $97 million. Read more</description></item>
<item><title>Harbour cranes get a new coat of paint</title><link>https://news.example.com/lumenor-round?utm_source=x</link>
<description>Dock workers in Exampleton painted the six harbour cranes blue over the weekend, the port said, after residents voted for the colour in a poll that drew four thousand replies from across the county and beyond.</description></item>
</channel></rss>
EOF
$M --db "$SA" ingest summary.xml >sum.out 2>&1
if [ "$(dbsql "$SA" "SELECT content_hash FROM documents WHERE canonical_url = 'https://news.example.com/lumenor-round'")" = "$hash" ] &&
   [ "$(dbsql "$SA" "SELECT count(*) FROM documents")" = 2 ] && grep -q "skipped 1" sum.out; then
    pass summary_or_other_story_replaces_nothing
else fail summary_or_other_story_replaces_nothing "$(cat sum.out); $(dbsql "$SA" "SELECT id, title FROM documents")"; fi

# the store's counts (kept by triggers) still agree with its tables after
# mentions and events went and came
for name in a b p; do
    eval "db=\$S$(echo $name | tr a-z A-Z)"
    kept=$(dbsql "$db" "SELECT sources || ' ' || documents || ' ' || events || ' ' || mentions || ' ' || organizations FROM store_stats")
    real=$(dbsql "$db" "SELECT (SELECT count(*) FROM sources) || ' ' || (SELECT count(*) FROM documents) || ' ' || (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM event_mentions) || ' ' || (SELECT count(*) FROM organizations)")
    if [ -n "$kept" ] && [ "$kept" = "$real" ]; then pass "counts_kept_after_updates_$name"
    else fail "counts_kept_after_updates_$name" "kept '$kept', tables '$real'"; fi
done

# ---- the change on the event page, in the API and in MCP ----
$M --db "$SA" serve --listen 127.0.0.1:0 --threads 2 --port-file sport >serve.log 2>&1 &
PIDS="$PIDS $!"
i=0
while [ ! -s sport ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
S="http://127.0.0.1:$(cat sport)"
$PY -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=20).read().decode())' "$S/api/v1/events/$id1" >api.json 2>api.err
py api_event_changes api.json 'j["changes"][0]["field"] == "amount" and j["changes"][0]["was"] == "$77 million" and j["changes"][0]["now"] == "$97 million" and j["event"]["amount_usd"] == 97e6'
$PY -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=20).read().decode())' "$S/events/$id1" >page.html 2>page.err
contains event_page_shows_update page.html "amount updated: was \$77 million, now \$97 million"
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_event\",\"arguments\":{\"id\":$id1}}}" |
    $M --db "$SA" mcp >mcp.out 2>mcp.err
if grep -F '"id":2' mcp.out | grep -qF 'was\":\"$77 million'; then pass mcp_get_event_changes
elif grep -F '"id":2' mcp.out | grep -qF '"was":"$77 million'; then pass mcp_get_event_changes
else fail mcp_get_event_changes "$(grep -F '"id":2' mcp.out | cut -c1-300)"; fi

# ---- update from a loopback server whose page changes between runs ----
mkdir -p site/articles site/feeds
$PY "$TOP/tests/http/server.py" "$TESTDIR/site" "$TESTDIR/hport" "$TESTDIR/http.log" 2>server.err &
PIDS="$PIDS $!"
i=0
while [ ! -s hport ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s hport ]; then fail update_article_http "the test server did not start: $(cat server.err)"; exit 0; fi
B="http://127.0.0.1:$(cat hport)"
asked() { n=$(grep -c "^GET $1" http.log 2>/dev/null); echo "${n:-0}"; }
# page NAME AMOUNT ROUND: an article page about a round
page() {
    cat >"site/articles/$1.html" <<EOF
<!doctype html><html><head><title>Corvel Systems raises $2 in $3 round</title>
<link rel="canonical" href="$B/story/$1"></head><body><article>
<h1>Corvel Systems raises $2 in $3 round</h1>
<p>Corvel Systems, which designs inference accelerators for small data centres, said on Thursday it raised $2 in a $3 round led by Harbourline Partners.</p>
<p>The company will use the money to hire engineers in its Exampleton office and to bring its second chip to market next year.</p>
<p>Its founders started the company four years ago after leaving a larger maker of network hardware.</p>
</article></body></html>
EOF
}
# a page followed as a source
page p1 '$40 million' 'Series A'
mkstore u.db
$M --db u.db sources add "$B/articles/p1.html" >/dev/null 2>&1
$M --db u.db update --delay 0 >u1.out 2>u1.err
sleep 1.1
page p1 '$48 million' 'Series B'
$M --db u.db update --all --delay 0 >u2.out 2>u2.err
$M --db u.db events --format json >u2.json 2>&1
contains update_page_source_updated u2.out "1 updated"
py update_page_source_new_figures u2.json '[(x["event"]["amount_usd"], x["event"]["round"], x["sources"]) for x in j if x["event"]["type"] == "funding"] == [(48e6, "Series B", 1)]'
py update_page_source_history u2.json '[(c["field"], c["was"], c["now"]) for x in j for c in x["changes"]] == [("amount", "$40 million", "$48 million"), ("round", "Series A", "Series B")]'

# a feed's teaser entry: the page is fetched again when the entry's
# headline changed, not when only the feed's date did
feed() { # BUILD-DATE HEADLINE
    cat >site/feeds/t.xml <<EOF
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Chip Wire</title><link>$B/</link><lastBuildDate>$1</lastBuildDate>
<item><title>$2</title><link>$B/articles/p2.html?utm_source=rss</link>
<pubDate>Thu, 05 Mar 2026 09:00:00 GMT</pubDate><description>Corvel Systems raised money. Read more</description></item>
</channel></rss>
EOF
}
page p2 '$40 million' 'Series A'
feed "Thu, 05 Mar 2026 10:00:00 GMT" 'Corvel Systems raises $40 million in Series A round'
mkstore "$SF"
$M --db "$SF" sources add "$B/feeds/t.xml" >/dev/null 2>&1
: >http.log
$M --db "$SF" update --delay 0 >f1.out 2>f1.err
a1=$(asked /articles/p2.html)
sleep 1.1
page p2 '$48 million' 'Series B'
feed "Thu, 05 Mar 2026 11:00:00 GMT" 'Corvel Systems raises $48 million in Series B round'
: >http.log
$M --db "$SF" update --all --delay 0 >f2.out 2>f2.err
a2=$(asked /articles/p2.html)
$M --db "$SF" events --format json >f2.json 2>&1
if [ "$a1" = 1 ] && [ "$a2" = 1 ] && grep -q "1 updated" f2.out; then pass update_teaser_entry_changed_page_fetched_again
else fail update_teaser_entry_changed_page_fetched_again "page asked $a1 then $a2 times: $(cat f2.out) $(cat f2.err)"; fi
py update_teaser_entry_new_figures f2.json '[(x["event"]["amount_usd"], x["event"]["round"]) for x in j if x["event"]["type"] == "funding"] == [(48e6, "Series B")]'
py update_teaser_entry_history f2.json '[(c["field"], c["was"], c["now"]) for x in j for c in x["changes"]] == [("amount", "$40 million", "$48 million"), ("round", "Series A", "Series B")]'
sleep 1.1
feed "Thu, 05 Mar 2026 12:00:00 GMT" 'Corvel Systems raises $48 million in Series B round'
: >http.log
$M --db "$SF" update --all --delay 0 >f3.out 2>f3.err
a3=$(asked /articles/p2.html)
n_doc=$(dbsql "$SF" "SELECT count(*) FROM documents")
if [ "$a3" = 0 ] && [ "$n_doc" = 1 ]; then pass update_only_feed_date_changed_no_page_request
else fail update_only_feed_date_changed_no_page_request "page asked $a3 times, $n_doc documents: $(cat f3.out)"; fi
