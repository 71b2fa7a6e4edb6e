# Helpers for the CLI tests: source it, then call pass/fail/skip/check.
# $MTRACK is the program under test, $TOP the project, $SHARED ../shared or "".
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "SKIP $1: $2"; }
# check NAME COMMAND...: PASS when the command succeeds.
check() {
    name=$1; shift
    if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "command failed: $*"; fi
}
# expect_status NAME STATUS COMMAND...
expect_status() {
    name=$1 want=$2; shift 2
    "$@" >/dev/null 2>&1; got=$?
    if [ "$got" -eq "$want" ]; then pass "$name"; else fail "$name" "exit $got, want $want: $*"; fi
}
# contains NAME FILE TEXT: PASS when FILE contains TEXT (fixed string).
contains() {
    if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "'$3' not in $2"; fi
}

# ---- the store's back end ----
# Scripts that call store_db run on SQLite, and again on PostgreSQL when
# tests/cli/test_pg_cli.sh runs them with MTRACK_TEST_BACKEND=pg (on the
# server tests/pg.sh started; MTRACK_TEST_PG).
backend=${MTRACK_TEST_BACKEND:-sqlite}
if [ "$backend" = pg ]; then . "$TOP/tests/pg.sh"; pg_bin=$(pg_bindir) || pg_bin=; fi
# store_db NAME: a new, empty store for the test: $TESTDIR/NAME.db, or a
# new database on the PostgreSQL server.
store_db() {
    if [ "$backend" = pg ]; then pg_newdb "$1"; else echo "$TESTDIR/$1.db"; fi
}
# sql QUERY: QUERY on the store $MTRACK_DB, rows printed as sqlite3 prints
# them (columns joined by |), on either back end.
sql() {
    if [ "$backend" = pg ]; then
        psql -X -q -At -d "$MTRACK_DB" -c "$1"
    else
        sqlite3 "$MTRACK_DB" "$1"
    fi
}
on_sqlite() { [ "$backend" != pg ]; }

# Background processes a test starts (servers, samplers): their pids in
# PIDS; stop_started ends them all (trap stop_started EXIT INT TERM).
PIDS=""
stop_started() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do
        i=0
        while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
}
# start_server NAME [VAR=VALUE...]: "$MTRACK serve" on a free loopback port
# with the environment given (MTRACK_DB=..., MTRACK_TOKEN=...),
# more serve options in $SERVE_ARGS; its output in NAME.log. Sets BASE
# (http://127.0.0.1:PORT) and last_pid, adds the pid to PIDS; returns 1 when
# the server has no port after 10 s.
start_server() {
    name=$1; shift
    rm -f "$name.port"
    # shellcheck disable=SC2086 # SERVE_ARGS are words
    env "$@" "$MTRACK" serve --listen 127.0.0.1:0 --port-file "$name.port" ${SERVE_ARGS:-} \
        >"$name.log" 2>&1 &
    last_pid=$!
    PIDS="$PIDS $last_pid"
    i=0
    while [ ! -s "$name.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$name.port" ] || return 1
    BASE="http://127.0.0.1:$(cat "$name.port")"
}
