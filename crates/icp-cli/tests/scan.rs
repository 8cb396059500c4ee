//! `icp scan`: files, trees and standard input; text and JSON Lines; exit statuses.

mod common;

use std::fs;

use common::{icp, icp_in};
use serde_json::{Value, json};

/// What `icp scan tests/site/good` prints: every file of the tree in sorted path order,
/// including the script (`.js` is read by default).
const GOOD: &str = "\
tests/site/good/about/index.html:12:64  京ICP备12345678号-1  (filing, CN-BJ)
tests/site/good/about/index.html:14:53  京公网安备11010802020088号  (psb, CN-BJ)
tests/site/good/assets/footer.js:2:30  京ICP备12345678号-1  (filing, CN-BJ)
tests/site/good/assets/footer.js:2:55  京公网安备11010802020088号  (psb, CN-BJ)
tests/site/good/index.html:13:40  京ICP证030173号  (licence, CN-BJ)
tests/site/good/index.html:15:75  京ICP备12345678号-1  (filing, CN-BJ)
tests/site/good/index.html:16:150  京公网安备11010802020088号  (psb, CN-BJ)
tests/site/good/news/2024.htm:7:60  京ICP备12345678号-1  (filing, CN-BJ)
tests/site/good/news/2024.htm:8:77  京公网安备11010802020088号  (psb, CN-BJ)
";

#[test]
fn a_directory_is_scanned_recursively_in_sorted_order() {
    let run = icp(&["scan", "tests/site/good"], b"");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, GOOD);
}

#[test]
fn ext_replaces_the_list_of_extensions() {
    let html = icp(&["scan", "--ext", "html,htm", "tests/site/good"], b"");
    assert_eq!(html.code, 0);
    let expected: String = GOOD
        .lines()
        .filter(|l| !l.contains("footer.js"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(html.stdout, expected);

    let js = icp(&["scan", "--ext", ".JS", "tests/site/good"], b"");
    let files: Vec<&str> = js
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files, ["tests/site/good/assets/footer.js"; 2]);

    let htm = icp(&["scan", "--ext=htm", "tests/site/good"], b"");
    assert_eq!(htm.stdout.lines().count(), 2, "{}", htm.stdout);
    assert!(
        htm.stdout
            .lines()
            .all(|l| l.starts_with("tests/site/good/news/2024.htm:"))
    );
}

#[test]
fn a_file_named_on_the_command_line_is_read_whatever_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("footer.cfg"), "icp = 粤B2-20090059\n").unwrap();
    let run = icp_in(
        dir.path(),
        &["scan", "--ext", "html", "footer.cfg", "."],
        b"",
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "footer.cfg:1:7  粤B2-20090059  (telecom, CN-GD)\n"
    );
}

#[test]
fn json_lines_have_the_documented_fields_in_order() {
    let run = icp(&["scan", "--json", "tests/site/good/index.html"], b"");
    assert_eq!(run.code, 0);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3);
    let fields = ["path", "line", "column", "byte", "text", "number"];
    for line in &lines {
        let keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, fields);
    }
    assert_eq!(
        lines[1],
        json!({
            "path": "tests/site/good/index.html", "line": 15, "column": 75,
            "byte": 395, "text": "京ICP备12345678号-1",
            "number": {
                "kind": "filing", "canonical": "京ICP备12345678号-1",
                "main": "京ICP备12345678号", "province": "CN-BJ", "site": 1,
                "service": "website", "digits": "12345678", "year": 2012,
                "sequence": 345678, "fixes": [], "query_url": "https://beian.miit.gov.cn/",
            },
        })
    );
    // The byte offset and the text's length slice the file to the text as written.
    let page = fs::read(common::root().join("tests/site/good/index.html")).unwrap();
    for line in &lines {
        let start = line["byte"].as_u64().unwrap() as usize;
        let text = line["text"].as_str().unwrap();
        assert_eq!(&page[start..start + text.len()], text.as_bytes());
    }
}

#[test]
fn stdin_is_read_without_a_path_or_with_dash() {
    let input = "页脚：粤 ＩＣＰ 備14023066號－1\n京ICP证030173号 B2-20090028\n".as_bytes();
    let expected = "\
-:1:4  粤ICP备14023066号-1  (filing, CN-GD, fixed: space, full_width, traditional)
-:2:1  京ICP证030173号  (licence, CN-BJ)
-:2:14  B2-20090028  (telecom, cross-regional)
";
    for args in [&["scan"][..], &["scan", "-"]] {
        let run = icp(args, input);
        assert_eq!(run.code, 0, "{args:?}");
        assert_eq!(run.stdout, expected, "{args:?}");
    }
    let run = icp(&["scan", "--json"], input);
    let first = &run.json_lines()[0];
    assert_eq!(first["path"], "-");
    assert_eq!(first["text"], "粤 ＩＣＰ 備14023066號－1");
    assert_eq!(first["byte"], "页脚：".len());
    assert_eq!(
        first["number"]["fixes"],
        json!(["space", "full_width", "traditional"])
    );
    assert_eq!(run.json_lines()[2]["number"]["province"], Value::Null);
}

