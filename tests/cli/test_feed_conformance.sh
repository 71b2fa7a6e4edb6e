#!/bin/sh
# mtrack parse-feed against feedparser's own test corpus (shared/eval/feed_conformance.py).
# Fails when the in-scope pass rate drops below MIN (just under the 100.0% reached).
# Under the sanitizers (MTRACK_SAN=1) it runs every 8th case of each folder.
. "$TOP/tests/cli/lib.sh"
MIN=99.5
name=feed_conformance
if [ -z "$SHARED" ] || [ ! -f "$SHARED/eval/feed_conformance.py" ]; then
    skip $name "no shared folder"; exit 0
fi
command -v python3 >/dev/null 2>&1 || { skip $name "no python3"; exit 0; }
FC=$SHARED/eval/feed_conformance.py
corpus=""
if [ "${MTRACK_SAN:-}" = 1 ]; then
    # Under the sanitizers the whole corpus takes minutes: every 8th file of
    # each folder (links to the corpus in ../shared, nothing copied), so the
    # sanitized parser still meets every kind of case in about a minute.
    STEP=${FEED_CONFORMANCE_STEP:-8}
    name="feed_conformance_every_${STEP}th"
    dirs=$(python3 -c 'import importlib.util, sys
spec = importlib.util.spec_from_file_location("fc", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
print(" ".join(m.DEFAULT_DIRS))' "$FC") || { fail $name "cannot read the corpus folders of $FC"; exit 0; }
    src=$SHARED/corpus/feeds/feedparser
    corpus=$TESTDIR/conformance-subset
    for d in $dirs; do
        mkdir -p "$corpus/$d"
        i=0
        for f in "$src/$d"/*.xml; do
            [ $((i % STEP)) = 0 ] && ln -s "$f" "$corpus/$d/"
            i=$((i + 1))
        done
    done
fi
out=$(python3 "$FC" --cmd "$MTRACK parse-feed --base {url} {}" ${corpus:+--corpus "$corpus"} --fail-under $MIN 2>&1)
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
