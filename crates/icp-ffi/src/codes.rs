//! The C enums: status codes (the core's stable error codes plus the C boundary's own) and the
//! small enums of the structs. The enums without numbers in the core (kinds, services, …) each
//! have the one table that maps them to the core's type; the bit sets (`ICP_FIX_*`,
//! `ICP_TELECOM_CLASS_*`) carry the core's own bits (`Fixes::bits()`, `TelecomClasses::bits()`),
//! which the tests hold the C values to.
//!
//! Enum values that C passes in are taken as integers and looked up, so an unknown value is an
//! error, never an invalid Rust enum.

use icp_number::{CharForm, ErrorKind, Expected, Fix, Kind, Lang, Service};

/// What a call says: `ICP_OK`, the reason a number is not valid, or a C boundary error.
///
/// - 0..=99: not errors (`ICP_OK`, `ICP_DONE`).
/// - 100..=599: why the input is not a valid number. The same stable codes and names as the
///   Rust `ErrorKind` (`code()`, `name()`) and the JavaScript binding: 1xx input and surface
///   form, 2xx province, 3xx digits, 4xx markers and telecom classes, 5xx public-security
///   numbers. A code is never reused.
/// - 900..=999: the C boundary's own errors (NULL pointers, invalid UTF-8, …). The core reserves
///   0..=99 and 900..=999 for the bindings and never uses them.
///
/// `icp_status_name()` gives the stable name (`"WRONG_ABBREVIATION"`), `icp_error_message()`
/// the message of an `icp_result` in Chinese or English.
///
/// cbindgen:rename-all=None
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum IcpStatus {
    /// Success.
    ICP_OK = 0,
    /// `icp_scan_next()`: no further number in the text. `icp_stream_next()`: no further number
    /// in this chunk (feed the next one; after the last chunk, the input is over).
    ICP_DONE = 1,
    /// The input is empty (or only whitespace).
    ICP_ERR_EMPTY = 100,
    /// The input ends where more is required (`icp_result.expected` says what).
    ICP_ERR_INCOMPLETE = 101,
    /// Text follows a complete number.
    ICP_ERR_TRAILING_INPUT = 102,
    /// A character that fits nowhere at this position.
    ICP_ERR_UNEXPECTED_CHARACTER = 103,
    /// Strict mode: whitespace inside the number.
    ICP_ERR_WHITESPACE = 104,
    /// Strict mode: a colon, bar or hyphen between the parts of the number.
    ICP_ERR_SEPARATOR = 105,
    /// Strict mode: a full-width or typographic form of an ASCII character.
    ICP_ERR_FULL_WIDTH = 106,
    /// Strict mode: a traditional character.
    ICP_ERR_TRADITIONAL = 107,
    /// Strict mode: a lower-case letter.
    ICP_ERR_LOWERCASE = 108,
    /// Not a registration number at all: a word that starts neither with a province
    /// abbreviation nor with a telecom class (`hello`).
    ICP_ERR_NOT_A_NUMBER = 109,
    /// No province abbreviation where one is required.
    ICP_ERR_MISSING_PROVINCE = 200,
    /// The character is not a province abbreviation.
    ICP_ERR_UNKNOWN_PROVINCE = 201,
    /// A province character that is not the one this kind of number uses (川ICP备 for 蜀ICP备).
    ICP_ERR_WRONG_ABBREVIATION = 202,
    /// 港, 澳 or 台: these regions issue no such numbers.
    ICP_ERR_NOT_MAINLAND = 203,
    /// A run of digits of the wrong length.
    ICP_ERR_BAD_LENGTH = 300,
    /// A year this kind of number cannot have.
    ICP_ERR_IMPOSSIBLE_YEAR = 301,
    /// A sequence number of all zeros.
    ICP_ERR_ZERO_SEQUENCE = 302,
    /// The site number is 0, has a leading zero, more than 4 digits, or is missing after `-`.
    ICP_ERR_BAD_SITE_NUMBER = 303,
    /// A letter after the site number other than A, X or K.
    ICP_ERR_BAD_SERVICE_LETTER = 304,
    /// Digits directly after the province, with no ICP备, ICP证, telecom class or 公网安备.
    ICP_ERR_MISSING_MARKER = 400,
    /// Something that is not a known marker after the province.
    ICP_ERR_UNKNOWN_MARKER = 401,
    /// Strict mode: ICP备案 instead of ICP备.
    ICP_ERR_BEIAN_MARKER = 402,
    /// Strict mode: no 号 after the digits of a filing, licence or public-security number.
    ICP_ERR_MISSING_HAO = 403,
    /// Strict mode: the site number stands before 号.
    ICP_ERR_SITE_BEFORE_HAO = 404,
    /// Strict mode: 号 after a telecom licence number, which has none.
    ICP_ERR_TELECOM_HAO = 405,
    /// A telecom class other than A1, A2, B1, B2.
    ICP_ERR_UNKNOWN_TELECOM_CLASS = 406,
    /// Telecom classes repeated or out of ascending order.
    ICP_ERR_TELECOM_CLASS_ORDER = 407,
    /// The first two digits of a public-security number are not the prefix's province code.
    ICP_ERR_PSB_PROVINCE_MISMATCH = 500,
    /// A 12-digit public-security number outside Beijing.
    ICP_ERR_LEGACY_PSB_OUTSIDE_BEIJING = 501,
    /// C boundary: a required pointer argument is NULL.
    ICP_ERR_NULL_POINTER = 900,
    /// C boundary: the input is not valid UTF-8 (the error offset is the first bad byte).
    ICP_ERR_INVALID_UTF8 = 901,
    /// C boundary: the output buffer is too small (it holds the text cut at a character
    /// boundary, NUL-terminated).
    ICP_ERR_BUFFER_TOO_SMALL = 902,
    /// C boundary: an internal error was caught before it could cross into C (a Rust panic).
    /// Not expected ever to happen; please report it.
    ICP_ERR_PANIC = 903,
    /// C boundary: an argument is out of range (an unknown mode, a length above `PTRDIFF_MAX`,
    /// not exactly one character, …).
    ICP_ERR_INVALID_ARGUMENT = 904,
    /// C boundary: the state passed in was never set up by its init function (an `icp_stream`
    /// that `icp_stream_init()` did not write: zeros, garbage).
    ICP_ERR_UNINITIALISED = 905,
    // Last added: ICP_ERR_NOT_A_NUMBER.
}

