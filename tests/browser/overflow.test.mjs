// No page overflows sideways at any common width from 320 px: every page kind is loaded at
// 320, 375, 768, 800 and 1280 px and the document must be no wider than the viewport.
// (Wide tables scroll inside their own focusable region; that is not page overflow.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { startSite } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'target', 'browser-overflow');
const site = path.join(out, 'site');

let server, browser, base;

before(async () => {
  mkdirSync(out, { recursive: true });
  ({ server, browser, base } = await startSite(repo, site, { quiet: true }));
});

after(async () => {
  await browser?.close();
  server?.close();
});

const pages = [
  '/', '/beleid/', '/normschema/', '/teams/', '/teams/werkplein-centrum/',
  '/teams/wijkteam-oost/', '/teams/kcc-algemeen/', '/leerdoelwijzers/',
  '/leerdoelwijzers/werkpleinen/', '/leerdoelwijzers/ontwikkelmatrix/', '/werkvormen/',
  '/werkvormen/dilemmamethodiek/', '/status/', '/zoeken/', '/toegankelijkheid/', '/404.html',
];

for (const width of [320, 375, 768, 800, 1280]) {
  test(`no page is wider than a ${width} px screen`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const wide = [];
    for (const url of pages) {
      await page.goto(base + url, { waitUntil: 'load' });
      const { scroll, client, culprit } = await page.evaluate(() => {
        const root = document.documentElement;
        let culprit = '';
        if (root.scrollWidth > root.clientWidth) {
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > root.clientWidth + 1 && !el.closest('[role="region"]')) {
              culprit = el.tagName.toLowerCase() + '.' + [...el.classList].join('.');
              break;
            }
          }
        }
        return { scroll: root.scrollWidth, client: root.clientWidth, culprit };
      });
      if (scroll > client) wide.push(`${url}: ${scroll} > ${client} (${culprit})`);
    }
    await context.close();
    assert.deepEqual(wide, [], wide.join('\n'));
  });
}

test('on a phone the status tables say that they scroll sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/status/', { waitUntil: 'load' });
  const hint = page.locator('.vpd-tabel-hint').first();
  assert.ok(await hint.isVisible());
  assert.match(await hint.textContent(), /schuif hem opzij/);
  await context.close();
  const wide = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const desk = await wide.newPage();
  await desk.goto(base + '/status/', { waitUntil: 'load' });
  assert.equal(await desk.locator('.vpd-tabel-hint').first().isVisible(), false);
  await wide.close();
});
