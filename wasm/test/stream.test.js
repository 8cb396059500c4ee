// The streaming scanners (ChunkScanner, ScanStream) through the package's public entry: the same
// numbers as `scan` on the whole text however the bytes are split (every scan vector, in chunks
// of 1, 2, 3, 7 and 64 bytes, and generated pages), byte offsets, the body passed through
// unchanged and unbuffered, chunk types, options, errors, aborts and cancellation.

import assert from 'node:assert/strict';
import test from 'node:test';

import { ChunkScanner, ScanStream, scan } from 'icp-number';

import { chunks, prose } from './support/pages.js';
import { loadScan } from './support/vectors.js';

const SPLITS = [1, 2, 3, 7, 64];
const utf8 = (text) => new TextEncoder().encode(text);

/** `scan(text)` with its UTF-16 indices turned into UTF-8 byte offsets: what the streaming
 * scanners must report for the bytes of `text`. */
function scanBytes(text) {
  const bytes = (index) => Buffer.byteLength(text.slice(0, index));
  return scan(text).map((m) => ({ ...m, start: bytes(m.start), end: bytes(m.end) }));
}

/** Everything a ChunkScanner reports for `parts`, in order. */
function pushAll(parts, options) {
  const scanner = new ChunkScanner(options);
  const found = [];
  for (const part of parts) found.push(...scanner.push(part));
  found.push(...scanner.end());
  scanner.free();
  return found;
}

/** Pipes `parts` through `stream`; the chunks that come out, and what `matches` resolves to. */
async function pipe(parts, stream) {
  const source = ReadableStream.from(parts);
  const out = [];
  for await (const chunk of source.pipeThrough(stream)) out.push(chunk);
  return { out, matches: await stream.matches };
}

const vectors = loadScan();

test('ChunkScanner: every scan vector, split every way, equals scan of the whole text', () => {
  assert.deepEqual(vectors.problems, []);
  let texts = 0;
  const wrong = [];
  for (const { cases } of vectors.files) {
    for (const c of cases) {
      texts++;
      const want = scanBytes(c.text);
      const bytes = utf8(c.text);
      for (const size of [...SPLITS, bytes.length + 1]) {
        const got = pushAll(chunks(bytes, size));
        try {
          assert.deepEqual(got, want);
        } catch {
          wrong.push(`${c.file}:${c.line} in chunks of ${size}: ${JSON.stringify(c.text)}\n` +
            `  expected ${JSON.stringify(want.map((m) => [m.canonical, m.start, m.end]))}\n` +
            `  got      ${JSON.stringify(got.map((m) => [m.canonical, m.start, m.end]))}`);
        }
      }
    }
  }
  assert.ok(texts >= 100, `only ${texts} texts`);
  assert.equal(wrong.length, 0, `${wrong.length} splits differ:\n${wrong.slice(0, 20).join('\n')}`);
});

test('ScanStream: every scan vector, split every way, equals scan; chunks pass through', async () => {
  for (const { cases } of vectors.files) {
    for (const c of cases) {
      const want = scanBytes(c.text);
      const bytes = utf8(c.text);
      for (const size of SPLITS) {
        const parts = chunks(bytes, size);
        const seen = [];
        const { out, matches } = await pipe(parts, new ScanStream({ onMatch: (m) => seen.push(m) }));
        const where = `${c.file}:${c.line} in chunks of ${size}`;
        assert.deepEqual(matches, want, where);
        assert.deepEqual(seen, want, `${where}: onMatch`);
        assert.equal(out.length, parts.length, where);
        out.forEach((chunk, i) => assert.equal(chunk, parts[i], `${where}: chunk ${i} is passed on as it is`));
      }
    }
  }
});

test('byte offsets slice the number as written out of the body', () => {
  const text = '𠀀😀 备案：京ICP备12345678号-1 | 🎉粤B2-20090059 &nbsp; 粤公网安备 44030502008569号';
  const bytes = utf8(text);
  const found = pushAll(chunks(bytes, 5));
  const decode = (m) => new TextDecoder().decode(bytes.subarray(m.start, m.end));
  assert.deepEqual(found.map(decode), ['京ICP备12345678号-1', '粤B2-20090059', '粤公网安备 44030502008569号']);
  assert.equal(found[0].start, 18); // 𠀀 and 😀 are 4 bytes each, 备, 案 and ： 3
  assert.deepEqual(found[2].fixes.map((f) => f.name), ['space']);
  // The same fields as scan(), but byte offsets where scan() has string indices.
  const whole = scan(text);
  assert.deepEqual(found.map(({ start, end, ...n }) => n), whole.map(({ start, end, ...n }) => n));
  assert.equal(whole[0].start, 8);
});

