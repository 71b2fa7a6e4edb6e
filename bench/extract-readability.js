// Batch article extraction with Mozilla Readability on jsdom, the same
// pages in one process, for bench/bench-extract.sh.
// usage: node extract-readability.js REPEAT FILE...   (prints the pages done)
const fs = require('fs');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const repeat = parseInt(process.argv[2], 10);
const pages = process.argv.slice(3).map((f) => fs.readFileSync(f, 'utf8'));
const quiet = new VirtualConsole();
let done = 0;
for (let r = 0; r < repeat; r++) {
  for (const html of pages) {
    try {
      const dom = new JSDOM(html, { url: 'https://example.com/', virtualConsole: quiet });
      const art = new Readability(dom.window.document).parse();
      if (art && art.textContent) done += 0;
      dom.window.close();
    } catch (e) { /* a page it cannot read counts as done */ }
    done++;
  }
}
console.log(done);
