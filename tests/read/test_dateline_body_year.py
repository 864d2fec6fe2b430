"""A dateline without a year gets one only where the body's relative and explicit dates agree."""

from __future__ import annotations

import pytest

from pactwatch.read.dateline import MonthDay, infer_year_from_body, year_of_the_datelines_own_day

MAY_12 = MonthDay(5, 12)


@pytest.mark.parametrize(("body", "year"), [
    ("Finland joined the alliance in April last year. Its accession in April 2023 doubled the border.", 2024),
    ("The first batch arrived in March 2021. A second contract followed in March last year.", 2022),
    ("Talks opened in February this year; by 14 February 2019 both sides had exchanged drafts.", 2019),
    ("The navies drilled together in June last year. The June 2016 drill was the largest yet, "
     "officials said, after the 2011 accord.", 2017),
    ("In September of last year, the parliament approved the deal, which was signed on September 9, 2009.", 2010),
])
def test_agreeing_dates_give_the_year(body: str, year: int) -> None:
    assert infer_year_from_body(body, MAY_12) == year


@pytest.mark.parametrize("body", [
    # no month both relative and explicit
    "The treaty dates from 1999. Ministers met last year and again on Monday.",
    # the pairs disagree: April 2022 + last year -> 2023, but March 2020 + last year -> 2021
    "It was signed in April last year, after talks in April 2022. Drills in March last year followed March 2020.",
    # a later year is named: the story may look back from further on
    "Finland joined in April last year. Its accession in April 2023 was followed by plans for 2026.",
    # "in June this year" lies after a May dateline
    "The contract signed in June this year follows the June 2020 order.",
    # nothing relative at all
    "The 2014 agreement was amended in March 2018 and again in 2020.",
])
def test_anything_less_clear_gives_no_year(body: str) -> None:
    assert infer_year_from_body(body, MAY_12) is None


def _published(raw: str) -> str | None:
    from pactwatch.read import ReadLimits
    from pactwatch.read.clean import article_from_text

    article = article_from_text("t", raw, "test", ReadLimits())
    return getattr(article, "published", None)


def test_a_dateline_article_gets_its_year_from_agreeing_body_dates() -> None:
    raw = ("Poland signs second tank contract\n\nWARSAW, May 12 (Reuters) - Poland signed a second contract for "
           "tanks on Monday. The first contract was signed in July last year, after a framework agreement of "
           "July 2022 set out the purchase.\n")
    assert _published(raw) == "2023-05-12"


def test_a_dateline_article_without_agreeing_dates_stays_undated() -> None:
    raw = ("Poland signs second tank contract\n\nWARSAW, May 12 (Reuters) - Poland signed a second contract for "
           "tanks on Monday. The first was signed last year, under a framework set out in 2022.\n")
    assert _published(raw) is None


@pytest.mark.parametrize(("body", "year"), [
    ("The ministers signed the convention on Thursday, May 12, 2022, in Rome. It enters service in 2035.", 2022),
    ("On 12 May 2016 the navies set sail.", 2016),
    ("The vote on May 12, 2019, was close; the May 12, 2019 ballot is final.", 2019),
    ("The accord of May 11, 2019 was signed a day before the vote.", None),  # another day
    ("The May 12, 2019 and May 12, 2020 votes differ.", None),  # two years: no guess
])
def test_a_body_date_repeating_the_datelines_day_gives_its_year(body: str, year: int | None) -> None:
    assert year_of_the_datelines_own_day(body, MAY_12) == year
