//! `cargo xtask bench-table`: runs the criterion benchmarks of the core beside the `regex` crate
//! and prints the comparison as a Markdown table, which it also writes into the README between
//! the `bench-table` markers. The figures are those of the machine it runs on.

use std::fs;
use std::path::PathBuf;

use serde_json::Value;

use crate::run;

const README: &str = "README.md";
const START: &str = "<!-- bench-table:start -->";
const END: &str = "<!-- bench-table:end -->";
const SCALE_START: &str = "<!-- scale-table:start -->";
const SCALE_END: &str = "<!-- scale-table:end -->";

/// One row: what is measured, the criterion ids of ours and the regex's, and the unit.
struct Row {
    job: &'static str,
    ours: &'static str,
    regex: &'static str,
    unit: Unit,
}

#[derive(Clone, Copy)]
pub(crate) enum Unit {
    /// Nanoseconds per call (the benchmark iterates over a set of inputs).
    NsPerCall,
    /// Throughput in MiB/s.
    MiBPerSecond,
}

const ROWS: [Row; 8] = [
    Row {
        job: "strict parse, valid input",
        ours: "valid/strict",
        regex: "valid/regex_captures",
        unit: Unit::NsPerCall,
    },
    Row {
        job: "strict parse, invalid input",
        ours: "invalid/strict",
        regex: "invalid/regex_captures",
        unit: Unit::NsPerCall,
    },
    Row {
        job: "lenient parse, valid input",
        ours: "valid/lenient",
        regex: "valid/regex_captures",
        unit: Unit::NsPerCall,
    },
    Row {
        job: "lenient parse, invalid input",
        ours: "invalid/lenient",
        regex: "invalid/regex_captures",
        unit: Unit::NsPerCall,
    },
    Row {
        job: "prefix check (regex: is_match)",
        ours: "valid/check_prefix",
        regex: "valid/regex_is_match",
        unit: Unit::NsPerCall,
    },
    Row {
        job: "strict parse, valid input (regex: is_match)",
        ours: "valid/strict",
        regex: "valid/regex_is_match",
        unit: Unit::NsPerCall,
    },
    Row {
        job: "scan 4 MiB of mixed HTML pages (regex: find_iter)",
        ours: "realistic_html/scan",
        regex: "realistic_html/regex_find_iter",
        unit: Unit::MiBPerSecond,
    },
    Row {
        job: "scan 4 MiB of Chinese-prose pages (regex: find_iter)",
        ours: "chinese_prose/scan",
        regex: "chinese_prose/regex_find_iter",
        unit: Unit::MiBPerSecond,
    },
];

pub(crate) fn table() -> Result<(), String> {
    criterion("parse", &[])?;
    criterion("scan", &["realistic|chinese_prose"])?;
    let mut table =
        String::from("| job | icp-number | regex | speed vs regex |\n|---|---|---|---|\n");
    for row in ROWS {
        let ours = figure(row.ours, row.unit)?;
        let regex = figure(row.regex, row.unit)?;
        let (cells, ratio) = match row.unit {
            Unit::NsPerCall => (
                (format!("{ours:.0} ns"), format!("{regex:.0} ns")),
                regex / ours,
            ),
            Unit::MiBPerSecond => (
                (format!("{ours:.0} MiB/s"), format!("{regex:.0} MiB/s")),
                ours / regex,
            ),
        };
        table += &format!(
            "| {} | {} | {} | {ratio:.2}× |\n",
            row.job, cells.0, cells.1
        );
    }
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let measured = format!("\nMeasured by `cargo xtask bench-table` on a {cpus}-core machine.\n");
    table += &measured;
    print!("{table}");
    write_readme(&table, START, END)?;
    let scale = crate::scale::table()? + &measured;
    print!("{scale}");
    write_readme(&scale, SCALE_START, SCALE_END)
}

/// Runs the core's criterion benchmark `bench`, with its filter arguments.
pub(crate) fn criterion(bench: &str, filter: &[&str]) -> Result<(), String> {
    // `std`: run-time SIMD detection, as the CLI and the C library use the core.
    let mut args = vec![
        "bench",
        "--package",
        "icp-number",
        "--features",
        "std",
        "--bench",
        bench,
        "--",
    ];
    args.extend(filter);
    run("cargo", &args)
}

/// The criterion estimate of `id` in `unit`.
pub(crate) fn figure(id: &str, unit: Unit) -> Result<f64, String> {
    let dir = target_dir().join("criterion").join(id);
    let read = |name: &str| -> Result<Value, String> {
        let path = dir.join(name);
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let estimates = read("new/estimates.json")?;
    let ns = estimates["mean"]["point_estimate"]
        .as_f64()
        .ok_or(format!("{id}: no mean"))?;
    let benchmark = read("new/benchmark.json")?;
    let throughput = &benchmark["throughput"];
    match unit {
        Unit::NsPerCall => {
            let calls = throughput["Elements"]
                .as_f64()
                .ok_or(format!("{id}: no element count"))?;
            Ok(ns / calls)
        }
        Unit::MiBPerSecond => {
            let bytes = throughput["Bytes"]
                .as_f64()
                .ok_or(format!("{id}: no byte count"))?;
            Ok(bytes / (ns / 1e9) / (1024.0 * 1024.0))
        }
    }
}

pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// Replaces what stands between the markers `start` and `end` in the README with `table`.
fn write_readme(table: &str, start_marker: &str, end_marker: &str) -> Result<(), String> {
    let text = fs::read_to_string(README).map_err(|e| format!("{README}: {e}"))?;
    let (Some(start), Some(end)) = (text.find(start_marker), text.find(end_marker)) else {
        return Err(format!(
            "{README}: no {start_marker} … {end_marker} markers"
        ));
    };
    let updated = format!("{}{start_marker}\n{table}{}", &text[..start], &text[end..]);
    fs::write(README, updated).map_err(|e| format!("{README}: {e}"))
}
