// icp-number: Chinese website registration numbers, checked by the Rust core compiled to
// WebAssembly. This facade holds no rules of the grammar: it checks argument types, passes the
// options to the core, and turns the core's answers into plain objects. Messages, names, labels
// and the province table all come from the core. Types: index.d.ts.
//
// This entry works in browsers and edge runtimes (no Node built-ins). Call `init()` once before
// anything else: with no argument it fetches the .wasm next to this file; in an edge worker, pass
// the WebAssembly.Module (or the bytes) that your platform gives for `icp-number/icp_number.wasm`.
// In Node, the package's `node` entry (node.js) initialises itself.

import initWasm, * as core from './pkg/icp_number.js';

let ready = false;
let loading;

/**
 * Loads the WebAssembly module. Safe to call more than once.
 * @param {WebAssembly.Module | BufferSource | Response | PromiseLike<Response> | URL | string} [moduleOrBytes]
 */
export function init(moduleOrBytes) {
  // The .wasm next to this file. Bundlers that follow `new URL('…', import.meta.url)` (Vite)
  // copy it into the build; others (esbuild) do not, and the fetch fails: say what to do.
  const beside = moduleOrBytes === undefined ? new URL('./pkg/icp_number_bg.wasm', import.meta.url) : undefined;
  loading ??= initWasm({ module_or_path: moduleOrBytes ?? beside }).then(
    (exports) => {
      started(exports);
    },
    (err) => {
      loading = undefined;
      if (beside === undefined) {
        throw err;
      }
      throw new Error(
        `icp-number: could not load its WebAssembly from ${beside} (${err?.message ?? err}). ` +
          'If a bundler moved this file without the .wasm (esbuild does), import the .wasm and pass ' +
          "it in: `import wasm from 'icp-number/icp_number.wasm'` (esbuild: `--loader:.wasm=file`), " +
          'then `await init(new URL(wasm, import.meta.url))`. See "Bundlers" in the README.',
        { cause: err },
      );
    },
  );
  return loading;
}

/**
 * Loads the WebAssembly module synchronously from a compiled module or its bytes.
 * @param {WebAssembly.Module | BufferSource} moduleOrBytes
 */
export function initSync(moduleOrBytes) {
  if (!ready) {
    started(core.initSync({ module: moduleOrBytes }));
  }
}

// The input buffer in WebAssembly memory (of a `Core`, wasm/src/lib.rs): each input is written
// into it as UTF-8, and the core reads it from there. `memory` is the module's memory; `bytes`, a
// view of it, is made again when the memory grows (which detaches the old view).
let memory;
let bytes;
let buffer;
let inputAt = 0;
let inputRoom = 0;

/** Called once the module is instantiated (by `init` or `initSync`, whichever comes first). */
function started(exports) {
  if (ready) {
    return;
  }
  memory = exports.memory;
  buffer = new core.Core();
  ready = true;
}

/** Room for `len` bytes in the input buffer: the memory's bytes (the buffer starts at `inputAt`). */
function room(len) {
  if (len > inputRoom) {
    inputRoom = Math.max(len, 1024);
    inputAt = allocated(buffer.reserve(inputRoom));
  }
  return view();
}

/** Whether a call that allocates in WebAssembly memory ran since `bytes` was checked: it may have
 * grown the memory, which detaches the view (it has no bytes then). `isValid` allocates nothing,
 * so a run of them checks the view once (the check costs about a tenth of a call). */
let stale = true;

/** The answer of a call that allocates in WebAssembly memory; the view is checked before the
 * next use. */
function allocated(answer) {
  stale = true;
  return answer;
}

/** The bytes of WebAssembly memory. */
function view() {
  if (stale) {
    if (bytes === undefined || bytes.byteLength === 0) {
      bytes = new Uint8Array(memory.buffer);
    }
    stale = false;
  }
  return bytes;
}

/** Writes `text` as UTF-8 at byte `at` of the input buffer, which has room for it: the bytes
 * written. A lone surrogate becomes U+FFFD, as TextEncoder writes it. */
