#!/bin/sh
# report --narrative against a chat-completions server written for the test
# (tests/narrative/server.py, loopback only): a good answer replaces each
# theme's paragraph, with the citations of the facts it uses; sentences with
# an invented figure, company or unit never reach the page (the share of
# invented figures on the page is printed: it must be 0); a broken, slow,
# failing or non-chat answer, or one with nothing left after the check,
# keeps the template's prose exactly.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
command -v python3 >/dev/null 2>&1 || { skip narrative "python3 is not installed"; exit 0; }
export MTRACK_DB="$TESTDIR/narrative.db"
$M init >/dev/null
$M ingest "$TOP/samples" >/dev/null 2>&1
NOW=2026-03-20T00:00:00Z
python3 "$TOP/tests/narrative/server.py" "$TESTDIR/llm.port" >llm.log 2>&1 &
spid=$!
trap 'kill $spid 2>/dev/null' EXIT INT TERM
i=0
while [ ! -s "$TESTDIR/llm.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$TESTDIR/llm.port" ] || { fail narrative "the test server did not start: $(cat llm.log)"; exit 0; }
URL="http://127.0.0.1:$(cat "$TESTDIR/llm.port")"
export MTRACK_NARRATIVE_TIMEOUT_MS=1000
# the template, for comparison
MTRACK_NOW=$NOW $M report -o plain.md 2>/dev/null
run() { MTRACK_NOW=$NOW $M report --narrative "$URL/$1/v1" -o "$1.md" 2>"$1.err"; }
para() { awk -v t="## $2" '$0 == t {getline; getline; print; exit}' "$1.md"; }

run good; rc=$?
p=$(para good "Investment and corporate moves")
if [ $rc -eq 0 ] && [ -n "$p" ] && [ "$p" != "$(para plain "Investment and corporate moves")" ] &&
   echo "$p" | grep -q "^Where a country is stated: .* 16 events in this theme" &&
   echo "$p" | grep -q "The largest is Nscale's \$2 billion Series C round \[1\](#s1) \[2\](#s2) \[3\](#s3)\." &&
   ! grep -q "template's prose is kept" good.err; then
    pass narrative_good_answer
else
    fail narrative_good_answer "rc $rc: $p $(head -2 good.err)"
fi
# the bullets, the tables and the sources are not the writer's
if [ "$(grep -c '^- \*\*' good.md)" = "$(grep -c '^- \*\*' plain.md)" ] &&
   [ "$(sed -n '/^## Sources/,$p' good.md | md5sum)" = "$(sed -n '/^## Sources/,$p' plain.md | md5sum)" ]; then
    pass narrative_only_paragraphs
else
    fail narrative_only_paragraphs "bullets or sources changed"
fi
invented=0 reached=0
for mode in invent_figure invent_company wrong_unit; do
    run $mode
    n=$(grep -c '^[0-9]* events\? in this theme\|in this theme: ' plain.md)
    invented=$((invented + n))
    got=$(grep -c '9\.9 billion\|Zorblax\|\$4\.1 million\|\$450 thousand\|\$1 trillion' $mode.md)
    reached=$((reached + got))
    if [ "$got" = 0 ] && [ "$(para $mode "AI agents")" = "$(para good "AI agents")" ]; then
        pass "narrative_drops_$mode"
    else
        fail "narrative_drops_$mode" "$(para $mode "AI agents")"
    fi
done
if [ "$reached" = 0 ]; then pass "narrative_invented_on_page $reached of $invented"; else fail narrative_invented_on_page "$reached of $invented"; fi
for mode in all_invented broken not_chat slow error; do
    run $mode; rc=$?
    if [ $rc -eq 0 ] && cmp -s plain.md $mode.md && grep -q "template's prose is kept" $mode.err; then
        pass "narrative_fallback_$mode"
    else
        fail "narrative_fallback_$mode" "rc $rc: $(head -1 $mode.err) $(diff plain.md $mode.md | head -3)"
    fi
done
# the key goes with the request when set (the auth server refuses without it)
MTRACK_LLM_KEY=testkey run auth && cp auth.md auth-key.md
MTRACK_LLM_KEY= run auth
if [ "$(para auth-key "AI agents")" = "$(para good "AI agents")" ] && cmp -s plain.md auth.md; then
    pass narrative_api_key
else
    fail narrative_api_key "$(head -1 auth.err)"
fi
expect_status narrative_bad_url 2 "$M" report --narrative ftp://example.invalid/v1
# the tracker's [narrative] endpoint does what --narrative does
$M init --write-config my.ini --force >/dev/null 2>&1
printf '\n[narrative]\nendpoint = %s/good/v1\n' "$URL" >>my.ini
$M init --tracker my.ini >/dev/null 2>&1
MTRACK_NOW=$NOW $M report -o conf.md 2>conf.err
if [ "$(para conf "AI agents")" = "$(para good "AI agents")" ]; then pass narrative_tracker_endpoint; else fail narrative_tracker_endpoint "$(head -1 conf.err)"; fi
printf '\n[narrative]\nendpoint = ftp://x/v1\n' >>my.ini
if $M init --tracker my.ini >/dev/null 2>bad.err; then fail narrative_tracker_bad_endpoint "accepted"
elif grep -q "not an http(s) URL" bad.err; then pass narrative_tracker_bad_endpoint
else fail narrative_tracker_bad_endpoint "$(cat bad.err)"; fi
