//! `icp scan` reads in chunks: numbers across chunk borders, standard input printed as it comes,
//! gzip and zstd, truncated input, and time linear in the size of the input.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{icp, icp_in};
use flate2::Compression;
use flate2::write::GzEncoder;

/// The bytes `icp scan` reads at a time.
const CHUNK: usize = 64 * 1024;

/// `bytes` as one gzip member.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Line and column (1-based, in characters, an invalid sequence counting as one) of `offset`.
fn line_column(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line as u64, column as u64)
}

/// (start, end, line, column, text) of each JSON line (`end` = `byte` + the text's length).
fn spans(run: &common::Run) -> Vec<(u64, u64, u64, u64, String)> {
    run.json_lines()
        .iter()
        .map(|v| {
            let n = |key: &str| v[key].as_u64().unwrap();
            let text = v["text"].as_str().unwrap().to_owned();
            let end = n("byte") + text.len() as u64;
            (n("byte"), end, n("line"), n("column"), text)
        })
        .collect()
}

/// The spans `icp scan --json` should print for `bytes` holding `numbers` at `starts`.
fn expected_spans(bytes: &[u8], starts: &[(usize, &str)]) -> Vec<(u64, u64, u64, u64, String)> {
    starts
        .iter()
        .map(|&(start, number)| {
            let (line, column) = line_column(bytes, start);
            let end = (start + number.len()) as u64;
            (start as u64, end, line, column, number.to_owned())
        })
        .collect()
}

