//! Fuzz target: the scanner's invariants on the input as bytes and, when it is UTF-8, as text.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    icp_invariants::scan_bytes(data);
    if let Ok(text) = std::str::from_utf8(data) {
        icp_invariants::scan(text);
    }
});
