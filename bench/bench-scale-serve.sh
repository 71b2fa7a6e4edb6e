#!/bin/sh
# The server and the report on a large store (issue 15): req/s and p99 of
# the events API (newest first, a theme filter, oldest first deep in the
# list) and of the report page (wrk on loopback), the size and status of
# the report page and the JSON report, and `report` times.
# Then a common-word search (q=chips: a word in every generated page) with
# other limits each time (so computed, not taken from the answer cache),
# and the server's memory: resident (VmRSS, where each store connection's
# memory map counts the file's pages again), proportional (Pss: a shared
# page counted once) and heap (RssAnon).
# usage: sh bench/bench-scale-serve.sh DB [SECONDS] [CONNECTIONS]
#        MTRACK=build-x/mtrack for another build; THREADS=N for serve
#        --threads (default 8). The store is only read
#        (make one with bench/bench-scale.sh; copy it first: serve may
#        record nothing, but report -o would record an edition).
set -eu
DB=$1
S=${2:-8}
C=${3:-32}
M=${MTRACK:-build/mtrack}
command -v wrk >/dev/null 2>&1 || { echo "bench-scale-serve: wrk is missing (scripts/install-deps --bench)"; exit 0; }
W=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT INT TERM
"$M" --db "$DB" serve --listen 127.0.0.1:0 --threads "${THREADS:-8}" --port-file "$W/port" >"$W/serve.log" 2>&1 &
PID=$!
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(cat "$W/port")
T=$(sqlite3 "$DB" "SELECT name FROM trackers LIMIT 1")
echo "store: $(sqlite3 "$DB" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$DB" 'SELECT count(*) FROM events') events; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-52s | %6s | %9s | %8s | %9s | %8s |\n' request status "bytes" "first s" "req/s" "p99 ms"
printf '| %-52s | %6s | %9s | %8s | %9s | %8s |\n' ---- ---: ---: ---: ---: ---:
mem() {
    printf '%s: VmRSS %s MB, Pss %s MB, RssAnon %s MB\n' "$1" \
        "$(awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$PID/status)" \
        "$(awk '/^Pss:/ {printf "%.0f", $2 / 1024}' /proc/$PID/smaps_rollup)" \
        "$(awk '/^RssAnon/ {printf "%.0f", $2 / 1024}' /proc/$PID/status)"
}
mem "server at start"
for u in "/api/v1/events?limit=50" "/api/v1/events?theme=investment&limit=50" \
         "/api/v1/events?order=asc&limit=50&offset=10000" "/t/$T" "/api/v1/trackers/$T/report" \
         "/api/v1/search?q=chips"; do
    r=$(curl -s -o "$W/body" -w '%{http_code} %{size_download} %{time_total}' --max-time 120 "$B$u")
    total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("total", "-"))' "$W/body" 2>/dev/null || echo -)
    wrk -t2 -c"$C" -d"${S}s" --latency "$B$u" >"$W/wrk" 2>&1 || true
    rps=$(awk '/Requests\/sec/ {print $2}' "$W/wrk")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' "$W/wrk")
    bad=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$W/wrk")
    set -- $r
    printf '| %-52s | %6s | %9s | %8s | %9s | %8s |%s\n' "$u (total $total)" "$1" "$2" "$3" "$rps" "$p99" "${bad:+ $bad}"
done
mem "server after the routes above"
# searches computed (each limit asked once): 16 at once, then one by one
t0=$(date +%s.%N)
pids=
for l in $(seq 21 36); do
    curl -s -o /dev/null --max-time 120 "$B/api/v1/search?q=chips&limit=$l" &
    pids="$pids $!"
done
wait $pids
t1=$(date +%s.%N)
echo "16 common-word searches at once (limits 21-36, computed): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
mem "server after them"
times=
for l in $(seq 41 50); do
    times="$times $(curl -s -o /dev/null --max-time 120 -w '%{time_total}' "$B/api/v1/search?q=chips&limit=$l")"
done
echo "common-word search, computed, one at a time (s):$times"
for f in html md json; do
    cp "$DB" "$W/r.db"
    /usr/bin/time -f "report --format $f: %e s, %M KB peak" "$M" --db "$W/r.db" report --format "$f" -o "$W/r.$f" >/dev/null 2>"$W/time" || true
    echo "$(tail -1 "$W/time"), $(wc -c <"$W/r.$f") bytes, $(grep -o '<li' "$W/r.$f" | wc -l) list items"
done
