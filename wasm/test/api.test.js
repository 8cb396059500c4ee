// The package's API through its public entry (imported by name, as users do): result shapes,
// options, JavaScript string indices, the tables, the types' unions against the core, and the
// package itself (exports, files, size budget).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import * as icp from 'icp-number';
import * as fastEntry from 'icp-number/fast';
import {
  ChunkScanner, checkPrefix, errorKinds, expectedKinds, fixKinds, init, isValid, parse, provinces, scan,
} from 'icp-number';

import { declared } from './support/declared.js';

const BEIJING = { iso: 'CN-BJ', gb: 11, name: '北京', nameEn: 'Beijing', icp: '京', psb: '京' };

test('parse: a valid number and every field', () => {
  assert.deepEqual(parse('京ICP备12345678号-1'), {
    ok: true,
    kind: 'filing',
    kindLabel: 'ICP filing',
    canonical: '京ICP备12345678号-1',
    main: '京ICP备12345678号',
    digits: '12345678',
    year: 2012,
    sequence: 345678,
    province: BEIJING,
    site: 1,
    service: 'website',
    serviceLabel: 'website',
    queryUrl: 'https://beian.miit.gov.cn/',
    fixes: [],
  });
  const app = parse('陕ICP备2024026116号-1A');
  assert.equal(app.ok && app.service, 'app');
  const psb = parse('京公网安备11010802020088号');
  assert.ok(psb.ok);
  assert.equal(psb.kind, 'psb');
  assert.equal(psb.site, null);
  assert.equal(psb.service, null);
  assert.equal(psb.serviceLabel, null);
  assert.deepEqual([psb.digits, psb.year, psb.sequence], ['11010802020088', null, 2020088]);
  assert.equal(psb.queryUrl, 'https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088');
  const telecom = parse('B2-20090028');
  assert.ok(telecom.ok);
  assert.equal(telecom.kind, 'telecom');
  assert.equal(telecom.province, null, 'a cross-regional licence has no province');
  assert.deepEqual([telecom.digits, telecom.year, telecom.sequence], ['20090028', 2009, 28]);
  const licence = parse('京ICP证030173号');
  assert.deepEqual(licence.ok && [licence.digits, licence.year, licence.sequence], ['030173', 2003, 173]);
  const early = parse('陕ICP备040096号');
  assert.deepEqual(early.ok && [early.digits, early.year, early.sequence], ['040096', 2004, 96]);
});

test('kind and service labels come from the core, in the language asked for', () => {
  const kinds = {
    '京ICP备12345678号': ['filing', 'ICP filing', 'ICP备案号'],
    '京ICP证030173号': ['licence', 'ICP licence', 'ICP经营许可证号'],
    '粤B2-20090059': ['telecom', 'telecom licence', '增值电信业务经营许可证号'],
    '京公网安备11010802020088号': ['psb', 'public-security filing', '公安备案号'],
  };
  for (const [input, [kind, en, zh]] of Object.entries(kinds)) {
    const r = parse(input);
    assert.deepEqual(r.ok && [r.kind, r.kindLabel], [kind, en], input);
    const z = parse(input, { lang: 'zh' });
    assert.equal(z.ok && z.kindLabel, zh, input);
  }
  const services = {
    '': ['website', 'website', '网站'],
    A: ['app', 'app', '应用'],
    X: ['mini_program', 'mini program', '小程序'],
    K: ['quick_app', 'quick app', '快应用'],
  };
  for (const [letter, [service, en, zh]] of Object.entries(services)) {
    const input = `粤ICP备2023073334号-3${letter}`;
    const r = parse(input);
    assert.deepEqual(r.ok && [r.service, r.serviceLabel], [service, en], input);
    const z = parse(input, { lang: 'zh' });
    assert.equal(z.ok && z.serviceLabel, zh, input);
  }
  // The same labels on every path: the as-you-type check and both scanners.
  const typed = checkPrefix('京ICP备12345678号-1', { lang: 'zh' });
  assert.deepEqual(typed.status === 'complete' && [typed.number.kindLabel, typed.number.serviceLabel], ['ICP备案号', '网站']);
  const [found] = scan('页脚：京ICP备12345678号-1X', { lang: 'zh' });
  assert.deepEqual([found.kindLabel, found.serviceLabel], ['ICP备案号', '小程序']);
  const scanner = new ChunkScanner({ lang: 'zh' });
  const [streamed] = [...scanner.push('京公网安备11010802020088号'), ...scanner.end()];
  scanner.free();
  assert.deepEqual([streamed.kindLabel, streamed.serviceLabel, streamed.year], ['公安备案号', null, null]);
});

