"""Chinese website registration numbers: ICP filings (ICP备), ICP licences (ICP证), telecom
licences and public-security filings (公网安备), checked by the Rust core of icp-number.

Validators (``parse``, ``is_valid``, ``check_prefix``, ``parse_arrow``) are strict unless
``lenient=True``; scanners (``scan``, ``scan_arrow``) read every variant real footers show.
Positions are ``str`` indices (code points). Every answer, name, label and message comes from
the core; this package converts types only.
"""

from ._native import (
    DEFAULT_MAX_YEAR,
    MIIT_QUERY_URL,
    Match,
    Number,
    ParseError,
    Prefix,
    Province,
    __version__,
    check_prefix,
    error_kinds,
    expected_kinds,
    fix_kinds,
    is_valid,
    parse,
    parse_arrow,
    provinces,
    scan,
    scan_arrow,
)

__all__ = [
    "DEFAULT_MAX_YEAR",
    "MIIT_QUERY_URL",
    "Match",
    "Number",
    "ParseError",
    "Prefix",
    "Province",
    "__version__",
    "check_prefix",
    "error_kinds",
    "expected_kinds",
    "fix_kinds",
    "is_valid",
    "parse",
    "parse_arrow",
    "provinces",
    "scan",
    "scan_arrow",
]
