//! ICP filings, ICP备 (spec §2): `<ICP abbr>ICP备<body>号[-<N>[<T>]]`.

use crate::grammar::{Ctx, Layout, PResult};
use crate::text::{Digits, Out};
use crate::{Fix, Kind, Province, ProvinceChar, Site};

/// An ICP filing number (ICP备案号), such as `京ICP备12345678号-1`.
///
/// The body (entity number) is one of:
/// - 6 digits: 2-digit year + 4-digit sequence, the earliest numbers (陕ICP备040096号);
/// - 8 digits: 2-digit year (00..=21) + 6-digit sequence, issued until 2020;
/// - 10 digits: 4-digit year (2019..=`max_year`) + 6-digit sequence, issued since 2020.
///
/// The sequence is never all zeros. Two-digit years are read as 20yy, 00..=21 for 6 and 8 digits.
///
/// The year ranges hold in every mode: lenient mode relaxes how a number is written, never what
/// it says, so 京ICP备22000001号 or 皖ICP备2018041123号 is not a number in any mode, nor does the
/// scanner report it.
///
/// ```
/// use icp_number::Number;
/// let Number::Filing(f) = icp_number::parse("京ICP备2022034770号-6X")? else { unreachable!() };
/// assert_eq!((f.year(), f.sequence(), f.body()), (2022, 34770, "2022034770"));
/// assert_eq!(f.site().map(|s| s.number()), Some(6));
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Filing {
    pub(crate) province: Province,
    pub(crate) body: Digits<10>,
    pub(crate) site: Option<Site>,
}

impl Filing {
    /// The province that issued it.
    #[must_use]
    pub fn province(&self) -> Province {
        self.province
    }

    /// The body digits as written (6, 8 or 10).
    #[must_use]
    pub fn body(&self) -> &str {
        self.body.as_str()
    }

    /// The year of first approval (two-digit years are 20yy).
    #[must_use]
    pub fn year(&self) -> u16 {
        match self.body.len() {
            10 => self.body.value(0, 4) as u16,
            _ => 2000 + self.body.value(0, 2) as u16,
        }
    }

    /// The sequence number after the year.
    #[must_use]
    pub fn sequence(&self) -> u32 {
        let from = if self.body.len() == 10 { 4 } else { 2 };
        self.body.value(from, self.body.len()) as u32
    }

    crate::vocabulary::site_accessors!();

    pub(crate) fn write(&self, out: &mut Out) {
        out.push_number(self.province.icp_abbr(), "ICP备", self.body());
    }
}

/// Reads what follows `ICP备`.
/// `wrap` turns it into the caller's type (the number layer passes its `Number` variant): the
/// number is built where it is read, with no copy on the way up.
pub(crate) fn tail<'a, N>(
    ctx: &mut Ctx<'a>,
    found: ProvinceChar,
    rest: &'a str,
    wrap: fn(Filing) -> N,
) -> PResult<'a, N> {
    let province = ctx.province(found, Kind::Filing)?;
    let mut rest = rest;
    if let Some(after) = rest.strip_prefix('案') {
        ctx.fix(Fix::BeianMarker, rest)?;
        rest = after;
    }
    let (rest, (run, site)) = ctx.icp_body(rest, &layouts(ctx.max_year), Kind::Filing)?;
    let filing = Filing {
        province,
        body: Digits::new(run),
        site,
    };
    Ok((rest, wrap(filing)))
}

/// The body layouts and their year ranges (spec §2), the same in every mode.
pub(crate) fn layouts(max_year: u16) -> [Layout; 3] {
    let two_digit = |len| Layout {
        len,
        head: 2,
        lo: 0,
        hi: 21,
        seq_from: 2,
    };
    [
        two_digit(6),
        two_digit(8),
        Layout {
            len: 10,
            head: 4,
            lo: 2019,
            hi: max_year,
            seq_from: 4,
        },
    ]
}
