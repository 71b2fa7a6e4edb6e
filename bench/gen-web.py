#!/usr/bin/env python3
"""Writes a web of news outlets for bench/bench-workers.sh: FEEDS RSS
feeds of ITEMS teaser entries each, spread over the hosts of HOSTSFILE (one
base URL a line, as bench/web-server.py writes it), and an article page for
every entry. Three quarters of the entries are stories of their own (made-up
companies raising money, one company a story); the other quarter are those
stories re-published by a second outlet (another host, another URL): the
same article text inside that outlet's own page (its name, navigation,
cookie banner, related links and footer), so a third of the stories are
told twice. Feed entries carry a teaser ("... Read more"), so `update`
fetches every article page.

Also writes ROOT/sources.opml (every feed) and ROOT/stories.tsv (story,
company, amount in millions, the URLs that carry it).

usage: gen-web.py HOSTSFILE ROOT [FEEDS [ITEMS [SEED]]]   (defaults 400 10 5)
Pages go to ROOT/hNN/ for host NN (the folder web-server.py serves)."""
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

hosts = [l.strip() for l in open(sys.argv[1]) if l.strip()]
root = sys.argv[2]
nfeeds = int(sys.argv[3]) if len(sys.argv) > 3 else 400
items = int(sys.argv[4]) if len(sys.argv) > 4 else 10
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 5)
H = len(hosts)
slots = [(f, j) for f in range(nfeeds) for j in range(items)]
nstories = len(slots) * 3 // 4
nrepub = len(slots) - nstories

syll = ["ba", "cer", "dul", "fen", "gor", "hal", "ist", "jan", "kov", "lem", "mor", "nas", "ost",
        "pra", "qui", "rul", "sen", "tav", "umb", "vel", "wir", "xen", "yas", "zor", "ald", "bry"]
kinds = ["Semiconductor", "Compute", "Systems", "Robotics", "Labs", "Silicon", "Networks", "Photonics"]
places = [("London", "London-based"), ("Lyon", "Lyon-based"), ("Munich", "Munich-based"),
          ("Denver", "Colorado-based"), ("Pune", "Pune-based"), ("Haifa", "Haifa-based"),
          ("Montreal", "Montreal-based"), ("Busan", "Busan-based"), ("Oslo", "Oslo-based")]
rounds = ["seed", "Series A", "Series B", "Series C", "Series D"]
funds = ["Harrow Ventures", "Quillon Capital", "Saltmarsh Partners", "Brightwater Fund",
         "Oakridge Growth", "Tessellate Equity", "Lumen Tech Fund", "Corvid Capital", "Pinecrest Ventures"]
products = ["inference accelerators", "optical interconnects", "edge AI modules", "memory controllers",
            "power management chips", "data centre cooling systems", "robot vision sensors"]
outlet_words = ["Wire", "Ledger", "Dispatch", "Review", "Monitor", "Journal", "Signal", "Bulletin"]
outlet_first = ["Chip", "Silicon", "Compute", "Circuit", "Wafer", "Foundry", "Kernel", "Fabric",
                "Vector", "Tensor", "Lattice", "Photon", "Node", "Core", "Gate", "Die", "Logic",
                "Socket", "Cache", "Bus", "Clock", "Pixel", "Qubit", "Relay"]


