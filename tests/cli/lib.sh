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
