//! Reading one whole number: the options (strict or lenient, the latest year), the parse and
//! as-you-type entry points, and the top-level functions with their one rule: validators are
//! strict unless lenient mode is asked for by name or option.

use crate::grammar::{Ctx, Fail};
use crate::normalise::{self, Normalised, normalise};
use crate::text::from;
use crate::{Detail, Error, ErrorKind, Expected, Fix, Fixes, Number, number};

/// The default latest year a number may carry: the release year plus one.
pub const DEFAULT_MAX_YEAR: u16 = 2027;

/// How to read numbers: strict (canonical form only) or lenient (every variant real footers
/// show, each reported as a [`Fix`]), and the latest year a number may carry.
///
/// Lenient mode relaxes how a number is written, never what it says: digit counts, years,
/// sequences and province codes are checked the same way in both modes.
///
/// ```
/// use icp_number::{ErrorKind, Options};
/// let options = Options::strict().with_max_year(2024);
/// let err = options.parse("京ICP备2025012345号").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ImpossibleYear);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Options {
    lenient: bool,
    max_year: u16,
}

impl Default for Options {
    fn default() -> Self {
        Options::strict()
    }
}

/// A number and the fixes lenient mode applied to read it (none in strict mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Parsed {
    /// The number.
    pub number: Number,
    /// What lenient mode corrected; empty when the input was canonical.
    pub fixes: Fixes,
}

/// The answer of an as-you-type check ([`check_prefix`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Status {
    /// The input is a valid number (it may still go on, as `京ICP备12345678号` may take `-1`).
    Complete(Parsed),
    /// The input is a valid start of a number; this is what should come next.
    Incomplete(Expected),
}

impl Options {
    /// Canonical form only.
    #[must_use]
    pub const fn strict() -> Options {
        Options {
            lenient: false,
            max_year: DEFAULT_MAX_YEAR,
        }
    }

    /// Every variant of spec §6, reported as fixes.
    #[must_use]
    pub const fn lenient() -> Options {
        Options {
            lenient: true,
            max_year: DEFAULT_MAX_YEAR,
        }
    }

    /// The latest year a 10-digit filing, a licence or a telecom licence may carry
    /// (default [`DEFAULT_MAX_YEAR`]).
    #[must_use]
    pub const fn with_max_year(self, max_year: u16) -> Options {
        Options { max_year, ..self }
    }

    /// The latest year a number may carry.
    #[must_use]
    pub const fn max_year(&self) -> u16 {
        self.max_year
    }

    /// Whether this is lenient mode.
    #[must_use]
    pub const fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// Parses one whole number.
    ///
    /// # Errors
    ///
    /// Any [`ErrorKind`], with the position where the input goes wrong.
    ///
    /// ```
    /// use icp_number::{Fix, Options};
    /// let parsed = Options::lenient().parse("京公网安备：110105001242")?;
    /// assert_eq!(parsed.number.to_string(), "京公网安备110105001242号");
    /// assert_eq!(parsed.fixes.iter().collect::<Vec<_>>(), [Fix::Separator, Fix::MissingHao]);
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    pub fn parse(&self, input: &str) -> Result<Parsed, Error> {
        #[cfg(feature = "fast")]
        if !self.lenient {
            return self.parse_strict(input);
        }
        self.run(input, false)
    }

    /// Strict mode reads only canonical text: read it directly, and leave the rest, with every
    /// error, to the full reading. (Lenient mode does not try it first: refusing a malformed
    /// number would then cost the attempt too.) The as-you-type check always takes the full
    /// reading, so that comparing it with `parse` compares the two readings (the fuzz targets
    /// and property tests do). In a frame of its own, so that lenient parsing keeps its own;
    /// the direct reading is inlined here (returning its `Option` through memory and calling
    /// it made the benchmark a quarter slower for fewer instructions).
    #[cfg(feature = "fast")]
    #[inline(never)]
    fn parse_strict(&self, input: &str) -> Result<Parsed, Error> {
        match crate::canonical::read(input, self.max_year) {
            Some(number) => Ok(Parsed {
                number,
                fixes: Fixes::NONE,
            }),
            None => self.run(input, false),
        }
    }

