// Print as an official document (issue "A site staff can act on under stress"): a team
// protocol, a draft protocol, the norm schema and the policy are printed to A4 PDF by
// headless Debian chromium (playwright-core), and every page is read back with poppler's
// `pdftotext -layout`. Every page must carry the running header (organisation, document,
// status or adoption date; CONCEPT on every page of a draft) and the footer (print and
// publication date, "pagina N van M" with the right N and M), and no page may end with a
// heading (told by its colour, read with pdftohtml) and none but the last is less than 60%
// filled. The PDFs stay in target/browser/print/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const out = path.join(repo, 'target', 'browser', 'print');
// A folder of its own, so this file can run beside the other test files (node --test runs files in parallel).
const work = mkdtempSync(path.join(os.tmpdir(), 'vpd-print-test-'));
const site = path.join(work, 'site');

// The example organisation in content/ (startSite builds it with VPD_VANDAAG=2026-11-24).
const ORGANISATIE = 'Gemeente Lindewaard';
const GEPUBLICEERD = '24 november 2026';
const documenten = [
  { naam: 'team', url: '/teams/werkplein-centrum/', document: 'Werkplein Centrum', status: 'Vastgesteld op 16 februari 2026' },
  { naam: 'concept', url: '/teams/wijkteam-oost/', document: 'Wijkteam Oost', status: 'CONCEPT', concept: true },
  { naam: 'normschema', url: '/normschema/', document: 'Normschema', status: 'Vastgesteld op 20 januari 2026' },
  { naam: 'beleid', url: '/beleid/', document: 'Beleid Veilige Publieke Dienstverlening', status: 'Vastgesteld op 20 januari 2026' },
];

let server, browser, base;

