//! icp-number on a Cortex-M3 (QEMU's `lm3s6965evb`): parses valid and invalid numbers in strict
//! and lenient mode, scans a footer, scans another footer fed in small chunks as if from a UART
//! (`Stream`), logs every result with defmt (over semihosting), measures the stack each entry
//! point uses and the instructions each call executes (SysTick under QEMU `-icount shift=0`, see
//! [`count`]), and exits with status 0 only when every result is the one expected.
//!
//! Run it with `cargo run --release --features qemu` in this directory (needs `qemu-system-arm`
//! and `defmt-print`); `cargo xtask test` does, and compares the decoded lines with
//! `expected-output.txt`.

#![no_std]
#![no_main]

mod count;
mod stack;

use core::hint::black_box;
use core::sync::atomic::{AtomicBool, Ordering};

use cortex_m as _; // the critical-section implementation defmt-semihosting needs
use cortex_m_rt::entry;
use count::Counter;
use defmt_semihosting as _; // the global defmt logger
use icp_number::{Error, ErrorKind, Fix, Fixes, Match, Number, Options, Stream};

/// Whether any result differed from the expected one.
static FAILED: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Strict,
    Lenient,
}

/// What a case must give: the canonical form and the fixes, or the error and where it is.
#[derive(Clone, Copy)]
enum Want {
    Ok(&'static str, &'static [Fix]),
    Err(ErrorKind, usize),
}

use Mode::{Lenient, Strict};
use Want::{Err as Fails, Ok as Reads};

#[rustfmt::skip]
const CASES: &[(Mode, &str, Want)] = &[
    // Strict: canonical forms of the four kinds.
    (Strict, "京ICP备12345678号-1", Reads("京ICP备12345678号-1", &[])),
    (Strict, "陕ICP备2024026116号-1A", Reads("陕ICP备2024026116号-1A", &[])),
    (Strict, "陕ICP备040096号", Reads("陕ICP备040096号", &[])),
    (Strict, "京ICP证030173号", Reads("京ICP证030173号", &[])),
    (Strict, "A2.B1.B2-20090003", Reads("A2.B1.B2-20090003", &[])),
    (Strict, "粤B2-20090059", Reads("粤B2-20090059", &[])),
    (Strict, "京公网安备11010802020088号", Reads("京公网安备11010802020088号", &[])),
    // Strict: what it refuses, and where.
    (Strict, "", Fails(ErrorKind::Empty, 0)),
    (Strict, "川ICP备12345678号", Fails(ErrorKind::WrongAbbreviation, 0)),
    (Strict, "京ICP备1234567号", Fails(ErrorKind::BadLength, 5)),
    (Strict, "京ICP备12345678号-0", Fails(ErrorKind::BadSiteNumber, 15)),
    (Strict, "京ICP备12345678", Fails(ErrorKind::MissingHao, 13)),
    (Strict, "港ICP备12345678号", Fails(ErrorKind::NotMainland, 0)),
    (Strict, "粤B2-20090059号", Fails(ErrorKind::TelecomHao, 12)),
    (Strict, "京公网安备51010502001234号", Fails(ErrorKind::PsbProvinceMismatch, 5)),
    // Lenient: what real footers show, each correction named.
    (Lenient, "京ICP备12345678号-1", Reads("京ICP备12345678号-1", &[])),
    (
        Lenient,
        "粤 ＩＣＰ 備14023066號－1",
        Reads("粤ICP备14023066号-1", &[Fix::Space, Fix::FullWidth, Fix::Traditional]),
    ),
    (Lenient, "川ICP备12345678号", Reads("蜀ICP备12345678号", &[Fix::ProvinceAlias])),
    (Lenient, "沪ICP备案13038549号", Reads("沪ICP备13038549号", &[Fix::BeianMarker])),
    (Lenient, "滇ICP备09010050-5号", Reads("滇ICP备09010050号-5", &[Fix::SiteBeforeHao])),
    (
        Lenient,
        "京公网安备：110105001242",
        Reads("京公网安备110105001242号", &[Fix::Separator, Fix::MissingHao]),
    ),
    (Lenient, "粤A2-20044005号-108", Reads("粤A2-20044005-108", &[Fix::TelecomHao])),
    (
        Lenient,
        "蒙ICP备2021000771号.",
        Reads("蒙ICP备2021000771号", &[Fix::TrailingPunctuation]),
    ),
    // Lenient relaxes how a number is written, never what it says.
    (Lenient, "京ICP备1404 1720号", Fails(ErrorKind::Whitespace, 9)),
    (Lenient, "京ICP备12345678号-0", Fails(ErrorKind::BadSiteNumber, 15)),
    (Lenient, "京公网安备51010502001234号", Fails(ErrorKind::PsbProvinceMismatch, 5)),
];

