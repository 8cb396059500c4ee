//! Finding every number in input that arrives in chunks (a socket, a pipe, a file read a block at
//! a time), with the state in a caller-owned struct of fixed size.
//!
//! The caller's `icp_stream` holds a [`State`]: a magic number, a little bookkeeping (plain
//! integers, whatever their bits) and the core's [`Stream`], which is plain data with no pointer.

use std::ffi::c_char;
use std::mem::{MaybeUninit, align_of, size_of};

use icp_number::{Options, Stream};

use crate::boundary::{guard, input_bytes, write_out};
use crate::number::ICP_DEFAULT_MAX_YEAR;
use crate::{IcpMatch, IcpStatus};

/// The state of a scan over input that arrives in chunks (a socket, a pipe, a file read a block
/// at a time): a struct of fixed size that the caller owns (on the stack, in another struct,
/// static) and `icp_stream_init()` sets up. It needs no clean-up: the library allocates nothing
/// for it, and nothing in it points anywhere. Between chunks it holds at most 256 bytes of the
/// input, the text around a number it cannot decide yet.
///
/// Its contents are the library's: never write to them. The struct may be copied whole (the copy
/// goes on from the same point). `icp_stream_next()` answers `ICP_ERR_UNINITIALISED` for one
/// that `icp_stream_init()` never set up (zeros, garbage); changing an initialised one in part is
/// undefined behaviour, as for the state of any C library.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct IcpStream {
    /// The library's state (768 bytes, aligned for `uint64_t`); not for the caller.
    // `MaybeUninit` (`uint64_t` in C): the state has padding, which Rust's writes leave
    // uninitialised, so the words may hold bytes no Rust integer may.
    opaque: [MaybeUninit<u64>; 96],
}

/// What the caller's `icp_stream` holds.
#[repr(C)]
struct State {
    /// [`MAGIC`] once `icp_stream_init()` has set the struct up; [`POISONED`] while a call runs
    /// (and so forever after a panic); anything else when it was never set up.
    magic: u64,
    /// Non-zero while a chunk is being read (the last call returned a number): the next call
    /// must pass the same chunk, whose address, length and `last` are the next three fields.
    reading: u32,
    last: u32,
    /// The chunk's address, only ever compared, never read through.
    chunk: usize,
    len: usize,
    stream: Stream,
}

/// "icpstrm1": an `icp_stream` set up by `icp_stream_init()`.
const MAGIC: u64 = u64::from_be_bytes(*b"icpstrm1");

/// An `icp_stream` whose call panicked: its state may be half updated.
const POISONED: u64 = u64::from_be_bytes(*b"icpstrm!");

// The state fits into the caller's struct, aligned.
const _: () = assert!(size_of::<State>() <= size_of::<IcpStream>());
const _: () = assert!(align_of::<State>() <= align_of::<IcpStream>());

/// Whether `size_a` bytes at address `a` and `size_b` bytes at `b` share a byte.
fn overlap(a: usize, size_a: usize, b: usize, size_b: usize) -> bool {
    size_a > 0 && size_b > 0 && a < b.saturating_add(size_b) && b < a.saturating_add(size_a)
}

/// Sets `*stream` up to find every number in an input that arrives in chunks (lenient mode, as
/// `icp_scanner_init()`), from its start. `max_year` 0 means `ICP_DEFAULT_MAX_YEAR`. It may be
/// called again at any time to start over.
///
/// Returns `ICP_OK`, `ICP_ERR_NULL_POINTER` or `ICP_ERR_INVALID_ARGUMENT` (`stream` is not
/// aligned for an `icp_stream`); on an error `*stream` is left unchanged.
///
/// # Safety
///
/// `stream` is NULL or valid for writes of an `icp_stream`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_stream_init(stream: *mut IcpStream, max_year: u16) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        let state = stream.cast::<State>();
        if !state.is_null() && !state.is_aligned() {
            return IcpStatus::ICP_ERR_INVALID_ARGUMENT;
        }
        let max_year = match max_year {
            0 => ICP_DEFAULT_MAX_YEAR,
            year => year,
        };
        let fresh = State {
            magic: MAGIC,
            reading: 0,
            last: 0,
            chunk: 0,
            len: 0,
            stream: Stream::new().with_options(Options::lenient().with_max_year(max_year)),
        };
        // SAFETY: `state` is NULL or valid for writes of an `IcpStream` (this function's
        // contract), which holds a `State` (the assertions above), and aligned for it (checked).
        unsafe { write_out(state, fresh) }
    })
}

