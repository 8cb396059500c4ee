//! The scanner's prefilter: where the digits of a number can be. Every number holds a run of at
//! least six digits (spec §2–§5: 6, 8 or 10 for a filing, 6 for a licence, 8 for a telecom
//! licence, 12 or 14 for a public-security number), with no space inside it, written in ASCII
//! or with at least one full-width digit. Its start lies at most [`AHEAD`](super::AHEAD) bytes
//! before the end of those digits, so a stretch of text without such digits after it holds no
//! number, and the scanner skips it eight bytes at a time instead of reading every character.

#[cfg(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_feature = "simd128"
))]
use wide::u8x16;

/// A byte value in every lane of a `u64` (lane `k` is byte `k` of a little-endian word).
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every lane.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// What a number's digits look like: six ASCII digits in a row, or a full-width digit.
const RUN: usize = 6;
const WIDE: usize = 3;

/// The first place at or after `from` that a number's digits can be: six ASCII digits in a row,
/// or a full-width digit (`EF BC 90..=99`), lying wholly before `end`. `(start, len)` of it.
#[inline(never)]
pub(super) fn next(hay: &[u8], from: usize, end: usize) -> Option<(usize, usize)> {
    let end = end.min(hay.len());
    let mut i = from;
    // Sixteen bytes at a time where SIMD tests them, then a word at a time. Nothing starts in
    // a word without an ASCII digit or an EF byte, and most words have neither: one test passes
    // them. What starts in a word ends by the sixth byte of the next, so the pair decides the
    // rest, while the next word is there.
    loop {
        i = past_blocks(hay, i, end);
        let Some(this) = word(hay, i, end) else {
            break;
        };
        if may_start_in(this) {
            let Some(next) = word(hay, i + 8, end) else {
                break;
            };
            if let Some(found) = starts_in(this, next) {
                return Some((i + found.0, found.1));
            }
        }
        i += 8;
    }
    // The last bytes one at a time.
    (i..end).find_map(|at| at_byte(hay, at, end))
}

/// What starts at `at` (wholly before `end`), if anything: the byte-by-byte definition.
fn at_byte(hay: &[u8], at: usize, end: usize) -> Option<(usize, usize)> {
    let run = hay.get(at..at + RUN).filter(|_| at + RUN <= end);
    if run.is_some_and(|bytes| bytes.iter().all(u8::is_ascii_digit)) {
        return Some((at, RUN));
    }
    let wide = matches!(hay.get(at..at + WIDE), Some([0xEF, 0xBC, 0x90..=0x99]));
    (wide && at + WIDE <= end).then_some((at, WIDE))
}

/// `i`, moved past the sixteen-byte blocks before `end` in which nothing can start, where SIMD
/// tests them (the same test on scalar lanes costs more than the word test alone).
#[cfg(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_feature = "simd128"
))]
fn past_blocks(hay: &[u8], mut i: usize, end: usize) -> usize {
    while let Some(block) = hay.get(i..i + BLOCK_READ).filter(|_| i + BLOCK_READ <= end) {
        if may_start_in_block(block) {
            break;
        }
        i += 16;
    }
    i
}

/// `i`: without SIMD, the word test alone.
#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_feature = "simd128"
)))]
fn past_blocks(_: &[u8], i: usize, _: usize) -> usize {
    i
}

/// The bytes [`may_start_in_block`] reads: sixteen, and three after them.
#[cfg(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_feature = "simd128"
))]
const BLOCK_READ: usize = 19;

/// Whether six ASCII digits in a row or a full-width digit may start in the first sixteen bytes
/// of `block`: at some byte `k`, bytes `k` and `k + 3` are digits, or `k` is EF and `k + 2` is
/// `90..=99` (full-width punctuation, EF BC 8C and the like, is not). Three SIMD vectors, read
/// at `0`, `2` and `3`.
#[cfg(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_feature = "simd128"
))]
#[inline(always)]
fn may_start_in_block(block: &[u8]) -> bool {
    let at = |k: usize| {
        let bytes = block
            .get(k..k + 16)
            .and_then(|b| <[u8; 16]>::try_from(b).ok());
        u8x16::from(bytes.unwrap_or_default())
    };
    let within = |bytes: u8x16, low: u8, count: u8| {
        let from_low = bytes - u8x16::splat(low);
        from_low.min(u8x16::splat(count - 1)).cmp_eq(from_low)
    };
    let (first, third, fourth) = (at(0), at(2), at(3));
    let digits = within(first, b'0', 10) & within(fourth, b'0', 10);
    let wide = first.cmp_eq(u8x16::splat(0xEF)) & within(third, 0x90, 10);
    (digits | wide).any()
}

/// Whether `word` holds an ASCII digit or an EF byte (where six digits or a full-width digit
/// start, if anything does).
fn may_start_in(word: u64) -> bool {
    starts_hint(word) != 0
}

