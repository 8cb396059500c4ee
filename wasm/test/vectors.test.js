// Every shared vector (tests/vectors/*.txt and tests/vectors/scan/*.txt) through the package,
// imported by name: the same answers as the Rust tests. Positions in the vectors count
// characters (code points); the package reports JavaScript string indices (UTF-16 code units),
// so they are converted before comparing. Both entries answer every vector: `icp-number` and
// `icp-number/fast` (the same facade over the build optimised for speed).

import assert from 'node:assert/strict';
import test from 'node:test';

import * as standard from 'icp-number';
import * as fast from 'icp-number/fast';

import { declared } from './support/declared.js';
import { codePoints, format, formatMatches, loadAll, loadScan } from './support/vectors.js';

/** The least number of cases, as in the Rust runners (MIN_CASES, MIN_SCAN_CASES). */
const MIN_CASES = 300;
const MIN_SCAN_CASES = 100;

const ENTRIES = [['icp-number', standard], ['icp-number/fast', fast]];
const { errorKinds, expectedKinds, fixKinds } = standard;

const types = declared();
// The names the vectors may use come from the core (through the package), not from index.d.ts:
// a name the core adds is read here at once; test/api.test.js holds the types against them.
const names = {
  errors: new Set(errorKinds().map((k) => k.name)),
  expected: new Set(expectedKinds().map((e) => e.name)),
  fixes: fixKinds().map((f) => f.name),
};

/** Checks the fields of a number against each other and the declared types. */
function checkNumber(n, where) {
  assert.ok(types.Kind.has(n.kind), `${where}: kind ${n.kind}`);
  assert.ok(n.canonical.startsWith(n.main), `${where}: main ${n.main} of ${n.canonical}`);
  assert.equal(n.site === null, n.service === null, `${where}: site and service`);
  assert.ok(n.service === null || types.Service.has(n.service), `${where}: service ${n.service}`);
  assert.ok(n.province === null || Number.isInteger(n.province.gb), `${where}: province`);
  assert.ok(n.queryUrl.startsWith('https://'), `${where}: queryUrl`);
  for (const f of n.fixes) assert.ok(types.FixName.has(f.name), `${where}: fix ${f.name}`);
}

/** What the package (the entry `api`) says about one case, written as a vector writes it. */
function run(c, { checkPrefix, isValid, parse }) {
  // Strict is the default: only the lenient modes pass an option.
  const options = { ...(c.lenient ? { lenient: true } : {}), ...(c.maxYear === undefined ? {} : { maxYear: c.maxYear }) };
  const where = `${c.file}:${c.line}`;
  let outcome;
  if (c.prefix) {
    const r = checkPrefix(c.input, options);
    if (r.status === 'complete') outcome = { number: r.number };
    else if (r.status === 'incomplete') {
      assert.ok(r.expectedLabel.length > 0, `${where}: a label for ${r.expected}`);
      outcome = { incomplete: r.expected };
    }
    else outcome = { err: r.error };
  } else {
    const r = parse(c.input, options);
    outcome = r.ok ? { number: r } : { err: r.error };
    assert.equal(isValid(c.input, options), r.ok, `${where}: isValid agrees with parse`);
  }
  if (outcome.number) {
    checkNumber(outcome.number, where);
    const fixes = outcome.number.fixes.map((f) => f.name).join(',') || '-';
    // Strict modes record no fixes: show any that appear, so the mismatch is reported.
    const shown = c.lenient || fixes !== '-' ? fixes : undefined;
    return { canonical: outcome.number.canonical, fixes: shown };
  }
  if (outcome.err) {
    const e = outcome.err;
    assert.ok(types.ErrorName.has(e.name), `${where}: error name ${e.name}`);
    assert.equal(types.ErrorCodes.get(e.name), e.code, `${where}: code of ${e.name}`);
    assert.ok(e.message.length > 0 && !e.message.includes('{'), `${where}: message ${e.message}`);
    return { error: e.name, at: codePoints(c.input, e.index) };
  }
  assert.ok(names.expected.has(outcome.incomplete), `${where}: expected ${outcome.incomplete}`);
  return outcome;
}

const vectors = loadAll(names);
const total = vectors.files.reduce((n, f) => n + f.cases.length, 0);

test('the vector files are well-formed and hold enough cases', () => {
  assert.deepEqual(vectors.problems, []);
  assert.ok(total >= MIN_CASES, `only ${total} cases`);
});

for (const [entry, api] of ENTRIES) for (const { file, cases } of vectors.files) {
  test(`${entry}: tests/vectors/${file}: ${cases.length} cases`, () => {
    const wrong = [];
    for (const c of cases) {
      const got = format(run(c, api));
      const want = format(c.outcome);
      if (got !== want) {
        wrong.push(`${c.file}:${c.line}: ${JSON.stringify(c.input)} (${c.mode})\n  expected ${want}\n  got      ${got}`);
      }
    }
    assert.equal(wrong.length, 0, `${wrong.length} of ${cases.length} cases differ:\n${wrong.join('\n')}`);
  });
}

const scanVectors = loadScan();
const scanTotal = scanVectors.files.reduce((n, f) => n + f.cases.length, 0);

test('the scanning vector files are well-formed and hold enough cases', () => {
  assert.deepEqual(scanVectors.problems, []);
  assert.ok(scanTotal >= MIN_SCAN_CASES, `only ${scanTotal} cases`);
});

for (const [entry, { scan }] of ENTRIES) for (const { file, cases } of scanVectors.files) {
  test(`${entry}: tests/vectors/${file}: ${cases.length} texts`, () => {
    const wrong = [];
    for (const c of cases) {
      const found = scan(c.text);
      for (const m of found) checkNumber(m, `${c.file}:${c.line}`);
      const got = formatMatches(
        found.map((m) => ({
          canonical: m.canonical,
          start: codePoints(c.text, m.start),
          end: codePoints(c.text, m.end),
        })),
      );
      const want = formatMatches(c.matches);
      if (got !== want) {
        wrong.push(`${c.file}:${c.line}: ${JSON.stringify(c.text)}\n  expected ${want}\n  got      ${got}`);
      }
    }
    assert.equal(wrong.length, 0, `${wrong.length} of ${cases.length} texts differ:\n${wrong.join('\n')}`);
  });
}
