"""A watched folder: new files are offered, changed ones again, unchanged ones not, half-written ones later."""

from __future__ import annotations

import os
import time
from pathlib import Path

from pactwatch.watch.folder import FolderWatch, file_digest

OLD = time.time() - 60


def drop(folder: Path, name: str, text: str, mtime: float = OLD) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def test_new_changed_unchanged_and_half_written_files(tmp_path: Path) -> None:
    drop(tmp_path, "a.txt", "Azerbaijan and Turkey signed a pact.")
    drop(tmp_path, "2026/b.jsonl", '{"id": "b", "text": "A drill was held."}\n')
    drop(tmp_path, "notes.md", "not an article format")
    drop(tmp_path, ".hidden.txt", "hidden")
    watch = FolderWatch(tmp_path)

    first = watch.scan({})
    assert [f.key for f in first.changed] == ["2026/b.jsonl", "a.txt"]
    seen = {f.key: f.digest for f in first.changed}
    assert watch.scan(seen).changed == []  # nothing new

    drop(tmp_path, "2026/b.jsonl", '{"id": "b", "text": "A drill was held."}\n{"id": "c", "text": "More."}\n')
    drop(tmp_path, "c.html", "<p>fresh</p>", mtime=time.time())  # still being written
    again = watch.scan(seen)
    assert [f.key for f in again.changed] == ["2026/b.jsonl"]
    assert again.changed[0].digest == file_digest(tmp_path / "2026" / "b.jsonl") != seen["2026/b.jsonl"]
    assert again.settling == ["c.html"]


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    """Size and modification time unchanged: the bytes are not hashed again. (Swapping the bytes
    behind the watcher's back, keeping both, shows it: a re-read would see a new digest.)"""
    path = drop(tmp_path, "a.txt", "some text")
    watch = FolderWatch(tmp_path)
    seen = {f.key: f.digest for f in watch.scan({}).changed}
    drop(tmp_path, "a.txt", "SOME TEXT")
    assert path.stat().st_size == 9 and watch.scan(seen).changed == []
    assert FolderWatch(tmp_path).scan(seen).changed[0].key == "a.txt"  # a fresh look reads it


def test_the_same_bytes_under_a_new_time_are_not_new(tmp_path: Path) -> None:
    path = drop(tmp_path, "a.txt", "some text")
    watch = FolderWatch(tmp_path)
    seen = {f.key: f.digest for f in watch.scan({}).changed}
    os.utime(path, (OLD + 5, OLD + 5))
    assert watch.scan(seen).changed == []


def test_a_settled_file_is_taken_once_its_writer_stops(tmp_path: Path) -> None:
    now = [time.time()]
    drop(tmp_path, "a.txt", "being copied", mtime=now[0])
    watch = FolderWatch(tmp_path, settle_s=2.0, clock=lambda: now[0])
    assert watch.scan({}).settling == ["a.txt"]
    now[0] += 3
    assert [f.key for f in watch.scan({}).changed] == ["a.txt"]
