#!/bin/sh
# Times `mtrack update` over the test site's five good sources (served by
# tests/http/server.py on 127.0.0.1): with the default per-host delay
# (1000 ms) and with --delay 50, first run and a second `update --all`.
# usage: sh tests/http/measure.sh [BUILD_DIR]     (from the repo's top)
top=$(cd "$(dirname "$0")/../.." && pwd)
M=$top/${1:-build}/mtrack
W=$(mktemp -d)
python3 "$top/tests/http/server.py" "$top/tests/http/site" "$W/port" "$W/log" &
spid=$!
trap 'kill $spid; rm -rf "$W"' EXIT
while [ ! -s "$W/port" ]; do sleep 0.1; done
B=http://127.0.0.1:$(cat "$W/port")
for d in 1000 50; do
    export MTRACK_DB="$W/m$d.db"
    for u in feeds/full.xml feeds/teasers.xml articles/page.html gz/feeds/gz.xml redirect/feeds/moved.xml; do
        "$M" sources add "$B/$u" >/dev/null
    done
    echo "--delay $d"
    /usr/bin/time -f "  first update: %e s, max RSS %M KB" "$M" update --delay $d 2>&1 | grep -v '^fetched  '
    /usr/bin/time -f "  second update --all: %e s" "$M" update --all --delay $d 2>&1 | grep -v '^unchanged'
done
