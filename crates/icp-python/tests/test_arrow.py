"""The Arrow kernels: every string layout, chunked arrays, nulls, slices, any exporter of the
Arrow PyCapsule interface, bad input, and a large input."""

from __future__ import annotations

from typing import Any, List, Optional

import pyarrow as pa
import pytest

import icp_number

ROWS: List[Optional[str]] = [
    "© 2024 | 京ICP备12345678号-1 | 京公网安备 11010802020088号",
    None,
    "",
    "no number here",
    "𠀀 😀粤B2-20090059 B2-20090028",
    "京 ICP 备 12345678 号",
]


def per_row(rows: List[Optional[str]]) -> List[Optional[List[dict]]]:
    """What `scan` says about each row, in `scan_arrow`'s shape."""
    out: List[Optional[List[dict]]] = []
    for row in rows:
        if row is None:
            out.append(None)
            continue
        out.append(
            [
                {
                    "kind": m.kind,
                    "canonical": m.canonical,
                    "province": m.province.iso if m.province else None,
                    "start": m.start,
                    "end": m.end,
                    "fixes": list(m.fixes),
                }
                for m in icp_number.scan(row)
            ]
        )
    return out


MATCH = pa.struct(
    [
        pa.field("kind", pa.string(), nullable=False),
        pa.field("canonical", pa.string(), nullable=False),
        pa.field("province", pa.string()),
        pa.field("start", pa.int64(), nullable=False),
        pa.field("end", pa.int64(), nullable=False),
        pa.field("fixes", pa.list_(pa.field("item", pa.string(), nullable=False)), nullable=False),
    ]
)


@pytest.mark.parametrize("type_", [pa.string(), pa.large_string(), pa.string_view()])
def test_scan_arrow_on_each_string_layout(type_: pa.DataType) -> None:
    column = pa.array(ROWS, type=type_)
    found = icp_number.scan_arrow(column)
    assert isinstance(found, pa.Array) and len(found) == len(ROWS)
    assert found.type == pa.list_(pa.field("item", MATCH, nullable=False))
    assert found.to_pylist() == per_row(ROWS)
    assert found.null_count == 1 and found[1].as_py() is None
    # Offsets are str indices into the row.
    first = found.to_pylist()[0]
    assert [ROWS[0][m["start"] : m["end"]] for m in first] == ["京ICP备12345678号-1", "京公网安备 11010802020088号"]  # type: ignore[index]


def test_chunked_arrays_keep_their_chunks() -> None:
    chunks = [pa.array(ROWS[:2]), pa.array([], pa.string()), pa.array(ROWS[2:])]
    found = icp_number.scan_arrow(pa.chunked_array(chunks))
    assert isinstance(found, pa.ChunkedArray)
    assert [len(c) for c in found.chunks] == [2, 0, len(ROWS) - 2]
    assert found.to_pylist() == per_row(ROWS)
    parsed = icp_number.parse_arrow(pa.chunked_array(chunks, pa.string()))
    assert isinstance(parsed, pa.ChunkedArray) and parsed.num_chunks == 3
    empty = icp_number.scan_arrow(pa.chunked_array([], pa.large_string()))
    assert isinstance(empty, pa.ChunkedArray) and len(empty) == 0


@pytest.mark.parametrize("kernel", [icp_number.scan_arrow, icp_number.parse_arrow])
def test_a_column_of_nulls(kernel: Any) -> None:
    # pyarrow infers the `null` type for [] and [None, None]: every row is null.
    assert kernel(pa.array([])).to_pylist() == []
    assert kernel(pa.array([None, None])).to_pylist() == [None, None]
    assert kernel(pa.chunked_array([pa.nulls(3)])).to_pylist() == [None] * 3


def test_slices_read_only_their_rows() -> None:
    column = pa.array(ROWS * 3)
    for start, length in [(1, 4), (4, 2), (6, 6), (17, 1)]:
        sliced = column.slice(start, length)
        assert icp_number.scan_arrow(sliced).to_pylist() == per_row((ROWS * 3)[start : start + length])


