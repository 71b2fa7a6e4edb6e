#!/bin/sh
# Ingest throughput end to end (read, extract, analyse, store) on 10,000
# generated HTML news pages: pages per second and peak memory.
# usage: sh bench/bench-ingest.sh [PAGES]      (from the repository's top)
set -eu
cd "$(dirname "$0")/.."
N=${1:-10000}
W=bench/work/ingest
mkdir -p "$W"
if [ ! -f "$W/pages/page$(printf %05d $((N - 1))).html" ]; then
    rm -rf "$W/pages"
    python3 bench/gen-pages.py "$N" "$W/pages"
fi
rm -f "$W/bench.db" "$W/bench.db-wal" "$W/bench.db-shm"
build/mtrack --db "$W/bench.db" init >/dev/null
/usr/bin/time -f '%e %M' -o "$W/time.txt" build/mtrack --db "$W/bench.db" ingest --quiet "$W/pages"
read -r secs kb <"$W/time.txt"
mb=$(du -sm "$W/pages" | cut -f1)
docs=$(sqlite3 "$W/bench.db" 'SELECT count(*) FROM documents')
events=$(sqlite3 "$W/bench.db" 'SELECT count(*) FROM event_mentions')
printf '| %-28s | %6s | %8s | %9s | %9s | %8s |\n' tool pages seconds "pages/s" "peak MiB" events
printf '| %-28s | %6s | %8s | %9s | %9s | %8s |\n' ---------------------------- ------ -------- --------- --------- --------
awk -v n="$docs" -v s="$secs" -v k="$kb" -v e="$events" 'BEGIN {
    printf "| %-28s | %6d | %8.2f | %9.0f | %9.1f | %8d |\n", "mtrack ingest (1 process)", n, s, n / s, k / 1024, e }'
echo "($N pages, $mb MB of HTML; goal: 300 pages/s)"
