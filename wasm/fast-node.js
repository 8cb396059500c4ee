// icp-number/fast for Node: the same API as fast.js (the facade over the build optimised for
// speed), initialised on import from the .wasm in pkg-fast/, so `init()` is not needed.

import { readFileSync } from 'node:fs';
import { initSync } from './fast.js';

initSync(readFileSync(new URL('./pkg-fast/icp_number_bg.wasm', import.meta.url)));

export * from './fast.js';
