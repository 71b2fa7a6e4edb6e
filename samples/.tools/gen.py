#!/usr/bin/python3
# Renders samples/pages/*.html and samples/feeds/* from pages.py and feeds.py
# (the articles/ are written by hand). Usage: gen.py [SAMPLES_DIR]
import datetime, html, json, os, sys
from email.utils import format_datetime
from xml.sax.saxutils import escape as xesc

sys.dont_write_bytecode = True  # no __pycache__ inside samples/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages import PAGES
from feeds import CHIPWIRE, SILICONLEDGER, INFERENCEREPORT

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

OUTLETS = {
 "capitalcircuit": dict(name="Capital Circuit", domain="capitalcircuit.example", lang="en",
    layout="a", cookie=True, nav=["Funding", "Deals", "Public markets", "Analysis", "Newsletters"],
    related="Related stories", publisher_logo="/static/logo-cc.png",
    promo=("Five questions to ask before backing a neocloud", "/analysis/2026/02/27/neocloud-questions"),
    footer="Capital Circuit covers the money behind computing. \u00a9 2026 Capital Circuit Media."),
 "eurotechjournal": dict(name="Euro Tech Journal", domain="eurotechjournal.example", lang="en-GB",
    layout="b", cookie=True, nav=["Start-ups", "Policy", "Infrastructure", "Features", "Events"],
    related="More from Euro Tech Journal", publisher_logo="/assets/etj-logo.svg",
    footer="\u00a9 2026 Euro Tech Journal. Independent reporting on Europe's technology industry."),
 "dcdispatch": dict(name="Datacentre Dispatch", domain="dcdispatch.example", lang="en-GB",
    layout="c", cookie=False, nav=["Projects", "Operators", "Power", "Cooling", "Analysis", "Jobs"],
    related="Read next", publisher_logo="/img/dcd-mark.png",
    footer="Datacentre Dispatch \u2014 news for the people who build and run data centres. \u00a9 2026."),
 "markettape": dict(name="Market Tape", domain="markettape.example", lang="en-US",
    layout="a", cookie=False, nav=["Stocks", "Columns", "Explainers", "Watchlists"],
    related="More market stories", publisher_logo="/static/mt.png",
    promo=("How we calculate closing prices", "/help/closing-prices"),
    footer="\u00a9 2026 Market Tape. Prices are delayed. Nothing on this site is investment advice."),
 "asiacompute": dict(name="Asia Compute Review", domain="asiacompute.example", lang="en",
    layout="b", cookie=True, nav=["China", "Japan", "Korea", "India", "Southeast Asia", "Funding"],
    related="You may also like", publisher_logo="/static/acr-logo.png",
    footer="Asia Compute Review \u00a9 2026. All rights reserved."),
 "bharattechdaily": dict(name="Bharat Tech Daily", domain="bharattechdaily.example", lang="en-IN",
    layout="c", cookie=True, nav=["Telecom", "Start-ups", "Policy", "Gadgets", "Energy"],
    related="Also read", publisher_logo="/static/btd.png",
    footer="\u00a9 2026 Bharat Tech Daily. Made in Bengaluru."),
}

def e(s):
    """Escapes text for HTML content or a double-quoted attribute."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

def human_date(d, style):
    if style == "a":
        return d.strftime("%B %-d, %Y")
    if style == "b":
        return d.strftime("%-d %B %Y")
    return d.strftime("%-d %b %Y, %H:%M")

def body_html(paras, indent="      "):
    out = []
    for p in paras:
        if p.startswith("## "):
            out.append(f"{indent}<h2>{e(p[3:])}</h2>")
        else:
            out.append(f"{indent}<p>{e(p)}</p>")
    return "\n".join(out)

def slug_of(path):
    return path.rstrip("/").rsplit("/", 1)[-1]

def jsonld(p, o, url, d):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": p["headline"],
        "description": p["desc"],
        "image": [f"https://{o['domain']}/images/{slug_of(p['path'])}.jpg"],
        "datePublished": p["date"],
        "dateModified": p["date"],
        "author": [{"@type": "Person", "name": p["author"],
                    "url": f"https://{o['domain']}/authors/{p['author'].lower().replace(' ', '-')}"}],
        "publisher": {"@type": "Organization", "name": o["name"],
                      "logo": {"@type": "ImageObject", "url": f"https://{o['domain']}{o['publisher_logo']}"}},
        "articleSection": p["section"],
        "keywords": p["tags"],
        "inLanguage": o["lang"],
    }
    lay = o["layout"]
    if lay == "b":
        # a @graph with the page, the article and the publisher, as many CMSs emit
        art = dict(data)
        del art["@context"]
        art["publisher"] = {"@id": f"https://{o['domain']}/#org"}
        art["isPartOf"] = {"@id": url}
        data = {"@context": "https://schema.org", "@graph": [
            {"@type": "WebPage", "@id": url, "url": url, "name": p["headline"]},
            art,
            dict(data["publisher"], **{"@id": f"https://{o['domain']}/#org"}),
        ]}
    elif lay == "c":
        # a single author object and a plain image URL
        data["author"] = data["author"][0]
        data["image"] = data["image"][0]
    s = json.dumps(data, ensure_ascii=False, indent=2)
    return s.replace("</", "<\\/")

COOKIE = {
 "a": """<div class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to measure traffic and to remember your preferences. You can change your choice at any time in Privacy settings.</p>
  <button type="button" class="btn accept">Accept all</button>
  <button type="button" class="btn reject">Reject non-essential</button>
