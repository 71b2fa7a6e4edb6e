#!/usr/bin/env python3
"""A chat-completions server for tests/cli/test_narrative.sh, on loopback
only. It speaks the OpenAI API's POST .../chat/completions; the first path
segment picks how it answers (http://127.0.0.1:PORT/MODE/v1):

  good            prose from the facts of the request only
  invent_figure   the good prose, plus sentences with figures not in the
                  facts (an amount in three spellings, a percentage, a year)
  invent_company  the good prose, plus sentences naming companies and
                  investors not in the facts
  invent_link     the good prose, plus sentences that tie two companies
                  of different facts together without a figure ("A is
                  buying B", "B was backed by A", "A and B agreed to merge")
  all_invented    only sentences the facts do not support
  empty           an empty answer
  broken          a body that is not JSON
  not_chat        JSON without choices
  slow            the good answer after 3 seconds
  error           HTTP 500
  redirect        307 to the good mode (must not be followed)
  auth            the good answer only with "Authorization: Bearer testkey"

Every request's JSON body is appended to LOG (one line each); every
invented sentence it sends is appended to LOG.invented (for counting the
share that reaches the page).

usage: server.py PORT_FILE LOG   (serves until killed)"""
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT_FILE, LOG = sys.argv[1], sys.argv[2]
LOCK = threading.Lock()


def facts_of(req):
    """The numbered facts of the request: dicts of field -> value."""
    user = [m["content"] for m in req.get("messages", []) if m.get("role") == "user"]
    out, totals = [], {}
    for line in (user[0].splitlines() if user else []):
        m = re.match(r"^(\d+)\. (\w+)(.*)$", line)
        if m:
            f = {"type": m.group(2)}
            for part in m.group(3).split("; "):
                if ": " in part:
                    k, v = part.split(": ", 1)
                    f[k.strip("; ")] = v
            out.append(f)
        m = re.match(r"^Totals: (\d+) events", line)
        if m:
            totals["events"] = int(m.group(1))
    return out, totals


def good_prose(facts, totals):
    s = []
    for f in facts[:4]:
        who = f.get("company") or f.get("acquirer") or f.get("organisation")
        if not who:
            continue
        if f["type"] == "funding" and "amount" in f:
            t = "%s raised %s" % (who, f["amount"].split(" (")[0])
            if "round" in f:
                t += " in a %s round" % f["round"]
            if "led by" in f:
                t += ", led by %s" % f["led by"]
            s.append(t + ".")
        elif f["type"] == "acquisition" and "target" in f:
            t = "%s is buying %s" % (who, f["target"])
            if "price" in f:
                t += " for %s" % f["price"].split(" (")[0]
            s.append(t + ".")
        elif "amount" in f:
            s.append("%s committed %s." % (who, f["amount"].split(" (")[0]))
    if "events" in totals:
        s.append("The section counts %d events." % totals["events"])
    return " ".join(s)


def invented(mode, facts):
    who = next((f.get("company") or f.get("acquirer") or f.get("organisation")
                for f in facts if f.get("company") or f.get("acquirer") or f.get("organisation")), "The leader")
    if mode == "invent_figure":
        return ["%s also raised $9.9 billion." % who,
                "%s is valued at 7.3bn dollars." % who,
                "%s's sales grew 45%%." % who,
                "%s raised 8,600 million dollars in 2019." % who]
    if mode == "invent_link":
        whos = []
        for f in facts:
            w = f.get("company") or f.get("acquirer") or f.get("organisation")
            line = " ".join(f.values())
            if w and all(w not in l and o not in line for o, l in whos):
                whos.append((w, line))
        if len(whos) < 2:
            return []
        a, b = whos[0][0], whos[1][0]
        return ["%s is buying %s." % (a, b),
                "%s was backed by %s." % (b, a),
                "%s and %s agreed to merge." % (a, b),
                "%s, which owns %s, grew." % (a, b),
                "%s partnered with %s." % (b, a)]
    return ["Zorblax Dynamics raised the most.",
            "%s was backed by Quantum Harbor Partners." % who,
            "Analysts at Vexley Research called it a record."]


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body, headers=()):
        b = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(b)

    def do_POST(self):
        parts = self.path.strip("/").split("/")
        mode = parts[0] if parts else ""
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n)
        with LOCK, open(LOG, "a") as f:
            f.write(raw.decode("utf-8", "replace").replace("\n", "\\n") + "\n")
        if parts[-2:] != ["chat", "completions"]:
            return self.send(404, '{"error": "no such endpoint"}')
        req = json.loads(raw or b"{}")
        facts, totals = facts_of(req)
        if mode == "error":
            return self.send(500, '{"error": "internal"}')
        if mode == "redirect":
            return self.send(307, "{}", [("Location", "/good/v1/chat/completions")])
        if mode == "broken":
            return self.send(200, '{"choices": [{"message": {"content": "half')
        if mode == "not_chat":
            return self.send(200, '{"object": "list", "data": []}')
        if mode == "auth" and self.headers.get("Authorization") != "Bearer testkey":
            return self.send(401, '{"error": "no key"}')
        if mode == "slow":
            time.sleep(3)
        text = good_prose(facts, totals)
        if mode in ("invent_figure", "invent_company", "invent_link", "all_invented"):
            inv = invented("invent_figure", facts) + invented("invent_company", facts) + \
                invented("invent_link", facts) \
                if mode == "all_invented" else invented(mode, facts)
            with LOCK, open(LOG + ".invented", "a") as f:
                for x in inv:
                    f.write(x + "\n")
            # the invented sentences between the good ones
            good = text.split(". ")
            text = " ".join(inv) if mode == "all_invented" else \
                good[0] + ("." if len(good) > 1 else "") + " " + " ".join(inv) + " " + ". ".join(good[1:])
        if mode == "empty":
            text = ""
        out = {"id": "t", "object": "chat.completion", "model": req.get("model"),
               "choices": [{"index": 0, "finish_reason": "stop",
                            "message": {"role": "assistant", "content": text}}]}
        self.send(200, json.dumps(out))


s = ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(s.server_address[1]))
import os
os.rename(PORT_FILE + ".tmp", PORT_FILE)
s.serve_forever()
