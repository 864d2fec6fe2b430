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
    ("31 October 2017", "2017-10-31"),
    ("Oct. 31, 2017", "2017-10-31"),
    ("the 23rd of January 2020", "2020-01-23"),
    ("March 3-4, 2021", "2021-03-03"),
    ("in February 2018", "2018-02"),
    ("February 2018", "2018-02"),
    ("in 2019", "2019"),
    ("since 2018", "2018"),
    ("by the end of 2019", "2019"),
    ("in late 2020", "2020"),
    ("mid-2021", "2021"),
    ("Jan. 23", "2024-01-23"),
    ("on the 23rd of January", "2024-01-23"),
    ("Dec. 5", "2023-12-05"),
    ("in March", "2023-03"),
    ("In February, talks resumed", "2024-02"),
    ("last May", "2023-05"),
    ("next May", "2024-05"),
    ("on Monday", "2024-02-26"),
    ("on Tuesday", "2024-02-27"),
    ("last Tuesday", "2024-02-20"),
    ("last Friday", "2024-02-23"),
    ("Saturday", "2024-02-24"),
    ("yesterday", "2024-02-26"),
    ("today", "2024-02-27"),
    ("tomorrow", "2024-02-28"),
    ("March last year", "2023-03"),
    ("September this year", "2024-09"),
    ("last year", "2023"),
    ("next year", "2025"),
    ("this month", "2024-02"),
    ("last month", "2024-01"),
    ("earlier this month", "2024-02"),
    ("on the 11th", "2024-02-11"),
    ("on the 28th", "2024-01-28"),
    ("two years ago", "2022"),
])
def test_resolves_against_the_article_date(expr: str, expected: str) -> None:
    assert resolve_date(expr, ANCHOR) == expected


@pytest.mark.parametrize(("expr", "expected"), [
    ("the next day", "2021-04-06"),
    ("a day later", "2021-04-06"),
    ("the previous day", "2021-04-04"),
    ("three weeks earlier", "2021-03-15"),
    ("two days later", "2021-04-07"),
    ("the same day", "2021-04-05"),
    ("later that month", "2021-04"),
    ("a year earlier", "2020"),
])
def test_relative_to_the_previous_date_in_the_text(expr: str, expected: str) -> None:
    assert resolve_date(expr, ANCHOR, previous="2021-04-05") == expected


def test_relative_dates_stay_unresolved_without_an_anchor() -> None:
    for expr in ("on Monday", "Jan. 23", "March last year", "yesterday", "on the 11th", "last year", "the next day"):
        found = find_dates(expr, None)
        assert [d.value for d in found] == [None], expr
    assert resolve_date("21 December 2010", None) == "2010-12-21"
    assert resolve_date("Saturday", "2021-04") is None


def test_partial_and_timestamped_anchors() -> None:
    assert resolve_date("in June", "2021") == "2021-06"
    assert resolve_date("Saturday", "2021-04-15T10:00:00Z") == "2021-04-10"


@pytest.mark.parametrize("text", [
    "the 31 NATO member countries", "a 20-year term", "F-35 jets", "Article 5", "$6.5 billion",
    "the 1990s", "2,000 troops", "In 2000 troops were sent", "the 11th round of talks", "the 20th century",
    "this week", "may be signed",
])
def test_numbers_that_are_not_dates(text: str) -> None:
    assert [d.value for d in find_dates(text, ANCHOR)] == []


def test_previous_date_flows_through_a_sentence_in_text_order() -> None:
    found = find_dates("It was approved on April 5, 2021 and published the next day.", ANCHOR)
    assert [(d.text, d.value) for d in found] == [("April 5, 2021", "2021-04-05"), ("the next day", "2021-04-06")]
    before = find_dates("The next day came after April 5, 2021.", ANCHOR)
    assert [d.value for d in before] == [None, "2021-04-05"]


def test_offsets_are_article_offsets() -> None:
    (mention,) = find_dates("Signed on 21 December 2010.", ANCHOR, offset=50)
    assert (mention.start, mention.end, mention.text) == (60, 76, "21 December 2010")


@given(st.text(max_size=120), st.sampled_from([None, "2021", "2021-04", "2021-04-15", "2024-02-29"]),
       st.sampled_from([None, "2021-03-31", "2020"]))
def test_any_text_gives_iso_prefixes_or_none(text: str, anchor: str | None, previous: str | None) -> None:
    for d in find_dates(text, anchor, offset=3, previous=previous):
        assert text[d.start - 3:d.end - 3] == d.text
        assert d.value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d.value)


WORDS = ["on", "the", "11th", "Monday", "last", "next", "year", "March", "2019", "31", "Jan.", "23,",
         "three", "weeks", "earlier", "a", "day", "later", "mid-", "end", "of", "this", "month", "ago", "29"]


@given(st.lists(st.sampled_from(WORDS), max_size=10), st.sampled_from([None, "2024-02-29", "2023-12-31"]))
def test_date_words_in_any_order_resolve_to_valid_iso(words: list[str], anchor: str | None) -> None:
    text = " ".join(words)
    value = resolve_date(text, anchor)
    assert value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value)
    for d in find_dates(text, anchor):
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The pact was signed on the ninth of July last year.", "2023-07-09"),
    ("Talks opened on the 1st of February.", "2024-02-01"),
    ("Talks opened on the 1st of March.", "2023-03-01"),
    ("The crews arrived on July the ninth.", "2023-07-09"),
    ("It was ratified on the twenty-first of May 2019.", "2019-05-21"),
    ("It was ratified on the thirty first of January.", "2024-01-31"),
    ("A similar deal took effect on May 31 last year.", "2023-05-31"),
    ("The drills ended on 3 March this year.", "2024-03-03"),
])
def test_day_ordinals_in_words_and_days_with_a_relative_year(sentence: str, expected: str) -> None:
    assert [d.value for d in find_dates(sentence, ANCHOR)] == [expected]


@pytest.mark.parametrize(("sentence", "values"), [
    ("India signed the first pact in 2016, and the second one two years later.", ["2016", "2018"]),
    ("The base opened in August 2014 and closed three months later.", ["2014-08", "2014-11"]),
    ("The accord was signed in 2010; a year after that, both parliaments ratified it.", ["2010", "2011"]),
    ("It was signed in 2019 and ratified later that year.", ["2019", "2019"]),
    # a day cannot be counted from a month, and "after" an event is not after the date before it
    ("The talks began in June 2020, and the next day they stalled.", ["2020-06", None]),
    ("In 2016, two years after the war began, they met.", ["2016"]),
])
def test_later_and_earlier_count_from_the_date_just_before_at_its_precision(
        sentence: str, values: list[str | None]) -> None:
    assert [d.value for d in find_dates(sentence, ANCHOR)] == values


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The agreement came into effect on Sunday, the ministry said.", "2024-02-25"),
    ("The treaty took effect on Wednesday after both sides exchanged notes.", "2024-02-21"),
    ("The accord entered into force on Tuesday.", "2024-02-27"),
])
def test_weekday_in_an_entry_into_force_clause(sentence: str, expected: str) -> None:
    assert [d.value for d in find_dates(sentence, ANCHOR)] == [expected]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The crews will train together from March 11.", "2024-03-11"),
    ("Talks are due to resume in April.", "2024-04"),
    ("The crews trained together from March 11.", "2023-03-11"),  # past tense: last year's
    ("The review will take place in December.", "2023-12"),  # too far ahead to be this year's
])
def test_a_date_just_ahead_in_a_sentence_about_the_future_is_this_years(sentence: str, expected: str) -> None:
    assert [d.value for d in find_dates(sentence, ANCHOR)] == [expected]
