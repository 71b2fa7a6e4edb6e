#!/bin/sh
# mtrack analyze: usage, output form, and hostile input (empty text, a huge
# text, a line of ten million digits, every currency symbol in one sentence,
# invalid UTF-8) in bounded time and memory.
. "$TOP/tests/cli/lib.sh"
expect_status analyze_help 0 "$MTRACK" analyze --help
expect_status analyze_no_file 2 "$MTRACK" analyze --json
expect_status analyze_bad_date 2 "$MTRACK" analyze --json --date 2026-13-45 /dev/null
expect_status analyze_missing 1 "$MTRACK" analyze --json /nonexistent/article.txt

printf 'Nscale raises $2 billion\nNscale, a UK-based AI data center startup, secured $2 billion in Series C funding led by Aker.\n' >a.txt
"$MTRACK" analyze --json --date 2026-03-16 a.txt >a.json 2>err.txt
if python3 -c '
import json, sys
d = json.load(open("a.json"))
e = d["events"]
assert len(e) == 1, e
e = e[0]
assert e["type"] == "funding" and e["company"] == "Nscale" and e["country"] == "GB", e
assert e["amount"]["value"] == 2e9 and e["amount"]["currency"] == "USD", e
assert e["round"] == "Series C" and e["lead_investors"] == ["Aker"], e
' 2>py.txt; then pass analyze_json; else fail analyze_json "$(tail -1 py.txt)"; fi
"$MTRACK" analyze a.txt >t.txt && contains analyze_table t.txt "Series C"
printf 'Nscale raises $2 billion\n' | "$MTRACK" analyze --json - >s.json && contains analyze_stdin s.json '"Nscale"'

# hostile input: each must finish in time, exit 0 and print valid JSON
hostile() { # NAME FILE SECONDS
    if timeout "$3" "$MTRACK" analyze --json "$2" >h.json 2>h.err &&
        python3 -c 'import json,sys; json.load(open("h.json"))' 2>/dev/null; then
        pass "$1"
    else
        fail "$1" "exit $?, $(head -c 200 h.err)"
    fi
}
: >empty.txt
hostile analyze_empty empty.txt 10
big=20000000
[ "${MTRACK_SAN:-}" = 1 ] && big=2000000
python3 -c "import sys; sys.stdout.write('9' * $big + '\n')" >digits.txt
hostile analyze_digit_line digits.txt 60
python3 -c "
import sys
s = 'Acme raised \$1 US\$2m C\$3 A\$4 HK\$5 S\$6 \u20ac7M EUR 8 \u00a39bn GBP 10 \u00a511 JPY 12 CNY 13 RMB 14 \u20b915 crore Rs 16 INR 17 \u20a918 KRW 19 \u20aa20 CHF 21 SEK 22 AED 23 SAR 24 R\$25 NT\$26 5 yuan 6 dollars 7 euros 8 pounds 9 yen 10 rupees 11 won (~\$12 million) \$1-2 billion between \$1bn and \$2bn. '
sys.stdout.write(s * 2000)
" >symbols.txt
hostile analyze_all_currencies symbols.txt 60
# refused NAME FILE TEXT [ARGS]: exit 1, TEXT in the one line on stderr,
# nothing on stdout
refused() {
    name=$1 file=$2 want=$3; shift 3
    timeout 30 "$MTRACK" analyze "$@" "$file" >r.out 2>r.err
    rc=$?
    if [ "$rc" != 1 ]; then
        fail "$name" "exit $rc, want 1: $(head -c 200 r.err)"
    elif [ -s r.out ]; then
        fail "$name" "printed on stdout: $(head -c 200 r.out)"
    elif ! grep -qF -- "mtrack: analyze: $file: $want" r.err || [ "$(wc -l <r.err)" != 1 ]; then
        fail "$name" "stderr: $(head -c 300 r.err)"
    else
        pass "$name"
    fi
}
head -c 300000 /dev/urandom >random.bin
refused analyze_random_bytes random.bin "binary data, not an article" --json
refused analyze_random_bytes_table random.bin "binary data, not an article"
printf 'Acme Robotics raised $12 million\000 in a Series A round.\n' >nul.txt
refused analyze_nul nul.txt "binary data, not an article" --json
# mostly broken UTF-8 around an event's words
python3 -c "
import sys
sys.stdout.buffer.write(b'Acme raised \\xe2\\x82 \\xc0\\xaf\\xe0\\x80\\xaf 12 million \\xf0\\x82\\x82\\xac\\xed\\xa0\\x80 in a Series A. ' * 100)
" >broken.txt
refused analyze_broken_utf8 broken.txt "binary data, not an article" --json
# a damaged character or a Windows-1252 text is still an article
printf 'Acme Robotics raises $12 million\nAcme Robotics, a Lyon robot maker \342\202, raised $12 million in a Series A round led by Harbor Peak.\n' >damaged.txt
"$MTRACK" analyze --json damaged.txt >d.json 2>d.err && contains analyze_damaged_char d.json '"Acme Robotics"'
printf 'Caf\351 Robotique raises $12 million\nCaf\351 Robotique, a Lyon robot maker, raised $12 million in a Series A round led by Harbor Peak.\n' >cp1252.txt
"$MTRACK" analyze --json cp1252.txt >c.json 2>c.err && contains analyze_cp1252 c.json "$(printf '"Caf\303\251 Robotique"')"
gzip -c a.txt >a.txt.gz
refused analyze_gzip a.txt.gz "gzip-compressed data" --json
cp a.txt.gz article
refused analyze_gzip_by_content article "gzip-compressed data" --json
printf '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Acme raises $5 million</title></item></channel></rss>\n' >feed.xml
refused analyze_feed feed.xml "a feed, not an article" --json

