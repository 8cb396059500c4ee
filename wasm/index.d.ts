// Types of the npm package `icp-number` (hand-written; the name and code unions are checked
// against the WebAssembly core by test/api.test.js, and this file by `tsc` in test/types/).
// They need no "dom" library: what they name from the platform (Response, URL, ReadableStream,
// TransformStream) is declared by TypeScript's "dom" and "webworker" libraries and by @types/node
// alike, and `tsc` checks them under "dom" and under a Node-only setup (test/types/).

/** Message and label language. */
export type Lang = 'en' | 'zh';

/** The four kinds of registration number. */
export type Kind = 'filing' | 'licence' | 'telecom' | 'psb';

/** What a site number registers: no letter, `A`, `X` or `K`. */
export type Service = 'website' | 'app' | 'mini_program' | 'quick_app';

/** What comes next in a valid start of a number (`checkPrefix`), in the core's order
 * (`expectedKinds()`); `entity`: the rest of an HTML entity such as `&nbsp;` (lenient mode). */
export type Expected =
  | 'province'
  | 'marker'
  | 'digits'
  | 'hao'
  | 'site_number'
  | 'telecom_class'
  | 'entity';

/** The corrections lenient mode names, in bit order. */
export type FixName =
  | 'space'
  | 'separator'
  | 'full_width'
  | 'lowercase'
  | 'traditional'
  | 'province_alias'
  | 'beian_marker'
  | 'missing_hao'
  | 'site_before_hao'
  | 'telecom_hao'
  | 'trailing_punctuation';

/** Every error name and its stable numeric code (shared with the Rust, C and CLI interfaces).
 * The core keeps codes 0–99 and 900–999 for bindings' own statuses; this package has none (a
 * bad argument throws TypeError or RangeError), so every code it reports is the core's. */
export interface ErrorCodes {
  EMPTY: 100;
  INCOMPLETE: 101;
  TRAILING_INPUT: 102;
  UNEXPECTED_CHARACTER: 103;
  WHITESPACE: 104;
  SEPARATOR: 105;
  FULL_WIDTH: 106;
  TRADITIONAL: 107;
  LOWERCASE: 108;
  /** Not a registration number at all: it starts with neither a province abbreviation nor a
   * telecom class (such as `hello`). */
  NOT_A_NUMBER: 109;
  MISSING_PROVINCE: 200;
  UNKNOWN_PROVINCE: 201;
  WRONG_ABBREVIATION: 202;
  NOT_MAINLAND: 203;
  BAD_LENGTH: 300;
  IMPOSSIBLE_YEAR: 301;
  ZERO_SEQUENCE: 302;
  BAD_SITE_NUMBER: 303;
  BAD_SERVICE_LETTER: 304;
  MISSING_MARKER: 400;
  UNKNOWN_MARKER: 401;
  BEIAN_MARKER: 402;
  MISSING_HAO: 403;
  SITE_BEFORE_HAO: 404;
  TELECOM_HAO: 405;
  UNKNOWN_TELECOM_CLASS: 406;
  TELECOM_CLASS_ORDER: 407;
  PSB_PROVINCE_MISMATCH: 500;
  LEGACY_PSB_OUTSIDE_BEIJING: 501;
}

export type ErrorName = keyof ErrorCodes;
export type ErrorCode = ErrorCodes[ErrorName];

/** Why an input is not a valid number; `code` and `name` go together. */
export type IcpError = {
  [N in ErrorName]: {
    code: ErrorCodes[N];
    name: N;
    /** In the language asked for, rendered by the core. */
    message: string;
    /** Where the input goes wrong: a JavaScript string index (UTF-16 code units). */
    index: number;
  };
}[ErrorName];

/** A province (frozen, shared by every result). */
export interface Province {
  /** ISO 3166-2 code, such as `CN-BJ`. */
  readonly iso: string;
  /** GB/T 2260 code, such as 11 (the first two digits of its public-security numbers). */
  readonly gb: number;
  /** Chinese name, such as 北京. */
  readonly name: string;
  /** English name, such as Beijing. */
  readonly nameEn: string;
  /** The abbreviation of its ICP filings, licences and telecom licences (四川: 蜀). */
  readonly icp: string;
  /** The abbreviation of its public-security filings (四川: 川). */
  readonly psb: string;
}