function write(text, at) {
  if (text.length > 24) {
    encoder ??= new TextEncoder();
    return encoder.encodeInto(text, bytes.subarray(inputAt + at)).written;
  }
  // Short text: a loop costs less than a call into the encoder.
  const mem = bytes;
  const start = inputAt + at;
  let n = start;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      mem[n++] = c;
    } else if (c < 0x800) {
      mem[n++] = 0xc0 | (c >> 6);
      mem[n++] = 0x80 | (c & 0x3f);
    } else {
      if ((c & 0xf800) === 0xd800) {
        const next = text.charCodeAt(i + 1);
        if (c < 0xdc00 && (next & 0xfc00) === 0xdc00) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          mem[n++] = 0xf0 | (c >> 18);
          mem[n++] = 0x80 | ((c >> 12) & 0x3f);
          mem[n++] = 0x80 | ((c >> 6) & 0x3f);
          mem[n++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      mem[n++] = 0xe0 | (c >> 12);
      mem[n++] = 0x80 | ((c >> 6) & 0x3f);
      mem[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n - start;
}

/** Writes a whole input into the buffer: its length in bytes. */
function put(text) {
  room(text.length * 3);
  return write(text, 0);
}

function need() {
  if (!ready) {
    throw new Error('icp-number: call `await init()` (or `initSync(bytes)`) before using it');
  }
}

function string(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`icp-number: ${what} must be a string, not ${typeof value}`);
  }
  return value;
}

const DEFAULTS = Object.freeze({ lenient: false, zh: false, maxYear: 0 });

/** Reads `{ lenient?, lang?, maxYear? }`; maxYear 0 stands for the core's default. */
function settings(options) {
  if (options === undefined) {
    return DEFAULTS;
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError('icp-number: options must be an object');
  }
  if ('strict' in options) {
    throw new TypeError(
      'icp-number: the `strict` option is gone: parse, isValid and checkPrefix are strict by ' +
        'default; pass `{ lenient: true }` to read every variant real footers show (scanners always do)',
    );
  }
  const { lenient = false, lang = 'en', maxYear } = options;
  if (typeof lenient !== 'boolean') {
    throw new TypeError('icp-number: options.lenient must be a boolean');
  }
  if (lang !== 'en' && lang !== 'zh') {
    throw new RangeError(`icp-number: options.lang must be "en" or "zh", not ${String(lang)}`);
  }
  if (maxYear !== undefined && !(Number.isInteger(maxYear) && maxYear >= 1 && maxYear <= 0xffff)) {
    throw new RangeError(`icp-number: options.maxYear must be a year, not ${String(maxYear)}`);
  }
  return { lenient, zh: lang === 'zh', maxYear: maxYear ?? 0 };
}

// The core answers in text: records separated by "\n", fields by "\t" (wasm/src/lib.rs
// describes each record). An absent value is an empty field.

/** The records of one answer, each split into its fields. */
function records(text) {
  return text === '' ? [] : text.split('\n').map((line) => line.split('\t'));
}

// The core's tables, read once: one answer, a block of records each (wasm/src/lib.rs, `tables`).
const PROVINCES = 0;
const FIXES = 1;
const EXPECTED = 2;
const ERRORS = 3;
const LABELS = 5;
let tableBlocks;
let provinceTable;
let provinceByCode;
let fixTable;
let expectedTable;

/** A block of the core's tables, its records split into fields. */
function table(block) {
  tableBlocks ??= allocated(core.tables()).split('\n\n').map(records);
  return tableBlocks[block];
}

/** The 31 provinces, in GB/T 2260 order (frozen objects, shared by every result). */
export function provinces() {
  need();
  if (provinceTable === undefined) {
    provinceTable = Object.freeze(
      table(PROVINCES).map(([iso, gb, name, nameEn, icp, psb]) =>
        Object.freeze({ iso, gb: Number(gb), name, nameEn, icp, psb }),
      ),
    );
    provinceByCode = new Map(provinceTable.map((p) => [p.gb, p]));
  }
  return provinceTable;
}

/** Every fix lenient mode may apply, in bit order, with its labels in both languages. */
function fixRows() {
  fixTable ??= table(FIXES).map(([bit, name, en, zh]) => ({ bit: Number(bit), name, en, zh }));
  return fixTable;
}

/** Everything checkPrefix may say comes next, with its labels in both languages, by name (the
 * core's list, so a name the core adds arrives here without a change to this file). */
function expectedRows() {
  expectedTable ??= new Map(table(EXPECTED).map(([name, en, zh]) => [name, { name, en, zh }]));
  return expectedTable;
}

/** Every error kind: `{ code, name }`, in code order. */
export function errorKinds() {
  need();
  return table(ERRORS).map(([code, name]) => ({ code: Number(code), name }));
}

/** Every fix lenient mode may apply: `{ name, label }` in `lang` ('en' by default), in bit order. */
export function fixKinds(lang = 'en') {
  need();
  const { zh } = settings({ lang });
  return fixRows().map((f) => ({ name: f.name, label: zh ? f.zh : f.en }));
}

/** Everything checkPrefix may say comes next: `{ name, label }` in `lang` ('en' by default). */
export function expectedKinds(lang = 'en') {
  need();
  const { zh } = settings({ lang });
  return [...expectedRows().values()].map((e) => ({ name: e.name, label: zh ? e.zh : e.en }));
}

function fixes(bits, zh) {
  const out = [];
  if (bits !== 0) {
    for (const f of fixRows()) {
      if (bits & f.bit) {
        out.push({ name: f.name, label: zh ? f.zh : f.en });
      }
    }
  }
  return out;
}

// A number's fields are read from the answer in place, without splitting it: `reading` is the
// answer, `cursor` where its next field starts.
let reading = '';
let cursor = 0;

/** The next field of the answer as text (not the last of a record: a number field ends it). */
function textField() {
  let end = reading.indexOf('\t', cursor);
  if (end < 0) {
    end = reading.length;
  }
  const value = reading.slice(cursor, end);
  cursor = end + 1;
  return value;
}

/** The next field of the answer as a number (decimal digits), or null if it is empty. */
function countField() {
  let n = 0;
  let i = cursor;
  for (let c = reading.charCodeAt(i); c >= 0x30 && c <= 0x39; c = reading.charCodeAt(++i)) {
    n = n * 10 + (c - 0x30);
  }
  const value = i === cursor ? null : n;
  cursor = i + 1;
  return value;
}

/** The labels of the kinds and services by name (the core's tables). */
let labels;

/** The label of a kind or a service, in `zh` or English. */
function label(name, zh) {
  const row = labels.get(name);
  return zh ? row.zh : row.en;
}

/** A number from the fields of `answer` from `at` on: kind, canonical, main (empty when it is
 * the canonical form), query link, province code, site, service, fix bits, digits, year,
 * sequence (wasm/src/lib.rs). The labels in `zh` or English, from the core's tables. */
function number(answer, at, zh) {
  reading = answer;
  cursor = at;
  return nextNumber(zh);
}

/** The number whose fields are next in the answer being read (see `number`). */
function nextNumber(zh) {
  const kind = textField();
  const canonical = textField();
  const main = textField();
  const queryUrl = textField();
  const gb = countField();
  const site = countField();
  const service = textField();
  const bits = countField();
  const digits = textField();
  const year = countField();
  const sequence = countField();
  if (gb !== null) {
    provinces();
  }
  labels ??= new Map(table(LABELS).map(([name, en, zh]) => [name, { en, zh }]));
  return {
    kind,
    kindLabel: label(kind, zh),
    canonical,
    main: main === '' ? canonical : main,
    digits,
    year,
    sequence,
    province: gb === null ? null : provinceByCode.get(gb),
    site,
    service: service === '' ? null : service,
    serviceLabel: service === '' ? null : label(service, zh),
    queryUrl,
    fixes: fixes(bits, zh),
  };
}

/** The error names by code (the core's table). */
let errorNames;

/** The JavaScript string index (UTF-16 code units) of code point `chars` of `text`: a
 * character outside the BMP is two units (a lone surrogate, read as U+FFFD, is one). */
function unitIndex(text, chars) {
  let at = 0;
  for (let n = 0; n < chars && at < text.length; n++) {
    at += text.codePointAt(at) > 0xffff ? 2 : 1;
  }
  return at;
}

/** An error from its record: E, code, character index, message (last: it may hold tabs). */
function error(f, input) {
  errorNames ??= new Map(table(ERRORS).map(([code, name]) => [Number(code), name]));
  const code = Number(f[1]);
  return { code, name: errorNames.get(code), message: f.slice(3).join('\t'), index: unitIndex(input, Number(f[2])) };
}

/** The one record of a parse or checkPrefix answer. A message may hold any character, so the
 * record is split on tabs only (never on newlines). */
function answer(text) {
  return text.split('\t');
}

/**
 * Parses one whole number: strict by default (the canonical form only); `{ lenient: true }`
 * reads every variant real footers show and reports each correction as a fix.
 */
export function parse(input, options) {
  need();
  const { lenient, zh, maxYear } = settings(options);
  const out = allocated(buffer.parse(put(string(input, 'input')), lenient, zh, maxYear));
  return out[0] === 'N' ? { ok: true, ...number(out, 2, zh) } : { ok: false, error: error(answer(out), input) };
}

/** Whether `input` is one whole number (strict unless `{ lenient: true }`, as `parse`). */
export function isValid(input, options) {
  need();
  const { lenient, maxYear } = settings(options);
  return buffer.isValid(put(string(input, 'input')), lenient, maxYear);
}

/**
 * The as-you-type check (strict unless `{ lenient: true }`): `complete` (a number, which may
 * still go on), `incomplete` (a valid start of a number, with what comes next: its name and a
 * label in `lang`) or `invalid` (no continuation can make it valid).
 */
export function checkPrefix(input, options) {
  need();
  const { lenient, zh, maxYear } = settings(options);
  const out = allocated(buffer.checkPrefix(put(string(input, 'input')), lenient, zh, maxYear));
  if (out[0] === 'N') {
    return { status: 'complete', number: number(out, 2, zh) };
  }
  const f = answer(out);
  if (f[0] === 'I') {
    const next = expectedRows().get(f[1]);
    return { status: 'incomplete', expected: next.name, expectedLabel: zh ? next.zh : next.en };
  }
  return { status: 'invalid', error: error(f, input) };
}

// Scanning: a RegExp built from the core's prefilter constants (the last block of its tables)
// finds where numbers can be: every number holds `run` digits in a row, ASCII or full-width,
// ending at most `reach` bytes of UTF-8 from its start, and its text holds only the characters
// of the core's `NUMBER_CHARS`. From each hit the facade looks back over those characters for
// where a number can start; only the pieces of the text around these places are written into
// WebAssembly memory, and the core's `scan_part` reads them all in one call: the same numbers as
// a scan of the whole text, without copying or reading the rest.
const PREFILTER = 4;
let digits;
let reach;
let behind;
/** 1 for each UTF-16 unit that is one of the core's NUMBER_CHARS (all of them lie in the BMP). */
let numberChar;

function prefilter() {
  if (digits === undefined) {
    const [[run, far, whole, first, last], chars = []] = table(PREFILTER);
    reach = Number(far);
    behind = Number(whole) - reach;
    // `run` digits of either width in a row, the class written out `run` times, not with a
    // count: V8 searches the written-out form faster. A run of digits is one hit.
    const digit = `[0-9${first}-${last}]`;
    digits = new RegExp(`${digit.repeat(Number(run))}${digit}*`, 'gu');
    // Without the core's list (the default entry's core, built for size, leaves it out), any
    // BMP character but markup's `<` may be in a number: the walks then go `reach` bytes. (No
    // number holds a character outside the BMP, so a walk never stops inside a surrogate pair.)
    numberChar = new Uint8Array(0x10000).fill(chars.length === 0 ? 1 : 0);
    numberChar.fill(0, 0xd800, 0xe000);
    numberChar[0x3c] = 0;
    for (let k = 0; k < chars.length; k += 2) {
      numberChar.fill(1, Number(chars[k]), Number(chars[k + 1]) + 1);
    }
  }
}

const isHigh = (c) => (c & 0xfc00) === 0xd800;
const isLow = (c) => (c & 0xfc00) === 0xdc00;
/** Whether a UTF-16 unit is an ASCII or a full-width digit (the digits the prefilter finds). */
const isDigit = (c) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** Whether string index `at` falls between the two halves of a surrogate pair. */
function splits(text, at) {
  return at > 0 && at < text.length && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1));
}

