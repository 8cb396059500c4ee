//! Python bindings behind the PyPI package `icp-number` (import `icp_number`).
//!
//! Type conversions only: every answer, name, label and message comes from the core crate
//! [`icp_number`]. This crate builds the compiled module `icp_number._native`; the package's
//! `__init__.py` re-exports it, `_native.pyi` types it. The docstrings Python shows are the doc
//! comments below; their `>>>` examples run in the package's tests.
//!
//! - Positions are Python `str` indices (code points): the core reports byte offsets and
//!   character indices of UTF-8, and a `str` is read as UTF-8 with each lone surrogate (which
//!   UTF-8 cannot hold) read as U+FFFD, one code point for one, as the npm package does.
//! - Validators (`parse`, `is_valid`, `check_prefix`, `parse_arrow`) are strict unless
//!   `lenient=True`; scanners (`scan`, `scan_arrow`) read leniently, as every scanner.
//! - The Arrow kernels read string columns in place (the Arrow C data interface through
//!   `pyo3-arrow`) and release the GIL while they work.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    Array, ArrayRef, BinaryArray, BinaryViewArray, BooleanArray, Int32Array, Int64Array,
    LargeBinaryArray, LargeStringArray, ListArray, StringArray, StringViewArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields};
use icp_number::{
    DEFAULT_MAX_YEAR, ErrorKind, Expected, Fix, Fixes, Lang, MIIT_QUERY_URL, Number, Options,
    Parsed, Province, Status,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyChunkedArray};

pyo3::create_exception!(
    icp_number,
    ParseError,
    PyValueError,
    "Why a text is not a valid registration number: `code` and `name` (the core's stable error \
     code and name), `message` (in the language asked for) and `index` (a `str` index: where \
     the text goes wrong)."
);

/// `"en"` or `"zh"`.
fn lang(name: &str) -> PyResult<Lang> {
    match name {
        "en" => Ok(Lang::En),
        "zh" => Ok(Lang::Zh),
        _ => Err(PyValueError::new_err(format!(
            "lang must be \"en\" or \"zh\", not {name:?}"
        ))),
    }
}

/// The core's options: strict unless `lenient`, `max_year` (a year, 1 to 65535) or the core's
/// default.
fn options(lenient: bool, max_year: Option<i64>) -> PyResult<Options> {
    let options = if lenient {
        Options::lenient()
    } else {
        Options::strict()
    };
    match max_year {
        None => Ok(options),
        Some(year) => match u16::try_from(year) {
            Ok(year) if year > 0 => Ok(options.with_max_year(year)),
            _ => Err(PyValueError::new_err(format!(
                "max_year must be a year from 1 to 65535, not {year}"
            ))),
        },
    }
}

/// The UTF-8 of a Python `str`. A lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot hold,
/// is read as U+FFFD, as a JavaScript `TextEncoder` does: both are one code point and three
/// bytes, so every position stays where it was.
fn utf8<'a>(text: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(text) = text.to_cow() {
        return Ok(text);
    }
    let bytes = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let mut bytes = bytes.cast::<PyBytes>()?.as_bytes().to_vec();
    // `surrogatepass` writes a surrogate as ED A0..BF 80..BF; ED is never a continuation byte.
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0xED && bytes[i + 1] >= 0xA0 {
            bytes[i..i + 3].copy_from_slice("\u{FFFD}".as_bytes());
            i += 3;
        } else {
            i += 1;
        }
    }
    Ok(Cow::Owned(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }))
}

/// The code points of the UTF-8 `bytes`: one for each byte that does not continue a character.
fn code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The names of `fixes`, in bit order.
fn fix_names(fixes: Fixes) -> Vec<&'static str> {
    fixes.iter().map(Fix::name).collect()
}

/// A Python `repr` of a string.
fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_cow()?.into_owned())
}

/// A province of mainland China, as the core's table gives it.
///
/// >>> import icp_number
/// >>> bj = icp_number.provinces()[0]
/// >>> bj
/// Province('CN-BJ', name='北京', name_en='Beijing')
/// >>> (bj.gb, bj.icp, bj.psb)
/// (11, '京', '京')
#[pyclass(module = "icp_number", name = "Province", frozen, eq, hash, ord)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct PyProvince(Province);