/// A text several chunks long with numbers straddling each chunk border at various places,
/// wide characters and invalid UTF-8 split by the borders too; and where each number starts.
fn straddling() -> (Vec<u8>, Vec<(usize, &'static str)>) {
    let numbers = [
        "京ICP备12345678号-1",
        "沪公网安备31011502000001号",
        "粤B2-20090059",
    ];
    let mut bytes = Vec::new();
    let mut starts = Vec::new();
    for (border, back) in [1, 2, 3, 4, 5, 6, 7]
        .into_iter()
        .zip([1, 2, 5, 11, 20, 24, 40])
    {
        let number = numbers[border % numbers.len()];
        let at = border * CHUNK - back;
        // Fill up to the number with lines of prose, an invalid sequence and a wide character
        // that the previous border splits.
        while bytes.len() + 40 < at {
            bytes.extend_from_slice("正文正文 \u{3000}text".as_bytes());
            bytes.push(0xff);
            if bytes.len() % 7 == 0 {
                bytes.push(b'\n');
            }
        }
        bytes.resize(at - 1, b' ');
        bytes.push(b'>');
        starts.push((bytes.len(), number));
        bytes.extend_from_slice(number.as_bytes());
        bytes.extend_from_slice("。页脚\n".as_bytes());
    }
    (bytes, starts)
}

#[test]
fn numbers_straddling_chunk_borders_keep_their_offsets_lines_and_columns() {
    let (bytes, starts) = straddling();
    assert!(bytes.len() > 7 * CHUNK);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.html"), &bytes).unwrap();
    let run = icp_in(dir.path(), &["scan", "--json", "big.html"], b"");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(spans(&run), expected_spans(&bytes, &starts));

    let piped = icp(&["scan", "--json", "-"], &bytes);
    assert_eq!(spans(&piped), expected_spans(&bytes, &starts));
}

#[test]
fn a_giant_line_is_counted_in_characters() {
    // One line of 2.5 chunks of 京 (3 bytes each, so chunk borders split them), then a number.
    let mut bytes = "京".repeat(CHUNK * 5 / 6).into_bytes();
    bytes.extend_from_slice(b"\xe4\xba ");
    let start = bytes.len();
    bytes.extend_from_slice("京ICP备12345678号".as_bytes());
    let run = icp(&["scan", "--json"], &bytes);
    let expected = (start as u64, CHUNK as u64 * 5 / 6 + 3);
    let v = &run.json_lines()[0];
    assert_eq!(
        (v["byte"].as_u64().unwrap(), v["column"].as_u64().unwrap()),
        expected
    );
    assert_eq!(v["line"], 1);
}

/// Reads the lines `icp` prints into a channel, so that a test can wait for one with a timeout.
fn lines_of(stdout: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

#[test]
fn standard_input_is_printed_as_it_comes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_icp"))
        .args(["scan", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let lines = lines_of(child.stdout.take().unwrap());
    // A number, then enough blank lines for the scanner to know it does not go on.
    stdin
        .write_all("页脚：京ICP备12345678号-1\n".as_bytes())
        .unwrap();
    stdin.write_all(&[b'\n'; 1024]).unwrap();
    stdin.flush().unwrap();
    let first = lines.recv_timeout(Duration::from_secs(60));
    assert_eq!(
        first.as_deref(),
        Ok("-:1:4  京ICP备12345678号-1  (filing, CN-BJ)"),
        "printed before standard input is closed"
    );
    stdin.write_all("粤B2-20090059".as_bytes()).unwrap();
    drop(stdin);
    let second = lines.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(second, "-:1026:1  粤B2-20090059  (telecom, CN-GD)");
    assert!(child.wait().unwrap().success());
}

/// Writes `bytes` to `name` in `dir`.
fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn gzip_files_are_read_decompressed_with_offsets_in_the_decompressed_text() {
    let first = "页脚：京ICP备12345678号-1\n".as_bytes();
    let second = "二\n京公网安备11010802020088号\n".as_bytes();
    let dir = tempfile::tempdir().unwrap();
    let mut members = gzip(first);
    members.extend(gzip(second));
    write(dir.path(), "one.html.gz", &gzip(&[first, second].concat()));
    write(dir.path(), "two.txt.gz", &members);
    write(dir.path(), "skipped.bin.gz", &gzip(first));
    let expected = "\
./one.html.gz:1:4  京ICP备12345678号-1  (filing, CN-BJ)
./one.html.gz:3:1  京公网安备11010802020088号  (psb, CN-BJ)
./two.txt.gz:1:4  京ICP备12345678号-1  (filing, CN-BJ)
./two.txt.gz:3:1  京公网安备11010802020088号  (psb, CN-BJ)
";
    let run = icp_in(dir.path(), &["scan", "."], b"");
    assert_eq!((run.code, run.stdout.as_str()), (0, expected));

    // Standard input is told gzip by its first bytes.
    let piped = icp(&["scan", "--json"], &members);
    let lines = piped.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["byte"], first.len() + "二\n".len());
    assert_eq!(lines[1]["text"], "京公网安备11010802020088号");
}

#[test]
fn a_truncated_gzip_is_reported_with_its_offsets_after_the_numbers_before() {
    let mut text = "京ICP备12345678号-1\n".repeat(200).into_bytes();
    text.extend(std::iter::repeat_n(b'.', 300_000));
    let packed = gzip(&text);
    let cut = packed.len() - 100;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "cut.html.gz", &packed[..cut]);
    write(dir.path(), "z.html", "粤B2-20090059".as_bytes());
    let run = icp_in(dir.path(), &["scan", "cut.html.gz", "z.html"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout.lines().count(), 201, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("z.html:1:1  粤B2-20090059  (telecom, CN-GD)\n")
    );
    let prefix =
        format!("icp: cut.html.gz: truncated gzip data: the input ends at compressed byte {cut}, ");
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(
        run.stderr.ends_with(" decompressed bytes\n"),
        "{}",
        run.stderr
    );

    let piped = icp(&["scan", "-"], &packed[..cut]);
    assert_eq!(piped.code, 2);
    assert!(piped.stderr.starts_with("icp: -: truncated gzip data: "));
}

/// `zstd -19` of 40 lines `第{i}页 页脚：京ICP备12345678号-{i % 9 + 1} 京公网安备11010802020088号`
/// (i from 1) and a last line `粤B2-20090059`: 81 numbers.
const ZSTD: &[u8] = &[
    0x28, 0xb5, 0x2f, 0xfd, 0x64, 0x96, 0x0a, 0x65, 0x06, 0x00, 0xd2, 0x0b, 0x23, 0x21, 0xa0, 0x29,
    0x1d, 0x98, 0x4f, 0x32, 0x54, 0x01, 0xfb, 0xcc, 0x67, 0x13, 0x73, 0xd4, 0x59, 0xb3, 0xe2, 0x00,
    0x00, 0x34, 0x1c, 0x4d, 0x9c, 0x2d, 0xf7, 0x96, 0x32, 0x25, 0xb4, 0xa0, 0x12, 0x60, 0x1e, 0x8d,
    0x42, 0x33, 0x65, 0xe6, 0x80, 0x05, 0x0e, 0xc8, 0x83, 0x76, 0xa7, 0xfe, 0xbc, 0xd3, 0x8b, 0xae,
    0xf0, 0x79, 0x4f, 0x3f, 0xf2, 0xb1, 0x3f, 0xfb, 0x95, 0x9d, 0x6e, 0xb2, 0x42, 0x4e, 0x74, 0x3a,
    0xa3, 0x1b, 0xed, 0xab, 0x6f, 0xb6, 0x6a, 0xb3, 0x2a, 0x35, 0x51, 0x13, 0x16, 0x5d, 0xf1, 0x3d,
    0xf7, 0xad, 0xad, 0x55, 0x2a, 0x33, 0x25, 0x84, 0x10, 0xef, 0x7e, 0xaf, 0xf5, 0x34, 0x69, 0x66,
    0xb3, 0xa5, 0xd5, 0x9a, 0x78, 0x38, 0x8b, 0xca, 0xb3, 0x0e, 0xce, 0x9a, 0x58, 0x00, 0x0e, 0x48,
    0x14, 0x4e, 0x26, 0x84, 0x77, 0x17, 0xe1, 0x70, 0x0a, 0x03, 0xc2, 0x9a, 0x58, 0x18, 0x94, 0x0c,
    0xc3, 0x70, 0x01, 0x44, 0x1a, 0x98, 0xae, 0xf5, 0x04, 0x51, 0xa8, 0x11, 0x50, 0xee, 0x52, 0x99,
    0xf6, 0x33, 0xe0, 0x99, 0x0e, 0x32, 0x20, 0x04, 0xff, 0xff, 0x37, 0x0c, 0xfc, 0xc0, 0x60, 0x9a,
    0xc9, 0x9c, 0x13, 0x5a, 0x07, 0xe4, 0x4c, 0x6c, 0x39, 0xd9, 0x66, 0x30, 0xe7, 0x60, 0xaf, 0x10,
    0x3d, 0x01, 0x03, 0x36, 0xbb, 0x88, 0xb5, 0xe2, 0x08, 0xb1, 0x99, 0xd4, 0x29, 0x23, 0x73, 0x35,
    0x40, 0x9a, 0x15, 0xc0, 0xfe, 0x03, 0x27, 0xe7, 0x3b, 0x20,
];

#[test]
fn zstd_files_are_read_decompressed_frame_after_frame() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "footers.txt.zst", ZSTD);
    let run = icp_in(dir.path(), &["scan", "."], b"");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout.lines().count(), 81);
    assert_eq!(
        run.stdout.lines().nth(1),
        Some("./footers.txt.zst:1:25  京公网安备11010802020088号  (psb, CN-BJ)")
    );
    assert_eq!(
        run.stdout.lines().last(),
        Some("./footers.txt.zst:41:1  粤B2-20090059  (telecom, CN-GD)")
    );
    // Two frames one after the other, on standard input (told by its first bytes).
    let run = icp(&["scan"], &ZSTD.repeat(2));
    assert_eq!(run.stdout.lines().count(), 162);
    assert!(
        run.stdout
            .ends_with("-:82:1  粤B2-20090059  (telecom, CN-GD)\n")
    );

    let cut = icp(&["scan", "-"], &ZSTD[..150]);
    assert_eq!(cut.code, 2);
    let message = "icp: -: truncated zstd data: the input ends at compressed byte 150, after ";
    assert!(cut.stderr.starts_with(message), "{}", cut.stderr);
}

