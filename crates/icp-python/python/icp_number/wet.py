"""Reading the pages of WET files (Common Crawl's extracted text, WARC 1.0 records), for the
pipelines that scan them (examples/ beside this package). This is framing only: it finds each
record's header and block; the numbers are found by ``scan`` and ``scan_arrow``.

A record is a version line (``WARC/1.0``), header fields (``Name: value``), a blank line,
``Content-Length`` bytes of block, then CRLF CRLF. The pages are the blocks of ``conversion``
records (WET) and ``resource`` records; ``warcinfo`` and the rest are skipped, as ``icp scan``
skips them. Blocks are decoded as UTF-8, an invalid byte read as U+FFFD.
"""

from __future__ import annotations

import gzip
import io
from typing import IO, Iterator, Optional, Tuple, Union, cast

__all__ = ["pages", "pages_of_bytes"]

_PAGE_TYPES = {b"conversion", b"resource"}


def pages(stream: IO[bytes]) -> Iterator[Tuple[Optional[str], str]]:
    """Every page of a WET file as ``(url, text)``: ``url`` is the record's
    ``WARC-Target-URI`` (``None`` without one). ``stream`` is a binary file, gzip-compressed
    (one member per record, as Common Crawl writes them, or one for the whole file) or not."""
    buffered: Union[io.BufferedReader, gzip.GzipFile] = (
        cast(io.BufferedReader, stream)
        if hasattr(stream, "peek")
        else io.BufferedReader(cast(io.RawIOBase, stream))
    )
    if buffered.peek(2)[:2] == b"\x1f\x8b":
        buffered = gzip.GzipFile(fileobj=buffered)
    while True:
        line = buffered.readline()
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            raise ValueError(f"not a WARC record: {line[:40]!r}")
        kind = b""
        url: Optional[str] = None
        length: Optional[int] = None
        while True:
            field = buffered.readline()
            if not field:
                raise ValueError("a WARC header ends before its blank line")
            field = field.rstrip(b"\r\n")
            if not field:
                break
            name, _, value = field.partition(b":")
            name = name.strip().lower()
            value = value.strip()
            if name == b"warc-type":
                kind = value.lower()
            elif name == b"warc-target-uri":
                url = value.strip(b"<>").decode("utf-8", "replace")
            elif name == b"content-length":
                length = int(value)
        if length is None:
            raise ValueError("a WARC record without Content-Length")
        block = buffered.read(length)
        if len(block) != length:
            raise ValueError("a WARC record ends before its Content-Length")
        if kind in _PAGE_TYPES:
            yield url, block.decode("utf-8", "replace")


def pages_of_bytes(data: bytes) -> Iterator[Tuple[Optional[str], str]]:
    """``pages`` of a whole WET file held in memory (as Spark's ``binaryFiles`` and Ray's
    ``read_binary_files`` give it)."""
    return pages(io.BytesIO(data))
