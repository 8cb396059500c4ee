//! The vocabulary every layer above shares: the kinds of number, the service types and site
//! suffix, what the parser expects next, and the message language.

use crate::text::Out;

/// Message language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

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

/// What the parser expects where the input ends too early.
///
/// ```
/// use icp_number::{Expected, Status};
/// assert_eq!(icp_number::check_prefix("京公网")?, Status::Incomplete(Expected::Marker));
/// assert_eq!(Expected::Marker.name(), "marker");
/// # Ok::<(), icp_number::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Expected {
    /// A province abbreviation (or a telecom class).
    Province,
    /// ICP备, ICP证, a telecom class or 公网安备.
    Marker,
    /// More digits.
    Digits,
    /// 号.
    Hao,
    /// The site number after `-`.
    SiteNumber,
    /// A telecom class (A1, A2, B1, B2).
    TelecomClass,
    /// The rest of an HTML entity such as `&nbsp;` (lenient mode).
    Entity,
}

impl Expected {
    /// Every variant.
    pub const ALL: &'static [Expected] = &[
        Expected::Province,
        Expected::Marker,
        Expected::Digits,
        Expected::Hao,
        Expected::SiteNumber,
        Expected::TelecomClass,
        Expected::Entity,
    ];

    /// What should come next, for people, in `lang` (the `INCOMPLETE` message uses it).
    ///
    /// ```
    /// use icp_number::{Expected, Lang};
    /// assert_eq!(Expected::Hao.label(Lang::Zh), "“号”");
    /// ```
    #[must_use]
    pub const fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.row().1,
            Lang::Zh => self.row().2,
        }
    }

    /// The stable snake_case name used in JSON, C and JavaScript.
    #[must_use]
    pub const fn name(self) -> &'static str {
        self.row().0
    }

    /// The row of [`EXPECTED_ROWS`] (name, English and Chinese labels), indexed by
    /// discriminant: a table is smaller than a `match` per column.
    const fn row(self) -> &'static (&'static str, &'static str, &'static str) {
        let i = self as usize;
        if i < EXPECTED_ROWS.len() {
            &EXPECTED_ROWS[i]
        } else {
            &("", "", "")
        }
    }
}

/// Name, English and Chinese label of each [`Expected`], in declaration (`ALL`) order.
const EXPECTED_ROWS: [(&str, &str, &str); 7] = [
    ("province", "a province abbreviation", "省份简称"),
    (
        "marker",
        "ICP备, ICP证, a telecom class or 公网安备",
        "“ICP备”“ICP证”、电信业务类别或“公网安备”",
    ),
    ("digits", "digits", "数字"),
    ("hao", "号", "“号”"),
    ("site_number", "a site number", "网站序号"),
    (
        "telecom_class",
        "a telecom class (A1, A2, B1 or B2)",
        "电信业务类别（A1、A2、B1或B2）",
    ),
    (
        "entity",
        "the rest of an HTML entity such as &nbsp;",
        "HTML实体（如&nbsp;）的其余部分",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_rows_are_in_declaration_order() {
        // `Expected::row` indexes `EXPECTED_ROWS` by discriminant.
        assert_eq!(EXPECTED_ROWS.len(), Expected::ALL.len());
        for (i, next) in Expected::ALL.iter().enumerate() {
            assert_eq!(*next as usize, i);
        }
        assert_eq!(Expected::SiteNumber.name(), "site_number");
        assert_eq!(
            Expected::Entity.label(Lang::Zh),
            "HTML实体（如&nbsp;）的其余部分"
        );
    }
}
