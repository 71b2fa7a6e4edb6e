#!/bin/sh
# Ingest commits its documents in groups (issue 15: each page written once
# per group, not once per document), each document still a transaction of
# its own: one that fails is undone alone and the documents before it are
# kept; when the store undoes the whole group itself, ingest says so (exit
# 1, "run it again") instead of counting them stored, and the next run
# stores them. (A kill in the middle: test_spine.sh kill_then_complete.)
. "$TOP/tests/cli/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { skip ingest_groups "sqlite3 is not installed"; exit 0; }
M=$MTRACK
export MTRACK_DB="$TESTDIR/g.db"
mkdir in
for i in 1 2 3 4 5; do
    t="Story $i about chips"
    [ $i = 3 ] && t="Story $i BOOM about chips"
    printf '%s\n\nVendor%d shipped %d accelerators to a data centre in Lyon on Tuesday, the company said.\n' \
        "$t" $i $((i * 100)) >in/s$i.txt
done
"$M" init >/dev/null 2>&1
n() { sqlite3 "$MTRACK_DB" 'SELECT count(*) FROM documents'; }

# a statement of the third document fails: it alone is undone
sqlite3 "$MTRACK_DB" "CREATE TRIGGER boom BEFORE INSERT ON documents WHEN new.title LIKE '%BOOM%'
                      BEGIN SELECT RAISE(ABORT, 'boom refused'); END;"
"$M" ingest --quiet in/s1.txt in/s2.txt in/s3.txt in/s4.txt in/s5.txt >ing.out 2>ing.err
rc=$?
got=$(n)
if [ $rc = 1 ] && [ "$got" = 2 ] && grep -q boom ing.err; then pass group_failure_undone_alone; else
    fail group_failure_undone_alone "exit $rc, $got stored: $(cat ing.err)"; fi

# the store undoes the whole transaction (RAISE(ROLLBACK)): the group's
# documents are not stored and ingest says so
sqlite3 "$MTRACK_DB" "DROP TRIGGER boom; DELETE FROM documents;
                      CREATE TRIGGER boom BEFORE INSERT ON documents WHEN new.title LIKE '%BOOM%'
                      BEGIN SELECT RAISE(ROLLBACK, 'boom undone'); END;"
"$M" ingest --quiet in/s1.txt in/s2.txt in/s3.txt in/s4.txt in/s5.txt >ing.out 2>ing.err
rc=$?
got=$(n)
if [ $rc = 1 ] && { [ "$got" = 2 ] || grep -q "run it again" ing.err; }; then pass group_undone_said; else
    fail group_undone_said "exit $rc, $got stored: $(cat ing.err)"; fi
sqlite3 "$MTRACK_DB" "DROP TRIGGER boom"
"$M" ingest --quiet in >/dev/null 2>&1
got=$(n)
if [ "$got" = 5 ] && [ "$(sqlite3 "$MTRACK_DB" 'PRAGMA integrity_check')" = ok ]; then pass group_rerun_complete; else
    fail group_rerun_complete "$got stored"; fi

# another writer while a long ingest runs gets the store between two
# groups, within seconds, not after the whole run (nor "database is
# locked" after waiting 10 s)
mkdir many
awk 'BEGIN { for (i = 0; i < 8000; i++) { f = sprintf("many/n%d.txt", i)
    printf "Note %d on racks\n\nVendor%d shipped %d racks to a data centre in Porto on Monday, the company said.\n", i, i, i + 7 > f
    close(f) } }'
"$M" ingest --quiet many >/dev/null 2>&1 &
pid=$!
# the writer comes as soon as the ingest has committed its first group
i=0
while [ "$(sqlite3 "$MTRACK_DB" 'SELECT count(*) > 5 FROM documents' 2>/dev/null)" != 1 ] && [ $i -lt 600 ]; do
    sleep 0.05
    i=$((i + 1))
done
t0=$(date +%s)
"$M" sources add http://127.0.0.1:9/feed.xml "A writer meanwhile" >add.out 2>&1
rc=$?
t1=$(date +%s)
if kill -0 $pid 2>/dev/null; then running="while the ingest ran"; else running="the ingest had ended"; fi
wait $pid
# the writer got in (no "database is locked" after 10 s of waiting)
if [ $rc = 0 ] && [ $((t1 - t0)) -lt 10 ]; then pass "group_other_writer ($((t1 - t0)) s, $running)"
else fail group_other_writer "exit $rc after $((t1 - t0)) s ($running): $(cat add.out)"; fi
