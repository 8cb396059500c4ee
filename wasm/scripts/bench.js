// Benchmark (not a test). Run: `npm run bench` after a build.
//
// 1. `isValid` through WebAssembly beside a JavaScript RegExp of the strict grammar, on the
//    inputs of the Rust benchmark (crates/icp-number/benches/parse.rs): 16 valid numbers of all
//    kinds, 12 malformed ones, 8 well-formed but impossible ones (which the RegExp cannot see:
//    years, zero sequences, PSB province codes). Each figure is the median of 7 rounds of about
//    0.3 s, in calls per second. The same for the `icp-number/fast` entry (the build optimised for
//    speed), with each `isValid`'s speed as a multiple of the RegExp's.
// 2. Scanning about 10 MB of generated Chinese-prose HTML with footers (test/support/pages.js):
//    `scan` on the whole string, `ChunkScanner` and `ScanStream` (piped, as an edge worker does)
//    on its UTF-8 bytes in 4 KiB and 64 KiB chunks, in MB/s of UTF-8 input (10^6 bytes per
//    second), the median of 7 rounds. All of them must find the same numbers. Beside them, the
//    `matchAll` of the strict grammar's RegExp unanchored (shape only: it finds the canonical
//    numbers, possible or not, and none of the lenient forms, so its count differs), and each
//    scanner's speed as a multiple of it. These pages are short (about 2 KB, a number every
//    1.2 KB): the time goes into reading numbers.
// 3. `scan` (both entries) and `matchAll` on 10 MB of pages of about 51 KB (the size of a real
//    home page, the same footers): the time goes into finding where numbers can be. Beside them,
//    the facade's prefilter RegExp run alone (where numbers can be: six digits of either width in
//    a row), the least any exact `scan` built on a RegExp takes.
// 4. The `scan` tables again in Chromium (Debian's, driven by playwright-core) when it is
//    installed: the browser is where the package runs most, and its V8 is newer than Node's.
//    Each round there repeats a call for at least 20 ms (the page's clock counts in 0.1 ms).

import { ChunkScanner, ScanStream, isValid, parse, scan } from 'icp-number';
import * as fast from 'icp-number/fast';

import { fileURLToPath } from 'node:url';

import { launch, missing, serve } from '../test/support/browser.js';
import { chunks, prose } from '../test/support/pages.js';

/** The 31 MIIT abbreviations (ICP filings, licences, telecom licences) and the police ones. */
const ICP = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新';
const PSB = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵滇藏陕甘青宁新';
const SITE = '(?:-[1-9][0-9]{0,3}[AXK]?)?';
const CLASSES = 'A1(?:\\.A2)?(?:\\.B1)?(?:\\.B2)?|A2(?:\\.B1)?(?:\\.B2)?|B1(?:\\.B2)?|B2';

/** The strict grammar as one anchored RegExp: the same pattern as the Rust benchmark's. */
const STRICT = new RegExp(
  `^(?:[${ICP}]ICP(?:备(?:[0-9]{6}|[0-9]{8}|[0-9]{10})|证[0-9]{6})号${SITE}` +
    `|[${ICP}]?(?:${CLASSES})-[0-9]{8}${SITE}` +
    `|[${PSB}]公网安备[0-9]{14}号` +
    '|京公网安备[0-9]{12}号)$',
  'u',
);

const VALID = [
  '京ICP备14041720号', '京ICP备2022034770号-6X', '陕ICP备2024026116号-1A', '陕ICP备040096号',
  '粤ICP备2023073334号-3K', '沪ICP备13038549号-108', '蜀ICP备2021012345号-2', '京ICP证030173号',
  '鄂ICP证020001号-5', '粤B2-20090059', 'B2-20090028', 'A2.B1.B2-20090003', '粤A2-20044005-108',
  '京公网安备11000002000001号', '川公网安备51010702000123号', '京公网安备110105001242号',
];
const INVALID = [
  '港ICP证030173号', '萌ICP备20210001号', '沪交ICP备13038549号', 'ICP备12345678号', '京ICP备1234567号',
  '京ICP备12345678号-01', '京ICP备12345678号-12345', '京ICP备2022034770号-6Z', '粤D3-20090059',
  'B2.A2-20090003', '沪公网安备310104020000001号', '粤公网安备440305123456号',
];
const REGEX_ACCEPTS = [
  '京ICP备23123456号', '京ICP备2017123456号', '京ICP备14000000号', '京ICP证990173号', '粤B2-19990059',
  '粤B2-20090000', '沪公网安备11010502000001号', '京公网安备110105000000号',
];

const STRICT_OPTIONS = undefined; // strict: the default
const contenders = {
  'isValid (wasm, strict)': (s) => isValid(s, STRICT_OPTIONS),
  'isValid (fast entry)': (s) => fast.isValid(s, STRICT_OPTIONS),
  'RegExp.test (strict grammar)': (s) => STRICT.test(s),
  'parse (wasm, strict, full result)': (s) => parse(s, STRICT_OPTIONS).ok,
  'parse (fast entry)': (s) => fast.parse(s, STRICT_OPTIONS).ok,
};

