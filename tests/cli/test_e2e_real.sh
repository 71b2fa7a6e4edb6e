#!/bin/sh
# End to end on the real development set, as a user runs mtrack:
# tests/events/e2e.py serves ../shared/corpus/events/real-dev.jsonl (read at
# run time, never copied) as the article pages of two invented outlets on
# 127.0.0.1 (site chrome, long tracking URLs, a click-redirect, feeds with
# teasers only, every 7th story republished by the other outlet under
# another headline), then runs `mtrack init --tracker`, `mtrack update`
# twice and `mtrack report --format json`, and scores the store's events
# corpus-wide with the matching rules of shared/eval/events_score.py.
#
# Three runs, by what outlet A's feed carries:
#   short      short teasers like outlet B's: the pipeline (feeds, pages,
#              extraction, merging) must lose nothing the analyser finds in
#              the same texts, and no republished copy may become a second
#              event;
#   wordpress  a WordPress feed set to excerpts (55 words, " [...]", "The
#              post X appeared first on Y."): teasers that the credit line
#              made longer than update's 400 characters;
#   full       the whole post in content:encoded (no page fetched), its
#              "Also read" links and credit line in it.
# Measured 2026-12-01 (2 cores; 6 s a run, 7 s under ASan), F1 end to end:
#   short 0.906 (P 0.941, R 0.873; `mtrack analyze` on the same texts
#   0.911), wordpress 0.900, full 0.906. With update asking
#   extract_is_teaser() and decoding HTML feed titles: 0.910 for all three.
#   Later the same day, with the analyser at 0.927 direct: 0.912 for all
#   three, every event read from the store (not the report's top items).
# Fails below 0.89, or when short falls more than 0.02 under the direct
# measure, or a republished copy is split off.
. "$TOP/tests/cli/lib.sh"
REAL="${SHARED:+$SHARED/corpus/events/real-dev.jsonl}"
if [ -z "$SHARED" ] || [ ! -f "$REAL" ] || [ ! -f "$SHARED/eval/events_score.py" ]; then
    skip e2e_real "no ../shared/corpus/events/real-dev.jsonl or shared/eval/events_score.py"
    exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
    skip e2e_real "python3 is not installed"
    exit 0
fi
# e2e NAME MIN_F1 ARGS...: one run; its output in NAME.txt, its F1 in $f1
e2e() {
    name=$1 min=$2
    shift 2
    python3 "$TOP/tests/events/e2e.py" --mtrack "$MTRACK" --gold "$REAL" \
        --scorer "$SHARED/eval/events_score.py" "$@" >"$name.txt" 2>&1
    rc=$?
    line=$(grep '^e2e: F1 ' "$name.txt")
    f1=$(printf '%s\n' "$line" | sed -n 's/^e2e: F1 \([0-9.]*\).*/\1/p')
    if [ -z "$f1" ]; then
        fail "$name" "no result (exit $rc): $(tail -5 "$name.txt" | tr '\n' ';')"
    elif awk -v a="$f1" -v b="$min" 'BEGIN { exit !(a >= b) }'; then
        pass "$name F1 $f1"
    else
        fail "$name" "$line; $(grep -E '^(funding|acquisition|stock_move|infrastructure) ' "$name.txt" | tr '\n' ';')"
    fi
}

e2e e2e_real 0.89 --excerpts short --compare
direct=$(sed -n 's/^direct .*: F1 \([0-9.]*\).*/\1/p' e2e_real.txt)
if [ -n "$f1" ] && [ -n "$direct" ] && awk -v a="$f1" -v d="$direct" 'BEGIN { exit !(a >= d - 0.02) }'; then
    pass "e2e_real_vs_direct ($f1 end to end, $direct direct)"
else
    fail e2e_real_vs_direct "end to end ${f1:-none}, direct ${direct:-none}: $(grep -E '^(gold found|stored|feed text|body lines)' e2e_real.txt | tr '\n' ';')"
fi
pairs=$(grep '^republished pairs: ' e2e_real.txt)
case "$pairs" in
*" 0 split"*", 0 missing") pass e2e_real_republished_merged ;;
*) fail e2e_real_republished_merged "${pairs:-no result}" ;;
esac
docs=$(sed -n 's/^documents stored: \([0-9]*\).*/\1/p' e2e_real.txt)
pages=$(sed -n 's/^pages fetched: \([0-9]*\).*/\1/p' e2e_real.txt)
if [ "${docs:-0}" -ge 140 ] && [ "${pages:-0}" -ge 140 ]; then
    pass "e2e_real_pages ($pages pages fetched, $docs documents)"
else
    fail e2e_real_pages "${pages:-no} pages fetched, ${docs:-no} documents stored"
fi

e2e e2e_real_excerpts 0.89 --excerpts wordpress
e2e e2e_real_full_content 0.89 --excerpts full
