#!/bin/sh
# What a tracker's [filter] costs (issue 12 item 2: every view of a tracker
# takes only its events, publish/scope.c): on one store of generated pages
# (bench/gen-pages.py), `report --format json` and `events --format csv`
# for the default tracker (no filter: every event is the tracker's, no
# document read to tell) and for the same tracker with a [filter]
# (include, exclude, exclude_outlets: each event's documents read until
# one is the tracker's). Wall and CPU seconds, peak memory, rows.
# usage: sh bench/bench-filter.sh [PAGES]    (from the repository's top)
#        MTRACK=build-x/mtrack to measure another build
set -eu
cd "$(dirname "$0")/.."
N=${1:-6500}
M=${MTRACK:-build/mtrack}
W=bench/work/filter
DB=$W/filter.db
mkdir -p "$W"
if [ ! -f "$DB" ]; then
    python3 bench/gen-pages.py "$N" "$W/pages" 7 0 >/dev/null
    "$M" --db "$DB" init >/dev/null
    "$M" --db "$DB" ingest --quiet "$W/pages" >/dev/null
fi
"$M" --db "$DB" init --write-config - 2>/dev/null |
    sed -e 's/^name = .*/name = filtered/' \
        -e 's/^; include = .*/include = chip, inference/' \
        -e 's/^; exclude = .*/exclude = sponsored, photonics\nexclude_outlets = Wire/' >"$W/filtered.ini"
"$M" --db "$DB" init --tracker "$W/filtered.ini" >/dev/null
printf '| %-40s | %7s | %6s | %8s | %7s |\n' command "wall s" "CPU s" "peak MiB" rows
printf '| %-40s | %7s | %6s | %8s | %7s |\n' ---------------------------------------- ------- ------ -------- -------
for t in ai-infra filtered; do
    for c in "report --format json" "events --format csv"; do
        /usr/bin/time -f '%e %U %S %M' -o "$W/time.txt" "$M" --db "$DB" $c --tracker "$t" >"$W/out" 2>/dev/null
        read -r secs user sys kb <"$W/time.txt"
        case $c in
        report*) rows=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["events"])' "$W/out") ;;
        *) rows=$(($(wc -l <"$W/out") - 1)) ;;
        esac
        awk -v c="$c --tracker $t" -v s="$secs" -v u="$user" -v y="$sys" -v k="$kb" -v r="$rows" 'BEGIN {
            printf "| %-40s | %7.2f | %6.2f | %8.1f | %7d |\n", c, s, u + y, k / 1024, r }'
    done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d), $(nproc) cores"
