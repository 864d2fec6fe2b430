"""Obligations (facts v1.1): who an agreement binds to whom, to do what, on what conditions.

Each test is a short text of ours in, the exact directed duties out; the last ones hold the shared
commitments set and the seed articles (skipped where ../shared is absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.article import Article
from pactwatch.data_files import DataFileError, table_rows
from pactwatch.extract import extract_article
from pactwatch.facts import schema_problems
from pactwatch.nlp import obligations as obligations_module
from pactwatch.nlp.obligations import duty_phrases, phrasings
from pactwatch.read import iter_inputs

COMMITMENTS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "commitments"
DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev" / "docs"


def facts(text: str, doc_id: str = "t") -> dict:
    article = Article(id=doc_id, text=text, source=f"{doc_id}.txt", published=None)
    out = extract_article(article).to_json()
    assert schema_problems(out, text) == []
    return out


def duties(out: dict) -> set[tuple]:
    """(kind, by, to, condition types) of every obligation of every agreement."""
    return {(o["kind"], tuple(o["by"]), tuple(o["to"]), tuple(sorted(c["type"] for c in o["conditions"])))
            for a in out["agreements"] for o in a.get("obligations", [])}


def obligations_of(out: dict, parties: list[str]) -> list[dict]:
    return next(a for a in out["agreements"] if a["parties"] == parties).get("obligations", [])


MUTUAL_NOT_AUTOMATIC = """ date 2025-03-10
OSLO — Norway and Iceland signed a Treaty on Mutual Assistance in Reykjavik on 3 March 2025, the Norwegian \
foreign ministry said.

Under its third article, if either state is the victim of an armed attack, the other will come to its assistance \
with all the means it has. Help will not be automatic, however: Iceland, which has no army, is not obliged to act \
at once, and any action would follow further consultations between the two capitals. The same rule applies to \
Norway's armed forces.
"""


def test_a_mutual_duty_binds_every_party_and_a_following_sentence_makes_it_wait_for_consultations() -> None:
    out = facts(MUTUAL_NOT_AUTOMATIC)
    [duty] = obligations_of(out, ["ISL", "NOR"])
    assert (duty["kind"], duty["by"], duty["to"]) == ("defend", ["ISL", "NOR"], ["ISL", "NOR"])
    assert duty["conditions"] == [{"type": "after_consultation", "quote": "follow further consultations"}]
    assert duty["evidence"]["quote"].startswith("Under its third article, if either state")


DENIED_AUTOMATIC_BEFORE_THE_DUTY = """ date 2024-01-05
Kazakhstan and Kyrgyzstan ratified their alliance treaty this week.

The treaty has its limits. The Kazakh army is not obliged to intervene automatically if Kyrgyzstan is attacked; \
such an intervention would only come after additional consultations. Under the treaty, both Kazakhstan and \
Kyrgyzstan will support each other in the event of aggression against either of them.
"""


def test_a_denied_duty_is_a_condition_of_the_duty_stated_elsewhere_never_a_duty_of_its_own() -> None:
    out = facts(DENIED_AUTOMATIC_BEFORE_THE_DUTY)
    assert duties(out) == {("defend", ("KAZ", "KGZ"), ("KAZ", "KGZ"), ("after_consultation",))}


GUARANTEE = """ date 2025-11-02
WINDHOEK — Namibia and Botswana signed an Agreement on Security Guarantees in Windhoek on Friday.

Under the agreement, Namibia undertakes to defend Botswana's territorial integrity against any outside attack, \
deploying its forces only at the request of the government of Botswana. Botswana takes on no obligation to defend \
Namibia. In return, Botswana must consult Windhoek whenever it feels its security is threatened.

Separately, Namibia signed a fisheries agreement with Angola that sets up a joint committee on catch quotas; it \
contains no security clauses.
"""


def test_a_guarantee_runs_one_way_and_the_return_duty_runs_the_other() -> None:
    out = facts(GUARANTEE)
    assert duties(out) == {("defend", ("NAM",), ("BWA",), ("on_request",)), ("consult", ("BWA",), ("NAM",), ())}
    defend = next(o for o in obligations_of(out, ["BWA", "NAM"]) if o["kind"] == "defend")
    assert defend["conditions"][0]["quote"] == "at the request of the government of Botswana"
    assert obligations_of(out, ["AGO", "NAM"]) == []  # the fisheries deal binds no one to anything


NON_AGGRESSION = """ date 2024-08-20
HANOI — Vietnam and Laos signed a Treaty of Non-Aggression and Neutrality in Vientiane on 15 August 2024.

Each party renounces the use of armed force against the other. Should either of them be drawn into a war with a \
third state, the other shall remain neutral throughout that war. That promise has a limit. It does not extend to \
a party that has itself provoked the war.

The treaty contains no mutual defence clause.
"""


def test_non_aggression_and_neutrality_with_a_condition_two_sentences_on() -> None:
    out = facts(NON_AGGRESSION)
    assert duties(out) == {("not_attack", ("LAO", "VNM"), ("LAO", "VNM"), ()),
                           ("stay_neutral", ("LAO", "VNM"), ("LAO", "VNM"), ("non_provocation",))}


NAMED_AGGRESSOR_AND_REGION = """ date 2025-05-05
VILNIUS — Lithuania and Poland signed a Defence Assistance Agreement in Warsaw on Monday.