class ArrayOnly:
    """An object that exports only `__arrow_c_array__` (not a pyarrow type)."""

    def __init__(self, array: pa.Array) -> None:
        self.array = array

    def __arrow_c_array__(self, requested_schema: Any = None) -> Any:
        return self.array.__arrow_c_array__(requested_schema)


class StreamOnly:
    """An object that exports only `__arrow_c_stream__` (not a pyarrow type)."""

    def __init__(self, chunked: pa.ChunkedArray) -> None:
        self.chunked = chunked

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.chunked.__arrow_c_stream__(requested_schema)


def test_any_arrow_pycapsule_exporter() -> None:
    found = icp_number.scan_arrow(ArrayOnly(pa.array(ROWS, pa.large_string())))
    assert isinstance(found, pa.Array) and found.to_pylist() == per_row(ROWS)
    found = icp_number.scan_arrow(StreamOnly(pa.chunked_array([ROWS[:3], ROWS[3:]])))
    assert isinstance(found, pa.ChunkedArray) and found.to_pylist() == per_row(ROWS)


def test_parse_arrow() -> None:
    rows = ["京ICP备12345678号-1", "京 ICP备12345678号", None, "B2-20090028", "川ICP备12345678号", ""]
    strict = icp_number.parse_arrow(pa.array(rows)).to_pylist()
    assert strict[2] is None
    assert [r["valid"] for r in strict if r] == [True, False, True, False, False]
    assert strict[0] == {
        "valid": True,
        "canonical": "京ICP备12345678号-1",
        "kind": "filing",
        "province": "CN-BJ",
        "error_code": None,
        "error_name": None,
    }
    assert strict[3]["province"] is None and strict[3]["kind"] == "telecom"  # type: ignore[index]
    assert (strict[4]["error_code"], strict[4]["error_name"]) == (202, "WRONG_ABBREVIATION")  # type: ignore[index]
    assert strict[5]["error_name"] == "EMPTY"  # type: ignore[index]
    lenient = icp_number.parse_arrow(pa.array(rows, pa.string_view()), lenient=True).to_pylist()
    assert lenient[1]["valid"] and lenient[1]["canonical"] == "京ICP备12345678号"  # type: ignore[index]
    for row, text in zip(strict, rows):
        if text is not None:
            assert row["valid"] == icp_number.is_valid(text)  # type: ignore[index]


@pytest.mark.parametrize("kernel", [icp_number.scan_arrow, icp_number.parse_arrow])
def test_bad_columns(kernel: Any) -> None:
    with pytest.raises(TypeError, match="string"):
        kernel(pa.array([1, 2, 3]))
    with pytest.raises(TypeError, match="string"):
        kernel(pa.array([b"\xe4\xba\xac"], pa.binary()))
    with pytest.raises((TypeError, ValueError)):
        kernel(["京ICP备12345678号"])
    with pytest.raises(ValueError, match="max_year"):
        kernel(pa.array(["x"]), max_year=0)


def test_invalid_utf8_in_a_string_column_is_skipped() -> None:
    # pyarrow can be made to hold bytes that are not UTF-8 in a string column; the kernels read
    # bytes, so they skip them (as `scan_bytes` does) instead of reading past them.
    raw = pa.array([b"\xff\xfe \xe4\xba\xac" + "ICP备12345678号".encode()], pa.binary())
    column = raw.view(pa.string())
    found = icp_number.scan_arrow(column).to_pylist()[0]
    assert [m["canonical"] for m in found] == ["京ICP备12345678号"]
    assert icp_number.parse_arrow(column).to_pylist()[0]["valid"] is False


def test_a_large_column_and_a_large_row() -> None:
    # Millions of rows and a 20 MB row complete (scanning is linear); no timing is asserted.
    rows = pa.array(["x 京ICP备12345678号 y", None, "", "none"] * 250_000)
    found = icp_number.scan_arrow(rows)
    assert len(found) == 1_000_000 and found.null_count == 250_000
    assert len(found.flatten()) == 250_000
    big = "京ICP备12345678号 " + "1" * 10_000_000 + " 京ICP备12345678号" + "京" * 3_000_000
    assert [m.start for m in icp_number.scan(big)] == [0, 10_000_016]
    assert len(icp_number.scan_arrow(pa.array([big], pa.large_string())).flatten()) == 2
