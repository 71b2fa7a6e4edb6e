#!/bin/sh
# The tracker page an analyst reads (issue 14), on the bundled corpus where
# every fact is known (tests/samples-expected.md): every funding bullet says
# who the company is and, where an article says it, what the money is for;
# every descriptor and purpose printed is the sources' own words; money is
# written one way (tests/page_check.py).
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
export MTRACK_DB="$TESTDIR/page.db"
$M init >/dev/null
$M ingest "$TOP/samples" >/dev/null 2>&1
$M report -o r.md 2>/dev/null
$M report --format json -o r.json 2>/dev/null
$M report --format html -o r.html 2>/dev/null
if python3 "$TOP/tests/page_check.py" "$TOP/tests/samples-expected.md" "$TOP/samples" r.json r.md "$M" >check.txt; then
    pass "page_who_and_why $(tail -1 check.txt)"
else
    fail page_who_and_why "$(tr '\n' ';' <check.txt)"
fi
# The one money style, by example: the source's "$450 Million" and "€85m" are
# not printed (the list of sources keeps each headline as it was written).
sed '/^## Sources/,$d' r.md >body.md
if grep -q '\*\*\$450 million\*\*' body.md && grep -q '€85 million (about \$91.8 million)' body.md &&
   ! grep -q 'Million\|US\$\| bln' body.md; then
    pass page_money_style
else
    fail page_money_style "$(grep -o '\*\*[^*]*[0-9][^*]*\*\*' body.md | head -5 | tr '\n' ' ')"
fi
# ... everywhere a reader sees money: the figures' lines and the charts
# (their values and tooltips), the JSON's prose, not "$486.8M" or "$4.1B".
COMPACT='[$€£¥₹][0-9][0-9.,]*[KMBT]([^A-Za-z0-9]|$)'
sed '/<section class="sources">/,$d' r.html >body.html
python3 -c 'import json; r = json.load(open("r.json")); print("\n".join([r["title"] or "", r["intro"] or "", r["lead"], r["story"] or "", r["trends"] or ""] + [t["intro"] or "" for t in r["themes"]]))' >prose.txt
if grep -q '^\*\*Funding by month:\*\* Jan 2026 \$486.8 million · ' body.md &&
   grep -q '^\*\*By country:\*\* UK \$2.05 billion · France ' body.md &&
   grep -q '<tspan[^>]*>\$3.93</tspan><tspan[^>]*>billion</tspan>' body.html &&
   grep -q '<title>Investment and corporate moves: \$4.1 billion</title>' body.html &&
   ! grep -Eq "$COMPACT" body.md && ! grep -Eq "$COMPACT" body.html && ! grep -Eq "$COMPACT" prose.txt; then
    pass page_money_style_everywhere
else
    fail page_money_style_everywhere "$(grep -Eoh ".{30}$COMPACT" body.md body.html prose.txt | head -4 | tr '\n' ' ')"
fi
# A deal is told as far as its sources say it went: Google's purchase of Wiz
# is completed in both its articles, Kestrel's of Northpoint only agreed
# (issue 12 #7: the report said "Google is acquiring Wiz").
if grep -q '^- \*\*Google\*\* acquired \*\*Wiz\*\*' body.md &&
   grep -q '\*\*Kestrel Infrastructure Partners\*\* agreed to acquire \*\*Northpoint' body.md &&
   ! grep -q 'is acquiring \*\*Wiz' body.md; then
    pass page_deal_status
else
    fail page_deal_status "$(grep -i 'acquir' body.md | head -4 | tr '\n' ' ')"
fi
# A theme's paragraph names an investor in more than one of its rounds, with
# the rounds' citations (our own articles).
export MTRACK_DB="$TESTDIR/repeat.db"
mkdir -p rep
printf 'Orrin Fabric raises $60 million\nSource: Chip Ledger | 2026-03-02 | https://chipledger.example/orrin\n\nOrrin Fabric, a Munich-based maker of optical interconnects, has raised $60 million in a Series B round led by Halcyon Capital to build a second fab.\n' >rep/a.txt
printf 'Vesta Silicon raises $25 million\nSource: Chip Ledger | 2026-03-05 | https://chipledger.example/vesta\n\nVesta Silicon, a Lyon-based start-up designing inference chips, said it had raised $25 million in a Series A round led by Halcyon Capital.\n' >rep/b.txt
$M init >/dev/null
$M ingest rep >/dev/null 2>&1
$M report -o rep.md 2>/dev/null
if grep -q 'Repeat investors: Halcyon Capital backed 2 of the rounds \[[0-9]\](#s[0-9]) \[[0-9]\](#s[0-9])\.' rep.md &&
   grep -q '^2 events in this theme: 2 funding rounds\. The rounds raised \$85 million in all\. The largest is \*\*Orrin Fabric\*\*'"'"'s \$60 million Series B round' rep.md; then
    pass page_theme_paragraph
