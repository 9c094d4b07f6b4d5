// Readable protocols in headless Debian chromium: a comfortable line length on the long
// pages, a contents list that stays within reach at the bottom of the policy, and the flow
// charts of the norm schema as a screen reader reads them (the accessibility tree), with
// every decision's "ja" and "nee" leading to the step the norm schema names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'target', 'browser-readable');
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

async function open(url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(base + url, { waitUntil: 'load' });
  return { page, context };
}

// The most characters of its own text a line of each paragraph, list item and description
// can hold: the element's content width divided by the average width of a character of
// its text in its own font. Table cells are left out (a table has its own widths).
const LONGEST_LINE = () => {
  const canvas = document.createElement('canvas').getContext('2d');
  const found = [];
  for (const el of document.querySelectorAll('main p, main li, main dd, main dt')) {
    if (el.closest('table, nav, .vpd-stroom__keuzes') || el.offsetParent === null) continue;
    const text = el.textContent.replace(/\s+/g, ' ').trim();
    if (text.length < 40) continue;
    const style = getComputedStyle(el);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const perChar = canvas.measureText(text).width / text.length;
    const width = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    found.push({ chars: Math.round(width / perChar), what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${text.slice(0, 60)}` });
  }
  return found;
};

for (const url of ['/beleid/', '/normschema/', '/teams/werkplein-noord/', '/teams/kcc-algemeen/']) {
  test(`text on ${url} runs at most about 80 characters a line at 1280 px`, async () => {
    const { page, context } = await open(url);
    const lines = await page.evaluate(LONGEST_LINE);
    assert.ok(lines.length > 20, `${url}: only ${lines.length} text blocks measured`);
    const long = lines.filter((l) => l.chars > 80);
    assert.deepEqual(long, [], `${url}: lines longer than 80 characters`);
    await context.close();
  });
}

for (const [label, viewport] of [['1280 px', { width: 1280, height: 900 }], ['375 px', { width: 375, height: 812 }]]) {
  test(`at the bottom of /beleid/ the contents list is in view or one link away (${label})`, async () => {
    const { page, context } = await open('/beleid/', viewport);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 1000);
    const toc = page.locator('nav#inhoudsopgave');
    const inView = async () => page.evaluate(() => {
      const r = document.getElementById('inhoudsopgave').getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
    });
    if (!(await inView())) {
      // One link away: the last part ends with a link back to the contents list.
      const back = page.locator('.vpd-naar-inhoud a[href="#inhoudsopgave"]').last();
      assert.ok(await back.isVisible(), 'a visible link back to the contents list');
      await back.click();
      await page.waitForFunction(() => location.hash === '#inhoudsopgave');
      // The page may scroll smoothly: wait until the list has arrived.
      await page.waitForFunction(() => {
        const r = document.getElementById('inhoudsopgave').getBoundingClientRect();
        return r.top >= -1 && r.top < window.innerHeight;
      }, null, { timeout: 5000 });
      assert.ok(await inView(), 'the link brings the contents list into view');
    } else {
      assert.ok(viewport.width >= 1024, 'on a wide screen the list stays beside the text');
    }
    // The list is whole: its first and last entries are visible links.
    assert.ok(await toc.locator('a').first().isVisible());
    await page.screenshot({ path: path.join(out, `beleid-onderaan-${viewport.width}.png`) });
    await context.close();
  });
}

// The steps of one category's approach in content/organisatie/normschema.yaml (block
// style, as the example writes them): id, tekst and a decision's ja and nee.
function approach(category) {
  const lines = readFileSync(path.join(repo, 'content/organisatie/normschema.yaml'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === `- id: ${category}`);
  assert.ok(start >= 0, `${category} is in the norm schema`);
  const depth = lines[start].indexOf('-');
  const steps = [];
  let inApproach = false;
  for (const line of lines.slice(start + 1)) {
    const indent = line.search(/\S/);
    if (indent >= 0 && indent <= depth) break;
    if (/^\s+aanpak:\s*$/.test(line)) { inApproach = true; continue; }
    if (!inApproach) continue;
    if (indent >= 0 && indent <= depth + 2 && !line.trim().startsWith('-')) { inApproach = false; continue; }
    const step = line.match(/^\s+- id: (\S+)/);
    if (step) { steps.push({ id: step[1] }); continue; }
    const field = line.match(/^\s+(tekst|ja|nee|soort): "?(.*?)"?\s*$/);
    if (field && steps.length) steps.at(-1)[field[1]] = field[2];
  }
  return steps;
}

// The flow chart of a category as a screen reader gets it: the accessibility tree of its
// list, read as the numbered steps (a list item's position is what is announced) and each
// decision's answers with the link they lead to.
function readFlow(snapshot) {
  const unquote = (s) => s.replace(/^["']|["']$/g, '').replace(/''/g, "'");
  const steps = [];
  let answer = null;
  for (const line of snapshot.split('\n')) {
    if (/^ {2}- listitem/.test(line)) { steps.push({ ways: {} }); continue; }
    const step = steps.at(-1);
    if (!step) continue;
    const strong = line.match(/^ {6}- strong: (.*)$/);
    if (strong && step.tekst === undefined) { step.tekst = unquote(strong[1]); continue; }
    const ans = line.match(/^ {8}- strong: (Ja|Nee)$/);
    if (ans) { answer = ans[1].toLowerCase(); continue; }
    const link = line.match(/link "ga naar stap (\d+): (.*)"/);
    if (link && answer) { step.ways[answer] = { nummer: Number(link[1]), tekst: link[2] }; answer = null; }
  }
  return steps;
}

for (const category of ['jij-gedrag', 'bedreiging']) {
  test(`a screen reader reads the ${category} flow chart on /normschema/ with the right branches`, async () => {
    const { page, context } = await open('/normschema/');
    const flow = page.locator(`#categorie-${category} .vpd-stroom`);
    const read = readFlow(await flow.ariaSnapshot());
    const data = approach(category);
    assert.equal(read.length, data.length, 'every step is read, in the norm schema\'s order');
    const decisions = data.filter((s) => s.soort === 'beslissing');
    assert.ok(decisions.length >= 1, `${category} has decisions`);
    data.forEach((s, i) => assert.equal(read[i].tekst, s.tekst, `step ${i + 1}`));
    for (const d of decisions) {
      const i = data.indexOf(d);
      for (const way of ['ja', 'nee']) {
        const target = data.findIndex((s) => s.id === d[way]);
        assert.ok(target >= 0, `${d.id}: ${way} names a step`);
        assert.deepEqual(read[i].ways[way], { nummer: target + 1, tekst: data[target].tekst },
          `${category}: "${d.tekst}" ${way} leads to step ${target + 1}`);
        // The link's target is that list item (what the number says is where it goes).
        const position = await page.evaluate(([cat, id]) => {
          const li = document.getElementById(`stap-${cat}-${id}`);
          return [...li.parentElement.children].indexOf(li) + 1;
        }, [category, d[way]]);
        assert.equal(position, target + 1);
      }
      // Steps other than decisions offer no ja/nee.
    }
    data.forEach((s, i) => {
      if (s.soort !== 'beslissing') assert.deepEqual(read[i].ways, {}, `step ${i + 1} is no decision`);
    });
    await context.close();
  });
}
