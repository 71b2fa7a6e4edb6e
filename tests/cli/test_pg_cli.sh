#!/bin/sh
# CLI tests again on PostgreSQL: each script listed runs with
# MTRACK_TEST_BACKEND=pg, so its stores (lib.sh's store_db) are databases on
# the test server; its results are named pg_NAME. The scripts chosen cover
# the spine (ingest, search, events, report, sources, a kill mid-ingest),
# the sample corpus, the web UI/API, update over loopback HTTP (fetch
# state, due sources), updated articles (document replace, event
# changes), watch (alerts delivered once), reanalyze, a tracker's filter,
# serve's answers that follow every write, its stopping of abandoned
# requests and search's bounds; the rest run on SQLite only, to keep the
# suite's time
# (these add about 1.5 minutes on PostgreSQL).
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_cli "$pg_why"
    exit 0
fi
for t in ${PG_CLI_TESTS:-spine samples serve serve_fresh serve_stop update update_article watch reanalyze tracker_filter search_bounds}; do
    d="$TESTDIR/pg-$t"
    mkdir -p "$d"
    (cd "$d" && MTRACK_TEST_BACKEND=pg TESTDIR="$d" sh "$TOP/tests/cli/test_$t.sh" >"$d/.out" 2>"$d/.err")
    rc=$?
    sed -n 's/^\(PASS\|FAIL\|SKIP\) /\1 pg_/p' "$d/.out"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$d/.out"; then
        fail "pg_$t" "exited with status $rc: $(tail -n 3 "$d/.err" | tr '\n' ' ')"
    fi
done
