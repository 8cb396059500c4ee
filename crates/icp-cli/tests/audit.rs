//! `icp audit` on the checked-in sites `tests/site/good` (passes) and `tests/site/bad` (one
//! failure of each kind): the exact findings, both outputs and the exit statuses.

mod common;

use std::fs;

use common::{icp, icp_in};
use serde_json::{Value, json};

#[test]
fn the_good_site_passes() {
    let run = icp(&["audit", "tests/site/good"], b"");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "\
page              ICP                  PSB                         links  issues
about/index.html  京ICP备12345678号-1  京公网安备11010802020088号  ok     -
index.html        京ICP备12345678号-1  京公网安备11010802020088号  ok     -
news/2024.htm     京ICP备12345678号-1  京公网安备11010802020088号  ok     -

PASS: 3 pages, all showing 京ICP备12345678号 and 京公网安备11010802020088号, linked to their query pages
"
    );
}

#[test]
fn the_bad_site_fails_with_every_finding() {
    let run = icp(&["audit", "tests/site/bad"], b"");
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    assert_eq!(
        run.stdout,
        "\
page               ICP                  PSB                         links                           issues
about.html         京ICP备12345678号-1  京公网安备11010802020088号  ok                              -
blog/post.htm      京ICP备12345678号-1  京公网安备11010802020088号  ok                              lenient
contact.html       -                    -                           -                               no_icp, no_psb
index.html         京ICP备12345678号-1  京公网安备11010802020088号  ok                              -
legacy.html        京ICP备12345678号-1  京公网安备11010802020088号  old ICP portal, old PSB portal  icp_link, psb_link
news/partner.html  京ICP备19012345号-1  京公网安备11010802020088号  ok                              icp_differs
old.html           -                    -                           -                               no_icp, no_psb
shop.html          京ICP备12345678号-1  沪公网安备31011502000001号  ok                              psb_differs, psb_province
team.html          京ICP备12345678号-1  京公网安备11010802020088号  no ICP link, old PSB portal     icp_link, psb_link

blog/post.htm: lenient: line 7: “京ICP备12345678号－1” is read only leniently (full_width); write 京ICP备12345678号-1
blog/post.htm: lenient: line 8: “京公网安备&nbsp;11010802020088号” is read only leniently (space); write 京公网安备11010802020088号
contact.html: no_icp: no ICP number (ICP filing, ICP licence or telecom licence)
contact.html: no_psb: no public-security number (公网安备)
legacy.html: icp_link: the ICP number links to the old MIIT portal www.miitbeian.gov.cn; link https://beian.miit.gov.cn/ instead
legacy.html: psb_link: the public-security number links to the old public-security portal www.beian.gov.cn; link https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088 instead
news/partner.html: icp_differs: 京ICP备19012345号 differs from the site's 京ICP备12345678号 (on 6 of 9 pages)
old.html: no_icp: no ICP number (ICP filing, ICP licence or telecom licence)
old.html: no_psb: no public-security number (公网安备)
shop.html: psb_differs: 沪公网安备31011502000001号 differs from the site's 京公网安备11010802020088号 (on 6 of 9 pages)
shop.html: psb_province: 沪公网安备31011502000001号 is from Shanghai (CN-SH), the ICP number 京ICP备12345678号-1 from Beijing (CN-BJ)
team.html: icp_link: the ICP number is not inside a link to https://beian.miit.gov.cn/
team.html: psb_link: the public-security number links to the old public-security portal www.beian.gov.cn; link https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088 instead

FAIL: 7 of 9 pages fail (13 issues)
"
    );
}

