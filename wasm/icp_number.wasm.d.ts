// Types of the subpath `icp-number/icp_number.wasm` (package.json "exports"): the package's
// WebAssembly, for platforms and bundlers that import a .wasm file themselves. Pass it to `init()`.

import type { WasmBytes, WasmModule } from './index.js';

/** The package's `.wasm` as your platform or bundler imports it: a compiled WebAssembly.Module
 * (Cloudflare Workers and workerd, other edge runtimes), its URL (esbuild's `file` loader, Vite's
 * `?url`) or its bytes (esbuild's `binary` loader). `init()` takes each of them. */
declare const wasm: WasmModule | WasmBytes | string;
export default wasm;
