//! The grammar every kind shares: the parse context and its failures, digit runs with their
//! layouts, 号, and the site suffix. It reads the raw input in strict mode and the normalised
//! input (see [`crate::normalise`]) in lenient mode; the kind modules hold the rest, and
//! [`crate::number`] dispatches to them.

use crate::normalise::{CharClass, char_class};
use crate::text::{digits, from, upto};
use crate::{Detail, ErrorKind, Expected, Fix, Fixes, Kind, Province, ProvinceChar, Service, Site};

/// A parse failure at a position of the text being parsed (raw or normalised).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fail {
    pub(crate) kind: ErrorKind,
    pub(crate) at: usize,
    pub(crate) detail: Detail,
}

pub(crate) type PResult<'a, T> = Result<(&'a str, T), Fail>;

/// One parse: the text, the mode, and the fixes applied so far.
pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) lenient: bool,
    /// The text may be the start of a longer input: report `Incomplete` wherever it could go on.
    pub(crate) prefix: bool,
    /// [`unfinished_run`] when `prefix` is set: a function pointer taken only where a prefix
    /// check is made, so that programs which never check prefixes do not link it.
    unfinished_run: Option<UnfinishedRun>,
    pub(crate) max_year: u16,
    pub(crate) fixes: Fixes,
    /// The number may be followed by anything (the scanner): a `-` with no digits after it ends
    /// the number instead of failing it.
    pub(crate) scanning: bool,
}

/// The signature of [`unfinished_run`].
type UnfinishedRun =
    fn(&Ctx<'_>, &str, &[Layout], &dyn Fn(&str) -> (ErrorKind, Detail), Fail, usize) -> Fail;

/// How a run of digits may be laid out: its length, a leading field with its valid range, and
/// where the sequence (which must not be all zeros) starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    pub(crate) len: usize,
    pub(crate) head: usize,
    pub(crate) lo: u16,
    pub(crate) hi: u16,
    pub(crate) seq_from: usize,
}

impl Fail {
    /// The public error, with `at` mapped back to a byte offset of `input`.
    /// A character detail names the character as typed, not as lenient mode read it.
    pub(crate) fn into_error(self, input: &str, map: impl Fn(usize) -> usize) -> crate::Error {
        let at = map(self.at);
        let typed = input.get(at..).and_then(|rest| rest.chars().next());
        let detail = match (self.detail, typed) {
            (Detail::Char(_), Some(c)) => Detail::Char(c),
            (detail, _) => detail,
        };
        crate::Error::new(self.kind, input, at, detail)
    }
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(text: &'a str, lenient: bool, prefix: bool, max_year: u16) -> Self {
        Ctx {
            text,
            lenient,
            prefix,
            unfinished_run: if prefix { Some(unfinished_run) } else { None },
            max_year,
            fixes: Fixes::NONE,
            scanning: false,
        }
    }

    pub(crate) fn pos(&self, rest: &str) -> usize {
        self.text.len() - rest.len()
    }

    pub(crate) fn fail_with(&self, rest: &str, kind: ErrorKind, detail: Detail) -> Fail {
        Fail {
            kind,
            at: self.pos(rest),
            detail,
        }
    }

    /// The input ends where `expected` should come.
    pub(crate) fn incomplete(&self, expected: Expected) -> Fail {
        Fail {
            kind: ErrorKind::Incomplete,
            at: self.text.len(),
            detail: Detail::Expected(expected),
        }
    }

    /// The text goes wrong at the start of `rest`: `kind` unless the character there is one
    /// lenient mode would have fixed (strict mode names that fix instead).
    pub(crate) fn fail(&self, rest: &str, kind: ErrorKind, expected: Expected) -> Fail {
        let Some(c) = rest.chars().next() else {
            return self.incomplete(expected);
        };
        let kind = match char_class(c, rest) {
            CharClass::Space(_) => ErrorKind::Whitespace,
            CharClass::Separator => ErrorKind::Separator,
            CharClass::FullWidth(_) => ErrorKind::FullWidth,
            CharClass::Lowercase(_) => ErrorKind::Lowercase,
            CharClass::Traditional(_) => ErrorKind::Traditional,
            CharClass::Punctuation(_) | CharClass::Other => kind,
        };
        self.fail_with(rest, kind, Detail::Char(c))
    }

    /// Records `fix` in lenient mode; strict mode fails with the fix's error at `rest`.
    pub(crate) fn fix(&mut self, fix: Fix, rest: &str) -> Result<(), Fail> {
        if self.lenient {
            self.fixes.insert(fix);
            Ok(())
        } else {
            let detail = rest.chars().next().map_or(Detail::None, Detail::Char);
            Err(self.fail_with(rest, fix.strict_error(), detail))
        }
    }

    /// Checks the province character at the start of the text for numbers of `kind`.
    pub(crate) fn province(&mut self, found: ProvinceChar, kind: Kind) -> Result<Province, Fail> {
        let province = found.province;
        if found.simplified != province.abbr(kind) {
            if !self.lenient {
                let written = self.text.chars().next().unwrap_or(found.simplified);
                let detail = Detail::Abbreviation {
                    province,
                    found: written,
                    kind,
                };
                return Err(Fail {
                    kind: ErrorKind::WrongAbbreviation,
                    at: 0,
                    detail,
                });
            }
            self.fixes.insert(Fix::ProvinceAlias);
        }
        Ok(province)
    }

