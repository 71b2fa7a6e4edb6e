#!/usr/bin/env python3
"""Writes N small RSS 2.0 feeds of K items each (funding, product and
deal stories of made-up companies), for measuring the store's cost per
document on ingest (bench/RESULTS.md, statement cache).
usage: gen-feeds.py N K OUTDIR [SEED]"""
import os
import random
import sys
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

n, k, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 11)
os.makedirs(out, exist_ok=True)
syll = ["ab", "bri", "cal", "dor", "eth", "fen", "gal", "hux", "iv", "jor", "kel", "lor",
        "mab", "nir", "oth", "pel", "quor", "rim", "sab", "tel", "ur", "vol", "wyn", "xer"]
kinds = ["Robotics", "Compute", "Devices", "AI", "Labs", "Chips", "Cloud", "Optics"]
rounds = ["seed", "Series A", "Series B", "Series C"]
funds = ["Larchmont Ventures", "Greyfield Capital", "Tidewater Partners", "Quarry Fund"]
base = datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc)

def name():
    return (rng.choice(syll) + rng.choice(syll)).capitalize() + " " + rng.choice(kinds)

def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;")

for f in range(n):
    host = "feed%03d.example" % f
    items = []
    for i in range(k):
        co, when = name(), base + timedelta(hours=rng.randrange(2000))
        amt = rng.choice([5, 12, 30, 45, 80, 150, 300])
        kind = rng.randrange(3)
        if kind == 0:
            title = "%s raises $%dm %s" % (co, amt, rng.choice(rounds))
            body = ("%s has raised $%d million in a %s round led by %s, the company said. "
                    "The money will pay for more engineers and a second factory line. "
                    "It sells its systems to warehouse and logistics firms." % (
                        co, amt, rng.choice(rounds), rng.choice(funds)))
        elif kind == 1:
            prod = rng.choice(["Vela", "Orin", "Tessa", "Kite"]) + " " + str(rng.randrange(2, 9))
            title = "%s launches %s" % (co, prod)
            body = ("%s on Tuesday launched %s, a module for running vision models at the edge. "
                    "The company said the %s uses half the power of its predecessor. "
                    "Shipments begin next quarter." % (co, prod, prod))
        else:
            other = name()
            title = "%s to buy %s" % (co, other)
            body = ("%s agreed to acquire %s for $%d million, the companies said. "
                    "The deal is expected to close later this year, subject to approval. "
                    "%s makes sensors for autonomous machines." % (co, other, amt, other))
        url = "https://%s/news/%d-%d" % (host, f, i)
        items.append("<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>"
                     "<description>%s</description></item>" % (
                         esc(title), url, url, format_datetime(when), esc(body)))
    with open(os.path.join(out, "feed%03d.xml" % f), "w") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                 "<title>Feed %d</title><link>https://%s/</link><description>Test feed</description>\n%s\n"
                 "</channel></rss>\n" % (f, host, "\n".join(items)))
