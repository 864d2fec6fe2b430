"""Compression bombs and blank-line floods are refused in moments, one refusal naming the file,
and the batch goes on: blank lines are counted, never parsed; a compressed file is judged by its
ratio as it expands, not only once it has passed the decompression limit."""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from pathlib import Path
from typing import Any

import pytest
from warcio.warcwriter import WARCWriter

from pactwatch.cli.main import main
from pactwatch.read import Article, ReadLimits, Refusal, iter_inputs
from pactwatch.read.count import count_articles

GOOD = "Norway and Denmark signed a defence pact in Oslo on Thursday, the two governments said.\n"
MB = 1 << 20


def write_gzip(path: Path, block: bytes, megabytes: int, head: bytes = b"") -> Path:
    """``head`` then ``megabytes`` MB of ``block`` repeated, gzipped as it is written (never whole in memory)."""
    repeated = block * (MB // len(block))
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(head)
        for _ in range(megabytes):
            f.write(repeated)
    return path


def jsonl(*records: dict[str, str]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def read_folder(folder: Path, limits: ReadLimits | None = None) -> tuple[list[Refusal], list[str], float]:
    """(refusals, article ids, seconds) of reading a folder that also holds two good articles."""
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "z_good.txt").write_text(GOOD.replace("Oslo", "Bergen"), encoding="utf-8")
    started = time.perf_counter()
    items = list(iter_inputs([folder], limits))
    seconds = time.perf_counter() - started
    return ([i for i in items if isinstance(i, Refusal)], [i.id for i in items if isinstance(i, Article)], seconds)


def test_600_mb_of_blank_lines_in_611_kb_is_refused_in_a_moment(tmp_path: Path) -> None:
    """The bomb of the issue at its real size, with the default limits: it held the writer for
    about two minutes before the decompression limit refused it."""
    bomb = write_gzip(tmp_path / "blank.jsonl.gz", b"\n", 600)
    assert bomb.stat().st_size < 700_000
    refusals, ids, seconds = read_folder(tmp_path)
    assert ids == ["a_good", "z_good"]
    assert [(r.source, r.line) for r in refusals] == [(str(bomb), 100_001)]
    assert refusals[0].reason == ("more than 100,000 blank lines (100,001 by line 100,001, 0 records); "
                                  "the rest was not read")
    assert seconds < 2
    started = time.perf_counter()
    assert count_articles([bomb]) == 0  # the progress bar's count stops as early
    assert time.perf_counter() - started < 2


def test_blank_lines_between_records_are_allowed_one_each(tmp_path: Path) -> None:
    records = [jsonl({"id": f"r{n}", "text": GOOD}) for n in range(5)]
    (tmp_path / "spaced.jsonl").write_bytes(b"\n".join(records) + b"\n" * 3)
    flood = jsonl({"id": "f0", "text": GOOD}) + b" \n\t\n" * 4 + jsonl({"id": "never", "text": GOOD})
    (tmp_path / "flood.jsonl").write_bytes(flood)
    refusals, ids, _ = read_folder(tmp_path, ReadLimits(max_blank_lines=3))
    assert ids == ["a_good", "f0", "r0", "r1", "r2", "r3", "r4", "z_good"]
    assert [(Path(r.source).name, r.line, r.reason) for r in refusals] == [
        ("flood.jsonl", 6, "more than 3 blank lines (5 by line 6, 1 records); the rest was not read")]


@pytest.mark.parametrize("block", [b" ", b"\t \r\n"])
def test_a_compressed_file_expanding_a_hundredfold_is_refused_as_a_bomb(tmp_path: Path, block: bytes) -> None:
    """Well within the 500 MB decompression limit, but a thousand times its size on the wire."""
    bomb = write_gzip(tmp_path / "bomb.jsonl.gz", block, 50)
    refusals, ids, seconds = read_folder(tmp_path, ReadLimits(max_blank_lines=10**9))
    assert ids == ["a_good", "z_good"]
    assert [r.source for r in refusals] == [str(bomb)]
    assert refusals[0].reason.startswith("compressed file expands more than 100 times over when decompressed (")
    assert refusals[0].reason.endswith("a compression bomb; the rest was not read")
    assert seconds < 2


def test_a_flood_of_bad_lines_is_cut_at_the_refused_line_limit(tmp_path: Path) -> None:
    write_gzip(tmp_path / "braces.jsonl.gz", b"{}\n", 1, head=jsonl({"id": "first", "text": GOOD}))
    refusals, ids, _ = read_folder(tmp_path, ReadLimits(max_refused_lines=20))
    assert ids == ["a_good", "first", "z_good"]
    assert [r.reason for r in refusals] == ["no 'id' field"] * 20 + ["more than 20 bad lines; the rest was not read"]
    assert refusals[-1].line == 22


def test_ordinary_compressed_news_passes_the_ratio_check(tmp_path: Path) -> None:
    """Several megabytes of varied records compress a few times over, far from a hundred."""
    words = GOOD.split() + ["ministry", "frigate", "treaty", "ratified", "Kyiv", "Manila", "exercise", "2024"]
    rng = random.Random(7)
    records = [{"id": f"wire-{n}", "text": " ".join(rng.choice(words) for _ in range(300)) + "."}
               for n in range(1500)]
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(*records)))
    assert len(gzip.decompress(path.read_bytes())) > 2 * MB
    refusals, ids, _ = read_folder(tmp_path)
    assert refusals == [] and len(ids) == 1502


