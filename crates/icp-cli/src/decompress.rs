//! Compressed input: telling gzip and zstd from their extension or first bytes, decompressing
//! as a stream (every gzip member and every zstd frame, as crawl files and `cat a.gz b.gz`
//! chain them), and errors that say where in the compressed and decompressed bytes it broke off.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use flate2::read::MultiGzDecoder;
use ruzstd::FrameDecoder;
use ruzstd::frame::ReadFrameHeaderError;
use ruzstd::frame_decoder::FrameDecoderError;

use crate::progress::Progress;

/// The bytes needed to tell a compression format by its first bytes.
pub const MAGIC_LEN: usize = 4;

/// How an input is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// gzip (RFC 1952), one member or several.
    Gzip,
    /// Zstandard (RFC 8878), one frame or several, skippable frames skipped.
    Zstd,
}

impl Compression {
    /// How the input at `path` (if a file) starting with `head` is compressed: by the extension
    /// `.gz` or `.zst` when it has one (so that a damaged file gets an error, not a scan of its
    /// bytes), else by its first bytes.
    pub fn of(path: Option<&Path>, head: &[u8]) -> Option<Compression> {
        let ext = path.and_then(Path::extension).unwrap_or_default();
        if ext.eq_ignore_ascii_case("gz") || head.starts_with(&[0x1f, 0x8b]) {
            Some(Compression::Gzip)
        } else if ext.eq_ignore_ascii_case("zst") || head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Some(Compression::Zstd)
        } else {
            None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// How far the stored bytes of a source have been read: shared by [`Counted`], which counts
/// them, and [`Decompressed`], whose errors name the offset.
#[derive(Debug, Default)]
pub struct ReadSoFar {
    bytes: Cell<u64>,
    /// The stored bytes have all been read.
    ended: Cell<bool>,
    /// Reading the stored bytes failed (that error says it all).
    failed: Cell<bool>,
}

/// The stored bytes of a source, counted as they are read (for the progress bar too).
pub struct Counted<'p> {
    inner: Box<dyn Read>,
    read: Rc<ReadSoFar>,
    progress: &'p Progress,
}

impl<'p> Counted<'p> {
    /// Counts what is read from `inner` in `read` and `progress`.
    pub fn new(inner: Box<dyn Read>, read: Rc<ReadSoFar>, progress: &'p Progress) -> Self {
        Counted {
            inner,
            read,
            progress,
        }
    }
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let result = self.inner.read(buf);
        match &result {
            Ok(0) if !buf.is_empty() => self.read.ended.set(true),
            Ok(n) => {
                self.read.bytes.set(self.read.bytes.get() + *n as u64);
                self.progress.read(*n);
            }
            Err(err) if err.kind() != io::ErrorKind::Interrupted => self.read.failed.set(true),
            Err(_) => {}
        }
        result
    }
}

/// The decompressed bytes of `stored`, compressed as `format`; `read` counts `stored`.
pub fn decompress<'a>(
    stored: impl Read + 'a,
    format: Compression,
    read: Rc<ReadSoFar>,
) -> Box<dyn Read + 'a> {
    match format {
        Compression::Gzip => Box::new(Decompressed {
            inner: MultiGzDecoder::new(stored),
            format,
            out: 0,
            read,
        }),
        Compression::Zstd => Box::new(Decompressed {
            inner: ZstdFrames::new(BufReader::new(stored)),
            format,
            out: 0,
            read,
        }),
    }
}

/// The output of a decompressor, whose errors say where in the compressed and decompressed
/// bytes the input broke off.
struct Decompressed<R> {
    inner: R,
    format: Compression,
    /// Bytes decompressed so far.
    out: u64,
    read: Rc<ReadSoFar>,
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.out += n as u64;
                Ok(n)
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted || self.read.failed.get() => {
                Err(err)
            }
            Err(err) => Err(self.explain(&err)),
        }
    }
}

impl<R> Decompressed<R> {
    /// The decompressor's error with where it happened: truncated when the stored bytes ended
    /// before the compressed data did (flate2 says so; ruzstd's errors do not, but it fails at
    /// the end of the stored bytes only when they end inside a frame).
    fn explain(&self, err: &io::Error) -> io::Error {
        let format = self.format.name();
        let (compressed, decompressed) = (self.read.bytes.get(), self.out);
        let ended = self.format == Compression::Zstd && self.read.ended.get();
        if err.kind() == io::ErrorKind::UnexpectedEof || ended {
            let message = format!(
                "truncated {format} data: the input ends at compressed byte {compressed}, after \
                 {decompressed} decompressed bytes"
            );
            return io::Error::new(io::ErrorKind::UnexpectedEof, message);
        }
        io::Error::new(
            err.kind(),
            format!(
                "bad {format} data after compressed byte {compressed} (decompressed byte \
                 {decompressed}): {err}"
            ),
        )
    }
}

/// Every Zstandard frame of an input, one after the other, skippable frames skipped.
struct ZstdFrames<R> {
    input: R,
    decoder: FrameDecoder,
    /// A frame has been started and not yet read to its end.
    in_frame: bool,
}

impl<R: BufRead> ZstdFrames<R> {
    fn new(input: R) -> Self {
        ZstdFrames {
            input,
            decoder: FrameDecoder::new(),
            in_frame: false,
        }
    }

