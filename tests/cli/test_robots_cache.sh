#!/bin/sh
# robots.txt kept in the store between runs of mtrack update (RFC 9309
# allows a day): a loopback server counts the robots.txt requests of each
# host over several runs. Host 127.0.0.1 says max-age=999999 (kept for a
# day, the cap); host localhost says max-age=2 (asked again once that
# passed), then answers 404 (no file: kept too, everything allowed).
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
export MTRACK_DB="$TESTDIR/robots.db"
if ! command -v python3 >/dev/null 2>&1 || ! command -v sqlite3 >/dev/null 2>&1; then
    skip robots_cache "python3 or sqlite3 is not installed"
    exit 0
fi
cat >"$TESTDIR/srv.py" <<'PY'
import http.server, os, socketserver, sys
d = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def do_GET(self):
        host = self.headers.get("Host", "").split(":")[0]
        with open(os.path.join(d, "log"), "a") as f:
            f.write("%s %s\n" % (host, self.path))
        code, body, extra = 200, b"", []
        if self.path == "/robots.txt":
            mode = open(os.path.join(d, "mode-" + host)).read().strip()
            if mode == "404":
                code, body = 404, b"no robots here\n"
            else:
                body = b"User-agent: *\nDisallow: /private/\n"
                extra = [("Cache-Control", mode)]
        else:
            body = open(os.path.join(d, "feed.xml"), "rb").read()
        self.send_response(code)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
open(os.path.join(d, "port.tmp"), "w").write("%d\n" % s.server_address[1])
os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
s.serve_forever()
PY
cat >"$TESTDIR/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Robots Gazette</title><link>http://robots.example/</link>
<item><title>Kestrel Silicon opens a test lab</title><link>http://robots.example/kestrel</link>
<pubDate>Mon, 16 Mar 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<p>Kestrel Silicon opened a test lab for its inference accelerators in Leeds on Monday, the company said, and will hire thirty engineers there this year to qualify its second chip for cloud customers.</p>
<p>The lab holds forty test benches and a small clean room; the company said it had moved the work from a contractor in Taiwan to cut the time from a design change to a tested part from six weeks to two.</p>
<p>Kestrel was founded four years ago by engineers from a graphics chip maker and sells its boards to hosting firms that run open language models for smaller businesses.</p>]]></description></item>
</channel></rss>
XML
echo "max-age=999999" >"$TESTDIR/mode-127.0.0.1"
echo "max-age=2" >"$TESTDIR/mode-localhost"
python3 "$TESTDIR/srv.py" "$TESTDIR" 2>"$TESTDIR/srv.err" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null' EXIT
trap 'exit 1' INT TERM HUP
i=0
while [ ! -s "$TESTDIR/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$TESTDIR/port" ]; then
    fail robots_cache_server "the test server did not start: $(cat "$TESTDIR/srv.err")"
    exit 0
fi
P=$(cat "$TESTDIR/port")
$M sources add "http://127.0.0.1:$P/a.xml" >/dev/null 2>&1
$M sources add "http://localhost:$P/b.xml" >/dev/null 2>&1
robots() { grep -c "^$1 /robots.txt\$" "$TESTDIR/log"; }
upd() { $M update --all --timeout 5 --delay 0 >"$TESTDIR/out$1.txt" 2>"$TESTDIR/err$1.txt"; }

upd 1
contains robots_cache_first_run "$TESTDIR/out1.txt" "fetched 2 sources (0 unchanged, 0 failed): 1 new document"
if [ "$(robots 127.0.0.1)" = 1 ] && [ "$(robots localhost)" = 1 ]; then pass robots_cache_asked_once
else fail robots_cache_asked_once "127.0.0.1 $(robots 127.0.0.1), localhost $(robots localhost)"; fi
upd 2
if [ "$(robots 127.0.0.1)" = 1 ] && [ "$(robots localhost)" = 1 ]; then pass robots_cache_next_run_not_asked
else fail robots_cache_next_run_not_asked "127.0.0.1 asked $(robots 127.0.0.1) times, localhost $(robots localhost), want 1 and 1"; fi
ttl=$(sqlite3 "$MTRACK_DB" "SELECT CAST(strftime('%s', expires) AS INTEGER) - CAST(strftime('%s', fetched_at) AS INTEGER) FROM robots_cache WHERE origin = 'http://127.0.0.1:$P'")
if [ "$ttl" = 86400 ]; then pass robots_cache_capped_at_a_day; else fail robots_cache_capped_at_a_day "kept for '$ttl' s"; fi

sleep 3
echo 404 >"$TESTDIR/mode-localhost"
upd 3
if [ "$(robots 127.0.0.1)" = 1 ] && [ "$(robots localhost)" = 2 ]; then pass robots_cache_max_age_honoured
else fail robots_cache_max_age_honoured "127.0.0.1 asked $(robots 127.0.0.1) times, localhost $(robots localhost), want 1 and 2"; fi
upd 4
if [ "$(robots localhost)" = 2 ]; then pass robots_cache_404_kept; else fail robots_cache_404_kept "localhost asked $(robots localhost) times, want 2"; fi
contains robots_cache_404_allows "$TESTDIR/out4.txt" "fetched 2 sources (0 unchanged, 0 failed)"
exit 0
