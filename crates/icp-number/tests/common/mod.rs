#![allow(dead_code)]
//! Reads the shared test vectors in `tests/vectors/*.txt` (at the workspace root, reached through
//! the crate's `tests/vectors` symlink, which `cargo package` packs as a directory), the contract
//! that the Rust, C and JavaScript bindings all check, and runs one case through the library.
//!
//! One case per line, fields separated by one TAB: `input<TAB>mode<TAB>expected[<TAB>fixes]`.
//!
//! - `input` escapes: `\t`, `\n`, `\\` and `\u{XXXX}`; an empty input is an empty first field.
//! - `mode`: `strict`, `lenient`, `prefix` (strict `check_prefix`) or `prefix-lenient`, with an
//!   optional `:YYYY` that sets `max_year`.
//! - `expected`: the canonical form of a success, `NAME@N` for an error (`ErrorKind::name()` and
//!   `Error::char_index()`), or, in the prefix modes, `incomplete:<Expected::name()>`.
//! - `fixes`: on successes in the lenient modes (`lenient`, `prefix-lenient`) only, and required there:
//!   `Fix::name()`s in bit order, comma-separated, or `-` for none.
//!
//! Lines starting with `#` are comments; empty lines are ignored. Anything else that does not
//! follow the format fails the test, naming its file and line.

use std::fs;
use std::path::{Path, PathBuf};

use icp_number::{ErrorKind, Expected, Fix, Options, Parsed, Status};

// The escapes of the input field, in a file of their own: the core's unit tests read it too.
mod unescape;
pub use unescape::unescape;

/// The least number of cases the vector files must hold together.
pub const MIN_CASES: usize = 300;

/// Every `Expected` a vector may name.
pub const EXPECTED: &[Expected] = Expected::ALL;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    Strict,
    Lenient,
    Prefix,
    PrefixLenient,
}

impl Call {
    pub fn lenient(self) -> bool {
        matches!(self, Call::Lenient | Call::PrefixLenient)
    }

    pub fn prefix(self) -> bool {
        matches!(self, Call::Prefix | Call::PrefixLenient)
    }
}

/// The outcome of one case, written as a vector writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A number (or a complete prefix): its canonical form and, in the lenient modes, its fixes.
    Number {
        canonical: String,
        fixes: Option<String>,
    },
    /// `NAME@N`.
    Error { name: String, at: usize },
    /// `incomplete:<name>`.
    Incomplete(String),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Number {
                canonical,
                fixes: Some(fixes),
            } => write!(f, "{canonical}\t{fixes}"),
            Outcome::Number {
                canonical,
                fixes: None,
            } => f.write_str(canonical),
            Outcome::Error { name, at } => write!(f, "{name}@{at}"),
            Outcome::Incomplete(next) => write!(f, "incomplete:{next}"),
        }
    }
}

pub struct Case {
    pub file: String,
    pub line: usize,
    pub input: String,
    pub mode: String,
    pub call: Call,
    pub max_year: Option<u16>,
    pub expected: Outcome,
}

/// Checks a fixes field: known names, in bit order, no repeats; or `-`.
pub fn check_fixes(field: &str) -> Result<(), String> {
    if field == "-" {
        return Ok(());
    }
    let mut last = None;
    for name in field.split(',') {
        let Some(index) = Fix::ALL.iter().position(|f| f.name() == name) else {
            return Err(format!("unknown fix `{name}`"));
        };
        if last.is_some_and(|l| l >= index) {
            return Err(format!("fix `{name}` repeated or out of bit order"));
        }
        last = Some(index);
    }
    Ok(())
}

