//! `icp`: check Chinese website registration numbers from the command line.
//!
//! A thin front end to the `icp-number` crate: ICP filings (京ICP备12345678号-1), ICP licences
//! (京ICP证030173号), value-added telecom licences (粤B2-20090059) and public-security filings
//! (京公网安备11010802020088号). All parsing, canonical forms and messages come from the core;
//! this binary only reads inputs and prints results.
//!
//! - `icp check [--lenient] [--lang zh|en] [--json] [NUMBER...]` checks each number given, or
//!   one per line of standard input when none is: strictly (the canonical form only) unless
//!   `--lenient` is given. Exit status: 0 when every input is valid, 1 when any is not, 2 on
//!   usage or I/O errors.
//! - `icp scan [--json] [--ext EXT,...] [PATH...]` prints every number in files, directory
//!   trees or standard input as it reads them, in chunks: plain text, gzip or zstd, and WARC/WET
//!   crawl files, read leniently. Exit status: 0 when it ran, 2 when an input could not be read
//!   to its end.
//! - `icp audit [--json] SITE_DIR` checks the numbers on every page of a static site (see the
//!   `audit` module). Exit status: 0 when every page passes, 1 when any fails, 2 on errors.
//! - `icp provinces [--json]` prints the province table.
//!
//! The modules form layers, each using only those below it (`tests/layers.rs` checks it); this
//! file, the command line, is the top:
//!
//! 7. the commands: `check`, `scan`, `audit`, `provinces`;
//! 6. `report`: what they print (the one JSON shape of a number, labels, tables);
//! 5. `input`: reading one source (decompressed, WARC records told apart);
//! 4. `chunks` (scanning a content in chunks), `html` (links and comments for `audit`);
//! 3. `warc`, `decompress`, `order` (parallel reading, output in path order);
//! 2. `progress`;
//! 1. `files` (which files, how each is opened), `stdin` (the terminal hint), `exit` (statuses).

mod audit;
mod check;
mod chunks;
mod decompress;
mod exit;
mod files;
mod html;
mod input;
mod order;
mod progress;
mod provinces;
mod report;
mod scan;
mod stdin;
mod warc;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use icp_number::Lang;

/// Shown after `icp --help`.
const EXAMPLES: &str = "\
Examples:
  icp check 京ICP备12345678号-1
  icp check --lenient --lang zh '川 ICP 备 12345678 号'

  icp check --json < numbers.txt
  icp scan --ext html,js dist/
  icp scan --json CC-MAIN-20240101-00000.warc.gz
  curl -s https://example.com/ | icp scan --json
  icp audit public/
  icp provinces --json";

/// Check Chinese website registration numbers: ICP filings and licences, telecom licences and
/// public-security filings.
#[derive(Debug, Parser)]
#[command(name = "icp", version, arg_required_else_help = true, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check numbers: print the canonical form, kind and province, or where and why it is invalid.
    ///
    /// Strict by default: the canonical form only (京ICP备12345678号-1). With --lenient, every
    /// variant real footers show is read (spaces, full-width or traditional characters, 川 for
    /// 蜀, a missing 号…) and the fixes are listed. Reads one number per line from standard input
    /// when no NUMBER is given. Exits with 0 when every input is valid, 1 when any is not, 2 on
    /// usage or I/O errors.
    Check(CheckArgs),
    /// Find every number in files, directory trees or standard input.
    ///
    /// Prints `path:line:column  canonical  (kind, province, fixes)` for each number found, as
    /// it is found. Reads leniently, as footers are written: every variant `icp check
    /// --lenient` reads, the fixes saying what was corrected. Inputs are read as
    /// bytes, in chunks (invalid UTF-8 is skipped); gzip (.gz) and zstd (.zst) are decompressed,
    /// and in WARC/WET crawl files each page is scanned on its own, its URL printed in place of
    /// the path. Exits with 0 when every input was read, found numbers or not, 2 when one could
    /// not be read to its end (the numbers before are printed, the others still scanned).
    Scan(ScanArgs),
    /// Check a static site before deploying it to a mainland server.
    ///
    /// Every .html/.htm page under SITE_DIR (recursively; .git and node_modules skipped) must:
    ///   no_icp        show an ICP number (a filing, a licence or a telecom licence);
    ///   icp_differs   show the site's main number of each ICP kind (the main number, without
    ///                 the site suffix, that most pages show; a tie goes to the first page);
    ///   no_psb        show a public-security number (公网安备);
    ///   psb_differs   show the site's public-security number (chosen the same way);
    ///   psb_province  have its public-security number from the ICP number's province;
    ///   icp_link      have an ICP number inside <a href="…">…</a> linking to
    ///                 http(s)://[www.]beian.miit.gov.cn[/][#…];
    ///   psb_link      have a public-security number inside <a href="…">…</a> linking to
    ///                 http(s)://[www.]beian.mps.gov.cn[/] or to its own query page,
    ///                 http(s)://[www.]beian.mps.gov.cn/#/query/webSearch?code=<its digits>;
    ///   lenient       write every number in canonical form (the form to use is shown).
    /// Numbers are read leniently, as `icp scan` reads them; those inside HTML comments do not
    /// count. A link to a retired portal (www.beian.gov.cn, www.miitbeian.gov.cn) is named.
    ///
    /// Prints a table of the pages, every issue and a verdict. Exits with 0 when every page
    /// passes, 1 when any fails, 2 when the site or a page cannot be read.
    #[command(verbatim_doc_comment)]
    Audit(AuditArgs),
    /// Print the 31 provincial divisions and the abbreviations their numbers use.
    Provinces(ProvincesArgs),
}

