"""Event phenomena the fresh set showed we missed, each in two or three variants in our own words:
exercise participants listed in the next sentence, exercises worded as "drills"/"train together",
visits worded without "visit" (received by, handed to, talks between), officials whose nationality
the text never states, dateline locations, and arms deals whose value sits in the next sentence."""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.nlp.events import extract_events
from pactwatch.nlp.pipeline import analyse

PUBLISHED = "2024-05-10"  # a Friday


def events(text: str, published: str | None = PUBLISHED) -> list[tuple]:
    article = Article(id="t", text=text, source="t", published=published)
    out = []
    for event in extract_events(article, analyse(article)):
        row = event.to_json()
        assert text[row["evidence_start"]:row["evidence_end"]] == row["evidence"]
        out.append((row["type"], tuple(row["participants"]), row["date"], row["location"]))
    return out


def arms(text: str, published: str | None = PUBLISHED) -> list[tuple]:
    article = Article(id="t", text=text, source="t", published=published)
    return [(e.type, tuple(e.participants), e.value_usd, e.item) for e in extract_events(article, analyse(article))
            if e.type == "arms_deal"]


# --- exercise participants named in a following sentence ---

@pytest.mark.parametrize("follow", [
    "Among the participants are Greece, Italy and Spain.",
    "Troops from Greece, Italy and Spain are also taking part.",
    "Units from Greece, Italy and Spain are involved, while Egypt has sent observers.",
])
def test_exercise_participants_listed_in_the_next_sentence_join_the_exercise(follow: str) -> None:
    text = ("France and Portugal on Tuesday began a joint naval exercise in the Atlantic, the French navy said. "
            f"{follow}\n\nThe drills involve 40 ships.")
    found = [e for e in events(text) if e[0] == "exercise"]
    assert [e[1] for e in found] == [("ESP", "FRA", "GRC", "ITA", "PRT")]


def test_observers_and_a_later_unrelated_sentence_do_not_join_the_exercise() -> None:
    text = ("Norway and Sweden on Monday launched a joint military exercise near the Arctic circle. "
            "Finland and Denmark have sent observers.\n\n"
            "The exercise comes as relations with Russia worsen. "
            "Officials said Estonia was not involved in the planning of an unrelated summit.")
    found = [e for e in events(text) if e[0] == "exercise"]
    assert [e[1] for e in found] == [("NOR", "SWE")]


# --- exercises worded without the usual verbs ---

def test_jets_flying_to_a_base_for_joint_drills_is_an_exercise_at_that_base() -> None:
    text = ("Italy's air force said on Wednesday that four of its Eurofighter jets would fly to the "
            "Royal Netherlands Air Force base at Leeuwarden later this month for joint drills with Dutch jets.")
    assert events(text) == [("exercise", ("ITA", "NLD"), "2024-05", "NLD")]


@pytest.mark.parametrize("sentence, date", [
    ("About 5,000 Indonesian and Malaysian troops, joined by a small Singaporean contingent, "
     "will train together from June 3.", "2024-06-03"),
    ("Indonesian and Malaysian marines trained alongside Singaporean commandos on Monday.", "2024-05-06"),
])
def test_troops_training_together_is_an_exercise_of_their_states(sentence: str, date: str) -> None:
    found = [e for e in events(sentence) if e[0] == "exercise"]
    assert [(e[1], e[2]) for e in found] == [(("IDN", "MYS", "SGP"), date)]


def test_training_on_each_others_soil_in_a_treaty_is_no_exercise() -> None:
    text = "The treaty lets Indonesian and Malaysian forces train on each other's soil."
    assert [e for e in events(text) if e[0] == "exercise"] == []


# --- visits worded without "visit" or "meet", and officials of unstated nationality ---

def test_received_by_a_president_is_a_visit_of_the_unnamed_state_of_the_guest() -> None:
    text = ("Austria and Hungary agreed on Tuesday to share border data.\n\n"
            "Chancellor Karl Nehammer spoke in Budapest about Austria and Hungary.\n\n"
            "Nehammer, accompanied by his interior minister, was received by Hungarian President "
            "Tamas Sulyok in Budapest on Tuesday.")
    assert ("visit", ("AUT", "HUN"), "2024-05-07", "HUN") in events(text)


