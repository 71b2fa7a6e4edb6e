#!/usr/bin/env python3
"""A loopback web of several hosts for bench/bench-workers.sh: one process
serving ROOT/hNN/... as host NN, each host on its own loopback address
(127.0.0.2, 127.0.0.3, ...) so that mtrack's per-host politeness applies to
each. Files are read when asked (the generator may write them after the
server started). Every request is appended to LOGFILE as

    SECONDS HOST:PORT METHOD PATH

(SECONDS: when the request's first bytes reached the socket, the kernel's
receive time stamp (SO_TIMESTAMPNS), so that a busy server reading a
request late does not make two requests look closer than they were; the
wall clock when the request line was read where there is none), for the
benchmark's checks: requests per path, gaps per host.

usage: web-server.py ROOT HOSTS LOGFILE HOSTSFILE
Writes HOSTSFILE once every host listens: one base URL a line, host 0 first.
Falls back to several ports on 127.0.0.1 when 127.0.0.2 cannot be bound.
"""
import http.server
import os
import socket
import socketserver
import struct
import sys
import threading
import time

ROOT, NHOSTS, LOGFILE, HOSTSFILE = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
LOCK = threading.Lock()
LOG = open(LOGFILE, "a", buffering=1)
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # 35 on Linux


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "mtrack-bench-web/1"

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        except OSError:
            pass

    def handle_one_request(self):
        # the receive time of the next request's first bytes, peeked before
        # the request line is read (curl sends a request only after the
        # answer to the one before: nothing of it is buffered yet)
        self.arrived = None
        try:
            _, anc, _, _ = self.connection.recvmsg(1, 256, socket.MSG_PEEK)
            for level, kind, data in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(data) >= 16:
                    sec, nsec = struct.unpack("qq", data[:16])
                    self.arrived = sec + nsec / 1e9
        except OSError:
            pass
        super().handle_one_request()

    def do_GET(self):
        t = self.arrived or time.time()
        host = "%s:%d" % self.server.server_address
        with LOCK:
            LOG.write("%.6f %s %s %s\n" % (t, host, self.command, self.path))
        path = os.path.normpath(self.path.split("?", 1)[0]).lstrip("/")
        full = os.path.join(ROOT, "h%02d" % self.server.index, path)
        try:
            if path.startswith("..") or not os.path.isfile(full):
                raise FileNotFoundError
            with open(full, "rb") as f:
                body = f.read()
            code = 200
        except OSError:
            body, code = b"not found\n", 404
        ctype = "text/plain"
        if full.endswith(".xml"):
            ctype = "application/rss+xml"
        elif full.endswith(".html"):
            ctype = "text/html; charset=utf-8"
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_HEAD = do_GET


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass

    def server_bind(self):
        # accepted sockets inherit it: a connection's first request too
        try:
            self.socket.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        except OSError:
            pass
        super().server_bind()


def bind_all():
    try:  # several addresses, one port where it is free on all
        first = Server(("127.0.0.2", 0), Handler)
        servers = [first]
        port = first.server_address[1]
        for i in range(1, NHOSTS):
            addr = "127.0.0.%d" % (2 + i)
            try:
                servers.append(Server((addr, port), Handler))
            except OSError:
                servers.append(Server((addr, 0), Handler))
        return servers
    except OSError:
        return [Server(("127.0.0.1", 0), Handler) for _ in range(NHOSTS)]


def main():
    servers = bind_all()
    for i, srv in enumerate(servers):
        srv.index = i
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    tmp = HOSTSFILE + ".tmp"
    with open(tmp, "w") as f:
        for srv in servers:
            f.write("http://%s:%d\n" % srv.server_address)
    os.rename(tmp, HOSTSFILE)
    threading.Event().wait()


if __name__ == "__main__":
    main()