#[pymethods]
impl PyProvince {
    /// The ISO 3166-2 code, such as `CN-BJ`.
    #[getter]
    fn iso(&self) -> &'static str {
        self.0.iso_code()
    }

    /// The GB/T 2260 code, such as 11 (the first two digits of its public-security numbers).
    #[getter]
    fn gb(&self) -> u8 {
        self.0.gb_code()
    }

    /// The Chinese name, such as 北京.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name_zh()
    }

    /// The English name, such as Beijing.
    #[getter]
    fn name_en(&self) -> &'static str {
        self.0.name_en()
    }

    /// The abbreviation of its ICP filings, licences and telecom licences (四川: 蜀).
    #[getter]
    fn icp(&self) -> String {
        self.0.icp_abbr().to_string()
    }

    /// The abbreviation of its public-security filings (四川: 川).
    #[getter]
    fn psb(&self) -> String {
        self.0.psb_abbr().to_string()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Province({}, name={}, name_en={})",
            py_repr(py, self.0.iso_code())?,
            py_repr(py, self.0.name_zh())?,
            py_repr(py, self.0.name_en())?
        ))
    }
}

/// A valid registration number of any of the four kinds, and what lenient mode corrected to
/// read it. Immutable and hashable; `str()` gives the canonical form.
///
/// >>> import icp_number
/// >>> n = icp_number.parse("陕ICP备2024026116号-1A")
/// >>> n
/// Number('陕ICP备2024026116号-1A', kind='filing')
/// >>> (n.kind, n.main, n.site, n.service, n.year, n.sequence)
/// ('filing', '陕ICP备2024026116号', 1, 'app', 2024, 26116)
/// >>> n.province.name_en, n.kind_label("zh"), n.service_label("zh")
/// ('Shaanxi', 'ICP备案号', '应用')
#[pyclass(module = "icp_number", name = "Number", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct PyNumber {
    number: Number,
    fixes: Fixes,
}

#[pymethods]
impl PyNumber {
    /// `filing`, `licence`, `telecom` or `psb`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.number.kind().name()
    }

    /// The canonical form, such as 京ICP备12345678号-1.
    #[getter]
    fn canonical(&self) -> String {
        self.number.canonical().to_string()
    }

    /// The canonical form without the site suffix, such as 京ICP备12345678号.
    #[getter]
    fn main(&self) -> String {
        self.number.main_number().canonical().to_string()
    }

    /// The number's digits as written, without marker or suffix.
    #[getter]
    fn digits(&self) -> &str {
        self.number.digits()
    }

    /// The year the number was issued; `None` for a public-security number.
    #[getter]
    fn year(&self) -> Option<u16> {
        self.number.year()
    }

    /// The sequence number: the digits after the year (after the division code for a
    /// public-security number).
    #[getter]
    fn sequence(&self) -> u32 {
        self.number.sequence()
    }

    /// The province; `None` for a cross-regional telecom licence (issued by MIIT itself).
    #[getter]
    fn province(&self) -> Option<PyProvince> {
        self.number.province().map(PyProvince)
    }

    /// The site number (1 to 9999), if the number has one.
    #[getter]
    fn site(&self) -> Option<u16> {
        self.number.site().map(|s| s.number())
    }

    /// `website`, `app`, `mini_program` or `quick_app`, if the number has a site number.
    #[getter]
    fn service(&self) -> Option<&'static str> {
        self.number.service().map(|s| s.name())
    }

    /// What lenient mode corrected, as fix names in bit order; empty when written canonically.
    #[getter]
    fn fixes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, fix_names(self.fixes))
    }

    /// The official page where the number can be looked up.
    #[getter]
    fn query_url(&self) -> String {
        self.number.query_url().to_string()
    }

    /// What the kind is called, in `lang` (`"en"` or `"zh"`).
    #[pyo3(signature = (lang = "en"))]
    fn kind_label(&self, lang: &str) -> PyResult<&'static str> {
        Ok(self.number.kind().label(self::lang(lang)?))
    }

    /// What the service is called, in `lang`; `None` without a site number.
    #[pyo3(signature = (lang = "en"))]
    fn service_label(&self, lang: &str) -> PyResult<Option<&'static str>> {
        let lang = self::lang(lang)?;
        Ok(self.number.service().map(|s| s.label(lang)))
    }

    /// Who issued the number, in `lang`: its province's name, or MIIT for a cross-regional
    /// telecom licence.
    #[pyo3(signature = (lang = "en"))]
    fn issuer(&self, lang: &str) -> PyResult<&'static str> {
        Ok(self.number.issuer(self::lang(lang)?))
    }

    /// The labels of `fixes`, in `lang`.
    #[pyo3(signature = (lang = "en"))]
    fn fix_labels<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyTuple>> {
        let lang = self::lang(lang)?;
        PyTuple::new(
            py,
            self.fixes.iter().map(|f| f.label(lang)).collect::<Vec<_>>(),
        )
    }

    fn __str__(&self) -> String {
        self.canonical()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut repr = format!(
            "Number({}, kind={}",
            py_repr(py, &self.canonical())?,
            py_repr(py, self.kind())?
        );
        if !self.fixes.is_empty() {
            repr.push_str(", fixes=");
            repr.push_str(&self.fixes(py)?.repr()?.to_cow()?);
        }
        repr.push(')');
        Ok(repr)
    }
}

