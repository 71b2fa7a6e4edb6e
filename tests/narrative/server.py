#!/usr/bin/env python3
"""A chat-completions server for tests/cli/test_narrative.sh, on loopback
only. It speaks the OpenAI API's POST /v1/chat/completions; the first path
segment picks how it answers (http://127.0.0.1:PORT/MODE/v1):

  good            the facts of the request retold, last first
  invent_figure   the facts plus a sentence with a figure not in them
  invent_company  the facts plus a sentence naming a company not in them
  wrong_unit      the facts plus a sentence with a right number, wrong unit
  all_invented    only sentences the facts do not support
  broken          a body that is not JSON
  not_chat        JSON without choices
  slow            the good answer after 3 seconds
  error           HTTP 500
  auth            the good answer only with "Authorization: Bearer testkey"

usage: server.py PORT_FILE   (writes the port it listens on, serves until killed)"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INVENTED = {
    "invent_figure": "The theme also saw a $9.9 billion round.",
    "invent_company": "Zorblax Dynamics raised the most.",
}


def facts_of(req):
    user = [m["content"] for m in req.get("messages", []) if m.get("role") == "user"]
    lines = user[0].splitlines() if user else []
    return [l[2:] for l in lines if l.startswith("- ")]


def wrong_unit(facts):
    for f in facts:
        if " billion" in f:
            return f.replace(" billion", " million", 1)
    return "The rounds raised $1 trillion."


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="application/json"):
        b = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)

    def do_POST(self):
        parts = self.path.strip("/").split("/")
        mode = parts[0] if parts else ""
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n) or b"{}")
        if parts[-2:] != ["chat", "completions"]:
            return self.send(404, '{"error": "no such endpoint"}')
        facts = facts_of(req)
        if mode == "error":
            return self.send(500, '{"error": "internal"}')
        if mode == "broken":
            return self.send(200, '{"choices": [{"message": {"content": "half')
        if mode == "not_chat":
            return self.send(200, '{"object": "list", "data": []}')
        if mode == "auth" and self.headers.get("Authorization") != "Bearer testkey":
            return self.send(401, '{"error": "no key"}')
        if mode == "slow":
            time.sleep(3)
        text = " ".join(reversed(facts))
        if mode in INVENTED:
            text += " " + INVENTED[mode]
        elif mode == "wrong_unit":
            text += " " + wrong_unit(facts)
        elif mode == "all_invented":
            text = INVENTED["invent_figure"] + " " + INVENTED["invent_company"]
        out = {"id": "t", "object": "chat.completion", "model": req.get("model"),
               "choices": [{"index": 0, "finish_reason": "stop",
                            "message": {"role": "assistant", "content": text}}]}
        self.send(200, json.dumps(out))


s = ThreadingHTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.serve_forever()