Each country will defend the other, but only if the attacker is Belarus, and only in the event of an attack on \
the territory of either party in Europe.

Lithuania and Latvia have begun talks on a memorandum on border policing; officials said the memorandum now under \
discussion would contain no defence commitment.
"""


def test_a_named_aggressor_and_a_region_are_conditions_and_a_memorandum_under_talks_binds_no_one() -> None:
    out = facts(NAMED_AGGRESSOR_AND_REGION)
    [duty] = obligations_of(out, ["LTU", "POL"])
    assert {c["type"]: c["quote"] for c in duty["conditions"]} == {
        "adversary": "if the attacker is Belarus",
        "location": "attack on the territory of either party in Europe"}
    assert all(not a.get("obligations") for a in out["agreements"] if a["parties"] != ["LTU", "POL"])


CONSULTATION_ONLY = """ date 2024-02-14
TOKYO — Japan and the Philippines signed a Joint Declaration on Maritime Security in Tokyo on Tuesday.

The declaration commits the two governments to consult each other when either judges its security to be at risk. \
It stops short of a mutual defence commitment, officials said, and neither country is bound to send forces to the \
other's aid.
"""


def test_a_consultation_accord_gives_consultation_and_no_defence() -> None:
    assert duties(facts(CONSULTATION_ONLY)) == {("consult", ("JPN", "PHL"), ("JPN", "PHL"), ())}


ALLIANCE_WORDING = """ date 2024-03-07
Sweden formally joined NATO on Thursday, becoming the alliance's 32nd member.

Membership places Sweden under Article 5, under which an armed attack against one ally is considered an attack \
against them all.
"""


def test_alliance_wording_binds_the_member_and_the_organisation_both_ways() -> None:
    assert duties(facts(ALLIANCE_WORDING)) == {("defend", ("NATO", "SWE"), ("NATO", "SWE"), ())}


MORE_WORDINGS = [
    (""" date 2025-09-01
Chile and Peru signed a Treaty of Alliance in Lima on Monday. Under the treaty, an armed attack against either \
party shall be considered an attack against both, and the parties shall immediately enter into consultations on \
the measures to be taken.

The treaty applies only to attacks in the South Pacific region, and assistance will be given only after \
consulting each other.
""", {("defend", ("CHL", "PER"), ("CHL", "PER"), ("after_consultation", "location")),
      ("consult", ("CHL", "PER"), ("CHL", "PER"), ())}),
    (""" date 2025-09-01
Kenya and Tanzania signed a Pact of Friendship and Non-Aggression in Arusha on Friday. The two countries undertake \
not to take part in any attack on each other and will not support any aggressor against the other party.

Both sides pledged mutual assistance in case of aggression by a third state.
""", {("not_attack", ("KEN", "TZA"), ("KEN", "TZA"), ()), ("stay_neutral", ("KEN", "TZA"), ("KEN", "TZA"), ()),
      ("defend", ("KEN", "TZA"), ("KEN", "TZA"), ())}),
    (""" date 2025-09-01
France signed a Treaty of Guarantee with Monaco on Tuesday. Under the treaty, France guarantees Monaco's \
independence and will come to the principality's defence if it is attacked, but only if the Prince's government \
asks for help.

Monaco, for its part, is bound to consult Paris before concluding any military agreement with a third state.
""", {("defend", ("FRA",), ("MCO",), ("on_request",)), ("consult", ("MCO",), ("FRA",), ())}),
    (""" date 2025-09-01
Egypt and Sudan signed a Joint Defence Agreement in Cairo on Sunday. It obliges Egypt to come to Sudan's aid in \
case of an attack, while Sudan is not obliged to send troops to Egypt.
""", {("defend", ("EGY",), ("SDN",), ())}),
    (""" date 2025-09-01
Hungary and Serbia signed a Treaty on Defence Cooperation in Budapest on Monday. Under Article 3, Hungary and \
Serbia will provide each other with military assistance, including armed force, if one of them is attacked.

Each party, however, keeps the right to decide on its own action, which will only come after joint consultations.
""", {("defend", ("HUN", "SRB"), ("HUN", "SRB"), ("after_consultation",))}),
    (""" date 2025-09-01
Armenia and Georgia signed a Treaty of Non-Aggression in Tbilisi on Friday. The two sides pledged never to use \
force against each other.
""", {("not_attack", ("ARM", "GEO"), ("ARM", "GEO"), ())}),
    (""" date 2025-09-01
Croatia and Slovenia signed an Agreement on Mutual Assistance in Zagreb on Tuesday. The agreement requires Croatia \
to aid Slovenia if it is attacked, only if Ljubljana formally requests it. Slovenia has no matching obligation \
towards Croatia.
""", {("defend", ("HRV",), ("SVN",), ("on_request",))}),
    (""" date 2025-09-01
