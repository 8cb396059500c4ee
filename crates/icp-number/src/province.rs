//! The 31 mainland provincial divisions and the characters that name them (spec §1).
//!
//! The table below is the only place the province data lives; every look-up reads it.
//! ICP numbers (filings, licences, telecom licences) use the MIIT abbreviation and public-security
//! numbers the police abbreviation, which differ for Sichuan (蜀/川), Guizhou (黔/贵) and Gansu (陇/甘).

use crate::Kind;

/// One row of the province table.
struct Row {
    icp: char,
    psb: char,
    gb: u8,
    iso: &'static str,
    zh: &'static str,
    en: &'static str,
}

const fn row(
    icp: char,
    psb: char,
    gb: u8,
    iso: &'static str,
    zh: &'static str,
    en: &'static str,
) -> Row {
    Row {
        icp,
        psb,
        gb,
        iso,
        zh,
        en,
    }
}

/// Spec §1, in GB/T 2260 order. A `const`, not a `static`: a program holds only the columns
/// below that it reads (a parser needs the characters and codes, not the names).
const TABLE: [Row; 31] = [
    row('京', '京', 11, "CN-BJ", "北京", "Beijing"),
    row('津', '津', 12, "CN-TJ", "天津", "Tianjin"),
    row('冀', '冀', 13, "CN-HE", "河北", "Hebei"),
    row('晋', '晋', 14, "CN-SX", "山西", "Shanxi"),
    row('蒙', '蒙', 15, "CN-NM", "内蒙古", "Inner Mongolia"),
    row('辽', '辽', 21, "CN-LN", "辽宁", "Liaoning"),
    row('吉', '吉', 22, "CN-JL", "吉林", "Jilin"),
    row('黑', '黑', 23, "CN-HL", "黑龙江", "Heilongjiang"),
    row('沪', '沪', 31, "CN-SH", "上海", "Shanghai"),
    row('苏', '苏', 32, "CN-JS", "江苏", "Jiangsu"),
    row('浙', '浙', 33, "CN-ZJ", "浙江", "Zhejiang"),
    row('皖', '皖', 34, "CN-AH", "安徽", "Anhui"),
    row('闽', '闽', 35, "CN-FJ", "福建", "Fujian"),
    row('赣', '赣', 36, "CN-JX", "江西", "Jiangxi"),
    row('鲁', '鲁', 37, "CN-SD", "山东", "Shandong"),
    row('豫', '豫', 41, "CN-HA", "河南", "Henan"),
    row('鄂', '鄂', 42, "CN-HB", "湖北", "Hubei"),
    row('湘', '湘', 43, "CN-HN", "湖南", "Hunan"),
    row('粤', '粤', 44, "CN-GD", "广东", "Guangdong"),
    row('桂', '桂', 45, "CN-GX", "广西", "Guangxi"),
    row('琼', '琼', 46, "CN-HI", "海南", "Hainan"),
    row('渝', '渝', 50, "CN-CQ", "重庆", "Chongqing"),
    row('蜀', '川', 51, "CN-SC", "四川", "Sichuan"),
    row('黔', '贵', 52, "CN-GZ", "贵州", "Guizhou"),
    row('滇', '滇', 53, "CN-YN", "云南", "Yunnan"),
    row('藏', '藏', 54, "CN-XZ", "西藏", "Tibet"),
    row('陕', '陕', 61, "CN-SN", "陕西", "Shaanxi"),
    row('陇', '甘', 62, "CN-GS", "甘肃", "Gansu"),
    row('青', '青', 63, "CN-QH", "青海", "Qinghai"),
    row('宁', '宁', 64, "CN-NX", "宁夏", "Ningxia"),
    row('新', '新', 65, "CN-XJ", "新疆", "Xinjiang"),
];

/// One column of [`TABLE`], built at compile time (`$map` converts each value).
macro_rules! column {
    ($name:ident: $ty:ty = $field:ident $(, $map:path)?) => {
        static $name: [$ty; 31] = {
            let mut out = [column!(@map TABLE[0].$field $(, $map)?); 31];
            let mut i = 0;
            while i < 31 {
                out[i] = column!(@map TABLE[i].$field $(, $map)?);
                i += 1;
            }
            out
        };
    };
    (@map $value:expr) => { $value };
    (@map $value:expr, $map:path) => { $map($value) };
}

/// A character of the Basic Multilingual Plane as 16 bits (every character in these tables is
/// one, which the compiler checks): half the flash of a `char`.
const fn bmp(c: char) -> u16 {
    assert!(c as u32 <= 0xFFFF, "not in the BMP");
    c as u32 as u16
}

