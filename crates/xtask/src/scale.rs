//! The "scanning at any size" table of `cargo xtask bench-table`: every entry point into the
//! scanner at growing sizes, so that a path that grows faster than its input shows at once.
//!
//! - The core: criterion's `sizes` group (`crates/icp-number/benches/scan.rs`): `scan`,
//!   `scan_bytes` and a `Stream` in 4 KiB and 64 KiB chunks, at 1, 10 and 100 MiB.
//! - The command: the release `icp scan` on a generated 1 GiB file of pages, read from the file,
//!   from a pipe, and gzipped: MB/s and peak memory (GNU time's maximum resident set size).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::bench::{Unit, figure};
use crate::{install, run};

/// The generated file: 1 GiB.
const FILE_SIZE: u64 = 1 << 30;

/// The core's entry points, as criterion names them, and how the table names them.
const ENTRY_POINTS: [(&str, &str); 4] = [
    ("scan", "`scan` (`&str`)"),
    ("scan_bytes", "`scan_bytes`"),
    ("stream_4KiB", "`Stream`, 4 KiB chunks"),
    ("stream_64KiB", "`Stream`, 64 KiB chunks"),
];

const SIZES: [&str; 3] = ["1MiB", "10MiB", "100MiB"];

/// Runs the measurements and returns the table.
pub(crate) fn table() -> Result<String, String> {
    crate::bench::criterion("scan", &["sizes"])?;
    let mut table = String::from("| entry point | 1 MiB | 10 MiB | 100 MiB |\n|---|---|---|---|\n");
    for (id, name) in ENTRY_POINTS {
        let mut row = format!("| {name} |");
        for size in SIZES {
            let mibs = figure(&format!("sizes/{id}/{size}"), Unit::MiBPerSecond)?;
            row += &format!(" {mibs:.0} MiB/s |");
        }
        table += &row;
        table.push('\n');
    }
    table.push('\n');
    table += &command_table()?;
    Ok(table)
}

/// `icp scan` end to end on 1 GiB: from the file, from a pipe, gzipped.
fn command_table() -> Result<String, String> {
    install::apt(&["time", "gzip"])?;
    run("cargo", &["build", "--release", "--package", "icp-cli"])?;
    let target = crate::bench::target_dir();
    let icp = target.join("release/icp");
    let dir = target.join("bench-data");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let pages = dir.join("pages.html");
    let zipped = dir.join("pages.html.gz");
    let result = (|| {
        let (bytes, expected) = write_pages(&pages)?;
        gzip(&pages, &zipped)?;
        let icp = icp.display().to_string();
        let (file, gz) = (pages.display().to_string(), zipped.display().to_string());
        let runs = [
            ("a file", format!("{icp} scan {file}")),
            ("a pipe", format!("cat {file} | {icp} scan -")),
            ("a gzipped file", format!("{icp} scan {gz}")),
        ];
        let mut table = format!(
            "| `icp scan`, {} MiB of pages ({expected} numbers) | MB/s | peak memory |\n|---|---|---|\n",
            bytes >> 20
        );
        for (how, command) in runs {
            let (seconds, rss_kib, found) = measure(&command)?;
            if found != expected {
                return Err(format!("{command}: {found} numbers, {expected} expected"));
            }
            table += &format!(
                "| from {how} | {:.0} | {:.1} MiB |\n",
                bytes as f64 / seconds / 1e6,
                rss_kib as f64 / 1024.0
            );
        }
        Ok(table)
    })();
    let _ = fs::remove_file(&pages);
    let _ = fs::remove_file(&zipped);
    result
}

/// Writes about [`FILE_SIZE`] bytes of pages (Chinese prose, a footer with two numbers each);
/// returns the size and the number of numbers written.
fn write_pages(path: &Path) -> Result<(u64, u64), String> {
    let page = format!(
        "<html><body>\n{}<footer>© 2024 某公司 版权所有 | <a href=\"https://beian.miit.gov.cn/\">京ICP备12345678号-1</a> | 京公网安备 11010802020088号</footer>\n</body></html>\n",
        "<p>本网站由某公司运营，我们致力于为用户提供优质的服务与产品。欢迎访问，如有疑问请联系我们的客服团队。</p>\n"
            .repeat(48)
    );
    let file = fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    let copies = FILE_SIZE / page.len() as u64;
    for _ in 0..copies {
        out.write_all(page.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    out.flush()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((copies * page.len() as u64, copies * 2))
}

fn gzip(from: &Path, to: &Path) -> Result<(), String> {
    let input = fs::File::open(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let output = fs::File::create(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let status = Command::new("gzip")
        .args(["-1", "-c"])
        .stdin(input)
        .stdout(output)
        .status()
        .map_err(|e| format!("gzip: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("gzip failed".to_owned())
    }
}

/// Runs `command` under GNU time: seconds, peak resident set size in KiB (of the largest
/// process), and the lines it printed (one per number).
fn measure(command: &str) -> Result<(f64, u64, u64), String> {
    eprintln!("\n==> {command}");
    let report = crate::bench::target_dir().join("bench-data/time.txt");
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .args(["sh", "-c", &format!("{command} | wc -l")])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{command}: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("{command}: {}", out.status));
    }
    let found = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("{command}: line count: {e}"))?;
    let rss = fs::read_to_string(&report)
        .map_err(|e| format!("{}: {e}", report.display()))?
        .lines()
        .last()
        .and_then(|line| line.trim().parse().ok())
        .ok_or(format!("{command}: no peak memory"))?;
    Ok((seconds, rss, found))
}
