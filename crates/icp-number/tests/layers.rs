//! The core reads bottom-up: every module imports only from its own layer or the layers below
//! it, and no two modules import each other, directly or round a cycle. The layers are listed in
//! `src/lib.rs`; this test reads the sources and checks every `crate::` path against them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each module's layer, as `src/lib.rs` lists them.
const LAYERS: &[(&str, u8)] = &[
    ("text", 1),
    ("vocabulary", 2),
    ("error", 3),
    ("fixes", 3),
    ("province", 3),
    ("grammar", 4),
    ("normalise", 4),
    ("filing", 5),
    ("licence", 5),
    ("psb", 5),
    ("telecom", 5),
    ("number", 6),
    ("canonical", 6),
    ("options", 7),
    ("scan", 7),
];

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, layer)| *layer)
        .unwrap_or_else(|| panic!("module `{module}` is not in LAYERS"))
}

fn source(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The module each name re-exported by `lib.rs` comes from (`Kind` → `vocabulary`).
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for item in lib.split("pub use ").skip(1) {
        let item = &item[..item.find(';').expect("`pub use` ends in `;`")];
        let (module, list) = item.split_once("::").expect("`pub use module::…`");
        for name in list.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if !name.is_empty() {
                names.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    names
}

/// The crate modules `text` refers to through `crate::` (or `$crate::`) paths.
fn imports(text: &str, names: &BTreeMap<String, String>) -> BTreeSet<String> {
    let modules: BTreeSet<&str> = LAYERS.iter().map(|(name, _)| *name).collect();
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let words: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').expect("`crate::{` closes")];
            group.split(',').map(str::trim).collect()
        } else {
            vec![rest]
        };
        for word in words {
            let word: String = word
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(word.as_str()) {
                found.insert(word);
            } else if let Some(module) = names.get(&word) {
                found.insert(module.clone());
            } else if !word.is_empty() {
                panic!("`crate::{word}` is neither a module nor a re-export");
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_from_its_layer_or_below_without_cycles() {
    let lib = source("lib.rs");
    let names = reexports(&lib);
    let mut graph: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for &(module, _) in LAYERS {
        let text = if module == "scan" {
            ["scan/mod.rs", "scan/bytes.rs", "scan/stream.rs"]
                .map(source)
                .concat()
        } else {
            source(&format!("{module}.rs"))
        };
        // Doc comments, doctests and unit tests use the public API freely; only code counts.
        let code: String = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .map(|line| format!("{line}\n"))
            .collect();
        let mut deps = imports(&code, &names);
        deps.remove(module);
        for dep in &deps {
            assert!(
                layer(dep) <= layer(module),
                "`{module}` (layer {}) imports `{dep}` (layer {})",
                layer(module),
                layer(dep)
            );
        }
        graph.insert(module, deps);
    }
    // No cycle among modules of one layer: peel off modules whose imports are all peeled.
    let mut done: BTreeSet<String> = BTreeSet::new();
    while done.len() < graph.len() {
        let ready: Vec<&str> = graph
            .iter()
            .filter(|(m, deps)| !done.contains(**m) && deps.iter().all(|d| done.contains(d)))
            .map(|(m, _)| *m)
            .collect();
        assert!(
            !ready.is_empty(),
            "import cycle among {:?}",
            graph
                .keys()
                .filter(|m| !done.contains(**m))
                .collect::<Vec<_>>()
        );
        done.extend(ready.into_iter().map(str::to_owned));
    }
    assert_eq!(
        graph["text"],
        BTreeSet::new(),
        "the text layer imports nothing"
    );
}
