// The npm README (README.md, the package's page) says what is true: every JavaScript example
// with a `// → value` comment runs as written (each block as a module that imports the package
// by name) and gives that value, and so does the repository README's 30-second example; the error
// table lists every code and name the core has; and the package facts match package.json.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import test from 'node:test';

import { errorKinds } from 'icp-number';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The repository README's JavaScript section. */
const ROOT_README = /## JavaScript and WebAssembly \(npm\)\n([\s\S]*?)\n## /.exec(
  readFileSync(new URL('../../README.md', import.meta.url), 'utf8'),
)?.[1];
const OUTPUT = new URL('./output/', import.meta.url);

/** The README's ```js blocks that state results, each turned into a module that asserts them:
 * `EXPR; // → VALUE` (or EXPR on the line before a `// → VALUE` line) becomes a deep-equality
 * check. A block without an import gets the package's functions imported. */
function checkedBlocks(text) {
  const out = [];
  for (const [, block] of text.matchAll(/```js\n([\s\S]*?)```/g)) {
    if (!block.includes('// → ')) continue;
    const lines = block.replace(/\n$/, '').split('\n');
    const code = [];
    let checks = 0;
    for (const line of lines) {
      const at = line.indexOf('// → ');
      if (at < 0) {
        code.push(line);
        continue;
      }
      const value = line.slice(at + '// → '.length);
      const expr = at === 0 ? code.pop() : line.slice(0, at);
      code.push(`__check(${expr.trim().replace(/;$/, '')}, ${value}, ${JSON.stringify(expr.trim())});`);
      checks++;
    }
    const imports = /^import /m.test(block) ? '' : "import { checkPrefix, isValid, parse, scan } from 'icp-number';\n";
    const head =
      "import { deepStrictEqual as __equal } from 'node:assert/strict';\n" +
      'const __check = (got, want, what) => __equal(got, want, what);\n';
    out.push({ source: imports + head + code.join('\n') + '\n', checks });
  }
  return out;
}

/** Runs the blocks of `text` that state results; resolves to the number of results checked. */
async function run(text, name) {
  mkdirSync(OUTPUT, { recursive: true });
  let checks = 0;
  for (const [i, block] of checkedBlocks(text).entries()) {
    const file = new URL(`${name}-${i}.js`, OUTPUT);
    writeFileSync(file, block.source);
    await import(`${file.href}?${Date.now()}`);
    checks += block.checks;
  }
  return checks;
}

test('every stated result of the README examples is what the package gives', async () => {
  const checks = await run(README, 'readme');
  assert.ok(checks >= 15, `${checks} results`);
});

test("the repository README's 30-second example gives what it says", async () => {
  assert.ok(ROOT_README, 'the repository README has a JavaScript section');
  assert.ok(ROOT_README.includes('(wasm/README.md)'), 'it links this README');
  assert.equal(await run(ROOT_README, 'root-readme'), 4);
});

test('the README lists every error code and name', () => {
  for (const { code, name } of errorKinds()) {
    assert.match(README, new RegExp(`\\| ${code} \\| \`${name}\` \\|`), `${code} ${name}`);
  }
  const listed = [...README.matchAll(/\| (\d{3}) \| `([A-Z_]+)` \|/g)].length;
  assert.equal(listed, errorKinds().length, 'no code the core does not have');
});

test('the README states the package facts as package.json has them', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.ok(README.includes(`\`${pkg.engines.node}\``), 'engines');
  assert.ok(README.includes('"type": "module"') && pkg.type === 'module');
  assert.ok(README.includes(pkg.license), 'licence');
  for (const condition of ['workerd', 'worker', 'edge-light', 'browser']) {
    assert.equal(pkg.exports['.'][condition], './index.js', condition);
    assert.ok(README.includes(`\`${condition}\``), condition);
  }
  assert.ok(pkg.exports['./icp_number.wasm'], 'the .wasm subpath');
});
