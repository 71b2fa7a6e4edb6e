#!/bin/sh
# A large store on PostgreSQL against the same on SQLite (issue 13): the
# SQLite store DB (made by bench/bench-scale.sh: 100,000 documents) copied
# into a new PostgreSQL database with `mtrack store copy`, then the same
# commands on each: report md (twice: the first on PostgreSQL works out and
# stores every theme, as the copy brings none), html and json, events json,
# search, sources list. Wall seconds, mtrack's CPU seconds, the PostgreSQL
# server's CPU seconds, and the ratio of the wall times. The reports on
# SQLite run on a copy of DB (DB itself is only read).
# usage: sh bench/bench-pg-scale.sh DB     (from the repository's top)
#        MTRACK=build-x/mtrack to measure another build
set -eu
cd "$(dirname "$0")/.."
DB=$1
M=${MTRACK:-build/mtrack}
W=bench/work/pg-scale
mkdir -p "$W"
TESTDIR=$W
. tests/pg.sh
unset MTRACK_TEST_PG
pg_start || { echo "no PostgreSQL: $pg_why"; exit 1; }
export MTRACK_NOW=2026-12-01T00:00:00Z
SQ=$W/copy.db
rm -f "$SQ" "$SQ"-*
sqlite3 "$DB" ".backup '$SQ'"
PG=$(pg_newdb scale)
pg_cpu() {
    pid=$(head -1 "$pg_dir/data/postmaster.pid")
    awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / t }' "/proc/$pid/stat"
}
t() { # STORE ARGS...: wall, mtrack's CPU and the server's CPU seconds
    db=$1
    shift
    c0=$(pg_cpu)
    /usr/bin/time -f '%e %U %S %M' -o "$W/time.txt" "$M" --db "$db" "$@" >"$W/out" 2>"$W/err" || {
        echo "bench-pg-scale: $* failed: $(tail -n 1 "$W/err")" >&2; }
    read -r wall user sys kb <"$W/time.txt"
    echo "$wall $(echo "$user $sys" | awk '{ print $1 + $2 }') $(echo "$(pg_cpu) $c0" | awk '{ print $1 - $2 }') $kb"
}
echo "store: $(sqlite3 "$DB" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$DB" 'SELECT count(*) FROM events') events, $(du -m "$DB" | cut -f1) MB; build $("$M" --version | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
set -- $(t "$SQ" store copy "$SQ" "$PG")
echo "store copy SQLite -> PostgreSQL: $1 s wall, $2 s CPU (mtrack), $3 s CPU (server); $(tail -n 1 "$W/out")"
echo
printf '| %-30s | %8s | %7s | %8s | %7s | %8s | %7s |\n' work "SQLite s" "SQL CPU" "PG s" "PG CPU" "server" "PG/SQL"
printf '| %-30s | %8s | %7s | %8s | %7s | %8s | %7s |\n' ------------------------------ -------: ------: -------: ------: -------: ------:
row() { # NAME ARGS...
    name=$1
    shift
    set -- $(t "$SQ" "$@") $(t "$PG" "$@")
    awk -v n="$name" -v a="$1" -v ac="$2" -v b="$5" -v bc="$6" -v bs="$7" 'BEGIN {
        printf "| %-30s | %8.2f | %7.2f | %8.2f | %7.2f | %8.2f | %6.1fx |\n", n, a, ac, b, bc, bs, (a > 0 ? b / a : 0) }'
}
row "report md (first)" report -o "$W/r1.md"
row "report md (again)" report -o "$W/r2.md"
row "report html" report --format html -o "$W/r.html"
row "report json" report --format json -o "$W/r.json"
row "events json" events --format json
row "search 'series B'" search --limit 20 "series B"
row "sources list" sources list
"$M" --db "$SQ" report -o "$W/sq.md" >/dev/null 2>&1
"$M" --db "$PG" report -o "$W/pg.md" >/dev/null 2>&1
if cmp -s "$W/sq.md" "$W/pg.md"; then same="the same md report from both"; else
    same="the md reports differ: $(diff "$W/sq.md" "$W/pg.md" | grep -c '^[<>]') lines"; fi
echo
echo "($same; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
