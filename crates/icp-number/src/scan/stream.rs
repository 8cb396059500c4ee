//! Scanning input that arrives in chunks (a socket, a UART, a response body, a file read a block at
//! a time) with a fixed buffer: the same numbers and spans as scanning the whole input at once.

use core::iter::FusedIterator;

use super::bytes::Checked;
use super::{AHEAD, Match, WINDOW, char_before};
use crate::Options;

/// Finds every number in input that arrives in chunks, split anywhere (inside a character, an
/// `&nbsp;` or a number), with no allocation and a fixed buffer.
///
/// Feed it the chunks in order with [`Stream::feed`], then call [`Stream::finish`]. Together they
/// report exactly what [`scan_bytes`](crate::scan_bytes) reports on the whole input, each number
/// once, with byte offsets from the start of the input. Between chunks it keeps at most
/// [`WINDOW`] bytes: the text around the candidates it cannot decide yet. A chunk is read where
/// it lies (only its first and last few hundred bytes are copied), so large chunks cost what
/// [`scan_bytes`](crate::scan_bytes) does; each chunk, however small, costs at most a look at
/// the [`WINDOW`] bytes before it.
///
/// ```
/// use icp_number::Stream;
///
/// let page = "<footer>粤ICP备14023066号-1 | 粤公网安备 44030502008569号</footer>".as_bytes();
/// let mut stream = Stream::new();
/// let mut found = Vec::new();
/// for chunk in page.chunks(7) {
///     found.extend(stream.feed(chunk));
/// }
/// found.extend(stream.finish());
/// let whole: Vec<_> = icp_number::scan_bytes(page).collect();
/// assert_eq!(found, whole);
/// assert_eq!(&page[found[0].range()], "粤ICP备14023066号-1".as_bytes());
/// ```
///
/// Offsets are `usize`: on 32-bit targets they wrap after 4 GiB of input.
#[derive(Clone, Debug)]
pub struct Stream {
    /// Bytes carried from earlier chunks (at most [`WINDOW`] between chunks), then the start of
    /// the chunk being read when it is joined to them.
    buf: [u8; 2 * WINDOW],
    len: usize,
    /// Where the search goes on in `buf`.
    pos: usize,
    /// The offset in the input of `buf[0]`.
    base: usize,
    /// How far the current chunk has been read.
    phase: Phase,
    options: Options,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Between chunks.
    Idle,
    /// Reading `buf`, into which the first `taken` bytes of the chunk were copied.
    Joined { taken: usize },
    /// Reading the chunk where it lies, from `pos`; it starts at offset `base` of the input.
    InPlace {
        pos: usize,
        base: usize,
        checked: Checked,
    },
}

impl Default for Stream {
    fn default() -> Self {
        Stream::new()
    }
}

impl Stream {
    /// A stream at the start of its input, with default options.
    #[must_use]
    pub const fn new() -> Self {
        Stream {
            buf: [0; 2 * WINDOW],
            len: 0,
            pos: 0,
            base: 0,
            phase: Phase::Idle,
            options: Options::lenient(),
        }
    }

    /// The same stream with `options`' `max_year` (scanning always reads leniently).
    #[must_use]
    pub const fn with_options(self, options: Options) -> Self {
        Stream { options, ..self }
    }

    /// Reads the next `chunk` of the input: an iterator over the numbers that can be decided
    /// with it. Numbers that may run on into the next chunk are reported by a later call.
    ///
    /// Run the iterator to its end before feeding the next chunk; dropping it early reads the
    /// rest of the chunk and discards what it finds (as `Vec::drain` drops what it did not
    /// yield).
    pub fn feed<'s>(&'s mut self, chunk: &'s [u8]) -> Feed<'s> {
        Feed {
            stream: self,
            chunk,
            last: false,
            done: false,
        }
    }

