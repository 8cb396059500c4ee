//! Fuzz target: `icp_invariants::check_prefix` on every UTF-8 input (which also compares strict
//! `parse`'s direct reading of canonical text with the full reading).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(input) = std::str::from_utf8(data) {
        icp_invariants::check_prefix(input);
    }
});