test('generated pages in chunks of 4 KiB, 64 KiB and odd sizes: scan of the whole page', () => {
  const page = prose(600_000, 7);
  const bytes = utf8(page);
  const want = scanBytes(page);
  assert.ok(want.length > 300, `only ${want.length} numbers in the generated pages`);
  assert.ok(want.some((m) => m.fixes.length > 0) && want.some((m) => m.fixes.length === 0));
  for (const size of [4096, 65536, 1000, 4099, bytes.length]) {
    assert.deepEqual(pushAll(chunks(bytes, size)), want, `chunks of ${size}`);
  }
});

test('ScanStream: a page in several chunks passes through byte for byte, unbuffered', async () => {
  const bytes = utf8(prose(200_000, 3));
  const parts = chunks(bytes, 4099);
  const seen = [];
  const stream = new ScanStream({ onMatch: (m) => seen.push(m.end) });
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const out = [];
  for (const part of parts) {
    void writer.write(part);
    // Each chunk comes out before the next goes in: nothing is held back.
    const { value } = await reader.read();
    out.push(value);
    assert.equal(value, part);
    // Numbers are reported as the chunks decide them, not only at the end.
    assert.ok(seen.every((end) => end <= out.reduce((n, c) => n + c.length, 0)));
  }
  const reported = seen.length;
  assert.ok(reported > 0, 'numbers reported before the end');
  void writer.close();
  assert.equal((await reader.read()).done, true);
  assert.deepEqual(Buffer.concat(out), Buffer.from(bytes));
  const matches = await stream.matches;
  assert.deepEqual(matches.map((m) => m.end), seen);
  assert.deepEqual(matches, scanBytes(new TextDecoder().decode(bytes)));
  assert.ok(matches.length - reported <= 3, 'at most the last footer is decided by the end');
});

test('chunks: Uint8Array, ArrayBuffer, other views and strings (as UTF-8)', async () => {
  const text = '<p>京ICP备12345678号</p><p>粤公网安备 44030502008569号</p>';
  const bytes = utf8(text);
  const want = scanBytes(text);
  // Bytes cut inside characters (京 is bytes 3 to 5), then a string of whole characters.
  const [a, b, c] = [Buffer.byteLength(text.slice(0, 14)), Buffer.byteLength(text.slice(0, 28)), bytes.length];
  const parts = [
    bytes.slice(0, 4).buffer,
    new DataView(bytes.buffer, 4, 7),
    Buffer.from(bytes.subarray(11, a)),
    text.slice(14, 28),
    bytes.subarray(b, b + 5),
    new Uint16Array(bytes.slice(b + 5, b + 7).buffer),
    bytes.subarray(b + 7, c),
  ];
  assert.deepEqual(pushAll(parts), want);
  const { out, matches } = await pipe(parts, new ScanStream());
  assert.deepEqual(matches, want);
  out.forEach((chunk, i) => assert.equal(chunk, parts[i]));
});

test('options: lang labels the fixes, maxYear reaches the core', async () => {
  const text = '粤 ICP 备2025012345号';
  const [en] = pushAll([text]);
  assert.deepEqual(en.fixes, [{ name: 'space', label: 'whitespace removed' }]);
  const { matches } = await pipe([utf8(text)], new ScanStream({ lang: 'zh' }));
  assert.deepEqual(matches[0].fixes, [{ name: 'space', label: '去除空白' }]);
  assert.deepEqual(pushAll([text], { maxYear: 2024 }), scan(text, { maxYear: 2024 }));
  assert.throws(() => new ChunkScanner({ lang: 'fr' }), RangeError);
  assert.throws(() => new ScanStream({ maxYear: 0 }), RangeError);
  assert.throws(() => new ScanStream({ onMatch: 'log' }), TypeError);
  assert.throws(() => new ScanStream({ encoding: 'no-such-charset' }), RangeError);
  assert.throws(() => new ScanStream({ encoding: 936 }), TypeError);
});

test('encoding: a GBK body is read by its charset and passed on as it is', async () => {
  // <p>京ICP备12345678号</p> in GBK (京 BE A9, 备 B1 B8, 号 BA C5).
  const gbk = Uint8Array.from([
    ...utf8('<p>'), 0xbe, 0xa9, ...utf8('ICP'), 0xb1, 0xb8, ...utf8('12345678'), 0xba, 0xc5, ...utf8('</p>'),
  ]);
  const parts = chunks(gbk, 3);
  const { out, matches } = await pipe(parts, new ScanStream({ encoding: 'GBK' }));
  assert.deepEqual(matches.map((m) => [m.canonical, m.start, m.end]), [['京ICP备12345678号', 3, 23]]);
  assert.deepEqual(Buffer.concat(out), Buffer.from(gbk));
  // Without the charset the GBK bytes are invalid UTF-8: no number.
  assert.deepEqual((await pipe(parts, new ScanStream())).matches, []);
  // A UTF-8 label scans the bytes as they are.
  assert.equal((await pipe([utf8('京ICP备12345678号')], new ScanStream({ encoding: 'utf8' }))).matches.length, 1);
});

