#!/bin/sh
# mtrack parse-feed against feedparser's own test corpus (shared/eval/feed_conformance.py).
# Fails when the in-scope pass rate drops below MIN (just under the 100.0% reached).
. "$TOP/tests/cli/lib.sh"
MIN=99.5
name=feed_conformance
if [ -z "$SHARED" ] || [ ! -f "$SHARED/eval/feed_conformance.py" ]; then
    skip $name "no shared folder"; exit 0
fi
if [ "${MTRACK_SAN:-}" = 1 ]; then
    skip $name "takes several minutes under the sanitizers (the corpus is run in the plain pass)"; exit 0
fi
command -v python3 >/dev/null 2>&1 || { skip $name "no python3"; exit 0; }
out=$(python3 "$SHARED/eval/feed_conformance.py" --cmd "$MTRACK parse-feed --base {url} {}" --fail-under $MIN 2>&1)
rc=$?
last=$(printf '%s\n' "$out" | tail -1)
errors=$(printf '%s\n' "$out" | sed -n 's/^program errors (crash, timeout, no JSON): //p')
if [ $rc -ne 0 ]; then
    fail $name "below $MIN%: $last"
elif [ "${errors:-1}" != 0 ]; then
    fail $name "$errors program errors (crash, timeout or no JSON): $last"
else
    pass "$name ($last)"
fi