// The premises: both read the valid and malformed inputs alike; only the core sees the rest.
for (const s of VALID) if (!isValid(s, STRICT_OPTIONS) || !STRICT.test(s)) throw new Error(`valid: ${s}`);
for (const s of [...VALID, ...INVALID, ...REGEX_ACCEPTS]) if (fast.isValid(s) !== isValid(s)) throw new Error(`fast: ${s}`);
for (const s of INVALID) if (isValid(s, STRICT_OPTIONS) || STRICT.test(s)) throw new Error(`invalid: ${s}`);
for (const s of REGEX_ACCEPTS) if (isValid(s, STRICT_OPTIONS) || !STRICT.test(s)) throw new Error(`impossible: ${s}`);

let sink = 0;

/** Calls per second of `f` over `inputs`: the median of 7 rounds. */
function measure(f, inputs) {
  const rounds = [];
  let sets = 256;
  for (let warm = performance.now(); performance.now() - warm < 200; ) {
    for (const s of inputs) sink += f(s) ? 1 : 0;
  }
  while (rounds.length < 7) {
    const start = performance.now();
    for (let i = 0; i < sets; i++) {
      for (const s of inputs) sink += f(s) ? 1 : 0;
    }
    const ms = performance.now() - start;
    if (ms < 300) {
      sets *= 2;
      continue;
    }
    rounds.push((sets * inputs.length * 1000) / ms);
  }
  return rounds.sort((a, b) => a - b)[3];
}

const groups = { valid: VALID, invalid: INVALID, 'impossible (RegExp accepts)': REGEX_ACCEPTS };
const rows = [];
for (const [group, inputs] of Object.entries(groups)) {
  const row = { inputs: `${group} (${inputs.length})` };
  for (const [name, f] of Object.entries(contenders)) row[name] = Math.round(measure(f, inputs));
  rows.push(row);
}

const fmt = (n) => `${(n / 1e6).toFixed(2)} M/s`;
console.log(`Node ${process.versions.node}, calls per second (median of 7 rounds)\n`);
console.log(`| inputs | ${Object.keys(contenders).join(' | ')} | isValid / RegExp | fast isValid / RegExp |`);
console.log(`|---|${Object.keys(contenders).map(() => '---:').join('|')}|---:|---:|`);
for (const row of rows) {
  const [wasm, quick, re] = ['isValid (wasm, strict)', 'isValid (fast entry)', 'RegExp.test (strict grammar)'].map((k) => row[k]);
  const cells = Object.keys(contenders).map((k) => fmt(row[k]));
  console.log(`| ${row.inputs} | ${cells.join(' | ')} | ${(wasm / re).toFixed(2)} | ${(quick / re).toFixed(2)} |`);
}
if (sink === 0.5) console.log(sink);

// Scanning throughput.

const PAGE = prose(10_000_000, 1);
const BYTES = new TextEncoder().encode(PAGE);
const SIZES = { '4 KiB': 4096, '64 KiB': 65536 };

function pushAll(parts) {
  const scanner = new ChunkScanner();
  let found = 0;
  for (const part of parts) found += scanner.push(part).length;
  found += scanner.end().length;
  scanner.free();
  return found;
}

async function pipeAll(parts) {
  const stream = new ScanStream();
  await ReadableStream.from(parts).pipeThrough(stream).pipeTo(new WritableStream());
  return (await stream.matches).length;
}

const scanners = {
  'scan (whole string)': () => scan(PAGE).length,
  'scan, fast entry (whole string)': () => fast.scan(PAGE).length,
};
for (const [label, size] of Object.entries(SIZES)) {
  const parts = chunks(BYTES, size);
  scanners[`ChunkScanner.push, ${label} chunks`] = () => pushAll(parts);
  scanners[`ScanStream (pipeThrough), ${label} chunks`] = () => pipeAll(parts);
}

const counts = new Set();
for (const f of Object.values(scanners)) counts.add(await f());
if (counts.size !== 1) throw new Error(`the scanners disagree: ${[...counts].join(', ')} numbers`);
const found = [...counts][0];

/** The strict grammar unanchored: what a copy-pasted RegExp finds in a page. */
const SHAPE = new RegExp(STRICT.source.slice(1, -1), 'gu');
const MATCH_ALL = 'RegExp matchAll (strict grammar, shape only)';

/** The table of `scanners` on `text` (its UTF-8 is `size` bytes), beside `matchAll`: what each
 * found (every scanner must have found `found` numbers; the RegExps count their matches) and how
 * fast. */
async function scanTable(title, text, size, found, scanners) {
  const contendersScan = { [MATCH_ALL]: () => [...text.matchAll(SHAPE)].length, ...scanners };
  console.log(`\n${title}: ${(size / 1e6).toFixed(1)} MB, MB/s of UTF-8 input (median of 7 rounds)\n`);
  console.log('| scanner | found | MB/s | speed vs matchAll |');
  console.log('|---|---:|---:|---:|');
  let base;
  for (const [name, f] of Object.entries(contendersScan)) {
    const rounds = [];
    const count = await f();
    if (!REGEXPS.includes(name) && count !== found) throw new Error(`${name}: ${count} numbers, not ${found}`);
    while (rounds.length < 7) {
      const start = performance.now();
      await f();
      rounds.push(size / 1e3 / (performance.now() - start));
    }
    const speed = rounds.sort((a, b) => a - b)[3];
    base ??= speed;
    console.log(`| ${name} | ${count} | ${speed.toFixed(0)} | ${(speed / base).toFixed(3)}× |`);
  }
}

