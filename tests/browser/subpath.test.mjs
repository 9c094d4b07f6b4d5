// The site published under a sub-path: the example's site.yaml names
// https://intranet.lindewaard.example/vpd, so the built output is served below /vpd/ only
// (every other path is not found, as on an intranet where /vpd/ is one folder among many).
// The pages must be styled, every link from every page must lead to a file below /vpd/,
// and search must load its Pagefind bundles from below the base.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'vpd-subpath-test-'));
const site = path.join(work, 'site');

let server, browser, base, prefix, origin;

before(async () => {
  ({ server, browser, base, prefix } = await startSite(repo, site, { quiet: true }));
  origin = new URL(base).origin;
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

/// Whether the stylesheet applied: the main menu is a flex row without bullets.
async function styled(page) {
  return page.evaluate(() => {
    const list = document.querySelector('.vpd-nav__lijst');
    const style = list && getComputedStyle(list);
    return Boolean(style) && style.display === 'flex' && style.listStyleType === 'none';
  });
}

test('the site is served below /vpd/ only', async () => {
  assert.equal(prefix, '/vpd/');
  const context = await browser.newContext();
  const page = await context.newPage();
  assert.equal((await page.request.get(origin + '/')).status(), 404, 'nothing at the root');
  assert.equal((await page.request.get(origin + '/static/vpd.css')).status(), 404);
  const response = await page.goto(origin + '/vpd/', { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  assert.ok(await styled(page), 'the stylesheet applies under /vpd/');
  const canonical = await page.getAttribute('link[rel=canonical]', 'href');
  assert.equal(canonical, 'https://intranet.lindewaard.example/vpd/');
  await context.close();
});

test('every link from every page leads to a file below /vpd/', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed = [];
  // A request the next navigation cancels (the favicon of a page left at once) is not a
  // failure: every address on a page is also fetched on its own below and must answer 200.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  const seen = new Set();
  const queue = [origin + '/vpd/'];
  const checked = new Map();
  let pages = 0;
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response.status(), 200, url);
    if (!(response.headers()['content-type'] || '').startsWith('text/html')) continue;
    pages += 1;
    assert.ok(await styled(page), `${url} is styled`);
    const addresses = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href], link[href]:not([rel=canonical])')].map((e) => e.href),
      ...[...document.querySelectorAll('script[src], img[src]')].map((e) => e.src),
    ]);
    for (const address of addresses) {
      const target = new URL(address);
      if (target.origin !== origin) continue;
      target.hash = '';
      const clean = target.href;
      assert.ok(target.pathname.startsWith('/vpd/'), `${url} links outside the base: ${address}`);
      if (!checked.has(clean)) {
        const status = (await page.request.get(clean)).status();
        checked.set(clean, status);
        assert.equal(status, 200, `${url} links to ${clean}`);
      }
      if (target.pathname.endsWith('/') && !seen.has(clean)) queue.push(clean);
    }
  }
  assert.ok(pages > 20, `crawled ${pages} pages`);
  assert.ok(checked.has(origin + '/vpd/schemas/catalog.json'));
  assert.deepEqual(failed, [], 'every request the pages made succeeded');
  await context.close();
});

test('the not-found page is styled and its links work at any depth', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(origin + '/vpd/bestaat/niet/hier/', { waitUntil: 'load' });
  assert.equal(response.status(), 404);
  assert.ok(await styled(page), 'the 404 page is styled below a deep path');
  const links = await page.$$eval('main a', (as) => as.map((a) => a.href));
  assert.ok(links.length >= 3, `${links}`);
  for (const link of links) {
    assert.ok(new URL(link).pathname.startsWith('/vpd/'), link);
    assert.equal((await page.request.get(link)).status(), 200, link);
  }
  await context.close();
});

test('search on /vpd/zoeken/ loads its index below the base and finds pages', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const outside = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === origin && !u.pathname.startsWith('/vpd/')) outside.push(r.url());
  });
  await page.goto(origin + '/vpd/zoeken/', { waitUntil: 'load' });
  const input = page.locator('#zoeken input');
  await input.waitFor({ timeout: 15000 });
  await input.fill('belastingaanslag');
  const hit = page.locator('#zoeken a[href^="/vpd/teams/kcc-belastingen/"]').first();
  await hit.waitFor({ timeout: 15000 });
  const href = await hit.getAttribute('href');
  assert.equal((await page.request.get(origin + href)).status(), 200, href);
  assert.deepEqual(outside, [], 'nothing is requested outside /vpd/');
  await context.close();
});
