//! `icp scan`: every number in files, directory trees or standard input (plain text, gzip, WARC
//! and WET crawl files), printed as it is found.

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use crate::chunks::{ContentScanner, Failure, Found};
use crate::files::{self, Source};
use crate::order::{self, Event, Outbox};
use crate::output;
use crate::progress::Progress;

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
        ExitCode::from(crate::EXIT_TROUBLE)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the line for `found` in `source` to `out`.
fn write_found(out: &mut Vec<u8>, source: &Source, found: &Found, json: bool) -> io::Result<()> {
    let path = source.to_string();
    if json {
        writeln!(out, "{}", output::scan_json(&path, found))
    } else {
        writeln!(out, "{}", output::scan_line(&path, found))
    }
}
