//! Scanning part of a text: what a prefilter outside the crate needs to hand the scanner only the
//! stretches where numbers can start, and get exactly the numbers a scan of the whole text finds.
//!
//! Every number holds [`DIGIT_RUN`] digits in a row, each an ASCII digit or one of the
//! [`WIDE_DIGITS`], starting at or after the number's start and ending at most [`REACH`] bytes
//! after it. A number therefore starts at most [`REACH`] bytes before such digits; text farther
//! from them holds none. The scanner decides whether a number starts at a byte from the character
//! before it and the [`REACH`] bytes from it (see [`WINDOW`](super::WINDOW)), so [`scan_part`] on
//! a piece of a text that holds those bytes around a range reports what a scan of the whole text
//! reports there.
//!
//! A number's text holds only [`NUMBER_CHARS`], so a prefilter can narrow both sides: a number
//! whose digits are at a place starts no further back than those characters go, and the scanner
//! reads past them only over markup (`<` to `>`, which may split a number), then one character.

use core::iter::FusedIterator;
use core::ops::RangeInclusive;

use super::bytes::Checked;
use super::{AHEAD, Match, moved_past};
use crate::Options;

/// The digits in a row that every number holds (a filing's 6, 8 or 10, a licence's 6, a telecom
/// licence's 8, a public-security number's 12 or 14), each an ASCII digit or one of the
/// [`WIDE_DIGITS`]: nothing else is read between a number's digits, in any mode. A number written
/// without full-width digits holds this many ASCII digits in a row.
pub const DIGIT_RUN: usize = 6;

/// The full-width digits, which lenient reading takes for ASCII digits, one for one, also mixed
/// with them (京ICP备12３45678号).
pub const WIDE_DIGITS: RangeInclusive<char> = '\u{FF10}'..='\u{FF19}';

/// The most bytes a number spans from its start (so its first [`DIGIT_RUN`] digits end at most
/// this far from it), and the most bytes from a candidate's start the scanner reads to decide it.
pub const REACH: usize = AHEAD;

