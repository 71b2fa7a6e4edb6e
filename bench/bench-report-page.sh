#!/bin/sh
# The tracker page's cost on a large store (issue 14: descriptors, theme
# paragraphs, cross-references, links): N generated pages
# (bench/gen-pages.py) ingested once per build, then `mtrack report` in
# Markdown and HTML RUNS times each; prints the least CPU seconds
# (user+sys) and the least wall seconds of each, and the load average (the
# machine is shared: CPU time is the steadier figure).
# usage: sh bench/bench-report-page.sh [N] [RUNS]   (from the repository's top)
#        MTRACK=... the build to measure (default build/mtrack); BASE=... a
#        second build measured on its own store in the same run, for a ratio
set -eu
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-7}
W=bench/work/report-page
mkdir -p "$W"
[ -f "$W/pages-$N/page$(printf %05d $((N - 1))).html" ] || python3 bench/gen-pages.py "$N" "$W/pages-$N" 7 0 >/dev/null
measure() { # name binary
    db="$W/$1.db"
    rm -f "$db" "$db-wal" "$db-shm"
    "$2" --db "$db" init >/dev/null 2>&1
    "$2" --db "$db" ingest --quiet "$W/pages-$N" >/dev/null 2>&1
    for fmt in md html; do
        i=0
        : >"$W/runs.txt"
        while [ $i -lt "$RUNS" ]; do
            /usr/bin/time -o "$W/t.txt" -f '%U %S %e' "$2" --db "$db" report --format $fmt -o "$W/r.$fmt" >/dev/null 2>&1
            cat "$W/t.txt" >>"$W/runs.txt"
            i=$((i + 1))
        done
        awk -v n="$1" -v f=$fmt 'NR == 1 || $1 + $2 < c { c = $1 + $2 } NR == 1 || $3 < w { w = $3 }
            END { printf "| %s | %s | %.2f | %.2f |\n", n, f, c, w }' "$W/runs.txt"
    done
}
echo "| build | format | CPU s (least) | wall s (least) |"
echo "| --- | --- | --- | --- |"
[ -n "${BASE:-}" ] && measure base "$BASE"
measure new "${MTRACK:-build/mtrack}"
echo "(load average $(cut -d' ' -f1 /proc/loadavg); $(sqlite3 "$W/new.db" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$W/new.db" 'SELECT count(*) FROM events') events)"
