"""Whose official a person is, read from the text alone (nationality.py), on sentences of our own."""

from __future__ import annotations

import pytest

from pactwatch.article import Article
from pactwatch.nlp.nationality import stated_nationalities
from pactwatch.nlp.pipeline import analyse


def _people(text: str) -> dict[str, str]:
    return stated_nationalities(analyse(Article(id="t", text=text, source="t"), parse=False))


@pytest.mark.parametrize(("text", "name", "code"), [
    ("Turnout was low, according to Estonian Foreign Minister Maret Kask.", "Maret Kask", "EST"),
    ("Chile's defence minister, Ana Soto, opened the hearing.", "Ana Soto", "CHL"),
    ("Pablo Ruiz, Peru's foreign minister, left early.", "Pablo Ruiz", "PER"),
    ("Jonas Lind, the Swedish defence minister, declined to comment.", "Jonas Lind", "SWE"),
])
def test_office_and_state_around_a_name_give_its_nationality(text: str, name: str, code: str) -> None:
    people = _people(text)
    assert people[name] == code
    assert people[name.split()[-1]] == code


def test_hyphenated_surnames_are_known_by_their_last_part_too() -> None:
    people = _people("Polish Defence Minister Jan Nowak-Lis arrived.")
    assert people["Nowak-Lis"] == "POL" and people["Lis"] == "POL"


def test_the_state_an_envoy_is_posted_to_is_not_the_envoys_own() -> None:
    assert "Tom Reed" not in _people("The ambassador to Kenya, Tom Reed, spoke.")


def test_places_dates_and_bodies_are_no_people() -> None:
    people = _people("Chilean President Ana Soto spoke on Friday. The Chilean minister visited Santiago de Chile "
                     "on Monday, July 4. Chile's foreign minister addressed the World Economic Forum.")
    assert set(people) == {"Ana Soto", "Soto"}
