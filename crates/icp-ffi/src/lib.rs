//! The C ABI of [`icp_number`]: parse, check, scan and format Chinese website registration
//! numbers from C and C++. The header is `include/icp_number.h`, generated from this crate by
//! cbindgen (see `cbindgen.toml`); the C-facing documentation lives on the items below and is
//! carried into the header.
//!
//! This crate holds no parsing logic: every answer comes from the core crate, whose types are
//! converted into plain C structs here. It is the only crate of the workspace with `unsafe`
//! code, all of it at the C boundary, each block with a `// SAFETY:` comment.
//!
//! # The contract, for C callers
//!
//! - **Memory.** The library never allocates memory for the caller and never keeps a pointer it
//!   was given beyond the call (the scanner and stream states are the caller's own structs).
//!   Every output goes into memory the caller owns: a struct, or a `char` buffer with its size.
//! - **Text in.** Input text is a pointer and a length in bytes, UTF-8, not NUL-terminated. A
//!   NULL pointer gives `ICP_ERR_NULL_POINTER` (even with length 0), invalid UTF-8 gives
//!   `ICP_ERR_INVALID_UTF8` with the offset of the first bad byte, a length above `PTRDIFF_MAX`
//!   gives `ICP_ERR_INVALID_ARGUMENT`.
//! - **Text out.** The string writers work like `snprintf`: they return the length the whole
//!   text needs (in bytes, without the NUL), write as much as fits into `size` bytes, cut at a
//!   character boundary so the buffer stays valid UTF-8, and always NUL-terminate when
//!   `size > 0`. A NULL buffer is allowed with any size (nothing is written), so
//!   `writer(..., NULL, 0)` asks for the length. A return value `>= size` means the text was cut.
//! - **Panics.** The core never panics, and every exported function still runs inside
//!   `catch_unwind`: a panic never unwinds into C. It becomes `ICP_ERR_PANIC`, or the documented
//!   neutral value (0, `false`, NULL) for functions that return no status. This needs the
//!   default `panic = "unwind"`; a build with `panic = "abort"` aborts the process instead.
//! - **Threads.** No global state: every function may be called from any thread at once.
//! - **Enums.** Enum values the library returns are always valid. Where the caller passes one
//!   in (a mode, a language, a fix), it is taken as a plain integer and an unknown value is
//!   answered with `ICP_ERR_INVALID_ARGUMENT` or 0, never undefined behaviour.

// The C boundary needs `unsafe` (raw pointers, `#[unsafe(no_mangle)]`); see Cargo.toml.
#![allow(unsafe_code)]

mod boundary;
mod codes;
mod names;
mod number;
mod province;
mod scan;
mod stream;

pub use codes::{
    IcpCharForm, IcpDetail, IcpExpected, IcpFix, IcpKind, IcpLang, IcpMode, IcpService, IcpStatus,
    IcpTelecomClass,
};
pub use names::{
    icp_expected_label, icp_expected_name, icp_fix_label, icp_fix_name, icp_kind_label,
    icp_kind_name, icp_service_label, icp_service_name, icp_status_name, icp_version,
};
pub use number::{
    ICP_CANONICAL_MAX, ICP_CANONICAL_SIZE, ICP_DEFAULT_MAX_YEAR, ICP_QUERY_URL_MAX, IcpError,
    IcpNumber, IcpOptions, IcpResult, icp_canonical, icp_canonicalize, icp_error_message,
    icp_is_valid, icp_main_number, icp_parse, icp_query_url,
};
pub use province::{
    IcpProvince, icp_province_at, icp_province_by_char, icp_province_by_gb_code,
    icp_province_by_iso_code, icp_province_count,
};
pub use scan::{IcpMatch, IcpScanner, icp_scan_next, icp_scanner_init};
pub use stream::{IcpStream, icp_stream_init, icp_stream_next};
