#!/bin/sh
# The report's theme assignments kept in the store (issue 15): worked out
# once per document and event (at ingest and by `report`), read back by the
# next report instead of every document's text; the page is the same with
# and without them; a tracker whose themes are edited gets them worked out
# again; a document whose text changes, or that is removed, loses its row.
. "$TOP/tests/cli/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { skip report_themes "sqlite3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_DB="$TESTDIR/t.db"
export MTRACK_NOW=2026-12-01T00:00:00Z
q() { sqlite3 "$MTRACK_DB" "$1"; }

"$M" init >/dev/null 2>&1 && "$M" ingest --quiet "$TOP/samples" >/dev/null 2>&1
docs=$(q 'SELECT count(*) FROM documents')
rows=$(q "SELECT count(*) FROM doc_themes WHERE tracker = 'ai-infra'")
evs=$(q "SELECT count(*) FROM event_themes WHERE tracker = 'ai-infra'")
if [ "$docs" -gt 10 ] && [ "$rows" = "$docs" ] && [ "$evs" -gt 5 ]; then pass themes_stored_at_ingest; else
    fail themes_stored_at_ingest "$docs documents, $rows document rows, $evs event rows"; fi

# the same page from the stored rows as from the texts
for f in md html json; do "$M" report --format "$f" >"with.$f" 2>/dev/null; done
q 'DELETE FROM doc_themes; DELETE FROM event_themes'
for f in md html json; do "$M" report --format "$f" >"without.$f" 2>/dev/null; done
same=1
for f in md html json; do cmp -s "with.$f" "without.$f" || same=0; done
if [ $same = 1 ] && [ -s with.md ]; then pass themes_same_page; else fail themes_same_page "pages differ"; fi
if [ "$(q 'SELECT count(*) FROM doc_themes')" = "$docs" ]; then pass themes_stored_by_report; else
    fail themes_stored_by_report "$(q 'SELECT count(*) FROM doc_themes') rows"; fi

# a stored value is what the report uses: a wrong one shows (so the rows
# are read, not recomputed) ...
"$M" report --format json >before.json 2>/dev/null
q "UPDATE event_themes SET value = (value + 1) % 6"
"$M" report --format json >tampered.json 2>/dev/null
if ! cmp -s before.json tampered.json; then pass themes_rows_read; else fail themes_rows_read "the page ignored the rows"; fi
q 'DELETE FROM event_themes'
"$M" report --format json >/dev/null 2>&1

# ... and an edited tracker's themes are worked out again: a theme whose
# keywords now match nothing loses what it held to the others
"$M" init --write-config cfg.ini >/dev/null 2>&1
sed 's/^keywords = data center, data centre, datacenter.*/keywords = zzzqqq/' cfg.ini >edited.ini
"$M" init --tracker edited.ini >/dev/null 2>&1
"$M" report --format json >edited.json 2>/dev/null
q 'DELETE FROM doc_themes; DELETE FROM event_themes'
"$M" report --format json >edited-fresh.json 2>/dev/null
if cmp -s edited.json edited-fresh.json && ! cmp -s edited.json before.json; then pass themes_follow_tracker_edit; else
    fail themes_follow_tracker_edit "the edited tracker's page differs from its page worked out afresh"; fi

# a document's row goes when its text changes or it is removed
id=$(q 'SELECT min(id) FROM documents')
q "UPDATE documents SET text = text || ' More words.' WHERE id = $id"
if [ "$(q "SELECT count(*) FROM doc_themes WHERE document_id = $id")" = 0 ]; then pass themes_dropped_on_edit; else
    fail themes_dropped_on_edit "row kept"; fi
"$M" report >/dev/null 2>&1
q "DELETE FROM documents WHERE id = $id"
if [ "$(q "SELECT count(*) FROM doc_themes WHERE document_id = $id")" = 0 ]; then pass themes_dropped_on_delete; else
    fail themes_dropped_on_delete "row kept"; fi
