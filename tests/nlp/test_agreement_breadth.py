"""Agreement phenomena in many wordings (round 2): each mechanism is tested on several phrasings
of our own, with near misses that must not fire. Texts are ours; facts what a careful reader takes.
"""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems


def agreements(text: str, published: str = "2025-09-01") -> list[dict]:
    article = Article(id="t", text=text, source="test", published=published)
    out = extract_article(article).to_json()
    assert schema_problems(out, article.text) == []
    return out["agreements"]


@pytest.mark.parametrize("text, parties, date", [
    ("Sweden became NATO's 32nd member on Thursday, March 7, 2024.", ["NATO", "SWE"], "2024-03-07"),
    ("On Monday, May 12, 2025, Norway officially became a member of the European Union.", ["EU", "NOR"],
     "2025-05-12"),
    ("Montenegro formally joined the alliance on June 5, 2017, after its parliament approved membership.",
     ["MNE", "NATO"], "2017-06-05"),
    ("North Macedonia completed its accession to NATO on March 27, 2020.", ["MKD", "NATO"], "2020-03-27"),
    ("Finland's NATO membership took effect on April 4, 2023.", ["FIN", "NATO"], "2023-04-04"),
    ("Finland joined NATO on April 4, 2023, doubling the border the alliance shares with Russia.",
     ["FIN", "NATO"], "2023-04-04"),
])
def test_an_accession_that_took_effect_is_in_force_on_its_date(text: str, parties: list[str], date: str) -> None:
    (accession,) = agreements(text)
    assert (accession["parties"], accession["status"], accession["in_force"]) == (parties, "in_force", date)


@pytest.mark.parametrize("text", [
    "Officials in Chisinau say Moldova does not seek to join NATO.",
    "Austria has no plans to join NATO, the chancellor said on Monday.",
    "Serbia refused to join the alliance, its president said on 3 May 2025.",
])
def test_a_denied_joining_is_no_accession(text: str) -> None:
    assert agreements(text) == []


def test_a_candidate_wanting_membership_is_only_proposed() -> None:
    (accession,) = agreements("Ukraine hopes to become a member of NATO, its foreign minister said on 3 May 2025.")
    assert accession["status"] == "proposed" and accession["in_force"] is None


@pytest.mark.parametrize("text", [
    "Serbia has no plans to sign a defence pact with Russia, its president said on 3 May 2025.",
    "Hungary does not intend to conclude a security agreement with China, the minister said on 3 May 2025.",
    "Greece will not seek to negotiate a defence treaty with Egypt, officials said on Monday.",
])
def test_a_negated_intention_to_make_an_agreement_is_no_agreement(text: str) -> None:
    assert agreements(text) == []


def test_a_plan_that_is_not_negated_stays_a_proposal() -> None:
    (pact,) = agreements("Serbia plans to sign a defence pact with Russia, its president said on 3 May 2025.")
    assert pact["status"] == "proposed"


SIGNED = "Greece and France signed a defence pact on 3 March 2025"


@pytest.mark.parametrize("rest, code", [
    (" under which each country will come to the other's assistance if attacked.", "mutual_defense"),
    (". Under the pact, an armed attack on one will be considered an attack on both.", "mutual_defense"),
    (" that obliges each to defend the other.", "mutual_defense"),
    (" that gives French forces access to Greek ports and airfields.", "basing"),
    (" that lets French aircraft operate from Greek territory.", "basing"),
    (" giving French troops access to nine military sites.", "basing"),
    (" that allows the French navy use of the naval base at Souda.", "basing"),
    (" that provides for a rotational presence of French troops.", "basing"),
    (" allowing France to station troops in Greece.", "basing"),
    (" under which they will train each other's forces.", "training"),
    (" under which the two will co-produce drones.", "defense_industry"),
    (" under which the two will jointly manufacture armoured vehicles.", "defense_industry"),
    (" that includes intelligence sharing.", "intelligence"),
])
def test_a_provision_in_paraphrase_is_recorded(rest: str, code: str) -> None:
    (pact,) = agreements(SIGNED + rest)
    assert code in pact["provisions"]


@pytest.mark.parametrize("rest", [
    ". The pact does not include a mutual defence clause.",
    ". Unlike a full alliance, the pact contains no mutual defence commitment.",
    " without any obligation to defend each other.",
])
def test_a_denied_mutual_defence_clause_is_no_provision(rest: str) -> None:
    (pact,) = agreements(SIGNED + rest)
    assert "mutual_defense" not in pact["provisions"]


