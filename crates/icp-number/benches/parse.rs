//! Parsing throughput: strict [`icp_number::parse`], lenient [`icp_number::parse_lenient`] and,
//! as a baseline, the `regex` crate matching the same strict grammar with captures.
//!
//! Every benchmark iterates over a whole input set, so criterion reports the time per set;
//! `Throughput::Elements` gives the calls per second (ns per call = time per set / set size).
//!
//! Groups (the same inputs for the three contenders):
//!
//! - `valid`: canonical numbers of all four kinds, accepted by all three.
//! - `invalid`: malformed numbers that all three reject (structural errors a regex can see).
//! - `regex_accepts`: numbers that are well formed but semantically wrong (impossible year, zero
//!   sequence, PSB digits not matching the province). Strict and lenient reject them; the regex
//!   cannot check numeric ranges or the province code, so it accepts them. Reported apart so
//!   that `invalid` stays apples to apples.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use icp_number::{Kind, Number};
use regex::{Captures, Regex};

/// The 31 MIIT abbreviations used by ICP filings, ICP licences and telecom licences (spec §1).
const ICP_ABBRS: &str = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新";
/// The 31 police abbreviations used by public-security filings (spec §1).
const PSB_ABBRS: &str = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵滇藏陕甘青宁新";

/// The strict grammar of spec §2-§5 as one anchored regex. `[0-9]`, not `\d`: the regex crate's
/// `\d` is Unicode-aware and would accept full-width digits, which strict mode rejects.
///
/// Groups: ICP filing/licence 1 province, 2 filing body, 3 licence body, 4 site number,
/// 5 service letter; telecom 6 province (optional), 7 classes, 8 body, 9 site number,
/// 10 service letter; PSB 11 province, 12 digits (14), 13 legacy Beijing digits (12).
///
/// Checked: characters, digit counts, 号 placement, site number 1..=9999 without a leading zero,
/// service letter, telecom classes known and in ascending order, 12-digit PSB only for 京.
/// Not checked (a regex cannot reasonably): years, all-zero sequences, PSB digits 1-2 against
/// the province's GB/T 2260 code.
fn strict_pattern() -> String {
    let site = "(?:-([1-9][0-9]{0,3})([AXK])?)?";
    let classes = r"A1(?:\.A2)?(?:\.B1)?(?:\.B2)?|A2(?:\.B1)?(?:\.B2)?|B1(?:\.B2)?|B2";
    format!(
        "^(?:\
         ([{ICP_ABBRS}])ICP(?:备([0-9]{{6}}|[0-9]{{8}}|[0-9]{{10}})|证([0-9]{{6}}))号{site}\
         |([{ICP_ABBRS}])?({classes})-([0-9]{{8}}){site}\
         |([{PSB_ABBRS}])公网安备([0-9]{{14}})号\
         |京公网安备([0-9]{{12}})号\
         )$"
    )
}

/// Canonical numbers of all four kinds: 6-, 8- and 10-digit filing bodies, with and without
/// site suffixes and service letters, licences, telecom licences with and without province,
/// 14-digit and legacy 12-digit PSB filings, and the abbreviations that differ between ICP and PSB.
const VALID: &[&str] = &[
    "京ICP备14041720号",
    "京ICP备2022034770号-6X",
    "陕ICP备2024026116号-1A",
    "陕ICP备040096号",
    "粤ICP备2023073334号-3K",
    "沪ICP备13038549号-108",
    "蜀ICP备2021012345号-2",
    "京ICP证030173号",
    "鄂ICP证020001号-5",
    "粤B2-20090059",
    "B2-20090028",
    "A2.B1.B2-20090003",
    "粤A2-20044005-108",
    "京公网安备11000002000001号",
    "川公网安备51010702000123号",
    "京公网安备110105001242号",
];

/// Malformed numbers that strict, lenient and the regex all reject.
const INVALID: &[&str] = &[
    "港ICP证030173号",
    "萌ICP备20210001号",
    "沪交ICP备13038549号",
    "ICP备12345678号",
    "京ICP备1234567号",
    "京ICP备12345678号-01",
    "京ICP备12345678号-12345",
    "京ICP备2022034770号-6Z",
    "粤D3-20090059",
    "B2.A2-20090003",
    "沪公网安备310104020000001号",
    "粤公网安备440305123456号",
];

/// Well-formed but semantically wrong: strict and lenient reject them, the regex accepts them.
const REGEX_ACCEPTS: &[&str] = &[
    "京ICP备23123456号",
    "京ICP备2017123456号",
    "京ICP备14000000号",
    "京ICP证990173号",
    "粤B2-19990059",
    "粤B2-20090000",
    "沪公网安备11010502000001号",
    "京公网安备110105000000号",
];

/// What the regex yields, read from the groups: the fields `Number` is built from.
#[derive(Debug, PartialEq, Eq)]
struct Fields<'a> {
    kind: Kind,
    province: Option<char>,
    body: &'a str,
    site: Option<(u16, Option<char>)>,
    classes: u8,
}