/// A page of Chinese prose (about 7 KB) with a footer of two numbers; without newlines when
/// `one_line`.
fn prose_page(i: usize, one_line: bool) -> String {
    const SENTENCES: [&str; 4] = [
        "北京市今天发布了新一轮城市更新计划，重点改造老旧小区和背街小巷。",
        "这辆车挂的是沪A牌照，车主表示已经在上海生活了十年。",
        "在北京 2024 年的政府工作报告中，数字经济被列为重点发展方向。",
        "据粤 港两地海关统计，跨境电商包裹数量同比增长三成&nbsp;。",
    ];
    let end = if one_line { "" } else { "\n" };
    let mut page = format!("<html><body>{end}");
    let mut k = i;
    while page.len() < 7000 {
        page.push_str(&format!("<p>{}</p>{end}", SENTENCES[k % SENTENCES.len()]));
        k += 1;
    }
    page.push_str(&format!(
        "<footer>京ICP备12345678号-1 | 京公网安备 11010802020088号</footer></body></html>{end}"
    ));
    page
}

/// At least `size` bytes of prose pages, and the numbers in them.
fn pages(one_line: bool, size: usize) -> (Vec<u8>, Option<usize>) {
    let mut bytes = Vec::new();
    let mut i = 0;
    while bytes.len() < size {
        bytes.extend_from_slice(prose_page(i, one_line).as_bytes());
        i += 1;
    }
    (bytes, Some(2 * i))
}

