// The package in the bundlers the README documents, used as an app installed from npm uses it: a
// temporary folder holds a copy of the files the package ships (package.json "files") in
// node_modules/icp-number, and tiny apps that import it by name. Each app validates a number and
// scans a footer; each build runs where it is meant to run, and must give the real answers:
//
// - esbuild, for the browser, the README's recipe: the .wasm imported from the
//   `icp-number/icp_number.wasm` subpath with the `file` loader and passed to init(). The page
//   runs in Chromium (test/support/browser.js).
// - esbuild without that recipe: it builds without a warning (esbuild does not copy the .wasm
//   that `new URL(…, import.meta.url)` names), and init() then fails with a message that says
//   what to do, instead of a bare 404.
// - esbuild for Node, the README's recipe: the package kept external. The bundle runs in Node.
// - Vite (`vite build`): `init()` as it is; Vite copies the .wasm that `new URL(…,
//   import.meta.url)` names into the build. The built page runs in Chromium.
// - Vite's dev server (on 127.0.0.1, a free port), the same app, in Chromium.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';
import { createServer as viteServer, build as viteBuild } from 'vite';

import { launch, missing, serve } from './support/browser.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FOOTER = '©2024 某某科技有限公司 | 京ICP备12345678号-1 | 京公网安备 11010802020088号';
const WANT = { valid: true, found: ['京ICP备12345678号-1', '京公网安备11010802020088号'] };

/** An app that loads the module (`load`: its imports and the init call), then reports
 * `{ valid, found }`, or the error of init, through `report`. */
function app(load, report) {
  return `import { init, isValid, scan } from 'icp-number';
${load.imports ?? ''}
${load.init}.then(
  () => ${report}({ valid: isValid('京ICP备12345678号'), found: scan(${JSON.stringify(FOOTER)}).map((m) => m.canonical) }),
  (err) => ${report}({ error: err.message }),
);
`;
}

const IN_PAGE = '((r) => { document.body.dataset.result = JSON.stringify(r); })';
const PAGE = '<!doctype html><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,"><script type="module" src="./main.js"></script>\n';

