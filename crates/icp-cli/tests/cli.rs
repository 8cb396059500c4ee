//! Runs the built `icp` binary and checks what it prints and how it exits.

mod common;

use common::Run;
use serde_json::{Value, json};

/// Runs `icp` with `args`, feeding it `stdin` (an empty one when `None`).
fn icp(args: &[&str], stdin: Option<&str>) -> Run {
    common::icp(args, stdin.unwrap_or("").as_bytes())
}

/// Each line of stdout as a JSON value.
fn json_lines(run: &Run) -> Vec<Value> {
    run.json_lines()
}

/// The only JSON object `icp check --json <input>` prints.
fn check_json(extra: &[&str], input: &str) -> (i32, Value) {
    let mut args = vec!["check", "--json"];
    args.extend_from_slice(extra);
    args.push(input);
    let run = icp(&args, None);
    let mut lines = json_lines(&run);
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    (run.code, lines.remove(0))
}

/// The keys of a JSON object, in order.
fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn json_for_a_lenient_input_with_fixes() {
    let (code, v) = check_json(&["--lenient"], "粤ＩＣＰ备14023066号 - 1");
    assert_eq!(code, 0);
    assert_eq!(v["input"], "粤ＩＣＰ备14023066号 - 1");
    assert_eq!(v["valid"], true);
    assert_eq!(
        v["number"],
        json!({
            "kind": "filing", "canonical": "粤ICP备14023066号-1", "main": "粤ICP备14023066号",
            "province": "CN-GD", "site": 1, "service": "website", "digits": "14023066",
            "year": 2014, "sequence": 23066, "fixes": ["space", "full_width"],
            "query_url": "https://beian.miit.gov.cn/",
        })
    );
    assert_eq!(v["error"], Value::Null);
}

#[test]
fn json_has_exactly_the_documented_fields() {
    for input in ["京ICP备12345678号-1", "京ICP备1234567号"] {
        let (_, v) = check_json(&[], input);
        assert_eq!(keys(&v), ["input", "valid", "number", "error"], "{input}");
    }
    let (_, v) = check_json(&[], "京ICP备12345678号-1");
    assert_eq!(
        keys(&v["number"]),
        [
            "kind",
            "canonical",
            "main",
            "province",
            "site",
            "service",
            "digits",
            "year",
            "sequence",
            "fixes",
            "query_url",
        ]
    );
    let (_, v) = check_json(&[], "京ICP备1234567号");
    assert_eq!(keys(&v["error"]), ["code", "name", "message", "at", "byte"]);
}

#[test]
fn json_for_an_invalid_input() {
    let (code, v) = check_json(&[], "京ICP备1234567号");
    assert_eq!(code, 1);
    assert_eq!(v["valid"], false);
    assert_eq!(v["number"], Value::Null);
    let err = &v["error"];
    assert_eq!(err["code"], 300);
    assert_eq!(err["name"], "BAD_LENGTH");
    assert_eq!(err["message"], "expected 6, 8 or 10 digits, found 7");
    assert_eq!(err["at"], 5);
    assert_eq!(err["byte"], "京ICP备".len());
}

#[test]
fn json_for_a_cross_regional_telecom_licence_and_a_psb_number() {
    let (_, v) = check_json(&[], "B2-20090028");
    assert_eq!(
        v["number"],
        json!({
            "kind": "telecom", "canonical": "B2-20090028", "main": "B2-20090028",
            "province": null, "site": null, "service": null, "digits": "20090028",
            "year": 2009, "sequence": 28, "fixes": [],
            "query_url": "https://beian.miit.gov.cn/",
        })
    );
    let (_, v) = check_json(&[], "陕ICP备2024026116号-1A");
    let n = &v["number"];
    assert_eq!((&n["site"], &n["service"]), (&1.into(), &"app".into()));
    let (_, v) = check_json(&[], "京公网安备11010802020088号");
    assert_eq!(
        v["number"],
        json!({
            "kind": "psb", "canonical": "京公网安备11010802020088号",
            "main": "京公网安备11010802020088号", "province": "CN-BJ", "site": null,
            "service": null, "digits": "11010802020088", "year": null, "sequence": 2020088,
            "fixes": [],
            "query_url": "https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088",
        })
    );
}

#[test]
fn human_output_for_a_valid_number() {
    let run = icp(&["check", "京ICP备12345678号-1"], None);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "京ICP备12345678号-1  ICP filing · 北京 Beijing (CN-BJ) · site 1 (website)\n"
    );
    let zh = icp(&["check", "--lang", "zh", "粤ICP备2023073334号-3K"], None);
    assert_eq!(
        zh.stdout,
        "粤ICP备2023073334号-3K  ICP备案号 · 广东 Guangdong (CN-GD) · 序号 3（快应用）\n"
    );
    let psb = icp(&["check", "京公网安备11010802020088号"], None);
    assert_eq!(
        psb.stdout,
        "京公网安备11010802020088号  public-security filing · 北京 Beijing (CN-BJ)\n"
    );
}

