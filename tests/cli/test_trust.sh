#!/bin/sh
# Issue 12, "a record users can trust": long source URLs through every path
# (tracker file, OPML, CLI, API, MCP), a feed of 12,000 entries, stores that
# do not exist, symlink loops and FIFOs in ingest, and the server's answers
# to empty results and to searches of nothing but quotes.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip trust "python3 is not installed"; exit 0; }
trap stop_started EXIT INT TERM

# ---- 1. source URLs of 2,000 bytes survive every path ----
# Two URLs that differ only in their last characters, and one [source]
# section with no keys at all.
$PY - <<'EOF'
pad = "".join("abcdefghij"[i % 10] for i in range(1960))
a = "http://127.0.0.1:9/" + pad + "/one.rss"
b = "http://127.0.0.1:9/" + pad + "/two.rss"
c = "http://127.0.0.1:9/" + pad + "/three.rss"
open("urls", "w").write(a + "\n" + b + "\n" + c + "\n")
open("long.ini", "w").write(
    "[tracker]\nname = long\n[theme x]\ntypes = funding\n"
    "[source %s]\ntitle = One\n[source %s]\n\n"
    "[source https://spectrum.ieee.org/feeds/topic/semiconductors.rss]\n" % (a, b))
EOF
A=$(sed -n 1p urls) B=$(sed -n 2p urls) C=$(sed -n 3p urls)
$M --db long.db init --tracker long.ini >init.out 2>&1
contains tracker_long_sources_counted init.out "3 sources"
$M --db long.db sources list >list.out 2>&1
if grep -qxF "$A" list.out && grep -qxF "$B" list.out &&
    grep -qxF "https://spectrum.ieee.org/feeds/topic/semiconductors.rss" list.out; then
    pass tracker_long_source_urls
else
    fail tracker_long_source_urls "$(grep -c . list.out) lines; the URLs are not whole: $(cut -c1-80 list.out | head -3)"
fi
# the default tracker's own feeds, whole
$M --db default.db init >/dev/null 2>&1
$M --db default.db sources list >default.out 2>&1
if grep -qxF "https://spectrum.ieee.org/feeds/topic/semiconductors.rss" default.out &&
    grep -qxF "https://www.theregister.com/data_centre/headlines.atom" default.out; then
    pass default_tracker_urls_whole
else
    fail default_tracker_urls_whole "$(grep spectrum default.out)"
fi
# CLI add, then OPML export and import into a fresh store
$M --db long.db sources add "$C" "Three" >add.out 2>&1
contains cli_add_long_url add.out "$C"
$M --db long.db sources export long.opml 2>/dev/null
$M --db copy.db init --tracker long.ini >/dev/null 2>&1
$M --db copy.db sources remove "$A" >/dev/null 2>&1
$M --db copy.db sources import long.opml >import.out 2>&1
$M --db copy.db sources list >copy.out 2>&1
if grep -qxF "$A" copy.out && grep -qxF "$B" copy.out && grep -qxF "$C" copy.out; then
    pass opml_long_urls_round_trip
else
    fail opml_long_urls_round_trip "$(cat import.out)"
fi
# MCP add_source, then the list
printf '%s\n' \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add_source\",\"arguments\":{\"url\":\"$A/mcp\"}}}" \
    | $M --db long.db mcp --allow-private >mcp.out 2>mcp.err
$M --db long.db sources list >list2.out 2>&1
if grep -qxF "$A/mcp" list2.out; then pass mcp_add_long_url; else fail mcp_add_long_url "$(cut -c1-200 mcp.out)"; fi

# ---- 4. a feed of 12,000 entries is read whole (RSS), and a JSON Feed of 5,000 ----
$PY - <<'EOF2'
import json
with open("big.xml", "w") as f:
    f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Big Wire</title>\n')
    for i in range(12000):
        f.write('<item><title>Note %d on widget %d</title><link>http://127.0.0.1/s/%d</link>'
                '<description>Unit %d of the widget line left in batch %d for customer %d.</description></item>\n'
                % (i, i * 7, i, i, i * 3, i * 11))
    f.write('</channel></rss>\n')