pub fn parse_line(file: &str, line: usize, text: &str) -> Result<Case, String> {
    let fields: Vec<&str> = text.split('\t').collect();
    if !(3..=4).contains(&fields.len()) {
        return Err(format!(
            "expected 3 or 4 TAB-separated fields, found {}",
            fields.len()
        ));
    }
    let input = unescape(fields[0])?;
    let mode = fields[1];
    let (call_name, max_year) = match mode.split_once(':') {
        Some((name, year)) => {
            let valid = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
            match year.parse::<u16>().ok().filter(|_| valid) {
                Some(year) => (name, Some(year)),
                None => return Err(format!("bad max_year in mode `{mode}`")),
            }
        }
        None => (mode, None),
    };
    let call = match call_name {
        "strict" => Call::Strict,
        "lenient" => Call::Lenient,
        "prefix" => Call::Prefix,
        "prefix-lenient" => Call::PrefixLenient,
        _ => return Err(format!("unknown mode `{mode}`")),
    };
    let expected = fields[2];
    let fixes = fields.get(3).copied();
    let outcome = if let Some(next) = expected.strip_prefix("incomplete:") {
        if !call.prefix() {
            return Err(format!("`{expected}` in a mode that is not a prefix mode"));
        }
        if !EXPECTED.iter().any(|e| e.name() == next) {
            return Err(format!("unknown Expected name `{next}`"));
        }
        Outcome::Incomplete(next.to_owned())
    } else if let Some((name, at)) = expected.split_once('@') {
        if ErrorKind::from_name(name).is_none() {
            return Err(format!("unknown ErrorKind name `{name}`"));
        }
        let valid = !at.is_empty() && at.bytes().all(|b| b.is_ascii_digit());
        let Some(at) = at.parse().ok().filter(|_| valid) else {
            return Err(format!("bad position in `{expected}`"));
        };
        Outcome::Error {
            name: name.to_owned(),
            at,
        }
    } else {
        if expected.is_empty() || expected.trim() != expected {
            return Err("empty or padded expected field".into());
        }
        Outcome::Number {
            canonical: expected.to_owned(),
            fixes: fixes.map(str::to_owned),
        }
    };
    match (&outcome, fixes) {
        (Outcome::Number { .. }, Some(f)) if call.lenient() => check_fixes(f)?,
        (Outcome::Number { .. }, None) if call.lenient() => {
            return Err("a success in a lenient mode needs a fixes field (`-` for none)".into());
        }
        (_, Some(_)) => {
            return Err("a fixes field only goes on successes in `lenient` and `prefix`".into());
        }
        (_, None) => {}
    }
    Ok(Case {
        file: file.to_owned(),
        line,
        input,
        mode: mode.to_owned(),
        call,
        max_year,
        expected: outcome,
    })
}

/// What the library says about one case, and the parsed number of a success.
pub fn run(case: &Case) -> (Outcome, Option<Parsed>) {
    let base = if case.call.lenient() {
        Options::lenient()
    } else {
        Options::strict()
    };
    let options = case.max_year.map_or(base, |y| base.with_max_year(y));
    let result = if case.call.prefix() {
        options.check_prefix(&case.input)
    } else {
        options.parse(&case.input).map(Status::Complete)
    };
    match result {
        Ok(Status::Complete(parsed)) => {
            let names: Vec<&str> = parsed.fixes.iter().map(Fix::name).collect();
            let fixes = if names.is_empty() {
                "-".to_owned()
            } else {
                names.join(",")
            };
            // Strict modes record no fixes: show any that appear, so the mismatch is reported.
            let fixes = (case.call.lenient() || fixes != "-").then_some(fixes);
            let outcome = Outcome::Number {
                canonical: parsed.number.to_string(),
                fixes,
            };
            (outcome, Some(parsed))
        }
        Ok(Status::Incomplete(next)) => (Outcome::Incomplete(next.name().to_owned()), None),
        Err(err) => {
            let outcome = Outcome::Error {
                name: err.kind().name().to_owned(),
                at: err.char_index(),
            };
            (outcome, None)
        }
    }
}

/// The `*.txt` files of `tests/vectors/<subdir>` (not recursing), sorted.
fn txt_files(subdir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(subdir);
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no *.txt vector files in {}",
        dir.display()
    );
    files
}

/// The parse vector files, `tests/vectors/*.txt`, sorted.
pub fn vector_files() -> Vec<PathBuf> {
    txt_files("")
}

/// Every well-formed case of some vector files, what is wrong with the others, and how many
/// cases each file holds.
pub struct Loaded<C> {
    pub cases: Vec<C>,
    pub problems: Vec<String>,
    pub per_file: Vec<String>,
}

