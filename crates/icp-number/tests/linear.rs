//! Guards against quadratic time: every way into the scanner reads 8 MiB in at most 6 × 32 times
//! the CPU time it takes for 256 KiB (linear time gives about 32×, a little more as the large
//! input leaves the cache; the quadratic `scan_bytes` of old gave over 1000×). It counts the
//! thread's CPU time, not the wall clock, so a busy machine does not fail it; the figures are in
//! the failure message. Throughput itself is measured by the benchmarks, not here.

use std::time::Duration;

use cpu_time::ThreadTime;
use icp_number::Stream;

/// Chinese prose with a footer every 7 KB or so, and three inputs built to keep candidates open.
fn inputs(size: usize) -> Vec<(&'static str, Vec<u8>)> {
    let page = format!(
        "{}<footer>© 2024 某公司 | 京ICP备12345678号-1 | 京公网安备 11010802020088号</footer>\n",
        "<p>本网站由某公司运营，致力于为用户提供优质的服务与产品，欢迎访问。</p>\n".repeat(70)
    );
    let fill = |unit: &str| unit.repeat(size / unit.len()).into_bytes();
    vec![
        ("pages", page.repeat(size / page.len() + 1).into_bytes()),
        ("京 repeated", fill("京")),
        ("&nbsp; repeated", fill("&nbsp;")),
        (
            "invalid UTF-8 between numbers",
            [b"\xff".as_slice(), "京ICP备1".as_bytes(), b"\xfe"]
                .concat()
                .repeat(size / 12),
        ),
    ]
}

/// The least CPU time `scan` takes over `runs` runs.
fn fastest(bytes: &[u8], runs: usize, scan: fn(&[u8]) -> usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = ThreadTime::now();
            std::hint::black_box(scan(std::hint::black_box(bytes)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The numbers [`icp_number::scan_part`] finds in the whole input, range by range (4 KiB each),
/// as a prefilter outside the crate calls it: on the whole slice each time.
fn by_ranges(bytes: &[u8]) -> usize {
    let mut found = 0;
    let mut from = 0;
    for start in (0..bytes.len()).step_by(4 << 10) {
        let to = start + (4 << 10);
        for m in icp_number::scan_part(bytes, from.max(start), to) {
            found += 1;
            from = m.end();
        }
    }
    found
}

fn streamed(bytes: &[u8], chunk: usize) -> usize {
    let mut stream = Stream::new();
    let found: usize = bytes.chunks(chunk).map(|c| stream.feed(c).count()).sum();
    found + stream.finish().count()
}

/// An entry point's name, and a scan through it that counts the numbers.
type EntryPoint = (&'static str, fn(&[u8]) -> usize);

/// One test, so that the entry points are timed one after the other, never side by side.
#[test]
fn every_entry_point_is_linear() {
    let entry_points: [EntryPoint; 5] = [
        ("scan", |b| {
            std::str::from_utf8(b).map_or(0, |text| icp_number::scan(text).count())
        }),
        ("scan_bytes", |b| icp_number::scan_bytes(b).count()),
        ("scan_part, 4 KiB ranges of the whole input", by_ranges),
        ("stream in 64 KiB chunks", |b| streamed(b, 64 << 10)),
        ("stream in 100-byte chunks", |b| streamed(b, 100)),
    ];
    let small = inputs(256 << 10);
    let large = inputs(8 << 20);
    for (name, scan) in entry_points {
        for ((input, small), (_, large)) in small.iter().zip(&large) {
            let (t1, t32) = (fastest(small, 3, scan), fastest(large, 1, scan));
            let ratio = t32.as_secs_f64() / t1.as_secs_f64().max(1e-6);
            assert!(
                ratio < 6.0 * 32.0,
                "{name} on {input}: 256 KiB took {t1:?}, 8 MiB took {t32:?} ({ratio:.0}×)"
            );
        }
    }
}
