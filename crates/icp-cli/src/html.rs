//! Just enough HTML for `icp audit`: comments, the `<a href="…">` element around a piece of
//! text, and whether a link goes to the right query page. A byte-level scan, not a parser: pages
//! are read as written, invalid UTF-8 and all.

use std::ops::Range;

use icp_number::{MIIT_QUERY_URL, Number};

/// The spans of `<!-- … -->` comments (an unclosed one runs to the end).
pub fn comments(bytes: &[u8]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(open) = find(bytes, from, b"<!--") {
        let close = find(bytes, open + 4, b"-->").map_or(bytes.len(), |close| close + 3);
        spans.push(open..close);
        from = close;
    }
    spans
}

/// The `<a>` element whose content holds `text` (a byte range of `bytes`): `Some(href)` with the
/// value of its `href` attribute (`None` when it has none), or `None` when `text` is not inside
/// one. Text inside a tag (an attribute value) is not inside the element.
pub fn enclosing_link(bytes: &[u8], text: Range<usize>) -> Option<Option<String>> {
    let before = &bytes[..text.start];
    let open = (0..before.len())
        .rev()
        .find(|&i| is_tag(before, i, b"<a"))?;
    if (open..before.len()).any(|i| is_tag(before, i, b"</a")) {
        return None;
    }
    let tag_end = tag_end(bytes, open + 2)?;
    if tag_end >= text.start {
        return None;
    }
    let after = text.end..bytes.len();
    let close = after.clone().find(|&i| is_tag(bytes, i, b"</a"))?;
    if after
        .take_while(|&i| i < close)
        .any(|i| is_tag(bytes, i, b"<a"))
    {
        return None;
    }
    Some(attribute(&bytes[open + 2..tag_end], b"href"))
}

/// Whether an ICP number's link goes to MIIT's query site: `http` or `https`, with or without
/// `www.`, `beian.miit.gov.cn`, with or without the final `/`, optionally with a `#…` route of
/// that site (`#/Integrated/index`).
pub fn is_miit_link(href: &str) -> bool {
    let Some((host, rest)) = split_url(href) else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    host == host_of(MIIT_QUERY_URL) && (rest.is_empty() || rest.starts_with('#'))
}

/// Whether a public-security number's link goes to its query page: `http` or `https`, with or
/// without `www.`, `beian.mps.gov.cn`, and either nothing more (with or without the final `/`)
/// or exactly the path of [`Number::query_url`], with this number's digits after `code=`.
pub fn is_psb_link(href: &str, number: &Number) -> bool {
    let url = number.query_url();
    let (Some((host, rest)), Some((want_host, want_rest))) = (split_url(href), split_url(&url))
    else {
        return false;
    };
    host == want_host && (rest.is_empty() || rest == "/" || rest == want_rest)
}

/// The retired portal `href` goes to, as its host is usually written, if it goes to one: for
/// public-security numbers (`psb`) the old public-security portal `www.beian.gov.cn`, for ICP
/// numbers MIIT's old portals `www.miitbeian.gov.cn` and `www.miibeian.gov.cn`.
pub fn old_portal(href: &str, psb: bool) -> Option<&'static str> {
    const PSB: &[&str] = &["www.beian.gov.cn"];
    const MIIT: &[&str] = &["www.miitbeian.gov.cn", "www.miibeian.gov.cn"];
    let (host, _) = split_url(href)?;
    let portals = if psb { PSB } else { MIIT };
    portals
        .iter()
        .copied()
        .find(|portal| portal.strip_prefix("www.") == Some(host.as_str()))
}

/// The host of an `http(s)://` URL.
fn host_of(url: &str) -> String {
    split_url(url).map(|(host, _)| host).unwrap_or_default()
}

/// An `http://` or `https://` URL's host (lower case, without `www.`) and what follows it.
fn split_url(href: &str) -> Option<(String, &str)> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let skip = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    let rest = &href[skip..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..host_end].to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .map_or(host.clone(), str::to_owned);
    Some((host, &rest[host_end..]))
}

/// Whether `bytes[i..]` starts the tag `name` (`<a`, `</a`): the name, case-insensitive, followed
/// by whitespace, `>` or `/` (so not `<abbr>` or `</address>`).
fn is_tag(bytes: &[u8], i: usize, name: &[u8]) -> bool {
    bytes.len() > i + name.len()
        && bytes[i..i + name.len()].eq_ignore_ascii_case(name)
        && matches!(
            bytes[i + name.len()],
            b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
        )
}

