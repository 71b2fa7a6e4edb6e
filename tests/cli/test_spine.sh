#!/bin/sh
# The spine: CLI contract, store, ingest of local files, bad input, search,
# events and report, a kill in the middle of an ingest.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
export MTRACK_DB="$(store_db t)"

# ---- CLI contract ----
expect_status help_exits_0 0 $M --help
expect_status version_exits_0 0 $M --version
expect_status no_command_is_usage 2 $M
expect_status unknown_command_is_usage 2 $M frobnicate
expect_status unknown_option_is_usage 2 $M --frob
for c in init ingest update sources search events report parse-feed extract analyze serve watch mcp; do
    expect_status "help_$c" 0 $M $c --help
done
expect_status ingest_without_path_is_usage 2 $M ingest
expect_status events_bad_type_is_usage 2 $M events --type nonsense
expect_status report_bad_format_is_usage 2 $M report --format pdf
$M frobnicate 2>err.txt
if grep -q '^mtrack: frobnicate: unknown command' err.txt; then pass error_format; else fail error_format "$(cat err.txt)"; fi

# ---- store ----
check init_creates_store $M init
if on_sqlite; then
v=$(sql 'PRAGMA user_version'); if [ "$v" -ge 2 ]; then pass schema_version; else fail schema_version "user_version is $v"; fi
if [ "$(sql 'PRAGMA journal_mode')" = wal ]; then pass wal_mode; else fail wal_mode "not WAL"; fi
n=$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('sources','documents','events','event_mentions','organizations','trackers','themes','documents_fts')")
if [ "$n" = 8 ]; then pass schema_tables; else fail schema_tables "found $n of 8 tables"; fi
else
v=$(sql 'SELECT max(version) FROM mtrack_schema'); if [ "${v:-0}" -ge 1 ]; then pass schema_version; else fail schema_version "mtrack_schema says '$v'"; fi
n=$(sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('sources','documents','events','event_mentions','organizations','trackers','themes')")
g=$(sql "SELECT count(*) FROM pg_indexes WHERE tablename = 'documents' AND indexdef LIKE '%USING gin (tsv)%'")
if [ "$n" = 7 ] && [ "$g" = 1 ]; then pass schema_tables; else fail schema_tables "found $n of 7 tables, $g GIN index"; fi
fi
if [ "$(sql 'SELECT count(*) FROM themes')" -ge 5 ]; then pass default_tracker_themes; else fail default_tracker_themes "too few themes"; fi
check init_again_is_harmless $M init

# ---- ingest: one of each kind ----
mkdir -p in/sub
cat >in/a.txt <<'T'
Acme Chips raises $40 million Series B
Source: Chip Ledger | 2026-03-02 | https://chipledger.example/acme-series-b?utm_source=x

Acme Chips, a Dresden-based maker of inference accelerators, said on Monday it had raised $40 million in a Series B round led by Northgate Ventures.
T
cat >in/sub/b.md <<'T'
# Zephyr Grid opens a 120 MW AI campus in Norway

*Data Hall Weekly | 4 March 2026 | https://datahall.example/zephyr*

Zephyr Grid switched on the first **120 MW** phase of its AI data centre campus near Narvik on Wednesday.
T
cat >in/c.html <<'T'
<!DOCTYPE html><html><head><title>Borealis Silicon launches B2 NPU</title>
<link rel="canonical" href="https://siliconpost.example/borealis-b2">
<meta property="og:site_name" content="Silicon Post"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Borealis Silicon launches B2 NPU</h1>
<p>Borealis Silicon on Tuesday launched the B2, a neural processing unit for laptops that runs large language models locally at under five watts.</p>
<p>The company said the first laptops with the chip would ship in the second quarter, and that it had already signed three manufacturers.</p></article>
<footer>Copyright Silicon Post</footer></body></html>
T
cat >in/feed.xml <<'T'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Fab Notes</title><link>https://fabnotes.example/</link>
<item><title>Quarry Semi adds second fab line</title><link>https://fabnotes.example/quarry</link>
<guid>https://fabnotes.example/quarry</guid><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Quarry Semi said it would add a second production line at its Ohio fab.&lt;/p&gt;</description></item>
<item><title>Lumen Photonics ships optical interconnect</title><link>https://fabnotes.example/lumen</link>
<guid>https://fabnotes.example/lumen</guid><pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate>
<description>Lumen Photonics began shipping its optical interconnect for AI clusters.</description></item>
</channel></rss>
T
$M ingest in >out.txt 2>err.txt; rc=$?
if [ $rc -eq 0 ]; then pass ingest_kinds_exit_0; else fail ingest_kinds_exit_0 "exit $rc: $(cat err.txt)"; fi
docs=$(sql 'SELECT count(*) FROM documents')
feeds_ok=1
if ! $M parse-feed in/feed.xml >/dev/null 2>&1; then feeds_ok=0; fi
if [ $feeds_ok = 1 ]; then
    if [ "$docs" = 5 ]; then pass ingest_all_kinds; else fail ingest_all_kinds "$docs documents, want 5"; fi
else
    skip ingest_all_kinds "the feed parser is not in this build"
fi
t=$(sql "SELECT title || '|' || outlet || '|' || substr(published,1,10) || '|' || canonical_url FROM documents WHERE title LIKE 'Acme%'")
if [ "$t" = "Acme Chips raises \$40 million Series B|Chip Ledger|2026-03-02|https://chipledger.example/acme-series-b" ]; then
    pass text_header_read; else fail text_header_read "got '$t'"; fi
t=$(sql "SELECT outlet || '|' || substr(published,1,10) FROM documents WHERE title LIKE 'Zephyr%'")
if [ "$t" = "Data Hall Weekly|2026-03-04" ]; then pass markdown_meta_line; else fail markdown_meta_line "got '$t'"; fi
if sql "SELECT text FROM documents WHERE title LIKE 'Zephyr%'" | grep -q '\*\*'; then
    fail markdown_to_text "emphasis markers left in the text"; else pass markdown_to_text; fi
if sql "SELECT text FROM documents WHERE title LIKE 'Borealis%'" | grep -q 'Home'; then
    fail html_main_text "navigation in the text"; else pass html_main_text; fi

# re-ingesting adds nothing
$M ingest in >out.txt 2>&1
docs2=$(sql 'SELECT count(*) FROM documents')
if [ "$docs2" = "$docs" ] && grep -q 'added 0 documents' out.txt; then pass reingest_adds_nothing; else fail reingest_adds_nothing "$docs -> $docs2: $(cat out.txt)"; fi
# the same story under another name with other white space is a duplicate
sed 's/  */ /g' in/a.txt >copy.txt
$M ingest copy.txt >out.txt 2>&1
if grep -q 'skipped 1' out.txt; then pass duplicate_by_content; else fail duplicate_by_content "$(cat out.txt)"; fi

# ---- bad input: one line each, the rest still ingested, exit 1 ----
mkdir bad
: >bad/empty.txt
printf '\000\001\002\003binary\377\376' >bad/garbage.bin
head -c 4096 /dev/urandom >bad/random.dat
truncate -s 60M bad/huge.txt
printf 'Good story survives\n\nMarrow Compute opened an office in Lyon.\n' >bad/good.txt
$M ingest bad bad/missing.txt >out.txt 2>err.txt; rc=$?
if [ $rc -eq 1 ]; then pass bad_input_exit_1; else fail bad_input_exit_1 "exit $rc"; fi
n=$(grep -c '^mtrack: ingest: ' err.txt)
if [ "$n" = 5 ]; then pass bad_input_one_line_each; else fail bad_input_one_line_each "$n lines: $(cat err.txt)"; fi
contains bad_empty_reason err.txt "empty.txt: empty file"
contains bad_binary_reason err.txt "garbage.bin: binary data"
contains bad_size_reason err.txt "huge.txt: file is larger than the 50 MiB limit"
contains bad_missing_reason err.txt "missing.txt: No such file or directory"
if sql "SELECT count(*) FROM documents WHERE title = 'Good story survives'" | grep -qx 1; then
    pass bad_input_rest_ingested; else fail bad_input_rest_ingested "good.txt not stored"; fi

# ---- search ----
$M search Borealis >out.txt 2>&1
if grep -q 'Borealis Silicon launches B2 NPU' out.txt && grep -q '\[Borealis\]' out.txt; then pass search_finds; else fail search_finds "$(cat out.txt)"; fi
$M search 'lapt*' --json >out.txt 2>&1
if grep -q '"title": "Borealis' out.txt; then pass search_prefix_json; else fail search_prefix_json "$(cat out.txt)"; fi
for q in '"' 'AND OR NOT (' 'NEAR(a b' '*' "x' OR 1=1 --"; do
    $M search "$q" >/dev/null 2>err.txt; rc=$?
    if [ $rc -le 2 ] && ! grep -qi 'syntax' err.txt; then pass "search_hostile_query"; else fail search_hostile_query "query [$q]: exit $rc $(cat err.txt)"; fi
done

# ---- report ----
cat >evil.txt <<'T'
<script>alert("x")</script> Evil Corp raises $5 million
Source: <b>Bad Outlet</b> | 2026-03-05 | javascript:alert(1)

Evil Corp <img src=x onerror=alert(1)> raised $5 million in a seed round, it said.
T
$M ingest evil.txt >/dev/null 2>&1
check report_md $M report -o r.md
check report_html $M report --format html -o r.html
check report_json $M report --format json -o r.json
if grep -q '<script' r.html || grep -q '<img' r.html || grep -q '<b>' r.html; then fail html_escaped "raw markup from a source"; else pass html_escaped; fi
if grep -q 'href="javascript' r.html; then fail html_no_js_links "javascript: link"; else pass html_no_js_links; fi
if grep -q '&lt;script&gt;' r.html; then pass html_keeps_escaped_text; else fail html_keeps_escaped_text "title lost"; fi
if grep -q 'http-equiv="Content-Security-Policy"' r.html; then pass html_csp; else fail html_csp "no CSP"; fi
if python3 -c 'import json,sys; d=json.load(open("r.json")); assert d["sources"] and d["themes"]' 2>/dev/null; then pass report_json_valid; else fail report_json_valid "bad JSON"; fi
n=$(sql 'SELECT count(*) FROM documents')
if grep -q "^## Sources ($n)" r.md; then pass report_lists_every_source; else fail report_lists_every_source "want Sources ($n)"; fi
contains report_updated r.md "Updated "
contains report_title r.md "**AI Infrastructure & Chips**"
$M report --since 2026-03-04 -o since.md
if grep -q 'Acme Chips raises' since.md; then fail report_since "old document listed"; else pass report_since; fi

# ---- events output forms ----
check events_table $M events
$M events --format csv >e.csv
if head -1 e.csv | grep -q '^id,date,type,organization'; then pass events_csv_header; else fail events_csv_header "$(head -1 e.csv)"; fi
$M events --format json >e.json
if python3 -c 'import json; json.load(open("e.json"))' 2>/dev/null; then pass events_json_valid; else fail events_json_valid "bad JSON"; fi

# ---- a kill in the middle of an ingest ----
mkdir many
i=0
while [ $i -lt 1500 ]; do
    printf 'Story %d about chips\n\nVendor%d shipped %d accelerators to a data centre in Lyon on Tuesday, the company said.\n' $i $i $i >many/s$i.txt
    i=$((i + 1))
done
export MTRACK_DB="$(store_db kill)"
$M init >/dev/null
$M ingest many >/dev/null 2>&1 &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(sql 'SELECT count(*) FROM documents')
if on_sqlite; then
if [ "$(sql 'PRAGMA integrity_check')" = ok ]; then pass kill_integrity; else fail kill_integrity "integrity_check failed"; fi
else
orph=$(sql 'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_urls u WHERE u.document_id = d.id) AND d.url IS NOT NULL')
if [ "$orph" = 0 ]; then pass kill_integrity; else fail kill_integrity "$orph documents half-stored"; fi
fi
$M ingest many >/dev/null 2>&1
after=$(sql 'SELECT count(*) FROM documents')
dups=$(sql 'SELECT count(*) - count(DISTINCT content_hash) FROM documents')
if on_sqlite; then
fts=$(sql "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'accelerators'")
else
fts=$(sql "SELECT count(*) FROM documents WHERE tsv @@ websearch_to_tsquery('simple', 'accelerators')")
fi
if [ "$after" = 1500 ] && [ "$dups" = 0 ] && [ "$fts" = 1500 ]; then
    pass kill_then_complete "($before stored before the kill)"
else
    fail kill_then_complete "before $before, after $after, duplicates $dups, indexed $fts"
fi

# ---- near-duplicates: a syndicated copy with small edits is one document
# with both URLs; a story written from the same template about another
# company is not ----
export MTRACK_DB="$(store_db near)"
body="Helio Systems, a Toulouse-based designer of power-efficient inference accelerators, said on Thursday it had closed a funding round to expand production of its second-generation chip. The company plans to hire two hundred engineers across France and Germany over the next eighteen months and to open a new design centre in Munich. Chief executive Marie Laurent said demand from European cloud operators had grown sharply since the start of the year, driven by sovereign AI programmes that favour local suppliers. Helio will use part of the money to secure wafer capacity at a foundry partner and to build out its software stack, which lets customers run open models without rewriting code."
printf 'Helio Systems closes round\nSource: Outlet A | 2026-03-01 | https://a.example/helio\n\n%s\n' "$body" >near-a.txt
printf 'Toulouse chip start-up Helio raises money\nSource: Outlet B | 2026-03-01 | https://b.example/helio\n\n%s\n' \
    "$(printf '%s' "$body" | sed -e 's/two hundred/250/' -e 's/Thursday/Wednesday/')" >near-b.txt
printf 'Quasar closes round\nSource: Outlet C | 2026-03-01 | https://c.example/quasar\n\n%s It said revenue had doubled.\n' \
    "$(printf '%s' "$body" | sed -e 's/Helio/Quasar/g' -e 's/Toulouse/Lyon/' -e 's/Munich/Milan/' -e 's/second-generation/third/')" >near-c.txt
$M ingest near-a.txt near-b.txt near-c.txt >out.txt 2>&1
docs=$(sql 'SELECT count(*) FROM documents')
urls=$(sql "SELECT count(*) FROM document_urls WHERE url LIKE '%helio'")
if [ "$docs" = 2 ] && [ "$urls" = 2 ]; then pass near_duplicates_merged; else fail near_duplicates_merged "$docs documents, $urls Helio URLs: $(cat out.txt)"; fi

# ---- editions: a published report remembers what it showed ----
export MTRACK_DB="$(store_db ed)"
$M init >/dev/null
printf 'Orion Fabric raises $60 million Series B\nSource: Chip Ledger | 2026-03-02 | https://chipledger.example/orion\n\nOrion Fabric, a Munich-based maker of optical interconnects, has raised $60 million in a Series B round led by Halcyon Capital.\n' >ed1.txt
printf 'Vesta Silicon raises $25 million seed round\nSource: Chip Ledger | 2026-03-05 | https://chipledger.example/vesta\n\nVesta Silicon, a Lyon-based start-up, said on Thursday it had raised $25 million in a seed round led by Orbit Fund.\n' >ed2.txt
$M ingest ed1.txt >/dev/null 2>&1
$M report --publish -o ed-a.md 2>/dev/null
contains first_edition ed-a.md "first edition"
$M ingest ed2.txt >/dev/null 2>&1
$M report --publish -o ed-b.md 2>/dev/null
if awk '/^## What.s new since/ {on = 1; next} /^## / {on = 0} on' ed-b.md >new.txt && grep -q Vesta new.txt && ! grep -q Orion new.txt; then
    pass whats_new_since_last_edition; else fail whats_new_since_last_edition "$(cat new.txt)"; fi
$M report --format html -o ed.html 2>/dev/null
if grep -q '<svg' ed.html && grep -q 'Funding by month' ed.html; then pass html_charts; else fail html_charts "no SVG charts"; fi

# ---- sources: add, list, remove, OPML export and import ----
export MTRACK_DB="$(store_db src)"
$M init >/dev/null
check sources_add $M sources add https://feeds.example/chips.xml "Chip Feed"
expect_status sources_add_refuses_non_http 2 $M sources add file:///etc/passwd
$M sources list >list.txt
contains sources_list list.txt "https://feeds.example/chips.xml"
$M sources export >s.opml
if python3 -c 'import sys, xml.dom.minidom as m; d = m.parse("s.opml"); sys.exit(0 if len(d.getElementsByTagName("outline")) >= 15 else 1)'; then
    pass sources_export_opml; else fail sources_export_opml "bad OPML"; fi
check sources_remove $M sources remove https://feeds.example/chips.xml
expect_status sources_remove_unknown 1 $M sources remove https://feeds.example/chips.xml
export MTRACK_DB="$(store_db src2)"
$M sources import s.opml >imp.txt 2>&1
n=$(sql "SELECT count(*) FROM sources")
if [ "$n" -ge 15 ] && grep -q "imported $n new sources" imp.txt; then pass sources_import_opml; else fail sources_import_opml "$n sources: $(cat imp.txt)"; fi
printf 'not xml at all' >bad.opml
expect_status sources_import_bad 1 $M sources import bad.opml
