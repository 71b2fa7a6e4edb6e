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
trap cleanup EXIT INT TERM

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
