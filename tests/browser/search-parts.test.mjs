// A large site's search index comes in parts (/pagefind/, /pagefind-1/, …) that are built
// in parallel; the search page must merge them, so a team is found whichever part holds it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'target', 'browser-parts');
const org = path.join(out, 'org');
const site = path.join(out, 'site');
const teams = 1200;

let server, browser, base;

before(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const synth = path.join(repo, 'target', 'release', 'examples', 'synth');
  execFileSync(synth, ['--teams', String(teams), '--out', org], { stdio: 'ignore' });
  process.env.VPD_BIN ||= path.join(repo, 'target', 'release', 'vpd');
  ({ server, browser, base } = await startSite(org, site, { quiet: true }));
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the index of a large site has several parts', () => {
  const parts = readdirSync(site).filter((n) => n.startsWith('pagefind'));
  assert.ok(parts.length >= 2, `parts: ${parts.join(', ')}`);
});

test('search finds teams in every part of the index', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/zoeken/');
  const input = page.locator('#zoeken input');
  await input.waitFor({ timeout: 15000 });
  // Team names are unique numbers; these land in different parts of the index.
  for (const n of ['00003', '00418', '00777', '01101', '01199']) {
    await input.fill(n);
    const hit = page.locator(`#zoeken a[href*="/teams/team-${n}/"]`).first();
    await hit.waitFor({ timeout: 15000 });
    assert.ok(await hit.isVisible(), `team ${n} is found`);
  }
  await context.close();
});
