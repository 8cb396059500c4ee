//! The machinery of the C boundary: the panic guard, reading `(pointer, length)` input,
//! writing structs and `snprintf`-style strings into caller memory. Most of the crate's unsafe
//! code is here.

use std::ffi::c_char;
use std::fmt::{self, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::IcpStatus;

/// Runs `body`; if it panics, returns `on_panic` instead of unwinding into C.
pub(crate) fn guard<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// Why `(pointer, length)` input could not be read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BadInput {
    /// A NULL pointer.
    Null,
    /// A length above `isize::MAX`, which no object can have.
    TooLong,
    /// Invalid UTF-8: the valid prefix's length in bytes and in characters.
    Utf8 {
        byte_offset: usize,
        char_index: usize,
    },
}

impl BadInput {
    pub(crate) fn status(self) -> IcpStatus {
        match self {
            BadInput::Null => IcpStatus::ICP_ERR_NULL_POINTER,
            BadInput::TooLong => IcpStatus::ICP_ERR_INVALID_ARGUMENT,
            BadInput::Utf8 { .. } => IcpStatus::ICP_ERR_INVALID_UTF8,
        }
    }
}

/// The `len` bytes at `ptr`.
///
/// # Safety
///
/// `ptr` is NULL, or valid for reads of `len` bytes that nothing writes to during `'a`.
pub(crate) unsafe fn input_bytes<'a>(ptr: *const c_char, len: usize) -> Result<&'a [u8], BadInput> {
    if ptr.is_null() {
        return Err(BadInput::Null);
    }
    if isize::try_from(len).is_err() {
        return Err(BadInput::TooLong);
    }
    // SAFETY: `ptr` is non-null (checked above) and, by this function's contract, valid for
    // reads of `len` bytes that stay unchanged during 'a; `u8` has alignment 1; `len` fits in
    // `isize` (checked above).
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The `len` bytes at `ptr` as UTF-8 text.
///
/// # Safety
///
/// As for [`input_bytes`].
pub(crate) unsafe fn input_str<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, BadInput> {
    // SAFETY: this function has the same contract as `input_bytes`.
    let bytes = unsafe { input_bytes(ptr, len) }?;
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        BadInput::Utf8 {
            byte_offset: valid.len(),
            // The prefix is valid UTF-8: count its characters by their first bytes.
            char_index: valid.iter().filter(|b| (**b & 0xC0) != 0x80).count(),
        }
    })
}

/// Writes `value` to `out`: `ICP_OK`, or `ICP_ERR_NULL_POINTER` when `out` is NULL.
///
/// # Safety
///
/// `out` is NULL or valid for writes of one `T` and aligned.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) -> IcpStatus {
    if out.is_null() {
        return IcpStatus::ICP_ERR_NULL_POINTER;
    }
    // SAFETY: `out` is non-null (checked above), and valid and aligned for a write of `T` by
    // this function's contract; `write` does not read or drop the old (possibly uninitialised)
    // value.
    unsafe { out.write(value) };
    IcpStatus::ICP_OK
}

/// A `fmt::Write` into a caller's buffer of `size` bytes, `snprintf`-style: it counts every
/// byte, stores what fits before the last byte (cut at a character boundary, and nothing after
/// a cut), and [`CBuf::finish`] NUL-terminates.
pub(crate) struct CBuf {
    buf: *mut u8,
    size: usize,
    written: usize,
    needed: usize,
    cut: bool,
}

impl CBuf {
    /// # Safety
    ///
    /// `buf` is NULL, or valid for writes of `size` bytes until [`CBuf::finish`].
    pub(crate) unsafe fn new(buf: *mut c_char, size: usize) -> CBuf {
        let size = if buf.is_null() { 0 } else { size };
        CBuf {
            buf: buf.cast::<u8>(),
            size,
            written: 0,
            needed: 0,
            cut: false,
        }
    }

    /// NUL-terminates (when there is room for anything) and returns the length needed.
    pub(crate) fn finish(self) -> usize {
        if self.size > 0 {
            // SAFETY: `written < size` always holds (`write_str` stores at most `size - 1`
            // bytes), and `buf` is valid for writes of `size` bytes (contract of `new`).
            unsafe { self.buf.add(self.written).write(0) };
        }
        self.needed
    }
}

impl fmt::Write for CBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.needed = self.needed.saturating_add(s.len());
        if self.cut || self.size == 0 {
            return Ok(());
        }
        let room = self.size - 1 - self.written;
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        // SAFETY: `written + take <= size - 1`, so the destination lies inside the caller's
        // buffer of `size` bytes (valid for writes by the contract of `new`); the source is
        // `take <= s.len()` bytes of `s`; a caller's buffer cannot overlap a Rust `&str`
        // produced by the library.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), self.buf.add(self.written), take);
        }
        self.written += take;
        self.cut = take < s.len();
        Ok(())
    }
}

