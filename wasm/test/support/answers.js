// The npm package's answers for the cross-binding test (`cargo xtask test`,
// crates/xtask/src/answers.rs). It lives in the package (so that `icp-number` resolves to the built
// package by self-reference): node wasm/test/support/answers.js INPUTS.hex
//
// Reads one input per line, each the hex of its UTF-8 bytes, and prints one answer line per input
// with default options: valid<TAB>parse<TAB>prefix<TAB>scan, written as the C runner
// (tests/answers/answers.c) writes them, with every position in characters (code points).

import { readFileSync } from 'node:fs';
import { checkPrefix, isValid, parse, scan } from 'icp-number';

/** The number of code points in the first `units` UTF-16 code units of `text`. */
const chars = (text, units) => [...text.slice(0, units)].length;

const error = (text, e) => `${e.name}@${chars(text, e.index)}`;

function prefix(text) {
  const r = checkPrefix(text);
  if (r.status === 'complete') return `complete:${r.number.canonical}`;
  if (r.status === 'incomplete') return `incomplete:${r.expected}`;
  return error(text, r.error);
}

function found(text) {
  const spans = scan(text).map((m) => `${m.canonical}@${chars(text, m.start)}..${chars(text, m.end)}`);
  return spans.length ? spans.join(';') : '-';
}

// One line per input; an empty line is the empty input. Only the newline after the last goes.
const lines = readFileSync(process.argv[2], 'utf8').replace(/\n$/, '').split('\n');
const out = lines.map((hex) => {
  const text = Buffer.from(hex, 'hex').toString('utf8');
  const p = parse(text);
  return [isValid(text) ? 1 : 0, p.ok ? p.canonical : error(text, p.error), prefix(text), found(text)].join('\t');
});
process.stdout.write(out.map((l) => `${l}\n`).join(''));