    /// Starts the next frame, skipping skippable ones; `false` at the end of the input.
    fn next_frame(&mut self) -> io::Result<bool> {
        loop {
            if self.input.fill_buf()?.is_empty() {
                return Ok(false);
            }
            match self.decoder.reset(&mut self.input) {
                Ok(()) => return Ok(true),
                Err(FrameDecoderError::ReadFrameHeaderError(ReadFrameHeaderError::SkipFrame {
                    length,
                    ..
                })) => {
                    let skipped =
                        io::copy(&mut (&mut self.input).take(length.into()), &mut io::sink())?;
                    if skipped < u64::from(length) {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                }
                Err(err) => return Err(io::Error::other(err)),
            }
        }
    }
}

impl<R: BufRead> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if !self.in_frame {
                if !self.next_frame()? {
                    return Ok(0);
                }
                self.in_frame = true;
            }
            let decoder = &mut self.decoder;
            while decoder.can_collect() < buf.len() && !decoder.is_finished() {
                let wanted = buf.len() - decoder.can_collect();
                let strategy = ruzstd::BlockDecodingStrategy::UptoBytes(wanted);
                decoder
                    .decode_blocks(&mut self.input, strategy)
                    .map_err(io::Error::other)?;
            }
            let n = decoder.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            self.in_frame = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// `bytes` as one Zstandard frame of raw (stored) blocks, with a content checksum left out.
    fn zstd_stored(bytes: &[u8]) -> Vec<u8> {
        // Magic, a frame header with no content size and a 128 KiB window, then the blocks.
        let mut frame = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38];
        let mut blocks = bytes.chunks(100_000).peekable();
        if blocks.peek().is_none() {
            frame.extend_from_slice(&[1, 0, 0]);
        }
        while let Some(block) = blocks.next() {
            let last = u32::from(blocks.peek().is_none());
            let header = (block.len() as u32) << 3 | last;
            frame.extend_from_slice(&header.to_le_bytes()[..3]);
            frame.extend_from_slice(block);
        }
        frame
    }

    /// A skippable frame holding `bytes`.
    fn skippable(bytes: &[u8]) -> Vec<u8> {
        let mut frame = vec![0x50, 0x2a, 0x4d, 0x18];
        frame.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        frame.extend_from_slice(bytes);
        frame
    }

    /// Decompresses `stored` as `format`.
    fn unpack(stored: &[u8], format: Compression) -> io::Result<Vec<u8>> {
        let read = Rc::new(ReadSoFar::default());
        let progress = Progress::new(&[]);
        let stored = Box::new(io::Cursor::new(stored.to_vec()));
        let counted = Counted::new(stored, Rc::clone(&read), &progress);
        let mut out = Vec::new();
        decompress(counted, format, read).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn formats_are_told_by_extension_or_first_bytes() {
        let of = |path: &str, head: &[u8]| Compression::of(Some(Path::new(path)), head);
        assert_eq!(of("a.GZ", b"xx"), Some(Compression::Gzip));
        assert_eq!(of("a.html", &gzip(b"x")), Some(Compression::Gzip));
        assert_eq!(of("a.warc.zst", b""), Some(Compression::Zstd));
        assert_eq!(of("a", &zstd_stored(b"x")), Some(Compression::Zstd));
        assert_eq!(of("a.html", b"<htm"), None);
        assert_eq!(
            Compression::of(None, &[0x1f, 0x8b, 8, 0]),
            Some(Compression::Gzip)
        );
    }

    #[test]
    fn every_member_and_frame_is_read() {
        let (a, b) = ("京ICP备12345678号".repeat(9000), "粤B2-20090059".repeat(3));
        let gz = [gzip(a.as_bytes()), gzip(b.as_bytes())].concat();
        assert_eq!(
            unpack(&gz, Compression::Gzip).unwrap(),
            [a.as_bytes(), b.as_bytes()].concat()
        );
        let zst = [
            skippable(b"dictionary"),
            zstd_stored(a.as_bytes()),
            zstd_stored(b""),
            skippable(b""),
            zstd_stored(b.as_bytes()),
        ]
        .concat();
        assert_eq!(
            unpack(&zst, Compression::Zstd).unwrap(),
            [a.as_bytes(), b.as_bytes()].concat()
        );
    }

    #[test]
    fn truncated_data_says_where_it_ends() {
        let text = "京ICP备12345678号\n".repeat(10_000);
        for (format, stored) in [
            (Compression::Gzip, gzip(text.as_bytes())),
            (Compression::Zstd, zstd_stored(text.as_bytes())),
        ] {
            let cut = stored.len() * 2 / 3;
            let err = unpack(&stored[..cut], format).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
            let message = err.to_string();
            let expected = format!(
                "truncated {} data: the input ends at compressed byte {cut}, after ",
                format.name()
            );
            assert!(message.starts_with(&expected), "{message}");
        }
    }

    #[test]
    fn damaged_data_says_where() {
        let mut stored = gzip(b"hello");
        stored[3] = 0xff; // reserved flag bits
        let err = unpack(&stored, Compression::Gzip).unwrap_err().to_string();
        assert!(
            err.starts_with("bad gzip data after compressed byte "),
            "{err}"
        );
        let err = unpack(b"not zstd at all", Compression::Zstd)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("bad zstd data after compressed byte "),
            "{err}"
        );
    }
}
