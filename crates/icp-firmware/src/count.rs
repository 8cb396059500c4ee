//! Counting the instructions a call executes, on QEMU run with `-icount shift=0`.
//!
//! QEMU does not model the Cortex-M cycle counter (DWT `CYCCNT` stays 0), so these are not
//! cycles. With `-icount shift=0` QEMU's virtual clock advances exactly 1 ns per guest
//! instruction, and SysTick, clocked from the processor clock (on `lm3s6965evb`, the system
//! clock the stellaris model derives from `RCC`), is driven by that virtual clock: it counts
//! down one tick every fixed number of instructions (80 with the reset `RCC`: a 12.5 MHz system
//! clock). [`Counter::start`] finds that number on a delay loop of known length and refuses to
//! measure when the count is not exact (QEMU run without `-icount`).
//!
//! A call's figure is the average over [`CALLS`] calls, less the same loop calling nothing, so
//! the tick's resolution is below one instruction per call and the loop's own instructions are
//! not counted.

use core::hint::black_box;

use cortex_m::peripheral::SYST;
use cortex_m::peripheral::syst::SystClkSource;

/// SysTick's current value register is 24 bits wide.
const MASK: u32 = 0x00FF_FFFF;

/// The calls each figure averages over.
pub const CALLS: u32 = 256;

/// Iterations of the calibrating delay loop (`subs; bne`: two instructions an iteration).
const LOOP: u32 = 400_000;

/// A free-running SysTick that ticks once every `per_tick` instructions.
pub struct Counter {
    per_tick: u32,
}

impl Counter {
    /// Starts SysTick on the processor clock, free-running over its 24 bits (no interrupt), and
    /// calibrates it: the delay loop run for `LOOP`, `2 × LOOP` and `3 × LOOP` more iterations
    /// must take the same number of ticks more each time, and that number must divide the
    /// `2 × LOOP` instructions exactly. `None` when it does not (the virtual clock is not counting
    /// instructions), or when a tick is so long that [`CALLS`] calls would not resolve one
    /// instruction.
    pub fn start(mut syst: SYST) -> Option<Self> {
        syst.disable_interrupt();
        syst.set_clock_source(SystClkSource::Core);
        syst.set_reload(MASK);
        syst.clear_current();
        syst.enable_counter();
        // `delay(n)` runs `n + 1` iterations.
        let [one, two, three] = [1, 2, 3].map(|k| ticks(|| cortex_m::asm::delay(k * LOOP)));
        let step = two.wrapping_sub(one);
        let instructions = 2 * LOOP;
        let exact = step != 0
            && three.wrapping_sub(two) == step
            && instructions % step == 0
            && instructions / step < CALLS;
        exact.then(|| Counter {
            per_tick: instructions / step,
        })
    }

    /// Instructions a SysTick tick lasts.
    pub fn per_tick(&self) -> u32 {
        self.per_tick
    }

    /// The instructions one call of `op` executes, the average over [`CALLS`] calls rounded to
    /// the nearest, less the loop around it.
    pub fn per_call(&self, op: &mut dyn FnMut()) -> u32 {
        let with = ticks(|| repeat(op));
        let without = ticks(|| repeat(&mut || {}));
        let total = u64::from(with.saturating_sub(without)) * u64::from(self.per_tick);
        let average = (total + u64::from(CALLS / 2)) / u64::from(CALLS);
        u32::try_from(average).unwrap_or(u32::MAX)
    }
}

/// Calls `op` [`CALLS`] times, through an opaque reference so that every call is a real call.
#[inline(never)]
fn repeat(op: &mut dyn FnMut()) {
    for _ in 0..CALLS {
        black_box(&mut *op)();
    }
}

/// SysTick ticks `f` takes (SysTick counts down; one wrap of its 24 bits at most).
#[inline(always)]
fn ticks(f: impl FnOnce()) -> u32 {
    let start = SYST::get_current();
    f();
    let end = SYST::get_current();
    start.wrapping_sub(end) & MASK
}
