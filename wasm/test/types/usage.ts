// Type test: how the package is meant to be used type-checks, and each misuse marked with an
// expected-error directive is rejected (tsc fails if one of them is not an error). Checked twice:
// with the "dom" library (tsconfig.json, as in a browser project) and with Node's types and no
// DOM (tsconfig.node.json: lib es2022, types node, as in a Node project).

import {
  ChunkScanner,
  ScanStream,
  checkPrefix,
  errorKinds,
  expectedKinds,
  fixKinds,
  init,
  initSync,
  isValid,
  parse,
  provinces,
  scan,
  type ErrorCode,
  type ErrorName,
  type Expected,
  type IcpNumber,
  type Province,
  type ScanMatch,
  type StreamMatch,
} from 'icp-number';
import wasm from 'icp-number/icp_number.wasm';
import * as fast from 'icp-number/fast';
import fastWasm from 'icp-number/icp_number_fast.wasm';

// The fast entry: the same API, and its own .wasm for init.
await fast.init(fastWasm);
const quick: boolean = fast.isValid('京ICP备12345678号-1', { lenient: true });
const quickFound: ScanMatch[] = fast.scan('京ICP备12345678号-1');
void quick;
void quickFound;
// @ts-expect-error: the old `strict` option is gone in the fast entry too
fast.isValid('京ICP备12345678号-1', { strict: true });

await init();
await init(new URL('https://example.com/icp_number.wasm'));
// The subpath: what a platform or bundler gives for the .wasm, passed to init.
await init(wasm);
initSync(new Uint8Array(8));
initSync(new ArrayBuffer(8));
// @ts-expect-error: the .wasm is not a number
const notANumber: number = wasm;
void notANumber;

const r = parse('京ICP备12345678号-1', { lenient: true, lang: 'zh', maxYear: 2027 });
if (r.ok) {
  const canonical: string = r.canonical;
  const province: Province | null = r.province;
  const site: number | null = r.site;
  const kind: 'filing' | 'licence' | 'telecom' | 'psb' = r.kind;
  const kindLabel: string = r.kindLabel;
  const serviceLabel: string | null = r.serviceLabel;
  const digits: string = r.digits;
  const year: number | null = r.year;
  const sequence: number = r.sequence;
  const fixNames: string[] = r.fixes.map((f) => f.name);
  void [canonical, province, site, kind, kindLabel, serviceLabel, digits, year, sequence, fixNames, r.queryUrl, r.main];
  // @ts-expect-error: a success has no error
  void r.error;
} else {
  const code: ErrorCode = r.error.code;
  const index: number = r.error.index;
  void [code, index, r.error.message];
  // The code follows from the name.
  if (r.error.name === 'PSB_PROVINCE_MISMATCH') {
    const mismatch: 500 = r.error.code;
    void mismatch;
  }
  // @ts-expect-error: a failure has no canonical form
  void r.canonical;
}

// @ts-expect-error: not an error name
const wrongName: ErrorName = 'NO_SUCH_ERROR';
// @ts-expect-error: not an error code
const wrongCode: ErrorCode = 999;
void [wrongName, wrongCode];

const valid: boolean = isValid('粤B2-20090059');
void valid;
// @ts-expect-error: input must be a string
isValid(12345678);
// @ts-expect-error: only 'en' and 'zh'
parse('京ICP备12345678号', { lang: 'fr' });
// @ts-expect-error: lenient is a boolean
parse('京ICP备12345678号', { lenient: 'yes' });
// @ts-expect-error: the `strict` option is gone (strict is the default; `lenient: true` is the other mode)
parse('京ICP备12345678号', { strict: true });
// @ts-expect-error: the `strict` option is gone
isValid('京ICP备12345678号', { strict: false });
const strictByDefault: boolean = isValid('京ICP备12345678号') && isValid('京 ICP备12345678号', { lenient: true });
void strictByDefault;

const p = checkPrefix('京ICP备1234', { lenient: false });
switch (p.status) {
  case 'complete': {
    const n: IcpNumber = p.number;
    void n;
    break;
  }
  case 'incomplete': {
    const next: 'province' | 'marker' | 'digits' | 'hao' | 'site_number' | 'telecom_class' | 'entity' =
      p.expected;
    const label: string = p.expectedLabel;
    void [next, label];
    // @ts-expect-error: not something that comes next
    const unknown: Expected = 'year';
    void unknown;
    break;
  }
  case 'invalid': {
    const at: number = p.error.index;
    void at;
    break;
  }
  default: {
    const never: never = p;
    void never;
  }
}

const found: ScanMatch[] = scan('<footer>京ICP备12345678号</footer>', { lang: 'en' });
for (const m of found) {
  const span: [number, number] = [m.start, m.end];
  void span;
}
// @ts-expect-error: scanning is always lenient
scan('text', { strict: true });

const all: readonly Province[] = provinces();
// @ts-expect-error: the table is read-only
all[0].gb = 12;
const kinds: readonly { readonly code: ErrorCode; readonly name: ErrorName }[] = errorKinds();
void kinds;
const labels: string[] = fixKinds('zh').map((f) => f.label);
void labels;
const nextNames: Expected[] = expectedKinds('zh').map((e) => e.name);
void nextNames;
// @ts-expect-error: only 'en' and 'zh'
expectedKinds('de');

// Streaming: a TransformStream that passes the body through, with byte offsets.
declare const origin: Response;
declare const ctx: { waitUntil(promise: Promise<unknown>): void };
const scanner = new ScanStream({ lang: 'zh', maxYear: 2027, encoding: 'gbk', onMatch: (m) => void m.canonical });
const passed: ReadableStream<Uint8Array> = origin.body!.pipeThrough(scanner);
const proxied = new Response(passed, origin);
void proxied;
ctx.waitUntil(
  scanner.matches.then((matches: StreamMatch[]) => {
    for (const m of matches) {
      const bytes: [number, number] = [m.start, m.end];
      const kind: 'filing' | 'licence' | 'telecom' | 'psb' = m.kind;
      void [bytes, kind, m.province?.iso, m.fixes];
    }
  }),
);
const asTransform: TransformStream<Uint8Array, Uint8Array> = new ScanStream();
void asTransform;
// Text chunks too (they count as their UTF-8 bytes).
const text: TransformStream<string, string> = new ScanStream<string>();
void text;
// @ts-expect-error: onMatch is a function
new ScanStream({ onMatch: 'log' });
// @ts-expect-error: scanning is always lenient
new ScanStream({ strict: true });
// @ts-expect-error: chunks are bytes or text
new ScanStream<number>();

const chunked = new ChunkScanner({ maxYear: 2027 });
const some: StreamMatch[] = chunked.push(new Uint8Array(8));
const more: StreamMatch[] = chunked.push('京ICP备12345678号');
const rest: StreamMatch[] = chunked.end();
const fed: number = chunked.bytes;
void [some, more, rest, fed];
chunked.free();
// @ts-expect-error: not a chunk
chunked.push(42);
// @ts-expect-error: read-only
chunked.bytes = 0;
