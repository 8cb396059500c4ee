"""Typical use of the package, checked by `mypy --strict` against its stubs (and run by
test_typing.py, so that it stays true)."""

from __future__ import annotations

from typing import List, Optional

import icp_number
from icp_number import Match, Number, ParseError, Prefix, Province


def canonical_or_none(text: str) -> Optional[str]:
    try:
        number: Number = icp_number.parse(text, lenient=True, max_year=2030, lang="zh")
    except ParseError as e:
        code: int = e.code
        name: str = e.name
        index: int = e.index
        assert code > 0 and name and index >= 0 and e.message
        return None
    return number.canonical


def describe(number: Number) -> str:
    province: Optional[Province] = number.province
    where = province.name_en if province else number.issuer()
    site: Optional[int] = number.site
    fixes: tuple[str, ...] = number.fixes
    return f"{number.kind_label('zh')} {where} {site} {len(fixes)} {number.query_url}"


def found(text: str) -> List[str]:
    matches: List[Match] = icp_number.scan(text)
    return [f"{m.canonical}@{m.start}..{m.end}" for m in matches]


def typing_state(text: str) -> str:
    answer: Prefix = icp_number.check_prefix(text)
    if answer.status == "incomplete":
        return answer.expected_label("zh") or ""
    if answer.error is not None:
        return answer.error.message
    return str(answer.number)


def main() -> None:
    assert canonical_or_none("京 ICP备12345678号") == "京ICP备12345678号"
    assert canonical_or_none("京ICP备1234") is None
    assert describe(icp_number.parse("B2-20090028")).startswith("增值电信业务经营许可证号")
    assert found("京ICP备12345678号") == ["京ICP备12345678号@0..14"]
    assert typing_state("京ICP备12345678") == "“号”"
    assert icp_number.is_valid("京ICP备12345678号")
    assert [p.iso for p in icp_number.provinces()][0] == "CN-BJ"


if __name__ == "__main__":
    main()
