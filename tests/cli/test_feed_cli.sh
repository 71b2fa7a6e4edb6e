#!/bin/sh
# mtrack parse-feed: usage, exit statuses, standard input, hostile documents.
. "$TOP/tests/cli/lib.sh"
cd "${TESTDIR:-/tmp}" || exit 1
expect_status feed_help 0 "$MTRACK" parse-feed --help
expect_status feed_usage 2 "$MTRACK" parse-feed
expect_status feed_bad_option 2 "$MTRACK" parse-feed --nope x.xml
expect_status feed_missing_file 1 "$MTRACK" parse-feed /nonexistent/feed.xml

cat >rss.xml <<'X'
<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://t.test/</link>
<item><title>One</title><link>/1</link><pubDate>Thu, 01 Jan 2004 19:48:21 +0100</pubDate></item></channel></rss>
X
"$MTRACK" parse-feed --base http://t.test/feed.xml - <rss.xml >out.json 2>err.txt
contains feed_stdin_version out.json '"version":"rss20"'
contains feed_stdin_link out.json '"link":"http://t.test/1"'
contains feed_stdin_date out.json '"published_parsed":"2004-01-01T18:48:21Z"'
contains feed_not_bozo out.json '"bozo":false'

# hostile documents: each must give JSON with bozo set, quickly
printf '<rss><channel><title>a' >trunc.xml
printf '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>' >xxe.xml
awk 'BEGIN{printf "<rss><channel>"; for(i=0;i<5000;i++) printf "<x>"; printf "y"; for(i=0;i<5000;i++) printf "</x>"; print "</channel></rss>"}' >deep.xml
head -c 20000 /dev/urandom >binary.bin 2>/dev/null || printf '\001\002\003' >binary.bin
for f in trunc.xml xxe.xml deep.xml binary.bin; do
    timeout 20 "$MTRACK" parse-feed "$f" >"$f.json" 2>/dev/null
    if grep -q '"bozo":true' "$f.json"; then
        pass "feed_hostile_$f"
    else
        fail "feed_hostile_$f" "no bozo JSON for $f"
    fi
done
if grep -q 'root:' xxe.xml.json; then fail feed_xxe "external entity was read"; else pass feed_xxe; fi
