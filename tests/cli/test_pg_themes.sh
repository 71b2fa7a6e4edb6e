#!/bin/sh
# The report's theme assignments kept on PostgreSQL as on SQLite (issue
# 15's doc_themes, event_themes, theme_log and theme_marks; before, a
# PostgreSQL store kept none, so every report, ingest and update worked
# out every document's theme from every text of the store): the same
# rows and mark as SQLite after one ingest, the same rows after many small
# ingests (run by run from the log), rows dropped with a text changed in
# place and worked out again, the same report.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
command -v sqlite3 >/dev/null 2>&1 || { skip pg_themes "sqlite3 is not installed"; exit 0; }
if ! pg_start; then
    [ -n "${MTRACK_TEST_PG_SKIP:-}" ] || skip pg_themes "$pg_why"
    exit 0
fi
M=$MTRACK
export MTRACK_NOW=2026-12-01T00:00:00Z
FILES=$(find "$TOP/samples/articles" "$TOP/samples/pages" "$TOP/samples/feeds" -type f | sort)
psql_=psql
[ -n "${pg_bin:-}" ] && [ -x "$pg_bin/psql" ] && psql_="$pg_bin/psql"
pgsql() { "$psql_" -X -q -A -t -F '|' "$1" -c "$2"; }
pgrows() {
    pgsql "$1" "SELECT 'doc', tracker, document_id, input, value FROM doc_themes ORDER BY 2, 3" &&
        pgsql "$1" "SELECT 'event', tracker, event_id, input, value FROM event_themes ORDER BY 2, 3"
}

# shellcheck disable=SC2086
$M --db sq.db init >/dev/null 2>&1 && $M --db sq.db ingest --quiet $FILES >/dev/null 2>&1
sqlite3 -separator '|' sq.db "SELECT 'doc', tracker, document_id, input, value FROM doc_themes ORDER BY 2, 3;
    SELECT 'event', tracker, event_id, input, value FROM event_themes ORDER BY 2, 3" >sq.rows
ONCE=$(pg_newdb themes_once)
# shellcheck disable=SC2086
$M --db "$ONCE" init >/dev/null 2>&1 && $M --db "$ONCE" ingest --quiet $FILES >/dev/null 2>&1
pgrows "$ONCE" >once.rows 2>once.err
mark_sq=$(sqlite3 sq.db "SELECT rules FROM theme_marks WHERE tracker = 'ai-infra'")
mark_pg=$(pgsql "$ONCE" "SELECT rules FROM theme_marks WHERE tracker = 'ai-infra'" 2>&1)
if [ -s sq.rows ] && cmp -s sq.rows once.rows && [ -n "$mark_sq" ] && [ "$mark_sq" = "$mark_pg" ]; then
    pass "pg_themes_kept ($(wc -l <once.rows) rows, as SQLite's)"
else
    fail pg_themes_kept "$(wc -l <sq.rows) rows on SQLite, $(wc -l <once.rows) on PostgreSQL ($(head -c 200 once.err)); marks '$mark_sq' '$mark_pg'"
fi

# many small ingests: each works out only what it added (from the log)
STEPS=$(pg_newdb themes_steps)
$M --db "$STEPS" init >/dev/null 2>&1
for f in $FILES; do $M --db "$STEPS" ingest --quiet "$f" >/dev/null 2>&1; done
pgrows "$STEPS" >steps.rows
left=$(pgsql "$STEPS" 'SELECT count(*) FROM theme_log')
if cmp -s once.rows steps.rows && [ "$left" = 0 ]; then
    pass pg_themes_run_by_run
else
    fail pg_themes_run_by_run "$(diff once.rows steps.rows | head -5); $left log rows left"
fi

# a text changed in place: its rows go, and come back as a full pass makes them
id=$(pgsql "$STEPS" 'SELECT min(document_id) FROM event_mentions')
pgsql "$STEPS" "UPDATE documents SET text = 'Nothing about data centres or chips here, only the weather.' WHERE id = $id" >/dev/null
gone=$(pgsql "$STEPS" "SELECT count(*) FROM doc_themes WHERE document_id = $id")
$M --db "$STEPS" report -o changed.md >/dev/null 2>&1
pgrows "$STEPS" >changed.rows
FULL=$(pg_newdb themes_full)
$M store copy "$STEPS" "$FULL" >/dev/null 2>&1
# the copy brings the rows: without them, its report works out all
pgsql "$FULL" "DELETE FROM doc_themes; DELETE FROM event_themes" >/dev/null
$M --db "$FULL" report -o full.md >/dev/null 2>&1
pgrows "$FULL" >full.rows
if [ "$gone" = 0 ] && [ -s changed.rows ] && cmp -s changed.rows full.rows && cmp -s changed.md full.md; then
    pass pg_themes_text_changed
else
    fail pg_themes_text_changed "$gone rows left of document $id; $(diff changed.rows full.rows | head -3)"
fi
$M --db sq.db report -o sq.md >/dev/null 2>&1
$M --db "$ONCE" report -o once.md >/dev/null 2>&1
if [ -s sq.md ] && cmp -s sq.md once.md; then pass pg_themes_same_report; else
    fail pg_themes_same_report "$(diff sq.md once.md | head -5)"; fi
