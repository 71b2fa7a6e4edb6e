#!/usr/bin/env python3
"""Checks the tracker page made from samples/ against the answer key
tests/samples-expected.md ("Who and why" and "Events"):

- every funding round's descriptor and purpose contain one of the key's
  wordings, and a round the key gives none of has none;
- every descriptor and purpose the page prints (any event type) is the
  sources' own words: found in one of the event's files (after the few
  words the page adds: "a", "which", "for", "mostly for", "based in");
- the Markdown bullets print them, and state money in one style ("$450
  million", "€85 million (about $91.8 million)"), never the source's
  spelling ("$450 Million", "$1.8 bln", "US$2 billion", "$30M");
- each theme's opening paragraph states the figures of the page's tables:
  its event count is the theme's events_total, its money the "By theme"
  figure and the sum of its listed rounds, its largest the largest listed;
  each event in "Also in this theme" is listed in full in the theme it
  names; a theme's close ("In figures: ...") states its share of the
  period's funding and its leading country's sum as its listed rounds do;
- each infrastructure bullet says where, when the key's "what" names a
  site ("AI factory in Chiba Prefecture": "Chiba" in the bullet), and its
  capacity as the key gives it ("250 MW", "1 GW");
- the page's title and introduction (issue 14) tell the period from its
  figures: the title's 30-day funding and the one before are the sums of
  the listed rounds first seen in those windows, its largest move is the
  largest listed event (by its dollar figure); the introduction states the
  same sums and counts, each cited by its rounds' sources, the theme that drew the most is the first of "By
  theme" with its figure, and the JSON's title and intro are the page's;
  the tracker's name stays on the page under the title;
- the key's own wordings are in the files it names (the key is checked too).

usage: page_check.py KEY SAMPLES_DIR REPORT_JSON REPORT_MD MTRACK
Prints one line per problem and a last line "page: N problems"; exit 1 when
there are any."""
import html
import json
import re
import subprocess
import sys

SUFFIXES = {"inc", "ltd", "limited", "llc", "corp", "the", "ai", "labs"}


def fold(name):
    return [w for w in re.findall(r"[a-z0-9]+", (name or "").lower()) if w not in SUFFIXES]


def same_org(a, b):
    x, y = fold(a), fold(b)
    if not x or not y:
        return False
    n = min(len(x), len(y))
    return x[:n] == y[:n]


def norm(t):
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ").replace("**", "")
    return re.sub(r"\s+", " ", t).lower()


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


cells_of = {}  # an event's "details" cell of the key


def read_key(path):
    events, why = {}, []
    for line in open(path, encoding="utf-8"):
        if re.match(r"\| E\d\d ", line):
            c = cells(line)
            events[c[0]] = {"id": c[0], "type": c[1], "org": c[2], "files": c[8].split("; ")}
            cells_of[c[0]] = c[7]
        elif re.match(r"\| W\d\d ", line):
            c = cells(line)
            alts = lambda s: [] if s == "—" else [w.strip() for w in s.split(" / ")]
            why.append({"event": c[1], "org": c[2], "descriptor": alts(c[3]), "purpose": alts(c[4])})
    return events, why


class Texts:
    def __init__(self, samples, mtrack):
        self.samples, self.mtrack, self.cache = samples, mtrack, {}

    def of(self, ref):
        if ref in self.cache:
            return self.cache[ref]
        if "#" in ref:
            f, slug = ref.split("#")
            out = subprocess.run([self.mtrack, "parse-feed", f"{self.samples}/{f}"],
                                 capture_output=True, text=True, check=True).stdout
            t = ""
            for e in json.loads(out)["entries"]:
                if e["link"].rstrip("/").rsplit("/", 1)[-1] == slug:
                    c = e["content"][0]["value"] if e.get("content") else e.get("summary", "")
                    t = e["title"] + "\n" + html.unescape(re.sub(r"<[^>]+>", " ", c))
        else:
            t = open(f"{self.samples}/{ref}", encoding="utf-8").read()
            if ref.endswith(".html"):
                t = html.unescape(re.sub(r"<[^>]+>", " ", t))
        self.cache[ref] = norm(t)
        return self.cache[ref]


