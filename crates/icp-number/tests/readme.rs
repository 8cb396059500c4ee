//! The crate README (the docs' front page) lists every error code with its name.

use icp_number::ErrorKind;

#[test]
fn the_readme_lists_every_error_code_and_name() {
    let readme = include_str!("../README.md");
    for kind in ErrorKind::ALL {
        let cell = format!("| {} | `{}` |", kind.code(), kind.name());
        assert!(readme.contains(&cell), "README.md lacks {cell}");
    }
    let rows = readme
        .lines()
        .filter(|l| l.starts_with("| 1") || l.starts_with("| 2") || l.starts_with("| 3"))
        .flat_map(|l| l.matches('`').count().checked_div(2))
        .sum::<usize>();
    assert_eq!(rows, ErrorKind::ALL.len(), "one cell per error kind");
}