impl IcpStatus {
    /// Every status, in code order.
    pub(crate) const ALL: [IcpStatus; 37] = {
        use IcpStatus::*;
        [
            ICP_OK,
            ICP_DONE,
            ICP_ERR_EMPTY,
            ICP_ERR_INCOMPLETE,
            ICP_ERR_TRAILING_INPUT,
            ICP_ERR_UNEXPECTED_CHARACTER,
            ICP_ERR_WHITESPACE,
            ICP_ERR_SEPARATOR,
            ICP_ERR_FULL_WIDTH,
            ICP_ERR_TRADITIONAL,
            ICP_ERR_LOWERCASE,
            ICP_ERR_NOT_A_NUMBER,
            ICP_ERR_MISSING_PROVINCE,
            ICP_ERR_UNKNOWN_PROVINCE,
            ICP_ERR_WRONG_ABBREVIATION,
            ICP_ERR_NOT_MAINLAND,
            ICP_ERR_BAD_LENGTH,
            ICP_ERR_IMPOSSIBLE_YEAR,
            ICP_ERR_ZERO_SEQUENCE,
            ICP_ERR_BAD_SITE_NUMBER,
            ICP_ERR_BAD_SERVICE_LETTER,
            ICP_ERR_MISSING_MARKER,
            ICP_ERR_UNKNOWN_MARKER,
            ICP_ERR_BEIAN_MARKER,
            ICP_ERR_MISSING_HAO,
            ICP_ERR_SITE_BEFORE_HAO,
            ICP_ERR_TELECOM_HAO,
            ICP_ERR_UNKNOWN_TELECOM_CLASS,
            ICP_ERR_TELECOM_CLASS_ORDER,
            ICP_ERR_PSB_PROVINCE_MISMATCH,
            ICP_ERR_LEGACY_PSB_OUTSIDE_BEIJING,
            ICP_ERR_NULL_POINTER,
            ICP_ERR_INVALID_UTF8,
            ICP_ERR_BUFFER_TOO_SMALL,
            ICP_ERR_PANIC,
            ICP_ERR_INVALID_ARGUMENT,
            ICP_ERR_UNINITIALISED,
        ]
    };

