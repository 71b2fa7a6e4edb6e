#!/bin/sh
# mtrack watch: a tracker's alert rules delivered to stdout, to a command and
# to a signed webhook (a python3 server on 127.0.0.1 checks the HMAC); each
# alert exactly once across runs; a failing delivery retried next run;
# SIGTERM stops it between cycles; a new rule does not send the events stored
# before it (--backfill does); an alert whose delivery was killed midway is
# sent on the next run (recorded after its delivery).
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
watch_db=$(store_db watch)
export MTRACK_DB="$watch_db"
cd "$TESTDIR" || exit 1
rm -f watch.db watch.db-* cmd.out flaky.out flag hook.* run*.out run*.err tracker.ini

expect_status watch_help 0 $M watch --help
expect_status watch_bad_every 2 $M watch --every 5x
expect_status watch_zero_every 2 $M watch --every 0
expect_status watch_extra_arg 2 $M watch --once extra

if ! command -v python3 >/dev/null 2>&1; then
    skip watch_alerts "python3 is not installed"
    exit 0
fi
count() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
lines() { if [ -f "$1" ]; then grep -c . "$1"; else echo 0; fi; }

# ---- the webhook receiver: 200 for a good signature, 401 otherwise ----
cat >hook.py <<'PY'
import hashlib, hmac, http.server, json, os, sys
secret = os.environ["HOOK_SECRET"].encode()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        want = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        good = hmac.compare_digest(want, self.headers.get("X-Mtrack-Signature", ""))
        with open("hook.log" if good else "hook.bad", "a") as f:
            f.write(json.dumps(json.loads(body)) + "\n")
        self.send_response(200 if good else 401)
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open("hook.port.tmp", "w").write(str(s.server_address[1]))
os.rename("hook.port.tmp", "hook.port")
s.serve_forever()
PY
HOOK_SECRET=s3cret python3 hook.py &
hook_pid=$!
trap 'kill $hook_pid 2>/dev/null' EXIT
i=0
while [ ! -f hook.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -f hook.port ]; then
    fail watch_hook_server "the python3 webhook server did not start"
    exit 0
fi
port=$(cat hook.port)

# ---- a tracker with four rules ----
$M init --write-config tracker.ini
python3 - "$port" "$TESTDIR" <<'PY'
import re, sys
port, d = sys.argv[1], sys.argv[2]
text = open("tracker.ini").read()
# keep [tracker], themes and filter; drop the sources and the default alerts
parts = re.split(r"(?m)^(?=\[)", text)
keep = [p for p in parts if not p.startswith(("[source ", "[alert "))]
keep.append(f"""
[alert big-rounds]
type = funding
min_usd = 100000000
deliver = stdout

[alert wiz-deal]
type = acquisition
org = Wiz
deliver = command cat >> {d}/cmd.out && echo >> {d}/cmd.out

[alert inference-money]
type = funding
theme = inference
deliver = webhook http://127.0.0.1:{port}/hook

[alert flaky]
type = acquisition
deliver = command test -e {d}/flag && cat >> {d}/flaky.out && echo >> {d}/flaky.out
""")
open("tracker.ini", "w").write("".join(keep))
PY
check watch_init_tracker $M init --tracker tracker.ini
$M ingest -q "$TOP/samples" >/dev/null 2>&1
n_big=$($M events --type funding --min-usd 100M --format json | count)
n_wiz=$($M events --type acquisition --org Wiz --format json | count)
n_inf=$($M events --type funding --theme inference --format json | count)
n_acq=$($M events --type acquisition --format json | count)
if [ "$n_big" -ge 1 ] && [ "$n_wiz" -ge 1 ] && [ "$n_inf" -ge 1 ] && [ "$n_acq" -ge 1 ]; then
    pass watch_sample_events
else
    fail watch_sample_events "too few events to alert on: $n_big $n_wiz $n_inf $n_acq"
fi

# ---- run 0: new rules do not flood the events stored before them ----
export MTRACK_WEBHOOK_SECRET=s3cret
$M watch --once --no-update >run0.out 2>run0.err; rc=$?
sent0=$(($(lines run0.out) + $(lines cmd.out) + $(lines hook.log) + $(lines flaky.out)))
if [ $rc -eq 0 ] && [ "$sent0" -eq 0 ] && grep -q "stored before their rule not sent (--backfill" run0.err; then
    pass watch_new_rule_no_flood
else
    fail watch_new_rule_no_flood "exit $rc, $sent0 alerts sent for old events: $(tail -n 2 run0.err)"
fi

