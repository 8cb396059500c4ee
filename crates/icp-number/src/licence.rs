//! ICP operating licences, ICP证 (spec §3): `<ICP abbr>ICP证<6 digits>号[-<N>[<T>]]`.

use crate::grammar::{Ctx, Layout, PResult};
use crate::text::{Digits, Out};
use crate::{Kind, Province, ProvinceChar, Site};

/// An ICP operating licence number (ICP经营许可证), such as `京ICP证030173号`.
///
/// Six digits: a 2-digit year (20yy, at most `max_year`) and a 4-digit sequence that is not all
/// zeros. The spec gives no earliest year; licences date from the 2000 regulations, so 00 is the
/// lowest accepted.
///
/// ```
/// use icp_number::Number;
/// let Number::Licence(l) = icp_number::parse("沪ICP证080047号")? else { unreachable!() };
/// assert_eq!((l.year(), l.sequence()), (2008, 47));
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Licence {
    pub(crate) province: Province,
    pub(crate) body: Digits<6>,
    pub(crate) site: Option<Site>,
}

impl Licence {
    /// The province that issued it.
    #[must_use]
    pub fn province(&self) -> Province {
        self.province
    }

    /// The six digits as written.
    #[must_use]
    pub fn body(&self) -> &str {
        self.body.as_str()
    }

    /// The year of issue (20yy).
    #[must_use]
    pub fn year(&self) -> u16 {
        2000 + self.body.value(0, 2) as u16
    }

    /// The 4-digit sequence number.
    #[must_use]
    pub fn sequence(&self) -> u16 {
        self.body.value(2, 6) as u16
    }

    crate::vocabulary::site_accessors!();

    pub(crate) fn write(&self, out: &mut Out) {
        out.push_number(self.province.icp_abbr(), "ICP证", self.body());
    }
}

/// Reads what follows `ICP证`.
/// `wrap` turns it into the caller's type (the number layer passes its `Number` variant): the
/// number is built where it is read, with no copy on the way up.
pub(crate) fn tail<'a, N>(
    ctx: &mut Ctx<'a>,
    found: ProvinceChar,
    rest: &'a str,
    wrap: fn(Licence) -> N,
) -> PResult<'a, N> {
    let province = ctx.province(found, Kind::Licence)?;
    let (rest, (run, site)) = ctx.icp_body(rest, &layouts(ctx.max_year), Kind::Licence)?;
    let licence = Licence {
        province,
        body: Digits::new(run),
        site,
    };
    Ok((rest, wrap(licence)))
}

/// The body layout and its year range (spec §3), the same in every mode.
pub(crate) fn layouts(max_year: u16) -> [Layout; 1] {
    [Layout {
        len: 6,
        head: 2,
        lo: 0,
        hi: max_year.saturating_sub(2000).min(99),
        seq_from: 2,
    }]
}
