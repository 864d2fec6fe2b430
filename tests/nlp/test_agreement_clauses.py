"""Clauses of one sentence with their own dates, agreements another one rests on, dates said more
precisely later, and deals referred back to by their day. Texts are ours.
"""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems

HEADLINE = "Chile and Peru in the news\n\n"


def agreements(text: str, published: str = "2024-08-30") -> list[dict]:
    article = Article(id="t", text=HEADLINE + text, source="test", published=published)
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out["agreements"]


def test_each_conjoined_verb_dates_its_own_stage() -> None:
    found = agreements("Chile and Peru signed the Arica Treaty in Lima on 13 November 2006, and it entered into "
                       "force on 7 February 2008 for an initial period of ten years.")
    assert len(found) == 1
    assert (found[0]["signed"], found[0]["in_force"]) == ("2006-11-13", "2008-02-07")
    assert found[0]["duration_years"] == 10


def test_an_agreement_the_new_one_builds_on_is_another_with_its_own_dates() -> None:
    found = agreements("Chile and Peru signed a defence cooperation agreement in Santiago on Thursday. It will take "
                       "effect once both parliaments have ratified it. The new agreement builds on the Arica "
                       "Treaty, a framework for border security that was signed in November 2006 and came into "
                       "force in February 2008.")
    by_signed = {a["signed"]: a for a in found}
    assert set(by_signed) == {"2024-08-29", "2006-11"}
    assert by_signed["2024-08-29"]["status"] == "signed" and by_signed["2024-08-29"]["in_force"] is None
    assert by_signed["2006-11"]["in_force"] == "2008-02"


def test_a_later_sentence_says_the_signing_date_more_precisely() -> None:
    found = agreements("The Chilean senate approved the defence agreement signed with Peru in 2023.\n\n"
                       "The agreement, signed in December 2023, gives Peruvian forces access to two Chilean ports.")
    assert len(found) == 1
    assert found[0]["signed"] == "2023-12"
    assert "basing" in found[0]["provisions"]


def test_a_treaty_named_with_its_date_is_dated_whatever_the_clause_does_with_it() -> None:
    found = agreements("Chile said on Monday that it had denounced the defence cooperation treaty of July 16, 2014 "
                       "with Peru.")
    assert [a["signed"] for a in found] == ["2014-07-16"]


def test_a_deal_owned_by_its_day_is_the_deal_already_told() -> None:
    found = agreements("Chile's defence minister signed a deal on Tuesday to buy 12 of Peru's ageing F-16 fighter "
                       "jets.\n\nTuesday's deal was signed at a Peruvian air force base.", published="2024-04-17")
    assert len(found) == 1
    assert found[0]["domain"] == "defense_industry" and found[0]["signed"] == "2024-04-16"


def test_who_signed_it_are_the_parties_not_who_speaks_of_it() -> None:
    found = agreements("Chile, like Peru, opposes the maritime boundary memorandum that Bolivia signed with "
                       "Paraguay in November 2019.")
    memo = next(a for a in found if "BOL" in a["parties"])
    assert (memo["parties"], memo["signed"]) == (["BOL", "PRY"], "2019-11")
    assert not any("CHL" in a["parties"] and "BOL" in a["parties"] for a in found)


def test_a_series_of_pacts_with_one_partner_completes_the_next_one() -> None:
    found = agreements("Finland's parliament approved a defence cooperation agreement with the United States. "
                       "Sweden's defence cooperation agreement with Washington was backed by the Riksdag in June.\n\n"
                       "Denmark's agreement, signed a day after Finland's, grants access to three air bases.")
    assert sorted(a["parties"] for a in found) == [["DNK", "USA"], ["FIN", "USA"], ["SWE", "USA"]]


def test_a_base_used_for_decades_with_renewal_every_decade_after_that() -> None:
    found = agreements("The two governments signed a secret agreement in 2019 giving Chinese forces the use of the "
                       "Cambodian base for thirty years, with automatic renewal every decade after that.")
    (pact,) = found
    assert (pact["duration_years"], pact["renewal"]) == (30, {"automatic": True, "period_years": 10})
    assert "basing" in pact["provisions"] and pact["secret"] is True


def test_a_treaty_put_names_to_that_waits_for_parliaments_is_signed_not_ratified() -> None:
    found = agreements("Poland and Lithuania put their names on Wednesday to a defence treaty. London and Vilnius "
                       "want to develop and produce missiles together under it.\n\nIt will not take effect until it "
                       "has been ratified by the parliaments of both countries.")
    (pact,) = found
    assert (pact["status"], pact["ratified"], pact["signed"]) == ("signed", {}, "2024-08-28")


