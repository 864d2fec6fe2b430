"""An agreement's lifecycle facts as the text states them: the day it ceased to have effect, an
entry into force still waiting on parliaments, ratifications said with one verb for two
legislatures, a legislature whose name is another state's, and agreements that are only talked
about. Texts are ours; the last test reads ../shared/eval/commitments where it exists.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems
from pactwatch.lifecycle import compute_lifecycle
from pactwatch.read.files import iter_inputs

HEADLINE = "Regional security in the news\n\n"


def agreements(text: str, published: str = "2025-02-10") -> list[dict]:
    article = Article(id="t", text=HEADLINE + text, source="test", published=published)
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out["agreements"]


def only(found: list[dict]) -> dict:
    assert len(found) == 1, found
    return found[0]


def fields(agreement: dict, *names: str) -> tuple:
    return tuple(agreement.get(name) for name in names)


def in_force_on(agreement: dict, day: str) -> bool | None:
    return compute_lifecycle(agreement["signed"], agreement["ratified"], agreement["in_force"],
                             agreement["duration_years"], agreement["renewal"],
                             agreement["termination_notice_months"], agreement["status"], day,
                             ended=agreement.get("ended")).in_force_as_of


def test_a_treaty_that_ceased_to_have_effect_after_a_partys_notice_is_terminated_on_that_day() -> None:
    pact = only(agreements(
        "Chile and Peru signed a mutual defence pact in Lima on 3 June 2010, and it entered into force on "
        "1 September 2010. The pact had no fixed term, and either side could end it with six months' notice. "
        "The Peruvian government gave that notice on 4 January 2021, and the pact ceased to have effect on "
        "4 July 2021."))
    assert fields(pact, "status", "in_force", "ended", "termination_notice_months") == (
        "terminated", "2010-09-01", "2021-07-04", 6)
    assert [e["quote"] for e in pact["evidence"] if e["field"] == "ended"] == [
        "The Peruvian government gave that notice on 4 January 2021, and the pact ceased to have effect on "
        "4 July 2021."]
    assert in_force_on(pact, "2015-01-01") is True and in_force_on(pact, "2021-07-03") is True
    assert in_force_on(pact, "2021-07-04") is False and in_force_on(pact, "2026-12-01") is False


def test_an_expiry_is_dated_by_its_own_words_and_a_neutral_end_keeps_what_ended_it() -> None:
    pact = only(agreements("Chile and Peru signed a border security pact in 2009. The pact, in force since "
                           "2010, expired in 2019. It ceased to apply without any ceremony."))
    assert fields(pact, "status", "ended") == ("expired", "2019")


@pytest.mark.parametrize("ending", [
    "The pact will cease to have effect in 2030.",
    "The pact ceases to apply in 2030.",
    "That pact lapses at the end of next year.",
])
def test_an_end_still_ahead_ends_nothing(ending: str) -> None:
    pact = only(agreements(f"Chile and Peru signed a border security pact in 2009. {ending}"))
    assert fields(pact, "status", "ended") == ("signed", None)


def test_a_denunciation_is_not_the_day_the_agreement_ends() -> None:
    """"denounced on 3 March" with no stated end: terminated, end unknown; the day it was then
    terminated is the end."""
    pact = only(agreements("Chile and Peru signed a border security pact in 2009. Peru denounced the pact on "
                           "3 March 2022."))
    assert fields(pact, "status", "ended") == ("terminated", None)
    pact = only(agreements("Chile and Peru signed a border security pact in 2009. Peru denounced the pact on "
                           "3 March 2022, and the pact was terminated on 3 September 2022."))
    assert fields(pact, "status", "ended") == ("terminated", "2022-09-03")


def test_a_notice_and_the_notice_period_the_article_states_give_the_end() -> None:
    """Six months' notice given on 2022-03-03: it ceases to have effect on 2022-09-03, a day that may
    be after the article, so the status stays what the text says."""
    text = ("Chile and Peru signed a border security pact in 2009. The pact has no fixed term, and either party "
            "may end it with six months' notice. Peru gave notice of termination of the pact on 3 March 2022.")
    pact = only(agreements(text, published="2022-03-05"))
    assert fields(pact, "status", "ended") == ("signed", "2022-09-03")
    assert in_force_on(pact, "2022-06-01") is None  # no entry into force is known
    assert in_force_on(pact, "2022-09-03") is False
    renewing = only(agreements(text.replace("has no fixed term, and either party may end it with six months' "
                                            "notice", "runs for five years and renews automatically unless a "
                                            "party gives six months' notice")))
    assert renewing.get("ended") is None  # that notice stops a renewal, on a day the term sets


def test_entry_into_force_after_parliaments_have_approved_is_still_ahead() -> None:
    pact = only(agreements(
        "Norway signed a defence treaty with Iceland in Oslo on 2 October 2026. That treaty enters into force on "
        "the first day of the month after the second of the two parliaments has approved it.",
        published="2026-11-24"))
    assert fields(pact, "parties", "status", "signed", "in_force") == (["ISL", "NOR"], "signed", "2026-10-02", None)


def test_a_similar_pact_with_a_third_state_borrows_no_partner_from_a_pair_already_bound() -> None:
    """"X and Y ... under their treaty, while a near-identical pact with Z waits": X's or Y's pact
    with Z, the sentence cannot tell; the next sentence says it is X's."""
    found = agreements(
        "Norway and Sweden will hold a joint exercise under their bilateral defence treaty next spring, the "
        "Norwegian defence ministry said, while a near-identical pact with Finland is still waiting for "
        "parliamentary approval. Norway signed a treaty with the same wording with Finland in Helsinki on "
        "2 October 2026.", published="2026-11-24")
    assert sorted(tuple(a["parties"]) for a in found) == [("FIN", "NOR"), ("NOR", "SWE")]


