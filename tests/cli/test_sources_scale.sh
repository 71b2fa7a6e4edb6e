#!/bin/sh
# Issue 12, item 9: listing sources stays cheap however large the store.
# Local files are not sources (their documents keep their path); a store
# made before that loses its file:// sources in a migration, never a
# document; the store's counts are kept up to date (the /metrics gauges
# agree with the tables); /api/v1/sources is paged with a total; the
# documents of a source are found by index; /healthz answers. Timings are
# measured in bench/bench-sources.sh, not here.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip sources_scale "python3 is not installed"; exit 0; }
command -v sqlite3 >/dev/null 2>&1 || { skip sources_scale "sqlite3 is not installed"; exit 0; }
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

printf '[tracker]\nname = s9\ntitle = Sources nine\n\n[theme all]\ntitle = Everything\ntypes = funding\n' >s9.ini
mkdir -p files
i=0
while [ $i -lt 30 ]; do
    printf 'Widgetco plant %d opens\n\nWidgetco opened plant number %d in the town of Exampleton %d on Monday, the maker of garden tools said.\n' \
        $i $i $i >files/a$i.txt
    i=$((i + 1))
done

# ---- local files are not sources ----
$M --db s.db init --tracker s9.ini >/dev/null 2>&1
$M --db s.db ingest files >ingest.out 2>&1
$M --db s.db sources list >list.out 2>&1
n_src=$(sqlite3 s.db "SELECT count(*) FROM sources")
n_doc=$(sqlite3 s.db "SELECT count(*) FROM documents WHERE origin LIKE 'files/a%'")
if [ "$n_src" = 0 ] && ! grep -q 'file://' list.out && [ "$n_doc" = 30 ]; then pass ingest_files_are_not_sources
else fail ingest_files_are_not_sources "$n_src sources, $n_doc documents with their path: $(head -n 3 list.out)"; fi

# ---- a store from before: its file:// sources go, its documents stay ----
# Migration 8 (and the later ones) taken back by hand, then 30 file sources
# as ingest made them. A new migration needs its undo here too (15, which
# normalises the sources' URLs, changes rows only: nothing to undo; 16 adds
# sources.done_ms, 17 host_conns).
ver=$(sqlite3 s.db "PRAGMA user_version")
[ "$ver" = 17 ] || fail migration_test_knows_the_schema "user_version is $ver: undo the migrations after 8 below"
sqlite3 s.db >/dev/null 2>mig.err <<'EOF'
ALTER TABLE sources DROP COLUMN done_ms; DROP TABLE host_conns;
DROP TABLE event_seq;
DROP TRIGGER gen_events_ai; DROP TRIGGER gen_events_au; DROP TRIGGER gen_events_ad;
DROP TRIGGER gen_mentions_ai; DROP TRIGGER gen_mentions_au; DROP TRIGGER gen_mentions_ad;
DROP TRIGGER gen_documents_ai; DROP TRIGGER gen_documents_au; DROP TRIGGER gen_documents_ad;
DROP TRIGGER gen_sources_ai; DROP TRIGGER gen_sources_au; DROP TRIGGER gen_sources_ad;
DROP TRIGGER gen_document_urls_ai; DROP TRIGGER gen_document_urls_au; DROP TRIGGER gen_document_urls_ad;
DROP TRIGGER gen_organizations_ai; DROP TRIGGER gen_organizations_au; DROP TRIGGER gen_organizations_ad;
DROP TRIGGER gen_org_aliases_ai; DROP TRIGGER gen_org_aliases_au; DROP TRIGGER gen_org_aliases_ad;
DROP TRIGGER gen_trackers_ai; DROP TRIGGER gen_trackers_au; DROP TRIGGER gen_trackers_ad;
DROP TRIGGER gen_themes_ai; DROP TRIGGER gen_themes_au; DROP TRIGGER gen_themes_ad;
DROP TRIGGER gen_tracker_sources_ai; DROP TRIGGER gen_tracker_sources_au; DROP TRIGGER gen_tracker_sources_ad;
DROP TRIGGER gen_editions_ai; DROP TRIGGER gen_editions_au; DROP TRIGGER gen_editions_ad;
DROP TRIGGER gen_event_changes_ai; DROP TRIGGER gen_event_changes_au; DROP TRIGGER gen_event_changes_ad;
DROP TABLE host_slots; ALTER TABLE sources DROP COLUMN lease_until;
DROP TABLE robots_cache; ALTER TABLE events DROP COLUMN status; ALTER TABLE events DROP COLUMN gpus;
ALTER TABLE events DROP COLUMN descriptor; ALTER TABLE events DROP COLUMN purpose;
DROP TABLE store_stats; DROP TABLE event_changes;
DROP INDEX documents_source; DROP INDEX document_urls_source; DROP INDEX sources_failing;
DROP TRIGGER stats_sources_ai; DROP TRIGGER stats_sources_ad; DROP TRIGGER stats_documents_ai;
DROP TRIGGER stats_documents_ad; DROP TRIGGER stats_events_ai; DROP TRIGGER stats_events_ad;
DROP TRIGGER stats_event_mentions_ai; DROP TRIGGER stats_event_mentions_ad;
DROP TRIGGER stats_organizations_ai; DROP TRIGGER stats_organizations_ad;
INSERT INTO sources(url, kind, added) SELECT 'file:///old/' || origin, 'file', '2026-01-01T00:00:00Z' FROM documents;
UPDATE documents SET source_id = (SELECT id FROM sources WHERE url = 'file:///old/' || documents.origin);
INSERT INTO sources(url, kind, added) VALUES ('https://feeds.example.org/kept.xml', 'feed', '2026-01-01T00:00:00Z');
PRAGMA user_version = 7;
EOF
before=$(sqlite3 s.db "SELECT count(*) FROM sources WHERE kind = 'file'")
$M --db s.db sources list >list2.out 2>&1
left=$(sqlite3 s.db "SELECT count(*) FROM sources")
docs=$(sqlite3 s.db "SELECT count(*) FROM documents")
if [ "$before" = 30 ] && [ "$left" = 1 ] && [ "$docs" = 30 ] && grep -q kept.xml list2.out && ! grep -q 'file://' list2.out; then
    pass migration_drops_file_sources_keeps_documents
