// A minimal static file server on 127.0.0.1 for the browser tests.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/// The vpd binary under test: `VPD_BIN`, or the release build of this repository (in
/// `CARGO_TARGET_DIR` when set), whatever organisation a test builds.
const ownRepo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const vpdBinary = () =>
  process.env.VPD_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(ownRepo, 'target'), 'release', 'vpd');

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.wasm': 'application/wasm', '.png': 'image/png', '.pf_meta': 'application/octet-stream',
};

/// Serves the folder `root` below `prefix` (`/` or `/vpd/`, as the site is published):
/// `${prefix}x` is the file `x`, every other path is not found.
export function serveDir(root, prefix = '/') {
  const server = http.createServer(async (req, res) => {
    try {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!p.startsWith(prefix)) throw new Error('outside the base');
      p = '/' + p.slice(prefix.length);
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(root, path.normalize(p));
      if (!file.startsWith(root)) throw new Error('outside');
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(await readFile(path.join(root, '404.html')).catch(() => 'niet gevonden'));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/// The path the built site in `site` is published under: that of the home page's canonical
/// link (the `url` in site.yaml), `/` without one.
export async function basePath(site) {
  const home = await readFile(path.join(site, 'index.html'), 'utf8');
  const canonical = home.match(/<link rel="canonical" href="([^"]*)"/);
  if (!canonical) return '/';
  const p = new URL(canonical[1].replaceAll('&amp;', '&')).pathname;
  return p.endsWith('/') ? p : p + '/';
}

/// Builds the example organisation into `site` with the vpd binary, serves it on
/// 127.0.0.1 below its base path (as it is published: `/vpd/` for the example) and
/// launches headless Debian chromium with the flags this machine needs. `base` is the
/// address of the site's root without the final `/` (`http://127.0.0.1:port/vpd`), so
/// `base + '/teams/'` is a page; `prefix` is the base path (`/vpd/`).
export async function startSite(repo, site, { quiet = false } = {}) {
  const { execFileSync } = await import('node:child_process');
  const { chromium } = await import('playwright-core');
  const vpd = vpdBinary();
  execFileSync(vpd, ['build', repo, '--out', site], {
    stdio: quiet ? 'ignore' : 'inherit',
    env: { ...process.env, VPD_VANDAAG: '2026-11-24' },
  });
  const prefix = await basePath(site);
  const server = await serveDir(site, prefix);
  const base = `http://127.0.0.1:${server.address().port}${prefix.replace(/\/$/, '')}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { server, browser, base, prefix };
}
