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
    () => {
      ready = true;
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
    core.initSync({ module: moduleOrBytes });
    ready = true;
  }
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
  const f = answer(core.parse(string(input, 'input'), lenient, zh, maxYear));
  return f[0] === 'N' ? { ok: true, ...number(f, 1, zh) } : { ok: false, error: error(f, input) };
}

/** Whether `input` is one whole number (strict unless `{ lenient: true }`, as `parse`). */
export function isValid(input, options) {
  need();
  const { lenient, maxYear } = settings(options);
  return core.isValid(string(input, 'input'), lenient, maxYear);
}

/**
 * The as-you-type check (strict unless `{ lenient: true }`): `complete` (a number, which may
 * still go on), `incomplete` (a valid start of a number, with what comes next: its name and a
 * label in `lang`) or `invalid` (no continuation can make it valid).
 */
export function checkPrefix(input, options) {
  need();
  const { lenient, zh, maxYear } = settings(options);
  const f = answer(core.checkPrefix(string(input, 'input'), lenient, zh, maxYear));
  if (f[0] === 'N') {
    return { status: 'complete', number: number(f, 1, zh) };
  }
  if (f[0] === 'I') {
    const next = expectedRows().get(f[1]);
    return { status: 'incomplete', expected: next.name, expectedLabel: zh ? next.zh : next.en };
  }
  return { status: 'invalid', error: error(f, input) };
}

/** The UTF-16 code units of the UTF-8 `bytes` from `from` to `to`: one for each byte that starts
 * a character, two for a four-byte character. */
function units(bytes, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    n += ((b & 0xc0) !== 0x80) + (b >= 0xf0);
  }
  return n;
}

/**
 * Every number in a text or HTML page, in order, with `start`/`end` as JavaScript string
 * indices (`text.slice(m.start, m.end)` is the number as written). Scanning always reads
 * leniently; `lang` chooses the labels.
 */
export function scan(input, options) {
  need();
  const { zh, maxYear } = settings(options);
  encoder ??= new TextEncoder();
  // The core's streaming scanner, given the whole text as one last chunk: the .wasm holds one
  // scanner. A lone surrogate becomes U+FFFD, one unit either way.
  const bytes = encoder.encode(string(input, 'text'));
  const stream = new core.Stream(maxYear, zh);
  let found;
  try {
    found = records(stream.push(bytes, true));
  } finally {
    stream.free();
  }
  // Byte offsets to string indices, counting on from the previous match.
  let byte = 0;
  let unit = 0;
  return found.map((f) => {
    const [start, end] = [Number(f[0]), Number(f[1])];
    unit += units(bytes, byte, start);
    const at = unit;
    unit += units(bytes, start, end);
    byte = end;
    return { ...number(f, 2, zh), start: at, end: unit };
  });
}

// Streaming: the core's `Stream` (wasm/src/lib.rs), fed one chunk per call. It reports byte
// offsets from the start of the input, in 32 bits (a `usize` of wasm32); `fed`, the bytes fed so
// far, restores the bits above: a match ends at most `fed` bytes in, and starts less than 4 GiB
// before that.

const WRAP = 2 ** 32;
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

/** An absolute offset from its low 32 bits, given the bytes fed so far. */
function offset(low, fed) {
  return fed - ((fed % WRAP) - low + WRAP) % WRAP;
}

/**
 * Scans input that arrives in chunks, split anywhere (inside a character, an `&nbsp;` or a
 * number): `push` each chunk, then `end()`. Together they report what `scan` reports on the
 * whole input, each number once, with `start`/`end` as byte offsets from the start of the input
 * (UTF-8 bytes). It holds at most 256 bytes between chunks. After `end()` it scans a new input;
 * `free()` releases its WebAssembly memory at once (else the garbage collector does).
 */
export class ChunkScanner {
  #stream;
  #zh;
  #fed = 0;

  constructor(options) {
    need();
    const { zh, maxYear } = settings(options);
    this.#zh = zh;
    this.#stream = new core.Stream(maxYear, zh);
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
    return found;
  }

  /** Releases the WebAssembly memory now; the scanner cannot be used after it. */
  free() {
    this.#stream?.free();
    this.#stream = undefined;
  }

  #read(bytes, last) {
    if (this.#stream === undefined) {
      throw new Error('icp-number: this scanner was freed');
    }
    const fed = (this.#fed += bytes.length);
    return records(this.#stream.push(bytes, last)).map((f) => ({
      ...number(f, 2, this.#zh),
      start: offset(Number(f[0]), fed),
      end: offset(Number(f[1]), fed),
    }));
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