else
    fail page_theme_paragraph "$(grep 'in this theme' rep.md)"
fi
# A theme closes with what its figures show that its paragraph does not
# (issue 14: "a short close that states trends the figures show"): the
# country whose companies raised the most; no share when the theme has all
# the money, no month when there is one.
if grep -qx 'In figures: companies in Germany raised the most of it, \$60 million\.' rep.md &&
   grep -q '^In figures: the theme took 86% of the period'"'"'s funding; companies in the UK raised the most of it, \$2.05 billion; March 2026 brought the most, \$3.48 billion\.$' r.md; then
    pass page_theme_close
else
    fail page_theme_close "$(grep -h '^In figures' rep.md r.md | tr '\n' ';')"
fi
# Nothing in the 30 days before is "none", not a figure ("against 0 raising
# $0", "$0 in 0"): both rounds are in the last 30 days.
if [ "$(grep -c 'against none in the 30 days before' rep.md)" -ge 2 ] && ! grep -q '\$0\b' rep.md; then
    pass page_none_before_not_zero
else
    fail page_none_before_not_zero "$(grep -o '[^.]*30 days before[^.]*' rep.md | tr '\n' ';')"
fi
# An infrastructure bullet says where, how big (MW, GPUs, money) and who
# pays, each as a source tells it (our own article); the JSON carries them.
export MTRACK_DB="$TESTDIR/infra.db"
mkdir -p infra
printf 'Tessaro Cloud plans $1.5 billion AI data centre in Leeds\nSource: Grid Ledger | 2026-03-04 | https://gridledger.example/tessaro\n\nTessaro Cloud, a Manchester-based operator of GPU data centres, will build a 200 MW AI data centre in Leeds that will house 24,000 Nvidia Blackwell GPUs at a cost of $1.5 billion, financed by Harbour Infrastructure Bank and Ostrava Capital, the company said on Tuesday.\n' >infra/a.txt
$M init >/dev/null
$M ingest infra >/dev/null 2>&1
$M report -o infra.md 2>/dev/null
$M events --format json >infra.json 2>/dev/null
if grep -q '^- \*\*Tessaro Cloud\*\*, a Manchester-based operator of GPU data centres: 200 MW AI data centre in Leeds with 24,000 GPUs, \*\*\$1.5 billion\*\*, backed by Harbour Infrastructure Bank and Ostrava Capital\. \[1\](#s1)$' infra.md &&
   python3 -c 'import json,sys; e = json.load(open("infra.json"))[0]["event"]; sys.exit(not (e["gpus"] == 24000 and e["investors"] == ["Harbour Infrastructure Bank", "Ostrava Capital"]))'; then
    pass page_infra_where_size_payer
else
    fail page_infra_where_size_payer "$(grep '^- \*\*Tessaro' infra.md)"
fi
# The title tells the period (issue 14): no round before the last 30 days
# is said so, not "from $0"; the tracker's name stays under it; a store
# with nothing to tell is titled with the tracker's name.
if head -1 rep.md | grep -qx '# 2 funding rounds raise \$85 million in 30 days; Orrin Fabric'"'"'s \$60 million Series B round is the largest move' &&
   sed -n 3p rep.md | grep -q '^\*\*AI Infrastructure & Chips\*\*' &&
   grep -q '^2 funding rounds raised \$85 million in the last 30 days \[1\](#s1) \[2\](#s2), against none in the 30 days before\.' rep.md &&
   ! grep -q ' 0 acquisitions\| 0 launches' rep.md; then
    pass page_title_small
else
    fail page_title_small "$(head -1 rep.md; grep -m1 'in the last 30 days' rep.md)"
