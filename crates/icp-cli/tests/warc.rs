//! `icp scan` on WARC and WET crawl files, plain or gzipped per record, from files or standard
//! input: which records are read, the URL of each number, truncated records.

mod common;

use std::fs;
use std::io::Write;

use common::{icp, icp_in};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};

/// One WARC 1.1 record of type `kind` for `uri` (none when empty) with `block`.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut header = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n");
    if !uri.is_empty() {
        header.push_str(&format!("WARC-Target-URI: {uri}\r\n"));
    }
    header.push_str(&format!(
        "WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    ));
    let mut bytes = header.into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

/// `bytes` as one gzip member.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The records of a small crawl: numbers in every kind of record, but only those in pages count.
fn crawl() -> Vec<Vec<u8>> {
    let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                X-Footer: 京ICP备99999999号\r\n\r\n\
                <html>\n<p>页脚 京ICP备12345678号-1 | 京公网安备11010802020088号</p>\n</html>\n";
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            "software: test\r\nnote: 京ICP备99999999号\r\n".as_bytes(),
        ),
        record(
            "request",
            "http://a.example.cn/",
            "application/http; msgtype=request",
            "GET /?q=京ICP备99999999号 HTTP/1.1\r\n\r\n".as_bytes(),
        ),
        record(
            "response",
            "http://a.example.cn/",
            "application/http; msgtype=response",
            http.as_bytes(),
        ),
        record(
            "metadata",
            "http://a.example.cn/",
            "application/warc-fields",
            "via: 京ICP备99999999号\r\n".as_bytes(),
        ),
        record(
            "resource",
            "https://b.example.cn/about.txt",
            "text/plain",
            "粤B2-20090059".as_bytes(),
        ),
    ]
}

/// What `icp scan` prints for [`crawl`].
const CRAWL: &str = "\
http://a.example.cn/:2:7  京ICP备12345678号-1  (filing, CN-BJ)
http://a.example.cn/:2:26  京公网安备11010802020088号  (psb, CN-BJ)
https://b.example.cn/about.txt:1:1  粤B2-20090059  (telecom, CN-GD)
";

#[test]
fn warc_pages_are_scanned_and_attributed_to_their_url() {
    let records = crawl();
    let plain = records.concat();
    let per_record: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("crawl.warc"), &plain).unwrap();
    fs::write(dir.path().join("crawl.warc.gz"), &per_record).unwrap();
    fs::write(dir.path().join("crawl.dat"), &per_record).unwrap();
    for name in ["crawl.warc", "crawl.warc.gz", "crawl.dat"] {
        let run = icp_in(dir.path(), &["scan", name], b"");
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{name}");
        assert_eq!(run.stdout, CRAWL, "{name}");
    }
    for input in [&plain, &per_record] {
        let run = icp(&["scan"], input);
        assert_eq!((run.code, run.stdout.as_str()), (0, CRAWL));
    }
    // Directories are searched for .warc and .warc.gz files.
    let run = icp_in(dir.path(), &["scan", "."], b"");
    assert_eq!(run.stdout.lines().count(), 6, "{}", run.stdout);
}

#[test]
fn json_has_the_url_and_offsets_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("crawl.warc"), crawl().concat()).unwrap();
    let run = icp_in(dir.path(), &["scan", "--json", "crawl.warc"], b"");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3);
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let fields = ["path", "url", "line", "column", "byte", "text", "number"];
    assert_eq!(keys, fields);
    assert_eq!(lines[0]["path"], "crawl.warc");
    assert_eq!(lines[0]["url"], "http://a.example.cn/");
    // Offsets count from the start of the HTTP body.
    let body = "<html>\n<p>页脚 ";
    assert_eq!(lines[0]["byte"], body.len());
    assert_eq!(lines[2]["url"], "https://b.example.cn/about.txt");
    assert_eq!(
        (&lines[2]["byte"], &lines[2]["text"]),
        (&json!(0), &json!("粤B2-20090059"))
    );

    // Plain text has no url field.
    let plain = icp(&["scan", "--json"], "粤B2-20090059".as_bytes());
    assert_eq!(plain.json_lines()[0].get("url"), None);
}

#[test]
fn wet_conversion_records_are_scanned_whole() {
    let wet = [
        record("warcinfo", "", "application/warc-fields", b"x: y\r\n"),
        record(
            "conversion",
            "http://c.example.cn/news",
            "text/plain",
            "新闻标题\n备案号：沪ICP备2021012345号-3\n".as_bytes(),
        ),
        record("conversion", "", "text/plain", "京ICP证030173号".as_bytes()),
    ];
    let dir = tempfile::tempdir().unwrap();
    let gz: Vec<u8> = wet.iter().flat_map(|r| gzip(r)).collect();
    fs::write(dir.path().join("crawl.wet.gz"), gz).unwrap();
    let run = icp_in(dir.path(), &["scan", "--json", "crawl.wet.gz"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["url"], "http://c.example.cn/news");
    assert_eq!(
        (&lines[0]["line"], &lines[0]["column"]),
        (&json!(2), &json!(5))
    );
    // A record without WARC-Target-URI: url is null, and text output shows the path.
    assert_eq!(lines[1]["url"], Value::Null);
    let text = icp_in(dir.path(), &["scan", "crawl.wet.gz"], b"");
    assert_eq!(
        text.stdout.lines().last(),
        Some("crawl.wet.gz:1:1  京ICP证030173号  (licence, CN-BJ)")
    );
}

#[test]
fn a_truncated_record_is_reported_with_its_offset_after_the_numbers_before() {
    let records = crawl();
    let mut plain = records[..4].concat();
    let last = plain.len();
    let resource = record(
        "resource",
        "https://b.example.cn/long.txt",
        "text/plain",
        &[b'x'; 1000],
    );
    plain.extend_from_slice(&resource[..resource.len() - 504]);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("cut.warc"), &plain).unwrap();
    let run = icp_in(dir.path(), &["scan", "cut.warc"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        CRAWL
            .lines()
            .take(2)
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    let expected = format!(
        "icp: cut.warc: truncated WARC record at byte {last} (https://b.example.cn/long.txt): \
         the input ends at byte {}, 500 bytes before the end of its block (Content-Length 1000)\n",
        plain.len()
    );
    assert_eq!(run.stderr, expected);

    // Gzipped per record, the offsets are those of the decompressed stream.
    let mut gz: Vec<u8> = records[..4].iter().flat_map(|r| gzip(r)).collect();
    gz.extend(gzip(&resource[..resource.len() - 504]));
    let piped = icp(&["scan", "-"], &gz);
    assert_eq!(piped.code, 2);
    let expected = expected
        .replace("cut.warc", "-")
        .replace(" byte ", " decompressed byte ");
    assert_eq!(piped.stderr, expected);

    // A gzip member cut short: the gzip error, with its offsets.
    let cut = gz.len() - 30;
    let run = icp(&["scan", "-"], &gz[..cut]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout.lines().count(), 2);
    let prefix = format!("icp: -: truncated gzip data: the input ends at compressed byte {cut}, ");
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
}
