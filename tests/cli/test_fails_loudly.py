"""The CLI fails loudly (issue 11): a database that is not there, an actor code that is not one, an
input path that is not there and a mistyped option are each an error that says what to do, never a
quiet run over nothing; ``facts -`` reads standard input and ``-o -`` writes to standard output."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from pactwatch.cli._kb import check_database_exists
from pactwatch.cli.main import main

PACT = "Turkey and Qatar signed a defence cooperation agreement in Doha on 2 December 2015.\n"
NO_DB = "Error: no database at pactwatch.db (run `pactwatch ingest ...` first, or pass --db)\n"
READ_COMMANDS = (["agreements"], ["show", "agr-0123456789ab"], ["timeline"], ["duplicates"], ["refused"],
                 ["export", "--format", "csv", "-o", "out.csv"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_read_command_refuses_a_database_that_is_not_there(command: list[str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PACTWATCH_DB", raising=False)
    assert run(capsys, *command) == (1, "", NO_DB)
    assert list(tmp_path.iterdir()) == []  # no empty database, no export file
    code, _, err = run(capsys, *command, "--db", str(tmp_path / "news.db"))
    assert code == 1 and err == f"Error: no database at {tmp_path / 'news.db'} (run `pactwatch ingest ...` first, " \
                                "or pass --db)\n"
    monkeypatch.setenv("PACTWATCH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    code, _, err = run(capsys, *command)
    assert code == 1 and f"no database at {tmp_path / 'env.db'}" in err
    assert list(tmp_path.iterdir()) == []


def test_ingest_still_creates_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PACTWATCH_DB", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "pact.txt").write_text(PACT, encoding="utf-8")
    code, out, _ = run(capsys, "ingest", "in")
    assert code == 0 and out.startswith("1 articles read: 1 new") and (tmp_path / "pactwatch.db").is_file()
    code, out, _ = run(capsys, "agreements", "--json")
    assert code == 0 and [a["parties"] for a in json.loads(out)] == [["QAT", "TUR"]]


def test_only_sqlite_files_are_looked_for() -> None:
    """A server database cannot be checked for before connecting: it goes on to be opened (and a
    connection error is reported then); so does an in-memory SQLite database."""
    for url in ("postgresql+psycopg://pw@localhost/pw", "sqlite://", "sqlite:///:memory:"):
        check_database_exists(url)
    with pytest.raises(ValueError, match="no database at /nowhere/kb.db"):
        check_database_exists("/nowhere/kb.db")


@pytest.mark.parametrize(("value", "message"), [
    ("Azerbaijan", "Error: --party 'Azerbaijan' is not an actor code; did you mean AZE (Azerbaijan)?\n"),
    ("aze", "Error: --party 'aze' is not an actor code; did you mean AZE (Azerbaijan)?\n"),
    ("Azerbajan", "Error: --party 'Azerbajan' is not an actor code; did you mean AZE (Azerbaijan)?\n"),
    ("Ankara", "Error: --party 'Ankara' is not an actor code; did you mean TUR (Türkiye)?\n"),
    ("nato", "Error: --party 'nato' is not an actor code; did you mean NATO?\n"),
    ("A_E", "Error: --party 'A_E' is not an actor code; did you mean AZE (Azerbaijan) or ARE (United Arab "
            "Emirates)?\n"),
    ("XQZW", "Error: --party 'XQZW' is not an actor code: use an ISO 3166 three-letter code (AZE, TUR) or an "
             "organisation's (NATO, EU)\n"),
])
def test_an_unknown_actor_code_is_refused_with_a_suggestion(value: str, message: str, small_kb: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("agreements", "timeline"):
        assert run(capsys, command, "--db", small_kb, "--party", value) == (1, "", message)


def test_a_real_code_filters(small_kb: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "agreements", "--db", small_kb, "--party", "PAK", "--json")
    assert code == 0 and [a["parties"] for a in json.loads(out)] == [["AZE", "PAK", "TUR"]]
    code, out, _ = run(capsys, "timeline", "--db", small_kb, "--party", "PAK", "--json")
    assert code == 0 and [i["kind"] for i in json.loads(out)] == ["signed", "exercise"]


def test_ingest_refuses_a_missing_path_before_creating_anything(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pact.txt").write_text(PACT, encoding="utf-8")
    db = tmp_path / "kb.db"
    code, out, err = run(capsys, "ingest", str(tmp_path / "pact.txt"), str(tmp_path / "typo"), "--db", str(db))
    assert (code, out, err) == (1, "", f"Error: {tmp_path / 'typo'}: no such file or folder\n")
    assert not db.exists()


@pytest.mark.parametrize(("argv", "usage", "unknown"), [
    (["agreements", "--prty", "AZE"], "usage: pactwatch agreements", "--prty AZE (did you mean --party?)"),
    (["timeline", "--strat", "2020-01-01"], "usage: pactwatch timeline", "--strat 2020-01-01 (did you mean --start?)"),
    (["facts", "a.txt", "--tabel"], "usage: pactwatch facts", "--tabel (did you mean --table?)"),
    (["show", "agr-1", "agr-2"], "usage: pactwatch show", "agr-2"),
])
def test_a_mistyped_option_shows_the_subcommands_usage(argv: list[str], usage: str, unknown: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith(usage)
    assert err.rstrip().endswith(f"pactwatch {argv[0]}: error: unrecognized arguments: {unknown}")


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_facts_reads_text_from_standard_input(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, PACT.encode())
    code, out, err = run(capsys, "facts", "-")
    [line] = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and line["doc_id"] == "stdin"
    assert [(a["parties"], a["signed"]) for a in line["agreements"]] == [(["QAT", "TUR"], "2015-12-02")]
    assert err == "1 articles read, 1 agreements and 0 events found, 0 inputs refused.\n"


def test_facts_reads_html_and_json_lines_from_standard_input(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    page = f"<!doctype html><html><body><article><h1>Doha pact</h1><p>{PACT}</p></article></body></html>"
    feed_stdin(monkeypatch, page.encode())
    code, out, _ = run(capsys, "facts", "-")
    assert code == 0 and json.loads(out)["agreements"][0]["parties"] == ["QAT", "TUR"]
    lines = json.dumps({"id": "j1", "text": PACT}) + "\n{broken\n" + json.dumps({"id": "j2", "text": PACT}) + "\n"
    feed_stdin(monkeypatch, lines.encode())
    code, out, err = run(capsys, "facts", "-")
    assert code == 3 and [json.loads(x)["doc_id"] for x in out.splitlines()] == ["j1", "j2"]
    assert err.startswith("refused: <stdin>:2: broken JSON")


def test_standard_input_keeps_the_file_limit_and_is_read_once(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    feed_stdin(monkeypatch, (PACT * 100).encode())  # 8,400 bytes
    code, out, err = run(capsys, "facts", "-", "--max-file-mb", "0.001")
    assert (code, out) == (3, "")
    assert err.startswith("refused: <stdin>: more than the limit of 1,000 bytes (--max-file-mb)\n")
    feed_stdin(monkeypatch, PACT.encode())
    assert run(capsys, "facts", "-", "-") == (1, "", "Error: standard input ('-') can be read only once\n")


def test_dash_o_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pact.txt").write_text(PACT, encoding="utf-8")
    code, out, _ = run(capsys, "facts", str(tmp_path / "pact.txt"), "-o", "-")
    assert code == 0 and json.loads(out)["doc_id"] == "pact"
    assert not (tmp_path / "-").exists()

    import pactwatch.bench.runner as runner

    figures = {"machine": "test", "targets": {}, "pipeline_articles_per_s": 12.5}
    monkeypatch.setattr(runner, "run_bench", lambda *args, **kwargs: figures)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "bench", "--articles", "10", "-o", "-")
    assert code == 0 and json.loads(out) == figures  # only the JSON: no table around it
    assert not (tmp_path / "-").exists()


def test_an_unwritable_output_is_an_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pact.txt").write_text(PACT, encoding="utf-8")
    code, _, err = run(capsys, "facts", str(tmp_path / "pact.txt"), "-o", str(tmp_path / "no" / "such" / "o.jsonl"))
    assert code == 1 and err.startswith("Error: ") and "No such file or directory" in err
