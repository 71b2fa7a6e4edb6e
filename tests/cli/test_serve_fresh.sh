#!/bin/sh
# mtrack serve keeps its answers for the data's generation (issue 15): a
# write by another process that moves no count (a figure re-analysed in
# place, a title edited) is in the next answer; the events table and the
# search page come from the answer cache; the event index is patched with
# the events that changed, and a patched index answers as one read whole.
# Our own sentences; the real server on loopback; both back ends
# (test_pg_cli.sh runs it on PostgreSQL).
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null 2>&1 || { skip serve_fresh "curl is not installed"; exit 0; }
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip serve_fresh "python3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_DB="$(store_db fresh)"
trap stop_started EXIT INT TERM

mkdir -p news more
cat >news/vellmar.txt <<'EOF'
Vellmar Robotics raises $40 million for warehouse robots
Source: Lantern Wire | 2026-03-02 | https://lantern.example/vellmar

Vellmar Robotics, a maker of warehouse robots based in Austin, said on Tuesday it raised $40 million in a Series B round led by Halden Ventures.
The company will spend the money on inference chips for its robots and on a new data centre in Texas.
EOF
cat >news/tessaly.txt <<'EOF'
Tessaly Systems buys Brennic Labs for $300 million
Source: Lantern Wire | 2026-03-04 | https://lantern.example/tessaly

Tessaly Systems said on Wednesday it acquired Brennic Labs, a designer of AI accelerator chips, for $300 million in cash.
EOF
$M init >/dev/null 2>&1 && $M ingest news >/dev/null 2>&1
# An older analyser's figure, as a store made before a fix would hold it:
# reanalyze below puts the right one back in place (no count moves).
sql "UPDATE events SET amount_usd = 1000000, amount_text = '\$1 million', amount_value = 1 WHERE company = 'Vellmar Robotics'" >/dev/null
sql "UPDATE event_mentions SET amount_usd = 1000000, amount_text = '\$1 million', amount_value = 1 WHERE event_id IN (SELECT id FROM events WHERE company = 'Vellmar Robotics')" >/dev/null

if ! start_server fresh; then
    fail serve_fresh_starts "no port after 10 s: $(head -3 fresh.log)"; exit 0
fi
A=$BASE

# get URL FILE: the body of URL in FILE; prints the status.
get() { curl -s -o "$2" -w '%{http_code}' "$1"; }
# usd FILE: the amounts of the events of an API answer in FILE, sorted.
usd() { "$PY" -c 'import json,sys; print(" ".join("%d" % v for v in sorted(e["event"].get("amount_usd") or e["event"].get("price_usd") or 0 for e in json.load(open(sys.argv[1]))["events"])))' "$1"; }
# metric NAME_AND_LABELS: its value in the server's /metrics (0 when absent).
metric() { curl -s "$A/metrics" | awk -v k="$1" '$1 == k { v = $2 } END { print v + 0 }'; }
counts() { sql "SELECT sources, documents, events, mentions, organizations, doc_updates FROM store_stats"; }

get "$A/api/v1/events" ev1.json >/dev/null
get "$A/t/ai-infra" rep1.html >/dev/null
get "$A/api/v1/trackers/ai-infra/report" rep1.json >/dev/null
get "$A/t/ai-infra/events" page1.html >/dev/null
gen() { sql "SELECT gen FROM store_stats"; }
g0=$(gen) f0=$(metric 'mtrack_event_index_total{how="full"}') p0=$(metric 'mtrack_event_index_total{how="patch"}')
before=$(counts)
$M reanalyze >reanalyze.out 2>&1
after=$(counts)
g1=$(gen)
get "$A/api/v1/events" ev2.json >/dev/null
get "$A/t/ai-infra" rep2.html >/dev/null
get "$A/api/v1/trackers/ai-infra/report" rep2.json >/dev/null
get "$A/t/ai-infra/events" page2.html >/dev/null
[ "$before" = "$after" ] && pass reanalyze_moves_no_count || fail reanalyze_moves_no_count "$before -> $after"
if [ "$(usd ev1.json)" = "1000000 300000000" ] && [ "$(usd ev2.json)" = "40000000 300000000" ]; then
    pass api_events_fresh_after_reanalyze
