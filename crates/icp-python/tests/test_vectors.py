"""Every shared vector (tests/vectors/*.txt and tests/vectors/scan/*.txt) through the package:
the same answers as the Rust, C and npm runners, positions compared as `str` indices."""

from __future__ import annotations

from typing import Dict, List, Optional

import pytest

import icp_number
from conftest import Case, load_cases, load_scan_cases

CASES = load_cases()
SCAN_CASES = load_scan_cases()
ERROR_CODES: Dict[str, int] = {name: code for code, name in icp_number.error_kinds()}
EXPECTED = {name for name, _ in icp_number.expected_kinds()}


def test_there_are_enough_vectors() -> None:
    # As the Rust runners (MIN_CASES, MIN_SCAN_CASES).
    assert len(CASES) >= 300
    assert len(SCAN_CASES) >= 100


def outcome(number: Optional[icp_number.Number], lenient: bool) -> str:
    assert number is not None
    fixes = ",".join(number.fixes) or "-"
    # Strict modes record no fixes: show any that appear, so the mismatch is reported.
    return f"{number.canonical}\t{fixes}" if lenient or fixes != "-" else number.canonical


def check_error(error: icp_number.ParseError, case: Case) -> str:
    assert isinstance(error, ValueError)
    assert ERROR_CODES[error.name] == error.code, case.where
    assert error.message and "{" not in error.message, case.where
    assert str(error) == error.message
    return f"{error.name}@{error.index}"


def run(case: Case) -> str:
    options = {"lenient": True} if case.lenient else {}
    if case.max_year is not None:
        options["max_year"] = case.max_year  # type: ignore[assignment]
    if case.prefix:
        answer = icp_number.check_prefix(case.input, **options)  # type: ignore[arg-type]
        if answer.status == "complete":
            return outcome(answer.number, case.lenient)
        if answer.status == "incomplete":
            assert answer.expected in EXPECTED and answer.expected_label(), case.where
            return f"incomplete:{answer.expected}"
        assert answer.error is not None
        return check_error(answer.error, case)
    valid = icp_number.is_valid(case.input, **options)  # type: ignore[arg-type]
    try:
        number = icp_number.parse(case.input, **options)  # type: ignore[arg-type]
    except icp_number.ParseError as error:
        assert not valid, case.where
        return check_error(error, case)
    assert valid, case.where
    assert number.canonical.startswith(number.main)
    assert (number.site is None) == (number.service is None)
    assert number.query_url.startswith("https://")
    return outcome(number, case.lenient)


@pytest.mark.parametrize("file", sorted({c.where.split(":")[0] for c in CASES}))
def test_vector_file(file: str) -> None:
    cases = [c for c in CASES if c.where.startswith(file + ":")]
    wrong: List[str] = []
    for case in cases:
        got = run(case)
        if got != case.expected:
            wrong.append(f"{case.where}: {case.input!r} ({case.mode})\n  expected {case.expected}\n  got      {got}")
    assert not wrong, f"{len(wrong)} of {len(cases)} cases differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("file", sorted({c.where.split(":")[0] for c in SCAN_CASES}))
def test_scan_vector_file(file: str) -> None:
    cases = [c for c in SCAN_CASES if c.where.startswith(file + ":")]
    wrong: List[str] = []
    for case in cases:
        found = icp_number.scan(case.text)
        got = ";".join(f"{m.canonical}@{m.start}..{m.end}" for m in found) or "-"
        if got != case.expected:
            wrong.append(f"{case.where}: {case.text!r}\n  expected {case.expected}\n  got      {got}")
    assert not wrong, f"{len(wrong)} of {len(cases)} texts differ:\n" + "\n".join(wrong)


def test_scan_arrow_agrees_with_the_scan_vectors() -> None:
    import pyarrow as pa

    texts = [c.text for c in SCAN_CASES]
    found = icp_number.scan_arrow(pa.array(texts)).to_pylist()
    for case, row in zip(SCAN_CASES, found):
        got = ";".join(f"{m['canonical']}@{m['start']}..{m['end']}" for m in row) or "-"
        assert got == case.expected, case.where


def test_parse_arrow_agrees_with_the_vectors() -> None:
    import pyarrow as pa

    for lenient in (False, True):
        cases = [c for c in CASES if not c.prefix and c.lenient == lenient and c.max_year is None]
        rows = icp_number.parse_arrow(pa.array([c.input for c in cases]), lenient=lenient).to_pylist()
        for case, row in zip(cases, rows):
            expected = case.expected.split("\t")[0]
            if row["valid"]:
                assert row["canonical"] == expected, case.where
                assert row["error_code"] is None and row["error_name"] is None
            else:
                assert expected.startswith(row["error_name"] + "@"), case.where
                assert ERROR_CODES[row["error_name"]] == row["error_code"]
                assert row["canonical"] is None and row["kind"] is None
