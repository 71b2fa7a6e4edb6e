#!/bin/sh
# mtrack update against a real HTTP server on 127.0.0.1 (tests/http/server.py
# serving a copy of tests/http/site): feeds, teaser entries whose pages are
# fetched, a page source, gzip, a redirect, Retry-After, conditional GET on
# the second run, and the faults (time-out, HTTP 500, redirect loop, 200 MB
# body, broken feed, robots.txt, 429) recorded on their sources.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
export MTRACK_DB="$(store_db update)"

if ! command -v python3 >/dev/null 2>&1; then
    skip update_http "python3 is not installed"
    exit 0
fi
if on_sqlite && ! command -v sqlite3 >/dev/null 2>&1; then
    skip update_http "sqlite3 is not installed"
    exit 0
fi

# ---- usage ----
expect_status update_help 0 $M update --help
expect_status update_bad_jobs 2 $M update --jobs 0
expect_status update_bad_timeout 2 $M update --timeout x
expect_status update_extra_arg 2 $M update something
expect_status sources_add_refuses_ftp 2 $M sources add ftp://example.com/feed.xml
expect_status sources_add_refuses_file 2 $M sources add file:///etc/passwd
expect_status sources_add_refuses_relative 2 $M sources add feeds/full.xml
expect_status update_unknown_tracker 1 $M update --tracker no-such-tracker

# ---- the server ----
cp -R "$TOP/tests/http/site" "$TESTDIR/site"
python3 "$TOP/tests/http/server.py" "$TESTDIR/site" "$TESTDIR/port" "$TESTDIR/http.log" \
    2>"$TESTDIR/server.err" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
trap 'exit 1' INT TERM HUP
i=0
while [ ! -s "$TESTDIR/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$TESTDIR/port" ]; then
    fail update_http "the test server did not start: $(cat "$TESTDIR/server.err")"
    exit 0
fi
B="http://127.0.0.1:$(cat "$TESTDIR/port")"

good="feeds/full.xml feeds/teasers.xml articles/page.html gz/feeds/gz.xml busy/feeds/busy.xml redirect/feeds/moved.xml"
bad="slow/5/feeds/full.xml status/500 loop/a huge/200 bomb/200 feeds/broken.xml private/feed.xml limited"
# A feed whose teaser links to another host on a loopback address: that page
# must not be fetched (the feed's content does not choose where we connect).
PORT=$(cat "$TESTDIR/port")
cat >"$TESTDIR/site/feeds/elsewhere.xml" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Elsewhere Echo</title><link>http://elsewhere.example/</link>
<item><title>Inside story on a private host</title>
<link>http://localhost:$PORT/articles/harbor.html?via=elsewhere</link>
<pubDate>Sat, 14 Mar 2026 12:00:00 GMT</pubDate>
<description>Only a teaser about a loopback link.</description></item>
</channel></rss>
EOF
good="$good feeds/elsewhere.xml flaky/feeds/busy.xml"
added=0
for u in $good $bad; do
    $M sources add "$B/$u" >/dev/null 2>&1 && added=$((added + 1))
done
if [ $added -eq 16 ]; then pass sources_added; else fail sources_added "only $added of 16"; fi
expect_status update_unknown_tracker_with_sources 1 $M update --tracker no-such-tracker

now() { date +%s.%N; }
q() { sql "$1"; }
# state URL: the state line `sources list` prints for a source
state() { $M sources list | grep -A1 -F -x "$B/$1" | tail -n 1; }
has_state() { # NAME URL TEXT
    s=$(state "$2")
    case "$s" in *"$3"*) pass "$1" ;; *) fail "$1" "'$3' not in: $s" ;; esac
}

# ---- first run: everything due ----
t0=$(now)
$M update --timeout 2 --delay 50 >out1.txt 2>err1.txt
rc=$?
t1=$(now)
secs=$(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}')
echo "# first update over 16 sources: ${secs} s" >&2
if [ $rc -eq 1 ]; then pass update_exit_1_on_failures; else fail update_exit_1_on_failures "exit $rc: $(cat err1.txt)"; fi
contains update_summary out1.txt "fetched 16 sources (0 unchanged, 8 failed): 10 new documents"
if awk -v s="$secs" 'BEGIN { exit !(s < 30) }'; then pass update_time_bounded; else fail update_time_bounded "took $secs s"; fi
grep -c '^failed ' err1.txt >n.txt
if [ "$(cat n.txt)" = 8 ]; then pass update_plain_lines; else fail update_plain_lines "$(cat err1.txt)"; fi

