#!/bin/sh
# Issue 16 ("trust" defects left from the last stop), what the reader sees:
# the figures' "Most active investors" line only for an investor of two
# rounds or more. The articles in tests/trust/ are our own writing.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
A="$TOP/tests/trust"
printf '[tracker]\nname = t3\ntitle = Trust three\n\n[theme all]\ntitle = Everything\ntypes = funding, acquisition, infrastructure, launch, stock\n' >t3.ini
DB=$(store_db trust3)
$M --db "$DB" init --tracker t3.ini >/dev/null 2>&1

# ---- 2. two rounds, each with its own lead: no investor is "most active" ----
$M --db "$DB" ingest "$A/round-caldera.txt" "$A/round-brightfold.txt" >/dev/null 2>&1
$M --db "$DB" report --format md -o one.md 2>/dev/null
$M --db "$DB" report --format html -o one.html 2>/dev/null
if grep -q "Northwind Ventures" one.md && grep -q "The period in figures" one.md &&
    ! grep -q "Most active investors" one.md one.html; then
    pass report_active_investors_need_two_rounds
else
    fail report_active_investors_need_two_rounds "$(grep -h "Most active" one.md one.html | head -n 2)"
fi
# a third round led by one of them: that investor, alone
$M --db "$DB" ingest "$A/round-quillon.txt" >/dev/null 2>&1
$M --db "$DB" report --format md -o two.md 2>/dev/null
line=$(grep "Most active investors" two.md)
case "$line" in
*"Northwind Ventures 2"*) case "$line" in *Harrow*) fail report_active_investor_of_two "$line" ;;
    *) pass report_active_investor_of_two ;; esac ;;
*) fail report_active_investor_of_two "no line for Northwind Ventures: $line" ;;
esac
