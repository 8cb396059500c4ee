// Builds the package's WebAssembly: the Rust wrapper (wasm/) with the `min-size` profile
// (opt-level "z", LTO, panic = "abort"), wasm-bindgen's ES-module glue (--target web) into pkg/,
// then wasm-opt -Oz. Prints the size of the .wasm, raw and gzipped. Copies the licences from the
// repository root (LICENSE-MIT, LICENSE-APACHE) into the package folder, where npm pack takes
// them (it cannot reach outside the package, and skips symbolic links); `prepack` runs this build.
//
// Needs: the wasm32-unknown-unknown rustup target, the wasm-bindgen CLI of the same version as
// the wasm-bindgen crate in Cargo.lock (checked here), and `npm ci` (wasm-opt comes from the
// pinned `binaryen` package). `cargo xtask test` installs all of them.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(here);

function run(program, args, options = {}) {
  console.error(`> ${program} ${args.join(' ')}`);
  return execFileSync(program, args, { cwd: here, stdio: ['ignore', 'pipe', 'inherit'], ...options });
}

// The licences go into the tarball: copied from the root, never edited here (.gitignore).
for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) {
  const from = join(root, licence);
  if (!existsSync(from)) {
    throw new Error(`${from} is missing: the npm package ships the repository's licences`);
  }
  copyFileSync(from, join(here, licence));
}

// The wasm-bindgen CLI must match the crate exactly: the glue it writes is version-specific.
const lock = readFileSync(join(root, 'Cargo.lock'), 'utf8');
const locked = /\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/.exec(lock)?.[1];
const cli = run('wasm-bindgen', ['--version']).toString().trim();
if (!locked || cli !== `wasm-bindgen ${locked}`) {
  throw new Error(`Cargo.lock has wasm-bindgen ${locked}, the CLI is "${cli}": install the same version`);
}

run('cargo', [
  'build', '--package', 'icp-number-wasm', '--lib',
  '--target', 'wasm32-unknown-unknown', '--profile', 'min-size',
], { stdio: 'inherit' });
const meta = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps']));
const input = join(meta.target_directory, 'wasm32-unknown-unknown', 'min-size', 'icp_number_wasm.wasm');

const out = join(here, 'pkg');
rmSync(out, { recursive: true, force: true });
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'icp_number', input]);
const wasm = join(out, 'icp_number_bg.wasm');
// --converge repeats -Oz until it stops shrinking; --low-memory-unused lets it fold constant
// addresses: Rust puts no data in the first KiB, which is the far end of the 1 MiB stack, and
// the core's deepest call uses under 2 KiB of it.
const optimise = ['-Oz', '--converge', '--low-memory-unused', '--strip-debug', '--strip-producers'];
run(join(here, 'node_modules', '.bin', 'wasm-opt'), [...optimise, wasm, '-o', wasm], {
  stdio: 'inherit',
});

const bytes = readFileSync(wasm);
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.log(`pkg/icp_number_bg.wasm: ${bytes.length} bytes (${(bytes.length / 1024).toFixed(1)} KiB), ` +
  `${gzipped} bytes gzipped (${(gzipped / 1024).toFixed(1)} KiB)`);
