#!/usr/bin/env python3
"""A small HTTP server for mtrack's fetch tests.

Serves the files of a folder with validators (ETag, Last-Modified, and 304
answers to If-None-Match / If-Modified-Since), plus endpoints that misbehave:

  /slow/N/...      sleeps N seconds, then serves the file ...
  /status/N        answers with status N
  /loop/a, /loop/b redirect to each other forever
  /redirect/...    one redirect to /...
  /huge/N          streams N MiB of text without a Content-Length
  /busy/...        503 with Retry-After: 1 on the first request, then the file
  /flaky/...       502 on the first request, then the file
  /limited         429 with Retry-After: 3600, always
  /gz/...          the file gzip-compressed (Content-Encoding: gzip)
  /bomb/N          N MiB of spaces, gzip-compressed to a few KiB

Asked as "localhost", /robots.txt answers 503 (the host must then be left
alone). Every request line is appended to the log file (for counting requests).

With HTTP_ALSO_BIND="127.0.0.2 127.0.0.3 ..." the same port is served on
those loopback addresses too (one host each, for per-host tests); with
HTTP_TIMELOG=FILE each request's arrival is appended to FILE as
"SECONDS ADDRESS PATH" (wall clock, to the microsecond); with
HTTP_INFLIGHT=FILE, each time the requests being answered at once on one
address reach a new high, "ADDRESS N" is appended to FILE; with HTTP_GATE=FILE, a request is
held (logged on arrival, answered later) for as long as FILE exists.

usage: server.py ROOT PORTFILE LOGFILE
Binds 127.0.0.1 on a free port and writes the port to PORTFILE.
"""
import email.utils
import gzip
import hashlib
import http.server
import os
import socketserver
import sys
import threading
import time
import zlib

ROOT, PORTFILE, LOGFILE = sys.argv[1], sys.argv[2], sys.argv[3]
TIMELOG = os.environ.get("HTTP_TIMELOG")
INFLIGHT = os.environ.get("HTTP_INFLIGHT")
GATE = os.environ.get("HTTP_GATE")
NOW_IN, HIGH = {}, {}
LOCK = threading.Lock()
SEEN_BUSY = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mtrack-test/1"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self):
        if TIMELOG:
            with LOCK, open(TIMELOG, "a") as f:
                f.write("%.6f %s %s\n" % (time.time(), self.server.server_address[0], self.path))
        with LOCK, open(LOGFILE, "a") as f:
            f.write("%s %s %s\n" % (self.command, self.path,
                                    self.headers.get("User-Agent", "-")))

    def send_plain(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def serve_file(self, rel, gz=False):
        path = os.path.realpath(os.path.join(ROOT, rel.lstrip("/")))
        if not path.startswith(os.path.realpath(ROOT) + os.sep) or not os.path.isfile(path):
            self.send_plain(404, b"not found\n")
            return
        with open(path, "rb") as f:
            data = f.read()
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        mtime = int(os.path.getmtime(path))
        lm = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")]
        elif ims is not None:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
            self.end_headers()
            return
        ctype = "text/html; charset=utf-8"
        if path.endswith(".xml"):
            ctype = "application/xml"
        elif path.endswith(".txt"):
            ctype = "text/plain; charset=utf-8"
        headers = [("ETag", etag), ("Last-Modified", lm), ("Content-Type", ctype)]
        if gz:
            data = gzip.compress(data)
            headers.append(("Content-Encoding", "gzip"))
        self.send_response(200)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def stream_huge(self, mib):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = (b"All work and no play makes a very long response. " * 1311)[:65536]
        for _ in range(mib * 16):
            self.wfile.write(chunk)

    def stream_bomb(self, mib):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        z = zlib.compressobj(1, zlib.DEFLATED, 31)  # 31: a gzip wrapper
        chunk = b" " * (1 << 20)
        for _ in range(mib):
            self.wfile.write(z.compress(chunk))
        self.wfile.write(z.flush())

    def do_GET(self):
        addr = self.server.server_address[0]
        with LOCK:
            NOW_IN[addr] = NOW_IN.get(addr, 0) + 1
            if INFLIGHT and NOW_IN[addr] > HIGH.get(addr, 0):
                HIGH[addr] = NOW_IN[addr]
                with open(INFLIGHT, "a") as f:
                    f.write("%s %d\n" % (addr, NOW_IN[addr]))
        try:
            self.answer_get()
        finally:
            with LOCK:
                NOW_IN[addr] -= 1

    def answer_get(self):
        self.log_request_line()
        while GATE and os.path.exists(GATE):
            time.sleep(0.02)
        p = self.path.split("?", 1)[0]
        try:
            if p == "/robots.txt" and self.headers.get("Host", "").startswith("localhost"):
                self.send_plain(503, b"robots are resting\n")  # the host "localhost" only
                return
            if p.startswith("/slow/"):
                rest = p[len("/slow/"):]
                secs, _, rel = rest.partition("/")
                time.sleep(float(secs))
                self.serve_file(rel)
            elif p.startswith("/status/"):
                self.send_plain(int(p[len("/status/"):]), b"nope\n")
            elif p == "/loop/a":
                self.send_plain(302, b"", [("Location", "/loop/b")])
            elif p == "/loop/b":
                self.send_plain(302, b"", [("Location", "/loop/a")])
            elif p.startswith("/redirect/"):
                self.send_plain(301, b"", [("Location", p[len("/redirect"):])])
            elif p.startswith("/huge/"):
                self.stream_huge(int(p[len("/huge/"):]))
            elif p.startswith("/busy/"):
                with LOCK:
                    first = p not in SEEN_BUSY
                    SEEN_BUSY.add(p)
                if first:
                    self.send_plain(503, b"busy\n", [("Retry-After", "1")])
                else:
                    self.serve_file(p[len("/busy"):])
            elif p.startswith("/flaky/"):
                with LOCK:
                    first = p not in SEEN_BUSY
                    SEEN_BUSY.add(p)
                if first:
                    self.send_plain(502, b"bad gateway\n")
                else:
                    self.serve_file(p[len("/flaky"):])
            elif p == "/limited":
                self.send_plain(429, b"slow down\n", [("Retry-After", "3600")])
            elif p.startswith("/bomb/"):
                self.stream_bomb(int(p[len("/bomb/"):]))
            elif p.startswith("/gz/"):
                self.serve_file(p[len("/gz"):], gz=True)
            else:
                self.serve_file(p)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up are expected here


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    for addr in os.environ.get("HTTP_ALSO_BIND", "").split():
        other = Server((addr, srv.server_address[1]), Handler)
        threading.Thread(target=other.serve_forever, daemon=True).start()
    tmp = PORTFILE + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, PORTFILE)
    srv.serve_forever()


if __name__ == "__main__":
    main()
