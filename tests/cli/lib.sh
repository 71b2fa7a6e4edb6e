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