/** A correction lenient mode applied. */
export interface Fix {
  name: FixName;
  /** A short description in the language asked for. */
  label: string;
}

/** A valid number. */
export interface IcpNumber {
  kind: Kind;
  /** What the kind is called, in the language asked for (the core's label): 'ICP filing',
   * 'ICP备案号', 'telecom licence', '公安备案号'… */
  kindLabel: string;
  /** The canonical form, such as 京ICP备12345678号-1. */
  canonical: string;
  /** The canonical form without the site suffix, such as 京ICP备12345678号. */
  main: string;
  /** The number's digits as written, without marker or suffix: the body of a filing, a licence
   * or a telecom licence (12345678), the 14 (or 12) digits of a public-security number. */
  digits: string;
  /** The year the number was issued (first approval for a filing); `null` for a
   * public-security number, whose digits carry no year. */
  year: number | null;
  /** The sequence number: the digits after the year (after the division code for a
   * public-security number), as a number. */
  sequence: number;
  /** `null` for a cross-regional telecom licence (issued by MIIT itself). */
  province: Province | null;
  /** The site number (1 to 9999), if the number has one. */
  site: number | null;
  /** The service type, if the number has a site number. */
  service: Service | null;
  /** What the service is called, in the language asked for (the core's label): 'website',
   * '网站', 'mini program', '小程序'…; `null` without a site number. */
  serviceLabel: string | null;
  /** The official page where the number can be looked up. */
  queryUrl: string;
  /** What lenient mode corrected, in bit order; empty when the input was canonical. */
  fixes: Fix[];
}

/** Options of `parse`, `isValid` and `checkPrefix`. */
export interface Options {
  /** Read every variant real footers show (spaces, full-width and traditional characters, a
   * missing 号…), each reported as a fix. Default false: strict, the canonical form only. */
  lenient?: boolean;
  /** Language of messages and labels (default 'en'). */
  lang?: Lang;
  /** The latest year a number may carry (default: the core's, 2027). */
  maxYear?: number;
  /** Removed: validators are strict by default; pass `lenient: true` for the other mode.
   * Passing `strict` throws a TypeError that says so. */
  strict?: never;
}

/** Options of the scanners, which always read leniently. */
export interface ScanOptions {
  /** Language of the labels (default 'en'). */
  lang?: Lang;
  /** The latest year a number may carry (default: the core's, 2027). */
  maxYear?: number;
  /** Removed (scanners always read leniently); passing it throws a TypeError. */
  strict?: never;
}

export type ParseResult = ({ ok: true } & IcpNumber) | { ok: false; error: IcpError };

export type PrefixResult =
  /** A valid number; it may still go on (京ICP备12345678号 may take -1). */
  | { status: 'complete'; number: IcpNumber }
  /** A valid start of a number: stay quiet, this is what comes next (`expectedLabel`: for
   * people, in the language asked for, such as 'digits' or '“号”'). */
  | { status: 'incomplete'; expected: Expected; expectedLabel: string }
  /** No continuation can make it valid. */
  | { status: 'invalid'; error: IcpError };

/** A number found in a text; `text.slice(start, end)` is the number as written. */
export interface ScanMatch extends IcpNumber {
  /** JavaScript string index (UTF-16 code units) where the number starts. */
  start: number;
  /** JavaScript string index just past the number. */
  end: number;
}

/** A compiled `WebAssembly.Module`. TypeScript declares that type only in its "dom" and
 * "webworker" libraries, and as an empty interface (any object): this is the same type without
 * them. */
export type WasmModule = object;

/** The bytes of the `.wasm` (a `BufferSource`). */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/**
 * Loads the WebAssembly module; call once before anything else (not needed in Node). With no
 * argument it fetches the .wasm next to the package's JavaScript; in an edge worker, pass the
 * module your platform gives for `icp-number/icp_number.wasm`, or its bytes.
 */
export function init(
  moduleOrBytes?: WasmModule | WasmBytes | Response | PromiseLike<Response> | URL | string,
): Promise<void>;

/** Loads the WebAssembly module synchronously from a compiled module or its bytes. */
export function initSync(moduleOrBytes: WasmModule | WasmBytes): void;

