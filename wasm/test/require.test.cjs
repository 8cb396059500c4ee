// The package is ESM-only ("type": "module", no CommonJS build). `require('icp-number')` works
// where Node loads ES modules from require() without a flag (Node 20.19 and later 20.x, 22.12 and
// later; the package has no top-level await), and package.json's "engines" names exactly those
// versions. On an older Node, require() throws ERR_REQUIRE_ESM: use `await import('icp-number')`.
// This file is CommonJS, run by the installed Node.

'use strict';

const assert = require('node:assert/strict');
const test = require('node:test');

const pkg = require('icp-number/package.json');

/** Whether Node `version` (such as 20.20.2) is in the range "engines" names. */
function supported(version) {
  const [major, minor] = version.split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
}

test('engines: the Node versions that can both import and require the package', () => {
  assert.equal(pkg.engines.node, '^20.19.0 || >=22.12.0');
  assert.deepEqual(['20.18.3', '20.19.0', '21.7.3', '22.11.0', '22.12.0', '24.0.0'].map(supported), [
    false, true, false, false, true, true,
  ]);
  assert.ok(supported(process.versions.node), `this Node (${process.version}) is outside "engines"`);
  assert.equal(process.features.require_module, true, `Node ${process.version} cannot require() ES modules`);
});

test("require('icp-number') gives the package's API", () => {
  const icp = require('icp-number');
  assert.equal(icp.isValid('京ICP备12345678号'), true);
  assert.equal(icp.isValid('京 ICP备12345678号'), false);
  assert.deepEqual(icp.scan('页脚：京ICP备12345678号-1').map((m) => m.canonical), ['京ICP备12345678号-1']);
  const { parse } = require('icp-number');
  assert.equal(parse('京ICP备12345678号-1', { lang: 'zh' }).kindLabel, 'ICP备案号');
});
