#!/bin/sh
# Several `update` workers on one PostgreSQL database: three processes
# started at once over 45 loopback feeds (teasers whose article pages are
# fetched) share the due sources (leased with FOR UPDATE SKIP LOCKED: a run
# takes every due source no other run holds), so every feed is asked for
# once and every story stored once, with the events one worker makes; a
# worker that dies holding its lease leaves those sources to a later run
# once the lease ends. Then tests/workers.sh on PostgreSQL (as
# test_update_workers.sh on SQLite): four runs lease the work a chunk at a
# time and each takes a share, hosts on 127.0.0.1-4 asked no faster than
# the delay across runs, due sources others hold said to be, a run killed
# with SIGKILL mid-way (its sources fetched by a later run once its lease
# ends, nothing lost or doubled).
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
command -v python3 >/dev/null 2>&1 || { skip pg_workers "python3 is not installed"; exit 0; }
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_workers "$pg_why"
    exit 0
fi
M=$MTRACK
mkdir -p site/feeds site/articles
python3 "$TOP/tests/http/server.py" site port http.log 2>server.err &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null; stop_started; pg_stop' EXIT
trap 'exit 1' INT TERM HUP
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s port ] || { fail pg_workers_server "the test server did not start: $(cat server.err)"; exit 0; }
B="http://127.0.0.1:$(cat port)"
n=45
i=0
while [ $i -lt $n ]; do
    {
        printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Outlet %d</title><link>http://o%d.example/</link>\n' $i $i
        for k in 1 2; do
            printf '<item><title>Maker%d%s raises $%d million</title><link>%s/articles/a%d-%d.html</link><pubDate>Mon, 02 Mar 2026 0%d:00:00 GMT</pubDate>' \
                $i "$k" $((i * 2 + k + 10)) "$B" $i $k $k
            printf '<description>Maker%d%s Devices, a chip start-up in Leeds, said on Monday it had raised $%d million in a Series A round led by Tarn Capital. The company designs power controllers for AI servers and will hire forty engineers.</description></item>\n' \
                $i "$k" $((i * 2 + k + 10))
        done
        printf '</channel></rss>\n'
    } >site/feeds/f$i.xml
    for k in 1 2; do
        printf '<html><head><title>Maker%d%s raises $%d million</title></head><body><article><h1>Maker%d%s raises $%d million</h1><p>Maker%d%s Devices, a chip start-up in Leeds, said on Monday it had raised $%d million in a Series A round led by Tarn Capital.</p><p>The company designs power controllers for AI servers and will hire forty engineers over the next two years, its chief executive said in an interview.</p></article></body></html>\n' \
            $i "$k" $((i * 2 + k + 10)) $i "$k" $((i * 2 + k + 10)) $i "$k" $((i * 2 + k + 10)) >site/articles/a$i-$k.html
    done
    i=$((i + 1))
done

# one worker alone, for the reference
ONE=$(pg_newdb workers_one)
MANY=$(pg_newdb workers_many)
for db in "$ONE" "$MANY"; do
    $M --db "$db" init --write-config - 2>/dev/null | sed -e '/^\[source /,$d' >t.ini
    $M --db "$db" init --tracker t.ini >/dev/null 2>&1
    i=0
    while [ $i -lt $n ]; do
        echo "$B/feeds/f$i.xml"
        i=$((i + 1))
    done | while read -r u; do $M --db "$db" sources add "$u" >/dev/null 2>&1; done
done
$M --db "$ONE" update --delay 0 >one.out 2>one.err
: >http.log
# three at once
for w in 1 2 3; do
    $M --db "$MANY" update --delay 0 --jobs 2 >w$w.out 2>w$w.err &
    eval "p$w=\$!"
done
wait $p1 $p2 $p3
asked=$(grep -c 'GET /feeds/f' http.log)
twice=$(grep -o 'GET /feeds/f[0-9]*\.xml' http.log | sort | uniq -d | wc -l)
fetched=$(cat w1.out w2.out w3.out | sed -n 's/^fetched \([0-9]*\) source.*/\1/p' | awk '{ t += $1 } END { print t + 0 }')
busy=$(grep -l '^fetched [1-9]' w1.out w2.out w3.out | wc -l)
if [ "$asked" = $n ] && [ "$twice" = 0 ] && [ "$fetched" = $n ]; then
    pass "pg_workers_each_feed_once ($busy of 3 workers fetched)"
else
    fail pg_workers_each_feed_once "$asked requests, $twice feeds asked twice, $fetched fetched: $(cat w1.err w2.err w3.err | head -3)"
fi
docs=$(MTRACK_DB=$MANY backend=pg sql "SELECT count(*) || ' ' || count(DISTINCT content_hash) FROM documents")
if [ "$docs" = "$((n * 2)) $((n * 2))" ]; then pass pg_workers_each_story_once; else fail pg_workers_each_story_once "$docs"; fi
$M --db "$ONE" events --format json | python3 -c 'import json, sys; print(sorted((e["event"].get("company"), e["event"].get("amount_usd")) for e in json.load(sys.stdin)))' >ev1.txt
$M --db "$MANY" events --format json | python3 -c 'import json, sys; print(sorted((e["event"].get("company"), e["event"].get("amount_usd")) for e in json.load(sys.stdin)))' >ev3.txt
if [ -s ev1.txt ] && cmp -s ev1.txt ev3.txt && [ "$(grep -o Maker ev1.txt | wc -l)" = $((n * 2)) ]; then
    pass pg_workers_same_events; else fail pg_workers_same_events "$(head -c 300 ev1.txt) | $(head -c 300 ev3.txt)"; fi
leased=$(MTRACK_DB=$MANY backend=pg sql 'SELECT count(*) FROM sources WHERE lease_until IS NOT NULL')
if [ "$leased" = 0 ]; then pass pg_workers_leases_released; else fail pg_workers_leases_released "$leased sources still leased"; fi

# a worker that died holding its lease: the sources wait for it to end
MTRACK_DB=$MANY backend=pg sql "UPDATE sources SET next_try = NULL, lease_until = '2999-01-01T00:00:00Z' WHERE id IN (SELECT id FROM sources ORDER BY id LIMIT 5)" >/dev/null
MTRACK_DB=$MANY backend=pg sql "UPDATE sources SET next_try = NULL WHERE id NOT IN (SELECT id FROM sources ORDER BY id LIMIT 5)" >/dev/null
$M --db "$MANY" update --delay 0 >d1.out 2>&1
MTRACK_DB=$MANY backend=pg sql "UPDATE sources SET lease_until = '2000-01-01T00:00:00Z' WHERE lease_until > '2998'" >/dev/null
$M --db "$MANY" update --delay 0 >d2.out 2>&1
if grep -q "^fetched $((n - 5)) sources" d1.out && grep -q '^fetched 5 sources' d2.out; then
    pass pg_workers_dead_lease_expires; else fail pg_workers_dead_lease_expires "$(head -1 d1.out) / $(head -1 d2.out)"; fi

# ---- the work split in chunks, hosts shared, a killed run (tests/workers.sh) ----
. "$TOP/tests/workers.sh"
backend=pg
if workers_web; then
    workers_tests pg "$(pg_newdb workers_split)" "$(pg_newdb workers_kill)" "$(pg_newdb workers_conns)"
fi
