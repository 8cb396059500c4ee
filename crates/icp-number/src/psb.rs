//! Public-security filings, 公网安备 (spec §5): `<PSB abbr>公网安备<14 digits>号`.

use crate::grammar::{Ctx, Layout, PResult};
use crate::text::{Digits, Out};
use crate::{Detail, ErrorKind, Kind, Province, ProvinceChar};

/// A public-security filing number (公安备案号), such as `京公网安备11010802020088号`.
///
/// - 14 digits: a 6-digit administrative division code of the issuing police office, then an
///   8-digit sequence. The first two digits must be the GB/T 2260 code of the prefix's province
///   (京 ↔ 11, 川 ↔ 51); the rest of the division code is not checked against a table, since
///   police-only codes for development zones exist.
/// - 12 digits, Beijing only: the legacy form (6-digit district code + 6-digit sequence).
///
/// The sequence is never all zeros (such numbers are placeholders).
///
/// ```
/// use icp_number::Number;
/// let Number::Psb(p) = icp_number::parse("京公网安备11010802020088号")? else { unreachable!() };
/// assert_eq!((p.division_code(), p.sequence()), (110108, 2020088));
/// assert!(!p.is_legacy());
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Psb {
    pub(crate) province: Province,
    pub(crate) digits: Digits<14>,
}

impl Psb {
    /// The province of the prefix (and of the first two digits).
    #[must_use]
    pub fn province(&self) -> Province {
        self.province
    }

    /// All digits as written (14, or 12 for a legacy Beijing number).
    #[must_use]
    pub fn digits(&self) -> &str {
        self.digits.as_str()
    }

    /// The 6-digit division code of the issuing police office.
    #[must_use]
    pub fn division_code(&self) -> u32 {
        self.digits.value(0, 6) as u32
    }

    /// The sequence after the division code (8 digits, or 6 in the legacy form).
    #[must_use]
    pub fn sequence(&self) -> u32 {
        self.digits.value(6, self.digits.len()) as u32
    }

    /// Whether this is the legacy 12-digit Beijing form.
    #[must_use]
    pub fn is_legacy(&self) -> bool {
        self.digits.len() == 12
    }

    pub(crate) fn write(&self, out: &mut Out) {
        out.push_number(self.province.psb_abbr(), "公网安备", self.digits());
    }
}

/// Reads what follows `公网安备`.
/// `wrap` turns it into the caller's type (the number layer passes its `Number` variant): the
/// number is built where it is read, with no copy on the way up.
pub(crate) fn tail<'a, N>(
    ctx: &mut Ctx<'a>,
    found: ProvinceChar,
    rest: &'a str,
    wrap: fn(Psb) -> N,
) -> PResult<'a, N> {
    let province = ctx.province(found, Kind::Psb)?;
    let rest = ctx.skip_hyphen(rest)?;
    let (all, legacy) = layouts(province.gb_code());
    let layouts = if legacy { &all[..] } else { &all[..1] };
    let mismatch = |digits: &str| {
        let detail = Detail::Codes {
            province,
            digits: crate::text::decimal(digits) as u8,
            typed: digits.len() as u8,
        };
        (ErrorKind::PsbProvinceMismatch, detail)
    };
    let (after, run) = ctx
        .digit_run(rest, layouts, &mismatch, Kind::Psb)
        .map_err(|fail| {
            let legacy =
                fail.kind == ErrorKind::BadLength && crate::text::digits(rest).1.len() == 12;
            if legacy {
                return ctx.fail_with(rest, ErrorKind::LegacyPsbOutsideBeijing, Detail::None);
            }
            fail
        })?;
    let (rest, _) = ctx.hao_and_site(after, false)?;
    let psb = Psb {
        province,
        digits: Digits::new(run),
    };
    Ok((rest, wrap(psb)))
}

/// The digit layouts of the numbers of the province with GB/T 2260 code `gb` (spec §5), the same
/// in every mode: 14 digits whose first two are that code, then the legacy 12, and whether the
/// legacy one applies (Beijing's only).
pub(crate) fn layouts(gb: u8) -> ([Layout; 2], bool) {
    let layout = |len| Layout {
        len,
        head: 2,
        lo: u16::from(gb),
        hi: u16::from(gb),
        seq_from: 6,
    };
    ([layout(14), layout(12)], gb == 11)
}
