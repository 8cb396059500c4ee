//! `cargo xtask install-c --prefix P`: builds the C library (release) and installs it the way C
//! projects expect, under one name, `icp_number`:
//!
//! ```text
//! P/include/icp_number.h
//! P/lib/libicp_number.a
//! P/lib/libicp_number.so.0.1.0          SONAME libicp_number.so.0 (crates/icp-ffi/build.rs)
//! P/lib/libicp_number.so.0 -> libicp_number.so.0.1.0
//! P/lib/libicp_number.so   -> libicp_number.so.0
//! P/lib/pkgconfig/icp_number.pc
//! P/lib/cmake/icp_number/icp_numberConfig.cmake
//! P/lib/cmake/icp_number/icp_numberConfigVersion.cmake
//! ```
//!
//! Cargo builds the library as `libicp_number_ffi.{a,so}`: the core crate's library is already
//! called `icp_number` in the workspace, and two libraries of one name would collide in the
//! target directory. The install gives the files their C name.

use std::fs;
use std::path::{Path, PathBuf};

use crate::run;

/// The version of the C library: icp-ffi's, which is the workspace's, as is xtask's.
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The ABI version, the SONAME's number: the major version (crates/icp-ffi/build.rs).
pub(crate) const SOVERSION: &str = env!("CARGO_PKG_VERSION_MAJOR");

/// `cargo xtask install-c --prefix P` (or `--prefix=P`).
pub(crate) fn command(args: &[String]) -> Result<(), String> {
    let usage = "usage: cargo xtask install-c --prefix PREFIX";
    let prefix = match args {
        [flag, prefix] if flag == "--prefix" => prefix.clone(),
        [arg] if arg.starts_with("--prefix=") => arg["--prefix=".len()..].to_owned(),
        _ => return Err(usage.to_owned()),
    };
    if prefix.is_empty() {
        return Err(usage.to_owned());
    }
    let prefix = std::path::absolute(&prefix).map_err(|e| format!("--prefix {prefix}: {e}"))?;
    install(&prefix)?;
    eprintln!(
        "\nxtask: installed icp_number {VERSION} into {}\n  \
         pkg-config: PKG_CONFIG_PATH={}\n  \
         CMake:      -DCMAKE_PREFIX_PATH={}",
        prefix.display(),
        prefix.join("lib/pkgconfig").display(),
        prefix.display()
    );
    Ok(())
}

/// Builds the release library and installs it into `prefix` (an absolute path).
pub(crate) fn install(prefix: &Path) -> Result<(), String> {
    if !cfg!(target_os = "linux") {
        return Err(
            "install-c installs the ELF layout (a versioned .so); on other systems \
                    copy the header and target/release/libicp_number_ffi.* by hand"
                .to_owned(),
        );
    }
    let root = root()?;
    let ffi = root.join("crates/icp-ffi");
    let header = ffi.join("include/icp_number.h");
    check_header_version(&header)?;
    run("cargo", &["build", "--release", "--package", "icp-ffi"])?;
    let built = target_dir(&root).join("release");

    let include = prefix.join("include");
    let lib = prefix.join("lib");
    let cmake = lib.join("cmake/icp_number");
    for dir in [&include, &lib.join("pkgconfig"), &cmake] {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    copy(&header, &include.join("icp_number.h"), 0o644)?;
    copy(
        &built.join("libicp_number_ffi.a"),
        &lib.join("libicp_number.a"),
        0o644,
    )?;
    let real = format!("libicp_number.so.{VERSION}");
    let soname = format!("libicp_number.so.{SOVERSION}");
    copy(&built.join("libicp_number_ffi.so"), &lib.join(&real), 0o755)?;
    symlink(&real, &lib.join(&soname))?;
    symlink(&soname, &lib.join("libicp_number.so"))?;

    let pc = read(&ffi.join("icp_number.pc.in"))?;
    let native = native_libs(&pc)?;
    let pc = pc
        .replace("@PREFIX@", &prefix.to_string_lossy())
        .replace("@VERSION@", VERSION);
    write(&lib.join("pkgconfig/icp_number.pc"), &pc)?;

    let mut parts = VERSION.split('.');
    let (major, minor) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let cmake_libs: Vec<&str> = native
        .iter()
        .map(|l| l.strip_prefix("-l").unwrap_or(l))
        .collect();
    let fill = |text: String| {
        text.replace("@VERSION@", VERSION)
            .replace("@SOVERSION@", SOVERSION)
            .replace("@MAJOR@", major)
            .replace("@MINOR@", minor)
            .replace("@NATIVE_LIBS@", &cmake_libs.join(";"))
            .replace("@SIZEOF_VOID_P@", &std::mem::size_of::<usize>().to_string())
    };
    for name in ["icp_numberConfig.cmake", "icp_numberConfigVersion.cmake"] {
        let template = read(&ffi.join(format!("cmake/{name}.in")))?;
        write(&cmake.join(name), &fill(template))?;
    }
    Ok(())
}

/// The system libraries a static link needs: the `.pc` template's `Libs.private`.
pub(crate) fn native_libs(pc: &str) -> Result<Vec<String>, String> {
    let line = pc
        .lines()
        .find_map(|l| l.strip_prefix("Libs.private:"))
        .ok_or("icp_number.pc.in has no Libs.private line")?;
    Ok(line.split_whitespace().map(str::to_owned).collect())
}

/// The header's version macro is the version the files are installed under.
fn check_header_version(header: &Path) -> Result<(), String> {
    let line = format!("#define ICP_NUMBER_VERSION \"{VERSION}\"\n");
    if read(header)?.contains(&line) {
        Ok(())
    } else {
        Err(format!(
            "{} lacks {line:?}: update after_includes in crates/icp-ffi/cbindgen.toml",
            header.display()
        ))
    }
}

/// The workspace root.
pub(crate) fn root() -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, else `target` in the workspace).
pub(crate) fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from)
}

fn read(file: &Path) -> Result<String, String> {
    fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))
}

fn write(file: &Path, text: &str) -> Result<(), String> {
    fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))
}

/// Copies `from` to `to` with permissions `mode`, replacing what is there (a file or a link).
fn copy(from: &Path, to: &Path, mode: u32) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{} -> {}: {e}", from.display(), to.display());
    remove(to)?;
    fs::copy(from, to).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        fs::set_permissions(to, fs::Permissions::from_mode(mode)).map_err(failed)?;
    }
    let _ = mode;
    Ok(())
}

/// Makes `link` a symbolic link to `target` (a name in the same directory).
fn symlink(target: &str, link: &Path) -> Result<(), String> {
    remove(link)?;
    #[cfg(unix)]
    return std::os::unix::fs::symlink(target, link)
        .map_err(|e| format!("{} -> {target}: {e}", link.display()));
    #[cfg(not(unix))]
    Err(format!(
        "{}: symbolic links need a Unix system",
        link.display()
    ))
}

/// Removes `path` if it exists (a file or a symbolic link, even a dangling one).
fn remove(path: &Path) -> Result<(), String> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", path.display()))
        }
        _ => Ok(()),
    }
}
