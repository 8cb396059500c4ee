//! Fuzzing and Miri (issue: hardening): `cargo xtask fuzz [SECONDS]` runs every cargo-fuzz target
//! of `crates/icp-fuzz` for SECONDS each on the pinned nightly (`NIGHTLY`), seeded from the shared
//! test vectors; the test command runs a short smoke run of each and the core's unit tests under
//! Miri.

use std::fs;
use std::path::Path;

use crate::{NIGHTLY, install, run};

const FUZZ_DIR: &str = "crates/icp-fuzz";
const TARGETS: [&str; 4] = ["parse_strict", "parse_lenient", "check_prefix", "scan"];
/// cargo-fuzz, pinned.
const CARGO_FUZZ: (&str, &str) = ("cargo-fuzz", "0.13.2");

/// Seconds each target runs in the test command's smoke run.
pub(crate) const SMOKE_SECONDS: u32 = 10;

/// Runs every fuzz target for `seconds` each.
pub(crate) fn fuzz(seconds: u32) -> Result<(), String> {
    nightly(&[])?;
    install::cargo_tool(CARGO_FUZZ.0, CARGO_FUZZ.1, "cargo-fuzz")?;
    let toolchain = format!("+{NIGHTLY}");
    let max_time = format!("-max_total_time={seconds}");
    for target in TARGETS {
        let corpus = format!("{FUZZ_DIR}/corpus/{target}");
        seed(Path::new(&corpus))?;
        let args = [
            toolchain.as_str(),
            "fuzz",
            "run",
            "--fuzz-dir",
            FUZZ_DIR,
            target,
            &corpus,
            "--",
        ];
        let mut args = args.to_vec();
        args.extend([max_time.as_str(), "-max_len=512", "-print_final_stats=1"]);
        run("cargo", &args)?;
    }
    Ok(())
}

/// The core's unit tests under Miri (the pinned nightly), which checks for undefined behaviour.
pub(crate) fn miri() -> Result<(), String> {
    nightly(&["miri", "rust-src"])?;
    run(
        "cargo",
        &[
            &format!("+{NIGHTLY}"),
            "miri",
            "test",
            "--package",
            "icp-number",
            "--lib",
        ],
    )
}

/// Installs the pinned nightly with `components` (nothing to do when they are there).
fn nightly(components: &[&str]) -> Result<(), String> {
    let mut args = vec!["toolchain", "install", NIGHTLY, "--profile", "minimal"];
    for component in components {
        args.extend(["--component", component]);
    }
    run("rustup", &args)
}

/// Writes the input of every shared vector (parse and scan) into `corpus`, one file each.
fn seed(corpus: &Path) -> Result<(), String> {
    fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut count = 0;
    for dir in ["tests/vectors", "tests/vectors/scan"] {
        let entries = fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))?;
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_none_or(|ext| ext != "txt") {
                continue;
            }
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            for line in text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let input = line.split('\t').next().unwrap_or_default();
                fs::write(corpus.join(format!("vector-{count}")), input)
                    .map_err(|e| format!("{}: {e}", corpus.display()))?;
                count += 1;
            }
        }
    }
    Ok(())
}
