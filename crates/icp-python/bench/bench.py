"""Benchmarks of the Python package (not tests: nothing here is asserted on time).

    python bench/bench.py [--gib 1] [--icp path/to/release/icp] [--skip-engines]

1. ``scan_arrow`` over a column of 100,000 generated documents, against Python's ``re`` with a
   shape-only pattern (the strict grammar of crates/icp-number/benches/scan.rs, no province
   rules, no years, no lenient forms) run on every row of the same column.
2. ``scan`` called once per row, against ``re.finditer`` once per row.
3. A Spark local-mode job (local[2]) and a Ray job (2 CPUs) running the example pipelines
   (examples/) over about 1 GiB of WET-like text, against the release ``icp scan`` on the same
   files, pinned to one core: throughput per core.

Each in-process figure is the median of 5 runs. Run it in the environment ``cargo xtask python``
makes (``$CARGO_TARGET_DIR/python-venv``), with ``PYSPARK_PYTHON`` set to its python.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List

import pyarrow as pa

import icp_number

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples"))
# The engines' Python workers import the example modules by name.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(HERE.parent / "examples")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
)

ICP_ABBRS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕甘青宁新"
PSB_ABBRS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
SITE = "(?:-([1-9][0-9]{0,3})([AXK])?)?"
CLASSES = r"A1(?:\.A2)?(?:\.B1)?(?:\.B2)?|A2(?:\.B1)?(?:\.B2)?|B1(?:\.B2)?|B2"
#: The shape-only pattern: the strict grammar of crates/icp-number/benches/scan.rs.
SHAPE = re.compile(
    f"(?:([{ICP_ABBRS}])ICP(?:备([0-9]{{6}}|[0-9]{{8}}|[0-9]{{10}})|证([0-9]{{6}}))号{SITE}"
    f"|([{ICP_ABBRS}])?({CLASSES})-([0-9]{{8}}){SITE}"
    f"|([{PSB_ABBRS}])公网安备([0-9]{{14}})号"
    f"|京公网安备([0-9]{{12}})号)"
)

FILLER = [
    "欢迎访问我们的网站，本站提供新闻、产品和服务信息，敬请关注最新动态。",
    "Copyright © 2024 Example Co., Ltd. All rights reserved. Terms of use and privacy.",
    "联系我们 | 关于我们 | 隐私政策 | 用户协议 | 网站地图 | 友情链接",
    "Call 010-12345678 or 400-800-8888 for support; order number 20240101123456.",
    "The quick brown fox jumps over the lazy dog while 数据 flows through the pipeline.",
    "&nbsp;&copy;&nbsp;版权所有 · 技术支持：某某科技有限公司 · 服务热线 95555",
]
NUMBERS = [
    "京ICP备12345678号-1",
    "粤ICP备2023073334号-3K",
    "京公网安备11010802020088号",
    "粤B2-20090059",
    "京 ICP 备 12345678 号",
    "沪ICP证050123号",
]


def document(rng: random.Random) -> str:
    lines = [rng.choice(FILLER) for _ in range(rng.randint(4, 20))]
    if rng.random() < 0.3:
        lines.append(" | ".join(["© 2024 某公司"] + rng.sample(NUMBERS, rng.randint(1, 3))))
    return "\n".join(lines)


def median_seconds(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(docs: List[str]) -> None:
    column = pa.array(docs)
    size = sum(len(d.encode()) for d in docs)
    mib = size / 2**20
    print(f"{len(docs):,} documents, {mib:.1f} MiB of UTF-8")
    found = icp_number.scan_arrow(column)
    print(f"  numbers found: scan_arrow {len(found.flatten()):,}, re {sum(len(SHAPE.findall(d)) for d in docs):,}")
    rows = [
        ("scan_arrow (column)", lambda: icp_number.scan_arrow(column)),
        ("re.findall per row (column)", lambda: [SHAPE.findall(d) for d in column.to_pylist()]),
        ("scan per row", lambda: [icp_number.scan(d) for d in docs]),
        ("re.finditer per row", lambda: [list(SHAPE.finditer(d)) for d in docs]),
    ]
    results = {name: median_seconds(run) for name, run in rows}
    print("| | seconds (median of 5) | MiB/s |")
    print("| --- | ---: | ---: |")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.3f} | {mib / seconds:,.0f} |")
    print(f"scan_arrow vs re: {results['re.findall per row (column)'] / results['scan_arrow (column)']:.1f}x")
    print(f"scan per row vs re.finditer per row: {results['re.finditer per row'] / results['scan per row']:.1f}x")


def write_wet(directory: Path, gib: float, files: int = 16) -> int:
    """Writes about `gib` GiB of WET pages into `files` files; returns the bytes of page text."""
    rng = random.Random(14)
    per_file = int(gib * 2**30 / files)
    docs = [document(rng).encode() for _ in range(2000)]
    total = 0
    for f in range(files):
        written = 0
        with (directory / f"part-{f:02d}.warc.wet").open("wb") as out:
            i = 0
            while written < per_file:
                block = docs[rng.randrange(len(docs))]
                out.write(
                    b"WARC/1.0\r\nWARC-Type: conversion\r\n"
                    + f"WARC-Target-URI: https://s{f}.example.cn/{i}\r\n".encode()
                    + f"Content-Length: {len(block)}\r\n\r\n".encode()
                    + block
                    + b"\r\n\r\n"
                )
                written += len(block) + 120
                total += len(block)
                i += 1
    return total


def engines(gib: float, icp: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="icp-bench-"))
    try:
        inputs = work / "wet"
        inputs.mkdir()
        text = write_wet(inputs, gib)
        size = sum(p.stat().st_size for p in inputs.iterdir())
        print(f"\n{size / 2**30:.2f} GiB of WET files ({text / 2**30:.2f} GiB of page text), 16 files")
        paths = sorted(str(p) for p in inputs.iterdir())

        start = time.perf_counter()
        subprocess.run(["taskset", "-c", "0", str(icp), "scan", "--json", *paths], check=True, stdout=subprocess.DEVNULL)
        cli = time.perf_counter() - start

        import ray
        import ray_scan
        from pyspark.sql import SparkSession

        import spark_scan

        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")
            .getOrCreate()
        )
        spark.range(1).collect()
        start = time.perf_counter()
        spark_scan.main([str(work / "spark-out"), *paths])
        spark_seconds = time.perf_counter() - start
        spark.stop()

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        start = time.perf_counter()
        ray_scan.main([str(work / "ray-out"), *paths])
        ray_seconds = time.perf_counter() - start
        ray.shutdown()

        mib = size / 2**20
        print("| | cores | seconds | MiB/s | MiB/s per core |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, cores, seconds in [
            ("`icp scan --json` (release, taskset 1 core)", 1, cli),
            ("Spark local[2], examples/spark_scan.py", 2, spark_seconds),
            ("Ray Data, 2 CPUs, examples/ray_scan.py", 2, ray_seconds),
        ]:
            print(f"| {name} | {cores} | {seconds:.1f} | {mib / seconds:,.0f} | {mib / seconds / cores:,.0f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--gib", type=float, default=1.0)
    parser.add_argument("--icp", type=Path, default=Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "release" / "icp")
    parser.add_argument("--skip-engines", action="store_true")
    args = parser.parse_args()
    rng = random.Random(14)
    in_process([document(rng) for _ in range(args.docs)])
    if not args.skip_engines:
        engines(args.gib, args.icp)


if __name__ == "__main__":
    main()