# The words the page puts before the sources' own.
LEADS = ["mostly for ", "partly for ", "to fund ", "to finance ", "to pay for ", "aimed at ",
         "for ", "to ", "which ", "an ", "a ", "the ", "one of "]


def core(text):
    t = norm(text)
    for lead in LEADS:
        if t.startswith(lead):
            return t[len(lead):]
    return t


def traceable(text, sources):
    """The phrase is the sources' words: 'based in X' as 'X-based' or 'based
    in X'; else its first four words in a row and every word somewhere in
    one file ("go to A and to B" is printed "for A and B")."""
    t = norm(text)
    m = re.match(r"based in (.+)$", t)
    if m:
        place = m.group(1)
        return any(f"{place}-based" in s or f"based in {place}" in s for s in sources)
    c = core(t)
    words = re.findall(r"[\w'-]+", c)
    if not words:
        return False
    head = " ".join(words[:4])
    for s in sources:
        flat = " ".join(re.findall(r"[\w'-]+", s))
        if head in flat and all(w in flat for w in words):
            return True
    return False


UNITS = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "T": 1e12, "B": 1e9, "M": 1e6, "K": 1e3}


def dollars(text):
    """'$4.1 billion' or '$4.1B' to a number."""
    m = re.match(r"\$([\d.,]+)\s?(trillion|billion|million|T|B|M|K)?", text)
    if not m:
        return None
    return float(m.group(1).replace(",", "")) * UNITS.get(m.group(2) or "", 1)


def close(a, b):
    return a is not None and b is not None and abs(a - b) <= 0.006 * max(abs(a), abs(b), 1)


def sections(md):
    out, cur = {}, None
    for line in md.splitlines():
        if line.startswith("## "):
            cur = line[3:].strip()
            out[cur] = []
        elif cur:
            out[cur].append(line)
    return out


