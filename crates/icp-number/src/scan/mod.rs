//! Finding every number in a page of text or HTML (spec §6): footers write numbers with spaces,
//! `&nbsp;`, full-width and traditional forms, labels and markup around them. The scanner reads
//! each candidate in lenient mode and reports the span of the text as written.
//!
//! It never reports look-alikes (萌ICP备, 沪交ICP备, 湖ICP备, 港ICP证), numbers glued to further
//! letters or digits, or numbers split by markup: reporting nothing is better than reporting a
//! wrong number. Whether a number starts at a byte depends only on the [`WINDOW`] bytes around
//! it, so scanning is linear in the length of the text whatever it holds, and the same numbers
//! are found whether the text comes whole ([`scan`], [`scan_bytes`]) or in chunks ([`Stream`]).

use core::iter::FusedIterator;
use core::ops::Range;

use crate::grammar::Ctx;
use crate::normalise::{Normalised, is_whitespace, normalise_until};
use crate::number;
#[cfg(feature = "fast")]
use crate::text::in_ascii_set;
use crate::text::{from, starts_ascii_word, upto};
use crate::{Fixes, NotAProvince, Number, Options, Province, Service};

mod bytes;
#[cfg(feature = "fast")]
mod digits;
mod part;
mod stream;

pub use bytes::ByteScanner;
pub use part::{DIGIT_RUN, NUMBER_CHARS, Part, REACH, WIDE_DIGITS, scan_part};
pub use stream::{Feed, Stream};

/// The most text the scanner reads to decide whether a number starts at a byte, in bytes: the
/// character before it (at most 3 bytes matter) and `WINDOW - 3` bytes from it, far more than any
/// number with the whitespace and entities real footers put inside it, plus the markup after it.
/// The streaming scanner ([`Stream`]) carries at most this much from one chunk to the next.
pub const WINDOW: usize = 256;

/// The bytes a candidate reads from its first byte on (see [`WINDOW`]).
const AHEAD: usize = WINDOW - BEHIND;

/// The bytes before a candidate that can change its reading: the character before it, when that
/// is at most 3 bytes long (no 4-byte character is part of a word or a number).
const BEHIND: usize = 3;

/// A number found in a text: what it says, how lenient mode read it, and where it is written.
///
/// ```
/// let text = "<p>© 2024 某公司 | <a href=\"https://beian.miit.gov.cn/\">京ICP备12345678号-1</a></p>";
/// let found = icp_number::scan(text).next().unwrap();
/// assert_eq!(found.number().to_string(), "京ICP备12345678号-1");
/// assert_eq!(&text[found.range()], "京ICP备12345678号-1");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Match {
    number: Number,
    fixes: Fixes,
    start: usize,
    end: usize,
}

impl Match {
    /// The number.
    #[must_use]
    pub fn number(&self) -> Number {
        self.number
    }

    /// What lenient mode corrected to read it (empty when it is written canonically).
    #[must_use]
    pub fn fixes(&self) -> Fixes {
        self.fixes
    }

    /// The byte offset where the number starts in the text.
    #[must_use]
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset just past the number as written.
    #[must_use]
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start()..end()`, to slice, highlight or replace the text as written.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    fn shifted(self, by: usize) -> Match {
        Match {
            start: self.start + by,
            end: self.end + by,
            ..self
        }
    }
}

/// An iterator over every number in a `&str`, in order; see [`scan`].
///
/// It holds only the text, a position and the options, so it can be resumed from any byte
/// position with [`Scanner::at`] (the C and JavaScript bindings keep just the position).
#[derive(Clone, Debug)]
pub struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    options: Options,
}

/// Finds every number in `text` (lenient mode, default options).
///
/// ```
/// let footer = "粤ICP备14023066号-1 &nbsp;|&nbsp; 粤公网安备 44030502008569号 · B2-20090028";
/// let found: Vec<String> = icp_number::scan(footer).map(|m| m.number().to_string()).collect();
/// assert_eq!(found, ["粤ICP备14023066号-1", "粤公网安备44030502008569号", "B2-20090028"]);
/// ```
#[must_use]
pub fn scan(text: &str) -> Scanner<'_> {
    Scanner::new(text)
}

