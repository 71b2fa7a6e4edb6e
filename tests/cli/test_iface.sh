#!/bin/sh
# Issue 12, "the interfaces say what they do" (items 21-24): editions are
# recorded only when asked (report --publish) or by the server's schedule
# (serve --publish-every), dated to the minute; "Updated" is the newest
# story's date with the day of generation beside it; feeds cut short are
# said to be cut; counts of one read in the singular; the CLI's help and
# usage errors.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
trap stop_started EXIT INT TERM
have_sqlite=1
command -v sqlite3 >/dev/null 2>&1 || have_sqlite=0
q() { sqlite3 "$DB" "$1"; }

# ---- 21. editions: report -o records none, --publish records one ----
DB=$TESTDIR/ed.db
$M --db "$DB" init >/dev/null 2>&1
cat >a1.txt <<'T'
Quillon Optics raises $41 million Series B
Source: Wafer Weekly | 2026-03-10 | https://waferweekly.example/quillon

Quillon Optics, a Turin maker of photonic packaging, said it had raised $41 million in a Series B round led by Larchmont Partners.
T
cat >a2.txt <<'T'
Brisa Compute raises $18 million seed round
Source: Wafer Weekly | 2026-03-14 | https://waferweekly.example/brisa

Brisa Compute, a Porto designer of inference accelerators, said it had raised $18 million in a seed round led by Tidewater Fund.
T
$M --db "$DB" ingest a1.txt >/dev/null 2>&1
$M --db "$DB" report -o look.md 2>look.err
$M --db "$DB" report --format html -o look.html 2>/dev/null
if [ $have_sqlite = 1 ]; then
    n=$(q 'SELECT count(*) FROM editions')
    if [ "$n" = 0 ]; then pass report_o_records_no_edition; else fail report_o_records_no_edition "$n editions after report -o"; fi
fi
if grep -q '^wrote look.md: 1 source, 1 event (1 new, 1 funding round)$' look.err; then pass report_summary_singular
else fail report_summary_singular "$(cat look.err)"; fi
$M --db "$DB" report --publish -o pub1.md 2>pub.err
contains report_publish_says_so pub.err "published the md edition of ai-infra"
if [ $have_sqlite = 1 ]; then
    n=$(q "SELECT count(*) FROM editions WHERE format = 'md'")
    if [ "$n" = 1 ]; then pass report_publish_records_edition; else fail report_publish_records_edition "$n md editions"; fi
fi
$M --db "$DB" ingest a2.txt >/dev/null 2>&1
$M --db "$DB" report -o pub2.md 2>/dev/null
if grep -Eq "^## What's new since [A-Z][a-z]{2} [0-9]+, [0-9]{4}, [0-2][0-9]:[0-5][0-9] UTC$" pub2.md; then
    pass whats_new_dated_to_the_minute; else fail whats_new_dated_to_the_minute "$(grep "What's new" pub2.md)"; fi
if sed -n "/^## What's new/,/^## /p" pub2.md | grep -q Brisa && ! sed -n "/^## What's new/,/^## /p" pub2.md | grep -q Quillon; then
    pass whats_new_since_published; else fail whats_new_since_published "$(sed -n "/^## What's new/,/^## /p" pub2.md)"; fi
# the report written without --publish did not move the baseline
$M --db "$DB" report -o pub3.md 2>/dev/null
if sed -n "/^## What's new/,/^## /p" pub3.md | grep -q Brisa; then pass report_o_keeps_baseline
else fail report_o_keeps_baseline "$(sed -n "/^## What's new/,/^## /p" pub3.md)"; fi
$M report --help >rh.txt
contains report_help_publish rh.txt "--publish"
contains report_help_records_nothing rh.txt "writing a report records nothing"
expect_status serve_publish_every_bad 2 "$M" --db "$DB" serve --publish-every soon

# ---- 22. "Updated" is the newest story's date; the day made beside it ----
MTRACK_NOW=2026-12-01T09:30:00Z $M --db "$DB" report >upd.md 2>/dev/null
contains updated_and_generated upd.md "Updated Mar 14, 2026 · generated Dec 1, 2026"
MTRACK_NOW=2026-12-01T09:30:00Z $M --db "$DB" report --format html >upd.html 2>/dev/null
contains updated_and_generated_html upd.html 'Updated <time datetime="2026-03-14">Mar 14, 2026</time> · generated <time datetime="2026-12-01T09:30:00Z">Dec 1, 2026</time>'
MTRACK_NOW=2026-03-14T18:00:00Z $M --db "$DB" report >same.md 2>/dev/null
if grep -q '^Updated Mar 14, 2026$' same.md; then pass updated_same_day_once; else fail updated_same_day_once "$(grep Updated same.md)"; fi

