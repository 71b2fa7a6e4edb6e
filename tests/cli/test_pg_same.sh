#!/bin/sh
# The same answers from both back ends: samples/ ingested into SQLite and
# into PostgreSQL give equal events (JSON; ids too, though only the rest
# must match), the same documents for ten searches with the same best ones,
# and the three report formats equal but for their dates.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_same "$pg_why"
    exit 0
fi
M=$MTRACK
SQ="$TESTDIR/same.db"
PG=$(pg_newdb same) || { fail pg_same_db "cannot create a database on $MTRACK_TEST_PG"; exit 0; }
for db in "$SQ" "$PG"; do
    $M --db "$db" init >/dev/null 2>&1 && $M --db "$db" ingest "$TOP/samples" >/dev/null 2>"ingest.err" ||
        fail "pg_same_ingest" "$(head -3 ingest.err)"
done

# the report's read of every document's date and outlet (store_pg.c's
# pg_docs_dates_each) goes through the index of that order, as SQLite's
# documents_listed does: no sort of the documents (an index-only scan once
# the table is vacuumed, as on a store in use)
plan=$(psql -X -q -At "$PG" -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" -c "EXPLAIN SELECT d.id,
    coalesce(d.published, d.fetched), d.outlet FROM documents d WHERE NULL::text IS NULL OR
    coalesce(d.published, d.fetched) >= NULL ORDER BY coalesce(d.published, d.fetched) DESC, d.id DESC" 2>&1)
if echo "$plan" | grep -q "Scan Backward using documents_listed"; then pass same_report_dates_indexed; else
    fail same_report_dates_indexed "$(echo "$plan" | head -3 | tr '\n' ' ')"; fi

# events, ids aside
$M --db "$SQ" events --format json >ev-sq.json
$M --db "$PG" events --format json >ev-pg.json
if python3 - ev-sq.json ev-pg.json <<'EOF'
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != "id"}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (json.load(open(f)) for f in sys.argv[1:3])
if not a or strip(a) != strip(b):
    for i, (x, y) in enumerate(zip(strip(a), strip(b))):
        if x != y:
            print("event %d: %s | %s" % (i, x, y))
            break
    print("%d events on SQLite, %d on PostgreSQL" % (len(a), len(b)))
    sys.exit(1)
EOF
then pass same_events_json; else fail same_events_json "the events differ"; fi

# fifteen searches: the same documents found, and the same best three (as
# a set) for all but one of them (BM25 and PostgreSQL's cover density
# rank a few close ones in another order); the last five read words as
# SQLite's FTS5 does: a hyphenated word is a phrase of its parts (found
# written with a space too), a prefix ends the phrase, a decimal is one
same=0 found=0 n=0
for q in nscale "data centre" "series C" acquisition nvidia "sovereign AI" "chip*" "funding round" inference "Abu Dhabi" \
    seed-round data-centre "Paris-based seed-ro*" 5.2 "UK-based -"; do
    n=$((n + 1))
    $M --db "$SQ" search --json --limit 100 "$q" >s-sq.json
    $M --db "$PG" search --json --limit 100 "$q" >s-pg.json
    r=$(python3 - s-sq.json s-pg.json <<'EOF'
import json, sys
a, b = ([d["url"] for d in json.load(open(f))] for f in sys.argv[1:3])
marks = all(any(x["hit"] for x in d["snippet_parts"]) or not d["snippet"]
            for d in json.load(open(sys.argv[2])) if "snippet_parts" in d)
print("%d %d %d" % (len(a) > 0 and sorted(a) == sorted(b), set(a[:3]) == set(b[:3]), marks))
EOF
)
    set -- $r
    [ "$1" = 1 ] && found=$((found + 1)) || echo "# search '$q': other documents found"
    [ "$2" = 1 ] && same=$((same + 1)) || echo "# search '$q': another best three"
    [ "$3" = 1 ] || echo "# search '$q': a snippet without a marked hit"
done
if [ $found -eq $n ]; then pass same_search_documents; else fail same_search_documents "$found of $n searches found the same documents"; fi
if [ $same -ge $((n - 1)) ]; then pass "same_search_best_three ($same of $n)"; else fail same_search_best_three "$same of $n"; fi
$M --db "$PG" search --json nscale >s.json
if python3 -c '
import json, sys
j = json.load(open("s.json"))
p = j[0]["snippet_parts"]
sys.exit(0 if any(x["hit"] and x["text"].lower() == "nscale" for x in p) else 1)'; then
    pass same_search_snippet_parts; else fail same_search_snippet_parts "$(head -c 300 s.json)"; fi

# the three report formats, dates aside
for f in md html json; do
    $M --db "$SQ" report --format $f -o "r-sq.$f" >/dev/null 2>&1
    $M --db "$PG" report --format $f -o "r-pg.$f" >/dev/null 2>&1
    for s in sq pg; do
        sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/DATE/g' "r-$s.$f" >"r-$s.$f.cmp"
    done
    if [ -s "r-sq.$f" ] && cmp -s "r-sq.$f.cmp" "r-pg.$f.cmp"; then
        pass "same_report_$f"
    else
        fail "same_report_$f" "$(diff "r-sq.$f.cmp" "r-pg.$f.cmp" | head -4 | tr '\n' ' ')"
    fi
done