@pytest.mark.parametrize("rest, duration, renewal", [
    (" for thirty years.", 30, None),
    (" with a term of 15 years.", 15, None),
    (" for ten years, which may be extended by mutual consent.", 10, None),
    (" that extends automatically for five-year periods.", None, {"automatic": True, "period_years": 5}),
    (" that is valid for 10 years, with automatic extensions for subsequent decades.", 10,
     {"automatic": True, "period_years": 10}),
])
def test_a_term_or_renewal_in_words_is_read(rest: str, duration: int | None, renewal: dict | None) -> None:
    (pact,) = agreements(SIGNED + rest)
    assert (pact["duration_years"], pact["renewal"]) == (duration, renewal)


@pytest.mark.parametrize("text", [
    SIGNED + ", ending talks that had run for five years.",
    "After talks that lasted three years, " + SIGNED + ".",
])
def test_how_long_the_talks_ran_is_no_term(text: str) -> None:
    (pact,) = agreements(text)
    assert pact["duration_years"] is None


def test_a_deal_set_beside_the_signed_one_keeps_its_own_parties_and_no_date() -> None:
    text = ("Poland and South Korea signed an arms deal in Warsaw on 3 May 2023, days after Poland's separate"
            " deal with the United States.")
    arms, other = sorted(agreements(text, "2023-05-04"), key=lambda a: a["parties"])
    assert (arms["parties"], arms["signed"]) == (["KOR", "POL"], "2023-05-03")
    assert (other["parties"], other["signed"]) == (["POL", "USA"], None)


@pytest.mark.parametrize("text", [
    "Australia signed a defence treaty with the Philippines, which also has a pact with Japan, on 2 February 2025.",
    "Australia signed a defence treaty with the Philippines, which already has a security pact with Japan, on"
    " 2 February 2025.",
])
def test_a_partys_own_pact_in_a_relative_clause_takes_neither_parties_nor_date(text: str) -> None:
    found = {tuple(a["parties"]): a for a in agreements(text, "2025-02-03")}
    assert found[("AUS", "PHL")]["signed"] == "2025-02-02"
    assert all(a["signed"] is None for key, a in found.items() if key != ("AUS", "PHL"))


@pytest.mark.parametrize("text", [
    "Greece and France signed a defence pact on 3 March 2025. Abu Dhabi, like Athens, opposes the deal.",
    "Sweden and Denmark signed a defence cooperation agreement on 5 May 2025, a day after Finland's.",
    "Greece and France signed a defence agreement in Cairo on 3 March 2025.",
])
def test_an_aside_or_a_place_adds_no_party(text: str) -> None:
    (pact,) = agreements(text)
    assert len(pact["parties"]) == 2 and "ARE" not in pact["parties"] and "EGY" not in pact["parties"]


@pytest.mark.parametrize("second, code, date", [
    ("The Sejm voted 280-12 to ratify the treaty on Friday, June 6.", "POL", "2025-06-06"),
    ("On Wednesday, April 9, the Polish parliament approved the pact.", "POL", "2025-04-09"),
    ("Ukrainian lawmakers voted 280-12 to ratify the agreement on 12 June.", "UKR", "2025-06-12"),
    ("Ukrainian President Volodymyr Zelensky signed the ratification bill on Monday, April 14.", "UKR", "2025-04-14"),
    ("Polish President Andrzej Duda signed a law ratifying the treaty on 14 April.", "POL", "2025-04-14"),
])
def test_a_ratification_said_many_ways_is_dated(second: str, code: str, date: str) -> None:
    (treaty,) = agreements("Poland and Ukraine signed a defence treaty on 3 March 2025.\n\n" + second, "2025-07-01")
    assert treaty["ratified"] == {code: date}


@pytest.mark.parametrize("text, domain", [
    ("Greece and France signed an agreement on 3 March 2025 under which each will come to the other's aid if"
     " attacked and French jets may use Greek air bases.", "security"),
    ("Greece and France signed a basing agreement on 3 March 2025.", "security"),
    ("India and Bhutan signed a hydropower deal on 3 March 2025.", "energy"),
    ("Egypt and Sudan signed a water-sharing agreement on the Nile dam on 3 March 2025.", "other"),
    ("Turkey and Azerbaijan signed an infrastructure agreement on 3 March 2025 to build a railway.", "other"),
])
def test_the_domain_follows_what_the_agreement_covers(text: str, domain: str) -> None:
    (pact,) = agreements("Regional news\n\n" + text)
    assert pact["domain"] == domain


