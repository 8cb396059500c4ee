// Reads the shared test vectors (tests/vectors/*.txt and tests/vectors/scan/*.txt at the
// repository root), mirroring the Rust reader in crates/icp-number/tests/common/mod.rs: the same
// escapes, fields and checks, and a malformed line is an error naming its file and line.

import { readdirSync, readFileSync } from 'node:fs';

export const VECTORS = new URL('../../../tests/vectors/', import.meta.url);
export const SCAN_VECTORS = new URL('scan/', VECTORS);

/** Decodes the escapes of an input field: \t, \n, \\ and \u{XXXX}. */
export function unescape(field) {
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = field[++i];
    if (next === 't') out += '\t';
    else if (next === 'n') out += '\n';
    else if (next === '\\') out += '\\';
    else if (next === 'u') {
      if (field[++i] !== '{') throw new Error('`\\u` must be followed by `{`');
      const close = field.indexOf('}', i);
      if (close < 0) throw new Error('`\\u{` without a closing `}`');
      const hex = field.slice(i + 1, close);
      const cp = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new Error(`bad escape \`\\u{${hex}}\``);
      }
      out += String.fromCodePoint(cp);
      i = close;
    } else if (next === undefined) throw new Error('a lone `\\` at the end of the input');
    else throw new Error(`unknown escape \`\\${next}\``);
  }
  return out;
}

/** The `.txt` files of a directory, sorted. */
function files(dir) {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  if (names.length === 0) throw new Error(`no *.txt vector files in ${dir}`);
  return names;
}

/** Every case line of a file as [lineNumber, text]; problems with the file itself go to `problems`. */
function lines(url, file, problems) {
  const text = readFileSync(url, 'utf8');
  if (text.startsWith('\ufeff')) problems.push(`${file}:1: starts with a byte-order mark`);
  const out = [];
  // Split on LF only: a CR left at a line's end is reported, not silently dropped.
  text.split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    if (line.includes('\r')) {
      problems.push(`${file}:${i + 1}: malformed line: a carriage return (the files use LF line ends)`);
      return;
    }
    out.push([i + 1, line]);
  });
  return out;
}

/** `prefix` is the strict `checkPrefix`, `prefix-lenient` the lenient one (the one mode rule:
 * every call is strict unless it is asked for lenient). */
const MODES = new Set(['strict', 'lenient', 'prefix', 'prefix-lenient']);

/**
 * Parses one line of tests/vectors/*.txt. `names` holds the sets of valid names
 * (errors, expected, fixes in bit order) read from the package.
 */
export function parseLine(line, names) {
  const fields = line.split('\t');
  if (fields.length < 3 || fields.length > 4) {
    throw new Error(`expected 3 or 4 TAB-separated fields, found ${fields.length}`);
  }
  const input = unescape(fields[0]);
  const mode = fields[1];
  const [call, year] = mode.split(':', 2);
  let maxYear;
  if (mode.includes(':')) {
    if (!/^[0-9]{4}$/.test(year) || mode.split(':').length !== 2) throw new Error(`bad max_year in mode \`${mode}\``);
    maxYear = Number(year);
  }
  if (!MODES.has(call)) throw new Error(`unknown mode \`${mode}\``);
  const lenient = call === 'lenient' || call === 'prefix-lenient';
  const prefix = call === 'prefix' || call === 'prefix-lenient';
  const expected = fields[2];
  const fixes = fields[3];
  let outcome;
  if (expected.startsWith('incomplete:')) {
    const next = expected.slice('incomplete:'.length);
    if (!prefix) throw new Error(`\`${expected}\` in a mode that is not a prefix mode`);
    if (!names.expected.has(next)) throw new Error(`unknown Expected name \`${next}\``);
    outcome = { incomplete: next };
  } else if (expected.includes('@')) {
    const at = expected.indexOf('@');
    const name = expected.slice(0, at);
    const index = expected.slice(at + 1);
    if (!names.errors.has(name)) throw new Error(`unknown ErrorKind name \`${name}\``);
    if (!/^[0-9]+$/.test(index)) throw new Error(`bad position in \`${expected}\``);
    outcome = { error: name, at: Number(index) };
  } else {
    if (expected === '' || expected.trim() !== expected) throw new Error('empty or padded expected field');
    outcome = { canonical: expected };
  }
  if (outcome.canonical !== undefined && lenient) {
    if (fixes === undefined) throw new Error('a success in a lenient mode needs a fixes field (`-` for none)');
    checkFixes(fixes, names.fixes);
    outcome.fixes = fixes;
  } else if (fixes !== undefined) {
    throw new Error('a fixes field only goes on successes in `lenient` and `prefix-lenient`');
  }
  return { input, mode, lenient, prefix, maxYear, outcome };
}