/// Reads `files` (named `<prefix><file name>`) one case a line with `parse_line`.
fn load<C>(
    files: Vec<PathBuf>,
    prefix: &str,
    parse_line: fn(&str, usize, &str) -> Result<C, String>,
) -> Loaded<C> {
    let mut all = Loaded {
        cases: Vec::new(),
        problems: Vec::new(),
        per_file: Vec::new(),
    };
    for path in files {
        let file = format!(
            "{prefix}{}",
            path.file_name().expect("file name").to_string_lossy()
        );
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {file}: {e}"));
        let before = all.cases.len();
        if text.starts_with('\u{feff}') {
            all.problems
                .push(format!("{file}:1: starts with a byte-order mark"));
        }
        // Split on LF only: a CR left at a line's end is reported, not silently dropped.
        for (i, line) in text.split('\n').enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = if line.contains('\r') {
                Err("a carriage return (the files use LF line ends)".to_owned())
            } else {
                parse_line(&file, i + 1, line)
            };
            match parsed {
                Ok(case) => all.cases.push(case),
                Err(why) => all.problems.push(format!(
                    "{file}:{}: malformed line: {why}\n    {line:?}",
                    i + 1
                )),
            }
        }
        all.per_file
            .push(format!("{file}: {}", all.cases.len() - before));
    }
    all
}

/// The parse vectors.
pub type Vectors = Loaded<Case>;

pub fn load_all() -> Vectors {
    load(vector_files(), "", parse_line)
}

/// The least number of cases the scanning vector files must hold together.
pub const MIN_SCAN_CASES: usize = 100;

/// The least number of scanning cases that expect no match at all (`-`).
pub const MIN_SCAN_NEGATIVES: usize = 30;

/// One expected match of a scanning vector: `CANONICAL@START..END`, START and END being
/// character (Unicode code point) indices into the unescaped text, END exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanMatch {
    pub canonical: String,
    pub start: usize,
    pub end: usize,
}

impl std::fmt::Display for ScanMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}..{}", self.canonical, self.start, self.end)
    }
}

/// Writes a list of matches as a scanning vector writes it: `-` for none, else `;`-separated.
pub fn format_matches(matches: &[ScanMatch]) -> String {
    if matches.is_empty() {
        return "-".to_owned();
    }
    let items: Vec<String> = matches.iter().map(ScanMatch::to_string).collect();
    items.join(";")
}

/// One case of `tests/vectors/scan/*.txt`: a text and every match the scanner must report in it.
pub struct ScanCase {
    pub file: String,
    pub line: usize,
    pub text: String,
    pub expected: Vec<ScanMatch>,
}

fn char_index(field: &str) -> Result<usize, String> {
    let valid = !field.is_empty()
        && field.bytes().all(|b| b.is_ascii_digit())
        && (field == "0" || !field.starts_with('0'));
    field
        .parse()
        .ok()
        .filter(|_| valid)
        .ok_or_else(|| format!("bad character index `{field}`"))
}

/// Reads one line of a scanning vector file: `text<TAB>expected` (format: see the comment block
/// at the top of every `tests/vectors/scan/*.txt`).
pub fn parse_scan_line(file: &str, line: usize, text: &str) -> Result<ScanCase, String> {
    let fields: Vec<&str> = text.split('\t').collect();
    let [input, expected] = fields[..] else {
        return Err(format!(
            "expected 2 TAB-separated fields, found {}",
            fields.len()
        ));
    };
    let text = unescape(input)?;
    let len = text.chars().count();
    let mut matches = Vec::new();
    if expected != "-" {
        if expected.is_empty() {
            return Err("empty expected field (write `-` for no match)".into());
        }
        for item in expected.split(';') {
            let Some((canonical, span)) = item.rsplit_once('@') else {
                return Err(format!("`{item}` is not CANONICAL@START..END"));
            };
            if canonical.is_empty() || canonical.trim() != canonical || canonical == "-" {
                return Err(format!("bad canonical form in `{item}`"));
            }
            let Some((start, end)) = span.split_once("..") else {
                return Err(format!("`{span}` is not START..END"));
            };
            let (start, end) = (char_index(start)?, char_index(end)?);
            if start >= end || end > len {
                return Err(format!(
                    "span {start}..{end} is empty or outside the text ({len} characters)"
                ));
            }
            if let Some(last) = matches.last().map(|m: &ScanMatch| m.end) {
                if start < last {
                    return Err(format!("`{item}` starts before the previous match ends"));
                }
            }
            matches.push(ScanMatch {
                canonical: canonical.to_owned(),
                start,
                end,
            });
        }
    }
    Ok(ScanCase {
        file: file.to_owned(),
        line,
        text,
        expected: matches,
    })
}

/// The scanning vector files, `tests/vectors/scan/*.txt`, sorted.
pub fn scan_vector_files() -> Vec<PathBuf> {
    txt_files("scan")
}

/// The scanning vectors.
pub type ScanVectors = Loaded<ScanCase>;

pub fn load_scan() -> ScanVectors {
    load(scan_vector_files(), "scan/", parse_scan_line)
}
