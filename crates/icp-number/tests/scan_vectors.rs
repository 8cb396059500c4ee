//! Runs the shared scanning vectors in `tests/vectors/scan/*.txt` through both `icp_number::scan`
//! (on the text) and `icp_number::scan_bytes` (on its UTF-8 bytes). The format is described at
//! the top of every vector file; the reader is `common::load_scan`.

mod common;

use common::*;
use icp_number::Match;

/// The matches as a vector writes them: byte offsets turned into character indices. A span that
/// does not fall on character boundaries is reported as a problem.
fn as_written(text: &str, found: impl Iterator<Item = Match>) -> Result<Vec<ScanMatch>, String> {
    let char_index = |byte: usize| {
        text.get(..byte)
            .map(|head| head.chars().count())
            .ok_or_else(|| format!("byte offset {byte} is not on a character boundary"))
    };
    found
        .map(|m| {
            Ok(ScanMatch {
                canonical: m.number().to_string(),
                start: char_index(m.start())?,
                end: char_index(m.end())?,
            })
        })
        .collect()
}

fn show(result: &Result<Vec<ScanMatch>, String>) -> String {
    match result {
        Ok(matches) => format_matches(matches),
        Err(why) => format!("(bad span: {why})"),
    }
}

#[test]
fn scan_vectors() {
    let ScanVectors {
        cases,
        mut problems,
        per_file,
    } = load_scan();

    let mut negatives = 0;
    for case in &cases {
        if case.expected.is_empty() {
            negatives += 1;
        }
        let from_str = as_written(&case.text, icp_number::scan(&case.text));
        let from_bytes = as_written(&case.text, icp_number::scan_bytes(case.text.as_bytes()));
        let expected = Ok(case.expected.clone());
        if from_str == expected && from_bytes == expected {
            continue;
        }
        problems.push(format!(
            "{}:{}: text {:?}\n    expected:   {}\n    scan:       {}\n    scan_bytes: {}",
            case.file,
            case.line,
            case.text,
            format_matches(&case.expected),
            show(&from_str),
            show(&from_bytes),
        ));
    }

    if cases.len() < MIN_SCAN_CASES {
        problems.push(format!(
            "only {} cases; at least {MIN_SCAN_CASES} are required",
            cases.len()
        ));
    }
    if negatives < MIN_SCAN_NEGATIVES {
        problems.push(format!(
            "only {negatives} cases expect no match; at least {MIN_SCAN_NEGATIVES} are required"
        ));
    }

    assert!(
        problems.is_empty(),
        "{} problem(s) in {} cases, {} of them negative ({})\n\n{}\n",
        problems.len(),
        cases.len(),
        negatives,
        per_file.join(", "),
        problems.join("\n")
    );
}

/// The format itself is read strictly, so a typo in a vector file cannot pass unnoticed.
#[test]
fn malformed_scan_lines_are_rejected() {
    let ok = [
        "京ICP备12345678号\t京ICP备12345678号@0..14",
        "\t-",
        "北京市朝阳区\t-",
        "\\u{1F600}京ICP备12345678号 | B2-20090028\t京ICP备12345678号@1..15;B2-20090028@18..29",
        "\\t\\n\\\\\t-",
        "京ICP备12345678号京公网安备11010802020088号\t京ICP备12345678号@0..14;京公网安备11010802020088号@14..34",
    ];
    for line in ok {
        assert!(parse_scan_line("t", 1, line).is_ok(), "{line:?}");
    }
    let bad = [
        // Field count.
        "京ICP备12345678号",
        "京ICP备12345678号\t京ICP备12345678号@0..14\textra",
        // Expected field.
        "京ICP备12345678号\t",
        "京ICP备12345678号\t京ICP备12345678号",
        "京ICP备12345678号\t京ICP备12345678号@0",
        "京ICP备12345678号\t京ICP备12345678号@0-14",
        "京ICP备12345678号\t京ICP备12345678号@0..",
        "京ICP备12345678号\t京ICP备12345678号@..14",
        "京ICP备12345678号\t京ICP备12345678号@x..14",
        "京ICP备12345678号\t京ICP备12345678号@00..14",
        "京ICP备12345678号\t京ICP备12345678号@-1..14",
        "京ICP备12345678号\t@0..14",
        "京ICP备12345678号\t 京ICP备12345678号@0..14",
        "京ICP备12345678号\t京ICP备12345678号@0..14;",
        "京ICP备12345678号\t京ICP备12345678号@0..14 ",
        "京ICP备12345678号\t-;京ICP备12345678号@0..14",
        // Spans: empty, reversed, past the end (14 characters), out of order, overlapping.
        "京ICP备12345678号\t京ICP备12345678号@3..3",
        "京ICP备12345678号\t京ICP备12345678号@14..0",
        "京ICP备12345678号\t京ICP备12345678号@0..15",
        "京ICP备12345678号 京ICP证030173号\t京ICP证030173号@15..26;京ICP备12345678号@0..14",
        "京ICP备12345678号 京ICP证030173号\t京ICP备12345678号@0..14;京ICP证030173号@13..26",
        // Escapes.
        "\\x41\t-",
        "\\u{110000}\t-",
        "\\u{d800}\t-",
        "\\u{a0\t-",
        "\\u00a0\t-",
        "\\\t-",
    ];
    for line in bad {
        assert!(parse_scan_line("t", 1, line).is_err(), "{line:?}");
    }
    let case = parse_scan_line(
        "t",
        1,
        "\\u{1F600}\\u{20000}\\t京ICP备12345678号\t京ICP备12345678号@3..17",
    )
    .expect("valid line");
    assert_eq!(case.text, "\u{1F600}\u{20000}\t京ICP备12345678号");
    assert_eq!(
        case.expected,
        [ScanMatch {
            canonical: "京ICP备12345678号".to_owned(),
            start: 3,
            end: 17,
        }]
    );
}

/// The parse-vector runner reads only `tests/vectors/*.txt`: the scanning files, in a
/// subdirectory, must not reach it (their two-field lines would be malformed there).
#[test]
fn parse_vector_runner_does_not_see_scan_files() {
    let parse_files = vector_files();
    let scan_files = scan_vector_files();
    for file in &scan_files {
        assert!(!parse_files.contains(file), "{}", file.display());
    }
    let scan_dir = scan_files[0].parent().expect("scan directory");
    for file in &parse_files {
        assert!(!file.starts_with(scan_dir), "{}", file.display());
    }
}