def test_a_headline_deal_is_not_folded_into_an_earlier_letter_of_intent() -> None:
    text = ("Chile's defence minister signed a deal on Tuesday to buy 12 of Peru's ageing F-16 fighter jets.\n\n"
            "Peru is getting new aircraft.\n\nIn March, the Peruvian minister visited Chile and signed a letter of "
            "intent to sell some of Peru's F-16 jets.")
    article = Article(id="t", text=text, source="test", published="2024-04-17")
    found = extract_article(article).to_json()["agreements"]
    assert sorted(a["signed"] for a in found) == ["2024-03", "2024-04-16"]


def test_agreements_of_different_years_named_in_one_list_stay_apart() -> None:
    found = agreements("Peru denounced three texts: the 2013 agreement governing the presence of Chilean "
                       "forces; the defence treaty signed in 2014 to organise military cooperation between Lima and "
                       "Santiago; and an additional protocol.")
    assert {"2013", "2014"} <= {a["signed"] for a in found}


@pytest.mark.parametrize("sentence, months", [
    ("Peru said the denunciation of the defence treaty with Chile would take effect in six months.", 6),
    ("Under the defence treaty between Peru and Chile, either side may withdraw with three months' notice.", 3),
    ("The defence treaty between Peru and Chile ends if one side notifies the other 90 days in advance.", 3),
    ("Peru ended its defence treaty with Chile; the termination takes effect 180 days after Chile receives notice.",
     6),
])
def test_the_time_a_denunciation_takes_is_its_notice(sentence: str, months: int) -> None:
    (pact,) = agreements(sentence)
    assert pact["termination_notice_months"] == months


def test_a_term_set_for_years_and_power_grids_are_no_military_modernisation() -> None:
    (pact,) = agreements("Peru's congress ratified the partnership agreement with Chile. The agreement is set for 10 "
                         "years; its priorities include modernizing electric power infrastructure.")
    assert pact["duration_years"] == 10
    assert "military_technical" not in pact["provisions"]


def test_a_domestic_coalition_deal_makes_no_agreement_between_states() -> None:
    text = ("Chile's centre-left bloc and the Christian Democrats agreed on Wednesday on a coalition treaty that "
            "clears the way for a new government, three weeks after the election in Chile.")
    article = Article(id="t", text=text, source="test", published="2025-04-10")
    assert extract_article(article).to_json()["agreements"] == []


@pytest.mark.parametrize("second", [
    "On Tuesday the two sides signed a protocol on the exchange of the instruments of ratification in Lima.",
    "Peru's congress passed a ratification law for the agreement on Monday.",
])
def test_a_procedural_instrument_is_no_agreement_of_its_own(second: str) -> None:
    found = agreements("Chile and Peru signed a reciprocal access agreement in Lima in July 2024. " + second,
                       published="2024-12-20")
    assert len(found) == 1 and found[0]["signed"] == "2024-07"


def test_a_conjoined_future_entry_into_force_is_not_in_force() -> None:
    (pact,) = agreements("Chile and Peru signed a reciprocal access agreement in Lima in July 2024, and the agreement "
                         "will enter into force once both congresses approve it.", published="2024-12-20")
    assert (pact["status"], pact["in_force"]) == ("signed", None)


def test_an_extension_for_more_years_is_a_renewal_not_a_new_signature_or_term() -> None:
    (pact,) = agreements("Chile and Peru extended their 1999 security treaty for another five years on Monday.",
                         published="2024-12-20")
    assert pact["signed"] == "1999" and pact["duration_years"] is None
    assert pact["renewal"] == {"automatic": False, "period_years": 5}


def test_a_year_that_names_a_plan_does_not_date_its_signing() -> None:
    text = ("Serbia news\n\nThe defence minister said in Belgrade on Tuesday that Hungary and Serbia have agreed to "
            "boost military cooperation and signed an agreement on the 2025 plan.")
    (pact,) = extract_article(Article(id="t", text=text, source="test")).to_json()["agreements"]
    assert pact["parties"] == ["HUN", "SRB"] and pact["signed"] is None


def test_a_deal_to_buy_jets_covers_an_arms_transfer() -> None:
    found = agreements("Chile's defence minister signed a deal on Tuesday worth about 2.1 billion kroner to buy 24 "
                       "of Peru’s ageing F-16 fighter jets.", published="2024-04-17")
    assert [a["provisions"] for a in found] == [["defense_industry"]]


def test_a_similar_agreement_signed_while_another_body_is_expected_to_act() -> None:
    found = agreements("Chile's congress approved a defence cooperation agreement with the United States on Monday. "
                       "Neighbouring Peru signed a similar agreement with Washington in December, and its congress is "
                       "expected to take it up later this month.", published="2024-07-02")
    peru = next(a for a in found if "PER" in a["parties"])
    assert (peru["parties"], peru["status"], peru["signed"], peru["domain"]) == (
        ["PER", "USA"], "signed", "2023-12", "security")


