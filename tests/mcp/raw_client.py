#!/usr/bin/env python3
"""Drives `mtrack mcp` with raw JSON-RPC lines and prints PASS/FAIL lines.

usage: raw_client.py MTRACK DB
The store DB must hold the bundled samples (tests/cli/test_mcp.sh makes it).
"""
import json
import os
import select
import subprocess
import sys
import time

MTRACK, DB = sys.argv[1], sys.argv[2]
TIMEOUT = 120 if os.environ.get("MTRACK_SAN") == "1" else 30


def ok(name, cond, why=""):
    if cond:
        print(f"PASS mcp_{name}")
    else:
        print(f"FAIL mcp_{name}: {why}")
    sys.stdout.flush()
    return cond


class Server:
    def __init__(self, *extra):
        self.p = subprocess.Popen([MTRACK, "--db", DB, "mcp", *extra], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 0

    def send_raw(self, data: bytes):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def read_line(self):
        deadline = time.time() + TIMEOUT
        fd = self.p.stdout.fileno()
        while b"\n" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([fd], [], [], left)
            if not r:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def request(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send_raw(json.dumps(msg).encode() + b"\n")
        return self.read_line()

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send_raw(json.dumps(msg).encode() + b"\n")

    def call(self, tool, args):
        return self.request("tools/call", {"name": tool, "arguments": args})

    def close(self):
        self.p.stdin.close()
        try:
            rc = self.p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = -1
        self.p.stdout.close()
        self.err = self.p.stderr.read().decode(errors="replace")
        self.p.stderr.close()
        return rc


def result(r):
    return r.get("result") if isinstance(r, dict) else None


def err_code(r):
    return r.get("error", {}).get("code") if isinstance(r, dict) else None


def structured(r):
    """The tool result's structuredContent, checked against its text."""
    res = result(r) or {}
    sc = res.get("structuredContent")
    text = (res.get("content") or [{}])[0].get("text", "")
    if sc is None or res.get("isError"):
        return None
    return sc if json.loads(text) == sc else None


s = Server()

# ---- lifecycle ----
r = s.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                             "clientInfo": {"name": "raw", "version": "1"}})
res = result(r) or {}
ok("initialize_version", res.get("protocolVersion") == "2025-06-18", str(r)[:300])
ok("initialize_server_info", res.get("serverInfo", {}).get("name") == "mtrack"
   and res.get("serverInfo", {}).get("version"), str(res.get("serverInfo")))
caps = res.get("capabilities", {})
ok("initialize_capabilities", "tools" in caps and "resources" in caps, str(caps))
s.notify("notifications/initialized")
r = s.request("ping")
ok("notification_unanswered_and_ping", r and r.get("id") == s.next_id and result(r) == {}, str(r))

# ---- tools/list ----
r = s.request("tools/list")
tools = {t["name"]: t for t in (result(r) or {}).get("tools", [])}
ok("tools_list", set(tools) == {"search", "list_events", "get_event", "get_report", "add_source"},
   str(sorted(tools)))
ok("tools_schemas", all(t.get("inputSchema", {}).get("type") == "object" and t.get("description")
                        for t in tools.values()), "a tool without an object inputSchema")

# ---- search ----
r = s.call("search", {"query": "Nscale", "limit": 3})
sc = structured(r)
ok("search_finds", sc is not None and 1 <= len(sc["results"]) <= 3
   and any("Nscale" in (h.get("title") or "") for h in sc["results"]), str(r)[:300])
r = s.call("search", {"query": "zzqqxxnothing"})
sc = structured(r)
ok("search_nothing", sc is not None and sc["results"] == [], str(r)[:300])

# ---- list_events ----
r = s.call("list_events", {"type": "funding", "min_usd": 100e6, "limit": 50})
sc = structured(r)
evs = sc["events"] if sc else []
ok("list_events_filter", len(evs) >= 3 and all(e["event"]["type"] == "funding"
   and (e["event"].get("amount_usd") or 0) >= 100e6 for e in evs), str(r)[:300])
