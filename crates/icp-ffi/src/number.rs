//! Parsing into caller-owned structs, and the canonical form, main number, query link and
//! error message written into caller buffers.

use std::ffi::c_char;
use std::fmt;

use icp_number::{Detail, Error, ErrorKind, Lang, Number, Options, Parsed, Province, Status};

use crate::boundary::{BadInput, field_text, fill, guard, input_str, write_out, write_text};
use crate::codes::boundary_text;
use crate::{IcpDetail, IcpExpected, IcpKind, IcpLang, IcpMode, IcpService, IcpStatus};

/// The longest canonical form, in bytes, without the NUL (a 14-digit public-security number).
pub const ICP_CANONICAL_MAX: usize = 32;

/// The size of `icp_number.canonical`: the longest canonical form and its NUL.
pub const ICP_CANONICAL_SIZE: usize = ICP_CANONICAL_MAX + 1;

/// The longest query link (`icp_query_url()`), in bytes, without the NUL.
pub const ICP_QUERY_URL_MAX: usize = 64;

/// The latest year a number may carry when `icp_options.max_year` is 0.
pub const ICP_DEFAULT_MAX_YEAR: u16 = 2027;

const _: () = assert!(ICP_CANONICAL_MAX == icp_number::CANONICAL_MAX);
const _: () = assert!(ICP_QUERY_URL_MAX == icp_number::QUERY_URL_MAX);
const _: () = assert!(ICP_DEFAULT_MAX_YEAR == icp_number::DEFAULT_MAX_YEAR);

/// How to read a number. A zeroed struct (`icp_options options = {0};`) means strict mode with
/// the default `max_year`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IcpOptions {
    /// One of the `ICP_MODE_*` values (0, `ICP_MODE_STRICT`, by default); any other value gives
    /// `ICP_ERR_INVALID_ARGUMENT`.
    pub mode: u32,
    /// The latest year a 10-digit filing, a licence or a telecom licence may carry;
    /// 0 means `ICP_DEFAULT_MAX_YEAR`.
    pub max_year: u16,
}

/// A parsed registration number. Fields that do not apply to its kind are 0.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcpNumber {
    /// Which kind of number (`ICP_KIND_NONE` when there is none).
    pub kind: IcpKind,
    /// The service of the site suffix (`ICP_SERVICE_NONE` without a site number).
    pub service: IcpService,
    /// The province's GB/T 2260 code (11 Beijing … 65 Xinjiang); 0 for a cross-regional
    /// telecom licence. `icp_province_by_gb_code()` gives its names and abbreviations.
    pub province: u8,
    /// Telecom licences: the classes, a set of `ICP_TELECOM_CLASS_*` bits.
    pub telecom_classes: u8,
    /// The year the number was issued: of first approval for a filing (two-digit years are
    /// 20yy), of issue for a licence or a telecom licence. 0 for a public-security number, whose
    /// digits carry no year (0 is never a year here: the earliest is 2000).
    pub year: u16,
    /// The site number after `-` (1..=9999), 0 when there is none.
    pub site: u16,
    /// The sequence number: the digits after the year (public-security numbers: after the
    /// division code). Every kind has one.
    pub sequence: u32,
    /// Public-security numbers: the 6-digit division code of the issuing police office.
    pub division_code: u32,
    /// Public-security numbers: the legacy 12-digit Beijing form.
    pub legacy: bool,
    /// The number's digits as written, without marker or suffix, NUL-terminated: the body of a
    /// filing, a licence or a telecom licence (`"20090059"`), the 14 (or 12) digits of a
    /// public-security number.
    pub digits: [c_char; 15],
    /// The canonical form, UTF-8, NUL-terminated (`京ICP备12345678号-1`).
    pub canonical: [c_char; ICP_CANONICAL_SIZE],
}

/// Where and why an input is not valid, and what the library knows beyond that. `detail` says
/// which of the other fields carry the error's detail; the rest are 0. `icp_error_message()`
/// renders the message from the result's `status`, this `detail` and the fields it names.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IcpError {
    /// The UTF-8 byte offset where the input goes wrong (its length when it ends too early).
    pub byte_offset: usize,
    /// The same position in characters (Unicode scalar values).
    pub char_index: usize,
    /// Which fields below are meaningful (`ICP_DETAIL_NONE`: none of them).
    pub detail: IcpDetail,
    /// `ICP_DETAIL_CHAR`, `ICP_DETAIL_ABBREVIATION`: the offending character, as a Unicode code
    /// point (0 is U+0000, a character like any other).
    pub character: u32,
    /// `ICP_DETAIL_ABBREVIATION`: the character to use instead, as a Unicode code point (the
    /// abbreviation `province` uses in numbers of `kind`).
    pub suggestion: u32,
    /// `ICP_DETAIL_ABBREVIATION`, `ICP_DETAIL_CODES`: the province the error is about (GB/T 2260
    /// code): the one a wrong abbreviation names, or the prefix's in
    /// `ICP_ERR_PSB_PROVINCE_MISMATCH`.
    pub province: u8,
    /// `ICP_DETAIL_CODES`: the first two digits as a number (they may be 00), or the first one.
    pub digits: u8,
    /// `ICP_DETAIL_LENGTH`: how many digits were found. `ICP_DETAIL_CODES`: how many of the two
    /// digits `digits` holds (2, or 1 in an as-you-type check).
    pub length: u8,
    /// `ICP_DETAIL_LENGTH`, `ICP_DETAIL_ABBREVIATION`: the kind of number being read.
    pub kind: IcpKind,
    /// `ICP_DETAIL_YEAR`: the year as written (two or four digits; 0 from `00` or `0000`).
    pub year: u16,
}

