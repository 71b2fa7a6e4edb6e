#!/usr/bin/env python3
"""Reads bench/web-server.py's request log and prints, as KEY=VALUE lines
for bench/bench-workers.sh:

  requests, articles, feeds, robots   requests of each kind
  feeds_twice                         feeds asked more than once
  articles_twice                      article pages asked more than once
  min_gap_ms                          the shortest time between two requests
                                      to one host (any host)
  under_delay                         gaps shorter than DELAY_MS (a few are
                                      the timing of a busy client and server)
  fast_gaps                           gaps shorter than half of DELAY_MS (two
                                      processes asking one host at once)
  busiest_host_s                      the longest span of one host's requests
  span_s                              first request to last

usage: web-check.py LOG DELAY_MS"""
import collections
import sys

log, delay = sys.argv[1], float(sys.argv[2])
per_host = collections.defaultdict(list)
paths = collections.Counter()
kinds = collections.Counter()
times = []
for line in open(log):
    parts = line.split()
    if len(parts) < 4:
        continue
    t, host, path = float(parts[0]), parts[1], parts[3]
    times.append(t)
    per_host[host].append(t)
    paths[(host, path)] += 1
    if path.startswith("/feeds/"):
        kinds["feeds"] += 1
    elif path.startswith("/news/"):
        kinds["articles"] += 1
    elif path == "/robots.txt":
        kinds["robots"] += 1
min_gap, under, fast, busiest = None, 0, 0, 0.0
for host, ts in per_host.items():
    ts.sort()
    busiest = max(busiest, ts[-1] - ts[0])
    for a, b in zip(ts, ts[1:]):
        g = (b - a) * 1000
        if min_gap is None or g < min_gap:
            min_gap = g
        if g < delay:
            under += 1
        if g < delay / 2:
            fast += 1
print("requests=%d" % len(times))
print("articles=%d" % kinds["articles"])
print("feeds=%d" % kinds["feeds"])
print("robots=%d" % kinds["robots"])
print("feeds_twice=%d" % sum(1 for (h, p), n in paths.items() if n > 1 and p.startswith("/feeds/")))
print("articles_twice=%d" % sum(1 for (h, p), n in paths.items() if n > 1 and p.startswith("/news/")))
print("min_gap_ms=%.1f" % (min_gap if min_gap is not None else -1))
print("under_delay=%d" % under)
print("fast_gaps=%d" % fast)
print("busiest_host_s=%.1f" % busiest)
print("span_s=%.1f" % ((max(times) - min(times)) if times else 0))
