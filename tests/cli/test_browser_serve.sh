#!/bin/sh
# mtrack serve in a real browser: tests/browser/serve.js drives headless
# Chromium through playwright-core (installed into tests/browser/node_modules
# on first use) over the trackers, the report, the events table and its
# filters; screenshots go to build/. Skips cleanly without node, npm,
# chromium or the package.
. "$TOP/tests/cli/lib.sh"
B=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$B" ]; then skip browser_serve "chromium is not installed"; exit 0; fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    skip browser_serve "node or npm is not installed"; exit 0
fi
command -v curl >/dev/null 2>&1 || { skip browser_serve "curl is not installed"; exit 0; }
BR="$TOP/tests/browser"
if [ ! -d "$BR/node_modules/playwright-core" ]; then
    (cd "$BR" && timeout 300 npm install --no-audit --no-fund --silent >/dev/null 2>&1) || true
fi
if [ ! -d "$BR/node_modules/playwright-core" ]; then
    skip browser_serve "npm could not install playwright-core"; exit 0
fi
M=$MTRACK
export MTRACK_DB="$TESTDIR/browser.db"
$M init >/dev/null 2>&1
$M ingest "$TOP/samples" >/dev/null 2>&1
$M serve --listen 127.0.0.1:0 --port-file port >serve.log 2>&1 &
pid=$!
stop() {
    kill $pid 2>/dev/null
    i=0
    while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
}
trap stop EXIT INT TERM
i=0
while [ ! -s port ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s port ]; then fail browser_serve "the server did not start: $(head -2 serve.log)"; exit 0; fi
mkdir -p "$TOP/build"
CHROMIUM="$B" timeout 180 node "$BR/serve.js" "http://127.0.0.1:$(cat port)" "$TOP/build"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then fail browser_serve "node exited with $rc"; fi
exit 0