/** The facade's prefilter (index.js, `prefilter`): runs of six digits or more, each ASCII or
 * full-width, found with `test` as `scan` finds them. */
const DIGIT = '[0-9\uff10-\uff19]';
const PREFILTER = new RegExp(`${DIGIT.repeat(6)}${DIGIT}*`, 'gu');
const PREFILTER_ALONE = 'the prefilter RegExp alone (where numbers can be)';
/** The rows that are RegExps, not scanners. */
const REGEXPS = [MATCH_ALL, PREFILTER_ALONE];
function runs(text) {
  PREFILTER.lastIndex = 0;
  let n = 0;
  while (PREFILTER.test(text)) n++;
  return n;
}

await scanTable('Scanning generated HTML pages of about 2 KB (a number every 1.2 KB)', PAGE, BYTES.length,
  found, { [PREFILTER_ALONE]: () => runs(PAGE), ...scanners });

// The same pages with 125 paragraphs more each (about 51 KB a page, the size of a real home page,
// with the same 1 to 3 numbers in its footer).
const LONG = prose(10_000_000, 1, 125);
const LONG_SIZE = new TextEncoder().encode(LONG).length;
const long = scan(LONG).length;
if (fast.scan(LONG).length !== long) throw new Error('the entries disagree on the long pages');

await scanTable('Scanning generated HTML pages of about 51 KB (a number every 26 KB)', LONG, LONG_SIZE, long, {
  [PREFILTER_ALONE]: () => runs(LONG),
  'scan (whole string)': () => scan(LONG).length,
  'scan, fast entry (whole string)': () => fast.scan(LONG).length,
});

// The same in Chromium: the text and the patterns go into the page, which imports both entries
// from the package folder (served on 127.0.0.1) and times each call there.
if (missing) {
  console.log(`\nChromium: skipped (${missing})`);
} else {
  const server = await serve(fileURLToPath(new URL('../', import.meta.url)));
  const browser = await launch();
  try {
    await browser.page.goto(`http://127.0.0.1:${server.address().port}/demo/`);
    const version = browser.context.browser()?.version() ?? (await browser.page.evaluate(() => navigator.userAgent));
    for (const [title, text, size, count] of [
      ['pages of about 2 KB (a number every 1.2 KB)', PAGE, BYTES.length, found],
      ['pages of about 51 KB (a number every 26 KB)', LONG, LONG_SIZE, long],
    ]) {
      const rows = await browser.page.evaluate(inPage, {
        text, size, shape: SHAPE.source, prefilter: PREFILTER.source, names: REGEXPS,
      });
      console.log(`\nIn Chromium (${version}), ${title}: ${(size / 1e6).toFixed(1)} MB, MB/s of UTF-8 input\n`);
      console.log('| scanner | found | MB/s | speed vs matchAll |');
      console.log('|---|---:|---:|---:|');
      for (const [name, n, speed] of rows) {
        if (!REGEXPS.includes(name) && n !== count) throw new Error(`Chromium's ${name} found ${n} numbers, Node's ${count}`);
        console.log(`| ${name} | ${n} | ${speed.toFixed(0)} | ${(speed / rows[0][2]).toFixed(3)}× |`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

/** Runs in the page (so it can use nothing from this module): `matchAll`, the prefilter alone
 * (the RegExps' sources and the rows' names are passed in) and both entries' `scan` on `text`,
 * each as `[name, count, MB/s]` (the median of 7 rounds of at least 20 ms). */
async function inPage({ text, size, shape, prefilter, names: [matchAll, prefilterAlone] }) {
  const entries = [await import('/index.js'), await import('/fast.js')];
  await Promise.all(entries.map((entry) => entry.init()));
  const re = new RegExp(shape, 'gu');
  const pre = new RegExp(prefilter, 'gu');
  const contenders = {
    [matchAll]: () => [...text.matchAll(re)].length,
    [prefilterAlone]: () => {
      pre.lastIndex = 0;
      let n = 0;
      while (pre.test(text)) n++;
      return n;
    },
    'scan (whole string)': () => entries[0].scan(text).length,
    'scan, fast entry (whole string)': () => entries[1].scan(text).length,
  };
  const rows = [];
  for (const [name, f] of Object.entries(contenders)) {
    const n = f();
    const rounds = [];
    while (rounds.length < 7) {
      let calls = 0;
      const start = performance.now();
      let ms = 0;
      for (; ms < 20; ms = performance.now() - start) {
        f();
        calls++;
      }
      rounds.push((calls * size) / 1e3 / ms);
    }
    rows.push([name, n, rounds.sort((a, b) => a - b)[3]]);
  }
  return rows;
}
