//! The firmware checks (issue 6), run by `cargo xtask test` after the core's cross-builds:
//!
//! 1. `crates/icp-firmware` (its own workspace and target directory) is checked with rustfmt
//!    and clippy.
//! 2. Its QEMU program runs on an emulated Cortex-M3 (`qemu-system-arm -machine lm3s6965evb`);
//!    the defmt stream it writes over semihosting is decoded with `defmt-print` and compared,
//!    line by line, with `crates/icp-firmware/expected-output.txt`. The program's own exit
//!    status says whether every parse and scan gave the expected result, and whether a footer
//!    fed to a `Stream` in small chunks gave what scanning it whole gives (issue 11). QEMU runs
//!    with `-icount shift=0`, so the program also counts the instructions each call executes
//!    (SysTick on the virtual clock; issue 13); a second run must print the same lines.
//! 3. The size probes are built for thumbv7em-none-eabihf (opt-level "z", LTO,
//!    panic = "abort"); the flash bytes each adds to an empty cortex-m-rt program are printed as
//!    the README's table and checked against the budgets.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{install, run, run_in};

/// The lm3s6965evb's Cortex-M3.
const QEMU_TARGET: &str = "thumbv7m-none-eabi";
/// The target the size budgets are set for.
const SIZE_TARGET: &str = "thumbv7em-none-eabihf";
/// The defmt decoder, pinned (it must understand the defmt 1.x wire format the program uses).
const DEFMT_PRINT: (&str, &str) = ("defmt-print", "1.2.0");

/// One size probe: a program in `crates/icp-firmware/src/bin`, measured against `size_empty`.
struct Probe {
    bin: &'static str,
    what: &'static str,
    /// The budget for the bytes the library adds: the check fails above it.
    budget: Option<usize>,
}

const PROBES: [Probe; 4] = [
    Probe {
        bin: "size_strict",
        what: "(a) strict parsing (`parse`)",
        budget: Some(8 * 1024),
    },
    Probe {
        bin: "size_lenient",
        what: "(b) lenient parsing (`parse_lenient`)",
        budget: None,
    },
    Probe {
        bin: "size_scan",
        what: "(c) scanning (`scan`)",
        budget: Some(16 * 1024),
    },
    Probe {
        bin: "size_stream",
        what: "(d) streaming scanning (`Stream`)",
        // Scanning's budget: streaming is scanning input that arrives in chunks (issue 11).
        budget: Some(16 * 1024),
    },
];

pub(crate) fn test() -> Result<(), String> {
    install::apt(&["qemu-system-arm"])?;
    install::cargo_tool(DEFMT_PRINT.0, DEFMT_PRINT.1, DEFMT_PRINT.0)?;
    run("rustup", &["target", "add", QEMU_TARGET, SIZE_TARGET])?;

    let dir = firmware_dir();
    let dir_str = dir.to_str().ok_or("non-UTF-8 path")?;
    run_in(Some(dir_str), "cargo", &["fmt", "--check"])?;
    run_in(
        Some(dir_str),
        "cargo",
        &[
            "clippy",
            "--release",
            "--features",
            "qemu",
            "--bins",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run_on_qemu(&dir)?;
    sizes(&dir)
}

/// `crates/icp-firmware`, next to this crate.
fn firmware_dir() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).join("icp-firmware")
}

/// Runs the QEMU program through its cargo runner and compares the decoded defmt lines; then runs
/// it again, which must print the same lines: under `-icount` the instruction counts, like the
/// stack figures, depend only on the program.
fn run_on_qemu(dir: &Path) -> Result<(), String> {
    let decoded = run_once(dir)?;
    let expected_path = dir.join("expected-output.txt");
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    compare(&expected, &decoded).map_err(|e| format!("{}: {e}", expected_path.display()))?;
    eprintln!("firmware output matches {}", expected_path.display());
    let again = run_once(dir)?;
    if let Some((first, second)) = decoded.lines().zip(again.lines()).find(|(a, b)| a != b) {
        return Err(format!(
            "the firmware's second run differs: `{first}`, then `{second}`"
        ));
    }
    if decoded.lines().count() != again.lines().count() {
        return Err("the firmware's second run printed a different number of lines".into());
    }
    eprintln!("a second run printed the same lines (instruction counts and stack figures)");
    Ok(())
}