impl From<Parsed> for PyNumber {
    fn from(parsed: Parsed) -> Self {
        PyNumber {
            number: parsed.number,
            fixes: parsed.fixes,
        }
    }
}

/// A number found by `scan`: the number and where it is written, `text[m.start:m.end]` (`str`
/// indices). It has the number's fields too. Immutable and hashable.
///
/// >>> import icp_number
/// >>> text = "© 2024 | 京ICP备12345678号-1 | 京公网安备 11010802020088号"
/// >>> [(m.canonical, text[m.start:m.end]) for m in icp_number.scan(text)]
/// [('京ICP备12345678号-1', '京ICP备12345678号-1'), ('京公网安备11010802020088号', '京公网安备 11010802020088号')]
/// >>> icp_number.scan(text)[1].fixes
/// ('space',)
#[pyclass(module = "icp_number", name = "Match", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct PyMatch {
    number: PyNumber,
    start: usize,
    end: usize,
}

#[pymethods]
impl PyMatch {
    /// The number found.
    #[getter]
    fn number(&self) -> PyNumber {
        self.number
    }

    /// Where the number starts: a `str` index into the text.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// Just past the number as written: a `str` index into the text.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// The number's kind (see `Number.kind`).
    #[getter]
    fn kind(&self) -> &'static str {
        self.number.kind()
    }

    /// The number's canonical form.
    #[getter]
    fn canonical(&self) -> String {
        self.number.canonical()
    }

    /// The number without its site suffix.
    #[getter]
    fn main(&self) -> String {
        self.number.main()
    }

    /// The number's province (`None` for a cross-regional telecom licence).
    #[getter]
    fn province(&self) -> Option<PyProvince> {
        self.number.province()
    }

    /// The number's site number, if any.
    #[getter]
    fn site(&self) -> Option<u16> {
        self.number.site()
    }

    /// The number's service type, if any.
    #[getter]
    fn service(&self) -> Option<&'static str> {
        self.number.service()
    }

    /// What the scanner corrected to read the number, as fix names in bit order.
    #[getter]
    fn fixes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        self.number.fixes(py)
    }

    /// The official page where the number can be looked up.
    #[getter]
    fn query_url(&self) -> String {
        self.number.query_url()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Match({}, start={}, end={})",
            py_repr(py, &self.canonical())?,
            self.start,
            self.end
        ))
    }
}

/// The answer of `check_prefix`: `status` is `"complete"` (`number` is set: a number, which
/// may still go on), `"incomplete"` (a valid start of a number; `expected` names what comes
/// next) or `"invalid"` (`error` is the `ParseError` no continuation can avoid).
///
/// >>> import icp_number
/// >>> icp_number.check_prefix("京ICP备1234")
/// Prefix('incomplete', expected='digits')
/// >>> icp_number.check_prefix("京ICP备12345678号").number
/// Number('京ICP备12345678号', kind='filing')
/// >>> icp_number.check_prefix("川ICP备").error.name
/// 'WRONG_ABBREVIATION'
#[pyclass(module = "icp_number", name = "Prefix", frozen)]
struct PyPrefix {
    number: Option<PyNumber>,
    expected: Option<Expected>,
    error: Option<Py<PyAny>>,
}

