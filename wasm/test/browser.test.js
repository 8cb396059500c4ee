// The demo page (demo/index.html) in a real browser: Debian's Chromium driven by playwright-core,
// the page served by a static server on 127.0.0.1 (random port) from the package folder, as a
// developer would open it. The test types into the form as a person does, one character at a
// time, and pastes a footer; it leaves a screenshot in test/output/demo.png.
//
// The harness (Chromium, the static server) is test/support/browser.js; without Chromium the test
// is skipped, except under CI, where it fails.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launch, missing, serve } from './support/browser.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT = new URL('./output/', import.meta.url);

describe('the demo page in Chromium', { skip: missing }, () => {
  let server;
  let browser;
  let page;
  let problems;

  before(async () => {
    server = await serve(ROOT);
    browser = await launch();
    ({ page, problems } = browser);
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/demo/`);
    await page.waitForSelector('body[data-ready="true"]');
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  const input = () => page.locator('#number');
  const status = () => input().getAttribute('data-status');

  /** Clears the field, then types `text` one character (code point) at a time; returns the
   * status after each. */
  async function type(text) {
    await input().fill('');
    const seen = [];
    for (const c of text) {
      await input().pressSequentially(c);
      seen.push(await status());
    }
    return seen;
  }

  it('loads the package without errors', async () => {
    assert.equal(await page.title(), 'icp-number · 备案号校验 demo');
    assert.equal(await status(), 'incomplete');
  });

  it('stays quiet while a valid number is typed, with a hint of what comes next, then shows it', async () => {
    assert.equal(await page.isChecked('#lenient'), false, 'strict by default');
    await type('京ICP备1234');
    assert.equal(await page.getAttribute('#message', 'class'), 'hint');
    assert.equal(await page.textContent('#message'), '接下来：数字');
    await type('京ICP备12345678');
    assert.equal(await page.textContent('#message'), '接下来：“号”');
    const seen = await type('京ICP备12345678号-1');
    assert.ok(!seen.includes('invalid'), `statuses while typing: ${seen.join(' ')}`);
    assert.equal(seen.at(-1), 'complete');
    assert.equal(await page.textContent('#message'), '');
    assert.equal(await page.isVisible('#result'), true);
    assert.equal(await page.textContent('#canonical'), '京ICP备12345678号-1');
    // The core's labels (Kind::label, Service::label) in the page's language.
    assert.equal(await page.textContent('#kind'), 'ICP备案号');
    assert.equal(await page.textContent('#site'), '1 (网站)');
    assert.equal(await page.textContent('#year'), '2012');
    assert.equal(await page.textContent('#province'), '北京 Beijing (CN-BJ)');
    assert.equal(await page.getAttribute('#query', 'href'), 'https://beian.miit.gov.cn/');
    await page.selectOption('#lang', 'en');
    assert.equal(await page.textContent('#kind'), 'ICP filing');
    assert.equal(await page.textContent('#site'), '1 (website)');
    await page.selectOption('#lang', 'zh');
  });

  it('names a wrong province character in strict mode, and reads it in lenient mode', async () => {
    const seen = await type('川ICP备12345678号');
    assert.equal(seen.indexOf('invalid'), '川ICP备'.length - 1, `statuses: ${seen.join(' ')}`);
    assert.equal(await input().getAttribute('aria-invalid'), 'true');
    assert.equal(await page.textContent('#message'), '四川的ICP备案号使用“蜀”而不是“川”');
    assert.equal(await page.textContent('#echo mark.bad'), '川');
    assert.equal(await page.isVisible('#result'), false);
    await page.check('#lenient');
    assert.equal(await status(), 'complete');
    assert.equal(await page.textContent('#canonical'), '蜀ICP备12345678号');
    assert.equal(await page.textContent('#fixes'), '更正省份简称');
    // Lenient reads what strict waits for: a number without 号 is complete.
    await type('京ICP备12345678');
    assert.equal(await status(), 'complete');
    assert.equal(await page.textContent('#fixes'), '补上“号”');
    await page.uncheck('#lenient');
    assert.equal(await status(), 'incomplete');
  });

  it('flags a public-security number whose digits do not match its province, in English', async () => {
    await page.selectOption('#lang', 'en');
    const seen = await type('京公网安备51010502001234号');
    assert.equal(seen.indexOf('invalid'), '京公网安备5'.length - 1, `statuses: ${seen.join(' ')}`);
    assert.ok(seen.slice(seen.indexOf('invalid')).every((s) => s === 'invalid'));
    assert.equal(await page.textContent('#message'), 'the prefix is Beijing (11) but the number starts with 51');
    assert.equal(await page.textContent('#echo mark.bad'), '5');
  });

  it('highlights every number in a pasted footer', async () => {
    const footer =
      '<footer>🚀 ©2024 某某科技有限公司 | <a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a> | ' +
      '<img src="/police.png">京公网安备 11010802020088号 | 增值电信业务经营许可证：京B2-20201234</footer>';
    await page.fill('#page', footer);
    const marks = await page.locator('#highlighted mark').allTextContents();
    assert.deepEqual(marks, ['京ICP备12345678号-1', '京公网安备 11010802020088号', '京B2-20201234']);
    assert.equal(await page.textContent('#count'), '3 numbers found');
    const items = await page.locator('#found li').allTextContents();
    assert.deepEqual(items, [
      '京ICP备12345678号-1 · ICP filing',
      '京公网安备11010802020088号 · public-security filing · fixed: whitespace removed',
      '京B2-20201234 · telecom licence',
    ]);
    // The highlighted copy is the pasted text, as text.
    assert.equal(await page.textContent('#highlighted'), footer);
  });

  it('streams a fetched body through ScanStream in the browser', async () => {
    // The page's own HTML, fetched and piped through the scanner, plus a footer in small chunks.
    const result = await page.evaluate(async () => {
      const { ScanStream } = await import('icp-number');
      const response = await fetch('./');
      const scanner = new ScanStream();
      const body = new Uint8Array(await new Response(response.body.pipeThrough(scanner)).arrayBuffer());
      const direct = new Uint8Array(await (await fetch('./')).arrayBuffer());
      const same = body.length === direct.length && body.every((b, i) => b === direct[i]);
      const footer = new TextEncoder().encode('©2024 | 京ICP备12345678号-1 | 京公网安备 11010802020088号');
      const pieces = new ReadableStream({
        start(controller) {
          for (let i = 0; i < footer.length; i += 3) controller.enqueue(footer.subarray(i, i + 3));
          controller.close();
        },
      });
      const seen = [];
      const small = new ScanStream({ onMatch: (m) => seen.push([m.canonical, m.start, m.end]) });
      await pieces.pipeThrough(small).pipeTo(new WritableStream());
      return { same, length: body.length, seen, matches: (await small.matches).length };
    });
    assert.ok(result.same && result.length > 1000, 'the body comes through unchanged');
    assert.deepEqual(result.seen, [
      ['京ICP备12345678号-1', 9, 31],
      ['京公网安备11010802020088号', 34, 67],
    ]);
    assert.equal(result.matches, 2);
  });

  it('runs the fast entry (fast.js, its own .wasm) with the same answers', async () => {
    const result = await page.evaluate(async () => {
      const base = await import('icp-number');
      const fast = await import(new URL('../fast.js', location.href).href);
      await fast.init();
      const text = '页脚 京ICP备12345678号-1 | 粤公网安备 44030502008569号 😀 京ICP备１２３４５６７８号 | B2-20090028';
      const same = (f) => JSON.stringify(f(fast)) === JSON.stringify(f(base));
      return {
        found: fast.scan(text).map((m) => m.canonical),
        scan: same((api) => api.scan(text, { lang: 'zh' })),
        parse: same((api) => api.parse('京 ICP备12345678号', { lenient: true })),
        valid: fast.isValid('京ICP备12345678号') && !fast.isValid('京 ICP备12345678号'),
      };
    });
    assert.deepEqual(result, {
      found: ['京ICP备12345678号-1', '粤公网安备44030502008569号', '京ICP备12345678号', 'B2-20090028'],
      scan: true,
      parse: true,
      valid: true,
    });
  });

  it('takes a screenshot', async () => {
    await page.selectOption('#lang', 'zh');
    await type('陕ICP备2024026116号-1A');
    assert.equal(await page.textContent('#site'), '1 (应用)');
    mkdirSync(OUTPUT, { recursive: true });
    const png = await page.screenshot({ path: fileURLToPath(new URL('demo.png', OUTPUT)), fullPage: true });
    assert.ok(png.length > 10_000);
    assert.deepEqual(problems, []);
  });
});
