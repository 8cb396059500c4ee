// The browser tests' harness: Debian's Chromium driven by playwright-core, and a static server on
// 127.0.0.1 (random port) for a folder, as a developer would serve it.
//
// `cargo xtask test` installs Chromium (apt-get install chromium). Without it the browser tests
// are skipped (`missing` says why), except under CI, where importing this module fails.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';

import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Why the browser tests cannot run here, or false. */
export const missing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
if (missing && process.env.CI) {
  throw new Error(missing);
}

/** Serves `root` (a folder path ending in a separator; read-only, GET only, nothing outside it,
 * nothing under node_modules) on 127.0.0.1; resolves to the server, listening. Every request is
 * recorded in `server.requests` as `[status, path]`. */
export function serve(root) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const type = TYPES[extname(file)];
    if (req.method !== 'GET' || !file.startsWith(root) || file.includes(`${sep}node_modules${sep}`) || !type || !existsSync(file)) {
      requests.push([404, path]);
      res.writeHead(404).end();
      return;
    }
    requests.push([200, path]);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
  });
  server.requests = requests;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Starts headless Chromium with a fresh profile; resolves to `{ context, page, problems, close }`.
 * `problems` collects page errors and console errors. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'icp-number-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 900, height: 1100 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, problems, close };
}