/// The character a [`bmp`] value stands for.
fn from_bmp(unit: u16) -> char {
    char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)
}

column!(ICP: u16 = icp, bmp);
column!(PSB: u16 = psb, bmp);
column!(GB: u8 = gb);
column!(ISO: &str = iso);
column!(ZH: &str = zh);
column!(EN: &str = en);

/// Simplified characters real footers use for a province that are not its official ones (read
/// in lenient mode), with the province's GB/T 2260 code.
const ALIAS_PAIRS: [(char, u8); 1] = [('云', 53)];
static ALIASES: [(char, u8); 1] = ALIAS_PAIRS;

/// Traditional forms seen in real footers and the simplified character each stands for (spec §1),
/// sorted by code point for binary search.
const TRADITIONAL_PAIRS: [(char, char); 19] = [
    ('備', '备'),
    ('寧', '宁'),
    ('晉', '晋'),
    ('滬', '沪'),
    ('瓊', '琼'),
    ('粵', '粤'),
    ('網', '网'),
    ('臺', '台'),
    ('蘇', '苏'),
    ('號', '号'),
    ('證', '证'),
    ('貴', '贵'),
    ('贛', '赣'),
    ('遼', '辽'),
    ('閩', '闽'),
    ('陝', '陕'),
    ('隴', '陇'),
    ('雲', '云'),
    ('魯', '鲁'),
];

/// Every character [`Province::from_char`] reads as a mainland province (official, alias and
/// traditional forms), sorted, built at compile time from the tables above: the scanner's fast
/// test for where a number may start.
static PROVINCE_CHARS: [char; province_chars().1] = {
    let (all, len) = province_chars();
    let mut out = ['\0'; province_chars().1];
    let mut i = 0;
    while i < len {
        out[i] = all[i];
        i += 1;
    }
    out
};

/// The characters of [`PROVINCE_CHARS`] (sorted) in a buffer, and how many there are.
const fn province_chars() -> ([char; 64], usize) {
    let mut all = ['\0'; 64];
    let mut len = 0;
    let mut i = 0;
    while i < TABLE.len() {
        all[len] = TABLE[i].icp;
        len += 1;
        if TABLE[i].psb != TABLE[i].icp {
            all[len] = TABLE[i].psb;
            len += 1;
        }
        i += 1;
    }
    let mut a = 0;
    while a < ALIAS_PAIRS.len() {
        all[len] = ALIAS_PAIRS[a].0;
        len += 1;
        a += 1;
    }
    let official = len;
    let mut t = 0;
    while t < TRADITIONAL_PAIRS.len() {
        let (traditional, simple) = TRADITIONAL_PAIRS[t];
        let mut k = 0;
        while k < official {
            if all[k] as u32 == simple as u32 {
                all[len] = traditional;
                len += 1;
            }
            k += 1;
        }
        t += 1;
    }
    // Insertion sort by code point.
    let mut s = 1;
    while s < len {
        let mut k = s;
        while k > 0 && (all[k - 1] as u32) > (all[k] as u32) {
            let swap = all[k - 1];
            all[k - 1] = all[k];
            all[k] = swap;
            k -= 1;
        }
        s += 1;
    }
    (all, len)
}

/// Whether `c` names a mainland province in any form ([`Province::from_char`] reads it).
pub(crate) fn is_province_char(c: char) -> bool {
    PROVINCE_CHARS.binary_search(&c).is_ok()
}

/// [`TRADITIONAL_PAIRS`] as [`bmp`] values, built at compile time.
pub(crate) static TRADITIONAL: [(u16, u16); 19] = {
    let mut out = [(0, 0); 19];
    let mut i = 0;
    while i < 19 {
        out[i] = (bmp(TRADITIONAL_PAIRS[i].0), bmp(TRADITIONAL_PAIRS[i].1));
        i += 1;
    }
    out
};

/// Characters of Hong Kong, Macau and Taiwan, which issue none of these numbers.
const NOT_MAINLAND: [char; 3] = ['港', '澳', '台'];

/// Bit `code % 64` of each character of [`TRADITIONAL`]: one test rules out most others.
#[cfg(feature = "fast")]
const TRADITIONAL_BITS: u64 = {
    let mut bits = 0;
    let mut i = 0;
    while i < TRADITIONAL_PAIRS.len() {
        bits |= 1 << (TRADITIONAL_PAIRS[i].0 as u32 % 64);
        i += 1;
    }
    bits
};

