//! WebAssembly bindings behind the npm package `icp-number`.
//!
//! Type conversions only: every answer comes from the core crate [`icp_number`]. This crate
//! writes the core's answers as text JavaScript can read. The hand-written facade
//! `wasm/index.js` builds the public objects from it (turning positions into JavaScript string
//! indices), and `wasm/index.d.ts` describes them; neither holds rules of the grammar.
//!
//! # The text the facade reads
//!
//! Each export returns one string: records separated by `\n`, fields by `\t`. Text is the
//! cheapest thing to cross the boundary (one copy, one `TextDecoder` call) and needs none of
//! wasm-bindgen's per-class glue: exporting the answers as classes with getters made the `.wasm`
//! about 10 KB larger. The one class, `Core`, holds the input buffer between calls; its answers
//! are text too. Names are the core's stable
//! names; numbers are decimal; an absent value is an empty field.
//!
//! The input of `parse`, `checkPrefix`, `isValid` and `scan` is not passed as an argument: the
//! facade writes it as UTF-8 into the input buffer of a [`Core`] in WebAssembly memory and passes
//! its length (wasm-bindgen's string passing allocates and copies on every call, which was most of
//! the time of a short `isValid`).
//!
//! - [`Core::parse`] and [`Core::check_prefix`] return one record:
//!   - a number: `N`, then the number fields: `Kind::name()`, canonical form, the main number
//!     only when it differs (the number has a site; else empty), query link,
//!     GB/T 2260 code of the province, site number, `Service::name()`, `Fixes::bits()`,
//!     `Number::digits()`, `Number::year()`, `Number::sequence()` (the labels of the kind and
//!     the service are in [`tables`]: one copy, not one a number);
//!   - a valid start of one: `I`, `Expected::name()`;
//!   - an error: `E`, `code()`, `char_index()` (code points), message. The message comes last
//!     and may hold any character (it quotes the input), tabs included.
//! - [`Core::scan`] (the facade's `scan`, `ChunkScanner` and `ScanStream`): one record per
//!   match, in order, for the numbers that start in ranges of pieces of an input: start and end
//!   as byte offsets from the start of the first piece, the number fields.
//!   For `scan` the facade finds where numbers can be with a RegExp built from the core's
//!   prefilter constants (the last block of [`tables`]), looks back from there over the
//!   characters a number can hold, and hands over only the pieces around them, all in one call;
//!   the streaming scanners hand over each chunk after the bytes the chunks before left
//!   undecided.
//!
//! - [`tables`]: the core's tables, one block each (records ending in `\n`, blocks in an empty
//!   line):
//!   - provinces: `iso`, GB/T 2260 code, Chinese name, English name, ICP and PSB abbreviations;
//!   - fixes: bit, `Fix::name()`, English label, Chinese label;
//!   - `Expected`: `Expected::name()`, English label, Chinese label, for every variant in
//!     `Expected::ALL` order (the facade and its tests take the names from here, not from a list
//!     of their own);
//!   - error kinds: code, `ErrorKind::name()` (the facade names an error from its code);
//!   - the prefilter: `DIGIT_RUN`, `REACH`, `WINDOW`, the first and the last of `WIDE_DIGITS`
//!     (a record: every number holds that many digits in a row, ASCII or full-width, ending at
//!     most `REACH` bytes from its start; the scanner reads `WINDOW` bytes around a candidate,
//!     `WINDOW - REACH` of them before it), then, in the fast entry's build (feature `fast`),
//!     `NUMBER_CHARS` (a record of code points, the first and the last of each range: the
//!     characters a number's text can hold);
//!   - kinds and services: `Kind::name()` or `Service::name()`, English label, Chinese label,
//!     for every `Kind::ALL`, then every `Service::ALL` (their names differ).
//!
//! Options arrive as plain arguments: `lenient` (every variant real footers show; else the
//! canonical form only, the default of the facade), `zh` (messages and labels in Chinese, else
//! English) and `max_year` (0 for the core's default). Scanning always reads leniently.
//!
//! The WebAssembly build is `no_std`, also for size: a panic (which the core never raises) traps
//! at once instead of going through std's panic machinery.

#![cfg_attr(target_arch = "wasm32", no_std)]
#![forbid(unsafe_code)]
// `push_str("\t")`, not `push('\t')`: `String::push` is a 240-byte function of its own, while
// `push_str` is already linked.
#![allow(clippy::single_char_add_str)]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;

use icp_number::{
    Error, ErrorKind, Expected, Fix, Kind, Lang, Match, Number, Options, Province, Service, Status,
};
use wasm_bindgen::prelude::*;