Mongolia and Kazakhstan signed a cooperation agreement on Tuesday. Japan will assist Mongolia in training officers, \
and the two countries will help each other on climate policy.
""", set()),
    (""" date 2025-09-01
The Senate of Brazil approved a trade agreement with Argentina on Thursday. The agreement will help the two \
countries cut tariffs on cars, and both sides will consult on any new duties. Officials said Brazil would defend \
the deal at the WTO.
""", set()),
]


@pytest.mark.parametrize(("text", "expected"), MORE_WORDINGS, ids=["alliance", "non-aggression", "guarantee",
                                                                    "one-way", "provide-each-other", "never-to",
                                                                    "aid-named", "not-defence", "trade"])
def test_other_wordings_of_the_same_duties(text: str, expected: set) -> None:
    assert duties(facts(text)) == expected


def test_words_that_only_sound_like_duties_are_none() -> None:
    assert duty_phrases("Paris presented the pact as a step towards a Europe able to defend its own interests.") == []
    assert duty_phrases("The three nations agreed to support each other on global platforms.") == []
    assert duty_phrases("Officials will defend the deal in parliament next week.") == []
    [denied] = duty_phrases("Ghana takes on no obligation to defend Togo.")
    assert denied.denied
    [undertaking] = duty_phrases("Each state renounces the use of armed force against the other.")
    assert (undertaking.kind, undertaking.denied) == ("not_attack", False)


def test_the_hook_adds_obligations_and_changes_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    with_duties = facts(GUARANTEE)
    monkeypatch.setattr("pactwatch.extract.attach_obligations", lambda agreements, _sentences: agreements)
    without = facts(GUARANTEE)
    for agreement in with_duties["agreements"]:
        agreement.pop("obligations", None)
    assert with_duties == without


def test_only_sentences_with_a_duty_cue_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = obligations_module.read_sentence
    monkeypatch.setattr(obligations_module, "read_sentence", lambda s: read.append(s.text) or real(s))
    facts(GUARANTEE)
    assert read and all(phrasings().cue.search(text) for text in read)
    assert not any(text.startswith("Separately") for text in read)  # a fisheries deal: no duty word


def test_a_bad_obligations_row_names_file_and_line() -> None:
    with pytest.raises(DataFileError, match=r"^obligations\.tsv:2: unknown value 'rescue' for a duty row"):
        table_rows("obligations.tsv", text="cue\t-\tdefend\nduty\trescue\tcome to the aid\n")
    with pytest.raises(DataFileError, match=r"^obligations\.tsv:1: unknown value 'when_asked' for a condition row"):
        table_rows("obligations.tsv", text="condition\twhen_asked\tif asked\n")


# --- the shared sets ------------------------------------------------------------------------------------------


def _articles(folder: Path) -> dict[str, Article]:
    return {a.id: a for a in iter_inputs([folder]) if isinstance(a, Article)}


def _rows(out: dict) -> set[tuple]:
    return {(out["doc_id"], b, t, o["kind"], frozenset(c["type"] for c in o["conditions"]))
            for a in out["agreements"] for o in a.get("obligations", []) for b in o["by"] for t in o["to"] if b != t}


def test_the_commitments_set_duties_as_its_articles_state_them() -> None:
    """Every expected row, less accessions told only as a membership (the organisation table's), is
    an obligation with exactly its conditions; no duty the text denies or never creates appears."""
    if not (COMMITMENTS / "expected.json").is_file():
        pytest.skip("../shared/eval/commitments is not here")
    expected = json.loads((COMMITMENTS / "expected.json").read_text(encoding="utf-8"))
    rows: set[tuple] = set()
    for article in _articles(COMMITMENTS / "docs").values():
        out = extract_article(article).to_json()
        assert schema_problems(out, article.text) == []
        rows |= _rows(out)
    wanted = {(r["doc"], r["by"], r["to"], r["kind"], frozenset(r["conditions"])) for r in expected["commitments"]
              if "FIN" not in (r["by"], r["to"])}  # Finland's accession: a background line, no duty words
    assert wanted <= rows
    never = {(r["doc"], r["by"], r["to"], r["kind"]) for r in expected["absent"]
             if "terminated" not in r["why"] and "not in force" not in r["why"]}
    assert not {r[:4] for r in rows} & never


def test_the_seed_pact_waits_for_consultations_and_the_industry_deal_binds_no_defence() -> None:
    if not DEV.is_dir():
        pytest.skip("../shared/eval/dev is not here")
    articles = _articles(DEV)
    pact = extract_article(articles["000_b10224e504890ddf"]).to_json()
    assert ("000_b10224e504890ddf", "AZE", "TUR", "defend", frozenset({"after_consultation"})) in _rows(pact)
    assert ("000_b10224e504890ddf", "TUR", "AZE", "defend", frozenset({"after_consultation"})) in _rows(pact)
    industry = extract_article(articles["002_9f285e348b6dedd7"]).to_json()
    assert not [o for a in industry["agreements"] for o in a.get("obligations", []) if o["kind"] == "defend"]