def company(s):
    a, b, c = s % 26, (s // 26) % 26, (s // 676) % 26
    return (syll[c] + syll[b] + syll[a]).capitalize() + " " + kinds[(s * 7) % len(kinds)]


def outlet(h):
    return "The %s %s" % (outlet_first[h % len(outlet_first)], outlet_words[(h // 3) % len(outlet_words)])


def host_of(slot):
    return slot[0] % H


base = datetime(2026, 11, 2, 7, 0, tzinfo=timezone.utc)
stories = []
for s in range(nstories):
    co = company(s)
    place, adj = places[s % len(places)]
    amt = [6, 14, 22, 35, 48, 75, 110, 160, 240, 420][rng.randrange(10)]
    rnd = rng.choice(rounds)
    lead, other = rng.sample(funds, 2)
    prod = rng.choice(products)
    staff = rng.randint(25, 900)
    paras = [
        "%s, a %s maker of %s, said on Tuesday it had raised $%d million in a %s round led by %s, "
        "with participation from %s." % (co, adj, prod, amt, rnd, lead, other),
        "The company, founded in %d, employs %d people in %s and plans to hire %d more over the next "
        "eighteen months." % (2010 + s % 14, staff, place, 10 + s % 190),
        "%s said the money would pay for a second design team and for pilot deployments with %d customers "
        "that run %s in production." % (co, 2 + s % 30, prod),
    ]
    extra = [
        "Chief executive %s %s said orders had grown for %d consecutive quarters." % (
            rng.choice(["Ana", "Bram", "Chen", "Dalia", "Emeka", "Farah", "Goran", "Hana"]),
            rng.choice(["Okafor", "Lindqvist", "Moreau", "Petrov", "Tanaka", "Varga", "Weiss"]), 3 + s % 9),
        "Its previous round, in %d, raised $%d million." % (2018 + s % 7, 2 + s % 19),
        "The firm declined to give its valuation, but said revenue in %s had doubled." % place,
        "Rivals in the market for %s include several larger chip makers and at least %d start-ups." % (
            prod, 4 + s % 40),
        "%s expects to ship its next product in the %s half of %d." % (
            co, rng.choice(["first", "second"]), 2027 + s % 2),
    ]
    rng.shuffle(extra)
    paras += extra[:rng.randint(2, 5)]
    stories.append({"co": co, "amt": amt, "rnd": rnd, "paras": paras,
                    "when": base + timedelta(minutes=7 * s), "urls": []})

# which entry tells which story: the first nstories slots in a shuffled
# order are the originals, the rest re-publish an original of another host
order = slots[:]
rng.shuffle(order)
entry = {}
for s, slot in enumerate(order[:nstories]):
    entry[slot] = (s, False)
orig_slot = {s: slot for slot, (s, r) in entry.items()}
chosen = rng.sample(range(nstories), nrepub)
for attempt in range(100):  # every re-publication on a host other than its original's
    pool, repub = chosen[:], {}
    rng.shuffle(pool)
    for slot in order[nstories:]:
        k = next((k for k, s in enumerate(pool) if host_of(orig_slot[s]) != host_of(slot)), None)
        if k is None:
            break
        repub[slot] = (pool.pop(k), True)
    else:
        entry.update(repub)
        break
else:
    sys.exit("gen-web: cannot put every re-published story on another host")

def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slug(t):
    return "".join(c if c.isalnum() else "-" for c in t.lower()).strip("-")


def page(h, url, st, republished):
    o = outlet(h)
    title = "%s raises $%d million %s round" % (st["co"], st["amt"], st["rnd"])
    nav = "".join('<li><a href="/%s">%s</a></li>' % (slug(w), w)
                  for w in ["Home", "Chips", "Cloud", "Funding", "Deals", outlet_first[h % 24] + " Weekly"])
    rel = "".join('<li><a href="/news/r%d.html">%s opens a lab in %s</a></li>' % (
        rng.randrange(10 ** 6), company(rng.randrange(10 ** 4)), rng.choice(places)[0]) for _ in range(4))
    body = "".join("<p>%s</p>\n" % esc(p) for p in st["paras"])
    # (a credit line inside the article, past its text, made 197 of the
    # 1,000 copies separate documents: the near-duplicate check missed them)
    credit = ('<p class="note">This story first appeared on a partner site and is republished '
              'with permission.</p>' if republished else "")
    published = st["when"] + (timedelta(hours=3) if republished else timedelta(0))
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<link rel="canonical" href="%s">
<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"%s","datePublished":"%s"}</script>
</head><body>
<header><div class="brand">%s</div><nav><ul>%s</ul></nav></header>
<div class="cookie">%s uses cookies to count readers. <button>Fine</button></div>
<main><article><h1>%s</h1><p class="byline">By the %s newsroom</p>
%s</article>
<aside><h2>More from %s</h2><ul>%s</ul></aside></main>
<footer>%s<p>Copyright 2026 %s. Reproduction needs our written consent.</p><a href="/terms">Terms</a></footer>
</body></html>
""" % (esc(title), esc(o), url, esc(title), esc(o), esc(title), published.strftime("%Y-%m-%dT%H:%M:%SZ"),
       esc(o), nav, esc(o), esc(title), esc(o), body, esc(o), rel, credit, esc(o))


feeds = {}
for f in range(nfeeds):
    h = f % H
    d = os.path.join(root, "h%02d" % h)
    os.makedirs(os.path.join(d, "feeds"), exist_ok=True)
    os.makedirs(os.path.join(d, "news"), exist_ok=True)
    with open(os.path.join(d, "robots.txt"), "w") as fh:
        fh.write("User-agent: *\nDisallow: /private/\n")
    lines = []
    for j in range(items):
        s, republished = entry[(f, j)]
        st = stories[s]
        name = "%d-%s.html" % (f * items + j, slug(st["co"]))
        url = "%s/news/%s" % (hosts[h], name)
        st["urls"].append(url)
        with open(os.path.join(d, "news", name), "w") as fh:
            fh.write(page(h, url, st, republished))
        title = "%s raises $%d million %s round" % (st["co"], st["amt"], st["rnd"])
        when = st["when"] + (timedelta(hours=3) if republished else timedelta(0))
        lines.append("<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>"
                     "<description>%s has raised new money. Read more</description></item>" % (
                         esc(title), url, url, format_datetime(when), esc(st["co"])))
    feed_url = "%s/feeds/f%03d.xml" % (hosts[h], f)
    feeds[f] = feed_url
    with open(os.path.join(d, "feeds", "f%03d.xml" % f), "w") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                 "<title>%s: feed %d</title><link>%s/</link><description>News</description>\n%s\n"
                 "</channel></rss>\n" % (esc(outlet(h)), f, hosts[h], "\n".join(lines)))

with open(os.path.join(root, "sources.opml"), "w") as fh:
    fh.write('<?xml version="1.0"?>\n<opml version="2.0"><head><title>bench web</title></head><body>\n')
    for f in range(nfeeds):
        fh.write('<outline type="rss" text="feed %d" title="%s: feed %d" xmlUrl="%s"/>\n' % (
            f, esc(outlet(f % H)), f, feeds[f]))
    fh.write("</body></opml>\n")
with open(os.path.join(root, "stories.tsv"), "w") as fh:
    for s, st in enumerate(stories):
        fh.write("%d\t%s\t%d\t%s\n" % (s, st["co"], st["amt"], " ".join(st["urls"])))
print("%d feeds on %d hosts, %d article pages, %d stories (%d told twice)" % (
    nfeeds, H, len(slots), nstories, nrepub))
