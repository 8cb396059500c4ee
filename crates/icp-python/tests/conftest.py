"""Shared fixtures: the repository's paths, the shared vectors, a generated WET data set and what
`icp scan` finds in it, and one Spark session and one Ray runtime for the whole run."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

import pytest

import icp_number

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parents[1]
VECTORS = ROOT / "tests" / "vectors"
EXAMPLES = PACKAGE / "examples"

# The example pipelines are imported by the tests, and the engines' Python workers import them
# by name when they unpickle their functions: put them on the path of both.
sys.path.insert(0, str(EXAMPLES))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(EXAMPLES)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
)


# --- The shared vectors (read as crates/icp-number/tests/common/mod.rs reads them) -----------


def unescape(field: str) -> str:
    """Decodes `\\t`, `\\n`, `\\\\` and `\\u{XXXX}` (1 to 6 hex digits)."""
    out = []
    i = 0
    while i < len(field):
        c = field[i]
        i += 1
        if c != "\\":
            out.append(c)
            continue
        e = field[i]
        i += 1
        if e == "t":
            out.append("\t")
        elif e == "n":
            out.append("\n")
        elif e == "\\":
            out.append("\\")
        elif e == "u":
            assert field[i] == "{", field
            close = field.index("}", i)
            hex_digits = field[i + 1 : close]
            assert 1 <= len(hex_digits) <= 6, field
            out.append(chr(int(hex_digits, 16)))
            i = close + 1
        else:
            raise ValueError(f"unknown escape \\{e} in {field!r}")
    return "".join(out)


@dataclass(frozen=True)
class Case:
    where: str
    input: str
    mode: str
    lenient: bool
    prefix: bool
    max_year: Optional[int]
    expected: str


def vector_lines(path: Path) -> Iterator[Tuple[str, List[str]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line and not line.startswith("#"):
            yield f"{path.name}:{number}", line.split("\t")


def load_cases() -> List[Case]:
    cases = []
    for path in sorted(VECTORS.glob("*.txt")):
        for where, fields in vector_lines(path):
            assert len(fields) in (3, 4), where
            mode = fields[1]
            call, _, year = mode.partition(":")
            assert call in ("strict", "lenient", "prefix", "prefix-lenient"), where
            expected = "\t".join(fields[2:])
            cases.append(
                Case(
                    where,
                    unescape(fields[0]),
                    mode,
                    call in ("lenient", "prefix-lenient"),
                    call.startswith("prefix"),
                    int(year) if year else None,
                    expected,
                )
            )
    return cases


@dataclass(frozen=True)
class ScanCase:
    where: str
    text: str
    expected: str


def load_scan_cases() -> List[ScanCase]:
    cases = []
    for path in sorted((VECTORS / "scan").glob("*.txt")):
        for where, fields in vector_lines(path):
            assert len(fields) == 2, where
            cases.append(ScanCase(f"scan/{where}", unescape(fields[0]), fields[1]))
    return cases


# --- A generated WET data set --------------------------------------------------------------

PAGES = 3000

FILLER = [
    "欢迎访问我们的网站，本站提供新闻、产品和服务信息。",
    "Copyright © 2024 Example Co., Ltd. All rights reserved.",
    "联系我们 | 关于我们 | 隐私政策 | 用户协议",
    "Call 010-12345678 or 400-800-8888 for support; order 20240101123456.",
    "京东 ICP 课程 2023 年度报告 第12345678号文件",
    "萌ICP备20240001号 is a fan registry, not a filing.",
    "互联网药品信息服务资格证书 (京)-经营性-2019-0012",
    "&nbsp;&copy;&nbsp;版权所有 · 技术支持：某某科技",
]


def numbers_for(rng: random.Random) -> List[str]:
    """A few valid numbers, written canonically or as footers write them."""
    provinces = icp_number.provinces()
    out = []
    for _ in range(rng.randint(0, 3)):
        p = rng.choice(provinces)
        kind = rng.randrange(4)
        if kind == 0:
            year = rng.choice([rng.randint(5, 21), rng.randint(2019, 2025)])
            body = (
                f"{year:02d}{rng.randint(1, 999999):06d}"
                if year < 100
                else f"{year}{rng.randint(1, 999999):06d}"
            )
            site = rng.choice(["", f"-{rng.randint(1, 40)}", f"-{rng.randint(1, 9)}A"])
            text = f"{p.icp}ICP备{body}号{site}"
        elif kind == 1:
            text = f"{p.icp}ICP证{rng.randint(5, 21):02d}{rng.randint(1, 9999):04d}号"
        elif kind == 2:
            prefix = rng.choice([p.icp, ""])
            text = f"{prefix}B2-{rng.randint(2005, 2024)}{rng.randint(1, 9999):04d}"
        else:
            text = f"{p.psb}公网安备{p.gb:02d}{rng.randint(0, 99999):05d}{rng.randint(1, 9999999):07d}号"
        try:
            icp_number.parse(text)
        except icp_number.ParseError:
            continue
        style = rng.randrange(4)
        if style == 1:
            text = text.replace("ICP", " ICP ").replace("号", " 号")
        elif style == 2:
            text = text.replace("ICP备", "ICP备&nbsp;")
        elif style == 3:
            text = text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
        out.append(text)
    return out


@dataclass
class Dataset:
    """A WET file of `PAGES` pages with numbers in known places."""

    path: Path
    pages: Dict[str, str]
    planted: Dict[str, List[str]]


def write_wet(path: Path, seed: int = 14) -> Dataset:
    rng = random.Random(seed)
    pages: Dict[str, str] = {}
    planted: Dict[str, List[str]] = {}
    with path.open("wb") as out:
        info = b"software: icp-number tests\r\n"
        out.write(
            b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Type: application/warc-fields\r\n"
            + f"Content-Length: {len(info)}\r\n\r\n".encode()
            + info
            + b"\r\n\r\n"
        )
        for i in range(PAGES):
            url = f"https://site{i}.example.cn/page/{rng.randint(1, 99)}"
            lines = [rng.choice(FILLER) for _ in range(rng.randint(1, 6))]
            numbers = numbers_for(rng)
            planted[url] = numbers
            if numbers:
                lines.append(" | ".join(["© 2024 某公司"] + numbers))
            if rng.random() < 0.05:
                lines.append("😀 emoji 𠀀 and a number after: 京公网安备11010802020088号")
            text = "\n".join(lines)
            block = text.encode("utf-8")
            pages[url] = text
            out.write(
                b"WARC/1.0\r\nWARC-Type: conversion\r\n"
                + f"WARC-Target-URI: {url}\r\n".encode()
                + b"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: text/plain\r\n"
                + f"Content-Length: {len(block)}\r\n\r\n".encode()
                + block
                + b"\r\n\r\n"
            )
    return Dataset(path, pages, planted)


#: What identifies one number found: the page's URL, its byte offset in the page, canonical
#: form, kind, province and fixes.
Found = Tuple[str, int, str, str, Optional[str], Tuple[str, ...]]


def found_key(pages: Dict[str, str], url: str, start: int, row: Dict[str, object]) -> Found:
    """A number an engine reported (`start` a code-point index) as a `Found`."""
    byte = len(pages[url][:start].encode("utf-8"))
    fixes = tuple(row["fixes"] or ())  # type: ignore[arg-type]
    return (url, byte, str(row["canonical"]), str(row["kind"]), row["province"], fixes)  # type: ignore[return-value]


@pytest.fixture(scope="session")
def icp_cli() -> Path:
    path = Path(os.environ.get("ICP_CLI", ROOT / "target" / "debug" / "icp"))
    assert path.exists(), f"{path}: build the CLI (`cargo build -p icp-cli`) or set ICP_CLI"
    return path


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return write_wet(tmp_path_factory.mktemp("wet") / "pages.warc.wet")


@pytest.fixture(scope="session")
def cli_found(dataset: Dataset, icp_cli: Path) -> Set[Found]:
    """Every number `icp scan --json` finds in the data set."""
    out = subprocess.run(
        [str(icp_cli), "scan", "--json", str(dataset.path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = set()
    for line in out.splitlines():
        record = json.loads(line)
        n = record["number"]
        found.add(
            (record["url"], record["byte"], n["canonical"], n["kind"], n["province"], tuple(n["fixes"]))
        )
    return found


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("icp-number tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="session")
def ray_runtime() -> Iterator[None]:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield None
    ray.shutdown()