/// One run of the QEMU program (`qemu-run.sh`, the cargo runner), its decoded defmt output.
fn run_once(dir: &Path) -> Result<String, String> {
    let args = [
        "run",
        "--release",
        "--features",
        "qemu",
        "--bin",
        "icp-firmware",
    ];
    let line = format!("cargo {}", args.join(" "));
    eprintln!("\n==> (in {}) {line}", dir.display());
    let output = Command::new("cargo")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{line}: {e}"))?;
    let decoded = String::from_utf8_lossy(&output.stdout).into_owned();
    eprintln!("--- decoded defmt output ---\n{}---", decoded);
    if !output.status.success() {
        return Err(format!(
            "{line}: the firmware reported a failure ({})",
            output.status
        ));
    }
    Ok(decoded)
}

/// Every non-comment line of `expected` must equal the next line of `actual`, where `<N>`
/// stands for a decimal number (the measured stack figures).
fn compare(expected: &str, actual: &str) -> Result<(), String> {
    let want: Vec<&str> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let got: Vec<&str> = actual.lines().map(str::trim_end).collect();
    for (i, w) in want.iter().enumerate() {
        match got.get(i) {
            Some(g) if matches_line(w, g) => {}
            Some(g) => return Err(format!("line {}: expected `{w}`, got `{g}`", i + 1)),
            None => return Err(format!("line {}: expected `{w}`, got nothing", i + 1)),
        }
    }
    if got.len() > want.len() {
        return Err(format!("unexpected extra line `{}`", got[want.len()]));
    }
    Ok(())
}

fn matches_line(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split("<N>");
    let Some(first) = parts.next() else {
        return line.is_empty();
    };
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    for part in parts {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return false;
        }
        match rest[digits..].strip_prefix(part) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Builds the size probes and prints the bytes each adds to the empty program.
fn sizes(dir: &Path) -> Result<(), String> {
    let dir_str = dir.to_str().ok_or("non-UTF-8 path")?;
    let target = format!("{dir_str}/target");
    run_in(
        Some(dir_str),
        "cargo",
        // The probes are read from `<dir>/target`, whatever CARGO_TARGET_DIR says.
        &[
            "build",
            "--release",
            "--target",
            SIZE_TARGET,
            "--bins",
            "--target-dir",
            &target,
        ],
    )?;
    let elf = |bin: &str| {
        dir.join("target")
            .join(SIZE_TARGET)
            .join("release")
            .join(bin)
    };
    let empty = flash_bytes(&elf("size_empty"))?;
    let mut failures = Vec::new();
    println!(
        "\nFlash bytes (.text + .rodata + .data) icp-number adds to an empty cortex-m-rt program\n\
         ({SIZE_TARGET}, opt-level \"z\", LTO, panic = \"abort\"; the empty program is {empty} B):\n"
    );
    println!("| program | bytes added | budget |");
    println!("|---|---:|---:|");
    for probe in &PROBES {
        let added = flash_bytes(&elf(probe.bin))?.saturating_sub(empty);
        if links_core_fmt(&elf(probe.bin))? {
            failures.push(format!("{} links core::fmt", probe.what));
        }
        let budget = probe.budget.map_or("—".to_string(), |b| format!("{b}"));
        println!("| {} | {added} | {budget} |", probe.what);
        if let Some(budget) = probe.budget.filter(|&budget| added > budget) {
            failures.push(format!(
                "{} adds {added} B: over the {} KB budget by {} bytes",
                probe.what,
                budget / 1024,
                added - budget
            ));
        }
    }
    println!();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("size budget: {}", failures.join("; ")))
    }
}

