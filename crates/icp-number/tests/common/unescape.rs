//! The escapes of a vector's input field (`\t`, `\n`, `\\`, `\u{XXXX}`). Only `std`, named in
//! full, so that the core's `no_std` unit tests can include this file as well as the shared
//! vector reader.

use std::format;
use std::string::String;

/// Decodes the input field's escapes.
pub fn unescape(field: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err("`\\u` must be followed by `{`".into());
                }
                let rest = chars.as_str();
                let Some(close) = rest.find('}') else {
                    return Err("`\\u{` without a closing `}`".into());
                };
                let hex = &rest[..close];
                chars = rest[close + 1..].chars();
                let valid =
                    (1..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
                let decoded = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                match decoded.filter(|_| valid) {
                    Some(c) => out.push(c),
                    None => return Err(format!("bad escape `\\u{{{hex}}}`")),
                }
            }
            Some(other) => return Err(format!("unknown escape `\\{other}`")),
            None => return Err("a lone `\\` at the end of the input".into()),
        }
    }
    Ok(out)
}
