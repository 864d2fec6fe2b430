"""A cheap count of the articles under some paths, so progress bars can show an ETA.

Counting reads the inputs once without decoding, cleaning or parsing anything: a .txt or .html
file is one article, a JSON Lines file has one per non-blank line, an archive one per record that
can hold an article. It runs beside the real work (see ``pactwatch.run.progress``), so it never
delays the first article; files the reader would refuse count as nothing. The number is an
estimate for the ETA only, never used to decide anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pactwatch.read.files import input_format, walk_folder
from pactwatch.read.limits import LimitExceeded, ReadLimits
from pactwatch.read.streams import open_bounded

CHUNK = 1 << 20


def count_articles(paths: Iterable[str | Path], limits: ReadLimits | None = None) -> int:
    """How many articles reading ``paths`` should give (an estimate; unreadable files count 0)."""
    limits = limits or ReadLimits()
    total = 0
    for given in paths:
        path = Path(given)
        files = walk_folder(path) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            total += _count_file(file, limits)
    return total


def _count_file(path: Path, limits: ReadLimits) -> int:
    found = input_format(path)
    try:
        if found is None or not 0 < path.stat().st_size <= limits.max_file_bytes:
            return 0
        kind = found[0]
        if kind in ("jsonl", "jsonl.gz"):
            with open_bounded(path, kind == "jsonl.gz", limits) as fh:
                return _count_lines(fh, limits)
        if kind == "warc":
            return _count_records(path)
        return 1
    except (OSError, EOFError, ValueError, LimitExceeded):
        return 0


def _count_lines(fh: object, limits: ReadLimits) -> int:
    """Non-blank lines, stopping where the reader would (too many blank lines: it refuses the rest)."""
    lines, blank, tail = 0, 0, b""
    while chunk := fh.read(CHUNK):  # type: ignore[attr-defined]
        parts = (tail + chunk).split(b"\n")
        tail = parts.pop()
        filled = sum(1 for p in parts if p.strip())
        lines += filled
        blank += len(parts) - filled
        if blank > limits.max_blank_lines + lines:
            return lines
    return lines + (1 if tail.strip() else 0)


def _count_records(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    from pactwatch.read.warc import article_kind

    with path.open("rb") as raw:
        return sum(1 for record in ArchiveIterator(raw, arc2warc=True) if article_kind(record) is not None)