# ---- run 1 (--backfill: the old events too): the flaky command fails (no flag file) ----
$M watch --once --backfill >run1.out 2>run1.err; rc=$?
if [ $rc -eq 1 ]; then pass watch_failed_delivery_exit_1; else fail watch_failed_delivery_exit_1 "exit $rc"; fi
if grep -q "running update" run1.err && grep -q "update \(done\|failed\)" run1.err; then pass watch_runs_update; else fail watch_runs_update "no update in the log"; fi
if [ "$(lines run1.out)" -eq "$n_big" ]; then pass watch_stdout_alerts; else fail watch_stdout_alerts "$(lines run1.out) lines, want $n_big"; fi
if python3 -c '
import json, sys
for l in open("run1.out"):
    a = json.loads(l)
    assert a["alert"] == "big-rounds" and a["event"]["type"] == "funding"
    assert a["event"]["amount_usd"] >= 1e8 and a["event_id"] > 0
' 2>/dev/null; then pass watch_stdout_json; else fail watch_stdout_json "bad alert lines: $(head -c 300 run1.out)"; fi
if [ "$(lines cmd.out)" -eq "$n_wiz" ] && grep -q '"wiz-deal"' cmd.out; then pass watch_command_alerts; else fail watch_command_alerts "$(lines cmd.out) lines, want $n_wiz"; fi
if [ "$(lines hook.log)" -eq "$n_inf" ]; then pass watch_webhook_signed; else fail watch_webhook_signed "$(lines hook.log) good posts, want $n_inf"; fi
if [ ! -s hook.bad ]; then pass watch_webhook_no_bad_signature; else fail watch_webhook_no_bad_signature "$(head -c 200 hook.bad)"; fi
if [ "$(lines flaky.out)" -eq 0 ] && grep -q "flaky.*will retry" run1.err; then pass watch_failure_logged; else fail watch_failure_logged "$(tail -n 3 run1.err)"; fi

# ---- run 2: the flag is there, only the flaky alerts go out ----
: >flag
$M watch --once >run2.out 2>run2.err; rc=$?
if [ $rc -eq 0 ]; then pass watch_second_run_exit_0; else fail watch_second_run_exit_0 "exit $rc: $(tail -n 2 run2.err)"; fi
if [ "$(lines run2.out)" -eq 0 ]; then pass watch_stdout_once; else fail watch_stdout_once "$(lines run2.out) repeated"; fi
if [ "$(lines cmd.out)" -eq "$n_wiz" ]; then pass watch_command_once; else fail watch_command_once "$(lines cmd.out) lines"; fi
if [ "$(lines hook.log)" -eq "$n_inf" ]; then pass watch_webhook_once; else fail watch_webhook_once "$(lines hook.log) posts"; fi
if [ "$(lines flaky.out)" -eq "$n_acq" ]; then pass watch_failed_retried; else fail watch_failed_retried "$(lines flaky.out) lines, want $n_acq"; fi

# ---- run 3 (a restart): nothing again; a wrong secret is refused by the hook ----
$M watch --once --no-update >run3.out 2>run3.err
total=$(($(lines run3.out) + $(lines cmd.out) + $(lines hook.log) + $(lines flaky.out)))
if [ "$total" -eq $((n_wiz + n_inf + n_acq)) ]; then pass watch_each_alert_once; else fail watch_each_alert_once "$total deliveries"; fi
sql "DELETE FROM alert_deliveries WHERE alert = 'inference-money'" 2>/dev/null ||
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM alert_deliveries WHERE alert = ?", ("inference-money",)); c.commit()' "$MTRACK_DB" 2>/dev/null
MTRACK_WEBHOOK_SECRET=wrong $M watch --once --no-update >/dev/null 2>run4.err; rc=$?
if [ $rc -eq 1 ] && [ "$(lines hook.bad)" -ge 1 ] && grep -q "HTTP status 401" run4.err; then
    pass watch_webhook_bad_secret_fails
else
    fail watch_webhook_bad_secret_fails "exit $rc, $(lines hook.bad) refused: $(tail -n 1 run4.err)"
fi

# ---- a new rule alerts on an event stored after it, without --backfill ----
cat >fresh.ini <<'INI'
[tracker]
name = fresh
title = Fresh rules

[theme money]
title = Money
types = funding

[alert rounds]
type = funding
deliver = stdout
INI
export MTRACK_DB="$(store_db fresh)"
rm -f fresh.db fresh.db-*
$M init --tracker fresh.ini >/dev/null 2>&1
$M ingest -q "$TOP/samples" >/dev/null 2>&1
$M watch --once --no-update >fresh1.out 2>fresh1.err
cat >fresh-news.txt <<'TXT'
Quorlane Systems raises $140 million
Source: Test Wire | 2026-03-20 | https://127.0.0.1/quorlane

Quorlane Systems, a maker of battery controllers, said on Friday it had raised $140 million in a Series C round led by Emberfold Capital.
TXT
$M ingest -q fresh-news.txt >/dev/null 2>&1
$M watch --once --no-update >fresh2.out 2>fresh2.err
if [ "$(lines fresh1.out)" -eq 0 ] && [ "$(lines fresh2.out)" -eq 1 ] && grep -q "Quorlane" fresh2.out; then
    pass watch_new_rule_alerts_new_events
else
    fail watch_new_rule_alerts_new_events "$(lines fresh1.out) alerts for old events, then $(lines fresh2.out): $(head -c 200 fresh2.out)"
