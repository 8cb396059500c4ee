//! WARC 1.0/1.1 crawl files (and WET files, their text-only kin) read record by record as a
//! stream: the framing of each record, which records hold a page, and where the page starts in
//! the record's block. Blocks are never held in memory; only the header fields used here are
//! kept.
//!
//! A record is a version line (`WARC/1.1`), header fields (`Name: value`, continued on lines that
//! start with a space or a tab), a blank line, `Content-Length` bytes of block, then CRLF CRLF.

use std::io::{self, BufRead, Read, Take};

/// The longest header line read (longer is an error): bounds the memory a header takes.
const MAX_LINE: u64 = 64 * 1024;

/// The header of one record: the fields that say what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Where its version line starts in the WARC stream (decompressed).
    pub offset: u64,
    /// `WARC-Type`: `response`, `resource`, `conversion`, `request`, `warcinfo`, …
    pub kind: String,
    /// `WARC-Target-URI`, without the angle brackets some writers put around it.
    pub target_uri: Option<String>,
    /// `Content-Type` of the block.
    pub content_type: Option<String>,
    /// `Content-Length`: the bytes of the block.
    pub content_length: u64,
}

/// What of a record's block is scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// Nothing (`warcinfo`, `request`, `metadata`, `revisit`, …).
    Skip,
    /// The whole block: `resource` and `conversion` (WET) records.
    Block,
    /// The HTTP body: `response` records, after the HTTP status line and headers.
    HttpBody,
}

impl Record {
    /// What of its block holds the page: the body of a `response` (unless its Content-Type
    /// says it is not HTTP, then all of it), all of a `resource` or `conversion`, nothing of the
    /// others.
    pub fn content(&self) -> Content {
        let kind = self.kind.to_ascii_lowercase();
        match kind.as_str() {
            "response" if self.is_http() => Content::HttpBody,
            "response" | "resource" | "conversion" => Content::Block,
            _ => Content::Skip,
        }
    }

    fn is_http(&self) -> bool {
        self.content_type.as_deref().is_none_or(|t| {
            t.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/http")
        })
    }
}

/// Reads the records of a WARC stream one after the other.
#[derive(Debug)]
pub struct Reader<R> {
    input: R,
    /// Bytes of the stream read so far.
    offset: u64,
    /// How offsets are named in errors: `byte`, or `decompressed byte` when the stream is the
    /// output of a decompressor.
    unit: &'static str,
}

impl<R: BufRead> Reader<R> {
    /// Records from `input`; `decompressed` when it comes out of a decompressor (so that errors
    /// say which offsets they give).
    pub fn new(input: R, decompressed: bool) -> Self {
        let unit = if decompressed {
            "decompressed byte"
        } else {
            "byte"
        };
        Reader {
            input,
            offset: 0,
            unit,
        }
    }

    /// The header of the next record, leaving the input at its block; `None` at the end.
    pub fn next_record(&mut self) -> io::Result<Option<Record>> {
        if !self.skip_blank_lines()? {
            return Ok(None);
        }
        let offset = self.offset;
        let version = self.line(offset)?;
        if !version.starts_with(b"WARC/") {
            let unit = self.unit;
            return Err(invalid(format!(
                "not a WARC record at {unit} {offset}: it starts with {:?} instead of a \
                 WARC/1.x line",
                String::from_utf8_lossy(&version[..version.len().min(20)])
            )));
        }
        let mut fields = Fields::default();
        loop {
            let line = self.line(offset)?;
            if line.iter().all(|&b| b == b'\r' || b == b'\n') {
                break;
            }
            fields.add(&line);
        }
        let fields = fields.finish();
        let Some(content_length) = fields.content_length else {
            let unit = self.unit;
            return Err(invalid(format!(
                "bad WARC record at {unit} {offset}: no valid Content-Length"
            )));
        };
        Ok(Some(Record {
            offset,
            kind: fields.kind.unwrap_or_default(),
            target_uri: fields.target_uri,
            content_type: fields.content_type,
            content_length,
        }))
    }

