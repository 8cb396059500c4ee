//! The C ABI's scans take time linear in the input (issue 11): `icp_scan_next` over a whole
//! buffer and `icp_stream_next` over chunks read 8 MiB in at most 6 × 32 times the CPU time they
//! take for 256 KiB (linear time gives about 32×; the quadratic `icp_scan_next` of old gave about
//! 1000×). The small size is timed a few times and the fastest run counts; it is the thread's CPU
//! time, so a busy machine does not fail it. The figures are in the failure message.
//!
//! The throughput of the C ABI on 100 MB is measured by an ignored test, in a release build:
//!
//! ```sh
//! cargo test --release -p icp-ffi --test linear -- --ignored --nocapture
//! ```

// The extern "C" functions are called as C calls them, through raw pointers.
#![allow(unsafe_code)]

use std::ffi::c_char;
use std::mem::MaybeUninit;
use std::time::{Duration, Instant};

use cpu_time::ThreadTime;

use icp_number_ffi::{
    IcpMatch, IcpScanner, IcpStatus, IcpStream, icp_scan_next, icp_scanner_init, icp_stream_init,
    icp_stream_next,
};

/// Pages of Chinese prose of about 7 KB, each with a footer holding an ICP filing and a
/// public-security number, repeated to at least `size` bytes.
fn pages(size: usize) -> Vec<u8> {
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>某公司</title></head><body>\n{}\
         <footer>© 2024 某公司 版权所有 | <a href=\"https://beian.miit.gov.cn/\">京ICP备12345678号-1</a> \
         | 京公网安备 11010802020088号</footer></body></html>\n",
        "<p>本网站由某公司运营，致力于为用户提供优质的服务与产品，欢迎访问。</p>\n".repeat(70)
    );
    page.repeat(size / page.len() + 1).into_bytes()
}

/// The pages, and inputs built to keep candidates open. (Not invalid UTF-8: the core's own
/// linear-time test times it, and in a debug build it would take most of this test's time.)
fn inputs(size: usize) -> Vec<(&'static str, Vec<u8>)> {
    let fill = |unit: &[u8]| unit.repeat(size / unit.len());
    vec![
        ("pages", pages(size)),
        ("京 repeated", fill("京".as_bytes())),
        ("&nbsp; repeated", fill(b"&nbsp;")),
    ]
}

/// Every number in `text` through `icp_scanner_init` and `icp_scan_next`.
fn scanned(text: &[u8]) -> usize {
    let mut scanner = MaybeUninit::<IcpScanner>::uninit();
    let mut m = MaybeUninit::<IcpMatch>::uninit();
    // SAFETY: the pointers are valid; `text` outlives the scan; `icp_scanner_init` writes the
    // scanner before `icp_scan_next` reads it (it returns `ICP_OK`, checked).
    unsafe {
        let status = icp_scanner_init(scanner.as_mut_ptr(), text.as_ptr().cast(), text.len(), 0);
        assert_eq!(status, IcpStatus::ICP_OK);
        let mut found = 0;
        loop {
            match icp_scan_next(scanner.as_mut_ptr(), m.as_mut_ptr()) {
                IcpStatus::ICP_OK => found += 1,
                IcpStatus::ICP_DONE => return found,
                status => panic!("icp_scan_next: {status:?}"),
            }
        }
    }
}

