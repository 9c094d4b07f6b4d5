// The form editor of `vpd serve` in headless Debian chromium (playwright-core): a copy of
// the example organisation (a git repository) gets a new Werkplein protocol from `vpd new`;
// the test opens its form from the team page's "Bewerken" link and fills it in by keyboard
// only (Tab, typing, Space and Enter on the row buttons) until the page says the protocol
// can be adopted, adopts it and saves. Then `vpd check` passes on the tree, the file's
// changes are only the answered fields (every comment line kept), and axe-core finds no
// violation on the form, clean and with an error shown. A file changed on disk after the form
// opened is not overwritten: the page shows its current text. The norm schema's form, opened
// from its page, takes a line added by keyboard to one category's list and saves exactly it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vpdBinary } from './serve.mjs';

const require = createRequire(import.meta.url);
// The YAML reader yaml-language-server brings along (package-lock.json pins it).
const YAML = require('yaml');
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const env = { ...process.env, VPD_VANDAAG: '2026-11-24' };
const file = 'content/teams/werkplein-zuid.yaml';

let root, serve, browser, origin, before_text;

const git = (...args) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: root, encoding: 'utf8' });

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vpd-formulier-'));
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  git('init', '-q');
  const made = spawnSync(vpdBinary(), ['new', 'werkplein', 'Werkplein Zuid'], { cwd: root, env, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  git('add', '-A');
  git('commit', '-qm', 'Voorbeeld met een nieuw protocol');
  before_text = readFileSync(path.join(root, file), 'utf8');
  serve = spawn(vpdBinary(), ['serve', root, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  origin = await new Promise((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) resolve(m[0]);
    });
    serve.on('exit', (code) => reject(new Error(`vpd serve ended (${code})`)));
  });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  serve?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/// Waits until the form's last check (debounced after typing) has answered.
async function checked(page) {
  await page.waitForFunction(() => document.getElementById('vpd-formulier').dataset.controle === 'klaar', null, { timeout: 60000 });
}

/// What the focused element is and whether its field needs an answer.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const field = el.closest('.vpd-veld');
  return {
    id: el.id,
    tag: el.tagName.toLowerCase(),
    value: el.value ?? '',
    required: Boolean(field && field.querySelector(':scope > .utrecht-form-label .vpd-verplicht')),
    row: Number((el.id.match(/-(\d+)$/) || [0, 0])[1]),
  };
});

