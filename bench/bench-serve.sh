#!/bin/sh
# mtrack serve under load (wrk on loopback): the report page, an API events
# query and /healthz, a few seconds each: requests per second, p50 and p99
# latency, errors. Goal: 10,000 req/s for the report page, p99 under 20 ms.
# usage: sh bench/bench-serve.sh [SECONDS] [CONNECTIONS] [THREADS]
#        (from the repository's top; MTRACK=path overrides build/mtrack)
set -eu
cd "$(dirname "$0")/.."
D=${1:-5}
C=${2:-32}
T=${3:-2}
M=${MTRACK:-build/mtrack}
command -v wrk >/dev/null 2>&1 || { echo "bench-serve: wrk is missing (apt-get install -y wrk)"; exit 0; }
W=bench/work/serve
mkdir -p "$W"
rm -f "$W/serve.db" "$W/serve.db-wal" "$W/serve.db-shm" "$W/port"
$M --db "$W/serve.db" init >/dev/null
$M --db "$W/serve.db" ingest --quiet samples
$M --db "$W/serve.db" serve --listen 127.0.0.1:0 --threads "$T" --port-file "$W/port" >"$W/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT INT TERM
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
BASE="http://127.0.0.1:$(cat "$W/port")"
curl -s -o /dev/null "$BASE/t/ai-infra" # builds the cached report
printf '| %-50s | %9s | %8s | %8s | %8s | %6s |\n' route "req/s" "p50 ms" "p99 ms" "requests" errors
printf '| %-50s | %9s | %8s | %8s | %8s | %6s |\n' -------------------------------------------------- --------- -------- -------- -------- ------
for path in /t/ai-infra '/api/v1/events?type=funding&min_usd=100M&limit=20' /healthz; do
    wrk -t2 -c"$C" -d"${D}s" --latency "$BASE$path" >"$W/wrk.txt" 2>&1 || true
    awk -v path="$path" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) }
        /^ +99%/ { p99 = ms($2) }
        /requests in/ { n = $1 }
        /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { err += $NF }
        /Socket errors/ { for (k = 4; k <= NF; k += 2) err += $k }
        END {
            printf "| %-50s | %9.0f | %8.2f | %8.2f | %8d | %6d |\n", path, rps, p50, p99, n, err
        }' "$W/wrk.txt"
done
echo "(wrk -t2 -c$C -d${D}s on loopback; server --threads $T; $(nproc) cores)"