items = [{"id": "http://127.0.0.1/j/%d" % i, "url": "http://127.0.0.1/j/%d" % i,
          "title": "Json note %d on gadget %d" % (i, i * 5),
          "content_text": "Gadget %d left the plant in lot %d for buyer %d." % (i, i * 13, i * 17)}
         for i in range(5000)]
json.dump({"version": "https://jsonfeed.org/version/1.1", "title": "Json Wire", "items": items},
          open("big.json", "w"))
EOF2
$M --db big.db ingest big.xml >big.out 2>&1
contains big_feed_12000_entries big.out "added 12000 documents"
$M --db big.db ingest big.json >bigj.out 2>&1
contains big_json_feed_5000_items bigj.out "added 5000 documents"
$M --db big.db search --json --limit 1 "widget 83993" >bigs.out 2>&1
contains big_feed_last_entry_outlet bigs.out "Big Wire"

# ---- 13. ingest walks each folder once and skips FIFOs ----
mkdir -p tree/sub
cat >tree/sub/note.txt <<'EOF2'
Quillfern Robotics opens a second plant
Source: Test Wire | 2026-02-03 | https://127.0.0.1/quillfern

Quillfern Robotics said on Tuesday it had opened a second assembly plant.
EOF2
ln -s .. tree/sub/up
ln -s ../../tree tree/sub/again
ln -s selfloop tree/selfloop
if command -v mkfifo >/dev/null 2>&1 && mkfifo tree/pipe 2>/dev/null; then fifo=1; else fifo=0; fi
timeout 30 $M --db walk.db ingest tree >walk.out 2>walk.err
rc=$?
if [ $rc -eq 124 ]; then
    fail ingest_walk_ends "timed out after 30 s ($(wc -l <walk.err) lines on stderr)"
else
    pass ingest_walk_ends
    contains ingest_walk_reads_once walk.out "added 1 document"
    n=$(grep -vc "created a new store" walk.err)
    if [ "$n" -le 4 ]; then pass ingest_walk_few_lines; else fail ingest_walk_few_lines "$n lines: $(head -3 walk.err)"; fi
    if [ $fifo -eq 1 ]; then contains ingest_skips_fifo walk.err "pipe: not a regular file (a FIFO), skipped"; fi
    contains ingest_walk_loop_said walk.err "already read"
fi
# a FIFO named on the command line is read: a pipe is a way to hand over a feed
if [ $fifo -eq 1 ]; then
    mkfifo named.pipe
    (cat tree/sub/note.txt >named.pipe &)
    timeout 30 $M --db walk2.db ingest named.pipe >named.out 2>&1
    contains ingest_named_fifo_read named.out "added 1 document"
fi

# ---- 8. a store that does not exist is refused by the commands that read ----
# (watch names a tracker that is not there, so a build that lets it run
# fetches nothing; timeout ends a server that starts)
for cmd in "search widget" "events" "report" "sources list" "sources export" "serve --listen 127.0.0.1:0" \
    "mcp" "watch --once --tracker none" "reanalyze"; do
    name=no_store_$(echo "$cmd" | cut -d' ' -f1-2 | tr ' -' '__')
    timeout 10 $M --db typo.db $cmd >nostore.out 2>nostore.err </dev/null; rc=$?
    if [ $rc -eq 1 ] && grep -qF "mtrack: store typo.db: no such store (create it with mtrack init)" nostore.err &&
        [ ! -e typo.db ]; then
        pass "$name"
    else
        fail "$name" "exit $rc, store created: $([ -e typo.db ] && echo yes || echo no): $(head -2 nostore.err)"
    fi
    rm -f typo.db typo.db-wal typo.db-shm
done
# usage errors still come first, and --help needs no store
expect_status no_store_usage_error_first 2 $M --db typo.db events --type
expect_status no_store_help 0 $M --db typo.db events --help
# ingest creates the store and says so; init does too
$M --db fresh.db ingest tree/sub/note.txt >fresh.out 2>fresh.err
contains ingest_creates_store fresh.err "created a new store fresh.db"
expect_status init_creates_store 0 $M --db fresh2.db init

