#!/bin/sh
# The query plan of every statement that ingest, the report, the CLI's
# reading commands and the server prepare (issue 15): none reads the
# documents or events table by a full scan without an index, nor sorts
# the whole of either in a temporary B-tree for an ORDER BY (sorting the
# rows an index search found, such as one event's mentions, is allowed).
# The few that read a whole table on purpose are listed with their reason. MTRACK_SQL_PLANS makes each
# store handle append every statement it prepares with its plan
# (src/store/store_sqlite.c, plan_log). The commands run twice: on the
# small store as it is, then with planner statistics of the shape of a
# large store (100,000 documents, 50,000 events) written into sqlite_stat1,
# so that the plans are the ones a large store gets.
. "$TOP/tests/cli/lib.sh"
command -v curl >/dev/null 2>&1 || { skip query_plans "curl is not installed"; exit 0; }
command -v sqlite3 >/dev/null 2>&1 || { skip query_plans "sqlite3 is not installed"; exit 0; }
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip query_plans "python3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_DB="$TESTDIR/plans.db"
export MTRACK_SQL_PLANS="$TESTDIR/plans.log"
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
}
trap cleanup EXIT INT TERM

$PY "$TOP/bench/gen-pages.py" 150 pages 7 0 >/dev/null 2>&1 || { fail query_plans_pages "gen-pages failed"; exit 0; }
$PY "$TOP/bench/gen-feeds.py" 3 5 feeds 3 >/dev/null 2>&1 || { fail query_plans_feeds "gen-feeds failed"; exit 0; }

run_all() {
    "$M" ingest --quiet "$TOP/samples" >/dev/null 2>&1
    "$M" ingest --quiet pages feeds >/dev/null 2>&1
    for f in md html json; do "$M" report --format "$f" >/dev/null 2>&1; done
    "$M" report --since 2026-03-01 >/dev/null 2>&1
    "$M" events >/dev/null 2>&1
    "$M" events --type funding --min-usd 10M >/dev/null 2>&1
    "$M" events --org Nscale --format json >/dev/null 2>&1
    "$M" search chips >/dev/null 2>&1
    "$M" sources list >/dev/null 2>&1
    "$M" reanalyze --since 2026-03-10 >/dev/null 2>&1
    "$M" events --theme investment >/dev/null 2>&1
    rm -f port
    "$M" serve --listen 127.0.0.1:0 --threads 2 --port-file port >serve.log 2>&1 &
    PID=$!
    i=0
    while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    B=http://127.0.0.1:$(cat port)
    T=$(sqlite3 "$MTRACK_DB" "SELECT name FROM trackers LIMIT 1")
    E=$(sqlite3 "$MTRACK_DB" "SELECT max(id) FROM events")
    for u in / "/t/$T" "/t/$T/events" "/t/$T/events?theme=investment" "/t/$T/atom.xml" "/events/$E" \
             "/org/Nscale" "/search?q=chips" /metrics /healthz \
             "/api/v1/events?limit=50" "/api/v1/events?theme=investment&limit=50" \
             "/api/v1/events?order=asc&limit=5&offset=10" "/api/v1/events?type=funding&min_usd=100M" \
             "/api/v1/events/$E" "/api/v1/search?q=chips" "/api/v1/trackers" "/api/v1/trackers/$T/report" \
             "/api/v1/sources" "/api/v1/orgs"; do
        curl -s --max-time 60 -o /dev/null "$B$u"
    done
    kill "$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
    PID=""
}

run_all
n1=$(wc -l <plans.log)
# the shape of a large store (counts as bench/bench-scale.sh's 100,000
# documents give them, with outlets and sources as a real store has them)
sqlite3 "$MTRACK_DB" "ANALYZE; DELETE FROM sqlite_stat1;
INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES
 ('documents', 'documents_canonical', '100000 1'),
 ('documents', 'documents_listed', '100000 30 1 1 1 1 1 1 1'),
 ('documents', 'documents_outlet', '100000 200'),
 ('documents', 'documents_published', '100000 30'),
 ('documents', 'documents_source', '100000 200'),
 ('documents', 'documents_url_any', '100000 1'),
 ('documents', 'sqlite_autoindex_documents_1', '100000 1'),
 ('document_urls', 'document_urls_url_any', '110000 1'),
 ('document_urls', 'sqlite_autoindex_document_urls_1', '110000 1 1'),
 ('document_bands', 'document_bands', '800000 2 1'),
 ('document_bands', 'document_bands_doc', '800000 8'),
 ('event_mentions', 'event_mentions_best', '100000 2 2 1'),
 ('event_mentions', 'event_mentions_doc', '100000 1'),
 ('event_mentions', 'sqlite_autoindex_event_mentions_1', '100000 2 1 1'),
 ('events', 'events_first_seen', '50000 30'),
 ('events', 'events_name_first', '50000 10'),
 ('events', 'events_name_last', '50000 10'),
 ('events', 'events_ticker', '50000 5000'),
 ('events', 'events_type', '50000 10000 30'),
 ('events', 'sqlite_autoindex_events_1', '50000 1'),
 ('doc_themes', 'doc_themes', '100000 100000 1'),
 ('doc_themes', 'doc_themes_doc', '100000 1'),
 ('event_themes', 'event_themes', '50000 50000 1'),
 ('event_themes', 'event_themes_event', '50000 1'),
 ('organizations', 'sqlite_autoindex_organizations_1', '5000 1'),
 ('sources', 'sqlite_autoindex_sources_1', '300 1');" || { fail query_plans_stats "could not write the statistics"; exit 0; }
