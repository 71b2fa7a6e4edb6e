#!/usr/bin/env python3
"""Checks of a store filled from bench/gen-web.py's web, for
bench/bench-workers.sh.

  web-stories.py stories STORIES.tsv URLMAP
      URLMAP: "URL<tab>DOCUMENT_ID" lines (the store's document_urls).
      Prints stored_once (stories whose every URL is in one document that
      tells no other story), missing (stories with no URL stored), split
      (stories in two or more documents), shared (documents holding URLs
      of several stories), urls_missing (URLs of the web no document has).
  web-stories.py events EVENTS.json [--no-first-seen]
      Prints the events of `mtrack events --format json` one a line, ids
      and the order aside (and their first_seen), sorted (for comparing
      two stores with cmp).
"""
import collections
import json
import sys

if sys.argv[1] == "stories":
    doc_of = {}
    for line in open(sys.argv[3]):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 2:
            doc_of[parts[0]] = parts[1]
    once = missing = split = urls_missing = 0
    stories_of_doc = collections.defaultdict(set)
    rows = []
    for line in open(sys.argv[2]):
        s, _co, _amt, urls = line.rstrip("\n").split("\t")
        docs = {doc_of.get(u) for u in urls.split()}
        urls_missing += sum(1 for u in urls.split() if u not in doc_of)
        docs.discard(None)
        rows.append((s, docs))
        for d in docs:
            stories_of_doc[d].add(s)
    shared = sum(1 for d, ss in stories_of_doc.items() if len(ss) > 1)
    for s, docs in rows:
        if not docs:
            missing += 1
        elif len(docs) > 1:
            split += 1
        elif len(stories_of_doc[next(iter(docs))]) == 1:
            once += 1
    print("stories=%d" % len(rows))
    print("stored_once=%d" % once)
    print("missing=%d" % missing)
    print("split=%d" % split)
    print("shared=%d" % shared)
    print("urls_missing=%d" % urls_missing)
elif sys.argv[1] == "events":
    out = []
    for e in json.load(open(sys.argv[2])):
        e.pop("id", None)
        if "--no-first-seen" in sys.argv[3:]:
            e.pop("first_seen", None)
        out.append(json.dumps(e, sort_keys=True))
    for line in sorted(out):
        print(line)
else:
    sys.exit("usage: web-stories.py stories STORIES.tsv URLMAP | events EVENTS.json [--no-first-seen]")
