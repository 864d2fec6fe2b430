"""Every bad input gives exactly one Refusal naming the file (and line), and the batch goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from pactwatch.read import Article, ReadLimits, Refusal, iter_inputs

GOOD = "Norway and Denmark signed a defence pact in Oslo on Thursday, the two governments said.\n"


def read_batch(tmp_path: Path, name: str, content: bytes,
               limits: ReadLimits | None = None) -> tuple[list[Refusal], list[str]]:
    """Read a folder holding a good article, the bad file, and another good article."""
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    (tmp_path / "z_good.txt").write_text(GOOD, encoding="utf-8")
    items = list(iter_inputs([tmp_path], limits))
    refusals = [item for item in items if isinstance(item, Refusal)]
    ids = [item.id for item in items if isinstance(item, Article)]
    return refusals, ids


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", bytes(range(256)) * 20, "not text"),
    ("nul.txt", b"\x00\x01\x02\x03" * 500, "binary file"),
    ("none.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ("blank.txt", b"   \n\n\t\n", "no article text"),
    ("only_ads.txt", b"ADVERTISEMENT\nShare this article\n", "no article text"),
    ("fake.jsonl.gz", b"this is not gzip at all", "not gzip"),
])
def test_bad_file_is_refused_once_and_the_rest_is_read(tmp_path: Path, name: str, content: bytes,
                                                       reason: str) -> None:
    refusals, ids = read_batch(tmp_path, name, content)
    assert ids == ["a_good", "z_good"]
    assert len(refusals) == 1
    assert refusals[0].source == str(tmp_path / name)
    assert reason in refusals[0].reason


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    refusals, ids = read_batch(tmp_path, "big.txt", GOOD.encode() * 20, ReadLimits(max_file_bytes=1000))
    assert ids == ["a_good", "z_good"]
    assert [r.reason for r in refusals] == ["file is 1,760 bytes, over the limit of 1,000"]


def test_article_over_the_length_limit_is_refused_not_truncated(tmp_path: Path) -> None:
    limits = ReadLimits(max_article_chars=200)
    text = "".join(f"Paragraph {n}: {GOOD}" for n in range(5))
    refusals, ids = read_batch(tmp_path, "long.txt", text.encode(), limits)
    assert ids == ["a_good", "z_good"]
    assert len(refusals) == 1 and "over the limit of 200 (not truncated)" in refusals[0].reason


def test_compressed_file_expanding_past_the_limit(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"id": f"n{i}", "text": GOOD}).encode() + b"\n" for i in range(200))
    limits = ReadLimits(max_decompressed_bytes=12_000)
    refusals, ids = read_batch(tmp_path, "bomb.jsonl.gz", gzip.compress(lines), limits)
    assert ids[0] == "a_good" and ids[-1] == "z_good"
    assert 0 < len(ids) - 2 < 200
    assert len(refusals) == 1 and "expands beyond the limit of 12,000 bytes" in refusals[0].reason
    assert refusals[0].line == len(ids) - 2 + 1


def test_truncated_gzip(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"id": f"n{i}", "text": GOOD}).encode() + b"\n" for i in range(50))
    compressed = gzip.compress(lines)
    refusals, ids = read_batch(tmp_path, "cut.jsonl.gz", compressed[: len(compressed) // 2])
    assert ids[0] == "a_good" and ids[-1] == "z_good"
    assert len(refusals) == 1 and "truncated or corrupt" in refusals[0].reason


def jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


@pytest.mark.parametrize(("bad", "reason"), [
    (b'{"id": "x", "text": "unterminated', "broken JSON"),
    (b"[1, 2, 3]", "a JSON object was expected, got an array"),
    ({"text": GOOD}, "no 'id' field"),
    ({"id": 7, "text": GOOD}, "field 'id' must be a string, got a number"),
    ({"id": "x"}, "neither a 'text' nor an 'html' field"),
    ({"id": "x", "text": ["a"]}, "field 'text' must be a string, got an array"),
    ({"id": "x", "text": GOOD, "published": 2021}, "field 'published' must be a string, got a number"),
    ({"id": "news/2021/x", "text": GOOD}, "contains a path separator; refused, not renamed"),
    ({"id": "..\\x", "text": GOOD}, "contains a path separator"),
    ({"id": "r1", "text": GOOD}, "duplicate id 'r1'"),
    (b"[" * 100_000, "broken JSON"),
    ({"id": "h", "html": "<html><body><nav>Home</nav></body></html>"}, "no article text"),
])
def test_bad_jsonl_line_is_refused_with_its_number(tmp_path: Path, bad: object, reason: str) -> None:
    content = jsonl({"id": "r1", "text": GOOD}, bad, {"id": "r3", "text": GOOD})
    refusals, ids = read_batch(tmp_path, "m.jsonl", content)
    assert ids == ["a_good", "r1", "r3", "z_good"]
    assert len(refusals) == 1
    assert (refusals[0].source, refusals[0].line) == (str(tmp_path / "m.jsonl"), 2)
    assert reason in refusals[0].reason
    assert refusals[0].message().startswith(f"{tmp_path / 'm.jsonl'}:2: ")


def test_overlong_jsonl_line_is_skipped_without_holding_it(tmp_path: Path) -> None:
    content = jsonl({"id": "r1", "text": GOOD}, {"id": "r2", "text": "x" * 5000}, {"id": "r3", "text": GOOD})
    limits = ReadLimits(max_file_bytes=3000)
    refusals, ids = read_batch(tmp_path, "m.jsonl.gz", gzip.compress(content), limits)
    assert ids == ["a_good", "r1", "r3", "z_good"]
    assert [(r.line, r.reason) for r in refusals] == [(2, "line is longer than 3,000 bytes")]


def test_duplicate_file_ids_across_folders(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(GOOD, encoding="utf-8")
    items = list(iter_inputs([tmp_path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Refusal) and items[1].source == str(tmp_path / "two" / "same.txt")
    assert "duplicate id 'same'" in items[1].reason


def test_explicit_unsupported_or_missing_files_are_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# notes", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    items = list(iter_inputs([notes, tmp_path / "missing.txt", tmp_path]))
    assert [type(i).__name__ for i in items] == ["Refusal", "Refusal", "Article"]
    assert "unsupported file type" in items[0].reason
    assert items[1].reason == "no such file or folder"


def test_limits_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="max_file_bytes must be a positive integer"):
        ReadLimits(max_file_bytes=0)