/// Feeds `chunk`, the next `len` bytes of the input (`last`: the final part), and finds the next
/// number it decides. The input may be split anywhere, even inside a character, into chunks of
/// any size (0 too): together they give exactly the numbers and spans that `icp_scan_next()`
/// gives on the whole input at once, each number once, with byte offsets from the start of the
/// input. A number that may go on in the next chunk is reported by a later call. Invalid UTF-8
/// is skipped, as by `icp_scan_next()`.
///
/// Call it again with the same chunk (the same pointer, length and `last`, the bytes unchanged)
/// while it returns `ICP_OK`. On `ICP_DONE` the chunk is used up and its memory is free for
/// reuse: feed the next chunk, or, after the `last` one, the input is over and the stream is at
/// the start of a new input, as after `icp_stream_init()` with the same `max_year` (offsets count
/// from 0 again).
///
/// Returns:
/// - `ICP_OK`: a number, written to `*out`;
/// - `ICP_DONE`: no further number in this chunk;
/// - `ICP_ERR_NULL_POINTER`: `stream`, `chunk` (even with `len` 0) or `out` is NULL;
/// - `ICP_ERR_INVALID_ARGUMENT`: `len` is above `PTRDIFF_MAX`; `stream` is not aligned; `chunk`
///   or `*out` overlaps `*stream`; or the chunk is not the one the previous call returned
///   `ICP_OK` for (another pointer, length or `last`: finish a chunk before the next one);
/// - `ICP_ERR_UNINITIALISED`: `icp_stream_init()` never set `*stream` up;
/// - `ICP_ERR_PANIC`: an internal error; the stream then answers `ICP_ERR_PANIC` until
///   `icp_stream_init()`.
///
/// On an error nothing is written and the stream is unchanged. The library remembers the chunk's
/// address only to compare it with the next call's, never to read it. Typical use, reading
/// standard input:
///
/// ```c
/// char buf[4096];
/// size_t n;
/// icp_stream s;
/// icp_match m;
/// icp_stream_init(&s, 0);
/// do {
///     n = fread(buf, 1, sizeof buf, stdin);
///     while (icp_stream_next(&s, buf, n, n < sizeof buf, &m) == ICP_OK)
///         printf("%lu: %s\n", (unsigned long)m.start, m.number.canonical);
/// } while (n == sizeof buf);
/// ```
///
/// # Safety
///
/// `stream` is NULL or valid for reads and writes of an `icp_stream`; `chunk` is NULL or valid
/// for reads of `len` bytes that nothing changes during the call; `out` is NULL or valid for
/// writes of an `icp_match`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_stream_next(
    stream: *mut IcpStream,
    chunk: *const c_char,
    len: usize,
    last: bool,
    out: *mut IcpMatch,
) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        if stream.is_null() || chunk.is_null() || out.is_null() {
            return IcpStatus::ICP_ERR_NULL_POINTER;
        }
        let state = stream.cast::<State>();
        if !state.is_aligned() {
            return IcpStatus::ICP_ERR_INVALID_ARGUMENT;
        }
        // SAFETY: `state` is non-null (checked), aligned (checked) and valid for reads of an
        // `IcpStream` (this function's contract), which begins with the `u64` magic; any bits
        // are a valid `u64`.
        match unsafe { (&raw const (*state).magic).read() } {
            MAGIC => {}
            POISONED => return IcpStatus::ICP_ERR_PANIC,
            _ => return IcpStatus::ICP_ERR_UNINITIALISED,
        }
        let (at, size) = (stream as usize, size_of::<IcpStream>());
        if overlap(chunk as usize, len, at, size)
            || overlap(out as usize, size_of::<IcpMatch>(), at, size)
        {
            return IcpStatus::ICP_ERR_INVALID_ARGUMENT;
        }
        // SAFETY: `chunk` is non-null and valid for reads of `len` bytes that nothing changes
        // during the call (this function's contract); they do not overlap `*stream` (checked),
        // the only memory the call writes before its last use of them.
        let bytes = match unsafe { input_bytes(chunk, len) } {
            Ok(bytes) => bytes,
            Err(bad) => return bad.status(),
        };
        // SAFETY: the magic says `icp_stream_init()` wrote a `State` here, which the caller has
        // not changed since but through this library (the contract of `icp_stream`), so it is
        // valid; the pointer is aligned (checked) and valid for reads and writes (this
        // function's contract); nothing else refers to it during the call (`chunk` and `out` do
        // not overlap it, checked).
        let state = unsafe { &mut *state };
        let call = (u32::from(last), chunk as usize, len);
        if state.reading != 0 && (state.last, state.chunk, state.len) != call {
            return IcpStatus::ICP_ERR_INVALID_ARGUMENT;
        }
        // A panic inside leaves the magic poisoned.
        state.magic = POISONED;
        let found = state.stream.next_in(bytes, last);
        state.magic = MAGIC;
        let Some(found) = found else {
            state.reading = 0;
            return IcpStatus::ICP_DONE;
        };
        (state.reading, state.last, state.chunk, state.len) = (1, call.0, call.1, call.2);
        // SAFETY: `out` is non-null and valid for writes of an `IcpMatch` (this function's
        // contract); it overlaps neither `*stream` (checked) nor, by the contract, the chunk's
        // bytes while the call reads them (their last use was above).
        unsafe { write_out(out, IcpMatch::of(&found)) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn init(max_year: u16) -> IcpStream {
        let mut stream = MaybeUninit::<IcpStream>::zeroed();
        // SAFETY: `stream` is valid for writes.
        let status = unsafe { icp_stream_init(stream.as_mut_ptr(), max_year) };
        assert_eq!(status, IcpStatus::ICP_OK);
        // SAFETY: zeroed, then written by `icp_stream_init`.
        unsafe { stream.assume_init() }
    }

    /// Every number of `text` fed in chunks of `size` bytes: (start, end, canonical).
    fn streamed(stream: &mut IcpStream, text: &[u8], size: usize) -> Vec<(usize, usize, String)> {
        let mut found = Vec::new();
        let mut m = MaybeUninit::<IcpMatch>::uninit();
        let chunks: Vec<&[u8]> = text.chunks(size.max(1)).collect();
        let count = chunks.len();
        for (i, chunk) in chunks.into_iter().chain([&[][..]]).enumerate() {
            let last = i >= count;
            loop {
                // SAFETY: every pointer is valid; `m` is written when `ICP_OK` is returned.
                let status = unsafe {
                    icp_stream_next(
                        stream,
                        chunk.as_ptr().cast(),
                        chunk.len(),
                        last,
                        m.as_mut_ptr(),
                    )
                };
                if status == IcpStatus::ICP_DONE {
                    break;
                }
                assert_eq!(status, IcpStatus::ICP_OK);
                // SAFETY: written by `icp_stream_next`.
                let m = unsafe { m.assume_init() };
                let canonical: Vec<u8> = m
                    .number
                    .canonical
                    .iter()
                    .take_while(|c| **c != 0)
                    .map(|c| *c as u8)
                    .collect();
                found.push((
                    m.start,
                    m.end,
                    String::from_utf8(canonical).unwrap_or_default(),
                ));
            }
        }
        found
    }

    #[test]
    fn the_state_fits() {
        assert!(size_of::<State>() <= size_of::<IcpStream>());
        assert_eq!(size_of::<IcpStream>(), 768);
    }

    #[test]
    fn chunks_give_what_the_whole_text_gives() {
        let text = "页脚 粤ICP备14023066号-1 &nbsp;|&nbsp; 粤公网安备 44030502008569号 · B2-20090028 \u{ff}";
        let whole: Vec<_> = icp_number::scan_bytes(text.as_bytes())
            .map(|m| (m.start(), m.end(), m.number().to_string()))
            .collect();
        assert_eq!(whole.len(), 3);
        let mut stream = init(0);
        for size in [1, 2, 3, 7, 64, 1000] {
            assert_eq!(
                streamed(&mut stream, text.as_bytes(), size),
                whole,
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn misuse_is_refused() {
        let text = b"\xe4\xba\xac ICP \xe5\xa4\x87 12345678 \xe5\x8f\xb7 and more text after it";
        let mut m = MaybeUninit::<IcpMatch>::uninit();
        let mut stream = MaybeUninit::<IcpStream>::zeroed();
        let (s, p, o) = (
            stream.as_mut_ptr(),
            text.as_ptr().cast::<c_char>(),
            m.as_mut_ptr(),
        );
        // SAFETY: every pointer is NULL or valid; the stream is zeroed, then initialised.
        unsafe {
            assert_eq!(
                icp_stream_next(s, p, 10, false, o),
                IcpStatus::ICP_ERR_UNINITIALISED
            );
            assert_eq!(icp_stream_init(s, 0), IcpStatus::ICP_OK);
            assert_eq!(
                icp_stream_next(s, p, text.len(), true, o),
                IcpStatus::ICP_OK
            );
            // Another chunk, length or `last` before the first one is used up.
            assert_eq!(
                icp_stream_next(s, p, 3, true, o),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_stream_next(s, p, text.len(), false, o),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_stream_next(s, s.cast(), 8, true, o),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_stream_next(s, p, usize::MAX, true, o),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_stream_next(s, p, text.len(), true, s.cast()),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_stream_next(s, p, text.len(), true, o),
                IcpStatus::ICP_DONE
            );
            // A stream not aligned for an `icp_stream`.
            let mut words = [0u64; 100];
            let skew = words
                .as_mut_ptr()
                .cast::<u8>()
                .wrapping_add(1)
                .cast::<IcpStream>();
            assert_eq!(
                icp_stream_init(skew, 0),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_stream_next(skew, p, 1, true, o),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert!(words.iter().all(|w| *w == 0));
            // A poisoned stream stays refused until it is set up again.
            (*s.cast::<State>()).magic = POISONED;
            assert_eq!(icp_stream_next(s, p, 1, true, o), IcpStatus::ICP_ERR_PANIC);
            assert_eq!(icp_stream_init(s, 0), IcpStatus::ICP_OK);
            assert_eq!(icp_stream_next(s, p, 1, true, o), IcpStatus::ICP_DONE);
        }
    }
}
