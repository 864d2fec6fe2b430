"""Agreement titles as a careful reader writes them: the whole name, no headline verbs or
capitals, no words that describe rather than name, None rather than a bare noun. Texts are ours."""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.nlp.titles import TitleCasing, has_headline_capitals, is_headline_case, strip_strays


def titles(text: str) -> list[tuple[str | None, list[str]]]:
    found = extract_article(Article(id="t", text=text, source="test", published="2025-01-01")).to_json()
    return [(a["title"], a["parties"]) for a in found["agreements"]]


@pytest.mark.parametrize("text, title", [
    # a headline parsed as a name cut at its conjunction: the whole name, its function words in lower case
    ("Convention On Maritime Security And Joint Patrols\n\nChile and Peru signed the convention in Lima on "
     "Monday. The convention commits the two navies to joint patrols.",
     "Convention on Maritime Security and Joint Patrols"),
    # the headline's subject and verb, and where it was signed, are not the name; the body's casing is
    ("Chile and Peru Sign Defence Memorandum in Lima\n\nChile and Peru signed a defence memorandum on Monday, "
     "opening the way for joint exercises.", "defence memorandum"),
    ("Peru and Chile Sign Fisheries Pact\n\nPeru and Chile signed a fisheries pact on Monday.", "fisheries pact"),
    # a shouted headline: as the body writes the name, else the name in title case
    ("CHILE AND PERU SIGN ARICA TREATY\n\nThe presidents of Chile and Peru signed the Arica treaty in Lima on "
     "Monday, committing each to defend the other.", "Arica treaty"),
    ("CHILE AND PERU SIGN ARICA TREATY\n\nThe presidents of Chile and Peru signed it in Lima on Monday, "
     "committing each to defend the other.", "Arica Treaty"),
    # words before a title that count, price or praise it; a year before a name
    ("Chile and Peru signed a 15-article defence cooperation agreement on Monday.", "defence cooperation agreement"),
    ("Chile and Peru signed a landmark $2 billion arms deal on Monday.", "arms deal"),
    ("Chile and Peru are bound by their 1929 Treaty of Lima, which settled the border.", "Treaty of Lima"),
    # a name the parser cut at "of", and one it left whole
    ("Chile and Peru concluded a General Security of Military Information Agreement in 2002.",
     "General Security of Military Information Agreement"),
    ("Chile and Peru signed the Agreement for Cooperation Related to Naval Logistics on Monday.",
     "Agreement for Cooperation Related to Naval Logistics"),
    # a relative clause after the name is not part of it
    ("Chile and Peru signed a memorandum of understanding on fisheries, which sets up a joint commission.",
     "memorandum of understanding on fisheries"),
    # "New" of New Zealand is part of a name, "the" inside a title is the article's
    ("A free trade agreement between Chile and New Zealand entered into force on Monday.",
     "free trade agreement between Chile and New Zealand"),
    # the words as the article spaces them: a dash between two names, a sum of money
    ("Chile–Peru fisheries pact takes effect\n\nThe Chile–Peru fisheries pact took effect on Monday, the two "
     "governments said.", "Chile–Peru fisheries pact"),
    ("Chile and Peru reached an agreement on the delivery of $200 million worth of patrol boats.",
     "agreement on the delivery of $200 million worth of patrol boats"),
    # nothing but the agreement noun once the page count goes: no title
    ("Chile and Peru signed a 40-page agreement on Monday.", None),
])
def test_the_title_is_the_name_the_article_gives(text: str, title: str | None) -> None:
    assert [t for t, _ in titles(text)] == [title]


def test_an_apposition_after_a_comma_describes_the_name() -> None:
    found = titles("Their pact builds on the Arica Treaty, a framework for naval cooperation that was signed in "
                   "Lima by Chile and Peru in November 2006.")
    assert ("Arica Treaty", ["CHL", "PER"]) in found


def test_strays_go_only_from_the_front() -> None:
    assert strip_strays("the 21 - article defense industry cooperation agreement") == (
        "defense industry cooperation agreement")
    assert strip_strays("the most significant defence agreement in their history") == "defence agreement"
    assert strip_strays("three - way agreement") == "three - way agreement"  # a count of parties names it
    assert strip_strays("agreement on the delivery of the drones") == "agreement on the delivery of the drones"
    assert strip_strays("second K2 executive contract") == "second K2 executive contract"


def test_headline_case_is_a_style_of_the_whole_line() -> None:
    assert is_headline_case("Chile and Peru Sign Defence Memorandum in Lima")
    assert is_headline_case("CHILE AND PERU SIGN ARICA TREATY:")
    assert not is_headline_case("Chile and Peru signed the Basic Exchange and Cooperation Agreement.")
    assert not is_headline_case("Letter of intent")


def test_a_headline_title_takes_the_bodys_casing_or_sentence_case_with_names_kept() -> None:
    casing = TitleCasing(["Chile Approves Peru's NATO Bid", "Lawmakers voted on Monday.", "NATO welcomed it."])
    assert casing.as_written("NATO Bid") == "NATO bid"
    casing = TitleCasing(["Accord On Strategic Partnership And Mutual Support", "The Strategic Partnership holds."])
    assert casing.as_written("Accord On Strategic Partnership And Mutual Support") == (
        "Accord on Strategic Partnership and Mutual Support")
    body = TitleCasing(["Chile and Peru signed the Reciprocal Access Agreement on Monday."])
    assert body.as_written("Reciprocal Access Agreement") == "Reciprocal Access Agreement"  # not from a headline


def test_a_title_opening_a_line_is_lower_case_where_the_body_writes_it_so() -> None:
    casing = TitleCasing(["Letter of intent", "The firms signed a letter of intent in Lima."])
    assert casing.as_written("Letter of intent") == "letter of intent"
    assert TitleCasing(["Arica Treaty signed", "It was signed."]).as_written("Arica Treaty") == "Arica Treaty"


def test_headline_capitals_in_a_title() -> None:
    assert has_headline_capitals("PUKPUK TREATY") and has_headline_capitals("Accord On Strategic Partnership")
    assert not has_headline_capitals("Accord on Strategic Partnership") and not has_headline_capitals("Pukpuk treaty")