# ---- 15, 16. the server on an empty store and on queries that match nothing ----
# Every endpoint answers (under the sanitizer build, a qsort of no rows or
# any other undefined behaviour stops the server), and a search of nothing
# but quotes is a 400, not a 500.
if command -v curl >/dev/null 2>&1; then
    printf '[tracker]\nname = empty\n[theme x]\ntypes = funding\n' >empty.ini
    $M --db empty.db init --tracker empty.ini >/dev/null 2>&1
    $M --db full.db init --tracker empty.ini >/dev/null 2>&1
    $M --db full.db ingest tree/sub/note.txt >/dev/null 2>&1
    for db in empty full; do
        SERVE_ARGS=--allow-private
        if ! start_server "$db" MTRACK_TOKEN=t0ken MTRACK_DB="$db.db"; then
            SERVE_ARGS=""
            fail "serve_$db" "no port: $(head -3 $db.log)"; continue
        fi
        SERVE_ARGS=""
        pid=$last_pid base=$BASE
        bad=""
        for path in \
            "/api/v1/trackers 200" "/api/v1/trackers/empty 200" "/api/v1/trackers/empty/report 200" \
            "/api/v1/trackers/nosuch 404" "/api/v1/trackers/nosuch/report 404" \
            "/api/v1/events 200" "/api/v1/events?tracker=empty 200" "/api/v1/events?type=funding&org=zzzz 200" \
            "/api/v1/events?sort=usd&order=asc 200" "/api/v1/events?sort=org&theme=x 200" \
            "/api/v1/events?offset=100 200" "/api/v1/events/99999 404" \
            "/api/v1/search?q=zzzz 200" "/api/v1/search?q=%22%22 400" "/api/v1/search?q=%22 400" \
            "/api/v1/search?q=%22%20%22 400" "/api/v1/sources 200" \
            "/api/v1/organizations 200" "/api/v1/organizations?q=zzzz 200" "/api/v1/organisations?q=zzzz 200" \
            "/ 200" "/t/empty 200" "/t/empty/events 200" "/t/empty/events?org=zzzz&sort=usd 200" \
            "/t/empty/events?format=csv&org=zzzz 200" "/t/empty/atom.xml 200" "/search?q=zzzz 200" \
            "/search?q=%22 400" "/search?q=%22%22 400" "/events/99999 404" "/org/zzzz 404" \
            "/healthz 200" "/metrics 200" \
            "/api/v1/events?since=2026-13-01 400" "/api/v1/events?since=2026-02-30 400" \
            "/api/v1/events?since=yesterday 400" "/api/v1/events?until=2026-99-99 400" \
            "/api/v1/events?since=2024-02-29 200" "/api/v1/events?min_usd=-5 400" \
            "/api/v1/events?min_usd=nan 400" "/api/v1/events?min_usd=100M 200" \
            "/api/v1/events?limit=%2B5 400" "/api/v1/search?q=zzzz&limit=5x 400" \
            "/t/empty/events?since=2026-13-01 400"; do
            p=${path% *} want=${path##* }
            got=$(curl -s -o /dev/null -w '%{http_code}' "$base$p")
            [ "$got" = "$want" ] || bad="$bad $p=$got(want $want)"
        done
        kill -0 $pid 2>/dev/null || bad="$bad (the server stopped: $(grep -m1 'runtime error\|ERROR' $db.log))"
        if [ -z "$bad" ]; then pass "serve_${db}_every_endpoint"; else fail "serve_${db}_every_endpoint" "$bad"; fi
        # a source of 2,000 bytes through the API, then the list
        A=$(sed -n 1p urls)
        got=$(curl -s -o post.out -w '%{http_code}' -X POST -H "Authorization: Bearer t0ken" \
            -d "{\"url\":\"$A/api\"}" "$base/api/v1/sources")
        curl -s "$base/api/v1/sources" >srcs.json
        if [ "$got" = 201 ] && $PY -c 'import json,sys; u=sys.argv[1]; sys.exit(0 if any(s["url"] == u for s in json.load(open("srcs.json"))["sources"]) else 1)' "$A/api"; then
            pass "api_long_source_url_$db"
        else
            fail "api_long_source_url_$db" "status $got: $(head -c 200 post.out)"
        fi
    done
else
    skip serve_every_endpoint "curl is not installed"
fi
# the CLI: a search of only quotes is a usage error, as in the API
expect_status search_only_quotes_exit_2 2 $M --db full.db search '""'

# ---- 17. one reader of dates and amounts: CLI exit 2, API 400 (above), MCP a JSON-RPC error ----
for a in "events --since 2026-13-01" "events --since yesterday" "events --until 2026-02-30" \
    "report --since 2026-99-99" "events --min-usd -5" "events --min-usd nan" "events --limit 0" \
    "search --limit 5x widget"; do
    expect_status "bad_input_exit_2 $a" 2 $M --db full.db $a
done
expect_status good_dates_exit_0 0 $M --db full.db events --since 2024-02-29 --until 2026-12-31 --min-usd 1e3
printf '%s\n' \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_events","arguments":{"since":"2026-13-45"}}}' \
    '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_events","arguments":{"until":"2026-02-30"}}}' \
    '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_events","arguments":{"min_usd":-5}}}' \
    '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search","arguments":{"query":"\"\""}}}' \
    '{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"list_events","arguments":{"since":"2024-02-29"}}}' \
    | $M --db full.db mcp >mcpin.out 2>/dev/null