</div>""",
 "b": """<div id="consent" class="consent-overlay" hidden>
  <div class="consent-box">
    <h2>Your privacy</h2>
    <p>With your permission we and our partners store and access information on your device for analytics and personalised content.</p>
    <a class="btn" href="/privacy#choices">Manage choices</a> <button class="btn primary">I agree</button>
  </div>
</div>""",
 "c": """<section class="gdpr-notice" aria-live="polite">
  <p>This site uses essential cookies only, plus optional analytics if you allow them. <a href="/cookies">Cookie policy</a></p>
  <button class="gdpr-ok">OK</button>
</section>""",
}

def page(p):
    o = OUTLETS[p["outlet"]]
    lay = o["layout"]
    url = f"https://{o['domain']}{p['path']}"
    d = datetime.datetime.fromisoformat(p["date"])
    slug = slug_of(p["path"])
    nav = "\n".join(f'        <li><a href="/{n.lower().replace(" ", "-")}/">{e(n)}</a></li>' for n in o["nav"])
    related = "\n".join(f'        <li><a href="https://{o["domain"]}{u}">{e(t)}</a></li>' for t, u in p["related"])
    tags = ", ".join(f'<a href="/tag/{t.lower().replace(" ", "-")}">{e(t)}</a>' for t in p["tags"])
    author_url = f"/authors/{p['author'].lower().replace(' ', '-')}"
    charset = ('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
               if lay == "c" else '<meta charset="utf-8">')
    head = f"""<!DOCTYPE html>
<html lang="{o['lang']}">
<head>
  {charset}
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(p['headline'])} | {e(o['name'])}</title>
  <meta name="description" content="{e(p['desc'])}">
  <meta name="author" content="{e(p['author'])}">
  <link rel="canonical" href="{url}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{e(o['name'])}">
  <meta property="og:title" content="{e(p['headline'])}">
  <meta property="og:description" content="{e(p['desc'])}">
  <meta property="og:url" content="{url}">
  <meta property="og:image" content="https://{o['domain']}/images/{slug}.jpg">
  <meta property="og:locale" content="{o['lang'].replace('-', '_') if '-' in o['lang'] else 'en_US'}">
  <meta property="article:published_time" content="{p['date']}">
  <meta property="article:section" content="{e(p['section'])}">
  <meta name="twitter:card" content="summary_large_image">
  <link rel="icon" href="/favicon.ico">
  <link rel="stylesheet" href="/static/css/site.css">
  <script type="application/ld+json">
{jsonld(p, o, url, d)}
  </script>
</head>
"""
    cookie = COOKIE[lay] if o["cookie"] else ""
    if lay == "a":
        bodyh = f"""<body class="article-page">
{cookie}
<header class="site-header">
  <div class="wrap">
    <a class="logo" href="/">{e(o['name'])}</a>
    <nav class="primary-nav" aria-label="Sections">
      <ul>
{nav}
      </ul>
    </nav>
    <form class="search" action="/search" role="search"><input type="search" name="q" placeholder="Search"></form>
    <a class="subscribe" href="/subscribe">Subscribe</a>
  </div>
