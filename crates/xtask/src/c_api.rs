//! The C API's checks (issues 5 and 12), run by `cargo xtask test` after the Rust tests:
//!
//! 1. cbindgen (pinned) regenerates `crates/icp-ffi/include/icp_number.h` into `target/c-api/`;
//!    the test fails when it differs from the checked-in header.
//! 2. `tests/c/*.c`, built with `gcc -std=c99 -Wall -Wextra -Werror -pedantic` against the static
//!    library of `cargo build -p icp-ffi`, runs every `tests/vectors/*.txt` and
//!    `tests/vectors/scan/*.txt` file and the hostile calls under
//!    `valgrind --error-exitcode=1 --leak-check=full`.
//! 3. `tests/c/header.cpp`, built with `g++ -std=c++11 … -pedantic`, proves the header from C++.
//! 4. `cargo xtask install-c` into `target/c-api/prefix`: the shared library carries the SONAME
//!    `libicp_number.so.0` (`readelf -d`) behind its two links, pkg-config knows the version.
//! 5. The root README's C program, built through pkg-config and through CMake (`find_package`,
//!    with the C README's `CMakeLists.txt`, against the shared and the static library), prints
//!    what the README shows, run against the installed shared library with `LD_LIBRARY_PATH`.
//! 6. The examples in `crates/icp-ffi/examples`, built through pkg-config: `icp_check.c` checks
//!    a valid and an invalid number; `icp_scan_stdin.c` is the C README's streaming program.
//! 7. The C README's programs, linked statically and small (`-Wl,--gc-sections`, as it shows),
//!    print what it shows (given its HTML on standard input where it has one); its status table
//!    lists every status of the header with its value.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::install_c::{self, SOVERSION, VERSION};
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
    /// `target/c-api/prefix`, where `install-c` puts the library.
    prefix: PathBuf,
}

impl Paths {
    fn lib(&self) -> PathBuf {
        self.prefix.join("lib")
    }
}

