//! Scanning one content (a file, standard input, the page of a WARC record) read in chunks with
//! bounded memory: the bytes kept between chunks, the line and column of each number counted as
//! the bytes go by, and the text of each number as written.
//!
//! The scanner ([`icp_number::Stream`]) decides a number at most [`WINDOW`] bytes after its
//! start, so only the last [`KEEP`] bytes of a chunk are kept for the next: enough to slice the
//! text of a number that straddles two chunks. Lines and columns are counted once over each byte,
//! from one safe cut to the next (a cut where counting the two sides apart gives the same as
//! counting them together), so a giant single line costs no more than many short ones.

use std::io::{self, Read};
use std::sync::Arc;

use icp_number::{Match, Stream, WINDOW};

use crate::order::Outbox;
use crate::warc::Record;

/// The bytes read from the input at a time.
pub const CHUNK: usize = 64 * 1024;

/// The bytes kept from one chunk for the next (more than a number can span, with a margin).
const KEEP: usize = 2 * WINDOW;

/// A number found in an input, with where it is written.
#[derive(Clone, Debug)]
pub struct Found {
    /// What the scanner found; its offsets count from the start of the content scanned.
    pub found: Match,
    /// 1-based line of its first character.
    pub line: usize,
    /// 1-based column of its first character, in characters.
    pub column: usize,
    /// The number as written.
    pub text: String,
    /// The WARC record whose content it is in, for crawl files.
    pub record: Option<Arc<Record>>,
}

/// Why reading a content stopped early.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read (or was truncated or corrupt): the source's error.
    Input(io::Error),
    /// The results could not be handed over: the run's error.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Failure::Input(err)
    }
}

impl Failure {
    /// The error, whichever side it comes from.
    pub fn into_inner(self) -> io::Error {
        match self {
            Failure::Input(err) | Failure::Output(err) => err,
        }
    }
}

/// Line and column of a place in a text, moved forward over the bytes in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineColumn {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (an invalid UTF-8 sequence counting as one, as it shows as
    /// one U+FFFD).
    pub column: usize,
}

impl LineColumn {
    /// The start of a text.
    pub const START: LineColumn = LineColumn { line: 1, column: 1 };

    /// Moves past `bytes`, which must run from a safe cut to a safe cut (see [`safe_cut`]).
    pub fn advance(&mut self, bytes: &[u8]) {
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += bytes.iter().filter(|&&b| b == b'\n').count();
                self.column = 1 + count_chars(&bytes[last + 1..]);
            }
            None => self.column += count_chars(bytes),
        }
    }
}

/// Characters in `bytes`, each maximal invalid UTF-8 sequence counting as one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|chunk| chunk.valid().chars().count() + usize::from(!chunk.invalid().is_empty()))
        .sum()
}

/// The last safe cut of `bytes` at or before `at` and not before `floor` (itself a safe cut):
/// a place where no character or invalid sequence is split, so that counting the characters on
/// either side apart gives the same as counting them together. A byte that is not a UTF-8
/// continuation byte always starts a new character or sequence; a continuation byte after three
/// others does too, since no sequence is longer than four bytes.
pub fn safe_cut(bytes: &[u8], at: usize, floor: usize) -> usize {
    let continues = |i: usize| bytes[i] & 0xc0 == 0x80;
    let mut cut = at;
    while cut > floor && continues(cut) {
        if cut >= 3 && (cut - 3..cut).all(continues) {
            return cut;
        }
        cut -= 1;
    }
    cut
}

/// Scans contents read in chunks; one per thread, used again for each content.
#[derive(Debug)]
pub struct ContentScanner {
    stream: Stream,
    /// Bytes kept from earlier chunks, then the chunk being read.
    buf: Vec<u8>,
    /// How much of `buf` holds bytes.
    filled: usize,
    /// The offset in the content of `buf[0]`.
    start: usize,
    /// Where in `buf` line and column have been counted to.
    counted: usize,
    at: LineColumn,
}

impl Default for ContentScanner {
    fn default() -> Self {
        ContentScanner::new()
    }
}

impl ContentScanner {
    /// A scanner with its buffer.
    pub fn new() -> Self {
        ContentScanner {
            stream: Stream::new(),
            buf: vec![0; KEEP + 3 + CHUNK],
            filled: 0,
            start: 0,
            counted: 0,
            at: LineColumn::START,
        }
    }

    /// Reads `input` to its end and puts every number in it in `outbox`, each attributed to
    /// `record`, flushing the outbox after each chunk. When the input fails, the numbers in what
    /// was read are still put in the outbox before the error is returned.
    pub fn scan(
        &mut self,
        input: &mut dyn Read,
        record: Option<&Arc<Record>>,
        outbox: &mut dyn Outbox<Found>,
    ) -> Result<(), Failure> {
        let outcome = self.read_all(input, record, outbox);
        if let Err(Failure::Output(err)) = outcome {
            self.reset();
            return Err(Failure::Output(err));
        }
        self.finish(record, outbox)?;
        outcome
    }