    /// Skips one `-` between parts (闽公网安备-35030502000216号): a fix in lenient mode.
    pub(crate) fn skip_hyphen(&mut self, rest: &'a str) -> Result<&'a str, Fail> {
        match rest.strip_prefix('-') {
            Some(after) => {
                self.fix(Fix::Separator, rest)?;
                Ok(after)
            }
            None => Ok(rest),
        }
    }

    /// A run of digits checked against `layouts`: the length, the leading field's range and a
    /// non-zero sequence. `head_error` names a leading field out of range.
    pub(crate) fn digit_run(
        &self,
        rest: &'a str,
        layouts: &[Layout],
        head_error: &dyn Fn(&str) -> (ErrorKind, Detail),
        kind: Kind,
    ) -> PResult<'a, &'a str> {
        let (after, run) = digits(rest);
        // 号 and ASCII other than `&` and whitespace are neither a space nor a full-width digit:
        // the common case needs no classification.
        let plain = |c: char| c == '号' || (c.is_ascii() && c != '&' && !c.is_ascii_whitespace());
        let classify = |&c: &char| !cfg!(feature = "fast") || !plain(c);
        if let Some(next) = after.chars().next().filter(classify) {
            let class = char_class(next, after);
            let split_by_space = matches!(class, CharClass::Space(len)
                if from(after, len).starts_with(|c: char| c.is_ascii_digit()));
            let wide_digit = matches!(class, CharClass::FullWidth(d) if d.is_ascii_digit());
            if split_by_space || wide_digit {
                return Err(self.fail(after, ErrorKind::UnexpectedCharacter, Expected::Digits));
            }
        }
        let start = self.pos(rest);
        let checked = check_layouts(run, layouts, head_error).map_err(|(error, offset, detail)| {
            let detail = match error {
                ErrorKind::BadLength => Detail::Length {
                    found: run.len().min(255) as u8,
                    kind,
                },
                _ => detail,
            };
            Fail {
                kind: error,
                at: start + offset,
                detail,
            }
        });
        match checked {
            Ok(()) => Ok((after, run)),
            // The input ends before the digits: every layout can still be met (each one's
            // leading field has a value in range), in prefix mode or not.
            Err(_) if after.is_empty() && run.is_empty() => Err(self.incomplete(Expected::Digits)),
            Err(fail) if after.is_empty() && self.unfinished_run.is_some() => {
                Err(self.unfinished_run.map_or(fail, |unfinished| {
                    unfinished(self, run, layouts, head_error, fail, start)
                }))
            }
            Err(fail) if run.is_empty() => {
                let fail_here = self.fail(after, ErrorKind::BadLength, Expected::Digits);
                Err(if fail_here.kind == ErrorKind::BadLength {
                    fail
                } else {
                    fail_here
                })
            }
            Err(fail) => Err(fail),
        }
    }

    /// What ICP备 and ICP证 numbers share after the marker: an optional separator, the digits
    /// laid out as `layouts`, 号 and an optional site suffix.
    pub(crate) fn icp_body(
        &mut self,
        rest: &'a str,
        layouts: &[Layout],
        kind: Kind,
    ) -> PResult<'a, (&'a str, Option<Site>)> {
        let rest = self.skip_hyphen(rest)?;
        let (rest, run) = self.digit_run(rest, layouts, &impossible_year, kind)?;
        let (rest, site) = self.hao_and_site(rest, true)?;
        Ok((rest, (run, site)))
    }

