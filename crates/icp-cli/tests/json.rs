//! The one JSON shape of a number: `icp check --json`, `icp scan --json` and `icp audit --json`
//! give the same `number` object for the same number as written.

mod common;

use std::fs;

use common::icp_in;
use serde_json::{Value, json};

/// A footer with numbers as real pages write them: canonical, and variants only lenient
/// reading takes (full-width letters and a space; 川 for 蜀; 号 after a telecom licence).
const NUMBERS: [&str; 5] = [
    "京ICP备2022034770号-6X",
    "粤ＩＣＰ备14023066号 -1",
    "川ICP备12345678号",
    "京公网安备11010802020088号",
    "B2-20090028号",
];

#[test]
fn check_scan_and_audit_give_the_same_number_object() {
    let dir = tempfile::tempdir().unwrap();
    let footer: String = NUMBERS.iter().map(|n| format!("<p>{n}</p>\n")).collect();
    fs::write(dir.path().join("index.html"), &footer).unwrap();

    let scan = icp_in(dir.path(), &["scan", "--json", "index.html"], b"");
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let scanned: Vec<Value> = scan.json_lines();

    let audit = icp_in(dir.path(), &["audit", "--json", "."], b"");
    let report = audit.json();
    let audited = report["pages"][0]["numbers"].as_array().unwrap().clone();

    assert_eq!(scanned.len(), NUMBERS.len());
    assert_eq!(audited.len(), NUMBERS.len());
    for ((input, scanned), audited) in NUMBERS.iter().zip(&scanned).zip(&audited) {
        let mut args = vec!["check", "--json", "--lenient", input];
        let check = icp_in(dir.path(), &args, b"").json_lines().remove(0);
        assert_eq!(check["valid"], true, "{input}");
        let number = &check["number"];
        assert_eq!(scanned["text"], *input);
        assert_eq!(&scanned["number"], number, "scan: {input}");
        assert_eq!(&audited["number"], number, "audit: {input}");
        // Strict check gives the same object for the canonical form.
        args.retain(|a| *a != "--lenient");
        args[2] = number["canonical"].as_str().unwrap();
        let strict = icp_in(dir.path(), &args, b"").json_lines().remove(0);
        let mut canonical = number.clone();
        canonical["fixes"] = json!([]);
        assert_eq!(strict["number"], canonical, "strict: {input}");
    }
    let fixes: Vec<&Value> = scanned.iter().map(|s| &s["number"]["fixes"]).collect();
    assert_eq!(
        fixes,
        [
            &json!([]),
            &json!(["space", "full_width"]),
            &json!(["province_alias"]),
            &json!([]),
            &json!(["telecom_hao"]),
        ]
    );
}