describe('bundlers', { skip: missing, timeout: 120_000 }, () => {
  let dir;
  let browser;

  /** A folder of `dir` for one app: the package installed in its node_modules. */
  function project(name) {
    const at = join(dir, name);
    const installed = join(at, 'node_modules', 'icp-number');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const file of ['package.json', ...pkg.files]) {
      mkdirSync(dirname(join(installed, file)), { recursive: true });
      cpSync(join(ROOT, file), join(installed, file));
    }
    return at;
  }

  /** Opens `url` in Chromium; resolves to what the app reported and the page's errors. */
  async function open(url) {
    const { page, problems } = browser;
    problems.length = 0;
    await page.goto(url);
    const result = JSON.parse(await page.locator('body[data-result]').getAttribute('data-result', { timeout: 20_000 }));
    return { result, problems: [...problems] };
  }

  /** Serves a built app: it must report the expected answers, with no page error and every
   * request served. */
  async function runsClean(folder) {
    const { result, problems, requests } = await run(folder);
    assert.deepEqual(result, WANT);
    assert.deepEqual(problems, []);
    assert.ok(requests.every(([status]) => status === 200), JSON.stringify(requests));
  }

  /** Serves `folder` and opens its page in Chromium; resolves to what the app reported, the
   * page's errors and every request the server saw. */
  async function run(folder) {
    const server = await serve(folder + sep);
    try {
      return { ...(await open(`http://127.0.0.1:${server.address().port}/`)), requests: server.requests };
    } finally {
      server.close();
    }
  }

  /** A logger for Vite that keeps its warnings and errors in `said`. */
  function logger(said) {
    const say = (msg) => said.push(msg);
    return { info() {}, warn: say, warnOnce: say, error: say, clearScreen() {}, hasErrorLogged: () => false, hasWarned: false };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'icp-number-bundlers-'));
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('esbuild, for the browser: the .wasm from the subpath with the file loader', async () => {
    const at = project('esbuild-browser');
    writeFileSync(join(at, 'main.js'), app({
      imports: "import wasm from 'icp-number/icp_number.wasm';",
      init: 'init(new URL(wasm, import.meta.url))',
    }, IN_PAGE));
    const out = join(at, 'dist');
    const built = await esbuild.build({
      entryPoints: [join(at, 'main.js')],
      absWorkingDir: at,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outdir: out,
      loader: { '.wasm': 'file' },
      logLevel: 'silent',
    });
    assert.deepEqual([built.errors, built.warnings], [[], []]);
    assert.ok(readdirSync(out).some((f) => f.endsWith('.wasm')), 'the .wasm is copied into the build');
    writeFileSync(join(out, 'index.html'), PAGE);
    await runsClean(out);
  });

  it('esbuild without the recipe: init() says what to do', async () => {
    const at = project('esbuild-plain');
    writeFileSync(join(at, 'main.js'), app({ init: 'init()' }, IN_PAGE));
    const out = join(at, 'dist');
    const built = await esbuild.build({
      entryPoints: [join(at, 'main.js')],
      absWorkingDir: at,
      bundle: true,
      format: 'esm',
      outdir: out,
      logLevel: 'silent',
    });
    assert.deepEqual([built.errors, built.warnings], [[], []], 'esbuild builds it without a word');
    writeFileSync(join(out, 'index.html'), PAGE);
    const { result, requests } = await run(out);
    assert.match(result.error, /^icp-number: could not load its WebAssembly from http:\/\/127\.0\.0\.1:\d+\/pkg\/icp_number_bg\.wasm /);
    assert.match(result.error, /import wasm from 'icp-number\/icp_number\.wasm'/);
    assert.match(result.error, /--loader:\.wasm=file/);
    assert.deepEqual(requests.find(([status]) => status === 404), [404, '/pkg/icp_number_bg.wasm']);
  });

  it('esbuild, for Node: the package kept external', async () => {
    const at = project('esbuild-node');
    writeFileSync(join(at, 'main.js'), app({ init: 'init()' }, '((r) => console.log(JSON.stringify(r)))'));
    const built = await esbuild.build({
      entryPoints: [join(at, 'main.js')],
      absWorkingDir: at,
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      outfile: join(at, 'dist', 'main.mjs'),
      logLevel: 'silent',
    });
    assert.deepEqual([built.errors, built.warnings], [[], []]);
    const output = execFileSync(process.execPath, [join(at, 'dist', 'main.mjs')], { cwd: at, timeout: 20_000 });
    assert.deepEqual(JSON.parse(output), WANT);
  });

  it('Vite: vite build, init() as it is', async () => {
    const at = project('vite');
    writeFileSync(join(at, 'main.js'), app({ init: 'init()' }, IN_PAGE));
    writeFileSync(join(at, 'index.html'), PAGE);
    const said = [];
    await viteBuild({ root: at, configFile: false, logLevel: 'warn', customLogger: logger(said), build: { outDir: 'dist' } });
    assert.deepEqual(said, []);
    const out = join(at, 'dist');
    assert.ok(readdirSync(join(out, 'assets')).some((f) => f.endsWith('.wasm')), 'Vite copied the .wasm');
    await runsClean(out);
  });

  it("Vite's dev server: init() as it is", async () => {
    const at = project('vite-dev');
    writeFileSync(join(at, 'main.js'), app({ init: 'init()' }, IN_PAGE));
    writeFileSync(join(at, 'index.html'), PAGE);
    const said = [];
    const server = await viteServer({
      root: at,
      configFile: false,
      logLevel: 'warn',
      customLogger: logger(said),
      server: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    try {
      await server.listen();
      const { result, problems } = await open(server.resolvedUrls.local[0]);
      assert.deepEqual(result, WANT);
      assert.deepEqual(problems, []);
      assert.deepEqual(said, []);
    } finally {
      await server.close();
    }
  });
});
