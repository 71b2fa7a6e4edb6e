#!/bin/sh
# The labelled development set of tests/events is well-formed (its own
# validator: keys, numbers, currencies, rounds, names found in the text).
. "$TOP/tests/cli/lib.sh"
if python3 "$TOP/tests/events/validate.py" >v.txt 2>&1; then
    pass "devset_valid $(tail -1 v.txt)"
else
    fail devset_valid "$(tail -5 v.txt | tr '\n' ';')"
fi