def test_the_agreement_after_a_quote_naming_another_pair_is_the_one_told() -> None:
    text = ("Chile's congress on Thursday ratified a strategic partnership agreement with Peru that contains a "
            "mutual assistance clause.\n\nThe opposition said the text gave no guarantee that Peru would act in "
            "a crisis with Bolivia.\n\nBeyond the assistance clause, the agreement provides for joint exercises "
            "and closer cooperation between the two countries' defence industries.")
    (pact,) = agreements(text, published="2021-10-08")
    assert pact["parties"] == ["CHL", "PER"] and "exercises" in pact["provisions"]


def test_a_convention_to_jointly_develop_a_fighter_covers_defence_industry() -> None:
    found = agreements("The defence ministers of Chile, Peru and Brazil on Thursday signed a convention setting up "
                       "a body to manage their joint project to develop a next-generation fighter jet.",
                       published="2023-12-15")
    assert [a["provisions"] for a in found] == [["defense_industry"]]


def test_states_that_would_gain_from_a_pacts_collapse_are_no_parties_of_it() -> None:
    text = ("Chile and Peru signed an intelligence-sharing pact on 3 May 2019 that lets them exchange classified "
            "military information directly. Officials warned that only Bolivia and Ecuador would benefit from the "
            "pact's collapse.")
    (pact,) = agreements(text, published="2019-11-20")
    assert pact["parties"] == ["CHL", "PER"] and "classified_info" in pact["provisions"]


def test_agreements_on_two_topics_are_two_and_an_agreement_in_principle_is_proposed() -> None:
    text = ("Chile and Peru on Saturday signed agreements on the transfer of defence equipment and technology and "
            "on the protection of classified military information. On civil nuclear energy, the two sides said "
            "they had reached an agreement in principle.")
    found = {a["title"]: a for a in agreements(text, published="2015-12-13")}
    equipment = found["agreement on the transfer of defence equipment and technology"]
    info = found["agreement on the protection of classified military information"]
    assert (equipment["domain"], equipment["signed"], info["provisions"], info["secret"]) == (
        "defense_industry", "2015-12-12", ["classified_info"], False)
    assert "proposed" in {a["status"] for a in found.values()}


def test_a_long_description_with_names_in_it_is_no_proper_name_and_air_defence_is_security() -> None:
    text = ("Chile and Peru on Monday signed a treaty under which Santiago will provide budget and policing "
            "support to the Pacific coast nation. Presidents of both signed the Arica Treaty in Santiago.\n\n"
            "Peru's congress ratified the agreement with Chile on the creation of a unified regional air defence "
            "system on Friday.")
    found = agreements(text, published="2024-12-10")
    assert len(found) == 1 and found[0]["domain"] == "security"


def test_a_deal_to_buy_another_states_arms_is_with_that_state() -> None:
    text = ("Chile and Peru signed a letter of intent on air defence missiles on Monday.\n\nIn September last year, "
            "Chile signed a deal to buy Brazilian Astros rocket launchers, which Peru also operates.")
    found = agreements(text, published="2023-10-24")
    assert sorted(a["parties"] for a in found) == [["BRA", "CHL"], ["CHL", "PER"]]
    assert {tuple(a["parties"]): a["signed"] for a in found}[("BRA", "CHL")] == "2022-09"


def test_a_protocol_that_committed_one_state_to_another_binds_both() -> None:
    text = ("Peru news\n\nA protocol signed during the Chilean president's visit to Lima on August 20, 2010 extended "
            "the lease on the base until 2044 and committed Santiago to help ensure Peru's security.")
    found = agreements(text, published="2024-02-23")
    assert [(a["parties"], a["signed"]) for a in found] == [(["CHL", "PER"], "2010-08-20")]


def test_an_acronym_is_the_agreement_it_spells_and_such_an_arrangement_is_a_kind() -> None:
    text = ("Chile and Peru in the news\n\nPeru's senate on Monday gave its concurrence to the Reciprocal Access "
            "Agreement with Chile. Chile becomes the first partner with which Lima has concluded such an "
            "arrangement.\n\nChile's congress approved the RAA in June.\n\nPeru already has comparable "
            "arrangements with Brazil and Ecuador.")
    found = {tuple(a["parties"]): a for a in agreements(text, published="2024-12-17")}
    assert set(found) == {("CHL", "PER"), ("BRA", "PER"), ("ECU", "PER")}
    assert set(found[("CHL", "PER")]["ratified"]) == {"CHL", "PER"}


def test_words_that_merely_contain_a_short_marker_do_not_block_completing_parties() -> None:
    text = ("Chile and Peru in the news\n\nAfter the talks, officials put their signatures to a memorandum of "
            "understanding on preventing incidents at sea, which sets up channels for the two governments to "
            "contact each other quickly when ships run into trouble.")
    found = agreements(text, published="2024-01-30")
    assert [(a["parties"], a["status"]) for a in found] == [(["CHL", "PER"], "signed")]
