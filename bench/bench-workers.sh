#!/bin/sh
# Several `mtrack update` workers on one PostgreSQL store (issue 13): a
# loopback web of FEEDS feeds of ITEMS teaser entries each on HOSTS hosts
# (bench/gen-web.py, bench/web-server.py: 127.0.0.2, 127.0.0.3, ...; a
# quarter of the article pages re-publish another host's story under other
# boilerplate, so a third of the stories are told twice), fetched by 1, 2
# and 4 workers started at once, each into a new database; then by 4 with
# one of them killed (SIGKILL) a third of the way (short leases: the others
# take its sources) and two thirds of the way (longer leases: a later run
# takes them once they end); then by one worker into SQLite. A worker runs `update` until a run
# finds nothing due (or dies).
#
# Per run: wall seconds, article pages fetched per second, mtrack's CPU
# seconds (every worker's) and the PostgreSQL server's, documents and
# events stored, the sources each worker fetched, and the checks, from the
# server's request log and from the store:
#   once     stories stored as exactly one document (both URLs of a
#            re-published story in it), of all the web's stories
#   =1w      the events (`events --format json`, ids aside) equal to the
#            one-worker run's
#   twice    feeds asked more than once (every interval is 15 min or more,
#            longer than a run)
#   gap      the shortest time between two requests to one host, in ms,
#            and how many gaps were under the --delay / under half of it
# usage: sh bench/bench-workers.sh [FEEDS [ITEMS]]   (from the repository's top)
#        env: HOSTS (20), DELAY ms (50), JOBS (8), LEASE s for the kill run
#        (10) and LEASE_LATE for the late one (60; a build without `update
#        --lease` has its leases ended by SQL), RUNS (default
#        "1 2 4 kill kill-late sqlite"), MTRACK=build-x/mtrack
set -eu
cd "$(dirname "$0")/.."
FEEDS=${1:-400}
ITEMS=${2:-10}
HOSTS=${HOSTS:-20}
DELAY=${DELAY:-50}
JOBS=${JOBS:-8}
LEASE=${LEASE:-10}
LEASE_LATE=${LEASE_LATE:-60}
RUNS=${RUNS:-1 2 4 kill kill-late sqlite}
M=$(cd "$(dirname "${MTRACK:-build/mtrack}")" && pwd)/$(basename "${MTRACK:-build/mtrack}")
W=bench/work/workers
rm -rf "$W"
mkdir -p "$W/web"
TESTDIR=$W
. tests/pg.sh
unset MTRACK_TEST_PG
pg_start || { echo "bench-workers: no PostgreSQL: $pg_why"; exit 1; }
SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null; pg_stop' EXIT
trap 'exit 1' INT TERM HUP
python3 bench/web-server.py "$W/web" "$HOSTS" "$W/http.log" "$W/hosts" 2>"$W/server.err" &
SPID=$!
i=0
while [ ! -s "$W/hosts" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$W/hosts" ] || { echo "bench-workers: the web server did not start: $(cat "$W/server.err")"; exit 1; }
web=$(python3 bench/gen-web.py "$W/hosts" "$W/web" "$FEEDS" "$ITEMS")
"$M" --db "$W/cfg.db" init --write-config - 2>/dev/null | sed -e '/^\[source /,$d' >"$W/t.ini"
has_lease=
"$M" update --help 2>&1 | grep -q -- '--lease' && has_lease=1
PSQL=psql
[ -x "$pg_bin/psql" ] && PSQL=$pg_bin/psql

sql() { # DB QUERY: rows, tab-separated
    case $1 in
    postgres*) "$PSQL" -X -q -A -t -F "$(printf '\t')" "$1" -c "$2" ;;
    *) sqlite3 -separator "$(printf '\t')" "$1" "$2" ;;
    esac
}
newstore() { # NAME: a new store with the web's feeds, its URL or path on stdout
    case $1 in
    sqlite) db=$W/sqlite.db ;;
    *) db=$(pg_newdb "bench_$1") ;;
    esac
    "$M" --db "$db" init --tracker "$W/t.ini" >/dev/null
    "$M" --db "$db" sources import "$W/web/sources.opml" >/dev/null
    echo "$db"
}
pg_cpu() { # the server's CPU seconds so far (its ended backends, reaped by the postmaster)
    pid=$(head -1 "$pg_dir/data/postmaster.pid")
    awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / t }' "/proc/$pid/stat"
}
now_ms() { date +%s%3N; }
worker() { # DB N [EXTRA]: update until nothing is due or the run is killed
    k=0
    while [ $k -lt 20 ]; do
        nice -n 10 "$M" --db "$1" update --delay "$DELAY" --jobs "$JOBS" ${3:-} >>"$W/w$2.out" 2>>"$W/w$2.err" &
        echo $! >"$W/w$2.pid"
        rc=0
        { wait $! || rc=$?; } 2>/dev/null # (no "Killed" from the shell)
        [ $rc -ge 128 ] && { echo "killed $rc" >>"$W/w$2.out"; break; }
        tail -n 1 "$W/w$2.out" | grep -q '^nothing to fetch' && break
        k=$((k + 1))
    done
    # the CPU of this worker's runs (the second line of times: its children's)
    times >"$W/w$2.times"
    sed -n 2p "$W/w$2.times" | sed 's/m/ /g; s/s//g' | awk '{ print $1 * 60 + $2, $3 * 60 + $4 }' >"$W/w$2.cpu"
}
start_workers() { # DB N [EXTRA]
    : >"$W/pids"
    w=1
    while [ $w -le "$2" ]; do
        rm -f "$W/w$w.out" "$W/w$w.err" "$W/w$w.cpu" "$W/w$w.pid"
        worker "$1" $w "${3:-}" &
        echo $! >>"$W/pids"
        w=$((w + 1))
    done
}
wait_workers() {
    for p in $(cat "$W/pids"); do wait "$p" || true; done
}
# row LABEL DB N WALL_MS PG_CPU: the table's row of a finished run
row() {
    sql "$2" "SELECT url, document_id FROM document_urls" >"$W/urlmap"
    python3 bench/web-stories.py stories "$W/web/stories.tsv" "$W/urlmap" >"$W/stories.txt"
    python3 bench/web-check.py "$W/http.log" "$DELAY" >"$W/log.txt"
    "$M" --db "$2" events --format json >"$W/ev.json" 2>/dev/null || echo '[]' >"$W/ev.json"
    python3 bench/web-stories.py events "$W/ev.json" >"$W/ev.txt"
    python3 bench/web-stories.py events "$W/ev.json" --no-first-seen >"$W/evn.txt"
    [ -f "$W/ev-one.txt" ] || { cp "$W/ev.txt" "$W/ev-one.txt"; cp "$W/evn.txt" "$W/evn-one.txt"; }
    if cmp -s "$W/ev.txt" "$W/ev-one.txt"; then same=yes
    elif cmp -s "$W/evn.txt" "$W/evn-one.txt"; then
        same="dates $(diff "$W/ev-one.txt" "$W/ev.txt" | grep -c '^>' || true)"
    else
        same="no $(diff "$W/evn-one.txt" "$W/evn.txt" | grep -c '^>' || true)"
    fi
    docs=$(sql "$2" "SELECT count(*) FROM documents")
    events=$(sql "$2" "SELECT count(*) FROM events")
    by=
    w=1
    while [ $w -le "$3" ]; do
        n=$(sed -n 's/^fetched \([0-9]*\) source.*/\1/p' "$W/w$w.out" 2>/dev/null | awk '{ t += $1 } END { print t + 0 }')
        grep -q '^killed' "$W/w$w.out" 2>/dev/null && n="$n+killed"
        by="$by${by:+/}$n"
        w=$((w + 1))
    done
    cpu=$(cat "$W"/w*.cpu 2>/dev/null | awk '$1 ~ /^[0-9.]+$/ { t += $1 + $2 } END { printf "%.1f", t }')
    . "$W/stories.txt"
    . "$W/log.txt"
    awk -v l="$1" -v ms="$4" -v a="$articles" -v c="$cpu" -v pc="$5" -v d="$docs" -v e="$events" -v by="$by" \
        -v once="$stored_once/$stories" -v same="$same" -v tw="$feeds_twice" -v g="$min_gap_ms ($under_delay/$fast_gaps)" \
        -v ld="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
        printf "| %-14s | %6.1f | %7.1f | %6s | %6s | %5s | %6s | %-15s | %9s | %-12s | %5s | %-16s | %5s |\n",
            l, ms / 1000, a / (ms / 1000), c, pc, d, e, by, once, same, tw, g, ld }'
    if [ "$split" != 0 ] || [ "$shared" != 0 ] || [ "$missing" != 0 ] || [ "$urls_missing" != 0 ]; then
        echo "  ($1: $split stories split, $shared documents shared, $missing stories and $urls_missing URLs missing)"
    fi
}
# run LABEL STORE N: a fresh store, N workers at once, the row
run() {
    db=$(newstore "$2")
    : >"$W/http.log"
    rm -f "$W"/w*.cpu
    c0=$(pg_cpu)
    t0=$(now_ms)
    start_workers "$db" "$3"
    wait_workers
    t1=$(now_ms)
    row "$1" "$db" "$3" $((t1 - t0)) "$(echo "$(pg_cpu) $c0" | awk '{ printf "%.1f", $1 - $2 }')"
}

