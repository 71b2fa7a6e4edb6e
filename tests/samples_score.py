#!/usr/bin/env python3
"""Scores the events mtrack stored from samples/ against the answer key
tests/samples-expected.md: per type, how many expected events were found
(same organisation and, where the key gives one, the same amount within 2%),
how many stored events match nothing, and how many expected events were
split over several stored events (the same story not merged across outlets).

usage: samples_score.py KEY EVENTS_JSON [--min-recall R] [--min-precision P]
EVENTS_JSON is the output of `mtrack events --format json`. Exits 1 below
the thresholds. Last line: "samples: recall R precision P split S"."""
import argparse
import json
import re
import sys

SUFFIXES = {"inc", "ltd", "limited", "llc", "corp", "corporation", "co", "plc", "gmbh",
            "ag", "sa", "group", "holdings", "the", "ai", "labs", "technologies"}


def fold(name):
    words = re.findall(r"[a-z0-9]+", (name or "").lower())
    return [w for w in words if w not in SUFFIXES]


def same_org(a, b):
    x, y = fold(a), fold(b)
    if not x or not y:
        return False
    n = min(len(x), len(y))
    return x[:n] == y[:n] or " ".join(x) in " ".join(y) or " ".join(y) in " ".join(x)


def key_events(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if not re.match(r"\| E\d\d ", line):
            continue
        c = [x.strip() for x in line.strip().strip("|").split("|")]
        eid, typ, org, _amt, usd, _rnd, _cc, det, _files = c
        kv = dict(p.split("=", 1) for p in det.split("; ") if "=" in p)
        out.append({"id": eid, "type": typ, "org": org,
                    "usd": None if usd in ("—", "") else float(usd),
                    "target": kv.get("target"), "ticker": kv.get("ticker")})
    return out


def org_of(e):
    ev = e["event"]
    return {"acquisition": ev.get("acquirer"), "infrastructure": ev.get("organization")}.get(
        ev["type"], ev.get("company"))


def usd_of(e):
    ev = e["event"]
    return ev.get("price_usd") if ev["type"] == "acquisition" else ev.get("amount_usd")


def matches(k, e):
    ev = e["event"]
    if ev["type"] != k["type"]:
        return False
    if k["type"] == "acquisition":
        return same_org(k["org"], ev.get("acquirer")) and same_org(k["target"], ev.get("target"))
    if k["type"] == "stock_move":
        return same_org(k["org"], ev.get("company")) or (ev.get("ticker") or "").upper().endswith(k["ticker"] or "?")
    if not same_org(k["org"], org_of(e)):
        return False
    if k["type"] == "funding" and k["usd"]:
        got = usd_of(e)
        return got is not None and abs(got - k["usd"]) <= 0.02 * k["usd"]
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("key")
    ap.add_argument("events")
    ap.add_argument("--min-recall", type=float, default=0)
    ap.add_argument("--min-precision", type=float, default=0)
    a = ap.parse_args()
    keys = key_events(a.key)
    got = json.load(open(a.events))
    used = set()
    found = split = 0
    for k in keys:
        hits = [i for i, e in enumerate(got) if matches(k, e)]
        if hits:
            found += 1
            split += len(hits) > 1
            used.update(hits)
        else:
            print(f"missed {k['id']} {k['type']} {k['org']}")
    extra = [e for i, e in enumerate(got) if i not in used]
    for e in extra:
        print(f"extra {e['event']['type']} {org_of(e)} {usd_of(e)}")
    recall = found / len(keys) if keys else 0
    precision = len(used) / len(got) if got else 0
    print(f"samples: recall {recall:.3f} precision {precision:.3f} split {split}")
    if recall < a.min_recall or precision < a.min_precision:
        sys.exit(1)


main()