/// Finds every number in `bytes`, skipping invalid UTF-8 (a number is never read across it).
///
/// ```
/// let page = b"\xff\xfe ICP: \xe4\xba\xac\xe5\x85\xac\xe7\xbd\x91\xe5\xae\x89\xe5\xa4\x8711010802020088\xe5\x8f\xb7";
/// let found = icp_number::scan_bytes(page).next().unwrap();
/// assert_eq!(found.number().to_string(), "京公网安备11010802020088号");
/// assert_eq!(found.range(), 8..page.len());
/// ```
#[must_use]
pub fn scan_bytes(bytes: &[u8]) -> ByteScanner<'_> {
    ByteScanner::new(bytes)
}

impl<'a> Scanner<'a> {
    /// A scanner over `text` from its start, with default options.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Scanner {
            text,
            pos: 0,
            options: Options::lenient(),
        }
    }

    /// The same scanner with `options`' `max_year` (scanning always reads leniently).
    #[must_use]
    pub fn with_options(self, options: Options) -> Self {
        Scanner { options, ..self }
    }

    /// The same scanner resumed at byte `pos` (moved forward to a character boundary).
    ///
    /// ```
    /// let text = "京ICP备12345678号 京ICP证030173号";
    /// let first = icp_number::scan(text).next().unwrap();
    /// let second = icp_number::scan(text).at(first.end()).next().unwrap();
    /// assert_eq!(second.number().to_string(), "京ICP证030173号");
    /// ```
    #[must_use]
    pub fn at(self, pos: usize) -> Self {
        let mut pos = pos.min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos += 1;
        }
        Scanner { pos, ..self }
    }

    /// The byte position the next search starts from.
    #[must_use]
    pub fn position(&self) -> usize {
        self.pos
    }
}

impl Iterator for Scanner<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let text = self.text;
        let found = find(text, self.pos, text.len(), 0, self.options.max_year());
        moved_past(&mut self.pos, text.len(), found)
    }
}

/// The number a search over a whole input found, with `pos` moved past it, or past `end` when
/// there is none.
fn moved_past(pos: &mut usize, end: usize, found: Result<Match, usize>) -> Option<Match> {
    *pos = found.map_or(end, |found| found.end);
    found.ok()
}

impl FusedIterator for Scanner<'_> {}

impl Hay for &str {
    const VALID: bool = true;

    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }

    fn text(&self, from: usize, to: usize) -> &str {
        let mut to = to.min(self.len());
        while !self.is_char_boundary(to) {
            to -= 1;
        }
        self.get(from..to).unwrap_or("")
    }
}

/// The first number in `hay` that starts at or after byte `pos` and before byte `limit`, or
/// `Err` with the byte position where the search stopped (at or past `limit`): every candidate
/// before it was ruled out. Nothing before `floor` is read.
///
/// Bytes are read where they lie; UTF-8 is checked only around candidates (a number is never
/// read across invalid UTF-8). Each decision reads `hay` from the character before the candidate
/// to [`AHEAD`] bytes past it, so a caller holding only part of an input decides every candidate
/// before `held - AHEAD` exactly as a scan of the whole input would.
fn find<H: Hay>(
    hay: H,
    mut pos: usize,
    limit: usize,
    floor: usize,
    max_year: u16,
) -> Result<Match, usize> {
    loop {
        #[cfg(feature = "fast")]
        let start = next_viable::<H>(hay.bytes(), pos, limit, floor)?;
        #[cfg(not(feature = "fast"))]
        let start = next_candidate::<H>(hay.bytes(), pos, limit, floor)?;
        let before = Some(char_before(hay.bytes(), start)).filter(|&at| at >= floor);
        let from = before.unwrap_or(start);
        let window = hay.text(from, hay.bytes().len().min(start + AHEAD));
        if let Some(found) = match_at(window, start - from, max_year) {
            return Ok(found.shifted(from));
        }
        pos = start + 1;
    }
}

/// What the scanner reads: a `&str`, or bytes that may hold invalid UTF-8.
trait Hay: Copy {
    /// Whether the search may step over a character by its lead byte alone, without looking
    /// at its continuation bytes: the bytes searched are known to be valid UTF-8.
    const VALID: bool;