echo "web: $web; --delay $DELAY --jobs $JOBS; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "build: $("$M" --version 2>/dev/null | head -1) ($(git rev-parse --short HEAD 2>/dev/null))${has_lease:+, kill runs with --lease $LEASE and $LEASE_LATE}"
echo
printf '| %-14s | %6s | %7s | %6s | %6s | %5s | %6s | %-15s | %9s | %-12s | %5s | %-16s | %5s |\n' \
    run "wall s" "pages/s" "CPU s" "PG CPU" docs events "sources by" once "=1w" twice "gap ms (<d/<d/2)" load
printf '| %-14s | %6s | %7s | %6s | %6s | %5s | %6s | %-15s | %9s | %-12s | %5s | %-16s | %5s |\n' \
    -------------- -----: ------: -----: -----: ----: -----: --------------- --------: ------------ ----: ---------------- ----:
for r in $RUNS; do
    case $r in
    1) run "PG, 1 worker" one 1 ;;
    2) run "PG, 2 workers" two 2 ;;
    4) run "PG, 4 workers" four 4 ;;
    sqlite)
        db=$(newstore sqlite)
        : >"$W/http.log"
        rm -f "$W"/w*.cpu
        t0=$(now_ms)
        start_workers "$db" 1
        wait_workers
        t1=$(now_ms)
        row "SQLite, 1" "$db" 1 $((t1 - t0)) -
        ;;
    kill | kill-late)
        # kill: a third of the way, short leases (the other workers take
        # the dead one's sources when its leases end); kill-late: two
        # thirds of the way, leases of LEASE_LATE s (the others end first,
        # the later run takes them)
        lease=$LEASE
        part=1
        label="PG, 4, 1 killed"
        if [ "$r" = kill-late ]; then lease=$LEASE_LATE part=2 label="PG, 4, 1 killed late"; fi
        lease_opt=
        [ -n "$has_lease" ] && lease_opt="--lease $lease"
        db=$(newstore "$r")
        : >"$W/http.log"
        rm -f "$W"/w*.cpu
        c0=$(pg_cpu)
        t0=$(now_ms)
        start_workers "$db" 4 "$lease_opt"
        # mid-run: a third of the web's requests made
        want=$(((FEEDS * ITEMS + FEEDS) * part / 3))
        while [ "$(wc -l <"$W/http.log")" -lt $want ]; do sleep 0.2; done
        victim=
        for w in 1 2 3 4; do
            p=$(cat "$W/w$w.pid" 2>/dev/null || true)
            if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then victim=$w; break; fi
        done
        [ -n "$victim" ] && kill -KILL "$(cat "$W/w$victim.pid")"
        tk=$(now_ms)
        wait_workers
        t1=$(now_ms)
        left=$(sql "$db" "SELECT count(*) FROM sources WHERE lease_until IS NOT NULL")
        dead=$(sql "$db" "SELECT count(*) FROM sources WHERE next_try IS NULL")
        row "$label" "$db" 4 $((t1 - t0)) "$(echo "$(pg_cpu) $c0" | awk '{ printf "%.1f", $1 - $2 }')"
        # the later run, once the dead worker's leases have ended
        if [ -n "$lease_opt" ]; then
            # the dead worker's leases end at most LEASE s after the kill
            left_s=$(( (lease * 1000 - ($(now_ms) - tk)) / 1000 + 1 ))
            [ $left_s -gt 0 ] && sleep $left_s
            how="after its $lease s leases ended"
        else
            sql "$db" "UPDATE sources SET lease_until = '2000-01-01T00:00:00Z' WHERE lease_until IS NOT NULL" >/dev/null
            how="its leases ended by SQL (this build has no --lease)"
        fi
        cp "$W/http.log" "$W/http-kill.log"
        : >"$W/http.log"
        rm -f "$W"/w*.cpu "$W"/w*.out
        c0=$(pg_cpu)
        t0=$(now_ms)
        start_workers "$db" 1
        wait_workers
        t1=$(now_ms)
        later=$(sed -n 's/^fetched \([0-9]*\) source.*/\1/p' "$W/w1.out" | awk '{ t += $1 } END { print t + 0 }')
        row "  later run" "$db" 1 $((t1 - t0)) "$(echo "$(pg_cpu) $c0" | awk '{ printf "%.1f", $1 - $2 }')"
        cat "$W/http-kill.log" "$W/http.log" >"$W/http-both.log"
        python3 bench/web-check.py "$W/http-both.log" "$DELAY" >"$W/log.txt"
        . "$W/log.txt"
        echo "  (kill run: worker $victim killed after $want requests; $left sources"
        echo "   still leased and $dead never fetched when the others ended; the later run, $how,"
        echo "   fetched $later sources; over both runs $feeds_twice feeds and $articles_twice article pages asked twice)"
        ;;
    esac
done
echo
echo "(load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
