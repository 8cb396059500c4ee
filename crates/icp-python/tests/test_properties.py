"""Hypothesis properties: no text crashes the interpreter or the package, the validators agree
with each other, and `scan_arrow` says what `scan` says row by row."""

from __future__ import annotations

from typing import List, Optional

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

import icp_number

# Text built from the pieces of numbers (and their look-alikes), anything else, and lone
# surrogates, so that the grammar is reached often.
PIECES = st.sampled_from(
    ["京", "粤", "川", "蜀", "ICP", "备", "证", "号", "公网安备", "B2-", "-", " ", "&nbsp;", "１", "－", "\ud800", "\n"]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=4), st.from_regex(r"\d{1,14}", fullmatch=True)), max_size=30).map("".join)
ROWS = st.lists(st.one_of(st.none(), TEXT), max_size=20)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.booleans())
def test_validators_never_crash_and_agree(text: str, lenient: bool) -> None:
    valid = icp_number.is_valid(text, lenient=lenient)
    try:
        number = icp_number.parse(text, lenient=lenient)
    except icp_number.ParseError as e:
        assert not valid
        assert 0 <= e.index <= len(text)
    else:
        assert valid
        assert icp_number.parse(number.canonical).canonical == number.canonical
        assert icp_number.is_valid(number.canonical)
    prefix = icp_number.check_prefix(text, lenient=lenient)
    assert prefix.status in ("complete", "incomplete", "invalid")
    if valid:
        assert prefix.status == "complete"


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_scan_spans_are_in_order_inside_the_text(text: str) -> None:
    end = 0
    for m in icp_number.scan(text):
        assert end <= m.start < m.end <= len(text)
        assert icp_number.is_valid(m.canonical)
        end = m.end


@settings(max_examples=200, deadline=None)
@given(ROWS, st.sampled_from([pa.string(), pa.large_string(), pa.string_view()]))
def test_scan_arrow_is_scan_per_row(rows: List[Optional[str]], type_: pa.DataType) -> None:
    # Arrow holds UTF-8: the lone surrogate of PIECES goes in as U+FFFD, which is how `scan`
    # reads it (Hypothesis' text() makes no surrogates).
    rows = [r.replace("\ud800", "\ufffd") if r else r for r in rows]
    found = icp_number.scan_arrow(pa.array(rows, type=type_)).to_pylist()
    assert len(found) == len(rows)
    for row, got in zip(rows, found):
        if row is None:
            assert got is None
            continue
        want = [(m.canonical, m.start, m.end, list(m.fixes)) for m in icp_number.scan(row)]
        assert [(g["canonical"], g["start"], g["end"], g["fixes"]) for g in got] == want


@settings(max_examples=200, deadline=None)
@given(ROWS, st.booleans())
def test_parse_arrow_is_parse_per_row(rows: List[Optional[str]], lenient: bool) -> None:
    rows = [r.replace("\ud800", "\ufffd") if r else r for r in rows]
    parsed = icp_number.parse_arrow(pa.array(rows), lenient=lenient).to_pylist()
    for row, got in zip(rows, parsed):
        if row is None:
            assert got is None
            continue
        try:
            number = icp_number.parse(row, lenient=lenient)
        except icp_number.ParseError as e:
            assert (got["valid"], got["error_code"], got["error_name"]) == (False, e.code, e.name)
        else:
            province = number.province.iso if number.province else None
            assert (got["valid"], got["canonical"], got["kind"], got["province"]) == (True, number.canonical, number.kind, province)