else fail api_events_fresh_after_reanalyze "before: $(usd ev1.json), after: $(usd ev2.json) ($(cat reanalyze.out))"; fi
if grep -q '\$1 million' page1.html && grep -q '\$40 million' page2.html && ! grep -q '\$1 million' page2.html; then
    pass events_page_fresh_after_reanalyze
else fail events_page_fresh_after_reanalyze "the table still shows the old figure"; fi
if grep -q '\$40 million' rep2.html && ! grep -q '\$1 million' rep2.html && grep -q '\$1 million' rep1.html; then
    pass report_page_fresh_after_reanalyze
else fail report_page_fresh_after_reanalyze "the page still shows the old figure"; fi
if grep -q '40000000' rep2.json && ! grep -q '"amount_usd": *1000000[,}]' rep2.json; then
    pass report_json_fresh_after_reanalyze
else fail report_json_fresh_after_reanalyze "$(grep -o '"amount_usd": *[0-9.e+]*' rep2.json | head -3 | tr '\n' ' ')"; fi
# the one figure changed moves the generation; the index is patched with
# that event, not read whole
f1=$(metric 'mtrack_event_index_total{how="full"}') p1=$(metric 'mtrack_event_index_total{how="patch"}')
if [ "$g1" -gt "$g0" ] && [ "$f1" = "$f0" ] && [ "$p1" -gt "$p0" ]; then pass reanalyze_one_figure_patches_the_index
else fail reanalyze_one_figure_patches_the_index "generation $g0 -> $g1, index read whole $f0 -> $f1, patched $p0 -> $p1"; fi
# a reanalyze with the same analyser writes nothing: the generation stays
# and every answer comes from the caches (no miss, no index read or patch)
misses() { curl -s "$A/metrics" | awk '$1 ~ /^mtrack_cache_answers_total/ && $1 ~ /outcome="(miss|stale)"/ { v += $2 } END { print v + 0 }'; }
get "$A/api/v1/events?limit=500" same1.json >/dev/null
get "$A/t/ai-infra/events" same1.html >/dev/null
m0=$(misses) f1=$(metric 'mtrack_event_index_total{how="full"}') p1=$(metric 'mtrack_event_index_total{how="patch"}')
$M reanalyze >same.out 2>&1; rc=$?
g2=$(gen)
get "$A/api/v1/events?limit=500" same2.json >/dev/null
get "$A/t/ai-infra/events" same2.html >/dev/null
get "$A/t/ai-infra" same2r.html >/dev/null
get "$A/api/v1/trackers/ai-infra/report" same2r.json >/dev/null
m1=$(misses) f2=$(metric 'mtrack_event_index_total{how="full"}') p2=$(metric 'mtrack_event_index_total{how="patch"}')
if [ $rc -eq 0 ] && [ "$g2" = "$g1" ] && grep -q '(+0 new, -0 removed, 0 changed)' same.out; then pass reanalyze_unchanged_keeps_generation
else fail reanalyze_unchanged_keeps_generation "exit $rc, generation $g1 -> $g2: $(cat same.out)"; fi
if [ "$m1" = "$m0" ] && [ "$f2" = "$f1" ] && [ "$p2" = "$p1" ] && cmp -s same1.json same2.json && cmp -s same1.html same2.html &&
   cmp -s rep2.html same2r.html; then
    pass reanalyze_unchanged_keeps_served_caches
