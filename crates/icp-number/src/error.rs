//! Why an input is not a registration number: stable error codes, positions, and the one message
//! table (Chinese and English) that the C and JavaScript bindings read as well.

use core::fmt;

use crate::text::{Out, from, upto};
use crate::{Expected, Kind, Lang, Province};

macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, $label:literal, $en:literal, $zh:literal; )*) => {
        /// What is wrong with an input. The numeric codes are stable and shared by the C and
        /// JavaScript bindings; a code is never reused.
        ///
        /// Codes are grouped by spec section: 1xx input and surface form, 2xx province,
        /// 3xx digits, 4xx markers and telecom classes, 5xx public-security numbers. Codes 0–99
        /// and 900–999 are reserved for the bindings' own statuses (the C API's `ICP_OK`,
        /// NULL pointer, invalid UTF-8, buffer too small, panic) and never used here.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        #[non_exhaustive]
        #[repr(u16)]
        pub enum ErrorKind {
            $( $(#[$doc])* $name = $code, )*
        }

        impl ErrorKind {
            /// Every kind, in code order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$name),*];

            /// The stable SCREAMING_SNAKE name used in test vectors, C and JavaScript.
            ///
            /// ```
            /// assert_eq!(icp_number::ErrorKind::WrongAbbreviation.name(), "WRONG_ABBREVIATION");
            /// ```
            #[must_use]
            pub const fn name(self) -> &'static str {
                self.row().1
            }

            /// The message template; `{…}` placeholders are filled from the error's detail.
            const fn template(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => self.row().2,
                    Lang::Zh => self.row().3,
                }
            }

            /// The kind's row of one table (code, name, English and Chinese templates): a table
            /// is smaller than a `match` per column, which compiles to code for every arm.
            const fn row(self) -> &'static (u16, &'static str, &'static str, &'static str) {
                const ROWS: &[(u16, &str, &str, &str)] = &[$(($code, $label, $en, $zh)),*];
                let mut i = 0;
                while i < ROWS.len() {
                    if ROWS[i].0 == self as u16 {
                        return &ROWS[i];
                    }
                    i += 1;
                }
                &(0, "", "", "")
            }
        }
    };
}

