//! The parsed number of any kind, its shared parts (site number, service type) and canonical output.

use core::fmt;

use heapless::String;

use crate::{Filing, Lang, Licence, Province, Psb, Telecom};

/// The longest canonical form, in bytes (a 14-digit public-security number: `<PSB>公网安备<14>号`).
pub const CANONICAL_MAX: usize = 32;

/// The longest query link, in bytes.
pub const QUERY_URL_MAX: usize = 64;

/// MIIT's query page for ICP filings, licences and telecom licences (spec §5).
pub const MIIT_QUERY_URL: &str = "https://beian.miit.gov.cn/";

/// The four kinds of registration number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Kind {
    /// ICP filing, ICP备 (spec §2).
    Filing,
    /// ICP operating licence, ICP证 (spec §3).
    Licence,
    /// Value-added telecom licence, A1/A2/B1/B2-YYYYNNNN (spec §4).
    Telecom,
    /// Public-security filing, 公网安备 (spec §5).
    Psb,
}

impl Kind {
    /// Every kind.
    pub const ALL: &'static [Kind] = &[Kind::Filing, Kind::Licence, Kind::Telecom, Kind::Psb];

    /// The stable lower-case name used in JSON, C and JavaScript: `filing`, `licence`, `telecom`, `psb`.
    ///
    /// ```
    /// assert_eq!(icp_number::parse("京ICP证030173号")?.kind().name(), "licence");
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Filing => "filing",
            Kind::Licence => "licence",
            Kind::Telecom => "telecom",
            Kind::Psb => "psb",
        }
    }

    /// What the kind is called, in `lang`: the one label every binding and the CLI show.
    ///
    /// ```
    /// use icp_number::{Kind, Lang};
    /// assert_eq!(Kind::Filing.label(Lang::En), "ICP filing");
    /// assert_eq!(Kind::Psb.label(Lang::Zh), "公安备案号");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Kind::Filing => ("ICP filing", "ICP备案号"),
            Kind::Licence => ("ICP licence", "ICP经营许可证号"),
            Kind::Telecom => ("telecom licence", "增值电信业务经营许可证号"),
            Kind::Psb => ("public-security filing", "公安备案号"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// What a site number registers: the letter after it (spec §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Service {
    /// No letter: a website.
    #[default]
    Website,
    /// `A`: an app.
    App,
    /// `X`: a mini program.
    MiniProgram,
    /// `K`: a quick app.
    QuickApp,
}

impl Service {
    /// Every service type.
    pub const ALL: &'static [Service] = &[
        Service::Website,
        Service::App,
        Service::MiniProgram,
        Service::QuickApp,
    ];

    /// The stable snake_case name: `website`, `app`, `mini_program`, `quick_app`.
    ///
    /// ```
    /// let n = icp_number::parse("京ICP备2022034770号-6X")?;
    /// assert_eq!(n.service().map(|s| s.name()), Some("mini_program"));
    /// # Ok::<(), icp_number::Error>(())
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Service::Website => "website",
            Service::App => "app",
            Service::MiniProgram => "mini_program",
            Service::QuickApp => "quick_app",
        }
    }

    /// The letter written after the site number, if any.
    ///
    /// ```
    /// use icp_number::Service;
    /// assert_eq!((Service::App.letter(), Service::Website.letter()), (Some('A'), None));
    /// ```
    #[must_use]
    pub const fn letter(self) -> Option<char> {
        match self {
            Service::Website => None,
            Service::App => Some('A'),
            Service::MiniProgram => Some('X'),
            Service::QuickApp => Some('K'),
        }
    }

    /// What the service is called, in `lang`.
    ///
    /// ```
    /// use icp_number::{Lang, Service};
    /// assert_eq!(Service::MiniProgram.label(Lang::En), "mini program");
    /// assert_eq!(Service::Website.label(Lang::Zh), "网站");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Service::Website => ("website", "网站"),
            Service::App => ("app", "应用"),
            Service::MiniProgram => ("mini program", "小程序"),
            Service::QuickApp => ("quick app", "快应用"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    pub(crate) fn from_letter(c: char) -> Option<Service> {
        [Service::App, Service::MiniProgram, Service::QuickApp]
            .into_iter()
            .find(|s| s.letter() == Some(c))
    }
}

