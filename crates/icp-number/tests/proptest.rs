//! Property tests on generated numbers: valid numbers of every kind round-trip, their lenient
//! variants read back to the same number, every prefix of a valid number is a valid prefix, and
//! the scanner finds them in page-like text. The invariants every input keeps are checked by
//! `icp-invariants` (included as the module `invariants`), shared with the fuzz targets (whose
//! own property tests feed it arbitrary text).

// `crates/icp-invariants/src/lib.rs` (a symlink, packed as a file); only `all` and `scan` are
// used here.
#[allow(dead_code)]
mod invariants;

use icp_number::{Fix, Number, Options, Province, Status};
use proptest::prelude::*;
use proptest::sample::select;

fn province() -> impl Strategy<Value = Province> {
    select(Province::all().collect::<Vec<_>>())
}

fn site() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (1u16..=9999, select(vec!["", "A", "X", "K"])).prop_map(|(n, t)| format!("-{n}{t}")),
    ]
}

fn filing() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        (0u32..=21, 1u32..=9999).prop_map(|(y, s)| format!("{y:02}{s:04}")),
        (0u32..=21, 1u32..=999_999).prop_map(|(y, s)| format!("{y:02}{s:06}")),
        (2019u32..=2027, 1u32..=999_999).prop_map(|(y, s)| format!("{y}{s:06}")),
    ];
    (province(), body, site()).prop_map(|(p, b, s)| format!("{}ICP备{b}号{s}", p.icp_abbr()))
}

fn licence() -> impl Strategy<Value = String> {
    (province(), 0u32..=27, 1u32..=9999, site())
        .prop_map(|(p, y, q, s)| format!("{}ICP证{y:02}{q:04}号{s}", p.icp_abbr()))
}

fn telecom() -> impl Strategy<Value = String> {
    let classes = proptest::bits::u8::between(0, 4)
        .prop_filter("at least one class", |b| *b != 0)
        .prop_map(|bits| {
            let names = ["A1", "A2", "B1", "B2"];
            let chosen: Vec<_> = (0..4)
                .filter(|i| bits & (1 << i) != 0)
                .map(|i| names[i])
                .collect();
            chosen.join(".")
        });
    let prefix = prop_oneof![
        Just(String::new()),
        province().prop_map(|p| p.icp_abbr().to_string())
    ];
    (prefix, classes, 2000u32..=2027, 1u32..=9999, site())
        .prop_map(|(p, c, y, q, s)| format!("{p}{c}-{y}{q:04}{s}"))
}

fn psb() -> impl Strategy<Value = String> {
    let modern = (province(), 0u32..=9999, 1u32..=99_999_999)
        .prop_map(|(p, d, q)| format!("{}公网安备{:02}{d:04}{q:08}号", p.psb_abbr(), p.gb_code()));
    let legacy =
        (0u32..=9999, 1u32..=999_999).prop_map(|(d, q)| format!("京公网安备11{d:04}{q:06}号"));
    prop_oneof![3 => modern, 1 => legacy]
}

fn canonical() -> impl Strategy<Value = String> {
    prop_oneof![filing(), licence(), telecom(), psb()]
}

