//! Lenient mode's first pass (spec §6): reads the surface variants of real footers — whitespace and
//! `&nbsp;`, colons and bars between parts, full-width and typographic forms, lower case,
//! traditional characters — into a small canonical-alphabet buffer that remembers where each byte
//! came from, and records a [`Fix`] for each kind of change. Strict mode uses the same character
//! classes to name what is wrong.

use crate::province::simplified;
use crate::text::{from, upto};
use crate::{Fix, Fixes};

/// How much normalised text lenient mode reads: more than any number with room to spare.
pub(crate) const CAPACITY: usize = 64;

/// What lenient mode does with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CharClass {
    /// Whitespace or an HTML non-breaking-space entity, this many bytes long: dropped.
    Space(usize),
    /// A colon or bar (ASCII or full-width) between parts: dropped.
    Separator,
    /// A full-width or typographic form of this ASCII character.
    FullWidth(char),
    /// A lower-case ASCII letter; the upper-case one.
    Lowercase(char),
    /// A traditional character; the simplified one.
    Traditional(char),
    /// Punctuation (ASCII, or the Chinese full stop and comma) as this ASCII character.
    Punctuation(char),
    /// Anything else: kept as it is.
    Other,
}

/// Whether `c` has the Unicode White_Space property: the same characters as
/// [`char::is_whitespace`], as one `match` instead of core's 256-byte lookup table.
pub(crate) const fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

const ENTITIES: [&str; 3] = ["&nbsp;", "&#160;", "&#xa0;"];

/// `input` without a trailing unfinished entity (`粤&nb`): typing goes on through it, so the
/// as-you-type check reads what comes before it.
pub(crate) fn without_partial_entity(input: &str) -> &str {
    // A byte search, not `rfind`: no panic path (`&` is ASCII, so this is a character boundary).
    let Some(amp) = input.bytes().rposition(|b| b == b'&') else {
        return input;
    };
    let tail = from(input, amp);
    let unfinished = ENTITIES.iter().any(|e| {
        tail.len() < e.len()
            && e.get(..tail.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(tail))
    });
    if unfinished { upto(input, amp) } else { input }
}

/// Classifies `c`, the first character of `rest`.
pub(crate) fn char_class(c: char, rest: &str) -> CharClass {
    match c {
        '&' => ENTITIES
            .iter()
            .find(|e| {
                rest.get(..e.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(e))
            })
            .map_or(CharClass::Other, |e| CharClass::Space(e.len())),
        ':' | '|' | '：' | '｜' => CharClass::Separator,
        '.' | ',' | ';' | '!' => CharClass::Punctuation(c),
        '。' => CharClass::Punctuation('.'),
        '、' => CharClass::Punctuation(','),
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            match ascii {
                '.' | ',' | ';' | '!' => CharClass::Punctuation(ascii),
                _ => CharClass::FullWidth(ascii),
            }
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => CharClass::FullWidth('-'),
        'a'..='z' => CharClass::Lowercase(c.to_ascii_uppercase()),
        '\u{200B}' | '\u{FEFF}' => CharClass::Space(c.len_utf8()),
        _ if is_whitespace(c) => CharClass::Space(c.len_utf8()),
        _ => match simplified(c) {
            Some(s) => CharClass::Traditional(s),
            None => CharClass::Other,
        },
    }
}

/// The text [`normalise_until`] reads from `input` when that is the start of `input` itself,
/// unchanged (canonical text, and most mistakes): the caller then reads `input` with no copy
/// and no offset map (the `fast` feature). A quick test, which says `None` for some such inputs (`&`, characters
/// outside ASCII and the CJK block); [`normalise_until`] reads those.
#[cfg(feature = "fast")]
pub(crate) fn as_is(input: &str, stop_early: bool) -> Option<&str> {
    if !stop_early {
        return (input.len() <= CAPACITY && input.chars().all(kept_as_is)).then_some(input);
    }
    for (i, c) in input.char_indices() {
        let end = i + c.len_utf8();
        if !kept_as_is(c) || end > CAPACITY {
            return None;
        }
        if i > 0 && !in_number(c) {
            return Some(upto(input, end));
        }
    }
    Some(input)
}