else fail reanalyze_unchanged_keeps_served_caches "misses $m0 -> $m1, index read whole $f1 -> $f2, patched $p1 -> $p2"; fi
# a statement that changes no row moves no generation (PostgreSQL's bumps
# are a statement's: they look at its rows); one that writes rows does
g1=$(gen)
sql "DELETE FROM document_urls WHERE document_id < 0" >/dev/null
sql "UPDATE organizations SET name = name WHERE id < 0" >/dev/null
sql "DELETE FROM event_changes WHERE event_id < 0" >/dev/null
sql "INSERT INTO org_aliases SELECT * FROM org_aliases WHERE 1 = 0" >/dev/null
g2=$(gen)
sql "UPDATE organizations SET name = name" >/dev/null
g3=$(gen)
if [ "$g2" = "$g1" ] && [ "$g3" -gt "$g2" ]; then pass statement_of_no_rows_keeps_generation
else fail statement_of_no_rows_keeps_generation "no rows: $g1 -> $g2, rows: $g2 -> $g3"; fi

# A title edited in place (another process, no count moves): the search
# page and the search API say the new one at once.
get "$A/search?q=warehouse" s1.html >/dev/null
get "$A/api/v1/search?q=warehouse" s1.json >/dev/null
sql "UPDATE documents SET title = 'Vellmar Robotics closes its Series B' WHERE title LIKE 'Vellmar%'" >/dev/null
get "$A/search?q=warehouse" s2.html >/dev/null
get "$A/api/v1/search?q=warehouse" s2.json >/dev/null
if grep -q 'raises \$40 million' s1.html && grep -q 'closes its Series B' s2.html; then pass search_page_fresh_after_edit
else fail search_page_fresh_after_edit "$(grep -o '<strong>[^<]*</strong>' s2.html | head -2 | tr '\n' ' ')"; fi
if grep -q 'closes its Series B' s2.json; then pass api_search_fresh_after_edit
else fail api_search_fresh_after_edit "$(head -c 300 s2.json)"; fi

# ---- the events table and the search page from the answer cache ----
h0=$(metric 'mtrack_cache_answers_total{route="events_page",outcome="hit"}')
get "$A/t/ai-infra/events?type=funding" p1.html >/dev/null
get "$A/t/ai-infra/events?type=funding" p2.html >/dev/null
h1=$(metric 'mtrack_cache_answers_total{route="events_page",outcome="hit"}')
if [ "$h1" -gt "$h0" ] && cmp -s p1.html p2.html; then pass events_page_from_cache
else fail events_page_from_cache "hits $h0 -> $h1"; fi
h0=$(metric 'mtrack_cache_answers_total{route="search_page",outcome="hit"}')
get "$A/search?q=chips" q1.html >/dev/null
get "$A/search?q=chips" q2.html >/dev/null
h1=$(metric 'mtrack_cache_answers_total{route="search_page",outcome="hit"}')
if [ "$h1" -gt "$h0" ] && cmp -s q1.html q2.html; then pass search_page_from_cache
else fail search_page_from_cache "hits $h0 -> $h1"; fi
# keyed on every parameter: the page that names a misspelt one is its own
get "$A/t/ai-infra/events?tpye=funding" p3.html >/dev/null
get "$A/t/ai-infra/events?tpye=funding" p4.html >/dev/null
if grep -q 'id="ignored"' p3.html && grep -q 'id="ignored"' p4.html && ! grep -q 'id="ignored"' p1.html; then
    pass events_page_cache_keyed_on_every_parameter
else fail events_page_cache_keyed_on_every_parameter "the misspelt parameter is not named"; fi
status=$(get "$A/t/ai-infra/events?format=csv" c1.csv)
ct=$(curl -s -o /dev/null -D - "$A/t/ai-infra/events?format=csv" | tr -d '\r' | awk -F': ' 'tolower($1) == "content-type" { print $2 }')
if [ "$status" = 200 ] && [ "$ct" = "text/csv; charset=utf-8" ] && head -1 c1.csv | grep -q ','; then pass events_csv_from_cache_keeps_its_type
else fail events_csv_from_cache_keeps_its_type "status $status, type '$ct'"; fi

