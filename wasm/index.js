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
    inputAt = buffer.reserve(inputRoom);
  }
  return view();
}

/** The bytes of WebAssembly memory. (Growing the memory detaches the view: it has no bytes then.) */
function view() {
  if (bytes === undefined || bytes.byteLength === 0) {
    bytes = new Uint8Array(memory.buffer);
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
let tableBlocks;
let provinceTable;
let provinceByCode;
let fixTable;
let expectedTable;

/** A block of the core's tables, its records split into fields. */
function table(block) {
  tableBlocks ??= core.tables().split('\n\n').map(records);
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

/** A number from its fields, from `at` on: kind, canonical, main, query link, province code,
 * site, service, fix bits, digits, year, sequence, kind label, service label (wasm/src/lib.rs).
 * The fix labels in `zh` or English, as the core's labels. */
function number(f, at, zh) {
  const [kind, canonical, main, queryUrl, gb, site, service, bits, digits, year, sequence, kindLabel, serviceLabel] =
    f.slice(at, at + 13);
  if (gb !== '') {
    provinces();
  }
  return {
    kind,
    kindLabel,
    canonical,
    main,
    digits,
    year: year === '' ? null : Number(year),
    sequence: Number(sequence),
    province: gb === '' ? null : provinceByCode.get(Number(gb)),
    site: site === '' ? null : Number(site),
    service: service === '' ? null : service,
    serviceLabel: service === '' ? null : serviceLabel,
    queryUrl,
    fixes: fixes(Number(bits), zh),
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
  const f = answer(buffer.parse(put(string(input, 'input')), lenient, zh, maxYear));
  return f[0] === 'N' ? { ok: true, ...number(f, 1, zh) } : { ok: false, error: error(f, input) };
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
  const f = answer(buffer.checkPrefix(put(string(input, 'input')), lenient, zh, maxYear));
  if (f[0] === 'N') {
    return { status: 'complete', number: number(f, 1, zh) };
  }
  if (f[0] === 'I') {
    const next = expectedRows().get(f[1]);
    return { status: 'incomplete', expected: next.name, expectedLabel: zh ? next.zh : next.en };
  }
  return { status: 'invalid', error: error(f, input) };
}

// Scanning: a RegExp built from the core's prefilter constants (the last block of its tables)
// finds where numbers can be: every number holds `run` ASCII digits in a row or a full-width
// digit, at most `reach` bytes of UTF-8 from its start. Only the pieces of the text around them
// are written into WebAssembly memory, and the core's `scan_part` reads each: the same numbers as
// a scan of the whole text, without copying or reading the rest.
const PREFILTER = 4;
let digits;
let reach;
let behind;

function prefilter() {
  if (digits === undefined) {
    const [[run, far, whole, first, last]] = table(PREFILTER);
    reach = Number(far);
    behind = Number(whole) - reach;
    // `[0-9]` written out `run` times, not with a count: V8 searches the written-out form faster.
    // A run of digits is one hit, a run of full-width digits too.
    digits = new RegExp(`${'[0-9]'.repeat(Number(run))}[0-9]*|[${first}-${last}]+`, 'gu');
  }
}

const isHigh = (c) => (c & 0xfc00) === 0xd800;
const isLow = (c) => (c & 0xfc00) === 0xdc00;

/** Whether string index `at` falls between the two halves of a surrogate pair. */
function splits(text, at) {
  return at > 0 && at < text.length && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1));
}

/** The string index from which the text up to `at` is at most `far` bytes of UTF-8, or less
 * far back: a surrogate counts 2 bytes (a pair is 4; a lone one, 3 bytes as U+FFFD, counts
 * less, so the walk goes further back, never short). */
function back(text, at, far) {
  let i = at;
  let n = far;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    n -= c < 0x80 ? 1 : c < 0x800 || (c & 0xf800) === 0xd800 ? 2 : 3;
    if (n < 0) {
      break;
    }
    i--;
  }
  return i - (splits(text, i) ? 1 : 0);
}

/** The string index up to which the text from `at` holds at least `far` bytes of UTF-8 (or
 * the end of the text), not inside a surrogate pair: a surrogate counts 1 byte (a pair is 4, a
 * lone one 3 as U+FFFD), so the walk goes further, never short. */
function ahead(text, at, far) {
  let i = at;
  for (let n = far; n > 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    n -= c < 0x80 || (c & 0xf800) === 0xd800 ? 1 : c < 0x800 ? 2 : 3;
  }
  return i + (splits(text, i) ? 1 : 0);
}

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
  const found = [];
  // Every number that starts before `done` is found; the next piece starts there at the earliest.
  let done = 0;
  // The stretch where numbers can start, [from, to), growing while its pieces would overlap.
  let from = -1;
  let to = 0;
  digits.lastIndex = 0;
  for (let hit = digits.exec(text); hit !== null; hit = digits.exec(text)) {
    // Numbers can start from `reach` bytes before the hit (at most `reach` units), to its end.
    if (from < 0 || hit.index > to + 2 * reach) {
      const start = back(text, hit.index, reach);
      if (from >= 0) {
        done = piece(text, Math.max(from, done), to, zh, maxYear, found);
      }
      from = start;
    }
    to = hit.index + hit[0].length;
  }
  if (from >= 0) {
    piece(text, Math.max(from, done), to, zh, maxYear, found);
  }
  return found;
}

/** The numbers that start in `text` from `from` to before `to`, into `found`: the core reads the
 * piece from the character before `from` to `reach` bytes after `to`.
 * Where the scan of the whole text has got to after it. */
function piece(text, from, to, zh, maxYear, found) {
  if (splits(text, to)) {
    to++;
  }
  if (from >= to) {
    return from;
  }
  let first = from > 0 ? from - 1 : 0;
  if (splits(text, first)) {
    first--;
  }
  const last = ahead(text, to, reach);
  room((last - first) * 3);
  const a = write(text.slice(first, from), 0);
  const b = a + write(text.slice(from, to), a);
  const len = b + write(text.slice(to, last), b);
  const answer = buffer.scan(len, a, b, maxYear, zh);
  if (answer === '') {
    return to;
  }
  // Byte offsets in the piece to string indices, counting on from the previous match.
  let unit = first;
  let byte = 0;
  const at = (offset) => {
    while (byte < offset) {
      const c = text.charCodeAt(unit);
      if (isHigh(c) && isLow(text.charCodeAt(unit + 1))) {
        byte += 4;
        unit += 2;
      } else {
        byte += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        unit++;
      }
    }
    return unit;
  };
  for (const f of records(answer)) {
    const m = number(f, 2, zh);
    m.start = at(Number(f[0]));
    m.end = at(Number(f[1]));
    found.push(m);
  }
  return Math.max(to, unit);
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
    const mem = room(len);
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
      const zh = this.#zh;
      for (const f of records(buffer.scan(len, from, to, this.#maxYear, zh))) {
        const m = number(f, 2, zh);
        m.start = this.#base + Number(f[0]);
        m.end = this.#base + Number(f[1]);
        found.push(m);
        to = Math.max(to, Number(f[1]));
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