/// Everything `icp_parse()` says about one input.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcpResult {
    /// The same status `icp_parse()` returns.
    pub status: IcpStatus,
    /// Whether `number` holds a number: `ICP_OK` and not an incomplete prefix.
    pub complete: bool,
    /// What should come next: for an incomplete prefix (`ICP_OK`, `complete` false) and for
    /// `ICP_ERR_INCOMPLETE` (`error.detail` is then `ICP_DETAIL_EXPECTED`);
    /// `ICP_EXPECTED_NONE` otherwise.
    pub expected: IcpExpected,
    /// Lenient modes: the corrections applied, a set of `ICP_FIX_*` bits (0 when canonical).
    pub fixes: u16,
    /// The number, when `complete`.
    pub number: IcpNumber,
    /// The error, when `status` is not `ICP_OK`.
    pub error: IcpError,
}

impl IcpNumber {
    const NONE: IcpNumber = IcpNumber {
        kind: IcpKind::None,
        service: IcpService::None,
        province: 0,
        telecom_classes: 0,
        year: 0,
        site: 0,
        sequence: 0,
        division_code: 0,
        legacy: false,
        digits: [0; 15],
        canonical: [0; ICP_CANONICAL_SIZE],
    };

    /// The struct of a number: each field from the core's accessor of the same name.
    pub(crate) fn of(number: &Number) -> IcpNumber {
        let mut out = IcpNumber {
            kind: IcpKind::of(number.kind()),
            service: IcpService::of(number.service()),
            province: number.province().map_or(0, |p| p.gb_code()),
            year: number.year().unwrap_or(0),
            site: number.site().map_or(0, |s| s.number()),
            sequence: number.sequence(),
            ..IcpNumber::NONE
        };
        match number {
            Number::Telecom(n) => out.telecom_classes = n.classes().bits(),
            Number::Psb(n) => {
                out.division_code = n.division_code();
                out.legacy = n.is_legacy();
            }
            _ => {}
        }
        fill(&mut out.digits, number.digits());
        fill(&mut out.canonical, &number.canonical());
        out
    }

    /// The number this struct describes, read back through its canonical form (so a struct
    /// the caller altered or zeroed gives `None`, never a wrong number).
    ///
    /// # Safety
    ///
    /// `number` is NULL, or valid for reads and aligned.
    pub(crate) unsafe fn read(number: *const IcpNumber) -> Option<Number> {
        if number.is_null() {
            return None;
        }
        // SAFETY: `number` is non-null, valid for reads and aligned (this function's
        // contract); only the `canonical` field is read, a byte array for which every bit
        // pattern is valid, so other fields the caller may have altered are never read.
        let canonical = unsafe { (&raw const (*number).canonical).read() };
        let mut scratch = [0; ICP_CANONICAL_SIZE];
        let text = field_text(&canonical, &mut scratch)?;
        // Lenient, and no year limit: whatever options produced the number, its canonical
        // form reads back as the same number.
        let parsed = Options::lenient()
            .with_max_year(u16::MAX)
            .parse(text)
            .ok()?;
        (parsed.number.canonical() == text).then_some(parsed.number)
    }
}

impl IcpError {
    /// The struct of a core error: its position, and its detail in the fields the tag names
    /// (`Detail::Expected` goes to `icp_result.expected`, which `expected` receives).
    fn of(err: &Error, expected: &mut IcpExpected) -> IcpError {
        let mut e = IcpError {
            byte_offset: err.byte_offset(),
            char_index: err.char_index(),
            ..IcpError::default()
        };
        match err.detail() {
            Detail::None => {}
            Detail::Char(c) => (e.detail, e.character) = (IcpDetail::Char, u32::from(c)),
            Detail::Expected(next) => {
                e.detail = IcpDetail::Expected;
                *expected = IcpExpected::of(next);
            }
            Detail::Length { found, kind } => {
                (e.detail, e.length, e.kind) = (IcpDetail::Length, found, IcpKind::of(kind));
            }
            Detail::Year(year) => (e.detail, e.year) = (IcpDetail::Year, year),
            Detail::Abbreviation {
                province,
                found,
                kind,
            } => {
                e.detail = IcpDetail::Abbreviation;
                e.character = u32::from(found);
                e.suggestion = u32::from(province.abbr(kind));
                e.province = province.gb_code();
                e.kind = IcpKind::of(kind);
            }
            Detail::Codes {
                province,
                digits,
                typed,
            } => {
                e.detail = IcpDetail::Codes;
                (e.province, e.digits, e.length) = (province.gb_code(), digits, typed);
            }
            // A detail added to the core: the tests over every vector error fail until it has
            // a tag; until then the message shows `?` for it.
            _ => {}
        }
        e
    }
}

impl IcpResult {
    /// A result with only a status (and an error position, for input that is not text).
    pub(crate) fn status_only(status: IcpStatus) -> IcpResult {
        IcpResult {
            status,
            complete: false,
            expected: IcpExpected::None,
            fixes: 0,
            number: IcpNumber::NONE,
            error: IcpError::default(),
        }
    }

    fn bad_input(bad: BadInput) -> IcpResult {
        let mut result = IcpResult::status_only(bad.status());
        if let BadInput::Utf8 {
            byte_offset,
            char_index,
        } = bad
        {
            result.error.byte_offset = byte_offset;
            result.error.char_index = char_index;
        }
        result
    }

