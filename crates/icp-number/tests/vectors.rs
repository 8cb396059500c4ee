//! Runs the shared test vectors in `tests/vectors/*.txt` (format: see `common/mod.rs`).

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use common::*;
use icp_number::{ErrorKind, Province};

#[test]
fn vectors() {
    let Vectors {
        cases,
        mut problems,
        per_file,
    } = load_all();

    let mut provinces = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for case in &cases {
        if let Outcome::Error { name, .. } = &case.expected {
            kinds.insert(name.clone());
        }
        let (got, parsed) = run(case);
        if got == case.expected {
            let strict = matches!(case.call, Call::Strict | Call::Prefix);
            if let (true, Some(province)) = (strict, parsed.and_then(|p| p.number.province())) {
                provinces.insert(province);
            }
            continue;
        }
        let mut report = format!(
            "{}:{}: input {:?}, mode {}\n    expected: {}\n    got:      {}",
            case.file, case.line, case.input, case.mode, case.expected, got
        );
        if let Outcome::Error { at, .. } = &got {
            let _ = write!(
                report,
                "  (at {:?})",
                case.input.chars().skip(*at).collect::<String>()
            );
        }
        problems.push(report);
    }

    if cases.len() < MIN_CASES {
        problems.push(format!(
            "only {} cases; at least {MIN_CASES} are required",
            cases.len()
        ));
    }
    for province in Province::all() {
        if !provinces.contains(&province) {
            problems.push(format!(
                "no passing strict case for {} ({}/{})",
                province.name_en(),
                province.icp_abbr(),
                province.psb_abbr()
            ));
        }
    }
    for kind in ErrorKind::ALL {
        if !kinds.contains(kind.name()) {
            problems.push(format!("no vector expects {}", kind.name()));
        }
    }

    assert!(
        problems.is_empty(),
        "{} problem(s) in {} cases ({})\n\n{}\n",
        problems.len(),
        cases.len(),
        per_file.join(", "),
        problems.join("\n")
    );
}

/// The format itself is read strictly, so a typo in a vector file cannot pass unnoticed.
#[test]
fn malformed_lines_are_rejected() {
    let ok = [
        "京ICP备12345678号\tstrict\t京ICP备12345678号",
        "\tstrict\tEMPTY@0",
        "\\u{3000}\\t\\n\\\\\tlenient\tEMPTY@0",
        "京ICP备12345678\tlenient:2030\t京ICP备12345678号\tmissing_hao",
        "京\tprefix\tincomplete:marker",
        "粤B2-20090059号\tprefix-lenient\t粤B2-20090059\tspace,telecom_hao",
    ];
    for line in ok {
        assert!(parse_line("t", 1, line).is_ok(), "{line:?}");
    }
    let bad = [
        "京ICP备12345678号",
        "京ICP备12345678号\tstrict",
        "京ICP备12345678号\tstrict\t京ICP备12345678号\t-",
        "京ICP备12345678号\tlenient\t京ICP备12345678号",
        "京ICP备12345678号\tlenient\t京ICP备12345678号\t",
        "京\tloose\tEMPTY@0",
        "京\tstrict:24\tEMPTY@0",
        "京\tstrict\tNO_SUCH_ERROR@0",
        "京\tstrict\tEMPTY@",
        "京\tstrict\tEMPTY@x",
        "京\tstrict\tincomplete:marker",
        "京\tprefix\tincomplete:nothing",
        "京\tlenient\tEMPTY@0\t-",
        "京ICP备12345678\tlenient\t京ICP备12345678号\tspace,missing_hao,space",
        "京ICP备12345678\tlenient\t京ICP备12345678号\tmissing_hao,space",
        "京ICP备12345678\tlenient\t京ICP备12345678号\tno_such_fix",
        "\\x41\tstrict\tEMPTY@0",
        "\\u{110000}\tstrict\tEMPTY@0",
        "\\u{a0\tstrict\tEMPTY@0",
        "\\\tstrict\tEMPTY@0",
        "京\tstrict\t\t",
    ];
    for line in bad {
        assert!(parse_line("t", 1, line).is_err(), "{line:?}");
    }
    let case = parse_line("t", 1, "\\u{a0}a\\\\b\\tc\tprefix:2024\tincomplete:digits")
        .expect("valid line");
    assert_eq!(case.input, "\u{a0}a\\b\tc");
    assert_eq!((case.call, case.max_year), (Call::Prefix, Some(2024)));
}