    /// The numeric code.
    pub(crate) fn code(self) -> u32 {
        self as u32
    }

    /// The status with this code, if any.
    pub(crate) fn from_code(code: u32) -> Option<IcpStatus> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// The status of a core error kind. The tests check that every kind has one; a kind added
    /// to the core without one fails them, and would read as `ICP_ERR_INVALID_ARGUMENT`.
    pub(crate) fn from_kind(kind: ErrorKind) -> IcpStatus {
        Self::from_code(u32::from(kind.code())).unwrap_or(IcpStatus::ICP_ERR_INVALID_ARGUMENT)
    }

    /// The core error kind of this status, if it is one.
    pub(crate) fn kind(self) -> Option<ErrorKind> {
        u16::try_from(self.code())
            .ok()
            .and_then(ErrorKind::from_code)
    }

    /// The stable name: the core's `ErrorKind::name()` for its codes, the C boundary's own
    /// names (`OK`, `DONE`, `NULL_POINTER`, …) for the rest.
    pub(crate) fn name(self) -> &'static str {
        match self.kind() {
            Some(kind) => kind.name(),
            None => boundary_text(self).0,
        }
    }
}

/// The name and the English and Chinese messages of the statuses that are not core errors.
/// (The core's messages need the error's detail, so they come from `Error::message`.)
pub(crate) fn boundary_text(status: IcpStatus) -> (&'static str, &'static str, &'static str) {
    use IcpStatus::*;
    match status {
        ICP_OK => ("OK", "no error", "没有错误"),
        ICP_DONE => (
            "DONE",
            "no further number in the text",
            "文本中没有更多号码",
        ),
        ICP_ERR_NULL_POINTER => (
            "NULL_POINTER",
            "a required pointer argument is NULL",
            "必需的指针参数为NULL",
        ),
        ICP_ERR_INVALID_UTF8 => (
            "INVALID_UTF8",
            "the input is not valid UTF-8",
            "输入不是有效的UTF-8文本",
        ),
        ICP_ERR_BUFFER_TOO_SMALL => (
            "BUFFER_TOO_SMALL",
            "the output buffer is too small",
            "输出缓冲区太小",
        ),
        ICP_ERR_PANIC => (
            "PANIC",
            "internal error in the icp-number library",
            "icp-number库内部错误",
        ),
        ICP_ERR_INVALID_ARGUMENT => (
            "INVALID_ARGUMENT",
            "an argument is out of range",
            "参数超出范围",
        ),
        ICP_ERR_UNINITIALISED => (
            "UNINITIALISED",
            "the stream state was not set up by icp_stream_init",
            "流状态未经icp_stream_init初始化",
        ),
        // Core error kinds: named by the core, never asked for here.
        _ => ("", "", ""),
    }
}

