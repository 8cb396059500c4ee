//! Proves the core allocates nothing: parsing (strict, lenient, as-you-type), scanning (whole and
//! streamed), canonical
//! output, query links and error messages for every shared test vector, under a counting global allocator
//! (`allocation-counter`, which counts on the measuring thread only).

mod common;

use core::fmt::Write as _;

use icp_number::{Error, Lang, Options, Parsed, Status};

/// Everything a caller does with one input, written into a fixed-capacity buffer.
fn exercise(options: Options, input: &str, out: &mut heapless::String<512>) {
    out.clear();
    describe(options.parse(input), out);
    match options.check_prefix(input) {
        Ok(Status::Complete(parsed)) => describe(Ok(parsed), out),
        Ok(Status::Incomplete(next)) => {
            let _ = out.push_str(next.name());
        }
        Err(err) => describe(Err(err), out),
    }
    for found in icp_number::scan(input).chain(icp_number::scan_bytes(input.as_bytes())) {
        let _ = write!(out, "{}{}", found.start(), found.number());
    }
    let mut stream = icp_number::Stream::new();
    for chunk in input.as_bytes().chunks(3) {
        for found in stream.feed(chunk) {
            let _ = write!(out, "{}{}", found.start(), found.number());
        }
    }
    for found in stream.finish() {
        let _ = write!(out, "{}{}", found.start(), found.number());
    }
}

fn describe(result: Result<Parsed, Error>, out: &mut heapless::String<512>) {
    match result {
        Ok(parsed) => {
            let number = parsed.number;
            let _ = write!(out, "{number}{}", number.main_number());
            let _ = out.push_str(&number.canonical());
            let _ = out.push_str(&number.query_url());
            for fix in parsed.fixes.iter() {
                let _ = out.push_str(fix.label(Lang::Zh));
            }
        }
        Err(err) => {
            let _ = write!(out, "{err}{}{:?}", err.message(Lang::Zh), err.detail());
        }
    }
}

#[test]
fn parsing_and_formatting_every_vector_allocates_nothing() {
    let vectors = common::load_all();
    assert!(vectors.problems.is_empty(), "{:?}", vectors.problems);
    let cases = vectors.cases;
    assert!(cases.len() >= 300);
    let mut out = heapless::String::<512>::new();
    let mut written = 0;
    let info = allocation_counter::measure(|| {
        for case in &cases {
            for options in [Options::strict(), Options::lenient()] {
                exercise(options, &case.input, &mut out);
                written += out.len();
            }
        }
    });
    assert!(
        written > 10_000,
        "the loop really formatted output ({written} bytes)"
    );
    assert_eq!(info.count_total, 0, "allocations: {info:?}");
}

#[test]
fn the_counter_sees_allocations() {
    let info = allocation_counter::measure(|| {
        let boxed = std::hint::black_box(Box::new([0u8; 64]));
        drop(boxed);
    });
    assert_eq!(info.count_total, 1);
}
