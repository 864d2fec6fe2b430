"""Extraction on our own sample articles: a small text in, the exact facts out.

These are the facts a careful reader takes from our texts; each test pins one mechanism
(parties from grammar, ratification per party, term and renewal, accession, distinct agreements,
events, distractors, evidence offsets).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems
from pactwatch.read import iter_inputs

SAMPLE = Path(__file__).resolve().parents[1] / "sample"


def facts_of(name: str) -> dict:
    article = next(a for a in iter_inputs([SAMPLE / name]) if isinstance(a, Article))
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out


def only(items: list[dict], **match) -> dict:
    found = [i for i in items if all(i.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (match, items)
    return found[0]


def test_ratification_per_party_term_renewal_and_notice() -> None:
    out = facts_of("greece-france-partnership.txt")
    pact = only(out["agreements"], parties=["FRA", "GRC"], domain="security")
    assert pact["status"] == "ratified"
    assert pact["ratified"] == {"GRC": "2021-10-07"}
    assert pact["duration_years"] == 5
    assert pact["renewal"] == {"automatic": True, "period_years": 5}
    assert pact["termination_notice_months"] == 6
    assert pact["provisions"] == ["mutual_defense"]
    deal = only(out["events"], type="arms_deal")
    assert deal["participants"] == ["FRA", "GRC"] and deal["item"] == "three Belharra frigates"


def test_two_ratifications_signature_and_provisions() -> None:
    out = facts_of("shusha-declaration.txt")
    assert out["published"] == "2022-02-01"
    decl = only(out["agreements"], parties=["AZE", "TUR"])
    assert decl["signed"] == "2021-06-15"
    assert decl["ratified"] == {"AZE": "2022-02-01", "TUR": "2022-01-20"}
    assert {"mutual_defense", "consultation", "exercises", "training"} <= set(decl["provisions"])
    visit = only(out["events"], type="visit")
    assert visit["participants"] == ["AZE", "TUR"] and visit["date"] == "2021-06-15"


def test_accession_parties_are_candidate_and_organisation() -> None:
    out = facts_of("finland-joins-nato.html")
    finland = only(out["agreements"], parties=["FIN", "NATO"])
    assert finland["ratified"].get("TUR") == "2023-03-30"
    sweden = only(out["agreements"], parties=["NATO", "SWE"])
    assert sweden["status"] == "proposed" and sweden["ratified"] == {}


def test_exercise_with_four_states_and_arms_deal_in_dollars() -> None:
    exercise = only(facts_of("malabar-exercise.txt")["events"], type="exercise")
    assert exercise["participants"] == ["AUS", "IND", "JPN", "USA"]
    assert exercise["date"] == "2023-08-11"
    deal = only(facts_of("philippines-brahmos.txt")["events"], type="arms_deal")
    assert deal["participants"] == ["IND", "PHL"]
    assert deal["value_usd"] == 375000000 and deal["date"] == "2022-01-28"


def test_pending_ratification_is_not_recorded() -> None:
    out = facts_of("pacific-news.jsonl")
    raa = only(out["agreements"], parties=["JPN", "PHL"])
    assert raa["status"] == "signed" and raa["ratified"] == {} and raa["in_force"] is None
    assert "basing" in raa["provisions"]


def test_entry_into_force_and_signature_of_a_trade_agreement() -> None:
    fta = only(facts_of("australia-uk-trade.txt")["agreements"], parties=["AUS", "GBR"])
    assert (fta["domain"], fta["status"], fta["in_force"], fta["signed"]) == (
        "trade", "in_force", "2023-05-31", "2021-12-17")


def test_a_domestic_story_gives_nothing() -> None:
    out = facts_of("budget-debate.txt")
    assert out["agreements"] == [] and out["events"] == []


@pytest.mark.parametrize("text", [
    "Turkey and Qatar signed a defence cooperation agreement in Doha on 2 December 2015.",
    "The agreement between Turkey and Qatar was signed in Doha on 2 December 2015.",
])
def test_parties_and_date_from_grammar(text: str) -> None:
    facts = extract_article(Article(id="t", text=text, source="t", published="2016-01-01")).to_json()
    pact = only(facts["agreements"], parties=["QAT", "TUR"])
    assert pact["signed"] == "2015-12-02" and pact["status"] == "signed"
    assert all(text[e["start"]:e["end"]] == e["quote"] for e in pact["evidence"])


def test_a_country_that_is_only_mentioned_is_not_a_party() -> None:
    text = ("Poland signed a contract with South Korea on Friday for 180 tanks amid a major armament push "
            "after Russia's invasion of Ukraine.")
    facts = extract_article(Article(id="t", text=text, source="t", published="2022-07-29")).to_json()
    assert [a["parties"] for a in facts["agreements"]] == [["KOR", "POL"]]
