// `scan`'s fast path against the plain one. `scan` hands the core only the pieces of a text
// around the digits a RegExp finds (built from the core's prefilter constants); a ChunkScanner
// given the whole text as one chunk hands the core all of it. Both must report the same numbers
// at the same places on every text: generated texts of numbers, fillers that move digits in and
// out of reach, lone surrogates, characters outside the BMP, CRLF and full-width digits, and
// numbers placed at every distance from the edge of a piece. In both entries (`icp-number`, and
// `icp-number/fast`, the same facade over the build optimised for speed).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';

import * as standard from 'icp-number';
import * as fast from 'icp-number/fast';

for (const [entry, { ChunkScanner, scan }] of [['icp-number', standard], ['icp-number/fast', fast]]) {
  /** What a scan reports, comparably: canonical form, fixes, and UTF-8 byte offsets. */
  function prefiltered(text) {
    const bytes = (index) => Buffer.byteLength(text.slice(0, index));
    return scan(text).map((m) => [m.canonical, m.fixes.map((f) => f.name).join(), bytes(m.start), bytes(m.end)]);
  }

  /** The same, by the core reading every byte of the text. */
  function plain(text) {
    const scanner = new ChunkScanner();
    const found = [...scanner.push(text), ...scanner.end()];
    return found.map((m) => [m.canonical, m.fixes.map((f) => f.name).join(), m.start, m.end]);
  }

  const PIECES = [
    '京ICP备12345678号', '粤ICP备2023073334号-3K', '京 ICP 备 12345678 号', '粤B2-20090059', 'B2-20090028',
    'A2.B1.B2-20090003', '京公网安备11010802020088号', '粤公网安备 44030502008569号', '京ICP备１２３４５６７８号',
    'ＩＣＰ备案号：粤ＩＣＰ备１４０２３０６６号', '京ICP证030173号', '蘇ICP備2018000000號', '京ICP备&nbsp;10000000号',
    '京', '粤', 'ICP备', '公网安备', 'B2-', 'A1.', '号', '-1', '12', '345678', '１２', '９', '2024',
    ' ', '&nbsp;', '，', 'x', 'Copyright', '\u3000', '\r\n', '\n', '😀', '\uD83D', '\uDE00', '\uD800x', '\uFFFD',
    '<b>', '</b>', '<', '>', '</a> ', '-6Z', 'Abc', '&nbsp;'.repeat(30), ' '.repeat(40), '的'.repeat(90), 'a'.repeat(250),
  ];

  test(`${entry}: scan finds what the core finds reading every byte, on generated texts`, () => {
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    let numbers = 0;
    for (let round = 0; round < 1500; round++) {
      let text = '';
      for (let n = round % 50; n > 0; n--) text += PIECES[next() % PIECES.length];
      const expected = plain(text);
      assert.deepEqual(prefiltered(text), expected, JSON.stringify(text));
      numbers += expected.length;
    }
    // The pieces make numbers often enough for the comparison to mean something.
    assert.ok(numbers > 5000, `${numbers} numbers`);
  });

  test(`${entry}: scan finds numbers whose digits mix the two widths`, () => {
    // No six ASCII digits in a row, no six full-width ones: the digits of either width together.
    const mixed = ['京ICP备１2３4５6７8号', '粤B2-2０0９0０5９', '京公网安备1１0１0８0２0２0０8８号', '京ICP证０3０1７3号-1'];
    for (const number of mixed) {
      for (const text of [number, `页脚 ${number} | ${number}`, `${'的'.repeat(80)}${number}<b>x</b>`]) {
        const expected = plain(text);
        assert.ok(expected.length > 0, JSON.stringify(text));
        assert.deepEqual(prefiltered(text), expected, JSON.stringify(text));
      }
    }
  });

  test(`${entry}: scan finds numbers at every distance from the digits that bring them into reach`, () => {
    const fillers = ['x', '的', '😀', '\uD800', '\r\n', '&nbsp;', '\u3000', '１'];
    for (const filler of fillers) {
      for (const head of ['京ICP备', '京公网安备', 'B2-', '粤ICP备', 'ICP备']) {
        for (const sep of [' ', '&nbsp;', '\u3000']) {
          for (let n = 0; n <= 90; n += 1) {
            // Filler before and inside the number moves its start away from its digits, and the
            // digits of a neighbour to the edge of what the core reads.
            const text = `${filler.repeat(n)}${head}${sep.repeat(n % 47)}12345678号${filler.repeat(n % 7)}B2-20090059`;
            assert.deepEqual(prefiltered(text), plain(text), JSON.stringify(text));
          }
        }
      }
    }
  });
}

test('the facade holds none of the prefilter\'s constants: they come from the core', () => {
  const source = readFileSync(new URL('../index.js', import.meta.url), 'utf8');
  for (const constant of ['253', '256', '{6}', '０', '９', 'uFF10', 'uFF19']) {
    assert.ok(!source.includes(constant), `index.js holds ${constant}`);
  }
});