/// Pairs of a C enum and the core's value, read both ways.
macro_rules! table {
    ($(#[$doc:meta])* $name:ident: $c:ty => $core:ty, [$($cv:ident = $rv:expr),* $(,)?]) => {
        $(#[$doc])*
        const $name: &[($c, $core)] = &[$((<$c>::$cv, $rv)),*];
    };
}

/// The four kinds of registration number (`ICP_KIND_NONE` where there is no number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum IcpKind {
    /// No number (an error, or an incomplete prefix).
    #[default]
    None = 0,
    /// ICP filing, ICP备.
    Filing = 1,
    /// ICP operating licence, ICP证.
    Licence = 2,
    /// Value-added telecom licence (B2-20090028).
    Telecom = 3,
    /// Public-security filing, 公网安备.
    Psb = 4,
}

table!(KINDS: IcpKind => Kind, [
    Filing = Kind::Filing,
    Licence = Kind::Licence,
    Telecom = Kind::Telecom,
    Psb = Kind::Psb,
]);

/// What a site number registers: the letter after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum IcpService {
    /// No site number.
    #[default]
    None = 0,
    /// No letter: a website.
    Website = 1,
    /// `A`: an app.
    App = 2,
    /// `X`: a mini program.
    MiniProgram = 3,
    /// `K`: a quick app.
    QuickApp = 4,
}

table!(SERVICES: IcpService => Service, [
    Website = Service::Website,
    App = Service::App,
    MiniProgram = Service::MiniProgram,
    QuickApp = Service::QuickApp,
]);

/// What should come next where the input ends too early.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum IcpExpected {
    /// Nothing: the number is complete, or the error is not about an early end.
    #[default]
    None = 0,
    /// A province abbreviation (or a telecom class).
    Province = 1,
    /// ICP备, ICP证, a telecom class or 公网安备.
    Marker = 2,
    /// More digits.
    Digits = 3,
    /// 号.
    Hao = 4,
    /// The site number after `-`.
    SiteNumber = 5,
    /// A telecom class (A1, A2, B1, B2).
    TelecomClass = 6,
    /// The rest of an HTML entity such as `&nbsp;`: `ICP_MODE_PREFIX_LENIENT` input that ends
    /// in an unfinished `&nbsp;`, `&#160;` or `&#xa0;` after a complete number.
    Entity = 7,
    // Last added: Entity. Append new values; never renumber.
}

table!(EXPECTED: IcpExpected => Expected, [
    Province = Expected::Province,
    Marker = Expected::Marker,
    Digits = Expected::Digits,
    Hao = Expected::Hao,
    SiteNumber = Expected::SiteNumber,
    TelecomClass = Expected::TelecomClass,
    Entity = Expected::Entity,
]);

/// How a province character was written (`icp_province_by_char()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum IcpCharForm {
    /// Not a province character.
    #[default]
    None = 0,
    /// The official abbreviation for ICP numbers, public-security numbers or both.
    Official = 1,
    /// A simplified character real footers use that is not the official one (云 for Yunnan).
    Alias = 2,
    /// A traditional form (粵, 滬, 隴, …).
    Traditional = 3,
}

table!(CHAR_FORMS: IcpCharForm => CharForm, [
    Official = CharForm::Official,
    Alias = CharForm::Alias,
    Traditional = CharForm::Traditional,
]);

/// One correction lenient mode applied: a bit of `icp_result.fixes` and `icp_match.fixes`
/// (test with `fixes & ICP_FIX_SPACE`). `icp_fix_name()` and `icp_fix_label()` describe them.
/// The bits are the core's (`Fixes::bits()`): bit `n` is the fix numbered `n` there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum IcpFix {
    /// Whitespace removed (spaces, NBSP, ideographic space, `&nbsp;`, `&#160;`, `&#xa0;`).
    Space = 1 << 0,
    /// A colon, bar or hyphen between the parts removed.
    Separator = 1 << 1,
    /// Full-width or typographic letters, digits or dashes read as ASCII.
    FullWidth = 1 << 2,
    /// Lower-case letters read as upper case.
    Lowercase = 1 << 3,
    /// Traditional characters read as simplified.
    Traditional = 1 << 4,
    /// A province character other than the one this kind uses (川ICP备 read as 蜀ICP备).
    ProvinceAlias = 1 << 5,
    /// ICP备案 read as ICP备.
    BeianMarker = 1 << 6,
    /// A missing 号 supplied.
    MissingHao = 1 << 7,
    /// A site number before 号 moved after it.
    SiteBeforeHao = 1 << 8,
    /// A 号 after a telecom licence number dropped.
    TelecomHao = 1 << 9,
    /// Punctuation after the number dropped.
    TrailingPunctuation = 1 << 10,
    // 1 << 11 was ICP_FIX_YEAR_OUT_OF_RANGE (years now hold in every mode); it is not reused.
}

