// Guards the facade against quadratic time, as crates/icp-number/tests/linear.rs guards the core:
// `scan` and a ChunkScanner read 8 MiB in at most 6 × 32 times the CPU time they take for 256 KiB
// (linear time gives about 32×; a time under a quarter of a millisecond counts as a quarter). The
// facade walks the text itself (back from each run of digits, ahead over markup), so these inputs
// are built to make those walks long: a `<` with no `>` after each run of digits once made every
// piece search to the end of the text (689× here). It counts the process's CPU time, not the wall
// clock, so a busy machine does not fail it; the figures are in the failure message. Throughput
// itself is measured by `npm run bench`, not here.

import assert from 'node:assert/strict';
import test from 'node:test';

import * as standard from 'icp-number';
import * as fast from 'icp-number/fast';

import { chunks, prose } from './support/pages.js';

const SMALL = 256 << 10;
const LARGE = 8 << 20;

/** Text of about `size` UTF-8 bytes: `unit` over and over. */
const fill = (unit, size) => unit.repeat(Math.ceil(size / Buffer.byteLength(unit)));

/** The inputs, each of about `size` bytes. */
function inputs(size) {
  return {
    pages: prose(size, 5),
    'digits before a `<` with no `>`': fill(`1234567<${'的'.repeat(300)}`, size),
    'digits back to back': fill('京ICP备1234567 ', size),
    '京 repeated': fill('京', size),
    '&nbsp; repeated': fill('&nbsp;', size),
    'a tag that never ends': `<a ${fill('12345678 ', size)}`,
  };
}

/** The least CPU time in ms `f` takes over `runs` runs. */
function fastest(f, runs) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    f();
    const { user, system } = process.cpuUsage(start);
    best = Math.min(best, (user + system) / 1000);
  }
  return best;
}

for (const [entry, { ChunkScanner, scan }] of [['icp-number', standard], ['icp-number/fast', fast]]) {
  const pushAll = (text) => {
    const scanner = new ChunkScanner();
    let found = 0;
    for (const part of chunks(new TextEncoder().encode(text), 64 << 10)) found += scanner.push(part).length;
    return found + scanner.end().length;
  };
  const ways = { scan: (text) => scan(text).length, 'ChunkScanner, 64 KiB chunks': pushAll };

  test(`${entry}: every way of scanning takes time linear in the input`, () => {
    const small = inputs(SMALL);
    const large = inputs(LARGE);
    for (const [way, run] of Object.entries(ways)) {
      for (const input of Object.keys(small)) {
        // The same numbers either way: the walks may be cut short, never the answers.
        assert.equal(run(small[input]), scan(small[input]).length, `${way} on ${input}`);
        const t1 = fastest(() => run(small[input]), 3);
        const t32 = fastest(() => run(large[input]), 2);
        const ratio = t32 / Math.max(t1, 0.25);
        assert.ok(ratio < 6 * 32, `${way} on ${input}: 256 KiB took ${t1} ms, 8 MiB took ${t32} ms (${ratio.toFixed(0)}×)`);
      }
    }
  });
}