def test_one_verb_for_two_legislatures_dates_each_approval() -> None:
    pact = only(agreements(
        "Chile and Peru brought a treaty of friendship into force on 12 June 2025. Chile's National Congress "
        "approved it on 20 November 2024 and the Peruvian Congress on 29 April 2025.", published="2025-06-13"))
    assert pact["ratified"] == {"CHL": "2024-11-20", "PER": "2025-04-29"}


def test_approvals_said_as_completing_or_voting_through() -> None:
    pact = only(agreements(
        "Chile and Peru signed a treaty of friendship on 19 April 2024. Chile's Congress completed its approval on "
        "28 November 2024, and Peru's Congress voted it through on 9 April 2025."))
    assert pact["ratified"] == {"CHL": "2024-11-28", "PER": "2025-04-09"}


def test_how_an_agreement_ends_said_in_the_next_sentences_without_naming_it() -> None:
    """The notice rule follows the agreement's sentence, or comes after one the parser never saw."""
    pact = only(agreements(
        "Chile and Peru signed a treaty of friendship on 19 April 2024, and it entered into force on 4 June 2025. "
        "Either side may withdraw by giving one year's written notice; neither has said it wants to."))
    assert pact["termination_notice_months"] == 12
    pact = only(agreements(
        "Chile and Peru signed a treaty of friendship on 19 April 2024, and it entered into force on 4 June 2025. "
        "It was concluded for an unlimited period. Either government may terminate it with six months' notice."))
    assert pact["termination_notice_months"] == 6
    other = only(agreements(
        "Chile and Peru signed a treaty of friendship on 19 April 2024, and it entered into force on 4 June 2025. "
        "Brazil, by contrast, can withdraw at any time by giving one year's notice."))
    assert other["parties"] == ["CHL", "PER"] and other["termination_notice_months"] is None


def test_a_term_that_then_continues_indefinitely_unless_denounced_renews_itself() -> None:
    pact = only(agreements("Chile and Peru signed a treaty of friendship on 19 April 2024. It is concluded for "
                           "twenty-five years and will then continue indefinitely unless one of the parties "
                           "denounces it with one year's notice."))
    assert fields(pact, "duration_years", "renewal", "termination_notice_months") == (
        25, {"automatic": True, "period_years": None}, 12)


def test_an_age_in_years_is_no_term() -> None:
    pact = only(agreements("Chile signed a deal with Peru on 16 April 2024 for the nearly 40-year-old patrol "
                           "boats that Peru is selling."))
    assert pact["duration_years"] is None


def test_a_legislature_named_like_another_states_belongs_to_the_state_that_qualifies_it() -> None:
    """A "Majlis" is Iran's by name; "the Omani Majlis" is Oman's, and a nationality the gazetteer
    does not know still says it is not Iran's."""
    pact = only(agreements("Oman and Kuwait signed a defence pact in 2019. The Omani Majlis approved it on "
                           "3 May 2020, and it entered into force on 1 June 2020."))
    assert pact["ratified"] == {"OMN": "2020-05-03"}
    pact = only(agreements("Oman and Kuwait signed a defence pact in 2019. Kuwait's National Assembly approved it "
                           "on 2 March 2020 and the Zanzibarian People's Majlis on 3 May 2020, and it entered into "
                           "force on 1 June 2020."))
    assert "IRN" not in pact["ratified"] and pact["ratified"]["KWT"] == "2020-03-02"
    iran = only(agreements("Oman and Iran signed a defence pact in 2019. The Majlis approved it on 3 May 2020."))
    assert iran["ratified"] == {"IRN": "2020-05-03"}


def test_what_happens_under_a_treaty_is_no_stage_of_it() -> None:
    """"the 1994 treaty, under which an attack on one is considered an attack on both": the
    treaty is told, not proposed, and nothing is borrowed to make it an agreement of its own."""
    found = agreements("From that day Chile is bound by Article 3 of the 1994 treaty, under which an armed attack "
                       "against one party is considered an attack against all of them.")
    assert found == []


COMMITMENTS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "commitments"


@pytest.mark.skipif(not (COMMITMENTS / "expected.json").exists(), reason="../shared/eval/commitments not present")
def test_commitments_set_lifecycles_hold_on_every_expected_date() -> None:
    """Each expected row of the commitments set at its date: an agreement of the row's pair in that
    document is in force exactly when the row holds; a row the set lists as absent because its
    agreement ended or is not yet in force has no agreement of that pair in force on the set's date."""
    expected = json.loads((COMMITMENTS / "expected.json").read_text())
    facts = {}
    for article in iter_inputs(sorted((COMMITMENTS / "docs").glob("*.txt"))):
        facts[article.id] = extract_article(article).to_json()["agreements"]
    rows = [(r, expected["as_of"], r["holds_as_of"]) for r in expected["commitments"]]
    rows += [(r, r["as_of"], r["holds_as_of"]) for r in expected["at_other_dates"]]
    rows += [(r, expected["as_of"], False) for r in expected["absent"]
             if "not in force" in r["why"] or "terminated" in r["why"]]
    for row, day, holds in rows:
        pair = {row["by"], row["to"]}
        states = [a for a in facts[row["doc"]] if set(a["parties"]) == pair]
        answers = [in_force_on(a, day) for a in states]
        assert (True in answers) is holds, (row, day, [(a["status"], a["in_force"], a.get("ended")) for a in states])
