//! Standard input read by `icp check` and `icp scan` when no input is named: on a terminal, one
//! line on stderr says so before the command waits, so that a bare `icp check` does not look
//! stuck. Piped or redirected input gets no hint.

use std::io::{self, IsTerminal};

/// The key that ends input on this platform's terminals.
const END_KEY: &str = if cfg!(windows) {
    "Ctrl-Z, Enter"
} else {
    "Ctrl-D"
};

/// The hint for `command` reading `what` (`numbers from standard input, one per line`), or
/// `None` when standard input is not a terminal.
pub fn hint(command: &str, what: &str, on_terminal: bool) -> Option<String> {
    on_terminal.then(|| {
        format!(
            "icp {command}: reading {what} ({END_KEY} to end); \
             `icp {command} --help` for usage"
        )
    })
}

/// Prints the hint on stderr when standard input is a terminal.
pub fn hint_if_terminal(command: &str, what: &str) {
    if let Some(hint) = hint(command, what, io::stdin().is_terminal()) {
        eprintln!("{hint}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_terminal_gets_the_hint() {
        assert_eq!(hint("check", "numbers", false), None);
        let hint = hint("check", "numbers from standard input, one per line", true).unwrap();
        let start = "icp check: reading numbers from standard input, one per line (";
        assert!(hint.starts_with(start), "{hint}");
        assert!(
            hint.ends_with("to end); `icp check --help` for usage"),
            "{hint}"
        );
    }
}
