"""Every hostile input of issue 6 through ``pactwatch facts`` and ``pactwatch ingest`` in one batch:
one ``refused: file[:line]: reason`` line each, every readable article extracted or stored, exit
status 3, and ``pactwatch refused`` listing what ingest refused. (The gzip bomb needs a lower
decompression limit than the CLIs expose; tests/read/test_bad_input.py holds it for both.)"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from pactwatch.cli.main import main


def _load_cases() -> Any:
    """``tests/hostile_inputs.py``, loaded by path (tests/ is not on sys.path)."""
    if "hostile_inputs" not in sys.modules:
        spec = importlib.util.spec_from_file_location("hostile_inputs", Path(__file__).with_name("hostile_inputs.py"))
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["hostile_inputs"] = module
        spec.loader.exec_module(module)
    return sys.modules["hostile_inputs"]


CASES = _load_cases()
REFUSED = [case for case in CASES.REFUSED if case[0] != "bomb.jsonl.gz"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder holding every hostile file and every odd-but-readable one."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, content, *_ in REFUSED + CASES.READ:
        (folder / Path(name).name).write_bytes(content)
    return folder


def expected_refusals(folder: Path | str) -> list[tuple[str, int | None, str]]:
    return sorted((f"{folder}/{name}", line, reason) for name, _, refusals, _ in REFUSED for line, reason in refusals)


def expected_ids() -> set[str]:
    return {i for *_, ids in REFUSED for i in ids} | {doc_id for _, _, doc_id, _ in CASES.READ}


def parse_refused(text: str) -> list[tuple[str, int | None, str]]:
    """``refused: FILE[:LINE]: REASON`` lines as (file, line, reason)."""
    found = []
    for line in text.splitlines():
        if not line.strip().startswith("refused: "):
            continue
        where, _, reason = line.strip().removeprefix("refused: ").partition(": ")
        file, _, number = where.rpartition(":")
        found.append((file, int(number), reason) if file and number.isdigit() else (where, None, reason))
    return sorted(found)


def assert_refusals_match(got: list[tuple[str, int | None, str]], folder: Path | str) -> None:
    """``folder``: how the files are named, the path given to facts, or (ingest, which never stores
    a server path) the folder's own name."""
    want = expected_refusals(folder)
    assert [(f, n) for f, n, _ in got] == [(f, n) for f, n, _ in want]
    for (_, _, reason), (_, _, fragment) in zip(got, want, strict=True):
        assert fragment.replace("dups.jsonl", f"{folder}/dups.jsonl") in reason


def test_facts_refuses_each_hostile_input_once_and_extracts_the_rest(batch: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "facts.jsonl"
    assert main(["facts", str(batch), "-o", str(out), "--max-article-chars", "5000", "--quiet"]) == 3
    assert_refusals_match(parse_refused(capsys.readouterr().err), batch)
    assert {json.loads(line)["doc_id"] for line in out.read_text().splitlines()} == expected_ids()


def test_ingest_refuses_records_and_stores_the_rest(batch: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kb.db")
    assert main(["ingest", str(batch), "--db", db, "--max-article-chars", "5000"]) == 3
    printed = capsys.readouterr()
    assert_refusals_match(parse_refused(printed.out + printed.err), batch.name)
    assert main(["refused", "--db", db, "--json", "--limit", "100"]) == 0
    listed = sorted((r["source"], r["line"], r["reason"]) for r in json.loads(capsys.readouterr().out))
    assert_refusals_match(listed, batch.name)
    import pactwatch

    assert {a["id"] for a in pactwatch.open(f"sqlite:///{db}").articles(limit=None)} == expected_ids()
