#!/bin/sh
# CLI search on a large store (issue 15): for common words (in every
# generated page), a word in about half of them, a rare word, and phrases
# (a hyphenated word is a phrase: design-centre finds "design centre"),
# the best of N runs of `mtrack search` for each build given, as wall time
# / CPU time (perf's task-clock, else user + system from /usr/bin/time:
# what a loaded machine changes least), with what the last line says (how many match, how many were
# ranked).
# usage: sh bench/bench-search.sh DB [RUNS] [BUILD...]
#        (DB: a SQLite file or a postgresql:// URL, only read; BUILD: a
#        folder holding mtrack, default build; QUERIES="a|b c|..." and
#        API_QUERIES="a b" for other queries)
set -eu
DB=$1
N=${2:-5}
shift 2 2>/dev/null || shift $#
[ $# -gt 0 ] || set -- build
Q=${QUERIES:-"chips|chips inference|hyperscalers|seed-round|design-centre|yorgra|yorgra-photonics|zelros lumen"}
case $DB in
postgres*) docs=$(psql -X -At -d "$DB" -c 'SELECT count(*) FROM documents' 2>/dev/null || echo '?') ;;
*) docs=$(sqlite3 "$DB" 'SELECT count(*) FROM documents' 2>/dev/null || echo '?') ;;
esac
echo "store: $docs documents; load $(cut -d' ' -f1-3 /proc/loadavg); best of $N"
printf '| %-20s |' query
for b in "$@"; do printf ' %16s |' "$b wall/cpu s"; done
printf ' %-60s |\n' "last line (the last build)"
printf '| %-20s |' ----
for b in "$@"; do printf ' %16s |' ---:; done
printf ' %-60s |\n' ----
W=$(mktemp -d)
# CPU time from perf's task-clock (to the microsecond) when perf runs here,
# else user + system from /usr/bin/time (to 10 ms)
PERF=
perf stat -x, -e task-clock -o "$W/p" true >/dev/null 2>&1 && PERF=1
trap 'rm -rf "$W"' EXIT INT TERM
IFS='|'
for q in $Q; do
    printf '| %-20s |' "$q"
    for b in "$@"; do
        best= cpu=
        i=0
        while [ $i -lt "$N" ]; do
            unset IFS
            if [ -n "$PERF" ]; then
                /usr/bin/time -f '%e' -o "$W/t" perf stat -x, -e task-clock -o "$W/p" \
                    "$b/mtrack" --db "$DB" search $q >"$W/out" 2>/dev/null || true
                c=$(awk -F, '$3 == "task-clock" { printf "%.3f", $1 / 1000 }' "$W/p")
            else
                /usr/bin/time -f '%e %U %S' -o "$W/t" "$b/mtrack" --db "$DB" search $q >"$W/out" 2>/dev/null || true
                c=$(awk '{ print $2 + $3 }' "$W/t")
            fi
            IFS='|'
            t=$(awk '{ print $1 }' "$W/t")
            best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
            cpu=$(awk -v a="${cpu:-$c}" -v b="$c" 'BEGIN { print (b < a ? b : a) }')
            i=$((i + 1))
        done
        printf ' %16s |' "$best / $cpu"
    done
    last=$(tail -1 "$W/out")
    case $last in *result*) ;; *) last="(all shown)" ;; esac
    printf ' %-60s |\n' "$last"
done

unset IFS

# The API: the first GET /api/v1/search of a server just started (so
# computed, not from the answer cache), best of N servers, for each build.
command -v curl >/dev/null 2>&1 || exit 0
echo
printf '| %-20s |' "GET /api/v1/search?q="
for b in "$@"; do printf ' %16s |' "$b first s"; done
printf '\n| %-20s |' ----
for b in "$@"; do printf ' %16s |' ---:; done
printf '\n'
for q in ${API_QUERIES:-chips design-centre yorgra}; do
    printf '| %-20s |' "$q"
    for b in "$@"; do
        best=
        i=0
        while [ $i -lt "$N" ]; do
            rm -f "$W/port"
            "$b/mtrack" --db "$DB" serve --listen 127.0.0.1:0 --threads 2 --port-file "$W/port" >"$W/serve.log" 2>&1 &
            pid=$!
            k=0
            while [ ! -s "$W/port" ] && [ $k -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
            t=$(curl -s -o /dev/null --max-time 120 -w '%{time_total}' "http://127.0.0.1:$(cat "$W/port")/api/v1/search?q=$q")
            kill "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null || true
            best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN { printf "%.3f", (b < a ? b : a) }')
            i=$((i + 1))
        done
        printf ' %16s |' "$best"
    done
    printf '\n'
done