test('parse: strict by default; lenient on request, fixes named and labelled in the language asked for', () => {
  const strict = parse('粤 ＩＣＰ 備14023066號－1');
  assert.deepEqual(strict.ok || [strict.error.name, strict.error.index], ['WHITESPACE', 1]);
  const r = parse('粤 ＩＣＰ 備14023066號－1', { lenient: true });
  assert.ok(r.ok);
  assert.equal(r.canonical, '粤ICP备14023066号-1');
  assert.deepEqual(r.fixes, [
    { name: 'space', label: 'whitespace removed' },
    { name: 'full_width', label: 'full-width characters read as ASCII' },
    { name: 'traditional', label: 'traditional characters read as simplified' },
  ]);
  const zh = parse('粵ICP備11018438號', { lenient: true, lang: 'zh' });
  assert.deepEqual(zh.ok && zh.fixes, [{ name: 'traditional', label: '繁体字改为简体' }]);
  assert.equal(isValid('粵ICP備11018438號'), false);
  assert.equal(isValid('粵ICP備11018438號', { lenient: true }), true);
  assert.equal(isValid('粵ICP備11018438號', { lenient: false }), false);
  // The example: one answer in every binding (strict unless asked).
  assert.equal(isValid('京 ICP备12345678号'), false);
  assert.equal(isValid('京 ICP备12345678号', { lenient: true }), true);
});

test('parse: errors carry code, name, message and index, in English or Chinese', () => {
  assert.deepEqual(parse('川ICP备12345678号'), {
    ok: false,
    error: { code: 202, name: 'WRONG_ABBREVIATION', message: 'Sichuan ICP numbers use 蜀, not 川', index: 0 },
  });
  const zh = parse('川ICP备12345678号', { lang: 'zh' });
  assert.equal(zh.ok || zh.error.message, '四川的ICP备案号使用“蜀”而不是“川”');
  const psb = parse('京公网安备51010502001234号');
  assert.ok(!psb.ok);
  assert.equal(psb.error.name, 'PSB_PROVINCE_MISMATCH');
  assert.equal(psb.error.code, 500);
  assert.equal(psb.error.message, 'the prefix is Beijing (11) but the number starts with 51');
  assert.equal(psb.error.index, 5);
  const empty = parse('');
  assert.deepEqual(empty.ok || empty.error, { code: 100, name: 'EMPTY', message: 'the input is empty', index: 0 });
});

test('parse: maxYear reaches the core', () => {
  assert.equal(parse('京ICP备2025012345号').ok, true);
  const r = parse('京ICP备2025012345号', { maxYear: 2024 });
  assert.equal(r.ok || r.error.name, 'IMPOSSIBLE_YEAR');
});