/** Where a number whose digits end at string index `at` can start at the earliest: back from
 * `at` over the digits, then over characters that can be written in a number, at most `reach`
 * bytes of UTF-8, and not before `floor` (the walk stops there when all it has to tell is
 * whether it gets that far). A surrogate is none of those characters, so the walk never stops
 * inside a pair. */
function startBefore(text, at, floor) {
  let i = at;
  while (i > floor && isDigit(text.charCodeAt(i - 1))) {
    i--;
  }
  for (let n = reach; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    n -= c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    if (numberChar[c] === 0 || n < 0) {
      break;
    }
  }
  return i;
}

/** Where the core's reading from a number that starts before string index `at` ends at the
 * latest: past characters that can be written in a number and markup (`<` to `>`, which may
 * split a number), then one character more; or after `reach` bytes of UTF-8 (or the end of the
 * text), never inside a surrogate pair. Each unit counts at most its bytes (a surrogate 1, a
 * pair 2, markup 1 a unit), so the walk goes further than `reach` bytes, never short. */
function readPast(text, at) {
  let i = at;
  for (let n = reach; n > 0 && i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) {
      // The `>` within reach: searched in a slice of what is in reach, not in the rest of the
      // text (which `indexOf` would read to its end when it holds none, for every piece).
      const found = text.slice(i + 1, i + n).indexOf('>');
      const close = i + 1 + found;
      if (found < 0) {
        const end = Math.min(text.length, i + n + 1);
        return end + (splits(text, end) ? 1 : 0);
      }
      n -= close + 1 - i;
      i = close + 1;
      continue;
    }
    i++;
    n -= c < 0x80 || (c & 0xf800) === 0xd800 ? 1 : c < 0x800 ? 2 : 3;
    if (numberChar[c] === 0) {
      break;
    }
  }
  return i + (splits(text, i) ? 1 : 0);
}

