"""Opening input files as bounded binary streams, so no file can expand past the limits.

Compressed files are checked to be gzip before use and counted as they decompress; the reader
raises ``LimitExceeded`` the moment a file expands beyond ``max_decompressed_bytes``.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from pactwatch.read.limits import LimitExceeded

GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 1 << 20


class CountingReader(io.RawIOBase):
    """A raw stream over ``inner`` that raises ``LimitExceeded`` after ``limit`` bytes."""

    def __init__(self, inner: BinaryIO, limit: int) -> None:
        super().__init__()
        self.inner = inner
        self.limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise LimitExceeded(f"expands beyond the limit of {self.limit:,} bytes when decompressed")
        buffer[: len(data)] = data
        return len(data)


def is_gzip_file(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes."""
    with path.open("rb") as f:
        return f.read(2) == GZIP_MAGIC


@contextmanager
def open_bounded(path: Path, compressed: bool, limit: int) -> Iterator[io.BufferedReader]:
    """The file's bytes; decompressed when ``compressed``, and then at most ``limit`` of them.

    A plain file is not counted: its size on disk was checked against the file limit already,
    and counting it against the decompression limit would cut a legitimate large file short."""
    with path.open("rb") as raw:
        if not compressed:
            yield raw
            return
        with io.BufferedReader(CountingReader(gzip.GzipFile(fileobj=raw, mode="rb"), limit)) as stream:
            yield stream


def read_file_bytes(path: Path, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes of a file (one more than the limit shows it is over it).

    Read in chunks: ``f.read(limit + 1)`` would allocate the whole limit (100 MB by default)
    for every file, however small."""
    chunks: list[bytes] = []
    total = 0
    with path.open("rb") as f:
        while total <= limit and (chunk := f.read(min(READ_CHUNK, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)