error_kinds! {
    /// The input is empty (or only whitespace).
    Empty = 100, "EMPTY", "the input is empty", "输入为空";
    /// The input ends where more is required.
    Incomplete = 101, "INCOMPLETE", "the number is incomplete: expected {next}", "号码不完整：缺少{next}";
    /// Text follows a complete number.
    TrailingInput = 102, "TRAILING_INPUT", "unexpected text “{char}” after the number", "号码后有多余内容“{char}”";
    /// A character that fits nowhere at this position.
    UnexpectedCharacter = 103, "UNEXPECTED_CHARACTER", "unexpected character “{char}”", "意外的字符“{char}”";
    /// Strict mode: whitespace inside the number (lenient mode removes it, or rejects it inside a run of digits).
    Whitespace = 104, "WHITESPACE", "whitespace inside the number", "号码中不应有空白";
    /// Strict mode: a colon, bar or hyphen between the parts of the number.
    Separator = 105, "SEPARATOR", "“{char}” between the parts of the number", "号码各部分之间不应有“{char}”";
    /// Strict mode: a full-width or typographic form of an ASCII character.
    FullWidth = 106, "FULL_WIDTH", "full-width character “{char}”", "全角字符“{char}”";
    /// Strict mode: a traditional character.
    Traditional = 107, "TRADITIONAL", "traditional character “{char}”", "繁体字“{char}”";
    /// Strict mode: a lower-case letter.
    Lowercase = 108, "LOWERCASE", "lower-case letter “{char}”", "小写字母“{char}”";
    /// Not a registration number at all: a word that starts neither with a province
    /// abbreviation nor with a telecom class (`hello`).
    NotANumber = 109, "NOT_A_NUMBER", "not a registration number", "不是备案号或许可证号";
    /// No province abbreviation where one is required.
    MissingProvince = 200, "MISSING_PROVINCE", "the number must start with a province abbreviation", "号码应以省份简称开头";
    /// The character is not a province abbreviation.
    UnknownProvince = 201, "UNKNOWN_PROVINCE", "“{char}” is not a province abbreviation", "“{char}”不是省份简称";
    /// A province character that is not the one this kind of number uses (川ICP备 for 蜀ICP备).
    WrongAbbreviation = 202, "WRONG_ABBREVIATION", "{province} {kind} numbers use {abbr}, not {char}", "{province}的{kind}使用“{abbr}”而不是“{char}”";
    /// 港, 澳 or 台: these regions issue no such numbers.
    NotMainland = 203, "NOT_MAINLAND", "Hong Kong, Macau and Taiwan (“{char}”) issue no ICP or public-security numbers", "港澳台地区（“{char}”）不签发ICP或公安备案号";
    /// A run of digits of the wrong length.
    BadLength = 300, "BAD_LENGTH", "expected {expected} digits, found {found}", "应为{expected}位数字，实际为{found}位";
    /// A year this kind of number cannot have.
    ImpossibleYear = 301, "IMPOSSIBLE_YEAR", "{year} is not a possible year for this number", "年份{year}不可能出现在此类号码中";
    /// A sequence number of all zeros (placeholders only).
    ZeroSequence = 302, "ZERO_SEQUENCE", "the sequence number is all zeros", "序号全为零";
    /// The site number is 0, has a leading zero, more than 4 digits, or is missing after `-`.
    BadSiteNumber = 303, "BAD_SITE_NUMBER", "the site number must be 1 to 9999 without leading zeros", "网站序号应为1至9999且不以0开头";
    /// A letter after the site number other than A (app), X (mini program) or K (quick app).
    BadServiceLetter = 304, "BAD_SERVICE_LETTER", "unknown service letter “{char}” (A app, X mini program, K quick app)", "未知的服务类型字母“{char}”（A应用、X小程序、K快应用）";
    /// Digits directly after the province, with no ICP备, ICP证, telecom class or 公网安备.
    MissingMarker = 400, "MISSING_MARKER", "expected ICP备, ICP证, a telecom class or 公网安备 after the province", "省份简称后应为“ICP备”“ICP证”、电信业务类别或“公网安备”";
    /// Something that is not a known marker after the province.
    UnknownMarker = 401, "UNKNOWN_MARKER", "unknown marker at “{char}” (expected ICP备, ICP证, a telecom class or 公网安备)", "无法识别的标识“{char}”（应为“ICP备”“ICP证”、电信业务类别或“公网安备”）";
    /// Strict mode: ICP备案 instead of ICP备.
    BeianMarker = 402, "BEIAN_MARKER", "write ICP备, not ICP备案", "应写作“ICP备”而不是“ICP备案”";
    /// Strict mode: no 号 after the digits of a filing, licence or public-security number.
    MissingHao = 403, "MISSING_HAO", "missing 号 after the number", "号码后缺少“号”";
    /// Strict mode: the site number stands before 号 (-1号 instead of 号-1).
    SiteBeforeHao = 404, "SITE_BEFORE_HAO", "the site number goes after 号 (号-1, not -1号)", "网站序号应在“号”之后（“号-1”而不是“-1号”）";
    /// Strict mode: 号 after a telecom licence number, which has none.
    TelecomHao = 405, "TELECOM_HAO", "telecom licence numbers have no 号", "电信业务经营许可证号不带“号”";
    /// A telecom class other than A1, A2, B1, B2.
    UnknownTelecomClass = 406, "UNKNOWN_TELECOM_CLASS", "unknown telecom class (expected A1, A2, B1 or B2)", "未知的电信业务类别（应为A1、A2、B1或B2）";
    /// Telecom classes repeated or out of ascending order.
    TelecomClassOrder = 407, "TELECOM_CLASS_ORDER", "telecom classes must each appear once, in ascending order", "电信业务类别应按升序排列且不重复";
    /// The first two digits of a public-security number are not the prefix's province code.
    PsbProvinceMismatch = 500, "PSB_PROVINCE_MISMATCH", "the prefix is {province} ({prefix}) but the number starts with {digits}", "前缀为{province}（{prefix}），而号码以{digits}开头";
    /// A 12-digit public-security number outside Beijing (only 京 has the legacy form).
    LegacyPsbOutsideBeijing = 501, "LEGACY_PSB_OUTSIDE_BEIJING", "12-digit public-security numbers exist only for Beijing", "12位公安备案号仅北京使用";
    // Last added: NotANumber.
}