    /// Whether `input` is one whole number in this mode.
    ///
    /// ```
    /// use icp_number::Options;
    /// assert!(!Options::strict().is_valid("京 ICP备12345678号"));
    /// assert!(Options::lenient().is_valid("京 ICP备12345678号"));
    /// ```
    #[must_use]
    pub fn is_valid(&self, input: &str) -> bool {
        // The direct reading accepts exactly what strict mode accepts (the tests compare the two
        // readings on every vector and on generated near misses, the fuzz targets on theirs), so
        // a refusal needs no full reading to name the error.
        #[cfg(feature = "fast")]
        if !self.lenient {
            return crate::canonical::read(input, self.max_year).is_some();
        }
        self.parse(input).is_ok()
    }

    /// Checks input that may still be typed: complete, a valid start (and what comes next), or
    /// an error as soon as no continuation can be valid.
    ///
    /// # Errors
    ///
    /// The error that no continuation can mend.
    ///
    /// ```
    /// use icp_number::{ErrorKind, Expected, Options, Status};
    /// let strict = Options::strict();
    /// assert_eq!(strict.check_prefix("京ICP备12345678")?, Status::Incomplete(Expected::Hao));
    /// let err = strict.check_prefix("京ICP备 ").unwrap_err();
    /// assert_eq!((err.kind(), err.char_index()), (ErrorKind::Whitespace, 5));
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    pub fn check_prefix(&self, input: &str) -> Result<Status, Error> {
        match self.run(input, true) {
            Ok(parsed) => Ok(Status::Complete(parsed)),
            Err(err) => match (err.kind(), err.detail()) {
                (ErrorKind::Incomplete, Detail::Expected(next)) => Ok(Status::Incomplete(next)),
                _ => Err(err),
            },
        }
    }

    /// The full reading: every form, every error.
    fn run(&self, input: &str, prefix: bool) -> Result<Parsed, Error> {
        let typed = if prefix && self.lenient {
            normalise::without_partial_entity(input)
        } else {
            input
        };
        // Strict mode reads the input as it is; so does lenient mode when its first pass would
        // give the input back unchanged (canonical input, and most mistakes).
        let as_is = !self.lenient || (typed.len() == input.len() && reads_as_is(input));
        if !as_is {
            // Without `fast`, canonical input is read strictly first (it reads the same in both
            // modes); with it, input that is not read as it is never reads strictly.
            #[cfg(not(feature = "fast"))]
            if let Ok(parsed) = Options::strict()
                .with_max_year(self.max_year)
                .run(input, prefix)
            {
                return Ok(parsed);
            }
            return self.run_normalised(typed, input, prefix);
        }
        if input.chars().all(normalise::is_whitespace) && !prefix {
            return Err(Error::new(ErrorKind::Empty, input, 0, Detail::None));
        }
        let mut ctx = Ctx::new(input, self.lenient, prefix, self.max_year);
        let number = finish(&mut ctx).map_err(|f| f.into_error(input, |at| at))?;
        Ok(Parsed {
            number,
            fixes: ctx.fixes,
        })
    }

    /// Lenient mode's second reading, in a frame of its own: strict parsing (and lenient parsing
    /// of canonical input) then does not reserve stack for the normalised buffer.
    #[inline(never)]
    fn run_normalised(&self, typed: &str, input: &str, prefix: bool) -> Result<Parsed, Error> {
        let norm = normalise(typed);
        let text = norm.as_str();
        if text.is_empty() && norm.overflow.is_none() && !prefix {
            return Err(Error::new(ErrorKind::Empty, input, 0, Detail::None));
        }
        if lower_case_class(input, &norm, prefix) {
            return Err(error_at_char(
                ErrorKind::Lowercase,
                input,
                norm.source_offset(0),
            ));
        }
        let mut ctx = Ctx::new(text, true, prefix && norm.overflow.is_none(), self.max_year);
        let mapped = |at| norm.source_offset(at);
        let number = finish(&mut ctx).map_err(|f| f.into_error(input, mapped))?;
        if let Some(at) = norm.overflow {
            return Err(error_at_char(ErrorKind::TrailingInput, input, at));
        }
        if typed.len() < input.len() {
            // Complete but for an unfinished entity after it: that must be finished first.
            let at = typed.len();
            return Err(Error::new(
                ErrorKind::Incomplete,
                input,
                at,
                Detail::Expected(Expected::Entity),
            ));
        }
        Ok(Parsed {
            number,
            fixes: norm.fixes.union(ctx.fixes),
        })
    }
}

