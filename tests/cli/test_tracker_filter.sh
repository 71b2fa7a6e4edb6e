#!/bin/sh
# Issue 12 item 2: a tracker's [filter] (include, exclude, exclude_outlets,
# exclude_orgs) decides which events are the tracker's, the same way for
# every view of it: the report's headline, summary and body, `events
# --tracker`, /api/v1/events?tracker=, the report over the API, the Atom
# feed, MCP's list_events and get_report, and `watch` alerts. A real store
# of our own articles, a real server on a loopback port, MCP over stdio.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
cd "$TESTDIR" || exit 1
unset MTRACK_DB
export MTRACK_DB="$(store_db filter)"
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3 || true); fi
[ -n "$PY" ] || { skip tracker_filter "python3 is not installed"; exit 0; }
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do
        i=0
        while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
}
trap cleanup EXIT INT TERM

# ---- the store: seven funding rounds, four of them outside the filter ----
# (our own sentences; companies and outlets are invented)
mkdir -p news
$PY - <<'EOF'
stories = [
    # name, outlet, date, company, amount, round, lead, extra sentence, in the tracker?
    ("lumenor", "Chip Daily", "2026-03-02", "Lumenor Photonics", "91.8", "Series B", "Ashgrove Capital",
     "The photonics start-up ships its first chip-to-chip modules next year."),
    ("tessaract", "Chip Daily", "2026-03-04", "Tessaract Chip Systems", "12", "seed", "Morrow Fund",
     "Its first chip tapes out in the autumn."),
    ("quarrystone", "Chip Daily", "2026-03-03", "Quarrystone Robotics", "40", "Series A", "Halden Ventures",
     "The money goes to a new warehouse arm factory in Ohio."),
    ("velmora", "Chip Daily", "2026-03-05", "Velmora Compute", "25", "Series A", "Pellam Partners",
     "This chip story is a sponsored post paid for by the company."),
    ("brightwater", "Noise Wire", "2026-03-06", "Brightwater Optics", "60", "Series C", "Kelso Growth",
     "Its photonics parts go into chip packaging lines."),
    ("orrin-noise", "Noise Wire", "2026-03-07", "Orrin Silicon", "30", "Series B", "Tamsin Capital",
     "The chip designer was founded in 2021 in Austin."),
    ("grennock", "Chip Daily", "2026-03-08", "Grennock Labs", "18", "Series A", "Ivel Ventures",
     "Grennock Labs designs chip test sockets."),
]
for name, outlet, date, company, amount, rnd, lead, extra in stories:
    with open("news/%s.txt" % name, "w") as f:
        f.write("%s raises $%s million\n" % (company, amount))
        f.write("Source: %s | %s | https://%s.example/%s\n\n" % (outlet, date, outlet.split()[0].lower(), name))
        f.write("%s raised $%s million in a %s round led by %s, the company said on Monday.\n\n"
                % (company, amount, rnd, lead))
        f.write(extra + "\n")
# Orrin's round told again by an outlet the tracker keeps: the event is the
# tracker's through this document.
with open("news/orrin-daily.txt", "w") as f:
    f.write("Chip designer Orrin Silicon closes a $30 million Series B\n")
    f.write("Source: Chip Daily | 2026-03-09 | https://chip.example/orrin-daily\n\n")
    f.write("Austin chip designer Orrin Silicon has closed a $30 million Series B round, "
            "with Tamsin Capital leading it.\n\n")
    f.write("Orrin Silicon sells a low-power inference chip to camera makers.\n")
EOF
cat >filtered.ini <<'EOF'
[tracker]
name = filtered
title = Filtered chips
[theme money]
title = Money
types = funding, acquisition
keywords = raised, round
[theme other]
title = Other
types = stock_move, infrastructure, product
[filter]
include = photonics, chip
exclude = sponsored
exclude_outlets = Noise Wire
exclude_orgs = Grennock
[alert rounds]
type = funding
deliver = stdout
EOF
sed -e 's/^name = filtered/name = everything/' -e '/^\[filter\]/,/^exclude_orgs/d' filtered.ini >everything.ini
$M init --tracker filtered.ini >/dev/null 2>&1
$M init --tracker everything.ini >/dev/null 2>&1
$M ingest news >ingest.out 2>&1
# the tracker's rounds: Lumenor, Tessaract, Orrin (through Chip Daily)
WANT="Lumenor Photonics|Orrin Silicon|Tessaract Chip Systems"
$M events --tracker everything --format json >all.json 2>&1
n_all=$($PY -c 'import json; print(len(json.load(open("all.json"))))' 2>/dev/null || echo 0)
if [ "$n_all" -eq 7 ]; then pass filter_store_has_seven_rounds; else fail filter_store_has_seven_rounds "$n_all events: $(head -c 300 all.json) $(cat ingest.out)"; fi

