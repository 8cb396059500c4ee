"""PySpark and Ray Data in local mode over a generated WET file of a few thousand pages: each
finds exactly what `icp scan` finds in the same records, and so do the example pipelines
(examples/), run as a user runs them, each writing Parquet. One Spark session and one Ray
runtime serve every test (session fixtures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterable, Set

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import icp_number
from conftest import PAGES, Dataset, Found, found_key
from icp_number.wet import pages, pages_of_bytes


def keys(dataset: Dataset, rows: Iterable[Dict[str, Any]]) -> Set[Found]:
    found = set()
    for row in rows:
        found.add(found_key(dataset.pages, row["url"], row["start"], row))
    return found


def pages_table(dataset: Dataset) -> pa.Table:
    urls = list(dataset.pages)
    return pa.table({"url": urls, "text": [dataset.pages[u] for u in urls]})


def test_the_data_set_and_the_cli(dataset: Dataset, cli_found: Set[Found]) -> None:
    # The WET reader gives back every page as written.
    with dataset.path.open("rb") as f:
        assert dict(pages(f)) == dataset.pages
    assert dict(pages_of_bytes(dataset.path.read_bytes())) == dataset.pages
    assert len(dataset.pages) == PAGES
    # Every number planted is found where it was written (the CLI reads the same records).
    planted = sum(len(n) for n in dataset.planted.values())
    assert planted > PAGES
    found_urls: Dict[str, int] = {}
    for url, *_ in cli_found:
        found_urls[url] = found_urls.get(url, 0) + 1
    for url, numbers in dataset.planted.items():
        assert found_urls.get(url, 0) >= len(numbers), url
    # The package's scan agrees with the CLI record by record.
    by_scan = set()
    for url, text in dataset.pages.items():
        for m in icp_number.scan(text):
            by_scan.add(found_key(dataset.pages, url, m.start, {"canonical": m.canonical, "kind": m.kind, "province": m.province.iso if m.province else None, "fixes": m.fixes}))
    assert by_scan == cli_found


def test_gzipped_wet(dataset: Dataset, tmp_path: Path) -> None:
    import gzip

    # Common Crawl writes one gzip member per record; one member for the file reads the same.
    data = dataset.path.read_bytes()
    records = data.split(b"WARC/1.0\r\n")[1:]
    members = b"".join(gzip.compress(b"WARC/1.0\r\n" + r) for r in records)
    assert dict(pages_of_bytes(members)) == dataset.pages
    assert dict(pages_of_bytes(gzip.compress(data))) == dataset.pages


@pytest.mark.usefixtures("spark")
def test_spark_map_in_arrow(spark: Any, dataset: Dataset, cli_found: Set[Found]) -> None:
    import spark_scan

    frame = spark.createDataFrame(pages_table(dataset).to_pandas()).repartition(4)
    rows = frame.mapInArrow(spark_scan.scan_batches, spark_scan.SCHEMA).collect()
    assert keys(dataset, (r.asDict() for r in rows)) == cli_found
    assert len(rows) == len(cli_found)


def test_spark_example_pipeline(spark: Any, dataset: Dataset, cli_found: Set[Found], tmp_path: Path) -> None:
    import spark_scan

    out = tmp_path / "spark.parquet"
    spark_scan.main([str(out), str(dataset.path)])
    table = pq.read_table(out)
    assert table.schema.names == spark_scan.ARROW_SCHEMA.names
    assert keys(dataset, table.to_pylist()) == cli_found
    assert table.num_rows == len(cli_found)


def test_ray_map_batches(ray_runtime: None, dataset: Dataset, cli_found: Set[Found]) -> None:
    import ray
    import ray_scan

    ds = ray.data.from_arrow(pages_table(dataset)).repartition(4)
    rows = ds.map_batches(ray_scan.scan_table, batch_format="pyarrow").take_all()
    assert keys(dataset, rows) == cli_found
    assert len(rows) == len(cli_found)


def test_ray_example_pipeline(ray_runtime: None, dataset: Dataset, cli_found: Set[Found], tmp_path: Path) -> None:
    import ray_scan

    out = tmp_path / "ray.parquet"
    ray_scan.main([str(out), str(dataset.path)])
    table = pq.read_table(out)
    assert keys(dataset, table.to_pylist()) == cli_found
    assert table.num_rows == len(cli_found)
