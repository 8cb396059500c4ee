//! One answer everywhere: the cross-binding test. Every input of the shared vectors (the parse,
//! prefix and scan files, lenient-only inputs included) goes through Rust, the C library, the npm
//! package, the Python package and the `icp` command with default options, and every binding must give the answer the
//! Rust core gives:
//!
//! - `valid`: `is_valid` / `icp_is_valid` / `isValid` / `icp check`'s `valid`;
//! - `parse`: the canonical form or `NAME@CHAR_INDEX` (strict, as every binding's `parse` is by
//!   default);
//! - `prefix`: `check_prefix` (strict): `complete:CANONICAL`, `incomplete:EXPECTED` or an error;
//! - `scan`: every number found, `CANONICAL@START..END` in characters.
//!
//! The C runner is `tests/answers/answers.c`, the JavaScript runner `wasm/test/support/answers.js`,
//! the Python runner `crates/icp-python/tests/answers.py` (positions in code points, which are
//! Python's string indices); each reads the inputs as hex lines and print the same tab-separated answer lines as
//! [`rust_answer`]. The CLI answers `valid` and `parse` through `icp check --json` (for inputs
//! without line breaks, since it reads one number per line) and `scan` through `icp scan --json`
//! over one file per input.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use icp_number::{Status, scan};

/// A field a binding was not asked (the CLI reads one number per line, so it cannot check an
/// input with a line break in it).
const NOT_ASKED: &str = "n/a";

/// The answer fields, in line order.
const FIELDS: [&str; 4] = ["valid", "parse", "prefix", "scan"];

/// Inputs the issue that asked for this test named, besides the vectors.
const EXTRA: [&str; 4] = [
    "京 ICP备12345678号",
    "hello",
    "蜀ICP备16049139号Copyright © 2024",
    "京ICP备12345678号-1All Rights Reserved",
];

/// Runs the test; `lib` is the C install prefix's `lib` directory (with `pkgconfig/`), `out` a
/// scratch directory, `icp` the built `icp` binary, `python` the interpreter of the environment
/// the Python package is installed in (`cargo xtask python` makes it).
pub(crate) fn test(
    root: &Path,
    lib: &Path,
    out: &Path,
    icp: &Path,
    python: &Path,
) -> Result<(), String> {
    let inputs = inputs(root)?;
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let hex_file = out.join("inputs.hex");
    let hex: String = inputs.iter().map(|i| format!("{}\n", to_hex(i))).collect();
    fs::write(&hex_file, hex).map_err(|e| format!("{}: {e}", hex_file.display()))?;
    let expected: Vec<String> = inputs.iter().map(|i| rust_answer(i)).collect();

    let c = c_answers(root, lib, out, &hex_file)?;
    let js = js_answers(root, &hex_file)?;
    let py = python_answers(root, python, &hex_file)?;
    let mut problems = Vec::new();
    compare("C", &inputs, &expected, &c, &[0, 1, 2, 3], &mut problems);
    compare("npm", &inputs, &expected, &js, &[0, 1, 2, 3], &mut problems);
    compare(
        "Python",
        &inputs,
        &expected,
        &py,
        &[0, 1, 2, 3],
        &mut problems,
    );
    let cli = cli_answers(&inputs, out, icp)?;
    compare("icp", &inputs, &expected, &cli, &[0, 1, 3], &mut problems);
    eprintln!(
        "answers: {} inputs through Rust, C, npm, Python and icp ({} checks)",
        inputs.len(),
        inputs.len() * (4 * 3 + 3)
    );
    if problems.is_empty() {
        return Ok(());
    }
    for problem in problems.iter().take(20) {
        eprintln!("{problem}");
    }
    Err(format!(
        "{} answers differ from the Rust core's",
        problems.len()
    ))
}

/// Every input of `tests/vectors/*.txt` and `tests/vectors/scan/*.txt`, once each, in file
/// order, then [`EXTRA`].
fn inputs(root: &Path) -> Result<Vec<String>, String> {
    let mut seen = BTreeMap::new();
    let mut out = Vec::new();
    for dir in ["tests/vectors", "tests/vectors/scan"] {
        let dir = root.join(dir);
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for file in files {
            let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            for line in text.lines() {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let field = line.split('\t').next().unwrap_or_default();
                let input = crate::vectors::unescape(field)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                if seen.insert(input.clone(), ()).is_none() {
                    out.push(input);
                }
            }
        }
    }
    for extra in EXTRA {
        if seen.insert(extra.to_owned(), ()).is_none() {
            out.push(extra.to_owned());
        }
    }
    Ok(out)
}

