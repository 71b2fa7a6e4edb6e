#!/usr/bin/python3
"""Batch article extraction with readability-lxml (Debian python3-readability),
the same pages in one process, for bench/bench-extract.sh.
usage: extract-readability.py REPEAT FILE...   (prints the pages done)"""
import sys
from readability import Document
import lxml.html

repeat, files = int(sys.argv[1]), sys.argv[2:]
pages = [open(f, 'rb').read() for f in files]
done = 0
for _ in range(repeat):
    for html in pages:
        try:
            summary = Document(html).summary(html_partial=True)
            lxml.html.fromstring(summary).text_content()
        except Exception:
            pass
        done += 1
print(done)
