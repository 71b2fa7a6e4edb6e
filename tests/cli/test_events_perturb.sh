#!/bin/sh
# Event analysis under metamorphic change (tests/events/perturb.py): the
# real development set with its organisations renamed (invented names of
# varied shapes), its figures tripled in their written form, its date a year
# on, menu lines before each text, links to other stories after it (in
# 'all'), and all at once, each labelled alike and
# scored by shared/eval/events_score.py; fails below the levels reached
# (floors a little under the measured figures), or on any program error.
# The unperturbed set is test_events_quality.sh's; the date and the links
# alone are in 'all' (tests/events/perturb.py runs each on its own), to keep this under a
# minute under the sanitizers.
. "$TOP/tests/cli/lib.sh"
if [ -z "$SHARED" ] || [ ! -f "$SHARED/eval/events_score.py" ] ||
    [ ! -f "$SHARED/corpus/events/real-dev.jsonl" ]; then
    skip events_perturb "no ../shared/corpus/events/real-dev.jsonl (the real development set)"
    exit 0
fi
if ! python3 "$TOP/tests/events/perturb.py" --mtrack "$MTRACK" --shared "$SHARED" \
    --only rename,amounts,chrome,all --no-base >perturb.txt 2>&1; then
    fail events_perturb "the harness failed: $(tail -3 perturb.txt | tr '\n' ';')"
    exit 0
fi
# floor NAME MIN_ALL MIN_FUNDING MIN_ACQUISITION MIN_INVESTORS
floor() {
    line=$(grep "^perturb $1 " perturb.txt)
    if [ -z "$line" ]; then
        fail "events_perturb_$1" "no result: $(tail -3 perturb.txt | tr '\n' ';')"
        return
    fi
    if echo "$line" | awk -v a="$2" -v f="$3" -v q="$4" -v i="$5" \
        '{ exit !($4 >= a && $6 >= f && $8 >= q && $10 >= i && $14 == 0) }'; then
        pass "events_perturb_$1 ${line#perturb }"
    else
        fail "events_perturb_$1" "${line#perturb } is below all $2, funding $3, acquisition $4, investors $5 (or errors)"
    fi
}
floor rename 0.955 0.94 0.95 0.88
floor amounts 0.955 0.94 0.95 0.88
floor chrome 0.955 0.94 0.95 0.88
floor all 0.955 0.94 0.95 0.88