test('checkPrefix: complete, incomplete with what comes next, invalid with the error', () => {
  assert.deepEqual(checkPrefix('京ICP备1234'), { status: 'incomplete', expected: 'digits', expectedLabel: 'digits' });
  assert.deepEqual(checkPrefix('', { lang: 'zh' }), {
    status: 'incomplete', expected: 'province', expectedLabel: '省份简称',
  });
  assert.deepEqual(checkPrefix('京ICP备12345678', { lang: 'zh' }), {
    status: 'incomplete', expected: 'hao', expectedLabel: '“号”',
  });
  // Strict by default: a space is an error at once; lenient reads on.
  const spaced = checkPrefix('京 ICP');
  assert.deepEqual(spaced.status === 'invalid' && [spaced.error.name, spaced.error.index], ['WHITESPACE', 1]);
  assert.deepEqual(checkPrefix('京 ICP', { lenient: true }), {
    status: 'incomplete', expected: 'marker', expectedLabel: 'ICP备, ICP证, a telecom class or 公网安备',
  });
  // An unfinished &nbsp; after a complete number (lenient mode): the rest of the entity.
  for (const input of ['京ICP备12345678号&nb', '京ICP备12345678号&#16', '京ICP备12345678号&#xa']) {
    assert.deepEqual(checkPrefix(input, { lenient: true }), {
      status: 'incomplete', expected: 'entity', expectedLabel: 'the rest of an HTML entity such as &nbsp;',
    }, input);
    assert.equal(checkPrefix(input).status, 'invalid', input);
  }
  const done = checkPrefix('京ICP备12345678号');
  assert.equal(done.status, 'complete');
  assert.equal(done.status === 'complete' && done.number.canonical, '京ICP备12345678号');
  const bad = checkPrefix('京ICP备22');
  assert.equal(bad.status, 'invalid');
  assert.equal(bad.status === 'invalid' && bad.error.name, 'IMPOSSIBLE_YEAR');
  const psb = checkPrefix('京公网安备51', { lang: 'zh' });
  assert.equal(psb.status === 'invalid' && psb.error.message, '前缀为北京（11），而号码以51开头');
  // One digit typed: the message names that digit, not a two-digit code.
  const one = checkPrefix('京公网安备5');
  assert.equal(one.status === 'invalid' && one.error.message, 'the prefix is Beijing (11) but the number starts with 5');
  assert.equal(one.status === 'invalid' && one.error.index, 5);
});

test('expectedKinds(): what checkPrefix may say comes next, labelled in either language', () => {
  const en = expectedKinds();
  const zh = expectedKinds('zh');
  assert.deepEqual(en.map((e) => e.name), zh.map((e) => e.name));
  assert.deepEqual(en.find((e) => e.name === 'hao'), { name: 'hao', label: '号' });
  assert.deepEqual(zh.find((e) => e.name === 'hao'), { name: 'hao', label: '“号”' });
  assert.equal(new Set(en.map((e) => e.name)).size, en.length);
  for (const e of [...en, ...zh]) assert.ok(e.label.length > 0, e.name);
  assert.throws(() => expectedKinds('fr'), RangeError);
});

test('indices are JavaScript string indices, also after characters outside the BMP', () => {
  // 𠀀 (U+20000) and 😀 are one character each but two UTF-16 code units.
  const text = '𠀀😀 备案：京ICP备12345678号-1 | 🎉粤B2-20090059 &nbsp; 粤公网安备 44030502008569号';
  const found = scan(text);
  assert.deepEqual(
    found.map((m) => [m.canonical, text.slice(m.start, m.end)]),
    [
      ['京ICP备12345678号-1', '京ICP备12345678号-1'],
      ['粤B2-20090059', '粤B2-20090059'],
      ['粤公网安备44030502008569号', '粤公网安备 44030502008569号'],
    ],
  );
  assert.equal(found[0].start, 8);
  assert.deepEqual(found[2].fixes.map((f) => f.name), ['space']);
  // An error after such characters: the index still points at the offending one.
  const r = parse('京ICP备12345678号😀');
  assert.equal(r.ok || r.error.name, 'TRAILING_INPUT');
  assert.equal(r.ok || r.error.index, 14);
  assert.deepEqual(scan('no number here 😀'), []);
  // Lone surrogates (read as U+FFFD) and two-byte characters count one unit each.
  for (const text of ['\ud800京ICP备12345678号 \udc00é粤B2-20090059', '😀\ud83d京ICP备12345678号']) {
    assert.deepEqual(
      scan(text).map((m) => text.slice(m.start, m.end)),
      ['京ICP备12345678号', '粤B2-20090059'].slice(0, text.includes('粤') ? 2 : 1),
      JSON.stringify(text),
    );
  }
});

test('answers stay right while WebAssembly memory grows between calls', () => {
  // Each long input or answer may grow the memory, which detaches the facade's view of it; the
  // calls after it (isValid among them, which allocates nothing) must still read their input.
  for (const entry of [icp, fastEntry]) {
    for (let round = 1; round <= 4; round++) {
      // Long answers: thousands of numbers in one scan.
      const page = `页脚 京ICP备12345678号-1 ${'的'.repeat(round * 300)} 粤B2-20090059 `.repeat(round * 10_000);
      assert.equal(entry.isValid('京ICP备12345678号'), true);
      assert.equal(entry.scan(page).length, round * 20_000);
      assert.equal(entry.isValid('京ICP备12345678号-1'), true);
      assert.equal(entry.isValid('京ICP备1234567号'), false);
      assert.equal(entry.isValid(`京ICP备12345678号${'x'.repeat(round * 400_000)}`), false);
      assert.equal(entry.parse('粤B2-20090059').canonical, '粤B2-20090059');
      assert.equal(entry.checkPrefix('京ICP备1234').status, 'incomplete');
      assert.equal(entry.isValid('京公网安备11010802020088号'), true);
    }
  }
});