    /// Reads and scans chunks until the end of `input`.
    fn read_all(
        &mut self,
        input: &mut dyn Read,
        record: Option<&Arc<Record>>,
        outbox: &mut dyn Outbox<Found>,
    ) -> Result<(), Failure> {
        loop {
            let room = &mut self.buf[self.filled..self.filled + CHUNK];
            let read = match input.read(room) {
                Ok(0) => return Ok(()),
                Ok(read) => read,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(Failure::Input(err)),
            };
            self.filled += read;
            self.feed(read, record, outbox)?;
            outbox.flush().map_err(Failure::Output)?;
            self.drop_decided();
        }
    }

    /// Scans the last `read` bytes of the buffer, just read, and puts what they decide in the
    /// outbox.
    fn feed(
        &mut self,
        read: usize,
        record: Option<&Arc<Record>>,
        outbox: &mut dyn Outbox<Found>,
    ) -> Result<(), Failure> {
        self.report(Some(read), record, outbox)
    }

    /// Ends the content: the numbers still undecided, then a fresh start for the next content.
    fn finish(
        &mut self,
        record: Option<&Arc<Record>>,
        outbox: &mut dyn Outbox<Found>,
    ) -> Result<(), Failure> {
        let outcome = self.report(None, record, outbox);
        self.reset();
        outcome?;
        outbox.flush().map_err(Failure::Output)
    }

    /// Puts in the outbox what the stream decides with the last `read` bytes of the buffer, or,
    /// with `None`, at the end of the content. An outbox that fails stops it (the rest of the
    /// chunk is still read by the stream, so its state stays right).
    fn report(
        &mut self,
        read: Option<usize>,
        record: Option<&Arc<Record>>,
        outbox: &mut dyn Outbox<Found>,
    ) -> Result<(), Failure> {
        let ContentScanner {
            stream,
            buf,
            filled,
            start,
            counted,
            at,
        } = self;
        let held = &buf[..*filled];
        let decided = match read {
            Some(read) => stream.feed(&held[held.len() - read..]),
            None => stream.finish(),
        };
        for found in decided {
            let found = locate(held, *start, counted, at, found, record);
            outbox.put(found).map_err(Failure::Output)?;
        }
        Ok(())
    }

    /// Counts lines up to a safe cut [`KEEP`] bytes before the end of what was read (or to the
    /// last number, if later), and drops the bytes before it: no number still to come starts
    /// there.
    fn drop_decided(&mut self) {
        let at = self.filled.saturating_sub(KEEP);
        if at > self.counted {
            let cut = safe_cut(&self.buf, at, self.counted);
            self.at.advance(&self.buf[self.counted..cut]);
            self.counted = cut;
        }
        let cut = self.counted;
        self.buf.copy_within(cut..self.filled, 0);
        self.filled -= cut;
        self.start += cut;
        self.counted = 0;
    }

    /// Back to the start of a new content.
    fn reset(&mut self) {
        self.stream = Stream::new();
        self.filled = 0;
        self.start = 0;
        self.counted = 0;
        self.at = LineColumn::START;
    }
}

/// Where `found` is written in `held` (which starts at offset `start` of the content), counting
/// lines from `counted` on, and the text it is written as.
fn locate(
    held: &[u8],
    start: usize,
    counted: &mut usize,
    at: &mut LineColumn,
    found: Match,
    record: Option<&Arc<Record>>,
) -> Found {
    let from = found.start().saturating_sub(start).min(held.len());
    let to = found.end().saturating_sub(start).clamp(from, held.len());
    if from > *counted {
        // A number starts a character, so its start is a safe cut.
        at.advance(&held[*counted..from]);
        *counted = from;
    }
    Found {
        found,
        line: at.line,
        column: at.column,
        // A match lies inside one valid UTF-8 stretch, so this never replaces anything.
        text: String::from_utf8_lossy(&held[from..to]).into_owned(),
        record: record.cloned(),
    }
}

/// Every number in `bytes` (invalid UTF-8 skipped), in order.
pub fn find_all(bytes: &[u8]) -> Vec<Found> {
    let mut found = Collect(Vec::new());
    let mut input = bytes;
    match ContentScanner::new().scan(&mut input, None, &mut found) {
        Ok(()) => found.0,
        Err(failure) => unreachable!("a slice reads and a Vec takes: {failure:?}"),
    }
}

/// An outbox that keeps everything.
#[derive(Debug)]
pub struct Collect<T>(pub Vec<T>);

