// The edge worker example (examples/edge-worker.js) under Node, loaded as an edge runtime loads
// it (test/support/edge-loader.js: the portable entry, .wasm imported as a WebAssembly.Module, no
// Node built-ins), driven with Request and Response objects and a `ctx` whose `waitUntil`
// collects the promises. The origin and the report collector are a function in place of
// `fetch`: no network. test/workerd.test.js runs the same worker in Cloudflare's workerd.

import assert from 'node:assert/strict';
import { register } from 'node:module';
import test from 'node:test';

register('./support/edge-loader.js', import.meta.url);

const entry = await import('icp-number');
const worker = await import('../examples/edge-worker.js');

const REPORT_URL = 'https://reports.example/icp';

/** `<p>京ICP备12345678号</p>` in GBK (京 BE A9, 备 B1 B8, 号 BA C5). */
const GBK_PAGE = Uint8Array.from([
  ...Buffer.from('<p>'), 0xbe, 0xa9, ...Buffer.from('ICP'), 0xb1, 0xb8,
  ...Buffer.from('12345678'), 0xba, 0xc5, ...Buffer.from('</p>'),
]);

const FOOTER =
  '<!doctype html><meta charset="utf-8"><footer>©2024 某某科技 | ' +
  '<a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a> | ' +
  '<img src="/police.png">京公网安备 11010802020088号 | 增值电信业务经营许可证：京B2-20201234</footer>';

/** Where each number of FOOTER is, in bytes. */
const at = (text, number) => {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(number)));
  return { start, end: start + Buffer.byteLength(number) };
};
const FOOTER_NUMBERS = [
  { canonical: '京ICP备12345678号-1', kind: 'filing', ...at(FOOTER, '京ICP备12345678号-1') },
  { canonical: '京公网安备11010802020088号', kind: 'psb', ...at(FOOTER, '京公网安备 11010802020088号') },
  { canonical: '京B2-20201234', kind: 'telecom', ...at(FOOTER, '京B2-20201234') },
];

/** The origin's body for `/slow`: two halves, the second sent only once `release` is called. */
let release;
function slowBody() {
  const [head, tail] = [FOOTER.slice(0, 60), FOOTER.slice(60)];
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(head));
      release = () => {
        controller.enqueue(new TextEncoder().encode(tail));
        controller.close();
      };
    },
  });
}

const PAGES = {
  '/': { body: FOOTER, type: 'text/html; charset=utf-8', headers: { 'cache-control': 'max-age=60' } },
  '/slow': { body: slowBody, type: 'text/html' },
  '/psb-only': { body: '<p>粤公网安备44030502008569号 · B2-20090028</p>', type: 'text/html' },
  '/none': { body: '<p>no number here</p>', type: 'text/html' },
  '/gbk': { body: GBK_PAGE, type: 'text/html; charset=gbk' },
  '/logo.png': { body: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), type: 'image/png' },
  '/gone': { body: '<p>沪ICP证080047号</p>', type: 'text/html', status: 404 },
};

const requested = [];
const reports = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (request.url === REPORT_URL) {
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.get('content-type'), 'application/json');
    reports.push(await request.json());
    return new Response(null, { status: 204 });
  }
  const url = new URL(request.url);
  requested.push(url.href);
  const page = PAGES[url.pathname];
  assert.ok(page, `no fixture for ${url.pathname}`);
  return new Response(typeof page.body === 'function' ? page.body() : page.body, {
    status: page.status ?? 200,
    headers: { 'content-type': page.type, ...page.headers },
  });
};
test.after(() => {
  globalThis.fetch = realFetch;
});

/** Runs the worker on `path`: the response, and a promise of the work it left to `waitUntil`. */
async function get(path, env = { REPORT_URL }) {
  const pending = [];
  const ctx = { waitUntil: (promise) => pending.push(promise), passThroughOnException() {} };
  const response = await worker.default.fetch(new Request(`https://example.cn${path}`), env, ctx);
  return { response, settled: () => Promise.all(pending), pending };
}

