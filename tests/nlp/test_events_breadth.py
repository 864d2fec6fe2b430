"""Breadth of the event frames: each phenomenon in several phrasings of our own (verbs, voice, word
order, with and without dates and places) and near misses that must not fire. Visits worded as
travel, reception, stays and talks; exercises with proper names, "war games"/"joint training",
participants listed as objects or follow-ups; arms transfers worded as picks, gifts and hand-overs."""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.pipeline import analyse

PUBLISHED = "2024-05-10"  # a Friday


def found(text: str, kind: str) -> list[tuple]:
    article = Article(id="t", text=text, source="t", published=PUBLISHED)
    out = []
    for event in extract_events(article, analyse(article)):
        row = event.to_json()
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]
        if row["type"] == kind:
            out.append((tuple(row["participants"]), row["location"]))
    return out


@pytest.mark.parametrize("text, expected", [
    ("French President Emmanuel Macron went to Nigeria last week to discuss security with President Bola Tinubu.",
     (("FRA", "NGA"), "NGA")),
    ("German Chancellor Olaf Scholz flew to Beijing on Tuesday for two days of talks with Chinese leaders.",
     (("CHN", "DEU"), "CHN")),
    ("The Polish defence minister was welcomed by his Lithuanian counterpart on the tarmac in Vilnius on Thursday.",
     (("LTU", "POL"), "LTU")),
    ("Italian Prime Minister Giorgia Meloni held talks in Tunis with Tunisian President Kais Saied on Tuesday.",
     (("ITA", "TUN"), "TUN")),
    ("The Greek foreign minister was in Ankara for talks on Monday.", (("GRC", "TUR"), "TUR")),
    ("A delegation led by Pakistani army chief Asim Munir held talks with Chinese military officials in Beijing.",
     (("CHN", "PAK"), "CHN")),
    ("The Indian and Chinese defence ministers held talks on the sidelines of the summit in Astana on Wednesday.",
     (("CHN", "IND"), None)),  # the summit's host is not surely where they met
    ("Greek Prime Minister Kyriakos Mitsotakis discussed migration with Egyptian President Abdel Fattah al-Sisi "
     "in Cairo.", (("EGY", "GRC"), "EGY")),
])
def test_visits_worded_without_visit_or_meet(text: str, expected: tuple) -> None:
    assert found(text, "visit") == [expected]


@pytest.mark.parametrize("text", [
    "The Kenyan president will travel to Washington next year if the invitation is accepted.",
    "Canada and Britain signed the treaty in Ottawa in 1994.",
    "The Swedish prime minister plans to travel to Seoul at some point in the future.",
    "The Australian foreign minister discussed the war with her Ukrainian counterpart by phone on Monday.",
    "The Azerbaijani adviser had gone to Israel for medical treatment last year.",
])
def test_planned_remote_or_private_travel_is_no_visit(text: str) -> None:
    assert found(text, "visit") == []


@pytest.mark.parametrize("text, expected", [
    ("China will hold war games with Russia later this month.", (("CHN", "RUS"), None)),
    ("Indian troops will conduct joint training with Egyptian soldiers next week.", (("EGY", "IND"), None)),
    ("Armenia held drills with the United States; Russia and Azerbaijan sent observers.", (("ARM", "USA"), None)),
    ("The exercise, held in Mongolia's Tov province, involved troops from Mongolia, the United States, India "
     "and Japan.", (("IND", "JPN", "MNG", "USA"), "MNG")),
    ("BALTOPS 24 involves more than 20 allies, including Germany, Poland, Sweden, Finland, Estonia, Latvia and "
     "Lithuania.", (("DEU", "EST", "FIN", "LTU", "LVA", "POL", "SWE"), None)),
    ("Exercise Cobra Gold, co-hosted by Thailand and the United States, brought together troops from Japan, "
     "South Korea, Indonesia, Malaysia and Singapore.", (("IDN", "JPN", "KOR", "MYS", "SGP", "THA", "USA"), None)),
    ("The Australian and Japanese air forces held an air exercise off the coast of Australia last week.",
     (("AUS", "JPN"), "AUS")),
    ("The annual exercise opened on Monday. The drills involve forces of 20 nations, including the United States, "
     "Japan, South Korea and Singapore.", (("JPN", "KOR", "SGP", "USA"), None)),
    ("The US and the Philippines began joint naval exercises on Monday. Japan, Australia and France are also "
     "sending ships.", (("AUS", "FRA", "JPN", "PHL", "USA"), None)),
])
def test_exercises_in_many_shapes(text: str, expected: tuple) -> None:
    assert found(text, "exercise") == [expected]


@pytest.mark.parametrize("text", [
    "The treaty also provides for joint military exercises between Turkey and Azerbaijan.",
    "Oil companies from Norway and Britain will drill off the coast of Ghana.",
    "Ministers from France and Germany called the talks an exercise in futility.",
    "The leaders of the three countries agreed to hold yearly drills when they met at Camp David.",
])
def test_exercise_near_misses(text: str) -> None:
    assert found(text, "exercise") == []


@pytest.mark.parametrize("text, parties", [
    ("Romania picked the American Patriot system in a $3.9 billion contract with the United States.",
     ("ROU", "USA")),
    ("The Netherlands gifted 14 Leopard tanks to Ukraine.", ("NLD", "UKR")),
    ("Denmark handed over six F-16 jets to Ukraine on Monday.", ("DNK", "UKR")),
    ("Poland took delivery of the first 10 K2 tanks from South Korea on Tuesday.", ("KOR", "POL")),
    ("Switzerland selected the F-35 fighter in a $6 billion contract with the United States.", ("CHE", "USA")),
])
def test_arms_transfers_worded_as_picks_gifts_and_handovers(text: str, parties: tuple) -> None:
    assert [p for p, _ in found(text, "arms_deal")] == [parties]


def test_giving_access_is_no_arms_deal() -> None:
    text = "The accord gives U.S. aircraft greater access to Australian air bases."
    assert found(text, "arms_deal") == []