@pytest.mark.parametrize("second, titles", [
    ("The two countries also signed an agreement on the Nile dam on 3 March 2025.", {"defence treaty"}),
    ("They also signed a training protocol.", {"defence treaty", "training protocol"}),
])
def test_an_agreement_also_signed_is_one_more(second: str, titles: set[str]) -> None:
    text = "Regional news\n\nEgypt and Sudan signed a defence treaty on 3 March 2025. " + second
    found = agreements(text)
    assert len(found) == 2 and titles <= {a["title"] for a in found}


def test_the_same_pact_signed_again_in_recap_is_not_doubled() -> None:
    text = ("Regional news\n\nEgypt and Sudan signed a defence treaty on 3 March 2025. The treaty was signed in"
            " Cairo by the two defence ministers.")
    assert len(agreements(text)) == 1


@pytest.mark.parametrize("text, old_title, old_dates", [
    ("The 2007 cooperation agreement between Greece and France, signed on 12 May 2007, will be replaced by a new"
     " defence treaty that the two countries signed on 3 March 2025.", "2007", ("2007-05-12", None)),
    ("Greece and France on 3 March 2025 signed a defence treaty that supersedes their 1998 military cooperation"
     " pact, which entered into force on 1 June 1999.", "1998", ("1998", "1999-06-01")),
])
def test_a_replaced_agreement_keeps_its_own_dates(text: str, old_title: str, old_dates: tuple) -> None:
    found = agreements("Defence news\n\n" + text)
    old = next(a for a in found if old_title in (a["title"] or ""))
    new = next(a for a in found if a is not old)
    assert (old["signed"], old["in_force"]) == old_dates
    assert (new["signed"], new["in_force"], new["status"]) == ("2025-03-03", None, "signed")


@pytest.mark.parametrize("text", [
    "Greece and France signed a defence treaty, which will enter into force on 1 June 2026, on 3 March 2025.",
    "Greece and France signed a defence treaty on 3 March 2025. The treaty will not take effect until ratified"
    " by both parliaments.",
    "Greece and France signed a defence treaty on 3 March 2025. The treaty has yet to be ratified by the Greek"
    " parliament.",
])
def test_a_pending_step_is_not_taken(text: str) -> None:
    (treaty,) = agreements("Defence news\n\n" + text)
    assert (treaty["status"], treaty["in_force"], treaty["ratified"] or None) == ("signed", None, None)


@pytest.mark.parametrize("rest, years", [
    (". The treaty is valid until 2035.", 10),
    (" that will remain in force until the end of 2045.", 20),
    (" that expires in 2030.", 5),
    (", ending a dispute that had lasted until 2019.", None),
    (". The pact, like the older one in force since 2019, covers training.", None),
])
def test_an_end_year_gives_the_term_from_the_signing(rest: str, years: int | None) -> None:
    (pact,) = agreements("Defence news\n\n" + SIGNED + rest)
    assert pact["duration_years"] == years


@pytest.mark.parametrize("text, parties", [
    ("Sweden was formally admitted to NATO on Thursday, March 7, 2024.", ["NATO", "SWE"]),
    ("Finland officially became the 31st member of the alliance on April 4, 2023, NATO said.", ["FIN", "NATO"]),
    ("Sweden's accession to NATO was completed on March 7, 2024.", ["NATO", "SWE"]),
])
def test_an_accession_after_a_headline_is_in_force(text: str, parties: list[str]) -> None:
    (accession,) = agreements("Alliance news\n\n" + text)
    assert (accession["parties"], accession["status"]) == (parties, "in_force")


@pytest.mark.parametrize("text", [
    "Finland, which joined NATO in 2023, signed a defence deal with Estonia on 3 May 2025.",
    "Estonia and Finland, both of which became members of NATO long ago, signed a defence deal on 3 May 2025.",
])
def test_a_membership_told_in_passing_is_no_accession(text: str) -> None:
    assert all("NATO" not in a["parties"] for a in agreements("Alliance news\n\n" + text))


def test_a_ruled_out_membership_is_no_accession() -> None:
    assert agreements("Alliance news\n\nSerbia has ruled out joining NATO, its president said on 3 May 2025.") == []


@pytest.mark.parametrize("second, ratified", [
    ("The treaty was ratified by the Sejm on Friday, June 6.", {"POL": "2025-06-06"}),
    ("The Polish Senate voted 75-20 in favour of the treaty on 12 June.", {"POL": "2025-06-12"}),
    ("Polish lawmakers backed the treaty by 280 votes to 12 on 12 June.", {"POL": "2025-06-12"}),
    ("The Verkhovna Rada gave its consent to the treaty on 12 June.", {"UKR": "2025-06-12"}),
    ("The Polish parliament debated the treaty on 12 June but did not vote on it.", None),
    ("The Polish parliament is expected to ratify the treaty next month.", None),
])
def test_a_chamber_ratifies_in_many_words_but_not_when_it_only_debates(second: str, ratified: dict | None) -> None:
    text = "Defence news\n\nPoland and Ukraine signed a defence treaty on 3 March 2025.\n\n" + second
    (treaty,) = agreements(text, "2025-07-01")
    assert (treaty["ratified"] or None) == ratified