# companies NAME FILE PYEXPR: the sorted companies of the events that PYEXPR
# (over the JSON value v) gives, joined by '|'
companies() {
    $PY - "$2" "$3" <<'EOF' 2>/dev/null
import json, sys
v = json.load(open(sys.argv[1]))
evs = eval(sys.argv[2])
print("|".join(sorted((e.get("event") or e).get("company") or "?" for e in evs)))
EOF
}
same() { # NAME GOT WANT
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}

# ---- report: headline, summary and body tell the same three rounds ----
$M report --tracker filtered --format json -o report.json >/dev/null 2>&1
same report_body_events "$(companies body report.json '[e for th in v["themes"] for e in th["events"]]')" "$WANT"
$PY - <<'EOF' >report.check 2>&1
import json
r = json.load(open("report.json"))
s = r["summary"]
bad = []
if s["events"] != 3: bad.append("events %s" % s["events"])
if s["funding_rounds"] != 3: bad.append("funding_rounds %s" % s["funding_rounds"])
if abs(s["funding_usd"] - 133.8e6) > 1: bad.append("funding_usd %s" % s["funding_usd"])
if not r["headline"].startswith("3 funding rounds raised $133.8 million; the largest, Lumenor Photonics"):
    bad.append("headline %r" % r["headline"])
if sum(th["events_total"] for th in r["themes"]) != 3: bad.append("themes' events_total")
print("ok" if not bad else "; ".join(bad))
EOF
same report_headline_counts_the_filtered_events "$(cat report.check)" ok
$M report --tracker filtered --format md -o report.md >/dev/null 2>&1
if grep -q "They report 3 funding rounds totalling \$133.8 million" report.md && ! grep -q "Quarrystone\|Velmora\|Brightwater" report.md; then
    pass report_md_headline
else
    fail report_md_headline "$(grep -m2 'funding round' report.md)"
fi
# the tracker without a filter counts them all
$M report --tracker everything --format json -o everything.json >/dev/null 2>&1
same report_unfiltered_tracker "$($PY -c 'import json; print(json.load(open("everything.json"))["summary"]["funding_rounds"])' 2>&1)" 7

# ---- CLI events --tracker (and --theme, --limit) ----
$M events --tracker filtered --format json >cli.json 2>&1
same cli_events_tracker "$(companies cli cli.json 'v')" "$WANT"
$M events --tracker filtered --theme money --format json >cli_theme.json 2>&1
same cli_events_tracker_theme "$(companies cli cli_theme.json 'v')" "$WANT"
$M events --tracker filtered --limit 2 --format csv >cli_limit.csv 2>&1
same cli_events_tracker_limit "$(($(wc -l <cli_limit.csv) - 1))" 2
# the ids of the tracker's events, as the report's body lists them
ids_body=$($PY -c 'import json; print(",".join(str(i) for i in sorted(e["id"] for th in json.load(open("report.json"))["themes"] for e in th["events"])))')
ids_cli=$($PY -c 'import json; print(",".join(str(e["id"]) for e in sorted(json.load(open("cli.json")), key=lambda e: e["id"])))')
same cli_events_tracker_ids "$ids_cli" "$ids_body"

# ---- watch: alerts only for the tracker's events ----
$M watch --once --no-update --backfill --tracker filtered >watch.out 2>watch.err
ids_watch=$($PY -c '
import json
ids = sorted(json.loads(l)["event_id"] for l in open("watch.out") if l.strip())
print(",".join(map(str, ids)))' 2>&1)
same watch_alerts_tracker_events "$ids_watch" "$ids_body"

# ---- MCP over stdio: list_events and get_report for the tracker ----
printf '%s\n' \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' \
    '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_events","arguments":{"tracker":"filtered","limit":50}}}' \
    '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_events","arguments":{"tracker":"filtered","limit":1,"offset":1}}}' \
    '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"get_report","arguments":{"tracker":"filtered","format":"json"}}}' \
    '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"list_events","arguments":{"tracker":"filtered","theme":"money","limit":50}}}' \
    | $M mcp >mcp.out 2>mcp.err
$PY - "$ids_body" <<'EOF' >mcp.check 2>&1
import json, sys
want = sys.argv[1]
got = {}
for line in open("mcp.out"):
    m = json.loads(line)
    if "id" in m:
        got[m["id"]] = m
bad = []
def sc(i):
    return got[i]["result"]["structuredContent"]