/** A fixes field: known names, in bit order, no repeats; or `-`. */
function checkFixes(field, order) {
  if (field === '-') return;
  let last = -1;
  for (const name of field.split(',')) {
    const index = order.indexOf(name);
    if (index < 0) throw new Error(`unknown fix \`${name}\``);
    if (index <= last) throw new Error(`fix \`${name}\` repeated or out of bit order`);
    last = index;
  }
}

/** Writes an outcome as a vector writes it. */
export function format(outcome) {
  if (outcome.incomplete !== undefined) return `incomplete:${outcome.incomplete}`;
  if (outcome.error !== undefined) return `${outcome.error}@${outcome.at}`;
  return outcome.fixes === undefined ? outcome.canonical : `${outcome.canonical}\t${outcome.fixes}`;
}

/** Every case of every file: { files: [{ file, cases }], problems }. */
export function loadAll(names) {
  const problems = [];
  const all = files(VECTORS).map((file) => {
    const cases = [];
    for (const [n, line] of lines(new URL(file, VECTORS), file, problems)) {
      try {
        cases.push({ file, line: n, ...parseLine(line, names) });
      } catch (e) {
        problems.push(`${file}:${n}: malformed line: ${e.message}\n    ${JSON.stringify(line)}`);
      }
    }
    return { file, cases };
  });
  return { files: all, problems };
}

/** A character (code point) index of a scanning vector: digits, no leading zero. */
function charIndex(field) {
  if (!/^(0|[1-9][0-9]*)$/.test(field)) throw new Error(`bad character index \`${field}\``);
  return Number(field);
}

/** Parses one line of tests/vectors/scan/*.txt: `text<TAB>expected`. */
export function parseScanLine(line) {
  const fields = line.split('\t');
  if (fields.length !== 2) throw new Error(`expected 2 TAB-separated fields, found ${fields.length}`);
  const text = unescape(fields[0]);
  const expected = fields[1];
  const length = [...text].length;
  const matches = [];
  if (expected !== '-') {
    if (expected === '') throw new Error('empty expected field (write `-` for no match)');
    for (const item of expected.split(';')) {
      const at = item.lastIndexOf('@');
      if (at < 0) throw new Error(`\`${item}\` is not CANONICAL@START..END`);
      const canonical = item.slice(0, at);
      const span = item.slice(at + 1);
      if (canonical === '' || canonical.trim() !== canonical || canonical === '-') {
        throw new Error(`bad canonical form in \`${item}\``);
      }
      const dots = span.indexOf('..');
      if (dots < 0) throw new Error(`\`${span}\` is not START..END`);
      const start = charIndex(span.slice(0, dots));
      const end = charIndex(span.slice(dots + 2));
      if (start >= end || end > length) {
        throw new Error(`span ${start}..${end} is empty or outside the text (${length} characters)`);
      }
      const last = matches.at(-1);
      if (last && start < last.end) throw new Error(`\`${item}\` starts before the previous match ends`);
      matches.push({ canonical, start, end });
    }
  }
  return { text, matches };
}

/** Writes matches as a scanning vector writes them. */
export function formatMatches(matches) {
  return matches.length === 0 ? '-' : matches.map((m) => `${m.canonical}@${m.start}..${m.end}`).join(';');
}

/** Every case of every scanning file: { files: [{ file, cases }], problems }. */
export function loadScan() {
  const problems = [];
  const all = files(SCAN_VECTORS).map((name) => {
    const file = `scan/${name}`;
    const cases = [];
    for (const [n, line] of lines(new URL(name, SCAN_VECTORS), file, problems)) {
      try {
        cases.push({ file, line: n, ...parseScanLine(line) });
      } catch (e) {
        problems.push(`${file}:${n}: malformed line: ${e.message}\n    ${JSON.stringify(line)}`);
      }
    }
    return { file, cases };
  });
  return { files: all, problems };
}

/** The code point index of JavaScript string index `index` of `text`. */
export function codePoints(text, index) {
  return [...text.slice(0, index)].length;
}
