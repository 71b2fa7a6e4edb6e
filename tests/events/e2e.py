#!/usr/bin/env python3
"""End to end: the real pipeline on a labelled set, served the way outlets serve it.

usage: e2e.py --mtrack BUILD/mtrack --gold real-dev.jsonl [--scorer events_score.py]
              [--excerpts wordpress|short] [--verbose] [--compare] [--keep DIR]
              [--fail-under F1]

The labelled articles (the events_score.py GOLD format: id, text whose first
line is the headline, published, events) are read at run time and never
written anywhere but a temporary folder (or --keep DIR). Each becomes an
HTML article page on one of two invented outlets, each outlet its own
loopback HTTP server (127.0.0.1, a free port; nothing else is contacted):

  - long URLs: a section path, a slug, an id, tracking parameters; outlet B's
    feed links go through a click-tracking redirect; rel=canonical on pages
  - site chrome: "Skip to content", a cookie banner, a navigation menu,
    breadcrumbs, a byline, share buttons, related-article links, a
    newsletter box, a footer; <title> "Headline | Outlet", og:title,
    article:published_time / <time datetime> / JSON-LD when the record has
    a date; body lines as <p> (a hard-wrapped wire text joined into its
    paragraphs), "- " lines as lists, short title-like lines as subheadings,
    a figure with its caption, an "Also read: <a>other headline</a>" line,
    an ad slot, names linked to topic pages (A), non-breaking spaces
    between figures and units (B)
  - one feed per outlet: A a WordPress RSS 2.0 feed set to excerpts (55
    words, " [&#8230;]", "The post X appeared first on Y.": more than 400
    characters, still a teaser; --excerpts short gives short teasers,
    --excerpts full the whole post in content:encoded), B an
    Atom feed with one-sentence summaries; headlines written the way
    WordPress writes them (&#8217;, &#038;; in B a type="html" CDATA title);
    ETags, robots.txt; no date in either when the record has none

Some stories (every 7th) are republished by the other outlet the way a
syndicated story is: another URL, a slightly different headline (Title
Case, a shortened headline, or figures spelt out), the same body (every
other copy with its figures spelt out and, when long, its last paragraph
cut) and a credit line. They appear on a second poll, after the originals
are stored.

The real CLI then runs as a user runs it: `mtrack init --tracker FILE` (the
default tracker with the two feeds as its only sources), `mtrack update`
twice (the second `--all`, after the republished copies appear), then
`mtrack report --format json` for every event with the documents citing it.

Scoring, corpus-wide, with the matching rules of shared/eval/events_score.py
(imported, not copied): the gold events of every record once (a republished
copy adds no gold event) against the store's events. A store event may
answer the gold events of each record whose documents it cites (an event
two records report is one event in the store); within one record each
event matches at most one gold event. Precision counts store events that
matched some gold event; recall counts gold events found.

Prints per-type P/R/F1, the documents stored, the pages fetched, what
became of the republished pairs, and last:
  e2e: F1 0.xxx precision 0.xxx recall 0.xxx (tp T, fp F, fn N)
--verbose adds MISS/EXTRA lines (record ids and fields); --compare also runs
`mtrack analyze` on each record's own text (the direct measure) and lists,
by record id, where end to end differs and what the stored document lost
(headline, date, body lines, feed text stored instead of the page).
"""
import argparse
import atexit
import email.utils
import hashlib
import html
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = ['funding', 'acquisition', 'stock_move', 'infrastructure']
REPUBLISH_EVERY = 7