/** The bytes of UTF-8 `write` makes of the character at string index `i`: 4 for a surrogate
 * pair (two units), 3 for a lone surrogate (U+FFFD). */
function bytesAt(text, i) {
  const c = text.charCodeAt(i);
  return c < 0x80 ? 1 : c < 0x800 ? 2 : isHigh(c) && isLow(text.charCodeAt(i + 1)) ? 4 : 3;
}

/** The room the pieces of one call take in the buffer: their `len` bytes, then (aligned to four
 * bytes) three 32-bit numbers a piece. */
const roomFor = (len, count) => len + 3 + 12 * count;

/** The numbers the core finds in the pieces of one input written into the buffer, `len` bytes in
 * all, described by `pieceTable` (three numbers a piece: its length in bytes, and the bytes from
 * its start where numbers start and stop starting), with `start`/`end` as byte offsets from the
 * start of the first piece. */
function scanned(len, pieceTable, maxYear, zh) {
  const at = (len + 3) & ~3;
  const words = new DataView(memory.buffer, inputAt + at, 4 * pieceTable.length);
  pieceTable.forEach((word, i) => words.setUint32(4 * i, word, true));
  reading = allocated(buffer.scan(at, pieceTable.length / 3, maxYear));
  cursor = 0;
  const found = [];
  // Records: start, end, the number's fields.
  while (cursor < reading.length) {
    const start = countField();
    const end = countField();
    const m = nextNumber(zh);
    m.start = start;
    m.end = end;
    found.push(m);
  }
  return found;
}

