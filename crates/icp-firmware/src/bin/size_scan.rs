//! Size probe. (c) Scanning: `icp_number::scan` over a text, every match consumed.
//! `cargo xtask test` builds every probe for thumbv7em-none-eabihf (opt-level "z", LTO,
//! panic = "abort") and reports each one's flash bytes minus `size_empty`'s.

#![no_std]
#![no_main]

use core::hint::black_box;

const INPUT: &str = "京ICP备12345678号-1";

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        for found in icp_number::scan(black_box(INPUT)) {
            black_box(found);
        }
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