def test_handing_documents_to_an_official_is_a_visit() -> None:
    text = ("Norway formally joined the treaty on Thursday when Prime Minister Jonas Gahr Store handed "
            "his country's documents to U.S. Secretary of State Antony Blinken at the State Department.")
    assert events(text) == [("visit", ("NOR", "USA"), "2024-05-09", "USA")]


def test_talks_between_secretaries_and_their_counterparts_are_a_visit() -> None:
    text = ("Japan and the United States on Tuesday signed a pact on radar data.\n\n"
            "It was signed after talks in Tokyo between Secretary of State Mike Pompeo and "
            "Defense Secretary Mark Esper and their Japanese counterparts.\n\n"
            "Japan expects the United States to share more data soon.")
    assert ("visit", ("JPN", "USA"), "2024-05-07", "JPN") in events(text)


def test_a_second_visit_at_another_place_stays_separate_from_the_main_one() -> None:
    text = ("President Joe Biden welcomed Japanese Prime Minister Fumio Kishida to the White House on Thursday "
            "for a state visit.\n\n"
            "The leaders welcomed a plan that the two sides concluded earlier this month when Defense "
            "Secretary Lloyd Austin visited Tokyo.\n\nJapan and the United States are close allies.")
    found = sorted(e for e in events(text) if e[0] == "visit")
    assert found == [("visit", ("JPN", "USA"), "2024-05", "JPN"), ("visit", ("JPN", "USA"), "2024-05-09", "USA")]


def test_signed_by_two_leaders_in_a_capital_is_their_visit() -> None:
    text = ("Belarus and Russia deepened their alliance.\n\n"
            "The pact was signed in Minsk on April 19 by President Vladimir Putin and Belarusian leader "
            "Alexander Lukashenko.\n\nRussia and Belarus hold joint talks often.")
    assert ("visit", ("BLR", "RUS"), "2024-04-19", "BLR") in events(text)


# --- locations only in a dateline ---

def test_a_visit_without_a_place_takes_the_datelines_capital_when_it_is_one_of_its_states() -> None:
    text = ("WARSAW, May 7 (Desk) - Polish Defence Minister Jan Nowak met his Czech counterpart Petr Novak "
            "on Tuesday to discuss air defence.")
    assert events(text) == [("visit", ("CZE", "POL"), "2024-05-07", "POL")]


def test_a_dateline_of_a_third_state_gives_no_location() -> None:
    text = ("LONDON, May 7 (Desk) - Polish Defence Minister Jan Nowak met his Czech counterpart Petr Novak "
            "on Tuesday to discuss air defence.")
    assert events(text) == [("visit", ("CZE", "POL"), "2024-05-07", None)]


# --- arms deals ---

def test_a_purchase_whose_value_is_in_the_next_sentence_takes_it() -> None:
    text = ("Romania on Tuesday signed an agreement with the United States to buy 54 M1A2 Abrams tanks, a "
            "purchase that will modernise its army. The deal is worth $2.5 billion, the ministry said. "
            "Earlier, the State Department had cleared a possible sale worth up to $3 billion.")
    assert arms(text) == [("arms_deal", ("ROU", "USA"), 2_500_000_000, "54 M1A2 Abrams tanks")]


def test_a_buyer_without_a_named_seller_buys_from_the_articles_other_state() -> None:
    text = ("Indian Prime Minister Narendra Modi visited Washington this week. India and the United States "
            "signed several pacts on Thursday.\n\n"
            "India also announced that it would buy armed MQ-9B drones made by General Atomics, a purchase "
            "officials have put at about $3 billion.")
    assert arms(text) == [("arms_deal", ("IND", "USA"), 3_000_000_000, "armed MQ-9B drones")]


def test_a_buyer_naming_a_company_seller_is_no_deal_with_the_other_state() -> None:
    text = ("German Chancellor Olaf Scholz visited Vilnius this week. Germany and Lithuania signed several pacts "
            "on Thursday.\n\n"
            "Germany also ordered 100 Leopard tanks from Rheinmetall for its own army.")
    assert arms(text) == []
