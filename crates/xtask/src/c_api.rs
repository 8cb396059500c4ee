//! The C API's checks (issue 5), run by `cargo xtask test` after the Rust tests:
//!
//! 1. cbindgen (pinned) regenerates `crates/icp-ffi/include/icp_number.h` into `target/c-api/`;
//!    the test fails when it differs from the checked-in header.
//! 2. `cargo build -p icp-ffi`, then the README's install recipe into `target/c-api/prefix`:
//!    `include/icp_number.h`, `lib/libicp_number_ffi.{a,so}`, `lib/pkgconfig/icp_number.pc`.
//! 3. `tests/c/*.c`, built with `gcc -std=c99 -Wall -Wextra -Werror -pedantic` against the static
//!    library, runs every `tests/vectors/*.txt` and `tests/vectors/scan/*.txt` file and the
//!    hostile calls under `valgrind --error-exitcode=1 --leak-check=full`.
//! 4. `tests/c/header.cpp`, built with `g++ -std=c++11 … -pedantic`, proves the header from C++.
//! 5. The examples in `crates/icp-ffi/examples`, built through pkg-config against the shared
//!    library: `icp_check.c` checks a valid and an invalid number; `icp_scan_stdin.c` reads the
//!    README's page on standard input in chunks and prints what the README shows.
//! 6. The README's two C programs, built against the static library, print what the README
//!    shows: the first, then the second (a copy of `icp_scan_stdin.c`) with the README's page on
//!    standard input.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{install, run};

/// cbindgen's version: pinned, since point releases change the output cosmetically.
const CBINDGEN: &str = "0.29.4";

/// The C standard and warnings the C test, the example and the README's program are built with.
const CFLAGS: [&str; 5] = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

/// The same warnings for the C++ check.
const CXXFLAGS: [&str; 5] = ["-std=c++11", "-Wall", "-Wextra", "-Werror", "-pedantic"];

/// Paths every step uses.
struct Paths {
    root: PathBuf,
    ffi: PathBuf,
    /// `target/c-api`: the generated header, the programs, the install prefix.
    out: PathBuf,
    /// `target/c-api/prefix/lib`.
    lib: PathBuf,
}

pub(crate) fn test() -> Result<(), String> {
    install::apt(&["gcc", "g++", "valgrind", "pkg-config"])?;
    install::cargo_tool("cbindgen", CBINDGEN, "cbindgen")?;

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let out = target.join("c-api");
    let paths = Paths {
        ffi: root.join("crates/icp-ffi"),
        lib: out.join("prefix/lib"),
        root,
        out,
    };

    check_header(&paths)?;
    run("cargo", &["build", "--package", "icp-ffi"])?;
    let native = install_prefix(&paths, &target.join("debug"))?;
    let include = format!("-I{}", path(&paths.out.join("prefix/include")));
    // A static link: the archive, then the system libraries the Rust standard library needs.
    let mut link = vec![path(&paths.lib.join("libicp_number_ffi.a"))];
    link.extend(native);

    // 3. The C test, under valgrind, over every vector file.
    let c_test = path(&paths.out.join("icp_c_test"));
    let sources =
        ["main.c", "vectors.c", "hostile.c"].map(|f| path(&paths.root.join("tests/c").join(f)));
    compile("gcc", &CFLAGS, &include, &sources, &link, &c_test)?;
    let mut args = owned(&[
        "--error-exitcode=1",
        "--leak-check=full",
        "--quiet",
        &c_test,
    ]);
    args.extend(vector_files(&paths.root.join("tests/vectors"))?);
    let scan = vector_files(&paths.root.join("tests/vectors/scan"))?;
    if !scan.is_empty() {
        args.push("--scan".to_owned());
        args.extend(scan);
    }
    run("valgrind", &strs(&args))?;

    // 4. The header from C++.
    let cpp_test = path(&paths.out.join("icp_cpp_test"));
    let source = [path(&paths.root.join("tests/c/header.cpp"))];
    compile("g++", &CXXFLAGS, &include, &source, &link, &cpp_test)?;
    run(&cpp_test, &[])?;

    let readme = readme_examples(&read(&paths.root.join("README.md"))?)?;

    // 5. The examples, through pkg-config, against the shared library.
    let example = path(&paths.out.join("icp_check"));
    let flags = pkg_config(&paths, &["--cflags", "--libs", "icp_number"])?;
    let source = [path(&paths.ffi.join("examples/icp_check.c"))];
    compile("gcc", &CFLAGS, "", &source, &flags, &example)?;
    let shared = [("LD_LIBRARY_PATH", paths.lib.as_path())];
    let valid = run_program(&example, &["京 ICP 备 12345678 号－1"], &shared, None)?;
    let invalid = run_program(
        &example,
        &["--strict", "--zh", "川ICP备12345678号"],
        &shared,
        None,
    )?;
    let expected = [
        (
            valid,
            0,
            "京ICP备12345678号-1  filing · 北京 Beijing (CN-BJ)",
        ),
        (invalid, 1, "四川的ICP备案号使用“蜀”而不是“川”"),
    ];
    for ((status, stdout), want_status, want) in expected {
        if status != Some(want_status) || !stdout.contains(want) {
            return Err(format!(
                "icp_check: expected status {want_status} and {want:?}, got {status:?}"
            ));
        }
    }

    let stdin_example = paths.ffi.join("examples/icp_scan_stdin.c");
    let [_, streaming] = &readme;
    if read(&stdin_example)? != streaming.program {
        return Err(format!(
            "the README's second C program differs from {}: they must be the same",
            stdin_example.display()
        ));
    }
    let example = path(&paths.out.join("icp_scan_stdin"));
    compile(
        "gcc",
        &CFLAGS,
        "",
        &[path(&stdin_example)],
        &flags,
        &example,
    )?;
    let got = run_program(&example, &[], &shared, Some(&streaming.stdin))?;
    expect_output("icp_scan_stdin", got, &streaming.stdout)?;

    // 6. The README's C programs print what the README shows.
    for (i, example) in readme.iter().enumerate() {
        let name = format!("readme_example_{}", i + 1);
        let source = paths.out.join(format!("{name}.c"));
        write(&source, &example.program)?;
        let binary = path(&paths.out.join(&name));
        compile("gcc", &CFLAGS, &include, &[path(&source)], &link, &binary)?;
        let stdin = (!example.stdin.is_empty()).then_some(example.stdin.as_str());
        let got = run_program(&binary, &[], &[], stdin)?;
        expect_output(
            &format!("the README's C program {}", i + 1),
            got,
            &example.stdout,
        )?;
    }
    Ok(())
}

