//! What every command says about a number, defined once: the JSON object `icp check`, `icp scan`
//! and `icp audit` all embed as `"number"` ([`NumberJson`]), the text labels, and aligned tables.
//!
//! The lowest layer of the output: it imports nothing from the rest of the CLI, and every name,
//! label and message in it comes from `icp-number`.

use std::io::{self, Write};

use icp_number::{Fix, Fixes, Lang, Number, Province, Site};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

/// A number as JSON, the same in every command's output (documented in the CLI README):
///
/// ```json
/// {"kind":"filing","canonical":"京ICP备2022034770号-6X","main":"京ICP备2022034770号",
///  "province":"CN-BJ","site":6,"service":"mini_program","digits":"2022034770","year":2022,
///  "sequence":34770,"fixes":[],"query_url":"https://beian.miit.gov.cn/"}
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NumberJson {
    /// `filing`, `licence`, `telecom` or `psb` ([`icp_number::Kind::name`]).
    pub kind: &'static str,
    /// The canonical form.
    pub canonical: String,
    /// The canonical form without the site suffix ([`Number::main_number`]).
    pub main: String,
    /// The province's ISO 3166-2 code; `null` for a cross-regional telecom licence.
    pub province: Option<&'static str>,
    /// The site number; `null` without a site suffix.
    pub site: Option<u16>,
    /// `website`, `app`, `mini_program` or `quick_app`; `null` without a site suffix.
    pub service: Option<&'static str>,
    /// The digits as written, without marker or suffix ([`Number::digits`]).
    pub digits: String,
    /// The year of issue; `null` for a public-security number.
    pub year: Option<u16>,
    /// The sequence number after the year (after the division code for `psb`).
    pub sequence: u32,
    /// The corrections lenient reading applied ([`Fix::name`]); empty when it was canonical.
    pub fixes: Vec<&'static str>,
    /// The official page where it can be looked up ([`Number::query_url`]).
    pub query_url: String,
}

impl NumberJson {
    /// `number`, read with `fixes`.
    pub fn new(number: &Number, fixes: Fixes) -> NumberJson {
        NumberJson {
            kind: number.kind().name(),
            canonical: number.canonical().to_string(),
            main: number.main_number().canonical().to_string(),
            province: number.province().map(Province::iso_code),
            site: number.site().map(Site::number),
            service: number.service().map(|s| s.name()),
            digits: number.digits().to_owned(),
            year: number.year(),
            sequence: number.sequence(),
            fixes: fix_names(fixes),
            query_url: number.query_url().to_string(),
        }
    }
}

/// The fixes' stable names.
pub fn fix_names(fixes: Fixes) -> Vec<&'static str> {
    fixes.iter().map(Fix::name).collect()
}

/// The canonical form, then kind, province and site, separated by middle dots:
/// `京ICP备12345678号-1  ICP filing · 北京 Beijing (CN-BJ) · site 1 (website)`.
pub fn describe(number: &Number, lang: Lang) -> String {
    let mut parts = vec![
        number.kind().label(lang).to_owned(),
        province_label(number, lang),
    ];
    parts.extend(number.site().map(|site| site_label(site, lang)));
    format!("{number}  {}", parts.join(" · "))
}

/// `北京 Beijing (CN-BJ)`, or who issued a cross-regional telecom licence (the core's label).
fn province_label(number: &Number, lang: Lang) -> String {
    match number.province() {
        Some(p) => format!("{} {} ({})", p.name_zh(), p.name_en(), p.iso_code()),
        None => number.issuer(lang).to_owned(),
    }
}

/// `site 1 (website)` or `网站序号 1（网站）`.
fn site_label(site: Site, lang: Lang) -> String {
    let service = site.service().label(lang);
    match lang {
        Lang::Zh => format!("序号 {}（{service}）", site.number()),
        _ => format!("site {} ({service})", site.number()),
    }
}

/// The fixes for people: `space, full_width` (the stable names) in English; in Chinese the
/// core's label of each, then its name.
pub fn fix_labels(fixes: Fixes, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let labels: Vec<String> = fixes
                .iter()
                .map(|f| format!("{} ({})", f.label(lang), f.name()))
                .collect();
            labels.join("、")
        }
        _ => fix_names(fixes).join(", "),
    }
}

/// Writes rows with every column but the last padded to its widest cell, two spaces apart.
pub fn write_table<const N: usize>(out: &mut impl Write, rows: &[[String; N]]) -> io::Result<()> {
    let mut widths = [0; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(cell));
        }
    }
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                let pad = widths[i] - display_width(cell) + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Terminal columns taken by `text` (wide characters count two).
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// What to print before a caret so that it stands under the character at `byte_offset` of
/// `input` (after the last one when the input ends too early): each wide character takes two
/// columns, and tabs are copied so the terminal expands them the same way on both lines.
pub fn caret_padding(input: &str, byte_offset: usize) -> String {
    let head = input.get(..byte_offset).unwrap_or(input);
    let mut padding = String::new();
    for c in head.chars() {
        match c {
            '\t' => padding.push('\t'),
            _ => padding.extend(std::iter::repeat_n(' ', c.width().unwrap_or(0))),
        }
    }
    padding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_counts_wide_characters_twice() {
        assert_eq!(caret_padding("京ICP备x", "京ICP备".len()), " ".repeat(7));
        assert_eq!(caret_padding("a\tb", 2), " \t");
        assert_eq!(caret_padding("京", 3), "  ");
    }

    #[test]
    fn table_aligns_wide_cells() {
        let rows = [
            ["北京".to_owned(), "x".to_owned()],
            ["a".to_owned(), "y".to_owned()],
        ];
        let mut out = Vec::new();
        write_table(&mut out, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "北京  x\na     y\n");
    }

    #[test]
    fn a_number_has_every_field_in_order() {
        let n = icp_number::parse("京ICP备2022034770号-6X").unwrap();
        let json = serde_json::to_string(&NumberJson::new(&n, Fixes::NONE)).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"filing","canonical":"京ICP备2022034770号-6X","main":"京ICP备2022034770号","province":"CN-BJ","site":6,"service":"mini_program","digits":"2022034770","year":2022,"sequence":34770,"fixes":[],"query_url":"https://beian.miit.gov.cn/"}"#
        );
    }

    #[test]
    fn labels_come_from_the_core() {
        let n = icp_number::parse("京ICP备12345678号-1").unwrap();
        assert_eq!(
            describe(&n, Lang::En),
            "京ICP备12345678号-1  ICP filing · 北京 Beijing (CN-BJ) · site 1 (website)"
        );
        assert_eq!(
            describe(&n, Lang::Zh),
            "京ICP备12345678号-1  ICP备案号 · 北京 Beijing (CN-BJ) · 序号 1（网站）"
        );
    }
}
