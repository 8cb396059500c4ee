//! The grammar shared by every kind: the province and marker dispatch, digit runs with their
//! layouts, 号, and the site suffix. It reads the raw input in strict mode and the normalised
//! input (see [`crate::normalise`]) in lenient mode; the kind modules hold the rest.

use nom::IResult;
use nom::bytes::complete::tag;
use nom::character::complete::digit0;

use crate::normalise::{CharClass, char_class};
use crate::{
    Detail, ErrorKind, Fix, Fixes, Kind, Lang, Number, Province, ProvinceChar, Service, Site,
    filing, licence, psb, telecom,
};

/// What the parser expects where the input ends too early.
///
/// ```
/// use icp_number::{Expected, Status};
/// assert_eq!(icp_number::check_prefix("京公网")?, Status::Incomplete(Expected::Marker));
/// assert_eq!(Expected::Marker.name(), "marker");
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Expected {
    /// A province abbreviation (or a telecom class).
    Province,
    /// ICP备, ICP证, a telecom class or 公网安备.
    Marker,
    /// More digits.
    Digits,
    /// 号.
    Hao,
    /// The site number after `-`.
    SiteNumber,
    /// A telecom class (A1, A2, B1, B2).
    TelecomClass,
    /// The rest of an HTML entity such as `&nbsp;` (lenient mode).
    Entity,
}

impl Expected {
    /// Every variant.
    pub const ALL: &'static [Expected] = &[
        Expected::Province,
        Expected::Marker,
        Expected::Digits,
        Expected::Hao,
        Expected::SiteNumber,
        Expected::TelecomClass,
        Expected::Entity,
    ];

    /// What should come next, for people, in `lang` (the `INCOMPLETE` message uses it).
    ///
    /// ```
    /// use icp_number::{Expected, Lang};
    /// assert_eq!(Expected::Hao.label(Lang::Zh), "“号”");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.row().1,
            Lang::Zh => self.row().2,
        }
    }

    /// The stable snake_case name used in JSON, C and JavaScript.
    #[must_use]
    pub const fn name(self) -> &'static str {
        self.row().0
    }

    /// The row of [`EXPECTED_ROWS`] (name, English and Chinese labels), indexed by
    /// discriminant: a table is smaller than a `match` per column.
    const fn row(self) -> &'static (&'static str, &'static str, &'static str) {
        let i = self as usize;
        if i < EXPECTED_ROWS.len() {
            &EXPECTED_ROWS[i]
        } else {
            &("", "", "")
        }
    }
}

/// Name, English and Chinese label of each [`Expected`], in declaration (`ALL`) order.
const EXPECTED_ROWS: [(&str, &str, &str); 7] = [
    ("province", "a province abbreviation", "省份简称"),
    (
        "marker",
        "ICP备, ICP证, a telecom class or 公网安备",
        "“ICP备”“ICP证”、电信业务类别或“公网安备”",
    ),
    ("digits", "digits", "数字"),
    ("hao", "号", "“号”"),
    ("site_number", "a site number", "网站序号"),
    (
        "telecom_class",
        "a telecom class (A1, A2, B1 or B2)",
        "电信业务类别（A1、A2、B1或B2）",
    ),
    (
        "entity",
        "the rest of an HTML entity such as &nbsp;",
        "HTML实体（如&nbsp;）的其余部分",
    ),
];

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
        if let Some(next) = after.chars().next() {
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
        let number = crate::number::decimal(run) as u16;
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
        let head = crate::number::decimal(upto(run, self.head));
        (u64::from(self.lo)..=u64::from(self.hi)).contains(&head)
    }

    /// Whether some completion of the digits `known` (shorter than this layout) can satisfy it.
    fn feasible(&self, known: &str) -> bool {
        let k = known.len().min(self.head);
        let span = 10u64.pow((self.head - k) as u32);
        let low = crate::number::decimal(upto(known, k)) * span;
        let high = low + span - 1;
        low <= u64::from(self.hi) && high >= u64::from(self.lo)
    }
}

