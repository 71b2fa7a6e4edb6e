#!/bin/sh
# SQLite against PostgreSQL on the same work, in one run: ingest of N
# generated pages (bench/gen-pages.py) into a new store of each, then
# report (md, html), events and search on each. The PostgreSQL server is a
# throw-away one on loopback (tests/pg.sh: fsync off, so this measures
# mtrack and the server, not the disk). Wall seconds, mtrack's CPU seconds,
# pages/s, and the ratio PostgreSQL / SQLite.
# usage: sh bench/bench-pg.sh [PAGES]    (from the repository's top)
#        MTRACK=build-x/mtrack to measure another build
set -eu
cd "$(dirname "$0")/.."
N=${1:-2000}
M=${MTRACK:-build/mtrack}
W=bench/work/pg
mkdir -p "$W"
TESTDIR=$W
. tests/pg.sh
unset MTRACK_TEST_PG
pg_start || { echo "no PostgreSQL: $pg_why"; exit 1; }
[ -d "$W/pages-$N" ] || python3 bench/gen-pages.py "$N" "$W/pages-$N" 7 0 >/dev/null
SQ=$W/bench.db
rm -f "$SQ" "$SQ"-*
PG=$(pg_newdb bench)
"$M" --db "$SQ" init >/dev/null
"$M" --db "$PG" init >/dev/null
t() { # STORE ARGS...: wall and CPU seconds of mtrack
    db=$1
    shift
    /usr/bin/time -f '%e %U %S' -o "$W/time.txt" "$M" --db "$db" "$@" >"$W/out" 2>/dev/null
    read -r wall user sys <"$W/time.txt"
    echo "$wall $(echo "$user $sys" | awk '{ print $1 + $2 }')"
}
printf '| %-28s | %8s | %8s | %9s | %9s | %7s |\n' work "SQLite s" "PG s" "SQLite CPU" "PG CPU" "PG/SQL"
printf '| %-28s | %8s | %8s | %9s | %9s | %7s |\n' ---------------------------- -------- -------- --------- --------- -------
# row NAME ARGS...: the command on each back end, and the ratio
row() {
    name=$1
    shift
    set -- $(t "$SQ" "$@") $(t "$PG" "$@")
    awk -v n="$name" -v a="$1" -v ac="$2" -v b="$3" -v bc="$4" 'BEGIN {
        printf "| %-28s | %8.2f | %8.2f | %9.2f | %9.2f | %6.1fx |\n", n, a, b, ac, bc, (a > 0 ? b / a : 0) }'
}
row "ingest $N pages" ingest --quiet "$W/pages-$N"
row "report md" report -o "$W/r.md"
row "report html" report --format html -o "$W/r.html"
row "events json" events --format json
row "search 'series B'" search --limit 20 "series B"
row "sources list" sources list
docs=$("$M" --db "$PG" events --format csv | wc -l)
echo
echo "($N pages, $((docs - 1)) events; load average $(cut -d' ' -f1-3 /proc/loadavg))"
