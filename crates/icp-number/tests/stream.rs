//! The streaming scanner reports what a whole-input scan reports, however the input is split:
//! every scan vector cut at every byte, and generated pages (the vectors' texts between prose,
//! markup, `&nbsp;` runs and invalid UTF-8) fed in random chunk sizes.

mod common;
// `crates/icp-invariants/src/lib.rs` (a symlink, packed as a file); only `by_stretch`, `key`
// and `stream` are used here.
#[allow(dead_code)]
mod invariants;

use std::sync::OnceLock;

use icp_number::{Match, Stream, WINDOW};
use invariants::{by_stretch, key};
use proptest::prelude::*;

fn vector_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        common::load_scan()
            .cases
            .into_iter()
            .map(|c| c.text)
            .collect()
    })
}

/// Feeds `bytes` to a fresh stream cut at `cuts` (sorted offsets), then finishes it.
fn streamed(bytes: &[u8], cuts: &[usize]) -> Vec<Match> {
    let mut stream = Stream::new();
    let mut found = Vec::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([&bytes.len()]) {
        let cut = cut.clamp(from, bytes.len());
        found.extend(stream.feed(&bytes[from..cut]));
        from = cut;
    }
    found.extend(stream.finish());
    found
}

#[test]
fn every_scan_vector_cut_at_every_byte() {
    let mut checked = 0;
    for text in vector_texts() {
        let bytes = text.as_bytes();
        let whole: Vec<Match> = icp_number::scan_bytes(bytes).collect();
        for cut in 0..=bytes.len() {
            assert_eq!(streamed(bytes, &[cut]), whole, "{text:?} cut at {cut}");
            checked += 1;
        }
        invariants::stream(bytes, &[1], &whole);
    }
    assert!(checked > 5_000, "only {checked} splits");
}

/// A stream is reusable: after `finish`, offsets start again from 0.
#[test]
fn finish_starts_a_new_input() {
    let page = "页脚 京ICP备12345678号-1 京公网安备11010802020088号".as_bytes();
    let mut stream = Stream::new();
    for _ in 0..3 {
        let mut found = Vec::new();
        for chunk in page.chunks(5) {
            found.extend(stream.feed(chunk));
        }
        found.extend(stream.finish());
        assert_eq!(found, icp_number::scan_bytes(page).collect::<Vec<_>>());
        assert_eq!(found.len(), 2);
    }
}

/// Dropping a chunk's iterator early loses what it had not yet reported, and nothing else: the
/// offsets of later numbers stay right.
#[test]
fn a_dropped_feed_reads_the_rest_of_its_chunk() {
    let first = "京ICP备12345678号 京ICP证030173号 ".repeat(20);
    let second = "粤B2-20090059 ".repeat(20);
    let whole: Vec<Match> = icp_number::scan(&(first.clone() + &second)).collect();
    let in_first = Stream::new().feed(first.as_bytes()).count();
    assert!(in_first > 1 && in_first < whole.len());

    let mut stream = Stream::new();
    let seen = stream.feed(first.as_bytes()).next();
    assert_eq!(seen.as_ref(), whole.first());
    let mut later: Vec<Match> = stream.feed(second.as_bytes()).collect();
    later.extend(stream.finish());
    assert_eq!(later, whole[in_first..]);
    // What a chunk leaves undecided is at most a window from its end.
    assert!(whole[in_first].start() + WINDOW >= first.len());
}

/// Pieces of generated pages: prose, markup, entities, long runs that keep a candidate open,
/// and invalid UTF-8.
fn text(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => (0..vector_texts().len()).prop_map(|i| text(&vector_texts()[i])),
        2 => Just(text("<p>本网站由某公司运营，版权所有。</p>\n")),
        1 => Just(text("<a href=\"https://beian.miit.gov.cn/\" target=\"_blank\">")),
        1 => Just(text("&nbsp;|&nbsp;")),
        1 => (1..400usize).prop_map(|n| text(&"&nbsp;".repeat(n / 6 + 1))),
        1 => (1..200usize).prop_map(|n| text(&"京".repeat(n))),
        1 => (1..300usize).prop_map(|n| text(&" ".repeat(n))),
        // Numbers that fill most of a window: spread out by entities, or split by long markup.
        2 => (0..40usize, 0..40usize).prop_map(|(a, b)| text(&format!(
            "京{}ICP备{}12345678号-1",
            "&nbsp;".repeat(a),
            "\u{3000}".repeat(b)
        ))),
        2 => (0..240usize).prop_map(|n| text(&format!(
            "京ICP备2024<span title=\"{}\">012345</span>号",
            "x".repeat(n)
        ))),
        1 => Just(b"\xff\xfe".to_vec()),
        1 => Just(b"\xe4\xba".to_vec()),
        1 => Just(b"\xf0\x9f\x98".to_vec()),
    ]
}

fn page() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn generated_pages_in_random_chunks(
        bytes in page(),
        cuts in proptest::collection::vec(any::<proptest::sample::Index>(), 0..12),
    ) {
        let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        cuts.sort_unstable();
        let whole: Vec<Match> = icp_number::scan_bytes(&bytes).collect();
        prop_assert_eq!(whole.iter().map(key).collect::<Vec<_>>(), by_stretch(&bytes));
        prop_assert_eq!(streamed(&bytes, &cuts), whole);
    }

    #[test]
    fn generated_pages_in_fixed_chunk_sizes(bytes in page(), size in 1..2000usize) {
        let whole: Vec<Match> = icp_number::scan_bytes(&bytes).collect();
        invariants::stream(&bytes, &[size], &whole);
    }

    #[test]
    fn scan_bytes_resumes_anywhere(bytes in page(), at in any::<proptest::sample::Index>()) {
        let at = at.index(bytes.len() + 1);
        // Resuming reads the bytes from `at` on as a whole input.
        let resumed: Vec<_> = icp_number::scan_bytes(&bytes).at(at).map(|m| key(&m)).collect();
        let expected: Vec<_> = by_stretch(&bytes[at..])
            .into_iter()
            .map(|(s, e, n, f)| (s + at, e + at, n, f))
            .collect();
        prop_assert_eq!(resumed, expected);
    }
}
