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
i=0
while [ $i -lt 4000 ]; do
    printf 'Note %d on racks\n\nVendor%d shipped %d racks to a data centre in Porto on Monday, the company said.\n' \
        $i $i $((i + 7)) >many/n$i.txt
    i=$((i + 1))
done
"$M" ingest --quiet many >/dev/null 2>&1 &
pid=$!
sleep 1
t0=$(date +%s)
"$M" sources add http://127.0.0.1:9/feed.xml "A writer meanwhile" >add.out 2>&1
rc=$?
t1=$(date +%s)
if kill -0 $pid 2>/dev/null; then running=1; else running=0; fi
wait $pid
if [ $rc != 0 ]; then fail group_other_writer "exit $rc: $(cat add.out)"
elif [ $running = 1 ]; then pass "group_other_writer ($((t1 - t0)) s)"
else skip group_other_writer "the ingest ended first ($((t1 - t0)) s)"; fi
