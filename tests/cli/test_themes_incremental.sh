#!/bin/sh
# The report's stored themes kept up to date run by run (issue 15): after
# an ingest, update or reanalyze, only what the store logged as changed
# since the tracker's mark is worked out, not the whole store; the rows
# are the ones a pass over the whole store gives. A store built by many
# small ingests has the same doc_themes and event_themes, and the same
# report, as one built by one ingest of the same files; a text changed in
# place, a tracker edited (its themes or its excluded organisations) and a
# reanalyze give the rows a full pass gives.
. "$TOP/tests/cli/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { skip themes_incremental "sqlite3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_NOW=2026-12-01T00:00:00Z
FILES=$(find "$TOP/samples/articles" "$TOP/samples/pages" "$TOP/samples/feeds" -type f | sort)

rows() {
    sqlite3 "$1" "SELECT 'doc', tracker, document_id, input, value FROM doc_themes ORDER BY 2, 3;
                  SELECT 'event', tracker, event_id, input, value FROM event_themes ORDER BY 2, 3"
}
# full DB OUT: the rows a pass over the whole store gives, on a copy of DB
full() {
    rm -f full.db full.db-wal full.db-shm
    sqlite3 "$1" ".backup full.db"
    sqlite3 full.db 'DELETE FROM doc_themes; DELETE FROM event_themes; DELETE FROM theme_marks'
    "$M" --db full.db report >/dev/null 2>&1
    rows full.db >"$2"
}

# shellcheck disable=SC2086
"$M" --db once.db init >/dev/null 2>&1 && "$M" --db once.db ingest --quiet $FILES >/dev/null 2>&1
"$M" --db steps.db init >/dev/null 2>&1
n=0
for f in $FILES; do
    if [ $n = 5 ]; then
        # one ingest of the store with a mark: what the log holds since the
        # mark is read, and none of the statements that read every document
        # or every event's documents (the whole-store pass) is prepared
        MTRACK_SQL_PLANS="$TESTDIR/step.plans" "$M" --db steps.db ingest --quiet "$f" >/dev/null 2>&1
    else
        "$M" --db steps.db ingest --quiet "$f" >/dev/null 2>&1
    fi
    n=$((n + 1))
done
rows once.db >once.rows
rows steps.db >steps.rows
full steps.db full.rows
nrows=$(grep -c '^event' steps.rows)
if [ "$nrows" -gt 5 ] && cmp -s once.rows steps.rows && cmp -s steps.rows full.rows; then
    pass themes_steps_same_rows; else
    fail themes_steps_same_rows "$nrows event rows; $(diff once.rows steps.rows | head -3) $(diff steps.rows full.rows | head -3)"; fi
same=1
for f in md json; do
    "$M" --db once.db report --format $f >once.$f 2>/dev/null
    "$M" --db steps.db report --format $f >steps.$f 2>/dev/null
    cmp -s once.$f steps.$f || same=0
done
if [ $same = 1 ] && [ -s once.md ]; then pass themes_steps_same_report; else fail themes_steps_same_report "pages differ"; fi
if [ -s step.plans ] && grep -q 'FROM theme_log WHERE seq > ?1' step.plans &&
   ! grep -qi 'coalesce(d.published, d.fetched) DESC' step.plans &&
   ! grep -qi 'SELECT DISTINCT event_id, document_id FROM event_mentions' step.plans &&
   ! grep -q 'FROM doc_themes WHERE tracker = ?1 ORDER BY' step.plans; then
    pass themes_step_no_whole_store; else
    fail themes_step_no_whole_store "the ingest read the whole store's documents or mentions: $(grep -ci 'coalesce(d.published, d.fetched) DESC' step.plans)"; fi
# and it reads what changed a chunk at a time: no statement that reads one
# document, one event's mentions or one stored row (a round trip for each
# new document and event on PostgreSQL)
per_row=$(grep -o 'FROM doc_themes WHERE tracker = ?1 AND document_id\|FROM event_themes WHERE tracker = ?1 AND event_id\|FROM documents d WHERE d.id = ?1\|WHERE m.event_id = ?1' step.plans | sort -u)
if [ -s step.plans ] && [ -z "$per_row" ]; then pass themes_step_batched; else
    fail themes_step_batched "read one at a time: $(echo "$per_row" | tr '\n' ';')"; fi
