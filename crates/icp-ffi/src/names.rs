//! Stable names and labels for people, written `snprintf`-style from the core's tables, and the
//! version.

use std::ffi::c_char;

use icp_number::Fix;

use crate::boundary::{guard, write_text};
use crate::{IcpExpected, IcpFix, IcpKind, IcpLang, IcpService, IcpStatus};

/// The library version, `"MAJOR.MINOR.PATCH"`: a static NUL-terminated string, the same as
/// `ICP_NUMBER_VERSION` in the header the program was compiled with.
#[unsafe(no_mangle)]
pub extern "C" fn icp_version() -> *const c_char {
    const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    guard(std::ptr::null(), || VERSION.as_ptr().cast())
}

/// Writes `name` (or an empty string for `None`), returning its length.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
unsafe fn write_name(name: Option<&str>, buf: *mut c_char, size: usize) -> usize {
    guard(0, || {
        // SAFETY: this function's contract is `write_text`'s.
        unsafe { write_text(name.unwrap_or(""), buf, size) }
    })
}

/// Writes the stable name of a status code, `snprintf`-style: the core's name for its error
/// codes (`"WRONG_ABBREVIATION"`, the names of the test vectors and the JavaScript binding),
/// `"OK"`, `"DONE"` and the C boundary's names (`"NULL_POINTER"`, …) for the rest. Writes an
/// empty string and returns 0 for an unknown code.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_status_name(code: u32, buf: *mut c_char, size: usize) -> usize {
    let name = IcpStatus::from_code(code).map(IcpStatus::name);
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(name, buf, size) }
}

/// Writes the stable snake_case name of one `ICP_FIX_*` bit (`"full_width"`), `snprintf`-style.
/// Writes an empty string and returns 0 unless `fix` is exactly one known bit.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_fix_name(fix: u32, buf: *mut c_char, size: usize) -> usize {
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(IcpFix::core(fix).map(Fix::name), buf, size) }
}

/// Writes a short description of one `ICP_FIX_*` bit for people, in `lang`
/// (`"full-width characters read as ASCII"` / `"全角字符改为半角"`), `snprintf`-style. Writes
/// an empty string and returns 0 for an unknown fix or language.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_fix_label(
    fix: u32,
    lang: u32,
    buf: *mut c_char,
    size: usize,
) -> usize {
    let label = IcpFix::core(fix).zip(IcpLang::core(lang));
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(label.map(|(fix, lang)| fix.label(lang)), buf, size) }
}

/// Writes the stable name of an `ICP_EXPECTED_*` value (`"digits"`, `"site_number"`; the names
/// the test vectors use in `incomplete:<name>`), `snprintf`-style. Writes an empty string and
/// returns 0 for `ICP_EXPECTED_NONE` and unknown values.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_expected_name(expected: u32, buf: *mut c_char, size: usize) -> usize {
    let name = IcpExpected::core(expected).map(|e| e.name());
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(name, buf, size) }
}

/// Writes the stable name of an `ICP_KIND_*` value (`"filing"`, `"licence"`, `"telecom"`,
/// `"psb"`), `snprintf`-style. Writes an empty string and returns 0 for `ICP_KIND_NONE` and
/// unknown values.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_kind_name(kind: u32, buf: *mut c_char, size: usize) -> usize {
    let name = IcpKind::core(kind).map(|k| k.name());
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(name, buf, size) }
}

/// Writes the stable name of an `ICP_SERVICE_*` value (`"website"`, `"app"`,
/// `"mini_program"`, `"quick_app"`), `snprintf`-style. Writes an empty string and returns 0 for
/// `ICP_SERVICE_NONE` and unknown values.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_service_name(service: u32, buf: *mut c_char, size: usize) -> usize {
    let name = IcpService::core(service).map(|s| s.name());
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(name, buf, size) }
}

/// Writes what an `ICP_KIND_*` value is called, for people, in `lang` (`"ICP filing"`,
/// `"公安备案号"`): the one label every binding and the `icp` command show, `snprintf`-style.
/// Writes an empty string and returns 0 for `ICP_KIND_NONE`, unknown values and an unknown
/// language.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_kind_label(
    kind: u32,
    lang: u32,
    buf: *mut c_char,
    size: usize,
) -> usize {
    let label = IcpKind::core(kind).zip(IcpLang::core(lang));
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(label.map(|(kind, lang)| kind.label(lang)), buf, size) }
}

/// Writes what an `ICP_SERVICE_*` value is called, for people, in `lang` (`"mini program"`,
/// `"网站"`), `snprintf`-style. Writes an empty string and returns 0 for `ICP_SERVICE_NONE`,
/// unknown values and an unknown language.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_service_label(
    service: u32,
    lang: u32,
    buf: *mut c_char,
    size: usize,
) -> usize {
    let label = IcpService::core(service).zip(IcpLang::core(lang));
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(label.map(|(service, lang)| service.label(lang)), buf, size) }
}

