#!/bin/sh
# Ingest as the store grows: one store, BATCHES batches of PER_BATCH
# generated pages each (bench/gen-pages.py, every batch other pages: its own
# seed and numbering), each batch one `mtrack ingest`. Prints per batch the
# documents in the store after it, pages/s (wall), CPU seconds and pages
# per CPU second, where the rest of the wall time went (waiting in the run
# queue for a CPU; asleep: I/O, fsync, locks), the bytes it wrote, peak
# memory, the store's size on disk (database and WAL) and the load average
# when it ended (the machine is shared: say it with the numbers). Then the largest band of
# the near-duplicate index and the template learnt.
# usage: sh bench/bench-scale.sh [BATCHES] [PER_BATCH]   (from the repository's top)
#        MTRACK=build-x/mtrack to measure another build; KEEP=1 to reuse the store,
#        FIRST=N (with KEEP=1) to go on from batch N
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
printf '| %5s | %9s | %7s | %7s | %7s | %9s | %7s | %7s | %8s | %8s | %8s | %5s |\n' batch documents "pages/s" "wall s" "CPU s" "pages/CPU" "runq s" "sleep s" "wrote MB" "peak MiB" "store MB" load
printf '| %5s | %9s | %7s | %7s | %7s | %9s | %7s | %7s | %8s | %8s | %8s | %5s |\n' ----: --------: ------: ------: ------: --------: ------: ------: -------: -------: -------: ----:
b=${FIRST:-1}
while [ "$b" -le "$B" ]; do
    start=$(((b - 1) * N))
    dir=$W/pages-$N-$b
    last=$(printf '%s/page%05d.html' "$dir" $((start + N - 1)))
    if [ ! -f "$last" ]; then
        rm -rf "$dir"
        python3 bench/gen-pages.py "$N" "$dir" $((6 + b)) "$start"
    fi
    /usr/bin/time -f '%e %U %S %M' -o "$W/time.txt" "$M" --db "$DB" ingest --quiet "$dir" >/dev/null &
    tp=$!
    # where the wall time went (the ingest's /proc/PID/schedstat: on a CPU,
    # waiting in the run queue for one; the rest asleep: I/O, fsync,
    # locks) and what it wrote (/proc/PID/io wchar), read as it runs
    sched="0 0" wrote=0 child=""
    while kill -0 "$tp" 2>/dev/null; do
        [ -n "$child" ] || child=$(cat /proc/$tp/task/$tp/children 2>/dev/null | cut -d' ' -f1)
        if [ -n "$child" ]; then
            x=$(cut -d' ' -f1,2 /proc/$child/schedstat 2>/dev/null) && sched=$x
            x=$(sed -n 's/^wchar: //p' /proc/$child/io 2>/dev/null) && [ -n "$x" ] && wrote=$x
        fi
        sleep 0.2
    done
    wait "$tp"
    read -r secs user sys kb <"$W/time.txt"
    read -r oncpu runq <<EOS
$sched
EOS
    docs=$(sqlite3 "$DB" 'SELECT count(*) FROM documents')
    bytes=$(cat "$DB" "$DB-wal" 2>/dev/null | wc -c)
    load=$(cut -d' ' -f1 /proc/loadavg)
    awk -v b="$b" -v d="$docs" -v n="$N" -v s="$secs" -v u="$user" -v y="$sys" -v k="$kb" -v z="$bytes" -v l="$load" \
        -v c="$oncpu" -v q="$runq" -v w="$wrote" 'BEGIN {
        printf "| %5s | %9d | %7.0f | %7.1f | %7.1f | %9.0f | %7.1f | %7.1f | %8.0f | %8.1f | %8.1f | %5s |\n", b, d, n / s, s, u + y,
            n / (u + y), q / 1e9, s - c / 1e9 - q / 1e9, w / 1e6, k / 1024, z / 1e6, l }'
    b=$((b + 1))
done
band=$(sqlite3 "$DB" 'SELECT count(*) FROM document_bands GROUP BY band ORDER BY 1 DESC LIMIT 1' 2>/dev/null || echo '?')
tmpl=$(sqlite3 "$DB" 'SELECT count(*) FROM near_template' 2>/dev/null || echo '?')
signed=$(sqlite3 "$DB" 'SELECT count(*) FROM documents WHERE minhash IS NOT NULL')
echo "(largest band: ${band:-0} documents; template shingles: $tmpl; documents with a signature: $signed)"
