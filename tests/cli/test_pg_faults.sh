#!/bin/sh
# PostgreSQL stores when things go wrong: a wrong password, a server that
# does not answer, a malformed URL (one line each, exit 1, the password
# never shown), and the server stopped in the middle of an ingest (a clear
# error, no document half-stored, the next run completes). Runs its own
# server, since it stops it.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/pg.sh"
[ -n "${MTRACK_TEST_PG_SKIP:-}" ] && exit 0
unset MTRACK_TEST_PG
if ! pg_start; then
    skip pg_faults "$pg_why"
    exit 0
fi
M=$MTRACK
port=${MTRACK_TEST_PG##*:}
port=${port%%/*}
psql -X -q "$MTRACK_TEST_PG" -c "CREATE ROLE mtrack_pw LOGIN PASSWORD 'Right-Horse-77'" \
    -c "CREATE DATABASE faults OWNER mtrack_pw" >/dev/null 2>&1

# one_line NAME STATUS SECRET COMMAND...: exit STATUS, one line on stderr
# that does not show SECRET
one_line() {
    name=$1 want=$2 secret=$3
    shift 3
    "$@" >out.txt 2>err.txt
    got=$?
    lines=$(wc -l <err.txt)
    if [ "$got" -ne "$want" ] || [ "$lines" -ne 1 ] || ! grep -q '^mtrack: ' err.txt; then
        fail "$name" "exit $got (want $want), $lines lines: $(head -3 err.txt)"
    elif grep -qF -- "$secret" err.txt out.txt; then
        fail "$name" "the password is shown: $(cat err.txt)"
    else
        pass "$name"
    fi
}

good="postgresql://mtrack_pw:Right-Horse-77@127.0.0.1:$port/faults"
$M --db "$good" init >init.txt 2>&1
if grep -q 'mtrack_pw:\*\*\*@' init.txt && ! grep -qF 'Right-Horse-77' init.txt; then
    pass pg_init_hides_password; else fail pg_init_hides_password "$(cat init.txt)"; fi
one_line pg_wrong_password 1 Wrong-Pony-12 $M --db "postgresql://mtrack_pw:Wrong-Pony-12@127.0.0.1:$port/faults" events
contains pg_wrong_password_says_why err.txt "password authentication failed"
# a port nobody listens on: refused at once
free=$(pg_free_port)
one_line pg_unreachable 1 Quiet-Owl-31 $M --db "postgresql://mtrack_pw:Quiet-Owl-31@127.0.0.1:$free/faults" events
contains pg_unreachable_says_why err.txt "cannot connect"
one_line pg_password_parameter 1 Param-Fox-55 \
    $M --db "postgres://mtrack_pw@127.0.0.1:$free/faults?password=Param-Fox-55" search chips
one_line pg_bad_url 1 Bad-Url-99 $M --db "postgresql://mtrack_pw:Bad-Url-99@127.0.0.1:$port/faults?nonsense=1" events
one_line pg_serve_unreachable 1 Serve-Cat-40 \
    $M --db "postgresql://mtrack_pw:Serve-Cat-40@127.0.0.1:$free/faults" serve --listen 127.0.0.1:0

# ---- a document whose transaction cannot begin (another session holds the
# writers' lock, and the URL sets a lock timeout): one line that says why,
# exit 1, the run ends (it said nothing and went on to every other file) ----
mkdir few
for i in 1 2 3 4 5; do
    printf 'Lockhart%d raises $%d million\n\nLockhart%d Labs said on Monday it had raised $%d million.\n' \
        $i $((i + 20)) $i $((i + 20)) >few/f$i.txt
done
db=$(pg_newdb faults_begin)
$M --db "$db" init >/dev/null 2>&1
psql -X -q "$db" -c "SELECT pg_advisory_lock(7242951302)" -c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
lpid=$!
i=0
until [ "$(psql -X -At "$db" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] ||
    [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
$M --db "$db?options=-c%20lock_timeout%3D200" ingest few >begin.out 2>begin.err
rc=$?
lines=$(wc -l <begin.err)
if [ $rc -eq 1 ] && [ "$lines" -eq 1 ] && grep -q '^mtrack: ingest: few/f1.txt: store: .*lock timeout' begin.err; then
    pass pg_begin_fails_one_line
else
    fail pg_begin_fails_one_line "exit $rc, $lines lines: $(head -3 begin.err | tr '\n' '|')"
fi
psql -X -q "$db" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'" >/dev/null 2>&1
kill "$lpid" 2>/dev/null
wait "$lpid" 2>/dev/null

# ---- a statement sent without waiting for its result (pipeline mode)
# fails: the document it belongs to is refused with one line naming the
# statement and the server's reason, and the run ends (as on any store
# error); nothing of that document is stored, the ones before it are; with
# the cause gone the next run goes on. Faults from triggers: an event's
# mention (read with the statement after it), then the near-duplicate
# bands of a document that reports no event (read with the COMMIT) ----
mkdir piped
for n in Brackwater Quillon Ostermere; do
    printf '%s raises $30 million\n\n%s Robotics, a chip start-up in Leeds, said on Monday it had raised $30 million in a Series A round.\n' \
        $n $n >piped/$n.txt
done
cat >piped/Tavistel.txt <<'EOF'
Tavistel opens a workshop in Leeds

Tavistel Robotics opened a new workshop on the edge of Leeds on Monday, where a team of twelve engineers will assemble and test the warehouse robots the company designs. The chief executive said the site was chosen for its rail links and for the university nearby, whose students already spend their summers at the company. The workshop will run two shifts from the spring, and the firm plans to show its first machines to customers in the autumn, after a year of trials in its own store rooms.
EOF
db=$(pg_newdb faults_piped)
$M --db "$db" init >/dev/null 2>&1
psql -X -q "$db" >/dev/null 2>&1 <<'SQL'
CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN RAISE EXCEPTION 'refused by the test (%)', TG_ARGV[0]; END$$;
CREATE TRIGGER test_mention BEFORE INSERT ON event_mentions FOR EACH ROW
  WHEN (NEW.sentence LIKE 'Quillon%') EXECUTE FUNCTION test_refuse('mention');
CREATE FUNCTION test_refuse_bands() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN
    IF (SELECT title FROM documents WHERE id = NEW.document_id) LIKE 'Tavistel%' THEN
      RAISE EXCEPTION 'refused by the test (bands)';
    END IF;
    RETURN NEW;
  END$$;
CREATE TRIGGER test_bands BEFORE INSERT ON document_bands FOR EACH ROW EXECUTE FUNCTION test_refuse_bands();
SQL
# piped_run NAME FILE WHAT STORED: the run refuses FILE with one line
# naming WHAT; the stored documents' first words are STORED
piped_run() {
    $M --db "$db" ingest piped >piped.out 2>piped.err
    rc=$?
    stored=$(psql -X -At "$db" -c "SELECT string_agg(split_part(title, ' ', 1), ',' ORDER BY title) FROM documents")
    half=$(psql -X -At "$db" -c "SELECT count(*) FROM events e WHERE NOT EXISTS
        (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)")
    if [ $rc -eq 1 ] && [ "$(wc -l <piped.err)" -eq 1 ] &&
        grep -q "^mtrack: ingest: piped/$2: store: $3: .*refused by the test" piped.err &&
        [ "$stored" = "$4" ] && [ "$half" = 0 ]; then
        pass "$1"
    else
        fail "$1" "exit $rc, stored '$stored', $half events without a mention: $(head -3 piped.err | tr '\n' '|')"
    fi
}
piped_run pg_piped_mention_fails_clearly Quillon.txt "event mention" Brackwater,Ostermere
psql -X -q "$db" -c "DROP TRIGGER test_mention ON event_mentions" >/dev/null 2>&1
piped_run pg_piped_commit_fails_clearly Tavistel.txt "document bands" Brackwater,Ostermere,Quillon
psql -X -q "$db" -c "DROP TRIGGER test_bands ON document_bands" >/dev/null 2>&1
$M --db "$db" ingest piped >piped2.out 2>piped2.err
rc=$?
docs=$(psql -X -At "$db" -c 'SELECT count(*) FROM documents')
events=$(psql -X -At "$db" -c 'SELECT count(*) FROM events')
orgs=$(psql -X -At "$db" -c 'SELECT count(*) FROM organizations')
bands=$(psql -X -At "$db" -c "SELECT count(*) FROM document_bands b JOIN documents d ON d.id = b.document_id WHERE d.title LIKE 'Tavistel%'")
if [ $rc -eq 0 ] && [ "$docs" = 4 ] && [ "$events" = 3 ] && [ "$orgs" = 3 ] && [ "$bands" -gt 0 ]; then pass pg_piped_next_run_stores
else fail pg_piped_next_run_stores "exit $rc, $docs documents, $events events, $orgs organisations, $bands bands: $(head -2 piped2.err)"; fi

# ---- the server stopped in the middle of an ingest ----
mkdir many
i=0
while [ $i -lt 800 ]; do
    printf 'Vendor%d raises $%d million\n\nVendor%d Systems, a chip start-up in Lyon, said on Tuesday it had raised $%d million in a Series A round.\n' \
        $i $((i + 10)) $i $((i + 10)) >many/s$i.txt
    i=$((i + 1))
done
db=$(pg_newdb faults_mid)
$M --db "$db" init >/dev/null 2>&1
$M --db "$db" ingest many >mid.out 2>mid.err &
pid=$!
# stop the server once some documents are in
n=0 tries=0
while [ "${n:-0}" -lt 40 ] && [ $tries -lt 200 ]; do
    sleep 0.1
    n=$(psql -X -At "$db" -c 'SELECT count(*) FROM documents' 2>/dev/null)
    tries=$((tries + 1))
done
pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
wait $pid
rc=$?
lines=$(wc -l <mid.err)
if [ $rc -eq 1 ] && [ "$lines" -ge 1 ] && [ "$lines" -le 3 ] && grep -q 'connection' mid.err; then
    pass "pg_server_gone_mid_ingest ($n documents in when it stopped)"
else
    fail pg_server_gone_mid_ingest "exit $rc, $lines lines: $(head -3 mid.err)"
fi
pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off" start >/dev/null 2>&1
half=$(psql -X -At "$db" -c 'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.document_id = d.id)')
if [ "$half" = 0 ]; then pass pg_no_half_stored_document; else fail pg_no_half_stored_document "$half documents without their event"; fi
$M --db "$db" ingest many >again.out 2>again.err
rc=$?
docs=$(psql -X -At "$db" -c 'SELECT count(*) FROM documents')
dups=$(psql -X -At "$db" -c 'SELECT count(*) - count(DISTINCT content_hash) FROM documents')
events=$(psql -X -At "$db" -c 'SELECT count(*) FROM events')
if [ $rc -eq 0 ] && [ "$docs" = 800 ] && [ "$dups" = 0 ] && [ "$events" = 800 ]; then
    pass pg_next_run_completes
else
    fail pg_next_run_completes "exit $rc, $docs documents, $dups duplicates, $events events: $(head -2 again.err)"
fi