#[pymethods]
impl PyPrefix {
    /// `"complete"`, `"incomplete"` or `"invalid"`.
    #[getter]
    fn status(&self) -> &'static str {
        if self.number.is_some() {
            "complete"
        } else if self.expected.is_some() {
            "incomplete"
        } else {
            "invalid"
        }
    }

    /// The number, when complete.
    #[getter]
    fn number(&self) -> Option<PyNumber> {
        self.number
    }

    /// What comes next, when incomplete: `province`, `marker`, `digits`, `hao`,
    /// `site_number`, `telecom_class` or `entity`.
    #[getter]
    fn expected(&self) -> Option<&'static str> {
        self.expected.map(Expected::name)
    }

    /// What comes next, in `lang`; `None` unless incomplete.
    #[pyo3(signature = (lang = "en"))]
    fn expected_label(&self, lang: &str) -> PyResult<Option<&'static str>> {
        let lang = self::lang(lang)?;
        Ok(self.expected.map(|e| e.label(lang)))
    }

    /// The error, when invalid (a `ParseError`, not raised).
    #[getter]
    fn error(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.error.as_ref().map(|e| e.clone_ref(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let detail = match (&self.number, self.expected, &self.error) {
            (Some(number), _, _) => format!("number={}", number.__repr__(py)?),
            (None, Some(next), _) => format!("expected={}", py_repr(py, next.name())?),
            (None, None, Some(error)) => format!("error={}", error.bind(py).repr()?.to_cow()?),
            (None, None, None) => String::new(),
        };
        Ok(format!("Prefix({}, {detail})", py_repr(py, self.status())?))
    }
}

/// A `ParseError` for `err`, its message in `lang`.
fn parse_error(py: Python<'_>, err: icp_number::Error, lang: Lang) -> PyErr {
    let message = err.message(lang).to_string();
    let error = ParseError::new_err(message.clone());
    let value = error.value(py);
    let set = value
        .setattr("code", err.code())
        .and_then(|()| value.setattr("name", err.kind().name()))
        .and_then(|()| value.setattr("message", message))
        .and_then(|()| value.setattr("index", err.char_index()));
    match set {
        Ok(()) => error,
        Err(failed) => failed,
    }
}

/// Parses one whole number: strict by default (the canonical form only); `lenient=True` reads
/// every variant real footers show and lists each correction in `fixes`. `max_year`: the latest
/// year a number may carry (the core's default when `None`). Raises `ParseError` (a
/// `ValueError`) with its message in `lang` (`"en"` or `"zh"`), `TypeError` for a non-`str`.
///
/// >>> import icp_number
/// >>> icp_number.parse("京ICP备12345678号-1").main
/// '京ICP备12345678号'
/// >>> icp_number.parse("京 ICP 备 12345678 号", lenient=True)
/// Number('京ICP备12345678号', kind='filing', fixes=('space',))
/// >>> try:
/// ...     icp_number.parse("川ICP备12345678号")
/// ... except icp_number.ParseError as e:
/// ...     print(e.code, e.name, e.index, e.message)
/// 202 WRONG_ABBREVIATION 0 Sichuan ICP numbers use 蜀, not 川
#[pyfunction]
#[pyo3(signature = (text, *, lenient = false, max_year = None, lang = "en"))]
fn parse(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    lenient: bool,
    max_year: Option<i64>,
    lang: &str,
) -> PyResult<PyNumber> {
    let (options, lang) = (options(lenient, max_year)?, self::lang(lang)?);
    match options.parse(&utf8(text)?) {
        Ok(parsed) => Ok(parsed.into()),
        Err(err) => Err(parse_error(py, err, lang)),
    }
}

/// Whether `text` is one whole number (strict unless `lenient=True`, as `parse`).
///
/// >>> import icp_number
/// >>> icp_number.is_valid("京ICP备12345678号"), icp_number.is_valid("京ICP备12345678")
/// (True, False)
/// >>> icp_number.is_valid("京ICP备12345678", lenient=True)
/// True
#[pyfunction]
#[pyo3(signature = (text, *, lenient = false, max_year = None))]
fn is_valid(text: &Bound<'_, PyString>, lenient: bool, max_year: Option<i64>) -> PyResult<bool> {
    Ok(options(lenient, max_year)?.is_valid(&utf8(text)?))
}

/// The as-you-type check (strict unless `lenient=True`): a `Prefix` that says whether `text` is
/// complete, a valid start of a number (and what comes next) or invalid.
///
/// >>> import icp_number
/// >>> icp_number.check_prefix("京ICP备12345678").expected_label("zh")
/// '“号”'
#[pyfunction]
#[pyo3(signature = (text, *, lenient = false, max_year = None, lang = "en"))]
fn check_prefix(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    lenient: bool,
    max_year: Option<i64>,
    lang: &str,
) -> PyResult<PyPrefix> {
    let (options, lang) = (options(lenient, max_year)?, self::lang(lang)?);
    Ok(match options.check_prefix(&utf8(text)?) {
        Ok(Status::Complete(parsed)) => PyPrefix {
            number: Some(parsed.into()),
            expected: None,
            error: None,
        },
        Ok(Status::Incomplete(next)) => PyPrefix {
            number: None,
            expected: Some(next),
            error: None,
        },
        Err(err) => PyPrefix {
            number: None,
            expected: None,
            error: Some(parse_error(py, err, lang).into_value(py).into_any()),
        },
    })
}

/// The numbers in `bytes` (UTF-8; invalid bytes are skipped), each with its span in code
/// points: the scanner's byte offsets, counted on from the previous match.
fn scan_utf8(bytes: &[u8], options: Options) -> Vec<(PyNumber, usize, usize)> {
    let mut found = Vec::new();
    let (mut byte, mut point) = (0, 0);
    for m in icp_number::scan_bytes(bytes).with_options(options) {
        point += code_points(bytes.get(byte..m.start()).unwrap_or_default());
        let start = point;
        point += code_points(bytes.get(m.start()..m.end()).unwrap_or_default());
        byte = m.end();
        let number = PyNumber {
            number: m.number(),
            fixes: m.fixes(),
        };
        found.push((number, start, point));
    }
    found
}

/// Every number in a text or an HTML page, in order: a list of `Match`, whose `start` and `end`
/// are `str` indices (`text[m.start:m.end]` is the number as written). Scanning always reads
/// leniently. Releases the GIL while it scans.
///
/// >>> import icp_number
/// >>> [m.canonical for m in icp_number.scan("粤ICP备14023066号-1 &nbsp;|&nbsp; B2-20090028")]
/// ['粤ICP备14023066号-1', 'B2-20090028']
#[pyfunction]
#[pyo3(signature = (text, *, max_year = None))]
fn scan(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    max_year: Option<i64>,
) -> PyResult<Vec<PyMatch>> {
    let options = options(true, max_year)?;
    let text = utf8(text)?;
    let text: &str = &text;
    let found = py.detach(|| scan_utf8(text.as_bytes(), options));
    Ok(found
        .into_iter()
        .map(|(number, start, end)| PyMatch { number, start, end })
        .collect())
}

/// The 31 provinces, in GB/T 2260 order.
#[pyfunction]
fn provinces() -> Vec<PyProvince> {
    Province::all().map(PyProvince).collect()
}

/// Every error kind: `(code, name)` pairs in code order.
///
/// >>> import icp_number
/// >>> icp_number.error_kinds()[:2]
/// [(100, 'EMPTY'), (101, 'INCOMPLETE')]
#[pyfunction]
fn error_kinds() -> Vec<(u16, &'static str)> {
    ErrorKind::ALL
        .iter()
        .map(|k| (k.code(), k.name()))
        .collect()
}

/// Every fix lenient mode may apply: `(name, label)` pairs in bit order, labels in `lang`.
///
/// >>> import icp_number
/// >>> icp_number.fix_kinds()[0]
/// ('space', 'whitespace removed')
#[pyfunction]
#[pyo3(signature = (lang = "en"))]
fn fix_kinds(lang: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    let lang = self::lang(lang)?;
    Ok(Fix::ALL.iter().map(|f| (f.name(), f.label(lang))).collect())
}

/// Everything `check_prefix` may say comes next: `(name, label)` pairs, labels in `lang`.
#[pyfunction]
#[pyo3(signature = (lang = "en"))]
fn expected_kinds(lang: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    let lang = self::lang(lang)?;
    Ok(Expected::ALL
        .iter()
        .map(|e| (e.name(), e.label(lang)))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Arrow

/// The rows of a string column as bytes, read in place (the same buffers, viewed as binary).
/// A column of Arrow's `null` type (what pyarrow infers for `[]` or `[None, None]`) is read as
/// a column of nulls.
enum Rows {
    Utf8(BinaryArray),
    LargeUtf8(LargeBinaryArray),
    View(BinaryViewArray),
    Null(NullBuffer),
}

impl Rows {
    fn new(array: &dyn Array, function: &str) -> PyResult<Rows> {
        let any = array.as_any();
        if let Some(a) = any.downcast_ref::<StringArray>() {
            return Ok(Rows::Utf8(a.clone().into()));
        }
        if let Some(a) = any.downcast_ref::<LargeStringArray>() {
            return Ok(Rows::LargeUtf8(a.clone().into()));
        }
        if let Some(a) = any.downcast_ref::<StringViewArray>() {
            return Ok(Rows::View(a.clone().to_binary_view()));
        }
        if array.data_type() == &DataType::Null {
            return Ok(Rows::Null(NullBuffer::new_null(array.len())));
        }
        Err(PyTypeError::new_err(format!(
            "{function} takes a column of strings (string, large_string or string_view), not {}",
            array.data_type()
        )))
    }

    fn len(&self) -> usize {
        match self {
            Rows::Utf8(a) => a.len(),
            Rows::LargeUtf8(a) => a.len(),
            Rows::View(a) => a.len(),
            Rows::Null(n) => n.len(),
        }
    }

    fn nulls(&self) -> Option<&NullBuffer> {
        match self {
            Rows::Utf8(a) => a.nulls(),
            Rows::LargeUtf8(a) => a.nulls(),
            Rows::View(a) => a.nulls(),
            Rows::Null(n) => Some(n),
        }
    }

    /// Row `i`'s bytes, `None` for a null.
    fn get(&self, i: usize) -> Option<&[u8]> {
        if self.nulls().is_some_and(|n| n.is_null(i)) {
            return None;
        }
        match self {
            Rows::Utf8(a) => Some(a.value(i)),
            Rows::LargeUtf8(a) => Some(a.value(i)),
            Rows::View(a) => Some(a.value(i)),
            Rows::Null(_) => None,
        }
    }
}

/// `name: data_type`, nullable or not.
fn field(name: &str, data_type: DataType, nullable: bool) -> FieldRef {
    Arc::new(Field::new(name, data_type, nullable))
}

/// A list of strings that are never null.
fn string_list() -> DataType {
    DataType::List(field("item", DataType::Utf8, false))
}

/// The fields of one match in `scan_arrow`'s output.
fn match_fields() -> Fields {
    Fields::from(vec![
        field("kind", DataType::Utf8, false),
        field("canonical", DataType::Utf8, false),
        field("province", DataType::Utf8, true),
        field("start", DataType::Int64, false),
        field("end", DataType::Int64, false),
        field("fixes", string_list(), false),
    ])
}

/// One match in `scan_arrow`'s output lists.
fn match_item() -> FieldRef {
    field("item", DataType::Struct(match_fields()), false)
}

/// `scan_arrow`'s output type: `list<struct<kind, canonical, province, start, end, fixes>>`.
fn scan_field() -> FieldRef {
    field("matches", DataType::List(match_item()), true)
}

/// Scans every row of one chunk.
fn scan_rows(rows: &Rows, options: Options) -> Result<ArrayRef, String> {
    let (mut kind, mut canonical, mut province) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    let mut fixes =
        ListBuilder::new(StringBuilder::new()).with_field(field("item", DataType::Utf8, false));
    let mut offsets = Vec::with_capacity(rows.len() + 1);
    offsets.push(0i32);
    for i in 0..rows.len() {
        for (number, start, end) in rows
            .get(i)
            .map(|r| scan_utf8(r, options))
            .unwrap_or_default()
        {
            kind.append_value(number.number.kind().name());
            canonical.append_value(number.number.canonical());
            province.append_option(number.number.province().map(Province::iso_code));
            starts.push(start as i64);
            ends.push(end as i64);
            for fix in number.fixes.iter() {
                fixes.values().append_value(fix.name());
            }
            fixes.append(true);
        }
        let count = i32::try_from(starts.len()).map_err(|_| "more than 2^31 matches in a chunk")?;
        offsets.push(count);
    }
    let children: Vec<ArrayRef> = vec![
        Arc::new(kind.finish()),
        Arc::new(canonical.finish()),
        Arc::new(province.finish()),
        Arc::new(Int64Array::from(starts)),
        Arc::new(Int64Array::from(ends)),
        Arc::new(fixes.finish()),
    ];
    let matches =
        StructArray::try_new(match_fields(), children, None).map_err(|e| e.to_string())?;
    let list = ListArray::try_new(
        match_item(),
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        Arc::new(matches),
        rows.nulls().cloned(),
    )
    .map_err(|e| e.to_string())?;
    Ok(Arc::new(list))
}

/// The fields of `parse_arrow`'s output.
fn parse_fields() -> Fields {
    Fields::from(vec![
        field("valid", DataType::Boolean, false),
        field("canonical", DataType::Utf8, true),
        field("kind", DataType::Utf8, true),
        field("province", DataType::Utf8, true),
        field("error_code", DataType::Int32, true),
        field("error_name", DataType::Utf8, true),
    ])
}

/// `parse_arrow`'s output type.
fn parse_field() -> FieldRef {
    field("parsed", DataType::Struct(parse_fields()), true)
}

/// Parses every row of one chunk.
fn parse_rows(rows: &Rows, options: Options) -> Result<ArrayRef, String> {
    let mut valid = Vec::with_capacity(rows.len());
    let (mut canonical, mut kind, mut province, mut error_name) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let mut error_code = Vec::with_capacity(rows.len());
    for i in 0..rows.len() {
        let result = rows
            .get(i)
            .map(|row| options.parse(&String::from_utf8_lossy(row)));
        let (number, error) = match result {
            Some(Ok(parsed)) => (Some(parsed.number), None),
            Some(Err(err)) => (None, Some(err.kind())),
            None => (None, None),
        };
        valid.push(number.is_some());
        canonical.append_option(number.map(|n| n.canonical()));
        kind.append_option(number.map(|n| n.kind().name()));
        province.append_option(number.and_then(|n| n.province()).map(Province::iso_code));
        error_code.push(error.map(|e| i32::from(e.code())));
        error_name.append_option(error.map(ErrorKind::name));
    }
    let children: Vec<ArrayRef> = vec![
        Arc::new(BooleanArray::from(valid)),
        Arc::new(canonical.finish()),
        Arc::new(kind.finish()),
        Arc::new(province.finish()),
        Arc::new(Int32Array::from(error_code)),
        Arc::new(error_name.finish()),
    ];
    let parsed = StructArray::try_new(parse_fields(), children, rows.nulls().cloned())
        .map_err(|e| e.to_string())?;
    Ok(Arc::new(parsed))
}

/// Runs `kernel` over every chunk of a string column, without the GIL, and returns a pyarrow
/// `Array` for an array, a `ChunkedArray` (chunk for chunk) for a stream.
fn map_column<'py>(
    py: Python<'py>,
    column: AnyArray,
    function: &str,
    out: FieldRef,
    kernel: impl Fn(&Rows) -> Result<ArrayRef, String> + Send + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let run = |chunks: Vec<ArrayRef>| -> PyResult<Vec<ArrayRef>> {
        let rows = chunks
            .iter()
            .map(|chunk| Rows::new(chunk.as_ref(), function))
            .collect::<PyResult<Vec<Rows>>>()?;
        py.detach(|| rows.iter().map(&kernel).collect::<Result<Vec<_>, _>>())
            .map_err(PyValueError::new_err)
    };
    match column {
        AnyArray::Array(array) => {
            let (array, _) = array.into_inner();
            let done = run(vec![array])?.pop();
            let done = done.ok_or_else(|| PyValueError::new_err("no output for the array"))?;
            let array = PyArray::new(done, out);
            let array = array.to_pyarrow(py)?.unbind();
            Ok(array.into_bound(py))
        }
        AnyArray::Stream(stream) => {
            let reader = stream.into_reader()?;
            let chunks = reader
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            let done = run(chunks)?;
            PyChunkedArray::try_new(done, out)?.into_pyarrow(py)
        }
    }
}

/// Every number in each row of a string column: a `list<struct<kind, canonical, province,
/// start, end, fixes>>` column of the same length (pyarrow), a null row giving a null list.
/// `column`: a pyarrow `Array` or `ChunkedArray` of `string`, `large_string` or `string_view`
/// (or of `null`: all rows null), or anything exporting the Arrow PyCapsule interface (`__arrow_c_array__` or
/// `__arrow_c_stream__`); a chunked input gives a `ChunkedArray`. `province` is the ISO 3166-2
/// code (null for a cross-regional telecom licence); `start` and `end` are code-point (`str`)
/// indices into the row's string. Scanning reads leniently; the GIL is released meanwhile.
///
/// >>> import icp_number, pyarrow as pa
/// >>> out = icp_number.scan_arrow(pa.array(["京ICP备12345678号", None, "no number"]))
/// >>> out.to_pylist()[0][0]["canonical"], out.to_pylist()[1:]
/// ('京ICP备12345678号', [None, []])
#[pyfunction]
#[pyo3(signature = (column, *, max_year = None))]
fn scan_arrow<'py>(
    py: Python<'py>,
    column: AnyArray,
    max_year: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(true, max_year)?;
    map_column(py, column, "scan_arrow", scan_field(), |rows| {
        scan_rows(rows, options)
    })
}

/// Parses each row of a string column as one whole number (strict unless `lenient=True`, as
/// `parse`): a struct column `valid, canonical, kind, province, error_code, error_name` of the
/// same length, a null row giving a null struct. Inputs as `scan_arrow`.
///
/// >>> import icp_number, pyarrow as pa
/// >>> out = icp_number.parse_arrow(pa.array(["京ICP备12345678号", "京ICP备1234"]))
/// >>> [(r["valid"], r["canonical"], r["error_name"]) for r in out.to_pylist()]
/// [(True, '京ICP备12345678号', None), (False, None, 'BAD_LENGTH')]
#[pyfunction]
#[pyo3(signature = (column, *, lenient = false, max_year = None))]
fn parse_arrow<'py>(
    py: Python<'py>,
    column: AnyArray,
    lenient: bool,
    max_year: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let options = options(lenient, max_year)?;
    map_column(py, column, "parse_arrow", parse_field(), |rows| {
        parse_rows(rows, options)
    })
}

/// The compiled module; `icp_number/__init__.py` re-exports it.
#[pymodule]
#[pyo3(name = "_native")]
fn icp_number_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_YEAR", DEFAULT_MAX_YEAR)?;
    m.add("MIIT_QUERY_URL", MIIT_QUERY_URL)?;
    m.add("ParseError", m.py().get_type::<ParseError>())?;
    m.add_class::<PyNumber>()?;
    m.add_class::<PyMatch>()?;
    m.add_class::<PyProvince>()?;
    m.add_class::<PyPrefix>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(is_valid, m)?)?;
    m.add_function(wrap_pyfunction!(check_prefix, m)?)?;
    m.add_function(wrap_pyfunction!(scan, m)?)?;
    m.add_function(wrap_pyfunction!(provinces, m)?)?;
    m.add_function(wrap_pyfunction!(error_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(fix_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(expected_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(scan_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(parse_arrow, m)?)?;
    Ok(())
}