/// The allocator for what crosses the boundary: the input and the answer text. A free list with
/// coalescing in well under 1 KiB (dlmalloc, std's, costs about 6 KiB of the `.wasm`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// Traps: the core never panics, and formatting a message nobody can read would cost kilobytes.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

fn options(lenient: bool, max_year: u16) -> Options {
    let options = if lenient {
        Options::lenient()
    } else {
        Options::strict()
    };
    if max_year == 0 {
        options
    } else {
        options.with_max_year(max_year)
    }
}

fn lang(zh: bool) -> Lang {
    if zh { Lang::Zh } else { Lang::En }
}

/// Appends `n` in decimal (filled from the end by an iterator: no index, no panic path).
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut n = n;
    let mut len = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    let digits = digits.get(digits.len() - len..).unwrap_or_default();
    out.push_str(core::str::from_utf8(digits).unwrap_or_default());
}

/// Appends `\t` and a field.
fn field(out: &mut String, value: &str) {
    out.push_str("\t");
    out.push_str(value);
}

/// Appends `\t` and a number field.
fn number_field(out: &mut String, n: Option<u32>) {
    out.push_str("\t");
    if let Some(n) = n {
        push_number(out, n);
    }
}

/// Appends the fields of a number: kind, canonical form, main number (empty when it is the
/// canonical form: the number has no site), query link, GB/T 2260 code of the province (empty
/// for a cross-regional telecom licence), site number, service, fix bits (`Fixes::bits()`),
/// digits, year (empty for a public-security number), sequence. The labels of the kind and the
/// service come from [`tables`].
fn write_number(out: &mut String, number: &Number, fix_bits: u16) {
    field(out, number.kind().name());
    field(out, &number.canonical());
    if number.site().is_some() {
        field(out, &number.main_number().canonical());
    } else {
        out.push_str("\t");
    }
    field(out, &number.query_url());
    number_field(out, number.province().map(|p| u32::from(p.gb_code())));
    number_field(out, number.site().map(|s| u32::from(s.number())));
    field(out, number.service().map_or("", |s| s.name()));
    number_field(out, Some(u32::from(fix_bits)));
    field(out, number.digits());
    number_field(out, number.year().map(u32::from));
    number_field(out, Some(number.sequence()));
}

/// Writes one answer of `parse` or `checkPrefix`.
fn answer(result: Result<Status, Error>, zh: bool) -> String {
    let lang = lang(zh);
    let mut out = String::new();
    match result {
        Ok(Status::Complete(parsed)) => {
            out.push_str("N");
            write_number(&mut out, &parsed.number, parsed.fixes.bits());
        }
        Ok(Status::Incomplete(next)) => {
            out.push_str("I");
            field(&mut out, next.name());
        }
        Err(err) => {
            out.push_str("E");
            number_field(&mut out, Some(u32::from(err.code())));
            // On wasm32 a usize is a u32.
            number_field(&mut out, Some(err.char_index() as u32));
            out.push_str("\t");
            // Writing to a String cannot fail.
            let _ = err.message(lang).write_to(&mut out);
        }
    }
    out
}

/// The input buffer the facade keeps in WebAssembly memory: it writes each input (a whole
/// text, a piece of one, the bytes of a chunk) into it, then calls a method that reads it: no
/// allocation and no copy by wasm-bindgen per call (that was most of the time of a short
/// `isValid`). It grows when an input needs more room, and moves then. (`Debug` for the host
/// build's lints; nothing in the `.wasm` calls it.)
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Core {
    bytes: Vec<u8>,
}

