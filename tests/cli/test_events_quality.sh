#!/bin/sh
# Event analysis quality: shared/eval/events_score.py on the real news
# development set (../shared/corpus/events/real-dev.jsonl: pages nobody here
# wrote, the quality figure), on the seed set, and on our own written
# regression set (tests/events/dev.jsonl); fails below the levels reached
# (thresholds a little under the measured figures).
. "$TOP/tests/cli/lib.sh"
if [ -z "$SHARED" ] || [ ! -f "$SHARED/eval/events_score.py" ]; then
    skip events_quality_seed "no shared folder (the scorer lives in shared/eval)"
    skip events_quality_dev "no shared folder (the scorer lives in shared/eval)"
    exit 0
fi
# real_score NAME TYPES MIN_F1: one type's F1 (or all types') on the real set
real_score() {
    python3 "$SHARED/eval/events_score.py" --gold "$REAL" --types "$2" \
        --cmd "$MTRACK analyze --json --date {date} {}" >"$1.txt" 2>&1
    f1=$(sed -n 's/^events: F1 \([0-9.]*\).*/\1/p' "$1.txt")
    if [ -z "$f1" ]; then
        fail "$1" "the scorer printed no result: $(tail -3 "$1.txt" | tr '\n' ';')"
    elif awk -v a="$f1" -v b="$3" 'BEGIN { exit !(a >= b) }'; then
        pass "$1 F1 $f1"
    else
        fail "$1" "F1 $f1 is below $3: $(grep -E '^(funding|acquisition|stock_move|infrastructure) ' "$1.txt" | tr '\n' ';')"
    fi
}
REAL="$SHARED/corpus/events/real-dev.jsonl"
if [ -f "$REAL" ]; then
    real_score events_real_all funding,acquisition,stock_move,infrastructure 0.94
    real_score events_real_funding funding 0.92
    real_score events_real_acquisition acquisition 0.93
    real_score events_real_stock_move stock_move 0.95
    real_score events_real_infrastructure infrastructure 0.95
    # investors and lead investors of the matched rounds
    inv=$(sed -n 's/^funding investors set-F1 \([0-9.]*\).*/\1/p' events_real_all.txt)
    if awk -v a="${inv:-0}" 'BEGIN { exit !(a >= 0.86) }'; then
        pass "events_real_investors set-F1 $inv"
    else
        fail events_real_investors "investors set-F1 ${inv:-none} is below 0.86"
    fi
    lead=$(sed -n 's/^funding lead investors set-F1 \([0-9.]*\).*/\1/p' events_real_all.txt)
    if awk -v a="${lead:-0}" 'BEGIN { exit !(a >= 0.91) }'; then
        pass "events_real_lead_investors set-F1 $lead"
    else
        fail events_real_lead_investors "lead investors set-F1 ${lead:-none} is below 0.91"
    fi
else
    for t in all funding acquisition stock_move infrastructure investors; do
        skip "events_real_$t" "no ../shared/corpus/events/real-dev.jsonl"
    done
fi
score() { # NAME GOLD MIN_F1 [MIN_FUNDING_F1]
    python3 "$SHARED/eval/events_score.py" --gold "$2" \
        --cmd "$MTRACK analyze --json --date {date} {}" >"$1.txt" 2>&1
    f1=$(sed -n 's/^events: F1 \([0-9.]*\).*/\1/p' "$1.txt")
    ff=$(sed -n 's/^funding *F1 \([0-9.]*\).*/\1/p' "$1.txt")
    errs=$(sed -n 's/^program errors: \([0-9]*\)/\1/p' "$1.txt")
    if [ -z "$f1" ]; then
        fail "$1" "the scorer printed no result: $(tail -3 "$1.txt" | tr '\n' ';')"
    elif [ "${errs:-1}" != 0 ]; then
        fail "$1" "$errs program errors"
    elif awk -v a="$f1" -v b="$3" -v c="${ff:-0}" -v d="${4:-0}" 'BEGIN { exit !(a >= b && c >= d) }'; then
        pass "$1 F1 $f1 (funding $ff)"
    else
        fail "$1" "F1 $f1 (funding $ff) is below $3 (funding ${4:-0})"
    fi
}
if [ -f "$SHARED/seed/seed-events.jsonl" ]; then
    score events_quality_seed "$SHARED/seed/seed-events.jsonl" 0.98 0.98
else
    skip events_quality_seed "no seed set"
fi
if [ -f "$TOP/tests/events/dev.jsonl" ]; then
    score events_quality_dev "$TOP/tests/events/dev.jsonl" 0.92 0.93
else
    skip events_quality_dev "no tests/events/dev.jsonl"
fi
