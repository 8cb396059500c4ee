//! Which files `icp scan` and `icp audit` read, reading them in parallel with the results handed
//! back in a fixed order, a progress bar for large trees, and line and column numbers.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use walkdir::WalkDir;

/// The extensions `icp scan` reads in directories when `--ext` is not given, as written there.
pub const DEFAULT_EXTENSIONS: &str = "html,htm,txt,md,js,json,xml,vue,jsx,tsx,php";

/// Directories never entered when walking a tree (unless named on the command line).
pub const SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", "node_modules"];

/// Trees with at least this many files get a progress bar (when stderr is a terminal).
const PROGRESS_MIN_FILES: usize = 100;

/// The most threads reading files at once.
const MAX_WORKERS: usize = 8;

/// One input: standard input or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file, by the path it was found under.
    File(PathBuf),
}

impl Source {
    /// Reads the whole input as bytes.
    fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Source::File(path) => std::fs::read(path),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("-"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A path that could not be read or walked, with the reason.
#[derive(Debug)]
pub struct PathError {
    /// What was being read.
    pub path: String,
    /// Why it failed.
    pub error: io::Error,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.error)
    }
}

/// Whether `path`'s extension is one of `extensions` (ASCII case-insensitive, no dot).
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// Every file under `dir` (recursively, in sorted path order, not following symbolic links,
/// skipping [`SKIPPED_DIRS`]) whose extension is one of `extensions`; the entries that could not
/// be read go to `errors`.
pub fn walk(dir: &Path, extensions: &[String], errors: &mut Vec<PathError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || !SKIPPED_DIRS.iter().any(|d| entry.file_name() == *d)
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_extension(entry.path(), extensions) => {
                files.push(entry.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).display().to_string();
                let error = err
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("filesystem loop"));
                errors.push(PathError { path, error });
            }
        }
    }
    files
}

/// What the command line names: `-` is standard input, a directory is walked (see [`walk`]),
/// anything else is read as a file whatever its extension. No path at all means standard input.
pub fn sources(
    paths: &[PathBuf],
    extensions: &[String],
    errors: &mut Vec<PathError>,
) -> Vec<Source> {
    if paths.is_empty() {
        return vec![Source::Stdin];
    }
    let mut sources = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                sources.extend(walk(path, extensions, errors).into_iter().map(Source::File));
            }
            Ok(_) => sources.push(Source::File(path.clone())),
            Err(error) => errors.push(PathError {
                path: path.display().to_string(),
                error,
            }),
        }
    }
    sources
}

/// A progress bar on stderr, or nothing.
#[derive(Debug)]
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar counting `total` files when there are many and stderr is a terminal.
    fn new(total: usize) -> Progress {
        if total < PROGRESS_MIN_FILES || !io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} files  {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        Progress(Some(bar))
    }

    /// Runs `f` with the bar hidden, so that what it prints is not mixed with the bar.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn done(&self, source: &Source) {
        if let Some(bar) = &self.0 {
            bar.set_message(source.to_string());
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Reads every source and runs `job` on its bytes, on a few threads when there are several
/// sources, and hands each result to `emit` in the order of `sources` as soon as it and all
/// before it are ready. Stops early when `emit` fails (e.g. the reader of stdout went away).
pub fn for_each_in_order<T: Send>(
    sources: &[Source],
    job: impl Fn(&[u8]) -> T + Sync,
    mut emit: impl FnMut(&Source, io::Result<T>, &Progress) -> io::Result<()>,
) -> io::Result<()> {
    let progress = Progress::new(sources.len());
    let workers = thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_WORKERS)
        .min(sources.len());
    let result = if workers <= 1 {
        sources.iter().try_for_each(|source| {
            let result = source.read().map(|bytes| job(&bytes));
            progress.done(source);
            emit(source, result, &progress)
        })
    } else {
        in_parallel(sources, workers, &job, &mut emit, &progress)
    };
    progress.finish();
    result
}

/// [`for_each_in_order`] with `workers` threads taking the next source as they get free.
fn in_parallel<T: Send>(
    sources: &[Source],
    workers: usize,
    job: &(impl Fn(&[u8]) -> T + Sync),
    emit: &mut impl FnMut(&Source, io::Result<T>, &Progress) -> io::Result<()>,
    progress: &Progress,
) -> io::Result<()> {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(index) else {
                        break;
                    };
                    let result = source.read().map(|bytes| job(&bytes));
                    if tx.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (index, result) in rx {
            progress.done(&sources[index]);
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&due) {
                if let Err(err) = emit(&sources[due], result, progress) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(err);
                }
                due += 1;
            }
        }
        Ok(())
    })
}

/// Turns the byte offsets of a text, visited in increasing order, into 1-based line and column
/// numbers; columns count characters, an invalid UTF-8 sequence counting as one (as it shows as
/// one U+FFFD).
#[derive(Debug)]
pub struct Locator<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    /// A locator at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Locator {
            bytes,
            pos: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column of byte `offset` (a character boundary, not before the last one asked).
    pub fn locate(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.clamp(self.pos, self.bytes.len());
        let between = &self.bytes[self.pos..offset];
        match between.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += between.iter().filter(|&&b| b == b'\n').count();
                self.column = 1 + count_chars(&between[last + 1..]);
            }
            None => self.column += count_chars(between),
        }
        self.pos = offset;
        (self.line, self.column)
    }
}

/// Characters in `bytes`, each maximal invalid UTF-8 sequence counting as one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|chunk| chunk.valid().chars().count() + usize::from(!chunk.invalid().is_empty()))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_counts_lines_and_characters() {
        let text = "ab\n京ICP x\r\n\n  y";
        let mut at = Locator::new(text.as_bytes());
        assert_eq!(at.locate(0), (1, 1));
        assert_eq!(at.locate(1), (1, 2));
        assert_eq!(at.locate(text.find("ICP").unwrap()), (2, 2));
        assert_eq!(at.locate(text.find('x').unwrap()), (2, 6));
        assert_eq!(at.locate(text.find('y').unwrap()), (4, 3));
    }

    #[test]
    fn locator_counts_an_invalid_sequence_as_one_character() {
        let bytes = b"\xff\xfe\xe4\xba\xacx";
        let mut at = Locator::new(bytes);
        // \xff and \xfe are two maximal invalid sequences; 京 is one character.
        assert_eq!(at.locate(5), (1, 4));
    }

    #[test]
    fn extensions_match_without_case() {
        let exts = ["html".to_owned(), "md".to_owned()];
        assert!(has_extension(Path::new("a/B.HTML"), &exts));
        assert!(has_extension(Path::new("x.md"), &exts));
        assert!(!has_extension(Path::new("x.markdown"), &exts));
        assert!(!has_extension(Path::new("html"), &exts));
    }
}
