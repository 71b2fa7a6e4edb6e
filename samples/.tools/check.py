#!/usr/bin/python3
# Checks tests/samples-expected.md against the corpus: every listed wording, name and
# figure is in the file it is attributed to, every item is accounted for, and
# every feed parses with feedparser (bozo 0). Usage: check.py [SAMPLES_DIR];
# exit 0 when all is consistent. Needs python3-feedparser (Debian package).
import glob, html, os, re, sys
try:
    import feedparser
except ImportError:
    print("SKIP check.py: python3-feedparser is not installed")
    sys.exit(0)
os.chdir(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
def text_of(ref):
    if "#" in ref:
        f, slug = ref.split("#")
        d = feedparser.parse(f)
        assert not d.bozo, f
        for e in d.entries:
            if e.link.rstrip("/").rsplit("/", 1)[-1] == slug:
                c = e.content[0].value if "content" in e else e.summary
                return e.title + "\n" + html.unescape(re.sub(r"<[^>]+>", " ", c)), __import__("time").strftime("%Y-%m-%d", e.published_parsed)
        raise SystemExit(f"no entry {ref}")
    t = open(ref, encoding="utf-8").read()
    if ref.endswith(".html"):
        t = html.unescape(re.sub(r"<[^>]+>", " ", t))
    return t, ""
def norm(t): return re.sub(r"\s+", " ", t.replace("**", ""))
exp = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "samples-expected.md"), encoding="utf-8").read()
rows = [l for l in exp.splitlines() if re.match(r"\| E\d\d ", l)]
seen = set(); bad = 0
for l in rows:
    c = [x.strip() for x in l.strip("|").split("|")]
    eid, typ, org, amt, usd, rnd, ctry, det, files = c
    files = [f.strip() for f in files.split(";")]
    amts = [a.strip() for a in amt.split(" / ")] if amt != "—" else []
    if amts and len(amts) == 1: amts = amts * len(files)
    if amts and len(amts) != len(files): print(eid, "amount/file count mismatch"); bad += 1
    kv = dict(p.split("=", 1) for p in det.split("; "))
    for i, f in enumerate(files):
        seen.add(f)
        t, pub = text_of(f); t = norm(t)
        def need(s, what):
            global bad
            if s not in t: print(f"{eid} {f}: missing {what} {s!r}"); bad += 1
        need(org, "org")
        if amts: need(amts[i], "amount")
        for k in ("ticker", "target", "lead", "investors"):
            if k in kv and kv[k] != "—":
                for v in kv[k].split(","): need(v.strip(), k)
        if "close" in kv: need(kv["close"], "close")
        if "change_pct" in kv: need(kv["change_pct"].lstrip("-") + "%", "change")
        if "capacity" in kv and kv["capacity"] != "—":
            cap = kv["capacity"]
            if cap not in t and cap.replace(" ", "") not in t and cap.replace("GW", "gigawatt") not in t:
                print(f"{eid} {f}: missing capacity {cap}"); bad += 1
        d = kv["date"]
        base = os.path.basename(f.split("#")[0])
        if "#" in f:
            if d != pub:
                print(f"{eid} {f}: date {pub} vs {d}"); bad += 1
        elif not (base.startswith(d) or abs((__import__("datetime").date.fromisoformat(base[:10]) - __import__("datetime").date.fromisoformat(d)).days) <= 1):
            print(f"{eid} {f}: file date vs {d}"); bad += 1
noev = re.findall(r"^\| ((?:feeds|articles|pages)/\S+) \|", exp, re.M)
seen |= set(noev)
items = set()
for f in glob.glob("feeds/*"):
    for e in feedparser.parse(f).entries:
        items.add(f + "#" + e.link.rstrip("/").rsplit("/", 1)[-1])
items |= set(glob.glob("pages/*")) | set(glob.glob("articles/*"))
print("items", len(items), "events", len(rows), "no-event", len(noev))
for x in sorted(items - seen): print("NOT LISTED", x); bad += 1
for x in sorted(seen - items): print("NO SUCH ITEM", x); bad += 1
print("problems:", bad)
sys.exit(1 if bad else 0)