/// A footer as web pages write it: markup, labels, a space inside a number, and a look-alike
/// (萌ICP备, a joke registry) that must not be reported.
const FOOTER: &str = "© 2024 示例公司 | <a href=\"https://beian.miit.gov.cn/\">京ICP备12345678号-1</a> | \
    京公网安备 11010802020088号 | 增值电信业务经营许可证：粤B2-20090059 | 萌ICP备20240001号";

/// What scanning [`FOOTER`] must find: the canonical form, the fixes and the byte range.
#[rustfmt::skip]
const FOUND: &[(&str, &[Fix], usize, usize)] = &[
    ("京ICP备12345678号-1", &[], 60, 82),
    ("京公网安备11010802020088号", &[Fix::Space], 89, 122),
    ("粤B2-20090059", &[], 161, 175),
];

fn scan_checks() {
    defmt::info!("scanning a footer of {=usize} bytes", FOOTER.len());
    let mut count = 0;
    for found in icp_number::scan(FOOTER) {
        let (start, end) = (found.start(), found.end());
        let written = FOOTER.get(start..end).unwrap_or("?");
        log_match("scan   ", FOOTER.as_bytes(), &found);
        let same = matches!(FOUND.get(count), Some(&(canonical, fixes, s, e))
            if found.number().canonical() == canonical
                && found.fixes().bits() == bits(fixes)
                && (start, end) == (s, e));
        check(same, written);
        count += 1;
    }
    check(count == FOUND.len(), "the number of matches");
}

/// A footer that arrives over a UART: several numbers, lenient forms (full-width and traditional
/// characters, `&nbsp;`, 备案, a site number before 号, a full stop after a number), a
/// look-alike that must not be reported, and more bytes than the stream carries between chunks
/// ([`icp_number::WINDOW`]).
static UART_FOOTER: &[u8] = "<footer><p>© 2024 示例科技有限公司 版权所有</p><p>\
    <a href=\"https://beian.miit.gov.cn/\">粤 ＩＣＰ 備14023066號－1</a> | \
    京公网安备&nbsp;11010802020088号 | 沪ICP备案13038549号 | 萌ICP备20240001号 | \
    增值电信业务经营许可证：粤B2-20090059</p><p>滇ICP备09010050-5号 蒙ICP备2021000771号.</p></footer>"
    .as_bytes();

/// What scanning [`UART_FOOTER`] whole must find: the canonical form, the fixes and the byte range.
#[rustfmt::skip]
const UART_FOUND: &[(&str, &[Fix], usize, usize)] = &[
    ("粤ICP备14023066号-1", &[Fix::Space, Fix::FullWidth, Fix::Traditional], 100, 132),
    ("京公网安备11010802020088号", &[Fix::Space], 139, 177),
    ("沪ICP备13038549号", &[Fix::BeianMarker], 180, 203),
    ("粤B2-20090059", &[], 265, 279),
    ("滇ICP备09010050号-5", &[Fix::SiteBeforeHao], 286, 308),
    ("蒙ICP备2021000771号", &[], 309, 331),
];

/// The chunk sizes the UART footer is fed in; the last reads it in one piece.
const CHUNK_SIZES: [usize; 5] = [1, 3, 16, 64, usize::MAX];

/// The most numbers one stream run keeps for the comparison (no allocation: a fixed array).
const MAX_FOUND: usize = 8;

/// The UART's receive buffer: each chunk is copied here, over the previous one, before it is fed,
/// so the stream cannot rely on an earlier chunk's bytes staying where they were.
const RX_LEN: usize = 64;

