"""The knowledge-base commands end to end, through ``pactwatch.cli.main.main`` and the real extractor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pactwatch.cli.main import main

TEXTS = Path(__file__).resolve().parents[1] / "texts" / "kb"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("in")
    (folder / "pact.txt").write_bytes((TEXTS / "pact.txt").read_bytes())
    (folder / "copy.txt").write_bytes((TEXTS / "pact.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'cli.db'}"
    assert main(["ingest", str(folder), "--db", url, "--batch-size", "2"]) == 3  # empty.txt is refused
    return url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_summary_and_exit_codes(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ingest", str(TEXTS), "--db", db)  # the same pact.txt: already stored
    assert code == 0
    assert out == ("1 articles read: 0 new, 1 already stored; the knowledge base holds 1 agreements and 0 events; "
                   "0 inputs refused.\n")
    code, _, err = run(capsys, "ingest", str(TEXTS), "--db", db, "--batch-size", "0")
    assert code == 1 and err.startswith("Error: --batch-size must be positive, got 0")


def test_agreements_json_and_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "agreements", "--db", db, "--party", "AZE", "--as-of", "2026-11-22", "--json")
    assert code == 0
    [pact] = json.loads(out)
    assert pact["parties"] == ["AZE", "TUR"] and pact["signed"] == "2021-06-15"
    assert pact["documents"] == ["copy", "pact"]
    assert pact["independent_sources"] == 1 and "in_force_as_of" in pact
    code, out, _ = run(capsys, "agreements", "--db", db, "--as-of", "2026-11-22")
    assert code == 0 and "notice by" in out and pact["id"] in out
    code, _, err = run(capsys, "agreements", "--db", db, "--domain", "war")
    assert code == 1 and err.startswith("Error: unknown domain 'war'")


def test_show_duplicates_timeline_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    pact_id = json.loads(run(capsys, "agreements", "--db", db, "--json")[1])[0]["id"]
    code, out, _ = run(capsys, "show", pact_id, "--db", db)
    assert code == 0 and "signed: 2021-06-15" in out and "lifecycle" in out and "15 June 2021" in out
    assert run(capsys, "show", "agr-missing", "--db", db)[0] == 1
    code, out, _ = run(capsys, "duplicates", "--db", db, "--json")
    assert [[a["id"] for a in c["articles"]] for c in json.loads(out)] == [["copy", "pact"]]
    code, out, _ = run(capsys, "timeline", "--db", db, "--party", "TUR", "--json")
    assert [(i["date"], i["kind"]) for i in json.loads(out)][0] == ("2021-06-15", "signed")
    code, out, _ = run(capsys, "refused", "--db", db)
    assert code == 0 and "empty.txt" in out and out.rstrip().endswith("1 refused inputs.")


def test_export_and_reextract(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, "export", "--db", db, "--format", "csv", "-o", str(target))
    assert code == 0 and out.startswith("1 records written")
    assert target.read_text(encoding="utf-8").splitlines()[1].split(",")[2] == "AZE;TUR"
    code, out, _ = run(capsys, "reextract", "--db", db)
    assert code == 0 and out.startswith("0 articles re-extracted")
    code, out, _ = run(capsys, "reextract", "--db", db, "--all")
    assert code == 0 and out.startswith("2 articles re-extracted")


@pytest.mark.slow
def test_ingest_on_a_dask_worker_stores_what_a_serial_run_stores(db: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    code, out, _ = run(capsys, "ingest", str(TEXTS), "--db", url, "--workers", "1", "--json")
    assert code == 0 and json.loads(out)["articles_new"] == 1
    serial = json.loads(run(capsys, "agreements", "--db", db, "--json")[1])
    distributed = json.loads(run(capsys, "agreements", "--db", url, "--json")[1])
    assert [(a["parties"], a["title"], a["signed"]) for a in distributed] == \
        [(a["parties"], a["title"], a["signed"]) for a in serial]
    code, _, err = run(capsys, "ingest", str(TEXTS), "--db", url, "--workers", "0")
    assert code == 1 and err.startswith("Error: --workers must be a positive integer")


def test_every_reading_command_takes_the_same_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """facts, ingest and serve share --max-file-mb, --max-article-chars, --max-decompressed-mb and
    --batch-size; a limit that is not positive is refused by name, never clamped."""
    import gzip

    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(gzip.compress(b'{"id": "x", "text": "' + b" " * 3_000_000 + b'"}\n'))
    url = f"sqlite:///{tmp_path / 'limits.db'}"
    code, out, _ = run(capsys, "ingest", str(bomb), "--db", url, "--max-decompressed-mb", "1", "--json")
    assert code == 3 and "expands beyond the limit of 1,000,000 bytes" in json.loads(out)["refused"][0]["reason"]
    code, _, err = run(capsys, "facts", str(bomb), "--max-decompressed-mb", "1", "-o", str(tmp_path / "f.jsonl"))
    assert code == 3 and "expands beyond the limit of 1,000,000 bytes" in err
    for command in (["facts", str(bomb)], ["ingest", str(bomb), "--db", url], ["serve", "--db", url]):
        code, _, err = run(capsys, *command, "--max-decompressed-mb", "0")
        assert code == 1 and "--max-decompressed-mb must be positive, got 0" in err, command


def test_real_records_read_within_100_columns(db: str, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """What the real extractor stored, through every reading command at 100 columns: no line runs
    past the edge, no header is broken, and show prints each quoted sentence once."""
    monkeypatch.setenv("COLUMNS", "100")
    pact_id = json.loads(run(capsys, "agreements", "--db", db, "--json")[1])[0]["id"]
    for argv in (["agreements"], ["agreements", "--as-of", "2026-11-22"], ["timeline"], ["duplicates"],
                 ["show", pact_id], ["refused"]):
        code, out, _ = run(capsys, *argv, "--db", db)
        assert code == 0 and out, argv
        assert max(len(line) for line in out.splitlines()) <= 100, argv
    out = run(capsys, "agreements", "--db", db)[1]
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [h.strip() for h in header.strip("┃").split("┃")] == ["id", "title", "parties", "domain", "status",
                                                                 "signed", "sources"]
    shown = run(capsys, "show", pact_id, "--db", db)[1]
    quotes = re.findall(r'^\[\d+\] "(.*)', shown, re.MULTILINE)
    assert quotes and len(quotes) == len(set(quotes))