/// Checks that a program exited with status 0, having printed `expected`.
fn expect_output(
    what: &str,
    (status, stdout): (Option<i32>, String),
    expected: &str,
) -> Result<(), String> {
    if status != Some(0) || stdout != expected {
        return Err(format!(
            "{what} exited with {status:?}, having printed\n{stdout}instead of\n{expected}"
        ));
    }
    Ok(())
}

/// Step 1: the checked-in header is what cbindgen writes now.
fn check_header(paths: &Paths) -> Result<(), String> {
    fs::create_dir_all(&paths.out).map_err(|e| format!("{}: {e}", paths.out.display()))?;
    let header = paths.ffi.join("include/icp_number.h");
    let fresh = paths.out.join("icp_number.h");
    run(
        "cbindgen",
        &[
            "--quiet",
            "--config",
            &path(&paths.ffi.join("cbindgen.toml")),
            "--crate",
            "icp-ffi",
            "--output",
            &path(&fresh),
            &path(&paths.ffi),
        ],
    )?;
    if read(&fresh)? != read(&header)? {
        return Err(format!(
            "{} is out of date: regenerate it with\n  cbindgen --config crates/icp-ffi/cbindgen.toml \
             --crate icp-ffi --output crates/icp-ffi/include/icp_number.h\n(cbindgen {CBINDGEN}: \
             cargo install --locked cbindgen --version {CBINDGEN}) and review the diff",
            header.display()
        ));
    }
    Ok(())
}

