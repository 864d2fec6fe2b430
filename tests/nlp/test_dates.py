"""Dates: absolute, partial and relative expressions resolved against the article's date."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.nlp.dates import find_dates, resolve_date

ANCHOR = "2024-02-27"  # a Tuesday


@pytest.mark.parametrize(("expr", "expected"), [
    ("on 21 December 2010", "2010-12-21"),
    ("October 31, 2017", "2017-10-31"),
    ("Oct. 31, 2017", "2017-10-31"),
    ("in February 2018", "2018-02"),
    ("in 2019", "2019"),
    ("by the end of 2019", "2019"),
    ("Jan. 23", "2024-01-23"),
    ("Dec. 5", "2023-12-05"),
    ("on Monday", "2024-02-26"),
    ("on Tuesday", "2024-02-27"),
    ("last Friday", "2024-02-23"),
    ("Saturday", "2024-02-24"),
    ("yesterday", "2024-02-26"),
    ("today", "2024-02-27"),
    ("March last year", "2023-03"),
    ("September this year", "2024-09"),
    ("last year", "2023"),
    ("on the 11th", "2024-02-11"),
    ("on the 28th", "2024-01-28"),
])
def test_resolves_against_the_article_date(expr: str, expected: str) -> None:
    assert resolve_date(expr, ANCHOR) == expected


def test_relative_to_the_previous_date_in_the_text() -> None:
    assert resolve_date("the next day", ANCHOR, previous="2021-04-05") == "2021-04-06"
    assert resolve_date("three weeks earlier", ANCHOR, previous="2021-04-05") == "2021-03-15"
    assert resolve_date("two years ago", ANCHOR) == "2022"


def test_relative_dates_stay_unresolved_without_an_anchor() -> None:
    assert resolve_date("on Monday", None) is None
    assert resolve_date("Jan. 23", None) is None
    assert resolve_date("March last year", None) is None
    assert resolve_date("21 December 2010", None) == "2010-12-21"


def test_numbers_that_are_not_dates() -> None:
    text = "the 31 NATO members, a 20-year term, F-35 jets, Article 5 and $6.5 billion"
    assert [d.value for d in find_dates(text, ANCHOR)] == []


def test_previous_date_flows_through_a_sentence() -> None:
    found = find_dates("It was approved on April 5, 2021 and published the next day.", ANCHOR)
    assert [d.value for d in found] == ["2021-04-05", "2021-04-06"]


@given(st.text(max_size=120), st.sampled_from([None, "2021", "2021-04", "2021-04-15"]))
def test_any_text_gives_iso_prefixes_or_none(text: str, anchor: str | None) -> None:
    for d in find_dates(text, anchor):
        assert text[d.start:d.end] == d.text
        assert d.value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d.value)