    /// Runs `read` on the block of `record` (the record whose header was just read), then skips
    /// what it left of the block: an error naming the offsets when the input ends before the
    /// block does.
    pub fn read_block<E: From<io::Error>>(
        &mut self,
        record: &Record,
        read: impl FnOnce(&mut Take<&mut R>) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = self.offset;
        let mut block = (&mut self.input).take(record.content_length);
        read(&mut block)?;
        io::copy(&mut block, &mut io::sink())?;
        let left = block.limit();
        self.offset = start + record.content_length - left;
        if left > 0 {
            let (unit, end) = (self.unit, self.offset);
            let uri = record.target_uri.as_deref().unwrap_or("no WARC-Target-URI");
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!(
                    "truncated WARC record at {unit} {} ({uri}): the input ends at {unit} {end}, \
                     {left} bytes before the end of its block (Content-Length {})",
                    record.offset, record.content_length
                ),
            )
            .into());
        }
        Ok(())
    }

    /// Skips the CR and LF bytes between records; whether anything follows.
    fn skip_blank_lines(&mut self) -> io::Result<bool> {
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let blank = buf
                .iter()
                .position(|&b| b != b'\r' && b != b'\n')
                .unwrap_or(buf.len());
            let more = blank < buf.len();
            self.input.consume(blank);
            self.offset += blank as u64;
            if more {
                return Ok(true);
            }
        }
    }

    /// The next header line of the record at `record`, with its line end.
    fn line(&mut self, record: u64) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        (&mut self.input)
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)?;
        self.offset += line.len() as u64;
        if line.last() == Some(&b'\n') {
            return Ok(line);
        }
        let unit = self.unit;
        if line.len() as u64 == MAX_LINE {
            return Err(invalid(format!(
                "bad WARC record at {unit} {record}: a header line is longer than {MAX_LINE} bytes"
            )));
        }
        Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!(
                "truncated WARC record at {unit} {record}: the input ends at {unit} {} inside its \
                 header",
                self.offset
            ),
        ))
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The header fields kept while reading a header.
#[derive(Debug, Default)]
struct Fields {
    kind: Option<String>,
    target_uri: Option<String>,
    content_type: Option<String>,
    content_length: Option<u64>,
    /// The field a continuation line adds to, if it is one kept.
    last: Option<Field>,
}

#[derive(Clone, Copy, Debug)]
enum Field {
    Kind,
    TargetUri,
    ContentType,
}

impl Fields {
    /// Reads one header line (a field, or the continuation of the last field).
    fn add(&mut self, line: &[u8]) {
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some(Some(value)) = self.last.map(|field| self.value(field)) {
                value.push(' ');
                value.push_str(text.trim());
            }
            return;
        }
        let Some((name, value)) = text.split_once(':') else {
            self.last = None;
            return;
        };
        let value = value.trim().to_owned();
        let name = name.trim();
        self.last = None;
        if name.eq_ignore_ascii_case("Content-Length") {
            self.content_length = value.parse().ok();
            return;
        }
        let field = if name.eq_ignore_ascii_case("WARC-Type") {
            Field::Kind
        } else if name.eq_ignore_ascii_case("WARC-Target-URI") {
            Field::TargetUri
        } else if name.eq_ignore_ascii_case("Content-Type") {
            Field::ContentType
        } else {
            return;
        };
        *self.value(field) = Some(value);
        self.last = Some(field);
    }

    fn value(&mut self, field: Field) -> &mut Option<String> {
        match field {
            Field::Kind => &mut self.kind,
            Field::TargetUri => &mut self.target_uri,
            Field::ContentType => &mut self.content_type,
        }
    }

    /// `WARC-Target-URI` without angle brackets.
    fn finish(mut self) -> Self {
        if let Some(uri) = &mut self.target_uri {
            if let Some(bare) = uri.strip_prefix('<').and_then(|u| u.strip_suffix('>')) {
                *uri = bare.to_owned();
            }
        }
        self
    }
}

