//! The fuzz targets' invariants under proptest, so stable CI exercises them on every run.

use proptest::prelude::*;
use proptest::sample::select;

/// Text made of the pieces numbers are made of, to reach deep into the grammar.
fn number_like() -> impl Strategy<Value = String> {
    let pieces = vec![
        "京",
        "蜀",
        "川",
        "粤",
        "港",
        "粵",
        "ICP",
        "icp",
        "备",
        "備",
        "证",
        "案",
        "号",
        "號",
        "公网安备",
        "A1",
        "B2",
        ".",
        "-",
        "－",
        "0",
        "1",
        "2",
        "9",
        "11",
        "20",
        "2024",
        " ",
        "&nbsp;",
        "：",
        "X",
        "Ｉ",
        "\u{a0}",
        "é",
        "<br>",
        "12345678",
        "11010802020088",
        "",
    ];
    proptest::collection::vec(select(pieces), 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn invariants_hold_on_number_like_text(input in number_like()) {
        icp_invariants::all(&input);
    }

    #[test]
    fn invariants_hold_on_arbitrary_text(input in "\\PC*") {
        icp_invariants::all(&input);
    }

    #[test]
    fn invariants_hold_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        icp_invariants::scan_bytes(&bytes);
    }
}