/// The simplified character a traditional one stands for, if it is one of [`TRADITIONAL`].
pub(crate) fn simplified(c: char) -> Option<char> {
    let code = u32::from(c);
    #[cfg(feature = "fast")]
    if TRADITIONAL_BITS & 1 << (code % 64) == 0 {
        return None;
    }
    TRADITIONAL
        .iter()
        .find(|&&(t, _)| u32::from(t) == code)
        .map(|&(_, simple)| from_bmp(simple))
}

/// The UTF-8 bytes of a three-byte character as one number (`京` E4 BA AC is 0xE4BAAC).
#[cfg(feature = "fast")]
const fn utf8_key(c: char) -> u32 {
    let code = c as u32;
    assert!(code >= 0x800 && code <= 0xFFFF, "not three bytes in UTF-8");
    (0xE0 | code >> 12) << 16 | (0x80 | (code >> 6 & 0x3F)) << 8 | (0x80 | (code & 0x3F))
}

/// In a slot of [`ABBR_SLOTS`]: the character is a province's abbreviation in ICP numbers.
#[cfg(feature = "fast")]
const ICP_BIT: u32 = 1 << 6;
/// In a slot of [`ABBR_SLOTS`]: the character is a province's abbreviation in public-security numbers.
#[cfg(feature = "fast")]
const PSB_BIT: u32 = 1 << 5;

/// The official abbreviations of [`TABLE`] (both columns) in a perfect hash of their UTF-8 bytes
/// (the `fast` feature, for reading canonical text directly), and its multiplier: one look-up
/// instead of a walk through the table. Built at compile time from the table; a slot holds the
/// character's [`utf8_key`] in its top 24 bits, [`ICP_BIT`] and [`PSB_BIT`] for the columns it is
/// in, and the row in the low five bits (an empty slot is 0, which no key matches).
#[cfg(feature = "fast")]
static ABBR_SLOTS: [u32; 128] = abbr_slots().0;
#[cfg(feature = "fast")]
const ABBR_HASH: u32 = abbr_slots().1;

/// The slot of `key` for the multiplier `hash` (the top seven bits of the product).
#[cfg(feature = "fast")]
const fn abbr_slot(key: u32, hash: u32) -> usize {
    (key.wrapping_mul(hash) >> 25) as usize
}

/// Tries multipliers until every official abbreviation has a slot of its own.
#[cfg(feature = "fast")]
const fn abbr_slots() -> ([u32; 128], u32) {
    let mut round: u32 = 1;
    while round < 10_000 {
        let hash = 0x9E37_79B9u32.wrapping_mul(round) | 1;
        let mut slots = [0u32; 128];
        let mut clash = false;
        let mut i = 0;
        while i < TABLE.len() * 2 && !clash {
            let (c, bit) = if i % 2 == 0 {
                (TABLE[i / 2].icp, ICP_BIT)
            } else {
                (TABLE[i / 2].psb, PSB_BIT)
            };
            let key = utf8_key(c);
            let slot = abbr_slot(key, hash);
            let entry = key << 8 | bit | (i / 2) as u32;
            if slots[slot] == 0 {
                slots[slot] = entry;
            } else if slots[slot] >> 8 == key && slots[slot] & 0x1F == (i / 2) as u32 {
                // The same character in both columns (京京).
                slots[slot] |= bit;
            } else {
                clash = true;
            }
            i += 1;
        }
        if !clash {
            return (slots, hash);
        }
        round += 1;
    }
    panic!("no perfect hash for the abbreviations");
}

/// A mainland provincial division (province, autonomous region or municipality).
///
/// A small `Copy` handle into the province table; compare, hash and log it freely.
///
/// ```
/// use icp_number::Province;
/// let sc = Province::from_iso_code("sc").unwrap();
/// assert_eq!((sc.icp_abbr(), sc.psb_abbr(), sc.gb_code()), ('蜀', '川', 51));
/// assert_eq!(sc.name_en(), "Sichuan");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Province(u8);

/// How a province character was written, as found by [`Province::from_char`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum CharForm {
    /// The official abbreviation for ICP numbers, public-security numbers or both.
    Official,
    /// A simplified character real footers use that is not the official one (云 for Yunnan).
    Alias,
    /// A traditional form (粵, 滬, 隴, …).
    Traditional,
}

/// What [`Province::from_char`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ProvinceChar {
    /// The province the character names.
    pub province: Province,
    /// The simplified character (the input itself unless it was traditional).
    pub simplified: char,
    /// How it was written.
    pub form: CharForm,
}

/// Why a character names no mainland province.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum NotAProvince {
    /// 港, 澳 or 台: these regions issue no MIIT or public-security numbers.
    NotMainland,
    /// Any other character.
    Unknown,
}

