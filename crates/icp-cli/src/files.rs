//! Which files `icp scan` and `icp audit` read (the command line, directory walks, extensions)
//! and how each is opened.

use std::ffi::OsStr;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The extensions `icp scan` reads in directories when `--ext` is not given, as written there.
pub const DEFAULT_EXTENSIONS: &str = "html,htm,txt,md,js,json,xml,vue,jsx,tsx,php,warc,wet";

/// Extensions of compressed files: `page.html.gz` counts as having the extension `html` too.
pub const COMPRESSED_EXTENSIONS: &[&str] = &["gz", "zst"];

/// Directories never entered when walking a tree (unless named on the command line).
pub const SKIPPED_DIRS: &[&str] = &[".git", ".hg", ".svn", "node_modules"];

/// One input: standard input or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file, by the path it was found under.
    File(PathBuf),
}

impl Source {
    /// The input, to be read from the start.
    pub fn open(&self) -> io::Result<Box<dyn Read>> {
        Ok(match self {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(path) => Box::new(File::open(path)?),
        })
    }

    /// Reads the whole input as bytes.
    pub fn read_all(&self) -> io::Result<Vec<u8>> {
        match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Source::File(path) => std::fs::read(path),
        }
    }

    /// The file's path; `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(path) => Some(path),
        }
    }

    /// The size of the file in bytes, as stored; `None` for standard input or when unknown.
    pub fn size(&self) -> Option<u64> {
        let path = self.path()?;
        std::fs::metadata(path).ok().map(|meta| meta.len())
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

/// Whether `path`'s extension is one of `extensions` (ASCII case-insensitive, no dot), or the
/// path is compressed ([`COMPRESSED_EXTENSIONS`]) and the extension before is one of them.
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    let is_one = |path: &Path| {
        path.extension()
            .and_then(OsStr::to_str)
            .is_some_and(|ext| extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
    };
    is_one(path) || (is_compressed(path) && is_one(Path::new(path.file_stem().unwrap_or_default())))
}

/// Whether `path` has one of the [`COMPRESSED_EXTENSIONS`].
pub fn is_compressed(path: &Path) -> bool {
    path.extension().and_then(OsStr::to_str).is_some_and(|ext| {
        COMPRESSED_EXTENSIONS
            .iter()
            .any(|c| c.eq_ignore_ascii_case(ext))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_without_case() {
        let exts = ["html".to_owned(), "md".to_owned()];
        assert!(has_extension(Path::new("a/B.HTML"), &exts));
        assert!(has_extension(Path::new("x.md"), &exts));
        assert!(!has_extension(Path::new("x.markdown"), &exts));
        assert!(!has_extension(Path::new("html"), &exts));
        assert!(has_extension(Path::new("a/page.HTML.gz"), &exts));
        assert!(has_extension(Path::new("notes.md.zst"), &exts));
        assert!(!has_extension(Path::new("data.bin.gz"), &exts));
        assert!(!has_extension(Path::new("x.gz"), &exts));
    }
}
