//! Project automation, run as `cargo xtask <task>`.
//!
//! - `test`: installs what the checks need (rustup targets and components), then runs formatting,
//!   clippy, every test (unit, integration, property, vector and doc tests) and the cross-target
//!   builds of the core. `.ci/run` calls it; so should you before a commit.

use std::process::{Command, ExitCode};

/// Bare-metal and WebAssembly targets the core must build for.
const CORE_TARGETS: [&str; 2] = ["thumbv6m-none-eabi", "wasm32-unknown-unknown"];

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("test") => test(),
        _ => {
            eprintln!("usage: cargo xtask test");
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

/// Runs one command, echoing it; the error names it.
fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let line = format!("{program} {}", args.join(" "));
    eprintln!("\n==> {line}");
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| format!("{line}: {e}"))?;
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

    for target in CORE_TARGETS {
        for features in ["", "defmt"] {
            let mut args = vec!["build", "--package", "icp-number", "--target", target];
            if !features.is_empty() {
                args.extend(["--features", features]);
            }
            run("cargo", &args)?;
        }
    }
    eprintln!("\nxtask: all checks passed");
    Ok(())
}
