// The edge worker example (examples/edge-worker.js) and a minimal worker in a real edge runtime:
// Cloudflare's workerd (the npm package `workerd`, pinned in package.json; its Linux binary ships
// inside the package). The test writes a capnp config and copies the workers and the package's
// files into a temporary folder, starts `workerd serve` with one socket per worker on free ports
// of 127.0.0.1, and runs in Node an origin server and a report collector (both on 127.0.0.1,
// random port). It fetches pages through the example, checks that the bodies come back byte for
// byte, streamed (the client reads the first half before the origin sends the second), and that
// the reports POSTed to REPORT_URL hold the numbers `scan` finds; and asks the minimal worker (the
// package imported by name, as in the README) to check numbers and to scan a page it fetches from
// the origin. It stops workerd and removes the folder at the end; every wait is bounded.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { scan } from 'icp-number';

import { prose } from './support/pages.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WORKERD = join(ROOT, 'node_modules', '.bin', 'workerd');
/** The longest any one wait may take: start-up, a request, a report. */
const WAIT_MS = 20_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A sleep that does not keep the process alive (for the upper bound of a race). */
const bound = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Every number of `text`, as the worker reports it (byte offsets). */
function expected(text) {
  const bytes = (index) => Buffer.byteLength(text.slice(0, index));
  return scan(text).map(({ canonical, kind, start, end }) => ({ canonical, kind, start: bytes(start), end: bytes(end) }));
}

const FOOTER =
  '<!doctype html><meta charset="utf-8"><footer>©2024 某某科技 | ' +
  '<a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a> | ' +
  '<img src="/police.png">京公网安备 11010802020088号 | 增值电信业务经营许可证：京B2-20201234</footer>';
/** About 300 KB of pages, sent in pieces cut anywhere (inside characters and numbers). */
const BIG = prose(300_000, 11);
/** `<p>京ICP备12345678号</p>` in GBK. */
const GBK_PAGE = Buffer.from([
  ...Buffer.from('<p>'), 0xbe, 0xa9, ...Buffer.from('ICP'), 0xb1, 0xb8,
  ...Buffer.from('12345678'), 0xba, 0xc5, ...Buffer.from('</p>'),
]);

/** A free TCP port on 127.0.0.1 (for workerd, which needs it in its config). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on `port`; rejects after `ms`. */
async function listening(port, ms, child) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`workerd did not listen on ${port} within ${ms} ms`);
}

/** A minimal worker, as the README shows one: the package imported by name, the .wasm from its
 * subpath. `?number=…` checks a number (strict, the default; labels in Chinese); any other
 * request scans the origin's page at the same path. */
const MINIMAL = `import { init, isValid, parse, scan } from 'icp-number';
import wasm from 'icp-number/icp_number.wasm';

export default {
  async fetch(request, env) {
    await init(wasm);
    const url = new URL(request.url);
    const number = url.searchParams.get('number');
    if (number !== null) {
      const r = parse(number, { lang: 'zh' });
      return Response.json({
        valid: isValid(number),
        ...(r.ok ? { canonical: r.canonical, kind: r.kindLabel, service: r.serviceLabel } : { error: r.error.name }),
      });
    }
    const page = await fetch(new URL(url.pathname, env.ORIGIN));
    return Response.json(scan(await page.text()).map((m) => m.canonical));
  },
};
`;

/** The minimal worker on the fast entry: the same code, the fast facade and its .wasm. */
const MINIMAL_FAST = MINIMAL.replace("from 'icp-number';", "from 'icp-number/fast';").replace(
  "from 'icp-number/icp_number.wasm';",
  "from 'icp-number/icp_number_fast.wasm';",
);

/** The capnp config: the three workers, each with the package's modules and the bindings, a
 * socket each, a network service for their outbound fetches (the origin and the collector are on
 * loopback). */
