// Browser test of `mtrack serve` in headless Chromium (playwright-core):
// trackers -> report -> events table -> filter (funding, >= $100M) -> rows
// checked, phone-sized screenshots saved, no CSP violations on the way.
// usage: node serve.js BASE_URL OUT_DIR     (prints PASS/FAIL lines)
'use strict';
const { chromium } = require('playwright-core');

const base = process.argv[2];
const outDir = process.argv[3] || '.';
let failed = 0;
const pass = (n) => console.log(`PASS ${n}`);
const fail = (n, why) => { failed++; console.log(`FAIL ${n}: ${String(why).split('\n')[0]}`); };

async function step(name, fn) {
  try { await fn(); pass(name); } catch (e) { fail(name, e && e.message ? e.message : e); }
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const cspErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => cspErrors.push(String(e)));

  await step('browser_serve_trackers', async () => {
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.click('a[href="/t/ai-infra"]');
    await page.waitForURL(/\/t\/ai-infra$/);
    const text = await page.textContent('body');
    if (!/Sources \(\d+\)/.test(text)) throw new Error('the report has no Sources section');
  });
  await step('browser_serve_report_styled', async () => {
    // The report's stylesheet is allowed by its hash: the page must be styled.
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    if (/^"?Times/i.test(font)) throw new Error('report unstyled (font ' + font + ')');
    await page.screenshot({ path: `${outDir}/serve-report-phone.png`, fullPage: false });
  });
  await step('browser_serve_events_table', async () => {
    await page.click('header.top nav.site a[href$="/events"]');
    await page.waitForURL(/\/t\/ai-infra\/events/);
    const n = await page.locator('table.events tbody tr').count();
    if (n < 5) throw new Error(`only ${n} rows`);
  });
  await step('browser_serve_filter', async () => {
    // Choosing a type submits the form at once (progressive JS) ...
    await Promise.all([page.waitForURL(/type=funding/), page.selectOption('select[name=type]', 'funding')]);
    // ... and the rest of the form is a plain GET form.
    await page.fill('input[name=min_usd]', '100M');
    await Promise.all([page.waitForURL(/min_usd=100M/), page.click('form.filters button[type=submit]')]);
    const rows = await page.$$eval('table.events tbody tr', (trs) =>
      trs.map((tr) => ({ type: tr.dataset.type, usd: Number(tr.dataset.usd || 0), org: tr.cells[2].textContent })));
    if (!rows.length) throw new Error('no rows after filtering');
    const bad = rows.filter((r) => r.type !== 'funding' || !(r.usd >= 1e8));
    if (bad.length) throw new Error('rows outside the filter: ' + JSON.stringify(bad));
    if (!rows.some((r) => /Nscale/.test(r.org))) throw new Error('Nscale missing from ' + rows.map((r) => r.org));
    const kept = await page.inputValue('input[name=min_usd]');
    if (kept !== '100M') throw new Error('the form lost its value');
  });
  await step('browser_serve_sort', async () => {
    await Promise.all([page.waitForURL(/sort=usd/), page.click('th a[href*="sort=usd"]')]);
    const usd = await page.$$eval('table.events tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.usd || 0)));
    const sorted = [...usd].sort((a, b) => b - a);
    if (JSON.stringify(usd) !== JSON.stringify(sorted)) throw new Error('not sorted: ' + usd);
    await page.screenshot({ path: `${outDir}/serve-events-phone.png`, fullPage: true });
  });
  await step('browser_serve_event_page', async () => {
    await page.click('table.events tbody tr td.num a');
    await page.waitForURL(/\/events\/\d+$/);
    const n = await page.locator('ul.sources li').count();
    if (n < 1) throw new Error('no sources listed');
  });
  await step('browser_serve_search', async () => {
    await page.fill('header.top input[name=q]', 'Nscale');
    await Promise.all([page.waitForURL(/search\?q=Nscale/), page.press('header.top input[name=q]', 'Enter')]);
    const marks = await page.locator('mark').count();
    if (!marks) throw new Error('no highlighted hits');
  });
  // issue 14: the report links every company, investor and event to its page.
  await step('browser_serve_report_links', async () => {
    await page.goto(base + '/t/ai-infra', { waitUntil: 'load' });
    const hrefs = await page.$$eval('a.org, a.event', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
    const orgs = hrefs.filter((h) => h.startsWith('/org/')), events = hrefs.filter((h) => /^\/events\/\d+$/.test(h));
    if (orgs.length < 20 || events.length < 20) throw new Error(`${orgs.length} org and ${events.length} event links`);
    const bad = [];
    for (const h of hrefs) {
      const r = await page.request.get(base + h);
      if (r.status() !== 200) bad.push(`${h} ${r.status()}`);
    }
    if (bad.length) throw new Error('broken: ' + bad.join(', '));
    const investors = await page.$$eval('a.org', (as) => as.filter((a) => !a.closest('strong')).map((a) => a.textContent));
    if (!investors.some((t) => /Meridian India Partners/.test(t))) throw new Error('investors are not linked: ' + investors);
  });
  await step('browser_serve_report_to_org', async () => {
    await Promise.all([page.waitForURL(/\/org\/Nscale$/), page.click('a.org[href="/org/Nscale"] >> nth=0')]);
    if ((await page.textContent('h1')).trim() !== 'Nscale') throw new Error('h1 ' + (await page.textContent('h1')));
    const d = await page.textContent('p.descriptor');
    if (!/operator of artificial intelligence data centres|builder of GPU data centres/.test(d)) throw new Error('descriptor ' + d);
    if (!(await page.locator('table.events tbody tr').count())) throw new Error('no events');
    await page.goto(base + '/org/Shorooq', { waitUntil: 'load' });
    if (!/As an investor \(1 round\)/.test(await page.textContent('main'))) throw new Error('Shorooq has no rounds as an investor');
    const r = await page.request.get(base + '/org/No%20Such%20Company%20Anywhere');
    if (r.status() !== 404) throw new Error('unknown organisation: ' + r.status());
  });
  await step('browser_serve_report_to_event', async () => {
    await page.goto(base + '/t/ai-infra', { waitUntil: 'load' });
    const href = await page.getAttribute('li:has(a.org[href="/org/Rhoda%20AI"]) a.event', 'href');
    await Promise.all([page.waitForURL(/\/events\/\d+$/), page.click(`a.event[href="${href}"] >> nth=0`)]);
    const marked = await page.$$eval('ul.sources blockquote mark', (ms) => ms.map((m) => m.textContent));
    if (!marked.length || !marked.every((t) => t.length > 20)) throw new Error('sentences not marked: ' + marked);
    if (!(await page.locator('a.tracker[href="/t/ai-infra"]').count())) throw new Error('no link back to the tracker');
    await Promise.all([page.waitForURL(/\/docs\/\d+$/), page.click('ul.sources a[href^="/docs/"] >> nth=0')]);
    if (!/Events read from it/.test(await page.textContent('main'))) throw new Error('document page without its events');
  });
  await step('browser_serve_search_to_document', async () => {
    await page.goto(base + '/search?q=Nscale', { waitUntil: 'load' });
    const count = await page.textContent('p.count');
    const n = await page.locator('ul.results li').count();
    if (!new RegExp(`^${n} results?`).test(count)) throw new Error(`count "${count}" for ${n} hits`);
    await Promise.all([page.waitForURL(/\/docs\/\d+$/), page.click('ul.results li a[href^="/docs/"] >> nth=0')]);
    if (!/Nscale/.test(await page.textContent('div.doc-text'))) throw new Error('document text missing');
    const ev = await page.locator('ul.doc-events a[href^="/events/"]').count();
    if (!ev) throw new Error('no events linked from the document page');
  });
  await step('browser_serve_screenshots', async () => {
    const shots = [['report', '/t/ai-infra'], ['home', '/'], ['events', '/t/ai-infra/events'],
      ['event', null], ['org', '/org/Nscale'], ['search', '/search?q=Nscale'], ['doc', null]];
    await page.goto(base + '/t/ai-infra', { waitUntil: 'load' });
    shots[3][1] = await page.getAttribute('a.event >> nth=0', 'href');
    await page.goto(base + shots[3][1], { waitUntil: 'load' });
    shots[6][1] = await page.getAttribute('ul.sources a[href^="/docs/"] >> nth=0', 'href');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      for (const [name, path] of shots) {
        await page.goto(base + path, { waitUntil: 'load' });
        await page.screenshot({ path: `${outDir}/ui-${name}-${width}.png`, fullPage: name !== 'report' && name !== 'events' });
        // nothing wider than the window, the events table included (on a phone it stacks)
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1 ||
          [...document.querySelectorAll('table.events')].some((t) => t.getBoundingClientRect().right > window.innerWidth + 1));
        if (wide) throw new Error(`${name} at ${width}px scrolls sideways`);
        // on a phone each event is a card (its row a block, its cells stacked)
        const rows = await page.$$eval('table.events tbody tr', (trs) => trs.map((tr) => getComputedStyle(tr).display));
        if (width < 500 && rows.some((d) => d !== 'block')) throw new Error(`${name} at ${width}px: the events table does not stack`);
        if (width > 500 && rows.some((d) => d !== 'table-row')) throw new Error(`${name} at ${width}px: the events table stacks`);
      }
    }
  });
  await step('browser_serve_no_csp_violations', async () => {
    if (cspErrors.length) throw new Error(cspErrors.join(' | '));
  });
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log(`FAIL browser_serve: ${e && e.message ? e.message.split('\n')[0] : e}`); process.exit(1); });