def test_limits_reject_a_ratio_or_blank_limit_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="max_compression_ratio must be a positive integer"):
        ReadLimits(max_compression_ratio=0)
    with pytest.raises(ValueError, match="max_blank_lines must be a positive integer"):
        ReadLimits(max_blank_lines=-1)


def test_facts_refuses_the_bomb_with_one_line_and_extracts_the_rest(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bomb = write_gzip(folder / "blank.jsonl.gz", b"\n", 100)
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    started = time.perf_counter()
    assert main(["facts", str(folder), "-o", str(out), "--quiet"]) == 3
    assert time.perf_counter() - started < 30  # mostly loading the pipeline; the bomb costs a moment
    err = capsys.readouterr().err
    assert f"refused: {bomb}:100001: more than 100,000 blank lines" in err
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["a_good"]


class Repeated(io.RawIOBase):
    """``size`` bytes of ``byte``, made as they are read."""

    def __init__(self, byte: bytes, size: int) -> None:
        super().__init__()
        self.byte, self.left = byte, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = self.byte * n
        self.left -= n
        return n


def warc_bomb(path: Path, content_type: str, megabytes: int) -> Path:
    """A gzipped archive: one good page, then a resource record of ``megabytes`` MB of newlines."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        page = GOOD.encode()
        writer.write_record(writer.create_warc_record("https://example.org/good", "resource", payload=io.BytesIO(page),
                                                      length=len(page), warc_content_type="text/plain"))
        size = megabytes * MB
        writer.write_record(writer.create_warc_record("https://example.org/bomb", "resource",
                                                      payload=io.BufferedReader(Repeated(b"\n", size)), length=size,
                                                      warc_content_type=content_type))
    return path


@pytest.mark.parametrize("content_type", ["text/plain", "image/png"])
def test_an_archive_record_expanding_a_hundredfold_is_refused_as_a_bomb(tmp_path: Path, content_type: str) -> None:
    """Read (a text record) or skipped (an image), its bytes count, and the ratio gives it away."""
    bomb = warc_bomb(tmp_path / "news.warc.gz", content_type, 60)
    assert bomb.stat().st_size < 200_000
    refusals, ids, seconds = read_folder(tmp_path)
    assert len(ids) == 3 and (ids[0], ids[-1]) == ("a_good", "z_good")  # the good page before the bomb is read
    assert [r.source for r in refusals] == [str(bomb)]
    assert refusals[0].reason.startswith("archive expands more than 100 times over when decompressed (")
    assert refusals[0].reason.endswith("a compression bomb; the rest was not read")
    assert seconds < 2
