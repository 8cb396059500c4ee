// icp-number for Node: the same API as index.js, initialised on import from the .wasm next to
// this file, so `init()` is not needed (it resolves at once if called).

import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync(readFileSync(new URL('./pkg/icp_number_bg.wasm', import.meta.url)));

export * from './index.js';
