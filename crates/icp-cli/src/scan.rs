//! `icp scan`: every number in files, directory trees or standard input.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use icp_number::Match;

use crate::files::{self, Locator, Source};
use crate::output;

/// A number found in an input, with where it is written.
#[derive(Clone, Debug)]
pub struct Found {
    /// What the scanner found.
    pub found: Match,
    /// 1-based line of its first character.
    pub line: usize,
    /// 1-based column of its first character, in characters.
    pub column: usize,
    /// The number as written.
    pub text: String,
}

/// Every number in `bytes` (invalid UTF-8 skipped), in order.
pub fn find_all(bytes: &[u8]) -> Vec<Found> {
    let mut locator = Locator::new(bytes);
    icp_number::scan_bytes(bytes)
        .map(|found| {
            let (line, column) = locator.locate(found.start());
            Found {
                found,
                line,
                column,
                // A match lies inside one valid UTF-8 stretch, so this never replaces anything.
                text: String::from_utf8_lossy(&bytes[found.range()]).into_owned(),
            }
        })
        .collect()
}

/// `icp scan`: prints every number found, as text or JSON Lines. Exit status 0 when every input
/// was read (whether or not it holds a number), 2 when any could not be.
pub fn run(paths: &[PathBuf], extensions: &[String], json: bool) -> io::Result<ExitCode> {
    let mut errors = Vec::new();
    let sources = files::sources(paths, extensions, &mut errors);
    let mut failed = !errors.is_empty();
    for err in &errors {
        eprintln!("icp: {err}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    files::for_each_in_order(&sources, find_all, |source, result, progress| {
        let found = match result {
            Ok(found) => found,
            Err(error) => {
                failed = true;
                let path = source.to_string();
                progress.suspend(|| eprintln!("icp: {path}: {error}"));
                return Ok(());
            }
        };
        if found.is_empty() {
            return Ok(());
        }
        let path = display_path(source);
        progress.suspend(|| {
            for each in &found {
                if json {
                    writeln!(out, "{}", output::scan_json(&path, each))?;
                } else {
                    writeln!(out, "{}", output::scan_line(&path, each))?;
                }
            }
            out.flush()
        })
    })?;
    out.flush()?;
    Ok(if failed {
        ExitCode::from(crate::EXIT_TROUBLE)
    } else {
        ExitCode::SUCCESS
    })
}

/// The path printed for a source: as found, `-` for standard input.
fn display_path(source: &Source) -> String {
    match source {
        Source::Stdin => "-".to_owned(),
        Source::File(path) => path.to_string_lossy().into_owned(),
    }
}