pub(crate) fn test() -> Result<(), String> {
    install::apt(&[
        "gcc",
        "g++",
        "make",
        "valgrind",
        "pkg-config",
        "cmake",
        "binutils",
    ])?;
    install::cargo_tool("cbindgen", CBINDGEN, "cbindgen")?;

    let root = install_c::root()?;
    let target = install_c::target_dir(&root);
    let out = target.join("c-api");
    let paths = Paths {
        ffi: root.join("crates/icp-ffi"),
        prefix: out.join("prefix"),
        root,
        out,
    };

    check_header(&paths)?;
    let native = install_c::native_libs(&read(&paths.ffi.join("icp_number.pc.in"))?)?;

    // 2. The C test, under valgrind, over every vector file (the debug build, static).
    run("cargo", &["build", "--package", "icp-ffi"])?;
    let include = format!("-I{}", path(&paths.ffi.join("include")));
    let mut link = vec![path(&target.join("debug/libicp_number_ffi.a"))];
    link.extend(native.iter().cloned());
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

    // 3. The header from C++.
    let cpp_test = path(&paths.out.join("icp_cpp_test"));
    let source = [path(&paths.root.join("tests/c/header.cpp"))];
    compile("g++", &CXXFLAGS, &include, &source, &link, &cpp_test)?;
    run(&cpp_test, &[])?;

    // 4. The install.
    if paths.prefix.exists() {
        fs::remove_dir_all(&paths.prefix)
            .map_err(|e| format!("{}: {e}", paths.prefix.display()))?;
    }
    install_c::install(&paths.prefix)?;
    check_install(&paths)?;

    // 5. The root README's program, through pkg-config and CMake.
    let flags = pkg_config(&paths, &["--cflags", "--libs", "icp_number"])?;
    let front = root_readme_example(&read(&paths.root.join("README.md"))?)?;
    let source = paths.out.join("readme_example.c");
    write(&source, &front.program)?;
    let binary = path(&paths.out.join("readme_example"));
    compile("gcc", &CFLAGS, "", &[path(&source)], &flags, &binary)?;
    check_needs_soname(&binary)?;
    let lib = paths.lib();
    let shared = [("LD_LIBRARY_PATH", lib.as_path())];
    let got = run_program(&binary, &[], &shared, None)?;
    expect_output("the README's C program (pkg-config)", got, &front.stdout)?;

    let c_readme = read(&paths.ffi.join("README.md"))?;
    let blocks = fenced(&c_readme);
    cmake_build(&paths, &blocks, &front)?;

    // 6. The examples, through pkg-config, against the shared library.
    let example = path(&paths.out.join("icp_check"));
    let source = [path(&paths.ffi.join("examples/icp_check.c"))];
    compile("gcc", &CFLAGS, "", &source, &flags, &example)?;
    let valid = run_program(
        &example,
        &["--lenient", "京 ICP 备 12345678 号－1"],
        &shared,
        None,
    )?;
    let invalid = run_program(&example, &["--zh", "川ICP备12345678号"], &shared, None)?;
    let expected = [
        (
            valid,
            0,
            "京ICP备12345678号-1  ICP filing · 北京 Beijing (CN-BJ)",
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
    let programs = programs(&blocks);
    let stdin_example = paths.ffi.join("examples/icp_scan_stdin.c");
    let streaming = read(&stdin_example)?;
    let Some(streaming) = programs.iter().find(|p| p.program == streaming) else {
        return Err(format!(
            "crates/icp-ffi/README.md has no program equal to {}, with its input and output",
            stdin_example.display()
        ));
    };
    let example = path(&paths.out.join("icp_scan_stdin"));
    let source = [path(&stdin_example)];
    compile("gcc", &CFLAGS, "", &source, &flags, &example)?;
    let got = run_program(&example, &[], &shared, Some(&streaming.stdin))?;
    expect_output("icp_scan_stdin", got, &streaming.stdout)?;

    // 7. The C README's programs, static and small.
    if programs.len() < 2 {
        return Err(
            "crates/icp-ffi/README.md: expected at least two ```c programs, each \
                    followed by its ```text output (and its ```html input before that)"
                .to_owned(),
        );
    }
    let include = format!("-I{}", path(&paths.prefix.join("include")));
    let mut link = vec![
        path(&paths.lib().join("libicp_number.a")),
        "-Wl,--gc-sections".to_owned(),
    ];
    link.extend(native);
    for (i, example) in programs.iter().enumerate() {
        let name = format!("c_readme_program_{}", i + 1);
        let source = paths.out.join(format!("{name}.c"));
        write(&source, &example.program)?;
        let binary = path(&paths.out.join(&name));
        compile("gcc", &CFLAGS, &include, &[path(&source)], &link, &binary)?;
        let stdin = (!example.stdin.is_empty()).then_some(example.stdin.as_str());
        let got = run_program(&binary, &[], &[], stdin)?;
        expect_output(
            &format!("crates/icp-ffi/README.md's C program {}", i + 1),
            got,
            &example.stdout,
        )?;
    }
    check_status_table(&c_readme, &read(&paths.ffi.join("include/icp_number.h"))?)
}

/// Step 4: what `install-c` put into the prefix.
fn check_install(paths: &Paths) -> Result<(), String> {
    let lib = paths.lib();
    let real = format!("libicp_number.so.{VERSION}");
    let soname = format!("libicp_number.so.{SOVERSION}");
    let links = [
        (soname.clone(), real.clone()),
        ("libicp_number.so".to_owned(), soname.clone()),
    ];
    for (link, target) in links {
        let found = fs::read_link(lib.join(&link)).map_err(|e| format!("{link}: {e}"))?;
        if found != Path::new(&target) {
            return Err(format!(
                "{link} points to {}, not {target}",
                found.display()
            ));
        }
    }
    let dynamic = output("readelf", &["-d", &path(&lib.join(&real))], &[])?;
    let wanted = format!("Library soname: [{soname}]");
    if !dynamic.contains(&wanted) {
        return Err(format!("readelf -d {real} lacks {wanted:?}:\n{dynamic}"));
    }
    for file in [
        "include/icp_number.h",
        "lib/libicp_number.a",
        "lib/cmake/icp_number/icp_numberConfig.cmake",
        "lib/cmake/icp_number/icp_numberConfigVersion.cmake",
    ] {
        if !paths.prefix.join(file).is_file() {
            return Err(format!("install-c did not install {file}"));
        }
    }
    let version = pkg_config(paths, &["--modversion", "icp_number"])?;
    if version != [VERSION] {
        return Err(format!(
            "pkg-config --modversion icp_number: {version:?}, not {VERSION}"
        ));
    }
    Ok(())
}

/// A program linked against the shared library loads it by its SONAME.
fn check_needs_soname(binary: &str) -> Result<(), String> {
    let dynamic = output("readelf", &["-d", binary], &[])?;
    let wanted = format!("Shared library: [libicp_number.so.{SOVERSION}]");
    if dynamic.contains(&wanted) {
        Ok(())
    } else {
        Err(format!("readelf -d {binary} lacks {wanted:?}:\n{dynamic}"))
    }
}

/// Step 5, CMake: the C README's `CMakeLists.txt` (its ```` ```cmake ```` block) builds the root
/// README's program as `app` (shared) and `app_static` (static); both print what it shows.
fn cmake_build(paths: &Paths, blocks: &[(String, String)], front: &Example) -> Result<(), String> {
    let Some((_, lists)) = blocks.iter().find(|(lang, _)| lang == "cmake") else {
        return Err("crates/icp-ffi/README.md has no ```cmake block (a CMakeLists.txt)".to_owned());
    };
    let project = paths.out.join("cmake-example");
    let build = project.join("build");
    if project.exists() {
        fs::remove_dir_all(&project).map_err(|e| format!("{}: {e}", project.display()))?;
    }
    fs::create_dir_all(&project).map_err(|e| format!("{}: {e}", project.display()))?;
    write(&project.join("CMakeLists.txt"), lists)?;
    write(&project.join("app.c"), &front.program)?;
    run(
        "cmake",
        &[
            "-S",
            &path(&project),
            "-B",
            &path(&build),
            &format!("-DCMAKE_PREFIX_PATH={}", path(&paths.prefix)),
            "-DCMAKE_C_FLAGS=-Wall -Wextra -Werror -pedantic",
        ],
    )?;
    run("cmake", &["--build", &path(&build)])?;
    let app = path(&build.join("app"));
    check_needs_soname(&app)?;
    let lib = paths.lib();
    let shared = [("LD_LIBRARY_PATH", lib.as_path())];
    let got = run_program(&app, &[], &shared, None)?;
    expect_output("the README's C program (CMake, shared)", got, &front.stdout)?;
    let got = run_program(&path(&build.join("app_static")), &[], &[], None)?;
    expect_output("the README's C program (CMake, static)", got, &front.stdout)
}

/// The C README's table of statuses lists every `ICP_OK`, `ICP_DONE` and `ICP_ERR_*` of the
/// header, with its value (`| 202 | `ICP_ERR_WRONG_ABBREVIATION` | … |`).
fn check_status_table(readme: &str, header: &str) -> Result<(), String> {
    let mut missing = Vec::new();
    for line in header.lines() {
        let Some((name, value)) = line.trim().trim_end_matches(',').split_once(" = ") else {
            continue;
        };
        if name == "ICP_OK" || name == "ICP_DONE" || name.starts_with("ICP_ERR_") {
            let row = format!("| {value} | `{name}` |");
            if !readme.contains(&row) {
                missing.push(row);
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "crates/icp-ffi/README.md's status table lacks these rows:\n{}",
            missing.join("\n")
        ))
    }
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
    let dir = paths.lib().join("pkgconfig");
    let text = output("pkg-config", args, &[("PKG_CONFIG_PATH", dir.as_path())])?;
    Ok(text.split_whitespace().map(str::to_owned).collect())
}

/// What `program args` prints on standard output; an error when it fails.
fn output(program: &str, args: &[&str], env: &[(&str, &Path)]) -> Result<String, String> {
    let line = format!("{program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().map_err(|e| format!("{line}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{line}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
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

/// A C program of a README: its source, what it reads on standard input (empty: nothing) and
/// what it prints.
struct Example {
    program: String,
    stdin: String,
    stdout: String,
}

/// The fenced blocks of a Markdown text, in order: the language after the fence, and the text
/// from the line after the fence to the closing one.
fn fenced(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some((lang.trim().to_owned(), String::new())),
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The programs among `blocks`: each ```` ```c ```` block followed by its ```` ```text ````
/// output, or by the ```` ```html ```` it reads on standard input and then its output. Other
/// ```` ```c ```` blocks are snippets.
fn programs(blocks: &[(String, String)]) -> Vec<Example> {
    let lang = |i: usize| blocks.get(i).map(|(l, _)| l.as_str());
    let mut found = Vec::new();
    for (i, (l, program)) in blocks.iter().enumerate() {
        if l != "c" {
            continue;
        }
        let (stdin, stdout) = match (lang(i + 1), lang(i + 2)) {
            (Some("text"), _) => (String::new(), blocks[i + 1].1.clone()),
            (Some("html"), Some("text")) => (blocks[i + 1].1.clone(), blocks[i + 2].1.clone()),
            _ => continue,
        };
        found.push(Example {
            program: program.clone(),
            stdin,
            stdout,
        });
    }
    found
}

/// The root README's C program: the first program of its "C and C++" section.
fn root_readme_example(readme: &str) -> Result<Example, String> {
    let section = readme.split("\n## C and C++\n").nth(1);
    let section = section.map(|s| s.split("\n## ").next().unwrap_or(s));
    let program = section.and_then(|s| programs(&fenced(s)).into_iter().next());
    program.ok_or_else(|| {
        "README.md: the \"## C and C++\" section needs a ```c program followed by its ```text \
         output"
            .to_owned()
    })
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
