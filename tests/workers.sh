# Several `update` runs on one store, for tests/cli/test_pg_workers.sh
# (PostgreSQL) and tests/cli/test_update_workers.sh (SQLite): source it
# after tests/cli/lib.sh, then
#
#   workers_web || exit 0      # the loopback web: a server on 127.0.0.1-4
#   workers_tests PREFIX DB1 DB2 DB3   # DB1, DB2, DB3: new, empty stores
#
# The web: $wn feeds spread over four hosts (127.0.0.1 to 127.0.0.4, one
# port), each with two teasers whose article pages are on the feed's host.
# The server logs each request's arrival (host, time) in times.log; its
# pid goes in PIDS (stop_started ends it).

wn=40

workers_web() {
    mkdir -p wsite/feeds wsite/articles
    HTTP_ALSO_BIND="127.0.0.2 127.0.0.3 127.0.0.4" HTTP_TIMELOG=times.log HTTP_INFLIGHT=inflight.log \
        HTTP_GATE="$PWD/gate" python3 "$TOP/tests/http/server.py" wsite wport whttp.log 2>wserver.err &
    PIDS="$PIDS $!"
    i=0
    while [ ! -s wport ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s wport ] || { fail workers_server "the test server did not start: $(cat wserver.err)"; return 1; }
    wport=$(cat wport)
    i=0
    while [ $i -lt $wn ]; do
        h="http://127.0.0.$((i % 4 + 1)):$wport"
        {
            printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Desk %d</title><link>http://d%d.example/</link>\n' $i $i
            for k in 1 2; do
                printf '<item><title>Quill%d%s raises $%d million</title><link>%s/articles/q%d-%d.html</link><pubDate>Tue, 03 Mar 2026 0%d:00:00 GMT</pubDate>' \
                    $i "$k" $((i * 2 + k + 20)) "$h" $i $k $k
                printf '<description>Quill%d%s Labs, a battery start-up in Bristol, said it had raised $%d million in a Series B round.</description></item>\n' \
                    $i "$k" $((i * 2 + k + 20))
            done
            printf '</channel></rss>\n'
        } >wsite/feeds/w$i.xml
        for k in 1 2; do
            printf '<html><head><title>Quill%d%s raises $%d million</title></head><body><article><h1>Quill%d%s raises $%d million</h1><p>Quill%d%s Labs, a battery start-up in Bristol, said on Tuesday it had raised $%d million in a Series B round led by Fenwick Partners.</p><p>The company makes solid-state cells for delivery vans and will open a second plant next year, its founder said.</p></article></body></html>\n' \
                $i "$k" $((i * 2 + k + 20)) $i "$k" $((i * 2 + k + 20)) $i "$k" $((i * 2 + k + 20)) >wsite/articles/q$i-$k.html
        done
        i=$((i + 1))
    done
    return 0
}

# workers_store DB: a tracker and the $wn feeds in a new store.
workers_store() {
    $MTRACK --db "$1" init --write-config - 2>/dev/null | sed -e '/^\[source /,$d' >wt.ini
    $MTRACK --db "$1" init --tracker wt.ini >/dev/null 2>&1
    i=0
    while [ $i -lt $wn ]; do
        $MTRACK --db "$1" sources add "http://127.0.0.$((i % 4 + 1)):$wport/feeds/w$i.xml" >/dev/null 2>&1
        i=$((i + 1))
    done
}

# The closest two requests to one host came, in ms ("host ms" of the closest).
workers_min_gap() {
    sort -k2,2 -k1,1n "$1" | awk '$2 == h { g = ($1 - t) * 1000; if (m == "" || g < m) { m = g; mh = h } }
        { h = $2; t = $1 } END { printf "%s %d\n", mh, m }'
}

# The feeds asked in a time log, one "wN" a line, sorted.
workers_feeds() { sed -n 's/.* \/feeds\/\(w[0-9]*\)\.xml$/\1/p' "$1" | sort; }