/// A class of value-added telecom service: a bit of `icp_number.telecom_classes`. The bits are
/// the core's (`TelecomClasses::bits()`): A1, A2, B1, B2 from the lowest bit up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum IcpTelecomClass {
    /// A1: internet data centre.
    A1 = 1 << 0,
    /// A2: content delivery network / domestic multi-party communication.
    A2 = 1 << 1,
    /// B1: domestic multi-party communication and similar.
    B1 = 1 << 2,
    /// B2: information services (the usual one for websites).
    B2 = 1 << 3,
}

/// How `icp_parse()` and `icp_canonicalize()` read their input (`icp_options.mode`). The plain
/// names are strict, as every validator of the library is unless asked for lenient by name:
///
/// | value | name | reads |
/// |---|---|---|
/// | 0 | `ICP_MODE_STRICT` | one whole number, canonical form only (the zero default) |
/// | 1 | `ICP_MODE_LENIENT` | one whole number, every variant real footers show |
/// | 2 | `ICP_MODE_PREFIX_LENIENT` | as-you-type check, every variant |
/// | 3 | `ICP_MODE_PREFIX` | as-you-type check, canonical form only |
///
/// The values never change; the names of 2 and 3 did (2 was `ICP_MODE_PREFIX`, 3
/// `ICP_MODE_PREFIX_STRICT`), so that the plain name is strict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum IcpMode {
    /// The canonical form only (the default: a zeroed `icp_options` is strict).
    Strict = 0,
    /// Every variant real footers show, each correction reported in `fixes`.
    Lenient = 1,
    /// As-you-type check, lenient: every variant real footers show (`ICP_MODE_PREFIX`'s
    /// lenient twin).
    PrefixLenient = 2,
    /// As-you-type check, strict: `ICP_OK` with `complete` false while the input is a valid
    /// start of a canonical number (`expected` says what comes next), an error as soon as no
    /// continuation can be valid.
    Prefix = 3,
}

/// Which of an `icp_error`'s fields carry its detail, and so what `icp_error_message()` puts
/// in the message. The tag is exact: the fields it names are meaningful even when they are 0
/// (`character` 0 is U+0000), and the others are 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[repr(u8)]
pub enum IcpDetail {
    /// The error carries nothing beyond its status and position.
    #[default]
    None = 0,
    /// `character`: the offending character (U+0000 included).
    Char = 1,
    /// `icp_result.expected`: what should come where the input ends (`ICP_ERR_INCOMPLETE`).
    Expected = 2,
    /// `length` and `kind`: how many digits were found in a number of that kind
    /// (`ICP_ERR_BAD_LENGTH`).
    Length = 3,
    /// `year`: the impossible year as written, two or four digits (`ICP_ERR_IMPOSSIBLE_YEAR`).
    Year = 4,
    /// `province`, `character` and `kind`: the province the character names uses another
    /// abbreviation in numbers of this kind, given in `suggestion` (`ICP_ERR_WRONG_ABBREVIATION`).
    Abbreviation = 5,
    /// `province`, `digits` and `length`: a public-security number whose first two digits
    /// (`length` of them typed: 2, or 1 in an as-you-type check) are not the prefix's province
    /// code (`ICP_ERR_PSB_PROVINCE_MISMATCH`).
    Codes = 6,
    // Last added: Codes. Append new values; never renumber.
}