/// Each page's name and issue codes in a JSON report.
fn codes(report: &Value) -> Vec<(String, Vec<String>)> {
    report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|page| {
            let codes = page["issues"].as_array().unwrap();
            (
                page["page"].as_str().unwrap().to_owned(),
                codes
                    .iter()
                    .map(|i| i["code"].as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn json_for_the_bad_site() {
    let run = icp(&["audit", "--json", "tests/site/bad"], b"");
    assert_eq!(run.code, 1);
    let report = run.json();
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["site", "pass", "pages", "summary"]);
    assert_eq!(report["site"], "tests/site/bad");
    assert_eq!(report["pass"], false);
    assert_eq!(
        report["summary"],
        json!({
            "pages": 9, "passed": 2, "failed": 7, "issues": 13,
            "icp": "京ICP备12345678号", "psb": "京公网安备11010802020088号",
        })
    );
    let expected: Vec<(String, Vec<String>)> = [
        ("about.html", &[][..]),
        ("blog/post.htm", &["lenient", "lenient"]),
        ("contact.html", &["no_icp", "no_psb"]),
        ("index.html", &[]),
        ("legacy.html", &["icp_link", "psb_link"]),
        ("news/partner.html", &["icp_differs"]),
        ("old.html", &["no_icp", "no_psb"]),
        ("shop.html", &["psb_differs", "psb_province"]),
        ("team.html", &["icp_link", "psb_link"]),
    ]
    .iter()
    .map(|(page, codes)| {
        let codes = codes.iter().map(|c| (*c).to_owned()).collect();
        ((*page).to_owned(), codes)
    })
    .collect();
    assert_eq!(codes(&report), expected);

    let team = &report["pages"][8];
    assert_eq!(team["pass"], false);
    assert_eq!(team["links"], json!({ "icp": false, "psb": false }));
    assert_eq!(
        team["numbers"][0],
        json!({
            "line": 7, "column": 11, "byte": 152,
            "text": "京ICP备12345678号-1", "href": null, "linked": false,
            "number": {
                "kind": "filing", "canonical": "京ICP备12345678号-1",
                "main": "京ICP备12345678号", "province": "CN-BJ", "site": 1,
                "service": "website", "digits": "12345678", "year": 2012,
                "sequence": 345678, "fixes": [], "query_url": "https://beian.miit.gov.cn/",
            },
        })
    );
    assert_eq!(
        team["numbers"][1]["href"],
        "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010802020088"
    );
    let post = &report["pages"][1];
    assert_eq!(
        post["numbers"][1]["text"],
        "京公网安备&nbsp;11010802020088号"
    );
    assert_eq!(post["numbers"][1]["number"]["fixes"], json!(["space"]));
    assert_eq!(
        post["issues"][1]["message"],
        "line 8: “京公网安备&nbsp;11010802020088号” is read only leniently (space); \
         write 京公网安备11010802020088号"
    );
    // Numbers inside comments do not count.
    assert_eq!(report["pages"][6]["page"], "old.html");
    assert_eq!(report["pages"][6]["numbers"], json!([]));
    assert_eq!(
        report["pages"][6]["links"],
        json!({ "icp": null, "psb": null })
    );
}

#[test]
fn a_link_to_a_retired_portal_is_named() {
    let run = icp(&["audit", "tests/site/bad/legacy.html"], b"");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "\
page         ICP                  PSB                         links                           issues
legacy.html  京ICP备12345678号-1  京公网安备11010802020088号  old ICP portal, old PSB portal  icp_link, psb_link

legacy.html: icp_link: the ICP number links to the old MIIT portal www.miitbeian.gov.cn; link https://beian.miit.gov.cn/ instead
legacy.html: psb_link: the public-security number links to the old public-security portal www.beian.gov.cn; link https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088 instead

FAIL: 1 of 1 pages fail (2 issues)
"
    );
    let report = icp(&["audit", "--json", "tests/site/bad/legacy.html"], b"").json();
    let page = &report["pages"][0];
    assert_eq!(page["links"], json!({ "icp": false, "psb": false }));
    assert_eq!(page["numbers"][0]["href"], "http://www.miitbeian.gov.cn/");
    assert_eq!(page["numbers"][1]["linked"], false);
}

#[test]
fn json_for_the_good_site() {
    let run = icp(&["audit", "tests/site/good", "--json"], b"");
    assert_eq!(run.code, 0);
    let report = run.json();
    assert_eq!(report["pass"], true);
    assert_eq!(
        report["summary"],
        json!({
            "pages": 3, "passed": 3, "failed": 0, "issues": 0,
            "icp": "京ICP备12345678号", "psb": "京公网安备11010802020088号",
        })
    );
    let pages = report["pages"].as_array().unwrap();
    assert!(
        pages
            .iter()
            .all(|p| p["pass"] == true && p["issues"] == json!([]))
    );
    let hrefs: Vec<&Value> = pages
        .iter()
        .flat_map(|p| p["numbers"].as_array().unwrap())
        .map(|n| &n["href"])
        .collect();
    let expected = [
        json!("http://www.beian.miit.gov.cn"),
        json!("https://beian.mps.gov.cn/"),
        // The licence on the home page needs no link: its filing has one.
        Value::Null,
        json!("https://beian.miit.gov.cn/"),
        json!("https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088"),
        json!("https://beian.miit.gov.cn/#/Integrated/index"),
        json!("http://beian.mps.gov.cn/#/query/webSearch?code=11010802020088"),
    ];
    assert_eq!(hrefs, expected.iter().collect::<Vec<_>>());
}

#[test]
fn one_page_can_be_audited() {
    let run = icp(&["audit", "tests/site/bad/team.html"], b"");
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("page       ICP"), "{}", run.stdout);
    assert!(
        run.stdout.contains("\nteam.html  京ICP备12345678号-1"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\nFAIL: 1 of 1 pages fail (2 issues)\n"),
        "{}",
        run.stdout
    );
    assert_eq!(icp(&["audit", "tests/site/good/index.html"], b"").code, 0);
}

#[test]
fn a_missing_site_or_one_without_pages_exits_2() {
    let run = icp(&["audit", "tests/site/no-such-site"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.starts_with("icp: tests/site/no-such-site: "),
        "{}",
        run.stderr
    );

    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "京ICP备12345678号").unwrap();
    let run = icp_in(dir.path(), &["audit", "."], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "icp: .: no HTML pages (.html, .htm) to audit\n");
    assert_eq!(icp(&["audit"], b"").code, 2, "SITE_DIR is required");
}

#[test]
fn pages_in_skipped_directories_and_other_files_are_not_audited() {
    let dir = tempfile::tempdir().unwrap();
    let good = fs::read(common::root().join("tests/site/good/index.html")).unwrap();
    fs::write(dir.path().join("index.HTML"), &good).unwrap();
    for sub in ["node_modules/pkg", ".git"] {
        fs::create_dir_all(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("broken.html"), "<p>no footer</p>").unwrap();
    }
    fs::write(dir.path().join("notes.md"), "no footer").unwrap();
    let run = icp_in(dir.path(), &["audit", "--json", "."], b"");
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(codes(&run.json()), [("index.HTML".to_owned(), vec![])]);
}

#[test]
fn help_states_the_rules() {
    let run = icp(&["audit", "--help"], b"");
    assert_eq!(run.code, 0);
    for code in [
        "no_icp",
        "icp_differs",
        "no_psb",
        "psb_differs",
        "psb_province",
        "icp_link",
        "psb_link",
        "lenient",
        "http(s)://[www.]beian.miit.gov.cn[/][#…]",
        "http(s)://[www.]beian.mps.gov.cn/#/query/webSearch?code=<its digits>",
    ] {
        assert!(run.stdout.contains(code), "{code}: {}", run.stdout);
    }
    let top = icp(&["--help"], b"");
    assert!(top.stdout.contains("scan") && top.stdout.contains("audit"));
}
