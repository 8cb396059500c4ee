//! The Python package's checks (issue 14, `crates/icp-python`), run by `cargo xtask test` and
//! alone by `cargo xtask python`:
//!
//! 1. Java 17 for Spark (Debian's `openjdk-17-jre-headless`), unless `java` already runs.
//! 2. The CLI (`icp`), which the engine tests compare against.
//! 3. A virtual environment in the target directory (`python-venv`), with the exact packages
//!    of `crates/icp-python/requirements-dev.txt` (maturin, pyarrow, pyspark, Ray Data,
//!    pandas, pytest, mypy, Hypothesis and what they need). A stamp file holds the requirements
//!    it was made from: while they are unchanged the environment is used again, so a second run
//!    installs nothing.
//! 4. `maturin build --release`: the wheel, into `python-wheels`, then installed into the
//!    environment (prints its size).
//! 5. `pytest crates/icp-python/tests`: the shared vectors, the API, the Arrow kernels, a
//!    Hypothesis property, PySpark (`mapInArrow`, local mode) and Ray Data (`map_batches`) over
//!    a generated WET file compared with `icp scan`, and the two example pipelines.
//! 6. `mypy --strict` on `tests/typing_usage.py`, against the installed package's stubs, and
//!    on the package's Python source; mypy's `stubtest`, the stubs against the built module.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{install, run, run_in};

/// Where the package lives, from the workspace root.
const CRATE: &str = "crates/icp-python";

pub(crate) fn test() -> Result<(), String> {
    let (root, target) = crate::root_and_target()?;
    let package = root.join(CRATE);

    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|out| out.status.success()) {
        install::apt(&["openjdk-17-jre-headless"])?;
    }
    run("cargo", &["build", "--package", "icp-cli"])?;

    let venv = target.join("python-venv");
    environment(&venv, &package.join("requirements-dev.txt"))?;
    let bin = venv.join("bin");
    let python = path(&bin.join("python"))?;

    let wheels = target.join("python-wheels");
    if wheels.exists() {
        fs::remove_dir_all(&wheels).map_err(|e| format!("{}: {e}", wheels.display()))?;
    }
    let manifest = package.join("Cargo.toml");
    run(
        &path(&bin.join("maturin"))?,
        &[
            "build",
            "--release",
            "--manifest-path",
            &path(&manifest)?,
            "--out",
            &path(&wheels)?,
        ],
    )?;
    let wheel = only_wheel(&wheels)?;
    let size = fs::metadata(&wheel).map_err(|e| e.to_string())?.len();
    eprintln!(
        "\nxtask: wheel {} ({size} bytes)",
        wheel.file_name().unwrap_or_default().to_string_lossy()
    );
    run(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--force-reinstall",
            &path(&wheel)?,
        ],
    )?;

    let icp = target.join("debug/icp");
    let tests = package.join("tests");
    let status = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(&tests)
        .current_dir(&package)
        .env("ICP_CLI", &icp)
        // Spark's Python workers must run the environment's interpreter (pyarrow is there).
        .env("PYSPARK_PYTHON", &python)
        .env("PYSPARK_DRIVER_PYTHON", &python)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("HYPOTHESIS_STORAGE_DIRECTORY", target.join("hypothesis"))
        .status()
        .map_err(|e| format!("pytest: {e}"))?;
    eprintln!("\n==> pytest {}", tests.display());
    if !status.success() {
        return Err("pytest crates/icp-python/tests".into());
    }
    // The usage file against the installed package (its stubs and `py.typed`), then the
    // package's own Python source.
    let cache = path(&target.join("mypy-cache"))?;
    let mypy = path(&bin.join("mypy"))?;
    let usage = path(&tests.join("typing_usage.py"))?;
    run(&mypy, &["--strict", "--cache-dir", &cache, &usage])?;
    let source = path(&package.join("python/icp_number"))?;
    run(&mypy, &["--strict", "--cache-dir", &cache, &source])?;
    // The stubs against the built module: every name, signature and class there, and nothing
    // more (run from the target directory, so that the installed package is the one imported).
    run_in(
        Some(&path(&target)?),
        &python,
        &["-m", "mypy.stubtest", "icp_number"],
    )
}

/// Makes the virtual environment at `venv` from `requirements`, unless it was made from the
/// same requirements already (its stamp file holds them).
fn environment(venv: &Path, requirements: &Path) -> Result<(), String> {
    let wanted =
        fs::read_to_string(requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    let stamp = venv.join("requirements.stamp");
    if fs::read_to_string(&stamp).is_ok_and(|made| made == wanted) {
        eprintln!(
            "\nxtask: {} is up to date with {}",
            venv.display(),
            requirements.display()
        );
        return Ok(());
    }
    if venv.exists() {
        fs::remove_dir_all(venv).map_err(|e| format!("{}: {e}", venv.display()))?;
    }
    run("python3", &["-m", "venv", &path(venv)?])?;
    run(
        &path(&venv.join("bin/python"))?,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--requirement",
            &path(requirements)?,
        ],
    )?;
    fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// The one wheel maturin wrote into `dir`.
fn only_wheel(dir: &Path) -> Result<PathBuf, String> {
    let wheels: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "whl"))
        .collect();
    match &wheels[..] {
        [wheel] => Ok(wheel.clone()),
        _ => Err(format!(
            "{}: expected one wheel, found {wheels:?}",
            dir.display()
        )),
    }
}

/// A path as a `&str` argument.
fn path(path: &Path) -> Result<String, String> {
    path.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{} is not UTF-8", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of the requirements file is a comment or an exact pin (`name==version`), so
    /// that the environment is the same on every machine.
    #[test]
    fn requirements_are_pinned() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(CRATE)
            .join("requirements-dev.txt");
        let text = fs::read_to_string(&file).expect("requirements-dev.txt");
        let pins: Vec<&str> = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        for name in [
            "maturin", "pyarrow", "pyspark", "ray", "pandas", "pytest", "mypy",
        ] {
            assert!(
                pins.iter().any(|p| p.starts_with(&format!("{name}=="))),
                "{name} is not pinned"
            );
        }
        for pin in pins {
            let (name, version) = pin.split_once("==").unwrap_or_else(|| panic!("{pin}"));
            assert!(
                !name.is_empty() && !name.contains([' ', '<', '>', '~', '[']),
                "{pin}"
            );
            assert!(
                version
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.'),
                "{pin}: not an exact version"
            );
        }
    }
}
