// A municipality's NL Design System theme applies as it is: the example organisation is
// built with a second, complete token theme from npm (@nl-design-system-unstable/
// voorbeeld-design-tokens, vendored by scripts/vendor-nlds into tests/fixtures/thema-voorbeeld/)
// named in site.yaml (`tokens:` and, because that theme scopes its tokens under
// `.voorbeeld-theme`, `tokens_klasse:`). The components must take the theme's values (not
// vpd's defaults), every page kind must still pass axe-core and fit a phone, and the
// screenshots are kept in target/browser/thema-voorbeeld-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'target', 'browser');
const THEME_FILE = path.join(repo, 'tests', 'fixtures', 'thema-voorbeeld', 'voorbeeld-theme.css');
const DEFAULT_TOKENS = path.join(repo, 'themes', 'default', 'static', 'tokens.css');
const THEME_CLASS = 'voorbeeld-theme';

// A folder of its own (node --test runs the files in parallel): the example organisation,
// the theme and schemas as the other tests build them, with the theme named in site.yaml.
const work = mkdtempSync(path.join(os.tmpdir(), 'vpd-thema-test-'));
const org = path.join(work, 'org');
const site = path.join(work, 'site');

let server, browser, base;

before(async () => {
  mkdirSync(out, { recursive: true });
  for (const dir of ['content', 'themes', 'schemas']) {
    if (existsSync(path.join(repo, dir))) cpSync(path.join(repo, dir), path.join(org, dir), { recursive: true });
  }
  cpSync(THEME_FILE, path.join(org, 'content', 'voorbeeld-theme.css'));
  const settings = path.join(org, 'content', 'site.yaml');
  const yaml = readFileSync(settings, 'utf8');
  assert.match(yaml, /^tokens: null$/m);
  assert.match(yaml, /^tokens_klasse: null$/m);
  writeFileSync(settings, yaml
    .replace(/^tokens: null$/m, 'tokens: voorbeeld-theme.css')
    .replace(/^tokens_klasse: null$/m, `tokens_klasse: ${THEME_CLASS}`));
  ({ server, browser, base } = await startSite(org, site, { quiet: true }));
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

/// The custom properties a stylesheet declares (the first declaration of each: the
/// defaults' narrow-screen overrides come later in tokens.css).
function declarations(file) {
  const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const found = new Map();
  for (const m of css.matchAll(/(--[\w-]+)\s*:\s*([^;{}]+);/g)) {
    if (!found.has(m[1])) found.set(m[1], m[2].trim());
  }
  return found;
}

const theme = declarations(THEME_FILE);
const defaults = declarations(DEFAULT_TOKENS);

/// The value of token `name` as the page computes it on <html>: the first of `layers` that
/// declares it, with every var() in it resolved the same way (a fallback only where no
/// layer declares the variable).
function resolve(name, layers, depth = 0) {
  assert.ok(depth < 40, `${name}: var() nested too deeply`);
  const raw = layers.map((l) => l.get(name)).find((v) => v !== undefined);
  if (raw === undefined) return undefined;
  return substitute(raw, layers, depth);
}

function substitute(value, layers, depth) {
  let result = '';
  let rest = value;
  for (;;) {
    const at = rest.indexOf('var(');
    if (at < 0) return result + rest;
    result += rest.slice(0, at);
    // The matching parenthesis of this var().
    let level = 0;
    let end = at + 3;
    for (; end < rest.length; end++) {
      if (rest[end] === '(') level++;
      if (rest[end] === ')' && --level === 0) break;
    }
    const inner = rest.slice(at + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? undefined : inner.slice(comma + 1).trim();
    const resolved = resolve(name, layers, depth + 1) ?? (fallback === undefined ? undefined : substitute(fallback, layers, depth + 1));
    assert.ok(resolved !== undefined, `${name} is declared nowhere`);
    result += resolved;
    rest = rest.slice(end + 1);
  }
}

/// What the theme makes of a token, and what vpd's defaults alone make of it.
const themed = (name) => resolve(name, [theme, defaults]);
const vpdDefault = (name) => resolve(name, [defaults]);

async function openPage(url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  await page.goto(base + url, { waitUntil: 'load' });
  return { page, context, external };
}

/// `value` as the browser computes `property` (so '#5c2d91' and 'rgb(92, 45, 145)' compare).
function computedAs(page, property, value) {
  return page.evaluate(([p, v]) => {
    const probe = document.createElement('div');
    probe.style.setProperty(p, v);
    document.body.append(probe);
    const result = getComputedStyle(probe).getPropertyValue(p);
    probe.remove();
    return result;
  }, [property, value]);
}

test('the theme is linked after the defaults and its class is on <html>', async () => {
  const { page, context } = await openPage('/');
  assert.equal(await page.getAttribute('html', 'class'), THEME_CLASS);
  const sheets = await page.$$eval('link[rel=stylesheet]', (ls) => ls.map((l) => new URL(l.href).pathname));
  const at = (end) => sheets.findIndex((s) => s.endsWith(end));
  assert.ok(at('/static/vendor/utrecht-component-library-css/index.css') >= 0, sheets.join(' '));
  assert.ok(at('/static/vendor/utrecht-component-library-css/index.css') < at('/static/tokens.css'), sheets.join(' '));
  assert.ok(at('/static/tokens.css') < at('/static/organisatie-tokens.css'), sheets.join(' '));
  assert.ok(at('/static/organisatie-tokens.css') < at('/static/vpd.css'), sheets.join(' '));
  await context.close();
});

// Component, element and the token of the NL Design System component that styles it.
const checks = [
  ['/', 'h1.utrecht-heading-1', 'font-family', '--utrecht-heading-1-font-family'],
  ['/', 'h1.utrecht-heading-1', 'color', '--utrecht-heading-1-color'],
  ['/', '.utrecht-page-footer', 'background-color', '--utrecht-page-footer-background-color'],
  ['/', '.vpd-direct-hulp .utrecht-link', 'color', '--utrecht-link-color'],
  ['/teams/wijkteam-oost/', '.utrecht-alert--warning', 'background-color', '--utrecht-alert-warning-background-color'],
  ['/teams/wijkteam-oost/', '.vpd-afdrukken .utrecht-button--secondary-action', 'background-color', '--utrecht-button-secondary-action-background-color'],
  ['/teams/wijkteam-oost/', '.vpd-afdrukken .utrecht-button--secondary-action', 'color', '--utrecht-button-secondary-action-color'],
  ['/normschema/', 'table.utrecht-table caption', 'font-size', '--utrecht-table-caption-font-size'],
  ['/leerdoelwijzers/werkpleinen/', 'textarea.utrecht-textarea', 'border-color', '--utrecht-textarea-border-color'],
];

test('the NL Design System components take the theme\'s values, not vpd\'s', async () => {
  const differs = [];
  for (const [url, selector, property, token] of checks) {
    const expected = themed(token);
    const fallback = vpdDefault(token);
    assert.ok(expected, `the theme gives ${token} a value`);
    const { page, context } = await openPage(url);
    const element = page.locator(selector).first();
    await element.waitFor({ state: 'attached' });
    const actual = await element.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), property);
    assert.equal(actual, await computedAs(page, property, expected), `${url} ${selector} ${property} is the theme's ${token}: ${expected}`);
    if (actual !== await computedAs(page, property, fallback)) differs.push(`${selector} ${property}`);
    await context.close();
  }
  // Where the theme happens to choose vpd's own value the check above still holds; most must differ.
  assert.ok(differs.length >= checks.length - 2, `the theme changes the look: ${differs.join(', ')}`);
});

const pages = {
  home: '/',
  normschema: '/normschema/',
  team: '/teams/werkplein-centrum/',
  concept: '/teams/wijkteam-oost/',
  leerdoelwijzer: '/leerdoelwijzers/werkpleinen/',
  status: '/status/',
  zoeken: '/zoeken/',
  toegankelijkheid: '/toegankelijkheid/',
};

for (const [mode, viewport] of [['1280 px', { width: 1280, height: 900 }], ['375 px', { width: 375, height: 812 }]]) {
  test(`with the theme, axe-core finds no WCAG 2.1 A/AA violation and no page scrolls sideways at ${mode}`, async () => {
    const problems = [];
    for (const [kind, url] of Object.entries(pages)) {
      const { page, context, external } = await openPage(url, viewport);
      await page.addScriptTag({ path: require.resolve('axe-core') });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
      for (const v of result.violations) {
        problems.push(`${kind} ${url}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) problems.push(`${kind} ${url}: scrolls sideways by ${overflow}px`);
      if (external.length) problems.push(`${kind} ${url}: requests another host: ${external.join(' ')}`);
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

test('screenshots of the example in the theme, at desktop and phone width', async () => {
  for (const [name, url] of [['home', pages.home], ['normschema', pages.normschema], ['team', pages.concept]]) {
    for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['telefoon', { width: 375, height: 812 }]]) {
      const { page, context } = await openPage(url, viewport);
      await page.screenshot({ path: path.join(out, `thema-voorbeeld-${name}-${label}.png`), fullPage: true });
      await context.close();
    }
  }
});