    fn bytes(&self) -> &[u8];

    /// The valid text from `from` (the start of a character) up to `to` at most: cut at the
    /// character `to` falls in, or at the first invalid sequence.
    fn text(&self, from: usize, to: usize) -> &str;
}

/// Where the character before `pos` starts, when it is valid UTF-8 of at most [`BEHIND`] bytes
/// (the scanner looks at it); `pos` otherwise.
fn char_before(hay: &[u8], pos: usize) -> usize {
    (1..=BEHIND.min(pos))
        .map(|back| pos - back)
        .find(|&at| char_at(hay, at).is_some_and(|c| c.len_utf8() == pos - at))
        .unwrap_or(pos)
}

/// The character that starts at byte `i`, if it is valid UTF-8.
fn char_at(hay: &[u8], i: usize) -> Option<char> {
    let lead = *hay.get(i)?;
    if lead.is_ascii() {
        return Some(char::from(lead));
    }
    let bytes = hay.get(i..i + utf8_width(lead))?;
    core::str::from_utf8(bytes).ok()?.chars().next()
}

/// The byte offset of the next place a number may start, at or after `from` and before `limit`:
/// a province character followed by something a number can go on with, or `A1`/`A2`/`B1`/`B2`
/// not glued to a word (a cross-regional telecom licence). `Err` holds where the search stopped.
///
/// It steps over each character whole when its bytes are well formed (always, when `VALID`), and
/// a byte at a time where they are not, so no character that starts after invalid UTF-8 is missed.
fn next_candidate<H: Hay>(
    hay: &[u8],
    from: usize,
    limit: usize,
    floor: usize,
) -> Result<usize, usize> {
    let mut i = from;
    while let Some(&lead) = hay.get(i).filter(|_| i < limit) {
        match lead {
            // Lead bytes of U+4000..U+9FFF, where every province character (3 bytes) lies.
            0xE4..=0xE9 if starts_province(hay, i) => return Ok(i),
            // `A`/`B` and their full-width forms (EF BC A1, EF BC A2).
            b'A' | b'B' | 0xEF if starts_cross_regional(hay, i, floor) => return Ok(i),
            _ => {}
        }
        if lead.is_ascii() {
            i = skip_plain_ascii(hay, i + 1);
        } else {
            i += if H::VALID {
                utf8_width(lead)
            } else {
                whole_char(hay, i, lead)
            };
        }
    }
    Err(i)
}

/// [`next_candidate`], over only the stretches a number can start in: at most [`AHEAD`] bytes
/// before the end of a run of digits (see [`digits`]). The rest is skipped unread, eight bytes at
/// a time; the candidates found, and where the search stops, are [`next_candidate`]'s.
#[cfg(feature = "fast")]
fn next_viable<H: Hay>(
    hay: &[u8],
    mut pos: usize,
    limit: usize,
    floor: usize,
) -> Result<usize, usize> {
    loop {
        if pos >= limit {
            return Err(pos);
        }
        let Some((at, len)) = digits::next(hay, pos, limit.saturating_add(AHEAD)) else {
            return Err(past_continuation(hay, limit));
        };
        // A number that starts before `low` reads no byte of these digits' end, and one that
        // starts before `from` has a character no number holds between its start and them.
        let low = past_continuation(hay, pos.max((at + len).saturating_sub(AHEAD)));
        let from = written_in_number_from(hay, at, low);
        match next_candidate::<H>(hay, from, limit.min(at + 1), floor) {
            Ok(start) => return Ok(start),
            Err(stop) => pos = stop,
        }
    }
}

/// Bit `b` for each ASCII byte `b` that can be written in a number: the ASCII part of
/// [`NUMBER_CHARS`].
#[cfg(feature = "fast")]
const WRITTEN_ASCII: u128 = {
    let mut bits = 0;
    let mut k = 0;
    while k < NUMBER_CHARS.len() {
        let (mut c, last) = (NUMBER_CHARS[k].0 as u32, NUMBER_CHARS[k].1 as u32);
        while c <= last && c < 128 {
            bits |= 1 << c;
            c += 1;
        }
        k += 1;
    }
    bits
};

