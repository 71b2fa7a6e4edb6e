#!/bin/sh
# Issue 16 ("trust" defects left from the last stop), what the reader sees:
# the figures' "Most active investors" line only for an investor of two
# rounds or more; countries by name on the event page; update notes in the
# product's money style. The articles in tests/trust/ are our own writing.
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

# ---- 8. an update's note in the product's money style, not "$1.8 bln" ----
mkdir -p upd
cp "$A/update-1.txt" upd/harbour.txt
$M --db "$DB" ingest upd >/dev/null 2>&1
cp "$A/update-2.txt" upd/harbour.txt
$M --db "$DB" ingest upd >upd.out 2>&1
$M --db "$DB" events --org "Harbour Grid" --format json >upd.json 2>/dev/null
if python3 -c 'import json, sys
j = json.load(open("upd.json"))
ch = [(c["field"], c["was"], c["now"]) for x in j for c in x.get("changes", [])]
assert ("amount", "$1.8 billion", "$2.1 billion") in ch, ch' 2>upd.err; then
    pass update_note_money_style
else
    fail update_note_money_style "$(tail -n 1 upd.err) $(cat upd.out)"
fi

# ---- 7. the event page (and the events table) name the country ----
command -v curl >/dev/null 2>&1 || { skip event_page_country_name "curl is not installed"; exit 0; }
trap stop_started EXIT
trap 'exit 1' INT TERM HUP
if start_server s3 MTRACK_DB="$DB"; then
    id=$($M --db "$DB" events --org Caldera --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
    curl -s -o ev.html "$BASE/events/$id"
    curl -s -o evs.html "$BASE/t/t3/events"
    if grep -qF '<dt>Country</dt><dd>UK</dd>' ev.html && ! grep -qF '<dd>GB</dd>' ev.html; then
        pass event_page_country_name
    else
        fail event_page_country_name "$(grep -o '<dt>Country</dt><dd>[^<]*' ev.html)"
    fi
    if grep -qF '<td class="opt">UK</td>' evs.html && ! grep -qF '<td class="opt">GB</td>' evs.html; then
        pass events_table_country_name
    else
        fail events_table_country_name "$(grep -o '<td class="opt">[A-Z][A-Z]</td>' evs.html | head -n 2)"
    fi
else
    fail event_page_country_name "the server did not start: $(cat s3.log)"
fi