/// The `-<N>[<T>]` suffix: which site or service of the entity this is.
///
/// ```
/// use icp_number::Service;
/// let site = icp_number::parse("粤ICP备2023073334号-3K")?.site().unwrap();
/// assert_eq!((site.number(), site.service()), (3, Service::QuickApp));
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Site {
    pub(crate) number: u16,
    pub(crate) service: Service,
}

impl Site {
    /// The site number, 1..=9999.
    #[must_use]
    pub fn number(self) -> u16 {
        self.number
    }

    /// The service type.
    #[must_use]
    pub fn service(self) -> Service {
        self.service
    }

    pub(crate) fn write(self, out: &mut Out) {
        out.push_str("-");
        out.push_u32(u32::from(self.number));
        if let Some(letter) = self.service.letter() {
            out.push_char(letter);
        }
    }
}

/// The `site()` and `service()` accessors of the kinds that take a site suffix.
macro_rules! site_accessors {
    () => {
        /// The site suffix, if any.
        #[must_use]
        pub fn site(&self) -> Option<$crate::Site> {
            self.site
        }

        /// The service type of the site suffix (`None` without one).
        #[must_use]
        pub fn service(&self) -> Option<$crate::Service> {
            self.site.map($crate::Site::service)
        }
    };
}
pub(crate) use site_accessors;

/// A fixed run of ASCII digits as written (leading zeros matter: `040096`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(4))]
pub(crate) struct Digits<const N: usize> {
    bytes: [u8; N],
    len: u8,
}

impl<const N: usize> Digits<N> {
    /// Copies `run` (ASCII digits, at most N, checked by the grammar).
    pub(crate) fn new(run: &str) -> Self {
        let mut bytes = [b'0'; N];
        let len = run.len().min(N);
        // A loop, not `copy_from_slice`: no length-mismatch panic path, no `memcpy` call.
        for (to, from) in bytes.iter_mut().zip(run.bytes()) {
            *to = from;
        }
        Digits {
            bytes,
            len: len as u8,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or("")
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// The decimal value of `self[from..to]`.
    pub(crate) fn value(&self, from: usize, to: usize) -> u64 {
        decimal(self.as_str().get(from..to).unwrap_or(""))
    }
}

/// The value of a run of ASCII digits (callers keep runs short enough not to overflow).
pub(crate) fn decimal(run: &str) -> u64 {
    run.bytes().fold(0u64, |acc, b| {
        acc.wrapping_mul(10).wrapping_add(u64::from(b - b'0'))
    })
}

impl<const N: usize> fmt::Debug for Digits<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "defmt")]
impl<const N: usize> defmt::Format for Digits<N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.as_str())
    }
}

/// A small output buffer for canonical forms: no `core::fmt`, no allocation.
pub(crate) struct Out {
    buf: [u8; QUERY_URL_MAX],
    len: usize,
}

impl Out {
    pub(crate) fn new() -> Self {
        Out {
            buf: [0; QUERY_URL_MAX],
            len: 0,
        }
    }

    /// Appends as much of `s` as fits (a loop, not `copy_from_slice`: no panic path).
    pub(crate) fn push_str(&mut self, s: &str) {
        let free = self.buf.get_mut(self.len..).unwrap_or_default();
        for (to, byte) in free.iter_mut().zip(s.bytes()) {
            *to = byte;
            self.len += 1;
        }
    }

    pub(crate) fn push_char(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// `<abbr><marker><digits>号`, the shape of filings, licences and public-security numbers.
    pub(crate) fn push_number(&mut self, abbr: char, marker: &str, digits: &str) {
        self.push_char(abbr);
        self.push_str(marker);
        self.push_str(digits);
        self.push_str("号");
    }

    pub(crate) fn push_u32(&mut self, mut n: u32) {
        // Filled from the end by an iterator: no index, no panic path.
        let mut digits = [0u8; 10];
        let mut len = 0;
        for slot in digits.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
            len += 1;
            if n == 0 {
                break;
            }
        }
        let digits = digits.get(digits.len() - len..).unwrap_or_default();
        self.push_str(core::str::from_utf8(digits).unwrap_or(""));
    }

    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.buf.get(..self.len).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or("")
    }

    pub(crate) fn into_string<const N: usize>(self) -> String<N> {
        String::try_from(self.as_str()).unwrap_or_default()
    }
}

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

impl core::str::FromStr for Number {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::parse(s)
    }
}
