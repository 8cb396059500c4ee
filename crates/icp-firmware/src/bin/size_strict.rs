//! Size probe. (a) Strict parsing: `icp_number::parse`.
//! `cargo xtask test` builds every probe for thumbv7em-none-eabihf (opt-level "z", LTO,
//! panic = "abort") and reports each one's flash bytes minus `size_empty`'s.

#![no_std]
#![no_main]

use core::hint::black_box;

const INPUT: &str = "京ICP备12345678号-1";

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        let _ = black_box(icp_number::parse(black_box(INPUT)));
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
