//! `icp scan`: every number in files, directory trees or standard input (plain text, gzip, WARC
//! and WET crawl files), read leniently and printed as it is found: one line of text, or one
//! JSON object `{path, url?, line, column, byte, text, number}`, `number` being the shape
//! every command shares ([`NumberJson`]).

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use icp_number::Province;
use serde::Serialize;

use crate::chunks::{ContentScanner, Failure, Found};
use crate::files::{self, Source};
use crate::order::{self, Event, Outbox};
use crate::progress::Progress;
use crate::report::{NumberJson, fix_names};
use crate::{exit, stdin};

thread_local! {
    /// Each thread's scanner and buffer, used again for every source it reads.
    static SCANNER: RefCell<ContentScanner> = RefCell::new(ContentScanner::new());
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
    if sources.contains(&Source::Stdin) {
        stdin::hint_if_terminal("scan", "text from standard input");
    }
    let progress = Progress::new(&sources);
    let job = |source: &Source, outbox: &mut dyn Outbox<Found>| {
        SCANNER
            .with_borrow_mut(|scanner| crate::input::scan(source, &progress, scanner, outbox))
            .map_err(Failure::into_inner)
    };
    let mut out = io::stdout().lock();
    let mut held = Vec::new();
    let result = order::for_each(
        &sources,
        &progress,
        &job,
        &mut |source, event| match event {
            Event::Item(found) => write_found(&mut held, source, &found, json),
            Event::Flush | Event::Done(Ok(())) => progress.print(&mut out, &mut held, false),
            Event::Done(Err(error)) => {
                failed = true;
                progress.print(&mut out, &mut held, true)?;
                progress.suspend(|| eprintln!("icp: {source}: {error}"));
                Ok(())
            }
        },
    );
    let printed = progress.print(&mut out, &mut held, true);
    progress.finish();
    result?;
    printed?;
    Ok(if failed {
        exit::trouble()
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the line for `found` in `source` to `out`.
fn write_found(out: &mut Vec<u8>, source: &Source, found: &Found, json: bool) -> io::Result<()> {
    let path = source.to_string();
    if json {
        serde_json::to_writer(&mut *out, &ScanJson::new(&path, found))?;
        writeln!(out)
    } else {
        writeln!(out, "{}", text_line(&path, found))
    }
}

/// One line of `icp scan`: `path:line:column  canonical  (kind, province, fixed: …)`, with the
/// record's URL in place of the path for a number in a crawl file.
fn text_line(path: &str, found: &Found) -> String {
    let number = found.found.number();
    let province = number
        .province()
        .map_or("cross-regional", Province::iso_code);
    let place = found
        .record
        .as_ref()
        .and_then(|record| record.target_uri.as_deref())
        .unwrap_or(path);
    let mut line = format!(
        "{place}:{}:{}  {number}  ({}, {province}",
        found.line,
        found.column,
        number.kind().name()
    );
    let fixes = found.found.fixes();
    if !fixes.is_empty() {
        line.push_str(", fixed: ");
        line.push_str(&fix_names(fixes).join(", "));
    }
    line.push(')');
    line
}

/// One line of `icp scan --json`.
#[derive(Debug, Serialize)]
struct ScanJson<'a> {
    /// The file as named or found, `-` for standard input.
    path: &'a str,
    /// The record's `WARC-Target-URI` (`null` for a record without one); present for crawl
    /// files only.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<Option<&'a str>>,
    line: usize,
    column: usize,
    /// The byte offset of the text as written (in the decompressed text, from the start of the
    /// record's page in a crawl file); it ends `text.len()` bytes later.
    byte: usize,
    /// The number as written.
    text: &'a str,
    number: NumberJson,
}

impl ScanJson<'_> {
    fn new<'a>(path: &'a str, found: &'a Found) -> ScanJson<'a> {
        ScanJson {
            path,
            url: found
                .record
                .as_ref()
                .map(|record| record.target_uri.as_deref()),
            line: found.line,
            column: found.column,
            byte: found.found.start(),
            text: &found.text,
            number: NumberJson::new(&found.found.number(), found.found.fixes()),
        }
    }
}