n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 10 ]; then pass update_ingested_all; else fail update_ingested_all "$n documents, want 10"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%quantum-inspired lattice design%' AND title = 'Lattice accelerator ships in Tallinn'")
if [ "$n" = 1 ]; then pass teaser_page_fetched; else fail teaser_page_fetched "lattice page text not stored"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%under the ticker HRBR%'")
if [ "$n" = 1 ]; then pass teaser_page_fetched_2; else fail teaser_page_fetched_2 "harbor page text not stored"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%analogue in-memory compute%'")
if [ "$n" = 1 ]; then pass gzip_feed; else fail gzip_feed "gzip feed not stored"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%die-to-die links%'")
if [ "$n" = 1 ]; then pass retry_after_honoured; else fail retry_after_honoured "the 503 feed was not fetched again"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%Tamarack%'")
if [ "$n" = 1 ]; then pass redirect_followed; else fail redirect_followed "the moved feed was not stored"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%fifteen-year contract%'")
if [ "$n" = 1 ]; then pass page_source; else fail page_source "the page source was not stored"; fi
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%Secretco%'")
if [ "$n" = 0 ]; then pass robots_kept_out; else fail robots_kept_out "a disallowed feed was stored"; fi
n=$(q "SELECT count(*) FROM event_mentions")
if [ "$n" -ge 3 ]; then pass update_analysed; else fail update_analysed "$n event mentions"; fi

has_state state_timeout slow/5/feeds/full.xml "timed out after 2 s"
has_state state_http_500 status/500 "HTTP 500"
has_state state_redirect_loop loop/a "redirect loop"
has_state state_too_big huge/200 "response over the 20 MiB limit"
has_state state_gzip_bomb bomb/200 "response over the 20 MiB limit"
has_state state_broken_feed feeds/broken.xml "broken feed: "
has_state state_robots private/feed.xml "disallowed by robots.txt"
has_state state_429 limited "HTTP 429"
has_state state_success feeds/full.xml "last success"
has_state transient_retried flaky/feeds/busy.xml "last success"
n=$(grep -c '^GET /flaky/feeds/busy.xml ' "$TESTDIR/http.log")
if [ "$n" = 2 ]; then pass transient_retried_once; else fail transient_retried_once "asked $n times, want 2"; fi
has_state source_title feeds/full.xml "Silicon Ledger"
if on_sqlite; then later="strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+50 minutes')"
else later="to_char(now() AT TIME ZONE 'UTC' + interval '50 minutes', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"; fi
n=$(q "SELECT count(*) FROM sources WHERE url = '$B/limited' AND next_try >= $later")
if [ "$n" = 1 ]; then pass retry_after_sets_next_try; else fail retry_after_sets_next_try "next try: $(state limited)"; fi
n=$(grep -c '^GET /robots.txt ' "$TESTDIR/http.log")
if [ "$n" = 1 ]; then pass robots_once_per_host; else fail robots_once_per_host "robots.txt asked $n times"; fi
if grep -q ' mtrack/0.1$' "$TESTDIR/http.log"; then pass user_agent; else fail user_agent "no mtrack/0.1 user agent"; fi
n=$(q "SELECT count(*) FROM documents WHERE title = 'Inside story on a private host' AND text LIKE '%Only a teaser%'")
if [ "$n" = 1 ]; then pass private_link_teaser_kept; else fail private_link_teaser_kept "the teaser was not stored as is"; fi
n=$(grep -c 'via=elsewhere' "$TESTDIR/http.log")
if [ "$n" = 0 ]; then pass private_link_not_fetched; else fail private_link_not_fetched "a loopback page named by a feed was fetched"; fi
n=$(grep -c '^GET /private/' "$TESTDIR/http.log")
if [ "$n" = 0 ]; then pass robots_no_request; else fail robots_no_request "a disallowed URL was asked for"; fi
n=$(q "SELECT interval_s FROM sources WHERE url = '$B/feeds/full.xml'")
if [ "$n" = 1800 ]; then pass poll_faster_on_news; else fail poll_faster_on_news "interval $n, want 1800"; fi

# ---- nothing due: nothing fetched ----
lines=$(wc -l <"$TESTDIR/http.log")
$M update --timeout 2 --delay 50 >out2.txt 2>&1
rc=$?
if [ $rc -eq 0 ]; then pass update_nothing_due; else fail update_nothing_due "exit $rc"; fi
contains update_nothing_due_says out2.txt "nothing to fetch"
if [ "$(wc -l <"$TESTDIR/http.log")" = "$lines" ]; then pass update_nothing_due_no_request; else fail update_nothing_due_no_request "requests were made"; fi

