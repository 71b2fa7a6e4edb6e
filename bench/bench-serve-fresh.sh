#!/bin/sh
# The server while another process writes into its store (issue 15): req/s
# and p99 (wrk on loopback) of the events API and of the report page while
# an `mtrack ingest` of generated pages (bench/gen-pages.py) runs into the
# store the server reads, with the ingest's pages/s, how the server made its
# event index meanwhile (patched or read whole) and how many report pages
# it built; then the time from a write to the first answer that shows it:
# a figure changed in place (one UPDATE, committed) until the events API
# shows it, a page ingested (`mtrack ingest`, one process) until the search
# API finds its word, and the first report page after a write (a rebuild).
# usage: sh bench/bench-serve-fresh.sh DB [PAGES] [SECONDS] [CONNECTIONS]
#        PAGES per ingest (default 3000; two ingests), MTRACK=build-x/mtrack
#        for another build, THREADS=N for serve --threads (default 8).
#        DB is written to: give it a copy (SQLite).
set -eu
DB=$1
P=${2:-3000}
S=${3:-8}
C=${4:-32}
M=${MTRACK:-build/mtrack}
command -v wrk >/dev/null 2>&1 || { echo "bench-serve-fresh: wrk is missing (scripts/install-deps --bench)"; exit 0; }
W=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT INT TERM
"$M" --db "$DB" serve --listen 127.0.0.1:0 --threads "${THREADS:-8}" --port-file "$W/port" >"$W/serve.log" 2>&1 &
PID=$!
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(cat "$W/port")
T=$(sqlite3 "$DB" "SELECT name FROM trackers LIMIT 1")
D0=$(sqlite3 "$DB" 'SELECT max(id) FROM documents')
echo "store: $(sqlite3 "$DB" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$DB" 'SELECT count(*) FROM events') events; load $(cut -d' ' -f1-3 /proc/loadavg)"
# the first event index and report page, made before anything is timed
curl -s -o /dev/null --max-time 300 "$B/api/v1/events?limit=50"
curl -s -o /dev/null --max-time 300 "$B/t/$T"
metric() { curl -s "$B/metrics" | awk -v k="$1" '$1 == k { v = $2 } END { print v + 0 }'; }
python3 bench/gen-pages.py "$P" "$W/p1" 91 "$D0" >/dev/null
python3 bench/gen-pages.py "$P" "$W/p2" 92 $((D0 + P)) >/dev/null
printf '| %-44s | %9s | %8s | %10s | %13s | %14s | %13s |\n' "while ingesting, request" "req/s" "p99 ms" "non-2xx" "ingest pages/s" "index full/patch" "report builds"
printf '| %-44s | %9s | %8s | %10s | %13s | %14s | %13s |\n' ---- ---: ---: ---: ---: ---: ---:
n=0
for u in "/api/v1/events?limit=50" "/t/$T"; do
    n=$((n + 1))
    f0=$(metric 'mtrack_event_index_total{how="full"}')
    p0=$(metric 'mtrack_event_index_total{how="patch"}')
    r0=$(metric 'mtrack_cache_answers_total{route="report",outcome="miss"}')
    /usr/bin/time -f '%e' -o "$W/itime" "$M" --db "$DB" ingest --quiet "$W/p$n" >/dev/null 2>&1 &
    ip=$!
    wrk -t2 -c"$C" -d"${S}s" --latency "$B$u" >"$W/wrk" 2>&1 || true
    wait "$ip"
    rps=$(awk '/Requests\/sec/ {print $2}' "$W/wrk")
    p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' "$W/wrk")
    bad=$(awk '/Non-2xx/ {print $NF} /Socket errors/ {printf "sock:%s ", $0}' "$W/wrk")
    ips=$(awk -v n="$P" '{ printf "%.0f", n / $1 }' "$W/itime")
    printf '| %-44s | %9s | %8s | %10s | %13s | %14s | %13s |\n' "$u" "$rps" "$p99" "${bad:-0}" "$ips" \
        "$(($(metric 'mtrack_event_index_total{how="full"}') - f0))/$(($(metric 'mtrack_event_index_total{how="patch"}') - p0))" \
        "$(($(metric 'mtrack_cache_answers_total{route="report",outcome="miss"}') - r0))"
done
echo "store after: $(sqlite3 "$DB" 'SELECT count(*) FROM documents') documents, $(sqlite3 "$DB" 'SELECT count(*) FROM events') events; load $(cut -d' ' -f1-3 /proc/loadavg)"
# from a write to the first fresh answer
cat >"$W/page.txt" <<'EOF'
Brightwater Silicon opens a test line
Source: Bench Wire | 2026-03-20 | https://bench.example/WORD

Brightwater Silicon said on Monday it opened a test line for WORD accelerator chips in Dresden.
EOF
python3 - "$DB" "$B" "$T" "$M" "$W" <<'EOF'
import http.client, json, sqlite3, subprocess, sys, time, urllib.parse
db, base, tracker, mtrack, work = sys.argv[1:6]
host = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(host.hostname, host.port)
def get(path):
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read()
def wait(path, ok):
    t0 = time.monotonic()
    while True:
        st, body = get(path)
        if st == 200 and ok(body):
            return time.monotonic() - t0
        if time.monotonic() - t0 > 60:
            return float("nan")
def ms(v):
    v = sorted(v)
    return "median %.1f ms, max %.1f ms (%d runs)" % (1000 * v[len(v) // 2], 1000 * v[-1], len(v))
figure, found, report = [], [], []
for i in range(10):
    st, body = get("/api/v1/events?limit=1")
    ev = json.loads(body)["events"][0]
    eid, usd = ev["id"], ev["event"].get("amount_usd") or 0
    new = usd + 1 + i
    c = sqlite3.connect(db, timeout=30)
    with c:
        c.execute("UPDATE events SET amount_usd = ? WHERE id = ?", (new, eid))
    c.close()
    figure.append(wait("/api/v1/events?limit=1",
                       lambda b: json.loads(b)["events"][0]["event"].get("amount_usd") == new))
    word = "benchword%d%d" % (int(time.time()), i)
    with open(work + "/page.txt") as f:
        text = f.read().replace("WORD", word)
    path = "%s/%s.txt" % (work, word)
    with open(path, "w") as f:
        f.write(text)
    subprocess.run([mtrack, "--db", db, "ingest", "--quiet", path], check=True, capture_output=True)
    found.append(wait("/api/v1/search?q=" + word, lambda b: json.loads(b).get("total", 0) >= 1))
    t0 = time.monotonic()
    get("/t/" + tracker)
    report.append(time.monotonic() - t0)
print("figure changed in place -> events API shows it: " + ms(figure))
print("page ingested -> search API finds it: " + ms(found))
print("first report page after a write (built again): " + ms(report))
EOF
echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