impl CharForm {
    /// Every form.
    pub const ALL: &'static [CharForm] =
        &[CharForm::Official, CharForm::Alias, CharForm::Traditional];
}

impl Province {
    /// The row (the only constructors index into [`TABLE`], so the `%` never changes it).
    fn i(self) -> usize {
        usize::from(self.0) % TABLE.len()
    }

    /// Every province in GB/T 2260 order.
    ///
    /// ```
    /// assert_eq!(icp_number::Province::all().count(), 31);
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = Province> + Clone {
        (0..TABLE.len() as u8).map(Province)
    }

    /// The abbreviation MIIT uses in ICP filing, licence and telecom numbers.
    #[must_use]
    pub fn icp_abbr(self) -> char {
        from_bmp(ICP[self.i()])
    }

    /// The abbreviation the police use in public-security filing numbers.
    #[must_use]
    pub fn psb_abbr(self) -> char {
        from_bmp(PSB[self.i()])
    }

    /// The abbreviation used in numbers of `kind`.
    ///
    /// ```
    /// use icp_number::{Kind, Province};
    /// let gs = Province::from_gb_code(62).unwrap();
    /// assert_eq!(gs.abbr(Kind::Filing), '陇');
    /// assert_eq!(gs.abbr(Kind::Psb), '甘');
    /// ```
    #[must_use]
    pub fn abbr(self, kind: Kind) -> char {
        match kind {
            Kind::Psb => self.psb_abbr(),
            Kind::Filing | Kind::Licence | Kind::Telecom => self.icp_abbr(),
        }
    }

    /// The two-digit GB/T 2260 code (北京 11 … 新疆 65).
    #[must_use]
    pub fn gb_code(self) -> u8 {
        GB[self.i()]
    }

    /// The ISO 3166-2 code, such as `CN-BJ`.
    #[must_use]
    pub fn iso_code(self) -> &'static str {
        ISO[self.i()]
    }

    /// The Chinese name, such as `北京`.
    #[must_use]
    pub fn name_zh(self) -> &'static str {
        ZH[self.i()]
    }

    /// The English name, such as `Beijing`.
    #[must_use]
    pub fn name_en(self) -> &'static str {
        EN[self.i()]
    }

    /// Looks a province up by its GB/T 2260 code.
    ///
    /// ```
    /// assert_eq!(icp_number::Province::from_gb_code(44).unwrap().icp_abbr(), '粤');
    /// assert!(icp_number::Province::from_gb_code(71).is_none());
    /// ```
    #[must_use]
    pub fn from_gb_code(code: u8) -> Option<Province> {
        Self::all().find(|p| p.gb_code() == code)
    }

    /// Looks a province up by ISO 3166-2 code, with or without the `CN-` prefix, in any case.
    ///
    /// ```
    /// use icp_number::Province;
    /// assert_eq!(Province::from_iso_code("CN-BJ"), Province::from_iso_code("bj"));
    /// assert!(Province::from_iso_code("CN-HK").is_none());
    /// ```
    #[must_use]
    pub fn from_iso_code(code: &str) -> Option<Province> {
        let code = code.trim();
        let short = match code.get(..3) {
            Some(head) if head.eq_ignore_ascii_case("CN-") => code.get(3..).unwrap_or(""),
            _ => code,
        };
        Self::all().find(|p| {
            p.iso_code()
                .get(3..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(short))
        })
    }

    /// Looks a province up by one character: an official abbreviation (ICP or PSB), an alias
    /// real footers use, or a traditional form.
    ///
    /// # Errors
    ///
    /// [`NotAProvince::NotMainland`] for 港 澳 台, [`NotAProvince::Unknown`] for anything else.
    ///
    /// ```
    /// use icp_number::{CharForm, NotAProvince, Province};
    /// let found = Province::from_char('粵')?;
    /// assert_eq!(found.province.iso_code(), "CN-GD");
    /// assert_eq!(found.form, CharForm::Traditional);
    /// assert_eq!(Province::from_char('港'), Err(NotAProvince::NotMainland));
    /// # Ok::<(), NotAProvince>(())
    /// ```
    pub fn from_char(c: char) -> Result<ProvinceChar, NotAProvince> {
        let (simple, traditional) = match simplified(c) {
            Some(s) => (s, true),
            None => (c, false),
        };
        if NOT_MAINLAND.contains(&simple) {
            return Err(NotAProvince::NotMainland);
        }
        let code = u32::from(simple);
        for province in Self::all() {
            let (icp, psb) = (u32::from(ICP[province.i()]), u32::from(PSB[province.i()]));
            let form = if traditional {
                CharForm::Traditional
            } else if code == icp || code == psb {
                CharForm::Official
            } else {
                CharForm::Alias
            };
            if code == icp || code == psb || ALIASES.contains(&(simple, province.gb_code())) {
                return Ok(ProvinceChar {
                    province,
                    simplified: simple,
                    form,
                });
            }
        }
        Err(NotAProvince::Unknown)
    }
}