test('provinces(): the core table, frozen and shared by results', () => {
  const all = provinces();
  assert.equal(all.length, 31);
  assert.deepEqual(all[0], BEIJING);
  const sichuan = all.find((p) => p.iso === 'CN-SC');
  assert.deepEqual(sichuan, { iso: 'CN-SC', gb: 51, name: '四川', nameEn: 'Sichuan', icp: '蜀', psb: '川' });
  assert.ok(Object.isFrozen(all) && Object.isFrozen(sichuan));
  const r = parse('蜀ICP备12345678号');
  assert.equal(r.ok && r.province, sichuan);
});

test('the types declare exactly the names and codes the core has', () => {
  const types = declared();
  assert.deepEqual(
    errorKinds().map((k) => [k.name, k.code]),
    [...types.ErrorCodes],
    'ErrorCodes in index.d.ts',
  );
  assert.deepEqual(fixKinds().map((f) => f.name), [...types.FixName], 'FixName in index.d.ts');
  assert.deepEqual(expectedKinds().map((e) => e.name), [...types.Expected], 'Expected in index.d.ts');
  // 0–99 and 900–999 are kept for bindings' own statuses (this package has none).
  for (const { code, name } of errorKinds()) assert.ok(code >= 100 && code <= 899, `${name}: ${code}`);
  assert.deepEqual([...types.Lang], ['en', 'zh']);
});

test('arguments are checked', () => {
  assert.throws(() => parse(12345678), TypeError);
  assert.throws(() => isValid(undefined), TypeError);
  assert.throws(() => scan(null), TypeError);
  assert.throws(() => parse('京ICP备12345678号', 'lenient'), TypeError);
  assert.throws(() => parse('京ICP备12345678号', { lenient: 'yes' }), TypeError);
  assert.throws(() => parse('京ICP备12345678号', { lang: 'fr' }), RangeError);
  assert.throws(() => parse('京ICP备12345678号', { maxYear: 2024.5 }), RangeError);
  assert.throws(() => parse('京ICP备12345678号', { maxYear: 0 }), RangeError);
  assert.throws(() => fixKinds('de'), RangeError);
});

test('the old `strict` option is gone: it throws a TypeError that says what to use', () => {
  const says = (err) =>
    err instanceof TypeError && /`strict` option is gone/.test(err.message) && /\{ lenient: true \}/.test(err.message);
  for (const strict of [true, false, undefined]) {
    assert.throws(() => parse('京ICP备12345678号', { strict }), says, `parse strict: ${strict}`);
    assert.throws(() => isValid('京ICP备12345678号', { strict }), says, `isValid strict: ${strict}`);
    assert.throws(() => checkPrefix('京ICP备', { strict }), says, `checkPrefix strict: ${strict}`);
  }
  assert.throws(() => scan('京ICP备12345678号', { strict: false }), says);
  assert.throws(() => new ChunkScanner({ strict: true }), says);
});

test('the Node entry is initialised on import; init() still resolves', async () => {
  await init();
  assert.equal(isValid('京ICP证030173号'), true);
  assert.deepEqual(Object.keys(icp).sort(), [
    'ChunkScanner', 'ScanStream', 'checkPrefix', 'errorKinds', 'expectedKinds', 'fixKinds', 'init',
    'initSync', 'isValid', 'parse', 'provinces', 'scan',
  ]);
});

test('the portable entry asks for init() first, then works with the bytes passed in', async () => {
  // A separate instance of index.js (the query makes it one), not yet initialised.
  const fresh = await import(`../index.js?fresh=${Date.now()}`);
  assert.throws(() => fresh.isValid('京ICP证030173号'), /call `await init\(\)`/);
  await fresh.init(readFileSync(new URL('../pkg/icp_number_bg.wasm', import.meta.url)));
  assert.equal(fresh.isValid('京ICP证030173号'), true);
});