impl<T> Outbox<T> for Collect<T> {
    fn put(&mut self, item: T) -> io::Result<()> {
        self.0.push(item);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column of each offset, counted over the whole text at once.
    fn whole(bytes: &[u8], offset: usize) -> LineColumn {
        let mut at = LineColumn::START;
        at.advance(&bytes[..offset]);
        at
    }

    #[test]
    fn lines_and_characters_are_counted() {
        let text = "ab\n京ICP x\r\n\n  y".as_bytes();
        let at = |s: &str| {
            let offset = std::str::from_utf8(text).unwrap().find(s).unwrap();
            let at = whole(text, offset);
            (at.line, at.column)
        };
        assert_eq!(at("b"), (1, 2));
        assert_eq!(at("ICP"), (2, 2));
        assert_eq!(at("x"), (2, 6));
        assert_eq!(at("y"), (4, 3));
    }

    #[test]
    fn an_invalid_sequence_counts_as_one_character() {
        // \xff and \xfe are two maximal invalid sequences; \xe4\xba a truncated 京; 京 is one.
        let bytes = b"\xff\xfe\xe4\xba\xe4\xba\xacx";
        assert_eq!(whole(bytes, 7).column, 5);
    }

    /// Bytes mixing every kind of sequence: ASCII, two- to four-byte characters, truncated and
    /// stray sequences, newlines.
    const MIXED: &[u8] = b"a\xc3\xa9\n\xe4\xba\xac\xf0\x9f\x98\x80\x80\x80\x80\x80\x80x\xe4\xba\n\xf0\x9f\x98\xc3(\xff\xed\xa0\x80z\n\x80\x80\x80";

    #[test]
    fn counting_from_safe_cut_to_safe_cut_is_counting_at_once() {
        let expected = whole(MIXED, MIXED.len());
        for at in 0..MIXED.len() {
            let cut = safe_cut(MIXED, at, 0);
            assert!(cut <= at && at - cut <= 3, "{at} → {cut}");
            let mut split = LineColumn::START;
            split.advance(&MIXED[..cut]);
            split.advance(&MIXED[cut..]);
            assert_eq!(split, expected, "cut at {cut}");
            for floor in 0..=cut {
                assert!(safe_cut(MIXED, at, floor) >= floor);
            }
        }
    }

    /// A text of `len` bytes or more with numbers at various places.
    fn page(len: usize) -> Vec<u8> {
        let mut text = Vec::new();
        let mut i = 0;
        while text.len() < len {
            text.extend_from_slice("一段没有编号的正文。".repeat(i % 5 * 10).as_bytes());
            text.extend_from_slice("正文，".repeat(i % 17).as_bytes());
            text.extend_from_slice(&b"\xff\xe4\xba"[..i % 4]);
            text.extend_from_slice(
                format!("京ICP备{:08}号-{}", 10_000_000 + i, i % 9 + 1).as_bytes(),
            );
            text.extend_from_slice(if i % 5 == 0 { b"\r\n" } else { b" &nbsp;" });
            i += 1;
        }
        text
    }

    /// An input that reads `sizes` bytes at a time, in turn.
    struct Pieces<'a> {
        bytes: &'a [u8],
        sizes: Vec<usize>,
        next: usize,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.next % self.sizes.len()];
            self.next += 1;
            let n = size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn summary(found: &[Found]) -> Vec<(usize, usize, usize, usize, String)> {
        found
            .iter()
            .map(|f| {
                (
                    f.found.start(),
                    f.found.end(),
                    f.line,
                    f.column,
                    f.text.clone(),
                )
            })
            .collect()
    }

    /// What a whole-text scan finds in `text`, with line and column counted from number to
    /// number.
    fn expected(text: &[u8]) -> Vec<(usize, usize, usize, usize, String)> {
        let (mut at, mut counted) = (LineColumn::START, 0);
        icp_number::scan_bytes(text)
            .map(|found| {
                at.advance(&text[counted..found.start()]);
                counted = found.start();
                let written = String::from_utf8(text[found.range()].to_vec()).unwrap();
                (found.start(), found.end(), at.line, at.column, written)
            })
            .collect()
    }

    #[test]
    fn reads_of_any_size_find_what_a_whole_text_scan_finds() {
        let mut scanner = ContentScanner::new();
        let (small, big) = (page(16 * KEEP), page(3 * CHUNK));
        for (text, sizes) in [
            (&small, vec![1]),
            (&small, vec![7, 1, 300]),
            (&big, vec![CHUNK]),
            (&big, vec![CHUNK - 1, 5]),
            (&big, vec![4096, KEEP + 1]),
        ] {
            let expected = expected(text);
            assert!(expected.len() > 10, "{}", expected.len());
            let mut input = Pieces {
                bytes: text,
                sizes: sizes.clone(),
                next: 0,
            };
            let mut found = Collect(Vec::new());
            scanner.scan(&mut input, None, &mut found).unwrap();
            assert_eq!(summary(&found.0), expected, "reads of {sizes:?}");
        }
        assert_eq!(summary(&find_all(&big)), expected(&big));
    }

    /// An input that fails after its bytes.
    struct Broken<'a>(&'a [u8]);

    impl Read for Broken<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("cut"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn numbers_read_before_a_failure_are_still_found() {
        let text = "x 京ICP备12345678号-1".as_bytes();
        let mut found = Collect(Vec::new());
        let mut scanner = ContentScanner::new();
        let failure = scanner.scan(&mut Broken(text), None, &mut found);
        assert!(matches!(failure, Err(Failure::Input(_))));
        assert_eq!(found.0.len(), 1);
        assert_eq!(found.0[0].text, "京ICP备12345678号-1");
        // The scanner starts afresh for the next content.
        let mut again = Collect(Vec::new());
        scanner.scan(&mut &text[2..], None, &mut again).unwrap();
        assert_eq!((again.0[0].found.start(), again.0[0].column), (0, 1));
    }
}