/// An error of `kind` at byte `at` of `input`, naming the character written there.
/// Whether lenient mode's first pass would give `input` back unchanged, so that it may be read
/// as it is (the `fast` feature; without it, only the empty input is, and lenient mode
/// normalises the rest).
fn reads_as_is(input: &str) -> bool {
    #[cfg(feature = "fast")]
    return normalise::as_is(input, false).is_some();
    #[cfg(not(feature = "fast"))]
    return input.is_empty();
}

fn error_at_char(kind: ErrorKind, input: &str, at: usize) -> Error {
    let c = from(input, at).chars().next();
    Error::new(kind, input, at, c.map_or(Detail::None, Detail::Char))
}

/// Where a telecom class without a province is written in lower case (`a2-20044005`): lenient
/// mode reads a lower-case class only after a province (spec §6), so this is not a number.
/// `norm` is the normalised input; the class's letter is its first character.
fn lower_case_class(input: &str, norm: &Normalised, prefix: bool) -> bool {
    let class = match norm.as_str().as_bytes() {
        [letter, digit, ..] => letter.is_ascii_alphabetic() && digit.is_ascii_digit(),
        [letter] => prefix && letter.is_ascii_alphabetic(),
        [] => false,
    };
    // `a`..`z`, or `ａ`..`ｚ` (EF BD 81..=9A), where the normalised text starts.
    let written = input.as_bytes().get(norm.source_offset(0)..);
    class
        && matches!(
            written,
            Some([b'a'..=b'z', ..] | [0xEF, 0xBD, 0x81..=0x9A, ..])
        )
}

/// One number that must take the whole text (lenient mode drops trailing punctuation).
fn finish(ctx: &mut Ctx<'_>) -> Result<Number, Fail> {
    let (rest, number) = number::read(ctx)?;
    if rest.is_empty() {
        return Ok(number);
    }
    if ctx.lenient && rest.bytes().all(|b| matches!(b, b'.' | b',' | b';' | b'!')) {
        ctx.fixes.insert(Fix::TrailingPunctuation);
        return Ok(number);
    }
    Err(ctx.fail(rest, ErrorKind::TrailingInput, Expected::Digits))
}

/// Parses a number in its canonical form only (strict mode).
///
/// # Errors
///
/// Any [`ErrorKind`]; input that lenient mode would accept fails with the error of the first
/// fix it needs ([`Fix::strict_error`]).
///
/// ```
/// use icp_number::ErrorKind;
/// let n = icp_number::parse("京ICP证030173号")?;
/// assert_eq!(n.to_string(), "京ICP证030173号");
/// assert_eq!(icp_number::parse("京ICP备12345678").unwrap_err().kind(), ErrorKind::MissingHao);
/// # Ok::<(), icp_number::Error>(())
/// ```
pub fn parse(input: &str) -> Result<Number, Error> {
    Options::strict().parse(input).map(|p| p.number)
}

/// Parses a number as real footers write it, reporting each correction.
///
/// # Errors
///
/// Any [`ErrorKind`] except the strict-only ones (whitespace, full-width, traditional, …).
///
/// ```
/// use icp_number::Fix;
/// let parsed = icp_number::parse_lenient("京 ICP 备 14041720 号 - 1")?;
/// assert_eq!(parsed.number.to_string(), "京ICP备14041720号-1");
/// assert!(parsed.fixes.contains(Fix::Space));
/// # Ok::<(), icp_number::Error>(())
/// ```
pub fn parse_lenient(input: &str) -> Result<Parsed, Error> {
    Options::lenient().parse(input)
}