/// Writes `text` `snprintf`-style and returns the length it needs.
///
/// # Safety
///
/// `buf` is NULL, or valid for writes of `size` bytes.
pub(crate) unsafe fn write_text(text: impl fmt::Display, buf: *mut c_char, size: usize) -> usize {
    // SAFETY: the contract of `CBuf::new` is this function's.
    let mut out = unsafe { CBuf::new(buf, size) };
    // `CBuf` never fails; a `Display` that does would leave a shorter, still terminated text.
    let _ = write!(out, "{text}");
    out.finish()
}

/// Copies `text` into a fixed, NUL-terminated field of a C struct, whole or not at all (the
/// field sizes are checked against every value by the tests).
pub(crate) fn fill<const N: usize>(field: &mut [c_char; N], text: &str) {
    if text.len() < N {
        for (slot, byte) in field.iter_mut().zip(text.bytes()) {
            *slot = byte as c_char;
        }
    }
}

/// The text of a NUL-terminated field, if it is terminated and valid UTF-8 (copied into
/// `scratch`, since `c_char` may be signed).
pub(crate) fn field_text<'a, const N: usize>(
    field: &[c_char; N],
    scratch: &'a mut [u8; N],
) -> Option<&'a str> {
    let len = field.iter().position(|c| *c == 0)?;
    for (slot, c) in scratch.iter_mut().zip(field) {
        *slot = *c as u8;
    }
    std::str::from_utf8(&scratch[..len]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(buf: &[c_char]) -> String {
        let bytes: Vec<u8> = buf
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        String::from_utf8(bytes).expect("valid UTF-8")
    }

    #[test]
    fn guard_turns_a_panic_into_the_fallback() {
        let quiet = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let got = guard(IcpStatus::ICP_ERR_PANIC, || -> IcpStatus { panic!("boom") });
        std::panic::set_hook(quiet);
        assert_eq!(got, IcpStatus::ICP_ERR_PANIC);
        assert_eq!(guard(0, || 7), 7);
    }

    #[test]
    fn writes_are_cut_at_character_boundaries() {
        // "京ICP" is 3 + 3 bytes; a 5-byte buffer holds "京" and the NUL.
        for (size, expected) in [
            (0, None),
            (1, Some("")),
            (3, Some("")),
            (4, Some("京")),
            (5, Some("京I")),
            (6, Some("京IC")),
            (7, Some("京ICP")),
            (8, Some("京ICP")),
        ] {
            let mut buf = [b'#' as c_char; 8];
            // SAFETY: `buf` holds 8 >= size bytes.
            let needed = unsafe { write_text("京ICP", buf.as_mut_ptr(), size) };
            assert_eq!(needed, 6);
            match expected {
                Some(text) => assert_eq!(written(&buf), text, "size {size}"),
                None => assert_eq!(buf[0], b'#' as c_char),
            }
            assert!(
                buf[size.min(8)..].iter().all(|c| *c == b'#' as c_char),
                "wrote past {size}"
            );
        }
        // SAFETY: a NULL buffer is allowed with any size.
        assert_eq!(unsafe { write_text("abc", std::ptr::null_mut(), 99) }, 3);
    }

    #[test]
    fn nothing_is_written_after_a_cut() {
        let mut buf = [0 as c_char; 6];
        // "ab" fits, "京" does not, "c" would fit after it but must not follow a gap.
        // SAFETY: `buf` holds 6 bytes.
        let needed =
            unsafe { write_text(format_args!("ab{}{}", "京京", "c"), buf.as_mut_ptr(), 6) };
        assert_eq!((needed, written(&buf).as_str()), (9, "ab京"));
        let mut buf = [0 as c_char; 5];
        // SAFETY: `buf` holds 5 bytes.
        unsafe { write_text(format_args!("ab{}{}", "京", "c"), buf.as_mut_ptr(), 5) };
        assert_eq!(written(&buf), "ab");
    }

    #[test]
    fn bad_input_is_reported() {
        // SAFETY: NULL is allowed.
        let got = unsafe { input_str(std::ptr::null(), 0) };
        assert_eq!(got, Err(BadInput::Null));
        let text = b"\xe4\xba\xac\xe4\xba\xff";
        // SAFETY: `text` is valid for its length.
        let got = unsafe { input_str(text.as_ptr().cast(), text.len()) };
        assert_eq!(
            got,
            Err(BadInput::Utf8 {
                byte_offset: 3,
                char_index: 1
            })
        );
        // SAFETY: the length is rejected before the pointer is read.
        let got = unsafe { input_str(text.as_ptr().cast(), usize::MAX) };
        assert_eq!(got, Err(BadInput::TooLong));
    }
}