# ---- --all again: validators give 304s, nothing new ----
$M update --all --timeout 2 --delay 50 >out3.txt 2>err3.txt
rc=$?
if [ $rc -eq 1 ]; then pass update_all_exit; else fail update_all_exit "exit $rc"; fi
contains update_all_unchanged out3.txt "fetched 16 sources (8 unchanged, 8 failed): 0 new documents"
n=$(grep -c '^GET /robots.txt ' "$TESTDIR/http.log")
if [ "$n" = 1 ]; then pass robots_kept_across_runs; else fail robots_kept_across_runs "robots.txt asked $n times over two runs"; fi
n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 10 ]; then pass update_all_no_duplicates; else fail update_all_no_duplicates "$n documents, want 10"; fi
n=$(grep -c '^GET /articles/lattice.html ' "$TESTDIR/http.log")
if [ "$n" = 1 ]; then pass teaser_page_not_refetched; else fail teaser_page_not_refetched "asked $n times"; fi
n=$(q "SELECT interval_s FROM sources WHERE url = '$B/feeds/full.xml'")
if [ "$n" = 2700 ]; then pass poll_slower_when_quiet; else fail poll_slower_when_quiet "interval $n, want 2700"; fi
n=$(q "SELECT failures FROM sources WHERE url = '$B/status/500'")
if [ "$n" = 2 ]; then pass failures_counted; else fail failures_counted "failures $n, want 2"; fi

# ---- a new teaser entry: only its page is fetched ----
cat >"$TESTDIR/site/articles/granite.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Granite Photonics raises $30 million</title></head>
<body><article><h1>Granite Photonics raises $30 million</h1>
<p>Granite Photonics, a Bristol maker of co-packaged optics for AI switches, raised $30 million in a Series A round led by Severn Capital, the company said on Monday.</p>
<p>The startup will use the money to build a pilot line for its silicon photonics engines and to hire forty engineers over the coming year, chiefly in test and packaging.</p>
<p>Its founders previously built optical transceivers at a telecom equipment maker and say their engines cut the power drawn by each switch port by a third.</p>
</article></body></html>
EOF
sed 's#</feed>#<entry><title>Granite Photonics raises $30 million</title><id>urn:test:granite</id><link href="/articles/granite.html"/><updated>2026-03-16T09:00:00Z</updated><summary>Optics money.</summary></entry></feed>#' \
    "$TESTDIR/site/feeds/teasers.xml" >"$TESTDIR/teasers.new" && mv "$TESTDIR/teasers.new" "$TESTDIR/site/feeds/teasers.xml"
$M update --all --timeout 2 --delay 50 >out4.txt 2>err4.txt
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%co-packaged optics%'")
if [ "$n" = 1 ]; then pass new_entry_fetched; else fail new_entry_fetched "the new page was not stored: $(cat out4.txt)"; fi
n=$(grep -c '^GET /articles/harbor.html ' "$TESTDIR/http.log")
if [ "$n" = 1 ]; then pass old_entries_not_refetched; else fail old_entries_not_refetched "harbor asked $n times"; fi
contains new_entry_summary out4.txt "1 new document"

# ---- --tracker: only that tracker's sources ----
cat >"$TESTDIR/trk.ini" <<EOF
[tracker]
name = httptest
title = HTTP test tracker
[theme chips]
title = Chips
types = funding
keywords = chip
[source $B/gz/feeds/gz.xml]
title = Compressed Chronicle
EOF
$M init --tracker "$TESTDIR/trk.ini" >/dev/null 2>&1
$M update --tracker httptest --all --timeout 2 --delay 50 >out5.txt 2>err5.txt
rc=$?
if [ $rc -eq 0 ]; then pass update_tracker_exit_0; else fail update_tracker_exit_0 "exit $rc: $(cat err5.txt)"; fi
contains update_tracker_only_its_sources out5.txt "fetched 1 source (1 unchanged, 0 failed)"

# ---- robots.txt answering 503: the whole host is left alone ----
sed -e 's/^name = httptest/name = resting/' -e "s#^\[source .*#[source http://localhost:$PORT/feeds/full.xml]#" \
    "$TESTDIR/trk.ini" >"$TESTDIR/trk2.ini"
$M init --tracker "$TESTDIR/trk2.ini" >/dev/null 2>&1
$M update --tracker resting --timeout 2 --delay 50 >out6.txt 2>err6.txt
rc=$?
if [ $rc -eq 1 ]; then pass robots_503_fails; else fail robots_503_fails "exit $rc: $(cat out6.txt err6.txt)"; fi
B=http://localhost:$PORT
has_state robots_503_recorded feeds/full.xml "robots.txt unavailable (HTTP 503)"
n=$(grep -c '^GET /feeds/full.xml ' "$TESTDIR/http.log")
if [ "$n" = 3 ]; then pass robots_503_no_request; else fail robots_503_no_request "full.xml asked $n times, want 3 (the 127.0.0.1 runs only)"; fi
exit 0