</header>
<main id="content" class="wrap">
  <article class="story">
    <header class="story-header">
      <p class="kicker"><a href="/{p['section'].lower()}/">{e(p['section'])}</a></p>
      <h1>{e(p['headline'])}</h1>
      <p class="standfirst">{e(p['desc'])}</p>
      <p class="byline">By <a rel="author" href="{author_url}">{e(p['author'])}</a> &middot; <time datetime="{p['date']}">{human_date(d, 'a')}</time></p>
    </header>
    <figure class="lead-image"><img src="/images/{slug}.jpg" alt="" width="1200" height="675"><figcaption>Illustration: {e(o['name'])}</figcaption></figure>
    <div class="story-body">
{body_html(p['body'][:2])}
      <aside class="inline-promo"><p>Read more: <a href="{e(o['promo'][1])}">{e(o['promo'][0])}</a></p></aside>
{body_html(p['body'][2:])}
    </div>
    <p class="tags">Topics: {tags}</p>
  </article>
  <aside class="related-stories">
    <h2>{e(o['related'])}</h2>
    <ul>
{related}
    </ul>
  </aside>
  <aside class="newsletter-signup">
    <h2>Get the daily briefing</h2>
    <form action="/newsletter" method="post"><input type="email" name="email" placeholder="you@example.com"><button>Sign up</button></form>
  </aside>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>{e(o['footer'])}</p>
    <ul class="footer-links"><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul>
  </div>
</footer>
<script src="/static/js/app.js" defer></script>
</body>
</html>
"""
    elif lay == "b":
        bodyh = f"""<body>
<div class="page">
  <div class="topbar"><a href="/login">Log in</a> | <a href="/register">Register</a></div>
  <header id="masthead">
    <div class="brand"><a href="/"><img src="{o['publisher_logo']}" alt="{e(o['name'])}"></a></div>
    <nav id="menu">
      <ul class="menu">
{nav}
      </ul>
    </nav>
  </header>
  <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/{p['section'].lower().replace(' ', '-')}/">{e(p['section'])}</a></div>
  <div class="columns">
    <article class="post" itemscope itemtype="https://schema.org/NewsArticle">
      <h1 class="post-title" itemprop="headline">{e(p['headline'])}</h1>
      <div class="post-meta">
        <span class="author">{e(p['author'])}</span>
        <time class="published" datetime="{p['date']}" itemprop="datePublished">{human_date(d, 'b')}</time>
      </div>
      <div class="share"><a href="/share?u={url}">Share</a> <a href="#comments">Comments</a></div>
      <div class="post-content" itemprop="articleBody">
{body_html(p['body'], '        ')}
      </div>
      <div class="post-tags">Tagged: {tags}</div>
    </article>
    <aside class="sidebar">
      <section class="widget related">
        <h3>{e(o['related'])}</h3>
        <ul>
{related}
        </ul>
      </section>
      <section class="widget ad"><p class="ad-label">Advertisement</p><div class="ad-slot" data-slot="sidebar-1"></div></section>
    </aside>
  </div>
  <footer id="colophon">
    <nav class="footer-nav"><a href="/about">About us</a> &middot; <a href="/advertise">Advertise</a> &middot; <a href="/privacy">Privacy policy</a> &middot; <a href="/cookies">Cookies</a></nav>
    <p class="copyright">{e(o['footer'])}</p>
  </footer>
</div>
{cookie}
<script src="/assets/main.js"></script>
</body>
</html>
"""
    else:
        bodyh = f"""<body class="layout-c">
{cookie}
<nav class="site-nav" aria-label="Main">
  <a class="home" href="/">{e(o['name'])}</a>
  <ul>
{nav}
  </ul>
</nav>
<div class="container">
  <main>
    <article id="article-{slug}">
      <header>
        <span class="section-label">{e(p['section'])}</span>
        <h1>{e(p['headline'])}</h1>
        <div class="meta">
          <address class="author">by <a href="{author_url}">{e(p['author'])}</a></address>
          <time datetime="{p['date']}">{human_date(d, 'c')}</time>
        </div>
      </header>
      <section class="article-text">
{body_html(p['body'], '        ')}
      </section>
      <footer class="article-footer"><p>Filed under: {tags}</p></footer>
    </article>
    <section class="related">
      <h2>{e(o['related'])}</h2>
      <ol>
{related}
      </ol>
    </section>
  </main>
</div>
<footer class="footer">
  <p>{e(o['footer'])}</p>
  <p><a href="/about">About</a> | <a href="/contact">Contact</a> | <a href="/privacy">Privacy</a> | <a href="/rss">RSS</a></p>