/// Writes what an `ICP_EXPECTED_*` value asks for, for people, in `lang` (`"a site number"`,
/// `"网站序号"`): what an as-you-type form can show beside a valid but unfinished start, in the
/// words of `ICP_ERR_INCOMPLETE`'s message, `snprintf`-style. Writes an empty string and
/// returns 0 for `ICP_EXPECTED_NONE`, unknown values and an unknown language.
///
/// # Safety
///
/// `buf` is NULL or valid for writes of `size` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_expected_label(
    expected: u32,
    lang: u32,
    buf: *mut c_char,
    size: usize,
) -> usize {
    let label = IcpExpected::core(expected).zip(IcpLang::core(lang));
    // SAFETY: this function's contract is `write_name`'s.
    unsafe { write_name(label.map(|(next, lang)| next.label(lang)), buf, size) }
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;

    fn name(f: impl FnOnce(*mut c_char, usize) -> usize) -> String {
        let mut buf = [0 as c_char; 256];
        let needed = f(buf.as_mut_ptr(), buf.len());
        // SAFETY: the writers always NUL-terminate a non-empty buffer.
        let text = unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_str()
            .expect("UTF-8");
        assert_eq!(text.len(), needed);
        text.to_owned()
    }

    #[test]
    fn names_come_from_the_core() {
        // SAFETY: the buffers are valid.
        unsafe {
            assert_eq!(
                name(|b, s| icp_status_name(202, b, s)),
                "WRONG_ABBREVIATION"
            );
            assert_eq!(name(|b, s| icp_status_name(0, b, s)), "OK");
            assert_eq!(name(|b, s| icp_status_name(900, b, s)), "NULL_POINTER");
            assert_eq!(name(|b, s| icp_status_name(7, b, s)), "");
            assert_eq!(
                name(|b, s| icp_fix_name(IcpFix::FullWidth as u32, b, s)),
                "full_width"
            );
            assert_eq!(name(|b, s| icp_fix_name(3, b, s)), "");
            assert_eq!(
                name(|b, s| icp_fix_label(1 << 4, IcpLang::Zh as u32, b, s)),
                "繁体字改为简体"
            );
            assert_eq!(name(|b, s| icp_fix_label(1 << 4, 9, b, s)), "");
            assert_eq!(
                name(|b, s| icp_expected_name(IcpExpected::SiteNumber as u32, b, s)),
                "site_number"
            );
            assert_eq!(name(|b, s| icp_expected_name(0, b, s)), "");
            assert_eq!(name(|b, s| icp_kind_name(IcpKind::Psb as u32, b, s)), "psb");
            assert_eq!(
                name(|b, s| icp_service_name(IcpService::QuickApp as u32, b, s)),
                "quick_app"
            );
        }
    }

    /// The labels are the core's, for every value and language; none for `NONE` or unknown
    /// values and languages.
    #[test]
    fn labels_come_from_the_core() {
        use icp_number::{Expected, Kind, Lang, Service};
        let langs = [
            (IcpLang::En as u32, Lang::En),
            (IcpLang::Zh as u32, Lang::Zh),
        ];
        for (c, lang) in langs {
            for kind in Kind::ALL {
                let c_kind = u32::from(IcpKind::of(*kind));
                // SAFETY: the buffers are valid.
                let got = name(|b, s| unsafe { icp_kind_label(c_kind, c, b, s) });
                assert_eq!(got, kind.label(lang));
            }
            for service in Service::ALL {
                let c_service = u32::from(IcpService::of(Some(*service)));
                // SAFETY: the buffers are valid.
                let got = name(|b, s| unsafe { icp_service_label(c_service, c, b, s) });
                assert_eq!(got, service.label(lang));
            }
            for next in Expected::ALL {
                let c_next = u32::from(IcpExpected::of(*next));
                // SAFETY: the buffers are valid.
                let got = name(|b, s| unsafe { icp_expected_label(c_next, c, b, s) });
                assert_eq!(got, next.label(lang));
            }
        }
        // SAFETY: the buffers are valid.
        unsafe {
            assert_eq!(
                name(|b, s| icp_kind_label(IcpKind::Psb as u32, IcpLang::En as u32, b, s)),
                "public-security filing"
            );
            assert_eq!(
                name(|b, s| icp_service_label(IcpService::Website as u32, 1, b, s)),
                "网站"
            );
            assert_eq!(name(|b, s| icp_kind_label(0, 0, b, s)), "");
            assert_eq!(name(|b, s| icp_kind_label(1, 2, b, s)), "");
            assert_eq!(name(|b, s| icp_service_label(9, 0, b, s)), "");
            assert_eq!(name(|b, s| icp_expected_label(0, 1, b, s)), "");
        }
    }

    #[test]
    fn version_is_the_package_version_and_the_header_macros() {
        // SAFETY: `icp_version` returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(icp_version()) }
            .to_str()
            .expect("UTF-8");
        assert_eq!(version, env!("CARGO_PKG_VERSION"));
        let header = include_str!("../include/icp_number.h");
        let parts = [
            ("", format!("\"{version}\"")),
            ("_MAJOR", env!("CARGO_PKG_VERSION_MAJOR").to_owned()),
            ("_MINOR", env!("CARGO_PKG_VERSION_MINOR").to_owned()),
            ("_PATCH", env!("CARGO_PKG_VERSION_PATCH").to_owned()),
        ];
        for (suffix, value) in parts {
            let line = format!("#define ICP_NUMBER_VERSION{suffix} {value}\n");
            assert!(
                header.contains(&line),
                "include/icp_number.h lacks {line:?}: update after_includes in cbindgen.toml"
            );
        }
    }
}
