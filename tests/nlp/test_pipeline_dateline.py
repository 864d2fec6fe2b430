"""The dateline's own date is the article's, never a fact's: it is no date mention, dates no
agreement stage and is no "previous" date for "the same day"; its place still locates events."""

from __future__ import annotations

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.nlp.pipeline import analyse
from pactwatch.read.dateline import read_dateline

HEADLINE = "Poland and Lithuania sign defence treaty\n\n"
DATELINE = "WARSAW, March 2 (Example Agency) — "


def article(text: str, published: str, with_dateline: bool = True) -> Article:
    """An Article as a reader builds it (dateline set), or as a test builds it by hand (none)."""
    dateline = read_dateline(text, published)[1] if with_dateline else None
    return Article(id="t", text=text, source="t", published=published, dateline=dateline)


def dates(item: Article) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for s in analyse(item, parse=False) for d in s.dates]


def test_the_datelines_date_is_no_date_mention_and_no_anchor_for_the_same_day() -> None:
    text = DATELINE + "The same day, Poland and Lithuania signed a defence cooperation treaty."
    assert dates(article(text, "2024-03-04")) == [("The same day", None)]


def test_a_body_date_dates_the_signing_not_the_dateline() -> None:
    text = HEADLINE + DATELINE + ("Poland and Lithuania signed a defence cooperation treaty on 14 February, "
                                  "the foreign ministry said.")
    (agreement,) = extract_article(article(text, "2024-03-02")).agreements
    assert agreement.parties == ["LTU", "POL"]
    assert agreement.signed == "2024-02-14"


def test_the_same_day_after_a_body_date_is_that_date_not_the_datelines() -> None:
    text = HEADLINE + DATELINE + ("Poland and Lithuania signed a defence cooperation treaty on 14 February. "
                                  "The treaty entered into force the same day.")
    (agreement,) = extract_article(article(text, "2024-03-02")).agreements
    assert (agreement.signed, agreement.in_force) == ("2024-02-14", "2024-02-14")


def test_an_undated_signing_takes_no_date_from_the_dateline() -> None:
    text = HEADLINE + DATELINE + "Poland and Lithuania signed a defence cooperation treaty."
    (agreement,) = extract_article(article(text, "2024-03-04")).agreements
    assert agreement.signed is None


def test_an_article_built_without_its_dateline_reads_it_from_the_text() -> None:
    text = HEADLINE + DATELINE + "The same day, Poland and Lithuania signed a defence cooperation treaty on Monday."
    read, by_hand = article(text, "2024-03-04"), article(text, "2024-03-04", with_dateline=False)
    assert by_hand.dateline is None
    assert dates(by_hand) == dates(read) == [("The same day", None), ("on Monday", "2024-03-04")]
    assert extract_article(by_hand) == extract_article(read)


def test_the_datelines_capital_still_locates_a_visit() -> None:
    text = ("VILNIUS, May 22 (Example Agency) — Polish Defence Minister Jan Kowalski visited Lithuania on "
            "Wednesday and was received by Lithuanian President Anna Nowak.")
    for item in (article(text, "2024-05-22"), article(text, "2024-05-22", with_dateline=False)):
        (event,) = extract_article(item).events
        assert (event.type, event.participants, event.date, event.location) == (
            "visit", ["LTU", "POL"], "2024-05-22", "LTU")
