#!/bin/sh
# The first report after `store copy` (issue 16, item 4): the SQLite store
# DB (e.g. bench/work/scale/scale.db from `sh bench/bench-scale.sh 1 10000`)
# given its theme rows by a report, copied into a new PostgreSQL database,
# then the first `report` there twice over: as the copy leaves it (the theme
# rows copied), and with the rows taken out again (as a copy without them
# left it before), each on a copy of its own. Wall and CPU seconds (mtrack,
# the server), and whether the pages are byte-identical.
# usage: sh bench/bench-copy-report.sh DB     (from the repository's top)
#        MTRACK=build-x/mtrack to measure another build
set -eu
cd "$(dirname "$0")/.."
DB=$1
M=${MTRACK:-build/mtrack}
W=bench/work/copy-report
mkdir -p "$W"
TESTDIR=$W
. tests/pg.sh
unset MTRACK_TEST_PG
pg_start || { echo "no PostgreSQL: $pg_why"; exit 1; }
export MTRACK_NOW=2026-12-01T00:00:00Z
SQ=$W/copy.db
rm -f "$SQ" "$SQ"-*
sqlite3 "$DB" ".backup '$SQ'"
"$M" --db "$SQ" report -o "$W/sq.md" >/dev/null 2>&1 # the theme rows
pg_cpu() {
    pid=$(head -1 "$pg_dir/data/postmaster.pid")
    awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / t }' "/proc/$pid/stat"
}
t() { # STORE ARGS...: wall, mtrack's CPU and the server's CPU seconds
    db=$1
    shift
    c0=$(pg_cpu)
    /usr/bin/time -f '%e %U %S' -o "$W/time.txt" "$M" --db "$db" "$@" >"$W/out" 2>"$W/err" || {
        echo "bench-copy-report: $* failed: $(tail -n 1 "$W/err")" >&2; }
    read -r wall user sys <"$W/time.txt"
    echo "$wall $(echo "$user $sys" | awk '{ print $1 + $2 }') $(echo "$(pg_cpu) $c0" | awk '{ print $1 - $2 }')"
}
echo "store: $(sqlite3 "$SQ" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$SQ" 'SELECT count(*) FROM events') events, $(sqlite3 "$SQ" 'SELECT count(*) FROM doc_themes') document theme rows; build $("$M" --version | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
WITH=$(pg_newdb with_rows)
WITHOUT=$(pg_newdb without_rows)
set -- $(t "$SQ" store copy "$SQ" "$WITH")
echo "store copy: $1 s wall, $2 s CPU (mtrack), $3 s CPU (server)"
"$M" store copy "$SQ" "$WITHOUT" >/dev/null 2>&1
psql -X -q -d "$WITHOUT" -c "DELETE FROM doc_themes; DELETE FROM event_themes" >/dev/null
echo
printf '| %-40s | %6s | %7s | %7s |\n' "first report md after the copy" "wall s" "CPU s" "server"
printf '| %-40s | %6s | %7s | %7s |\n' ---------------------------------------- -----: ------: ------:
set -- $(t "$WITHOUT" report -o "$W/without.md")
printf '| %-40s | %6.2f | %7.2f | %7.2f |\n' "without the theme rows (as before)" "$1" "$2" "$3"
set -- $(t "$WITH" report -o "$W/with.md")
printf '| %-40s | %6.2f | %7.2f | %7.2f |\n' "with the copied theme rows" "$1" "$2" "$3"
if cmp -s "$W/with.md" "$W/without.md" && cmp -s "$W/with.md" "$W/sq.md"; then same="the same page from both and from SQLite"; else
    same="the pages differ"; fi
echo
echo "($same; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