left=$(sqlite3 steps.db 'SELECT count(*) FROM theme_log')
mark=$(sqlite3 steps.db "SELECT count(*) FROM theme_marks WHERE tracker = 'ai-infra'")
if [ "$left" = 0 ] && [ "$mark" = 1 ]; then pass themes_log_pruned; else fail themes_log_pruned "$left logged, $mark marks"; fi

# new pages for the runs below (bench/gen-pages.py: our own generated text)
PY=$(command -v python3 || true)
[ -n "$PY" ] || { skip themes_incremental_edits "python3 is not installed"; exit 0; }
for k in 1 2 3 4; do "$PY" "$TOP/bench/gen-pages.py" 2 "new$k" $((100 + k)) $((1000 + 10 * k)) >/dev/null 2>&1; done

# a text changed in place (its document's and its events' rows go) and a
# date changed (the document becomes the first of its event's): the next
# ingest works them out again as a full pass does
id=$(sqlite3 steps.db 'SELECT min(document_id) FROM event_mentions')
id2=$(sqlite3 steps.db "SELECT max(document_id) FROM event_mentions WHERE event_id =
    (SELECT event_id FROM event_mentions GROUP BY event_id
     HAVING count(DISTINCT document_id) > 1 AND sum(document_id = $id) = 0 LIMIT 1)")
sqlite3 steps.db "UPDATE documents SET text = 'Nothing about data centres or chips here, only the weather.' WHERE id = $id;
                  UPDATE documents SET published = '2001-01-01T00:00:00Z' WHERE id = $id2"
"$M" --db steps.db ingest --quiet new1 >/dev/null 2>&1
rows steps.db >edit.rows
full steps.db edit-full.rows
if [ -n "$id2" ] && cmp -s edit.rows edit-full.rows && ! cmp -s edit.rows steps.rows; then pass themes_edit_in_place; else
    fail themes_edit_in_place "$(diff edit.rows edit-full.rows | head -5)"; fi

# reanalyze: its events changed, added and removed
"$M" --db steps.db reanalyze >/dev/null 2>&1
rows steps.db >re.rows
full steps.db re-full.rows
if cmp -s re.rows re-full.rows; then pass themes_reanalyze; else fail themes_reanalyze "$(diff re.rows re-full.rows | head -5)"; fi

# an edited tracker: its themes (the rules hash) or only its excluded
# organisations (which events get a row): worked out in full again
"$M" --db steps.db init --write-config cfg.ini >/dev/null 2>&1
sed 's/^keywords = data center, data centre, datacenter.*/keywords = zzzqqq/' cfg.ini >edited.ini
"$M" --db steps.db init --tracker edited.ini >/dev/null 2>&1
"$M" --db steps.db ingest --quiet new2 >/dev/null 2>&1
rows steps.db >tracker.rows
full steps.db tracker-full.rows
if cmp -s tracker.rows tracker-full.rows && ! cmp -s tracker.rows re.rows; then pass themes_tracker_edit; else
    fail themes_tracker_edit "$(diff tracker.rows tracker-full.rows | head -5)"; fi
# an organisation excluded (its events get no row), then let in again:
# its events get their rows back
org=$(sqlite3 steps.db "SELECT company FROM events WHERE company IS NOT NULL ORDER BY id LIMIT 1")
sed "s/^\[filter\]/[filter]\nexclude_orgs = $org/" cfg.ini >orgs.ini
"$M" --db steps.db init --tracker orgs.ini >/dev/null 2>&1
sqlite3 steps.db "DELETE FROM event_themes"
"$M" --db steps.db ingest --quiet new3 >/dev/null 2>&1
without=$(sqlite3 steps.db 'SELECT count(*) FROM event_themes')
"$M" --db steps.db init --tracker cfg.ini >/dev/null 2>&1
"$M" --db steps.db ingest --quiet new4 >/dev/null 2>&1
rows steps.db >orgs.rows
full steps.db orgs-full.rows
with=$(grep -c '^event' orgs.rows)
if [ -n "$org" ] && [ "$with" -gt "$without" ] && cmp -s orgs.rows orgs-full.rows; then pass themes_exclude_orgs_edit; else
    fail themes_exclude_orgs_edit "$org: $without then $with event rows; $(diff orgs.rows orgs-full.rows | head -5)"; fi
