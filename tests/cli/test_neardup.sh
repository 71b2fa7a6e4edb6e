#!/bin/sh
# Near-duplicates: the same story re-published (by the same or another
# outlet, retitled, with small edits) is one document; different stories
# written from one template (same boilerplate, other company, amount, title
# and URL) stay apart, three of them or a feed of 120; the band query walks
# an index newest first without a sort; a store of the previous schema
# upgrades on open and keeps finding its copies.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
if ! command -v sqlite3 >/dev/null 2>&1; then
    skip neardup "sqlite3 is not installed"
    exit 0
fi
q() { sqlite3 "$MTRACK_DB" "$1"; }

# The wire's boilerplate: longer than the news it carries.
about="About this brief: Tallyline Wire compiles short funding notices from public filings, press statements and investor disclosures. Briefs are produced from a standard template and checked by an editor before release. Figures are reported as disclosed by the company or its investors and have not been independently verified. Tallyline Wire does not hold positions in the companies it covers and receives no payment for inclusion. Readers who spot an error can write to the corrections desk, which reviews every request within two working days. Subscribers to the daily digest receive these briefs each morning together with a weekly summary of the largest rounds by region and sector. Tallyline Wire is an independent service and is not affiliated with any exchange, bank or data vendor. Nothing in this brief is investment advice."
# brief FILE COMPANY AMOUNT ROUND LEAD CITY SLUG DAY
brief() {
    printf '%s raises $%s million %s\nSource: Tallyline Wire | 2026-03-%s | https://tallyline.example/briefs/%s\n\n%s, a %s company, raised $%s million in a %s round led by %s, according to a filing reviewed by Tallyline.\n\n%s\n' \
        "$2" "$3" "$4" "$8" "$7" "$2" "$6" "$3" "$4" "$5" "$about" >"$1"
}

# ---- three templated briefs are three documents ----
export MTRACK_DB="$TESTDIR/briefs.db"
$M init >/dev/null
mkdir -p briefs
brief briefs/b1.txt "Arden Robotics" 12 "Series A" "Northgate Ventures" "Boston-based warehouse robotics" arden-robotics 02
brief briefs/b2.txt "Cobalt Photonics" 40 "Series B" "Halcyon Capital" "Lyon-based optical interconnect" cobalt-photonics 03
brief briefs/b3.txt "Ember Materials" 7 "seed" "Orbit Fund" "Oslo-based battery materials" ember-materials 04
$M ingest briefs >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 3 ]; then pass templated_briefs_apart; else fail templated_briefs_apart "$n documents, want 3: $(cat out.txt)"; fi
n=$(q "SELECT count(DISTINCT company) FROM events WHERE type = 'funding'")
if [ "$n" = 3 ]; then pass templated_briefs_events; else fail templated_briefs_events "$n funding companies, want 3"; fi

# The wire's brief carried by another outlet, retitled, with a small edit:
# the same story.
printf 'Warehouse robot maker Arden lands funding\nSource: Harbour Post | 2026-03-02 | https://harbourpost.example/arden\n\nArden Robotics, a Boston-based warehouse robotics company, has raised $12 million in a Series A round led by Northgate Ventures, according to a filing reviewed by Tallyline.\n\n%s\n' \
    "$about" >briefs/copy.txt
$M ingest briefs/copy.txt >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
u=$(q "SELECT count(*) FROM document_urls WHERE url IN ('https://harbourpost.example/arden', 'https://tallyline.example/briefs/arden-robotics')")
if [ "$n" = 3 ] && [ "$u" = 2 ]; then pass templated_brief_copy_merged; else fail templated_brief_copy_merged "$n documents, $u URLs: $(cat out.txt)"; fi

# Same boilerplate, same amount and round, another company: names keep
# them apart.
brief briefs/b4.txt "Garnet Devices" 12 "Series A" "Northgate Ventures" "Boston-based warehouse robotics" garnet-devices 05
# Same company and boilerplate, another figure: a different round.
brief briefs/b5.txt "Arden Robotics" 30 "Series B" "Northgate Ventures" "Boston-based warehouse robotics" arden-robotics-b 06
$M ingest briefs/b4.txt briefs/b5.txt >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 5 ]; then pass templated_briefs_names_figures; else fail templated_briefs_names_figures "$n documents, want 5: $(cat out.txt)"; fi