/// Every character that can be written in a number as the scanner reads it (lenient mode: the
/// canonical characters with their full-width, lower-case and traditional forms, the spaces and
/// separators it drops, the letters of the HTML entities it decodes, the province characters), in
/// order, as disjoint ranges (the first and the last character of each). The text of a number holds only these, so a prefilter can look back
/// from a number's digits over them alone for where the number may start (with at most [`REACH`]
/// bytes between).
///
/// ```
/// let written = |c| icp_number::NUMBER_CHARS.iter().any(|&(first, last)| (first..=last).contains(&c));
/// assert!("京ICP备12345678号-1".chars().all(written));
/// assert!(" &nbsp;｜ａ２".chars().all(written));
/// assert!(!written('的') && !written('，') && !written('<'));
/// ```
pub const NUMBER_CHARS: &[(char, char)] = &[
    ('\u{9}', '\u{D}'),
    (' ', ' '),
    ('#', '#'),
    ('&', '&'),
    ('-', '.'),
    ('0', ';'),
    ('A', 'C'),
    ('I', 'I'),
    ('K', 'K'),
    ('N', 'N'),
    ('P', 'P'),
    ('S', 'S'),
    ('X', 'X'),
    ('a', 'c'),
    ('i', 'i'),
    ('k', 'k'),
    ('n', 'n'),
    ('p', 'p'),
    ('s', 's'),
    ('x', 'x'),
    ('|', '|'),
    ('\u{85}', '\u{85}'),
    ('\u{A0}', '\u{A0}'),
    ('\u{1680}', '\u{1680}'),
    ('\u{2000}', '\u{200B}'),
    ('\u{2010}', '\u{2015}'),
    ('\u{2028}', '\u{2029}'),
    ('\u{202F}', '\u{202F}'),
    ('\u{205F}', '\u{205F}'),
    ('\u{2212}', '\u{2212}'),
    ('\u{3000}', '\u{3000}'),
    ('\u{3002}', '\u{3002}'),
    ('云', '云'),
    ('京', '京'),
    ('備', '備'),
    ('公', '公'),
    ('冀', '冀'),
    ('号', '号'),
    ('吉', '吉'),
    ('备', '备'),
    ('宁', '宁'),
    ('安', '安'),
    ('寧', '寧'),
    ('川', '川'),
    ('新', '新'),
    ('晉', '晉'),
    ('晋', '晋'),
    ('桂', '桂'),
    ('案', '案'),
    ('沪', '沪'),
    ('津', '津'),
    ('浙', '浙'),
    ('渝', '渝'),
    ('湘', '湘'),
    ('滇', '滇'),
    ('滬', '滬'),
    ('琼', '琼'),
    ('瓊', '瓊'),
    ('甘', '甘'),
    ('皖', '皖'),
    ('粤', '粤'),
    ('粵', '粵'),
    ('網', '網'),
    ('网', '网'),
    ('苏', '苏'),
    ('蒙', '蒙'),
    ('藏', '藏'),
    ('蘇', '蘇'),
    ('號', '號'),
    ('蜀', '蜀'),
    ('證', '證'),
    ('证', '证'),
    ('豫', '豫'),
    ('貴', '貴'),
    ('贛', '贛'),
    ('贵', '贵'),
    ('赣', '赣'),
    ('辽', '辽'),
    ('遼', '遼'),
    ('鄂', '鄂'),
    ('閩', '閩'),
    ('闽', '闽'),
    ('陇', '陇'),
    ('陕', '陕'),
    ('陝', '陝'),
    ('隴', '隴'),
    ('雲', '雲'),
    ('青', '青'),
    ('魯', '魯'),
    ('鲁', '鲁'),
    ('黑', '黑'),
    ('黔', '黔'),
    ('\u{FE63}', '\u{FE63}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('－', '．'),
    ('０', '：'),
    ('Ａ', 'Ｃ'),
    ('Ｉ', 'Ｉ'),
    ('Ｋ', 'Ｋ'),
    ('Ｐ', 'Ｐ'),
    ('Ｘ', 'Ｘ'),
    ('ａ', 'ｃ'),
    ('ｉ', 'ｉ'),
    ('ｋ', 'ｋ'),
    ('ｐ', 'ｐ'),
    ('ｘ', 'ｘ'),
    ('｜', '｜'),
];

/// The numbers of a whole text that start in a range of it, found from a piece of the text; see
/// [`scan_part`].
#[derive(Clone, Debug)]
pub struct Part<'a> {
    hay: PartHay<'a>,
    pos: usize,
    to: usize,
    options: Options,
}

/// What a [`Part`] reads: with the `fast` feature, the stretch its range reads as text when that
/// is valid UTF-8 (checked once, as a whole), with where the stretch starts; otherwise the bytes,
/// checked a block at a time and around each candidate.
#[derive(Clone, Debug)]
enum PartHay<'a> {
    #[cfg(feature = "fast")]
    Text(&'a str, usize),
    Bytes(&'a [u8], Checked),
}

/// Every number that starts at or after byte `from` and before byte `to` of `bytes`, in order,
/// reading leniently as [`scan_bytes`](crate::scan_bytes) does (a `&str` is
/// [`as_bytes`](str::as_bytes) away), and going on after each number from its end.
///
/// `bytes` may be a piece of a longer input: the numbers are those a scan of the whole input
/// finds in the range, as long as the piece holds the character before `from` (unless the whole
/// input starts at `from`) and [`REACH`] bytes after `to` (unless the whole input ends sooner,
/// or the piece holds the first character after `to` that is neither one of [`NUMBER_CHARS`] nor
/// in markup, `<` to `>`), and a scan of the whole input reaches `from` outside a number (`from`
/// is where the input starts, or the end of a number it found, or has no number going on across
/// it: the character before it is none of [`NUMBER_CHARS`]). A number that starts before `to`
/// may end after it. `from` and `to` are byte offsets of characters.
///
/// ```
/// let page = "© 2024 某公司 京ICP备12345678号-1 | 京ICP证030173号".as_bytes();
/// let second = page.len() - "京ICP证030173号".len();
/// // From the character before the second number to the end: the second number alone.
/// let piece = &page[second - 1..];
/// let found: Vec<_> = icp_number::scan_part(piece, 1, 2).collect();
/// assert_eq!(found.len(), 1);
/// assert_eq!(&piece[found[0].range()], "京ICP证030173号".as_bytes());
/// // The range need not hold the number's digits: only its start.
/// assert_eq!(icp_number::scan_part(page, 0, second).count(), 1);
/// ```
#[must_use]
pub fn scan_part(bytes: &[u8], from: usize, to: usize) -> Part<'_> {
    let (pos, to) = (from.min(bytes.len()), to.min(bytes.len()));
    let options = Options::lenient();
    #[cfg(feature = "fast")]
    if let Some((text, base)) = readable_text(bytes, pos, to) {
        // A position inside a character skips the rest of it, as in bytes read as bytes.
        let pos = super::past_continuation(bytes, pos);
        let hay = PartHay::Text(text, base);
        return Part {
            hay,
            pos,
            to,
            options,
        };
    }
    let hay = PartHay::Bytes(bytes, Checked::new());
    Part {
        hay,
        pos,
        to,
        options,
    }
}