/** Parses one whole number: strict (the canonical form only) unless `lenient: true`. */
export function parse(input: string, options?: Options): ParseResult;

/** Whether `input` is one whole number: strict unless `lenient: true`. */
export function isValid(input: string, options?: Options): boolean;

/** The as-you-type check: strict unless `lenient: true`. */
export function checkPrefix(input: string, options?: Options): PrefixResult;

/** Every number in a text or HTML page, in order (always lenient: every variant real footers
 * show, each reported as a fix). */
export function scan(text: string, options?: ScanOptions): ScanMatch[];

/** The 31 provinces, in GB/T 2260 order. */
export function provinces(): readonly Province[];

/** Every error kind, in code order. */
export function errorKinds(): readonly { readonly code: ErrorCode; readonly name: ErrorName }[];

/** Every fix lenient mode may apply, in bit order, labelled in `lang` (default 'en'). */
export function fixKinds(lang?: Lang): Fix[];

/** Everything `checkPrefix` may say comes next, labelled in `lang` (default 'en'). */
export function expectedKinds(lang?: Lang): { name: Expected; label: string }[];

/** A number found by the streaming scanners. Unlike `scan`'s indices, **`start` and `end` are
 * byte offsets** from the start of the input (`body.subarray(start, end)` holds the number as
 * written, in UTF-8); a string chunk counts as its UTF-8 bytes. */
export interface StreamMatch extends IcpNumber {
  /** Byte offset from the start of the input where the number starts. */
  start: number;
  /** Byte offset just past the number. */
  end: number;
}

/** What the streaming scanners read: bytes (UTF-8), or text, which counts as its UTF-8 bytes. */
export type Chunk = Uint8Array | ArrayBuffer | ArrayBufferView | string;

/**
 * Scans input that arrives in chunks, split anywhere (inside a character, an `&nbsp;` or a
 * number): `push` each chunk, then `end()`. Together they report exactly what `scan` finds in the
 * whole input, each number once, as it is decided. It keeps at most 256 bytes between chunks.
 *
 * ```js
 * const scanner = new ChunkScanner();
 * for await (const chunk of stream) for (const m of scanner.push(chunk)) console.log(m.canonical, m.start);
 * for (const m of scanner.end()) console.log(m.canonical, m.start);
 * scanner.free();
 * ```
 */
export class ChunkScanner {
  constructor(options?: ScanOptions);
  /** The numbers the next chunk decides; one that may go on into the next chunk comes later. */
  push(chunk: Chunk): StreamMatch[];
  /** Ends the input: the numbers still undecided. The scanner then starts a new input
   * (offsets count from 0 again). */
  end(): StreamMatch[];
  /** The bytes of the current input pushed so far. */
  readonly bytes: number;
  /** Ends the scanner: it cannot be used after that. (It holds no WebAssembly memory of its
   * own; the bytes it keeps between chunks are a JavaScript array the garbage collector frees.) */
  free(): void;
}

export interface ScanStreamOptions extends ScanOptions {
  /** Called with each number as soon as the chunks read decide it, in order. If it throws, the
   * stream errors with that error. */
  onMatch?: (match: StreamMatch) => void;
  /** The body's charset, as a TextDecoder label (such as the Content-Type's `charset`): default
   * UTF-8, whose bytes are scanned as they are. Bytes in another encoding are decoded; the
   * offsets then count the UTF-8 bytes of the decoded text, not the body's bytes. An unknown
   * label throws RangeError. */
  encoding?: string;
}

/**
 * A TransformStream that passes the body through unchanged (the same chunks, at once, nothing
 * buffered) and finds the numbers in it:
 *
 * ```js
 * const scanner = new ScanStream({ onMatch: (m) => console.log(m.canonical) });
 * const response = new Response(origin.body.pipeThrough(scanner), origin);
 * ctx.waitUntil(scanner.matches.then(report)); // all of them, once the body has ended
 * ```
 */
export class ScanStream<T extends Chunk = Uint8Array> extends TransformStream<T, T> {
  constructor(options?: ScanStreamOptions);
  /** Every number found, in order, once the input has ended; rejects with the reason if the
   * stream errors, is aborted or is cancelled (not awaiting it is fine: that rejection is never
   * reported as unhandled). */
  readonly matches: Promise<StreamMatch[]>;
}
