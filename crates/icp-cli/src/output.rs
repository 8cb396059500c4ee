//! How results look: text for people (with a caret under the error), JSON Lines for programs,
//! and the province table. Everything said about a number comes from `icp-number`; this module
//! only lays it out and labels it.

use std::io::{self, Write};

use icp_number::{Error, Fix, Fixes, Kind, Lang, Number, Parsed, Province, Service, Site};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar;

use crate::chunks::Found;

/// Writes one result per input, as text or JSON Lines.
#[derive(Debug)]
pub struct Printer<W> {
    out: W,
    json: bool,
    lang: Lang,
    printed: usize,
}

impl<W: Write> Printer<W> {
    /// A printer writing to `out`, in JSON Lines when `json`, with labels and messages in `lang`.
    pub fn new(out: W, json: bool, lang: Lang) -> Self {
        Printer {
            out,
            json,
            lang,
            printed: 0,
        }
    }

    /// Writes the result of checking `input`.
    pub fn result(&mut self, input: &str, result: &Result<Parsed, Error>) -> io::Result<()> {
        if self.json {
            writeln!(self.out, "{}", json_result(input, result, self.lang))?;
        } else {
            if self.printed > 0 {
                writeln!(self.out)?;
            }
            match result {
                Ok(parsed) => self.valid(parsed)?,
                Err(err) => self.invalid(input, err)?,
            }
        }
        self.printed += 1;
        Ok(())
    }

    /// `京ICP备12345678号-1  filing · 北京 Beijing (CN-BJ) · site 1 (website)`, then the fixes.
    fn valid(&mut self, parsed: &Parsed) -> io::Result<()> {
        writeln!(self.out, "{}", describe(&parsed.number, self.lang))?;
        if parsed.fixes.is_empty() {
            return Ok(());
        }
        let fixes: Vec<String> = parsed
            .fixes
            .iter()
            .map(|f| fix_label(f, self.lang))
            .collect();
        match self.lang {
            Lang::Zh => writeln!(self.out, "已修正：{}", fixes.join("、")),
            _ => writeln!(self.out, "fixed: {}", fixes.join(", ")),
        }
    }

    /// The input, a caret under where it goes wrong, and why.
    fn invalid(&mut self, input: &str, err: &Error) -> io::Result<()> {
        writeln!(self.out, "{input}")?;
        writeln!(self.out, "{}^", caret_padding(input, err.byte_offset()))?;
        let (word, colon) = match self.lang {
            Lang::Zh => ("错误", "："),
            _ => ("error", ": "),
        };
        writeln!(
            self.out,
            "{word} {} ({}){colon}{}",
            err.kind().name(),
            err.code(),
            err.message(self.lang)
        )
    }
}

/// The canonical form, then kind, province and site, separated by middle dots.
fn describe(number: &Number, lang: Lang) -> String {
    let mut parts = vec![
        kind_label(number.kind(), lang).to_owned(),
        province_label(number.province(), lang),
    ];
    parts.extend(number.site().map(|site| site_label(site, lang)));
    format!("{number}  {}", parts.join(" · "))
}

fn kind_label(kind: Kind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Zh, Kind::Filing) => "ICP备案",
        (Lang::Zh, Kind::Licence) => "ICP经营许可证",
        (Lang::Zh, Kind::Telecom) => "增值电信业务经营许可证",
        (Lang::Zh, Kind::Psb) => "公安备案",
        _ => kind.name(),
    }
}

/// `北京 Beijing (CN-BJ)`, or who issued a cross-regional telecom licence.
fn province_label(province: Option<Province>, lang: Lang) -> String {
    match (province, lang) {
        (Some(p), _) => format!("{} {} ({})", p.name_zh(), p.name_en(), p.iso_code()),
        (None, Lang::Zh) => "跨地区（工业和信息化部）".to_owned(),
        (None, _) => "cross-regional (MIIT)".to_owned(),
    }
}

/// `site 1 (website)` or `序号 1（网站）`.
fn site_label(site: Site, lang: Lang) -> String {
    let service = site.service();
    match lang {
        Lang::Zh => format!("序号 {}（{}）", site.number(), service_label_zh(service)),
        _ => format!("site {} ({})", site.number(), service.name()),
    }
}

fn service_label_zh(service: Service) -> &'static str {
    match service {
        Service::Website => "网站",
        Service::App => "应用",
        Service::MiniProgram => "小程序",
        Service::QuickApp => "快应用",
        _ => service.name(),
    }
}

