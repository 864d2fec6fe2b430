"""Places inside a state: found apart from actors, resolved to the state they lie in."""

from __future__ import annotations

import pytest

from pactwatch.gazetteer import resolve_place, subdivision_places
from pactwatch.nlp.actors import find_actors, find_places


@pytest.mark.parametrize(("text", "code", "name"), [
    ("Live-fire drills were held in Queensland last week.", "AUS", "Queensland"),
    ("The drill took place in Kampong Speu province.", "KHM", "Kampong Speu province"),
    ("A drone strike hit the Odesa region overnight.", "UKR", "Odesa region"),
    ("Both navies trained off the Northern Territory.", "AUS", "Northern Territory"),
    ("The frigates called at Busan before sailing on.", "KOR", "Busan"),
    ("Talks continued in Karachi on Tuesday.", "PAK", "Karachi"),
    ("Construction at Ream Naval Base was completed.", "KHM", "Ream"),
    ("The regiment is stationed in Gyeonggi Province.", "KOR", "Gyeonggi Province"),
    ("Ministers met in Sydney's harbourside convention centre.", "AUS", "Sydney"),
    ("Engineers arrived in Maharashtra to inspect the plant.", "IND", "Maharashtra"),
])
def test_places_resolve_to_their_state(text: str, code: str, name: str) -> None:
    assert [(p.code, p.text, p.kind) for p in find_places(text)] == [(code, name, "place")]


@pytest.mark.parametrize("text", [
    "The Sydney Morning Herald first reported the deal.",  # a newspaper, not the city
    "Georgia signed the accord with Armenia.",  # a state's own name is an actor, not a place
    "Officials from the Eastern Province attended.",  # a compass name several states use
    "Virginia Woolf's essays were quoted.",  # a given name
    "The Punjab government protested.",  # a name two states share
])
def test_names_that_are_not_unambiguous_places(text: str) -> None:
    assert find_places(text) == []


@pytest.mark.parametrize("text", [
    "Australia and Japan held talks in Queensland.",
    "Ukraine and Poland signed the deal in the Odesa region.",
    "Busan hosted the South Korean and US navies.",
])
def test_places_never_become_actors(text: str) -> None:
    assert all(a.kind in ("state", "org") for a in find_actors(text))
    assert not any(a.text in ("Queensland", "Odesa", "Busan") for a in find_actors(text))


@pytest.mark.parametrize(("name", "code"), [
    ("Queensland", "AUS"), ("the Northern Territory", "AUS"), ("Kharkiv region", "UKR"), ("Busan", "KOR"),
    ("Ankara", "TUR"), ("Turkey", "TUR"), ("Atlantis", None),
])
def test_resolve_place(name: str, code: str | None) -> None:
    assert resolve_place(name) == code


def test_subdivisions_leave_out_what_a_state_or_another_state_claims() -> None:
    places = subdivision_places({"Georgia"})
    assert places["Queensland"] == "AUS" and places["Guangdong"] == "CHN"
    assert "Georgia" not in places and "Punjab" not in places  # a state's name; shared by IND and PAK
    assert all(" " in name or len(name) >= 6 for name in places)
