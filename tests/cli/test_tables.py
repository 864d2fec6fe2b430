"""The CLI reads well (issue 11): tables fit the width ($COLUMNS, the terminal, else 100 columns) with
every header whole, ``--wide`` shows every column, "unknown" in-force answers carry their reason,
``show`` lists each evidence sentence once, and a blank title reads "untitled"."""

from __future__ import annotations

import json
import re

import pytest

from pactwatch.cli._tables import Col, column_widths, output_width, plain, table_width
from pactwatch.cli.main import main

AGREEMENT_HEADERS = ["id", "title", "parties", "domain", "status", "signed", "sources"]
WIDE_HEADERS = ["id", "title", "parties", "domain", "status", "signed", "ratified", "in force", "sources"]
AS_OF_HEADERS = ["id", "title", "parties", "status", "signed", "in force?", "notice by"]
TIMELINE_HEADERS = ["date", "kind", "what", "parties", "article"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def header_cells(table: str) -> list[str]:
    """The header row's cells: the first line drawn with heavy verticals, split on them."""
    line = next(line for line in table.splitlines() if line.startswith("┃"))
    return [part.strip() for part in line.strip("┃").split("┃")]


def assert_fits(text: str, width: int) -> None:
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert not too_long, f"{len(too_long)} lines longer than {width}: {too_long[0]!r}"


@pytest.fixture
def columns_100(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


@pytest.mark.parametrize(("argv", "headers"), [
    (["agreements"], AGREEMENT_HEADERS),
    (["agreements", "--as-of", "2023-01-01"], AS_OF_HEADERS),
    (["timeline"], TIMELINE_HEADERS),
])
def test_default_tables_fit_100_columns_with_whole_headers(argv: list[str], headers: list[str], small_kb: str,
                                                           columns_100: None,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *argv, "--db", small_kb)
    assert code == 0
    assert_fits(out, 100)
    assert header_cells(out) == headers


def test_a_long_title_wraps_between_words_and_loses_none(small_kb: str, long_title: str, columns_100: None,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "agreements", "--db", small_kb)[1]
    titles = [line.split("│")[2].strip() for line in out.splitlines() if line.startswith("│")]
    assert " ".join(t for t in titles if t) == f"untitled Shusha Pact {long_title}"
    assert "defense_ " in out and "industry" in out  # the domain code folds at its underscore


def test_piped_output_is_laid_out_at_100_columns(small_kb: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Not a terminal and no $COLUMNS (a pipe, a file, cron): 100 columns, not rich's 80 or the
    200 it was given before."""
    monkeypatch.delenv("COLUMNS", raising=False)
    out = run(capsys, "agreements", "--db", small_kb)[1]
    assert max(len(line) for line in out.splitlines()) == 100
    monkeypatch.setenv("COLUMNS", "120")
    assert output_width() == 120


def test_wide_shows_every_column(small_kb: str, columns_100: None, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "agreements", "--db", small_kb, "--wide")[1]
    assert header_cells(out) == WIDE_HEADERS
    assert "2022-09-01" in out  # the in-force date, a --wide column
    out = run(capsys, "agreements", "--db", small_kb, "--as-of", "2023-01-01", "--wide")[1]
    assert header_cells(out) == ["id", "title", "parties", "domain", "status", "signed", "ratified", "entered",
                                 "sources", "in force?", "term ends", "next renewal", "notice by"]
    out = run(capsys, "timeline", "--db", small_kb, "--wide")[1]
    assert header_cells(out) == ["date", "kind", "what", "parties", "record", "article"]
    assert_fits(out, 100)


def test_unknown_in_force_answers_show_their_reason(small_kb: str, columns_100: None,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "agreements", "--db", small_kb, "--as-of", "2023-01-01")[1]
    answers = {line.split("│")[2].strip(): line.split("│")[6].strip() for line in out.splitlines()
               if line.startswith("│ agr-")}
    assert answers == {"untitled": "unknown [1]", "Shusha Pact": "unknown [2]", "Comprehensive": "yes"}
    assert out.splitlines()[-2:] == [
        "[1] in force unknown: no entry-into-force date known (signed 2020-03-01; status signed)",
        "[2] in force unknown: no entry-into-force date known (signed 2021-06-15; status signed)"]
    rows = json.loads(run(capsys, "agreements", "--db", small_kb, "--as-of", "2023-01-01", "--json")[1])
    assert [r["in_force_reason"] for r in rows if r["in_force_as_of"] is None] == [
        "no entry-into-force date known (signed 2020-03-01; status signed)",
        "no entry-into-force date known (signed 2021-06-15; status signed)"]


def test_show_lists_each_evidence_sentence_once(small_kb: str, columns_100: None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The Shusha sentence gives the title, date, parties and status, and appears in an article and
    its copy: one entry naming both places and all four fields, cited by number from each value."""
    rows = json.loads(run(capsys, "agreements", "--db", small_kb, "--json")[1])
    shusha = next(r["id"] for r in rows if r["title"] == "Shusha Pact")
    code, out, _ = run(capsys, "show", shusha, "--db", small_kb)
    assert code == 0
    assert_fits(out, 100)
    sentence = "AZE and TUR signed the Shusha Pact on 2021-06-15."
    assert out.count(sentence) == 1
    evidence = out[out.index("\nevidence"):].splitlines()
    assert evidence[2:5] == [f'[1] "{sentence}"', "      in: shusha @0, shusha-copy @0",
                             "      supports: parties, signed, status, title"]
    for field in ("parties", "signed", "status", "title"):
        assert re.search(rf"^{field}: .*\n  - .*; evidence 1\]$", out, re.MULTILINE), field


def test_blank_titles_read_untitled(small_kb: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(run(capsys, "agreements", "--db", small_kb, "--json")[1])
    nameless = next(r for r in rows if r["title"] is None)  # JSON keeps the absence
    out = run(capsys, "show", nameless["id"], "--db", small_kb)[1]
    assert out.splitlines()[0] == f"{nameless['id']}  untitled  (AZE–PAK–TUR)"
    assert "│ untitled " in run(capsys, "agreements", "--db", small_kb)[1]


def test_facts_table_fits_on_standard_error(tmp_path, columns_100: None, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "pact.txt"
    path.write_text("Turkey and Qatar signed a defence cooperation agreement in Doha on 2 December 2015.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "facts", str(path), "--table")
    assert code == 0 and json.loads(out)["doc_id"] == "pact"
    assert_fits(err, 100)
    assert header_cells(err) == ["article", "parties", "domain", "status", "signed", "ratified", "title"]
    assert "Events found: none." in err


def test_a_header_is_never_narrower_than_itself() -> None:
    """However narrow the width, each column keeps at least its header's width (the table runs past
    the edge rather than break "sources" into "sou/rce/s"), and one-line columns keep their values."""
    columns = [Col("identifier", str), Col("a long header", str, wrap=True), Col("sources", str, wrap=True)]
    cells = [["agr-0123456789ab", "word " * 40, "1"]]
    for width in (20, 60, 100):
        widths = column_widths(columns, cells, width)
        assert widths[0] == len("agr-0123456789ab") and widths[1] >= len("a long header") and widths[2] >= 7
        assert table_width(widths) <= max(width, table_width([16, 13, 7]))


def test_article_text_cannot_drive_the_terminal() -> None:
    assert plain("Pact\x1b[2J\x1b]0;owned\x07 signed\u202e\u2066 today\r\n") == "Pact [2J ]0;owned  signed today  "
