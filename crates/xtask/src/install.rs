//! Installing what the checks need, once: Debian packages and pinned cargo tools. Each helper
//! does nothing when the thing is already there, so a warm machine pays nothing.

use std::process::Command;
use std::sync::Once;

use crate::run;

/// Installs the Debian `packages` not yet installed (`apt-get update` first, once per run).
pub(crate) fn apt(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            !succeeds(
                "dpkg-query",
                &["-W", "-f=${Status}", p],
                "install ok installed",
            )
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    static UPDATE: Once = Once::new();
    let mut updated = Ok(());
    UPDATE.call_once(|| updated = run("apt-get", &["update", "-qq"]));
    updated?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend(&missing);
    run("apt-get", &args)
}

/// Installs `krate` at exactly `version` with `cargo install --locked` unless `bin --version`
/// already prints that version.
pub(crate) fn cargo_tool(krate: &str, version: &str, bin: &str) -> Result<(), String> {
    if succeeds(bin, &["--version"], version) {
        return Ok(());
    }
    run(
        "cargo",
        &["install", "--locked", krate, "--version", version],
    )
}

/// Whether `program args` runs, succeeds and prints `expected` on stdout.
fn succeeds(program: &str, args: &[&str], expected: &str) -> bool {
    Command::new(program).args(args).output().is_ok_and(|out| {
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains(expected)
    })
}