function config(port, minimalPort, fastPort, origin) {
  const worker = (main) => `(
  compatibilityDate = "2025-01-01",
  modules = [
    (name = "worker.js", esModule = embed "${main}"),
    (name = "icp-number", esModule = embed "index.js"),
    (name = "pkg/icp_number.js", esModule = embed "pkg/icp_number.js"),
    (name = "icp-number/icp_number.wasm", wasm = embed "icp_number.wasm"),
    (name = "icp-number/fast", esModule = embed "fast.js"),
    (name = "icp-number/pkg-fast/icp_number.js", esModule = embed "pkg-fast/icp_number.js"),
    (name = "icp-number/icp_number_fast.wasm", wasm = embed "icp_number_fast.wasm"),
  ],
  bindings = [
    (name = "ORIGIN", text = "${origin}"),
    (name = "REPORT_URL", text = "${origin}/report"),
  ],
  globalOutbound = "net",
)`;
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .example),
    (name = "minimal", worker = .minimal),
    (name = "fast", worker = .fast),
    (name = "net", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:${port}", http = (), service = "main"),
    (name = "minimal", address = "127.0.0.1:${minimalPort}", http = (), service = "minimal"),
    (name = "fast", address = "127.0.0.1:${fastPort}", http = (), service = "fast"),
  ],
);
const example :Workerd.Worker = ${worker('worker.js')};
const minimal :Workerd.Worker = ${worker('minimal.js')};
const fast :Workerd.Worker = ${worker('fast-minimal.js')};
`;
}

describe('edge workers in workerd', { timeout: 120_000 }, () => {
  let dir;
  let child;
  let server;
  let base;
  let minimalBase;
  let fastBase;
  let output = '';
  const reports = [];
  const waiting = [];
  /** Settles the `/slow` page's second half: set by the test, awaited by the origin. */
  let releaseSlow;

  before(async () => {
    assert.ok(existsSync(WORKERD), `${WORKERD} is missing: run npm ci`);
    server = createServer(async (req, res) => {
      const path = new URL(req.url, 'http://localhost').pathname;
      if (path === '/report' && req.method === 'POST') {
        const parts = [];
        for await (const part of req) parts.push(part);
        reports.push({ type: req.headers['content-type'], body: JSON.parse(Buffer.concat(parts).toString()) });
        res.writeHead(204).end();
        for (const wake of waiting.splice(0)) wake();
        return;
      }
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-origin': 'yes' }).end(FOOTER);
      } else if (path === '/big') {
        // Pieces of 7,001 bytes, cut anywhere, each written apart.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const bytes = Buffer.from(BIG);
        for (let i = 0; i < bytes.length; i += 7001) {
          res.write(bytes.subarray(i, i + 7001));
          await sleep(1);
        }
        res.end();
      } else if (path === '/slow') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write(FOOTER.slice(0, 60));
        const released = new Promise((resolve) => {
          releaseSlow = resolve;
        });
        await Promise.race([released, bound(WAIT_MS)]);
        res.end(FOOTER.slice(60));
      } else if (path === '/gbk') {
        res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(GBK_PAGE);
      } else if (path === '/logo.png') {
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      } else {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<p>沪ICP证080047号</p>');
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;

    dir = mkdtempSync(join(tmpdir(), 'icp-number-workerd-'));
    mkdirSync(join(dir, 'pkg'));
    copyFileSync(join(ROOT, 'examples', 'edge-worker.js'), join(dir, 'worker.js'));
    writeFileSync(join(dir, 'minimal.js'), MINIMAL);
    writeFileSync(join(dir, 'fast-minimal.js'), MINIMAL_FAST);
    mkdirSync(join(dir, 'pkg-fast'));
    copyFileSync(join(ROOT, 'fast.js'), join(dir, 'fast.js'));
    copyFileSync(join(ROOT, 'pkg-fast', 'icp_number.js'), join(dir, 'pkg-fast', 'icp_number.js'));
    copyFileSync(join(ROOT, 'pkg-fast', 'icp_number_bg.wasm'), join(dir, 'icp_number_fast.wasm'));
    copyFileSync(join(ROOT, 'index.js'), join(dir, 'index.js'));
    copyFileSync(join(ROOT, 'pkg', 'icp_number.js'), join(dir, 'pkg', 'icp_number.js'));
    copyFileSync(join(ROOT, 'pkg', 'icp_number_bg.wasm'), join(dir, 'icp_number.wasm'));
    const port = await freePort();
    let minimalPort = await freePort();
    while (minimalPort === port) minimalPort = await freePort();
    let fastPort = await freePort();
    while (fastPort === port || fastPort === minimalPort) fastPort = await freePort();
    writeFileSync(join(dir, 'config.capnp'), config(port, minimalPort, fastPort, origin));
    child = spawn(WORKERD, ['serve', join(dir, 'config.capnp')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      await listening(port, WAIT_MS, child);
      await listening(minimalPort, WAIT_MS, child);
      await listening(fastPort, WAIT_MS, child);
    } catch (err) {
      err.message += `\nworkerd said:\n${output}`;
      throw err;
    }
    base = `http://127.0.0.1:${port}`;
    minimalBase = `http://127.0.0.1:${minimalPort}`;
    fastBase = `http://127.0.0.1:${fastPort}`;
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      if ((await Promise.race([exited.then(() => true), bound(5000)])) !== true) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The report for `url`, waiting for it at most WAIT_MS. */
  async function reportFor(url) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = reports.find((r) => r.body.url === url);
      if (found) return found;
      const left = deadline - Date.now();
      assert.ok(left > 0, `no report for ${url}; workerd said:\n${output}`);
      await Promise.race([new Promise((wake) => waiting.push(wake)), bound(Math.min(left, 250))]);
    }
  }

  const fetchTimed = (path) => fetch(base + path, { signal: AbortSignal.timeout(WAIT_MS) });

  it('passes an HTML page through unchanged and reports its numbers', async () => {
    const response = await fetchTimed('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-origin'), 'yes');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.from(FOOTER));
    const report = await reportFor(`${base}/`);
    assert.equal(report.type, 'application/json');
    assert.deepEqual(report.body, { url: `${base}/`, status: 200, numbers: expected(FOOTER) });
    assert.deepEqual(report.body.numbers.map((n) => n.canonical), [
      '京ICP备12345678号-1', '京公网安备11010802020088号', '京B2-20201234',
    ]);
  });

  it('streams a large page sent in pieces, byte for byte, and reports every number', async () => {
    const response = await fetchTimed('/big');
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(BIG)));
    const report = await reportFor(`${base}/big`);
    const want = expected(BIG);
    assert.ok(want.length > 100, `${want.length} numbers`);
    assert.deepEqual(report.body.numbers, want);
  });

  it('does not hold the body back: the client reads the first half before the origin sends the rest', async () => {
    const response = await fetchTimed('/slow');
    const reader = response.body.getReader();
    const parts = [];
    let received = 0;
    const head = Buffer.byteLength(FOOTER.slice(0, 60));
    while (received < head) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'the body ended early');
      parts.push(value);
      received += value.length;
    }
    assert.equal(received, head, 'only the first half has been sent so far');
    assert.equal(reports.some((r) => r.body.url === `${base}/slow`), false, 'no report before the end');
    releaseSlow();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    assert.equal(Buffer.concat(parts).toString(), FOOTER);
    assert.deepEqual((await reportFor(`${base}/slow`)).body.numbers, expected(FOOTER));
  });

  it('reads a GBK page by its charset; other content and statuses pass through', async () => {
    const gbk = await fetchTimed('/gbk');
    assert.ok(Buffer.from(await gbk.arrayBuffer()).equals(GBK_PAGE));
    assert.deepEqual((await reportFor(`${base}/gbk`)).body.numbers.map((n) => n.canonical), ['京ICP备12345678号']);
    const png = await fetchTimed('/logo.png');
    assert.deepEqual([...new Uint8Array(await png.arrayBuffer())], [0x89, 0x50, 0x4e, 0x47]);
    const gone = await fetchTimed('/missing');
    assert.equal(gone.status, 404);
    assert.equal(await gone.text(), '<p>沪ICP证080047号</p>');
    const report = await reportFor(`${base}/missing`);
    assert.deepEqual([report.body.status, report.body.numbers[0].canonical], [404, '沪ICP证080047号']);
    assert.equal(reports.some((r) => r.body.url.endsWith('/logo.png')), false, 'images are not reported');
  });

  const minimal = [['a minimal worker', () => minimalBase], ['a minimal worker on the fast entry', () => fastBase]];
  for (const [name, at] of minimal) {
    it(`runs ${name}: checks numbers (strict by default) and scans a page it fetches`, async () => {
      const ask = async (path) => {
        const response = await fetch(at() + path, { signal: AbortSignal.timeout(WAIT_MS) });
        assert.equal(response.status, 200, `${path}: ${output}`);
        return response.json();
      };
      assert.deepEqual(await ask(`/?number=${encodeURIComponent('京ICP备12345678号-1')}`), {
        valid: true, canonical: '京ICP备12345678号-1', kind: 'ICP备案号', service: '网站',
      });
      assert.deepEqual(await ask(`/?number=${encodeURIComponent('京 ICP备12345678号')}`), { valid: false, error: 'WHITESPACE' });
      assert.deepEqual(await ask('/'), expected(FOOTER).map((n) => n.canonical));
    });
  }
});