/// Message language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum IcpLang {
    /// English.
    En = 0,
    /// Simplified Chinese.
    Zh = 1,
}

impl IcpMode {
    /// The mode with this value, if any.
    pub(crate) fn from_u32(mode: u32) -> Option<IcpMode> {
        [
            IcpMode::Strict,
            IcpMode::Lenient,
            IcpMode::PrefixLenient,
            IcpMode::Prefix,
        ]
        .into_iter()
        .find(|m| *m as u32 == mode)
    }
}

impl IcpDetail {
    /// The tag with this value, if any.
    pub(crate) fn from_u8(tag: u8) -> Option<IcpDetail> {
        use IcpDetail::*;
        [None, Char, Expected, Length, Year, Abbreviation, Codes]
            .into_iter()
            .find(|d| *d as u8 == tag)
    }
}

impl IcpLang {
    /// The core's language for this value, if any.
    pub(crate) fn core(lang: u32) -> Option<Lang> {
        [(IcpLang::En, Lang::En), (IcpLang::Zh, Lang::Zh)]
            .into_iter()
            .find(|(c, _)| *c as u32 == lang)
            .map(|(_, l)| l)
    }
}

/// The C value of a core value (the first of `pairs` that matches, or `default`).
fn to_c<C: Copy, R: PartialEq>(pairs: &[(C, R)], value: R, default: C) -> C {
    pairs
        .iter()
        .find(|(_, r)| *r == value)
        .map_or(default, |(c, _)| *c)
}

/// The core value of a C value given as an integer, if it is one.
fn to_core<C: Copy + Into<u32>, R: Copy>(pairs: &[(C, R)], value: u32) -> Option<R> {
    pairs
        .iter()
        .find(|(c, _)| (*c).into() == value)
        .map(|(_, r)| *r)
}

macro_rules! into_u32 {
    ($($t:ty),*) => {$(
        impl From<$t> for u32 {
            fn from(value: $t) -> u32 {
                value as u32
            }
        }
    )*};
}
into_u32!(IcpKind, IcpService, IcpExpected, IcpCharForm, IcpDetail);

impl IcpKind {
    pub(crate) fn of(kind: Kind) -> IcpKind {
        to_c(KINDS, kind, IcpKind::None)
    }

    pub(crate) fn core(kind: u32) -> Option<Kind> {
        to_core(KINDS, kind)
    }
}

impl IcpService {
    pub(crate) fn of(service: Option<Service>) -> IcpService {
        service.map_or(IcpService::None, |s| to_c(SERVICES, s, IcpService::None))
    }

    pub(crate) fn core(service: u32) -> Option<Service> {
        to_core(SERVICES, service)
    }
}

impl IcpExpected {
    pub(crate) fn of(expected: Expected) -> IcpExpected {
        to_c(EXPECTED, expected, IcpExpected::None)
    }

    pub(crate) fn core(expected: u32) -> Option<Expected> {
        to_core(EXPECTED, expected)
    }
}

impl IcpCharForm {
    pub(crate) fn of(form: CharForm) -> IcpCharForm {
        to_c(CHAR_FORMS, form, IcpCharForm::None)
    }
}

