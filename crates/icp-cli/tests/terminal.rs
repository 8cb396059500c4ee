//! `icp check` and `icp scan` with no input named: on a terminal they say, on stderr, that they
//! read standard input before waiting on it; from a pipe they say nothing. The terminal is a
//! pseudo-terminal from util-linux `script` (in Debian's essential `bsdutils`).

#![cfg(target_os = "linux")]

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `icp args` with a pseudo-terminal as its standard input, output and error, typing
/// `typed` and then Ctrl-D (nothing for a command that does not read standard input: `script`
/// would wait for the Ctrl-D to be read); everything the terminal showed, with `\r\n` made `\n`.
fn on_a_terminal(args: &str, typed: Option<&str>) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_icp"));
    let mut child = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("`script` (util-linux) runs");
    let mut stdin = child.stdin.take().unwrap();
    if let Some(typed) = typed {
        // Ctrl-D at the start of a line ends the terminal's input.
        stdin.write_all(format!("{typed}\x04").as_bytes()).unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let shown = String::from_utf8(output.stdout)
        .unwrap()
        .replace("\r\n", "\n");
    assert!(output.status.success(), "{shown}");
    shown
}

const CHECK_HINT: &str = "icp check: reading numbers from standard input, one per line (Ctrl-D \
                          to end); `icp check --help` for usage\n";

#[test]
fn check_on_a_terminal_says_it_reads_standard_input() {
    let shown = on_a_terminal("check", Some("京ICP备12345678号\n"));
    // The terminal echoes what is typed as it comes, so the hint may follow the echo.
    assert_eq!(shown.matches(CHECK_HINT).count(), 1, "{shown}");
    assert!(
        shown.contains("京ICP备12345678号  ICP filing · 北京 Beijing (CN-BJ)\n"),
        "{shown}"
    );
    // Numbers given as arguments: no waiting, no hint.
    let shown = on_a_terminal("check 京ICP备12345678号", None);
    assert!(!shown.contains("standard input"), "{shown}");
}

#[test]
fn scan_on_a_terminal_says_it_reads_standard_input() {
    let hint = "icp scan: reading text from standard input (Ctrl-D to end); `icp scan --help` \
                for usage\n";
    for args in ["scan", "scan -"] {
        let shown = on_a_terminal(args, Some("页脚 京ICP备12345678号\n"));
        assert_eq!(shown.matches(hint).count(), 1, "{args}: {shown}");
        assert!(
            shown.contains("-:1:4  京ICP备12345678号  (filing, CN-BJ)\n"),
            "{args}: {shown}"
        );
    }
    let shown = on_a_terminal("scan tests/site/good/news/2024.htm", None);
    assert!(!shown.contains("standard input"), "{shown}");
}

#[test]
fn a_pipe_gets_no_hint() {
    for args in [&["check"][..], &["scan"]] {
        let run = common::icp(args, "京ICP备12345678号\n".as_bytes());
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
    }
}
