//! Canonical text read directly (the `fast` feature): the strict forms of spec §2-§5 recognised
//! a byte at a time, the province found with one table look-up, with no error kept on the way.
//! The answer is the `Number` the full parser builds from the same text, or `None` for anything
//! else, which the full parser then reads (and names what is wrong with it): errors never come
//! from here. The province table, the digit layouts, the telecom class names and the service
//! letters are the full parser's own, so the two readings cannot disagree on what a number says;
//! the shapes (markers, the order of the classes, the site suffix) are spelt out again, and the
//! tests compare the two readings on every vector and on generated near misses.

use crate::grammar::Layout;
use crate::province::OfficialAbbr;
use crate::text::{Digits, from, upto};
use crate::{
    Filing, Kind, Licence, Number, Province, Psb, Service, Site, Telecom, TelecomClass,
    TelecomClasses, filing, licence, psb, telecom,
};

/// The number `text` is in canonical form, with years up to `max_year`; `None` if it is not one.
pub(crate) fn read(text: &str, max_year: u16) -> Option<Number> {
    let head = match *text.as_bytes() {
        [b'A' | b'B', ..] => return read_telecom(None, text, max_year).map(Number::Telecom),
        [a, b, c, ..] => [a, b, c],
        _ => return None,
    };
    // One look-up turns away text that starts with no abbreviation; then the three bytes make
    // one character.
    let abbr = OfficialAbbr::from_utf8(head)?;
    let rest = from(text, 3);
    if let Some(marked) = rest.strip_prefix("ICP") {
        if let Some(body) = marked.strip_prefix('备') {
            let province = abbr.province(Kind::Filing)?;
            let (run, site) = icp_body(body, &filing::layouts(max_year))?;
            return Some(Number::Filing(Filing {
                province,
                body: Digits::new(run),
                site,
            }));
        }
        let body = marked.strip_prefix('证')?;
        let province = abbr.province(Kind::Licence)?;
        let (run, site) = icp_body(body, &licence::layouts(max_year))?;
        return Some(Number::Licence(Licence {
            province,
            body: Digits::new(run),
            site,
        }));
    }
    if let Some(body) = rest.strip_prefix("公网安备") {
        let province = abbr.province(Kind::Psb)?;
        let (all, legacy) = psb::layouts(province.gb_code());
        let layouts = if legacy { &all[..] } else { &all[..1] };
        let (run, after) = digit_run(body, layouts)?;
        return (after == "号").then(|| {
            Number::Psb(Psb {
                province,
                digits: Digits::new(run),
            })
        });
    }
    let province = abbr.province(Kind::Telecom)?;
    read_telecom(Some(province), rest, max_year).map(Number::Telecom)
}

/// The digits and site of an ICP filing or licence after its marker: `<digits>号[-<N>[<T>]]`
/// and the end of the text.
fn icp_body<'a>(body: &'a str, layouts: &[Layout]) -> Option<(&'a str, Option<Site>)> {
    let (run, after) = digit_run(body, layouts)?;
    Some((run, site(after.strip_prefix('号')?.as_bytes())?))
}

/// A telecom licence from its first class: `<classes>-<digits>[-<N>[<T>]]` and the end of the
/// text (the classes each at most once, in ascending order, joined by dots).
fn read_telecom(province: Option<Province>, text: &str, max_year: u16) -> Option<Telecom> {
    let mut classes = TelecomClasses::default();
    let mut rest = text.as_bytes();
    let mut last = None;
    let body_at = loop {
        let [letter, digit, sep, after @ ..] = rest else {
            return None;
        };
        let class = TelecomClass::ALL
            .into_iter()
            .find(|class| class.name().as_bytes() == [*letter, *digit])?;
        if last.is_some_and(|last| last >= class) {
            return None;
        }
        last = Some(class);
        classes = classes.with(class);
        match sep {
            b'.' => rest = after,
            b'-' => break text.len() - after.len(),
            _ => return None,
        }
    };
    let (run, after) = digit_run(from(text, body_at), &telecom::layouts(max_year))?;
    Some(Telecom {
        province,
        classes,
        body: Digits::new(run),
        site: site(after.as_bytes())?,
    })
}

/// The run of ASCII digits that starts `text`, if it fits one of `layouts`, and what follows.
/// Inlined, as `site` is: a call costs a good part of what they do.
#[inline(always)]
fn digit_run<'a>(text: &'a str, layouts: &[Layout]) -> Option<(&'a str, &'a str)> {
    let bytes = text.as_bytes();
    let len = digit_count(bytes);
    let layout = layouts.iter().find(|layout| layout.len == len)?;
    layout
        .fits(bytes.get(..len)?)
        .then(|| (upto(text, len), from(text, len)))
}

/// How many ASCII digits start `bytes`, eight at a time.
fn digit_count(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut rest = bytes;
    while let Some((chunk, after)) = rest.split_first_chunk::<8>() {
        // A byte XOR '0' is 0..=9 exactly for a digit; the high bit of a byte of `beyond` is
        // set where it is more (seven bits of it plus 0x76 cannot carry into the next byte).
        let offset = u64::from_le_bytes(*chunk) ^ 0x3030_3030_3030_3030;
        let beyond = (((offset & 0x7F7F_7F7F_7F7F_7F7F) + 0x7676_7676_7676_7676) | offset)
            & 0x8080_8080_8080_8080;
        if beyond != 0 {
            return count + (beyond.trailing_zeros() / 8) as usize;
        }
        count += 8;
        rest = after;
    }
    count + rest.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// An optional site suffix that ends the text, `-<N>[<T>]`: one to four digits with no leading
/// zero, then a service letter or nothing. `Some(None)` for no suffix, `None` for anything else.
#[inline(always)]
fn site(text: &[u8]) -> Option<Option<Site>> {
    let [b'-', first @ b'1'..=b'9', ref rest @ ..] = *text else {
        return text.is_empty().then_some(None);
    };
    let mut number = u16::from(first - b'0');
    let mut rest = rest;
    let mut len = 1;
    while let [digit @ b'0'..=b'9', ref after @ ..] = *rest {
        if len == 4 {
            return None;
        }
        number = number * 10 + u16::from(digit - b'0');
        len += 1;
        rest = after;
    }
    let service = match *rest {
        [] => Service::Website,
        [letter] => Service::from_letter(char::from(letter))?,
        _ => return None,
    };
    Some(Some(Site { number, service }))
}

#[cfg(test)]
mod tests {
    extern crate std;

    #[test]
    // Every byte at every place: no unsafe code, and far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn digit_count_stops_at_the_first_byte_that_is_not_a_digit() {
        for total in 0..24 {
            for at in 0..total {
                for byte in 0..=u8::MAX {
                    let mut bytes = [b'7'; 24];
                    bytes[at] = byte;
                    let expected = if byte.is_ascii_digit() { total } else { at };
                    assert_eq!(
                        super::digit_count(&bytes[..total]),
                        expected,
                        "{byte} at {at}"
                    );
                }
            }
            assert_eq!(super::digit_count(&[b'0'; 24][..total]), total);
        }
    }
}
