"""``pactwatch review``: queue, accept/reject/set, merge/split, log and stats, through ``main``, on a
copy of the small knowledge base (``conftest.small_kb``) so decisions stay in this file's tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pactwatch.cli.main import main


@pytest.fixture
def db(small_kb: str, tmp_path: Path) -> str:
    source = Path(small_kb.removeprefix("sqlite:///"))
    copy = tmp_path / "review.db"
    shutil.copy(source, copy)
    return f"sqlite:///{copy}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def shusha(capsys: pytest.CaptureFixture[str], db: str) -> dict:
    code, out, _ = run(capsys, "agreements", "--json", "--db", db)
    assert code == 0
    found = [a for a in json.loads(out) if a["title"] == "Shusha Pact"]
    assert len(found) == 1
    code, out, _ = run(capsys, "show", found[0]["id"], "--json", "--db", db)
    assert code == 0
    return json.loads(out)


def test_queue_decide_log_stats(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "review", "queue", "--json", "--db", db)
    assert code == 0
    queue = json.loads(out)
    assert isinstance(queue, list) and queue and {"record_id", "field", "confidence", "reasons",
                                                    "evidence"} <= set(queue[0])
    record = shusha(capsys, db)
    rid = record["id"]
    assert run(capsys, "review", "accept", rid, "title", "--reviewer", "ann", "--db", db)[0] == 0
    code, out, _ = run(capsys, "review", "set", rid, "signed", "2021-06-16", "--reviewer", "ann", "--note",
                       "one day later", "--db", db)
    assert code == 0 and '"2021-06-15" -> "2021-06-16"' in out
    assert run(capsys, "review", "set", rid, "duration_years", "5", "--reviewer", "bob", "--db", db)[0] == 0
    assert run(capsys, "review", "reject", rid, "parties", "--party", "TUR", "--reviewer", "bob", "--db", db)[0] == 0
    shown = shusha(capsys, db)
    assert (shown["signed"], shown["duration_years"], shown["parties"]) == ("2021-06-16", 5, ["AZE"])

    code, out, _ = run(capsys, "review", "log", "--json", "--db", db)
    log = json.loads(out)
    assert [(e["reviewer"], e["action"], e["field"], e["new"]) for e in log] == [
        ("ann", "accept", "title", "Shusha Pact"), ("ann", "set", "signed", "2021-06-16"),
        ("bob", "set", "duration_years", 5), ("bob", "reject", "parties", ["AZE"])]
    assert all(set(e) >= {"reviewer", "at", "record", "field", "action", "old", "new", "note"} for e in log)
    code, out, _ = run(capsys, "review", "log", "--db", db)
    assert code == 0 and "4 decisions" in out and all(len(line) <= 100 for line in out.splitlines())

    code, out, _ = run(capsys, "review", "stats", "--json", "--db", db)
    stats = json.loads(out)
    assert stats["fields"]["title"]["precision"] == 1.0 and stats["fields"]["signed"]["changed"] == 1
    assert stats["fields"]["duration_years"]["added"] == 1 and stats["fields"]["parties"]["rejected"] == 1
    code, out, _ = run(capsys, "review", "stats", "--db", db)
    assert code == 0 and "precision" in out
    code, out, _ = run(capsys, "review", "queue", "--db", db)
    assert code == 0 and all(len(line) <= 100 for line in out.splitlines())


def test_bad_input_is_one_error_line_and_changes_nothing(db: str, capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    rid = shusha(capsys, db)["id"]
    cases = [
        (("accept", "agr-missing", "title"), "no agreement or event"),
        (("accept", rid, "colour"), "unknown field 'colour'"),
        (("set", rid, "signed", "2021-02-30"), "not a date"),
        (("set", rid, "duration_years", "five"), "not a number"),
        (("set", rid, "parties", '["AZE","ZZZ"]'), "not an actor code"),
        (("reject", rid, "parties", "--party", "Azerbaijan"), "not an actor code"),
        (("split", rid, "no-such-article"), "not among the documents"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, "review", *argv, "--reviewer", "ann", "--db", db)
        assert code == 1 and err.startswith("Error: ") and message in err, (argv, err)
    code, out, _ = run(capsys, "review", "log", "--json", "--db", db)
    assert json.loads(out) == []
    code, _, err = run(capsys, "review", "queue", "--db", str(tmp_path / "absent.db"))
    assert code == 1 and "no database" in err


def test_merge_split_and_reviewed_export(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "agreements", "--json", "--db", db)
    records = {a["title"]: a["id"] for a in json.loads(out)}
    assert run(capsys, "review", "merge", records["Shusha Pact"], records[None], "--reviewer", "ann",
               "--db", db)[0] == 0
    code, out, _ = run(capsys, "agreements", "--json", "--db", db)
    assert len(json.loads(out)) == len(records) - 1
    assert run(capsys, "review", "accept", shusha(capsys, db)["id"], "title", "--reviewer", "ann", "--db", db)[0] == 0
    target = tmp_path / "gold.jsonl"
    code, out, _ = run(capsys, "export", "--format", "reviewed", "-o", str(target), "--db", db)
    assert code == 0 and out.startswith("1 records written")
    row = json.loads(target.read_text())
    assert row["record_kind"] == "agreement" and row["reviewed"]["title"]["by"] == "ann" and row["evidence"]
