"""A watched folder: which of its files are new or changed since they were last ingested.

A file is known by its path relative to the folder and the SHA-256 of its bytes: a file whose
bytes changed (a JSON Lines drop that grew) is read again, and ingesting it again stores only
what is new in it (the store skips articles it holds with the same text). A file modified in the
last ``settle_s`` seconds may still be being written (a copy in progress): it waits for the next
round. Only the files ``pactwatch ingest`` reads are looked at (``pactwatch.read`` formats);
hidden files are skipped, as a folder ingest skips them.

Bytes are hashed only when a file's size or modification time differs from the last look in
this process, so an idle folder of large WARC files costs a ``stat`` per file per round.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pactwatch.read.files import walk_folder

SETTLE_S = 2.0
CHUNK = 1 << 20


@dataclass(frozen=True)
class FolderFile:
    """A file to ingest: ``key`` (its path relative to the folder, with ``/``), where it is, its digest."""

    key: str
    path: Path
    digest: str


@dataclass
class FolderScan:
    """What one look at the folder found: files to ingest, files left for the next round because
    they are still changing, and files that could not be read (with the reason)."""

    changed: list[FolderFile] = field(default_factory=list)
    settling: list[str] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)


class FolderWatch:
    """Looks at one folder round after round, remembering each file's size, mtime and digest."""

    def __init__(self, folder: Path, *, settle_s: float = SETTLE_S, clock: Callable[[], float] = time.time) -> None:
        self.folder = folder
        self.settle_s = settle_s
        self.clock = clock
        self._known: dict[str, tuple[int, int, str]] = {}

    def scan(self, seen: Mapping[str, str | None]) -> FolderScan:
        """The files whose digest is not the one ``seen`` holds for them (``kb.seen_items``)."""
        scan = FolderScan()
        now = self.clock()
        for path in walk_folder(self.folder):
            key = path.relative_to(self.folder).as_posix()
            try:
                stat = path.stat()
                if now - stat.st_mtime < self.settle_s:
                    scan.settling.append(key)
                    continue
                digest = self._digest(key, path, stat.st_size, stat.st_mtime_ns)
            except OSError as error:
                scan.unreadable.append((key, error.strerror or str(error)))
                continue
            if seen.get(key) != digest:
                scan.changed.append(FolderFile(key, path, digest))
        return scan

    def _digest(self, key: str, path: Path, size: int, mtime_ns: int) -> str:
        known = self._known.get(key)
        if known and known[:2] == (size, mtime_ns):
            return known[2]
        digest = file_digest(path)
        self._known[key] = (size, mtime_ns, digest)
        return digest


def file_digest(path: Path) -> str:
    """``sha256:`` and the hex SHA-256 of the file's bytes, read a megabyte at a time."""
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            sha.update(chunk)
    return f"sha256:{sha.hexdigest()}"
