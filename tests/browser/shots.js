// Screenshots of every page of `mtrack serve` at a desktop and a phone
// width, for a person to look at (scripts/screenshots runs it): the
// report, home, events, one event, an organisation, search and a stored
// document (a long page also in parts a screen high). Each page is also measured: what scrolls sideways, text cut
// off by its box, and elements that overlap are printed beside its name.
// usage: node shots.js BASE_URL OUT_DIR
'use strict';
const { chromium } = require('playwright-core');

const base = process.argv[2];
const out = process.argv[3];

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(base + '/t/ai-infra', { waitUntil: 'load' });
  const ev = await page.getAttribute('a.event >> nth=0', 'href');
  await page.goto(base + ev, { waitUntil: 'load' });
  const doc = await page.getAttribute('ul.sources a[href^="/docs/"] >> nth=0', 'href');
  const shots = [['report', '/t/ai-infra'], ['home', '/'], ['events', '/t/ai-infra/events'], ['event', ev],
    ['org', '/org/Nscale'], ['investor', '/org/Shorooq'], ['search', '/search?q=Nscale'], ['doc', doc]];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    for (const [name, path] of shots) {
      await page.goto(base + path, { waitUntil: 'load' });
      const file = `${out}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      // a long page also in parts, each one screen high, to look at closely
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const part = width > 500 ? 1100 : 1000;
      for (let i = 0, y = 0; height > 2 * part && y < height; i++, y += part)
        await page.screenshot({ path: `${out}/${name}-${width}-part${i + 1}.png`, fullPage: true,
          clip: { x: 0, y, width, height: Math.min(part, height - y) } });
      const notes = await page.evaluate(() => {
        const n = [];
        if (document.documentElement.scrollWidth > window.innerWidth + 1)
          n.push(`scrolls sideways (${document.documentElement.scrollWidth}px)`);
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width && r.right > window.innerWidth + 1 && !el.closest('.scroll'))
            n.push(`${el.tagName.toLowerCase()}.${el.className} past the edge (${Math.round(r.right)}px)`);
          const cs = getComputedStyle(el);
          if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX === 'hidden' && el.textContent.trim())
            n.push(`${el.tagName.toLowerCase()}.${el.className} cuts its text: "${el.textContent.trim().slice(0, 40)}"`);
        }
        // SVG text labels overlapping one another
        for (const svg of document.querySelectorAll('svg')) {
          const ts = [...svg.querySelectorAll('text')].map((t) => [t, t.getBoundingClientRect()]);
          for (let i = 0; i < ts.length; i++)
            for (let k = i + 1; k < ts.length; k++) {
              const a = ts[i][1], b = ts[k][1];
              if (a.width && b.width && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                n.push(`chart labels overlap: "${ts[i][0].textContent}" / "${ts[k][0].textContent}"`);
            }
          const box = svg.getBoundingClientRect();
          for (const [t, r] of ts)
            if (r.width && (r.left < box.left - 1 || r.right > box.right + 1))
              n.push(`chart label cut: "${t.textContent}"`);
        }
        return [...new Set(n)].slice(0, 12);
      });
      console.log(`${file}${notes.length ? ': ' + notes.join('; ') : ''}`);
    }
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(2); });