/// The offset of the `>` closing a tag whose attributes start at `from` (quotes respected).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            (Some(q), _) if q == b => quote = None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute text, with `&amp;` decoded.
fn attribute(attrs: &[u8], name: &[u8]) -> Option<String> {
    let mut i = 0;
    let at = |i: usize| attrs.get(i).copied();
    let skip_space = |mut i: usize| {
        while at(i).is_some_and(|b| b.is_ascii_whitespace() || b == b'/') {
            i += 1;
        }
        i
    };
    while i < attrs.len() {
        i = skip_space(i);
        let start = i;
        while at(i).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'/')) {
            i += 1;
        }
        let key = &attrs[start..i];
        let mut j = i;
        while at(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        let mut value = None;
        if at(j) == Some(b'=') {
            j += 1;
            while at(j).is_some_and(|b| b.is_ascii_whitespace()) {
                j += 1;
            }
            let (value_start, value_end, next) = match at(j) {
                Some(q @ (b'"' | b'\'')) => {
                    let end = attrs[j + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(attrs.len(), |p| j + 1 + p);
                    (j + 1, end, end + 1)
                }
                _ => {
                    let end = attrs[j..]
                        .iter()
                        .position(u8::is_ascii_whitespace)
                        .map_or(attrs.len(), |p| j + p);
                    (j, end, end)
                }
            };
            value = Some(&attrs[value_start..value_end]);
            i = next;
        }
        if key.eq_ignore_ascii_case(name) {
            let value = String::from_utf8_lossy(value.unwrap_or_default());
            return Some(value.replace("&amp;", "&"));
        }
        if key.is_empty() && value.is_none() {
            i += 1;
        }
    }
    None
}

/// The offset of the first `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link_around(html: &str, text: &str) -> Option<Option<String>> {
        let start = html.find(text).unwrap();
        enclosing_link(html.as_bytes(), start..start + text.len())
    }

    #[test]
    fn finds_the_href_of_the_enclosing_link() {
        let html = r#"<p><A target=_blank HREF = 'https://beian.miit.gov.cn/'><span>京ICP备12345678号</span></A></p>"#;
        assert_eq!(
            link_around(html, "京ICP备"),
            Some(Some("https://beian.miit.gov.cn/".to_owned()))
        );
        let unquoted = "<a href=http://beian.miit.gov.cn>京ICP备12345678号</a>";
        assert_eq!(
            link_around(unquoted, "京ICP备"),
            Some(Some("http://beian.miit.gov.cn".to_owned()))
        );
        let entity = r#"<a data-href="x" href="https://a/?x=1&amp;y=2">N</a>"#;
        assert_eq!(
            link_around(entity, "N"),
            Some(Some("https://a/?x=1&y=2".to_owned()))
        );
        assert_eq!(link_around("<a name=top>N</a>", "N"), Some(None));
    }

    #[test]
    fn text_outside_a_link_has_none() {
        assert_eq!(link_around("<a href=x>a</a> N", "N"), None);
        assert_eq!(link_around("N <a href=x>a</a>", "N"), None);
        assert_eq!(link_around("<a href=x>a N <a href=y>b</a>", "N"), None);
        assert_eq!(link_around("<abbr>N</abbr>", "N"), None);
        assert_eq!(link_around("<a href=x title='N'>a</a>", "N"), None);
        assert_eq!(link_around("<a href=x>N", "N"), None);
        assert_eq!(
            link_around("<address><a href='x>y'>N</a></address>", "N"),
            Some(Some("x>y".to_owned()))
        );
    }

    #[test]
    fn comments_are_found() {
        let html = b"a<!-- b -->c<!-- d";
        assert_eq!(comments(html), [1..11, 12..18]);
    }

    #[test]
    fn miit_links() {
        for ok in [
            "https://beian.miit.gov.cn/",
            "https://beian.miit.gov.cn",
            "http://beian.miit.gov.cn/",
            "HTTPS://WWW.beian.miit.gov.cn",
            " https://beian.miit.gov.cn/#/Integrated/index ",
        ] {
            assert!(is_miit_link(ok), "{ok}");
        }
        for bad in [
            "https://beian.miit.gov.cn.example.com/",
            "https://beian.miit.gov.cn/state/outPortal/loginPortal.action",
            "//beian.miit.gov.cn/",
            "https://www.miitbeian.gov.cn/",
            "https://beian.mps.gov.cn/",
            "",
        ] {
            assert!(!is_miit_link(bad), "{bad}");
        }
    }

    #[test]
    fn psb_links() {
        let n = icp_number::parse("京公网安备11010802020088号").unwrap();
        for ok in [
            "https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088",
            "http://www.beian.mps.gov.cn/#/query/webSearch?code=11010802020088",
            "https://beian.mps.gov.cn/",
            "https://beian.mps.gov.cn",
        ] {
            assert!(is_psb_link(ok, &n), "{ok}");
        }
        for bad in [
            "https://beian.mps.gov.cn/#/query/webSearch?code=11010802020089",
            "https://beian.mps.gov.cn/#/query/webSearch",
            "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010802020088",
            "https://beian.miit.gov.cn/",
        ] {
            assert!(!is_psb_link(bad, &n), "{bad}");
        }
    }

    #[test]
    fn old_portals() {
        let psb = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010802020088";
        assert_eq!(old_portal(psb, true), Some("www.beian.gov.cn"));
        assert_eq!(
            old_portal("HTTPS://beian.gov.cn", true),
            Some("www.beian.gov.cn")
        );
        assert_eq!(old_portal(psb, false), None);
        assert_eq!(
            old_portal("http://www.miitbeian.gov.cn/", false),
            Some("www.miitbeian.gov.cn")
        );
        assert_eq!(
            old_portal("http://miibeian.gov.cn", false),
            Some("www.miibeian.gov.cn")
        );
        for current in [
            "https://beian.mps.gov.cn/",
            "https://beian.miit.gov.cn/",
            "x",
        ] {
            assert_eq!(old_portal(current, true), None, "{current}");
            assert_eq!(old_portal(current, false), None, "{current}");
        }
    }
}
