"""The background article count behind the progress bar's ETA agrees with what reading gives
(archives: tests/read/test_warc.py)."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from pactwatch.read import Article, ReadLimits, iter_inputs
from pactwatch.read.count import count_articles
from pactwatch.run.progress import article_progress


def article_line(i: int) -> str:
    return json.dumps({"id": f"n{i}", "text": f"Item {i}: the coastal road reopened after the storm on Monday."})


def mixed_folder(root: Path) -> Path:
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("The harbour reopened on Tuesday after repairs to the quay.")
    (folder / "notes.md").write_text("not an input")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "sub" / "many.jsonl").write_text("\n".join(article_line(i) for i in range(5)) + "\n\n")
    with gzip.open(folder / "sub" / "more.jsonl.gz", "wt") as fh:
        fh.write("\n".join(article_line(i) for i in range(10, 13)))
    return folder


def test_the_count_matches_the_articles_read(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    read = [i for i in iter_inputs([folder]) if isinstance(i, Article)]
    assert count_articles([folder]) == len(read) == 1 + 5 + 3


def test_files_the_reader_refuses_count_as_nothing(tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(article_line(i) for i in range(50)))
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(b"plain text, not gzip")
    assert count_articles([big, fake, tmp_path / "missing.txt"], ReadLimits(max_file_bytes=100)) == 0


def test_the_progress_bar_gets_its_total_from_the_background_count(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    with article_progress(enabled=True, count=lambda: count_articles([folder])) as bar:
        bar.advance(2)
        deadline = time.monotonic() + 10
        while bar._progress.tasks[0].total is None and time.monotonic() < deadline:  # type: ignore[union-attr]
            time.sleep(0.01)
        assert bar._progress.tasks[0].total == 9  # type: ignore[union-attr]
        assert bar.done == 2
