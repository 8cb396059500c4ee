//! Scanning bytes that may hold invalid UTF-8: a number is never read across an invalid
//! sequence. The bytes are read where they lie, a block at a time: a block that is valid UTF-8
//! (checked with SIMD where the target has it) is searched a character at a time, any other a
//! byte at a time, and each number's surroundings are checked again when it is read.

use core::iter::FusedIterator;

use super::{Hay, Match, find, moved_past};
use crate::Options;

/// The first block checked after a (re)start; each next one is twice as long, up to
/// [`MAX_BLOCK`], so a search that stops at a number close by checks little past it.
const FIRST_BLOCK: usize = 1024;

/// The longest block checked at once.
const MAX_BLOCK: usize = 64 * 1024;

/// How far the bytes after the search position are known to be valid UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Checked {
    /// `hay[pos..end]` is valid UTF-8 starting at a character, for the search position `pos`.
    end: usize,
    /// The length of the next block to check.
    block: usize,
}

impl Checked {
    /// Nothing known yet.
    pub(super) const fn new() -> Self {
        Checked {
            end: 0,
            block: FIRST_BLOCK,
        }
    }

    /// [`find`] over bytes that may hold invalid UTF-8, checking them a block at a time.
    pub(super) fn find(
        &mut self,
        hay: &[u8],
        mut pos: usize,
        limit: usize,
        floor: usize,
        max_year: u16,
    ) -> Result<Match, usize> {
        loop {
            if pos >= limit {
                return Err(pos);
            }
            if pos >= self.end {
                let end = char_start_before(hay, hay.len().min(pos + self.block));
                self.block = (self.block * 2).min(MAX_BLOCK);
                let valid = hay
                    .get(pos..end)
                    .is_some_and(|block| simdutf8::basic::from_utf8(block).is_ok());
                if !valid || end <= pos {
                    let block_end = limit.min(end.max(pos + 1));
                    pos = match find(Bytes::<false>(hay), pos, block_end, floor, max_year) {
                        Ok(found) => return Ok(found),
                        Err(stop) => stop,
                    };
                    continue;
                }
                self.end = end;
            }
            pos = match find(
                Bytes::<true>(hay),
                pos,
                limit.min(self.end),
                floor,
                max_year,
            ) {
                Ok(found) => return Ok(found),
                Err(stop) => stop,
            };
        }
    }
}

/// Bytes to search; `VALID`: the part searched is known to be valid UTF-8, so the search steps
/// over whole characters (otherwise it looks at every byte of a character).
#[derive(Clone, Copy)]
struct Bytes<'a, const VALID: bool>(&'a [u8]);

impl<const VALID: bool> Hay for Bytes<'_, VALID> {
    const VALID: bool = VALID;

    fn bytes(&self) -> &[u8] {
        self.0
    }

    fn text(&self, from: usize, to: usize) -> &str {
        valid_prefix(self.0, from, to)
    }
}

/// The valid UTF-8 at the start of `hay[from..to]`, cut at the character `to` falls in.
fn valid_prefix(hay: &[u8], from: usize, to: usize) -> &str {
    let Some(bytes) = hay.get(from..char_start_before(hay, to).max(from)) else {
        return "";
    };
    // Nearly always valid: one quick check, and the slow search for the end only when not.
    simdutf8::basic::from_utf8(bytes)
        .unwrap_or_else(|_| bytes.utf8_chunks().next().map_or("", |chunk| chunk.valid()))
}

/// `end`, moved back (at most 3 bytes) to the start of the character it falls in.
fn char_start_before(hay: &[u8], end: usize) -> usize {
    let inside = |at: usize| hay.get(at).is_some_and(|&b| b & 0xC0 == 0x80);
    (end.saturating_sub(3)..=end)
        .rev()
        .find(|&at| !inside(at))
        .unwrap_or(end)
}

/// An iterator over every number in a byte slice, skipping invalid UTF-8; see
/// [`scan_bytes`](crate::scan_bytes).
///
/// It holds only the bytes, a position and the options; its time is linear in the length of the
/// slice, whatever it holds.
#[derive(Clone, Debug)]
pub struct ByteScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Where the input starts: nothing before it is read (see [`ByteScanner::at`]).
    floor: usize,
    checked: Checked,
    options: Options,
}

impl<'a> ByteScanner<'a> {
    /// A scanner over `bytes` from the start, with default options.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        ByteScanner {
            bytes,
            pos: 0,
            floor: 0,
            checked: Checked::new(),
            options: Options::lenient(),
        }
    }

    /// The same scanner with `options`' `max_year`.
    #[must_use]
    pub fn with_options(self, options: Options) -> Self {
        ByteScanner { options, ..self }
    }

    /// The same scanner resumed at byte `pos`, reading the bytes from there as if they were the
    /// whole input (a position inside a character skips the rest of it, as invalid UTF-8).
    ///
    /// ```
    /// let page = "京ICP备12345678号 京ICP证030173号".as_bytes();
    /// let first = icp_number::scan_bytes(page).next().unwrap();
    /// let second = icp_number::scan_bytes(page).at(first.end()).next().unwrap();
    /// assert_eq!(second.number().to_string(), "京ICP证030173号");
    /// ```
    #[must_use]
    pub fn at(self, pos: usize) -> Self {
        let pos = pos.min(self.bytes.len());
        ByteScanner {
            pos,
            floor: pos,
            checked: Checked::new(),
            ..self
        }
    }

    /// The byte position the next search starts from.
    #[must_use]
    pub fn position(&self) -> usize {
        self.pos
    }
}

impl Iterator for ByteScanner<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let (bytes, max_year) = (self.bytes, self.options.max_year());
        let found = (self.checked).find(bytes, self.pos, bytes.len(), self.floor, max_year);
        moved_past(&mut self.pos, bytes.len(), found)
    }
}

impl FusedIterator for ByteScanner<'_> {}