fn stream_checks(stream: &mut Stream) {
    defmt::info!(
        "streaming a footer of {=usize} bytes (Stream: {=usize} bytes of RAM)",
        UART_FOOTER.len(),
        core::mem::size_of::<Stream>()
    );
    // The whole-text scan, checked against the expected numbers first.
    let mut count = 0;
    for found in icp_number::scan_bytes(UART_FOOTER) {
        log_match("scan_bytes", UART_FOOTER, &found);
        let same = matches!(UART_FOUND.get(count), Some(&(canonical, fixes, s, e))
            if found.number().canonical() == canonical
                && found.fixes().bits() == bits(fixes)
                && (found.start(), found.end()) == (s, e));
        check(same, "a number of the whole-text scan");
        count += 1;
    }
    check(
        count == UART_FOUND.len(),
        "the number of whole-text matches",
    );

    for size in CHUNK_SIZES {
        let mut got: [Option<Match>; MAX_FOUND] = [None; MAX_FOUND];
        let (mut n, mut chunks, mut split) = (0, 0, 0);
        let mut rx = [0u8; RX_LEN];
        let mut keep = |found: Match| {
            if let Some(slot) = got.get_mut(n) {
                *slot = Some(found);
            }
            n += 1;
        };
        if size == usize::MAX {
            chunks = 1;
            stream.feed(UART_FOOTER).for_each(&mut keep);
        } else {
            let mut at = 0;
            for chunk in UART_FOOTER.chunks(size.min(RX_LEN)) {
                let rx = rx.get_mut(..chunk.len()).unwrap_or_default();
                rx.copy_from_slice(chunk);
                at += chunk.len();
                // A chunk that ends inside a UTF-8 character (the next byte is a continuation).
                if UART_FOOTER.get(at).is_some_and(|b| b & 0xC0 == 0x80) {
                    split += 1;
                }
                stream.feed(rx).for_each(&mut keep);
                chunks += 1;
            }
        }
        stream.finish().for_each(&mut keep);
        // Every streamed number, in order, must be the whole-text scan's: `Match` equality
        // compares the number, the fixes, the start and the end.
        let mut whole = icp_number::scan_bytes(UART_FOOTER);
        let mut same = n <= MAX_FOUND;
        for (i, found) in got.iter().take(n).enumerate() {
            let want = whole.next();
            if *found != want {
                same = false;
                if let Some(found) = found {
                    log_match("streamed", UART_FOOTER, found);
                }
                defmt::error!(
                    "streamed match {=usize} differs from the whole-text scan",
                    i
                );
            }
        }
        same &= whole.next().is_none();
        defmt::info!(
            "stream  by {=usize} B: {=usize} feeds, {=usize} ending inside a character; {=usize} numbers{=str}",
            size.min(UART_FOOTER.len()),
            chunks,
            split,
            n,
            if same {
                ", as scanned whole"
            } else {
                ", NOT as scanned whole"
            },
        );
        check(same, "the streamed footer");
    }
}

/// Logs a match of `text` (its bytes, the number, the fixes).
fn log_match(label: &str, text: &[u8], found: &Match) {
    let (start, end) = (found.start(), found.end());
    let written = text
        .get(start..end)
        .and_then(|b| core::str::from_utf8(b).ok())
        .unwrap_or("?");
    let number = found.number();
    defmt::info!(
        "{=str} {=usize}..{=usize} \"{=str}\" -> {=str} ({=str}, {=str}) fixes: {}",
        label,
        start,
        end,
        written,
        number.canonical().as_str(),
        number.kind().name(),
        province(number),
        found.fixes(),
    );
}

fn main_checks() {
    defmt::info!("icp-number on a Cortex-M3: {=usize} cases", CASES.len());
    for &(mode, input, want) in CASES {
        let (options, label) = match mode {
            Strict => (Options::strict(), "strict "),
            Lenient => (Options::lenient(), "lenient"),
        };
        match options.parse(input) {
            Ok(parsed) => {
                log_number(label, input, parsed.number, parsed.fixes);
                let same = matches!(want, Want::Ok(canonical, fixes)
                    if parsed.number.canonical() == canonical && parsed.fixes.bits() == bits(fixes));
                check(same, input);
            }
            Err(err) => {
                log_error(label, input, &err);
                let same = matches!(want, Want::Err(kind, at) if err.kind() == kind && err.char_index() == at);
                check(same, input);
            }
        }
    }

    // The derived `defmt::Format` impls show a value whole, as `Debug` does.
    if let Ok(n) = icp_number::parse("陕ICP备2024026116号-1A") {
        defmt::info!("Format of a Number: {}", n);
    }
    if let Err(err) = icp_number::parse("京公网安备51010502001234号") {
        defmt::info!("Format of an Error: {}", err);
    }
}