# ---- a feed of 120 briefs is 120 documents ----
export MTRACK_DB="$TESTDIR/feed.db"
$M init >/dev/null
{
    printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Tallyline Wire</title><link>https://tallyline.example/</link>\n'
    i=0
    for a in Arden Boreal Cobalt Dunmore Ember Fallow Garnet Halden Isola Juniper Kestle Larch; do
        for b in Robotics Labs Systems Devices Networks Photonics Compute Analytics Dynamics Materials; do
            i=$((i + 1))
            amt=$((5 + (i * 7) % 90))
            case $((i % 4)) in 0) r=seed ;; 1) r="Series A" ;; 2) r="Series B" ;; *) r="Series C" ;; esac
            slug=$(echo "$a-$b" | tr 'A-Z' 'a-z')
            printf '<item><title>%s %s raises $%s million %s</title><link>https://tallyline.example/briefs/%s</link><pubDate>Mon, %02d Mar 2026 08:00:00 GMT</pubDate>' \
                "$a" "$b" "$amt" "$r" "$slug" $((1 + i % 28))
            printf '<description><![CDATA[<p>%s %s, a young company, raised $%s million in a %s round, according to a filing reviewed by Tallyline.</p><p>%s</p>]]></description></item>\n' \
                "$a" "$b" "$amt" "$r" "$about"
        done
    done
    printf '</channel></rss>\n'
} >briefs.xml
$M ingest briefs.xml >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 120 ]; then pass feed_of_briefs_apart; else fail feed_of_briefs_apart "$n documents, want 120: $(cat out.txt)"; fi
contains feed_of_briefs_summary out.txt "added 120 documents"
n=$(q "SELECT count(*) FROM near_template")
if [ "$n" -ge 50 ]; then pass template_learned "($n template shingles)"; else fail template_learned "$n template shingles"; fi
# the same feed again: nothing new
$M ingest briefs.xml >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 120 ]; then pass feed_of_briefs_again; else fail feed_of_briefs_again "$n documents"; fi

# ---- a story re-published by another outlet, retitled, with small edits ----
export MTRACK_DB="$TESTDIR/story.db"
$M init >/dev/null
story="Veldt Quantum, a Grenoble-based designer of cryogenic control chips for quantum computers, said on Tuesday that it had closed a funding round of \$64 million to move its second controller into volume production. The round was led by Alpenglow Partners, with the regional development bank and two industrial groups taking part. Veldt, founded four years ago by former researchers from a national laboratory, says its controllers sit inside the refrigerator next to the qubits and cut the wiring a machine needs by nine tenths. The company employs ninety people and expects to reach two hundred by the end of next year, most of them in Grenoble and in a new office in Delft. Chief executive Anouk Perrin said customers had asked for larger batches than the company could make, and that part of the money would pay for test equipment and for a reserved share of a foundry's capacity."
printf 'Veldt Quantum closes $64 million round\nSource: Alpine Tech Review | 2026-03-03 | https://alpinetech.example/veldt\n\n%s\n' "$story" >s1.txt
printf 'Grenoble chip firm Veldt raises money for quantum controllers\nSource: Circuit Daily | 2026-03-04 | https://circuitdaily.example/2026/03/veldt-quantum\n\n%s It did not disclose its valuation.\n' \
    "$(printf '%s' "$story" | sed -e 's/on Tuesday/on Wednesday/' -e 's/ninety people/about ninety people/')" >s2.txt
$M ingest s1.txt s2.txt >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
u=$(q "SELECT count(*) FROM document_urls")
if [ "$n" = 1 ] && [ "$u" = 2 ]; then pass republished_story_merged; else fail republished_story_merged "$n documents, $u URLs: $(cat out.txt)"; fi
# ... also when the outlet's own boilerplate is known template by then
for k in 1 2 3; do
    printf 'Circuit Daily note %s\nSource: Circuit Daily | 2026-03-0%s | https://circuitdaily.example/note-%s\n\nNote number %s on a wholly different matter, with some words of its own about wafers and yields in the spring. Circuit Daily is read by engineers and buyers in forty countries. Sign up for the morning newsletter to get every story first, and follow us for alerts on the deals that move the chip industry.\n' \
        "$k" "$k" "$k" "$k" >note$k.txt
done
$M ingest note1.txt note2.txt note3.txt >/dev/null 2>&1
printf 'Veldt controllers: the round in full\nSource: Wafer Weekly | 2026-03-05 | https://waferweekly.example/veldt\n\n%s\n' \
    "$(printf '%s' "$story" | sed -e 's/said on Tuesday that/said on Tuesday/')" >s3.txt