/// At least `size` bytes made of `unit` repeated.
fn repeated(unit: &str, size: usize) -> Vec<u8> {
    unit.repeat(size / unit.len() + 1).into_bytes()
}

/// The fastest of `runs` runs of `icp scan` on `path`, which must find `numbers` numbers.
fn time_scan(path: &Path, runs: usize, numbers: Option<usize>) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let output = Command::new(env!("CARGO_BIN_EXE_icp"))
                .args(["scan", path.to_str().unwrap()])
                .output()
                .unwrap();
            let elapsed = start.elapsed();
            assert!(output.status.success());
            if let Some(numbers) = numbers {
                assert_eq!(
                    output.stdout.iter().filter(|&&b| b == b'\n').count(),
                    numbers
                );
            }
            elapsed
        })
        .min()
        .unwrap()
}

#[test]
fn time_grows_linearly_with_the_input() {
    const MIB: usize = 1 << 20;
    let dir = tempfile::tempdir().unwrap();
    type Input = fn(usize) -> (Vec<u8>, Option<usize>);
    let inputs: [(&str, Input); 4] = [
        ("pages", |size| pages(false, size)),
        ("one-line", |size| pages(true, size)),
        ("han", |size| (repeated("京", size), Some(0))),
        ("nbsp", |size| (repeated("&nbsp;", size), Some(0))),
    ];
    for (name, make) in inputs {
        let small = dir.path().join(format!("{name}-1.html"));
        let big = dir.path().join(format!("{name}-32.html"));
        let (bytes, numbers) = make(MIB);
        fs::write(&small, bytes).unwrap();
        let (bytes, big_numbers) = make(32 * MIB);
        fs::write(&big, bytes).unwrap();
        let t1 = time_scan(&small, 3, numbers);
        let t32 = time_scan(&big, 1, big_numbers);
        // Linear is 32 times; a quadratic path would be about 1000 times.
        assert!(
            t32 < t1 * 32 * 4,
            "{name}: 1 MiB in {t1:?}, 32 MiB in {t32:?}"
        );
        fs::remove_file(&big).unwrap();
    }
}
