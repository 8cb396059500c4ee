"""The API: errors, modes, bad input, the value types, the core's tables, and every example in
the docstrings (run as doctests)."""

from __future__ import annotations

import doctest
import pickle
from typing import Any

import pytest

import icp_number
from icp_number import _native


def test_parse_error_fields() -> None:
    with pytest.raises(icp_number.ParseError) as caught:
        icp_number.parse("川ICP备12345678号")
    e = caught.value
    assert isinstance(e, ValueError)
    assert (e.code, e.name, e.index) == (202, "WRONG_ABBREVIATION", 0)
    assert str(e) == e.message and "蜀" in e.message
    with pytest.raises(icp_number.ParseError) as zh:
        icp_number.parse("川ICP备12345678号", lang="zh")
    assert zh.value.message == "四川的ICP备案号使用“蜀”而不是“川”"


def test_error_index_counts_code_points() -> None:
    # 😀 is one code point (two UTF-16 units, four UTF-8 bytes): the index is a str index.
    for text in ["京ICP备😀", "😀京ICP备12345678号"]:
        with pytest.raises(icp_number.ParseError) as caught:
            icp_number.parse(text)
        assert caught.value.index == (5 if text.startswith("京") else 0)
    with pytest.raises(icp_number.ParseError) as caught:
        icp_number.parse("京ICP备12345678号😀x")
    assert caught.value.name == "TRAILING_INPUT"
    assert "京ICP备12345678号😀x"[caught.value.index] == "😀"


def test_modes_are_strict_unless_lenient() -> None:
    text = "京 ICP备12345678号"
    assert not icp_number.is_valid(text)
    assert icp_number.is_valid(text, lenient=True)
    with pytest.raises(icp_number.ParseError) as caught:
        icp_number.parse(text)
    assert caught.value.name == "WHITESPACE"
    assert icp_number.parse(text, lenient=True).fixes == ("space",)
    assert icp_number.check_prefix("京 ICP").status == "invalid"
    assert icp_number.check_prefix("京 ICP", lenient=True).status == "incomplete"
    # Scanners always read leniently.
    assert [m.fixes for m in icp_number.scan(text)] == [("space",)]


def test_max_year() -> None:
    assert icp_number.is_valid("京ICP备2025012345号")
    assert not icp_number.is_valid("京ICP备2025012345号", max_year=2024)
    with pytest.raises(icp_number.ParseError) as caught:
        icp_number.parse("京ICP备2025012345号", max_year=2024)
    assert caught.value.name == "IMPOSSIBLE_YEAR"
    assert icp_number.scan("京ICP备2025012345号", max_year=2024) == []
    for bad in (0, -1, 65536):
        with pytest.raises(ValueError, match="max_year"):
            icp_number.parse("京ICP备12345678号", max_year=bad)