/// Whether `input` is a number in canonical form.
///
/// ```
/// assert!(icp_number::is_valid("粤B2-20090059"));
/// assert!(!icp_number::is_valid("粤B2-20090059号"));
/// ```
#[must_use]
pub fn is_valid(input: &str) -> bool {
    Options::strict().is_valid(input)
}

/// The as-you-type check for forms, in strict mode: stay quiet while the input is a valid
/// start of a canonical number, speak as soon as it can no longer become one.
/// `Options::lenient().check_prefix` accepts what real footers show as well.
///
/// # Errors
///
/// The error no continuation can mend, with its position.
///
/// ```
/// use icp_number::{ErrorKind, Expected, Options, Status};
/// assert_eq!(icp_number::check_prefix("京ICP备1234")?, Status::Incomplete(Expected::Digits));
/// assert!(matches!(icp_number::check_prefix("京ICP备12345678号")?, Status::Complete(_)));
/// let err = icp_number::check_prefix("京ICP备12345678号-0").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::BadSiteNumber);
/// assert_eq!(icp_number::check_prefix("京 ICP").unwrap_err().kind(), ErrorKind::Whitespace);
/// assert!(Options::lenient().check_prefix("京 ICP").is_ok());
/// # Ok::<(), icp_number::Error>(())
/// ```
pub fn check_prefix(input: &str) -> Result<Status, Error> {
    Options::strict().check_prefix(input)
}

/// Strict parsing, as [`parse`].
impl core::str::FromStr for Number {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::parse(s)
    }
}

/// The vectors' escapes, as the shared vector reader decodes them (for the tests below).
#[cfg(all(test, feature = "fast"))]
#[path = "../tests/common/unescape.rs"]
mod unescape;

// The direct reading exists only with the `fast` feature.
#[cfg(all(test, feature = "fast"))]
mod tests {
    extern crate std;

    use std::string::String;
    use std::vec::Vec;

    use super::*;

    /// The first field of every line of the shared vectors, unescaped.
    fn vector_inputs() -> Vec<String> {
        let files = [
            include_str!("../tests/vectors/filing.txt"),
            include_str!("../tests/vectors/lenient.txt"),
            include_str!("../tests/vectors/licence.txt"),
            include_str!("../tests/vectors/prefix.txt"),
            include_str!("../tests/vectors/provinces.txt"),
            include_str!("../tests/vectors/psb.txt"),
            include_str!("../tests/vectors/telecom.txt"),
        ];
        let lines = files.iter().flat_map(|file| file.lines());
        let fields = lines.filter(|line| !line.starts_with('#') && !line.is_empty());
        fields
            .filter_map(|line| line.split('\t').next())
            .map(|field| super::unescape::unescape(field).expect("the vectors' escapes are valid"))
            .collect()
    }