if $PY - <<'EOF2'; then pass mcp_bad_input_rpc_errors; else fail mcp_bad_input_rpc_errors "$(cut -c1-300 mcpin.out)"; fi
import json, sys
by = {}
for line in open("mcpin.out"):
    m = json.loads(line)
    by[m.get("id")] = m
ok = all(by[i].get("error", {}).get("code") == -32602 for i in (2, 3, 4, 5))
ok = ok and "result" in by[6] and not by[6]["result"].get("isError")
sys.exit(0 if ok else 1)
EOF2

# ---- 24. the CLI's error forms ----
$M help >help.out 2>&1
contains help_command help.out "usage: mtrack [--db PATH] COMMAND"
$M help search >help2.out 2>&1
contains help_command_topic help2.out "usage: mtrack [--db PATH] search"
$M --db full.db search -Nscale >opt.out 2>&1; rc=$?
if [ $rc -eq 2 ] && grep -qF "mtrack: search: unknown option '-N'" opt.out && ! grep -q "invalid option" opt.out; then
    pass bad_short_option_form; else fail bad_short_option_form "exit $rc: $(cat opt.out)"; fi
$M --db full.db events --bogus >opt.out 2>&1
contains bad_long_option_named opt.out "mtrack: events: unknown option '--bogus'"
$M --db full.db search --limit >opt.out 2>&1
contains option_wants_value opt.out "mtrack: search: option '--limit' wants a value"
for c in parse-feed analyze extract; do
    $M $c no-such-file >form.out 2>&1
    contains "error_form_$c" form.out "mtrack: $c: no-such-file: No such file or directory"
done
expect_status serve_listen_name_exit_2 2 $M --db full.db serve --listen example.invalid:8080
expect_status analyze_impossible_date_exit_2 2 $M analyze --date 2026-02-30 tree/sub/note.txt
$M init --write-config edited.ini >/dev/null 2>&1
echo "; my edit" >>edited.ini
$M init --write-config edited.ini >wc.out 2>&1; rc=$?
if [ $rc -eq 1 ] && tail -1 edited.ini | grep -qF "; my edit"; then pass write_config_keeps_edits; else fail write_config_keeps_edits "exit $rc"; fi
expect_status write_config_force 0 $M init --write-config edited.ini --force
$M --db one.db init --tracker empty.ini >one.out 2>&1
contains init_plurals one.out "1 theme, 0 sources"

# ---- 24. a feed cut short: its whole entries are stored, and it is said (exit 1) ----
head -c 3000 big.xml >cut.xml
$M --db cut.db ingest cut.xml >cut.out 2>cut.err; rc=$?
if [ $rc -eq 1 ] && grep -qF "cut.xml: the feed breaks off before its end" cut.err &&
    grep -q "refused 1" cut.out && ! grep -q "added 0 " cut.out; then
    pass truncated_feed_said
else
    fail truncated_feed_said "exit $rc: $(cat cut.out cut.err)"
fi
n=$(sed -n 's/.*its \([0-9]*\) whole entries.*/\1/p' cut.err)
if grep -q "added $n documents" cut.out; then pass truncated_feed_whole_entries_only; else fail truncated_feed_whole_entries_only "$(cat cut.out cut.err)"; fi