/// The bytes a program puts in flash: the sizes of its `.text`, `.rodata` and `.data` sections
/// (`.defmt` and debug sections are never flashed; the vector table is the same in every probe).
fn flash_bytes(elf: &Path) -> Result<usize, String> {
    let sections = sections(elf)?;
    Ok(sections
        .iter()
        .filter(|s| matches!(s.name.as_slice(), b".text" | b".rodata" | b".data"))
        .map(|s| s.data.len())
        .sum())
}

/// Whether the program links anything from `core::fmt` (its symbol table names it: legacy
/// `_ZN4core3fmt…` and v0 `…_4core3fmt…` symbols alike). `core::panicking::panic_fmt` is not
/// `core::fmt`: it is what every panic calls, and a handler that ignores its message leaves it a
/// stub.
fn links_core_fmt(elf: &Path) -> Result<bool, String> {
    let sections = sections(elf)?;
    let strtab = sections
        .iter()
        .find(|s| s.name == b".strtab")
        .ok_or_else(|| format!("{}: no symbol table", elf.display()))?;
    Ok(strtab.data.windows(9).any(|w| w == b"4core3fmt"))
}

struct Section {
    name: Vec<u8>,
    /// The section's bytes (empty for sections that occupy none in the file, such as `.bss`,
    /// whose size is not needed here).
    data: Vec<u8>,
}

/// The sections of a little-endian ELF32 file, read from its section headers.
fn sections(elf: &Path) -> Result<Vec<Section>, String> {
    let bytes = std::fs::read(elf).map_err(|e| format!("{}: {e}", elf.display()))?;
    let bad = || format!("{}: not a little-endian ELF32 file", elf.display());
    if bytes.get(..6) != Some(&[0x7f, b'E', b'L', b'F', 1, 1][..]) {
        return Err(bad());
    }
    let u16_at = |at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
            .ok_or_else(bad)
    };
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or_else(bad)
    };
    let (shoff, shentsize, shnum, shstrndx) =
        (u32_at(0x20)?, u16_at(0x2e)?, u16_at(0x30)?, u16_at(0x32)?);
    let header = |i: usize| shoff + i * shentsize;
    let names = u32_at(header(shstrndx) + 0x10)?;
    let mut sections = Vec::with_capacity(shnum);
    for i in 0..shnum {
        let h = header(i);
        let name = bytes
            .get(names + u32_at(h)?..)
            .and_then(|rest| rest.split(|&b| b == 0).next())
            .ok_or_else(bad)?;
        const SHT_NOBITS: usize = 8;
        let (offset, size) = (u32_at(h + 0x10)?, u32_at(h + 0x14)?);
        let data = if u32_at(h + 4)? == SHT_NOBITS {
            Vec::new()
        } else {
            bytes.get(offset..offset + size).ok_or_else(bad)?.to_vec()
        };
        sections.push(Section {
            name: name.to_vec(),
            data,
        });
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_match_numbers_only() {
        assert!(matches_line("stack: <N> bytes", "stack: 1600 bytes"));
        assert!(matches_line("a <N>..<N> b", "a 60..82 b"));
        assert!(!matches_line("stack: <N> bytes", "stack:  bytes"));
        assert!(!matches_line("stack: <N> bytes", "stack: 16x bytes"));
        assert!(!matches_line("stack: <N> bytes", "stack: 1600 bytes more"));
        assert!(matches_line("INFO  \"\" -> error", "INFO  \"\" -> error"));
    }

    #[test]
    fn comparison_skips_comments_and_wants_every_line() {
        let expected = "# comment\nINFO  one\n\nINFO  <N> two\n";
        assert_eq!(compare(expected, "INFO  one\nINFO  2 two\n"), Ok(()));
        assert!(compare(expected, "INFO  one\n").is_err());
        assert!(compare(expected, "INFO  one\nINFO  2 two\nINFO  three\n").is_err());
        assert!(compare(expected, "INFO  one\nINFO  two\n").is_err());
    }
}