    fn complete(parsed: &Parsed) -> IcpResult {
        IcpResult {
            complete: true,
            fixes: parsed.fixes.bits(),
            number: IcpNumber::of(&parsed.number),
            ..IcpResult::status_only(IcpStatus::ICP_OK)
        }
    }

    fn error(err: &Error) -> IcpResult {
        let mut result = IcpResult::status_only(IcpStatus::from_kind(err.kind()));
        result.error = IcpError::of(err, &mut result.expected);
        result
    }
}

/// What `icp_error_message()` reads of an `icp_result`: the status, and the detail its tag
/// names, each field read as the integer of its C declaration (the struct may be the caller's,
/// with any bits in its enum fields).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Written {
    status: u32,
    /// The detail, or `None` when the tag or a field it names holds no valid value.
    detail: Option<Detail>,
}

impl Written {
    /// # Safety
    ///
    /// `result` is NULL, or valid for reads of an initialised `IcpResult` and aligned.
    unsafe fn read(result: *const IcpResult) -> Option<Written> {
        if result.is_null() {
            return None;
        }
        // SAFETY: `result` is non-null, valid for reads of an initialised `IcpResult` and
        // aligned (this function's contract), so each field read through `&raw const` is in
        // bounds and aligned. Every field is read as the integer of its C declaration (the
        // `repr(u32)` and `repr(u8)` enums as `u32` and `u8`), valid whatever its bits, so a
        // struct the caller filled or altered is never read as an invalid Rust enum.
        let (status, expected, tag, character, province, digits, length, kind, year) = unsafe {
            let e = &raw const (*result).error;
            (
                (&raw const (*result).status).cast::<u32>().read(),
                (&raw const (*result).expected).cast::<u8>().read(),
                (&raw const (*e).detail).cast::<u8>().read(),
                (&raw const (*e).character).read(),
                (&raw const (*e).province).read(),
                (&raw const (*e).digits).read(),
                (&raw const (*e).length).read(),
                (&raw const (*e).kind).cast::<u8>().read(),
                (&raw const (*e).year).read(),
            )
        };
        let province = || Province::from_gb_code(province);
        let character = || char::from_u32(character);
        let kind = || IcpKind::core(u32::from(kind));
        let detail = match IcpDetail::from_u8(tag) {
            None => None,
            Some(IcpDetail::None) => Some(Detail::None),
            Some(IcpDetail::Char) => character().map(Detail::Char),
            Some(IcpDetail::Expected) => {
                IcpExpected::core(u32::from(expected)).map(Detail::Expected)
            }
            Some(IcpDetail::Length) => kind().map(|kind| Detail::Length {
                found: length,
                kind,
            }),
            Some(IcpDetail::Year) => Some(Detail::Year(year)),
            Some(IcpDetail::Abbreviation) => match (province(), character(), kind()) {
                (Some(province), Some(found), Some(kind)) => Some(Detail::Abbreviation {
                    province,
                    found,
                    kind,
                }),
                _ => None,
            },
            Some(IcpDetail::Codes) => province().map(|province| Detail::Codes {
                province,
                digits,
                typed: length,
            }),
        };
        Some(Written { status, detail })
    }

    /// The message: the core's for its error kinds (with `?` for a detail the fields no longer
    /// give), the C boundary's own for its statuses, none for `ICP_OK` and unknown statuses.
    fn message(self, lang: Lang) -> Option<ErrorText> {
        let kind = u16::try_from(self.status)
            .ok()
            .and_then(ErrorKind::from_code);
        if let Some(kind) = kind {
            let detail = self.detail.unwrap_or(Detail::None);
            return Some(ErrorText::Core(kind.message(detail, lang)));
        }
        let status = IcpStatus::from_code(self.status)?;
        if status == IcpStatus::ICP_OK {
            return None;
        }
        let (_, en, zh) = boundary_text(status);
        Some(ErrorText::Boundary(if lang == Lang::Zh { zh } else { en }))
    }
}

/// The core's options for C options.
fn options(options: IcpOptions) -> Option<(IcpMode, Options)> {
    let mode = IcpMode::from_u32(options.mode)?;
    let base = match mode {
        IcpMode::Strict | IcpMode::Prefix => Options::strict(),
        IcpMode::Lenient | IcpMode::PrefixLenient => Options::lenient(),
    };
    let max_year = match options.max_year {
        0 => ICP_DEFAULT_MAX_YEAR,
        year => year,
    };
    Some((mode, base.with_max_year(max_year)))
}

/// What the core says about `input`, as `icp_parse()` reports it.
enum Outcome {
    Bad(BadInput),
    InvalidOptions,
    Done(Result<Status, Error>),
}

/// # Safety
///
/// `input` is NULL, or valid for reads of `len` bytes.
unsafe fn outcome(input: *const c_char, len: usize, opts: IcpOptions) -> Outcome {
    // SAFETY: this function's contract is `input_str`'s.
    let text = match unsafe { input_str(input, len) } {
        Ok(text) => text,
        Err(bad) => return Outcome::Bad(bad),
    };
    let Some((mode, options)) = options(opts) else {
        return Outcome::InvalidOptions;
    };
    Outcome::Done(match mode {
        IcpMode::Prefix | IcpMode::PrefixLenient => options.check_prefix(text),
        IcpMode::Strict | IcpMode::Lenient => options.parse(text).map(Status::Complete),
    })
}