fn log_number(label: &str, input: &str, number: Number, fixes: Fixes) {
    defmt::info!(
        "{=str} \"{=str}\" -> {=str} ({=str}, {=str}) fixes: {}",
        label,
        input,
        number.canonical().as_str(),
        number.kind().name(),
        province(number),
        fixes,
    );
}

/// The ISO code of the number's province; MIIT for a cross-regional telecom licence.
fn province(number: Number) -> &'static str {
    number.province().map_or("MIIT", |p| p.iso_code())
}

fn log_error(label: &str, input: &str, err: &Error) {
    defmt::info!(
        "{=str} \"{=str}\" -> error {=str} ({=u16}) at char {=usize}",
        label,
        input,
        err.kind().name(),
        err.code(),
        err.char_index(),
    );
}

/// The bits of a set of fixes, as `Fixes::bits` gives them (bit `n` is the fix `n`).
fn bits(fixes: &[Fix]) -> u16 {
    fixes.iter().fold(0, |acc, f| acc | 1 << (*f as u8))
}

fn check(same: bool, input: &str) {
    if !same {
        FAILED.store(true, Ordering::Relaxed);
        defmt::error!("unexpected result for {=str}", input);
    }
}

/// The entry points whose stack use is measured, each behind its own call.
#[inline(never)]
fn strict_parse(input: &'static str) {
    let _ = black_box(icp_number::parse(input));
}

#[inline(never)]
fn lenient_parse(input: &'static str) {
    let _ = black_box(icp_number::parse_lenient(input));
}

#[inline(never)]
fn scan_all(text: &'static str) {
    for found in icp_number::scan(text) {
        black_box(found);
    }
}

