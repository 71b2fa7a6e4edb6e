#!/bin/sh
# The tracker page an analyst reads (issue 14), on the bundled corpus where
# every fact is known (tests/samples-expected.md): every funding bullet says
# who the company is and, where an article says it, what the money is for;
# every descriptor and purpose printed is the sources' own words; money is
# written one way (tests/page_check.py).
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
export MTRACK_DB="$TESTDIR/page.db"
$M init >/dev/null
$M ingest "$TOP/samples" >/dev/null 2>&1
$M report -o r.md 2>/dev/null
$M report --format json -o r.json 2>/dev/null
if python3 "$TOP/tests/page_check.py" "$TOP/tests/samples-expected.md" "$TOP/samples" r.json r.md "$M" >check.txt; then
    pass "page_who_and_why $(tail -1 check.txt)"
else
    fail page_who_and_why "$(tr '\n' ';' <check.txt)"
fi
# The one money style, by example: the source's "$450 Million" and "€85m" are
# not printed (the list of sources keeps each headline as it was written).
sed '/^## Sources/,$d' r.md >body.md
if grep -q '\*\*\$450 million\*\*' body.md && grep -q '€85 million (about \$91.8 million)' body.md &&
   ! grep -q 'Million\|US\$\| bln' body.md; then
    pass page_money_style
else
    fail page_money_style "$(grep -o '\*\*[^*]*[0-9][^*]*\*\*' body.md | head -5 | tr '\n' ' ')"
fi