before(async () => {
  mkdirSync(out, { recursive: true });
  ({ server, browser, base } = await startSite(repo, site, { quiet: true }));
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

// Whitespace collapsed and ligatures (ﬁ, ﬀ in the PDF's fonts) spelled out.
const normaal = (s) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();
const xmlTekst = (s) => s.replace(/<[^>]+>/g, '').replace(/&(lt|gt|quot|apos|#39|amp);/g,
  (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", amp: '&' })[e]);

// Headings are printed in this colour for the test: a colour changes nothing in the layout,
// and poppler's pdftohtml reports it per line, so a heading is told from body text that
// repeats its words (the policy's introductions list the questions that head its fields).
const KOPKLEUR = '#ff00ff';

/// Prints `url` to `file` (A4, as a user's browser would with "Afdrukken") and returns the
/// headings a reader sees on paper and today's date as the page writes it.
async function afdrukken(url, file, { javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(base + url, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const koppen = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((h) => h.getClientRects().length > 0)
    .map((h) => h.textContent));
  const vandaag = javaScriptEnabled ? await page.evaluate(() =>
    new Date().toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' })) : null;
  const kleur = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => `${h}, ${h} *`).join(', ');
  // Through evaluate, which also works where the page's own scripts are off (addStyleTag waits for one).
  await page.evaluate((css) => {
    const style = document.createElement('style');
    style.textContent = css;
    document.head.append(style);
  }, `${kleur} { color: ${KOPKLEUR} !important; }`);
  await page.pdf({ path: file, format: 'A4', printBackground: true });
  await context.close();
  return { koppen: koppen.map(normaal).filter(Boolean), vandaag };
}

/// The text of every page of `file`, each as its non-empty lines, read with `pdftotext -layout`.
function paginas(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const aantal = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  assert.ok(aantal >= 1, `${file} has pages`);
  const uit = [];
  for (let n = 1; n <= aantal; n++) {
    const tekst = execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
    uit.push(tekst.split('\n').map((r) => r.trimEnd()).filter((r) => r.trim() !== ''));
  }
  return uit;
}

/// Per page of `file`, the lines of text inside the page area (the header and footer stand
/// in the margins: A4 with vpd.css's 20 mm at the top and 18 mm at the bottom), top to
/// bottom, each with whether it is printed in the heading colour, and how far down the page
/// area the text reaches (0 to 1). Read with poppler's `pdftohtml -xml`, which gives every
/// line its position and colour.
function tekstregels(file) {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  // A font (with its colour) is declared on the first page that uses it.
  const kleuren = new Map([...xml.matchAll(/<fontspec id="(\d+)"[^>]*color="(#[0-9a-f]+)"/g)].map((m) => [m[1], m[2]]));
  const uit = [];
  for (const [, kop, inhoud] of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const hoogte = Number(/height="(\d+)"/.exec(kop)[1]);
    const boven = (hoogte * 20) / 297;
    const onder = hoogte - (hoogte * 18) / 297;
    const regels = [...inhoud.matchAll(/<text top="(\d+)" left="\d+" width="\d+" height="(\d+)" font="(\d+)">(.*?)<\/text>/g)]
      .map((m) => ({ top: Number(m[1]), bodem: Number(m[1]) + Number(m[2]), kop: kleuren.get(m[3]) === KOPKLEUR, tekst: xmlTekst(m[4]) }))
      .filter((r) => r.top >= boven && r.bodem <= onder && r.tekst.trim() !== '')
      .sort((a, b) => a.bodem - b.bodem);
    uit.push({ regels, vulling: regels.length ? (regels[regels.length - 1].bodem - boven) / (onder - boven) : 0 });
  }
  return uit;
}

for (const doc of documenten) {
  test(`${doc.url} prints as an official document: running header, footer, page numbers, no heading last`, async () => {
    const file = path.join(out, `${doc.naam}.pdf`);
    const { koppen, vandaag } = await afdrukken(doc.url, file);
    assert.ok(koppen.length >= 3, `headings found on ${doc.url}: ${koppen.length}`);
    const lijst = paginas(file);
    const m = lijst.length;
    assert.ok(m >= 2, `${doc.url} prints on ${m} pages`);
    lijst.forEach((regels, i) => {
      const n = i + 1;
      const waar = `${doc.url}, page ${n} of ${m}:\n${regels.join('\n')}`;
      assert.ok(regels.length >= 3, `header, text and footer on ${waar}`);
      const kop = regels[0];
      const voet = regels[regels.length - 1];
      assert.ok(kop.includes(`${ORGANISATIE} · ${doc.document}`), `header names organisation and document on ${waar}`);
      assert.ok(kop.includes(doc.status), `header says "${doc.status}" on ${waar}`);
      if (doc.concept) assert.match(kop, /CONCEPT/, `CONCEPT on every page: ${waar}`);
      const nummer = /pagina (\d+) van (\d+)\s*$/.exec(voet);
      assert.ok(nummer, `footer has "pagina N van M" on ${waar}`);
      assert.deepEqual([Number(nummer[1]), Number(nummer[2])], [n, m], `page number on ${waar}`);
      assert.ok(voet.includes(`Afgedrukt op ${vandaag} · gepubliceerd op ${GEPUBLICEERD}`), `print and publication date on ${waar}`);
    });
    // No page ends with a heading, or with the first line of one.
    const inhoud = tekstregels(file);
    assert.equal(inhoud.length, m, 'pdftohtml reads as many pages as pdfinfo');
    const gekleurd = inhoud.flatMap((p) => p.regels).filter((r) => r.kop).map((r) => normaal(r.tekst));
    assert.ok(gekleurd.length >= koppen.length, `the headings are recognised in the PDF (${gekleurd.length} lines)`);
    for (const r of gekleurd) {
      assert.ok(koppen.some((k) => k.includes(r)), `"${r}" in the heading colour is part of a heading`);
    }
    inhoud.forEach(({ regels, vulling }, i) => {
      // No forced keep-together pushes so much to the next page that this one is half empty.
      if (i < m - 1) assert.ok(vulling >= 0.6, `page ${i + 1} of ${m} of ${doc.url} is filled to ${Math.round(vulling * 100)}%`);
      const laatste = regels[regels.length - 1];
      assert.ok(laatste, `text on page ${i + 1} of ${doc.url}`);
      assert.ok(!laatste.kop, `page ${i + 1} of ${m} of ${doc.url} ends with the heading line "${normaal(laatste.tekst)}"`);
    });
    if (!doc.concept) {
      assert.ok(lijst.every((regels) => !regels.join('\n').includes('CONCEPT')), `no CONCEPT in ${doc.url}`);
    }
  });
}

test('without JavaScript a printed page says when the site was published', async () => {
  const file = path.join(out, 'concept-zonder-javascript.pdf');
  await afdrukken('/teams/wijkteam-oost/', file, { javaScriptEnabled: false });
  const lijst = paginas(file);
  lijst.forEach((regels, i) => {
    const voet = regels[regels.length - 1];
    assert.ok(voet.includes(`Gepubliceerd op ${GEPUBLICEERD}`), `publication date on page ${i + 1}: ${voet}`);
    assert.ok(!voet.includes('Afgedrukt'), `no print date without JavaScript: ${voet}`);
    assert.match(voet, new RegExp(`pagina ${i + 1} van ${lijst.length}\\s*$`));
    assert.match(regels[0], /CONCEPT/);
  });
});

test('the contents list is left out of print (paper has no links to follow)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/teams/werkplein-centrum/');
  assert.ok(await page.locator('.vpd-toc').isVisible(), 'the contents list is on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.vpd-toc').isVisible(), false, 'and not on paper');
  await context.close();
});
