#!/bin/sh
# Issue 12, "a record users can trust", items 4, 6 and 14 for `update` and
# the store: a served feed of 12,000 entries is stored whole; a feed whose
# lastBuildDate changes does not make update fetch again the pages it has
# (links compared with every URL a document was carried by), entries past the
# per-feed page cap wait for the next run instead of being stored as
# teasers; the WAL stays small while a `serve` process holds the store.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip trust2 "python3 is not installed"; exit 0; }
trap stop_started EXIT
trap 'exit 1' INT TERM HUP
# a tracker with no sources of its own (the default one lists outside feeds)
printf '[tracker]\nname = t2\ntitle = Trust two\n\n[theme all]\ntitle = Everything\ntypes = funding, acquisition\n' >t2.ini
mkstore() { $M --db "$1" init --tracker t2.ini >/dev/null 2>&1; }

rm -rf site2 port2 http2.log
mkdir -p site2/feeds site2/articles
$PY "$TOP/tests/http/server.py" "$TESTDIR/site2" "$TESTDIR/port2" "$TESTDIR/http2.log" 2>server2.err &
PIDS="$PIDS $!"
i=0
while [ ! -s port2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s port2 ]; then
    fail trust2_http "the test server did not start: $(cat server2.err)"
    exit 0
fi
PORT=$(cat port2)
B="http://127.0.0.1:$PORT"
# requests whose path starts with $1 in the server's log
asked() { if [ -f http2.log ]; then grep -c "^GET $1" http2.log; else echo 0; fi; }

# ---- 4. a served feed of 12,000 entries: update stores all of them ----
$PY - <<'PYEOF'
with open("site2/feeds/big.xml", "w") as f:
    f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Bulk Wire</title>\n')
    for i in range(12000):
        f.write('<item><title>Bulletin %d on sprocket %d</title><guid isPermaLink="false">urn:bulk:%d</guid>'
                '<description>Sprocket %d left depot %d for client %d.</description></item>\n'
                % (i, i * 7, i, i, i * 3, i * 11))
    f.write('</channel></rss>\n')
PYEOF
mkstore big.db
$M --db big.db sources add "$B/feeds/big.xml" >/dev/null 2>&1
$M --db big.db update --delay 0 >big.out 2>big.err
if grep -q "12000 new documents" big.out; then pass update_feed_12000_entries
else fail update_feed_12000_entries "$(cat big.out) $(tail -n 2 big.err)"; fi

contains update_feed_last_entry big.err "12000 new documents of 12000"

# ---- 6. 300 teaser entries; the feed's lastBuildDate changes between runs ----
# Each entry links to its page with a tracking parameter; the page names a
# different canonical URL, so the link is known only as a URL the document
# was carried by.
mkfeed() { # BUILD-DATE
    $PY - "$B" "$1" <<'PYEOF'
import sys
base, built = sys.argv[1], sys.argv[2]
names = ["Arvel", "Brisk", "Corra", "Dunmo", "Eskel", "Fentri", "Golvan", "Hestra", "Ivral", "Jorvik"]
with open("site2/feeds/teasers.xml", "w") as f:
    f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Teaser Wire</title>'
            '<link>%s/</link><lastBuildDate>%s</lastBuildDate>\n' % (base, built))
    for i in range(300):
        f.write('<item><title>Item %d from the teaser wire</title>'
                '<link>%s/articles/a%d.html?utm_source=feed&amp;utm_medium=rss</link>'
                '<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>'
                '<description>Short note %d. Read more</description></item>\n' % (i, base, i, i))
    f.write('</channel></rss>\n')
