//! The `console` examples of the CLI README and of the root README's command-line section print
//! what they show: each `$ …` command that runs `icp` and shows its whole output (no `…`) is run
//! with `sh` in the workspace root and its standard output compared.

mod common;

use std::path::Path;
use std::process::Command;

/// The commands of `console` blocks in `markdown` that run `icp`, each with the output shown.
fn examples(markdown: &str) -> Vec<(String, String)> {
    let mut examples = Vec::new();
    let mut in_console = false;
    let mut current: Option<(String, String)> = None;
    for line in markdown.lines() {
        if !in_console {
            in_console = line == "```console";
            continue;
        }
        if line == "```" || line.starts_with("$ ") {
            examples.extend(current.take());
        }
        if line == "```" {
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            current = Some((command.to_owned(), String::new()));
        } else if let Some((_, output)) = &mut current {
            output.push_str(line);
            output.push('\n');
        }
    }
    examples
        .into_iter()
        .filter(|(command, output)| {
            let runs_icp = command.starts_with("icp ") || command.contains("| icp ");
            runs_icp && !output.is_empty() && !output.contains('…')
        })
        .collect()
}

fn check(readme: &Path, at_least: usize) {
    let markdown = std::fs::read_to_string(readme).unwrap();
    let examples = examples(&markdown);
    assert!(
        examples.len() >= at_least,
        "{}: {examples:?}",
        readme.display()
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_icp")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    for (command, shown) in examples {
        let output = Command::new("sh")
            .args(["-c", &command])
            .env("PATH", &path)
            .current_dir(common::root())
            .output()
            .expect("sh runs");
        let printed = String::from_utf8(output.stdout).unwrap();
        // A blank line ends a block's output before the next `$`; the README keeps it.
        assert_eq!(printed.trim_end(), shown.trim_end(), "$ {command}");
    }
}

#[test]
fn the_cli_readme_shows_what_icp_prints() {
    check(&common::root().join("crates/icp-cli/README.md"), 5);
}

#[test]
fn the_root_readme_shows_what_icp_prints() {
    check(&common::root().join("README.md"), 1);
}
