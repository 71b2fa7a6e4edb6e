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
