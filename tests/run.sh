#!/bin/sh
# Runs the whole suite against one build folder: every unit test binary
# ($BUILD/tests/test_*) and every CLI test script (tests/cli/*.sh).
# Each prints "PASS name", "FAIL name: why" or "SKIP name: why" lines;
# a program that fails without saying so counts as one failure.
# usage: tests/run.sh BUILD_DIR     (prints "[BUILD] P passed F failed S skipped")
set -u
BUILD=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export MTRACK="$top/$BUILD/mtrack" TOP="$top" BUILD
if [ -d "$top/../shared" ]; then export SHARED="$top/../shared"; else export SHARED=""; fi
log="$top/$BUILD/test.log"
: >"$log"
pass=0 fail=0 skip=0
# One throw-away PostgreSQL server for the whole run (tests/pg.sh, stopped
# on exit): the tests that run on both back ends use it through
# $MTRACK_TEST_PG. When it cannot be started, this one line says why and
# they run on SQLite only.
. "$top/tests/pg.sh"
if ! pg_start; then
    echo "SKIP postgresql: $pg_why; the store tests run on SQLite only"
    MTRACK_TEST_PG_SKIP=1
    export MTRACK_TEST_PG_SKIP
    skip=1
fi
for t in "$BUILD"/tests/test_* tests/cli/*.sh; do
    [ -e "$t" ] || continue
    case "$t" in *.d|*.o) continue ;; esac
    work=$(mktemp -d "${TMPDIR:-/tmp}/mtrack-test.XXXXXX")
    case "$t" in
    *.sh) out=$(cd "$work" && TESTDIR="$work" timeout 600 sh "$top/$t" 2>"$work/.stderr"); rc=$? ;;
    *) out=$(cd "$work" && TESTDIR="$work" timeout 600 "$top/$t" 2>"$work/.stderr"); rc=$? ;;
    esac
    printf '%s\n' "$out" >>"$log"
    p=$(printf '%s\n' "$out" | grep -c '^PASS ')
    f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    s=$(printf '%s\n' "$out" | grep -c '^SKIP ')
    printf '%s\n' "$out" | grep -E '^(FAIL|SKIP) '
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $t: exited with status $rc"
        sed -n '1,20p' "$work/.stderr"
        f=1
    elif [ "$f" -gt 0 ]; then
        sed -n '1,20p' "$work/.stderr"
    fi
    pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
    rm -rf "$work"
done
echo "[$BUILD] $pass passed $fail failed $skip skipped"
echo "$pass $fail $skip" >"$top/$BUILD/test.counts"
[ "$fail" -eq 0 ]