/// The fix's stable name; in Chinese, the core's label followed by that name.
fn fix_label(fix: Fix, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} ({})", fix.label(Lang::Zh), fix.name()),
        _ => fix.name().to_owned(),
    }
}

/// What to print before the caret so that it stands under the character at `byte_offset`
/// (after the last one when the input ends too early): each wide character takes two columns,
/// and tabs are copied so the terminal expands them the same way on both lines.
fn caret_padding(input: &str, byte_offset: usize) -> String {
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

/// The JSON object for one input; the field set is fixed whether it is valid or not.
fn json_result(input: &str, result: &Result<Parsed, Error>, lang: Lang) -> Value {
    match result {
        Ok(Parsed { number, fixes }) => json!({
            "input": input,
            "valid": true,
            "kind": number.kind().name(),
            "canonical": number.canonical().as_str(),
            "province": number.province().map(Province::iso_code),
            "site": number.site().map(Site::number),
            "service": number.service().map(Service::name),
            "fixes": fixes.iter().map(Fix::name).collect::<Vec<_>>(),
            "error": null,
        }),
        Err(err) => json!({
            "input": input,
            "valid": false,
            "kind": null,
            "canonical": null,
            "province": null,
            "site": null,
            "service": null,
            "fixes": [],
            "error": {
                "code": err.code(),
                "name": err.kind().name(),
                "message": err.message(lang).to_string(),
                "at": err.char_index(),
                "byte": err.byte_offset(),
            },
        }),
    }
}

/// One line of `icp scan`: `path:line:column  canonical  (kind, province, fixed: …)`, with the
/// record's URL in place of the path for a number in a crawl file.
pub fn scan_line(path: &str, found: &Found) -> String {
    let number = found.found.number();
    let province = number
        .province()
        .map_or("cross-regional", Province::iso_code);
    let place = found
        .record
        .as_ref()
        .and_then(|record| record.target_uri.as_deref())
        .unwrap_or(path);
    let mut line = format!(
        "{place}:{}:{}  {number}  ({}, {province}",
        found.line,
        found.column,
        number.kind().name()
    );
    let fixes = found.found.fixes();
    if !fixes.is_empty() {
        line.push_str(", fixed: ");
        line.push_str(&fix_names(fixes).join(", "));
    }
    line.push(')');
    line
}

/// The JSON object for one number found by `icp scan`; the field set and order are fixed, but
/// for `url` (the record's `WARC-Target-URI`, or null), present for crawl files only.
pub fn scan_json(path: &str, found: &Found) -> Value {
    let number = found.found.number();
    let mut value = json!({ "path": path });
    if let Some(record) = &found.record {
        value["url"] = json!(record.target_uri);
    }
    let fields = json!({
        "line": found.line,
        "column": found.column,
        "start": found.found.start(),
        "end": found.found.end(),
        "text": found.text,
        "kind": number.kind().name(),
        "canonical": number.canonical().as_str(),
        "province": number.province().map(Province::iso_code),
        "site": number.site().map(Site::number),
        "service": number.service().map(Service::name),
        "fixes": fix_names(found.found.fixes()),
    });
    if let (Value::Object(all), Value::Object(rest)) = (&mut value, fields) {
        all.extend(rest);
    }
    value
}

/// The fixes' stable names.
pub fn fix_names(fixes: Fixes) -> Vec<&'static str> {
    fixes.iter().map(Fix::name).collect()
}

/// The province table as a JSON array.
pub fn provinces_json(out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<Value> = Province::all()
        .map(|p| {
            json!({
                "iso": p.iso_code(),
                "gb": p.gb_code(),
                "icp": p.icp_abbr().to_string(),
                "psb": p.psb_abbr().to_string(),
                "name_zh": p.name_zh(),
                "name_en": p.name_en(),
            })
        })
        .collect();
    writeln!(out, "{}", Value::Array(rows))
}

/// The province table as aligned text.
pub fn provinces_table(out: &mut impl Write) -> io::Result<()> {
    let header = ["ISO", "GB", "ICP", "PSB", "中文", "English"].map(str::to_owned);
    let rows = Province::all().map(|p| {
        [
            p.iso_code().to_owned(),
            p.gb_code().to_string(),
            p.icp_abbr().to_string(),
            p.psb_abbr().to_string(),
            p.name_zh().to_owned(),
            p.name_en().to_owned(),
        ]
    });
    let table: Vec<[String; 6]> = std::iter::once(header).chain(rows).collect();
    write_table(out, &table)
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
}