def load_scorer(path):
    spec = importlib.util.spec_from_file_location('events_score', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---- the articles ----

def split_text(text):
    """(headline, body lines) as `ingest` reads a text article: leading
    white space skipped, the first line the headline."""
    t = text.lstrip()
    first, _, rest = t.partition('\n')
    return first.strip(), [l.strip() for l in rest.split('\n') if l.strip()]


def unwrap(lines):
    """A hard-wrapped text (a wire story cut at ~70 columns) as its
    paragraphs: lines joined until one ends a sentence. Other texts as they
    are, a line a paragraph."""
    if len(lines) < 4:
        return lines
    mid = sum(1 for l in lines if 40 <= len(l) <= 80)
    open_ = sum(1 for l in lines if not re.search(r'[.!?"\u201d)]$', l))
    if mid < 0.7 * len(lines) or open_ < 0.5 * len(lines):
        return lines
    out, cur = [], []
    for l in lines:
        cur.append(l)
        if re.search(r'[.!?"\u201d)]$', l):
            out.append(' '.join(cur))
            cur = []
    if cur:
        out.append(' '.join(cur))
    return out


def slugify(s, words=9):
    w = re.findall(r'[a-z0-9]+', s.lower())
    return '-'.join(w[:words]) or 'story'


SMALL = {'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'to', 'for', 'at', 'by', 'as', 'with', 'from'}


def title_case(s):
    out = []
    for i, w in enumerate(s.split(' ')):
        if w and w[0].islower() and (i == 0 or w not in SMALL):
            w = w[0].upper() + w[1:]
        out.append(w)
    return ' '.join(out)


def spell_figures(s):
    """'$40M' -> '$40 million', '$1.2B' -> '$1.2 billion' (a sub-editor's way)."""
    s2 = re.sub(r'(\d(?:[\d,.]*\d)?)\s?(?:M|mn|mln)\b', r'\1 million', s)
    s2 = re.sub(r'(\d(?:[\d,.]*\d)?)\s?(?:B|bn)\b', r'\1 billion', s2)
    return s2


def shorten(s):
    """A headline cut at a clause boundary past its first few words."""
    for sep in (' — ', ' – ', ' - ', ': ', '; ', ', '):
        k = s.find(sep, 25)
        if 0 < k < len(s) - 10:
            return s[:k].rstrip(' ,;:')
    return s.rstrip('.')


def republished_headline(h, k):
    for f in ((spell_figures, shorten, title_case)[(k + j) % 3] for j in range(3)):
        v = f(h)
        if v != h and v.strip():
            return v
    return h + ' (updated)'


def edited(lines, k):
    """The body as the republishing outlet runs it: every other copy has its
    figures spelt out by a sub-editor ('$40M' -> '$40 million') and, when
    long, loses its last paragraph (cut to fit)."""
    if k % 2 == 0:
        lines = [spell_figures(l) for l in lines]
    if len(lines) > 6:
        lines = lines[:-1]
    return lines


def teaser_of(lines, n=170):
    s = ''
    for l in lines:
        if len(l) > 60:
            s = l
            break
    if not s and lines:
        s = lines[0]
    if len(s) <= n:
        return s
    cut = s[:n].rsplit(' ', 1)[0]
    return cut.rstrip(' ,;:') + '…'


def excerpt_of(lines, words=55):
    """WordPress's excerpt of a post: its first 55 words, then ' [&#8230;]'."""
    w = ' '.join(lines).split()
    if len(w) <= words:
        return ' '.join(w)
    return ' '.join(w[:words]) + ' [\u2026]'


def day_of(published):
    try:
        return datetime.strptime(published, '%Y-%m-%d').replace(tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


# ---- the outlets ----

OUTLETS = [
    {'key': 'A', 'name': 'Circuit Ledger', 'feed': '/feed/', 'section': 'news'},
    {'key': 'B', 'name': 'Daily Compute Wire', 'feed': '/rss/technology.atom', 'section': 'business/technology'},
]

NAV = ['News', 'Chips', 'Data Centres', 'Funding', 'Markets', 'Policy', 'Opinion', 'Events', 'Podcasts']


def is_subhead(line, nxt):
    return (len(line) < 60 and not re.search(r'[.!?:;,"\u201d)]$', line) and not line.startswith(('-', '•'))
            and nxt is not None and len(nxt) > 80 and len(line.split()) <= 7)


NAME = re.compile(r'(?<=[a-z,] )([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?= )')


def para_html(text, style):
    """One paragraph as an outlet marks it up: the first name-like words of
    a paragraph linked to a topic page (A); non-breaking spaces between a
    figure and its unit (B)."""
    t = html.escape(text, quote=False)
    if style == 0:
        m = NAME.search(t)
        if m:
            t = t[:m.start()] + '<a href="/topic/%s/">%s</a>' % (slugify(m.group(1)), m.group(1)) + t[m.end():]
    else:
        t = re.sub(r'(\d) (million|billion|bn|mn|percent|per cent|%)', '\\1&nbsp;\\2', t)
    return t


def body_html(lines, style=0, also=None, ad_after=None):
    """The body: "- " lines as a list, short title-like lines as
    subheadings, a figure after the first paragraph, an "Also read" link to
    another story and (B) an ad slot inside the text."""
    out, in_list = [], False
    for i, l in enumerate(lines):
        bullet = re.match(r'^[-•*]\s+(.*)', l)
        if bullet:
            if not in_list:
                out.append('<ul>')
                in_list = True
            out.append('<li>%s</li>' % para_html(bullet.group(1), style))
            continue
        if in_list:
            out.append('</ul>')
            in_list = False
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if is_subhead(l, nxt):
            out.append('<h2>%s</h2>' % html.escape(l, quote=False))
        else:
            out.append('<p>%s</p>' % para_html(l, style))
        if i == 0 and len(lines) > 2:
            out.append('<figure class="wp-block-image"><img src="/uploads/lead-%d.jpg" alt="">'
                       '<figcaption>A file photo. (Image: agency)</figcaption></figure>' % len(l))
        if also and i == 1 and len(lines) > 4:
            u, t = also
            out.append(('<p><strong>Also read:</strong> <a href="%s">%s</a></p>' if style == 0 else
                        '<p class="inline-related">READ MORE: <a href="%s">%s</a></p>') % (esc(u), esc(t)))
        if ad_after is not None and i == ad_after:
            out.append('<div class="ad-slot ad-inline" aria-hidden="true"><span>Advertisement</span></div>')
    if in_list:
        out.append('</ul>')
    return '\n'.join(out)


def esc(s):
    return html.escape(s or '', quote=True)


def page_a(art, related):
    """A WordPress-like template."""
    d = art['date']
    meta_date = time_el = ''
    if d:
        local = d.replace(hour=10, minute=15).strftime('%Y-%m-%dT%H:%M:%S+02:00')
        meta_date = '<meta property="article:published_time" content="%s">\n' % local
        time_el = '<time class="entry-date published" datetime="%s">%s</time>' % (
            local, d.strftime('%B %-d, %Y'))
    rel = '\n'.join('<li><a href="%s">%s</a></li>' % (esc(u), esc(t)) for u, t in related)
    credit = ('<p><em>This article first appeared on %s and is republished with permission.</em></p>'
              % esc(art['credit'])) if art.get('credit') else ''
    return '''<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(title)s | Circuit Ledger</title>
<meta name="description" content="%(teaser)s">
<link rel="canonical" href="%(canon)s">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Circuit Ledger">
<meta property="og:title" content="%(title)s">
<meta property="og:description" content="%(teaser)s">
<meta property="og:url" content="%(canon)s">
%(meta_date)s<link rel="stylesheet" href="/wp-content/themes/ledger/style.css?ver=6.4.2">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
</head>
<body class="post-template-default single single-post postid-%(num)s">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<div id="cookie-notice" class="cookie-banner" role="dialog">
<p>We use cookies and similar technologies to improve your experience, measure traffic and personalise ads. By clicking "Accept all" you agree to this. <a href="/privacy-policy/">Privacy policy</a></p>
<button>Accept all</button> <button>Manage settings</button>
</div>
<header id="masthead" class="site-header">
<div class="site-branding"><a href="/" rel="home">Circuit Ledger</a><p class="site-description">Semiconductors, AI and the business of compute</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
%(nav)s
</ul></nav>
<div class="header-search"><form role="search" action="/"><input type="search" name="s" placeholder="Search"></form></div>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
<article id="post-%(num)s" class="post-%(num)s post type-post status-publish hentry">
<div class="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/news/">News</a> &raquo; <span>%(short)s</span></div>
<header class="entry-header">
<h1 class="entry-title">%(title)s</h1>
<div class="entry-meta"><span class="byline">By <a class="url fn n" href="/author/newsdesk/">News Desk</a></span> %(time_el)s <span class="reading-time">4 min read</span></div>
</header>
<div class="entry-content">
%(body)s
%(credit)s
</div>
<footer class="entry-footer">
<div class="share-buttons"><span>Share this article</span> <a href="/share/twitter/">Twitter</a> <a href="/share/linkedin/">LinkedIn</a> <a href="mailto:">Email</a></div>
<span class="tags-links">Tagged <a href="/tag/ai/" rel="tag">AI</a>, <a href="/tag/semiconductors/" rel="tag">Semiconductors</a></span>
</footer>
</article>
<section class="related-posts">
<h3>Related articles</h3>
<ul>
%(rel)s
</ul>
</section>
</main>
<aside id="secondary" class="widget-area">
<section class="widget newsletter-signup"><h3>The Ledger Briefing</h3><p>Get the day's chip and data-centre news in your inbox every morning.</p><form><input type="email" placeholder="Your email"><button>Sign up</button></form></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><p>&copy; 2026 Circuit Ledger. All rights reserved.</p><a href="/about/">About</a> <a href="/contact/">Contact</a> <a href="/privacy-policy/">Privacy</a></footer>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>
</body>
</html>
''' % {
        'title': esc(art['headline']), 'teaser': esc(art['teaser']), 'canon': esc(art['canonical']),
        'meta_date': meta_date, 'time_el': time_el, 'num': art['num'],
        'nav': '\n'.join('<li class="menu-item"><a href="/%s/">%s</a></li>' % (slugify(n), n) for n in NAV),
        'short': esc(art['headline'][:40]), 'body': body_html(art['lines'], 0, related[0] if related else None), 'credit': credit, 'rel': rel,
    }


def page_b(art, related):
    """A news-site template: div soup, JSON-LD, an inline ad, a sidebar."""
    d = art['date']
    ld = {'@context': 'https://schema.org', '@type': 'NewsArticle', 'headline': art['headline'],
          'mainEntityOfPage': art['canonical'], 'publisher': {'@type': 'Organization', 'name': 'Daily Compute Wire'}}
    stamp = ''
    if d:
        iso = d.replace(hour=9, minute=30).strftime('%Y-%m-%dT%H:%M:%SZ')
        ld['datePublished'] = iso
        ld['dateModified'] = d.replace(hour=11, minute=2).strftime('%Y-%m-%dT%H:%M:%SZ')
        stamp = '<div class="story-meta"><span class="byline">By Wire Staff</span> <time datetime="%s">%s</time></div>' % (
            iso, d.strftime('%d %b %Y, %H:%M UTC'))
    else:
        stamp = '<div class="story-meta"><span class="byline">By Wire Staff</span></div>'
    rel = '\n'.join('<div class="card"><a href="%s"><span class="card-title">%s</span></a></div>' % (esc(u), esc(t))
                    for u, t in related)
    credit = ('<p class="credit">Originally published by %s.</p>' % esc(art['credit'])) if art.get('credit') else ''
    return '''<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%(title)s - Daily Compute Wire</title>
<meta property="og:title" content="%(title)s">
<meta property="og:site_name" content="Daily Compute Wire">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="%(canon)s">
<script type="application/ld+json">%(ld)s</script>
<script async src="/static/js/ads.js"></script>
</head>
<body>
<div id="app">
<div class="top-bar"><a href="#main" class="sr-only skip">Skip to main content</a> <span class="ticker-tape">NVDA +1.2%% &middot; TSM -0.4%% &middot; ASML +0.8%%</span></div>
<div class="gdpr-consent" role="alertdialog"><div>Your privacy matters. We and our 142 partners store and access information on your device. <button>I agree</button> <button>Options</button></div></div>
<div class="header"><a class="logo" href="/">Daily Compute Wire</a>
<div class="menu"><a href="/">Home</a> <a href="/business/">Business</a> <a href="/business/technology/">Technology</a> <a href="/markets/">Markets</a> <a href="/world/">World</a> <a href="/video/">Video</a> <a href="/subscribe/">Subscribe</a></div>
</div>
<div class="page">
<div class="col-main" id="main">
<div class="story">
<div class="kicker"><a href="/business/technology/">Technology</a></div>
<h1 class="headline">%(title)s</h1>
%(stamp)s
<div class="story-body">
%(body)s
%(credit)s
</div>
<div class="story-tools"><a href="#">Share</a> <a href="#">Print</a> <a href="#">Gift this article</a></div>
</div>
<div class="more-stories"><h2>More from Technology</h2>
%(rel)s
</div>
</div>
<div class="col-side sidebar"><h3>Most read</h3><ol><li><a href="/markets/">Markets live: stocks open mixed</a></li><li><a href="/world/">Weather warnings across the region</a></li></ol>
<div class="ad-slot">Advertisement</div></div>
</div>
<div class="footer"><a href="/terms/">Terms</a> | <a href="/privacy/">Privacy</a> | <a href="/cookies/">Cookie settings</a> | &copy; Daily Compute Wire 2026</div>
</div>
</body>
</html>
''' % {
        'title': esc(art['headline']), 'canon': esc(art['canonical']),
        'ld': json.dumps(ld, ensure_ascii=False).replace('</', '<\\/'), 'stamp': stamp,
        'body': body_html(art['lines'], 1, related[-1] if related else None, ad_after=2), 'credit': credit, 'rel': rel,
    }


def texturize(s):
    """A headline as WordPress writes it in its feeds: HTML-escaped, '&' as
    &#038;, apostrophes and quotes as numeric references of curly ones."""
    s = html.escape(s, quote=False).replace('&amp;', '&#038;')
    s = re.sub(r"(\w)'(\w)", '\\1&#8217;\\2', s)
    s = re.sub(r'"(\w)', '&#8220;\\1', s)
    return s.replace('"', '&#8221;').replace("'", '&#8217;')


EXCERPTS = ['wordpress']


def description_a(base, a):
    """A WordPress feed set to excerpts, with the SEO plugin's credit line:
    '55 words [&#8230;]<p>The post <a>Headline</a> appeared first on <a>Site</a>.</p>'."""
    if EXCERPTS[0] == 'short':
        return '<p>%s</p>' % html.escape(a['teaser'], quote=False)
    ex = texturize(excerpt_of(a['lines'])).replace('\u2026', '&#8230;')
    return ('%s<p>The post <a href="%s">%s</a> appeared first on <a href="%s/">Circuit Ledger</a>.</p>'
            % (ex, esc(a['canonical']), texturize(a['headline']), base)).replace(']]>', ']]&gt;')


def content_a(base, a):
    """--excerpts full: WordPress's default, the whole post in
    content:encoded (with the in-text links and the SEO credit line)."""
    if EXCERPTS[0] != 'full':
        return ''
    rel = a.get('related') or []
    body = body_html(a['lines'], 0, rel[0] if rel else None)
    return ('\n<content:encoded><![CDATA[%s<p>The post <a href="%s">%s</a> appeared first on '
            '<a href="%s/">Circuit Ledger</a>.</p>]]></content:encoded>'
            % (body, esc(a['canonical']), texturize(a['headline']), base))


def rss_feed(base, arts):
    items = []
    for a in arts:
        date = '<pubDate>%s</pubDate>' % email.utils.format_datetime(
            a['date'].replace(hour=9, minute=30), usegmt=True) if a['date'] else ''
        items.append('''<item>
<title>%s</title>
<link>%s</link>
<guid isPermaLink="false">ledger-%s</guid>
%s
<dc:creator>News Desk</dc:creator>
<category>News</category>
<description><![CDATA[%s]]></description>%s
</item>''' % (texturize(a['headline']), esc(a['feed_link']), a['num'], date, description_a(base, a),
              content_a(base, a)))
    return '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Circuit Ledger</title>
<link>%s/</link>
<atom:link href="%s/feed/" rel="self" type="application/rss+xml"/>
<description>Semiconductors, AI and the business of compute</description>
<language>en-US</language>
%s
</channel>
</rss>
''' % (base, base, '\n'.join(items))


def atom_feed(base, arts):
    entries = []
    for a in arts:
        date = ''
        if a['date']:
            iso = a['date'].replace(hour=9, minute=30).strftime('%Y-%m-%dT%H:%M:%SZ')
            date = '<published>%s</published><updated>%s</updated>' % (iso, iso)
        entries.append('''<entry>
<title type="html"><![CDATA[%s]]></title>
<link rel="alternate" type="text/html" href="%s"/>
<id>tag:dailycomputewire.example,2026:%s</id>
%s
<author><name>Wire Staff</name></author>
<summary type="html">%s</summary>
</entry>''' % (texturize(a['headline']).replace(']]>', ']]&gt;'), esc(a['feed_link']), a['num'], date, esc(a['teaser'])))
    return '''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Daily Compute Wire: Technology</title>
<link rel="alternate" href="%s/business/technology/"/>
<link rel="self" href="%s/rss/technology.atom"/>
<id>tag:dailycomputewire.example,2026:technology</id>
%s
</feed>
''' % (base, base, '\n'.join(entries))


# ---- the servers ----

class Site:
    def __init__(self, outlet):
        self.outlet = outlet
        self.files = {}      # path -> (content type, bytes)
        self.redirects = {}  # path -> location
        self.log = []
        self.lock = threading.Lock()
        handler = self.handler()
        self.httpd = ThreadingHTTPServer(('127.0.0.1', 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = 'http://127.0.0.1:%d' % self.port
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def handler(self):
        site = self

        class H(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *a):
                pass

            def do_GET(self):
                path = self.path.split('?', 1)[0]
                with site.lock:
                    site.log.append(self.path)
                if path in site.redirects:
                    self.send_response(301)
                    self.send_header('Location', site.redirects[path])
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return
                got = site.files.get(path)
                if not got:
                    body = b'<html><body><h1>Not found</h1></body></html>'
                    self.send_response(404)
                    self.send_header('Content-Type', 'text/html')
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                ctype, body = got
                etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
                if self.headers.get('If-None-Match') == etag:
                    self.send_response(304)
                    self.send_header('ETag', etag)
                    self.send_header('Content-Length', '0')
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header('Content-Type', ctype)
                self.send_header('ETag', etag)
                self.send_header('Cache-Control', 'max-age=300')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return H

    def put(self, path, ctype, text):
        self.files[path] = (ctype, text.encode('utf-8'))

    def start(self):
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def page_gets(self):
        with self.lock:
            return sum(1 for p in self.log if p.split('?', 1)[0] in self.pages)


def build_articles(records, sites):
    """Each record as an original article on one outlet, every 7th also as a
    republished copy on the other."""
    arts = []
    for i, r in enumerate(records):
        headline, lines = split_text(r['text'])
        if not headline and lines:
            headline, lines = lines[0], lines[1:]
        date = day_of(r.get('published'))
        k = i % 2
        lines = unwrap(lines)
        arts.append({'rec': i, 'id': r['id'], 'outlet': k, 'headline': headline, 'lines': lines,
                     'date': date, 'copy': False})
        if i % REPUBLISH_EVERY == 3:
            arts.append({'rec': i, 'id': r['id'], 'outlet': 1 - k,
                         'headline': republished_headline(headline, i // REPUBLISH_EVERY),
                         'lines': edited(lines, i // REPUBLISH_EVERY), 'date': date, 'copy': True,
                         'credit': OUTLETS[k]['name']})
    for n, a in enumerate(arts):
        site = sites[a['outlet']]
        a['num'] = 40000 + 37 * n
        a['teaser'] = teaser_of(a['lines']) or a['headline']
        slug = slugify(a['headline'])
        d = a['date'] or datetime(2026, 11, 30, tzinfo=timezone.utc)
        if a['outlet'] == 0:
            path = '/news/%s/%s-%d/' % (d.strftime('%Y/%m/%d'), slug, a['num'])
            a['feed_link'] = site.base + path + '?utm_source=rss&utm_medium=rss&utm_campaign=%s' % slug[:30]
        else:
            h = hashlib.md5(('%s/%d' % (a['id'], n)).encode()).hexdigest()[:10]
            path = '/business/technology/%s--%s.html' % (slug, h)
            click = '/rss/click/%s' % h
            site.redirects[click] = (site.base + path + '?ncid=rss_technology&utm_source=feed'
                                     '&utm_medium=atom&utm_content=%d&ref=feeds' % a['num'])
            a['feed_link'] = site.base + click + '?fbclid=IwAR0x%s' % h[:6]
            a['click'] = click
        a['path'] = path
        a['canonical'] = site.base + path
    return arts


def publish(arts, sites, copies, keep=None):
    """Puts the pages and feeds on the servers; copies says whether the
    republished copies are out yet."""
    for s in sites:
        s.pages = set()
    by_outlet = [[], []]
    for a in arts:
        if a['copy'] and not copies:
            continue
        by_outlet[a['outlet']].append(a)
    for k, s in enumerate(sites):
        mine = by_outlet[k]
        for j, a in enumerate(mine):
            others = [b for b in mine[j + 1:j + 4] + mine[max(0, j - 3):j] if b is not a][:4]
            related = [(b['canonical'], b['headline']) for b in others]
            a['related'] = related
            page = (page_a if k == 0 else page_b)(a, related)
            s.put(a['path'], 'text/html; charset=UTF-8', page)
            s.pages.add(a['path'])
            if keep:
                os.makedirs(os.path.join(keep, 'pages'), exist_ok=True)
                with open(os.path.join(keep, 'pages', '%s%s.html' % (a['id'], '-copy' if a['copy'] else '')),
                          'w', encoding='utf-8') as f:
                    f.write(page)
        # newest first, the republished copies on top
        order = [a for a in mine if a['copy']] + sorted(
            [a for a in mine if not a['copy']], key=lambda a: a['date'] or datetime.min.replace(tzinfo=timezone.utc),
            reverse=True)
        if k == 0:
            s.put(OUTLETS[0]['feed'], 'application/rss+xml; charset=UTF-8', rss_feed(s.base, order))
        else:
            s.put(OUTLETS[1]['feed'], 'application/atom+xml; charset=utf-8', atom_feed(s.base, order))
        s.put('/robots.txt', 'text/plain', 'User-agent: *\nDisallow: /search\nDisallow: /wp-admin/\n')


# ---- running mtrack ----

def run(argv, env, timeout=300):
    p = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def tracker_ini(mtrack, env, feeds):
    """The default tracker with every [source] section replaced by ours."""
    rc, out, err = run([mtrack, 'init', '--write-config', '-'], env)
    if rc != 0:
        sys.exit('e2e: mtrack init --write-config failed: %s' % err.strip())
    kept, skipping = [], False
    for line in out.split('\n'):
        if line.startswith('['):
            skipping = line.lower().startswith('[source ')
        if not skipping:
            kept.append(line)
    for url, title in feeds:
        kept.append('[source %s]' % url)
        kept.append('title = %s' % title)
    return '\n'.join(kept) + '\n'


def path_of(url):
    m = re.match(r'^[a-z]+://[^/]+(/[^?#]*)', url or '')
    return m.group(1) if m else None


# ---- scoring ----

def prf(tp_pred, fp, tp_gold, fn):
    p = tp_pred / (tp_pred + fp) if tp_pred + fp else (1.0 if fn == 0 else 0.0)
    r = tp_gold / (tp_gold + fn) if tp_gold + fn else 1.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def score(sc, records, events, types):
    """events: [(event dict, set of record indexes)]. Returns per-type
    [tp_pred, fp, tp_gold, fn], per record the matched gold indexes, and the
    unmatched events."""
    stats = {t: [0, 0, 0, 0] for t in types}
    per_rec = {i: [] for i in range(len(records))}
    for k, (e, recs) in enumerate(events):
        for i in recs:
            per_rec[i].append(k)
    matched_ev = set()
    found = {}
    for i, r in enumerate(records):
        gold = [g for g in r.get('events', []) if g.get('type') in types]
        used = set()
        found[i] = []
        for gi, g in enumerate(gold):
            hit = None
            for k in per_rec[i]:
                if k not in used and sc.match(g, events[k][0]):
                    hit = k
                    break
            if hit is None:
                stats[g['type']][3] += 1
                continue
            used.add(hit)
            matched_ev.add(hit)
            stats[g['type']][2] += 1
            found[i].append(gi)
    extra = []
    for k, (e, recs) in enumerate(events):
        if k in matched_ev:
            stats[e['type']][0] += 1
        else:
            stats[e['type']][1] += 1
            extra.append(k)
    return stats, found, extra


def direct_found(sc, mtrack, records, types, tmp, env):
    """Per record, the gold indexes `mtrack analyze` finds on the record's
    own text, and its unmatched predictions (the direct measure)."""
    res = {}
    for i, r in enumerate(records):
        path = os.path.join(tmp, 'direct-%d.txt' % i)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(r['text'])
        argv = [mtrack, 'analyze', '--json'] + (['--date', r['published']] if r.get('published') else []) + [path]
        rc, out, err = run(argv, env, 30)
        try:
            pred = [p for p in json.loads(out).get('events', []) if p.get('type') in types]
        except ValueError:
            pred = []
        gold = [g for g in r.get('events', []) if g.get('type') in types]
        used, got = set(), []
        for gi, g in enumerate(gold):
            for k, p in enumerate(pred):
                if k not in used and sc.match(g, p):
                    used.add(k)
                    got.append(gi)
                    break
        res[i] = (got, len(pred) - len(used))
    return res


def norm(s):
    s = (s or '').replace('\u2019', "'").replace('\u2018', "'").replace('\u201c', '"').replace('\u201d', '"')
    return re.sub(r'\s+', ' ', s).strip().lower()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--mtrack', required=True)
    ap.add_argument('--gold', required=True)
    ap.add_argument('--scorer', help='events_score.py (default: GOLD/../../eval/events_score.py)')
    ap.add_argument('--types', default=','.join(TYPES))
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--compare', action='store_true', help='also the direct measure, record by record')
    ap.add_argument('--keep', help='work in this folder and leave it (the store, the pages)')
    ap.add_argument('--excerpts', choices=['wordpress', 'short', 'full'], default='wordpress',
                    help="outlet A's feed entries: WordPress's 55-word excerpts with the SEO credit line "
                         "(default), short teasers like outlet B's, or full: the whole post in "
                         "content:encoded (no page fetched)")
    ap.add_argument('--fail-under', type=float)
    a = ap.parse_args()
    types = a.types.split(',')
    EXCERPTS[0] = a.excerpts
    mtrack = os.path.abspath(a.mtrack)
    scorer = a.scorer or os.path.join(os.path.dirname(os.path.abspath(a.gold)), '..', '..', 'eval',
                                      'events_score.py')
    sc = load_scorer(scorer)
    records = [json.loads(l) for l in open(a.gold, encoding='utf-8') if l.strip()]

    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        tmp = a.keep
    else:
        tmp = tempfile.mkdtemp(prefix='mtrack-e2e.')
        atexit.register(shutil.rmtree, tmp, True)
    env = dict(os.environ)
    env['MTRACK_DB'] = os.path.join(tmp, 'e2e.db')
    for k in ('http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'):
        env.pop(k, None)
    env['NO_PROXY'] = env['no_proxy'] = '127.0.0.1,localhost'
    if os.path.exists(env['MTRACK_DB']):
        os.remove(env['MTRACK_DB'])

    sites = [Site(o) for o in OUTLETS]
    t0 = time.time()
    try:
        arts = build_articles(records, sites)
        publish(arts, sites, copies=False, keep=a.keep)
        for s in sites:
            s.start()
        feeds = [(s.base + o['feed'], o['name']) for s, o in zip(sites, OUTLETS)]
        ini = os.path.join(tmp, 'tracker.ini')
        with open(ini, 'w', encoding='utf-8') as f:
            f.write(tracker_ini(mtrack, env, feeds))
        rc, out, err = run([mtrack, 'init', '--tracker', ini], env)
        if rc != 0:
            sys.exit('e2e: mtrack init failed: %s' % err.strip())
        # Never anything but our loopback servers.
        rc, out, err = run([mtrack, 'sources', 'list'], env)
        urls = [l for l in out.split('\n') if re.match(r'^[a-z]+://', l)]
        bad = [u for u in urls if not any(u.startswith(s.base + '/') for s in sites)]
        if rc != 0 or bad or len(urls) != 2:
            sys.exit('e2e: unexpected sources %s' % (bad or urls or err.strip()))
        ups = []
        rc, out, err = run([mtrack, 'update', '--delay', '0', '--timeout', '20'], env)
        ups.append((rc, out.strip().split('\n')[-1] if out.strip() else err.strip()))
        pages1 = sum(s.page_gets() for s in sites)
        publish(arts, sites, copies=True, keep=a.keep)
        rc2, out, err = run([mtrack, 'update', '--all', '--delay', '0', '--timeout', '20'], env)
        ups.append((rc2, out.strip().split('\n')[-1] if out.strip() else err.strip()))
        pages = sum(s.page_gets() for s in sites)
        rc3, rep, err = run([mtrack, 'report', '--format', 'json'], env)
        if rc3 != 0:
            sys.exit('e2e: mtrack report failed: %s' % err.strip())
        rc4, evs, err = run([mtrack, 'events', '--format', 'json', '--limit', '1000000'], env)
    finally:
        for s in sites:
            s.stop()
    secs = time.time() - t0

    path_rec = {a['path']: a for a in arts}
    path_rec.update({a['click']: a for a in arts if a.get('click')})
    report = json.loads(rep)
    src_recs = {}
    unmapped = 0
    for s in report.get('sources', []):
        a_ = path_rec.get(path_of(s.get('url')))
        if a_ is None:
            unmapped += 1
        src_recs[s['n']] = a_
    # Every event of the store (the report lists only each section's top
    # items), each with the pages that reported it: its mentions' documents
    # and every URL that carried them, read from the store.
    events = []
    all_ids = set()
    try:
        ev_rows = json.loads(evs)
    except (ValueError, TypeError):
        ev_rows = []
    edb = sqlite3.connect('file:%s?mode=ro' % env['MTRACK_DB'], uri=True)
    for e in ev_rows:
        all_ids.add(e['id'])
        urls = [u for (u,) in edb.execute(
            'SELECT DISTINCT u.url FROM event_mentions m JOIN document_urls u ON u.document_id = m.document_id '
            'WHERE m.event_id = ? UNION SELECT DISTINCT d.canonical_url FROM event_mentions m '
            'JOIN documents d ON d.id = m.document_id WHERE m.event_id = ? AND d.canonical_url IS NOT NULL',
            (e['id'], e['id']))]
        pages_ = [path_rec.get(path_of(u)) for u in urls]
        pages_ = [p_ for p_ in pages_ if p_]
        recs = {p_['rec'] for p_ in pages_}
        ev = dict(e['event'])
        ev['_id'] = e['id']
        ev['_cites'] = sorted({p_['id'] + ('*' if p_['copy'] else '') for p_ in pages_})
        events.append((ev, recs))
    edb.close()
    events.sort(key=lambda x: x[0]['_id'])
    scored = [(e, r) for e, r in events if e.get('type') in types]
    stats, found, extra = score(sc, records, scored, types)

    # ---- the store, for the counts and the diagnosis ----
    docs = {}
    try:
        db = sqlite3.connect('file:%s?mode=ro' % env['MTRACK_DB'], uri=True)
        for did, title, pub, text, canon in db.execute(
                'SELECT id, title, published, text, canonical_url FROM documents'):
            docs[did] = {'title': title, 'published': pub, 'text': text, 'urls': [canon] if canon else []}
        for did, url in db.execute('SELECT document_id, url FROM document_urls'):
            if did in docs:
                docs[did]['urls'].append(url)
        db.close()
    except sqlite3.Error as e:
        print('e2e: the store could not be read for the diagnosis: %s' % e)
    art_doc = {}
    for did, d in docs.items():
        for u in d['urls']:
            a_ = path_rec.get(path_of(u))
            if a_ is not None:
                art_doc[id(a_)] = did
    pairs = [(o, c) for o in arts for c in arts if c['copy'] and not o['copy'] and o['rec'] == c['rec']]
    one_doc = two_docs_merged = split = missing = 0
    split_ids, two_ids = [], []
    ev_docs = {}
    for e, recs in events:
        ev_docs[e['_id']] = recs
    for o, c in pairs:
        do, dc = art_doc.get(id(o)), art_doc.get(id(c))
        if do is None or dc is None:
            missing += 1
        elif do == dc:
            one_doc += 1
        else:
            # two documents: are the copy's events the original's?
            ec = [e for e, _ in events if c['id'] + '*' in e['_cites']]
            if all(o['id'] in e['_cites'] for e in ec):
                two_docs_merged += 1
                two_ids.append(o['id'])
            else:
                split += 1
                split_ids.append(o['id'])

    print('e2e: %d records on 2 outlets (127.0.0.1:%d, 127.0.0.1:%d), %d republished on the other outlet'
          % (len(records), sites[0].port, sites[1].port, len(pairs)))
    for k, (rc_, line) in enumerate(ups):
        print('update %d (exit %d): %s' % (k + 1, rc_, line))
    print('pages fetched: %d (%d on the first update, %d on the second); pages served: %d'
          % (pages, pages1, pages - pages1, len(arts)))
    print('documents stored: %d (report: %d); events: %d (report), %d (events --format json)%s'
          % (len(docs), report.get('summary', {}).get('documents', -1), len(events), len(all_ids),
             '' if not unmapped else '; %d cited documents not ours' % unmapped))
    print('republished pairs: %d one document, %d two documents with the same events%s, %d split%s, %d missing'
          % (one_doc, two_docs_merged, (' (%s)' % ' '.join(two_ids)) if two_ids else '', split,
             (' (%s)' % ' '.join(split_ids)) if split_ids else '', missing))

    # ---- diagnosis ----
    if a.compare or a.verbose:
        lost_head, lost_date, teaser_only, lost_lines = [], [], [], []
        for art in arts:
            did = art_doc.get(id(art))
            if did is None:
                continue
            d = docs[did]
            own = [x for x in arts if art_doc.get(id(x)) == did]
            if art['copy'] and any(not x['copy'] for x in own):
                continue  # merged into the original: judged there
            if norm(d['title']) != norm(art['headline']):
                lost_head.append(art['id'])
            want = art['date'].strftime('%Y-%m-%d') if art['date'] else None
            got = (d['published'] or '')[:10] or None
            if want != got and (want or got):
                lost_date.append('%s(%s->%s)' % (art['id'], want, got))
            text = norm(d['text'])
            body = norm(' '.join(art['lines']))
            if text == norm(art['teaser']) or 'appeared first on' in text or len(text) < 0.7 * len(body):
                teaser_only.append(art['id'])
                continue
            gone = [n for n, l in enumerate(art['lines'])
                    if norm(re.sub(r'^[-•*]\s+', '', l)) not in text]
            if gone:
                lost_lines.append('%s(%s of %d%s)' % (art['id'], len(gone), len(art['lines']),
                                                    ', line 1' if 0 in gone else ''))
        print('stored headline differs from the page\'s: %d %s' % (len(lost_head), ' '.join(lost_head)))
        print('stored date differs: %d %s' % (len(lost_date), ' '.join(lost_date)))
        print('feed text stored instead of the page: %d %s' % (len(teaser_only), ' '.join(teaser_only)))
        print('body lines lost in extraction: %d %s' % (len(lost_lines), ' '.join(lost_lines)))
    if a.verbose:
        for i, r in enumerate(records):
            gold = [g for g in r.get('events', []) if g.get('type') in types]
            for gi, g in enumerate(gold):
                if gi not in found[i]:
                    print('MISS %s %s' % (r['id'], json.dumps(g, ensure_ascii=False)[:160]))
        for k in extra:
            e = scored[k][0]
            shown = {x: e.get(x) for x in ('type', 'company', 'acquirer', 'target', 'organization', 'amount_usd',
                                             'change_pct', 'ticker') if e.get(x) is not None}
            print('EXTRA %s %s' % (','.join(e['_cites']) or '?', json.dumps(shown, ensure_ascii=False)[:160]))
    if a.compare:
        dr = direct_found(sc, mtrack, records, types, tmp, env)
        dtp = sum(len(v[0]) for v in dr.values())
        dfp = sum(v[1] for v in dr.values())
        dgold = sum(1 for r in records for g in r.get('events', []) if g.get('type') in types)
        f, p, rc_ = prf(dtp, dfp, dtp, dgold - dtp)
        print('direct (mtrack analyze on each record\'s text): F1 %.3f precision %.3f recall %.3f' % (f, p, rc_))
        worse = [r['id'] for i, r in enumerate(records) if set(dr[i][0]) - set(found[i])]
        better = [r['id'] for i, r in enumerate(records) if set(found[i]) - set(dr[i][0])]
        print('gold found directly, not end to end: %d records %s' % (len(worse), ' '.join(worse)))
        print('gold found end to end, not directly: %d records %s' % (len(better), ' '.join(better)))

    for t in types:
        tpp, fp, tpg, fn = stats[t]
        f, p, r = prf(tpp, fp, tpg, fn)
        print('%-15s F1 %.3f  P %.3f  R %.3f  (tp %d, fp %d, fn %d)' % (t, f, p, r, tpg, fp, fn))
    tpp = sum(s[0] for s in stats.values())
    fp = sum(s[1] for s in stats.values())
    tpg = sum(s[2] for s in stats.values())
    fn = sum(s[3] for s in stats.values())
    f, p, r = prf(tpp, fp, tpg, fn)
    print('time: %.1f s' % secs)
    print('e2e: F1 %.3f precision %.3f recall %.3f (tp %d, fp %d, fn %d)' % (f, p, r, tpg, fp, fn))
    if a.fail_under is not None and f < a.fail_under:
        sys.exit(1)


if __name__ == '__main__':
    main()