proptest! {
    #[test]
    fn valid_numbers_round_trip(input in canonical()) {
        let number: Number = input.parse().map_err(|e| TestCaseError::fail(format!("{input}: {e:?}")))?;
        let canonical = number.canonical();
        prop_assert_eq!(canonical.as_str(), input.as_str());
        prop_assert_eq!(number.to_string(), input.clone());
        prop_assert_eq!(icp_number::parse(&number.canonical()), Ok(number));
        let lenient = icp_number::parse_lenient(&input).unwrap();
        prop_assert_eq!(lenient.number, number);
        prop_assert!(lenient.fixes.is_empty());
        prop_assert_eq!(number.main_number().site(), None);
    }

    #[test]
    fn every_prefix_of_a_valid_number_is_a_valid_prefix(input in canonical()) {
        for (at, _) in input.char_indices().skip(1) {
            let status = Options::strict().check_prefix(&input[..at]);
            prop_assert!(status.is_ok(), "{:?} of {}: {:?}", &input[..at], input, status);
            let status = Options::lenient().check_prefix(&input[..at]);
            prop_assert!(status.is_ok(), "lenient {:?} of {}: {:?}", &input[..at], input, status);
        }
        let complete = Options::strict().check_prefix(&input);
        prop_assert!(matches!(complete, Ok(Status::Complete(_))), "{input}: {complete:?}");
    }

    #[test]
    fn lenient_variants_read_back(input in canonical(), variant in 0usize..6) {
        let number = icp_number::parse(&input).unwrap();
        let (text, fix) = match variant {
            0 => (input.replace("ICP", "icp"), Fix::Lowercase),
            1 => (full_width(&input), Fix::FullWidth),
            2 => (input.replace('备', "備").replace('号', "號"), Fix::Traditional),
            3 => (format!(" {}\u{3000}", input.replacen("ICP", "&nbsp;ICP ", 1)), Fix::Space),
            4 => (format!("{input}。"), Fix::TrailingPunctuation),
            _ => (input.replacen("ICP备", "ICP备案", 1), Fix::BeianMarker),
        };
        let parsed = icp_number::parse_lenient(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
        prop_assert_eq!(parsed.number, number);
        prop_assert!(parsed.fixes.contains(fix) || text == input, "{text}: {:?}", parsed.fixes);
        invariants::all(&text);
    }

    /// With the `fast` feature, `parse` reads canonical text directly and the as-you-type check
    /// takes the full reading: one edit away from a valid number, they must still agree.
    #[test]
    fn near_misses_read_the_same_directly_and_in_full(
        input in canonical(),
        at in any::<proptest::sample::Index>(),
        edit in 0usize..4,
        c in select(vec!['0', '1', '9', '-', '.', 'A', 'B', 'K', 'X', 'Z', 'a', ' ', '号', '备', '证', '川', '蜀', '１']),
    ) {
        let mut chars: Vec<char> = input.chars().collect();
        let at = at.index(chars.len() + 1);
        match (edit, at < chars.len()) {
            (0, true) => chars[at] = c,
            (1, true) => { chars.remove(at); }
            (2, true) => chars.insert(at, chars[at]),
            _ => chars.insert(at, c),
        }
        let text: String = chars.into_iter().collect();
        let parsed = icp_number::parse(&text);
        let status = Options::strict().check_prefix(&text);
        match (&parsed, &status) {
            (Ok(number), Ok(Status::Complete(p))) => prop_assert_eq!(*number, p.number),
            (Err(_), Ok(Status::Incomplete(_)) | Err(_)) => {}
            _ => prop_assert!(false, "{text}: parse {parsed:?}, check_prefix {status:?}"),
        }
        invariants::check_prefix(&text);
    }
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect()
}

/// Page-like text: numbers of every kind, written canonically or not, among footer clutter.
fn page() -> impl Strategy<Value = String> {
    let clutter = select(vec![
        " ",
        "\n",
        "&nbsp;",
        "|",
        "<br>",
        "<a href=\"https://beian.miit.gov.cn/\">",
        "</a>",
        "版权所有",
        "ICP备案号：",
        "Copyright © 2024",
        "京",
        "粤",
        "A",
        "B2",
        "1",
        "-",
        "号",
        "x",
    ]);
    let piece = prop_oneof![
        canonical(),
        canonical().prop_map(|n| n.replace("ICP", " icp ")),
        canonical().prop_map(|n| full_width(&n)),
        clutter.prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn scanner_spans_are_sound(text in page()) {
        invariants::scan(&text);
    }

    #[test]
    fn scanner_finds_each_number_between_separators(numbers in proptest::collection::vec(canonical(), 1..5)) {
        let text = numbers.join(" | ");
        let found: Vec<String> = icp_number::scan(&text).map(|m| m.number().to_string()).collect();
        prop_assert_eq!(found, numbers);
    }
}