workers_tests() {
    P=$1
    MTRACK_DB=$2
    # ---- four runs started at once share the work; each host is asked
    # no faster than the delay (400 ms) across them ----
    workers_store "$2"
    : >times.log
    for w in 1 2 3 4; do
        $MTRACK --db "$2" update --jobs 1 --delay 400 >w$w.out 2>w$w.err &
        eval "wp$w=\$!"
    done
    wait $wp1 $wp2 $wp3 $wp4
    fetched=$(cat w1.out w2.out w3.out w4.out | sed -n 's/^fetched \([0-9]*\) source.*/\1/p' | awk '{ t += $1 } END { print t + 0 }')
    shares=$(for w in 1 2 3 4; do sed -n 's/^fetched \([0-9]*\) source.*/\1/p' w$w.out; done | tr '\n' ' ')
    busy=$(grep -l '^fetched [1-9]' w1.out w2.out w3.out w4.out | wc -l)
    asked=$(workers_feeds times.log | wc -l)
    twice=$(workers_feeds times.log | uniq -d | wc -l)
    pages=$(grep -c ' /articles/' times.log)
    pages2=$(sed -n 's/.* \(\/articles\/.*\)/\1/p' times.log | sort | uniq -d | wc -l)
    if [ "$busy" = 4 ] && [ "$fetched" = $wn ] && [ "$asked" = $wn ] && [ "$twice" = 0 ] &&
        [ "$pages" = $((wn * 2)) ] && [ "$pages2" = 0 ]; then
        pass "${P}_workers_share_the_work (sources a run: $shares)"
    else
        fail ${P}_workers_share_the_work "$busy of 4 runs fetched ($shares), $fetched sources in all, $asked feed requests ($twice feeds twice), $pages page requests ($pages2 twice): $(head -n 2 w1.out w2.out w3.out w4.out | tr '\n' ' ')"
    fi
    docs=$(sql "SELECT count(*) || ' ' || count(DISTINCT content_hash) FROM documents")
    if [ "$docs" = "$((wn * 2)) $((wn * 2))" ]; then pass ${P}_workers_each_story_once; else fail ${P}_workers_each_story_once "$docs"; fi
    gap=$(workers_min_gap times.log)
    hosts=$(awk '{ print $2 }' times.log | sort -u | wc -l)
    # the request starts are 400 ms apart; their arrival may drift by what
    # the machine is doing (runs that did not share the hosts come a few ms
    # apart)
    if [ "$hosts" = 4 ] && [ "${gap#* }" -ge 250 ]; then
        pass "${P}_workers_host_delay_across_runs (closest: $gap ms)"
    else
        fail ${P}_workers_host_delay_across_runs "$hosts hosts, the closest two requests to one host $gap ms apart (delay 400)"
    fi
    left=$(sql 'SELECT count(*) FROM sources WHERE lease_until IS NOT NULL')
    if [ "$left" = 0 ]; then pass ${P}_workers_leases_ended; else fail ${P}_workers_leases_ended "$left sources still leased"; fi

    # ---- two runs of --all at once, one fast and one slow: every source
    # fetched once between them (the fast one's done sources are not taken
    # again by the slow one when the fast one ends; the sources the runs
    # above did, maybe in the same second, are fetched again). --all means
    # "not fetched since this run began": for the runs to be at once, the
    # server holds every answer (the gate) until both have begun, known by
    # the leases each takes when it begins ----
    : >times.log
    : >gate
    $MTRACK --db "$2" update --all --jobs 1 --delay 150 >a2.out 2>a2.err &
    ap2=$!
    gate_leased() {
        i=0
        while [ "$(sql 'SELECT count(*) FROM sources WHERE lease_until IS NOT NULL' 2>/dev/null || echo 0)" -le "$1" ] &&
            [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
        sql 'SELECT count(*) FROM sources WHERE lease_until IS NOT NULL'
    }
    n2=$(gate_leased 0)
    $MTRACK --db "$2" update --all --jobs 8 --delay 0 >a1.out 2>a1.err &
    ap1=$!
    gate_leased "$n2" >/dev/null
    rm -f gate
    wait $ap1 $ap2
    fetched=$(cat a1.out a2.out | sed -n 's/^fetched \([0-9]*\) source.*/\1/p' | awk '{ t += $1 } END { print t + 0 }')
    asked=$(workers_feeds times.log | wc -l)
    twice=$(workers_feeds times.log | uniq -d | wc -l)
    left=$(sql 'SELECT count(*) FROM sources WHERE lease_until IS NOT NULL')
    if [ "$fetched" = $wn ] && [ "$asked" = $wn ] && [ "$twice" = 0 ] && [ "$left" = 0 ]; then
        pass "${P}_workers_all_runs_share (sources a run: $(cat a1.out a2.out | sed -n 's/^fetched \([0-9]*\) source.*/\1/p' | tr '\n' ' '))"
    else
        fail ${P}_workers_all_runs_share "$fetched sources fetched, $asked feed requests ($twice feeds twice), $left still leased: $(head -n 1 a1.out a2.out | tr '\n' ' ')"
    fi

    # ---- due sources others hold: said so, not "no source is due" ----
    sql "UPDATE sources SET next_try = NULL, lease_until = '2999-01-01T00:00:00Z'" >/dev/null
    $MTRACK --db "$2" update --delay 0 >held.out 2>&1
    if grep -q "^nothing to fetch: $wn due sources are being fetched by other update runs$" held.out; then
        pass ${P}_workers_held_said
    else
        fail ${P}_workers_held_said "$(head -n 2 held.out)"
    fi

    # ---- a run killed with SIGKILL mid-way: the sources it held wait for
    # its lease to end (10 s), then a later run fetches them; nothing is
    # lost or stored twice ----
    MTRACK_DB=$3
    workers_store "$3"
    : >times.log
    $MTRACK --db "$3" update --jobs 1 --delay 300 --lease 10 >k1.out 2>k1.err &
    kp=$!
    i=0
    while [ "$(sql "SELECT count(*) FROM sources WHERE last_success IS NOT NULL" 2>/dev/null || echo 0)" -lt 2 ] &&
        [ $i -lt 300 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -9 $kp 2>/dev/null
    wait $kp 2>/dev/null
    mv times.log k1.log
    sql "SELECT url FROM sources WHERE last_success IS NULL AND last_error IS NULL AND lease_until IS NOT NULL ORDER BY url" >held.txt
    nheld=$(wc -l <held.txt)
    done1=$(sql "SELECT count(*) FROM sources WHERE last_success IS NOT NULL")
    : >times.log
    $MTRACK --db "$3" update --delay 0 --jobs 4 >k2.out 2>k2.err
    mv times.log k2.log
    took=$(for u in $(cat held.txt); do grep -cF "$u" k2.err; done | awk '{ t += $1 } END { print t + 0 }')
    if [ "$nheld" -gt 0 ] && [ "$done1" -gt 0 ] && [ "$took" = 0 ] &&
        grep -q "^fetched $((wn - done1 - nheld)) sources" k2.out; then
        pass "${P}_workers_killed_run_holds_its_sources ($nheld held, $done1 done before the kill)"
    else
        fail ${P}_workers_killed_run_holds_its_sources "$nheld held, $done1 done, $took of the held taken: $(head -n 1 k2.out)"
    fi
    i=0
    while [ "$(sql "SELECT count(*) FROM sources WHERE lease_until > '$(date -u +%Y-%m-%dT%H:%M:%SZ)'" 2>/dev/null)" != 0 ] &&
        [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    : >times.log
    $MTRACK --db "$3" update --delay 0 --jobs 4 >k3.out 2>k3.err
    mv times.log k3.log
    workers_feeds k3.log >k3.feeds
    sed -n 's/.*\/feeds\/\(w[0-9]*\)\.xml$/\1/p' held.txt | sort >held.feeds
    if [ "$nheld" -gt 0 ] && grep -q "^fetched $nheld sources" k3.out && cmp -s k3.feeds held.feeds; then
        pass ${P}_workers_killed_runs_sources_after_lease
    else
        fail ${P}_workers_killed_runs_sources_after_lease "$(head -n 1 k3.out); asked: $(tr '\n' ' ' <k3.feeds); held: $(tr '\n' ' ' <held.feeds)"
    fi
    docs=$(sql "SELECT count(*) || ' ' || count(DISTINCT content_hash) FROM documents")
    ok=$(sql "SELECT count(*) FROM sources WHERE last_success IS NOT NULL AND lease_until IS NULL")
    twice=$(cat k1.log k2.log k3.log | sed -n 's/.* \(\/articles\/.*\)/\1/p' | sort | uniq -c | awk '$1 > 2' | wc -l)
    if [ "$docs" = "$((wn * 2)) $((wn * 2))" ] && [ "$ok" = $wn ] && [ "$twice" = 0 ]; then
        pass ${P}_workers_kill_nothing_lost_or_doubled
    else
        fail ${P}_workers_kill_nothing_lost_or_doubled "documents (all, distinct): $docs; sources done: $ok of $wn; pages asked thrice: $twice"
    fi

    # ---- three runs at once on twelve slow feeds of one host, each run
    # free to open 2 connections to a host: at most 2 across the three (nor
    # more to any host in all the runs above: the server notes each new
    # high of the requests it answers at once on an address) ----
    MTRACK_DB=$4
    $MTRACK --db "$4" init --tracker wt.ini >/dev/null 2>&1
    i=0
    while [ $i -lt 12 ]; do
        $MTRACK --db "$4" sources add "http://127.0.0.2:$wport/slow/0.3/feeds/w$i.xml" >/dev/null 2>&1
        i=$((i + 1))
    done
    for w in 1 2 3; do
        $MTRACK --db "$4" update --jobs 4 --delay 0 >c$w.out 2>c$w.err &
        eval "cp$w=\$!"
    done
    wait $cp1 $cp2 $cp3
    most=$(awk '{ if ($2 > m) m = $2 } END { print m + 0 }' inflight.log)
    fetched=$(cat c1.out c2.out c3.out | sed -n 's/^fetched \([0-9]*\) source.*/\1/p' | awk '{ t += $1 } END { print t + 0 }')
    held=$(sql 'SELECT count(*) FROM host_conns')
    if [ "$most" -ge 1 ] && [ "$most" -le 2 ] && [ "$fetched" = 12 ] && [ "$held" = 0 ]; then
        pass "${P}_workers_two_connections_a_host (at most $most at once)"
    else
        fail ${P}_workers_two_connections_a_host "$most requests at once to one host (at most 2), $fetched of 12 sources fetched, $held slots left: $(head -n 1 c1.out c2.out c3.out | tr '\n' ' ')"
    fi

}