/** The UTF-8 the pieces of one call hold at most (more only when a single piece is longer). */
const BATCH = 1 << 20;

/**
 * Every number in a text or HTML page, in order, with `start`/`end` as JavaScript string
 * indices (`text.slice(m.start, m.end)` is the number as written). Scanning always reads
 * leniently; `lang` chooses the labels.
 */
export function scan(input, options) {
  need();
  const { zh, maxYear } = settings(options);
  const text = string(input, 'text');
  prefilter();
  // The ranges [from, to) where numbers can start, as pairs of string indices. A number that
  // starts in one ends less than `reach` bytes (so units) after its `to`: a range that starts
  // that far on has no number going on across its start, and the core reads it on its own.
  const ranges = [];
  let from = -1;
  let to = 0;
  digits.lastIndex = 0;
  // `test`, not `exec`: the end of each run is all it takes, and no match object is built.
  while (digits.test(text)) {
    // A range that starts before `to + reach` joins the one before: no need to look further.
    const start = startBefore(text, digits.lastIndex, from < 0 ? 0 : to + reach - 1);
    if (from < 0 || start >= to + reach) {
      if (from >= 0) {
        ranges.push(from, to);
      }
      from = start;
    }
    to = digits.lastIndex;
  }
  if (from >= 0) {
    ranges.push(from, to);
  }
  const found = [];
  for (let k = 0; k < ranges.length; ) {
    k = pieces(text, ranges, k, zh, maxYear, found);
  }
  return found;
}

