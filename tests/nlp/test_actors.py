"""Actor resolution: names, demonyms, capitals, institutions, organisations, and the traps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.nlp.actors import actor_kind, actor_name, find_actors, resolve_actor


def codes(text: str) -> list[str]:
    return [a.code for a in find_actors(text)]


def test_names_demonyms_capitals_and_institutions() -> None:
    text = ("Azerbaijan`s parliament and the Turkish Parliament approved it; Baku and Ankara welcomed "
            "the vote, the Kremlin said, and South Korean and Papua New Guinea officials met at NATO.")
    assert codes(text) == ["AZE", "TUR", "AZE", "TUR", "RUS", "KOR", "PNG", "NATO"]
    found = find_actors(text)
    assert [a.how for a in found[:5]] == ["name", "demonym", "capital", "capital", "institution"]


def test_longest_match_and_offsets_slice_back() -> None:
    text = "Papua New Guinea, Guinea and the United Kingdom of Great Britain and Northern Ireland signed."
    found = find_actors(text, offset=100)
    assert [a.code for a in found] == ["PNG", "GIN", "GBR"]
    for a in found:
        assert text[a.start - 100:a.end - 100] == a.text


def test_dollar_signs_and_newspapers_are_not_states() -> None:
    assert codes("The deal is worth US$6.5 billion, the Washington Post reported.") == []
    assert codes("The US and the UN disagreed.") == ["USA", "UN"]


def test_resolve_single_names() -> None:
    assert resolve_actor("Ankara") == "TUR"
    assert resolve_actor("Azeri") == "AZE"
    assert resolve_actor("Sweden's") == "SWE"
    assert resolve_actor("the Knesset") == "ISR"
    assert resolve_actor("Atlantis") is None
    assert actor_name("TUR") == "Türkiye" and actor_name("NATO") == "NATO"
    assert actor_kind("NATO") == "org" and actor_kind("AZE") == "state"


@given(st.text(max_size=200))
def test_any_text_gives_mentions_that_slice_back(text: str) -> None:
    for a in find_actors(text):
        assert text[a.start:a.end] == a.text
