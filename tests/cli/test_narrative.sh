#!/bin/sh
# report's narrative writer against a chat-completions server written for
# the test (tests/narrative/server.py, loopback only, a free port): a good
# answer replaces the introduction and each theme's paragraph, each sentence
# with the citations of the facts it uses, and the footer says so; sentences
# with invented figures or companies, or tying companies of different facts
# together ("A is buying B"), never reach the page (the share of
# invented sentences on the page is printed: it must be 0); an empty,
# broken, non-chat, slow, failing or redirected answer, or one with every
# sentence dropped, keeps the template's prose exactly. The endpoint comes
# from --narrative or the tracker's [narrative] section.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
command -v python3 >/dev/null 2>&1 || { skip narrative "python3 is not installed"; exit 0; }
cd "$TESTDIR" || exit 1
export MTRACK_DB="$TESTDIR/narrative.db"
unset MTRACK_LLM_KEY MTRACK_LLM_MODEL
$M init >/dev/null
$M ingest "$TOP/samples" >/dev/null 2>&1
export MTRACK_NOW=2026-03-20T00:00:00Z
python3 "$TOP/tests/narrative/server.py" "$TESTDIR/llm.port" "$TESTDIR/llm.log" >llm.out 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null' EXIT INT TERM
i=0
while [ ! -s "$TESTDIR/llm.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$TESTDIR/llm.port" ] || { fail narrative "the test server did not start: $(cat llm.out)"; exit 0; }
URL="http://127.0.0.1:$(cat "$TESTDIR/llm.port")"
# the template, for comparison
$M report -o plain.md 2>/dev/null
$M report --format html -o plain.html 2>/dev/null
run() { mode=$1; shift; $M report --narrative "$URL/$mode/v1" -o "$mode.md" "$@" 2>"$mode.err"; }
para() { awk -v t="## $2" '$0 == t {getline; getline; print; exit}' "$1.md"; }
lead() { awk '/^Updated /{n = NR} n && NR == n + 4 {print; exit}' "$1.md"; } # after the template's introduction
nofoot() { grep -v "language model" "$1" | cat -s; }

: >llm.log
run good; rc=$?
p=$(para good "Investment and corporate moves")
if [ $rc -eq 0 ] && [ "$p" != "$(para plain "Investment and corporate moves")" ] &&
   echo "$p" | grep -q "^Nscale raised \$2 billion in a Series C round \[1\](#s1) \[2\](#s2) \[3\](#s3)\. " &&
   echo "$p" | grep -q "The section counts 16 events\.$" &&
   lead good | grep -q "^Hadeer Digital committed \$5 billion \[34\](#s34) \[35\](#s35)\." &&
   grep -q "investment: the model's (5 sentences kept, 0 dropped)" good.err; then
    pass narrative_good_answer
else
    fail narrative_good_answer "rc $rc: $p / $(head -3 good.err)"
fi
if grep -q "^Written by a language model from the cited facts, and checked against them: the introduction, the paragraph of Investment and corporate moves, .* and the paragraph of AI agents\. All other prose is the template's\.$" good.md; then
    pass narrative_footer_names_sections
else
    fail narrative_footer_names_sections "$(grep -i 'language model' good.md)"
fi
# the bullets, the tables and the sources are never the writer's
if [ "$(grep -c '^- \*\*' good.md)" = "$(grep -c '^- \*\*' plain.md)" ] &&
   [ "$(sed -n '/^## Sources/,/^Amounts/p' good.md | md5sum)" = "$(sed -n '/^## Sources/,/^Amounts/p' plain.md | md5sum)" ]; then
    pass narrative_only_paragraphs
else
    fail narrative_only_paragraphs "bullets or sources changed"
fi
# only the facts are sent: one request per section, no article text, title or URL
n_req=$(wc -l <llm.log)
leak=0
for u in $(grep -o 'https\?://[^>]*' plain.md | sort -u); do grep -qF "$u" llm.log && leak=$((leak + 1)); done
for t in $(sed -n 's/^[0-9]*\. <a id="s[0-9]*"><\/a>\([^—]*\) — .*/\1/p' plain.md | tr ' ' '_' | head -20); do
    grep -qF "$(echo "$t" | tr '_' ' ')" llm.log && leak=$((leak + 1))
done
if [ "$n_req" = 6 ] && [ "$leak" = 0 ] && grep -q '"role":"user","content":"Write the page' llm.log &&
   grep -q '1\. funding; company: Nscale; who it is: [^;]*; country: GB; amount: \$2 billion; round: Series C' llm.log &&
   ! grep -q '"model"' llm.log; then
    pass narrative_sends_only_facts
else
    fail narrative_sends_only_facts "$n_req requests, $leak titles or URLs sent"
fi
# HTML: the paragraphs marked, escaped, with the citation links
$M report --format html --narrative "$URL/good/v1" -o good.html 2>/dev/null
if grep -q '<p class="lead narrative">Hadeer Digital committed \$5 billion <a class="cite" href="#s34">\[34\]</a>' good.html &&
   grep -q '<p class="narrative-note">Written by a language model' good.html &&
   [ "$(grep -c 'class="theme-intro narrative"' good.html)" = 5 ]; then
    pass narrative_html
else
    fail narrative_html "$(grep -o '<p class="[a-z -]*narrative[^>]*>.\{0,60\}' good.html | head -3)"
fi