    /// 号 after the digits, then (`with_site`) an optional site suffix; lenient mode supplies a
    /// missing 号 and moves a site number written before it.
    pub(crate) fn hao_and_site(
        &mut self,
        rest: &'a str,
        with_site: bool,
    ) -> PResult<'a, Option<Site>> {
        if let Some(after) = rest.strip_prefix('号') {
            return if with_site {
                self.site(after)
            } else {
                Ok((after, None))
            };
        }
        if with_site && rest.starts_with('-') {
            if !self.lenient {
                let before_hao =
                    matches!(self.site(rest), Ok((after, _)) if after.starts_with('号'));
                let fix = if before_hao {
                    Fix::SiteBeforeHao
                } else {
                    Fix::MissingHao
                };
                return Err(self.fail_with(rest, fix.strict_error(), Detail::Char('-')));
            }
            let (after, site) = self.site(rest)?;
            return match after.strip_prefix('号') {
                Some(after_hao) => {
                    self.fixes.insert(Fix::SiteBeforeHao);
                    Ok((after_hao, site))
                }
                None => {
                    self.fixes.insert(Fix::MissingHao);
                    Ok((after, site))
                }
            };
        }
        if !self.lenient && (!rest.is_empty() || self.prefix) {
            return Err(self.fail(rest, ErrorKind::MissingHao, Expected::Hao));
        }
        self.fix(Fix::MissingHao, rest)?;
        Ok((rest, None))
    }

    /// An optional `-<N>[<T>]` site suffix.
    pub(crate) fn site(&self, rest: &'a str) -> PResult<'a, Option<Site>> {
        let Some(suffix) = rest.strip_prefix('-') else {
            return Ok((rest, None));
        };
        let (after, run) = digits(suffix);
        let bad = run.is_empty() || run.starts_with('0') || run.len() > 4;
        if bad && self.scanning {
            // A stray suffix in running text (spec §5): the number ends before it.
            return Ok((rest, None));
        }
        if run.is_empty() {
            return Err(self.fail(after, ErrorKind::BadSiteNumber, Expected::SiteNumber));
        }
        if bad {
            return Err(self.fail_with(suffix, ErrorKind::BadSiteNumber, Detail::None));
        }
        let number = crate::text::decimal(run) as u16;
        let mut service = Service::Website;
        let mut after = after;
        if let Some(c) = after.chars().next().filter(char::is_ascii_alphabetic) {
            service = match Service::from_letter(c) {
                Some(s) => s,
                None if c.is_ascii_lowercase() => {
                    return Err(self.fail(after, ErrorKind::BadServiceLetter, Expected::Hao));
                }
                None => {
                    return Err(self.fail_with(
                        after,
                        ErrorKind::BadServiceLetter,
                        Detail::Char(c),
                    ));
                }
            };
            after = from(after, 1);
        }
        Ok((after, Some(Site { number, service })))
    }
}

impl Layout {
    /// Whether the leading field of `run` lies in this layout's range.
    fn head_in_range(&self, run: &str) -> bool {
        let head = crate::text::decimal(upto(run, self.head));
        (u64::from(self.lo)..=u64::from(self.hi)).contains(&head)
    }

    /// Whether some completion of the digits `known` (shorter than this layout) can satisfy it.
    fn feasible(&self, known: &str) -> bool {
        let k = known.len().min(self.head);
        let span = 10u64.pow((self.head - k) as u32);
        let low = crate::text::decimal(upto(known, k)) * span;
        let high = low + span - 1;
        low <= u64::from(self.hi) && high >= u64::from(self.lo)
    }
}

#[cfg(feature = "fast")]
impl Layout {
    /// Whether the complete run of ASCII digits `run` is laid out this way: [`check_layouts`]
    /// with no error to tell, for canonical text read directly.
    pub(crate) fn fits(&self, run: &[u8]) -> bool {
        let (Some(head), Some(seq)) = (run.get(..self.head), run.get(self.seq_from..)) else {
            return false;
        };
        let head = head.iter().fold(0u32, |acc, &b| {
            acc.wrapping_mul(10)
                .wrapping_add(u32::from(b.wrapping_sub(b'0')))
        });
        run.len() == self.len
            && (u32::from(self.lo)..=u32::from(self.hi)).contains(&head)
            && seq.iter().any(|&b| b != b'0')
    }
}

/// The error for a year field out of range (as typed: all its digits, or the first ones).
pub(crate) fn impossible_year(year: &str) -> (ErrorKind, Detail) {
    (
        ErrorKind::ImpossibleYear,
        Detail::Year(crate::text::decimal(year).min(9999) as u16),
    )
}

/// Prefix mode: the error for the run of digits `run` (at `start`) that ends the input and does
/// not fit `layouts`, whose check failed with `fail`: `Incomplete` while some completion can fit.
fn unfinished_run(
    ctx: &Ctx<'_>,
    run: &str,
    layouts: &[Layout],
    head_error: &dyn Fn(&str) -> (ErrorKind, Detail),
    fail: Fail,
    start: usize,
) -> Fail {
    if feasible(run, layouts) {
        return ctx.incomplete(Expected::Digits);
    }
    if fail.kind == ErrorKind::BadLength && layouts.iter().any(|l| l.len > run.len()) {
        // No completion fits: name the leading field that rules them all out.
        let head = layouts.first().map_or(0, |l| l.head).min(run.len());
        let (kind, detail) = head_error(upto(run, head));
        return Fail {
            kind,
            at: start,
            detail,
        };
    }
    fail
}

/// Whether some completion of the run `known` fits one of `layouts`.
fn feasible(known: &str, layouts: &[Layout]) -> bool {
    layouts
        .iter()
        .any(|l| l.len > known.len() && l.feasible(known))
}

/// Checks a complete run; the error carries the byte offset inside the run.
fn check_layouts(
    run: &str,
    layouts: &[Layout],
    head_error: &dyn Fn(&str) -> (ErrorKind, Detail),
) -> Result<(), (ErrorKind, usize, Detail)> {
    let Some(layout) = layouts.iter().find(|l| l.len == run.len()) else {
        return Err((ErrorKind::BadLength, 0, Detail::None));
    };
    if !layout.head_in_range(run) {
        let (kind, detail) = head_error(upto(run, layout.head));
        return Err((kind, 0, detail));
    }
    if from(run, layout.seq_from).bytes().all(|b| b == b'0') {
        return Err((ErrorKind::ZeroSequence, layout.seq_from, Detail::None));
    }
    Ok(())
}