/// Skips the HTTP status line and headers at the start of `block`, up to and with the first
/// blank line (CRLF CRLF, or LF LF as some servers send); all of it when there is none.
pub fn skip_http_header(block: &mut impl BufRead) -> io::Result<()> {
    // 0: in a line; 1: just after a LF; 2: just after LF CR.
    let mut state = 0u8;
    loop {
        let buf = block.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let mut end = None;
        for (i, &b) in buf.iter().enumerate() {
            state = match (state, b) {
                (1 | 2, b'\n') => {
                    end = Some(i + 1);
                    break;
                }
                (_, b'\n') => 1,
                (1, b'\r') => 2,
                _ => 0,
            };
        }
        let used = end.unwrap_or(buf.len());
        block.consume(used);
        if end.is_some() {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::BufReader;

    use super::*;

    /// What is left of `input`.
    fn rest(input: &mut impl Read) -> Vec<u8> {
        let mut bytes = Vec::new();
        input.read_to_end(&mut bytes).unwrap();
        bytes
    }

    /// One record with `fields` (`Content-Length` added) and `block`.
    fn record(fields: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.1\r\n{fields}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    /// Every record of `bytes` (read through a tiny buffer) with the content of its block.
    fn records(bytes: &[u8]) -> io::Result<Vec<(Record, Vec<u8>)>> {
        let mut reader = Reader::new(BufReader::with_capacity(3, bytes), false);
        let mut all = Vec::new();
        while let Some(record) = reader.next_record()? {
            let mut content = Vec::new();
            reader.read_block(&record, |block| {
                match record.content() {
                    Content::Skip => {}
                    Content::Block => content = rest(block),
                    Content::HttpBody => {
                        skip_http_header(block)?;
                        content = rest(block);
                    }
                }
                Ok::<(), io::Error>(())
            })?;
            all.push((record, content));
        }
        Ok(all)
    }

    #[test]
    fn records_are_read_with_their_fields_and_content() {
        let mut bytes = record("WARC-Type: warcinfo\r\n", b"software: test\r\n");
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>page</p>";
        bytes.extend(record(
            "WARC-Type: request\r\nWARC-Target-URI: http://a.cn/\r\n",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        let response = "WARC-Type: response\r\nwarc-target-uri: <http://a.cn/>\r\n\
                        Content-Type: application/http; msgtype=response\r\n";
        bytes.extend(record(response, http));
        bytes.extend(record(
            "WARC-Type: conversion\r\nWARC-Target-URI: http://b.cn/x\r\n  ?y=1\r\n",
            "页脚".as_bytes(),
        ));
        let all = records(&bytes).unwrap();
        let kinds: Vec<&str> = all.iter().map(|(r, _)| r.kind.as_str()).collect();
        assert_eq!(kinds, ["warcinfo", "request", "response", "conversion"]);
        assert_eq!(all[2].0.target_uri.as_deref(), Some("http://a.cn/"));
        assert_eq!(all[2].1, b"<p>page</p>");
        assert_eq!(all[3].0.target_uri.as_deref(), Some("http://b.cn/x ?y=1"));
        assert_eq!(all[3].1, "页脚".as_bytes());
        assert_eq!(all[1].1, b"");
        let second = record("WARC-Type: warcinfo\r\n", b"software: test\r\n").len();
        assert_eq!(all[1].0.offset, second as u64);
    }

    #[test]
    fn what_of_a_record_is_scanned() {
        let of = |kind: &str, content_type: Option<&str>| {
            Record {
                offset: 0,
                kind: kind.to_owned(),
                target_uri: None,
                content_type: content_type.map(str::to_owned),
                content_length: 0,
            }
            .content()
        };
        assert_eq!(of("response", None), Content::HttpBody);
        let http = Some("application/http;msgtype=response");
        assert_eq!(of("Response", http), Content::HttpBody);
        assert_eq!(of("response", Some("text/dns")), Content::Block);
        assert_eq!(of("resource", Some("text/html")), Content::Block);
        assert_eq!(of("conversion", None), Content::Block);
        for skipped in ["warcinfo", "request", "metadata", "revisit", ""] {
            assert_eq!(of(skipped, None), Content::Skip, "{skipped}");
        }
    }

    #[test]
    fn http_headers_end_at_the_first_blank_line() {
        for (block, body) in [
            (
                &b"HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody\r\n\r\nmore"[..],
                &b"body\r\n\r\nmore"[..],
            ),
            (b"HTTP/1.0 200 OK\nA: b\n\nbody", b"body"),
            (b"HTTP/1.1 204 No Content\r\n\r\n", b""),
            (b"HTTP/1.1 200 OK\r\nno end", b""),
        ] {
            let mut input = BufReader::with_capacity(2, block);
            skip_http_header(&mut input).unwrap();
            assert_eq!(rest(&mut input), body);
        }
    }

    #[test]
    fn a_truncated_block_names_its_record_and_where_the_input_ends() {
        let mut bytes = record("WARC-Type: warcinfo\r\n", b"x");
        let first = bytes.len();
        bytes.extend(record(
            "WARC-Type: resource\r\nWARC-Target-URI: http://a.cn/\r\n",
            &[b'y'; 100],
        ));
        bytes.truncate(bytes.len() - 30);
        let err = records(&bytes).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
        let message = err.to_string();
        let expected = format!(
            "truncated WARC record at byte {first} (http://a.cn/): the input ends at byte {}, \
             26 bytes before the end of its block (Content-Length 100)",
            bytes.len()
        );
        assert_eq!(message, expected);
    }

    #[test]
    fn a_truncated_header_is_an_error() {
        let bytes = record("WARC-Type: resource\r\n", b"x");
        let err = records(&bytes[..20]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "truncated WARC record at byte 0: the input ends at byte 20 inside its header"
        );
    }

    #[test]
    fn other_framing_errors_say_what_is_wrong() {
        let mut bytes = record("WARC-Type: resource\r\n", b"x");
        bytes.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
        let err = records(&bytes).unwrap_err().to_string();
        assert!(err.starts_with("not a WARC record at byte 57: "), "{err}");
        let err = records(b"WARC/1.0\r\nWARC-Type: resource\r\n\r\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad WARC record at byte 0: no valid Content-Length"
        );
    }

    #[test]
    fn records_without_the_final_blank_lines_are_read() {
        let mut bytes = record("WARC-Type: resource\r\n", b"abc");
        bytes.truncate(bytes.len() - 4);
        let all = records(&bytes).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].1, b"abc");
    }
}