# An HTML page (known by its content, whatever its name) is extracted as
# update extracts it: the article's events, not the menus' or the
# sidebar's links, and no markup in any name (our own page)
cat >page.html <<'PAGE'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Helvan Robotics raises $30 million | Northgate Tribune</title>
<meta property="article:published_time" content="2026-03-10T08:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Helvan Robotics raises $30 million","datePublished":"2026-03-10"}</script>
</head><body>
<nav><ul><li><a href="/a">Markets</a></li><li><a href="/b">Quarrystone Labs raises $55 million for sensor chips</a></li></ul></nav>
<article><h1>Helvan Robotics raises $30 million</h1>
<p>Helvan Robotics, a Tampere-based maker of warehouse robots, raised $30 million in a Series B round led by Tallow Ventures, the company said on Tuesday.</p>
<p>The startup will use the money to hire engineers and open an office in Berlin. Its robots sort parcels for regional couriers, and it has doubled its staff in a year.</p>
<p>Tallow Ventures has backed several automation firms in the Nordic countries, and its partner said the round was oversubscribed.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/c">Brindle Systems raises $80 million in Series C</a></li><li><a href="/d">Shares of Corvana Systems fell 4.2% to $61.30</a></li></ul></aside>
<footer><p>Copyright Northgate Tribune</p></footer>
</body></html>
PAGE
cp page.html page.txt
for f in page.html page.txt; do
    "$MTRACK" analyze --json "$f" >p.json 2>p.err
    if python3 -c '
import json
e = json.load(open("p.json"))["events"]
assert len(e) == 1, [(x["type"], x.get("company")) for x in e]
e = e[0]
assert e["type"] == "funding" and e["company"] == "Helvan Robotics", e
assert e["round"] == "Series B" and e["lead_investors"] == ["Tallow Ventures"], e
' 2>py.txt; then pass "analyze_html_$f"; else fail "analyze_html_$f" "$(tail -1 py.txt)"; fi
done
"$MTRACK" analyze --explain page.html >x.txt 2>&1 && contains analyze_html_explain x.txt "sentence: Helvan Robotics raises \$30 million"

# --batch: the same rules for each line's text; a refused text gives no
# line and no events (one message on stderr, exit 1), the others go on
python3 - <<'PY'
import json
page = open("page.html").read()
rows = [{"id": "ok", "text": "Nscale raises $2 billion\nNscale, a UK-based AI data center startup, secured $2 billion in Series C funding led by Aker."},
        {"id": "nul", "text": "Acme raised $12 million\u0000 in a Series A round.\u0000\u0000"},
        {"id": "ctl", "text": "Acme raised $12 million \u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008"},
        {"id": "page", "text": page}]
with open("batch.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
PY
"$MTRACK" analyze --batch batch.jsonl >b.out 2>b.err
rc=$?
if [ "$rc" = 1 ] && python3 -c '
import json
out = [json.loads(l) for l in open("b.out")]
assert [o["id"] for o in out] == ["ok", "page"], out
assert [e["company"] for e in out[0]["events"]] == ["Nscale"], out[0]
assert [e["company"] for e in out[1]["events"]] == ["Helvan Robotics"], out[1]
err = open("b.err").read().splitlines()
assert len(err) == 2 and "line 2 (id nul): binary data, not an article" in err[0] and "line 3 (id ctl)" in err[1], err
' 2>py.txt; then pass analyze_batch_refused_lines; else fail analyze_batch_refused_lines "exit $rc: $(tail -1 py.txt)"; fi
# 40 MB is read (analysis stops at its own cap); 100 MB passes the 50 MiB
# input limit and is refused with a message
mb=40
[ "${MTRACK_SAN:-}" = 1 ] && mb=5
python3 -c "
import sys
p = 'Quiver, a robotics startup, said on Wednesday it had raised \$275 million in a Series C round led by Nvidia, valuing it at \$3.1 billion. Shares of Arm rose 3% to \$148.20. '
n = $mb * 1000000 // len(p)
sys.stdout.write(p * n)
" >huge.txt
hostile analyze_huge_text huge.txt 120
if [ "${MTRACK_SAN:-}" != 1 ]; then
    python3 -c "import sys; sys.stdout.write(('word ' * 200 + '\\n') * 100000)" >h100.txt
    timeout 60 "$MTRACK" analyze --json h100.txt >/dev/null 2>h100.err
    rc=$?
    if [ "$rc" = 1 ] && grep -q 'limit' h100.err; then pass analyze_100mb_refused; else fail analyze_100mb_refused "exit $rc"; fi
fi