</footer>
</body>
</html>
"""
    return head + bodyh

def rfc822(iso):
    return format_datetime(datetime.datetime.fromisoformat(iso))

def paras_html(paras):
    return "".join(f"<p>{e(p)}</p>" for p in paras)

def chipwire():
    dom = "chipwire.example"
    items = []
    for it in CHIPWIRE:
        url = f"https://{dom}{it['path']}"
        content = paras_html(it["body"])
        assert "]]>" not in content
        items.append(f"""    <item>
      <title>{xesc(it['title'])}</title>
      <link>{url}</link>
      <guid isPermaLink="true">{url}</guid>
      <pubDate>{rfc822(it['date'])}</pubDate>
      <dc:creator>{xesc(it['author'])}</dc:creator>
      <category>{xesc(it['cat'])}</category>
      <description>{xesc(it['body'][0])}</description>
      <content:encoded><![CDATA[{content}]]></content:encoded>
    </item>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>ChipWire</title>
    <link>https://{dom}/</link>
    <atom:link href="https://{dom}/feed.xml" rel="self" type="application/rss+xml"/>
    <description>Semiconductor and AI hardware news from ChipWire.</description>
    <language>en-gb</language>
    <lastBuildDate>{rfc822(CHIPWIRE[0]['date'])}</lastBuildDate>
    <ttl>30</ttl>
{chr(10).join(items)}
  </channel>
</rss>
"""

def siliconledger():
    dom = "siliconledger.example"
    items = []
    for n, it in enumerate(SILICONLEDGER):
        url = f"https://{dom}{it['path']}"
        d = datetime.datetime.fromisoformat(it["date"])
        guid = f"siliconledger:{d.strftime('%Y%m%d')}:{slug_of(it['path'])}"
        desc = f"<p>{e(it['teaser'])}</p><p><a href=\"{url}\">Read the full story</a></p>"
        items.append(f"""    <item>
      <title>{xesc(it['title'])}</title>
      <link>{url}</link>
      <guid isPermaLink="false">{guid}</guid>
      <pubDate>{rfc822(it['date'])}</pubDate>
      <author>newsroom@{dom} ({xesc(it['author'])})</author>
      <category>{xesc(it['cat'])}</category>
      <description>{xesc(desc)}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Silicon Ledger: latest</title>
    <link>https://{dom}/</link>
    <description>Deals, markets and start-ups in chips and AI infrastructure. Full stories for subscribers.</description>
    <language>en-us</language>
    <copyright>Copyright 2026 Silicon Ledger</copyright>
    <pubDate>{rfc822(SILICONLEDGER[0]['date'])}</pubDate>
    <image>
      <url>https://{dom}/static/feed-logo.png</url>
      <title>Silicon Ledger: latest</title>
      <link>https://{dom}/</link>
    </image>
{chr(10).join(items)}
  </channel>
</rss>
"""

def inferencereport():
    dom = "inferencereport.example"
    entries = []
    for it in INFERENCEREPORT:
        url = f"https://{dom}{it['path']}"
        d = datetime.datetime.fromisoformat(it["date"])
        tag = f"tag:{dom},{d.strftime('%Y-%m-%d')}:{it['path']}"
        entries.append(f"""  <entry>
    <id>{tag}</id>
    <title type="text">{xesc(it['title'])}</title>
    <link rel="alternate" type="text/html" href="{url}"/>
    <published>{it['date']}</published>
    <updated>{it['date']}</updated>
    <author><name>{xesc(it['author'])}</name></author>
    <category term="{xesc(it['cat'])}"/>
    <summary type="text">{xesc(it['body'][0])}</summary>
    <content type="html">{xesc(paras_html(it['body']))}</content>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:{dom},2025:feed</id>
  <title>The Inference Report</title>
  <subtitle>Who is building, funding and buying AI compute.</subtitle>
  <link rel="self" type="application/atom+xml" href="https://{dom}/feed.atom"/>
  <link rel="alternate" type="text/html" href="https://{dom}/"/>
  <updated>{INFERENCEREPORT[0]['date']}</updated>
  <author><name>The Inference Report newsroom</name><uri>https://{dom}/about</uri></author>
  <rights>Copyright 2026 The Inference Report</rights>
  <generator>hand-rolled</generator>
{chr(10).join(entries)}
</feed>
"""

def main():
    os.makedirs(f"{OUT}/pages", exist_ok=True)
    os.makedirs(f"{OUT}/feeds", exist_ok=True)
    for p in PAGES:
        with open(f"{OUT}/pages/{p['file']}", "w", encoding="utf-8") as f:
            f.write(page(p))
    with open(f"{OUT}/feeds/chipwire.rss.xml", "w", encoding="utf-8") as f:
        f.write(chipwire())
    with open(f"{OUT}/feeds/siliconledger.rss.xml", "w", encoding="utf-8") as f:
        f.write(siliconledger())
    with open(f"{OUT}/feeds/inferencereport.atom.xml", "w", encoding="utf-8") as f:
        f.write(inferencereport())

main()
