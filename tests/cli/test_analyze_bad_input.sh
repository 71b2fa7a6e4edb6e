#!/bin/sh
# mtrack analyze under bad input (issue 11, "Bad input"): 16 MB of text, a
# page that is one long line, tables of 5,000 rows, 20,000 short sentences
# with amounts, invalid UTF-8, NUL bytes, text with no sentences, a 200 KB
# list of names, deep parentheses, every sentence as long as a sentence can
# be. Each run must exit 0 with valid JSON on stdout, within a time bound
# (timeout) and a peak-memory bound (/usr/bin/time %M); with --explain the
# explanation must be valid UTF-8 (excerpts cut at characters).
#
# Measured on the shared 2-core machine (plain -O2 build, loaded): at most
# 0.3 s and 32 MB for the 16 MB inputs, about 4 s (9 s under load) and 62 MB
# for dense.txt (4,000 sentences of 3.9 KB each, the most the analysis
# reads); the bounds are several times that. Random bytes, text with NULs
# and mostly broken UTF-8 are refused as binary (exit 1, one line on
# stderr, nothing on stdout); the others are read, and a file past the
# 50 MiB input limit is refused (test_analyze.sh).
. "$TOP/tests/cli/lib.sh"

san=${MTRACK_SAN:-}
# under AddressSanitizer: smaller inputs, slower runs, no memory bound
# (the sanitizer's shadow memory is counted in the peak)
if [ "$san" = 1 ]; then mb=2 rows=1000 nsent=4000 dense=300 slow=5; else mb=17 rows=5000 nsent=20000 dense=4000 slow=1; fi
maxkb=307200 # 300 MB
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time

