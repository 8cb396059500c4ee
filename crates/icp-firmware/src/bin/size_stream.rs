//! Size probe. (d) Streaming scanning: an `icp_number::Stream` fed a text in chunks, every match
//! of every chunk and of `finish` consumed.
//! `cargo xtask test` builds every probe for thumbv7em-none-eabihf (opt-level "z", LTO,
//! panic = "abort") and reports each one's flash bytes minus `size_empty`'s.

#![no_std]
#![no_main]

use core::hint::black_box;

const INPUT: &str = "京ICP备12345678号-1";

#[cortex_m_rt::entry]
fn main() -> ! {
    let mut stream = icp_number::Stream::new();
    loop {
        for chunk in black_box(INPUT).as_bytes().chunks(3) {
            for found in stream.feed(chunk) {
                black_box(found);
            }
        }
        for found in stream.finish() {
            black_box(found);
        }
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