/// Whether `c` is one of [`NUMBER_CHARS`] (a binary search of its ranges).
#[cfg(feature = "fast")]
fn is_number_char(c: char) -> bool {
    NUMBER_CHARS
        .binary_search_by(|&(first, last)| {
            if last < c {
                core::cmp::Ordering::Less
            } else if first > c {
                core::cmp::Ordering::Greater
            } else {
                core::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// How far back from `at` (a character's start), but not before `low`, the text holds only
/// characters that can be written in a number: a number whose text reaches `at` starts there or
/// later.
#[cfg(feature = "fast")]
fn written_in_number_from(hay: &[u8], mut at: usize, low: usize) -> usize {
    while at > low {
        let Some(&last) = hay.get(at - 1) else {
            break;
        };
        if last.is_ascii() {
            if !in_ascii_set(WRITTEN_ASCII, u32::from(last)) {
                break;
            }
            at -= 1;
            continue;
        }
        // Of the characters longer than a byte that can be written in a number, NBSP and NEL
        // (C2 A0, C2 85) take two bytes and the rest three. Anything else, and invalid UTF-8,
        // is in no number.
        let width = match hay.get(at.saturating_sub(3)..at) {
            Some(&[lead @ 0xE0..=0xEF, second, third]) if second & third & 0xC0 == 0x80 => {
                let code = u32::from(lead & 0x0F) << 12
                    | u32::from(second & 0x3F) << 6
                    | u32::from(third & 0x3F);
                char::from_u32(code)
                    .filter(|&c| is_number_char(c))
                    .map(char::len_utf8)
            }
            _ => matches!(
                hay.get(at.saturating_sub(2)..at),
                Some(&[0xC2, 0x85 | 0xA0])
            )
            .then_some(2),
        };
        let Some(width) = width else {
            break;
        };
        at -= width;
    }
    at.max(low)
}

/// `at`, moved past at most 3 continuation bytes (the rest of a character): no number starts at
/// one, and the search goes on from a character's start.
#[cfg(feature = "fast")]
fn past_continuation(hay: &[u8], mut at: usize) -> usize {
    for _ in 0..3 {
        if hay.get(at).is_some_and(|&b| b & 0xC0 == 0x80) {
            at += 1;
        }
    }
    at
}

/// The bytes to step over at a non-ASCII `lead`: its character's width when every
/// continuation byte is there, 1 otherwise (the bytes after it may start a character).
#[inline(always)]
fn whole_char(hay: &[u8], i: usize, lead: u8) -> usize {
    let is_continuation = |at: usize| hay.get(at).is_some_and(|&b| b & 0xC0 == 0x80);
    let width = utf8_width(lead);
    let whole = match width {
        3 => is_continuation(i + 1) & is_continuation(i + 2),
        2 => is_continuation(i + 1),
        4 => is_continuation(i + 1) & is_continuation(i + 2) & is_continuation(i + 3),
        _ => true,
    };
    if whole { width } else { 1 }
}

/// The byte length of the character a UTF-8 lead byte starts (1 for anything else).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Skips ASCII without `A` or `B` (no candidate there) eight bytes at a time, to the first byte
/// that is not plain ASCII or is `A`/`B`.
fn skip_plain_ascii(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each zero byte of `x` (exact up to the first one, which is what counts).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(eight) = bytes
        .get(i..i + 8)
        .and_then(|chunk| <[u8; 8]>::try_from(chunk).ok())
    {
        let word = u64::from_le_bytes(eight);
        let stop = (word & HIGH)
            | zero_bytes(word ^ (ONES * u64::from(b'A')))
            | zero_bytes(word ^ (ONES * u64::from(b'B')));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// A province character (3 bytes, whose lead byte the caller has seen) at `i`, followed by
/// something a number goes on with.
#[inline(always)]
fn starts_province(hay: &[u8], i: usize) -> bool {
    hay.get(i + 3..).is_some_and(may_follow_province) && is_province_at(hay, i)
}

/// Whether a province character starts at `i` (3 bytes, lead byte E4..E9).
fn is_province_at(hay: &[u8], i: usize) -> bool {
    let Some(&[lead, second, third]) = hay.get(i..i + 3) else {
        return false;
    };
    let tail = |b: u8| u32::from(b & 0x3F);
    let code = (u32::from(lead & 0x0F) << 12) | (tail(second) << 6) | tail(third);
    (second & 0xC0 == 0x80 && third & 0xC0 == 0x80)
        && char::from_u32(code).is_some_and(crate::province::is_province_char)
}

/// Whether the UTF-8 `next` starts with one of [`MAY_FOLLOW_PROVINCE`] or whitespace, read
/// from the bytes without decoding (the scanner asks this after every CJK character).
#[inline(always)]
fn may_follow_province(next: &[u8]) -> bool {
    /// The lead bytes of the patterns below: one load rejects nearly every CJK character.
    const LEAD: [bool; 256] = {
        let mut table = [false; 256];
        let bytes = b"IiABab-&:| \t\n\x0b\x0c\r\xc2\xe1\xe2\xe3\xe5\xef";
        let mut k = 0;
        while k < bytes.len() {
            table[bytes[k] as usize] = true;
            k += 1;
        }
        table
    };
    if !next.first().is_some_and(|&b| LEAD[usize::from(b)]) {
        return false;
    }
    matches!(
        next,
        [
            b'I' | b'i' | b'A' | b'B' | b'a' | b'b' | b'-' | b'&' | b':' | b'|',
            ..
        ] | [b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r', ..]
            | [0xC2, 0x85 | 0xA0, ..]
            | [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..]
            | [0xE5, 0x85, 0xAC, ..]
            | [0xEF, 0xBC, 0x8D | 0x9A | 0xA1 | 0xA2 | 0xA9, ..]
            | [0xEF, 0xBD, 0x89 | 0x9C, ..]
            | [0xEF, 0xBB, 0xBF, ..]
    )
}

/// What can come right after a province character in a number as footers write it: the start
/// of ICP, 公网安备 or a telecom class, or a separator lenient mode reads (besides whitespace).
#[cfg(test)]
const MAY_FOLLOW_PROVINCE: [char; 20] = [
    'I', 'i', 'Ｉ', 'ｉ', '公', 'A', 'B', 'a', 'b', 'Ａ', 'Ｂ', '-', '－', '&', ':', '：', '|',
    '｜', '\u{200B}', '\u{FEFF}',
];

/// `A1`/`A2`/`B1`/`B2` (ASCII or full-width) with nothing before it (from `floor` on) that it
/// could belong to: a word, a class list (`.`, `-`), or a province character (whose own reading
/// failed, or which is 港/澳/台).
fn starts_cross_regional(hay: &[u8], i: usize, floor: usize) -> bool {
    // `A`/`B` or `Ａ`/`Ｂ` (EF BC A1/A2), then `1`/`2` or `１`/`２` (EF BC 91/92).
    let class = match hay.get(i..) {
        Some([b'A' | b'B', ..]) => 1,
        Some([0xEF, 0xBC, 0xA1 | 0xA2, ..]) => 3,
        _ => return false,
    };
    let digit = matches!(
        hay.get(i + class..),
        Some([b'1' | b'2', ..] | [0xEF, 0xBC, 0x91 | 0x92, ..])
    );
    let glued = |c: char| {
        continues_word(c)
            || matches!(c, '.' | '-' | '．' | '－')
            || Province::from_char(c) != Err(NotAProvince::Unknown)
    };
    let before = || Some(char_before(hay, i)).filter(|&at| at >= floor && at < i);
    digit && !before().and_then(|at| char_at(hay, at)).is_some_and(glued)
}

/// Whether the text after a number that ends in a digit goes on, past markup and whitespace,
/// with more digits or 号: the number was split by markup (`京ICP备2024<b>0123</b>号`).
fn split_by_markup(after: &str) -> bool {
    let mut rest = after.trim_start_matches(is_whitespace);
    let mut tags = 0;
    while let Some(tag) = rest.strip_prefix('<') {
        let Some(close) = tag.bytes().position(|b| b == b'>') else {
            return false;
        };
        rest = from(tag, close + 1).trim_start_matches(is_whitespace);
        tags += 1;
    }
    tags > 0
        && rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '０'..='９' | '号' | '號'))
}

/// Whether a character next to a number would make it part of a longer word or number.
fn continues_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// Reads the number starting at `start`, if there is one and it is not glued to more text. It
/// reads nothing past `start + AHEAD` (cut back to a character boundary), so the answer is the
/// same for any text that holds those bytes.
fn match_at(text: &str, start: usize, max_year: u16) -> Option<Match> {
    let mut clip = (start + AHEAD).min(text.len());
    while !text.is_char_boundary(clip) {
        clip -= 1;
    }
    let text = upto(text, clip);
    let window = from(text, start);
    // Lenient mode's first pass, unless it would read the window as it is.
    #[cfg(feature = "fast")]
    let as_is = crate::normalise::as_is(window, true);
    #[cfg(not(feature = "fast"))]
    let as_is: Option<&str> = None;
    let norm = as_is.is_none().then(|| normalise_until(window, true));
    let read = as_is
        .or(norm.as_ref().map(Normalised::as_str))
        .unwrap_or("");
    let mut ctx = Ctx::new(read, true, false, max_year);
    ctx.scanning = true;
    let (rest, mut number) = number::read(&mut ctx).ok()?;
    let consumed = read.len() - rest.len();
    let mut end = start
        + norm
            .as_ref()
            .map_or(consumed, |norm| norm.source_end(window, consumed));
    if let Some(site) = number.site_mut() {
        if site.service != Service::Website && starts_ascii_word(from(text, end - 1)) {
            // A word glued to the site number is not its service letter (spec §6:
            // 京ICP备12345678号-1All Rights Reserved reads as 京ICP备12345678号-1).
            site.service = Service::Website;
            end -= 1;
        }
    }
    let after = from(text, end);
    let glued = after.chars().next().is_some_and(continues_word);
    if glued && !starts_ascii_word(after) {
        return None;
    }
    let ends_in_digit = upto(text, end)
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '０'..='９'));
    if ends_in_digit && split_by_markup(after) {
        return None;
    }
    // What the first pass fixed in the number's own text (not in what the window holds after it).
    let first_pass = norm
        .as_ref()
        .map_or(Fixes::NONE, |norm| norm.fixes_before(end - start));
    let fixes = first_pass.union(ctx.fixes);
    Some(Match {
        number,
        fixes,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use super::*;

    #[test]
    // Every code point: a table check with no unsafe code, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn the_byte_test_for_what_follows_a_province_is_exact() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = c.is_whitespace() || MAY_FOLLOW_PROVINCE.contains(&c);
            let bytes = c.encode_utf8(&mut [0; 4]).as_bytes().to_vec();
            assert_eq!(may_follow_province(&bytes), expected, "{c:?}");
        }
    }

    #[test]
    // Every code point: a table check with no unsafe code, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn the_number_chars_are_what_can_be_written_in_a_number() {
        let ordered = NUMBER_CHARS.windows(2).all(|w| match w {
            [a, b] => a.0 <= a.1 && u32::from(a.1) + 1 < u32::from(b.0),
            _ => false,
        });
        assert!(ordered, "NUMBER_CHARS: ordered, disjoint, apart");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = crate::normalise::may_be_written_in_number(c);
            let listed = NUMBER_CHARS.iter().any(|&(a, b)| (a..=b).contains(&c));
            assert_eq!(listed, expected, "{c:?}");
            #[cfg(feature = "fast")]
            {
                assert_eq!(is_number_char(c), expected, "{c:?}");
                if c.is_ascii() {
                    assert_eq!(in_ascii_set(WRITTEN_ASCII, u32::from(c)), expected, "{c:?}");
                }
            }
        }
    }

    /// 3,000 texts of pieces that make and break numbers, with `extra` pieces; long whitespace
    /// puts a number's digits near the end of its window, long fillers move digits in and out of
    /// reach.
    pub(in crate::scan) fn texts_of_pieces(extra: &[&str], seed: u64) -> Vec<std::string::String> {
        let (nbsp, spaces, filler) = ("&nbsp;".repeat(32), " ".repeat(37), "的".repeat(90));
        let mut pieces = std::vec![
            "京",
            "粤",
            "ICP备",
            "ICP证",
            "公网安备",
            "B2-",
            "A1.",
            "号",
            "-1",
            "12",
            "345678",
            "1234",
            "１２",
            "９",
            " ",
            "&nbsp;",
            "，",
            "页脚",
            "x",
            "2024",
            "11010802020088",
            "京 京 ",
            "Copyright",
            "\u{3000}",
            "备案号：",
            "&#160;",
            "ＩＣＰ",
            "icp",
            "粵",
            "號",
            "—",
            "ｂ２",
            "<b>",
            "=\"",
        ];
        pieces.extend(extra);
        pieces.extend([
            nbsp.as_str(),
            spaces.as_str(),
            filler.as_str(),
            filler.as_str(),
        ]);
        crate::text::testing::generated_texts(&pieces, 3000, 60, seed).collect()
    }

    /// Numbers written with up to 45 spaces, `&nbsp;`s or ideographic spaces between their
    /// parts: the digits move up to the last byte a number may read.
    pub(in crate::scan) fn spread_out_numbers() -> impl Iterator<Item = std::string::String> {
        let heads = ["x京ICP备", "京公网安备", "粤B2-", " B2-", "京&nbsp;ICP备"];
        let bodies = [
            "12345678号",
            "11010802020088号",
            "20090059",
            "１２３４５６７８号",
        ];
        heads.into_iter().flat_map(move |head| {
            [" ", "&nbsp;", "\u{3000}"]
                .into_iter()
                .flat_map(move |sep| {
                    bodies.into_iter().flat_map(move |body| {
                        (0..=45).map(move |n| [head, &sep.repeat(n), body].concat())
                    })
                })
        })
    }

    /// `find` without the digit prefilter: every candidate `next_candidate` gives is read.
    fn every_candidate(text: &str) -> Vec<Match> {
        let mut found = Vec::new();
        let mut pos = 0;
        while let Ok(start) = next_candidate::<&str>(text.as_bytes(), pos, text.len(), 0) {
            let from = char_before(text.as_bytes(), start);
            let window = text.text(from, text.len().min(start + AHEAD));
            match match_at(window, start - from, crate::DEFAULT_MAX_YEAR) {
                Some(m) => {
                    pos = m.shifted(from).end;
                    found.push(m.shifted(from));
                }
                None => pos = start + 1,
            }
        }
        found
    }

    #[test]
    // Thousands of scans: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn the_digit_prefilter_skips_no_number() {
        for text in texts_of_pieces(&[], 0x2545_F491_4F6C_DD1D) {
            let fast: Vec<Match> = crate::scan(&text).collect();
            assert_eq!(fast, every_candidate(&text), "{text:?}");
        }
    }

    #[test]
    // Thousands of scans: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn the_digit_prefilter_reaches_digits_at_the_end_of_a_window() {
        for text in spread_out_numbers() {
            let fast: Vec<Match> = crate::scan(&text).collect();
            assert_eq!(fast, every_candidate(&text), "{text:?}");
        }
        // Six digits that end on the last byte a number reads, and one byte further.
        for spaces in 0..8 {
            let text = [
                "京ICP备",
                &"\u{3000}".repeat(78),
                &" ".repeat(spaces),
                "123456",
            ]
            .concat();
            let fast: Vec<Match> = crate::scan(&text).collect();
            assert_eq!(fast, every_candidate(&text), "{spaces} spaces");
            assert_eq!(
                fast.len(),
                usize::from(9 + 234 + spaces + 6 <= AHEAD),
                "{spaces}"
            );
        }
    }

    #[test]
    fn ascii_skipping_stops_at_candidates_and_other_bytes() {
        assert_eq!(skip_plain_ascii(b"abcdefghijklmnopqrs", 0), 16);
        assert_eq!(skip_plain_ascii(b"abcdefgAijklmnop", 0), 7);
        assert_eq!(skip_plain_ascii(b"abcdefghijklmnBp", 0), 14);
        assert_eq!(skip_plain_ascii(b"AAAAAAAABBBBBBBB", 1), 1);
        assert_eq!(skip_plain_ascii("abcdefgh京ICP".as_bytes(), 0), 8);
        assert_eq!(skip_plain_ascii("abc京defghijk".as_bytes(), 0), 3);
        // A zero byte before the stop must not confuse the search.
        assert_eq!(skip_plain_ascii(b"\0\0a\0\0Bcdefg", 0), 5);
    }
}
