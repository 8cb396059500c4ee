//! Measuring the stack one call uses, by painting: fill the free stack below the current stack
//! pointer with a known word, make the call, then look up from the bottom of the stack
//! (`_stack_end`, from cortex-m-rt's linker script) for the first word that is no longer paint.

use core::hint::black_box;

/// The word cortex-m-rt's `paint-stack` feature paints with (that feature paints once, at reset;
/// this module paints again before each call).
const PAINT: u32 = 0xCCCC_CCCC;

unsafe extern "C" {
    /// The lowest address the stack may grow down to (cortex-m-rt's `link.x`).
    static _stack_end: u32;
}

/// The bytes of stack below the caller's frame that `op(input)` used: its own frames, those of
/// everything it calls, and the result it returns (what the caller holds, such as a `Stream`
/// passed by reference, lives above and is not counted).
#[inline(never)]
pub fn used_by<T>(op: fn(T), input: T) -> usize {
    let bottom = (&raw const _stack_end) as usize;
    let sp = cortex_m::register::msp::read() as usize;
    // Nothing lives below the stack pointer (no interrupts are enabled): paint it all. The
    // loops keep their state in registers, so they do not touch the stack themselves.
    let mut at = bottom;
    while at < sp {
        // SAFETY: [bottom, sp) is the free part of the stack, word-aligned (cortex-m-rt aligns
        // `_stack_end` to 4 and the stack pointer is 8-aligned at calls); nothing refers to it.
        unsafe { (at as *mut u32).write_volatile(PAINT) };
        at += 4;
    }
    // Called through an opaque pointer so that it cannot be inlined into this frame.
    black_box(op)(input);
    let mut at = bottom;
    // SAFETY: reads of the same free, aligned stack words.
    while at < sp && unsafe { (at as *const u32).read_volatile() } == PAINT {
        at += 4;
    }
    sp - at
}