test('a new protocol is filled in by keyboard, adopted and saved: check passes, the diff is only the answers, axe finds nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/vpd/teams/werkplein-zuid/`, { waitUntil: 'load' });
  const link = page.locator('.vpd-bewerken a');
  assert.equal(await link.textContent(), 'Bewerken');
  await link.focus();
  await Promise.all([page.waitForURL('**/__vpd/formulier/werkplein-zuid'), page.keyboard.press('Enter')]);
  await checked(page);
  assert.equal(await page.isHidden('#vpd-zonder-js'), true, 'the script hides the notice for readers without JavaScript');
  assert.deepEqual(await axeViolations(page), [], 'the form as opened');
  assert.equal(await page.getAttribute('#vpd-stand', 'data-vaststellen'), 'nee');

  // One more house rule, added with the keyboard and moved up one place.
  await page.focus('#veld-secties--orde--huisregels .vpd-toevoegen');
  await page.keyboard.press('Space');
  await page.keyboard.type('We spreken elkaar met respect aan.');
  const rules = await page.locator('#r-secties--orde--huisregels > li').count();
  assert.equal(await page.evaluate(() => document.activeElement.id), `i-secties--orde--huisregels-${rules - 1}`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Omhoog');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(`#i-secties--orde--huisregels-${rules - 2}`), 'We spreken elkaar met respect aan.');

  // Every empty answer of a required field, in the form's order, by Tab and typing.
  await page.focus('#i-team');
  const answered = new Set();
  for (let step = 0; step < 3000; step += 1) {
    const f = await focused(page);
    if (f.id === 'vpd-opslaan') break;
    if (f.required && f.value === '' && ['textarea', 'input', 'select'].includes(f.tag)) {
      if (f.tag === 'select') {
        for (let i = 0; i <= f.row; i += 1) await page.keyboard.press('ArrowDown');
      } else if (f.id === 'i-eigenaar') {
        await page.keyboard.type('Teamleider Werkplein Zuid');
      } else {
        await page.keyboard.type(`Ons antwoord ${step}: zo doen wij dat in Werkplein Zuid.`);
      }
      answered.add(f.id.replace(/^i-/, '').replace(/-\d+$/, ''));
    }
    await page.keyboard.press('Tab');
  }
  assert.ok(answered.size > 20, `answered ${answered.size} fields`);

  // Adopted today, against the norm's current version.
  await page.focus('#i-status');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#i-status'), 'vastgesteld');
  await page.focus('#i-vastgesteld_op');
  await page.keyboard.type('2026-11-24');
  const version = (await page.textContent('#d-normversie')).match(/normschema is (\S+)\./);
  if (version) {
    await page.focus('#i-normversie');
    await page.keyboard.type(version[1]);
  }
  await checked(page);
  const stand = await page.textContent('#vpd-stand');
  assert.equal(await page.getAttribute('#vpd-stand', 'data-vaststellen'), 'ja', stand);
  assert.match(stand, /kan worden vastgesteld/);

  await page.focus('#vpd-opslaan');
  await Promise.all([page.waitForEvent('load', { timeout: 60000 }), page.keyboard.press('Enter')]);
  await checked(page);

  const run = spawnSync(vpdBinary(), ['check', root], { env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);

  // Only the answered fields changed: the file reads the same outside them, and every
  // comment line is still there, in its order.
  const after_text = readFileSync(path.join(root, file), 'utf8');
  const old = YAML.parse(before_text);
  const now = YAML.parse(after_text);
  const changedKeys = [];
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    if (key === 'secties') continue;
    if (JSON.stringify(old[key]) !== JSON.stringify(now[key])) changedKeys.push(key);
  }
  for (const s of new Set([...Object.keys(old.secties), ...Object.keys(now.secties)])) {
    for (const f of new Set([...Object.keys(old.secties[s] || {}), ...Object.keys(now.secties[s] || {})])) {
      const a = (old.secties[s] || {})[f];
      const b = (now.secties[s] || {})[f];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      if (f === 'normtabel') {
        for (const c of Object.keys({ ...a, ...b })) {
          if (JSON.stringify(a[c]) !== JSON.stringify(b[c])) changedKeys.push(`secties--${s}--${f}--${c}--voorbeelden`);
        }
      } else {
        changedKeys.push(`secties--${s}--${f}`);
      }
    }
  }
  const allowed = new Set([...answered, 'status', 'vastgesteld_op', 'normversie', 'secties--orde--huisregels']);
  assert.deepEqual(changedKeys.filter((k) => !allowed.has(k)), [], 'only answered fields changed');
  const comments = (text) => text.split('\n').filter((l) => l.trim().startsWith('#') && !/^#\s*(vastgesteld_op|normversie):/.test(l.trim()));
  assert.deepEqual(comments(after_text), comments(before_text), 'every comment line kept');
  const diff = git('diff', '--', file);
  assert.ok(diff.includes('+status: vastgesteld'), diff);

  // With an error shown: a required answer cleared in an adopted protocol.
  await page.focus('#i-eigenaar');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await checked(page);
  await page.focus('#vpd-opslaan');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.id === 'vpd-samenvatting', null, { timeout: 60000 });
  assert.equal(await page.getAttribute('#vpd-samenvatting', 'role'), 'alert');
  assert.equal(await page.getAttribute('#i-eigenaar', 'aria-invalid'), 'true');
  assert.ok((await page.getAttribute('#i-eigenaar', 'aria-describedby')).includes('f-eigenaar'));
  assert.ok(await page.locator('#vpd-samenvatting a[href="#i-eigenaar"]').count() > 0);
  assert.deepEqual(await axeViolations(page), [], 'the form with an error shown');
  assert.equal(readFileSync(path.join(root, file), 'utf8'), after_text, 'nothing saved with errors');
  await context.close();
});

