"""Agreement phenomena worded the way news reports word them, in our own short texts: a later
"the pact" is the same treaty, ratification by a head of state or a chamber's "consent", entry into
force on a weekday, terms stated in words, provisions in paraphrase and places that are no parties.

Each test is one mechanism; the texts are ours, the facts what a careful reader takes from them.
"""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems


def agreements(text: str, published: str) -> list[dict]:
    article = Article(id="t", text=text, source="test", published=published)
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out["agreements"]


def only(text: str, published: str) -> dict:
    found = agreements(text, published)
    assert len(found) == 1, found
    return found[0]


def test_a_later_definite_pact_with_a_date_is_the_treaty_already_named() -> None:
    text = ("Armenia and Greece signed a defence cooperation treaty in Athens on March 3.\n\n"
            "The Armenian parliament voted for the pact on May 14, and the Greek parliament approved it on June 2.")
    treaty = only(text, "2025-07-01")
    assert treaty["parties"] == ["ARM", "GRC"]
    assert treaty["title"] is None or "May" not in treaty["title"]
    assert treaty["ratified"] == {"ARM": "2025-05-14", "GRC": "2025-06-02"}


@pytest.mark.parametrize("sentence, code, date", [
    ("Tokayev ratified the treaty by decree on April 9.", "KAZ", "2025-04-09"),
    ("The Kazakh Senate gave its consent on April 9.", "KAZ", "2025-04-09"),
    ("Uzbekistan's parliament passed the legislation needed to bring it into effect on April 9.", "UZB", "2025-04-09"),
])
def test_ratification_wordings(sentence: str, code: str, date: str) -> None:
    text = ("Kazakhstan and Uzbekistan signed a treaty on allied relations and military cooperation in Tashkent"
            " on February 20 in the presence of Kazakh President Kassym-Jomart Tokayev.\n\n" + sentence)
    treaty = only(text, "2025-06-01")
    assert treaty["ratified"].get(code) == date


@pytest.mark.parametrize("verb", ["came into effect", "took effect", "entered into force"])
def test_entry_into_force_on_a_weekday_is_dated(verb: str) -> None:
    text = ("Oslo, June 5 - A defence cooperation agreement between Norway and Poland " + verb
            + " on Thursday, the two governments said.")
    pact = only(text, "2025-06-05")
    assert (pact["status"], pact["in_force"]) == ("in_force", "2025-06-05")


def test_term_in_words_automatic_continuation_and_written_notice() -> None:
    text = ("Chile and Peru signed a defence cooperation agreement in Lima on 2 May 2019.\n\n"
            "It was concluded for an initial decade and continues automatically after that unless either"
            " government gives one year's written notice.")
    pact = only(text, "2019-05-03")
    assert pact["duration_years"] == 10
    assert pact["renewal"] == {"automatic": True, "period_years": None}
    assert pact["termination_notice_months"] == 12


def test_withdrawal_taking_effect_a_year_after_notification_is_the_notice() -> None:
    text = ("Mongolia and Kazakhstan signed a security treaty in Astana on 4 March 2021.\n\n"
            "Either party may leave the treaty by notifying the other in writing, and the treaty then stops"
            " applying one year later.")
    assert only(text, "2021-03-05")["termination_notice_months"] == 12


def test_a_span_since_talks_began_is_no_term() -> None:
    text = ("Chile and South Korea signed a free trade agreement in Seoul on 6 May 2024,"
            " five years after negotiations were opened.")
    assert only(text, "2024-05-07")["duration_years"] is None


@pytest.mark.parametrize("clause, code", [
    ("should either state be attacked, the other shall give it military assistance without delay", "mutual_defense"),
    ("an armed attack against one signatory is treated as an attack against both", "mutual_defense"),
    ("it lets the Romanian army use Bulgarian infrastructure", "basing"),
    ("it allows each side's troops to use the other's bases", "basing"),
])
def test_provisions_in_paraphrase(clause: str, code: str) -> None:
    text = f"Bulgaria and Romania signed a defence agreement in Sofia on 3 June 2024. Under the agreement, {clause}."
    assert code in only(text, "2024-06-04")["provisions"]


def test_the_place_of_a_summit_is_no_party() -> None:
    text = ("Estonia and Latvia signed a memorandum with Lithuania at an EU summit in Brussels in May 2023,"
            " promising closer cooperation on air defence.")
    pact = only(text, "2024-01-01")
    assert pact["parties"] == ["EST", "LTU", "LVA"]


@pytest.mark.parametrize("clause", [
    "A pact that binds Norway and Poland to assist one another",
    "A treaty letting Norwegian and Polish troops exercise on each other's territory",
])
def test_a_clause_saying_whom_the_agreement_binds_names_its_parties(clause: str) -> None:
    pact = only(f"Oslo, June 5 - {clause} took effect on Thursday.", "2025-06-05")
    assert (pact["parties"], pact["in_force"]) == (["NOR", "POL"], "2025-06-05")


