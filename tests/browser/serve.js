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
    await page.click('nav.serve a[href$="/events"]');
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
  await step('browser_serve_no_csp_violations', async () => {
    if (cspErrors.length) throw new Error(cspErrors.join(' | '));
  });
  await browser.close();
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log(`FAIL browser_serve: ${e && e.message ? e.message.split('\n')[0] : e}`); process.exit(1); });
