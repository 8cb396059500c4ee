//! `icp provinces`: the 31 provincial divisions and the abbreviations their numbers use, as an
//! aligned table or a JSON array.

use std::io::{self, Write};

use icp_number::Province;
use serde_json::{Value, json};

use crate::report::write_table;

/// `icp provinces`.
pub fn run(json: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if json {
        provinces_json(&mut out)
    } else {
        provinces_table(&mut out)
    }
}

/// The province table as a JSON array.
fn provinces_json(out: &mut impl Write) -> io::Result<()> {
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
fn provinces_table(out: &mut impl Write) -> io::Result<()> {
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
