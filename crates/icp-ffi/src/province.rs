//! The province table: by index, GB/T 2260 code, ISO 3166-2 code or character.

use std::ffi::c_char;

use icp_number::{NotAProvince, Province};

use crate::boundary::{fill, guard, input_str, write_out};
use crate::{IcpCharForm, IcpStatus};

/// A mainland provincial division: codes, abbreviations and names, as NUL-terminated UTF-8.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcpProvince {
    /// The two-digit GB/T 2260 code (北京 11 … 新疆 65).
    pub gb_code: u8,
    /// The ISO 3166-2 code, such as `"CN-BJ"`.
    pub iso_code: [c_char; 8],
    /// The abbreviation MIIT uses in ICP filing, licence and telecom numbers (`"蜀"`).
    pub icp_abbr: [c_char; 8],
    /// The abbreviation the police use in public-security numbers (`"川"`).
    pub psb_abbr: [c_char; 8],
    /// The Chinese name, such as `"北京"`.
    pub name_zh: [c_char; 16],
    /// The English name, such as `"Beijing"`.
    pub name_en: [c_char; 32],
}

impl IcpProvince {
    fn of(province: Province) -> IcpProvince {
        let mut out = IcpProvince {
            gb_code: province.gb_code(),
            iso_code: [0; 8],
            icp_abbr: [0; 8],
            psb_abbr: [0; 8],
            name_zh: [0; 16],
            name_en: [0; 32],
        };
        fill(&mut out.iso_code, province.iso_code());
        fill(
            &mut out.icp_abbr,
            province.icp_abbr().encode_utf8(&mut [0; 4]),
        );
        fill(
            &mut out.psb_abbr,
            province.psb_abbr().encode_utf8(&mut [0; 4]),
        );
        fill(&mut out.name_zh, province.name_zh());
        fill(&mut out.name_en, province.name_en());
        out
    }
}

/// Writes `province` (if found) to `out`, or returns `missing`.
///
/// # Safety
///
/// `out` is NULL or valid for writes of an `IcpProvince`.
unsafe fn answer(
    province: Option<Province>,
    missing: IcpStatus,
    out: *mut IcpProvince,
) -> IcpStatus {
    match province {
        // SAFETY: this function's contract is `write_out`'s.
        Some(p) => unsafe { write_out(out, IcpProvince::of(p)) },
        None if out.is_null() => IcpStatus::ICP_ERR_NULL_POINTER,
        None => missing,
    }
}

/// The number of provinces in the table (31), for `icp_province_at()`.
#[unsafe(no_mangle)]
pub extern "C" fn icp_province_count() -> usize {
    guard(0, || Province::all().len())
}

/// Writes the province at `index` (0 ≤ `index` < `icp_province_count()`, in GB/T 2260 order)
/// to `*out`. Returns `ICP_OK`, `ICP_ERR_INVALID_ARGUMENT` for an index out of range, or
/// `ICP_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `out` is NULL or valid for writes of an `icp_province`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_province_at(index: usize, out: *mut IcpProvince) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        let province = Province::all().nth(index);
        // SAFETY: `out` is as this function's contract says.
        unsafe { answer(province, IcpStatus::ICP_ERR_INVALID_ARGUMENT, out) }
    })
}

/// Writes the province with this GB/T 2260 code (44 → Guangdong) to `*out`. Returns `ICP_OK`,
/// `ICP_ERR_UNKNOWN_PROVINCE`, or `ICP_ERR_NULL_POINTER`.
///
/// # Safety
///
/// `out` is NULL or valid for writes of an `icp_province`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_province_by_gb_code(code: u32, out: *mut IcpProvince) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        let province = u8::try_from(code).ok().and_then(Province::from_gb_code);
        // SAFETY: `out` is as this function's contract says.
        unsafe { answer(province, IcpStatus::ICP_ERR_UNKNOWN_PROVINCE, out) }
    })
}

/// Writes the province with this ISO 3166-2 code (`len` bytes at `code`; `"CN-BJ"` or `"bj"`,
/// in any case) to `*out`. Returns `ICP_OK`, `ICP_ERR_UNKNOWN_PROVINCE`,
/// `ICP_ERR_NULL_POINTER` or `ICP_ERR_INVALID_UTF8`.
///
/// # Safety
///
/// `code` is NULL or valid for reads of `len` bytes; `out` is NULL or valid for writes of an
/// `icp_province`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_province_by_iso_code(
    code: *const c_char,
    len: usize,
    out: *mut IcpProvince,
) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        // SAFETY: `code` and `len` are as this function's contract says.
        let code = match unsafe { input_str(code, len) } {
            Ok(code) => code,
            Err(bad) => return bad.status(),
        };
        // SAFETY: `out` is as this function's contract says.
        unsafe {
            answer(
                Province::from_iso_code(code),
                IcpStatus::ICP_ERR_UNKNOWN_PROVINCE,
                out,
            )
        }
    })
}

