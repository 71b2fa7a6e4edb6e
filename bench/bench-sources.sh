#!/bin/sh
# Sources and health on a large store (issue 12, item 9): a store of N
# generated HTML pages ingested from a folder and S sources imported from
# OPML; then the time of /metrics, /api/v1/sources (the first page, and for
# a build without paging the whole list), `sources list`, and /healthz while
# two slow requests run at once (the server has two threads): the sources
# list twice, then two report builds (the slowest requests there are).
# Each time is the median of REPEAT (default 5) after one warm-up
# (curl time_total, milliseconds).
# usage: sh bench/bench-sources.sh [N] [S]     (default 10000 10000)
#        MTRACK=path/to/mtrack for another build (an older one makes every
#        ingested file a file:// source, as the issue saw); STORE=FILE
#        measures a copy of a store made before instead of making one;
#        REPEAT=1 WARM=0 for a build whose requests take minutes.
set -eu
N=${1:-10000}
S=${2:-10000}
M=${MTRACK:-build/mtrack}
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT INT TERM
[ -n "${STORE:-}" ] || python3 "$TOP/bench/gen-pages.py" "$N" "$W/pages" 11
python3 - "$S" "$W/many.opml" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write('<?xml version="1.0"?>\n<opml version="2.0"><head><title>bench</title></head><body>\n')
    for i in range(n):
        f.write('<outline type="rss" text="Feed %d" xmlUrl="https://feeds%d.example.org/rss.xml"/>\n' % (i, i))
    f.write('</body></opml>\n')
EOF
DB=$W/s.db
R=${REPEAT:-5}
WARM=${WARM:-1}
t0=$(date +%s.%N)
if [ -n "${STORE:-}" ]; then
    cp "$STORE" "$DB"
else
    "$M" --db "$DB" init >/dev/null 2>&1
    "$M" --db "$DB" ingest -q "$W/pages" >/dev/null 2>&1 || true
    "$M" --db "$DB" sources import "$W/many.opml" >/dev/null 2>&1
fi
t1=$(date +%s.%N)
echo "store: $(sqlite3 "$DB" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$DB" 'SELECT count(*) FROM sources') sources, $(sqlite3 "$DB" 'SELECT count(*) FROM events') events (made in $(echo "$t1 - $t0" | bc) s); load $(cut -d' ' -f1-3 /proc/loadavg)"
"$M" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 --port-file "$W/port" >"$W/serve.log" 2>&1 &
PID=$!
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(cat "$W/port")
T=$(sqlite3 "$DB" "SELECT name FROM trackers LIMIT 1")
ms() { curl -s -o "$W/body" -w '%{time_total}\n' --max-time 300 "$B$1" | awk '{printf "%.1f\n", $1 * 1000}'; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
row() { printf '| %-44s | %10s | %s\n' "$1" "$2" "$3"; }
row request "median ms" "answer"
row ---- ---: ---
for u in /metrics /api/v1/sources "/api/v1/sources?limit=1000&offset=9000" /healthz; do
    [ "$WARM" = 0 ] || ms "$u" >/dev/null
    t=$(for k in $(seq "$R"); do ms "$u"; done | median)
    row "GET $u" "$t" "$(head -c 80 "$W/body" | tr '\n' ' ')"
done
t=$(for k in $(seq "$R"); do
        a=$(date +%s%N); "$M" --db "$DB" sources list >"$W/list" 2>&1; b=$(date +%s%N)
        echo $(( (b - a) / 1000000 ))
    done | median)
row "mtrack sources list" "$t" "$(grep -c '^http' "$W/list") sources listed"
# /healthz while two slow requests hold both threads
under() { # LABEL URL1 URL2
    curl -s -o /dev/null --max-time 300 "$B$2" &
    c1=$!
    curl -s -o /dev/null --max-time 300 "$B$3" &
    c2=$!
    sleep 0.05
    h=$(ms /healthz)
    wait $c1 $c2 2>/dev/null || true
    row "GET /healthz during $1" "$h" ""
}
under "2 x /api/v1/sources" /api/v1/sources /api/v1/sources
under "2 x /metrics" /metrics /metrics
# two report builds at once (a fresh server: nothing cached yet)
kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true
rm -f "$W/port"
"$M" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 --port-file "$W/port" >"$W/serve.log" 2>&1 &
PID=$!
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(cat "$W/port")
r0=$(date +%s%N)
under "2 x report build (html, json)" "/t/$T" "/api/v1/trackers/$T/report"
r1=$(date +%s%N)
row "(the two report builds took)" "$(( (r1 - r0) / 1000000 ))" ""