impl Outcome {
    fn result(&self) -> IcpResult {
        match self {
            Outcome::Bad(bad) => IcpResult::bad_input(*bad),
            Outcome::InvalidOptions => IcpResult::status_only(IcpStatus::ICP_ERR_INVALID_ARGUMENT),
            Outcome::Done(Ok(Status::Complete(parsed))) => IcpResult::complete(parsed),
            Outcome::Done(Ok(Status::Incomplete(next))) => IcpResult {
                expected: IcpExpected::of(*next),
                ..IcpResult::status_only(IcpStatus::ICP_OK)
            },
            Outcome::Done(Err(err)) => IcpResult::error(err),
        }
    }
}

/// Parses `len` bytes of UTF-8 at `input` as one registration number and writes what it
/// finds to `*out`. `options` says how (a zeroed `icp_options` is strict):
///
/// - `ICP_MODE_STRICT` (0, the default) and `ICP_MODE_LENIENT` read one whole number; lenient
///   mode reports the corrections it applied in `out->fixes`.
/// - `ICP_MODE_PREFIX` (strict) and `ICP_MODE_PREFIX_LENIENT` check input that may still be
///   typed: `ICP_OK` with `out->complete` true for a number, `ICP_OK` with `out->complete`
///   false and `out->expected` while it is a valid start, an error as soon as no continuation
///   can be valid.
///
/// Returns `ICP_OK`, the reason the input is not valid (`ICP_ERR_*` 100..=599, with the
/// position and details in `out->error`), `ICP_ERR_NULL_POINTER` (`input` or `out` is NULL),
/// `ICP_ERR_INVALID_UTF8` (`out->error` holds the offset of the first bad byte) or
/// `ICP_ERR_INVALID_ARGUMENT` (an unknown mode, `len` above `PTRDIFF_MAX`). `*out` is always
/// written completely when `out` is not NULL, and its `status` is the return value.
///
/// # Safety
///
/// `input` is NULL or valid for reads of `len` bytes; `out` is NULL or valid for writes of an
/// `icp_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_parse(
    input: *const c_char,
    len: usize,
    options: IcpOptions,
    out: *mut IcpResult,
) -> IcpStatus {
    let result = guard(IcpResult::status_only(IcpStatus::ICP_ERR_PANIC), || {
        // SAFETY: `input` and `len` are as this function's contract says.
        unsafe { outcome(input, len, options) }.result()
    });
    // SAFETY: `out` is NULL or valid for writes of an `IcpResult` (this function's contract).
    match unsafe { write_out(out, result) } {
        IcpStatus::ICP_OK => result.status,
        null => null,
    }
}

/// Whether `len` bytes at `input` are one number in canonical form: strict, like every
/// validator unless asked for lenient (default `max_year`). `false` for NULL or invalid UTF-8.
/// For lenient validation, `icp_parse()` with `ICP_MODE_LENIENT`.
///
/// # Safety
///
/// `input` is NULL or valid for reads of `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_is_valid(input: *const c_char, len: usize) -> bool {
    guard(false, || {
        // SAFETY: `input` and `len` are as this function's contract says.
        let outcome = unsafe { outcome(input, len, IcpOptions::default()) };
        matches!(outcome, Outcome::Done(Ok(Status::Complete(_))))
    })
}

/// Parses `len` bytes at `input` as `icp_parse()` does with `options` (a zeroed `icp_options`
/// is strict) and writes the canonical form of the number to `buf` (`size` bytes, always
/// NUL-terminated when `size > 0`): one call to clean up a number.
///
/// Returns `ICP_OK`; the status `icp_parse()` would return (and writes an empty string;
/// `icp_parse()` gives the details, `icp_error_message()` the message); in the prefix modes,
/// `ICP_ERR_INCOMPLETE` for a valid but unfinished start; `ICP_ERR_BUFFER_TOO_SMALL` when the
/// canonical form does not fit (`buf` then holds it cut at a character boundary;
/// `ICP_CANONICAL_SIZE` bytes always suffice).
///
/// # Safety
///
/// `input` is NULL or valid for reads of `len` bytes; `buf` is NULL or valid for writes of
/// `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_canonicalize(
    input: *const c_char,
    len: usize,
    options: IcpOptions,
    buf: *mut c_char,
    size: usize,
) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        // SAFETY: `input` and `len` are as this function's contract says.
        let outcome = unsafe { outcome(input, len, options) };
        let (status, text) = match outcome {
            Outcome::Done(Ok(Status::Complete(parsed))) => {
                (IcpStatus::ICP_OK, parsed.number.canonical())
            }
            Outcome::Done(Ok(Status::Incomplete(_))) => {
                (IcpStatus::ICP_ERR_INCOMPLETE, Default::default())
            }
            other => (other.result().status, Default::default()),
        };
        // SAFETY: `buf` is NULL or valid for writes of `size` bytes (this function's contract).
        let needed = unsafe { write_text(&text, buf, size) };
        match status {
            IcpStatus::ICP_OK if needed >= size => IcpStatus::ICP_ERR_BUFFER_TOO_SMALL,
            status => status,
        }
    })
}

