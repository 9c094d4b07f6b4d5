// Browser tests of the learning pages (issue 6) in headless Debian chromium (playwright-core):
// the leerdoelwijzer as a form filled in by keyboard and mouse, the per-aspect summary and
// the candidate learning goals computed in the browser, saving the answers as a file and
// loading them back, the ontwikkelmatrix form, the page without JavaScript and in print, and
// axe-core on both pages. Nothing may be sent anywhere: no request to another host, and the
// form is never submitted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
// A folder of its own, so this file can run beside site.test.mjs (node --test runs files in parallel).
const work = mkdtempSync(path.join(os.tmpdir(), 'vpd-leerdoelwijzer-test-'));
const site = path.join(work, 'site');

const LDW = '/leerdoelwijzers/werkpleinen/';
const MATRIX = '/leerdoelwijzers/ontwikkelmatrix/';

let server, browser, base, prefix;

before(async () => {
  ({ server, browser, base, prefix } = await startSite(repo, site, { quiet: true }));
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openPage(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const external = [];
  const posts = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) external.push(r.url());
    if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(base + url, { waitUntil: 'load' });
  return { page, context, external, posts };
}

async function ready(page) {
  await page.locator('form[data-vpd-klaar]').waitFor({ timeout: 10000 });
}

async function axeViolations(page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

// A message of the page (from the message catalogue, carried in data-tekst-*) filled in.
async function message(page, key, values) {
  const text = await page.getAttribute('form#vpd-vragenlijst', `data-tekst-${key}`);
  assert.ok(text, `the form carries data-tekst-${key}`);
  return text.replace(/\{([a-z_]+)\}/g, (whole, k) => (k in values ? String(values[k]) : whole));
}

// The per-aspect counts as shown in the summary: {Altijd: n, ...} and the progress text.
async function summary(page, aspect) {
  const item = page.locator(`[data-vpd-samenvatting] li[data-vpd-blok="${aspect}"]`);
  await item.waitFor();
  const counts = {};
  for (const part of await item.locator('[data-vpd-antwoord]').all()) {
    counts[await part.getAttribute('data-vpd-antwoord')] = Number(await part.getAttribute('data-vpd-aantal'));
  }
  return { counts, text: (await item.textContent()).replace(/\s+/g, ' ').trim() };
}

async function checkedAnswers(page) {
  return page.$$eval('form#vpd-vragenlijst input[type=radio]:checked', (els) =>
    Object.fromEntries(els.map((e) => [e.name, e.value])));
}

// What the test fills in, and so what the saved file must hold.
const expected = {
  'rekening-houden-met-risico': 'Altijd',
  'achtergrond-verdiepen': 'Vaak',
  'slecht-nieuws-voorbereiden': 'Soms',
  'veilige-locatie': 'Nooit',
  'beheerst-reageren': 'Soms',
  'hulp-vragen': 'Nooit',
  'hulp-aanbieden': 'Altijd',
};
const personalGoal = 'Grenzen stellen en vasthouden aan de balie oefenen.';

test('a leerdoelwijzer is filled in by keyboard and mouse, summarised, saved and loaded again', async () => {
  const { page, context, external, posts } = await openPage(LDW);
  await ready(page);
  const url = page.url();

  // Keyboard only: Space checks the focused radio, Tab goes to the next statement's group,
  // the arrow keys choose within a group.
  await page.focus('#v-rekening-houden-met-risico-1');
  await page.keyboard.press('Space');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'a focused radio shows a visible focus outline');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'achtergrond-verdiepen');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowLeft');
  // Enter on a radio does not submit the form (it has no action and nothing is sent).
  await page.keyboard.press('Enter');
  // Mouse: a click on the answer word (the label) checks the radio.
  await page.locator('label[for="v-beheerst-reageren-3"]').click();
  await page.locator('label[for="v-hulp-vragen-4"]').click();
  await page.locator('label[for="v-hulp-aanbieden-1"]').click();
  await page.locator('#persoonlijk-leerdoel').fill(personalGoal);

  assert.deepEqual(await checkedAnswers(page), expected);
  assert.equal(page.url(), url, 'the form was not submitted');

  // The summary per aspect, in a polite live region.
  assert.equal(await page.getAttribute('[data-vpd-samenvatting]', 'aria-live'), 'polite');
  const risk = await summary(page, 'risico-inschatting');
  assert.deepEqual(risk.counts, { Altijd: 1, Vaak: 1, Soms: 1, Nooit: 1 });
  assert.ok(risk.text.includes(await message(page, 'beantwoord', { beantwoord: 4, totaal: 6 })), risk.text);
  const self = await summary(page, 'spanningssignalen-bij-jezelf');
  assert.deepEqual(self.counts, { Altijd: 0, Vaak: 0, Soms: 1, Nooit: 0 });
  const support = await summary(page, 'collegiale-ondersteuning');
  assert.deepEqual(support.counts, { Altijd: 1, Vaak: 0, Soms: 0, Nooit: 1 });
  assert.ok(support.text.includes(await message(page, 'beantwoord', { beantwoord: 2, totaal: 2 })), support.text);

  // Statements answered Soms or Nooit are the candidate learning goals, with fitting werkvormen.
  const goals = await page.$$eval('[data-vpd-leerdoelen] [data-vpd-leerdoel]', (els) => els.map((e) => e.getAttribute('data-vpd-leerdoel')));
  assert.deepEqual(goals, ['slecht-nieuws-voorbereiden', 'veilige-locatie', 'beheerst-reageren', 'hulp-vragen']);
  const helpGoal = page.locator('[data-vpd-leerdoel="hulp-vragen"]');
  assert.ok((await helpGoal.textContent()).includes('Als ik in het contact met een burger hulp nodig heb van een collega'));
  const helpLinks = await helpGoal.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(helpLinks, [`${prefix}werkvormen/thematisch-werkoverleg/`, `${prefix}werkvormen/intervisiemethoden/`]);
  // Without a fitting werkvorm the goal links to all werkvormen.
  const calmLinks = await page.locator('[data-vpd-leerdoel="beheerst-reageren"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(calmLinks, [`${prefix}werkvormen/`]);
  // The links lead somewhere.
  const werkvorm = await page.request.get(base + '/werkvormen/thematisch-werkoverleg/');
  assert.equal(werkvorm.status(), 200);

  // Filled in, the page still has no accessibility violation.
  assert.deepEqual(await axeViolations(page), []);

  // Save: a JSON file made in the browser and downloaded.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: await page.textContent('[data-vpd-opslaan]') }).click(),
  ]);
  const fileName = download.suggestedFilename();
  assert.match(fileName, /^leerdoelwijzer-werkpleinen-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = path.join(work, fileName);
  await download.saveAs(saved);
  const data = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(data.soort, 'vpd-leerdoelwijzer-antwoorden');
  assert.equal(data.leerdoelwijzer, 'werkpleinen');
  assert.deepEqual(data.antwoorden, expected);
  assert.equal(data.persoonlijk_leerdoel, personalGoal);
  assert.match(data.opgeslagen, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(fileName.includes(data.opgeslagen));
  await page.locator('[data-vpd-melding-opslaan]').filter({ hasText: fileName }).waitFor();

  // Load the page again: nothing is filled in.
  await page.goto(base + LDW, { waitUntil: 'load' });
  await ready(page);
  assert.deepEqual(await checkedAnswers(page), {});
  assert.equal(await page.inputValue('#persoonlijk-leerdoel'), '');

  // Load the saved file: the radios and the text are back, and so is the summary.
  const input = page.getByLabel(await page.textContent('label[for="vpd-antwoorden-laden"]'), { exact: true });
  assert.equal(await input.getAttribute('type'), 'file');
  await input.setInputFiles(saved);
  const loaded = await message(page, 'geladen', { bestand: fileName, aantal: Object.keys(expected).length });
  await page.locator('[data-vpd-melding-laden]').filter({ hasText: loaded }).waitFor();
  assert.deepEqual(await checkedAnswers(page), expected);
  assert.equal(await page.inputValue('#persoonlijk-leerdoel'), personalGoal);
  assert.deepEqual((await summary(page, 'risico-inschatting')).counts, { Altijd: 1, Vaak: 1, Soms: 1, Nooit: 1 });
  assert.equal(await page.locator('[data-vpd-leerdoel]').count(), 4);

  // A damaged file and a file of another leerdoelwijzer are refused with a clear message.
  await input.setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{"soort": "vpd-leerd') });
  const damaged = await message(page, 'beschadigd', { bestand: 'kapot.json' });
  await page.locator('[data-vpd-melding-laden]').filter({ hasText: damaged }).waitFor();
  const other = { ...data, leerdoelwijzer: 'boa', titel: 'Leerdoelwijzer voor boa\'s', antwoorden: { 'x': 'Altijd' } };
  await input.setInputFiles({ name: 'boa.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  const wrong = await message(page, 'andere', { bestand: 'boa.json', ander: other.titel });
  await page.locator('[data-vpd-melding-laden]').filter({ hasText: wrong }).waitFor();
  assert.deepEqual(await checkedAnswers(page), expected, 'a refused file changes nothing');

  assert.deepEqual(external, [], 'no request to another host');
  assert.deepEqual(posts, [], 'no answer is sent anywhere');
  await context.close();
});

test('the ontwikkelmatrix is a form with one radio group per topic and per setting of safe working', async () => {
  const { page, context, external, posts } = await openPage(MATRIX);
  await ready(page);
  const groups = await page.$$eval('form#vpd-vragenlijst fieldset[data-vpd-vraag]', (fs) => fs.map((f) => ({
    name: f.getAttribute('data-vpd-vraag'),
    legend: f.querySelector('legend')?.textContent.trim(),
    radios: [...f.querySelectorAll('input[type=radio]')].map((r) => r.value),
    labelled: [...f.querySelectorAll('input[type=radio]')].every((r) => r.labels.length === 1 && r.labels[0].textContent.trim() === r.value),
  })));
  const levels = groups[0].radios;
  assert.equal(levels.length, 5);
  assert.equal(groups.filter((g) => g.name.startsWith('veilig-werken/')).length, 9, 'one group per setting');
  assert.equal(groups.length, 16 + 9, 'one group per topic, and per setting instead of the topic with settings');
  for (const g of groups) {
    assert.deepEqual(g.radios, levels, `${g.name} offers every level`);
    assert.ok(g.labelled, `${g.name}: every radio has its label`);
    assert.ok(g.legend, `${g.name} has a legend`);
  }
  assert.ok(groups.find((g) => g.name === 'veilig-werken/aan de telefoon').legend.includes('Veilig werken'));

  await page.locator('label[for="m-1-3"]').click();
  await page.focus('#m-2-1');
  await page.keyboard.press('Space');
  await page.getByRole('group', { name: 'Veilig werken: aan de telefoon' }).getByLabel(levels[4]).check();
  const all = await summary(page, 'onderwerpen');
  assert.deepEqual(all.counts, { [levels[0]]: 1, [levels[1]]: 0, [levels[2]]: 1, [levels[3]]: 0, [levels[4]]: 1 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-vpd-opslaan]')]);
  assert.match(download.suggestedFilename(), /^ontwikkelmatrix-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = path.join(work, download.suggestedFilename());
  await download.saveAs(saved);
  const data = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(data.soort, 'vpd-ontwikkelmatrix-antwoorden');
  assert.deepEqual(data.antwoorden, { 'klantgericht-werken': levels[2], 'emotie-en-agressie': levels[0], 'veilig-werken/aan de telefoon': levels[4] });

  await page.goto(base + MATRIX, { waitUntil: 'load' });
  await ready(page);
  await page.setInputFiles('#vpd-antwoorden-laden', saved);
  await page.locator('[data-vpd-melding-laden]').filter({ hasText: download.suggestedFilename() }).waitFor();
  assert.deepEqual(await checkedAnswers(page), data.antwoorden);

  // A leerdoelwijzer file does not belong here.
  const ldwFile = { soort: 'vpd-leerdoelwijzer-antwoorden', leerdoelwijzer: 'werkpleinen', antwoorden: {} };
  await page.setInputFiles('#vpd-antwoorden-laden', { name: 'ldw.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ldwFile)) });
  await page.locator('[data-vpd-melding-laden]').filter({ hasText: await message(page, 'andere', { bestand: 'ldw.json', ander: 'werkpleinen' }) }).waitFor();
  assert.deepEqual(await checkedAnswers(page), data.antwoorden);

  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(external, [], 'no request to another host');
  assert.deepEqual(posts, [], 'no answer is sent anywhere');
  await context.close();
});

for (const url of [LDW, MATRIX]) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on ${url} as loaded`, async () => {
    const { page, context, external } = await openPage(url);
    await ready(page);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(external, [], 'no request to another host');
    await context.close();
  });

  test(`without JavaScript ${url} is a printable checklist that cannot be sent`, async () => {
    const { page, context } = await openPage(url, { javaScriptEnabled: false });
    const form = page.locator('form#vpd-vragenlijst');
    assert.equal(await form.getAttribute('action'), null, 'the form has no action');
    assert.equal(await page.locator('form#vpd-vragenlijst button:not([type=button]), form#vpd-vragenlijst [type=submit], form#vpd-vragenlijst [type=image]').count(), 0, 'no submit button');
    assert.equal(await page.locator('button:not([type=button])').count(), 0);
    assert.ok(await page.locator('input[type=radio]').count() > 20);
    // Tools that need JavaScript stay hidden.
    assert.equal(await page.locator('[data-vpd-invulhulp]').isVisible(), false);
    assert.equal(await page.locator('[data-vpd-uitkomst]').isVisible(), false);
    // A leerdoelwijzer says how to use it on paper, and what it is for.
    if (url === LDW) {
      assert.match(await page.locator('main').textContent(), /Gebruik de lijst dan op papier/);
      assert.ok(await page.locator('#doel-kop').isVisible(), 'the purpose is shown');
    }
    // A radio checked and Enter pressed: still no submission.
    await page.locator('input[type=radio]').first().check();
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).search, '');

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header nav').first().isVisible(), false, 'no navigation in print');
    assert.equal(await page.locator('.vpd-breadcrumbs').isVisible(), false);
    assert.equal(await page.locator('.vpd-toc').isVisible().catch(() => false), false, 'no contents list in print');
    assert.ok(await page.locator('input[type=radio]').nth(1).isVisible(), 'the radios print as circles to mark');
    assert.ok(await page.locator('.vpd-metadata__item--invul').first().isVisible(), 'room for name and date on paper');
    await page.pdf({ path: path.join(work, 'print.pdf'), format: 'A4' });
    await context.close();
  });
}

test('with JavaScript the personal learning goal is asked after the outcome', async () => {
  const { page, context } = await openPage('/leerdoelwijzers/werkpleinen/');
  const order = await page.evaluate(() => {
    const outcome = document.querySelector('[data-vpd-uitkomst]');
    const goal = document.getElementById('leerdoel');
    return outcome.compareDocumentPosition(goal) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the goal comes after the outcome');
  await context.close();
});

test('printing a leerdoelwijzer with JavaScript leaves out the screen tools', async () => {
  const { page, context } = await openPage(LDW);
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-vpd-invulhulp]').isVisible(), false);
  assert.equal(await page.locator('[data-vpd-opslaan]').isVisible(), false);
  assert.equal(await page.locator('[data-vpd-uitkomst]').isVisible(), false, 'an empty outcome is not printed');
  assert.equal(await page.locator('.vpd-afdrukken').isVisible(), false);
  await context.close();
});

test('the list of leerdoelwijzers links to the ontwikkelmatrix', async () => {
  const { page, context } = await openPage('/leerdoelwijzers/');
  assert.equal(await page.locator(`main a[href="${prefix}${MATRIX.slice(1)}"]`).count(), 1);
  await context.close();
});