# ---- 21. the server records editions only on its schedule ----
if command -v curl >/dev/null 2>&1 && [ $have_sqlite = 1 ]; then
    for mode in never every; do
        DB=$TESTDIR/srv-$mode.db
        $M --db "$DB" init >/dev/null 2>&1
        $M --db "$DB" ingest a1.txt a2.txt >/dev/null 2>&1
        if [ $mode = every ]; then SERVE_ARGS="--publish-every 1d"; else SERVE_ARGS=""; fi
        if ! start_server $mode MTRACK_DB="$DB"; then fail "serve_$mode" "no port: $(head -3 $mode.log)"; continue; fi
        curl -s -o page.html "$BASE/t/ai-infra"
        curl -s -o /dev/null "$BASE/t/ai-infra"
        n=$(q "SELECT count(*) FROM editions WHERE format = 'html'")
        if [ $mode = every ]; then want=1; else want=0; fi
        if [ "$n" = $want ]; then pass "serve_editions_$mode"; else fail "serve_editions_$mode" "$n html editions, want $want"; fi
    done
    SERVE_ARGS=""
else
    skip serve_editions "curl or sqlite3 is not installed"
fi

# ---- 24. a feed cut short is said to be cut, wherever it is cut ----
cat >feed.xml <<'T'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Gantry Notes</title>
    <link>https://gantry.example/</link>
    <item>
      <title>Perrow Labs raises $12 million</title>
      <link>https://gantry.example/perrow</link>
      <pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate>
      <description>Perrow Labs, a Ghent maker of test sockets, raised $12 million in a Series A round led by Fenwick Lane.</description>
    </item>
    <item>
      <title>Sallow Systems raises $9 million</title>
      <link>https://gantry.example/sallow</link>
      <pubDate>Wed, 11 Mar 2026 09:00:00 GMT</pubDate>
      <description>Sallow Systems, a Bergen start-up, raised $9 million in a seed round led by Orrin Capital.</description>
    </item>
  </channel>
</rss>
T
size=$(wc -c <feed.xml)
bad=""
# before the first entry ends, inside the second, after the last entry,
# inside the closing tags
for cut in 200 400 $((size - 30)) $((size - 20)) $((size - 8)) $((size - 3)); do
    head -c $cut feed.xml >cut.xml
    rm -f cut.db
    $M --db cut.db ingest cut.xml >cut.out 2>cut.err; rc=$?
    if [ $rc = 0 ] || ! grep -q "breaks off before its end" cut.err; then
        bad="$bad [cut at $cut: exit $rc, $(grep -v 'created a new store' cut.err)]"
    fi
done
if [ -z "$bad" ]; then pass ingest_cut_feed_said_cut; else fail ingest_cut_feed_said_cut "$bad"; fi
head -c 200 feed.xml >cut.xml
rm -f cut.db
$M --db cut.db ingest cut.xml >/dev/null 2>cut.err
if grep -q "no whole entry was read" cut.err && ! grep -q "Extra content" cut.err; then pass ingest_cut_feed_no_entry
else fail ingest_cut_feed_no_entry "$(cat cut.err)"; fi
head -c $((size - 8)) feed.xml >cut.xml
rm -f cut.db
$M --db cut.db ingest cut.xml >cut.out 2>cut.err
if grep -q "its 2 whole entries were read" cut.err && grep -q '^added 2 documents' cut.out; then pass ingest_cut_feed_keeps_whole_entries
else fail ingest_cut_feed_keeps_whole_entries "$(cat cut.out cut.err)"; fi
rm -f cut.db
$M --db cut.db ingest feed.xml >/dev/null 2>cut.err; rc=$?
if [ $rc = 0 ]; then pass ingest_whole_feed_ok; else fail ingest_whole_feed_ok "exit $rc: $(cat cut.err)"; fi

