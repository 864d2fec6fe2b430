"""The article's own date from markers, header lines, datelines and metadata."""

from __future__ import annotations

import pytest

from pactwatch.read.dateline import (
    MonthDay,
    complete_with_dateline,
    dateline_line,
    find_dateline,
    header_date,
    infer_dateline_year,
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


@pytest.mark.parametrize("line", [
    "Published April 5, 2022 | 16:40 CET | Updated 18:02 CET",
    "Published: 5 April 2022, 16:40 | Last updated: 6 April 2022",
    "Posted April 5, 2022 · updated 2 hours ago",
])
def test_published_line_with_an_update_note_gives_the_first_date(line: str) -> None:
    assert header_date([line, "Headline"]) == ("2022-04-05", 0)


@pytest.mark.parametrize(("text", "year"), [
    ("Harbour Shield 2019 begins\n\nDARWIN, May 3 (Agency) - The 2019 round of the drills opened.", 2019),
    ("Navies meet off Goa\n\nGOA, Feb 9 - The Varuna 2021 drill, first held in 2001, began.", 2021),
    # a later year anywhere means the story may look back: no guess
    ("Harbour Shield 2019 begins\n\nDARWIN, May 3 - The drill opened.\n\nThe next one is due in 2021.", None),
    # years after a preposition point elsewhere in time; counts are not years
    ("Talks resume\n\nOSLO, May 3 - The deal signed in 2019 runs until 2030.", None),
    ("Troops arrive\n\nOSLO, May 3 - Some 2000 troops arrived.", None),
    # a year inside a date dates an earlier step, not the story
    ("Tanks ordered\n\nOSLO, May 3 - A framework of July 2022 set out the order.", None),
    ("Tanks ordered\n\nOSLO, May 3 - The first deal, signed on 12 March 2021, covered 40.", None),
    # ... but the dateline's own day with its year confirms the year
    ("Leaders meet\n\nPERTH, October 22 - They met on Saturday, October 22, 2022, and signed.", 2022),
    ("Leaders meet\n\nOSLO, May 3 - On 3 May 2021 the two ministers met.", 2021),
    ("Talks resume\n\nOSLO, May 3 - The ministers met.", None),
])
def test_dateline_year_is_inferred_only_from_a_year_the_story_names(text: str, year: int | None) -> None:
    found = dateline_line(text)
    assert found is not None
    assert infer_dateline_year(text, found[1]) == year
