//! Finding every number in a text, with the iterator state in a caller-owned struct.

use std::ffi::c_char;

use icp_number::{Match, Options};

use crate::boundary::{BadInput, guard, input_bytes, write_out};
use crate::number::ICP_DEFAULT_MAX_YEAR;
use crate::{IcpNumber, IcpStatus};

/// The state of a scan over a text: the text itself (not copied), and the byte position the
/// next search starts from. Set it up with `icp_scanner_init()`; it needs no clean-up. The text
/// must stay alive and unchanged while the scanner is used.
///
/// The fields are plain data: a caller may set `position` (to resume, or to skip part of the
/// text); a position inside a character skips the rest of that character.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct IcpScanner {
    /// The text: `len` bytes of UTF-8 (invalid sequences are skipped; a number is never read
    /// across one).
    pub text: *const c_char,
    /// The text's length in bytes.
    pub len: usize,
    /// Where the next search starts, in bytes; `len` when the scan is over.
    pub position: usize,
    /// The latest year a number may carry (0: `ICP_DEFAULT_MAX_YEAR`).
    pub max_year: u16,
}

/// A number found in a text: where it is written and what it says.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcpMatch {
    /// The byte offset where the number starts in the text (`icp_stream_next()`: from the
    /// start of the whole input, not of the chunk).
    pub start: usize,
    /// The byte offset just past the number as written.
    pub end: usize,
    /// The corrections lenient mode applied to read it (`ICP_FIX_*` bits; 0 when canonical).
    pub fixes: u16,
    /// The number.
    pub number: IcpNumber,
}

impl IcpMatch {
    pub(crate) fn of(found: &Match) -> IcpMatch {
        IcpMatch {
            start: found.start(),
            end: found.end(),
            fixes: found.fixes().bits(),
            number: IcpNumber::of(&found.number()),
        }
    }
}

/// Sets `*scanner` up to find every number in `len` bytes at `text` (lenient mode: spaces,
/// `&nbsp;`, full-width and traditional forms, labels and markup around the numbers), from
/// its start. `max_year` 0 means `ICP_DEFAULT_MAX_YEAR`.
///
/// Returns `ICP_OK`, `ICP_ERR_NULL_POINTER` (`scanner` or `text`; `*scanner` is left
/// unchanged) or `ICP_ERR_INVALID_ARGUMENT` (`len` above `PTRDIFF_MAX`). Invalid UTF-8 is not
/// an error: the scan skips it.
///
/// # Safety
///
/// `scanner` is NULL or valid for writes of an `icp_scanner`; `text` is NULL or valid for
/// reads of `len` bytes, for as long as the scanner is used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_scanner_init(
    scanner: *mut IcpScanner,
    text: *const c_char,
    len: usize,
    max_year: u16,
) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        // SAFETY: `text` and `len` are as this function's contract says.
        if let Err(bad) = unsafe { input_bytes(text, len) } {
            return match scanner.is_null() {
                true => IcpStatus::ICP_ERR_NULL_POINTER,
                false => bad.status(),
            };
        }
        let state = IcpScanner {
            text,
            len,
            position: 0,
            max_year,
        };
        // SAFETY: `scanner` is NULL or valid for writes (this function's contract).
        unsafe { write_out(scanner, state) }
    })
}

/// Finds the next number from `scanner->position` on, writes it to `*out` and moves the
/// position past it.
///
/// Returns `ICP_OK` when a number was found, `ICP_DONE` when there is none (the position is
/// then `len`), `ICP_ERR_NULL_POINTER` (`scanner`, `scanner->text` or `out`) or
/// `ICP_ERR_INVALID_ARGUMENT` (`scanner->len` above `PTRDIFF_MAX`). Typical use:
///
/// ```c
/// icp_scanner s;
/// icp_match m;
/// icp_scanner_init(&s, html, strlen(html), 0);
/// while (icp_scan_next(&s, &m) == ICP_OK)
///     printf("%.*s -> %s\n", (int)(m.end - m.start), html + m.start, m.number.canonical);
/// ```
///
/// # Safety
///
/// `scanner` is NULL or valid for reads and writes of an `icp_scanner` whose `text` is NULL or
/// valid for reads of `len` bytes; `out` is NULL or valid for writes of an `icp_match`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_scan_next(scanner: *mut IcpScanner, out: *mut IcpMatch) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        if scanner.is_null() || out.is_null() {
            return IcpStatus::ICP_ERR_NULL_POINTER;
        }
        // SAFETY: `scanner` is non-null, valid for reads and aligned (this function's
        // contract); every field is plain data, valid whatever its bits.
        let state = unsafe { scanner.read() };
        // SAFETY: `state.text` is NULL or valid for reads of `state.len` bytes (this
        // function's contract).
        let text = match unsafe { input_bytes(state.text, state.len) } {
            Ok(text) => text,
            Err(BadInput::Null) => return IcpStatus::ICP_ERR_NULL_POINTER,
            Err(bad) => return bad.status(),
        };
        let max_year = match state.max_year {
            0 => ICP_DEFAULT_MAX_YEAR,
            year => year,
        };
        let options = Options::lenient().with_max_year(max_year);
        let mut scan = icp_number::scan_bytes(text)
            .with_options(options)
            .at(state.position);
        let found = scan.next();
        let position = scan.position();
        // SAFETY: `scanner` is valid for writes (this function's contract); only the position
        // changes.
        unsafe { (&raw mut (*scanner).position).write(position) };
        let Some(found) = found else {
            return IcpStatus::ICP_DONE;
        };
        // SAFETY: `out` is non-null and valid for writes of an `IcpMatch` (this function's
        // contract).
        unsafe { write_out(out, IcpMatch::of(&found)) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IcpFix;

    #[test]
    fn finds_each_number_and_stops() {
        let text = "粤ICP备14023066号-1 &nbsp;|&nbsp; 粤公网安备 44030502008569号 · B2-20090028";
        let mut scanner = IcpScanner {
            text: std::ptr::null(),
            len: 0,
            position: 0,
            max_year: 0,
        };
        // SAFETY: `scanner` and `text` are valid; `text` outlives the scan.
        unsafe {
            assert_eq!(
                icp_scanner_init(&mut scanner, text.as_ptr().cast(), text.len(), 0),
                IcpStatus::ICP_OK
            );
            let mut found = Vec::new();
            let mut m = std::mem::MaybeUninit::<IcpMatch>::uninit();
            while icp_scan_next(&mut scanner, m.as_mut_ptr()) == IcpStatus::ICP_OK {
                let m = m.assume_init();
                found.push((&text[m.start..m.end], m.fixes));
            }
            assert_eq!(
                found,
                [
                    ("粤ICP备14023066号-1", 0),
                    ("粤公网安备 44030502008569号", IcpFix::Space as u16),
                    ("B2-20090028", 0)
                ]
            );
            assert_eq!(scanner.position, text.len());
            assert_eq!(
                icp_scan_next(&mut scanner, m.as_mut_ptr()),
                IcpStatus::ICP_DONE
            );
            assert_eq!(
                icp_scan_next(std::ptr::null_mut(), m.as_mut_ptr()),
                IcpStatus::ICP_ERR_NULL_POINTER
            );
        }
    }
}