fn to_hex(text: &str) -> String {
    text.bytes().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The number of characters in `text[..byte]`.
fn chars(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |head| head.chars().count())
}

/// The Rust core's answer line, with default options.
fn rust_answer(input: &str) -> String {
    let error = |e: icp_number::Error| format!("{}@{}", e.kind().name(), e.char_index());
    let parse = icp_number::parse(input).map_or_else(error, |n| n.to_string());
    let prefix = match icp_number::check_prefix(input) {
        Ok(Status::Complete(parsed)) => format!("complete:{}", parsed.number),
        Ok(Status::Incomplete(next)) => format!("incomplete:{}", next.name()),
        Err(e) => error(e),
    };
    [
        u8::from(icp_number::is_valid(input)).to_string(),
        parse,
        prefix,
        scan_answer(
            input,
            scan(input).map(|m| (m.number().to_string(), m.range())),
        ),
    ]
    .join("\t")
}

/// `CANONICAL@START..END;…` in characters, from byte ranges, or `-`.
fn scan_answer(
    text: &str,
    found: impl Iterator<Item = (String, std::ops::Range<usize>)>,
) -> String {
    let spans: Vec<String> = found
        .map(|(canonical, range)| {
            format!(
                "{canonical}@{}..{}",
                chars(text, range.start),
                chars(text, range.end)
            )
        })
        .collect();
    if spans.is_empty() {
        "-".to_owned()
    } else {
        spans.join(";")
    }
}

/// Compares the `fields` of each binding answer line with the Rust line.
fn compare(
    binding: &str,
    inputs: &[String],
    expected: &[String],
    got: &[String],
    fields: &[usize],
    problems: &mut Vec<String>,
) {
    if got.len() != expected.len() {
        problems.push(format!(
            "{binding}: {} answers for {} inputs",
            got.len(),
            expected.len()
        ));
        return;
    }
    for ((input, want), have) in inputs.iter().zip(expected).zip(got) {
        let want: Vec<&str> = want.split('\t').collect();
        let have: Vec<&str> = have.split('\t').collect();
        for &i in fields {
            if have.get(i) != Some(&NOT_ASKED) && want.get(i) != have.get(i) {
                problems.push(format!(
                    "{binding}: {input:?}: {}: Rust {:?}, {binding} {:?}",
                    FIELDS[i],
                    want.get(i),
                    have.get(i)
                ));
            }
        }
    }
}

fn output(command: &mut Command, what: &str) -> Result<String, String> {
    let out = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what}: exit status {}", out.status));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{what}: {e}"))
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Builds `tests/answers/answers.c` against the installed shared library (pkg-config) and runs it.
fn c_answers(root: &Path, lib: &Path, out: &Path, hex: &Path) -> Result<Vec<String>, String> {
    let flags = output(
        Command::new("pkg-config")
            .args(["--cflags", "--libs", "icp_number"])
            .env("PKG_CONFIG_PATH", lib.join("pkgconfig")),
        "pkg-config icp_number",
    )?;
    let binary = out.join("answers");
    let source = root.join("tests/answers/answers.c");
    output(
        Command::new("gcc")
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-o"])
            .arg(&binary)
            .arg(&source)
            .args(flags.split_whitespace()),
        "gcc answers.c",
    )?;
    let text = output(
        Command::new(&binary).arg(hex).env("LD_LIBRARY_PATH", lib),
        "answers (C)",
    )?;
    Ok(lines(&text))
}

/// Runs `wasm/test/support/answers.js`, which imports the built package by name.
fn js_answers(root: &Path, hex: &Path) -> Result<Vec<String>, String> {
    let text = output(
        Command::new("node")
            .arg(root.join("wasm/test/support/answers.js"))
            .arg(hex)
            .current_dir(root.join("wasm")),
        "answers.mjs (npm)",
    )?;
    Ok(lines(&text))
}