p1 = structured(s.call("list_events", {"limit": 3, "offset": 0})) or {"events": []}
p2 = structured(s.call("list_events", {"limit": 3, "offset": 3})) or {"events": []}
ids1 = [e["id"] for e in p1["events"]]
ids2 = [e["id"] for e in p2["events"]]
ok("list_events_pages", len(ids1) == 3 and len(ids2) == 3 and not set(ids1) & set(ids2),
   f"{ids1} {ids2}")
everything = structured(s.call("list_events", {"limit": 200})) or {"events": []}
ok("list_events_total", p1.get("total") == p2.get("total") == len(everything["events"]) > 3
   and everything.get("total") == len(everything["events"]),
   f"{p1.get('total')} {p2.get('total')} {len(everything['events'])}")
sc = structured(s.call("list_events", {"theme": "investment", "limit": 5}))
ok("list_events_theme", sc is not None and sc["events"]
   and all(e["theme"] == "investment" for e in sc["events"]), str(sc)[:300])
r = s.call("list_events", {"theme": "no-such-theme"})
ok("list_events_unknown_theme", (result(r) or {}).get("isError") is True, str(r)[:300])
sc = structured(s.call("list_events", {"org": "Nvidia", "type": "acquisition"}))
ok("list_events_org", sc is not None and all(e["event"]["type"] == "acquisition"
   for e in sc["events"]), str(sc)[:300])

# ---- get_event ----
eid = evs[0]["id"] if evs else 1
sc = structured(s.call("get_event", {"id": eid}))
ok("get_event", sc is not None and sc["id"] == eid and len(sc["mentions"]) >= 1
   and all(m.get("sentence") and m.get("document_id") for m in sc["mentions"]), str(sc)[:300])
ok("get_event_sources", sc is not None and len(sc["mentions"]) == sc["sources"]
   and all(m.get("url") and m.get("title") for m in sc["mentions"]), str(sc)[:300])
r = s.call("get_event", {"id": 99999999})
ok("get_event_unknown", (result(r) or {}).get("isError") is True, str(r)[:300])

# ---- get_report ----
r = s.call("get_report", {"format": "md"})
text = ((result(r) or {}).get("content") or [{}])[0].get("text", "")
ok("get_report_md", text.startswith("# ") and "Sources" in text, text[:200])
sc = structured(s.call("get_report", {"format": "json"}))
ok("get_report_json", sc is not None and sc.get("tracker", {}).get("name") == "ai-infra", str(sc)[:200])
r = s.call("get_report", {"tracker": "nope"})
ok("get_report_unknown_tracker", (result(r) or {}).get("isError") is True, str(r)[:300])

# ---- resources ----
r = s.request("resources/list")
uris = {x["uri"]: x for x in (result(r) or {}).get("resources", [])}
ok("resources_list", "mtrack://trackers/ai-infra/report.md" in uris
   and uris["mtrack://trackers/ai-infra/report.md"].get("mimeType") == "text/markdown"
   and "mtrack://trackers/ai-infra/report.json" in uris, str(r)[:300])
r = s.request("resources/read", {"uri": "mtrack://trackers/ai-infra/report.md"})
c = ((result(r) or {}).get("contents") or [{}])[0]
ok("resources_read_md", c.get("mimeType") == "text/markdown" and c.get("text", "").startswith("# "),
   str(r)[:300])
r = s.request("resources/read", {"uri": "mtrack://trackers/ai-infra/report.json"})
c = ((result(r) or {}).get("contents") or [{}])[0]
ok("resources_read_json", c.get("mimeType") == "application/json"
   and json.loads(c.get("text", "null"))["tracker"]["name"] == "ai-infra", str(r)[:300])
r = s.request("resources/read", {"uri": "mtrack://trackers/nope/report.md"})
ok("resources_read_unknown", err_code(r) == -32002, str(r)[:300])
r = s.request("resources/read", {"uri": "file:///etc/passwd"})
ok("resources_read_foreign", err_code(r) == -32002, str(r)[:300])