/// Reads the groups of a strict-pattern match into [`Fields`].
fn fields<'a>(caps: &Captures<'a>) -> Fields<'a> {
    let province = |i: usize| caps.get(i).and_then(|m| m.as_str().chars().next());
    let site = |n: usize, t: usize| {
        caps.get(n).map(|m| {
            let number = m
                .as_str()
                .bytes()
                .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
            (number, province(t))
        })
    };
    if let Some(body) = caps.get(2).or_else(|| caps.get(3)) {
        let kind = if caps.get(2).is_some() {
            Kind::Filing
        } else {
            Kind::Licence
        };
        return Fields {
            kind,
            province: province(1),
            body: body.as_str(),
            site: site(4, 5),
            classes: 0,
        };
    }
    if let Some(body) = caps.get(8) {
        let classes = caps.get(7).map_or(0, |m| {
            m.as_str().split('.').fold(0u8, |acc, c| {
                acc | match c {
                    "A1" => 1,
                    "A2" => 2,
                    "B1" => 4,
                    _ => 8,
                }
            })
        });
        return Fields {
            kind: Kind::Telecom,
            province: province(6),
            body: body.as_str(),
            site: site(9, 10),
            classes,
        };
    }
    let (province, body) = match caps.get(12) {
        Some(body) => (province(11), body.as_str()),
        None => (Some('京'), caps.get(13).map_or("", |m| m.as_str())),
    };
    Fields {
        kind: Kind::Psb,
        province,
        body,
        site: None,
        classes: 0,
    }
}

/// The same fields from the strict parser's result, to check that both read the same thing.
fn fields_of(number: &Number) -> Fields<'_> {
    let kind = number.kind();
    let (body, classes) = match number {
        Number::Filing(f) => (f.body(), 0),
        Number::Licence(l) => (l.body(), 0),
        Number::Telecom(t) => {
            let classes = t.classes().iter().fold(0u8, |acc, c| acc | 1 << c as u8);
            (t.body(), classes)
        }
        Number::Psb(p) => (p.digits(), 0),
    };
    Fields {
        kind,
        province: number.province().map(|p| p.abbr(kind)),
        body,
        site: number.site().map(|s| (s.number(), s.service().letter())),
        classes,
    }
}

/// Asserts the premises of the comparison for every input of every group.
fn check_inputs(re: &Regex) {
    for &input in VALID {
        let number = icp_number::parse(input).unwrap_or_else(|e| panic!("strict {input}: {e}"));
        let lenient = icp_number::parse_lenient(input).expect("lenient accepts canonical input");
        assert_eq!(lenient.number, number, "{input}");
        assert!(lenient.fixes.is_empty(), "{input}: canonical needs no fix");
        let caps = re
            .captures(input)
            .unwrap_or_else(|| panic!("regex {input}"));
        assert_eq!(fields(&caps), fields_of(&number), "{input}");
    }
    for &input in INVALID {
        assert!(icp_number::parse(input).is_err(), "strict accepts {input}");
        assert!(
            icp_number::parse_lenient(input).is_err(),
            "lenient accepts {input}"
        );
        assert!(!re.is_match(input), "regex accepts {input}");
    }
    for &input in REGEX_ACCEPTS {
        assert!(icp_number::parse(input).is_err(), "strict accepts {input}");
        // The year ranges hold in lenient mode too (spec §2).
        assert!(
            icp_number::parse_lenient(input).is_err(),
            "lenient accepts {input}"
        );
        assert!(re.is_match(input), "regex rejects {input}");
    }
}

fn bench_parse(c: &mut Criterion) {
    let re = Regex::new(&strict_pattern()).expect("the strict pattern compiles");
    check_inputs(&re);
    println!("strict regex: {}", re.as_str());

    let groups: [(&str, &[&str]); 3] = [
        ("valid", VALID),
        ("invalid", INVALID),
        ("regex_accepts", REGEX_ACCEPTS),
    ];
    for (name, inputs) in groups {
        let mut group = c.benchmark_group(name);
        group
            .throughput(Throughput::Elements(inputs.len() as u64))
            .sample_size(30)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        group.bench_function("strict", |b| {
            b.iter(|| {
                for &input in inputs {
                    let _ = black_box(icp_number::parse(black_box(input)));
                }
            });
        });
        group.bench_function("lenient", |b| {
            b.iter(|| {
                for &input in inputs {
                    let _ = black_box(icp_number::parse_lenient(black_box(input)));
                }
            });
        });
        group.bench_function("regex_captures", |b| {
            b.iter(|| {
                for &input in inputs {
                    black_box(re.captures(black_box(input)).map(|caps| fields(&caps)));
                }
            });
        });
        // The as-you-type check beside the comparable regex job: a yes/no answer, no captures.
        group.bench_function("check_prefix", |b| {
            b.iter(|| {
                for &input in inputs {
                    let _ = black_box(icp_number::check_prefix(black_box(input)));
                }
            });
        });
        group.bench_function("regex_is_match", |b| {
            b.iter(|| {
                for &input in inputs {
                    black_box(re.is_match(black_box(input)));
                }
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