/// Not zero when `word` holds an ASCII digit or an EF byte. The borrow test `(x - n…n) & !x &
/// 80…80` is not zero when a byte of `x` is below `n` (at most 128; it marks the lanes exactly
/// only up to the first): digits are the bytes below 10 after `^ 30…30`, EF the zero bytes
/// after `^ EF…EF`. Eight operations for eight bytes.
#[inline(always)]
fn starts_hint(word: u64) -> u64 {
    let below = |x: u64, n: u8| x.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !x & HIGH;
    below(word ^ ONES.wrapping_mul(u64::from(b'0')), 10) | below(word ^ ONES.wrapping_mul(0xEF), 1)
}

/// The eight bytes at `i`, when they lie before `end`.
fn word(hay: &[u8], i: usize, end: usize) -> Option<u64> {
    let bytes = hay.get(i..i + 8).filter(|_| i + 8 <= end)?;
    <[u8; 8]>::try_from(bytes).ok().map(u64::from_le_bytes)
}

/// The first lane of `this` where six digits in a row or a full-width digit start (`next` is the
/// word after it), with the length of what starts there.
fn starts_in(this: u64, next: u64) -> Option<(usize, usize)> {
    let digits = digit_lanes(this);
    let runs = if digits == 0 {
        0
    } else {
        let more = digit_lanes(next);
        (8..=40)
            .step_by(8)
            .fold(digits, |all, shift| all & across(digits, more, shift))
    };
    let ef = equal_lanes(this, 0xEF);
    let wide = if ef == 0 {
        0
    } else {
        let bc = across(equal_lanes(this, 0xBC), equal_lanes(next, 0xBC), 8);
        let nine = across(lanes_from(this, 0x90), lanes_from(next, 0x90), 16);
        ef & bc & nine
    };
    let lane = |lanes: u64| (lanes.trailing_zeros() / 8) as usize;
    match (runs, wide) {
        (0, 0) => None,
        (0, _) => Some((lane(wide), WIDE)),
        (_, 0) => Some((lane(runs), RUN)),
        _ if lane(runs) < lane(wide) => Some((lane(runs), RUN)),
        _ => Some((lane(wide), WIDE)),
    }
}

/// The lanes of two words in a row, moved down by `shift` bits: lane `k` holds what lane
/// `k + shift / 8` of the pair holds.
fn across(this: u64, next: u64, shift: u32) -> u64 {
    this >> shift | next << (64 - shift)
}

/// The high bit of each lane that holds an ASCII digit (none in a word of non-ASCII bytes).
fn digit_lanes(word: u64) -> u64 {
    if word & HIGH == HIGH {
        return 0;
    }
    lanes_from(word, b'0')
}

/// The high bit of each lane whose byte is one of `base..=base + 9` (`base` ends in a zero
/// nibble); no carry crosses a lane.
fn lanes_from(word: u64, base: u8) -> u64 {
    let t = word ^ ONES.wrapping_mul(u64::from(base));
    !((((t & !HIGH) + ONES.wrapping_mul(0x76)) | t) & HIGH) & HIGH
}

/// The high bit of each lane whose byte is `byte`; no carry crosses a lane.
fn equal_lanes(word: u64, byte: u8) -> u64 {
    let t = word ^ ONES.wrapping_mul(u64::from(byte));
    !((((t & !HIGH) + !HIGH) | t) & HIGH) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_exact() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let word = u64::from(b) << (8 * lane) | (0x41 << (8 * ((lane + 1) % 8)));
                let bit = 0x80 << (8 * lane);
                assert_eq!(
                    lanes_from(word, b'0') & bit != 0,
                    b.is_ascii_digit(),
                    "{b:#x}"
                );
                assert_eq!(
                    lanes_from(word, 0x90) & bit != 0,
                    (0x90..=0x99).contains(&b)
                );
                assert_eq!(equal_lanes(word, 0xEF) & bit != 0, b == 0xEF);
            }
        }
    }

    #[test]
    fn finds_what_the_byte_by_byte_definition_finds() {
        let texts: [&[u8]; 9] = [
            "京ICP备12345678号".as_bytes(),
            "12345 123456 1234567".as_bytes(),
            "页脚１２３页脚，".as_bytes(),
            "页脚，页脚，页脚，页脚，１".as_bytes(),
            b"abcdefg12345h123456",
            b"\xEF\xBC",
            b"0123456789",
            "京ICP备1201９４５８号 abc 京公网安备11010802020088号".as_bytes(),
            "页脚页脚页脚页脚页脚页脚 1234 5678901234 ，，，１".as_bytes(),
        ];
        for text in texts {
            for from in 0..=text.len() {
                for end in from..=text.len() + 1 {
                    let expected =
                        (from..end.min(text.len())).find_map(|at| at_byte(text, at, end));
                    assert_eq!(next(text, from, end), expected, "{text:?} {from}..{end}");
                }
            }
        }
    }
}
