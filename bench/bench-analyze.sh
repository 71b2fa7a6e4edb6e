#!/bin/sh
# Event analysis speed: mtrack analyze --batch over the labelled articles
# (tests/events/dev.jsonl, plus the seed set and the real news development
# set, read from ../shared where it is there: real pages are what counts),
# repeated until the text passes SIZE_MB, in one process on one core.
# Prints a Markdown table (articles, MB of article text, seconds, MB/s,
# articles/s, peak memory) and appends it to bench/RESULTS.md.
# usage: sh bench/bench-analyze.sh [SIZE_MB]    (from the repository's top;
# default 20 MB of text; the bar is 5 MB/s per core)
set -eu
cd "$(dirname "$0")/.."
SIZE_MB=${1:-20}
MTRACK=${MTRACK:-build/mtrack}
W=bench/work/analyze
mkdir -p "$W"
src="tests/events/dev.jsonl"
[ -f ../shared/seed/seed-events.jsonl ] && src="$src ../shared/seed/seed-events.jsonl"
[ -f ../shared/corpus/events/real-dev.jsonl ] && src="$src ../shared/corpus/events/real-dev.jsonl"
# The corpus: the articles over and over, ids made unique, and the text's
# own size counted (the JSON around it is not article text).
python3 - "$W/corpus.jsonl" "$SIZE_MB" $src <<'PY'
import json, sys
out, size = sys.argv[1], float(sys.argv[2]) * 1e6
arts = []
for path in sys.argv[3:]:
    for line in open(path, encoding='utf-8'):
        if line.strip():
            a = json.loads(line)
            arts.append({'id': a['id'], 'text': a['text'], 'published': a.get('published')})
n = total = 0
with open(out, 'w', encoding='utf-8') as f:
    while total < size:
        for a in arts:
            b = dict(a, id='%s-%d' % (a['id'], n))
            f.write(json.dumps(b, ensure_ascii=False) + '\n')
            total += len(a['text'].encode('utf-8'))
            n += 1
open(out + '.stats', 'w').write('%d %d\n' % (n, total))
PY
read -r n bytes <"$W/corpus.jsonl.stats"
# one warm-up pass for the page cache, then the measured run
"$MTRACK" analyze --batch "$W/corpus.jsonl" >/dev/null

# CPU seconds (user + system) of the one process: the machine is shared, so
# wall time would count other people's work; wall time is shown too.
/usr/bin/time -f '%M %U %S %e' -o "$W/mem" "$MTRACK" analyze --batch "$W/corpus.jsonl" >"$W/out.jsonl"

read -r kb user sys wall <<EOT
$(tail -1 "$W/mem")
EOT
events=$(grep -o '"type":' "$W/out.jsonl" | wc -l)
table=$(awk -v n="$n" -v b="$bytes" -v u="$user" -v sy="$sys" -v w="$wall" -v k="$kb" -v ev="$events" 'BEGIN {
    s = u + sy; mb = b / 1e6
    printf "| articles | text MB | events | CPU s | wall s | MB/s per core | articles/s | peak MB |\n"
    printf "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    printf "| %d | %.1f | %d | %.2f | %.2f | %.1f | %.0f | %.1f |\n", n, mb, ev, s, w, mb / s, n / s, k / 1024 }')
echo "$table"
{
    echo
    echo "## analyze: event analysis speed ($(date -u +%Y-%m-%d))"
    echo
    echo "Machine: $(uname -m), $(grep -c ^processor /proc/cpuinfo) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), one core used; load average at the run: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine: CPU seconds, not wall time, give the MB/s)."
    echo "Command: \`sh bench/bench-analyze.sh $SIZE_MB\` (mtrack analyze --batch over tests/events/dev.jsonl, the seed set and ../shared/corpus/events/real-dev.jsonl, repeated to ${SIZE_MB} MB of article text). Bar: 5 MB/s per core."
    echo
    echo "$table"
} >>"${RESULTS:-bench/RESULTS.md}"