/// Whether [`char_class`] leaves `c` as it is, by a quick test that says no to `&` (which may
/// start an entity) and to characters outside ASCII and the CJK block.
#[cfg(feature = "fast")]
fn kept_as_is(c: char) -> bool {
    /// ASCII but lower-case letters, whitespace, `:`, `|` and `&`.
    const KEPT: u128 = !(0x03FF_FFFF_u128 << 97 | 0x3E00 | 1 << 32 | 1 << 58 | 1 << 124 | 1 << 38);
    match c {
        '\0'..='\x7F' => crate::text::in_ascii_set(KEPT, c as u32),
        '\u{4E00}'..='\u{9FFF}' => simplified(c).is_none(),
        _ => false,
    }
}

/// The normalised text of one input, with a map back to the input's byte offsets.
pub(crate) struct Normalised {
    buf: [u8; CAPACITY],
    from: [u32; CAPACITY],
    len: usize,
    /// The fixes the first pass applied.
    pub(crate) fixes: Fixes,
    /// The input byte offset where each of [`FIRST_PASS`] in `fixes` was first applied.
    first_at: [u32; FIRST_PASS.len()],
    /// Where the input went on past [`CAPACITY`], if it did.
    pub(crate) overflow: Option<usize>,
    source_len: usize,
}

impl Normalised {
    /// The normalised text.
    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.buf.get(..self.len).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or("")
    }

    /// The input byte offset that normalised byte `pos` came from (the input's end past the text).
    pub(crate) fn source_offset(&self, pos: usize) -> usize {
        match self.from.get(pos) {
            Some(&from) if pos < self.len => from as usize,
            _ => self.overflow.unwrap_or(self.source_len),
        }
    }

    /// The input byte offset just past what the first `consumed` normalised bytes came from.
    pub(crate) fn source_end(&self, input: &str, consumed: usize) -> usize {
        let Some(last) = consumed.checked_sub(1) else {
            return 0;
        };
        let from = self.source_offset(last);
        let width = input
            .get(from..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        from + width
    }

    fn push(&mut self, c: char, from: usize) -> bool {
        // One byte, most of what is pushed: no encoding, no copy loop.
        if c.is_ascii() {
            let slots = (self.buf.get_mut(self.len), self.from.get_mut(self.len));
            let (Some(byte), Some(source)) = slots else {
                return false;
            };
            *byte = c as u8;
            *source = from as u32;
            self.len += 1;
            return true;
        }
        let mut utf8 = [0; 4];
        let bytes = c.encode_utf8(&mut utf8).as_bytes();
        let end = self.len + bytes.len();
        // `get_mut`, not indexing: no panic path (`end` is at most CAPACITY when both exist).
        let (Some(buf), Some(sources)) = (
            self.buf.get_mut(self.len..end),
            self.from.get_mut(self.len..end),
        ) else {
            return false;
        };
        for (to, &byte) in buf.iter_mut().zip(bytes) {
            *to = byte;
        }
        sources.fill(from as u32);
        self.len = end;
        true
    }

    /// Records that `fix` (one of [`FIRST_PASS`]) applies at input byte `at`.
    fn note(&mut self, fix: Fix, at: usize) {
        if !self.fixes.contains(fix) {
            let slot = FIRST_PASS.iter().position(|&f| f == fix);
            if let Some(first) = slot.and_then(|slot| self.first_at.get_mut(slot)) {
                *first = at as u32;
            }
            self.fixes.insert(fix);
        }
    }

    /// The fixes applied before input byte `end`: those of the first pass over the input up to
    /// `end` alone, when `end` is where a character the pass read ends.
    pub(crate) fn fixes_before(&self, end: usize) -> Fixes {
        let mut before = Fixes::NONE;
        for (&fix, &at) in FIRST_PASS.iter().zip(&self.first_at) {
            if self.fixes.contains(fix) && (at as usize) < end {
                before.insert(fix);
            }
        }
        before
    }

    fn ends_with_digit(&self) -> bool {
        self.len
            .checked_sub(1)
            .and_then(|last| self.buf.get(last))
            .is_some_and(u8::is_ascii_digit)
    }
}