#[wasm_bindgen]
impl Core {
    /// An empty buffer.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new() -> Core {
        Core::default()
    }

    /// Makes room for `len` bytes: where the buffer starts in WebAssembly memory.
    pub fn reserve(&mut self, len: usize) -> usize {
        if self.bytes.len() < len {
            self.bytes.resize(len, 0);
        }
        self.bytes.as_ptr() as usize
    }

    /// The first `len` bytes written, as text (the facade writes UTF-8; anything else reads
    /// as nothing).
    fn text(&self, len: usize) -> &str {
        let bytes = self.bytes.get(..len).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or_default()
    }

    /// Parses the `len` bytes written as one whole number (strict unless `lenient`).
    pub fn parse(&self, len: usize, lenient: bool, zh: bool, max_year: u16) -> String {
        let result = options(lenient, max_year)
            .parse(self.text(len))
            .map(Status::Complete);
        answer(result, zh)
    }

    /// The as-you-type check of the `len` bytes written (strict unless `lenient`): complete, a
    /// valid start (and what comes next), or the error.
    #[wasm_bindgen(js_name = checkPrefix)]
    pub fn check_prefix(&self, len: usize, lenient: bool, zh: bool, max_year: u16) -> String {
        answer(options(lenient, max_year).check_prefix(self.text(len)), zh)
    }

    /// Whether the `len` bytes written are one whole number (strict unless `lenient`).
    #[wasm_bindgen(js_name = isValid)]
    pub fn is_valid(&self, len: usize, lenient: bool, max_year: u16) -> bool {
        options(lenient, max_year).is_valid(self.text(len))
    }

    /// The numbers in pieces of one input, in one call: one record each, start and end as byte
    /// offsets from the start of the buffer, the number fields. The `count` pieces lie one after
    /// another from the start of the buffer; from byte `table` on, three little-endian `u32`
    /// describe each piece: its length, and the range where numbers can start in it
    /// ([`icp_number::scan_part`]'s `from` and `to`, bytes from its start). The facade's `scan`
    /// hands over the pieces around the digits its prefilter finds; the streaming scanners, each
    /// chunk after the bytes the chunks before left undecided.
    pub fn scan(&self, table: usize, count: usize, max_year: u16) -> String {
        let mut out = String::new();
        let field = |at: usize| {
            let word = self.bytes.get(at..at + 4).unwrap_or_default();
            word.try_into()
                .map_or(0, |word| u32::from_le_bytes(word) as usize)
        };
        let mut at = 0;
        for k in 0..count {
            let d = table + 12 * k;
            let len = field(d);
            let piece = self.bytes.get(at..at + len).unwrap_or_default();
            let part = icp_number::scan_part(piece, field(d + 4), field(d + 8));
            for m in part.with_options(options(true, max_year)) {
                // On wasm32 a usize is a u32.
                let (start, end) = ((at + m.start()) as u32, (at + m.end()) as u32);
                write_match(&mut out, start, end, &m);
            }
            at += len;
        }
        out
    }
}

/// Appends one match record: where it starts and ends (byte offsets), then the number fields.
fn write_match(out: &mut String, start: u32, end: u32, m: &Match) {
    if !out.is_empty() {
        out.push_str("\n");
    }
    push_number(out, start);
    number_field(out, Some(end));
    write_number(out, &m.number(), m.fixes().bits());
}

/// Appends a record of a name and its labels.
fn labels(out: &mut String, name: &str, label: impl Fn(Lang) -> &'static str) {
    out.push_str(name);
    field(out, label(Lang::En));
    field(out, label(Lang::Zh));
    out.push_str("\n");
}