ids = ",".join(str(e["id"]) for e in sorted(sc(2)["events"], key=lambda e: e["id"]))
if ids != want: bad.append("list_events %s" % ids)
page = [e["id"] for e in sc(3)["events"]]
newest_first = [e["id"] for e in sc(2)["events"]]
if page != newest_first[1:2]: bad.append("list_events offset 1: %s of %s" % (page, newest_first))
# the answer says how many match in all, past its page too
n_want = len(want.split(","))
if sc(2)["total"] != n_want or sc(3)["total"] != n_want or sc(3)["count"] != 1:
    bad.append("list_events total %s / %s (count %s), want %d" % (sc(2).get("total"), sc(3).get("total"), sc(3).get("count"), n_want))
s = sc(4)["summary"]
if s["funding_rounds"] != 3 or s["events"] != 3: bad.append("get_report summary %s" % s)
if not sc(4)["headline"].startswith("3 funding rounds"): bad.append("get_report headline %r" % sc(4)["headline"])
ids5 = ",".join(str(e["id"]) for e in sorted(sc(5)["events"], key=lambda e: e["id"]))
if ids5 != want: bad.append("list_events theme %s" % ids5)
print("ok" if not bad else "; ".join(bad))
EOF
same mcp_tracker_events "$(cat mcp.check)" ok

# ---- the server: API events, the API's report, the Atom feed ----
if ! command -v curl >/dev/null 2>&1; then
    skip filter_serve "curl is not installed"
    exit 0
fi
rm -f serve.port
$M serve --listen 127.0.0.1:0 --port-file serve.port >serve.log 2>&1 &
PIDS="$PIDS $!"
i=0
while [ ! -s serve.port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s serve.port ]; then fail filter_serve "no port: $(head -3 serve.log)"; exit 0; fi
base="http://127.0.0.1:$(cat serve.port)"
curl -s "$base/api/v1/events?tracker=filtered&limit=500" >api.json
same api_events_tracker "$(companies api api.json 'v["events"]')" "$WANT"
same api_events_tracker_total "$($PY -c 'import json; print(json.load(open("api.json"))["total"])' 2>&1)" 3
curl -s "$base/api/v1/events?tracker=filtered&type=funding&min_usd=20M" >api_f.json
same api_events_tracker_filtered_total "$($PY -c 'import json; print(json.load(open("api_f.json"))["total"])' 2>&1)" 2
curl -s "$base/api/v1/events?tracker=filtered&theme=money&limit=1" >api_th.json
same api_events_tracker_theme_total "$($PY -c 'import json; print(json.load(open("api_th.json"))["total"])' 2>&1)" 3
curl -s "$base/api/v1/events?tracker=everything" >api_all.json
same api_events_unfiltered_total "$($PY -c 'import json; print(json.load(open("api_all.json"))["total"])' 2>&1)" 7
curl -s "$base/api/v1/trackers/filtered/report" >api_report.json
same api_report_summary "$($PY -c '
import json; s = json.load(open("api_report.json"))["summary"]; print(s["events"], s["funding_rounds"])' 2>&1)" "3 3"
curl -s "$base/t/filtered/atom.xml" >atom.xml
$PY - "$WANT" <<'EOF' >atom.check 2>&1
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
feed = ET.parse("atom.xml").getroot()
titles = [e.findtext("a:title", "", ns) for e in feed.findall("a:entry", ns)]
names = sorted(n for n in sys.argv[1].split("|") if any(n in t for t in titles))
print("ok" if len(titles) == 3 and "|".join(names) == sys.argv[1] else "entries: %s" % titles)
EOF
same atom_tracker_entries "$(cat atom.check)" ok
# the events page of the web UI says the same total
curl -s "$base/t/filtered/events" >page.html
if grep -q "Lumenor Photonics" page.html && ! grep -q "Quarrystone\|Velmora\|Brightwater\|Grennock" page.html; then
    pass events_page_tracker
else
    fail events_page_tracker "$(grep -o 'Quarrystone\|Velmora\|Brightwater\|Grennock' page.html | head -3)"
fi

# ---- the tracker loaded again with another [filter], the server running:
# every view takes the new one at once (the cached report too) ----
curl -s "$base/api/v1/trackers/filtered/report" >/dev/null
sed '/^exclude_outlets/d' filtered.ini >filtered2.ini
$M init --tracker filtered2.ini >/dev/null 2>&1
sleep 0.5 # past the report cache's quarter-second recheck
curl -s "$base/api/v1/trackers/filtered/report" >api_report2.json
curl -s "$base/api/v1/events?tracker=filtered" >api2.json
curl -s "$base/t/filtered/atom.xml" >atom2.xml
got=$($PY - <<'EOF2' 2>&1
import json, xml.etree.ElementTree as ET
s = json.load(open("api_report2.json"))["summary"]
t = json.load(open("api2.json"))["total"]
n = len(ET.parse("atom2.xml").getroot().findall("{http://www.w3.org/2005/Atom}entry"))
print(s["events"], s["funding_rounds"], t, n)
EOF2
)
same filter_change_seen_by_every_view "$got" "4 4 4 4"