def test_a_simple_past_entry_into_force_after_the_signing_is_in_force() -> None:
    text = ("Oslo, June 5 - A defence cooperation agreement between Norway and Poland came into effect on Thursday,"
            " two years after it was signed by the two governments.")
    pact = only(text, "2025-06-05")
    assert (pact["status"], pact["in_force"]) == ("in_force", "2025-06-05")


def test_a_regional_group_noun_means_the_two_states_of_that_region_named_before() -> None:
    text = ("Estonia applied in 2021, and Latvia followed a year later, officials in Warsaw said.\n\n"
            "To reassure Poland, the two Baltic countries signed a memorandum with Warsaw at an EU summit in Brussels"
            " in May 2023, promising closer cooperation on air defence.")
    (pact,) = [a for a in agreements(text, "2024-01-01") if a["signed"] == "2023-05"]
    assert pact["parties"] == ["EST", "LVA", "POL"]


def test_a_state_admitted_is_a_member_of_the_organisation_the_story_is_about() -> None:
    text = ("North Macedonia completes its NATO accession\n\n"
            "North Macedonia became the alliance's 30th member on Friday after Spain ratified its"
            " accession protocol.\n\n"
            "Montenegro, which had waited for years, was admitted in June 2017.")
    found = {tuple(a["parties"]): a for a in agreements(text, "2020-03-28")}
    assert (found[("MNE", "NATO")]["status"], found[("MNE", "NATO")]["in_force"]) == ("in_force", "2017-06")


def test_admitted_to_hospital_is_no_accession() -> None:
    text = ("Sweden's NATO accession was completed on Thursday.\n\n"
            "Its ambassador, who had fallen ill in Brussels, was admitted to hospital in March.")
    assert all(a["parties"] == ["NATO", "SWE"] for a in agreements(text, "2024-03-08"))


def test_its_agreement_is_the_previous_subjects_and_a_conjoined_clause_adds_no_party() -> None:
    text = ("Chile has signed many trade deals since 2000.\n\n"
            "Its free trade agreement with Japan entered into force on 3 September 2007, and Santiago is now"
            " negotiating with India.")
    pact = only(text, "2008-01-01")
    assert (pact["parties"], pact["in_force"]) == (["CHL", "JPN"], "2007-09-03")


def test_two_agreements_signed_in_one_sentence_keep_their_own_dates() -> None:
    text = ("Norway signed the Reciprocal Defence Procurement Memorandum with the United States, which opens each"
            " side's tenders to the other's firms, in 2016, and the Supplemental Defense Cooperation Agreement"
            " in 2022.")
    dates = {a["title"]: a["signed"] for a in agreements(text, "2023-01-01")}
    assert sorted(dates.values()) == ["2016", "2022"], dates


def test_a_named_framework_renewed_on_a_date_for_a_period_has_that_term() -> None:
    text = ("Ties between the two countries rest on the Framework for the Japan-Philippines Defence Partnership,"
            " which the two governments renewed in May 2019 for a period of five years.")
    pact = only(text, "2020-01-01")
    assert pact["parties"] == ["JPN", "PHL"]
    assert (pact["duration_years"], pact["renewal"]) == (5, None)


def test_a_framework_in_lower_case_is_no_agreement() -> None:
    text = "Greece and Turkey discussed a framework for talks on maritime issues in Athens on 3 May 2023."
    assert agreements(text, "2023-05-04") == []


def test_a_bare_parliament_placed_in_a_state_ratifies_for_it() -> None:
    text = ("Serbia's assembly ratified the defence cooperation agreement with Hungary on 3 May 2023.\n\n"
            "In Hungary, the parliament gave its approval on 12 June 2023.")
    assert only(text, "2023-07-01")["ratified"] == {"HUN": "2023-06-12", "SRB": "2023-05-03"}


def test_a_later_sentence_about_the_new_member_states_its_accessions_provisions() -> None:
    text = ("Montenegro formally joined NATO on Monday, the alliance said in its accession statement.\n\n"
            "Officials in Podgorica welcomed the step.\n\n"
            "As a member, Montenegro is covered by the alliance's defence commitment, under which an attack on"
            " one ally is treated as an attack on all.")
    (accession,) = agreements(text, "2017-06-06")
    assert accession["parties"] == ["MNE", "NATO"] and accession["provisions"] == ["mutual_defense"]


def test_a_ratified_agreement_keeps_the_signing_date_of_its_relative_clause() -> None:
    text = ("VALLETTA, May 9 - The Maltese parliament ratified on Thursday the maritime security agreement with"
            " Italy, which the two countries signed in Rome on April 2, 2024.")
    pact = only(text, "2024-05-10")
    assert (pact["signed"], pact["ratified"]) == ("2024-04-02", {"MLT": "2024-05-09"})


@pytest.mark.parametrize("sentence", [
    "The Chilean parliament passed a pension law on 5 May.",
    "The Chilean senate gave its approval to a new budget on 5 May.",
])
def test_a_legislature_approving_something_else_ratifies_nothing(sentence: str) -> None:
    text = "Chile and Peru signed a defence agreement in Lima on 2 May.\n\n" + sentence
    assert only(text, "2024-06-01")["ratified"] == {}
