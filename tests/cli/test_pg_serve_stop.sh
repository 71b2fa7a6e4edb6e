#!/bin/sh
# serve on a PostgreSQL store stops a statement the server is running for a
# request nobody waits for any more (issue 13, item 3): the request's
# statement waits on a lock another session holds (as a heavy query would
# run on the server); when its client hangs up, or SIGTERM comes, mtrack
# asks the server to cancel it (PQcancel) and the request ends within a
# second or so, not when the lock goes. pg_stat_activity shows the
# statement gone from the server. (test_serve_stop.sh runs on PostgreSQL
# too, through test_pg_cli.sh: the MTRACK_TEST_HOLD hook.)
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_serve_stop "$pg_why"
    exit 0
fi
command -v curl >/dev/null 2>&1 || { skip pg_serve_stop "curl is not installed"; exit 0; }
psql=psql
[ -n "${pg_bin:-}" ] && [ -x "$pg_bin/psql" ] && psql="$pg_bin/psql"
M=$MTRACK
MTRACK_DB=$(pg_newdb serve_stop) || { fail pg_serve_stop_db "cannot make a database"; exit 0; }
export MTRACK_DB
$M init >/dev/null 2>&1 && $M ingest "$TOP/samples" >/dev/null 2>&1
trap stop_started EXIT
trap 'exit 1' INT TERM HUP
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
wait_log() {
    i=0
    while ! grep -qF -- "$2" "$1" 2>/dev/null && [ $i -lt "$3" ]; do sleep 0.1; i=$((i + 1)); done
    grep -qF -- "$2" "$1" 2>/dev/null
}
# the sessions of this database that wait on a lock (the held statements)
waiting() {
    "$psql" -X -q -At -d "$MTRACK_DB" -c "SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
}
# lock NAME: another session holds the tables a request reads for 60 s (its pid in
# PIDS, so the test ends it)
lock() {
    "$psql" -X -q -d "$MTRACK_DB" -c "BEGIN" -c "LOCK TABLE events, event_mentions, documents, store_stats IN ACCESS EXCLUSIVE MODE" \
        -c "SELECT pg_sleep(60)" >"$1.lock.log" 2>&1 &
    PIDS="$PIDS $!"
    lock_pid=$!
    sleep 0.5
}
# (the server notices no hung-up client while it sleeps: the session is
# ended on the server)
unlock() {
    "$psql" -X -q -At -d "$MTRACK_DB" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'" >/dev/null
    kill "$lock_pid" 2>/dev/null
    wait "$lock_pid" 2>/dev/null
}

# ---- a client that hangs up while its statement waits on the server ----
if ! start_server gone; then
    fail pg_serve_stop_start "no port: $(cat gone.log)"; exit 0
fi
code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/api/v1/events?limit=2")
if [ "$code" = 200 ]; then pass pg_serve_stop_serves; else fail pg_serve_stop_serves "status $code"; fi
lock gone
curl -s -m 1 -o /dev/null "$BASE/api/v1/events?limit=3"
i=0
while [ "$(waiting)" != 0 ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(waiting)" = 0 ]; then pass pg_serve_stop_statement_cancelled
else fail pg_serve_stop_statement_cancelled "$(waiting) statements still wait on the server 3 s after the client left"; fi
if wait_log gone.log "GET /api/v1/events: stopped: the client went away" 30; then
    pass pg_serve_stop_gone_request_stopped
else fail pg_serve_stop_gone_request_stopped "still waiting 3 s after the client left: $(cat gone.log)"; fi
unlock
# the handle goes on serving (its transaction was ended)
code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/api/v1/events?limit=2")
if [ "$code" = 200 ]; then pass pg_serve_stop_serves_on; else fail pg_serve_stop_serves_on "status $code: $(cat gone.log)"; fi
code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' "$BASE/api/v1/trackers")
if [ "$code" = 200 ]; then pass pg_serve_stop_serves_on_2; else fail pg_serve_stop_serves_on_2 "status $code"; fi

# ---- SIGTERM while a statement waits on the server ----
if ! start_server term; then
    fail pg_serve_stop_term_start "no port: $(cat term.log)"; exit 0
fi
lock term
curl -s -m 40 -o /dev/null "$BASE/api/v1/events" &
cpid=$!
i=0
while [ "$(waiting)" = 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(waiting)" != 0 ]; then pass pg_serve_stop_request_waits
else fail pg_serve_stop_request_waits "the request's statement does not wait on the lock: $(cat term.log)"; fi
t0=$(now)
kill -TERM "$last_pid"
wait "$last_pid"
rc=$?
took=$(secs "$t0" "$(now)")
if [ "$rc" = 0 ]; then pass pg_serve_stop_status_0; else fail pg_serve_stop_status_0 "exit $rc"; fi
if awk -v s="$took" 'BEGIN { exit !(s < 1.5) }'; then pass pg_serve_stop_within_a_second
else fail pg_serve_stop_within_a_second "took $took s with a statement waiting on the server"; fi
contains pg_serve_stop_term_request_stopped term.log "GET /api/v1/events: stopped: the server is stopping"
if [ "$(waiting)" = 0 ]; then pass pg_serve_stop_term_statement_gone
else fail pg_serve_stop_term_statement_gone "$(waiting) statements still wait on the server"; fi
unlock
wait "$cpid" 2>/dev/null
exit 0
