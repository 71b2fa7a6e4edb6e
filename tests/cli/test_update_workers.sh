#!/bin/sh
# Several `update` processes on one SQLite file (tests/workers.sh): four
# started at once each lease a share of the due sources a chunk at a time,
# every feed and page is asked once, each host no faster than the delay
# across the four (the next request time per host kept in the store); due
# sources held by other runs are said to be; a run killed with SIGKILL
# leaves its sources to a later run once its lease ends, nothing lost or
# stored twice. tests/cli/test_pg_workers.sh runs the same on PostgreSQL.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/workers.sh"
command -v python3 >/dev/null 2>&1 || { skip update_workers "python3 is not installed"; exit 0; }
command -v sqlite3 >/dev/null 2>&1 || { skip update_workers "sqlite3 is not installed"; exit 0; }
trap stop_started EXIT
trap 'exit 1' INT TERM HUP
backend=sqlite
workers_web || exit 0
workers_tests sqlite "$PWD/split.db" "$PWD/kill.db" "$PWD/conns.db"
