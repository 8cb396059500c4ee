//! The CLI's modules form layers: each uses (`crate::…`) only modules of lower layers, so no
//! import cycle can come back. The layers are those `src/main.rs` documents.

use std::path::Path;

/// Each module and its layer, the commands at the top; `main` (the command line) is above all.
const LAYERS: &[(&str, u8)] = &[
    ("check", 7),
    ("scan", 7),
    ("audit", 7),
    ("provinces", 7),
    ("report", 6),
    ("input", 5),
    ("chunks", 4),
    ("html", 4),
    ("warc", 3),
    ("decompress", 3),
    ("order", 3),
    ("progress", 2),
    ("files", 1),
    ("stdin", 1),
    ("exit", 1),
];

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .unwrap_or_else(|| panic!("module {module} is missing from LAYERS"))
        .1
}

/// The names `source` uses after `crate::` (in `crate::x`, `crate::x::y` and
/// `crate::{x, y::z}`).
fn uses(source: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (i, _) in source.match_indices("crate::") {
        let rest = &source[i + "crate::".len()..];
        let names = match rest.strip_prefix('{') {
            Some(group) => &group[..group.find('}').unwrap()],
            None => rest,
        };
        for part in names.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                used.push(name);
            }
            if !rest.starts_with('{') {
                break;
            }
        }
    }
    used
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let module = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if module == "main" {
            continue;
        }
        modules += 1;
        let source = std::fs::read_to_string(&path).unwrap();
        for used in uses(&source) {
            assert!(
                LAYERS.iter().any(|(name, _)| *name == used),
                "{module} uses crate::{used}, an item of main.rs (the top layer)"
            );
            assert!(
                layer(&used) < layer(&module),
                "{module} (layer {}) uses {used} (layer {})",
                layer(&module),
                layer(&used)
            );
        }
    }
    assert_eq!(modules, LAYERS.len(), "every module has a layer");
}

#[test]
fn uses_reads_every_form() {
    assert_eq!(
        uses("use crate::a::B;\nuse crate::{c, d::E, TOP};\ncrate::f(x)"),
        ["a", "c", "d", "TOP", "f"]
    );
}
