//! The parsed number of any kind, its shared parts (site number, service type) and canonical output.

use core::fmt;

use heapless::String;

use crate::grammar::{Ctx, Fail, PResult};
use crate::text::{Out, from, starts_with};
use crate::{
    Detail, ErrorKind, Expected, Filing, Kind, Lang, Licence, Province, ProvinceChar, Psb, Service,
    Site, Telecom, filing, licence, psb, telecom,
};

/// The longest canonical form, in bytes (a 14-digit public-security number: `<PSB>公网安备<14>号`).
pub const CANONICAL_MAX: usize = 32;

/// The longest query link, in bytes.
pub const QUERY_URL_MAX: usize = crate::text::OUT_MAX;

/// MIIT's query page for ICP filings, licences and telecom licences (spec §5).
pub const MIIT_QUERY_URL: &str = "https://beian.miit.gov.cn/";
/// A registration number of any of the four kinds.
///
/// `Display` writes the canonical form; [`FromStr`](core::str::FromStr) parses strictly.
///
/// ```
/// use icp_number::{Kind, Number, Service};
/// let n: Number = "陕ICP备2024026116号-1A".parse()?;
/// assert_eq!(n.kind(), Kind::Filing);
/// assert_eq!(n.province().map(|p| p.name_en()), Some("Shaanxi"));
/// assert_eq!(n.site().map(|s| s.number()), Some(1));
/// assert_eq!(n.service(), Some(Service::App));
/// assert_eq!(n.main_number().to_string(), "陕ICP备2024026116号");
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Number {
    /// An ICP filing (ICP备).
    Filing(Filing),
    /// An ICP operating licence (ICP证).
    Licence(Licence),
    /// A value-added telecom licence.
    Telecom(Telecom),
    /// A public-security filing (公网安备).
    Psb(Psb),
}

impl Number {
    /// Which kind of number this is.
    #[must_use]
    pub fn kind(&self) -> Kind {
        match self {
            Number::Filing(_) => Kind::Filing,
            Number::Licence(_) => Kind::Licence,
            Number::Telecom(_) => Kind::Telecom,
            Number::Psb(_) => Kind::Psb,
        }
    }

    /// The province, or `None` for a cross-regional telecom licence issued by MIIT itself.
    #[must_use]
    pub fn province(&self) -> Option<Province> {
        match self {
            Number::Filing(n) => Some(n.province()),
            Number::Licence(n) => Some(n.province()),
            Number::Telecom(n) => n.province(),
            Number::Psb(n) => Some(n.province()),
        }
    }

