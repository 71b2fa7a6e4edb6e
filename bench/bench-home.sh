#!/bin/sh
# The home page (GET /, issue 14) on a store: its first answer after the
# server starts (which builds each tracker's events index, shared with the
# events page) and the least of N more; and the one store query it adds
# (store_home_health; each tracker's sources' health is
# store_trackers_health's two grouped queries), planned. usage: sh bench/bench-home.sh STORE [N]
# (the store is opened read-write: give it a copy).
set -e
DB=$1
N=${2:-20}
M=${MTRACK:-build/mtrack}
[ -f "$DB" ] || { echo "usage: sh bench/bench-home.sh STORE [N]" >&2; exit 2; }
d=$(mktemp -d)
MTRACK_DB="$DB" "$M" serve --listen 127.0.0.1:0 --port-file "$d/port" >"$d/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$d"' EXIT INT TERM
i=0
while [ ! -s "$d/port" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(cat "$d/port")
echo "store: $(sqlite3 "$DB" 'SELECT documents || " documents, " || events || " events, " || sources || " sources" FROM store_stats')"
curl -s -o /dev/null -w 'first GET /: %{time_total} s\n' "$B/"
i=0
while [ $i -lt "$N" ]; do curl -s -o /dev/null -w '%{time_total}\n' "$B/"; i=$((i + 1)); done | sort -n |
    awk -v n="$N" '{t[NR] = $1} END {printf "next %d GET /: least %.4f s, median %.4f s\n", n, t[1], t[int((NR + 1) / 2)]}'
sqlite3 "$DB" "EXPLAIN QUERY PLAN SELECT (SELECT max(coalesce(published, fetched)) FROM documents), (SELECT max(last_success) FROM sources)" | sed 's/^/plan: /'
