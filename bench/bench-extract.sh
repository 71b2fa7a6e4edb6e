#!/bin/sh
# Article extraction speed: mtrack extract --jsonl against readability-lxml
# (python3-readability) and Mozilla Readability on jsdom, on the 88 pages of
# the article benchmark, each tool in one process, in the same run; plus the
# bare HTML parse (mtrack extract --parse-only) so the extraction's own cost
# shows. Prints a Markdown table: wall and CPU seconds, pages per second of
# each (CPU time is the steadier figure on a shared machine), the ratio to
# mtrack (by CPU time) and peak memory.
# usage: sh bench/bench-extract.sh [REPEAT]     (from the repository's top;
# REPEAT passes over the pages, default 3; needs ../shared/corpus/articles;
# MTRACK=path picks the binary, default build/mtrack)
set -eu
cd "$(dirname "$0")/.."
REPEAT=${1:-3}
MTRACK=${MTRACK:-build/mtrack}
CORPUS=${CORPUS:-../shared/corpus/articles}
W=bench/work/extract
if [ ! -d "$CORPUS/html" ]; then
    echo "bench-extract: no corpus at $CORPUS; skipped"
    exit 0
fi
mkdir -p "$W/pages"
for f in "$CORPUS"/html/*.html.gz; do
    out="$W/pages/$(basename "$f" .gz)"
    [ -f "$out" ] || gunzip -c "$f" >"$out"
done
n=$(ls "$W/pages" | wc -l)
mb=$(du -sm "$W/pages" | cut -f1)
# The page list, REPEAT times over, for mtrack's one process.
: >"$W/list"
i=0
while [ "$i" -lt "$REPEAT" ]; do
    ls "$W"/pages/*.html >>"$W/list"
    i=$((i + 1))
done

row() { # name pages "wall kb user sys" [base pages per CPU second]
    echo "$3" | awk -v name="$1" -v n="$2" -v base="${4:-0}" '{
        s = $1; k = $2; cpu = $3 + $4
        r = (s > 0) ? n / s : 0
        rc = (cpu > 0) ? n / cpu : 0
        ratio = "1"
        if (base > 0 && rc > 0)
            ratio = (rc > base) ? sprintf("%.1fx faster", rc / base) : sprintf("%.1fx slower", base / rc)
        printf "| %-38s | %6d | %7.2f | %7.2f | %8.0f | %8.0f | %-13s | %8.1f |\n", name, n, s, cpu, r, rc, ratio, k / 1024 }'
}
timeit() { # out-file command...: "wall kb user sys" into out-file
    o=$1
    shift
    /usr/bin/time -f '%e %M %U %S' -o "$o" "$@" >/dev/null
}

total=$((n * REPEAT))
timeit "$W/t.mtrack" xargs -a "$W/list" "$MTRACK" extract --jsonl
timeit "$W/t.parse" xargs -a "$W/list" "$MTRACK" extract --parse-only
base=$(awk -v n="$total" '{ c = $3 + $4; printf "%f", (c > 0) ? n / c : 0 }' "$W/t.mtrack")

printf '| %-38s | %6s | %7s | %7s | %8s | %8s | %-13s | %8s |\n' tool pages "wall s" "CPU s" "pages/s" "pages/CPU-s" "vs mtrack" "peak MiB"
printf '| %-38s | %6s | %7s | %7s | %8s | %8s | %-13s | %8s |\n' -------------------------------------- ------ ------- ------- -------- -------- ------------- --------
row "mtrack extract --jsonl" "$total" "$(cat "$W/t.mtrack")"
row "mtrack extract --parse-only (libxml2)" "$total" "$(cat "$W/t.parse")" "$base"
if /usr/bin/python3 -c 'import readability' 2>/dev/null; then
    timeit "$W/t.py" /usr/bin/python3 bench/extract-readability.py "$REPEAT" "$W"/pages/*.html
    row "readability-lxml 0.8 (python3)" "$total" "$(cat "$W/t.py")" "$base"
else
    echo "| readability-lxml: not installed (apt-get install python3-readability) |"
fi
if command -v node >/dev/null 2>&1; then
    if [ ! -d bench/node_modules/@mozilla/readability ] || [ ! -d bench/node_modules/jsdom ]; then
        npm install --no-save --no-audit --no-fund --silent --prefix bench jsdom @mozilla/readability >/dev/null 2>&1 || true
    fi
    if [ -d bench/node_modules/@mozilla/readability ]; then
        timeit "$W/t.js" node bench/extract-readability.js "$REPEAT" "$W"/pages/*.html
        row "Readability.js + jsdom (node)" "$total" "$(cat "$W/t.js")" "$base"
    else
        echo "| Readability.js: npm install failed |"
    fi
else
    echo "| Readability.js: no node |"
fi
echo "($n pages x $REPEAT passes, $mb MB of HTML a pass; goal: >= 600 pages/s, < 50 MiB)"