    /// Who issued the number, in `lang`: its province's name, or MIIT for a cross-regional
    /// telecom licence, which has no province.
    ///
    /// ```
    /// use icp_number::Lang;
    /// assert_eq!(icp_number::parse("粤B2-20090059")?.issuer(Lang::En), "Guangdong");
    /// assert_eq!(icp_number::parse("B2-20090028")?.issuer(Lang::Zh), "跨地区（工业和信息化部）");
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn issuer(&self, lang: Lang) -> &'static str {
        match (self.province(), lang) {
            (Some(p), Lang::En) => p.name_en(),
            (Some(p), Lang::Zh) => p.name_zh(),
            (None, Lang::En) => "cross-regional (MIIT)",
            (None, Lang::Zh) => "跨地区（工业和信息化部）",
        }
    }

    /// The site suffix (`-1`, `-3K`…), if the number has one.
    #[must_use]
    pub fn site(&self) -> Option<Site> {
        match self {
            Number::Filing(n) => n.site,
            Number::Licence(n) => n.site,
            Number::Telecom(n) => n.site,
            Number::Psb(_) => None,
        }
    }

    /// The service type, if the number has a site number.
    #[must_use]
    pub fn service(&self) -> Option<Service> {
        self.site().map(Site::service)
    }

    /// The number's digits as written, without marker or suffix: the body of a filing, a
    /// licence or a telecom licence, the 14 (or 12) digits of a public-security number.
    ///
    /// ```
    /// let n = icp_number::parse("粤B2-20090059-3")?;
    /// assert_eq!(n.digits(), "20090059");
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn digits(&self) -> &str {
        match self {
            Number::Filing(n) => n.body(),
            Number::Licence(n) => n.body(),
            Number::Telecom(n) => n.body(),
            Number::Psb(n) => n.digits(),
        }
    }

    /// The year the number was issued (first approval for a filing); `None` for a
    /// public-security number, whose digits carry no year.
    ///
    /// ```
    /// assert_eq!(icp_number::parse("陕ICP备040096号")?.year(), Some(2004));
    /// assert_eq!(icp_number::parse("京公网安备11010802020088号")?.year(), None);
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn year(&self) -> Option<u16> {
        match self {
            Number::Filing(n) => Some(n.year()),
            Number::Licence(n) => Some(n.year()),
            Number::Telecom(n) => Some(n.year()),
            Number::Psb(_) => None,
        }
    }

    /// The sequence number: the digits after the year (after the division code for a
    /// public-security number).
    ///
    /// ```
    /// assert_eq!(icp_number::parse("京ICP备2022034770号-6X")?.sequence(), 34770);
    /// assert_eq!(icp_number::parse("京公网安备11010802020088号")?.sequence(), 2020088);
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn sequence(&self) -> u32 {
        match self {
            Number::Filing(n) => n.sequence(),
            Number::Licence(n) => u32::from(n.sequence()),
            Number::Telecom(n) => u32::from(n.sequence()),
            Number::Psb(n) => n.sequence(),
        }
    }

    /// The entity (main) number: the same number without its site suffix.
    ///
    /// ```
    /// let n = icp_number::parse("京ICP证030173号-1")?;
    /// assert_eq!(n.main_number().to_string(), "京ICP证030173号");
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn main_number(&self) -> Number {
        match *self {
            Number::Filing(n) => Number::Filing(Filing { site: None, ..n }),
            Number::Licence(n) => Number::Licence(Licence { site: None, ..n }),
            Number::Telecom(n) => Number::Telecom(Telecom { site: None, ..n }),
            Number::Psb(n) => Number::Psb(n),
        }
    }

    /// The site suffix, to change in place.
    pub(crate) fn site_mut(&mut self) -> Option<&mut Site> {
        match self {
            Number::Filing(n) => n.site.as_mut(),
            Number::Licence(n) => n.site.as_mut(),
            Number::Telecom(n) => n.site.as_mut(),
            Number::Psb(_) => None,
        }
    }

    /// The canonical form in a fixed-capacity string.
    ///
    /// ```
    /// let parsed = icp_number::parse_lenient("粤A2-20044005号-108")?;
    /// assert_eq!(parsed.number.canonical(), "粤A2-20044005-108");
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn canonical(&self) -> String<CANONICAL_MAX> {
        self.write_canonical().into_string()
    }

    /// The official page where the number can be looked up (spec §5): MIIT's for the ICP kinds,
    /// the public-security query for this number's digits for `psb`.
    ///
    /// ```
    /// let n = icp_number::parse("京公网安备11010802020088号")?;
    /// assert_eq!(n.query_url(), "https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088");
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub fn query_url(&self) -> String<QUERY_URL_MAX> {
        let mut out = Out::new();
        match self {
            Number::Psb(n) => {
                out.push_str("https://beian.mps.gov.cn/#/query/webSearch?code=");
                out.push_str(n.digits());
            }
            _ => out.push_str(MIIT_QUERY_URL),
        }
        out.into_string()
    }

    fn write_canonical(&self) -> Out {
        let mut out = Out::new();
        match self {
            Number::Filing(n) => n.write(&mut out),
            Number::Licence(n) => n.write(&mut out),
            Number::Telecom(n) => n.write(&mut out),
            Number::Psb(n) => n.write(&mut out),
        }
        if let Some(site) = self.site() {
            site.write(&mut out);
        }
        out
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write_canonical().as_str())
    }
}

/// Reads one number at the start of `ctx.text`; the caller deals with what follows.
pub(crate) fn read<'a>(ctx: &mut Ctx<'a>) -> PResult<'a, Number> {
    let text = ctx.text;
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return Err(ctx.incomplete(Expected::Province));
    };
    // ICP or 公网安备 (or the start of one) where the province should be; `I` and E5 are their
    // first bytes, so most text needs no comparison.
    let marker_first = matches!(text.as_bytes().first(), Some(b'I' | 0xE5))
        && ["ICP", "公网安备"]
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
        return telecom::tail(ctx, None, text, Number::Telecom);
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
                filing::tail(ctx, found, tail, Number::Filing)
            } else if let Some(tail) = after.strip_prefix('证') {
                licence::tail(ctx, found, tail, Number::Licence)
            } else {
                Err(ctx.fail(after, ErrorKind::UnknownMarker, Expected::Marker))
            };
        }
        Err(()) => return Err(partial(ctx)),
        Ok(None) => {}
    }
    match starts_with(rest, "公网安备") {
        Ok(Some(after)) => return psb::tail(ctx, found, after, Number::Psb),
        Err(()) => return Err(partial(ctx)),
        Ok(None) => {}
    }
    match rest.chars().next() {
        Some(c)
            if c.is_ascii_uppercase() && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit) =>
        {
            telecom::tail(ctx, Some(found), rest, Number::Telecom)
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
