"""Finds every registration number in WET files (Common Crawl's extracted text) with Ray Data,
and writes them as Parquet: one row per number, with the page's URL.

    python examples/ray_scan.py OUTPUT_DIR WET_PATH [WET_PATH ...]

Run it on a Ray cluster's head node (or anywhere with ``RAY_ADDRESS`` set); without a cluster
it starts a local one. A WET path is anything ``ray.data.read_binary_files`` reads: a local
file or directory, ``s3://``, ``gs://``, ``https://``…; gzipped or not. Ray Data needs
``pandas`` and ``pyarrow`` beside ``icp-number`` (``pip install icp-number "ray[data]"``).

Columns: url, kind, canonical, province (ISO 3166-2, null for a cross-regional telecom
licence), start and end (code-point indices into the page's text), fixes (what the lenient
reading corrected).
"""

from __future__ import annotations

import sys
from typing import Any, Dict, List, Optional

import pyarrow as pa
import pyarrow.compute as pc

import icp_number
from icp_number.wet import pages_of_bytes

#: The rows written.
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


def scan_table(table: pa.Table) -> pa.Table:
    """The ``map_batches(..., batch_format="pyarrow")`` callable: a table of ``(url, text)``
    rows in, one row per number out."""
    found = icp_number.scan_arrow(table.column("text").combine_chunks())
    numbers = found.flatten()
    rows = pc.list_parent_indices(found)
    columns = [pc.take(table.column("url").combine_chunks(), rows)]
    columns += [numbers.field(name) for name in ARROW_SCHEMA.names[1:]]
    columns = [c.cast(f.type) for c, f in zip(columns, ARROW_SCHEMA)]
    return pa.Table.from_arrays(columns, schema=ARROW_SCHEMA)


def split_pages(file: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The ``flat_map`` callable: one WET file's bytes in, its ``(url, text)`` pages out."""
    return [{"url": url, "text": text} for url, text in pages_of_bytes(file["bytes"])]


def main(argv: Optional[List[str]] = None) -> None:
    import ray

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        raise SystemExit("usage: ray_scan.py OUTPUT_DIR WET_PATH [WET_PATH ...]")
    output, paths = args[0], args[1:]
    if not ray.is_initialized():
        ray.init()
    pages = ray.data.read_binary_files(paths).flat_map(split_pages)
    pages.map_batches(scan_table, batch_format="pyarrow").write_parquet(output)


if __name__ == "__main__":
    main()