$PY "$TOP/bench/gen-pages.py" 20 pages2 8 150 >/dev/null 2>&1
run_all
"$M" ingest --quiet pages2 >/dev/null 2>&1
n2=$(wc -l <plans.log)
if [ "$n1" -gt 50 ] && [ "$n2" -gt "$n1" ]; then pass query_plans_logged; else
    fail query_plans_logged "only $n1 then $n2 statements logged"; exit 0; fi

# Statements that read a whole table on purpose, each with its reason.
cat >allowed.txt <<'EOF'
# serve's event index, built once per data version: every event by id
SELECT e.id, e.type, e.first_seen, e.amount_usd, e.price_usd, e.country,
# reanalyze reads every document (or those since a date) and every event
SELECT d.id FROM documents d WHERE (?1 IS NULL OR coalesce(julianday(d.published)
SELECT id, type, company, acquirer, target, organization, ticker, product, what, country, amount_text,
# near-duplicates: the newest documents (of the store), by id backwards: the LIMIT ends it
SELECT id, near_sketch FROM documents ORDER BY id DESC LIMIT
EOF

if out=$($PY - plans.log allowed.txt <<'EOF'
import re, sys
log, allowed = sys.argv[1], sys.argv[2]
allow = [l.strip() for l in open(allowed) if l.strip() and not l.startswith('#')]
big = ('documents', 'events')
bad, seen = [], set()
for line in open(log, encoding='utf-8', errors='replace'):
    parts = line.rstrip('\n').split('\t')
    sql, steps = parts[0], parts[1:]
    # every plan a statement got (the small store's and the large one's)
    if (sql, tuple(steps)) in seen:
        continue
    seen.add((sql, tuple(steps)))
    names = set()
    for m in re.finditer(r'\b(?:FROM|JOIN)\s+(documents|events)\b(?:\s+(?:AS\s+)?(\w+))?', sql, re.I):
        names.add(m.group(1))
        if m.group(2) and m.group(2).upper() not in ('WHERE', 'ON', 'JOIN', 'ORDER', 'GROUP', 'LIMIT',
                                                     'LEFT', 'INNER', 'USING', 'SET', 'UNION', 'AND'):
            names.add(m.group(2))
    if not names or any(sql.startswith(a) for a in allow):
        continue
    # a whole table read: SCAN of it (with or without an index) at the top
    whole = False
    for st in steps:
        depth, _, detail = st.partition(':')
        m = re.match(r'SCAN (\w+)( USING .*)?$', detail)
        if m and m.group(1) in names:
            if not m.group(2):
                bad.append('full scan of %s: %s\n    plan: %s' % (m.group(1), sql[:300], ' | '.join(steps)))
            if depth == '0':
                whole = True
    # sorting a whole table (not the rows an index search found)
    for st in steps:
        depth, _, detail = st.partition(':')
        if whole and depth == '0' and re.match(r'USE TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY', detail):
            bad.append('sort in a temporary B-tree: %s\n    plan: %s' % (sql[:300], ' | '.join(steps)))
print('%d statements' % len(seen))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
EOF
); then
    pass "query_plans_no_full_scans ($(echo "$out" | head -1))"
else
    fail query_plans_no_full_scans "$(echo "$out" | sed -n '2,40p')"
fi

# the near-duplicate candidates' signatures come from their own small index
# (documents_near_sig), not from each candidate's row in documents, so that
# ingest does not read pages all over a large store for them
sig=$(grep -F 'SELECT b.document_id, d.minhash FROM document_bands b' plans.log | sort -u)
if [ -n "$sig" ] && ! echo "$sig" | grep -v -q 'COVERING INDEX documents_near_sig'; then pass query_plans_near_sig_index; else
    fail query_plans_near_sig_index "$(echo "$sig" | head -2)"; fi
