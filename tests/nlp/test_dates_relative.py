"""Relative dates resolve against the article's date, never against a year the sentence also names."""

from __future__ import annotations

import pytest

from pactwatch.nlp.dates import find_dates

ANCHOR = "2024-03-15"  # a Friday


def values(text: str, anchor: str | None = ANCHOR, previous: str | None = None) -> dict[str, str | None]:
    return {d.text: d.value for d in find_dates(text, anchor, previous=previous)}


@pytest.mark.parametrize(("text", "expr", "expected"), [
    ("The 1999 treaty was replaced last Thursday.", "last Thursday", "2024-03-14"),
    ("Under the 2003 accord, inspectors returned on Tuesday.", "on Tuesday", "2024-03-12"),
    ("A pact first drafted in 1987 was finally signed this Wednesday.", "this Wednesday", "2024-03-13"),
    ("Signed in 2011, the deal lapsed earlier this month.", "earlier this month", "2024-03"),
    ("The 2015 framework will be reviewed later this month.", "later this month", "2024-03"),
    ("Ministers amended the 1994 protocol last month.", "last month", "2024-02"),
    ("The 2008 memorandum expired yesterday.", "yesterday", "2024-03-14"),
    ("The 2001 arrangement is to be renewed early next year.", "next year", "2025"),
    ("Talks on the 1972 convention resumed in 2019 and again on Monday.", "on Monday", "2024-03-11"),
    ("The 1999 pact was amended on Thursday last week.", "on Thursday last week", "2024-03-07"),
    ("On Monday of last week, the 2006 accord was suspended.", "On Monday of last week", "2024-03-04"),
    ("Envoys from the 1991 talks meet on Tuesday next week.", "on Tuesday next week", "2024-03-19"),
])
def test_relative_forms_ignore_old_years_in_the_sentence(text: str, expr: str, expected: str) -> None:
    assert values(text)[expr] == expected


@pytest.mark.parametrize(("text", "expr", "expected"), [
    ("The talks will resume on Thursday.", "on Thursday", "2024-03-21"),
    ("The deal is due to be signed on Saturday in Kyiv.", "on Saturday", "2024-03-16"),
    ("Both navies are scheduled to begin the drill on Monday.", "on Monday", "2024-03-18"),
    ("The 1999 treaty will be replaced on Monday.", "on Monday", "2024-03-18"),
    ("They will sign it this Friday.", "this Friday", "2024-03-15"),
])
def test_a_weekday_a_future_verb_governs_lies_ahead(text: str, expr: str, expected: str) -> None:
    assert values(text)[expr] == expected


@pytest.mark.parametrize(("text", "expr", "expected"), [
    ("He said on Monday that talks will resume.", "on Monday", "2024-03-11"),
    ("Ministers, who met on Tuesday, will sign the deal.", "on Tuesday", "2024-03-12"),
    ("The minister will travel after talks that ended on Tuesday.", "on Tuesday", "2024-03-12"),
])
def test_a_weekday_in_a_past_clause_stays_behind(text: str, expr: str, expected: str) -> None:
    assert values(text)[expr] == expected


@pytest.mark.parametrize("text", [
    "The 2010 deal was extended last week.",
    "Negotiators will meet again next week.",
    "The 1999 accord lapsed the day before.",  # counted from 1999: a day after a year is unknown
    "It was signed last spring.",
    "They plan to hold the drill this summer.",
])
def test_what_cannot_be_known_to_the_day_stays_unresolved(text: str) -> None:
    assert all(value in (None, "1999", "2010") for value in values(text, previous="2010-05-03").values())


@pytest.mark.parametrize(("text", "previous", "expected"), [
    ("The ministers initialled it the day before.", "2023-06-14", "2023-06-13"),
    ("Parliament ratified it the week after.", "2023-06-14", "2023-06-21"),
    ("Two years later, the pact was extended.", "2016", "2018"),
    ("Three months later the deal took effect.", "2020-11", "2021-02"),
    ("The next day the troops arrived.", "2020-11", None),  # a day after a month is unknown
])
def test_steps_count_from_the_previous_date_at_its_precision(text: str, previous: str,
                                                             expected: str | None) -> None:
    found = find_dates(text, ANCHOR, previous=previous)
    assert found and found[-1].value == expected


def test_the_day_before_an_event_is_not_a_step_from_a_date() -> None:
    assert values("They met the day before the vote.", previous="2023-06-14") == {}
