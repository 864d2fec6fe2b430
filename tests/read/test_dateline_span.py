"""The dateline as the readers hand it on: where it lies in the cleaned text, its place, the place's
state and its date, read once (``read_dateline``) for every input format."""

from __future__ import annotations

import json
import pickle
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pactwatch.article import Dateline
from pactwatch.read import Article, iter_inputs
from pactwatch.read.dateline import dateline_of, read_dateline

TEXTS = Path(__file__).resolve().parents[1] / "texts" / "read"
STORY = "Estonia and Latvia held talks on Friday on a shared reserve of artillery shells."


@pytest.mark.parametrize(("opening", "own_date", "written", "place", "state", "date"), [
    # a year-only own date takes the dateline's day
    ("TALLINN, March 2 (Example Agency) —", "2024", "TALLINN, March 2 (Example Agency) —", "TALLINN", "EST",
     "2024-03-02"),
    # a full own date (metadata) stays the article's; the dateline keeps its own day
    ("ANKARA, November 17 (Example) -- ", "2023-11-18", "ANKARA, November 17 (Example) --", "ANKARA", "TUR",
     "2023-11-17"),
    ("OSLO, Dec. 31 (Example) -", "2025-01-01", "OSLO, Dec. 31 (Example) -", "OSLO", "NOR", "2024-12-31"),
    ("SEOUL, South Korea (AP) —", "2024-05-02", "SEOUL, South Korea (AP) —", "SEOUL", "KOR", None),
    ("RIGA -", "2024-05-02", "RIGA -", "RIGA", "LVA", None),
    ("Baku, Azerbaijan, June 13 –", "2024-06-13", "Baku, Azerbaijan, June 13 –", "Baku", "AZE", "2024-06-13"),
    # no year anywhere: the day is known, its date is not
    ("PARIS, June 18. /AGENCY/.", None, "PARIS, June 18. /AGENCY/", "PARIS", "FRA", None),
])
def test_dateline_styles_give_span_place_state_and_date(opening: str, own_date: str | None, written: str,
                                                        place: str, state: str, date: str | None) -> None:
    text = f"Talks on shells\n\n{opening} {STORY}"
    published, dateline = read_dateline(text, own_date)
    assert dateline is not None
    assert text[dateline.start:dateline.end] == written
    assert (dateline.place, dateline.state, dateline.date) == (place, state, date)
    assert published == (own_date if own_date is None or len(own_date) == 10 else date)


def test_a_dateline_with_its_year_dates_itself_and_an_undated_article() -> None:
    text = f"WASHINGTON, March 2, 2021 (Example Agency) - {STORY}"
    published, dateline = read_dateline(text, None)
    assert dateline == Dateline(0, 44, "WASHINGTON", "USA", "2021-03-02")
    assert published == "2021-03-02"


@pytest.mark.parametrize("text", [
    STORY,
    "Poland, U.S. sign defence deal\n\nThe two states signed it on Monday.",
    "Talks in Paris\n\nThe ministers met on June 18 in Paris.",
])
def test_no_dateline_is_none(text: str) -> None:
    assert read_dateline(text, "2024-05-02") == ("2024-05-02", None)


@pytest.mark.parametrize(("text", "place"), [
    ("Kyiv, February 24, 2022 was the day the war began.", "Kyiv"),
    ("In Paris, June 18 was a holiday for everyone involved.", "In Paris"),
])
def test_an_opening_without_agency_or_dash_keeps_its_date_out_of_the_span(text: str, place: str) -> None:
    # the place may still be read as the dateline's (the events did so before), the date is the story's
    published, dateline = read_dateline(text, None)
    assert dateline is not None and text[dateline.start:dateline.end] == place
    assert dateline.date is None and published is None


def test_text_reader_sets_the_dateline_of_the_cleaned_text() -> None:
    (article,) = list(iter_inputs([TEXTS / "dateline_no_year.txt"]))
    assert isinstance(article, Article) and article.dateline is not None
    assert article.text[article.dateline.start:article.dateline.end] == "RIGA, May 12 (Example Agency) —"
    assert (article.dateline.place, article.dateline.state, article.dateline.date) == ("RIGA", "LVA", None)