/// Writes the province one character names (`len` bytes of UTF-8 at `ch`, exactly one
/// character) to `*out`: an official abbreviation (ICP or police), an alias real footers use
/// (云), or a traditional form (粵). If `form` is not NULL, `*form` says which
/// (`ICP_CHAR_FORM_NONE` when there is no province).
///
/// Returns `ICP_OK`, `ICP_ERR_NOT_MAINLAND` (港, 澳, 台), `ICP_ERR_UNKNOWN_PROVINCE`,
/// `ICP_ERR_INVALID_ARGUMENT` (not exactly one character), `ICP_ERR_NULL_POINTER` (`ch` or
/// `out`) or `ICP_ERR_INVALID_UTF8`.
///
/// # Safety
///
/// `ch` is NULL or valid for reads of `len` bytes; `out` is NULL or valid for writes of an
/// `icp_province`; `form` is NULL or valid for writes of an `icp_char_form`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn icp_province_by_char(
    ch: *const c_char,
    len: usize,
    out: *mut IcpProvince,
    form: *mut IcpCharForm,
) -> IcpStatus {
    guard(IcpStatus::ICP_ERR_PANIC, || {
        // SAFETY: `ch` and `len` are as this function's contract says.
        let (found, status) = match unsafe { input_str(ch, len) } {
            Err(bad) => (None, bad.status()),
            Ok(text) => {
                let mut chars = text.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => match Province::from_char(c) {
                        Ok(found) => (Some(found), IcpStatus::ICP_OK),
                        Err(NotAProvince::NotMainland) => (None, IcpStatus::ICP_ERR_NOT_MAINLAND),
                        Err(_) => (None, IcpStatus::ICP_ERR_UNKNOWN_PROVINCE),
                    },
                    _ => (None, IcpStatus::ICP_ERR_INVALID_ARGUMENT),
                }
            }
        };
        if !form.is_null() {
            let value = found.map_or(IcpCharForm::None, |f| IcpCharForm::of(f.form));
            // SAFETY: `form` is non-null and valid for writes (this function's contract).
            unsafe { write_out(form, value) };
        }
        // SAFETY: `out` is as this function's contract says.
        unsafe { answer(found.map(|f| f.province), status, out) }
    })
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;

    use super::*;

    fn text<const N: usize>(field: &[c_char; N]) -> &str {
        CStr::from_bytes_until_nul(field.map(|c| c as u8).as_slice())
            .map(|c| c.to_str().expect("UTF-8").to_owned())
            .map(|s| &*s.leak())
            .expect("terminated")
    }

    #[test]
    fn every_province_fits_its_fields() {
        assert_eq!(icp_province_count(), 31);
        for (i, province) in Province::all().enumerate() {
            let mut out = IcpProvince::of(Province::all().next().expect("a province"));
            // SAFETY: `out` is valid.
            assert_eq!(unsafe { icp_province_at(i, &mut out) }, IcpStatus::ICP_OK);
            assert_eq!(out.gb_code, province.gb_code());
            assert_eq!(text(&out.iso_code), province.iso_code());
            assert_eq!(text(&out.icp_abbr), province.icp_abbr().to_string());
            assert_eq!(text(&out.psb_abbr), province.psb_abbr().to_string());
            assert_eq!(text(&out.name_zh), province.name_zh());
            assert_eq!(text(&out.name_en), province.name_en());
        }
    }

    #[test]
    fn look_ups() {
        let mut out = IcpProvince::of(Province::all().next().expect("a province"));
        let mut form = IcpCharForm::None;
        // SAFETY: the pointers are valid for their lengths.
        unsafe {
            assert_eq!(icp_province_by_gb_code(44, &mut out), IcpStatus::ICP_OK);
            assert_eq!(text(&out.icp_abbr), "粤");
            assert_eq!(
                icp_province_by_gb_code(71, &mut out),
                IcpStatus::ICP_ERR_UNKNOWN_PROVINCE
            );
            assert_eq!(
                icp_province_by_gb_code(300, &mut out),
                IcpStatus::ICP_ERR_UNKNOWN_PROVINCE
            );
            assert_eq!(
                icp_province_by_iso_code(c"sc".as_ptr(), 2, &mut out),
                IcpStatus::ICP_OK
            );
            assert_eq!((text(&out.icp_abbr), text(&out.psb_abbr)), ("蜀", "川"));
            let ch = "粵";
            assert_eq!(
                icp_province_by_char(ch.as_ptr().cast(), ch.len(), &mut out, &mut form),
                IcpStatus::ICP_OK
            );
            assert_eq!(
                (text(&out.iso_code), form),
                ("CN-GD", IcpCharForm::Traditional)
            );
            let ch = "港";
            assert_eq!(
                icp_province_by_char(ch.as_ptr().cast(), ch.len(), &mut out, &mut form),
                IcpStatus::ICP_ERR_NOT_MAINLAND
            );
            assert_eq!(form, IcpCharForm::None);
            let ch = "京津";
            assert_eq!(
                icp_province_by_char(ch.as_ptr().cast(), ch.len(), &mut out, std::ptr::null_mut()),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_province_at(31, &mut out),
                IcpStatus::ICP_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                icp_province_at(0, std::ptr::null_mut()),
                IcpStatus::ICP_ERR_NULL_POINTER
            );
        }
    }
}