# ---- the event index patched with what changed ----
queries='/api/v1/events?limit=500
/api/v1/events?sort=usd&limit=500
/api/v1/events?sort=usd&order=asc&limit=500
/api/v1/events?sort=org&limit=500
/api/v1/events?sort=sources&limit=500
/api/v1/events?sort=type&order=asc&limit=500
/api/v1/events?type=funding&limit=500
/api/v1/events?theme=investment&limit=500
/api/v1/events?order=asc&offset=3&limit=7'
fetch_all() { # BASE PREFIX
    i=0
    echo "$queries" | while read -r q; do i=$((i + 1)); get "$1$q" "$2.$i.json" >/dev/null; done
}
fetch_all "$A" warm
f0=$(metric 'mtrack_event_index_total{how="full"}')
p0=$(metric 'mtrack_event_index_total{how="patch"}')
# more events, a few at a time, each step asked for (the index follows)
cp "$TOP"/samples/*/* more/
n=0
for f in more/*; do
    n=$((n + 1))
    $M ingest "$f" >/dev/null 2>&1
    [ $((n % 4)) = 0 ] && get "$A/api/v1/events?sort=usd" step.json >/dev/null
done
# an event no document reports (as an older analyser may have left one),
# then reanalyze, which removes it: a deletion the index must follow
doc=$(sql "SELECT min(id) FROM documents")
sql "INSERT INTO events(key, type, company, amount_usd, amount_text, first_seen, created) VALUES ('stray|fresh', 'funding', 'Strayworth Analytics', 7000000, '\$7 million', '2026-03-05', '2026-03-05T00:00:00Z')" >/dev/null
sql "INSERT INTO event_mentions(event_id, document_id, sentence) SELECT id, $doc, 'Strayworth Analytics raised \$7 million.' FROM events WHERE key = 'stray|fresh'" >/dev/null
get "$A/api/v1/events?limit=500" stray1.json >/dev/null
$M reanalyze >/dev/null 2>&1
get "$A/api/v1/events?limit=500" stray2.json >/dev/null
if grep -q Strayworth stray1.json && ! grep -q Strayworth stray2.json; then pass event_index_follows_add_and_removal
else fail event_index_follows_add_and_removal "added: $(grep -c Strayworth stray1.json), after reanalyze: $(grep -c Strayworth stray2.json)"; fi
fetch_all "$A" patched
f1=$(metric 'mtrack_event_index_total{how="full"}')
p1=$(metric 'mtrack_event_index_total{how="patch"}')
if [ "$f1" = "$f0" ] && [ "$p1" -gt "$p0" ]; then pass event_index_patched_not_read_again
else fail event_index_patched_not_read_again "full $f0 -> $f1, patched $p0 -> $p1"; fi
# a second server reads the same store whole: the same answers
if ! start_server whole; then
    fail serve_fresh_second "no port after 10 s: $(head -3 whole.log)"; exit 0
fi
fetch_all "$BASE" whole
i=0 diff=""
while [ $i -lt "$(echo "$queries" | wc -l)" ]; do
    i=$((i + 1))
    cmp -s "patched.$i.json" "whole.$i.json" || diff="$diff $(echo "$queries" | sed -n "${i}p")"
done
total=$("$PY" -c 'import json; print(json.load(open("whole.1.json"))["total"])')
if [ -z "$diff" ] && [ "$total" -gt 10 ]; then pass patched_index_answers_as_a_whole_one
else fail patched_index_answers_as_a_whole_one "$total events; differ:$diff"; fi

# ---- a report page built again: the first request after a write waits
# for it and gets it; those that come during the build get the page before
# instead of waiting (SQLite: the test hook holds a build's first long
# statement; on PostgreSQL it holds every request's first) ----
if on_sqlite; then
    if ! start_server hold "MTRACK_TEST_HOLD=1500 /t/ai-infra"; then
        fail serve_fresh_hold "no port after 10 s: $(head -3 hold.log)"; exit 0
    fi
    H=$BASE
    curl -s -o r1.html "$H/t/ai-infra"
    sql "UPDATE events SET amount_usd = 41000000, amount_text = '\$41 million', amount_value = 41 WHERE company = 'Vellmar Robotics'" >/dev/null
    curl -s -o r2.html "$H/t/ai-infra" &
    first=$!
    i=0
    while ! grep -q held hold.log 2>/dev/null || [ "$(grep -c held hold.log)" -lt 2 ]; do
        sleep 0.05; i=$((i + 1)); [ $i -lt 100 ] || break
    done
    t0=$("$PY" -c 'import time; print(time.monotonic())')
    curl -s -o r3.html "$H/t/ai-infra"
    t1=$("$PY" -c 'import time; print(time.monotonic())')
    wait $first
    stale=$(curl -s "$H/metrics" | awk '$1 == "mtrack_cache_answers_total{route=\"report\",outcome=\"stale\"}" { print $2 }')
    fast=$("$PY" -c "print(1 if $t1 - $t0 < 1.0 else 0)")
    if grep -q '\$41 million' r2.html && cmp -s r1.html r3.html && [ "$fast" = 1 ] && [ "${stale:-0}" -ge 1 ]; then
        pass report_page_before_while_built_again
    else fail report_page_before_while_built_again "first after the write fresh: $(grep -c '\$41 million' r2.html), during the build the page before: $(cmp -s r1.html r3.html && echo yes || echo no) in $("$PY" -c "print(round($t1 - $t0, 2))") s, stale $stale"; fi
    curl -s -o r4.html "$H/t/ai-infra"
    if cmp -s r2.html r4.html; then pass report_page_new_one_kept
    else fail report_page_new_one_kept "the page after the build is not the one built"; fi
    # the same for the event index: a request that comes while another
    # patches it (here the API's, held) is answered from the index before
    # without waiting (here the events table, not held), and that answer
    # is not kept: the same request after is computed again
    if ! start_server hold2 "MTRACK_TEST_HOLD=1500 /api/v1/events"; then
        fail serve_fresh_hold2 "no port after 10 s: $(head -3 hold2.log)"; exit 0
    fi
    H=$BASE
    curl -s -o e1.json "$H/api/v1/events"
    # every event written again by the reanalyze (each given a wrong
    # confidence first: one that changes nothing writes nothing): a patch
    # of them all
    sql "UPDATE events SET confidence = 0" >/dev/null
    $M reanalyze >/dev/null 2>&1
    curl -s -o e2.json "$H/api/v1/events?limit=40" &
    first=$!
    i=0
    while [ "$(grep -c held hold2.log)" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    t0=$("$PY" -c 'import time; print(time.monotonic())')
    code=$(curl -s -o e3.html -w '%{http_code}' "$H/t/ai-infra/events?limit=7")
    t1=$("$PY" -c 'import time; print(time.monotonic())')
    wait $first
    miss() { curl -s "$H/metrics" | awk '$1 == "mtrack_cache_answers_total{route=\"events_page\",outcome=\"miss\"}" { print $2 }'; }
    m0=$(miss)
    curl -s -o e4.html "$H/t/ai-infra/events?limit=7"
    m1=$(miss)
    fast=$("$PY" -c "print(1 if $t1 - $t0 < 1.0 else 0)")
    if [ "$code" = 200 ] && [ "$fast" = 1 ] && [ "${m1:-0}" -gt "${m0:-0}" ] && grep -q 'data-id=' e3.html; then
        pass events_index_before_while_patched
    else fail events_index_before_while_patched "status $code in $("$PY" -c "print(round($t1 - $t0, 2))") s, misses $m0 -> $m1"; fi
fi