/// Reads `input` into its normalised form. Whitespace after a digit and before a digit or a
/// letter is kept as one ASCII space, so "1404 1720" is not read as one run of digits and
/// "号-1 Apple" not as an app.
#[inline(always)]
pub(crate) fn normalise(input: &str) -> Normalised {
    normalise_until(input, false)
}

/// The fixes the first pass applies (the grammar applies the others).
const FIRST_PASS: [Fix; 5] = [
    Fix::Space,
    Fix::Separator,
    Fix::FullWidth,
    Fix::Lowercase,
    Fix::Traditional,
];

/// Characters other than ASCII that a number goes on with after its first (province) character.
const GRAMMAR: [char; 7] = ['备', '证', '号', '公', '网', '安', '案'];

/// Whether a normalised character can stand in a number after its first (province) character:
/// digits, the letters of ICP, the telecom classes and the service types, `-`, `.`, and the
/// characters of [`GRAMMAR`].
fn in_number(c: char) -> bool {
    match c {
        '0'..='9' | '-' | '.' | 'I' | 'C' | 'P' | 'A' | 'B' | 'X' | 'K' => true,
        _ if c.is_ascii() => false,
        _ => GRAMMAR.contains(&c),
    }
}

/// Whether `c` can be written in a number as the scanner reads it: a province character, a
/// character lenient mode drops or reads as one of [`in_number`]'s, or one of the entities it
/// drops. The definition of [`NUMBER_CHARS`](crate::NUMBER_CHARS), which a test checks against
/// it on every code point (the scanner's look-back searches the table).
#[cfg(test)]
pub(crate) fn may_be_written_in_number(c: char) -> bool {
    let read_as = match char_class(c, "") {
        CharClass::Space(_) | CharClass::Separator => return true,
        CharClass::FullWidth(ascii)
        | CharClass::Lowercase(ascii)
        | CharClass::Traditional(ascii)
        | CharClass::Punctuation(ascii) => ascii.to_ascii_uppercase(),
        CharClass::Other => c,
    };
    let in_entity = |c: char| {
        ENTITIES
            .iter()
            .any(|e| e.chars().any(|e| e.eq_ignore_ascii_case(&c)))
    };
    in_number(read_as) || in_entity(c) || crate::province::is_province_char(c)
}

