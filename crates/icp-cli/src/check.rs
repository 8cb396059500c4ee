//! `icp check`: each argument, or each line of standard input, is one number, read strictly (the
//! canonical form only) unless `--lenient` is given. Printed as text for people (a caret under
//! the error) or as JSON Lines: `{input, valid, number, error}`, `number` being the shape every
//! command shares ([`NumberJson`]).

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use icp_number::{Error, ErrorKind, Lang, Options, Parsed};
use serde::Serialize;

use crate::exit;
use crate::report::{NumberJson, caret_padding, describe, fix_labels};
use crate::stdin;

/// How `icp check` reads and prints.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Read every variant real footers show, and list the fixes (`--lenient`).
    pub lenient: bool,
    /// Language of messages and labels.
    pub lang: Lang,
    /// JSON Lines instead of text.
    pub json: bool,
}

/// `icp check`: exit status 0 when every input is valid, 1 when any is not.
pub fn run(numbers: &[String], settings: Settings) -> io::Result<ExitCode> {
    let options = if settings.lenient {
        Options::lenient()
    } else {
        Options::strict()
    };
    let mut printer = Printer::new(io::stdout().lock(), settings);
    let mut all_valid = true;
    let mut each = |input: &str| -> io::Result<()> {
        let result = options.parse(input);
        all_valid &= result.is_ok();
        printer.result(input, &result)
    };
    if numbers.is_empty() {
        stdin::hint_if_terminal("check", "numbers from standard input, one per line");
        for (index, line) in io::stdin().lock().lines().enumerate() {
            let line = line.map_err(|e| {
                let message = format!("standard input, line {}: {e}", index + 1);
                io::Error::new(e.kind(), message)
            })?;
            each(&line)?;
        }
    } else {
        numbers.iter().try_for_each(|number| each(number))?;
    }
    Ok(exit::success_if(all_valid))
}

/// One line of `icp check --json`.
#[derive(Debug, Serialize)]
struct CheckJson<'a> {
    input: &'a str,
    valid: bool,
    /// The number read; `null` when the input is not valid.
    number: Option<NumberJson>,
    /// Why the input is not valid; `null` when it is.
    error: Option<ErrorJson>,
}

/// An error as JSON.
#[derive(Debug, Serialize)]
struct ErrorJson {
    /// The stable numeric code ([`icp_number::ErrorKind::code`]).
    code: u16,
    /// The stable name ([`icp_number::ErrorKind::name`]).
    name: &'static str,
    /// The message in the language asked for.
    message: String,
    /// The character index where it goes wrong.
    at: usize,
    /// The byte offset where it goes wrong.
    byte: usize,
}

impl CheckJson<'_> {
    fn new<'a>(input: &'a str, result: &Result<Parsed, Error>, lang: Lang) -> CheckJson<'a> {
        match result {
            Ok(parsed) => CheckJson {
                input,
                valid: true,
                number: Some(NumberJson::new(&parsed.number, parsed.fixes)),
                error: None,
            },
            Err(err) => CheckJson {
                input,
                valid: false,
                number: None,
                error: Some(ErrorJson {
                    code: err.code(),
                    name: err.kind().name(),
                    message: err.message(lang).to_string(),
                    at: err.char_index(),
                    byte: err.byte_offset(),
                }),
            },
        }
    }
}

/// Writes one result per input, as text or JSON Lines.
#[derive(Debug)]
struct Printer<W> {
    out: W,
    settings: Settings,
    printed: usize,
}

impl<W: Write> Printer<W> {
    fn new(out: W, settings: Settings) -> Self {
        Printer {
            out,
            settings,
            printed: 0,
        }
    }

    /// Writes the result of checking `input`.
    fn result(&mut self, input: &str, result: &Result<Parsed, Error>) -> io::Result<()> {
        let lang = self.settings.lang;
        if self.settings.json {
            let record = CheckJson::new(input, result, lang);
            serde_json::to_writer(&mut self.out, &record)?;
            writeln!(self.out)?;
        } else {
            if self.printed > 0 {
                writeln!(self.out)?;
            }
            match result {
                Ok(parsed) => self.valid(parsed)?,
                Err(err) => self.invalid(input, err)?,
            }
        }
        self.printed += 1;
        Ok(())
    }

    /// `京ICP备12345678号-1  ICP filing · 北京 Beijing (CN-BJ) · site 1 (website)`, then the
    /// fixes.
    fn valid(&mut self, parsed: &Parsed) -> io::Result<()> {
        let lang = self.settings.lang;
        writeln!(self.out, "{}", describe(&parsed.number, lang))?;
        if parsed.fixes.is_empty() {
            return Ok(());
        }
        let fixes = fix_labels(parsed.fixes, lang);
        match lang {
            Lang::Zh => writeln!(self.out, "已修正：{fixes}"),
            _ => writeln!(self.out, "fixed: {fixes}"),
        }
    }

    /// The input, a caret under where it goes wrong (none when the input as a whole is wrong:
    /// empty, or not a number at all), and why; then, when strict reading failed where lenient
    /// reading succeeds, what lenient reading makes of it, or else the numbers inside the input.
    fn invalid(&mut self, input: &str, err: &Error) -> io::Result<()> {
        let lang = self.settings.lang;
        writeln!(self.out, "{input}")?;
        if !matches!(err.kind(), ErrorKind::NotANumber | ErrorKind::Empty) {
            writeln!(self.out, "{}^", caret_padding(input, err.byte_offset()))?;
        }
        let (word, colon) = match lang {
            Lang::Zh => ("错误", "："),
            _ => ("error", ": "),
        };
        writeln!(
            self.out,
            "{word} {} ({}){colon}{}",
            err.kind().name(),
            err.code(),
            err.message(lang)
        )?;
        if !self.settings.lenient {
            if let Ok(Parsed { number, .. }) = Options::lenient().parse(input) {
                return match lang {
                    Lang::Zh => writeln!(self.out, "宽松读法：{number}（使用 --lenient）"),
                    _ => writeln!(self.out, "lenient reading: {number} (use --lenient)"),
                };
            }
        }
        let inside: Vec<String> = icp_number::scan(input)
            .map(|found| found.number().to_string())
            .collect();
        if inside.is_empty() {
            return Ok(());
        }
        match lang {
            Lang::Zh => writeln!(
                self.out,
                "其中有：{}（icp scan 在文本中查找号码）",
                inside.join("、")
            ),
            _ => writeln!(
                self.out,
                "found inside: {} (icp scan finds numbers in text)",
                inside.join(", ")
            ),
        }
    }
}
