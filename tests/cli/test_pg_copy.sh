#!/bin/sh
# mtrack store copy: SQLite to PostgreSQL and back, the whole record
# (sources with their fetch state, documents with every URL, events with
# every mention, organisations and aliases, trackers, editions, alert
# deliveries and rules), the same answers from each copy, a non-empty
# target refused unless --force, and a copy that can be added to.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
M=$MTRACK
expect_status copy_usage 2 $M store copy only-one
expect_status copy_unknown_sub 2 $M store frobnicate
expect_status copy_help 0 $M store copy --help
expect_status copy_missing_from 1 $M store copy "$TESTDIR/none.db" "$TESTDIR/x.db"
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_copy "$pg_why"
    exit 0
fi
SQ="$TESTDIR/from.db"
$M --db "$SQ" init >/dev/null 2>&1
$M --db "$SQ" ingest "$TOP/samples" >/dev/null 2>&1
$M --db "$SQ" report --publish -o r0.md >/dev/null 2>&1 # an edition
# the state that only fetching and alerting make, set by hand
sqlite3 "$SQ" "UPDATE sources SET etag = '\"v7\"', last_modified = 'Tue, 01 Dec 2026 10:00:00 GMT',
    last_success = '2026-12-01T10:00:00Z', next_try = '2026-12-01T11:00:00Z', failures = 2,
    last_error = 'HTTP 503', last_error_at = '2026-12-01T09:00:00Z', interval_s = 7200 WHERE id = 1;
  INSERT INTO alert_deliveries VALUES ('ai-infra', 'big-rounds', 3, '2026-12-01T10:05:00Z');
  CREATE TABLE IF NOT EXISTS alert_rules (tracker TEXT NOT NULL, alert TEXT NOT NULL, added TEXT NOT NULL,
    since_event INTEGER NOT NULL, PRIMARY KEY (tracker, alert));
  INSERT INTO alert_rules VALUES ('ai-infra', 'big-rounds', '2026-12-01T10:00:00Z', 0);"
# a text with what PostgreSQL's COPY format escapes: backslashes, a tab,
# a carriage return, a newline and a literal \N
sqlite3 "$SQ" "UPDATE documents SET text = text || char(9) || 'a \\N, C:\\path\\x and \\' || char(13) || char(10) || 'end'
  WHERE id = 2"
PG=$(pg_newdb copy)
PG2=$(pg_newdb copy2)
BACK="$TESTDIR/back.db"
if $M store copy "$SQ" "$PG" >c1.txt 2>c1.err && grep -q '^copied .* 51 documents' c1.txt; then
    pass copy_sqlite_to_pg; else fail copy_sqlite_to_pg "$(cat c1.txt c1.err)"; fi
if $M store copy "$PG" "$BACK" >c2.txt 2>c2.err && $M store copy "$BACK" "$PG2" >c3.txt 2>c3.err; then
    pass copy_pg_to_sqlite_and_again; else fail copy_pg_to_sqlite_and_again "$(cat c2.err c3.err)"; fi

# every table the same on all four (SQL both back ends read alike), the
# report's theme rows too (the report above made them: the first report
# after a copy reads them instead of working out every document again)
for q in "SELECT count(*), sum(length(text)), count(minhash), count(near_sketch) FROM documents" \
    "SELECT count(*) FROM document_urls" "SELECT count(*) FROM document_bands" \
    "SELECT count(*) FROM org_aliases" "SELECT count(*) FROM near_template" \
    "SELECT etag || last_modified || last_success || next_try || failures || last_error || interval_s FROM sources WHERE id = 1" \
    "SELECT tracker || alert || event_id || delivered FROM alert_deliveries" \
    "SELECT tracker || alert || since_event FROM alert_rules" \
    "SELECT tracker || format || created || events FROM editions" \
    "SELECT count(*), sum(length(sentence)) FROM event_mentions" \
    "SELECT text FROM documents WHERE id = 2" \
    "SELECT count(*), sum(value), sum(input % 1000) FROM doc_themes" \
    "SELECT count(*), sum(value), sum(input % 1000) FROM event_themes"; do
    a=$(MTRACK_DB=$SQ backend=sqlite sql "$q")
    b=$(MTRACK_DB=$PG backend=pg sql "$q")
    c=$(MTRACK_DB=$BACK backend=sqlite sql "$q")
    d=$(MTRACK_DB=$PG2 backend=pg sql "$q")
    if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" = "$d" ]; then :; else
        fail copy_tables "$q: '$a' '$b' '$c' '$d'"; copy_bad=1; fi
done
[ -z "${copy_bad:-}" ] && pass copy_tables

# the same answers from every copy
$M --db "$SQ" events --format json >e0.json
ok=1
for db in "$PG" "$BACK" "$PG2"; do
    $M --db "$db" events --format json >e.json
    cmp -s e0.json e.json || ok=0
    $M --db "$db" search --json nscale | python3 -c 'import json, sys; print(sorted(d["id"] for d in json.load(sys.stdin)))' >s.txt
    $M --db "$SQ" search --json nscale | python3 -c 'import json, sys; print(sorted(d["id"] for d in json.load(sys.stdin)))' >s0.txt
    cmp -s s0.txt s.txt || ok=0
    $M --db "$db" sources list >l.txt 2>&1
    $M --db "$SQ" sources list >l0.txt 2>&1
    cmp -s l0.txt l.txt || ok=0
done
if [ $ok = 1 ]; then pass copy_same_answers; else fail copy_same_answers "events, search or sources differ"; fi

# a non-empty target is refused, --force replaces it
$M store copy "$SQ" "$PG" >c4.txt 2>c4.err; rc=$?
if [ $rc = 1 ] && grep -q 'not empty' c4.err; then pass copy_refuses_non_empty; else fail copy_refuses_non_empty "exit $rc: $(cat c4.err)"; fi
if $M store copy --force "$SQ" "$PG" >/dev/null 2>c5.err; then pass copy_force; else fail copy_force "$(cat c5.err)"; fi

# the copy goes on: a new document and its event get new ids
printf 'Zircon Photonics raises $70 million Series B\nSource: Chip Ledger | 2026-03-20 | https://chipledger.example/zircon\n\nZircon Photonics, a Delft-based maker of optical engines, said on Friday it had raised $70 million in a Series B round led by Dune Capital.\n' >z.txt
for db in "$PG" "$BACK"; do
    if $M --db "$db" ingest z.txt >z.out 2>z.err && $M --db "$db" events --org zircon | grep -q Zircon; then :; else
        fail copy_can_be_added_to "$(cat z.err)"; add_bad=1; fi
done
[ -z "${add_bad:-}" ] && pass copy_can_be_added_to
# the copy ran with the per-row triggers off: they are on again after it
# (the store's counts follow the new document, its themes are logged and kept)
counted=$(MTRACK_DB=$PG backend=pg sql "SELECT (SELECT documents FROM store_stats) - (SELECT count(*) FROM documents)")
kept=$(MTRACK_DB=$PG backend=pg sql "SELECT count(*) FROM doc_themes t JOIN documents d ON d.id = t.document_id WHERE d.title LIKE 'Zircon%'")
if [ "$counted" = 0 ] && [ "$kept" = 1 ]; then pass copy_triggers_on_after; else
    fail copy_triggers_on_after "store_stats off by '$counted', '$kept' theme rows of the new document"; fi
