"""The phrasing data files: every shipped one loads, and a bad entry stops loading with file:line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from pactwatch.data_files import LAYOUTS, DataFileError, Sections, section_rows, table_rows

SHIPPED = sorted(f.name for f in resources.files("pactwatch.data").iterdir()
                 if f.is_file() and f.name.endswith((".tsv", ".txt")))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_data_file_has_a_layout_and_loads(name: str) -> None:
    assert name in LAYOUTS, f"add a layout for data/{name} to LAYOUTS in pactwatch/data_files.py"
    rows = section_rows(name) if isinstance(LAYOUTS[name], Sections) else table_rows(name)
    assert rows


def test_comments_and_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    rows = table_rows("agreement_terms.tsv", text="# kind\tvalue\tpattern\n\n  # indented\nhead\tgeneric\tpacts?\n")
    assert [(r.line, r.fields, r.pattern.pattern) for r in rows] == [(4, ("head", "generic", "pacts?"), "(?:pacts?)")]


def test_a_regular_expression_that_does_not_compile_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "agreement_terms.tsv"
    path.write_text("# header\nhead\tgeneric\tpacts?\nstatus\tsigned\t(signed|inked\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        table_rows("agreement_terms.tsv", path=path)
    assert str(caught.value).startswith(f"{path}:3: regular expression does not compile: missing ), unterminated")
    assert caught.value.line == 3


def test_a_row_with_the_wrong_number_of_columns_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "provisions.tsv"
    path.write_text("basing\tbases?\ntraining training\n", encoding="utf-8")  # a space where a tab belongs
    with pytest.raises(DataFileError, match=r"provisions\.tsv:2: 1 tab-separated column\(s\), expected 2"):
        table_rows("provisions.tsv", path=path)


def test_an_unknown_kind_names_file_line_and_the_known_kinds() -> None:
    with pytest.raises(DataFileError, match=r"^cues\.tsv:2: unknown kind 'vist' \(known: agreement, arms, "):
        table_rows("cues.tsv", text="visit\tvisit\nvist\ttoured\n")


def test_a_kind_given_twice_where_one_row_is_its_whole_list() -> None:
    with pytest.raises(DataFileError, match=r"^events\.tsv:3: kind 'meet_verb' already given on line 1$"):
        table_rows("events.tsv", text="meet_verb\tmeet\n# more\nmeet_verb\thost\n")


def test_an_actor_row_with_an_unknown_how_is_named() -> None:
    with pytest.raises(DataFileError, match=r"^actors\.tsv:1: unknown how 'stop' for an alias row"):
        table_rows("actors.tsv", text="USA\tstop\tUncle Sam\n")


def test_an_empty_regular_expression_is_refused() -> None:
    with pytest.raises(DataFileError, match=r"^provisions\.tsv:1: empty regular expression"):
        table_rows("provisions.tsv", text="basing\t  \n")


def test_only_the_rx_rows_of_the_event_lexicon_are_patterns() -> None:
    rows = table_rows("events.tsv", text="meet_verb\tmeet|host\nsign_rx\t\\bsign(?:ed|s)?\\b\n")
    assert rows[0].compiled is None and rows[1].pattern.pattern == r"\bsign(?:ed|s)?\b"


def test_boilerplate_sections_are_checked() -> None:
    text = "[drop-line]\nadvertisement\n[drop-lines]\nmenu\n"
    with pytest.raises(DataFileError, match=r"^boilerplate\.txt:3: unknown section \[drop-lines\]"):
        section_rows("boilerplate.txt", text=text)
    with pytest.raises(DataFileError, match=r"^boilerplate\.txt: missing or empty section\(s\): drop-line-prefix"):
        section_rows("boilerplate.txt", text="[drop-line]\nadvertisement\n")
    with pytest.raises(DataFileError, match=r"^boilerplate\.txt:1: an entry before the first \[section\] header"):
        section_rows("boilerplate.txt", text="advertisement\n")
