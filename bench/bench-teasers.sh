#!/bin/sh
# `update` against a loopback feed of 300 teaser entries whose lastBuildDate
# changes between runs (issue 12, items 5 and 6): the article requests of
# each run. The first run fetches 200 (the per-feed cap), the second the 100
# left, the third none (every link is known, no headline changed); a
# fourth run after 10 entries changed their headline (and their page)
# fetches those 10 and updates them.
# usage: sh bench/bench-teasers.sh      (MTRACK=path/to/mtrack for another build)
set -eu
M=${MTRACK:-build/mtrack}
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$W"' EXIT INT TERM
mkdir -p "$W/site/feeds" "$W/site/articles"
python3 "$TOP/tests/http/server.py" "$W/site" "$W/port" "$W/http.log" 2>"$W/server.err" &
PID=$!
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
B=http://127.0.0.1:$(cat "$W/port")
mkfeed() { # BUILD-DATE CHANGED (entries 0..CHANGED-1 get a new headline and page)
    python3 - "$B" "$1" "$2" "$W/site" <<'EOF'
import sys
base, built, changed, site = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
names = ["Arvel", "Brisk", "Corra", "Dunmo", "Eskel", "Fentri", "Golvan", "Hestra", "Ivral", "Jorvik"]
with open(site + "/feeds/teasers.xml", "w") as f:
    f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Teaser Wire</title>'
            '<link>%s/</link><lastBuildDate>%s</lastBuildDate>\n' % (base, built))
    for i in range(300):
        amount = 20 + i + (5 if i < changed else 0)
        f.write('<item><title>%s raises $%d million</title>'
                '<link>%s/articles/a%d.html?utm_source=feed</link>'
                '<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>'
                '<description>Short note %d. Read more</description></item>\n'
                % (names[i % 10] + names[(i // 10) % 10].lower() + " Works", amount, base, i, i))
    f.write('</channel></rss>\n')
for i in range(300):
    who = names[i % 10] + names[(i // 10) % 10].lower() + " Works"
    amount = 20 + i + (5 if i < changed else 0)
    para = ("%s, a maker of pumps number %d, said on Monday it had raised $%d million in a round led by "
            "Example Capital to open a workshop in district %d where %d people will assemble valves. "
            % (who, i, amount, i * 3 + 1, 20 + i))
    with open(site + "/articles/a%d.html" % i, "w") as f:
        f.write('<!doctype html><html><head><title>%s raises $%d million</title>'
                '<link rel="canonical" href="%s/story/%d"></head><body><article>'
                '<h1>%s raises $%d million</h1><p>%s</p><p>%s</p><p>%s</p></article></body></html>'
                % (who, amount, base, i, who, amount, para, para.replace("workshop", "second workshop"),
                   "The company gave no figure for the cost of site %d." % i))
EOF
}
"$M" --db "$W/t.db" sources add "$B/feeds/teasers.xml" >/dev/null 2>&1
run() { # LABEL
    : >"$W/http.log"
    a=$(date +%s%N)
    "$M" --db "$W/t.db" update --all --delay 0 --jobs 8 >"$W/out" 2>"$W/err" || true
    b=$(date +%s%N)
    printf '| %-58s | %8s | %5s | %s\n' "$1" "$(grep -c '^GET /articles/' "$W/http.log" || true)" \
        "$(( (b - a) / 1000000 ))" "$(cat "$W/out")"
}
printf '| %-58s | %8s | %5s | %s\n' run "articles" "ms" "summary"
printf '| %-58s | %8s | %5s | %s\n' ---- ---: ---: ---
mkfeed "Mon, 02 Mar 2026 10:00:00 GMT" 0
run "1: 300 new teasers"
sleep 1.1
mkfeed "Mon, 02 Mar 2026 11:00:00 GMT" 0
run "2: lastBuildDate changed (100 wait from run 1)"
sleep 1.1
mkfeed "Mon, 02 Mar 2026 12:00:00 GMT" 0
run "3: lastBuildDate changed again"
sleep 1.1
mkfeed "Mon, 02 Mar 2026 13:00:00 GMT" 10
run "4: 10 entries with a new headline and page"
echo "documents $(sqlite3 "$W/t.db" 'SELECT count(*) FROM documents'), changes recorded $(sqlite3 "$W/t.db" 'SELECT count(*) FROM event_changes' 2>/dev/null || echo -)"