$M ingest s3.txt >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%cryogenic control chips%'")
if [ "$n" = 1 ]; then pass republished_story_third_outlet; else fail republished_story_third_outlet "$n copies: $(cat out.txt)"; fi
# a copy whose figure changed is another story (or a correction at another
# address): kept
printf 'Veldt Quantum closes round\nSource: Quiet Ledger | 2026-03-05 | https://quietledger.example/veldt\n\n%s\n' \
    "$(printf '%s' "$story" | sed -e 's/\$64 million/$46 million/')" >s4.txt
$M ingest s4.txt >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents WHERE text LIKE '%cryogenic control chips%'")
if [ "$n" = 2 ]; then pass changed_figure_apart; else fail changed_figure_apart "$n copies: $(cat out.txt)"; fi

# ---- teasers: one long generic text under headlines with no word in
# common are different stories ----
export MTRACK_DB="$TESTDIR/teasers.db"
$M init >/dev/null
teaser="This story is available to subscribers of the Foundry Letter. Subscribers get every story in full, the morning briefing with the day's deals and filings, the weekly market tables and the archive going back ten years. Sign in with your account, or start a trial today to read on; group licences for teams and libraries are available from our sales office, which answers within one working day."
printf 'Lumen Forge buys a mask shop in Dresden\nSource: Foundry Letter | 2026-03-06 | https://foundryletter.example/a\n\n%s\n' "$teaser" >t1.txt
printf 'Tessellate hires a new chief financial officer\nSource: Foundry Letter | 2026-03-06 | https://foundryletter.example/b\n\n%s\n' "$teaser" >t2.txt
$M ingest t1.txt t2.txt >out.txt 2>&1
n=$(q "SELECT count(*) FROM documents")
if [ "$n" = 2 ]; then pass titles_keep_teasers_apart; else fail titles_keep_teasers_apart "$n documents: $(cat out.txt)"; fi

# ---- the band query: an index, newest first, no sort ----
plan=$(q "EXPLAIN QUERY PLAN SELECT b.document_id, d.minhash FROM document_bands b JOIN documents d ON d.id = b.document_id WHERE b.band = 1 ORDER BY b.document_id DESC LIMIT 32")
case "$plan" in
*"TEMP B-TREE"*) fail band_query_no_sort "$plan" ;;
*"SEARCH b USING"*"band=?"*) pass band_query_no_sort ;;
*) fail band_query_no_sort "$plan" ;;
esac
plan=$(q "EXPLAIN QUERY PLAN SELECT near_sketch FROM documents WHERE outlet = 'x' ORDER BY id DESC LIMIT 16")
case "$plan" in
*"TEMP B-TREE"* | *"SCAN d"* | *"SCAN documents"*) fail outlet_window_indexed "$plan" ;;
*) pass outlet_window_indexed ;;
esac

# ---- a store of schema 6 upgrades on open ----
export MTRACK_DB="$TESTDIR/old.db"
$M init >/dev/null
$M ingest s1.txt >/dev/null 2>&1
# take it back to schema 6: no sketches, keys or template, the old bands
sqlite3 "$MTRACK_DB" "DROP TABLE near_template; DROP INDEX documents_outlet; DROP TABLE document_bands;
CREATE TABLE document_bands (band INTEGER NOT NULL, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE);
CREATE INDEX document_bands_band ON document_bands(band); CREATE INDEX document_bands_doc ON document_bands(document_id);
ALTER TABLE documents DROP COLUMN near_sketch; ALTER TABLE documents DROP COLUMN near_keys; PRAGMA user_version = 6;" 2>err.txt
if [ -s err.txt ]; then fail old_store_prepared "$(cat err.txt)"; fi
$M ingest s2.txt >out.txt 2>&1
v=$(q "PRAGMA user_version")
n=$(q "SELECT count(*) FROM documents")
k=$(q "SELECT count(*) FROM documents WHERE near_sketch IS NOT NULL AND near_keys IS NOT NULL")
if [ "$v" -ge 7 ] && [ "$n" = 1 ] && [ "$k" = 1 ]; then pass old_store_upgraded; else fail old_store_upgraded "version $v, $n documents, $k with sketches: $(cat out.txt)"; fi