# the same over HTTP: update says the body broke off, stores the whole
# entries and skips the one it broke off in (links on loopback, texts long
# enough not to be teasers whose pages would be fetched)
if command -v python3 >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1; then
    mkdir -p site
    python3 "$TOP/tests/http/server.py" "$TESTDIR/site" "$TESTDIR/http.port" "$TESTDIR/http.log" 2>http.err &
    PIDS="$PIDS $!"
    i=0
    while [ ! -s http.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    H="http://127.0.0.1:$(cat http.port)"
    more=" The company said the money would pay for hiring engineers, a second production line and a sales office in Lisbon. It expects to ship its first products to customers next year, and its chief executive said that demand from data centre operators had grown quickly in recent months as buyers looked for new suppliers of parts."
    sed -e "s|https://gantry.example|$H|g" -e "s|</description>|$more</description>|" feed.xml >long.xml
    lsize=$(wc -c <long.xml)
    head -c $((lsize - 8)) long.xml >site/cut.xml
    head -c 200 long.xml >site/cut0.xml
    printf '[tracker]\nname = cut\n\n[theme all]\ntypes = funding\n\n[source %s/cut.xml]\n\n[source %s/cut0.xml]\n' "$H" "$H" >cut.ini
    rm -f upd.db
    $M --db upd.db init --tracker cut.ini >/dev/null 2>&1
    $M --db upd.db update --delay 0 >upd.out 2>upd.err; rc=$?
    if [ $rc = 1 ] && grep -q 'cut.xml: the feed breaks off before its end: its 2 whole entries were read' upd.err &&
        grep -q 'cut0.xml: the feed breaks off before its end: no whole entry was read' upd.err &&
        [ "$(sqlite3 upd.db 'SELECT count(*) FROM documents')" = 2 ]; then
        pass update_cut_feed_said_cut; else fail update_cut_feed_said_cut "exit $rc: $(cat upd.out upd.err)"; fi
fi

# ---- 24. counts of one in the singular ----
DB=$TESTDIR/one.db
$M --db "$DB" init >/dev/null 2>&1
$M --db "$DB" ingest a1.txt >/dev/null 2>&1
$M --db "$DB" report >one.md 2>/dev/null
if grep -q "1 outlet published 1 story on" one.md && ! grep -Eq '(^|[^0-9])1 (outlets|stories|sources|events|documents|themes)' one.md; then
    pass report_singular; else fail report_singular "$(grep -E '(^|[^0-9])1 [a-z]+' one.md | head -3)"; fi

rm -f one.port
$M --db "$DB" serve --listen 127.0.0.1:0 --threads 1 --port-file one.port >one.log 2>&1 &
PIDS="$PIDS $!"
i=0
while [ ! -s one.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if grep -q '(a thread per connection, at most [0-9]*; 1 request computing at once)$' one.log && ! grep -q '1 requests' one.log; then pass serve_one_thread_singular; else fail serve_one_thread_singular "$(head -1 one.log)"; fi

# ---- 24. help and usage errors ----
$M help >help.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q '^Commands:' help.out; then pass help_command; else fail help_command "exit $rc"; fi
$M help search >hs.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q 'usage: mtrack \[--db PATH\] search' hs.out; then pass help_search; else fail help_search "exit $rc"; fi
expect_status help_unknown 2 "$M" help nosuch
$M search -Nscale >so.out 2>so.err; rc=$?
if [ $rc = 2 ] && grep -q "^mtrack: search: unknown option '-N'" so.err; then pass search_bad_option_form
else fail search_bad_option_form "exit $rc: $(cat so.err)"; fi
for c in parse-feed analyze extract; do
    $M $c missing.file >/dev/null 2>c.err; rc=$?
    if [ $rc = 1 ] && grep -q "^mtrack: $c: missing.file: " c.err; then pass "${c}_error_form"
    else fail "${c}_error_form" "exit $rc: $(cat c.err)"; fi
done
expect_status serve_listen_bad_port 2 "$M" --db "$DB" serve --listen localhost:99999
expect_status serve_listen_name 2 "$M" --db "$DB" serve --listen nohost.invalid:8080
echo '; my edited tracker' >mine.ini
$M init --write-config mine.ini >/dev/null 2>wc.err; rc=$?
if [ $rc = 1 ] && grep -q '^; my edited tracker$' mine.ini && grep -q 'exists; not overwritten' wc.err; then
    pass write_config_keeps_file; else fail write_config_keeps_file "exit $rc: $(cat wc.err)"; fi
check write_config_force "$M" init --write-config mine.ini --force
if grep -q '^\[tracker\]' mine.ini; then pass write_config_force_writes; else fail write_config_force_writes "not replaced"; fi
$M update --help >uh.txt
if grep -q 'a body over 20 MiB is a failure' uh.txt && ! grep -qi 'cut' uh.txt; then pass update_help_big_bodies_fail
else fail update_help_big_bodies_fail "$(grep -i 'MiB\|cut' uh.txt)"; fi

# ---- 23. the API's answers ----
if command -v curl >/dev/null 2>&1; then
    DB=$TESTDIR/api.db
    $M --db "$DB" init >/dev/null 2>&1
    $M --db "$DB" ingest "$TOP/samples" >/dev/null 2>&1
    SERVE_ARGS=--allow-private
    if start_server api MTRACK_DB="$DB" MTRACK_TOKEN=tok3n; then
        AUTH="Authorization: Bearer tok3n"
        # code PATH [CURL ARGS...]: the status; body in b, headers in h
        code() { p=$1; shift; curl -s -o b -D h -w '%{http_code}' "$@" "$BASE$p"; }
        hdr() { tr -d '\r' <h | sed -n "s/^$1: //Ip" | head -n 1; }
        bad=""
        for spec in "/api/v1/events PUT GET, HEAD" "/api/v1/trackers DELETE GET, HEAD" \
            "/api/v1/trackers/ai-infra/report POST GET, HEAD" "/api/v1/sources PUT GET, HEAD, POST, DELETE" \
            "/api/v1/update GET POST" "/api/v1/sources/1 DELETE GET, HEAD" "/t/ai-infra POST GET, HEAD"; do
            set -- $spec
            p=$1 meth=$2; shift 2
            got=$(code "$p" -X "$meth")
            [ "$got" = 405 ] && [ "$(hdr Allow)" = "$*" ] || bad="$bad [$meth $p: $got, Allow '$(hdr Allow)']"
        done
        if [ -z "$bad" ]; then pass api_405_with_allow; else fail api_405_with_allow "$bad"; fi
        head -c 70000 /dev/zero | tr '\0' a >big.hdr
        got=$(code /api/v1/events -H "X-Big: $(cat big.hdr)")
        if [ "$got" = 431 ] && grep -q '"status":431' b && grep -qi '^content-type: application/json' h; then
            pass api_431_json; else fail api_431_json "$got: $(head -c 200 b)"; fi
        got=$(code / -H "X-Big: $(cat big.hdr)")
        if [ "$got" = 431 ] && ! grep -q 'memory constraints' b; then pass page_431_ours; else fail page_431_ours "$got: $(head -c 200 b)"; fi
        # a new source, then the same URL in other cases
        got=$(code /api/v1/sources -X POST -H "$AUTH" -d '{"url":"HTTP://LocalHost:9/Chips/Feed.xml","title":"Chip feed"}')
        loc=$(hdr Location)
        if [ "$got" = 201 ] && grep -q '"url": "http://localhost:9/Chips/Feed.xml"' b; then pass api_source_url_normalised
        else fail api_source_url_normalised "$got: $(cat b)"; fi
        got=$(code "$loc")
        if [ "$got" = 200 ] && grep -q '"title": "Chip feed"' b; then pass api_source_location_exists
        else fail api_source_location_exists "GET $loc: $got"; fi
        got=$(code /api/v1/sources -X POST -H "$AUTH" -d '{"url":"http://localhost:9/Chips/Feed.xml"}')
        if [ "$got" = 200 ] && [ "$(hdr Location)" = "$loc" ] && grep -q '"title": "Chip feed"' b; then pass api_source_known_200
        else fail api_source_known_200 "$got: $(cat b)"; fi
        got=$(code /api/v1/sources -X POST -H "$AUTH" -d '{"url":"http://LOCALHOST:9/Chips/Feed.xml","title":"Other"}')
        if [ "$got" = 409 ] && grep -q '"title": "Chip feed"' b; then pass api_source_known_title_kept
        else fail api_source_known_title_kept "$got: $(cat b)"; fi
        got=$(code "$loc")
        if grep -q '"title": "Chip feed"' b; then pass api_source_title_untouched; else fail api_source_title_untouched "$(cat b)"; fi
        got=$(code /api/v1/sources -X POST -H "$AUTH" -d '{"url":"http://localhost:9/Chips/Feed.xml","title":"Other","update_title":true}')
        if [ "$got" = 200 ] && grep -q '"title": "Other"' b; then pass api_source_update_title
        else fail api_source_update_title "$got: $(cat b)"; fi
        n=$(curl -s "$BASE/api/v1/sources?limit=1000" | grep -c 'localhost:9/Chips/Feed.xml')
        if [ "$n" = 1 ]; then pass api_source_one_of_each_case; else fail api_source_one_of_each_case "$n sources"; fi
        got=$(code /api/v1/sources/999999)
        if [ "$got" = 404 ]; then pass api_source_missing_404; else fail api_source_missing_404 "$got"; fi
        # the CLI stores and removes the same form
        $M --db "$DB" sources add HTTPS://Feeds.LocalHost/Up.xml >/dev/null 2>&1
        if $M --db "$DB" sources list 2>/dev/null | grep -q 'https://feeds.localhost/Up.xml'; then pass cli_source_url_normalised
        else fail cli_source_url_normalised "$($M --db "$DB" sources list 2>&1 | grep -i up.xml)"; fi
        check cli_source_remove_any_case "$M" --db "$DB" sources remove https://FEEDS.localhost/Up.xml
        # events by amount: those without one last, in both orders
        for order in asc desc; do
            code "/api/v1/events?sort=usd&order=$order&limit=500" >/dev/null
            if python3 - "$order" <<'PYEOF' 2>py.err; then pass "api_sort_usd_${order}_no_amount_last"; else fail "api_sort_usd_${order}_no_amount_last" "$(tail -1 py.err)"; fi
import json, sys
j = json.load(open("b"))
amt = [e["event"].get("amount_usd") if e["event"].get("amount_usd") is not None else e["event"].get("price_usd") for e in j["events"]]
have = [a for a in amt if a is not None]
assert have and None in amt, amt
first_none = amt.index(None)
assert all(a is None for a in amt[first_none:]), amt
assert have == sorted(have, reverse=(sys.argv[1] == "desc")), have
PYEOF
        done
        # misspelt parameters are named
        bad=""
        for spec in "/api/v1/events?tpye=funding tpye" "/api/v1/events?type=funding&limt=5 limt" \
            "/api/v1/search?q=chips&lmit=3 lmit" "/api/v1/trackers?x=1 x" "/api/v1/sources?ofset=5 ofset" \
            "/api/v1/organizations?query=nv query" "/api/v1/trackers/ai-infra/report?top=5 top" \
            "/api/v1/events/1?trackr=ai-infra trackr"; do
            p=${spec% *} name=${spec##* }
            got=$(code "$p")
            [ "$got" = 400 ] && grep -q "unknown parameter '$name'" b || bad="$bad [$p: $got $(head -c 120 b)]"
        done
        if [ -z "$bad" ]; then pass api_unknown_parameters_400; else fail api_unknown_parameters_400 "$bad"; fi
        got=$(code '/api/v1/events?type=funding&limit=5&offset=0&sort=usd&order=asc&tracker=ai-infra')
        if [ "$got" = 200 ]; then pass api_known_parameters_200; else fail api_known_parameters_200 "$got $(head -c 200 b)"; fi
    else
        fail api_serve "no port: $(head -3 api.log)"
    fi
    SERVE_ARGS=""
else
    skip api "curl is not installed"
fi

# ---- sources add on a URL already followed keeps its title unless told (as the API does) ----
DB=$TESTDIR/retitle.db
$M --db "$DB" sources add https://feeds.example/chips.xml "Chip feed" >/dev/null 2>&1
$M --db "$DB" sources add HTTPS://Feeds.Example/chips.xml "Other" >add.out 2>add.err
rc=$?
if [ $rc = 1 ] && grep -q "already a source, titled 'Chip feed'; kept (--update-title replaces it)" add.err &&
   $M --db "$DB" sources list 2>/dev/null | grep -q 'feed, Chip feed;'; then pass cli_source_title_kept
else fail cli_source_title_kept "rc $rc: $(cat add.err) / $($M --db "$DB" sources list 2>&1)"; fi
$M --db "$DB" sources add https://feeds.example/chips.xml >add.out 2>&1
if grep -q '(already followed)' add.out && $M --db "$DB" sources list 2>/dev/null | grep -q 'feed, Chip feed;'; then
    pass cli_source_readd_no_title
else fail cli_source_readd_no_title "$(cat add.out)"; fi
$M --db "$DB" sources add --update-title https://feeds.example/chips.xml "Other" >/dev/null 2>&1
if $M --db "$DB" sources list 2>/dev/null | grep -q 'feed, Other;'; then pass cli_source_update_title
else fail cli_source_update_title "$($M --db "$DB" sources list 2>&1)"; fi
n=$($M --db "$DB" sources list 2>/dev/null | grep -c '^https://feeds.example/chips.xml')
if [ "$n" = 1 ]; then pass cli_source_readd_one; else fail cli_source_readd_one "$n sources"; fi