@pytest.mark.parametrize("call", [icp_number.parse, icp_number.is_valid, icp_number.check_prefix, icp_number.scan])
@pytest.mark.parametrize("bad", [None, b"\xe4\xba\xac", 12345678, ["京ICP备12345678号"]])
def test_a_non_str_raises_type_error(call: Any, bad: Any) -> None:
    with pytest.raises(TypeError):
        call(bad)


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="lang"):
        icp_number.parse("京ICP备12345678号", lang="fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        icp_number.parse("京ICP备12345678号", strict=True)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        icp_number.parse("京ICP备12345678号", True)  # type: ignore[misc]


def test_lone_surrogates() -> None:
    # A lone surrogate is read as U+FFFD, as the npm package's TextEncoder reads it: scan skips
    # it, parse reports it at its index with the error U+FFFD gets there.
    text = "\ud800京ICP备12345678号\udfff粤B2-20090059\ud83d"
    found = icp_number.scan(text)
    assert [(m.canonical, text[m.start : m.end]) for m in found] == [
        ("京ICP备12345678号", "京ICP备12345678号"),
        ("粤B2-20090059", "粤B2-20090059"),
    ]
    for bad in ["京ICP备\ud800", "京ICP备1234\udc005678号", "\udfff", "京ICP备12345678号\ud800"]:
        with pytest.raises(icp_number.ParseError) as got:
            icp_number.parse(bad)
        with pytest.raises(icp_number.ParseError) as same:
            icp_number.parse(bad.replace("\ud800", "\ufffd").replace("\udc00", "\ufffd").replace("\udfff", "\ufffd"))
        assert (got.value.name, got.value.index) == (same.value.name, same.value.index)
        assert not icp_number.is_valid(bad)
        assert icp_number.check_prefix(bad).status == "invalid"
    with pytest.raises(icp_number.ParseError) as caught:
        icp_number.parse("京ICP备\ud800")
    assert (caught.value.name, caught.value.index) == ("BAD_LENGTH", 5)
    # A surrogate pair written as two code points is two lone surrogates in a str.
    assert icp_number.scan("\ud83d\ude00京ICP备12345678号")[0].start == 2


def test_number_fields() -> None:
    n = icp_number.parse("京公网安备11010802020088号")
    assert (n.kind, n.year, n.site, n.service, n.sequence, n.digits) == ("psb", None, None, None, 2020088, "11010802020088")
    assert n.query_url == "https://beian.mps.gov.cn/#/query/webSearch?code=11010802020088"
    assert n.province is not None and n.province.iso == "CN-BJ"
    t = icp_number.parse("B2-20090028")
    assert t.province is None and t.issuer() == "cross-regional (MIIT)" and t.issuer("zh") == "跨地区（工业和信息化部）"
    assert t.query_url == icp_number.MIIT_QUERY_URL
    assert icp_number.parse("粤B2-20090059").issuer() == "Guangdong"
    lenient = icp_number.parse("粤ICP备17095567号 -1", lenient=True)
    assert lenient.fix_labels() and len(lenient.fix_labels("zh")) == len(lenient.fixes)


def test_values_are_immutable_hashable_and_readable() -> None:
    a = icp_number.parse("京ICP备12345678号-1")
    b = icp_number.parse("京 ICP备12345678号-1", lenient=True)
    c = icp_number.parse("京ICP备12345678号-1", lenient=True)
    assert a == c and hash(a) == hash(c) and a != b
    assert len({a, b, c}) == 2
    assert repr(a) == "Number('京ICP备12345678号-1', kind='filing')"
    assert repr(b) == "Number('京ICP备12345678号-1', kind='filing', fixes=('space',))"
    assert str(a) == "京ICP备12345678号-1"
    m1, m2 = icp_number.scan("京ICP备12345678号-1 京ICP备12345678号-1")
    assert m1 != m2 and m1.number == m2.number and len({m1, m2, m1}) == 2
    assert repr(m1) == "Match('京ICP备12345678号-1', start=0, end=16)"
    for value, attribute in [(a, "kind"), (a, "canonical"), (m1, "start"), (a.province, "iso")]:
        with pytest.raises(AttributeError):
            setattr(value, attribute, "x")
    provinces = icp_number.provinces()
    assert sorted(reversed(provinces)) == provinces
    assert repr(provinces[22]) == "Province('CN-SC', name='四川', name_en='Sichuan')"
    assert (provinces[22].icp, provinces[22].psb) == ("蜀", "川")


def test_the_tables_come_from_the_core() -> None:
    assert len(icp_number.provinces()) == 31
    kinds = icp_number.error_kinds()
    assert kinds[0] == (100, "EMPTY") and kinds[-1] == (501, "LEGACY_PSB_OUTSIDE_BEIJING")
    assert [n for n, _ in icp_number.fix_kinds()] == [n for n, _ in icp_number.fix_kinds("zh")]
    assert icp_number.fix_kinds("zh")[0] == ("space", "去除空白")
    assert [n for n, _ in icp_number.expected_kinds()][:3] == ["province", "marker", "digits"]
    assert icp_number.DEFAULT_MAX_YEAR >= 2026


def test_the_stub_names_what_the_module_has() -> None:
    import ast
    from pathlib import Path

    stub = ast.parse((Path(icp_number.__file__).parent / "_native.pyi").read_text(encoding="utf-8"))
    declared = {
        node.name if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else node.target.id  # type: ignore[union-attr]
        for node in stub.body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AnnAssign))
    }
    public = {name for name in dir(_native) if not name.startswith("_")} | {"__version__"}
    assert public <= declared, public - declared
    assert set(icp_number.__all__) == public


def test_pickling_is_refused_not_wrong() -> None:
    # The values hold the core's numbers; they do not pickle (an engine ships rows, not them).
    with pytest.raises(TypeError):
        pickle.dumps(icp_number.parse("京ICP备12345678号"))


def test_docstring_examples() -> None:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = []
    for name in icp_number.__all__:
        obj = getattr(icp_number, name)
        if callable(obj):
            tests += finder.find(obj, name, module=False, globs={})
            for attr in vars(obj).values() if isinstance(obj, type) else ():
                if getattr(attr, "__doc__", None) and ">>>" in attr.__doc__:
                    tests += finder.find(attr, name, module=False, globs={})
    assert len(tests) >= 10
    for test in tests:
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} docstring examples failed (output above)"
