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
# A theme's paragraph names an investor in more than one of its rounds, with
# the rounds' citations (our own articles).
export MTRACK_DB="$TESTDIR/repeat.db"
mkdir -p rep
printf 'Orrin Fabric raises $60 million\nSource: Chip Ledger | 2026-03-02 | https://chipledger.example/orrin\n\nOrrin Fabric, a Munich-based maker of optical interconnects, has raised $60 million in a Series B round led by Halcyon Capital to build a second fab.\n' >rep/a.txt
printf 'Vesta Silicon raises $25 million\nSource: Chip Ledger | 2026-03-05 | https://chipledger.example/vesta\n\nVesta Silicon, a Lyon-based start-up designing inference chips, said it had raised $25 million in a Series A round led by Halcyon Capital.\n' >rep/b.txt
$M init >/dev/null
$M ingest rep >/dev/null 2>&1
$M report -o rep.md 2>/dev/null
if grep -q 'Repeat investors: Halcyon Capital backed 2 of the rounds \[[0-9]\](#s[0-9]) \[[0-9]\](#s[0-9])\.' rep.md &&
   grep -q '^2 events in this theme: 2 funding rounds\. The rounds raised \$85 million in all\. The largest is \*\*Orrin Fabric\*\*'"'"'s \$60 million Series B round' rep.md; then
    pass page_theme_paragraph
else
    fail page_theme_paragraph "$(grep 'in this theme' rep.md)"
fi
