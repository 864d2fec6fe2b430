"""Agreement frames on our own texts (tests/texts/extract/): each test pins one mechanism.

The texts are ours; the facts are what a careful reader takes from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems
from pactwatch.read import iter_inputs

TEXTS = Path(__file__).resolve().parents[1] / "texts" / "extract"


def agreements_of(name: str) -> list[dict]:
    article = next(a for a in iter_inputs([TEXTS / name]) if isinstance(a, Article))
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out["agreements"]


def by_domain(agreements: list[dict], domain: str, status: str) -> dict:
    found = [a for a in agreements if a["domain"] == domain and a["status"] == status]
    assert len(found) == 1, agreements
    return found[0]


@pytest.fixture(scope="module")
def three() -> list[dict]:
    return agreements_of("three-agreements.txt")


def test_three_agreements_between_the_same_states_stay_apart(three: list[dict]) -> None:
    assert len(three) == 3
    assert all(a["parties"] == ["ETH", "KEN"] for a in three)
    assert by_domain(three, "trade", "signed")["title"] == "preferential trade agreement"
    assert by_domain(three, "trade", "proposed")["title"] == "free trade agreement"


def test_ratification_by_one_partys_legislature_with_its_date(three: list[dict]) -> None:
    pact = by_domain(three, "security", "ratified")
    assert pact["signed"] == "2022-05-19"
    assert pact["ratified"] == {"KEN": "2022-05-30"}  # "30 May" is a date, not the modal "may"


def test_negated_provision_is_left_out(three: list[dict]) -> None:
    assert by_domain(three, "security", "ratified")["provisions"] == ["exercises", "training"]


def test_climate_sentence_and_domestic_consensus_give_no_records(three: list[dict]) -> None:
    assert not [a for a in three if a["domain"] == "climate" or "NATO" in a["parties"]]


def test_title_case_headline_accession_with_third_state_ratifying() -> None:
    (protocol,) = agreements_of("accession-headline.txt")
    assert protocol["parties"] == ["MNE", "NATO"]  # Croatia ratifies; it is no party
    assert protocol["status"] == "ratified"
    assert protocol["ratified"] == {"HRV": "2017-04-27"}


def test_lifecycle_term_renewal_notice_and_scheduled_entry_into_force() -> None:
    (sar,) = agreements_of("lifecycle.txt")
    assert sar["parties"] == ["CYP", "GRC"]
    assert (sar["signed"], sar["in_force"], sar["status"]) == ("2018-06-14", "2019-04-01", "in_force")
    assert sar["ratified"] == {"GRC": "2019-02-12"}  # "the plenary" after "the Greek Parliament"
    assert sar["duration_years"] == 5
    assert sar["renewal"] == {"automatic": True, "period_years": 2}
    assert sar["termination_notice_months"] == 6
    assert sar["provisions"] == ["basing", "exercises", "training"]  # "until terminated" ends nothing


def test_the_two_sides_and_an_agreement_it_is_part_of() -> None:
    memorandum, framework = sorted(agreements_of("two-sides.txt"), key=lambda a: a["signed"] or "")
    assert memorandum["parties"] == framework["parties"] == ["CHL", "PER"]
    assert memorandum["provisions"] == ["intelligence"]
    assert memorandum["signed"] is None  # the 2012 date belongs to the framework agreement
    assert framework["signed"] == "2012"


def test_every_filled_field_has_verbatim_evidence() -> None:
    article = next(a for a in iter_inputs([TEXTS / "lifecycle.txt"]) if isinstance(a, Article))
    (sar,) = extract_article(article).to_json()["agreements"]
    fields = {e["field"] for e in sar["evidence"]}
    assert {"signed", "ratified", "in_force", "duration_years", "renewal", "termination_notice_months",
            "provisions", "status"} <= fields
    for e in sar["evidence"]:
        assert article.text[e["start"]:e["end"]] == e["quote"]


def test_joining_completes_an_accession_and_founding_treaties_are_no_agreements() -> None:
    accession, border = sorted(agreements_of("joins-alliance.txt"), key=lambda a: a["parties"])
    assert accession["parties"] == ["MNE", "NATO"]  # not the United States, keeper of the founding treaty
    assert (accession["status"], accession["in_force"]) == ("in_force", "2017-06-05")
    assert accession["ratified"] == {"ESP": "2017-05-11", "NLD": "2017-05-16"}  # "voted to ratify" is done
    assert border["parties"] == ["MNE", "SRB"] and border["domain"] == "other"
    assert border["signed"] is None  # 8 March 2016 is when it was negotiated


def test_historic_named_treaties_place_names_and_domestic_consensus_give_nothing() -> None:
    # "the 1994 Budapest Memorandum" names no party; 'Paris' in "the Paris climate accord" is a
    # place; "the UN Charter" is the organisation's own; "agreement among all parties" is domestic.
    assert agreements_of("distractors.txt") == []


def test_a_list_of_agreements_signed_on_one_visit_gives_one_record_each() -> None:
    found = {(a["domain"], a["title"]): a for a in agreements_of("state-visit-pacts.txt")
             if a["parties"] == ["IDN", "VNM"]}
    assert set(found) == {("security", "memorandum of understanding on defence cooperation"),
                          ("other", "agreement on fisheries"), ("energy", "deal on energy transition"),
                          ("other", "protocol on visa exemptions"), ("trade", "free trade agreement")}
    memorandum = found[("security", "memorandum of understanding on defence cooperation")]
    assert memorandum["provisions"] == ["intelligence", "training"] and memorandum["duration_years"] == 5
    assert found[("trade", "free trade agreement")]["status"] == "proposed"


def test_termination_rejection_and_the_counterpart_named_in_the_sentence() -> None:
    found = {tuple(a["parties"]): a for a in agreements_of("termination.txt")
             if a["title"] != "status-of-forces agreement"}
    treaty = found[("FRA", "MLI")]
    assert (treaty["status"], treaty["signed"], treaty["termination_notice_months"]) == ("terminated", "2014", 6)
    assert treaty["provisions"] == ["basing"]
    assert found[("DEU", "NER")]["status"] == "rejected"  # Niger's lawmakers, not France