/// Step 2: installs the header, both libraries and the pkg-config file into
/// `target/c-api/prefix`, as the README says; returns the system libraries of a static link
/// (the `.pc` file's `Libs.private`).
fn install_prefix(paths: &Paths, built: &Path) -> Result<Vec<String>, String> {
    let include = paths.out.join("prefix/include");
    for dir in [include.clone(), paths.lib.join("pkgconfig")] {
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    copy(
        &paths.ffi.join("include/icp_number.h"),
        &include.join("icp_number.h"),
    )?;
    for file in ["libicp_number_ffi.a", "libicp_number_ffi.so"] {
        copy(&built.join(file), &paths.lib.join(file))?;
    }
    let template = read(&paths.ffi.join("icp_number.pc.in"))?;
    let pc = template
        .replace("@PREFIX@", &path(&paths.out.join("prefix")))
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"));
    write(&paths.lib.join("pkgconfig/icp_number.pc"), &pc)?;
    let native = template
        .lines()
        .find_map(|l| l.strip_prefix("Libs.private:"))
        .ok_or("icp_number.pc.in has no Libs.private line")?;
    Ok(native.split_whitespace().map(str::to_owned).collect())
}

/// Compiles and links `sources` into `output`.
fn compile(
    compiler: &str,
    flags: &[&str],
    include: &str,
    sources: &[String],
    link: &[String],
    output: &str,
) -> Result<(), String> {
    let mut args = owned(flags);
    if !include.is_empty() {
        args.push(include.to_owned());
    }
    args.extend(sources.iter().cloned());
    args.extend(link.iter().cloned());
    args.extend(["-o".to_owned(), output.to_owned()]);
    run(compiler, &strs(&args))
}

/// What `pkg-config args` prints for the installed `.pc` file, split into arguments.
fn pkg_config(paths: &Paths, args: &[&str]) -> Result<Vec<String>, String> {
    let output = Command::new("pkg-config")
        .args(args)
        .env("PKG_CONFIG_PATH", paths.lib.join("pkgconfig"))
        .output()
        .map_err(|e| format!("pkg-config: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "pkg-config {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text.split_whitespace().map(str::to_owned).collect())
}

/// Runs `program` (with `stdin` on its standard input, else none), echoing it and its output;
/// returns its exit status and standard output.
fn run_program(
    program: &str,
    args: &[&str],
    env: &[(&str, &Path)],
    stdin: Option<&str>,
) -> Result<(Option<i32>, String), String> {
    let line = format!("{program} {}", args.join(" "));
    eprintln!(
        "\n==> {line}{}",
        if stdin.is_some() { " < (input)" } else { "" }
    );
    let mut command = Command::new(program);
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| format!("{line}: {e}"))?;
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // The inputs are small: the pipe takes them whole before the program prints anything.
        pipe.write_all(text.as_bytes())
            .map_err(|e| format!("{line}: standard input: {e}"))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("{line}: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    eprint!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    Ok((output.status.code(), stdout))
}

/// A C program of the README: its source, what it reads on standard input (empty: nothing) and
/// what it prints.
struct Example {
    program: String,
    stdin: String,
    stdout: String,
}

/// The C programs of the README's "C and C++" section: its first ```` ```c ```` block and the
/// ```` ```text ```` block that follows (the output); then the next ```` ```c ```` block, the
/// ```` ```html ```` block that follows (the standard input) and the ```` ```text ```` block
/// after that.
fn readme_examples(readme: &str) -> Result<[Example; 2], String> {
    let missing = || {
        "README.md: the \"## C and C++\" section needs a ```c and a ```text block, then a ```c, \
         a ```html and a ```text block"
            .to_owned()
    };
    let section = readme
        .split("\n## C and C++\n")
        .nth(1)
        .ok_or_else(missing)?;
    let mut rest = section.split("\n## ").next().unwrap_or(section);
    // The next block opened by `fence`, from the line after the fence to the closing one.
    let mut next = |fence: &str| -> Result<String, String> {
        let block = || -> Option<(String, usize)> {
            let start = rest.find(fence)? + fence.len();
            let len = rest[start..].find("\n```\n")? + 1;
            Some((rest[start..start + len].to_owned(), start + len))
        };
        let (text, end) = block().ok_or_else(missing)?;
        rest = &rest[end..];
        Ok(text)
    };
    let first = Example {
        program: next("\n```c\n")?,
        stdin: String::new(),
        stdout: next("\n```text\n")?,
    };
    let second = Example {
        program: next("\n```c\n")?,
        stdin: next("\n```html\n")?,
        stdout: next("\n```text\n")?,
    };
    Ok([first, second])
}

/// The `*.txt` files of `dir`, sorted (none when `dir` does not exist).
fn vector_files(dir: &Path) -> Result<Vec<String>, String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries {
        let file = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if file.extension().is_some_and(|ext| ext == "txt") {
            files.push(path(&file));
        }
    }
    files.sort();
    Ok(files)
}

fn path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| (*s).to_owned()).collect()
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn read(file: &Path) -> Result<String, String> {
    fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))
}

fn write(file: &Path, text: &str) -> Result<(), String> {
    fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}