/// Runs `crates/icp-python/tests/answers.py` with the environment's interpreter, which imports
/// the installed wheel.
fn python_answers(root: &Path, python: &Path, hex: &Path) -> Result<Vec<String>, String> {
    let text = output(
        Command::new(python)
            .arg(root.join("crates/icp-python/tests/answers.py"))
            .arg(hex)
            .env("PYTHONIOENCODING", "utf-8"),
        "answers.py (Python)",
    )?;
    Ok(lines(&text))
}

/// `icp check --json` over the inputs without line breaks, `icp scan --json` over one file per
/// input; an input the CLI cannot take whole on a line gets [`NOT_ASKED`] for `valid` and
/// `parse`.
fn cli_answers(inputs: &[String], out: &Path, icp: &Path) -> Result<Vec<String>, String> {
    let one_line = |i: &String| {
        !i.contains([
            '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
        ])
    };
    let checked: Vec<&String> = inputs.iter().filter(|i| one_line(i)).collect();
    let mut child = Command::new(icp)
        .args(["check", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("icp check: {e}"))?;
    let stdin: String = checked.iter().map(|i| format!("{i}\n")).collect();
    let mut pipe = child.stdin.take().ok_or("icp check: no stdin")?;
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut pipe, stdin.as_bytes()));
    let done = child
        .wait_with_output()
        .map_err(|e| format!("icp check: {e}"))?;
    writer
        .join()
        .map_err(|_| "icp check: writer panicked")?
        .map_err(|e| format!("icp check: {e}"))?;
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&done.stdout)
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("icp check --json: {e}"))?;
    if records.len() != checked.len() {
        return Err(format!(
            "icp check --json: {} records for {} inputs",
            records.len(),
            checked.len()
        ));
    }
    let mut check: BTreeMap<&String, (String, String)> = BTreeMap::new();
    for (input, record) in checked.iter().zip(&records) {
        check.insert(input, cli_check(input, record)?);
    }

    let dir = out.join("answers-scan");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = |i: usize| format!("{i:05}.txt");
    for (i, input) in inputs.iter().enumerate() {
        fs::write(dir.join(name(i)), input).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let scanned = output(
        Command::new(icp).args(["scan", "--json"]).arg(&dir),
        "icp scan --json",
    )?;
    let mut found: BTreeMap<String, Vec<(String, std::ops::Range<usize>)>> = BTreeMap::new();
    for line in scanned.lines() {
        let record: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("icp scan --json: {e}: {line}"))?;
        let file = record["path"].as_str().unwrap_or_default();
        let file = Path::new(file)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let canonical = record["number"]["canonical"]
            .as_str()
            .ok_or_else(|| format!("icp scan --json: no number.canonical in {line}"))?;
        let start = record["byte"].as_u64().unwrap_or_default() as usize;
        let text = record["text"].as_str().unwrap_or_default();
        found
            .entry(file)
            .or_default()
            .push((canonical.to_owned(), start..start + text.len()));
    }
    Ok(inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let spans = found.remove(&name(i)).unwrap_or_default();
            let (valid, parse) = check
                .get(input)
                .cloned()
                .unwrap_or_else(|| (NOT_ASKED.to_owned(), NOT_ASKED.to_owned()));
            let scan = scan_answer(input, spans.into_iter());
            [valid, parse, NOT_ASKED.to_owned(), scan].join("\t")
        })
        .collect())
}

/// `valid` and `parse` from one `icp check --json` record.
fn cli_check(input: &str, record: &serde_json::Value) -> Result<(String, String), String> {
    let valid = record["valid"]
        .as_bool()
        .ok_or_else(|| format!("icp check --json: no `valid` for {input:?}"))?;
    let parse = if valid {
        record["number"]["canonical"]
            .as_str()
            .ok_or_else(|| format!("icp check --json: no number.canonical for {input:?}"))?
            .to_owned()
    } else {
        let error = &record["error"];
        format!(
            "{}@{}",
            error["name"].as_str().unwrap_or("?"),
            error["at"].as_u64().unwrap_or(u64::MAX)
        )
    };
    Ok((u8::from(valid).to_string(), parse))
}
