// The edge worker example (examples/edge-worker.js) under Node, loaded as an edge runtime loads
// it (test/support/edge-loader.js: the portable entry, .wasm imported as a WebAssembly.Module, no
// Node built-ins), driven with Request and Response objects. The origin is a function serving
// fixed pages in place of `fetch`: no network.

import assert from 'node:assert/strict';
import { register } from 'node:module';
import test from 'node:test';

register('./support/edge-loader.js', import.meta.url);

const entry = await import('icp-number');
const { default: worker, HEADER } = await import('../examples/edge-worker.js');

/** `<p>京ICP备12345678号</p>` in GBK (京 BE A9, 备 B1 B8, 号 BA C5). */
const GBK_PAGE = Uint8Array.from([
  ...Buffer.from('<p>'), 0xbe, 0xa9, ...Buffer.from('ICP'), 0xb1, 0xb8,
  ...Buffer.from('12345678'), 0xba, 0xc5, ...Buffer.from('</p>'),
]);

const FOOTER =
  '<!doctype html><meta charset="utf-8"><footer>©2024 某某科技 | ' +
  '<a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a> | ' +
  '<img src="/police.png">京公网安备 11010802020088号 | 增值电信业务经营许可证：京B2-20201234</footer>';

const PAGES = {
  '/': { body: FOOTER, type: 'text/html; charset=utf-8', headers: { 'cache-control': 'max-age=60' } },
  '/psb-only': { body: '<p>粤公网安备44030502008569号 · B2-20090028</p>', type: 'text/html' },
  '/gbk': { body: GBK_PAGE, type: 'text/html; charset=gbk' },
  '/logo.png': { body: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), type: 'image/png' },
  '/gone': { body: '<p>沪ICP证080047号</p>', type: 'text/html', status: 404 },
};

const requested = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (request) => {
  assert.ok(request instanceof Request, 'the worker forwards the Request');
  const url = new URL(request.url);
  requested.push(url.pathname);
  const page = PAGES[url.pathname];
  assert.ok(page, `no fixture for ${url.pathname}`);
  return new Response(page.body, {
    status: page.status ?? 200,
    headers: { 'content-type': page.type, ...page.headers },
  });
};
test.after(() => {
  globalThis.fetch = realFetch;
});

const get = (path) => worker.fetch(new Request(`https://example.cn${path}`), {}, {});

test('the package resolves to its portable entry, which waits for init()', () => {
  assert.throws(() => entry.isValid('京ICP备12345678号'), /call `await init\(\)`/);
});

test('an HTML page gets the canonical ICP number in a header, body untouched', async () => {
  const response = await get('/');
  assert.equal(response.status, 200);
  assert.equal(decodeURIComponent(response.headers.get(HEADER)), '京ICP备12345678号-1');
  assert.equal(response.headers.get('cache-control'), 'max-age=60');
  assert.equal(await response.text(), FOOTER);
  // The worker initialised the same module the package entry is.
  assert.equal(entry.isValid('京ICP备12345678号'), true);
});

test('a page without an ICP filing or licence says none', async () => {
  const response = await get('/psb-only');
  assert.equal(response.headers.get(HEADER), 'none');
});

test('a GBK page is read by its declared charset', async () => {
  assert.equal(new TextDecoder('gbk').decode(GBK_PAGE), '<p>京ICP备12345678号</p>');
  const response = await get('/gbk');
  assert.equal(decodeURIComponent(response.headers.get(HEADER)), '京ICP备12345678号');
  assert.deepEqual(new Uint8Array(await response.arrayBuffer()), GBK_PAGE);
});

test('other content passes through, and the status is kept', async () => {
  const png = await get('/logo.png');
  assert.equal(png.headers.get(HEADER), null);
  assert.deepEqual(new Uint8Array(await png.arrayBuffer()), PAGES['/logo.png'].body);
  const gone = await get('/gone');
  assert.equal(gone.status, 404);
  assert.equal(decodeURIComponent(gone.headers.get(HEADER)), '沪ICP证080047号');
  assert.deepEqual(requested, ['/', '/psb-only', '/gbk', '/logo.png', '/gone']);
});
