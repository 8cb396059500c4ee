//! Project automation, run as `cargo xtask <task>`.
//!
//! - `bench-table`: runs the benchmarks beside the `regex` crate, and every way into the scanner
//!   at growing sizes (the core from 1 to 100 MiB, `icp scan` on 1 GiB), and writes the tables into
//!   the README.
//! - `fuzz [SECONDS]`: runs every fuzz target for SECONDS (default 60) each.
//! - `c`: the C library's checks alone (header drift, install, valgrind, CMake, examples).
//! - `firmware`: the firmware checks alone (QEMU run, flash and stack budgets).
//! - `python`: the Python package's checks alone (a virtual environment in the target directory,
//!   the wheel built with maturin, pytest with Spark and Ray in local mode, `mypy --strict`).
//! - `answers`: the cross-binding test alone (needs the C library, the npm package and the
//!   Python environment built by `test`).
//! - `install-c --prefix P`: builds the C library (release) and installs the header, the static
//!   and shared libraries (SONAME `libicp_number.so.0`), a pkg-config file and a CMake package
//!   config into the prefix P (crates/icp-ffi/README.md).
//! - `test`: installs what the checks need (rustup targets and components, pinned cargo tools,
//!   Debian packages), then runs formatting, clippy, every test (unit, integration, property,
//!   vector and doc tests), the published crates' packaging (the core's tests run from its
//!   `.crate`) and the cross-target builds of the core. `.ci/run` calls it; so should you before
//!   a commit.

mod answers;
mod bench;
mod c_api;
mod firmware;
mod fuzz;
mod install;
mod install_c;
mod package;
mod python;
mod scale;
/// The shared vectors' reader of the core's tests, for its `unescape`.
#[path = "../../icp-number/tests/common/mod.rs"]
#[allow(clippy::collapsible_if)] // The core keeps to Rust 1.85, before `if let` chains.
mod vectors;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The nightly toolchain of fuzzing (cargo-fuzz's sanitizers) and Miri, pinned to a dated release
/// so that a new nightly (a Miri or sanitizer change, a missing component) cannot break the test
/// command overnight. Move it forward on purpose, checking that both still pass.
pub(crate) const NIGHTLY: &str = "nightly-2026-10-30";

/// Bare-metal and WebAssembly targets the core must build for.
const CORE_TARGETS: [&str; 4] = [
    "thumbv6m-none-eabi",
    "thumbv7em-none-eabihf",
    "riscv32imc-unknown-none-elf",
    "wasm32-unknown-unknown",
];

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("test") => test(),
        Some("bench-table") => bench::table(),
        Some("firmware") => firmware::test(),
        Some("c") => c_api::test(),
        Some("answers") => cross_binding(),
        Some("python") => python::test(),
        Some("install-c") => install_c::command(&std::env::args().skip(2).collect::<Vec<_>>()),
        Some("fuzz") => match std::env::args().nth(2).map(|s| s.parse::<u32>()) {
            None => fuzz::fuzz(60),
            Some(Ok(seconds)) => fuzz::fuzz(seconds),
            Some(Err(_)) => {
                eprintln!("usage: cargo xtask fuzz [SECONDS]");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!(
                "usage: cargo xtask test | fuzz [SECONDS] | bench-table | firmware | c | python \
                 | answers | install-c --prefix P"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failed) => {
            eprintln!("xtask: failed: {failed}");
            ExitCode::FAILURE
        }
    }
}

/// The cross-binding test ([`answers`]), once the C library, the npm package and the Python
/// environment are built.
fn cross_binding() -> Result<(), String> {
    run("cargo", &["build", "--package", "icp-cli"])?;
    let (root, target) = root_and_target()?;
    answers::test(
        &root,
        &target.join("c-api/prefix/lib"),
        &target.join("answers"),
        &target.join("debug/icp"),
        &target.join("python-venv/bin/python"),
    )
}

/// The workspace root, and the target directory (`CARGO_TARGET_DIR`, or `target` in the root).
pub(crate) fn root_and_target() -> Result<(PathBuf, PathBuf), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok((root, target))
}

/// Runs one command, echoing it; the error names it.
pub(crate) fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(None, program, args)
}

/// Runs one command in `dir` (the workspace root when `None`), echoing it; the error names it.
pub(crate) fn run_in(dir: Option<&str>, program: &str, args: &[&str]) -> Result<(), String> {
    let line = format!("{program} {}", args.join(" "));
    eprintln!(
        "\n==> {}{line}",
        dir.map(|d| format!("(in {d}) ")).unwrap_or_default()
    );
    let mut command = Command::new(program);
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let status = command.status().map_err(|e| format!("{line}: {e}"))?;
    if status.success() { Ok(()) } else { Err(line) }
}

fn test() -> Result<(), String> {
    let mut targets = vec!["target", "add"];
    targets.extend(CORE_TARGETS);
    run("rustup", &targets)?;
    run("rustup", &["component", "add", "clippy", "rustfmt"])?;

    run("cargo", &["fmt", "--all", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run("cargo", &["test", "--workspace"])?;
    package::test()?;
    c_api::test()?;
    wasm::test()?;
    python::test()?;
    cross_binding()?;

    for target in CORE_TARGETS {
        for features in ["", "defmt"] {
            let mut args = vec!["build", "--package", "icp-number", "--target", target];
            if !features.is_empty() {
                args.extend(["--features", features]);
            }
            run("cargo", &args)?;
        }
    }
    firmware::test()?;
    fuzz::miri()?;
    fuzz::fuzz(fuzz::SMOKE_SECONDS)?;
    eprintln!("\nxtask: all checks passed");
    Ok(())
}
