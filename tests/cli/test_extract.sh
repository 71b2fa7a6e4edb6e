# CLI tests of mtrack extract: hand-written pages in tests/extract/ and the
# article-extraction benchmark's pages (when shared/ is there).
. "$TOP/tests/cli/lib.sh"
X="$TOP/tests/extract"
OUT=${TESTDIR:-/tmp}/extract-out

# A nav, an article, a sidebar, related links, comments: only the article.
"$MTRACK" extract "$X/nav_article_comments.html" >"$OUT" 2>/dev/null
contains extract_article_kept "$OUT" "raised \$300 million in a Series C round"
contains extract_heading_kept "$OUT" "Demand for inference"
contains extract_list_kept "$OUT" "It employs 400 people across three countries."
contains extract_last_paragraph_kept "$OUT" "expected to close this month."
bad=""
for junk in "Section A" "Share on Twitter" "We use cookies" "Most read" "Rival chip firm" \
    "great article" "disagree entirely" "Copyright 2026" "photographed in the lab" "By Ada Writer"; do
    grep -qF -- "$junk" "$OUT" && bad="$bad [$junk]"
done
if [ -z "$bad" ]; then pass extract_boilerplate_removed; else fail extract_boilerplate_removed "kept$bad"; fi
if grep -q '^Acme Silicon' "$OUT" && [ "$(grep -c '^$' "$OUT")" -ge 5 ]; then
    pass extract_paragraph_breaks
else
    fail extract_paragraph_breaks "paragraphs not separated by blank lines"
fi

# JSON-LD metadata, OpenGraph, relative links resolved.
"$MTRACK" extract --json --url https://example.com/news/x.html "$X/jsonld.html" >"$OUT" 2>/dev/null
contains extract_jsonld_title "$OUT" '"title": "Nimbus acquires GridCore for €1.2bn"'
contains extract_jsonld_author "$OUT" '"author": "Jane Doe, Max Muster"'
contains extract_jsonld_published "$OUT" '"published": "2026-03-16T09:00:00+01:00"'
contains extract_jsonld_site "$OUT" '"site_name": "Tech Wire"'
contains extract_canonical "$OUT" '"canonical_url": "https://example.com/2026/03/16/nimbus-acquires-gridcore"'
contains extract_image "$OUT" '"image": "https://example.com/img/gridcore.jpg"'
contains extract_lang "$OUT" '"lang": "de-DE"'
contains extract_url "$OUT" '"url": "https://example.com/news/x.html"'

# windows-1252 declared in a meta tag comes out as UTF-8.
"$MTRACK" extract "$X/cp1252.html" >"$OUT" 2>/dev/null
contains extract_cp1252 "$OUT" "The café chain said prices rose 5€ a week – “a lot”"
contains extract_cp1252_naive "$OUT" "naïve forecasts"

# A UTF-16 page with a byte-order mark, and Shift_JIS from <meta charset>.
"$MTRACK" extract "$X/utf16le_bom.html" >"$OUT" 2>/dev/null
contains extract_utf16 "$OUT" "Grüße aus Zürich"
"$MTRACK" extract "$X/shift_jis.html" >"$OUT" 2>/dev/null
contains extract_shift_jis "$OUT" "東京の半導体メーカーは月曜日"

# No article: empty text, exit 0.
"$MTRACK" extract --json "$X/noarticle.html" >"$OUT" 2>/dev/null
rc=$?
if [ $rc -eq 0 ] && grep -qF '"text": ""' "$OUT"; then pass extract_no_article; else fail extract_no_article "exit $rc or text not empty"; fi

# Garbage bytes: a clear error (exit 1, "mtrack: ..." on stderr), no crash.
"$MTRACK" extract "$X/garbage.bin" >"$OUT" 2>"$OUT.err"
rc=$?
if [ $rc -eq 1 ] && grep -q '^mtrack: .*not an HTML page' "$OUT.err"; then
    pass extract_garbage
else
    fail extract_garbage "exit $rc: $(head -c 200 "$OUT.err")"
fi

# Usage: --help, no file, a missing file.
expect_status extract_help 0 "$MTRACK" extract --help
expect_status extract_no_file 2 "$MTRACK" extract
expect_status extract_missing_file 1 "$MTRACK" extract /nonexistent/page.html

# Batch: one JSON object a line.
n=$("$MTRACK" extract --jsonl "$X/jsonld.html" "$X/cp1252.html" "$X/noarticle.html" 2>/dev/null | wc -l)
if [ "$n" -eq 3 ]; then pass extract_jsonl; else fail extract_jsonl "$n lines, want 3"; fi

# Deeply nested markup and standard input: bounded, no crash.
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 50000; i++) printf "<div>"; printf "deep"; print "</body></html>" }' >"$OUT.deep"
expect_status extract_deep_nesting 0 "$MTRACK" extract "$OUT.deep"
if "$MTRACK" extract - <"$X/jsonld.html" 2>/dev/null | grep -q "Frankfurt and Amsterdam"; then
    pass extract_stdin
else
    fail extract_stdin "no text from standard input"
fi

# The benchmark: F1 must not fall below the level reached (0.983 when
# this was written; the threshold leaves room for rounding only).
if [ -z "${SHARED:-}" ] || [ ! -f "$SHARED/eval/article_score.py" ]; then
    skip extract_benchmark "no shared/ folder"
elif ! command -v python3 >/dev/null 2>&1; then
    skip extract_benchmark "no python3"
else
    python3 "$SHARED/eval/article_score.py" --cmd "$MTRACK extract --json --url {url} {}" \
        --timeout 60 >"$OUT.score" 2>&1
    line=$(tail -n 1 "$OUT.score")
    f1=$(printf '%s\n' "$line" | sed -n 's/^articles: F1 \([0-9.]*\) .*/\1/p')
    if [ -n "$f1" ] && awk -v f="$f1" 'BEGIN { exit !(f >= 0.978) }'; then
        pass "extract_benchmark (F1 $f1)"
    else
        fail extract_benchmark "$line"
    fi
fi
rm -f "$OUT" "$OUT.err" "$OUT.deep" "$OUT.score"
