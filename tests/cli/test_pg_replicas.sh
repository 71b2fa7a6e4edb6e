#!/bin/sh
# Two `serve` processes on one PostgreSQL database, as replicas behind a
# load balancer would be: a story ingested by another process shows at
# once on both (their caches follow the store's data version, which moves
# with any process's commit), in the events API and on the report page.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
command -v curl >/dev/null 2>&1 || { skip pg_replicas "curl is not installed"; exit 0; }
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_replicas "$pg_why"
    exit 0
fi
M=$MTRACK
export MTRACK_DB="$(pg_newdb replicas)"
trap 'stop_started; pg_stop' EXIT
trap 'exit 1' INT TERM
$M init >/dev/null 2>&1 && $M ingest "$TOP/samples" >/dev/null 2>&1
start_server one || { fail pg_replicas_start "no port: $(head -3 one.log)"; exit 0; }
A=$BASE
start_server two || { fail pg_replicas_start "no port: $(head -3 two.log)"; exit 0; }
B=$BASE
total() { curl -s "$1/api/v1/events?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'; }
a0=$(total "$A") b0=$(total "$B")
curl -s "$A/" >a0.html
curl -s "$B/" >b0.html # both caches warm
printf 'Quillon Robotics raises $95 million Series B\nSource: Chip Ledger | 2026-03-25 | https://chipledger.example/quillon\n\nQuillon Robotics, a Turin-based maker of warehouse robots, said on Tuesday it had raised $95 million in a Series B round led by Lantern Capital.\n' >q.txt
$M ingest q.txt >/dev/null 2>&1
a1=$(total "$A") b1=$(total "$B")
if [ -n "$a0" ] && [ "$a1" = $((a0 + 1)) ] && [ "$b1" = $((b0 + 1)) ]; then
    pass pg_replicas_see_new_event; else fail pg_replicas_see_new_event "totals $a0 -> $a1, $b0 -> $b1"; fi
newest() { curl -s "$1/api/v1/events?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["events"][0]["event"]["company"])'; }
if [ "$(newest "$A")" = "Quillon Robotics" ] && [ "$(newest "$B")" = "Quillon Robotics" ]; then
    pass pg_replicas_newest_event; else fail pg_replicas_newest_event "$(newest "$A") / $(newest "$B")"; fi
curl -s "$A/" >a1.html
curl -s "$B/" >b1.html
if grep -q '52 documents, 31 events' a1.html && grep -q '52 documents, 31 events' b1.html &&
    grep -q '51 documents, 30 events' a0.html; then
    pass pg_replicas_report_page; else fail pg_replicas_report_page "a report page was not made again: $(grep -o '[0-9]* documents, [0-9]* events' a1.html b1.html)"; fi
