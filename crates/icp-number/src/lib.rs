#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(test, deny(warnings))]

// Unit tests may use `std` (the library never does).
#[cfg(test)]
extern crate std;

// The modules in layers, each importing only from the layers above it in this list (checked by
// `tests/layers.rs`).
// 1. Text and digit primitives.
mod text;
// 2. Vocabulary.
mod vocabulary;
// 3. Provinces, errors, fixes.
mod error;
mod fixes;
mod province;
// 4. Normalising, the shared grammar.
mod grammar;
mod normalise;
// 5. The four kinds.
mod filing;
mod licence;
mod psb;
mod telecom;
// 6. A number of any kind; canonical text read directly (the `fast` feature).
#[cfg(feature = "fast")]
mod canonical;
mod number;
// 7. Options and entry points, scanning.
mod options;
mod scan;

pub use error::{Detail, Error, ErrorKind, Message};
pub use filing::Filing;
pub use fixes::{Fix, Fixes};
pub use licence::Licence;
pub use number::{CANONICAL_MAX, MIIT_QUERY_URL, Number, QUERY_URL_MAX};
pub use options::{
    DEFAULT_MAX_YEAR, Options, Parsed, Status, check_prefix, is_valid, parse, parse_lenient,
};
pub use province::{CharForm, NotAProvince, Province, ProvinceChar};
pub use psb::Psb;
pub use scan::{
    ByteScanner, DIGIT_RUN, Feed, Match, NUMBER_CHARS, Part, REACH, Scanner, Stream, WIDE_DIGITS,
    WINDOW, scan, scan_bytes, scan_part,
};
pub use telecom::{Telecom, TelecomClass, TelecomClasses};
pub use vocabulary::{Expected, Kind, Lang, Service, Site};
