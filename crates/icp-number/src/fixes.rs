//! The named corrections lenient mode applies (spec §6): a small bitset, so a caller can say
//! "we read this as 京ICP备12345678号-1" and a strict form can refuse it with the exact reason.

use crate::{ErrorKind, Lang};

macro_rules! fixes {
    ($( $(#[$doc:meta])* $name:ident = $bit:literal, $label:literal, $strict:ident, $en:literal, $zh:literal; )*) => {
        /// One correction lenient mode applied.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum Fix {
            $( $(#[$doc])* $name = $bit, )*
        }

        impl Fix {
            /// Every fix, in bit order.
            pub const ALL: &'static [Fix] = &[$(Fix::$name),*];

            /// The stable snake_case name used in JSON, C and JavaScript.
            ///
            /// ```
            /// assert_eq!(icp_number::Fix::ProvinceAlias.name(), "province_alias");
            /// ```
            #[must_use]
            pub const fn name(self) -> &'static str {
                self.row().0
            }

            /// A short description for people, in `lang`.
            ///
            /// ```
            /// use icp_number::{Fix, Lang};
            /// assert_eq!(Fix::Traditional.label(Lang::Zh), "繁体字改为简体");
            /// ```
            #[must_use]
            pub const fn label(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::En => self.row().1,
                    Lang::Zh => self.row().2,
                }
            }

            /// The fix's row of one table (name, English and Chinese labels), indexed by bit: a
            /// table is smaller than a `match` per column, which compiles to code for every arm.
            const fn row(self) -> &'static (&'static str, &'static str, &'static str) {
                const ROWS: &[(&str, &str, &str)] = &[$(($label, $en, $zh)),*];
                let i = self as usize;
                if i < ROWS.len() { &ROWS[i] } else { &("", "", "") }
            }

            /// The error strict mode reports for input that needs this fix.
            ///
            /// ```
            /// use icp_number::{ErrorKind, Fix};
            /// assert_eq!(Fix::MissingHao.strict_error(), ErrorKind::MissingHao);
            /// ```
            #[must_use]
            pub const fn strict_error(self) -> ErrorKind {
                match self { $(Fix::$name => ErrorKind::$strict,)* }
            }
        }
    };
}

fixes! {
    /// Whitespace (spaces, NBSP, ideographic space, `&nbsp;`/`&#160;`/`&#xa0;`) removed.
    Space = 0, "space", Whitespace, "whitespace removed", "去除空白";
    /// A colon, bar or hyphen between the parts removed (京公网安备：…, 闽公网安备-…).
    Separator = 1, "separator", Separator, "separator removed", "去除分隔符";
    /// Full-width or typographic letters, digits or dashes read as ASCII.
    FullWidth = 2, "full_width", FullWidth, "full-width characters read as ASCII", "全角字符改为半角";
    /// Lower-case letters read as upper case (京icp备…).
    Lowercase = 3, "lowercase", Lowercase, "lower case read as upper case", "小写字母改为大写";
    /// Traditional characters read as simplified (粵ICP備…號).
    Traditional = 4, "traditional", Traditional, "traditional characters read as simplified", "繁体字改为简体";
    /// A province character other than the one this kind uses (川ICP备 read as 蜀ICP备).
    ProvinceAlias = 5, "province_alias", WrongAbbreviation, "province abbreviation corrected", "更正省份简称";
    /// ICP备案 read as ICP备.
    BeianMarker = 6, "beian_marker", BeianMarker, "ICP备案 read as ICP备", "“ICP备案”改为“ICP备”";
    /// A missing 号 supplied.
    MissingHao = 7, "missing_hao", MissingHao, "missing 号 added", "补上“号”";
    /// A site number before 号 moved after it (滇ICP备09010050-5号).
    SiteBeforeHao = 8, "site_before_hao", SiteBeforeHao, "site number moved after 号", "网站序号移到“号”之后";
    /// A 号 after a telecom licence number dropped.
    TelecomHao = 9, "telecom_hao", TelecomHao, "号 after a telecom licence dropped", "去除电信许可证号后的“号”";
    /// Punctuation after the number dropped (蒙ICP备2021000771号.).
    TrailingPunctuation = 10, "trailing_punctuation", TrailingInput, "trailing punctuation dropped", "去除末尾标点";
    // Bit 11 was `year_out_of_range` (years now hold in every mode); it is not reused.
}

/// The set of [`Fix`]es applied to one input.
///
/// ```
/// use icp_number::Fix;
/// let parsed = icp_number::parse_lenient("粵ICP備11018438號")?;
/// assert!(parsed.fixes.contains(Fix::Traditional));
/// assert_eq!(parsed.fixes.iter().map(Fix::name).collect::<Vec<_>>(), ["traditional"]);
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Fixes(u16);

/// Logs the fix names, `[space, full_width]`, rather than the bits.
#[cfg(feature = "defmt")]
impl defmt::Format for Fixes {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "[");
        for (i, fix) in self.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            defmt::write!(f, "{=str}{=str}", separator, fix.name());
        }
        defmt::write!(f, "]");
    }
}

impl Fixes {
    /// No fixes: the input was canonical.
    pub const NONE: Fixes = Fixes(0);

    /// Whether `fix` was applied.
    #[must_use]
    pub const fn contains(self, fix: Fix) -> bool {
        self.0 & (1 << fix as u8) != 0
    }

    /// Whether the input was already canonical.
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many different fixes were applied.
    #[must_use]
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The raw bits (bit `n` is the fix with `n as u8`), as the C and JS bindings carry them.
    #[must_use]
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// The fixes applied, in bit order.
    pub fn iter(self) -> impl Iterator<Item = Fix> + Clone {
        Fix::ALL.iter().copied().filter(move |f| self.contains(*f))
    }

    pub(crate) fn insert(&mut self, fix: Fix) {
        self.0 |= 1 << fix as u8;
    }

    pub(crate) fn union(self, other: Fixes) -> Fixes {
        Fixes(self.0 | other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_in_bit_order() {
        // `Fix::row` indexes its table by discriminant: the bits must be 0, 1, 2… in `ALL` order.
        for (i, fix) in Fix::ALL.iter().enumerate() {
            assert_eq!(*fix as usize, i);
            assert!(!fix.name().is_empty() && !fix.label(Lang::Zh).is_empty());
        }
    }
}