/// Writes the message of the error in `*result`, as `icp_parse()` filled it, in `lang`
/// (`ICP_LANG_EN` or `ICP_LANG_ZH`), `snprintf`-style: returns the length the message needs,
/// writes what fits into `size` bytes (cut at a character boundary), NUL-terminated.
///
/// The message is rendered from the result's `status`, `error.detail` and the fields that tag
/// names, with no second parse: the core's one table for its errors (`川ICP备12345678号` in
/// strict mode: "Sichuan ICP numbers use 蜀, not 川" / "四川的ICP备案号使用“蜀”而不是“川”"),
/// messages of their own for the C boundary's statuses (NULL, invalid UTF-8, an unknown mode,
/// …). A tag or field the caller altered so that it no longer holds a valid value gives the
/// message with `?` for every detail, never undefined behaviour. The message never holds a
/// NUL byte: a U+0000 character it quotes shows as `?` (the struct's `character` is 0).
///
/// Writes an empty string and returns 0 when `result` is NULL, when its status is `ICP_OK`
/// (a number, or a valid start in the prefix modes) or not an `icp_status`, and when `lang`
/// is not an `icp_lang`.
///
/// # Safety
///
/// `result` is NULL or valid for reads of an initialised `icp_result` (one `icp_parse()` wrote,
/// or any the caller filled); `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_error_message(
    result: *const IcpResult,
    lang: u32,
    buf: *mut c_char,
    size: usize,
) -> usize {
    guard(0, || {
        // SAFETY: `result` is NULL or valid for reads of an initialised `IcpResult` (this
        // function's contract).
        let written = unsafe { Written::read(result) };
        let text = written
            .zip(IcpLang::core(lang))
            .and_then(|(written, lang)| written.message(lang));
        // SAFETY: `buf` is NULL or valid for writes of `size` bytes (this function's contract).
        unsafe { write_text(text.unwrap_or(ErrorText::Boundary("")), buf, size) }
    })
}

/// An error message: the core's, or a C boundary status's (empty for `ICP_OK`).
enum ErrorText {
    Core(icp_number::Message),
    Boundary(&'static str),
}

impl fmt::Display for ErrorText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorText::Core(message) => message.write_to(&mut NoNul(f)),
            ErrorText::Boundary(text) => f.write_str(text),
        }
    }
}

/// A writer that writes each NUL byte as `?`, so that a C string holds all of a message.
struct NoNul<'a, W: fmt::Write + ?Sized>(&'a mut W);

impl<W: fmt::Write + ?Sized> fmt::Write for NoNul<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut parts = s.split('\0');
        if let Some(first) = parts.next() {
            self.0.write_str(first)?;
        }
        for part in parts {
            self.0.write_str("?")?;
            self.0.write_str(part)?;
        }
        Ok(())
    }
}

/// A writer of something derived from a number.
///
/// # Safety
///
/// `number` is NULL or valid for reads; `buf` is NULL or valid for writes of `size` bytes.
unsafe fn write_derived<T: std::fmt::Display>(
    number: *const IcpNumber,
    buf: *mut c_char,
    size: usize,
    derive: impl FnOnce(Number) -> T,
) -> usize {
    guard(0, || {
        // SAFETY: `number` is NULL or valid for reads (this function's contract).
        let number = unsafe { IcpNumber::read(number) };
        let text = number.map(derive);
        let text = text.as_ref().map_or(&"" as &dyn std::fmt::Display, |t| t);
        // SAFETY: `buf` is NULL or valid for writes of `size` bytes (this function's contract).
        unsafe { write_text(text, buf, size) }
    })
}

/// Writes the canonical form of `*number` (`京ICP备12345678号-1`), `snprintf`-style: returns
/// its length, writes what fits into `size` bytes, NUL-terminated. The same text as
/// `number->canonical`.
///
/// Writes an empty string and returns 0 when `number` is NULL or does not hold a number (a
/// struct not filled by the library, or altered since).
///
/// # Safety
///
/// `number` is NULL or valid for reads of an `icp_number`; `buf` is NULL or valid for writes
/// of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_canonical(
    number: *const IcpNumber,
    buf: *mut c_char,
    size: usize,
) -> usize {
    // SAFETY: this function's contract is `write_derived`'s.
    unsafe { write_derived(number, buf, size, |n| n) }
}

/// Writes the entity (main) number of `*number`: the same number without its site suffix
/// (`京ICP备12345678号` for `京ICP备12345678号-1`), `snprintf`-style like `icp_canonical()`.
///
/// # Safety
///
/// As for `icp_canonical()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_main_number(
    number: *const IcpNumber,
    buf: *mut c_char,
    size: usize,
) -> usize {
    // SAFETY: this function's contract is `write_derived`'s.
    unsafe { write_derived(number, buf, size, |n| n.main_number()) }
}