/// A character that is an official abbreviation of a province (the `fast` feature, for canonical
/// text read directly): its slot of [`ABBR_SLOTS`].
#[cfg(feature = "fast")]
#[derive(Clone, Copy, Debug)]
pub(crate) struct OfficialAbbr(u32);

#[cfg(feature = "fast")]
impl OfficialAbbr {
    /// The official abbreviation written with the UTF-8 bytes `head`, if it is one.
    pub(crate) fn from_utf8(head: [u8; 3]) -> Option<OfficialAbbr> {
        let [a, b, c] = head.map(u32::from);
        let key = a << 16 | b << 8 | c;
        let slot = ABBR_SLOTS
            .get(abbr_slot(key, ABBR_HASH))
            .copied()
            .unwrap_or(0);
        (slot >> 8 == key).then_some(OfficialAbbr(slot))
    }

    /// The province it names in numbers of `kind`, if it is that province's abbreviation there
    /// (the strict reading of [`Province::from_char`] and [`Province::abbr`]).
    pub(crate) fn province(self, kind: Kind) -> Option<Province> {
        let bit = match kind {
            Kind::Psb => PSB_BIT,
            Kind::Filing | Kind::Licence | Kind::Telecom => ICP_BIT,
        };
        (self.0 & bit != 0).then_some(Province((self.0 & 0x1F) as u8))
    }
}

impl core::fmt::Debug for Province {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.iso_code())
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for Province {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.iso_code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let mut codes = [0u8; 31];
        for (i, p) in Province::all().enumerate() {
            codes[i] = p.gb_code();
            assert_eq!(Province::from_gb_code(p.gb_code()), Some(p));
            assert_eq!(Province::from_iso_code(p.iso_code()), Some(p));
            assert_eq!(Province::from_char(p.icp_abbr()).map(|m| m.province), Ok(p));
            assert_eq!(Province::from_char(p.psb_abbr()).map(|m| m.province), Ok(p));
        }
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "table in GB order");
    }

    #[test]
    // Every code point: a table check with no unsafe code, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn province_chars_are_exactly_what_from_char_reads() {
        assert_eq!(PROVINCE_CHARS.len(), 49);
        assert!(PROVINCE_CHARS.windows(2).all(|w| w[0] < w[1]));
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert_eq!(is_province_char(c), Province::from_char(c).is_ok(), "{c}");
        }
    }

    #[test]
    #[cfg(feature = "fast")]
    // Every code point: a table check with no unsafe code, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn the_abbreviation_hash_reads_exactly_the_official_abbreviations() {
        for c in '\u{800}'..='\u{FFFF}' {
            let mut head = [0; 3];
            c.encode_utf8(&mut head);
            for &kind in Kind::ALL {
                let official = Province::from_char(c)
                    .ok()
                    .filter(|found| found.form == CharForm::Official)
                    .map(|found| found.province)
                    .filter(|p| p.abbr(kind) == c);
                assert_eq!(
                    OfficialAbbr::from_utf8(head).and_then(|abbr| abbr.province(kind)),
                    official,
                    "{c} {kind:?}"
                );
            }
        }
    }

    #[test]
    fn traditional_table_is_sorted() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(simplified('號'), Some('号'));
        assert_eq!(simplified('号'), None);
    }

    #[test]
    fn special_cases() {
        let icp_psb = |iso| {
            let p = Province::from_iso_code(iso).unwrap();
            (p.icp_abbr(), p.psb_abbr())
        };
        assert_eq!(icp_psb("SC"), ('蜀', '川'));
        assert_eq!(icp_psb("GZ"), ('黔', '贵'));
        assert_eq!(icp_psb("GS"), ('陇', '甘'));
        for c in ['港', '澳', '台', '臺'] {
            assert_eq!(Province::from_char(c), Err(NotAProvince::NotMainland));
        }
        let yn = Province::from_char('云').unwrap();
        assert_eq!((yn.province.icp_abbr(), yn.form), ('滇', CharForm::Alias));
        assert_eq!(Province::from_char('隴').unwrap().simplified, '陇');
        assert_eq!(Province::from_char('X'), Err(NotAProvince::Unknown));
    }
}
