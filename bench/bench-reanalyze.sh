#!/bin/sh
# mtrack reanalyze on a large store while a server reads it (issue 15):
# for each build given, on its own copy of the store, a server (the newer
# build) makes its event index and caches an answer, then `reanalyze` runs
# with the same analyser the store was last re-analysed with (the copy is
# brought up to date once, before anything is timed); prints the run's wall
# and CPU time and peak memory (/usr/bin/time), how far the data's
# generation moved, how many events it wrote again (event_seq), and how the
# server made its next event index (read whole or patched) and whether its
# cached answer was kept.
# usage: sh bench/bench-reanalyze.sh STORE OLD NEW
#        STORE is read only (copied to a temporary folder: room for three
#        copies); OLD and NEW are two mtrack builds; NEW serves.
set -eu
STORE=$1
OLD=$2
NEW=$3
W=$(mktemp -d "${TMPDIR:-/tmp}/bench-reanalyze.XXXXXX")
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT INT TERM
cp "$STORE" "$W/base.db"
# up to date with the analyser (and the schema) before anything is timed
"$NEW" --db "$W/base.db" reanalyze >"$W/prime.txt" 2>&1
echo "store: $(sqlite3 "$W/base.db" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$W/base.db" 'SELECT count(*) FROM events') events; prime: $(cat "$W/prime.txt")"
printf '| %-8s | %8s | %8s | %8s | %18s | %14s | %16s | %22s |\n' build "wall s" "CPU s" "peak MB" "generation moved" "events written" "next index" "cached answer"
printf '| %-8s | %8s | %8s | %8s | %18s | %14s | %16s | %22s |\n' --- ---: ---: ---: ---: ---: --- ---
for b in old new; do
    if [ $b = old ]; then M=$OLD; else M=$NEW; fi
    DB=$W/$b.db
    cp "$W/base.db" "$DB"
    rm -f "$W/port"
    "$NEW" --db "$DB" serve --listen 127.0.0.1:0 --port-file "$W/port" >"$W/serve.log" 2>&1 &
    PID=$!
    i=0
    while [ ! -s "$W/port" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
    B=http://127.0.0.1:$(cat "$W/port")
    metric() { curl -s --max-time 120 "$B/metrics" | awk -v k="$1" '$1 == k { v = $2 } END { print v + 0 }'; }
    curl -s -o /dev/null --max-time 600 "$B/api/v1/events?limit=50"
    g0=$(sqlite3 "$DB" 'SELECT gen FROM store_stats')
    f0=$(metric 'mtrack_event_index_total{how="full"}')
    p0=$(metric 'mtrack_event_index_total{how="patch"}')
    h0=$(metric 'mtrack_cache_answers_total{route="api_events",outcome="hit"}')
    /usr/bin/time -f '%e %U %S %M' -o "$W/time" "$M" --db "$DB" reanalyze >"$W/out.txt" 2>&1
    g1=$(sqlite3 "$DB" 'SELECT gen FROM store_stats')
    written=$(sqlite3 "$DB" "SELECT count(*) FROM event_seq WHERE seq > $g0")
    curl -s -o /dev/null --max-time 600 "$B/api/v1/events?limit=50"
    f1=$(metric 'mtrack_event_index_total{how="full"}')
    p1=$(metric 'mtrack_event_index_total{how="patch"}')
    h1=$(metric 'mtrack_cache_answers_total{route="api_events",outcome="hit"}')
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=
    if [ "$f1" -gt "$f0" ]; then how="read whole"; elif [ "$p1" -gt "$p0" ]; then how=patched; else how=kept; fi
    if [ "$h1" -gt "$h0" ]; then kept="kept (hit)"; else kept="computed again"; fi
    read -r wall u sy peak <"$W/time"
    printf '| %-8s | %8s | %8s | %8s | %18s | %14s | %16s | %22s |\n' $b "$wall" \
        "$(echo "$u $sy" | awk '{ printf "%.1f", $1 + $2 }')" "$((peak / 1024))" "$((g1 - g0))" "$written" "$how" "$kept"
    echo "  $b: $(cat "$W/out.txt")"
    rm -f "$DB" "$DB-wal" "$DB-shm"
done