test('a file changed on disk since the form opened is not overwritten, and the page shows its current text', async () => {
  const noord = path.join(root, 'content/teams/werkplein-noord.yaml');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/__vpd/formulier/werkplein-noord`, { waitUntil: 'load' });
  await checked(page);
  await page.focus('#i-secties--orde--boodschap');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Zo niet, dan stoppen we het gesprek.');
  await checked(page);
  appendFileSync(noord, '# Intussen in een teksteditor gewijzigd.\n');
  const disk = readFileSync(noord, 'utf8');
  await page.focus('#vpd-opslaan');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#vpd-opslag pre', { timeout: 60000 });
  assert.match(await page.textContent('#vpd-opslag'), /op schijf veranderd/);
  assert.match(await page.textContent('#vpd-opslag pre'), /Intussen in een teksteditor gewijzigd/);
  assert.equal(readFileSync(noord, 'utf8'), disk, 'nothing written over the change');
  assert.deepEqual(await axeViolations(page), [], 'the form with the conflict shown');
  await context.close();
});

test('the start page leads to the policy\'s form, which axe-core finds no violation on', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/vpd/`, { waitUntil: 'load' });
  const link = page.locator('.vpd-bewerken a[href$="/__vpd/formulier/organisatie.beleid"]');
  assert.equal(await link.textContent(), 'Beleid bewerken');
  await link.focus();
  await Promise.all([page.waitForURL('**/__vpd/formulier/organisatie.beleid'), page.keyboard.press('Enter')]);
  await checked(page);
  assert.equal(await page.getAttribute('#vpd-stand', 'data-vaststellen'), 'ja');
  assert.deepEqual(await axeViolations(page), [], 'the policy\'s form');
  await context.close();
});

