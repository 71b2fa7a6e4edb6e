#!/bin/sh
# The bundled corpus end to end, as `make run` does it: every item stored,
# the report lists every source, search finds Nscale, and the stored events
# match the answer key (tests/samples-expected.md).
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
export MTRACK_DB="$(store_db samples)"
$M init >/dev/null
$M ingest "$TOP/samples" >out.txt 2>err.txt; rc=$?
if [ $rc -eq 0 ] && [ ! -s err.txt ]; then pass samples_ingest_clean; else fail samples_ingest_clean "exit $rc: $(cat err.txt)"; fi
docs=$(sql 'SELECT count(*) FROM documents')
if [ "$docs" = 51 ]; then pass samples_all_items_stored; else fail samples_all_items_stored "$docs documents, want 51"; fi
$M report -o r.md 2>/dev/null
$M report --format html -o r.html 2>/dev/null
if grep -q "^## Sources ($docs)" r.md && [ "$(grep -c '^[0-9]*\. <a id="s' r.md)" = "$docs" ]; then
    pass samples_report_lists_every_source; else fail samples_report_lists_every_source "want $docs sources"; fi
if [ "$(grep -c '<li id="s' r.html)" = "$docs" ]; then pass samples_html_lists_every_source; else fail samples_html_lists_every_source "html sources"; fi
$M search Nscale >s.txt
if [ "$(grep -c '^[0-9]*\. .*Nscale' s.txt)" -ge 3 ]; then pass samples_search_nscale; else fail samples_search_nscale "$(cat s.txt)"; fi
$M events --format json >ev.json
if python3 "$TOP/tests/samples_score.py" "$TOP/tests/samples-expected.md" ev.json --min-recall 0.93 --min-precision 0.8 >score.txt; then
    pass "samples_events $(tail -1 score.txt)"
else
    fail samples_events "$(tr '\n' ';' <score.txt)"
fi
if tail -1 score.txt | grep -q 'split 0$'; then pass samples_events_merged_across_outlets; else fail samples_events_merged_across_outlets "$(tail -1 score.txt)"; fi
# The seed's funding amounts, each in its theme's section of the report.
section() { awk -v t="## $1" '$0 == t {on = 1; next} /^## / {on = 0} on' r.md; }
expect_in() {
    if section "$1" | grep -q -- "$2"; then pass "samples_theme_$3"; else fail "samples_theme_$3" "'$2' not under '$1'"; fi
}
expect_in "Investment and corporate moves" "Nscale.*2 billion" nscale
expect_in "Investment and corporate moves" "AMI Labs.*1.03 billion" ami_labs
expect_in "Investment and corporate moves" "Rhoda AI.*450" rhoda
expect_in "Security and resilient infrastructure" "Kai Cyber.*125" kai_cyber
expect_in "AI agents" "Wonderful AI.*150" wonderful
expect_in "Sovereign AI factories and data centres" "Jio Platforms" jio