for i in range(300):
    who = names[i % 10] + names[(i // 10) % 10].lower() + " Works"
    para = ("%s, a maker of pumps number %d, said on Monday it had opened a workshop in "
            "district %d where %d people will assemble valves for %d regional customers. "
            % (who, i, i * 3 + 1, 20 + i, 40 + i * 2))
    with open("site2/articles/a%d.html" % i, "w") as f:
        f.write('<!doctype html><html><head><title>Item %d from the teaser wire</title>'
                '<link rel="canonical" href="%s/story/%d"></head><body><article>'
                '<h1>Item %d from the teaser wire</h1><p>%s</p><p>%s</p><p>%s</p></article></body></html>'
                % (i, base, i, i, para, para.replace("workshop", "second workshop"),
                   "The company gave no figure for the cost of site %d." % i))
PYEOF
}
mkfeed "Mon, 02 Mar 2026 10:00:00 GMT"
mkstore teaser.db
$M --db teaser.db sources add "$B/feeds/teasers.xml" >/dev/null 2>&1
: >http2.log
$M --db teaser.db update --delay 0 --jobs 8 >t1.out 2>t1.err
a1=$(asked /articles/)
if [ "$a1" -eq 200 ]; then pass update_page_cap_200; else fail update_page_cap_200 "$a1 article requests: $(cat t1.out)"; fi
# entries past the cap are not stored with their teaser text
n_teaser=$(sqlite3 teaser.db "SELECT count(*) FROM documents WHERE text LIKE 'Short note%'" 2>/dev/null || echo "?")
if [ "$n_teaser" = 0 ]; then pass update_past_cap_not_teasers; else fail update_past_cap_not_teasers "$n_teaser teasers stored"; fi
sleep 1.1
mkfeed "Mon, 02 Mar 2026 11:00:00 GMT"
: >http2.log
$M --db teaser.db update --all --delay 0 --jobs 8 >t2.out 2>t2.err
a2=$(asked /articles/)
if [ "$a2" -eq 100 ]; then pass update_past_cap_fetched_next_run
else fail update_past_cap_fetched_next_run "$a2 article requests on the second run (want the 100 left): $(cat t2.out)"; fi
sleep 1.1
mkfeed "Mon, 02 Mar 2026 12:00:00 GMT"
: >http2.log
$M --db teaser.db update --all --delay 0 --jobs 8 >t3.out 2>t3.err
a3=$(asked /articles/)
f3=$(asked /feeds/teasers.xml)
if [ "$a3" -eq 0 ] && [ "$f3" -eq 1 ]; then pass update_no_refetch_of_known_pages
else fail update_no_refetch_of_known_pages "$a3 article requests, $f3 feed requests: $(cat t3.out)"; fi
n_docs=$(sqlite3 teaser.db "SELECT count(*) FROM documents" 2>/dev/null || echo "?")
n_full=$(sqlite3 teaser.db "SELECT count(*) FROM documents WHERE text LIKE '%valves%'" 2>/dev/null || echo "?")
if [ "$n_full" = "$n_docs" ] && [ "$n_docs" -ge 1 ]; then pass update_pages_stored_in_full
else fail update_pages_stored_in_full "$n_full of $n_docs documents hold the page's text"; fi

# ---- 19. feed titles are text in update too (markup and entities decoded) ----
cat >site2/feeds/titles.xml <<'XML'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Title Wire</title>
<item><title>Orbel&amp;#8217;s &lt;b&gt;second&lt;/b&gt; plant opens</title><guid isPermaLink="false">urn:titles:1</guid>
<description>Orbel opened its second plant on Tuesday, the company said.</description></item>
</channel></rss>
XML
mkstore titles.db
$M --db titles.db sources add "$B/feeds/titles.xml" >/dev/null 2>&1
$M --db titles.db update --delay 0 >ti.out 2>ti.err
title=$(sqlite3 titles.db "SELECT title FROM documents" 2>/dev/null)
if [ "$title" = "Orbel’s second plant opens" ]; then pass update_feed_title_text
else fail update_feed_title_text "stored title: $title"; fi

# ---- 6. a teaser whose page fails for now (503) is not stored as a teaser ----
cat >site2/feeds/down.xml <<XML
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Down Wire</title><link>$B/</link>
<item><title>A page that is down for now</title><link>$B/status/503?story=down</link>
<description>A teaser of a page that answers 503. Read more</description></item>
</channel></rss>
XML
mkstore down.db
$M --db down.db sources add "$B/feeds/down.xml" >/dev/null 2>&1
: >http2.log
$M --db down.db update --delay 0 --timeout 5 >d1.out 2>d1.err
n_down=$(sqlite3 down.db "SELECT count(*) FROM documents" 2>/dev/null || echo "?")
if [ "$n_down" = 0 ] && grep -q "1 entry left for the next run" d1.err; then pass update_failed_page_waits
else fail update_failed_page_waits "$n_down documents stored: $(cat d1.err)"; fi
$M --db down.db update --all --delay 0 --timeout 5 >d2.out 2>d2.err
a_down=$(asked /status/503)
if [ "$a_down" -ge 2 ]; then pass update_failed_page_asked_again
else fail update_failed_page_asked_again "the page was asked $a_down times in two runs"; fi

# ---- 14. the WAL stays small while serve holds the store ----
mkstore wal.db
start_server wal MTRACK_DB=wal.db || fail wal_serve "no port: $(head -3 wal.log)"
S=$BASE/
# a few requests, so that the server's threads hold the store open
poke() { $PY -c 'import sys, urllib.request
for p in ("api/v1/events", "metrics", "api/v1/sources", "healthz"):
    urllib.request.urlopen(sys.argv[1] + p, timeout=10).read()' "$S" >/dev/null 2>&1; }
poke
mkdir -p burst
$PY - <<'PYEOF'
import os
for k in range(40):
    with open("burst/b%02d.xml" % k, "w") as f:
        f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Burst %d</title>\n' % k)
        for i in range(150):
            n = k * 1000 + i
            f.write('<item><title>Dispatch %d about gear %d</title><guid isPermaLink="false">urn:burst:%d</guid>'
                    '<description>%s</description></item>\n'
                    % (n, n * 3, n, ("Gear %d shipped from yard %d to buyer %d in crate %d. " % (n, n * 5, n * 7, n * 9)) * 12))
        f.write('</channel></rss>\n')
PYEOF
# one long ingest (the whole burst in one command) while serve holds the
# store: the WAL's size sampled as it runs
: >walsizes
( while [ ! -f wal.stop ]; do stat -c %s wal.db-wal 2>/dev/null >>walsizes; sleep 0.05; done ) &
sampler=$!
PIDS="$PIDS $sampler"
$M --db wal.db ingest -q burst >/dev/null 2>&1
poke
: >wal.stop
wait $sampler 2>/dev/null
max=$(sort -n walsizes | tail -n 1)
[ -n "$max" ] || max=0
db=$(stat -c %s wal.db)
# the bound: checkpoints every 8 MiB, journal_size_limit 8 MiB, and what
# one document's transaction adds
if [ "$max" -le $((12 * 1024 * 1024)) ]; then pass wal_stays_small_under_serve
else fail wal_stays_small_under_serve "the WAL reached $max bytes during the ingest (store $db bytes)"; fi
# a command that wrote leaves the WAL empty behind it, serve or not
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Late</title><item><title>Late note</title><guid isPermaLink="false">urn:late:1</guid><description>One late note about gear.</description></item></channel></rss>\n' >late.xml
$M --db wal.db ingest -q late.xml >/dev/null 2>&1
poke
last=$(stat -c %s wal.db-wal 2>/dev/null || echo 0)
if [ "$last" -le $((1024 * 1024)) ]; then pass wal_emptied_after_ingest
else fail wal_emptied_after_ingest "the WAL holds $last bytes after an ingest"; fi
echo "INFO wal: largest $max bytes during the burst, $last after a later ingest, store $db bytes" >&2
exit 0