@pytest.mark.parametrize("second", [
    "It replaces the security declaration that the two countries signed in 2009, when the main concern was"
    " peacekeeping.",
    "The new text supersedes the declaration the two signed in 2009, whose focus was peacekeeping.",
])
def test_what_the_replaced_agreement_covered_is_not_the_new_ones(second: str) -> None:
    text = ("Defence news\n\nNorway and Japan signed a defence declaration on 3 March 2025 that commits them to"
            " consult each other on crises.\n\n" + second)
    new = next(a for a in agreements(text) if a["signed"] == "2025-03-03")
    assert "peacekeeping" not in new["provisions"] and "consultation" in new["provisions"]


@pytest.mark.parametrize("second, code", [
    ("The pact commits each side to come to the other's aid with all means if either is attacked.", "mutual_defense"),
    ("Under the pact, if one of them is attacked, the other will provide military assistance.", "mutual_defense"),
    ("The pact grants the French navy access to the port of Souda Bay.", "basing"),
    ("Under the pact, French troops will be deployed to Greece on a rotational basis.", "basing"),
    ("The pact foresees joint development and production of naval drones.", "defense_industry"),
    ("The pact provides for the exchange of intelligence.", "intelligence"),
])
def test_a_following_sentence_states_a_provision_in_other_words(second: str, code: str) -> None:
    (pact,) = agreements("Defence news\n\n" + SIGNED + ". " + second)
    assert code in pact["provisions"]


@pytest.mark.parametrize("rest", [
    " that stops short of a mutual defence commitment.",
    ". The pact falls short of a mutual defence guarantee.",
    ". It does not oblige either side to come to the other's defence.",
    ". There is no obligation to defend each other under the pact.",
    ". The pact does not allow French troops to be stationed in Greece.",
])
def test_a_provision_denied_in_other_words_is_not_recorded(rest: str) -> None:
    (pact,) = agreements("Defence news\n\n" + SIGNED + rest)
    assert not {"mutual_defense", "basing"} & set(pact["provisions"])


@pytest.mark.parametrize("second", [
    "If ratified, the pact would allow French troops to use Greek bases.",
    "Once ratified by both parliaments, the treaty will enter into force.",
    "The pact enters into force once both parliaments approve it.",
    "The pact cannot enter into force before the Greek parliament approves it.",
    "Both parliaments still need to approve the pact before it takes effect.",
])
def test_a_condition_for_ratification_or_entry_into_force_is_not_met(second: str) -> None:
    (pact,) = agreements("Defence news\n\n" + SIGNED + ". " + second)
    assert (pact["status"], pact["in_force"], pact["ratified"] or None) == ("signed", None, None)


def test_one_party_ratified_while_the_other_has_yet_to() -> None:
    text = "Defence news\n\n" + SIGNED + ". Greece ratified the pact on 3 May 2025, but France has yet to do so."
    (pact,) = agreements(text)
    assert (pact["status"], pact["ratified"]) == ("ratified", {"GRC": "2025-05-03"})


@pytest.mark.parametrize("rest, duration", [
    (" for a decade.", 10),
    (". The pact runs for two decades.", 20),
    (" with a duration of twenty years.", 20),
    (" that will be in force for 12 years.", 12),
    (", ending a decade-long dispute.", None),
    (", five years after their first talks.", None),
])
def test_a_term_in_other_words(rest: str, duration: int | None) -> None:
    (pact,) = agreements("Defence news\n\n" + SIGNED + rest)
    assert pact["duration_years"] == duration


def test_a_decade_long_pact_has_a_ten_year_term() -> None:
    (pact,) = agreements("Defence news\n\nGreece and France signed a decade-long defence pact on 3 March 2025.")
    assert pact["duration_years"] == 10


@pytest.mark.parametrize("rest, expected", [
    (". Under the pact, French troops and vehicles can enter and move freely within Greece.", True),
    (" that gives French forces freedom of movement across Greece.", True),
    (". Tourists can enter and move freely within Greece.", False),
])
def test_forces_moving_freely_in_the_host_state_is_basing(rest: str, expected: bool) -> None:
    (pact,) = agreements("Defence news\n\n" + SIGNED + rest)
    assert ("basing" in pact["provisions"]) is expected