#[test]
fn invalid_utf8_is_skipped_and_offsets_stay_those_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xff\xfe ".to_vec();
    bytes.extend_from_slice("京ICP备12345678号\n".as_bytes());
    bytes.extend_from_slice(b"\xc3( \xe4\xba"); // a broken sequence and a truncated 京
    bytes.extend_from_slice("ICP备12345678号 ".as_bytes());
    bytes.extend_from_slice("沪公网安备31011502000001号".as_bytes());
    fs::write(dir.path().join("legacy.html"), &bytes).unwrap();

    let run = icp_in(dir.path(), &["scan", "legacy.html"], b"");
    assert_eq!(run.code, 0);
    // Columns count each invalid sequence as one character: \xff and \xfe before 京; \xc3,
    // "(", " ", \xe4\xba, "ICP备12345678号" (13) and " " before 沪.
    assert_eq!(
        run.stdout,
        "legacy.html:1:4  京ICP备12345678号  (filing, CN-BJ)\n\
         legacy.html:2:19  沪公网安备31011502000001号  (psb, CN-SH)\n"
    );
    let lines = icp_in(dir.path(), &["scan", "--json", "legacy.html"], b"").json_lines();
    let at = |v: &Value| {
        (
            v["byte"].as_u64().unwrap() as usize,
            v["byte"].as_u64().unwrap() as usize + v["text"].as_str().unwrap().len(),
        )
    };
    let (start, end) = at(&lines[0]);
    assert_eq!(&bytes[start..end], "京ICP备12345678号".as_bytes());
    assert_eq!(start, 3);
    let (start, end) = at(&lines[1]);
    assert_eq!(&bytes[start..end], "沪公网安备31011502000001号".as_bytes());
    assert_eq!(end, bytes.len());

    let piped = icp(&["scan"], &bytes);
    assert_eq!(piped.stdout, run.stdout.replace("legacy.html", "-"));
}

#[test]
fn nothing_found_exits_0_with_no_output() {
    let run = icp(
        &["scan"],
        "萌ICP备12345678号 沪交ICP备12345678号 港ICP证030173号".as_bytes(),
    );
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    let empty = tempfile::tempdir().unwrap();
    let run = icp(&["scan", empty.path().to_str().unwrap()], b"");
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn an_unreadable_path_is_reported_and_exits_2_after_scanning_the_rest() {
    let run = icp(
        &[
            "scan",
            "tests/site/no-such-dir",
            "tests/site/good/news/2024.htm",
        ],
        b"",
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("icp: tests/site/no-such-dir: "),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(
        run.stdout
            .starts_with("tests/site/good/news/2024.htm:7:60  ")
    );
}

#[test]
fn usage_errors_exit_2() {
    let run = icp(&["scan", "--bogus"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
}

#[test]
fn vcs_and_node_modules_directories_are_skipped_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    for sub in [".git", "node_modules/pkg", ".svn", "src"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("a.html"), "京ICP备12345678号").unwrap();
    }
    let run = icp_in(dir.path(), &["scan", "."], b"");
    assert_eq!(
        run.stdout,
        "./src/a.html:1:1  京ICP备12345678号  (filing, CN-BJ)\n"
    );
    let named = icp_in(dir.path(), &["scan", "node_modules"], b"");
    assert_eq!(
        named.stdout,
        "node_modules/pkg/a.html:1:1  京ICP备12345678号  (filing, CN-BJ)\n"
    );
}

#[test]
fn many_files_are_printed_in_sorted_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..120 {
        let sub = format!("d{}", i % 7);
        fs::create_dir_all(dir.path().join(&sub)).unwrap();
        let name = format!("{sub}/p{i:03}.html");
        // Bigger files for some, so that the workers finish out of order.
        let padding = " ".repeat(if i % 5 == 0 { 200_000 } else { 0 });
        fs::write(
            dir.path().join(&name),
            format!("{padding}京ICP备12345678号-{}", i + 1),
        )
        .unwrap();
        expected.push((name, i + 1));
    }
    expected.sort();
    let run = icp_in(dir.path(), &["scan", "--json", "."], b"");
    assert_eq!(run.code, 0);
    let got: Vec<(String, u64)> = run
        .json_lines()
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap()[2..].to_owned(),
                v["number"]["site"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = expected.into_iter().map(|(p, s)| (p, s as u64)).collect();
    assert_eq!(got, expected);
}