test('the worker module exports only its default (workerd takes named exports for entrypoints)', () => {
  assert.deepEqual(Object.keys(worker), ['default']);
});

test('the package resolves to its portable entry, which waits for init()', () => {
  assert.throws(() => entry.isValid('京ICP备12345678号'), /call `await init\(\)`/);
});

test('an HTML page passes through unchanged; its numbers are reported when the body ends', async () => {
  reports.length = 0;
  const { response, settled } = await get('/');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'max-age=60');
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(await response.text(), FOOTER);
  await settled();
  assert.deepEqual(reports, [{ url: 'https://example.cn/', status: 200, numbers: FOOTER_NUMBERS }]);
  // The worker initialised the same module the package entry is.
  assert.equal(entry.isValid('京ICP备12345678号'), true);
});

test('the body is streamed: the client reads the first part before the origin sends the rest', async () => {
  reports.length = 0;
  const { response, settled } = await get('/slow');
  const reader = response.body.getReader();
  const first = await reader.read();
  assert.equal(new TextDecoder().decode(first.value), FOOTER.slice(0, 60));
  assert.deepEqual(reports, [], 'no report before the body ends');
  release();
  const rest = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value);
  assert.equal(Buffer.concat([first.value, ...rest]).toString(), FOOTER);
  await settled();
  assert.deepEqual(reports, [{ url: 'https://example.cn/slow', status: 200, numbers: FOOTER_NUMBERS }]);
});

test('every kind is reported; a page without numbers is reported with none', async () => {
  reports.length = 0;
  for (const path of ['/psb-only', '/none']) {
    const { response, settled } = await get(path);
    await response.arrayBuffer();
    await settled();
  }
  assert.deepEqual(reports.map((r) => r.numbers.map((n) => n.canonical)), [
    ['粤公网安备44030502008569号', 'B2-20090028'],
    [],
  ]);
});

test('a GBK page is read by its declared charset and passed on byte for byte', async () => {
  reports.length = 0;
  assert.equal(new TextDecoder('gbk').decode(GBK_PAGE), '<p>京ICP备12345678号</p>');
  const { response, settled } = await get('/gbk');
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), GBK_PAGE);
  await settled();
  assert.deepEqual(reports[0].numbers.map((n) => n.canonical), ['京ICP备12345678号']);
});

test('other content passes through unreported; the status is kept', async () => {
  reports.length = 0;
  const png = await get('/logo.png');
  assert.deepEqual(new Uint8Array(await png.response.arrayBuffer()), PAGES['/logo.png'].body);
  assert.equal(png.pending.length, 0);
  const gone = await get('/gone');
  assert.equal(gone.response.status, 404);
  await gone.response.text();
  await gone.settled();
  assert.deepEqual(reports.map((r) => [r.status, r.numbers[0].canonical]), [[404, '沪ICP证080047号']]);
});

test('ORIGIN sends the request elsewhere; without REPORT_URL the report is logged', async (t) => {
  const logged = t.mock.method(console, 'log', () => {});
  const { response, settled } = await get('/psb-only?x=1', { ORIGIN: 'https://origin.example:8443' });
  await response.text();
  await settled();
  assert.equal(requested.at(-1), 'https://origin.example:8443/psb-only?x=1');
  assert.equal(logged.mock.callCount(), 1);
  const report = JSON.parse(logged.mock.calls[0].arguments[0]);
  assert.equal(report.url, 'https://example.cn/psb-only?x=1');
  assert.equal(report.numbers.length, 2);
});

test('a client that goes away mid-body: no report, an error logged', async (t) => {
  reports.length = 0;
  const errors = t.mock.method(console, 'error', () => {});
  const { response, settled } = await get('/slow');
  const reader = response.body.getReader();
  await reader.read();
  await reader.cancel('client gone');
  await settled();
  assert.deepEqual(reports, []);
  assert.equal(errors.mock.callCount(), 1);
  assert.match(errors.mock.calls[0].arguments[0], /https:\/\/example\.cn\/slow: the body did not end \(client gone\)/);
});