    #[test]
    // Thousands of parses: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn reading_normal_input_directly_equals_the_normalising_reading() {
        let pieces = [
            "京",
            "粤",
            "蜀",
            "川",
            "港",
            "萌",
            "ICP",
            "备",
            "证",
            "案",
            "公网安备",
            "号",
            "B2",
            "A2",
            ".",
            "-",
            "1",
            "0",
            "12345678",
            "2022034770",
            "11010802020088",
            "X",
            "K",
            "Z",
            ",",
        ];
        let mut inputs = vector_inputs();
        let texts =
            crate::text::testing::generated_texts(&pieces, 20_000, 9, 0x9E37_79B9_7F4A_7C15);
        inputs.extend(texts);
        let mut direct = 0;
        for input in &inputs {
            for prefix in [false, true] {
                let typed = if prefix {
                    normalise::without_partial_entity(input)
                } else {
                    input
                };
                if typed.len() != input.len() || !reads_as_is(input) {
                    continue;
                }
                direct += 1;
                let options = Options::lenient();
                let slow = options.run_normalised(typed, input, prefix);
                assert_eq!(
                    options.run(input, prefix),
                    slow,
                    "{input:?} prefix {prefix}"
                );
            }
        }
        assert!(direct > 30_000, "{direct} inputs read directly");
    }

    /// Texts one edit away from `valid`: each character replaced by each of `swaps`, dropped
    /// or doubled, and each of `swaps` inserted before each character and at the end.
    fn near_misses(valid: &str, swaps: &[char]) -> Vec<String> {
        let chars: Vec<char> = valid.chars().collect();
        let mut out = Vec::new();
        for at in 0..=chars.len() {
            let (head, tail) = chars.split_at(at);
            let text = |middle: &[char], tail: &[char]| -> String {
                head.iter().chain(middle).chain(tail).collect()
            };
            for &swap in swaps {
                out.push(text(&[swap], tail));
                if let Some((_, after)) = tail.split_first() {
                    out.push(text(&[swap], after));
                }
            }
            if let Some((&c, after)) = tail.split_first() {
                out.push(text(&[], after));
                out.push(text(&[c, c], after));
            }
        }
        out
    }

    /// The canonical reading (`fast`) against the full one, with several latest years: it reads
    /// exactly what strict mode accepts, as the same number, which lenient mode reads as it is.
    fn assert_readings_agree(inputs: &[String], max_years: &[u16]) -> usize {
        let mut read = 0;
        for input in inputs {
            for &max_year in max_years {
                let strict = Options::strict().with_max_year(max_year);
                let full = strict.run(input, false).map(|parsed| parsed.number);
                let direct = crate::canonical::read(input, max_year);
                assert_eq!(direct, full.ok(), "{input:?} up to {max_year}");
                if let Some(number) = direct {
                    read += 1;
                    let lenient = Options::lenient().with_max_year(max_year);
                    let parsed = Parsed {
                        number,
                        fixes: Fixes::NONE,
                    };
                    assert_eq!(lenient.run(input, false), Ok(parsed), "{input:?}");
                    assert_eq!(strict.parse(input), Ok(parsed), "{input:?}");
                }
            }
        }
        read
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn reading_canonical_text_directly_equals_the_full_reading() {
        let mut inputs = vector_inputs();
        let pieces = [
            "京",
            "粤",
            "蜀",
            "川",
            "黔",
            "贵",
            "陇",
            "甘",
            "云",
            "港",
            "粵",
            "ICP",
            "备",
            "证",
            "公网安备",
            "号",
            "A1",
            "A2",
            "B1",
            "B2",
            "B3",
            "C1",
            ".",
            "-",
            "0",
            "1",
            "2",
            "9",
            "00",
            "11",
            "20",
            "2019",
            "2027",
            "2028",
            "0000",
            "12345678",
            "110105",
            "11010802020088",
            "A",
            "K",
            "X",
            "Z",
            "a",
            " ",
            "１",
        ];
        inputs.extend(crate::text::testing::generated_texts(
            &pieces,
            20_000,
            12,
            0x2545_F491_4F6C_DD1D,
        ));
        let max_years = [
            DEFAULT_MAX_YEAR,
            2024,
            2020,
            2019,
            2018,
            2009,
            2008,
            2000,
            1999,
        ];
        let read = assert_readings_agree(&inputs, &max_years);
        assert!(read > 1_000, "{read} numbers read directly");
    }

    #[test]
    #[cfg_attr(miri, ignore)]
    fn near_misses_of_valid_numbers_read_the_same_both_ways() {
        let valid: Vec<String> = vector_inputs()
            .into_iter()
            .filter(|input| crate::parse(input).is_ok())
            .collect();
        assert!(valid.len() > 100, "{} valid vectors", valid.len());
        let swaps = [
            '0', '1', '2', '9', '-', '.', 'A', 'B', 'K', 'X', 'Z', 'a', ' ', '号', '备', '证',
            '京', '川', '蜀', '１', '\u{0}', '\u{7F}', '\u{80}', '\u{FFFF}',
        ];
        let inputs: Vec<String> = valid
            .iter()
            .flat_map(|valid| near_misses(valid, &swaps))
            .collect();
        let read = assert_readings_agree(&inputs, &[DEFAULT_MAX_YEAR, 2019]);
        assert!(read > 10_000, "{read} near misses are numbers");
    }
}
