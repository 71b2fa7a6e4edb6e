#!/bin/sh
# `events --format json` and the served event index on one large store in
# SQLite and the same store in PostgreSQL (made by bench/bench-pg-scale.sh
# or `mtrack store copy`), for two builds taking turns: wall seconds,
# mtrack's CPU seconds, the PostgreSQL server's CPU seconds (its ended
# backends: the server's process is given by PGDATA's postmaster.pid), and
# a checksum of the answer (the same from every build and back end); then
# the first `GET /api/v1/events?theme=investment&limit=50` of a new
# `serve` (the event index built: every event's scope and theme).
# usage: sh bench/bench-pg-events.sh SQLITE_DB PG_URL PGDATA [ROUNDS]
#        env: MTRACK (build/mtrack), MTRACK_BEFORE (the build to compare)
set -eu
cd "$(dirname "$0")/.."
SQ=$1 PG=$2 PGDATA=$3 ROUNDS=${4:-3}
M=${MTRACK:-build/mtrack}
BEFORE=${MTRACK_BEFORE:-$M}
W=bench/work/pg-events
mkdir -p "$W"
export MTRACK_NOW=2026-12-01T00:00:00Z
pg_cpu() {
    pid=$(head -1 "$PGDATA/postmaster.pid")
    awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / t }' "/proc/$pid/stat"
}
label() { if [ "$1" = "$BEFORE" ] && [ "$1" != "$M" ]; then echo before; else echo after; fi; }
echo "load $(cut -d' ' -f1-3 /proc/loadavg); before: $BEFORE; after: $M"
echo
echo "| round | build | store | wall s | mtrack CPU s | server CPU s | answer | load |"
echo "| ---: | --- | --- | ---: | ---: | ---: | --- | ---: |"
r=1
while [ $r -le "$ROUNDS" ]; do
    for db in "$SQ" "$PG"; do
        for m in "$BEFORE" "$M"; do
            c0=$(pg_cpu)
            /usr/bin/time -f '%e %U %S' -o "$W/time.txt" "$m" --db "$db" events --format json >"$W/out.json"
            sleep 0.5 # (the backend reaped)
            c1=$(pg_cpu)
            read -r wall user sys <"$W/time.txt"
            case $db in postgres*) where=PostgreSQL ;; *) where=SQLite ;; esac
            echo "| $r | $(label "$m") | $where | $wall | $(echo "$user $sys" | awk '{ print $1 + $2 }') |" \
                "$(echo "$c1 $c0" | awk '{ printf "%.2f", $1 - $2 }') | $(md5sum <"$W/out.json" | cut -c1-8) |" \
                "$(cut -d' ' -f1 /proc/loadavg) |"
        done
    done
    r=$((r + 1))
done
echo
echo "| build | store | first events answer s | again s | answer |"
echo "| --- | --- | ---: | ---: | --- |"
for db in "$PG" "$SQ"; do
    for m in "$BEFORE" "$M"; do
        rm -f "$W/port"
        "$m" --db "$db" serve --listen 127.0.0.1:0 --port-file "$W/port" >"$W/serve.log" 2>&1 &
        p=$!
        i=0
        while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
        u="http://127.0.0.1:$(cat "$W/port")/api/v1/events?theme=investment&limit=50"
        first=$(curl -s -o "$W/a.json" -w '%{time_total}' --max-time 600 "$u")
        again=$(curl -s -o /dev/null -w '%{time_total}' --max-time 600 "$u")
        kill "$p"
        wait "$p" 2>/dev/null || true
        case $db in postgres*) where=PostgreSQL ;; *) where=SQLite ;; esac
        echo "| $(label "$m") | $where | $first | $again | $(md5sum <"$W/a.json" | cut -c1-8) |"
    done
done
echo
echo "(load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
