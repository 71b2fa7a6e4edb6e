#!/bin/sh
# mtrack parse-feed against feedparser on realistic feeds (tests/feeds/realworld,
# samples/feeds): entry count, titles, links, ids, dates, bozo, version and
# encoding must agree, except for the differences listed, with reasons, in
# tests/feeds/vs_feedparser.py (KNOWN). Needs Debian's python3-feedparser
# (scripts/install-deps), so it runs /usr/bin/python3, not the first python3
# on PATH. Takes about a second (a few under the sanitizers), so it runs in
# both passes.
. "$TOP/tests/cli/lib.sh"
name=feed_vs_feedparser
PY=/usr/bin/python3
if [ ! -x "$PY" ] || ! "$PY" -c 'import feedparser' >/dev/null 2>&1; then
    skip $name "$PY cannot import feedparser (scripts/install-deps installs python3-feedparser)"; exit 0
fi
if [ ! -x "$MTRACK" ]; then
    fail $name "no program at $MTRACK"; exit 0
fi
out=$("$PY" "$TOP/tests/feeds/vs_feedparser.py" --mtrack "$MTRACK" \
    "$TOP/tests/feeds/realworld" "$TOP"/samples/feeds/*.xml 2>&1)
rc=$?
last=$(printf '%s\n' "$out" | tail -1)
case "$last" in
vs-feedparser:*) ;;
*) fail $name "checker did not finish (exit $rc)"; printf '%s\n' "$out" | tail -20 >&2; exit 0 ;;
esac
if [ $rc -ne 0 ]; then
    fail $name "$last"
    # the divergences, one a line (run.sh shows the start of stderr)
    printf '%s\n' "$out" | grep -v '^vs-feedparser:' >&2
else
    pass "$name ($last)"
    printf '%s\n' "$out" | grep '^note:' >&2 || true
fi
exit 0
