//! Value-added telecom licences, 增值电信业务经营许可证 (spec §4):
//! `[<ICP abbr>]<class>[.<class>…]-<YYYY><NNNN>[-<N>[<T>]]`.

use crate::grammar::{Ctx, Layout, PResult, impossible_year};
use crate::text::{Digits, Out};
use crate::{Detail, ErrorKind, Expected, Fix, Kind, Province, ProvinceChar, Site};

/// A class of value-added telecom service that the licence covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum TelecomClass {
    /// A1: internet data centre.
    A1,
    /// A2: content delivery network / domestic multi-party communication.
    A2,
    /// B1: domestic multi-party communication and similar.
    B1,
    /// B2: information services (the usual one for websites).
    B2,
}

impl TelecomClass {
    /// All classes in ascending order.
    pub const ALL: [TelecomClass; 4] = [
        TelecomClass::A1,
        TelecomClass::A2,
        TelecomClass::B1,
        TelecomClass::B2,
    ];

    /// The class as written: `A1`, `A2`, `B1` or `B2`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            TelecomClass::A1 => "A1",
            TelecomClass::A2 => "A2",
            TelecomClass::B1 => "B1",
            TelecomClass::B2 => "B2",
        }
    }
}

/// The set of classes on one licence.
///
/// ```
/// use icp_number::{Number, TelecomClass};
/// let Number::Telecom(t) = icp_number::parse("A2.B1.B2-20090003")? else { unreachable!() };
/// assert_eq!(t.classes().iter().collect::<Vec<_>>(), [TelecomClass::A2, TelecomClass::B1, TelecomClass::B2]);
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct TelecomClasses(u8);

impl TelecomClasses {
    /// Whether `class` is on the licence.
    #[must_use]
    pub fn contains(self, class: TelecomClass) -> bool {
        self.0 & (1 << class as u8) != 0
    }

    /// The set with `class` added.
    pub(crate) fn with(self, class: TelecomClass) -> TelecomClasses {
        TelecomClasses(self.0 | 1 << class as u8)
    }

    /// The raw bits (bit `n` is `TelecomClass::ALL[n]`), as the C and JS bindings carry them.
    #[must_use]
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The classes in ascending order.
    pub fn iter(self) -> impl Iterator<Item = TelecomClass> + Clone {
        TelecomClass::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

/// A value-added telecom licence number, such as `粤B2-20090059` or the cross-regional
/// `B2-20090028` (no province: issued by MIIT itself).
///
/// Classes are A1, A2, B1, B2, each at most once and in ascending order, joined by dots; then
/// the 4-digit year of issue (2000..=`max_year`) and a 4-digit sequence that is not 0000. The
/// canonical form has no 号.
///
/// ```
/// use icp_number::Number;
/// let Number::Telecom(t) = icp_number::parse("粤B2-20090059")? else { unreachable!() };
/// assert_eq!((t.year(), t.sequence()), (2009, 59));
/// assert_eq!(t.province().map(|p| p.iso_code()), Some("CN-GD"));
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Telecom {
    pub(crate) province: Option<Province>,
    pub(crate) classes: TelecomClasses,
    pub(crate) body: Digits<8>,
    pub(crate) site: Option<Site>,
}

impl Telecom {
    /// The province, or `None` for a cross-regional licence.
    #[must_use]
    pub fn province(&self) -> Option<Province> {
        self.province
    }

    /// The classes the licence covers.
    #[must_use]
    pub fn classes(&self) -> TelecomClasses {
        self.classes
    }

    /// The eight digits as written.
    #[must_use]
    pub fn body(&self) -> &str {
        self.body.as_str()
    }

    /// The year of issue.
    #[must_use]
    pub fn year(&self) -> u16 {
        self.body.value(0, 4) as u16
    }

    /// The 4-digit sequence number.
    #[must_use]
    pub fn sequence(&self) -> u16 {
        self.body.value(4, 8) as u16
    }

    crate::vocabulary::site_accessors!();

    pub(crate) fn write(&self, out: &mut Out) {
        if let Some(province) = self.province {
            out.push_char(province.icp_abbr());
        }
        for (i, class) in self.classes.iter().enumerate() {
            if i > 0 {
                out.push_str(".");
            }
            out.push_str(class.name());
        }
        out.push_str("-");
        out.push_str(self.body());
    }
}

/// Reads a telecom licence from its first class (`rest` starts with an ASCII letter).
/// `wrap` turns it into the caller's type (the number layer passes its `Number` variant): the
/// number is built where it is read, with no copy on the way up.
pub(crate) fn tail<'a, N>(
    ctx: &mut Ctx<'a>,
    found: Option<ProvinceChar>,
    rest: &'a str,
    wrap: fn(Telecom) -> N,
) -> PResult<'a, N> {
    let province = match found {
        Some(found) => Some(ctx.province(found, Kind::Telecom)?),
        None => None,
    };
    let (rest, classes) = classes(ctx, rest)?;
    let layouts = layouts(ctx.max_year);
    let (mut rest, run) = ctx.digit_run(rest, &layouts, &impossible_year, Kind::Telecom)?;
    if let Some(after) = rest.strip_prefix('号') {
        ctx.fix(Fix::TelecomHao, rest)?;
        rest = after;
    }
    let (rest, site) = ctx.site(rest)?;
    let telecom = Telecom {
        province,
        classes,
        body: Digits::new(run),
        site,
    };
    Ok((rest, wrap(telecom)))
}

/// The body layout and its year range (spec §4), the same in every mode.
pub(crate) fn layouts(max_year: u16) -> [Layout; 1] {
    [Layout {
        len: 8,
        head: 4,
        lo: 2000,
        hi: max_year,
        seq_from: 4,
    }]
}

/// `A1.B2-`: the classes up to and including the hyphen before the digits.
fn classes<'a>(ctx: &Ctx<'a>, mut rest: &'a str) -> PResult<'a, TelecomClasses> {
    let mut classes = TelecomClasses::default();
    let mut last: Option<TelecomClass> = None;
    loop {
        let mut chars = rest.chars();
        let (letter, digit) = match (chars.next(), chars.next()) {
            (Some(l), Some(d)) => (l, d),
            (Some('A' | 'B'), None) => {
                return Err(ctx.incomplete(Expected::TelecomClass));
            }
            _ => {
                return Err(ctx.fail(rest, ErrorKind::UnknownTelecomClass, Expected::TelecomClass));
            }
        };
        let class = match (letter, digit) {
            ('A', '1') => TelecomClass::A1,
            ('A', '2') => TelecomClass::A2,
            ('B', '1') => TelecomClass::B1,
            ('B', '2') => TelecomClass::B2,
            _ => {
                return Err(ctx.fail(rest, ErrorKind::UnknownTelecomClass, Expected::TelecomClass));
            }
        };
        if last.is_some_and(|l| l >= class) {
            return Err(ctx.fail_with(rest, ErrorKind::TelecomClassOrder, Detail::None));
        }
        last = Some(class);
        classes = classes.with(class);
        rest = chars.as_str();
        if let Some(after) = rest.strip_prefix('.') {
            rest = after;
        } else if let Some(after) = rest.strip_prefix('-') {
            return Ok((after, classes));
        } else {
            return Err(ctx.fail(rest, ErrorKind::UnexpectedCharacter, Expected::Digits));
        }
    }
}
