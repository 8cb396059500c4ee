//! The invariants of `icp-number`, in one place: the fuzz targets (`crates/icp-fuzz`) and the
//! property tests call the same functions, so "never panics", "round-trips" and "sound spans"
//! rest on the same checks whether the input comes from libFuzzer or proptest.
//!
//! Each function panics, with the input in the message, when an invariant breaks.
//!
//! The core's own tests include this file as a module (`crates/icp-number/tests/invariants/mod.rs`
//! is a symlink to it, which `cargo package` packs as a file), so the published crate's property
//! tests carry it and no path-only dev-dependency is needed.

use icp_number::{Match, Options, Parsed, Status, Stream};

/// Strict parsing: an accepted input is its own canonical form, which parses to the same value;
/// lenient mode reads it the same with no fixes; error positions are sound.
pub fn parse_strict(input: &str) {
    match Options::strict().parse(input) {
        Ok(parsed) => {
            assert!(parsed.fixes.is_empty(), "strict fixes for {input:?}");
            assert_eq!(
                parsed.number.canonical().as_str(),
                input,
                "strict accepted a non-canonical form"
            );
            round_trips(input, &parsed);
            let lenient = Options::lenient().parse(input);
            assert_eq!(
                lenient,
                Ok(parsed),
                "lenient disagrees on canonical {input:?}"
            );
        }
        Err(err) => position_is_sound(input, err.byte_offset(), err.char_index()),
    }
}

/// Lenient parsing: the canonical form of an accepted input parses strictly to the same value.
pub fn parse_lenient(input: &str) {
    match Options::lenient().parse(input) {
        Ok(parsed) => round_trips(input, &parsed),
        Err(err) => position_is_sound(input, err.byte_offset(), err.char_index()),
    }
}

/// The as-you-type check: "complete" exactly when parsing succeeds (in both modes), with the same
/// number, and never "invalid" for a prefix of an accepted input. With the core's `fast` feature
/// this also compares its two readings: strict `parse` reads canonical text directly, the
/// as-you-type check always takes the full reading.
pub fn check_prefix(input: &str) {
    for options in [Options::strict(), Options::lenient()] {
        let parsed = options.parse(input);
        // Strict `is_valid` takes the direct reading alone: it must accept exactly what the
        // full reading accepts.
        assert_eq!(
            options.is_valid(input),
            parsed.is_ok(),
            "{options:?}: {input:?}"
        );
        let status = options.check_prefix(input);
        match (&parsed, &status) {
            (Ok(p), Ok(Status::Complete(c))) => assert_eq!(p, c, "{input:?}"),
            (Ok(_), _) | (_, Ok(Status::Complete(_))) => {
                panic!("{options:?}: parse {parsed:?} but prefix check {status:?} for {input:?}")
            }
            (Err(_), Ok(Status::Incomplete(_))) => {}
            (Err(_), Err(err)) => position_is_sound(input, err.byte_offset(), err.char_index()),
        }
        if parsed.is_ok() {
            for (at, _) in input.char_indices().skip(1) {
                let head = &input[..at];
                let status = options.check_prefix(head);
                assert!(
                    status.is_ok(),
                    "{options:?}: prefix {head:?} of valid {input:?}: {status:?}"
                );
            }
        }
    }
}

/// The scanner: spans on character boundaries, in order, not overlapping; each span's text parses
/// leniently to the reported number, with the reported fixes; the byte scanner agrees on valid
/// UTF-8.
pub fn scan(text: &str) {
    let mut last_end = 0;
    let mut count = 0;
    for found in icp_number::scan(text) {
        let (start, end) = (found.start(), found.end());
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{found:?} in {text:?}"
        );
        assert!(
            last_end <= start && start < end,
            "overlapping or empty {found:?} in {text:?}"
        );
        last_end = end;
        count += 1;
        let again = icp_number::parse_lenient(&text[start..end]).map(|p| (p.number, p.fixes));
        assert_eq!(
            again,
            Ok((found.number(), found.fixes())),
            "span {:?} of {text:?}",
            &text[start..end]
        );
    }
    assert_eq!(
        icp_number::scan_bytes(text.as_bytes()).count(),
        count,
        "byte scanner on {text:?}"
    );
}

/// The scanner on arbitrary bytes: spans in bounds, in order, and on valid UTF-8; the same
/// matches as the text scanner on each valid stretch; the same again from a [`Stream`] fed the
/// bytes in chunks of several sizes.
pub fn scan_bytes(bytes: &[u8]) {
    let mut last_end = 0;
    let whole: Vec<Match> = icp_number::scan_bytes(bytes).collect();
    for found in &whole {
        assert!(
            last_end <= found.start() && found.start() < found.end() && found.end() <= bytes.len()
        );
        let span = core::str::from_utf8(&bytes[found.range()]).expect("span is valid UTF-8");
        scan(span);
        last_end = found.end();
    }
    assert_eq!(
        whole.iter().map(key).collect::<Vec<_>>(),
        by_stretch(bytes),
        "scan_bytes against the text scanner on each valid stretch of {bytes:?}"
    );
    for sizes in [&[1][..], &[2, 3, 5, 7], &[icp_number::WINDOW - 1, 1, 300]] {
        stream(bytes, sizes, &whole);
    }
}

/// A [`Stream`] fed `bytes` in chunks of `sizes` (in turn, over and over) reports `whole`, the
/// matches of [`icp_number::scan_bytes`], and keeps no more than [`icp_number::WINDOW`] bytes.
pub fn stream(bytes: &[u8], sizes: &[usize], whole: &[Match]) {
    let mut stream = Stream::new();
    let mut found = Vec::new();
    let mut rest = bytes;
    for &size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (chunk, after) = rest.split_at(size.clamp(1, rest.len()));
        found.extend(stream.feed(chunk));
        rest = after;
    }
    found.extend(stream.finish());
    assert_eq!(found, whole, "stream in chunks of {sizes:?} over {bytes:?}");
}

/// What the scanner reports, as plain values.
pub fn key(found: &Match) -> (usize, usize, String, u16) {
    let number = found.number().to_string();
    (found.start(), found.end(), number, found.fixes().bits())
}

/// The reference for scanning bytes: the text scanner run on each maximal valid UTF-8 stretch.
pub fn by_stretch(bytes: &[u8]) -> Vec<(usize, usize, String, u16)> {
    let mut base = 0;
    let mut all = Vec::new();
    for chunk in bytes.utf8_chunks() {
        for found in icp_number::scan(chunk.valid()) {
            let (start, end, number, fixes) = key(&found);
            all.push((start + base, end + base, number, fixes));
        }
        base += chunk.valid().len() + chunk.invalid().len();
    }
    all
}

/// Every invariant that applies to one input.
pub fn all(input: &str) {
    parse_strict(input);
    parse_lenient(input);
    check_prefix(input);
    scan(input);
}

/// The canonical form parses strictly to the same value.
fn round_trips(input: &str, parsed: &Parsed) {
    let canonical = parsed.number.canonical();
    let again = icp_number::parse(&canonical);
    assert_eq!(
        again,
        Ok(parsed.number),
        "canonical {canonical:?} of {input:?}"
    );
}

fn position_is_sound(input: &str, byte: usize, index: usize) {
    assert!(
        byte <= input.len() && input.is_char_boundary(byte),
        "offset {byte} in {input:?}"
    );
    assert_eq!(
        input[..byte].chars().count(),
        index,
        "char index in {input:?}"
    );
}

/// The repository README's Rust examples, compiled and run as doctests. They live here, not in
/// the core, whose packaged crate does not hold the repository README.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