fi
export MTRACK_DB="$TESTDIR/empty.db"
$M init >/dev/null
$M report -o empty.md 2>/dev/null
$M report --format json -o empty.json 2>/dev/null
if head -1 empty.md | grep -qx '# AI Infrastructure & Chips' &&
   python3 -c 'import json,sys; d=json.load(open("empty.json")); sys.exit(not (d["title"] == "AI Infrastructure & Chips" and d["intro"] is None))'; then
    pass page_title_empty
else
    fail page_title_empty "$(head -1 empty.md)"
fi
# The web UI (without a browser: tests/cli/test_browser_serve.sh follows the
# same links in Chromium): the served report links companies, investors and
# events; organisation pages say who, with rounds as an investor; an unknown
# name is 404; a stored document's page lists the events read from it.
export MTRACK_DB="$TESTDIR/page.db"
if command -v curl >/dev/null 2>&1 && start_server page; then
    trap stop_started EXIT
    curl -s "$BASE/t/ai-infra" >served.html
    # the web UI's pages and the Atom feed's titles write money one way too
    # (an entry's text quotes its sources' headlines as they were written)
    curl -s "$BASE/" >home.html
    curl -s "$BASE/t/ai-infra/events" >events.html
    curl -s "$BASE/t/ai-infra/atom.xml" >atom.xml
    if grep -q '<td class="num amount">€85 million <span class="about">(about \$91.8 million)</span></td>' events.html &&
       grep -q '<title>funding: Lumenor Photonics €85 million (about \$91.8 million), Series B</title>' atom.xml &&
       grep -q 'funding: Rhoda AI \$450 million, valued at \$1.7 billion' atom.xml &&
       ! grep -Eq "$COMPACT" home.html events.html && ! grep '<title>' atom.xml | grep -Eq "$COMPACT"; then
        pass page_web_money_style
    else
        fail page_web_money_style "$(grep -Eoh ".{40}$COMPACT" home.html events.html | head -2 | tr '\n' ' ') $(grep -m2 '<title>funding' atom.xml)"
    fi
    if grep -q '<a class="org" href="/org/Nscale">Nscale</a>' served.html &&
       grep -q '<a class="org" href="/org/Meridian%20India%20Partners">Meridian India Partners</a>' served.html &&
       grep -q '<a class="event" href="/events/[0-9]*">event</a>' served.html && ! grep -q 'class="org"' r.md; then
        pass page_report_links
    else
        fail page_report_links "$(grep -o '<li><strong>.\{0,200\}' served.html | head -2)"
    fi
    code() { curl -s -o /dev/null -w '%{http_code}' "$BASE$1"; }
    curl -s "$BASE/org/Nscale" >org.html
    curl -s "$BASE/org/Shorooq" >inv.html
    if grep -q '<p class="descriptor">Nscale, ' org.html && grep -q '<dt>Country</dt><dd>UK</dd>' org.html &&
       grep -q 'As an investor (1 round)' inv.html && [ "$(code /org/No%20Such%20Company)" = 404 ]; then
        pass page_org_pages
    else
        fail page_org_pages "$(code /org/No%20Such%20Company) $(grep -o '<h1>.*' org.html)"
    fi
    id=$(curl -s "$BASE/search?q=Kestrel" | grep -o 'href="/docs/[0-9]*"' | head -1 | tr -dc 0-9)
    curl -s "$BASE/docs/$id" >doc.html
    if [ -n "$id" ] && grep -q 'Events read from it' doc.html && grep -q 'href="/events/[0-9]*">acquisition: Kestrel' doc.html &&
       [ "$(code /docs/999999)" = 404 ]; then
        pass page_document_page
    else
        fail page_document_page "doc '$id': $(grep -o '<h2>.*' doc.html | head -3)"
    fi
else
    skip page_web "curl missing or the server did not start"
fi
# A store made before descriptors were read gets them from reanalyze.
export MTRACK_DB="$TESTDIR/page.db"
if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$MTRACK_DB" 'UPDATE events SET descriptor = NULL, purpose = NULL'
    $M reanalyze >/dev/null 2>&1
    got=$(sqlite3 "$MTRACK_DB" "SELECT count(descriptor) || ' ' || count(purpose) FROM events WHERE type = 'funding'")
    if [ "$got" = "11 12" ]; then pass "page_reanalyze_fills $got"; else fail page_reanalyze_fills "funding rounds with descriptor, purpose: $got"; fi
fi
