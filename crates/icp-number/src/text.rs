//! Text and digit primitives, the lowest layer: slicing without panic paths, runs of ASCII
//! digits, fixed-capacity digit strings and the small output buffer canonical forms and messages
//! are written into. Everything else builds on these; they import nothing from the crate.

use core::fmt;

use heapless::String;
use nom::IResult;
#[cfg(not(feature = "fast"))]
use nom::bytes::complete::tag;
use nom::character::complete::digit0;

/// The capacity of [`Out`]: the longest query link (`QUERY_URL_MAX`).
pub(crate) const OUT_MAX: usize = 64;

/// `s[start..]` without core's panic path (callers cut at character boundaries; "" otherwise).
pub(crate) fn from(s: &str, start: usize) -> &str {
    s.get(start..).unwrap_or("")
}

/// `s[..end]` without core's panic path (callers cut at character boundaries; "" otherwise).
pub(crate) fn upto(s: &str, end: usize) -> &str {
    s.get(..end).unwrap_or("")
}

/// The ASCII digits at the start of `rest`: `(after, digits)`.
///
/// nom reads the bytes: its `&str` primitives would link core's string-slicing panic machinery
/// (about 10 KB of WebAssembly), and the run of ASCII digits ends on a character boundary anyway.
pub(crate) fn digits(rest: &str) -> (&str, &str) {
    let parsed: IResult<&[u8], &[u8], ()> = digit0(rest.as_bytes());
    let len = parsed.map_or(0, |(_, run)| run.len());
    (from(rest, len), upto(rest, len))
}

/// Whether `text` starts with a word of two or more ASCII letters, which text glued to a number
/// may be without hiding it (spec §6: `蜀ICP备16049139号Copyright`).
pub(crate) fn starts_ascii_word(text: &str) -> bool {
    matches!(text.as_bytes(), [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic())
}

/// Whether `rest` starts with `word`; `Err` when `rest` is a proper prefix of it (input ends inside).
pub(crate) fn starts_with<'a>(rest: &'a str, word: &'static str) -> Result<Option<&'a str>, ()> {
    // A plain byte comparison is faster, nom's `tag` smaller: the `fast` feature picks.
    #[cfg(feature = "fast")]
    let matched = rest.as_bytes().starts_with(word.as_bytes());
    #[cfg(not(feature = "fast"))]
    let matched = {
        let parsed: IResult<&[u8], &[u8], ()> = tag(word.as_bytes())(rest.as_bytes());
        parsed.is_ok()
    };
    if matched {
        Ok(Some(from(rest, word.len())))
    } else if !rest.is_empty() && word.starts_with(rest) {
        Err(())
    } else {
        Ok(None)
    }
}

/// A fixed run of ASCII digits as written (leading zeros matter: `040096`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(align(4))]
pub(crate) struct Digits<const N: usize> {
    bytes: [u8; N],
    len: u8,
}

impl<const N: usize> Digits<N> {
    /// Copies `run` (ASCII digits, at most N, checked by the grammar).
    pub(crate) fn new(run: &str) -> Self {
        let mut bytes = [b'0'; N];
        let len = run.len().min(N);
        // A loop, not `copy_from_slice`: no length-mismatch panic path, no `memcpy` call.
        for (to, from) in bytes.iter_mut().zip(run.bytes()) {
            *to = from;
        }
        Digits {
            bytes,
            len: len as u8,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or("")
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// The decimal value of `self[from..to]`.
    pub(crate) fn value(&self, from: usize, to: usize) -> u64 {
        decimal(self.as_str().get(from..to).unwrap_or(""))
    }
}

/// The value of a run of ASCII digits (callers keep runs short enough not to overflow).
pub(crate) fn decimal(run: &str) -> u64 {
    run.bytes().fold(0u64, |acc, b| {
        acc.wrapping_mul(10).wrapping_add(u64::from(b - b'0'))
    })
}

impl<const N: usize> fmt::Debug for Digits<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "defmt")]
impl<const N: usize> defmt::Format for Digits<N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{=str}", self.as_str())
    }
}

/// A small output buffer for canonical forms: no `core::fmt`, no allocation.
pub(crate) struct Out {
    buf: [u8; OUT_MAX],
    len: usize,
}

impl Out {
    pub(crate) fn new() -> Self {
        Out {
            buf: [0; OUT_MAX],
            len: 0,
        }
    }

    /// Appends as much of `s` as fits (a loop, not `copy_from_slice`: no panic path).
    pub(crate) fn push_str(&mut self, s: &str) {
        let free = self.buf.get_mut(self.len..).unwrap_or_default();
        for (to, byte) in free.iter_mut().zip(s.bytes()) {
            *to = byte;
            self.len += 1;
        }
    }

    pub(crate) fn push_char(&mut self, c: char) {
        self.push_str(c.encode_utf8(&mut [0; 4]));
    }

    /// `<abbr><marker><digits>号`, the shape of filings, licences and public-security numbers.
    pub(crate) fn push_number(&mut self, abbr: char, marker: &str, digits: &str) {
        self.push_char(abbr);
        self.push_str(marker);
        self.push_str(digits);
        self.push_str("号");
    }

    pub(crate) fn push_u32(&mut self, mut n: u32) {
        // Filled from the end by an iterator: no index, no panic path.
        let mut digits = [0u8; 10];
        let mut len = 0;
        for slot in digits.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
            len += 1;
            if n == 0 {
                break;
            }
        }
        let digits = digits.get(digits.len() - len..).unwrap_or_default();
        self.push_str(core::str::from_utf8(digits).unwrap_or(""));
    }

    pub(crate) fn as_str(&self) -> &str {
        let bytes = self.buf.get(..self.len).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or("")
    }

    pub(crate) fn into_string<const N: usize>(self) -> String<N> {
        String::try_from(self.as_str()).unwrap_or_default()
    }
}

/// Whether bit `b` (an ASCII byte) of `set` is on: the two halves of the `u128` read as `u64`s,
/// so WebAssembly and 32-bit targets shift no 128-bit integer (a library call there).
#[cfg(feature = "fast")]
pub(crate) const fn in_ascii_set(set: u128, b: u32) -> bool {
    let half = if b < 64 {
        set as u64
    } else {
        (set >> 64) as u64
    };
    half >> (b & 63) & 1 == 1
}

/// What the tests that compare a fast path with a slow one read.
#[cfg(test)]
pub(crate) mod testing {
    extern crate std;

    use std::string::String;

    /// `count` texts made of `pieces` picked by a fixed pseudo-random sequence (xorshift from
    /// `seed`): text `k` holds `k % longest` pieces.
    pub(crate) fn generated_texts<'a>(
        pieces: &'a [&'a str],
        count: usize,
        longest: usize,
        mut seed: u64,
    ) -> impl Iterator<Item = String> + 'a {
        (0..count).map(move |round| {
            let mut text = String::new();
            for _ in 0..round % longest {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let pick = (seed % pieces.len() as u64) as usize;
                text.push_str(pieces.get(pick).copied().unwrap_or(""));
            }
            text
        })
    }
}
