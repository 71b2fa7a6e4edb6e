#!/bin/sh
# scripts/install-deps (issue 12 #25, issue 13 "every test on a fresh
# machine"): `make run` installs what building and running need and nothing
# a user who only runs mtrack does not; `make test` installs every program
# the tests look for, so that on a fresh machine only the tests that need
# ../shared are skipped.
. "$TOP/tests/cli/lib.sh"
D=$TOP/scripts/install-deps
"$D" --list >run.txt 2>run.err || { fail deps_list "$(cat run.err)"; exit 0; }
"$D" --test --list >test.txt 2>/dev/null
"$D" --bench --list >bench.txt 2>/dev/null

# the packages of a program the tests look for with `command -v`
package_of() {
    case "$1" in
    node) echo nodejs ;;
    chromium-browser) echo chromium ;;
    pg_ctl | initdb) echo postgresql ;;
    ps) echo procps ;;
    mkfifo) echo coreutils ;; # essential: on every Debian system
    *) echo "$1" ;;
    esac
}
missing=""
for tool in $(cat "$TOP"/tests/cli/*.sh "$TOP"/tests/*.sh | grep -o 'command -v [A-Za-z0-9_.-]*' | awk '{print $3}' | sort -u); do
    pkg=$(package_of "$tool")
    [ "$pkg" = coreutils ] && continue
    grep -qx "$pkg" test.txt || missing="$missing $tool($pkg)"
done
if [ -z "$missing" ]; then pass deps_test_set_has_every_tool; else fail deps_test_set_has_every_tool "not installed by --test:$missing"; fi

bad=""
for pkg in curl nodejs npm postgresql libpq-dev python3-feedparser chromium clang sqlite3; do
    grep -qx "$pkg" test.txt || bad="$bad $pkg"
done
if [ -z "$bad" ]; then pass deps_test_set_complete; else fail deps_test_set_complete "missing:$bad"; fi

bad=""
for pkg in chromium python3-feedparser curl nodejs npm postgresql clang wrk hyperfine; do
    grep -qx "$pkg" run.txt && bad="$bad $pkg"
done
for pkg in build-essential pkg-config libsqlite3-dev libxml2-dev libpq-dev libmicrohttpd-dev; do
    grep -qx "$pkg" run.txt || bad="$bad (no $pkg)"
done
if [ -z "$bad" ]; then pass deps_run_set_only_build_and_run; else fail deps_run_set_only_build_and_run "$bad"; fi

if grep -qx wrk bench.txt && ! grep -qx wrk test.txt; then pass deps_wrk_for_benches_only; else fail deps_wrk_for_benches_only "wrk in the wrong set"; fi
# make run asks for the run set, make test for the test set
if grep -q '^run: deps$' "$TOP/Makefile" && grep -q '^test: deps-test$' "$TOP/Makefile" &&
    grep -A1 '^deps:' "$TOP/Makefile" | grep -q 'install-deps$' && grep -A1 '^deps-test:' "$TOP/Makefile" | grep -q 'install-deps --test$'; then
    pass deps_make_targets; else fail deps_make_targets "make run/test do not ask for their sets"; fi
expect_status deps_bad_option 2 "$D" --nonsense