/// What a part from `pos` to `to` reads, when it is valid UTF-8: from the character before the
/// first character at or after `pos` to [`AHEAD`] bytes past `to` (and the end of the character
/// there), as text, with where it starts in `bytes`. Only that much is checked, however long
/// `bytes` is. A character cut off at the end of `bytes` (a chunk that ends inside one) is left
/// out: no window reads it.
#[cfg(feature = "fast")]
fn readable_text(bytes: &[u8], pos: usize, to: usize) -> Option<(&str, usize)> {
    let base = super::char_before(bytes, super::past_continuation(bytes, pos));
    let end = super::past_continuation(bytes, to.saturating_add(AHEAD).min(bytes.len()));
    let end = if end == bytes.len() {
        before_cut_char(bytes)
    } else {
        end
    };
    let text = simdutf8::basic::from_utf8(bytes.get(base..end)?).ok()?;
    Some((text, base))
}

/// The end of `bytes`, moved back to the start of its last character if that is cut off.
#[cfg(feature = "fast")]
fn before_cut_char(bytes: &[u8]) -> usize {
    let end = bytes.len();
    let lead = (end.saturating_sub(3)..end)
        .rev()
        .find(|&at| bytes.get(at).is_some_and(|&b| b & 0xC0 != 0x80));
    match lead {
        Some(at)
            if bytes
                .get(at)
                .is_some_and(|&b| at + super::utf8_width(b) > end) =>
        {
            at
        }
        _ => end,
    }
}

impl Part<'_> {
    /// The same scan with `options`' `max_year` (scanning always reads leniently).
    #[must_use]
    pub fn with_options(self, options: Options) -> Self {
        Part { options, ..self }
    }
}

impl Iterator for Part<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let max_year = self.options.max_year();
        let found = match &mut self.hay {
            #[cfg(feature = "fast")]
            PartHay::Text(text, base) => {
                let (pos, to) = (
                    self.pos.saturating_sub(*base),
                    self.to.saturating_sub(*base),
                );
                super::find(*text, pos, to, 0, max_year)
                    .map(|found| found.shifted(*base))
                    .map_err(|stop| stop + *base)
            }
            PartHay::Bytes(bytes, checked) => checked.find(bytes, self.pos, self.to, 0, max_year),
        };
        moved_past(&mut self.pos, self.to, found)
    }
}

