#!/bin/sh
# `report` (md, html, json) on one large PostgreSQL store (a `mtrack store
# copy` of the 100,000-document store, as bench/bench-pg-events.sh makes),
# two builds taking turns: wall seconds, mtrack's CPU seconds, the
# PostgreSQL server's CPU seconds (its ended backends: the server's process
# is given by PGDATA's postmaster.pid) and a checksum of the page (the same
# from both builds; compare it with the SQLite store's page by hand).
# Each build first runs one report that keeps the theme rows, as a store in
# use has them.
# usage: sh bench/bench-pg-report.sh PG_URL PGDATA [ROUNDS]
#        env: MTRACK (build/mtrack), MTRACK_BEFORE (the build to compare),
#        PG_BEFORE (the store MTRACK_BEFORE reads, default PG_URL: another
#        copy when the builds' schemas differ)
set -eu
cd "$(dirname "$0")/.."
PG=$1 PGDATA=$2 ROUNDS=${3:-3}
PG_BEFORE=${PG_BEFORE:-$PG}
M=${MTRACK:-build/mtrack}
BEFORE=${MTRACK_BEFORE:-$M}
W=bench/work/pg-report
mkdir -p "$W"
export MTRACK_NOW=2026-12-01T00:00:00Z
pg_cpu() {
    pid=$(head -1 "$PGDATA/postmaster.pid")
    awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / t }' "/proc/$pid/stat"
}
label() { if [ "$1" = "$BEFORE" ] && [ "$1" != "$M" ]; then echo before; else echo after; fi; }
"$M" --db "$PG" report -o /dev/null 2>/dev/null
"$BEFORE" --db "$PG_BEFORE" report -o /dev/null 2>/dev/null
echo "load $(cut -d' ' -f1-3 /proc/loadavg); before: $BEFORE; after: $M"
echo
echo "| round | format | build | wall s | mtrack CPU s | server CPU s | page | load |"
echo "| ---: | --- | --- | ---: | ---: | ---: | --- | ---: |"
r=1
while [ $r -le "$ROUNDS" ]; do
    for f in md html json; do
        for m in "$BEFORE" "$M"; do
            rm -f "$W/page.$f"
            c0=$(pg_cpu)
            db=$PG
            [ "$m" = "$M" ] || db=$PG_BEFORE
            /usr/bin/time -f '%e %U %S' -o "$W/time.txt" "$m" --db "$db" report --format $f -o "$W/page.$f" 2>/dev/null
            sleep 0.5 # (the backend reaped)
            c1=$(pg_cpu)
            read -r wall user sys <"$W/time.txt"
            echo "| $r | $f | $(label "$m") | $wall | $(echo "$user $sys" | awk '{ print $1 + $2 }') |" \
                "$(echo "$c1 $c0" | awk '{ printf "%.2f", $1 - $2 }') | $(md5sum <"$W/page.$f" | cut -c1-8) |" \
                "$(cut -d' ' -f1 /proc/loadavg) |"
        done
    done
    r=$((r + 1))
done