/// Feeds `text` to `stream` in chunks of `size` bytes and finishes it: the stack the stream needs
/// beyond itself (the caller holds it, as firmware holds it in a static or in its main loop).
#[inline(never)]
fn stream_all((stream, text, size): (&mut Stream, &'static [u8], usize)) {
    for chunk in text.chunks(size) {
        for found in stream.feed(chunk) {
            black_box(found);
        }
    }
    for found in stream.finish() {
        black_box(found);
    }
}

/// The worst stack use of [`stream_all`] over `texts`, each fed in every chunk size, logged.
fn measure_stream(stream: &mut Stream, texts: impl Iterator<Item = &'static [u8]>) {
    let (mut worst, mut count) = (0, 0);
    for text in texts {
        for size in CHUNK_SIZES {
            worst = worst.max(stack::used_by(stream_all, (&mut *stream, text, size)));
            count += 1;
        }
    }
    defmt::info!(
        "stack: Stream::feed and finish use {=usize} bytes at most ({=usize} inputs and chunk sizes; the Stream not counted)",
        worst,
        count
    );
}

/// The worst stack use of `op` over `texts`, logged.
fn measure(name: &str, op: fn(&'static str), texts: impl Iterator<Item = &'static str>) {
    let (mut worst, mut count) = (0, 0);
    for text in texts {
        worst = worst.max(stack::used_by(op, text));
        count += 1;
    }
    defmt::info!(
        "stack: {=str} uses {=usize} bytes at most ({=usize} inputs)",
        name,
        worst,
        count
    );
}

/// The instructions each entry point executes per call (see [`count`]), logged: strict and
/// lenient parsing of every case that reads (each kind, canonical and lenient forms), the
/// average over the cases each mode refuses, scanning the footer, and streaming the UART footer.
fn measure_instructions(counter: &Counter, stream: &mut Stream) {
    defmt::info!(
        "instructions: SysTick ticks every {=u32} instructions; each figure is the average of {=u32} calls",
        counter.per_tick(),
        count::CALLS
    );
    let parse_once = |mode: Mode, input: &'static str| match mode {
        Strict => counter.per_call(&mut || {
            let _ = black_box(icp_number::parse(black_box(input)));
        }),
        Lenient => counter.per_call(&mut || {
            let _ = black_box(icp_number::parse_lenient(black_box(input)));
        }),
    };
    let name = |mode: Mode| match mode {
        Strict => "parse        ",
        Lenient => "parse_lenient",
    };
    for &(mode, input, want) in CASES {
        if let Want::Ok(..) = want {
            let n = parse_once(mode, input);
            defmt::info!(
                "instructions: {=str} \"{=str}\" {=u32}",
                name(mode),
                input,
                n
            );
            check(n > 0, input);
        }
    }
    for mode in [Strict, Lenient] {
        let refused = CASES
            .iter()
            .filter(|c| c.0 == mode && matches!(c.2, Want::Err(..)));
        let (mut sum, mut count) = (0, 0);
        for &(_, input, _) in refused {
            sum += parse_once(mode, input);
            count += 1;
        }
        let n = sum / count.max(1);
        defmt::info!(
            "instructions: {=str} refusing: {=u32} on average ({=u32} inputs)",
            name(mode),
            n,
            count
        );
        check(n > 0, "the instructions refusing");
    }

    let n = counter.per_call(&mut || {
        for found in icp_number::scan(black_box(FOOTER)) {
            black_box(found);
        }
    });
    defmt::info!(
        "instructions: scan the {=usize}-byte footer: {=u32}",
        FOOTER.len(),
        n
    );
    check(n > 0, "the instructions scanning");
    let n = counter.per_call(&mut || {
        for found in icp_number::scan_bytes(black_box(UART_FOOTER)) {
            black_box(found);
        }
    });
    defmt::info!(
        "instructions: scan_bytes the {=usize}-byte UART footer: {=u32}",
        UART_FOOTER.len(),
        n
    );
    check(n > 0, "the instructions scanning bytes");
    for size in [1, 16, 64, UART_FOOTER.len()] {
        let n = counter.per_call(&mut || {
            for chunk in black_box(UART_FOOTER).chunks(size) {
                for found in stream.feed(chunk) {
                    black_box(found);
                }
            }
            for found in stream.finish() {
                black_box(found);
            }
        });
        defmt::info!(
            "instructions: Stream the {=usize}-byte UART footer by {=usize} B, then finish: {=u32}",
            UART_FOOTER.len(),
            size,
            n
        );
        check(n > 0, "the instructions streaming");
    }
}

/// The inputs of the cases in `mode`.
fn inputs(mode: Mode) -> impl Iterator<Item = &'static str> {
    CASES.iter().filter(move |c| c.0 == mode).map(|c| c.1)
}

#[entry]
fn main() -> ! {
    main_checks();
    scan_checks();
    // One stream for every run: `finish` leaves it at the start of a new input.
    let mut stream = Stream::new();
    stream_checks(&mut stream);
    measure("icp_number::parse", strict_parse, inputs(Strict));
    measure("icp_number::parse_lenient", lenient_parse, inputs(Lenient));
    let every_text = core::iter::once(FOOTER).chain(CASES.iter().map(|c| c.1));
    measure("icp_number::scan", scan_all, every_text.clone());
    measure_stream(
        &mut stream,
        every_text.map(str::as_bytes).chain([UART_FOOTER]),
    );
    match cortex_m::Peripherals::take().and_then(|p| Counter::start(p.SYST)) {
        Some(counter) => measure_instructions(&counter, &mut stream),
        None => check(
            false,
            "SysTick counting instructions (run QEMU with -icount shift=0)",
        ),
    }
    let code = i32::from(FAILED.load(Ordering::Relaxed));
    if code == 0 {
        defmt::info!("all results as expected");
    }
    semihosting::process::exit(code)
}

/// Logs the panic and exits with a failure status (a panic must not hang QEMU until the timeout).
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    if let Some(location) = info.location() {
        defmt::error!("panic at {=str}:{=u32}", location.file(), location.line());
    } else {
        defmt::error!("panic");
    }
    semihosting::process::exit(101)
}