test('invalid UTF-8 is skipped, the same however it is split', () => {
  const bytes = Uint8Array.from([0xff, ...utf8('京ICP备12345678号'), 0xe4, 0xba, 0x20, ...utf8('粤B2-20090059'), 0x80]);
  const whole = pushAll([bytes]);
  assert.deepEqual(whole.map((m) => [m.canonical, m.start, m.end]), [
    ['京ICP备12345678号', 1, 21],
    ['粤B2-20090059', 24, 38],
  ]);
  for (const size of SPLITS) assert.deepEqual(pushAll(chunks(bytes, size)), whole, `chunks of ${size}`);
});

test('ChunkScanner: counts bytes, starts a new input after end(), cannot be used once freed', () => {
  const scanner = new ChunkScanner();
  assert.deepEqual(scanner.push('京ICP备12345678号'), [], '-1 may follow');
  assert.equal(scanner.bytes, 20);
  const [first] = scanner.end();
  assert.deepEqual([first.canonical, first.start, first.end], ['京ICP备12345678号', 0, 20]);
  assert.equal(scanner.bytes, 0);
  scanner.push('xx ');
  const [again] = scanner.end().concat(scanner.push('粤B2-20090059 '), scanner.end());
  assert.deepEqual([again.canonical, again.start], ['粤B2-20090059', 0]);
  assert.throws(() => scanner.push(42), TypeError);
  scanner.free();
  scanner.free();
  assert.throws(() => scanner.push('x'), /freed/);
  assert.throws(() => scanner.end(), /freed/);
});

test('ScanStream: a bad chunk errors the stream and rejects matches', async () => {
  const stream = new ScanStream();
  const source = ReadableStream.from([utf8('京ICP备12345678号 '), { not: 'bytes' }]);
  await assert.rejects(async () => {
    for await (const chunk of source.pipeThrough(stream)) void chunk;
  }, TypeError);
  await assert.rejects(stream.matches, TypeError);
});

test('ScanStream: onMatch throwing errors the stream with its error', async () => {
  const oops = new Error('oops');
  const stream = new ScanStream({ onMatch: () => { throw oops; } });
  await assert.rejects(pipe([utf8('京ICP备12345678号 x'.repeat(40))], stream), oops);
  await assert.rejects(stream.matches, oops);
});

test('ScanStream: abort and cancel reject matches with the reason', async () => {
  const aborted = new ScanStream();
  const writer = aborted.writable.getWriter();
  // Nobody reads: the write waits (backpressure), and the abort comes first.
  void writer.write(utf8('京ICP备12345678号')).catch(() => {});
  await writer.abort(new Error('upstream failed'));
  await assert.rejects(aborted.matches, /upstream failed/);

  const cancelled = new ScanStream();
  const w = cancelled.writable.getWriter();
  void w.write(utf8('<p>')).catch(() => {});
  await cancelled.readable.cancel('client went away');
  await assert.rejects(cancelled.matches, (reason) => reason === 'client went away');

  // Nobody awaits matches here: the rejection must not surface as an unhandled one (node --test
  // fails a run that has one).
  const ignored = new ScanStream();
  await ignored.writable.abort('ignored');
});

test('ScanStream is a TransformStream', () => {
  const stream = new ScanStream();
  assert.ok(stream instanceof TransformStream);
  assert.ok(stream.readable instanceof ReadableStream && stream.writable instanceof WritableStream);
  assert.ok(stream.matches instanceof Promise);
});

test('offsets go on past 4 GiB (the core counts in 32 bits on wasm32)', () => {
  // 4 GiB of spaces, fed as one 16 MiB chunk over and over (about a second: spaces are skipped).
  const scanner = new ChunkScanner();
  const spaces = new Uint8Array(16 << 20).fill(0x20);
  const number = utf8('京ICP备12345678号 ');
  const at = 2 ** 32 - 5; // the number straddles the 4 GiB mark
  while (scanner.bytes + spaces.length <= at) assert.deepEqual(scanner.push(spaces), []);
  scanner.push(spaces.subarray(0, at - scanner.bytes));
  const found = [...scanner.push(number), ...scanner.push(spaces), ...scanner.push(number), ...scanner.end()];
  const second = at + number.length + spaces.length;
  assert.deepEqual(found.map((m) => [m.start, m.end]), [[at, at + 20], [second, second + 20]]);
  scanner.free();
});
