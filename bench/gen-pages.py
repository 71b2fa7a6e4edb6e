#!/usr/bin/env python3
"""Writes N realistic-looking news pages (HTML with navigation, an article,
related links and a footer) into a folder, for the ingest benchmark.
usage: gen-pages.py N OUTDIR [SEED [START]]
START (default 0) numbers the pages (file names, canonical URLs) from START,
so that batches written with other seeds and starts are different pages."""
import os
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
start = int(sys.argv[4]) if len(sys.argv) > 4 else 0
os.makedirs(out, exist_ok=True)

syll = ["ar", "bel", "cor", "dex", "en", "fal", "gra", "hel", "ion", "jun", "kor", "lum",
        "mer", "nov", "or", "pax", "quin", "ros", "sil", "tor", "ul", "ver", "wex", "xan", "yor", "zel"]
kinds = ["Semiconductor", "Compute", "Systems", "AI", "Labs", "Silicon", "Networks", "Photonics"]
cities = [("London", "UK-based"), ("Paris", "Paris-based"), ("Berlin", "Berlin-based"),
          ("Austin", "Texas-based"), ("Bengaluru", "Bengaluru-based"), ("Tel Aviv", "Israeli"),
          ("Toronto", "Canadian"), ("Seoul", "Seoul-based"), ("Shenzhen", "Shenzhen-based")]
rounds = ["seed", "Series A", "Series B", "Series C", "Series D", "growth"]
funds = ["Northgate Ventures", "Halcyon Capital", "Bluefin Partners", "Orbit Fund", "Cedar Growth",
         "Meridian Equity", "Atlas Tech Fund", "Kestrel Capital"]
filler = [
    "The company said demand from cloud operators had grown sharply over the past year.",
    "Analysts said the deal reflected continued appetite for specialised AI hardware.",
    "Its chips are designed to run large language models at a fraction of the power of general-purpose GPUs.",
    "The firm employs about {e} people and plans to double headcount by the end of next year.",
    "Customers include several European telecom operators and two national research labs.",
    "Competition in inference hardware has intensified as hyperscalers design their own accelerators.",
    "The proceeds will fund a new design centre and the tape-out of its next-generation chip.",
    "Executives declined to comment on the company's valuation.",
]

def name():
    return (rng.choice(syll) + rng.choice(syll)).capitalize() + " " + rng.choice(kinds)

for i in range(start, start + n):
    co, city, rnd = name(), rng.choice(cities), rng.choice(rounds)
    amt = rng.choice([5, 12, 18, 25, 40, 65, 90, 120, 250, 400])
    lead, other = rng.sample(funds, 2)
    day = 1 + i % 28
    title = f"{co} raises ${amt} million {rnd} round"
    paras = [f"{co}, a {city[1]} maker of AI inference chips, said on Tuesday it had raised ${amt} million "
             f"in a {rnd} round led by {lead}, with participation from {other}."]
    for _ in range(rng.randint(4, 8)):
        paras.append(rng.choice(filler).format(e=rng.randint(40, 900)))
    rel = "".join(f'<li><a href="/news/{rng.randint(1, 99999)}">{name()} opens office in {rng.choice(cities)[0]}</a></li>'
                  for _ in range(5))
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Chip Ledger</title>
<link rel="canonical" href="https://chipledger.example/news/2026/03/{i}">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Chip Ledger">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2026-03-{day:02d}T08:00:00Z","author":{{"@type":"Person","name":"Staff"}}}}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/chips">Chips</a></li><li><a href="/dc">Data centres</a></li><li><a href="/funding">Funding</a></li></ul></nav></header>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<main><article><h1>{title}</h1><p class="byline">By Staff, March {day}, 2026</p>
{body}</article>
<aside><h2>Related stories</h2><ul>{rel}</ul></aside></main>
<footer><p>Copyright 2026 Chip Ledger. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""
    with open(os.path.join(out, f"page{i:05d}.html"), "w") as f:
        f.write(page)