/// Arguments of `icp check`.
#[derive(Debug, Args)]
struct CheckArgs {
    /// Read every variant real footers show and list the fixes (by default, the canonical form
    /// only).
    #[arg(long)]
    lenient: bool,

    /// Language of messages and labels.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,

    /// Print one JSON object per input (JSON Lines) instead of text: input, valid, number
    /// (kind, canonical, main, province, site, service, digits, year, sequence, fixes,
    /// query_url; null when invalid), error (code, name, message, at, byte; null when valid).
    #[arg(long)]
    json: bool,

    /// Numbers to check; when none is given, one per line is read from standard input.
    #[arg(value_name = "NUMBER")]
    numbers: Vec<String>,
}

/// Arguments of `icp scan`.
#[derive(Debug, Args)]
struct ScanArgs {
    /// Print one JSON object per number (JSON Lines): path, url (crawl files only), line,
    /// column, byte (offset), text (as written), number (the object `icp check --json` gives).
    #[arg(long)]
    json: bool,

    /// File extensions read in directories (comma-separated, replacing the default list).
    /// Files named on the command line are read whatever their extension.
    #[arg(
        long,
        value_name = "EXT,...",
        value_delimiter = ',',
        default_value = files::DEFAULT_EXTENSIONS
    )]
    ext: Vec<String>,

    /// Files and directories to scan (directories recursively, skipping .git, .hg, .svn and
    /// node_modules, not following symbolic links); `-` or none reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Arguments of `icp audit`.
#[derive(Debug, Args)]
struct AuditArgs {
    /// Print one JSON document with every page's numbers and issues and a summary.
    #[arg(long)]
    json: bool,

    /// The site's root directory (or one HTML page).
    #[arg(value_name = "SITE_DIR")]
    site: PathBuf,
}

/// Arguments of `icp provinces`.
#[derive(Debug, Args)]
struct ProvincesArgs {
    /// Print a JSON array of {iso, gb, icp, psb, name_zh, name_en} instead of a table.
    #[arg(long)]
    json: bool,
}

/// The `--lang` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(
            &args.numbers,
            check::Settings {
                lenient: args.lenient,
                lang: args.lang.into(),
                json: args.json,
            },
        ),
        Command::Scan(args) => scan::run(&args.paths, &extensions(&args.ext), args.json),
        Command::Audit(args) => audit::run(&args.site, args.json),
        Command::Provinces(args) => provinces::run(args.json).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`icp check < list | head`): nothing left to say to it.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("icp: {err}");
            exit::trouble()
        }
    }
}

/// `--ext` values without a leading dot or surrounding spaces; empty ones dropped.
fn extensions(ext: &[String]) -> Vec<String> {
    ext.iter()
        .map(|e| e.trim().trim_start_matches('.').to_owned())
        .filter(|e| !e.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn ext_default_is_the_default_extension_list() {
        let cli = Cli::parse_from(["icp", "scan"]);
        let Command::Scan(args) = cli.command else {
            panic!("scan")
        };
        let default = [
            "html", "htm", "txt", "md", "js", "json", "xml", "vue", "jsx", "tsx", "php", "warc",
            "wet",
        ];
        assert_eq!(args.ext, default);
        assert_eq!(extensions(&[" .HTML".to_owned(), String::new()]), ["HTML"]);
    }
}
