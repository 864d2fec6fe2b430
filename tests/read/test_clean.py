"""Cleaning our own texts: boilerplate out, sentences verbatim, the article's own date found."""

from __future__ import annotations

from pathlib import Path

from pactwatch.read import Article, ReadLimits, iter_inputs

TEXTS = Path(__file__).resolve().parents[1] / "texts" / "read"


def read_one(name: str) -> Article:
    (item,) = list(iter_inputs([TEXTS / name]))
    assert isinstance(item, Article), item
    return item


def test_wire_story_loses_marker_ads_captions_share_lines_and_trailing_block() -> None:
    article = read_one("wire_with_boilerplate.txt")
    assert article.id == "wire_with_boilerplate"
    assert article.published == "2022-09-14"
    assert article.title == "Lithuania and Poland sign border air-defence accord"
    assert article.text == (
        "Lithuania and Poland sign border air-defence accord\n\n"
        "VILNIUS, Sept. 14 (Example Agency) -- Lithuania and Poland on Wednesday signed an accord to link "
        "their air-defence radars, the two defence ministries said.\n\n"
        "The accord lets each army see the other's radar picture in real time and sets up a joint duty "
        "cell in Vilnius.\n\n"
        "The ministers said the accord would be sent to both parliaments for approval later this year."
    )


def test_every_kept_line_is_verbatim_from_the_input() -> None:
    raw = (TEXTS / "wire_with_boilerplate.txt").read_text(encoding="utf-8")
    article = read_one("wire_with_boilerplate.txt")
    for line in article.text.split("\n"):
        assert line in raw


def test_published_line_gives_the_date_and_leaves_the_text() -> None:
    article = read_one("published_line.txt")
    assert article.published == "2024-06-03"
    assert "Published" not in article.text
    assert "Press Releases" not in article.text
    assert article.text.startswith("Norway and Iceland agree on joint coast-guard patrols\n\n")


def test_dated_byline_gives_the_date_and_related_block_is_dropped() -> None:
    article = read_one("byline_date.txt")
    assert article.published == "2023-03-02"
    assert "bureau" not in article.text
    assert "Markets rise" not in article.text


def test_dateline_without_a_year_leaves_published_unknown() -> None:
    article = read_one("dateline_no_year.txt")
    assert article.published is None
    assert article.text.startswith("RIGA, May 12 (Example Agency) — Latvia and Estonia held talks")


def test_html_page_main_text_title_and_meta_date() -> None:
    article = read_one("page.html")
    assert article.published == "2022-05-04"
    assert article.title == "Estonia and Latvia sign mutual assistance pact"
    assert "Most read" not in article.text and "Storm closes ports" not in article.text
    assert ("The defence ministers of Estonia and Latvia signed a mutual assistance pact in Riga on "
            "Tuesday, officials said in a statement released after the ceremony.") in article.text


def test_jsonl_records_with_text_and_with_html() -> None:
    first, second = list(iter_inputs([TEXTS / "articles.jsonl"]))
    assert first == Article(
        id="gh-tg-01",
        text="Ghana and Togo agreed on Monday to patrol their shared border together, "
             "the two interior ministers said.",
        source=f"{TEXTS / 'articles.jsonl'}:1", published="2023-01-02",
        url="https://example.org/gh-tg", title="Ghana and Togo agree joint patrols",
    )
    assert isinstance(second, Article)
    assert second.id == "ee-lv-02" and second.published == "2022-05"
    assert second.text.startswith("Estonia and Latvia signed a mutual assistance pact in Riga")


def test_folder_is_read_recursively_in_sorted_order() -> None:
    ids = [item.id for item in iter_inputs([TEXTS], ReadLimits()) if isinstance(item, Article)]
    assert ids == ["gh-tg-01", "ee-lv-02", "byline_date", "dateline_no_year", "dateline_year_named", "page",
                   "published_line", "wire_with_boilerplate"]


def test_dateline_without_a_year_takes_the_year_the_story_names() -> None:
    article = read_one("dateline_year_named.txt")
    assert article.published == "2022-09-05"