/** The numbers that start in the ranges from `ranges[k]` on, as many as a batch holds, into
 * `found`: each piece goes from the character before its range to where the core's reading
 * from the range ends (`readPast`). The index of the next range. */
function pieces(text, ranges, k, zh, maxYear, found) {
  const spans = [];
  let size = 0;
  let end = k;
  for (; end < ranges.length && (end === k || size < BATCH); end += 2) {
    const from = ranges[end];
    let first = from > 0 ? from - 1 : 0;
    if (splits(text, first)) {
      first--;
    }
    const last = readPast(text, ranges[end + 1]);
    spans.push(first, last);
    size += (last - first) * 3;
  }
  const count = (end - k) / 2;
  room(roomFor(size, count));
  let len = 0;
  const pieceTable = [];
  const starts = [];
  for (let i = 0; i < count; i++) {
    const first = spans[2 * i];
    const from = ranges[k + 2 * i];
    const to = ranges[k + 2 * i + 1];
    const a = write(text.slice(first, from), len);
    const b = a + write(text.slice(from, to), len + a);
    const n = b + write(text.slice(to, spans[2 * i + 1]), len + b);
    starts.push(len);
    len += n;
    pieceTable.push(n, a, b);
  }
  // Byte offsets to string indices: from the start of the match's piece, or from the last
  // offset turned, in order.
  let piece = -1;
  let unit = 0;
  let byte = 0;
  const index = (offset) => {
    while (byte < offset) {
      const width = bytesAt(text, unit);
      byte += width;
      unit += width === 4 ? 2 : 1;
    }
    return unit;
  };
  for (const m of scanned(len, pieceTable, maxYear, zh)) {
    while (piece + 1 < count && starts[piece + 1] <= m.start) {
      piece++;
      unit = spans[2 * piece];
      byte = starts[piece];
    }
    m.start = index(m.start);
    m.end = index(m.end);
    found.push(m);
  }
  return end;
}

// Streaming: each chunk goes to the core's `scan_part` after the bytes the chunks before left
// undecided (and the `behind` bytes before them, which the core may look at). A number that starts
// `reach` bytes or more before the end of what has arrived is decided: the core reads no further.

const NO_BYTES = new Uint8Array(0);
let encoder;

/** The bytes of a chunk: a Uint8Array as it is, a view or ArrayBuffer as bytes over the same
 * memory, a string as UTF-8. */
function bytesOf(chunk) {
  if (chunk instanceof Uint8Array) {
    return chunk;
  }
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (chunk instanceof ArrayBuffer) {
    return new Uint8Array(chunk);
  }
  if (typeof chunk === 'string') {
    encoder ??= new TextEncoder();
    return encoder.encode(chunk);
  }
  const what = chunk === null ? 'null' : typeof chunk;
  throw new TypeError(`icp-number: a chunk must be a Uint8Array, an ArrayBuffer or a string, not ${what}`);
}

/**
 * Scans input that arrives in chunks, split anywhere (inside a character, an `&nbsp;` or a
 * number): `push` each chunk, then `end()`. Together they report what `scan` reports on the
 * whole input, each number once, with `start`/`end` as byte offsets from the start of the input
 * (UTF-8 bytes). It holds at most the core's `WINDOW` bytes between chunks. After `end()` it
 * scans a new input; after `free()` it cannot be used.
 */
export class ChunkScanner {
  #zh;
  #maxYear;
  #fed = 0;
  #freed = false;
  /** The bytes not decided yet, after up to `behind` bytes before them (`#skip` of them). */
  #held = NO_BYTES;
  #skip = 0;
  /** The offset in the input of `#held[0]`. */
  #base = 0;