/// [`normalise`], stopping (when `stop_early`, for the scanner) after the first character past
/// the province that no number contains: the parser cannot read past it anyway.
#[inline(always)]
pub(crate) fn normalise_until(input: &str, stop_early: bool) -> Normalised {
    let mut out = Normalised {
        buf: [0; CAPACITY],
        from: [0; CAPACITY],
        len: 0,
        fixes: Fixes::NONE,
        first_at: [0; FIRST_PASS.len()],
        overflow: None,
        source_len: input.len(),
    };
    let mut gap: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = input.get(i..).and_then(|rest| rest.chars().next()) {
        // Digits, capitals and hyphens are already canonical: the common case, read directly.
        let plain = c.is_ascii_digit() || c.is_ascii_uppercase() || c == '-';
        let class = if plain {
            CharClass::Other
        } else {
            char_class(c, from(input, i))
        };
        let dropped = match class {
            CharClass::Space(len) => Some((len, Fix::Space)),
            CharClass::Separator => Some((c.len_utf8(), Fix::Separator)),
            _ => None,
        };
        if let Some((len, fix)) = dropped {
            out.note(fix, i);
            if out.ends_with_digit() {
                gap.get_or_insert(i);
            }
            i += len;
            continue;
        }
        let (emit, fix) = match class {
            CharClass::FullWidth(ascii) if ascii.is_ascii_lowercase() => {
                out.note(Fix::Lowercase, i);
                (ascii.to_ascii_uppercase(), Some(Fix::FullWidth))
            }
            CharClass::FullWidth(ascii) => (ascii, Some(Fix::FullWidth)),
            CharClass::Lowercase(upper) => (upper, Some(Fix::Lowercase)),
            CharClass::Traditional(simple) => (simple, Some(Fix::Traditional)),
            CharClass::Punctuation(ascii) => (ascii, None),
            _ => (c, None),
        };
        if let Some(at) = gap.take() {
            if emit.is_ascii_alphanumeric() && !out.push(' ', at) {
                out.overflow = Some(at);
                break;
            }
        }
        if !out.push(emit, i) {
            out.overflow = Some(i);
            break;
        }
        if let Some(fix) = fix {
            out.note(fix, i);
        }
        i += c.len_utf8();
        if stop_early && out.len > emit.len_utf8() && !in_number(emit) {
            out.overflow = Some(i);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // Every code point: a table check with no unsafe code, far too slow under Miri.
    #[cfg_attr(miri, ignore)]
    fn whitespace_is_unicode_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    #[cfg(feature = "fast")]
    // Thousands of readings: far too slow under Miri, and the code they check has no unsafe code.
    #[cfg_attr(miri, ignore)]
    fn what_is_read_as_it_is_is_what_the_first_pass_gives() {
        extern crate std;
        let pieces = [
            "京",
            "粵",
            "ICP",
            "icp",
            "备",
            "號",
            "公网安备",
            "B2",
            "-",
            "－",
            ".",
            "。",
            " ",
            "&nbsp;",
            "12345678",
            "号",
            "X",
            "的",
            "<a>",
            "Copyright",
            "，",
            "a",
        ];
        let mut read_as_is = 0;
        let texts =
            crate::text::testing::generated_texts(&pieces, 20_000, 13, 0x2545_F491_4F6C_DD1D);
        for text in texts {
            for stop_early in [false, true] {
                let norm = normalise_until(&text, stop_early);
                let Some(read) = as_is(&text, stop_early) else {
                    continue;
                };
                read_as_is += 1;
                assert_eq!(norm.as_str(), read, "{text:?} {stop_early}");
                assert_eq!(norm.fixes, Fixes::NONE, "{text:?}");
                for (at, _) in read.char_indices() {
                    assert_eq!(norm.source_offset(at), at, "{text:?} {at}");
                }
                assert_eq!(norm.source_end(&text, read.len()), read.len(), "{text:?}");
            }
        }
        assert!(read_as_is > 5_000, "{read_as_is} read as they are");
    }

    #[test]
    #[cfg(feature = "fast")]
    fn the_ascii_kept_as_is_is_what_char_class_keeps() {
        for byte in 0..128u8 {
            let c = char::from(byte);
            let kept = char_class(c, "") == CharClass::Other
                || char_class(c, "") == CharClass::Punctuation(c);
            assert_eq!(kept_as_is(c), kept && c != '&', "{byte:#x}");
        }
    }

    #[test]
    fn unfinished_entities_are_cut_off() {
        assert_eq!(without_partial_entity("粤&"), "粤");
        assert_eq!(without_partial_entity("粤&#16"), "粤");
        assert_eq!(without_partial_entity("粤&NB"), "粤");
        assert_eq!(without_partial_entity("粤&nbsp;"), "粤&nbsp;");
        assert_eq!(without_partial_entity("粤&x"), "粤&x");
        assert_eq!(without_partial_entity("粤ICP备"), "粤ICP备");
    }
}
