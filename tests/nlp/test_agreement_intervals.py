"""A ratification dated across an interval: "entered into force on March 3, thirty days after the
parliament of Georgia completed its ratification" dates Georgia's ratification 30 days before
March 3, not March 3. Texts are ours."""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.nlp.agreement_fields import shifted
from pactwatch.nlp.numbers import find_durations

HEADLINE = "Regional security in the news\n\n"


def ratified(text: str, published: str = "2025-03-10") -> dict:
    article = Article(id="t", text=HEADLINE + text, source="test", published=published)
    found = extract_article(article).to_json()["agreements"]
    assert len(found) == 1, found
    return found[0]["ratified"]


def test_a_ratification_an_interval_before_the_dated_stage_is_counted_back() -> None:
    text = ("The defence cooperation agreement between Georgia and Armenia entered into force on March 3, 2025, "
            "thirty days after the parliament of Georgia completed its ratification.")
    assert ratified(text)["GEO"] == "2025-02-01"


def test_a_ratification_without_an_interval_keeps_the_date_found() -> None:
    text = ("The parliament of Georgia ratified the defence cooperation agreement with Armenia on March 3, 2025, "
            "in a vote of 90 to 12.")
    assert ratified(text)["GEO"] == "2025-03-03"


def test_an_interval_finer_than_the_date_gives_no_date() -> None:
    text = ("The defence cooperation agreement between Georgia and Armenia entered into force in March 2025, "
            "ten days after the parliament of Georgia completed its ratification.")
    assert ratified(text)["GEO"] is None


@pytest.mark.parametrize(("value", "interval", "sign", "expected"), [
    ("2025-03-03", "thirty days", -1, "2025-02-01"), ("2025-03-03", "two weeks", 1, "2025-03-17"),
    ("2025-03-31", "one month", -1, "2025-02-28"), ("2025-03", "two months", -1, "2025-01"),
    ("2025", "two years", 1, "2027"), ("2025", "six months", -1, None), ("2025-03", "ten days", -1, None),
    ("2025-03-03", "a year and a half", -1, "2023-09-03"), (None, "ten days", 1, None),
])
def test_a_date_moves_at_its_own_precision(value: str | None, interval: str, sign: int, expected: str | None) -> None:
    assert shifted(value, find_durations(interval)[0], sign) == expected
