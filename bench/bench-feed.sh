#!/bin/sh
# Feed parsing speed: mtrack parse-feed (full model, JSON out) against
# python3-feedparser and sfeed, on generated 20,000-item RSS 2.0 and Atom 1.0
# feeds (realistic items: escaped HTML summaries, content:encoded, categories,
# authors, dates), every tool on the same files in the same run. Prints a
# Markdown table: wall and CPU seconds, MB/s (by CPU time, the steadier
# figure on a shared machine), each tool's speed relative to mtrack, and peak
# memory (max RSS). mtrack and sfeed run RUNS times each, taking turns, and
# the run with the least CPU time is kept; feedparser (~15 s a feed) runs
# once.
# usage: sh bench/bench-feed.sh [ITEMS]    (from the repository's top;
# ITEMS per feed, default 20000; MTRACK=path picks the binary, default
# build/mtrack; RUNS=n, default 5; the feeds are written once into
# bench/work/feed/)
set -eu
cd "$(dirname "$0")/.."
ITEMS=${1:-20000}
MTRACK=${MTRACK:-build/mtrack}
RUNS=${RUNS:-5}
W=bench/work/feed
PY=/usr/bin/python3
mkdir -p "$W"
[ -x /usr/bin/time ] || { echo "bench-feed: needs /usr/bin/time (package time)"; exit 1; }

gen() { # gen FORMAT FILE
    [ -s "$2" ] && return 0
    python3 - "$1" "$2" "$ITEMS" <<'PY'
import random, sys
fmt, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(7)
orgs = ["Nvidia", "AMD", "Cerebras", "Groq", "TSMC", "Intel", "CoreWeave", "Lambda", "SambaNova", "Tenstorrent"]
verbs = ["raises", "acquires", "opens", "unveils", "plans", "signs", "expands", "builds"]
things = ["a $640 million Series D", "an inference chip start-up", "a 300 MW data centre in Texas",
          "its next accelerator", "a sovereign AI factory", "a deal for 20,000 GPUs"]
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
def esc(s): return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
def para(k):
    return " ".join("%s %s %s, according to people familiar with the matter; the company said revenue grew %d%% to $%d.%d billion in the quarter." % (
        random.choice(orgs), random.choice(verbs), random.choice(things), random.randint(2, 90), random.randint(1, 40), random.randint(0, 9)) for _ in range(k))
with open(path, "w", encoding="utf-8") as f:
    if fmt == "rss":
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n<title>AI infrastructure &amp; chips</title>\n<link>https://news.example.com/</link>\n<description>Funding, fabs and data centres</description>\n<language>en-us</language>\n')
    else:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n<title>AI infrastructure &amp; chips</title>\n<link href="https://news.example.com/"/>\n<id>tag:news.example.com,2026:feed</id>\n<updated>2026-03-16T09:00:00Z</updated>\n')
    for i in range(n):
        o, v, t = random.choice(orgs), random.choice(verbs), random.choice(things)
        title = "%s %s %s" % (o, v, t)
        d, m, y = random.randint(1, 28), random.randint(0, 11), random.choice([2025, 2026])
        hh, mm, ss = random.randint(0, 23), random.randint(0, 59), random.randint(0, 59)
        summ = "<p>%s</p><p><a href=\"/story/%d\">Read more</a> &amp; <em>analysis</em></p>" % (para(2), i)
        body = "".join("<p>%s</p>" % para(3) for _ in range(3))
        if fmt == "rss":
            f.write("<item>\n<title>%s</title>\n<link>https://news.example.com/story/%d</link>\n<guid isPermaLink=\"false\">story-%d</guid>\n"
                    "<pubDate>%s, %02d %s %d %02d:%02d:%02d +0000</pubDate>\n<dc:creator>Reporter %d</dc:creator>\n"
                    "<category>%s</category><category>chips</category>\n<description>%s</description>\n"
                    "<content:encoded><![CDATA[%s]]></content:encoded>\n</item>\n" % (
                        esc(title), i, i, random.choice(days), d, months[m], y, hh, mm, ss, i % 50, o, esc(summ), body))
        else:
            f.write("<entry>\n<title>%s</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"https://news.example.com/story/%d\"/>\n"
                    "<id>tag:news.example.com,2026:story-%d</id>\n<updated>%d-%02d-%02dT%02d:%02d:%02dZ</updated>\n"
                    "<author><name>Reporter %d</name><email>r%d@news.example.com</email></author>\n"
                    "<category term=\"%s\"/><category term=\"chips\"/>\n<summary type=\"html\">%s</summary>\n"
                    "<content type=\"html\">%s</content>\n</entry>\n" % (
                        esc(title), i, i, y, m + 1, d, hh, mm, ss, i % 50, i % 50, o, esc(summ), esc(body)))
    f.write("</channel>\n</rss>\n" if fmt == "rss" else "</feed>\n")
PY
}

# once TAG FILE CMD...: one run, its times appended to $W/times.TAG
once() {
    tag=$1 file=$2; shift 2
    /usr/bin/time -f '%e %U %S %M' -o "$W/time" "$@" <"$file" >"$W/out" 2>"$W/err" || {
        echo "bench-feed: $tag failed:"; sed -n 1,5p "$W/err"; return 1; }
    cat "$W/time" >>"$W/times.$tag"
}

# row TAG LABEL FILE: prints one table row, from the run of TAG with the
# least CPU time (CPU MB/s is kept for the ratio)
row() {
    tag=$1 label=$2 file=$3
    awk '{ c = $2 + $3; if (NR == 1 || c < best) { best = c; line = $0 } } END { print line }' "$W/times.$tag" >"$W/time"
    read -r wall user sys kb <"$W/time"
    awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v kb="$kb" -v mb="$MB" -v base="${BASE:-0}" -v f="$(basename "$file")" 'BEGIN{
        cpu = u + s; if (cpu <= 0) cpu = 0.01; rate = mb / cpu
        ratio = (base > 0) ? sprintf("%.2fx", rate / base) : "1.00x"
        printf "| %s | %.1f | %s | %.2f | %.2f | %.1f | %s | %.0f |\n", f, mb, l, w, cpu, rate, ratio, kb / 1024 }' | tee -a "$W/rows"
}

gen rss "$W/rss20.xml"
gen atom "$W/atom10.xml"
: >"$W/rows"
echo "| feed | MB | tool | wall s | CPU s | MB/s (CPU) | speed vs mtrack | peak MB |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
for f in "$W/rss20.xml" "$W/atom10.xml"; do
    MB=$(awk -v b="$(wc -c <"$f")" 'BEGIN{printf "%.1f", b / 1048576}')
    rm -f "$W"/times.*
    i=0
    while [ "$i" -lt "$RUNS" ]; do # the two C parsers take turns, so both see the same machine
        once mtrack "$f" "$MTRACK" parse-feed -
        once sfeed "$f" sfeed
        i=$((i + 1))
    done
    once feedparser "$f" "$PY" -c 'import sys, feedparser; d = feedparser.parse(sys.stdin.buffer.read()); print(len(d.entries))'
    BASE=0
    row mtrack "mtrack parse-feed" "$f"
    BASE=$(tail -1 "$W/rows" | awk -F'|' '{gsub(/ /, "", $7); print $7}')
    row sfeed "sfeed" "$f"
    row feedparser "python3-feedparser" "$f"
done
