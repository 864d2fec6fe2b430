"""Opening input files as bounded binary streams, so no file can expand past the limits.

Compressed files are checked to be gzip before use and counted as they decompress, on both sides:
the reader raises ``LimitExceeded`` the moment a file expands beyond ``max_decompressed_bytes``, or
beyond ``max_compression_ratio`` times the compressed bytes read so far (once past
``RATIO_CHECKED_AFTER``). The compressed side is fed to the decompressor in small pieces, so the
ratio is known to within ``COMPRESSED_PIECE`` bytes and a bomb is caught within its first megabytes
instead of after the whole decompression limit.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from pactwatch.read.limits import RATIO_CHECKED_AFTER, LimitExceeded, ReadLimits

GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 1 << 20
COMPRESSED_PIECE = 8192
DECOMPRESSED_BUFFER = io.DEFAULT_BUFFER_SIZE  # small, so the limits cut a file near where it passes them


class CompressedSide:
    """The compressed file, handed to the decompressor at most ``COMPRESSED_PIECE`` bytes at a time
    and counted, so the decompressed count can be set against it."""

    def __init__(self, inner: BinaryIO) -> None:
        self.inner = inner
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.inner.read(COMPRESSED_PIECE if size < 0 else min(size, COMPRESSED_PIECE))
        self.count += len(data)
        return data


class CountingReader(io.RawIOBase):
    """A raw stream over ``inner`` that raises ``LimitExceeded`` after ``limit`` bytes, or (with
    ``compressed``, the other side's count) once it has expanded more than ``max_ratio`` times."""

    def __init__(self, inner: BinaryIO, limit: int, compressed: CompressedSide | None = None,
                 max_ratio: int | None = None) -> None:
        super().__init__()
        self.inner = inner
        self.limit = limit
        self.compressed = compressed
        self.max_ratio = max_ratio
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.inner.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise LimitExceeded(f"expands beyond the limit of {self.limit:,} bytes when decompressed")
        self._check_ratio()
        buffer[: len(data)] = data
        return len(data)

    def _check_ratio(self) -> None:
        if self.compressed is None or self.max_ratio is None or self.count <= RATIO_CHECKED_AFTER:
            return
        if self.count > self.max_ratio * max(1, self.compressed.count):
            raise LimitExceeded(f"expands more than {self.max_ratio:,} times over when decompressed "
                                f"({self.count:,} bytes from the first {self.compressed.count:,}): "
                                "a compression bomb")


def is_gzip_file(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes."""
    with path.open("rb") as f:
        return f.read(2) == GZIP_MAGIC


@contextmanager
def open_bounded(path: Path, compressed: bool, limits: ReadLimits) -> Iterator[io.BufferedReader]:
    """The file's bytes; decompressed when ``compressed``, and then within the decompression limit
    and the compression ratio limit.

    A plain file is not counted: its size on disk was checked against the file limit already,
    and counting it against the decompression limit would cut a legitimate large file short."""
    with path.open("rb") as raw:
        if not compressed:
            yield raw
            return
        side = CompressedSide(raw)
        gunzip = gzip.GzipFile(fileobj=side, mode="rb")  # type: ignore[arg-type]  (it needs only read())
        counter = CountingReader(gunzip, limits.max_decompressed_bytes, side, limits.max_compression_ratio)
        with io.BufferedReader(counter, DECOMPRESSED_BUFFER) as stream:
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
