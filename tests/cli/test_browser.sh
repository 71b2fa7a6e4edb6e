#!/bin/sh
# The HTML report renders in a real browser (Debian's headless Chromium):
# a phone-sized screenshot is taken and the rendered page's text checked.
. "$TOP/tests/cli/lib.sh"
B=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$B" ]; then skip browser_report "chromium is not installed"; exit 0; fi
M=$MTRACK
export MTRACK_DB="$TESTDIR/b.db"
$M init >/dev/null
$M ingest "$TOP/samples" >/dev/null 2>&1
$M report --format html -o r.html 2>/dev/null
run_chromium() {
    timeout 90 "$B" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$TESTDIR/chrome" "$@" 2>/dev/null
}
run_chromium --dump-dom "file://$TESTDIR/r.html" >dom.html
if grep -q 'Sources (51)' dom.html && grep -q 'Nscale' dom.html && grep -q '<svg' dom.html; then
    pass browser_renders_report; else fail browser_renders_report "rendered page lacks its text"; fi
run_chromium --window-size=420,2400 --screenshot="$TESTDIR/shot.png" "file://$TESTDIR/r.html" >/dev/null
if [ -s shot.png ] && [ "$(head -c 4 shot.png | od -An -c | tr -d ' ')" = "211PNG" ]; then
    pass browser_screenshot
    mkdir -p "$TOP/build" && cp shot.png "$TOP/build/report-phone.png"
else
    fail browser_screenshot "no PNG"
fi
