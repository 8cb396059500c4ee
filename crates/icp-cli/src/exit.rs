//! The exit statuses the commands share: 0 success, 1 a finding (an invalid number, a failing
//! page), 2 trouble (usage, or an input or output that could not be read or written; clap uses
//! 2 for usage errors too).

use std::process::ExitCode;

/// Exit status for usage and I/O errors.
pub const TROUBLE: u8 = 2;

/// Exit status 2.
pub fn trouble() -> ExitCode {
    ExitCode::from(TROUBLE)
}

/// Exit status 0 when `ok`, else 1.
pub fn success_if(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