#[test]
fn human_output_lists_the_fixes() {
    let run = icp(&["check", "--lenient", "京 icp 备 14041720 号-1"], None);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("京ICP备14041720号-1  ICP filing"),
        "{}",
        run.stdout
    );
    assert_eq!(lines[1], "fixed: space, lowercase");
    let zh = icp(
        &[
            "check",
            "--lenient",
            "--lang",
            "zh",
            "京 icp 备 14041720 号-1",
        ],
        None,
    );
    let fixed = zh.stdout.lines().nth(1).unwrap();
    assert!(fixed.starts_with("已修正："), "{fixed}");
    assert!(
        fixed.contains("space") && fixed.contains("lowercase"),
        "{fixed}"
    );
}

#[test]
fn caret_stands_under_the_error_after_wide_characters() {
    // 京 and 备 take two columns each: 2 + 3 + 2 + 8 + 2 (号) = 17 columns before the #.
    let run = icp(&["check", "京ICP备12345678号#"], None);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "京ICP备12345678号#");
    assert_eq!(lines[1], format!("{}^", " ".repeat(17)));
    assert!(lines[2].contains("TRAILING_INPUT (102)"), "{}", lines[2]);
}

#[test]
fn caret_goes_after_the_last_character_when_the_input_ends_early() {
    let run = icp(&["check", "京ICP备"], None);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[1], format!("{}^", " ".repeat(7)));
    assert!(lines[2].contains("INCOMPLETE (101)"), "{}", lines[2]);
}

#[test]
fn exit_status_is_0_when_all_are_valid_and_1_when_any_is_not() {
    assert_eq!(
        icp(&["check", "京ICP备12345678号", "粤B2-20090059"], None).code,
        0
    );
    let mixed = icp(&["check", "京ICP备12345678号", "京ICP备1234567号"], None);
    assert_eq!(mixed.code, 1);
    assert!(
        mixed.stderr.is_empty(),
        "errors are results: {}",
        mixed.stderr
    );
}