  constructor(options) {
    need();
    const { zh, maxYear } = settings(options);
    this.#zh = zh;
    this.#maxYear = maxYear;
    prefilter();
  }

  /** The bytes of the current input pushed so far. */
  get bytes() {
    return this.#fed;
  }

  /** The numbers the next chunk decides (those that may go on into the next chunk come later). */
  push(chunk) {
    return this.#read(bytesOf(chunk), false);
  }

  /** Ends the input: the numbers still undecided. The scanner then starts a new input. */
  end() {
    const found = this.#read(NO_BYTES, true);
    this.#fed = 0;
    this.#held = NO_BYTES;
    this.#skip = 0;
    this.#base = 0;
    return found;
  }

  /** Ends the scanner: it cannot be used after it. (It holds no WebAssembly memory of its own.) */
  free() {
    this.#freed = true;
    this.#held = NO_BYTES;
  }

  #read(chunk, last) {
    if (this.#freed) {
      throw new Error('icp-number: this scanner was freed');
    }
    this.#fed += chunk.length;
    const held = this.#held;
    const len = held.length + chunk.length;
    const mem = room(roomFor(len, 1));
    mem.set(held, inputAt);
    mem.set(chunk, inputAt + held.length);
    // Decide what starts before `to`: `reach` bytes before the end, moved past the rest of a
    // character (no number starts inside one).
    let to = len;
    if (!last) {
      to = Math.max(0, len - reach);
      for (let n = 0; n < 3 && to < len && (mem[inputAt + to] & 0xc0) === 0x80; n++) {
        to++;
      }
    }
    let from = this.#skip;
    const found = [];
    if (to > from) {
      for (const m of scanned(len, [len, from, to], this.#maxYear, this.#zh)) {
        to = Math.max(to, m.end);
        m.start += this.#base;
        m.end += this.#base;
        found.push(m);
      }
      from = to;
    }
    if (!last) {
      // A copy: the scan may have grown the memory, and the next input overwrites the buffer.
      const keep = Math.max(0, from - behind);
      this.#held = view().slice(inputAt + keep, inputAt + len);
      this.#skip = from - keep;
      this.#base += keep;
    }
    return found;
  }
}

/**
 * A TransformStream that passes every chunk through unchanged (the same objects, at once) and
 * finds the numbers in them: `response.body.pipeThrough(new ScanStream({ onMatch }))`. Each
 * number goes to `onMatch` as soon as it is decided; `matches` resolves to all of them when the
 * input ends, and rejects if the stream errors, is aborted or cancelled. `start`/`end` are byte
 * offsets into the body. `encoding` (a TextDecoder label, UTF-8 by default) reads a body in
 * another charset; the offsets then count the UTF-8 bytes of the decoded text.
 */
export class ScanStream extends TransformStream {
  constructor(options) {
    need();
    const { onMatch, encoding } = options ?? {};
    if (onMatch !== undefined && typeof onMatch !== 'function') {
      throw new TypeError('icp-number: options.onMatch must be a function');
    }
    let decoder = encoding === undefined ? undefined : new TextDecoder(string(encoding, 'options.encoding'));
    if (decoder?.encoding === 'utf-8') {
      decoder = undefined;
    }
    const scanner = new ChunkScanner(options);
    const found = [];
    let settle;
    const matches = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    // Awaiting `matches` is optional: an unawaited rejection is not reported as unhandled.
    matches.catch(() => {});
    const report = (list) => {
      for (const m of list) {
        found.push(m);
        onMatch?.(m);
      }
    };
    const fail = (reason) => {
      scanner.free();
      settle.reject(reason);
    };
    const guarded = (step) => (...args) => {
      try {
        step(...args);
      } catch (err) {
        fail(err);
        throw err;
      }
    };
    super({
      transform: guarded((chunk, controller) => {
        const text = decoder && typeof chunk !== 'string' ? decoder.decode(bytesOf(chunk), { stream: true }) : chunk;
        report(scanner.push(text));
        controller.enqueue(chunk);
      }),
      flush: guarded(() => {
        if (decoder) {
          report(scanner.push(decoder.decode()));
        }
        report(scanner.end());
        scanner.free();
        settle.resolve(found);
      }),
      cancel: fail,
    });
    /** Every number found, in order, once the input has ended. */
    this.matches = matches;
  }
}