impl IcpFix {
    /// The core's fix of one `ICP_FIX_*` bit given as an integer, if it is exactly one known bit:
    /// bit `n` is the fix numbered `n` (`Fixes::bits()`).
    pub(crate) fn core(fix: u32) -> Option<Fix> {
        if !fix.is_power_of_two() {
            return None;
        }
        let bit = fix.trailing_zeros();
        Fix::ALL
            .iter()
            .copied()
            .find(|f| u32::from(*f as u8) == bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_kind_has_its_status() {
        for kind in ErrorKind::ALL {
            // The core reserves 0..=99 and 900..=999 for the bindings' own statuses.
            assert!((100..900).contains(&kind.code()), "{kind:?}");
            let status = IcpStatus::from_kind(*kind);
            assert_eq!(status.code(), u32::from(kind.code()), "{kind:?}");
            assert_eq!(format!("{status:?}"), format!("ICP_ERR_{}", kind.name()));
            assert_eq!(status.name(), kind.name());
            assert_eq!(status.kind(), Some(*kind));
        }
    }

    #[test]
    fn statuses_are_listed_once_and_boundary_codes_stay_apart() {
        for (i, status) in IcpStatus::ALL.iter().enumerate() {
            assert_eq!(IcpStatus::from_code(status.code()), Some(*status));
            assert!(
                IcpStatus::ALL[i + 1..]
                    .iter()
                    .all(|s| s.code() > status.code())
            );
            match status.kind() {
                Some(_) => assert!((100..900).contains(&status.code())),
                None => {
                    let (name, en, zh) = boundary_text(*status);
                    assert!(!name.is_empty() && !en.is_empty() && !zh.is_empty());
                    assert_eq!(
                        format!("{status:?}")
                            .trim_start_matches("ICP_ERR_")
                            .trim_start_matches("ICP_"),
                        name
                    );
                    assert!(status.code() < 100 || status.code() >= 900, "{status:?}");
                }
            }
        }
        let boundary = IcpStatus::ALL.iter().filter(|s| s.kind().is_none()).count();
        assert_eq!(IcpStatus::ALL.len(), ErrorKind::ALL.len() + boundary);
    }

    /// Every `ICP_FIX_*` constant of the header, for the tests.
    const C_FIXES: [IcpFix; 11] = {
        use IcpFix::*;
        [
            Space,
            Separator,
            FullWidth,
            Lowercase,
            Traditional,
            ProvinceAlias,
            BeianMarker,
            MissingHao,
            SiteBeforeHao,
            TelecomHao,
            TrailingPunctuation,
        ]
    };

    /// `icp_result.fixes` is the core's `Fixes::bits()`: each `ICP_FIX_*` value is the core's
    /// bit of the fix of the same name, and every core fix has one.
    #[test]
    fn fix_values_are_the_core_bits() {
        assert_eq!(C_FIXES.len(), Fix::ALL.len());
        for fix in Fix::ALL {
            let c = C_FIXES
                .iter()
                .find(|c| format!("{c:?}").to_lowercase() == fix.name().replace('_', ""))
                .unwrap_or_else(|| panic!("no ICP_FIX_* for {fix:?}"));
            assert_eq!(*c as u16, 1 << (*fix as u8), "{fix:?}");
            assert_eq!(IcpFix::core(*c as u32), Some(*fix));
        }
        assert_eq!(IcpFix::core(0), None);
        assert_eq!(
            IcpFix::core(IcpFix::Space as u32 | IcpFix::Lowercase as u32),
            None
        );
        assert_eq!(IcpFix::core(1 << 15), None);
        assert_eq!(IcpFix::core(1 << 11), None, "bit 11 is retired");
        let parsed = icp_number::parse_lenient("粵 ICP 備11018438號").expect("a filing");
        let expected = IcpFix::Space as u16 | IcpFix::Traditional as u16;
        assert_eq!(parsed.fixes.bits(), expected);
    }

    /// Each table lists every value of the core's enum (its `ALL`) once, under a distinct
    /// non-zero C value: a variant added to the core fails here instead of reading as `NONE`.
    fn covers<C, R>(pairs: &[(C, R)], all: &[R])
    where
        C: Copy + Into<u32> + std::fmt::Debug,
        R: Copy + PartialEq + std::fmt::Debug,
    {
        assert_eq!(pairs.len(), all.len(), "the table of {all:?}");
        for value in all {
            let c: Vec<u32> = pairs
                .iter()
                .filter(|(_, r)| r == value)
                .map(|(c, _)| (*c).into())
                .collect();
            assert_eq!(c.len(), 1, "{value:?} is listed {} times", c.len());
            assert_ne!(c[0], 0, "{value:?} maps to NONE");
            assert_eq!(to_core(pairs, c[0]), Some(*value));
        }
        for (i, (a, _)) in pairs.iter().enumerate() {
            let a: u32 = (*a).into();
            assert!(pairs[i + 1..].iter().all(|(b, _)| (*b).into() != a), "{a}");
        }
    }

    #[test]
    fn tables_cover_every_core_value() {
        covers(KINDS, Kind::ALL);
        covers(SERVICES, Service::ALL);
        covers(EXPECTED, Expected::ALL);
        covers(CHAR_FORMS, CharForm::ALL);
        for kind in Kind::ALL {
            assert_eq!(IcpKind::core(u32::from(IcpKind::of(*kind))), Some(*kind));
        }
        for service in Service::ALL {
            let c = IcpService::of(Some(*service));
            assert_eq!(IcpService::core(u32::from(c)), Some(*service));
        }
        for expected in Expected::ALL {
            let c = IcpExpected::of(*expected);
            assert_eq!(IcpExpected::core(u32::from(c)), Some(*expected));
        }
        for form in CharForm::ALL {
            assert_ne!(IcpCharForm::of(*form), IcpCharForm::None, "{form:?}");
        }
        assert_eq!(IcpExpected::of(Expected::Entity), IcpExpected::Entity);
        assert_eq!(IcpExpected::Entity as u8, 7);
    }

    /// `icp_number.telecom_classes` is the core's `TelecomClasses::bits()`: bit `n` is
    /// `TelecomClass::ALL[n]`, and so is the `ICP_TELECOM_CLASS_*` of the same name.
    #[test]
    fn telecom_class_values_are_the_core_bits() {
        use IcpTelecomClass::*;
        let c_classes = [A1, A2, B1, B2];
        assert_eq!(c_classes.len(), icp_number::TelecomClass::ALL.len());
        for (i, (c, class)) in c_classes
            .iter()
            .zip(icp_number::TelecomClass::ALL)
            .enumerate()
        {
            assert_eq!(
                (*c as u8, format!("{c:?}")),
                (1 << i, class.name().to_owned())
            );
        }
        for set in 1..1u32 << c_classes.len() {
            let chosen = c_classes.iter().filter(|c| set & **c as u32 != 0);
            let names: Vec<String> = chosen.map(|c| format!("{c:?}")).collect();
            let text = format!("{}-20090003", names.join("."));
            let Ok(icp_number::Number::Telecom(licence)) = icp_number::parse(&text) else {
                panic!("{text} is not a telecom licence");
            };
            assert_eq!(u32::from(licence.classes().bits()), set, "{text}");
        }
    }

    #[test]
    fn tables_are_complete_and_named_alike() {
        fn same<C: std::fmt::Debug, R: std::fmt::Debug>(pairs: &[(C, R)]) {
            for (c, r) in pairs {
                assert_eq!(format!("{c:?}"), format!("{r:?}"));
            }
        }
        same(KINDS);
        same(SERVICES);
        same(EXPECTED);
        same(CHAR_FORMS);
        assert_eq!(IcpKind::core(IcpKind::None as u32), None);
        assert_eq!(IcpKind::core(4), Some(Kind::Psb));
        assert_eq!(IcpMode::from_u32(2), Some(IcpMode::PrefixLenient));
        assert_eq!(IcpMode::from_u32(3), Some(IcpMode::Prefix));
        assert_eq!(IcpMode::from_u32(4), None);
        assert_eq!(IcpLang::core(1), Some(Lang::Zh));
        assert_eq!(IcpLang::core(2), None);
    }
}
