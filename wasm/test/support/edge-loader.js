// Module hooks that make Node resolve and load the package as an edge runtime does
// (registered by test/edge.test.js with module.register):
// - the `workerd` and `worker` export conditions come first, so `icp-number` is the portable
//   entry (index.js), not the Node one;
// - importing a .wasm file gives a compiled WebAssembly.Module, as Cloudflare's wrangler does;
// - the package's own modules and the examples may not import Node built-ins.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const PACKAGE = new URL('../../', import.meta.url).href;
const OWN = ['index.js', 'pkg/', 'examples/'].map((path) => PACKAGE + path);

export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  const builtin = specifier.startsWith('node:') || builtinModules.includes(specifier);
  if (builtin && OWN.some((own) => parent.startsWith(own))) {
    throw new Error(`edge runtimes have no Node built-ins: ${parent} imports ${specifier}`);
  }
  return next(specifier, { ...context, conditions: ['workerd', 'worker', ...context.conditions] });
}

export async function load(url, context, next) {
  if (new URL(url).pathname.endsWith('.wasm')) {
    const base64 = readFileSync(fileURLToPath(url)).toString('base64');
    const source =
      `const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));\n` +
      'export default new WebAssembly.Module(bytes);\n';
    return { format: 'module', source, shortCircuit: true };
  }
  return next(url, context);
}