python3 - "$mb" "$rows" "$nsent" "$dense" <<'EOF' || { fail bad_input_gen "python3 failed"; exit 0; }
import random, sys
mb, rows, nsent, dense = (int(a) for a in sys.argv[1:5])
random.seed(11)
def W(name, data):
    with open(name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
# our own sentences, with accented names so that cuts can fall inside a character
sents = [
    "Brightwell Labs, a Lisbon battery startup, raised $14 million in a Series A round led by Harbor Peak Ventures.",
    "Shares of Corvana Systems fell 4.2% to $61.30 on Tuesday after the company cut its outlook.",
    "Pellucid Mining agreed to acquire Stonefold Resources for $2.1 billion in cash.",
    "Quarry Grid will build a 300 MW data centre campus near Aarhus, investing \u20ac900 million.",
    "Z\u00fcrcher Kr\u00e4fte AG said the money would go to hiring engineers in M\u00fcnchen.",
    "Last year it raised a \u00a35 million seed round from angel investors.",
]
def body(nbytes, nl=True):
    out, n, i = [], 0, 0
    while n < nbytes:
        s = sents[i % len(sents)] + ("\n" if nl and i % 3 == 2 else " ")
        i += 1
        out.append(s)
        n += len(s.encode("utf-8"))
    return "".join(out)
# past the analysis's 16 MiB cap (it stops there, maybe inside a character)
W("big.txt", "Brightwell Labs raises $14 million\n" + body(mb * 1000000))
W("line2m.txt", body(2000000, nl=False))
W("line_big.txt", body(mb * 1000000, nl=False))
def table(sep):
    r = ["Company%sAmount%sRound%sInvestors" % (sep, sep, sep)]
    for k in range(rows):
        r.append("Acme Robotics %d%s$%dM%sSeries %s%sHarbor Peak, Northwind Capital" %
                 (k, sep, 1 + k % 97, sep, "ABCD"[k % 4], sep))
    return "Funding roundup\n" + "\n".join(r) + "\n"
W("table_pipe.txt", table(" | "))
W("table_tab.txt", table("\t"))
W("table_mixed.txt", table(" |\t"))
W("sentences.txt", "Startups raise money\n" + " ".join(
    "Firm%d raised $%d million." % (k, 1 + k % 500) for k in range(nsent)) + "\n")
W("random.bin", bytes(random.getrandbits(8) for _ in range(1000000)))
# truncated sequences, overlong forms, surrogates, past U+10FFFF, lone
# continuation bytes, a lead byte at the very end
bad = b"Acme raised \xe2\x82 12 million \xc0\xaf \xe0\x80\xaf \xf0\x82\x82\xac \xed\xa0\x80 " \
      b"\xf4\x90\x80\x80 \xc2 \x80\xbf \xe2\x82\xac5M Series A. \xf0\x9f\x98 Shares rose 3%\xe2\x80. \n"
W("bad_utf8.txt", bad * 20000 + b"\xe2")
W("nul.txt", b"Acme\x00Robotics raised $12\x00million in a Series A\x00 round led by Harbor\x00Peak. \x00\x00\n" * 50000)
W("nul_only.txt", b"\x00" * 2000000)
W("punct.txt", "".join(random.choice(".,;:!?-()[]\"'$%&*") for _ in range(2000000)))
W("dots.txt", "." * 2000000)
W("digits.txt", "".join(random.choice("0123456789") for _ in range(2000000)))
W("numbers.txt", " ".join(str(random.randint(0, 10**6)) for _ in range(300000)))
W("spaces.txt", " " * 4000000)
W("newlines.txt", "\n" * 4000000)
names = ["Acme Robotics", "Harbor Peak Ventures", "Northwind Capital", "Brightwell Labs", "Corvana"]
W("commas.txt", "Investors in the $40 million round include " +
  ", ".join(names[k % 5] + " %d" % k for k in range(10000)) + ".\n")
W("parens.txt", "Acme " + "(" * 100000 + "raised $5 million" + ")" * 100000 + ".\n")
W("parens_names.txt", "Acme Robotics (Acme (AC (A " * 20000 + "raised $5 million.\n")
W("amounts.txt", " ".join("$%d million" % k for k in range(200000)) + "\n")
# every sentence as long as a sentence can be (3.9 KB), as many as are read
unit = "Acme Robotics raised $12 million in a Series A round led by Harbor Peak and it raised funding, valued at $40 million, "
W("dense.txt", "Acme Robotics raises $12 million\n" +
  "".join((unit * 34)[:3900].rstrip() + ". " for _ in range(dense)))
# a name whose first 120 bytes end inside a character (find_salient and
# sentence_opener read a sentence's first 120 and 100 bytes for its name)
for shift in range(4):
    name = "Brightwell \u00dcnited Gr" + "\u00fc" * 10 + "p H\u00f6rdings \u00c9st" + "\u00fc" * 27
    s1 = "the lisbon based battery maker%s %s raised $14 million in a Series A round." % ("x" * shift, name)
    W("cut%d.txt" % shift, "Battery news today\n%s\n%s said the money will go to hiring.\n"
      "The company, %s, raised $3 million last year.\n" % (s1, name, name))
EOF

# bad NAME FILE SECONDS [ARGS...]: analyze --json ARGS FILE exits 0 within
# SECONDS (times the sanitizer's slowness) and maxkb, prints valid JSON; with
# --explain among ARGS the explanation (stderr) is valid UTF-8
bad() {
    name=$1 file=$2 secs=$(($3 * slow)); shift 3
    if [ -n "$timer" ]; then
        $timer -f '%e %M' -o "$name.time" timeout "$secs" "$MTRACK" analyze --json "$@" "$file" >"$name.json" 2>"$name.err"
    else
        timeout "$secs" "$MTRACK" analyze --json "$@" "$file" >"$name.json" 2>"$name.err"
    fi
    rc=$?
    if [ "$rc" = 124 ]; then
        fail "$name" "took more than $secs s"
        return
    fi
    if [ "$rc" != 0 ]; then
        fail "$name" "exit $rc: $(head -c 300 "$name.err")"
        return
    fi
    explain=0
    for a in "$@"; do [ "$a" = --explain ] && explain=1; done
    if ! python3 - "$name" "$explain" <<'EOF' 2>"$name.py"; then
import json, sys
name, explain = sys.argv[1], sys.argv[2] == "1"
d = json.load(open(name + ".json", encoding="utf-8"))
assert isinstance(d.get("events"), list), "no events list"
for e in d["events"]:
    assert isinstance(e, dict) and "type" in e, e
if explain:
    b = open(name + ".err", "rb").read()
    assert b.startswith(b"explain: "), b[:100]
    try:
        b.decode("utf-8")
    except UnicodeDecodeError as x:
        raise AssertionError("explain not UTF-8 at byte %d: %r" % (x.start, b[max(0, x.start - 60):x.start + 4]))
EOF
        fail "$name" "$(tail -1 "$name.py")"
        return
    fi
    if [ -n "$timer" ] && [ "$san" != 1 ]; then
        kb=$(tail -1 "$name.time" | awk '{ print $2 }')
        if [ -z "$kb" ] || [ "$kb" -gt "$maxkb" ]; then
            fail "$name" "peak memory ${kb:-?} KB, bound $maxkb KB"
            return
        fi
    fi
    pass "$name"
}

# binary NAME FILE [ARGS...]: refused within a bound, as binary data
binary() {
    name=$1 file=$2; shift 2
    timeout $((20 * slow)) "$MTRACK" analyze --json "$@" "$file" >"$name.json" 2>"$name.err"
    rc=$?
    if [ "$rc" != 1 ]; then
        fail "$name" "exit $rc, want 1: $(head -c 300 "$name.err")"
    elif [ -s "$name.json" ]; then
        fail "$name" "printed on stdout: $(head -c 200 "$name.json")"
    elif [ "$(cat "$name.err")" != "mtrack: analyze: $file: binary data, not an article" ]; then
        fail "$name" "stderr: $(head -c 300 "$name.err")"
    else
        pass "$name"
    fi
}
for f in random bad_utf8 nul nul_only; do
    case $f in random) file=random.bin ;; *) file=$f.txt ;; esac
    binary "bad_input_$f" "$file"
    binary "bad_input_${f}_explain" "$file" --explain --date 2026-03-16
done
for f in big line2m line_big table_pipe table_tab table_mixed sentences \
    punct dots digits numbers spaces newlines commas parens parens_names amounts; do
    case $f in random) file=random.bin ;; *) file=$f.txt ;; esac
    bad "bad_input_$f" "$file" 20
    bad "bad_input_${f}_explain" "$file" 40 --explain --date 2026-03-16
done
bad bad_input_dense dense.txt 60
bad bad_input_dense_explain dense.txt 90 --explain
for k in 0 1 2 3; do
    bad "bad_input_name_cut_$k" "cut$k.txt" 20 --explain --date 2026-03-16
done