test('"Nieuw protocol" on the list of teams makes a protocol by keyboard and opens its form', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/vpd/teams/`, { waitUntil: 'load' });
  const link = page.locator('.vpd-bewerken a[href="/__vpd/nieuw"]');
  assert.equal(await link.textContent(), 'Nieuw protocol');
  await link.focus();
  await Promise.all([page.waitForURL('**/__vpd/nieuw'), page.keyboard.press('Enter')]);
  assert.deepEqual(await axeViolations(page), [], 'the page for a new protocol');
  await page.locator('#vpd-naam').focus();
  await page.keyboard.type('Werkplein Oost');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/__vpd/formulier/werkplein-oost', { timeout: 60000 });
  await checked(page);
  const made = readFileSync(path.join(root, 'content/teams/werkplein-oost.yaml'), 'utf8');
  assert.match(made, /^team: "?Werkplein Oost"?$/m, made.slice(0, 400));
  assert.deepEqual(await axeViolations(page), [], 'the new protocol\'s form');
  await context.close();
});

test('the norm schema\'s page leads to its form: a line added by keyboard to one category\'s list is saved as exactly that line', async () => {
  const normFile = path.join(root, 'content/organisatie/normschema.yaml');
  const old = readFileSync(normFile, 'utf8');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${origin}/vpd/normschema/`, { waitUntil: 'load' });
  const link = page.locator('.vpd-bewerken a[href$="/__vpd/formulier/organisatie.normschema"]');
  assert.equal(await link.textContent(), 'Normschema bewerken');
  await link.focus();
  await Promise.all([page.waitForURL('**/__vpd/formulier/organisatie.normschema'), page.keyboard.press('Enter')]);
  await checked(page);
  assert.match(await page.textContent('#vpd-stand'), /geen fouten/);
  assert.equal(await page.getAttribute('#vpd-stand', 'data-vaststellen'), null, 'no adoption summary for the norm schema');
  assert.deepEqual(await axeViolations(page), [], 'the norm schema\'s form');

  // One more way to recognise jullie-gedrag (the second category), added by keyboard.
  const key = 'secties--categorieen--categorieen-1-herkenning';
  const count = await page.locator(`#r-${key} > li`).count();
  await page.focus(`#veld-${key} > .utrecht-button-group .vpd-toevoegen`);
  await page.keyboard.press('Space');
  await page.keyboard.type('Eist een gesprek met de wethouder');
  assert.equal(await page.evaluate(() => document.activeElement.id), `i-${key}-${count}`);
  const label = await page.textContent(`label[for="i-${key}-${count}"]`);
  assert.equal(label.replace(/\s+/g, ' ').trim(), `Jullie-gedrag, herkenning, regel ${count + 1}`);
  // Moved up and down again by keyboard, inside its category only.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Omhoog');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(`#i-${key}-${count - 1}`), 'Eist een gesprek met de wethouder');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Omlaag');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(`#i-${key}-${count}`), 'Eist een gesprek met de wethouder');
  await checked(page);
  assert.deepEqual(await axeViolations(page), [], 'the norm schema\'s form with a line added');

  await page.focus('#vpd-opslaan');
  await Promise.all([page.waitForEvent('load', { timeout: 60000 }), page.keyboard.press('Enter')]);
  await checked(page);
  const now = readFileSync(normFile, 'utf8');
  const oldLines = old.split('\n');
  const last = oldLines.findIndex((l) => l.includes('Probeert een machtsstrijd te winnen'));
  assert.ok(last > 0);
  oldLines.splice(last + 1, 0, '          - Eist een gesprek met de wethouder');
  assert.equal(now, oldLines.join('\n'), 'the file gained exactly that line');
  const run = spawnSync(vpdBinary(), ['check', root], { env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);

  // A finding inside a category's step stands at that step's control (not saved).
  const step = 'i-secties--categorieen--categorieen-2-aanpak-1-tekst';
  await page.focus(`#${step}`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await checked(page);
  assert.equal(await page.getAttribute(`#${step}`, 'aria-invalid'), 'true');
  assert.ok(await page.locator(`#vpd-samenvatting a[href="#${step}"]`).count() > 0);
  assert.match(await page.textContent('#vpd-stand'), /nog fouten/);
  assert.deepEqual(await axeViolations(page), [], 'the norm schema\'s form with an error in a step');
  // A new category gets lists of its own, named after it once it has a name.
  const rows = await page.locator('#r-secties--categorieen--categorieen > li').count();
  await page.focus('#veld-secties--categorieen--categorieen > .utrecht-button-group .vpd-toevoegen');
  await page.keyboard.press('Space');
  const fresh = `secties--categorieen--categorieen-${rows}`;
  assert.equal(await page.evaluate(() => document.activeElement.id), `i-${fresh}-id`);
  await page.focus(`#i-${fresh}-naam`);
  await page.keyboard.type('Digitaal gedrag');
  await page.focus(`#veld-${fresh}-aanpak > .utrecht-button-group .vpd-toevoegen`);
  await page.keyboard.press('Space');
  assert.equal(await page.evaluate(() => document.activeElement.id), `i-${fresh}-aanpak-0-id`);
  const legend = await page.textContent(`#veld-${fresh}-aanpak li legend`);
  assert.equal(legend.replace(/\s+/g, ' ').trim(), 'Digitaal gedrag, aanpak, regel 1');
  // Removed again by keyboard: the focus goes back to that list's "Toevoegen".
  await page.focus(`#veld-${fresh}-aanpak li > .vpd-rij-acties .vpd-verwijderen`);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(`#r-${fresh}-aanpak > li`).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.closest('.vpd-deelveld').id), `veld-${fresh}-aanpak`);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Toevoegen');
  assert.equal(readFileSync(normFile, 'utf8'), now, 'nothing saved');
  await context.close();
});
