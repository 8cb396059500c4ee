//! The published crates as crates.io would hold them: `icp-number` and `icp-cli` are packaged
//! together (the CLI's dependency on the core resolves to the packaged core, as if it were
//! published), and the core's own tests run from its unpacked `.crate`, as a user who downloads it
//! would run them: the shared vectors, the invariants and the licences must be inside it.
//!
//! cargo's own verification (`cargo package` without `--no-verify`) is not used: in a target
//! directory that is not fresh, it may build the CLI against an earlier build of the packaged core
//! (a registry package of the same version counts as unchanged). The core's tests below always
//! build it from the new `.crate`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::run;

/// The crates published to crates.io, in dependency order.
const PUBLISHED: [&str; 2] = ["icp-number", "icp-cli"];

pub(crate) fn test() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), |dir| root.join(dir));

    // `--allow-dirty`: the step tests what the working tree would publish, so that it also runs
    // before a commit (CI's clean clone is never dirty).
    let mut args = vec!["package", "--allow-dirty", "--locked", "--no-verify"];
    for krate in PUBLISHED {
        args.extend(["--package", krate]);
    }
    run("cargo", &args)?;

    // The workspace and its crates share one version.
    let name = format!("icp-number-{}", env!("CARGO_PKG_VERSION"));
    let krate = target.join("package").join(format!("{name}.crate"));
    let unpacked = target.join("package-test");
    if unpacked.exists() {
        fs::remove_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    }
    fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    // `-m`: the files' times are now, not the archive's fixed 2006 ones, which cargo would take
    // for older than a build of an earlier package in this target directory.
    run(
        "tar",
        &["-xzmf", &path_str(&krate)?, "-C", &path_str(&unpacked)?],
    )?;

    // The target directory may lie inside this workspace, whose root cargo would take for the
    // unpacked crate's own: an empty `[workspace]` table makes the crate its own root, as it is
    // wherever a user unpacks it. Nothing else is changed.
    let crate_dir = unpacked.join(&name);
    let manifest = crate_dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    fs::write(&manifest, text + "\n[workspace]\n")
        .map_err(|e| format!("{}: {e}", manifest.display()))?;

    // The packaged lock file and this target directory: the dependencies are those the
    // workspace has already built, so only the core is compiled again.
    let line = format!("(in {}) cargo test --locked --offline", crate_dir.display());
    eprintln!("\n==> {line}");
    let status = Command::new("cargo")
        .args(["test", "--locked", "--offline"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("{line}: {e}"))?;
    if status.success() { Ok(()) } else { Err(line) }
}

fn path_str(path: &Path) -> Result<String, String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: not UTF-8", path.display()))
}
