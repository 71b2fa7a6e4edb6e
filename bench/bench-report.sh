#!/bin/sh
# `report` on a large store (issue 15: under 1 s), two builds side by side:
# for md, html and json, the best wall time of RUNS runs, the best CPU
# time (user + system) and the peak memory (/usr/bin/time), the
# instructions of one run (callgrind, when valgrind is there and NOCG is
# not set: the machine may be shared and noisy, the count is not), and
# whether the two pages are byte-identical. Each build reads its
# own copy of DB (which is left as it is), after one report that keeps the
# theme rows, as a store in use has them.
# usage: sh bench/bench-report.sh DB BASE NEW [RUNS]     (from the repository's top;
#        NOCG=1: no callgrind)
#        DB: e.g. the 100,000-document store of bench/bench-scale.sh
#        (default bench/work/scale/scale.db, which it makes);
#        BASE, NEW: two mtrack programs (e.g. main's build and yours;
#        default build/mtrack for both)
set -eu
cd "$(dirname "$0")/.."
DB=${1:-bench/work/scale/scale.db} BASE=${2:-build/mtrack} NEW=${3:-${2:-build/mtrack}} RUNS=${4:-3}
if [ ! -f "$DB" ]; then # make bench without arguments: the store of bench-scale.sh, when made
    echo "bench-report: no store $DB (make one with sh bench/bench-scale.sh, or name one)"
    exit 0
fi
W=bench/work/report
mkdir -p "$W"
export MTRACK_NOW=2026-12-01T00:00:00Z # the same "Updated" line from both
for b in base new; do
    rm -f "$W/$b.db" "$W/$b.db"-*
    sqlite3 "$DB" ".backup '$W/$b.db'"
done
"$BASE" --db "$W/base.db" report -o /dev/null 2>/dev/null # migrations, theme rows
"$NEW" --db "$W/new.db" report -o /dev/null 2>/dev/null
echo "store: $(sqlite3 "$W/new.db" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$W/new.db" 'SELECT count(*) FROM events') events; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| format | build | best wall s of $RUNS | best CPU s | peak KB | instructions | bytes | same |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"
for f in md html json; do
    for b in base new; do
        if [ $b = base ]; then M=$BASE; else M=$NEW; fi
        best= peak= cpu=
        i=0
        while [ $i -lt "$RUNS" ]; do
            /usr/bin/time -f '%e %M %U %S' -o "$W/time.txt" "$M" --db "$W/$b.db" report --format $f -o "$W/$b.$f" 2>/dev/null
            read -r wall kb user sys <"$W/time.txt"
            c=$(echo "$user $sys" | awk '{ printf "%.2f", $1 + $2 }')
            if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall peak=$kb; fi
            if [ -z "$cpu" ] || [ "$(echo "$c < $cpu" | bc)" = 1 ]; then cpu=$c; fi
            i=$((i + 1))
        done
        ir=-
        if [ -z "${NOCG:-}" ] && command -v valgrind >/dev/null 2>&1; then
            valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$M" --db "$W/$b.db" report --format $f \
                -o /dev/null >/dev/null 2>"$W/cg.err" || true
            ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$W/cg.err" | tail -1)
        fi
        same=
        [ $b = new ] && { if cmp -s "$W/base.$f" "$W/new.$f"; then same=yes; else same=NO; fi; }
        echo "| $f | $b | $best | $cpu | $peak | $ir | $(wc -c <"$W/$b.$f") | $same |"
    done
done
echo "(load at the end $(cut -d' ' -f1-3 /proc/loadavg))"
