//! `icp`: check Chinese website registration numbers from the command line.
//!
//! A thin front end to the `icp-number` crate: ICP filings (京ICP备12345678号-1), ICP licences
//! (京ICP证030173号), value-added telecom licences (粤B2-20090059) and public-security filings
//! (京公网安备11010802020088号). All parsing, canonical forms and messages come from the core;
//! this binary only reads inputs and prints results.
//!
//! - `icp check [--strict] [--lang zh|en] [--json] [NUMBER...]` checks each number given, or one
//!   per line of standard input when none is. Exit status: 0 when every input is valid, 1 when
//!   any is not, 2 on usage or I/O errors.
//! - `icp provinces [--json]` prints the province table.

mod output;

use std::io::{self, BufRead};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use icp_number::{Lang, Options};

use output::Printer;

/// Exit status for usage and I/O errors (clap uses the same for usage errors).
const EXIT_TROUBLE: u8 = 2;

/// Shown after `icp --help`.
const EXAMPLES: &str = "\
Examples:
  icp check 京ICP备12345678号-1
  icp check --strict --lang zh 川ICP备12345678号
  icp check --json < numbers.txt
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
    /// Reads one number per line from standard input when no NUMBER is given. Exits with 0 when
    /// every input is valid, 1 when any is not, 2 on usage or I/O errors.
    Check(CheckArgs),
    /// Print the 31 provincial divisions and the abbreviations their numbers use.
    Provinces(ProvincesArgs),
}

/// Arguments of `icp check`.
#[derive(Debug, Args)]
struct CheckArgs {
    /// Accept the canonical form only (by default, common variants are read and the fixes listed).
    #[arg(long)]
    strict: bool,

    /// Language of messages and labels.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,

    /// Print one JSON object per input (JSON Lines) instead of text.
    #[arg(long)]
    json: bool,

    /// Numbers to check; when none is given, one per line is read from standard input.
    #[arg(value_name = "NUMBER")]
    numbers: Vec<String>,
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
        Command::Check(args) => check(&args),
        Command::Provinces(args) => provinces(&args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`icp check < list | head`): nothing left to say to it.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("icp: {err}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// `icp check`: every argument, or every line of standard input, is one input.
fn check(args: &CheckArgs) -> io::Result<ExitCode> {
    let options = if args.strict {
        Options::strict()
    } else {
        Options::lenient()
    };
    let mut printer = Printer::new(io::stdout().lock(), args.json, args.lang.into());
    let mut all_valid = true;
    let mut each = |input: &str| -> io::Result<()> {
        let result = options.parse(input);
        all_valid &= result.is_ok();
        printer.result(input, &result)
    };
    if args.numbers.is_empty() {
        for (index, line) in io::stdin().lock().lines().enumerate() {
            let line = line.map_err(|e| io::Error::new(e.kind(), stdin_error(index, &e)))?;
            each(&line)?;
        }
    } else {
        args.numbers.iter().try_for_each(|number| each(number))?;
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Names the line of standard input that could not be read.
fn stdin_error(index: usize, err: &io::Error) -> String {
    format!("standard input, line {}: {err}", index + 1)
}

/// `icp provinces`.
fn provinces(args: &ProvincesArgs) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if args.json {
        output::provinces_json(&mut out)
    } else {
        output::provinces_table(&mut out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
