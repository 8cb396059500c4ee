//! Fuzz target: `icp_invariants::parse_lenient` on every UTF-8 input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(input) = std::str::from_utf8(data) {
        icp_invariants::parse_lenient(input);
    }
});