# ---- errors ----
s.send_raw(b'{"jsonrpc":"2.0","id":77,"method":\n')
r = s.read_line()
ok("malformed_json", err_code(r) == -32700 and r.get("id") is None, str(r))
ok("unknown_method", err_code(s.request("frobnicate")) == -32601)
ok("bad_params_missing_query", err_code(s.call("search", {})) == -32602)
ok("bad_params_wrong_type", err_code(s.call("list_events", {"limit": "ten"})) == -32602)
ok("bad_params_bad_date", err_code(s.call("list_events", {"since": "March"})) == -32602)
ok("bad_params_no_tool_name", err_code(s.request("tools/call", {"arguments": {}})) == -32602)
ok("unknown_tool", err_code(s.call("launch_missiles", {})) == -32602)
ok("bad_params_not_object", err_code(s.request("tools/call", [1, 2])) == -32602)
s.send_raw(b'[{"jsonrpc":"2.0","id":1,"method":"ping"}]\n')
ok("batch_refused", err_code(s.read_line()) == -32600)
s.send_raw(b'{"jsonrpc":"1.0","id":5,"method":"ping"}\n')
ok("wrong_jsonrpc_version", err_code(s.read_line()) == -32600)
s.send_raw(b'{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}\n')
ok("bad_id_type", err_code(s.read_line()) == -32600)
s.send_raw(b'{"jsonrpc":"2.0","id":6,"method":"ping","x":"\xff\xfe"}\n')
ok("invalid_utf8", err_code(s.read_line()) == -32700)
s.send_raw(b"[" * 100000 + b"\n")
ok("deep_nesting", err_code(s.read_line()) in (-32700, -32600))
s.send_raw(b'{"jsonrpc":"2.0","id":8,"method":"ping","pad":"' + b"a" * (3 << 19) + b'"}\n')
r = s.read_line()
ok("oversized_message", err_code(r) == -32600, str(r)[:200])
ok("alive_after_errors", result(s.request("ping")) == {})

# ---- add_source ----
for name, url in [("loopback", "http://127.0.0.1/feed.xml"), ("localhost", "http://localhost:8080/"),
                  ("ipv6_loopback", "http://[::1]/feed"), ("private", "https://10.1.2.3/rss"),
                  ("link_local", "http://169.254.169.254/latest/meta-data/"),
                  ("mapped", "http://[::ffff:192.168.0.1]/"), ("decimal_ip", "http://2130706433/"),
                  ("ftp", "ftp://example.com/feed"), ("file", "file:///etc/passwd")]:
    r = s.call("add_source", {"url": url})
    ok(f"add_source_refuses_{name}", (result(r) or {}).get("isError") is True, str(r)[:300])
ok("add_source_needs_url", err_code(s.call("add_source", {"title": "x"})) == -32602)

rc = s.close()
ok("eof_exits_0", rc == 0, f"exit {rc}: {s.err[-300:]}")
ok("stderr_only_logs", "mtrack: mcp:" in s.err, s.err[-200:])

# --allow-private lets a local source in.
s = Server("--allow-private")
r = s.request("initialize", {"protocolVersion": "2024-11-05", "capabilities": {},
                             "clientInfo": {"name": "raw", "version": "1"}})
ok("initialize_older_version", (result(r) or {}).get("protocolVersion") == "2024-11-05", str(r)[:200])
r = s.call("add_source", {"url": "http://127.0.0.1:9/mcp-test-feed.xml", "title": "Local"})
sc = structured(r)
ok("add_source_allow_private", sc is not None and sc["id"] > 0, str(r)[:300])
# the same URL in other cases is the same source, its title kept
r = s.call("add_source", {"url": "HTTP://LocalHost:9/mcp-case-feed.xml", "title": "Cased"})
sc1 = structured(r) or {}
r = s.call("add_source", {"url": "http://LOCALHOST:9/mcp-case-feed.xml", "title": "Other"})
sc2 = structured(r) or {}
ok("add_source_url_normalised", sc1.get("url") == "http://localhost:9/mcp-case-feed.xml" and sc1.get("added") is True,
   str(sc1)[:300])
ok("add_source_known_title_kept", sc2.get("id") == sc1.get("id") and sc2.get("added") is False
   and sc2.get("title") == "Cased", str(sc2)[:300])
rc = s.close()
ok("second_session_exits_0", rc == 0, f"exit {rc}")