def test_json_lines_reader_sets_the_dateline_in_the_published_year(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    records = [{"id": "a", "text": f"Shell talks\n\nVILNIUS, May 12 (Example Agency) — {STORY}", "published": "2023"},
               {"id": "b", "text": STORY, "published": "2023-05-12"}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = list(iter_inputs([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.published == "2023-05-12"
    assert first.dateline == Dateline(13, 47, "VILNIUS", "LTU", "2023-05-12")
    assert second.dateline is None


def test_web_archive_reader_sets_the_dateline(tmp_path: Path) -> None:
    page = ("<html><head><meta property='article:published_time' content='2023-07-11'><title>Drill</title></head>"
            "<body><article><h1>Sweden and Finland hold naval drill</h1><p>STOCKHOLM, July 11 (Example Agency) — "
            "The navies of Sweden and Finland began a week-long exercise in the northern Baltic on Monday, "
            "the Swedish armed forces said.</p><p>About twenty ships take part in the drill.</p>"
            "</article></body></html>")
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/drill", "response",
                                                  payload=BytesIO(page.encode()), http_headers=headers))
    path = tmp_path / "news.warc"
    path.write_bytes(buffer.getvalue())
    (article,) = list(iter_inputs([path]))
    assert isinstance(article, Article) and article.dateline is not None
    assert article.text[article.dateline.start:article.dateline.end] == "STOCKHOLM, July 11 (Example Agency) —"
    assert (article.dateline.state, article.dateline.date) == ("SWE", "2023-07-11")


def test_an_article_built_by_hand_reads_the_same_dateline_as_the_reader() -> None:
    (read,) = list(iter_inputs([TEXTS / "dateline_year_named.txt"]))
    assert isinstance(read, Article) and read.dateline is not None
    by_hand = Article(id=read.id, text=read.text, source=read.source, published=read.published)
    assert dateline_of(by_hand) == read.dateline
    assert read_dateline(read.text, read.published) == (read.published, read.dateline)


def test_an_article_with_its_dateline_pickles_and_hashes() -> None:
    (article,) = list(iter_inputs([TEXTS / "dateline_no_year.txt"]))
    copy = pickle.loads(pickle.dumps(article))
    assert copy == article and hash(copy) == hash(article)


def test_a_yearless_dateline_takes_the_year_of_the_event_named_in_the_title() -> None:
    from pactwatch.read.dateline import infer_dateline_year

    text = "Leaders watch Vostok-2018 war games\n\nTSUGOL, Sept. 13 (Wire) - The drills began on Tuesday."
    assert infer_dateline_year(text, "TSUGOL, Sept. 13 (Wire) - The drills began on Tuesday.") == 2018
    assert infer_dateline_year(text + " They follow the 2022 games.", "TSUGOL, Sept. 13 (Wire) -") is None


def test_a_date_line_with_a_time_and_section_labels_dates_the_article() -> None:
    from pactwatch.read.dateline import header_date

    assert header_date(["Aug 22, 2023 | 09:15 CET | Defence & Security"]) == ("2023-08-22", 0)
    assert header_date(["Published March 5, 2024 | Commodities | Mining"]) == ("2024-03-05", 0)
    assert header_date(["March 5, 2024 | The minister said the talks had failed."]) == (None, None)
    assert header_date(["Source: Wire | 2023-07-11 20:14:32 | Editor: desk"]) == ("2023-07-11", 0)
    assert header_date(["Posted On: 13 MAY 2024 3:45PM by PIB Delhi"]) == ("2024-05-13", 0)


def test_a_yearless_dateline_takes_the_year_in_which_its_day_falls_on_the_weekday_told() -> None:
    from pactwatch.read.dateline import MonthDay, year_of_the_weekday

    line = "SEOUL, Nov 22 (Wire) — South Korea on Friday put on hold its decision to quit the pact."
    text = line + " The pact was signed in 2016 and extended in 2019."
    assert year_of_the_weekday(text, line, MonthDay(11, 22)) == 2019  # 22 November 2019 was a Friday
    assert year_of_the_weekday(line + " It runs until 2026.", line, MonthDay(11, 22)) is None  # a limit only
    assert year_of_the_weekday(text, "SEOUL, Nov 22 (Wire) — No weekday here.", MonthDay(11, 22)) is None
