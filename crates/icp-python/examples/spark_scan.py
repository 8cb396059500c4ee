"""Finds every registration number in WET files (Common Crawl's extracted text) with PySpark,
and writes them as Parquet: one row per number, with the page's URL.

    spark-submit examples/spark_scan.py OUTPUT_DIR WET_PATH [WET_PATH ...]

A WET path is anything Spark's ``binaryFiles`` reads: a local file, ``hdfs://``, ``s3a://``
(with the hadoop-aws package and credentials configured), a directory or a glob; gzipped or
not. Each worker needs ``icp-number`` and ``pyarrow`` (``pip install icp-number pyarrow``).

Columns: url, kind, canonical, province (ISO 3166-2, null for a cross-regional telecom
licence), start and end (code-point indices into the page's text), fixes (what the lenient
reading corrected).
"""

from __future__ import annotations

import sys
from typing import Iterator, List, Optional

import pyarrow as pa
import pyarrow.compute as pc

import icp_number
from icp_number.wet import pages_of_bytes

#: The rows written: Spark's schema, and the Arrow schema each batch is cast to (Spark takes
#: the Arrow types exactly as declared: start and end are int64, Spark's long).
SCHEMA = (
    "url string, kind string, canonical string, province string, start long, end long, "
    "fixes array<string>"
)
ARROW_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("kind", pa.string()),
        ("canonical", pa.string()),
        ("province", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("fixes", pa.list_(pa.string())),
    ]
)


def matches(urls: pa.Array, texts: pa.Array) -> pa.RecordBatch:
    """One row per number in ``texts``, with the URL of the text it is in."""
    found = icp_number.scan_arrow(texts)
    numbers = found.flatten()
    rows = pc.list_parent_indices(found)
    columns = [pc.take(urls, rows)]
    columns += [numbers.field(name) for name in ARROW_SCHEMA.names[1:]]
    columns = [c.cast(f.type) for c, f in zip(columns, ARROW_SCHEMA)]
    return pa.RecordBatch.from_arrays(columns, schema=ARROW_SCHEMA)


def scan_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: batches of ``(url, text)`` rows in, numbers out."""
    for batch in batches:
        yield matches(batch.column("url"), batch.column("text"))


def main(argv: Optional[List[str]] = None) -> None:
    from pyspark.sql import SparkSession

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        raise SystemExit("usage: spark_scan.py OUTPUT_DIR WET_PATH [WET_PATH ...]")
    output, paths = args[0], args[1:]
    spark = SparkSession.builder.appName("icp-number scan").getOrCreate()
    files = spark.sparkContext.binaryFiles(",".join(paths))
    pages = files.flatMap(lambda file: pages_of_bytes(file[1]))
    frame = spark.createDataFrame(pages, "url string, text string")
    frame.mapInArrow(scan_batches, SCHEMA).write.mode("overwrite").parquet(output)


if __name__ == "__main__":
    main()