/// Writes the official page where `*number` can be looked up, `snprintf`-style like
/// `icp_canonical()`: MIIT's query page for the ICP kinds, the public-security query for this
/// number's digits for public-security numbers. At most `ICP_QUERY_URL_MAX` bytes.
///
/// # Safety
///
/// As for `icp_canonical()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_query_url(
    number: *const IcpNumber,
    buf: *mut c_char,
    size: usize,
) -> usize {
    // SAFETY: this function's contract is `write_derived`'s.
    unsafe { write_derived(number, buf, size, |n| n.query_url()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IcpTelecomClass;

    fn parse(text: &str, mode: IcpMode) -> IcpResult {
        let mut out = IcpResult::status_only(IcpStatus::ICP_DONE);
        let options = IcpOptions {
            mode: mode as u32,
            max_year: 0,
        };
        // SAFETY: `text` and `out` are valid.
        let status = unsafe { icp_parse(text.as_ptr().cast(), text.len(), options, &mut out) };
        assert_eq!(status, out.status);
        out
    }

    fn text(f: impl FnOnce(*mut c_char, usize) -> usize) -> String {
        let mut buf = [0 as c_char; 128];
        let needed = f(buf.as_mut_ptr(), buf.len());
        let bytes: Vec<u8> = buf
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        assert_eq!(bytes.len(), needed);
        String::from_utf8(bytes).expect("UTF-8")
    }

    fn field(field: &[c_char]) -> String {
        let bytes: Vec<u8> = field
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        String::from_utf8(bytes).expect("UTF-8")
    }

    #[test]
    fn a_number_and_its_writers() {
        let r = parse("京ICP备2022034770号-6X", IcpMode::Strict);
        assert!(r.complete);
        let n = r.number;
        assert_eq!(
            (n.kind, n.service, n.province, n.year, n.sequence, n.site),
            (IcpKind::Filing, IcpService::MiniProgram, 11, 2022, 34770, 6)
        );
        // SAFETY: `n` and the buffers are valid.
        unsafe {
            assert_eq!(
                text(|b, s| icp_canonical(&n, b, s)),
                "京ICP备2022034770号-6X"
            );
            assert_eq!(
                text(|b, s| icp_main_number(&n, b, s)),
                "京ICP备2022034770号"
            );
            assert_eq!(
                text(|b, s| icp_query_url(&n, b, s)),
                "https://beian.miit.gov.cn/"
            );
        }
        let mut altered = n;
        altered.canonical[0] = b'X' as c_char;
        // SAFETY: as above.
        assert_eq!(unsafe { text(|b, s| icp_canonical(&altered, b, s)) }, "");
    }

    /// Every kind has digits, a year (0 for none) and a sequence: the core's accessors.
    #[test]
    fn every_kind_has_digits_year_and_sequence() {
        for input in [
            "陕ICP备040096号",
            "京ICP备2022034770号-6X",
            "沪ICP证080047号",
            "粤B2-20090059-3",
            "京公网安备11010802020088号",
            "京公网安备110105001242号",
        ] {
            let r = parse(input, IcpMode::Strict);
            let core = icp_number::parse(input).expect("a number");
            let n = r.number;
            assert_eq!(field(&n.digits), core.digits(), "{input}");
            assert_eq!(n.year, core.year().unwrap_or(0), "{input}");
            assert_eq!(n.sequence, core.sequence(), "{input}");
            assert_eq!(n.kind, IcpKind::of(core.kind()), "{input}");
            assert_ne!(n.sequence, 0, "{input}");
        }
        let psb = parse("京公网安备11010802020088号", IcpMode::Strict).number;
        assert_eq!(
            (psb.year, psb.division_code, psb.sequence, psb.legacy),
            (0, 110108, 2020088, false)
        );
    }

    #[test]
    fn details_reach_the_struct() {
        let r = parse("川ICP备12345678号", IcpMode::Strict);
        assert_eq!(r.status, IcpStatus::ICP_ERR_WRONG_ABBREVIATION);
        assert_eq!(
            (
                r.error.detail,
                r.error.character,
                r.error.suggestion,
                r.error.province,
                r.error.kind
            ),
            (
                IcpDetail::Abbreviation,
                '川' as u32,
                '蜀' as u32,
                51,
                IcpKind::Filing
            )
        );
        let r = parse("京公网安备51010502001234号", IcpMode::Strict);
        assert_eq!(
            (
                r.status,
                r.error.detail,
                r.error.province,
                r.error.digits,
                r.error.length,
                r.error.char_index,
                r.error.byte_offset
            ),
            (
                IcpStatus::ICP_ERR_PSB_PROVINCE_MISMATCH,
                IcpDetail::Codes,
                11,
                51,
                2,
                5,
                15
            )
        );
        let r = parse("B2-00000001", IcpMode::Strict);
        assert_eq!(
            (r.status, r.error.detail, r.error.year),
            (IcpStatus::ICP_ERR_IMPOSSIBLE_YEAR, IcpDetail::Year, 0)
        );
        let r = parse("京ICP", IcpMode::Strict);
        assert_eq!(
            (r.status, r.error.detail, r.expected),
            (
                IcpStatus::ICP_ERR_INCOMPLETE,
                IcpDetail::Expected,
                IcpExpected::Marker
            )
        );
        let r = parse("京ICP备1234", IcpMode::Prefix);
        assert_eq!(
            (r.status, r.complete, r.expected, r.error.detail),
            (
                IcpStatus::ICP_OK,
                false,
                IcpExpected::Digits,
                IcpDetail::None
            )
        );
        let r = parse("B2-20090028", IcpMode::Lenient);
        assert_eq!(
            (r.number.province, r.number.telecom_classes),
            (0, IcpTelecomClass::B2 as u8)
        );
    }

    /// The plain names are strict: `ICP_MODE_PREFIX` refuses what `ICP_MODE_PREFIX_LENIENT`
    /// reads, and zeroed options are `ICP_MODE_STRICT`.
    #[test]
    fn plain_mode_names_are_strict() {
        let typed = "京 ICP备1234";
        let strict = parse(typed, IcpMode::Prefix);
        assert_eq!(strict.status, IcpStatus::ICP_ERR_WHITESPACE);
        let lenient = parse(typed, IcpMode::PrefixLenient);
        assert_eq!(
            (lenient.status, lenient.complete, lenient.expected),
            (IcpStatus::ICP_OK, false, IcpExpected::Digits)
        );
        assert_eq!(IcpOptions::default().mode, IcpMode::Strict as u32);
        let spaced = "京 ICP备12345678号";
        // SAFETY: `spaced` is valid for its length.
        assert!(!unsafe { icp_is_valid(spaced.as_ptr().cast(), spaced.len()) });
        assert_eq!(
            parse(spaced, IcpMode::Lenient).number.canonical,
            parse("京ICP备12345678号", IcpMode::Strict).number.canonical
        );
    }

    fn message(result: *const IcpResult, lang: u32) -> String {
        // SAFETY: `result` is NULL or an initialised result (every caller below), and the
        // buffer is valid.
        text(|b, s| unsafe { icp_error_message(result, lang, b, s) })
    }

    const EN: u32 = IcpLang::En as u32;
    const ZH: u32 = IcpLang::Zh as u32;

    #[test]
    fn messages_come_from_the_core() {
        let r = parse("川ICP备12345678号", IcpMode::Strict);
        assert_eq!(message(&r, EN), "Sichuan ICP numbers use 蜀, not 川");
        assert_eq!(message(&r, ZH), "四川的ICP备案号使用“蜀”而不是“川”");
        assert_eq!(message(&r, 2), "");
        // A year of 0 (from 0000) is still the year the message names.
        let r = parse("B2-00000001", IcpMode::Strict);
        assert_eq!(message(&r, EN), "0 is not a possible year for this number");
        let r = parse("京ICP", IcpMode::Strict);
        assert_eq!(
            message(&r, EN),
            "the number is incomplete: expected ICP备, ICP证, a telecom class or 公网安备"
        );
        // U+0000 is a character the struct carries exactly; the message, a C string, shows it
        // as `?` rather than end at it.
        let r = parse("京ICP备12345678号\0", IcpMode::Strict);
        assert_eq!(r.status, IcpStatus::ICP_ERR_TRAILING_INPUT);
        assert_eq!((r.error.detail, r.error.character), (IcpDetail::Char, 0));
        assert_eq!(message(&r, EN), "unexpected text “?” after the number");
        // No error: a number, a valid start.
        assert_eq!(
            message(&parse("京ICP备12345678号", IcpMode::Strict), EN),
            ""
        );
        assert_eq!(message(&parse("京ICP备1234", IcpMode::Prefix), ZH), "");
        assert_eq!(message(std::ptr::null(), EN), "");
    }

    #[test]
    fn boundary_statuses_have_messages_of_their_own() {
        let mut r = IcpResult::status_only(IcpStatus::ICP_OK);
        let bad = b"\xe4\xba\xac\xff";
        // SAFETY: `bad` and `r` are valid.
        let status = unsafe {
            icp_parse(
                bad.as_ptr().cast(),
                bad.len(),
                IcpOptions::default(),
                &mut r,
            )
        };
        assert_eq!(status, IcpStatus::ICP_ERR_INVALID_UTF8);
        assert_eq!(message(&r, EN), "the input is not valid UTF-8");
        assert_eq!(message(&r, ZH), "输入不是有效的UTF-8文本");
        let unknown_mode = IcpOptions {
            mode: 9,
            max_year: 0,
        };
        // SAFETY: as above.
        unsafe { icp_parse(bad.as_ptr().cast(), 3, unknown_mode, &mut r) };
        assert_eq!(message(&r, EN), "an argument is out of range");
        // SAFETY: NULL input is allowed.
        unsafe { icp_parse(std::ptr::null(), 0, IcpOptions::default(), &mut r) };
        assert_eq!(message(&r, EN), "a required pointer argument is NULL");
    }

    /// A struct the library did not fill: read as integers, never as invalid enums; a tag or a
    /// field it names that holds no valid value gives `?` for the detail.
    #[test]
    fn altered_results_give_defined_messages() {
        let mut raw = std::mem::MaybeUninit::<IcpResult>::zeroed();
        let p = raw.as_mut_ptr();
        // SAFETY: `p` points to a zeroed `IcpResult`; the fields are written through raw
        // pointers as the integers C would store, and `raw` is never read as an `IcpResult`.
        unsafe {
            (&raw mut (*p).status).cast::<u32>().write(202);
            (&raw mut (*p).error.detail).cast::<u8>().write(5);
            (&raw mut (*p).error.kind).cast::<u8>().write(1);
            (&raw mut (*p).error.character).write('川' as u32);
            (&raw mut (*p).error.province).write(51);
        }
        assert_eq!(message(p, EN), "Sichuan ICP numbers use 蜀, not 川");
        // SAFETY: as above.
        unsafe { (&raw mut (*p).error.kind).cast::<u8>().write(200) };
        assert_eq!(message(p, EN), "? ? numbers use ?, not ?");
        // SAFETY: as above.
        unsafe {
            (&raw mut (*p).error.kind).cast::<u8>().write(1);
            (&raw mut (*p).error.character).write(0xD800);
        }
        assert_eq!(message(p, EN), "? ? numbers use ?, not ?");
        // SAFETY: as above.
        unsafe {
            (&raw mut (*p).error.character).write('川' as u32);
            (&raw mut (*p).error.detail).cast::<u8>().write(200);
        }
        assert_eq!(message(p, EN), "? ? numbers use ?, not ?");
        // SAFETY: as above.
        unsafe {
            (&raw mut (*p).status).cast::<u32>().write(103);
            (&raw mut (*p).error.detail).cast::<u8>().write(1);
            (&raw mut (*p).error.character).write(0x110000);
        }
        assert_eq!(message(p, EN), "unexpected character “?”");
        // SAFETY: as above.
        unsafe { (&raw mut (*p).error.character).write('x' as u32) };
        assert_eq!(message(p, EN), "unexpected character “x”");
        // SAFETY: as above.
        unsafe { (&raw mut (*p).error.detail).cast::<u8>().write(0) };
        assert_eq!(message(p, EN), "unexpected character “?”");
        // SAFETY: as above.
        unsafe { std::ptr::write_bytes(p, 0xff, 1) };
        assert_eq!(message(p, EN), "");
        // SAFETY: as above.
        unsafe { (&raw mut (*p).status).cast::<u32>().write(1) };
        assert_eq!(message(p, EN), "no further number in the text");
    }

    /// Decodes a vector field's escapes (`\t`, `\n`, `\\`, `\u{X}`), as
    /// crates/icp-number/tests/common/mod.rs does.
    fn unescape(field: &str) -> String {
        let mut out = String::new();
        let mut rest = field;
        while let Some(at) = rest.find('\\') {
            out.push_str(&rest[..at]);
            let escape = &rest[at + 1..];
            let (c, len) = match escape.as_bytes().first() {
                Some(b't') => ('\t', 1),
                Some(b'n') => ('\n', 1),
                Some(b'\\') => ('\\', 1),
                _ => {
                    let close = escape.find('}').expect("a closed \\u{…}");
                    let hex = escape[..close].strip_prefix("u{").expect("\\u{…}");
                    let code = u32::from_str_radix(hex, 16).expect("hex");
                    (char::from_u32(code).expect("a character"), close + 1)
                }
            };
            out.push(c);
            rest = &escape[len..];
        }
        out + rest
    }

    /// Every error of the shared vectors (tests/vectors/*.txt) survives the trip through
    /// `icp_result` exactly: read back from the struct, its detail is the core's own, so
    /// `icp_error_message()` writes the core's message. A detail the struct does not carry,
    /// say of a kind added to the core, fails here.
    #[test]
    fn every_vector_error_survives_the_struct() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .expect("tests/vectors")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut kinds = Vec::new();
        let mut tags = Vec::new();
        let mut errors = 0;
        for file in &files {
            let text = std::fs::read_to_string(file).expect("a vector file");
            for (i, line) in text.lines().enumerate() {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let place = format!("{}:{}", file.display(), i + 1);
                let fields: Vec<&str> = line.split('\t').collect();
                let input = unescape(fields[0]);
                let (mode, year) = fields[1].split_once(':').unwrap_or((fields[1], "0"));
                let max_year: u16 = year.parse().expect("a year");
                let (mode, base) = match mode {
                    "strict" => (IcpMode::Strict, Options::strict()),
                    "lenient" => (IcpMode::Lenient, Options::lenient()),
                    "prefix" => (IcpMode::Prefix, Options::strict()),
                    "prefix-lenient" => (IcpMode::PrefixLenient, Options::lenient()),
                    other => panic!("{place}: mode {other}"),
                };
                let options = match max_year {
                    0 => base,
                    year => base.with_max_year(year),
                };
                let core = match mode {
                    IcpMode::Strict | IcpMode::Lenient => options.parse(&input).err(),
                    IcpMode::Prefix | IcpMode::PrefixLenient => options.check_prefix(&input).err(),
                };
                let Some(err) = core else {
                    continue;
                };
                let mut r = IcpResult::status_only(IcpStatus::ICP_OK);
                let c_options = IcpOptions {
                    mode: mode as u32,
                    max_year,
                };
                // SAFETY: `input` and `r` are valid.
                unsafe { icp_parse(input.as_ptr().cast(), input.len(), c_options, &mut r) };
                assert_eq!(r.status.code(), u32::from(err.code()), "{place}");
                assert_eq!(
                    (r.error.byte_offset, r.error.char_index),
                    (err.byte_offset(), err.char_index()),
                    "{place}"
                );
                // SAFETY: `r` is an initialised result.
                let written = unsafe { Written::read(&r) }.expect("not NULL");
                assert_eq!(written.detail, Some(err.detail()), "{place}");
                let kind = err.kind();
                for (c_lang, lang) in [(EN, Lang::En), (ZH, Lang::Zh)] {
                    let core = kind.message(err.detail(), lang).to_string();
                    assert_eq!(message(&r, c_lang), core.replace('\0', "?"), "{place}");
                }
                errors += 1;
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
                let tag = (r.status.code(), r.error.detail);
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
        assert!(errors >= 100, "only {errors} error cases in {dir}");
        let missing: Vec<_> = ErrorKind::ALL
            .iter()
            .filter(|k| !kinds.contains(k))
            .collect();
        assert!(
            missing.is_empty(),
            "no vector has these errors: {missing:?}"
        );
        // The C README's status table says which details each error comes with (`CHAR`, or
        // `CHAR` or none, …), as the vectors show them.
        let readme = include_str!("../README.md");
        tags.sort_by_key(|(code, detail)| (*code, *detail as u8 == 0, *detail as u8));
        let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
        for (code, detail) in tags {
            let column = match detail {
                IcpDetail::None => "none".to_owned(),
                tag => format!("`{}`", format!("{tag:?}").to_uppercase()),
            };
            match rows.last_mut() {
                Some((last, columns)) if *last == code => columns.push(column),
                _ => rows.push((code, vec![column])),
            }
        }
        for (code, columns) in rows {
            let name = IcpStatus::from_code(code).map_or("", IcpStatus::name);
            let column = match columns.as_slice() {
                [only] if only == "none" => String::new(),
                columns => columns.join(" or "),
            };
            let row = format!("| {code} | `ICP_ERR_{name}` | {column} |");
            assert!(readme.contains(&row), "README.md lacks the row {row:?}");
        }
    }
}