/// Every number in `text` through `icp_stream_next`, fed in chunks of `chunk` bytes.
fn streamed(text: &[u8], chunk: usize) -> usize {
    let mut stream = MaybeUninit::<IcpStream>::uninit();
    let mut m = MaybeUninit::<IcpMatch>::uninit();
    let mut found = 0;
    // SAFETY: the pointers are valid; `icp_stream_init` writes the stream before
    // `icp_stream_next` reads it (it returns `ICP_OK`, checked).
    unsafe {
        assert_eq!(icp_stream_init(stream.as_mut_ptr(), 0), IcpStatus::ICP_OK);
    }
    let mut rest = text;
    loop {
        let (part, after) = rest.split_at(chunk.min(rest.len()));
        let last = after.is_empty();
        let at: *const c_char = part.as_ptr().cast();
        loop {
            // SAFETY: the stream is initialised; `part` is valid for its length.
            match unsafe {
                icp_stream_next(stream.as_mut_ptr(), at, part.len(), last, m.as_mut_ptr())
            } {
                IcpStatus::ICP_OK => found += 1,
                IcpStatus::ICP_DONE => break,
                status => panic!("icp_stream_next: {status:?}"),
            }
        }
        if last {
            return found;
        }
        rest = after;
    }
}

/// The least time `scan` takes over `runs` runs, and what it found.
fn fastest(text: &[u8], runs: usize, scan: fn(&[u8]) -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut found = 0;
    for _ in 0..runs {
        let start = ThreadTime::now();
        found = std::hint::black_box(scan(std::hint::black_box(text)));
        best = best.min(start.elapsed());
    }
    (best, found)
}

type Entry = (&'static str, fn(&[u8]) -> usize);

const ENTRY_POINTS: [Entry; 3] = [
    ("icp_scan_next", scanned),
    ("icp_stream_next, 64 KiB chunks", |t| streamed(t, 64 << 10)),
    ("icp_stream_next, 4 KiB chunks", |t| streamed(t, 4 << 10)),
];

/// One test, so that the entry points are timed one after the other, never side by side.
#[test]
fn the_c_scans_are_linear() {
    let small = inputs(256 << 10);
    let large = inputs(8 << 20);
    for (name, scan) in ENTRY_POINTS {
        for ((input, small), (_, large)) in small.iter().zip(&large) {
            let (t1, n1) = fastest(small, 3, scan);
            let (t32, n32) = fastest(large, 1, scan);
            if *input == "pages" {
                assert!(
                    n1 > 50 && n32 > 32 * n1 - 64,
                    "{name} on {input}: {n1}, {n32} numbers"
                );
            }
            let ratio = t32.as_secs_f64() / t1.as_secs_f64().max(1e-6);
            assert!(
                ratio < 6.0 * 32.0,
                "{name} on {input}: 256 KiB took {t1:?}, 8 MiB took {t32:?} ({ratio:.0}×)"
            );
        }
    }
}

/// The C ABI's throughput on 100 MB of pages (about 7 KB each, with a footer of two numbers),
/// printed in MB/s (10^6 bytes a second) of wall-clock time. Run it in a release build (see the
/// top of this file).
#[test]
#[ignore = "a measurement: run it with --release -- --ignored --nocapture"]
fn throughput_on_100_mb() {
    let text = pages(100_000_000);
    let text = &text[..100_000_000];
    let expected = icp_number::scan_bytes(text).count();
    println!(
        "{} MB of pages, {} numbers ({} build)",
        text.len() / 1_000_000,
        expected,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    // The core, for comparison: alone, then with each number's canonical form written, as the
    // C ABI does for its `icp_match`.
    let mut rows: Vec<Entry> = vec![
        ("icp_number::scan_bytes", |t| {
            icp_number::scan_bytes(t).count()
        }),
        ("icp_number::scan_bytes + canonical()", |t| {
            let mut found = 0;
            for m in icp_number::scan_bytes(t) {
                std::hint::black_box(m.number().canonical());
                found += 1;
            }
            found
        }),
    ];
    rows.extend(ENTRY_POINTS);
    for (name, scan) in rows {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let start = Instant::now();
            let found = std::hint::black_box(scan(std::hint::black_box(text)));
            best = best.min(start.elapsed());
            assert_eq!(found, expected, "{name}");
        }
        let mb_s = text.len() as f64 / 1e6 / best.as_secs_f64();
        println!("{name}: {mb_s:.0} MB/s ({best:.2?} for 100 MB, fastest of 3)");
    }
}