#[test]
fn exit_status_is_2_on_usage_errors() {
    for args in [
        &["check", "--bogus"][..],
        &["check", "--lang", "fr", "京ICP备12345678号"],
        &["frobnicate"],
        &[],
    ] {
        let run = icp(args, None);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn exit_status_is_2_when_stdin_is_not_utf8() {
    let run = common::icp(&["check"], b"\xff\xfe\n");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("line 1"), "{}", run.stderr);
}

#[test]
fn stdin_gives_one_json_object_per_line() {
    let run = icp(
        &["check", "--json"],
        Some("京ICP备12345678号-1\n\n京ICP证030173号\r\n京ICP备1234567号\n"),
    );
    assert_eq!(run.code, 1);
    let lines = json_lines(&run);
    let names: Vec<(&Value, &Value)> = lines
        .iter()
        .map(|v| (&v["input"], &v["error"]["name"]))
        .collect();
    assert_eq!(
        names,
        [
            (&"京ICP备12345678号-1".into(), &Value::Null),
            (&"".into(), &"EMPTY".into()),
            (&"京ICP证030173号".into(), &Value::Null),
            (&"京ICP备1234567号".into(), &"BAD_LENGTH".into()),
        ]
    );
}

#[test]
fn stdin_without_a_final_newline_and_all_valid_exits_0() {
    let run = icp(
        &["check", "--json"],
        Some("京ICP备12345678号\n粤B2-20090059"),
    );
    assert_eq!(run.code, 0);
    assert_eq!(json_lines(&run).len(), 2);
}

#[test]
fn check_is_strict_unless_lenient_is_asked_for() {
    let (code, strict) = check_json(&[], "川ICP备12345678号");
    assert_eq!(code, 1);
    assert_eq!(strict["number"], Value::Null);
    assert_eq!(strict["error"]["name"], "WRONG_ABBREVIATION");
    assert_eq!(strict["error"]["code"], 202);
    assert_eq!(strict["error"]["at"], 0);

    let (code, lenient) = check_json(&["--lenient"], "川ICP备12345678号");
    assert_eq!(code, 0);
    assert_eq!(lenient["number"]["canonical"], "蜀ICP备12345678号");
    assert_eq!(lenient["number"]["fixes"], json!(["province_alias"]));
}

#[test]
fn strict_is_no_longer_an_option() {
    let run = icp(&["check", "--strict", "京ICP备12345678号"], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("unexpected argument '--strict'"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_strict_failure_that_lenient_reads_shows_the_lenient_reading() {
    let run = icp(&["check", "粤 ICP 备 14023066 号-1"], None);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "粤 ICP 备 14023066 号-1\n  ^\nerror WHITESPACE (104): whitespace inside the number\n\
         lenient reading: 粤ICP备14023066号-1 (use --lenient)\n"
    );
    // Nothing to suggest when lenient reading fails too, or when it was asked for.
    let run = icp(&["check", "京ICP备1234567号"], None);
    assert!(!run.stdout.contains("lenient"), "{}", run.stdout);
    let run = icp(&["check", "--lenient", "京ICP备1234567号"], None);
    assert!(!run.stdout.contains("lenient"), "{}", run.stdout);
    // JSON keeps its one shape.
    let (_, v) = check_json(&[], "粤 ICP 备 14023066 号-1");
    assert_eq!(keys(&v), ["input", "valid", "number", "error"]);
}

#[test]
fn a_word_that_is_not_a_number_is_said_plainly() {
    for args in [&["check", "hello"][..], &["check", "--lenient", "hello"]] {
        let run = icp(args, None);
        assert_eq!(run.code, 1);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 2, "no caret, no hint: {}", run.stdout);
        assert_eq!(lines[0], "hello");
        assert!(
            lines[1].starts_with("error NOT_A_NUMBER (109): not a registration number"),
            "{}",
            lines[1]
        );
    }
    let (_, v) = check_json(&[], "hello");
    assert_eq!(
        (&v["error"]["name"], &v["error"]["code"]),
        (&json!("NOT_A_NUMBER"), &json!(109))
    );
}

#[test]
fn numbers_inside_a_text_are_pointed_out() {
    let run = icp(&["check", "备案号：京ICP备12345678号"], None);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "备案号：京ICP备12345678号\n^\n\
         error UNKNOWN_PROVINCE (201): “备” is not a province abbreviation\n\
         found inside: 京ICP备12345678号 (icp scan finds numbers in text)\n"
    );
    let zh = icp(
        &[
            "check",
            "--lang",
            "zh",
            "see 京ICP备12345678号 and 京公网安备11010802020088号",
        ],
        None,
    );
    assert!(
        zh.stdout.ends_with(
            "\n其中有：京ICP备12345678号、京公网安备11010802020088号（icp scan 在文本中查找号码）\n"
        ),
        "{}",
        zh.stdout
    );
}

#[test]
fn lang_zh_gives_chinese_messages() {
    let (_, v) = check_json(&["--lang", "zh"], "川ICP备12345678号");
    assert_eq!(v["error"]["message"], "四川的ICP备案号使用“蜀”而不是“川”");

    let run = icp(&["check", "--lang", "zh", "川ICP备12345678号"], None);
    assert_eq!(
        run.stdout,
        "川ICP备12345678号\n^\n错误 WRONG_ABBREVIATION (202)：四川的ICP备案号使用“蜀”而不是“川”\n\
         宽松读法：蜀ICP备12345678号（使用 --lenient）\n"
    );
}

#[test]
fn lang_defaults_to_english() {
    let (_, v) = check_json(&[], "川ICP备12345678号");
    assert_eq!(v["error"]["message"], "Sichuan ICP numbers use 蜀, not 川");
}

#[test]
fn provinces_json_lists_31_with_the_right_codes() {
    let run = icp(&["provinces", "--json"], None);
    assert_eq!(run.code, 0);
    let all: Value = serde_json::from_str(&run.stdout).expect("one JSON array");
    let all = all.as_array().expect("an array");
    assert_eq!(all.len(), 31);
    let sichuan = all.iter().find(|p| p["iso"] == "CN-SC").expect("Sichuan");
    assert_eq!(
        sichuan,
        &json!({
            "iso": "CN-SC", "gb": 51, "icp": "蜀", "psb": "川",
            "name_zh": "四川", "name_en": "Sichuan",
        })
    );
}

#[test]
fn provinces_table_is_aligned() {
    let run = icp(&["provinces"], None);
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 32, "a header and 31 rows");
    assert!(
        lines.contains(&"CN-SC  51  蜀   川   四川    Sichuan"),
        "{}",
        run.stdout
    );
    assert!(lines.contains(&"CN-NM  15  蒙   蒙   内蒙古  Inner Mongolia"));
}

#[test]
fn help_describes_every_command() {
    let run = icp(&["--help"], None);
    assert_eq!(run.code, 0);
    for word in ["check", "provinces", "Examples:"] {
        assert!(run.stdout.contains(word), "{word}: {}", run.stdout);
    }
    let check = icp(&["check", "--help"], None);
    for flag in [
        "--lenient",
        "--lang",
        "--json",
        "standard input",
        "Strict by default",
    ] {
        assert!(check.stdout.contains(flag), "{flag}: {}", check.stdout);
    }
    assert!(!check.stdout.contains("--strict"), "{}", check.stdout);
    let scan = icp(&["scan", "--help"], None);
    assert!(scan.stdout.contains("Reads leniently"), "{}", scan.stdout);
}
