#!/bin/sh
# Ingest as the store grows: one store, BATCHES batches of PER_BATCH
# generated pages each (bench/gen-pages.py, every batch other pages: its own
# seed and numbering), each batch one `mtrack ingest`. Prints per batch the
# documents in the store after it, pages/s, CPU seconds, peak memory, the
# store's size on disk (database and WAL) and the load average when it ended
# (the machine is shared: say it with the numbers). Then the largest band of
# the near-duplicate index and the template learnt.
# usage: sh bench/bench-scale.sh [BATCHES] [PER_BATCH]   (from the repository's top)
#        MTRACK=build-x/mtrack to measure another build; KEEP=1 to reuse the store
set -eu
cd "$(dirname "$0")/.."
B=${1:-10}
N=${2:-10000}
M=${MTRACK:-build/mtrack}
W=bench/work/scale
DB=$W/scale.db
mkdir -p "$W"
if [ "${KEEP:-0}" != 1 ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    "$M" --db "$DB" init >/dev/null
fi
printf '| %9s | %7s | %7s | %7s | %8s | %8s | %8s | %5s |\n' batch documents "pages/s" "wall s" "CPU s" "peak MiB" "store MB" load
printf '| %9s | %7s | %7s | %7s | %8s | %8s | %8s | %5s |\n' --------- ------- ------- ------- -------- -------- -------- -----
b=1
while [ "$b" -le "$B" ]; do
    start=$(((b - 1) * N))
    dir=$W/pages-$N-$b
    last=$(printf '%s/page%05d.html' "$dir" $((start + N - 1)))
    if [ ! -f "$last" ]; then
        rm -rf "$dir"
        python3 bench/gen-pages.py "$N" "$dir" $((6 + b)) "$start"
    fi
    /usr/bin/time -f '%e %U %S %M' -o "$W/time.txt" "$M" --db "$DB" ingest --quiet "$dir" >/dev/null
    read -r secs user sys kb <"$W/time.txt"
    docs=$(sqlite3 "$DB" 'SELECT count(*) FROM documents')
    bytes=$(cat "$DB" "$DB-wal" 2>/dev/null | wc -c)
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v b="$b" -v d="$docs" -v n="$N" -v s="$secs" -v u="$user" -v y="$sys" -v k="$kb" -v z="$bytes" -v l="$load" 'BEGIN {
        printf "| %9s | %7d | %7.0f | %7.1f | %8.1f | %8.1f | %8.1f | %5s |\n", b, d, n / s, s, u + y, k / 1024, z / 1e6, l }'
    b=$((b + 1))
done
band=$(sqlite3 "$DB" 'SELECT count(*) FROM document_bands GROUP BY band ORDER BY 1 DESC LIMIT 1' 2>/dev/null || echo '?')
tmpl=$(sqlite3 "$DB" 'SELECT count(*) FROM near_template' 2>/dev/null || echo '?')
signed=$(sqlite3 "$DB" 'SELECT count(*) FROM documents WHERE minhash IS NOT NULL')
echo "(largest band: ${band:-0} documents; template shingles: $tmpl; documents with a signature: $signed)"
