//! Fuzz target: the scanner's invariants on the input as bytes and, when it is UTF-8, as text;
//! and a stream fed the rest of the input in chunks whose sizes the first two bytes choose.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    icp_invariants::scan_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        icp_invariants::scan(text);
    }
    if let [first, second, rest @ ..] = data {
        let whole: Vec<_> = icp_number::scan_bytes(rest).collect();
        let sizes = [usize::from(*first) + 1, usize::from(*second) + 1];
        icp_invariants::stream(rest, &sizes, &whole);
    }
});