impl ErrorKind {
    /// The stable numeric code.
    ///
    /// ```
    /// assert_eq!(icp_number::ErrorKind::PsbProvinceMismatch.code(), 500);
    /// ```
    #[must_use]
    pub const fn code(self) -> u16 {
        self as u16
    }

    /// The kind with this code, if any.
    ///
    /// ```
    /// use icp_number::ErrorKind;
    /// assert_eq!(ErrorKind::from_code(202), Some(ErrorKind::WrongAbbreviation));
    /// assert_eq!(ErrorKind::from_code(1), None);
    /// ```
    #[must_use]
    pub fn from_code(code: u16) -> Option<ErrorKind> {
        Self::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// The kind with this stable name, if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The message of an error of this kind with `detail`, in `lang`: what
    /// [`Error::message`] gives, for a binding that carries the kind and detail across a
    /// boundary and renders the message later (a message never depends on the position).
    ///
    /// ```
    /// use icp_number::{ErrorKind, Lang};
    /// let err = icp_number::parse("京ICP备1234567号").unwrap_err();
    /// let message = ErrorKind::BadLength.message(err.detail(), Lang::En);
    /// assert_eq!(message.to_string(), "expected 6, 8 or 10 digits, found 7");
    /// ```
    #[must_use]
    pub const fn message(self, detail: Detail, lang: Lang) -> Message {
        Message {
            kind: self,
            detail,
            lang,
        }
    }
}

/// What an error knows beyond its kind and position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Detail {
    /// Nothing more.
    None,
    /// The offending character.
    Char(char),
    /// What should come where the input ends too early.
    Expected(Expected),
    /// A run of digits of the wrong length in a number of `kind`.
    Length {
        /// How many digits were found.
        found: u8,
        /// The kind of number being read.
        kind: Kind,
    },
    /// An impossible year, as written (two or four digits).
    Year(u16),
    /// The province named by `found` uses `expected` in numbers of `kind`.
    Abbreviation {
        /// The province.
        province: Province,
        /// The character that was written.
        found: char,
        /// The kind of number being read.
        kind: Kind,
    },
    /// A public-security number whose first two digits are not its prefix's code.
    Codes {
        /// The province of the prefix character.
        province: Province,
        /// The first two digits (or the first one, while it is being typed).
        digits: u8,
        /// How many of the two digits there are: 2, or 1 in an as-you-type check.
        typed: u8,
    },
}

