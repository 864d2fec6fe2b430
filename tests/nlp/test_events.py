"""Event frames on our own texts (tests/texts/events/): visits, exercises and arms deals with their
participants, dates, locations and values, and the sentences that must give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.facts import Event
from pactwatch.nlp.events import extract_events, merge_events
from pactwatch.nlp.events_common import lexicon
from pactwatch.nlp.pipeline import analyse

TEXTS = Path(__file__).parents[1] / "texts" / "events"
DEV = Path(__file__).parents[3] / "shared" / "eval" / "dev" / "docs"
PUBLISHED = "2024-05-10"  # a Friday


def events_of(name: str, published: str | None = PUBLISHED) -> list[dict]:
    text = (TEXTS / name).read_text(encoding="utf-8")
    article = Article(id=name, text=text, source=name, published=published)
    out = []
    for event in extract_events(article, analyse(article)):
        row = event.to_json()
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]
        out.append({k: row[k] for k in ("type", "participants", "date", "location", "value_usd", "item")}
                   | ({"value": row["value"]} if "value" in row else {}))
    return out


def test_ministers_meeting_in_a_capital_is_one_visit_without_the_topic_countries() -> None:
    assert events_of("visits.txt") == [
        {"type": "visit", "participants": ["AZE", "GEO"], "date": "2024-05-07", "location": "AZE",
         "value_usd": None, "item": None},
    ]


def test_welcome_to_a_palace_is_a_visit_hosted_by_its_state_and_a_planned_visit_is_not() -> None:
    assert events_of("welcome.txt") == [
        {"type": "visit", "participants": ["FRA", "IND"], "date": "2024-05-03", "location": "FRA",
         "value_usd": None, "item": None},
    ]


def test_states_meeting_states_expected_visits_and_talks_as_topic_give_nothing() -> None:
    assert events_of("not_visits.txt") == []


def test_relative_date_stays_null_without_the_article_date() -> None:
    assert events_of("undated.txt", published=None) == [
        {"type": "visit", "participants": ["DNK", "NOR"], "date": None, "location": "NOR",
         "value_usd": None, "item": None},
    ]


def test_exercises_held_or_planned_but_not_treaty_provisions_or_descriptions() -> None:
    assert events_of("exercises.txt") == [
        {"type": "exercise", "participants": ["KAZ", "KGZ", "UZB"], "date": "2024-05-06", "location": "KAZ",
         "value_usd": None, "item": None},
        # "will hold ... in March" after a May article date is next March
        {"type": "exercise", "participants": ["EGY", "GRC"], "date": "2025-03", "location": None,
         "value_usd": None, "item": None},
    ]


def test_arms_deals_values_currencies_companies_and_negation() -> None:
    assert events_of("arms.txt") == [
        # "US$" is a currency, not a party
        {"type": "arms_deal", "participants": ["ROU", "USA"], "date": "2024-05-08", "location": None,
         "value_usd": 3_200_000_000, "item": "54 Abrams tanks"},
        {"type": "arms_deal", "participants": ["FRA", "GRC"], "date": None, "location": None,
         "value_usd": None, "item": "24 Rafale jets", "value": {"amount": 5_500_000_000, "currency": "EUR"}},
        # the company's state is the supplier
        {"type": "arms_deal", "participants": ["KOR", "POL"], "date": "2022", "location": None,
         "value_usd": None, "item": "K9 howitzers"},
    ]


def test_merge_keeps_events_with_different_dates_apart_and_fills_fields() -> None:
    a = Event("arms_deal", ["KOR", "POL"], date="2025-08-01", value_usd=6.5e9)
    b = Event("arms_deal", ["KOR", "POL"], date="2022", item="K2 tanks")
    c = Event("arms_deal", ["KOR", "POL"], date=None, item="tanks", location=None)
    merged = merge_events([a, b, c])
    assert [(e.date, e.item) for e in merged] == [("2025-08-01", "tanks"), ("2022", "K2 tanks")]


def test_lexicon_is_readable_word_lists() -> None:
    lex = lexicon()
    assert lex.has("meet_noun", "talks") and lex.has("arms_verb", "purchase") and lex.has("exercise_noun", "drills")
    assert lex.search("arms_not_rx", "Berlin will not send missiles")


@pytest.mark.skipif(not DEV.exists(), reason="shared dev set not present")
def test_dev_article_with_two_batches_of_one_item_gives_two_deals() -> None:
    path = DEV / "d07_poland-k2-second-batch.txt"
    article = Article(id=path.stem, text=path.read_text(encoding="utf-8"), source=str(path), published="2025-08-01")
    deals = sorted((e.date, e.value_usd) for e in extract_events(article, analyse(article))
                   if e.type == "arms_deal" and sorted(e.participants) == ["KOR", "POL"])
    assert deals == [("2022", None), ("2025-08-01", 6.5e9)]


def test_mixed_sentences_topics_goods_and_single_state_drills() -> None:
    got = [(e["type"], e["participants"], e["date"], e["location"], e["value_usd"]) for e in events_of("mixed.txt")]
    assert got == [
        ("visit", ["CHN", "USA"], "2024-05-09", "CHN", None),  # Ukraine is only the topic
        ("arms_deal", ["TUR", "USA"], "2024-05-07", None, 1_400_000_000),
        ("exercise", ["JPN", "PHL"], "2024-05-08", "PHL", None),  # off Luzon; Russia's own drills are not joint
        ("visit", ["LAO", "VNM"], "2024-05-06", "VNM", None),
        ("visit", ["IRN", "RUS"], "2024-05-05", "RUS", None),  # the United States is only the topic
    ]


def test_plural_signers_phone_calls_and_company_contracts() -> None:
    got = [(e["type"], e["participants"], e["date"], e["location"]) for e in events_of("summits_and_contracts.txt")]
    assert got == [
        ("visit", ["DEU", "FRA"], "2024-05-09", None),  # the summit's host is not where they met for sure
        ("visit", ["AUS", "IND"], "2024-05-07", "IND"),  # "the defence ministers of India and Australia signed"
        ("arms_deal", ["FRA", "IDN"], None, None),  # a navy's contract with a French shipbuilder
    ]