test('the fast entry: the same API, its own .wasm, the same answers', async () => {
  const fast = await import('icp-number/fast');
  assert.deepEqual(Object.keys(fast).sort(), Object.keys(icp).sort());
  const text = '页脚 京ICP备12345678号-1 | 粤公网安备 44030502008569号 | 京ICP备１２３４５６７８号';
  assert.deepEqual(fast.scan(text, { lang: 'zh' }), icp.scan(text, { lang: 'zh' }));
  assert.deepEqual(fast.parse('京 ICP备12345678号', { lenient: true }), icp.parse('京 ICP备12345678号', { lenient: true }));
  assert.deepEqual(fast.provinces(), icp.provinces());
  // Its portable entry asks for init() first, then works with the fast .wasm passed in.
  const fresh = await import(`../fast.js?fresh=${Date.now()}`);
  assert.throws(() => fresh.isValid('京ICP证030173号'), /call `await init\(\)`/);
  await fresh.init(readFileSync(new URL('../pkg-fast/icp_number_bg.wasm', import.meta.url)));
  assert.equal(fresh.isValid('京ICP证030173号'), true);
  assert.equal(pkg.exports['./fast'].node, './fast-node.js');
  assert.equal(pkg.exports['./icp_number_fast.wasm'].default, './pkg-fast/icp_number_bg.wasm');
});

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

test('package.json: ES module, exports with types first, files that exist', () => {
  assert.equal(pkg.name, 'icp-number');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.sideEffects, false);
  assert.equal(pkg.types, './index.d.ts');
  assert.equal(Object.keys(pkg.exports['.'])[0], 'types');
  assert.equal(pkg.exports['.'].default, './index.js');
  for (const file of pkg.files) assert.ok(existsSync(new URL(`../${file}`, import.meta.url)), file);
  for (const file of ['index.js', 'pkg/icp_number.js', 'fast.js', 'pkg-fast/icp_number.js']) {
    const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /from ['"]node:|require\(/, `${file} must not use Node built-ins`);
  }
});

test('npm pack: the README, the licences and the package files, nothing else', () => {
  // --ignore-scripts: not the prepack build and test (this is that test).
  const root = fileURLToPath(new URL('../', import.meta.url));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root }));
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
    'LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'fast-node.js', 'fast.js', 'icp_number.wasm.d.ts', 'index.d.ts',
    'index.js', 'node.js', 'package.json', 'pkg-fast/icp_number.js', 'pkg-fast/icp_number_bg.wasm',
    'pkg/icp_number.js', 'pkg/icp_number_bg.wasm',
  ]);
  // The licences are the repository's (npm run build copies them in).
  for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(readFileSync(new URL(`../${licence}`, import.meta.url)).equals(readFileSync(new URL(`../../${licence}`, import.meta.url))), licence);
  }
  // No made-up repository or homepage: the project has no public one.
  assert.equal(pkg.repository, undefined);
  assert.equal(pkg.homepage, undefined);
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
});

const WASM = readFileSync(new URL('../pkg/icp_number_bg.wasm', import.meta.url));
const GZIPPED = gzipSync(WASM, { level: 9 }).length;

/** The size budget of issue 4: 48 KiB, and 20 KiB gzipped. */
const BUDGET = { raw: 48 * 1024, gzipped: 20 * 1024 };

test('size: the .wasm is within its budget', (t) => {
  t.diagnostic(`icp_number_bg.wasm: ${WASM.length} bytes (budget ${BUDGET.raw}), ` +
    `${GZIPPED} gzipped (budget ${BUDGET.gzipped})`);
  // The fast entry trades size for speed: reported, not held to the budget.
  const fast = readFileSync(new URL('../pkg-fast/icp_number_bg.wasm', import.meta.url));
  t.diagnostic(`fast entry's icp_number_bg.wasm: ${fast.length} bytes, ${gzipSync(fast, { level: 9 }).length} gzipped`);
  assert.ok(WASM.length <= BUDGET.raw, `${WASM.length} bytes, over the ${BUDGET.raw}-byte budget`);
  assert.ok(GZIPPED <= BUDGET.gzipped, `${GZIPPED} bytes gzipped, over the ${BUDGET.gzipped}-byte budget`);
});
