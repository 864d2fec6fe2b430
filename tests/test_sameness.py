"""One module decides "is this the same agreement" for extraction and for merging."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.article import Article
from pactwatch.extract import extract_article
from pactwatch.sameness import Features, best_match, date_refines, dates_compatible, finer_date, ruled_out

dates = st.dates().map(lambda d: d.isoformat()).flatmap(
    lambda iso: st.sampled_from([iso[:4], iso[:7], iso]))


@given(dates, dates)
def test_compatible_dates_are_symmetric_and_a_refinement_is_compatible(a: str, b: str) -> None:
    assert dates_compatible(a, b) == dates_compatible(b, a)
    if date_refines(a, b):
        assert dates_compatible(a, b) and len(b) > len(a)
    assert finer_date(a, b) in (a, b)


def test_a_date_is_refined_only_by_the_same_date_told_more_precisely() -> None:
    assert finer_date("2023", "2023-12") == "2023-12"
    assert finer_date("2023-12", "2024-01-05") == "2023-12"
    assert finer_date(None, "2024") == "2024"


def test_what_rules_identity_out() -> None:
    pair = frozenset({"ARG", "DNK"})
    deal = Features(pair, "defense_industry", signed="2024-04-16")
    assert ruled_out(Features(pair, signed="2024-03"), deal) == "signed on different dates"
    assert ruled_out(Features(pair, "trade", domain_stated=True), deal) == "a stated domain differs"
    assert ruled_out(Features(frozenset({"ARG"})), deal) == "parties differ"
    assert ruled_out(Features(pair, signed="2024-04"), deal) is None


def test_the_candidate_sharing_most_wins_then_the_tie_break() -> None:
    pair = frozenset({"EGY", "SDN"})
    candidates = [("dam", Features(pair, "other", words=frozenset({"dam", "nile"}))),
                  ("defence", Features(pair, "security", words=frozenset({"defen", "treaty"})))]
    assert best_match(Features(pair, words=frozenset({"nile"})), candidates) == "dam"
    assert best_match(Features(pair), candidates, tie_break=lambda name: name != "defence") == "defence"


def test_a_letter_of_intent_signed_earlier_is_another_agreement_than_the_deal() -> None:
    text = ("Chile buys Peruvian jets\n\nChile's defence minister signed a deal on Tuesday to buy 12 of Peru's "
            "F-16 fighter jets.\n\nIn March, the Peruvian minister visited Chile and signed a letter of intent "
            "to sell some of Peru's F-16 jets.")
    found = extract_article(Article(id="t", text=text, source="test", published="2024-04-17")).agreements
    assert sorted(a.signed for a in found) == ["2024-03", "2024-04-16"]