# invented figures and companies: not one reaches the page
: >llm.log.invented
reached=0
for mode in invent_figure invent_company invent_link; do
    run $mode
    got=0
    while IFS= read -r s; do
        grep -qF "$s" $mode.md && got=$((got + 1))
    done <llm.log.invented
    for w in '9\.9 billion' '7\.3' '45%' '8,600' 2019 Zorblax 'Quantum Harbor' Vexley; do
        grep -q "$w" $mode.md && ! grep -q "$w" plain.md && got=$((got + 1))
    done
    reached=$((reached + got))
    if [ "$got" = 0 ] && [ "$(para $mode "AI agents")" = "$(para good "AI agents")" ] &&
       [ "$(lead $mode)" = "$(lead good)" ] && grep -q "dropped: the \(figure\|name\|companies\)" $mode.err; then
        pass "narrative_drops_$mode"
    else
        fail "narrative_drops_$mode" "$got reached: $(para $mode "AI agents")"
    fi
done
sent=$(wc -l <llm.log.invented)
if [ "$reached" = 0 ] && [ "$sent" -gt 0 ]; then
    pass "narrative_invented_on_page $reached of $sent"
else
    fail narrative_invented_on_page "$reached of $sent"
fi

# every failure keeps the template (the footer says no paragraph is the model's)
for mode in all_invented empty broken not_chat error redirect; do
    run $mode; rc=$?
    if [ $rc -eq 0 ] && [ "$(nofoot plain.md | md5sum)" = "$(nofoot $mode.md | md5sum)" ] &&
       [ "$(grep -c "the template's (" $mode.err)" = 6 ] &&
       grep -q "^No paragraph is the language model's" $mode.md; then
        pass "narrative_fallback_$mode"
    else
        fail "narrative_fallback_$mode" "rc $rc: $(head -1 $mode.err) $(diff plain.md $mode.md | head -3)"
    fi
done

# the tracker's [narrative] section: endpoint, model, timeout (slow: 3 s > 1 s)
$M init --write-config t.ini >/dev/null 2>&1
printf '\n[narrative]\nendpoint = %s/slow/v1\nmodel = test-model\ntimeout = 1s\n' "$URL" >>t.ini
MTRACK_DB="$TESTDIR/t.db" $M init --tracker t.ini >/dev/null 2>&1
MTRACK_DB="$TESTDIR/t.db" $M ingest "$TOP/samples" >/dev/null 2>&1
MTRACK_DB="$TESTDIR/t.db" $M report -o plain-t.md 2>/dev/null </dev/null
: >llm.log
MTRACK_DB="$TESTDIR/t.db" $M report -o slow.md 2>slow.err
rc=$?
if [ $rc -eq 0 ] && grep -q "the introduction: the template's (timed out after 1 s)" slow.err &&
   [ "$(nofoot plain-t.md | md5sum)" = "$(nofoot slow.md | md5sum)" ] && grep -q '"model":"test-model"' llm.log; then
    pass narrative_fallback_slow
else
    fail narrative_fallback_slow "rc $rc: $(head -2 slow.err)"
fi
# --narrative overrides the tracker's endpoint
MTRACK_DB="$TESTDIR/t.db" $M report --narrative "$URL/good/v1" -o t-good.md 2>/dev/null
if [ "$(lead t-good)" = "$(lead good)" ]; then pass narrative_option_over_tracker; else fail narrative_option_over_tracker "$(lead t-good)"; fi
printf '\n[narrative]\nendpoint = ftp://x/v1\n' >>t.ini
if MTRACK_DB="$TESTDIR/t.db" $M init --tracker t.ini >/dev/null 2>bad.err; then fail narrative_tracker_bad_endpoint "accepted"
elif grep -q "endpoint 'ftp://x/v1' is not an http(s) URL" bad.err; then pass narrative_tracker_bad_endpoint
else fail narrative_tracker_bad_endpoint "$(cat bad.err)"; fi
printf '[tracker]\nname = x\ntitle = X\n[theme a]\ntitle = A\n[narrative]\ntimeout = 5 minutes\n' >bad.ini
MTRACK_DB="$TESTDIR/bad.db" $M init --tracker bad.ini >/dev/null 2>bad.err
if [ $? -ne 0 ] && grep -q "timeout '5 minutes' is not 1s to 600s" bad.err; then
    pass narrative_bad_timeout
else
    fail narrative_bad_timeout "$(cat bad.err)"
fi

# the key: sent as a Bearer token (the auth mode refuses without it), never in clear off this machine
MTRACK_LLM_KEY=testkey run auth
cp auth.md auth-key.md
MTRACK_LLM_KEY= run auth
if [ "$(lead auth-key)" = "$(lead good)" ] && [ "$(nofoot plain.md | md5sum)" = "$(nofoot auth.md | md5sum)" ] &&
   grep -q "HTTP 401" auth.err; then
    pass narrative_api_key
else
    fail narrative_api_key "$(head -1 auth.err)"
fi
MTRACK_LLM_KEY=testkey $M report --narrative http://llm.example.invalid/v1 -o x.md 2>key.err
if [ $? -eq 1 ] && grep -q "key in \$MTRACK_LLM_KEY is sent only over https or to this machine" key.err && [ ! -e x.md ]; then
    pass narrative_key_not_in_clear
else
    fail narrative_key_not_in_clear "$(cat key.err)"
fi
$M report --format json --narrative "$URL/good/v1" -o n.json 2>json.err
$M report --format json -o plain.json 2>/dev/null
if cmp -s n.json plain.json && grep -q "not used for JSON" json.err; then
    pass narrative_not_for_json
else
    fail narrative_not_for_json "$(cat json.err)"
fi
expect_status narrative_bad_url 2 "$M" report --narrative ftp://example.invalid/v1
expect_status narrative_url_with_password 1 "$M" report --narrative http://u:p@127.0.0.1:1/v1