/// The error for a year field out of range (as typed: all its digits, or the first ones).
pub(crate) fn impossible_year(year: &str) -> (ErrorKind, Detail) {
    (
        ErrorKind::ImpossibleYear,
        Detail::Year(crate::number::decimal(year).min(9999) as u16),
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

/// `s[start..]` without core's panic path (callers cut at character boundaries; "" otherwise).
pub(crate) fn from(s: &str, start: usize) -> &str {
    s.get(start..).unwrap_or("")
}

/// `s[..end]` without core's panic path (callers cut at character boundaries; "" otherwise).
pub(crate) fn upto(s: &str, end: usize) -> &str {
    s.get(..end).unwrap_or("")
}

/// The ASCII digits at the start of `rest`: `(after, digits)`.
///
/// nom reads the bytes: its `&str` primitives would link core's string-slicing panic machinery
/// (about 10 KB of WebAssembly), and the run of ASCII digits ends on a character boundary anyway.
pub(crate) fn digits(rest: &str) -> (&str, &str) {
    let parsed: IResult<&[u8], &[u8], ()> = digit0(rest.as_bytes());
    let len = parsed.map_or(0, |(_, run)| run.len());
    (from(rest, len), upto(rest, len))
}

/// Whether `text` starts with a word of two or more ASCII letters, which text glued to a number
/// may be without hiding it (spec §6: `蜀ICP备16049139号Copyright`).
pub(crate) fn starts_ascii_word(text: &str) -> bool {
    matches!(text.as_bytes(), [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
}

/// Whether `rest` starts with `word`; `Err` when `rest` is a proper prefix of it (input ends inside).
pub(crate) fn starts_with<'a>(rest: &'a str, word: &'static str) -> Result<Option<&'a str>, ()> {
    let parsed: IResult<&[u8], &[u8], ()> = tag(word.as_bytes())(rest.as_bytes());
    match parsed {
        Ok(_) => Ok(Some(from(rest, word.len()))),
        Err(_) if !rest.is_empty() && word.starts_with(rest) => Err(()),
        Err(_) => Ok(None),
    }
}

/// Parses one number at the start of `ctx.text`; the caller deals with what follows.
pub(crate) fn number<'a>(ctx: &mut Ctx<'a>) -> PResult<'a, Number> {
    let text = ctx.text;
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return Err(ctx.incomplete(Expected::Province));
    };
    let marker_first = ["ICP", "公网安备"]
        .iter()
        .any(|word| starts_with(text, word) != Ok(None));
    if marker_first || first.is_ascii_digit() {
        return Err(ctx.fail_with(text, ErrorKind::MissingProvince, Detail::Char(first)));
    }
    if first.is_ascii_alphabetic() {
        // A telecom class is a letter and a digit; a word is not a number at all.
        let class = match chars.as_str().bytes().next() {
            Some(b) => b.is_ascii_digit(),
            None => ctx.prefix && matches!(first, 'A' | 'B'),
        };
        if !class {
            return Err(ctx.fail_with(text, ErrorKind::NotANumber, Detail::None));
        }
        return telecom::tail(ctx, None, text);
    }
    let found = match Province::from_char(first) {
        Ok(found) => found,
        Err(crate::NotAProvince::NotMainland) => {
            return Err(ctx.fail_with(text, ErrorKind::NotMainland, Detail::Char(first)));
        }
        Err(crate::NotAProvince::Unknown) => {
            return Err(ctx.fail(text, ErrorKind::UnknownProvince, Expected::Province));
        }
    };
    if found.form == crate::CharForm::Traditional && !ctx.lenient {
        return Err(ctx.fail_with(text, ErrorKind::Traditional, Detail::Char(first)));
    }
    let rest = chars.as_str();
    marker(ctx, found, rest)
}

/// After the province: ICP备, ICP证, 公网安备 or a telecom class.
fn marker<'a>(ctx: &mut Ctx<'a>, found: ProvinceChar, rest: &'a str) -> PResult<'a, Number> {
    let partial = |ctx: &Ctx<'a>| ctx.incomplete(Expected::Marker);
    let rest = ctx.skip_hyphen(rest)?;
    match starts_with(rest, "ICP") {
        Ok(Some(after)) => {
            return if let Some(tail) = after.strip_prefix('备') {
                filing::tail(ctx, found, tail)
            } else if let Some(tail) = after.strip_prefix('证') {
                licence::tail(ctx, found, tail)
            } else {
                Err(ctx.fail(after, ErrorKind::UnknownMarker, Expected::Marker))
            };
        }
        Err(()) => return Err(partial(ctx)),
        Ok(None) => {}
    }
    match starts_with(rest, "公网安备") {
        Ok(Some(after)) => return psb::tail(ctx, found, after),
        Err(()) => return Err(partial(ctx)),
        Ok(None) => {}
    }
    match rest.chars().next() {
        Some(c)
            if c.is_ascii_uppercase() && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit) =>
        {
            telecom::tail(ctx, Some(found), rest)
        }
        Some('A' | 'B') if rest.len() == 1 && ctx.prefix => Err(partial(ctx)),
        Some(c) if c.is_ascii_digit() => {
            Err(ctx.fail_with(rest, ErrorKind::MissingMarker, Detail::Char(c)))
        }
        _ => Err(unknown_marker(ctx, rest)),
    }
}

/// Names what is wrong with a marker: in strict mode the first character that lenient mode would
/// fix (公網安備 fails at 網 as traditional), otherwise the marker's start.
fn unknown_marker(ctx: &Ctx<'_>, rest: &str) -> Fail {
    for word in ["ICP", "公网安备"] {
        let matched: usize = rest
            .chars()
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        if matched > 0 {
            let fail = ctx.fail(
                from(rest, matched),
                ErrorKind::UnknownMarker,
                Expected::Marker,
            );
            if fail.kind != ErrorKind::UnknownMarker {
                return fail;
            }
        }
    }
    ctx.fail(rest, ErrorKind::UnknownMarker, Expected::Marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_rows_are_in_declaration_order() {
        // `Expected::row` indexes `EXPECTED_ROWS` by discriminant.
        assert_eq!(EXPECTED_ROWS.len(), Expected::ALL.len());
        for (i, next) in Expected::ALL.iter().enumerate() {
            assert_eq!(*next as usize, i);
        }
        assert_eq!(Expected::SiteNumber.name(), "site_number");
        assert_eq!(
            Expected::Entity.label(Lang::Zh),
            "HTML实体（如&nbsp;）的其余部分"
        );
    }
}