/// Why an input is not a valid number, and where it goes wrong.
///
/// ```
/// use icp_number::{ErrorKind, Lang};
/// let err = icp_number::parse("川ICP备12345678号").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::WrongAbbreviation);
/// assert_eq!((err.byte_offset(), err.char_index()), (0, 0));
/// assert_eq!(err.to_string(), "Sichuan ICP numbers use 蜀, not 川");
/// assert_eq!(err.message(Lang::Zh).to_string(), "四川的ICP备案号使用“蜀”而不是“川”");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Error {
    kind: ErrorKind,
    byte_offset: u32,
    char_index: u32,
    detail: Detail,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, input: &str, byte_offset: usize, detail: Detail) -> Error {
        let byte_offset = byte_offset.min(input.len());
        // A character starts at every byte that is not a UTF-8 continuation byte. (A plain loop:
        // `chars().count()` links core's 320-byte word-at-a-time counter.)
        let char_index = input
            .as_bytes()
            .get(..byte_offset)
            .map_or(0, |head| head.iter().filter(|&&b| b & 0xC0 != 0x80).count());
        Error {
            kind,
            byte_offset: byte_offset as u32,
            char_index: char_index as u32,
            detail,
        }
    }

    /// What is wrong.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable numeric code of [`Error::kind`].
    ///
    /// ```
    /// assert_eq!(icp_number::parse("").unwrap_err().code(), 100);
    /// ```
    #[must_use]
    pub fn code(&self) -> u16 {
        self.kind.code()
    }

    /// The UTF-8 byte offset in the input where it goes wrong (the input's length when it ends too early).
    #[must_use]
    pub fn byte_offset(&self) -> usize {
        self.byte_offset as usize
    }

    /// The same position counted in characters (Unicode scalar values).
    #[must_use]
    pub fn char_index(&self) -> usize {
        self.char_index as usize
    }

    /// What the error knows beyond its kind: the character, the length found, both PSB codes….
    ///
    /// ```
    /// use icp_number::{Detail, Kind};
    /// let err = icp_number::parse("京ICP备1234567号").unwrap_err();
    /// assert_eq!(err.detail(), Detail::Length { found: 7, kind: Kind::Filing });
    /// ```
    #[must_use]
    pub fn detail(&self) -> Detail {
        self.detail
    }

    /// The message in `lang`, written without allocation; `Display` gives the English one.
    ///
    /// ```
    /// use icp_number::Lang;
    /// let err = icp_number::parse("京公网安备51010502001234号").unwrap_err();
    /// assert_eq!(
    ///     err.message(Lang::En).to_string(),
    ///     "the prefix is Beijing (11) but the number starts with 51"
    /// );
    /// ```
    #[must_use]
    pub fn message(&self, lang: Lang) -> Message {
        self.kind.message(self.detail, lang)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message(Lang::En).fmt(f)
    }
}

impl core::error::Error for Error {}

