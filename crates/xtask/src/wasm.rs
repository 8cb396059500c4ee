//! The npm package's checks (issue 4, `wasm/`), run by `cargo xtask test` after the Rust tests:
//!
//! 1. Installs what they need, each skipped when present: the wasm-bindgen CLI at exactly the
//!    version of the `wasm-bindgen` crate in `Cargo.lock` (compiled from source: a few
//!    minutes, once), Debian's Chromium and a CJK font for the browser tests, and the pinned npm
//!    packages (`npm ci`: TypeScript and @types/node, playwright-core, binaryen for wasm-opt,
//!    Cloudflare's `workerd`, whose Linux binary ships inside the npm package, and the bundlers
//!    the README documents, esbuild and Vite).
//! 2. `npm run build`: the wrapper crate for `wasm32-unknown-unknown` with the `min-size`
//!    profile, wasm-bindgen's glue, `wasm-opt -Oz`; then the `icp-number/fast` entry with the
//!    `wasm-fast` profile (opt-level 3) and `wasm-opt -O3`; prints each `.wasm`'s size, raw and
//!    gzipped; copies the root's licences into the package for the tarball.
//! 3. `npm test`: `node --test` (every shared vector through both entries, `scan`'s prefilter
//!    against the core reading every byte on generated texts, linear time, the API, the streaming
//!    scanners, `require` on the installed Node, the edge worker example under Node and, with a
//!    minimal worker, in a real `workerd` the test starts and stops on 127.0.0.1, the demo page
//!    and apps built with esbuild and Vite in Chromium, the README's examples, the tarball's
//!    files, the size budget) and `tsc --noEmit` on the type test, with and without the DOM.

use std::fs;
use std::path::Path;

use crate::{install, run_in};

/// Debian packages the browser test needs: the browser, and a font with Chinese characters so
/// that its screenshot shows them.
const APT: [&str; 2] = ["chromium", "fonts-wqy-microhei"];

pub(crate) fn test() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let version = locked_version(&root, "wasm-bindgen")?;
    install::cargo_tool("wasm-bindgen-cli", &version, "wasm-bindgen")?;
    install::apt(&APT)?;

    let package = root.join("wasm");
    let dir = package.to_str().ok_or("the wasm/ path is not UTF-8")?;
    run_in(Some(dir), "npm", &["ci", "--no-audit", "--no-fund"])?;
    run_in(Some(dir), "npm", &["run", "build"])?;
    run_in(Some(dir), "npm", &["test"])
}

/// The version of `krate` that `Cargo.lock` holds (the first, if several).
fn locked_version(root: &Path, krate: &str) -> Result<String, String> {
    let lock =
        fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let entry = format!("[[package]]\nname = \"{krate}\"\nversion = \"");
    let start = lock
        .find(&entry)
        .map(|at| at + entry.len())
        .ok_or_else(|| format!("Cargo.lock has no {krate}"))?;
    let end = lock[start..]
        .find('"')
        .ok_or_else(|| format!("Cargo.lock: no version for {krate}"))?;
    Ok(lock[start..start + end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `npm ci` installs exactly the workerd the edge-worker test was written against: an exact
    /// version in package.json, the same in package-lock.json.
    #[test]
    fn workerd_is_pinned() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let read = |file: &str| -> serde_json::Value {
            let text = fs::read_to_string(root.join("wasm").join(file)).expect(file);
            serde_json::from_str(&text).expect(file)
        };
        let pinned = read("package.json")["devDependencies"]["workerd"].clone();
        let pinned = pinned.as_str().expect("package.json pins workerd");
        assert!(
            pinned.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "workerd {pinned} is not an exact version"
        );
        let locked =
            read("package-lock.json")["packages"]["node_modules/workerd"]["version"].clone();
        assert_eq!(locked.as_str(), Some(pinned), "package-lock.json");
    }

    /// The CLI installed is the one the crate needs: `wasm/Cargo.toml` pins the crate exactly,
    /// and Cargo.lock, which the install reads, holds that version.
    #[test]
    fn the_locked_wasm_bindgen_is_the_pinned_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let version = locked_version(&root, "wasm-bindgen").expect("locked");
        let manifest = fs::read_to_string(root.join("wasm/Cargo.toml")).expect("wasm/Cargo.toml");
        let pin = format!("wasm-bindgen = {{ version = \"={version}\"");
        assert!(
            manifest.contains(&pin),
            "wasm/Cargo.toml does not pin {version}"
        );
    }
}