fi

# ---- a kill during a webhook delivery: the alert is sent on the next run ----
cat >stall.py <<'PY'
import http.server, os, socketserver, sys, time
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not os.path.exists("stall.seen"):
            open("stall.seen", "w").write(body.decode() + "\n")
            time.sleep(30)   # stalls: the sender is killed meanwhile
        else:
            with open("stall.log", "a") as f:
                f.write(body.decode() + "\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *a):
        pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
open("stall.port.tmp", "w").write(str(s.server_address[1]))
os.rename("stall.port.tmp", "stall.port")
s.serve_forever()
PY
rm -f stall.seen stall.log stall.port
python3 stall.py &
stall_pid=$!
trap 'kill $hook_pid $stall_pid 2>/dev/null' EXIT
i=0
while [ ! -f stall.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
cat >stall.ini <<INI
[tracker]
name = stall
title = Stalling hook

[theme money]
title = Money
types = funding

[alert hook]
type = funding
org = Quorlane
deliver = webhook http://127.0.0.1:$(cat stall.port)/hook
INI
$M init --tracker stall.ini >/dev/null 2>&1
$M watch --once --no-update --tracker stall --backfill >stall1.out 2>stall1.err &
wpid=$!
i=0
while [ ! -s stall.seen ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
kill -KILL $wpid 2>/dev/null
wait $wpid 2>/dev/null
$M watch --once --no-update --tracker stall >stall2.out 2>stall2.err; rc=$?
if [ -s stall.seen ] && [ $rc -eq 0 ] && [ "$(lines stall.log)" -eq 1 ] &&
    python3 -c 'import json,sys; a=json.loads(open("stall.log").readline()); b=json.loads(open("stall.seen").readline()); sys.exit(not (a["event_id"] == b["event_id"] > 0))'; then
    pass watch_killed_delivery_sent_again
else
    fail watch_killed_delivery_sent_again "exit $rc, $(lines stall.log) deliveries after the kill: $(tail -n 2 stall2.err)"
fi
$M watch --once --no-update --tracker stall >stall3.out 2>stall3.err
if [ "$(lines stall.log)" -eq 1 ]; then pass watch_recorded_after_delivery; else fail watch_recorded_after_delivery "$(lines stall.log) deliveries"; fi
kill $stall_pid 2>/dev/null
export MTRACK_DB="$watch_db"

# ---- unknown tracker; SIGTERM between cycles ----
expect_status watch_unknown_tracker 1 $M watch --once --no-update --tracker no-such
$M watch --every 1h --no-update >/dev/null 2>run5.err &
wpid=$!
i=0
while ! grep -q "alerts:" run5.err 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $wpid
wait $wpid; rc=$?
if [ $rc -eq 0 ] && grep -q "stopped" run5.err; then pass watch_sigterm_stops; else fail watch_sigterm_stops "exit $rc: $(tail -n 1 run5.err)"; fi

# ---- the store is not on update's command line (ps shows it to anyone;
# a PostgreSQL URL may hold a password): it goes in $MTRACK_DB ----
if command -v ps >/dev/null 2>&1; then
    mkdir -p slowsite
    printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Slow desk</title></channel></rss>\n' >slowsite/s.xml
    python3 "$TOP/tests/http/server.py" slowsite slow.port slow.log 2>slow.err &
    slow_pid=$!
    i=0
    while [ ! -s slow.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    argv_db=$(store_db watch_argv)
    $M --db "$argv_db" init --write-config - 2>/dev/null | sed -e '/^\[source /,$d' >argv.ini
    $M --db "$argv_db" init --tracker argv.ini >/dev/null 2>&1
    $M --db "$argv_db" sources add "http://127.0.0.1:$(cat slow.port)/slow/3/s.xml" >/dev/null 2>&1
    env -u MTRACK_DB $M --db "$argv_db" watch --once >argv.out 2>argv.err &
    wpid=$!
    child=
    i=0
    # (forked but not yet exec'd, the child shows watch's own command line)
    while ! printf '%s' "$child" | grep -q update && [ $i -lt 100 ]; do
        child=$(ps -o args= --ppid $wpid 2>/dev/null)
        printf '%s' "$child" | grep -q update || sleep 0.05
        i=$((i + 1))
    done
    wait $wpid; rc=$?
    kill $slow_pid 2>/dev/null
    case "$child" in
    *update*) if [ $rc -eq 0 ] && ! printf '%s' "$child" | grep -qF "$argv_db" && grep -q 'update done' argv.err; then
            pass watch_store_not_on_command_line
        else
            fail watch_store_not_on_command_line "exit $rc, the child ran as '$child': $(tail -n 2 argv.err)"
        fi ;;
    *) fail watch_store_not_on_command_line "no update child seen (exit $rc): $(tail -n 2 argv.err)" ;;
    esac
else
    skip watch_store_not_on_command_line "ps is not installed"
fi
exit 0