impl FusedIterator for Part<'_> {}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use super::*;

    /// Where a number's digits lie, by [`DIGIT_RUN`] and [`WIDE_DIGITS`]: the first place at or
    /// after `from` where six digits in a row start, each ASCII or full-width, and the end of
    /// those six.
    fn digits_from(text: &str, from: usize) -> Option<(usize, usize)> {
        let is_digit = |c: char| c.is_ascii_digit() || WIDE_DIGITS.contains(&c);
        (from..text.len()).find_map(|at| {
            let run: Vec<(usize, char)> = text.get(at..)?.char_indices().take(DIGIT_RUN).collect();
            let (last, c) = *run.last()?;
            let whole = run.len() == DIGIT_RUN && run.iter().all(|&(_, c)| is_digit(c));
            whole.then(|| (at, at + last + c.len_utf8()))
        })
    }

    /// What the scanner's own prefilter finds: the first place at or after `from` where six
    /// ASCII digits in a row or a full-width digit start, and the end of what starts there.
    #[cfg(feature = "fast")]
    fn ascii_run_or_wide_digit_from(text: &str, from: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        (from..text.len()).find_map(|at| {
            let run = bytes.get(at..at + DIGIT_RUN);
            if run.is_some_and(|run| run.iter().all(u8::is_ascii_digit)) {
                return Some((at, at + DIGIT_RUN));
            }
            let c = text.get(at..).and_then(|rest| rest.chars().next())?;
            WIDE_DIGITS.contains(&c).then(|| (at, at + c.len_utf8()))
        })
    }

    /// Whether `c` is one of [`NUMBER_CHARS`].
    fn is_number_char(c: char) -> bool {
        NUMBER_CHARS.iter().any(|&(a, b)| (a..=b).contains(&c))
    }

    /// Where the scanner's reading from before `at` ends at the latest, not past `last`: after
    /// [`NUMBER_CHARS`] and markup (`<` to `>`) from `at` on, and one more character.
    fn read_past(text: &str, mut at: usize, last: usize) -> usize {
        let mut chars = text[at..last].chars();
        while let Some(c) = chars.next() {
            at += c.len_utf8();
            if c == '<' {
                let Some(close) = text[at..last].find('>') else {
                    return last;
                };
                at += close + 1;
                chars = text[at..last].chars();
            } else if !is_number_char(c) {
                break;
            }
        }
        at
    }

    /// What a prefilter outside the crate does with the constants: ranges `[start, end)` where
    /// numbers may start, each up to [`REACH`] bytes before digits, scanned through
    /// [`scan_part`] on a piece holding one character before and [`REACH`] bytes after it. If
    /// `tight`, also as the npm package does: the range starts no further back from the digits
    /// than [`NUMBER_CHARS`] go, and the piece ends after the first character past the range
    /// that is neither one of them nor markup.
    fn by_parts(text: &str, tight: bool) -> Vec<Match> {
        let mut found = Vec::new();
        let mut done = 0;
        let mut at = 0;
        while let Some((hit, end)) = digits_from(text, at) {
            let mut start = end.saturating_sub(REACH).max(done);
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let mut to = end;
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            at = hit + 1;
            if start >= to {
                // A number found before runs past these digits.
                continue;
            }
            // One character of context before, REACH bytes after.
            let mut first = start.saturating_sub(1);
            while !text.is_char_boundary(first) {
                first -= 1;
            }
            let mut last = (to + REACH).min(text.len());
            while !text.is_char_boundary(last) {
                last += 1;
            }
            if tight {
                let written = text[..hit].char_indices().rev();
                let written = written.take_while(|&(_, c)| is_number_char(c)).last();
                start = start.max(written.map_or(hit, |(at, _)| at));
                last = read_past(text, to, last);
                if start >= to {
                    continue;
                }
            }
            let piece = &text.as_bytes()[first..last];
            for m in scan_part(piece, start - first, to - first) {
                let m = m.shifted(first);
                done = m.end();
                found.push(m);
            }
            // Every candidate before `to` is decided.
            done = done.max(to);
        }
        found
    }

    #[test]
    // Thousands of scans: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn parts_find_what_the_whole_text_holds() {
        let extra = [
            "京ICP备12345678号",
            "粤ICP备2023073334号-3K",
            "京 ICP 备 12345678 号",
            "粤B2-20090059",
            "B2-20090028",
            "京公网安备11010802020088号",
            "粤公网安备 44030502008569号",
            "京ICP备１２３４５６７８号",
            "京ICP备１2３4５6７8号",
            "粤B2-2０0９0０5９",
            "京ICP证030173号",
            "\r\n",
            "😀",
            "\u{FFFD}",
            "<b>",
            "</a> ",
            "<",
            "号",
            "-1X",
            "Abc",
        ];
        let mut numbers = 0;
        for text in crate::scan::tests::texts_of_pieces(&extra, 0x9E37_79B9_7F4A_7C15) {
            let whole: Vec<Match> = crate::scan(&text).collect();
            assert_eq!(by_parts(&text, false), whole, "{text:?}");
            assert_eq!(by_parts(&text, true), whole, "tight: {text:?}");
            numbers += whole.len();
        }
        // The pieces make numbers often enough for the comparison to mean something.
        assert!(numbers > 1000, "{numbers} numbers");
    }

    #[test]
    // Thousands of scans: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn parts_of_bytes_find_what_the_whole_bytes_hold() {
        // What a range reads is read as text where it is valid UTF-8, as bytes elsewhere: both
        // as `scan_bytes` reads the whole.
        let mut numbers = 0;
        let texts = crate::scan::tests::texts_of_pieces(&["京ICP备12345678号"], 0x5851_F42D);
        for (n, text) in texts.iter().enumerate() {
            let mut bytes = text.as_bytes().to_vec();
            match n % 4 {
                // An invalid byte in the middle (maybe inside a character, maybe a number).
                0 => bytes.insert(bytes.len() / 2, 0xFF),
                // Cut short, maybe inside a character (a chunk that ends inside one).
                1 => bytes.truncate(bytes.len().saturating_sub(1 + n % 3)),
                _ => {}
            }
            let whole: Vec<Match> = crate::scan_bytes(&bytes).collect();
            for cut in [0, bytes.len() / 3, bytes.len() / 2 + 1, bytes.len()] {
                let before: Vec<Match> = scan_part(&bytes, 0, cut).collect();
                let from = before.last().map_or(cut, |m| m.end().max(cut));
                let after: Vec<Match> = scan_part(&bytes, from, bytes.len()).collect();
                let (expected_before, expected_after): (Vec<Match>, Vec<Match>) =
                    whole.iter().partition(|m| m.start() < cut);
                assert_eq!(before, expected_before, "{n}: before {cut}: {bytes:?}");
                assert_eq!(after, expected_after, "{n}: from {from}: {bytes:?}");
            }
            numbers += whole.len();
        }
        assert!(numbers > 1000, "{numbers} numbers");
    }

    #[test]
    // Thousands of scans: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn every_number_holds_its_digits_within_reach() {
        // Numbers written with the most whitespace inside that a scan still reads.
        for text in crate::scan::tests::spread_out_numbers() {
            for m in crate::scan(&text) {
                let end = digits_from(&text, m.start()).map(|(_, end)| end);
                assert!(end.is_some_and(|end| end <= m.start() + REACH), "{text:?}");
            }
            let whole: Vec<Match> = crate::scan(&text).collect();
            assert_eq!(by_parts(&text, false), whole, "{text:?}");
            assert_eq!(by_parts(&text, true), whole, "tight: {text:?}");
        }
    }

    #[test]
    fn a_part_stops_before_its_end_and_goes_on_after_each_number() {
        let text = "京ICP备12345678号 京ICP证030173号";
        let second = text.rfind('京').unwrap();
        let text = text.as_bytes();
        assert_eq!(scan_part(text, 0, 1).count(), 1);
        assert_eq!(scan_part(text, 1, second).count(), 0);
        assert_eq!(scan_part(text, 1, second + 1).count(), 1);
        assert_eq!(scan_part(text, 0, text.len()).count(), 2);
        // From inside a character: none starts there.
        assert_eq!(scan_part(text, second + 1, text.len()).count(), 0);
        let m = scan_part(text, 0, text.len()).nth(1).unwrap();
        assert_eq!(m.range(), second..text.len());
        // The options reach the scan.
        let late = "京ICP备2025012345号".as_bytes();
        assert_eq!(scan_part(late, 0, 3).count(), 1);
        let options = Options::lenient().with_max_year(2024);
        assert_eq!(scan_part(late, 0, 3).with_options(options).count(), 0);
    }

    #[cfg(feature = "fast")]
    #[test]
    fn the_scanners_own_prefilter_finds_no_less_than_the_constants() {
        use super::super::digits;
        for text in [
            "12345 123456 1234567",
            "页脚１２３页脚，",
            "abcdefg12345h123456",
            "京ICP备1201９４５８号 abc 京公网安备11010802020088号",
            "12３45 1２3４5６",
        ] {
            for from in 0..=text.len() {
                let ours = digits::next(text.as_bytes(), from, text.len());
                let ours = ours.map(|(at, n)| (at, at + n));
                assert_eq!(
                    ours,
                    ascii_run_or_wide_digit_from(text, from),
                    "{text:?} from {from}"
                );
                // Six digits of either width in a row are six ASCII digits or hold a full-width
                // one: what the scanner finds ends at their end or before.
                if let Some((_, run_end)) = digits_from(text, from) {
                    assert!(
                        ours.is_some_and(|(_, end)| end <= run_end),
                        "{text:?} from {from}"
                    );
                }
            }
        }
    }
}