def paragraphs(report, md):
    problems = []
    secs = sections(md)
    by_theme = {}
    fig = next((l for l in md.splitlines() if l.startswith("**By theme:**")), "")
    for part in fig.replace("**By theme:**", "").split(" · "):
        m = re.match(r"\s*(.+?) (\$[\d.,]+(?: (?:trillion|billion|million))?)$", part)
        if m:
            by_theme[m.group(1)] = dollars(m.group(2))
    for th in report["themes"]:
        lines = secs.get(th["title"])
        if lines is None:
            continue
        intro = next((l for l in lines if re.match(r"\d+ events? in this theme", l)), None)
        funding = [e["event"] for e in th["events"] if e["event"]["type"] == "funding"]
        if th["events_total"] == 0:
            if intro:
                problems.append(f"{th['title']}: a paragraph with no events: {intro[:60]}")
            continue
        if not intro:
            problems.append(f"{th['title']}: no opening paragraph")
            continue
        plain = re.sub(r"\]\(#s\d+\)", "]", intro.replace("**", ""))
        if th.get("intro") != plain:
            problems.append(f"{th['title']}: the JSON report's intro is not the page's: {th.get('intro')!r}")
        n = int(re.match(r"(\d+)", intro).group(1))
        if n != th["events_total"]:
            problems.append(f"{th['title']}: paragraph says {n} events, the theme has {th['events_total']}")
        m = re.search(r"(\d+) funding rounds?", intro)
        if (int(m.group(1)) if m else 0) != len(funding) and th["events_more"] == 0:
            problems.append(f"{th['title']}: paragraph counts {m and m.group(1)} rounds, {len(funding)} listed")
        m = re.search(r"raised (\$[\d.,]+ (?:trillion|billion|million)|\$[\d,]+) in all", intro)
        if funding:
            said = dollars(m.group(1)) if m else None
            listed = sum(e.get("amount_usd") or 0 for e in funding)
            if not close(said, by_theme.get(th["title"])):
                problems.append(f"{th['title']}: paragraph's funding {said} is not the By theme figure {by_theme.get(th['title'])}")
            if th["events_more"] == 0 and not close(said, listed):
                problems.append(f"{th['title']}: paragraph's funding {said} is not the listed rounds' {listed}")
        m = re.search(r"The largest is \*\*(.+?)\*\*'s? (\$[\d.,]+ (?:trillion|billion|million)|\S+ [\d.,]+ \w+ \(about (\$[\d.,]+ \w+)\))", intro)
        if m:
            said = dollars(m.group(3) or m.group(2))
            best = max((e["event"].get("price_usd") if e["event"]["type"] == "acquisition" else e["event"].get("amount_usd")) or 0
                       for e in th["events"])
            if not close(said, best):
                problems.append(f"{th['title']}: paragraph's largest {said}, the largest listed is {best}")
    # a theme's close ("In figures: ...") is the JSON's close, and its
    # figures are its listed rounds'
    names = {"the UK": "GB", "France": "FR", "China": "CN", "India": "IN", "the Netherlands": "NL",
             "the United States": "US"}
    for th in report["themes"]:
        lines = secs.get(th["title"]) or []
        close_line = next((l for l in lines if l.startswith("In figures: ")), None)
        if (close_line or None) != (th.get("close") or None):
            problems.append(f"{th['title']}: the JSON's close {th.get('close')!r} is not the page's {close_line!r}")
        if not close_line:
            continue
        funding = [e["event"] for e in th["events"] if e["event"]["type"] == "funding"]
        m = re.search(r"took (\d+)% of the period's funding", close_line)
        total = report["summary"]["funding_usd"]
        if m and abs(int(m.group(1)) - 100 * sum(e.get("amount_usd") or 0 for e in funding) / total) > 0.5:
            problems.append(f"{th['title']}: the close's share {m.group(1)}% is not the listed rounds'")
        m = re.search(r"companies in (.+?) raised the most of it, (\$[\d.]+ \w+)", close_line)
        if m:
            got = sum(e.get("amount_usd") or 0 for e in funding if e.get("country") == names.get(m.group(1)))
            if not close(dollars(m.group(2)), got):
                problems.append(f"{th['title']}: the close gives {m.group(1)} {m.group(2)}, its listed rounds {got}")

    # cross-references point at events listed in full where they say
    for title, lines in secs.items():
        for l in lines:
            m = re.match(r"- \*\*(.+?)\*\*.*, in full under \*(.+)\*\.$", l)
            if not m:
                continue
            org, home = m.group(1), m.group(2)
            if home == title:
                problems.append(f"{title}: {org} refers to its own theme")
            if not any(x.startswith(f"- **{org}**") and "in full under" not in x for x in secs.get(home, [])):
                problems.append(f"{title}: {org} is not listed in full under {home}")
    return problems