    /// Ends the input: an iterator over the numbers still undecided. After it, the stream is at
    /// the start of a new input (offsets count from 0 again), with the same options.
    ///
    /// ```
    /// let mut stream = icp_number::Stream::new();
    /// assert_eq!(stream.feed("京ICP备12345678号".as_bytes()).count(), 0); // `-1` may follow
    /// let last = stream.finish().next().unwrap();
    /// assert_eq!(last.number().to_string(), "京ICP备12345678号");
    /// ```
    pub fn finish(&mut self) -> Feed<'_> {
        Feed {
            stream: self,
            chunk: &[],
            last: true,
            done: false,
        }
    }

    /// The pull form of [`feed`](Stream::feed) and [`finish`](Stream::finish), for callers
    /// that cannot hold a borrow of the chunk (the C and JavaScript bindings): the next number
    /// that can be decided with `chunk`, the next part of the input (`last`: the final part).
    ///
    /// Call it with the same chunk until it returns `None`; the call after that starts a new
    /// chunk. After the `None` of a `last` chunk the stream is at the start of a new input.
    ///
    /// ```
    /// let mut stream = icp_number::Stream::new();
    /// let chunk = "粤B2-20090059 ".as_bytes();
    /// // Too short to decide anything yet: the number might go on in the next chunk.
    /// assert!(stream.next_in(chunk, false).is_none());
    /// let found = stream.next_in(&[], true).unwrap();
    /// assert_eq!(found.number().to_string(), "粤B2-20090059");
    /// assert_eq!(found.range(), 0..chunk.len() - 1);
    /// assert!(stream.next_in(&[], true).is_none());
    /// ```
    pub fn next_in(&mut self, chunk: &[u8], last: bool) -> Option<Match> {
        let max_year = self.options.max_year();
        loop {
            match self.phase {
                Phase::Idle => self.phase = Phase::Joined { taken: 0 },
                Phase::Joined { taken } => {
                    let room = self.buf.get_mut(self.len..).unwrap_or_default();
                    let fresh = chunk.get(taken..).unwrap_or_default();
                    let copied = copy(room, fresh);
                    self.len += copied;
                    let taken = taken + copied;
                    self.phase = Phase::Joined { taken };
                    let at_end = last && taken == chunk.len();
                    let held = self.buf.get(..self.len).unwrap_or_default();
                    let found = decide(held, &mut self.pos, at_end, &mut Checked::new(), max_year);
                    if let Some(found) = found {
                        return Some(found.shifted(self.base));
                    }
                    if at_end {
                        *self = Stream::new().with_options(self.options);
                        return None;
                    }
                    self.keep_from(char_before(held, self.pos));
                    if taken == chunk.len() {
                        self.phase = Phase::Idle;
                        return None;
                    }
                    // Once all that is kept came from this chunk, read the rest where it lies.
                    if self.len <= taken {
                        let pos = taken - self.len + self.pos;
                        let base = self.base.wrapping_sub(taken - self.len);
                        self.len = 0;
                        let checked = Checked::new();
                        self.phase = Phase::InPlace { pos, base, checked };
                    }
                }
                Phase::InPlace {
                    mut pos,
                    base,
                    mut checked,
                } => {
                    let found = decide(chunk, &mut pos, last, &mut checked, max_year);
                    self.phase = Phase::InPlace { pos, base, checked };
                    if let Some(found) = found {
                        return Some(found.shifted(base));
                    }
                    if last {
                        *self = Stream::new().with_options(self.options);
                        return None;
                    }
                    let keep = char_before(chunk, pos);
                    self.len = copy(&mut self.buf, chunk.get(keep..).unwrap_or_default());
                    self.pos = pos - keep;
                    self.base = base.wrapping_add(keep);
                    self.phase = Phase::Idle;
                    return None;
                }
            }
        }
    }

    /// Drops the bytes of `buf` before `keep`.
    fn keep_from(&mut self, keep: usize) {
        // Byte by byte, front to back (the bytes move down): no `memmove` in firmware images.
        for to in 0..self.len.saturating_sub(keep) {
            let byte = self.buf.get(to + keep).copied().unwrap_or_default();
            if let Some(slot) = self.buf.get_mut(to) {
                *slot = byte;
            }
        }
        self.len -= keep.min(self.len);
        self.pos -= keep.min(self.pos);
        self.base = self.base.wrapping_add(keep);
    }
}

/// The next number in `hay` from `pos` that its bytes decide (all of them when `at_end`; else
/// those starting more than [`AHEAD`] bytes before its end), moving `pos` past what is decided.
fn decide(
    hay: &[u8],
    pos: &mut usize,
    at_end: bool,
    checked: &mut Checked,
    max_year: u16,
) -> Option<Match> {
    let limit = if at_end {
        hay.len()
    } else {
        hay.len().saturating_sub(AHEAD)
    };
    match checked.find(hay, *pos, limit, 0, max_year) {
        Ok(found) => {
            *pos = found.end();
            Some(found)
        }
        Err(stop) => {
            *pos = stop.max(*pos);
            None
        }
    }
}

/// Copies what fits of `from` to the start of `to`; the number of bytes copied.
fn copy(to: &mut [u8], from: &[u8]) -> usize {
    let n = to.len().min(from.len());
    for (to, from) in to.iter_mut().zip(from) {
        *to = *from;
    }
    n
}

/// The numbers decided by one chunk; see [`Stream::feed`] and [`Stream::finish`].
#[derive(Debug)]
#[must_use = "the numbers of a chunk are reported by running its iterator"]
pub struct Feed<'s> {
    stream: &'s mut Stream,
    chunk: &'s [u8],
    last: bool,
    /// The stream has moved on past this chunk.
    done: bool,
}

impl Iterator for Feed<'_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        if self.done {
            return None;
        }
        let found = self.stream.next_in(self.chunk, self.last);
        self.done = found.is_none();
        found
    }
}

impl FusedIterator for Feed<'_> {}

impl Drop for Feed<'_> {
    fn drop(&mut self) {
        for _ in self.by_ref() {}
    }
}
