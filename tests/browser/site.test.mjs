// Browser tests of the built example site in headless Debian chromium (playwright-core):
// axe-core on one page of every kind, the search page, screenshots and a print PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'target', 'browser');
const site = path.join(out, 'site');

let server, browser, base, prefix;

before(async () => {
  mkdirSync(out, { recursive: true });
  ({ server, browser, base, prefix } = await startSite(repo, site, { quiet: false }));
});

after(async () => {
  await browser?.close();
  server?.close();
});

const pages = {
  home: '/',
  beleid: '/beleid/',
  normschema: '/normschema/',
  teams: '/teams/',
  team: '/teams/werkplein-centrum/',
  concept: '/teams/wijkteam-oost/',
  leerdoelwijzers: '/leerdoelwijzers/',
  leerdoelwijzer: '/leerdoelwijzers/werkpleinen/',
  ontwikkelmatrix: '/leerdoelwijzers/ontwikkelmatrix/',
  werkvormen: '/werkvormen/',
  werkvorm: '/werkvormen/dilemmamethodiek/',
  status: '/status/',
  zoeken: '/zoeken/',
  toegankelijkheid: '/toegankelijkheid/',
  notFound: '/404.html',
};

async function openPage(url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  await page.goto(base + url, { waitUntil: 'load' });
  return { page, context, external };
}

for (const [kind, url] of Object.entries(pages)) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on ${kind} (${url})`, async () => {
    const { page, context, external } = await openPage(url);
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    assert.deepEqual(summary, [], `${url}\n${summary.join('\n')}`);
    assert.deepEqual(external, [], 'no request to another host');
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    await context.close();
  });
}

// The same check on a phone and in forced colours (Windows high contrast).
for (const [mode, viewport, colors] of [['375 px', { width: 375, height: 812 }, 'none'], ['forced colours', { width: 1280, height: 900 }, 'active']]) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on any page kind at ${mode}`, async () => {
    const problems = [];
    for (const [kind, url] of Object.entries(pages)) {
      const context = await browser.newContext({ viewport, forcedColors: colors });
      const page = await context.newPage();
      await page.goto(base + url, { waitUntil: 'load' });
      await page.addScriptTag({ path: require.resolve('axe-core') });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
      for (const v of result.violations) {
        problems.push(`${kind} ${url}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      }
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

test('search finds a team by a word from its protocol', async () => {
  const { page, context } = await openPage('/zoeken/');
  const input = page.locator('#zoeken input');
  await input.waitFor({ timeout: 15000 });
  await input.fill('belastingaanslag');
  const hit = page.locator('#zoeken a[href*="/teams/kcc-belastingen/"]').first();
  await hit.waitFor({ timeout: 15000 });
  assert.ok(await hit.isVisible());
  // The number of results reaches screen readers through a live region (WCAG 4.1.3).
  const status = page.locator('#vpd-zoek-status[role="status"][aria-live="polite"]');
  await page.waitForFunction(
    () => /resulta/.test(document.getElementById('vpd-zoek-status')?.textContent || ''),
    null,
    { timeout: 15000 },
  );
  assert.match(await status.textContent(), /belastingaanslag/);
  await context.close();
});

test('without JavaScript the search page offers an A-Z index', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + '/zoeken/');
  const links = await page.locator(`main a[href^="${prefix}teams/"]`).count();
  assert.ok(links >= 5, `A-Z index lists the teams (${links})`);
  await context.close();
});

test('screenshots at desktop and phone width, and a print PDF of a team page', async () => {
  for (const [name, url] of [['home', pages.home], ['normschema', pages.normschema], ['team', pages.team]]) {
    for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['telefoon', { width: 375, height: 812 }]]) {
      const { page, context } = await openPage(url, viewport);
      await page.screenshot({ path: path.join(out, `${name}-${label}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${url} at ${label} width scrolls sideways by ${overflow}px`);
      await context.close();
    }
  }
  const { page, context } = await openPage(pages.team);
  await page.emulateMedia({ media: 'print' });
  const navVisible = await page.locator('header nav').first().isVisible().catch(() => false);
  assert.equal(navVisible, false, 'navigation is hidden in print');
  await page.pdf({ path: path.join(out, 'team-print.pdf'), format: 'A4', printBackground: true });
  await context.close();
});
