"""The article's own date from markers, header lines, datelines and metadata."""

from __future__ import annotations

import pytest

from pactwatch.read.dateline import (
    MonthDay,
    complete_with_dateline,
    find_dateline,
    header_date,
    normalise_published,
    parse_written_date,
    split_date_marker,
)


def test_date_marker_is_split_off_the_first_line() -> None:
    assert split_date_marker(" date 2021-04-15 Two states signed a pact.") == (
        "2021-04-15", "Two states signed a pact.")
    assert split_date_marker("Two states signed a pact.") == (None, "Two states signed a pact.")
    assert split_date_marker(" date 2021-02-30 Text")[0] is None


@pytest.mark.parametrize(("value", "iso"), [
    ("Mar 9, 2026", "2026-03-09"),
    ("November 19, 2025", "2025-11-19"),
    ("Wednesday, 24 November 2021 08:01 AM", "2021-11-24"),
    ("Sept. 3, 2019", "2019-09-03"),
    ("2017-06-13 20:40", "2017-06-13"),
    ("February 30, 2020", None),
    ("next Tuesday", None),
])
def test_written_dates(value: str, iso: str | None) -> None:
    assert parse_written_date(value) == iso


def test_header_lines_give_dates_but_prose_does_not() -> None:
    assert header_date(["Headline", "", "Published Mar 9, 2026 10:36 am"]) == ("2026-03-09", 2)
    assert header_date(["Press Releases", "Headline", "September 15, 2023"]) == ("2023-09-15", 2)
    assert header_date(["Headline", "By our Cairo bureau November 19, 2025"]) == ("2025-11-19", None)
    assert header_date(["On February 16, 2007, the ambassadors met in the capital."]) == (None, None)


@pytest.mark.parametrize(("text", "month_day"), [
    ("ANKARA, November 17 (Example) — The parliament voted.", MonthDay(11, 17)),
    ("New Delhi, Apr 28 (Agency) India and France signed.", MonthDay(4, 28)),
    ("BUDAPEST, Feb. 26 (Agency) -- Lawmakers approved.", MonthDay(2, 26)),
    ("PARIS, June 18. /AGENCY/. The ministers met.", MonthDay(6, 18)),
    ("In Paris, June 18 was a holiday for everyone involved.", None),
])
def test_datelines(text: str, month_day: MonthDay | None) -> None:
    assert find_dateline(text) == month_day


def test_dateline_completes_a_year_but_never_invents_one() -> None:
    assert complete_with_dateline("2021", MonthDay(11, 17)) == "2021-11-17"
    assert complete_with_dateline("2021-11", MonthDay(11, 17)) == "2021-11-17"
    assert complete_with_dateline("2021-10", MonthDay(11, 17)) == "2021-10"
    assert complete_with_dateline("2021-04-15", MonthDay(11, 17)) == "2021-04-15"
    assert complete_with_dateline(None, MonthDay(11, 17)) is None


@pytest.mark.parametrize(("value", "iso"), [
    ("2021-04-15T08:00:00Z", "2021-04-15"), ("2021-04", "2021-04"), ("2021", "2021"),
    ("2021-13", None), ("April 15, 2021", "2021-04-15"), ("soon", None), (20210415, None),
])
def test_metadata_dates(value: object, iso: str | None) -> None:
    assert normalise_published(value) == iso
