"""A 200 MB input: ``facts`` and ``ingest`` refuse it with one line and go on with the rest,
without reading it into memory; a raised limit reads a large legitimate file in bounded memory.
(The upload endpoint's side is in tests/web/test_upload_hostile.py.)"""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from pactwatch.cli.main import main
from pactwatch.read import Article, ReadLimits, Refusal, iter_inputs

BIG = 200_000_000
GOOD = "Norway and Denmark signed a defence pact in Oslo on Thursday, the two governments said.\n"
OTHER = "Sweden and Finland signed a security agreement in Helsinki on Monday, officials said.\n"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A folder: a good article, a sparse 200 MB file (no disk, no time), another good article."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    with (folder / "huge.txt").open("wb") as f:
        os.truncate(f.fileno(), BIG)
    (folder / "z_good.txt").write_text(OTHER, encoding="utf-8")
    return folder


def refused_lines(err: str) -> list[str]:
    return [line.strip() for line in err.splitlines() if line.strip().startswith("refused:")]


def test_the_reader_refuses_it_by_size_without_reading_it(batch: Path) -> None:
    tracemalloc.start()
    try:
        items = list(iter_inputs([batch]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [i.id for i in items if isinstance(i, Article)] == ["a_good", "z_good"]
    assert [r.message() for r in items if isinstance(r, Refusal)] == [
        f"{batch / 'huge.txt'}: file is 200,000,000 bytes, over the limit of 100,000,000"]
    assert peak < 5_000_000


def test_facts_refuses_it_with_one_line_and_extracts_the_rest(batch: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(batch), "-o", str(out), "--quiet"]) == 3
    assert refused_lines(capsys.readouterr().err) == [
        f"refused: {batch / 'huge.txt'}: file is 200,000,000 bytes, over the limit of 100,000,000"]
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["a_good", "z_good"]


def test_ingest_refuses_it_records_it_and_stores_the_rest(batch: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kb.db")
    assert main(["ingest", str(batch), "--db", db]) == 3
    out = capsys.readouterr()
    assert refused_lines(out.out + out.err) == [  # named from the folder given, not the server's root
        "refused: in/huge.txt: file is 200,000,000 bytes, over the limit of 100,000,000"]
    assert main(["refused", "--db", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["source"], r["reason"]) for r in listed] == [
        ("in/huge.txt", "file is 200,000,000 bytes, over the limit of 100,000,000")]
    import pactwatch

    kb = pactwatch.open(f"sqlite:///{db}")
    assert sorted(a["id"] for a in kb.articles()) == ["a_good", "z_good"]


def test_the_file_limit_is_the_users_to_set(batch: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", str(batch / "a_good.txt"), str(batch / "huge.txt"), "-o", str(tmp_path / "o.jsonl"),
                 "--max-file-mb", "0.00005"]) == 3
    lines = refused_lines(capsys.readouterr().err)
    assert lines == [f"refused: {batch / 'a_good.txt'}: file is 88 bytes, over the limit of 50",
                     f"refused: {batch / 'huge.txt'}: file is 200,000,000 bytes, over the limit of 50"]


@pytest.fixture
def large_jsonl(tmp_path: Path) -> Path:
    """A 200 MB JSON Lines file of four short articles among 2,000 lines of 100 KB of spaces
    (blank lines, skipped): large on disk, quick to extract."""
    path = tmp_path / "large" / "wire.jsonl"
    path.parent.mkdir()
    blank = b" " * 99_999 + b"\n"
    with path.open("wb") as f:
        for i in range(2000):
            if i % 500 == 0:
                record = {"id": f"wire-{i // 500}", "text": GOOD.replace("Thursday", f"day {i // 500}")}
                f.write(json.dumps(record).encode() + b"\n")
            f.write(blank)
    assert path.stat().st_size > BIG
    return path


def test_a_raised_limit_reads_a_large_file_line_by_line(large_jsonl: Path) -> None:
    tracemalloc.start()
    try:
        items = list(iter_inputs([large_jsonl], ReadLimits(max_file_bytes=300_000_000)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [i.id for i in items if isinstance(i, Article)] == [f"wire-{n}" for n in range(4)]
    assert not [i for i in items if isinstance(i, Refusal)]
    assert peak < 5_000_000  # one 100 KB line at a time, not 200 MB


def test_facts_with_max_file_mb_300_extracts_a_200_mb_file(large_jsonl: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(large_jsonl), "-o", str(out), "--max-file-mb", "300"]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["doc_id"] for line in lines] == [f"wire-{n}" for n in range(4)]
    assert all(line["agreements"] for line in lines)
    assert not refused_lines(capsys.readouterr().err)
    capsys.readouterr()
    assert main(["facts", str(large_jsonl), "-o", str(out)]) == 3
    assert refused_lines(capsys.readouterr().err) == [
        f"refused: {large_jsonl}: file is {large_jsonl.stat().st_size:,} bytes, over the limit of 100,000,000"]