/// The core's tables, one block each, in this order: the 31 provinces in GB/T 2260 order,
/// every fix in bit order, every `Expected` in `Expected::ALL` order, every error kind in code
/// order, the prefilter's constants, the labels of the kinds and the services. Each record ends
/// with `\n`, each block with one more (an empty line). One export, not six: each export costs
/// its own copy of the code that hands a string to JavaScript.
#[wasm_bindgen]
pub fn tables() -> String {
    let mut out = String::new();
    for p in Province::all() {
        out.push_str(p.iso_code());
        number_field(&mut out, Some(u32::from(p.gb_code())));
        field(&mut out, p.name_zh());
        field(&mut out, p.name_en());
        field(&mut out, p.icp_abbr().encode_utf8(&mut [0; 4]));
        field(&mut out, p.psb_abbr().encode_utf8(&mut [0; 4]));
        out.push_str("\n");
    }
    out.push_str("\n");
    for &fix in Fix::ALL {
        // `Fixes::bits()`: bit n is the fix whose discriminant is n.
        push_number(&mut out, 1 << fix as u8);
        out.push_str("\t");
        labels(&mut out, fix.name(), |lang| fix.label(lang));
    }
    out.push_str("\n");
    for &next in Expected::ALL {
        labels(&mut out, next.name(), |lang| next.label(lang));
    }
    out.push_str("\n");
    for kind in ErrorKind::ALL {
        push_number(&mut out, u32::from(kind.code()));
        field(&mut out, kind.name());
        out.push_str("\n");
    }
    out.push_str("\n");
    // On wasm32 a usize is a u32.
    push_number(&mut out, icp_number::DIGIT_RUN as u32);
    number_field(&mut out, Some(icp_number::REACH as u32));
    number_field(&mut out, Some(icp_number::WINDOW as u32));
    field(
        &mut out,
        icp_number::WIDE_DIGITS.start().encode_utf8(&mut [0; 4]),
    );
    field(
        &mut out,
        icp_number::WIDE_DIGITS.end().encode_utf8(&mut [0; 4]),
    );
    // The fast entry's facade looks back from digits over these alone (the default entry, built
    // for size, goes back `REACH` bytes over any character).
    #[cfg(feature = "fast")]
    for (k, chars) in icp_number::NUMBER_CHARS.iter().enumerate() {
        out.push_str(if k > 0 { "\t" } else { "\n" });
        push_number(&mut out, u32::from(chars.0));
        number_field(&mut out, Some(u32::from(chars.1)));
    }
    out.push_str("\n\n");
    for &kind in Kind::ALL {
        labels(&mut out, kind.name(), |lang| kind.label(lang));
    }
    for &service in Service::ALL {
        labels(&mut out, service.name(), |lang| service.label(lang));
    }
    out.push_str("\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A core holding `text`, and its length.
    fn input(text: &str) -> (Core, usize) {
        let mut core = Core::new();
        core.reserve(text.len());
        core.bytes[..text.len()].copy_from_slice(text.as_bytes());
        (core, text.len())
    }

    fn parse(text: &str, lenient: bool, zh: bool, max_year: u16) -> String {
        let (input, len) = input(text);
        input.parse(len, lenient, zh, max_year)
    }

    fn check_prefix(text: &str, lenient: bool, zh: bool, max_year: u16) -> String {
        let (input, len) = input(text);
        input.check_prefix(len, lenient, zh, max_year)
    }

    fn is_valid(text: &str, lenient: bool, max_year: u16) -> bool {
        let (input, len) = input(text);
        input.is_valid(len, lenient, max_year)
    }

    /// A scan of pieces of one input: each piece's text and the range where numbers can start.
    fn scan(pieces: &[(&str, u32, u32)]) -> String {
        let text: String = pieces.iter().map(|p| p.0).collect();
        let table = text.len().next_multiple_of(4);
        let mut core = Core::new();
        core.reserve(table + 12 * pieces.len());
        core.bytes[..text.len()].copy_from_slice(text.as_bytes());
        let words = pieces
            .iter()
            .flat_map(|&(piece, from, to)| [piece.len() as u32, from, to]);
        for (k, word) in words.enumerate() {
            core.bytes[table + 4 * k..][..4].copy_from_slice(&word.to_le_bytes());
        }
        core.scan(table, pieces.len(), 0)
    }

    #[test]
    fn records() {
        assert_eq!(
            parse("京 ICP备12345678号-1", true, false, 0),
            "N\tfiling\t京ICP备12345678号-1\t京ICP备12345678号\thttps://beian.miit.gov.cn/\t11\t1\t\
             website\t1\t12345678\t2012\t345678"
        );
        // No site: the main number is the canonical form, and its field is empty.
        assert_eq!(
            parse("B2-20090028", false, true, 0),
            "N\ttelecom\tB2-20090028\t\thttps://beian.miit.gov.cn/\t\t\t\t0\t\
             20090028\t2009\t28"
        );
        assert_eq!(
            parse("京公网安备11010802020088号", false, true, 0),
            "N\tpsb\t京公网安备11010802020088号\t\t\
             https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088\t11\t\t\t0\t\
             11010802020088\t\t2020088"
        );
        assert!(parse("陕ICP备2024026116号-1A", false, true, 0).contains("\t1\tapp\t"));
        assert_eq!(check_prefix("京ICP备1234", false, false, 0), "I\tdigits");
        assert_eq!(check_prefix("京ICP备12345678", false, true, 0), "I\thao");
        assert_eq!(
            check_prefix("京ICP备12345678号&nb", true, false, 0),
            "I\tentity"
        );
        assert_eq!(
            parse("川ICP备12345678号", false, true, 0),
            "E\t202\t0\t四川的ICP备案号使用“蜀”而不是“川”"
        );
    }

    #[test]
    fn tables_hold_the_core_tables() {
        let tables = tables();
        let blocks: Vec<&str> = tables.split("\n\n").collect();
        assert_eq!(blocks.len(), 7, "six blocks, each closed by an empty line");
        assert!(blocks[0].starts_with("CN-BJ\t11\t北京\tBeijing\t京\t京\nCN-TJ\t12\t"));
        assert!(blocks[0].contains("\nCN-SC\t51\t四川\tSichuan\t蜀\t川\n"));
        assert_eq!(blocks[0].lines().count(), 31);
        assert!(blocks[1].starts_with("1\tspace\twhitespace removed\t去除空白\n2\tseparator\t"));
        assert_eq!(blocks[1].lines().count(), Fix::ALL.len());
        assert!(blocks[2].starts_with("province\ta province abbreviation\t省份简称\nmarker\t"));
        assert_eq!(blocks[2].lines().count(), Expected::ALL.len());
        assert!(blocks[3].starts_with("100\tEMPTY\n101\tINCOMPLETE\n"));
        assert!(blocks[3].ends_with("\n501\tLEGACY_PSB_OUTSIDE_BEIJING"));
        assert_eq!(blocks[3].lines().count(), ErrorKind::ALL.len());
        let (constants, chars) = blocks[4].split_once('\n').unwrap_or((blocks[4], ""));
        assert_eq!(constants, "6\t253\t256\t０\t９");
        if cfg!(feature = "fast") {
            let chars: Vec<u32> = chars.split('\t').map(|c| c.parse().unwrap()).collect();
            let expected = icp_number::NUMBER_CHARS.iter().flat_map(|&(a, b)| [a, b]);
            assert!(chars.iter().copied().eq(expected.map(u32::from)));
        } else {
            assert_eq!(chars, "");
        }
        let labels: Vec<&str> = blocks[5].lines().collect();
        assert_eq!(labels.len(), Kind::ALL.len() + Service::ALL.len());
        assert_eq!(labels[0], "filing\tICP filing\tICP备案号");
        assert_eq!(labels[4], "website\twebsite\t网站");
        assert!(labels[7].starts_with("quick_app\t"));
        let names: std::collections::HashSet<&str> =
            labels.iter().filter_map(|l| l.split('\t').next()).collect();
        assert_eq!(names.len(), labels.len(), "kind and service names differ");
        assert_eq!(blocks[6], "");
    }

    #[test]
    fn a_piece_reports_the_numbers_starting_in_its_range() {
        let text = "x 京ICP备12345678号 😀粤B2-20090059";
        let len = text.len() as u32;
        let all = scan(&[(text, 0, len)]);
        let lines: Vec<&str> = all.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("2\t22\tfiling\t"), "{}", lines[0]);
        assert!(lines[1].starts_with("27\t41\ttelecom\t"), "{}", lines[1]);
        assert_eq!(scan(&[(text, 3, len)]), lines[1]);
        assert_eq!(scan(&[(text, 0, 2)]), "");
        // Offsets count from the start of the first piece.
        let (first, second) = text.split_at(text.find('😀').unwrap());
        let (a, b) = (first.len() as u32, second.len() as u32);
        assert_eq!(scan(&[(first, 1, a), (second, 0, b)]), all);
        assert_eq!(scan(&[(first, 3, a), (second, 0, 4)]), "");
        // The buffer keeps its place while it is big enough.
        let (mut input, len) = input(text);
        let at = input.reserve(len);
        assert_eq!(input.reserve(1), at);
        assert!(!input.is_valid(len, false, 0));
    }

    #[test]
    fn modes_are_strict_unless_lenient() {
        for lenient in [false, true] {
            let parsed = parse("京 ICP备12345678号", lenient, false, 0);
            assert_eq!(parsed.starts_with("N\t"), lenient, "{parsed}");
            assert_eq!(is_valid("京 ICP备12345678号", lenient, 0), lenient);
            let typed = check_prefix("京 ICP", lenient, false, 0);
            assert_eq!(typed.starts_with("I\t"), lenient, "{typed}");
        }
        assert!(check_prefix("京 ICP", false, false, 0).starts_with("E\t104\t1\t"));
    }

    #[test]
    fn error_positions_count_characters() {
        // 京 and 备 are three UTF-8 bytes each: the error is at byte 9, character 5.
        let err = parse("京ICP备😀", false, false, 0);
        assert!(err.starts_with("E\t300\t5\t"), "{err}");
        let err = parse("京ICP备12345678号😀", false, false, 0);
        assert!(err.starts_with("E\t102\t14\t"), "{err}");
    }

    #[test]
    fn options_reach_the_core() {
        assert!(is_valid("京ICP备2025012345号", false, 0));
        assert!(!is_valid("京ICP备2025012345号", false, 2024));
        assert!(!is_valid("京 ICP备12345678号", false, 0));
        assert!(is_valid("京 ICP备12345678号", true, 0));
    }

    #[test]
    fn decimal() {
        for n in [0, 7, 10, 501, 65535, u32::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
