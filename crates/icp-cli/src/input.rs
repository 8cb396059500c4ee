//! Reading one source for `icp scan`: decompressed on the way when it is gzip or zstd (see
//! [`crate::decompress`]), WARC/WET crawl files told from plain text by their first bytes and
//! read record by record.
//!
//! Offsets, lines and columns are those of the decompressed text: of the whole source for plain
//! text, of the page in its record for crawl files.

use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;
use std::sync::Arc;

use crate::chunks::{CHUNK, ContentScanner, Failure, Found};
use crate::decompress::{Compression, Counted, MAGIC_LEN, ReadSoFar, decompress};
use crate::files::Source;
use crate::order::Outbox;
use crate::progress::Progress;
use crate::warc::{self, Content};

/// The first bytes of a WARC file (of its first record's version line).
const WARC_MAGIC: &[u8] = b"WARC/";

/// Scans `source` with `scanner`, putting the numbers found in `outbox` as they are found.
pub fn scan(
    source: &Source,
    progress: &Progress,
    scanner: &mut ContentScanner,
    outbox: &mut dyn Outbox<Found>,
) -> Result<(), Failure> {
    let read = Rc::new(ReadSoFar::default());
    let stored = Counted::new(source.open()?, Rc::clone(&read), progress);
    let (head, stored) = peek(stored, MAGIC_LEN)?;
    let compression = Compression::of(source.path(), &head);
    let text: Box<dyn Read + '_> = match compression {
        Some(format) => decompress(stored, format, read),
        None => Box::new(stored),
    };
    let (head, mut text) = peek(text, WARC_MAGIC.len())?;
    if head == WARC_MAGIC {
        let input = BufReader::with_capacity(CHUNK, text);
        scan_warc(
            warc::Reader::new(input, compression.is_some()),
            scanner,
            outbox,
        )
    } else {
        scanner.scan(&mut text, None, outbox)
    }
}

/// Scans the page of every record that holds one, each as its own content.
fn scan_warc<R: BufRead>(
    mut records: warc::Reader<R>,
    scanner: &mut ContentScanner,
    outbox: &mut dyn Outbox<Found>,
) -> Result<(), Failure> {
    while let Some(record) = records.next_record()? {
        let content = record.content();
        let record = Arc::new(record);
        records.read_block(&record, |block| match content {
            Content::Skip => Ok(()),
            Content::Block => scanner.scan(block, Some(&record), outbox),
            Content::HttpBody => {
                warc::skip_http_header(block)?;
                scanner.scan(block, Some(&record), outbox)
            }
        })?;
    }
    Ok(())
}

/// An input with its first bytes read back in front of it.
type Peeked<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// The first `n` bytes of `input` (fewer if it is shorter), and the whole input again.
fn peek<R: Read>(mut input: R, n: usize) -> io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = vec![0; n];
    let mut got = 0;
    while got < n {
        match input.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(read) => got += read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    head.truncate(got);
    Ok((head.clone(), io::Cursor::new(head).chain(input)))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;
    use crate::chunks::Collect;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// Scans `bytes` written to a file named `name`.
    fn scan_file(name: &str, bytes: &[u8]) -> (Vec<Found>, Result<(), Failure>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut found = Collect(Vec::new());
        let progress = Progress::new(&[]);
        let mut scanner = ContentScanner::new();
        let result = scan(&Source::File(path), &progress, &mut scanner, &mut found);
        (found.0, result)
    }

    #[test]
    fn gzip_is_told_by_its_first_bytes_or_its_extension() {
        let text = "页脚 京ICP备12345678号-1\n".as_bytes();
        for name in ["a.gz", "a.html", "a.GZ"] {
            let (found, result) = scan_file(name, &gzip(text));
            result.unwrap();
            assert_eq!(found.len(), 1, "{name}");
            assert_eq!((found[0].found.start(), found[0].column), (7, 4));
        }
        let (_, result) = scan_file("plain.gz", text);
        let err = result.unwrap_err().into_inner().to_string();
        assert!(
            err.starts_with("bad gzip data after compressed byte"),
            "{err}"
        );
    }

    #[test]
    fn a_truncated_gzip_says_where_it_ends() {
        let mut text = "京ICP备12345678号-1\n".repeat(1000).into_bytes();
        text.extend(std::iter::repeat_n(b'x', 100_000));
        let packed = gzip(&text);
        let cut = packed.len() - 20;
        let (found, result) = scan_file("cut.gz", &packed[..cut]);
        assert_eq!(found.len(), 1000);
        let Err(Failure::Input(err)) = result else {
            panic!("an input error")
        };
        let message = err.to_string();
        let prefix =
            format!("truncated gzip data: the input ends at compressed byte {cut}, after ");
        assert!(message.starts_with(&prefix), "{message}");
    }
}