def title_intro(report, md):
    """The title and introduction against the listed events (all of them
    are listed on the samples' page)."""
    problems = []
    lines = md.splitlines()
    if not lines or not lines[0].startswith("# "):
        return ["the page does not open with a title"]
    title = lines[0][2:]
    if title != report.get("title"):
        problems.append(f"the JSON's title is not the page's: {report.get('title')!r}")
    name = report["tracker"]["title"]
    if title == name or not any(l.startswith(f"**{name}**") for l in lines[1:4]):
        problems.append(f"the tracker's name {name!r} is not under the title")
    intro = next((l for l in lines[1:12] if l.startswith("Funding ")), None)
    if intro is None:
        return problems + ["no introduction after the title"]
    plain = re.sub(r"\]\(#s\d+\)", "]", intro.replace("**", ""))
    if plain != report.get("intro"):
        problems.append(f"the JSON's intro is not the page's: {report.get('intro')!r}")
    import datetime
    last = datetime.date.fromisoformat(report["summary"]["last_date"])
    d30, d60 = (str(last - datetime.timedelta(days=n)) for n in (30, 60))
    events = [(e["first_seen"] or "", e["event"]) for th in report["themes"] for e in th["events"]]
    rounds = [(f[:10], e.get("amount_usd") or 0) for f, e in events if e["type"] == "funding"]
    recent = [u for f, u in rounds if f > d30]
    before = [u for f, u in rounds if d60 < f <= d30]
    m = re.match(r"Funding (?:climbs|slows) to (\$[\d.]+ \w+) in 30 days, from (\$[\d.]+ \w+);", title)
    if not m:
        problems.append(f"the title does not state the 30-day change: {title!r}")
    else:
        if not close(dollars(m.group(1)), sum(recent)):
            problems.append(f"title: last 30 days {m.group(1)}, the listed rounds {sum(recent)}")
        if not close(dollars(m.group(2)), sum(before)):
            problems.append(f"title: 30 days before {m.group(2)}, the listed rounds {sum(before)}")
    # each window's figure cites its rounds (one source each)
    m = re.match(r"Funding (?:climbed|slowed) to (\$[\d.]+ \w+) in (\d+) rounds? in the last 30 days"
                 r"((?: \[\d+\]\(#s\d+\))*), "
                 r"from (\$[\d.]+ \w+) in (\d+) in the 30 days before((?: \[\d+\]\(#s\d+\))*)\.", intro)
    if not m or not close(dollars(m.group(1)), sum(recent)) or int(m.group(2)) != len(recent) or \
            not close(dollars(m.group(4)), sum(before)) or int(m.group(5)) != len(before) or \
            m.group(3).count("](#s") != min(len(recent), 12) or m.group(6).count("](#s") != min(len(before), 12):
        problems.append(f"intro: the 30-day change is not the listed rounds' ({len(recent)} {sum(recent)}, "
                        f"{len(before)} {sum(before)}): {intro[:120]!r}")
    usd = lambda e: e.get("price_usd") if e["type"] == "acquisition" else e.get("amount_usd")
    big = max((e for f, e in events if e["type"] != "stock_move" and usd(e)), key=usd)
    org = big.get("company") or big.get("organization") or big.get("acquirer")
    m = re.search(r"; (.+?)'s? (\$[\d.]+ \w+)[^;]* is the largest move$", title)
    if not m or m.group(1) != org or not close(dollars(m.group(2)), usd(big)):
        problems.append(f"title: the largest move is {org}'s {usd(big)}: {title!r}")
    fig = next((l for l in lines if l.startswith("**By theme:**")), "")
    first = re.match(r"\*\*By theme:\*\* (.+?) (\$[\d.,]+(?: (?:trillion|billion|million))?)(?: · |$)", fig)
    m = re.search(r"\. (.+?) drew the most funding: (\d+) rounds? raised (\$[\d.]+ \w+)", intro)
    if not first or not m or m.group(1) != first.group(1) or not close(dollars(m.group(3)), dollars(first.group(2))):
        problems.append(f"intro: the theme that drew the most is not By theme's first ({fig[:80]!r})")
    return problems


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    key, samples, rjson, rmd, mtrack = sys.argv[1:]
    events, why = read_key(key)
    texts = Texts(samples, mtrack)
    report = json.load(open(rjson, encoding="utf-8"))
    md = open(rmd, encoding="utf-8").read().replace("\\", "")
    bullets = [l for l in md.splitlines() if l.startswith("- **")]
    problems = []

    # the key itself
    for w in why:
        srcs = [texts.of(f) for f in events[w["event"]]["files"]]
        for part in ("descriptor", "purpose"):
            for alt in w[part]:
                if not any(norm(alt) in s for s in srcs):
                    problems.append(f"key: {w['event']} {part} wording not in its files: {alt!r}")

    shown = []
    for th in report["themes"]:
        for item in th["events"]:
            shown.append(item["event"])

    def org_of(e):
        return {"acquisition": e.get("acquirer"), "infrastructure": e.get("organization")}.get(
            e["type"], e.get("company"))

    def key_event(e):
        for k in events.values():
            if k["type"] == e["type"] and same_org(k["org"], org_of(e)):
                return k
        return None

    # every funding round: descriptor and purpose as the key says
    for w in why:
        got = [e for e in shown if e["type"] == "funding" and same_org(e.get("company"), w["org"])]
        if not got:
            problems.append(f"{w['event']} {w['org']}: no funding bullet")
            continue
        e = got[0]
        for part in ("descriptor", "purpose"):
            val = e.get(part)
            if not w[part]:
                if val:
                    problems.append(f"{w['event']} {w['org']}: {part} {val!r}, the key says none is stated")
            elif not val:
                problems.append(f"{w['event']} {w['org']}: no {part} (the key has {w[part][0]!r})")
            elif not any(norm(a) in norm(val) for a in w[part]):
                problems.append(f"{w['event']} {w['org']}: {part} {val!r} has none of {w[part]}")

    # every descriptor and purpose the page prints: the sources' words, in its bullet
    for e in shown:
        k = key_event(e)
        parts = ("descriptor", "purpose") + (("what",) if e["type"] == "product" else ())
        for part in parts:
            val = e.get(part)
            if not val:
                continue
            if part == "what" and not re.match(r"(a|an|its) ", val):
                continue  # a short label the analyser made, not the sources' phrase
            if not k:
                problems.append(f"{org_of(e)}: {part} {val!r} on an event the key does not list")
                continue
            if not traceable(val, [texts.of(f) for f in k["files"]]):
                problems.append(f"{k['id']} {k['org']}: {part} {val!r} is not in its files")
            name = org_of(e) or ""
            if not any(f"**{name}**" in b and norm(val) in norm(b) for b in bullets):
                problems.append(f"{k['id']} {k['org']}: no bullet prints its {part} {val!r}")

    # one money style in the bullets
    bad = re.compile(r"US\$|~\$|(?:[$€£¥₹]|RMB ?)[\d.,]+ ?(?:bn|bln|m|mn|M|B|K)\b|"
                     r"\d (?:Million|Billion|Trillion|bln|crore|lakh)\b|\d+ (?:yuan|euros?|pounds|yen)\b")
    for b in bullets:
        m = bad.search(b)
        if m:
            problems.append(f"money as the source spells it ({m.group(0)!r}): {b[:100]}")

    problems += paragraphs(report, md)
    problems += title_intro(report, md)

    # a product bullet says what the product is (every launch in the corpus tells it)
    for e in shown:
        if e["type"] == "product" and not e.get("what"):
            problems.append(f"{e.get('company')}: the product {e.get('product')!r} has no word of what it is")

    # infrastructure: where and how big, as the key says
    for k in events.values():
        if k["type"] != "infrastructure":
            continue
        d = dict(kv.split("=", 1) for kv in re.split(r";\s*", cells_of[k["id"]]) if "=" in kv)
        b = next((x for x in bullets if x.startswith(f"- **{k['org']}**")), None)
        if b is None:
            problems.append(f"{k['id']} {k['org']}: no bullet")
            continue
        m = re.search(r" (?:in|near) (?:the )?(?:Arctic port of )?([A-Z][\w-]+)", d.get("what", ""))
        if m and m.group(1) not in b:
            problems.append(f"{k['id']} {k['org']}: the bullet does not say where ({m.group(1)}): {b[:120]}")
        cap = d.get("capacity", "—")
        if cap != "—" and cap not in b:
            problems.append(f"{k['id']} {k['org']}: the bullet does not say {cap}: {b[:120]}")

    for p in problems:
        print(p)
    print(f"page: {len(problems)} problems ({len(shown)} events shown, {len(why)} rounds in the key)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