/// An error message in one language, rendered on demand by `Display` (no allocation).
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Message {
    kind: ErrorKind,
    detail: Detail,
    lang: Lang,
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

impl Message {
    /// Writes the message to any [`fmt::Write`] (a `String`, a fixed-capacity buffer…), the same
    /// text as `Display` without going through `core::fmt`'s formatting machinery.
    ///
    /// ```
    /// use icp_number::Lang;
    /// let err = icp_number::parse("京ICP备1234567号").unwrap_err();
    /// let mut text = String::new();
    /// err.message(Lang::En).write_to(&mut text)?;
    /// assert_eq!(text, err.message(Lang::En).to_string());
    /// # Ok::<(), core::fmt::Error>(())
    /// ```
    pub fn write_to<W: fmt::Write + ?Sized>(&self, f: &mut W) -> fmt::Result {
        let mut rest = self.kind.template(self.lang);
        // Byte searches and `get`, not `find` and indexing: no panic path (`{` and `}` are
        // ASCII, so every cut is at a character boundary).
        let position = |s: &str, b: u8| s.bytes().position(|c| c == b);
        while let Some(open) = position(rest, b'{') {
            f.write_str(upto(rest, open))?;
            let after = from(rest, open + 1);
            let close = position(after, b'}').unwrap_or(after.len());
            self.placeholder(upto(after, close), f)?;
            rest = after.get(close + 1..).unwrap_or("");
        }
        f.write_str(rest)
    }

    fn placeholder<W: fmt::Write + ?Sized>(&self, name: &str, f: &mut W) -> fmt::Result {
        let zh = self.lang == Lang::Zh;
        match (name, self.detail) {
            ("char", Detail::Char(c) | Detail::Abbreviation { found: c, .. }) => write_char(f, c),
            ("expected", Detail::Length { kind, .. }) => f.write_str(expected_digits(kind, zh)),
            ("found", Detail::Length { found, .. }) => write_u32(f, found.into()),
            ("year", Detail::Year(year)) => write_u32(f, year.into()),
            (
                "province",
                Detail::Abbreviation { province, .. } | Detail::Codes { province, .. },
            ) => f.write_str(if zh {
                province.name_zh()
            } else {
                province.name_en()
            }),
            ("abbr", Detail::Abbreviation { province, kind, .. }) => {
                write_char(f, province.abbr(kind))
            }
            ("kind", Detail::Abbreviation { kind, .. }) => f.write_str(match (kind, zh) {
                (Kind::Psb, false) => "public-security",
                (Kind::Psb, true) => Kind::Psb.label(Lang::Zh),
                (_, false) => "ICP",
                (_, true) => Kind::Filing.label(Lang::Zh),
            }),
            ("prefix", Detail::Codes { province, .. }) => write_u32(f, province.gb_code().into()),
            (
                "digits",
                Detail::Codes {
                    digits, typed: 1, ..
                },
            ) => write_u32(f, digits.into()),
            ("digits", Detail::Codes { digits, .. }) => {
                // Two digits: `{:02}`.
                if digits < 10 {
                    f.write_str("0")?;
                }
                write_u32(f, digits.into())
            }
            ("next", Detail::Expected(next)) => f.write_str(next.label(self.lang)),
            _ => f.write_str("?"),
        }
    }
}

/// Writes `c` (not `write!`: that links `core::fmt`'s padding code and the integer tables).
fn write_char<W: fmt::Write + ?Sized>(f: &mut W, c: char) -> fmt::Result {
    f.write_str(c.encode_utf8(&mut [0; 4]))
}

/// Writes `n` in decimal with the canonical forms' digit writer (not `write!`, as above).
fn write_u32<W: fmt::Write + ?Sized>(f: &mut W, n: u32) -> fmt::Result {
    let mut out = Out::new();
    out.push_u32(n);
    f.write_str(out.as_str())
}

fn expected_digits(kind: Kind, zh: bool) -> &'static str {
    match (kind, zh) {
        (Kind::Filing, false) => "6, 8 or 10",
        (Kind::Filing, true) => "6、8或10",
        (Kind::Licence, _) => "6",
        (Kind::Telecom, _) => "8",
        (Kind::Psb, false) => "14 (12 for old Beijing numbers)",
        (Kind::Psb, true) => "14（北京旧号为12）",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_psb_mismatch_names_the_digits_typed() {
        extern crate std;
        use std::string::ToString;
        let err = crate::check_prefix("京公网安备5").unwrap_err();
        let message = err.message(Lang::En).to_string();
        assert_eq!(
            message,
            "the prefix is Beijing (11) but the number starts with 5"
        );
        let err = crate::parse("京公网安备05010502001234号").unwrap_err();
        assert!(
            err.message(Lang::Zh)
                .to_string()
                .ends_with("而号码以05开头")
        );
    }

    #[test]
    fn codes_and_names_are_unique() {
        for (i, a) in ErrorKind::ALL.iter().enumerate() {
            for b in &ErrorKind::ALL[i + 1..] {
                assert_ne!(a.code(), b.code());
                assert_ne!(a.name(), b.name());
            }
            assert_eq!(ErrorKind::from_code(a.code()), Some(*a));
            assert_eq!(ErrorKind::from_name(a.name()), Some(*a));
        }
    }

    #[test]
    fn templates_only_use_known_placeholders() {
        const KNOWN: [&str; 10] = [
            "char", "expected", "found", "year", "province", "abbr", "kind", "prefix", "digits",
            "next",
        ];
        for kind in ErrorKind::ALL {
            for lang in [Lang::En, Lang::Zh] {
                let mut rest = kind.template(lang);
                while let Some(open) = rest.find('{') {
                    let close = rest.find('}').expect("closed placeholder");
                    assert!(KNOWN.contains(&&rest[open + 1..close]), "{kind:?} {lang:?}");
                    rest = &rest[close + 1..];
                }
            }
        }
    }
}
