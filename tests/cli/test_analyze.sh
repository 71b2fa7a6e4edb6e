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
head -c 300000 /dev/urandom >random.bin
hostile analyze_invalid_utf8 random.bin 30
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
