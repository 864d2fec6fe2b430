"""Which title a merged record shows when articles spell one name differently (no NLP)."""

from __future__ import annotations

from pactwatch.facts import Agreement
from pactwatch.merge import SourcedAgreement, merge_agreements


def treaty(article: str, cluster: str, title: str) -> SourcedAgreement:
    return SourcedAgreement(article, cluster, "2025-01-01", Agreement(["CHL", "PER"], title=title, signed="2025-01"))


def test_the_spelling_most_articles_use_is_shown() -> None:
    records = merge_agreements([treaty("a", "c1", "Arica Treaty"), treaty("b", "c2", "Arica treaty"),
                                treaty("c", "c3", "Arica treaty")])
    assert [r.shown("title") for r in records] == ["Arica treaty"]


def test_a_names_own_spelling_before_a_headlines() -> None:
    """Equally supported forms of one name: not the shouted one, not the one with capital "On"/"And"."""
    shouted = merge_agreements([treaty("a", "c1", "ARICA TREATY"), treaty("b", "c2", "Arica Treaty")])
    assert [r.shown("title") for r in shouted] == ["Arica Treaty"]
    headline = merge_agreements([treaty("a", "c1", "Accord On Naval Cooperation And Patrols"),
                                 treaty("b", "c2", "Accord on Naval Cooperation and Patrols")])
    assert [r.shown("title") for r in headline] == ["Accord on Naval Cooperation and Patrols"]


def test_a_more_specific_title_still_wins_over_spelling() -> None:
    records = merge_agreements([treaty("a", "c1", "Arica treaty"), treaty("b", "c2", "Arica treaty"),
                                treaty("c", "c3", "Arica Treaty on Naval Patrols")])
    assert [r.shown("title") for r in records] == ["Arica Treaty on Naval Patrols"]


def test_words_that_restate_the_parties_or_the_term_do_not_tell_agreements_apart() -> None:
    """A headline names a pact by its parties ("Chile-Peru") or its term ("ten-year"); the body by
    what it is. Both are one agreement; a place in the name ("Arica", "Lima") still tells two apart."""
    same = merge_agreements([treaty("a", "c1", "ten-year defence cooperation agreement"),
                             treaty("b", "c2", "Chile-Peru defence agreement"),
                             treaty("c", "c3", "25-year Chile-Peru pact")])
    assert len(same) == 1
    apart = merge_agreements([treaty("a", "c1", "Treaty of Arica"), treaty("b", "c2", "Treaty of Lima")])
    assert len(apart) == 2