else fail migration_drops_file_sources_keeps_documents "$before file sources before, $left sources and $docs documents after: $(cat mig.err list2.out | head -n 3)"; fi
plan=$(sqlite3 s.db "EXPLAIN QUERY PLAN SELECT count(*) FROM documents WHERE source_id = 1")
case "$plan" in
*"INDEX documents_source"*) pass documents_of_a_source_by_index ;;
*) fail documents_of_a_source_by_index "$plan" ;;
esac

# ---- many sources: an OPML list of 250, three failing ----
$PY - <<'EOF'
with open("many.opml", "w") as f:
    f.write('<?xml version="1.0"?>\n<opml version="2.0"><head><title>many</title></head><body>\n')
    for i in range(250):
        f.write('<outline type="rss" text="Feed %d" xmlUrl="https://feeds%d.example.org/rss.xml"/>\n' % (i, i))
    f.write('</body></opml>\n')
EOF
$M --db s.db sources import many.opml >import.out 2>&1
sqlite3 s.db "UPDATE sources SET last_error = 'HTTP 500', last_error_at = '2026-01-02T00:00:00Z' WHERE id IN (SELECT id FROM sources ORDER BY id LIMIT 3 OFFSET 10)"
$M --db s.db serve --listen 127.0.0.1:0 --threads 2 --port-file port >serve.log 2>&1 &
PIDS="$PIDS $!"
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B="http://127.0.0.1:$(cat port)"
get() { $PY -c 'import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=20); print(r.status); sys.stdout.write(r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code); sys.stdout.write(e.read().decode())' "$B$1"; }

get /api/v1/sources >p1.out
if $PY -c 'import json,sys; l=open("p1.out").read().split("\n",1); j=json.loads(l[1])
assert l[0]=="200"
ids=[s["id"] for s in j["sources"]]
assert len(ids)==100 and ids==sorted(ids), len(ids)
assert j["total"]==251 and j["limit"]==100 and j["offset"]==0, j
assert j["next"]=="/api/v1/sources?limit=100&offset=100", j.get("next")' 2>err.out; then pass api_sources_paged_with_total
else fail api_sources_paged_with_total "$(cat err.out | tail -n 1)"; fi
get '/api/v1/sources?limit=60&offset=200' >p2.out
if $PY -c 'import json,sys; l=open("p2.out").read().split("\n",1); j=json.loads(l[1])
assert l[0]=="200" and len(j["sources"])==51 and j["total"]==251 and "next" not in j, j.get("total")
assert j["sources"][-1]["url"]=="https://feeds249.example.org/rss.xml"' 2>err.out; then pass api_sources_last_page
else fail api_sources_last_page "$(cat err.out | tail -n 1)"; fi
get '/api/v1/sources?limit=0' >p3.out
get '/api/v1/sources?offset=-1' >p4.out
if [ "$(head -n 1 p3.out)" = 400 ] && [ "$(head -n 1 p4.out)" = 400 ]; then pass api_sources_bad_page_400
else fail api_sources_bad_page_400 "$(head -n 1 p3.out) $(head -n 1 p4.out)"; fi

get /metrics >m.out
want_doc=$(sqlite3 s.db "SELECT count(*) FROM documents")
want_ev=$(sqlite3 s.db "SELECT count(*) FROM events")
want_men=$(sqlite3 s.db "SELECT count(*) FROM event_mentions")
want_org=$(sqlite3 s.db "SELECT count(*) FROM organizations")
if $PY -c 'import re,sys; s=open("m.out").read()
g=lambda k: int(re.search(r"^%s (\d+)$" % k, s, re.M).group(1))
want=dict(zip(["mtrack_sources","mtrack_documents","mtrack_events","mtrack_mentions","mtrack_organizations","mtrack_fetch_errors"], map(int, sys.argv[1:])))
bad={k:(g(k),v) for k,v in want.items() if g(k)!=v}
assert not bad, bad' 251 "$want_doc" "$want_ev" "$want_men" "$want_org" 3 2>err.out; then pass metrics_counts_agree_with_the_tables
else fail metrics_counts_agree_with_the_tables "$(tail -n 1 err.out)"; fi

# counts kept up to date as rows come and go
$M --db s.db sources remove https://feeds7.example.org/rss.xml >/dev/null 2>&1
printf 'Gadgetco raises $12 million\n\nGadgetco, a maker of garden gadgets, raised $12 million in a Series A round led by Example Ventures.\n' >files/raise.txt
$M --db s.db ingest files/raise.txt >/dev/null 2>&1
get /metrics >m2.out
if $PY -c 'import re,sys; s=open("m2.out").read()
g=lambda k: int(re.search(r"^%s (\d+)$" % k, s, re.M).group(1))
assert g("mtrack_sources")==250 and g("mtrack_documents")==int(sys.argv[1])+1, (g("mtrack_sources"), g("mtrack_documents"))' "$want_doc" 2>err.out; then pass metrics_counts_follow_changes
else fail metrics_counts_follow_changes "$(tail -n 1 err.out)"; fi

get /healthz >h.out
if [ "$(cat h.out)" = "200
ok" ]; then pass healthz_ok; else fail healthz_ok "$(cat h.out)"; fi
