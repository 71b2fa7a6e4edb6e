#!/bin/sh
# Event analysis quality: shared/eval/events_score.py on the seed set and on
# the labelled development set (tests/events/dev.jsonl); fails below the
# levels reached (thresholds just under the measured figures).
. "$TOP/tests/cli/lib.sh"
if [ -z "$SHARED" ] || [ ! -f "$SHARED/eval/events_score.py" ]; then
    skip events_quality_seed "no shared folder (the scorer lives in shared/eval)"
    skip events_quality_dev "no shared folder (the scorer lives in shared/eval)"
    exit 0
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
